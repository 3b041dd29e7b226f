/**
 * The repository as it was at a git ref, for `check --base`. We export the
 * commit's tree with `git archive | tar -x` into a fresh temporary directory
 * and read it through the same FileReader as the working tree. Nothing in the
 * user's checkout changes: no checkout, no stash, no index update, and no
 * `git worktree` bookkeeping under .git/worktrees that a crash could leave
 * behind; the only trace of a killed run is a directory in the OS temp dir.
 *
 * `git archive` applies `export-ignore`/`export-subst` attributes; overlays,
 * bases and components of this project carry none.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import { createNodeFileReader, type FileReader } from '../repository/index.js';

export interface GitSnapshot {
  /** The commit the ref resolved to (full hash). */
  readonly commit: string;
  /** The repository root (the directory holding overlays/) as it was at that commit. */
  readonly fs: FileReader;
  /** Removes the temporary directory; safe to call twice. */
  dispose(): void;
}

function git(root: string, args: readonly string[], input?: Buffer): Buffer {
  return execFileSync('git', args, {
    cwd: root,
    input,
    maxBuffer: 1 << 30,
    stdio: ['pipe', 'pipe', 'pipe'],
    // A user's pager, editor or locale must not change what we parse.
    env: { ...process.env, GIT_PAGER: 'cat', LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' },
  });
}

function stderrOf(error: unknown): string {
  if (error !== null && typeof error === 'object' && 'stderr' in error) {
    const stderr = (error).stderr;
    const text = Buffer.isBuffer(stderr) ? stderr.toString('utf8') : typeof stderr === 'string' ? stderr : '';
    const first = text.trim().split('\n')[0];
    if (first) return first;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Materialises `root` at `ref`. Throws ConfigError (exit 2) when root is not in
 * a git repository or the ref does not name a commit.
 */
export function snapshotAtRef(root: string, ref: string): GitSnapshot {
  if (ref === '' || ref.startsWith('-')) throw new ConfigError('usage', `--base needs a git ref such as origin/main or HEAD~1, not '${ref}'`);
  let prefix: string;
  try {
    prefix = git(root, ['rev-parse', '--show-prefix']).toString('utf8').trim();
  } catch (error) {
    throw new ConfigError('base-not-git', `--base ${ref}: ${root} is not inside a git repository (${stderrOf(error)}); run the check from a clone`, { cause: error });
  }
  let commit: string;
  try {
    commit = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).toString('utf8').trim();
  } catch (error) {
    throw new ConfigError(
      'base-ref-unknown',
      `--base ${ref}: no such commit in this repository; fetch it first (actions/checkout needs fetch-depth: 0) or check the name with git rev-parse ${ref}`,
      { cause: error },
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'st2-gitops-base-'));
  const dispose = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const treeish = prefix === '' ? commit : `${commit}:${prefix.replace(/\/$/, '')}`;
    const tar = git(root, ['archive', '--format=tar', treeish]);
    execFileSync('tar', ['-x', '-f', '-', '-C', dir], { input: tar, stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 1 << 20 });
    return { commit, fs: createNodeFileReader(dir), dispose };
  } catch (error) {
    dispose();
    throw new ConfigError('base-export', `--base ${ref}: could not export commit ${commit.slice(0, 12)} (${stderrOf(error)})`, { cause: error });
  }
}
