/**
 * A store dump written by one container of a pod and sent by another (the
 * tenth red team: `mongodump --archive=/dump/st2.gz` in an init container, a
 * Python or ssh sender in the main one, an emptyDir between them). Paths are
 * read as the volume and the path inside it each container mounts, so a
 * file under /dump in one container and /data/out in the other is the same
 * file. Filled while command-effects.ts reads a render's scripts, once;
 * resolved when every container has been read.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';

interface VolumePath {
  readonly volume: string;
  /** Inside the volume, without leading or trailing slashes. */
  readonly rel: string;
}

/** The volume and the path inside it that an absolute path of a container is, if a mount covers it. */
function volumePath(container: JsonObject, path: string): VolumePath | undefined {
  let best: { mount: string; volume: string; sub: string } | undefined;
  for (const m of Array.isArray(container['volumeMounts']) ? container['volumeMounts'] : []) {
    if (!isJsonObject(m) || typeof m['mountPath'] !== 'string' || typeof m['name'] !== 'string') continue;
    const mount = m['mountPath'].replace(/\/+$/, '') || '/';
    const under = path === mount || mount === '/' || path.startsWith(`${mount}/`);
    if (under && (best === undefined || mount.length > best.mount.length)) best = { mount, volume: m['name'], sub: typeof m['subPath'] === 'string' ? m['subPath'] : '' };
  }
  if (best === undefined) return undefined;
  const inner = best.mount === '/' ? path.slice(1) : path.slice(best.mount.length + 1);
  return { volume: best.volume, rel: [best.sub, inner].filter((p) => p !== '').join('/').replace(/\/+$/, '') };
}

const related = (a: string, b: string): boolean => a === b || a === '' || b === '' || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

export class PodDumps<T> {
  private readonly dumps = new Map<string, VolumePath[]>();
  private readonly sends: Array<{ pod: string; at: VolumePath; effect: T }> = [];

  /** A dump program wrote this file (or directory) in this container. */
  wrote(pod: string, container: JsonObject, file: string): void {
    const at = volumePath(container, file);
    if (at === undefined) return;
    const list = this.dumps.get(pod) ?? [];
    list.push(at);
    this.dumps.set(pod, list);
  }

  /** A command sent this file out; the effect counts if another container dumped into it. */
  sent(pod: string, container: JsonObject, file: string, effect: T): void {
    const at = volumePath(container, file);
    if (at !== undefined) this.sends.push({ pod, at, effect });
  }

  /** The sends of files some container of the same pod dumped into. */
  resolve(): T[] {
    return this.sends.filter((s) => (this.dumps.get(s.pod) ?? []).some((d) => d.volume === s.at.volume && related(d.rel, s.at.rel))).map((s) => s.effect);
  }
}
