/**
 * Every readable form a string may hide a secret in: the string itself and
 * what nested decoding gives (base64, wrapped or not, standard or URL
 * alphabet, and inside it gzip or UTF-16 text (PowerShell -EncodedCommand);
 * percent-encoding in either case; JSON string escapes; C/shell \xHH and
 * octal escapes; hex runs; the user-info of URLs; Basic-auth headers; base32; quoted-printable;
 * HTML/XML character references; zlib and raw deflate and UTF-16 in either byte order inside
 * base64 or base32 (raw deflate also in a text that inflates it itself); zstd, bzip2, xz and LZ4 (by
 * their magic numbers); what the same text's `openssl enc -d` decrypts with a key it names; tar archives, plain or inside gzip, zlib, zstd, bzip2 or brotli; brotli
 * itself, tried only on whole base64 values nothing else reads; bytes written
 * as separated hex pairs or decimal numbers (blanks alone too, 8-bit binary, 16-bit words as od -x prints them), as one big decimal integer, uuencoded, or as a hex dump (xxd, hexdump -C, od); base85 in its three alphabets;
 * the words a script's own sed, tr or replace calls rewrite). Decoded texts never leave the
 * policy module: they are matched against known defaults and dropped.
 */
// Base64 runs, hex runs of 8 bytes or more (xxd -p, printf of a hex string), base64 wrapped over
// lines inside a longer text (a PEM-like block in a script or a config), and RFC 4648 base32
// (coreutils base32, Python b32encode; b32decode(casefold=True) reads it in lower case too).
import { base32Bytes, base32HexWhole, base32Runs, BASE32HEX_ALPHABET, hexRuns, MIN_BASE32_RUN, MIN_HEX_RUN, runLengths } from './text-runs.js';
import { base64Readable, base64Runs, base64Text, MIN_BASE64_RUN } from './base64-layers.js';
import { opensslForms } from './openssl-enc.js';
import { byteLists } from './byte-lists.js';
import { base85Runs, decode85, MIN_BASE85_WHOLE } from './base85.js';
import { readableBytes } from './readable-bytes.js';
import { HAS_HEX_DUMP, hexDumpBytes } from './hex-dumps.js';
import type { ConsumerNormalisation } from './consumer-normalise.js';
import type { LiteralTransform } from './literal-transforms.js';
import { assembledForms } from './assembled-strings.js';
import { numberForms } from './number-forms.js';
import { xorForms } from './xor-keys.js';
import { substitutedForms } from './substitutions.js';
import { MAX_DEPTH, MAX_FORMS, MAX_SEARCH_OUTPUT, searchWithin, stopShort, type ShortReason } from './search-budget.js';

export type Encoding =
  | 'plain'
  | 'base64'
  | 'percent'
  | 'json-escape'
  | 'url-credentials'
  | 'basic-auth'
  | 'c-escape'
  | 'hex'
  | 'gzip'
  | 'utf-16'
  | 'htpasswd-sha1'
  | 'rabbitmq-hash'
  | 'md5'
  | 'sha1'
  | 'sha256'
  | 'sha512'
  | 'mongodb-scram-digest'
  | 'base32'
  | 'base32hex'
  | 'quoted-printable'
  | 'html-entity'
  | 'zlib'
  | 'zip'
  | 'tar'
  | 'brotli'
  | 'byte-list'
  | 'base85'
  | 'zstd'
  | 'bzip2'
  | 'xz'
  | 'lz4'
  | 'openssl'
  | 'hex-dump'
  | 'k8s-var'
  | 'joined'
  | 'go-template'
  | 'crypt'
  | 'assembled'
  // ROT13, ROT47, Atbash, base58, base36, reversals, case swaps of a literal (literal-transforms.ts).
  | LiteralTransform
  | 'xor'
  | 'uuencode'
  | 'big-integer'
  | 'substituted'
  | 'bcrypt'
  | ConsumerNormalisation;

export interface DecodedForm {
  readonly text: string;
  /** The outermost decoding that produced it (`plain` for the string itself). */
  readonly encoding: Encoding;
  /** A whole credential (URL password, Basic-auth password): compared whole, never searched. */
  readonly whole: boolean;
}

/** \xHH and three-digit octal escapes (printf, echo -e, YAML inside a string). */
const C_ESCAPE = /\\(?:x([0-9A-Fa-f]{2})|([0-7]{3}))/g;
const HAS_C_ESCAPE = /\\(?:x[0-9A-Fa-f]{2}|[0-7]{3})/;
const HAS_PERCENT = /%[0-9A-Fa-f]{2}/;
/**
 * A byte token between two equal separators (`:32:`, `, 106,`): the one cheap test before
 * byte-lists.ts scans a text for a list of hex pairs or decimals. It starts at a separator,
 * which most positions of a text are not.
 */
const HAS_BYTE_LIST = /([:,-])[ \t\r\n]*(?:0[xX])?[0-9A-Fa-f]{1,3}\1/;
const PERCENT = /%([0-9A-Fa-f]{2})/g;
const URL_USERINFO = /[A-Za-z][A-Za-z0-9+.-]*:\/\/([^\s/?#@"'<>]+)@/g;
const BASIC_AUTH = /\bBasic\s+([A-Za-z0-9+/_-]+={0,2})/gi;
const JSON_ESCAPE = /\\(u[0-9A-Fa-f]{4}|[nrtbf"\\/])/g;
/**
 * Quoted-printable (RFC 2045, Python quopri, which reads lower-case hex too): =XX, soft
 * line breaks. Lower-case escapes start the decoding only digit-first (=2b, =40), so
 * `tier=backend` is not read as one.
 */
const HAS_QP = /=(?:[0-9A-F]{2}|[2-7][0-9a-f])/;
const QP = /=(?:([0-9A-Fa-f]{2})|\r?\n)/g;
/** HTML/XML character references: &#64; &#x40; and the named ones a password could need. */
const HAS_ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[a-zA-Z]{2,8});/;
const ENTITY = /&(?:#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([a-zA-Z]{2,8}));/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", commat: '@', num: '#', dollar: '$', percnt: '%', excl: '!', plus: '+', equals: '=' };

/** Quick test for the strings that need no decoding at all (most of a render). */
function mayBeEncoded(text: string): boolean {
  // (base85 of an 8-character default is 10 characters, shorter than a base64 run.)
  return text.length >= Math.min(MIN_BASE64_RUN, MIN_BASE85_WHOLE) || text.includes('%') || text.includes('\\') || text.includes('@');
}

export function decodedForms(text: string): DecodedForm[] {
  return decodeSearch(text).forms;
}

/**
 * The decoded forms of a text and, when a budget cut the search short
 * (search-budget.ts), why: a stream or archive over its cap, a form still
 * decoding at the last layer, more forms than the cap, or more decoded
 * output than the cap. What was found is still returned.
 */
export function decodeSearch(text: string): { readonly forms: DecodedForm[]; readonly short: ShortReason | undefined } {
  const { result, short } = searchWithin(() => searchLayers(text));
  return { forms: result, short };
}

/** Forms a rewrite of pieces gave (assembled-strings.ts), and what decoding them gives in turn. */
const isAssembly = (form: DecodedForm): boolean => form.encoding === 'assembled' || form.encoding === 'reversed' || form.encoding === 'substituted';

function searchLayers(text: string): DecodedForm[] {
  const out: DecodedForm[] = [{ text, encoding: 'plain', whole: false }];
  if (!mayBeEncoded(text)) return out;
  const seen = new Set<string>([text]);
  const keyOf = (form: DecodedForm): string => `${form.whole ? 'w' : 't'}${form.text}`;
  let output = 0;
  let joined = 0;
  // `assembled`: the text comes from joining pieces. It is decoded further while the depth
  // lasts, but not joined again, and neither its depth nor its forms are a reason to stop
  // short: joined pieces are no hidden layer, and a script's quotes must not fail a value.
  let layer: Array<{ text: string; assembled: boolean }> = [{ text, assembled: false }];
  for (let depth = 0; depth < MAX_DEPTH && layer.length > 0; depth++) {
    const next: Array<{ text: string; assembled: boolean }> = [];
    for (const current of layer) {
      for (const form of decodeOnce(current.text, !current.assembled)) {
        const key = keyOf(form);
        if (seen.has(key) || form.text === '') continue;
        const assembled = current.assembled || isAssembly(form);
        // Joined forms have a cap of their own beside the decoded ones.
        if (assembled ? joined >= MAX_FORMS : out.length - joined >= MAX_FORMS) {
          if (assembled) continue;
          stopShort('forms');
          return out;
        }
        if (assembled) joined++;
        output += form.text.length;
        if (output > MAX_SEARCH_OUTPUT) {
          stopShort('decode-budget');
          return out;
        }
        seen.add(key);
        out.push(form);
        if (!form.whole) next.push({ text: form.text, assembled });
      }
    }
    layer = next;
  }
  // Still decoding below the last layer followed: what it hides was not searched.
  for (const current of layer) {
    if (current.assembled) continue;
    if (decodeOnce(current.text, false).some((form) => form.text !== '' && !seen.has(keyOf(form)))) {
      stopShort('depth');
      break;
    }
  }
  return out;
}

/** One layer of decoding; `assemble`: also the strings its pieces make (assembled-strings.ts). */
function decodeOnce(text: string, assemble: boolean): DecodedForm[] {
  const out: DecodedForm[] = [];
  if (text.includes('\\') && HAS_C_ESCAPE.test(text)) {
    const decoded = decodeBytes(text, C_ESCAPE, (m: string[]) => (m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2] ?? '0', 8)));
    if (decoded !== undefined && decoded !== text) out.push({ text: decoded, encoding: 'c-escape', whole: false });
  }
  // One scan says whether a hex or base32 run is there at all (most texts have neither).
  // (From base32's shortest run, 13: Python b32encode of an 8-byte value without its padding.)
  const lengths = text.length >= MIN_BASE32_RUN ? runLengths(text) : undefined;
  if (lengths !== undefined && lengths.hex >= MIN_HEX_RUN) {
    for (const run of hexRuns(text) ?? []) {
      const decoded = readableBytes(Buffer.from(run, 'hex'));
      if (decoded !== undefined) out.push({ text: decoded.text, encoding: 'hex', whole: false });
    }
  }
  if (text.length >= 15 && HAS_BYTE_LIST.test(text)) {
    for (const kind of ['hex', 'decimal'] as const) {
      for (const bytes of byteLists(text, kind)) {
        const decoded = readableBytes(Buffer.from(bytes));
        if (decoded !== undefined) out.push({ text: decoded.text, encoding: decoded.encoding === 'base64' ? 'byte-list' : decoded.encoding, whole: false });
      }
    }
  }
  // Hex or base64 XORed with a one-byte key the same text names (xor-keys.ts): only texts with a `^`.
  if (text.includes('^')) for (const form of xorForms(text)) out.push(form);
  // Blobs the same text's `openssl enc -d` decrypts with a key it names (openssl-enc.ts).
  if (text.length >= 48 && text.includes('openssl')) for (const form of opensslForms(text)) out.push(form);
  // Blank-separated byte lists, big decimal integers, uuencode (number-forms.ts).
  for (const form of numberForms(text, lengths?.hex ?? 0)) out.push(form);
  // A dump's lines start with an offset: a one-line text must start with one (most do not).
  if (text.length >= 24 && (text.includes('\n') || /^[ \t]*[0-9a-fA-F]{6}/.test(text)) && HAS_HEX_DUMP.test(text)) {
    const bytes = hexDumpBytes(text);
    const decoded = bytes === undefined ? undefined : readableBytes(Buffer.from(bytes));
    if (decoded !== undefined) out.push({ text: decoded.text, encoding: decoded.encoding === 'base64' ? 'hex-dump' : decoded.encoding, whole: false });
  }
  if (text.includes('\\')) {
    const unescaped = text.replace(JSON_ESCAPE, (_m, e: string) => unescapeOne(e));
    if (unescaped !== text) out.push({ text: unescaped, encoding: 'json-escape', whole: false });
  }
  if (HAS_PERCENT.test(text)) {
    const decoded = percentDecode(text);
    if (decoded !== undefined && decoded !== text) out.push({ text: decoded, encoding: 'percent', whole: false });
  }
  if (text.includes('@')) {
    for (const m of text.matchAll(URL_USERINFO)) {
      const info = m[1] ?? '';
      const colon = info.indexOf(':');
      const parts = colon >= 0 ? [info.slice(0, colon), info.slice(colon + 1)] : [info];
      for (const part of parts) {
        out.push({ text: part, encoding: 'url-credentials', whole: true });
        const decoded = HAS_PERCENT.test(part) ? percentDecode(part) : undefined;
        if (decoded !== undefined) out.push({ text: decoded, encoding: 'url-credentials', whole: true });
      }
    }
  }
  if (/basic/i.test(text)) {
    for (const m of text.matchAll(BASIC_AUTH)) {
      const decoded = base64Text(m[1] ?? '');
      if (decoded === undefined) continue;
      const colon = decoded.indexOf(':');
      out.push({ text: decoded, encoding: 'basic-auth', whole: false });
      if (colon >= 0) {
        out.push({ text: decoded.slice(0, colon), encoding: 'basic-auth', whole: true });
        out.push({ text: decoded.slice(colon + 1), encoding: 'basic-auth', whole: true });
      }
    }
  }
  const { runs, whole } = base64Runs(text);
  for (const run of runs) {
    const decoded = base64Readable(run, whole, text);
    if (decoded !== undefined) out.push({ text: decoded.text, encoding: decoded.encoding, whole: false });
  }
  if (lengths !== undefined && lengths.base32 >= MIN_BASE32_RUN) {
    for (const run of base32Runs(text)) {
      const decoded = readableBytes(base32Bytes(run));
      if (decoded !== undefined) out.push({ text: decoded.text, encoding: decoded.encoding === 'base64' ? 'base32' : decoded.encoding, whole: false });
    }
  }
  const hex32 = base32HexWhole(text);
  if (hex32 !== undefined) {
    const decoded = readableBytes(base32Bytes(hex32, BASE32HEX_ALPHABET));
    if (decoded !== undefined) out.push({ text: decoded.text, encoding: decoded.encoding === 'base64' ? 'base32hex' : decoded.encoding, whole: false });
  }
  if (text.length >= 10) {
    for (const { run, alphabets } of base85Runs(text)) {
      for (const alphabet of alphabets) {
        const bytes = decode85(run, alphabet);
        const decoded = bytes === undefined ? undefined : readableBytes(Buffer.from(bytes));
        if (decoded !== undefined) out.push({ text: decoded.text, encoding: decoded.encoding === 'base64' ? 'base85' : decoded.encoding, whole: false });
      }
    }
  }
  if (text.includes('=') && HAS_QP.test(text)) {
    const decoded = decodeBytes(text, QP, (m: string[]) => (m[1] !== undefined ? parseInt(m[1], 16) : -1));
    if (decoded !== undefined && decoded !== text) out.push({ text: decoded, encoding: 'quoted-printable', whole: false });
  }
  if (text.includes('&') && HAS_ENTITY.test(text)) {
    const decoded = text.replace(ENTITY, (m: string, dec?: string, hex?: string, name?: string) => {
      if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? m;
      const code = dec !== undefined ? parseInt(dec, 10) : parseInt(hex ?? '', 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    });
    if (decoded !== text) out.push({ text: decoded, encoding: 'html-entity', whole: false });
  }
  if (assemble) {
    for (const form of assembledForms(text)) out.push({ ...form, whole: false });
    for (const form of substitutedForms(text)) out.push({ ...form, whole: false });
  }
  return out;
}

/** The text with each escape replaced by its byte, read as UTF-8 (Latin-1 when that fails). */
function decodeBytes(text: string, pattern: RegExp, byteOf: (m: string[]) => number): string | undefined {
  const bytes: number[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    for (const b of Buffer.from(text.slice(last, m.index), 'utf8')) bytes.push(b);
    const byte = byteOf(m);
    if (byte >= 0) bytes.push(byte);
    last = m.index + m[0].length;
  }
  for (const b of Buffer.from(text.slice(last), 'utf8')) bytes.push(b);
  const buffer = Buffer.from(bytes);
  try {
    return utf8.decode(buffer);
  } catch {
    return buffer.toString('latin1');
  }
}

function unescapeOne(escape: string): string {
  switch (escape[0]) {
    case 'u':
      return String.fromCharCode(parseInt(escape.slice(1), 16));
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    default:
      return escape;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function percentDecode(text: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x25 && i + 2 < text.length + 0 && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (code < 0x80) {
      bytes.push(code);
    } else {
      for (const b of Buffer.from(text[i] ?? '', 'utf8')) bytes.push(b);
    }
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return text.replace(PERCENT, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}
