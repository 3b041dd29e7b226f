/**
 * The CLI as a function: argv and streams in, exit code out. It never exits
 * the process; main.ts does. stdout carries manifests only, and only when
 * the whole render succeeded and (for `render`) the policies allow it.
 */
import path from 'node:path';
import { resolveBudgets } from '../core/budgets.js';
import { describeError, EXIT_DENIED, EXIT_OK, exitCodeForError } from '../core/exit-codes.js';
import type { CommandIo } from '../core/command-io.js';
import { checkRendered, checkRenderedStaged, toJsonList, toYamlStream } from '../pipeline.js';
import { formatFindingLine, ruleCatalogueJson, ruleCatalogueMarkdown } from '../policy/index.js';
import { renderOverlay } from '../render/index.js';
import { createNodeFileReader, endLargeInputWatch, findRepoRoot, keepingTexts, loadPolicyEngine, overlayRelativeTo, type PolicyWorkerSlot } from '../repository/index.js';
import { parseArgs, USAGE } from './args.js';

/** What the CLI gets from the process entry besides the streams. */
export interface CliIo extends CommandIo {
  /** A policy worker for large renders (src/repository/policy-worker.ts); none: the gate runs in this thread. */
  readonly policyWorker?: PolicyWorkerSlot | undefined;
  /** The policy worker's script, for `serve`'s warm helper (server/policy-helper.ts); none: every gate in one thread. */
  readonly policyWorkerScript?: string | undefined;
}

/** `st2-gitops render|build|rules|help|version`: argv in, exit code out; it never exits the process. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === 'help') {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    if (args.command === 'version') {
      io.stdout(`st2-gitops 0.1.0 (node ${process.version}, started from ${io.startedFrom === 'snapshot' ? 'the startup snapshot' : 'the module bundle'})\n`);
      return EXIT_OK;
    }
    const root = args.root ? path.resolve(io.cwd, args.root) : findRepoRoot(io.cwd);
    const budgets = resolveBudgets(io.env, args.budgetFlags);
    const fs = createNodeFileReader(root, { maxFileBytes: budgets.maxFileBytes });
    if (args.command === 'rules') {
      const { rules } = await loadPolicyEngine(fs);
      io.stdout(args.output === 'json' ? ruleCatalogueJson(rules) : ruleCatalogueMarkdown(rules));
      return EXIT_OK;
    }
    const overlay = overlayRelativeTo(root, io.cwd, args.overlay ?? '.');
    const print = (manifests: Parameters<typeof toYamlStream>[0]): void =>
      io.stdout(args.output === 'json' ? toJsonList(manifests, budgets) : toYamlStream(manifests, budgets));

    if (args.command === 'build') {
      const result = renderOverlay(fs, overlay, budgets);
      for (const notice of result.notices) io.stderr(`warning: ${notice}\n`);
      print(result.resources.map((r) => r.manifest));
      return EXIT_OK;
    }

    // Findings' lines come from the texts the render read, not a second read.
    const gated = keepingTexts(fs);
    // A render that turns out large starts the policy worker on the other core while it goes on.
    io.policyWorker?.arm({ root, source: 'repository', maxFileBytes: budgets.maxFileBytes });
    const render = renderOverlay(gated, overlay, budgets);
    endLargeInputWatch();
    const worker = io.policyWorker?.take();
    const outcome = worker
      ? await checkRenderedStaged(render, { environment: args.environment }, { fs: gated, policy: await worker.engine, now: io.now, budgets })
      : checkRendered(render, { environment: args.environment }, { fs: gated, policy: await loadPolicyEngine(gated), now: io.now, budgets });
    for (const notice of outcome.render.notices) io.stderr(`warning: ${notice}\n`);
    const blocking = outcome.report.findings.filter((f) => f.severity === 'deny' && !f.waived);
    if (!outcome.allowed) {
      io.stderr(`st2-gitops: ${overlay} denied by policy (${blocking.length} blocking finding${blocking.length === 1 ? '' : 's'}, environment ${outcome.report.profile}); nothing was rendered\n`);
    }
    // One write for all of them: a large render's hundreds of findings are hundreds of writes otherwise.
    if (outcome.report.findings.length > 0) io.stderr(outcome.report.findings.map((finding) => `${formatFindingLine(finding)}\n`).join(''));
    if (!outcome.allowed) return EXIT_DENIED;
    print(outcome.manifests);
    return EXIT_OK;
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return exitCodeForError(error);
  }
}
