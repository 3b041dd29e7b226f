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
 * A file whose content the render does not hold (see container-files.ts)
 * may set anything: coming after the last word on an option, it leaves the
 * option unknown, and the policy judges unknown as off (fail closed). One
 * before the last word changes nothing.
 *
 * Computed once per container (containers and native sidecars of every pod
 * spec); the policy picks the ones whose roles enforce RBAC. Only states and
 * file paths leave this module, never a value.
 */
import { isJsonObject, type Manifest } from '../core/manifest.js';
import { envSources } from './container-env.js';
import { forEachContainer, RUNNING_FIELDS } from './container-walk.js';
import { containerChains, containerVars, mayRunSt2, scriptChains, sourcedServices, type Entry } from './st2-commands.js';
import { imageRepository, namespaceOf, normalizePath, ST2_SERVICE_IMAGES, type ConfigFile, type TextSource } from './st2-config-files.js';
import { ContainerFiles } from './container-files.js';
import { RenderedFiles } from './rendered-files.js';
import { GUARDED_KEYS, osloBool, readSettings, type GuardedSettings } from './st2-config.js';
import { bashEnvScript } from './container-scripts.js';
import { mountedProgramTexts, runsUnresolvedProgram } from './st2-scripts.js';
import { expandedProgramLines, inlineProgramLines } from './shell-expansion.js';
import { hiddenProgramLines, pythonModuleLines } from './hidden-programs.js';
import { pythonPathModules } from './python-path.js';
import { isTimeZone } from './time-zones.js';
import { optionEgress } from './st2-option-egress.js';
import { chainExtras, type ConfigError } from './st2-chain-extras.js';
import { authFacts, type AuthFacts } from './st2-auth-mode.js';
import { publishedByStackStorm, roleOptionProblems } from './st2-role-options.js';
import { transportWords } from './st2-transport.js';
import { st2Program, storeSample, storeUnsetFacts, type StoreSample } from './st2-store-unset.js';
import { parse as parseYaml } from 'yaml';
import { parseDictOpt } from './st2-sensor-partition.js';
import { debugLogging, tokenTtls } from './st2-token-exposure.js';
import { optionWords } from './st2-option-bounds.js';
import type { ChainFact, ChainFacts, ChainState, ScriptFact, SettledFact } from './st2-chain-fact.js';
import { storeNamespaces, type StoreOptions } from './st2-store-namespaces.js';

type Path = Array<string | number>;

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

type GuardedKey = (typeof GUARDED_KEYS)[number];
const GUARDED: ReadonlySet<string> = new Set(GUARDED_KEYS);

/** Folds a chain into the state of each option: the last word, or the unreadable file after it. */
function judgeChain(entries: readonly Entry[], files: ContainerFiles, read: (f: ConfigFile & { kind: 'text' }) => GuardedSettings | undefined, sources: Array<TextSource>, texts: string[] = [], published = false, onWords?: (words: Readonly<Record<string, Word>>, read: ReadonlySet<string>) => void): Omit<ChainFact, 'path'> {
  const words = {} as Record<GuardedKey, Word>;
  for (const k of GUARDED_KEYS) words[k] = { value: undefined, unknown: undefined, file: '' };
  // Every other st2 option's last word, for its type (st2-option-types.ts).
  const typed = new Map<string, Word>();
  const taint = (why: string): void => {
    for (const w of Object.values(words)) w.unknown ??= why;
    for (const w of typed.values()) w.unknown ??= why;
  };
  let refused: ConfigError | null = null;
  const readPaths = new Set<string>();
  const take = (path: string, file: ConfigFile): void => {
    readPaths.add(path);
    if (file.kind === 'absent') return;
    if (file.kind === 'unreadable') return taint(file.why);
    const settings = read(file);
    if (settings === undefined) return taint(`${path}: a template placeholder that may write lines`);
    if (settings.error !== undefined) refused ??= { file: path, line: settings.error.line, why: settings.error.why, source: file.source ?? null };
    if (file.source !== undefined) sources.push(file.source);
    texts.push(file.text);
    // The file's own guarded keys (a few), not every guarded key looked up in it.
    for (const key of Object.keys(settings)) {
      const value = GUARDED.has(key) ? settings[key as GuardedKey] : undefined;
      if (value === undefined) continue;
      words[key as GuardedKey] = { value, unknown: undefined, file: path, source: file.source };
    }
    for (const [key, value] of settings.typed ?? []) typed.set(key, { value, unknown: undefined, file: path, source: file.source });
  };
  let missing = '';
  let missingDir = '';
  const cli = new Map<string, string>();
  for (const entry of entries) {
    if (entry.kind === 'option') {
      cli.set(entry.key, entry.value);
      continue;
    }
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
    if (entry.kind === 'dir' && missingDir === '' && files.isMissingDir(path)) missingDir = path;
    if (entry.kind === 'file') take(path, files.file(path));
    else {
      const dir = files.directory(path);
      if ('unreadable' in dir) taint(`${path}: ${dir.unreadable}`);
      else for (const f of dir.files) take(f, files.file(f));
    }
  }
  onWords?.(words, readPaths);
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
  } else if (backend.value === undefined || backend.value === 'noop') {
    [rbac, rbacFile] = ['noop', backend.file];
  } else if (backend.value !== 'default') {
    // st2api's validation: the backend must be an installed entry point (noop, default), by exact name.
    [rbac, rbacFile] = ['invalid', backend.file];
  } else {
    [rbac, rbacFile] = ['on', ''];
  }
  const [authState, authFile] = boolState(auth);
  const [maskApi, maskApiFile] = boolState(words['api.mask_secrets']);
  const [maskLog, maskLogFile] = boolState(words['log.mask_secrets']);
  return {
    rbac, auth: authState, rbac_file: rbacFile, auth_file: authFile, mask_api: maskApi, mask_log: maskLog, mask_api_file: maskApiFile, mask_log_file: maskLogFile,
    missing_config: missing,
    missing_dir: missingDir,
    bad_timezone: badTimezone(words['timersengine.local_timezone']) ?? badTimezone(words['timer.local_timezone']),
    ...chainExtras(words, refused, typed, cli),
    ...optionEgress(words, typed),
    ...authFacts(words, cli),
    role_problems: roleOptionProblems(typed, files, files.imageKnown && published, cli),
    token_ttls: tokenTtls(typed),
    debug_log: debugLogging(typed),
    option_words: optionWords((k) => (GUARDED.has(k) ? words[k as GuardedKey] : typed.get(k))),
    sensor_file: sensorFile(words, files),
    transport: transportWords(
      words,
      (p) => {
        const n = normalizePath(p);
        // Judged where the pod mounts the key's place (a container mounting no key reads none).
        return n !== undefined && files.isMounted(n) && files.isMissing(n);
      },
      (p) => {
        const n = normalizePath(p);
        return n !== undefined && files.isMissing(n);
      },
      (p) => {
        const n = normalizePath(p);
        return n === undefined ? undefined : files.secretAt(n);
      },
    ),
  };
}

/** The file partitioner's list for this node (st2 FileBasedPartitioner: YAML `{node: [refs]}`; a node without an entry stops the container). */
function sensorFile(words: Record<string, Word>, files: ContainerFiles): ChainFact['sensor_file'] {
  const provider = words['sensorcontainer.partition_provider'];
  const node = words['sensorcontainer.sensor_node_name'];
  if (provider === undefined || provider.unknown !== undefined || provider.value === undefined) return null;
  const dict = parseDictOpt(provider.value);
  if (dict?.get('name') !== 'file') return null;
  if (node === undefined || node.unknown !== undefined) return 'unknown';
  const path = normalizePath(dict.get('partition_file') ?? '');
  const file = path === undefined ? undefined : files.file(path);
  if (file?.kind !== 'text') return 'unknown';
  try {
    const map: unknown = parseYaml(file.text);
    const list: unknown = typeof map === 'object' && map !== null && !Array.isArray(map) ? (map as Record<string, unknown>)[node.value ?? 'sensornode1'] : undefined;
    return Array.isArray(list) ? list.filter((r): r is string => typeof r === 'string') : 'unknown';
  } catch {
    return 'unknown';
  }
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

const AUTH_MODE_WORST: AuthFacts['auth_mode'][] = ['proxy', 'invalid', 'unreadable', 'standalone'];
const WORST: ChainState[] = ['unreadable', 'invalid', 'off', 'noop', 'unset', 'on'];
const worse = (a: ChainState, b: ChainState): boolean => WORST.indexOf(a) < WORST.indexOf(b);

/** Two chains of one container (two st2 commands of a script): each option at its worse. */
function worstOf(a: Omit<ChainFact, 'path'>, b: Omit<ChainFact, 'path'>): Omit<ChainFact, 'path'> {
  const pick = <S extends 'rbac' | 'auth' | 'mask_api' | 'mask_log'>(state: S): Pick<ChainFact, S | `${S}_file`> => {
    const from = worse(b[state], a[state]) ? b : a;
    return { [state]: from[state], [`${state}_file`]: from[`${state}_file`] } as Pick<ChainFact, S | `${S}_file`>;
  };
  const mode = AUTH_MODE_WORST.indexOf(b.auth_mode) < AUTH_MODE_WORST.indexOf(a.auth_mode) ? b : a;
  const clear = a.auth_clear !== '' ? a : b;
  return { ...pick('rbac'), ...pick('auth'), ...pick('mask_api'), ...pick('mask_log'), auth_mode: mode.auth_mode, auth_mode_file: mode.auth_mode_file, auth_clear: clear.auth_clear, auth_clear_file: clear.auth_clear_file, missing_config: a.missing_config || b.missing_config, missing_dir: a.missing_dir || b.missing_dir, bad_timezone: a.bad_timezone ?? b.bad_timezone, config_error: a.config_error ?? b.config_error, timers: a.timers === 'on' ? b.timers : a.timers, listen: a.listen, db_name: a.db_name === b.db_name ? a.db_name : '', sensor_partition: a.sensor_partition, transport: a.transport, sensor_file: a.sensor_file, loopback: [...new Set([...a.loopback, ...b.loopback])], sensor_unpinned: a.sensor_unpinned || b.sensor_unpinned, role_problems: [...a.role_problems, ...b.role_problems], option_urls: [...a.option_urls, ...b.option_urls], option_installs: [...a.option_installs, ...b.option_installs], token_ttls: [...a.token_ttls, ...b.token_ttls], debug_log: a.debug_log ?? b.debug_log, option_words: [...a.option_words, ...b.option_words] };
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
  const readers = new Map<string, { source: TextSource; auth: boolean; rbac: boolean; timers: boolean; coordination: boolean }>();
  const storeTexts = new Map<string, StoreOptions>();
  const samples: StoreSample[] = [];
  forEachContainer(resources, specPaths, RUNNING_FIELDS, ({ index, manifest, podSpec, field, container, path }) => {
    if (typeof container['image'] !== 'string') return;
    if (field === 'initContainers' && container['restartPolicy'] !== 'Always') return;
    if (!mayRunSt2(container)) return;
    const ns = namespaceOf(manifest, namespace);
    const vars = containerVars(container, sources);
    let { chains, shell, writes } = containerChains(container, vars);
    const security = isJsonObject(container['securityContext']) ? container['securityContext'] : {};
    // A script may rewrite the image's own files unless the root file system is read-only.
    const known = (): boolean => ST2_SERVICE_IMAGES.has(imageRepository(String(container['image']))) && (!writes || security['readOnlyRootFilesystem'] === true);
    let files = new ContainerFiles(container, podSpec, ns, rendered, known(), vars);
    const mounted = mountedProgramTexts(container, files, vars);
    // The script BASH_ENV names runs before the command of every bash of the container, beside it.
    const sourcedText = bashEnvScript(() => files, vars);
    const sourced = sourcedText === undefined ? [] : sourcedServices(sourcedText);
    const programs = sourced.length === 0 ? mounted : [...mounted, sourced.join('\n')];
    // Programs a script names through its own variables, positional parameters or printf (shell-expansion.ts).
    // ... and by a file pattern, find, Python strings in pieces, or in a hook or exec probe (hidden-programs.ts).
    // ... and by a module under PYTHONPATH the service imports (subprocess argv as written).
    const modules = vars.has('PYTHONPATH') ? pythonPathModules(vars.get('PYTHONPATH'), files).map((m) => m.text) : [];
    const expanded = [...inlineProgramLines(container, vars), ...programs.flatMap((text) => expandedProgramLines(text, vars, [])), ...hiddenProgramLines(container, vars, programs), ...pythonModuleLines(modules)];
    if (expanded.length > 0) (scripts[String(index)] ??= []).push({ path, text: expanded.join('\n'), unresolved: false });
    if (programs.length > 0) {
      (scripts[String(index)] ??= []).push({ path, text: programs.join('\n'), unresolved: programs.some(runsUnresolvedProgram) });
      // The st2 commands of a mounted script read their own chains, as an inline script's do.
      const fromScripts = mounted.flatMap((text) => scriptChains(text, vars));
      const fromSourced = sourced.flatMap((line) => scriptChains(line, vars));
      if (fromScripts.length > 0 || fromSourced.length > 0) {
        [chains, shell, writes] = [[...(fromScripts.length > 0 ? fromScripts : chains), ...fromSourced], true, true];
        files = new ContainerFiles(container, podSpec, ns, rendered, known(), vars);
      }
    }
    let fact: Omit<ChainFact, 'path'> | undefined;
    const stores = new Set<string>();
    const published = publishedByStackStorm(String(container['image']));
    // One st2 program started by its own argv (a script's are not sampled): its store words (st2-store-unset.ts).
    const program = shell ? '' : st2Program(container);
    const chainFiles = files;
    const sample = program === '' ? undefined : (words: Readonly<Record<string, Word>>, readPaths: ReadonlySet<string>): void => {
      const textAt = (p: string): GuardedSettings | undefined => {
        const f = chainFiles.file(p);
        return f.kind === 'text' ? read(f) : undefined;
      };
      samples.push(storeSample(index, path, program, chainFiles.imageKnown && published, words, readPaths, () => chainFiles.mountedFiles(), textAt));
    };
    for (const chain of chains) {
      const used: TextSource[] = [];
      const texts: string[] = [];
      const judged = judgeChain(chain, files, read, used, texts, published, sample);
      for (const store of storeNamespaces(texts, ns, storeTexts)) stores.add(store);
      for (const source of used) {
        const key = `${source.resource}\u0000${source.path.join('\u0000')}`;
        const r = readers.get(key) ?? { source, auth: true, rbac: true, timers: true, coordination: true };
        r.auth &&= judged.auth === 'on' || judged.auth === 'unset';
        r.rbac &&= judged.rbac === 'on';
        r.timers &&= judged.timers === 'on';
        // A later file's url of a shared backend overrides this text's for this process (oslo: the last file wins).
        r.coordination &&= judged.transport.coordination !== null;
        readers.set(key, r);
      }
      fact = fact === undefined ? judged : worstOf(fact, judged);
    }
    if (fact !== undefined) (out[String(index)] ??= []).push({ path, ...fact, ...(stores.size > 0 ? { stores: [...stores].sort() } : {}) });
  });
  const settled: SettledFact[] = [];
  for (const { source, auth, rbac, timers, coordination } of readers.values()) {
    if (auth) settled.push({ resource: source.resource, path: source.path, section: 'auth' });
    if (rbac) settled.push({ resource: source.resource, path: source.path, section: 'rbac' });
    if (timers) settled.push({ resource: source.resource, path: source.path, section: 'timersengine' });
    if (coordination) settled.push({ resource: source.resource, path: source.path, section: 'coordination' });
  }
  return { st2_chains: out, st2_config_settled: settled, st2_scripts: scripts, store_unset: storeUnsetFacts(samples) };
}
