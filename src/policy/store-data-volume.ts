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
