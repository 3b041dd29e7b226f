/**
 * The CLI as a function: argv and streams in, exit code out. It never exits
 * the process; main.ts does. stdout carries manifests only, and only when
 * the whole render succeeded and (for `render`) the policies allow it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import { createNodeFileReader, type FileReader } from '../io/file-system.js';
import { findRepoRoot } from '../io/repo-root.js';
import { checkRendered, toJsonList, toYamlStream } from '../pipeline.js';
import { createPolicyEngine, formatFindingLine, readPolicyBundle, type PolicyEngine } from '../policy/index.js';
import { renderOverlay } from '../render/index.js';
import { parseArgs, USAGE } from './args.js';
import { describeError, EXIT_DENIED, EXIT_OK, exitCodeForError } from './exit-codes.js';

/** How this process started: from the V8 startup snapshot or by loading dist/st2-gitops.mjs. */
export type StartedFrom = 'snapshot' | 'module';

export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly now: () => Date;
  /** Reported by `version`, so a user can see whether the fast start applied. */
  readonly startedFrom?: StartedFrom | undefined;
}

export { findRepoRoot };

/** Turns a user-given overlay path into a repo-relative one, refusing paths outside the root. */
export function overlayRelativeTo(root: string, cwd: string, overlay: string): string {
  const relative = path.relative(root, path.resolve(cwd, overlay)).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new ConfigError('path-escape', `overlay '${overlay}' is outside the repository root ${root}; pass --root`);
  }
  return relative === '' ? '.' : relative;
}

export async function loadPolicyEngine(root: string, fs: FileReader): Promise<PolicyEngine> {
  const bundle = readPolicyBundle(fs, (relPath) => {
    const file = path.join(root, relPath);
    return existsSync(file) ? new Uint8Array(readFileSync(file)) : undefined;
  });
  return createPolicyEngine(bundle);
}

async function serve(argv: readonly string[], io: CliIo): Promise<number> {
  const { parseServeArgs, runServe, SERVE_USAGE } = await import('../server/main.js');
  try {
    const { help, ...args } = parseServeArgs(argv);
    if (help) {
      io.stdout(SERVE_USAGE);
      return EXIT_OK;
    }
    return await runServe({ ...args, cwd: io.cwd });
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return exitCodeForError(error);
  }
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // Argo CD plugin subcommands (plugin.yaml); loaded lazily to keep plain CLI start-up lean.
  if (argv[0] === 'cmp') return (await import('../cmp/index.js')).runCmp(argv.slice(1), io);
  // Pull-request checks (npm run check); a report, not manifests.
  if (argv[0] === 'check') return (await import('../check/command.js')).runCheck(argv.slice(1), io);
  // The HTTP server (npm run serve); resolves after a graceful shutdown.
  if (argv[0] === 'serve') return serve(argv.slice(1), io);
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
    const fs = createNodeFileReader(root);
    const overlay = overlayRelativeTo(root, io.cwd, args.overlay ?? '.');
    const print = (manifests: Parameters<typeof toYamlStream>[0]): void =>
      io.stdout(args.output === 'json' ? toJsonList(manifests) : toYamlStream(manifests));

    if (args.command === 'build') {
      const result = renderOverlay(fs, overlay);
      for (const notice of result.notices) io.stderr(`warning: ${notice}\n`);
      print(result.resources.map((r) => r.manifest));
      return EXIT_OK;
    }

    const render = renderOverlay(fs, overlay);
    const policy = await loadPolicyEngine(root, fs);
    const outcome = checkRendered(render, { environment: args.environment }, { fs, policy, now: io.now });
    for (const notice of outcome.render.notices) io.stderr(`warning: ${notice}\n`);
    const blocking = outcome.report.findings.filter((f) => f.severity === 'deny' && !f.waived);
    if (!outcome.allowed) {
      io.stderr(`st2-gitops: ${overlay} denied by policy (${blocking.length} blocking finding${blocking.length === 1 ? '' : 's'}, environment ${outcome.report.profile}); nothing was rendered\n`);
    }
    for (const finding of outcome.report.findings) io.stderr(`${formatFindingLine(finding)}\n`);
    if (!outcome.allowed) return EXIT_DENIED;
    print(outcome.manifests);
    return EXIT_OK;
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return exitCodeForError(error);
  }
}
