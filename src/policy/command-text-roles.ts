/**
 * The roles a command text names, as lib.rego's text_roles reads a text
 * (the same splits, maps and order of tests): container-roles.ts reads every
 * workload container's command texts with it, and the mounted scripts' texts
 * go to the policy as a table from text to roles (roles_of_text looks a text
 * up and reads any text not listed itself, so a text missing there costs
 * time, never a verdict). Reading the commands into words was about a
 * twentieth of the wasm's time on prod (issue 12).
 * test/policy/command-text-roles.test.ts holds the port to the Rego.
 */
/** lib.rego binary_role_map: executables (base name of a word) → role. */
const BINARY_ROLES: ReadonlyMap<string, string> = new Map([
  ...['st2web', 'st2auth', 'st2api', 'st2stream', 'st2rulesengine', 'st2timersengine', 'st2workflowengine', 'st2notifier', 'st2sensorcontainer', 'st2actionrunner', 'st2garbagecollector', 'st2scheduler'].map((r): [string, string] => [r, r]),
  ['mongod', 'mongodb'],
  ['rabbitmq-server', 'rabbitmq'],
  ['etcd', 'etcd'],
  ['redis-server', 'redis'],
  ['zkServer.sh', 'zookeeper'],
]);

/** The programs binary_role_map knows, by name (glob-programs.ts matches patterns against them). */
export const PROGRAM_NAMES: readonly string[] = [...BINARY_ROLES.keys()];

/** lib.rego module_role_map: the st2 services' Python entry points → role. */
const MODULE_ROLES: ReadonlyMap<string, string> = new Map([
  ['st2reactor.cmd.timersengine', 'st2timersengine'],
  ['st2reactor.cmd.sensormanager', 'st2sensorcontainer'],
  ['st2reactor.cmd.garbagecollector', 'st2garbagecollector'],
  ['st2reactor.cmd.rulesengine', 'st2rulesengine'],
  ['st2actions.cmd.scheduler', 'st2scheduler'],
  ['st2actions.cmd.workflow_engine', 'st2workflowengine'],
  ['st2actions.cmd.actionrunner', 'st2actionrunner'],
  ['st2actions.cmd.st2notifier', 'st2notifier'],
  ['st2api.cmd.api', 'st2api'],
  ['st2auth.cmd.api', 'st2auth'],
  ['st2stream.cmd.api', 'st2stream'],
]);

/** The st2 services' Python entry point modules (python-pieces.ts looks for them in assembled strings). */
export const MODULE_NAMES: readonly string[] = [...MODULE_ROLES.keys()];

/** lib.rego network_clients, command_prefixes (with program_wrappers), netcats, role_needles. */
const NETWORK_CLIENTS: ReadonlySet<string> = new Set(['nc', 'ncat', 'netcat', 'curl', 'wget', 'telnet', 'ping', 'nslookup', 'dig', 'host', 'getent', 'grpcurl', 'st2']);
const COMMAND_PREFIXES: ReadonlySet<string> = new Set(['if', 'then', 'else', 'elif', 'while', 'until', 'do', '!', 'time', 'nohup', 'command', 'sudo', 'env', 'tini', 'dumb-init', 'exec', 'nice', 'ionice', 'timeout', 'gosu', 'su-exec']);
const NETCATS: ReadonlySet<string> = new Set(['nc', 'ncat', 'netcat']);
const ROLE_NEEDLES = ['st2', 'mongod', 'rabbitmq-server', 'etcd', 'redis-server', 'zkServer.sh'];

/** command_breaks (each to a line end) and command_separators (each to a blank): single characters, so the order of replacement does not matter. */
const BREAKS = /[;&|()`]/g;
const SEPARATORS = /[\n\t;&|'"()=:`]/g;
/** import_roles' pattern; RE2's \s is [\t\n\f\r ]. */
const IMPORT = /from[\t\n\f\r ]+(st2[a-z0-9_]*\.cmd)[\t\n\f\r ]+import[\t\n\f\r ]+([a-z0-9_]+)/g;

const lastSegment = (word: string): string => word.slice(word.lastIndexOf('/') + 1);

const namesARole = (cmd: string): boolean => ROLE_NEEDLES.some((needle) => cmd.includes(needle));

/** program_word_base: undefined where the Rego function is undefined. */
function programWordBase(w: string | undefined): string | undefined {
  if (w === undefined || w === '' || w.startsWith('-')) return undefined;
  const base = lastSegment(w);
  if (COMMAND_PREFIXES.has(base)) return undefined;
  // trim(base, digits) != "": a character that is not a digit.
  return /[^0-9]/.test(base) ? base : undefined;
}

function firstProgramWord(words: readonly string[]): string | undefined {
  const first = programWordBase(words[0]);
  if (first !== undefined) return first;
  for (const w of words) {
    const base = programWordBase(w);
    if (base !== undefined) return base;
  }
  return undefined;
}

function runsProgram(prog: string, words: readonly string[]): boolean {
  if (!NETCATS.has(prog)) return false;
  return words.some((w) => (w.startsWith('-') && !w.startsWith('--') && (w.includes('e') || w.includes('c'))) || ['--exec', '--sh-exec', '--lua-exec'].some((opt) => w.startsWith(opt)));
}

export function networkClientCommand(words: readonly string[]): boolean {
  const prog = firstProgramWord(words);
  return prog !== undefined && NETWORK_CLIENTS.has(prog) && !runsProgram(prog, words);
}

/** word_role: the first of its three readings that gives a role. */
function wordRole(word: string): string | undefined {
  const binary = BINARY_ROLES.get(lastSegment(word));
  if (binary !== undefined) return binary;
  const trimmed = word.endsWith('.py') ? word.slice(0, -3) : word;
  const module = MODULE_ROLES.get(trimmed);
  if (module !== undefined) return module;
  if (!word.includes('/cmd/')) return undefined;
  const dotted = trimmed.replaceAll('/', '.');
  for (const [mod, role] of MODULE_ROLES) if (dotted.endsWith(`.${mod}`)) return role;
  return undefined;
}

const isKubectlWord = (w: string): boolean => lastSegment(w) === 'kubectl';

/** kubectl_segment_roles: past the first kubectl, only what it makes run (after `--`, the --image value); before it, every word. */
function kubectlSegmentRoles(words: readonly string[], into: Set<string>): void {
  const k = words.findIndex(isKubectlWord);
  const counted = (j: number): boolean => {
    if (k < 0 || j < k) return true;
    if (j > k && words[j - 1] === '--image') return true;
    for (let d = k + 1; d < j; d++) if (words[d] === '--') return true;
    return false;
  };
  words.forEach((w, j) => {
    if (!counted(j)) return;
    const role = wordRole(w);
    if (role !== undefined) into.add(role);
  });
}

function importRoles(text: string, into: Set<string>): void {
  if (!text.includes('import')) return;
  for (const m of text.matchAll(IMPORT)) {
    const role = MODULE_ROLES.get(`${m[1] ?? ''}.${m[2] ?? ''}`);
    if (role !== undefined) into.add(role);
  }
}

const NONE: readonly string[] = Object.freeze([]);

/** lib.rego text_roles(text), sorted. */
export function textRoles(text: string): readonly string[] {
  // Most texts name no role and import nothing (waits for the stores, config paths).
  if (!namesARole(text) && !text.includes('import')) return NONE;
  const roles = new Set<string>();
  if (namesARole(text)) {
    for (const cmd of text.replace(BREAKS, '\n').split('\n')) {
      if (!namesARole(cmd)) continue;
      const words = cmd.replace(SEPARATORS, ' ').split(' ');
      if (networkClientCommand(words)) continue;
      if (cmd.includes('kubectl')) kubectlSegmentRoles(words.filter((w) => w !== ''), roles);
      else
        for (const w of words) {
          const role = wordRole(w);
          if (role !== undefined) roles.add(role);
        }
    }
  }
  importRoles(text, roles);
  return [...roles].sort();
}

/** Every UTF-16 unit below 0x80 (the policy's string functions then read the text as JavaScript does). */
const isAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
};

/**
 * The roles of each distinct text of the mounted scripts st2-chains.ts read
 * (lib.rego's script_roles_at reads them for every running container), by
 * text; a text outside ASCII is left to the policy.
 */
export function collectScriptTextRoles(scripts: Readonly<Record<string, ReadonlyArray<{ readonly text: string }>>>): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const list of Object.values(scripts)) for (const { text } of list) if (!out.has(text) && isAscii(text)) out.set(text, textRoles(text));
  return out;
}
