/**
 * Code a container's loaders take from its volumes rather than its image
 * (ST2-SEC-030), read once per container from the env the loaders see
 * (literal values, envFrom and valueFrom):
 *   - the dynamic loader (ld.so(8)): LD_PRELOAD and a mounted
 *     /etc/ld.so.preload load the named libraries into every process;
 *     LD_AUDIT loads its (colon-separated) libraries before all others;
 *     LD_LIBRARY_PATH's directories (colon or semicolon separated) are
 *     searched before the ld.so cache, so a library there named like one the
 *     program needs (libz.so.1, libcrypto.so.3) replaces the image's copy.
 *     Secure-execution mode (setuid programs) is the only exception and no
 *     container process here runs setuid;
 *   - the Erlang VM (erl(1)): `-pa`/`-pz` put directories on the code path
 *     (a .beam there wins over or joins the release's modules, `-s`/`-run`
 *     start one), read from ERL_AFLAGS, ERL_FLAGS, ERL_ZFLAGS (every erl) and
 *     RabbitMQ's RABBITMQ_SERVER_ERL_ARGS, _ADDITIONAL_ERL_ARGS, _START_ARGS
 *     and RABBITMQ_SERVER_CODE_PATH (rabbitmq.com, Configuration: passed to
 *     erl when the node starts);
 *     RABBITMQ_PLUGINS_DIR's directories hold the plugins (.ez archives or
 *     directories of .beam files) the node loads, and rabbitmq-env.conf
 *     (rabbitmq-env.ts) sets all of these without the RABBITMQ_ prefix; an
 *     `-eval` among erl's flags is code the node runs at boot;
 *   - CPython: PYTHONHOME (`prefix[:exec_prefix]`) is believed
 *     unconditionally (Modules/getpath.c, search_for_prefix), inside st2's
 *     virtualenv too: the whole standard library (os, encodings, site) is
 *     imported from prefix/lib/pythonX.Y and extension modules from
 *     exec_prefix's lib-dynload, so any volume at or under it is the
 *     interpreter's library.
 * A file counts when a volume holds it: a ConfigMap or Secret of the render
 * (machine code from git), or an emptyDir, hostPath or claim whose content is
 * written at run time; an image volume and the image's own directories do not.
 * An emptyDir that only copies out of images fill (volume-fills.ts) carries
 * those images: the policy lets it pass when each is pinned and its publisher
 * listed, as it would the image's own directories.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import { ERL_ARG_VARS } from './erl-args.js';
import type { ContainerFiles } from './container-files.js';
import { rabbitmqEnvFile, rabbitmqEnvText, withRabbitmqConf } from './rabbitmq-env.js';
import { emptyDirFill } from './volume-fills.js';

export interface LoadedCode {
  readonly effect: 'preload';
  /** The library, directory or .beam file the loader takes code from. */
  readonly file: string;
  /** What names it: LD_PRELOAD, LD_AUDIT, LD_LIBRARY_PATH, an Erlang variable, or /etc/ld.so.preload. */
  readonly variable: string;
  /** An emptyDir only these images' files fill (copied out of them by the pod's containers). */
  readonly images?: readonly string[];
}

interface Code {
  readonly file: string;
  readonly images?: readonly string[];
}

/** The variables the loaders read (package-sources.ts decodes these from envFrom and valueFrom too). */
export const LOADER_VARS = /^(?:LD_(?:PRELOAD|AUDIT|LIBRARY_PATH)|BASH_ENV|PYTHONHOME|ERL_[AZ]?FLAGS|RABBITMQ_SERVER_(?:ERL_ARGS|ADDITIONAL_ERL_ARGS|START_ARGS|CODE_PATH)|RABBITMQ_PLUGINS_DIR|RABBITMQ_CONF_ENV_FILE)$/;

/** A shared object's file name (libz.so, libz.so.1, libcrypto.so.1.1). */
const SHARED_OBJECT = /\.so(?:\.[0-9]+)*$/;
const BEAM = /\.(?:beam|ez)$/;

/**
 * What a mounted path holds for the loader: 'none' when nothing is there (a
 * ConfigMap without that key: the loader skips it) or the volume is an image
 * volume (read-only content of an image); 'render' for a file of the render's
 * ConfigMaps and Secrets; 'unknown' for anything written at run time or
 * outside the render.
 */
function fromVolume(files: ContainerFiles, path: string): 'none' | 'render' | 'unknown' {
  if (isJsonObject(files.volumeAt(path)?.['image'])) return 'none';
  const f = files.file(path);
  if (f.kind === 'absent') return 'none';
  return f.kind === 'text' && f.source !== undefined ? 'render' : 'unknown';
}

function mountPaths(container: JsonObject): string[] {
  const mounts: unknown[] = Array.isArray(container['volumeMounts']) ? container['volumeMounts'] : [];
  return mounts.map((m) => (isJsonObject(m) && typeof m['mountPath'] === 'string' ? m['mountPath'].replace(/\/+$/, '') || '/' : '')).filter((p) => p !== '');
}

/** Where the loader looks for libraries to preload: LD_PRELOAD (space or colon separated) and /etc/ld.so.preload. */
function preloadPaths(env: ReadonlyMap<string, string>, files: ContainerFiles): Array<{ file: string; variable: string }> {
  const named = (variable: string, list: string[]): Array<{ file: string; variable: string }> => list.map((file) => ({ file: file.trim(), variable }));
  const listed = [...named('LD_PRELOAD', (env.get('LD_PRELOAD') ?? '').split(/[\s:]+/)), ...named('LD_AUDIT', (env.get('LD_AUDIT') ?? '').split(':'))];
  const preloadFile = files.isMounted('/etc/ld.so.preload') ? files.file('/etc/ld.so.preload') : undefined;
  if (preloadFile?.kind === 'text') listed.push(...named('/etc/ld.so.preload', preloadFile.text.split(/\s+/)));
  return listed.filter(({ file }) => file.startsWith('/'));
}

/**
 * The code a directory on a search path gives its loader: the files of it
 * whose names the loader would open (a shared object, a .beam), or the
 * directory itself when a volume whose content is written at run time is
 * there. Files mounted one by one into an image directory count too.
 */
function directoryCode(files: ContainerFiles, mounts: readonly string[], dir: string, named: RegExp): Code[] {
  const d = dir.replace(/\/+$/, '') || '/';
  const inside = mounts.filter((m) => m.startsWith(`${d}/`) && !m.slice(d.length + 1).includes('/'));
  if (!files.isMounted(d) && inside.length === 0) return [];
  if (files.isMounted(d) && isJsonObject(files.volumeAt(d)?.['image'])) return [];
  const listing = files.isMounted(d) ? files.listing(d) : { files: inside };
  if ('unreadable' in listing) return filled(files, d, (f) => f.startsWith(`${d}/`) && named.test(f));
  return listing.files.filter((f) => named.test(f) && fromVolume(files, f) !== 'none').map((file) => ({ file }));
}

/**
 * What a run-time volume at `at` gives the loader: the render's files the pod
 * copies in that it would open, else the images that alone fill an emptyDir,
 * else (anything else writes there) the path itself.
 */
function filled(files: ContainerFiles, at: string, opens: (file: string) => boolean): Code[] {
  const fill = emptyDirFill(files, at);
  if (fill === undefined || fill.unknown) return [{ file: at }];
  const copied = fill.copied.filter((c) => opens(c.file)).map((c) => ({ file: c.file }));
  if (copied.length > 0) return copied;
  return fill.images.length === 0 ? [] : [{ file: at, images: fill.images }];
}

/**
 * What the volumes at or under a directory a runtime reads as a whole tree
 * (PYTHONHOME's library, RabbitMQ's plugins) give it: a render volume with a
 * file it opens (any, or `named`), or what a run-time volume holds
 * (`filled`); an image volume gives nothing.
 */
function treeCode(files: ContainerFiles, mounts: readonly string[], dir: string, named?: RegExp): Code[] {
  const d = dir.replace(/\/+$/, '') || '/';
  const points = [...(files.isMounted(d) ? [d] : []), ...mounts.filter((m) => m.startsWith(`${d}/`))];
  const out: Code[] = [];
  for (const m of points) {
    const v = files.volumeAt(m);
    if (isJsonObject(v?.['image'])) continue;
    if (isJsonObject(v?.['configMap']) || isJsonObject(v?.['secret']) || isJsonObject(v?.['projected'])) {
      if (files.filesUnder(m).some((f) => named === undefined || named.test(f)) || (files.file(m).kind === 'text' && (named === undefined || named.test(m)))) out.push({ file: m });
    } else out.push(...filled(files, m, (f) => (f === m || f.startsWith(`${m}/`)) && (named === undefined || named.test(f))));
  }
  return out;
}

/** Directories `-pa`/`-pz` add in an erl argument string (a flag takes every word up to the next flag), and `-eval` (erl(1): an expression evaluated at start). */
function erlCodeDirs(args: string): string[] {
  const words = args.split(/\s+/).filter((w) => w !== '');
  const out: string[] = [];
  let taking = false;
  for (const w of words) {
    if (w === '-eval') out.push('-eval');
    if (/^[-+]/.test(w)) taking = w === '-pa' || w === '-pz';
    else if (taking) out.push(w.replace(/^["']|["']$/g, ''));
  }
  return out;
}

/** The code a container's loaders take from its volumes. */
export function loadedCode(container: JsonObject, containerEnv: ReadonlyMap<string, string>, files: () => ContainerFiles): LoadedCode[] {
  const mounts = mountPaths(container);
  // RabbitMQ's scripts source rabbitmq-env.conf: its variables join the environment's (rabbitmq-env.ts).
  const confFile = rabbitmqEnvFile(container, containerEnv);
  const conf = confFile === undefined ? undefined : rabbitmqEnvText(files(), confFile);
  const env = conf === undefined ? containerEnv : withRabbitmqConf(containerEnv, conf);
  const preloadsEtc = mounts.some((p) => p === '/etc' || p === '/etc/ld.so.preload');
  const erl = ERL_ARG_VARS.filter((v) => env.has(v));
  if (!env.has('LD_PRELOAD') && !env.has('LD_AUDIT') && !env.has('LD_LIBRARY_PATH') && !env.has('RABBITMQ_SERVER_CODE_PATH') && !env.has('PYTHONHOME') && !env.has('RABBITMQ_PLUGINS_DIR') && erl.length === 0 && !preloadsEtc) return [];
  const f = files();
  const out: LoadedCode[] = [];
  const seen = new Set<string>();
  const add = (file: string, variable: string, images?: readonly string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    out.push({ effect: 'preload', file, variable, ...(images === undefined ? {} : { images }) });
  };
  const addCode = (code: readonly Code[], variable: string): void => {
    for (const c of code) add(c.file, variable, c.images);
  };
  // An /etc/ld.so.preload the pod writes at run time (an emptyDir) lists what nobody can read here.
  if (f.isMounted('/etc/ld.so.preload') && fromVolume(f, '/etc/ld.so.preload') === 'unknown') add('/etc/ld.so.preload', '/etc/ld.so.preload');
  for (const { file, variable } of preloadPaths(env, f)) {
    // A library from the image (jemalloc, say) is the image's to vouch for; one the pod's volumes
    // put there is not: a ConfigMap or Secret ships it from git, an emptyDir, hostPath or claim
    // holds whatever a container (an init container's download) or the node wrote.
    const from = f.isMounted(file) ? fromVolume(f, file) : 'none';
    if (from === 'render') add(file, variable);
    else if (from === 'unknown') addCode(filled(f, file, (c) => c === file), variable);
  }
  for (const dir of (env.get('LD_LIBRARY_PATH') ?? '').split(/[:;]/)) if (dir.startsWith('/')) addCode(directoryCode(f, mounts, dir, SHARED_OBJECT), 'LD_LIBRARY_PATH');
  // PYTHONHOME is `prefix[:exec_prefix]`, one directory each.
  for (const dir of (env.get('PYTHONHOME') ?? '').split(':').slice(0, 2)) if (dir.startsWith('/')) addCode(treeCode(f, mounts, dir), 'PYTHONHOME');
  for (const dir of (env.get('RABBITMQ_PLUGINS_DIR') ?? '').split(':')) if (dir.startsWith('/')) addCode(treeCode(f, mounts, dir, BEAM), 'RABBITMQ_PLUGINS_DIR');
  const codeDirs = [...erl.flatMap((v) => erlCodeDirs(env.get(v) ?? '').map((d) => ({ d, v }))), ...(env.get('RABBITMQ_SERVER_CODE_PATH') ?? '').split(/[\s:]+/).map((d) => ({ d, v: 'RABBITMQ_SERVER_CODE_PATH' }))];
  for (const { d, v } of codeDirs) {
    if (d === '-eval') add('-eval', v);
    else if (d.startsWith('/')) addCode(directoryCode(f, mounts, d, BEAM), v);
  }
  return out;
}
