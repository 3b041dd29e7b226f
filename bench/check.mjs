#!/usr/bin/env node
// `st2-gitops check` as whole processes on this repository (issue 7):
//   - `check` of every overlay: median of 10 (after 1 warm-up); goal ≤ 1 s;
//   - `check --base HEAD~1`: median of 10; goal ≤ 2 s.
// Usage (after `npm ci`): node bench/check.mjs [--runs 10]
import os from 'node:os';
import { bench, fmtRow, gitState, LAUNCHER, median, TABLE_HEAD } from './common.mjs';

const argv = process.argv.slice(2);
const ri = argv.indexOf('--runs');
const n = ri >= 0 ? Number(argv[ri + 1]) : 10;
const shown = 'dist/st2-gitops check';

// Exit 1 would be a denial in this repository's own overlays: allowed, still timed.
const all = bench(shown, LAUNCHER, ['check'], { n, expectCodes: [0, 1] });
const based = bench(`${shown} --base HEAD~1`, LAUNCHER, ['check', '--base', 'HEAD~1'], { n, expectCodes: [0, 1] });
const a = median(all.walls);
const b = median(based.walls);
console.log(`# check (${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} CPUs, repo ${gitState()})\n`);
console.log(TABLE_HEAD);
console.log(fmtRow(all));
console.log(fmtRow(based));
console.log(`\n- ${a <= 1 ? 'MET' : 'NOT MET'}: check of every overlay, median ≤ 1 s (${(a * 1000).toFixed(0)} ms)`);
console.log(`- ${b <= 2 ? 'MET' : 'NOT MET'}: check --base HEAD~1, median ≤ 2 s (${(b * 1000).toFixed(0)} ms)`);
