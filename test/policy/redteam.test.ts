/**
 * The red-team corpus (redteam/corpus.ts) through the real CLI: each case is
 * written as an overlay under overlays/redteam/ of a throw-away copy of the
 * repository and rendered by the built launcher (dist/st2-gitops render),
 * exactly as a user or CI would. A denial must exit 1 with empty stdout and
 * name its rule; an allowed look-alike must exit 0 with manifests; bad input
 * must exit 2 with empty stdout. docs/red-team.md's table must match the
 * corpus's classes and counts.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRepo, makeCertificates, repoRoot, writeRepoFile } from './support.js';
import { filesOf, redTeamCorpus, type RedTeamCase } from './redteam/corpus.js';

const LAUNCHER = path.join(repoRoot, 'dist/st2-gitops');
const today = new Date();
const corpus = redTeamCorpus(repoRoot, today, makeCertificates().ca);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let root: string;
const runs = new Map<string, Run>();

function render(dir: string, args: readonly string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(LAUNCHER, ['render', dir, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  if (!existsSync(LAUNCHER)) throw new Error('dist/st2-gitops is missing: run npm run build (npm ci does it)');
  root = copyRepo();
  for (const c of corpus) for (const [file, text] of filesOf(c)) writeRepoFile(root, file, text);
  // Two at a time: the machine has two cores. 655 renders take 3-5 minutes alone, longer
  // beside the rest of the suite: the hook may take 10.
  const queue = [...corpus];
  const worker = async (): Promise<void> => {
    for (let c = queue.shift(); c !== undefined; c = queue.shift()) runs.set(c.id, await render(`overlays/redteam/${c.id}`, c.args));
  };
  await Promise.all([worker(), worker()]);
  // About 0.1 s a case on an idle machine (5 minutes in all); a shared host with other
  // suites running took 15: the margin is for that, not for a slower gate.
}, 1_800_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function describeRun(r: Run | undefined): string {
  return r ? `exit ${r.code}\n${r.stderr.split('\n').filter((l) => /^(DENY|st2-gitops)/.test(l)).slice(0, 8).join('\n')}` : 'not run';
}

describe('red-team corpus through dist/st2-gitops', () => {
  it('holds at least 150 cases, unique ids, unsafe and safe ones in every class', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
    for (const cls of new Set(corpus.map((c) => c.cls))) {
      const of = corpus.filter((c) => c.cls === cls);
      expect(of.some((c) => c.expect !== 'allow'), `${cls} has an unsafe case`).toBe(true);
      if (cls !== 'replica-input') expect(of.some((c) => c.expect === 'allow'), `${cls} has a safe look-alike`).toBe(true);
    }
  });

  it.each(corpus.map((c) => [c.id, c] as const))('%s', (_id, c: RedTeamCase) => {
    const r = runs.get(c.id);
    const why = describeRun(r);
    if (c.expect === 'allow') {
      expect(r?.code, why).toBe(0);
      expect(r?.stdout.length, why).toBeGreaterThan(0);
      return;
    }
    expect(r?.stdout, why).toBe('');
    expect(r?.code, why).toBe(c.expect === 'deny' ? 1 : 2);
    if (c.rule) expect(r?.stderr, why).toMatch(new RegExp(`^DENY ${c.rule} `, 'm'));
  });

  it('no run prints a published default, in any case (findings name keys and kinds, never values)', () => {
    const data: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'policies/chart_defaults/data.json'), 'utf8'));
    const literals = ((data as { literals?: Array<{ value?: unknown }> }).literals ?? []).map((l) => l.value).filter((v): v is string => typeof v === 'string' && v.length >= 8);
    expect(literals.length).toBeGreaterThan(5);
    for (const c of corpus) {
      const r = runs.get(c.id);
      if (r === undefined || c.expect === 'allow') continue;
      for (const literal of literals) expect(r.stderr.includes(literal), `${c.id} printed a default`).toBe(false);
    }
  });

  it("docs/red-team.md's table lists every class with its counts, and README the totals", () => {
    const readme = readFileSync(path.join(repoRoot, 'docs/red-team.md'), 'utf8');
    for (const cls of new Set(corpus.map((c) => c.cls))) {
      const of = corpus.filter((c) => c.cls === cls);
      const unsafe = of.filter((c) => c.expect !== 'allow').length;
      const safe = of.length - unsafe;
      expect(readme, `docs/red-team.md row for ${cls}`).toMatch(new RegExp(`^\\| ${cls} \\| ${unsafe} \\| ${safe} \\|`, 'm'));
    }
    expect(readme).toMatch(new RegExp(`^\\| total \\| ${corpus.filter((c) => c.expect !== 'allow').length} \\| ${corpus.filter((c) => c.expect === 'allow').length} \\|`, 'm'));

    const unsafe = corpus.filter((c) => c.expect !== 'allow').length;
    const front = readFileSync(path.join(repoRoot, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(front).toContain(`renders ${corpus.length} overlays`);
    expect(front).toContain(`${unsafe} unsafe changes`);
    expect(front).toContain(`${corpus.length - unsafe} safe look-alikes`);
  });
});
