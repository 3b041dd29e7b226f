/**
 * Differential suite, refusal side: every case under
 * test/fixtures/kustomize-errors is refused by `kubectl kustomize` (its
 * message committed beside it as expected-error.txt, checked by
 * scripts/update-kustomize-expected.sh in CI), and we refuse it too as bad
 * input (exit 2) naming a file of the case.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RenderError } from '../../src/core/errors.js';
import { createNodeFileReader } from '../../src/io/file-system.js';
import { renderOverlay } from '../../src/render/index.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const errorsDir = path.join(repoRoot, 'test/fixtures/kustomize-errors');
const cases = readdirSync(errorsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('refuses what kubectl kustomize refuses', () => {
  const fs = createNodeFileReader(repoRoot);

  it.each(cases)('%s', (name) => {
    // GIVEN a tree kubectl refuses (its message is committed)
    const dir = `test/fixtures/kustomize-errors/${name}`;
    expect(existsSync(path.join(repoRoot, dir, 'expected-error.txt'))).toBe(true);
    // WHEN we render it THEN it is bad input naming a file of the case
    let caught: unknown;
    try {
      renderOverlay(fs, dir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RenderError);
    expect((caught as RenderError).position?.file.startsWith(dir)).toBe(true);
  });
});
