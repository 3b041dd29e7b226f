/**
 * The policy worker (src/repository/policy-worker.ts, dist/policy-worker.mjs):
 * the gate's wasm in a worker thread for large renders. It must judge exactly
 * as the main thread does, start only for a large render (or when told to),
 * and fail closed: a worker that cannot load the bundle gives the main
 * thread's error, a worker that dies is an internal error, never an ungated
 * render.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFileReader } from '../../src/io/file-system.js';
import { checkRender, checkRenderParallel, checkRenderStaged, createPolicyEngine, readPolicyBundle } from '../../src/policy/index.js';
import { renderOverlay } from '../../src/render/index.js';
import { readBundleFrom, startPolicyWorker, type PolicyWorker } from '../../src/repository/index.js';
import { repoRoot } from '../support/render.js';

const WORKER = path.join(repoRoot, 'dist/policy-worker.mjs');
const LAUNCHER = path.join(repoRoot, 'dist/st2-gitops');
const NOW = new Date();
const request = { root: repoRoot, source: 'repository' as const, maxFileBytes: 4 * 1024 * 1024 };

let scratch: string;
const started: PolicyWorker[] = [];

function start(script: string, root = repoRoot): PolicyWorker {
  const worker = startPolicyWorker(script, { ...request, root });
  started.push(worker);
  return worker;
}

beforeAll(() => {
  if (!existsSync(WORKER) || !existsSync(LAUNCHER)) throw new Error('dist/ is missing: run npm run build (npm ci does it)');
  scratch = mkdtempSync(path.join(tmpdir(), 'st2-policy-worker-'));
});

afterAll(() => {
  for (const worker of started) worker.release();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the policy worker thread', () => {
  it.each(['prod', 'dev'])('GIVEN overlays/%s judged as production WHEN evaluated in the worker THEN the report is the main thread’s', async (env) => {
    const fs = createNodeFileReader(repoRoot);
    const render = renderOverlay(fs, `overlays/${env}`);
    const options = { environment: 'production', now: NOW };
    const local = checkRender(await createPolicyEngine(readPolicyBundle(fs)), fs, render.resources, options);
    const remote = await checkRenderStaged(await start(WORKER).engine, fs, render.resources, options);
    expect(remote).toEqual(local);
    if (env === 'dev') expect(remote.findings.length).toBeGreaterThan(0);
  });

  it('GIVEN a root without a policy bundle THEN the worker fails with the error the main thread would give', async () => {
    const empty = mkdtempSync(path.join(scratch, 'repo-'));
    let expected = '';
    try {
      readBundleFrom('repository', createNodeFileReader(empty));
    } catch (error) {
      expected = error instanceof Error ? error.message : String(error);
    }
    expect(expected).not.toBe('');
    await expect(start(WORKER, empty).engine).rejects.toMatchObject({ name: 'PolicyLoadError', message: expected });
  });

  it('GIVEN a worker that dies while loading THEN its engine is an internal error', async () => {
    const broken = path.join(scratch, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('boom');\n");
    await expect(start(broken).engine).rejects.toMatchObject({ name: 'InternalError', message: expect.stringMatching(/policy worker thread failed: boom/) as unknown });
  });
});

describe('the policy worker thread as the helper of a gate on two threads', () => {
  it.each(['prod', 'dev'])('GIVEN overlays/%s judged as production WHEN the worker helps, check after check THEN each report is the main thread’s alone', async (env) => {
    const fs = createNodeFileReader(repoRoot);
    const engine = await createPolicyEngine(readPolicyBundle(fs));
    const helper = await start(WORKER).engine;
    const render = renderOverlay(fs, `overlays/${env}`);
    const options = { environment: 'production', now: NOW };
    const alone = checkRender(engine, fs, render.resources, options);
    for (let i = 0; i < 3; i++) expect(await checkRenderParallel(engine, helper, fs, render.resources, options)).toEqual(alone);
    // Denied by both parts: the operations rules (the worker's) and the rest (this thread's).
    if (env === 'dev') expect(alone.findings.some((f) => f.rule.startsWith('ST2-OPS-')) && alone.findings.some((f) => f.rule.startsWith('ST2-SEC-'))).toBe(true);
  });

  it('GIVEN two checks begun on one helper WHEN the first asks for its operations findings THEN it fails closed: the resources staged are the second’s', async () => {
    const fs = createNodeFileReader(repoRoot);
    const helper = await start(WORKER).engine;
    const resources = JSON.stringify(renderOverlay(fs, 'overlays/prod').resources.map((r) => r.manifest));
    const first = helper.begin(resources, NOW);
    const second = helper.begin(resources, NOW);
    await Promise.all([first.strings, second.strings]);
    await expect(first.judgeOperations('{}')).rejects.toMatchObject({ name: 'InternalError', message: "policy helper: the resources staged are not this check's" });
    await expect(second.judgeOperations('{"profile":"production","facts":{}}')).resolves.toBeInstanceOf(Array);
  });

  it('GIVEN a helper stopped in the middle of a check THEN the check fails with an internal error, never a report', async () => {
    const fs = createNodeFileReader(repoRoot);
    const engine = await createPolicyEngine(readPolicyBundle(fs));
    const worker = start(WORKER);
    const helper = await worker.engine;
    const render = renderOverlay(fs, 'overlays/dev');
    const check = checkRenderParallel(engine, helper, fs, render.resources, { environment: 'production', now: NOW });
    worker.stop();
    await expect(check).rejects.toMatchObject({ name: 'InternalError', message: 'policy worker thread stopped' });
    await expect(checkRenderParallel(engine, helper, fs, render.resources, { environment: 'production', now: NOW })).rejects.toMatchObject({ name: 'InternalError' });
  });
});

describe('dist/st2-gitops render with the policy worker', () => {
  let tree: string;
  beforeAll(() => {
    // Four copies of the repository's prod overlay: about 400 KB read, past the 256 KiB threshold.
    const out = path.join(repoRoot, 'bench/.generated/policy-worker-test');
    tree = execFileSync(process.execPath, [path.join(repoRoot, 'bench/generate-large-tree.mjs'), '--copies', '4', '--out', out], { encoding: 'utf8' }).trim();
  }, 60_000);
  afterAll(() => rmSync(path.join(repoRoot, 'bench/.generated/policy-worker-test'), { recursive: true, force: true }));

  const render = (overlay: string, setting?: string): { code: number | null; stdout: string; verdict: string; workerStarted: boolean } => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_DEBUG: 'worker' };
    delete env['ST2_GITOPS_POLICY_WORKER'];
    if (setting !== undefined) env['ST2_GITOPS_POLICY_WORKER'] = setting;
    const r = spawnSync(LAUNCHER, ['render', overlay], { cwd: repoRoot, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    return {
      code: r.status,
      stdout: r.stdout,
      // Node's worker debug lines aside, what the user sees.
      verdict: r.stderr
        .split('\n')
        .filter((l) => /^(DENY|WARN|waived|warning|st2-gitops)/.test(l))
        .join('\n'),
      workerStarted: r.stderr.includes('policy-worker.mjs'),
    };
  };

  it('GIVEN a large render THEN a worker judges it, with the main thread’s verdict and findings', () => {
    const withWorker = render(tree);
    const inThread = render(tree, '0');
    expect(withWorker.workerStarted).toBe(true);
    expect(inThread.workerStarted).toBe(false);
    expect(withWorker.code).toBe(1);
    expect(withWorker.stdout).toBe('');
    expect(withWorker.verdict).toMatch(/^DENY ST2-REP-001 /m);
    expect(withWorker.verdict).toBe(inThread.verdict);
    expect(withWorker.code).toBe(inThread.code);
  }, 60_000);

  it('GIVEN overlays/prod (small) THEN no worker starts, unless told to; the output is the same', () => {
    const small = render('overlays/prod');
    const forced = render('overlays/prod', '1');
    expect(small.workerStarted).toBe(false);
    expect(forced.workerStarted).toBe(true);
    expect(small.code).toBe(0);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe(small.stdout);
    expect(forced.verdict).toBe(small.verdict);
  }, 60_000);
});
