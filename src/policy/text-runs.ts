/**
 * The runs decode-layers.ts decodes (base64, base32, hex, base64 wrapped over
 * lines), found in time linear in the text. Written the plain way
 * (`/[A-Za-z0-9+/_-]{11,}={0,2}/g`), each pattern starts again at every
 * character of a run and reads to the run's end, so a text costs the sum of
 * its runs' squared lengths: the largest share of the string search after
 * the wasm (issue 12). Each pattern below finds exactly what the plain one
 * finds (test/policy/text-runs.test.ts compares them on random texts):
 *
 * - A leftmost match never starts inside a run of its own characters: one
 *   character earlier matches too, and is tried first. The one exception is
 *   the first position after the previous match, which the search does not
 *   look behind; for single-class runs that position follows the end of a
 *   maximal run or a `=` (the previous match took the whole run), so the
 *   exception never arises, and base32's two classes (which share the digits
 *   2-7) check that position with the plain pattern (`runsOf`).
 * - Each class run is read whole once (`(?=(X{n,}))\1` is an atomic group:
 *   no backtracking into the run when what follows it does not match).
 *
 * base32's two classes share the digits 2-7, so its runs are found by a scan
 * instead (base32Matches).
 */

/** `[A-Za-z0-9+/_-]{11,}={0,2}`: base64 (standard or URL alphabet) runs. */
export const BASE64_RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{11,}={0,2}/g;

/** `(?:[0-9A-Fa-f]{2}){8,}`: hex runs of 8 bytes or more. */
export const HEX_RUN = /(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){8,}/g;

/**
 * `[A-Za-z0-9+/_-]{4,}(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/_-]{4,}={0,2})+`:
 * base64 wrapped over several lines inside a longer text. A run is followed
 * by blanks and a line end or it is no line of the block, so reading it
 * whole (atomically) loses no match.
 */
export const WRAPPED_RUN = /(?<![A-Za-z0-9+/_-])(?=([A-Za-z0-9+/_-]{4,}))\1(?:[ \t]*\r?\n[ \t]*(?=([A-Za-z0-9+/_-]{4,}))\2={0,2})+/g;

/** Character classes: 1 hex digits, 2 the base64 alphabets (standard and URL), each a bit. */
const RUN_CLASS = (() => {
  const table = new Uint8Array(128);
  const mark = (chars: string, bit: number): void => {
    for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = (table[chars.charCodeAt(i)] ?? 0) | bit;
  };
  mark('0123456789abcdefABCDEF', 1);
  mark('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-', 2);
  return table;
})();

/**
 * The maximal runs of one class (1 hex, 2 base64) of `min` characters or
 * more, by one scan: each as [start, end). What BASE64_RUN and HEX_RUN find
 * starts where such a run starts, so the scan gives the same matches
 * (hexRuns, base64Matches) without a pattern tried at every character.
 */
function classRuns(text: string, cls: number, min: number, found: (start: number, end: number) => number): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 128 || ((RUN_CLASS[c] ?? 0) & cls) === 0) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < n) {
      const d = text.charCodeAt(end);
      if (d >= 128 || ((RUN_CLASS[d] ?? 0) & cls) === 0) break;
      end++;
    }
    i = end - i >= min ? found(i, end) : end;
  }
}

/** What `text.match(HEX_RUN)` gives (null when nothing matches): each run's even-length prefix, 16 digits or more. */
export function hexRuns(text: string): string[] | null {
  let out: string[] | null = null;
  classRuns(text, 1, 16, (start, end) => {
    (out ??= []).push(text.slice(start, start + ((end - start) & ~1)));
    return end;
  });
  return out;
}

/** What `text.match(BASE64_RUN)` gives (null when nothing matches): runs of 11 or more and up to two `=` after each. */
export function base64Matches(text: string): string[] | null {
  let out: string[] | null = null;
  classRuns(text, 2, 11, (start, end) => {
    let stop = end;
    if (text.charCodeAt(stop) === 0x3d) stop++;
    if (text.charCodeAt(stop) === 0x3d) stop++;
    (out ??= []).push(text.slice(start, stop));
    return stop;
  });
  return out;
}

/** Classes for runLengths: 1 hex digits, 2 base32 upper case (A-Z, 2-7), 4 base32 lower case (a-z, 2-7). */
const LENGTH_CLASS = (() => {
  const table = new Uint8Array(128);
  const mark = (chars: string, bit: number): void => {
    for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = (table[chars.charCodeAt(i)] ?? 0) | bit;
  };
  mark('0123456789abcdefABCDEF', 1);
  mark('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 2);
  mark('abcdefghijklmnopqrstuvwxyz234567', 4);
  return table;
})();

/** The longest runs of hex digits and of each base32 case in a text (see runLengths). */
export interface RunLengths {
  readonly hex: number;
  readonly base32: number;
}

/**
 * The longest run of hex digits and of base32 characters of one case, by one
 * scan: hexRuns finds nothing without a hex run of 16 and base32Matches
 * nothing without a run of 13 of one case, which most decoded texts (scripts,
 * configs, paths) lack. One light scan then stands in for both searches.
 */
export function runLengths(text: string): RunLengths {
  let hex = 0;
  let upper = 0;
  let lower = 0;
  let longestHex = 0;
  let longest32 = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cls = c < 128 ? (LENGTH_CLASS[c] ?? 0) : 0;
    hex = cls & 1 ? hex + 1 : 0;
    upper = cls & 2 ? upper + 1 : 0;
    lower = cls & 4 ? lower + 1 : 0;
    if (hex > longestHex) longestHex = hex;
    if (upper > longest32) longest32 = upper;
    if (lower > longest32) longest32 = lower;
  }
  return { hex: longestHex, base32: longest32 };
}

/** Below these, hexRuns and base32Runs find nothing (runLengths). */
export const MIN_HEX_RUN = 16;
export const MIN_BASE32_RUN = 13;

/** Character classes for base32: 1 upper-case letters, 2 lower-case, 3 the digits 2-7 (both). */
const BASE32_CLASS = (() => {
  const table = new Uint8Array(128);
  for (let c = 0x41; c <= 0x5a; c++) table[c] = 1;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = 2;
  for (let c = 0x32; c <= 0x37; c++) table[c] = 3;
  return table;
})();

/** The end of the run of `cls` characters (1 upper, 2 lower; digits 2-7 in both) that starts at `from`. */
function runEnd(text: string, from: number, cls: number): number {
  let end = from;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c >= 128 || ((BASE32_CLASS[c] ?? 0) & cls) === 0) break;
    end++;
  }
  return end;
}

/**
 * What `text.match(/[A-Z2-7]{13,}={0,6}|[a-z2-7]{13,}={0,6}/g)` gives
 * (null when nothing matches), by one scan (the pattern itself, tried at
 * every position with its alternation, was a tenth of the string search).
 * At each position the plain pattern takes the longest upper-case run
 * starting there, else the lower-case one, when it is 13 or longer; the
 * ends of both runs are found once and kept while the position is inside
 * them, so each character is read at most once per class.
 */
export function base32Matches(text: string): string[] | null {
  let out: string[] | null = null;
  const n = text.length;
  let upper = 0;
  let lower = 0;
  let p = 0;
  while (p + 13 <= n) {
    const c = text.charCodeAt(p);
    if (c >= 128 || BASE32_CLASS[c] === 0) {
      p++;
      continue;
    }
    if (upper <= p) upper = runEnd(text, p, 1);
    if (lower <= p) lower = runEnd(text, p, 2);
    let end = upper - p >= 13 ? upper : lower - p >= 13 ? lower : -1;
    if (end < 0) {
      p++;
      continue;
    }
    for (let e = 0; e < 6 && text.charCodeAt(end) === 0x3d; e++) end++;
    (out ??= []).push(text.slice(p, end));
    p = end;
  }
  return out;
}

/** The whole text when it is base32 (wrapped or not), else each base32-looking run. */
export function base32Runs(text: string): string[] {
  const runs = base32Matches(text);
  if (runs === null) return [];
  // Wrapped over lines as a whole (base32 -w 76): compacted only then, not every text.
  if (/\s/.test(text) && /^(?:[A-Z2-7=\s]+|[a-z2-7=\s]+)$/.test(text)) return [text.replace(/\s+/g, '')];
  return runs;
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** RFC 4648 section 7 "Extended Hex" alphabet (Python base64.b32hexencode). */
export const BASE32HEX_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUV';

// A whole text in base32hex, one case, padded or not (a run inside a text is not tried: its
// alphabet takes in most words and numbers).
const BASE32HEX_WHOLE = /^(?:[0-9A-V]{13,}|[0-9a-v]{13,})={0,6}$/;

/** The text when all of it reads as base32hex (13 characters or more), else undefined. */
export function base32HexWhole(text: string): string | undefined {
  if (text.length < MIN_BASE32_RUN) return undefined;
  const c = text.charCodeAt(0);
  // Cheap gate before the pattern: the first character must be in the alphabet.
  if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x56) || (c >= 0x61 && c <= 0x76))) return undefined;
  return BASE32HEX_WHOLE.test(text) ? text : undefined;
}

export function base32Bytes(run: string, alphabet: string = BASE32_ALPHABET): Buffer {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of run.replace(/=+$/, '').toUpperCase()) {
    value = ((value << 5) | alphabet.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}
