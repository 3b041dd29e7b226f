/**
 * The regular files of a tar archive (POSIX ustar, GNU and old v7 tar: what
 * `tar -c` and Python's tarfile write), read from their 512-byte headers in
 * order, as an init container that untars a ConfigMap's binaryData would
 * unpack them. Only headers whose checksum holds are read, so random bytes
 * are no archive; sizes, member count and total output are capped.
 */

import { MAX_ARCHIVE_ENTRIES, stopShort } from './search-budget.js';

const BLOCK = 512;
/** Members read from one archive: a tar of thousands of files is no config bundle. */
const MAX_MEMBERS = MAX_ARCHIVE_ENTRIES;

/** True when the 512 bytes at `at` are a tar header whose checksum holds. */
function isHeader(bytes: Uint8Array, at: number): boolean {
  if (at + BLOCK > bytes.length || bytes[at] === 0) return false;
  const stored = octal(bytes, at + 148, 8);
  if (stored === undefined) return false;
  // The checksum sums the header's bytes with its own field read as eight spaces.
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (bytes[at + i] ?? 0);
  return sum === stored;
}

/** An octal number field (NUL- or space-terminated); undefined when it is none. */
function octal(bytes: Uint8Array, at: number, length: number): number | undefined {
  let value = 0;
  let digits = 0;
  for (let i = at; i < at + length; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0 || b === 0x20) {
      if (digits > 0) break;
      continue;
    }
    if (b < 0x30 || b > 0x37) return undefined;
    value = value * 8 + (b - 0x30);
    digits++;
  }
  return digits === 0 ? undefined : value;
}

/** True when the bytes start with a tar header (a cheap test before reading any member). */
export function looksLikeTar(bytes: Uint8Array): boolean {
  return bytes.length >= BLOCK && isHeader(bytes, 0);
}

/**
 * The contents of the archive's regular files (typeflag '0', NUL or '7'),
 * in order, each at most `maxTotal` bytes in all; other entries (directories,
 * links, pax and GNU long-name headers) are skipped by their size.
 */
export function tarMembers(bytes: Uint8Array, maxTotal: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let total = 0;
  let at = 0;
  for (let n = 0; n < MAX_MEMBERS && isHeader(bytes, at); n++) {
    const size = octal(bytes, at + 124, 12) ?? 0;
    const type = bytes[at + 156] ?? 0;
    const start = at + BLOCK;
    if (type === 0 || type === 0x30 || type === 0x37) {
      const body = bytes.subarray(start, Math.min(start + size, bytes.length, start + maxTotal - total));
      out.push(body);
      total += body.length;
      if (total >= maxTotal) {
        // Cut at the budget: what follows was not read (the search of this value stops short).
        if (body.length < Math.min(size, bytes.length - start) || isHeader(bytes, start + Math.ceil(size / BLOCK) * BLOCK)) stopShort('decode-budget');
        break;
      }
    }
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    if (n === MAX_MEMBERS - 1 && isHeader(bytes, at)) stopShort('decode-budget');
  }
  return out;
}
