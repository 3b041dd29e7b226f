/**
 * What a `replacements` value is in kustomize: a YAML node, not a JSON value.
 * A scalar node keeps its tag (!!int, !!str…) and the text it was written
 * with (`0x1F`, `1.50`, a date); a replacement into an existing scalar copies
 * only the text and keeps the target's tag, so `"7"` into `replicas: 2` gives
 * the number 7 and `abc` into it fails when kustomize decodes the resource
 * (yaml.v3: "cannot decode !!str `abc` as a !!int"). A created field has no
 * tag: its text is resolved like an unquoted scalar.
 */
import { isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';
import { isJsonObject } from '../core/manifest.js';
import { formatNumber } from '../core/yaml-emit-forms.js';
import { resolvePlainV3, UnsupportedValueError } from '../core/yaml-scalars.js';
import { cstKey, sourceDocuments } from './smp-source-cst.js';

/** A scalar node's tag as far as decoding goes; '' is a created node, resolved from its text. */
export type ScalarTag = 'str' | 'int' | 'float' | 'bool' | 'null' | 'timestamp' | '';

export interface ScalarNode {
  readonly kind: 'scalar';
  readonly tag: ScalarTag;
  readonly text: string;
  /**
   * The value as we read it, when it differs from decoding the text: a folded
   * block scalar keeps its style when kustomize copies the whole node, and
   * that style's round trip (yaml-folded-scalars.ts) is already in this value.
   */
  readonly styled?: unknown;
}

export interface CollectionNode {
  readonly kind: 'collection';
  readonly value: object;
}

export type ValueNode = ScalarNode | CollectionNode;

const NULL_TEXTS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOL_TEXTS = new Map([
  ['true', true], ['True', true], ['TRUE', true],
  ['false', false], ['False', false], ['FALSE', false],
]);
/** What yaml.v3's resolve reads as an integer (strconv.ParseInt/ParseUint base 0, underscores removed, 0b/0o). */
const INT_TEXT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const TIMESTAMP_START = /^\d{4}-\d{1,2}-\d{1,2}/;
const MAX_SOURCE_TEXT_BYTES = 256 * 1024;

/** The tag a parsed value's node has (a string: !!str; the caller knows timestamps). */
export function tagOf(value: unknown): ScalarTag {
  if (typeof value === 'string') return 'str';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  return 'null';
}

export function isScalarValue(value: unknown): boolean {
  return value === null || value === undefined || typeof value !== 'object';
}

/** The text of a scalar we have no source for: how kustomize would hold it. */
export function canonicalText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return 'null';
}

export class ReplacementValueError extends Error {}

/**
 * The JSON value yaml.v3 decodes a scalar node of `tag` with `text` to, or
 * a ReplacementValueError with its wording when the text does not fit the tag.
 */
export function decodeScalar(tag: ScalarTag, text: string): unknown {
  if (tag === 'str') return text;
  let resolved: unknown;
  try {
    resolved = resolvePlainV3(text);
  } catch (error) {
    if (error instanceof UnsupportedValueError) throw new ReplacementValueError(error.message);
    throw error;
  }
  const fail = (): never => {
    throw new ReplacementValueError(`yaml: cannot decode ${resolvedTagName(text, resolved)} \`${text}\` as a !!${tag}`);
  };
  switch (tag) {
    case '':
      return resolved;
    case 'int':
      return INT_TEXT.test(text.replaceAll('_', '')) && (typeof resolved === 'number' || typeof resolved === 'bigint') ? resolved : fail();
    case 'float':
      if (typeof resolved === 'bigint') return Number(resolved);
      return typeof resolved === 'number' ? resolved : fail();
    case 'bool':
      return BOOL_TEXTS.get(text) ?? fail();
    case 'null':
      return NULL_TEXTS.has(text) ? null : fail();
    case 'timestamp':
      return typeof resolved === 'string' && resolved !== text && TIMESTAMP_START.test(text) ? resolved : fail();
  }
}

function resolvedTagName(text: string, resolved: unknown): string {
  if (typeof resolved === 'string') return resolved !== text ? '!!timestamp' : '!!str';
  if (typeof resolved === 'number' && !INT_TEXT.test(text.replaceAll('_', ''))) return '!!float';
  return `!!${tagOf(resolved)}`;
}

/**
 * The source text of the scalar at `path` in the resource as read, when the
 * resource still holds what was read there; plain scalars only (a quoted one
 * is a string, whose text is its value).
 */
export class SourceTexts {
  private readonly documents = new Map<string, readonly Document.Parsed[]>();

  constructor(private readonly read: (file: string) => string | undefined) {}

  /** The node of a scalar value: its tag and text, from the source where it was written plainly. */
  scalarNode(file: string, identity: { kind: string; name: string }, path: readonly (string | number)[], value: unknown, trust: boolean): ScalarNode {
    const tag = tagOf(value);
    if (trust && typeof value === 'string' && value.includes('\n')) {
      // A folded block scalar: the text yaml.v3 read, before the round trip our reader applied.
      const node = this.nodeAt(file, identity, path);
      if (isScalar(node) && node.type === 'BLOCK_FOLDED' && typeof node.value === 'string' && node.value !== value) {
        return { kind: 'scalar', tag, text: node.value, styled: value };
      }
      return { kind: 'scalar', tag, text: value };
    }
    const needsSource = trust && (tag !== 'str' || (typeof value === 'string' && TIMESTAMP_START.test(value)));
    const text = needsSource ? this.plainText(file, identity, path) : undefined;
    if (text !== undefined) {
      let resolved: unknown;
      try {
        resolved = resolvePlainV3(text);
      } catch {
        resolved = undefined;
      }
      const same = resolved === value || (typeof resolved === 'bigint' && typeof value === 'bigint' && resolved === value);
      if (same) return { kind: 'scalar', tag: typeof value === 'string' && text !== value ? 'timestamp' : tag, text };
    }
    return { kind: 'scalar', tag, text: canonicalText(value) };
  }

  private plainText(file: string, identity: { kind: string; name: string }, path: readonly (string | number)[]): string | undefined {
    const node = this.nodeAt(file, identity, path);
    return isScalar(node) && node.type === 'PLAIN' && typeof node.source === 'string' ? node.source : undefined;
  }

  private nodeAt(file: string, identity: { kind: string; name: string }, path: readonly (string | number)[]): unknown {
    let docs = this.documents.get(file);
    if (docs === undefined) {
      const text = this.read(file);
      // The CST of a large file costs seconds; past this size a number's text is its canonical form.
      docs = text === undefined || text.length > MAX_SOURCE_TEXT_BYTES ? [] : sourceDocuments(text);
      this.documents.set(file, docs);
    }
    for (const doc of docs) {
      const json: unknown = safeJson(doc);
      if (!isJsonObject(json) || json['kind'] !== identity.kind || !isJsonObject(json['metadata']) || json['metadata']['name'] !== identity.name) continue;
      let node: unknown = doc.contents;
      for (const segment of path) {
        if (isAlias(node)) node = node.resolve(doc);
        if (isMap(node)) node = node.items.find((pair) => cstKey(pair.key) === String(segment))?.value;
        else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
        else return undefined;
      }
      if (isAlias(node)) node = node.resolve(doc);
      return node;
    }
    return undefined;
  }
}

function safeJson(doc: Document.Parsed): unknown {
  try {
    const contents = doc.contents;
    if (!isMap(contents)) return undefined;
    const out: Record<string, unknown> = {};
    for (const pair of contents.items) {
      const key = cstKey(pair.key);
      if (key === 'kind' && isScalar(pair.value)) out['kind'] = pair.value.source ?? pair.value.value;
      if (key === 'metadata' && isMap(pair.value)) {
        const name = pair.value.items.find((p) => cstKey(p.key) === 'name')?.value;
        out['metadata'] = { name: isScalar(name) ? String(name.value) : undefined };
      }
    }
    return out;
  } catch {
    return undefined;
  }
}
