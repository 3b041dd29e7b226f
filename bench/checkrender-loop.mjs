// checkRender alone, in a loop on one engine: the in-process policy evaluation of an overlay
// without the render, emit and fresh policy load that stages-worker.mjs interleaves with it.
// Usage: node bench/checkrender-loop.mjs [overlay=overlays/prod] [iterations=200]
// Prints the median of checkRender and of the bare wasm evaluate (pre-serialised input, no facts).
import { buildLib, LIB } from './build-lib.mjs';

const [overlay = 'overlays/prod', iterations = '200'] = process.argv.slice(2);
await buildLib();
const m = await import(LIB);
const fs = m.createNodeFileReader(m.findRepoRoot(process.cwd()));
const rendered = m.renderOverlay(fs, overlay);
const engine = await m.loadPolicyEngine(fs);
const now = new Date();
const inputJson = JSON.stringify({ profile: 'production', environment: '', resources: rendered.resources.map((r) => r.manifest), facts: {} });
const checks = [];
const wasm = [];
for (let i = 0; i < Number(iterations); i++) {
  let t = performance.now();
  m.checkRender(engine, fs, rendered.resources, { environment: undefined, now });
  checks.push(performance.now() - t);
  t = performance.now();
  engine.evaluate(inputJson);
  wasm.push(performance.now() - t);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`${overlay}: checkRender median ${median(checks).toFixed(2)} ms, wasm evaluate only ${median(wasm).toFixed(2)} ms (${iterations} iterations, one engine)`);
