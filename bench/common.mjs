// Shared helpers for the bench/*.mjs scripts: timed child processes and statistics.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The launcher users, npm scripts and the Argo CD plugin run (startup snapshot when it fits). */
export const LAUNCHER = path.join(REPO, 'dist/st2-gitops');
/** The module bundle the launcher falls back to. */
export const CLI = path.join(REPO, 'dist/st2-gitops.mjs');
export const TIME = '/usr/bin/time';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const min = (xs) => Math.min(...xs);
export const max = (xs) => Math.max(...xs);

/**
 * Runs cmd once under /usr/bin/time -f '%e %M' (peak RSS in KiB from wait4), stdout to /dev/null.
 * Wall time is measured here with performance.now() around the spawn (finer than %e).
 */
export function timedRun(cmd, args, { cwd = REPO, env, expectCodes = [0], exit1Stderr } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'st2-bench-'));
  const tfile = path.join(dir, 'time');
  const t0 = performance.now();
  const r = spawnSync(TIME, ['-o', tfile, '-f', '%e %M %x', cmd, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  const wall = (performance.now() - t0) / 1000;
  const [, rssKiB, code] = readFileSync(tfile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  rmSync(dir, { recursive: true, force: true });
  if (!expectCodes.includes(code)) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${code}: ${r.stderr.toString().slice(0, 2000)}`);
  }
  // Exit 1 must be a policy denial, not e.g. a SyntaxError from a dist/ being rebuilt mid-run.
  if (code === 1 && exit1Stderr && !exit1Stderr.test(r.stderr.toString())) {
    throw new Error(`${cmd} ${args.join(' ')} exited 1 without a denial: ${r.stderr.toString().slice(0, 2000)}`);
  }
  return { wall, rssMiB: rssKiB / 1024, code };
}

/** warmup runs, then n timed runs; returns {walls, rss, codes}. */
export function bench(label, cmd, args, { n, warmup = 1, cwd, env, expectCodes, exit1Stderr } = {}) {
  for (let i = 0; i < warmup; i++) timedRun(cmd, args, { cwd, env, expectCodes, exit1Stderr });
  const walls = [];
  const rss = [];
  const codes = new Set();
  for (let i = 0; i < n; i++) {
    const r = timedRun(cmd, args, { cwd, env, expectCodes, exit1Stderr });
    walls.push(r.wall);
    rss.push(r.rssMiB);
    codes.add(r.code);
  }
  const res = { label, n, walls, rss, codes: [...codes] };
  process.stderr.write(`  ${label}: median ${median(walls).toFixed(3)} s, ${median(rss).toFixed(1)} MiB (n=${n}, exit ${res.codes.join('/')})\n`);
  return res;
}

export const DENIED = /denied by policy/;

/** HEAD commit and whether the tree is dirty, for the report header. */
export function gitState() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO }).stdout.toString().trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO }).stdout.toString().trim() !== '';
  return `${head}${dirty ? '+dirty' : ''}`;
}

export function fmtRow(r) {
  return `| ${r.label} | ${r.n} | ${min(r.walls).toFixed(3)} / **${median(r.walls).toFixed(3)}** / ${max(r.walls).toFixed(3)} | ${median(r.rss).toFixed(1)} | ${r.codes.join(',')} |`;
}
export const TABLE_HEAD = '| Command | Runs | Wall min / **median** / max (s) | Peak RSS median (MiB) | Exit |\n|---|---|---|---|---|';

export function requireTool(file, hint) {
  const r = spawnSync(file, ['--version'], { stdio: 'ignore' });
  if (r.error) throw new Error(`${file} not found: ${hint}`);
}

/** The value after `--name` on the command line, or fallback. */
export function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/** A loopback port nothing listens on (the kernel's pick, released before return). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A `kB` field of /proc/<pid>/status (VmRSS, VmHWM…) in KiB. */
export function procStatusKiB(pid, field) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
}

/**
 * Starts `st2-gitops serve` on loopback with its log going to logFile. With two or more CPUs
 * (and no --no-pin), the server gets CPU 0 and this process, with all its threads, CPU 1, so
 * the load generator and the server do not steal each other's time slices. Under taskset
 * the server is taskset's exec'd child: server.pid is the server's pid.
 */
export function startPinnedServer({ port, logFile, logLevel = 'info' }) {
  const pin = !process.argv.includes('--no-pin') && os.cpus().length >= 2 && existsSync('/usr/bin/taskset');
  if (pin) execFileSync('/usr/bin/taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
  const argv = [process.execPath, CLI, 'serve', '--port', String(port), '--host', '127.0.0.1', '--root', REPO];
  const server = spawn(pin ? '/usr/bin/taskset' : argv[0], pin ? ['-c', '0', ...argv] : argv.slice(1), {
    env: { ...process.env, LOG_LEVEL: logLevel, ST2_GITOPS_APPSET_TOKEN: '' },
    stdio: ['ignore', openSync(logFile, 'a'), 'inherit'],
  });
  return { server, pinned: pin };
}
