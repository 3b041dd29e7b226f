/**
 * How scalars, keys and indentation print, worked out once per distinct text
 * and shared by every place it appears: the writer (yaml-emit.ts) puts these
 * pieces together.
 */
import { KeySetCache } from './yaml-key-order.js';
import { chompHint, doubleQuotedBody, isBreak, scalarStyle, type ScalarStyle } from './yaml-scalar-style.js';

export const BEST_WIDTH = 80;
export const INDENT = 2;
/** libyaml's longest simple key, in bytes. */
const MAX_SIMPLE_KEY = 128;
/** Remembered forms are capped so a huge input cannot grow them without bound. */
const CACHE_LIMIT = 20_000;
export const SPACE = 0x20;
/** The breaks a literal block's lines are split at (each is written as `\n`). */
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;
/** The breaks besides `\n` that a literal block can hold (the others are not printable). */
const UNICODE_LINE_BREAK = /[\u2028\u2029]/;

/** Formats a number as Go's json.Marshal, then goyaml.v2's re-read and print, would. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '.inf' : '-.inf';
  // JSON prints integral values below 1e21 as digits; YAML re-reads them as int64 or uint64.
  if (Number.isInteger(n) && n > -(2 ** 63) && n < 2 ** 64) return n.toString();
  return formatGoFloatG(n);
}

/** strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form below 1e-4 or from 1e6. */
export function formatGoFloatG(n: number): string {
  const [mantissa = '', expText = '0'] = n.toExponential().split('e');
  const exponent = Number(expText);
  if (exponent < -4 || exponent >= 6) {
    const abs = Math.abs(exponent);
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
  }
  return n.toString();
}

/**
 * Indentation by width, alone, after a line break, and with a sequence's `-`:
 * built up front for the usual depths and shared by every line (growing a
 * cache as the stream goes would deoptimize the writer each time it grew).
 */
const PREBUILT_WIDTHS = 64;
const indents = Array.from({ length: PREBUILT_WIDTHS }, (_, width) => ' '.repeat(width));
const breakIndents = indents.map((indent) => `\n${indent}`);
const breakIndentDashes = breakIndents.map((lineStart) => `${lineStart}-`);

export function indentOf(width: number): string {
  return indents[width] ?? ' '.repeat(width);
}

export function breakAndIndent(width: number): string {
  return breakIndents[width] ?? `\n${indentOf(width)}`;
}

/** `-` on a new line at an indentation: the usual start of a sequence item. */
export function breakIndentDash(width: number): string {
  return breakIndentDashes[width] ?? `${breakAndIndent(width)}-`;
}

/** null, booleans and numbers print plain, and have no space to fold at. */
export function scalarWord(value: null | boolean | number | bigint): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  return value.toString();
}

/**
 * How a string value prints. One shape for all styles keeps the writer's
 * property reads monomorphic.
 */
export interface ValueForm {
  readonly style: ScalarStyle;
  /** On one line: quotes and escapes included ('' for a literal block). */
  readonly text: string;
  /** `text` after the separating space: the usual case, a value after `key:` or `-`. */
  readonly spaced: string;
  /**
   * It prints as `text` only when it starts by this column; past it, its last
   * space lands past column 80 and it folds. A literal block never fits.
   */
  readonly foldsPast: number;
  readonly literal: LiteralBlock | undefined;
}

export interface LiteralBlock {
  /** `|`, then the indentation indicator if the text starts with a space or break, then chomping. */
  readonly header: string;
  readonly lines: readonly string[];
  /** The block's lines as printed, by indentation, built on first use. */
  readonly bodies: Map<number, string>;
}

/** Forms by text: the same names, images, descriptions and scripts repeat across resources. */
const valueForms = new Map<string, ValueForm>();

function rememberValueForm(text: string): ValueForm {
  const form = buildValueForm(text);
  if (valueForms.size < CACHE_LIMIT) valueForms.set(text, form);
  return form;
}

function buildValueForm(text: string): ValueForm {
  const style = scalarStyle(text, false);
  if (style === 'literal') {
    const first = text.charCodeAt(0);
    const indentIndicator = first === SPACE || isBreak(first) ? String(INDENT) : '';
    const literal = { header: `|${indentIndicator}${chompHint(text)}`, lines: literalLines(text), bodies: new Map<number, string>() };
    return { style, text: '', spaced: '', foldsPast: -Infinity, literal };
  }
  const printed = flowText(text, style);
  // Separators inside single quotes are written as breaks: always through the folding writer.
  const separators = style === 'single' && UNICODE_LINE_BREAK.test(text);
  return { style, text: printed, spaced: ` ${printed}`, foldsPast: separators ? -Infinity : foldsPast(text, style, printed), literal: undefined };
}

/**
 * The column past which a scalar starting there may fold: before it, its last
 * space stays within column 80. A single-quoted one also stays whole when its
 * unescaped text ends by column 80 (the writer has always measured it so).
 */
function foldsPast(text: string, style: ScalarStyle, printed: string): number {
  const lastSpace = printed.lastIndexOf(' ');
  if (lastSpace < 0) return Infinity;
  const lastSpaceFits = BEST_WIDTH - lastSpace;
  return style === 'single' ? Math.max(lastSpaceFits, BEST_WIDTH - 1 - text.length) : lastSpaceFits;
}

/** A literal block's lines: split at `\n` alone unless the text holds a Unicode line break. */
function literalLines(text: string): string[] {
  return UNICODE_LINE_BREAK.test(text) ? text.split(LINE_BREAK) : text.split('\n');
}

/** A scalar on one line in the given style (keys never get 'literal'; it would be double-quoted). */
function flowText(text: string, style: ScalarStyle): string {
  if (style === 'plain') return text;
  if (style === 'single') return `'${text.replaceAll("'", "''")}'`;
  return `"${doubleQuotedBody(text)}"`;
}

/** A literal block's lines at an indentation; empty lines get none. */
export function literalBody(block: LiteralBlock, indent: number): string {
  let body = block.bodies.get(indent);
  if (body === undefined) {
    const prefix = indentOf(indent);
    body = block.lines.map((line) => (line === '' ? '' : prefix + line)).join('\n');
    block.bodies.set(indent, body);
  }
  return body;
}

/** Over libyaml's 128 bytes for a simple key. */
function isLongKey(key: string): boolean {
  // A UTF-16 unit is at most 3 bytes: most keys are too short to count.
  return key.length * 3 > MAX_SIMPLE_KEY && utf8Length(key) > MAX_SIMPLE_KEY;
}

/** UTF-8 bytes, as Buffer.byteLength counts them (a lone surrogate as the 3 of U+FFFD). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Keys by text: the same keys appear in many key sets. */
const keyLineCache = new Map<string, string | null>();

/**
 * `key:` as a mapping line prints it, or null for a key over 128 bytes, which
 * libyaml writes in the explicit `? key` / `: value` form.
 */
function keyLine(key: string): string | null {
  let line = keyLineCache.get(key);
  if (line === undefined) {
    line = isLongKey(key) ? null : `${flowText(key, scalarStyle(key, true))}:`;
    if (keyLineCache.size < CACHE_LIMIT) keyLineCache.set(key, line);
  }
  return line;
}

/**
 * Array.prototype.map, built by push: optimized code makes map's result holey
 * where the interpreter's is packed, and the keyed loads of the emitter then
 * meet two array shapes and deoptimize.
 */
function mapByPush<T, U>(items: readonly T[], f: (item: T) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < items.length; i++) out.push(f(items[i] as T));
  return out;
}

/** A key set in print order, its keys printed, and (by indentation, built on first use) after a line break. */
interface MappingKeys {
  readonly keys: readonly string[];
  readonly lines: readonly (string | null)[];
  readonly brokenLines: Map<number, readonly (string | null)[]>;
}

export const mappingKeys = new KeySetCache<MappingKeys>((keys) => ({ keys, lines: mapByPush(keys, keyLine), brokenLines: new Map() }));

export function brokenKeyLines(mapping: MappingKeys, indent: number): readonly (string | null)[] {
  let broken = mapping.brokenLines.get(indent);
  if (broken === undefined) {
    const lineStart = breakAndIndent(indent);
    broken = mapByPush(mapping.lines, (line) => (line === null ? null : lineStart + line));
    mapping.brokenLines.set(indent, broken);
  }
  return broken;
}

/** The printed forms of a string value, analysed on first sight. */
export function valueFormOf(text: string): ValueForm {
  return valueForms.get(text) ?? rememberValueForm(text);
}

