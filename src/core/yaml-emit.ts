/**
 * The one YAML serialiser. It prints JSON-shaped values byte for byte as
 * `kubectl kustomize` does: sigs.k8s.io/yaml's goyaml.v2 emitter with natural
 * key order, indentless sequences, YAML 1.1 quoting and 80-column folding
 * (../shared/reference/kustomize.md §6). Golden files and Argo CD diffs rely on it.
 */
import { KeySetCache } from './yaml-key-order.js';
import { chompHint, doubleQuotedBody, escapeDoubleQuoted, isBreak, needsDoubleQuoteEscape, scalarStyle, type ScalarStyle } from './yaml-scalar-style.js';

const BEST_WIDTH = 80;
const INDENT = 2;
/** libyaml's longest simple key, in bytes. */
const MAX_SIMPLE_KEY = 128;
/** Remembered forms are capped so a huge input cannot grow them without bound. */
const CACHE_LIMIT = 20_000;
const SPACE = 0x20;
const QUOTE = 0x27;
/** The breaks a literal block's lines are split at (each is written as `\n`). */
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;
/** The breaks besides `\n` that a literal block can hold (the others are not printable). */
const UNICODE_LINE_BREAK = /[\u2028\u2029]/;

type Json = null | boolean | number | bigint | string | readonly Json[] | { readonly [key: string]: Json };
type Context = 'root' | 'mapping-value' | 'sequence-item';

/** Serialises documents joined by `---`, as a kustomize build prints them. */
export function emitYamlStream(documents: readonly unknown[]): string {
  const out = new Writer();
  for (let i = 0; i < documents.length; i++) {
    if (i > 0) out.separateDocuments();
    out.emitDocument(documents[i] as Json);
  }
  return out.finish();
}

/** Formats a number as Go's json.Marshal, then goyaml.v2's re-read and print, would. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '.inf' : '-.inf';
  // JSON prints integral values below 1e21 as digits; YAML re-reads them as int64 or uint64.
  if (Number.isInteger(n) && n > -(2 ** 63) && n < 2 ** 64) return n.toString();
  return formatGoFloatG(n);
}

/** strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form below 1e-4 or from 1e6. */
function formatGoFloatG(n: number): string {
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

function indentOf(width: number): string {
  return indents[width] ?? ' '.repeat(width);
}

function breakAndIndent(width: number): string {
  return breakIndents[width] ?? `\n${indentOf(width)}`;
}

/** `-` on a new line at an indentation: the usual start of a sequence item. */
function breakIndentDash(width: number): string {
  return breakIndentDashes[width] ?? `${breakAndIndent(width)}-`;
}

/** null, booleans and numbers print plain, and have no space to fold at. */
function scalarWord(value: null | boolean | number | bigint): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  return value.toString();
}

/**
 * How a string value prints. One shape for all styles keeps the writer's
 * property reads monomorphic.
 */
interface ValueForm {
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

interface LiteralBlock {
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
  return { style, text: printed, spaced: ` ${printed}`, foldsPast: foldsPast(text, style, printed), literal: undefined };
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
function literalBody(block: LiteralBlock, indent: number): string {
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

const mappingKeys = new KeySetCache<MappingKeys>((keys) => ({ keys, lines: mapByPush(keys, keyLine), brokenLines: new Map() }));

function brokenKeyLines(mapping: MappingKeys, indent: number): readonly (string | null)[] {
  let broken = mapping.brokenLines.get(indent);
  if (broken === undefined) {
    const lineStart = breakAndIndent(indent);
    broken = mapByPush(mapping.lines, (line) => (line === null ? null : lineStart + line));
    mapping.brokenLines.set(indent, broken);
  }
  return broken;
}

/**
 * Pieces joined per chunk: V8 joins a thousand short strings far faster per
 * piece than a huge array of them. The first chunk also ends early, usually
 * before the writer is optimized, so optimized code has met a chunk's end.
 */
const CHUNK_PIECES = 1024;

/**
 * goyaml's emitter state (column, whitespace, indention) over output pieces:
 * most are shared strings (a line break with indentation and `key:`, printed
 * values), so the text is copied only when chunks are joined.
 */
class Writer {
  private readonly chunks: string[] = [];
  /** The chunk being written: sized once and reused, since emptying an array gives up its storage. */
  private readonly parts: string[] = new Array<string>(CHUNK_PIECES);
  private count = 0;
  private column = 0;
  /** Whether the last written character was whitespace (or the line start). */
  private whitespace = true;
  /** Whether only indentation has been written on this line. */
  private indention = true;

  emitDocument(value: Json): void {
    this.emitNode(value, -1, 'root');
    if (this.column !== 0) this.newline();
    this.whitespace = true;
    this.indention = true;
  }

  separateDocuments(): void {
    this.add('---\n');
  }

  finish(): string {
    this.endChunk();
    return this.chunks.length === 1 ? (this.chunks[0] as string) : this.chunks.join('');
  }

  /** Stores stay within the array: growing it would deoptimize every caller the store is inlined in. */
  private add(piece: string): void {
    this.parts[this.count++] = piece;
    if (this.count === CHUNK_PIECES) this.endChunk();
  }

  private endChunk(): void {
    // Only the last chunk is partial: cut what the chunk before left past it.
    if (this.count < this.parts.length) this.parts.length = this.count;
    this.chunks.push(this.parts.join(''));
    this.count = 0;
  }

  private put(text: string): void {
    this.add(text);
    this.column += text.length;
  }

  private newline(): void {
    this.startLine('\n', 0);
  }

  /** Writes a piece that starts with a line break and ends at `column`. */
  private startLine(piece: string, column: number): void {
    this.add(piece);
    this.column = column;
  }

  /** Whether writing at `indent` needs a new line (libyaml's yaml_emitter_write_indent). */
  private needsBreak(indent: number): boolean {
    return !this.indention || this.column > indent || (this.column === indent && !this.whitespace);
  }

  private writeIndent(indent: number): void {
    if (this.needsBreak(indent)) {
      this.startLine(breakAndIndent(indent), indent);
    } else if (this.column < indent) {
      this.add(indentOf(indent - this.column));
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  private indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /**
   * Emits a node. `parentIndent` is the parent's indent; `context` says where the node sits,
   * which decides how collections open (goyaml's block mapping/sequence states).
   */
  private emitNode(value: Json, parentIndent: number, context: Context): void {
    if (typeof value === 'string') {
      this.emitString(value, parentIndent < 0 ? 0 : parentIndent + INDENT);
    } else if (Array.isArray(value)) {
      this.emitSequence(value as readonly Json[], parentIndent, context);
    } else if (value !== null && typeof value === 'object') {
      this.emitMapping(value as { readonly [key: string]: Json }, parentIndent);
    } else {
      this.emitWord(scalarWord(value));
    }
  }

  private emitMapping(map: { readonly [key: string]: Json }, parentIndent: number): void {
    const mapping = mappingKeys.get(map);
    const keys = mapping.keys;
    if (keys.length === 0) {
      this.indicator('{}', true, false, false);
      return;
    }
    const indent = parentIndent < 0 ? 0 : parentIndent + INDENT;
    const broken = brokenKeyLines(mapping, indent);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const line = mapping.lines[i];
      if (typeof line !== 'string') {
        this.writeIndent(indent);
        this.emitLongKey(key, indent);
      } else {
        if (this.needsBreak(indent)) {
          this.startLine(broken[i] as string, indent + line.length);
        } else {
          this.writeIndent(indent);
          this.put(line);
        }
        this.whitespace = false;
        this.indention = false;
      }
      // Most values are strings: spare them the dispatch.
      const value = map[key] as Json;
      if (typeof value === 'string') this.emitString(value, indent + INDENT);
      else this.emitNode(value, indent, 'mapping-value');
    }
  }

  /** A key over 128 bytes: `? ` and the key printed (and folded) as a value, then `:` on its own line. */
  private emitLongKey(key: string, indent: number): void {
    this.indicator('?', true, false, true);
    this.emitString(key, indent + INDENT);
    this.writeIndent(indent);
    this.indicator(':', true, false, true);
  }

  private emitSequence(items: readonly Json[], parentIndent: number, context: Context): void {
    if (items.length === 0) {
      this.indicator('[]', true, false, false);
      return;
    }
    // Sequences under a mapping key are indentless; elsewhere they indent.
    const indent = parentIndent < 0 ? 0 : context === 'mapping-value' ? parentIndent : parentIndent + INDENT;
    const dash = breakIndentDash(indent);
    for (let i = 0; i < items.length; i++) {
      if (this.needsBreak(indent)) {
        this.startLine(dash, indent + 1);
        this.indention = true;
      } else {
        this.writeIndent(indent);
        this.put('-');
      }
      this.whitespace = false;
      this.emitNode(items[i] as Json, indent, 'sequence-item');
    }
  }

  private emitWord(word: string): void {
    if (!this.whitespace) this.put(' ');
    this.put(word);
    this.whitespace = false;
    this.indention = false;
  }

  private emitString(text: string, indent: number): void {
    const form = valueForms.get(text) ?? rememberValueForm(text);
    const start = this.whitespace ? this.column : this.column + 1;
    if (start > form.foldsPast) {
      this.emitOverLines(text, form, indent);
      return;
    }
    this.put(this.whitespace ? form.text : form.spaced);
    this.whitespace = false;
    this.indention = false;
  }

  /**
   * Literal blocks and folded strings share this one call: a stream's first
   * long string to fold then finds the call warm from earlier blocks, and the
   * optimized caller need not bail out to the interpreter for it.
   */
  private emitOverLines(text: string, form: ValueForm, indent: number): void {
    if (form.literal !== undefined) this.literal(form.literal, indent);
    else if (form.style === 'plain') this.plainFolded(text, indent);
    else if (form.style === 'single') this.singleQuotedFolded(text, indent);
    else this.doubleQuotedFolded(text, indent);
  }

  /** Text already scanned, written before a fold; what it holds is not indentation. */
  private putRun(run: string): void {
    if (run === '') return;
    this.put(run);
    this.indention = false;
  }

  /** libyaml breaks a plain scalar at a single space once past column 80. */
  private plainFolded(text: string, indent: number): void {
    if (!this.whitespace) this.put(' ');
    let run = 0;
    for (let i = 0; i < text.length; i++) {
      if (
        text.charCodeAt(i) === SPACE &&
        this.column + (i - run) > BEST_WIDTH &&
        text.charCodeAt(i - 1) !== SPACE &&
        text.charCodeAt(i + 1) !== SPACE
      ) {
        this.putRun(text.slice(run, i));
        this.writeIndent(indent);
        run = i + 1;
      }
    }
    this.putRun(text.slice(run));
    this.whitespace = false;
    this.indention = false;
  }

  /** As plain, inside quotes, never at the first or last character; `'` is written twice. */
  private singleQuotedFolded(text: string, indent: number): void {
    this.indicator("'", true, false, false);
    let run = 0;
    let column = this.column;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (
        code === SPACE &&
        column > BEST_WIDTH &&
        i > 0 &&
        i < text.length - 1 &&
        text.charCodeAt(i - 1) !== SPACE &&
        text.charCodeAt(i + 1) !== SPACE
      ) {
        this.putRun(text.slice(run, i).replaceAll("'", "''"));
        this.writeIndent(indent);
        run = i + 1;
        column = this.column;
      } else {
        column += code === QUOTE ? 2 : 1;
      }
    }
    this.putRun(text.slice(run).replaceAll("'", "''"));
    this.indicator("'", false, false, false);
  }

  /** Breaks at a space once past column 80; a space after the break is kept by a `\`. */
  private doubleQuotedFolded(text: string, indent: number): void {
    this.indicator('"', true, false, false);
    let run = 0;
    let column = this.column;
    for (let i = 0; i < text.length; i++) {
      const code = text.codePointAt(i) ?? 0;
      if (needsDoubleQuoteEscape(code)) {
        this.put(text.slice(run, i));
        this.put(escapeDoubleQuoted(code));
        if (code > 0xffff) i++;
        run = i + 1;
        column = this.column;
      } else if (code === SPACE && column > BEST_WIDTH && i > 0 && i < text.length - 1 && text.charCodeAt(i - 1) !== SPACE) {
        this.put(text.slice(run, i));
        this.writeIndent(indent);
        if (text.charCodeAt(i + 1) === SPACE) this.put('\\');
        run = i + 1;
        column = this.column;
      } else {
        column += 1;
      }
    }
    this.put(text.slice(run));
    this.indicator('"', false, false, false);
  }

  /**
   * A `|` block. Like libyaml, it leaves `whitespace` set: a following key at
   * column 0 after a final break then starts on the line the block ended.
   */
  private literal(block: LiteralBlock, indent: number): void {
    this.indicator(block.header, true, false, false);
    this.newline();
    this.add(literalBody(block, indent));
    const last = block.lines[block.lines.length - 1] ?? '';
    this.column = last === '' ? 0 : indent + last.length;
    this.indention = last === '';
    this.whitespace = true;
  }
}
