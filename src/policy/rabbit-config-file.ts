/**
 * RABBITMQ_CONFIG_FILE pointing where no file is (the sixteenth round): the
 * node then starts without rabbitmq.conf, so without the render's peer list,
 * partition handling, listeners and definitions (rabbit_prelaunch_conf: a
 * path without extension is tried as itself, `.conf` and `.config`; none
 * there, the node boots on defaults). Judged only where the render shows what
 * the directory holds: a mounted ConfigMap or Secret without that key, or an
 * emptyDir whose writers copy the render's files in and name no such file.
 */
import { isJsonObject } from '../core/manifest.js';
import type { ContainerFiles } from './container-files.js';
import { emptyDirFill } from './volume-fills.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The pod's commands and args, for a file name a writer the gate cannot follow may name. */
function podScripts(files: ContainerFiles): string {
  const out: string[] = [];
  for (const field of ['initContainers', 'containers']) {
    for (const c of Array.isArray(files.podSpec[field]) ? files.podSpec[field] : []) if (isJsonObject(c)) out.push(...strings(c['command']), ...strings(c['args']));
  }
  return out.join('\n');
}

/** Whether a script names a file: the name as a whole path component, not inside another word. */
function namesFile(script: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[\\s/'"=:])${escaped}(?=$|[\\s'";&|)>])`, 'm').test(script);
}

/** Whether the file a RabbitMQ container's RABBITMQ_CONFIG_FILE names is known not to be there. */
export function rabbitConfigMissing(configFile: string, files: ContainerFiles): boolean {
  const path = configFile.trim();
  if (!path.startsWith('/') || path.includes('$')) return false;
  const candidates = /\.(?:conf|config)$/.test(path) ? [path] : [path, `${path}.conf`, `${path}.config`];
  return candidates.every((candidate) => {
    if (!files.isMounted(candidate)) return false;
    const file = files.file(candidate);
    if (file.kind === 'absent') return true;
    if (file.kind === 'text') return false;
    const fill = emptyDirFill(files, candidate.slice(0, candidate.lastIndexOf('/')) || '/');
    if (fill === undefined) return false;
    if (fill.copied.some((c) => c.file === candidate)) return false;
    // A writer the gate cannot follow (a heredoc, a script) may write it: only when no command names the file.
    return !namesFile(podScripts(files), candidate.slice(candidate.lastIndexOf('/') + 1));
  });
}
