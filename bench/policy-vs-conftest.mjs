#!/usr/bin/env node
// Policy gate vs conftest: `conftest test --combine` (our Rego through
// bench/conftest-policy/wrapper.rego, evaluated by conftest's OPA) against
//   - our whole `node dist/st2-gitops.mjs render <overlay>` process (render + policy gate), and
//   - our in-process evaluation (checkRender on already-rendered resources; cold = first call
//     in a fresh process, warm = median of many calls in a row after a warm-up, bench/warm-check.mjs),
//     from bench/stages-worker.mjs.
// Inputs: overlays/prod rendered once to bench/.generated/prod.yaml, and the 25-copy tree
// (bench/generate-large-tree.mjs, 1,426 resources) rendered once to bench/.generated/large.yaml.
// The large tree is judged as dev on both sides (--env dev / data.st2_bench.environment);
// it is denied by ST2-REP-001/003 on both sides (25 timersengines and sensorcontainers in
// one namespace), so both exit 1 there and that is what is timed.
//
// Needs conftest: scripts/install-conftest.sh (installs into .tools/bin); dist/ built.
// Usage: node bench/policy-vs-conftest.mjs [--quick]     (15 runs per command; --quick: 5)
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bench, DENIED, fmtRow, gitState, LAUNCHER, median, REPO, TABLE_HEAD } from './common.mjs';
import { buildLib } from './build-lib.mjs';

const quick = process.argv.includes('--quick');
const N = quick ? 5 : 15;
const N_LARGE = quick ? 3 : 10;
const conftest = path.join(REPO, '.tools/bin/conftest');
if (!existsSync(conftest)) throw new Error('.tools/bin/conftest missing: run scripts/install-conftest.sh');
if (!existsSync(LAUNCHER)) throw new Error('dist/st2-gitops missing: node scripts/bundle.mjs');

const gen = path.join(REPO, 'bench/.generated');
const ct = path.join(gen, 'conftest');
rmSync(ct, { recursive: true, force: true });
// Policy dir: our non-test modules + the wrapper. Data dir: chart_defaults/data.json -> data.chart_defaults.
mkdirSync(path.join(ct, 'policy'), { recursive: true });
mkdirSync(path.join(ct, 'data/chart_defaults'), { recursive: true });
mkdirSync(path.join(ct, 'env-dev'), { recursive: true });
for (const f of readdirSync(path.join(REPO, 'policies'))) {
  if (f.endsWith('.rego') && !f.endsWith('_test.rego')) copyFileSync(path.join(REPO, 'policies', f), path.join(ct, 'policy', f));
}
copyFileSync(path.join(REPO, 'bench/conftest-policy/wrapper.rego'), path.join(ct, 'policy/wrapper.rego'));
copyFileSync(path.join(REPO, 'policies/chart_defaults/data.json'), path.join(ct, 'data/chart_defaults/data.json'));
writeFileSync(path.join(ct, 'env-dev/st2_bench.json'), JSON.stringify({ st2_bench: { environment: 'dev' } }));

const largeOverlay = execFileSync(process.execPath, [path.join(REPO, 'bench/generate-large-tree.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim();
const renderTo = (overlay, file) => writeFileSync(file, execFileSync(LAUNCHER, ['build', overlay], { maxBuffer: 1 << 30 }));
const prodYaml = path.join(gen, 'prod.yaml');
const largeYaml = path.join(gen, 'large.yaml');
renderTo(path.join(REPO, 'overlays/prod'), prodYaml);
renderTo(largeOverlay, largeYaml);

const out = [];
const say = (s = '') => { out.push(s); process.stderr.write(`${s}\n`); };
const conftestVersion = execFileSync(conftest, ['--version']).toString().trim().replace(/\n/g, ', ');
say(`# policy-vs-conftest (${new Date().toISOString()}, ${conftestVersion}, node ${process.version}, repo ${gitState()})`);
const lib = await buildLib();

// The warm figures: warm-check.mjs's warm-up and calls (fewer on the large tree, ~0.3 s a call).
function inProcess(overlay, env, counts) {
  const runs = [];
  for (let i = 0; i < N + 1; i++) {
    const args = [path.join(REPO, 'bench/stages-worker.mjs'), lib, path.relative(REPO, overlay), String(i === N ? (counts ? 5 : 20) : 0), env ?? '', ...(counts ? [counts] : [])];
    const r = spawnSync(process.execPath, args, { cwd: REPO, maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(r.stderr.toString());
    if (i > 0) runs.push(JSON.parse(r.stdout.toString()));
  }
  return runs;
}

function section(title, yamlFile, overlay, { n, env, counts }) {
  const relY = path.relative(REPO, yamlFile);
  const relO = path.relative(REPO, overlay);
  say(`\n### ${title}\n`);
  const ctArgs = ['test', '--combine', '--no-color', '-p', path.join(ct, 'policy'), '-d', path.join(ct, 'data'), ...(env ? ['-d', path.join(ct, 'env-dev')] : []), yamlFile];
  const c = bench(`conftest test --combine -p bench/.generated/conftest/policy -d …/data${env ? ' -d …/env-dev' : ''} ${relY}`, conftest, ctArgs, { n, expectCodes: [0, 1] });
  const r = bench(`dist/st2-gitops render ${relO}${env ? ` --env ${env}` : ''}`, LAUNCHER, ['render', overlay, ...(env ? ['--env', env] : [])], { n, expectCodes: [0, 1], exit1Stderr: DENIED });
  const runs = inProcess(overlay, env, counts);
  const coldEval = median(runs.map((x) => x.cold.evaluate));
  const coldWasm = median(runs.map((x) => x.cold.wasmOnly));
  const coldLoad = median(runs.map((x) => x.cold.policyLoad));
  const warm = runs[runs.length - 1].warm;
  const info = runs[0];
  say(TABLE_HEAD);
  say(fmtRow(c));
  say(fmtRow(r));
  say('');
  say(`| In-process (${info.resources} resources, ${info.findings} findings, ${info.denied} blocking) | cold: first call, median of ${runs.length} processes (ms) | warm (ms) |`);
  say('|---|---|---|');
  say(`| policy load (bundle read+verify, wasm compile/instantiate), warm: median of ${warm.rounds} rounds | ${coldLoad.toFixed(1)} | ${warm.policyLoad.toFixed(1)} |`);
  say(`| checkRender (facts + JSON + wasm eval + formatting), warm: median of ${warm.calls} calls in a row after ${warm.warmUp} warm-up calls, one engine | ${coldEval.toFixed(1)} | ${warm.evaluate.toFixed(1)} (p90 ${warm.evaluateP90.toFixed(1)}) |`);
  say(`| … the same, each call after a render, an emit and a fresh policy load (median of ${warm.rounds} rounds, after the warm-up) | | ${warm.evaluateInterleaved.toFixed(1)} |`);
  say(`| … wasm evaluate only (pre-serialised input), warm as checkRender | ${coldWasm.toFixed(1)} | ${warm.wasmOnly.toFixed(1)} |`);
  say('');
  const ratio = median(r.walls) / median(c.walls);
  say(`- our render+gate process / conftest alone: ${ratio.toFixed(3)}× (${(1 / ratio).toFixed(2)}× faster)`);
  say(`- our in-process checkRender (cold) / conftest process: ${(coldEval / 1000 / median(c.walls)).toFixed(4)}×; warm ${(warm.evaluate / 1000 / median(c.walls)).toFixed(4)}×`);
  say(`- exit codes: conftest ${c.codes.join('/')}, render ${r.codes.join('/')}`);
  return { c, r, coldEval, warm };
}

const small = section('overlays/prod (58 resources, production)', prodYaml, path.join(REPO, 'overlays/prod'), { n: N });
const large = section('25-copy tree (1,426 resources, judged as dev)', largeYaml, largeOverlay, { n: N_LARGE, env: 'dev', counts: '3/10' });

say('\n### Goals\n');
const goal = (name, ok, detail) => say(`- ${ok ? 'MET' : 'NOT MET'}: ${name} (${detail})`);
const s1 = median(small.c.walls) / median(small.r.walls);
const s2 = median(large.c.walls) / median(large.r.walls);
goal('overlays/prod: whole render+gate process faster than conftest alone', s1 > 1, `${s1.toFixed(2)}× faster`);
goal('1,426-resource stream: whole render+gate ≥ 3× faster than conftest alone', s2 >= 3, `${s2.toFixed(2)}× faster`);
goal('in-process policy evaluation of overlays/prod ≤ 10 ms median', small.warm.evaluate <= 10, `warm checkRender ${small.warm.evaluate.toFixed(1)} ms; cold first call ${small.coldEval.toFixed(1)} ms`);
say('\nNotes: the conftest side gets empty facts (no decoded Secret values/fingerprints), no waivers and no source locations; it parses YAML the gate never has to parse (ours gets objects from the renderer) but does not render.');
process.stdout.write(`${out.join('\n')}\n`);
