/**
 * Every hostile repository of the corpus, against the real launcher (issue
 * 14): exit 2, nothing on stdout, stderr naming the cause, done within
 * MAX_SECONDS and below MAX_RSS_MIB peak resident memory, as GNU time
 * measures the process. Needs `npm run build` (dist/) and GNU time; skips
 * locally without them, fails in CI.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOSTILE_REPOS } from './corpus.js';
import { cleanupRepos, gnuTimeAvailable, makeRepo, MAX_RSS_MIB, MAX_SECONDS, runMeasured } from './harness.js';

const available = gnuTimeAvailable();
if (!available && process.env['CI'] === 'true') throw new Error('test/security needs dist/st2-gitops (npm run build) and GNU time (/usr/bin/time) in CI');

const worst = { rssMiB: 0, seconds: 0 };
afterAll(() => {
  cleanupRepos();
  // The figures README quotes: `npx vitest run test/security`.
  if (worst.seconds > 0) console.log(`hostile repositories: worst peak RSS ${worst.rssMiB.toFixed(1)} MiB, worst wall time ${worst.seconds.toFixed(2)} s`);
});

describe.skipIf(!available)('hostile repositories against the real process', () => {
  it('has at least 40 of them', () => {
    expect(HOSTILE_REPOS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(HOSTILE_REPOS.map((c) => c.name)).size).toBe(HOSTILE_REPOS.length);
  });

  it.each(HOSTILE_REPOS)('$name: exit 2, empty stdout, bounded time and memory', (c) => {
    const root = makeRepo(c.repo);
    const r = runMeasured(c.argv ?? ['render', 'overlays/x'], { cwd: path.join(root, c.cwd ?? '.'), env: c.env });
    worst.rssMiB = Math.max(worst.rssMiB, r.rssMiB);
    worst.seconds = Math.max(worst.seconds, r.seconds);
    const where = `${c.name}: exit ${String(r.code)}, ${r.seconds.toFixed(2)} s, ${r.rssMiB.toFixed(0)} MiB, stderr ${r.stderr.slice(0, 400)}`;
    expect(r.timedOut, where).toBe(false);
    expect(r.code, where).toBe(2);
    expect(r.stdout, where).toBe('');
    expect(r.stderr, where).toMatch(c.stderr);
    expect(r.stderr, where).not.toMatch(/internal error|\n\s+at /);
    expect(r.seconds, where).toBeLessThan(MAX_SECONDS);
    expect(r.rssMiB, where).toBeLessThan(MAX_RSS_MIB);
  }, 60_000);

  it('words a symlink leaving the repository the same whether or not its target exists', () => {
    const messages = ['/etc/hostname', '/nonexistent/policy.wasm', '/dev/zero'].map((target) => {
      const root = makeRepo({ files: { 'overlays/x/kustomization.yaml': 'resources: []\n' }, links: { 'policies/bundle/policy.wasm': target } });
      return runMeasured(['render', 'overlays/x'], { cwd: root }).stderr;
    });
    expect(new Set(messages).size).toBe(1);
  }, 60_000);
});
