/**
 * Mapping keys other than plain words, for the fast block-YAML reader
 * (yaml-block-subset.ts, which reads word keys itself with one sticky scan):
 * quoted keys and plain keys the scalar resolver reads. What the full reader
 * would read differently (a key that is a collection, a key before a tab or
 * a comment) makes the reader decline the text.
 */
import { bail, isBlankChar, isSpecialWord, KEY_REFUSED, matchEnd, readDoubleQuoted, readSingleQuoted, WORD_KEY, type ScalarResolver } from './yaml-block-subset-scalars.js';

const SPACE = 32;
const DOUBLE_QUOTE = 34;
const HASH = 35;
const SINGLE_QUOTE = 39;
const DASH = 45;
const COLON = 58;

/** A key and the offset just past its `:`. */
export interface KeyRead {
  readonly key: string;
  readonly afterKey: number;
}

/** A key other than a word at `start` (before the line's `end`): quoted, or plain and read by the resolver. */
export function readOtherKey(text: string, start: number, end: number, resolve: ScalarResolver): KeyRead {
  const first = text.charCodeAt(start);
  if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
    const { value, end: close } = first === DOUBLE_QUOTE ? readDoubleQuoted(text, start, end) : readSingleQuoted(text, start, end);
    let i = close;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    if (i === end || text.charCodeAt(i) !== COLON) return bail();
    if (i + 1 < end && text.charCodeAt(i + 1) !== SPACE) return bail();
    return { key: value, afterKey: i + 1 };
  }
  if (KEY_REFUSED.includes(text.charAt(start))) return bail();
  const colon = findKeyColon(text, start, end);
  if (colon <= start || isBlankChar(text.charCodeAt(colon - 1))) return bail();
  const raw = text.slice(start, colon);
  if (WORD_KEY.test(raw) && !isSpecialWord(raw)) return { key: raw, afterKey: colon + 1 };
  const resolved = resolve(raw);
  if (resolved !== null && typeof resolved === 'object') return bail();
  return { key: String(resolved), afterKey: colon + 1 };
}

/** `key: value`, `key:` or a quoted key followed by `:`, for keys other than words (the reader sees those). */
export function isOtherMappingLine(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) return QUOTED_KEY.test(text.slice(start, end));
  if (first === HASH || (first === DASH && (start + 1 === end || text.charCodeAt(start + 1) === SPACE))) return false;
  return findKeyColon(text, start, end) > start;
}

const QUOTED_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(\s|$)/;

/** Offset of the `:` that ends a plain key (followed by a space or the line end), or -1. */
function findKeyColon(text: string, start: number, end: number): number {
  for (let i = matchEnd(KEY_RUN, text, start); i < end; i = matchEnd(KEY_RUN, text, i + 1)) {
    const c = text.charCodeAt(i);
    if (c === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) return i;
    if (c === SPACE && i + 1 < end && text.charCodeAt(i + 1) === HASH) return -1;
  }
  return -1;
}

/** Runs without `:` or a space, which alone can end a plain key. */
const KEY_RUN = /[^\n: ]*/y;
