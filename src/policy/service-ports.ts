/**
 * The ports of the render's Services, and whether a host:port an st2 option names
 * reaches one of them (st2-transport.ts's port problems).
 */
import { isJsonObject, kindOf, type Manifest } from '../core/manifest.js';
import { membersOf, podNames } from './store-formation.js';

const STS_POD_SPEC = ['spec', 'template', 'spec'];

/** The ports of the render's Services by name (every namespace), read once per render. */
/** `names`: each named TCP port's name (Kubernetes port names are lower-case IANA service names). */
export type ServicePorts = ReadonlyMap<string, ReadonlyArray<{ readonly ns: string | undefined; readonly ports: ReadonlySet<number>; readonly names?: ReadonlyMap<number, string>; readonly pods?: ReadonlySet<string> }>>;

export function servicePorts(resources: readonly Manifest[]): ServicePorts {
  const out = new Map<string, Array<{ ns: string | undefined; ports: Set<number>; names: Map<number, string>; pods?: Set<string> }>>();
  // A StatefulSet's pods (`<sts>-<ordinal>` from spec.ordinals.start, replicas of them) get DNS names under its spec.serviceName.
  const podsOf = new Map<string, Set<string>>();
  for (const r of resources) {
    const members = membersOf(r, STS_POD_SPEC);
    if (members !== undefined && members.service !== '' && isJsonObject(r['metadata'])) {
      const stsNs = r['metadata']['namespace'];
      const key = `${typeof stsNs === 'string' ? stsNs : ''}/${members.service}`;
      const pods = podsOf.get(key) ?? new Set<string>();
      for (const pod of podNames(members)) pods.add(pod);
      podsOf.set(key, pods);
    }
    if (kindOf(r) !== 'Service' || !isJsonObject(r['metadata']) || !isJsonObject(r['spec'])) continue;
    const name = r['metadata']['name'];
    const ns = r['metadata']['namespace'];
    if (typeof name !== 'string' || r['spec']['type'] === 'ExternalName') continue;
    const ports = new Set<number>();
    const names = new Map<number, string>();
    for (const p of Array.isArray(r['spec']['ports']) ? r['spec']['ports'] : []) {
      if (!isJsonObject(p) || typeof p['port'] !== 'number') continue;
      ports.add(p['port']);
      if (typeof p['name'] === 'string' && (p['protocol'] ?? 'TCP') === 'TCP') names.set(p['port'], p['name'].toLowerCase());
    }
    const list = out.get(name) ?? [];
    list.push({ ns: typeof ns === 'string' ? ns : undefined, ports, names });
    out.set(name, list);
  }
  for (const [name, list] of out) for (const s of list) {
    const pods = podsOf.get(`${s.ns ?? ''}/${name}`);
    if (pods !== undefined) s.pods = pods;
  }
  return out;
}

/**
 * Whether a host:port reaches no port of the Service it names: a short name (the pod's namespace),
 * `name.ns`, `name.ns.svc[.cluster.local]`; undefined when the host is no Service of the render
 * (a pod's headless name, an outside host, a Service without ports listed).
 */
export function portNotServed(services: ServicePorts, host: string, port: number, ns: string | undefined): boolean | undefined {
  const service = serviceNamed(services, host, ns);
  if (service === undefined || service.ports.size === 0 || !Number.isFinite(port)) return undefined;
  return !service.ports.has(port);
}

type ServiceEntry = ServicePorts extends ReadonlyMap<string, ReadonlyArray<infer S>> ? S : never;

/** The one Service of the render a host names: a short name (the pod's namespace), `name.ns`, `name.ns.svc[.cluster.local]`. */
function serviceNamed(services: ServicePorts, host: string, ns: string | undefined): ServiceEntry | undefined {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const svc = labels.indexOf('svc');
  const name = labels[0] ?? '';
  const namespace = labels.length === 1 ? ns : svc === 2 || (labels.length === 2 && svc < 0) ? labels[1] : undefined;
  if (labels.length > 1 && namespace === undefined) return undefined;
  if (svc >= 0 && labels.slice(svc + 1).join('.') !== '' && labels.slice(svc + 1).join('.') !== 'cluster.local') return undefined;
  const candidates = (services.get(name) ?? []).filter((s) => namespace === undefined || s.ns === undefined || s.ns === namespace);
  return candidates.length === 1 ? candidates[0] : undefined;
}

/**
 * Whether cluster DNS has no SRV record `_<port>._tcp.<host>` for a Service of the render: it
 * publishes one per named TCP port of a Service (Kubernetes DNS specification, "SRV Records"),
 * none for an unnamed or otherwise named port. Undefined when the host is no Service of the render.
 */
export function srvRecordMissing(services: ServicePorts, host: string, port: string, ns: string | undefined): boolean | undefined {
  const service = serviceNamed(services, host, ns);
  if (service?.names === undefined) return undefined;
  return ![...service.names.values()].includes(port);
}

/**
 * Whether a host:port the bus URL names is a port of its Service (or of the headless Service its pod name is under)
 * other than the AMQP one: the Service names a port `amqp`/`amqps` and this one otherwise (RabbitMQ's management
 * HTTP on 15672, epmd on 4369: kombu's AMQP handshake gets no AMQP answer there). undefined when not judged.
 */
export function portNotAmqp(services: ServicePorts, host: string, port: number, ns: string | undefined): boolean | undefined {
  const service = serviceOrMember(services, host, ns);
  const names = service?.names;
  if (names === undefined || !service?.ports.has(port) || ![...names.values()].some((n) => n.startsWith('amqp'))) return undefined;
  return !(names.get(port) ?? '').startsWith('amqp');
}

/** The Service a host names, or the headless Service whose per-pod name `<pod>.<svc>[...]` it is (the pod serves what its Service lists). */
const serviceOrMember = (services: ServicePorts, host: string, ns: string | undefined): ServiceEntry | undefined => serviceNamed(services, host, ns) ?? serviceNamed(services, host.split('.').slice(1).join('.'), ns);

/** Whether a host names a Service of the render or a pod under one. */
export const namesService = (services: ServicePorts, host: string, ns: string | undefined): boolean => serviceOrMember(services, host, ns) !== undefined;

/** Whether `<pod>.<svc>[...]` names a pod its Service's StatefulSet does not give; undefined when not judged (no such Service, no StatefulSet behind it). */
export function podNotGiven(services: ServicePorts, host: string, ns: string | undefined): boolean | undefined {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length < 2 || portNotServed(services, host, 0, ns) !== undefined) return undefined;
  const rest = labels.slice(1);
  const svcAt = rest.indexOf('svc');
  if (svcAt >= 0 && (svcAt !== 2 || (rest.slice(3).join('.') !== '' && rest.slice(3).join('.') !== 'cluster.local'))) return undefined;
  if (svcAt < 0 && rest.length > 2) return undefined;
  const namespace = rest.length === 1 ? ns : rest[1];
  const candidates = (services.get(rest[0] ?? '') ?? []).filter((s) => namespace === undefined || s.ns === undefined || s.ns === namespace);
  if (candidates.length !== 1 || candidates[0]?.pods === undefined) return undefined;
  return !candidates[0].pods.has(labels[0] ?? '');
}
