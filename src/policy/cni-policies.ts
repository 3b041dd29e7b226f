/**
 * What the CNIs' own policy kinds (Cilium, Calico, Antrea, AdminNetworkPolicy)
 * say about the render's pods, for network-facts.ts (ST2-OPS-035): whether
 * one restricts a pod's egress, and whether DNS (UDP 53) stays allowed.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { selects, type Labels } from './label-selectors.js';
import { namespaceOf } from './st2-config-files.js';

type Path = Array<string | number>;

/** A CNI's policy over pods of the render: whether it restricts egress and whether DNS stays allowed. */
export interface CniPolicyFact {
  readonly resource: number;
  readonly path: Path;
  readonly namespace: string;
  readonly selects: number;
  readonly egress: boolean;
  readonly dns: boolean;
}

/** What a CNI policy is judged on: a pod's labels and namespace. */
interface PolicyPod {
  readonly namespace: string;
  readonly labels: Labels;
}

const CILIUM = /^cilium\.io\//;
const CALICO = /^(crd\.)?projectcalico\.org\//;
const ANTREA = /^crd\.antrea\.io\//;
const ANP = /^policy\.networking\.k8s\.io\//;

/** Cilium labels as written in selectors: `k8s:` and `any:` prefixes name the same pod labels. */
function ciliumLabels(pod: PolicyPod): Labels {
  return { ...pod.labels, 'io.kubernetes.pod.namespace': pod.namespace, 'io.cilium.k8s.policy.cluster': 'default' };
}

function stripCiliumSelector(sel: unknown): unknown {
  if (!isJsonObject(sel)) return sel;
  const strip = (k: string): string => k.replace(/^(k8s|any):/, '');
  const ml = isJsonObject(sel['matchLabels']) ? Object.fromEntries(Object.entries(sel['matchLabels']).map(([k, v]) => [strip(k), v])) : undefined;
  const exprs: unknown[] | undefined = Array.isArray(sel['matchExpressions']) ? (sel['matchExpressions'] as unknown[]) : undefined;
  const ex = exprs?.map((e): unknown => (isJsonObject(e) && typeof e['key'] === 'string' ? { ...e, key: strip(e['key']) } : e));
  return { ...(ml ? { matchLabels: ml } : {}), ...(ex ? { matchExpressions: ex } : {}) };
}

function portNumberCovers53(p: unknown): boolean {
  if (!isJsonObject(p)) return false;
  const port = p['port'] ?? p['portNumber'];
  const proto = typeof p['protocol'] === 'string' ? p['protocol'].toUpperCase() : 'ANY';
  if (proto !== 'UDP' && proto !== 'ANY') return false;
  if (port === undefined || port === 0 || port === '0') return true;
  const n = typeof port === 'string' ? Number(port) : typeof port === 'number' ? port : NaN;
  const end = typeof p['endPort'] === 'number' ? p['endPort'] : n;
  return 53 >= n && 53 <= end;
}

/** Cilium: an egress rule with port 53 (or every port) to something, or toEntities all/cluster. */
function ciliumDns(rules: unknown[]): boolean {
  return rules.some((rule) => {
    if (!isJsonObject(rule)) return false;
    const toPorts = rule['toPorts'];
    if (Array.isArray(toPorts) && toPorts.length > 0) return toPorts.some((tp) => isJsonObject(tp) && Array.isArray(tp['ports']) && tp['ports'].some(portNumberCovers53));
    const entities = rule['toEntities'];
    if (Array.isArray(entities) && entities.some((e) => e === 'all' || e === 'cluster' || e === 'kube-dns')) return true;
    // toEndpoints naming kube-dns without ports.
    const eps = rule['toEndpoints'];
    return Array.isArray(eps) && eps.some((e) => selects(stripCiliumSelector(e), { 'k8s-app': 'kube-dns', 'io.kubernetes.pod.namespace': 'kube-system' }) && isJsonObject(e) && Object.keys(e).length > 0);
  });
}

function ciliumFacts(r: Manifest, index: number, landing: string, pods: readonly PolicyPod[], out: CniPolicyFact[]): void {
  const clusterwide = r['kind'] === 'CiliumClusterwideNetworkPolicy';
  const ns = namespaceOf(r, clusterwide ? '' : landing);
  const specs: Array<{ spec: JsonObject; path: Path }> = [];
  if (isJsonObject(r['spec'])) specs.push({ spec: r['spec'], path: ['spec'] });
  if (Array.isArray(r['specs'])) r['specs'].forEach((s, k) => isJsonObject(s) && specs.push({ spec: s, path: ['specs', k] }));
  for (const { spec, path } of specs) {
    const sel = stripCiliumSelector(spec['endpointSelector']);
    const picked = pods.filter((p) => (clusterwide || p.namespace === ns) && spec['endpointSelector'] !== undefined && selects(sel, ciliumLabels(p)));
    if (picked.length === 0) continue;
    const egressRules: unknown[] = Array.isArray(spec['egress']) ? (spec['egress'] as unknown[]) : [];
    const egress = Array.isArray(spec['egress']) || Array.isArray(spec['egressDeny']);
    const denied = Array.isArray(spec['egressDeny']) && spec['egressDeny'].some((rule) => !isJsonObject(rule) || !Array.isArray(rule['toPorts']) || rule['toPorts'].some((tp) => isJsonObject(tp) && Array.isArray(tp['ports']) && tp['ports'].some(portNumberCovers53)));
    out.push({ resource: index, path, namespace: clusterwide ? picked[0]?.namespace ?? '' : ns, selects: picked.length, egress, dns: !denied && ciliumDns(egressRules) });
  }
}

/** Calico, Antrea and AdminNetworkPolicy: selectors in their own languages, read as selecting every pod in reach; DNS by an allowing egress rule on 53. */
function otherCniFacts(r: Manifest, index: number, landing: string, pods: readonly PolicyPod[], out: CniPolicyFact[]): void {
  const api = String(r['apiVersion']);
  const kind = String(r['kind']);
  const spec = r['spec'];
  if (!isJsonObject(spec)) return;
  const namespaced = !/^Global|^Cluster|^Admin|^Baseline/.test(kind);
  const ns = namespaceOf(r, landing);
  const picked = pods.filter((p) => !namespaced || p.namespace === ns);
  if (picked.length === 0) return;
  const egressRules = Array.isArray(spec['egress']) ? spec['egress'] : [];
  const types = Array.isArray(spec['types']) ? spec['types'] : [];
  const egress = egressRules.length > 0 || types.includes('Egress');
  const allows53 = (rule: unknown): boolean => {
    if (!isJsonObject(rule)) return false;
    const action = typeof rule['action'] === 'string' ? rule['action'] : 'Allow';
    if (action !== 'Allow') return false;
    const dest = isJsonObject(rule['destination']) ? rule['destination'] : undefined;
    const ports = CALICO.test(api) ? dest?.['ports'] : rule['ports'];
    if (!Array.isArray(ports) || ports.length === 0) return true;
    const proto = typeof rule['protocol'] === 'string' ? rule['protocol'].toUpperCase() : 'UDP';
    return ports.some((p) => (typeof p === 'number' || typeof p === 'string' ? Number(p) === 53 && proto === 'UDP' : portNumberCovers53(isJsonObject(p) && isJsonObject(p['portNumber']) ? p['portNumber'] : p)));
  };
  out.push({ resource: index, path: ['spec'], namespace: namespaced ? ns : picked[0]?.namespace ?? '', selects: picked.length, egress, dns: egressRules.some(allows53) });
}

/** Whether an object is one of the CNI policy kinds read here. */
export function isCniPolicy(api: string, kind: unknown): boolean {
  if (CILIUM.test(api)) return kind === 'CiliumNetworkPolicy' || kind === 'CiliumClusterwideNetworkPolicy';
  return (CALICO.test(api) && (kind === 'NetworkPolicy' || kind === 'GlobalNetworkPolicy')) || (ANTREA.test(api) && /NetworkPolicy$/.test(String(kind))) || (ANP.test(api) && /AdminNetworkPolicy$/.test(String(kind)));
}

/** The facts of one CNI policy (isCniPolicy) over the pods. */
export function cniPolicyFacts(r: Manifest, index: number, landing: string, pods: readonly PolicyPod[], out: CniPolicyFact[]): void {
  if (CILIUM.test(String(r['apiVersion']))) ciliumFacts(r, index, landing, pods, out);
  else otherCniFacts(r, index, landing, pods, out);
}
