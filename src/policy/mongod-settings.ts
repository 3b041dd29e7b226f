/**
 * How mongod reads its settings, for the store facts: its argv as Boost's
 * program_options reads it (after the official image's entrypoint, which runs
 * mongod for a first argument starting with `-`), the YAML file of
 * `--config`, and the mode its keyfile ends up with.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import { storeOfImage } from './store-images.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A Boost program_options argv: every value of an option (`--name v`, `--name=v`); a bare switch gives ''. */
export function optionValues(words: readonly string[], names: readonly string[], takesValue: boolean): string[] {
  const out: string[] = [];
  words.forEach((w, k) => {
    for (const name of names) {
      if (w === name) out.push(takesValue ? (words[k + 1] ?? '') : '');
      else if (w.startsWith(`${name}=`)) out.push(w.slice(name.length + 1));
    }
  });
  return out;
}

export const LOOPBACK = /^(?:localhost|127(?:\.[0-9]{1,3}){3}|::1|\/.*\.sock)$/i;

/** The mongod argv a container runs (the official image's entrypoint adds mongod before flags), or undefined. */
export function mongodArgv(container: JsonObject): string[] | undefined {
  const command = strings(container['command']);
  const args = strings(container['args']);
  const argv = [...command, ...args];
  const program = (argv[0] ?? '').split('/').pop() ?? '';
  if (program === 'mongod') return argv.slice(1);
  if (command.length === 0 && storeOfImage(container['image']) === 'mongodb') {
    if (args.length === 0 || (args[0] ?? '').startsWith('-')) return args;
    if ((args[0] ?? '').split('/').pop() === 'mongod') return args.slice(1);
  }
  // docker-entrypoint.sh mongod ... (the entrypoint named explicitly)
  if (/docker-entrypoint/.test(program) && (argv[1] === 'mongod' || (argv[1] ?? '').startsWith('-'))) return argv.slice(argv[1] === 'mongod' ? 2 : 1);
  return undefined;
}

export interface MongodConfig {
  bindIp?: string;
  bindIpAll?: boolean;
  cacheGB?: number;
  dbPath?: string;
  journal?: boolean;
  replSetName?: string;
  keyFile?: string;
  port?: number;
  engine?: string;
  clusterAuthMode?: string;
  tlsMode?: string;
  /** net.tls.certificateKeyFile (net.ssl.PEMKeyFile), or a certificateSelector: the server certificate TLS needs. */
  tlsCertificate?: string;
  transitionToAuth?: boolean;
  authorization?: string;
  maxConns?: number;
  authMechanisms?: string;
}

/** The settings the facts read from a mongod YAML config (dotted keys, as the docs write them, nested or flat). */
export function mongodConfig(text: string): MongodConfig {
  const out: MongodConfig = {};
  const path: Array<{ indent: number; key: string }> = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    const m = /^(\s*)([A-Za-z][A-Za-z0-9_.]*)\s*:\s*(.*)$/.exec(line);
    if (m === null) continue;
    const indent = (m[1] ?? '').length;
    while (path.length > 0 && (path[path.length - 1]?.indent ?? 0) >= indent) path.pop();
    const key = [...path.map((p) => p.key), m[2] ?? ''].join('.');
    const value = (m[3] ?? '').trim().replace(/^["']|["']$/g, '');
    if (value === '') path.push({ indent, key: m[2] ?? '' });
    else if (key === 'net.bindIp') out.bindIp = value;
    else if (key === 'net.bindIpAll') out.bindIpAll = value === 'true';
    else if (key === 'storage.wiredTiger.engineConfig.cacheSizeGB') out.cacheGB = Number(value);
    else if (key === 'storage.dbPath') out.dbPath = value;
    else if (key === 'storage.journal.enabled') out.journal = value !== 'false';
    else if (key === 'replication.replSetName' || key === 'replication.replSet') out.replSetName = value;
    else if (key === 'security.keyFile') out.keyFile = value;
    else if (key === 'net.port') out.port = Number(value);
    else if (key === 'storage.engine') out.engine = value;
    else if (key === 'security.clusterAuthMode') out.clusterAuthMode = value;
    else if (key === 'net.tls.mode' || key === 'net.ssl.mode') out.tlsMode = value;
    else if (/^net\.(?:tls\.certificateKeyFile|ssl\.PEMKeyFile|tls\.certificateSelector|ssl\.certificateSelector)$/.test(key)) out.tlsCertificate = value;
    else if (key === 'security.transitionToAuth') out.transitionToAuth = value === 'true';
    else if (key === 'security.authorization') out.authorization = value;
    else if (key === 'net.maxIncomingConnections') out.maxConns = Number(value);
    else if (key === 'setParameter.authenticationMechanisms') out.authMechanisms = value;
  }
  return out;
}

/**
 * The mode mongod finds its keyfile with (it refuses any group or other bit):
 * the last `chmod` (or `install -m`) of that path in the pod's scripts, else
 * the Secret, ConfigMap or projected volume it is mounted from (defaultMode,
 * 0644 when unset; fsGroup adds group read). Undefined when nothing says.
 */
export function keyFileMode(podSpec: JsonObject, container: JsonObject, keyFile: string): number | undefined {
  let mode: number | undefined;
  for (const field of ['initContainers', 'containers'] as const) {
    const list = Array.isArray(podSpec[field]) ? podSpec[field].filter(isJsonObject) : [];
    for (const c of list) {
      const script = [...strings(c['command']), ...strings(c['args'])].join(' ');
      if (!script.includes(keyFile)) continue;
      for (const m of script.matchAll(/\bchmod\s+(?:-[A-Za-z]+\s+)*([0-7]{3,4}|[ugoa]*[-+=][rwxXst]*(?:,[ugoa]*[-+=][rwxXst]*)*)\s+([^\s;&|]+)/g)) {
        if (m[2] === keyFile) mode = modeOf(m[1] ?? '', mode ?? 0o644);
      }
      for (const m of script.matchAll(/\binstall\s[^;&|\n]*?-m\s*([0-7]{3,4})\s[^;&|\n]*?([^\s;&|]+)(?=\s*(?:$|[;&|\n]))/g)) {
        if (m[2] === keyFile) mode = parseInt(m[1] ?? '', 8);
      }
    }
  }
  if (mode !== undefined) return mode;
  // Mounted straight from a Secret, ConfigMap or projected volume.
  const mounts = Array.isArray(container['volumeMounts']) ? container['volumeMounts'].filter(isJsonObject) : [];
  const volumes = Array.isArray(podSpec['volumes']) ? podSpec['volumes'].filter(isJsonObject) : [];
  for (const m of mounts) {
    const at = typeof m['mountPath'] === 'string' ? m['mountPath'].replace(/\/+$/, '') : '';
    if (at === '' || !(keyFile === at || keyFile.startsWith(`${at}/`))) continue;
    const volume = volumes.find((v) => v['name'] === m['name']);
    const source = volume === undefined ? undefined : (['secret', 'configMap', 'projected'] as const).map((k) => volume[k]).find(isJsonObject);
    if (source === undefined) continue;
    let bits = typeof source['defaultMode'] === 'number' ? source['defaultMode'] : 0o644;
    const items = Array.isArray(source['items']) ? source['items'].filter(isJsonObject) : [];
    for (const item of items) if (typeof item['mode'] === 'number') bits = item['mode'];
    const security = isJsonObject(podSpec['securityContext']) ? podSpec['securityContext'] : {};
    if (typeof security['fsGroup'] === 'number') bits |= 0o040;
    return bits;
  }
  return undefined;
}

/** A chmod mode applied to `from`: octal, or symbolic clauses (`go-rwx`, `u=r`, `a+r`). */
function modeOf(spec: string, from: number): number {
  if (/^[0-7]+$/.test(spec)) return parseInt(spec, 8);
  let mode = from;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (m === null) return 0o777;
    const who = m[1] === '' || (m[1] ?? '').includes('a') ? 'ugo' : (m[1] ?? '');
    const perms = (m[3] ?? '').replace(/[Xst]/g, '');
    let bits = 0;
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      for (const p of perms) bits |= (p === 'r' ? 4 : p === 'w' ? 2 : 1) << shift;
    }
    const mask = [...who].reduce((acc, w) => acc | (7 << (w === 'u' ? 6 : w === 'g' ? 3 : 0)), 0);
    mode = m[2] === '+' ? mode | bits : m[2] === '-' ? mode & ~bits : (mode & ~mask) | bits;
  }
  return mode;
}
