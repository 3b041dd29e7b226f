/**
 * Brotli (RFC 7932) has no magic number, and a failed decompression throws
 * (costly when tried on every binary value of a render). mayBeBrotli reads
 * the stream header (window size) and the first meta-block header from the
 * first bytes and answers false when they cannot start a stream that
 * decompresses to something: a reserved window size, an empty last block, a
 * reserved bit set or a length with a superfluous zero nibble.
 */

class BitReader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  /** `n` bits, least significant first as brotli packs them; undefined past the end. */
  read(n: number): number | undefined {
    let value = 0;
    for (let i = 0; i < n; i++, this.at++) {
      const byte = this.bytes[this.at >> 3];
      if (byte === undefined) return undefined;
      value |= ((byte >> (this.at & 7)) & 1) << i;
    }
    return value;
  }
}

export function mayBeBrotli(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const r = new BitReader(bytes);
  // WBITS: 0 = 16; 1 and three bits n != 0: 17 + n; 1, 000 and three bits m: 17 (m = 0), 8 + m (m > 1); m = 1 is reserved.
  if (r.read(1) === 1 && r.read(3) === 0 && r.read(3) === 1) return false;
  const isLast = r.read(1);
  if (isLast === 1 && r.read(1) === 1) return false; // ISLASTEMPTY: no output at all
  const nibbles = r.read(2);
  if (nibbles === undefined) return false;
  if (nibbles === 3) return r.read(1) === 0; // a metadata block: its reserved bit is 0
  const count = nibbles + 4;
  let last = 0;
  for (let i = 0; i < count; i++) {
    const nibble = r.read(4);
    if (nibble === undefined) return false;
    last = nibble;
  }
  // MLEN's highest nibble may be zero only when it has four nibbles.
  return count === 4 || last !== 0;
}
