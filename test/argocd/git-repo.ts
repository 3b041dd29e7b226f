/**
 * A throw-away git repository holding this repository's tracked files as they are in
 * the working tree, committed once: what an Argo CD repo-server checks out. `.git` is
 * part of the directory, as in a repo-server checkout.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyTrackedFiles } from '../support/copy-repo.js';

export interface TempRepo {
  readonly dir: string;
  /** Runs git in the repository and returns its trimmed stdout. */
  git(...args: readonly string[]): string;
  /** Writes files (repo-relative paths), commits them and returns the new commit. */
  commit(message: string, files: Readonly<Record<string, string>>): string;
  head(): string;
  remove(): void;
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'st2-gitops test',
  GIT_AUTHOR_EMAIL: 'test@127.0.0.1',
  GIT_COMMITTER_NAME: 'st2-gitops test',
  GIT_COMMITTER_EMAIL: 'test@127.0.0.1',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export function createTempRepo(prefix = 'st2-argocd-repo-'): TempRepo {
  const dir = copyTrackedFiles(prefix);
  const git = (...args: readonly string[]): string =>
    execFileSync('git', [...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV }, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'st2-gitops working tree');
  return {
    dir,
    git,
    commit(message, files) {
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), text);
      }
      git('add', '-A');
      git('commit', '-q', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    head: () => git('rev-parse', 'HEAD'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
