/**
 * Builds one kustomization directory the way kustomize's accumulateTarget
 * does: resources (files, then child kustomizations built whole), then
 * components on the same accumulator, then this directory's transformers in
 * kustomize's fixed order (patches, namespace, labels, commonLabels,
 * commonAnnotations, replicas, images, replacements).
 */
import { RenderError } from '../core/errors.js';
import { chargeDirectory, checkTreeDepth } from '../core/render-budget.js';
import { getObject, getString, isJsonObject, type Manifest } from '../core/manifest.js';
import { clusterKey, clusterKeyFieldsOf, describeId, hasClusterKeyFields, idOf, type ClusterKeyFields } from '../core/resource-id.js';
import { annotationSourceTexts } from '../core/yaml-annotation-sources.js';
import { parseYamlFile, readYamlFile } from '../core/yaml-read.js';
import type { FileReader } from '../io/file-system.js';
import { applyPatches } from './apply-patches.js';
import { applyPatchesStrategicMerge, PATCHES_STRATEGIC_MERGE_WARNING } from './patches-strategic-merge.js';
import { runGenerators } from './generators.js';
import { readKustomization, type KustomizationFile } from './kustomization-file.js';
import { assertInside, resolveReference } from './restricted-files.js';
import { createResource, type Resource } from './resource.js';
import type { EditSource } from './edits.js';
import { applyCommonAnnotations } from './transform-annotations.js';
import { applyImageEntries } from './transform-images.js';
import { applyCommonLabels, applyLabelEntry } from './transform-labels.js';
import { applyNamespace } from './transform-namespace.js';
import { applyReplicaEntry, indexScalable } from './transform-replicas.js';
import { applyReplacements } from './replacements.js';
import { buildMetadataOf, fileOrigin, joinOrigin, setOrigin, settleAnnotations } from './build-options.js';

export const ENVIRONMENT_ANNOTATION = 'st2-gitops/environment';

/** Resources in input order, with an index that refuses duplicate ids. */
export class ResourceList {
  readonly items: Resource[] = [];
  /** What each item's index key was made of, in item order. */
  private itemFields: ClusterKeyFields[] = [];
  private readonly keys = new Map<string, Resource>();

  add(resource: Resource, where: { file: string; line?: number }): void {
    const fields = clusterKeyFieldsOf(resource.manifest);
    const key = clusterKey(fields);
    const existing = this.keys.get(key);
    if (existing) {
      throw new RenderError(
        'duplicate-resource',
        `${describeId(idOf(resource.manifest))} is defined twice: in ${existing.file} and in ${resource.file}; remove one, or give them different names or namespaces`,
        where,
      );
    }
    this.keys.set(key, resource);
    this.items.push(resource);
    this.itemFields.push(fields);
  }

  /** Rebuilds the index after transformers may have changed ids; reports a collision. */
  reindex(cause: string, where: { file: string; line?: number }): void {
    // When no id field changed, the index already holds exactly these keys, without collisions.
    if (this.idsUnchanged()) return;
    this.keys.clear();
    this.itemFields = this.items.map((resource) => {
      const fields = clusterKeyFieldsOf(resource.manifest);
      const key = clusterKey(fields);
      const existing = this.keys.get(key);
      if (existing) {
        throw new RenderError(
          'duplicate-resource',
          `${cause} makes ${describeId(idOf(resource.manifest))} (from ${resource.file}) collide with the one from ${existing.file}`,
          where,
        );
      }
      this.keys.set(key, resource);
      return fields;
    });
  }

  private idsUnchanged(): boolean {
    const fields = this.itemFields;
    return this.items.length === fields.length && this.items.every((resource, i) => hasClusterKeyFields(resource.manifest, fields[i] as ClusterKeyFields));
  }
}

export interface BuildContext {
  readonly fs: FileReader;
  /** Directories being built, to refuse cycles. */
  readonly stack: string[];
  /** Non-fatal notes for stderr (a patch target that matched nothing…). */
  readonly notices: string[];
  /**
   * Directories built as resources, for reuse: kustomize builds a listed
   * directory on its own, so every build of it gives the same resources. The
   * first build is kept as is (nothing copied for the common tree, where each
   * directory is reached once); a second reach builds it again and keeps a
   * pristine copy, and later ones copy that instead of building.
   */
  readonly built?: Map<string, BuiltDirectory>;
  /**
   * With the top kustomization's `buildMetadata` set: the path (Origin.Append,
   * from the top directory, as written) this directory was reached by, for
   * kustomize's `config.kubernetes.io/origin` annotations (build-options.ts).
   */
  readonly origin?: string;
}

/** What one directory built as a resource gave, for reuse. */
export interface BuiltDirectory {
  readonly environment: string | undefined;
  readonly declared: readonly string[];
  /** A pristine copy, made the second time the directory is reached. */
  pristine: readonly Resource[] | undefined;
}

/** An independent copy of a resource: transformers edit manifests in place. */
function cloneResource(resource: Resource): Resource {
  return { ...resource, manifest: structuredClone(resource.manifest), edits: [...resource.edits] };
}

/** Builds a directory listed under `resources`, reusing an earlier build of it. */
function buildResourceDirectory(ctx: BuildContext, dir: string, kfile: KustomizationFile): { list: ResourceList; environment: string | undefined; declared: readonly string[] } {
  const child = new ResourceList();
  // Origin annotations differ by the path a directory was reached by: reuse only a build reached the same way.
  const key = ctx.origin === undefined ? dir : `${dir}\n${ctx.origin}`;
  const seen = ctx.built?.get(key);
  if (seen?.pristine !== undefined) {
    chargeDirectory(kfile.file);
    if (ctx.stack.includes(dir)) throw new RenderError('cycle', `kustomization cycle: ${[...ctx.stack, dir].join(' -> ')}`, { file: dir });
    for (const resource of seen.pristine) child.items.push(cloneResource(resource));
    return { list: child, environment: seen.environment, declared: seen.declared };
  }
  const built = buildDirectory(ctx, dir, child, 'resource');
  if (seen !== undefined) seen.pristine = child.items.map(cloneResource);
  else ctx.built?.set(key, { environment: built.environment, declared: [...built.declared], pristine: undefined });
  return { list: child, environment: built.environment, declared: built.declared };
}

export interface DirectoryBuild {
  /** The environment this directory (or, failing that, its first base) declares. */
  environment: string | undefined;
  /** Every environment declared in the tree (this directory, its bases and components): an overlay is judged at least as strictly as each. */
  declared: string[];
  /** The directory's kustomization (the top one's sortOptions and buildMetadata rule the output). */
  kfile: KustomizationFile;
}

/** Builds `dir` into `into`. `mode` says whether it was listed as a resource or a component. */
export function buildDirectory(given: BuildContext, dir: string, into: ResourceList, mode: 'root' | 'resource' | 'component'): DirectoryBuild {
  let ctx = given;
  if (ctx.stack.includes(dir)) {
    throw new RenderError('cycle', `kustomization cycle: ${[...ctx.stack, dir].join(' -> ')}`, { file: dir });
  }
  chargeDirectory(dir);
  checkTreeDepth(dir, ctx.stack.length + 1);
  ctx.stack.push(dir);
  const kfile = readKustomization(ctx.fs, dir);
  const kind = kfile.kustomization.kind ?? 'Kustomization';
  if (mode === 'component' && kind !== 'Component') {
    throw new RenderError('not-a-component', `'${dir}' is listed under components but is a ${kind}; list it under resources`, { file: kfile.file });
  }
  if (mode !== 'component' && kind === 'Component') {
    throw new RenderError('component-as-resource', `'${dir}' is a Component; list it under components, not resources`, { file: kfile.file });
  }
  // kusttarget.go: a non-empty top-level buildMetadata tracks origins through the whole tree.
  if (mode === 'root' && buildMetadataOf(kfile).track) ctx = { ...ctx, origin: '' };
  const origin = ctx.origin;
  let environment = declaredEnvironment(kfile);
  const declared = environment === undefined ? [] : [environment];

  for (const ref of kfile.kustomization.resources ?? []) {
    const target = resolveReference(ctx.fs, kfile, ref, 'resource');
    if (target.kind === 'file') {
      assertInside(kfile, target.path, ref, 'resource');
      const resources = readResourceFile(ctx.fs, target.path);
      if (origin !== undefined) {
        const annotation = fileOrigin(joinOrigin(origin, ref), { file: kfile.file, ...lineOfRef(kfile, ref) });
        for (const resource of resources) setOrigin(resource, annotation);
      }
      for (const resource of resources) into.add(resource, { file: target.path });
    } else {
      const built = buildResourceDirectory(origin === undefined ? ctx : { ...ctx, origin: joinOrigin(origin, ref) }, target.path, kfile);
      environment ??= built.environment;
      declared.push(...built.declared);
      for (const resource of built.list.items) into.add(resource, { file: kfile.file });
    }
  }
  runGenerators(ctx.fs, kfile, into, origin === undefined ? undefined : joinOrigin(origin, basename(kfile.file)));
  for (const ref of kfile.kustomization.components ?? []) {
    const target = resolveReference(ctx.fs, kfile, ref, 'component');
    if (target.kind !== 'directory') {
      throw new RenderError('not-a-component', `component '${ref}' must be a directory with a Component kustomization`, { file: kfile.file });
    }
    const built = buildDirectory(origin === undefined ? ctx : { ...ctx, origin: joinOrigin(origin, ref) }, target.path, into, 'component');
    environment ??= built.environment;
    declared.push(...built.declared);
  }
  transform(ctx, kfile, into);
  ctx.stack.pop();
  return { environment, declared, kfile };
}

function basename(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function lineOfRef(kfile: KustomizationFile, ref: string): { line?: number } {
  const index = kfile.text.split('\n').findIndex((line) => line.includes(ref));
  return index < 0 ? {} : { line: index + 1 };
}

function declaredEnvironment(kfile: KustomizationFile): string | undefined {
  const value = kfile.kustomization.metadata?.annotations?.[ENVIRONMENT_ANNOTATION];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function transform(ctx: BuildContext, kfile: KustomizationFile, list: ResourceList): void {
  const k = kfile.kustomization;
  const resources = list.items;
  const source = (by: string, entry?: object): EditSource => ({ file: kfile.file, line: entry ? kfile.lines.get(entry) : undefined, by });
  const fieldLine = (field: string): EditSource => ({ file: kfile.file, line: lineOfField(kfile.text, field), by: field });
  // With origins tracked, kustomize rewrites annotations as strings after each transformer (build-options.ts).
  const settle = ctx.origin === undefined ? undefined : (): void => settleAnnotations(resources);

  if (k.patchesStrategicMerge !== undefined) {
    ctx.notices.push(PATCHES_STRATEGIC_MERGE_WARNING);
    applyPatchesStrategicMerge(ctx.fs, kfile, resources);
    settle?.();
    list.reindex('a patchesStrategicMerge patch', { file: kfile.file });
  }
  applyPatches(ctx.fs, kfile, resources, ctx.notices, 'patches', settle);
  if (k.patches?.length) list.reindex('a patch', { file: kfile.file });
  if (typeof k.namespace === 'string' && k.namespace !== '') {
    applyNamespace(resources, k.namespace, fieldLine('namespace'));
    settle?.();
    list.reindex(`namespace '${k.namespace}'`, { file: kfile.file });
  }
  for (const entry of k.labels ?? []) applyLabelEntry(resources, entry, source('labels', entry));
  if (k.commonLabels) applyCommonLabels(resources, k.commonLabels, fieldLine('commonLabels'));
  if (k.labels?.length || k.commonLabels) settle?.();
  if (k.commonAnnotations) {
    applyCommonAnnotations(resources, k.commonAnnotations, fieldLine('commonAnnotations'));
    settle?.();
  }
  if (k.patchesJson6902?.length) {
    applyPatches(ctx.fs, kfile, resources, ctx.notices, 'patchesJson6902', settle);
    list.reindex('a patchesJson6902 patch', { file: kfile.file });
  }
  const scalable = k.replicas?.length ? indexScalable(resources) : new Map<string, Resource[]>();
  for (const entry of k.replicas ?? []) {
    const line = kfile.lines.get(entry);
    if (!applyReplicaEntry(scalable, entry, source('replicas', entry))) {
      throw new RenderError(
        'replicas-no-match',
        `replicas: no Deployment, StatefulSet, ReplicaSet or ReplicationController is named '${entry.name}'`,
        { file: kfile.file, ...(line ? { line } : {}) },
      );
    }
  }
  if (k.replicas?.length) settle?.();
  applyImageEntries(resources, k.images ?? [], (entry) => source('images', entry));
  if (k.images?.length) settle?.();
  // kustomize runs replacements last (kusttarget.go's transformer order).
  if (k.replacements?.length) {
    applyReplacements(ctx.fs, kfile, resources);
    settle?.();
    list.reindex('a replacement', { file: kfile.file });
  }
}

function lineOfField(text: string, field: string): number | undefined {
  const match = new RegExp(`^${field}\\s*:`, 'm').exec(text);
  return match ? text.slice(0, match.index).split('\n').length : undefined;
}

/** Reads a resource file: every non-empty document, with `*List` kinds expanded. */
export function readResourceFile(fs: FileReader, file: string): Resource[] {
  const text = readYamlFile(fs, file);
  const parsed = parseYamlFile(file, text, { flavor: 'resource' });
  const mayHoldBigInt = /\d{16}/.test(text);
  const out: Resource[] = [];
  let sources: ReturnType<typeof annotationSourceTexts> | undefined;
  for (const doc of parsed.documents) {
    if (doc.value === null || doc.value === undefined) continue;
    const root = doc.value;
    expand(root, (manifest, problem) => {
      if (problem) throw documentError(file, text, doc.index, problem);
      const resource = createResource(manifest, file, doc.index, mayHoldBigInt);
      const annotations = getObject(getObject(manifest, 'metadata') ?? {}, 'annotations');
      // Typed values and timestamps (read as RFC 3339 strings) print as their source text.
      if (manifest === root && annotations && Object.values(annotations).some((v) => typeof v !== 'string' || /^\d{4}-/.test(v))) {
        sources ??= annotationSourceTexts(text);
        const name = getString(getObject(manifest, 'metadata') ?? {}, 'name');
        // Document counts can differ between readers (leading markers): prefer the same index, else the same name.
        const same = sources[doc.index]?.name === name ? sources[doc.index] : sources.find((s) => s?.name === name);
        resource.annotationSources = matchSources(annotations, same?.texts);
      }
      out.push(resource);
    });
  }
  return out;
}

/** Pairs typed annotation values with their source text, when the document's keys line up. */
function matchSources(annotations: Record<string, unknown>, texts: ReadonlyMap<string, string> | undefined): Resource['annotationSources'] {
  if (texts === undefined) return undefined;
  const out = new Map<string, { value: unknown; text: string }>();
  for (const [key, value] of Object.entries(annotations)) {
    const text = texts.get(key);
    if (text !== undefined && text !== value) out.set(key, { value, text });
  }
  return out;
}

function expand(value: unknown, emit: (manifest: Manifest, problem?: string) => void): void {
  if (!isJsonObject(value)) return emit({}, 'document is not a mapping; each document must be one Kubernetes object');
  const kind = getString(value, 'kind');
  if (kind !== undefined && kind.endsWith('List') && Array.isArray(value['items'])) {
    for (const item of value['items'] as unknown[]) expand(item, emit);
    return;
  }
  if (kind === undefined || kind === '') return emit(value, "object has no 'kind'");
  const name = getString(getObject(value, 'metadata') ?? {}, 'name');
  if (name === undefined || name === '') return emit(value, `${kind} has no metadata.name`);
  emit(value);
}

/** Re-reads the file with line tracking to say where a bad document starts. */
function documentError(file: string, text: string, index: number, problem: string): RenderError {
  const parsed = parseYamlFile(file, text, { flavor: 'resource', trackLines: true });
  const value = parsed.documents[index]?.value;
  const line = value !== null && typeof value === 'object' ? parsed.lines.get(value) : undefined;
  return new RenderError('resource-invalid', `document ${index + 1}: ${problem}`, { file, ...(line ? { line } : {}) });
}
