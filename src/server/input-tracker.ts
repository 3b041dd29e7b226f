/**
 * Knowing when a cached render is still true. A render reads its inputs only
 * through a FileReader; wrapping that reader records every question the render
 * asked (is this a file? what is in this directory? what does this file say?)
 * with the answer's content hash. A cached result is reused only while every
 * recorded answer is still the same, so a changed, added or removed input is
 * seen on the very next request (issue 6, "never stale").
 *
 * Checking a file costs one stat: its identity (inode, size, mtime and ctime in
 * nanoseconds) is compared first and the content is re-hashed only when that
 * changed, or while the file is "racily clean" (modified within RACY_MS of when
 * it was recorded, so a same-timestamp rewrite cannot slip through; git's index
 * uses the same rule).
 */
import { createHash } from 'node:crypto';
import type { FileReader, FileStamp, StatPath } from '../repository/index.js';

export type { FileStamp, StatPath };

/** Files modified this close to their recording are re-hashed until they are older. */
export const RACY_MS = 2000;

type Check = 'kind' | 'list' | 'content';

interface Dependency {
  readonly path: string;
  readonly check: Check;
  /** kind, sorted names or content hash, depending on `check`. */
  readonly answer: string;
  stamp: FileStamp | undefined;
  stampedAt: number;
  /** Set for binary files, whose hash is over bytes rather than UTF-8 text. */
  readonly binary: boolean;
}

export interface TrackerOptions {
  readonly stat?: StatPath | undefined;
  readonly now: () => number;
}

const STRENGTH: Readonly<Record<Check, number>> = { kind: 0, list: 1, content: 2 };

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The inputs one computation depended on, checkable later. */
export class InputSet {
  private readonly deps = new Map<string, Dependency>();

  constructor(private readonly options: TrackerOptions) {}

  get size(): number {
    return this.deps.size;
  }

  /** Repo-relative paths read, sorted (for logs and tests). */
  paths(): string[] {
    return [...this.deps.keys()].sort();
  }

  /** A hash over every recorded answer: equal hashes mean equal inputs. */
  digest(): string {
    const hash = createHash('sha256');
    for (const path of this.paths()) {
      const dep = this.deps.get(path);
      if (dep) hash.update(path).update('\0').update(dep.check).update('\0').update(dep.answer).update('\0');
    }
    return hash.digest('hex');
  }

  /** Stat first, answer second: a change in between then shows as a stamp mismatch later. */
  private stampNow(path: string): { stamp: FileStamp | undefined; at: number } {
    return { stamp: this.options.stat?.(path), at: this.options.now() };
  }

  private record(path: string, check: Check, answer: string, stamped: { stamp: FileStamp | undefined; at: number }, binary = false): void {
    const existing = this.deps.get(path);
    if (existing && STRENGTH[existing.check] >= STRENGTH[check]) return;
    this.deps.set(path, { path, check, answer, stamp: stamped.stamp, stampedAt: stamped.at, binary });
  }

  /** A FileReader that answers from `base` and records each answer. */
  wrap(base: FileReader): FileReader {
    return {
      kind: (path) => {
        const stamped = this.stampNow(path);
        const kind = base.kind(path);
        this.record(path, 'kind', kind, stamped);
        return kind;
      },
      size: (path) => {
        const stamped = this.stampNow(path);
        const text = base.kind(path) === 'file' ? base.read(path) : undefined;
        this.record(path, 'content', text === undefined ? 'missing' : sha256(text), stamped);
        return base.size(path);
      },
      read: (path) => {
        const stamped = this.stampNow(path);
        const text = base.read(path);
        this.record(path, 'content', sha256(text), stamped);
        return text;
      },
      readBytes: (path) => {
        const stamped = this.stampNow(path);
        const bytes = base.readBytes(path);
        this.record(path, 'content', sha256(bytes), stamped, true);
        return bytes;
      },
      list: (path) => {
        const stamped = this.stampNow(path);
        const names = base.list(path);
        this.record(path, 'list', names.join('\0'), stamped);
        return names;
      },
    };
  }

  /**
   * True while every recorded answer still holds. `fs` must read the same tree
   * as the one recorded; errors while checking (a path that now escapes) count
   * as a change.
   */
  isCurrent(fs: FileReader): boolean {
    const now = this.options.now();
    for (const dep of this.deps.values()) {
      if (!this.holds(dep, fs, now)) return false;
    }
    return true;
  }

  private holds(dep: Dependency, fs: FileReader, now: number): boolean {
    const { stat } = this.options;
    let current: FileStamp | undefined;
    if (stat) {
      current = stat(dep.path);
      if (dep.stamp !== undefined && current.id === dep.stamp.id && dep.stampedAt - current.mtimeMs >= RACY_MS) return true;
      if (dep.check === 'kind') return current.kind === dep.answer;
    }
    let answer: string;
    try {
      if (dep.check === 'kind') answer = fs.kind(dep.path);
      else if (dep.check === 'list') answer = fs.list(dep.path).join('\0');
      else if (dep.binary) answer = fs.kind(dep.path) === 'file' ? sha256(fs.readBytes(dep.path)) : 'missing';
      else answer = fs.kind(dep.path) === 'file' ? sha256(fs.read(dep.path)) : 'missing';
    } catch {
      return false;
    }
    if (answer !== dep.answer) return false;
    // Same answer: remember the new stamp so the next check is a plain stat again.
    if (current !== undefined) {
      dep.stamp = current;
      dep.stampedAt = now;
    }
    return true;
  }
}
