/**
 * The values and functions of the Go template evaluator (go-template.ts):
 * Go's builtins and the sprig string functions ESO's engine v2 offers,
 * applied to literals. A value from the secret store is UNKNOWN and stays so
 * through every function; a function the gate does not implement, applied to
 * literals only, is unevaluable (the caller fails closed).
 */
import { createHash } from 'node:crypto';

/** A value: a string, a list, or unknown (from the secret store). */
interface Unknown {
  readonly unknown: true;
}
export const UNKNOWN: Unknown = Object.freeze({ unknown: true });
export type Value = string | Value[] | Unknown;

/** At most this much output per template: more is unevaluable (a `repeat` bomb). */
export const MAX_OUTPUT = 1 << 16;

/** Functions whose result is random or the time, or a key they generate: never a published value. */
const VOLATILE = new Set(['now', 'date', 'dateInZone', 'htmlDate', 'unixEpoch', 'randAlphaNum', 'randAlpha', 'randNumeric', 'randAscii', 'randBytes', 'randInt', 'uuidv4', 'genPrivateKey', 'genCA', 'genSelfSignedCert', 'genSignedCert']);

export function render(v: Value): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(render).join(' ')}]`;
  return '\u0000';
}

export const isKnown = (v: Value): v is string | Value[] => typeof v === 'string' || Array.isArray(v);
export const str = (v: Value): string => (typeof v === 'string' ? v : render(v));
export const empty = (v: Value): boolean => v === '' || v === 'false' || v === '0' || (Array.isArray(v) && v.length === 0);

type Fn = (args: Array<string | Value[]>) => Value | undefined;

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const ub64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8');
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function b32enc(s: string): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}
function b32dec(s: string): string {
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const c of s.replace(/=+$/, '').toUpperCase()) {
    const k = B32.indexOf(c);
    if (k < 0) return '';
    value = (value << 5) | k;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Go's fmt for the verbs templates use on strings and numbers. */
function sprintf(format: string, args: readonly Value[]): string | undefined {
  let k = 0;
  let bad = false;
  const out = format.replace(/%([-+# 0]*)(\d*)(?:\.(\d+))?([a-zA-Z%])/g, (_all, flags: string, width: string, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    const arg = args[k++];
    if (arg === undefined) return `%!${verb}(MISSING)`;
    let s: string;
    const a = str(arg);
    if (verb === 's' || verb === 'v') s = a;
    else if (verb === 'q') s = JSON.stringify(a);
    else if (verb === 'd') s = /^[+-]?\d+$/.test(a) ? String(BigInt(a)) : `%!d(string=${a})`;
    else if (verb === 'x' || verb === 'X') s = /^\d+$/.test(a) ? BigInt(a).toString(16) : Buffer.from(a, 'utf8').toString('hex');
    else if (verb === 'c') s = /^\d+$/.test(a) ? String.fromCodePoint(Number(a)) : `%!c(string=${a})`;
    else {
      bad = true;
      return '';
    }
    if (verb === 'X') s = s.toUpperCase();
    if (precision !== undefined && (verb === 's' || verb === 'v')) s = [...s].slice(0, Number(precision)).join('');
    const w = Number(width || '0');
    if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : s.padStart(w, flags.includes('0') && verb !== 's' ? '0' : ' ');
    return s;
  });
  if (bad) return undefined;
  const extra = args.slice(k);
  return extra.length === 0 ? out : `${out}%!(EXTRA ${extra.map(str).join(', ')})`;
}

/** Go's print: operands joined, a space between two when neither is a string (all are strings here). */
const goPrint = (args: readonly Value[]): string => args.map(str).join('');

const last = <T>(a: readonly T[]): T | undefined => a[a.length - 1];

/** The functions evaluated on literals: Go's builtins and the sprig string functions ESO's engine v2 offers. */
const FUNCTIONS = new Map<string, Fn>(Object.entries({
  printf: (a) => (typeof a[0] === 'string' ? sprintf(a[0], a.slice(1)) : undefined),
  print: (a) => goPrint(a),
  println: (a) => `${a.map(str).join(' ')}\n`,
  cat: (a) => a.map(str).filter((s) => s !== '').join(' '),
  toString: (a: Array<string | Value[]>) => str(a[0] ?? ''),
  quote: (a) => a.map((s) => JSON.stringify(str(s))).join(' '),
  squote: (a) => a.map((s) => `'${str(s)}'`).join(' '),
  upper: (a) => str(a[0] ?? '').toUpperCase(),
  lower: (a) => str(a[0] ?? '').toLowerCase(),
  title: (a) => str(a[0] ?? '').replace(/(^|\s)(\S)/g, (_m, s: string, c: string) => s + c.toUpperCase()),
  trim: (a) => str(a[0] ?? '').trim(),
  nospace: (a) => str(a[0] ?? '').replace(/\s+/g, ''),
  trimAll: (a) => trimSet(str(a[1] ?? ''), str(a[0] ?? ''), true, true),
  trimPrefix: (a) => {
    const [p, s] = [str(a[0] ?? ''), str(a[1] ?? '')];
    return s.startsWith(p) ? s.slice(p.length) : s;
  },
  trimSuffix: (a) => {
    const [p, s] = [str(a[0] ?? ''), str(a[1] ?? '')];
    return p !== '' && s.endsWith(p) ? s.slice(0, -p.length) : s;
  },
  replace: (a) => str(a[2] ?? '').split(str(a[0] ?? '')).join(str(a[1] ?? '')),
  repeat: (a) => {
    const n = Number(str(a[0] ?? '0'));
    const s = str(a[1] ?? '');
    return Number.isInteger(n) && n >= 0 && n * s.length <= MAX_OUTPUT ? s.repeat(n) : undefined;
  },
  substr: (a) => {
    const s = str(a[2] ?? '');
    const [start, end] = [Number(str(a[0] ?? '0')), Number(str(a[1] ?? '0'))];
    if (start < 0) return s.slice(0, end < 0 ? undefined : end);
    return end < 0 || end > s.length ? s.slice(start) : start > end ? '' : s.slice(start, end);
  },
  trunc: (a) => {
    const n = Number(str(a[0] ?? '0'));
    const s = str(a[1] ?? '');
    return n >= 0 ? s.slice(0, n) : s.slice(Math.max(0, s.length + n));
  },
  b64enc: (a) => b64(str(a[0] ?? '')),
  b64dec: (a) => ub64(str(a[0] ?? '')),
  b32enc: (a) => b32enc(str(a[0] ?? '')),
  b32dec: (a) => b32dec(str(a[0] ?? '')),
  indent: (a) => str(a[1] ?? '').replace(/^/gm, ' '.repeat(Math.min(Number(str(a[0] ?? '0')) || 0, 256))),
  nindent: (a) => `\n${str(a[1] ?? '').replace(/^/gm, ' '.repeat(Math.min(Number(str(a[0] ?? '0')) || 0, 256)))}`,
  list: (a) => [...a],
  join: (a) => (Array.isArray(a[1]) ? a[1].map(str).join(str(a[0] ?? '')) : str(a[1] ?? '')),
  splitList: (a) => str(a[1] ?? '').split(str(a[0] ?? '')),
  first: (a) => (Array.isArray(a[0]) ? (a[0][0] ?? '') : str(a[0] ?? '').slice(0, 1)),
  last: (a) => (Array.isArray(a[0]) ? (last(a[0]) ?? '') : str(a[0] ?? '').slice(-1)),
  rest: (a) => (Array.isArray(a[0]) ? a[0].slice(1) : undefined),
  initial: (a) => (Array.isArray(a[0]) ? a[0].slice(0, -1) : undefined),
  reverse: (a) => (Array.isArray(a[0]) ? [...a[0]].reverse() : undefined),
  index: (a) => {
    const [coll, ...keys] = a;
    let v: Value | undefined = coll;
    for (const k of keys) v = Array.isArray(v) ? v[Number(str(k))] : typeof v === 'string' ? String(v.charCodeAt(Number(str(k)))) : undefined;
    return v;
  },
  len: (a) => String(Array.isArray(a[0]) ? a[0].length : Buffer.byteLength(str(a[0] ?? ''))),
  urlquery: (a) => encodeURIComponent(goPrint(a)).replace(/%20/g, '+'),
  html: (a) => goPrint(a).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
  js: (a) => JSON.stringify(goPrint(a)).slice(1, -1),
  toJson: (a) => JSON.stringify(a[0] ?? ''),
  toRawJson: (a) => JSON.stringify(a[0] ?? ''),
  empty: (a) => String(a[0] === undefined || empty(a[0])),
  not: (a) => String(a[0] === undefined || empty(a[0])),
  and: (a) => a.find((v) => empty(v)) ?? last(a) ?? '',
  or: (a) => a.find((v) => !empty(v)) ?? last(a) ?? '',
  eq: (a) => String(a.slice(1).some((v) => str(v) === str(a[0] ?? ''))),
  ne: (a) => String(str(a[0] ?? '') !== str(a[1] ?? '')),
  contains: (a) => String(str(a[1] ?? '').includes(str(a[0] ?? ''))),
  hasPrefix: (a) => String(str(a[1] ?? '').startsWith(str(a[0] ?? ''))),
  sha256sum: (a) => createHash('sha256').update(str(a[0] ?? '')).digest('hex'),
  sha1sum: (a) => createHash('sha1').update(str(a[0] ?? '')).digest('hex'),
  hasSuffix: (a) => String(str(a[1] ?? '').endsWith(str(a[0] ?? ''))),
} satisfies Record<string, Fn>));

function trimSet(s: string, cutset: string, left: boolean, right: boolean): string {
  const set = new Set(cutset);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (left && a < b && set.has(chars[a] ?? '')) a++;
  while (right && b > a && set.has(chars[b - 1] ?? '')) b--;
  return chars.slice(a, b).join('');
}

/**
 * A function applied to values: evaluated when every argument is known;
 * unknown when one comes from the store; unevaluable when the gate does not
 * implement it and every argument is a literal.
 */
export function call(name: string, args: readonly Value[]): { value: Value } | { unevaluable: string } {
  // The store's value may be empty: take the literal fallback (sprig: default FALLBACK VALUE).
  if (name === 'default') {
    const [fallback, given] = [args[0], args[1]];
    if (given !== undefined && isKnown(given) && !empty(given)) return { value: given };
    return { value: fallback ?? '' };
  }
  if (name === 'coalesce') {
    const known = args.find((v) => isKnown(v) && !empty(v));
    return { value: known ?? (args.some((v) => v === UNKNOWN) ? UNKNOWN : '') };
  }
  if (name === 'ternary') {
    const [a, b, cond] = args;
    if (cond !== undefined && isKnown(cond)) return { value: (empty(cond) ? b : a) ?? '' };
    // Either branch may be written: both, apart.
    return { value: `${str(a ?? '')}\u0000${str(b ?? '')}` };
  }
  if (VOLATILE.has(name) || !args.every(isKnown)) return { value: UNKNOWN };
  const fn = FUNCTIONS.get(name);
  if (fn === undefined) return { unevaluable: `${name} on literals (a function the gate does not evaluate)` };
  const value = fn(args as Array<string | Value[]>);
  if (value === undefined) return { unevaluable: `${name} on literals it cannot evaluate` };
  return { value };
}