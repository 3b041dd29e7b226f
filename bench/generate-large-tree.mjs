#!/usr/bin/env node
// Generates a scaled copy of this repo's prod cluster for benchmarks
// (../shared/reference/kustomize.md §8 "Scaled copies"):
//
//   bench/.generated/large/base/            kustomization + c00.yaml..c24.yaml (all base resources, names suffixed -cNN)
//   bench/.generated/large/components/<c>/  the prod components, same treatment; their patch files copied as-is
//   bench/.generated/large/overlays/prod/   overlays/prod with every patch target name turned into
//                                           `(<name>)(-c[0-9]+)?` (each patch hits every copy) and one
//                                           `replicas` entry per original entry per copy
//
// Only metadata.name is suffixed; references between resources (volumes, selectors, serviceAccountName…)
// are left as they are, so the copies are render-equivalent for kustomize but not a coherent cluster
// (the policy gate may see dangling references).
//
// Usage: node bench/generate-large-tree.mjs [--copies 25] [--out bench/.generated/large] [--check]
//   --check   also runs `kubectl kustomize` and `node dist/st2-gitops.mjs build` once and compares bytes.
// Prints the overlay directory on stdout.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const copies = Number(opt('--copies', '25'));
const out = path.resolve(repo, opt('--out', 'bench/.generated/large'));
const check = argv.includes('--check');
const suffixes = Array.from({ length: copies }, (_, i) => `-c${String(i).padStart(2, '0')}`);

const stats = { resources: 0, files: 0, patchEntries: 0, replicasEntries: 0 };

function readKustomization(dir) {
  return YAML.parse(readFileSync(path.join(repo, dir, 'kustomization.yaml'), 'utf8'));
}

function writeYaml(file, value) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, YAML.stringify(value, { lineWidth: 0 }));
}

/** All documents of a kustomization's local resource files, in order. */
function resourceDocs(dir, k) {
  const docs = [];
  for (const ref of k.resources ?? []) {
    const file = path.join(repo, dir, ref);
    if (!ref.endsWith('.yaml') && !ref.endsWith('.yml')) continue;
    for (const doc of YAML.parseAllDocuments(readFileSync(file, 'utf8'))) {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
      if (doc.contents === null) continue;
      docs.push(doc);
    }
  }
  return docs;
}

/** Per-copy resource files for a base/component; returns their names. */
function writeCopies(dir, k) {
  const docs = resourceDocs(dir, k);
  const names = [];
  for (const suffix of suffixes) {
    // A Namespace is cluster-wide and kustomize's namespace transformer names it after the
    // overlay's namespace, so copies would collide: the first copy keeps it.
    const kept = docs.filter((doc) => suffix === suffixes[0] || doc.get('kind') !== 'Namespace');
    const text = kept
      .map((doc) => {
        const copy = doc.clone();
        copy.setIn(['metadata', 'name'], `${doc.getIn(['metadata', 'name'])}${suffix}`);
        return copy.toString({ lineWidth: 0 });
      })
      .join('---\n');
    const name = `c${suffix.slice(2)}.yaml`;
    mkdirSync(path.join(out, dir), { recursive: true });
    writeFileSync(path.join(out, dir, name), text);
    names.push(name);
    stats.resources += kept.length;
    stats.files += 1;
  }
  return names;
}

/** Patch targets by name now match every copy; patch files are copied unchanged. */
function rewritePatches(dir, k) {
  for (const p of k.patches ?? []) {
    stats.patchEntries += 1;
    if (p.target?.name) p.target.name = `(${p.target.name})(-c[0-9]+)?`;
    if (p.path) {
      const dest = path.join(out, dir, p.path);
      mkdirSync(path.dirname(dest), { recursive: true });
      copyFileSync(path.join(repo, dir, p.path), dest);
    }
  }
}

function generateLayer(dir) {
  const k = readKustomization(dir);
  const local = (k.resources ?? []).filter((r) => r.endsWith('.yaml') || r.endsWith('.yml'));
  const remote = (k.resources ?? []).filter((r) => !local.includes(r));
  const files = local.length ? writeCopies(dir, k) : [];
  k.resources = [...remote, ...files];
  if (k.resources.length === 0) delete k.resources;
  rewritePatches(dir, k);
  if (k.replicas) {
    k.replicas = k.replicas.flatMap((r) => suffixes.map((s) => ({ ...r, name: `${r.name}${s}` })));
    stats.replicasEntries += k.replicas.length;
  }
  writeYaml(path.join(out, dir, 'kustomization.yaml'), k);
  for (const ref of [...remote, ...(k.components ?? [])]) generateLayer(path.posix.join(dir, ref));
}

rmSync(out, { recursive: true, force: true });
generateLayer('overlays/prod');
const overlay = path.join(out, 'overlays/prod');
process.stderr.write(
  `generate-large-tree: ${copies} copies, ${stats.resources} resources in ${stats.files} files, ` +
    `${stats.patchEntries} patch entries (each hitting every copy), ${stats.replicasEntries} replicas entries -> ${path.relative(repo, overlay)}\n`,
);

if (check) {
  const bundle = path.join(repo, 'dist/st2-gitops.mjs');
  if (!existsSync(bundle)) throw new Error('dist/st2-gitops.mjs missing: run node scripts/bundle.mjs');
  const opts = { maxBuffer: 1 << 30, encoding: 'buffer' };
  let t = performance.now();
  const ours = execFileSync(process.execPath, [bundle, 'build', overlay], opts);
  const tOurs = performance.now() - t;
  t = performance.now();
  const theirs = execFileSync('kubectl', ['kustomize', overlay], opts);
  const tTheirs = performance.now() - t;
  mkdirSync(path.join(out, '..'), { recursive: true });
  writeFileSync(path.join(out, '..', 'large-ours.yaml'), ours);
  writeFileSync(path.join(out, '..', 'large-kustomize.yaml'), theirs);
  const docs = (ours.toString('utf8').match(/^kind: /gm) ?? []).length;
  const same = Buffer.compare(ours, theirs) === 0;
  process.stderr.write(
    `generate-large-tree: check: ${same ? 'IDENTICAL' : 'DIFFERENT'} output (${ours.length} bytes, ${docs} documents); ` +
      `ours ${(tOurs / 1000).toFixed(2)} s, kubectl kustomize ${(tTheirs / 1000).toFixed(2)} s; ` +
      `outputs kept in ${path.relative(repo, path.join(out, '..'))}/large-{ours,kustomize}.yaml\n`,
  );
  if (!same) process.exitCode = 1;
}
process.stdout.write(`${overlay}\n`);
