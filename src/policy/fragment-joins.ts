/**
 * A secret split over the keys of one ConfigMap or Secret, joined again by
 * the pod that mounts them (`cat /keys/a /keys/b > key.txt`, `"$(cat a)$(cat
 * b)"`, `cat /keys/*`): the joins the string search also reads, for objects
 * a pod mounts as a volume (`mountedObjects`; values read as env are joined
 * where a command expands them, string-facts.ts); halves in an object
 * nothing mounts stay two harmless words. Bounded: only
 * short single-token values count as fragments (no blanks, no URL or path),
 * at most MAX_FRAGMENTS of them per object, joined two by two in both orders
 * and all together in key order (the order a glob lists the mounted files).
 * Fragments in different objects, three parts out of key order, or parts
 * computed at run time stay out of reach.
 */
import { isJsonObject, kindOf, type Manifest } from '../core/manifest.js';

export interface FragmentJoin {
  /** Where the first part sits: ['data' | 'stringData', key]. */
  readonly path: [string, string];
  /** The keys joined, as a finding shows them (never a value). */
  readonly key: string;
  readonly text: string;
  readonly parts: readonly string[];
}

const MIN_FRAGMENT = 3;
const MAX_FRAGMENT = 64;
const MAX_FRAGMENTS = 8;

function isFragment(value: string): boolean {
  return value.length >= MIN_FRAGMENT && value.length <= MAX_FRAGMENT && !/\s/.test(value) && !value.includes('://') && !value.startsWith('/');
}

export function fragmentJoins(manifest: Manifest): FragmentJoin[] {
  const kind = kindOf(manifest);
  if (kind !== 'ConfigMap' && kind !== 'Secret') return [];
  const fragments: Array<{ field: string; key: string; value: string }> = [];
  for (const field of ['data', 'stringData'] as const) {
    const data = manifest[field];
    if (!isJsonObject(data)) continue;
    for (const key of Object.keys(data).sort()) {
      const raw = data[key];
      if (typeof raw !== 'string') continue;
      // A file's last newline: `$(cat f)` drops it, and a generator's literal has none.
      const value = (kind === 'Secret' && field === 'data' ? Buffer.from(raw, 'base64').toString('utf8') : raw).replace(/\r?\n$/, '');
      if (isFragment(value) && fragments.length < MAX_FRAGMENTS) fragments.push({ field, key, value });
    }
  }
  if (fragments.length < 2) return [];
  const out: FragmentJoin[] = [];
  for (const a of fragments) {
    for (const b of fragments) {
      if (a === b) continue;
      out.push({ path: [a.field, a.key], key: `${a.key}+${b.key}`, text: a.value + b.value, parts: [a.value, b.value] });
    }
  }
  const first = fragments[0];
  if (fragments.length > 2 && first !== undefined) {
    out.push({ path: [first.field, first.key], key: fragments.map((f) => f.key).join('+'), text: fragments.map((f) => f.value).join(''), parts: fragments.map((f) => f.value) });
  }
  return out;
}

/**
 * `ConfigMap/name` and `Secret/name` of the objects some pod mounts as a
 * volume (projected too): where fragments lie side by side as files for a
 * script to join. A plain walk of every object: called only when
 * an object has fragments to join (rarely).
 */
export function mountedObjects(resources: readonly Manifest[]): Set<string> {
  const out = new Set<string>();
  const named = (kind: string, ref: unknown, field: string): void => {
    if (isJsonObject(ref) && typeof ref[field] === 'string') out.add(`${kind}/${ref[field]}`);
  };
  const visit = (value: unknown, depth: number): void => {
    if (depth > 24) return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
      return;
    }
    if (!isJsonObject(value)) return;
    named('ConfigMap', value['configMap'], 'name');
    named('Secret', value['secret'], 'secretName');
    named('Secret', value['secret'], 'name');
    for (const k in value) visit(value[k], depth + 1);
  };
  for (const r of resources) if (kindOf(r) !== 'ConfigMap' && kindOf(r) !== 'Secret') visit(r, 0);
  return out;
}
