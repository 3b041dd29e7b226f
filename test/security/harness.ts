/**
 * Hostile inputs against a REAL child process (issue 14): the launcher
 * dist/st2-gitops runs under GNU time, so each case measures the peak RSS and
 * the wall time of the process that did the work, not of the test runner.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const launcher = path.join(repoRoot, 'dist/st2-gitops');
export const GNU_TIME = '/usr/bin/time';

/** What every hostile case must stay under (the sidecar's memory limit is 512 Mi). */
export const MAX_RSS_MIB = 512;
export const MAX_SECONDS = 10;

export interface HostileRepo {
  /** Files by repo-relative path. */
  readonly files?: Readonly<Record<string, string>>;
  /** Symlinks: repo-relative path → target as written. */
  readonly links?: Readonly<Record<string, string>>;
  /** Sparse files of this many bytes (cost no disk, read as zeros). */
  readonly sparse?: Readonly<Record<string, number>>;
  /** Named pipes. */
  readonly fifos?: readonly string[];
  /** Copy the repository's policies/ (sources and bundle) so `render` can gate. @default true */
  readonly policies?: boolean;
}

export interface Measured {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  readonly rssMiB: number;
  readonly timedOut: boolean;
}

const made: string[] = [];

export function cleanupRepos(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A throw-away repository laid out as `spec` says. */
export function makeRepo(spec: HostileRepo): string {
  const root = mkdtempSync(path.join(tmpdir(), 'st2-hostile-'));
  made.push(root);
  mkdirSync(path.join(root, '.git'));
  if (spec.policies !== false) cpSync(path.join(repoRoot, 'policies'), path.join(root, 'policies'), { recursive: true });
  const ensureDir = (rel: string): void => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  };
  for (const [rel, text] of Object.entries(spec.files ?? {})) {
    ensureDir(rel);
    writeFileSync(path.join(root, rel), text);
  }
  for (const [rel, bytes] of Object.entries(spec.sparse ?? {})) {
    ensureDir(rel);
    writeFileSync(path.join(root, rel), '');
    truncateSync(path.join(root, rel), bytes);
  }
  for (const [rel, target] of Object.entries(spec.links ?? {})) {
    ensureDir(rel);
    rmSync(path.join(root, rel), { force: true, recursive: true });
    symlinkSync(target, path.join(root, rel));
  }
  for (const rel of spec.fifos ?? []) {
    ensureDir(rel);
    execFileSync('mkfifo', [path.join(root, rel)]);
  }
  return root;
}

/** Runs the real launcher under GNU time; a run past `timeoutSeconds` is killed and reported. */
export function runMeasured(argv: readonly string[], options: { cwd: string; env?: Readonly<Record<string, string>> | undefined; input?: string; timeoutSeconds?: number }): Measured {
  const started = process.hrtime.bigint();
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: tmpdir(), LC_ALL: 'C', ...options.env };
  const r = spawnSync(GNU_TIME, ['-f', '\n@@rss=%M', launcher, ...argv], {
    cwd: options.cwd,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: (options.timeoutSeconds ?? MAX_SECONDS * 3) * 1000,
    maxBuffer: 64 * 1024 * 1024,
    killSignal: 'SIGKILL',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stderr = r.stderr ?? '';
  const match = /\n@@rss=(\d+)\s*$/.exec(stderr);
  return {
    code: r.status,
    stdout: r.stdout ?? '',
    stderr: match ? stderr.slice(0, match.index) : stderr,
    seconds,
    rssMiB: match ? Number(match[1]) / 1024 : Number.NaN,
    timedOut: r.error !== undefined || r.signal === 'SIGKILL',
  };
}

export function gnuTimeAvailable(): boolean {
  return existsSync(GNU_TIME) && existsSync(launcher);
}
