/**
 * The repository as a long-running server sees it: a reader that follows a
 * root which is a symlink swapped to each new checkout (git-sync), and a cheap
 * stat per path for the warm cache. Both resolve paths with the same
 * confinement as every other read.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { createNodeFileReader, normalizeRelPath, type EntryKind, type FileReader, type NodeReaderOptions } from '../io/file-system.js';

/** What a stat says about a repo-relative path; `id` changes whenever the entry may have. */
export interface FileStamp {
  readonly kind: EntryKind;
  readonly id: string;
  readonly mtimeMs: number;
}

/** Stats a repo-relative path (following symlinks inside the root); a path that escapes reads as missing. */
export type StatPath = (relPath: string) => FileStamp;

const MISSING: FileStamp = { kind: 'missing', id: 'missing', mtimeMs: 0 };

/**
 * A FileReader over `root` that follows it when it is a symlink that moves
 * (git-sync swaps `<root>/<link>` atomically to each new checkout). Every read
 * re-resolves the link; the warm cache checks files through the link too, so
 * a new checkout is picked up on the next request.
 */
export function createFollowingReader(root: string, options: NodeReaderOptions = {}): FileReader {
  let current = { real: realpathSync(root), fs: createNodeFileReader(root, options) };
  const fs = (): FileReader => {
    const real = realpathSync(root);
    if (real !== current.real) current = { real, fs: createNodeFileReader(real, options) };
    return current.fs;
  };
  return {
    kind: (p) => fs().kind(p),
    size: (p) => fs().size(p),
    read: (p) => fs().read(p),
    readBytes: (p) => fs().readBytes(p),
    list: (p) => fs().list(p),
  };
}

/**
 * Stats `root/relPath` for its identity only. A stamp never reaches output:
 * it decides whether the warm cache asks the confined reader again, and a path
 * that escapes fails there (the cached render is then not reused).
 */
export function createStat(root: string): StatPath {
  // The same few dozen paths are checked on every request: resolve each once.
  const absolute = new Map<string, string | undefined>();
  return (relPath) => {
    let file = absolute.get(relPath);
    if (file === undefined && !absolute.has(relPath)) {
      const normalized = normalizeRelPath(relPath);
      file = normalized === undefined ? undefined : path.join(root, normalized);
      if (absolute.size < 100_000) absolute.set(relPath, file);
    }
    if (file === undefined) return MISSING;
    // Millisecond floats keep sub-microsecond precision; same-tick rewrites are caught by RACY_MS.
    const s = statSync(file, { throwIfNoEntry: false });
    if (s === undefined) return MISSING;
    return { kind: s.isDirectory() ? 'directory' : 'file', id: `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`, mtimeMs: s.mtimeMs };
  };
}
