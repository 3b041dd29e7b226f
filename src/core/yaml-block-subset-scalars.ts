/**
 * The scalar readers of the fast block-YAML reader: plain, single- and
 * double-quoted one-line scalars and one-line flow collections. Anything
 * they do not handle exactly as the full reader (yaml-compose.ts) would
 * throws Unsupported, and the caller falls back to it.
 */

/** Thrown internally to abandon the fast path. */
export class Unsupported extends Error {}

export const bail = (): never => {
  throw new Unsupported();
};

/**
 * Reads an unquoted scalar. The reader asks it about every plain scalar but
 * words (a letter or `_` first, then letters, digits and `_-./`) and paths
 * (the same after a `/`) other than the YAML 1.1 and 1.2 null and boolean
 * words: no YAML schema reads those as anything but themselves.
 */
export type ScalarResolver = (plain: string) => unknown;

/**
 * Whether `c` is whitespace to String.prototype.trim, line feed excepted
 * (scans stop at line ends): the reader measures indentation and trims
 * exactly as the string methods it once used did.
 */
export function isBlankChar(c: number): boolean {
  if (c === SPACE) return true;
  if (c < 0xa0) return c === 9 || c === 11 || c === 12 || c === 13;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The first offset from `start` (before `end`) that is not trim() whitespace. */
function skipBlanks(text: string, start: number, end: number): number {
  let p = start;
  while (p < end && isBlankChar(text.charCodeAt(p))) p++;
  return p;
}

/** Plain scalar text up to a comment; refuses what block or flow context does not allow. */
export function plainText(text: string, flow: boolean): string {
  return plainTextAt(text, 0, text.length, flow);
}

/** `plainText(text.slice(start, end), flow)` without the copy. */
export function plainTextAt(text: string, start: number, end: number, flow: boolean): string {
  if (start >= end || PLAIN_REFUSED.includes(text.charAt(start))) return bail();
  const first = text.charCodeAt(start);
  if ((first === DASH || first === QUESTION || first === COLON) && (start + 1 === end || text.charCodeAt(start + 1) === SPACE)) return bail();
  const run = flow ? FLOW_PLAIN_RUN : PLAIN_RUN;
  let stop = end;
  for (let i = matchEnd(run, text, start); i < end; i = matchEnd(run, text, i + 1)) {
    const c = text.charCodeAt(i);
    if (c === HASH && i > start && text.charCodeAt(i - 1) === SPACE) {
      stop = i;
      break;
    }
    if (c === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) bail();
    if (flow && isFlowIndicator(c)) bail();
  }
  while (stop > start && isBlankChar(text.charCodeAt(stop - 1))) stop--;
  if (stop === start) bail();
  return text.slice(start, stop);
}

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const QUESTION = 63;
/** First characters a plain scalar cannot have. */
const PLAIN_REFUSED = '[]{}#&*!|>\'"%@`,';
/**
 * Runs of characters that cannot end or refuse a plain scalar (nor cross a
 * line end). Skipping them with a regular expression instead of a
 * character loop is what keeps the reader fast before V8 optimises it.
 */
const PLAIN_RUN = /[^\n:#]*/y;
const FLOW_PLAIN_RUN = /[^\n:#,[\]{}]*/y;
/** Runs of a double-quoted scalar without escapes. */
const DOUBLE_QUOTED_RUN = /[^\n"\\]*/y;

/** Where the sticky `pattern` stops matching at `start`, or -1 if it does not match there. */
export function matchEnd(pattern: RegExp, text: string, start: number): number {
  pattern.lastIndex = start;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** `,[]{}` */
function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

/** Nothing but whitespace, or whitespace and a comment, from `end` to `lineEnd`. */
export function expectLineEnd(text: string, end: number, lineEnd = text.length): void {
  const p = skipBlanks(text, end, lineEnd);
  if (p < lineEnd && !(p > end && text.charCodeAt(p) === HASH)) bail();
}

/** A single-quoted scalar starting at `start` and closed before `end` (the line end). */
export function readSingleQuoted(text: string, start: number, end = text.length): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf("'", i);
    if (quote < 0 || quote >= end) return bail();
    value += text.slice(i, quote);
    if (quote + 1 < end && text.charCodeAt(quote + 1) === 39 /* ' */) {
      value += "'";
      i = quote + 2;
    } else {
      return { value, end: quote + 1 };
    }
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
// Not here, so the reader bails and the full path decides: `\/` and `\'`, which yaml.v3
// (resources) reads its own way (see yaml-double-quoted.ts).
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** A double-quoted scalar starting at `start` and closed before `end` (the line end). */
export function readDoubleQuoted(text: string, start: number, end = text.length): { value: string; end: number } {
  let value = '';
  // Runs of ordinary characters are copied with one slice each.
  let run = start + 1;
  for (let i = matchEnd(DOUBLE_QUOTED_RUN, text, run); i < end; i = matchEnd(DOUBLE_QUOTED_RUN, text, i + 1)) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) return { value: value + text.slice(run, i), end: i + 1 };
    if (c !== 92 /* \ */) break; // a line feed: not closed on this line
    value += text.slice(run, i);
    const e = i + 1 < end ? text.charAt(i + 1) : '';
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      value += simple;
      i += 1;
    } else {
      const length = HEX_LENGTH[e];
      if (length === undefined) return bail();
      const hex = text.slice(i + 2, Math.min(i + 2 + length, end));
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) return bail();
      const code = parseInt(hex, 16);
      // Surrogates and code points past U+10FFFF: refused by yaml.v3, left to the full path.
      if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return bail();
      value += String.fromCodePoint(code);
      i += 1 + length;
    }
    run = i + 1;
  }
  return bail(); // unterminated on this line: a multi-line string
}

/** One-line flow collections: `[a, "b", {c: d}]`, `{}`. */
export class FlowParser {
  pos = 0;

  constructor(private readonly text: string, private readonly resolve: ScalarResolver) {}

  value(): unknown {
    this.space();
    const c = this.text.charAt(this.pos);
    if (c === '[') return this.sequence();
    if (c === '{') return this.mapping();
    if (c === '"' || c === "'") {
      const { value, end } = c === '"' ? readDoubleQuoted(this.text, this.pos) : readSingleQuoted(this.text, this.pos);
      this.pos = end;
      return value;
    }
    return this.resolve(this.plain());
  }

  private space(): void {
    while (this.text.charAt(this.pos) === ' ') this.pos++;
  }

  private plain(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !',[]{}'.includes(this.text.charAt(this.pos))) {
      if (this.text.charAt(this.pos) === ':' && /[ ,\]}]/.test(this.text.charAt(this.pos + 1) || ' ')) break;
      if (this.text.charAt(this.pos) === '#' && this.text.charAt(this.pos - 1) === ' ') bail();
      this.pos++;
    }
    return plainText(this.text.slice(start, this.pos), true);
  }

  private sequence(): unknown[] {
    this.pos++;
    const items: unknown[] = [];
    this.space();
    if (this.text.charAt(this.pos) === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.space();
      const c = this.text.charAt(this.pos);
      if (c === ':') bail(); // a single-pair mapping inside a sequence: leave to the full reader
      this.pos++;
      if (c === ']') return items;
      if (c !== ',') return bail();
      this.space();
      if (this.text.charAt(this.pos) === ']') {
        this.pos++;
        return items;
      }
    }
  }

  private mapping(): Record<string, unknown> {
    this.pos++;
    const map: Record<string, unknown> = {};
    this.space();
    if (this.text.charAt(this.pos) === '}') {
      this.pos++;
      return map;
    }
    for (;;) {
      const keyValue = this.value();
      if (keyValue !== null && typeof keyValue === 'object') bail();
      const key = String(keyValue);
      if (key === '<<' || key === '__proto__' || Object.hasOwn(map, key)) bail();
      this.space();
      if (this.text.charAt(this.pos) !== ':') return bail();
      this.pos++;
      this.space();
      const c = this.text.charAt(this.pos);
      map[key] = c === ',' || c === '}' ? null : this.value();
      this.space();
      const next = this.text.charAt(this.pos);
      this.pos++;
      if (next === '}') return map;
      if (next !== ',') return bail();
      this.space();
      if (this.text.charAt(this.pos) === '}') {
        this.pos++;
        return map;
      }
    }
  }
}

/** `[A-Za-z_/]` */
export function isWordValueStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 47;
}

/** First characters a plain key cannot have. */
export const KEY_REFUSED = '[]{}&*!|>%@`?,';
/** A key starting with a letter, made of letters, digits and `_-./`: plain text to every resolver… */
export const WORD_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
/** …and so is a value like it, or a path like `/etc/st2`. */
export const WORD_VALUE = /[A-Za-z_/][A-Za-z0-9_./-]*(?=\n|$)/y;
/** …except the YAML 1.1 and 1.2 null and boolean words. */
export const SPECIAL_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL',
]);

export function isSpecialWord(word: string): boolean {
  return maybeSpecialWord(word.charCodeAt(0), word.length) && SPECIAL_WORDS.has(word);
}

/** Whether a word of `length` characters starting with `first` can be special: they are short and start with one of `yYnNoOtTfF`. */
export function maybeSpecialWord(first: number, length: number): boolean {
  const c = first | 0x20;
  return length <= 5 && (c === 121 || c === 110 || c === 111 || c === 116 || c === 102);
}
