/**
 * `st2-gitops check` as a function: argv (after the `check` word) and streams
 * in, exit code out; it never exits the process.
 *
 * stdout carries the formatted report and nothing else, whatever the exit
 * code, so `check --format sarif > results.sarif` yields a file to upload even
 * when an overlay is denied. Render problems and notices also go to stderr.
 */
import path from 'node:path';
import { resolveBudgets } from '../core/budgets.js';
import { describeError, EXIT_OK, exitCodeForError } from '../core/exit-codes.js';
import { createNodeFileReader, findRepoRoot, loadPolicyEngine, overlayRelativeTo } from '../repository/index.js';
import { CHECK_USAGE, parseCheckArgs } from './args.js';
import { checkOverlays } from './check-overlays.js';
import { formatReport } from './format/index.js';
import { snapshotAtRef } from './git-snapshot.js';
import { checkExitCode } from './report.js';

export interface CheckIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly now: () => Date;
  /** ST2_GITOPS_MAX_* budgets. @default {} */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** Kept in step with the CLI's `--version`. */
export const TOOL_VERSION = '0.1.0';

/**
 * Runs `st2-gitops check [overlay...] [--format f] [--base ref] [--root dir]`.
 * @returns 0 all allowed, 1 a denial, 2 bad input (an overlay failed to render, bad flags, unknown ref), 3 internal error.
 * @example await runCheck(['--base', 'origin/main', '--format', 'markdown'], { cwd, stdout, stderr, now: () => new Date() })
 */
export async function runCheck(argv: readonly string[], io: CheckIo): Promise<number> {
  try {
    const args = parseCheckArgs(argv);
    if (args.help) {
      io.stdout(CHECK_USAGE);
      return EXIT_OK;
    }
    const root = args.root ? path.resolve(io.cwd, args.root) : findRepoRoot(io.cwd);
    const budgets = resolveBudgets(io.env, args.budgetFlags);
    const fs = createNodeFileReader(root, { maxFileBytes: budgets.maxFileBytes });
    const overlays = args.overlays.map((o) => overlayRelativeTo(root, io.cwd, o));
    const policy = await loadPolicyEngine(fs);
    const report = checkOverlays(
      { overlays, base: args.base },
      { fs, policy, now: io.now, budgets, snapshotAt: (ref) => snapshotAtRef(root, ref), version: TOOL_VERSION },
    );
    for (const o of report.overlays) {
      if (o.status === 'error') io.stderr(`st2-gitops: check ${o.overlay}: ${o.error.message}\n`);
      else for (const notice of o.notices) io.stderr(`warning: ${o.overlay}: ${notice}\n`);
      if (o.diff?.baseError) io.stderr(`warning: ${o.overlay} at ${args.base ?? 'base'}: ${o.diff.baseError}\n`);
    }
    io.stdout(formatReport(report, args.format));
    return checkExitCode(report);
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return exitCodeForError(error);
  }
}
