/**
 * Strategic-merge patches: reading the patch documents and applying them the
 * way kustomize's PatchTransformer and PatchStrategicMergeTransformer do
 * (api/internal/builtins, api/resource/resource.go ApplySmPatch,
 * api/resmap/reswrangler.go ApplySmPatch):
 * - without a target each document picks its resource by apiVersion, kind,
 *   name and namespace (any id the resource has had), exactly one;
 * - with a target one document applies to every selected resource, taking
 *   the resource's apiVersion; a resource the patch deletes leaves the build;
 * - the resource keeps its name, kind and namespace unless the entry allows
 *   a name or kind change.
 */
import { RenderError } from '../core/errors.js';
import { getObject, getString, isJsonObject, type JsonObject } from '../core/manifest.js';
import { describeId, effectiveNamespace, idOf, isClusterScoped, type ResourceId } from '../core/resource-id.js';
import { chargePatchGrowth } from '../core/render-budget.js';
import { parseYamlFile, readYamlFile, type CollectionLines } from '../core/yaml-read.js';
import type { FileReader } from '../io/file-system.js';
import { storePreviousId } from './build-annotations.js';
import type { Resource } from './resource.js';
import { destStylesOf } from './smp-dest-styles.js';
import { strategicMerge } from './smp-merge.js';
import { rawText } from './smp-nodes.js';
import { recordMergeEdits } from './smp-edits.js';
import { metadataTexts, type MetadataTexts } from './smp-metadata-texts.js';
import { cloneWithTexts, scalarTexts, type ScalarTexts } from './smp-scalar-texts.js';

/** Directives kyaml does not implement: it would copy them into the resource as fields. */
const UNSUPPORTED_DIRECTIVE = /^\$(setElementOrder|retainKeys|deleteFromPrimitiveList)(\/|$)/;

/** One document of a strategic-merge patch and where it was written. */
export interface SmpDocument {
  readonly patch: JsonObject;
  readonly file: string;
  /** Lines of the patch's collections in the file (inline patches: already offset). */
  readonly lines: CollectionLines;
  readonly lineOffset: number;
  readonly line: number | undefined;
  /** The texts kyaml reads for the patch's labels and annotations, when some value is not a plain string. */
  readonly metadataTexts: MetadataTexts | undefined;
  readonly mayHoldBigInt: boolean;
  /** Source texts of the patch's plain scalars. */
  readonly scalarTexts: ScalarTexts;
  /** The patch text's lines, to find a key's line. */
  readonly textLines: readonly string[];
}

/** A resource file's text, to read what the render does not keep (smp-dest-styles.ts); undefined when not a file. */
export type SourceText = (file: string) => string | undefined;

/** Reads resource files for their styles, each once, within the render's size cap. */
export function sourceTextReader(fs: FileReader): SourceText {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      let text: string | undefined;
      try {
        text = readYamlFile(fs, file);
      } catch {
        text = undefined;
      }
      cache.set(file, text);
    }
    return cache.get(file);
  };
}

export interface SmpOptions {
  readonly allowNameChange: boolean;
  readonly allowKindChange: boolean;
}

/**
 * Reads a text as strategic-merge documents: every non-empty document a
 * mapping with a kind and a metadata.name (kustomize's resource reading).
 * `undefined` when the text is not one.
 */
export function readSmpDocuments(file: string, text: string, lineOffset: number): SmpDocument[] | undefined {
  let parsed;
  try {
    parsed = parseYamlFile(file, text, { flavor: 'resource', trackLines: true });
  } catch {
    return undefined;
  }
  // Like resources, a `*List` document is replaced by its items (kustomize's inlineAnyEmbeddedLists).
  const docs: Array<{ value: unknown; index: number }> = [];
  const expand = (value: unknown, index: number): void => {
    const kind = isJsonObject(value) ? value['kind'] : undefined;
    if (isJsonObject(value) && typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value['items'])) {
      for (const item of value['items'] as unknown[]) expand(item, index);
    } else if (value !== null && value !== undefined) docs.push({ value, index });
  };
  for (const d of parsed.documents) expand(d.value, d.index);
  if (docs.length === 0) return undefined;
  if (!docs.every((d) => isJsonObject(d.value) && getString(d.value, 'kind') && getString(getObject(d.value, 'metadata') ?? {}, 'name'))) return undefined;
  const mayHoldBigInt = /\d{16}/.test(text);
  const textLines = text.split('\n');
  const texts = scalarTexts(text, docs.map((d) => d.value));
  let sources: ReturnType<typeof metadataTexts> | undefined;
  return docs.map((d) => {
    const patch = d.value as JsonObject;
    const line = parsed.lines.get(patch);
    refuseUnsupported(patch, file, (node, key) => {
      const at = parsed.lines.get(node);
      if (at === undefined) return undefined;
      // The reader records where a collection opens; the key is on that line or below.
      const index = textLines.findIndex((l, i) => i >= at - 1 && l.includes(key));
      return (index < 0 ? at : index + 1) + lineOffset;
    });
    const metadata = getObject(patch, 'metadata') ?? {};
    let meta: MetadataTexts | undefined;
    if ([metadata['labels'], metadata['annotations']].some((m) => isJsonObject(m) && Object.values(m).some(needsText))) {
      sources ??= metadataTexts(text);
      const name = metadata['name'];
      meta = sources[d.index]?.name === name ? sources[d.index] : sources.find((s) => s.name === name);
    }
    return { patch, file, lines: parsed.lines, lineOffset, line: line === undefined ? undefined : line + lineOffset, metadataTexts: meta, scalarTexts: texts, mayHoldBigInt, textLines };
  });
}

/** kyaml has no `$setElementOrder`, `$retainKeys` or `$deleteFromPrimitiveList`: refused by name. */
function refuseUnsupported(node: unknown, file: string, lineOf: (node: object, key: string) => number | undefined, container?: object): void {
  if (Array.isArray(node)) {
    for (const item of node) refuseUnsupported(item, file, lineOf, node);
    return;
  }
  if (!isJsonObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (UNSUPPORTED_DIRECTIVE.test(key)) {
      const line = lineOf(node, key) ?? (container ? lineOf(container, key) : undefined);
      throw new RenderError(
        'smp-unsupported-directive',
        `strategic-merge patch field '${key}' is not supported: kustomize's merge (kyaml) does not implement it and would copy it into the resource; use $patch: replace or a JSON patch`,
        { file, ...(line ? { line } : {}) },
      );
    }
    refuseUnsupported(value, file, lineOf, node);
  }
}

/** The id a patch document names (its apiVersion, kind, name, namespace). */
function patchId(patch: JsonObject): ResourceId {
  return idOf(patch);
}

/** GetById: the one resource any of whose ids equals the patch's. */
export function findPatchTarget(resources: readonly Resource[], doc: SmpDocument): Resource {
  const id = patchId(doc.patch);
  const wanted = effectiveNamespace(id);
  const matches = resources.filter((resource) => {
    const current = idOf(resource.manifest);
    if (current.group !== id.group || current.version !== id.version) return false;
    const scoped = isClusterScoped(current.group, current.version, id.kind);
    const nsOf = (ns: string): string => (scoped ? '' : ns === '' ? 'default' : ns);
    if (current.kind === id.kind && current.name === id.name && effectiveNamespace(current) === wanted) return true;
    return resource.previousIds.some((prev) => prev.kind === id.kind && prev.name === id.name && nsOf(prev.namespace) === nsOf(id.namespace));
  });
  if (matches.length === 1) return matches[0] as Resource;
  const where = { file: doc.file, ...(doc.line ? { line: doc.line } : {}) };
  throw new RenderError(
    'smp-no-target',
    matches.length === 0
      ? `no resource matches strategic merge patch ${describeId(id)}; the patch's apiVersion, kind, metadata.name and metadata.namespace must name a resource of the build`
      : `strategic merge patch ${describeId(id)} matches ${matches.length} resources; kustomize needs exactly one`,
    where,
  );
}

/**
 * Resource.ApplySmPatch: merges one document into a resource. Returns false
 * when the patch deleted the resource. `apiVersion` is the resource's own for
 * targeted patches (kustomize sets the copy's group and version).
 */
export function applySmpDocument(resource: Resource, doc: SmpDocument, options: SmpOptions, targeted: boolean, source?: SourceText): boolean {
  const texts = new WeakMap<object, ReadonlyMap<string, string>>();
  const patch = cloneWithTexts(doc.patch, doc.scalarTexts, texts);
  // What a patch may add counts against the render's growth budget, per resource it applies to.
  chargePatchGrowth(doc.file, patch);
  if (targeted) {
    const apiVersion = resource.manifest['apiVersion'];
    if (apiVersion === undefined) delete patch['apiVersion'];
    else patch['apiVersion'] = apiVersion;
  }
  if (targeted) stringifyMetadata(patch, doc.metadataTexts);
  const before = idOf(resource.manifest);
  const name = before.name;
  const namespace = before.namespace;
  const kind = before.kind;
  if (options.allowNameChange || options.allowKindChange) storePreviousId(resource);
  const where = { file: doc.file, ...(doc.line ? { line: doc.line } : {}) };
  const shared = resource.sharedValues;
  const observer = shared && { overwrote: shared.overwrite.bind(shared), removed: shared.drop.bind(shared) };
  const text = source?.(resource.file);
  const styles = text === undefined ? undefined : destStylesOf(text, resource.document, resource.originalName, resource.manifest);
  const merged = strategicMerge(resource.manifest, patch, where, observer, texts, styles);
  if (merged === undefined) return false;
  // kustomize keeps only what the walk changed in place: a top-level `$patch: replace` returns a new node it drops.
  if (merged !== resource.manifest) return true;
  if (!options.allowKindChange) merged['kind'] = kind;
  const metadata = ensureMetadata(merged);
  if (!options.allowNameChange) metadata['name'] = name;
  if (namespace === '') delete metadata['namespace'];
  else metadata['namespace'] = namespace;
  resource.mayHoldBigInt ||= doc.mayHoldBigInt;
  keepAnnotationTexts(resource, doc);
  recordMergeEdits(resource, doc);
  return true;
}

function ensureMetadata(manifest: JsonObject): JsonObject {
  const metadata = manifest['metadata'];
  if (isJsonObject(metadata)) return metadata;
  const created: JsonObject = {};
  manifest['metadata'] = created;
  return created;
}

/** A value kyaml reads with other text than ours: not a string, or a timestamp we rewrote. */
function needsText(value: unknown): boolean {
  return typeof value !== 'string' || /^\d{4}-/.test(value);
}

/**
 * CopyMergeMetaDataFieldsFrom: a targeted (or patchesStrategicMerge) patch's
 * labels and annotations become string maps of kyaml's texts; an empty or
 * non-map field disappears.
 */
function stringifyMetadata(patch: JsonObject, texts: MetadataTexts | undefined): void {
  const metadata = getObject(patch, 'metadata');
  if (metadata === undefined) return;
  for (const field of ['labels', 'annotations'] as const) {
    if (!Object.hasOwn(metadata, field)) continue;
    const value = metadata[field];
    const known = texts?.[field];
    const strings: JsonObject = {};
    if (isJsonObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        const text = known?.get(key) ?? rawText(v);
        Object.defineProperty(strings, key, { value: text, enumerable: true, writable: true, configurable: true });
      }
    }
    if (Object.keys(strings).length === 0) delete metadata[field];
    else metadata[field] = strings;
  }
}

/** Annotation values the patch set print as the patch's text (kustomize reads them as strings at the end). */
function keepAnnotationTexts(resource: Resource, doc: SmpDocument): void {
  const texts = doc.metadataTexts?.annotations;
  if (texts === undefined) return;
  const annotations = getObject(getObject(resource.manifest, 'metadata') ?? {}, 'annotations');
  if (annotations === undefined) return;
  const sources = new Map(resource.annotationSources ?? []);
  for (const [key, text] of texts) {
    if (!Object.hasOwn(annotations, key)) continue;
    const value = annotations[key];
    if (needsText(value)) sources.set(key, { value, text });
  }
  resource.annotationSources = sources;
}
