/**
 * Traditional DES crypt(3): the 13-character htpasswd hash (2 salt
 * characters, 11 of hash) that `htpasswd -d`, `mkpasswd -m des` and Python's
 * crypt write, and that st2auth's flat_file backend (passlib's htpasswd
 * context, des_crypt) still accepts. node:crypto cannot do it: OpenSSL 3
 * keeps single DES in the legacy provider, and crypt(3) changes DES itself
 * (the salt swaps bits of the E expansion), so no cipher call could. Plain
 * bit arrays, written for clarity: the gate computes it only for a hash in
 * an htpasswd line, once per published default and salt (cached).
 */

// FIPS 46-3's tables, 1-based bit positions as the standard prints them.
const IP = [
  58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
  57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3, 61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
];
const FP = [
  40, 8, 48, 16, 56, 24, 64, 32, 39, 7, 47, 15, 55, 23, 63, 31, 38, 6, 46, 14, 54, 22, 62, 30, 37, 5, 45, 13, 53, 21, 61, 29,
  36, 4, 44, 12, 52, 20, 60, 28, 35, 3, 43, 11, 51, 19, 59, 27, 34, 2, 42, 10, 50, 18, 58, 26, 33, 1, 41, 9, 49, 17, 57, 25,
];
const E = [
  32, 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11, 12, 13, 12, 13, 14, 15, 16, 17,
  16, 17, 18, 19, 20, 21, 20, 21, 22, 23, 24, 25, 24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1,
];
const P = [16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25];
const PC1 = [
  57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
  63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
];
const PC2 = [
  14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
  41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
];
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
const S = [
  [14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7, 0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
    4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0, 15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13],
  [15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10, 3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
    0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15, 13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9],
  [10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8, 13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
    13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7, 1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12],
  [7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15, 13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
    10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4, 3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14],
  [2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9, 14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
    4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14, 11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3],
  [12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11, 10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
    9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6, 4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13],
  [4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1, 13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
    1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2, 6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12],
  [13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7, 1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
    7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8, 2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11],
];

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

type Bits = Uint8Array;

function permute(input: Bits, table: readonly number[]): Bits {
  const out = new Uint8Array(table.length);
  for (let i = 0; i < table.length; i++) out[i] = input[(table[i] ?? 1) - 1] ?? 0;
  return out;
}

/** The 16 round keys (48 bits each) of a 64-bit key. */
function roundKeys(key: Bits): Bits[] {
  const cd = permute(key, PC1);
  const c = Array.from(cd.subarray(0, 28));
  const d = Array.from(cd.subarray(28));
  const keys: Bits[] = [];
  for (const shift of SHIFTS) {
    for (let s = 0; s < shift; s++) {
      c.push(c.shift() ?? 0);
      d.push(d.shift() ?? 0);
    }
    keys.push(permute(Uint8Array.from([...c, ...d]), PC2));
  }
  return keys;
}

/** One DES encryption of a 64-bit block, with the expansion table `e` (crypt(3)'s salted E, or E). */
function encryptBlock(block: Bits, keys: readonly Bits[], e: readonly number[]): Bits {
  const ip = permute(block, IP);
  let left = ip.subarray(0, 32);
  let right = ip.subarray(32);
  const expanded = new Uint8Array(48);
  const sOut = new Uint8Array(32);
  for (const k of keys) {
    for (let i = 0; i < 48; i++) expanded[i] = (right[(e[i] ?? 1) - 1] ?? 0) ^ (k[i] ?? 0);
    for (let box = 0; box < 8; box++) {
      const at = box * 6;
      const b = (n: number): number => expanded[at + n] ?? 0;
      const row = (b(0) << 1) | b(5);
      const col = (b(1) << 3) | (b(2) << 2) | (b(3) << 1) | b(4);
      const v = S[box]?.[row * 16 + col] ?? 0;
      for (let j = 0; j < 4; j++) sOut[box * 4 + j] = (v >> (3 - j)) & 1;
    }
    const f = permute(sOut, P);
    const next = new Uint8Array(32);
    for (let i = 0; i < 32; i++) next[i] = (left[i] ?? 0) ^ (f[i] ?? 0);
    left = right;
    right = next;
  }
  // The last round's halves are not swapped back.
  return permute(Uint8Array.from([...right, ...left]), FP);
}

function bitsOf(bytes: Uint8Array): Bits {
  const out = new Uint8Array(bytes.length * 8);
  for (let i = 0; i < out.length; i++) out[i] = ((bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1;
  return out;
}

function bytesOf(bits: Bits): Uint8Array {
  const out = new Uint8Array(bits.length >> 3);
  for (let i = 0; i < bits.length; i++) out[i >> 3] = (out[i >> 3] ?? 0) | ((bits[i] ?? 0) << (7 - (i & 7)));
  return out;
}

/** Plain single DES of one 8-byte block (ECB): what the tests compare with OpenSSL's 3DES of k|k|k. */
export function desEncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  return bytesOf(encryptBlock(bitsOf(block), roundKeys(bitsOf(key)), E));
}

/** True when `salt` is two characters of crypt's alphabet. */
function saltValue(salt: string): number | undefined {
  if (salt.length !== 2) return undefined;
  const a = ITOA64.indexOf(salt[0] ?? '');
  const b = ITOA64.indexOf(salt[1] ?? '');
  return a < 0 || b < 0 ? undefined : a | (b << 6);
}

/**
 * crypt(3) of `password` with a two-character `salt`: the 13-character hash
 * (salt included). Only the first 8 characters count, 7 bits each, as in
 * every implementation (passlib's des_crypt truncates the same way).
 */
export function desCrypt(password: string, salt: string): string | undefined {
  const value = saltValue(salt);
  if (value === undefined) return undefined;
  const key = new Uint8Array(8);
  const pw = Buffer.from(password, 'utf8');
  for (let i = 0; i < 8 && i < pw.length; i++) key[i] = ((pw[i] ?? 0) << 1) & 0xff;
  // Each salt bit set swaps two outputs of the expansion, 24 apart.
  const e = [...E];
  for (let bit = 0; bit < 12; bit++) {
    if (((value >> bit) & 1) === 0) continue;
    const t = e[bit] ?? 0;
    e[bit] = e[bit + 24] ?? 0;
    e[bit + 24] = t;
  }
  const keys = roundKeys(bitsOf(key));
  let block: Bits = new Uint8Array(64);
  for (let round = 0; round < 25; round++) block = encryptBlock(block, keys, e);
  let out = salt;
  for (let i = 0; i < 11; i++) {
    let c = 0;
    for (let j = 0; j < 6; j++) c = (c << 1) | (block[i * 6 + j] ?? 0);
    out += ITOA64[c] ?? '';
  }
  return out;
}
