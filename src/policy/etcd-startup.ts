/**
 * etcd settings that stop a member starting or split the cluster (the
 * eleventh red team's store-etcd classes), as etcd's embed and etcdserver
 * packages check them:
 *
 * - an https (or unixs) client or peer listener with neither cert-file nor
 *   key-file (`--cert-file`/`--key-file`, `--peer-cert-file`/`--peer-key-file`)
 *   and no auto-tls: "TLS key/cert ... must be provided", etcd exits;
 * - `--initial-cluster`'s URLs for a member's own name that differ from its
 *   `--initial-advertise-peer-urls` (verifyLocalMember: "--initial-cluster has
 *   ... but missing from --initial-advertise-peer-urls"), on a fresh bootstrap
 *   or a member rebuilt without data. etcd compares the URLs resolved, so a
 *   host and its longer in-cluster name (`etcd-0.etcd-headless` and
 *   `etcd-0.etcd-headless.st2-prod.svc.cluster.local`) agree; another Service
 *   or another pod does not.
 */
import { goBool, type EtcdServer } from './etcd-server.js';

/** 'client' or 'peer' when an https listener of that kind has no certificate; undefined otherwise. */
export function tlsListenerWithoutCert(etcd: EtcdServer): 'client' | 'peer' | undefined {
  if (etcd.file === true) return undefined;
  const secure = (urls: string | undefined): boolean => (urls ?? '').split(',').some((u) => /^(?:https|unixs):\/\//i.test(u.trim()));
  if (secure(etcd.get('listen-client-urls')) && !etcd.get('cert-file') && !etcd.get('key-file') && goBool(etcd.get('auto-tls')) !== true) return 'client';
  if (secure(etcd.get('listen-peer-urls')) && !etcd.get('peer-cert-file') && !etcd.get('peer-key-file') && goBool(etcd.get('peer-auto-tls')) !== true) return 'peer';
  return undefined;
}

interface Url {
  readonly scheme: string;
  readonly host: string;
  readonly port: string;
}

function parse(u: string): Url | undefined {
  const m = /^([a-z]+):\/\/(\[[^\]]*\]|[^:/]*)(?::([0-9]+))?\/?$/i.exec(u.trim());
  return m === null ? undefined : { scheme: (m[1] ?? '').toLowerCase(), host: (m[2] ?? '').toLowerCase(), port: m[3] ?? '' };
}

/** Whether two host names name one pod: equal, or one the other with a longer DNS suffix (pod.service first). Undefined: cannot tell. */
function sameHost(a: string, b: string): boolean | undefined {
  if (a === b) return true;
  if (/^[0-9.:[\]]+$/.test(a) || /^[0-9.:[\]]+$/.test(b)) return undefined;
  const [short, long] = a.length <= b.length ? [a.split('.'), b.split('.')] : [b.split('.'), a.split('.')];
  if (short[0] !== long[0]) return false;
  if (short.length < 2) return undefined;
  return short.every((label, k) => long[k] === label);
}

/**
 * True when the URLs --initial-cluster lists for a member's own name disagree
 * with its advertised peer URLs (same count; each matched in scheme, port and
 * host). False when they agree or cannot be told apart (an IP, a variable).
 */
export function peerUrlsDisagree(cluster: string, name: string, advertise: string): boolean {
  const listed = cluster.split(',').map((m) => m.split('=')).filter((p) => (p[0] ?? '').trim() === name).map((p) => p.slice(1).join('='));
  const own = advertise.split(',').filter((u) => u.trim() !== '');
  if (listed.length === 0 || own.length === 0 || [...listed, ...own].some((u) => u.includes('$'))) return false;
  if (listed.length !== own.length) return true;
  const left = listed.map(parse);
  const right = own.map(parse);
  if (left.some((u) => u === undefined) || right.some((u) => u === undefined)) return false;
  // Each listed URL must match one advertised URL.
  const unmatched = [...right] as Url[];
  for (const l of left as Url[]) {
    let unknown = false;
    const k = unmatched.findIndex((r) => {
      if (r.scheme !== l.scheme || r.port !== l.port) return false;
      const same = sameHost(l.host, r.host);
      if (same === undefined) unknown = true;
      return same === true;
    });
    if (k >= 0) unmatched.splice(k, 1);
    else if (!unknown) return true;
    else return false;
  }
  return false;
}
