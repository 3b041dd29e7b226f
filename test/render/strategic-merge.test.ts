/**
 * Strategic-merge patches on small in-memory trees: the edits they record
 * (findings point into the patch file), kyaml's list quirks, what we refuse
 * that kustomize would copy into the resource, and the generated schema
 * table being the one kyaml's embedded OpenAPI gives.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RenderError } from '../../src/core/errors.js';
import { createMemoryFileReader } from '../../src/io/file-system.js';
import { renderOverlay, type RenderResult } from '../../src/render/index.js';
import { elementSchema, fieldSchema, isAssociative, mergeKeys, schemaForType } from '../../src/render/smp-schema.js';
import { thrownBy } from '../support/thrown.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

const DEPLOY = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '      - name: a',
  '        image: a:1',
  '      - name: b',
  '        image: b:1',
  '',
].join('\n');

function render(kustomization: string, files: Record<string, string> = {}): RenderResult {
  const fs = createMemoryFileReader({ 'app/kustomization.yaml': kustomization, 'app/deploy.yaml': DEPLOY, ...files });
  return renderOverlay(fs, 'app');
}

const renderError = (run: () => unknown): RenderError => thrownBy(RenderError, run);

describe('strategic-merge patches', () => {
  it('records the patch file line of each field it sets, following merged list elements', () => {
    // GIVEN a patch file setting a field of container b and the replicas
    const patch = [
      'apiVersion: apps/v1', // 1
      'kind: Deployment', // 2
      'metadata:', // 3
      '  name: web', // 4
      'spec:', // 5
      '  replicas: 3', // 6
      '  template:', // 7
      '    spec:', // 8
      '      containers:', // 9
      '      - name: b', // 10
      '        securityContext:', // 11
      '          privileged: true', // 12
      '',
    ].join('\n');
    // WHEN it is applied
    const result = render('resources: [deploy.yaml]\npatches:\n- path: fix.yaml\n', { 'app/fix.yaml': patch });
    const edits = result.resources[0]?.edits.filter((e) => e.by === 'strategic-merge patch') ?? [];
    // THEN the edits point at the patch's lines, at container b's index in the merged list (prepended: index 0)
    const byPointer = new Map(edits.map((e) => [e.pointer, `${e.file}:${e.line}`]));
    expect(byPointer.get('/spec/replicas')).toBe('app/fix.yaml:6');
    expect(byPointer.get('/spec/template/spec/containers/0/securityContext/privileged')).toBe('app/fix.yaml:12');
    const manifest = result.resources[0]?.manifest as { spec: { template: { spec: { containers: Array<{ name: string }> } } } };
    expect(manifest.spec.template.spec.containers.map((c) => c.name)).toEqual(['b', 'a']);
  });

  it('records inline patch lines relative to the kustomization file', () => {
    // GIVEN an inline patch whose `replicas:` is on line 8 of the kustomization
    const kustomization = [
      'resources: [deploy.yaml]', // 1
      'patches:', // 2
      '- patch: |-', // 3
      '    apiVersion: apps/v1', // 4
      '    kind: Deployment', // 5
      '    metadata: {name: web}', // 6
      '    spec:', // 7
      '      replicas: 2', // 8
      '',
    ].join('\n');
    const result = render(kustomization);
    const edit = result.resources[0]?.edits.find((e) => e.pointer === '/spec/replicas');
    expect(edit).toMatchObject({ file: 'app/kustomization.yaml', line: 8, by: 'strategic-merge patch' });
  });

  it('warns that patchesStrategicMerge is deprecated, with kustomize words', () => {
    const result = render('resources: [deploy.yaml]\npatchesStrategicMerge:\n- |-\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: web}\n  spec: {replicas: 1}\n');
    expect(result.notices).toContain(
      "# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
    );
  });

  it.each([
    ['$setElementOrder/containers', '      $setElementOrder/containers:\n      - name: b\n'],
    ['$retainKeys', '      $retainKeys: [containers]\n'],
    ['$deleteFromPrimitiveList/args', '      $deleteFromPrimitiveList/args: [x]\n'],
  ])('refuses %s, which kyaml would copy into the resource', (field, body) => {
    const patch = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n${body}`;
    const error = renderError(() => render('resources: [deploy.yaml]\npatches:\n- path: fix.yaml\n', { 'app/fix.yaml': patch }));
    expect(error.message).toContain(`'${field}' is not supported`);
    expect(error.position).toMatchObject({ file: 'app/fix.yaml', line: 7 });
  });

  it('refuses a patch naming no resource, at the document line', () => {
    const error = renderError(() => render('resources: [deploy.yaml]\npatches:\n- path: fix.yaml\n', { 'app/fix.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: nothere}\n' }));
    expect(error.message).toContain('no resource matches strategic merge patch');
    expect(error.position).toMatchObject({ file: 'app/fix.yaml', line: 1 });
  });

  it('refuses options on a JSON patch', () => {
    const error = renderError(() =>
      render('resources: [deploy.yaml]\npatches:\n- target: {kind: Deployment}\n  options: {allowNameChange: true}\n  patch: \'[{"op": "add", "path": "/x", "value": 1}]\'\n'),
    );
    expect(error.message).toContain('options apply to strategic-merge patches only');
  });
});

describe('the strategic-merge schema table', () => {
  it('has kyaml merge keys for the lists the issue names', () => {
    const pod = fieldSchema(fieldSchema(fieldSchema(schemaForType('apps/v1', 'Deployment'), 'spec'), 'template'), 'spec');
    const containers = fieldSchema(pod, 'containers');
    expect(isAssociative(containers)).toBe(true);
    expect(mergeKeys(containers)).toEqual(['name']);
    expect(mergeKeys(fieldSchema(pod, 'volumes'))).toEqual(['name']);
    const container = elementSchema(containers);
    expect(mergeKeys(fieldSchema(container, 'env'))).toEqual(['name']);
    expect(mergeKeys(fieldSchema(container, 'ports'))).toEqual(['containerPort', 'protocol']);
    expect(mergeKeys(fieldSchema(container, 'volumeMounts'))).toEqual(['mountPath']);
    // args and tolerations have no strategy: replaced by the patch
    expect(isAssociative(fieldSchema(container, 'args'))).toBe(false);
    expect(isAssociative(fieldSchema(pod, 'tolerations'))).toBe(false);
    expect(schemaForType('example.com/v1', 'Widget')).toBeUndefined();
  });

  it('is what scripts/smp-schema/generate.sh writes from kyaml v0.18.1', () => {
    // Locally, no Go means skip; in CI (CI=true) its absence fails.
    const go = spawnSync('go', ['version'], { stdio: 'ignore' });
    if (go.status !== 0) {
      expect(process.env['CI'], 'Go is needed to check the generated schema table in CI').not.toBe('true');
      return;
    }
    expect(() => execFileSync('bash', ['scripts/smp-schema/generate.sh', '--check'], { cwd: repoRoot, stdio: 'pipe' })).not.toThrow();
  }, 300_000);
});
