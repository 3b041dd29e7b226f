/**
 * The LZ4 reader (src/policy/lz4-frames.ts) against frames the real `lz4`
 * CLI (v1.9.4, Debian's lz4) wrote, kept below as vectors: the default frame
 * (independent blocks, content checksum), block checksums with a content
 * size and no content checksum, linked blocks (-BD) whose matches reach into
 * the previous block, the legacy format (-l), concatenated frames, a
 * skippable frame first, and an uncompressed block. When `lz4` is installed,
 * random texts also round-trip through it. Malformed, truncated and hostile
 * frames give no text, never throw, and a bomb stops at the output budget.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { looksLikeLz4, unlz4 } from '../../src/policy/lz4-frames.js';
import { searchWithin } from '../../src/policy/search-budget.js';
import { prng } from './prng.js';

const TEXT = 'st2 config line: password = fresh-Value-7781\n';
const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
const read = (bytes: Buffer, max = 1 << 22): string | undefined => unlz4(bytes, max)?.toString('latin1');

/** What the vectors below decompress to: `lz4 -q [options] -c` of TEXT. */
const VECTORS: ReadonlyArray<readonly [string, string, string]> = [
  ['default (-BI, content checksum)', 'BCJNGGRApy0AAIBzdDIgY29uZmlnIGxpbmU6IHBhc3N3b3JkID0gZnJlc2gtVmFsdWUtNzc4MQoAAAAApJj7FA==', TEXT],
  ['-BX --content-size --no-frame-crc', 'BCJNGHhALQAAAAAAAAA7LQAAgHN0MiBjb25maWcgbGluZTogcGFzc3dvcmQgPSBmcmVzaC1WYWx1ZS03NzgxCqSY+xQAAAAA', TEXT],
  ['legacy (-l)', 'AiFMGC8AAADwHnN0MiBjb25maWcgbGluZTogcGFzc3dvcmQgPSBmcmVzaC1WYWx1ZS03NzgxCg==', TEXT],
  [
    'two frames concatenated (lz4 -dc reads both)',
    'BCJNGGRApy0AAIBzdDIgY29uZmlnIGxpbmU6IHBhc3N3b3JkID0gZnJlc2gtVmFsdWUtNzc4MQoAAAAApJj7FAQiTRhkQKcQAACAaGVsbG8tZnJhbWUtdHdvCgAAAACEHdxB',
    `${TEXT}hello-frame-two\n`,
  ],
  // The nineteenth attacker's shape: FLG 0x40 (linked blocks), one uncompressed block (top bit set).
  ['an uncompressed block', Buffer.concat([Buffer.from([4, 0x22, 0x4d, 0x18, 0x40, 0x40, 0xc0, 9, 0, 0, 0x80]), Buffer.from('plain-one'), Buffer.alloc(4)]).toString('base64'), 'plain-one'],
  ['a skippable frame first', Buffer.concat([Buffer.from([0x5a, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3]), b64('BCJNGGRApy0AAIBzdDIgY29uZmlnIGxpbmU6IHBhc3N3b3JkID0gZnJlc2gtVmFsdWUtNzc4MQoAAAAApJj7FA==')]).toString('base64'), TEXT],
];

/** 140000 bytes, every 9973rd a digit: `lz4 -B4` cuts it into three 64 KiB blocks. */
function midText(): Buffer {
  let s = '';
  for (let i = 0; i < 140000; i++) s += i % 9973 === 0 ? String(i % 10) : ('pack line of words\n'[i % 19] ?? '');
  return Buffer.from(s);
}
const MID_SHA256 = '748986433796f361a58e5accf186b9dd64ef67390d5c172a76ccfbd65303ee1c';
/** `lz4 -q -BD -B4 -c` of midText(): linked blocks. */
const MID_LINKED_FULL =
  'BCJNGERAXkYBAAD/BTBhY2sgbGluZSBvZiB3b3JkcwpwEwD///////////////////////////////////////////////////QfM+Qm//////' +
  '/////////////////////////////////////////////2DchNHzbbTf//////////////////////////////////////////////////+Av3' +
  'Jh850nT///////////////////////////////////////////////////oJ9yYfMsmb//////////////////////////////////////////' +
  '/////////8B/cmHzXAwv///////////////////////////////////////////////////gX3Jh84t+n/////////////////////////////' +
  'P1BwYWNrIEkBAAAP+///////////////////////sB8xsxD/////////////////////rw9mIf////////////////////+wD7MQ//////+BHz' +
  'SRBf//////gg8iC///////gw+RBf///////////////////////////////////9sfN9Ub////////////////////////////////////3A+q' +
  'N///////////////GB8wIgv//////////////xkPRBb//////////////xoPIgv/////////////////////rhUz08IfbtPC//////////////' +
  '/////////////////////////////////////9FzbK6Q/3Jv///////////////////////////////////////////////////D85d2/3Jv//' +
  '////eVBsaW5lIDQAAAA/b2YgkQX///////////////////////////////////////////9xHzJmIf9iUGsgbGluAAAAAK4sLXQ=';
/** `lz4 -q -BI -B4 -BX --content-size -c` of midText(). */
const MID_INDEPENDENT_FULL =
  'BCJNGHxA4CICAAAAAAD/RgEAAP8FMGFjayBsaW5lIG9mIHdvcmRzCnATAP//////////////////////////////////////////////////9B' +
  '8z5Cb///////////////////////////////////////////////////YNyE0fNttN////////////////////////////////////////////' +
  '///////4C/cmHznSdP//////////////////////////////////////////////////+gn3Jh8yyZv///////////////////////////////' +
  '////////////////////wH9yYfNcDC///////////////////////////////////////////////////+BfcmHzi36f//////////////////' +
  '//////////8/UHBhY2sgV2xFeFgBAAD/BGxpbmUgb2Ygd29yZHMKcGFjayATAP////////////////////+dHzGzEP////////////////////' +
  '+vD1Mh/////////////////////50PoBD//////5QfNJc3/////////////////////54PRBb//////5QPpAX/////////////////////rh83' +
  'jl7/////////////////////oA/3Jv////////////////////////////9UHzCFhf////////////////////+iD/cm//////////////////' +
  '///////////1IfM3ys/////////////////////6QP9yb/////////////////////////////UB82c9P/////////////////////pg/3Jv//' +
  '//////////////////////////9OHzlq+v//////e1BsaW5lIOGGvH1FAAAA/wRvZiB3b3JkcwpwYWNrIGxpbmUgEwD///////////////////' +
  '////////////////////////9hHzJmIf9iUGsgbGluYL7EAAAAAACuLC10';

describe('the LZ4 reader gives back what the real lz4 compressed', () => {
  it.each(VECTORS)('%s', (_name, frame, text) => {
    expect(looksLikeLz4(b64(frame))).toBe(true);
    expect(read(b64(frame))).toBe(text);
  });

  it.each([
    ['linked blocks (-BD -B4)', midLinked()],
    ['independent blocks with block checksums and a content size (-BI -B4 -BX --content-size)', midIndependent()],
  ])('%s: three 64 KiB blocks', (_name, frame) => {
    const out = unlz4(frame, 1 << 20);
    expect(out === undefined ? '' : createHash('sha256').update(out).digest('hex')).toBe(MID_SHA256);
    expect(midText().length).toBe(140000);
  });

  const lz4 = ((): boolean => {
    try {
      execFileSync('lz4', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!lz4).each([['-1'], ['-9'], ['-BD'], ['-BX', '--content-size'], ['-l'], ['--no-frame-crc', '-B5']])('random texts round-trip through lz4 %s', (...options: string[]) => {
    const random = prng(options.join('').length * 131);
    for (let i = 0; i < 10; i++) {
      const words = ['st2', 'password = ', '\n', 'aaaaaaaa', String(Math.floor(random() * 1e6)), '[database]'];
      const parts: string[] = [];
      for (let n = Math.floor(random() * (i % 3 === 0 ? 30000 : 300)); n > 0; n--) parts.push(words[Math.floor(random() * words.length)] ?? '');
      const input = Buffer.from(parts.join(''));
      const frame = execFileSync('lz4', ['-q', '-c', ...options], { input, maxBuffer: 1 << 26 });
      expect(unlz4(frame, 1 << 24)?.equals(input)).toBe(true);
    }
  });
});

function midLinked(): Buffer {
  return Buffer.from(MID_LINKED_FULL, 'base64');
}
function midIndependent(): Buffer {
  return Buffer.from(MID_INDEPENDENT_FULL, 'base64');
}

describe('malformed and hostile frames give nothing and never throw', () => {
  const good = b64(VECTORS[0]?.[1] ?? '');
  const edit = (at: number, value: number): Buffer => {
    const copy = Buffer.from(good);
    copy[at] = value;
    return copy;
  };
  it.each([
    ['version 00', edit(4, 0x24)],
    ['a reserved FLG bit', edit(4, 0x66)],
    ['a reserved BD bit', edit(5, 0x41)],
    ['block size id 3', edit(5, 0x30)],
    ['a dictionary id the render does not carry', edit(4, 0x65)],
    ['truncated in the block', good.subarray(0, 30)],
    ['truncated before the EndMark', good.subarray(0, good.length - 6)],
    ['a block over its maximum size', Buffer.concat([Buffer.from([4, 0x22, 0x4d, 0x18, 0x40, 0x40, 0xc0]), Buffer.from([1, 0, 1, 0x80]), Buffer.alloc(65537, 0x61), Buffer.alloc(4)])],
    ['offset 0', frameOf([0x14, 0x61, 0, 0, 0x50, 0x61, 0x61, 0x61, 0x61, 0x61])],
    ['an offset before the output', frameOf([0x14, 0x61, 2, 0, 0x50, 0x61, 0x61, 0x61, 0x61, 0x61])],
    ['literals past the block', frameOf([0xf0, 0x40, 0x61])],
    ['only the magic', Buffer.from([4, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7])],
  ])('%s', (_name, bytes) => {
    expect(unlz4(bytes, 1 << 20)).toBeUndefined();
  });

  it('stops a bomb at the budget and says the search stopped short', () => {
    // One 4 MiB-max block: a literal, then a match of 19 + 255 * 16000 bytes at offset 1.
    const block = [0x1f, 0x61, 1, 0, ...Array<number>(16000).fill(255), 0, 0x50, 0x61, 0x61, 0x61, 0x61, 0x61];
    const { result, short } = searchWithin(() => unlz4(frameOf(block, 0x70), 100_000));
    expect(result).toBeUndefined();
    expect(short).toBe('decode-budget');
  });

  it('refuses a declared content size over the budget before decoding', () => {
    const header = [4, 0x22, 0x4d, 0x18, 0x48, 0x40, 0, 0, 0, 0x10, 0, 0, 0, 0, 0];
    const { result, short } = searchWithin(() => unlz4(Buffer.from([...header, 0, 0, 0, 0]), 100_000));
    expect(result).toBeUndefined();
    expect(short).toBe('decode-budget');
  });

  it('survives thousands of random edits of real frames, in bounded time', () => {
    const random = prng(19);
    const frames = [good, b64(VECTORS[2]?.[1] ?? ''), midLinked()];
    const started = Date.now();
    for (let i = 0; i < 3000; i++) {
      const copy = Buffer.from(frames[i % frames.length] ?? good);
      for (let n = 1 + Math.floor(random() * 4); n > 0; n--) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      const out = unlz4(copy.subarray(0, Math.max(7, Math.floor(copy.length * (0.5 + random())))), 1 << 18);
      if (out !== undefined) expect(out.length).toBeLessThanOrEqual(1 << 18);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

/** A frame holding one compressed block (BD 0x40: 64 KiB; 0x70: 4 MiB), no checksums. */
function frameOf(block: number[], bd = 0x40): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(block.length);
  return Buffer.concat([Buffer.from([4, 0x22, 0x4d, 0x18, 0x40, bd, 0]), size, Buffer.from(block), Buffer.alloc(4)]);
}
