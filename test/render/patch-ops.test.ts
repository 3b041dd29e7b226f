/**
 * JSON-patch operations and the edits they record, on small in-memory trees:
 * negative indices, appends, moves, values copied per target, and ids that
 * patches or the namespace make collide.
 */
import { describe, expect, it } from 'vitest';
import { RenderError } from '../../src/core/errors.js';
import { createMemoryFileReader } from '../../src/io/file-system.js';
import { renderOverlay, type RenderResult } from '../../src/render/index.js';
import { thrownBy } from '../support/thrown.js';

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
  '        args: [x, y]',
  '      - name: b',
  '',
].join('\n');

function renderWithPatch(ops: string, extraResources = ''): RenderResult {
  const fs = createMemoryFileReader({
    'app/kustomization.yaml': `resources:\n- deploy.yaml\n${extraResources}patches:\n- path: fix.yaml\n  target:\n    kind: Deployment\n`,
    'app/deploy.yaml': DEPLOY,
    'app/fix.yaml': ops,
    'app/other.yaml': DEPLOY.replace('name: web', 'name: api'),
  });
  return renderOverlay(fs, 'app');
}

function pointersOf(result: RenderResult): string[] {
  return result.resources.flatMap((r) => r.edits.map((e) => `${e.by} ${e.pointer} :${e.line ?? '?'}`));
}

const renderError = (run: () => unknown): RenderError => thrownBy(RenderError, run);

describe('JSON-patch operations', () => {
  it('resolve negative indices against the resource and record the resolved pointer', () => {
    // GIVEN ops addressing list elements from the end, and appending with '-' and with -1 (one past the end for add)
    const result = renderWithPatch(
      [
        '- op: replace',
        '  path: /spec/template/spec/containers/0/args/-1',
        '  value: z',
        '- op: add',
        '  path: /spec/template/spec/containers/0/args/-',
        '  value: w',
        '- op: add',
        '  path: /spec/template/spec/containers/-1',
        '  value: {name: c}',
        '- op: remove',
        '  path: /spec/template/spec/containers/-3',
        '',
      ].join('\n'),
    );
    // THEN the list changes as json-patch v4 would change it
    const spec = result.resources[0]?.manifest['spec'] as { template: { spec: { containers: unknown[] } } };
    expect(spec.template.spec.containers).toEqual([{ name: 'b' }, { name: 'c' }]);
    // AND each edit names the element it changed, by its index at the time
    expect(pointersOf(result)).toEqual([
      'patch op replace /spec/template/spec/containers/0/args/1 :1',
      'patch op add /spec/template/spec/containers/0/args/2 :4',
      'patch op add /spec/template/spec/containers/2 :7',
      'patch op remove /spec/template/spec/containers/0 :10',
    ]);
  });

  it('record a move at its target and at its source', () => {
    // GIVEN a move of one container's args to the other container
    const result = renderWithPatch('- op: move\n  from: /spec/template/spec/containers/0/args\n  path: /spec/template/spec/containers/1/args\n');
    // THEN both places are recorded, target first
    expect(pointersOf(result)).toEqual([
      'patch op move /spec/template/spec/containers/1/args :1',
      'patch op move /spec/template/spec/containers/0/args :1',
    ]);
  });

  it('give every target its own copy of the value', () => {
    // GIVEN one patch adding the same mapping to two Deployments
    const result = renderWithPatch('- op: add\n  path: /spec/strategy\n  value: {type: Recreate}\n', '- other.yaml\n');
    const [first, second] = result.resources.map((r) => r.manifest['spec'] as { strategy: object });
    // THEN they are equal but not the same object, so later changes to one leave the other
    expect(first?.strategy).toEqual({ type: 'Recreate' });
    expect(second?.strategy).toEqual({ type: 'Recreate' });
    expect(first?.strategy).not.toBe(second?.strategy);
  });

  it('keep a __proto__ key of a value as a key', () => {
    // GIVEN a value with a key named __proto__
    const result = renderWithPatch('- op: add\n  path: /metadata/annotations\n  value: {"__proto__": "x", "a": "b"}\n');
    // THEN the copy has it as an own key, not as its prototype
    const annotations = (result.resources[0]?.manifest['metadata'] as { annotations: object }).annotations;
    expect(Object.keys(annotations)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(annotations)).toBe(Object.prototype);
  });

  it('fail on an index past the end, naming the op as written', () => {
    const error = renderError(() => renderWithPatch('- op: add\n  path: /spec/template/spec/containers/-4\n  value: {}\n'));
    expect(error.code).toBe('patch-op-failed');
    expect(error.message).toMatch(/patch op 1 \(add \/spec\/template\/spec\/containers\/-4\) failed on Deployment web: add: index in \/spec\/template\/spec\/containers\/-4 is out of bounds/);
  });
});

describe('ids that transformers make collide', () => {
  it('are refused after a patch renames a resource onto another', () => {
    const error = renderError(() => renderWithPatch('- op: replace\n  path: /metadata/name\n  value: same\n', '- other.yaml\n'));
    expect(error.code).toBe('duplicate-resource');
    expect(error.message).toMatch(/a patch makes Deployment same \(from app\/other\.yaml\) collide with the one from app\/deploy\.yaml/);
  });

  it('are refused after the namespace gives two resources the same one', () => {
    const fs = createMemoryFileReader({
      'app/kustomization.yaml': 'namespace: prod\nresources:\n- deploy.yaml\n- other.yaml\n',
      'app/deploy.yaml': DEPLOY,
      'app/other.yaml': `${DEPLOY.replace('  name: web', '  name: web\n  namespace: dev')}`,
    });
    const error = renderError(() => renderOverlay(fs, 'app'));
    expect(error.code).toBe('duplicate-resource');
    expect(error.message).toMatch(/namespace 'prod' makes Deployment prod\/web \(from app\/other\.yaml\) collide with the one from app\/deploy\.yaml/);
  });
});
