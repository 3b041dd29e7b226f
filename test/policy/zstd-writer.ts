/**
 * A Zstandard frame (RFC 8878) built by hand, for tests and the red-team
 * corpus (Node 20 compresses no zstd): a single-segment frame with its
 * content size, holding the data as raw blocks (what zstd writes for input
 * it cannot compress) or as one compressed block whose literals are stored
 * raw and which has no sequences. The gate decodes with fzstd
 * (src/policy/zstd-frames.ts); test/policy/decode-layers-6.test.ts also
 * checks frames written by the zstd CLI.
 */
const MAX_BLOCK = 128 * 1024;

function blockHeader(size: number, type: number, last: boolean): Buffer {
  const h = (size << 3) | (type << 1) | (last ? 1 : 0);
  return Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]);
}

export function zstdRawFrame(data: Buffer, blocks: 'raw' | 'literals' = 'raw'): Buffer {
  // Frame header: single segment (bit 5), content size in 4 bytes (code 2 in bits 6-7).
  const header = Buffer.alloc(9);
  header.writeUInt32LE(0xfd2fb528, 0);
  header[4] = (2 << 6) | (1 << 5);
  header.writeUInt32LE(data.length, 5);
  const parts: Buffer[] = [header];
  if (blocks === 'literals') {
    if (data.length > 4095) throw new Error('literals block: up to 4095 bytes here');
    // Raw_Literals_Block, Size_Format 01 (12-bit size in two bytes), then Number_of_Sequences 0.
    const literals = Buffer.from([(data.length & 0x0f) << 4 | (1 << 2), data.length >> 4]);
    const body = Buffer.concat([literals, data, Buffer.from([0])]);
    parts.push(blockHeader(body.length, 2, true), body);
  } else {
    for (let at = 0; at < data.length || at === 0; at += MAX_BLOCK) {
      const chunk = data.subarray(at, at + MAX_BLOCK);
      parts.push(blockHeader(chunk.length, 0, at + MAX_BLOCK >= data.length), chunk);
      if (data.length === 0) break;
    }
  }
  return Buffer.concat(parts);
}
