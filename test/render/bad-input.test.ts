/**
 * Bad-input suite: every way a kustomization tree can be wrong ends in a
 * RenderError with a stable code, a message that says what is wrong, and the
 * file (and line, where the renderer knows it) to fix. Nothing here may hang,
 * crash with a non-RenderError, or read outside the repository.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RenderError } from '../../src/core/errors.js';
import { MAX_FILE_BYTES } from '../../src/core/yaml-read.js';
import { createMemoryFileReader, createNodeFileReader, type FileReader } from '../../src/io/file-system.js';
import { renderOverlay } from '../../src/render/index.js';

interface BadInputCase {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  readonly overlay: string;
  readonly code: string;
  readonly message: RegExp;
  /** Expected `position.file`; null when the error has no position (nothing in the repo to point at). */
  readonly file: string | null;
  /** Expected `position.line`, where the renderer knows it. */
  readonly line?: number;
  /** Expected `position.column`, where the renderer knows it. */
  readonly column?: number;
}

/** Runs the render and returns the RenderError it must throw. */
function renderError(fs: FileReader, overlay: string): RenderError {
  let caught: unknown;
  try {
    renderOverlay(fs, overlay);
  } catch (error) {
    caught = error;
  }
  expect(caught, 'renderOverlay should have thrown').toBeInstanceOf(RenderError);
  return caught as RenderError;
}

function expectRenderError(error: RenderError, expected: Omit<BadInputCase, 'name' | 'files' | 'overlay'>): void {
  expect(error.code).toBe(expected.code);
  expect(error.message).toMatch(expected.message);
  if (expected.file === null) {
    expect(error.position).toBeUndefined();
    return;
  }
  expect(error.position?.file).toBe(expected.file);
  if (expected.line !== undefined) expect(error.position?.line).toBe(expected.line);
  if (expected.column !== undefined) expect(error.position?.column).toBe(expected.column);
  // The message leads with the position it carries.
  expect(error.message.startsWith(`${expected.file}:`)).toBe(true);
}

const DEPLOY = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  replicas: 1', ''].join('\n');
const SERVICE = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', ''].join('\n');
const KUSTOMIZE_ONE = 'resources:\n- deploy.yaml\n';

/** `app/` with a kustomization listing deploy.yaml and the given patches block. */
function withPatches(patchesBlock: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { 'app/kustomization.yaml': `${KUSTOMIZE_ONE}${patchesBlock}`, 'app/deploy.yaml': DEPLOY, ...extra };
}

/** `app/` with a kustomization listing deploy.yaml and then `resource` (the entry under test). */
function withResource(resource: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { 'app/kustomization.yaml': `${KUSTOMIZE_ONE}- ${resource}
`, 'app/deploy.yaml': DEPLOY, ...extra };
}

/** Billion laughs: 9 levels of 10 aliases each, ~10^9 nodes once expanded. */
function aliasBomb(): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: lol', 'data:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) {
    const prev = names[i - 1] as string;
    const name = names[i] as string;
    lines.push(`  ${name}: &${name} [${Array.from({ length: 10 }, () => `*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

const cases: readonly BadInputCase[] = [
  // ---- YAML ---------------------------------------------------------------
  {
    name: 'malformed YAML in a resource file',
    files: {
      'app/kustomization.yaml': KUSTOMIZE_ONE,
      'app/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n   labels: oops\n',
    },
    overlay: 'app',
    code: 'yaml-syntax',
    message: /invalid YAML: Nested mappings are not allowed in compact mappings/,
    file: 'app/deploy.yaml',
    line: 5,
    column: 10,
  },
  {
    name: 'a resource document that is a list',
    files: { 'app/kustomization.yaml': KUSTOMIZE_ONE, 'app/deploy.yaml': '- name: web\n- name: api\n' },
    overlay: 'app',
    code: 'resource-invalid',
    message: /document 1: document is not a mapping/,
    file: 'app/deploy.yaml',
    line: 1,
  },
  {
    name: 'a second resource document that is a list',
    files: { 'app/kustomization.yaml': KUSTOMIZE_ONE, 'app/deploy.yaml': `${DEPLOY}---\n- a\n- b\n` },
    overlay: 'app',
    code: 'resource-invalid',
    message: /document 2: document is not a mapping/,
    file: 'app/deploy.yaml',
    line: 8,
  },
  {
    name: 'a resource document that is a scalar',
    files: { 'app/kustomization.yaml': KUSTOMIZE_ONE, 'app/deploy.yaml': 'just some words\n' },
    overlay: 'app',
    code: 'resource-invalid',
    message: /document 1: document is not a mapping/,
    file: 'app/deploy.yaml',
  },
  {
    name: 'duplicate keys in a resource mapping',
    files: { 'app/kustomization.yaml': KUSTOMIZE_ONE, 'app/deploy.yaml': 'apiVersion: v1\nkind: Service\nkind: Deployment\nmetadata:\n  name: web\n' },
    overlay: 'app',
    code: 'yaml-syntax',
    message: /duplicated mapping key/,
    file: 'app/deploy.yaml',
    line: 3,
  },
  {
    name: 'malformed kustomization.yaml',
    files: { 'app/kustomization.yaml': 'resources: [deploy.yaml\nnamespace: x\n', 'app/deploy.yaml': DEPLOY },
    overlay: 'app',
    code: 'yaml-syntax',
    message: /invalid YAML/,
    file: 'app/kustomization.yaml',
  },
  {
    name: 'a YAML alias bomb (billion laughs)',
    files: { 'app/kustomization.yaml': 'resources:\n- bomb.yaml\n', 'app/bomb.yaml': aliasBomb() },
    overlay: 'app',
    code: 'budget-exceeded',
    message: /YAML expands to more nodes than the render may read .*over the maxYamlNodes budget of \d+/,
    file: 'app/bomb.yaml',
  },
  {
    name: 'a resource file above the size cap',
    files: { 'app/kustomization.yaml': KUSTOMIZE_ONE, 'app/deploy.yaml': `${DEPLOY}# ${'x'.repeat(MAX_FILE_BYTES)}\n` },
    overlay: 'app',
    code: 'budget-exceeded',
    message: new RegExp(`file is \\d+ bytes; split it: over the maxFileBytes budget of ${MAX_FILE_BYTES}`),
    file: 'app/deploy.yaml',
  },

  // ---- JSON patches -------------------------------------------------------
  {
    name: 'patch file: replace on a missing path',
    files: withPatches('patches:\n- path: fix.yaml\n  target:\n    kind: Deployment\n', {
      'app/fix.yaml': '- op: test\n  path: /kind\n  value: Deployment\n- op: replace\n  path: /spec/template/spec/nope\n  value: 1\n',
    }),
    overlay: 'app',
    code: 'patch-op-failed',
    message: /patch op 2 \(replace \/spec\/template\/spec\/nope\) failed on .*Deployment.*web.*: replace: path \/spec\/template\/spec\/nope does not exist/,
    file: 'app/fix.yaml',
    line: 4,
  },
  {
    name: 'patch file: remove on a missing path',
    files: withPatches('patches:\n- path: fix.yaml\n  target:\n    kind: Deployment\n', {
      'app/fix.yaml': '# drop the strategy\n- op: remove\n  path: /spec/strategy\n',
    }),
    overlay: 'app',
    code: 'patch-op-failed',
    message: /patch op 1 \(remove \/spec\/strategy\) failed .*remove: path \/spec\/strategy does not exist/,
    file: 'app/fix.yaml',
    line: 2,
  },
  {
    name: 'patch file: add whose parent is missing',
    files: withPatches('patches:\n- path: fix.yaml\n  target:\n    kind: Deployment\n', {
      'app/fix.yaml': '- op: add\n  path: /spec/template/metadata/labels\n  value: {a: b}\n',
    }),
    overlay: 'app',
    code: 'patch-op-failed',
    message: /patch op 1 \(add \/spec\/template\/metadata\/labels\) failed .*add: the parent of \/spec\/template\/metadata\/labels does not exist/,
    file: 'app/fix.yaml',
    line: 1,
  },
  {
    name: 'patch file: a failing test op',
    files: withPatches('patches:\n- path: fix.yaml\n  target:\n    kind: Deployment\n', {
      'app/fix.yaml': '- op: replace\n  path: /spec/replicas\n  value: 2\n- op: test\n  path: /spec/replicas\n  value: 5\n',
    }),
    overlay: 'app',
    code: 'patch-op-failed',
    message: /patch op 2 \(test \/spec\/replicas\) failed .*test: the value at \/spec\/replicas is not the expected one/,
    file: 'app/fix.yaml',
    line: 4,
  },
  {
    name: 'inline patch: replace on a missing path (line inside kustomization.yaml)',
    files: withPatches('patches:\n- target:\n    kind: Deployment\n  patch: |-\n    - op: test\n      path: /kind\n      value: Deployment\n    - op: replace\n      path: /spec/nope/deeper\n      value: 1\n'),
    overlay: 'app',
    code: 'patch-op-failed',
    message: /patch op 2 \(replace \/spec\/nope\/deeper\) failed .*replace: path \/spec\/nope\/deeper does not exist/,
    file: 'app/kustomization.yaml',
    line: 10,
  },
  {
    name: 'inline patch: add whose parent is missing',
    files: withPatches('patches:\n- patch: |\n    - op: add\n      path: /spec/a/b\n      value: 1\n  target:\n    kind: Deployment\n'),
    overlay: 'app',
    code: 'patch-op-failed',
    message: /patch op 1 \(add \/spec\/a\/b\) failed .*the parent of \/spec\/a\/b does not exist/,
    file: 'app/kustomization.yaml',
    line: 5,
  },
  {
    name: 'a strategic-merge patch with an unknown $patch directive',
    files: withPatches('patches:\n- path: smp.yaml\n  target:\n    kind: Deployment\n', {
      'app/smp.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  $patch: frobnicate\n  replicas: 3\n',
    }),
    overlay: 'app',
    code: 'smp-unknown-directive',
    message: /unknown patch strategy 'frobnicate'/,
    file: 'app/smp.yaml',
    line: 1,
  },
  {
    name: 'a JSON patch without target',
    files: withPatches('patches:\n- path: fix.yaml\n', { 'app/fix.yaml': '- op: replace\n  path: /spec/replicas\n  value: 2\n' }),
    overlay: 'app',
    code: 'patch-no-target',
    message: /patches\[0\]: a JSON patch needs a 'target'/,
    file: 'app/kustomization.yaml',
    line: 4,
  },
  {
    name: 'an empty patch file',
    files: withPatches('patches:\n- path: fix.yaml\n  target:\n    kind: Deployment\n', { 'app/fix.yaml': '# nothing yet\n\n' }),
    overlay: 'app',
    code: 'patch-empty',
    message: /patch is empty/,
    file: 'app/fix.yaml',
  },

  // ---- missing things -----------------------------------------------------
  {
    name: 'a missing resource file',
    files: withResource('service.yaml'),
    overlay: 'app',
    code: 'path-missing',
    message: /resource 'service\.yaml' does not exist \(looked for app\/service\.yaml\)/,
    file: 'app/kustomization.yaml',
    line: 3,
  },
  {
    name: 'a missing base directory',
    files: { 'overlays/prod/kustomization.yaml': 'resources:\n- ../../base\n' },
    overlay: 'overlays/prod',
    code: 'path-missing',
    message: /resource '\.\.\/\.\.\/base' does not exist \(looked for base\)/,
    file: 'overlays/prod/kustomization.yaml',
    line: 2,
  },
  {
    name: 'a base directory without a kustomization',
    files: { 'overlays/prod/kustomization.yaml': 'resources:\n- ../../base\n', 'base/deploy.yaml': DEPLOY },
    overlay: 'overlays/prod',
    code: 'kustomization-missing',
    message: /no kustomization\.yaml, kustomization\.yml or Kustomization in 'base'/,
    file: 'base',
  },
  {
    name: 'an unknown overlay directory',
    files: { 'overlays/prod/kustomization.yaml': KUSTOMIZE_ONE, 'overlays/prod/deploy.yaml': DEPLOY },
    overlay: 'overlays/staging',
    code: 'overlay-missing',
    message: /overlay 'overlays\/staging' does not exist/,
    file: 'overlays/staging',
  },

  // ---- restricted files ---------------------------------------------------
  {
    name: 'a resource file outside the kustomization directory',
    files: withResource('../x.yaml', { 'x.yaml': SERVICE }),
    overlay: 'app',
    code: 'load-restrictor',
    message: /resource '\.\.\/x\.yaml' is not in or below 'app'/,
    file: 'app/kustomization.yaml',
    line: 3,
  },
  {
    name: 'a patch file outside the kustomization directory',
    files: withPatches('patches:\n- path: ../shared/fix.yaml\n  target:\n    kind: Deployment\n', {
      'shared/fix.yaml': '- op: replace\n  path: /spec/replicas\n  value: 2\n',
    }),
    overlay: 'app',
    code: 'load-restrictor',
    message: /patch '\.\.\/shared\/fix\.yaml' is not in or below 'app'/,
    file: 'app/kustomization.yaml',
    line: 4,
  },
  {
    name: 'a resource path leaving the repository root',
    files: withResource('../../../etc/passwd'),
    overlay: 'app',
    code: 'path-escape',
    message: /resource '\.\.\/\.\.\/\.\.\/etc\/passwd' leaves the repository root/,
    file: 'app/kustomization.yaml',
    line: 3,
  },
  {
    name: 'an overlay path leaving the repository root',
    files: { 'app/kustomization.yaml': KUSTOMIZE_ONE, 'app/deploy.yaml': DEPLOY },
    overlay: '../../etc',
    code: 'path-escape',
    message: /^overlay '\.\.\/\.\.\/etc' leaves the repository root/,
    file: null,
  },
  {
    name: 'a remote https URL',
    files: withResource('https://github.com/org/repo/deploy?ref=v1'),
    overlay: 'app',
    code: 'remote-refused',
    message: /resource 'https:\/\/github\.com\/org\/repo\/deploy\?ref=v1' is a remote URL/,
    file: 'app/kustomization.yaml',
    line: 3,
  },
  {
    name: 'a remote go-getter style reference',
    files: withResource('github.com/org/repo//x?ref=v1'),
    overlay: 'app',
    code: 'remote-refused',
    message: /resource 'github\.com\/org\/repo\/\/x\?ref=v1' is a remote URL/,
    file: 'app/kustomization.yaml',
    line: 3,
  },

  // ---- duplicates ---------------------------------------------------------
  {
    name: 'the same group, kind, namespace and name in two files',
    files: withResource('again.yaml', { 'app/again.yaml': DEPLOY.replace('replicas: 1', 'replicas: 2') }),
    overlay: 'app',
    code: 'duplicate-resource',
    message: /Deployment.*web.* is defined twice: in app\/deploy\.yaml and in app\/again\.yaml/,
    file: 'app/again.yaml',
  },

  // ---- kustomization fields -----------------------------------------------
  {
    name: 'an unknown kustomization field',
    files: { 'app/kustomization.yaml': `${KUSTOMIZE_ONE}fooBar: 1\n`, 'app/deploy.yaml': DEPLOY },
    overlay: 'app',
    code: 'kustomization-invalid',
    message: /unknown field 'fooBar'; supported fields are .*resources/,
    file: 'app/kustomization.yaml',
    line: 3,
  },
  {
    name: 'patchesStrategicMerge with $setElementOrder, which kyaml lacks',
    files: {
      'app/kustomization.yaml': `${KUSTOMIZE_ONE}patchesStrategicMerge:\n- patch.yaml\n`,
      'app/deploy.yaml': DEPLOY,
      'app/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      $setElementOrder/containers:\n      - name: web\n',
    },
    overlay: 'app',
    code: 'smp-unsupported-directive',
    message: /'\$setElementOrder\/containers' is not supported/,
    file: 'app/patch.yaml',
    line: 8,
  },
  {
    name: 'unsupported field namePrefix',
    files: { 'app/kustomization.yaml': `namePrefix: prod-\n${KUSTOMIZE_ONE}`, 'app/deploy.yaml': DEPLOY },
    overlay: 'app',
    code: 'kustomization-invalid',
    message: /field 'namePrefix' is not supported by st2-gitops/,
    file: 'app/kustomization.yaml',
    line: 1,
  },
  {
    // kubectl prints alpha.config.kubernetes.io/transformations for each transformer run: not imitated.
    name: 'buildMetadata transformerAnnotations',
    files: { 'app/kustomization.yaml': `${KUSTOMIZE_ONE}buildMetadata:\n- originAnnotations\n- transformerAnnotations\n`, 'app/deploy.yaml': DEPLOY },
    overlay: 'app',
    code: 'kustomization-invalid',
    message: /buildMetadata value 'transformerAnnotations' is not supported/,
    file: 'app/kustomization.yaml',
    line: 5,
  },
  {
    // kubectl ignores an unknown value (it only turns origin tracking on): most likely a typo.
    name: 'buildMetadata with a value kustomize does not know',
    files: { 'app/kustomization.yaml': `${KUSTOMIZE_ONE}buildMetadata: [managedByLabels]\n`, 'app/deploy.yaml': DEPLOY },
    overlay: 'app',
    code: 'kustomization-invalid',
    message: /buildMetadata value 'managedByLabels' is not supported: kustomize knows originAnnotations, transformerAnnotations and managedByLabel/,
    file: 'app/kustomization.yaml',
    line: 3,
  },
  {
    // kubectl stamps the PatchTransformer's origin on a resource that lost its own: not imitated.
    name: 'buildMetadata with a JSON patch removing the origin annotation',
    files: {
      'app/kustomization.yaml': `${KUSTOMIZE_ONE}buildMetadata: [originAnnotations]\npatches:\n- target: {kind: Deployment}\n  patch: '[{"op": "replace", "path": "/metadata/annotations", "value": {}}]'\n`,
      'app/deploy.yaml': DEPLOY,
    },
    overlay: 'app',
    code: 'build-metadata-origin',
    message: /a patch removed the config.kubernetes.io\/origin annotation of Deployment web/,
    file: 'app/kustomization.yaml',
    line: 3,
  },
  {
    // gvkLessThan's Namespace special case makes a cycle with a GVK between the two: Go's pdqsort picks the order.
    name: 'sortOptions whose legacy order is a cycle',
    files: {
      'app/kustomization.yaml': 'resources:\n- r.yaml\nsortOptions:\n  order: legacy\n  legacySortOptions: {}\n',
      'app/r.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: example.com/v1\nkind: Namespace\nmetadata:\n  name: b\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    },
    overlay: 'app',
    code: 'sort-cycle',
    message: /the core Namespace, example.com v1 Namespace and ~G v1 ConfigMap share a rank/,
    file: 'app/kustomization.yaml',
    line: 3,
  },
  {
    name: 'buildMetadata origin path with a character whose quoting is not imitated',
    files: { 'app/kustomization.yaml': `resources:\n- "deploy 1.yaml"\nbuildMetadata: [originAnnotations]\n`, 'app/deploy 1.yaml': DEPLOY },
    overlay: 'app',
    code: 'build-metadata-path',
    message: /origin path 'deploy 1.yaml' is not one st2-gitops writes as kustomize does/,
    file: 'app/kustomization.yaml',
    line: 2,
  },
  {
    name: 'a generator setting kustomize\'s origin annotation with buildMetadata on',
    files: {
      'app/kustomization.yaml': `buildMetadata: [managedByLabel]\nconfigMapGenerator:\n- name: c\n  literals: [a=b]\n  options:\n    annotations:\n      config.kubernetes.io/origin: mine\n`,
    },
    overlay: 'app',
    code: 'build-metadata-origin',
    message: /configMapGenerator 'c': annotation config.kubernetes.io\/origin is kustomize's own/,
    file: 'app/kustomization.yaml',
    line: 3,
  },

  // ---- Components ---------------------------------------------------------
  {
    name: 'a Component listed under resources',
    files: withResource('../comp', {
      'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations:\n  a: b\n',
    }),
    overlay: 'app',
    code: 'component-as-resource',
    message: /'comp' is a Component; list it under components, not resources/,
    file: 'comp/kustomization.yaml',
  },
  {
    name: 'a Kustomization listed under components',
    files: {
      'app/kustomization.yaml': 'resources:\n- deploy.yaml\ncomponents:\n- ../base\n',
      'app/deploy.yaml': DEPLOY,
      'base/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\ncommonAnnotations:\n  a: b\n',
    },
    overlay: 'app',
    code: 'not-a-component',
    message: /'base' is listed under components but is a Kustomization; list it under resources/,
    file: 'base/kustomization.yaml',
  },

  // ---- replicas -----------------------------------------------------------
  {
    name: 'replicas naming nothing',
    files: { 'app/kustomization.yaml': `${KUSTOMIZE_ONE}replicas:\n- name: api\n  count: 3\n`, 'app/deploy.yaml': DEPLOY },
    overlay: 'app',
    code: 'replicas-no-match',
    message: /replicas: no Deployment, StatefulSet, ReplicaSet or ReplicationController is named 'api'/,
    file: 'app/kustomization.yaml',
    line: 4,
  },
];

describe('bad input ends in a RenderError naming the code, the problem and the place', () => {
  it.each(cases)('$name', ({ files, overlay, ...expected }) => {
    // GIVEN an in-memory tree with one thing wrong
    const fs = createMemoryFileReader(files);
    // WHEN we render the overlay
    const error = renderError(fs, overlay);
    // THEN it throws a RenderError with the code, the message and the position
    expectRenderError(error, expected);
  });
});

describe('a patch whose target matches nothing', () => {
  it('is not an error: the tree renders and a notice says the patch was skipped', () => {
    // GIVEN a patch targeting a StatefulSet in a tree holding only a Deployment
    const fs = createMemoryFileReader(
      withPatches('patches:\n- path: fix.yaml\n  target:\n    kind: StatefulSet\n', {
        'app/fix.yaml': '- op: replace\n  path: /spec/nope\n  value: 1\n',
      }),
    );
    // WHEN we render it
    const result = renderOverlay(fs, 'app');
    // THEN the Deployment comes out unchanged and the notice names the entry
    expect(result.resources.map((r) => r.manifest)).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1 } },
    ]);
    expect(result.notices).toHaveLength(1);
    expect(result.notices[0]).toMatch(/^app\/kustomization\.yaml:4: patches\[0\] target matches no resource; the patch was not applied$/);
  });
});

describe('symlinks that leave the repository', () => {
  const tempRoot = mkdtempSync(path.join(tmpdir(), 'st2-bad-input-'));
  const repo = path.join(tempRoot, 'repo');
  const outside = path.join(tempRoot, 'outside');
  mkdirSync(path.join(repo, 'app'), { recursive: true });
  mkdirSync(path.join(repo, 'linked-overlay'), { recursive: true });
  mkdirSync(path.join(outside, 'base'), { recursive: true });
  writeFileSync(path.join(outside, 'secret.yaml'), SERVICE);
  writeFileSync(path.join(outside, 'base', 'kustomization.yaml'), 'resources: []\n');
  writeFileSync(path.join(outside, 'kustomization.yaml'), 'resources: []\n');
  writeFileSync(path.join(repo, 'app', 'deploy.yaml'), DEPLOY);
  symlinkSync(path.join(outside, 'secret.yaml'), path.join(repo, 'app', 'service.yaml'));
  symlinkSync(path.join(outside, 'base'), path.join(repo, 'base'));
  symlinkSync(path.join(outside, 'kustomization.yaml'), path.join(repo, 'linked-overlay', 'kustomization.yaml'));
  symlinkSync(outside, path.join(repo, 'outside-overlay'));

  afterAll(() => rmSync(tempRoot, { recursive: true, force: true }));

  const symlinkCases: readonly BadInputCase[] = [
    {
      name: 'a resource file symlinked outside the repository',
      files: { 'app/kustomization.yaml': 'resources:\n- deploy.yaml\n- service.yaml\n' },
      overlay: 'app',
      code: 'path-escape',
      message: /resource 'service\.yaml' is a symlink that leaves the repository root/,
      file: 'app/kustomization.yaml',
      line: 3,
    },
    {
      name: 'a base directory symlinked outside the repository',
      files: { 'app/kustomization.yaml': 'resources:\n- deploy.yaml\n- ../base\n' },
      overlay: 'app',
      code: 'path-escape',
      message: /resource '\.\.\/base' is a symlink that leaves the repository root/,
      file: 'app/kustomization.yaml',
      line: 3,
    },
    {
      name: 'a kustomization.yaml symlinked outside the repository',
      files: {},
      overlay: 'linked-overlay',
      code: 'path-escape',
      message: /'linked-overlay\/kustomization\.yaml' is a symlink that leaves the repository root/,
      file: 'linked-overlay/kustomization.yaml',
    },
    {
      name: 'an overlay directory symlinked outside the repository',
      files: {},
      overlay: 'outside-overlay',
      code: 'path-escape',
      message: /overlay 'outside-overlay' is a symlink that leaves the repository root/,
      file: 'outside-overlay',
    },
  ];

  it.each(symlinkCases)('$name', ({ files, overlay, ...expected }) => {
    // GIVEN a real directory whose tree links to a file or directory outside it
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(repo, name), text);
    const fs = createNodeFileReader(repo);
    // WHEN we render the overlay
    const error = renderError(fs, overlay);
    // THEN the link is refused as a path escape, never followed
    expectRenderError(error, expected);
  });
});
