/**
 * The real argocd-cmp-server (Argo CD v3.2.6) with a plugin.yaml, as the sidecar runs it:
 * `--config-dir-path <dir with plugin.yaml>`, sockets in ARGOCD_PLUGINSOCKFILEPATH, work
 * dirs under TMPDIR, and `st2-gitops` on PATH being the launcher dist/st2-gitops (the
 * sidecar image's). Started and stopped by the suites; everything lives in one temp dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LAUNCHER, toolPath } from './tools.js';

export interface CmpServer {
  /** Directory of the plugin sockets, shared with the repo-server (ARGOCD_PLUGINSOCKFILEPATH). */
  readonly sockDir: string;
  /** What the server printed (JSON log lines), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface CmpServerOptions {
  /** The plugin.yaml to serve (default: the repository's). */
  readonly pluginYaml: string;
  /** Socket file name the plugin announces, e.g. `st2-gitops-v1.0.sock`. */
  readonly socketName: string;
  /** Extra environment for the sidecar (its image's environment). */
  readonly env?: Readonly<Record<string, string>>;
  /** Socket directory to share (default: a new one). */
  readonly sockDir?: string;
}

export async function startCmpServer(options: CmpServerOptions): Promise<CmpServer> {
  const base = mkdtempSync(path.join(os.tmpdir(), 'st2-cmp-'));
  const configDir = path.join(base, 'config');
  const binDir = path.join(base, 'bin');
  const tmpDir = path.join(base, 'tmp');
  const sockDir = options.sockDir ?? path.join(base, 'plugins');
  for (const d of [configDir, binDir, tmpDir, sockDir]) mkdirSync(d, { recursive: true });
  copyFileSync(options.pluginYaml, path.join(configDir, 'plugin.yaml'));
  symlinkSync(LAUNCHER, path.join(binDir, 'st2-gitops'));
  const child = spawn(toolPath('argocd-cmp-server'), ['--config-dir-path', configDir, '--loglevel', 'info'], {
    env: {
      PATH: `${binDir}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
      HOME: base,
      TMPDIR: tmpDir,
      ARGOCD_PLUGINSOCKFILEPATH: sockDir,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const socket = path.join(sockDir, options.socketName);
  await waitFor(() => existsSync(socket), child, () => `argocd-cmp-server did not create ${socket}:\n${output}`);
  return {
    sockDir,
    log: () => output,
    async stop() {
      await stopProcess(child);
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Polls until `ready()` or fails when the process exits or 30 s pass. */
export async function waitFor(ready: () => boolean, child: ChildProcess, describe: () => string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ready()) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (${child.exitCode ?? child.signalCode ?? ''}): ${describe()}`);
    if (Date.now() > end) throw new Error(`timed out: ${describe()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
