/**
 * uuencoded text (`uuencode`/`uudecode`, Python's binascii.a2b_uu): a
 * `begin <mode> <name>` block, or lines in its shape without the header.
 * Each line is a length character (32 + n, n up to 45 bytes) and n bytes in
 * groups of three as four characters of 0x20-0x60 (a zero may be written as
 * a space or a backtick). A line is read only when its length fits the
 * length it announces (trailing padding may have been trimmed) and it has no
 * character outside that range, so prose (lower-case letters) and most
 * upper-case lines are never decoded; what decodes counts only when it is
 * readable text (decode-layers.ts).
 */

const MIN_BYTES = 8;
/**
 * A first line in uuencode's alphabet that announces 8 bytes or more ('(' is
 * 32 + 8): header-less lines are read only from a value that starts with one
 * (a line inside a script is in quotes, no uuencoded line), which one anchored
 * test tells.
 */
const STARTS_UU_LINE = /^[(-M][ -`]{11,}[ \t\r]*(?:\n|$)/;

export function mayBeUuencoded(text: string): boolean {
  return text.length >= 12 && (text.includes('begin ') || STARTS_UU_LINE.test(text));
}

/** One line's bytes, or undefined when the line is not uuencoded. */
function lineBytes(line: string): number[] | undefined {
  const body = line.replace(/[ \t\r]+$/, '');
  if (body.length < 2) return undefined;
  const n = (body.charCodeAt(0) - 32) & 63;
  const groups = Math.ceil(n / 3);
  const chars = body.length - 1;
  // Trailing blanks encode zero bits: a trimmed line may be up to three characters short.
  if (n === 0 || chars > groups * 4 + 1 || chars < groups * 4 - 3) return undefined;
  const bytes: number[] = [];
  for (let g = 0; g < groups; g++) {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const at = 1 + g * 4 + k;
      const c = at < body.length ? body.charCodeAt(at) : 32;
      if (c < 32 || c > 96) return undefined;
      v = (v << 6) | ((c - 32) & 63);
    }
    bytes.push((v >> 16) & 255, (v >> 8) & 255, v & 255);
  }
  return bytes.slice(0, n);
}

/**
 * The bytes of each uuencoded block: the lines after a `begin` header up to
 * `end`, and runs of header-less lines in the same shape, each run of 8 bytes
 * or more.
 */
export function uudecodedBlocks(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  let run: number[] = [];
  const flush = (): void => {
    if (run.length >= MIN_BYTES) out.push(Uint8Array.from(run));
    run = [];
  };
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (/^begin(?:-base64)? [0-7]{3,4}\b/.test(trimmed) || trimmed === 'end' || trimmed === '`') {
      flush();
      continue;
    }
    const bytes = lineBytes(line.replace(/^[ \t]+(?=[!-`])/, ''));
    if (bytes === undefined) flush();
    else for (const b of bytes) run.push(b);
  }
  flush();
  return out;
}
