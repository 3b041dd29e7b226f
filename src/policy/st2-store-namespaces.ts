/**
 * Which other namespaces' stores an st2 process uses: the namespaces of the message
 * bus and database its chain of config texts ends with (st2-chains.ts's `stores`).
 * Two timers engines on one bus fire every timer twice, whatever namespace each runs in.
 */

export interface StoreOptions {
  readonly messaging?: string;
  readonly database?: string;
}

/** The last [messaging] url and [database] host one text sets. */
function storeOptions(text: string): StoreOptions {
  let messaging: string | undefined;
  let database: string | undefined;
  let section = '';
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = (header[1] ?? '').trim().toLowerCase();
      continue;
    }
    const m = /^([A-Za-z_]+)\s*[=:]\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = (m[1] ?? '').toLowerCase();
    if (section === 'messaging' && key === 'url') messaging = m[2];
    if (section === 'database' && key === 'host') database = m[2];
  }
  return { ...(messaging === undefined ? {} : { messaging }), ...(database === undefined ? {} : { database }) };
}

/**
 * The namespaces of the message bus and database a chain of config texts
 * ends with, other than `own`: the last `[messaging] url` and `[database]
 * host` (a MongoDB URI may list several hosts), each host by its cluster DNS
 * name (`name.ns`, `name.ns.svc[.cluster.local]`, `pod.name.ns.svc`). Only
 * namespaces leave here, never a URL (it carries the password). `read` keeps
 * each text's options, so a text shared by many chains is read once.
 */
export function storeNamespaces(texts: readonly string[], own: string, read: Map<string, StoreOptions> = new Map()): string[] {
  let messaging: string | undefined;
  let database: string | undefined;
  for (const text of texts) {
    let options = read.get(text);
    if (options === undefined) read.set(text, (options = storeOptions(text)));
    messaging = options.messaging ?? messaging;
    database = options.database ?? database;
  }
  const out = new Set<string>();
  for (const value of [messaging, database]) {
    if (value === undefined) continue;
    const rest = value.replace(/^[a-z0-9+]+:\/\//i, '');
    const hosts = (rest.includes('@') ? rest.slice(rest.lastIndexOf('@') + 1) : rest).split(/[/?]/)[0] ?? '';
    for (const hostPort of hosts.split(',')) {
      const labels = (hostPort.split(':')[0] ?? '').toLowerCase().split('.');
      const svc = labels.indexOf('svc');
      const ns = svc >= 1 ? labels[svc - 1] : labels.length === 2 ? labels[1] : undefined;
      if (ns !== undefined && ns !== '' && ns !== own) out.add(ns);
    }
  }
  return [...out];
}

