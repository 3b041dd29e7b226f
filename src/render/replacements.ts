/**
 * `replacements` (kustomize's ReplacementTransformer, api/filters/replacement):
 * each entry copies one field of exactly one source resource into the
 * fields its targets select, in order, after every other transformer of the
 * kustomization. Entries are inline or `path:` files (one entry or a list,
 * read inside the kustomization's directory like patches). Sources and
 * targets are matched by exact ids (current or previous), targets also by
 * label and annotation selectors and `reject`. See replacement-walk.ts for
 * the field paths and replacement-values.ts for what a copied value is.
 */
import { chargeReplacementCopy, chargeReplacementSteps } from '../core/render-budget.js';
import { RenderError } from '../core/errors.js';
import { validateAgainstSchema } from '../core/json-schema.js';
import { getObject, isJsonObject, kindOf, nameOf, namespaceOf, type JsonObject } from '../core/manifest.js';
import { describeId, idOf } from '../core/resource-id.js';
import { parseYamlFile, readYamlFile } from '../core/yaml-read.js';
import type { FileReader } from '../io/file-system.js';
import { EditRecorder, type EditSource } from './edits.js';
import type { KustomizationFile } from './kustomization-file.js';
import type { ReplacementEntry, ReplacementOptions, ReplacementSelector } from './kustomization.generated.js';
import schemaJson from './kustomization.schema.json' with { type: 'json' };
import { matchesSelector, parseSelector, type Selector } from './label-selector.js';
import { splitFieldPath } from './replacement-paths.js';
import { decodeScalar, isScalarValue, ReplacementValueError, SourceTexts, tagOf, type ScalarNode, type ValueNode } from './replacement-values.js';
import { lookupSource, TargetWalk, WalkError, type CreateKind, type Slot } from './replacement-walk.js';
import { readFileInside } from './restricted-files.js';
import { toPointer, type Resource } from './resource.js';

const DEFAULT_FIELD_PATH = 'metadata.name';

/** A replacement ready to run, with the line of the entry that holds it. */
interface LoadedReplacement {
  readonly replacement: ReplacementEntry;
  readonly file: string;
  readonly line: number | undefined;
}

/** Runs every `replacements` entry of `kfile` over `resources`, in order. */
export function applyReplacements(fs: FileReader, kfile: KustomizationFile, resources: readonly Resource[]): void {
  const loaded = loadReplacements(fs, kfile);
  const texts = new SourceTexts((file) => {
    try {
      return readYamlFile(fs, file);
    } catch {
      return undefined;
    }
  });
  for (const item of loaded) {
    const where = { file: item.file, ...(item.line ? { line: item.line } : {}) };
    const fail = (message: string, cause?: unknown): never => {
      throw new RenderError('replacement-failed', `replacements: ${message}`, where, cause === undefined ? undefined : { cause });
    };
    try {
      runReplacement(item, resources, texts, { file: item.file, line: item.line, by: 'replacements' }, fail);
    } catch (error) {
      if (error instanceof WalkError || error instanceof ReplacementValueError) fail(error.message, error);
      throw error;
    }
  }
}

/** Inline entries as they are, `path:` entries read from their file (one entry or a list). */
function loadReplacements(fs: FileReader, kfile: KustomizationFile): LoadedReplacement[] {
  const out: LoadedReplacement[] = [];
  for (const entry of kfile.kustomization.replacements ?? []) {
    const line = kfile.lines.get(entry);
    const where = { file: kfile.file, ...(line ? { line } : {}) };
    if (entry.path === undefined || entry.path === '') {
      out.push({ replacement: entry, file: kfile.file, line });
      continue;
    }
    if (entry.source !== undefined || (entry.targets?.length ?? 0) !== 0) {
      throw new RenderError('replacement-invalid', 'replacements: cannot specify both path and inline replacement', where);
    }
    const file = readFileInside(fs, kfile, entry.path, 'replacements path');
    const text = readYamlFile(fs, file);
    const parsed = parseYamlFile(file, text, { flavor: 'patch', trackLines: true });
    // sigs.k8s.io/yaml reads the first document only.
    const value = parsed.documents[0]?.value;
    const entries = Array.isArray(value) ? value : isJsonObject(value) ? [value] : undefined;
    if (entries === undefined) {
      const kind = value === null || value === undefined ? 'Invalid' : typeof value === 'string' ? 'String' : typeof value === 'boolean' ? 'Bool' : 'Float64';
      throw new RenderError('replacement-invalid', `unsupported replacement type encountered within replacement path: ${kind}`, { file });
    }
    // Go decodes the file leniently: unknown fields are ignored, a null is an absent field.
    const cleaned = entries.map((e) => stripUnknown(e, ENTRY_SHAPE));
    const problems = validateAgainstSchema(schemaJson, { replacements: cleaned });
    const first = problems[0];
    if (first !== undefined) throw new RenderError('replacement-invalid', `invalid replacement: ${first.message}`, { file });
    cleaned.forEach((replacement, i) => {
      const entryLine = parsed.lines.get(entries[i] as object);
      out.push({ replacement: replacement as ReplacementEntry, file, line: entryLine });
    });
  }
  return out;
}

/** The fields Go's types have, per level; anything else in a `path:` file is dropped. */
type Shape = { readonly [key: string]: Shape | 'scalar' | { readonly items: Shape | 'scalar' } };
const OPTIONS: Shape = { delimiter: 'scalar', index: 'scalar', encoding: 'scalar', create: 'scalar' };
const SELECTOR: Shape = { group: 'scalar', version: 'scalar', kind: 'scalar', name: 'scalar', namespace: 'scalar', labelSelector: 'scalar', annotationSelector: 'scalar' };
const ENTRY_SHAPE: Shape = {
  source: { group: 'scalar', version: 'scalar', kind: 'scalar', name: 'scalar', namespace: 'scalar', fieldPath: 'scalar', options: OPTIONS },
  targets: { items: { select: SELECTOR, reject: { items: SELECTOR }, fieldPaths: { items: 'scalar' }, options: OPTIONS } },
};

function stripUnknown(value: unknown, shape: Shape | 'scalar' | { readonly items: Shape | 'scalar' }): unknown {
  if (shape === 'scalar') return value;
  if ('items' in shape && typeof shape.items !== 'undefined' && Object.keys(shape).length === 1) {
    const items = shape.items as Shape | 'scalar';
    return Array.isArray(value) ? value.map((item) => stripUnknown(item, items)) : value;
  }
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    const sub = (shape as Shape)[key];
    if (sub === undefined || field === null) continue;
    Object.defineProperty(out, key, { value: stripUnknown(field, sub), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A resource's ids: the current one and every previous one, with the current group and version. */
interface Id {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

function idsOf(resource: Resource): Id[] {
  const apiVersion = resource.manifest['apiVersion'];
  const text = typeof apiVersion === 'string' ? apiVersion : '';
  const slash = text.indexOf('/');
  const group = slash >= 0 ? text.slice(0, slash) : '';
  const version = slash >= 0 ? text.slice(slash + 1) : text;
  const ids: Id[] = [{ group, version, kind: kindOf(resource.manifest), name: nameOf(resource.manifest), namespace: namespaceOf(resource.manifest) }];
  for (const previous of resource.previousIds) ids.push({ group, version, kind: previous.kind, name: previous.name, namespace: previous.namespace });
  return ids;
}

/** kyaml's EffectiveNamespace for these ids (never cluster-scoped there): '' and 'default' are one. */
function sameNamespace(a: string, b: string): boolean {
  return (a === '' ? 'default' : a) === (b === '' ? 'default' : b);
}

/** ResId.IsSelectedBy: exact fields, each only when the selector sets it. */
function selectedBy(id: Id, selector: ReplacementSelector): boolean {
  if (selector.name && selector.name !== id.name) return false;
  if (selector.namespace && !sameNamespace(selector.namespace, id.namespace)) return false;
  if (selector.group && selector.group !== id.group) return false;
  if (selector.version && selector.version !== id.version) return false;
  if (selector.kind && selector.kind !== id.kind) return false;
  return true;
}

function hasResId(selector: ReplacementSelector): boolean {
  return Boolean(selector.group || selector.version || selector.kind || selector.name || selector.namespace);
}

/** ResId.String(): Kind.Version.Group/name.namespace with kustomize's placeholders. */
function describeSelector(selector: { group?: string; version?: string; kind?: string; name?: string; namespace?: string }): string {
  return `${selector.kind || '[noKind]'}.${selector.version || '[noVer]'}.${selector.group || '[noGrp]'}/${selector.name || '[noName]'}.${selector.namespace || '[noNs]'}`;
}

function runReplacement(item: LoadedReplacement, resources: readonly Resource[], texts: SourceTexts, editSource: EditSource, fail: (message: string) => never): void {
  const { replacement } = item;
  const count = (n: number): void => chargeReplacementSteps(item.file, n);
  if (replacement.source === undefined || replacement.targets === undefined) fail('replacements must specify a source and at least one target');
  const source = replacement.source;
  const value = sourceValue(source, resources, texts, count, fail);
  const recorder = new EditRecorder(editSource);
  for (const target of replacement.targets) {
    if (target.select === undefined) fail('target must specify resources to select');
    const select = target.select;
    const labels = compileSelector(select.labelSelector, fail);
    const annotations = compileSelector(select.annotationSelector, fail);
    const rejects = (target.reject ?? []).map((reject) => ({
      reject,
      labels: compileSelector(reject.labelSelector, fail),
      annotations: compileSelector(reject.annotationSelector, fail),
    }));
    const fieldPaths = target.fieldPaths?.length ? target.fieldPaths : [DEFAULT_FIELD_PATH];
    for (const resource of resources) {
      count(1);
      if (!matchesMetadata(resource, labels, annotations)) continue;
      // A reject with selectors drops what they match; one with an id drops what it selects.
      if (rejects.some((r) => (r.labels !== undefined || r.annotations !== undefined) && matchesMetadata(resource, r.labels, r.annotations))) continue;
      const ids = idsOf(resource);
      if (!ids.some((id) => selectedBy(id, select))) continue;
      if (rejects.some((r) => hasResId(r.reject) && ids.some((id) => selectedBy(id, r.reject)))) continue;
      for (const fieldPath of fieldPaths) copyToTarget(resource, fieldPath, value, target.options, texts, recorder, count, item.file, fail);
    }
  }
}

function compileSelector(text: string | undefined, fail: (message: string) => never): Selector | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    return parseSelector(text);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

const NONE: Readonly<Record<string, string>> = {};

function stringsAt(resource: Resource, field: 'labels' | 'annotations'): Readonly<Record<string, string>> {
  const value = getObject(resource.manifest, 'metadata')?.[field];
  return isJsonObject(value) ? (value as Readonly<Record<string, string>>) : NONE;
}

function matchesMetadata(resource: Resource, labels: Selector | undefined, annotations: Selector | undefined): boolean {
  if (labels !== undefined && !matchesSelector(labels, stringsAt(resource, 'labels'))) return false;
  if (annotations !== undefined && !matchesSelector(annotations, stringsAt(resource, 'annotations'))) return false;
  return true;
}

/** The one source resource's field, refined by the source options. */
function sourceValue(
  source: NonNullable<ReplacementEntry['source']>,
  resources: readonly Resource[],
  texts: SourceTexts,
  count: (n: number) => void,
  fail: (message: string) => never,
): ValueNode {
  const fieldPath = source.fieldPath || DEFAULT_FIELD_PATH;
  const selectorText = [describeSelector(source), ...(source.fieldPath ? [source.fieldPath] : []), ...optionsText(source.options)].join(':');
  let match: Resource | undefined;
  for (const resource of resources) {
    count(1);
    if (!idsOf(resource).some((id) => selectedBy(id, source))) continue;
    if (match !== undefined) fail(`multiple matches for selector ${selectorText}`);
    match = resource;
  }
  if (match === undefined) return fail(`nothing selected by ${selectorText}`);
  let found: ReturnType<typeof lookupSource>;
  try {
    found = lookupSource(match.manifest, splitFieldPath(fieldPath), count);
  } catch (error) {
    if (error instanceof WalkError || error instanceof Error) return fail(`error looking up replacement source: ${error.message}`);
    throw error;
  }
  const empty = found === undefined || found.value === null || found.value === undefined || (Array.isArray(found.value) && found.value.length === 0) || (isJsonObject(found.value) && Object.keys(found.value).length === 0);
  if (found === undefined || empty) return fail(`fieldPath \`${fieldPath}\` is missing for replacement source ${describeSelector(source)} (in ${describeId(idOf(match.manifest))})`);
  const node: ValueNode = isScalarValue(found.value)
    ? texts.scalarNode(match.file, identityOf(match), found.path, found.value, trustsSource(match))
    : { kind: 'collection', value: found.value as object };
  const delimiter = source.options?.delimiter ?? '';
  if (delimiter === '') return node;
  if (node.kind !== 'scalar') return fail('delimiter option can only be used with scalar nodes');
  const parts = node.text.split(delimiter);
  const index = source.options?.index ?? 0;
  if (index >= parts.length || index < 0) fail(`options.index ${index} is out of bounds for value ${node.text}`);
  return { kind: 'scalar', tag: node.tag, text: parts[index] as string };
}

function optionsText(options: ReplacementOptions | undefined): string[] {
  if (options === undefined || (!options.delimiter && !options.create)) return [];
  return [`${options.delimiter ?? ''}(${options.index ?? 0}), create=${options.create === true}`];
}

function identityOf(resource: Resource): { kind: string; name: string } {
  return { kind: kindOf(resource.manifest), name: resource.originalName };
}

/** A JSON-patched resource was rebuilt from JSON in kustomize: its scalars' texts are no longer the source's. */
function trustsSource(resource: Resource): boolean {
  return !resource.edits.some((edit) => edit.by.startsWith('patch op'));
}

function copyToTarget(
  resource: Resource,
  fieldPath: string,
  value: ValueNode,
  options: ReplacementOptions | undefined,
  texts: SourceTexts,
  recorder: EditRecorder,
  count: (n: number) => void,
  file: string,
  fail: (message: string) => never,
): void {
  const create: CreateKind = options?.create === true ? (value.kind === 'scalar' ? 'scalar' : Array.isArray(value.value) ? 'seq' : 'map') : undefined;
  const wording = create ? `unable to find or create field "${fieldPath}" in replacement target` : `unable to find field "${fieldPath}" in replacement target`;
  let slots: Slot[];
  try {
    slots = new TargetWalk(splitFieldPath(fieldPath), create, count).run(resource.manifest);
  } catch (error) {
    if (error instanceof WalkError) return fail(`${wording}: ${error.message} (in ${describeId(idOf(resource.manifest))})`);
    throw error;
  }
  if (slots.length === 0) fail(`${wording} (in ${describeId(idOf(resource.manifest))})`);
  for (const slot of slots) {
    const next = newValue(resource, slot, value, options, texts, fail);
    chargeReplacementCopy(file, next);
    if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = next;
    else {
      const key = slot.key as string;
      if (!isScalarValue(next)) resource.sharedValues?.drop(slot.parent, key);
      else resource.sharedValues?.overwrite(slot.parent, key, next);
      Object.defineProperty(slot.parent, key, { value: next, enumerable: true, writable: true, configurable: true });
    }
    recorder.record(resource, toPointer(slot.path));
  }
}

/** setFieldValue: a scalar target keeps its tag and takes the text; anything else becomes a copy of the value. */
function newValue(resource: Resource, slot: Slot, value: ValueNode, options: ReplacementOptions | undefined, texts: SourceTexts, fail: (message: string) => never): unknown {
  const current = Array.isArray(slot.parent) ? slot.parent[slot.key as number] : slot.parent[slot.key as string];
  const targetIsScalar = slot.created ? value.kind === 'scalar' : isScalarValue(current);
  // The target's text matters only to a delimiter; its tag is its parsed type (a created node has none).
  const targetNode = (withText: boolean): ScalarNode => {
    if (slot.created) return { kind: 'scalar', tag: '', text: '' };
    return withText ? texts.scalarNode(resource.file, identityOf(resource), slot.path, current, trustsSource(resource)) : { kind: 'scalar', tag: tagOf(current), text: '' };
  };
  let text = value.kind === 'scalar' ? value.text : '';
  const delimiter = options?.delimiter ?? '';
  if (delimiter !== '') {
    if (!targetIsScalar) fail('delimiter option can only be used with scalar nodes');
    const parts = targetNode(true).text.split(delimiter);
    const index = options?.index ?? 0;
    if (index < 0) parts.unshift(text);
    else if (index >= parts.length) parts.push(text);
    else parts[index] = text;
    text = parts.join(delimiter);
  }
  // kustomize writes every annotation back as its text at the end of the build.
  const isAnnotation = slot.path.length === 3 && slot.path[0] === 'metadata' && slot.path[1] === 'annotations';
  if (targetIsScalar) return isAnnotation ? text : decodeScalar(targetNode(false).tag, text);
  if (value.kind === 'scalar') {
    if (isAnnotation) return text;
    // The whole source node lands here, style and all.
    return delimiter === '' && value.styled !== undefined ? value.styled : decodeScalar(value.tag, text);
  }
  return isAnnotation ? '' : structuredClone(value.value);
}
