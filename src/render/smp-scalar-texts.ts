/**
 * The source text of a strategic-merge patch's plain scalars, by the map
 * that holds them: kustomize keeps a patch value as written (`+1`, `0x10`,
 * `1e3`, `2020-01-01`) and only resolves it when printing, so a value that
 * takes a quoted string's style prints as that text (smp-merge.ts,
 * keepDestStyle). Read with the `yaml` package's CST for patches only.
 */
import { isScalar } from 'yaml';
import { isJsonObject } from '../core/manifest.js';
import { collectMapFacts, sourceDocuments, type MapFacts } from './smp-source-cst.js';

/** Per map of the patch, its plain scalars' texts by key. */
export type ScalarTexts = MapFacts<string>;

/** Texts for each parsed document value, matched to the CST's documents by metadata.name. */
export function scalarTexts(text: string, values: readonly unknown[]): ScalarTexts {
  const out: ScalarTexts = new WeakMap();
  const docs = sourceDocuments(text);
  for (const value of values) {
    const name = isJsonObject(value) && isJsonObject(value['metadata']) ? value['metadata']['name'] : undefined;
    const doc = docs.find((d) => d.getIn(['metadata', 'name']) === name);
    if (doc !== undefined) collectMapFacts(doc.contents, value, out, plainText);
  }
  return out;
}

function plainText(child: unknown): string | undefined {
  return isScalar(child) && child.type === 'PLAIN' && typeof child.source === 'string' ? child.source : undefined;
}

/** structuredClone that carries the texts over to the copy's maps. */
export function cloneWithTexts<T>(value: T, texts: ScalarTexts, into: WeakMap<object, ReadonlyMap<string, string>>): T {
  const copy = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(copy);
    if (isJsonObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(v)) Object.defineProperty(out, key, { value: copy(child), enumerable: true, writable: true, configurable: true });
      const known = texts.get(v);
      if (known !== undefined) into.set(out, known);
      return out;
    }
    return v;
  };
  return copy(value) as T;
}
