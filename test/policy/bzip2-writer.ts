/**
 * A bzip2 stream written the simplest valid way, for the red-team corpus
 * (Node 20 writes no bzip2): one block, the initial run-length coding, the
 * Burrows-Wheeler transform by sorting rotations (inputs here are a few KB),
 * move-to-front with RUNA/RUNB zero runs, and two identical Huffman tables
 * of equal-length codes. The CRCs are right, so bzip2 itself reads it
 * (checked when written: `bzip2 -d` and Python's bz2 give the input back).
 * The gate's reader is src/policy/bzip2.ts.
 */
class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private count = 0;
  write(n: number, value: number): void {
    for (let i = n - 1; i >= 0; i--) {
      this.current = (this.current << 1) | ((value >>> i) & 1);
      if (++this.count === 8) {
        this.bytes.push(this.current);
        this.current = 0;
        this.count = 0;
      }
    }
  }
  finish(): Buffer {
    if (this.count > 0) this.bytes.push(this.current << (8 - this.count));
    return Buffer.from(this.bytes);
  }
}

function crc32Bzip2(data: Buffer): number {
  let crc = 0xffffffff;
  for (const b of data) {
    crc ^= b << 24;
    for (let k = 0; k < 8; k++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return ~crc >>> 0;
}

function initialRunLength(data: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.length; ) {
    const b = data[i] ?? 0;
    let run = 1;
    while (i + run < data.length && data[i + run] === b && run < 255 + 4) run++;
    if (run >= 4) out.push(b, b, b, b, run - 4);
    else for (let r = 0; r < run; r++) out.push(b);
    i += run;
  }
  return out;
}

export function bzip2Of(data: Buffer): Buffer {
  const block = initialRunLength(data);
  const n = block.length;
  const rotations = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    for (let k = 0; k < n; k++) {
      const d = (block[(a + k) % n] ?? 0) - (block[(b + k) % n] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
  const origPtr = rotations.indexOf(0);
  const last = rotations.map((r) => block[(r + n - 1) % n] ?? 0);
  const inUse = [...new Set(last)].sort((a, b) => a - b);
  const mtf = inUse.map((_, i) => i);
  const symbols: number[] = [];
  let zeros = 0;
  const flushZeros = (): void => {
    if (zeros === 0) return;
    let z = zeros - 1;
    for (;;) {
      symbols.push(z & 1);
      if (z < 2) break;
      z = (z - 2) >> 1;
    }
    zeros = 0;
  };
  for (const b of last) {
    const j = mtf.indexOf(inUse.indexOf(b));
    if (j === 0) {
      zeros++;
      continue;
    }
    flushZeros();
    mtf.unshift(...mtf.splice(j, 1));
    symbols.push(j + 1);
  }
  flushZeros();
  const alphaSize = inUse.length + 2;
  symbols.push(alphaSize - 1);
  const codeLength = Math.max(1, Math.ceil(Math.log2(alphaSize)));

  const w = new BitWriter();
  for (const c of 'BZh9') w.write(8, c.charCodeAt(0));
  w.write(24, 0x314159);
  w.write(24, 0x265359);
  const crc = crc32Bzip2(data);
  w.write(32, crc);
  w.write(1, 0);
  w.write(24, origPtr);
  let used = 0;
  for (const b of inUse) used |= 1 << (15 - (b >> 4));
  w.write(16, used);
  for (let i = 0; i < 16; i++) {
    if (!((used >> (15 - i)) & 1)) continue;
    let row = 0;
    for (const b of inUse) if (b >> 4 === i) row |= 1 << (15 - (b & 15));
    w.write(16, row);
  }
  const selectors = Math.ceil(symbols.length / 50);
  w.write(3, 2);
  w.write(15, selectors);
  for (let i = 0; i < selectors; i++) w.write(1, 0);
  for (let t = 0; t < 2; t++) {
    w.write(5, codeLength);
    for (let s = 0; s < alphaSize; s++) w.write(1, 0);
  }
  for (const s of symbols) w.write(codeLength, s);
  w.write(24, 0x177245);
  w.write(24, 0x385090);
  w.write(32, crc);
  return w.finish();
}
