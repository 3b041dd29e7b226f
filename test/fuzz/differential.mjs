/**
 * Runs one case through both renderers and compares the outcome classes:
 * both succeed with the same bytes on stdout, or both fail (kubectl with
 * any error, we with exit 2, empty stdout). Exit 3 from us is always a
 * disagreement: it must never be reachable from input.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const launcher = path.join(repoRoot, 'dist/st2-gitops');

function run(file, args, cwd) {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 60_000, env: { ...process.env, KUBECTL_KUSTOMIZE_NO_WARN: '1' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function writeCase(dir, files) {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** A scratch directory for one case; removed by the caller. */
export function caseDir(prefix = 'st2-fuzz-') {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * Compares the renderers on `files`. Returns { agree, kind, ours, theirs }:
 * kind is 'same-output', 'both-fail', 'output-differs', 'we-fail',
 * 'we-succeed', 'we-crash' or 'bad-failure' (we failed without exit 2 or with stdout).
 */
export async function compareCase(files) {
  const dir = caseDir();
  try {
    writeCase(dir, files);
    const [theirs, ours] = await Promise.all([
      run('kubectl', ['kustomize', dir], dir),
      run(launcher, ['build', '.', '--root', dir], dir),
    ]);
    return { ...classify(ours, theirs), ours, theirs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function classify(ours, theirs) {
  if (ours.code === 3 || ours.code === 99 || (ours.code !== 0 && ours.code !== 2)) return { agree: false, kind: 'we-crash' };
  if (theirs.code === 0 && ours.code === 0) {
    return ours.stdout === theirs.stdout ? { agree: true, kind: 'same-output' } : { agree: false, kind: 'output-differs' };
  }
  if (theirs.code !== 0 && ours.code !== 0) {
    return ours.stdout === '' ? { agree: true, kind: 'both-fail' } : { agree: false, kind: 'bad-failure' };
  }
  return theirs.code === 0 ? { agree: false, kind: 'we-fail' } : { agree: false, kind: 'we-succeed' };
}

/** Runs `work` over `items` with at most `jobs` in flight; results in item order. */
export async function mapLimit(items, jobs, work) {
  const results = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}
