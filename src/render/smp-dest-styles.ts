/**
 * What kyaml knows of a resource's scalars and we do not keep: whether a
 * string was quoted (a value merged over it takes that style and prints as a
 * string) and whether a null was written as nothing at all (`key:`, which a
 * strategic merge drops while `key: null` stays). Read from the resource's
 * source document with the `yaml` package's CST, only when a strategic-merge
 * patch applies, and paired with the current values: a place whose value
 * changed since it was read gets no entry.
 */
import { isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { isJsonObject } from '../core/manifest.js';
import { cstKey } from './smp-metadata-texts.js';

export type DestStyle = 'quoted' | 'empty';
export type DestStyles = WeakMap<object, ReadonlyMap<string, DestStyle>>;

export function destStylesOf(text: string, document: number, name: string, manifest: unknown): DestStyles {
  const out: DestStyles = new WeakMap();
  let docs;
  try {
    docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false });
  } catch {
    return out;
  }
  if (!Array.isArray(docs)) return out;
  const same = docs[document]?.getIn(['metadata', 'name']) === name ? docs[document] : docs.find((d) => d.getIn(['metadata', 'name']) === name);
  if (same !== undefined) collect(same.contents, manifest, out, 0);
  return out;
}

function collect(node: unknown, value: unknown, out: DestStyles, depth: number): void {
  if (depth > 200) return;
  if (isMap(node) && isJsonObject(value)) {
    let styles: Map<string, DestStyle> | undefined;
    for (const pair of node.items) {
      const key = cstKey(pair.key);
      if (key === undefined || !Object.hasOwn(value, key)) continue;
      const child = pair.value;
      const current = value[key];
      let style: DestStyle | undefined;
      if (child === null || (isScalar(child) && child.value === null && child.source === '')) style = current === null ? 'empty' : undefined;
      else if (isScalar(child) && child.type !== 'PLAIN' && typeof current === 'string' && child.value === current) style = 'quoted';
      else collect(child, current, out, depth + 1);
      if (style !== undefined) (styles ??= new Map()).set(key, style);
    }
    if (styles !== undefined) out.set(value, styles);
  } else if (isSeq(node) && Array.isArray(value)) {
    node.items.forEach((item, i) => collect(item, value[i], out, depth + 1));
  }
}
