/**
 * The policy worker: the gate's wasm in a worker thread, for large renders
 * (issue 12's speed goal on the 25-copy tree). The CLI starts it while it is
 * still rendering, once the render has read more than a threshold: the
 * worker boots, reads and verifies the policy bundle through its own
 * confined reader and compiles the wasm on the machine's other core. After
 * the render the resources go to the worker first; it parses them into the
 * wasm heap while this thread searches their strings for default secrets,
 * then the rest of the input follows and the worker evaluates
 * (checkRenderStaged). Same bundle, same input, same findings as the
 * in-thread engine; only the order of the work changes.
 *
 * Fail closed: a worker that cannot load the bundle reports the same error
 * the in-thread load would (exit 2); a worker that dies or answers nonsense
 * is an internal error (exit 3). Never a render without its gate.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { MessagePort, Worker } from 'node:worker_threads';
import { InternalError, isPipelineError, PolicyLoadError } from '../core/errors.js';
import { isJsonObject } from '../core/manifest.js';
import { createNodeFileReader } from '../io/file-system.js';
import { createPolicyEngine, parseRawFinding, type LocalPolicyEngine, type RawFinding, type RuleInfo, type StagedPolicyEngine } from '../policy/index.js';
import { literalsOf } from '../policy/literals.js';
import { settingsOf } from '../policy/settings.js';
import { readBundleFrom, type PolicySource } from './policy.js';

/** What the worker needs to load the bundle the in-thread engine would load. */
export interface PolicyWorkerRequest {
  /** The repository root (the confined reader's root). */
  readonly root: string;
  readonly source: PolicySource;
  /** The render's maxFileBytes budget, for the worker's reader too. */
  readonly maxFileBytes: number;
}

/**
 * Initial wasm memory of the worker's engine, in 64 KiB pages: 160 MiB, above
 * the ~125 MiB the 25-copy tree's evaluation uses (about 48 bytes per byte of
 * input JSON since the seventh red-team round's rules), so OPA's allocator
 * does not grow the memory a page at a time: each grow costs about 0.4 ms,
 * and growing from 80 MiB cost that tree's first evaluation 270 ms
 * (2026-12-06; growing it once from JavaScript costs even more, so the size
 * is set when the memory is made). Only touched pages cost memory.
 */
const WORKER_MEMORY_PAGES = 2560;
/** The memory is touched this much at a time, so a message waits for one piece at most (a few ms). */
const TOUCH_PIECE_BYTES = 4 << 20;

type Reply =
  | { readonly type: 'ready'; readonly opaVersion: string; readonly sourceSha256: string; readonly data: unknown; readonly rules: Record<string, RuleInfo> }
  | { readonly type: 'early' | 'findings'; readonly findings: readonly RawFinding[] }
  | { readonly type: 'error'; readonly name: string; readonly code: string; readonly message: string };

function errorReply(error: unknown): Reply {
  if (isPipelineError(error)) return { type: 'error', name: error.name, code: error.code, message: error.message };
  return { type: 'error', name: 'Error', code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The worker thread's side (src/bin/policy-worker.ts calls it): loads the
 * engine, reports `ready` with what the main thread needs to describe
 * findings, then answers `stage` and `finish` messages.
 */
export async function servePolicyWorker(port: MessagePort, data: unknown): Promise<void> {
  let engine: LocalPolicyEngine;
  try {
    const request = requestOf(data);
    const bundle = readBundleFrom(request.source, createNodeFileReader(request.root, { maxFileBytes: request.maxFileBytes }));
    engine = await createPolicyEngine(bundle, { initialMemoryPages: WORKER_MEMORY_PAGES });
    port.postMessage({ type: 'ready', opaVersion: engine.opaVersion, sourceSha256: engine.sourceSha256, data: bundle.data, rules: engine.rules } satisfies Reply);
  } catch (error) {
    port.postMessage(errorReply(error));
    return;
  }
  // The render is still going on: map the memory the evaluation will use now, a piece
  // at a time, until the resources come (the evaluation then maps what is left).
  let staging = false;
  const touch = (): void => {
    if (!staging && engine.touchMemory(TOUCH_PIECE_BYTES)) setImmediate(touch);
  };
  setImmediate(touch);
  port.on('message', (message: unknown) => {
    staging = true;
    try {
      if (!isJsonObject(message) || typeof message['json'] !== 'string') throw new InternalError('policy worker: a message without its JSON');
      if (message['type'] === 'stage') {
        engine.stageResources(message['json']);
      } else if (message['type'] === 'head') {
        port.postMessage({ type: 'early', findings: engine.stageHead(message['json']) } satisfies Reply);
      } else if (message['type'] === 'finish') {
        port.postMessage({ type: 'findings', findings: engine.evaluateStaged(message['json']) } satisfies Reply);
      }
    } catch (error) {
      port.postMessage(errorReply(error));
    }
  });
}

function requestOf(data: unknown): PolicyWorkerRequest {
  if (
    isJsonObject(data) &&
    typeof data['root'] === 'string' &&
    (data['source'] === 'image' || data['source'] === 'repository') &&
    typeof data['maxFileBytes'] === 'number'
  ) {
    return { root: data['root'], source: data['source'], maxFileBytes: data['maxFileBytes'] };
  }
  throw new InternalError('policy worker: started without a valid request');
}

/** A worker's error, as the error the in-thread engine would have thrown. */
function errorFrom(reply: Extract<Reply, { type: 'error' }>): Error {
  if (reply.name === 'InternalError' || reply.code === 'internal') return new InternalError(`policy worker: ${reply.message}`);
  return new PolicyLoadError(reply.code, reply.message);
}

function replyOf(message: unknown): Reply {
  if (isJsonObject(message)) {
    const { type } = message;
    if (type === 'ready' && typeof message['opaVersion'] === 'string' && typeof message['sourceSha256'] === 'string' && isJsonObject(message['rules'])) {
      return message as Reply;
    }
    if ((type === 'early' || type === 'findings') && Array.isArray(message['findings'])) return { type, findings: message['findings'].map(parseRawFinding) };
    if (type === 'error' && typeof message['name'] === 'string' && typeof message['code'] === 'string' && typeof message['message'] === 'string') {
      return message as Reply;
    }
  }
  throw new InternalError('policy worker: an answer of unknown shape');
}

/** A started worker: its engine once loaded, and a way to let the process exit without it. */
export interface PolicyWorker {
  /** Resolves once the worker has loaded the bundle; rejects with the load's error. */
  readonly engine: Promise<StagedPolicyEngine>;
  /** Lets the process exit whatever the worker is doing (the command is over). */
  release(): void;
}

/**
 * Starts the worker thread `script` (dist/policy-worker.mjs). One evaluation
 * at a time: the CLI makes one. node:worker_threads is loaded here, not at
 * import: a process started from the V8 startup snapshot needs the module's
 * state made at run time (its shared cwd counter cannot be in the snapshot;
 * loaded while the snapshot was built, every worker fails at boot). By
 * require, since code started from a snapshot cannot import().
 */
export function startPolicyWorker(script: string | URL, request: PolicyWorkerRequest): PolicyWorker {
  let worker: Worker;
  try {
    const threads = createRequire(path.join(process.cwd(), 'st2-gitops.cjs'))('node:worker_threads') as { readonly Worker: typeof Worker };
    worker = new threads.Worker(script, { workerData: request });
  } catch (error) {
    const failed = Promise.reject(new InternalError(`policy worker thread could not start: ${error instanceof Error ? error.message : String(error)}`));
    failed.catch(() => undefined);
    return { engine: failed, release: () => undefined };
  }
  let pending: { resolve(findings: RawFinding[]): void; reject(error: Error): void } | undefined;
  let pendingEarly: { resolve(findings: RawFinding[]): void; reject(error: Error): void } | undefined;
  let failure: Error | undefined;
  let onReady: ((engine: StagedPolicyEngine) => void) | undefined;
  let onLoadFailed: ((error: Error) => void) | undefined;
  const engine = new Promise<StagedPolicyEngine>((resolve, reject) => {
    onReady = resolve;
    onLoadFailed = reject;
  });
  // A command that never asks for the engine (its render failed) must not die of its rejection.
  engine.catch(() => undefined);

  const fail = (error: Error): void => {
    failure ??= error;
    onLoadFailed?.(failure);
    pending?.reject(failure);
    pending = undefined;
    pendingEarly?.reject(failure);
    pendingEarly = undefined;
  };
  worker.on('error', (error) => fail(new InternalError(`policy worker thread failed: ${error.message}`, { cause: error })));
  worker.on('exit', (code) => fail(new InternalError(`policy worker thread exited (code ${code}) before it answered`)));
  worker.on('message', (message: unknown) => {
    let reply: Reply;
    try {
      reply = replyOf(message);
    } catch (error) {
      fail(error instanceof Error ? error : new InternalError(String(error)));
      return;
    }
    if (reply.type === 'error') {
      fail(errorFrom(reply));
    } else if (reply.type === 'ready') {
      onReady?.(remoteEngine(reply));
    } else if (reply.type === 'early') {
      pendingEarly?.resolve([...reply.findings]);
      pendingEarly = undefined;
    } else if (pending !== undefined) {
      const answered = pending;
      pending = undefined;
      // Nothing more to wait for: the process may exit with the worker idle.
      worker.unref();
      answered.resolve([...reply.findings]);
    }
  });

  const remoteEngine = (ready: Extract<Reply, { type: 'ready' }>): StagedPolicyEngine => ({
    opaVersion: ready.opaVersion,
    sourceSha256: ready.sourceSha256,
    rules: ready.rules,
    literals: literalsOf(ready.data),
    settings: settingsOf(ready.data),
    stageResources(resourcesJson) {
      worker.postMessage({ type: 'stage', json: resourcesJson });
    },
    stageHead(headJson) {
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise<RawFinding[]>((resolve, reject) => {
        pendingEarly = { resolve, reject };
        worker.postMessage({ type: 'head', json: headJson });
      });
    },
    evaluateStaged(restJson) {
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise<RawFinding[]>((resolve, reject) => {
        pending = { resolve, reject };
        worker.ref();
        worker.postMessage({ type: 'finish', json: restJson });
      });
    },
  });

  return {
    engine,
    release() {
      worker.unref();
    },
  };
}

/**
 * How the process entry lends the CLI a policy worker: the CLI arms it with
 * the bundle's whereabouts before rendering, the process starts it when the
 * render turns out large (io's onLargeInput), and the CLI takes it after the
 * render, if it was started. A small render never starts one: booting a
 * thread costs more than its evaluation.
 */
export interface PolicyWorkerSlot {
  /** Where the bundle is; a worker may start from now on. */
  arm(request: PolicyWorkerRequest): void;
  /** Starts the worker if armed and not started yet. */
  start(): void;
  /** The started worker, if any. */
  take(): PolicyWorker | undefined;
  /** The command is over: let the process exit. */
  dispose(): void;
}

export function createPolicyWorkerSlot(script: string | URL): PolicyWorkerSlot {
  let request: PolicyWorkerRequest | undefined;
  let started: PolicyWorker | undefined;
  let wanted = false;
  const start = (): void => {
    wanted = true;
    if (request !== undefined && started === undefined) started = startPolicyWorker(script, request);
  };
  return {
    arm(next) {
      request = next;
      if (wanted) start();
    },
    start,
    take: () => started,
    dispose() {
      started?.release();
    },
  };
}
