/**
 * Hex dumps as `xxd` (default: groups of two bytes, two blanks, the text
 * column) and `hexdump -C` write them, for the red-team corpus; the gate's
 * reader is src/policy/hex-dumps.ts (checked against the tools' own output
 * in decode-layers-6.test.ts).
 */
const shown = (b: number): string => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

export function xxdOf(data: Buffer): string {
  const lines: string[] = [];
  for (let at = 0; at < data.length; at += 16) {
    const row = data.subarray(at, at + 16);
    const groups: string[] = [];
    for (let g = 0; g < row.length; g += 2) groups.push(row.subarray(g, g + 2).toString('hex'));
    lines.push(`${at.toString(16).padStart(8, '0')}: ${groups.join(' ').padEnd(39, ' ')}  ${[...row].map(shown).join('')}`);
  }
  return `${lines.join('\n')}\n`;
}

export function hexdumpCOf(data: Buffer): string {
  const lines: string[] = [];
  for (let at = 0; at < data.length; at += 16) {
    const row = [...data.subarray(at, at + 16)].map((b) => b.toString(16).padStart(2, '0'));
    const hex = `${row.slice(0, 8).join(' ')}  ${row.slice(8).join(' ')}`.trimEnd();
    lines.push(`${at.toString(16).padStart(8, '0')}  ${hex.padEnd(48, ' ')}  |${[...data.subarray(at, at + 16)].map(shown).join('')}|`);
  }
  lines.push(data.length.toString(16).padStart(8, '0'));
  return `${lines.join('\n')}\n`;
}
