/**
 * ConfigMap and Secret values that look like st2 config switching auth or
 * RBAC off but that no st2 process can load (the eighth red team's
 * runbook-configmap-rbac-example: a runbook quoting `[rbac] enable = False`,
 * mounted only under /opt/runbooks of st2client's shell). ST2-HRD-005 judges
 * a config text on its own unless every chain reading it ends with the
 * section on; a text is also left to the chains when the render shows it is
 * no config at all:
 *
 * - its ConfigMap or Secret is named nowhere in the render but in pod
 *   volumes (no env reference, no script or controller naming it), and at
 *   least one pod mounts it;
 * - every container mounting it puts the file outside /etc/st2 (st2's own
 *   directory) and names neither the file nor its directory in its command,
 *   args, env or hooks (so no `--config-file`, `--config-dir`,
 *   ST2_CONFIG_PATH or script copies it anywhere).
 *
 * Only resource indexes and paths leave this module.
 */
import { isJsonObject, kindOf, type JsonObject, type Manifest } from '../core/manifest.js';
import { normalizePath } from './st2-config-files.js';
import { maySwitchOff } from './st2-config.js';

type Path = Array<string | number>;

export interface InertText {
  readonly resource: number;
  readonly path: Path;
}

interface Candidate {
  readonly resource: number;
  readonly kind: 'ConfigMap' | 'Secret';
  readonly name: string;
  readonly keys: Map<string, Path>;
}

function textsOf(r: Manifest, kind: 'ConfigMap' | 'Secret'): Map<string, Path> {
  const out = new Map<string, Path>();
  for (const field of kind === 'Secret' ? ['data', 'stringData'] : ['data']) {
    const data = r[field];
    if (!isJsonObject(data)) continue;
    for (const [key, raw] of Object.entries(data)) {
      if (typeof raw !== 'string') continue;
      const text = kind === 'Secret' && field === 'data' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
      if (maySwitchOff(text)) out.set(key, [field, key]);
    }
  }
  return out;
}

/** The volume a pod spec's volume entry takes from a candidate, and the key → file-in-volume map (undefined: every key by its name). */
function volumeSource(volume: JsonObject, c: Candidate): { items?: Map<string, string> } | undefined {
  const refs: JsonObject[] = [];
  if (c.kind === 'ConfigMap' && isJsonObject(volume['configMap']) && volume['configMap']['name'] === c.name) refs.push(volume['configMap']);
  if (c.kind === 'Secret' && isJsonObject(volume['secret']) && volume['secret']['secretName'] === c.name) refs.push(volume['secret']);
  const projected = volume['projected'];
  if (isJsonObject(projected) && Array.isArray(projected['sources'])) {
    for (const s of projected['sources']) {
      if (!isJsonObject(s)) continue;
      const ref = c.kind === 'ConfigMap' ? s['configMap'] : s['secret'];
      if (isJsonObject(ref) && ref['name'] === c.name) refs.push(ref);
    }
  }
  if (refs.length === 0) return undefined;
  const items = new Map<string, string>();
  let all = false;
  for (const ref of refs) {
    if (!Array.isArray(ref['items'])) all = true;
    else for (const it of ref['items']) if (isJsonObject(it) && typeof it['key'] === 'string' && typeof it['path'] === 'string') items.set(it['key'], it['path']);
  }
  return all ? {} : { items };
}

/** Every string of a container that could name a file: command, args, env values, hooks. */
function containerText(container: JsonObject): string {
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isJsonObject(v)) Object.values(v).forEach(walk);
  };
  for (const field of ['command', 'args', 'env', 'envFrom', 'lifecycle', 'workingDir']) walk(container[field]);
  return parts.join('\n');
}

export function collectInertTexts(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>): InertText[] {
  const candidates = new Map<string, Candidate>();
  const seen = new Map<string, number>();
  resources.forEach((r) => {
    const meta = isJsonObject(r['metadata']) ? r['metadata'] : {};
    const kind = kindOf(r);
    if ((kind === 'ConfigMap' || kind === 'Secret') && typeof meta['name'] === 'string') seen.set(meta['name'], (seen.get(meta['name']) ?? 0) + 1);
  });
  resources.forEach((r, index) => {
    const kind = kindOf(r);
    if (kind !== 'ConfigMap' && kind !== 'Secret') return;
    const meta = isJsonObject(r['metadata']) ? r['metadata'] : {};
    // A name two ConfigMaps or Secrets share (two namespaces, or one of each) is not followed.
    if (typeof meta['name'] !== 'string' || seen.get(meta['name']) !== 1) return;
    const keys = textsOf(r, kind);
    if (keys.size > 0) candidates.set(meta['name'], { resource: index, kind, name: meta['name'], keys });
  });
  if (candidates.size === 0) return [];

  // Where each candidate's name is written: only pod volume references may name it.
  const named = new Map<string, number>();
  const volumeRefs = new Map<string, number>();
  // One path stack for the walk (push and pop): a copy per node made this walk the costliest
  // part of the facts; the path is read only where a candidate's name is met.
  const path: Array<string | number> = [];
  resources.forEach((r, index) => {
    const walk = (v: unknown): void => {
      if (typeof v === 'string') {
        if (!candidates.has(v)) return;
        const own = candidates.get(v)?.resource === index && path.length === 2 && path[0] === 'metadata' && path[1] === 'name';
        if (own) return;
        named.set(v, (named.get(v) ?? 0) + 1);
        const last = path[path.length - 1];
        const parent = path[path.length - 2];
        if ((last === 'name' && parent === 'configMap') || (last === 'secretName' && parent === 'secret') || (last === 'name' && parent === 'secret' && path.includes('sources'))) {
          volumeRefs.set(v, (volumeRefs.get(v) ?? 0) + 1);
        }
      } else if (Array.isArray(v)) {
        for (let k = 0; k < v.length; k++) {
          path.push(k);
          walk(v[k]);
          path.pop();
        }
      } else if (isJsonObject(v)) {
        for (const k in v) {
          path.push(k);
          walk(v[k]);
          path.pop();
        }
      }
    };
    walk(r);
  });

  const mounted = new Set<string>();
  const spoiled = new Set<string>();
  for (const [index, paths] of specPaths) {
    const manifest = resources[index];
    if (manifest === undefined) continue;
    for (const specPath of paths) {
      let v: unknown = manifest;
      for (const k of specPath) v = Array.isArray(v) ? v[k as number] : isJsonObject(v) ? v[k as string] : undefined;
      if (!isJsonObject(v)) continue;
      const podSpec = v;
      const volumes = Array.isArray(podSpec['volumes']) ? podSpec['volumes'].filter(isJsonObject) : [];
      for (const c of candidates.values()) {
        for (const volume of volumes) {
          const source = volumeSource(volume, c);
          if (source === undefined) continue;
          for (const field of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
            const list = podSpec[field];
            if (!Array.isArray(list)) continue;
            for (const container of list) {
              if (!isJsonObject(container) || !Array.isArray(container['volumeMounts'])) continue;
              const text = containerText(container);
              for (const m of container['volumeMounts']) {
                if (!isJsonObject(m) || m['name'] !== volume['name'] || typeof m['mountPath'] !== 'string') continue;
                mounted.add(c.name);
                const dir = normalizePath(m['mountPath']);
                if (dir === undefined || typeof m['subPathExpr'] === 'string') {
                  spoiled.add(c.name);
                  continue;
                }
                const files = [...c.keys.keys()].map((key) => {
                  const inVolume = source.items === undefined ? key : source.items.get(key);
                  if (inVolume === undefined) return undefined;
                  const sub = typeof m['subPath'] === 'string' && m['subPath'] !== '' ? m['subPath'] : undefined;
                  if (sub !== undefined) return sub === inVolume ? dir : undefined;
                  return normalizePath(`${dir}/${inVolume}`);
                });
                for (const file of files) {
                  if (file === undefined) continue;
                  const parent = file.slice(0, file.lastIndexOf('/')) || '/';
                  if (file.startsWith('/etc/st2') || text.includes(file) || text.includes(parent) || text.includes(dir)) spoiled.add(c.name);
                }
              }
            }
          }
        }
      }
    }
  }

  const out: InertText[] = [];
  for (const c of candidates.values()) {
    if (!mounted.has(c.name) || spoiled.has(c.name)) continue;
    if ((named.get(c.name) ?? 0) !== (volumeRefs.get(c.name) ?? 0)) continue;
    for (const path of c.keys.values()) out.push({ resource: c.resource, path });
  }
  return out;
}
