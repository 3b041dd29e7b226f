/**
 * Which config files a container's st2 processes read, in the order
 * oslo.config reads them: the default file ($ST2_CONFIG_PATH, else
 * /etc/st2/st2.conf) unless a `--config-file` is given, then every
 * `--config-file` and `--config-dir` in command-line order; a shell script's
 * st2 commands each read their own chain. st2-chains.ts judges the chains.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import { envRefValues, expandShellVars, expandVars, SHELLS } from './container-env.js';
import { imageRepository, ST2_SERVICE_IMAGES } from './st2-config-files.js';

const DEFAULT_CONFIG = '/etc/st2/st2.conf';
/** Words that start an st2 process in a script without saying which files it reads (so it reads the default one). */
const ST2_PROGRAM = /(?:^|\/)st2[a-z]+(?:\.py)?$|^st2[a-z0-9_]*\.cmd\.|\/cmd\/[a-z_]+\.py$/;

export type Entry =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'dir'; readonly path: string }
  | { readonly kind: 'unreadable'; readonly why: string }
  /** An option given on the command line (`--auth-mode proxy`): it wins over every file. */
  | { readonly kind: 'option'; readonly key: string; readonly value: string };

/** st2auth's options of group auth registered as CLI options (st2auth/config.py), by name after `--auth-`. */
const AUTH_CLI = ['host', 'port', 'use_ssl', 'cert', 'key', 'logging', 'debug', 'mode', 'backend', 'backend_kwargs', 'sso', 'sso_backend', 'sso_backend_kwargs'];
/** The ones the chain facts judge (st2-auth-mode.ts). */
const AUTH_JUDGED = new Set(['mode', 'backend', 'backend_kwargs']);

/** The auth option a `--auth-...` word names: exactly, or (argparse) by an unambiguous prefix. */
function authOption(name: string): string | undefined {
  const n = name.replace(/-/g, '_');
  if (AUTH_CLI.includes(n)) return n;
  const matches = AUTH_CLI.filter((o) => o.startsWith(n));
  return matches.length === 1 ? matches[0] : undefined;
}

/** The chains of files a command line (or each st2 command of a script) reads. */
function chainsOf(words: readonly string[], defaultPath: string): Entry[] {
  const entries: Entry[] = [];
  const options: Entry[] = [];
  let explicit = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const a = /^--auth-([a-z_-]+)(?:=(.*))?$/s.exec(word);
    if (a) {
      const option = authOption(a[1] ?? '');
      const value = a[2] ?? (option === undefined || option === 'debug' || option === 'use_ssl' || option === 'sso' ? undefined : words[++i]);
      if (option !== undefined && AUTH_JUDGED.has(option) && value !== undefined) options.push({ kind: 'option', key: `auth.${option}`, value });
      continue;
    }
    // The sensor container's CLI options (st2reactor/sensor/config.py): single-sensor mode needs a sensor ref.
    const sensor = /^--(sensor-ref|single-sensor-mode)(?:=(.*))?$/s.exec(word);
    if (sensor) {
      if (sensor[1] === 'single-sensor-mode') options.push({ kind: 'option', key: 'DEFAULT.single_sensor_mode', value: 'True' });
      else {
        const ref = sensor[2] ?? words[++i];
        if (ref !== undefined) options.push({ kind: 'option', key: 'DEFAULT.sensor_ref', value: ref });
      }
      continue;
    }
    const m = /^(--config-[a-z-]*)(?:=(.*))?$/s.exec(word);
    if (!m) continue;
    const option = m[1] ?? '';
    // argparse accepts an unambiguous prefix (--config-f); oslo's own check for "was a file given" does not.
    const kind = option.length >= 10 && '--config-file'.startsWith(option) ? 'file' : option.length >= 10 && '--config-dir'.startsWith(option) ? 'dir' : undefined;
    if (kind === undefined) continue;
    if (option === '--config-file') explicit = true;
    const value = m[2] ?? words[++i];
    if (value === undefined) continue;
    entries.push({ kind, path: value });
  }
  return [...(explicit ? entries : [{ kind: 'file' as const, path: defaultPath }, ...entries]), ...options];
}

/** A shell script's commands, each as its words (quotes dropped), with the script's variables expanded. */
function scriptCommands(script: string): string[][] {
  return script
    .split(/\n|;|&&|\|\||&|\|/)
    .map((segment) => segment.split(/\s+/).map((w) => w.replace(/["'`]/g, '')).filter((w) => w !== ''))
    .filter((words) => words.length > 0);
}

/** The values a container's env gives its variables: literals ($(VAR) expanded), ConfigMap and Secret references. */
export function containerVars(container: JsonObject, sources: () => Map<string, Map<string, string>>): Map<string, string> {
  const vars = new Map<string, string>();
  if (Array.isArray(container['envFrom'])) {
    for (const source of container['envFrom']) {
      if (!isJsonObject(source)) continue;
      const prefix = typeof source['prefix'] === 'string' ? source['prefix'] : '';
      for (const [field, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
        const ref = source[field];
        const data = isJsonObject(ref) && typeof ref['name'] === 'string' ? sources().get(`${kind}/${ref['name']}`) : undefined;
        if (data) for (const [k, v] of data) vars.set(`${prefix}${k}`, v);
      }
    }
  }
  if (Array.isArray(container['env'])) {
    for (const entry of container['env']) {
      if (!isJsonObject(entry) || typeof entry['name'] !== 'string') continue;
      if (typeof entry['value'] === 'string') {
        vars.set(entry['name'], expandVars(entry['value'], vars));
        continue;
      }
      for (const value of envRefValues(entry['valueFrom'], sources)) vars.set(entry['name'], value);
    }
  }
  return vars;
}

/**
 * Containers that may run an st2 service: a StackStorm image, or a command
 * naming st2 or a config file. Others get no fact; the policy judges an RBAC
 * role without one as unreadable (a private rebuild under another name).
 */
export function mayRunSt2(container: JsonObject): boolean {
  const image = String(container['image']).toLowerCase();
  if (image.includes('st2') || image.includes('stackstorm')) return true;
  for (const field of ['command', 'args'] as const) {
    for (const w of strings(container[field])) if (w.includes('st2') || w.includes('--config')) return true;
  }
  return false;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * The file chains one container's st2 processes read (one per st2 command of a script), whether
 * they run from a shell script, and whether that script may write files before they start.
 */
export function containerChains(container: JsonObject, vars: ReadonlyMap<string, string>): { chains: Entry[][]; shell: boolean; writes: boolean } {
  const image = typeof container['image'] === 'string' ? imageRepository(container['image']) : '';
  let argv = [...strings(container['command']), ...strings(container['args'])].map((w) => expandVars(w, vars));
  if (container['command'] === undefined && container['args'] === undefined) {
    // The image's own CMD: st2-dockerfiles start the service with its three files; another image's is unknown.
    if (!ST2_SERVICE_IMAGES.has(image)) return { chains: [[{ kind: 'unreadable', why: "the image's own command" }]], shell: false, writes: false };
    argv = [`/opt/stackstorm/st2/bin/${image}`, '--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf'];
  }
  const defaultPath = vars.get('ST2_CONFIG_PATH') ?? DEFAULT_CONFIG;
  const program = (argv[0] ?? '').split('/').pop() ?? '';
  const flag = argv.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w));
  if (SHELLS.has(program) && flag > 0) {
    const script = expandShellVars(argv.slice(flag + 1).join(' '), vars);
    const commands = scriptCommands(script);
    const st2 = commands.filter(startsSt2);
    const chains = (st2.length > 0 ? st2 : [commands.filter((c) => !isSt2Cli(c)).flat()]).map((words) => chainsOf(words, defaultPath));
    // A script of st2 commands alone (`exec st2api --config-file ...`), with no redirection or
    // command substitution, writes no file before they read theirs.
    const writes = st2.length !== commands.length || /[<>`]|\$\(/.test(script);
    return { chains, shell: true, writes };
  }
  return { chains: [chainsOf(argv, defaultPath)], shell: false, writes: false };
}

/** Words before a command's program that run it in the same process tree. */
const WRAPPERS = new Set(['exec', 'nohup', 'sudo', 'command', 'time', 'env']);

/** StackStorm's CLI (`st2 action list`): a client of st2api whose --config-file is its own ([credentials]), no service chain. */
function isSt2Cli(words: readonly string[]): boolean {
  const program = words.find((w) => !WRAPPERS.has(w) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  return program !== undefined && program.split('/').pop() === 'st2';
}

const startsSt2 = (words: readonly string[]): boolean => !isSt2Cli(words) && words.some((w) => w.startsWith('--config-') || ST2_PROGRAM.test(w));

/**
 * The commands of a sourced file (BASH_ENV) that start an st2 service, one a
 * line: only a command whose program is an st2 service counts, so that a word
 * such as `echo 'st2api not ready'` or a URL to st2api starts nothing.
 */
export function sourcedServices(text: string): string[] {
  const program = (words: readonly string[]): string => words.find((w) => !WRAPPERS.has(w) && !w.startsWith('-') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) ?? '';
  return scriptCommands(text)
    .filter((words) => !isSt2Cli(words) && ST2_PROGRAM.test(program(words)))
    .map((words) => words.join(' '));
}

/** The chains of the st2 commands of a mounted script's runnable text (none when it starts no st2 process). */
export function scriptChains(text: string, vars: ReadonlyMap<string, string>): Entry[][] {
  const defaultPath = vars.get('ST2_CONFIG_PATH') ?? DEFAULT_CONFIG;
  return scriptCommands(text).filter(startsSt2).map((words) => chainsOf(words, defaultPath));
}
