/**
 * How much of the internet a LoadBalancer's source ranges let in. Each range
 * alone may look narrow while together they are everything (all 256 /8s, or
 * ::/0 in halves), so the ranges are merged and the public addresses of the
 * union counted: private and special-purpose space (RFC 1918, CGNAT,
 * loopback, link-local, ULA, documentation, multicast...) does not count.
 * The policy compares the count with the bundle's limit (exposure.rego,
 * ST2-EXP-007); this module only measures. IPv4-mapped (::ffff:0:0/96) and
 * NAT64 (64:ff9b::/96) ranges are their IPv4 ranges: an IPv4 client arrives
 * through them.
 */
import { isJsonObject, type Manifest } from '../core/manifest.js';
import { azureSources } from './azure-sources.js';

/** log2 of the public addresses covered (-1: none), per family, and whether a range could not be read. */
export interface SourceRangeFact {
  readonly ipv4_bits: number;
  readonly ipv6_bits: number;
  /** A range that is not an address or CIDR: the policy treats the Service as open (fail closed). */
  readonly unreadable: boolean;
  /** An Azure service tag (Internet, AzureCloud...) also allowed: public addresses the gate cannot count (azure-sources.ts). */
  readonly public_tag: boolean;
}

type Interval = readonly [bigint, bigint];

const V4_BITS = 32n;
const V6_BITS = 128n;

/** Parses a dotted quad strictly (no leading zeros, as Go's net.ParseCIDR since 1.17). */
function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

function parseV6(text: string): bigint | undefined {
  let head = text;
  let tail: bigint[] = [];
  // A trailing dotted quad is the last two groups.
  const lastColon = head.lastIndexOf(':');
  if (head.includes('.')) {
    const v4 = parseV4(head.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    head = head.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): bigint[] | undefined => {
    if (s === '') return [];
    const out: bigint[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt(`0x${g}`));
    }
    return out;
  };
  const left = groups(halves[0] ?? '');
  const right = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (left === undefined || right === undefined) return undefined;
  const given = left.length + right.length + tail.length;
  if (halves.length === 2 ? given > 7 : given !== 8) return undefined;
  const all = [...left, ...Array<bigint>(8 - given).fill(0n), ...right, ...tail];
  return all.reduce((n, g) => (n << 16n) | g, 0n);
}

interface Range {
  readonly v6: boolean;
  readonly interval: Interval;
}

/** One CIDR (or bare address) as an interval of its family; undefined when unreadable. */
export function parseRange(text: string): Range | undefined {
  const t = text.trim();
  const slash = t.split('/');
  if (slash.length > 2) return undefined;
  const [addr = '', prefixText] = slash;
  const v6 = addr.includes(':');
  const start = v6 ? parseV6(addr) : parseV4(addr);
  if (start === undefined) return undefined;
  const width = v6 ? V6_BITS : V4_BITS;
  if (prefixText !== undefined && !/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? width : BigInt(prefixText);
  if (prefix > width) return undefined;
  const size = 1n << (width - prefix);
  const first = (start / size) * size;
  return { v6, interval: [first, first + size - 1n] };
}

const cidr = (text: string): Interval => {
  const r = parseRange(text);
  if (r === undefined) throw new Error(`bad built-in range ${text}`);
  return r.interval;
};

/** IANA special-purpose space that is not globally reachable, and multicast/reserved space. */
const NOT_PUBLIC_V4: readonly Interval[] = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
  '192.0.0.0/24', '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24',
  '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
].map(cidr);

const NOT_PUBLIC_V6: readonly Interval[] = [
  '::/127', '::ffff:0:0/96', '64:ff9b::/96', '64:ff9b:1::/48', '100::/64', '2001:db8::/32', 'fc00::/7', 'fe80::/10', 'ff00::/8',
].map(cidr);

/** IPv6 prefixes that carry an IPv4 address in their last 32 bits. */
const V4_IN_V6: readonly Interval[] = ['::ffff:0:0/96', '64:ff9b::/96'].map(cidr);

function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Array<[bigint, bigint]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s <= last[1] + 1n) {
      if (e > last[1]) last[1] = e;
    } else out.push([s, e]);
  }
  return out;
}

/** Addresses of the merged intervals outside the excluded ones. */
function publicCount(merged: readonly Interval[], excluded: readonly Interval[]): bigint {
  let total = 0n;
  for (const [s, e] of merged) {
    total += e - s + 1n;
    for (const [xs, xe] of excluded) {
      const lo = s > xs ? s : xs;
      const hi = e < xe ? e : xe;
      if (lo <= hi) total -= hi - lo + 1n;
    }
  }
  return total;
}

function log2(n: bigint): number {
  if (n <= 0n) return -1;
  // Exact for powers of two; a float's 53 bits are plenty for the rest.
  const bits = n.toString(2).length;
  if (bits <= 53) return Math.log2(Number(n));
  return bits - 53 + Math.log2(Number(n >> BigInt(bits - 53)));
}

/** Measures one list of ranges (the spec's list, or the annotation's items). */
export function measureRanges(ranges: readonly string[]): SourceRangeFact {
  const v4: Interval[] = [];
  const v6: Interval[] = [];
  let unreadable = false;
  for (const text of ranges) {
    const r = parseRange(text);
    if (r === undefined) {
      unreadable = true;
      continue;
    }
    if (!r.v6) {
      v4.push(r.interval);
      continue;
    }
    v6.push(r.interval);
    // The IPv4 part of an IPv4-mapped or NAT64 range.
    for (const [xs, xe] of V4_IN_V6) {
      const lo = r.interval[0] > xs ? r.interval[0] : xs;
      const hi = r.interval[1] < xe ? r.interval[1] : xe;
      if (lo <= hi) v4.push([lo - xs, hi - xs]);
    }
  }
  return {
    ipv4_bits: log2(publicCount(merge(v4), NOT_PUBLIC_V4)),
    ipv6_bits: log2(publicCount(merge(v6), NOT_PUBLIC_V6)),
    unreadable,
    public_tag: false,
  };
}

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** The ranges the cloud applies: spec.loadBalancerSourceRanges, else the annotation's comma-separated list, plus Azure's own. */
function rangesOf(service: Manifest): { ranges: string[]; publicTag: boolean } | undefined {
  const spec = isJsonObject(service['spec']) ? service['spec'] : {};
  const metadata = isJsonObject(service['metadata']) ? service['metadata'] : {};
  const annotations = isJsonObject(metadata['annotations']) ? metadata['annotations'] : {};
  const list = spec['loadBalancerSourceRanges'];
  const specRanges = Array.isArray(list) && list.length > 0;
  let ranges: string[] | undefined;
  if (specRanges) ranges = list.map((r) => (typeof r === 'string' ? r : ''));
  else {
    const text = annotations[SOURCE_RANGES_ANNOTATION];
    if (typeof text === 'string' && text.trim() !== '') ranges = text.split(',');
  }
  const azure = azureSources(annotations, specRanges, (t) => parseRange(t) !== undefined);
  if (azure === undefined) return ranges === undefined ? undefined : { ranges, publicTag: false };
  return { ranges: [...(ranges ?? []), ...azure.ranges], publicTag: azure.publicTag };
}

/** The measure of every LoadBalancer Service that lists source ranges, by resource index. */
export function collectSourceRangeFacts(resources: readonly Manifest[]): Record<string, SourceRangeFact> {
  const out: Record<string, SourceRangeFact> = {};
  resources.forEach((r, i) => {
    if (r['kind'] !== 'Service') return;
    const spec = r['spec'];
    if (!isJsonObject(spec) || spec['type'] !== 'LoadBalancer') return;
    const sources = rangesOf(r);
    if (sources === undefined) return;
    out[String(i)] = { ...measureRanges(sources.ranges), public_tag: sources.publicTag };
  });
  return out;
}
