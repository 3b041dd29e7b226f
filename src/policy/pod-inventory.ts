/**
 * The pods a render makes the cluster run, once per render, for the rules
 * that judge what the cluster will refuse or cut off (admission-facts.ts,
 * network-facts.ts): every pod spec (pod-templates.ts found them all), with
 * its namespace, labels and how many copies run. Unbounded or per-node
 * copies (-1) count as one: these rules ask what must fit, not how many.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import type { PodUnits } from './pod-templates.js';
import { namespaceOf } from './st2-config-files.js';

type Path = Array<string | number>;

export interface PodEntry {
  /** The resource's index in the render (the manifests, embedded ones after the render's own). */
  readonly index: number;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly specPath: Path;
  readonly spec: JsonObject;
  readonly labels: Readonly<Record<string, string>>;
  readonly copies: number;
}

export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (Array.isArray(v) && typeof k === 'number') v = v[k];
    else if (isJsonObject(v) && typeof k === 'string') v = v[k];
    else return undefined;
  }
  return v;
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isJsonObject(value)) for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The usual template's copies, as the policies count them (lib.replicas). */
function usualCopies(manifest: Manifest): number {
  const spec = manifest['spec'];
  const n = isJsonObject(spec) ? spec['replicas'] : undefined;
  if (manifest['kind'] === 'Pod' || manifest['kind'] === 'Job' || manifest['kind'] === 'CronJob' || manifest['kind'] === 'DaemonSet') return 1;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 1;
}

/** The labels of the object holding a pod spec at `specPath` (its template's metadata), or a Pod's own. */
function usualLabels(manifest: Manifest, specPath: Path): Record<string, string> {
  if (specPath.length === 1) return stringMap(valueAt(manifest, ['metadata', 'labels']));
  return stringMap(valueAt(manifest, [...specPath.slice(0, -1), 'metadata', 'labels']));
}

export function podInventory(manifests: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, podUnits: Readonly<Record<string, PodUnits>>, landing: string): PodEntry[] {
  const out: PodEntry[] = [];
  for (const [index, paths] of specPaths) {
    const manifest = manifests[index];
    if (manifest === undefined) continue;
    const units = podUnits[String(index)];
    const meta = manifest['metadata'];
    const name = isJsonObject(meta) && typeof meta['name'] === 'string' ? meta['name'] : '';
    const kind = typeof manifest['kind'] === 'string' ? manifest['kind'] : '';
    for (const specPath of paths) {
      const spec = valueAt(manifest, specPath);
      if (!isJsonObject(spec)) continue;
      const unit = units?.specs.find((u) => u.path.length === specPath.length && u.path.every((p, k) => p === specPath[k]));
      const copies = unit === undefined ? usualCopies(manifest) : unit.count < 0 ? 1 : unit.count;
      const labels = unit?.labels ? stringMap(valueAt(manifest, unit.labels)) : usualLabels(manifest, specPath);
      out.push({ index, kind, name, namespace: namespaceOf(manifest, landing), specPath, spec, labels, copies });
    }
  }
  return out;
}
