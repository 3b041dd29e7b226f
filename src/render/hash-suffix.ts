/**
 * kustomize's hash suffix for generated ConfigMaps and Secrets
 * (api/hasher/hasher.go), computed once at the end of the top-level build,
 * and the name-reference pass for them (nameReference config: pod-spec
 * volumes, projected sources, env and envFrom references, imagePullSecrets)
 * so workloads point at the new names and roll when the content changes.
 *
 * Hash: sha256 of Go's json.Marshal of {"data":…,"kind":…,"name":""} (Secret:
 * plus "type"; binaryData / stringData when they are maps), first 10 hex
 * characters with 0→g, 1→h, 3→k, a→m, e→t. `name` is always "" in v5.5.0.
 */
import { createHash } from 'node:crypto';
import { groupVersionOf, isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { isClusterScoped } from '../core/resource-id.js';
import type { Resource } from './resource.js';

/** Go's encoding/json for strings: HTML characters and U+2028/U+2029 escaped, keys sorted. */
function goJson(value: unknown): string {
  if (typeof value === 'string') {
    let out = '"';
    for (const ch of value) {
      const code = ch.codePointAt(0) ?? 0;
      if (ch === '"') out += '\\"';
      else if (ch === '\\') out += '\\\\';
      else if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else if (code < 0x20 || ch === '<' || ch === '>' || ch === '&' || code === 0x2028 || code === 0x2029) {
        out += `\\u${code.toString(16).padStart(4, '0')}`;
      } else out += ch;
    }
    return `${out}"`;
  }
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isJsonObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${goJson(key)}:${goJson(value[key])}`)
      .join(',')}}`;
  }
  if (value === undefined) return 'null';
  return JSON.stringify(typeof value === 'bigint' ? Number(value) : value);
}

export function hashSuffix(manifest: Manifest): string {
  const kind = manifest['kind'];
  const input: JsonObject = { data: manifest['data'] ?? '', kind, name: '' };
  if (kind === 'ConfigMap' && isJsonObject(manifest['binaryData'])) input['binaryData'] = manifest['binaryData'];
  if (kind === 'Secret') {
    input['type'] = manifest['type'] ?? '';
    if (isJsonObject(manifest['stringData'])) input['stringData'] = manifest['stringData'];
  }
  const hex = createHash('sha256').update(goJson(input), 'utf8').digest('hex').slice(0, 10);
  return hex.replace(/[013ae]/g, (c) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[c] ?? c);
}

interface Rename {
  readonly kind: string;
  readonly namespace: string;
  readonly from: string;
  readonly to: string;
}

const effective = (namespace: unknown): string => (typeof namespace === 'string' && namespace !== '' ? namespace : 'default');

/** Renames every generated resource that needs a hash and fixes the references to it. */
export function applyHashSuffixes(resources: readonly Resource[]): void {
  const renames: Rename[] = [];
  for (const resource of resources) {
    if (!resource.needsHash) continue;
    const metadata = resource.manifest['metadata'];
    if (!isJsonObject(metadata) || typeof metadata['name'] !== 'string') continue;
    const from = metadata['name'];
    const to = `${from}-${hashSuffix(resource.manifest)}`;
    metadata['name'] = to;
    renames.push({ kind: String(resource.manifest['kind']), namespace: effective(metadata['namespace']), from, to });
  }
  if (renames.length === 0) return;
  for (const resource of resources) {
    const manifest = resource.manifest;
    const kind = manifest['kind'];
    const { group, version } = groupVersionOf(manifest);
    const metadata = isJsonObject(manifest['metadata']) ? manifest['metadata'] : {};
    const namespace = typeof kind === 'string' && isClusterScoped(group, version, kind) ? undefined : effective(metadata['namespace']);
    const lookup = (refKind: string, name: unknown): string | undefined => {
      if (typeof name !== 'string') return undefined;
      return renames.find((r) => r.kind === refKind && r.from === name && (namespace === undefined || r.namespace === namespace))?.to;
    };
    for (const podSpec of podSpecsOf(manifest)) fixPodSpec(podSpec, lookup);
    if (kind === 'ServiceAccount') fixNamed(manifest['imagePullSecrets'], 'name', (n) => lookup('Secret', n));
  }
}

function podSpecsOf(manifest: Manifest): JsonObject[] {
  const kind = manifest['kind'];
  const spec = manifest['spec'];
  if (!isJsonObject(spec)) return [];
  const at = (...path: string[]): JsonObject | undefined => {
    let node: unknown = spec;
    for (const key of path) node = isJsonObject(node) ? node[key] : undefined;
    return isJsonObject(node) ? node : undefined;
  };
  let podSpec: JsonObject | undefined;
  if (kind === 'Pod') podSpec = spec;
  else if (kind === 'CronJob') podSpec = at('jobTemplate', 'spec', 'template', 'spec');
  else if (kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'DaemonSet' || kind === 'StatefulSet' || kind === 'Job' || kind === 'ReplicationController' || kind === 'PodTemplate') {
    podSpec = kind === 'PodTemplate' ? at('spec') : at('template', 'spec');
  }
  return podSpec ? [podSpec] : [];
}

type Lookup = (kind: string, name: unknown) => string | undefined;

function fixNamed(list: unknown, key: string, rename: (name: unknown) => string | undefined): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    if (!isJsonObject(item)) continue;
    const to = rename(item[key]);
    if (to !== undefined) item[key] = to;
  }
}

function fixRef(obj: unknown, key: string, kind: string, lookup: Lookup): void {
  if (!isJsonObject(obj)) return;
  const to = lookup(kind, obj[key]);
  if (to !== undefined) obj[key] = to;
}

function fixPodSpec(podSpec: JsonObject, lookup: Lookup): void {
  const volumes = podSpec['volumes'];
  if (Array.isArray(volumes)) {
    for (const volume of volumes) {
      if (!isJsonObject(volume)) continue;
      fixRef(volume['configMap'], 'name', 'ConfigMap', lookup);
      fixRef(volume['secret'], 'secretName', 'Secret', lookup);
      const projected = volume['projected'];
      if (isJsonObject(projected) && Array.isArray(projected['sources'])) {
        for (const source of projected['sources']) {
          if (!isJsonObject(source)) continue;
          fixRef(source['configMap'], 'name', 'ConfigMap', lookup);
          fixRef(source['secret'], 'name', 'Secret', lookup);
        }
      }
    }
  }
  for (const list of ['containers', 'initContainers']) {
    const containers = podSpec[list];
    if (!Array.isArray(containers)) continue;
    for (const container of containers) {
      if (!isJsonObject(container)) continue;
      if (Array.isArray(container['env'])) {
        for (const env of container['env']) {
          const from = isJsonObject(env) ? env['valueFrom'] : undefined;
          if (!isJsonObject(from)) continue;
          fixRef(from['configMapKeyRef'], 'name', 'ConfigMap', lookup);
          fixRef(from['secretKeyRef'], 'name', 'Secret', lookup);
        }
      }
      if (Array.isArray(container['envFrom'])) {
        for (const source of container['envFrom']) {
          if (!isJsonObject(source)) continue;
          fixRef(source['configMapRef'], 'name', 'ConfigMap', lookup);
          fixRef(source['secretRef'], 'name', 'Secret', lookup);
        }
      }
    }
  }
  fixNamed(podSpec['imagePullSecrets'], 'name', (n) => lookup('Secret', n));
}
