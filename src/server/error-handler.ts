/**
 * The one place that turns errors into HTTP statuses (CONVENTIONS §3.6): every
 * error body is `{ error, message, requestId }`, never a stack trace, and never
 * a request header or token. Argo CD's plugin generator shows `message`
 * (../shared/reference/argocd.md §9), so it always carries the human text.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { PipelineError } from '../core/errors.js';

/** An error a handler means to send with a given status. */
export class HttpError extends Error {
  readonly status: number;
  /** Stable machine-readable code, e.g. `unknown-overlay`. */
  readonly code: string;
  /** Extra response headers, e.g. `WWW-Authenticate`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Extra JSON fields for the body (validation issues, known overlays). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { headers?: Record<string, string>; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = extra.headers ?? {};
    this.details = extra.details ?? {};
  }
}

export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly requestId: string | undefined;
  readonly [key: string]: unknown;
}

/** Pipeline error codes that are the caller's fault rather than the repository's. */
const STATUS_BY_PIPELINE_CODE: Readonly<Record<string, number>> = {
  'path-escape': 400,
  'overlay-missing': 404,
  'overlay-not-directory': 404,
};

/** The status and body for any thrown value. Exported for tests. */
export function describeHttpError(error: unknown, requestId: string | undefined): { status: number; headers: Readonly<Record<string, string>>; body: ErrorBody } {
  if (error instanceof HttpError) {
    return { status: error.status, headers: error.headers, body: { ...error.details, error: error.code, message: error.message, requestId } };
  }
  // A body whose Content-Encoding does not decode (zlib and brotli throw these while body-parser inflates).
  if (isDecodeError(error)) {
    return { status: 400, headers: {}, body: { error: 'malformed-encoding', message: 'request body does not decode as its Content-Encoding says; send it as declared, or uncompressed', requestId } };
  }
  // body-parser errors (express.json): they carry `type` and `status`.
  if (isBodyParserError(error)) {
    if (error.type === 'entity.too.large') {
      return { status: 413, headers: {}, body: { error: 'body-too-large', message: `request body is larger than the ${String(error.limit)} byte limit`, requestId } };
    }
    if (error.type === 'entity.parse.failed') {
      return { status: 400, headers: {}, body: { error: 'malformed-json', message: 'request body is not valid JSON', requestId } };
    }
    if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
      return { status: 415, headers: {}, body: { error: 'unsupported-encoding', message: 'request body encoding is not supported; send UTF-8 JSON', requestId } };
    }
    return { status: error.status >= 400 && error.status < 500 ? error.status : 400, headers: {}, body: { error: 'bad-request', message: 'request body could not be read', requestId } };
  }
  if (error instanceof PipelineError) {
    const status =
      STATUS_BY_PIPELINE_CODE[error.code] ??
      (error.name === 'ConfigError' ? 400 : error.name === 'RenderError' ? 422 : error.name === 'PolicyLoadError' ? 503 : 500);
    const code = status === 500 ? 'internal' : error.name === 'RenderError' && status === 422 ? 'render-failed' : error.code;
    const message = status === 500 ? 'internal error; see the server log for this request id' : error.message;
    return { status, headers: {}, body: { error: code, message, requestId, ...(error.name === 'RenderError' ? { detail: error.code } : {}) } };
  }
  return { status: 500, headers: {}, body: { error: 'internal', message: 'internal error; see the server log for this request id', requestId } };
}

interface BodyParserError {
  readonly type: string;
  readonly status: number;
  readonly limit?: number;
}

/** zlib and brotli errors carry a numeric errno and a Z_* (zlib) or ERR_* (brotli) code. */
function isDecodeError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return typeof errno === 'number' && typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR_'));
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return error instanceof Error && typeof (error as Partial<BodyParserError>).type === 'string' && typeof (error as Partial<BodyParserError>).status === 'number';
}

/** Express error middleware: logs 5xx with the error (no request headers), sends the JSON body. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const requestId = typeof res.locals['requestId'] === 'string' ? res.locals['requestId'] : undefined;
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, headers, body } = describeHttpError(error, requestId);
    // Deliberate answers (HttpError, a stale bundle) are in the access log already; only the
    // unexpected get a stack trace, and only in the log, never in the body.
    if (status >= 500 && !(error instanceof HttpError)) {
      const expected = error instanceof PipelineError && error.name === 'PolicyLoadError';
      const err = error instanceof Error ? { name: error.name, message: error.message, ...(expected ? {} : { stack: error.stack }) } : String(error);
      if (expected) logger.warn({ requestId, err }, `${req.method} ${req.path}: policy bundle not loadable`);
      else logger.error({ requestId, err }, `${req.method} ${req.path} failed`);
    }
    res.status(status).set(headers).json(body);
  };
}

/** Unmatched routes: a JSON 404 naming what exists. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not-found', `no route ${req.method} ${req.path}; see GET /openapi.json`));
};
