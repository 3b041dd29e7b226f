/**
 * The launcher (dist/st2-gitops, from scripts/launcher.sh) as users, npm
 * scripts and the plugin run it: real processes on a dist/ built by
 * scripts/bundle.mjs. It starts from the V8 startup snapshot only when the
 * snapshot fits the node on PATH, and either way prints the same bytes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/render.js';

let dir: string;
let launcher: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'st2-launcher-'));
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/bundle.mjs'), '--outdir', path.join(dir, 'dist')], { stdio: 'inherit' });
  launcher = path.join(dir, 'dist/st2-gitops');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the launcher with node's directory first on PATH and nothing else from this process's environment but `env`. */
function run(args: readonly string[], env: Readonly<Record<string, string>> = {}, file = launcher): Run {
  const r = spawnSync(file, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: tmpdir(), ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const golden = (env: string): string => readFileSync(path.join(repoRoot, `test/golden/${env}.yaml`), 'utf8');

describe('the launcher starts from the snapshot when it fits this node', () => {
  it('says so in --version', () => {
    const r = run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`st2-gitops 0.1.0 (node ${process.version}, started from the startup snapshot)\n`);
  });

  it('renders and gates overlays/prod byte for byte as the module bundle does', () => {
    const fromSnapshot = run(['render', 'overlays/prod']);
    const fromModule = run(['render', 'overlays/prod'], { ST2_GITOPS_NO_SNAPSHOT: '1' });
    expect(fromSnapshot).toEqual({ code: 0, stdout: golden('prod'), stderr: '' });
    expect(fromModule).toEqual(fromSnapshot);
  });

  it('gives the same warnings, exit codes and empty stdout for dev, a denial and bad input', () => {
    for (const args of [['render', 'overlays/dev'], ['render', 'overlays/dev', '--env', 'production'], ['render', 'overlays/nope'], ['build', 'overlays/staging']]) {
      const fromSnapshot = run(args);
      expect(run(args, { ST2_GITOPS_NO_SNAPSHOT: '1' }), args.join(' ')).toEqual(fromSnapshot);
    }
    const denied = run(['render', 'overlays/dev', '--env', 'production']);
    expect(denied.code).toBe(1);
    expect(denied.stdout).toBe('');
    expect(denied.stderr).toMatch(/^st2-gitops: overlays\/dev denied by policy/);
    const missing = run(['render', 'overlays/nope']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain("overlay 'overlays/nope' does not exist");
  });

  it('works through a symlink elsewhere, as /usr/local/bin/st2-gitops in the image', () => {
    const bin = path.join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const link = path.join(bin, 'st2-gitops');
    symlinkSync(launcher, link);
    const r = run(['build', 'overlays/staging'], {}, link);
    expect(r).toEqual({ code: 0, stdout: golden('staging'), stderr: '' });
    expect(run(['--version'], {}, link).stdout).toContain('started from the startup snapshot');
  });

  it('stops quietly when the reader goes away (`| head` on 130 KB, past a pipe buffer)', () => {
    const r = spawnSync('/bin/sh', ['-c', `"${launcher}" build overlays/prod --output json | head -n 1`], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` },
    });
    expect(r.stdout).toBe('{\n');
    expect(r.stderr).toBe('');
  });

  it('does not hand NODE_EXTRA_CA_CERTS to node (st2-gitops opens no TLS connection)', () => {
    // Node warns at start-up when the file cannot be loaded; the launcher drops the variable first.
    const r = run(['--version'], { NODE_EXTRA_CA_CERTS: path.join(dir, 'no-such-bundle.pem') });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('the launcher falls back to the module bundle', () => {
  it('when the snapshot was built by another node binary', () => {
    const stamp = path.join(dir, 'dist/st2-gitops.node-stamp');
    const real = readFileSync(stamp, 'utf8');
    try {
      writeFileSync(stamp, '1 1\n');
      expect(run(['--version']).stdout).toContain('started from the module bundle');
      expect(run(['render', 'overlays/prod'])).toEqual({ code: 0, stdout: golden('prod'), stderr: '' });
    } finally {
      writeFileSync(stamp, real);
    }
  });

  it('when NODE_OPTIONS is set (V8 flags the snapshot was not built with stop node)', () => {
    const r = run(['build', 'overlays/prod'], { NODE_OPTIONS: '--max-old-space-size=512' });
    expect(r).toEqual({ code: 0, stdout: golden('prod'), stderr: '' });
    expect(run(['--version'], { NODE_OPTIONS: '--max-old-space-size=512' }).stdout).toContain('started from the module bundle');
  });

  it('for serve, which stays out of the snapshot', () => {
    const r = run(['serve', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: st2-gitops serve/);
  });

  it('and says what is missing when node is not on PATH', () => {
    const r = spawnSync('/bin/sh', [launcher, '--version'], { encoding: 'utf8', env: { PATH: '/nonexistent' } });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('node not found on PATH');
  });
});
