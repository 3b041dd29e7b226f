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
import { isJsonObject, type Manifest } from '../core/manifest.js';
import { containerNeeds, itemProblem, limitItems, limitRangeProblems, type LimitItem } from './limit-ranges.js';
import { valueAt, type PodEntry } from './pod-inventory.js';
import { parseQuantity } from './quantity.js';
import { namespaceObjects, needsOf, quotaProblems, type AdmissionRefusal, type NamespaceNeeds } from './resource-quotas.js';
import { namespaceOf } from './st2-config-files.js';

export type { AdmissionRefusal } from './resource-quotas.js';

type Path = Array<string | number>;

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
