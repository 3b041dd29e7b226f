/**
 * Field lines for findings: the fast reader's positions agree with the full reader's
 * on every field of every manifest in the repository.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilePositions, YamlPositions } from '../../src/core/yaml-positions.js';
import { parseYamlFile } from '../../src/core/yaml-read.js';

/** The documents as the render reads them. */
const documentsOf = (text: string): unknown[] => parseYamlFile('x.yaml', text, { flavor: 'resource', reader: 'full' }).documents.map((d) => d.value);

const repoRoot = path.resolve(import.meta.dirname, '../..');
const files = execFileSync('git', ['ls-files', 'base', 'components', 'overlays'], { cwd: repoRoot, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f.endsWith('.yaml'));

/** Every path to every value of a document. */
function allPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...allPaths(item, [...prefix, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) out.push(...allPaths(child, [...prefix, key]));
  }
  return out;
}

describe('YAML positions', () => {
  it.each(files)('gives the same line for every field of %s either way', (file) => {
    // GIVEN a repository manifest read both ways
    const text = readFileSync(path.join(repoRoot, file), 'utf8');
    const fast = new YamlPositions(text);
    const reference = new YamlPositions(text, 'full');
    // THEN every field of every document is on the same line
    documentsOf(text).forEach((doc, index) => {
      for (const fieldPath of allPaths(doc)) {
        expect(fast.lineOf(index, fieldPath), `${file} doc ${index} ${fieldPath.join('.')}`).toBe(reference.lineOf(index, fieldPath));
      }
    });
  });

  it.each(files)('gives the same lines reading only the document, in %s', (file) => {
    // GIVEN a repository manifest, and each of its documents read alone
    const text = readFileSync(path.join(repoRoot, file), 'utf8');
    const whole = new YamlPositions(text, 'full');
    const alone = new FilePositions(text);
    documentsOf(text).forEach((doc, index) => {
      // THEN every field is on the line the whole-file reading gives
      for (const fieldPath of allPaths(doc)) {
        expect(alone.lineOf(index, fieldPath), `${file} doc ${index} ${fieldPath.join('.')}`).toBe(whole.lineOf(index, fieldPath));
      }
    });
  });

  it.each([
    ['a leading comment block', '# c\n---\na: 1\n---\nb:\n  c: 2\n', 2, ['b', 'c'], 6],
    ['no leading separator', 'a: 1\n---\nb: 2\n', 1, ['b'], 3],
    ['a leading separator', '---\na: 1\n---\n\nb: 2\n', 1, ['b'], 5],
    ['a separator with a comment', 'a: 1\n--- # two\nb:\n- x\n', 1, ['b', 0], 4],
    ['a tab (whole-file reading)', 'a: 1\n---\nb: "\t"\nc: 3\n', 1, ['c'], 4],
    ['a document end marker (whole-file reading)', 'a: 1\n...\n---\nb: 2\n', 1, ['b'], 4],
  ] as const)('finds document lines in a file with %s', (_name, text, index, fieldPath, line) => {
    // Document numbers are the render's, which reads these files with the same reader.
    expect(new FilePositions(text).lineOf(index, fieldPath)).toBe(line);
    expect(new YamlPositions(text).lineOf(index, fieldPath)).toBe(line);
  });

  it('points a missing field at its closest existing parent', () => {
    const positions = new YamlPositions('a:\n  b:\n    c: 1\n');
    expect(positions.lineOf(0, ['a', 'b', 'missing'])).toBe(2);
    expect(positions.lineOf(0, ['a', 'b', 'c'])).toBe(3);
  });
});
