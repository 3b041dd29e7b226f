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
/** The timing of f and the process's CPU time per call (both threads) over the same calls. */
async function withCpu(time) {
  const cpu = process.cpuUsage();
  const result = await time();
  const used = process.cpuUsage(cpu);
  return { ...result, cpuPerCall: (used.user + used.system) / 1000 / (result.calls + result.warmUp) };
}
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist/policy-worker.mjs');
const worker = m.startPolicyWorker(script, { root, source: 'repository', maxFileBytes: 8 << 20, use: 'helper' });
const helper = await worker.engine;
const one = await withCpu(async () => warmTimes(() => m.checkRender(engine, fs, rendered.resources, options), counts));
const two = await withCpu(() => warmTimesAsync(() => m.checkRenderParallel(engine, helper, fs, rendered.resources, options), counts));
const wasm = warmTimes(() => engine.evaluate(inputJson), counts);
worker.stop();
const ms = (x) => x.toFixed(2);
console.log(
  `${overlay}: checkRender median ${ms(one.median)} ms (p90 ${ms(one.p90)}, CPU ${ms(one.cpuPerCall)} ms/call); ` +
    `on two threads median ${ms(two.median)} ms (p90 ${ms(two.p90)}, CPU ${ms(two.cpuPerCall)} ms/call); ` +
    `wasm evaluate only ${ms(wasm.median)} ms (${calls} calls after ${WARM_UP} warm-up calls, one engine)`,
);
