/**
 * Golden files of the repository's overlays. They change only on purpose
 * (`npx vitest run -u`, reviewed in the pull request); CI also checks that
 * `kubectl kustomize` prints the same bytes (see .ci/run).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitYamlStream } from '../../src/core/yaml-emit.js';
import { createNodeFileReader } from '../../src/io/file-system.js';
import { renderOverlay } from '../../src/render/index.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

describe('overlay golden files', () => {
  it.each(['dev', 'staging', 'prod'])('overlays/%s renders to its golden file in test/golden', async (env) => {
    // GIVEN the repository's overlay WHEN rendered THEN it matches its reviewed golden file
    const result = renderOverlay(createNodeFileReader(repoRoot), `overlays/${env}`);
    await expect(emitYamlStream(result.resources.map((r) => r.manifest))).toMatchFileSnapshot(`../golden/${env}.yaml`);
  });
});
