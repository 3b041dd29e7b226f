/**
 * Each workload container's roles as lib.rego's container_roles reads them
 * (image repository, command, lifecycle hooks and exec probes, the image's own entrypoint,
 * client tools), worked out once per container: the policy asked for them
 * per container of every workload, and those reads were about a tenth of
 * the wasm's time on prod (issue 12). By resource and container path; the
 * policy looks a container up (container_roles_at) and reads any container
 * not listed itself. Left to the policy, so never judged differently:
 * containers whose command texts the env would expand (a `$` with literal
 * env values: the policy expands them its own way first), text or images
 * outside ASCII, and every container when the bundle maps images to roles
 * (data.settings.image_roles). test/policy/container-roles.test.ts holds the
 * port to the Rego.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { forEachContainer, objectAt } from './container-walk.js';
import { networkClientCommand, textRoles } from './command-text-roles.js';
import type { PodUnits } from './pod-templates.js';
import { imageRepository } from './st2-config-files.js';

type Path = Array<string | number>;

/** One container's roles, where it is. */
export interface ContainerRolesFact {
  readonly resource: number;
  readonly path: Path;
  readonly roles: readonly string[];
}

/** lib.rego image_role_map (service-replaced.ts reads it too). */
export const IMAGE_ROLES: ReadonlyMap<string, string> = new Map([
  ...['st2web', 'st2auth', 'st2api', 'st2stream', 'st2rulesengine', 'st2timersengine', 'st2workflowengine', 'st2notifier', 'st2sensorcontainer', 'st2garbagecollector', 'st2scheduler', 'st2chatops'].map((r): [string, string] => [r, r]),
  ['mongo', 'mongodb'],
  ['mongodb', 'mongodb'],
  ['rabbitmq', 'rabbitmq'],
  ['etcd', 'etcd'],
  ['mongodb-community-server', 'mongodb'],
  ['mongodb-enterprise-server', 'mongodb'],
  ['percona-server-mongodb', 'mongodb'],
  ['redis', 'redis'],
  ['zookeeper', 'zookeeper'],
]);

/** lib.rego all_in_one_roles (stackstorm/stackstorm). */
const ALL_IN_ONE = ['st2web', 'st2auth', 'st2api', 'st2stream', 'st2rulesengine', 'st2timersengine', 'st2workflowengine', 'st2notifier', 'st2sensorcontainer', 'st2actionrunner', 'st2garbagecollector', 'st2scheduler'];

/** lib.rego client_programs. */
const CLIENT_PROGRAMS: ReadonlySet<string> = new Set(['sleep', 'pause', 'true', 'tail', 'cat', 'mongosh', 'mongo', 'mongodump', 'mongorestore', 'mongoexport', 'mongoimport', 'etcdctl', 'etcdutl', 'rabbitmqctl', 'rabbitmqadmin', 'rabbitmq-diagnostics', 'rabbitmq-plugins', 'redis-cli', 'zkCli.sh']);

/** lib.rego program_wrappers. */
const PROGRAM_WRAPPERS: ReadonlySet<string> = new Set(['env', 'tini', 'dumb-init', 'exec', 'nice', 'ionice', 'timeout', 'gosu', 'su-exec']);

const COMMAND_FIELDS = ['command', 'args', 'script', 'source'] as const;

/** lib.rego hook_exec_paths (lifecycle hooks, then probes: the kubelet runs both in the container), as [parent field, field]. */
const HOOK_EXECS: ReadonlyArray<readonly [string | undefined, string]> = [
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
  [undefined, 'startupProbe'],
  [undefined, 'livenessProbe'],
  [undefined, 'readinessProbe'],
];

export const lastSegment = (word: string): string => word.slice(word.lastIndexOf('/') + 1);

const isAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
};

/** lib.rego argv_word_base: undefined for an option or an assignment. */
const argvWordBase = (w: string): string | undefined => (w.startsWith('-') || w.includes('=') ? undefined : lastSegment(w));

/** lib.rego program(ctr): the first word of argv that is no option, assignment or wrapper. */
function program(argv: readonly string[]): string | undefined {
  const first = argv[0] === undefined ? undefined : argvWordBase(argv[0]);
  if (first !== undefined && !PROGRAM_WRAPPERS.has(first)) return first;
  for (const w of argv) {
    const base = argvWordBase(w);
    if (base !== undefined && !PROGRAM_WRAPPERS.has(base)) return base;
  }
  return undefined;
}

/** lib.rego has_command: a field set to anything but null, [] or "". */
const hasCommand = (ctr: JsonObject): boolean =>
  COMMAND_FIELDS.some((field) => {
    const v = ctr[field];
    return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  });

/** lib.rego runs_client_tool: command[0] is a client tool. */
function runsClientTool(ctr: JsonObject): boolean {
  const command = ctr['command'];
  const first: unknown = Array.isArray(command) ? command[0] : undefined;
  return typeof first === 'string' && CLIENT_PROGRAMS.has(lastSegment(first));
}

/** Whether the container has an env value the policy's expand_env substitutes (a literal value under a string name). */
const hasLiteralEnv = (ctr: JsonObject): boolean => Array.isArray(ctr['env']) && ctr['env'].some((e) => isJsonObject(e) && typeof e['name'] === 'string' && typeof e['value'] === 'string');

/** What a container's roles need to know of one of its texts, worked out once per distinct text. */
interface TextInfo {
  /** text_roles of the text; undefined when it is outside ASCII (the container is left to the policy). */
  readonly roles: readonly string[] | undefined;
  readonly dollar: boolean;
}

/** The texts' information, kept per render (renders repeat the same commands in every workload). */
export type TextMemory = Map<string, TextInfo>;

function infoOf(text: string, memory: TextMemory): TextInfo {
  let info = memory.get(text);
  if (info === undefined) memory.set(text, (info = { roles: isAscii(text) ? textRoles(text) : undefined, dollar: text.includes('$') }));
  return info;
}

/** Each string of a command field (a string, or a list's strings), in order. */
function pushTexts(v: unknown, into: string[]): void {
  if (typeof v === 'string') into.push(v);
  else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') into.push(x);
}

/**
 * lib.rego container_roles(ctr), sorted; undefined when the container is
 * left to the policy (see the module comment).
 */
export function containerRoles(ctr: JsonObject, memory: TextMemory = new Map()): string[] | undefined {
  const image = ctr['image'];
  if (typeof image === 'string' && !isAscii(image)) return undefined;
  // command_texts' fields in order, then hook_texts.
  const texts: string[] = [];
  for (const field of COMMAND_FIELDS) pushTexts(ctr[field], texts);
  const commandCount = texts.length;
  for (const [owner, hook] of HOOK_EXECS) {
    const o = owner === undefined ? ctr : ctr[owner];
    const h = isJsonObject(o) ? o[hook] : undefined;
    const exec = isJsonObject(h) ? h['exec'] : undefined;
    if (isJsonObject(exec)) pushTexts(exec['command'], texts);
  }
  let dollar = false;
  for (const text of texts) {
    const info = infoOf(text, memory);
    if (info.roles === undefined) return undefined;
    dollar ||= info.dollar;
  }
  if (dollar && hasLiteralEnv(ctr)) return undefined;
  const roles = new Set<string>();
  const addFrom = (from: number, to: number): void => {
    for (let k = from; k < to; k++) for (const role of infoOf(texts[k] ?? '', memory).roles ?? []) roles.add(role);
  };
  // command_roles: every text, unless argv is a network client's (hooks only) or kubectl's (argv read as one text).
  const argv: string[] = [];
  pushTexts(ctr['command'], argv);
  pushTexts(ctr['args'], argv);
  if (networkClientCommand(argv)) addFrom(commandCount, texts.length);
  else if (program(argv) === 'kubectl') {
    for (const role of textRoles(texts.slice(0, commandCount).join(' '))) roles.add(role);
    addFrom(commandCount, texts.length);
  } else addFrom(0, texts.length);
  if (!runsClientTool(ctr) && typeof image === 'string') {
    const repo = imageRepository(image);
    const role = IMAGE_ROLES.get(repo);
    if (role !== undefined) roles.add(role);
    if (repo === 'stackstorm') for (const r of ALL_IN_ONE) roles.add(r);
    if (repo === 'st2actionrunner' && !hasCommand(ctr)) roles.add('st2actionrunner');
  }
  return [...roles].sort();
}

/**
 * The roles of every container of the render's pod specs (containers and
 * init containers) and of its loose containers; none when the bundle maps
 * images to roles of its own.
 */
export function collectContainerRoles(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, podUnits: Readonly<Record<string, PodUnits>>, mapsImages: boolean): ContainerRolesFact[] {
  if (mapsImages) return [];
  const memory: TextMemory = new Map();
  const out: ContainerRolesFact[] = [];
  const add = (resource: number, path: Path, container: JsonObject): void => {
    const roles = containerRoles(container, memory);
    if (roles !== undefined) out.push({ resource, path, roles });
  };
  forEachContainer(resources, specPaths, ['containers', 'initContainers'], ({ index, path, container }) => add(index, path, container));
  for (const [index, units] of Object.entries(podUnits)) {
    const manifest = resources[Number(index)];
    if (manifest === undefined) continue;
    for (const loose of units.loose) {
      const container = objectAt(manifest, loose.path);
      if (container !== undefined) add(Number(index), loose.path, container);
    }
  }
  return out;
}
