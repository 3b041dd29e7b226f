#!/usr/bin/env node
/**
 * Differential fuzzer: `npm run fuzz -- --cases N --seed S [--jobs J] [--no-shrink] [--out DIR] [--json]`.
 *
 * Generates N seeded kustomization trees, renders each with `dist/st2-gitops
 * build` and `kubectl kustomize`, and reports every case where the outcome
 * classes differ. Each disagreement is shrunk to a minimal tree (unless
 * --no-shrink) and written under --out (default .scratch/fuzz/) with both
 * outputs, ready to become a fixture under test/fixtures/kustomize.
 *
 * Exit 0 when all cases agree, 1 when any disagrees, 2 on bad usage or
 * without kubectl / dist/st2-gitops.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compareCase, mapLimit, writeCase } from './differential.mjs';
import { generateCase } from './generate-case.mjs';
import { caseSeed } from './random.mjs';
import { shrinkCase } from './shrink.mjs';

const repoRoot = path.resolve(import.meta.dirname, '../..');

function parse(argv) {
  const opts = { cases: 100, seed: 1, jobs: 2, shrink: true, out: path.join(repoRoot, '.scratch/fuzz'), json: false, maxShrink: 5 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    if (arg === '--cases') opts.cases = Number(value());
    else if (arg === '--seed') opts.seed = Number(value());
    else if (arg === '--jobs') opts.jobs = Number(value());
    else if (arg === '--out') opts.out = path.resolve(value());
    else if (arg === '--max-shrink') opts.maxShrink = Number(value());
    else if (arg === '--no-shrink') opts.shrink = false;
    else if (arg === '--json') opts.json = true;
    else usage(`unknown argument ${arg}`);
  }
  for (const key of ['cases', 'seed', 'jobs', 'maxShrink']) {
    if (!Number.isInteger(opts[key]) || opts[key] < 0) usage(`--${key} must be a non-negative integer`);
  }
  return opts;
}

function usage(problem) {
  process.stderr.write(`fuzz: ${problem}\nusage: npm run fuzz -- --cases N --seed S [--jobs J] [--no-shrink] [--max-shrink K] [--out DIR] [--json]\n`);
  process.exit(2);
}

function requirePeers() {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
  } catch {
    process.stderr.write('fuzz: kubectl not found; the differential fuzzer needs kubectl v1.32.4 (kustomize v5.5.0)\n');
    process.exit(2);
  }
  if (!existsSync(path.join(repoRoot, 'dist/st2-gitops'))) {
    process.stderr.write('fuzz: dist/st2-gitops missing; run npm run build first\n');
    process.exit(2);
  }
}

function firstLine(text) {
  return (text.split('\n').find((l) => l.trim() !== '') ?? '').slice(0, 300);
}

async function main() {
  const opts = parse(process.argv.slice(2));
  requirePeers();
  const indices = Array.from({ length: opts.cases }, (_, i) => i);
  const started = Date.now();
  const results = await mapLimit(indices, opts.jobs, async (index) => {
    const seed = caseSeed(opts.seed, index);
    const { files } = generateCase(seed);
    const result = await compareCase(files);
    return { index, seed, files, ...result };
  });
  const disagreements = results.filter((r) => !r.agree);
  const summary = {
    seed: opts.seed,
    cases: opts.cases,
    agree: results.length - disagreements.length,
    rate: results.length === 0 ? 1 : (results.length - disagreements.length) / results.length,
    bothFail: results.filter((r) => r.kind === 'both-fail').length,
    seconds: (Date.now() - started) / 1000,
    disagreements: [],
  };
  let shrunk = 0;
  for (const d of disagreements) {
    const entry = { index: d.index, caseSeed: d.seed, kind: d.kind, ours: firstLine(d.ours.stderr) || `exit ${d.ours.code}`, theirs: firstLine(d.theirs.stderr) || `exit ${d.theirs.code}` };
    let files = d.files;
    if (opts.shrink && shrunk < opts.maxShrink) {
      shrunk++;
      files = await shrinkCase(d.files, d.kind, { log: (m) => process.stderr.write(`  case ${d.index}: ${m}\n`) });
    }
    const dir = path.join(opts.out, `seed-${opts.seed}-case-${d.index}-${d.kind}`);
    mkdirSync(dir, { recursive: true });
    writeCase(path.join(dir, 'tree'), files);
    const final = await compareCase(files);
    writeFileSync(path.join(dir, 'kubectl.out'), final.theirs.stdout + final.theirs.stderr);
    writeFileSync(path.join(dir, 'ours.out'), final.ours.stdout + final.ours.stderr);
    entry.dir = path.relative(repoRoot, dir);
    summary.disagreements.push(entry);
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    for (const d of summary.disagreements) process.stdout.write(`DISAGREE case ${d.index} (${d.kind}) -> ${d.dir}\n  ours:    ${d.ours}\n  kubectl: ${d.theirs}\n`);
    process.stdout.write(`fuzz seed ${opts.seed}: ${summary.agree}/${summary.cases} agree (${(summary.rate * 100).toFixed(1)}%; ${summary.bothFail} both fail) in ${summary.seconds.toFixed(1)} s\n`);
  }
  process.exit(disagreements.length === 0 ? 0 : 1);
}

await main();
