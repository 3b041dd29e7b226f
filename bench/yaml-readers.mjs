#!/usr/bin/env node
// Why the hand-written fast YAML reader stays: every YAML file of the repository's
// base/components/overlays and of the 25-copy tree (bench/generate-large-tree.mjs) read in
// process with the fast reader (falling back as the render does) and with the full reader
// (the `yaml` package, src/core/yaml-compose.ts) alone; median of N rounds after one warm-up.
//
// Usage: node bench/yaml-readers.mjs [--rounds N]   (default 5)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildLib } from './build-lib.mjs';
import { median, REPO } from './common.mjs';

const at = process.argv.indexOf('--rounds');
const rounds = at > 0 ? Number(process.argv[at + 1]) : 5;
const { parseYamlFile } = await import(await buildLib());
const large = path.dirname(path.dirname(execFileSync(process.execPath, [path.join(REPO, 'bench/generate-large-tree.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim()));

function texts(dirs) {
  const files = dirs.flatMap((d) => execFileSync('find', [d, '-name', '*.yaml'], { cwd: REPO, encoding: 'utf8' }).split('\n').filter(Boolean));
  return files.map((f) => ({ file: f, text: readFileSync(path.resolve(REPO, f), 'utf8'), flavor: f.endsWith('kustomization.yaml') ? 'patch' : 'resource' }));
}

function time(corpus, reader) {
  const runs = [];
  for (let r = 0; r <= rounds; r++) {
    const t0 = performance.now();
    for (const { file, text, flavor } of corpus) parseYamlFile(file, text, { flavor, reader });
    if (r > 0) runs.push(performance.now() - t0);
  }
  return median(runs);
}

console.log('| corpus | files | bytes | fast reader (ms) | full reader (ms) | full / fast |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [name, dirs] of [['base + components + overlays', ['base', 'components', 'overlays']], ['25-copy tree', [path.relative(REPO, large)]]]) {
  const corpus = texts(dirs);
  const bytes = corpus.reduce((n, c) => n + c.text.length, 0);
  const fast = time(corpus, 'auto');
  const full = time(corpus, 'full');
  console.log(`| ${name} | ${corpus.length} | ${bytes} | ${fast.toFixed(1)} | ${full.toFixed(1)} | ${(full / fast).toFixed(1)}× |`);
}
