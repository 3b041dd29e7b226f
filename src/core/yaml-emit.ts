/**
 * The one YAML serialiser. It prints JSON-shaped values byte for byte as
 * `kubectl kustomize` does: sigs.k8s.io/yaml's goyaml.v2 emitter with natural
 * key order, indentless sequences, YAML 1.1 quoting and 80-column folding
 * (../shared/reference/kustomize.md §6). Golden files and Argo CD diffs rely on it.
 */
import { escapeDoubleQuoted, needsDoubleQuoteEscape } from './yaml-scalar-style.js';
import { BEST_WIDTH, breakAndIndent, breakIndentDash, brokenKeyLines, indentOf, INDENT, literalBody, mappingKeys, scalarWord, SPACE, valueFormOf, type LiteralBlock, type ValueForm } from './yaml-emit-forms.js';

const LINE_SEPARATOR = 0x2028;
const PARAGRAPH_SEPARATOR = 0x2029;
const BOM = 0xfeff;
const QUOTE = 0x27;

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
    const form = valueFormOf(text);
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

  /**
   * As plain, inside quotes, never at the first or last character; `'` is
   * written twice. A line or paragraph separator is written as the break it
   * is, and the text after it starts at the indentation (libyaml's
   * yaml_emitter_write_single_quoted).
   */
  private singleQuotedFolded(text: string, indent: number): void {
    this.indicator("'", true, false, false);
    let run = 0;
    let column = this.column;
    let breaks = false;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === LINE_SEPARATOR || code === PARAGRAPH_SEPARATOR) {
        this.putRun(text.slice(run, i + 1).replaceAll("'", "''"));
        this.column = 0;
        this.indention = true;
        column = 0;
        run = i + 1;
        breaks = true;
        continue;
      }
      if (breaks) {
        this.writeIndent(indent);
        column = this.column;
        breaks = false;
      }
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
    // goyaml.v2 closes the quote right after a final separator, without indenting.
    this.putRun(text.slice(run).replaceAll("'", "''"));
    this.indicator("'", false, false, false);
  }

  /** Breaks at a space once past column 80; a space after the break is kept by a `\`. */
  private doubleQuotedFolded(text: string, indent: number): void {
    this.indicator('"', true, false, false);
    let run = 0;
    let column = this.column;
    // goyaml.v2's BOM test looks at the string's start, not the position: a leading BOM escapes everything.
    const escapeAll = text.charCodeAt(0) === BOM;
    for (let i = 0; i < text.length; i++) {
      const code = text.codePointAt(i) ?? 0;
      if (escapeAll || needsDoubleQuoteEscape(code)) {
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
