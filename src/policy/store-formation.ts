/**
 * Formation settings: what each store member needs to form a cluster with
 * the others and keep it across restarts (the tenth red team's store
 * classes), read once per render beside the other store facts:
 *
 * - RabbitMQ: one Erlang cookie for every node (a cookie built from the pod's
 *   own name or uid differs per node, and Erlang distribution refuses a peer
 *   with another cookie); node names (RABBITMQ_NODENAME, per pod) that the
 *   classic_config peer list names; an AMQP listener (rabbitmq.conf
 *   `listeners.tcp.*`, advanced.config's or a `-rabbit` argument's
 *   `tcp_listeners`) on every interface and on the port the clients use
 *   (the containers' and Services' `amqp` ports, else 5672), not
 *   `listeners.tcp = none` without a TLS listener;
 * - etcd (server/embed config validation and bootstrap): `--name` among the
 *   names of `--initial-cluster` for every member; `--initial-cluster-state
 *   existing` when the render's own members are the whole initial cluster
 *   (nothing exists to join); `--election-timeout` at least 5 times
 *   `--heartbeat-interval` and at most 50000 ms (defaults 1000 and 100);
 * - MongoDB: something that runs the render's `rs.initiate` for a `--replSet`
 *   StatefulSet (inline, or a mounted ConfigMap or Secret holding it; Bitnami's
 *   image initiates the set itself; a render without one is not judged); the hosts rs.initiate lists resolving to the
 *   StatefulSet's pods (`<sts>-<n>.<serviceName>`); members that survive
 *   the loss of any one (a majority of votes left and one electable member,
 *   priority > 0, left).
 *
 * Only names, numbers and host names leave this module.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { goBool, type EtcdServer } from './etcd-server.js';
import { peerUrlsDisagree, tlsListenerWithoutCert } from './etcd-startup.js';
import { objectAt } from './container-walk.js';
import { listenerFromEnv, listenerProblem, setsListeners } from './rabbitmq-listeners.js';
import { initiatedMembers, survivesOneLoss } from './mongo-set-members.js';

type Path = Array<string | number>;

export type FormationSetting =
  | 'cookie_per_pod' | 'node_not_peer' | 'amqp_listener'
  | 'member_name' | 'cluster_state' | 'election_timeout'
  | 'init_missing' | 'init_host' | 'electable'
  // The eleventh red team's: etcd's https listener without a certificate, --force-new-cluster,
  // peer URLs that disagree; RabbitMQ's node names shared or dotted under short names.
  | 'tls_without_cert' | 'force_new_cluster' | 'peer_urls' | 'node_shared' | 'short_names'
  // The sixteenth's: an etcd peer URL host that is not one of the set's pods under its governing Service.
  | 'peer_host';

export interface FormationFact {
  readonly resource: number;
  readonly path: Path;
  readonly store: 'mongodb' | 'rabbitmq' | 'etcd';
  readonly setting: FormationSetting;
  readonly value: number | string;
  readonly capacity: number;
}


/** A StatefulSet's pods: its name, replicas, first ordinal and governing Service (undefined for other kinds). */
export interface Members {
  readonly name: string;
  readonly replicas: number;
  /** spec.ordinals.start: the pods are <name>-<start> .. <name>-<start + replicas - 1> (k8s StatefulSet Start ordinal). */
  readonly start: number;
  readonly service: string;
}

/** The pods' names, in ordinal order. */
export const podNames = (m: Members): string[] => Array.from({ length: m.replicas }, (_, k) => `${m.name}-${m.start + k}`);

export function membersOf(manifest: Manifest, specPath: Path): Members | undefined {
  if (manifest['kind'] !== 'StatefulSet' || !isJsonObject(manifest['metadata'])) return undefined;
  const spec = objectAt(manifest, specPath.slice(0, -2));
  const name = manifest['metadata']['name'];
  if (spec === undefined || typeof name !== 'string') return undefined;
  const replicas = typeof spec['replicas'] === 'number' ? spec['replicas'] : 1;
  const start = isJsonObject(spec['ordinals']) && typeof spec['ordinals']['start'] === 'number' ? spec['ordinals']['start'] : 0;
  return { name, replicas, start, service: typeof spec['serviceName'] === 'string' ? spec['serviceName'] : '' };
}

/** Env names a container fills per pod (the downward API's name, uid, IPs, node), and which hold the pod's name. */
export function perPodVars(container: JsonObject): { any: Set<string>; name: Set<string> } {
  const any = new Set<string>();
  const name = new Set<string>(['HOSTNAME']);
  for (const e of Array.isArray(container['env']) ? container['env'].filter(isJsonObject) : []) {
    const from = isJsonObject(e['valueFrom']) ? e['valueFrom'] : undefined;
    const field = from !== undefined && isJsonObject(from['fieldRef']) ? from['fieldRef']['fieldPath'] : undefined;
    if (typeof e['name'] !== 'string' || typeof field !== 'string') continue;
    if (field === 'metadata.name' || field === "metadata.labels['statefulset.kubernetes.io/pod-name']") name.add(e['name']);
    if (field === 'metadata.name' || field === 'metadata.uid' || field.startsWith('status.pod') || field === 'spec.nodeName' || field === 'status.hostIP' || field.startsWith("metadata.labels['statefulset") || field.startsWith("metadata.labels['apps.kubernetes.io/pod-index")) any.add(e['name']);
  }
  return { any, name };
}

/** A text with the pod's own name put for its variables ($(V), $V, ${V}, $(hostname)); undefined when another variable is left. */
export function forPod(text: string, names: ReadonlySet<string>, pod: string): string | undefined {
  const out = text
    .replace(/\$\(hostname\)|`hostname`/g, pod)
    .replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a?: string, b?: string, c?: string) => (names.has(a ?? b ?? c ?? '') ? pod : m));
  return out.includes('$') ? undefined : out;
}

const rawEnv = (container: JsonObject, name: string): string | undefined => {
  let value: string | undefined;
  for (const e of Array.isArray(container['env']) ? container['env'].filter(isJsonObject) : []) if (e['name'] === name && typeof e['value'] === 'string') value = e['value'];
  return value;
};

interface RabbitNode {
  readonly resource: number;
  readonly path: Path;
  readonly ns: string;
  /** Each pod's node name; [] when a name cannot be worked out. */
  readonly nodes: string[];
}

interface MongoSet {
  readonly resource: number;
  readonly path: Path;
  readonly ns: string;
  readonly members: Members;
  readonly selfInit: boolean;
}

interface ConfigText {
  readonly resource: number;
  readonly path: Path;
  readonly ns: string;
  readonly text: string;
}

/** Collects formation settings while the store facts walk the render, and judges them at the end. */
export class FormationFacts {
  private readonly rabbits: RabbitNode[] = [];
  private readonly rabbitNamespaces = new Set<string>();
  private readonly amqpPorts = new Map<string, Set<number>>();
  private readonly mongoSets: MongoSet[] = [];
  /** Per namespace: does a running container run rs.initiate (inline), and its containers (their mounts read when needed). */
  private readonly inlineInit = new Set<string>();
  private readonly pods = new Map<string, Array<{ podSpec: JsonObject; container: JsonObject }>>();
  private readonly initTexts: ConfigText[] = [];
  private readonly rabbitConfs: ConfigText[] = [];
  /** The listener RABBITMQ_NODE_PORT / RABBITMQ_NODE_IP_ADDRESS give a node, as rabbitmq.conf would write it. */
  private readonly envListeners: ConfigText[] = [];
  private readonly initObjects = new Map<string, Set<string>>();
  /** Per namespace: the render's Services, by name, and whether each is headless (pod DNS records exist only under one). */
  private readonly services = new Map<string, Map<string, boolean>>();
  /** etcd's peer URL hosts, judged once the Services are known. */
  private readonly etcdHosts: Array<{ resource: number; path: Path; ns: string; members: Members; hosts: Set<string> }> = [];

  constructor(private readonly out: { push(f: FormationFact): number }) {}

  /** Every container the store walk visits. */
  container(index: number, podSpec: JsonObject, container: JsonObject, at: Path, ns: string, script: string): void {
    if (script.includes('nitiate')) {
      this.inlineInit.add(ns);
      this.initTexts.push({ resource: index, path: [...at, 'command'], ns, text: script });
    }
    // Its mounts are read only if a set needs an initiator (finish).
    let list = this.pods.get(ns);
    if (list === undefined) this.pods.set(ns, (list = []));
    list.push({ podSpec, container });
  }

  /** Whether a container mounts one of these config objects (a script of rs.initiate run from it). */
  private static mounts(podSpec: JsonObject, container: JsonObject, objects: ReadonlySet<string>): boolean {
    const volumes = Array.isArray(podSpec['volumes']) ? podSpec['volumes'].filter(isJsonObject) : [];
    for (const m of Array.isArray(container['volumeMounts']) ? container['volumeMounts'].filter(isJsonObject) : []) {
      const v = volumes.find((x) => x['name'] === m['name']);
      if (v === undefined) continue;
      const sources = [v, ...(isJsonObject(v['projected']) && Array.isArray(v['projected']['sources']) ? v['projected']['sources'].filter(isJsonObject) : [])];
      for (const s of sources) {
        const cm = isJsonObject(s['configMap']) ? s['configMap']['name'] : undefined;
        const secret = isJsonObject(s['secret']) ? (s['secret']['secretName'] ?? s['secret']['name']) : undefined;
        if ((typeof cm === 'string' && objects.has(`ConfigMap/${cm}`)) || (typeof secret === 'string' && objects.has(`Secret/${secret}`))) return true;
      }
    }
    return false;
  }

  /** A RabbitMQ server container: its node names per pod, cookie, and AMQP ports. */
  rabbit(index: number, manifest: Manifest, specPath: Path, container: JsonObject, at: Path, ns: string): void {
    this.rabbitNamespaces.add(ns);
    const vars = perPodVars(container);
    const cookie = rawEnv(container, 'RABBITMQ_ERLANG_COOKIE');
    if (cookie !== undefined) {
      const perPod = [...cookie.matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)].find((m) => vars.any.has(m[1] ?? ''));
      if (perPod !== undefined) this.out.push({ resource: index, path: at, store: 'rabbitmq', setting: 'cookie_per_pod', value: perPod[1] ?? '', capacity: 0 });
    }
    for (const p of Array.isArray(container['ports']) ? container['ports'].filter(isJsonObject) : []) {
      if (typeof p['containerPort'] === 'number' && typeof p['name'] === 'string' && /^amqps?$/.test(p['name'])) this.amqpPort(ns, p['containerPort']);
    }
    const envListener = listenerFromEnv(rawEnv(container, 'RABBITMQ_NODE_PORT'), rawEnv(container, 'RABBITMQ_NODE_IP_ADDRESS'));
    if (envListener !== undefined) this.envListeners.push({ resource: index, path: at, ns, text: envListener });
    const members = membersOf(manifest, specPath);
    const template = rawEnv(container, 'RABBITMQ_NODENAME');
    if (members === undefined || template === undefined) return;
    const nodes: string[] = [];
    for (const pod of podNames(members)) {
      const node = forPod(template, vars.name, pod);
      if (node === undefined) return;
      nodes.push(node.includes('@') ? node : `rabbit@${node}`);
    }
    if (nodes.length >= 2 && new Set(nodes).size < nodes.length) this.out.push({ resource: index, path: at, store: 'rabbitmq', setting: 'node_shared', value: nodes[0] ?? '', capacity: 0 });
    // Erlang refuses a short name (RABBITMQ_USE_LONGNAME not 1/yes/true) whose host has a dot.
    const longNames = rawEnv(container, 'RABBITMQ_USE_LONGNAME');
    const dotted = nodes.find((n) => (n.split('@')[1] ?? '').includes('.'));
    if (longNames !== undefined && !/^(?:1|yes|true)$/i.test(longNames.trim()) && dotted !== undefined) this.out.push({ resource: index, path: at, store: 'rabbitmq', setting: 'short_names', value: dotted, capacity: 0 });
    this.rabbits.push({ resource: index, path: at, ns, nodes });
  }

  private amqpPort(ns: string, port: number): void {
    let set = this.amqpPorts.get(ns);
    if (set === undefined) this.amqpPorts.set(ns, (set = new Set()));
    set.add(port);
  }

  /** A Service's amqp ports (what clients dial and where it delivers). */
  service(manifest: Manifest, ns: string): void {
    const spec = isJsonObject(manifest['spec']) ? manifest['spec'] : {};
    const name = isJsonObject(manifest['metadata']) ? manifest['metadata']['name'] : undefined;
    if (typeof name === 'string') {
      let names = this.services.get(ns);
      if (names === undefined) this.services.set(ns, (names = new Map<string, boolean>()));
      names.set(name, spec['clusterIP'] === 'None');
    }
    for (const p of Array.isArray(spec['ports']) ? spec['ports'].filter(isJsonObject) : []) {
      if (typeof p['name'] !== 'string' || !/^amqps?$/.test(p['name'])) continue;
      if (typeof p['port'] === 'number') this.amqpPort(ns, p['port']);
      if (typeof p['targetPort'] === 'number') this.amqpPort(ns, p['targetPort']);
    }
  }

  /** A config text of a ConfigMap or Secret. */
  text(index: number, manifest: Manifest, path: Path, text: string, ns: string): void {
    const listeners = text.includes('listeners') && (/^[ \t]*listeners\.(?:tcp|ssl)/m.test(text) || /\{\s*(?:tcp|ssl)_listeners\s*,/.test(text));
    if (listeners || (text.includes('classic_config') && /^[ \t]*cluster_formation\.classic_config\.nodes/m.test(text))) this.rabbitConfs.push({ resource: index, path, ns, text });
    if (text.includes('nitiate')) {
      this.initTexts.push({ resource: index, path, ns, text });
      const meta = isJsonObject(manifest['metadata']) ? manifest['metadata'] : {};
      let set = this.initObjects.get(ns);
      if (set === undefined) this.initObjects.set(ns, (set = new Set()));
      set.add(`${String(manifest['kind'])}/${String(meta['name'])}`);
    }
  }

  /** An etcd server container (settings as etcd reads them). */
  etcd(index: number, manifest: Manifest, specPath: Path, container: JsonObject, at: Path, etcd: EtcdServer, ns: string): void {
    if (!etcd.known) return;
    const hb = etcd.get('heartbeat-interval') ?? '100';
    const el = etcd.get('election-timeout') ?? '1000';
    if (/^[0-9]+$/.test(hb) && /^[0-9]+$/.test(el) && (5 * Number(hb) > Number(el) || Number(el) > 50000)) {
      this.out.push({ resource: index, path: at, store: 'etcd', setting: 'election_timeout', value: Number(el), capacity: Number(hb) });
    }
    const tls = tlsListenerWithoutCert(etcd);
    if (tls !== undefined) this.out.push({ resource: index, path: at, store: 'etcd', setting: 'tls_without_cert', value: tls, capacity: 0 });
    const members = membersOf(manifest, specPath);
    // Each member restarts from its own data as a one-member cluster.
    if (members !== undefined && members.replicas >= 2 && goBool(etcd.get('force-new-cluster')) === true) this.out.push({ resource: index, path: at, store: 'etcd', setting: 'force_new_cluster', value: members.replicas, capacity: 0 });
    const initial = etcd.get('initial-cluster');
    if (members === undefined || initial === undefined || etcd.get('discovery') !== undefined || etcd.get('discovery-srv') !== undefined) return;
    const advertise = etcd.get('initial-advertise-peer-urls');
    const names = perPodVars(container).name;
    const name = etcd.get('name') ?? 'default';
    const pods = podNames(members);
    let listed: string[] = [];
    const hosts = new Set<string>();
    for (const pod of pods) {
      const own = forPod(name, names, pod);
      const cluster = forPod(initial, names, pod);
      if (own === undefined || cluster === undefined) return;
      listed = cluster.split(',').map((m) => m.split('=')[0]?.trim() ?? '').filter((n) => n !== '');
      for (const m of cluster.split(',')) urlHost(m.slice(m.indexOf('=') + 1), hosts);
      if (!listed.includes(own)) {
        this.out.push({ resource: index, path: at, store: 'etcd', setting: 'member_name', value: name, capacity: 0 });
        return;
      }
      const adv = advertise === undefined ? undefined : forPod(advertise, names, pod);
      if (adv !== undefined && peerUrlsDisagree(cluster, own, adv)) {
        this.out.push({ resource: index, path: at, store: 'etcd', setting: 'peer_urls', value: own, capacity: 0 });
        return;
      }
      for (const u of (adv ?? '').split(',')) urlHost(u, hosts);
    }
    this.etcdHosts.push({ resource: index, path: at, ns, members, hosts });
    if (etcd.get('initial-cluster-state') === 'existing' && listed.length > 0 && listed.every((n) => pods.includes(n))) {
      this.out.push({ resource: index, path: at, store: 'etcd', setting: 'cluster_state', value: 'existing', capacity: 0 });
    }
  }

  /** A mongod running a replica set (--replSet or replication.replSetName). */
  mongod(index: number, manifest: Manifest, specPath: Path, container: JsonObject, at: Path, ns: string): void {
    const members = membersOf(manifest, specPath);
    if (members === undefined) return;
    const image = typeof container['image'] === 'string' ? container['image'] : '';
    const selfInit = image.includes('bitnami') || rawEnv(container, 'MONGODB_REPLICA_SET_MODE') !== undefined;
    this.mongoSets.push({ resource: index, path: at, ns, members, selfInit });
  }

  finish(): void {
    this.judgeRabbit();
    this.judgeMongo();
    for (const e of this.etcdHosts) {
      const bad = [...e.hosts].find((h) => hostProblem(h, [e.members], this.governs(e.ns)));
      if (bad !== undefined) this.out.push({ resource: e.resource, path: e.path, store: 'etcd', setting: 'peer_host', value: bad, capacity: 0 });
    }
  }

  /**
   * Whether a Service name can govern a set's pod DNS names in a namespace: a
   * headless Service of the render (k8s DNS: <hostname>.<subdomain> records
   * exist only under a headless Service named like the subdomain). A namespace
   * whose Services the render does not hold (a partial render) is not judged.
   */
  private governs(ns: string): (service: string) => boolean {
    const names = this.services.get(ns);
    return (service) => names === undefined || names.get(service) === true;
  }

  private judgeRabbit(): void {
    const confs = new Map<string, ConfigText[]>();
    for (const c of this.rabbitConfs) confs.set(c.ns, [...(confs.get(c.ns) ?? []), c]);
    for (const r of this.rabbits) {
      const peers = new Set((confs.get(r.ns) ?? []).flatMap((c) => [...c.text.matchAll(/^[ \t]*cluster_formation\.classic_config\.nodes\.[A-Za-z0-9_]+[ \t]*=[ \t]*(\S+)/gm)].map((m) => m[1] ?? '')));
      const stray = r.nodes.find((n) => !peers.has(n));
      if (peers.size > 0 && stray !== undefined) this.out.push({ resource: r.resource, path: r.path, store: 'rabbitmq', setting: 'node_not_peer', value: stray, capacity: 0 });
    }
    // rabbitmq.conf's listeners.tcp (or advanced.config's tcp_listeners) replaces the one the environment gives
    // (rabbit_env sets tcp_listeners from RABBITMQ_NODE_IP_ADDRESS and RABBITMQ_NODE_PORT before the config files apply).
    const confListens = (ns: string): boolean => (confs.get(ns) ?? []).some((c) => setsListeners(c.text));
    const judged = [...this.rabbitConfs, ...this.envListeners.filter((e) => !confListens(e.ns))];
    for (const c of judged) {
      if (!this.rabbitNamespaces.has(c.ns)) continue;
      const problem = listenerProblem(c.text, this.amqpPorts.get(c.ns) ?? new Set([5672]));
      if (problem !== undefined) this.out.push({ resource: c.resource, path: c.path, store: 'rabbitmq', setting: 'amqp_listener', value: problem, capacity: 0 });
    }
  }

  private judgeMongo(): void {
    for (const set of this.mongoSets) {
      if (set.members.replicas < 2 || set.selfInit) continue;
      // Judged only when the render holds the initiation (a ConfigMap or Secret with rs.initiate)
      // and nothing runs it: a set initiated by hand or by a tool outside the render is not.
      const objects = this.initObjects.get(set.ns) ?? new Set<string>();
      if (objects.size > 0 && !this.inlineInit.has(set.ns) && !(this.pods.get(set.ns) ?? []).some((p) => FormationFacts.mounts(p.podSpec, p.container, objects))) {
        this.out.push({ resource: set.resource, path: set.path, store: 'mongodb', setting: 'init_missing', value: set.members.name, capacity: 0 });
      }
    }
    for (const t of this.initTexts) {
      const sets = this.mongoSets.filter((s) => s.ns === t.ns);
      if (sets.length === 0) continue;
      for (const members of initiatedMembers(t.text)) {
        for (const m of members) {
          const bad = hostProblem(m.host, sets.map((s) => s.members), this.governs(t.ns));
          if (bad) this.out.push({ resource: t.resource, path: t.path, store: 'mongodb', setting: 'init_host', value: m.host, capacity: 0 });
        }
        const electable = members.filter((m) => m.priority > 0 && m.votes > 0 && !m.arbiter).length;
        if (members.length >= 3 && !survivesOneLoss(members)) this.out.push({ resource: t.resource, path: t.path, store: 'mongodb', setting: 'electable', value: electable, capacity: members.length });
      }
    }
  }
}

/** A URL's host (scheme://host[:port]), added to a set. */
function urlHost(url: string, into: Set<string>): void {
  const host = /^\s*[A-Za-z][A-Za-z0-9+.-]*:\/\/\[?([^\]/:\s]+)/.exec(url)?.[1];
  if (host !== undefined) into.add(host);
}

/** A host naming a StatefulSet's pod (`<sts>-<n>[.<service>...]`) that does not resolve to it. */
function hostProblem(host: string, sets: readonly Members[], governs: (service: string) => boolean): boolean {
  if (host.includes('$') || host.includes('+')) return false;
  const labels = (host.split(':')[0] ?? '').split('.');
  const pod = /^(.+)-([0-9]+)$/.exec(labels[0] ?? '');
  if (pod === null) return false;
  const set = sets.find((s) => s.name === pod[1]);
  if (set === undefined) return false;
  // The pod's own DNS name is <pod>.<serviceName>; a bare pod name resolves nowhere else.
  const ordinal = Number(pod[2]);
  if (ordinal < set.start || ordinal >= set.start + set.replicas || labels.length < 2) return true;
  return set.service !== '' && (labels[1] !== set.service || !governs(set.service));
}
