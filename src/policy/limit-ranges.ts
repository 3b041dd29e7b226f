/**
 * LimitRange admission as the API server's limitranger plugin does it, for
 * admission-facts.ts: pod defaulting (requests from limits), then each
 * LimitRange item's defaults and its min, max and ratio checks per container,
 * per pod and per claim (kubernetes plugin/pkg/admission/limitranger,
 * pkg/apis/core/v1 SetDefaults_LimitRangeItem).
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { valueAt } from './pod-inventory.js';
import { parseQuantity } from './quantity.js';

export type Amounts = Map<string, number>;

function amounts(value: unknown): Amounts {
  const out: Amounts = new Map();
  if (!isJsonObject(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    const n = parseQuantity(v);
    if (n !== undefined) out.set(k, n);
  }
  return out;
}

export interface ContainerNeed {
  readonly name: string;
  readonly init: boolean;
  readonly requests: Amounts;
  readonly limits: Amounts;
}

export interface LimitItem {
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
export function limitItems(r: Manifest, resource: number): LimitItem[] {
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
export function containerNeeds(spec: JsonObject, items: readonly LimitItem[]): ContainerNeed[] {
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
export function itemProblem(item: LimitItem, res: string, request: number | undefined, limit: number | undefined): string | undefined {
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

export const round = (n: number): number => Math.round(n * 1000) / 1000;

const checkedResources = (item: LimitItem): Set<string> => new Set([...item.min.keys(), ...item.max.keys(), ...item.ratio.keys()]);

/** The pod's request (or limit) of one resource: the larger of its containers' sum and its largest init container. */
export function podAmount(needs: readonly ContainerNeed[], res: string, field: 'requests' | 'limits'): number | undefined {
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

export function limitRangeProblems(needs: readonly ContainerNeed[], items: readonly LimitItem[]): Array<{ item: LimitItem; why: string }> {
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
