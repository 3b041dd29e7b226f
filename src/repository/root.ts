/**
 * Finding the repository an edge serves, and turning user-given paths into
 * repo-relative ones. Root discovery looks only at names (a directory holding
 * policies/bundle or .git), never at file contents.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';

/** The nearest ancestor of `start` holding the policy bundle or a .git, else `start`. */
export function findRepoRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'policies/bundle')) || existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

/** True when `dir` exists (a `--root` given by a user). */
export function rootExists(dir: string): boolean {
  return existsSync(dir);
}

/** Turns a user-given overlay path into a repo-relative one, refusing paths outside the root. */
export function overlayRelativeTo(root: string, cwd: string, overlay: string): string {
  const relative = path.relative(root, path.resolve(cwd, overlay)).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new ConfigError('path-escape', `overlay '${overlay}' is outside the repository root ${root}; pass --root`);
  }
  return relative === '' ? '.' : relative;
}
