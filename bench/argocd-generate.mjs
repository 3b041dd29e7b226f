#!/usr/bin/env node
// Argo CD generating overlays/prod, as a repo-server does (reposerver/repository.GenerateManifests
// in scripts/argocd's argocd-generate driver, Argo CD v3.2.6), on one `git clone` of this
// repository (.git included, as in a repo-server checkout):
//   - built-in kustomize: an Application with no plugin section (kustomize v5.7.0, what the
//     Argo CD image ships) — the path users get without our plugin;
//   - plugin (shipped): the real argocd-cmp-server with the repository's plugin.yaml and the
//     repo-server settings deploy/argocd ships (tar exclusions);
//   - the levers, each against the same built-in runs: the plugin.yaml before this change (a
//     `discover` block, so MatchRepository and a second tarball per generate), no tar
//     exclusions, manifest-generate-paths on; and `st2-gitops cmp generate` alone (our start-up
//     and render, no Argo CD).
// Same run, strictly alternating, 2 warm-ups + N rounds; medians; ratio plugin / built-in.
// Goal: plugin (shipped) ≤ 1.0× built-in kustomize.
// Needs: bash scripts/install-argocd.sh. Usage: node bench/argocd-generate.mjs [--runs 25]
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'yaml';
import { gitState, LAUNCHER, median, min, max, REPO } from './common.mjs';

const argv = process.argv.slice(2);
const ri = argv.indexOf('--runs');
const runs = ri >= 0 ? Number(argv[ri + 1]) : 25;
const BIN = path.join(REPO, '.tools/bin');
const PLUGIN = 'st2-gitops-v1.0';
const OVERLAY = 'overlays/prod';

for (const tool of ['argocd-cmp-server', 'argocd-generate', 'kustomize']) {
  if (!existsSync(path.join(BIN, tool))) throw new Error(`${tool} not in .tools/bin: run bash scripts/install-argocd.sh`);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'st2-bench-argocd-'));
const children = [];
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

// The checkout: a real clone, history and .git included.
const clone = path.join(work, 'repo');
spawnSync('git', ['clone', '--quiet', '--no-local', REPO, clone], { stdio: 'inherit' });
const revision = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: clone, encoding: 'utf8' }).stdout.trim();
const gitBytes = Number(spawnSync('du', ['-sb', path.join(clone, '.git')], { encoding: 'utf8' }).stdout.split('\t')[0]);

/** The tar exclusions deploy/argocd gives the repo-server (argocd-cmd-params-cm). */
function shippedExclusions() {
  const file = path.join(REPO, 'deploy/argocd/argocd-cmd-params-cm-patch.yaml');
  if (!existsSync(file)) return [];
  const ops = parse(readFileSync(file, 'utf8'));
  const value = ops.find((op) => op.path === '/data')?.value?.['reposerver.plugin.tar.exclusions'] ?? '';
  return value.split(';').map((s) => s.trim()).filter((s) => s !== '');
}

/** The plugin.yaml of the previous release: the shipped one plus the discover block it had. */
function withDiscover(text) {
  const doc = parse(text);
  doc.spec.discover = { find: { command: ['st2-gitops', 'cmp', 'discover'] } };
  return JSON.stringify(doc);
}

async function startCmp(name, pluginText) {
  const base = path.join(work, name);
  for (const d of ['config', 'bin', 'tmp', 'plugins']) mkdirSync(path.join(base, d), { recursive: true });
  writeFileSync(path.join(base, 'config/plugin.yaml'), pluginText);
  symlinkSync(LAUNCHER, path.join(base, 'bin/st2-gitops'));
  const child = spawn(path.join(BIN, 'argocd-cmp-server'), ['--config-dir-path', path.join(base, 'config'), '--loglevel', 'warn'], {
    env: { PATH: `${path.join(base, 'bin')}:${process.env.PATH}`, HOME: base, TMPDIR: path.join(base, 'tmp'), ARGOCD_PLUGINSOCKFILEPATH: path.join(base, 'plugins') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const sock = path.join(base, 'plugins', `${PLUGIN}.sock`);
  for (let i = 0; !existsSync(sock); i++) {
    if (i > 600) throw new Error(`argocd-cmp-server (${name}) did not create ${sock}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return path.join(base, 'plugins');
}

function startDriver(sockDir, extraEnv = {}) {
  const child = spawn(path.join(BIN, 'argocd-generate'), [], {
    env: { PATH: `${BIN}:${process.env.PATH}`, HOME: work, TMPDIR: work, ARGOCD_PLUGINSOCKFILEPATH: sockDir, ...extraEnv },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const waiting = [];
  createInterface({ input: child.stdout }).on('line', (l) => waiting.shift()(JSON.parse(l)));
  return (request) => new Promise((resolve) => {
    waiting.push(resolve);
    child.stdin.write(`${JSON.stringify(request)}\n`);
  });
}

function request({ plugin, exclusions = [], generatePaths }) {
  const source = { repoURL: 'git://127.0.0.1/st2-gitops.git', path: OVERLAY, targetRevision: 'HEAD' };
  if (plugin) source.plugin = { name: PLUGIN };
  return {
    repoRoot: clone,
    revision,
    tarExclusions: exclusions,
    useManifestGeneratePaths: generatePaths !== undefined,
    request: {
      repo: { repo: source.repoURL, type: 'git' }, revision, appName: 'st2-prod', namespace: 'st2-prod', projectName: 'default',
      applicationSource: source, kubeVersion: '1.34.4', annotationManifestGeneratePaths: generatePaths ?? '',
    },
  };
}

const shippedPlugin = readFileSync(path.join(REPO, 'plugin.yaml'), 'utf8');
const exclusions = shippedExclusions();
const shippedSock = await startCmp('shipped', shippedPlugin);
const shipped = startDriver(shippedSock);
const bigChunks = startDriver(shippedSock, { ARGOCD_CMP_CHUNK_SIZE: String(1 << 20) });
const discover = startDriver(await startCmp('discover', withDiscover(shippedPlugin)));

const ownAlone = () => new Promise((resolve, reject) => {
  const t0 = performance.now();
  const c = spawn(LAUNCHER, ['cmp', 'generate'], {
    cwd: path.join(clone, OVERLAY), stdio: ['ignore', 'ignore', 'ignore'],
    env: { ...process.env, ARGOCD_APP_SOURCE_PATH: OVERLAY, ARGOCD_APP_NAME: 'st2-prod', ARGOCD_APP_NAMESPACE: 'st2-prod', ARGOCD_APP_PARAMETERS: 'null' },
  });
  c.on('exit', (code) => (code === 0 ? resolve({ ms: performance.now() - t0, manifests: [] }) : reject(new Error(`st2-gitops cmp generate exited ${code}`))));
});

// Everything at the top of this repository the plugin never reads (the render needs overlays/,
// base/, components/ and policies/): how far tar exclusions alone could go.
const WIDE = ['.git', 'test', 'bench', 'src', 'schemas', 'scripts', 'package-lock.json', '.github', 'deploy'];
const shown = exclusions.join(';') || 'none';
const variants = [
  { label: 'Argo CD built-in kustomize (no plugin)', run: () => shipped(request({ plugin: false })) },
  { label: `plugin as shipped: plugin.yaml without discover, tar exclusions ${shown}`, run: () => shipped(request({ plugin: true, exclusions })) },
  { label: 'plugin, shipped plugin.yaml, no tar exclusions', run: () => shipped(request({ plugin: true })) },
  { label: 'plugin, shipped plugin.yaml, tar exclusions .git only', run: () => shipped(request({ plugin: true, exclusions: ['.git'] })) },
  { label: `plugin, shipped plugin.yaml, wide exclusions (${WIDE.join(';')})`, run: () => shipped(request({ plugin: true, exclusions: WIDE })) },
  { label: `plugin as shipped + ARGOCD_CMP_CHUNK_SIZE=1048576`, run: () => bigChunks(request({ plugin: true, exclusions })) },
  { label: 'plugin.yaml with discover, no tar exclusions (before this change)', run: () => discover(request({ plugin: true })) },
  { label: `plugin.yaml with discover, tar exclusions ${shown}`, run: () => discover(request({ plugin: true, exclusions })) },
  { label: 'plugin as shipped + manifest-generate-paths (/overlays/prod;/base;/components;/policies)', run: () => shipped(request({ plugin: true, exclusions, generatePaths: '/overlays/prod;/base;/components;/policies' })) },
  { label: 'st2-gitops cmp generate alone (launcher process, no Argo CD)', run: ownAlone },
];

const times = variants.map(() => []);
let expected;
for (let round = -2; round < runs; round++) {
  for (const [i, v] of variants.entries()) {
    const r = await v.run();
    if (r.error) throw new Error(`${v.label}: ${r.error}`);
    if (i < variants.length - 1) {
      if (i === 0) expected ??= r.manifests.length;
      if (r.manifests.length !== expected) throw new Error(`${v.label}: ${r.manifests.length} manifests, built-in gave ${expected}`);
    }
    if (round >= 0) times[i].push(r.ms);
  }
}

const builtin = median(times[0]);
console.log(`# argocd-generate (${new Date().toISOString()}, Argo CD v3.2.6, node ${process.version}, repo ${gitState()}, ${OVERLAY}, ${expected} manifests, clone .git ${(gitBytes / 1024).toFixed(0)} KiB)\n`);
console.log('| Argo CD generating overlays/prod | Runs | min / **median** / max (ms) | ratio to built-in |\n|---|---|---|---|');
for (const [i, v] of variants.entries()) {
  const m = median(times[i]);
  console.log(`| ${v.label} | ${times[i].length} | ${min(times[i]).toFixed(1)} / **${m.toFixed(1)}** / ${max(times[i]).toFixed(1)} | ${(m / builtin).toFixed(2)}× |`);
}
const ratio = median(times[1]) / builtin;
console.log(`\n- ${ratio <= 1.0 ? 'MET' : 'NOT MET'}: plugin as shipped ≤ 1.0× Argo CD's built-in kustomize (${ratio.toFixed(2)}×)`);
process.exit(0);
