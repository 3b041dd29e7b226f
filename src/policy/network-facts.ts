/**
 * The flows StackStorm needs, checked against the render's Kubernetes
 * NetworkPolicies (ST2-OPS-034), and what the CNIs' own policy kinds
 * (Cilium, Calico, Antrea, AdminNetworkPolicy) say about DNS (ST2-OPS-035),
 * once per render.
 *
 * Needed flows, per namespace that has a NetworkPolicy in the render:
 * - every pod → kube-dns (namespace kube-system, k8s-app=kube-dns) on UDP 53:
 *   no Service name resolves without it (TCP 53 is only the fallback for
 *   truncated answers, which Service lookups never are);
 * - every st2 service (the long-running StackStorm workloads but st2web and
 *   st2client) → each store of its namespace (pods a Service selects that run
 *   MongoDB, RabbitMQ, etcd, Redis or ZooKeeper) on its client port (27017,
 *   5672/5671, 2379, 6379, 2181) as the Service maps it;
 * - a replicated store's members → each other on their peer ports (MongoDB
 *   27017, RabbitMQ 4369 and 25672, etcd 2380, ZooKeeper 2888 and 3888,
 *   Redis 6379);
 * - st2web → st2api, st2auth and st2stream on the ports their Services map to;
 * - the ingress controller (a pod of another namespace the gate cannot name)
 *   → what an Ingress of the namespace routes to.
 *
 * Each flow is allowed as networking.k8s.io/v1 says: a pod that no policy of
 * its namespace selects for a direction (policyTypes, Ingress by default,
 * Egress when the policy has egress rules) is not isolated in it; an isolated
 * one is reached when some rule of some policy selecting it admits the peer
 * (no `from`/`to` admits all; podSelector in the policy's namespace,
 * namespaceSelector by the namespace's labels: its name label, plus those of a
 * rendered Namespace, nothing else known) on the port (none listed: all;
 * protocol TCP by default; endPort ranges; named ports resolved on the
 * destination pod's containers). An ipBlock admits an in-cluster pod only when
 * it is 0.0.0.0/0 or ::/0 (whether a CNI matches pod IPs against other blocks
 * is up to it: the strict side); for the ingress controller any ipBlock, any
 * namespaceSelector that is not only st2's own namespaces, admits it (the
 * lenient side: its namespace is the cluster's choice).
 *
 * Linear in the render: the policies are grouped by namespace once, each
 * pod's selecting policies found once, flows built from per-namespace indexes.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { isCniPolicy, cniPolicyFacts, type CniPolicyFact } from './cni-policies.js';
import { selects, type Labels } from './label-selectors.js';
import { valueAt, type PodEntry } from './pod-inventory.js';
import { imageRepository, namespaceOf } from './st2-config-files.js';
import { storeOfImage } from './store-images.js';

type Path = Array<string | number>;

/** A flow StackStorm needs that the render's NetworkPolicies do not allow. */
export interface NetworkCut {
  /** The NetworkPolicy isolating the end that refuses it. */
  readonly resource: number;
  readonly path: Path;
  readonly namespace: string;
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: string;
  readonly direction: 'egress' | 'ingress';
}

export type { CniPolicyFact } from './cni-policies.js';

export interface NetworkFacts {
  readonly network_cuts: NetworkCut[];
  readonly cni_policies: CniPolicyFact[];
}

const MAX_CUTS = 32;
const NAME_LABEL = 'kubernetes.io/metadata.name';

const CLIENT_PORTS: Readonly<Record<string, readonly number[]>> = { mongodb: [27017], rabbitmq: [5672, 5671], etcd: [2379], redis: [6379], zookeeper: [2181] };
const PEER_PORTS: Readonly<Record<string, readonly number[]>> = { mongodb: [27017], rabbitmq: [4369, 25672], etcd: [2380], redis: [6379], zookeeper: [2888, 3888] };
const ST2_API_ROLES = new Set(['st2api', 'st2auth', 'st2stream']);
/** Pods that come and go (hooks, one-off Jobs): their flows are not judged. */
const TRANSIENT = new Set(['Job', 'CronJob', 'Pod']);

interface Endpoint {
  readonly namespace: string;
  readonly labels: Labels;
  /** Container port name → [port, protocol]. */
  readonly named: ReadonlyMap<string, [number, string]>;
  readonly what: string;
  /** The gate cannot name it: the ingress controller. */
  readonly unknown?: boolean;
}

interface PodFacts extends Endpoint {
  readonly pod: PodEntry;
  readonly roles: ReadonlySet<string>;
}

function podRoles(pod: PodEntry): Set<string> {
  const roles = new Set<string>();
  const containers = pod.spec['containers'];
  if (!Array.isArray(containers)) return roles;
  for (const c of containers) {
    if (!isJsonObject(c) || typeof c['image'] !== 'string') continue;
    const repo = imageRepository(c['image']);
    const store = storeOfImage(c['image']);
    if (store !== undefined) roles.add(store);
    else if (/^st2[a-z]+$/.test(repo)) roles.add(repo);
  }
  const app = pod.labels['app'];
  if (app === 'st2client' || pod.name.endsWith('st2client')) {
    roles.clear();
    roles.add('st2client');
  }
  return roles;
}

function namedPorts(spec: JsonObject): Map<string, [number, string]> {
  const out = new Map<string, [number, string]>();
  const containers = spec['containers'];
  if (!Array.isArray(containers)) return out;
  for (const c of containers) {
    const ports = isJsonObject(c) ? c['ports'] : undefined;
    if (!Array.isArray(ports)) continue;
    for (const p of ports) {
      if (isJsonObject(p) && typeof p['name'] === 'string' && typeof p['containerPort'] === 'number') out.set(p['name'], [p['containerPort'], typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP']);
    }
  }
  return out;
}

// --- Kubernetes NetworkPolicy ---------------------------------------------------------------------

interface Policy {
  readonly index: number;
  readonly namespace: string;
  readonly spec: JsonObject;
  readonly ingress: boolean;
  readonly egress: boolean;
}

function policyOf(r: Manifest, index: number, landing: string): Policy | undefined {
  const spec = r['spec'];
  if (!isJsonObject(spec)) return undefined;
  const types = spec['policyTypes'];
  const listed = Array.isArray(types) ? types.filter((t): t is string => typeof t === 'string') : undefined;
  const ingress = listed ? listed.includes('Ingress') : true;
  const egress = listed ? listed.includes('Egress') : Array.isArray(spec['egress']);
  return { index, namespace: namespaceOf(r, landing), spec, ingress, egress };
}

const OPEN_BLOCKS = new Set(['0.0.0.0/0', '::/0']);

function peerAdmits(peer: unknown, policyNs: string, other: Endpoint, nsLabels: (ns: string) => Labels | undefined, st2Namespaces: ReadonlySet<string>): boolean {
  if (!isJsonObject(peer)) return false;
  const block = peer['ipBlock'];
  if (isJsonObject(block)) return other.unknown === true || (typeof block['cidr'] === 'string' && OPEN_BLOCKS.has(block['cidr']));
  const nsSel = peer['namespaceSelector'];
  const podSel = peer['podSelector'];
  if (other.unknown) {
    // The controller's namespace is not st2's: a namespace selector that can pick another namespace admits it.
    if (!isJsonObject(nsSel)) return false;
    const names = namesOnly(nsSel);
    return names === undefined || names.some((n) => !st2Namespaces.has(n));
  }
  if (nsSel === undefined) return other.namespace === policyNs && selects(podSel, other.labels);
  if (!selects(nsSel, nsLabels(other.namespace))) return false;
  return podSel === undefined || selects(podSel, other.labels);
}

/** The namespace names a selector reading only the name label can match; undefined when it reads more or matches by exclusion. */
function namesOnly(sel: JsonObject): string[] | undefined {
  const names: string[] = [];
  const ml = isJsonObject(sel['matchLabels']) ? sel['matchLabels'] : {};
  for (const [k, v] of Object.entries(ml)) {
    if (k !== NAME_LABEL || typeof v !== 'string') return undefined;
    names.push(v);
  }
  const exprs = Array.isArray(sel['matchExpressions']) ? sel['matchExpressions'] : [];
  for (const e of exprs) {
    if (!isJsonObject(e) || e['key'] !== NAME_LABEL || e['operator'] !== 'In' || !Array.isArray(e['values'])) return undefined;
    names.push(...e['values'].filter((v): v is string => typeof v === 'string'));
  }
  return names.length > 0 ? names : undefined;
}

function portAdmits(ports: unknown, port: number, protocol: string, dest: Endpoint): boolean {
  if (!Array.isArray(ports) || ports.length === 0) return true;
  return ports.some((p) => {
    if (!isJsonObject(p)) return false;
    const proto = typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP';
    if (proto !== protocol) return false;
    const v = p['port'];
    if (v === undefined) return true;
    if (typeof v === 'number') {
      const end = typeof p['endPort'] === 'number' ? p['endPort'] : v;
      return port >= v && port <= end;
    }
    if (typeof v === 'string') {
      if (/^[0-9]+$/.test(v)) return Number(v) === port;
      const named = dest.named.get(v);
      return named !== undefined && named[0] === port && named[1] === protocol;
    }
    return false;
  });
}

// --- The facts ------------------------------------------------------------------------------------

/**
 * `own`: how many of the manifests are the render's own; after them come the
 * ones embedded in its objects (a Kyverno generate rule's data). An embedded
 * policy whose namespace the controller computes at run time
 * ("{{request.object.metadata.name}}") is left out: where it lands depends on
 * the policy's match, which this module does not read.
 */
export function collectNetworkFacts(manifests: readonly Manifest[], pods: readonly PodEntry[], landing: string, own = manifests.length): NetworkFacts {
  const policies = new Map<string, Policy[]>();
  const cniIndexes: number[] = [];
  const nsObjects = new Map<string, Labels>();
  const ingresses: Array<{ ns: string; services: string[] }> = [];
  manifests.forEach((r, index) => {
    const api = String(r['apiVersion']);
    const kind = r['kind'];
    if (index >= own && typeof valueAt(r, ['metadata', 'namespace']) !== 'string') return;
    if (kind === 'NetworkPolicy' && api.startsWith('networking.k8s.io/')) {
      const p = policyOf(r, index, landing);
      if (p) policies.set(p.namespace, [...(policies.get(p.namespace) ?? []), p]);
    } else if (isCniPolicy(api, kind)) cniIndexes.push(index);
    else if (kind === 'Namespace') {
      const name = valueAt(r, ['metadata', 'name']);
      const labels = valueAt(r, ['metadata', 'labels']);
      if (typeof name === 'string') nsObjects.set(name, { ...(isJsonObject(labels) ? (labels as Record<string, string>) : {}), [NAME_LABEL]: name });
    } else if (kind === 'Ingress') {
      const services: string[] = [];
      const def = valueAt(r, ['spec', 'defaultBackend', 'service', 'name']);
      if (typeof def === 'string') services.push(def);
      const rules = valueAt(r, ['spec', 'rules']);
      if (Array.isArray(rules)) for (const rule of rules) for (const p of (valueAt(rule, ['http', 'paths']) as unknown[] | undefined) ?? []) {
        const s = valueAt(p, ['backend', 'service', 'name']);
        if (typeof s === 'string') services.push(s);
      }
      ingresses.push({ ns: namespaceOf(r, landing), services });
    }
  });
  if (policies.size === 0 && cniIndexes.length === 0) return { network_cuts: [], cni_policies: [] };

  const facts: PodFacts[] = pods.map((pod) => ({ pod, namespace: pod.namespace, labels: pod.labels, named: namedPorts(pod.spec), what: `${pod.kind}/${pod.name}`, roles: podRoles(pod) }));
  const cni: CniPolicyFact[] = [];
  for (const index of cniIndexes) {
    const r = manifests[index];
    if (r === undefined) continue;
    cniPolicyFacts(r, index, landing, facts, cni);
  }
  if (policies.size === 0) return { network_cuts: [], cni_policies: cni };

  const nsLabels = (ns: string): Labels | undefined => nsObjects.get(ns) ?? { [NAME_LABEL]: ns };
  const st2Namespaces = new Set(facts.map((f) => f.namespace));
  // Each pod's selecting policies, once.
  const selecting = new Map<PodFacts, Policy[]>();
  const of = (e: Endpoint): Policy[] => {
    if (!('pod' in e)) return [];
    const known = selecting.get(e as PodFacts);
    if (known) return known;
    const list = (policies.get(e.namespace) ?? []).filter((p) => selects(p.spec['podSelector'], e.labels));
    selecting.set(e as PodFacts, list);
    return list;
  };
  const cuts: NetworkCut[] = [];
  const seen = new Set<string>();
  const judge = (src: Endpoint, dst: Endpoint, port: number, protocol: string): void => {
    if (cuts.length >= MAX_CUTS) return;
    for (const direction of ['egress', 'ingress'] as const) {
      const end = direction === 'egress' ? src : dst;
      const other = direction === 'egress' ? dst : src;
      const isolating = of(end).filter((p) => (direction === 'egress' ? p.egress : p.ingress));
      if (isolating.length === 0) continue;
      const ok = isolating.some((p) => {
        const rules = p.spec[direction];
        if (!Array.isArray(rules)) return false;
        return rules.some((rule) => {
          if (!isJsonObject(rule)) return false;
          const peers = rule[direction === 'egress' ? 'to' : 'from'];
          const peerOk = !Array.isArray(peers) || peers.length === 0 || peers.some((peer) => peerAdmits(peer, p.namespace, other, nsLabels, st2Namespaces));
          return peerOk && portAdmits(rule['ports'], port, protocol, dst);
        });
      });
      const first = isolating[0];
      if (ok || first === undefined) continue;
      const key = `${src.what}|${dst.what}|${port}|${protocol}|${direction}`;
      if (seen.has(key)) continue;
      seen.add(key);
      cuts.push({ resource: first.index, path: ['spec', direction === 'egress' ? 'egress' : 'ingress'], namespace: end.namespace, from: src.what, to: dst.what, port, protocol, direction });
    }
  };

  const dns: Endpoint = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, named: new Map([['dns', [53, 'UDP']], ['dns-tcp', [53, 'TCP']]]), what: 'kube-system/kube-dns' };
  const judged = facts.filter((f) => policies.has(f.namespace) && !TRANSIENT.has(f.pod.kind));
  // Services: the ports each maps to on the pods it selects, by pod (pods indexed by one label pair).
  const byLabel = new Map<string, PodFacts[]>();
  for (const f of judged) for (const [k, v] of Object.entries(f.labels)) {
    const key = `${f.namespace}|${k}=${v}`;
    byLabel.set(key, [...(byLabel.get(key) ?? []), f]);
  }
  const portsByPod = new Map<PodFacts, Map<string, [number, string]>>();
  const servicePods = new Map<string, Array<{ pods: PodFacts[]; ports: Array<[number, string]> }>>();
  manifests.forEach((r) => {
    if (r['kind'] !== 'Service') return;
    const sel = valueAt(r, ['spec', 'selector']);
    if (!isJsonObject(sel)) return;
    const pairs = Object.entries(sel);
    const [first] = pairs;
    if (first === undefined) return;
    const ns = namespaceOf(r, landing);
    if (!policies.has(ns)) return;
    const picked = (byLabel.get(`${ns}|${first[0]}=${String(first[1])}`) ?? []).filter((f) => pairs.every(([k, v]) => f.labels[k] === v));
    const list = valueAt(r, ['spec', 'ports']);
    const entry = { pods: picked, ports: [] as Array<[number, string]> };
    if (Array.isArray(list)) for (const p of list) {
      if (!isJsonObject(p)) continue;
      const proto = typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP';
      const target = p['targetPort'] ?? p['port'];
      for (const f of picked) {
        const resolved: [number, string] | undefined = typeof target === 'number' ? [target, proto] : typeof target === 'string' ? f.named.get(target) : undefined;
        if (resolved === undefined) continue;
        entry.ports.push(resolved);
        let m = portsByPod.get(f);
        if (m === undefined) portsByPod.set(f, (m = new Map<string, [number, string]>()));
        m.set(`${resolved[0]}/${resolved[1]}`, resolved);
      }
    }
    const key = `${ns}/${String(valueAt(r, ['metadata', 'name']))}`;
    servicePods.set(key, [...(servicePods.get(key) ?? []), entry]);
  });
  const portsOf = (f: PodFacts): Array<[number, string]> => [...(portsByPod.get(f)?.values() ?? [])];

  const byNs = new Map<string, PodFacts[]>();
  for (const f of judged) byNs.set(f.namespace, [...(byNs.get(f.namespace) ?? []), f]);
  for (const list of byNs.values()) {
    const stores = list.filter((f) => [...f.roles].some((r) => CLIENT_PORTS[r] !== undefined));
    const clients = list.filter((f) => f.roles.size > 0 && [...f.roles].every((r) => r.startsWith('st2') && r !== 'st2web' && r !== 'st2client'));
    const webs = list.filter((f) => f.roles.has('st2web'));
    const apis = list.filter((f) => [...f.roles].some((r) => ST2_API_ROLES.has(r)));
    for (const f of list) judge(f, dns, 53, 'UDP');
    for (const store of stores) {
      const role = [...store.roles].find((r) => CLIENT_PORTS[r] !== undefined) ?? '';
      const clientPorts = portsOf(store).filter(([p]) => CLIENT_PORTS[role]?.includes(p));
      for (const c of clients) for (const [port, proto] of clientPorts) judge(c, store, port, proto);
      if (store.pod.copies > 1) for (const port of PEER_PORTS[role] ?? []) judge(store, store, port, 'TCP');
    }
    for (const web of webs) for (const api of apis) for (const [port, proto] of portsOf(api)) judge(web, api, port, proto);
  }
  // The ingress controller → what the namespace's Ingresses route to.
  for (const ing of ingresses) {
    if (!policies.has(ing.ns)) continue;
    const controller: Endpoint = { namespace: '', labels: {}, named: new Map(), what: 'the ingress controller', unknown: true };
    for (const s of ing.services) for (const entry of servicePods.get(`${ing.ns}/${s}`) ?? []) for (const pod of entry.pods) for (const [port, proto] of entry.ports) judge(controller, pod, port, proto);
  }
  return { network_cuts: cuts, cni_policies: cni };
}
