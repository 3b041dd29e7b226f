/**
 * st2's HashPartitioner hash of a sensor ref (st2reactor/container/hash_partitioner.py
 * _hash_sensor_ref): the decimal digits of the ref's MD5 read from the last one, each
 * folded into a 32-bit word (rotate left by 5, xor the digit).
 */
import { createHash } from 'node:crypto';

export function sensorRefHash(ref: string): number {
  const digits = BigInt(`0x${createHash('md5').update(ref, 'utf8').digest('hex')}`).toString(10);
  let h = 0;
  for (let k = digits.length - 1; k >= 0; k--) {
    const high = (h & 0xf8000000) >>> 27;
    h = ((h << 5) ^ high ^ Number(digits[k])) >>> 0;
  }
  return h;
}
