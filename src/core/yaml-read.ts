/**
 * Reading users' YAML with kustomize's readers' scalar semantics (yaml.v3 for
 * resources, goyaml.v2 for kustomization and JSON-patch text). Plain block
 * YAML, nearly every manifest, goes through the fast subset reader; anything
 * it declines through the `yaml` package (yaml-compose.ts). Documents are
 * capped in size and alias expansion, so a hostile file finishes in bounded
 * time and memory.
 */
import { BudgetError, DEFAULT_BUDGETS } from './budgets.js';
import { RenderError } from './errors.js';
import { applyGoDoubleQuotedEscapes } from './yaml-double-quoted.js';
import { checkBracketedJson } from './json-patch-text.js';
import { composeYamlFile } from './yaml-compose.js';
import { kyamlDocumentView } from './yaml-kyaml-documents.js';
import { chargeCounted, chargeYaml, currentBudgets } from './render-budget.js';
import { parseBlockSubset, type DocumentSizes, type PositionIndex } from './yaml-block-subset.js';
import { resolvePlainV2, resolvePlainV3, UnsupportedValueError } from './yaml-scalars.js';

/** Files larger than this (by default; see core/budgets.ts) are refused before parsing. */
export const MAX_FILE_BYTES = DEFAULT_BUDGETS.maxFileBytes;

export type YamlFlavor = 'resource' | 'patch';

/** One parsed document with the 1-based line each mapping/sequence starts on. */
export interface ParsedDocument {
  readonly value: unknown;
  /** Index of the document in its file. */
  readonly index: number;
}

export interface ParseOptions {
  readonly flavor: YamlFlavor;
  /** Record the start line of every mapping and sequence (for patch ops). */
  readonly trackLines?: boolean;
  /** `'full'` skips the fast reader (tests compare the two). */
  readonly reader?: 'auto' | 'full';
}

/** Start lines (1-based) of the collections of a parsed file. */
export interface CollectionLines {
  get(collection: object): number | undefined;
}

export interface ParsedFile {
  readonly documents: readonly ParsedDocument[];
  /** Start lines of collections, when `trackLines` was set. */
  readonly lines: CollectionLines;
}

/** Reads a user's file, refusing it by its size on disk before any of it is read. */
export function readCappedFile(fs: { size(relPath: string): number; read(relPath: string): string }, file: string): string {
  const bytes = fs.size(file);
  const cap = currentBudgets().maxFileBytes;
  if (bytes > cap) throw tooLarge(file, bytes, cap);
  return fs.read(file);
}

/**
 * Reads a user's YAML file as kustomize's readers take it: UTF-8 only. Node's
 * decoder turns a byte no UTF-8 holds into U+FFFD, which kubectl never prints
 * ("yaml: invalid leading UTF-8 octet"), so a text holding U+FFFD is checked
 * against its bytes (a real U+FFFD is valid YAML).
 */
export function readYamlFile(fs: { size(relPath: string): number; read(relPath: string): string; readBytes(relPath: string): Uint8Array }, file: string): string {
  const text = readCappedFile(fs, file);
  if (!text.includes('\ufffd')) return text;
  const bytes = fs.readBytes(file);
  try {
    strictUtf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, at).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    throw new RenderError('yaml-syntax', `invalid YAML: byte 0x${(bytes[at] ?? 0).toString(16)} is not UTF-8; save the file as UTF-8`, { file, line });
  }
  return text;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Offset of the first byte that does not begin a valid UTF-8 sequence (only called on invalid input). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    try {
      // The strict decoder also refuses overlong forms and surrogates inside the sequence.
      if (length > 1) strictUtf8.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}

/**
 * yaml.v3 and goyaml.v2 refuse a text holding a character outside YAML's
 * printable set before parsing it ("control characters are not allowed"):
 * C0 controls but tab and line ends, DEL, C1 controls but NEL, surrogates,
 * U+FFFE and U+FFFF.
 */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/** Whether a text holds a character YAML cannot (parseYamlFile refuses it before either reader runs). */
export function holdsNonPrintable(text: string): boolean {
  return NOT_PRINTABLE.test(text);
}

function checkPrintable(file: string, text: string): void {
  const found = NOT_PRINTABLE.exec(text);
  if (found === null) return;
  const before = text.slice(0, found.index);
  const line = before.split('\n').length;
  const column = found.index - before.lastIndexOf('\n');
  const code = found[0].codePointAt(0) ?? 0;
  throw new RenderError('yaml-syntax', `invalid YAML: control character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed; remove it or, for binary data, use a generator file (kustomize puts it in binaryData)`, { file, line, column });
}

function tooLarge(file: string, bytes: number, cap: number): BudgetError {
  return new BudgetError('maxFileBytes', cap, `file is ${bytes} bytes; split it`, file);
}

/** Parses a multi-document YAML file; throws RenderError naming file, line and column. */
export function parseYamlFile(file: string, text: string, options: ParseOptions): ParsedFile {
  try {
    return parseUnguarded(file, text, options);
  } catch (error) {
    // Both readers recurse per nesting level: a document nested deeper than the stack is a budget, not a crash.
    if (error instanceof RangeError) throw tooDeep(file);
    throw error;
  }
}

function tooDeep(file: string): BudgetError {
  const { maxDepth } = currentBudgets();
  return new BudgetError('maxDepth', maxDepth, `YAML nested more than ${maxDepth} levels deep`, file);
}

function parseUnguarded(file: string, text: string, options: ParseOptions): ParsedFile {
  const cap = currentBudgets().maxFileBytes;
  if (text.length > cap) throw tooLarge(file, text.length, cap);
  checkPrintable(file, text);
  if (options.flavor === 'resource') text = kyamlDocumentView(file, text);
  else checkBracketedJson(file, text);
  const lines = new WeakMap<object, number>();
  // Most manifests are plain block YAML: read those with the fast subset reader,
  // which records where collections start as it goes.
  const positions: PositionIndex | undefined = options.trackLines ? new WeakMap() : undefined;
  let fast: unknown[] | undefined;
  const sizes: DocumentSizes = { nodes: [], depths: [] };
  try {
    fast = options.reader === 'full' || endsInBlockScalar(text) ? undefined : parseBlockSubset(text, options.flavor === 'resource' ? resolvePlainV3 : resolvePlainV2, positions, sizes);
  } catch (error) {
    if (error instanceof UnsupportedValueError) throw new RenderError('yaml-value', error.message, { file }, { cause: error });
    throw error;
  }
  if (fast !== undefined) {
    chargeCounted(file, fast, sizes);
    if (positions !== undefined) for (const value of fast) recordStartLines(value, positions, lines);
    return { documents: fast.map((value, index) => ({ value, index })), lines };
  }
  // The fast reader declines every escape yaml.v3 reads its own way, so only
  // this path needs the lexer pass that applies yaml.v3's (a file-wide lex is costly).
  if (options.flavor === 'resource') text = applyGoDoubleQuotedEscapes(file, text);
  let composed;
  try {
    composed = composeYamlFile(file, text, {
      resolve: options.flavor === 'resource' ? resolvePlainV3 : resolvePlainV2,
      foldedRoundTrip: options.flavor === 'resource',
      ...(options.trackLines ? { lines } : {}),
    });
  } catch (error) {
    throw toSyntaxError(file, error);
  }
  // Counted with aliases expanded, before anything copies them out.
  chargeYaml(file, composed.documents);
  const documents = composed.documents.map((value, index) => ({
    // An alias is the anchored object itself here but a separate node in kustomize:
    // a patch to one place must not show in the others (structuredClone would keep them shared).
    value: composed.aliased && sharesObjects(value) ? unshare(value) : value,
    index,
  }));
  return { documents, lines };
}

/**
 * Whether a block scalar may end the text without a final line break: the
 * full reader gives that the break-less value libyaml gives (inline patches
 * are trimmed, so their last `value: |` has none); the fast reader does not.
 */
function endsInBlockScalar(text: string): boolean {
  return text.length > 0 && !text.endsWith('\n') && (text.includes('|') || text.includes('>'));
}

/**
 * Start lines as the full reader reports them, from the fast reader's positions: a
 * collection under a key starts on the key's line, one in a sequence on its
 * `-` line, a document's on its first line, and everything inside a flow
 * collection (always one line in the subset) on that collection's line.
 */
function recordStartLines(root: unknown, positions: PositionIndex, lines: WeakMap<object, number>): void {
  const rootLine = root !== null && typeof root === 'object' ? positions.get(root)?.line : undefined;
  if (root === null || typeof root !== 'object' || rootLine === undefined) return;
  const stack: Array<readonly [object, number]> = [[root, rootLine]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [node, line] = top;
    lines.set(node, line);
    const entry = positions.get(node);
    const children: Array<[unknown, number | undefined]> = Array.isArray(node)
      ? node.map((child: unknown, i) => [child, entry?.items?.[i]])
      : Object.entries(node).map(([key, child]) => [child, entry?.keys?.get(key)]);
    for (const [child, childLine] of children) {
      if (child !== null && typeof child === 'object') stack.push([child, childLine ?? line]);
    }
  }
}

/** Whether an object is reached twice (an alias); bounded, since chargeYaml counted the expansion. */
function sharesObjects(root: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (seen.has(node)) return true;
    seen.add(node);
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push(child);
  }
  return false;
}

/** A deep copy in which no object appears twice; checkExpansion has bounded its size. */
function unshare(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unshare);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    // defineProperty keeps an own `__proto__` key a plain key.
    Object.defineProperty(copy, key, { value: unshare(child), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function toSyntaxError(file: string, error: unknown): Error {
  if (error instanceof RenderError) return error;
  if (error instanceof UnsupportedValueError) return new RenderError('yaml-value', error.message, { file }, { cause: error });
  if (error instanceof RangeError) return tooDeep(file);
  return error instanceof Error ? error : new Error(String(error));
}
