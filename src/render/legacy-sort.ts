/**
 * kustomize's default ("legacy") output order: kinds from a fixed first list,
 * then everything else, then webhooks; ties broken by GVK string, then by the
 * joined id string (../shared/reference/kustomize.md §5).
 */
import { idOf, isClusterScoped, type ResourceId } from '../core/resource-id.js';
import type { Resource } from './resource.js';

const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount',
  'PodSecurityPolicy', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap',
  'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

const RANK = new Map<string, number>([
  ...ORDER_FIRST.map((kind, i) => [kind, i - ORDER_FIRST.length] as const),
  ...ORDER_LAST.map((kind, i) => [kind, i + 1] as const),
]);

function gvkString(id: ResourceId): string {
  return `${id.group || '~G'}_${id.version || '~V'}_${id.kind || '~K'}`;
}

function idString(id: ResourceId): string {
  const ns = isClusterScoped(id.group, id.version, id.kind) || id.namespace === '' ? '~X' : id.namespace;
  return `${id.kind}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}|${ns}|${id.name || '~N'}`;
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface SortKey {
  readonly rank: number;
  readonly gvk: string;
  readonly id: string;
  /** A Namespace of the core group (sorts before other groups' Namespace kinds). */
  readonly namespaceKind: boolean;
  readonly coreGroup: boolean;
}

function sortKeyOf(id: ResourceId): SortKey {
  return { rank: RANK.get(id.kind) ?? 0, gvk: gvkString(id), id: idString(id), namespaceKind: id.kind === 'Namespace', coreGroup: id.group === '' };
}

function compareSortKeys(a: SortKey, b: SortKey): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.gvk !== b.gvk) {
    if (a.namespaceKind && b.namespaceKind && (a.coreGroup || b.coreGroup)) return byteCompare(b.gvk, a.gvk);
    return byteCompare(a.gvk, b.gvk);
  }
  return byteCompare(a.id, b.id);
}

export function sortLegacy(resources: readonly Resource[]): Resource[] {
  // Comparison strings are built once per resource, not once per comparison.
  return resources
    .map((resource) => ({ resource, key: sortKeyOf(idOf(resource.manifest)) }))
    .sort((x, y) => compareSortKeys(x.key, y.key))
    .map((entry) => entry.resource);
}
