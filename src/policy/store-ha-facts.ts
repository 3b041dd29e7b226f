/**
 * Store settings that stop MongoDB or RabbitMQ serving, or break their HA,
 * read as each store reads them (the eighth red team's store-ha class),
 * once per render; the policy compares the numbers with the bundle's bounds
 * (data.settings.outage) in ST2-REP-016:
 *
 * - mongod's argv as Boost's program_options reads it (`--opt v`, `--opt=v`),
 *   after the official image's entrypoint (a first argument starting with `-`
 *   runs mongod; without --bind_ip it adds --bind_ip_all), and the YAML file
 *   of `--config`/`-f`: listening on loopback only (`--bind_ip localhost`),
 *   --bind_ip beside --bind_ip_all (mongod refuses to start), and a WiredTiger
 *   cache (`--wiredTigerCacheSizeGB`, `storage.wiredTiger.engineConfig.cacheSizeGB`)
 *   against the container's memory limit;
 * - rabbitmq.conf (sysctl format: `key = value`, whole-line `#` comments) and
 *   advanced.config (Erlang terms), wherever the render holds them (a
 *   ConfigMap, an init container's heredoc): cluster_partition_handling other
 *   than pause_minority, autoheal or pause_if_all_down (`ignore` keeps both
 *   sides of a split writing), disk_free_limit against the data volume of the
 *   namespace's RabbitMQ pods (absolute, or relative to their memory limit);
 * - mirroring policies (definitions.json, `rabbitmqctl set_policy`): the
 *   copies `ha-mode` keeps (`exactly` with `ha-params` N, `nodes` with a list).
 *
 * Only numbers, names and paths leave this module.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { forEachConfigText, forEachContainer, objectAt, RUNNING_FIELDS } from './container-walk.js';
import { parseInformationUnit, parseQuantity } from './quantity.js';
import { envSources } from './container-env.js';
import { ETCD_DEFAULT_URLS, etcdServer, goBool, imageVersion, type EtcdServer } from './etcd-server.js';
import { containerVars } from './st2-commands.js';
import { imageRepository, namespaceOf } from './st2-config-files.js';
import { ContainerFiles } from './container-files.js';
import { RenderedFiles } from './rendered-files.js';
import { rabbitCommandLineConfig } from './erl-args.js';
import { rabbitConfigMissing } from './rabbit-config-file.js';
import { claimPathAt, PERSISTENT, volumeKindAt } from './store-data-volume.js';
import { FormationFacts, type FormationSetting } from './store-formation.js';
import { keyFileMode, LOOPBACK, mongodArgv, mongodConfig, optionValues, type MongodConfig } from './mongod-settings.js';
import { mongodStartupFacts, type MongodStartupSetting } from './mongod-startup.js';
import { RabbitSettings, type RabbitFact, type RabbitSetting } from './rabbitmq-settings.js';
import { connectionMax, mirrorCopies, queueDrops, rabbitSettings } from './rabbitmq-text-settings.js';
import { etcdLinks, logHandlerLinks, rabbitLinks, type StoreLink } from './store-links.js';

type Path = Array<string | number>;

export interface StoreHaFact {
  readonly resource: number;
  readonly path: Path;
  readonly store: 'mongodb' | 'rabbitmq' | 'etcd';
  readonly setting:
    | 'bind_loopback' | 'bind_conflict' | 'cache_bytes' | 'partition_handling' | 'disk_free_limit' | 'mirror_copies'
    // The ninth red team's: the volume under the data directory when it is not a claim (REP-021),
    // durability switched off (REP-023), etcd serving v2 (1) or not (0) for REP-012, the image's major.minor (REP-024).
    | 'data_volume' | 'durability_off' | 'etcd_v2' | 'etcd_metrics_port' | 'image_version'
    // RabbitMQ's connection_max, a queue policy key that drops st2's messages, a keyfile mode mongod refuses,
    // a replica-set name nothing else in the namespace uses (REP-016).
    | 'connection_max' | 'queue_drop' | 'keyfile_mode' | 'replset_name'
    // The tenth red team's: the data directory moved within its claim (REP-021), formation settings (store-formation.ts).
    | 'data_moved' | FormationSetting
    // The eleventh red team's: mongod's start-up settings (mongod-startup.ts), RabbitMQ's (rabbitmq-settings.ts).
    | MongodStartupSetting | RabbitSetting
    // The sixteenth red team's: RABBITMQ_CONFIG_FILE naming no file (rabbit-config-file.ts).
    | 'config_missing'
    // The nineteenth's: etcd's peer listener on loopback in a cluster of several members.
    | 'peer_loopback';
  /** A number (bytes, copies), or for partition_handling the mode written. */
  readonly value: number | string;
  /** What the number is compared with: the container's memory limit (cache), the data volume's size (disk limit); 0 when unknown. */
  readonly capacity: number;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function memoryLimit(container: JsonObject): number | undefined {
  const res = isJsonObject(container['resources']) ? container['resources'] : {};
  const limits = isJsonObject(res['limits']) ? res['limits'] : {};
  return parseQuantity(limits['memory']);
}

/** The replica-set names a text gives st2 (`replicaSet=` in a URI) and an initiation (`rs.initiate({_id: ...})`). */
function replSetNames(text: string, ns: string, clients: Map<string, Set<string>>, inits: Map<string, Set<string>>): void {
  const add = (map: Map<string, Set<string>>, name: string): void => {
    if (!map.has(ns)) map.set(ns, new Set());
    map.get(ns)?.add(name);
  };
  for (const m of text.matchAll(/[?&]replicaSet=([A-Za-z0-9_.-]+)/g)) add(clients, m[1] ?? '');
  for (const m of text.matchAll(/(?:rs\.initiate|replSetInitiate)\s*[(:]\s*\{\s*["']?_id["']?\s*:\s*(["'])([^"'\n]+)\1/g)) add(inits, m[2] ?? '');
}

/** Whether an st2 config's [database] section asks for TLS (ssl = True, or tls=true/ssl=true in its host URI). */
function databaseTls(text: string): boolean {
  return text.split('[database]').slice(1).some((rest) => {
    const end = rest.search(/^[ \t]*\[/m);
    const section = end < 0 ? rest : rest.slice(0, end);
    return /^[ \t]*ssl[ \t]*[=:][ \t]*(?:true|1|yes|on)\b/im.test(section) || /[?&](?:tls|ssl)=true\b/i.test(section);
  });
}

function forEachString(v: unknown, fn: (text: string) => void): void {
  if (typeof v === 'string') fn(v);
  else if (Array.isArray(v)) for (const x of v) forEachString(x, fn);
  else if (isJsonObject(v)) for (const x of Object.values(v)) forEachString(x, fn);
}

/** Whether a text ends as an Erlang list term does (enabled_plugins: `[a,b].`), read from its end without a copy. */
function endsWithList(text: string): boolean {
  let k = text.length - 1;
  while (k > 0 && /\s/.test(text[k] ?? '')) k--;
  return text[k] === '.' && text[k - 1] === ']';
}

const isRabbit = (container: JsonObject): boolean => typeof container['image'] === 'string' && /rabbitmq/.test(imageRepository(container['image']));

/** Hooks' exec commands (postStart, preStop): what they configure in the store at run time. */
function hookScript(container: JsonObject): string {
  const lifecycle = isJsonObject(container['lifecycle']) ? container['lifecycle'] : {};
  return ['postStart', 'preStop'].map((h) => { const hook = lifecycle[h]; const exec = isJsonObject(hook) ? hook['exec'] : undefined; return isJsonObject(exec) ? strings(exec['command']).join('\n') : ''; }).join('\n');
}

/** `links` receives where the stores connect beyond their members (store-links.ts). */
export function collectStoreHaFacts(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, namespace: string, links: StoreLink[] = []): StoreHaFact[] {
  const out: StoreHaFact[] = [];
  const formation = new FormationFacts(out);
  let rendered: RenderedFiles | undefined;
  // The RabbitMQ pods of each namespace: smallest memory limit and data volume.
  const rabbit = new Map<string, { memory: number; volume: number }>();
  const texts: Array<{ resource: number; path: Path; text: string; ns: string }> = [];
  let envData: Map<string, Map<string, string>> | undefined;
  // Replica-set names by namespace: mongod's, st2's URIs (replicaSet=), rs.initiate's _id.
  const servers: Array<{ resource: number; path: Path; ns: string; name: string }> = [];
  const clients = new Map<string, Set<string>>();
  const inits = new Map<string, Set<string>>();
  const varsOf = new Map<JsonObject, Map<string, string>>();
  const lazyVars = (container: JsonObject): Map<string, string> => {
    let v = varsOf.get(container);
    if (v === undefined) varsOf.set(container, (v = containerVars(container, () => (envData ??= envSources(resources)))));
    return v;
  };

  const rabbitFacts: RabbitFact[] = [];
  const rabbitConf = new RabbitSettings(rabbitFacts);
  // Mongod start-up facts wait for the namespaces whose st2 logs in with X.509 (config texts, read later).
  const mongods: Array<{ resource: number; path: Path; ns: string; facts: (x509: boolean, plain: boolean) => ReturnType<typeof mongodStartupFacts> }> = [];
  const x509Clients = new Set<string>();
  // st2's [database] sections by namespace: seen, and whether any asks for TLS.
  const dbClients = new Map<string, boolean>();
  const dbSection = (ns: string, text: string): void => {
    dbClients.set(ns, (dbClients.get(ns) ?? false) || databaseTls(text));
  };

  forEachContainer(resources, specPaths, RUNNING_FIELDS, ({ index, manifest, specPath, podSpec, field, container, path: at }) => {
    const ns = namespaceOf(manifest, namespace);
    const script = [...strings(container['command']), ...strings(container['args'])].join('\n');
    formation.container(index, podSpec, container, at, ns, script);
    if (/auth_backends|max_message_size|consumer_timeout|set_policy|rabbitmq-plugins|"policies"/.test(script)) rabbitConf.text(index, [...at, 'command'], ns, script);
    if (/ha-mode|cluster_partition_handling|disk_free_limit|connection_max|message-ttl|max-length|expires/.test(script)) texts.push({ resource: index, path: [...at, 'command'], text: script, ns });
    if (script.includes('nitiate')) replSetNames(script, ns, clients, inits);
    const hooks = container['lifecycle'] === undefined ? '' : hookScript(container);
    for (const [text, where] of [[script, 'command'], [hooks, 'lifecycle']] as const) {
      if (text.includes('auth_ldap') || text.includes('shovel') || text.includes('federation') || text.includes('rabbitmq_auth_backend_ldap')) for (const l of rabbitLinks(text)) links.push({ resource: index, path: [...at, where], store: 'rabbitmq', ...l });
    }
    if (field === 'containers' && isRabbit(container)) {
      // `-rabbit disk_free_limit ...` on the node's erl command line, read as advanced.config.
      const erl = rabbitCommandLineConfig(lazyVars(container));
      if (erl !== undefined) {
        texts.push({ resource: index, path: [...at, 'env'], text: erl, ns });
        // `-rabbit tcp_listeners [...]` too, judged as advanced.config's listeners.
        formation.text(index, manifest, [...at, 'env'], erl, ns);
      }
      const limit = memoryLimit(container) ?? 0;
      const volume = rabbitVolume(manifest, specPath, container);
      const prev = rabbit.get(ns);
      rabbit.set(ns, { memory: prev === undefined || (limit > 0 && limit < prev.memory) ? limit : prev.memory, volume: prev === undefined || (volume > 0 && (prev.volume === 0 || volume < prev.volume)) ? volume : prev.volume });
    }
    if (field !== 'containers') return;
    if (typeof container['image'] === 'string' && imageRepository(container['image']) === 'rabbitmq' && rabbitServer(out, index, at, manifest, specPath, podSpec, container, lazyVars(container))) {
      formation.rabbit(index, manifest, specPath, container, at, ns);
      const configFile = lazyVars(container).get('RABBITMQ_CONFIG_FILE');
      if (configFile !== undefined && rabbitConfigMissing(configFile, new ContainerFiles(container, podSpec, ns, (rendered ??= new RenderedFiles(resources, namespace)), false, lazyVars(container)))) {
        out.push({ resource: index, path: [...at, 'env'], store: 'rabbitmq', setting: 'config_missing', value: configFile, capacity: 0 });
      }
    }
    const etcd = etcdServer(container, lazyVars(container), () => new ContainerFiles(container, podSpec, ns, (rendered ??= new RenderedFiles(resources, namespace)), false, lazyVars(container)));
    if (etcd !== undefined && etcd !== 'client') {
      etcdFacts(out, index, at, manifest, specPath, podSpec, container, etcd);
      formation.etcd(index, manifest, specPath, container, at, etcd, ns);
      if (etcd.known) for (const l of etcdLinks(etcd)) links.push({ resource: index, path: at, store: 'etcd', ...l });
    }
    const argv = mongodArgv(container);
    if (argv === undefined) return;
    let bindIp = optionValues(argv, ['--bind_ip'], true);
    let bindAll = optionValues(argv, ['--bind_ip_all'], false).length > 0;
    let cache = optionValues(argv, ['--wiredTigerCacheSizeGB'], true).map(Number);
    const config = optionValues(argv, ['--config', '-f'], true)[0];
    // Command-line options win over the file's.
    let c: MongodConfig = {};
    let known = true;
    if (config !== undefined) {
      const file = new ContainerFiles(container, podSpec, ns, (rendered ??= new RenderedFiles(resources, namespace)), false, new Map()).file(config);
      if (file.kind === 'text') {
        c = mongodConfig(file.text);
        if (c.bindIp !== undefined && bindIp.length === 0) bindIp = [c.bindIp];
        if (c.bindIpAll === true) bindAll = true;
        if (c.cacheGB !== undefined && cache.length === 0) cache = [c.cacheGB];
      } else known = false;
    }
    const dbPath = optionValues(argv, ['--dbpath'], true).pop() ?? c.dbPath ?? (known ? '/data/db' : undefined);
    if (dbPath !== undefined) {
      dataVolume(out, index, at, 'mongodb', volumeKindAt(manifest, specPath, podSpec, container, dbPath));
      const image = String(container['image']);
      dataMoved(out, index, at, 'mongodb', manifest, specPath, podSpec, container, dbPath, image.includes('bitnami') ? '/bitnami/mongodb/data/db' : '/data/db');
    }
    if (optionValues(argv, ['--nojournal'], false).length > 0) out.push({ resource: index, path: at, store: 'mongodb', setting: 'durability_off', value: '--nojournal', capacity: 0 });
    else if (c.journal === false) out.push({ resource: index, path: at, store: 'mongodb', setting: 'durability_off', value: 'storage.journal.enabled: false', capacity: 0 });
    version(out, index, at, 'mongodb', container['image']);
    const keyFile = optionValues(argv, ['--keyFile'], true).pop() ?? c.keyFile;
    const mode = keyFile === undefined ? undefined : keyFileMode(podSpec, container, keyFile);
    if (mode !== undefined && (mode & 0o077) !== 0) out.push({ resource: index, path: at, store: 'mongodb', setting: 'keyfile_mode', value: mode, capacity: 0 });
    const replSet = (optionValues(argv, ['--replSet'], true).pop() ?? c.replSetName)?.split('/')[0];
    if (replSet !== undefined && replSet !== '') {
      servers.push({ resource: index, path: at, ns, name: replSet });
      formation.mongod(index, manifest, specPath, container, at, ns);
    }
    if (bindAll && bindIp.length > 0) out.push({ resource: index, path: at, store: 'mongodb', setting: 'bind_conflict', value: 1, capacity: 0 });
    else if (!bindAll && bindIp.length > 0) {
      const hosts = bindIp.flatMap((v) => v.split(',')).map((h) => h.trim()).filter((h) => h !== '');
      if (hosts.every((h) => LOOPBACK.test(h))) out.push({ resource: index, path: at, store: 'mongodb', setting: 'bind_loopback', value: hosts.length, capacity: 0 });
    }
    const files = (): ContainerFiles => new ContainerFiles(container, podSpec, ns, (rendered ??= new RenderedFiles(resources, namespace)), false, new Map());
    mongods.push({ resource: index, path: at, ns, facts: (x509, plain) => mongodStartupFacts({ argv, config: c, podSpec, container, files, x509Clients: x509, plainClients: plain, configKnown: known }) });
    const gb = cache[cache.length - 1];
    if (gb !== undefined) out.push({ resource: index, path: at, store: 'mongodb', setting: 'cache_bytes', value: Number.isFinite(gb) ? Math.round(gb * 2 ** 30) : -1, capacity: memoryLimit(container) ?? 0 });
  });

  forEachConfigText(resources, ({ index, manifest, path, text }) => {
    formation.text(index, manifest, path, text, namespaceOf(manifest, namespace));
    if (text.includes('MONGODB-X509')) x509Clients.add(namespaceOf(manifest, namespace));
    if (text.includes('[database]')) dbSection(namespaceOf(manifest, namespace), text);
    if (/auth_backends|max_message_size|consumer_timeout|set_policy|rabbitmq-plugins|"policies"|loopback_users|auth_mechanisms/.test(text) || endsWithList(text)) rabbitConf.text(index, path, namespaceOf(manifest, namespace), text);
    if (text.includes('amqp') || text.includes('login_method') || text.includes('ssl_certfile')) rabbitConf.st2Text(namespaceOf(manifest, namespace), text);
    if (text.includes('replicaSet=') || text.includes('nitiate')) replSetNames(text, namespaceOf(manifest, namespace), clients, inits);
    if (text.includes('auth_ldap') || text.includes('shovel') || text.includes('federation') || text.includes('rabbitmq_auth_backend_ldap')) for (const l of rabbitLinks(text)) links.push({ resource: index, path, store: 'rabbitmq', ...l });
    if (text.includes('[handler_') && text.includes('Handler')) for (const l of logHandlerLinks(text)) links.push({ resource: index, path, store: 'st2-logs', ...l });
    if (/ha-mode|cluster_partition_handling|disk_free_limit|connection_max|message-ttl|max-length|expires/.test(text)) texts.push({ resource: index, path, text, ns: namespaceOf(manifest, namespace) });
  });

  // ExternalSecret templates write st2's config too (the secrets file with the database URI).
  resources.forEach((r) => {
    if (r['kind'] === 'Service') formation.service(r, namespaceOf(r, namespace));
    if (r['kind'] !== 'ExternalSecret') return;
    const text = JSON.stringify(r['spec'] ?? {});
    if (text.includes('replicaSet=')) replSetNames(text, namespaceOf(r, namespace), clients, inits);
    if (text.includes('MONGODB-X509')) x509Clients.add(namespaceOf(r, namespace));
    // The template's own strings (st2.secrets.conf), not the JSON: its lines stay lines.
    if (text.includes('amqp') || text.includes('[database]')) {
      forEachString(r['spec'], (t) => {
        if (t.includes('amqp')) rabbitConf.st2Text(namespaceOf(r, namespace), t);
        if (t.includes('[database]')) dbSection(namespaceOf(r, namespace), t);
      });
    }
  });
  for (const m of mongods) for (const f of m.facts(x509Clients.has(m.ns), dbClients.get(m.ns) === false)) out.push({ resource: m.resource, path: m.path, store: 'mongodb', setting: f.setting, value: f.value, capacity: 0 });
  rabbitConf.finish(new Set(rabbit.keys()));
  for (const f of rabbitFacts) out.push({ ...f, store: 'rabbitmq', capacity: 0 });
  for (const { resource, path, ns, name } of servers) {
    for (const names of [clients.get(ns), inits.get(ns)]) {
      if (names !== undefined && names.size > 0 && !names.has(name)) {
        out.push({ resource, path, store: 'mongodb', setting: 'replset_name', value: name, capacity: 0 });
        break;
      }
    }
  }

  for (const { resource, path, text, ns } of texts) {
    const pods = rabbit.get(ns);
    for (const s of rabbitSettings(text)) {
      if (s.setting === 'partition_handling') {
        out.push({ resource, path, store: 'rabbitmq', setting: 'partition_handling', value: s.value, capacity: 0 });
        continue;
      }
      const volume = pods?.volume ?? 0;
      let bytes: number;
      if (s.setting === 'disk_absolute') bytes = parseInformationUnit(s.value) ?? -1;
      else {
        const r = Number(s.value);
        bytes = /^[0-9]*\.?[0-9]+$/.test(s.value) ? (pods?.memory ? r * pods.memory : 0) : -1;
      }
      if (bytes !== 0) out.push({ resource, path, store: 'rabbitmq', setting: 'disk_free_limit', value: bytes, capacity: volume });
    }
    for (const copies of mirrorCopies(text)) out.push({ resource, path, store: 'rabbitmq', setting: 'mirror_copies', value: copies, capacity: 0 });
    for (const n of connectionMax(text)) out.push({ resource, path, store: 'rabbitmq', setting: 'connection_max', value: n, capacity: 0 });
    for (const key of queueDrops(text)) out.push({ resource, path, store: 'rabbitmq', setting: 'queue_drop', value: key, capacity: 0 });
  }
  formation.finish();
  return out;
}

/**
 * A data directory moved within the claim that holds the image's default one
 * (mongod --dbpath /data/db/st2, RABBITMQ_MNESIA_BASE beside the old one): the
 * member starts on an empty directory and the old data stays behind; mongod
 * also exits when the directory does not exist.
 */
function dataMoved(out: StoreHaFact[], resource: number, at: Path, store: StoreHaFact['store'], manifest: Manifest, specPath: Path, podSpec: JsonObject, container: JsonObject, dir: string, fallback: string): void {
  if (dir.includes('$')) return;
  const now = claimPathAt(manifest, specPath, podSpec, container, dir);
  const before = claimPathAt(manifest, specPath, podSpec, container, fallback);
  if (now !== undefined && before !== undefined && now.claim === before.claim && now.rel !== before.rel) out.push({ resource, path: at, store, setting: 'data_moved', value: dir, capacity: 0 });
}

function dataVolume(out: StoreHaFact[], resource: number, path: Path, store: StoreHaFact['store'], kind: string | undefined): void {
  if (kind !== undefined && !PERSISTENT.has(kind)) out.push({ resource, path, store, setting: 'data_volume', value: kind, capacity: 0 });
}

/** The image's major.minor as a number (major * 1000 + minor), for the bundle's version bounds. */
function version(out: StoreHaFact[], resource: number, path: Path, store: StoreHaFact['store'], image: unknown): void {
  const v = imageVersion(image);
  if (v !== undefined) out.push({ resource, path: [...path, 'image'], store, setting: 'image_version', value: v[0] * 1000 + v[1], capacity: 0 });
}

/** A RabbitMQ node's data directory (RABBITMQ_MNESIA_DIR, else RABBITMQ_MNESIA_BASE, else the image's default) and version. */
function rabbitServer(out: StoreHaFact[], resource: number, at: Path, manifest: Manifest, specPath: Path, podSpec: JsonObject, container: JsonObject, vars: ReadonlyMap<string, string>): boolean {
  const argv = [...strings(container['command']), ...strings(container['args'])];
  // Its clients (rabbitmqctl, rabbitmqadmin, a script) share the image.
  if (argv.length > 0 && !argv.some((w) => /(?:^|\/)(?:rabbitmq-server|docker-entrypoint\.sh)$/.test(w))) return false;
  const image = String(container['image']);
  const base = image.includes('bitnami') ? '/bitnami/rabbitmq/mnesia' : '/var/lib/rabbitmq/mnesia';
  const dir = vars.get('RABBITMQ_MNESIA_DIR') ?? vars.get('RABBITMQ_MNESIA_BASE') ?? base;
  if (!dir.includes('$')) dataVolume(out, resource, at, 'rabbitmq', volumeKindAt(manifest, specPath, podSpec, container, dir));
  const moved = vars.get('RABBITMQ_MNESIA_BASE');
  if (moved !== undefined) dataMoved(out, resource, at, 'rabbitmq', manifest, specPath, podSpec, container, moved, base);
  version(out, resource, at, 'rabbitmq', image);
  return true;
}

/** etcd 3.5's --v2-deprecation levels at or past write-only (server/config/v2_deprecation.go; not-yet is 3.5's default). */
const V2_REFUSED = new Set(['write-only', 'write-only-drop-data', 'gone']);

/** An etcd member's data directory, durability, v2 API and version. */
function etcdFacts(out: StoreHaFact[], resource: number, at: Path, manifest: Manifest, specPath: Path, podSpec: JsonObject, container: JsonObject, etcd: EtcdServer): void {
  const v2 = goBool(etcd.get('enable-v2')) === true;
  const below36 = etcd.version !== undefined && etcd.version[0] === 3 && etcd.version[1] < 6;
  // 2: v2 on beside a --v2-deprecation level at or past write-only, which etcd 3.5 refuses
  // (embed/etcd.go serveClients: "--enable-v2 and --v2-deprecation=... are mutually exclusive").
  const refused = v2 && below36 && V2_REFUSED.has(etcd.get('v2-deprecation') ?? '');
  out.push({ resource, path: at, store: 'etcd', setting: 'etcd_v2', value: refused ? 2 : v2 && below36 ? 1 : 0, capacity: 0 });
  version(out, resource, at, 'etcd', container['image']);
  if (!etcd.known) return;
  if (goBool(etcd.get('unsafe-no-fsync')) === true) out.push({ resource, path: at, store: 'etcd', setting: 'durability_off', value: '--unsafe-no-fsync', capacity: 0 });
  // The WAL as much as the data: --wal-dir moves it out of the data dir (server/config/config.go WALDir), and a
  // member that restarts without its WAL bootstraps as new, which its peers refuse ("has already been
  // bootstrapped", server/etcdserver/server.go NewServer, etcd 3.5): it crash-loops.
  const kinds = ['data-dir', 'wal-dir'].map((key) => etcd.get(key)).map((dir) => (dir !== undefined && dir.startsWith('/') && !dir.includes('$') ? volumeKindAt(manifest, specPath, podSpec, container, dir) : undefined));
  dataVolume(out, resource, at, 'etcd', kinds.find((k) => k !== undefined && !PERSISTENT.has(k)));
  // Where /livez and /readyz answer (ST2-REP-012): the metrics listener serves them with v2 on.
  for (const u of (etcd.get('listen-metrics-urls') ?? '').split(',')) {
    const port = /:([0-9]{1,5})(?:\/|$)/.exec(u.trim())?.[1];
    if (port !== undefined) out.push({ resource, path: at, store: 'etcd', setting: 'etcd_metrics_port', value: Number(port), capacity: 0 });
  }
  const listen = loopbackOnly(etcd.get('listen-client-urls'));
  if (listen > 0) out.push({ resource, path: at, store: 'etcd', setting: 'bind_loopback', value: listen, capacity: 0 });
  // Peers on loopback only while --initial-cluster names other members: they never reach this one (no quorum).
  // Unset, etcd listens for peers on its default, http://localhost:2380 (server/embed/config.go
  // DefaultListenPeerURLs) when the command runs etcd itself; Bitnami's entrypoint writes its own.
  const peers = loopbackOnly(etcd.get('listen-peer-urls') ?? (etcd.entrypoint === true && String(container['image']).includes('bitnami') ? undefined : ETCD_DEFAULT_URLS.peer));
  const members = new Set((etcd.get('initial-cluster') ?? '').split(',').map((m) => m.split('=')[0]?.trim() ?? '').filter((n) => n !== ''));
  if (peers > 0 && members.size >= 2) out.push({ resource, path: at, store: 'etcd', setting: 'peer_loopback', value: members.size, capacity: 0 });
}

/** How many URLs a list has when every host is loopback; 0 otherwise. */
function loopbackOnly(list: string | undefined): number {
  if (list === undefined) return 0;
  const hosts = list.split(',').map((u) => /^[a-z]+:\/\/(\[[^\]]*\]|[^:/]*)/i.exec(u.trim())?.[1]?.replace(/^\[|\]$/g, '') ?? '').filter((h) => h !== '');
  return hosts.length > 0 && hosts.every((h) => LOOPBACK.test(h)) ? hosts.length : 0;
}

/** The size of the volume RabbitMQ keeps its data on (/var/lib/rabbitmq, or Bitnami's /bitnami): a claim template's request. */
function rabbitVolume(manifest: Manifest, specPath: Path, container: JsonObject): number {
  const mounts = Array.isArray(container['volumeMounts']) ? container['volumeMounts'].filter(isJsonObject) : [];
  const data = mounts.find((m) => typeof m['mountPath'] === 'string' && /^\/(?:var\/lib\/rabbitmq|bitnami)/.test(m['mountPath']));
  if (data === undefined) return 0;
  // The StatefulSet's claim templates sit beside the pod template: spec.volumeClaimTemplates.
  const owner = objectAt(manifest, specPath.slice(0, -2));
  const templates = owner !== undefined && Array.isArray(owner['volumeClaimTemplates']) ? owner['volumeClaimTemplates'].filter(isJsonObject) : [];
  for (const t of templates) {
    const meta = isJsonObject(t['metadata']) ? t['metadata'] : {};
    if (meta['name'] !== data['name']) continue;
    const spec = isJsonObject(t['spec']) ? t['spec'] : {};
    const res = isJsonObject(spec['resources']) ? spec['resources'] : {};
    const requests = isJsonObject(res['requests']) ? res['requests'] : {};
    return parseQuantity(requests['storage']) ?? 0;
  }
  return 0;
}
