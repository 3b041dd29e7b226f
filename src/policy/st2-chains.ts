/**
 * Authentication and RBAC as each st2 process ends up with them. st2 (3.8,
 * oslo.config 1.12) reads its options from a chain of files: the default
 * file ($ST2_CONFIG_PATH, else /etc/st2/st2.conf) unless an argument is
 * `--config-file`/`--config-file=...`, then every `--config-file` and
 * `--config-dir` (its `*.conf`, sorted) in command-line order; the last file
 * that sets an option wins. `[rbac] enable` defaults to False and `backend`
 * to noop (every check passes), `[auth] enable` to True. So RBAC is on only
 * when the last word on `enable` is true and the last on `backend` is not
 * noop; saying nothing leaves it off.
 *
 * A file whose content the render does not hold (see st2-config-files.ts)
 * may set anything: coming after the last word on an option, it leaves the
 * option unknown, and the policy judges unknown as off (fail closed). One
 * before the last word changes nothing.
 *
 * Computed once per container (containers and native sidecars of every pod
 * spec); the policy picks the ones whose roles enforce RBAC. Only states and
 * file paths leave this module, never a value.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { envRefValues, envSources, expandShellVars, expandVars } from './container-env.js';
import { ContainerFiles, imageRepository, namespaceOf, normalizePath, RenderedFiles, ST2_SERVICE_IMAGES, type ConfigFile, type TextSource } from './st2-config-files.js';
import { GUARDED_KEYS, osloBool, readSettings, type GuardedSettings } from './st2-config.js';
import { mountedProgramTexts, runsUnresolvedProgram } from './st2-scripts.js';
import { isTimeZone } from './time-zones.js';

type Path = Array<string | number>;

/** on; off (enable false, or not a boolean); unset (no file says: st2's default); noop (RBAC's backend); unreadable (a file the gate cannot read may have the last word). */
export type ChainState = 'on' | 'off' | 'unset' | 'noop' | 'unreadable';

export interface ChainFact {
  /** The container's path inside its resource. */
  readonly path: Path;
  readonly rbac: ChainState;
  readonly auth: ChainState;
  /** For a state that is not on: the file that decides it, or the one the gate cannot read. */
  readonly rbac_file: string;
  readonly auth_file: string;
  /**
   * `[api] mask_secrets` and `[log] mask_secrets` (st2's default: True, so
   * unset is on): off when the last word is not true. With their files, as above.
   */
  readonly mask_api: ChainState;
  readonly mask_log: ChainState;
  readonly mask_api_file: string;
  readonly mask_log_file: string;
  /**
   * The first --config-file (or the default file) that no volume mount
   * provides and the image does not ship: oslo.config stops the process at
   * start-up (ConfigFilesNotFoundError). '' when every file is there or unknown.
   */
  readonly missing_config: string;
  /** A local_timezone the timers engine cannot load, where the chain's last word on it is written (time-zones.ts); null when none. */
  readonly bad_timezone: { readonly file: string; readonly source: TextSource | null } | null;
  /**
   * Other namespaces whose message bus or database this process uses (the
   * last `[messaging] url` and `[database] host` of its chain, by cluster DNS
   * name): two timers engines on one bus fire every timer twice, whatever
   * namespace each runs in. Absent when the stores are its own namespace's.
   */
  readonly stores?: string[];
}

/** A ConfigMap/Secret/ExternalSecret text read in chains, whose every chain ends with the section on. */
export interface SettledFact {
  readonly resource: number;
  readonly path: ReadonlyArray<string | number>;
  readonly section: 'auth' | 'rbac';
}

/** The runnable text of the mounted program files one container runs (st2-scripts.ts). */
export interface ScriptFact {
  readonly path: Path;
  readonly text: string;
  /** The script runs a program named only at run time (a variable): ST2-REP-013 when nothing else says which service. */
  readonly unresolved: boolean;
}

export interface ChainFacts {
  readonly st2_chains: Record<string, ChainFact[]>;
  readonly st2_config_settled: SettledFact[];
  /** By resource index: containers that run a mounted script, with its text (lib.rego reads it for roles). */
  readonly st2_scripts: Record<string, ScriptFact[]>;
}

const DEFAULT_CONFIG = '/etc/st2/st2.conf';
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
/** Words that start an st2 process in a script without saying which files it reads (so it reads the default one). */
const ST2_PROGRAM = /(?:^|\/)st2[a-z]+(?:\.py)?$|^st2[a-z0-9_]*\.cmd\.|\/cmd\/[a-z_]+\.py$/;

type Entry = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'dir'; readonly path: string } | { readonly kind: 'unreadable'; readonly why: string };

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
function mayRunSt2(container: JsonObject): boolean {
  const image = String(container['image']).toLowerCase();
  if (image.includes('st2') || image.includes('stackstorm')) return true;
  for (const field of ['command', 'args'] as const) {
    for (const w of strings(container[field])) if (w.includes('st2') || w.includes('--config')) return true;
  }
  return false;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The file chains one container's st2 processes read (one per st2 command of a script). */
function containerChains(container: JsonObject, vars: ReadonlyMap<string, string>): { chains: Entry[][]; shell: boolean } {
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
function scriptChains(text: string, vars: ReadonlyMap<string, string>): Entry[][] {
  const defaultPath = vars.get('ST2_CONFIG_PATH') ?? DEFAULT_CONFIG;
  return scriptCommands(text).filter(startsSt2).map((words) => chainsOf(words, defaultPath));
}

interface Word {
  value: string | undefined;
  unknown: string | undefined;
  file: string;
  source?: TextSource | undefined;
}

/** A template's text as st2 will read it, or undefined when a placeholder may write more than a value. */
function templateSettings(text: string): GuardedSettings | undefined {
  const PLACEHOLDER = /\{\{\s*\.[A-Za-z0-9_]+(?:\s*\|\s*[A-Za-z0-9_]+)*\s*\}\}/g;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!line.includes('{{')) continue;
    const at = Math.min(...[line.indexOf('='), line.indexOf(':')].filter((n) => n >= 0), Infinity);
    // A placeholder in a header, a key or at the start of a line may write lines of its own, and
    // anything but a plain reference to a store value (a string literal, printf, trim markers) may write newlines.
    if (line.indexOf('{{') < at || line.replace(PLACEHOLDER, '').includes('{{')) return undefined;
  }
  return readSettings(text);
}

/** Folds a chain into the state of each option: the last word, or the unreadable file after it. */
function judgeChain(entries: readonly Entry[], files: ContainerFiles, read: (f: ConfigFile & { kind: 'text' }) => GuardedSettings | undefined, sources: Array<TextSource>, texts: string[] = []): Omit<ChainFact, 'path'> {
  const words = Object.fromEntries(GUARDED_KEYS.map((k) => [k, { value: undefined, unknown: undefined, file: '' }])) as Record<(typeof GUARDED_KEYS)[number], Word>;
  const taint = (why: string): void => {
    for (const w of Object.values(words)) w.unknown ??= why;
  };
  const take = (path: string, file: ConfigFile): void => {
    if (file.kind === 'absent') return;
    if (file.kind === 'unreadable') return taint(file.why);
    const settings = read(file);
    if (settings === undefined) return taint(`${path}: a template placeholder that may write lines`);
    if (file.source !== undefined) sources.push(file.source);
    texts.push(file.text);
    for (const key of GUARDED_KEYS) {
      const value = settings[key];
      if (value === undefined) continue;
      words[key] = { value, unknown: undefined, file: path, source: file.source };
    }
  };
  let missing = '';
  for (const entry of entries) {
    if (entry.kind === 'unreadable') {
      taint(entry.why);
      continue;
    }
    const path = normalizePath(entry.path);
    if (path === undefined || entry.path.includes('$(') || entry.path.includes('$')) {
      taint(`${entry.path}: a path the gate cannot resolve`);
      continue;
    }
    if (entry.kind === 'file' && missing === '' && files.isMissing(path)) missing = path;
    if (entry.kind === 'file') take(path, files.file(path));
    else {
      const dir = files.directory(path);
      if ('unreadable' in dir) taint(`${path}: ${dir.unreadable}`);
      else for (const f of dir.files) take(f, files.file(f));
    }
  }
  const enable = words['rbac.enable'];
  const backend = words['rbac.backend'];
  const auth = words['auth.enable'];
  let rbac: ChainState;
  let rbacFile: string;
  if (enable.unknown !== undefined || backend.unknown !== undefined) {
    rbac = 'unreadable';
    rbacFile = enable.unknown ?? backend.unknown ?? '';
  } else if (enable.value === undefined) {
    [rbac, rbacFile] = ['unset', ''];
  } else if (osloBool(enable.value) !== true) {
    [rbac, rbacFile] = ['off', enable.file];
  } else if (backend.value === undefined || backend.value.trim().toLowerCase() === 'noop') {
    [rbac, rbacFile] = ['noop', backend.file];
  } else {
    [rbac, rbacFile] = ['on', ''];
  }
  const [authState, authFile] = boolState(auth);
  const [maskApi, maskApiFile] = boolState(words['api.mask_secrets']);
  const [maskLog, maskLogFile] = boolState(words['log.mask_secrets']);
  return {
    rbac, auth: authState, rbac_file: rbacFile, auth_file: authFile, mask_api: maskApi, mask_log: maskLog, mask_api_file: maskApiFile, mask_log_file: maskLogFile,
    missing_config: missing,
    bad_timezone: badTimezone(words['timersengine.local_timezone']) ?? badTimezone(words['timer.local_timezone']),
  };
}

/** The last word on a local_timezone when the timers engine cannot load it (an unreadable file after it may fix it: not judged). */
function badTimezone(word: Word): ChainFact['bad_timezone'] {
  if (word.unknown !== undefined || word.value === undefined || isTimeZone(word.value.trim())) return null;
  return { file: word.file, source: word.source ?? null };
}

/** A boolean option's state and the file that decides it (or the one the gate cannot read); not a boolean is off. */
function boolState(word: Word): [ChainState, string] {
  if (word.unknown !== undefined) return ['unreadable', word.unknown];
  if (word.value === undefined) return ['unset', ''];
  return osloBool(word.value) === true ? ['on', ''] : ['off', word.file];
}

const WORST: ChainState[] = ['unreadable', 'off', 'noop', 'unset', 'on'];
const worse = (a: ChainState, b: ChainState): boolean => WORST.indexOf(a) < WORST.indexOf(b);

/** Two chains of one container (two st2 commands of a script): each option at its worse. */
function worstOf(a: Omit<ChainFact, 'path'>, b: Omit<ChainFact, 'path'>): Omit<ChainFact, 'path'> {
  const pick = <S extends 'rbac' | 'auth' | 'mask_api' | 'mask_log'>(state: S): Pick<ChainFact, S | `${S}_file`> => {
    const from = worse(b[state], a[state]) ? b : a;
    return { [state]: from[state], [`${state}_file`]: from[`${state}_file`] } as Pick<ChainFact, S | `${S}_file`>;
  };
  return { ...pick('rbac'), ...pick('auth'), ...pick('mask_api'), ...pick('mask_log'), missing_config: a.missing_config || b.missing_config, bad_timezone: a.bad_timezone ?? b.bad_timezone };
}

/**
 * The chain facts of every container of every pod spec (paths from
 * pod-templates.ts), and the config texts that every chain reading them
 * ends with a section on (so a finding on the text alone is overridden).
 */
export function collectChainFacts(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, namespace: string): ChainFacts {
  const rendered = new RenderedFiles(resources, namespace);
  let envData: Map<string, Map<string, string>> | undefined;
  const sources = (): Map<string, Map<string, string>> => (envData ??= envSources(resources));
  // Each distinct text read once (every st2 pod mounts the same files).
  const parsed = new Map<string, GuardedSettings>();
  const templates = new Map<string, GuardedSettings | undefined>();
  const read = (file: ConfigFile & { kind: 'text' }): GuardedSettings | undefined => {
    if (file.template === true) {
      if (!templates.has(file.text)) templates.set(file.text, templateSettings(file.text));
      return templates.get(file.text);
    }
    let settings = parsed.get(file.text);
    if (settings === undefined) parsed.set(file.text, (settings = readSettings(file.text)));
    return settings;
  };
  const out: Record<string, ChainFact[]> = {};
  const scripts: Record<string, ScriptFact[]> = {};
  // Per text (resource/path): does every chain reading it end with the section on?
  const readers = new Map<string, { source: TextSource; auth: boolean; rbac: boolean }>();
  for (const [index, paths] of specPaths) {
    const manifest = resources[index];
    if (manifest === undefined) continue;
    const ns = namespaceOf(manifest, namespace);
    const facts: ChainFact[] = [];
    for (const specPath of paths) {
      const podSpec = objectAt(manifest, specPath);
      if (podSpec === undefined) continue;
      for (const field of ['containers', 'initContainers'] as const) {
        const list = podSpec[field];
        if (!Array.isArray(list)) continue;
        list.forEach((container, j) => {
          if (!isJsonObject(container) || typeof container['image'] !== 'string') return;
          if (field === 'initContainers' && container['restartPolicy'] !== 'Always') return;
          if (!mayRunSt2(container)) return;
          const vars = containerVars(container, sources);
          let { chains, shell } = containerChains(container, vars);
          const security = isJsonObject(container['securityContext']) ? container['securityContext'] : {};
          // A script may rewrite the image's own files unless the root file system is read-only.
          const known = (): boolean => ST2_SERVICE_IMAGES.has(imageRepository(String(container['image']))) && (!shell || security['readOnlyRootFilesystem'] === true);
          let files = new ContainerFiles(container, podSpec, ns, rendered, known(), vars);
          const programs = mountedProgramTexts(container, files, vars);
          if (programs.length > 0) {
            (scripts[String(index)] ??= []).push({ path: [...specPath, field, j], text: programs.join('\n'), unresolved: programs.some(runsUnresolvedProgram) });
            // The st2 commands of a mounted script read their own chains, as an inline script's do.
            const fromScripts = programs.flatMap((text) => scriptChains(text, vars));
            if (fromScripts.length > 0) {
              [chains, shell] = [fromScripts, true];
              files = new ContainerFiles(container, podSpec, ns, rendered, known(), vars);
            }
          }
          let fact: Omit<ChainFact, 'path'> | undefined;
          const stores = new Set<string>();
          for (const chain of chains) {
            const used: TextSource[] = [];
            const texts: string[] = [];
            const judged = judgeChain(chain, files, read, used, texts);
            for (const store of storeNamespaces(texts, ns)) stores.add(store);
            for (const source of used) {
              const key = `${source.resource}\u0000${source.path.join('\u0000')}`;
              const r = readers.get(key) ?? { source, auth: true, rbac: true };
              r.auth &&= judged.auth === 'on' || judged.auth === 'unset';
              r.rbac &&= judged.rbac === 'on';
              readers.set(key, r);
            }
            fact = fact === undefined ? judged : worstOf(fact, judged);
          }
          if (fact !== undefined) facts.push({ path: [...specPath, field, j], ...fact, ...(stores.size > 0 ? { stores: [...stores].sort() } : {}) });
        });
      }
    }
    if (facts.length > 0) out[String(index)] = facts;
  }
  const settled: SettledFact[] = [];
  for (const { source, auth, rbac } of readers.values()) {
    if (auth) settled.push({ resource: source.resource, path: source.path, section: 'auth' });
    if (rbac) settled.push({ resource: source.resource, path: source.path, section: 'rbac' });
  }
  return { st2_chains: out, st2_config_settled: settled, st2_scripts: scripts };
}

function objectAt(manifest: Manifest, path: Path): JsonObject | undefined {
  let v: unknown = manifest;
  for (const k of path) v = Array.isArray(v) ? v[k as number] : isJsonObject(v) ? v[k as string] : undefined;
  return isJsonObject(v) ? v : undefined;
}

/**
 * The namespaces of the message bus and database a chain of config texts
 * ends with, other than `own`: the last `[messaging] url` and `[database]
 * host` (a MongoDB URI may list several hosts), each host by its cluster DNS
 * name (`name.ns`, `name.ns.svc[.cluster.local]`, `pod.name.ns.svc`). Only
 * namespaces leave here, never a URL (it carries the password).
 */
export function storeNamespaces(texts: readonly string[], own: string): string[] {
  let messaging: string | undefined;
  let database: string | undefined;
  for (const text of texts) {
    let section = '';
    for (const raw of text.split(/\r\n|\r|\n/)) {
      const line = raw.trim();
      const header = /^\[([^\]]+)\]$/.exec(line);
      if (header) {
        section = (header[1] ?? '').trim().toLowerCase();
        continue;
      }
      const m = /^([A-Za-z_]+)\s*[=:]\s*(.*)$/.exec(line);
      if (!m) continue;
      const key = (m[1] ?? '').toLowerCase();
      if (section === 'messaging' && key === 'url') messaging = m[2];
      if (section === 'database' && key === 'host') database = m[2];
    }
  }
  const out = new Set<string>();
  for (const value of [messaging, database]) {
    if (value === undefined) continue;
    const rest = value.replace(/^[a-z0-9+]+:\/\//i, '');
    const hosts = (rest.includes('@') ? rest.slice(rest.lastIndexOf('@') + 1) : rest).split(/[/?]/)[0] ?? '';
    for (const hostPort of hosts.split(',')) {
      const labels = (hostPort.split(':')[0] ?? '').toLowerCase().split('.');
      const svc = labels.indexOf('svc');
      const ns = svc >= 1 ? labels[svc - 1] : labels.length === 2 ? labels[1] : undefined;
      if (ns !== undefined && ns !== '' && ns !== own) out.add(ns);
    }
  }
  return [...out];
}

