import { describe, expect, it } from 'vitest';
import { base32Matches, base64Matches, BASE64_RUN, hexRuns, HEX_RUN, MIN_BASE32_RUN, MIN_HEX_RUN, runLengths, WRAPPED_RUN } from '../../src/policy/text-runs.js';
import { prng } from './prng.js';

// The patterns as first written (quadratic in a run's length): text-runs.ts must find exactly what they find.
const PLAIN = {
  base64: /[A-Za-z0-9+/_-]{11,}={0,2}/g,
  hex: /(?:[0-9A-Fa-f]{2}){8,}/g,
  wrapped: /[A-Za-z0-9+/_-]{4,}(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/_-]{4,}={0,2})+/g,
  base32: /[A-Z2-7]{13,}={0,6}|[a-z2-7]{13,}={0,6}/g,
};

/** Texts made of the characters at the patterns' edges: both cases, the shared digits, padding, blanks, line ends. */
function randomTexts(count: number, seed: number): string[] {
  const next = prng(seed);
  const alphabets = ['ABCXYZ234567', 'abcxyz234567', 'aB3=', 'Aa27=89+/_-', 'abcdef0123456789ABCDEF', 'Ab1+/=\n \t\r.-', 'ABab27=\n .', '0f0F9g='];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    const pieces = 1 + Math.floor(next() * 6);
    for (let p = 0; p < pieces; p++) {
      const alphabet = alphabets[Math.floor(next() * alphabets.length)] ?? '';
      const length = Math.floor(next() * 40);
      for (let c = 0; c < length; c++) text += alphabet[Math.floor(next() * alphabet.length)] ?? '';
    }
    out.push(text);
  }
  return out;
}

const EDGES = [
  '',
  'abcdefghijklm2ABCDEFGHIJKLMNOP',
  'ABCDEFGHIJKLM7abcdefghijklmnop',
  'ABCDEFGHIJKLM======7abcdefghijklmnop',
  'abcdefghijklm=======ABCDEFGHIJKLMN',
  'QUJDREVGR0hJSktM\n  TU5PUFFSU1RVVldY\nWVo=\nabc',
  'abcd\nefgh=ijkl\nmnop',
  '0123456789abcdef0',
  'xYz0123456789abcdef01',
];

describe('text-runs: linear-time run finders', () => {
  const texts = [...EDGES, ...randomTexts(20_000, 12)];
  it.each([
    ['base64', BASE64_RUN],
    ['hex', HEX_RUN],
    ['wrapped', WRAPPED_RUN],
  ] as const)('%s runs are those of the plain pattern', (name, pattern) => {
    for (const text of texts) expect(text.match(pattern), JSON.stringify(text)).toEqual(text.match(PLAIN[name]));
  });

  it('base32 runs are those of the plain pattern, also where a run starts right after the last one', () => {
    for (const text of texts) expect(base32Matches(text), JSON.stringify(text)).toEqual(text.match(PLAIN.base32));
  });

  it('hex and base64 runs found by one scan are those of the plain patterns', () => {
    for (const text of texts) {
      expect(hexRuns(text), JSON.stringify(text)).toEqual(text.match(PLAIN.hex));
      expect(base64Matches(text), JSON.stringify(text)).toEqual(text.match(PLAIN.base64));
    }
  });

  it('runLengths gives the longest runs, and below its minimums hexRuns and base32Matches find nothing', () => {
    const longest = (text: string, pattern: RegExp): number => Math.max(0, ...(text.match(pattern) ?? []).map((run) => run.length));
    for (const text of texts) {
      const lengths = runLengths(text);
      expect(lengths, JSON.stringify(text)).toEqual({ hex: longest(text, /[0-9A-Fa-f]+/g), base32: Math.max(longest(text, /[A-Z2-7]+/g), longest(text, /[a-z2-7]+/g)) });
      if (lengths.hex < MIN_HEX_RUN) expect(hexRuns(text), JSON.stringify(text)).toBeNull();
      if (lengths.base32 < MIN_BASE32_RUN) expect(base32Matches(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('reads long texts of runs just too short to match the same way', () => {
    const text = 'abcdefghijkl.ABCDEFGHIJKL 0123456789abcde\n'.repeat(2_000);
    expect(base32Matches(text)).toBeNull();
    for (const name of ['base64', 'hex', 'wrapped'] as const) expect(text.match({ base64: BASE64_RUN, hex: HEX_RUN, wrapped: WRAPPED_RUN }[name])).toEqual(text.match(PLAIN[name]));
  });
});
