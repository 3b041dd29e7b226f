/**
 * Bytes as text, the innermost layer of the secret search: compressed
 * streams (gzip, zlib, zstd, bzip2, xz and .lzma, LZ4; brotli and raw deflate through unpacked
 * and inflated), zip and tar archives, UTF-16 in either byte order, or plain
 * UTF-8. Every output is capped at the decode budget, so a bomb stops there.
 */
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { Encoding } from './decode-layers.js';
import { looksLikeTar, tarMembers } from './tar-members.js';
import { ZSTD_MAGIC, zstdDecompress } from './zstd-frames.js';
import { bunzip2, looksLikeBzip2 } from './bzip2.js';
import { looksLikeLzmaAlone, looksLikeXz, unlzma, unxz } from './xz.js';
import { looksLikeLz4, unlz4 } from './lz4-frames.js';
import { isOverBudget, MAX_ARCHIVE_ENTRIES, MAX_DEPTH, stopShort, streamBudget } from './search-budget.js';

/**
 * The decode budget of a stream of `n` compressed bytes (search-budget.ts streamBudget):
 * decompressed output is capped in proportion to the input, so a bomb stops there, and the
 * search of that value is noted as stopped short.
 */
export const maxOutputOf = (n: number): number => streamBudget(n);

/**
 * Bytes as readable text: UTF-8 without control characters but tab and
 * newlines; a gzip stream's content; UTF-16LE text (PowerShell's
 * -EncodedCommand). Undefined for anything else.
 */
export function readableBytes(bytes: Buffer, nested = 0): { text: string; encoding: Encoding } | undefined {
  if (bytes.length >= 30 && bytes.readUInt32LE(0) === ZIP_LOCAL_HEADER) {
    const text = zipText(bytes, nested);
    return text === undefined ? undefined : { text, encoding: 'zip' };
  }
  if (bytes.length >= 18 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const text = unpacked(() => gunzipSync(bytes, { maxOutputLength: maxOutputOf(bytes.length) }), nested);
    return text === undefined ? undefined : { text, encoding: 'gzip' };
  }
  // zlib (Python zlib.compress, PHP gzcompress): CMF 0x78 and a header checksum divisible by 31.
  if (bytes.length >= 8 && bytes[0] === 0x78 && ((bytes[0] << 8) | (bytes[1] ?? 0)) % 31 === 0) {
    const text = unpacked(() => inflateSync(bytes, { maxOutputLength: maxOutputOf(bytes.length) }), nested);
    if (text !== undefined) return { text, encoding: 'zlib' };
  }
  if (bytes.length >= 9 && bytes.readUInt32LE(0) === ZSTD_MAGIC) {
    const text = unpacked(() => zstdDecompress(bytes, maxOutputOf(bytes.length)) ?? Buffer.alloc(0), nested);
    return text === undefined || text === '' ? undefined : { text, encoding: 'zstd' };
  }
  if (looksLikeBzip2(bytes)) {
    const text = unpacked(() => bunzip2(bytes, maxOutputOf(bytes.length)) ?? Buffer.alloc(0), nested);
    if (text !== undefined && text !== '') return { text, encoding: 'bzip2' };
  }
  if (looksLikeXz(bytes) || looksLikeLzmaAlone(bytes)) {
    const decode = looksLikeXz(bytes) ? unxz : unlzma;
    const text = unpacked(() => decode(bytes, maxOutputOf(bytes.length)) ?? Buffer.alloc(0), nested);
    if (text !== undefined && text !== '') return { text, encoding: 'xz' };
  }
  if (looksLikeLz4(bytes)) {
    const text = unpacked(() => unlz4(bytes, maxOutputOf(bytes.length)) ?? Buffer.alloc(0), nested);
    if (text !== undefined && text !== '') return { text, encoding: 'lz4' };
  }
  if (looksLikeTar(bytes)) {
    const text = tarText(bytes, nested);
    return text === undefined ? undefined : { text, encoding: 'tar' };
  }
  if (bytes.length >= 8 && bytes.length % 2 === 0 && bytes[1] === 0 && bytes[3] === 0 && bytes[5] === 0 && bytes[0] !== 0) {
    const text = bytes.toString('utf16le');
    return /^[\t\n\r\x20-\x7e\u00a0-\uffef]*$/.test(text) ? { text, encoding: 'utf-16' } : undefined;
  }
  // UTF-16BE (iconv -t UTF-16BE, Java's default UTF-16 without a BOM).
  if (bytes.length >= 8 && bytes.length % 2 === 0 && bytes[0] === 0 && bytes[2] === 0 && bytes[4] === 0 && bytes[1] !== 0) {
    const swapped = Buffer.from(bytes);
    swapped.swap16();
    const text = swapped.toString('utf16le');
    return /^[\t\n\r\x20-\x7e\u00a0-\uffef]*$/.test(text) ? { text, encoding: 'utf-16' } : undefined;
  }
  const text = plainText(bytes);
  return text === undefined ? undefined : { text, encoding: 'base64' };
}

const ZIP_LOCAL_HEADER = 0x04034b50;
/** Entries read from one archive: a zip of thousands of files is no config bundle. */
const MAX_ZIP_ENTRIES = MAX_ARCHIVE_ENTRIES;

/**
 * The text of a zip archive's entries (stored or deflated), read from their
 * local headers in order (a config bundle an init container unzips), joined
 * by newlines and capped like any decoded text; undefined when none is text.
 */
function zipText(bytes: Buffer, nested: number): string | undefined {
  const texts: string[] = [];
  const budget = maxOutputOf(bytes.length);
  let size = 0;
  let at = 0;
  for (let n = 0; n < MAX_ZIP_ENTRIES && at + 30 <= bytes.length && bytes.readUInt32LE(at) === ZIP_LOCAL_HEADER; n++) {
    const flags = bytes.readUInt16LE(at + 6);
    const method = bytes.readUInt16LE(at + 8);
    const compressed = bytes.readUInt32LE(at + 18);
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    // Streamed entries (flag bit 3) record their size after the data: inflate to the end of the stream.
    const sized = (flags & 8) === 0 || compressed > 0;
    const body = sized ? bytes.subarray(start, start + compressed) : bytes.subarray(start);
    const text = method === 8 ? unpacked(() => inflateRawSync(body, { maxOutputLength: Math.min(budget, maxOutputOf(body.length)) }), nested) : method === 0 ? contentText(body, nested) : undefined;
    if (text !== undefined && text !== '') {
      texts.push(text);
      size += text.length;
      if (size > budget) {
        stopShort('decode-budget');
        break;
      }
    }
    if (!sized) break;
    at = start + compressed;
    if (n === MAX_ZIP_ENTRIES - 1 && at + 30 <= bytes.length && bytes.readUInt32LE(at) === ZIP_LOCAL_HEADER) stopShort('decode-budget');
  }
  return texts.length === 0 ? undefined : texts.join('\n').slice(0, budget);
}

/**
 * The text of a tar archive's files (a tarball an init container unpacks),
 * joined by newlines; undefined when none is text.
 */
function tarText(bytes: Buffer, nested: number): string | undefined {
  const texts: string[] = [];
  // An uncompressed archive holds no more than its own bytes (already decoded or decompressed under a budget).
  for (const member of tarMembers(bytes, Math.max(bytes.length, maxOutputOf(0)))) {
    const text = contentText(Buffer.from(member.buffer, member.byteOffset, member.byteLength), nested);
    if (text !== undefined && text !== '') texts.push(text);
  }
  return texts.length === 0 ? undefined : texts.join('\n');
}

/**
 * Decompressed output as text, as the text of the tar archive it is (.tar.gz, .tar.br), or
 * as what it decompresses to in turn (gzip inside gzip, a zip inside zstd), each stream
 * capped on its own (contentText).
 */
export function unpacked(run: () => Buffer, nested = 0): string | undefined {
  try {
    return contentText(run(), nested);
  } catch (error) {
    if (isOverBudget(error)) stopShort('decode-budget');
    return undefined;
  }
}

/**
 * What an unpacked stream or archive member holds: text, a tar archive's text, or what it
 * unpacks to in turn (a .gz in a zip, a zip in zstd), to MAX_DEPTH streams: one nested
 * deeper stops the search short.
 */
function contentText(out: Buffer, nested: number): string | undefined {
  if (looksLikeTar(out)) return tarText(out, nested);
  const text = plainText(out);
  if (text !== undefined || out.length < 8) return text;
  if (nested + 1 >= MAX_DEPTH) {
    if (hasMagic(out)) stopShort('depth');
    return undefined;
  }
  return readableBytes(out, nested + 1)?.text;
}

export function inflated(run: () => Buffer): string | undefined {
  try {
    return plainText(run());
  } catch (error) {
    if (isOverBudget(error)) stopShort('decode-budget');
    return undefined;
  }
}

/** A compressed stream or archive by its magic number (what a deeper unpacking would open). */
function hasMagic(bytes: Buffer): boolean {
  return (
    (bytes[0] === 0x1f && bytes[1] === 0x8b) ||
    bytes.readUInt32LE(0) === ZIP_LOCAL_HEADER ||
    bytes.readUInt32LE(0) === ZSTD_MAGIC ||
    looksLikeBzip2(bytes) ||
    looksLikeLz4(bytes) ||
    (bytes[0] === 0x78 && ((bytes[0] << 8) | (bytes[1] ?? 0)) % 31 === 0)
  );
}

function plainText(bytes: Buffer): string | undefined {
  // Most runs are words and paths that decode to binary: refuse those on the bytes, without
  // the exception a fatal UTF-8 decoder would throw (the costly part of scanning a render).
  for (const b of bytes) if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return undefined;
  const text = bytes.toString('utf8');
  return text.includes('\ufffd') ? undefined : text;
}
