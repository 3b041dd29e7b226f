/**
 * A resource during rendering: its manifest, where it was written, and the
 * edits made to it since, so a finding can point at the line that set a value.
 */
import type { Manifest } from '../core/manifest.js';
import { nameOf, namespaceOf } from '../core/manifest.js';
import type { SharedValues } from './shared-values.js';

/** One change a transformer or patch op made to a field. */
export interface FieldEdit {
  /** JSON pointer of the field that was set, e.g. `/spec/replicas`. */
  readonly pointer: string;
  readonly file: string;
  readonly line: number | undefined;
  /** What made the edit: `patch op replace`, `replicas`, `images`, `namespace`… */
  readonly by: string;
}

export interface Resource {
  manifest: Manifest;
  /** The file and document index it was read from. */
  readonly file: string;
  readonly document: number;
  readonly originalName: string;
  readonly originalNamespace: string;
  readonly edits: FieldEdit[];
  /** Whether the manifest may hold integers beyond 2^53 (kept exact as bigint until patched). */
  mayHoldBigInt: boolean;
  /** Ids stored by kustomize's StorePreviousId (namespace transforms, JSON patches), oldest first. */
  readonly previousIds: Array<{ readonly kind: string; readonly name: string; readonly namespace: string }>;
  /** A generated ConfigMap or Secret that gets kustomize's hash suffix at the end of the build. */
  needsHash: boolean;
  /** Label and annotation values that share one YAML node in kustomize (see shared-values.ts). */
  sharedValues: SharedValues | undefined;
  /** Non-string annotation values as read, with their source text (kustomize prints the text). */
  annotationSources: ReadonlyMap<string, { readonly value: unknown; readonly text: string }> | undefined;
}

export function createResource(manifest: Manifest, file: string, document: number, mayHoldBigInt: boolean): Resource {
  return {
    manifest,
    file,
    document,
    originalName: nameOf(manifest),
    originalNamespace: namespaceOf(manifest),
    edits: [],
    mayHoldBigInt,
    previousIds: [],
    annotationSources: undefined,
    sharedValues: undefined,
    needsHash: false,
  };
}

/**
 * kustomize sends a JSON-patched resource through float64, so its big
 * integers lose precision; we do the same to print the same digits.
 */
export function dropBigIntPrecision(resource: Resource): void {
  if (!resource.mayHoldBigInt) return;
  const visit = (node: unknown): unknown => {
    if (typeof node === 'bigint') return Number(node);
    if (Array.isArray(node)) node.forEach((item, i) => (node[i] = visit(item)));
    else if (node !== null && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      for (const key of Object.keys(obj)) obj[key] = visit(obj[key]);
    }
    return node;
  };
  visit(resource.manifest);
  resource.mayHoldBigInt = false;
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replaceAll('~', '~0').replaceAll('/', '~1');
}

export function toPointer(path: ReadonlyArray<string | number>): string {
  let pointer = '';
  for (const segment of path) {
    // Most segments need no escaping; skip the two replaceAll calls for them.
    pointer += typeof segment === 'number' || !/[~/]/.test(segment) ? `/${segment}` : `/${pointerSegment(segment)}`;
  }
  return pointer;
}
