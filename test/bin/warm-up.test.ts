/**
 * The startup snapshot's warm-up: it goes through every overlay of the
 * repository it is built in, and leaves nothing behind that a later render
 * could see.
 */
import { describe, expect, it } from 'vitest';
import { warmUp } from '../../src/bin/warm-up.js';
import { createNodeFileReader } from '../../src/io/file-system.js';
import { renderOverlay } from '../../src/render/index.js';
import { toYamlStream } from '../../src/pipeline.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/render.js';

describe('warm-up', () => {
  it('renders, prints and gates every overlay of the repository', () => {
    expect(warmUp(repoRoot)).toBe(3);
  });

  it('changes nothing a render after it prints', () => {
    warmUp(repoRoot);
    const render = renderOverlay(createNodeFileReader(repoRoot), 'overlays/prod');
    expect(toYamlStream(render.resources.map((r) => r.manifest))).toBe(readFileSync(path.join(repoRoot, 'test/golden/prod.yaml'), 'utf8'));
  });

  it('goes through nothing where there are no overlays', () => {
    expect(warmUp(path.join(repoRoot, 'base'))).toBe(0);
  });
});
