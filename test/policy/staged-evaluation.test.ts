/**
 * The two-step evaluation the policy worker uses (engine.stageResources,
 * engine.evaluateStaged, checkRenderStaged) judges exactly as the one-step
 * evaluation: the same report for the repository's overlays and for every
 * overlay of the red-team corpus (rendered in-process from a copy of the
 * repository), so moving the evaluation to the worker changes no verdict.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFileReader, type FileReader } from '../../src/io/file-system.js';
import { checkRender, checkRenderStaged, createPolicyEngine, readPolicyBundle, type LocalPolicyEngine, type RawFinding, type StagedPolicyEngine } from '../../src/policy/index.js';
import { renderOverlay } from '../../src/render/index.js';
import { copyRepo, judgedBothWays, makeCertificates, repoRoot, writeRepoFile, type Verdict } from './support.js';
import { filesOf, redTeamCorpus } from './redteam/corpus.js';

const NOW = new Date();

/** The in-thread engine behind the staged interface, as the worker serves it. */
function staged(engine: LocalPolicyEngine): StagedPolicyEngine {
  return {
    opaVersion: engine.opaVersion,
    sourceSha256: engine.sourceSha256,
    rules: engine.rules,
    literals: engine.literals,
    settings: engine.settings,
    stageResources: (json) => engine.stageResources(json),
    stageHead: async (head) => engine.stageHead(head),
    evaluateStaged: (json) => Promise.resolve(engine.evaluateStaged(json)),
  };
}

/** The overlay judged in one step, then in two. */
function bothWays(engine: LocalPolicyEngine, fs: FileReader, overlay: string, environment?: string): Promise<[Verdict, Verdict]> {
  return judgedBothWays(fs, overlay, { environment, now: NOW }, (resources, options) => checkRender(engine, fs, resources, options), (resources, options) => checkRenderStaged(staged(engine), fs, resources, options));
}

describe('staged policy evaluation (the policy worker’s input in two parts)', () => {
  let engine: LocalPolicyEngine;
  let fs: FileReader;
  beforeAll(async () => {
    fs = createNodeFileReader(repoRoot);
    engine = await createPolicyEngine(readPolicyBundle(fs));
  });

  it.each(['dev', 'staging', 'prod'])('GIVEN overlays/%s WHEN judged in two steps THEN the report is the same', async (env) => {
    const [once, twice] = await bothWays(engine, fs, `overlays/${env}`);
    expect('report' in once).toBe(true);
    expect(twice).toEqual(once);
  });

  it('GIVEN overlays/dev judged as production (denied) WHEN judged in two steps THEN the same findings', async () => {
    const [once, twice] = await bothWays(engine, fs, 'overlays/dev', 'production');
    expect('report' in once && once.report.findings.length).toBeGreaterThan(0);
    expect(twice).toEqual(once);
  });

  it('GIVEN overlays/dev judged as production WHEN judged in two steps THEN the findings made before the string facts are among the final ones', async () => {
    const seen: { early?: readonly RawFinding[]; final?: readonly RawFinding[] } = {};
    const recording: StagedPolicyEngine = {
      ...staged(engine),
      stageHead: async (head) => (seen.early = engine.stageHead(head)),
      evaluateStaged: async (json) => (seen.final = engine.evaluateStaged(json)),
    };
    const render = renderOverlay(fs, 'overlays/dev');
    await checkRenderStaged(recording, fs, render.resources, { environment: 'production', floors: [render.environment], now: NOW });
    expect(seen.early?.length).toBeGreaterThan(0);
    for (const finding of seen.early ?? []) expect(seen.final).toContainEqual(finding);
  });

  it('refuses a head without staged resources', () => {
    expect(() => engine.stageHead('{}')).toThrow(/staged policy evaluation: no resources were staged/);
  });

  it('refuses a second evaluation without staged resources', () => {
    expect(() => engine.evaluateStaged('{}')).toThrow(/staged policy evaluation: no resources were staged/);
  });

  it('refuses resources that are not JSON', () => {
    expect(() => engine.stageResources('[{')).toThrow(/staged policy evaluation: the input is not valid JSON/);
  });
});

describe('staged policy evaluation over the red-team corpus', () => {
  const corpus = redTeamCorpus(repoRoot, NOW, makeCertificates().ca);
  let root: string;
  let engine: LocalPolicyEngine;
  let fs: FileReader;
  beforeAll(async () => {
    root = copyRepo();
    for (const c of corpus) for (const [file, text] of filesOf(c)) writeRepoFile(root, file, text);
    fs = createNodeFileReader(root);
    engine = await createPolicyEngine(readPolicyBundle(fs));
  }, 120_000);
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('GIVEN every red-team overlay WHEN judged in two steps THEN every verdict and finding is the same', async () => {
    let reports = 0;
    for (const c of corpus) {
      const [once, twice] = await bothWays(engine, fs, `overlays/redteam/${c.id}`);
      expect(twice, c.id).toEqual(once);
      if ('report' in once) reports++;
    }
    // Most cases render and are judged (the rest are bad input, refused before the gate).
    expect(reports).toBeGreaterThan(corpus.length * 0.9);
    // Two in-process checks per case: 1,263 cases took 216 s beside four other suites on two
    // cores (load average 12); the margin is for that, not for a slower gate.
  }, 420_000);
});
