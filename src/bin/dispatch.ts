/**
 * The process's command router: the one place above the edges. `cmp`,
 * `check` and `serve` load their edge lazily (plain renders start lean);
 * everything else is the CLI. Edges never import each other (lint), so this
 * is the only module that knows them all.
 */
import { describeError, EXIT_OK, exitCodeForError } from '../core/exit-codes.js';
import { runCli, type CliIo } from '../cli/run.js';

async function serve(argv: readonly string[], io: CliIo): Promise<number> {
  const { parseServeArgs, runServe, SERVE_USAGE } = await import('../server/main.js');
  try {
    const { help, ...args } = parseServeArgs(argv);
    if (help) {
      io.stdout(SERVE_USAGE);
      return EXIT_OK;
    }
    return await runServe({ ...args, cwd: io.cwd, policyWorkerScript: io.policyWorkerScript });
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return exitCodeForError(error);
  }
}

/** Runs one st2-gitops command; never exits the process. */
export async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  // Argo CD plugin subcommands (plugin.yaml).
  if (argv[0] === 'cmp') return (await import('../cmp/index.js')).runCmp(argv.slice(1), io);
  // Pull-request checks (npm run check); a report, not manifests.
  if (argv[0] === 'check') return (await import('../check/command.js')).runCheck(argv.slice(1), io);
  // The HTTP server (npm run serve); resolves after a graceful shutdown.
  if (argv[0] === 'serve') return serve(argv.slice(1), io);
  // Writes a waiver into an overlay's kustomization (loads the yaml Document API only here).
  if (argv[0] === 'waive') return (await import('../cli/waive.js')).runWaive(argv.slice(1), io);
  return runCli(argv, io);
}
