/**
 * Base85 in its three common alphabets: Ascii85 (Adobe's, `<~ ~>`, Python's
 * a85encode, with `z` for four zero bytes), RFC 1924 (Python's b85encode,
 * git's binary patches) and Z85 (ZeroMQ). Four bytes are five digits, most
 * significant first; a short last group is padded with the highest digit.
 * Only what would be read as base85 is decoded: `<~...~>`, the argument of an
 * `a85decode`/`b85decode`/`z85decode` call, or a whole value written in one
 * alphabet. Decoding stops at the first four bytes that are no text.
 */

export type Base85Alphabet = 'ascii85' | 'rfc1924' | 'z85';

const RFC1924 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';
const Z85 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#';

function table(alphabet: string): Int8Array {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
}
const TABLES: Record<Base85Alphabet, Int8Array> = {
  ascii85: (() => {
    const t = new Int8Array(128).fill(-1);
    for (let c = 33; c <= 117; c++) t[c] = c - 33;
    return t;
  })(),
  rfc1924: table(RFC1924),
  z85: table(Z85),
};

/** A byte no text has: a control character but tab and line ends, DEL, or one no UTF-8 holds. */
function noTextByte(b: number): boolean {
  return b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f || b === 0xc0 || b === 0xc1 || b >= 0xf5;
}

/**
 * The bytes `text` holds in the alphabet (blanks ignored; `z` for Ascii85's
 * four zero bytes); undefined when a character is outside the alphabet, a
 * group overflows 32 bits, one character is left over, or a group holds a
 * byte no text has (unless the first starts a gzip or zlib stream, which
 * readableBytes reads past): most values tried as a whole stop at the first group.
 */
export function decode85(text: string, alphabet: Base85Alphabet): Uint8Array | undefined {
  const t = TABLES[alphabet];
  const out: number[] = [];
  let value = 0;
  let digits = 0;
  let compressed = false;
  const flush = (n: number): boolean => {
    if (value > 0xffffffff) return false;
    for (let i = 0; i < n; i++) {
      const b = (value >>> (24 - 8 * i)) & 0xff;
      if (out.length === 0) compressed = b === 0x1f || b === 0x78;
      if (!compressed && noTextByte(b)) return false;
      out.push(b);
    }
    value = 0;
    digits = 0;
    return true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (alphabet === 'ascii85' && c === 0x7a && digits === 0) {
      if (!compressed) return undefined; // four zero bytes: no text
      out.push(0, 0, 0, 0);
      continue;
    }
    const v = c < 128 ? (t[c] ?? -1) : -1;
    if (v < 0) return undefined;
    value = value * 85 + v;
    if (++digits === 5 && !flush(4)) return undefined;
  }
  if (digits === 1) return undefined;
  if (digits > 1) {
    const n = digits - 1;
    while (digits < 5) {
      value = value * 85 + 84;
      digits++;
    }
    if (!flush(n)) return undefined;
  }
  return Uint8Array.from(out);
}

/** The shortest whole value base85Runs tries: 10 characters, 8 bytes (an 8-character default). */
export const MIN_BASE85_WHOLE = 10;

const DELIMITED = /<~([\s\S]*?)~>/g;
const DECODE_CALL = /\b([abz])85decode\(\s*b?(['"])([^'"\n]{5,}?)\2/g;
/**
 * A whole value worth trying: no blanks inside, 10 characters or more (8 bytes), one
 * character no base64 or word has, and both cases of letters, as encoder output nearly always
 * has (paths, host names and image references, most of a render's values without blanks, have
 * one case). One pass, stopping at the first blank: most texts of a render end it early.
 */
function wholeCandidate(text: string, start: number, end: number): boolean {
  if (end - start < MIN_BASE85_WHOLE) return false;
  let upper = false;
  let lower = false;
  let other = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c > 0x7e) return false;
    if (c >= 0x41 && c <= 0x5a) upper = true;
    else if (c >= 0x61 && c <= 0x7a) lower = true;
    else if (!((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x3d || c === 0x5f || c === 0x2d)) other = true;
  }
  return upper && lower && other;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

type Run = { readonly run: string; readonly alphabets: readonly Base85Alphabet[] };
const ALL: readonly Base85Alphabet[] = ['ascii85', 'rfc1924', 'z85'];
const NONE: readonly Run[] = [];
const ALPHABET_OF: Readonly<Record<string, Base85Alphabet>> = { a: 'ascii85', b: 'rfc1924', z: 'z85' };

/** The base85 runs of a text and the alphabets each may be in (nearly always none). */
export function base85Runs(text: string): readonly Run[] {
  let out: Run[] | undefined;
  if (text.includes('<~')) for (const m of text.matchAll(DELIMITED)) (out ??= []).push({ run: m[1] ?? '', alphabets: ['ascii85'] });
  if (text.includes('85decode(')) {
    for (const m of text.matchAll(DECODE_CALL)) (out ??= []).push({ run: m[3] ?? '', alphabets: [ALPHABET_OF[m[1] ?? ''] ?? 'ascii85'] });
  }
  if (out !== undefined) return out;
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return wholeCandidate(text, start, end) ? [{ run: text.slice(start, end), alphabets: ALL }] : NONE;
}
