/**
 * The generator's `config.kubernetes.io/local-config` annotations: kustomize
 * drops a resource carrying one (any value but "false") at the very end of
 * the top-level build, after every layer's patches and replacements saw it.
 * Base resources get the annotation in several spellings; a layer's patch
 * sets, flips or removes it on some resources, so what decides is the final
 * value, whichever layer wrote it.
 *
 * It draws from its own seeded stream, so the rest of a case is what it
 * would be without it.
 */
import { map, plain, seq } from './yaml-writer.mjs';

const KEY = 'config.kubernetes.io/local-config';
const VALUES = ['"true"', '"false"', 'true', 'false', "'false'", '""', '"False"', 'null', '"yes"', '0'];

const field = (node, key) => node?.map?.find(([k]) => k === key)?.[1];

/** Marks some of the base's documents as local configuration. */
export function markLocalConfig(rnd, docs) {
  for (const doc of docs) {
    if (!rnd.chance(0.06)) continue;
    const metadata = field(doc, 'metadata');
    if (metadata?.map === undefined) continue;
    let annotations = field(metadata, 'annotations');
    if (annotations?.map === undefined) {
      annotations = map([]);
      metadata.map.push(['annotations', annotations]);
    }
    annotations.map.push([KEY, plain(rnd.pick(VALUES))]);
  }
}

/** A layer's patch that sets, flips or removes the annotation (added to its `patches`). */
export function addLocalConfigPatch(rnd, resources, fields) {
  const resource = resources.length > 0 ? rnd.pick(resources) : undefined;
  const target = resource && rnd.chance(0.7) ? map([['kind', plain(resource.kind)], ['name', plain(resource.name)]]) : map([['kind', plain(rnd.pick(['Deployment', 'ConfigMap', 'Service']))]]);
  const path = '/metadata/annotations/config.kubernetes.io~1local-config';
  const op = rnd.weighted([[3, 'add'], [1, 'replace'], [1, 'remove']]);
  const lines = [`- op: ${op}`, `  path: ${path}`];
  if (op !== 'remove') lines.push(`  value: ${rnd.pick(['"true"', '"false"', '""'])}`);
  const entry = map([['target', target], ['patch', { header: '|', lines }]]);
  const patches = field({ map: fields }, 'patches');
  if (patches?.seq !== undefined) patches.seq.push(entry);
  else fields.push(['patches', seq([entry])]);
}
