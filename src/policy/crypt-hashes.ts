/**
 * crypt(3) password hashes that verify a published default: MD5-crypt
 * (`$1$`, Apache's `$apr1$`: `htpasswd` and `openssl passwd -apr1`, what
 * the base's st2auth init container writes) and SHA-crypt (`$5$`, `$6$`,
 * glibc's, `openssl passwd -5/-6`, `mkpasswd`). st2auth's flat_file backend
 * (passlib) accepts all of them, so such a line is the default password.
 * Traditional DES crypt (13 characters, des-crypt.ts) too, read only as
 * the hash of an htpasswd-like `user:hash` line, since a bare 13-character word is
 * no sign of one.
 * bcrypt (`$2y$`) is not verified: node:crypto has no Blowfish, and a
 * JavaScript bcrypt per hash and default would cost more than the gate's budget.
 * Rounds are capped (a hostile `rounds=999999999` costs nothing), and so is the
 * number of hashes verified per text.
 */
import { createHash, type Hash } from 'node:crypto';
import { desCrypt } from './des-crypt.js';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const MD5_CRYPT = /\$(1|apr1)\$([./0-9A-Za-z]{1,8})\$([./0-9A-Za-z]{22})/g;
const SHA_CRYPT = /\$([56])\$(?:rounds=(\d{1,9})\$)?([^$\s:]{1,16})\$([./0-9A-Za-z]{43}(?:[./0-9A-Za-z]{43})?)/g;
/** `user:hash` at the start of a line, or quoted or after a blank (`echo 'st2admin:...' >> htpasswd`). */
const DES_LINE = /(?:^|[\s'"])[^\s:'"#][^\s:'"]*:([./0-9A-Za-z]{13})(?=$|[\s'":])/g;
/** The cheap test first: a colon and exactly 13 characters of the alphabet. */
const HAS_DES_HASH = /:[./0-9A-Za-z]{13}(?![./0-9A-Za-z])/;
const MAX_ROUNDS = 20_000;
const MAX_HASHES = 8;

function to64(value: number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    out += ITOA64[value & 0x3f] ?? '';
    value >>>= 6;
  }
  return out;
}

/** The rounds both crypt schemes share: each digest over the last one, the password and (most rounds) the salt. */
function stretch(hash: () => Hash, rounds: number, password: Buffer, salt: Buffer, first: Buffer): Buffer {
  let digest = first;
  for (let r = 0; r < rounds; r++) {
    const ctx = hash();
    ctx.update(r & 1 ? password : digest);
    if (r % 3) ctx.update(salt);
    if (r % 7) ctx.update(password);
    ctx.update(r & 1 ? digest : password);
    digest = ctx.digest();
  }
  return digest;
}

export function md5Crypt(password: string, salt: string, magic: '$1$' | '$apr1$'): string {
  const pw = Buffer.from(password, 'utf8');
  const md5 = () => createHash('md5');
  const ctx = md5().update(pw).update(magic).update(salt);
  const alt = md5().update(pw).update(salt).update(pw).digest();
  for (let left = pw.length; left > 0; left -= 16) ctx.update(alt.subarray(0, Math.min(16, left)));
  for (let i = pw.length; i > 0; i >>= 1) ctx.update(i & 1 ? Buffer.from([0]) : pw.subarray(0, 1));
  const final = stretch(md5, 1000, pw, Buffer.from(salt, 'utf8'), ctx.digest());
  const b = (i: number): number => final[i] ?? 0;
  let out = '';
  for (const [x, y, z] of [
    [0, 6, 12],
    [1, 7, 13],
    [2, 8, 14],
    [3, 9, 15],
    [4, 10, 5],
  ] as const) out += to64((b(x) << 16) | (b(y) << 8) | b(z), 4);
  out += to64(b(11), 2);
  return out;
}

const SHA512_ORDER = [
  [0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48],
  [28, 49, 7], [50, 8, 29], [9, 30, 51], [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13],
  [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41],
] as const;
const SHA256_ORDER = [
  [0, 10, 20], [21, 1, 11], [12, 22, 2], [3, 13, 23], [24, 4, 14], [15, 25, 5], [6, 16, 26], [27, 7, 17], [18, 28, 8], [9, 19, 29],
] as const;

export function shaCrypt(password: string, salt: string, variant: '5' | '6', rounds: number): string {
  const algorithm = variant === '5' ? 'sha256' : 'sha512';
  const size = variant === '5' ? 32 : 64;
  const pw = Buffer.from(password, 'utf8');
  const s = Buffer.from(salt, 'utf8');
  const hash = () => createHash(algorithm);
  const b = hash().update(pw).update(s).update(pw).digest();
  const a = hash().update(pw).update(s);
  let i = pw.length;
  for (; i > size; i -= size) a.update(b);
  a.update(b.subarray(0, i));
  for (let n = pw.length; n > 0; n >>= 1) a.update(n & 1 ? b : pw);
  const digestA = a.digest();
  const dp = hash();
  for (let n = 0; n < pw.length; n++) dp.update(pw);
  const dpDigest = dp.digest();
  const p = Buffer.alloc(pw.length);
  for (let n = 0; n < pw.length; n++) p[n] = dpDigest[n % size] ?? 0;
  const ds = hash();
  for (let n = 0; n < 16 + (digestA[0] ?? 0); n++) ds.update(s);
  const dsDigest = ds.digest();
  const sBytes = Buffer.alloc(s.length);
  for (let n = 0; n < s.length; n++) sBytes[n] = dsDigest[n % size] ?? 0;
  const c = stretch(hash, rounds, p, sBytes, digestA);
  const at = (n: number): number => c[n] ?? 0;
  let out = '';
  for (const [x, y, z] of variant === '5' ? SHA256_ORDER : SHA512_ORDER) out += to64((at(x) << 16) | (at(y) << 8) | at(z), 4);
  out += variant === '5' ? to64((at(31) << 8) | at(30), 3) : to64(at(63), 2);
  return out;
}

export interface CryptHit {
  readonly id: string;
  readonly encoding: 'crypt';
}

/** Ids of the literals whose crypt hash appears in the text. */
export function cryptHits(text: string, literals: ReadonlyArray<{ readonly id: string; readonly value: string }>): CryptHit[] {
  if (!text.includes('$') && !text.includes(':')) return [];
  const out: CryptHit[] = [];
  let budget = MAX_HASHES;
  for (const m of text.matchAll(MD5_CRYPT)) {
    if (budget-- <= 0) return out;
    const magic = m[1] === 'apr1' ? '$apr1$' : '$1$';
    for (const l of literals) if (md5Crypt(l.value, m[2] ?? '', magic) === m[3]) out.push({ id: l.id, encoding: 'crypt' });
  }
  for (const m of text.matchAll(SHA_CRYPT)) {
    const variant = m[1] === '5' ? '5' : '6';
    const expected = m[4] ?? '';
    if (expected.length !== (variant === '5' ? 43 : 86)) continue;
    const rounds = m[2] === undefined ? 5000 : Math.max(1000, Number(m[2]));
    if (rounds > MAX_ROUNDS || budget-- <= 0) continue;
    for (const l of literals) if (shaCrypt(l.value, m[3] ?? '', variant, rounds) === expected) out.push({ id: l.id, encoding: 'crypt' });
  }
  if (text.includes(':') && HAS_DES_HASH.test(text)) {
    for (const m of text.matchAll(DES_LINE)) {
      const hash = m[1] ?? '';
      if (budget-- <= 0) return out;
      for (const l of literals) if (cachedDesCrypt(l.value, hash.slice(0, 2)) === hash) out.push({ id: l.id, encoding: 'crypt' });
    }
  }
  return out;
}

/** DES crypt per published default and salt, kept: a salt repeats across lines and renders. */
const desMemo = new Map<string, string | undefined>();
const MAX_DES_MEMO = 4096;

function cachedDesCrypt(password: string, salt: string): string | undefined {
  const key = `${salt}\0${password}`;
  if (desMemo.has(key)) return desMemo.get(key);
  const hash = desCrypt(password, salt);
  if (desMemo.size >= MAX_DES_MEMO) desMemo.clear();
  desMemo.set(key, hash);
  return hash;
}
