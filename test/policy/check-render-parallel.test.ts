/**
 * The gate on two threads (checkRenderParallel) judges exactly as the gate in
 * one: the same report for the repository's overlays and for every overlay
 * of the red-team corpus. The helper here is the policy worker's own code
 * (createHelperSide) on a second engine, called in this thread: what the
 * split changes (the string facts found from the resources' JSON, the two
 * parts of st2/findings) is tested without a thread; test/cli/policy-worker
 * .test.ts runs the same with the real worker thread.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFileReader, type FileReader } from '../../src/io/file-system.js';
import { checkRender, checkRenderParallel, createPolicyEngine, readPolicyBundle, type LocalPolicyEngine, type PolicyHelper } from '../../src/policy/index.js';
import { renderOverlay } from '../../src/render/index.js';
import { createHelperSide } from '../../src/repository/policy-worker.js';
import { copyRepo, judgedBothWays, makeCertificates, repoRoot, writeRepoFile, type Verdict } from './support.js';
import { filesOf, redTeamCorpus } from './redteam/corpus.js';

const NOW = new Date();

type HelperSide = ReturnType<typeof createHelperSide>;
type Reply = Parameters<Parameters<HelperSide['answer']>[2]>[0];

/** The helper side's answer to one call (it answers each call once). */
function answerOf(side: HelperSide, type: 'strings' | 'operations', message: Record<string, unknown>): Reply {
  const replies: Reply[] = [];
  side.answer(type, message, (reply) => replies.push(reply));
  expect(replies).toHaveLength(1);
  return replies[0] as Reply;
}

/** The worker's side of the split on `engine`, without the thread. */
function inThreadHelper(engine: LocalPolicyEngine): PolicyHelper {
  const side = createHelperSide(engine);
  let calls = 0;
  const ask = (type: 'strings' | 'operations', message: Record<string, unknown>): unknown => {
    const reply = answerOf(side, type, message);
    if (reply.type === 'failed') throw new Error(reply.message);
    return reply.type === 'strings' ? reply.facts : reply.type === 'operations' ? reply.findings : undefined;
  };
  return {
    sourceSha256: engine.sourceSha256,
    begin(resourcesJson, now) {
      const check = ++calls;
      const strings = Promise.resolve().then(() => ask('strings', { id: check, json: resourcesJson, now: now.toISOString() }) as Record<string, unknown>);
      return {
        strings,
        judgeOperations: async (headJson) => {
          await strings;
          return ask('operations', { id: ++calls, json: headJson, check }) as never;
        },
      };
    },
  };
}

/** The overlay judged in one thread, then on two. */
function bothWays(engine: LocalPolicyEngine, helper: PolicyHelper, fs: FileReader, overlay: string, environment?: string): Promise<[Verdict, Verdict]> {
  return judgedBothWays(fs, overlay, { environment, now: NOW }, (resources, options) => checkRender(engine, fs, resources, options), (resources, options) => checkRenderParallel(engine, helper, fs, resources, options));
}

describe('the gate on two threads (st2/findings in two parts)', () => {
  let engine: LocalPolicyEngine;
  let helper: PolicyHelper;
  let helperEngine: LocalPolicyEngine;
  let fs: FileReader;
  beforeAll(async () => {
    fs = createNodeFileReader(repoRoot);
    engine = await createPolicyEngine(readPolicyBundle(fs));
    helperEngine = await createPolicyEngine(readPolicyBundle(fs));
    helper = inThreadHelper(helperEngine);
  });

  it.each(['dev', 'staging', 'prod'])('GIVEN overlays/%s WHEN judged on two threads THEN the report is the same', async (env) => {
    const [once, twice] = await bothWays(engine, helper, fs, `overlays/${env}`);
    expect('report' in once).toBe(true);
    expect(twice).toEqual(once);
  });

  it('GIVEN overlays/dev judged as production (denied by both parts) WHEN judged on two threads THEN the same findings', async () => {
    const [once, twice] = await bothWays(engine, helper, fs, 'overlays/dev', 'production');
    expect('report' in once && once.report.findings.length).toBeGreaterThan(0);
    expect(twice).toEqual(once);
  });

  it('GIVEN one input THEN st2/findings is the union of st2/operations_findings and st2/other_findings', () => {
    const render = renderOverlay(fs, 'overlays/dev');
    let input = '';
    const recording = { ...engine, evaluate: (json: string) => ((input = json), engine.evaluate(json)) };
    checkRender(recording, fs, render.resources, { environment: 'production', now: NOW });
    const key = (f: unknown): string => JSON.stringify(f);
    const whole = engine.evaluate(input).map(key).sort();
    const parts = [...engine.evaluatePart(input, 'st2/operations_findings'), ...engine.evaluatePart(input, 'st2/other_findings')].map(key);
    expect([...new Set(parts)].sort()).toEqual(whole);
    expect(engine.evaluatePart(input, 'st2/operations_findings').length).toBeGreaterThan(0);
    expect(engine.evaluatePart(input, 'st2/other_findings').length).toBeGreaterThan(0);
  });

  it('GIVEN a helper with another bundle THEN the check fails closed, naming both', async () => {
    const render = renderOverlay(fs, 'overlays/prod');
    const other: PolicyHelper = { ...helper, sourceSha256: 'f'.repeat(64), begin: helper.begin.bind(helper) };
    await expect(checkRenderParallel(engine, other, fs, render.resources, { environment: undefined, now: NOW })).rejects.toThrow(/policy helper judges with another bundle \(sources ffffffffffff, not [0-9a-f]{12}\)/);
  });

  it('GIVEN a helper whose string search fails THEN the check fails, never judged without the string facts', async () => {
    const render = renderOverlay(fs, 'overlays/prod');
    const failing: PolicyHelper = {
      sourceSha256: engine.sourceSha256,
      begin: () => ({ strings: Promise.reject(new Error('helper gone')), judgeOperations: () => Promise.resolve([]) }),
    };
    await expect(checkRenderParallel(engine, failing, fs, render.resources, { environment: undefined, now: NOW })).rejects.toThrow('helper gone');
  });

  it('GIVEN the helper side WHEN a check asks for st2/operations_findings on resources another check staged THEN it answers a failure, not findings', () => {
    const side = createHelperSide(helperEngine);
    const resources = JSON.stringify(renderOverlay(fs, 'overlays/prod').resources.map((r) => r.manifest));
    expect(answerOf(side, 'strings', { id: 1, json: resources, now: NOW.toISOString() }).type).toBe('strings');
    expect(answerOf(side, 'strings', { id: 2, json: resources, now: NOW.toISOString() }).type).toBe('strings');
    const stale = answerOf(side, 'operations', { id: 3, json: '{}', check: 1 });
    expect(stale).toMatchObject({ type: 'failed', message: "the resources staged are not this check's" });
    // Its own check's resources judge once, then are gone.
    expect(answerOf(side, 'operations', { id: 4, json: '{"profile":"production","facts":{}}', check: 2 }).type).toBe('operations');
    expect(answerOf(side, 'operations', { id: 5, json: '{}', check: 2 })).toMatchObject({ type: 'failed' });
  });

  it('GIVEN the helper side WHEN the resources are not a list of objects THEN it answers a failure', () => {
    const side = createHelperSide(helperEngine);
    expect(answerOf(side, 'strings', { id: 1, json: '{"kind":"Secret"}', now: NOW.toISOString() })).toMatchObject({ type: 'failed', message: 'policy worker: resources that are not a list of objects' });
  });
});

describe('the gate on two threads over the red-team corpus', () => {
  const corpus = redTeamCorpus(repoRoot, NOW, makeCertificates().ca);
  let root: string;
  let engine: LocalPolicyEngine;
  let helper: PolicyHelper;
  let fs: FileReader;
  beforeAll(async () => {
    root = copyRepo();
    for (const c of corpus) for (const [file, text] of filesOf(c)) writeRepoFile(root, file, text);
    fs = createNodeFileReader(root);
    engine = await createPolicyEngine(readPolicyBundle(fs));
    helper = inThreadHelper(await createPolicyEngine(readPolicyBundle(fs)));
  }, 120_000);
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('GIVEN every red-team overlay WHEN judged on two threads THEN every verdict and finding is the same', async () => {
    let reports = 0;
    for (const c of corpus) {
      const [once, twice] = await bothWays(engine, helper, fs, `overlays/redteam/${c.id}`);
      expect(twice, c.id).toEqual(once);
      if ('report' in once) reports++;
    }
    expect(reports).toBeGreaterThan(corpus.length * 0.9);
  }, 420_000);
});
