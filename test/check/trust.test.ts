/**
 * `check --base` reports, as findings of their own, a change that makes an
 * overlay judged less strictly (ST2-TRUST-001) and any change to what
 * judges: policies, policy data, the bundle (ST2-TRUST-002).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, copyRepository, git, removeRepository, usePrivateTmpdir } from './harness.js';

let repo: string;

function commit(message: string, file: string, change: (text: string) => string): void {
  const full = path.join(repo, file);
  writeFileSync(full, change(readFileSync(full, 'utf8')));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
}

interface Report {
  overlays: Array<{ overlay: string; status: string; findings: Array<{ rule: string; severity: string; message: string }> }>;
}

// A private TMPDIR: check --base snapshots go there, not where other test files look
// leftover directories (test files run in parallel processes).
let restoreTmpdir: () => void = () => undefined;

beforeAll(() => {
  restoreTmpdir = usePrivateTmpdir('st2-trust-test-');
  repo = copyRepository();
  // HEAD~1: staging moves to an unmapped namespace and declares dev (a loosening).
  commit('staging says dev', 'overlays/staging/kustomization.yaml', (t) =>
    t.replace('st2-gitops/environment: staging', 'st2-gitops/environment: dev').replace('namespace: st2-staging', 'namespace: st2-sandbox'),
  );
  // HEAD: the waiver lifetime is raised in the compiled bundle's data, its manifest hash updated to match
  // (a hand-made bundle the source check cannot see).
  let dataText = '';
  commit('longer waivers', 'policies/bundle/data.json', (t) => (dataText = t.replace('"max_lifetime_days": 90', '"max_lifetime_days": 3650')));
  commit('bundle hash', 'policies/bundle/manifest.json', (t) => t.replace(/"dataSha256": "[0-9a-f]+"/, `"dataSha256": "${createHash('sha256').update(dataText).digest('hex')}"`));
});

afterAll(() => {
  removeRepository(repo);
  restoreTmpdir();
});

describe('check --base: trust findings', () => {
  it('reports an overlay judged less strictly than at the base as ST2-TRUST-001', async () => {
    const r = await check(repo, 'overlays/staging', '--base', 'HEAD~3', '--format', 'json');
    const report = JSON.parse(r.stdout) as Report;
    const staging = report.overlays[0];
    const trust = staging?.findings.find((f) => f.rule === 'ST2-TRUST-001');
    expect(trust?.severity).toBe('deny');
    expect(trust?.message).toContain('base=staging, head=dev');
    expect(staging?.status).toBe('denied');
    expect(r.code).toBe(1);
  });

  it('reports a change under policies/ as ST2-TRUST-002, naming the files', async () => {
    const r = await check(repo, 'overlays/prod', '--base', 'HEAD~2', '--format', 'json');
    const report = JSON.parse(r.stdout) as Report;
    const trust = report.overlays[0]?.findings.find((f) => f.rule === 'ST2-TRUST-002');
    expect(trust?.message).toContain('policies/bundle/data.json, policies/bundle/manifest.json');
    expect(r.code).toBe(1);
  });

  it('reports neither when nothing that judges or binds changed', async () => {
    const r = await check(repo, 'overlays/prod', '--base', 'HEAD', '--format', 'json');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.overlays[0]?.findings.filter((f) => f.rule.startsWith('ST2-TRUST-'))).toEqual([]);
    expect(r.code).toBe(0);
  });
});
