/**
 * The content hash st2 pods carry in `st2-gitops/config-hash`, so that a change to the
 * st2 configuration rolls them (a Deployment only rolls when its pod template changes,
 * and `subPath` mounts never see an updated ConfigMap or Secret).
 *
 * What it covers: the st2 configuration files a pod mounts, i.e. ConfigMap `st2-config`
 * (`data`) and, where mounted, Secret `st2-config-secrets`: its `data` when the Secret is
 * in the render, else the `spec.target.template` and `spec.data` of the ExternalSecret
 * producing it (the values live in the secret store; the template decides the file).
 * The hash is sha256 over canonical JSON (keys sorted) of `{ "<Kind>/<name>": content }`.
 */
import { createHash } from 'node:crypto';
import { at, isRecord, kindOf, nameOf, recordsAt, stringAt, type Manifest } from './manifest-guards.js';

export const CONFIG_HASH_ANNOTATION = 'st2-gitops/config-hash';
const CONFIG_MAPS: readonly string[] = ['st2-config'];
const CONFIG_SECRETS: readonly string[] = ['st2-config-secrets'];

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical(value[key]);
    return out;
  }
  return value;
}

/** The config sources a pod spec mounts, in the form hashed (undefined when it mounts none). */
export function configSourcesOf(podSpec: unknown, resources: readonly Manifest[]): Record<string, unknown> | undefined {
  const sources: Record<string, unknown> = {};
  for (const volume of recordsAt(podSpec, 'volumes')) {
    const configMap = stringAt(volume, 'configMap', 'name');
    if (configMap !== undefined && CONFIG_MAPS.includes(configMap)) {
      const cm = resources.find((r) => kindOf(r) === 'ConfigMap' && nameOf(r) === configMap);
      sources[`ConfigMap/${configMap}`] = cm === undefined ? null : (at(cm, 'data') ?? null);
    }
    const secret = stringAt(volume, 'secret', 'secretName');
    if (secret !== undefined && CONFIG_SECRETS.includes(secret)) {
      const plain = resources.find((r) => kindOf(r) === 'Secret' && nameOf(r) === secret);
      const external = resources.find(
        (r) => kindOf(r) === 'ExternalSecret' && (stringAt(r, 'spec', 'target', 'name') ?? nameOf(r)) === secret,
      );
      sources[`Secret/${secret}`] =
        plain !== undefined
          ? (at(plain, 'data') ?? null)
          : external !== undefined
            ? { template: at(external, 'spec', 'target', 'template') ?? null, data: at(external, 'spec', 'data') ?? null }
            : null;
    }
  }
  return Object.keys(sources).length === 0 ? undefined : sources;
}

/** sha256 (hex) of the config sources a pod spec mounts, or undefined when it mounts none. */
export function expectedConfigHash(podSpec: unknown, resources: readonly Manifest[]): string | undefined {
  const sources = configSourcesOf(podSpec, resources);
  if (sources === undefined) return undefined;
  return createHash('sha256').update(JSON.stringify(canonical(sources))).digest('hex');
}
