/**
 * The HTTP app as a factory (CONVENTIONS §3.9): `createApp(deps)` wires routes
 * to the shared pipeline and has no side effects; it neither listens nor reads
 * the environment nor touches the disk except through `deps`. Only
 * server/main.ts listens. Errors go to server/error-handler.ts, the one place
 * that maps them to statuses.
 */
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { OverlayEntry } from '../repository/index.js';
import type { FileReader } from '../repository/index.js';
import { toAppsetParameters, matchesFilter, type OverlayState } from './appset.js';
import { createTokenCheck } from './appset-auth.js';
import { DASHBOARD_CSP, renderDashboard, type DashboardOverlay } from './dashboard.js';
import { createErrorHandler, describeHttpError, HttpError, notFoundHandler } from './error-handler.js';
import type { StatPath } from './input-tracker.js';
import { createServerMetrics, type ServerMetrics } from './metrics.js';
import openapi from './openapi.json' with { type: 'json' };
import type { HelperLender } from './policy-helper.js';
import type { PolicyProvider } from './policy-provider.js';
import { requestContext } from './request-context.js';
import { createRenderService, type RenderedOverlay, type RenderService } from './render-service.js';
import { appsetFilterSchema, checkBodySchema, getParamsBodySchema, parseOrThrow, renderBodySchema } from './schemas.js';
import { admitMiddleware, createAdmission, isWorkLimiter } from './admission.js';
import { createWorkLimiter, type WorkLimiter, type WorkLimiterOptions } from './work-limiter.js';
import type { Budgets } from '../core/budgets.js';

export interface AppDeps {
  /** The repository, read-only and confined to its root. */
  readonly fs: FileReader;
  /** Loads (and reloads on change) the policy bundle. */
  readonly policy: PolicyProvider;
  /** Cheap change detection for the warm cache; without it every check re-hashes contents. */
  readonly stat?: StatPath | undefined;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Bearer token of the ApplicationSet plugin endpoint; undefined disables the endpoint. */
  readonly appsetToken: string | undefined;
  /** @default a fresh registry */
  readonly metrics?: ServerMetrics | undefined;
  /** Largest JSON request body in bytes. @default 65536 */
  readonly bodyLimitBytes?: number | undefined;
  /** A request still unanswered after this long gets a 503. @default 30000 */
  readonly requestTimeoutMs?: number | undefined;
  /** True once graceful shutdown began: responses then close their connection. */
  readonly isShuttingDown?: (() => boolean) | undefined;
  /** Render cache entry lifetime. @default 60000 */
  readonly cacheMaxAgeMs?: number | undefined;
  /** Renders run and queued at once; past them, 503 with Retry-After. @default 1 running, 16 queued */
  readonly work?: WorkLimiterOptions | undefined;
  /**
   * Requests to the work routes (render, check, getparams, dashboard) handled at once and
   * waiting; past them, 503 with Retry-After before the body is even read.
   * @default 2 handled, 16 waiting
   */
  readonly admission?: WorkLimiterOptions | WorkLimiter | undefined;
  /** Limits of every render (core/budgets.ts). @default DEFAULT_BUDGETS */
  readonly budgets?: Budgets | undefined;
  /** A warm policy worker lent to one render at a time (policy-helper.ts). @default none */
  readonly helpers?: HelperLender | undefined;
}

/**
 * The methods each path answers; any other method gets 405 with Allow
 * (HEAD comes with GET, as Express answers it).
 */
const ROUTES: Readonly<Record<string, readonly string[]>> = {
  '/': ['GET', 'HEAD'],
  '/healthz': ['GET', 'HEAD'],
  '/readyz': ['GET', 'HEAD'],
  '/metrics': ['GET', 'HEAD'],
  '/openapi.json': ['GET', 'HEAD'],
  '/v1/overlays': ['GET', 'HEAD'],
  '/v1/render': ['POST'],
  '/v1/check': ['POST'],
  '/api/v1/getparams.execute': ['POST'],
};

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'] as const;

function requestIdOf(res: Response): string | undefined {
  const id: unknown = res.locals['requestId'];
  return typeof id === 'string' ? id : undefined;
}

/** Express 5 forwards rejected promises to the error handler; this keeps handlers typed. */
function handle(fn: (req: Request, res: Response) => Promise<void> | void): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await fn(req, res);
    } catch (error) {
      next(error);
    }
  };
}

export function createApp(deps: AppDeps): Express {
  const { fs, logger, now } = deps;
  const metrics = deps.metrics ?? createServerMetrics();
  const bodyLimit = deps.bodyLimitBytes ?? 64 * 1024;
  const requestTimeoutMs = deps.requestTimeoutMs ?? 30_000;
  const limiter = createWorkLimiter(deps.work);
  const admission = isWorkLimiter(deps.admission) ? deps.admission : createAdmission(deps.admission);
  const admit = admitMiddleware(admission);
  metrics.setQueueSource(() => ({ active: limiter.active, queued: limiter.queued }));
  const service: RenderService = createRenderService({ fs, policy: deps.policy, stat: deps.stat, now, maxAgeMs: deps.cacheMaxAgeMs, limiter, budgets: deps.budgets, helpers: deps.helpers, onGate: (threads) => metrics.gates.inc({ threads: String(threads) }) });
  /** Serialised /v1/check answers, reused while every render in them is the same cached one. */
  const checkBodies = new Map<string, { readonly renders: readonly RenderedOverlay[]; readonly body: Buffer }>();
  const checkToken = createTokenCheck(deps.appsetToken);
  const jsonBody = express.json({ limit: bodyLimit, strict: true, type: 'application/json' });

  const requireJson: RequestHandler = (req, _res, next) => {
    if (!req.is('application/json')) {
      next(new HttpError(415, 'unsupported-media-type', 'send the request body as Content-Type: application/json'));
      return;
    }
    next();
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(requestContext({ logger, metrics, requestTimeoutMs, isShuttingDown: deps.isShuttingDown }));

  const finishedAfterTimeout = (res: Response): boolean => res.headersSent;

  const stateOf = async (entry: OverlayEntry): Promise<OverlayState> => {
    try {
      const { rendered, cacheHit } = await service.render(entry.path, undefined);
      countRender(entry.path, rendered.outcome.allowed, cacheHit);
      return { entry, summary: rendered.summary };
    } catch (error) {
      // The server's own trouble (policy bundle unloadable) fails the request; a bad overlay is data.
      if (describeHttpError(error, undefined).status >= 500) throw error;
      metrics.renders.inc({ overlay: entry.path, result: 'error' });
      return { entry, error };
    }
  };

  const countRender = (overlay: string, allowed: boolean, cacheHit: boolean): void => {
    metrics.renders.inc({ overlay, result: allowed ? 'allowed' : 'denied' });
    if (!allowed) metrics.denials.inc({ overlay });
    (cacheHit ? metrics.cacheHits : metrics.cacheMisses).inc({ overlay });
  };

  // Undeclared methods on known paths: 405 with Allow, never a 404 that hides the path.
  app.use((req, _res, next) => {
    const allowed = ROUTES[req.path];
    if (allowed !== undefined && !allowed.includes(req.method)) {
      next(new HttpError(405, 'method-not-allowed', `${req.method} is not allowed on ${req.path}; use ${allowed.filter((m) => m !== 'HEAD').join(' or ')}`, { headers: { Allow: allowed.join(', ') } }));
      return;
    }
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get(
    '/readyz',
    handle(async (_req, res) => {
      if (deps.isShuttingDown?.() === true) {
        res.status(503).json({ ready: false, reason: 'shutting down' });
        return;
      }
      // Failed before: try again, so a fixed bundle makes the pod ready without a restart.
      const retry = deps.policy.loaded() === undefined && deps.policy.lastError() !== undefined;
      const loaded = retry ? await deps.policy.current().catch(() => undefined) : deps.policy.loaded();
      if (loaded === undefined) {
        const failure = deps.policy.lastError();
        const reason = failure === undefined ? 'policy bundle not loaded yet' : describeHttpError(failure, undefined).body.message;
        res.status(503).json({ ready: false, reason });
        return;
      }
      res.json({ ready: true, policyBundle: loaded.hash.slice(0, 12), opaVersion: loaded.engine.opaVersion });
    }),
  );

  app.get(
    '/metrics',
    handle(async (_req, res) => {
      const text = await metrics.registry.metrics();
      res.type(metrics.registry.contentType).send(text);
    }),
  );

  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  app.get('/v1/overlays', (_req, res) => {
    res.json({ overlays: service.overlays().map((o) => ({ path: o.path, name: o.path.split('/').pop() ?? o.path, environment: o.environment })) });
  });

  app.post(
    '/v1/render',
    admit,
    requireJson,
    jsonBody,
    handle(async (req, res) => {
      const body = parseOrThrow(renderBodySchema, req.body, 'body');
      const overlay = service.resolveOverlay(body.overlay, 'body.overlay');
      const format = req.accepts(['application/json', ...YAML_TYPES]);
      if (format === false) {
        throw new HttpError(406, 'not-acceptable', `cannot answer in ${req.get('accept') ?? ''}; accept application/json or application/yaml`);
      }
      const { rendered, cacheHit } = await service.render(overlay, body.environment);
      if (finishedAfterTimeout(res)) return;
      const outcome = rendered.outcome;
      countRender(overlay, outcome.allowed, cacheHit);
      res.setHeader('X-Cache', cacheHit ? 'hit' : 'miss');
      // Content-addressed: the tag is the hash of every input, the bundle, the environment and the day.
      res.setHeader('ETag', rendered.etag);
      if (outcome.allowed && req.get('if-none-match') === rendered.etag) {
        res.status(304).end();
        return;
      }
      res.setHeader('X-Policy-Status', rendered.summary.status);
      if (!outcome.allowed) {
        const blocking = rendered.summary.blocking;
        res.status(422).json({
          error: 'policy-denied',
          message: `${overlay} denied by policy: ${blocking} blocking finding${blocking === 1 ? '' : 's'} (environment ${outcome.environment ?? 'undeclared'}, profile ${outcome.report.profile}); nothing was rendered`,
          requestId: requestIdOf(res),
          overlay,
          environment: outcome.environment ?? null,
          profile: outcome.report.profile,
          allowed: false,
          status: rendered.summary.status,
          findings: outcome.report.findings,
        });
        return;
      }
      const kind = format === 'application/json' ? 'json' : 'yaml';
      res.setHeader('Vary', 'Accept, Accept-Encoding');
      res.type(kind === 'json' ? 'application/json' : `${format}; charset=utf-8`);
      if (kind === 'yaml') res.setHeader('X-Findings', String(outcome.report.findings.length));
      // Pre-compressed once per cached render; most clients (Go, fetch, curl --compressed) accept gzip.
      if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
        res.setHeader('Content-Encoding', 'gzip');
        res.send(rendered.gzip(kind));
      } else {
        res.send(kind === 'json' ? rendered.json() : rendered.yaml());
      }
    }),
  );

  app.post(
    '/v1/check',
    admit,
    requireJson,
    jsonBody,
    handle(async (req, res) => {
      const body = parseOrThrow(checkBodySchema, req.body, 'body');
      // Unique, listed overlays only: two spellings of one overlay are one render.
      const overlays = [
        ...new Set(body.overlays === undefined ? service.overlays().map((o) => o.path) : body.overlays.map((o, i) => service.resolveOverlay(o, `body.overlays[${i}]`))),
      ];
      const bodyKey = `${overlays.join('\0')}\0${body.environment ?? ''}`;
      const renders: RenderedOverlay[] = [];
      const results = [];
      for (const overlay of overlays) {
        try {
          const { rendered, cacheHit } = await service.render(overlay, body.environment);
          renders.push(rendered);
          countRender(overlay, rendered.outcome.allowed, cacheHit);
          const o = rendered.outcome;
          results.push({ overlay, environment: o.environment ?? null, profile: o.report.profile, allowed: o.allowed, status: rendered.summary.status, findings: o.report.findings });
        } catch (error) {
          const { status, body: err } = describeHttpError(error, undefined);
          if (status === 503 || status === 500) throw error;
          metrics.renders.inc({ overlay, result: 'error' });
          results.push({ overlay, allowed: false, status: 'error', error: { code: err.error, message: err.message } });
        }
      }
      if (finishedAfterTimeout(res)) return;
      // The same renders give the same bytes: serialise once, send the shared buffer to every caller.
      const cached = checkBodies.get(bodyKey);
      let payload: Buffer;
      if (cached !== undefined && cached.renders.length === renders.length && cached.renders.every((r, i) => r === renders[i])) payload = cached.body;
      else {
        payload = Buffer.from(JSON.stringify({ allowed: results.every((r) => r.allowed), results }));
        if (renders.length === overlays.length) {
          if (checkBodies.size >= 64) checkBodies.delete(checkBodies.keys().next().value as string);
          checkBodies.set(bodyKey, { renders, body: payload });
        }
      }
      res.type('application/json').send(payload);
    }),
  );

  app.post(
    '/api/v1/getparams.execute',
    (req, _res, next) => {
      checkToken(req.get('authorization'));
      next();
    },
    admit,
    requireJson,
    jsonBody,
    handle(async (req, res) => {
      const body = parseOrThrow(getParamsBodySchema, req.body, 'body');
      const filter = parseOrThrow(appsetFilterSchema, body.input?.parameters ?? {}, 'body.input.parameters');
      const parameters = [];
      for (const entry of service.overlays()) {
        const params = toAppsetParameters(await stateOf(entry));
        if (matchesFilter(params, filter)) parameters.push(params);
      }
      if (finishedAfterTimeout(res)) return;
      logger.info({ requestId: requestIdOf(res), applicationSet: body.applicationSetName, overlays: parameters.map((p) => p.path) }, 'getparams');
      res.json({ output: { parameters } });
    }),
  );

  app.get(
    '/',
    admit,
    handle(async (_req, res) => {
      const items: DashboardOverlay[] = [];
      for (const entry of service.overlays()) {
        const state = await stateOf(entry);
        items.push('error' in state ? { entry, error: describeHttpError(state.error, undefined).body.message } : state);
      }
      if (finishedAfterTimeout(res)) return;
      res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.type('text/html; charset=utf-8').send(renderDashboard(items, now()));
    }),
  );

  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}
