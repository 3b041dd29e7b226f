/**
 * The one walk over the containers of a render's pod specs (the spec paths
 * pod-templates.ts found), shared by the fact collectors so that they agree
 * on what a container is and on the path a fact about it points at.
 */
import { isJsonObject, kindOf, type JsonObject, type Manifest } from '../core/manifest.js';

type Path = Array<string | number>;

export type ContainerField = 'initContainers' | 'containers' | 'ephemeralContainers';

/** Containers that run for the pod's life or before it: what most facts are about. */
export const RUNNING_FIELDS: readonly ContainerField[] = ['containers', 'initContainers'];

export interface PodSpecAt {
  /** The resource's index in the render. */
  readonly index: number;
  readonly manifest: Manifest;
  readonly specPath: Path;
  readonly podSpec: JsonObject;
}

export interface ContainerAt extends PodSpecAt {
  readonly field: ContainerField;
  readonly container: JsonObject;
  /** The container's own path: [...specPath, field, position]. */
  readonly path: Path;
}

/** The object at `path` in a manifest, if it is an object. */
export function objectAt(manifest: Manifest, path: Path): JsonObject | undefined {
  let v: unknown = manifest;
  for (const k of path) v = Array.isArray(v) ? v[k as number] : isJsonObject(v) ? v[k as string] : undefined;
  return isJsonObject(v) ? v : undefined;
}

/**
 * The walks' results, kept per render: a dozen collectors walk the same pod
 * specs and containers, and building each ContainerAt (a copy of its pod
 * spec's record and a path) for each of them was a fair part of the facts'
 * time. Kept weakly by the render's spec-path map (one per check, never
 * changed once walked) and by each PodSpecAt, so nothing outlives the check.
 */
const walked = new WeakMap<ReadonlyMap<number, ReadonlyArray<Path>>, { readonly resources: readonly Manifest[]; readonly specs: readonly PodSpecAt[] }>();
const containersBy = new WeakMap<PodSpecAt, Partial<Record<ContainerField, readonly ContainerAt[]>>>();

function podSpecsOf(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>): readonly PodSpecAt[] {
  const known = walked.get(specPaths);
  if (known !== undefined && known.resources === resources) return known.specs;
  const specs: PodSpecAt[] = [];
  for (const [index, paths] of specPaths) {
    const manifest = resources[index];
    if (manifest === undefined) continue;
    for (const specPath of paths) {
      const podSpec = objectAt(manifest, specPath);
      if (podSpec !== undefined) specs.push({ index, manifest, specPath, podSpec });
    }
  }
  walked.set(specPaths, { resources, specs });
  return specs;
}

function containersIn(at: PodSpecAt, field: ContainerField): readonly ContainerAt[] {
  let byField = containersBy.get(at);
  if (byField === undefined) containersBy.set(at, (byField = {}));
  let found = byField[field];
  if (found === undefined) {
    const list = at.podSpec[field];
    const out: ContainerAt[] = [];
    if (Array.isArray(list)) {
      for (let j = 0; j < list.length; j++) {
        const container: unknown = list[j];
        if (isJsonObject(container)) out.push({ index: at.index, manifest: at.manifest, specPath: at.specPath, podSpec: at.podSpec, field, container, path: [...at.specPath, field, j] });
      }
    }
    byField[field] = found = out;
  }
  return found;
}

/** Every pod spec, in render order (visitors must not change what they are given: it is shared). */
export function forEachPodSpec(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, visit: (at: PodSpecAt) => void): void {
  for (const at of podSpecsOf(resources, specPaths)) visit(at);
}

/** The containers of one pod spec, field by field in the order given. */
export function forEachContainerOf(at: PodSpecAt, fields: readonly ContainerField[], visit: (c: ContainerAt) => void): void {
  for (const field of fields) for (const c of containersIn(at, field)) visit(c);
}

/** Every container of every pod spec. */
export function forEachContainer(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, fields: readonly ContainerField[], visit: (c: ContainerAt) => void): void {
  for (const at of podSpecsOf(resources, specPaths)) forEachContainerOf(at, fields, visit);
}

export interface ConfigTextAt {
  readonly index: number;
  readonly manifest: Manifest;
  /** ['data' | 'stringData', key]. */
  readonly path: Path;
  /** The value as the pod reads it (a Secret's data decoded). */
  readonly text: string;
}

/** Every string value of every ConfigMap and Secret (the files and env values pods may read). */
export function forEachConfigText(resources: readonly Manifest[], visit: (at: ConfigTextAt) => void): void {
  resources.forEach((manifest, index) => {
    const kind = kindOf(manifest);
    if (kind !== 'ConfigMap' && kind !== 'Secret') return;
    for (const field of ['data', 'stringData'] as const) {
      const data = manifest[field];
      if (!isJsonObject(data)) continue;
      for (const [key, raw] of Object.entries(data)) {
        if (typeof raw !== 'string') continue;
        const text = kind === 'Secret' && field === 'data' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
        visit({ index, manifest, path: [field, key], text });
      }
    }
  });
}
