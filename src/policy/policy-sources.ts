/**
 * What the policy bundle is built from: every non-test .rego file and every
 * data.json under policies/ (the bundle directory aside), hashed in a fixed
 * order so a stale bundle is detected before it can gate anything.
 */
import { createHash } from 'node:crypto';
import type { FileReader } from '../io/file-system.js';

export const POLICY_DIR = 'policies';
export const BUNDLE_DIR = 'policies/bundle';

/** Repo-relative paths of the bundle's sources, sorted. */
export function listPolicySources(fs: FileReader, dir = POLICY_DIR): string[] {
  const out: string[] = [];
  for (const name of fs.list(dir)) {
    const path = `${dir}/${name}`;
    if (path === BUNDLE_DIR) continue;
    const kind = fs.kind(path);
    if (kind === 'directory') out.push(...listPolicySources(fs, path));
    else if (kind === 'file' && ((name.endsWith('.rego') && !name.endsWith('_test.rego')) || name === 'data.json')) out.push(path);
  }
  return out.sort();
}

/**
 * sha256 over `path NUL content NUL` of each source, in order. Read as bytes
 * (the same UTF-8 the text would hash to): checking the bundle is not input
 * to the render, so it does not count towards the CLI's large-input switch
 * (which starts the policy worker).
 */
export function hashPolicySources(fs: FileReader): string {
  const hash = createHash('sha256');
  for (const path of listPolicySources(fs)) {
    hash.update(path).update('\0').update(fs.readBytes(path)).update('\0');
  }
  return hash.digest('hex');
}
