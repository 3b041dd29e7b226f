/**
 * Where collections start, as patch ops and kustomization entries report it:
 * the fast reader's lines agree with the full reader's on every YAML file in the
 * repository (fixtures included), in both reading flavours.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlFile, type CollectionLines, type YamlFlavor } from '../../src/core/yaml-read.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: repoRoot, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f !== '');

/** [collection, line] for every mapping and sequence, depth first. */
function collectionLines(value: unknown, lines: CollectionLines, path = ''): Array<[string, number | undefined]> {
  if (value === null || typeof value !== 'object') return [];
  const children = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return [[path || '/', lines.get(value)], ...children.flatMap(([k, v]) => collectionLines(v, lines, `${path}/${k}`))];
}

function read(file: string, flavor: YamlFlavor, reader: 'auto' | 'full'): Array<[string, number | undefined]> | string {
  try {
    const parsed = parseYamlFile(file, readFileSync(path.join(repoRoot, file), 'utf8'), { flavor, trackLines: true, reader });
    return parsed.documents.flatMap((d) => collectionLines(d.value, parsed.lines, `#${d.index}`));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('collection start lines', () => {
  it('covers the repository', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files)('are the same either way in %s', (file) => {
    for (const flavor of ['resource', 'patch'] as const) {
      const fast = read(file, flavor, 'auto');
      const reference = read(file, flavor, 'full');
      if (typeof reference === 'string' || typeof fast === 'string') {
        expect(fast, `${file} (${flavor})`).toEqual(reference);
        continue;
      }
      // The full reader copies documents whose aliases share objects, and the copies
      // have no lines; the fast reader (which refuses aliases) never gets those.
      expect(fast.map(([at]) => at), `${file} (${flavor})`).toEqual(reference.map(([at]) => at));
      const located = reference.filter(([, line]) => line !== undefined);
      expect(fast.filter(([at]) => located.some(([r]) => r === at)), `${file} (${flavor})`).toEqual(located);
      if (located.length < reference.length) expect(readFileSync(path.join(repoRoot, file), 'utf8')).toMatch(/(?:^|[\s,[{])\*[^\s,[\]{}]/m);
    }
  });
});
