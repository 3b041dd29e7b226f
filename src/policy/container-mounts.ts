/**
 * What backs a container's paths and variables: its mounts of claims (or the
 * StatefulSet's claim templates) and Secrets, and its env variables from Secrets
 * or plain values. command-effects.ts judges wipes, reads and sends by them.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { objectAt } from './container-walk.js';

type Path = Array<string | number>;

export interface Mount {
  readonly path: string;
  readonly volume: string;
  /** persistentVolumeClaim claimName, or the claim template's name. */
  readonly claim?: string;
  readonly template: boolean;
  readonly secret?: string;
}

/** A container's mounts with what backs them: a claim (or the StatefulSet's claim template) or a Secret. */
export function mountsOf(manifest: Manifest, specPath: Path, podSpec: JsonObject, container: JsonObject): Mount[] {
  const volumes = new Map<string, JsonObject>();
  for (const v of Array.isArray(podSpec['volumes']) ? podSpec['volumes'] : []) if (isJsonObject(v) && typeof v['name'] === 'string') volumes.set(v['name'], v);
  // The claim templates sit beside the pod template (spec.volumeClaimTemplates of spec.template.spec).
  const owner = specPath.length >= 2 ? objectAt(manifest, specPath.slice(0, -2)) : undefined;
  const templates = new Set(
    (owner !== undefined && Array.isArray(owner['volumeClaimTemplates']) ? owner['volumeClaimTemplates'] : [])
      .map((t) => (isJsonObject(t) && isJsonObject(t['metadata']) ? t['metadata']['name'] : undefined))
      .filter((n): n is string => typeof n === 'string'),
  );
  const mounts: Mount[] = [];
  for (const m of Array.isArray(container['volumeMounts']) ? container['volumeMounts'] : []) {
    if (!isJsonObject(m) || typeof m['mountPath'] !== 'string' || typeof m['name'] !== 'string') continue;
    const path = m['mountPath'].replace(/\/+$/, '') || '/';
    const v = volumes.get(m['name']);
    const pvc = v !== undefined && isJsonObject(v['persistentVolumeClaim']) ? v['persistentVolumeClaim']['claimName'] : undefined;
    const secret = v !== undefined ? secretOf(v) : undefined;
    if (typeof pvc === 'string') mounts.push({ path, volume: m['name'], claim: pvc, template: false });
    else if (v === undefined && templates.has(m['name'])) mounts.push({ path, volume: m['name'], claim: m['name'], template: true });
    else if (secret !== undefined) mounts.push({ path, volume: m['name'], template: false, secret });
  }
  return mounts;
}

function secretOf(v: JsonObject): string | undefined {
  const s = v['secret'];
  if (isJsonObject(s) && typeof s['secretName'] === 'string') return s['secretName'];
  const projected = v['projected'];
  if (!isJsonObject(projected) || !Array.isArray(projected['sources'])) return undefined;
  for (const src of projected['sources']) if (isJsonObject(src) && isJsonObject(src['secret']) && typeof src['secret']['name'] === 'string') return src['secret']['name'];
  return undefined;
}

/** The mount a path is at or under (the deepest), or a mount under the path (rm -rf of a parent). */
export function mountsHit(mounts: readonly Mount[], path: string, parentToo: boolean): Mount[] {
  const p = path.replace(/\/+$/, '') || '/';
  const under = mounts.filter((m) => p === m.path || p.startsWith(`${m.path}/`) || m.path === '/').sort((a, b) => b.path.length - a.path.length);
  const deeper = parentToo ? mounts.filter((m) => m.path.startsWith(p === '/' ? '/' : `${p}/`)) : [];
  return [...under.slice(0, 1), ...deeper];
}

/** A container's env variables that come from Secrets: name → Secret. */
export function secretVars(container: JsonObject, secretKeys: (name: string) => readonly string[]): Map<string, string> {
  const vars = new Map<string, string>();
  for (const e of Array.isArray(container['env']) ? container['env'] : []) {
    if (!isJsonObject(e) || typeof e['name'] !== 'string' || !isJsonObject(e['valueFrom'])) continue;
    const ref = e['valueFrom']['secretKeyRef'];
    if (isJsonObject(ref) && typeof ref['name'] === 'string') vars.set(e['name'], ref['name']);
  }
  for (const f of Array.isArray(container['envFrom']) ? container['envFrom'] : []) {
    if (!isJsonObject(f) || !isJsonObject(f['secretRef']) || typeof f['secretRef']['name'] !== 'string') continue;
    const prefix = typeof f['prefix'] === 'string' ? f['prefix'] : '';
    for (const key of secretKeys(f['secretRef']['name'])) vars.set(`${prefix}${key}`, f['secretRef']['name']);
  }
  return vars;
}

/** Plain env values (not Secrets'), for destinations written as $VAR. */
export function literalVars(container: JsonObject): Map<string, string> {
  const vars = new Map<string, string>();
  for (const e of Array.isArray(container['env']) ? container['env'] : []) if (isJsonObject(e) && typeof e['name'] === 'string' && typeof e['value'] === 'string') vars.set(e['name'], e['value']);
  return vars;
}
