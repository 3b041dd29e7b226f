/**
 * The first middleware of every request: its id (a valid X-Request-Id is kept, else a fresh
 * UUID), the access log line and request metric, the request timeout, and Connection: close
 * once shutdown began. One middleware with one 'finish' listener, as it runs for every request.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { isJsonObject } from '../core/manifest.js';
import { HttpError } from './error-handler.js';
import type { ServerMetrics } from './metrics.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function routeOf(req: Request): string {
  const route: unknown = req.route;
  if (isJsonObject(route) && typeof route['path'] === 'string') return route['path'];
  return 'unmatched';
}

export interface RequestContextOptions {
  readonly logger: Logger;
  readonly metrics: ServerMetrics;
  readonly requestTimeoutMs: number;
  readonly isShuttingDown?: (() => boolean) | undefined;
}

export function requestContext({ logger, metrics, requestTimeoutMs, isShuttingDown }: RequestContextOptions): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const given = req.get('x-request-id');
    const requestId = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
    res.locals['requestId'] = requestId;
    res.setHeader('X-Request-Id', requestId);
    if (isShuttingDown?.() === true) res.setHeader('Connection', 'close');
    const timer = setTimeout(() => {
      if (!res.headersSent) next(new HttpError(503, 'request-timeout', `request not answered within ${requestTimeoutMs} ms; try again`));
    }, requestTimeoutMs);
    timer.unref();
    res.once('close', () => clearTimeout(timer));
    res.once('finish', () => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      metrics.requestDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      // Path only: no query string, no headers (Authorization never reaches a log line).
      logger.info(
        { requestId, method: req.method, path: req.path, route, status: res.statusCode, ms: Math.round(seconds * 1e5) / 100, cache: res.getHeader('X-Cache') },
        'request',
      );
    });
    next();
  };
}
