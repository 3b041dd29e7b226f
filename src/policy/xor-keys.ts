/**
 * Bytes XORed with a one-byte key that the same text names: a script
 * (`bytes(b ^ 0x5a for b in bytes.fromhex('…'))`, `c ^ 90`, Perl's `$_ ^ chr(0x5a)`
 * aside) that carries both the key and the hex or base64 it decodes. Then
 * the render itself undoes the XOR, so its output counts as the default
 * (docs/trust-model.md: a key the author chose but the text does not carry
 * stays out of scope; the search never tries keys of its own).
 *
 * Cheap: only a text with a `^` followed by a number is read, at most four
 * keys, and an output counts only when it is readable text.
 */
import type { DecodedForm } from './decode-layers.js';
import { readableBytes } from './readable-bytes.js';
import { base64Matches, hexRuns } from './text-runs.js';

/** `^ 0x5a`, `^90`: an XOR with a literal byte (not `^[` of a regex, not `^0` anchoring a digit run of 3+). */
const XOR_KEY = /\^[ \t]*(?:0[xX]([0-9A-Fa-f]{1,2})|([0-9]{1,3}))(?![0-9A-Za-z])/g;
const MAX_KEYS = 4;
/** The shortest default (8 bytes) in hex or base64. */
const MIN_RUN = 11;

export function xorKeys(text: string): number[] {
  if (!text.includes('^')) return [];
  const keys: number[] = [];
  for (const m of text.matchAll(XOR_KEY)) {
    const key = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
    if (key > 0 && key < 256 && !keys.includes(key)) keys.push(key);
    if (keys.length >= MAX_KEYS) break;
  }
  return keys;
}

/** The bytes of each hex and base64 run of a text XORed with each key it names (none when it names none). */
export function xoredRuns(text: string): Buffer[] {
  const keys = xorKeys(text);
  if (keys.length === 0) return [];
  const runs: Buffer[] = [];
  for (const run of hexRuns(text) ?? []) runs.push(Buffer.from(run, 'hex'));
  for (const run of base64Matches(text) ?? []) if (run.length >= MIN_RUN && !/^[0-9A-Fa-f]+$/.test(run)) runs.push(Buffer.from(run, 'base64'));
  const out: Buffer[] = [];
  for (const bytes of runs) {
    if (bytes.length < 8) continue;
    for (const key of keys) out.push(Buffer.from(bytes.map((b) => b ^ key)));
  }
  return out;
}

/** The readable texts xoredRuns gives, as decoded forms. */
export function xorForms(text: string): DecodedForm[] {
  const out: DecodedForm[] = [];
  for (const bytes of xoredRuns(text)) {
    const decoded = readableBytes(bytes);
    if (decoded !== undefined) out.push({ text: decoded.text, encoding: decoded.encoding === 'base64' ? 'xor' : decoded.encoding, whole: false });
  }
  return out;
}
