/**
 * The server's warm policy worker (src/server/policy-helper.ts): a render
 * that borrows it is gated on two threads with the one-thread answer, and a
 * render that cannot (busy, loading, broken, another bundle) is gated in its
 * own thread. Never an ungated answer. The worker here is the real thread
 * (dist/policy-worker.mjs).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyHelper } from '../../src/policy/index.js';
import { startPolicyWorker, type PolicyWorker } from '../../src/repository/index.js';
import { createHelperLender, type HelperLender } from '../../src/server/policy-helper.js';
import { makeApp, repoRoot, type TestApp } from './support.js';

const WORKER = path.join(repoRoot, 'dist/policy-worker.mjs');

/** The gates counted by where they ran, from /metrics. */
async function gates(t: TestApp): Promise<{ one: number; two: number }> {
  const text = (await request(t.app).get('/metrics')).text;
  const count = (threads: string): number => Number(new RegExp(`^st2_gitops_policy_gates_total\\{threads="${threads}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { one: count('1'), two: count('2') };
}

/** The parts of a render's answer that must not depend on where it was gated. */
async function answer(t: TestApp, overlay: string, environment?: string): Promise<unknown> {
  const res = await request(t.app)
    .post('/v1/render')
    .send({ overlay, ...(environment === undefined ? {} : { environment }) });
  const body = res.body as Record<string, unknown>;
  return { status: res.status, allowed: body['allowed'], profile: body['profile'], findings: body['findings'], manifests: body['manifests'] };
}

describe('the server gating with its warm policy worker', () => {
  const workers: PolicyWorker[] = [];
  let lender: HelperLender;
  let withHelper: TestApp;
  let alone: TestApp;
  beforeAll(async () => {
    if (!existsSync(WORKER)) throw new Error('dist/ is missing: run npm run build (npm ci does it)');
    lender = createHelperLender({
      start: () => {
        const worker = startPolicyWorker(WORKER, { root: repoRoot, source: 'repository', maxFileBytes: 4 << 20, use: 'helper' });
        workers.push(worker);
        return worker;
      },
      now: () => Date.now(),
    });
    await workers[0]?.engine;
    withHelper = makeApp(repoRoot, { helpers: lender });
    alone = makeApp(repoRoot);
  });
  afterAll(() => lender.close());

  it.each([
    ['overlays/prod', undefined],
    ['overlays/staging', undefined],
    ['overlays/dev', 'production'],
  ])('GIVEN %s (as %s) WHEN rendered THEN it is gated on two threads with the one-thread answer', async (overlay, environment) => {
    const before = await gates(withHelper);
    const two = await answer(withHelper, overlay, environment);
    expect(await gates(withHelper)).toEqual({ one: before.one, two: before.two + 1 });
    expect(two).toEqual(await answer(alone, overlay, environment));
    if (environment === 'production') expect(two).toMatchObject({ allowed: false, manifests: undefined });
  });

  it('GIVEN the worker stopped under the server WHEN a render comes THEN it is gated in its own thread, with the same answer', async () => {
    workers[0]?.stop();
    const before = await gates(withHelper);
    const answered = await answer(withHelper, 'overlays/dev', 'staging');
    expect(await gates(withHelper)).toEqual({ one: before.one + 1, two: before.two });
    expect(answered).toEqual(await answer(alone, 'overlays/dev', 'staging'));
  });
});

describe('createHelperLender', () => {
  /** A worker whose helper is ready at once, judging with the bundle of `sha`. */
  function fakeWorker(sha: string, log: string[]): PolicyWorker {
    const helper: PolicyHelper = { sourceSha256: sha, begin: () => ({ strings: Promise.resolve({}), judgeOperations: () => Promise.resolve([]) }) };
    return { engine: Promise.resolve(helper as never), release: () => undefined, stop: () => void log.push(`stop ${sha}`) };
  }
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it('lends the helper to one check at a time, and only for its own bundle', async () => {
    const log: string[] = [];
    const lender = createHelperLender({ start: () => fakeWorker('a', log), now: () => 0 });
    expect(lender.borrow('a')).toBeUndefined(); // still loading
    await settle();
    const lent = lender.borrow('a');
    expect(lent?.helper.sourceSha256).toBe('a');
    expect(lender.borrow('a')).toBeUndefined(); // busy
    lent?.giveBack(false);
    expect(lender.borrow('b')).toBeUndefined(); // another bundle: gate in this thread
    expect(lender.borrow('a')).toBeDefined();
  });

  it('replaces a worker with a stale bundle or one that failed, at most once per restartAfterMs', async () => {
    const log: string[] = [];
    let clock = 0;
    const shas = ['old', 'new', 'new'];
    const lender = createHelperLender({ start: () => fakeWorker(shas.shift() ?? 'none', log), now: () => clock, restartAfterMs: 1000 });
    await settle();
    expect(lender.borrow('new')).toBeUndefined(); // too soon after the start: no restart yet
    clock = 1000;
    expect(lender.borrow('new')).toBeUndefined(); // restarts with the current bundle
    expect(log).toEqual(['stop old']);
    await settle();
    const lent = lender.borrow('new');
    expect(lent).toBeDefined();
    clock = 2500;
    lent?.giveBack(true); // it failed the check: replaced
    expect(log).toEqual(['stop old', 'stop new']);
    await settle();
    expect(lender.borrow('new')).toBeDefined();
    lender.close();
  });
});
