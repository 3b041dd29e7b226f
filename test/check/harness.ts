/**
 * A throw-away git repository made from this repository's tracked files, with
 * the two commits the PR-check tests need: a safe base, then a change that
 * breaks prod (st2timersengine scaled to 2, st2web put on a NodePort) and
 * fixes dev (etcd image pinned, the default st2 password replaced by a
 * value that must never be printed).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copyTrackedFiles } from '../support/copy-repo.js';
import { runCheck } from '../../src/check/index.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
/** The injected clock of every check test. */
export const NOW = new Date('2026-11-23T00:00:00Z');

/** The new st2 admin password of the second commit: no output may contain it, plain or base64. */
export const CANARY_PASSWORD = 'Canary-Pa55word-Never-Printed-7781';
export const CANARY_BASE64 = Buffer.from(CANARY_PASSWORD, 'utf8').toString('base64');
/** The old (chart default) value, base64 as written in the Secret. */
export const OLD_PASSWORD_BASE64 = 'Q2hAbmdlTWU=';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=check-test', '-c', 'user.email=check-test@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' },
  });
}

/** Copies the tracked files of this repository into a fresh directory with `git init` and one commit. */
export function copyRepository(): string {
  const dir = copyTrackedFiles('st2-check-test-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'safe base');
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const full = path.join(dir, file);
  const before = readFileSync(full, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`scenario edit of ${file} changed nothing; the repository moved on`);
  writeFileSync(full, after);
}

/** The second commit: breaks prod, fixes dev, changes a Secret value. */
export function commitBreakProdFixDev(dir: string): void {
  // The base commit: dev's etcd on a mutable tag, as the seed chart shipped it.
  edit(dir, 'components/etcd-single/etcd.yaml', (t) => t.replace('image: bitnamilegacy/etcd:3.5.17', 'image: bitnamilegacy/etcd:latest'));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'dev etcd on the latest tag');
  edit(dir, 'overlays/prod/kustomization.yaml', (t) =>
    t.replace(/(\nreplicas:\n)/, '$1  - name: st2timersengine\n    count: 2\n').replace(
      /\npatches:\n/,
      '\npatches:\n  - target:\n      kind: Service\n      name: st2web\n    patch: |-\n      - op: add\n        path: /spec/type\n        value: NodePort\n',
    ),
  );
  edit(dir, 'overlays/dev/kustomization.yaml', (t) => `${t.trimEnd()}\nimages:\n  - name: bitnamilegacy/etcd\n    newTag: "3.5.17"\n`);
  edit(dir, 'components/default-secrets/st2-auth.yaml', (t) => t.replace(`password: ${OLD_PASSWORD_BASE64}`, `password: ${CANARY_BASE64}`));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'scale timers in prod, NodePort st2web in prod, pin etcd in dev, new st2 password');
}

export interface CheckRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function check(cwd: string, ...argv: string[]): Promise<CheckRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCheck(argv, {
    cwd,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    now: () => NOW,
  });
  return { code, stdout, stderr };
}

export function removeRepository(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Points TMPDIR (and so `check --base` snapshots) at a directory of this test file's own:
 * test files run in parallel processes, and some count the snapshots left behind.
 * Returns the function that restores TMPDIR and removes the directory.
 */
export function usePrivateTmpdir(prefix: string): () => void {
  const saved = process.env['TMPDIR'];
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  process.env['TMPDIR'] = dir;
  return () => {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
    rmSync(dir, { recursive: true, force: true });
  };
}
