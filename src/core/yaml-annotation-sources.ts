/**
 * The source text of plain scalars under each document's
 * `metadata.annotations`. kustomize reads annotations as strings straight
 * from the YAML node, so `port: 9102` prints as `"9102"` and `d: 010` as
 * `"010"` (not 8): the text as written, not the value it resolves to. Read
 * with the `yaml` package's CST only for files that need it.
 */
import { isMap, isScalar, parseAllDocuments } from 'yaml';
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
    docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false });
  } catch {
    return out;
  }
  if (!Array.isArray(docs)) return out;
  if (startsWithEmptyDocument(text)) out.push(undefined);
  for (const doc of docs) {
    const node = doc.getIn(['metadata', 'annotations'], true);
    if (!isMap(node)) {
      out.push(undefined);
      continue;
    }
    const texts = new Map<string, string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== 'string') continue;
      if (pair.value === null) texts.set(key, '');
      else if (isScalar(pair.value) && typeof pair.value.source === 'string') texts.set(key, pair.value.source);
    }
    out.push({ name: doc.getIn(['metadata', 'name']), texts });
  }
  return out;
}
