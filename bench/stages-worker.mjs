// Child process for the per-stage measurements (run by render-vs-kustomize.mjs and
// policy-vs-conftest.mjs): argv = <lib.mjs> <overlay> <warmIterations> [environment] [warmUp/calls]
// (environment '' for the overlay's own; warmUp/calls default to warm-check.mjs's 200/200).
// Prints one JSON line: cold (first call in this process) and warm (median) costs in ms.
// Warm render, emit and policy load: the median of <warmIterations> rounds of render, emit,
// policy load and checkRender. Warm checkRender (evaluate) and wasmOnly: warm-check.mjs's
// figure (a warm-up, then the median of many calls in a row on one engine), the goal's
// measurement; evaluateInterleaved: checkRender's median inside those rounds (after the
// warm-up), where each call follows a render, an emit and a fresh policy load.
import { warmTimes } from './warm-check.mjs';
const [lib, overlay, warmArg, environment, callsArg] = process.argv.slice(2);
const [warmUp, calls] = callsArg ? callsArg.split('/').map(Number) : [undefined, undefined];
const t0 = performance.now();
const m = await import(lib);
const tImport = performance.now() - t0;
const now = new Date();
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); const k = s.length >> 1; return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2; };
const time = (f) => { const t = performance.now(); const v = f(); return [performance.now() - t, v]; };
const timeAsync = async (f) => { const t = performance.now(); const v = await f(); return [performance.now() - t, v]; };

const root = m.findRepoRoot(process.cwd());
const fs = m.createNodeFileReader(root);
const [renderCold, rendered] = time(() => m.renderOverlay(fs, overlay));
const manifests = rendered.resources.map((r) => r.manifest);
const [emitCold, text] = time(() => m.toYamlStream(manifests));
const [policyLoadCold, engine] = await timeAsync(() => m.loadPolicyEngine(fs));
const env = environment || rendered.environment;
const [evalCold, report] = time(() => m.checkRender(engine, fs, rendered.resources, { environment: env, now }));
// Only the wasm evaluation (input already built, JSON already serialised).
const facts = { secret_values: m.collectSecretFacts(manifests, now) };
const inputJson = JSON.stringify({ profile: report.profile, environment: env ?? '', resources: manifests, facts }, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
const [wasmCold] = time(() => engine.evaluate(inputJson));

const n = Number(warmArg);
const check = () => m.checkRender(engine, fs, rendered.resources, { environment: env, now });
const counts = { ...(warmUp === undefined ? {} : { warmUp }), ...(calls === undefined ? {} : { calls }) };
const warmCheck = n ? warmTimes(check, counts) : undefined;
const warmWasm = n ? warmTimes(() => engine.evaluate(inputJson), counts) : undefined;
const warm = { render: [], emit: [], policyLoad: [], evaluateInterleaved: [] };
for (let i = 0; i < n; i++) {
  warm.render.push(time(() => m.renderOverlay(fs, overlay))[0]);
  warm.emit.push(time(() => m.toYamlStream(manifests))[0]);
  warm.policyLoad.push((await timeAsync(() => m.loadPolicyEngine(fs)))[0]);
  warm.evaluateInterleaved.push(time(check)[0]);
}
console.log(JSON.stringify({
  resources: manifests.length,
  bytes: text.length,
  findings: report.findings.length,
  denied: report.findings.filter((f) => f.severity === 'deny' && !f.waived).length,
  cold: { import: tImport, render: renderCold, emit: emitCold, policyLoad: policyLoadCold, evaluate: evalCold, wasmOnly: wasmCold },
  warm: {
    ...Object.fromEntries(Object.entries(warm).map(([k, v]) => [k, n ? med(v) : null])),
    evaluate: warmCheck?.median ?? null,
    evaluateP90: warmCheck?.p90 ?? null,
    wasmOnly: warmWasm?.median ?? null,
    rounds: n,
    calls: warmCheck?.calls ?? 0,
    warmUp: warmCheck?.warmUp ?? 0,
  },
}));
