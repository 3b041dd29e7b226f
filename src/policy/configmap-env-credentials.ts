/**
 * A credential a container takes into its environment from a ConfigMap key
 * (the twelfth red team's planted-st2-password-in-cm and
 * planted-cm-envfrom-apikey): `envFrom: [{configMapRef}]` (with its `prefix`)
 * or `env[].valueFrom.configMapKeyRef`. The process sees the same
 * `ST2_AUTH_PASSWORD` or `ST2_API_KEY` as from an env literal (ST2-SEC-013's
 * `env-literal`), and the value is as much in git, and readable by everyone
 * with `view` on the namespace. Judged by the variable the container sees
 * (prefix + key, or the env entry's name) and by the ConfigMap key's own
 * name; reported once per ConfigMap key, where the value is written.
 * ConfigMaps of settings (`ST2_API_URL`, `token_ttl`) are not credentials.
 */
import { isJsonObject, kindOf, type JsonObject, type Manifest } from '../core/manifest.js';
import { forEachContainer, type ContainerField } from './container-walk.js';
import { isCredentialName, isLiteralCredential } from './credential-values.js';

type Path = Array<string | number>;

export interface ConfigMapEnvCredential {
  readonly resource: number;
  readonly path: Path;
  /** The variable the container sees (never the value). */
  readonly key: string;
  readonly kind: 'env-configmap';
}

const FIELDS: readonly ContainerField[] = ['containers', 'initContainers', 'ephemeralContainers'];

interface Held {
  readonly index: number;
  readonly namespace: string;
  readonly data: JsonObject;
}

function namespaceOf(m: Manifest): string {
  const metadata = m['metadata'];
  const ns = isJsonObject(metadata) ? metadata['namespace'] : undefined;
  return typeof ns === 'string' ? ns : '';
}

/** ConfigMaps by name (a pod reads its own namespace's; a namespace-less one lands with the pod). */
function configMaps(resources: readonly Manifest[]): Map<string, Held[]> {
  const out = new Map<string, Held[]>();
  resources.forEach((r, index) => {
    if (kindOf(r) !== 'ConfigMap' || !isJsonObject(r['data'])) return;
    const metadata = r['metadata'];
    const name = isJsonObject(metadata) ? metadata['name'] : undefined;
    if (typeof name !== 'string') return;
    out.set(name, [...(out.get(name) ?? []), { index, namespace: namespaceOf(r), data: r['data'] }]);
  });
  return out;
}

export function configMapEnvCredentials(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>): ConfigMapEnvCredential[] {
  const out: ConfigMapEnvCredential[] = [];
  let byName: Map<string, Held[]> | undefined;
  const seen = new Set<string>();
  // Every pod of a render loads the same ConfigMaps: each (ConfigMap, prefix, namespace) judged once.
  const judged = new Set<string>();
  const judge = (podNs: string, name: unknown, key: string, variable: string): void => {
    if (typeof name !== 'string') return;
    for (const held of (byName ??= configMaps(resources)).get(name) ?? []) {
      if (held.namespace !== '' && podNs !== '' && held.namespace !== podNs) continue;
      const value = held.data[key];
      if (typeof value !== 'string' || !(isCredentialName(variable) || isCredentialName(key)) || !isLiteralCredential(value)) continue;
      const id = `${held.index}\u0000${key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ resource: held.index, path: ['data', key], key: variable, kind: 'env-configmap' });
    }
  };
  forEachContainer(resources, specPaths, FIELDS, ({ manifest, container }) => {
    const envFrom = container['envFrom'];
    const env = container['env'];
    if (!Array.isArray(envFrom) && !Array.isArray(env)) return;
    const podNs = namespaceOf(manifest);
    if (Array.isArray(envFrom)) {
      for (const source of envFrom) {
        const ref = isJsonObject(source) ? source['configMapRef'] : undefined;
        if (!isJsonObject(source) || !isJsonObject(ref)) continue;
        const prefix = typeof source['prefix'] === 'string' ? source['prefix'] : '';
        const once = `${String(ref['name'])}\u0000${prefix}\u0000${podNs}`;
        if (judged.has(once)) continue;
        judged.add(once);
        const held = typeof ref['name'] === 'string' ? (byName ??= configMaps(resources)).get(ref['name']) : undefined;
        for (const h of held ?? []) for (const key of Object.keys(h.data)) judge(podNs, ref['name'], key, `${prefix}${key}`);
      }
    }
    if (Array.isArray(env)) {
      for (const e of env) {
        const from = isJsonObject(e) ? e['valueFrom'] : undefined;
        const ref = isJsonObject(from) ? from['configMapKeyRef'] : undefined;
        if (isJsonObject(e) && isJsonObject(ref) && typeof e['name'] === 'string' && typeof ref['key'] === 'string') judge(podNs, ref['name'], ref['key'], e['name']);
      }
    }
  });
  return out;
}
