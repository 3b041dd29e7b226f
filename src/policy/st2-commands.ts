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

export type Entry = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'dir'; readonly path: string } | { readonly kind: 'unreadable'; readonly why: string };

/** The chains of files a command line (or each st2 command of a script) reads. */
function chainsOf(words: readonly string[], defaultPath: string): Entry[] {
  const entries: Entry[] = [];
  let explicit = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
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
  return explicit ? entries : [{ kind: 'file', path: defaultPath }, ...entries];
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

/** The file chains one container's st2 processes read (one per st2 command of a script). */
export function containerChains(container: JsonObject, vars: ReadonlyMap<string, string>): { chains: Entry[][]; shell: boolean } {
  const image = typeof container['image'] === 'string' ? imageRepository(container['image']) : '';
  let argv = [...strings(container['command']), ...strings(container['args'])].map((w) => expandVars(w, vars));
  if (container['command'] === undefined && container['args'] === undefined) {
    // The image's own CMD: st2-dockerfiles start the service with its three files; another image's is unknown.
    if (!ST2_SERVICE_IMAGES.has(image)) return { chains: [[{ kind: 'unreadable', why: "the image's own command" }]], shell: false };
    argv = [`/opt/stackstorm/st2/bin/${image}`, '--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf'];
  }
  const defaultPath = vars.get('ST2_CONFIG_PATH') ?? DEFAULT_CONFIG;
  const program = (argv[0] ?? '').split('/').pop() ?? '';
  const flag = argv.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w));
  if (SHELLS.has(program) && flag > 0) {
    const commands = scriptCommands(expandShellVars(argv.slice(flag + 1).join(' '), vars));
    const st2 = commands.filter(startsSt2);
    const chains = (st2.length > 0 ? st2 : [commands.flat()]).map((words) => chainsOf(words, defaultPath));
    return { chains, shell: true };
  }
  return { chains: [chainsOf(argv, defaultPath)], shell: false };
}

const startsSt2 = (words: readonly string[]): boolean => words.some((w) => w.startsWith('--config-') || ST2_PROGRAM.test(w));

/** The chains of the st2 commands of a mounted script's runnable text (none when it starts no st2 process). */
export function scriptChains(text: string, vars: ReadonlyMap<string, string>): Entry[][] {
  const defaultPath = vars.get('ST2_CONFIG_PATH') ?? DEFAULT_CONFIG;
  return scriptCommands(text).filter(startsSt2).map((words) => chainsOf(words, defaultPath));
}
