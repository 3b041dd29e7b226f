// checkRender alone, in a loop on one engine: the in-process policy evaluation of an overlay
// without the render, emit and fresh policy load that stages-worker.mjs interleaves with its
// per-stage figures. The same measurement (warm-check.mjs) as the benchmarks' goal figure.
// Usage: node bench/checkrender-loop.mjs [overlay=overlays/prod] [calls=200]
// Prints the median (and p90) of checkRender and of the bare wasm evaluate (pre-serialised
// input, no facts), each after the same warm-up.
import { buildLib, LIB } from './build-lib.mjs';
import { WARM_UP, warmTimes } from './warm-check.mjs';

const [overlay = 'overlays/prod', calls = '200'] = process.argv.slice(2);
await buildLib();
const m = await import(LIB);
const fs = m.createNodeFileReader(m.findRepoRoot(process.cwd()));
const rendered = m.renderOverlay(fs, overlay);
const engine = await m.loadPolicyEngine(fs);
const now = new Date();
const inputJson = JSON.stringify({ profile: 'production', environment: '', resources: rendered.resources.map((r) => r.manifest), facts: {} });
const options = { calls: Number(calls) };
const check = warmTimes(() => m.checkRender(engine, fs, rendered.resources, { environment: rendered.environment, now }), options);
const wasm = warmTimes(() => engine.evaluate(inputJson), options);
console.log(`${overlay}: checkRender median ${check.median.toFixed(2)} ms (p90 ${check.p90.toFixed(2)}), wasm evaluate only ${wasm.median.toFixed(2)} ms (${calls} calls after ${WARM_UP} warm-up calls, one engine)`);
