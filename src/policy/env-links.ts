/**
 * Environment variables a store's program parses at boot and cannot parse
 * in the value it gets (ST2-OPS-070), written in the container or injected
 * by the kubelet's Service links.
 *
 * Service links (kubelet getServiceEnvVarMap, pkg/kubelet/envvars FromServices):
 * unless the pod sets enableServiceLinks: false, every Service of the pod's
 * namespace that has a cluster IP (not headless, not ExternalName) gives each
 * container, under the name upper-cased with dashes as underscores (P),
 * P_SERVICE_HOST, P_SERVICE_PORT, P_SERVICE_PORT_<PORT NAME>, P_PORT
 * (tcp://IP:port of the first port) and P_PORT_<port>_<PROTO> with its
 * _PROTO, _PORT and _ADDR. A variable the container declares (env, envFrom)
 * wins over the injected one.
 *
 * What the programs read:
 * - RabbitMQ (rabbit_env.erl, 3.12): amqp_tcp_port and erlang_dist_tcp_port
 *   run list_to_integer on RABBITMQ_NODE_PORT and RABBITMQ_DIST_PORT, or on
 *   NODE_PORT and DIST_PORT when the prefixed one is unset or empty
 *   (get_prefixed_env_var); a value that is not an integer logs "Invalid
 *   value for $RABBITMQ_NODE_PORT" and exits (ex_config): the node never boots.
 *   Services named rabbitmq-node, rabbitmq-dist, node or dist inject them.
 * - etcd 3.5 (pkg/flags SetFlagsFromEnv, without --config-file or
 *   ETCD_CONFIG_FILE): ETCD_<FLAG> sets each flag; a value the flag cannot
 *   parse is an error and etcd exits, and one for a flag also given on the
 *   command line is fatal. Of its flags only --socket-reuse-port (a bool)
 *   has a name a Service link can produce (Service etcd-socket-reuse).
 * Other names (RABBITMQ_PORT, ETCD_SERVICE_HOST...) are read by nothing: etcd
 * only warns about an unrecognised ETCD_ variable.
 */
import { isJsonObject, kindOf, type JsonObject, type Manifest } from '../core/manifest.js';
import type { ContainerAt } from './container-walk.js';
import { namespaceOf } from './st2-config-files.js';

type Path = Array<string | number>;

export interface EnvLinkFact {
  readonly resource: number;
  /** The container's env entry (written) or the container (injected). */
  readonly path: Path;
  readonly container: string;
  readonly program: 'rabbitmq' | 'etcd';
  readonly variable: string;
  /** The Service whose link injects it; '' when the container writes it. */
  readonly service: string;
}

/** The variables each program parses as an integer (RabbitMQ) or a flag (etcd), and their unprefixed fallbacks. */
const RABBITMQ_INTEGERS: ReadonlyArray<readonly [string, string]> = [
  ['RABBITMQ_NODE_PORT', 'NODE_PORT'],
  ['RABBITMQ_DIST_PORT', 'DIST_PORT'],
];
const ETCD_FLAG_VARIABLES: readonly string[] = ['ETCD_SOCKET_REUSE_PORT'];
const READ = new Set<string>([...RABBITMQ_INTEGERS.flat(), ...ETCD_FLAG_VARIABLES]);

const envName = (s: string): string => s.toUpperCase().replace(/-/g, '_');

/** The variables one Service's links inject (only those a program here reads), with the Service's name. */
function injected(service: JsonObject, name: string, out: Map<string, string>): void {
  const spec = isJsonObject(service['spec']) ? service['spec'] : {};
  if (spec['type'] === 'ExternalName' || spec['clusterIP'] === 'None') return;
  const ports = Array.isArray(spec['ports']) ? spec['ports'] : [];
  if (ports.length === 0) return;
  const p = envName(name);
  const names = [`${p}_SERVICE_HOST`, `${p}_SERVICE_PORT`, `${p}_PORT`];
  for (const port of ports) {
    if (!isJsonObject(port)) continue;
    if (typeof port['name'] === 'string' && port['name'] !== '') names.push(`${p}_SERVICE_PORT_${envName(port['name'])}`);
    const proto = typeof port['protocol'] === 'string' ? port['protocol'].toUpperCase() : 'TCP';
    const base = `${p}_PORT_${String(port['port'])}_${proto}`;
    names.push(base, `${base}_PROTO`, `${base}_PORT`, `${base}_ADDR`);
  }
  for (const n of names) if (READ.has(n) && !out.has(n)) out.set(n, name);
}

/** Per namespace, the read variables the render's Services inject. Most renders: none. */
export function serviceLinkVariables(resources: readonly Manifest[], landing: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const r of resources) {
    if (kindOf(r) !== 'Service') continue;
    const meta = r['metadata'];
    const name = isJsonObject(meta) ? meta['name'] : undefined;
    if (typeof name !== 'string') continue;
    const ns = namespaceOf(r, landing);
    const vars = out.get(ns) ?? new Map<string, string>();
    injected(r, name, vars);
    if (vars.size > 0) out.set(ns, vars);
  }
  return out;
}

const words = (c: JsonObject, key: string): string[] => {
  const v = c[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

function imageRepo(c: JsonObject): string {
  const image = typeof c['image'] === 'string' ? c['image'] : '';
  return (image.split('@')[0] ?? '').replace(/:[^/:]*$/, '');
}

/** The store program the container's main process is, if any: its image's entrypoint or a command naming it. */
function programOf(c: JsonObject): 'rabbitmq' | 'etcd' | undefined {
  const argv = [...words(c, 'command'), ...words(c, 'args')];
  const repo = imageRepo(c);
  const first = (argv[0] ?? '').split('/').pop() ?? '';
  if (argv.length === 0 ? /(^|\/)rabbitmq$/.test(repo) : /rabbitmq-server|docker-entrypoint/.test(argv.join(' ')) && repo.includes('rabbitmq')) return 'rabbitmq';
  if (first === 'etcd' || (argv.length === 0 && /(^|\/)etcd$/.test(repo))) {
    // With a configuration file etcd ignores its environment.
    if (argv.some((w) => w.startsWith('--config-file') || w.startsWith('-config-file'))) return undefined;
    return 'etcd';
  }
  return undefined;
}

interface Declared {
  readonly names: Map<string, { readonly k: number; readonly value: unknown; readonly literal: boolean }>;
  /** An envFrom source the render does not hold: it may declare anything. */
  readonly open: boolean;
}

/** The variables the container declares itself (env, then envFrom's rendered ConfigMaps and Secrets). */
function declared(c: JsonObject, keysOf: (kind: string, name: string) => readonly string[] | undefined): Declared {
  const names = new Map<string, { k: number; value: unknown; literal: boolean }>();
  const env = c['env'];
  if (Array.isArray(env)) {
    env.forEach((e, k) => {
      if (isJsonObject(e) && typeof e['name'] === 'string') names.set(e['name'], { k, value: e['value'], literal: e['valueFrom'] === undefined });
    });
  }
  let open = false;
  const from = c['envFrom'];
  if (Array.isArray(from)) {
    for (const f of from) {
      if (!isJsonObject(f)) continue;
      const prefix = typeof f['prefix'] === 'string' ? f['prefix'] : '';
      const ref = isJsonObject(f['configMapRef']) ? ['ConfigMap', f['configMapRef']] as const : isJsonObject(f['secretRef']) ? ['Secret', f['secretRef']] as const : undefined;
      const keys = ref !== undefined && typeof ref[1]['name'] === 'string' ? keysOf(ref[0], ref[1]['name']) : undefined;
      if (keys === undefined) open = true;
      else for (const key of keys) if (!names.has(prefix + key)) names.set(prefix + key, { k: -1, value: undefined, literal: false });
    }
  }
  return { names, open };
}

/** A value rabbit_env's list_to_integer refuses ($(VAR) references are the kubelet's to expand: not judged). */
const notInteger = (v: string): boolean => v !== '' && !v.includes('$(') && !/^[+-]?[0-9]+$/.test(v);

export interface EnvLinkInputs {
  readonly links: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly keysOf: (ns: string, kind: string, name: string) => readonly string[] | undefined;
  readonly landing: string;
}

/** The facts of one pod spec's containers. */
export function envLinks(out: EnvLinkFact[], inputs: EnvLinkInputs, resource: number, manifest: Manifest, spec: JsonObject, containers: readonly ContainerAt[]): void {
  const ns = namespaceOf(manifest, inputs.landing);
  const linked = spec['enableServiceLinks'] === false ? undefined : inputs.links.get(ns);
  for (const { container, path, field } of containers) {
    if (field !== 'containers') continue;
    const program = programOf(container);
    if (program === undefined) continue;
    const own = declared(container, (kind, name) => inputs.keysOf(ns, kind, name));
    const cname = typeof container['name'] === 'string' ? container['name'] : '';
    const push = (variable: string, service: string, at: Path): void => {
      out.push({ resource, path: at, container: cname, program, variable, service });
    };
    // What the process reads under each name: its own declaration, else the link's.
    const judge = (variable: string): boolean => {
      const d = own.names.get(variable);
      if (d !== undefined) {
        if (d.literal && typeof d.value === 'string' && program === 'rabbitmq' && notInteger(d.value)) {
          push(variable, '', [...path, 'env', d.k, 'value']);
          return true;
        }
        // An empty value is unset to rabbit_env (get_env_var): the unprefixed name is read then.
        return !(d.literal && (d.value === undefined || d.value === ''));
      }
      const service = own.open ? undefined : linked?.get(variable);
      if (service !== undefined) {
        push(variable, service, path);
        return true;
      }
      return false;
    };
    if (program === 'rabbitmq') {
      // The unprefixed name counts only when the prefixed one is unset or empty.
      for (const [prefixed, bare] of RABBITMQ_INTEGERS) if (!judge(prefixed)) judge(bare);
    } else {
      if (own.names.has('ETCD_CONFIG_FILE') || linked === undefined) continue;
      for (const v of ETCD_FLAG_VARIABLES) judge(v);
    }
  }
}
