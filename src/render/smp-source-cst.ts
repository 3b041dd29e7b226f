/**
 * What kyaml keeps of a YAML source and our parsed values do not (a plain
 * scalar's text, a quoted style, a null written as nothing), read back with
 * the `yaml` package's CST. Only strategic-merge patches need it, so it is
 * read lazily, per patch or per patched resource (smp-scalar-texts.ts,
 * smp-dest-styles.ts, smp-metadata-texts.ts).
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import { isJsonObject } from '../core/manifest.js';

/** Facts about the entries of one map of a parsed value, by key. */
export type MapFacts<T> = WeakMap<object, ReadonlyMap<string, T>>;

/** The source's documents, or none when the `yaml` package cannot read it (our reader already judged it). */
export function sourceDocuments(text: string): readonly Document.Parsed[] {
  try {
    const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false });
    return Array.isArray(docs) ? docs : [];
  } catch {
    return [];
  }
}

/** A CST map key as kyaml reads it: the text as written (read as YAML 1.1, `n` and `y` would be booleans). */
export function cstKey(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  if (key.type === 'PLAIN' && typeof key.source === 'string') return key.source;
  return typeof key.value === 'string' ? key.value : undefined;
}

/**
 * Walks a CST node beside the value parsed from it and records, for each map
 * of the value, what `fact` says of its entries; where `fact` says nothing,
 * the walk goes into the entry. Keys the value no longer has are passed over.
 */
export function collectMapFacts<T>(
  node: unknown,
  value: unknown,
  out: MapFacts<T>,
  fact: (child: unknown, current: unknown) => T | undefined,
  depth = 0,
): void {
  if (depth > 200) return;
  if (isMap(node) && isJsonObject(value)) {
    let facts: Map<string, T> | undefined;
    for (const pair of node.items) {
      const key = cstKey(pair.key);
      if (key === undefined || !Object.hasOwn(value, key)) continue;
      const found = fact(pair.value, value[key]);
      if (found !== undefined) (facts ??= new Map()).set(key, found);
      else collectMapFacts(pair.value, value[key], out, fact, depth + 1);
    }
    if (facts !== undefined) out.set(value, facts);
  } else if (isSeq(node) && Array.isArray(value)) {
    node.items.forEach((item, i) => collectMapFacts(item, value[i], out, fact, depth + 1));
  }
}
