// checkRender alone, in a loop on one engine: the in-process policy evaluation of an overlay
// without the render, emit and fresh policy load that stages-worker.mjs interleaves with its
// per-stage figures. The same measurement (warm-check.mjs) as the benchmarks' goal figure.
// Usage: node bench/checkrender-loop.mjs [overlay=overlays/prod] [calls=200]
// Prints the median (and p90) of checkRender in one thread, of the same gate on two threads
// (checkRenderParallel with a warm policy worker, as `st2-gitops serve` gates; it needs the
// machine's second core free, and dist/ built), and of the bare wasm evaluate (pre-serialised
// input, no facts), each after the same warm-up, with the CPU time of each gate.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLib, LIB } from './build-lib.mjs';
import { WARM_UP, warmTimes, warmTimesAsync } from './warm-check.mjs';

const [overlay = 'overlays/prod', calls = '200'] = process.argv.slice(2);
await buildLib();
const m = await import(LIB);
const root = m.findRepoRoot(process.cwd());
const fs = m.createNodeFileReader(root);
const rendered = m.renderOverlay(fs, overlay);
const engine = await m.loadPolicyEngine(fs);
const now = new Date();
const options = { environment: rendered.environment, now };
const inputJson = JSON.stringify({ profile: 'production', environment: '', resources: rendered.resources.map((r) => r.manifest), facts: {} });
const counts = { calls: Number(calls) };
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist/policy-worker.mjs');
const worker = m.startPolicyWorker(script, { root, source: 'repository', maxFileBytes: 8 << 20, use: 'helper' });
const helper = await worker.engine;
const oneThread = () => m.checkRender(engine, fs, rendered.resources, options);
const twoThreads = () => m.checkRenderParallel(engine, helper, fs, rendered.resources, options);
const one = warmTimes(oneThread, counts);
const two = await warmTimesAsync(twoThreads, counts);
const wasm = warmTimes(() => engine.evaluate(inputJson), counts);
/** CPU time of the whole process (both threads, V8's helpers too) per call, over 100 more warm calls. */
async function cpuPerCall(f) {
  const start = process.cpuUsage();
  for (let i = 0; i < 100; i++) await f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / 100;
}
one.cpu = await cpuPerCall(oneThread);
two.cpu = await cpuPerCall(twoThreads);
worker.stop();
const ms = (x) => x.toFixed(2);
console.log(
  `${overlay}: checkRender median ${ms(one.median)} ms (p90 ${ms(one.p90)}, CPU ${ms(one.cpu)} ms/call); ` +
    `on two threads median ${ms(two.median)} ms (p90 ${ms(two.p90)}, CPU ${ms(two.cpu)} ms/call); ` +
    `wasm evaluate only ${ms(wasm.median)} ms (${calls} calls after ${WARM_UP} warm-up calls, one engine)`,
);
