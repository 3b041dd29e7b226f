/**
 * How an etcd member reads its configuration, for the store facts: a
 * container that runs the etcd server (not etcdctl/etcdutl, its clients),
 * and the settings it ends up with. etcd (server/embed, server/etcdmain)
 * reads each flag from the command line (Go's flag package: -f, --f, =value,
 * a bare boolean), else from the environment variable ETCD_<FLAG> (upper
 * case, `-` as `_`); with --config-file (or ETCD_CONFIG_FILE) it reads the
 * YAML file only and ignores the other flags and variables.
 */
import type { JsonObject } from '../core/manifest.js';
import { expandShellVars, expandVars, SHELLS } from './container-env.js';
import type { ContainerFiles } from './container-files.js';
import { imageRepository } from './st2-config-files.js';

export interface EtcdServer {
  /** Where a setting comes from: a flag (word index in the argv), an env variable, or the config file. */
  readonly get: (flag: string) => string | undefined;
  /** False when the settings come from a file or script the render does not hold. */
  readonly known: boolean;
  /** The image's major.minor (undefined: a tag that says nothing). */
  readonly version: readonly [number, number] | undefined;
  /** True when a --config-file holds the settings (its TLS keys are nested, not read here). */
  readonly file?: boolean;
  /** True when the image's own entrypoint starts etcd (no etcd in the command): it may add flags of its own. */
  readonly entrypoint?: boolean;
}

/** Where etcd listens when no flag, variable or file says (server/embed/config.go DefaultListenClientURLs, DefaultListenPeerURLs). */
export const ETCD_DEFAULT_URLS = { client: 'http://localhost:2379', peer: 'http://localhost:2380' } as const;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The words a container runs: argv ($(VAR) expanded) or, for `sh -c`, the script's words. */
function words(container: JsonObject, vars: ReadonlyMap<string, string>): { words: string[]; script: boolean } {
  const argv = [...strings(container['command']), ...strings(container['args'])].map((w) => expandVars(w, vars));
  const program = (argv[0] ?? '').split('/').pop() ?? '';
  const flag = argv.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w));
  if (!SHELLS.has(program) || flag < 0) return { words: argv, script: false };
  const text = expandShellVars(argv.slice(flag + 1).join(' '), vars);
  return { words: text.split(/[\s;&|]+/).map((w) => w.replace(/["'`]/g, '')).filter((w) => w !== ''), script: true };
}

/** The image's version from its tag: v3.5.17, 3.5, 3.5.17-debian-12-r0. */
export function imageVersion(image: unknown): readonly [number, number] | undefined {
  if (typeof image !== 'string') return undefined;
  const segments = (image.split('@')[0] ?? '').split('/');
  const tag = (segments[segments.length - 1] ?? '').split(':')[1];
  const m = tag === undefined ? null : /^v?([0-9]+)\.([0-9]+)(?:[.-]|$)/.exec(tag);
  return m === null ? undefined : [Number(m[1]), Number(m[2])];
}

const isEtcdImage = (image: unknown): boolean => typeof image === 'string' && imageRepository(image) === 'etcd';

/**
 * The etcd server a container runs: 'client' for etcdctl/etcdutl (or a script
 * running only those), undefined when it runs no etcd at all.
 */
export function etcdServer(container: JsonObject, vars: ReadonlyMap<string, string>, files: () => ContainerFiles): EtcdServer | 'client' | undefined {
  const { words: w, script } = words(container, vars);
  const runsServer = w.findIndex((x) => /(?:^|\/)etcd$/.test(x));
  const image = container['image'];
  if (runsServer < 0) {
    if (w.some((x) => /(?:^|\/)etcd(?:ctl|utl)$/.test(x))) return 'client';
    // The image's own entrypoint runs etcd (no command, or flags only).
    const command = strings(container['command']);
    if (!isEtcdImage(image) || (command.length > 0 && !(command[0] ?? '').startsWith('-'))) {
      return isEtcdImage(image) ? { get: () => undefined, known: false, version: imageVersion(image) } : undefined;
    }
  }
  const flags = runsServer < 0 ? w : w.slice(runsServer + 1);
  const fromFlags = (flag: string): string | undefined => {
    let value: string | undefined;
    flags.forEach((x, k) => {
      const m = /^--?([A-Za-z0-9-]+)(?:=([\s\S]*))?$/.exec(x);
      if (m === null || m[1] !== flag) return;
      if (m[2] !== undefined) value = m[2];
      else {
        // A boolean flag stands alone; another takes the next word.
        const next = flags[k + 1];
        value = next !== undefined && !next.startsWith('-') && !BOOLEAN_FLAGS.has(flag) ? next : 'true';
      }
    });
    return value;
  };
  const configPath = fromFlags('config-file') ?? vars.get('ETCD_CONFIG_FILE');
  if (configPath !== undefined) {
    const file = files().file(configPath);
    if (file.kind !== 'text') return { get: () => undefined, known: false, version: imageVersion(image) };
    const keys = yamlTopLevel(file.text);
    return { get: (flag) => keys.get(flag), known: true, version: imageVersion(image), file: true };
  }
  const env = (flag: string): string | undefined => vars.get(`ETCD_${flag.toUpperCase().replace(/-/g, '_')}`);
  // A script's unresolved variable may carry any flag.
  const known = !(script && flags.some((x) => x.includes('$')));
  return { get: (flag) => fromFlags(flag) ?? env(flag), known, version: imageVersion(image), entrypoint: runsServer < 0 };
}

const BOOLEAN_FLAGS = new Set(['enable-v2', 'unsafe-no-fsync', 'force-new-cluster', 'strict-reconfig-check', 'enable-pprof', 'debug']);

/** Go's strconv.ParseBool, which etcd's boolean flags and variables use; undefined when etcd refuses the value. */
export function goBool(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** Top-level `key: value` pairs of etcd's YAML config file (quotes dropped, comments too). */
function yamlTopLevel(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^["']?([A-Za-z0-9-]+)["']?[ \t]*:[ \t]*(.*?)[ \t]*(?:#.*)?$/.exec(line);
    if (m === null) continue;
    out.set(m[1] ?? '', (m[2] ?? '').replace(/^["']|["']$/g, ''));
  }
  return out;
}
