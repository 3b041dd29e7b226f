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
 * - `[keyvalue] encryption_key_path` at a file no mount or image provides
 *   (ContainerFiles.isMissing): every encrypted datastore read and write fails.
 *
 * Only option names, host names, vhost and set names and file paths leave
 * this module, never a URL (it carries the password).
 */
import { isJsonObject, kindOf, type Manifest } from '../core/manifest.js';
import { forEachConfigText, forEachContainer, type ContainerField } from './container-walk.js';
import { osloBool } from './st2-config.js';

type Path = Array<string | number>;

/** What a chain's last words say about the stores it connects to. */
export interface TransportWords {
  /** set, unset (st2's localhost default), empty (written so: the same), unknown (a file the gate cannot read may decide). */
  readonly messaging_url: State;
  readonly messaging_tls: boolean;
  /** The host names of the URL (and cluster_urls are not judged here). */
  readonly messaging_hosts: string[];
  /** The URL's vhost ('/' for none), '' when unknown. */
  readonly vhost: string;
  readonly database_host: State;
  readonly database_user: State;
  /** The URI's replicaSet parameter ('' when none or unknown). */
  readonly replica_set: string;
  /** The datastore key's path when no mount or image provides it ('' otherwise). */
  readonly key_missing: string;
}

interface Word {
  readonly value: string | undefined;
  readonly unknown: string | undefined;
}

type State = 'set' | 'unset' | 'empty' | 'unknown';

/** unknown (a file the gate cannot read may decide), unset (no file says), empty (written without a value), set. */
const state = (w: Word | undefined): State => (w === undefined || w.unknown !== undefined ? 'unknown' : w.value === undefined ? 'unset' : w.value.trim() === '' ? 'empty' : 'set');

/** scheme, user-info presence, hosts, path and query of a URL or MongoDB URI (several hosts allowed). */
function parseUrl(value: string): { scheme: string; user: boolean; hosts: string[]; path: string; query: string } {
  const v = value.trim();
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(v);
  if (m === null) return { scheme: '', user: false, hosts: [], path: '', query: '' };
  const authority = m[2] ?? '';
  const at = authority.lastIndexOf('@');
  const hostPart = at >= 0 ? authority.slice(at + 1) : authority;
  const hosts = hostPart
    .split(',')
    .map((h) => h.replace(/:\d*$/, '').replace(/^\[|\]$/g, '').toLowerCase())
    .filter((h) => h !== '');
  return { scheme: (m[1] ?? '').toLowerCase(), user: at >= 0, hosts, path: m[3] ?? '', query: m[4] ?? '' };
}

export function transportWords(words: Readonly<Record<string, Word | undefined>>, keyMissing: (path: string) => boolean): TransportWords {
  const url = words['messaging.url'];
  const ssl = words['messaging.ssl'];
  const host = words['database.host'];
  const user = words['database.username'];
  const key = words['keyvalue.encryption_key_path'];
  const messaging = state(url);
  const parsed = messaging === 'set' && url?.value !== undefined ? parseUrl(url.value) : undefined;
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
  const replicaSet = uri !== undefined && !uri.query.includes('{{') ? (/(?:^|&)replicaSet=([^&]*)/i.exec(uri.query)?.[1] ?? '') : '';
  const keyPath = key !== undefined && key.unknown === undefined ? (key.value?.trim() ?? '') : '';
  return {
    messaging_url: messaging,
    messaging_tls: tls,
    messaging_hosts: parsed?.hosts ?? [],
    vhost,
    database_host: database,
    // A user in the URI counts as one given (pymongo takes it from there).
    database_user: database === 'unknown' ? 'unknown' : userState === 'unset' && uri?.user === true ? 'set' : userState,
    replica_set: decodeSafe(replicaSet),
    key_missing: keyPath !== '' && keyMissing(keyPath) ? keyPath : '',
  };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** What the render's RabbitMQ and MongoDB offer: TLS listeners, vhosts, replica-set names. */
export interface StoreOffer {
  rabbitTls: boolean;
  /** A RabbitMQ runs in the render (its image or a RabbitmqCluster). */
  rabbit: boolean;
  vhosts: Set<string>;
  replicaSets: Set<string>;
}

const ALL_FIELDS: readonly ContainerField[] = ['containers', 'initContainers'];

function scanText(text: string, offer: StoreOffer): void {
  if (/^[ \t]*listeners\.ssl\./m.test(text) || text.includes('ssl_listeners')) offer.rabbitTls = true;
  if (text.includes('vhost')) {
    for (const m of text.matchAll(/"vhosts"\s*:\s*\[([^\]]*)\]/g)) for (const n of (m[1] ?? '').matchAll(/"name"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) offer.vhosts.add(n[1] ?? '');
    for (const m of text.matchAll(/^[ \t]*default_vhost[ \t]*=[ \t]*(\S+)/gm)) offer.vhosts.add(m[1] ?? '');
    for (const m of text.matchAll(/add_vhost\s+(?:"([^"]*)"|'([^']*)'|([^\s;&|]+))/g)) offer.vhosts.add(m[1] ?? m[2] ?? m[3] ?? '');
    for (const m of text.matchAll(/RABBITMQ_DEFAULT_VHOST=?\s*["']?([^\s"']+)/g)) offer.vhosts.add(m[1] ?? '');
  }
  if (text.includes('replSet') || text.includes('rs.initiate')) {
    for (const m of text.matchAll(/--replSet(?:=|\s+)["']?([A-Za-z0-9_.-]+)/g)) offer.replicaSets.add(m[1] ?? '');
    for (const m of text.matchAll(/replSetName\s*:\s*["']?([A-Za-z0-9_.-]+)/g)) offer.replicaSets.add(m[1] ?? '');
    for (const m of text.matchAll(/rs\.initiate\(\s*\{\s*_id\s*:\s*["']([A-Za-z0-9_.-]+)["']/g)) offer.replicaSets.add(m[1] ?? '');
  }
}

/** The render's store offer, read from config texts, container commands and env, and operator resources. */
export function storeOffer(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>): StoreOffer {
  const offer: StoreOffer = { rabbitTls: false, rabbit: false, vhosts: new Set(), replicaSets: new Set() };
  forEachConfigText(resources, ({ text }) => scanText(text, offer));
  forEachContainer(resources, specPaths, ALL_FIELDS, ({ container }) => {
    const image = typeof container['image'] === 'string' ? container['image'].toLowerCase() : '';
    if (/(?:^|\/)rabbitmq(?::|@|$)/.test(image)) offer.rabbit = true;
    const words: string[] = [];
    for (const field of ['command', 'args'] as const) {
      const v = container[field];
      if (Array.isArray(v)) for (const w of v) if (typeof w === 'string') words.push(w);
    }
    if (Array.isArray(container['env'])) {
      for (const e of container['env']) {
        if (isJsonObject(e) && e['name'] === 'RABBITMQ_DEFAULT_VHOST' && typeof e['value'] === 'string') offer.vhosts.add(e['value']);
      }
    }
    scanText(words.join(' '), offer);
  });
  for (const r of resources) {
    const kind = kindOf(r);
    const spec = isJsonObject(r['spec']) ? r['spec'] : {};
    if (kind === 'RabbitmqCluster') {
      offer.rabbit = true;
      if (isJsonObject(spec['tls'])) offer.rabbitTls = true;
    }
    if (kind === 'Vhost' && typeof spec['name'] === 'string') offer.vhosts.add(spec['name']);
    if ((kind === 'MongoDBCommunity' || kind === 'MongoDB') && isJsonObject(r['metadata']) && typeof r['metadata']['name'] === 'string') offer.replicaSets.add(r['metadata']['name']);
  }
  offer.vhosts.delete('');
  return offer;
}

export interface TransportFact {
  readonly resource: number;
  readonly path: Path;
  /** messaging-url-unset, database-host-unset, database-credentials-unset, tls-without-listener, vhost-undefined, replica-set-unknown, datastore-key-missing. */
  readonly problem: string;
  /** The vhost, set, host or file the problem is about ('' when none). */
  readonly detail: string;
}

/** In-cluster names: a short Service name, or one under .svc / the cluster domain. */
const inCluster = (host: string): boolean => !host.includes('.') || /\.svc(?:\.|$)/.test(host) || host.endsWith('.cluster.local');

/** The problems of one container's transport words against the render's offer. */
export function transportProblems(t: TransportWords, offer: StoreOffer): Array<{ problem: string; detail: string }> {
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
  if (t.key_missing !== '') out.push({ problem: 'datastore-key-missing', detail: t.key_missing });
  return out;
}

/** Every container's transport problems (ST2-HRD-014; the policy keeps those of st2 service roles). */
export function collectTransportFacts(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, chains: Readonly<Record<string, ReadonlyArray<{ readonly path: Path; readonly transport: TransportWords }>>>): TransportFact[] {
  const out: TransportFact[] = [];
  let offer: StoreOffer | undefined;
  for (const [key, list] of Object.entries(chains)) {
    for (const c of list) {
      const t = c.transport;
      // Most chains have nothing to judge: read the render's stores only when one might.
      const quiet = (v: State): boolean => v === 'set' || v === 'unknown';
      if (quiet(t.messaging_url) && quiet(t.database_host) && quiet(t.database_user) && t.key_missing === '' && !t.messaging_tls && (t.vhost === '' || t.vhost === '/') && t.replica_set === '') continue;
      offer ??= storeOffer(resources, specPaths);
      for (const p of transportProblems(t, offer)) out.push({ resource: Number(key), path: c.path, ...p });
    }
  }
  return out;
}
