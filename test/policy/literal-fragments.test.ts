/**
 * A published key's fragments (compact literals) are looked for only in a
 * text with a run of fragment characters as long as the shortest fragment
 * (LiteralMatcher's one-scan guard): the same ids as looking for every
 * fragment in every compacted text. Fragments here are made up for the test.
 */
import { describe, expect, it } from 'vitest';
import { LiteralMatcher, type Literal } from '../../src/policy/literals.js';
import { prng } from './prng.js';

const FRAGMENTS = ['MIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgO', 'eoXDnJ+qK/9zVd8Ms5h3oY2r6TgWbLcFpQiN0aZe', 'x_y-Z0'];
const literals: Literal[] = FRAGMENTS.map((value, i) => ({ id: `frag${i}`, value, compact: true }));
const matcher = new LiteralMatcher(literals);

/** Every fragment the compacted text holds, in the literals' order: what match() found before the guard. */
const unguarded = (text: string): string[] => {
  const compact = text.replace(/\s+/g, '');
  return literals.filter((l) => compact.includes(l.value)).map((l) => l.id);
};

function randomTexts(count: number, seed: number): string[] {
  const next = prng(seed);
  const pieces = [...FRAGMENTS, ...FRAGMENTS.map((f) => f.slice(0, 20)), ...FRAGMENTS.map((f) => f.slice(20)), 'abcXYZ019+/', ' ', '\n', '\t', '.', '-', '_', '=', 'é', '/etc/st2/st2.conf'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    const n = Math.floor(next() * 8);
    for (let p = 0; p < n; p++) {
      const piece = pieces[Math.floor(next() * pieces.length)] ?? '';
      // A piece may be cut by blanks (a key wrapped over lines is still found, compacted).
      const cut = Math.floor(next() * (piece.length + 1));
      text += next() < 0.3 ? `${piece.slice(0, cut)}\n  ${piece.slice(cut)}` : piece;
    }
    out.push(text);
  }
  return out;
}

describe('key fragments: the run-length guard', () => {
  it('finds the same fragments as looking for each in every compacted text', () => {
    for (const text of randomTexts(20_000, 7)) expect(matcher.match(text, false), JSON.stringify(text)).toEqual(unguarded(text));
  });

  it.each([
    ['a fragment wrapped over lines', `key: ${FRAGMENTS[0]?.slice(0, 17)}\n    ${FRAGMENTS[0]?.slice(17)}`, ['frag0']],
    ['the shortest fragment alone', 'x_y-Z0', ['frag2']],
    ['a run one short of the shortest fragment', 'x_y-Z', []],
    ['a path with dots', '/opt/stackstorm/configs/st2.docker.conf', []],
  ])('%s', (_name, text, ids) => {
    expect(matcher.match(text, false)).toEqual(ids);
  });
});
