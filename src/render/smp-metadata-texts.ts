/**
 * The text kyaml reads for each label and annotation of a strategic-merge
 * patch (yaml.Node.Value): a plain scalar's source (`010`, `null`, `~`,
 * `2020-01-01`), a quoted or block scalar's string, '' for an empty value or
 * a collection. kustomize turns a targeted patch's labels and annotations
 * into these strings (Resource.CopyMergeMetaDataFieldsFrom) and prints
 * annotation values as their text. Read with the `yaml` package's CST, only
 * for patches that need it.
 */
import { isMap, isScalar } from 'yaml';
import { cstKey, sourceDocuments } from './smp-source-cst.js';

export interface MetadataTexts {
  readonly name: unknown;
  readonly labels: ReadonlyMap<string, string> | undefined;
  readonly annotations: ReadonlyMap<string, string> | undefined;
}

export function metadataTexts(text: string): ReadonlyArray<MetadataTexts> {
  const docs = sourceDocuments(text);
  return docs.map((doc) => ({
    name: doc.getIn(['metadata', 'name']),
    labels: texts(doc.getIn(['metadata', 'labels'], true)),
    annotations: texts(doc.getIn(['metadata', 'annotations'], true)),
  }));
}

function texts(node: unknown): ReadonlyMap<string, string> | undefined {
  if (!isMap(node)) return undefined;
  const out = new Map<string, string>();
  for (const pair of node.items) {
    const key = cstKey(pair.key);
    if (key === undefined) continue;
    const value = pair.value;
    if (value === null || !isScalar(value)) out.set(key, '');
    else if (value.type === 'PLAIN' && typeof value.source === 'string') out.set(key, value.source);
    else out.set(key, typeof value.value === 'string' ? value.value : String(value.value));
  }
  return out;
}
