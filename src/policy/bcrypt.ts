/**
 * bcrypt (`$2a$`, `$2b$`, `$2y$`: OpenBSD's eksblowfish, what `htpasswd -B`
 * and passlib write, and what st2auth's flat_file backend reads) in a small
 * implementation: node:crypto has no Blowfish. Used only to ask whether a
 * hash verifies one of a few published defaults (crypt-hashes.ts), with the
 * cost capped by the caller: cost 12 takes 4096 key expansions, a fraction
 * of a second here. Checked against the published test vectors and
 * libxcrypt's output (test/policy/bcrypt.test.ts).
 */
import { blowfishInitialState } from './blowfish-pi.js';

const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));
/** "OrpheanBeholderScryDoubt", the text bcrypt encrypts 64 times. */
const MAGIC = [0x4f727068, 0x65616e42, 0x65686f6c, 0x64657253, 0x63727944, 0x6f756274];
let initial: Uint32Array | undefined;

/** bcrypt's base64 (its own alphabet, no padding) decoded to at most `length` bytes. */
export function decodeBcrypt64(text: string, length: number): Uint8Array | undefined {
  const out = new Uint8Array(length);
  let bits = 0;
  let value = 0;
  let n = 0;
  for (const c of text) {
    const v = INDEX.get(c);
    if (v === undefined) return undefined;
    value = ((value << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8 && n < length) {
      bits -= 8;
      out[n++] = (value >>> bits) & 0xff;
    }
  }
  return n === length ? out : undefined;
}

function encodeBcrypt64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    out += ALPHABET[a >>> 2] ?? '';
    out += ALPHABET[((a & 3) << 4) | (b >>> 4)] ?? '';
    if (i + 1 < bytes.length) out += ALPHABET[((b & 15) << 2) | (c >>> 6)] ?? '';
    if (i + 2 < bytes.length) out += ALPHABET[c & 63] ?? '';
  }
  return out;
}

/**
 * One Blowfish encryption of (l, r) under the state `s` (P in 0..17, the
 * S-boxes from 18), the result in out[0], out[1]. Written flat: it runs a
 * million times at cost 10.
 */
function encipher(s: Int32Array, l: number, r: number, out: Int32Array): void {
  l ^= s[0] ?? 0;
  for (let i = 1; i <= 16; i += 2) {
    r ^= ((((s[18 + (l >>> 24)] ?? 0) + (s[274 + ((l >>> 16) & 255)] ?? 0)) ^ (s[530 + ((l >>> 8) & 255)] ?? 0)) + (s[786 + (l & 255)] ?? 0)) ^ (s[i] ?? 0);
    l ^= ((((s[18 + (r >>> 24)] ?? 0) + (s[274 + ((r >>> 16) & 255)] ?? 0)) ^ (s[530 + ((r >>> 8) & 255)] ?? 0)) + (s[786 + (r & 255)] ?? 0)) ^ (s[i + 1] ?? 0);
  }
  out[0] = r ^ (s[17] ?? 0);
  out[1] = l;
}

/** `data` as the 18 big-endian words Blowfish's key schedule reads from it, cyclically. */
function cyclicWords(data: Uint8Array, count: number): Int32Array {
  const words = new Int32Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    let w = 0;
    for (let k = 0; k < 4; k++) {
      w = (w << 8) | (data[at] ?? 0);
      at = (at + 1) % data.length;
    }
    words[i] = w;
  }
  return words;
}

/** Blowfish's key schedule: P xored with the key's words, then every word re-encrypted, the salt's words (if any) xored in. */
function expand(s: Int32Array, keyWords: Int32Array, saltWords: Int32Array | undefined, lr: Int32Array): void {
  for (let i = 0; i < 18; i++) s[i] = (s[i] ?? 0) ^ (keyWords[i] ?? 0);
  let l = 0;
  let r = 0;
  for (let i = 0; i < 1042; i += 2) {
    if (saltWords !== undefined) {
      l ^= saltWords[i & 3] ?? 0;
      r ^= saltWords[(i + 1) & 3] ?? 0;
    }
    encipher(s, l, r, lr);
    l = s[i] = lr[0] ?? 0;
    r = s[i + 1] = lr[1] ?? 0;
  }
}

/**
 * The 31-character digest bcrypt writes after `$2b$NN$` and the 22-character
 * salt, for a password (UTF-8, NUL-terminated, at most 72 bytes used).
 */
export function bcryptDigest(password: string, salt: string, cost: number): string | undefined {
  const saltBytes = decodeBcrypt64(salt, 16);
  if (saltBytes === undefined || cost < 4 || cost > 31) return undefined;
  const pw = Buffer.from(password, 'utf8');
  const key = new Uint8Array(Math.min(72, pw.length + 1));
  key.set(pw.subarray(0, key.length));
  const s = Int32Array.from(initial ??= blowfishInitialState());
  const keyWords = cyclicWords(key, 18);
  const saltWords = cyclicWords(saltBytes, 18);
  const lr = new Int32Array(2);
  expand(s, keyWords, saltWords, lr);
  for (let round = 2 ** cost; round > 0; round--) {
    expand(s, keyWords, undefined, lr);
    expand(s, saltWords, undefined, lr);
  }
  const text = Int32Array.from(MAGIC);
  for (let j = 0; j < 6; j += 2) {
    let l = text[j] ?? 0;
    let r = text[j + 1] ?? 0;
    for (let i = 0; i < 64; i++) {
      encipher(s, l, r, lr);
      l = lr[0] ?? 0;
      r = lr[1] ?? 0;
    }
    text[j] = l;
    text[j + 1] = r;
  }
  const bytes = new Uint8Array(23);
  for (let i = 0; i < 23; i++) bytes[i] = ((text[i >> 2] ?? 0) >>> (24 - 8 * (i & 3))) & 0xff;
  return encodeBcrypt64(bytes);
}
