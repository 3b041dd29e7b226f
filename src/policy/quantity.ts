/**
 * Kubernetes resource quantities read as the API server reads them
 * (apimachinery resource.Quantity, ParseQuantity): an optional sign, a
 * decimal number, and one suffix, either binary SI (Ki Mi Gi Ti Pi Ei), decimal
 * SI (n u m "" k M G T P E) or a decimal exponent (e3, E-2). "1000" is a
 * thousand (cores, or bytes), "512" is 512 bytes: the typos the outage rules
 * look for are valid quantities, so only the exact grammar tells them apart.
 * A YAML number (cpu: 2) is that number. Anything else is undefined.
 */

const BINARY: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

// apimachinery's grammar: <signedNumber><suffix>, the number with at most one point and
// digits on at least one side of it; the suffix as above. No spaces, no other letters.
const QUANTITY = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]+|[numkMGTPE]?)$/;

/** The quantity's value (cores for cpu, bytes for memory), or undefined when the API server would refuse it. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = QUANTITY.exec(value);
  if (m === null) return undefined;
  const [, sign = '', digits = '', suffix = ''] = m;
  const n = Number(digits) * (sign === '-' ? -1 : 1);
  const scale = BINARY[suffix] ?? DECIMAL[suffix] ?? (/^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : undefined);
  if (scale === undefined) return undefined;
  const out = n * scale;
  return Number.isFinite(out) ? out : undefined;
}

/**
 * Go's strconv.ParseInt(s, 0, 64), which etcd's int64 flags (and the
 * environment variables it maps onto them) use: a sign, then decimal, 0x hex,
 * 0o or a leading 0 for octal, 0b binary; single underscores between digits
 * (or after a base prefix). Undefined when etcd would refuse the value (it then
 * does not start, which the gate does not judge here).
 */
export function parseGoInt(text: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text.trim());
  if (m === null) return undefined;
  const [, sign = '', body = ''] = m;
  if (body.includes('_') && (/__|_$/.test(body) || /^0[xXoObB]?$/.test(body.replace(/_/g, '')))) return undefined;
  const clean = body.replace(/_/g, '');
  let n: number;
  if (/^0[xX]/.test(clean)) n = parseInt(clean.slice(2), 16);
  else if (/^0[oO]/.test(clean)) n = parseInt(clean.slice(2), 8);
  else if (/^0[bB]/.test(clean)) n = parseInt(clean.slice(2), 2);
  else if (clean.length > 1 && clean.startsWith('0')) n = parseInt(clean.slice(1), 8);
  else n = parseInt(clean, 10);
  if (!Number.isFinite(n)) return undefined;
  return sign === '-' ? -n : n;
}

/**
 * RabbitMQ's information units for vm_memory_high_watermark.absolute and
 * disk_free_limit.absolute (rabbit_resource_monitor_misc): an integer, then
 * k/K/kiB/KiB (2^10), M/MiB (2^20), G/GiB (2^30), or kB/KB (10^3), MB (10^6),
 * GB (10^9); no unit is bytes. Undefined when RabbitMQ would refuse it.
 */
export function parseInformationUnit(text: string): number | undefined {
  const m = /^([0-9]+)([A-Za-z]*)$/.exec(text.trim());
  if (m === null) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  const scale: Readonly<Record<string, number>> = { '': 1, k: 2 ** 10, kib: 2 ** 10, m: 2 ** 20, mib: 2 ** 20, g: 2 ** 30, gib: 2 ** 30, kb: 1e3, mb: 1e6, gb: 1e9 };
  const s = scale[unit];
  return s === undefined ? undefined : Number(m[1]) * s;
}
