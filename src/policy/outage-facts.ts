/**
 * Values the API server accepts that stop a workload or a store (the seventh
 * red team's outage typos), read exactly as the program reading them would,
 * once per render, so the policies compare plain numbers with the bounds in
 * the policy data (data.settings.outage) and run no regular expression:
 *
 * - container cpu and memory requests and limits, as Kubernetes quantities;
 * - etcd's --quota-backend-bytes (flag, ETCD_QUOTA_BACKEND_BYTES, config file
 *   key), as Go's flag package parses an int64;
 * - RabbitMQ's memory high watermark (rabbitmq.conf, advanced.config,
 *   rabbitmqctl set_vm_memory_high_watermark, Bitnami's environment variable);
 * - the members an etcd member is told to bootstrap with (--initial-cluster,
 *   ETCD_INITIAL_CLUSTER, the config file) and a MongoDB rs.initiate lists.
 *
 * Only numbers and paths leave this module.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { envSources, expandShellVars, expandVars, SHELLS } from './container-env.js';
import { rabbitCommandLineConfig } from './erl-args.js';
import { parseGoInt, parseInformationUnit, parseQuantity } from './quantity.js';
import type { OutageSettings } from './settings.js';
import { containerVars } from './st2-commands.js';
import { forEachConfigText, forEachContainer, RUNNING_FIELDS } from './container-walk.js';
import { imageRepository, namespaceOf } from './st2-config-files.js';
import { ContainerFiles } from './container-files.js';
import { RenderedFiles } from './rendered-files.js';

type Path = Array<string | number>;

/**
 * A container's cpu, memory or ephemeral-storage quantity: `request` when it is what the
 * scheduler reserves (a limit stands in for a missing request). Sent when outside the
 * outage bounds, or a limit below the highest component floor (ST2-OPS-048).
 */
export interface QuantityFact {
  readonly resource: number;
  readonly path: Path;
  readonly name: 'cpu' | 'memory' | 'ephemeral-storage';
  readonly field: 'requests' | 'limits';
  readonly value: number;
  readonly request: boolean;
}

/**
 * A number one setting gives a store: etcd's backend quota, RabbitMQ's watermark (-1: a value the
 * store refuses to start with), 1 for a dotted node name under short names, and a RabbitMQ
 * container's memory limit (the line its watermark must stay under: the kernel OOM-kills there).
 */
export interface SettingFact {
  readonly resource: number;
  readonly path: Path;
  readonly setting: 'etcd_quota' | 'rabbitmq_watermark_absolute' | 'rabbitmq_watermark_relative' | 'rabbitmq_memory_override' | 'rabbitmq_memory_limit' | 'rabbitmq_short_name_dotted';
  readonly value: number;
}

/** How many members a store member is told the cluster has at bootstrap. */
export interface MembersFact {
  readonly resource: number;
  readonly path: Path;
  readonly store: 'etcd' | 'mongodb';
  readonly members: number;
}

export interface OutageFacts {
  readonly quantities: QuantityFact[];
  readonly store_settings: SettingFact[];
  readonly store_members: MembersFact[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * The facts of a render. Quantities are many (every container's), so only
 * those outside the policy data's bounds are sent; the policy compares them
 * with the same bounds again. Store settings and member counts are few: all sent.
 */
export function collectOutageFacts(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, namespace: string, bounds: OutageSettings): OutageFacts {
  const quantities: QuantityFact[] = [];
  const settings: SettingFact[] = [];
  const members: MembersFact[] = [];
  let envData: Map<string, Map<string, string>> | undefined;
  const sources = (): Map<string, Map<string, string>> => (envData ??= envSources(resources));
  let rendered: RenderedFiles | undefined;

  // A replica-set script inline in a container's command (mongosh --eval 'rs.initiate(...)'), listed after the config texts'.
  const inlineMembers: MembersFact[] = [];
  forEachContainer(resources, specPaths, RUNNING_FIELDS, ({ index, manifest, podSpec, field, container, path: at }) => {
    // Floors (ST2-OPS-048) judge the containers that run beside the others, not plain init containers.
    const runsBeside = field === 'containers' || container['restartPolicy'] === 'Always';
    resourceQuantities(container, index, at, bounds, runsBeside, quantities);
    if (field === 'containers') rabbitmqLimit(container, index, at, settings);
    const words = [...strings(container['command']), ...strings(container['args'])];
    const script = words.join('\n');
    if (script.includes('nitiate')) {
      const n = replicaSetMembers(script);
      if (n !== undefined) inlineMembers.push({ resource: index, path: at, store: 'mongodb', members: n });
    }
    const env = Array.isArray(container['env']) ? container['env'] : [];
    const mayMatter =
      words.some((w) => w.includes('etcd') || w.includes('quota-backend') || w.includes('initial-cluster') || w.includes('watermark')) ||
      env.some((e) => isJsonObject(e) && typeof e['name'] === 'string' && /^(ETCD_|RABBITMQ_VM_MEMORY|RABBITMQ_USE_LONGNAME)/.test(e['name'])) ||
      Array.isArray(container['envFrom']) ||
      isJsonObject(container['lifecycle']) ||
      (typeof container['image'] === 'string' && imageRepository(container['image']) === 'etcd');
    if (!mayMatter) return;
    const vars = containerVars(container, sources);
    const files = (): ContainerFiles => new ContainerFiles(container, podSpec, namespaceOf(manifest, namespace), (rendered ??= new RenderedFiles(resources, namespace)), false, vars);
    containerSettings(container, vars, index, at, settings);
    if (field === 'containers') {
      const n = etcdMembers(container, vars, files);
      if (n !== undefined) members.push({ resource: index, path: at, store: 'etcd', members: n });
    }
  });

  // Config texts: ConfigMap and Secret values (a mounted rabbitmq.conf, an etcd config file, a replica-set script).
  forEachConfigText(resources, ({ index, path, text }) => {
    for (const s of textSettings(text)) settings.push({ resource: index, path, ...s });
    const n = replicaSetMembers(text);
    if (n !== undefined) members.push({ resource: index, path, store: 'mongodb', members: n });
  });
  members.push(...inlineMembers);
  return { quantities, store_settings: settings, store_members: members };
}

/** A RabbitMQ node container's memory limit: its memory alarm must fire below it, or the kernel kills the node first. */
function rabbitmqLimit(container: JsonObject, resource: number, at: Path, out: SettingFact[]): void {
  if (typeof container['image'] !== 'string' || imageRepository(container['image']) !== 'rabbitmq') return;
  const res = container['resources'];
  const limit = isJsonObject(res) && isJsonObject(res['limits']) ? parseQuantity(res['limits']['memory']) : undefined;
  if (limit !== undefined && limit > 0) out.push({ resource, path: [...at, 'resources', 'limits', 'memory'], setting: 'rabbitmq_memory_limit', value: limit });
}

/** cpu and memory of one container; the scheduler reserves the request, or the limit when no request is set. */
function resourceQuantities(container: JsonObject, resource: number, at: Path, bounds: OutageSettings, runsBeside: boolean, out: QuantityFact[]): void {
  const res = container['resources'];
  if (!isJsonObject(res)) return;
  const requests = isJsonObject(res['requests']) ? res['requests'] : {};
  const limits = isJsonObject(res['limits']) ? res['limits'] : {};
  for (const name of ['cpu', 'memory', 'ephemeral-storage'] as const) {
    const request = parseQuantity(requests[name]);
    const limit = parseQuantity(limits[name]);
    const facts: QuantityFact[] = [];
    if (request !== undefined) facts.push({ resource, path: [...at, 'resources', 'requests', name], name, field: 'requests', value: request, request: true });
    if (limit !== undefined) facts.push({ resource, path: [...at, 'resources', 'limits', name], name, field: 'limits', value: limit, request: !(name in requests) });
    for (const f of facts) if (outOfBounds(f, bounds, runsBeside)) out.push(f);
  }
}

/** A quantity no node can schedule (a reservation too large), no process can start in (too little memory), or a running container's limit that may starve a component. */
function outOfBounds(f: QuantityFact, bounds: OutageSettings, runsBeside: boolean): boolean {
  if (f.field === 'limits' && runsBeside && f.value < bounds.floorCeiling[f.name]) return true;
  if (f.name === 'ephemeral-storage') return false;
  if (f.name === 'cpu') return f.request && f.value > bounds.maxCpuCores;
  return (f.request && f.value > bounds.maxMemoryBytes) || f.value < bounds.minMemoryBytes;
}

/** The value of a Go flag in argv: -flag=v, --flag=v, or -flag v / --flag v. */
function flagValues(words: readonly string[], flag: string): Array<{ value: string; at: number }> {
  const out: Array<{ value: string; at: number }> = [];
  words.forEach((w, k) => {
    const m = /^--?([A-Za-z0-9-]+)(?:=([\s\S]*))?$/.exec(w);
    if (m === null || m[1] !== flag) return;
    const value = m[2] ?? words[k + 1];
    if (value !== undefined) out.push({ value, at: k });
  });
  return out;
}

/** A shell script's words (quotes dropped), variables expanded: what `sh -c` hands the program. */
function scriptWords(container: JsonObject, vars: ReadonlyMap<string, string>): string[] | undefined {
  const argv = [...strings(container['command']), ...strings(container['args'])].map((w) => expandVars(w, vars));
  const program = (argv[0] ?? '').split('/').pop() ?? '';
  const flag = argv.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w));
  if (!SHELLS.has(program) || flag < 0) return undefined;
  return expandShellVars(argv.slice(flag + 1).join(' '), vars)
    .split(/\s+/)
    .map((w) => w.replace(/["'`]/g, ''))
    .filter((w) => w !== '');
}

function argvOf(container: JsonObject, vars: ReadonlyMap<string, string>): { words: string[]; path: (k: number) => Path; script: boolean } {
  const command = strings(container['command']);
  const args = strings(container['args']);
  const script = scriptWords(container, vars);
  if (script !== undefined) return { words: script, path: () => ['command'], script: true };
  const words = [...command, ...args].map((w) => expandVars(w, vars));
  return { words, path: (k) => (k < command.length ? ['command', k] : ['args', k - command.length]), script: false };
}

/** The env entry's index that sets a name (the last), or undefined when it comes from envFrom. */
function envIndex(container: JsonObject, name: string): number | undefined {
  const env = Array.isArray(container['env']) ? container['env'] : [];
  let found: number | undefined;
  env.forEach((e, k) => {
    if (isJsonObject(e) && e['name'] === name) found = k;
  });
  return found;
}

function envPath(container: JsonObject, name: string): Path {
  const k = envIndex(container, name);
  return k === undefined ? ['envFrom'] : ['env', k];
}

/** etcd's backend quota and RabbitMQ's watermark, as one container's command line and environment set them. */
function containerSettings(container: JsonObject, vars: ReadonlyMap<string, string>, resource: number, at: Path, out: SettingFact[]): void {
  const { words, path } = argvOf(container, vars);
  for (const { value, at: k } of flagValues(words, 'quota-backend-bytes')) {
    out.push({ resource, path: [...at, ...path(k)], setting: 'etcd_quota', value: parseGoInt(value) ?? -1 });
  }
  const quota = vars.get('ETCD_QUOTA_BACKEND_BYTES');
  if (quota !== undefined) out.push({ resource, path: [...at, ...envPath(container, 'ETCD_QUOTA_BACKEND_BYTES')], setting: 'etcd_quota', value: parseGoInt(quota) ?? -1 });
  // `-rabbit vm_memory_high_watermark 0.0` on the node's erl command line.
  const erl = rabbitCommandLineConfig(vars);
  if (erl !== undefined) for (const s of textSettings(erl)) out.push({ resource, path: [...at, 'env'], ...s });
  // rabbitmqctl set_vm_memory_high_watermark [absolute] <value>, in a command or a hook.
  const hooks = isJsonObject(container['lifecycle']) ? Object.values(container['lifecycle']) : [];
  const texts = [words.join(' '), ...hooks.map((h) => (isJsonObject(h) && isJsonObject(h['exec']) ? strings(h['exec']['command']).join(' ') : ''))];
  texts.forEach((text, n) => {
    for (const m of text.matchAll(/set_vm_memory_high_watermark\s+(absolute\s+)?["']?([^\s"';&|]+)/g)) {
      const where: Path = n === 0 ? [...at, 'command'] : [...at, 'lifecycle'];
      out.push(m[1] !== undefined ? { resource, path: where, setting: 'rabbitmq_watermark_absolute', value: parseInformationUnit(m[2] ?? '') ?? -1 } : { resource, path: where, setting: 'rabbitmq_watermark_relative', value: relative(m[2] ?? '') });
    }
  });
  // The last RABBITMQ_USE_LONGNAME entry wins (as the kubelet builds the environment): not true
  // with a dotted host in RABBITMQ_NODENAME starts Erlang with -sname rabbit@a.b, which it refuses
  // ("Can't set short node name!"): the node never boots.
  const longName = envIndex(container, 'RABBITMQ_USE_LONGNAME');
  const nodeName = vars.get('RABBITMQ_NODENAME') ?? '';
  const useLong = vars.get('RABBITMQ_USE_LONGNAME');
  if (longName !== undefined && useLong !== undefined && !/^(true|yes|1)$/i.test(useLong.trim()) && nodeName.slice(nodeName.indexOf('@') + 1).includes('.') && nodeName.includes('@')) {
    out.push({ resource, path: [...at, 'env', longName], setting: 'rabbitmq_short_name_dotted', value: 1 });
  }
  // Bitnami's image writes vm_memory_high_watermark from RABBITMQ_VM_MEMORY_HIGH_WATERMARK (relative, or absolute with a unit).
  const bitnami = vars.get('RABBITMQ_VM_MEMORY_HIGH_WATERMARK');
  if (bitnami !== undefined) {
    const where = [...at, ...envPath(container, 'RABBITMQ_VM_MEMORY_HIGH_WATERMARK')];
    const v = bitnami.trim();
    out.push(/^[0-9]*\.[0-9]+$|^[01]$/.test(v) ? { resource, path: where, setting: 'rabbitmq_watermark_relative', value: relative(v) } : { resource, path: where, setting: 'rabbitmq_watermark_absolute', value: parseInformationUnit(v) ?? -1 });
  }
}

/** A relative watermark as a float; -1 when RabbitMQ would refuse it. */
function relative(text: string): number {
  const t = text.trim();
  return /^[0-9]*\.?[0-9]+$/.test(t) ? Number(t) : -1;
}

/** Store settings written in a config text (rabbitmq.conf, advanced.config, an etcd config file). */
function textSettings(text: string): Array<Omit<SettingFact, 'resource' | 'path'>> {
  const out: Array<Omit<SettingFact, 'resource' | 'path'>> = [];
  if (text.includes('vm_memory_high_watermark')) {
    // rabbitmq.conf (sysctl format): comments are whole lines starting with #.
    for (const m of text.matchAll(/^[ \t]*vm_memory_high_watermark(?:\.(absolute|relative))?[ \t]*=[ \t]*([^\n#]*?)[ \t]*$/gm)) {
      const value = m[2] ?? '';
      out.push(m[1] === 'absolute' ? { setting: 'rabbitmq_watermark_absolute', value: parseInformationUnit(value) ?? -1 } : { setting: 'rabbitmq_watermark_relative', value: relative(value) });
    }
    // advanced.config / classic config (Erlang terms): {vm_memory_high_watermark, 0.4} or {vm_memory_high_watermark, {absolute, N}}.
    for (const m of text.matchAll(/\{\s*vm_memory_high_watermark\s*,\s*(?:\{\s*absolute\s*,\s*["']?([0-9A-Za-z]+)["']?\s*\}|([0-9.]+))/g)) {
      out.push(m[1] !== undefined ? { setting: 'rabbitmq_watermark_absolute', value: parseInformationUnit(m[1]) ?? -1 } : { setting: 'rabbitmq_watermark_relative', value: relative(m[2] ?? '') });
    }
  }
  // The memory a relative watermark is taken of (rabbitmq.conf total_memory_available_override_value).
  if (text.includes('total_memory_available_override_value')) {
    for (const m of text.matchAll(/^[ \t]*total_memory_available_override_value[ \t]*=[ \t]*([^\n#]*?)[ \t]*$/gm)) out.push({ setting: 'rabbitmq_memory_override', value: parseInformationUnit(m[1] ?? '') ?? -1 });
  }
  if (text.includes('quota-backend-bytes')) {
    // etcd's YAML config file (--config-file).
    for (const m of text.matchAll(/^[ \t]*["']?quota-backend-bytes["']?[ \t]*:[ \t]*["']?([^"'\s#]+)/gm)) out.push({ setting: 'etcd_quota', value: parseGoInt(m[1] ?? '') ?? -1 });
  }
  return out;
}

/**
 * The members an etcd container bootstraps with: the distinct names of
 * --initial-cluster (flag, ETCD_INITIAL_CLUSTER, or the config file's
 * initial-cluster), 1 when nothing sets it (etcd's default is one member,
 * itself); undefined when discovery forms the cluster, or the value is out of
 * the render's reach (a config file or script the gate cannot read).
 */
function etcdMembers(container: JsonObject, vars: ReadonlyMap<string, string>, files: () => ContainerFiles): number | undefined {
  const { words, script } = argvOf(container, vars);
  const runsEtcd = words.some((w) => /(?:^|\/)etcd$/.test(w)) || (container['command'] === undefined && typeof container['image'] === 'string' && imageRepository(container['image']) === 'etcd');
  if (!runsEtcd) return undefined;
  // Bitnami's image builds its own flags from many variables: not read here.
  if (container['command'] === undefined && String(container['image']).includes('bitnami')) return undefined;
  if (words.some((w) => /^--?discovery(-srv)?(=|$)/.test(w)) || vars.has('ETCD_DISCOVERY') || vars.has('ETCD_DISCOVERY_SRV')) return undefined;
  const flag = flagValues(words, 'initial-cluster');
  const value = flag[flag.length - 1]?.value ?? vars.get('ETCD_INITIAL_CLUSTER');
  if (value !== undefined) return clusterNames(value);
  const config = flagValues(words, 'config-file')[0]?.value ?? vars.get('ETCD_CONFIG_FILE');
  if (config !== undefined) {
    const file = files().file(config);
    if (file.kind !== 'text') return undefined;
    if (/^[ \t]*["']?discovery(-srv)?["']?[ \t]*:[ \t]*["']?[^\s"'#]/m.test(file.text)) return undefined;
    const m = /^[ \t]*["']?initial-cluster["']?[ \t]*:[ \t]*["']?([^"'\n#]+)/m.exec(file.text);
    return m === null ? 1 : clusterNames(m[1] ?? '');
  }
  // An unresolved variable in a script may carry the flags ($(VAR) in argv is one word, never more).
  if (script && words.some((w) => w.includes('$'))) return undefined;
  return 1;
}

/** Distinct member names of an initial-cluster list (name=url,name=url). */
function clusterNames(value: string): number {
  const names = new Set<string>();
  for (const part of value.split(',')) {
    const at = part.indexOf('=');
    const name = (at < 0 ? part : part.slice(0, at)).trim();
    if (name !== '') names.add(name);
  }
  return Math.max(names.size, 1);
}

/**
 * Members a replica-set initiation script lists: rs.initiate() without a
 * configuration (the server alone) and no rs.add; else the distinct literal
 * hosts of its member documents and rs.add calls. Undefined when there is no
 * initiation, or a host is computed (a loop, a concatenation): not counted.
 */
export function replicaSetMembers(text: string): number | undefined {
  if (!text.includes('rs.initiate') && !text.includes('replSetInitiate')) return undefined;
  const hosts = new Set<string>();
  // Members that neither vote nor hold data for an election (arbiterOnly, votes: 0) do not count.
  const partial = new Set<string>();
  let computed = false;
  for (const m of text.matchAll(/\bhost["']?\s*:\s*(?:(["'])([^"'\n]*)\1(?=\s*[,}\n])|)/g)) {
    if (m[1] === undefined) computed = true;
    else {
      const host = (m[2] ?? '').toLowerCase();
      hosts.add(host);
      const at = m.index ?? 0;
      const start = text.lastIndexOf('{', at);
      const end = text.indexOf('}', at);
      const doc = text.slice(start < 0 ? at : start, end < 0 ? text.length : end);
      if (/\barbiterOnly["']?\s*:\s*true\b|\bvotes["']?\s*:\s*0(?![.0-9])/.test(doc)) partial.add(host);
    }
  }
  for (const m of text.matchAll(/rs\.addArb\(\s*(["'])([^"'\n]*)\1/g)) {
    hosts.add((m[2] ?? '').toLowerCase());
    partial.add((m[2] ?? '').toLowerCase());
  }
  for (const m of text.matchAll(/rs\.add\(\s*(?:(["'])([^"'\n]*)\1\s*[,)]|)/g)) {
    if (m[1] === undefined) {
      // rs.add({host: ...}) is counted by its host key.
      if (!/^rs\.add\(\s*\{/.test(text.slice(m.index ?? 0))) computed = true;
    } else hosts.add((m[2] ?? '').toLowerCase());
  }
  if (computed) return undefined;
  if (hosts.size > 0) return Math.max(hosts.size - partial.size, 0);
  return /rs\.initiate\(\s*\)|replSetInitiate\s*:\s*\{\s*\}/.test(text) ? 1 : undefined;
}

