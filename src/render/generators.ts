/**
 * `configMapGenerator` and `secretGenerator` (kustomize's ConfigMapGenerator
 * and SecretGenerator, api/kv/kv.go, api/internal/generators): literals
 * (`K=V`, one pair of matching quotes removed), files (`path` keyed by its
 * base name, or `key=path`) and env files (`K=V` lines, `#` comments), with
 * each entry's `options` over `generatorOptions`. `behavior` create, merge or
 * replace acts on a resource with the same current id. Generated objects get
 * kustomize's hash suffix at the end of the top-level build (hash-suffix.ts).
 * A file that is not valid UTF-8 goes to a ConfigMap's `binaryData`, as
 * kyaml's makeConfigMapValueRNode decides (utf8.ValidString); base64 values
 * (binaryData, every Secret value) are wrapped as kyaml's encodeBase64 wraps.
 */
import { isUtf8 } from 'node:buffer';
import { RenderError } from '../core/errors.js';
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { readCappedFile } from '../core/yaml-read.js';
import type { FileReader } from '../io/file-system.js';
import type { ResourceList } from './accumulate.js';
import type { KustomizationFile } from './kustomization-file.js';
import type { GeneratorEntry, GeneratorOptions } from './kustomization.generated.js';
import { readFileInside } from './restricted-files.js';
import { generatorOrigin, ORIGIN_ANNOTATION, originOf, setOrigin } from './build-options.js';
import { createResource, type Resource } from './resource.js';

type Kind = 'ConfigMap' | 'Secret';
/** A generated value: text, or the bytes of a file that is not valid UTF-8. */
type PairValue = string | Uint8Array;

/** Keys kubernetes accepts in a ConfigMap or Secret (IsConfigMapKey). */
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
/** Names an env file may set (IsEnvVarName). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** `configuredIn`: with buildMetadata set, the kustomization's path for the origin annotation (build-options.ts). */
export function runGenerators(fs: FileReader, kfile: KustomizationFile, into: ResourceList, configuredIn?: string): void {
  const k = kfile.kustomization;
  const global = k.generatorOptions;
  for (const entry of k.configMapGenerator ?? []) generate(fs, kfile, into, entry, 'ConfigMap', global, configuredIn);
  for (const entry of k.secretGenerator ?? []) generate(fs, kfile, into, entry, 'Secret', global, configuredIn);
}

function generate(
  fs: FileReader,
  kfile: KustomizationFile,
  into: ResourceList,
  entry: GeneratorEntry,
  kind: Kind,
  global: GeneratorOptions | undefined,
  configuredIn: string | undefined,
): void {
  const line = kfile.lines.get(entry);
  const where = { file: kfile.file, ...(line ? { line } : {}) };
  const field = kind === 'ConfigMap' ? 'configMapGenerator' : 'secretGenerator';
  const name = entry.name ?? '';
  if (name === '') throw new RenderError('generator-invalid', `${field}: every entry needs a name`, where);
  const pairs = collectPairs(fs, kfile, entry, where, kind === 'ConfigMap' ? 'configmap' : 'secret', name);
  const options = entry.options;
  const labels = { ...(global?.labels ?? {}), ...(options?.labels ?? {}) };
  const annotations = { ...(global?.annotations ?? {}), ...(options?.annotations ?? {}) };
  const disableHash = global?.disableNameSuffixHash === true || options?.disableNameSuffixHash === true;
  const immutable = global?.immutable === true || options?.immutable === true;

  const metadata: JsonObject = { name };
  if (entry.namespace !== undefined && entry.namespace !== '') metadata['namespace'] = entry.namespace;
  if (Object.keys(labels).length > 0) metadata['labels'] = labels;
  if (configuredIn !== undefined) {
    // AddOriginAnnotation skips a resource that has one; we refuse that instead of imitating its parsing.
    if (ORIGIN_ANNOTATION in annotations) throw new RenderError('build-metadata-origin', `${field} '${name}': annotation ${ORIGIN_ANNOTATION} is kustomize's own with buildMetadata set; drop it`, where);
    annotations[ORIGIN_ANNOTATION] = generatorOrigin(configuredIn, kind, where);
  }
  if (Object.keys(annotations).length > 0) metadata['annotations'] = annotations;
  const manifest: Manifest = { apiVersion: 'v1', kind, metadata };
  const data: JsonObject = {};
  const binaryData: JsonObject = {};
  for (const [key, value] of pairs) {
    if (kind === 'Secret') data[key] = wrappedBase64(typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
    else if (typeof value === 'string') data[key] = value;
    else binaryData[key] = wrappedBase64(value);
  }
  // A Secret always has data (`{}` when empty); a ConfigMap only the maps it has keys in.
  if (Object.keys(binaryData).length > 0) manifest['binaryData'] = binaryData;
  if (Object.keys(data).length > 0 || kind === 'Secret') manifest['data'] = data;
  if (kind === 'Secret') manifest['type'] = entry.type ?? 'Opaque';
  if (immutable) manifest['immutable'] = true;

  const behavior = entry.behavior ?? 'create';
  // GetMatchingResourcesByAnyId: the current id or one a transformer replaced
  // (a base's ConfigMap that the overlay's namespace moved still answers to "").
  const matches = into.items.filter((r) => sameId(idFields(r.manifest), idFields(manifest)) || r.previousIds.some((prev) => sameId(prev, idFields(manifest))));
  if (matches.length > 1) throw new RenderError('generator-ambiguous', `${field} '${name}': ${matches.length} ${kind}s of the build answer to this name; kustomize needs exactly one`, where);
  const existing = matches[0];
  if (behavior === 'create') {
    if (existing) throw new RenderError('generator-exists', `${field} '${name}': a ${kind} with this name already exists; set behavior: merge or replace`, where);
    const resource = createResource(manifest, kfile.file, 0, false);
    resource.needsHash = !disableHash;
    into.add(resource, where);
    return;
  }
  if (!existing) {
    throw new RenderError('generator-missing', `${field} '${name}': behavior ${behavior} needs an existing ${kind} of that name (from a base)`, where);
  }
  // merge keeps the existing resource's origin annotation (appendReplaceOrMerge); replace takes the generator's.
  const kept = behavior === 'merge' ? originOf(existing.manifest) : undefined;
  absorb(existing, manifest, behavior, !disableHash);
  if (typeof kept === 'string') setOrigin(existing, kept);
}

/** kustomize's resource.Resource merge for generators: data merged or replaced, metadata maps merged. */
function absorb(existing: Resource, generated: Manifest, behavior: string, needsHash: boolean): void {
  const old = existing.manifest;
  const oldMeta = isJsonObject(old['metadata']) ? old['metadata'] : {};
  const newMeta = generated['metadata'] as JsonObject;
  for (const key of ['labels', 'annotations']) {
    const merged = { ...(isJsonObject(oldMeta[key]) ? oldMeta[key] : {}), ...(isJsonObject(newMeta[key]) ? newMeta[key] : {}) };
    if (Object.keys(merged).length > 0) oldMeta[key] = merged;
  }
  for (const field of ['data', 'binaryData']) {
    if (behavior === 'merge') {
      const merged = { ...(isJsonObject(old[field]) ? old[field] : {}), ...(isJsonObject(generated[field]) ? generated[field] : {}) };
      if (Object.keys(merged).length > 0) old[field] = merged;
    } else if (generated[field] !== undefined) old[field] = generated[field];
    else delete old[field];
  }
  // A resource that was not generated keeps its name (kubectl: a replaced plain ConfigMap gets no suffix).
  existing.needsHash = existing.needsHash && needsHash;
}

interface IdFields {
  readonly kind: unknown;
  readonly name: unknown;
  readonly namespace: unknown;
}

function idFields(m: Manifest): IdFields {
  const meta = isJsonObject(m['metadata']) ? m['metadata'] : {};
  return { kind: m['kind'], name: meta['name'], namespace: meta['namespace'] };
}

/** ResId.Equals for a ConfigMap or Secret: kind, name, and namespace with "" and default the same. */
function sameId(a: IdFields, b: IdFields): boolean {
  const ns = (id: IdFields): unknown => (id.namespace === undefined || id.namespace === '' ? 'default' : id.namespace);
  return a.kind === b.kind && a.name === b.name && ns(a) === ns(b);
}

function collectPairs(
  fs: FileReader,
  kfile: KustomizationFile,
  entry: GeneratorEntry,
  where: { file: string; line?: number },
  label: string,
  name: string,
): Map<string, PairValue> {
  const pairs = new Map<string, PairValue>();
  const put = (key: string, value: PairValue): void => {
    if (!CONFIG_KEY.test(key)) throw new RenderError('generator-key', `${label} ${name}: key '${key}' is not a valid ConfigMap or Secret key`, where);
    if (pairs.has(key)) throw new RenderError('generator-duplicate-key', `${label} ${name} illegally repeats the key \`${key}\``, where);
    pairs.set(key, value);
  };
  for (const env of entry.envs ?? []) {
    const file = readFileInside(fs, kfile, env, 'env file');
    const text = readCappedFile(fs, file);
    if (text.includes('\ufffd')) refuseInvalidUtf8Line(fs.readBytes(file), file);
    const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
    for (const raw of lines) {
      const text = raw.replace(/^\s+/, '');
      if (text === '' || text.startsWith('#')) continue;
      const eq = text.indexOf('=');
      const key = eq < 0 ? text : text.slice(0, eq);
      if (!ENV_NAME.test(key)) throw new RenderError('generator-key', `${file}: '${key}' is not a valid environment variable name`, { file });
      put(key, eq < 0 ? '' : text.slice(eq + 1));
    }
  }
  for (const literal of entry.literals ?? []) {
    const eq = literal.indexOf('=');
    if (eq <= 0) throw new RenderError('generator-literal', `invalid literal source ${literal}, expected key=value`, where);
    put(literal.slice(0, eq), removeQuotes(literal.slice(eq + 1)));
  }
  for (const source of entry.files ?? []) {
    const eq = source.indexOf('=');
    const key = eq < 0 ? source.slice(source.lastIndexOf('/') + 1) : source.slice(0, eq);
    const path = eq < 0 ? source : source.slice(eq + 1);
    if (key === '' || path === '') throw new RenderError('generator-file', `${label} ${name}: file source '${source}' needs a key and a path`, where);
    const file = readFileInside(fs, kfile, path, 'generator file');
    put(key, fileValue(fs, file));
  }
  return pairs;
}

/** kustomize refuses an env file line that is not UTF-8; we name the line, never print it (it may hold a secret). */
function refuseInvalidUtf8Line(bytes: Uint8Array, file: string): void {
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    if (!isUtf8(bytes.subarray(start, end))) throw new RenderError('generator-env-utf8', `${file}: line ${line} has invalid UTF-8 bytes`, { file });
    start = end + 1;
  }
}

/** The file's text, or its bytes when they are not valid UTF-8 (decoding them made a U+FFFD). */
function fileValue(fs: FileReader, file: string): PairValue {
  const text = readCappedFile(fs, file);
  if (!text.includes('\ufffd')) return text;
  const bytes = fs.readBytes(file);
  return isUtf8(bytes) ? text : bytes;
}

/** kyaml's encodeBase64: standard base64 in lines of 70, each ending in a newline, once it reaches 70. */
function wrappedBase64(bytes: Uint8Array): string {
  const encoded = Buffer.from(bytes).toString('base64');
  if (encoded.length < 70) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += 70) out += `${encoded.slice(i, i + 70)}\n`;
  return out;
}

function removeQuotes(text: string): string {
  if (text.length < 2 || text[0] !== text[text.length - 1]) return text;
  return text[0] === '"' || text[0] === "'" ? text.slice(1, -1) : text;
}
