/**
 * `buildMetadata` (origin annotations, the managed-by label) and `sortOptions`
 * change what kubectl prints, never what the gate decides: an overlay wrapped
 * in a kustomization that sets them gets the same findings as one that does
 * not, for every environment's overlay (findings name the resources, not
 * their place in the stream).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeFileReader, type EntryKind, type FileReader } from '../../src/io/file-system.js';
import { checkRender, createPolicyEngine, readPolicyBundle, type LocalPolicyEngine } from '../../src/policy/index.js';
import { renderOverlay } from '../../src/render/index.js';
import { NOW, repoRoot } from './support.js';

/** The repository plus one virtual directory `wrap/` holding the given kustomization. */
function wrapped(inner: FileReader, kustomization: string): FileReader {
  const file = 'wrap/kustomization.yaml';
  return {
    kind: (p): EntryKind => (p === 'wrap' ? 'directory' : p === file ? 'file' : p.startsWith('wrap/') ? 'missing' : inner.kind(p)),
    size: (p) => (p === file ? Buffer.byteLength(kustomization) : inner.size(p)),
    read: (p) => (p === file ? kustomization : inner.read(p)),
    readBytes: (p) => (p === file ? new TextEncoder().encode(kustomization) : inner.readBytes(p)),
    list: (p) => (p === 'wrap' ? ['kustomization.yaml'] : inner.list(p)),
  };
}

const OPTIONS = [
  ['origin annotations and the managed-by label', 'buildMetadata: [originAnnotations, managedByLabel]\n'],
  ['fifo order', 'sortOptions: {order: fifo}\n'],
  ['custom legacy lists', 'sortOptions: {order: legacy, legacySortOptions: {orderFirst: [Deployment], orderLast: [Secret]}}\n'],
] as const;

describe('the gate judges a render the same whatever its buildMetadata and sortOptions', () => {
  let engine: LocalPolicyEngine;
  const repo = createNodeFileReader(repoRoot);
  beforeAll(async () => {
    engine = await createPolicyEngine(readPolicyBundle(repo));
  });

  function judge(overlay: string, extra: string): unknown {
    const fs = wrapped(repo, `resources:\n- ../${overlay}\n${extra}`);
    const render = renderOverlay(fs, 'wrap');
    const report = checkRender(engine, fs, render.resources, { environment: render.environment, now: NOW });
    return { profile: report.profile, findings: [...report.findings].map((f) => JSON.stringify(f)).sort() };
  }

  it.each(['overlays/dev', 'overlays/staging', 'overlays/prod'].flatMap((overlay) => OPTIONS.map(([what, extra]) => [overlay, what, extra] as const)))(
    '%s with %s',
    (overlay, _what, extra) => {
      // GIVEN the overlay wrapped plainly and wrapped with the option WHEN both are judged THEN the findings are the same
      const options = judge(overlay, extra);
      expect(options).toEqual(judge(overlay, ''));
    },
  );

  it('really renders the origin annotations and the label it judges', () => {
    const render = renderOverlay(wrapped(repo, 'resources:\n- ../overlays/prod\nbuildMetadata: [originAnnotations, managedByLabel]\n'), 'wrap');
    const metadata = render.resources[0]?.manifest['metadata'] as { annotations?: Record<string, string>; labels?: Record<string, string> };
    expect(metadata.annotations?.['config.kubernetes.io/origin']).toMatch(/^path: \.\.\/overlays\/|^path: \.\.\/base\/|^(path|configuredIn): /);
    expect(metadata.labels?.['app.kubernetes.io/managed-by']).toBe('kustomize-(devel)');
  });
});
