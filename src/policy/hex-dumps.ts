/**
 * Hex dumps as tools print them: `xxd` (`00000010: 6f72 6420 3d20 ...  ord = ...`),
 * `xxd -g1`, `hexdump -C` (`00000010  6f 72 64 20 ...  |ord = ...|`) and
 * `od -tx1` (octal offsets). Each line starts with its offset; its bytes
 * are the hex groups after it, up to the text column (`xxd`: two blanks;
 * `hexdump -C`: `|`). `xxd -r` turns such a dump back into the file, so the
 * dump of a config is the config; the text column alone shows only pieces
 * of 16 characters. Bytes without offsets separated by blanks alone are not
 * read (byte-lists.ts says why).
 */
import { stopShort } from './search-budget.js';

/** A line that starts with an offset (6-8 hex digits, then `:` and a blank, or one or two blanks) and a byte. */
export const HAS_HEX_DUMP = /^[ \t]*[0-9a-fA-F]{6,8}(?::[ \t]|[ \t]{1,2})[0-9a-fA-F]{2}/m;
const LINE = /^[ \t]*[0-9a-fA-F]{6,8}(:?)([ \t][^\r\n]*)$/gm;
/** Bytes read from one text: a dump larger than the decode budget is cut there. */
const MAX_BYTES = 256 * 1024;

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** The bytes of the text's dump lines, in order; undefined when under 8 bytes. */
export function hexDumpBytes(text: string): Uint8Array | undefined {
  const out: number[] = [];
  for (const m of text.matchAll(LINE)) {
    // xxd separates groups by one blank and its text column by two; hexdump -C and od use
    // one or two between bytes and `|` (or nothing) after them.
    const widest = m[1] === ':' ? 1 : 2;
    const rest = m[2] ?? '';
    let i = 0;
    for (;;) {
      let blanks = 0;
      while (rest.charCodeAt(i) === 0x20 || rest.charCodeAt(i) === 0x09) {
        i++;
        blanks++;
      }
      if (blanks === 0 || blanks > widest) break;
      let digits = 0;
      while (digits < 32 && isHex(rest.charCodeAt(i + digits))) digits++;
      const after = rest.charCodeAt(i + digits);
      if (digits === 0 || digits % 2 === 1 || !(Number.isNaN(after) || after === 0x20 || after === 0x09)) break;
      for (let d = 0; d < digits; d += 2) out.push(parseInt(rest.slice(i + d, i + d + 2), 16));
      i += digits;
      if (out.length >= MAX_BYTES) {
        stopShort('decode-budget');
        return Uint8Array.from(out);
      }
    }
  }
  return out.length >= 8 ? Uint8Array.from(out) : undefined;
}
