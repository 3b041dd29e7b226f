/**
 * Where a store connects beyond its own members (the thirteenth red team's
 * store exfiltration), read once per render beside the other store facts
 * (store-ha-facts.ts); operations_store_links.rego judges whether the host is
 * outside the cluster, as it judges st2's own store hosts:
 *
 * - etcd's bootstrap membership: a host of `--initial-cluster` (every member
 *   listed there is a peer that receives the whole keyspace), the discovery
 *   service of `--discovery` (it hands out the member list, and anyone who
 *   can write to it joins), the domain of `--discovery-srv` (its SRV records
 *   _etcd-server(-ssl)._tcp.<domain> name the peers; etcd clustering guide);
 * - RabbitMQ's LDAP backend (rabbitmq_auth_backend_ldap): its
 *   `auth_ldap.servers.N` (classic `{servers, ["h"]}`) are bound to as the
 *   connecting user with the password that user gave (rabbitmq.com/docs/ldap),
 *   so the server learns st2's RabbitMQ password; TLS is `auth_ldap.use_ssl`
 *   or `auth_ldap.use_starttls` (both false by default);
 * - shovels and federation upstreams (rabbitmq_shovel, rabbitmq_federation):
 *   the amqp(s):// URIs of a text that declares one (`rabbitmqctl
 *   set_parameter shovel|federation-upstream`, definitions.json `parameters`,
 *   advanced.config's static `{shovels, ...}`). A shovel moves messages from
 *   its source to its destination, a federated exchange receives what is
 *   published upstream (rabbitmq.com/docs/shovel, /docs/federation).
 *   `amqp://` without a host is the local node.
 *
 * - Python logging configs (logging.config.fileConfig, which st2 hands its
 *   `[<service>] logging` file to): a `[handler_X]` whose class is one of
 *   logging.handlers' network handlers (SysLogHandler to a (host, port),
 *   HTTPHandler, SocketHandler, DatagramHandler, SMTPHandler) sends every
 *   record at its level there; st2's records carry action parameters and
 *   results, masked only for the parameters marked secret. TLS: HTTPHandler's
 *   `secure` argument, SMTPHandler's `secure`.
 *
 * Only host names leave this module, never a URI (it carries a password).
 */
import type { EtcdServer } from './etcd-server.js';

type Path = Array<string | number>;

export type LinkKind = 'initial-cluster' | 'discovery' | 'discovery-srv' | 'ldap' | 'shovel' | 'federation' | 'log-handler';

export interface StoreLink {
  readonly resource: number;
  readonly path: Path;
  /** 'st2-logs': a Python logging config (st2's `[<service>] logging` file) whose handler sends records out. */
  readonly store: 'etcd' | 'rabbitmq' | 'st2-logs';
  readonly link: LinkKind;
  readonly host: string;
  /** The connection uses TLS (https peer or discovery URL, amqps, LDAPS or StartTLS). */
  readonly tls: boolean;
}

type Link = Omit<StoreLink, 'resource' | 'path' | 'store'>;

/** scheme and host of a URL (user info, port and path dropped); undefined when it is none or computed. */
function urlHost(url: string): { scheme: string; host: string } | undefined {
  const m = /^\s*([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#\s]*)/.exec(url);
  const host = (m?.[2] ?? '').replace(/^\[|\]$/g, '').toLowerCase();
  return m === null || host === '' || host.includes('$') || host.includes('{') ? undefined : { scheme: (m[1] ?? '').toLowerCase(), host };
}

/** The hosts an etcd member bootstraps its membership from. */
export function etcdLinks(etcd: EtcdServer): Link[] {
  const out: Link[] = [];
  for (const member of (etcd.get('initial-cluster') ?? '').split(',')) {
    const at = member.indexOf('=');
    const u = at < 0 ? undefined : urlHost(member.slice(at + 1));
    if (u !== undefined) out.push({ link: 'initial-cluster', host: u.host, tls: u.scheme === 'https' });
  }
  const discovery = etcd.get('discovery');
  const d = discovery === undefined ? undefined : urlHost(discovery);
  if (d !== undefined) out.push({ link: 'discovery', host: d.host, tls: d.scheme === 'https' });
  const srv = (etcd.get('discovery-srv') ?? '').trim().toLowerCase().replace(/\.$/, '');
  if (srv !== '' && !srv.includes('$')) out.push({ link: 'discovery-srv', host: srv, tls: etcd.get('peer-cert-file') !== undefined || etcd.get('peer-auto-tls') === 'true' });
  return out;
}

const CONF_SERVERS = /^[ \t]*auth_ldap\.servers(?:\.[A-Za-z0-9_]+)?[ \t]*=[ \t]*([^\s#]+)/gm;
const CONF_TLS = /^[ \t]*auth_ldap\.use_(?:ssl|starttls)[ \t]*=[ \t]*true\b/m;
const TERM_SERVERS = /\{\s*servers\s*,\s*\[([^\]]*)\]/g;
const TERM_TLS = /\{\s*use_(?:ssl|starttls)\s*,\s*true\s*\}/;
const AMQP_URI = /\bamqps?:\/\/[^\s"'\\,\]}]*/g;

/** LDAP servers, shovel and federation URIs a RabbitMQ text (or a script configuring RabbitMQ) names. */
export function rabbitLinks(text: string): Link[] {
  const out: Link[] = [];
  if (text.includes('auth_ldap.servers')) {
    const tls = CONF_TLS.test(text);
    for (const m of text.matchAll(CONF_SERVERS)) {
      const host = (m[1] ?? '').toLowerCase();
      if (host !== 'none' && !host.includes('$')) out.push({ link: 'ldap', host, tls });
    }
  }
  if (text.includes('rabbitmq_auth_backend_ldap') && text.includes('servers')) {
    const tls = TERM_TLS.test(text);
    for (const m of text.matchAll(TERM_SERVERS)) for (const h of (m[1] ?? '').matchAll(/"([^"]+)"/g)) out.push({ link: 'ldap', host: (h[1] ?? '').toLowerCase(), tls });
  }
  if (!text.includes('shovel') && !text.includes('federation')) return out;
  for (const m of text.matchAll(AMQP_URI)) {
    const u = urlHost(m[0]);
    if (u === undefined) continue;
    // The nearest word before the URI says which plugin reads it.
    const before = text.slice(0, m.index ?? 0);
    const link: LinkKind = before.lastIndexOf('federation') > before.lastIndexOf('shovel') ? 'federation' : 'shovel';
    out.push({ link, host: u.host, tls: u.scheme === 'amqps' });
  }
  return out;
}

const NET_HANDLERS = /^(?:logging\.)?(?:handlers\.)?(SysLogHandler|HTTPHandler|SocketHandler|DatagramHandler|SMTPHandler)$/;

/** The outside-bound handlers of a fileConfig text: each [handler_*] section's class and the host its args name. */
export function logHandlerLinks(text: string): Link[] {
  const out: Link[] = [];
  for (const section of text.split(/^[ \t]*\[/m).slice(1)) {
    if (!section.startsWith('handler_')) continue;
    const cls = /^[ \t]*class[ \t]*[=:][ \t]*([A-Za-z0-9_.]+)/m.exec(section)?.[1] ?? '';
    const kind = NET_HANDLERS.exec(cls)?.[1];
    if (kind === undefined) continue;
    const args = /^[ \t]*(?:args|kwargs)[ \t]*[=:][ \t]*(.+)$/m.exec(section)?.[1] ?? '';
    // The first string of the arguments is the host (SysLogHandler's may be a socket path: local).
    const first = /['"]([^'"]*)['"]/.exec(args)?.[1] ?? '';
    if (first === '' || first.startsWith('/')) continue;
    const host = (first.startsWith('[') ? first.slice(1, first.indexOf(']')) : first.split(':')[0] ?? '').toLowerCase();
    const secure = kind === 'HTTPHandler' ? /,\s*True\s*[,)]/.test(args) || /secure['"]?\s*[:=]\s*True/.test(args) : kind === 'SMTPHandler' && /secure/.test(args);
    if (host !== '' && !host.includes('$') && !host.includes('%(')) out.push({ link: 'log-handler', host, tls: secure });
  }
  return out;
}
