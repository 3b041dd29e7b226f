/**
 * The full YAML reader, for what the fast block-subset reader declines
 * (anchors, merge keys, tags, flow and multi-line scalars, odd indentation).
 * The `yaml` package parses (failsafe schema: every scalar stays text, so no
 * YAML 1.2 typing leaks in) and this module builds the values itself, with
 * kustomize's scalar resolvers for plain scalars, the merge key `<<`,
 * duplicate keys refused by their line, and tags as yaml.v3 decodes them (core
 * tags checked, `!!binary` decoded, any other tag leaves the text).
 *
 * Aliases give the anchored value itself here (so an alias bomb stays small
 * until the render's node budget has counted it); the caller copies documents
 * that share objects afterwards, since kustomize's aliases are separate nodes.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { RenderError } from './errors.js';
import { roundTrip } from './yaml-folded-scalars.js';

export interface ComposeOptions {
  /** Resolves an unquoted, untagged scalar (resolvePlainV3 or resolvePlainV2). */
  readonly resolve: (text: string) => unknown;
  /** Give folded scalars (`>`) the value yaml.v3's writer round trip leaves (resources). */
  readonly foldedRoundTrip: boolean;
  /** Record the start line of every mapping and sequence. */
  readonly lines?: WeakMap<object, number>;
}

export interface ComposedFile {
  readonly documents: unknown[];
  /** Whether any alias was read (documents may then share objects). */
  readonly aliased: boolean;
}

const TAG = 'tag:yaml.org,2002:';
/** What an explicit core tag on a scalar requires of the resolved text. */
const TYPED_TAGS: ReadonlyMap<string, (value: unknown) => boolean> = new Map([
  [`${TAG}int`, (v: unknown) => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))],
  [`${TAG}float`, (v: unknown) => typeof v === 'number' || typeof v === 'bigint'],
  [`${TAG}null`, (v: unknown) => v === null],
  [`${TAG}bool`, (v: unknown) => typeof v === 'boolean'],
]);

interface Anchor {
  value: unknown;
  pending: boolean;
}

class Composer {
  private anchors = new Map<string, Anchor>();
  aliased = false;

  constructor(
    private readonly file: string,
    private readonly counter: LineCounter,
    private readonly options: ComposeOptions,
    /** The text's length when it ends without a line break (inline patches are trimmed). */
    private readonly unterminatedEnd: number | undefined,
  ) {}

  document(doc: Document): unknown {
    this.anchors = new Map();
    const root = doc.contents;
    if (root === null) return this.options.resolve('');
    return this.node(root, this.lineOf(root));
  }

  lineOf(node: Node | { readonly range?: unknown }): number {
    const range = (node as { readonly range?: readonly number[] | null }).range;
    return this.counter.linePos(range?.[0] ?? 0).line;
  }

  fail(message: string, node: Node | null | undefined): never {
    const line = node ? this.lineOf(node) : undefined;
    throw new RenderError('yaml-syntax', `invalid YAML: ${message}`, { file: this.file, ...(line !== undefined ? { line } : {}) });
  }

  /** The value of a node; `line` is where a collection counts as starting (patch ops report it). */
  node(node: unknown, line: number): unknown {
    if (node === null || node === undefined) return this.options.resolve('');
    if (isAlias(node)) {
      const anchor = this.anchors.get(node.source);
      if (anchor === undefined) this.fail(`unidentified alias "${node.source}"`, node);
      if (anchor.pending) this.fail(`anchor "${node.source}" value contains itself`, node);
      this.aliased = true;
      return anchor.value;
    }
    const anchorName = (node as { readonly anchor?: string }).anchor;
    const anchor: Anchor | undefined = anchorName === undefined ? undefined : { value: undefined, pending: true };
    if (anchorName !== undefined && anchor !== undefined) this.anchors.set(anchorName, anchor);
    const value = this.unanchored(node, line);
    if (anchor !== undefined) {
      anchor.value = value;
      anchor.pending = false;
    }
    return value;
  }

  private unanchored(node: unknown, line: number): unknown {
    if (isScalar(node)) return this.scalar(node);
    if (isMap(node)) {
      this.checkCollectionTag(node, 'map');
      const out: Record<string, unknown> = {};
      this.options.lines?.set(out, line);
      const overridable = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const key = this.key(keyNode, pair.value as Node | null, line);
        const valueNode = pair.value as Node | null;
        // A collection under a block key starts on the key's line; in flow style, on its own.
        const childLine = keyNode !== null && !node.flow ? this.lineOf(keyNode) : valueNode !== null ? this.lineOf(valueNode) : line;
        const value = this.node(valueNode, childLine);
        if (isMergeKey(keyNode)) {
          for (const source of Array.isArray(value) ? (value as unknown[]) : [value]) this.merge(out, source, overridable, keyNode);
          continue;
        }
        if (!overridable.has(key) && Object.hasOwn(out, key)) this.fail(`duplicated mapping key "${key}"`, keyNode ?? valueNode);
        setOwn(out, key, value);
        overridable.delete(key);
      }
      return out;
    }
    if (isSeq(node)) {
      this.checkCollectionTag(node, 'seq');
      const out: unknown[] = [];
      this.options.lines?.set(out, line);
      for (const item of node.items) out.push(this.node(item, item !== null && typeof item === 'object' ? this.lineOf(item) : line));
      return out;
    }
    return this.fail('unsupported node', undefined);
  }

  /**
   * A mapping key as a string, the way the fast reader (and kustomize's JSON
   * hop) names it: `1:` is "1", `~:` is "null". A missing key (`: x`) and a
   * collection as a key are refused: no Kubernetes object has one.
   */
  private key(keyNode: Node | null, valueNode: Node | null, line: number): string {
    if (keyNode === null || (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '' && keyNode.tag === undefined)) {
      this.fail('a mapping key is missing', keyNode ?? valueNode);
    }
    const key = this.node(keyNode, line);
    if (key !== null && typeof key === 'object') this.fail('a mapping key must be a scalar, not a collection', keyNode);
    return String(key);
  }

  /** `<<: source`: the source's keys the mapping does not have yet (later keys may still override them). */
  private merge(target: Record<string, unknown>, source: unknown, overridable: Set<string>, at: Node | null): void {
    if (source === null || typeof source !== 'object') this.fail('cannot merge mappings; the provided source object is unacceptable', at);
    for (const key of Object.keys(source)) {
      if (Object.hasOwn(target, key)) continue;
      setOwn(target, key, (source as Record<string, unknown>)[key]);
      overridable.add(key);
    }
  }

  private scalar(node: Node & { readonly value: unknown; readonly type?: string | undefined; readonly tag?: string | undefined }): unknown {
    // The failsafe schema leaves every scalar a string.
    const text = typeof node.value === 'string' ? node.value : '';
    const tag = node.tag;
    const accepts = tag === undefined ? undefined : TYPED_TAGS.get(tag);
    if (accepts !== undefined) {
      const value = this.options.resolve(text);
      if (!accepts(value)) this.fail(`cannot resolve a node with !<${tag}> explicit tag`, node);
      return value;
    }
    if (tag === `${TAG}binary`) return this.binary(text, node);
    if (tag === `${TAG}timestamp`) {
      const value = this.options.resolve(text);
      if (typeof value !== 'string') this.fail(`cannot resolve a node with !<${tag}> explicit tag`, node);
      return value;
    }
    // Untagged or `!` (non-specific): a plain scalar is resolved.
    if ((tag === undefined || tag === '?' || tag === '!') && node.type === 'PLAIN') return this.options.resolve(text);
    // `!!str` and any tag the Go readers do not know (`!custom`, `!!js/function`): the text.
    const block = this.blockText(node, text);
    return node.type === 'BLOCK_FOLDED' && this.options.foldedRoundTrip ? roundTrip(block) : block;
  }

  /** `!!binary`: Go's base64 (line breaks ignored, padding required), the bytes as UTF-8 text. */
  private binary(text: string, node: Node): string {
    const data = text.replace(/[\r\n]/g, '');
    if (data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) this.fail('!!binary value contains invalid base64 data', node);
    return Buffer.from(data, 'base64').toString('utf8');
  }

  /**
   * A block scalar whose last line ends the text without a line break has no
   * final break in libyaml (yaml.v3, goyaml.v2), though this parser gives it
   * one: kustomize trims inline patches, so `value: |` at a patch's end reads
   * as text without its newline.
   */
  private blockText(node: Node & { readonly type?: string | undefined }, text: string): string {
    if (this.unterminatedEnd === undefined || (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED')) return text;
    const end = node.range?.[1];
    return end !== undefined && end >= this.unterminatedEnd && text.endsWith('\n') ? text.slice(0, -1) : text;
  }

  /** A collection keeps its kind under a local or unknown tag; a core tag of another kind is refused. */
  private checkCollectionTag(node: Node & { readonly tag?: string | undefined }, kind: 'map' | 'seq'): void {
    const tag = node.tag;
    if (tag === undefined || !tag.startsWith(TAG) || tag === `${TAG}${kind}`) return;
    const core = tag.slice(TAG.length);
    if (['map', 'seq', 'str', 'int', 'float', 'bool', 'null', 'binary', 'timestamp', 'set', 'omap', 'pairs'].includes(core)) {
      this.fail(`cannot read a ${kind === 'map' ? 'mapping' : 'sequence'} as !<${tag}>`, node);
    }
  }
}

/** `<<` unquoted and untagged, or tagged `!!merge`. */
function isMergeKey(key: Node | null): boolean {
  if (!isScalar(key)) return false;
  if (key.tag === `${TAG}merge`) return true;
  return key.tag === undefined && key.type === 'PLAIN' && key.value === '<<';
}

/** Sets an own property; defineProperty keeps a `__proto__` key a plain key. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The message of a `yaml` package error without its position and code excerpt. */
function reason(message: string): string {
  return message.replace(/ at line \d+, column \d+:[^]*$/, '').trim();
}

/** Whether a text without any YAML document counts as one empty document, as the fast reader counts it. */
function countsAsEmptyDocument(text: string): boolean {
  return text.charCodeAt(0) !== 0xfeff || text.length > 1;
}

/**
 * Whether comment or blank lines before the first `---` make an empty first
 * document, as the fast reader counts them (this parser folds them into the
 * document `---` starts). Document numbers in messages and the annotation
 * source texts (yaml-annotation-sources.ts) follow that count.
 */
export function startsWithEmptyDocument(text: string): boolean {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let first = true;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end);
    if (/^---(?:[ \t]|\r?$)/.test(line)) return !first;
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return false;
    first = false;
    at = end + 1;
  }
  return false;
}

/** Parses every document of `text`; throws RenderError naming the file and line. */
export function composeYamlFile(file: string, text: string, options: ComposeOptions): ComposedFile {
  if (text.includes('\0')) {
    const line = text.slice(0, text.indexOf('\0')).split('\n').length;
    throw new RenderError('yaml-syntax', 'invalid YAML: null byte is not allowed in input', { file, line });
  }
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { schema: 'failsafe', resolveKnownTags: false, uniqueKeys: false, merge: false, lineCounter: counter });
  const list: Document[] = Array.isArray(docs) ? (docs as Document[]) : [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error !== undefined) {
      // The parser recurses per flow level and reports running out of stack as a syntax error: a depth budget.
      if (doc.errors.some((e) => e.message.includes('Maximum call stack size exceeded'))) throw new RangeError('YAML nested too deep');
      // `key: value` under a plain scalar's continuation: the parser starts the error at the
      // scalar, libyaml (and a reader) at the offending `:`, where the implicit key ends.
      const multiline = doc.errors.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY');
      const at = error.code === 'BLOCK_AS_IMPLICIT_KEY' && multiline !== undefined ? multiline.linePos?.[1] : error.linePos?.[0];
      throw new RenderError('yaml-syntax', `invalid YAML: ${reason(error.message)}`, { file, ...(at ? { line: at.line, column: at.col } : {}) }, { cause: error });
    }
  }
  const unterminated = text.length > 0 && !text.endsWith('\n') && !text.endsWith('\r') ? text.length : undefined;
  const composer = new Composer(file, counter, options, unterminated);
  const documents = list.map((doc) => composer.document(doc));
  if (documents.length === 0 && countsAsEmptyDocument(text)) documents.push(null);
  else if (startsWithEmptyDocument(text)) documents.unshift(null);
  return { documents, aliased: composer.aliased };
}
