/**
 * ResourceQuota admission as the API server's resourcequota plugin does it,
 * for admission-facts.ts: what each namespace will hold (the render's objects
 * and what controllers create from them), then each quota's compute, storage
 * and object-count limits against it, within the quota's scopes.
 */
import { isJsonObject, type Manifest } from '../core/manifest.js';
import { podAmount, round, type ContainerNeed } from './limit-ranges.js';
import { valueAt, type PodEntry } from './pod-inventory.js';
import { parseQuantity } from './quantity.js';
import { namespaceOf } from './st2-config-files.js';

type Path = Array<string | number>;

/** A LimitRange or ResourceQuota refusing something the render needs. */
export interface AdmissionRefusal {
  readonly resource: number;
  readonly path: Path;
  /** The object refused (a workload's kind/name, or the namespace's count). */
  readonly target: string;
  readonly why: string;
}

/** The plural a kind is counted under (count/<plural>): the API's lower-case plural for the usual kinds. */
function pluralOf(kind: string): string {
  const k = kind.toLowerCase();
  if (k === 'endpoints') return k;
  if (/(s|x|ch|sh)$/.test(k)) return `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

function groupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string' || !apiVersion.includes('/')) return '';
  return apiVersion.slice(0, apiVersion.indexOf('/'));
}

/** The legacy quota names of core object counts. */
const LEGACY_COUNTS: Readonly<Record<string, string>> = {
  configmaps: 'configmaps',
  secrets: 'secrets',
  services: 'services',
  persistentvolumeclaims: 'persistentvolumeclaims',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

export interface NamespaceNeeds {
  /** count key ("secrets", "deployments.apps") → names of what the namespace will hold. */
  readonly objects: Map<string, Set<string>>;
  readonly claims: Array<{ storage: number; storageClass: string; copies: number }>;
  loadBalancers: number;
  nodePorts: number;
  readonly pods: Array<{ pod: PodEntry; needs: ContainerNeed[] }>;
}

export function needsOf(map: Map<string, NamespaceNeeds>, ns: string): NamespaceNeeds {
  let n = map.get(ns);
  if (n === undefined) {
    n = { objects: new Map(), claims: [], loadBalancers: 0, nodePorts: 0, pods: [] };
    // Every namespace has these: the root CA publisher's ConfigMap and the default ServiceAccount.
    n.objects.set('configmaps', new Set(['kube-root-ca.crt']));
    n.objects.set('serviceaccounts', new Set(['default']));
    map.set(ns, n);
  }
  return n;
}

function addObject(n: NamespaceNeeds, key: string, name: string): void {
  let set = n.objects.get(key);
  if (set === undefined) n.objects.set(key, (set = new Set()));
  set.add(name);
}

function claimOf(spec: unknown): { storage: number; storageClass: string } | undefined {
  if (!isJsonObject(spec)) return undefined;
  const storage = parseQuantity(valueAt(spec, ['resources', 'requests', 'storage'])) ?? 0;
  const cls = spec['storageClassName'];
  return { storage, storageClass: typeof cls === 'string' ? cls : '' };
}

/** What each namespace holds: the render's objects and what controllers create from them. */
export function namespaceObjects(manifests: readonly Manifest[], landing: string, map: Map<string, NamespaceNeeds>): void {
  manifests.forEach((r) => {
    const kind = typeof r['kind'] === 'string' ? r['kind'] : '';
    const name = typeof valueAt(r, ['metadata', 'name']) === 'string' ? (valueAt(r, ['metadata', 'name']) as string) : '';
    if (kind === '' || name === '') return;
    const n = needsOf(map, namespaceOf(r, landing));
    const group = groupOf(r['apiVersion']);
    const plural = pluralOf(kind);
    addObject(n, group === '' ? plural : `${plural}.${group}`, name);
    const spec = r['spec'];
    if (kind === 'Service' && isJsonObject(spec)) {
      const ports = Array.isArray(spec['ports']) ? spec['ports'].length : 0;
      if (spec['type'] === 'LoadBalancer') n.loadBalancers += 1;
      if (spec['type'] === 'NodePort' || (spec['type'] === 'LoadBalancer' && spec['allocateLoadBalancerNodePorts'] !== false)) n.nodePorts += ports;
    } else if (kind === 'PersistentVolumeClaim') {
      const c = claimOf(spec);
      if (c) n.claims.push({ ...c, copies: 1 });
    } else if (kind === 'StatefulSet' && isJsonObject(spec) && Array.isArray(spec['volumeClaimTemplates'])) {
      const replicas = typeof spec['replicas'] === 'number' ? spec['replicas'] : 1;
      for (const t of spec['volumeClaimTemplates']) {
        const c = claimOf(isJsonObject(t) ? t['spec'] : undefined);
        const tName = valueAt(t, ['metadata', 'name']);
        if (!c) continue;
        n.claims.push({ ...c, copies: replicas });
        for (let k = 0; k < replicas; k++) addObject(n, 'persistentvolumeclaims', `${String(tName)}-${name}-${k}`);
      }
    } else if (kind === 'Deployment') {
      addObject(n, 'replicasets.apps', `${name}-rs`);
    } else if (kind === 'CronJob') {
      addObject(n, 'jobs.batch', `${name}-job`);
    } else if (kind === 'ExternalSecret' && group === 'external-secrets.io') {
      const policy = valueAt(r, ['spec', 'target', 'creationPolicy']);
      if (policy !== 'Merge' && policy !== 'None') {
        const target = valueAt(r, ['spec', 'target', 'name']);
        addObject(n, 'secrets', typeof target === 'string' && target !== '' ? target : name);
      }
    } else if (kind === 'SealedSecret') {
      addObject(n, 'secrets', name);
    } else if (kind === 'Certificate' && group === 'cert-manager.io') {
      const secret = valueAt(r, ['spec', 'secretName']);
      if (typeof secret === 'string') addObject(n, 'secrets', secret);
    } else if (kind === 'Ingress') {
      const annotations = valueAt(r, ['metadata', 'annotations']);
      const shim = isJsonObject(annotations) && Object.keys(annotations).some((a) => a === 'cert-manager.io/cluster-issuer' || a === 'cert-manager.io/issuer');
      const tls = valueAt(r, ['spec', 'tls']);
      if (shim && Array.isArray(tls)) for (const t of tls) if (isJsonObject(t) && typeof t['secretName'] === 'string') addObject(n, 'secrets', t['secretName']);
    }
  });
}

/** The count key a quota's hard key names, or undefined when it is not an object count. */
function countKey(key: string): string | undefined {
  if (key.startsWith('count/')) {
    const rest = key.slice('count/'.length);
    return rest;
  }
  return LEGACY_COUNTS[key];
}

/** Whether a quota's scopes select this pod; undefined when a scope cannot be read. */
function inScope(q: Manifest, pod: PodEntry, needs: readonly ContainerNeed[]): boolean | undefined {
  const scopes: Array<{ scope: string; operator: string; values: string[] }> = [];
  const plain = valueAt(q, ['spec', 'scopes']);
  if (Array.isArray(plain)) for (const s of plain) if (typeof s === 'string') scopes.push({ scope: s, operator: 'Exists', values: [] });
  const exprs = valueAt(q, ['spec', 'scopeSelector', 'matchExpressions']);
  if (Array.isArray(exprs)) {
    for (const e of exprs) {
      if (!isJsonObject(e) || typeof e['scopeName'] !== 'string' || typeof e['operator'] !== 'string') return undefined;
      const values = Array.isArray(e['values']) ? e['values'].filter((v): v is string => typeof v === 'string') : [];
      scopes.push({ scope: e['scopeName'], operator: e['operator'], values });
    }
  }
  const bestEffort = needs.every((n) => n.requests.size === 0 && n.limits.size === 0);
  const terminating = typeof pod.spec['activeDeadlineSeconds'] === 'number';
  const priority = typeof pod.spec['priorityClassName'] === 'string' ? pod.spec['priorityClassName'] : '';
  for (const s of scopes) {
    let hit: boolean;
    if (s.scope === 'BestEffort') hit = bestEffort;
    else if (s.scope === 'NotBestEffort') hit = !bestEffort;
    else if (s.scope === 'Terminating') hit = terminating;
    else if (s.scope === 'NotTerminating') hit = !terminating;
    else if (s.scope === 'PriorityClass') {
      if (s.operator === 'Exists') hit = priority !== '';
      else if (s.operator === 'DoesNotExist') hit = priority === '';
      else if (s.operator === 'In') hit = s.values.includes(priority);
      else if (s.operator === 'NotIn') hit = !s.values.includes(priority);
      else return undefined;
    } else return undefined;
    if (!hit) return false;
  }
  return true;
}

const COMPUTE = /^(?:(requests|limits)\.)?(cpu|memory|ephemeral-storage|hugepages-[^/]+|[a-z0-9.-]+\/[a-z0-9.-]+)$/;

export function quotaProblems(q: Manifest, index: number, n: NamespaceNeeds): AdmissionRefusal[] {
  const hard = valueAt(q, ['spec', 'hard']);
  if (!isJsonObject(hard)) return [];
  const out: AdmissionRefusal[] = [];
  const scoped = valueAt(q, ['spec', 'scopes']) !== undefined || valueAt(q, ['spec', 'scopeSelector']) !== undefined;
  const pods: Array<{ pod: PodEntry; needs: ContainerNeed[] }> = [];
  for (const p of n.pods) {
    const hit = scoped ? inScope(q, p.pod, p.needs) : true;
    if (hit === undefined) return [];
    if (hit) pods.push(p);
  }
  for (const [key, raw] of Object.entries(hard)) {
    const limit = parseQuantity(raw);
    // An unscoped pod count is ST2-OPS-005's (every workload's replicas in the namespace).
    if (limit === undefined || (key === 'pods' && !scoped)) continue;
    const path: Path = ['spec', 'hard', key];
    const push = (need: number, what: string): void => {
      if (need > limit + 1e-9) out.push({ resource: index, path, target: what, why: `${key} ${round(limit)} below the ${round(need)} the render needs` });
    };
    if (key === 'count/pods' || key === 'pods') {
      push(pods.reduce((s, p) => s + p.pod.copies, 0), 'pods');
      continue;
    }
    const m = COMPUTE.exec(key);
    if (m !== null && (m[1] !== undefined || ['cpu', 'memory', 'ephemeral-storage'].includes(key))) {
      const field = m[1] === 'limits' ? 'limits' : 'requests';
      const res = m[2] ?? key;
      let need = 0;
      for (const { pod, needs } of pods) {
        const missing = needs.find((c) => !c.init && !c[field].has(res));
        if (missing !== undefined && (res === 'cpu' || res === 'memory')) {
          out.push({ resource: index, path, target: `${pod.kind}/${pod.name}`, why: `container ${missing.name} has no ${field}.${res}, which the quota's ${key} requires` });
          continue;
        }
        need += (podAmount(needs, res, field) ?? 0) * pod.copies;
      }
      push(need, 'namespace');
      continue;
    }
    if (key === 'requests.storage') {
      push(n.claims.reduce((s, c) => s + c.storage * c.copies, 0), 'namespace');
      continue;
    }
    const byClass = /^(.+)\.storageclass\.storage\.k8s\.io\/(requests\.storage|persistentvolumeclaims)$/.exec(key);
    if (byClass !== null) {
      const claims = n.claims.filter((c) => c.storageClass === byClass[1]);
      push(byClass[2] === 'requests.storage' ? claims.reduce((s, c) => s + c.storage * c.copies, 0) : claims.reduce((s, c) => s + c.copies, 0), 'namespace');
      continue;
    }
    if (key === 'services.loadbalancers') {
      push(n.loadBalancers, 'namespace');
      continue;
    }
    if (key === 'services.nodeports') {
      push(n.nodePorts, 'namespace');
      continue;
    }
    const ck = countKey(key);
    if (ck !== undefined) push(n.objects.get(ck)?.size ?? 0, ck);
  }
  return out;
}
