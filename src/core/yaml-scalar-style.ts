/**
 * Which scalar style goyaml.v2 prints a string in (plain, single- or
 * double-quoted, literal block), following libyaml's scalar analysis, and
 * the character rules the writer needs for each.
 */
import { isPlainSafeV2 } from './yaml-scalars.js';

/** Strings with no character that needs quoting, escaping or folding (no spaces). */
const SIMPLE_PLAIN = /^[A-Za-z0-9_./$+=()](?:[A-Za-z0-9_./$+=()@:,~^-]*[A-Za-z0-9_./$+=()@,~^-])?$/;

/** A UTF-16 unit outside goyaml's printable set; surrogates count, since nothing beyond the BMP is printable. */
const UNPRINTABLE = /[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;
/**
 * libyaml's block indicators in one printable line without breaks (so its
 * blanks are spaces): `---` or `...` at the start, an indicator first, `?`,
 * `:` or `-` first and followed by a blank, `:` later followed by a blank,
 * `#` after a blank.
 */
const BLOCK_INDICATOR = /^(?:---|\.\.\.)|^[#,[\]{}&*!|>'"%@`]|^[?:-](?: |$)|.:(?: |$)| #/;
const BREAK_THEN_SPACE = /[\n\r\u0085\u2028\u2029] /;
const SPACE_THEN_BREAK = / [\n\r\u0085\u2028\u2029]/;

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

/**
 * goyaml.v2's choice: its encoder's plain/literal/double pick, then the
 * emitter's checks (libyaml's yaml_emitter_analyze_scalar), each made only
 * as far as the pick needs it. Simple words are plain without the analysis.
 */
export function scalarStyle(text: string, isKey: boolean): ScalarStyle {
  if (text.includes('\n')) return !isKey && blockAllowed(text) ? 'literal' : 'double';
  if (!isPlainSafeV2(text)) return 'double';
  // libyaml quotes anything starting with a document marker (`...x`).
  if (SIMPLE_PLAIN.test(text) && !text.startsWith('...')) return 'plain';
  // A special character (unprintable, or beyond the BMP) leaves only double quotes.
  if (UNPRINTABLE.test(text)) return 'double';
  // What breaks remain in printable text without `\n`: LS and PS.
  const lineBreaks = text.includes('\u2028') || text.includes('\u2029');
  if (!lineBreaks) return blockPlainAllowed(text) ? 'plain' : 'single';
  return BREAK_THEN_SPACE.test(text) || SPACE_THEN_BREAK.test(text) ? 'double' : 'single';
}

/** A literal block needs printable text, no space before a break and none at the end. */
function blockAllowed(text: string): boolean {
  return !UNPRINTABLE.test(text) && !text.endsWith(' ') && !SPACE_THEN_BREAK.test(text);
}

/** Plain style for a printable line without breaks: no space at either end, no indicator. */
function blockPlainAllowed(text: string): boolean {
  return !text.startsWith(' ') && !text.endsWith(' ') && !BLOCK_INDICATOR.test(text);
}

/**
 * The literal block's chomping indicator. Breaks are single UTF-16 units, so
 * looking at the last two units is looking at the last two characters.
 */
export function chompHint(text: string): string {
  const last = text.length - 1;
  if (last < 0 || !isBreak(text.charCodeAt(last))) return '-';
  if (last === 0) return '+';
  return isBreak(text.charCodeAt(last - 1)) ? '+' : '';
}

export function isBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029;
}

/** goyaml.v2's is_printable: no C1 controls, no BOM, and nothing outside the BMP. */
function isPrintable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff)
  );
}

/** Characters a double-quoted scalar must escape (the break and quote rules of yaml_emitter_write_double_quoted). */
export function needsDoubleQuoteEscape(code: number): boolean {
  return !isPrintable(code) || isBreak(code) || code === 0x22 || code === 0x5c;
}

const NAMED_ESCAPES = new Map<number, string>([
  [0x00, '\\0'], [0x07, '\\a'], [0x08, '\\b'], [0x09, '\\t'], [0x0a, '\\n'], [0x0b, '\\v'], [0x0c, '\\f'], [0x0d, '\\r'],
  [0x1b, '\\e'], [0x22, '\\"'], [0x5c, '\\\\'], [0x85, '\\N'], [0xa0, '\\_'], [0x2028, '\\L'], [0x2029, '\\P'],
]);

export function escapeDoubleQuoted(code: number): string {
  const named = NAMED_ESCAPES.get(code);
  if (named !== undefined) return named;
  if (code <= 0xff) return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** The inside of a double-quoted scalar that does not fold: escapes in place, per code point. */
export function doubleQuotedBody(text: string): string {
  let body = '';
  let start = 0;
  // goyaml.v2's is_bom ignores the position: after a leading BOM every character is escaped.
  const escapeAll = text.charCodeAt(0) === 0xfeff;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) ?? 0;
    const units = code > 0xffff ? 2 : 1;
    if (escapeAll || needsDoubleQuoteEscape(code)) {
      body += text.slice(start, i) + escapeDoubleQuoted(code);
      start = i + units;
    }
    i += units - 1;
  }
  return body + text.slice(start);
}
