/**
 * What keeps a path a container writes: the volume mounted deepest at or
 * above it, as the kubelet mounts them. A StatefulSet's claim template of the
 * same name replaces the pod template's volume (the StatefulSet controller
 * sets the claim on every pod it creates). Only a PersistentVolumeClaim
 * outlives the pod; an emptyDir, an inline ephemeral or CSI volume, or the
 * container's own filesystem (no mount at all) is gone with it.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { objectAt } from './container-walk.js';
import { normalizePath } from './st2-config-files.js';

type Path = Array<string | number>;

/** 'persistentVolumeClaim' for a claim (or claim template); otherwise the volume's type, or 'container-filesystem'. */
export function volumeKindAt(manifest: Manifest, specPath: Path, podSpec: JsonObject, container: JsonObject, path: string): string | undefined {
  const target = normalizePath(path);
  if (target === undefined) return undefined;
  const mounts = Array.isArray(container['volumeMounts']) ? container['volumeMounts'].filter(isJsonObject) : [];
  let best: { at: string; name: unknown } | undefined;
  for (const m of mounts) {
    const at = typeof m['mountPath'] === 'string' ? normalizePath(m['mountPath']) : undefined;
    if (at === undefined) continue;
    const covers = at === target || at === '/' || target.startsWith(`${at}/`);
    if (covers && (best === undefined || at.length >= best.at.length)) best = { at, name: m['name'] };
  }
  if (best === undefined) return 'container-filesystem';
  const owner = objectAt(manifest, specPath.slice(0, -2));
  const templates = owner !== undefined && Array.isArray(owner['volumeClaimTemplates']) ? owner['volumeClaimTemplates'].filter(isJsonObject) : [];
  if (specPath.length >= 2 && templates.some((t) => isJsonObject(t['metadata']) && t['metadata']['name'] === best.name)) return 'persistentVolumeClaim';
  const volumes = Array.isArray(podSpec['volumes']) ? podSpec['volumes'].filter(isJsonObject) : [];
  const volume = volumes.find((v) => v['name'] === best.name);
  if (volume === undefined) return undefined;
  const type = Object.keys(volume).find((k) => k !== 'name');
  return type;
}

export const PERSISTENT = new Set(['persistentVolumeClaim']);

/**
 * Where a path lands inside a claim: the claim (template or volume) mounted
 * deepest above it and the path below the claim's root (the mount's subPath
 * first); undefined when no claim holds it.
 */
export function claimPathAt(manifest: Manifest, specPath: Path, podSpec: JsonObject, container: JsonObject, path: string): { claim: string; rel: string } | undefined {
  const target = normalizePath(path);
  if (target === undefined) return undefined;
  const mounts = Array.isArray(container['volumeMounts']) ? container['volumeMounts'].filter(isJsonObject) : [];
  let best: { at: string; mount: JsonObject } | undefined;
  for (const m of mounts) {
    const at = typeof m['mountPath'] === 'string' ? normalizePath(m['mountPath']) : undefined;
    if (at === undefined) continue;
    const covers = at === target || at === '/' || target.startsWith(`${at}/`);
    if (covers && (best === undefined || at.length >= best.at.length)) best = { at, mount: m };
  }
  if (best === undefined || volumeKindAt(manifest, specPath, podSpec, container, path) !== 'persistentVolumeClaim') return undefined;
  const below = target.slice(best.at === '/' ? 1 : best.at.length + 1);
  const sub = typeof best.mount['subPath'] === 'string' ? best.mount['subPath'].replace(/^\/+|\/+$/g, '') : '';
  return { claim: String(best.mount['name']), rel: [sub, below].filter((p) => p !== '').join('/') };
}
