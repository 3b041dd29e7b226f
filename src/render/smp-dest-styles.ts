/**
 * What kyaml knows of a resource's scalars and we do not keep: whether a
 * string was quoted (a value merged over it takes that style and prints as a
 * string) and whether a null was written as nothing at all (`key:`, which a
 * strategic merge drops while `key: null` stays). Read from the resource's
 * source document with the `yaml` package's CST, only when a strategic-merge
 * patch applies, and paired with the current values: a place whose value
 * changed since it was read gets no entry.
 */
import { isScalar } from 'yaml';
import { collectMapFacts, sourceDocuments, type MapFacts } from './smp-source-cst.js';

export type DestStyle = 'quoted' | 'empty';
export type DestStyles = MapFacts<DestStyle>;

export function destStylesOf(text: string, document: number, name: string, manifest: unknown): DestStyles {
  const out: DestStyles = new WeakMap();
  const docs = sourceDocuments(text);
  const same = docs[document]?.getIn(['metadata', 'name']) === name ? docs[document] : docs.find((d) => d.getIn(['metadata', 'name']) === name);
  if (same !== undefined) collectMapFacts(same.contents, manifest, out, styleOf);
  return out;
}

function styleOf(child: unknown, current: unknown): DestStyle | undefined {
  if (child === null || (isScalar(child) && child.value === null && child.source === '')) return current === null ? 'empty' : undefined;
  if (isScalar(child) && child.type !== 'PLAIN' && typeof current === 'string' && child.value === current) return 'quoted';
  return undefined;
}
