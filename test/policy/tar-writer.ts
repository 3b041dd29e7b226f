/**
 * A tar archive as `tar -c` writes it (ustar, or GNU's magic, or the old v7
 * header without one): a 512-byte header per member, the data padded to 512,
 * two zero blocks at the end. For the decode-layer tests and the red-team
 * corpus; the gate's reader is src/policy/tar-members.ts.
 */
export interface TarEntry {
  readonly name: string;
  readonly data?: string | Buffer;
  /** '0' regular file (default), '5' directory, 'x' pax header, 'L' GNU long name. */
  readonly type?: string;
}

export function tarOf(entries: readonly TarEntry[], format: 'ustar' | 'gnu' | 'v7' = 'ustar'): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : (e.data ?? Buffer.alloc(0));
    const h = Buffer.alloc(512);
    h.write(e.name, 0, 100, 'utf8');
    h.write('0000644\0', 100, 'latin1');
    h.write('0001750\0', 108, 'latin1');
    h.write('0001750\0', 116, 'latin1');
    h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
    h.write(`${(1765000000).toString(8).padStart(11, '0')}\0`, 136, 'latin1');
    h.write('        ', 148, 'latin1');
    h.write(e.type ?? '0', 156, 'latin1');
    if (format === 'ustar') h.write('ustar\x0000', 257, 'latin1');
    if (format === 'gnu') h.write('ustar  \0', 257, 'latin1');
    if (format !== 'v7') {
      h.write('stanley', 265, 'latin1');
      h.write('stanley', 297, 'latin1');
    }
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
