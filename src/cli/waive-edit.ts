/**
 * Writes one waiver into an overlay's kustomization: a JSON 6902 patch aimed
 * at exactly one resource (kind, name, namespace) that adds the annotation
 * `st2-gitops/waive.<RULE>`. Edited with the `yaml` package's Document API,
 * so the file's comments, order and layout survive; only the new entry (and
 * a `patches:` key when there was none) is added.
 */
import { Document, isMap, isNode, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { ConfigError } from '../core/errors.js';
import { WAIVER_PREFIX } from '../policy/waivers.js';

export interface WaiverTarget {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
}

export interface WaiverEdit {
  readonly rule: string;
  readonly target: WaiverTarget;
  readonly expires: string;
  readonly reason: string;
  /** True when the resource already has annotations where the patch applies (add one key), else the map is created. */
  readonly annotationsExist: boolean;
}

/** kustomize reads a target name as an anchored regular expression: escape it to match one name. */
function exactName(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pointerToken(text: string): string {
  return text.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The patch text: one `add` op, in the block style the repository's overlays use. */
export function waiverPatch(edit: WaiverEdit): string {
  const value = `expires=${edit.expires}; reason=${edit.reason}`;
  const annotation = `${WAIVER_PREFIX}${edit.rule}`;
  const op = edit.annotationsExist
    ? ['- op: add', `  path: /metadata/annotations/${pointerToken(annotation)}`, `  value: ${JSON.stringify(value)}`]
    : ['- op: add', '  path: /metadata/annotations', '  value:', `    ${JSON.stringify(annotation)}: ${JSON.stringify(value)}`];
  return op.join('\n');
}

/** The new `patches` entry as its own little document: `- target: ...` with its comment. */
function entryText(edit: WaiverEdit): string {
  const target = new YAMLMap();
  target.set('kind', edit.target.kind);
  target.set('name', exactName(edit.target.name));
  if (edit.target.namespace) target.set('namespace', edit.target.namespace);
  const patch = new Scalar(waiverPatch(edit));
  patch.type = Scalar.BLOCK_LITERAL;
  const entry = new YAMLMap();
  entry.set('target', target);
  entry.set('patch', patch);
  entry.commentBefore = ` Waiver (st2-gitops waive): ${edit.rule} on ${edit.target.kind}/${edit.target.name} until ${edit.expires}.`;
  const seq = new YAMLSeq();
  seq.add(entry);
  return new Document(seq).toString();
}

function indent(text: string, by: number): string {
  const pad = ' '.repeat(by);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${pad}${line}`))
    .join('\n');
}

/**
 * The kustomization text with the waiver patch appended to `patches:`. The
 * Document API parses the file and builds the entry; the entry is inserted
 * at the end of the existing `patches` list (or a new `patches:` key at the
 * end of the file), so every other byte of the file stays as it was.
 */
export function addWaiverPatch(text: string, file: string, edit: WaiverEdit): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new ConfigError('waive-yaml', `${file}: cannot edit: ${doc.errors[0]?.message ?? 'invalid YAML'}`);
  if (!isMap(doc.contents)) throw new ConfigError('waive-yaml', `${file}: cannot edit: the kustomization is not a mapping`);
  const entry = entryText(edit);
  const patches = doc.get('patches', true);
  if (patches === undefined || patches === null || (isScalar(patches) && patches.value === null)) {
    if (patches !== undefined && patches !== null) {
      // `patches:` with nothing under it: let the Document API rewrite the key.
      doc.set('patches', parseDocument(entry).contents);
      return doc.toString();
    }
    const body = text.endsWith('\n') || text === '' ? text : `${text}\n`;
    return `${body}patches:\n${indent(entry, 2)}`;
  }
  if (!isSeq(patches)) throw new ConfigError('waive-yaml', `${file}: cannot edit: patches is not a list`);
  const first = patches.items[0];
  const range = patches.range;
  if (patches.flow || !range || first === undefined || !isNode(first) || !first.range) {
    // A flow list (`patches: []`) has no block to extend: the Document API rewrites it.
    patches.flow = false;
    patches.add(parseDocument(entry).contents);
    return doc.toString();
  }
  const lineStart = text.lastIndexOf('\n', first.range[0] - 1) + 1;
  const dash = text.slice(lineStart, first.range[0]).indexOf('-');
  let at = range[1];
  if (at > 0 && text[at - 1] !== '\n') {
    const eol = text.indexOf('\n', at);
    at = eol < 0 ? text.length : eol + 1;
  }
  const before = text.slice(0, at);
  const prefix = before.endsWith('\n') || before === '' ? before : `${before}\n`;
  return `${prefix}${indent(entry, Math.max(dash, 0))}${text.slice(at)}`;
}
