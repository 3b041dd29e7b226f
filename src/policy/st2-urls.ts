/**
 * The URLs st2's options name, read as their clients read them: a bus URL or cluster_urls list
 * (kombu), a `[database] host` MongoDB URI (pymongo 3.11.3), a coordination URL (tooz). Only
 * their shape leaves this module: scheme, whether user-info and a password are written, hosts,
 * ports, path and query options; never a credential's value.
 */

/** scheme, user-info presence, hosts (with their ports, NaN when unwritten), path and query of a URL or MongoDB URI (several hosts allowed). */
export type ParsedUrl = { scheme: string; user: boolean; password: boolean; hosts: string[]; ports: number[]; path: string; query: string };

/** parseUrl once per distinct URL (every chain of a render repeats the same few). */
const PARSED = new Map<string, ParsedUrl>();
export function parseUrl(value: string): ParsedUrl {
  let parsed = PARSED.get(value);
  if (parsed === undefined) {
    if (PARSED.size > 1024) PARSED.clear();
    PARSED.set(value, (parsed = parseUrlOnce(value)));
  }
  return parsed;
}

function parseUrlOnce(value: string): ParsedUrl {
  const v = value.trim();
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(v);
  if (m === null) return { scheme: '', user: false, password: false, hosts: [], ports: [], path: '', query: '' };
  const authority = m[2] ?? '';
  const at = authority.lastIndexOf('@');
  const hostPart = at >= 0 ? authority.slice(at + 1) : authority;
  const parts = hostPart.split(',').filter((h) => h !== '');
  const hosts = parts.map((h) => h.replace(/:\d*$/, '').replace(/^\[|\]$/g, '').toLowerCase());
  const ports = parts.map((h) => Number(/:(\d+)$/.exec(h)?.[1] ?? NaN));
  // kombu takes an empty password as none (its transport's default, guest, fills it); a template fills one in.
  const info = at >= 0 ? authority.slice(0, at) : '';
  return { scheme: (m[1] ?? '').toLowerCase(), user: at >= 0, password: /:./.test(info) || info.includes('{{'), hosts, ports, path: m[3] ?? '', query: m[4] ?? '' };
}

/** cluster_urls (an oslo ListOpt: comma-separated): each URL parsed. */
export const clusterList = (list: string): ParsedUrl[] => list.split(',').map((u) => u.trim()).filter((u) => u !== '').map(parseUrl);

/** cluster_urls: the first URL's scheme, user and path (the vhost), every URL's hosts and ports. */
export function clusterUrls(list: string): ParsedUrl {
  const urls = clusterList(list);
  const first = urls[0] ?? parseUrl('');
  return { ...first, hosts: urls.flatMap((u) => u.hosts), ports: urls.flatMap((u) => u.ports) };
}

/** kombu's transport aliases that speak AMQP 0-9-1 with user-info credentials (kombu/transport/__init__.py TRANSPORT_ALIASES). */
export const AMQP_SCHEMES = new Set(['amqp', 'amqps', 'pyamqp', 'librabbitmq']);

/**
 * A URI's query options as pymongo 3.11.3 (st2 3.8's pin, fixed-requirements.txt) reads them:
 * uri_parser._parse_options keys a case-insensitive dictionary, so option names are lower-cased
 * and a repeated option's last value wins (`options[key] = val`, after a "Duplicate URI option"
 * warning); values go through unquote_plus ('+' is a space). tooz reads its URL's query the same way.
 */
export function queryOptions(query: string): Map<string, string> {
  const out = new Map<string, string>();
  if (query.includes('{{')) return out;
  for (const pair of query.split(/[&;]/)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    out.set(pair.slice(0, eq).toLowerCase(), decodeSafe(pair.slice(eq + 1).replace(/\+/g, ' ')));
  }
  return out;
}

/**
 * Why pymongo 3.11.3's uri_parser.parse_uri refuses a `[database] host` URI ('' when it does not):
 * for mongodb+srv:// it raises ConfigurationError "Cannot specify directConnection=true with
 * mongodb+srv:// URIs", InvalidURI "must include one, and only one, hostname" and "must not include
 * a port number", and _SrvResolver ConfigurationError "Invalid URI host" for fewer than three
 * labels; for mongodb:// ConfigurationError "Cannot specify multiple hosts with directConnection=true".
 */
export function uriInvalid(uri: ParsedUrl, direct: boolean): string {
  if (uri.scheme === 'mongodb+srv') {
    if (direct) return 'mongodb+srv with directConnection=true';
    if (uri.hosts.length !== 1) return 'mongodb+srv with other than one host';
    if (uri.ports.some((p) => !Number.isNaN(p))) return 'mongodb+srv with a port';
    if ((uri.hosts[0] ?? '').replace(/\.$/, '').split('.').length < 3) return 'mongodb+srv host of fewer than three labels';
  }
  if (uri.scheme === 'mongodb' && direct && uri.hosts.length > 1) return 'directConnection=true with several hosts';
  return '';
}

/** Percent-decoded, or as written when it is not valid percent-encoding. */
export function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
