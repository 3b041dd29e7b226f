/**
 * bzip2 decompression for the secret search (node:zlib has none): the
 * format as bzip2 1.0 writes it, decoded the plain way (Huffman groups by
 * selector, RUNA/RUNB zero runs, move-to-front, the inverse Burrows-Wheeler
 * transform, the initial run-length coding). Bounded: a block larger than
 * the output budget could need is refused before its tables are built,
 * output stops at the budget, and the header's limits (2-6 tables, 20-bit
 * codes, 18,002 selectors) are checked. CRCs are not checked: a value that
 * decodes is read whatever its checksum says. Randomised blocks (a
 * deprecated bzip2 0.9 feature) are refused.
 */
import { stopShort } from './search-budget.js';

class Bits {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  /** `n` bits (n ≤ 24), most significant first; throws past the end. */
  read(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++, this.at++) {
      const byte = this.bytes[this.at >> 3];
      if (byte === undefined) throw new RangeError('bzip2: end of data');
      v = (v << 1) | ((byte >> (7 - (this.at & 7))) & 1);
    }
    return v;
  }
  bit(): number {
    return this.read(1);
  }
  get position(): number {
    return this.at;
  }
  get done(): boolean {
    return this.at >= this.bytes.length * 8;
  }
}

const BLOCK_MAGIC = [0x314159, 0x265359] as const;
const END_MAGIC = [0x177245, 0x385090] as const;
const MAX_SELECTORS = 18002;

/** A canonical Huffman table as bzip2 builds it: codes by length, then by symbol. */
interface Table {
  readonly minLen: number;
  readonly limit: Int32Array;
  readonly base: Int32Array;
  readonly perm: Int32Array;
}

function table(lengths: readonly number[]): Table {
  const minLen = Math.min(...lengths);
  const maxLen = Math.max(...lengths);
  const perm = new Int32Array(lengths.length);
  let p = 0;
  for (let len = minLen; len <= maxLen; len++) for (let s = 0; s < lengths.length; s++) if (lengths[s] === len) perm[p++] = s;
  const count = new Int32Array(22);
  for (const len of lengths) count[len + 1] = (count[len + 1] ?? 0) + 1;
  const base = new Int32Array(22);
  for (let i = 1; i < 22; i++) base[i] = (base[i - 1] ?? 0) + (count[i] ?? 0);
  const limit = new Int32Array(22).fill(-1);
  let code = 0;
  for (let len = minLen; len <= maxLen; len++) {
    code += (base[len + 1] ?? 0) - (base[len] ?? 0);
    limit[len] = code - 1;
    code <<= 1;
  }
  for (let len = minLen + 1; len <= maxLen; len++) base[len] = (((limit[len - 1] ?? 0) + 1) << 1) - (base[len] ?? 0);
  return { minLen, limit, base, perm };
}

function decodeSymbol(bits: Bits, t: Table): number {
  let len = t.minLen;
  let code = bits.read(len);
  while (len <= 20) {
    if (code <= (t.limit[len] ?? -1)) {
      const symbol = t.perm[code - (t.base[len] ?? 0)];
      if (symbol === undefined) throw new RangeError('bzip2: bad code');
      return symbol;
    }
    code = (code << 1) | bits.bit();
    len++;
  }
  throw new RangeError('bzip2: bad code');
}

/** One block's bytes after the inverse BWT (before the initial run-length decoding). */
function readBlock(bits: Bits, maxBlock: number): Uint8Array {
  bits.read(16);
  bits.read(16); // block CRC, not checked
  if (bits.bit()) throw new RangeError('bzip2: randomised block');
  const origPtr = bits.read(24);
  const used = bits.read(16);
  const unseq: number[] = [];
  for (let i = 0; i < 16; i++) {
    if (!((used >> (15 - i)) & 1)) continue;
    const row = bits.read(16);
    for (let j = 0; j < 16; j++) if ((row >> (15 - j)) & 1) unseq.push(i * 16 + j);
  }
  if (unseq.length === 0) throw new RangeError('bzip2: no symbols');
  const alphaSize = unseq.length + 2;
  const groups = bits.read(3);
  const selectorCount = bits.read(15);
  if (groups < 2 || groups > 6 || selectorCount < 1 || selectorCount > MAX_SELECTORS) throw new RangeError('bzip2: bad header');
  const mtfGroups = Array.from({ length: groups }, (_, i) => i);
  const selectors = new Uint8Array(selectorCount);
  for (let i = 0; i < selectorCount; i++) {
    let j = 0;
    while (bits.bit()) if (++j >= groups) throw new RangeError('bzip2: bad selector');
    const g = mtfGroups.splice(j, 1)[0] ?? 0;
    mtfGroups.unshift(g);
    selectors[i] = g;
  }
  const tables: Table[] = [];
  for (let g = 0; g < groups; g++) {
    const lengths: number[] = [];
    let len = bits.read(5);
    for (let s = 0; s < alphaSize; s++) {
      for (;;) {
        if (len < 1 || len > 20) throw new RangeError('bzip2: bad code length');
        if (!bits.bit()) break;
        len += bits.bit() ? -1 : 1;
      }
      lengths.push(len);
    }
    tables.push(table(lengths));
  }
  // Symbols: RUNA/RUNB runs of the front symbol, move-to-front indexes, end of block.
  const mtf = Array.from({ length: unseq.length }, (_, i) => i);
  const block = new Uint8Array(maxBlock);
  let n = 0;
  let run = 0;
  let runBit = 1;
  const flushRun = (): void => {
    if (run === 0) return;
    if (n + run > maxBlock) throw new RangeError('bzip2: block over budget');
    block.fill(unseq[mtf[0] ?? 0] ?? 0, n, n + run);
    n += run;
    run = 0;
    runBit = 1;
  };
  for (let group = 0; ; group++) {
    const selector = selectors[group];
    if (selector === undefined) throw new RangeError('bzip2: out of selectors');
    const t = tables[selector];
    if (t === undefined) throw new RangeError('bzip2: bad selector');
    let eob = false;
    for (let i = 0; i < 50; i++) {
      const symbol = decodeSymbol(bits, t);
      if (symbol <= 1) {
        run += runBit << symbol;
        runBit <<= 1;
        if (run > maxBlock) throw new RangeError('bzip2: block over budget');
        continue;
      }
      flushRun();
      if (symbol === alphaSize - 1) {
        eob = true;
        break;
      }
      const index = symbol - 1;
      const value = mtf.splice(index, 1)[0] ?? 0;
      mtf.unshift(value);
      if (n >= maxBlock) throw new RangeError('bzip2: block over budget');
      block[n++] = unseq[value] ?? 0;
    }
    if (eob) break;
  }
  if (origPtr >= n) throw new RangeError('bzip2: bad origin');
  // Inverse BWT: T[cumulative count of L[i]] = i, then follow T from the original row.
  const cumulative = new Int32Array(256);
  for (let i = 0; i < n; i++) { const b = block[i] ?? 0; cumulative[b] = (cumulative[b] ?? 0) + 1; }
  for (let b = 0, sum = 0; b < 256; b++) {
    const c = cumulative[b] ?? 0;
    cumulative[b] = sum;
    sum += c;
  }
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const b = block[i] ?? 0;
    next[cumulative[b] ?? 0] = i;
    cumulative[b] = (cumulative[b] ?? 0) + 1;
  }
  const out = new Uint8Array(n);
  let pos = next[origPtr] ?? 0;
  for (let k = 0; k < n; k++) {
    out[k] = block[pos] ?? 0;
    pos = next[pos] ?? 0;
  }
  return out;
}

/** True when the bytes start like a bzip2 stream (`BZh1`..`BZh9`, then a block or the end). */
export function looksLikeBzip2(bytes: Uint8Array): boolean {
  return bytes.length >= 14 && bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68 && (bytes[3] ?? 0) >= 0x31 && (bytes[3] ?? 0) <= 0x39 && (bytes[4] === 0x31 || bytes[4] === 0x17);
}

/**
 * The decompressed bytes of a bzip2 stream (concatenated streams too), at
 * most `maxOutput`; undefined when it is no valid stream or decompresses to more.
 */
export function bunzip2(bytes: Uint8Array, maxOutput: number): Buffer | undefined {
  const bits = new Bits(bytes);
  const out: number[] = [];
  try {
    while (!bits.done) {
      if (bits.read(8) !== 0x42 || bits.read(8) !== 0x5a || bits.read(8) !== 0x68) return undefined;
      const level = bits.read(8) - 0x30;
      if (level < 1 || level > 9) return undefined;
      // Four bytes of the initial coding are at least three of output: a larger block cannot fit.
      const maxBlock = Math.min(level * 100_000, Math.ceil((maxOutput * 4) / 3) + 4);
      for (;;) {
        const hi = bits.read(24);
        const lo = bits.read(24);
        if (hi === END_MAGIC[0] && lo === END_MAGIC[1]) break;
        if (hi !== BLOCK_MAGIC[0] || lo !== BLOCK_MAGIC[1]) return undefined;
        // The initial run-length coding, block by block: four equal bytes, then a count of more.
        let last = -1;
        let same = 0;
        for (const b of readBlock(bits, maxBlock)) {
          if (same === 4) {
            if (out.length + b > maxOutput) return overBudget();
            for (let r = 0; r < b; r++) out.push(last);
            same = 0;
            continue;
          }
          same = b === last ? same + 1 : 1;
          last = b;
          out.push(b);
          if (out.length > maxOutput) return overBudget();
        }
      }
      bits.read(32); // stream CRC, not checked
      // Streams end on a byte boundary; padding up to it.
      while (!bits.done && bits.position % 8 !== 0) bits.bit();
    }
  } catch (error) {
    if (error instanceof RangeError && error.message.endsWith('over budget')) stopShort('decode-budget');
    return undefined;
  }
  return Buffer.from(out);
}

/** Output past the budget: not read, and the search of this value stops short (search-budget.ts). */
function overBudget(): undefined {
  stopShort('decode-budget');
  return undefined;
}
