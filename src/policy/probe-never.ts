/**
 * Probes of a store that can never pass, decided exactly from their text
 * (ST2-OPS-066 for exec probes, ST2-OPS-031 for an httpGet path): a liveness
 * or startup probe restarts the container forever on every member, a
 * readiness probe keeps every member out of its Services and stalls each
 * rollout. Anything the text does not settle is left alone.
 *
 * - a mongo shell (mongo, mongosh) whose only --eval script quits with a
 *   non-zero code before anything could exit 0: `quit(1)`, or
 *   `db.adminCommand('ping'); quit(1)` (a failed command throws: non-zero too);
 * - rabbitmqctl or rabbitmq-diagnostics -n naming a node that is none of the
 *   StatefulSet's own (RABBITMQ_NODENAME per pod, else rabbit@<pod name>): the
 *   CLI's Erlang handshake aborts when the node answering is not the one it
 *   named (OTP lib/kernel/src/dist_util.erl recv_challenge: the name received
 *   must be the name dialled, else recv_challenge_failed);
 * - an httpGet on etcd's peer listener of a path it does not serve: its mux
 *   (etcd v3.5.17 server/etcdserver/api/etcdhttp/peer.go newPeerHandler)
 *   answers /raft, /members, /members/promote/, /leases, /downgrade/enabled,
 *   /members/hashkv and /version, and http.NotFound for every other path
 *   (/health, /livez, /readyz and /metrics are the client and metrics listeners').
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import type { ContainerAt } from './container-walk.js';
import { ETCD_DEFAULT_URLS } from './etcd-server.js';
import { hostPort, serverFlags, values } from './probe-clients.js';
import { rabbitmqEnvFile } from './rabbitmq-env.js';
import { pipelines, programName } from './shell-words.js';
import { forPod, membersOf, perPodVars, podNames } from './store-formation.js';

type Path = Array<string | number>;

export interface ProbeNeverFact {
  readonly resource: number;
  /** The probe's command or httpGet path. */
  readonly path: Path;
  readonly container: string;
  readonly probe: string;
  /** 'exec' (ST2-OPS-066) or 'http' (ST2-OPS-031). */
  readonly handler: 'exec' | 'http';
  readonly problem: string;
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * The one command an exec probe runs, when its exit code is that command's: argv itself, or a
 * shell's -c script that is a single simple command (no `;`, `&&`, `||`, `&`, `|`, `!`,
 * subshells or control flow: any of them could turn a failure into success).
 */
export function soleCommand(argv: readonly string[]): string[] | undefined {
  const program = programName(argv[0] ?? '');
  if (!SHELLS.has(program)) return argv.length > 0 ? [...argv] : undefined;
  if (argv.length !== 3 || argv[1] !== '-c') return undefined;
  const script = argv[2] ?? '';
  const unquoted = script.replace(/'[^']*'|"[^"\\$`]*"/g, 'q').replace(/[0-9]?>&[0-9]/g, '');
  if (/[;&|!(){}<`$\n\\#]/.test(unquoted) || /["']/.test(unquoted)) return undefined;
  const cut = pipelines(script);
  const only = cut.length === 1 && cut[0]?.length === 1 ? cut[0][0] : undefined;
  if (only === undefined || only.inputs.length > 0) return undefined;
  const words = only.words[0] === 'exec' ? only.words.slice(1) : only.words;
  return words.length > 0 && !/^(?:if|then|while|until|for|case|do|time|\[\[?)$/.test(words[0] ?? '') ? [...words] : undefined;
}

/** Top-level statements of a script (`;` and newlines outside quotes and brackets). */
function statements(js: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const c of js) {
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if ((c === ';' || c === '\n') && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur.trim());
  return out.filter((s) => s !== '');
}

// A statement that returns, throws or hangs but cannot exit 0: a database command or a print.
const HARMLESS = /^(?:db\.(?:adminCommand|runCommand|hello|isMaster)|print|printjson|console\.log)\(/;
const TRICKS = /quit|exit|eval|Function|load|require|constructor|=|\[|`/;

/** The exit code a mongo shell's --eval script always ends with (never 0), or undefined. */
export function mongoEvalExit(words: readonly string[]): number | undefined {
  if (!['mongo', 'mongosh'].includes(programName(words[0] ?? ''))) return undefined;
  const rest = words.slice(1);
  const evals = values(rest, ['--eval']);
  // One script, no file after it, nothing the kubelet or a shell expands.
  if (evals.length !== 1 || rest.some((w) => w.endsWith('.js')) || /[$`]/.test(evals[0] ?? '')) return undefined;
  for (const s of statements(evals[0] ?? '')) {
    const m = /^(?:quit|process\.exit)\(\s*(-?[0-9]{1,6})\s*\)$/.exec(s);
    if (m !== null) {
      // The process's status is the code modulo 256: quit(256) exits 0.
      const code = ((Number(m[1]) % 256) + 256) % 256;
      return code === 0 ? undefined : code;
    }
    if (!HARMLESS.test(s) || TRICKS.test(s)) return undefined;
  }
  return undefined;
}

const RABBIT_CLIS = new Set(['rabbitmqctl', 'rabbitmq-diagnostics', 'rabbitmq-queues', 'rabbitmq-upgrade']);
// Commands that ask the running node (help, version, encode and --offline ones do not).
const NODE_COMMANDS = new Set(['status', 'ping', 'check_running', 'check_local_alarms', 'check_alarms', 'check_port_connectivity', 'check_virtual_hosts', 'check_protocol_listener', 'check_port_listener', 'check_certificate_expiration', 'node_health_check', 'cluster_status', 'list_queues', 'list_vhosts', 'list_users', 'list_connections', 'environment', 'await_startup', 'is_running', 'listeners', 'memory_breakdown', 'alarms', 'check_if_node_is_quorum_critical', 'check_if_node_is_mirror_sync_critical', 'server_version']);
const VALUE_OPTIONS = new Set(['-n', '--node', '-t', '--timeout', '-p', '--vhost', '--erlang-cookie', '--formatter']);

/** The node a RabbitMQ CLI probe names with -n/--node when it asks the node something; undefined otherwise. */
export function rabbitNodeAsked(words: readonly string[]): string | undefined {
  if (!RABBIT_CLIS.has(programName(words[0] ?? ''))) return undefined;
  const rest = words.slice(1);
  if (rest.includes('--offline')) return undefined;
  let command: string | undefined;
  for (let k = 0; k < rest.length; k++) {
    const w = rest[k] ?? '';
    if (VALUE_OPTIONS.has(w)) k++;
    else if (!w.startsWith('-')) {
      command = w;
      break;
    }
  }
  const nodes = values(rest, ['-n', '--node']);
  if (command === undefined || !NODE_COMMANDS.has(command) || nodes.length !== 1) return undefined;
  return nodes[0];
}

/**
 * Every node name the StatefulSet's pods run (RABBITMQ_NODENAME with each pod's name put in,
 * else rabbit@<pod name>, or its FQDN's start with long names), or undefined when the facts
 * cannot tell: not a StatefulSet, an envFrom or a rabbitmq-env.conf that may set it, a value
 * from elsewhere.
 */
function ownNodes(at: ContainerAt): Array<{ name: string; host: string; long: boolean }> | undefined {
  const members = membersOf(at.manifest, at.specPath);
  const { container } = at;
  // spec.hostname and setHostnameAsFQDN change what `hostname` (and the default node name) says: not modelled.
  if (members === undefined || Array.isArray(container['envFrom']) || at.podSpec['hostname'] !== undefined || at.podSpec['setHostnameAsFQDN'] === true) return undefined;
  const env = Array.isArray(container['env']) ? container['env'].filter(isJsonObject) : [];
  const last = (name: string): JsonObject | undefined => env.filter((e) => e['name'] === name).pop();
  const literal = new Map<string, string>();
  for (const e of env) if (typeof e['name'] === 'string' && typeof e['value'] === 'string') literal.set(e['name'], e['value']);
  const nodeEnv = last('RABBITMQ_NODENAME');
  const longValue = last('RABBITMQ_USE_LONGNAME')?.['value'];
  const long = typeof longValue === 'string' && /^(?:1|yes|true)$/i.test(longValue.trim());
  if (nodeEnv === undefined) {
    if (rabbitmqEnvFile(container, literal) !== undefined) return undefined;
    return podNames(members).map((pod) => ({ name: 'rabbit', host: pod, long }));
  }
  if (typeof nodeEnv['value'] !== 'string') return undefined;
  const out: Array<{ name: string; host: string; long: boolean }> = [];
  for (const pod of podNames(members)) {
    const node = forPod(nodeEnv['value'], perPodVars(container).name, pod);
    if (node === undefined) return undefined;
    const sign = node.indexOf('@');
    out.push(sign < 0 ? { name: node, host: pod, long } : { name: node.slice(0, sign), host: node.slice(sign + 1), long: false });
  }
  return out;
}

/** The node named is none of the pods' own (compared without case, as DNS would). */
export function namesNoOwnNode(asked: string, own: ReadonlyArray<{ name: string; host: string; long: boolean }>): boolean {
  if (!/^[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+$/.test(asked)) return false;
  const [name = '', host = ''] = asked.toLowerCase().split('@');
  return own.every((o) => {
    if (o.name.toLowerCase() !== name) return true;
    const h = o.host.toLowerCase();
    return o.long ? host !== h && !host.startsWith(`${h}.`) : host !== h;
  });
}

/** What etcd's peer listener answers with something other than 404 (peer.go newPeerHandler, v3.5.17). */
const PEER_EXACT = new Set(['/raft', '/members', '/leases', '/leases/internal', '/downgrade/enabled', '/members/hashkv', '/version']);
const PEER_PREFIXES = ['/raft/', '/members/promote/'];

export function peerServes(path: string): boolean {
  const p = path.split('?')[0] ?? '';
  // Go's mux redirects a path it cleans (//x, /./, /../): not judged.
  if (!/^\/(?:[A-Za-z0-9_~-]+(?:\/[A-Za-z0-9_~-]+)*)?$/.test(p === '' ? '/' : p)) return true;
  return PEER_EXACT.has(p) || PEER_PREFIXES.some((x) => p.startsWith(x));
}

/** The ports only etcd's peer listener holds, by the server's own flags (default :2380); [] when a config file or variable may move them. */
export function etcdPeerOnlyPorts(container: JsonObject): number[] {
  const argv = [...strings(container['command']), ...strings(container['args'])];
  const etcd = serverFlags(argv, 'etcd', false);
  if (etcd === undefined || Array.isArray(container['envFrom'])) return [];
  const env = Array.isArray(container['env']) ? container['env'] : [];
  if (values(etcd, ['--config-file', '-config-file']).length > 0 || env.some((e) => isJsonObject(e) && typeof e['name'] === 'string' && /^ETCD_(LISTEN|CONFIG)/.test(e['name']))) return [];
  const ports = (names: string[], fallback?: string): number[] => {
    const v = values(etcd, names);
    const urls = v.length > 0 ? v : fallback === undefined ? [] : [fallback];
    return urls.flatMap((u) => u.split(',')).map((u) => hostPort(u.trim()).port).filter((p): p is number => p !== undefined);
  };
  const others = new Set([...ports(['--listen-client-urls', '-listen-client-urls'], ETCD_DEFAULT_URLS.client), ...ports(['--listen-metrics-urls', '-listen-metrics-urls'])]);
  return ports(['--listen-peer-urls', '-listen-peer-urls'], ETCD_DEFAULT_URLS.peer).filter((p) => !others.has(p));
}

function resolvePort(container: JsonObject, port: unknown): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port !== 'string') return undefined;
  if (/^[0-9]+$/.test(port)) return Number(port);
  const ports = Array.isArray(container['ports']) ? container['ports'].filter(isJsonObject) : [];
  const named = ports.find((p) => p['name'] === port)?.['containerPort'];
  return typeof named === 'number' ? named : undefined;
}

export function collectNeverProbes(out: ProbeNeverFact[], resource: number, containers: readonly ContainerAt[]): void {
  for (const at of containers) {
    const { container, path, field } = at;
    if (field === 'ephemeralContainers' || (field === 'initContainers' && container['restartPolicy'] !== 'Always')) continue;
    const name = typeof container['name'] === 'string' ? container['name'] : '';
    let own: ReturnType<typeof ownNodes> | null = null;
    let peer: number[] | null = null;
    for (const probe of PROBES) {
      const spec = container[probe];
      if (!isJsonObject(spec)) continue;
      const push = (handler: 'exec' | 'http', tail: Path, problem: string): void => {
        out.push({ resource, path: [...path, probe, ...tail], container: name, probe, handler, problem });
      };
      const exec = spec['exec'];
      const words = isJsonObject(exec) ? soleCommand(strings(exec['command'])) : undefined;
      if (words !== undefined) {
        const code = mongoEvalExit(words);
        if (code !== undefined) push('exec', ['exec', 'command'], `its --eval script always quits with ${code}: the probe always fails`);
        const asked = rabbitNodeAsked(words);
        if (asked !== undefined) {
          if (own === null) own = ownNodes(at);
          if (own !== undefined && namesNoOwnNode(asked, own)) push('exec', ['exec', 'command'], `-n ${asked} names a node this pod does not run: the CLI never reaches it, the probe always fails`);
        }
      }
      const http = spec['httpGet'];
      if (isJsonObject(http) && (typeof http['host'] !== 'string' || http['host'] === '')) {
        const port = resolvePort(container, http['port']);
        const p = typeof http['path'] === 'string' ? http['path'] : '/';
        peer ??= etcdPeerOnlyPorts(container);
        if (port !== undefined && peer.includes(port) && !peerServes(p)) push('http', ['httpGet', 'port'], `etcd's peer listener on ${port} does not serve ${p.split('?')[0] ?? ''} (404): the probe always fails`);
      }
    }
  }
}
