/**
 * The fast block-subset reader gives exactly what the full reader (the `yaml`
 * package, yaml-compose.ts) gives with the same scalar resolvers, or declines;
 * checked on every YAML file in the repository and on a table of edge cases.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBlockSubset } from '../../src/core/yaml-block-subset.js';
import { composeYamlFile } from '../../src/core/yaml-compose.js';
import { measure } from '../../src/core/render-budget.js';
import { resolvePlainV2, resolvePlainV3 } from '../../src/core/yaml-scalars.js';
import { holdsNonPrintable, parseYamlFile } from '../../src/core/yaml-read.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

const READERS = [
  { name: 'resources (yaml.v3 scalars)', resolve: resolvePlainV3 },
  { name: 'patches (YAML 1.1 scalars)', resolve: resolvePlainV2 },
];

/** The full reader's documents, or the error it throws. */
function reference(text: string, resolve: (text: string) => unknown): unknown[] | Error {
  try {
    return composeYamlFile('test.yaml', text, { resolve, foldedRoundTrip: false }).documents;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function expectAgreement(text: string): { fast: boolean } {
  let usedFast = false;
  for (const reader of READERS) {
    let fast: unknown[] | undefined;
    try {
      fast = parseBlockSubset(text, reader.resolve);
    } catch {
      // A value the reader refuses (`.inf`): the full reader with the same scalars refuses it too.
      expect(reference(text, reader.resolve)).toBeInstanceOf(Error);
      usedFast = true;
      continue;
    }
    if (fast === undefined) continue;
    usedFast = true;
    const expected = reference(text, reader.resolve);
    // THEN the full reader accepts it too, with the same documents
    expect(expected).not.toBeInstanceOf(Error);
    expect(fast).toEqual(expected);
    // AND the sizes counted while parsing are what the budget's walk counts
    const sizes = { nodes: [] as number[], depths: [] as number[] };
    parseBlockSubset(text, reader.resolve, undefined, sizes);
    const walked = fast.map((doc) => measure(doc, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY));
    expect(sizes).toEqual({ nodes: walked.map((m) => m.nodes), depths: walked.map((m) => m.depth) });
  }
  return { fast: usedFast };
}

const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: repoRoot, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f !== '');

describe('fast block-subset YAML reader', () => {
  it.each(files)('agrees with the full reader on %s', (file) => {
    const text = readFileSync(path.join(repoRoot, file), 'utf8');
    // Refusal fixtures holding a NUL or another control character never reach either reader.
    if (holdsNonPrintable(text)) expect(() => parseYamlFile(file, text, { flavor: 'resource' })).toThrow(/control character/);
    else expectAgreement(text);
  });

  it('reads most repository manifests itself', () => {
    const fast = files.filter((f) => f.startsWith('base/') || f.startsWith('components/'));
    const used = fast.filter((f) => parseBlockSubset(readFileSync(path.join(repoRoot, f), 'utf8'), resolvePlainV3) !== undefined);
    expect(used.length / fast.length).toBeGreaterThan(0.8);
  });

  const cases: ReadonlyArray<readonly [string, string]> = [
    ['nested mappings and sequences', 'a:\n  b:\n  - c: 1\n    d: [x, "y", {z: 2}]\n  - - 1\n    - 2\ne: {}\nf: []\n'],
    ['indentless sequence', 'args:\n- --flag\n- "quoted: value"\n- \'it\'\'s\'\n'],
    ['comments everywhere', '# head\na: 1 # trailing\n# between\nb:\n  # inside\n  c: d\n'],
    ['literal block scalars', 'a: |\n  line 1\n\n  line 3\nb: |-\n  no newline\nc: |+\n  keep\n\n\nd: x\n'],
    ['literal with more-indented lines and blank lines', 's: |\n    four\n      six\n\n    four\n'],
    ['empty literal', 'a: |\nb: 1\n'],
    ['documents', '---\na: 1\n---\n# only a comment\n---\nb: 2\n'],
    ['leading implicit document', 'a: 1\n---\nb: 2\n---\n'],
    ['scalars of every kind', 'a: yes\nb: on\nc: 010\nd: 0x1F\ne: 1_000\nf: 1.5\ng: ~\nh: null\ni: 2020-01-01\nj: "2020-01-01"\nk: 12345678901234567890\nl: .5\nm: -1\n'],
    ['quoted keys and odd plain values', '"quoted key": 1\n\'single\': 2\nurl: http://x:80/a#b\nweird: a:b\nhash: a#b\n'],
    ['double-quoted escapes', 'a: "tab\\there \\u00e9 \\x41 \\\\ \\" \\N"\n'],
    ['empty values', 'a:\nb:\n  c:\nd: ""\n'],
    ['unicode', 'name: "日本語"\nplain: café ☕\n'],
    ['sequence of mappings with nested blocks', 'items:\n  - name: a\n    env:\n      - name: X\n        value: "1"\n  - name: b\n'],
    ['flow with spaces and trailing comma', 'a: [ 1, 2, ]\nb: { k: v, }\n'],
    ['key with colon inside', 'a:b: c\n'],
    ['words, paths and the plain scalars a resolver reads', 'a: /etc/st2\nb: /\nc: st2-api.v1\nd: _x\ne: yes\nf: on\ng: Null\nh: -1\ni: --flag=x\nj: x y\n'],
    ['keys a resolver reads', '.dockerconfigjson: x\n1: a\ntrue: b\n"q": c\n'],
    ['short lines (more lines than the first guess)', `a:\n${'- 1\n'.repeat(2000)}`],
    ['sequence items of every kind', 'a:\n- b\n-\n- - c\n  - d\n- e: f\n  g: h\n- /p\n- -2\n'],
  ];
  it.each(cases)('agrees with the full reader: %s', (_name, text) => {
    const { fast } = expectAgreement(text);
    expect(fast).toBe(true);
  });

  const declined: ReadonlyArray<readonly [string, string]> = [
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['merge keys', 'base: &b {a: 1}\nc:\n  <<: *b\n'],
    ['tags', 'a: !!str 1\n'],
    ['multi-line plain scalar', 'a: one\n  two\n'],
    ['multi-line quoted scalar', 'a: "one\n  two"\n'],
    ['folded scalar', 'a: >\n  folded\n  text\n'],
    ['tabs', 'a:\t1\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['bad indentation', 'a: 1\n  b: 2\n'],
    ['explicit indentation indicator', 'a: |2\n    text\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['top-level scalar', 'just text\n'],
    ['directive', '%YAML 1.2\n---\na: 1\n'],
    ['word continued on a deeper line', 'a: word\n  more\n'],
    ['sequence item continued on a deeper line', '- word\n  more\n'],
    ['document end marker', 'a: 1\n...\n'],
    // yaml.v3 refuses \/ and surrogates and accepts \': the full path (with its escape pass) decides.
    ['an escaped slash', 'a: "x \\/ y"\n'],
    ['an escaped apostrophe', 'a: "it\\\'s"\n'],
    ['an escaped surrogate', 'a: "\\ud800"\n'],
    ['a code point past U+10FFFF', 'a: "\\U00110000"\n'],
  ];
  it.each(declined)('declines %s, leaving it to the full reader', (_name, text) => {
    expect(parseBlockSubset(text, resolvePlainV3)).toBeUndefined();
  });
});
