/**
 * kyaml's view of a parsed YAML value, for the strategic-merge walker: what
 * is missing (a nil node), what is a tagged null, an empty map, and the text
 * a scalar compares by (yaml.Node.Value). `undefined` is a missing node.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import { RenderError } from '../core/errors.js';

/** IsMissingOrNull. */
export function isMissingOrNull(node: unknown): node is undefined | null {
  return node === undefined || node === null;
}

export function isMap(node: unknown): node is JsonObject {
  return isJsonObject(node);
}

/** IsEmptyMap: missing, null, or a map without fields. */
export function isEmptyMap(node: unknown): boolean {
  return isMissingOrNull(node) || (isMap(node) && Object.keys(node).length === 0);
}

export type NodeKind = 'map' | 'seq' | 'scalar';

export function kindOfNode(node: unknown): NodeKind {
  if (Array.isArray(node)) return 'seq';
  return isMap(node) ? 'map' : 'scalar';
}

/**
 * yaml.Node.Value: a scalar's text, '' for a collection. kustomize compares
 * merge keys by the text as written; a value read from YAML only keeps its
 * parsed form here, so `0x50` and `80` differ in kustomize and match here.
 */
export function rawText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'bigint') return String(node);
  if (typeof node === 'boolean') return node ? 'true' : 'false';
  if (node === null) return 'null';
  return '';
}

/** A key's value for ElementValuesList: '' when missing, null, empty or not a map's field. */
export function keyText(element: unknown, key: string): string {
  if (!isMap(element) || !Object.hasOwn(element, key)) return '';
  const value = element[key];
  if (value === null || value === undefined) return '';
  if (Array.isArray(value) || isMap(value)) return '';
  return rawText(value);
}

/** Sets a field the way a plain assignment cannot when the key is `__proto__`. */
export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  if (Object.hasOwn(obj, key)) obj[key] = value;
  else Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function ownField(node: unknown, key: string): unknown {
  return isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined;
}

/** Where a merge fails, for the error a bad patch gets. */
export interface MergeWhere {
  readonly file: string;
  readonly line?: number;
}

/** kyaml's ErrorIfInvalid: a node of the wrong kind where the walker needs another. */
export function wrongKind(where: MergeWhere, path: readonly string[], expected: NodeKind, got: NodeKind): RenderError {
  const field = path.length === 0 ? 'the resource' : `field ${path.join('.')}`;
  const name = (k: NodeKind): string => (k === 'map' ? 'a mapping' : k === 'seq' ? 'a list' : 'a scalar');
  return new RenderError(
    'smp-kind-mismatch',
    `strategic-merge patch: ${field} is ${name(got)} where ${name(expected)} is expected; kustomize refuses to merge them`,
    where,
  );
}
