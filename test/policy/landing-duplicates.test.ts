/**
 * Two objects landing as one (src/policy/landing-duplicates.ts): a resource
 * without metadata.namespace lands in the destination namespace, where the
 * render may already hold its kind and name. kustomize keeps both; the gate
 * refuses the render as bad input, naming both places, before judging it.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RenderError } from '../../src/core/errors.js';
import { createNodeFileReader, type FileReader } from '../../src/io/file-system.js';
import { checkRender, createPolicyEngine, readPolicyBundle, type LocalPolicyEngine } from '../../src/policy/index.js';
import { renderOverlay } from '../../src/render/index.js';
import { copyRepo, writeRepoFile } from './support.js';

const NOW = new Date();
const CONFIG_MAP = (extra: string): string => ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: st2-urls', ...(extra ? [extra] : []), 'data: {a: b}', ''].join('\n');
const KUSTOMIZATION = ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', '  - ../prod', '  - extra.yaml', ''].join('\n');

describe('objects that land as one', () => {
  let root: string;
  let fs: FileReader;
  let engine: LocalPolicyEngine;
  beforeAll(async () => {
    root = copyRepo();
    writeRepoFile(root, 'overlays/twice/kustomization.yaml', KUSTOMIZATION);
    writeRepoFile(root, 'overlays/twice/extra.yaml', CONFIG_MAP(''));
    writeRepoFile(root, 'overlays/apart/kustomization.yaml', KUSTOMIZATION);
    writeRepoFile(root, 'overlays/apart/extra.yaml', CONFIG_MAP('  namespace: st2-tools'));
    fs = createNodeFileReader(root);
    engine = await createPolicyEngine(readPolicyBundle(fs));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const judge = (overlay: string, namespace?: string): unknown => {
    const render = renderOverlay(fs, overlay);
    try {
      return checkRender(engine, fs, render.resources, { environment: render.environment, namespace, now: NOW });
    } catch (error) {
      return error;
    }
  };

  it('GIVEN prod plus a namespace-less ConfigMap of a name prod has THEN bad input naming both places', () => {
    const error = judge('overlays/twice');
    expect(error).toBeInstanceOf(RenderError);
    expect(error).toMatchObject({ code: 'duplicate-object', position: { file: 'overlays/twice/extra.yaml', line: 4 } });
    expect((error as Error).message).toMatch(/ConfigMap st2-prod\/st2-urls is rendered twice \(also at base\/st2-config\.yaml:\d+\): a resource without metadata\.namespace lands in st2-prod/);
  });

  it('GIVEN the same ConfigMap in a namespace of its own THEN it is judged, not refused', () => {
    expect(judge('overlays/apart')).toMatchObject({ profile: 'production' });
  });

  it('GIVEN an Argo CD destination other than prod’s namespace THEN the namespace-less one lands there and nothing clashes', () => {
    expect(judge('overlays/twice', 'st2-tools')).toMatchObject({ profile: 'production' });
  });
});
