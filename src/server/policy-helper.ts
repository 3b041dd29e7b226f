/**
 * A warm policy worker the server lends to one render at a time, so that
 * render's gate runs on two threads (checkRenderParallel). A render that
 * finds it busy, not loaded yet, broken or judging with another bundle is
 * gated in its own thread as before: the same findings either way, only
 * slower. A worker whose bundle is stale (the provider reloaded) or that
 * failed is replaced, at most once per `restartAfterMs`.
 */
import type { PolicyHelper } from '../policy/index.js';
import type { PolicyWorker } from '../repository/index.js';

export interface LentHelper {
  readonly helper: PolicyHelper;
  /** Gives the helper back; `failed`: it failed the check and is replaced. */
  giveBack(failed: boolean): void;
}

export interface HelperLender {
  /** The helper for one check with the bundle of `sourceSha256`, or undefined: gate in this thread. */
  borrow(sourceSha256: string): LentHelper | undefined;
  /** Stops the worker (server shutdown). */
  close(): void;
}

export interface HelperLenderOptions {
  readonly start: () => PolicyWorker;
  readonly now: () => number;
  /** @default 5000 */
  readonly restartAfterMs?: number;
}

export function createHelperLender(options: HelperLenderOptions): HelperLender {
  const restartAfterMs = options.restartAfterMs ?? 5_000;
  let worker: PolicyWorker | undefined;
  let startedAt = 0;
  let ready: PolicyHelper | undefined;
  let broken = false;
  let busy = false;

  const start = (): void => {
    worker?.stop();
    const current = options.start();
    worker = current;
    startedAt = options.now();
    ready = undefined;
    broken = false;
    current.engine.then(
      (helper) => {
        if (worker === current) ready = helper;
      },
      () => {
        if (worker === current) broken = true;
      },
    );
  };
  const restartIfDue = (): void => {
    if (options.now() - startedAt >= restartAfterMs) start();
  };
  start();

  return {
    borrow(sourceSha256) {
      if (busy || worker === undefined) return undefined;
      if (broken || (ready !== undefined && ready.sourceSha256 !== sourceSha256)) {
        restartIfDue();
        return undefined;
      }
      if (ready === undefined) return undefined;
      busy = true;
      return {
        helper: ready,
        giveBack(failed) {
          busy = false;
          if (failed) {
            broken = true;
            restartIfDue();
          }
        },
      };
    },
    close() {
      worker?.stop();
      worker = undefined;
      ready = undefined;
    },
  };
}
