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
import type { ChainFact } from './st2-chain-fact.js';
import { imageRepository, namespaceOf } from './st2-config-files.js';
import { pyInt } from './oslo-ini.js';
import { sensorRefHash } from './st2-sensor-hash.js';

type Path = Array<string | number>;

export interface SensorPartitionFact {
  readonly resource: number;
  readonly path: Path;
  readonly provider: string;
  readonly exclusive: boolean;
  /** Hash partitions whose union leaves part of the hash space to no container: those sensors run nowhere (ST2-OPS-036). */
  readonly gap?: boolean;
}

const MAX = 2 ** 32;

interface Partition {
  /** hash, kvstore, file, default, or single (`--sensor-ref`: one sensor, whatever the config). */
  readonly provider: string;
  readonly node: string;
  /** Hash ranges [start, end); undefined unless the provider is hash with valid ranges. */
  readonly ranges?: ReadonlyArray<readonly [number, number]>;
  /** The sensors it runs when the render says (single: its ref; file: its node's list). */
  readonly refs?: ReadonlySet<string>;
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

/**
 * `MIN..1024|2048..MAX` as [start, end) pairs, as st2's Range reads them: `min`
 * and `max` in any case, other bounds by Python's int() and clamped to
 * [0, 2^32]; undefined when a range is malformed or starts after its end (st2
 * raises ValueError and the sensor container stops).
 */
export function parseHashRanges(text: string): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  const bound = (raw: string): number | undefined => {
    const t = raw.trim();
    if (t.toLowerCase() === 'min') return 0;
    if (t.toLowerCase() === 'max') return MAX;
    const n = pyInt(t);
    return n === undefined ? undefined : Math.min(MAX, Math.max(0, n));
  };
  for (const part of text.split('|')) {
    const sides = part.trim().split('..');
    if (sides.length !== 2) return undefined;
    const start = bound(sides[0] ?? '');
    const end = bound(sides[1] ?? '');
    if (start === undefined || end === undefined || start > end) return undefined;
    if (start < end) out.push([start, end]);
  }
  return out;
}

/** Whether [0, 2^32) is covered by the union of these ranges. */
export function coversAll(ranges: ReadonlyArray<readonly [number, number]>): boolean {
  let reach = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start > reach) return false;
    reach = Math.max(reach, end);
  }
  return reach >= MAX;
}

function partitionOf(p: ChainFact['sensor_partition'], file: ChainFact['sensor_file'], single: string | undefined): Partition | undefined {
  if (single !== undefined) return { provider: 'single', node: '', refs: new Set([single]) };
  if (p === 'unknown') return undefined;
  const dict = p.provider === '' ? new Map([['name', 'default']]) : parseDictOpt(p.provider);
  if (dict === undefined) return undefined;
  const provider = dict.get('name') ?? 'default';
  const node = p.node === '' ? 'sensornode1' : p.node;
  if (provider === 'file') {
    // st2's DefaultPartitioner runs every sensor when the node's list is empty.
    if (Array.isArray(file) && file.length === 0) return { provider: 'default', node };
    return Array.isArray(file) ? { provider, node, refs: new Set(file) } : { provider, node };
  }
  if (provider !== 'hash') return { provider, node };
  const ranges = parseHashRanges(dict.get('hash_ranges') ?? '');
  return ranges === undefined ? { provider, node } : { provider, node, ranges };
}

const inRanges = (h: number, ranges: ReadonlyArray<readonly [number, number]>): boolean => ranges.some(([s, e]) => h >= s && h < e);

/** Whether two partitions may run the same sensor (true when the gate cannot tell). */
function mayShare(p: Partition, q: Partition): boolean {
  if (p.provider === 'default' || q.provider === 'default') return true;
  if (p.provider === 'hash' && q.provider === 'hash') return p.ranges === undefined || q.ranges === undefined || overlap(p.ranges, q.ranges);
  // A known list of sensors against ranges: each sensor's hash decides (st2-sensor-hash.ts).
  for (const [a, b] of [[p, q], [q, p]] as const) {
    if (a.refs !== undefined && b.provider === 'hash') return b.ranges === undefined || [...a.refs].some((r) => inRanges(sensorRefHash(r), b.ranges ?? []));
  }
  if (p.refs !== undefined && q.refs !== undefined) return [...p.refs].some((r) => q.refs?.has(r));
  if (p.provider === q.provider && (p.provider === 'kvstore' || p.provider === 'file')) return p.node === q.node;
  return true;
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
      list.push({ resource: index, path: fact.path, part: partitionOf(fact.sensor_partition, fact.sensor_file, singleRef(container)) });
      byNs.set(ns, list);
    }
  }
  const out: SensorPartitionFact[] = [];
  for (const list of byNs.values()) {
    // Every sensor runs somewhere only when some container runs all of them, or the hash ranges cover the space.
    const parts = list.map((e) => e.part);
    const hashes = parts.filter((p): p is Partition => p?.provider === 'hash' && p.ranges !== undefined);
    // A single-sensor container covers its own sensor's hash.
    const singles = parts.flatMap((p) => (p?.provider === 'single' ? [...(p.refs ?? [])].map((r): [number, number] => [sensorRefHash(r), sensorRefHash(r) + 1]) : []));
    const gap = hashes.length > 0 && parts.every((p) => p !== undefined && (p.provider === 'hash' || p.provider === 'single') && (p.provider !== 'hash' || p.ranges !== undefined)) && !coversAll([...hashes.flatMap((p) => p.ranges ?? []), ...singles]);
    for (const me of list) {
      const p = me.part;
      let exclusive = p !== undefined && (p.provider === 'hash' ? p.ranges !== undefined : p.provider === 'kvstore' || p.provider === 'file' || p.provider === 'single');
      if (exclusive && p !== undefined) {
        for (const other of list) {
          if (other.resource === me.resource && other.path === me.path) continue;
          const q = other.part;
          // Another container the gate cannot read may run any sensor.
          if (q === undefined || mayShare(p, q)) exclusive = false;
        }
      }
      out.push({ resource: me.resource, path: me.path, provider: p?.provider ?? 'unknown', exclusive, ...(gap && p?.provider === 'hash' ? { gap: true } : {}) });
    }
  }
  return out;
}

/** The sensor a container runs alone (`--sensor-ref=pack.Sensor` or `--sensor-ref pack.Sensor`). */
function singleRef(container: JsonObject): string | undefined {
  const argv = [...strings(container['command']), ...strings(container['args'])];
  for (let k = 0; k < argv.length; k++) {
    const m = /(?:^|\s)--sensor-ref(?:=|\s+)([^\s'";&|]+)/.exec(argv[k] ?? '');
    if (m) return m[1];
    if (argv[k] === '--sensor-ref' && argv[k + 1] !== undefined) return argv[k + 1];
  }
  return undefined;
}
