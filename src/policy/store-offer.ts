/**
 * What the render's stores offer the st2 processes that connect to them (st2-transport.ts
 * judges each chain's words against it): a MongoDB and its TLS, etcd's client URL schemes,
 * a RabbitMQ and its TLS listeners, its vhosts, and the replica-set names.
 */
import { isJsonObject, kindOf, type Manifest } from '../core/manifest.js';
import { forEachConfigText, forEachContainer, type ContainerField } from './container-walk.js';

type Path = Array<string | number>;

/** What the render's RabbitMQ and MongoDB offer: TLS listeners, vhosts, replica-set names. */
export interface StoreOffer {
  /** A mongod runs in the render, and whether any has TLS configured (--tlsMode/--sslMode other than disabled, net.tls). */
  mongo: boolean;
  mongoTls: boolean;
  /** The schemes of the render's etcd members' --listen-client-urls (empty when none is read). */
  etcdSchemes: Set<string>;
  rabbitTls: boolean;
  /** A RabbitMQ runs in the render (its image or a RabbitmqCluster). */
  rabbit: boolean;
  vhosts: Set<string>;
  replicaSets: Set<string>;
  /**
   * The databases the render's MongoDB creates users in: admin for the image's
   * MONGO_INITDB_ROOT_USERNAME (docker-entrypoint.sh creates the root user there). Open (not
   * judged) when anything else may create users: createUser, an initdb.d directory, an operator.
   */
  mongoUserDbs: Set<string>;
  mongoUsersOpen: boolean;
}

const ALL_FIELDS: readonly ContainerField[] = ['containers', 'initContainers'];

function scanMongoTls(text: string, offer: StoreOffer): void {
  for (const m of text.matchAll(/--(?:tls|ssl)Mode(?:=|\s+)["']?([A-Za-z]+)/g)) if ((m[1] ?? '').toLowerCase() !== 'disabled') offer.mongoTls = true;
  if (/^[ \t]*(?:tls|ssl):[ \t]*$/m.test(text) && /^[ \t]*mode:[ \t]*["']?(?:require|prefer|allow)(?:TLS|SSL)/m.test(text)) offer.mongoTls = true;
}

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
  const offer: StoreOffer = { mongo: false, mongoTls: false, etcdSchemes: new Set(), rabbitTls: false, rabbit: false, vhosts: new Set(), replicaSets: new Set(), mongoUserDbs: new Set(), mongoUsersOpen: false };
  forEachConfigText(resources, ({ text }) => {
    scanText(text, offer);
    if (text.includes('createUser') || text.includes('initdb.d')) offer.mongoUsersOpen = true;
    if (text.includes('tls') || text.includes('ssl')) scanMongoTls(text, offer);
  });
  forEachContainer(resources, specPaths, ALL_FIELDS, ({ container }) => {
    const image = typeof container['image'] === 'string' ? container['image'].toLowerCase() : '';
    if (/(?:^|\/)rabbitmq(?::|@|$)/.test(image)) offer.rabbit = true;
    const repo = (image.split('@')[0] ?? '').split('/').pop()?.split(':')[0] ?? '';
    if (repo === 'mongo' || repo === 'mongodb' || repo === 'mongodb-community-server') offer.mongo = true;
    const words: string[] = [];
    for (const field of ['command', 'args'] as const) {
      const v = container[field];
      if (Array.isArray(v)) for (const w of v) if (typeof w === 'string') words.push(w);
    }
    if (Array.isArray(container['env'])) {
      for (const e of container['env']) {
        if (isJsonObject(e) && e['name'] === 'MONGO_INITDB_ROOT_USERNAME') offer.mongoUserDbs.add('admin');
        if (isJsonObject(e) && e['name'] === 'RABBITMQ_DEFAULT_VHOST' && typeof e['value'] === 'string') offer.vhosts.add(e['value']);
        if (isJsonObject(e) && e['name'] === 'ETCD_LISTEN_CLIENT_URLS' && typeof e['value'] === 'string') words.push(`--listen-client-urls=${e['value']}`);
      }
    }
    const text = words.join(' ');
    if (text.includes('createUser') || text.includes('initdb.d')) offer.mongoUsersOpen = true;
    const mounts = Array.isArray(container['volumeMounts']) ? container['volumeMounts'] : [];
    if (mounts.some((m) => isJsonObject(m) && typeof m['mountPath'] === 'string' && m['mountPath'].includes('initdb.d'))) offer.mongoUsersOpen = true;
    scanText(text, offer);
    scanMongoTls(text, offer);
    if (repo === 'etcd') for (const m of text.matchAll(/--listen-client-urls(?:=|\s+)(\S+)/g)) for (const u of (m[1] ?? '').split(',')) offer.etcdSchemes.add((/^([a-z]+):\/\//i.exec(u)?.[1] ?? '').toLowerCase());
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
    if (kind === 'MongoDBCommunity' || kind === 'MongoDB') {
      offer.mongo = true;
      offer.mongoUsersOpen = true;
      const security = isJsonObject(spec['security']) ? spec['security'] : {};
      if (isJsonObject(security['tls']) && security['tls']['enabled'] === true) offer.mongoTls = true;
    }
  }
  offer.vhosts.delete('');
  return offer;
}
