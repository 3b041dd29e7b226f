/**
 * The only way the pure core sees files. Paths are repo-relative and POSIX
 * (`overlays/prod/kustomization.yaml`); the root itself is `.`.
 * Implementations refuse anything that leaves the repository root, including
 * through symlinks, so the renderer never has to trust a path.
 */
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export type EntryKind = 'file' | 'directory' | 'missing';

export interface FileReader {
  /** What is at `relPath`, after following symlinks that stay inside the root. */
  kind(relPath: string): EntryKind;
  /** Size in bytes of a file. */
  size(relPath: string): number;
  /** The file's text (UTF-8). */
  read(relPath: string): string;
  /** Entry names of a directory, sorted. */
  list(relPath: string): readonly string[];
}

/** Thrown by a FileReader for a path that leaves the repository. */
export class PathEscapeError extends Error {
  constructor(readonly relPath: string, readonly reason: string) {
    super(`path '${relPath}' ${reason}`);
    this.name = 'PathEscapeError';
  }
}

/**
 * Normalises a repo-relative path; returns undefined when it climbs above the
 * root (`../x`) or is absolute.
 */
export function normalizeRelPath(relPath: string): string | undefined {
  if (relPath.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(relPath)) return undefined;
  const normalized = path.posix.normalize(relPath.replaceAll('\\', '/'));
  if (normalized === '..' || normalized.startsWith('../')) return undefined;
  return normalized === '' ? '.' : normalized.replace(/\/$/, '');
}

/** Joins a repo-relative directory and a relative reference inside it. */
export function joinRelPath(dir: string, ref: string): string | undefined {
  if (ref.startsWith('/')) return undefined;
  return normalizeRelPath(path.posix.join(dir, ref));
}

/** Characters read by every node reader in this process, for onLargeInput. */
let charactersRead = 0;
let largeInputWatch: { readonly threshold: number; readonly hook: () => void } | undefined;

/**
 * Calls `hook` once, when node readers have read more than `threshold`
 * characters from now on: lets the process entry tune the runtime for big
 * trees. Counting restarts, so reads made while a startup snapshot was built
 * don't count against the process that starts from it.
 */
export function onLargeInput(threshold: number, hook: () => void): void {
  charactersRead = 0;
  largeInputWatch = { threshold, hook };
}

function countRead(characters: number): void {
  charactersRead += characters;
  if (largeInputWatch !== undefined && charactersRead > largeInputWatch.threshold) {
    const { hook } = largeInputWatch;
    largeInputWatch = undefined;
    hook();
  }
}

/** Reads from a real directory; every path is checked against the root's real path. */
export function createNodeFileReader(rootDir: string): FileReader {
  const root = realpathSync.native(rootDir);
  // One realpath per path: renders ask kind(), then read(), for the same files.
  const resolved = new Map<string, string | undefined>();

  const resolve = (relPath: string): string | undefined => {
    const normalized = normalizeRelPath(relPath);
    if (normalized === undefined) throw new PathEscapeError(relPath, 'leaves the repository root');
    if (resolved.has(normalized)) return resolved.get(normalized);
    let real: string | undefined;
    try {
      real = realpathSync.native(path.join(root, normalized));
    } catch {
      real = undefined; // missing, or a dangling symlink
    }
    if (real !== undefined && real !== root && !real.startsWith(root + path.sep)) {
      throw new PathEscapeError(relPath, 'is a symlink that leaves the repository root');
    }
    resolved.set(normalized, real);
    return real;
  };

  return {
    kind(relPath) {
      const real = resolve(relPath);
      if (real === undefined) return 'missing';
      return statSync(real).isDirectory() ? 'directory' : 'file';
    },
    size(relPath) {
      const real = resolve(relPath);
      return real === undefined ? 0 : statSync(real).size;
    },
    read(relPath) {
      const real = resolve(relPath);
      if (real === undefined) throw new PathEscapeError(relPath, 'does not exist');
      const text = readFileSync(real, 'utf8');
      countRead(text.length);
      return text;
    },
    list(relPath) {
      const real = resolve(relPath);
      if (real === undefined) return [];
      return readdirSync(real).sort();
    },
  };
}

/** An in-memory tree for tests: `{ 'base/kustomization.yaml': '...' }`. */
export function createMemoryFileReader(files: Readonly<Record<string, string>>): FileReader {
  const contents = new Map<string, string>();
  const directories = new Set<string>(['.']);
  for (const [name, text] of Object.entries(files)) {
    const normalized = normalizeRelPath(name);
    if (normalized === undefined) throw new PathEscapeError(name, 'leaves the repository root');
    contents.set(normalized, text);
    let dir = path.posix.dirname(normalized);
    while (dir !== '.' && !directories.has(dir)) {
      directories.add(dir);
      dir = path.posix.dirname(dir);
    }
  }
  const checked = (relPath: string): string => {
    const normalized = normalizeRelPath(relPath);
    if (normalized === undefined) throw new PathEscapeError(relPath, 'leaves the repository root');
    return normalized;
  };
  return {
    kind(relPath) {
      const p = checked(relPath);
      if (contents.has(p)) return 'file';
      return directories.has(p) ? 'directory' : 'missing';
    },
    size(relPath) {
      return Buffer.byteLength(contents.get(checked(relPath)) ?? '', 'utf8');
    },
    read(relPath) {
      const text = contents.get(checked(relPath));
      if (text === undefined) throw new PathEscapeError(relPath, 'does not exist');
      return text;
    },
    list(relPath) {
      const dir = checked(relPath);
      const prefix = dir === '.' ? '' : `${dir}/`;
      const names = new Set<string>();
      for (const p of [...contents.keys(), ...directories]) {
        if (p !== dir && p.startsWith(prefix)) {
          const rest = p.slice(prefix.length);
          if (rest !== '') names.add(rest.split('/')[0] ?? rest);
        }
      }
      return [...names].sort();
    },
  };
}
