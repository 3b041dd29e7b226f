/**
 * LZ4 decompression for the secret search (`lz4 -dc`, python-lz4's
 * lz4.frame): the frame format (magic 0x184D2204) and the legacy format
 * `lz4 -l` writes (magic 0x184C2102), read as lz4/lz4's
 * doc/lz4_Frame_format.md and doc/lz4_Block_format.md define them. Node has
 * no LZ4, and the block format is a few lines, so it is decoded here.
 *
 * Bounded: output past `maxOutput` (and a frame whose declared content size
 * is over it) stops the decoding and notes the search as stopped short; each
 * sequence of a block costs its own bytes, so the work is linear in input
 * plus output. Checksums are skipped (the spec lets a decoder ignore them:
 * a frame with a bad one still holds what it holds), a frame that needs a
 * dictionary the render does not give is no text.
 */
import { stopShort } from './search-budget.js';

export const LZ4_MAGIC = 0x184d2204;
const LZ4_LEGACY_MAGIC = 0x184c2102;
/** Frames read from one stream (`lz4 -dc` decodes concatenated frames in order). */
const MAX_FRAMES = 16;
/** Block Maximum Size by the BD byte's 3-bit id (4..7): 64 KiB, 256 KiB, 1 MiB, 4 MiB. */
const BLOCK_MAX = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20];
/** Legacy blocks decompress to at most 8 MiB each. */
const LEGACY_BLOCK = 8 << 20;
/** Matches reach back at most 64 KiB (a 16-bit offset). */
const WINDOW = 65535;

class OverBudget extends Error {}
class Malformed extends Error {}

/** A little-endian 32-bit number (unsigned). */
function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16)) + (bytes[at + 3] ?? 0) * 2 ** 24;
}

/** Skippable frames (0x184D2A50-5F, the range zstd shares): a 4-byte size, then that many bytes. */
const isSkippable = (magic: number): boolean => magic >>> 4 === 0x184d2a5;

/** An LZ4 frame or legacy stream by its magic number (with room for a header), after skippable frames. */
export function looksLikeLz4(bytes: Uint8Array): boolean {
  let at = 0;
  for (let n = 0; n < 4 && at + 8 <= bytes.length && isSkippable(u32(bytes, at)); n++) at += 8 + u32(bytes, at + 4);
  if (at + 7 > bytes.length) return false;
  const magic = u32(bytes, at);
  return magic === LZ4_MAGIC || (magic === LZ4_LEGACY_MAGIC && at + 9 <= bytes.length);
}

/** Decoded output growing to at most `max` bytes. */
class Output {
  buf: Uint8Array;
  length = 0;
  constructor(
    private readonly max: number,
    initial: number,
  ) {
    this.buf = new Uint8Array(Math.max(64, Math.min(max, initial)));
  }
  reserve(n: number): void {
    const need = this.length + n;
    if (need > this.max) throw new OverBudget();
    if (need <= this.buf.length) return;
    const grown = new Uint8Array(Math.min(this.max, Math.max(need, this.buf.length * 2)));
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }
  append(src: Uint8Array, from: number, n: number): void {
    this.reserve(n);
    this.buf.set(src.subarray(from, from + n), this.length);
    this.length += n;
  }
  /** Copies `n` bytes from `offset` back (overlapping copies repeat the pattern, as LZ77 means). */
  copyBack(offset: number, n: number): void {
    this.reserve(n);
    const buf = this.buf;
    let from = this.length - offset;
    if (offset >= n) {
      buf.copyWithin(this.length, from, from + n);
      this.length += n;
      return;
    }
    for (let i = 0; i < n; i++) buf[this.length++] = buf[from++] ?? 0;
  }
}

/** A length continued by 255-valued bytes (the block format's literal and match lengths). */
function longLength(src: Uint8Array, at: { p: number }, end: number): number {
  let total = 0;
  for (;;) {
    if (at.p >= end) throw new Malformed();
    const b = src[at.p++] ?? 0;
    total += b;
    if (b !== 255) return total;
  }
}

/**
 * Decodes one LZ4 block (src[start, end)) onto `out`; matches may reach back
 * to `floor` (the frame's start for linked blocks, the block's own for
 * independent ones) and the block may add at most `limit` bytes.
 */
function decodeBlock(src: Uint8Array, start: number, end: number, out: Output, floor: number, limit: number): void {
  const at = { p: start };
  const blockStart = out.length;
  while (at.p < end) {
    const token = src[at.p++] ?? 0;
    let literals = token >> 4;
    if (literals === 15) literals += longLength(src, at, end);
    if (at.p + literals > end || out.length - blockStart + literals > limit) throw new Malformed();
    out.append(src, at.p, literals);
    at.p += literals;
    if (at.p === end) return; // the last sequence holds literals only
    if (at.p + 2 > end) throw new Malformed();
    const offset = (src[at.p] ?? 0) | ((src[at.p + 1] ?? 0) << 8);
    at.p += 2;
    if (offset === 0 || offset > out.length - Math.max(floor, out.length - WINDOW)) throw new Malformed();
    let match = (token & 15) + 4;
    if ((token & 15) === 15) match += longLength(src, at, end);
    if (out.length - blockStart + match > limit) throw new Malformed();
    out.copyBack(offset, match);
  }
}

/** Decodes the frame at `at` (after its magic) onto `out`; returns where it ends. */
function decodeFrame(bytes: Uint8Array, at: number, out: Output, maxOutput: number): number {
  const flg = bytes[at] ?? 0;
  const bd = bytes[at + 1] ?? 0;
  // Version 01, reserved bits zero, a block size the spec defines.
  if (flg >> 6 !== 1 || flg & 2 || bd & 0x8f || (bd >> 4) < 4) throw new Malformed();
  const independent = (flg & 0x20) !== 0;
  const blockChecksum = (flg & 0x10) !== 0;
  const contentChecksum = (flg & 4) !== 0;
  const limit = BLOCK_MAX[bd >> 4] ?? 0;
  let p = at + 2;
  if (flg & 8) {
    if (p + 8 > bytes.length) throw new Malformed();
    const size = u32(bytes, p) + u32(bytes, p + 4) * 2 ** 32;
    if (out.length + size > maxOutput) throw new OverBudget();
    p += 8;
  }
  if (flg & 1) throw new Malformed(); // a dictionary the render does not carry
  p += 1; // header checksum
  const floor = out.length;
  for (;;) {
    if (p + 4 > bytes.length) throw new Malformed();
    const word = u32(bytes, p);
    p += 4;
    if (word === 0) break; // EndMark
    const size = word & 0x7fffffff;
    if (size > limit || p + size > bytes.length) throw new Malformed();
    if (word >= 0x80000000) out.append(bytes, p, size);
    else decodeBlock(bytes, p, p + size, out, independent ? out.length : floor, limit);
    p += size + (blockChecksum ? 4 : 0);
  }
  return p + (contentChecksum ? 4 : 0);
}

/** Decodes a legacy stream's blocks from `at` until the end or the next magic number. */
function decodeLegacy(bytes: Uint8Array, at: number, out: Output): number {
  let p = at;
  while (p + 4 <= bytes.length) {
    const size = u32(bytes, p);
    if (size === LZ4_MAGIC || size === LZ4_LEGACY_MAGIC) return p;
    p += 4;
    if (size === 0 || p + size > bytes.length) throw new Malformed();
    decodeBlock(bytes, p, p + size, out, out.length, LEGACY_BLOCK);
    p += size;
  }
  return bytes.length;
}

/**
 * The decompressed bytes of an LZ4 stream (frames, legacy frames, skippable
 * frames between them), at most `maxOutput`; undefined when it is no valid
 * stream or decompresses to more (then the search is noted as stopped short).
 * Bytes after the last frame that start no frame end the stream, as `lz4 -dc`
 * has written what came before them.
 */
export function unlz4(bytes: Uint8Array, maxOutput: number): Buffer | undefined {
  if (!looksLikeLz4(bytes)) return undefined;
  const out = new Output(maxOutput, bytes.length * 4);
  try {
    let at = 0;
    for (let n = 0; n < MAX_FRAMES && at + 4 <= bytes.length; n++) {
      const magic = u32(bytes, at);
      if (magic === LZ4_MAGIC) at = decodeFrame(bytes, at + 4, out, maxOutput);
      else if (magic === LZ4_LEGACY_MAGIC) at = decodeLegacy(bytes, at + 4, out);
      else if (isSkippable(magic) && at + 8 <= bytes.length) at += 8 + u32(bytes, at + 4);
      else break;
      if (n === MAX_FRAMES - 1 && at + 4 <= bytes.length) stopShort('decode-budget');
    }
  } catch (error) {
    if (error instanceof OverBudget) stopShort('decode-budget');
    else if (!(error instanceof Malformed)) throw error;
    return undefined;
  }
  return Buffer.from(out.buf.buffer, out.buf.byteOffset, out.length);
}
