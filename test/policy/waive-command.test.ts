/**
 * `st2-gitops waive RULE KIND/NAME --reason --expires`: writes a waiver patch
 * into the overlay's kustomization with the yaml Document API (comments and
 * layout survive: the old text is a prefix-preserving subset of the new), and
 * refuses what the gate would refuse.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/bin/dispatch.js';
import { cli, copyRepo, findingLines, NOW, writeRepoFile } from './support.js';

let root: string;
const overlay = 'overlays/prod-latest';
const file = `${overlay}/kustomization.yaml`;
const original = [
  '# An overlay wrapping prod whose st2api runs :latest (ST2-HRD-001).',
  'apiVersion: kustomize.config.k8s.io/v1beta1',
  'kind: Kustomization',
  'metadata:',
  '  name: prod-latest',
  '  annotations:',
  '    st2-gitops/environment: production   # judged as production',
  'resources:',
  '  - ../prod',
  'images:',
  '  - name: stackstorm/st2api',
  '    newTag: latest',
  '',
].join('\n');

async function waive(...argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await dispatch(['waive', ...argv], { cwd: root, stdout: () => undefined, stderr: (t) => (stderr += t), now: () => NOW });
  return { code, stderr };
}

const read = (): string => readFileSync(path.join(root, file), 'utf8');

beforeAll(() => {
  root = copyRepo();
  writeRepoFile(root, file, original);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('st2-gitops waive', () => {
  it('starts denied (baseline)', async () => {
    const r = await cli(['render', overlay], root);
    expect(r.code).toBe(1);
    expect(findingLines(r.stderr).some((l) => l.startsWith('DENY ST2-HRD-001 Deployment st2-prod/st2api'))).toBe(true);
  });

  it.each([
    ['a date that does not exist', ['--expires', '2027-02-31'], /no valid expires=YYYY-MM-DD/],
    ['a lifetime over the 90-day limit', ['--expires', '2027-06-01'], /more than the 90 days allowed/],
    ['a past date', ['--expires', '2026-01-01'], /expired on 2026-01-01/],
  ])('refuses %s and leaves the file alone', async (_label, flags, message) => {
    const r = await waive('ST2-HRD-001', 'Deployment/st2api', '--overlay', overlay, '--reason', 'upstream tag, INC-1', ...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(read()).toBe(original);
  });

  it('refuses a rule never waivable in production', async () => {
    const r = await waive('ST2-SEC-001', 'Deployment/st2api', '--overlay', overlay, '--reason', 'x', '--expires', '2027-01-01');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/never waivable in production/);
    expect(read()).toBe(original);
  });

  it('refuses a resource the overlay does not render', async () => {
    const r = await waive('ST2-HRD-001', 'Deployment/nope', '--overlay', overlay, '--reason', 'x', '--expires', '2027-01-01');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/renders no Deployment\/nope/);
  });

  it('writes the waiver, keeps every line and comment of the file, and the render passes', async () => {
    const r = await waive('ST2-HRD-001', 'Deployment/st2api', '--overlay', overlay, '--reason', 'upstream publishes latest only, INC-1', '--expires', '2027-01-31');
    expect(r.code, r.stderr).toBe(0);
    const text = read();
    expect(text.startsWith(original)).toBe(true);
    expect(text).toContain('# Waiver (st2-gitops waive): ST2-HRD-001 on Deployment/st2api until 2027-01-31.');
    const rendered = await cli(['render', overlay], root);
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(findingLines(rendered.stderr)).toContain(
      findingLines(rendered.stderr).find((l) => l.startsWith('waived until 2027-01-31 ST2-HRD-001 Deployment st2-prod/st2api')),
    );
    expect(findingLines(rendered.stderr).filter((l) => l.startsWith('waived until')).length).toBeGreaterThan(0);
  });

  it('refuses a second waiver of the same rule on the same resource', async () => {
    const r = await waive('ST2-HRD-001', 'Deployment/st2api', '--overlay', overlay, '--reason', 'again', '--expires', '2027-01-31');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already carries/);
  });

  it("writes a waiver into an overlay that sets its own namespace (README's example on overlays/prod)", async () => {
    // GIVEN overlays/prod, whose `namespace: st2-prod` applies after its patches
    const prod = 'overlays/prod/kustomization.yaml';
    const before = readFileSync(path.join(root, prod), 'utf8');
    // WHEN README's waive command runs
    const r = await waive('ST2-HRD-002', 'Deployment/st2api', '--overlay', 'overlays/prod', '--reason', 'limits set by the namespace LimitRange, INC-1234', '--expires', '2027-01-31');
    // THEN the waiver is written after every byte of the file and lands on st2api
    expect(r.code, r.stderr).toBe(0);
    const after = readFileSync(path.join(root, prod), 'utf8');
    expect(after.startsWith(before.trimEnd())).toBe(true);
    expect(after).toContain('# Waiver (st2-gitops waive): ST2-HRD-002 on Deployment/st2api until 2027-01-31.');
    const rendered = await cli(['render', 'overlays/prod'], root);
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(rendered.stdout).toContain('st2-gitops/waive.ST2-HRD-002: expires=2027-01-31; reason=limits set by');
  });
});
