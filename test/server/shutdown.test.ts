/**
 * Graceful shutdown of the real process (`runServe`, bundled with esbuild and
 * run by node): on SIGTERM it refuses new connections, finishes the request
 * in flight, and exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleServeEntry, repoRoot, TOKEN } from './support.js';

let entry: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  entry = await bundleServeEntry();
});

afterAll(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  rmSync(path.dirname(entry), { recursive: true, force: true });
});

interface Running {
  readonly child: ChildProcess;
  readonly port: number;
  readonly lines: string[];
  waitFor(predicate: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

function start(): Promise<Running> {
  const proc = spawn(process.execPath, [entry, 'serve', '--port', '0', '--host', '127.0.0.1', '--root', repoRoot], {
    env: { ...process.env, ST2_GITOPS_APPSET_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child = proc;
  const lines: string[] = [];
  const waiters: Array<{ predicate: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }> = [];
  let buffer = '';
  const parsed = (): Array<Record<string, unknown>> => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  proc.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      lines.push(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
    for (const w of [...waiters]) {
      const hit = parsed().find(w.predicate);
      if (hit) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(hit);
      }
    }
  });
  const waitFor = (predicate: (l: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
    const hit = parsed().find(predicate);
    return hit ? Promise.resolve(hit) : new Promise((resolve) => waiters.push({ predicate, resolve }));
  };
  return waitFor((l) => typeof l['port'] === 'number').then((l) => ({ child: proc, port: l['port'] as number, lines, waitFor }));
}

function exited(proc: ChildProcess): Promise<number | null> {
  return proc.exitCode !== null ? Promise.resolve(proc.exitCode) : new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
}

function readAll(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('st2-gitops serve process', () => {
  it('on SIGTERM refuses new connections, finishes the request in flight, then exits 0', async () => {
    // GIVEN a running server, ready, and a render request whose body is still arriving
    const server = await start();
    await server.waitFor((l) => l['msg'] === 'policy bundle loaded; ready');
    const body = JSON.stringify({ overlay: 'overlays/prod' });
    const socket = connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const response = readAll(socket);
    socket.write(`POST /v1/render HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 200));

    // WHEN the process gets SIGTERM
    server.child.kill('SIGTERM');
    await server.waitFor((l) => typeof l['msg'] === 'string' && l['msg'].startsWith('shutting down'));

    // THEN a new connection is refused
    const refused = await fetch(`http://127.0.0.1:${server.port}/healthz`).then(
      () => 'accepted',
      (error: unknown) => (error instanceof Error && error.cause instanceof Error ? (error.cause as NodeJS.ErrnoException).code : String(error)),
    );
    expect(refused).toBe('ECONNREFUSED');

    // AND the request in flight completes with the manifests and Connection: close
    socket.write(body.slice(10));
    const raw = await response;
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(raw.toLowerCase()).toContain('\r\nconnection: close\r\n');
    expect(raw).toContain('"overlay":"overlays/prod"');

    // AND the process exits cleanly, having logged the close
    expect(await exited(server.child)).toBe(0);
    expect(server.lines.some((l) => l.includes('"msg":"server closed"'))).toBe(true);
  });

  it('logs that the ApplicationSet endpoint is enabled without ever printing the token', async () => {
    const server = await start();
    const listening = await server.waitFor((l) => typeof l['port'] === 'number');
    expect(listening['appsetPlugin']).toBe('enabled');
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
    expect(server.lines.join('\n')).not.toContain(TOKEN);
  });

  it('gates with its warm policy worker (two threads) once the worker is loaded, and still exits 0 on SIGTERM', async () => {
    const server = await start();
    await server.waitFor((l) => l['msg'] === 'policy bundle loaded; ready');
    const base = `http://127.0.0.1:${server.port}`;
    // Each environment is a fresh render (the cache key holds it); the first may come before the worker is loaded.
    let two = 0;
    for (const environment of ['production', 'staging', 'dev', 'production', 'staging', 'dev']) {
      const overlay = two === 0 ? 'overlays/dev' : 'overlays/staging';
      const res = await fetch(`${base}/v1/render`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ overlay, environment }) });
      // Allowed (200) or denied by policy (422): gated either way.
      expect([200, 422]).toContain(res.status);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      two = Number(/^st2_gitops_policy_gates_total\{threads="2"\} (\d+)/m.exec(metrics)?.[1] ?? 0);
      if (two > 0) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(two).toBeGreaterThan(0);
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
  });
});
