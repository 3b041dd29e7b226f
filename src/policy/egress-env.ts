/**
 * What a container's environment makes its processes send out (the tenth red
 * team), read from its literal env values once per container beside its
 * commands (command-effects.ts):
 *   - a plain-HTTP proxy outside the cluster (HTTP_PROXY, ALL_PROXY, either
 *     case) without NO_PROXY covering st2's API: Python's requests and
 *     urllib send st2 actions' calls to http://st2api:9101, with
 *     ST2_ACTION_AUTH_TOKEN in them, through that proxy in clear. HTTPS_PROXY
 *     alone tunnels TLS (CONNECT) and sees no token;
 *   - where pip and git take packages from: their env and config files
 *     (package-sources.ts);
 *   - a Python startup hook: sitecustomize.py, usercustomize.py or a .pth
 *     file in a PYTHONPATH directory or mounted by name, which Python runs
 *     at every start, or any module of the render under PYTHONPATH, which
 *     stands in for the installed one of that name (python-path.ts), whose
 *     code sends to a host outside the cluster;
 *   - code a loader takes from a volume rather than the image (LD_PRELOAD,
 *     LD_AUDIT, LD_LIBRARY_PATH, /etc/ld.so.preload, an Erlang code path):
 *     native-loaders.ts.
 */
import type { JsonObject } from '../core/manifest.js';
import { PY_SENDS } from './exfil-channels.js';
import type { InstallSource } from './install-sources.js';
import { loadedCode, type LoadedCode } from './native-loaders.js';
import { packageSources } from './package-sources.js';
import { clusterHost, hostOf } from './send-programs.js';
import { commandPythonDirs, effectivePythonPath, type PythonDirs, moduleSends, mountsIntoImports, pythonPathCompiled, pythonPathDirs, pythonPathModules, renderFilesUnder } from './python-path.js';
import type { ContainerFiles } from './container-files.js';
import { tlsEffects, type TlsEffect } from './tls-trust.js';

export type EnvEffect =
  | { readonly effect: 'proxy'; readonly variable: string; readonly host: string; readonly internal: boolean; readonly bypasses_st2: boolean }
  | (InstallSource & { readonly effect: 'install'; readonly variable: string })
  /** module: a module under PYTHONPATH other than the startup hooks (judged where the pod holds st2's Secrets). */
  | { readonly effect: 'python-hook'; readonly file: string; readonly host: string; readonly internal: boolean; readonly module: boolean }
  | LoadedCode
  /** An outside HTTPS proxy beside a CA the pod supplies, or requests' certificate checks off (tls-trust.ts). */
  | TlsEffect
  /** The st2 CLI's and st2web's endpoints (ST2_API_URL...): tokens and logins go there. */
  | { readonly effect: 'st2-url'; readonly variable: string; readonly host: string; readonly tls: boolean; readonly internal: boolean };

/** The variables the st2 client (st2client/commands/auth.py, base.py) and st2web read for st2's endpoints. */
const ST2_URL_VARS = new Set(['ST2_BASE_URL', 'ST2_API_URL', 'ST2_AUTH_URL', 'ST2_STREAM_URL']);

function st2Urls(env: ReadonlyMap<string, string>): EnvEffect[] {
  const out: EnvEffect[] = [];
  for (const [name, value] of env) {
    if (!ST2_URL_VARS.has(name)) continue;
    const host = (hostOf(value.trim()) ?? '').toLowerCase();
    if (host !== '') out.push({ effect: 'st2-url', variable: name, host, tls: /^https:\/\//i.test(value.trim()), internal: clusterHost(host) });
  }
  return out;
}

const PROXY_VARS = new Set(['HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy']);

/** The hosts st2's actions call over plain http (ST2_API_URL and [auth] api_url name st2api). */
const ST2_HTTP_HOSTS = ['st2api', 'st2auth', 'st2stream'];

/** requests' no_proxy matching: `*`, the host itself, or a suffix of it (`.svc` does not cover a short name). */
function bypassed(host: string, noProxy: string): boolean {
  return noProxy
    .split(',')
    .map((e) => e.trim().toLowerCase().replace(/^\*?\./, '.'))
    .some((e) => e === '*' || e === host || e === `.${host}` || (e.startsWith('.') && host.endsWith(e)) || (e !== '' && host.endsWith(`.${e}`)));
}

function proxies(env: ReadonlyMap<string, string>): EnvEffect[] {
  const noProxy = env.get('NO_PROXY') ?? env.get('no_proxy') ?? '';
  const out: EnvEffect[] = [];
  for (const [name, value] of env) {
    if (!PROXY_VARS.has(name) || value.trim() === '') continue;
    const host = hostOf(value.trim()) ?? value.trim().split(/[:/]/)[0] ?? '';
    out.push({ effect: 'proxy', variable: name, host, internal: clusterHost(host), bypasses_st2: ST2_HTTP_HOSTS.every((h) => bypassed(h, noProxy)) });
  }
  return out;
}

const HOOK_NAME = /(?:^|\/)(?:sitecustomize|usercustomize)\.py$|\.pth$/;
const URL_HOST = /\b(?:https?|ftp):\/\/(?:[^@/\s'"]*@)?([^/:?#\s'"]+)/g;

/** The outside host a hook's code sends to ('' when it sends to no host it names), or undefined when it sends nowhere outside. */
function hookSends(text: string): { host: string } | undefined {
  if (!PY_SENDS.test(text)) return undefined;
  const hosts = [...text.matchAll(URL_HOST)].map((m) => m[1] ?? '');
  if (hosts.length === 0) return { host: '' };
  const outside = hosts.find((h) => !clusterHost(h));
  return outside === undefined ? undefined : { host: outside };
}

function pythonHooks(container: JsonObject, pythonPath: string | undefined, siteDirs: readonly string[], files: () => ContainerFiles): EnvEffect[] {
  const sends = new Map<string, { host: string; module: boolean }>();
  // Every module under PYTHONPATH may stand in for one st2 imports (python-path.ts); the hooks run anyway.
  for (const m of pythonPath !== undefined || mountsIntoImports(container) ? pythonPathModules(pythonPath, files()) : []) {
    const s = moduleSends(m);
    if (s !== undefined) sends.set(m.file, { ...s, module: !m.hook });
  }
  const paths = new Set<string>();
  for (const dir of pythonPathDirs(pythonPath)) {
    const listing = files().listing(dir);
    if ('files' in listing) for (const f of listing.files) if (HOOK_NAME.test(f)) paths.add(f);
  }
  // site.addsitedir runs the `import` lines of the directory's .pth files, mounted or copied in.
  for (const dir of siteDirs) {
    for (const { file, content } of renderFilesUnder(files(), dir.replace(/\/+$/, ''))) {
      const s = file.endsWith('.pth') && file.lastIndexOf('/') === dir.replace(/\/+$/, '').length && content.kind === 'text' ? hookSends(content.text) : undefined;
      if (s !== undefined && !sends.has(file)) sends.set(file, { ...s, module: false });
    }
  }
  for (const m of Array.isArray(container['volumeMounts']) ? container['volumeMounts'] : []) {
    const p = typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as JsonObject)['mountPath'] : undefined;
    if (typeof p === 'string' && HOOK_NAME.test(p)) paths.add(p);
  }
  for (const file of paths) {
    if (sends.has(file)) continue;
    const f = files().file(file);
    const s = f.kind === 'text' ? hookSends(f.text) : undefined;
    if (s !== undefined) sends.set(file, { ...s, module: false });
  }
  return [...sends].map(([file, s]) => ({ effect: 'python-hook', file, host: s.host, internal: false, module: s.module }));
}

/** A container's egress through its environment. */
export function envEffects(container: JsonObject, env: ReadonlyMap<string, string>, files: () => ContainerFiles, packageEnv: () => ReadonlyMap<string, string> = () => env, dirs: PythonDirs = commandPythonDirs(container)): EnvEffect[] {
  if (env.size === 0 && !Array.isArray(container['volumeMounts']) && !Array.isArray(container['envFrom']) && !Array.isArray(container['env'])) return [];
  const pkgEnv = packageEnv();
  // PYTHONPATH as the container's Python sees it: with what its `python -c` inserts into sys.path.
  const pythonPath = effectivePythonPath(pkgEnv.get('PYTHONPATH'), dirs.inserted);
  return [
    ...proxies(env),
    ...st2Urls(env),
    ...packageSources(container, pkgEnv, files).map((s) => ({ ...s, effect: 'install' as const })),
    ...pythonHooks(container, pythonPath, dirs.siteDirs, files),
    ...tlsEffects(container, pkgEnv, files),
    // The loaders read envFrom and valueFrom too (packageEnv decodes their variables).
    ...loadedCode(container, pkgEnv, files),
    // Compiled Python modules of the render under PYTHONPATH load as a preloaded library does (python-path.ts).
    ...(pythonPath !== undefined || mountsIntoImports(container) ? pythonPathCompiled(pythonPath, files()).map((file): LoadedCode => ({ effect: 'preload', file, variable: 'PYTHONPATH' })) : []),
  ];
}
