#!/usr/bin/env node
// The Argo CD config-management-plugin `generate` path as plugin.yaml declares it:
// `st2-gitops cmp generate` (the launcher) with cwd overlays/prod and the request variables
// argocd-cmp-server sets, 1 warm-up + 20 runs; median wall time and peak RSS (GNU time).
// Goal: median ≤ 300 ms.
// Usage: node bench/cmp-generate.mjs [overlay-dir, default overlays/prod] [--runs 20]
import path from 'node:path';
import { bench, fmtRow, gitState, LAUNCHER, median, REPO, TABLE_HEAD } from './common.mjs';

const argv = process.argv.slice(2);
const ri = argv.indexOf('--runs');
const n = ri >= 0 ? Number(argv[ri + 1]) : 20;
const overlay = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--runs') ?? 'overlays/prod';
const cwd = path.join(REPO, overlay);
const r = bench(`(cd ${overlay} && st2-gitops cmp generate)`, LAUNCHER, ['cmp', 'generate'], { n, cwd, env: { ...process.env, ARGOCD_APP_SOURCE_PATH: overlay, ARGOCD_APP_NAME: 'st2-prod', ARGOCD_APP_NAMESPACE: 'st2-prod', ARGOCD_APP_PARAMETERS: 'null' } });
const m = median(r.walls) * 1000;
console.log(`# cmp-generate (${new Date().toISOString()}, node ${process.version}, repo ${gitState()})\n`);
console.log(TABLE_HEAD);
console.log(fmtRow(r));
console.log(`\n- ${m <= 300 ? 'MET' : 'NOT MET'}: generate median ≤ 300 ms (${m.toFixed(0)} ms)`);
