/**
 * uuencode as GNU uuencode writes it (a zero as a backtick), for the
 * red-team corpus and the decoder's tables; the gate's reader is
 * src/policy/uuencode.ts. With `header`, the `begin MODE NAME` and `end`
 * lines around the body; without, the body lines alone (binascii.b2a_uu).
 */
export function uuencodeOf(text: string, header: { mode: string; name: string } | undefined): string {
  const bytes = Buffer.from(text);
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 45) {
    const chunk = bytes.subarray(at, at + 45);
    let line = String.fromCharCode(32 + chunk.length);
    for (let i = 0; i < chunk.length; i += 3) {
      const v = ((chunk[i] ?? 0) << 16) | ((chunk[i + 1] ?? 0) << 8) | (chunk[i + 2] ?? 0);
      for (const shift of [18, 12, 6, 0]) {
        const c = (v >> shift) & 63;
        line += c === 0 ? '`' : String.fromCharCode(32 + c);
      }
    }
    lines.push(line);
  }
  return header === undefined ? lines.join('\n') : `begin ${header.mode} ${header.name}\n${lines.join('\n')}\n\`\nend\n`;
}
