/**
 * Blobs that an `openssl enc -d` of the same text decrypts with a key the
 * text itself names (`-pass pass:X`, `-k X`, or `-K HEX -iv HEX`): then the
 * render carries both halves and its own command undoes the encryption, so
 * the plaintext counts as what the text holds (docs/trust-model.md: an
 * encoding, like an XOR with a byte the same script names). A key the render
 * does not carry (`-pass env:X`, `-kfile`, a prompt) stays out of scope; the
 * search never guesses keys.
 *
 * OpenSSL's apps/enc.c (3.x): the digest defaults to SHA-256 (`-md` changes
 * it); without `-pbkdf2`/`-iter` the key and IV come from EVP_BytesToKey
 * with one round, with them from PBKDF2-HMAC over the digest, 10000
 * iterations by default, as one output of key length + IV length; a salted
 * blob starts with `Salted__` and 8 bytes of salt (`U2FsdGVkX1` in base64),
 * unless `-nosalt` or `-S HEX` gives it; `-K`/`-iv` hex shorter than the
 * cipher's is padded with zero bytes.
 *
 * Cheap: only a text with `openssl` is read, at most MAX_COMMANDS commands
 * and MAX_BLOBS candidate blobs each, and a derivation costlier than
 * MAX_ITER iterations is not run: the value is then one the search could not
 * finish (search-budget.ts 'hash-cost').
 */
import { createDecipheriv, createHash, getCipherInfo, pbkdf2Sync } from 'node:crypto';
import type { DecodedForm } from './decode-layers.js';
import { readableBytes } from './readable-bytes.js';
import { base64Runs } from './base64-layers.js';
import { hexRuns } from './text-runs.js';
import { stopShort } from './search-budget.js';

const MAX_COMMANDS = 4;
const MAX_BLOBS = 6;
/** PBKDF2 rounds run for one key (10000 take about 4 ms). */
export const MAX_ITER = 200_000;
/** Blobs longer than this (decoded) are no short secret: left to the other layers. */
const MAX_BLOB = 64 * 1024;
const SALTED = Buffer.from('Salted__');
const OPENSSL = /(?<![\w.-])openssl(?![\w.-])/g;
/** Options that take an argument (apps/enc.c enc_options). */
const WITH_ARG = new Set(['in', 'out', 'pass', 'k', 'kfile', 'K', 'S', 'iv', 'md', 'iter', 'saltlen', 'bufsize', 'engine', 'provider', 'provider-path', 'propquery', 'rand', 'writerand', 'skeyopt', 'skeymgmt']);
/** Modes `openssl enc` refuses (AEAD, key wrap) or a stream reading cannot use. */
const REFUSED_MODES = new Set(['gcm', 'ccm', 'ocb', 'wrap', 'wrap-pad', 'xts', 'siv']);

export interface EncCommand {
  readonly cipher: string;
  readonly keyLength: number;
  readonly ivLength: number;
  readonly blockSize: number;
  readonly pass?: string | undefined;
  readonly key?: Buffer | undefined;
  readonly iv?: Buffer | undefined;
  readonly salt?: Buffer | undefined;
  readonly nosalt: boolean;
  readonly pbkdf2: boolean;
  readonly iter: number;
  readonly md: string;
  readonly nopad: boolean;
}

/** The words of a shell command from `at` to its end (`|`, `;`, `&`, `)`, a newline), quotes removed, redirections dropped. */
function commandWords(text: string, at: number): string[] {
  const words: string[] = [];
  let word = '';
  let open = false;
  let i = at;
  const push = (): void => {
    if (open) words.push(word);
    word = '';
    open = false;
  };
  for (; i < text.length && words.length < 64; i++) {
    const c = text[i] ?? '';
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) break;
      word += text.slice(i + 1, end);
      open = true;
      i = end;
    } else if (c === ' ' || c === '\t') push();
    else if ('|;&)\n`'.includes(c)) break;
    else {
      word += c;
      open = true;
    }
  }
  push();
  const out: string[] = [];
  for (let n = 0; n < words.length; n++) {
    const w = words[n] ?? '';
    if (/^[0-9]?[<>]+$/.test(w)) n++; // `> file`: the redirection and its target
    else if (!/^[0-9]?[<>]/.test(w)) out.push(w);
  }
  return out;
}

function hexBytes(hex: string, size: number): Buffer | undefined {
  if (!/^[0-9A-Fa-f]+$/.test(hex)) return undefined;
  const bytes = Buffer.alloc(size);
  Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex').copy(bytes, 0, 0, size);
  return bytes;
}

/** The decryption an `openssl` command line asks for, when it decrypts with a key it names. */
export function encCommand(words: readonly string[]): EncCommand | undefined {
  let cipherName: string | undefined;
  let decrypt = false;
  let pass: string | undefined;
  let hexKey: string | undefined;
  let hexIv: string | undefined;
  let hexSalt: string | undefined;
  let nosalt = false;
  let pbkdf2 = false;
  let iter = 0;
  let md = 'sha256';
  let nopad = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const name = w.startsWith('--') ? w.slice(2) : w.startsWith('-') ? w.slice(1) : undefined;
    if (name === undefined) {
      if (i === 0 && w !== 'enc') cipherName = w; // `openssl aes-256-cbc -d …`
      else if (i !== 0) return undefined; // a stray word: not an enc command line this reads
      continue;
    }
    const arg = words[i + 1];
    if (WITH_ARG.has(name)) {
      if (arg === undefined) return undefined;
      i++;
      if (name === 'k') pass = arg;
      else if (name === 'pass') pass = arg.startsWith('pass:') ? arg.slice(5) : undefined;
      else if (name === 'K') hexKey = arg;
      else if (name === 'iv') hexIv = arg;
      else if (name === 'S') hexSalt = arg;
      else if (name === 'md') md = arg.toLowerCase();
      else if (name === 'iter') {
        iter = /^[0-9]{1,9}$/.test(arg) ? Number(arg) : 0;
        if (iter <= 0) return undefined;
        pbkdf2 = true;
      }
      continue;
    }
    if (name === 'd') decrypt = true;
    else if (name === 'e') decrypt = false;
    else if (name === 'pbkdf2') {
      pbkdf2 = true;
      if (iter === 0) iter = 10000;
    } else if (name === 'nosalt') nosalt = true;
    else if (name === 'salt') nosalt = false;
    else if (name === 'nopad') nopad = true;
    else if (!['a', 'A', 'base64', 'p', 'P', 'v', 'debug', 'z', 'none'].includes(name)) cipherName = name;
  }
  if (!decrypt || cipherName === undefined || (pass === undefined && hexKey === undefined)) return undefined;
  if (pass !== undefined && (pass === '' || pass.includes('$'))) pass = undefined; // a variable: not in this text
  const info = cipherInfo(cipherName);
  if (info === undefined) return undefined;
  const key = hexKey === undefined ? undefined : hexBytes(hexKey, info.keyLength);
  const iv = hexIv === undefined ? undefined : hexBytes(hexIv, info.ivLength);
  if ((hexKey !== undefined && key === undefined) || (hexIv !== undefined && iv === undefined)) return undefined;
  if (pass === undefined && (key === undefined || (info.ivLength > 0 && iv === undefined))) return undefined;
  const salt = hexSalt === undefined ? undefined : hexBytes(hexSalt, 8);
  return { ...info, pass, key, iv, salt, nosalt, pbkdf2, iter: iter || 1, md, nopad };
}

function cipherInfo(name: string): { cipher: string; keyLength: number; ivLength: number; blockSize: number } | undefined {
  if (!/^[a-z0-9-]{3,32}$/i.test(name)) return undefined;
  let info: ReturnType<typeof getCipherInfo>;
  try {
    info = getCipherInfo(name.toLowerCase());
  } catch {
    return undefined;
  }
  if (info === undefined || REFUSED_MODES.has(info.mode)) return undefined;
  return { cipher: info.name, keyLength: info.keyLength, ivLength: info.ivLength ?? 0, blockSize: info.blockSize ?? 1 };
}

/** EVP_BytesToKey with one round: D_i = H(D_(i-1) || pass || salt), concatenated. */
function bytesToKey(md: string, pass: Buffer, salt: Buffer, n: number): Buffer {
  const parts: Buffer[] = [];
  let prev: Buffer = Buffer.alloc(0);
  for (let total = 0; total < n; total += prev.length) {
    prev = createHash(md).update(prev).update(pass).update(salt).digest();
    parts.push(prev);
  }
  return Buffer.concat(parts).subarray(0, n);
}

/** Derived key + IV, kept for the few texts that repeat one (the same script in several forms). */
const derived = new Map<string, Buffer>();

function deriveKeyIv(command: EncCommand, pass: string, salt: Buffer): Buffer | undefined {
  const n = command.keyLength + command.ivLength;
  const id = `${command.pbkdf2 ? command.iter : 0}|${command.md}|${n}|${salt.toString('hex')}|${pass}`;
  const known = derived.get(id);
  if (known !== undefined) return known;
  if (command.pbkdf2 && command.iter > MAX_ITER) {
    stopShort('hash-cost');
    return undefined;
  }
  let out: Buffer;
  try {
    out = command.pbkdf2 ? pbkdf2Sync(pass, salt, command.iter, n, command.md) : bytesToKey(command.md, Buffer.from(pass), salt, n);
  } catch {
    return undefined; // an unknown digest
  }
  if (derived.size >= 32) derived.clear();
  derived.set(id, out);
  return out;
}

/** The plaintext of one blob, or undefined when the key does not open it (bad padding, no header). */
export function decryptBlob(command: EncCommand, blob: Buffer): Buffer | undefined {
  let data = blob;
  let key = command.key;
  let iv = command.iv;
  if (command.pass !== undefined) {
    let salt: Buffer = Buffer.alloc(0);
    if (!command.nosalt) {
      if (command.salt !== undefined) salt = command.salt;
      else {
        if (blob.length < 16 || !blob.subarray(0, 8).equals(SALTED)) return undefined;
        salt = blob.subarray(8, 16);
        data = blob.subarray(16);
      }
    }
    const keyIv = deriveKeyIv(command, command.pass, salt);
    if (keyIv === undefined) return undefined;
    key ??= keyIv.subarray(0, command.keyLength);
    iv ??= keyIv.subarray(command.keyLength);
  }
  if (key === undefined || data.length === 0) return undefined;
  if (command.blockSize > 1 && !command.nopad && data.length % command.blockSize !== 0) return undefined;
  try {
    const decipher = createDecipheriv(command.cipher, key, command.ivLength > 0 ? (iv ?? null) : null);
    decipher.setAutoPadding(!command.nopad);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** The blobs of a text an enc command could read: base64 (wrapped or not) and hex, salted first. */
function candidateBlobs(text: string, command: EncCommand, named: ReadonlySet<string>): Buffer[] {
  const salted: Buffer[] = [];
  const other: Buffer[] = [];
  const wantsHeader = command.pass !== undefined && !command.nosalt && command.salt === undefined;
  for (const run of base64Runs(text).runs) {
    if (/^[0-9A-Fa-f]+$/.test(run) || named.has(run.toLowerCase())) continue;
    if (run.startsWith('U2FsdGVkX1')) salted.push(Buffer.from(run, 'base64'));
    else if (!wantsHeader && run.length >= 11) other.push(Buffer.from(run, 'base64'));
  }
  for (const run of hexRuns(text) ?? []) {
    if (named.has(run.toLowerCase())) continue;
    if (/^53616c7465645f5f/i.test(run)) salted.push(Buffer.from(run, 'hex'));
    else if (!wantsHeader) other.push(Buffer.from(run, 'hex'));
  }
  const fits = (b: Buffer): boolean => b.length >= 8 && b.length <= MAX_BLOB;
  return [...salted.filter(fits), ...other.filter(fits)].slice(0, MAX_BLOBS);
}

/** The readable plaintexts of the blobs that the text's own `openssl enc -d` commands decrypt. */
export function opensslForms(text: string): DecodedForm[] {
  if (!text.includes('openssl')) return [];
  const out: DecodedForm[] = [];
  let commands = 0;
  for (const m of text.matchAll(OPENSSL)) {
    if (++commands > MAX_COMMANDS) break;
    const words = commandWords(text, m.index + m[0].length);
    const command = encCommand(words);
    if (command === undefined) continue;
    const named = new Set(words.filter((w) => /^[0-9A-Fa-f]{8,}$/.test(w)).map((w) => w.toLowerCase()));
    for (const blob of candidateBlobs(text, command, named)) {
      const plain = decryptBlob(command, blob);
      const decoded = plain === undefined ? undefined : readableBytes(plain);
      if (decoded !== undefined) out.push({ text: decoded.text, encoding: decoded.encoding === 'base64' ? 'openssl' : decoded.encoding, whole: false });
    }
  }
  return out;
}
