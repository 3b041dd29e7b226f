/**
 * The only way the pure core sees files. Paths are repo-relative and POSIX
 * (`overlays/prod/kustomization.yaml`); the root itself is `.`.
 * Implementations refuse anything that leaves the repository root, including
 * through symlinks, so the renderer never has to trust a path.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_BUDGETS } from '../core/budgets.js';
import { RenderError } from '../core/errors.js';

export type EntryKind = 'file' | 'directory' | 'missing';

export interface FileReader {
  /** What is at `relPath`, after following symlinks that stay inside the root. */
  kind(relPath: string): EntryKind;
  /** Size in bytes of a file. */
  size(relPath: string): number;
  /** The file's text (UTF-8), refused above the reader's size cap. */
  read(relPath: string): string;
  /** The file's bytes (the policy module), refused above the reader's size cap. */
  readBytes(relPath: string): Uint8Array;
  /** Entry names of a directory, sorted. */
  list(relPath: string): readonly string[];
}

/**
 * Thrown by a FileReader for a path that leaves the repository. Bad input
 * (exit 2), worded the same whether or not a symlink's target exists, so the
 * message never tells what is outside the repository.
 */
export class PathEscapeError extends RenderError {
  constructor(readonly relPath: string, readonly reason: string) {
    super('path-escape', `path '${relPath}' ${reason}`);
  }
}

/** Thrown for a file above the reader's size cap, before any of it is read. */
export class FileTooLargeError extends RenderError {
  constructor(relPath: string, bytes: number, cap: number) {
    super('file-too-large', `file is ${bytes} bytes, above the maxFileBytes budget of ${cap} (--max-file-bytes or ST2_GITOPS_MAX_FILE_BYTES to change it); split it`, { file: relPath });
  }
}

export interface NodeReaderOptions {
  /** Largest file read() and readBytes() hand out. @default DEFAULT_BUDGETS.maxFileBytes */
  readonly maxFileBytes?: number | undefined;
}

const ESCAPES = 'is a symlink that leaves the repository root';
/** Symlinks followed while resolving one path, as Linux allows (ELOOP). */
const MAX_SYMLINKS = 40;

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
/** Hooks waiting for their threshold, lowest first. */
let largeInputWatches: Array<{ readonly threshold: number; readonly hook: () => void }> = [];

/**
 * Calls `hook` once, when node readers have read more than `threshold`
 * characters from now on: lets the process entry tune the runtime for big
 * trees (several watches may wait, each for its own threshold). Counting
 * restarts, so reads made while a startup snapshot was built don't count
 * against the process that starts from it.
 */
export function onLargeInput(threshold: number, hook: () => void): void {
  charactersRead = 0;
  largeInputWatches = [...largeInputWatches, { threshold, hook }].sort((a, b) => a.threshold - b.threshold);
}

/**
 * Ends the watches when the render is over: what a command reads after it
 * (the policy bundle and its Rego sources, some 125 KB) says nothing about
 * how large the render was, and must not start a worker or retune the
 * runtime for a small render.
 */
export function endLargeInputWatch(): void {
  largeInputWatches = [];
}

function countRead(characters: number): void {
  charactersRead += characters;
  while (largeInputWatches.length > 0 && charactersRead > (largeInputWatches[0] as (typeof largeInputWatches)[number]).threshold) {
    const [first, ...rest] = largeInputWatches;
    largeInputWatches = rest;
    first?.hook();
  }
}

/**
 * Resolves `normalized` (repo-relative, no `..`) below `root` one component
 * at a time, reading symlinks itself instead of asking realpath: it never
 * looks at anything outside the root, so a link leaving the root is refused
 * with one message whether its target exists or not. Returns the absolute
 * path with every symlink resolved, or undefined when something is missing.
 */
function resolveConfined(root: string, relPath: string, normalized: string): string | undefined {
  const pending = normalized === '.' ? [] : normalized.split('/');
  const done: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const name = pending.shift() as string;
    if (name === '.' || name === '') continue;
    if (name === '..') {
      if (done.length === 0) throw new PathEscapeError(relPath, ESCAPES);
      done.pop();
      continue;
    }
    const here = path.join(root, ...done, name);
    let isLink: boolean;
    try {
      isLink = lstatSync(here).isSymbolicLink();
    } catch {
      return undefined; // missing (or unreadable): nothing to follow
    }
    if (!isLink) {
      done.push(name);
      continue;
    }
    if (++links > MAX_SYMLINKS) throw new PathEscapeError(relPath, 'has too many levels of symlinks');
    const target = readlinkSync(here);
    let rest: string;
    if (path.isAbsolute(target)) {
      // An absolute link may name a place inside the root by its full path; anything else escapes.
      if (target !== root && !target.startsWith(root + path.sep)) throw new PathEscapeError(relPath, ESCAPES);
      rest = path.relative(root, target);
      done.length = 0;
    } else {
      rest = target;
    }
    const parts = rest.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
    // `..` past the root escapes: checked as the parts are consumed.
    let depth = done.length;
    for (const part of parts) {
      depth += part === '..' ? -1 : 1;
      if (depth < 0) throw new PathEscapeError(relPath, ESCAPES);
    }
    pending.unshift(...parts);
  }
  return done.length === 0 ? root : path.join(root, ...done);
}

/**
 * Reads from a real directory. Every path is resolved inside the root's real
 * path (symlinks leaving it refused), only regular files are read, and never
 * more than `maxFileBytes` of one: a link to /dev/zero or a 300 MB file costs
 * nothing but the error.
 */
export function createNodeFileReader(rootDir: string, options: NodeReaderOptions = {}): FileReader {
  const root = realpathSync.native(rootDir);
  const cap = options.maxFileBytes ?? DEFAULT_BUDGETS.maxFileBytes;
  // One resolution per path and per directory above it: renders ask kind(), then read(),
  // for the same files, and read many files of one directory.
  const resolved = new Map<string, string | undefined>();

  const resolve = (relPath: string): string | undefined => {
    const normalized = normalizeRelPath(relPath);
    if (normalized === undefined) throw new PathEscapeError(relPath, 'leaves the repository root');
    if (resolved.has(normalized)) return resolved.get(normalized);
    if (normalized === '.') return root;
    // Each directory on the way is resolved once: a path then costs one lstat of its
    // last component, or the whole walk from the root when that component is a symlink.
    const names = normalized.split('/');
    let real: string | undefined = root;
    let prefix = '';
    for (let i = 0; i < names.length && real !== undefined; i++) {
      const name = names[i] as string;
      prefix = i === 0 ? name : `${prefix}/${name}`;
      if (resolved.has(prefix)) {
        real = resolved.get(prefix);
        continue;
      }
      const here = path.join(real, name);
      let isLink: boolean | undefined;
      try {
        isLink = lstatSync(here).isSymbolicLink();
      } catch {
        isLink = undefined; // missing (or unreadable): nothing to follow
      }
      real = isLink === undefined ? undefined : isLink ? resolveConfined(root, relPath, prefix) : here;
      if (resolved.size < 100_000) resolved.set(prefix, real);
    }
    return real;
  };

  const readCapped = (relPath: string): Buffer => {
    const real = resolve(relPath);
    if (real === undefined) throw new PathEscapeError(relPath, 'does not exist');
    // Checked before opening: opening a FIFO blocks until someone writes to it.
    const before = statSync(real, { throwIfNoEntry: false });
    if (before === undefined) throw new PathEscapeError(relPath, 'does not exist');
    if (!before.isFile()) throw new RenderError('not-a-file', `'${relPath}' is not a regular file; only files and directories are read`, { file: relPath });
    if (before.size > cap) throw new FileTooLargeError(relPath, before.size, cap);
    const fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) throw new RenderError('not-a-file', `'${relPath}' is not a regular file; only files and directories are read`, { file: relPath });
      if (stat.size > cap) throw new FileTooLargeError(relPath, stat.size, cap);
      // Read at most cap + 1 bytes whatever the size said: a file that grows is still refused.
      const buffer = Buffer.allocUnsafe(Math.min(cap + 1, Math.max(stat.size, 0) + 1));
      let length = 0;
      for (;;) {
        const n = readSync(fd, buffer, length, buffer.length - length, null);
        if (n === 0) break;
        length += n;
        if (length === buffer.length) {
          if (length > cap) throw new FileTooLargeError(relPath, length, cap);
          break;
        }
      }
      return buffer.subarray(0, length);
    } finally {
      closeSync(fd);
    }
  };

  return {
    kind(relPath) {
      const real = resolve(relPath);
      if (real === undefined) return 'missing';
      const stat = statSync(real, { throwIfNoEntry: false });
      if (stat === undefined) return 'missing';
      return stat.isDirectory() ? 'directory' : 'file';
    },
    size(relPath) {
      const real = resolve(relPath);
      return real === undefined ? 0 : (statSync(real, { throwIfNoEntry: false })?.size ?? 0);
    },
    read(relPath) {
      const text = readCapped(relPath).toString('utf8');
      countRead(text.length);
      return text;
    },
    readBytes(relPath) {
      return new Uint8Array(readCapped(relPath));
    },
    list(relPath) {
      const real = resolve(relPath);
      if (real === undefined) return [];
      return readdirSync(real).sort();
    },
  };
}

/**
 * A reader that keeps the text of every file it reads, for one command: the
 * gate re-reads the files its findings point into for their lines, and gets
 * the very text the render parsed without opening them again (the 25-copy
 * tree's 50 findings re-read 25 files of 80 KB). Only for a process that
 * ends with its command: the texts live as long as the reader.
 */
export function keepingTexts(inner: FileReader): FileReader {
  const texts = new Map<string, string>();
  return {
    kind: (relPath) => inner.kind(relPath),
    size: (relPath) => inner.size(relPath),
    read(relPath) {
      let text = texts.get(relPath);
      if (text === undefined) {
        text = inner.read(relPath);
        texts.set(relPath, text);
      }
      return text;
    },
    readBytes: (relPath) => inner.readBytes(relPath),
    list: (relPath) => inner.list(relPath),
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
    readBytes(relPath) {
      const text = contents.get(checked(relPath));
      if (text === undefined) throw new PathEscapeError(relPath, 'does not exist');
      return new Uint8Array(Buffer.from(text, 'utf8'));
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
