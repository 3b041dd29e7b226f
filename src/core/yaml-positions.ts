/**
 * Line numbers of fields in a YAML file, for findings. The file is re-read
 * (the fast reader records lines as it parses; anything it declines goes
 * through the `yaml` package's nodes and LineCounter); this happens only for
 * files a finding points into, so a clean render pays nothing.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { parseBlockSubset, type PositionIndex } from './yaml-block-subset.js';
import { resolvePlainV3 } from './yaml-scalars.js';

/** Where one node starts and, for collections, its children in order. */
interface PositionNode {
  readonly line: number;
  readonly kind: 'mapping' | 'sequence' | 'scalar';
  /** Mapping: key, value, key, value…; sequence: items. */
  readonly children: PositionNode[];
  value: unknown;
}

export class YamlPositions {
  private readonly documents: PositionNode[] | undefined;
  private readonly fast: { readonly values: unknown[]; readonly index: PositionIndex } | undefined;

  /** `reader: 'full'` skips the fast reader (tests compare the two). */
  constructor(text: string, reader: 'auto' | 'full' = 'auto') {
    // Plain block YAML (nearly every manifest) goes through the fast reader, which
    // records lines as it parses; anything else through the `yaml` package.
    const index: PositionIndex = new WeakMap();
    const values = reader === 'auto' ? parseBlockSubset(text, resolvePlainV3, index) : undefined;
    this.fast = values === undefined ? undefined : { values, index };
    this.documents = values === undefined ? readPositions(text) : undefined;
  }

  /**
   * 1-based line of the field at `path` in document `index`: the key's line
   * for a mapping entry, the item's line for a sequence entry. A path that
   * does not exist gives the line of its longest existing prefix.
   */
  lineOf(index: number, path: ReadonlyArray<string | number>): number | undefined {
    if (this.fast) return fastLineOf(this.fast.values[index], this.fast.index, path);
    let node = this.documents?.[index];
    if (node === undefined) return undefined;
    let line = node.line;
    for (const segment of path) {
      if (node.kind === 'mapping') {
        const at = findKey(node, String(segment));
        if (at < 0) break;
        line = (node.children[at] as PositionNode).line;
        const next: PositionNode | undefined = node.children[at + 1];
        if (next === undefined) break;
        node = next;
      } else if (node.kind === 'sequence' && typeof segment === 'number') {
        const next: PositionNode | undefined = node.children[segment];
        if (next === undefined) break;
        node = next;
        line = node.line;
      } else {
        break;
      }
    }
    return line;
  }
}

/**
 * Positions of a file's documents, each read on first use. A finding needs
 * one document, not the whole file: when the file is plain block YAML, only
 * that document's lines (between `---` lines) are read; otherwise the whole
 * file is, once. lineOf(index, path) answers as YamlPositions.lineOf does.
 */
export class FilePositions {
  private readonly slices: ReturnType<typeof documentSlices>;
  private readonly documents = new Map<number, ((path: ReadonlyArray<string | number>) => number | undefined) | undefined>();
  private whole: YamlPositions | undefined;

  constructor(private readonly text: string) {
    this.slices = documentSlices(text);
  }

  lineOf(index: number, path: ReadonlyArray<string | number>): number | undefined {
    if (!this.documents.has(index)) this.documents.set(index, this.readDocument(index));
    const alone = this.documents.get(index);
    if (alone !== undefined) return alone(path);
    this.whole ??= new YamlPositions(this.text);
    return this.whole.lineOf(index, path);
  }

  private readDocument(index: number): ((path: ReadonlyArray<string | number>) => number | undefined) | undefined {
    const slice = this.slices?.[index];
    if (slice === undefined) return undefined;
    const positions: PositionIndex = new WeakMap();
    const values = parseBlockSubset(slice.text, resolvePlainV3, positions);
    if (values === undefined || values.length !== 1) return undefined;
    return (path) => {
      const line = fastLineOf(values[0], positions, path);
      return line === undefined ? undefined : line + slice.lineOffset;
    };
  }
}

/** A `---` line between documents, as the fast reader accepts it. */
const SEPARATOR = /^---(\s+(#.*)?)?$/;

/**
 * The documents' lines, split the way the fast reader splits a file: lines
 * before the first `---` make a document when there are any, and each `---`
 * starts one. Undefined when the file has anything the fast reader refuses at
 * file level (tabs, CR, a BOM, `...`, directives, text after `---`).
 * Found with indexOf on the whole text rather than by splitting it into lines:
 * a finding in a large file needs only the `---` lines (issue 12, locating
 * the 25-copy tree's findings cost more than judging it).
 */
function documentSlices(text: string): Array<{ readonly text: string; readonly lineOffset: number }> | undefined {
  if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  if (startsAnyLine(text, '...') || startsAnyLine(text, '%')) return undefined;
  // Each `---` line: its line number, where it starts and where its newline is (text.length when last).
  const separators: Array<{ readonly line: number; readonly start: number; readonly end: number }> = [];
  let line = 0;
  let counted = 0;
  for (let at = text.startsWith('---') ? 0 : nextLineStarting(text, '---', 0); at >= 0; at = nextLineStarting(text, '---', at + 3)) {
    for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < at; nl = text.indexOf('\n', nl + 1)) {
      line++;
      counted = nl + 1;
    }
    const newline = text.indexOf('\n', at);
    const end = newline < 0 ? text.length : newline;
    if (!SEPARATOR.test(text.slice(at, end))) return undefined;
    separators.push({ line, start: at, end });
  }
  const out: Array<{ readonly text: string; readonly lineOffset: number }> = [];
  // Document 0 is the lines before the first `---` when there are any.
  const first = separators[0];
  if (first === undefined) return [{ text, lineOffset: 0 }];
  if (first.line !== 0) out.push({ text: text.slice(0, first.start - 1), lineOffset: 0 });
  separators.forEach((separator, k) => {
    const from = Math.min(separator.end + 1, text.length);
    const next = separators[k + 1];
    const to = next === undefined ? text.length : next.start - 1;
    out.push({ text: to > from ? text.slice(from, to) : '', lineOffset: separator.line + 1 });
  });
  return out;
}

/** Whether any line of `text` starts with `prefix`. */
function startsAnyLine(text: string, prefix: string): boolean {
  return text.startsWith(prefix) || text.includes(`\n${prefix}`);
}

/** Offset of the next line at or after `from` (a line start or inside a line) that starts with `prefix`, or -1. */
function nextLineStarting(text: string, prefix: string, from: number): number {
  const at = text.indexOf(`\n${prefix}`, from - 1 < 0 ? 0 : from - 1);
  return at < 0 ? -1 : at + 1;
}

function fastLineOf(root: unknown, index: PositionIndex, path: ReadonlyArray<string | number>): number | undefined {
  let node = root;
  let line = node !== null && typeof node === 'object' ? index.get(node)?.line : undefined;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') break;
    const entry = index.get(node);
    if (Array.isArray(node) && typeof segment === 'number') {
      const itemLine = entry?.items?.[segment];
      if (itemLine === undefined) break;
      line = itemLine;
      node = node[segment];
    } else if (!Array.isArray(node)) {
      const key = String(segment);
      const keyLine = entry?.keys?.get(key);
      if (keyLine === undefined) break;
      line = keyLine;
      node = (node as Record<string, unknown>)[key];
    } else {
      break;
    }
  }
  return line;
}

function findKey(node: PositionNode, key: string): number {
  for (let i = 0; i < node.children.length; i += 2) {
    if (String(node.children[i]?.value) === key) return i;
  }
  return -1;
}

/**
 * Every document's nodes with their start lines: a key's line for a mapping
 * entry, an item's first line for a sequence entry. An alias is a leaf (its
 * fields are the anchor's). A file the `yaml` package cannot read has none.
 */
function readPositions(text: string): PositionNode[] {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { schema: 'failsafe', resolveKnownTags: false, uniqueKeys: false, merge: false, lineCounter: counter });
  if (!Array.isArray(docs)) return [];
  const lineOf = (node: Node): number => counter.linePos(node.range?.[0] ?? 0).line;
  const toPosition = (node: unknown): PositionNode => {
    if (isMap(node)) {
      const children: PositionNode[] = [];
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const keyPosition = isScalar(key)
          ? { line: lineOf(key), kind: 'scalar' as const, children: [], value: key.value }
          : { line: key ? lineOf(key) : lineOf(node), kind: 'scalar' as const, children: [], value: undefined };
        children.push(keyPosition, pair.value === null ? { ...keyPosition, value: null } : toPosition(pair.value));
      }
      return { line: lineOf(node), kind: 'mapping', children, value: undefined };
    }
    if (isSeq(node)) return { line: lineOf(node), kind: 'sequence', children: node.items.map(toPosition), value: undefined };
    const leaf = node as Node;
    return { line: lineOf(leaf), kind: 'scalar', children: [], value: isScalar(leaf) && !isAlias(leaf) ? leaf.value : undefined };
  };
  // One entry per document, empty ones included, so indexes are the render's.
  return docs.map((doc) =>
    doc.contents === null ? { line: counter.linePos(doc.range[0]).line, kind: 'scalar', children: [], value: null } : toPosition(doc.contents),
  );
}
