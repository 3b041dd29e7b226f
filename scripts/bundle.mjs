// Builds dist/, what the bin, npm scripts and the Argo CD plugin run (no
// TypeScript at run time):
//   st2-gitops.mjs          the CLI as minified ESM (chunks load lazily)
//   st2-gitops              the launcher (scripts/launcher.sh): picks the snapshot or the module
//   st2-gitops.blob         a V8 startup snapshot of the CLI, warmed on this repository's overlays
//   st2-gitops.node-stamp   size and mtime of the node binary that built the blob
// `--outdir <dir>` builds elsewhere than dist/ (the plugin contract tests use it).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const at = process.argv.indexOf('--outdir');
const outdir = at >= 0 ? path.resolve(process.argv[at + 1] ?? 'dist') : path.join(root, 'dist');

// Stale chunks from an earlier build must not linger next to the new ones.
rmSync(outdir, { recursive: true, force: true });

// The opa-wasm SDK implements yaml.* builtins with yaml v1, loaded at start-up.
// Our policies need no host builtins (the engine refuses a bundle that does),
// so that copy of yaml is replaced by a stub that throws if ever called.
const withoutOpaWasmYamlBuiltins = {
  name: 'without-opa-wasm-yaml-builtins',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, (args) =>
      args.importer.includes('opa-wasm/src/builtins/') ? { path: new URL('./opa-wasm-yaml-stub.cjs', import.meta.url).pathname } : undefined,
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { 'st2-gitops': path.join(root, 'src/bin/main.ts'), 'build-policies': path.join(root, 'src/tools/build-policies.ts') },
  outdir,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  format: 'esm',
  sourcemap: 'linked',
  plugins: [withoutOpaWasmYamlBuiltins],
  // CommonJS dependencies (fast-json-patch) may call require().
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __st2CreateRequire } from 'node:module';\nconst require = __st2CreateRequire(import.meta.url);",
  },
});

// The snapshot builder runs one CommonJS script that may require only Node's
// built-in modules, so the CLI is bundled again as a single CJS file. The
// server stays out (the launcher runs `serve` from the module bundle).
// The policy worker (src/repository/policy-worker.ts) on its own, without chunks shared with the
// CLI: a thread started for a large render loads only the engine, the bundle reader and the SDK.
await build({
  ...common,
  entryPoints: { 'policy-worker': path.join(root, 'src/bin/policy-worker.ts') },
  outdir,
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  sourcemap: 'linked',
  plugins: [withoutOpaWasmYamlBuiltins],
  banner: { js: "import { createRequire as __st2CreateRequire } from 'node:module';\nconst require = __st2CreateRequire(import.meta.url);" },
});

const withoutServer = {
  name: 'without-server',
  setup(b) {
    b.onResolve({ filter: /\/server\/main\.js$/ }, () => ({ path: new URL('./snapshot-serve-stub.cjs', import.meta.url).pathname }));
  },
};
const snapshotEntry = path.join(outdir, 'snapshot-entry.cjs');
await build({
  ...common,
  entryPoints: [path.join(root, 'src/bin/snapshot-main.ts')],
  outfile: snapshotEntry,
  format: 'cjs',
  // installedPackageRoot() guards its import.meta read; in the snapshot the blob's path answers first.
  logOverride: { 'empty-import-meta': 'silent' },
  plugins: [withoutOpaWasmYamlBuiltins, withoutServer],
});

const launcher = path.join(outdir, 'st2-gitops');
copyFileSync(new URL('./launcher.sh', import.meta.url), launcher);
chmodSync(launcher, 0o755);

// Built by the node running this script; the launcher uses the blob only with
// the node binary recorded in the stamp (a blob from another node crashes it).
const blob = path.join(outdir, 'st2-gitops.blob');
const built = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', snapshotEntry], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, NODE_EXTRA_CA_CERTS: '' },
});
if (built.status === 0) {
  const node = statSync(process.execPath);
  writeFileSync(path.join(outdir, 'st2-gitops.node-stamp'), `${node.size} ${Math.floor(node.mtimeMs / 1000)}\n`);
} else {
  rmSync(blob, { force: true });
  process.stderr.write(`bundle: no startup snapshot (st2-gitops starts from the module bundle instead): ${built.stderr || built.error?.message || `exit ${built.status}`}\n`);
}
