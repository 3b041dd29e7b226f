/**
 * Objects of the render that land as one (ST2-OPS-082). Argo CD keys the
 * manifests of an Application by group, kind, namespace and name after
 * landing them: a namespaced object without metadata.namespace takes the
 * destination namespace, a cluster-scoped one loses its namespace; of the
 * objects sharing a key it applies only the LAST and raises a
 * RepeatedResourceWarning condition, a warning that does not stop the sync
 * (argo-cd v3.2.6 controller/state.go DeduplicateTargetObjects, called by
 * CompareAppState, whose deduplicated targets sync.go hands to gitops-engine).
 * kustomize keeps both (their ids differ before landing, or differ in
 * version only), so the gate sees two objects where the cluster gets one.
 *
 * Copies equal after landing change nothing: the rule leaves them be. Their labels
 * and annotations may differ by keys one copy lacks (an outer layer's
 * commonLabels on a component included twice): every rule judges each copy
 * on its own, so such a key is judged wherever it is. A key both copies set
 * to different values, or any other difference, is a fact: which copy runs
 * depends on the order, and a rule reading the object by name may have read
 * the other one.
 */
import { getObject, getString, groupVersionOf, isJsonObject, kindOf, metadataOf, type JsonObject, type Manifest } from '../core/manifest.js';
import { landsClusterScoped } from '../core/resource-id.js';

/** One object of the cluster the render holds more than once. */
export interface LandingDuplicate {
  /** The copies' resource indices, in render order: Argo CD applies the last. */
  readonly resources: number[];
  /** Whether the copies differ once landed (ST2-OPS-082); equal copies are judged as one (the policy's lookups read the last). */
  readonly differ: boolean;
  readonly kind: string;
  /** Where they land: '' for a cluster-scoped kind. */
  readonly namespace: string;
  readonly name: string;
}

/** The render's own objects (not those embedded in them: Argo CD does not apply those) landing as one. */
export function collectLandingDuplicates(own: readonly Manifest[], namespace: string): LandingDuplicate[] {
  const byKey = new Map<string, number[]>();
  own.forEach((m, index) => {
    const name = getString(metadataOf(m), 'name') ?? '';
    if (name === '') return;
    const { group, version } = groupVersionOf(m);
    const kind = kindOf(m);
    const key = `${group}\u0000${kind}\u0000${landsIn(m, group, version, kind, namespace)}\u0000${name}`;
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [index]);
    else list.push(index);
  });
  const out: LandingDuplicate[] = [];
  for (const indices of byKey.values()) {
    if (indices.length < 2) continue;
    const copies = indices.map((i) => own[i] ?? {});
    const first = copies[0] ?? {};
    const { group, version } = groupVersionOf(first);
    const kind = kindOf(first);
    out.push({ resources: indices, differ: !copies.every((c) => sameLanded(first, c)), kind, namespace: landsIn(first, group, version, kind, namespace), name: getString(metadataOf(first), 'name') ?? '' });
  }
  return out;
}

function landsIn(m: Manifest, group: string, version: string, kind: string, namespace: string): string {
  if (landsClusterScoped(group, version, kind)) return '';
  const ns = getString(metadataOf(m), 'namespace') ?? '';
  return ns === '' ? namespace : ns;
}

/** Equal once landed (the key already holds where each lands): metadata.namespace aside, labels and annotations compared key by key where both set them. */
function sameLanded(a: Manifest, b: Manifest): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key === 'metadata') continue;
    if (!deepEqual(a[key], b[key])) return false;
  }
  const ma = metadataOf(a);
  const mb = metadataOf(b);
  for (const key of new Set([...Object.keys(ma), ...Object.keys(mb)])) {
    if (key === 'namespace') continue;
    if (key === 'labels' || key === 'annotations') {
      if (!compatible(getObject(ma, key) ?? {}, getObject(mb, key) ?? {})) return false;
    } else if (!deepEqual(ma[key], mb[key])) return false;
  }
  return true;
}

function compatible(a: JsonObject, b: JsonObject): boolean {
  for (const [k, v] of Object.entries(a)) if (k in b && !deepEqual(v, b[k])) return false;
  return true;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (!isJsonObject(a) || !isJsonObject(b) || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}
