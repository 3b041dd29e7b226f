/**
 * The hosts each ConfigMap text and Secret stringData text proxies to, as
 * exposure.rego's proxied_text_hosts reads a text (nginx proxy_pass and
 * stream servers, HAProxy servers, Envoy addresses, Caddy, cloudflared,
 * Tailscale serve): a proxy marker, no st2 config section, then the same
 * pattern with RE2's meanings (\s is [\t\n\f\r ], ^ follows only \n). The
 * policy searched every config text of the render for nine markers, about a
 * fortieth of the wasm's time on prod (issue 12). By where the text is
 * (lib.rego's text_values key: resource, field, key), every such text the
 * render has, hosts or none; the policy reads any other text itself
 * (Secret data and binaryData, which it decodes its own way, and texts
 * outside ASCII). test/policy/proxy-hosts.test.ts holds the port to the Rego.
 */
import { isJsonObject, kindOf, type Manifest } from '../core/manifest.js';

/** One text's proxied hosts, at [resource, field, key]. */
export interface ProxyHostsFact {
  readonly resource: number;
  readonly field: 'data' | 'stringData';
  readonly key: string;
  readonly hosts: readonly string[];
}

const MARKERS = ['proxy_pass', 'server ', 'connect', 'address:', 'service:', 'service":', '"Proxy"', '"TCPForward"', 'reverse_proxy', 'port_value'];

/** lib.rego st2_section_headers. */
const ST2_HEADERS: ReadonlySet<string> = new Set(['coordination', 'sensorcontainer', 'messaging', 'database', 'auth', 'rbac', 'api', 'stream', 'system_user', 'keyvalue', 'content'].map((s) => `[${s}]`));

/**
 * proxied_text_hosts' pattern in JavaScript: `(?m)^` as "at the start or
 * after \n" (JavaScript's m flag also starts lines after \r), \s and \S as RE2 has them.
 * A server's name (HAProxy `server NAME HOST:PORT`) ends in a blank, so nginx's
 * nameless `server etcd:2379;` is the host etcd:2379, not "d:2379".
 */
const S = '[\\t\\n\\f\\r ]';
const NS = '[^\\t\\n\\f\\r ]';
const BOL = '(?<![^\\n])';
const PROXIED = new RegExp(
  `(?:proxy_pass|${BOL}${S}*server(?:${S}+[A-Za-z0-9_.-]+${S})?|${BOL}${S}*connect${S}*=|address:|\\bservice"?${S}*:|"(?:Proxy|TCPForward)"${S}*:|\\breverse_proxy(?:${S}+[/@*]${NS}*)?|${BOL}${S}*to${S})${S}*"?([A-Za-z0-9][A-Za-z0-9.-]*:[0-9]+|[A-Za-z][A-Za-z0-9+.-]*://[^\\t\\n\\f\\r ;"]+)`,
  'g',
);

/**
 * Envoy's socket_address names the host and the port in two fields
 * (`address: mongodb, port_value: 27017`, block, flow or JSON): read as host:port.
 */
const ENVOY = new RegExp(`"?\\baddress"?${S}*:${S}*"?([A-Za-z0-9][A-Za-z0-9.-]*)"?${S}*,?${S}*"?port_value"?${S}*:${S}*([0-9]+)`, 'g');

const isAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
};

/** lib.rego st2_config_texts membership: a line that is an st2 section header once blanks are trimmed. */
export function isSt2ConfigText(text: string): boolean {
  if (!text.includes('[')) return false;
  return text.split('\n').some((line) => ST2_HEADERS.has(line.replace(/^[ \t\f\r]+|[ \t\f\r]+$/g, '')));
}

/** exposure.rego's proxied_text_hosts for one text, sorted ([] where the policy has no entry). */
export function proxiedHosts(text: string): string[] {
  if (!MARKERS.some((m) => text.includes(m)) || isSt2ConfigText(text)) return [];
  const hosts = new Set<string>();
  for (const m of text.matchAll(PROXIED)) if (m[1] !== undefined) hosts.add(m[1]);
  if (text.includes('port_value')) for (const m of text.matchAll(ENVOY)) if (m[1] !== undefined && m[2] !== undefined) hosts.add(`${m[1]}:${m[2]}`);
  return [...hosts].sort();
}

/** The proxied hosts of every ConfigMap data and Secret stringData text in ASCII, each distinct text read once. */
export function collectProxyHosts(resources: readonly Manifest[]): ProxyHostsFact[] {
  const out: ProxyHostsFact[] = [];
  const read = new Map<string, string[]>();
  resources.forEach((manifest, resource) => {
    const kind = kindOf(manifest);
    const field = kind === 'ConfigMap' ? 'data' : kind === 'Secret' ? 'stringData' : undefined;
    const data = field === undefined ? undefined : manifest[field];
    if (field === undefined || !isJsonObject(data)) return;
    for (const [key, text] of Object.entries(data)) {
      if (typeof text !== 'string' || !isAscii(text)) continue;
      let hosts = read.get(text);
      if (hosts === undefined) read.set(text, (hosts = proxiedHosts(text)));
      out.push({ resource, field, key, hosts });
    }
  });
  return out;
}
