/**
 * Keyless forms of a published default that literal-transforms.ts adds to
 * its needles: each is undone by a program with no key an author chose, so a
 * text holding one holds the default (docs/trust-model.md draws the line):
 *
 * - ROT47 (`tr '!-~' 'P-~!-O'`) and Atbash (`tr 'A-Za-z' 'ZYX…Azyx…a'`):
 *   fixed substitutions, their own inverse, as ROT13 is;
 * - base58 (the Bitcoin alphabet, `base58 -d`, Python's base58) and base36
 *   (`int(s, 36)`, either case): the literal's bytes as one big-endian number;
 * - base64 reversed (`rev | base64 -d`): the characters a literal fixes in a
 *   base64 stream at each of its three alignments, reversed, so the literal
 *   is found inside a reversed longer text too.
 *
 * A Caesar shift or an XOR with a byte of the author's choosing is no such
 * form: it needs the key, which the text does not carry (obfuscation, out of
 * scope unless the render's own `tr` or `sed` applies it: substitutions.ts).
 */

/** ROT47 over the printable ASCII 0x21-0x7e: its own inverse. */
export function rot47(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(33 + ((c.charCodeAt(0) - 33 + 47) % 94)));
}

/** Atbash over ASCII letters (a↔z, A↔Z): its own inverse. */
export function atbash(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => {
    const code = c.charCodeAt(0);
    return String.fromCharCode(code >= 97 ? 219 - code : 155 - code);
  });
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** The UTF-8 bytes of a text as one big-endian number (`int.from_bytes(b, 'big')`). */
function bigOf(text: string): bigint {
  const hex = Buffer.from(text, 'utf8').toString('hex');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/** Base58 (Bitcoin alphabet), each leading zero byte a `1`, as the base58 tools write it. */
export function base58(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  let n = bigOf(text);
  let out = '';
  while (n > 0n) {
    out = (BASE58[Number(n % 58n)] ?? '') + out;
    n /= 58n;
  }
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  return '1'.repeat(zeros) + out;
}

/** Base36 of the bytes as one number, lower case (`numpy.base_repr` and friends write upper: both are needles). */
export function base36(text: string): string {
  return bigOf(text).toString(36);
}

/**
 * The base64 characters a text fixes wherever it starts in a stream (three
 * alignments: the characters that take bits from the bytes around it are
 * dropped), each reversed: what `rev` of the stream's base64 holds.
 */
export function reversedBase64Pieces(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const out: string[] = [];
  for (let align = 0; align < 3; align++) {
    const encoded = Buffer.concat([Buffer.alloc(align), bytes, Buffer.alloc(3)]).toString('base64');
    // Character i holds bits [6i, 6i + 6); the text's bits are [8 align, 8 (align + n)).
    const first = Math.ceil((8 * align) / 6);
    const end = Math.floor((8 * (align + bytes.length)) / 6);
    if (end > first) out.push([...encoded.slice(first, end)].reverse().join(''));
  }
  return out;
}
