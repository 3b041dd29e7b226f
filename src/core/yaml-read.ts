/**
 * Reading users' YAML. The hot path uses js-yaml with schemas that reproduce
 * kustomize's readers (yaml.v3 for resources, goyaml.v2 for JSON-patch text);
 * on a syntax error the `yaml` package re-reads the text for its precise
 * message. Documents are capped in size and alias expansion, so a hostile
 * file finishes in bounded time and memory.
 */
import jsYaml from 'js-yaml';
import { BudgetError, DEFAULT_BUDGETS } from './budgets.js';
import { RenderError } from './errors.js';
import { applyGoDoubleQuotedEscapes } from './yaml-double-quoted.js';
import { foldedRoundTrips, mayHoldFoldedScalars } from './yaml-folded-scalars.js';
import { kyamlDocumentView } from './yaml-kyaml-documents.js';
import { chargeYaml, currentBudgets } from './render-budget.js';
import { parseBlockSubset, type PositionIndex } from './yaml-block-subset.js';
import { resolvePlainV2, resolvePlainV3, UnsupportedValueError } from './yaml-scalars.js';

/** Files larger than this (by default; see core/budgets.ts) are refused before parsing. */
export const MAX_FILE_BYTES = DEFAULT_BUDGETS.maxFileBytes;

function plainScalarType(tag: string, resolve: (text: string) => unknown): jsYaml.Type {
  return new jsYaml.Type(tag, {
    kind: 'scalar',
    // Resolved when the reader gives anything but the text itself (timestamps become other strings).
    resolve: (data: unknown) => typeof data === 'string' && resolve(data) !== data,
    construct: (data: string) => resolve(data),
  });
}

/** js-yaml exports its built-in types, but @types/js-yaml does not declare them. */
const MERGE_TYPE = (jsYaml as unknown as { readonly types: { readonly merge: jsYaml.Type } }).types.merge;

/**
 * Explicit core tags (`!!int 7`, `!!float 1`, `!!null`, `!!bool`): the text
 * read as the reader would read it untagged, when that gives the tag's type.
 */
function explicitTypes(resolve: (text: string) => unknown): jsYaml.Type[] {
  const typed = (name: string, accepts: (value: unknown) => boolean): jsYaml.Type =>
    new jsYaml.Type(`tag:yaml.org,2002:${name}`, {
      kind: 'scalar',
      resolve: (data: unknown) => accepts(resolve(typeof data === 'string' ? data : '')),
      construct: (data: unknown) => resolve(typeof data === 'string' ? data : ''),
    });
  return [
    typed('int', (v) => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))),
    typed('float', (v) => typeof v === 'number' || typeof v === 'bigint'),
    typed('null', (v) => v === null),
    typed('bool', (v) => typeof v === 'boolean'),
  ];
}

/** yaml.v3 plain-scalar reading as kustomize applies it to resources. */
const RESOURCE_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [plainScalarType('tag:yaml.org,2002:kustomize-v3', resolvePlainV3), MERGE_TYPE],
  explicit: explicitTypes(resolvePlainV3),
});
/** goyaml.v2 (YAML 1.1) reading, as kustomize applies it to JSON-patch text. */
const PATCH_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [plainScalarType('tag:yaml.org,2002:kustomize-v2', resolvePlainV2), MERGE_TYPE],
  explicit: explicitTypes(resolvePlainV2),
});

/**
 * Whether a text may hold an alias: an anchor (`&`) and an alias mark (`*`)
 * anywhere. A superset on purpose: `"k":*a` has no space before the `*`, and a
 * missed alias is an unbounded expansion, while a false positive costs one
 * copy of an ordinary document.
 */
function mayHoldAliases(text: string): boolean {
  return text.includes('*') && text.includes('&');
}

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
  /** `'js-yaml'` skips the fast reader (tests compare the two). */
  readonly reader?: 'auto' | 'js-yaml';
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
  if (options.flavor === 'resource') text = kyamlDocumentView(file, text);
  const lines = new WeakMap<object, number>();
  const openLines: number[] = [];
  const listener = options.trackLines
    ? (event: 'open' | 'close', state: { line: number; result: unknown }): void => {
        if (event === 'open') {
          openLines.push(state.line);
        } else {
          const line = openLines.pop();
          if (line !== undefined && state.result !== null && typeof state.result === 'object' && !lines.has(state.result)) {
            lines.set(state.result, line + 1);
          }
        }
      }
    : undefined;
  // Most manifests are plain block YAML: read those with the fast subset reader,
  // which records where collections start as it goes.
  const positions: PositionIndex | undefined = options.trackLines ? new WeakMap() : undefined;
  let fast: unknown[] | undefined;
  try {
    fast = options.reader === 'js-yaml' ? undefined : parseBlockSubset(text, options.flavor === 'resource' ? resolvePlainV3 : resolvePlainV2, positions);
  } catch (error) {
    if (error instanceof UnsupportedValueError) throw new RenderError('yaml-value', error.message, { file }, { cause: error });
    throw error;
  }
  if (fast !== undefined) {
    chargeYaml(file, fast);
    if (positions !== undefined) for (const value of fast) recordStartLines(value, positions, lines);
    return { documents: fast.map((value, index) => ({ value, index })), lines };
  }
  // The fast reader bails on every escape where yaml.v3 and js-yaml differ, so only
  // this path needs the lexer pass that applies yaml.v3's (a file-wide lex is costly).
  if (options.flavor === 'resource') text = applyGoDoubleQuotedEscapes(file, text);
  let raw: unknown[];
  try {
    raw = jsYaml.loadAll(text, undefined, {
      filename: file,
      schema: options.flavor === 'resource' ? RESOURCE_SCHEMA : PATCH_SCHEMA,
      ...(listener ? { listener } : {}),
    });
  } catch (error) {
    throw toSyntaxError(file, text, error);
  }
  const documents: ParsedDocument[] = [];
  const hasAliases = mayHoldAliases(text);
  // Counted with aliases expanded, before anything copies them out.
  chargeYaml(file, raw);
  const folded = options.flavor === 'resource' && mayHoldFoldedScalars(text) ? foldedRoundTrips(text) : undefined;
  raw.forEach((value, index) => {
    const shared = hasAliases && sharesObjects(value);
    // Aliased nodes are one shared object in js-yaml but separate nodes in kustomize:
    // a patch to one place must not show in the others (structuredClone would keep them shared).
    let doc = shared ? unshare(value) : value;
    if (folded !== undefined && folded.size > 0) doc = replaceStrings(doc, folded);
    documents.push({ value: doc, index });
  });
  return { documents, lines };
}

/**
 * Start lines as js-yaml reports them, from the fast reader's positions: a
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

/** Replaces string values (not keys) found in `changes`, in place where possible. */
function replaceStrings(value: unknown, changes: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return changes.get(value) ?? value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = replaceStrings(value[i], changes);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) obj[key] = replaceStrings(obj[key], changes);
  }
  return value;
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

interface JsYamlErrorShape {
  readonly reason?: unknown;
  readonly mark?: { readonly line?: unknown; readonly column?: unknown };
  readonly message?: unknown;
}

function toSyntaxError(file: string, text: string, error: unknown): RenderError {
  if (error instanceof RenderError) return error;
  if (error instanceof UnsupportedValueError) return new RenderError('yaml-value', error.message, { file }, { cause: error });
  if (error instanceof RangeError) return tooDeep(file);
  const shape = (typeof error === 'object' && error !== null ? error : {}) as JsYamlErrorShape;
  const line = typeof shape.mark?.line === 'number' ? shape.mark.line + 1 : undefined;
  const column = typeof shape.mark?.column === 'number' ? shape.mark.column + 1 : undefined;
  const reason = typeof shape.reason === 'string' ? shape.reason : String(shape.message ?? error);
  const message = reason.startsWith('json: ')
    ? reason
    : `invalid YAML: ${reason}${text.length === 0 ? '' : ''}`;
  return new RenderError('yaml-syntax', message, { file, ...(line ? { line } : {}), ...(column ? { column } : {}) }, { cause: error });
}
