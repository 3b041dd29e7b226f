/**
 * collectSelectorEdits (ST2-REP-031): a workload's selector rewritten by a
 * kustomization outside the directory of the file it came from is a change
 * the API server refuses (spec.selector is immutable); the base's own
 * transformers and an overlay's own new workloads are not.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryFileReader } from '../../src/io/file-system.js';
import { collectSelectorEdits } from '../../src/policy/selector-edits.js';
import { renderOverlay } from '../../src/render/index.js';

const deployment = (name: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: nginx:1.27}]}\n`;

const base = { 'base/kustomization.yaml': 'resources: [api.yaml]\n', 'base/api.yaml': deployment('api') };

function edits(overlay: string, extra: Record<string, string> = {}): string[] {
  const fs = createMemoryFileReader({ ...base, 'o/kustomization.yaml': overlay, ...extra });
  const result = renderOverlay(fs, 'o');
  return collectSelectorEdits(result.resources).map((e) => `${String(result.resources[e.resource]?.manifest['kind'])}: ${e.by}`);
}

describe('selector edits from above the base', () => {
  it.each([
    ['commonLabels', 'resources: [../base]\ncommonLabels: {team: platform}\n', ['Deployment: commonLabels at o/kustomization.yaml']],
    ['labels with includeSelectors', 'resources: [../base]\nlabels:\n  - pairs: {team: platform}\n    includeSelectors: true\n', ['Deployment: labels at o/kustomization.yaml']],
    ['labels without includeSelectors', 'resources: [../base]\nlabels:\n  - pairs: {team: platform}\n    includeTemplates: true\n', []],
    ['an image change', 'resources: [../base]\nimages: [{name: nginx, newTag: "1.27.1"}]\n', []],
  ])('%s', (_name, overlay, expected) => {
    expect(edits(overlay).map((e) => e.replace(/:\d+$/, ''))).toEqual(expected);
  });

  it("does not count the base's own transformers or an overlay's own new workload", () => {
    const own = { 'base/kustomization.yaml': 'resources: [api.yaml]\ncommonLabels: {tier: web}\n' };
    expect(edits('resources: [../base]\n', own)).toEqual([]);
    expect(edits('resources: [../base, worker.yaml]\n', { 'o/worker.yaml': deployment('worker') })).toEqual([]);
    expect(edits('resources: [worker.yaml]\ncommonLabels: {team: platform}\n', { 'o/worker.yaml': deployment('worker') })).toEqual([]);
  });
});
