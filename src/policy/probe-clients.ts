/**
 * Exec probes that dial a store on their own pod (ST2-OPS-031): `mongosh
 * --port 27018`, `mongo --host localhost:27018`, `redis-cli -p 6380`,
 * `etcdctl --endpoints=http://127.0.0.1:2381 endpoint health`, in argv form
 * or in a shell's `-c` script; a mongo shell or redis-cli naming no port dials
 * its default (27017, 6379), etcdctl without --endpoints is left alone (its
 * ETCDCTL_ENDPOINTS may say). The port a probe's client dials on this pod,
 * and the ports the container's server really listens on when its own flags
 * move them (mongod's --port, --shardsvr, --configsvr; redis-server's --port;
 * etcd's --listen-client-urls). A probe of another host says nothing about
 * this container and is left alone, as is a server configured by a file the
 * facts do not read (mongod --config): the policy then knows no port.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import { pipelines, programIndex, programName } from './shell-words.js';
import { imageRepository } from './st2-config-files.js';
import { storeOfImage } from './store-images.js';
import { ETCD_DEFAULT_URLS } from './etcd-server.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const LOCAL = /^(?:localhost|127(?:\.[0-9]{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;

/** The words of each command an exec probe runs: argv itself, or a shell's -c script cut into commands. */
function probeCommands(argv: readonly string[]): string[][] {
  const program = programName(argv[0] ?? '');
  if (SHELLS.has(program)) {
    const c = argv.findIndex((w, k) => k > 0 && /^-[a-z]*c[a-z]*$/.test(w));
    const script = c > 0 ? argv[c + 1] : undefined;
    return script === undefined ? [] : pipelines(script).flatMap((p) => p.map((cmd) => [...cmd.words]));
  }
  return [[...argv]];
}

/** Every value of an option: `--name v`, `--name=v` (and `-p6380` for single-letter ones). */
export function values(words: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  words.forEach((w, k) => {
    for (const name of names) {
      if (w === name) out.push(words[k + 1] ?? '');
      else if (w.startsWith(`${name}=`)) out.push(w.slice(name.length + 1));
      else if (name.length === 2 && w.startsWith(name) && /^[0-9]+$/.test(w.slice(2))) out.push(w.slice(2));
    }
  });
  return out;
}

const port = (text: string): number | undefined => (/^[0-9]{1,5}$/.test(text) ? Number(text) : undefined);

/** host:port, [v6]:port or a URL: its host and port (undefined port: the client's default). */
export function hostPort(text: string): { host: string; port: number | undefined } {
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/?#,]+)/i.exec(text);
  const authority = (url?.[1] ?? text).split(',')[0] ?? '';
  const v6 = /^\[([^\]]*)\](?::([0-9]+))?$/.exec(authority);
  if (v6) return { host: v6[1] ?? '', port: v6[2] === undefined ? undefined : port(v6[2]) };
  const colon = authority.lastIndexOf(':');
  return colon < 0 ? { host: authority, port: undefined } : { host: authority.slice(0, colon), port: port(authority.slice(colon + 1)) };
}

/** The port one client command dials on this pod (its default when it names none); undefined for another host. */
function clientPort(words: readonly string[]): number | undefined {
  const at = programIndex(words);
  if (at < 0) return undefined;
  const program = programName(words[at] ?? '');
  const rest = words.slice(at + 1);
  if (program === 'mongo' || program === 'mongosh') {
    const uri = rest.find((w) => /^mongodb(\+srv)?:\/\//.test(w));
    const hp = hostPort(uri ?? values(rest, ['--host']).pop() ?? 'localhost');
    if (!LOCAL.test(hp.host)) return undefined;
    return port(values(rest, ['--port']).pop() ?? '') ?? hp.port ?? 27017;
  }
  if (program === 'redis-cli') {
    const host = values(rest, ['-h']).pop() ?? 'localhost';
    if (!LOCAL.test(host)) return undefined;
    return port(values(rest, ['-p']).pop() ?? '') ?? 6379;
  }
  if (program === 'etcdctl') {
    const endpoints = values(rest, ['--endpoints']).pop();
    if (endpoints === undefined) return undefined;
    const hp = hostPort(endpoints);
    return LOCAL.test(hp.host) ? hp.port : undefined;
  }
  return undefined;
}

/** The port an exec probe's client dials on its own pod, or undefined. */
export function execProbePort(exec: unknown): number | undefined {
  if (!isJsonObject(exec)) return undefined;
  for (const words of probeCommands(strings(exec['command']))) {
    const p = clientPort(words);
    if (p !== undefined) return p;
  }
  return undefined;
}

/** The server's flags: argv after the word running `server`, or the whole argv when the image's entrypoint runs it. */
export function serverFlags(argv: readonly string[], server: string, entrypoint: boolean): readonly string[] | undefined {
  const k = argv.findIndex((w) => programName(w) === server);
  if (k >= 0) return argv.slice(k + 1);
  if (entrypoint && (argv.length === 0 || (argv[0] ?? '').startsWith('-'))) return argv;
  return undefined;
}

/**
 * The ports the container's server listens on when its own flags say so ([] when they do
 * not: the role's usual ports hold), or undefined when the facts cannot tell (a config file,
 * an environment variable, or the server started inside a shell script).
 */
export function serverPorts(container: JsonObject): number[] | undefined {
  const argv = [...strings(container['command']), ...strings(container['args'])];
  const image = typeof container['image'] === 'string' ? imageRepository(container['image']) : '';
  const text = argv.join('\n');
  const mongod = serverFlags(argv, 'mongod', storeOfImage(container['image']) === 'mongodb');
  if (mongod !== undefined) {
    if (values(mongod, ['--config', '-f']).length > 0) return undefined;
    const p = port(values(mongod, ['--port']).pop() ?? '');
    if (p !== undefined) return [p];
    if (mongod.includes('--shardsvr')) return [27018];
    if (mongod.includes('--configsvr')) return [27019];
    return [];
  }
  const redis = serverFlags(argv, 'redis-server', image === 'redis');
  if (redis !== undefined) {
    if (redis.some((w) => w.endsWith('.conf'))) return undefined;
    const p = port(values(redis, ['--port']).pop() ?? '');
    return p === undefined ? [] : [p];
  }
  const etcd = serverFlags(argv, 'etcd', false);
  if (etcd !== undefined) {
    const env = Array.isArray(container['env']) ? container['env'] : [];
    if (values(etcd, ['--config-file']).length > 0 || env.some((e) => isJsonObject(e) && typeof e['name'] === 'string' && /^ETCD_(LISTEN|CONFIG)/.test(e['name']))) return undefined;
    const urls = values(etcd, ['--listen-client-urls', '-listen-client-urls', '--listen-peer-urls', '-listen-peer-urls']);
    return urls.flatMap((u) => u.split(',')).map((u) => hostPort(u.trim()).port).filter((p): p is number => p !== undefined);
  }
  // A store started inside a script, its port unknown to the facts.
  return /mongod|redis-server|etcd|--port/.test(text) ? undefined : [];
}

/** What etcd serves on its --listen-metrics-urls listener (etcd 3.5 embed: /metrics, /health, and /livez, /readyz; stackstorm-ha.md §12). */
const METRICS_PATHS = new Set(['/metrics', '/health', '/livez', '/readyz']);

/**
 * The etcd metrics listener's ports when this probe is one it answers: a TCP
 * connect, or an HTTP GET of an endpoint served there (a v2 key or a gRPC
 * health check is not). From the server's own flags or a literal
 * ETCD_LISTEN_METRICS_URLS; [] otherwise.
 */
export function metricsServed(container: JsonObject, handler: string, path: unknown): number[] {
  if (handler === 'grpc' || (handler === 'httpGet' && !(typeof path === 'string' && METRICS_PATHS.has(path.split('?')[0] ?? '')))) return [];
  const argv = [...strings(container['command']), ...strings(container['args'])];
  const etcd = serverFlags(argv, 'etcd', false);
  if (etcd === undefined) return [];
  const env = Array.isArray(container['env']) ? container['env'].filter(isJsonObject) : [];
  const fromEnv = env.find((e) => e['name'] === 'ETCD_LISTEN_METRICS_URLS' && typeof e['value'] === 'string')?.['value'];
  const urls = values(etcd, ['--listen-metrics-urls', '-listen-metrics-urls']);
  const list = urls.length > 0 ? urls : typeof fromEnv === 'string' ? [fromEnv] : [];
  return list.flatMap((u) => u.split(',')).map((u) => hostPort(u.trim()).port).filter((p): p is number => p !== undefined);
}

/** etcd's listeners when no flag names them (etcd 3.5: http://localhost:2379 and :2380). */
/**
 * The ports the container's store serves in plain text by its own flags (an HTTPS probe
 * there fails its TLS handshake every time), or [] when the flags do not say: mongod
 * with no --tls or --ssl flag and no --config file (its wire protocol on --port, else
 * 27017/27018/27019); etcd's http:// client, peer and metrics listeners (their defaults
 * when a flag is absent), unless a config file or an ETCD_ variable may change them.
 */
export function plainPorts(container: JsonObject): number[] {
  const argv = [...strings(container['command']), ...strings(container['args'])];
  const mongod = serverFlags(argv, 'mongod', storeOfImage(container['image']) === 'mongodb');
  if (mongod !== undefined) {
    if (values(mongod, ['--config', '-f']).length > 0 || mongod.some((w) => /^--(tls|ssl)/i.test(w))) return [];
    const p = port(values(mongod, ['--port']).pop() ?? '');
    return [p ?? (mongod.includes('--shardsvr') ? 27018 : mongod.includes('--configsvr') ? 27019 : 27017)];
  }
  const etcd = serverFlags(argv, 'etcd', false);
  if (etcd === undefined) return [];
  const env = Array.isArray(container['env']) ? container['env'] : [];
  if (values(etcd, ['--config-file', '-config-file']).length > 0 || env.some((e) => isJsonObject(e) && typeof e['name'] === 'string' && e['name'].startsWith('ETCD_'))) return [];
  const listed = (names: string[], fallback?: string): string[] => {
    const v = values(etcd, names);
    return v.length > 0 ? v : fallback === undefined ? [] : [fallback];
  };
  const urls = [
    ...listed(['--listen-client-urls', '-listen-client-urls'], ETCD_DEFAULT_URLS.client),
    ...listed(['--listen-peer-urls', '-listen-peer-urls'], ETCD_DEFAULT_URLS.peer),
    ...listed(['--listen-metrics-urls', '-listen-metrics-urls']),
  ].flatMap((u) => u.split(',')).map((u) => u.trim());
  return urls.filter((u) => /^http:\/\//i.test(u)).map((u) => hostPort(u).port).filter((p): p is number => p !== undefined);
}
