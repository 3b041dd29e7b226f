/**
 * Every readable form a string may hide a secret in: the string itself and
 * what nested decoding gives (base64, wrapped or not, standard or URL
 * alphabet, and inside it gzip or UTF-16 text (PowerShell -EncodedCommand);
 * percent-encoding in either case; JSON string escapes; C/shell \xHH and
 * octal escapes; hex runs; the user-info of URLs; Basic-auth headers). Decoded texts never leave the
 * policy module: they are matched against known defaults and dropped.
 */
import { gunzipSync } from 'node:zlib';

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
  | 'rabbitmq-hash';

export interface DecodedForm {
  readonly text: string;
  /** The outermost decoding that produced it (`plain` for the string itself). */
  readonly encoding: Encoding;
  /** A whole credential (URL password, Basic-auth password): compared whole, never searched. */
  readonly whole: boolean;
}

/** Decoding stops after this many nested layers and this many forms per string. */
const MAX_DEPTH = 4;
const MAX_FORMS = 32;
/** Texts above this size are searched as they are but not decoded (budget). */
const MAX_DECODE_LENGTH = 256 * 1024;
/** Shorter base64 runs are left alone: the shortest default (8 characters) takes 11 in base64. */
const MIN_BASE64_RUN = 11;

const BASE64_RUN = /[A-Za-z0-9+/_-]{11,}={0,2}/g;
/** \xHH and three-digit octal escapes (printf, echo -e, YAML inside a string). */
const C_ESCAPE = /\\(?:x([0-9A-Fa-f]{2})|([0-7]{3}))/g;
const HAS_C_ESCAPE = /\\(?:x[0-9A-Fa-f]{2}|[0-7]{3})/;
/** Hex runs of 8 bytes or more (xxd -p, printf of a hex string). */
const HEX_RUN = /(?:[0-9A-Fa-f]{2}){8,}/g;
/** Base64 wrapped over several lines inside a longer text (a PEM-like block in a script or a config). */
const WRAPPED_RUN = /[A-Za-z0-9+/_-]{4,}(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/_-]{4,}={0,2})+/g;
const HAS_PERCENT = /%[0-9A-Fa-f]{2}/;
const PERCENT = /%([0-9A-Fa-f]{2})/g;
const URL_USERINFO = /[A-Za-z][A-Za-z0-9+.-]*:\/\/([^\s/?#@"'<>]+)@/g;
const BASIC_AUTH = /\bBasic\s+([A-Za-z0-9+/_-]+={0,2})/gi;
const JSON_ESCAPE = /\\(u[0-9A-Fa-f]{4}|[nrtbf"\\/])/g;

/** Quick test for the strings that need no decoding at all (most of a render). */
function mayBeEncoded(text: string): boolean {
  return text.length >= MIN_BASE64_RUN || text.includes('%') || text.includes('\\') || text.includes('@');
}

export function decodedForms(text: string): DecodedForm[] {
  const out: DecodedForm[] = [{ text, encoding: 'plain', whole: false }];
  if (!mayBeEncoded(text)) return out;
  const seen = new Set<string>([text]);
  let layer: string[] = [text];
  for (let depth = 0; depth < MAX_DEPTH && layer.length > 0 && out.length < MAX_FORMS; depth++) {
    const next: string[] = [];
    for (const current of layer) {
      if (current.length > MAX_DECODE_LENGTH) continue;
      for (const form of decodeOnce(current)) {
        if (out.length >= MAX_FORMS) break;
        const key = `${form.whole ? 'w' : 't'}${form.text}`;
        if (seen.has(key) || form.text === '') continue;
        seen.add(key);
        out.push(form);
        if (!form.whole) next.push(form.text);
      }
    }
    layer = next;
  }
  return out;
}

function decodeOnce(text: string): DecodedForm[] {
  const out: DecodedForm[] = [];
  if (text.includes('\\') && HAS_C_ESCAPE.test(text)) {
    const decoded = decodeBytes(text, C_ESCAPE, (m: string[]) => (m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2] ?? '0', 8)));
    if (decoded !== undefined && decoded !== text) out.push({ text: decoded, encoding: 'c-escape', whole: false });
  }
  if (text.length >= 16) {
    for (const run of text.match(HEX_RUN) ?? []) {
      const decoded = readableBytes(Buffer.from(run, 'hex'));
      if (decoded !== undefined) out.push({ text: decoded.text, encoding: 'hex', whole: false });
    }
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
  for (const run of base64Runs(text)) {
    const decoded = base64Readable(run);
    if (decoded !== undefined) out.push({ text: decoded.text, encoding: decoded.encoding, whole: false });
  }
  return out;
}

/** The text with each escape replaced by its byte, read as UTF-8 (Latin-1 when that fails). */
function decodeBytes(text: string, pattern: RegExp, byteOf: (m: string[]) => number): string | undefined {
  const bytes: number[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    for (const b of Buffer.from(text.slice(last, m.index), 'utf8')) bytes.push(b);
    bytes.push(byteOf(m));
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

/** The whole text when it is base64 with line wrapping, else each base64-looking run in it. */
function base64Runs(text: string): string[] {
  if (text.length < MIN_BASE64_RUN) return [];
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return [compact];
  const runs: string[] = [...(text.match(BASE64_RUN) ?? [])];
  if (text.includes('\n')) for (const block of text.match(WRAPPED_RUN) ?? []) runs.push(block.replace(/\s+/g, ''));
  return runs;
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

/** Decoded base64 when it is readable text (UTF-8 without control characters but tab and newlines). */
function base64Text(run: string): string | undefined {
  return base64Readable(run)?.text;
}

function base64Readable(run: string): { text: string; encoding: Encoding } | undefined {
  if (run.length < MIN_BASE64_RUN - 4) return undefined;
  const body = run.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length === 0) return undefined;
  return readableBytes(bytes);
}

/** Gunzipped output is capped like any decoded text: a gzip bomb stops at the budget. */
const MAX_GUNZIP = MAX_DECODE_LENGTH;

/**
 * Bytes as readable text: UTF-8 without control characters but tab and
 * newlines; a gzip stream's content; UTF-16LE text (PowerShell's
 * -EncodedCommand). Undefined for anything else.
 */
function readableBytes(bytes: Buffer): { text: string; encoding: Encoding } | undefined {
  if (bytes.length >= 18 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      const text = plainText(gunzipSync(bytes, { maxOutputLength: MAX_GUNZIP }));
      return text === undefined ? undefined : { text, encoding: 'gzip' };
    } catch {
      return undefined;
    }
  }
  if (bytes.length >= 8 && bytes.length % 2 === 0 && bytes[1] === 0 && bytes[3] === 0 && bytes[5] === 0 && bytes[0] !== 0) {
    const text = bytes.toString('utf16le');
    return /^[\t\n\r\x20-\x7e\u00a0-\uffef]*$/.test(text) ? { text, encoding: 'utf-16' } : undefined;
  }
  const text = plainText(bytes);
  return text === undefined ? undefined : { text, encoding: 'base64' };
}

function plainText(bytes: Buffer): string | undefined {
  // Most runs are words and paths that decode to binary: refuse those on the bytes, without
  // the exception a fatal UTF-8 decoder would throw (the costly part of scanning a render).
  for (const b of bytes) if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return undefined;
  const text = bytes.toString('utf8');
  return text.includes('\ufffd') ? undefined : text;
}
