/**
 * RabbitMQ's AMQP listeners (store-formation.ts): the listener a node's environment
 * sets, and what is wrong with a config text's listeners for the render's clients,
 * in rabbitmq.conf's keys or in the Erlang terms of advanced.config and `-rabbit` arguments.
 */
import { LOOPBACK } from './mongod-settings.js';

/**
 * The AMQP listener a RabbitMQ container's environment sets, written as
 * rabbitmq.conf would: RABBITMQ_NODE_IP_ADDRESS (default every interface) and
 * RABBITMQ_NODE_PORT (default 5672), both unset: none. A value the gate cannot
 * read (a $(VAR) reference) leaves it unjudged. The two values as the container's env writes them.
 */
export function listenerFromEnv(rawPort: string | undefined, rawIp: string | undefined): string | undefined {
  const port = rawPort?.trim();
  const ip = rawIp?.trim();
  if (port === undefined && ip === undefined) return undefined;
  if ((port !== undefined && !/^[0-9]+$/.test(port)) || (ip !== undefined && !/^[0-9A-Fa-f.:]*$/.test(ip) && ip !== 'auto')) return undefined;
  const host = ip === undefined || ip === 'auto' || ip === '' ? '' : ip.includes(':') ? `[${ip}]` : ip;
  return `listeners.tcp.default = ${host === '' ? '' : `${host}:`}${port ?? '5672'}`;
}

interface Listeners {
  /** The TCP listeners as (host, port); host '' for every interface. */
  readonly tcp: ReadonlyArray<{ host: string; port: number }>;
  /** Whether the TCP listeners were switched off on purpose (`listeners.tcp = none`, `{tcp_listeners, []}`). */
  readonly none: boolean;
  readonly tls: boolean;
}

/** `5672`, `0.0.0.0:5672`, `127.0.0.1:5672`, `::1:5672`, `:::5672` (rabbit.schema's listeners.tcp.$name: integer or ip). */
function confListener(v: string): { host: string; port: number } {
  const at = v.lastIndexOf(':');
  return at < 0 ? { host: '', port: Number(v) } : { host: v.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(v.slice(at + 1)) };
}

/** rabbitmq.conf's `listeners.tcp.*` and `listeners.ssl.*`; undefined when it sets no listener. */
function confListeners(text: string): Listeners | undefined {
  if (!/^[ \t]*listeners\./m.test(text)) return undefined;
  const tcp: Array<{ host: string; port: number }> = [];
  let none = false;
  let tls = false;
  for (const m of text.matchAll(/^[ \t]*listeners\.(tcp|ssl)(?:\.[A-Za-z0-9_]+)?[ \t]*=[ \t]*([^\s#]+)/gm)) {
    if (m[1] === 'ssl') tls = m[2] !== 'none';
    else if (m[2] === 'none') none = true;
    else tcp.push(confListener(m[2] ?? ''));
  }
  return { tcp, none, tls };
}

/** An Erlang list's body after `{key,` (strings skipped, so `"[::1]"` does not end it); undefined when the key is not set. */
function erlangList(text: string, key: string): string | undefined {
  return new RegExp(`\\{\\s*${key}\\s*,\\s*\\[((?:"[^"]*"|'[^']*'|[^\\]"'])*)\\]`).exec(text)?.[1];
}

/**
 * advanced.config's `{tcp_listeners, [...]}` (or `-rabbit tcp_listeners [...]`
 * on the node's command line, written as advanced.config by erl-args.ts),
 * which override rabbitmq.conf's listeners (RabbitMQ configure.md: advanced.config
 * is applied over the translated rabbitmq.conf). Each entry as
 * rabbit_networking:tcp_listener_addresses reads it: Port (every interface),
 * {Host, Port}, {Host, Port, Family}, {"auto", Port}; a {local, Path, Port}
 * Unix socket serves no other pod. Undefined when the text sets no tcp_listeners.
 */
function erlangListeners(text: string): Listeners | undefined {
  if (!text.includes('tcp_listeners')) return undefined;
  const body = erlangList(text, 'tcp_listeners');
  if (body === undefined) return undefined;
  const tcp: Array<{ host: string; port: number }> = [];
  const tuples = /\{\s*("[^"]*"|'[^']*'|[a-z_]+)\s*,\s*("[^"]*"|[0-9]+)[^}]*\}/g;
  for (const m of body.matchAll(tuples)) {
    const host = (m[1] ?? '').replace(/^["']|["']$/g, '').replace(/^\[|\]$/g, '');
    // A Unix socket serves this pod only: judged as loopback.
    if (host === 'local') tcp.push({ host: 'localhost', port: 0 });
    else tcp.push({ host: host === 'auto' ? '' : host, port: Number(m[2]) });
  }
  for (const m of body.replace(tuples, '').matchAll(/(?:^|[\s,])([0-9]+)(?=[\s,]|$)/g)) tcp.push({ host: '', port: Number(m[1]) });
  const ssl = erlangList(text, 'ssl_listeners');
  return { tcp, none: tcp.length === 0, tls: ssl !== undefined && ssl.trim() !== '' };
}

/**
 * A RabbitMQ config text's AMQP listeners (rabbitmq.conf's keys, or the
 * Erlang form, which wins): none at all, only on loopback, or none on a port
 * the clients use. No TCP listener is judged only without a TLS listener in the same text.
 */
export function listenerProblem(text: string, clientPorts: ReadonlySet<number>): string | undefined {
  const l = erlangListeners(text) ?? confListeners(text);
  if (l === undefined) return undefined;
  if (l.tcp.length === 0) return l.none && !l.tls ? 'none' : undefined;
  const open = l.tcp.filter((x) => !LOOPBACK.test(x.host));
  if (open.length === 0) return 'loopback';
  if (!open.some((x) => clientPorts.has(x.port))) return `port ${open.map((x) => x.port).join(',')}`;
  return undefined;
}

/** Whether a config text sets AMQP listeners in either form (they replace the environment's). */
export const setsListeners = (text: string): boolean => /^[ \t]*listeners\.tcp/m.test(text) || erlangList(text, 'tcp_listeners') !== undefined;

