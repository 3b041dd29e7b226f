/**
 * Sensor partitioning as each st2sensorcontainer process reads it: the last
 * word of its own chain of config files on `[sensorcontainer]
 * partition_provider` (an oslo DictOpt: `name:hash, hash_ranges:MIN..2147483648`)
 * and `sensor_node_name` (default sensornode1), not every partition text its
 * pod happens to mount (the eighth red team's sensor-hash-disjoint-halves
 * mounts both halves' files and passes one with --config-file).
 *
 * A container runs its sensors exclusively when its provider is `hash` with
 * ranges (st2's HashPartitioner: `start <= hash < end`, MIN = 0, MAX = 2^32)
 * that meet no other sensor container's of the namespace, or `kvstore`/`file`
 * with a node name no other one uses; `default`, an unreadable chain or a
 * malformed value is never exclusive. ST2-REP-003 counts such workloads as
 * partitioned. Sensor containers are few per namespace: each is compared
 * with the others of its namespace.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import type { ChainFact } from './st2-chains.js';
import { imageRepository, namespaceOf } from './st2-config-files.js';

type Path = Array<string | number>;

export interface SensorPartitionFact {
  readonly resource: number;
  readonly path: Path;
  readonly provider: string;
  readonly exclusive: boolean;
}

const MAX = 2 ** 32;

interface Partition {
  readonly provider: string;
  readonly node: string;
  /** Hash ranges [start, end); undefined unless the provider is hash with valid ranges. */
  readonly ranges?: ReadonlyArray<readonly [number, number]>;
}

/** oslo's DictOpt: `k:v, k:v` (the first colon splits), keys and values stripped; undefined when a pair has no colon. */
export function parseDictOpt(value: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  if (value.trim() === '') return out;
  for (const pair of value.split(',')) {
    const at = pair.indexOf(':');
    if (at < 0) return undefined;
    out.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return out;
}

/** `MIN..1024|2048..MAX` as [start, end) pairs; undefined when a range is malformed or empty. */
export function parseHashRanges(text: string): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  const bound = (t: string): number | undefined => (t === 'MIN' ? 0 : t === 'MAX' ? MAX : /^[0-9]+$/.test(t) ? Number(t) : undefined);
  for (const part of text.split('|')) {
    const m = /^\s*([A-Z0-9]+)\s*\.\.\s*([A-Z0-9]+)\s*$/.exec(part);
    const start = m ? bound(m[1] ?? '') : undefined;
    const end = m ? bound(m[2] ?? '') : undefined;
    if (start === undefined || end === undefined || start >= end || end > MAX) return undefined;
    out.push([start, end]);
  }
  return out;
}

function partitionOf(p: ChainFact['sensor_partition']): Partition | undefined {
  if (p === 'unknown') return undefined;
  const dict = p.provider === '' ? new Map([['name', 'default']]) : parseDictOpt(p.provider);
  if (dict === undefined) return undefined;
  const provider = dict.get('name') ?? 'default';
  const node = p.node === '' ? 'sensornode1' : p.node;
  if (provider !== 'hash') return { provider, node };
  const ranges = parseHashRanges(dict.get('hash_ranges') ?? '');
  return ranges === undefined ? { provider, node } : { provider, node, ranges };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function runsSensors(container: JsonObject): boolean {
  const argv = [...strings(container['command']), ...strings(container['args'])];
  if (argv.some((w) => /(?:^|\/)st2sensorcontainer(?:\.py)?$|st2reactor\.cmd\.sensormanager/.test(w))) return true;
  return container['command'] === undefined && typeof container['image'] === 'string' && imageRepository(container['image']) === 'st2sensorcontainer';
}

function at(manifest: Manifest, path: readonly (string | number)[]): unknown {
  let v: unknown = manifest;
  for (const k of path) v = Array.isArray(v) ? v[k as number] : isJsonObject(v) ? v[k as string] : undefined;
  return v;
}

const overlap = (a: ReadonlyArray<readonly [number, number]>, b: ReadonlyArray<readonly [number, number]>): boolean => a.some(([s1, e1]) => b.some(([s2, e2]) => s1 < e2 && s2 < e1));

export function collectSensorPartitionFacts(resources: readonly Manifest[], chains: Readonly<Record<string, readonly ChainFact[]>>, namespace: string): SensorPartitionFact[] {
  const byNs = new Map<string, Array<{ resource: number; path: Path; part: Partition | undefined }>>();
  for (const [key, facts] of Object.entries(chains)) {
    const index = Number(key);
    const manifest = resources[index];
    if (manifest === undefined) continue;
    for (const fact of facts) {
      if (!fact.path.includes('containers')) continue;
      const container = at(manifest, fact.path);
      if (!isJsonObject(container) || !runsSensors(container)) continue;
      const ns = namespaceOf(manifest, namespace);
      const list = byNs.get(ns) ?? [];
      list.push({ resource: index, path: fact.path, part: partitionOf(fact.sensor_partition) });
      byNs.set(ns, list);
    }
  }
  const out: SensorPartitionFact[] = [];
  for (const list of byNs.values()) {
    for (const me of list) {
      const p = me.part;
      let exclusive = p !== undefined && (p.provider === 'hash' ? p.ranges !== undefined : p.provider === 'kvstore' || p.provider === 'file');
      if (exclusive && p !== undefined) {
        for (const other of list) {
          if (other.resource === me.resource) continue;
          const q = other.part;
          // Another container running everything (default), or one the gate cannot read, may run any sensor.
          if (q === undefined || q.provider === 'default') exclusive = false;
          else if (p.provider === 'hash' && q.provider === 'hash') exclusive &&= q.ranges !== undefined && !overlap(p.ranges ?? [], q.ranges);
          else if (p.provider !== 'hash' && q.provider !== 'hash') exclusive &&= p.node !== q.node;
          // Mixed providers assign sensors independently: the same sensor may land on both.
          else exclusive = false;
        }
      }
      out.push({ resource: me.resource, path: me.path, provider: p?.provider ?? 'unknown', exclusive });
    }
  }
  return out;
}
