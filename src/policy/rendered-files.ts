/**
 * The render's ConfigMaps, Secrets and ExternalSecret targets as files (by
 * namespace, kind and name), and the files one volume of a pod shows of them
 * (container-files.ts resolves a container's paths through them). A Secret an
 * ExternalSecret writes holds the template the render gives it, or values from
 * the secret store: unreadable.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { namespaceOf, normalizePath, type ConfigFile } from './st2-config-files.js';

/** The files of one ConfigMap or Secret (by file name), or why its content is unknown. */
export type Projection = { readonly files: Map<string, ConfigFile>; readonly rest?: string } | { readonly unreadable: string };

/** The render's ConfigMaps, Secrets and ExternalSecret targets, by namespace/kind/name. */
export class RenderedFiles {
  private readonly byName = new Map<string, Projection>();

  /** `namespace`: where a resource without one lands (the policies' lib.namespace). */
  constructor(resources: readonly Manifest[], namespace: string) {
    resources.forEach((r, index) => {
      const kind = r['kind'];
      const meta = isJsonObject(r['metadata']) ? r['metadata'] : {};
      const name = meta['name'];
      const ns = namespaceOf(r, namespace);
      if (typeof name !== 'string') return;
      if (kind === 'ConfigMap' || kind === 'Secret') {
        // A Secret an ExternalSecret also writes holds what the store says, whatever the render has.
        if (!this.byName.has(`${ns}/${kind}/${name}`)) this.byName.set(`${ns}/${kind}/${name}`, { files: keyedFiles(r, index, kind) });
      } else if (kind === 'ExternalSecret') {
        const spec = isJsonObject(r['spec']) ? r['spec'] : {};
        const target = isJsonObject(spec['target']) ? spec['target'] : {};
        const targetName = typeof target['name'] === 'string' ? target['name'] : name;
        this.byName.set(`${ns}/Secret/${targetName}`, externalSecretFiles(target, index, spec));
      }
    });
  }

  projection(ns: string, kind: 'ConfigMap' | 'Secret', name: string): Projection {
    return this.byName.get(`${ns}/${kind}/${name}`) ?? { unreadable: `${kind} ${name} is not in the render` };
  }
}

function keyedFiles(r: Manifest, index: number, kind: string): Map<string, ConfigFile> {
  const files = new Map<string, ConfigFile>();
  const fields = kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'];
  for (const field of fields) {
    const data = r[field];
    if (!isJsonObject(data)) continue;
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== 'string') continue;
      const text = field === 'data' && kind === 'ConfigMap' ? value : field === 'stringData' ? value : Buffer.from(value, 'base64').toString('utf8');
      files.set(key, { kind: 'text', text, source: { resource: index, path: [field, key] } });
    }
  }
  return files;
}

/**
 * The Secret an ExternalSecret writes: a key of `target.template.data` is
 * that template (its placeholders are values from the store, judged by
 * st2-chains.ts); every other key holds a value from the secret store, and a
 * template from `templateFrom` is not followed: unreadable.
 */
function externalSecretFiles(target: JsonObject, index: number, spec: JsonObject): Projection {
  const template = isJsonObject(target['template']) ? target['template'] : undefined;
  if (template === undefined) return storeKeys(target, spec) ?? { unreadable: 'its ExternalSecret copies values from the secret store' };
  if (Array.isArray(template['templateFrom']) && template['templateFrom'].length > 0) return { unreadable: 'its ExternalSecret template comes from templateFrom' };
  const files = new Map<string, ConfigFile>();
  const data = isJsonObject(template['data']) ? template['data'] : {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string') files.set(key, { kind: 'text', text: value, template: true, source: { resource: index, path: ['spec', 'target', 'template', 'data', key] } });
  }
  // With mergePolicy Merge the store's own keys are written too: any other name may exist.
  if (template['mergePolicy'] === 'Merge') return { unreadable: 'its ExternalSecret merges values from the secret store' };
  return { files };
}

/**
 * The keys of a Secret an ExternalSecret without a template writes, when
 * they are known: exactly the `spec.data` secretKeys (contents from the
 * store, unreadable), nothing from `dataFrom`, and the Secret owned by the
 * ExternalSecret (creationPolicy Owner, the default) so no other key stays.
 */
function storeKeys(target: JsonObject, spec: JsonObject): Projection | undefined {
  if (Array.isArray(spec['dataFrom']) && spec['dataFrom'].length > 0) return undefined;
  if (target['creationPolicy'] !== undefined && target['creationPolicy'] !== 'Owner') return undefined;
  if (!Array.isArray(spec['data'])) return undefined;
  const files = new Map<string, ConfigFile>();
  for (const d of spec['data']) {
    if (isJsonObject(d) && typeof d['secretKey'] === 'string') files.set(d['secretKey'], { kind: 'unreadable', why: `${d['secretKey']} comes from the secret store` });
  }
  return { files };
}

/** The files one volume shows, by their path inside the volume. */
export function volumeFiles(volume: JsonObject, ns: string, rendered: RenderedFiles): Projection {
  const one = (kind: 'ConfigMap' | 'Secret', ref: JsonObject, nameField: string): Projection => {
    const name = ref[nameField];
    if (typeof name !== 'string') return { unreadable: `a ${kind} volume without a name` };
    const all = rendered.projection(ns, kind, name);
    const items = ref['items'];
    if (!('files' in all) || !Array.isArray(items)) return all;
    const files = new Map<string, ConfigFile>();
    for (const item of items) {
      if (!isJsonObject(item) || typeof item['key'] !== 'string' || typeof item['path'] !== 'string') continue;
      const path = normalizePath(`/${item['path']}`)?.slice(1);
      if (path !== undefined) files.set(path, all.files.get(item['key']) ?? { kind: 'absent' });
    }
    return { files };
  };
  if (isJsonObject(volume['configMap'])) return one('ConfigMap', volume['configMap'], 'name');
  if (isJsonObject(volume['secret'])) return one('Secret', volume['secret'], 'secretName');
  const projected = volume['projected'];
  if (isJsonObject(projected) && Array.isArray(projected['sources'])) {
    const files = new Map<string, ConfigFile>();
    let unreadable: string | undefined;
    for (const source of projected['sources']) {
      if (!isJsonObject(source)) continue;
      const part = isJsonObject(source['configMap'])
        ? one('ConfigMap', source['configMap'], 'name')
        : isJsonObject(source['secret'])
          ? one('Secret', source['secret'], 'name')
          : { unreadable: 'a projected downward API, token or bundle file' };
      if ('unreadable' in part) unreadable ??= part.unreadable;
      else for (const [k, v] of part.files) files.set(k, v);
    }
    // What an unreadable source may put beside the files known makes every other name unknown.
    return unreadable === undefined ? { files } : { files, rest: unreadable };
  }
  return { unreadable: `a ${Object.keys(volume).find((k) => k !== 'name') ?? 'unknown'} volume` };
}
