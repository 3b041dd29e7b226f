/**
 * The real control plane of test/support/kube-control-plane.ts: it starts, the
 * API server is the pinned version, it refuses what a real cluster refuses
 * (negative controls), and stop() leaves no process or directory behind.
 * Skips locally without scripts/install-kube.sh's binaries; fails with CI=true.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shouldSkipKubeSuite, startControlPlane, type ControlPlane } from '../support/kube-control-plane.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const pinned = readFileSync(path.join(repoRoot, 'scripts/kube-version'), 'utf8').trim();

function deployment(replicas: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'probe', namespace: 'smoke' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'probe' } },
      template: { metadata: { labels: { app: 'probe' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', ...extra }] } },
    },
  });
}

describe.skipIf(shouldSkipKubeSuite())('kube control plane (etcd + kube-apiserver on loopback)', () => {
  let plane: ControlPlane;

  beforeAll(async () => {
    plane = await startControlPlane();
    await plane.ensureNamespace('smoke');
  }, 120_000);

  afterAll(async () => {
    await plane?.stop();
  });

  it('serves the pinned Kubernetes version over TLS to the token user', async () => {
    const res = await plane.api('GET', '/version');
    expect(res.status).toBe(200);
    expect((JSON.parse(res.body) as { gitVersion: string }).gitVersion).toBe(pinned);
    const who = await plane.kubectl(['auth', 'can-i', '*', '*']);
    expect(who.stdout.trim()).toBe('yes');
  });

  it('accepts a valid Deployment with --dry-run=server and creates nothing', async () => {
    const ok = await plane.kubectl(['apply', '--dry-run=server', '-f', '-'], deployment(2));
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect((await plane.api('GET', '/apis/apps/v1/namespaces/smoke/deployments/probe')).status).toBe(404);
  });

  it.each([
    ['a string replica count', deployment('two'), /replicas/],
    ['a misspelled container field (strict decoding)', deployment(1, { imagePullPolice: 'Always' }), /unknown field "spec.template.spec.containers\[0\].imagePullPolice"/],
    ['a port out of range', deployment(1, { ports: [{ containerPort: 70000 }] }), /containerPort/],
  ])('refuses %s', async (_name, manifest, message) => {
    const res = await plane.kubectl(['apply', '--dry-run=server', '-f', '-'], manifest);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(message);
  });

  it('stop() kills its processes and removes its directory', async () => {
    // GIVEN the running etcd and kube-apiserver, found by the temporary directory in their flags
    const dir = plane.dir;
    const pids = execFileSync('pgrep', ['-f', '--', dir], { encoding: 'utf8' }).trim().split('\n').map(Number);
    expect(pids).toHaveLength(2);
    // WHEN the plane stops
    await plane.stop();
    // THEN both are gone and so is the directory
    expect(existsSync(dir)).toBe(false);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});
