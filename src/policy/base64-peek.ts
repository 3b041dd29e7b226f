/**
 * Most base64-looking runs of a render are names and words that decode to
 * binary. Decoding each whole with Buffer (a call into C++ and two
 * allocations) only to find a control byte was a large share of the string
 * search; the first bytes usually show it. surelyUnreadable answers from the
 * first 8 characters (6 bytes) whether base64-layers.ts's readableBytes
 * must refuse what the whole run decodes to.
 */

const VALUES = (() => {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  // Node reads both alphabets: standard (+/) and URL (-_).
  table[0x2b] = 62;
  table[0x2d] = 62;
  table[0x2f] = 63;
  table[0x5f] = 63;
  return table;
})();

/** A byte readableBytes's plain-text test refuses (control characters but tab and line ends, DEL). */
function isControl(b: number): boolean {
  return b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f;
}

/**
 * True when the bytes hold a sequence that is not UTF-8 (Unicode's table of
 * well-formed byte sequences): Buffer's UTF-8 decoding then gives U+FFFD,
 * which readableBytes refuses. A sequence cut off by the end of the bytes is
 * no proof (the rest of the run may complete it).
 */
function illFormedUtf8(bytes: readonly number[]): boolean {
  let need = 0;
  let lo = 0x80;
  let hi = 0xbf;
  for (const b of bytes) {
    if (need > 0) {
      if (b < lo || b > hi) return true;
      need--;
      lo = 0x80;
      hi = 0xbf;
    } else if (b < 0x80) {
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
    } else if (b === 0xe0) {
      need = 2;
      lo = 0xa0;
    } else if (b === 0xed) {
      need = 2;
      hi = 0x9f;
    } else if (b >= 0xe1 && b <= 0xef) {
      need = 2;
    } else if (b === 0xf0) {
      need = 3;
      lo = 0x90;
    } else if (b === 0xf4) {
      need = 3;
      hi = 0x8f;
    } else if (b >= 0xf1 && b <= 0xf3) {
      need = 3;
    } else {
      return true; // a continuation byte without a lead, C0, C1, F5-FF
    }
  }
  return false;
}

/**
 * True when the bytes of `body` (a base64 run without its `=` padding, of
 * the alphabet [A-Za-z0-9+/_-], as Buffer.from(body, 'base64') decodes it)
 * are certainly no readable text: a control byte or bytes that are not
 * UTF-8 among the first 6, and none
 * of the signatures readableBytes reads past one (gzip, zlib, zstd, xz, LZ4, UTF-16 in
 * either byte order), and too short for a tar archive. False when unsure.
 */
export function surelyUnreadable(body: string): boolean {
  // A tar archive (512 bytes or more, 684 characters) starts with a name and NUL bytes.
  if (body.length >= 684) return false;
  const chars = Math.min(body.length, 8);
  const bytes: number[] = [];
  let value = 0;
  let bits = 0;
  for (let i = 0; i < chars; i++) {
    const code = body.charCodeAt(i);
    const v = code < 128 ? (VALUES[code] ?? -1) : -1;
    if (v < 0) return false; // not the alphabet this reads: let Buffer decide
    value = ((value << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
    }
  }
  if (!bytes.some(isControl) && !illFormedUtf8(bytes)) return false;
  const [b0, b1, b2, b3, b4, b5] = bytes;
  // Signatures read before the plain-text test (each needs 8 bytes or more: only a longer run can have one).
  if (body.length > 8) {
    if (b0 === 0x1f || b0 === 0x78) return false;
    if (b0 === 0x28 && b1 === 0xb5 && b2 === 0x2f && b3 === 0xfd) return false; // zstd
    if (b0 === 0xfd && b1 === 0x37 && b2 === 0x7a && b3 === 0x58) return false; // xz
    if (b0 === 0x5d && b1 === 0 && b2 === 0) return false; // .lzma with its default properties
    if (b0 === 0x04 && b1 === 0x22 && b2 === 0x4d && b3 === 0x18) return false; // LZ4 frame
    if (b0 === 0x02 && b1 === 0x21 && b2 === 0x4c && b3 === 0x18) return false; // LZ4 legacy (lz4 -l)
    if (b0 !== undefined && b0 >> 4 === 5 && b1 === 0x2a && b2 === 0x4d && b3 === 0x18) return false; // a skippable frame (LZ4, zstd)
    if (b1 === 0 && b3 === 0 && b5 === 0) return false;
    if (b0 === 0 && b2 === 0 && b4 === 0) return false;
  }
  return true;
}
