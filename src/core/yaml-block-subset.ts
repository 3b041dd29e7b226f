/**
 * A fast reader for the plain block-style YAML that Kubernetes manifests are
 * almost always written in: block mappings and sequences, plain and quoted
 * one-line scalars, literal block scalars, one-line flow collections and
 * comments. It gives exactly what the full reader (yaml-compose.ts, on the
 * `yaml` package) gives with the same scalar resolver, and returns undefined
 * for anything outside that subset (anchors, tags, multi-line flow or plain
 * scalars, folded scalars, tabs, duplicate keys…), so the caller falls back
 * to the full reader, which also words the errors.
 * On large trees this reader is several times faster than the general one.
 *
 * It reads the text in place: one pass records where each line starts, its
 * indentation and its kind, and the parser then works on offsets, slicing
 * out only keys and scalar values. The CLI reads its first 256 KiB without
 * V8's optimising compiler, so the hot paths are written for both tiers:
 * fields read into locals, few calls, single characters read from a typed
 * array, and longer scans (keys, values) done by sticky regular expressions,
 * native code at every tier, rather than by character loops.
 */

import { measure } from './render-budget.js';
import { codeUnits, keepForNextCall, lineTables, type LineTables } from './yaml-block-subset-buffers.js';
import { readOtherKey, isOtherMappingLine } from './yaml-block-subset-keys.js';
import { indexLines, isItemAt, ITEM, LINE_FEED, NO_TEXT, skipBlankCodes, skipNoText, TEXT } from './yaml-block-subset-lines.js';
import { readLiteral } from './yaml-block-subset-literal.js';
import {
  bail, expectLineEnd, FlowParser, isBlankChar, matchEnd, plainTextAt, readDoubleQuoted, readSingleQuoted, Unsupported, type ScalarResolver,
  isWordValueStart, maybeSpecialWord, SPECIAL_WORDS, WORD_VALUE,
} from './yaml-block-subset-scalars.js';

export type { ScalarResolver } from './yaml-block-subset-scalars.js';

/** 1-based lines of a collection's entries: mapping keys by key, sequence items by index. */
export interface EntryLines {
  readonly line: number;
  readonly keys?: Map<string, number>;
  readonly items?: number[];
}

/** Where collections were written, keyed by the parsed objects themselves. */
export type PositionIndex = WeakMap<object, EntryLines>;

/**
 * Each document's size as render-budget.ts's `measure` counts it, found while
 * parsing instead of by a second walk: nodes (every mapping, sequence and
 * scalar) and the deepest nesting of collections (the root's is 1). Pass
 * empty arrays; they are filled in document order (partly when the reader
 * declines the text).
 */
export interface DocumentSizes {
  readonly nodes: number[];
  readonly depths: number[];
}

/**
 * Parses `text` into its documents, or returns undefined when the text is
 * not in the supported subset. `resolve` reads unquoted scalars.
 */
export function parseBlockSubset(text: string, resolve: ScalarResolver, positions?: PositionIndex, sizes?: DocumentSizes): unknown[] | undefined {
  if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  const codes = codeUnits(text);
  const tables = lineTables(text.length);
  try {
    return new Reader(text, codes, tables, resolve, positions, sizes).documents();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  } finally {
    keepForNextCall(codes, tables);
  }
}

const hasOwn = Object.hasOwn; // read once: a property read costs on every key before V8 optimises

const HASH = 35;

/** Reads the documents of one text. Lines are 0-based indexes here; positions report them 1-based. */
class Reader {
  readonly lineCount: number;
  /** The line index (yaml-block-subset-lines.ts). After `- ` the rest of an item's line is read as a line of its own, indented to its column (see `inlineNode`). */
  readonly starts: Int32Array;
  readonly indents: Int32Array;
  readonly kinds: Uint8Array;
  /** Lines starting with `---`, `...` or `%`, in order; `documentEnd` walks them. */
  private readonly markers: number[];
  private nextMarker = 0;
  /** The current line. */
  private i = 0;
  /** The line after the current document. */
  private end = 0;
  /** The line start `wordKeyEnd` looked at last, and its answer. */
  private wordKeyAt = -1;
  private wordKeyAfter = -1;
  /** Nodes of the current document so far (its root and every collection's entries), for `sizes`. */
  private nodes = 0;
  /** Collections open around the current line, and the most there were in this document. */
  private level = 0;
  private deepest = 0;

  constructor(
    private readonly text: string,
    /** `codeUnits(text)`: `codes[end]` is a line feed at the end of every line. */
    private readonly codes: Uint8Array | Uint16Array,
    tables: LineTables,
    private readonly resolve: ScalarResolver,
    private readonly positions: PositionIndex | undefined,
    private readonly sizes: DocumentSizes | undefined,
  ) {
    ({ lineCount: this.lineCount, starts: this.starts, indents: this.indents, kinds: this.kinds, markers: this.markers } = indexLines(text, codes, tables));
  }

  documents(): unknown[] {
    const docs: unknown[] = [];
    let explicit = false;
    let line = 0;
    for (;;) {
      const start = line;
      line = this.documentEnd();
      if (line > start || explicit) {
        this.nodes = 1;
        this.deepest = 0;
        docs.push(this.hasContent(start, line) ? this.document(start, line) : null);
        this.sizes?.nodes.push(this.nodes);
        this.sizes?.depths.push(this.deepest);
      }
      if (line >= this.lineCount) break;
      // `line` is a `---` line
      line++;
      explicit = true;
      if (line >= this.lineCount) {
        docs.push(null);
        this.sizes?.nodes.push(1);
        this.sizes?.depths.push(0);
        break;
      }
    }
    return docs;
  }

  /** The next `---` line (or the line count): the end of the current document's lines. */
  private documentEnd(): number {
    const marker = this.markers[this.nextMarker++];
    if (marker === undefined) return this.lineCount;
    const line = this.text.slice(this.starts[marker], this.lineEnd(marker));
    if (line.startsWith('---') && (line.length === 3 || /^---\s+(#.*)?$/.test(line))) return marker;
    return bail();
  }

  private hasContent(start: number, end: number): boolean {
    for (let line = start; line < end; line++) {
      if (this.kinds[line] !== NO_TEXT) return true;
    }
    return false;
  }

  private document(start: number, end: number): unknown {
    this.i = start;
    this.end = end;
    const value = this.node(-1);
    if (this.peek() >= 0) bail();
    return value;
  }

  /** Offset of the line's end (its `\n`, or the end of the text). */
  private lineEnd(line: number): number {
    return (this.starts[line + 1] as number) - 1;
  }

  /** The next line with text (skipping blank and comment lines), or -1 at the document's end. */
  private peek(): number {
    const line = skipNoText(this.kinds, this.i, this.end);
    this.i = line;
    return line < this.end ? line : -1;
  }

  /** A block node more indented than `parent` (or, for `- ` items of a mapping value, at its indent). */
  private node(parent: number, allowIndentlessSequence = false): unknown {
    const line = this.peek();
    if (line < 0) return null;
    const indent = this.indents[line] as number;
    const isItem = this.kinds[line] === ITEM;
    if (indent > parent || (allowIndentlessSequence && isItem && indent === parent)) {
      if (isItem) return this.sequence(indent);
      if (this.isMappingLine((this.starts[line] as number) + indent, this.lineEnd(line))) return this.mapping(indent);
      bail();
    }
    return null;
  }

  private sequence(indent: number): unknown[] {
    const items: unknown[] = [];
    const itemLines: number[] | undefined = this.positions ? [] : undefined;
    if (this.positions) this.positions.set(items, { line: this.peek() + 1, items: itemLines as number[] });
    const { codes, starts, indents, kinds, end: documentEnd } = this;
    if (++this.level > this.deepest) this.deepest = this.level;
    for (;;) {
      const line = skipNoText(kinds, this.i, documentEnd);
      if (line === documentEnd || indents[line] !== indent || kinds[line] !== ITEM) break;
      this.i = line + 1;
      itemLines?.push(line + 1);
      const start = (starts[line] as number) + indent;
      const end = (starts[line + 1] as number) - 1;
      const rest = start + 1 === end ? end : skipBlankCodes(codes, start + 2);
      items.push(this.inlineNode(rest, end, rest - (starts[line] as number), indent));
    }
    this.level--;
    this.nodes += items.length;
    this.noDeeperLine(indent);
    return items;
  }

  /**
   * A node that starts on a line already consumed, at offset `start` (column
   * `column`), inside a collection at indent `owner` (a sequence item's text, or `- - x`).
   */
  private inlineNode(start: number, end: number, column: number, owner: number): unknown {
    const first = this.codes[start] as number;
    if (first === LINE_FEED || first === HASH) return this.node(owner);
    const nested = isItemAt(this.codes, start);
    if (nested || this.isMappingLine(start, end)) {
      // Re-read the rest of the line as a line of its own, indented to its column
      // (consumed lines are never revisited, so the line's indent and kind can change).
      this.i--;
      this.indents[this.i] = column;
      this.kinds[this.i] = nested ? ITEM : TEXT;
      return nested ? this.sequence(column) : this.mapping(column);
    }
    return this.scalarValue(start, first, end, owner);
  }

  /** A block mapping whose keys sit at `indent`, starting at the current line. */
  private mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    const keyLines: Map<string, number> | undefined = this.positions ? new Map() : undefined;
    const first = this.peek();
    if (this.positions) this.positions.set(map, { line: first + 1, keys: keyLines as Map<string, number> });
    const { text, codes, starts, indents, kinds, end: documentEnd } = this;
    if (++this.level > this.deepest) this.deepest = this.level;
    let entries = 0;
    for (;;) {
      const line = skipNoText(kinds, this.i, documentEnd);
      if (line === documentEnd || indents[line] !== indent || kinds[line] === ITEM) break;
      this.i = line + 1;
      const start = (starts[line] as number) + indent;
      const end = (starts[line + 1] as number) - 1;
      // Most keys are words that no YAML reader turns into anything but themselves
      // (the first line's was looked at already, to tell that this is a mapping).
      let key: string | undefined;
      let afterKey = line === first ? this.wordKeyEnd(start) : matchEnd(WORD_KEY_COLON, text, start);
      if (afterKey > 0) {
        key = text.slice(start, afterKey - 1);
        if (maybeSpecialWord(codes[start] as number, afterKey - 1 - start) && SPECIAL_WORDS.has(key)) key = undefined;
      }
      if (key === undefined) {
        ({ key, afterKey } = readOtherKey(text, start, end, this.resolve));
      }
      // (The first key cannot be a duplicate.)
      if (key === '<<' || key === '__proto__' || (line !== first && hasOwn(map, key))) bail();
      keyLines?.set(key, line + 1);
      entries++;
      // After the `:` comes the line end or a space, and then usually the value.
      let value = afterKey === end ? end : afterKey + 1;
      let c = codes[value] as number;
      if (isBlankChar(c)) {
        value = skipBlankCodes(codes, value);
        c = codes[value] as number;
      }
      if (c === LINE_FEED || c === HASH) map[key] = this.node(indent, true);
      else if (isItemAt(codes, value)) bail(); // `key: - item`
      else map[key] = this.scalarValue(value, c, end, indent);
    }
    this.level--;
    this.nodes += entries;
    this.noDeeperLine(indent);
    return map;
  }

  /** `key: value`, `key:` or a quoted key followed by `:`. */
  private isMappingLine(start: number, end: number): boolean {
    return this.wordKeyEnd(start) > 0 || isOtherMappingLine(this.text, start, end);
  }

  /**
   * Just past the `:` of the word key at `start`, or -1. Remembered for one
   * line: a mapping's first line is looked at before the mapping reads it.
   */
  private wordKeyEnd(start: number): number {
    if (start !== this.wordKeyAt) {
      this.wordKeyAfter = matchEnd(WORD_KEY_COLON, this.text, start);
      this.wordKeyAt = start;
    }
    return this.wordKeyAfter;
  }

  /** A scalar, a block scalar header or a one-line flow collection, from `start` (character `code`) to the line's `end`. */
  private scalarValue(start: number, code: number, end: number, owner: number): unknown {
    const text = this.text;
    // Most values are plain scalars filling the rest of the line, and most of those words.
    // (A deeper line after a word needs no check here: the enclosing loop stops at it, then bails.)
    if (isWordValueStart(code)) {
      WORD_VALUE.lastIndex = start;
      if (WORD_VALUE.test(text)) {
        const word = text.slice(start, end);
        return maybeSpecialWord(code, end - start) && SPECIAL_WORDS.has(word) ? this.resolve(word) : word;
      }
    }
    SIMPLE_PLAIN.lastIndex = start;
    if (SIMPLE_PLAIN.test(text)) {
      const plain = text.slice(start, end);
      this.noDeeperLine(owner);
      return this.resolve(plain);
    }
    const first = text.charAt(start);
    if (first === '|') {
      const { value, next } = readLiteral(text, this, start, end, owner, this.i, this.end);
      this.i = next;
      return value;
    }
    if (first === '>' || first === '&' || first === '*' || first === '!' || first === '%' || first === '@' || first === '`' || first === '?') bail();
    if (first === '"' || first === "'") {
      const { value, end: close } = first === '"' ? readDoubleQuoted(text, start, end) : readSingleQuoted(text, start, end);
      expectLineEnd(text, close, end);
      this.noDeeperLine(owner);
      return value;
    }
    if (first === '[' || first === '{') {
      const line = text.slice(start, end);
      const parser = new FlowParser(line, this.resolve);
      const value = parser.value();
      expectLineEnd(line, parser.pos);
      // A flow collection is one entry of its owner; what is inside it counts too.
      const inside = measure(value, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
      this.nodes += inside.nodes - 1;
      if (this.level + inside.depth > this.deepest) this.deepest = this.level + inside.depth;
      this.noDeeperLine(owner);
      return value;
    }
    const plain = plainTextAt(text, start, end, false);
    this.noDeeperLine(owner);
    return this.resolve(plain);
  }

  /**
   * Bails if the next line is indented past `indent`: after a collection it
   * is bad indentation, after a one-line scalar the continuation of a
   * multi-line scalar or an error. The full reader decides all of these.
   */
  private noDeeperLine(indent: number): void {
    const next = skipNoText(this.kinds, this.i, this.end);
    this.i = next;
    if (next < this.end && (this.indents[next] as number) > indent) bail();
  }

}

/** A word key (`[A-Za-z_][A-Za-z0-9_./-]*`) and its `:`, before a space or the line end: the common case, in one native scan. */
const WORD_KEY_COLON = /[A-Za-z_][A-Za-z0-9_./-]*:(?=[ \n]|$)/y;
/**
 * A plain scalar to the line end that `scalarValue` and `plainTextAt` take
 * as it is: no indicator first (but `-` or `:` before anything other than a
 * space), no `:` or `#` inside, no trailing whitespace.
 */
const SIMPLE_PLAIN = /(?:[^\s:#?\-[\]{},&*!|>'"%@`]|[-:](?=\S))(?:[^\n:#]*[^\s:#])?(?=\n|$)/y;
