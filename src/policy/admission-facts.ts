/**
 * What the API server's own admission plugins will refuse of the render
 * (ST2-OPS-032), and what a VerticalPodAutoscaler will do to its pods
 * (ST2-REP-020), evaluated once per render the way the plugins evaluate them
 * (kubernetes plugin/pkg/admission/limitranger, resourcequota; pkg/apis/core/v1
 * defaults):
 *
 * - a container's requests default to its limits (pod defaulting, before
 *   admission); then each LimitRange of the namespace fills what is still
 *   missing: limits from `default` (itself defaulted from `max`), requests from
 *   `defaultRequest` (defaulted from `default`, then `min`);
 * - each LimitRange item then validates: type Container per container (init
 *   containers too), type Pod on the pod's sums, PersistentVolumeClaim on each
 *   claim: `min` needs a request at least that (and a limit, if any, too),
 *   `max` a limit at most that (and a request, if any, too),
 *   `maxLimitRequestRatio` both, with limit/request at most the ratio; a
 *   request above its limit fails pod validation;
 * - each ResourceQuota of the namespace must hold what the render runs and
 *   keeps there at once: compute (`requests.cpu` or `cpu`, `limits.memory`...,
 *   a pod's request being the larger of its containers' sum and its largest
 *   init container, times its copies; a container without the value a quota
 *   tracks is refused outright), storage, and object counts (`count/<plural>`,
 *   `count/<plural>.<group>` and the legacy names; `pods` when the quota is
 *   scoped), counting what controllers
 *   create from the render too: Secrets from ExternalSecrets, SealedSecrets and
 *   cert-manager, claims from volumeClaimTemplates, ReplicaSets from
 *   Deployments, Jobs from CronJobs, the kube-root-ca.crt ConfigMap and the
 *   default ServiceAccount every namespace has. An unscoped `pods` is ST2-OPS-005's.
 *   Scopes (BestEffort, NotBestEffort, Terminating, NotTerminating,
 *   PriorityClass) narrow the pods counted; a scope it cannot read leaves the
 *   quota unjudged.
 *
 * Only numbers, names and paths leave this module.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { valueAt, type PodEntry } from './pod-inventory.js';
import { parseQuantity } from './quantity.js';
import { namespaceOf } from './st2-config-files.js';

type Path = Array<string | number>;
type Amounts = Map<string, number>;

/** A LimitRange or ResourceQuota refusing something the render needs. */
export interface AdmissionRefusal {
  readonly resource: number;
  readonly path: Path;
  /** The object refused (a workload's kind/name, or the namespace's count). */
  readonly target: string;
  readonly why: string;
}

/** A VPA capping a container's memory below the render's request. */
export interface VpaCap {
  readonly resource: number;
  readonly path: Path;
  readonly workload: string;
  readonly container: string;
  readonly cap: number;
  readonly request: number;
}

export interface AdmissionFacts {
  readonly admission_refusals: AdmissionRefusal[];
  readonly vpa_caps: VpaCap[];
}

/** Enough to show what is wrong: a namespace with every pod refused does not need 500 findings. */
const MAX_REFUSALS = 64;

function amounts(value: unknown): Amounts {
  const out: Amounts = new Map();
  if (!isJsonObject(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    const n = parseQuantity(v);
    if (n !== undefined) out.set(k, n);
  }
  return out;
}

interface ContainerNeed {
  readonly name: string;
  readonly init: boolean;
  readonly requests: Amounts;
  readonly limits: Amounts;
}

interface LimitItem {
  readonly resource: number;
  readonly k: number;
  readonly type: string;
  readonly min: Amounts;
  readonly max: Amounts;
  readonly ratio: Amounts;
  readonly defaults: Amounts;
  readonly defaultRequests: Amounts;
}

/** A LimitRange's items with the API server's defaulting of them (SetDefaults_LimitRangeItem). */
function limitItems(r: Manifest, resource: number): LimitItem[] {
  const limits = valueAt(r, ['spec', 'limits']);
  if (!Array.isArray(limits)) return [];
  return limits.flatMap((item: unknown, k): LimitItem[] => {
    if (!isJsonObject(item) || typeof item['type'] !== 'string') return [];
    const min = amounts(item['min']);
    const max = amounts(item['max']);
    const defaults = amounts(item['default']);
    const defaultRequests = amounts(item['defaultRequest']);
    if (item['type'] === 'Container') {
      for (const [res, v] of max) if (!defaults.has(res)) defaults.set(res, v);
      for (const [res, v] of defaults) if (!defaultRequests.has(res)) defaultRequests.set(res, v);
      for (const [res, v] of min) if (!defaultRequests.has(res)) defaultRequests.set(res, v);
    }
    return [{ resource, k, type: item['type'], min, max, ratio: amounts(item['maxLimitRequestRatio']), defaults, defaultRequests }];
  });
}

/** Each container's requests and limits after pod defaulting and the namespace's LimitRange defaults. */
function containerNeeds(spec: JsonObject, items: readonly LimitItem[]): ContainerNeed[] {
  const out: ContainerNeed[] = [];
  for (const field of ['initContainers', 'containers'] as const) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isJsonObject(c)) continue;
      const res = isJsonObject(c['resources']) ? c['resources'] : {};
      const limits = amounts(res['limits']);
      const requests = amounts(res['requests']);
      for (const [k, v] of limits) if (!requests.has(k)) requests.set(k, v);
      for (const item of items) {
        if (item.type !== 'Container') continue;
        for (const [k, v] of item.defaults) if (!limits.has(k)) limits.set(k, v);
        for (const [k, v] of item.defaultRequests) if (!requests.has(k)) requests.set(k, v);
      }
      // A native sidecar (restartPolicy Always) runs beside the containers: summed with them.
      const init = field === 'initContainers' && c['restartPolicy'] !== 'Always';
      out.push({ name: typeof c['name'] === 'string' ? c['name'] : '', init, requests, limits });
    }
  }
  return out;
}

/** What one min/max/ratio check finds wrong with a request and a limit, or undefined. */
function itemProblem(item: LimitItem, res: string, request: number | undefined, limit: number | undefined): string | undefined {
  const min = item.min.get(res);
  if (min !== undefined) {
    if (request === undefined) return `no ${res} request under the LimitRange's min`;
    if (request < min || (limit !== undefined && limit < min)) return `${res} below the LimitRange's min`;
  }
  const max = item.max.get(res);
  if (max !== undefined) {
    if (limit === undefined) return `no ${res} limit under the LimitRange's max`;
    if (limit > max || (request !== undefined && request > max)) return `${res} above the LimitRange's max`;
  }
  const ratio = item.ratio.get(res);
  if (ratio !== undefined) {
    if (request === undefined || request === 0 || limit === undefined || limit === 0) return `${res} needs both a request and a limit under maxLimitRequestRatio`;
    if (limit / request > ratio + 1e-9) return `${res} limit/request ${round(limit / request)} above the LimitRange's maxLimitRequestRatio ${round(ratio)}`;
  }
  return undefined;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

const checkedResources = (item: LimitItem): Set<string> => new Set([...item.min.keys(), ...item.max.keys(), ...item.ratio.keys()]);

/** The pod's request (or limit) of one resource: the larger of its containers' sum and its largest init container. */
function podAmount(needs: readonly ContainerNeed[], res: string, field: 'requests' | 'limits'): number | undefined {
  let sum: number | undefined;
  let init: number | undefined;
  for (const n of needs) {
    const v = n[field].get(res);
    if (v === undefined) continue;
    if (n.init) init = Math.max(init ?? 0, v);
    else sum = (sum ?? 0) + v;
  }
  if (sum === undefined && init === undefined) return undefined;
  return Math.max(sum ?? 0, init ?? 0);
}

function limitRangeProblems(needs: readonly ContainerNeed[], items: readonly LimitItem[]): Array<{ item: LimitItem; why: string }> {
  const out: Array<{ item: LimitItem; why: string }> = [];
  for (const item of items) {
    if (item.type === 'Container') {
      for (const n of needs) {
        for (const res of checkedResources(item)) {
          const why = itemProblem(item, res, n.requests.get(res), n.limits.get(res));
          if (why !== undefined) out.push({ item, why: `container ${n.name}: ${why}` });
        }
      }
    } else if (item.type === 'Pod') {
      for (const res of checkedResources(item)) {
        const why = itemProblem(item, res, podAmount(needs, res, 'requests'), podAmount(needs, res, 'limits'));
        if (why !== undefined) out.push({ item, why: `pod: ${why}` });
      }
    }
  }
  for (const n of needs) {
    for (const [res, req] of n.requests) {
      const lim = n.limits.get(res);
      if (lim !== undefined && req > lim) {
        const from = items.find((i) => i.type === 'Container' && i.defaults.has(res));
        if (from) out.push({ item: from, why: `container ${n.name}: the LimitRange's default ${res} limit is below its request` });
      }
    }
  }
  return out;
}

// --- ResourceQuota ------------------------------------------------------------------------------

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

interface NamespaceNeeds {
  /** count key ("secrets", "deployments.apps") → names of what the namespace will hold. */
  readonly objects: Map<string, Set<string>>;
  readonly claims: Array<{ storage: number; storageClass: string; copies: number }>;
  loadBalancers: number;
  nodePorts: number;
  readonly pods: Array<{ pod: PodEntry; needs: ContainerNeed[] }>;
}

function needsOf(map: Map<string, NamespaceNeeds>, ns: string): NamespaceNeeds {
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
function namespaceObjects(manifests: readonly Manifest[], landing: string, map: Map<string, NamespaceNeeds>): void {
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

function quotaProblems(q: Manifest, index: number, n: NamespaceNeeds): AdmissionRefusal[] {
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

// --- VerticalPodAutoscaler ----------------------------------------------------------------------

const VPA_ACTIVE = new Set(['Auto', 'Recreate', 'InPlaceOrRecreate', 'Initial']);

function vpaCaps(manifests: readonly Manifest[], pods: readonly PodEntry[], landing: string): VpaCap[] {
  const out: VpaCap[] = [];
  const byTarget = new Map<string, PodEntry>();
  for (const p of pods) byTarget.set(`${p.namespace}/${p.kind}/${p.name}`, p);
  manifests.forEach((r, index) => {
    if (r['kind'] !== 'VerticalPodAutoscaler') return;
    const mode = valueAt(r, ['spec', 'updatePolicy', 'updateMode']) ?? 'Auto';
    if (typeof mode !== 'string' || !VPA_ACTIVE.has(mode)) return;
    const kind = valueAt(r, ['spec', 'targetRef', 'kind']);
    const name = valueAt(r, ['spec', 'targetRef', 'name']);
    const pod = byTarget.get(`${namespaceOf(r, landing)}/${String(kind)}/${String(name)}`);
    if (pod === undefined) return;
    const policies = valueAt(r, ['spec', 'resourcePolicy', 'containerPolicies']);
    if (!Array.isArray(policies)) return;
    const containers = Array.isArray(pod.spec['containers']) ? pod.spec['containers'] : [];
    policies.forEach((cp: unknown, k) => {
      if (!isJsonObject(cp) || cp['mode'] === 'Off') return;
      const controlled = cp['controlledResources'];
      if (Array.isArray(controlled) && !controlled.includes('memory')) return;
      const cap = parseQuantity(valueAt(cp, ['maxAllowed', 'memory']));
      if (cap === undefined) return;
      for (const c of containers) {
        if (!isJsonObject(c)) continue;
        const cname = typeof c['name'] === 'string' ? c['name'] : '';
        if (cp['containerName'] !== '*' && cp['containerName'] !== cname) continue;
        const request = parseQuantity(valueAt(c, ['resources', 'requests', 'memory'])) ?? parseQuantity(valueAt(c, ['resources', 'limits', 'memory']));
        if (request !== undefined && cap < request) out.push({ resource: index, path: ['spec', 'resourcePolicy', 'containerPolicies', k, 'maxAllowed', 'memory'], workload: `${String(kind)}/${String(name)}`, container: cname, cap, request });
      }
    });
  });
  return out;
}

// --- The facts ------------------------------------------------------------------------------------

export function collectAdmissionFacts(manifests: readonly Manifest[], pods: readonly PodEntry[], landing: string): AdmissionFacts {
  const limitRanges = new Map<string, LimitItem[]>();
  const quotas: Array<{ index: number; ns: string }> = [];
  manifests.forEach((r, index) => {
    if (r['kind'] === 'LimitRange') {
      const ns = namespaceOf(r, landing);
      limitRanges.set(ns, [...(limitRanges.get(ns) ?? []), ...limitItems(r, index)]);
    } else if (r['kind'] === 'ResourceQuota') quotas.push({ index, ns: namespaceOf(r, landing) });
  });
  const refusals: AdmissionRefusal[] = [];
  const vpa = manifests.some((r) => r['kind'] === 'VerticalPodAutoscaler') ? vpaCaps(manifests, pods, landing) : [];
  if (limitRanges.size === 0 && quotas.length === 0) return { admission_refusals: refusals, vpa_caps: vpa };

  const byNamespace = new Map<string, NamespaceNeeds>();
  if (quotas.length > 0) namespaceObjects(manifests, landing, byNamespace);
  const seen = new Set<string>();
  for (const pod of pods) {
    const items = limitRanges.get(pod.namespace) ?? [];
    const needs = containerNeeds(pod.spec, items);
    if (quotas.length > 0) needsOf(byNamespace, pod.namespace).pods.push({ pod, needs });
    for (const { item, why } of limitRangeProblems(needs, items)) {
      const key = `${item.resource}/${item.k}/${pod.index}`;
      if (seen.has(key) || refusals.length >= MAX_REFUSALS) continue;
      seen.add(key);
      refusals.push({ resource: item.resource, path: ['spec', 'limits', item.k], target: `${pod.kind}/${pod.name}`, why });
    }
  }
  // PersistentVolumeClaim items: each claim, the templates' too.
  for (const [ns, items] of limitRanges) {
    const claimItems = items.filter((i) => i.type === 'PersistentVolumeClaim');
    if (claimItems.length === 0) continue;
    manifests.forEach((r) => {
      if (namespaceOf(r, landing) !== ns) return;
      const specs: unknown[] = r['kind'] === 'PersistentVolumeClaim' ? [r['spec']] : r['kind'] === 'StatefulSet' && Array.isArray(valueAt(r, ['spec', 'volumeClaimTemplates'])) ? (valueAt(r, ['spec', 'volumeClaimTemplates']) as unknown[]).map((t) => valueAt(t, ['spec'])) : [];
      for (const spec of specs) {
        const req = parseQuantity(valueAt(spec, ['resources', 'requests', 'storage']));
        const lim = parseQuantity(valueAt(spec, ['resources', 'limits', 'storage']));
        for (const item of claimItems) {
          const why = itemProblem(item, 'storage', req, lim ?? req);
          if (why !== undefined && refusals.length < MAX_REFUSALS) refusals.push({ resource: item.resource, path: ['spec', 'limits', item.k], target: `${String(r['kind'])}/${String(valueAt(r, ['metadata', 'name']))}`, why: `claim: ${why}` });
        }
      }
    });
  }
  for (const q of quotas) {
    const r = manifests[q.index];
    if (r === undefined) continue;
    for (const refusal of quotaProblems(r, q.index, needsOf(byNamespace, q.ns))) if (refusals.length < MAX_REFUSALS) refusals.push(refusal);
  }
  return { admission_refusals: refusals, vpa_caps: vpa };
}
