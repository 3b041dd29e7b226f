/**
 * ExternalSecrets that write the secret store's values into an object other
 * than a Secret (ST2-SEC-035): External Secrets Operator's generic targets,
 * `spec.target.manifest: {apiVersion, kind}` (external-secrets.io guide
 * "Targeting Custom Resources", enabled by the controller's
 * --unsafe-allow-generic-targets). A ConfigMap or a custom resource is not
 * encrypted at rest and is readable by every account with `view` on the
 * namespace (the guide's own warning): st2's database and bus passwords
 * there are everyone's. The target is judged by what the ExternalSecret
 * fetches: a key, property or remote key named like a credential, a
 * template key so named, or `dataFrom` (every key of a remote secret, or a
 * generator's password). Settings fetched from the store (a database host,
 * an endpoint) may go to a ConfigMap, as the guide's example does.
 *
 * Only indexes, paths, kinds and the reason leave this module.
 */
import { isJsonObject, kindOf, type JsonObject, type Manifest } from '../core/manifest.js';
import { isCredentialName } from './credential-values.js';

type Path = Array<string | number>;

export interface EsoTargetFact {
  readonly resource: number;
  readonly path: Path;
  /** The object kind the ExternalSecret writes. */
  readonly kind: string;
  /** credential-key (with the key's name) or data-from. */
  readonly writes: string;
}

const lastSegment = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

/** What makes the fetched values credentials: the first credential-named key, or dataFrom. */
function fetchesCredentials(spec: JsonObject): string | undefined {
  const dataFrom = spec['dataFrom'];
  if (Array.isArray(dataFrom) && dataFrom.length > 0) return 'data-from';
  const data = spec['data'];
  for (const d of Array.isArray(data) ? data : []) {
    if (!isJsonObject(d)) continue;
    const ref = isJsonObject(d['remoteRef']) ? d['remoteRef'] : {};
    for (const name of [d['secretKey'], ref['property'], typeof ref['key'] === 'string' ? lastSegment(ref['key']) : undefined]) {
      if (typeof name === 'string' && isCredentialName(name)) return `credential-key ${name}`;
    }
  }
  const target = isJsonObject(spec['target']) ? spec['target'] : {};
  const template = isJsonObject(target['template']) ? target['template'] : {};
  const written = isJsonObject(template['data']) ? Object.keys(template['data']) : [];
  const named = written.find(isCredentialName);
  return named === undefined ? undefined : `credential-key ${named}`;
}

/** An ExternalSecret's spec, or a ClusterExternalSecret's externalSecretSpec, where it is in the resource. */
export interface ExternalSecretSpec {
  readonly index: number;
  readonly base: Path;
  readonly spec: JsonObject;
}

/** Every (Cluster)ExternalSecret's spec of the render. */
export function externalSecretSpecs(resources: readonly Manifest[]): ExternalSecretSpec[] {
  const out: ExternalSecretSpec[] = [];
  resources.forEach((r, index) => {
    const kind = kindOf(r);
    if (kind !== 'ExternalSecret' && kind !== 'ClusterExternalSecret') return;
    const base: Path = kind === 'ClusterExternalSecret' ? ['spec', 'externalSecretSpec'] : ['spec'];
    let spec: unknown = r;
    for (const k of base) spec = isJsonObject(spec) ? spec[k as string] : undefined;
    if (isJsonObject(spec)) out.push({ index, base, spec });
  });
  return out;
}

export function esoGenericTargets(resources: readonly Manifest[]): EsoTargetFact[] {
  const out: EsoTargetFact[] = [];
  for (const { index, base, spec } of externalSecretSpecs(resources)) {
    if (!isJsonObject(spec['target'])) continue;
    const manifest = spec['target']['manifest'];
    if (!isJsonObject(manifest)) continue;
    const target = typeof manifest['kind'] === 'string' ? manifest['kind'] : '';
    const group = typeof manifest['apiVersion'] === 'string' ? manifest['apiVersion'] : 'v1';
    // A manifest naming the core Secret is the default target.
    if (target === 'Secret' && group === 'v1') continue;
    const writes = fetchesCredentials(spec);
    if (writes !== undefined) out.push({ resource: index, path: [...base, 'target', 'manifest'], kind: target === '' ? '(none)' : target, writes });
  }
  return out;
}
