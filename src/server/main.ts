/**
 * Process edge of `st2-gitops serve`: the only server file that reads the
 * environment, touches node:fs directly, listens and handles signals
 * (CONVENTIONS §3.2). Everything else is `createApp(deps)`.
 *
 * Graceful shutdown on SIGTERM or SIGINT: stop accepting connections, close
 * idle keep-alive ones, let in-flight requests finish (their responses carry
 * `Connection: close`), then resolve; after `shutdownGraceMs` the remaining
 * connections are cut.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import v8 from 'node:v8';
import { pino, type Logger } from 'pino';
import { collectDefaultMetrics } from 'prom-client';
import { resolveBudgets } from '../core/budgets.js';
import { ConfigError } from '../core/errors.js';
import { createFollowingReader, createStat, findRepoRoot, rootExists, startPolicyWorker } from '../repository/index.js';
import { createAdmission, createRequestListener } from './admission.js';
import { createApp } from './app.js';
import { createServerMetrics } from './metrics.js';
import { createHelperLender } from './policy-helper.js';
import { createPolicyProvider } from './policy-provider.js';

/** The environment variable holding the ApplicationSet plugin token. */
export const APPSET_TOKEN_ENV = 'ST2_GITOPS_APPSET_TOKEN';

export interface ServeArgs {
  /** TCP port; 0 picks a free one. @default 8080 */
  readonly port: number;
  /** Repository to serve. @default nearest ancestor of cwd with policies/bundle or .git */
  readonly root?: string | undefined;
  /** Interface to bind. @default '0.0.0.0' */
  readonly host?: string | undefined;
  /** Directory `root` is resolved against. @default process.cwd() */
  readonly cwd?: string | undefined;
  /**
   * The policy worker's script (dist/policy-worker.mjs): kept warm and lent
   * to one render at a time, whose gate then runs on two threads
   * (policy-helper.ts). @default none: every gate in the main thread
   */
  readonly policyWorkerScript?: string | undefined;
}

export interface StartOptions extends ServeArgs {
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default pino JSON lines on stdout */
  readonly logger?: Logger;
  /** @default 10000 */
  readonly shutdownGraceMs?: number;
  /** Node's limit for receiving a whole request. @default 30000 */
  readonly requestTimeoutMs?: number;
}

export interface ServerHandle {
  readonly server: Server;
  readonly url: string;
  readonly port: number;
  readonly root: string;
  /** Resolves once the policy bundle loaded (rejects when it cannot). */
  readonly ready: Promise<void>;
  /** Starts graceful shutdown (idempotent); resolves when the server has closed. */
  shutdown(reason: string): Promise<void>;
}

export const SERVE_USAGE = `Usage: st2-gitops serve [--port <n>] [--root <dir>] [--host <addr>]

Starts the HTTP server: POST /v1/render, POST /v1/check, GET /v1/overlays,
the Argo CD ApplicationSet plugin generator (POST /api/v1/getparams.execute,
enabled by ${APPSET_TOKEN_ENV}), /healthz, /readyz, /metrics, /openapi.json
and the dashboard at /.

Examples:
  ${APPSET_TOKEN_ENV}=$(cat token) st2-gitops serve --port 8080
  st2-gitops serve --port 9000 --root ../st2-gitops-fork
`;

/** Parses `serve` flags; every problem is a ConfigError naming the flag. */
export function parseServeArgs(argv: readonly string[]): ServeArgs & { readonly help: boolean } {
  let port = 8080;
  let root: string | undefined;
  let host: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (flag: string): string => {
      if (arg.includes('=')) return arg.slice(arg.indexOf('=') + 1);
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new ConfigError('usage', `${flag} needs a value; see st2-gitops serve --help`);
      return next;
    };
    if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const v = value('--port');
      const n = Number(v);
      if (!/^\d+$/.test(v) || n > 65535) throw new ConfigError('usage', `--port must be a number from 0 to 65535, not '${v}'`);
      port = n;
    } else if (arg === '--root' || arg.startsWith('--root=')) root = value('--root');
    else if (arg === '--host' || arg.startsWith('--host=')) host = value('--host');
    else throw new ConfigError('usage', `unknown argument '${arg}' for serve; see st2-gitops serve --help`);
  }
  return { port, root, host, help };
}

/** The variable bounding the work requests waiting for a turn (503 past it). */
export const QUEUE_ENV = 'ST2_GITOPS_MAX_QUEUED_REQUESTS';

function queueFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const value = env[QUEUE_ENV];
  if (value === undefined || value === '') return 16;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) throw new ConfigError('usage', `${QUEUE_ENV} must be a positive whole number, not '${value}'`);
  return Number(value);
}

/** Builds the app from real dependencies and listens; used by runServe and the process-level tests. */
export async function startServer(options: StartOptions): Promise<ServerHandle> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  // Kept as given (not realpath'd): a symlinked checkout may move; see createFollowingReader.
  const root = options.root === undefined ? findRepoRoot(cwd) : path.resolve(cwd, options.root);
  if (!rootExists(root)) throw new ConfigError('usage', `--root ${root} does not exist; give the repository directory`);
  const logger = options.logger ?? pino({ base: { service: 'st2-gitops' }, level: env['LOG_LEVEL'] ?? 'info' }, pino.destination({ fd: 1, sync: true }));
  const token = env[APPSET_TOKEN_ENV];
  const appsetToken = token === undefined || token.trim() === '' ? undefined : token.trim();

  // Budgets from the server's environment (ST2_GITOPS_MAX_*): a bad value stops the start.
  const budgets = resolveBudgets(env);
  const fs = createFollowingReader(root, { maxFileBytes: budgets.maxFileBytes });
  const stat = createStat(root);
  const nowMs = (): number => Date.now();
  const policy = createPolicyProvider({ fs, stat, now: nowMs });
  const script = options.policyWorkerScript;
  const helpers = script === undefined ? undefined : createHelperLender({ start: () => startPolicyWorker(script, { root, source: 'repository', maxFileBytes: budgets.maxFileBytes, use: 'helper' }), now: nowMs });
  const metrics = createServerMetrics();
  collectDefaultMetrics({ register: metrics.registry, prefix: 'st2_gitops_' });

  let shuttingDown = false;
  const admission = createAdmission({ queue: queueFromEnv(env) });
  const app = createApp({
    fs,
    policy,
    stat,
    logger,
    now: () => new Date(),
    appsetToken,
    metrics,
    isShuttingDown: () => shuttingDown,
    admission,
    budgets,
    helpers,
  });

  const server = createServer(createRequestListener(app, admission, () => metrics.rejected.inc()));
  server.requestTimeout = options.requestTimeoutMs ?? 30_000;
  server.headersTimeout = Math.min(10_000, server.requestTimeout);
  server.keepAliveTimeout = 5_000;

  // In-flight responses: told to close their connection once shutdown begins.
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (shuttingDown) setImmediate(() => server.closeIdleConnections());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host === undefined || options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  logger.info(
    { port, root, appsetPlugin: appsetToken === undefined ? 'disabled' : 'enabled' },
    appsetToken === undefined
      ? `listening on ${url}; ApplicationSet plugin endpoint disabled: ${APPSET_TOKEN_ENV} is not set`
      : `listening on ${url}; ApplicationSet plugin endpoint enabled`,
  );

  const ready = policy.current().then(
    (loaded) => {
      logger.info({ policyBundle: loaded.hash.slice(0, 12) }, 'policy bundle loaded; ready');
    },
    (error: unknown) => {
      logger.error({ err: error instanceof Error ? error.message : String(error) }, 'policy bundle failed to load; not ready (renders answer 503)');
      throw error;
    },
  );
  ready.catch(() => undefined);

  let closed: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      shuttingDown = true;
      logger.info({ reason, inFlight: inFlight.size }, 'shutting down: refusing new connections, finishing in-flight requests');
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      const force = setTimeout(() => {
        logger.warn({ inFlight: inFlight.size }, 'shutdown grace period over; closing remaining connections');
        server.closeAllConnections();
      }, options.shutdownGraceMs ?? 10_000);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        helpers?.close();
        logger.info('server closed');
        resolve();
      });
      server.closeIdleConnections();
    });
    return closed;
  };

  return { server, url, port, root, ready, shutdown };
}

/**
 * `st2-gitops serve`: starts the server and resolves with the exit code once
 * SIGTERM or SIGINT has shut it down gracefully.
 */
export async function runServe(args: ServeArgs): Promise<number> {
  // cli/process-main.ts starts without TurboFan and with Liftoff-only wasm (short renders do
  // not repay them); a long-running server does, many times over: at ~2k warm requests/s it
  // is the difference that matters. The policy is compiled after this, in startServer.
  v8.setFlagsFromString('--opt');
  v8.setFlagsFromString('--no-liftoff-only');
  // Listen for signals before listening on the port: a SIGTERM during start-up must not kill us mid-way.
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  const handle = await startServer(args);
  await handle.shutdown(await signalled);
  // Nothing should keep the loop alive now; if something does, do not hang a pod's termination.
  setTimeout(() => process.exit(0), 2_000).unref();
  return 0;
}
