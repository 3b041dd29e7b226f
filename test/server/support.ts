/**
 * Shared set-up for the server suites: the app over a real repository (this
 * one or a throw-away copy), logs captured as parsed JSON lines, and a
 * process-level entry bundled with esbuild for the signal tests.
 */
import { mkdtempSync, realpathSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Express } from 'express';
import { pino } from 'pino';
import { createNodeFileReader, normalizeRelPath } from '../../src/io/file-system.js';
import { createApp, type AppDeps } from '../../src/server/app.js';
import type { FileStamp, StatPath } from '../../src/server/input-tracker.js';
import { createServerMetrics, type ServerMetrics } from '../../src/server/metrics.js';
import { createPolicyProvider, type PolicyProvider } from '../../src/server/policy-provider.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const TOKEN = 'test-appset-token-5f1c2d9e';

export interface TestApp {
  readonly app: Express;
  readonly policy: PolicyProvider;
  readonly metrics: ServerMetrics;
  /** Every log line the app wrote, as text. */
  readonly logs: string[];
}

function statFor(root: string): StatPath {
  return (rel): FileStamp => {
    const normalized = normalizeRelPath(rel);
    const s = normalized === undefined ? undefined : statSync(path.join(root, normalized), { bigint: true, throwIfNoEntry: false });
    if (s === undefined) return { kind: 'missing', id: 'missing', mtimeMs: 0 };
    return { kind: s.isDirectory() ? 'directory' : 'file', id: `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`, mtimeMs: Number(s.mtimeMs) };
  };
}

/** The app over `root` with the same real dependencies main.ts wires, logs captured. */
export function makeApp(root = repoRoot, overrides: Partial<AppDeps> = {}): TestApp {
  const real = realpathSync(root);
  const fs = createNodeFileReader(real);
  const stat = statFor(real);
  const policy = createPolicyProvider({
    fs,
    stat,
    now: () => Date.now(),
  });
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const metrics = createServerMetrics();
  const app = createApp({ fs, policy, stat, logger, now: () => new Date(), appsetToken: TOKEN, metrics, ...overrides });
  return { app, policy, metrics, logs };
}

/** Bundles the CLI with scripts/bundle.mjs into a temp dir, so a test runs the shipped `st2-gitops serve` process. */
export async function bundleServeEntry(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'st2-serve-'));
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/bundle.mjs'), '--outdir', dir], { stdio: 'inherit' });
  return path.join(dir, 'st2-gitops.mjs');
}
