/**
 * The xz and .lzma reader (src/policy/xz.ts) against the real thing: Debian's
 * `xz` (xz-utils) compresses random texts with the presets, checks, block
 * sizes and literal/position settings a script could use, and the reader
 * must give every input back. Then the secret search through it: a stand-in
 * default xz-compressed in a base64 value is found; a bomb stops at the
 * budget; truncated and filtered streams are not read.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { looksLikeLzmaAlone, looksLikeXz, unlzma, unxz } from '../../src/policy/xz.js';
import { collectStringFacts } from '../../src/policy/string-facts.js';
import { searchWithin } from '../../src/policy/search-budget.js';
import { decodedForms } from '../../src/policy/decode-layers.js';
import { prng } from './prng.js';
import { NOW } from './support.js';

const xz = (input: Buffer | string, args: string[]): Buffer => execFileSync('xz', ['-c', ...args], { input, maxBuffer: 1 << 26 });
const read = (bytes: Buffer, max = 1 << 24): Buffer | undefined =>
  looksLikeXz(bytes) ? unxz(bytes, max) : looksLikeLzmaAlone(bytes) ? unlzma(bytes, max) : undefined;

const WORDS = ['st2', 'mongodb', '[database]\n', 'host = ', 'password', ' ', '\n', 'aaaaaaaa', '0123456789', '=='];

function randomText(random: () => number, length: number): Buffer {
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const part = random() < 0.3 ? String.fromCharCode(Math.floor(random() * 256)) : (WORDS[Math.floor(random() * WORDS.length)] ?? '');
    parts.push(part);
    size += part.length;
  }
  return Buffer.from(parts.join(''), 'latin1');
}

const SETTINGS: ReadonlyArray<readonly string[]> = [
  ['-0'],
  ['-6'],
  ['-9', '-e'],
  ['--check=none'],
  ['--check=sha256'],
  ['--block-size=4096'],
  ['--lzma2=preset=6,lc=0,lp=2,pb=0'],
  ['--lzma2=preset=1,lc=4,lp=0,pb=4'],
  ['--format=lzma'],
];

describe('the xz reader gives back what the real xz compressed', () => {
  it.each(SETTINGS.map((s) => [s.join(' '), s] as const))('xz %s', (_name, settings) => {
    const random = prng(settings.join('').length * 7919);
    for (let i = 0; i < 12; i++) {
      // Mostly short values (what a manifest holds), some long enough for several LZMA2 chunks.
      const input = randomText(random, i === 0 ? 0 : i % 4 === 0 ? 150_000 + Math.floor(random() * 100_000) : Math.floor(random() * 3000));
      expect(read(xz(input, [...settings]))?.equals(input)).toBe(true);
    }
  });

  it('reads an incompressible input (stored as uncompressed LZMA2 chunks)', () => {
    const input = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 2654435761) >>> 24));
    expect(read(xz(input, ['-9']))?.equals(input)).toBe(true);
  });
});

describe('the xz reader refuses what it should not read', () => {
  const text = 'x'.repeat(2000) + 'the end';
  it('stops a bomb at the budget and says the search stopped short', () => {
    const bomb = xz(Buffer.alloc(10_000_000), ['-9']);
    const { result, short } = searchWithin(() => read(bomb, 100_000));
    expect(result).toBeUndefined();
    expect(short).toBe('decode-budget');
  });
  it('does not read a truncated stream', () => {
    const whole = xz(text, []);
    expect(read(whole.subarray(0, 40))).toBeUndefined();
  });
  it('refuses a filter chain beside LZMA2 (x86 BCJ)', () => {
    expect(read(xz(text, ['--x86', '--lzma2']))).toBeUndefined();
  });
  it('never throws on random bytes after a real header, nor on a real stream with bytes changed', () => {
    const random = prng(2026);
    const real = xz('[database]\npassword = {{ .mongo_password }}\n'.repeat(30), []);
    const alone = xz('[database]\npassword = {{ .mongo_password }}\n'.repeat(30), ['--format=lzma']);
    const noise = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
    for (let n = 0; n < 600; n++) {
      const base = n % 2 === 0 ? real : alone;
      const damaged = Buffer.from(base);
      for (let k = 0; k < 1 + (n % 4); k++) damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
      for (const bytes of [damaged, Buffer.concat([base.subarray(0, n % 2 === 0 ? 24 : 14), noise(Math.floor(random() * 400))])]) {
        expect(() => read(bytes, 100_000)).not.toThrow();
        expect(() => decodedForms(bytes.toString('base64'))).not.toThrow();
      }
    }
  });
  it('is not fooled by the magic alone', () => {
    expect(read(Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0]), Buffer.alloc(40, 0xff)]))).toBeUndefined();
  });
});

describe('the secret search reads xz', () => {
  const SECRET = 'Tr0ub4dor&3xQ';
  const literals = [{ id: 'stand-in', value: SECRET }];
  const hits = (value: string): string[] =>
    collectStringFacts([{ kind: 'Secret', metadata: { name: 's' }, data: { 'mongo.xz': value } }], literals, NOW).literal_hits.map((h) => `${h.literal}/${h.encoding}`);

  it.each([
    ['xz', []],
    ['xz -9e, sha256', ['-9', '-e', '--check=sha256']],
    ['lzma', ['--format=lzma']],
  ] as const)('finds a default inside %s in base64', (_name, args) => {
    expect(hits(xz(`[database]\npassword = ${SECRET}\n`, [...args]).toString('base64'))).toContain('stand-in/xz');
  });
  it('finds nothing in an xz-compressed config without a default', () => {
    expect(hits(xz('[database]\npassword = {{ .mongo_password }}\n', []).toString('base64'))).toEqual([]);
  });
});
