/**
 * Whether each st2 process can reach what its chain of config files
 * (st2-chains.ts) points it at, as kombu, pymongo and st2's datastore read
 * the last word on each option (StackStorm 3.8):
 *
 * - `[messaging] url` written empty: kombu's default, amqp://guest:guest@127.0.0.1:5672//,
 *   where nothing listens in an st2 pod; `[database] host` empty: 127.0.0.1;
 *   an empty `[database] username`: MongoDB (always run with access control
 *   here) refuses every command (left unset, they are not judged: a chain the
 *   gate reads in part, such as the image's own files, may still set them);
 * - `[messaging] ssl = True` or an `amqps://` URL against the render's
 *   RabbitMQ when no rabbitmq.conf of the render configures a TLS listener
 *   (`listeners.ssl.*`): every handshake fails;
 * - a vhost in the URL's path (amqp://host:5672/st2) that nothing in the
 *   render creates (definitions' `vhosts`, `default_vhost`, `rabbitmqctl
 *   add_vhost`, a messaging-topology Vhost): RabbitMQ answers NOT_ALLOWED;
 * - `replicaSet=` in the `[database] host` URI naming a set the render's
 *   mongod does not run (`--replSet`, `replSetName:`, rs.initiate's `_id`):
 *   server selection never finds a member;
 * - a `[database] host` URI pymongo refuses to parse (st2's _db_connect calls
 *   uri_parser.parse_uri first, so every service fails at start):
 *   directConnection=true with several hosts, a mongodb+srv:// URI with a port,
 *   several hosts, directConnection=true or a host of fewer than three labels;
 *   a mongodb+srv:// host whose Service has no TCP port named `mongodb` (no
 *   `_mongodb._tcp.<host>` SRV record to resolve); directConnection=true with
 *   one member of the render's replica set: pymongo talks to that member alone,
 *   so every write fails while it is not the primary and nothing fails over;
 * - `[keyvalue] encryption_key_path` at a file no mount or image provides
 *   (ContainerFiles.isMissing): every encrypted datastore read and write fails;
 * - a bus URL (url, or every URL of cluster_urls, which st2 then uses instead:
 *   st2common/transport/utils.py get_messaging_urls) to the render's RabbitMQ
 *   without a password: kombu logs in with its transport's defaults
 *   (guest/guest, or the URL's user with password guest: celery/kombu
 *   t/unit/test_connection.py test_rabbitmq_example_urls; on failover
 *   Connection.switch takes the next URL's own user-info), which the render's
 *   broker, its users loaded from the store, refuses (ACCESS_REFUSED); or at a
 *   port its Service names other than `amqp` (the management HTTP listener).
 * - `[auth] api_url` at a port the render's Service of that name does not
 *   serve: st2common/util/api.py's get_base_public_api_url returns it, and the
 *   runners hand it to every action as ST2_ACTION_API_URL (datastore and API
 *   calls from actions, st2client's), so those calls fail.
 *
 * Only option names, host names, vhost and set names and file paths leave
 * this module, never a URL (it carries the password).
 */
import { isJsonObject, type Manifest } from '../core/manifest.js';
import { osloBool } from './st2-config.js';
import { keySplits } from './st2-datastore-key.js';
import { storeOffer, type StoreOffer } from './store-offer.js';
import { namesService, podNotGiven, portNotAmqp, portNotServed, servicePorts, srvRecordMissing, type ServicePorts } from './service-ports.js';
import { AMQP_SCHEMES, clusterList, clusterUrls, decodeSafe, parseUrl, queryOptions, uriInvalid } from './st2-urls.js';

type Path = Array<string | number>;

/** What a chain's last words say about the stores it connects to. */
export interface TransportWords {
  /** set, unset (st2's localhost default), empty (written so: the same), unknown (a file the gate cannot read may decide). */
  readonly messaging_url: State;
  readonly messaging_tls: boolean;
  /** The host names of the URL (of every cluster_urls URL when that list is set: it takes precedence). */
  readonly messaging_hosts: string[];
  /** The URL's vhost ('/' for none), '' when unknown. */
  readonly vhost: string;
  readonly database_host: State;
  readonly database_user: State;
  /** The URI's replicaSet parameter ('' when none or unknown). */
  readonly replica_set: string;
  /** The URI's directConnection=true (its last word): pymongo's Single topology, one server and no discovery. */
  readonly direct_connection: boolean;
  /** The host of a mongodb+srv:// URI pymongo would resolve by SRV ('' when none). */
  readonly database_srv: string;
  /** Why pymongo's uri_parser.parse_uri refuses the URI ('' when it does not, or unknown). */
  readonly uri_invalid: string;
  /** The database pymongo authenticates against: authSource, else the URI's database, else admin ('' when unknown). */
  readonly auth_source: string;
  /** `[database] host`'s members with their ports (pymongo's default 27017 when unwritten); empty when computed. */
  readonly database_ports: ReadonlyArray<readonly [string, number]>;
  /** The datastore key's path when no mount or image provides it ('' otherwise). */
  readonly key_missing: string;
  /** `[keyvalue] encryption_key_path` written empty (`=` or `= ''`: oslo's ini parser sheds one pair of quotes): st2 loads no key. */
  readonly key_empty: boolean;
  /** The hosts of the bus URLs that carry no password (kombu then sends its guest default); a templated user-info counts as one. */
  readonly messaging_no_password: string[];
  /** The bus URL's hosts with their ports (kombu's default 5672, 5671 for amqps). */
  readonly messaging_ports: ReadonlyArray<readonly [string, number]>;
  /** `[coordination] url`: tooz driver, host, port (the driver's default when unwritten), `protocol` option ('' when none). */
  readonly coordination: { readonly scheme: string; readonly host: string; readonly port: number; readonly protocol: string } | null;
  /** `[database] ssl` or the URI's tls/ssl=true: st2 opens TLS to MongoDB. */
  readonly database_tls: boolean;
  /** The URI's write concern and read preference, lower-cased as pymongo reads them ('' when unwritten). */
  readonly write_w: string;
  readonly wtimeout_ms: number;
  readonly read_preference: string;
  /** `[keyvalue] enable_encryption` written false. */
  readonly encryption_off: boolean;
  /** st2auth's TLS files ([auth] use_ssl on) or its flat-file htpasswd (backend_kwargs written) that nothing provides ('' otherwise). */
  readonly auth_file_missing: string;
  /** The Secret (namespace, name, key) mounted where the datastore key is read; null when not a secret volume or unknown. */
  readonly key_secret: { readonly ns: string; readonly name: string; readonly key: string } | null;
  /** `[auth] api_url`'s host and port (80/443 by its http/https scheme when unwritten); null when unset, unknown or not one http(s) host. */
  readonly api_url: { readonly host: string; readonly port: number } | null;
  /** Every host the chain's last words connect st2 to: bus, database members, coordination, [auth] api_url (ST2-REP-011). */
  readonly hosts: string[];
}

interface Word {
  readonly value: string | undefined;
  readonly unknown: string | undefined;
}

type State = 'set' | 'unset' | 'empty' | 'unknown';

/** unknown (a file the gate cannot read may decide), unset (no file says), empty (written without a value), set. */
const state = (w: Word | undefined): State => (w === undefined || w.unknown !== undefined ? 'unknown' : w.value === undefined ? 'unset' : w.value.trim() === '' ? 'empty' : 'set');

/** [database] options whose non-empty value makes st2 connect to MongoDB over TLS. */
const FORCES_DATABASE_TLS = ['database.authentication_mechanism', 'database.ssl_keyfile', 'database.ssl_certfile', 'database.ssl_ca_certs'];
/** tooz drivers' default ports. */
const COORDINATION_PORTS: Readonly<Record<string, number>> = { etcd: 2379, 'etcd3+http': 2379, etcd3: 2379, redis: 6379, zookeeper: 2181, kazoo: 2181 };

type SecretAt = (path: string) => { readonly ns: string; readonly name: string; readonly key: string } | undefined;

export function transportWords(words: Readonly<Record<string, Word | undefined>>, keyMissing: (path: string) => boolean, fileMissing: (path: string) => boolean = () => false, secretAt: SecretAt = () => undefined): TransportWords {
  // st2's get_messaging_urls (st2common/transport/utils.py): a non-empty [messaging] cluster_urls
  // takes precedence over url; kombu connects to its first URL and fails over to the next.
  const cluster = words['messaging.cluster_urls'];
  const clusterFirst = state(cluster) === 'set' ? cluster?.value?.split(',').map((u) => u.trim()).find((u) => u !== '') : undefined;
  const url = clusterFirst !== undefined ? { value: cluster?.value ?? '', unknown: undefined } : words['messaging.url'];
  const ssl = words['messaging.ssl'];
  const host = words['database.host'];
  const user = words['database.username'];
  const key = words['keyvalue.encryption_key_path'];
  const messaging = state(url);
  const parsed = messaging === 'set' && url?.value !== undefined ? (clusterFirst !== undefined ? clusterUrls(url.value) : parseUrl(url.value)) : undefined;
  // kombu's Connection takes get_messaging_urls' list and each URL's own user-info on failover.
  const busUrls = messaging !== 'set' || url?.value === undefined ? [] : clusterFirst !== undefined ? clusterList(url.value) : [parseUrl(url.value)];
  let vhost = '';
  if (parsed !== undefined && !parsed.path.includes('{{')) {
    // kombu: the path after the first '/' is the vhost, percent-decoded; none (or '/') is '/'.
    const raw = parsed.path.replace(/^\//, '');
    try {
      vhost = raw === '' ? '/' : decodeURIComponent(raw);
    } catch {
      vhost = '';
    }
  }
  const tls = (ssl !== undefined && ssl.unknown === undefined && osloBool(ssl.value) === true) || parsed?.scheme === 'amqps';
  const database = state(host);
  const uri = database === 'set' && host?.value !== undefined ? parseUrl(host.value) : undefined;
  const userState = state(user);
  const keyPath = key !== undefined && key.unknown === undefined ? (key.value?.trim() ?? '') : '';
  const known = (k: string): string | undefined => {
    const w = words[k];
    return w === undefined || w.unknown !== undefined ? undefined : w.value;
  };
  const options = uri === undefined || host?.value?.includes('{{') === true ? new Map<string, string>() : queryOptions(uri.query);
  // validate_boolean_or_string takes only 'true' and 'false'.
  const direct = options.get('directconnection') === 'true';
  const coordinationUrl = known('coordination.url');
  const coord = coordinationUrl === undefined || coordinationUrl.includes('{{') ? undefined : parseUrl(coordinationUrl);
  const coordPort = coord?.ports[0] ?? NaN;
  const defaultPort = COORDINATION_PORTS[coord?.scheme ?? ''];
  const encryption = known('keyvalue.enable_encryption');
  const apiUrl = known('auth.api_url');
  const api = apiUrl === undefined || apiUrl.includes('{{') ? undefined : parseUrl(apiUrl);
  const apiPort = api === undefined ? NaN : (api.ports[0] ?? NaN);
  const apiDefault = api?.scheme === 'http' ? 80 : api?.scheme === 'https' ? 443 : undefined;
  return {
    api_url: api === undefined || api.hosts.length !== 1 || apiDefault === undefined ? null : { host: api.hosts[0] ?? '', port: Number.isNaN(apiPort) ? apiDefault : apiPort },
    messaging_ports: parsed === undefined || parsed.path.includes('{{') ? [] : parsed.hosts.map((h, i) => [h, Number.isNaN(parsed.ports[i] ?? NaN) ? (parsed.scheme === 'amqps' ? 5671 : 5672) : (parsed.ports[i] ?? 0)] as const),
    coordination: coord === undefined || coord.hosts.length !== 1 || defaultPort === undefined ? null : { scheme: coord.scheme, host: coord.hosts[0] ?? '', port: Number.isNaN(coordPort) ? defaultPort : coordPort, protocol: (queryOptions(coord.query).get('protocol') ?? '').toLowerCase() },
    // st2's _get_ssl_kwargs (st2common/models/db/__init__.py, 3.8.1) turns TLS on for any of these set.
    database_tls: osloBool(known('database.ssl')) === true || /^true$/i.test(options.get('tls') ?? options.get('ssl') ?? '') || FORCES_DATABASE_TLS.some((k) => (known(k) ?? '').trim() !== ''),
    write_w: (options.get('w') ?? '').toLowerCase(),
    wtimeout_ms: Number(options.get('wtimeoutms') ?? options.get('wtimeout') ?? NaN),
    read_preference: (options.get('readpreference') ?? '').toLowerCase(),
    encryption_off: encryption !== undefined && osloBool(encryption) === false,
    auth_file_missing: authFileMissing(known, fileMissing),
    key_secret: keyPath === '' || encryption !== undefined && osloBool(encryption) === false ? null : (secretAt(keyPath) ?? null),
    messaging_url: messaging,
    messaging_tls: tls,
    messaging_hosts: parsed?.hosts ?? [],
    messaging_no_password: busUrls.filter((u) => AMQP_SCHEMES.has(u.scheme) && !u.password).flatMap((u) => u.hosts),
    vhost,
    database_host: database,
    // A user in the URI counts as one given (pymongo takes it from there).
    database_user: database === 'unknown' ? 'unknown' : userState === 'unset' && uri?.user === true ? 'set' : userState,
    replica_set: options.get('replicaset') ?? '',
    direct_connection: direct,
    database_srv: uri?.scheme === 'mongodb+srv' && host?.value?.includes('{{') !== true && uri.hosts.length === 1 ? (uri.hosts[0] ?? '') : '',
    uri_invalid: uri === undefined || host?.value?.includes('{{') === true ? '' : uriInvalid(uri, direct),
    auth_source: uri === undefined || uri.scheme !== 'mongodb' || host?.value?.includes('{{') === true ? '' : decodeSafe(options.get('authsource') ?? (uri.path.replace(/^\//, '') || 'admin')),
    database_ports: uri === undefined || uri.scheme !== 'mongodb' || host?.value?.includes('{{') === true ? [] : uri.hosts.map((h, i) => [h, Number.isNaN(uri.ports[i] ?? NaN) ? 27017 : (uri.ports[i] ?? 0)] as const),
    key_missing: keyPath !== '' && keyMissing(keyPath) ? keyPath : '',
    key_empty: state(key) === 'empty',
    hosts: [...new Set([...(parsed?.hosts ?? []), ...(uri?.hosts ?? []), ...urlHosts(words['coordination.url']), ...urlHosts(words['auth.api_url'])])].filter(isServiceName),
  };
}

/**
 * st2auth (st2auth/cmd/api.py) refuses to start when `[auth] use_ssl` is on and `cert` (default
 * /etc/apache2/ssl/mycert.crt) or `key` (mycert.key) is not a file; the flat_file backend reads
 * backend_kwargs' file_path at every login. Only a path a written option gives (or use_ssl's defaults) is judged.
 */
function authFileMissing(known: (k: string) => string | undefined, fileMissing: (path: string) => boolean): string {
  if (osloBool(known('auth.use_ssl')) === true) {
    for (const [k, fallback] of [['auth.cert', '/etc/apache2/ssl/mycert.crt'], ['auth.key', '/etc/apache2/ssl/mycert.key']] as const) {
      const path = (known(k) ?? fallback).trim();
      if (fileMissing(path)) return path;
    }
  }
  const kwargs = known('auth.backend_kwargs');
  const backend = known('auth.backend') ?? 'flat_file';
  const mode = known('auth.mode') ?? 'standalone';
  if (kwargs === undefined || backend !== 'flat_file' || mode !== 'standalone') return '';
  try {
    const parsed: unknown = JSON.parse(kwargs);
    const path = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['file_path'] : undefined;
    return typeof path === 'string' && fileMissing(path) ? path : '';
  } catch {
    return '';
  }
}

/** A DNS name cluster DNS may answer for a Service (not an IP address, a template or localhost). */
const isServiceName = (h: string): boolean => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(h) && !/^[0-9.]+$/.test(h) && h !== 'localhost';

/** The hosts of a URL option's last word ([] when unset or unknown). */
function urlHosts(w: Word | undefined): string[] {
  return w === undefined || w.unknown !== undefined || w.value === undefined ? [] : parseUrl(w.value).hosts;
}


export interface TransportFact {
  readonly resource: number;
  readonly path: Path;
  /** messaging-url-unset, database-host-unset, database-credentials-unset, tls-without-listener, vhost-undefined, replica-set-unknown, database-uri-invalid, srv-record-missing, direct-connection-one-member, datastore-key-missing. */
  readonly problem: string;
  /** The vhost, set, host or file the problem is about ('' when none). */
  readonly detail: string;
}

/** In-cluster names: a short Service name, or one under .svc / the cluster domain. */
const inCluster = (host: string): boolean => !host.includes('.') || /\.svc(?:\.|$)/.test(host) || host.endsWith('.cluster.local');

/** Problems that are not about a store that does not answer: durability and consistency given up (ST2-HRD-019). */
export const DURABILITY_PROBLEMS = new Set(['write-unacknowledged', 'write-timeout-tiny', 'read-not-primary']);

/** wtimeoutMS under which a majority write routinely times out (replication round trips take milliseconds, more under load). */
const TINY_WTIMEOUT_MS = 1000;

/** The problems of one container's transport words against the render's offer. */
export function transportProblems(t: TransportWords, offer: StoreOffer, services: ServicePorts = new Map(), ns?: string): Array<{ problem: string; detail: string }> {
  const out: Array<{ problem: string; detail: string }> = [];
  // Only an option written empty: one never written may come from where the gate does not look
  // (the red-team look-alikes run st2 workloads on the image's own files), so it is not judged.
  if (t.messaging_url === 'empty') out.push({ problem: 'messaging-url-empty', detail: '' });
  if (t.database_host === 'empty') out.push({ problem: 'database-host-empty', detail: '' });
  if (t.database_user === 'empty' && t.database_host !== 'empty') out.push({ problem: 'database-user-empty', detail: '' });
  const local = t.messaging_hosts.length > 0 && t.messaging_hosts.every(inCluster);
  if (offer.rabbit && local && t.messaging_tls && !offer.rabbitTls) out.push({ problem: 'tls-without-listener', detail: t.messaging_hosts.join(',') });
  if (offer.rabbit && local && t.vhost !== '' && t.vhost !== '/' && !offer.vhosts.has(t.vhost)) out.push({ problem: 'vhost-undefined', detail: t.vhost });
  if (t.replica_set !== '' && offer.replicaSets.size > 0 && !offer.replicaSets.has(t.replica_set)) out.push({ problem: 'replica-set-unknown', detail: t.replica_set });
  if (t.uri_invalid !== '') out.push({ problem: 'database-uri-invalid', detail: t.uri_invalid });
  // pymongo resolves `_mongodb._tcp.<host>` at parse time (srv_resolver.py; st2's _db_connect parses
  // first): with no such record every service fails at start. (Its TLS default does not reach st2:
  // st2 passes ssl=[database] ssl to MongoClient, whose keyword options override the URI's.)
  if (t.database_srv !== '' && t.uri_invalid === '' && srvRecordMissing(services, t.database_srv, 'mongodb', ns) === true) out.push({ problem: 'srv-record-missing', detail: `_mongodb._tcp.${t.database_srv}` });
  // pymongo authenticates st2's user in authSource (else the URI's database, else admin): a
  // database the render's MongoDB creates no user in fails every login (AuthenticationFailed).
  const dbLocal = t.database_ports.length > 0 && t.database_ports.every(([h]) => inCluster(h) || podNotGiven(services, h, ns) !== undefined);
  // directConnection=true makes pymongo's topology Single (settings.py get_topology_type), whose
  // server selection ignores read preference and server type (topology_description.py): st2 writes
  // to that one member, refused (NotMasterError) whenever it is a secondary, with no failover.
  if (t.direct_connection && t.database_ports.length === 1 && dbLocal && offer.replicaSets.size > 0) out.push({ problem: 'direct-connection-one-member', detail: `database.host ${t.database_ports[0]?.[0] ?? ''}` });
  if (dbLocal && offer.mongo && !offer.mongoUsersOpen && offer.mongoUserDbs.size > 0 && t.auth_source !== '' && !offer.mongoUserDbs.has(t.auth_source)) out.push({ problem: 'auth-source-no-user', detail: t.auth_source });
  if (t.key_missing !== '') out.push({ problem: 'datastore-key-missing', detail: t.key_missing });
  // st2 3.8.1 (st2common/models/api/keyvalue.py) loads the key only from a non-empty path; without
  // it every encrypted read and write raises CryptoKeyNotSetupException.
  if (t.key_empty) out.push({ problem: 'datastore-key-empty', detail: 'keyvalue.encryption_key_path' });
  if (t.encryption_off) out.push({ problem: 'datastore-encryption-off', detail: 'keyvalue.enable_encryption' });
  if (t.auth_file_missing !== '') out.push({ problem: 'auth-file-missing', detail: t.auth_file_missing });
  for (const [host, port] of t.messaging_ports) {
    if (portNotServed(services, host, port, ns) === true) out.push({ problem: 'port-not-served', detail: `messaging.url ${host}:${port}` });
    else if (portNotAmqp(services, host, port, ns) === true) out.push({ problem: 'port-not-amqp', detail: `messaging.url ${host}:${port}` });
  }
  // The render's broker has no guest (its users come from the store; guest is loopback-only anyway).
  const noPassword = t.messaging_no_password.filter((h) => inCluster(h) || namesService(services, h, ns));
  if (offer.rabbit && noPassword.length > 0) out.push({ problem: 'messaging-credentials-missing', detail: noPassword.join(',') });
  if (t.api_url !== null && portNotServed(services, t.api_url.host, t.api_url.port, ns) === true) out.push({ problem: 'port-not-served', detail: `auth.api_url ${t.api_url.host}:${t.api_url.port}` });
  // pymongo discovers the set from any reachable seed, so only a list where every seed misses counts.
  // A pod name its headless Service's StatefulSet does not give has no DNS record.
  const missed = t.database_ports.filter(([h, p]) => podNotGiven(services, h, ns) === true || memberPortNotServed(services, h, p, ns) === true);
  const noPod = missed.filter(([h]) => podNotGiven(services, h, ns) === true);
  if (noPod.length > 0 && missed.length === t.database_ports.length) out.push({ problem: 'host-not-found', detail: `database.host ${noPod.map(([h]) => h).join(',')}` });
  else if (missed.length > 0 && missed.length === t.database_ports.length) out.push({ problem: 'port-not-served', detail: `database.host ${missed.map(([h, p]) => `${h}:${p}`).join(',')}` });
  const c = t.coordination;
  if (c !== null && portNotServed(services, c.host, c.port, ns) === true) out.push({ problem: 'port-not-served', detail: `coordination.url ${c.host}:${c.port}` });
  // tooz's etcd driver speaks `protocol` (default http) to the client port.
  if (c !== null && c.scheme === 'etcd' && c.protocol !== '' && offer.etcdSchemes.size > 0 && !offer.etcdSchemes.has(c.protocol)) out.push({ problem: 'coordination-protocol', detail: c.protocol });
  if (t.database_tls && offer.mongo && !offer.mongoTls) out.push({ problem: 'tls-without-listener', detail: 'database' });
  if (t.write_w === '0') out.push({ problem: 'write-unacknowledged', detail: 'w=0' });
  else if (t.write_w !== '' && t.write_w !== '1' && t.wtimeout_ms > 0 && t.wtimeout_ms < TINY_WTIMEOUT_MS) out.push({ problem: 'write-timeout-tiny', detail: `wtimeoutMS=${t.wtimeout_ms}` });
  if (t.read_preference !== '' && t.read_preference !== 'primary' && t.read_preference !== 'primarypreferred') out.push({ problem: 'read-not-primary', detail: `readPreference=${t.read_preference}` });
  return out;
}

/** portNotServed, also for a headless Service's per-pod name `<pod>.<svc>[.<ns>[.svc[.cluster.local]]]` (the pod serves what its Service lists). */
function memberPortNotServed(services: ServicePorts, host: string, port: number, ns: string | undefined): boolean | undefined {
  const direct = portNotServed(services, host, port, ns);
  if (direct !== undefined) return direct;
  const rest = host.split('.').slice(1).join('.');
  return rest === '' ? undefined : portNotServed(services, rest, port, ns);
}

/** Every container's transport problems (ST2-HRD-014 and ST2-HRD-019; the policy keeps those of st2 service roles). */
export function collectTransportFacts(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, chains: Readonly<Record<string, ReadonlyArray<{ readonly path: Path; readonly transport: TransportWords }>>>): TransportFact[] {
  const out: TransportFact[] = [];
  let offer: StoreOffer | undefined;
  let services: ServicePorts | undefined;
  for (const [key, list] of Object.entries(chains)) {
    const manifest = resources[Number(key)];
    const meta = manifest !== undefined && isJsonObject(manifest['metadata']) ? manifest['metadata'] : {};
    const ns = typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined;
    for (const c of list) {
      const t = c.transport;
      // Most chains have nothing to judge: read the render's stores only when one might.
      const quiet = (v: State): boolean => v === 'set' || v === 'unknown';
      const ports = t.messaging_ports.length > 0 || t.coordination !== null || t.api_url !== null;
      if (t.messaging_no_password.length === 0 && quiet(t.messaging_url) && quiet(t.database_host) && quiet(t.database_user) && t.key_missing === '' && !t.key_empty && !t.messaging_tls && (t.vhost === '' || t.vhost === '/') && t.replica_set === '' && !t.direct_connection && t.database_srv === '' && t.uri_invalid === '' && !ports && !t.database_tls && t.write_w === '' && t.read_preference === '' && !t.encryption_off && t.auth_file_missing === '') continue;
      services ??= servicePorts(resources);
      const needsOffer = !(t.messaging_no_password.length === 0 && quiet(t.messaging_url) && quiet(t.database_host) && quiet(t.database_user) && !t.messaging_tls && (t.vhost === '' || t.vhost === '/') && t.replica_set === '' && !t.direct_connection && !t.database_tls && (t.coordination === null || t.coordination.protocol === ''));
      offer ??= needsOffer ? storeOffer(resources, specPaths) : undefined;
      const empty: StoreOffer = { mongo: false, mongoTls: false, etcdSchemes: new Set(), rabbitTls: false, rabbit: false, vhosts: new Set(), replicaSets: new Set(), mongoUserDbs: new Set(), mongoUsersOpen: false };
      for (const p of transportProblems(t, offer ?? empty, services, ns)) out.push({ resource: Number(key), path: c.path, ...p });
    }
  }
  out.push(...keySplits(resources, chains));
  return out;
}
