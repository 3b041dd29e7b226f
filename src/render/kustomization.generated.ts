/* Generated from kustomization.schema.json by scripts/generate-types.mjs. Do not edit. */

/**
 * The subset of kustomize v5 kustomization.yaml fields st2-gitops renders. Anything else is refused.
 */
export interface Kustomization {
  apiVersion?: 'kustomize.config.k8s.io/v1beta1' | 'kustomize.config.k8s.io/v1alpha1';
  kind?: 'Kustomization' | 'Component';
  metadata?: KustomizationMetadata;
  resources?: string[];
  components?: string[];
  patches?: Patch[];
  /**
   * Deprecated (kustomize warns): strategic-merge patches, each an inline patch or a file path; each document patches the resource its apiVersion, kind, name and namespace name. Applied before patches.
   */
  patchesStrategicMerge?: string[];
  /**
   * Deprecated (kustomize warns): JSON patches applied after commonAnnotations; the target must name the resource.
   */
  patchesJson6902?: Patch[];
  namespace?: string;
  labels?: LabelEntry[];
  commonLabels?: StringMap;
  commonAnnotations?: StringMap;
  images?: ImageEntry[];
  configMapGenerator?: GeneratorEntry[];
  secretGenerator?: GeneratorEntry[];
  generatorOptions?: GeneratorOptions;
  replicas?: ReplicaEntry[];
  replacements?: ReplacementEntry[];
  sortOptions?: SortOptions;
  buildMetadata?: string[];
}
/**
 * The Kustomization's own metadata; `st2-gitops/environment` names the environment it targets.
 */
export interface KustomizationMetadata {
  name?: string;
  namespace?: string;
  labels?: StringMap;
  annotations?: StringMap;
}
export interface StringMap {
  [k: string]: string | undefined;
}
/**
 * An RFC 6902 JSON patch or a strategic-merge patch, inline (`patch`) or from a file (`path`). A JSON patch applies to every resource `target` selects; a strategic-merge patch too, or without a target to the resource each document names.
 */
export interface Patch {
  path?: string;
  patch?: string;
  target?: PatchTarget;
  options?: PatchOptions;
}
/**
 * Selects resources: group, version, kind, name and namespace are anchored regular expressions.
 */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}
/**
 * Strategic-merge patches only: let the patch change the resource's name or kind.
 */
export interface PatchOptions {
  allowNameChange?: boolean;
  allowKindChange?: boolean;
}
export interface LabelEntry {
  pairs: StringMap;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
}
export interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}
/**
 * A ConfigMap or Secret built from literals (K=V), files (path or key=path) and env files; behavior create, merge or replace.
 */
export interface GeneratorEntry {
  name?: string;
  namespace?: string;
  behavior?: 'create' | 'merge' | 'replace';
  literals?: string[];
  files?: string[];
  envs?: string[];
  type?: string;
  options?: GeneratorOptions;
}
export interface GeneratorOptions {
  labels?: StringMap;
  annotations?: StringMap;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}
export interface ReplicaEntry {
  name: string;
  count: number;
}
/**
 * kustomize's `replacements`: copy one field of a source resource into fields of target resources; or `path`, a file holding one such entry or a list of them.
 */
export interface ReplacementEntry {
  path?: string;
  source?: ReplacementSource;
  targets?: ReplacementTarget[];
}
/**
 * Exactly one resource, by exact group, version, kind, name and namespace; fieldPath defaults to metadata.name.
 */
export interface ReplacementSource {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  fieldPath?: string;
  options?: ReplacementOptions;
}
export interface ReplacementOptions {
  delimiter?: string;
  index?: number;
  encoding?: string;
  create?: boolean;
}
export interface ReplacementTarget {
  select?: ReplacementSelector;
  reject?: ReplacementSelector[];
  fieldPaths?: string[];
  options?: ReplacementOptions;
}
/**
 * Exact group, version, kind, name and namespace (any id the resource has had), plus label and annotation selectors.
 */
export interface ReplacementSelector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}
/**
 * Output order; only the top kustomization's counts (kustomize's SortOrderTransformer).
 */
export interface SortOptions {
  order?: string;
  legacySortOptions?: LegacySortOptions;
}
export interface LegacySortOptions {
  orderFirst?: string[];
  orderLast?: string[];
}
