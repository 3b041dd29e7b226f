/**
 * Admission of the work routes (render, check, getparams, dashboard), issue 14: a bounded
 * number of their requests in progress and waiting, so the event loop always has room for
 * /healthz and /metrics. Past the queue, the server's request listener answers 503 with
 * Retry-After before Express, the body or a log line cost anything.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, RequestHandler } from 'express';
import { createWorkLimiter, type WorkLimiter, type WorkLimiterOptions } from './work-limiter.js';

/** Paths whose requests do render work and pass admission. */
export const WORK_PATHS: ReadonlySet<string> = new Set(['/', '/v1/render', '/v1/check', '/api/v1/getparams.execute']);

/** The admission limiter of the work routes. @default 2 handled, 16 waiting */
export function createAdmission(options: WorkLimiterOptions = {}): WorkLimiter {
  return createWorkLimiter({ concurrency: 1, queue: 16, ...options });
}

export function isWorkLimiter(value: WorkLimiterOptions | WorkLimiter | undefined): value is WorkLimiter {
  return value !== undefined && 'acquire' in value;
}

/** How long a 503 of the fast path is held before it is sent. */
const REJECT_HOLD_MS = 500;

const OVERLOADED_BODY = Buffer.from(
  JSON.stringify({ error: 'overloaded', message: 'the server is busy; retry after 1 s', requestId: null }),
);

/**
 * The server's request listener: while the work routes' admission queue is full,
 * their requests get 503 + Retry-After here, before Express, the body or a log line
 * cost anything, so a flood costs microseconds per request and /healthz keeps its
 * turn in the event loop (issue 14). Everything else goes to the app.
 */
export function createRequestListener(app: Express, admission: WorkLimiter, onRejected: () => void = () => undefined): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (admission.full) {
      const question = req.url?.indexOf('?') ?? -1;
      const pathname = question >= 0 ? req.url?.slice(0, question) : req.url;
      if (pathname !== undefined && WORK_PATHS.has(pathname)) {
        onRejected();
        // Answered after a short hold, as Retry-After asks of the client: a flood that ignores it
        // then costs one parse per connection per hold instead of one per turn of the loop.
        setTimeout(() => {
          res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': OVERLOADED_BODY.length, 'Retry-After': '1' });
          res.end(OVERLOADED_BODY);
        }, REJECT_HOLD_MS).unref();
        return;
      }
    }
    app(req, res);
  };
}

/** Holds a work request until admission lets it in; its turn ends when the response does. */
export function admitMiddleware(admission: WorkLimiter): RequestHandler {
  return (req, res, next) => {
    admission.acquire().then(
      (release) => {
        // A client that went away while waiting: its turn is over before it began.
        if (res.closed || req.destroyed) {
          release();
          return;
        }
        res.once('close', release);
        res.once('finish', release);
        next();
      },
      (error: unknown) => next(error),
    );
  };
}
