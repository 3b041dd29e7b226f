/**
 * The generator's `sortOptions` and `buildMetadata`: only the top
 * kustomization's count (kustomize's kustomizer.go), so a base sometimes
 * carries its own, which must change nothing. Orders: fifo, legacy with the
 * default lists, legacy with custom lists (kinds listed twice or in both
 * lists); buildMetadata turns origin tracking on (origin annotations while
 * patches run, kept or not) and may add the managed-by label. Rarely an
 * order kustomize refuses (both sides must fail).
 *
 * It draws from its own seeded stream, so the rest of a case is what it
 * would be without it.
 */
import { map, plain, seq } from './yaml-writer.mjs';

const KINDS = ['Deployment', 'Service', 'ConfigMap', 'Secret', 'StatefulSet', 'CronJob', 'Namespace', 'ServiceAccount', 'Job'];

function sortOptions(rnd) {
  const roll = rnd.next();
  if (rnd.edgy()) return map([['order', plain(rnd.pick(['Legacy', '""', 'none']))]]);
  if (roll < 0.4) return map([['order', plain('fifo')], rnd.edgy() && ['legacySortOptions', map([])]]);
  if (roll < 0.6) return map([['order', plain('legacy')]]);
  const kinds = () => seq(Array.from({ length: rnd.int(0, 3) }, () => plain(rnd.pick(KINDS))));
  return map([
    ['order', plain('legacy')],
    ['legacySortOptions', map([rnd.chance(0.8) && ['orderFirst', kinds()], rnd.chance(0.6) && ['orderLast', kinds()]])],
  ]);
}

function buildMetadata(rnd) {
  const values = rnd.sample(['originAnnotations', 'managedByLabel'], rnd.int(1, 2));
  return seq(values.map(plain));
}

/** Adds top-level fields to `rootFields`, and sometimes ignored ones to the base's `baseFields`. */
export function addBuildOptions(rnd, rootFields, baseFields) {
  if (rnd.chance(0.3)) rootFields.push(['sortOptions', sortOptions(rnd)]);
  if (rnd.chance(0.25)) rootFields.push(['buildMetadata', buildMetadata(rnd)]);
  if (baseFields !== undefined && rnd.chance(0.15)) baseFields.push(['sortOptions', sortOptions(rnd)]);
  if (baseFields !== undefined && rnd.chance(0.1)) baseFields.push(['buildMetadata', seq([plain(rnd.pick(['transformerAnnotations', 'managedByLabel']))])]);
}
