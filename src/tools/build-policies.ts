/**
 * `npm run build:policies`: compiles policies/*.rego with the pinned OPA
 * (`opa build -t wasm`) and writes policies/bundle/ (policy.wasm, data.json,
 * manifest.json with the OPA version and the sources' hash).
 * `--check` rebuilds into memory and exits 1 when the committed bundle differs.
 * An edge script: it runs processes and writes files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createNodeFileReader } from '../io/file-system.js';
import { sha256Hex, type BundleManifest } from '../policy/bundle.js';
import { BUNDLE_DIR, hashPolicySources, POLICY_DIR } from '../policy/policy-sources.js';

export const ENTRYPOINTS = ['st2/findings', 'st2/rules', 'st2/fact_findings', 'st2/operations_findings', 'st2/other_findings'] as const;

/** Reads named members of a (gunzipped) tar archive. */
function readTarMembers(tar: Buffer): Map<string, Buffer> {
  const members = new Map<string, Buffer>();
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (name === '') break;
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    members.set(name.replace(/^\/+/, ''), tar.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return members;
}

function opaBinary(root: string): string {
  const local = path.join(root, '.tools/bin/opa');
  if (existsSync(local)) return local;
  return execFileSync('bash', [path.join(root, 'scripts/install-opa.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

export function buildBundle(root: string): Map<string, string | Buffer> {
  const opa = opaBinary(root);
  const versionLine = execFileSync(opa, ['version'], { encoding: 'utf8' }).split('\n').find((l) => l.startsWith('Version:'));
  const opaVersion = (versionLine ?? '').replace('Version:', '').trim();
  const work = mkdtempSync(path.join(tmpdir(), 'st2-gitops-opa-'));
  try {
    const out = path.join(work, 'bundle.tar.gz');
    execFileSync(
      opa,
      ['build', '-t', 'wasm', ...ENTRYPOINTS.flatMap((e) => ['-e', e]), '--ignore', '*_test.rego', '--ignore', 'bundle', '-o', out, POLICY_DIR],
      { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    const members = readTarMembers(gunzipSync(readFileSync(out)));
    const wasm = members.get('policy.wasm');
    const data = members.get('data.json');
    if (!wasm || !data) throw new Error('opa build produced no policy.wasm or data.json');
    const dataText = `${JSON.stringify(JSON.parse(data.toString('utf8')), null, 2)}\n`;
    const manifest: BundleManifest = {
      opaVersion,
      sourceSha256: hashPolicySources(createNodeFileReader(root)),
      wasmSha256: sha256Hex(wasm),
      dataSha256: sha256Hex(dataText),
      entrypoints: [...ENTRYPOINTS],
    };
    return new Map<string, string | Buffer>([
      ['policy.wasm', wasm],
      ['data.json', dataText],
      ['manifest.json', `${JSON.stringify(manifest, null, 2)}\n`],
    ]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main(): void {
  const root = process.cwd();
  const files = buildBundle(root);
  const dir = path.join(root, BUNDLE_DIR);
  if (process.argv.includes('--check')) {
    const stale = [...files].filter(([name, content]) => {
      const file = path.join(dir, name);
      return !existsSync(file) || !readFileSync(file).equals(Buffer.from(content));
    });
    if (stale.length > 0) {
      process.stderr.write(`policy bundle differs from a fresh build: ${stale.map(([n]) => `${BUNDLE_DIR}/${n}`).join(', ')}; run npm run build:policies\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write('policy bundle matches a fresh build\n');
    return;
  }
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of files) writeFileSync(path.join(dir, name), content);
  process.stderr.write(`wrote ${BUNDLE_DIR}/ (policy.wasm ${files.get('policy.wasm')?.length ?? 0} bytes)\n`);
}

main();
