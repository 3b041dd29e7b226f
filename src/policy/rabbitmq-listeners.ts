/**
 * RabbitMQ's AMQP listeners (store-formation.ts): the listener a node's environment
 * sets, and what is wrong with a rabbitmq.conf's listeners for the render's clients.
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

/** A rabbitmq.conf's AMQP listeners: none at all, only on loopback, or none on a port the clients use. */
export function listenerProblem(text: string, clientPorts: ReadonlySet<number>): string | undefined {
  if (!/^[ \t]*listeners\./m.test(text)) return undefined;
  const tcp: string[] = [];
  let none = false;
  let tls = false;
  for (const m of text.matchAll(/^[ \t]*listeners\.(tcp|ssl)(?:\.[A-Za-z0-9_]+)?[ \t]*=[ \t]*([^\s#]+)/gm)) {
    if (m[1] === 'ssl') tls = m[2] !== 'none';
    else if (m[2] === 'none') none = true;
    else tcp.push(m[2] ?? '');
  }
  if (tcp.length === 0) return none && !tls ? 'none' : undefined;
  // `5672`, `0.0.0.0:5672`, `127.0.0.1:5672`, `::1:5672`, `:::5672`.
  const parsed = tcp.map((v) => {
    const at = v.lastIndexOf(':');
    return at < 0 ? { host: '', port: Number(v) } : { host: v.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(v.slice(at + 1)) };
  });
  const open = parsed.filter((l) => !LOOPBACK.test(l.host));
  if (open.length === 0) return 'loopback';
  if (!open.some((l) => clientPorts.has(l.port))) return `port ${open.map((l) => l.port).join(',')}`;
  return undefined;
}
