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
import { isJsonObject, type Manifest } from '../core/manifest.js';
import { createNodeFileReader } from '../io/file-system.js';
import { collectStringFactInput, createPolicyEngine, parseRawFinding, type LocalPolicyEngine, type PolicyHelper, type RawFinding, type RuleInfo, type StagedPolicyEngine } from '../policy/index.js';
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
  /**
   * `large-render` (the CLI's): the wasm memory made big at once and mapped
   * while the render goes on. `helper` (the server's, kept warm for many
   * renders of any size): the memory the data needs, grown on demand, so an
   * idle server does not hold 160 MiB. @default 'large-render'
   */
  readonly use?: 'large-render' | 'helper' | undefined;
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
  | ({ readonly type: 'error' } & Failure)
  // The helper's answers (check-render-parallel.ts), each to the call of the same id.
  | { readonly type: 'strings'; readonly id: number; readonly facts: Record<string, unknown> }
  | { readonly type: 'operations'; readonly id: number; readonly findings: readonly RawFinding[] }
  | ({ readonly type: 'failed'; readonly id: number } & Failure);

interface Failure {
  readonly name: string;
  readonly code: string;
  readonly message: string;
}

function failureOf(error: unknown): Failure {
  if (isPipelineError(error)) return { name: error.name, code: error.code, message: error.message };
  return { name: 'Error', code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

function errorReply(error: unknown): Reply {
  return { type: 'error', ...failureOf(error) };
}

/**
 * The worker thread's side (src/bin/policy-worker.ts calls it): loads the
 * engine, reports `ready` with what the main thread needs to describe
 * findings, then answers `stage`, `head` and `finish` messages (the CLI's
 * staged evaluation) and `strings` and `operations` (a helper's: createHelperSide).
 */
export async function servePolicyWorker(port: MessagePort, data: unknown): Promise<void> {
  let engine: LocalPolicyEngine;
  let request: PolicyWorkerRequest;
  try {
    request = requestOf(data);
    const bundle = readBundleFrom(request.source, createNodeFileReader(request.root, { maxFileBytes: request.maxFileBytes }));
    engine = await createPolicyEngine(bundle, request.use === 'helper' ? {} : { initialMemoryPages: WORKER_MEMORY_PAGES });
    port.postMessage({ type: 'ready', opaVersion: engine.opaVersion, sourceSha256: engine.sourceSha256, data: bundle.data, rules: engine.rules } satisfies Reply);
  } catch (error) {
    port.postMessage(errorReply(error));
    return;
  }
  // A large render is still going on: map the memory the evaluation will use now, a piece
  // at a time, until the resources come (the evaluation then maps what is left).
  let staging = false;
  const helper = createHelperSide(engine);
  const touch = (): void => {
    if (!staging && engine.touchMemory(TOUCH_PIECE_BYTES)) setImmediate(touch);
  };
  if (request.use !== 'helper') setImmediate(touch);
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
      } else if (message['type'] === 'strings' || message['type'] === 'operations') {
        helper.answer(message['type'], message, (reply) => port.postMessage(reply));
      }
    } catch (error) {
      port.postMessage(errorReply(error));
    }
  });
}

/**
 * The helper's side of check-render-parallel.ts: a check's string search,
 * answered first (the main thread waits for it), then its resources staged
 * in the wasm; st2/operations_findings on those resources, only for the
 * check that staged them. A failure answers that call alone: the helper
 * stays usable.
 */
export function createHelperSide(engine: LocalPolicyEngine): { answer(type: 'strings' | 'operations', message: Record<string, unknown>, send: (reply: Reply) => void): void } {
  /** The check whose resources are staged, or why they could not be. */
  let staged: { readonly check: number; readonly failure?: Failure } | undefined;
  return {
    answer(type, message, send) {
      const { id, json, now, check } = message;
      if (typeof id !== 'number' || typeof json !== 'string') throw new InternalError('policy worker: a call without its id');
      const failed = (error: unknown): void => send({ type: 'failed', id, ...failureOf(error) });
      if (type === 'operations') {
        const mine = staged?.check === check ? staged : undefined;
        if (mine === undefined) return failed(new InternalError("the resources staged are not this check's"));
        staged = undefined;
        if (mine.failure !== undefined) return send({ type: 'failed', id, ...mine.failure });
        try {
          return send({ type, id, findings: engine.evaluateStagedPart(json, 'st2/operations_findings') });
        } catch (error) {
          return failed(error);
        }
      }
      staged = undefined;
      try {
        if (typeof now !== 'string') throw new InternalError('a string search without its clock');
        send({ type, id, facts: collectStringFactInput(manifestsOf(JSON.parse(json)), engine.literals, new Date(now)) });
      } catch (error) {
        return failed(error);
      }
      try {
        engine.stageResources(json);
        staged = { check: id };
      } catch (error) {
        staged = { check: id, failure: failureOf(error) };
      }
    },
  };
}

/** The resources' JSON as this thread made it: an array of objects. */
function manifestsOf(value: unknown): Manifest[] {
  if (!Array.isArray(value) || !value.every(isJsonObject)) throw new InternalError('policy worker: resources that are not a list of objects');
  return value;
}

function requestOf(data: unknown): PolicyWorkerRequest {
  if (
    isJsonObject(data) &&
    typeof data['root'] === 'string' &&
    (data['source'] === 'image' || data['source'] === 'repository') &&
    typeof data['maxFileBytes'] === 'number'
  ) {
    return { root: data['root'], source: data['source'], maxFileBytes: data['maxFileBytes'], use: data['use'] === 'helper' ? 'helper' : 'large-render' };
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
    const id = message['id'];
    if (typeof id === 'number') {
      if (type === 'strings' && isJsonObject(message['facts'])) return { type, id, facts: message['facts'] };
      if (type === 'operations' && Array.isArray(message['findings'])) return { type, id, findings: message['findings'].map(parseRawFinding) };
      if (type === 'failed' && typeof message['name'] === 'string' && typeof message['code'] === 'string' && typeof message['message'] === 'string') {
        return { type, id, name: message['name'], code: message['code'], message: message['message'] };
      }
    }
  }
  throw new InternalError('policy worker: an answer of unknown shape');
}

/** A started worker: its engine once loaded, and a way to let the process exit without it. */
export interface PolicyWorker {
  /** Resolves once the worker has loaded the bundle; rejects with the load's error. It is also a helper for checkRenderParallel, one check at a time. */
  readonly engine: Promise<StagedPolicyEngine & PolicyHelper>;
  /** Lets the process exit whatever the worker is doing (the command is over). */
  release(): void;
  /** Ends the thread: its pending and later calls fail (a server replacing it after the bundle changed). */
  stop(): void;
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
    return { engine: failed, release: () => undefined, stop: () => undefined };
  }
  let pending: { resolve(findings: RawFinding[]): void; reject(error: Error): void } | undefined;
  let pendingEarly: { resolve(findings: RawFinding[]): void; reject(error: Error): void } | undefined;
  let failure: Error | undefined;
  let onReady: ((engine: StagedPolicyEngine & PolicyHelper) => void) | undefined;
  let onLoadFailed: ((error: Error) => void) | undefined;
  /** The helper's calls waiting for their answers, by id: an answer to a call given up on (its check failed first) is dropped. */
  const calls = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>();
  let lastCall = 0;
  const engine = new Promise<StagedPolicyEngine & PolicyHelper>((resolve, reject) => {
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
    for (const call of calls.values()) call.reject(failure);
    calls.clear();
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
    if (reply.type === 'strings' || reply.type === 'operations' || reply.type === 'failed') {
      const call = calls.get(reply.id);
      calls.delete(reply.id);
      if (calls.size === 0) worker.unref();
      call?.resolve(reply);
    } else if (reply.type === 'error') {
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

  /** One call to the helper: its answer, or the helper's failure as this thread's error. */
  const call = (message: Record<string, unknown>): Promise<Reply> => {
    if (failure !== undefined) return Promise.reject(failure);
    const id = ++lastCall;
    return new Promise<Reply>((resolve, reject) => {
      calls.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...message, id });
    }).then((reply) => (reply.type === 'failed' ? Promise.reject(new InternalError(`policy helper: ${reply.message}`)) : reply));
  };

  const remoteEngine = (ready: Extract<Reply, { type: 'ready' }>): StagedPolicyEngine & PolicyHelper => ({
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
    begin(resourcesJson, now) {
      const strings = call({ type: 'strings', json: resourcesJson, now: now.toISOString() });
      const check = lastCall;
      return {
        strings: strings.then((reply) => (reply.type === 'strings' ? reply.facts : Promise.reject(new InternalError('policy helper: answered a string search with something else')))),
        async judgeOperations(headJson) {
          const reply = await call({ type: 'operations', json: headJson, check });
          return reply.type === 'operations' ? reply.findings : Promise.reject(new InternalError('policy helper: answered st2/operations_findings with something else'));
        },
      };
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
    stop() {
      fail(new InternalError('policy worker thread stopped'));
      void worker.terminate();
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
