/**
 * How much work the server takes on at once (issue 14). Renders and answers
 * are synchronous CPU work on one event loop, so what matters is not how many
 * run "at once" but how many start per turn of the loop, and that the queue is
 * bounded. Every caller waits for a turn: each turn of the event loop starts
 * at most `concurrency` of them, so requests that need no work (/healthz,
 * /metrics) are answered between them whatever the load. Past the queue, a
 * caller is refused at once with 503 and Retry-After, before any of its work.
 */
import { HttpError } from './error-handler.js';

export interface WorkLimiterOptions {
  /** Callers running at once, and started per turn of the event loop. @default 1 */
  readonly concurrency?: number | undefined;
  /** Callers waiting for a turn; more are refused with 503. @default 16 */
  readonly queue?: number | undefined;
  /** Seconds a refused client is told to wait (Retry-After). @default 1 */
  readonly retryAfterSeconds?: number | undefined;
}

export interface WorkLimiter {
  /** Runs `work` in its turn; throws a 503 HttpError when the queue is full. */
  run<T>(work: () => T | Promise<T>): Promise<T>;
  /** Waits for a turn and returns its release (idempotent); throws a 503 HttpError when the queue is full. */
  acquire(): Promise<() => void>;
  /** Running and queued, for /metrics. */
  readonly active: number;
  readonly queued: number;
  /** True when a new caller would be refused: the queue is full. */
  readonly full: boolean;
}

export function createWorkLimiter(options: WorkLimiterOptions = {}): WorkLimiter {
  const concurrency = options.concurrency ?? 1;
  const maxQueue = options.queue ?? 16;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  let active = 0;
  const waiting: (() => void)[] = [];
  let scheduled = false;

  // One pump per turn of the event loop: it starts at most `concurrency` callers.
  const pump = (): void => {
    scheduled = false;
    let started = 0;
    while (active < concurrency && started < concurrency && waiting.length > 0) {
      active++;
      started++;
      (waiting.shift() as () => void)();
    }
    if (waiting.length > 0 && active < concurrency) schedule();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pump);
  };

  const busy = (): HttpError =>
    new HttpError(503, 'overloaded', `the server is busy (${active} running, ${waiting.length} queued); retry after ${retryAfter} s`, { headers: { 'Retry-After': retryAfter } });

  const acquire = async (): Promise<() => void> => {
    if (waiting.length >= maxQueue) throw busy();
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      schedule();
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active--;
      if (waiting.length > 0) schedule();
    };
  };

  return {
    acquire,
    async run<T>(work: () => T | Promise<T>): Promise<T> {
      const release = await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
    get full() {
      return waiting.length >= maxQueue;
    },
  };
}
