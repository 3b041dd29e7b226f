/**
 * The final JSON hop (json-hop-strings.ts) also counts each resource's
 * printed-size estimate for the output budget, on the same walk: the count
 * must be exactly what the budget's own walk (estimateBytes) finds on the
 * resource the hop leaves, NEL folding and renamed keys included.
 */
import { describe, expect, it } from 'vitest';
import { estimateBytes } from '../../src/core/render-budget.js';
import { createNodeFileReader } from '../../src/io/file-system.js';
import { applyJsonHop } from '../../src/render/json-hop-strings.js';
import { renderOverlay } from '../../src/render/index.js';
import { createResource } from '../../src/render/resource.js';
import { repoRoot } from '../support/render.js';

function hopped(manifest: Record<string, unknown>): { readonly counted: number; readonly walked: number; readonly manifest: Record<string, unknown> } {
  const resource = createResource(manifest, 'x.yaml', 0, false);
  const counted = applyJsonHop(resource);
  return { counted, walked: estimateBytes(resource.manifest, Number.POSITIVE_INFINITY), manifest: resource.manifest };
}

describe('the JSON hop counts the printed-size estimate as it goes', () => {
  it.each(['dev', 'staging', 'prod'])('GIVEN overlays/%s rendered THEN the count is the budget walk’s', (env) => {
    const render = renderOverlay(createNodeFileReader(repoRoot), `overlays/${env}`);
    for (const { manifest } of render.resources) {
      const { counted, walked } = hopped(structuredClone(manifest));
      expect(counted).toBe(walked);
    }
  });

  it('GIVEN NEL in values and keys, scalars of every type, nested lists THEN the count is the walk’s on the folded resource', () => {
    const { counted, walked, manifest } = hopped({
      kind: 'ConfigMap',
      metadata: { name: 'x', annotations: { 'a\u0085b': 'c \u0085 d', n: '1' } },
      data: { list: ['x\u0085\u0085y', 1, null, true, [{ k: 'v\u0085' }], []], empty: {}, num: 3.5, nil: null, big: 12345678901234567890n },
    });
    expect(manifest['metadata']).toEqual({ name: 'x', annotations: { 'a b': 'c d', n: '1' } });
    expect(counted).toBe(walked);
  });

  it('GIVEN a key that folds onto another key THEN the count is the walk’s on what is left', () => {
    const { counted, walked, manifest } = hopped({ kind: 'ConfigMap', metadata: { name: 'x' }, data: { 'a b': 'first', 'a\u0085b': 'second, longer' } });
    expect(Object.keys(manifest['data'] as object)).toEqual(['a b']);
    expect(counted).toBe(walked);
  });

  it('refuses a control character goyaml.v2 refuses, naming the resource', () => {
    expect(() => hopped({ kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'del\u007f' } })).toThrow(/ConfigMap.*x.*control character/);
  });
});
