/**
 * xz (LZMA2) and legacy .lzma decompression for the secret search: node:zlib
 * has neither, and `xz -d` is how a script unpacks a value it was shipped
 * compressed. The xz container as xz-utils writes it (blocks with the LZMA2
 * filter alone; a BCJ or delta filter is refused) and the .lzma "alone"
 * format with its default properties. Bounded like bzip2.ts: output stops at
 * the budget, a dictionary larger than the budget needs is never allocated
 * (the output is the dictionary), and checks and CRCs are not verified: a
 * value that decodes is read whatever its checksum says.
 */
import { stopShort } from './search-budget.js';

const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] as const;
/** lc=3, lp=0, pb=2: the properties byte `lzma` and Python's FORMAT_ALONE write by default. */
const ALONE_DEFAULT_PROPS = 0x5d;
const LZMA2_FILTER = 0x21;

export function looksLikeXz(bytes: Uint8Array): boolean {
  return bytes.length >= 24 && XZ_MAGIC.every((b, i) => bytes[i] === b);
}

export function looksLikeLzmaAlone(bytes: Uint8Array): boolean {
  // Properties, a 4-byte dictionary size (LE), an 8-byte uncompressed size, then the range coder's zero byte.
  return bytes.length >= 19 && bytes[0] === ALONE_DEFAULT_PROPS && bytes[13] === 0;
}

class OverBudget extends Error {}
class Corrupt extends Error {}

/** The decoded bytes of an xz stream, or undefined when it is not one this reads. */
export function unxz(bytes: Uint8Array, maxOutput: number): Buffer | undefined {
  return guarded(() => {
    const out = new Output(maxOutput);
    // Stream flags: the check type decides how many bytes follow each block.
    const checkSize = CHECK_SIZES[(bytes[7] ?? 0) & 0x0f] ?? 0;
    let at = 12;
    for (;;) {
      const sizeByte = byteAt(bytes, at);
      if (sizeByte === 0) break; // the index: no more blocks
      const headerEnd = at + (sizeByte + 1) * 4;
      const flags = byteAt(bytes, at + 1);
      if ((flags & 0x03) !== 0) throw new Corrupt('a filter chain beside LZMA2');
      let p = at + 2;
      if (flags & 0x40) p = varint(bytes, p).next;
      if (flags & 0x80) p = varint(bytes, p).next;
      const id = varint(bytes, p);
      const propsSize = varint(bytes, id.next);
      if (id.value !== LZMA2_FILTER || propsSize.value !== 1) throw new Corrupt('not LZMA2');
      const end = lzma2(bytes, headerEnd, out);
      at = end + ((4 - (end % 4)) % 4) + checkSize;
    }
    return out.bytes();
  });
}

/** The decoded bytes of a .lzma ("alone") stream. */
export function unlzma(bytes: Uint8Array, maxOutput: number): Buffer | undefined {
  return guarded(() => {
    const out = new Output(maxOutput);
    const low = readUInt32LE(bytes, 5);
    const high = readUInt32LE(bytes, 9);
    const known = !(low === 0xffffffff && high === 0xffffffff);
    const size = high * 2 ** 32 + low;
    if (known && size > maxOutput) throw new OverBudget();
    const decoder = new Lzma(out, ALONE_DEFAULT_PROPS);
    decoder.decode(new RangeDecoder(bytes, 13), known ? size : maxOutput + 1, !known);
    return out.bytes();
  });
}

function guarded(decode: () => Buffer): Buffer | undefined {
  try {
    return decode();
  } catch (error) {
    if (error instanceof OverBudget) stopShort('decode-budget');
    if (error instanceof OverBudget || error instanceof Corrupt || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Bytes after each block per check type (none, CRC32, CRC64, SHA-256 and the reserved widths). */
const CHECK_SIZES = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64] as const;

function byteAt(bytes: Uint8Array, at: number): number {
  const b = bytes[at];
  if (b === undefined) throw new Corrupt('end of data');
  return b;
}

function readUInt32LE(bytes: Uint8Array, at: number): number {
  return (byteAt(bytes, at) | (byteAt(bytes, at + 1) << 8) | (byteAt(bytes, at + 2) << 16)) + byteAt(bytes, at + 3) * 2 ** 24;
}

function varint(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const b = byteAt(bytes, at + i);
    value += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return { value, next: at + i + 1 };
  }
  throw new Corrupt('varint');
}

/** The decoded output, which is also the dictionary matches copy from. */
class Output {
  private buf: Uint8Array = new Uint8Array(256);
  length = 0;
  /** Where the last dictionary reset happened: no match reaches before it. */
  start = 0;
  constructor(private readonly max: number) {}
  push(b: number): void {
    if (this.length >= this.max) throw new OverBudget();
    if (this.length === this.buf.length) {
      const grown = new Uint8Array(Math.min(this.buf.length * 2, this.max + 1));
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf[this.length++] = b;
  }
  /** The byte `distance` + 1 back (0 is the last one). */
  back(distance: number): number {
    if (distance >= this.length - this.start) throw new Corrupt('distance');
    return this.buf[this.length - 1 - distance] ?? 0;
  }
  bytes(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.length));
  }
}

/** The LZMA2 chunks of one block from `at`; returns where they end. */
function lzma2(bytes: Uint8Array, at: number, out: Output): number {
  let decoder: Lzma | undefined;
  let p = at;
  for (;;) {
    const control = byteAt(bytes, p);
    if (control === 0x00) return p + 1;
    if (control === 0x01 || control === 0x02) {
      // An uncompressed chunk (0x01 also resets the dictionary).
      if (control === 0x01) out.start = out.length;
      const size = ((byteAt(bytes, p + 1) << 8) | byteAt(bytes, p + 2)) + 1;
      for (let i = 0; i < size; i++) out.push(byteAt(bytes, p + 3 + i));
      p += 3 + size;
      continue;
    }
    if (control < 0x80) throw new Corrupt('LZMA2 control byte');
    const unpacked = ((control & 0x1f) << 16) + ((byteAt(bytes, p + 1) << 8) | byteAt(bytes, p + 2)) + 1;
    const packed = ((byteAt(bytes, p + 3) << 8) | byteAt(bytes, p + 4)) + 1;
    const reset = (control >> 5) & 3;
    p += 5;
    if (reset === 3) out.start = out.length;
    if (reset >= 2) {
      decoder = new Lzma(out, byteAt(bytes, p));
      p += 1;
    } else if (decoder === undefined) throw new Corrupt('LZMA2 chunk without properties');
    else if (reset === 1) decoder.reset();
    decoder.decode(new RangeDecoder(bytes.subarray(0, p + packed), p), unpacked, false);
    p += packed;
  }
}

const PROB_INIT = 1024;

class RangeDecoder {
  private range = 0xffffffff;
  private code = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private at: number,
  ) {
    if (byteAt(bytes, at) !== 0) throw new Corrupt('range coder');
    for (let i = 1; i < 5; i++) this.code = this.code * 256 + byteAt(bytes, at + i);
    this.at += 5;
  }
  private normalize(): void {
    if (this.range < 0x1000000) {
      this.range *= 256;
      this.code = this.code * 256 + byteAt(this.bytes, this.at++);
    }
  }
  bit(probs: Uint16Array, i: number): number {
    const p = probs[i] ?? PROB_INIT;
    const bound = (this.range >>> 11) * p;
    let bit: number;
    if (this.code < bound) {
      this.range = bound;
      probs[i] = p + ((2048 - p) >> 5);
      bit = 0;
    } else {
      this.range -= bound;
      this.code -= bound;
      probs[i] = p - (p >> 5);
      bit = 1;
    }
    this.normalize();
    return bit;
  }
  direct(count: number): number {
    let v = 0;
    for (let i = 0; i < count; i++) {
      this.range = this.range >>> 1;
      let bit = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        bit = 1;
      }
      v = v * 2 + bit;
      this.normalize();
    }
    return v;
  }
  /** A bit tree of `count` bits at `base`, most significant first. */
  tree(probs: Uint16Array, base: number, count: number): number {
    let m = 1;
    for (let i = 0; i < count; i++) m = (m << 1) | this.bit(probs, base + m);
    return m - (1 << count);
  }
  /** A bit tree read least significant first (distances' low bits). */
  reverse(probs: Uint16Array, base: number, count: number): number {
    let m = 1;
    let v = 0;
    for (let i = 0; i < count; i++) {
      const bit = this.bit(probs, base + m);
      m = (m << 1) | bit;
      v |= bit << i;
    }
    return v;
  }
}

/** Match lengths: choice bits, then 8 low, 8 middle or 256 high lengths (per position state). */
class LengthDecoder {
  private readonly probs = new Uint16Array(2 + 16 * 8 * 2 + 256).fill(PROB_INIT);
  decode(rc: RangeDecoder, posState: number): number {
    if (rc.bit(this.probs, 0) === 0) return rc.tree(this.probs, 2 + posState * 8 - 1, 3);
    if (rc.bit(this.probs, 1) === 0) return 8 + rc.tree(this.probs, 2 + 128 + posState * 8 - 1, 3);
    return 16 + rc.tree(this.probs, 2 + 256 - 1, 8);
  }
}

const STATES = 12;
const END_POS_MODEL = 14;
const ALIGN_BITS = 4;

/** The LZMA decoder proper: its probabilities, state and last four distances survive across chunks. */
class Lzma {
  private readonly lc: number;
  private readonly lpMask: number;
  private readonly pbMask: number;
  private literal!: Uint16Array;
  private isMatch!: Uint16Array;
  private isRep!: Uint16Array;
  private isRepG0!: Uint16Array;
  private isRepG1!: Uint16Array;
  private isRepG2!: Uint16Array;
  private isRep0Long!: Uint16Array;
  private posSlot!: Uint16Array;
  private posSpecial!: Uint16Array;
  private align!: Uint16Array;
  private lengths!: LengthDecoder;
  private repLengths!: LengthDecoder;
  private state = 0;
  private reps = [0, 0, 0, 0];

  constructor(
    private readonly out: Output,
    props: number,
  ) {
    if (props >= 9 * 5 * 5) throw new Corrupt('LZMA properties');
    this.lc = props % 9;
    const lp = Math.floor(props / 9) % 5;
    const pb = Math.floor(props / 45);
    if (this.lc + lp > 4) throw new Corrupt('LZMA properties');
    this.lpMask = (1 << lp) - 1;
    this.pbMask = (1 << pb) - 1;
    this.reset();
  }

  reset(): void {
    const probs = (n: number): Uint16Array => new Uint16Array(n).fill(PROB_INIT);
    this.literal = probs(0x300 << (this.lc + Math.log2(this.lpMask + 1)));
    this.isMatch = probs(STATES << 4);
    this.isRep = probs(STATES);
    this.isRepG0 = probs(STATES);
    this.isRepG1 = probs(STATES);
    this.isRepG2 = probs(STATES);
    this.isRep0Long = probs(STATES << 4);
    this.posSlot = probs(4 * 64);
    this.posSpecial = probs(115);
    this.align = probs(1 << ALIGN_BITS);
    this.lengths = new LengthDecoder();
    this.repLengths = new LengthDecoder();
    this.state = 0;
    this.reps = [0, 0, 0, 0];
  }

  /** Decodes `size` bytes (or up to the end marker when `marker` allows one). */
  decode(rc: RangeDecoder, size: number, marker: boolean): void {
    const out = this.out;
    const stop = out.length + size;
    while (out.length < stop) {
      const posState = out.length & this.pbMask;
      if (rc.bit(this.isMatch, (this.state << 4) + posState) === 0) {
        this.literalByte(rc);
        continue;
      }
      let length: number;
      if (rc.bit(this.isRep, this.state) === 0) {
        length = this.lengths.decode(rc, posState);
        const distance = this.distance(rc, length);
        if (distance === 0xffffffff) {
          if (marker) return;
          throw new Corrupt('end marker');
        }
        this.reps = [distance, this.reps[0] ?? 0, this.reps[1] ?? 0, this.reps[2] ?? 0];
        this.state = this.state < 7 ? 7 : 10;
      } else {
        if (rc.bit(this.isRepG0, this.state) === 0) {
          if (rc.bit(this.isRep0Long, (this.state << 4) + posState) === 0) {
            this.state = this.state < 7 ? 9 : 11;
            out.push(out.back(this.reps[0] ?? 0));
            continue;
          }
        } else {
          const [r0 = 0, r1 = 0, r2 = 0, r3 = 0] = this.reps;
          if (rc.bit(this.isRepG1, this.state) === 0) this.reps = [r1, r0, r2, r3];
          else if (rc.bit(this.isRepG2, this.state) === 0) this.reps = [r2, r0, r1, r3];
          else this.reps = [r3, r0, r1, r2];
        }
        length = this.repLengths.decode(rc, posState);
        this.state = this.state < 7 ? 8 : 11;
      }
      const distance = this.reps[0] ?? 0;
      for (let i = 0; i < length + 2; i++) {
        if (out.length >= stop) throw new Corrupt('a match past the chunk');
        out.push(out.back(distance));
      }
    }
  }

  private literalByte(rc: RangeDecoder): void {
    const out = this.out;
    const prev = out.length > out.start ? out.back(0) : 0;
    const base = 0x300 * (((out.length & this.lpMask) << this.lc) + (prev >> (8 - this.lc)));
    let symbol = 1;
    if (this.state >= 7) {
      // After a match: the byte at the last distance steers the first bits.
      let match = out.back(this.reps[0] ?? 0);
      while (symbol < 0x100) {
        const matchBit = (match >> 7) & 1;
        match <<= 1;
        const bit = rc.bit(this.literal, base + ((1 + matchBit) << 8) + symbol);
        symbol = (symbol << 1) | bit;
        if (bit !== matchBit) break;
      }
    }
    while (symbol < 0x100) symbol = (symbol << 1) | rc.bit(this.literal, base + symbol);
    out.push(symbol & 0xff);
    this.state = this.state < 4 ? 0 : this.state < 10 ? this.state - 3 : this.state - 6;
  }

  private distance(rc: RangeDecoder, length: number): number {
    const slot = rc.tree(this.posSlot, Math.min(length, 3) * 64 - 1, 6);
    if (slot < 4) return slot;
    const directBits = (slot >> 1) - 1;
    let distance = (2 | (slot & 1)) * 2 ** directBits;
    if (slot < END_POS_MODEL) return distance + rc.reverse(this.posSpecial, distance - slot - 1, directBits);
    distance += rc.direct(directBits - ALIGN_BITS) * 2 ** ALIGN_BITS;
    return distance + rc.reverse(this.align, -1, ALIGN_BITS);
  }
}
