/**
 * The two fields of which only the top kustomization's value counts
 * (api/krusty/kustomizer.go, kustomize v5.5.0):
 * - `sortOptions`: `fifo` keeps the build order, `legacy` sorts with the
 *   default kind lists or the given `legacySortOptions` (SortOrderTransformer).
 * - `buildMetadata`: a non-empty list turns origin tracking on for the whole
 *   tree (kusttarget.go copies the top list into every nested kustomization, so
 *   nested lists are ignored); `originAnnotations` keeps the
 *   `config.kubernetes.io/origin` annotations, `managedByLabel` adds
 *   `app.kubernetes.io/managed-by`. `transformerAnnotations` is refused.
 */
import { RenderError } from '../core/errors.js';
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import type { KustomizationFile } from './kustomization-file.js';
import { lineOfKey } from './kustomization-file.js';
import { finishAnnotations } from './build-annotations.js';
import type { LegacyLists } from './legacy-sort.js';
import type { Resource } from './resource.js';

export type SortPlan =
  | { readonly order: 'fifo' }
  | { readonly order: 'legacy'; readonly lists: LegacyLists | undefined };

export interface BuildMetadata {
  /** Any value given: resources carry origin annotations while they are built. */
  readonly track: boolean;
  readonly originAnnotations: boolean;
  readonly managedByLabel: boolean;
}

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
/** Always stripped unless asked for (RemoveTransformerAnnotations); we never write it. */
export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** kubectl v1.32.4 links kustomize as a library: provenance.GetProvenance().Semver() is "(devel)". */
export const MANAGED_BY_VALUE = 'kustomize-(devel)';

/** The top kustomization's sort order; SortOrderTransformer's validation and messages. */
export function sortPlanOf(kfile: KustomizationFile): SortPlan {
  const options = kfile.kustomization.sortOptions;
  if (options === undefined) return { order: 'legacy', lists: undefined };
  const where = { file: kfile.file, ...lineAt(kfile, 'sortOptions') };
  const { order, legacySortOptions: legacy } = options;
  if (order !== 'fifo' && order !== 'legacy') {
    throw new RenderError('kustomization-invalid', `the field 'sortOptions.order' must be one of [fifo, legacy] (kustomize refuses '${order ?? ''}' too)`, where);
  }
  if (order === 'fifo') {
    if (legacy !== undefined) {
      throw new RenderError('kustomization-invalid', "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'", where);
    }
    return { order };
  }
  return { order, lists: legacy === undefined ? undefined : { first: legacy.orderFirst ?? [], last: legacy.orderLast ?? [], where } };
}

const SUPPORTED_METADATA = new Set(['originAnnotations', 'managedByLabel']);

/** The top kustomization's buildMetadata; a value we cannot print as kubectl does is refused by name and line. */
export function buildMetadataOf(kfile: KustomizationFile): BuildMetadata {
  const values = kfile.kustomization.buildMetadata ?? [];
  for (const value of values) {
    if (SUPPORTED_METADATA.has(value)) continue;
    const advice =
      value === 'transformerAnnotations'
        ? "st2-gitops does not write kustomize's alpha.config.kubernetes.io/transformations annotations; drop it (originAnnotations and managedByLabel are supported)"
        : 'kustomize knows originAnnotations, transformerAnnotations and managedByLabel; st2-gitops supports originAnnotations and managedByLabel';
    throw new RenderError('kustomization-invalid', `buildMetadata value '${value}' is not supported: ${advice}`, { file: kfile.file, ...lineOfValue(kfile, 'buildMetadata', value) });
  }
  return {
    track: values.length > 0,
    originAnnotations: values.includes('originAnnotations'),
    managedByLabel: values.includes('managedByLabel'),
  };
}

function lineAt(kfile: KustomizationFile, key: string): { line?: number } {
  const line = lineOfKey(kfile.text, key);
  return line === undefined ? {} : { line };
}

/** The first line at or after `key`'s that holds `value`. */
function lineOfValue(kfile: KustomizationFile, key: string, value: string): { line?: number } {
  const start = lineOfKey(kfile.text, key);
  if (start === undefined) return {};
  const lines = kfile.text.split('\n');
  for (let i = start - 1; i < lines.length; i++) if ((lines[i] as string).includes(value)) return { line: i + 1 };
  return { line: start };
}

/**
 * Origin.Append: filepath.Join of the path so far and the path as written
 * (lexical: `../base` then `../common/x.yaml` is `../common/x.yaml`).
 */
export function joinOrigin(prefix: string, path: string): string {
  const parts: string[] = [];
  for (const part of `${prefix}/${path}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/**
 * A path yaml.v3 writes as a plain scalar (kyaml.Marshal of the Origin):
 * letters, digits and `._/-`, not a number, bool or null. Anything else would
 * be quoted by rules we do not imitate, so it is refused.
 */
const PLAIN_PATH = /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/;
const YAML_SPECIAL = /^(?:[-+]?[0-9][0-9_.eE+-]*|\.inf|\.nan|true|false|yes|no|on|off|y|n|null|~)$/i;

function originScalar(path: string, where: { file: string; line?: number }): string {
  if (!PLAIN_PATH.test(path) || YAML_SPECIAL.test(path) || path.length > 200) {
    throw new RenderError('build-metadata-path', `buildMetadata: the origin path '${path}' is not one st2-gitops writes as kustomize does (yaml.v3's quoting is not imitated); use letters, digits, '.', '_', '/' or '-'`, where);
  }
  return path;
}

/** The annotation kustomize puts on resources read from a file. */
export function fileOrigin(path: string, where: { file: string; line?: number }): string {
  return `path: ${originScalar(path, where)}\n`;
}

/** The annotation kustomize puts on a generated ConfigMap or Secret. */
export function generatorOrigin(configuredIn: string, kind: 'ConfigMap' | 'Secret', where: { file: string; line?: number }): string {
  return `configuredIn: ${originScalar(configuredIn, where)}\nconfiguredBy:\n  apiVersion: builtin\n  kind: ${kind}Generator\n`;
}

/** SetOrigin: writes the annotation into a fresh annotations map (SetAnnotations rebuilds the nodes). */
export function setOrigin(resource: Resource, origin: string): void {
  const fresh = rebuildAnnotations(resource);
  if (fresh !== undefined) fresh[ORIGIN_ANNOTATION] = origin;
}

/** A copy of the resource's annotations put in their place, no longer shared with any other node. */
function rebuildAnnotations(resource: Resource): JsonObject | undefined {
  const metadata = resource.manifest['metadata'];
  if (!isJsonObject(metadata)) return undefined;
  const old = metadata['annotations'];
  const annotations = isJsonObject(old) ? old : {};
  if (isJsonObject(old)) resource.sharedValues?.forget(old);
  const fresh: JsonObject = {};
  // defineProperty keeps an own `__proto__` key a plain key.
  for (const [key, value] of Object.entries(annotations)) Object.defineProperty(fresh, key, { value, enumerable: true, writable: true, configurable: true });
  metadata['annotations'] = fresh;
  return fresh;
}

export function originOf(manifest: Manifest): unknown {
  const metadata = manifest['metadata'];
  const annotations = isJsonObject(metadata) ? metadata['annotations'] : undefined;
  return isJsonObject(annotations) ? annotations[ORIGIN_ANNOTATION] : undefined;
}

const WRITTEN_ORIGIN = /^(?:path: [A-Za-z0-9_./-]+\n|configuredIn: [A-Za-z0-9_./-]+\nconfiguredBy:\n {2}apiVersion: builtin\n {2}kind: (?:ConfigMap|Secret)Generator\n)$/;

/**
 * With origins tracked, a patch that removed or rewrote a resource's origin
 * annotation is refused: kustomize then stamps the transformer's own origin
 * (AddTransformerAnnotation after every transformer) or fails to parse it,
 * neither of which is imitated.
 */
export function checkOrigin(manifest: Manifest, describe: () => string, kfile: KustomizationFile): void {
  const origin = originOf(manifest);
  if (typeof origin === 'string' && WRITTEN_ORIGIN.test(origin)) return;
  throw new RenderError(
    'build-metadata-origin',
    `buildMetadata: a patch ${origin === undefined ? 'removed' : 'rewrote'} the ${ORIGIN_ANNOTATION} annotation of ${describe()}; kustomize then records the transformer instead, which st2-gitops does not imitate: leave that annotation alone or drop buildMetadata`,
    { file: kfile.file, ...lineAt(kfile, 'buildMetadata') },
  );
}

/** RemoveOriginAnnotations / RemoveTransformerAnnotations at the end of the build. */
export function stripBuildMetadata(manifest: Manifest, keepOrigin: boolean): void {
  const metadata = manifest['metadata'];
  if (!isJsonObject(metadata)) return;
  const annotations = metadata['annotations'];
  if (!isJsonObject(annotations)) return;
  if (!keepOrigin) delete annotations[ORIGIN_ANNOTATION];
  delete annotations[TRANSFORMATIONS_ANNOTATION];
}

/**
 * With origins tracked, kustomize records each transformer on every resource
 * (multitransformer.go: AddTransformerAnnotation, then SetAnnotations), which
 * rewrites every annotation as its string, in a new map, after each one.
 */
export function settleAnnotations(resources: readonly Resource[]): void {
  for (const resource of resources) {
    const metadata = resource.manifest['metadata'];
    if (!isJsonObject(metadata) || !isJsonObject(metadata['annotations'])) continue;
    finishAnnotations(resource);
    rebuildAnnotations(resource);
  }
}
