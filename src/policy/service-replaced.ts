/**
 * Service containers that definitely never run their service (ST2-OPS-071,
 * the twenty-first attacker's f7 cases): a container whose image gives a
 * long-running role (container-roles.ts's IMAGE_ROLES: the st2 services,
 * st2web, the stores) but whose command replaces the service with
 *
 * - an idle or exiting program past the wrappers (`sleep infinity`,
 *   `/bin/true`, `tail -f /dev/null`);
 * - a shell -c script every simple command of which is such a program or a
 *   harmless builtin (`exit 0`, `while true; do sleep 999; done`);
 * - the service's own program with a flag that prints and exits: st2's
 *   services parse argv with oslo.config (st2auth/config.py parse_args:
 *   cfg.CONF(args=args, version=VERSION_STRING)), whose argparse parser adds
 *   --version (action 'version') and -h/--help, both printing and exiting;
 *   mongod --version/--help/-h, etcd --version/--help/-h and nginx
 *   -v/-V/-t/-T/-h/-? print (or test the config) and exit; redis-server reads
 *   -v/--version/-h/--help as its first argument only.
 *
 * A deployed pod stays Running with nothing serving, or restarts forever;
 * either way its Service has no backend. The policy judges only workloads
 * that claim the role by name or component label (a mongo-toolbox Deployment
 * sleeping on the mongo image is a shell to exec into, st2client's loop on
 * the runner image a client; a workload renamed away from its role is
 * ST2-REP-011's: the component is gone). Anything else (a script, a mounted
 * file, another program, `$(VAR)`) is not judged: the fact only says what it
 * is sure of. The official mongo and rabbitmq images run docker-entrypoint.sh,
 * which execs its arguments (docker-library/mongo 4.4/docker-entrypoint.sh:
 * an argument list starting with `-` gets mongod prepended; rabbitmq
 * 3.12/ubuntu/Dockerfile: ENTRYPOINT docker-entrypoint.sh, CMD
 * rabbitmq-server, and the script ends in exec "$@"): args alone replace the
 * store there. st2's images are judged only when command is set.
 */
import type { JsonObject } from '../core/manifest.js';
import type { ContainerAt, PodSpecAt } from './container-walk.js';
import { IMAGE_ROLES, lastSegment } from './container-roles.js';
import { imageRepository } from './st2-config-files.js';
import { pipelines, programIndex } from './shell-words.js';

type Path = Array<string | number>;

export interface ServiceReplacedFact {
  readonly resource: number;
  /** The container's command (or args, when only they are set). */
  readonly path: Path;
  readonly container: string;
  readonly role: string;
  /** What the container runs instead, as written (shortened). */
  readonly runs: string;
}

/** Programs that never run a service whatever their arguments: they idle or exit. */
const IDLE_PROGRAMS: ReadonlySet<string> = new Set(['sleep', 'pause', 'true', 'false', 'tail', 'cat', 'echo', 'printf', 'yes', ':']);

/** Shell builtins and words a script may hold beside idle programs and still run nothing else. */
const SCRIPT_BUILTINS: ReadonlySet<string> = new Set(['exit', 'trap', 'wait', 'set', 'export', 'unset', 'readonly', 'shift', 'break', 'continue', 'read', 'test', '[', 'return', 'done', 'fi', '}']);

const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** Each service's own programs and the flags that make them print and exit (see the module comment). */
interface ExitFlags {
  readonly programs: ReadonlySet<string>;
  readonly flags: ReadonlySet<string>;
  /** Read only as the first argument (redis-server's main). */
  readonly firstOnly: boolean;
}

const OSLO_FLAGS = new Set(['--version', '--help', '-h']);
const st2Flags = (role: string): ExitFlags => ({ programs: new Set([role]), flags: OSLO_FLAGS, firstOnly: false });
const EXIT_FLAGS: ReadonlyMap<string, ExitFlags> = new Map([
  ...['st2auth', 'st2api', 'st2stream', 'st2rulesengine', 'st2timersengine', 'st2workflowengine', 'st2notifier', 'st2sensorcontainer', 'st2garbagecollector', 'st2scheduler', 'st2actionrunner'].map((r): [string, ExitFlags] => [r, st2Flags(r)]),
  ['st2web', { programs: new Set(['nginx']), flags: new Set(['-v', '-V', '-t', '-T', '-h', '-?']), firstOnly: false }],
  ['mongodb', { programs: new Set(['mongod']), flags: OSLO_FLAGS, firstOnly: false }],
  ['etcd', { programs: new Set(['etcd']), flags: OSLO_FLAGS, firstOnly: false }],
  ['redis', { programs: new Set(['redis-server']), flags: new Set(['-v', '--version', '-h', '--help']), firstOnly: true }],
]);

/** Roles that are no long-running service (chatops is optional and judged elsewhere). */
const NOT_SERVICES: ReadonlySet<string> = new Set(['st2chatops']);

/** An official (docker-library) image's name: `mongo` for mongo:4.4, docker.io/library/mongo@sha256:..., and nothing for bitnami/mongodb. */
function officialImage(image: string): string | undefined {
  let s = image.split('@')[0] ?? '';
  const colon = s.lastIndexOf(':');
  if (colon > s.lastIndexOf('/')) s = s.slice(0, colon);
  s = s.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
  return s.includes('/') ? undefined : s;
}

/** docker-library images whose entrypoint execs its arguments, and the program it prepends to options (none: it does not). */
const EXEC_ENTRYPOINTS: ReadonlyMap<string, string | undefined> = new Map([
  ['mongo', 'mongod'],
  ['rabbitmq', undefined],
]);

/** A wrapper's options: those taking a value, those standing alone, and the operands before the program. */
interface WrapperSpec {
  readonly valued: ReadonlySet<string>;
  readonly plain: RegExp;
  readonly operands: number;
  readonly assignments?: boolean;
}

const WRAPPERS: ReadonlyMap<string, WrapperSpec> = new Map([
  ['env', { valued: new Set(['-u', '--unset', '-C', '--chdir']), plain: /^(?:-i|--ignore-environment|-0|--null|-)$/, operands: 0, assignments: true }],
  ['tini', { valued: new Set(['-p', '-e']), plain: /^-(?:[svwgl]+|vv+)$/, operands: 0 }],
  ['dumb-init', { valued: new Set(['-r', '--rewrite']), plain: /^(?:-c|--single-child|-v|--verbose)$/, operands: 0 }],
  ['exec', { valued: new Set(['-a']), plain: /^-[cl]+$/, operands: 0 }],
  ['nice', { valued: new Set(['-n', '--adjustment']), plain: /^(?:-[0-9]+|--adjustment=-?[0-9]+)$/, operands: 0 }],
  ['ionice', { valued: new Set(['-c', '-n', '--class', '--classdata']), plain: /^-t$/, operands: 0 }],
  ['timeout', { valued: new Set(['-s', '--signal', '-k', '--kill-after']), plain: /^(?:--preserve-status|--foreground|-v|--verbose)$/, operands: 1 }],
  ['gosu', { valued: new Set(), plain: /^$/, operands: 1 }],
  ['su-exec', { valued: new Set(), plain: /^$/, operands: 1 }],
  ['nohup', { valued: new Set(), plain: /^$/, operands: 0 }],
  ['setsid', { valued: new Set(), plain: /^-[fwc]+$/, operands: 0 }],
]);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** argv from its program on, past the wrappers; undefined where a wrapper's option is not known (not judged). */
function unwrap(argv: readonly string[]): string[] | undefined {
  let k = 0;
  for (;;) {
    const word = argv[k];
    if (word === undefined) return undefined;
    const spec = WRAPPERS.get(lastSegment(word));
    if (spec === undefined) return argv.slice(k);
    k++;
    for (;;) {
      const w = argv[k];
      if (w === undefined) return undefined;
      if (w === '--') {
        k++;
        break;
      }
      if (spec.valued.has(w)) k += 2;
      else if (spec.plain.test(w) && w !== '') k++;
      else if (spec.assignments === true && ASSIGNMENT.test(w)) k++;
      else if (w.startsWith('-')) return undefined;
      else break;
    }
    k += spec.operands;
  }
}

/** A shell's -c script, when argv is `sh [options] -c script [name args...]`; undefined for a script file or unknown options. */
function shellScript(argv: readonly string[]): string | undefined {
  for (let k = 1; k < argv.length; k++) {
    const w = argv[k] ?? '';
    if (w === '-o' || w === '+o') k++;
    else if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(w) && !w.includes('o')) return argv[k + 1];
    else if (!/^[-+][a-zA-Z]+$/.test(w) || w.includes('o')) return undefined;
  }
  return undefined;
}

/**
 * Whether a shell script runs nothing but idle programs and harmless builtins
 * (a trap's action held to the same test). Any substitution, variable as a
 * program or other program leaves it unjudged.
 */
function idleScript(script: string, depth = 0): boolean {
  if (depth > 2 || script.includes('`') || script.includes('$(') || script.includes('<(') || script.includes('>(')) return false;
  for (const pipeline of pipelines(script)) {
    for (const command of pipeline) {
      let words = command.words;
      if (words[0] === 'while' || words[0] === 'until') words = words.slice(1);
      if (words[0] === 'for') continue;
      if (words.length === 0) continue;
      const at = programIndex(words);
      if (at < 0) return false;
      const program = lastSegment(words[at] ?? '');
      if (program === 'trap') {
        const action = words[at + 1] ?? '';
        if (action !== '' && action !== '-' && !idleScript(action, depth + 1)) return false;
      } else if (!IDLE_PROGRAMS.has(program) && !SCRIPT_BUILTINS.has(program)) return false;
    }
  }
  return true;
}

const shorten = (text: string): string => (text.length > 80 ? `${text.slice(0, 77)}...` : text);
const quoteArgv = (argv: readonly string[]): string => argv.map((w) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');

/** What argv runs instead of the role's service, when it surely never runs it. */
function replacement(role: string, argv: readonly string[]): string | undefined {
  const rest = unwrap(argv);
  const first = rest?.[0];
  if (rest === undefined || first === undefined) return undefined;
  const program = lastSegment(first);
  if (IDLE_PROGRAMS.has(program)) return quoteArgv(rest);
  if (SHELLS.has(program)) {
    const script = shellScript(rest);
    return script !== undefined && idleScript(script) ? quoteArgv(rest) : undefined;
  }
  const exits = EXIT_FLAGS.get(role);
  if (exits === undefined || !exits.programs.has(program)) return undefined;
  const flags = exits.firstOnly ? rest.slice(1, 2) : rest.slice(1);
  const flag = flags.find((a) => exits.flags.has(a));
  return flag === undefined ? undefined : `${program} ${flag} (prints and exits)`;
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);

/** The service role a container's image gives (the st2actionrunner tool image's is the runner's). */
function imageRole(image: string): string | undefined {
  const repo = imageRepository(image);
  if (repo === 'st2actionrunner') return 'st2actionrunner';
  const role = IMAGE_ROLES.get(repo);
  return role === undefined || NOT_SERVICES.has(role) ? undefined : role;
}

/** A container's role and what runs instead of it, when the container surely never runs it. */
export function replacedService(container: JsonObject): { role: string; runs: string; field: 'command' | 'args' } | undefined {
  const image = container['image'];
  if (typeof image !== 'string') return undefined;
  const role = imageRole(image);
  if (role === undefined) return undefined;
  const command = strings(container['command'] ?? []);
  const args = strings(container['args'] ?? []);
  if (command === undefined || args === undefined) return undefined;
  let argv: string[];
  let field: 'command' | 'args' = 'command';
  if (command.length > 0) argv = [...command, ...args];
  else {
    const repo = officialImage(image) ?? '';
    if (args.length === 0 || !EXEC_ENTRYPOINTS.has(repo)) return undefined;
    field = 'args';
    const prepended = EXEC_ENTRYPOINTS.get(repo);
    if (args[0]?.startsWith('-') === true) {
      if (prepended === undefined) return undefined;
      argv = [prepended, ...args];
    } else argv = args;
  }
  const runs = replacement(role, argv);
  return runs === undefined ? undefined : { role, runs: shorten(runs), field };
}

/** The programs that are each role's service (a sibling naming one may run it). */
const SERVICE_PROGRAMS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ...[...EXIT_FLAGS].map(([role, flags]): [string, ReadonlySet<string>] => [role, flags.programs]),
  ['rabbitmq', new Set(['rabbitmq-server'])],
  ['zookeeper', new Set(['zkServer.sh'])],
]);

/**
 * Whether another container of the pod may run the role's service: the
 * image's own command (none set), or a command text naming the service's
 * program or the image's entrypoint. A mounted script that names neither (the
 * replica-set initialiser beside mongod) is no service.
 */
function mayServe(container: JsonObject, role: string): boolean {
  const image = container['image'];
  if (typeof image !== 'string' || imageRole(image) !== role) return false;
  const command = strings(container['command'] ?? []);
  if (command === undefined) return true;
  if (command.length === 0) return true;
  const programs = SERVICE_PROGRAMS.get(role) ?? new Set<string>();
  const words = [...command, ...(strings(container['args'] ?? []) ?? [])].flatMap((t) => t.split(/[\s;&|'"()`]+/));
  return words.some((w) => programs.has(lastSegment(w)) || lastSegment(w) === 'docker-entrypoint.sh');
}

/** Workloads that run to completion: their containers are meant to exit. */
const RUN_TO_COMPLETION = new Set(['Job', 'CronJob', 'PodTemplate']);

/**
 * The main containers of one pod spec that never run their service. A
 * container beside another of the same role that may run it (a debug sidecar
 * on the st2api image next to st2api) is no loss: the pod still serves.
 */
export function collectReplacedServices(out: ServiceReplacedFact[], at: PodSpecAt, containers: readonly ContainerAt[]): void {
  if (RUN_TO_COMPLETION.has(String(at.manifest['kind'])) || ['Never', 'OnFailure'].includes(String(at.podSpec['restartPolicy']))) return;
  const main = containers.filter((c) => c.field === 'containers');
  const judged = main.map((c) => ({ c, replaced: replacedService(c.container) }));
  for (const { c, replaced } of judged) {
    if (replaced === undefined) continue;
    const served = judged.some((o) => o.c !== c && o.replaced === undefined && mayServe(o.c.container, replaced.role));
    if (served) continue;
    const name = typeof c.container['name'] === 'string' ? c.container['name'] : '';
    out.push({ resource: at.index, path: [...c.path, replaced.field], container: name, role: replaced.role, runs: replaced.runs });
  }
}
