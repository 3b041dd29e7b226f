/**
 * What every st2-gitops process does between start-up and exit, shared by the
 * module entry (main.ts) and the V8 startup snapshot (snapshot-main.ts): tune
 * the runtime, run the CLI, print buffered output, set the exit code. Output
 * is buffered so a failure never leaves partial manifests on stdout; `check`
 * prints its report whatever the verdict (a denied PR still needs its SARIF).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { StartedFrom } from '../core/command-io.js';
import { describeError, EXIT_INTERNAL } from '../core/exit-codes.js';
import { onLargeInput } from '../io/file-system.js';
import { createPolicyWorkerSlot, type PolicyWorkerSlot } from '../repository/index.js';
import { dispatch } from './dispatch.js';

/**
 * The policy worker's script, beside the blob or the module bundle that
 * started this process; none in tests (sources run there), and none when
 * ST2_GITOPS_POLICY_WORKER=0 (every gate then runs in the main thread).
 */
function policyWorkerScript(startedFrom: StartedFrom): string | undefined {
  if (process.env['ST2_GITOPS_POLICY_WORKER'] === '0') return undefined;
  const blobAt = process.execArgv.indexOf('--snapshot-blob');
  const from = startedFrom === 'snapshot' && blobAt >= 0 ? process.execArgv[blobAt + 1] : process.argv[1];
  if (from === undefined) return undefined;
  const script = path.join(path.dirname(path.resolve(from)), 'policy-worker.mjs');
  return existsSync(script) ? script : undefined;
}

/**
 * `render`'s policy worker: it starts when the render turns out large;
 * ST2_GITOPS_POLICY_WORKER=1 starts one for every render.
 */
function policyWorkerSlot(script: string | undefined): PolicyWorkerSlot | undefined {
  if (script === undefined) return undefined;
  const slot = createPolicyWorkerSlot(script);
  if (process.env['ST2_GITOPS_POLICY_WORKER'] === '1') slot.start();
  return slot;
}

/** Input past which the JavaScript of a command without a policy worker is optimised. */
const TURBOFAN_INPUT = 256 * 1024;
/** The same for `render` with its policy worker, whose thread then shares the machine's other core. */
const TURBOFAN_INPUT_BESIDE_WORKER = 8 * 1024 * 1024;

export async function runProcess(argv: readonly string[], startedFrom: StartedFrom): Promise<void> {
  // A typical render is over before optimised code repays its compile time
  // (on 2 cores it competes with the render itself): the CLI starts without
  // TurboFan. Past 256 KiB of input (a tree of a few hundred resources)
  // TurboFan pays for JavaScript and comes back on, unless a policy worker
  // shares the other core: then its compile jobs (about 200 ms of CPU for
  // the 25-copy tree, to save the main thread 45 ms of its 240) delay the
  // worker's load and evaluation, which is the longer path after the render
  // (2026-12-06, per-thread CPU of traced renders); past 8 MiB it pays again.
  // The policy wasm, compiled after rendering, stays Liftoff-only in one-shot
  // commands: one evaluation of even the 25-copy tree costs the main thread
  // the same with tier-up or without, and the tier-up jobs only cost
  // background CPU that the process then waits for when it exits. Only the
  // long-lived server tiers up. A large input also has the wasm compiled
  // whole when it is loaded, on V8's background threads as well as this one,
  // rather than function by function on first call on this thread: judging
  // the 25-copy tree calls most of the module (main-thread CPU of load +
  // evaluation 110 -> 102 ms).
  // A large render also starts the policy worker (src/repository/policy-worker.ts):
  // on a second core, loading the bundle and parsing the resources for the
  // wasm overlap the render and the string search.
  const longLived = argv[0] === 'serve';
  const workerScript = argv[0] === 'render' || argv[0] === 'serve' ? policyWorkerScript(startedFrom) : undefined;
  const worker = argv[0] === 'render' ? policyWorkerSlot(workerScript) : undefined;
  v8.setFlagsFromString('--no-opt');
  v8.setFlagsFromString('--liftoff-only');
  onLargeInput(256 * 1024, () => {
    v8.setFlagsFromString('--no-wasm-lazy-compilation');
    if (longLived) v8.setFlagsFromString('--no-liftoff-only');
    worker?.start();
  });
  onLargeInput(worker === undefined ? TURBOFAN_INPUT : TURBOFAN_INPUT_BESIDE_WORKER, () => v8.setFlagsFromString('--opt'));

  // Exit 1 means "denied by policy", so nothing else may end with node's default code 1.
  process.on('uncaughtException', (error) => {
    process.stderr.write(`${describeError(error)}\n`);
    process.exit(EXIT_INTERNAL);
  });
  // A reader that goes away (`| head`) ends the output, not the process with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.stderr.write(`${describeError(error)}\n`);
    process.exitCode = EXIT_INTERNAL;
  });
  try {
    const reportsAlways = argv[0] === 'check';
    const out: string[] = [];
    const code = await dispatch(argv, {
      cwd: process.cwd(),
      stdout: (text) => out.push(text),
      stderr: (text) => process.stderr.write(text),
      now: () => new Date(),
      startedFrom,
      env: process.env,
      policyWorker: worker,
      policyWorkerScript: argv[0] === 'serve' ? workerScript : undefined,
    });
    if ((code === 0 || reportsAlways) && out.length > 0) process.stdout.write(out.join(''));
    process.exitCode = code;
  } catch (error) {
    // runCli turns every failure into a code; anything escaping it is a bug, never a denial (1).
    process.stderr.write(`${describeError(error)}\n`);
    process.exitCode = EXIT_INTERNAL;
  } finally {
    worker?.dispose();
  }
}
