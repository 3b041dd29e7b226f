#!/usr/bin/env node
// Whole-process wall time and peak RSS: `kubectl kustomize <dir>` vs
// `node dist/st2-gitops.mjs build <dir>` vs `node dist/st2-gitops.mjs render <dir>`,
// on overlays/prod and on the 25-copy tree from bench/generate-large-tree.mjs,
// then per-stage costs for overlays/prod inside one process.
//
// Needs: kubectl, node, GNU time at /usr/bin/time (peak RSS = %M; on Debian/Ubuntu
// `apt-get install -y time` if it is missing), dist/ built (node scripts/bundle.mjs).
//
// Usage: node bench/render-vs-kustomize.mjs [--quick] [--skip-large]
//   overlays/prod: 1 warm-up + 15 runs each; large tree: 1 warm-up + 3 runs kubectl, 10 runs ours.
//   --quick: 5 / 1 / 3 runs (smoke test).
// The large tree's `render` is judged with `--env dev`; if it is still denied (exit 1),
// the exit-1 runs are measured anyway and flagged in the table.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { bench, CLI, DENIED, fmtRow, gitState, LAUNCHER, max, median, min, REPO, TABLE_HEAD, TIME } from './common.mjs';
import { buildLib } from './build-lib.mjs';

const quick = process.argv.includes('--quick');
const skipLarge = process.argv.includes('--skip-large');
const N_SMALL = quick ? 5 : 15;
const N_LARGE_K = quick ? 1 : 3;
const N_LARGE_OURS = quick ? 3 : 10;
const N_STAGE_PROCS = quick ? 5 : 15;
const N_STAGE_WARM = quick ? 5 : 20;

if (!existsSync(TIME)) throw new Error(`${TIME} missing: apt-get install -y time`);
if (!existsSync(LAUNCHER)) throw new Error('dist/st2-gitops missing: node scripts/bundle.mjs');
const out = [];
const say = (s = '') => { out.push(s); process.stderr.write(`${s}\n`); };
const ratio = (a, b) => (median(a) / median(b)).toFixed(3);

function compare(title, dir, { nK, nOurs, renderArgs = [] }) {
  const rel = path.relative(REPO, dir);
  say(`\n### ${title} (\`${rel}\`)\n`);
  const k = bench(`kubectl kustomize ${rel}`, 'kubectl', ['kustomize', dir], { n: nK });
  const b = bench(`dist/st2-gitops build ${rel}`, LAUNCHER, ['build', dir], { n: nOurs });
  const r = bench(`dist/st2-gitops render ${rel}${renderArgs.length ? ` ${renderArgs.join(' ')}` : ''}`, LAUNCHER, ['render', dir, ...renderArgs], { n: nOurs, expectCodes: [0, 1], exit1Stderr: DENIED });
  // For comparison: the module bundle run by node directly, with this machine's environment
  // as it is (NODE_EXTRA_CA_CERTS included): what the launcher saves.
  const m = bench(`node dist/st2-gitops.mjs render ${rel}${renderArgs.length ? ` ${renderArgs.join(' ')}` : ''} (no launcher)`, process.execPath, [CLI, 'render', dir, ...renderArgs], { n: nOurs, expectCodes: [0, 1], exit1Stderr: DENIED });
  say(TABLE_HEAD);
  for (const x of [k, b, r, m]) say(fmtRow(x));
  say('');
  say(`- build / kustomize: wall ${ratio(b.walls, k.walls)}× (${(median(k.walls) / median(b.walls)).toFixed(1)}× faster), peak RSS ${ratio(b.rss, k.rss)}×`);
  say(`- render+gate / kustomize: wall ${ratio(r.walls, k.walls)}× (${(median(k.walls) / median(r.walls)).toFixed(1)}× faster), peak RSS ${ratio(r.rss, k.rss)}×`);
  if (r.codes.includes(1)) say('- NOTE: `render` was DENIED (exit 1) here; its time is the time to reach the denial (render + gate, no YAML printed).');
  return { k, b, r, m };
}

say(`# render-vs-kustomize (${new Date().toISOString()}, ${spawnSync('nproc').stdout.toString().trim()} CPUs, node ${process.version}, repo ${gitState()}, ${execFileSync('kubectl', ['version', '--client', '-o', 'json']).toString().match(/"gitVersion":\s*"([^"]+)"/)[1]} kubectl)`);
const small = compare('overlays/prod, 58 resources', path.join(REPO, 'overlays/prod'), { nK: N_SMALL, nOurs: N_SMALL });

let large;
if (!skipLarge) {
  const dir = execFileSync(process.execPath, [path.join(REPO, 'bench/generate-large-tree.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim();
  large = compare('25 copies of the prod cluster, 1,426 resources', dir, { nK: N_LARGE_K, nOurs: N_LARGE_OURS, renderArgs: ['--env', 'dev'] });
}

// Per-stage costs, overlays/prod.
say('\n### Per-stage costs, overlays/prod (ms)\n');
const lib = await buildLib();
const nodeStart = bench('node -e 0', process.execPath, ['-e', '0'], { n: N_STAGE_PROCS }).walls.map((s) => s * 1000);
const { NODE_EXTRA_CA_CERTS: extraCerts, ...envWithoutCerts } = process.env;
const nodeStartBare = bench('node -e 0 without NODE_EXTRA_CA_CERTS', process.execPath, ['-e', '0'], { n: N_STAGE_PROCS, env: envWithoutCerts }).walls.map((s) => s * 1000);
const runs = [];
for (let i = 0; i < N_STAGE_PROCS + 1; i++) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bench/stages-worker.mjs'), lib, 'overlays/prod', String(i === N_STAGE_PROCS ? N_STAGE_WARM : 0)], { cwd: REPO });
  if (r.status !== 0) throw new Error(r.stderr.toString());
  if (i > 0) runs.push(JSON.parse(r.stdout.toString())); // first one is a warm-up (disk cache)
}
const warm = runs[runs.length - 1].warm;
const cold = (k) => median(runs.map((r) => r.cold[k]));
say(`| Stage | Cold: first call in a fresh process (module bundle, no snapshot), median of ${runs.length} processes | Warm: median of ${N_STAGE_WARM} rounds in one process; checkRender: median of ${warm.calls} calls in a row after ${warm.warmUp} warm-up calls (bench/warm-check.mjs) |`);
say('|---|---|---|');
say(`| node start (\`node -e 0\`, whole process${extraCerts ? ', NODE_EXTRA_CA_CERTS as set here' : ''}) | ${median(nodeStart).toFixed(1)} | – |`);
say(`| node start without NODE_EXTRA_CA_CERTS (as the launcher runs node) | ${median(nodeStartBare).toFixed(1)} | – |`);
say(`| module load (\`import()\` of the bundled library) | ${cold('import').toFixed(1)} | – |`);
say(`| render (\`renderOverlay\`) | ${cold('render').toFixed(1)} | ${warm.render.toFixed(1)} |`);
say(`| YAML emit (\`toYamlStream\`) | ${cold('emit').toFixed(1)} | ${warm.emit.toFixed(1)} |`);
say(`| policy load (read + verify bundle, wasm compile/instantiate, setData, st2/rules) | ${cold('policyLoad').toFixed(1)} | ${warm.policyLoad.toFixed(1)} |`);
say(`| policy evaluate (\`checkRender\`: facts, JSON, wasm eval, formatting, locations, waivers) | ${cold('evaluate').toFixed(1)} | ${warm.evaluate.toFixed(1)} |`);
say(`| … the same between a render, an emit and a policy load (median of the ${N_STAGE_WARM} rounds, after the warm-up) | | ${warm.evaluateInterleaved.toFixed(1)} |`);
say(`| … of which wasm \`evaluate\` only (pre-serialised input) | ${cold('wasmOnly').toFixed(1)} | ${warm.wasmOnly.toFixed(1)} |`);
const sumCold = median(nodeStartBare) + cold('import') + cold('render') + cold('emit') + cold('policyLoad') + cold('evaluate');
say(`\nSum of cold stages ≈ ${sumCold.toFixed(0)} ms (compare with the \`render\` median above: ${(median(small.r.walls) * 1000).toFixed(0)} ms).`);

say('\n### Goals\n');
const goal = (name, ok, detail) => say(`- ${ok ? 'MET' : 'NOT MET'}: ${name} (${detail})`);
const rb = median(small.b.walls) / median(small.k.walls);
const rr = median(small.r.walls) / median(small.k.walls);
goal('overlays/prod build ≤ 0.6× kustomize wall', rb <= 0.6, `${rb.toFixed(3)}×`);
goal('overlays/prod render+gate ≤ 0.7× kustomize wall', rr <= 0.7, `${rr.toFixed(3)}×`);
// The memory goal is the renderer's (build); render adds the compiled policy and its heap, shown for information.
goal('overlays/prod peak RSS below kustomize (build)', median(small.b.rss) < median(small.k.rss), `build ${median(small.b.rss).toFixed(1)}, kustomize ${median(small.k.rss).toFixed(1)} MiB; render+gate ${median(small.r.rss).toFixed(1)} MiB`);
if (large) {
  const sp = median(large.k.walls) / median(large.b.walls);
  const spr = median(large.k.walls) / median(large.r.walls);
  goal('large tree ≥ 50× faster than kustomize (build)', sp >= 50, `${sp.toFixed(1)}×; render+gate ${spr.toFixed(1)}×`);
  goal('large tree peak RSS below kustomize (build)', median(large.b.rss) < median(large.k.rss), `build ${median(large.b.rss).toFixed(1)}, kustomize ${median(large.k.rss).toFixed(1)} MiB; render+gate ${median(large.r.rss).toFixed(1)} MiB`);
}
process.stdout.write(`${out.join('\n')}\n`);
