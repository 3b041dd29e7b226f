/**
 * The line index of the fast block-YAML reader (yaml-block-subset.ts): one
 * pass over the text records where each line starts, its indentation and its
 * kind (no text, text, or a `- ` item), and the lines that start with a
 * document marker. The reader then works on these tables, never splitting the
 * text into lines.
 */
import type { LineTables } from './yaml-block-subset-buffers.js';
import { isBlankChar, matchEnd } from './yaml-block-subset-scalars.js';

export const LINE_FEED = 10;
export const SPACE = 32;
const HASH = 35;
const PERCENT = 37;
const DASH = 45;
const DOT = 46;

/** Line kinds (`LineIndex.kinds`). */
export const NO_TEXT = 0; // blank or comment-only
export const TEXT = 1;
export const ITEM = 2; // `-` alone or `- …`

export interface LineIndex {
  readonly lineCount: number;
  /** Offset of each line's first character, plus text.length + 1 after the last line, so a line ends at `starts[line + 1] - 1`. */
  readonly starts: Int32Array;
  /** Leading whitespace of each line. */
  readonly indents: Int32Array;
  /** NO_TEXT, TEXT or ITEM, for each line. */
  readonly kinds: Uint8Array;
  /** Lines starting with `---`, `...` or `%`, in order. */
  readonly markers: number[];
}

/**
 * Indexes the lines of `text` (`codes` its code units, a line feed after the
 * last) into `tables`, growing them as needed (the grown arrays replace the
 * tables' own, so they are kept for the next call).
 */
export function indexLines(text: string, codes: Uint8Array | Uint16Array, tables: LineTables): LineIndex {
  let { starts, indents, kinds } = tables;
  const markers: number[] = [];
  let start = 0;
  starts[0] = 0;
  for (let line = 0; ; line++) {
    if (line === indents.length) {
      grow(tables);
      ({ starts, indents, kinds } = tables);
    }
    let content = start;
    while (codes[content] === SPACE) content++;
    let c = codes[content] as number;
    if (c === 11 || c === 12 || (c >= 0xa0 && isBlankChar(c))) {
      // \v, \f and Unicode spaces indent too (as for trim(), which this reader always used).
      content = matchEnd(INDENTATION, text, content);
      c = codes[content] as number;
    }
    indents[line] = content - start;
    const nl = text.indexOf('\n', content);
    const end = nl < 0 ? text.length : nl;
    if (content < end) {
      if (content === start && isMarker(text, start, c)) markers.push(line);
      kinds[line] = c === HASH ? NO_TEXT : isItemAt(codes, content) ? ITEM : TEXT;
    } else {
      kinds[line] = NO_TEXT;
    }
    starts[line + 1] = end + 1;
    if (nl < 0) return { lineCount: line + 1, starts, indents, kinds, markers };
    start = end + 1;
  }
}

/** Doubles the line tables. */
function grow(tables: LineTables): void {
  const capacity = tables.indents.length * 2;
  const starts = new Int32Array(capacity + 1);
  starts.set(tables.starts);
  const indents = new Int32Array(capacity);
  indents.set(tables.indents);
  const kinds = new Uint8Array(capacity);
  kinds.set(tables.kinds);
  Object.assign(tables, { starts, indents, kinds });
}

/** `---`, `...` or `%` at the start of a line that starts with `c`. */
function isMarker(text: string, start: number, c: number): boolean {
  if (c === DASH) return text.startsWith('---', start);
  if (c === DOT) return text.startsWith('...', start);
  return c === PERCENT;
}

/** The first line from `line` on (before `end`) that has text, or `end`. */
export function skipNoText(kinds: Uint8Array, line: number, end: number): number {
  let next = line;
  while (next < end && kinds[next] === NO_TEXT) next++;
  return next;
}

/** `-` alone or `- …` at `start`: a sequence item. */
export function isItemAt(codes: Uint8Array | Uint16Array, start: number): boolean {
  if (codes[start] !== DASH) return false;
  const next = codes[start + 1];
  return next === SPACE || next === LINE_FEED;
}

/** The first offset from `start` that is not trim() whitespace (a line's end stops it). */
export function skipBlankCodes(codes: Uint8Array | Uint16Array, start: number): number {
  let p = start;
  while (isBlankChar(codes[p] as number)) p++;
  return p;
}

/** Indentation: what trim() removes, short of the line feed. */
const INDENTATION = /[^\S\n]*/y;
