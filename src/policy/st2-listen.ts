/**
 * Where st2api, st2auth and st2stream listen, as their chains of config
 * files say (st2-chain-extras.ts: `[api] port` and the like), against what
 * the cluster sends them: the container's declared ports, its probes, and
 * the ports of every Service selecting its pods. `[api] port = 9111` while
 * the Service, probes and st2web still use 9101 leaves each restarted st2api
 * pod unready, until the API is gone (the eighth red team's
 * cfg-api-port-moved). Services are indexed once per namespace; each API
 * container is compared with the few of its namespace.
 */
import { isJsonObject, kindOf, type JsonObject, type Manifest } from '../core/manifest.js';
import { imageRepository, namespaceOf } from './st2-config-files.js';
import type { ChainFact } from './st2-chain-fact.js';
import { LISTEN_OPTION, type ListenPorts } from './st2-chain-extras.js';

type Path = Array<string | number>;

export interface ListenFact {
  readonly resource: number;
  /** The container's path. */
  readonly path: Path;
  readonly service: keyof ListenPorts;
  readonly option: string;
  readonly port: number;
  /** What sends traffic elsewhere: the container's declared ports, a probe, or a Service (by name). */
  readonly problem: 'container-port' | 'probe' | 'service';
  readonly target: string;
}

const DEFAULT_PORT: Readonly<Record<keyof ListenPorts, number>> = { st2api: 9101, st2auth: 9100, st2stream: 9102 };
const SERVICES = new Set<keyof ListenPorts>(['st2api', 'st2auth', 'st2stream']);
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The API service a container runs: its image's (st2-dockerfiles) or its program's name. */
function serviceOf(container: JsonObject): keyof ListenPorts | undefined {
  const program = (strings(container['command'])[0] ?? '').split('/').pop() ?? '';
  if (SERVICES.has(program as keyof ListenPorts)) return program as keyof ListenPorts;
  if (container['command'] !== undefined) return undefined;
  const image = typeof container['image'] === 'string' ? imageRepository(container['image']) : '';
  return SERVICES.has(image as keyof ListenPorts) ? (image as keyof ListenPorts) : undefined;
}

function at(manifest: Manifest, path: readonly (string | number)[]): unknown {
  let v: unknown = manifest;
  for (const k of path) v = Array.isArray(v) ? v[k as number] : isJsonObject(v) ? v[k as string] : undefined;
  return v;
}

/** A port reference (number, numeric string or name) resolved against the pod's containers' named ports. */
function resolve(port: unknown, named: ReadonlyMap<string, number>): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port !== 'string') return undefined;
  if (/^[0-9]+$/.test(port)) return Number(port);
  return named.get(port);
}

interface ServiceIndex {
  readonly name: string;
  readonly selector: Readonly<Record<string, unknown>>;
  readonly ports: readonly JsonObject[];
}

export function collectListenFacts(resources: readonly Manifest[], chains: Readonly<Record<string, readonly ChainFact[]>>, namespace: string): ListenFact[] {
  const out: ListenFact[] = [];
  let services: Map<string, ServiceIndex[]> | undefined;
  const servicesIn = (ns: string): ServiceIndex[] => {
    if (services === undefined) {
      services = new Map();
      for (const r of resources) {
        if (kindOf(r) !== 'Service' || !isJsonObject(r['spec'])) continue;
        const spec = r['spec'];
        const selector = spec['selector'];
        if (!isJsonObject(selector) || Object.keys(selector).length === 0) continue;
        const meta = isJsonObject(r['metadata']) ? r['metadata'] : {};
        const list = services.get(namespaceOf(r, namespace)) ?? [];
        list.push({ name: typeof meta['name'] === 'string' ? meta['name'] : '', selector, ports: Array.isArray(spec['ports']) ? spec['ports'].filter(isJsonObject) : [] });
        services.set(namespaceOf(r, namespace), list);
      }
    }
    return services.get(ns) ?? [];
  };
  for (const [key, facts] of Object.entries(chains)) {
    const index = Number(key);
    const manifest = resources[index];
    if (manifest === undefined) continue;
    for (const fact of facts) {
      const container = at(manifest, fact.path);
      if (!isJsonObject(container)) continue;
      const service = serviceOf(container);
      if (service === undefined) continue;
      const port = fact.listen[service];
      if (port < 0) continue;
      const report = (problem: ListenFact['problem'], target: string): void => {
        out.push({ resource: index, path: fact.path, service, option: LISTEN_OPTION[service], port, problem, target });
      };
      // The pod spec holding the container: path ends with containers/<j>.
      const specPath = fact.path.slice(0, -2);
      const podSpec = at(manifest, specPath);
      if (!isJsonObject(podSpec)) continue;
      const named = new Map<string, number>();
      const others = new Set<number>();
      for (const field of ['containers', 'initContainers'] as const) {
        const list = podSpec[field];
        if (!Array.isArray(list)) continue;
        for (const c of list) {
          if (!isJsonObject(c) || !Array.isArray(c['ports'])) continue;
          for (const p of c['ports']) {
            if (!isJsonObject(p) || typeof p['containerPort'] !== 'number') continue;
            if (typeof p['name'] === 'string') named.set(p['name'], p['containerPort']);
            if (c !== container) others.add(p['containerPort']);
          }
        }
      }
      const own = Array.isArray(container['ports']) ? container['ports'].filter(isJsonObject) : [];
      const declared = own.map((p) => p['containerPort']).filter((p): p is number => typeof p === 'number');
      if (declared.length > 0 && !declared.includes(port)) report('container-port', declared.join(','));
      for (const probe of PROBES) {
        const p = container[probe];
        if (!isJsonObject(p)) continue;
        for (const handler of ['httpGet', 'tcpSocket', 'grpc'] as const) {
          const h = p[handler];
          if (!isJsonObject(h)) continue;
          const target = resolve(h['port'], named);
          if (target !== undefined && target !== port) report('probe', probe);
        }
      }
      // Services whose selector matches the pod's labels and that target where the service used to
      // listen (a port the container declares, or st2's default for it): the config moved, they did not.
      // (A Service on some other port is a plumbing question of its own, not this one.)
      const stale = new Set([...declared, DEFAULT_PORT[service]]);
      const labels = at(manifest, [...specPath.slice(0, -1), 'metadata', 'labels']);
      if (!isJsonObject(labels)) continue;
      for (const svc of servicesIn(namespaceOf(manifest, namespace))) {
        if (!Object.entries(svc.selector).every(([k, v]) => labels[k] === v)) continue;
        for (const p of svc.ports) {
          const target = resolve(p['targetPort'] ?? p['port'], named);
          if (target !== undefined && target !== port && stale.has(target) && !others.has(target)) report('service', svc.name);
        }
      }
    }
  }
  return out;
}
