/**
 * st2 API keys by their form. st2's generate_api_key (st2common/util/auth.py)
 * base64-encodes the hex SHA-256 digest of 256 random bytes and strips the
 * padding: 86 characters of the standard alphabet whose decoding is 64
 * lower-case hex digits (the alternative characters it passes to b64encode
 * never appear: no 6-bit group of hex digits is 62 or 63). Shorter hex
 * digests encoded the same way (MD5, a UUID's hex) are found too: a base64
 * run whose every decoded byte is a hex digit is a token, never a checksum
 * (checksums are written as hex, or as base64 of the raw digest, which
 * decodes to arbitrary bytes).
 */

/** A 32-digit hex string takes 43 base64 characters without padding. */
const MIN_RUN = 43;
const MIN_HEX = 32;

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

/** Whether a base64 run decodes to hex digits only, as many as an st2 key's or a shorter digest's. */
function decodesToHex(run: string): boolean {
  // Every 4-character group of base64 of hex digits starts with M, N, O, Y or Z (the top 6 bits of 0x30-0x39, 0x61-0x66).
  for (let i = 0; i < run.length; i += 4) if (!'MNOYZ'.includes(run.charAt(i))) return false;
  const bytes = Buffer.from(run, 'base64');
  if (bytes.length < MIN_HEX) return false;
  for (const b of bytes) if (!isHexDigit(b)) return false;
  return true;
}

/** The cheap test first: a group start of base64-of-hex followed by a key's length of the alphabet. */
const MAY_HOLD = /[MNOYZ][A-Za-z0-9+/]{42}/;

/** Runs of the standard alphabet as long as a key's, not inside a longer word of base64 characters. */
const RUN = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43,172}(?![A-Za-z0-9+/])/g;

/** Whether the text holds an st2 API key (or a hex digest base64-encoded the same way) as a word of its own. */
export function hasSt2ApiKey(text: string): boolean {
  if (text.length < MIN_RUN || !MAY_HOLD.test(text)) return false;
  for (const m of text.matchAll(RUN)) if (decodesToHex(m[0])) return true;
  return false;
}
