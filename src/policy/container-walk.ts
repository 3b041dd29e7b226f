/**
 * The one walk over the containers of a render's pod specs (the spec paths
 * pod-templates.ts found), shared by the fact collectors so that they agree
 * on what a container is and on the path a fact about it points at.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';

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

/** Every pod spec, in render order. */
export function forEachPodSpec(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, visit: (at: PodSpecAt) => void): void {
  for (const [index, paths] of specPaths) {
    const manifest = resources[index];
    if (manifest === undefined) continue;
    for (const specPath of paths) {
      const podSpec = objectAt(manifest, specPath);
      if (podSpec !== undefined) visit({ index, manifest, specPath, podSpec });
    }
  }
}

/** The containers of one pod spec, field by field in the order given. */
export function forEachContainerOf(at: PodSpecAt, fields: readonly ContainerField[], visit: (c: ContainerAt) => void): void {
  for (const field of fields) {
    const list = at.podSpec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((container, j) => {
      if (isJsonObject(container)) visit({ ...at, field, container, path: [...at.specPath, field, j] });
    });
  }
}

/** Every container of every pod spec. */
export function forEachContainer(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, fields: readonly ContainerField[], visit: (c: ContainerAt) => void): void {
  forEachPodSpec(resources, specPaths, (at) => forEachContainerOf(at, fields, visit));
}
