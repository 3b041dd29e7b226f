/**
 * kustomize's build annotations and why annotation values print as strings.
 *
 * - While a JSON patch runs, a resource carries kustomize's internal
 *   `internal.config.kubernetes.io/previous{Kinds,Names,Namespaces}`
 *   annotations (StorePreviousId), so `metadata.annotations` always exists:
 *   `add /metadata/annotations/<key>` works on a resource without any.
 * - After the patch kustomize re-reads the annotations as strings and writes
 *   them back (SetAnnotations): a number becomes its Go float text, a
 *   collection the empty string, null "null".
 * - At the end every resource's annotations are written back as strings the
 *   same way; values read from YAML keep their source text (`010`, `1.50`).
 * (api/internal/builtins/PatchTransformer.go, api/resource/resource.go,
 * kyaml/kio/kioutil GetInternalAnnotations, RNode.SetAnnotations.)
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import { effectiveNamespace, idOf } from '../core/resource-id.js';
import { formatGoFloatG } from '../core/yaml-emit-forms.js';
import type { Resource } from './resource.js';

const PREFIX = 'internal.config.kubernetes.io/';
const PREVIOUS_KINDS = `${PREFIX}previousKinds`;
const PREVIOUS_NAMES = `${PREFIX}previousNames`;
const PREVIOUS_NAMESPACES = `${PREFIX}previousNamespaces`;

/** StorePreviousId: remembers the current id (namespace transform, each JSON patch). */
export function storePreviousId(resource: Resource): void {
  // SetAnnotations rebuilds the annotation nodes.
  const annotations = resource.manifest['metadata'];
  if (isJsonObject(annotations) && isJsonObject(annotations['annotations'])) resource.sharedValues?.forget(annotations['annotations']);
  const id = idOf(resource.manifest);
  resource.previousIds.push({ kind: id.kind, name: id.name, namespace: effectiveNamespace(id) });
}

function internalAnnotations(resource: Resource): Array<[string, string]> {
  const ids = resource.previousIds;
  if (ids.length === 0) return [];
  return [
    [PREVIOUS_KINDS, ids.map((id) => id.kind).join(',')],
    [PREVIOUS_NAMES, ids.map((id) => id.name).join(',')],
    [PREVIOUS_NAMESPACES, ids.map((id) => id.namespace).join(',')],
  ];
}

/** Before a JSON patch: store the id (`patches` does, `patchesJson6902` not) and put the internal annotations where the patch sees them. */
export function beginJsonPatch(resource: Resource, storeId: boolean): void {
  if (storeId) storePreviousId(resource);
  // The patched resource comes back from JSON as new nodes: nothing is shared any more.
  resource.sharedValues = undefined;
  const metadata = resource.manifest['metadata'];
  if (!isJsonObject(metadata) || resource.previousIds.length === 0) return;
  let annotations = metadata['annotations'];
  if (!isJsonObject(annotations)) {
    annotations = {};
    metadata['annotations'] = annotations;
  }
  for (const [key, value] of internalAnnotations(resource)) (annotations as JsonObject)[key] = value;
}

/** After a JSON patch: annotations as strings, internal ones restored then dropped again. */
export function endJsonPatch(resource: Resource): void {
  const metadata = resource.manifest['metadata'];
  if (!isJsonObject(metadata)) return;
  const annotations = metadata['annotations'];
  const strings: JsonObject = {};
  if (isJsonObject(annotations)) {
    for (const key of Object.keys(annotations).sort()) {
      if (key.startsWith(PREFIX)) continue;
      // defineProperty keeps an own `__proto__` key a plain key.
      Object.defineProperty(strings, key, { value: patchedText(annotations[key]), enumerable: true, writable: true, configurable: true });
    }
  }
  // SetAnnotations recreates the map; the internal entries keep it non-empty until the end.
  metadata['annotations'] = strings;
  resource.annotationSources = undefined;
}

/** The text yaml.v3 gives a JSON-decoded value, read back as a string. */
function patchedText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? formatGoFloatG(value) : String(value);
  if (typeof value === 'bigint') return formatGoFloatG(Number(value));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null || value === undefined) return 'null';
  return '';
}

/** At the end of the build: every annotation value a string, with its source text where read from YAML. */
export function finishAnnotations(resource: Resource): void {
  const metadata = resource.manifest['metadata'];
  if (!isJsonObject(metadata)) return;
  const annotations = metadata['annotations'];
  if (!isJsonObject(annotations)) return;
  const sources = resource.annotationSources;
  for (const key of Object.keys(annotations)) {
    const value = annotations[key];
    const source = sources?.get(key);
    if (source !== undefined && Object.is(source.value, value)) annotations[key] = source.text;
    else if (typeof value !== 'string') annotations[key] = sourcelessText(value);
  }
}

/** A value without its source text (from a List item, say): how yaml.v3 would have written it. */
function sourcelessText(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatGoFloatG(value);
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return '';
}
