/**
 * kustomize's default ("legacy") output order: kinds from a fixed first list,
 * then everything else, then webhooks; ties broken by GVK string, then by the
 * joined id string (../shared/reference/kustomize.md §5). `sortOptions` may
 * replace the two lists (SortOrderTransformer's legacySortOptions).
 */
import { idOf, isClusterScoped, type ResourceId } from '../core/resource-id.js';
import { RenderError } from '../core/errors.js';
import type { Resource } from './resource.js';

const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount',
  'PodSecurityPolicy', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap',
  'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

/** Kind ranks as newLegacyIDSorter computes them: a kind listed again (or in both lists) keeps its last rank. */
function ranksOf(first: readonly string[], last: readonly string[]): ReadonlyMap<string, number> {
  return new Map<string, number>([...first.map((kind, i) => [kind, i - first.length] as const), ...last.map((kind, i) => [kind, i + 1] as const)]);
}

const DEFAULT_RANKS = ranksOf(ORDER_FIRST, ORDER_LAST);

/** `sortOptions.legacySortOptions`: the kind lists replacing the defaults (an absent list is empty). */
export interface LegacyLists {
  readonly first: readonly string[];
  readonly last: readonly string[];
  /** The kustomization that gave them, for a refusal. */
  readonly where: { readonly file: string; readonly line?: number };
}

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

function sortKeyOf(id: ResourceId, ranks: ReadonlyMap<string, number>): SortKey {
  return { rank: ranks.get(id.kind) ?? 0, gvk: gvkString(id), id: idString(id), namespaceKind: id.kind === 'Namespace', coreGroup: id.group === '' };
}

function compareSortKeys(a: SortKey, b: SortKey): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.gvk !== b.gvk) {
    if (a.namespaceKind && b.namespaceKind && (a.coreGroup || b.coreGroup)) return byteCompare(b.gvk, a.gvk);
    return byteCompare(a.gvk, b.gvk);
  }
  return byteCompare(a.id, b.id);
}

export function sortLegacy(resources: readonly Resource[], lists?: LegacyLists): Resource[] {
  const ranks = lists === undefined ? DEFAULT_RANKS : ranksOf(lists.first, lists.last);
  // Comparison strings are built once per resource, not once per comparison.
  const keyed = resources.map((resource) => ({ resource, key: sortKeyOf(idOf(resource.manifest), ranks) }));
  // The default lists give Namespace a rank of its own; custom ones may not.
  if (lists !== undefined) refuseCyclicNamespaceOrder(keyed.map((entry) => entry.key), lists.where);
  return keyed.sort((x, y) => compareSortKeys(x.key, y.key)).map((entry) => entry.resource);
}

/**
 * gvkLessThan puts the core Namespace before another group's Namespace but
 * compares every other pair by text: with a GVK of the same rank whose text
 * lies between the two, the order is a cycle and Go's sort.Sort decides it.
 * We do not imitate pdqsort, so that tree is refused.
 */
function refuseCyclicNamespaceOrder(keys: readonly SortKey[], where: LegacyLists['where']): void {
  const core = keys.filter((k) => k.namespaceKind && k.coreGroup);
  for (const ns of core) {
    for (const other of keys) {
      if (!other.namespaceKind || other.coreGroup || other.rank !== ns.rank) continue;
      const between = keys.find((k) => k.rank === ns.rank && !k.namespaceKind && k.gvk > other.gvk && k.gvk < ns.gvk);
      if (between !== undefined) {
        throw new RenderError(
          'sort-cycle',
          `sortOptions: the core Namespace, ${other.gvk.replace(/_/g, ' ')} and ${between.gvk.replace(/_/g, ' ')} share a rank and kustomize's order among them is a cycle (Go's sort decides it); list Namespace in legacySortOptions.orderFirst`,
          where,
        );
      }
    }
  }
}
