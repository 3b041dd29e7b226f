/**
 * Where pip and git take code from when a container's environment or files
 * say so rather than st2.conf (the twelfth red team): st2 builds every pack's
 * virtualenv with pip and `st2 pack install` clones with git, in the runners.
 *
 * - pip reads any `PIP_<OPTION>` variable (the prefix in capitals, the rest in
 *   any case, `_` for `-`: pip's configuration.py) and INI files: PIP_CONFIG_FILE,
 *   /etc/xdg/pip/pip.conf (XDG_CONFIG_DIRS), /etc/pip.conf,
 *   $HOME/.config/pip/pip.conf (XDG_CONFIG_HOME), $HOME/.pip/pip.conf and the
 *   environment's own pip.conf (pip docs, Configuration). Options judged:
 *   index-url, extra-index-url, find-links, trusted-host, in any section;
 * - git reads GIT_CONFIG_COUNT with GIT_CONFIG_KEY_<n>/GIT_CONFIG_VALUE_<n>,
 *   GIT_CONFIG_PARAMETERS (what `git -c` hands down: `'key'='value'` or
 *   `'key=value'`), GIT_CONFIG_GLOBAL / GIT_CONFIG_SYSTEM, /etc/gitconfig,
 *   $HOME/.gitconfig and $XDG_CONFIG_HOME/git/config (git-config(1)). Keys
 *   judged: `url.<base>.insteadOf` (every URL starting with the value is
 *   fetched from <base>) and `http[.<url>].sslVerify` off.
 *
 * Only what a file the render mounts says is read (the image's own files are
 * the image's); a file is also found by its name wherever it is mounted
 * (`.../pip.conf`, `.../.gitconfig`). Hosts only: a URL's credentials never
 * leave. The caller (egress-env.ts) reports each as an install source of
 * ST2-SEC-024.
 */
import { isJsonObject, kindOf, type JsonObject, type Manifest } from '../core/manifest.js';
import { pipOptionSources, type InstallSource } from './install-sources.js';
import { LOADER_VARS } from './native-loaders.js';
import { clusterHost } from './send-programs.js';
import type { ContainerFiles } from './container-files.js';

export type PackageSource = InstallSource & { readonly variable: string };

/** The homes a container's user may have: $HOME, root's, and st2's images' stanley. */
const HOMES = ['/root', '/home/stanley'];
/** pip's options that name a source or turn its TLS checks off. */
const PIP_JUDGED = new Set(['index-url', 'extra-index-url', 'find-links', 'trusted-host']);
const MAX_FILE = 64 * 1024;

/** pip's own name of an option (configuration.py _normalize_name). */
const pipName = (name: string): string => name.toLowerCase().replace(/_/g, '-').replace(/^--/, '');

/** Variables pip and git read, or that say where their files are; the proxies and CA bundles tls-trust.ts reads; PYTHONPATH for python-path.ts; and the loaders' (native-loaders.ts). */
const READ_VARS = { test: (name: string): boolean => /^(?:PIP_|GIT_|HOME$|XDG_|VIRTUAL_ENV$|PYTHONPATH$|(?:HTTPS|ALL|NO)_PROXY$|(?:https|all|no)_proxy$|REQUESTS_CA_BUNDLE$|CURL_CA_BUNDLE$|SSL_CERT_(?:FILE|DIR)$)/.test(name) || LOADER_VARS.test(name) };

/** The render's ConfigMaps and Secrets by `Kind/name`, as written (decoded only where read). */
export type EnvObjects = ReadonlyMap<string, Manifest>;

export function envObjects(resources: readonly Manifest[]): EnvObjects {
  const out = new Map<string, Manifest>();
  for (const r of resources) {
    const kind = kindOf(r);
    const meta = r['metadata'];
    if ((kind === 'ConfigMap' || kind === 'Secret') && isJsonObject(meta) && typeof meta['name'] === 'string') out.set(`${kind}/${meta['name']}`, r);
  }
  return out;
}

/** One key of a ConfigMap or Secret (Secret data decoded), or undefined. */
function keyOf(objects: EnvObjects, kind: string, name: unknown, key: string): string | undefined {
  const r = typeof name === 'string' ? objects.get(`${kind}/${name}`) : undefined;
  if (r === undefined) return undefined;
  const strings = r['stringData'];
  if (kind === 'Secret' && isJsonObject(strings) && typeof strings[key] === 'string') return strings[key];
  const data = r['data'];
  const v = isJsonObject(data) ? data[key] : undefined;
  if (typeof v !== 'string') return undefined;
  return kind === 'Secret' ? Buffer.from(v, 'base64').toString('utf8') : v;
}

function keysOf(objects: EnvObjects, kind: string, name: unknown): string[] {
  const r = typeof name === 'string' ? objects.get(`${kind}/${name}`) : undefined;
  if (r === undefined) return [];
  return ['data', 'stringData'].flatMap((f) => (isJsonObject(r[f]) ? Object.keys(r[f]) : []));
}

/**
 * The env pip, git and the loaders see: the literal values, and the ConfigMap
 * and Secret keys (envFrom, valueFrom) whose variable pip, git or a loader
 * (native-loaders.ts, BASH_ENV) could read; only those
 * keys are decoded (every st2 container loads a Secret by envFrom).
 */
export function packageEnv(container: JsonObject, literals: ReadonlyMap<string, string>, objects: () => EnvObjects): ReadonlyMap<string, string> {
  const from: unknown[] = Array.isArray(container['envFrom']) ? container['envFrom'] : [];
  const entries: unknown[] = Array.isArray(container['env']) ? container['env'] : [];
  const refs = entries.filter((e) => isJsonObject(e) && e['valueFrom'] !== undefined && typeof e['name'] === 'string' && READ_VARS.test(e['name']));
  if (from.length === 0 && refs.length === 0) return literals;
  const out = new Map<string, string>();
  for (const source of from) {
    if (!isJsonObject(source)) continue;
    const prefix = typeof source['prefix'] === 'string' ? source['prefix'] : '';
    for (const [field, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
      const ref = source[field];
      if (!isJsonObject(ref)) continue;
      for (const key of keysOf(objects(), kind, ref['name'])) {
        if (!READ_VARS.test(`${prefix}${key}`)) continue;
        const value = keyOf(objects(), kind, ref['name'], key);
        if (value !== undefined) out.set(`${prefix}${key}`, value);
      }
    }
  }
  // env entries win over envFrom (the kubelet's order).
  for (const e of entries) {
    if (!isJsonObject(e) || typeof e['name'] !== 'string') continue;
    const literal = literals.get(e['name']);
    if (typeof e['value'] === 'string' && literal !== undefined) out.set(e['name'], literal);
    else if (refs.includes(e) && isJsonObject(e['valueFrom'])) {
      for (const [field, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
        const ref = e['valueFrom'][field];
        const value = isJsonObject(ref) && typeof ref['key'] === 'string' ? keyOf(objects(), kind, ref['name'], ref['key']) : undefined;
        if (value !== undefined) out.set(e['name'], value);
      }
    }
  }
  return out;
}

export function packageSources(container: JsonObject, env: ReadonlyMap<string, string>, files: () => ContainerFiles): PackageSource[] {
  const mounts = mountPaths(container);
  if (mounts.length === 0 && ![...env.keys()].some((k) => k.startsWith('PIP_') || k.startsWith('GIT_'))) return [];
  return [...pipSources(env, mounts, files), ...gitSources(env, mounts, files)];
}

function mountPaths(container: JsonObject): string[] {
  const mounts: unknown[] = Array.isArray(container['volumeMounts']) ? container['volumeMounts'] : [];
  return mounts.map((m) => (typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as JsonObject)['mountPath'] : undefined)).filter((p): p is string => typeof p === 'string').map((p) => p.replace(/\/+$/, '') || '/');
}

/** A directory a variable names (absolute), as a list of none or one. */
const dirOf = (env: ReadonlyMap<string, string>, name: string): string[] => {
  const d = env.get(name);
  return d?.startsWith('/') === true ? [d.replace(/\/+$/, '')] : [];
};

function homes(env: ReadonlyMap<string, string>): string[] {
  const home = env.get('HOME');
  return [...new Set([...(home?.startsWith('/') === true ? [home.replace(/\/+$/, '')] : []), ...HOMES])];
}

/**
 * The text of each candidate file a mount of the render puts there. Paths no
 * mount covers are set aside first: most containers mount none of them, and
 * their files are then never looked at (one ContainerFiles, only if needed).
 */
function mountedTexts(candidates: Iterable<string>, mounts: readonly string[], files: () => ContainerFiles): Array<{ path: string; text: string }> {
  const covered = [...new Set(candidates)].filter((p) => mounts.some((m) => m === '/' || p === m || p.startsWith(`${m}/`)));
  if (covered.length === 0) return [];
  const seen = files();
  const out: Array<{ path: string; text: string }> = [];
  for (const path of covered) {
    const f = seen.file(path);
    if (f.kind === 'text') out.push({ path, text: f.text.slice(0, MAX_FILE) });
  }
  return out;
}

// --- pip -----------------------------------------------------------------------------------------

function pipSources(env: ReadonlyMap<string, string>, mounts: readonly string[], files: () => ContainerFiles): PackageSource[] {
  const out: PackageSource[] = [];
  for (const [name, value] of env) {
    if (!name.startsWith('PIP_')) continue;
    const option = pipName(name.slice(4));
    if (PIP_JUDGED.has(option)) out.push(...judgePip(option, value, name));
  }
  const candidates = [
    ...(env.get('PIP_CONFIG_FILE')?.startsWith('/') === true ? [env.get('PIP_CONFIG_FILE') ?? ''] : []),
    ...(env.get('XDG_CONFIG_DIRS') ?? '/etc/xdg').split(':').filter((d) => d.startsWith('/')).map((d) => `${d.replace(/\/+$/, '')}/pip/pip.conf`),
    '/etc/pip.conf',
    ...homes(env).flatMap((h) => [`${h}/.config/pip/pip.conf`, `${h}/.pip/pip.conf`]),
    ...dirOf(env, 'XDG_CONFIG_HOME').map((d) => `${d}/pip/pip.conf`),
    ...dirOf(env, 'VIRTUAL_ENV').map((d) => `${d}/pip.conf`),
    ...mounts.filter((p) => /\/pip\.(?:conf|ini)$/.test(p)),
  ];
  if (candidates.length === 0) return out;
  for (const { path, text } of mountedTexts(candidates, mounts, files)) {
    for (const [option, value] of iniOptions(text)) if (PIP_JUDGED.has(pipName(option))) out.push(...judgePip(pipName(option), value, path));
  }
  return out;
}

/** `key = value` pairs of an INI text (continuation lines joined), in any section. */
function iniOptions(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (/^\s*[#;]/.test(line) || /^\s*\[/.test(line)) continue;
    const kv = /^([A-Za-z0-9_.-]+)\s*[=:]\s*(.*)$/.exec(line);
    const last = out[out.length - 1];
    if (kv) out.push([kv[1] ?? '', kv[2] ?? '']);
    else if (/^\s+\S/.test(line) && last !== undefined) last[1] = `${last[1]} ${line.trim()}`;
  }
  return out;
}

function judgePip(option: string, value: string, variable: string): PackageSource[] {
  const values = value.split(/\s+/).filter((v) => v !== '');
  return pipOptionSources(values.map((v) => `--${option}=${v}`)).map((s) => ({ ...s, variable }));
}

// --- git -----------------------------------------------------------------------------------------

function gitSources(env: ReadonlyMap<string, string>, mounts: readonly string[], files: () => ContainerFiles): PackageSource[] {
  // git reads GIT_SSL_NO_VERIFY by presence (http.c: any value turns the checks off).
  const out: PackageSource[] = env.has('GIT_SSL_NO_VERIFY') ? [{ source: 'git', problem: 'tls-off', host: '', internal: false, variable: 'GIT_SSL_NO_VERIFY' }] : [];
  const count = Number(env.get('GIT_CONFIG_COUNT') ?? '0');
  for (let i = 0; Number.isInteger(count) && i < Math.min(count, 64); i++) {
    const key = env.get(`GIT_CONFIG_KEY_${i}`);
    const value = env.get(`GIT_CONFIG_VALUE_${i}`);
    if (key !== undefined && value !== undefined) out.push(...judgeGit(key, value, `GIT_CONFIG_VALUE_${i}`));
  }
  const parameters = env.get('GIT_CONFIG_PARAMETERS');
  if (parameters !== undefined) for (const [key, value] of configParameters(parameters)) out.push(...judgeGit(key, value, 'GIT_CONFIG_PARAMETERS'));
  const candidates = [
    ...['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM'].map((v) => env.get(v) ?? '').filter((p) => p.startsWith('/')),
    '/etc/gitconfig',
    ...homes(env).flatMap((h) => [`${h}/.gitconfig`, `${h}/.config/git/config`]),
    ...dirOf(env, 'XDG_CONFIG_HOME').map((d) => `${d}/git/config`),
    ...mounts.filter((p) => /\/\.?gitconfig$|\/git\/config$/.test(p)),
  ];
  for (const { path, text } of mountedTexts(candidates, mounts, files)) for (const [key, value] of gitConfigPairs(text)) out.push(...judgeGit(key, value, path));
  return out;
}

/** GIT_CONFIG_PARAMETERS: `'key'='value'`, `'key'` (true) or `'key=value'` (older gits), blank-separated. */
function configParameters(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of text.matchAll(/'([^']*)'(?:=(?:'([^']*)')?)?/g)) {
    const key = m[1] ?? '';
    if (m[2] !== undefined) out.push([key, m[2]]);
    else {
      const eq = key.indexOf('=');
      out.push(eq < 0 ? [key, 'true'] : [key.slice(0, eq), key.slice(eq + 1)]);
    }
  }
  return out;
}

/** A git config file's `section[.subsection].key` / value pairs. */
function gitConfigPairs(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let section = '';
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]\s*(.*)$/.exec(line);
    if (head) {
      section = head[2] === undefined ? (head[1] ?? '').toLowerCase() : `${(head[1] ?? '').toLowerCase()}.${(head[2] ?? '').replace(/\\(.)/g, '$1')}`;
      if ((head[3] ?? '') === '') continue;
    }
    const kv = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(head ? (head[3] ?? '') : line);
    if (!kv) continue;
    const value = (kv[2] ?? 'true').replace(/\s[#;].*$/, '').trim().replace(/^"(.*)"$/, '$1');
    out.push([`${section}.${kv[1] ?? ''}`, value]);
  }
  return out;
}

function judgeGit(key: string, value: string, variable: string): PackageSource[] {
  const dot = key.lastIndexOf('.');
  const name = key.slice(dot + 1).toLowerCase();
  const section = key.slice(0, key.indexOf('.')).toLowerCase();
  if (section === 'http' && name === 'sslverify' && /^(?:false|no|off|0)$/i.test(value.trim())) return [{ source: 'git', problem: 'tls-off', host: '', internal: false, variable }];
  if (section !== 'url' || name !== 'insteadof') return [];
  const base = key.slice(key.indexOf('.') + 1, dot);
  const to = gitHost(base);
  if (to.host === '' || clusterHost(to.host)) return [];
  // The same repository by another transport (git@github.com: for https://github.com/) is no redirection.
  const from = gitHost(value.trim());
  if (from.host === to.host && from.path === to.path) return [];
  return [{ source: 'git', problem: 'redirect', host: to.host, internal: false, variable }];
}

/** A git URL's host and path (scp-like `git@host:path` too), lower-cased, without `.git` or a trailing slash. */
function gitHost(url: string): { host: string; path: string } {
  const scp = /^(?:[^@/:]+@)?([A-Za-z0-9.-]+):(?!\/\/)(.*)$/.exec(url);
  if (scp) return { host: (scp[1] ?? '').toLowerCase(), path: norm(scp[2] ?? '') };
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#]+)(?::\d+)?(\/[^?#]*)?/.exec(url);
  return m ? { host: (m[1] ?? '').toLowerCase(), path: norm(m[2] ?? '') } : { host: '', path: '' };
}

const norm = (path: string): string => path.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '').toLowerCase();
