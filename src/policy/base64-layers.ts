/**
 * Base64 inside a text as decode-layers.ts reads it: the text as a whole when it
 * is base64 with line wrapping, else each base64-looking run, decoded when the
 * bytes are readable text, or (on a whole value only) raw deflate or Brotli
 * whose output is.
 */
import { brotliDecompressSync, inflateRawSync } from 'node:zlib';
import { base64Matches, WRAPPED_RUN } from './text-runs.js';
import { surelyUnreadable } from './base64-peek.js';
import { mayBeBrotli } from './brotli-peek.js';
import { inflated, maxOutputOf, readableBytes, unpacked } from './readable-bytes.js';
import type { Encoding } from './decode-layers.js';

/** Shorter base64 runs are left alone: the shortest default (8 characters) takes 11 in base64. */
export const MIN_BASE64_RUN = 11;

/** What is base64 (either alphabet) with blanks anywhere: the test before removing them. */
const WHOLE_BASE64 = /^[\sA-Za-z0-9+/_-]*(?:=\s*){0,2}$/;

/** The whole text when it is base64 with line wrapping (whole: true), else each base64-looking run in it. */
export function base64Runs(text: string): { runs: string[]; whole: boolean } {
  if (text.length < MIN_BASE64_RUN) return { runs: [], whole: false };
  // Base64 as a whole once blanks are removed: tested on the text itself first, so a text
  // with blanks that is no base64 (most of them) is not copied without its blanks for nothing.
  if (WHOLE_BASE64.test(text)) {
    const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
    if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return { runs: [compact], whole: true };
  }
  const runs: string[] = base64Matches(text) ?? [];
  if (text.includes('\n')) for (const block of text.match(WRAPPED_RUN) ?? []) runs.push(block.replace(/\s+/g, ''));
  return { runs, whole: false };
}

/** Decoded base64 when it is readable text (UTF-8 without control characters but tab and newlines). */
export function base64Text(run: string): string | undefined {
  return base64Readable(run)?.text;
}

/**
 * A script that inflates raw deflate itself: Python's zlib.decompress/decompressobj with
 * wbits -15 (or -zlib.MAX_WBITS), Node's inflateRaw, PHP's gzinflate, Go's compress/flate,
 * Java's Inflater(true). Its base64 runs are then tried as raw deflate too.
 */
const RAW_DEFLATE_NAMED = /(?:decompress(?:obj)?\([^;\n]{0,200}?-\s*(?:15\b|(?:zlib\.)?MAX_WBITS)|wbits\s*=\s*-|inflateRaw|gzinflate|flate\.NewReader|Inflater\(\s*true)/;

let lastText: string | undefined;
let lastNamed = false;

/** Whether the text inflates raw deflate itself; the last answer is kept (one text's runs ask in turn). */
export function namesRawDeflate(text: string): boolean {
  if (text === lastText) return lastNamed;
  lastText = text;
  // `flate` is in inflateRaw, gzinflate, flate.NewReader and Inflater: two scans before the pattern.
  lastNamed = (text.includes('flate') || text.includes('decompress')) && RAW_DEFLATE_NAMED.test(text);
  return lastNamed;
}

/**
 * A base64 run decoded when readable; a whole value (`whole`) may also be raw deflate or
 * Brotli of text, a run of a text (`within`) that inflates raw deflate itself raw deflate
 * (asked only when a run could be raw deflate: most texts never are).
 */
export function base64Readable(run: string, whole = false, within?: string): { text: string; encoding: Encoding } | undefined {
  if (run.length < MIN_BASE64_RUN - 4) return undefined;
  const body = run.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  // Raw deflate (below) needs the bytes of a whole value even when they are not text.
  if ((!whole || run.length < 16) && surelyUnreadable(body) && (whole || run.length < 16 || within === undefined || !namesRawDeflate(within))) return undefined;
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length === 0) return undefined;
  const readable = readableBytes(bytes);
  // Raw deflate has no header to recognise: tried only on a value that is base64 as a whole
  // (Secret data, binaryData, an annotation) or in a text that inflates raw deflate itself,
  // never on every word-like run of any text.
  if (readable === undefined && (whole || (within !== undefined && namesRawDeflate(within))) && mayBeRawDeflate(run, bytes)) {
    const text = inflated(() => inflateRawSync(bytes, { maxOutputLength: maxOutputOf(bytes.length) }));
    if (text !== undefined) return { text, encoding: 'zlib' };
  }
  // Brotli has no magic number either: tried last, on the same whole values, when its stream
  // header parses (brotli-peek.ts); its output must be text (or a tar of text) to count.
  if (readable === undefined && whole && mayBeEncoderOutput(run) && mayBeBrotli(bytes)) {
    const text = unpacked(() => brotliDecompressSync(bytes, { maxOutputLength: maxOutputOf(bytes.length) }));
    if (text !== undefined) return { text, encoding: 'brotli' };
  }
  return readable;
}

/**
 * Raw deflate has no magic, and a failed inflate throws (costly on every name
 * of a render): tried only on a base64 value that looks like encoder output
 * (16+ characters, both cases and a digit or symbol, so no word or name) whose
 * first block is compressed (BTYPE 01 or 10).
 */
function mayBeRawDeflate(run: string, bytes: Buffer): boolean {
  if (run.length < 16 || bytes.length < 8) return false;
  const btype = ((bytes[0] ?? 0) >> 1) & 3;
  if (btype !== 1 && btype !== 2) return false;
  return mayBeEncoderOutput(run);
}

/** Encoder output, not a word or a name: both cases and a digit or symbol. */
function mayBeEncoderOutput(run: string): boolean {
  return /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9+/_-]/.test(run);
}
