/**
 * RabbitMQ's rabbitmq-env.conf (rabbitmq-env.conf(5)): a /bin/sh file the
 * startup scripts source with `.`, so its commands run and its variables
 * are the environment's without the RABBITMQ_ prefix (NODE_PORT for
 * RABBITMQ_NODE_PORT); the environment's own variable wins over the
 * file's. The official image reads /etc/rabbitmq/rabbitmq-env.conf (its
 * configuration directory); RABBITMQ_CONF_ENV_FILE names another file.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import type { ContainerFiles } from './container-files.js';
import { renderTextAt } from './volume-fills.js';

const DEFAULT_FILE = '/etc/rabbitmq/rabbitmq-env.conf';
const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * The file RabbitMQ's scripts source, when a volume could hold it (a container's mount at or
 * above it) and the container runs them (RabbitMQ's image, or a command naming rabbitmq-*);
 * undefined otherwise: an init container copying the configuration sources nothing.
 */
export function rabbitmqEnvFile(container: JsonObject, env: ReadonlyMap<string, string>): string | undefined {
  const mounts = container['volumeMounts'];
  if (!Array.isArray(mounts)) return undefined;
  const image = typeof container['image'] === 'string' ? container['image'] : '';
  if (!image.includes('rabbitmq') && !strings(container['command']).concat(strings(container['args'])).some((w) => w.includes('rabbitmq'))) return undefined;
  const file = env.get('RABBITMQ_CONF_ENV_FILE') ?? DEFAULT_FILE;
  if (!file.startsWith('/')) return undefined;
  for (const m of mounts) {
    const at = isJsonObject(m) ? m['mountPath'] : undefined;
    if (typeof at !== 'string') continue;
    const p = at.endsWith('/') ? at.replace(/\/+$/, '') : at;
    if (p === '' || (file.startsWith(p) && (file.length === p.length || file[p.length] === '/'))) return file;
  }
  return undefined;
}

/** The file's text when the render holds it: a ConfigMap's or Secret's, mounted or copied into the emptyDir there (base/rabbitmq.yaml copies its config). */
export function rabbitmqEnvText(files: ContainerFiles, file: string): string | undefined {
  // Once per render, pod and volume: the loaders and the scripts of each container that mounts it ask.
  const volume = files.volumeAt(file);
  const key = `${typeof volume?.['name'] === 'string' ? volume['name'] : ''}\0${file}`;
  let byPod = TEXTS.get(files.rendered);
  if (byPod === undefined) TEXTS.set(files.rendered, (byPod = new WeakMap<JsonObject, Map<string, string | null>>()));
  let byKey = byPod.get(files.podSpec);
  if (byKey === undefined) byPod.set(files.podSpec, (byKey = new Map<string, string | null>()));
  const known = byKey.get(key);
  if (known !== undefined) return known ?? undefined;
  const text = renderTextAt(files, file);
  byKey.set(key, text ?? null);
  return text;
}

const TEXTS = new WeakMap<object, WeakMap<JsonObject, Map<string, string | null>>>();

/** A shell value as written: quotes removed, an unquoted value's trailing comment dropped. */
function shellValue(raw: string): string {
  const v = raw.trim();
  const q = v[0];
  if ((q === '"' || q === "'") && v.indexOf(q, 1) > 0) return v.slice(1, v.indexOf(q, 1));
  return v.replace(/[ \t]+#.*$/, '');
}

/** The environment RabbitMQ's node starts with: the file's assignments as RABBITMQ_ variables, under the container's own. */
export function withRabbitmqConf(env: ReadonlyMap<string, string>, text: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = ASSIGNMENT.exec(line);
    if (m === null || m[1] === undefined || m[2] === undefined) continue;
    const name = m[1].startsWith('RABBITMQ_') ? m[1] : `RABBITMQ_${m[1]}`;
    out.set(name, shellValue(m[2]));
  }
  for (const [k, v] of env) if (v !== '' || !out.has(k)) out.set(k, v);
  return out;
}
