/**
 * Zstandard (RFC 8878) decompression for the secret search: Node 20's
 * node:zlib has none (it came in Node 22.15), and a decoder is a thousand
 * lines of entropy coding, so the pinned fzstd (pure JavaScript, no
 * dependencies) decodes. Kept bounded here: the frame header's window (or,
 * for a single-segment frame, its content size) is read first and a frame
 * asking for more than MAX_WINDOW is refused before fzstd allocates it, and
 * output past `maxOutput` stops the decoding.
 */
import { Decompress } from 'fzstd';
import { stopShort } from './search-budget.js';

export const ZSTD_MAGIC = 0xfd2fb528;
/** The largest window a frame may ask for: zstd's default for inputs up to its level 19 is 8 MiB. */
const MAX_WINDOW = 8 * 1024 * 1024;

const MAX_FRAMES = 16;

interface FrameHeader {
  /** The memory the frame asks the decoder for: its window, or a single segment's content size. */
  readonly window: number;
  /** Where its first block starts. */
  readonly blocks: number;
  readonly checksum: boolean;
}

/** The header of the zstd frame at `at` (after its magic number); undefined when it is bad. */
function frameHeader(bytes: Uint8Array, at: number): FrameHeader | undefined {
  const flags = bytes[at + 4];
  if (flags === undefined || flags & 8) return undefined; // reserved bit
  const singleSegment = (flags >> 5) & 1;
  const dictionaryBytes = [0, 1, 2, 4][flags & 3] ?? 0;
  const sizeCode = flags >> 6;
  const sizeBytes = sizeCode === 0 ? singleSegment : 1 << sizeCode;
  let p = at + 5 + (singleSegment ? 0 : 1) + dictionaryBytes;
  if (p + sizeBytes > bytes.length) return undefined;
  let size = 0;
  for (let i = 0; i < sizeBytes; i++) size += (bytes[p + i] ?? 0) * 2 ** (8 * i);
  p += sizeBytes;
  if (sizeBytes === 2) size += 256;
  const checksum = ((flags >> 2) & 1) === 1;
  if (singleSegment) return { window: size, blocks: p, checksum };
  const descriptor = bytes[at + 5] ?? 0;
  const base = 2 ** (10 + (descriptor >> 3));
  return { window: base + (base / 8) * (descriptor & 7), blocks: p, checksum };
}

/** A little-endian 32-bit number (unsigned: `|` would make the top bit a sign). */
function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16)) + (bytes[at + 3] ?? 0) * 2 ** 24;
}

/**
 * True when every frame of the stream (read by its block headers, without
 * decoding) asks for at most MAX_WINDOW: fzstd allocates each frame's window
 * when it reaches it, so a hostile header must be refused before.
 */
export function framesWithinBudget(bytes: Uint8Array): boolean {
  let at = 0;
  for (let n = 0; n < MAX_FRAMES && at < bytes.length; n++) {
    if (at + 8 > bytes.length) return false;
    const magic = u32(bytes, at);
    // Skippable frames (0x184D2A50-5F): a 4-byte size, then that many bytes.
    if (magic >= 0x184d2a50 && magic <= 0x184d2a5f) {
      at += 8 + u32(bytes, at + 4);
      continue;
    }
    if (magic !== ZSTD_MAGIC) return false;
    const header = frameHeader(bytes, at);
    if (header === undefined || header.window > MAX_WINDOW) return false;
    let p = header.blocks;
    for (let last = 0; !last; ) {
      if (p + 3 > bytes.length) return false;
      const h = (bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8) | ((bytes[p + 2] ?? 0) << 16);
      last = h & 1;
      const type = (h >> 1) & 3;
      if (type === 3) return false; // reserved block type
      p += 3 + (type === 1 ? 1 : h >> 3);
    }
    at = p + (header.checksum ? 4 : 0);
  }
  return at >= bytes.length;
}

class OverBudget extends Error {}

/**
 * The decompressed bytes of a zstd stream (one frame or more), at most
 * `maxOutput`; undefined when it is no valid stream, asks for too large a
 * window, or decompresses to more.
 */
export function zstdDecompress(bytes: Uint8Array, maxOutput: number): Buffer | undefined {
  if (!framesWithinBudget(bytes)) return undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const stream = new Decompress((data) => {
      total += data.length;
      if (total > maxOutput) throw new OverBudget();
      chunks.push(data);
    });
    stream.push(bytes, true);
  } catch (error) {
    if (error instanceof OverBudget) stopShort('decode-budget');
    return undefined;
  }
  return Buffer.concat(chunks);
}
