/**
 * The YAML writer's rules one by one: key order, quoting, folding, literal
 * blocks, long keys, escapes and collections. Expected texts are what the
 * writer printed before it was restructured for speed (the differential
 * suite in test/render compares whole streams with kubectl's).
 */
import { describe, expect, it } from 'vitest';
import { emitYamlStream } from '../../src/core/yaml-emit.js';

const cases: ReadonlyArray<readonly [string, unknown, string]> = [
  [
    'sorts keys in natural order',
    { b: 1, a10: 1, a9: 1, A: 1, '-x': 1, 'a.b': 1, a: 1, Ä: 1 },
    '-x: 1\nA: 1\na: 1\na.b: 1\na9: 1\na10: 1\nb: 1\nÄ: 1\n',
  ],
  [
    'quotes strings YAML 1.1 would read as other types',
    { a: '0x1F', b: '1e3', c: '.inf', d: 'yes', e: 'null', f: '~', g: '', h: '012', i: '1:30', j: '2001-12-14' },
    'a: "0x1F"\nb: "1e3"\nc: ".inf"\nd: "yes"\ne: "null"\nf: "~"\ng: ""\nh: "012"\ni: "1:30"\nj: "2001-12-14"\n',
  ],
  [
    'single-quotes indicators and spaces at either end',
    { a: '- x', b: 'a: b', c: 'a #b', d: ' lead', e: 'trail ', f: "it's", g: '@x', h: '...' },
    "a: '- x'\nb: 'a: b'\nc: 'a #b'\nd: ' lead'\ne: 'trail '\nf: it's\ng: '@x'\nh: '...'\n",
  ],
  [
    'folds plain and double-quoted strings past column 80',
    {
      plain: 'word '.repeat(30).trim(),
      double: `\t${'x'.repeat(70)}  two  spaces  and  more  words  to  pass  the  width ${'y'.repeat(10)}`,
    },
    `double: "\\t${'x'.repeat(70)}\n  \\ two  spaces  and  more  words  to  pass  the  width ${'y'.repeat(10)}"\n` +
      `plain: ${'word '.repeat(15).trim()}\n  ${'word '.repeat(15).trim()}\n`,
  ],
  [
    'keeps a single-quoted string whole when its text before doubling quotes fits',
    { k: `@${"it's ".repeat(15).trim()}`, l: `@${"it's ".repeat(16).trim()}` },
    `k: '@${"it''s ".repeat(15).trim()}'\nl: '@${"it''s ".repeat(13).trim()}\n  ${"it''s ".repeat(3).trim()}'\n`,
  ],
  [
    'writes literal blocks with their chomping and indentation indicators',
    { keep: 'a\n\n', strip: 'a\nb', clip: 'a\nb\n', indented: ' a\nb\n', next: 'x' },
    'clip: |\n  a\n  b\nindented: |2\n   a\n  b\nkeep: |+\n  a\n\nnext: x\nstrip: |-\n  a\n  b\n',
  ],
  [
    'writes a key over 128 bytes in the explicit form',
    { ['k'.repeat(130)]: { a: 1, b: [1] } },
    `? ${'k'.repeat(130)}\n: a: 1\n  b:\n  - 1\n`,
  ],
  ['escapes characters beyond the BMP', { e: 'a😀b', '😀': 'x' }, '"\\U0001F600": x\ne: "a\\U0001F600b"\n'],
  [
    'prints empty and nested collections',
    { a: {}, b: [], c: [[1, 2], [], [{ x: 1, y: [] }]], d: [{ n: 'a' }, { n: 'b', m: { o: null } }] },
    'a: {}\nb: []\nc:\n- - 1\n  - 2\n- []\n- - x: 1\n    "y": []\nd:\n- "n": a\n- m:\n    o: null\n  "n": b\n',
  ],
];

describe('YAML writer', () => {
  it.each(cases)('%s', (_name, document, expected) => {
    // GIVEN one document WHEN it is written THEN the text is goyaml.v2's
    expect(emitYamlStream([document])).toBe(expected);
  });

  it('keeps apart key sets whose keys hold NUL', () => {
    // GIVEN two maps whose keys, joined with NUL, would read the same
    const documents = [{ 'a\u0000b': 1, c: 2 }, { a: 1, 'b\u0000c': 2 }];
    // WHEN both are written in one stream
    const text = emitYamlStream(documents);
    // THEN each keeps its own keys
    expect(text).toBe('"a\\0b": 1\nc: 2\n---\na: 1\n"b\\0c": 2\n');
  });
});
