/**
 * The source text of plain scalars under each document's
 * `metadata.annotations`. kustomize reads annotations as strings straight
 * from the YAML node, so `port: 9102` prints as `"9102"` and `d: 010` as
 * `"010"` (not 8): the text as written, not the value it resolves to. Read
 * with the `yaml` package's CST only for files that need it.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type YAMLMap } from 'yaml';
import { startsWithEmptyDocument } from './yaml-compose.js';

/** A document's name and, per annotation key, the scalar's source text (plain scalars). */
export interface AnnotationSources {
  readonly name: unknown;
  readonly texts: ReadonlyMap<string, string>;
}

/** Per document (in the render's count), its annotation sources. */
export function annotationSourceTexts(text: string): ReadonlyArray<AnnotationSources | undefined> {
  const out: Array<AnnotationSources | undefined> = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { schema: 'failsafe', resolveKnownTags: false, uniqueKeys: false, merge: false });
  } catch {
    return out;
  }
  if (!Array.isArray(docs)) return out;
  if (startsWithEmptyDocument(text)) out.push(undefined);
  for (const doc of docs) {
    // kustomize expands aliases into copies of the anchored nodes (kyaml DeAnchor), source text included.
    const deref = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);
    const metadata = deref(field(deref(doc.contents), 'metadata', deref));
    const annotations = deref(field(metadata, 'annotations', deref));
    if (!isMap(annotations)) {
      out.push(undefined);
      continue;
    }
    const texts = new Map<string, string>();
    collect(annotations, texts, deref, 0);
    const name = deref(field(metadata, 'name', deref));
    out.push({ name: isScalar(name) ? name.value : undefined, texts });
  }
  return out;
}

/** The value node of `key` in a mapping node (explicit keys only). */
function field(node: unknown, key: string, deref: (node: unknown) => unknown): unknown {
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (isScalar(pair.key) && pair.key.value === key) return deref(pair.value);
  }
  return undefined;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.type === 'PLAIN' && key.tag === undefined && key.value === '<<';
}

/**
 * The plain scalars' texts of an annotations mapping, merge keys (`<<`)
 * included: a mapping's own keys win over merged ones, an earlier merged
 * mapping over a later one. Bounded: merges nest at most 16 deep.
 */
function collect(map: YAMLMap, texts: Map<string, string>, deref: (node: unknown) => unknown, depth: number): void {
  const merged: unknown[] = [];
  const own = new Set<string>();
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) {
      const source = deref(pair.value);
      merged.push(...(isSeq(source) ? source.items.map(deref) : [source]));
      continue;
    }
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== 'string') continue;
    own.add(key);
    const value = deref(pair.value);
    if (value === null || value === undefined) texts.set(key, '');
    else if (isScalar(value) && value.type === 'PLAIN' && typeof value.value === 'string') texts.set(key, value.value);
  }
  if (depth >= 16) return;
  for (const source of merged) {
    if (!isMap(source)) continue;
    const inner = new Map<string, string>();
    collect(source, inner, deref, depth + 1);
    for (const [key, value] of inner) if (!own.has(key) && !texts.has(key)) texts.set(key, value);
  }
}
