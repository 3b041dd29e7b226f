/**
 * §12 "Coordination" against the real server: the etcd our overlays run (3.5, built by
 * scripts/install-etcd-v2.sh from the version in scripts/etcd-v2/go.mod), started with the
 * flags of each overlay's rendered etcd container (addresses moved to loopback, one member).
 *
 * Sources: tooz 2.8.0 tooz/drivers/etcd.py (etcd:// = the v2 HTTP API, /v2/keys); etcd v3.5.17
 * server/embed/etcd.go (/health on the client port; /livez and /readyz only on
 * --listen-metrics-urls) and etcdmain (flags parsed by Go's flag package). Skips locally without
 * the binary; fails with CI=true.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/kube-control-plane.js';
import { renderForTest } from '../support/render.js';
import { allOverlays } from './cluster-shape.js';
import { kindOf, nameOf, recordsAt, stringAt, stringsAt } from './manifest-guards.js';
import { podSpecOf } from './workloads.js';

const ETCD = path.resolve(import.meta.dirname, '../../.tools/bin/etcd-3.5');
const skip = !existsSync(ETCD) && process.env['CI'] !== 'true';

interface Http {
  readonly status: number;
  readonly body: string;
}

function http(method: string, url: string, body?: string): Promise<Http> {
  return new Promise((resolve) => {
    const req = request(url, { method, timeout: 3000, headers: body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.on('timeout', () => req.destroy());
    req.end(body);
  });
}

/** The rendered etcd argv with addresses, data dir and membership moved to one loopback member. */
function loopbackArgv(argv: readonly string[], dir: string, client: string, peer: string): string[] {
  const name = 'etcd-0';
  const values: Record<string, string> = {
    '--name': name,
    '--data-dir': path.join(dir, 'data'),
    '--listen-client-urls': client,
    '--advertise-client-urls': client,
    '--listen-peer-urls': peer,
    '--initial-advertise-peer-urls': peer,
    '--initial-cluster': `${name}=${peer}`,
  };
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const value = values[flag];
    if (value === undefined) out.push(arg);
    else if (eq >= 0) out.push(`${flag}=${value}`);
    else {
      out.push(flag, value);
      i += 1; // the rendered value that followed
    }
  }
  return out;
}

describe.skipIf(skip).each(allOverlays)('%s: the rendered etcd serves what st2 and the probes ask of it', (overlay) => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;

  afterEach(() => {
    if (child?.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('starts with the rendered flags, serves the v2 keys API and answers the rendered probes', async () => {
    // GIVEN the overlay's etcd container
    const { resources } = await renderForTest(overlay);
    const etcd = resources.find((r) => (kindOf(r) === 'Deployment' || kindOf(r) === 'StatefulSet') && nameOf(r) === 'etcd') ?? {};
    const container = recordsAt(podSpecOf(etcd), 'containers')[0];
    const [binary, ...flags] = [...stringsAt(container, 'command'), ...stringsAt(container, 'args')].map((a) => a.replace('$(POD_NAME)', 'etcd-0'));
    expect(binary).toBe('etcd');
    // WHEN the real etcd 3.5 runs them on loopback
    dir = mkdtempSync(path.join(tmpdir(), 'st2-gitops-etcd-'));
    const client = `http://127.0.0.1:${await freePort()}`;
    const peer = `http://127.0.0.1:${await freePort()}`;
    child = spawn(ETCD, loopbackArgv(flags, dir, client, peer), { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr?.on('data', (c: Buffer) => (log += c.toString('utf8')));
    const deadline = Date.now() + 30_000;
    while ((await http('GET', `${client}/health`)).status !== 200) {
      expect(child.exitCode, log.slice(-2000)).toBeNull();
      expect(Date.now() < deadline, log.slice(-2000)).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
    }
    // THEN the v2 keys API tooz's etcd driver uses works
    const put = await http('PUT', `${client}/v2/keys/st2-gitops-probe`, 'value=1');
    expect(put.status).toBe(201);
    expect(JSON.parse(put.body)).toMatchObject({ action: 'set', node: { key: '/st2-gitops-probe', value: '1' } });
    // AND every rendered HTTP probe on the client port answers 200
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      const probePath = stringAt(container, probe, 'httpGet', 'path');
      if (probePath === undefined) continue;
      expect((await http('GET', `${client}${probePath}`)).status, `${probe} ${probePath}`).toBe(200);
    }
    // AND the paths the seed probed are 404 with v2 on
    expect((await http('GET', `${client}/livez`)).status).toBe(404);
    expect((await http('GET', `${client}/readyz`)).status).toBe(404);
  }, 60_000);

  it('refuses "--enable-v2 true" as two arguments (why the overlays write --enable-v2=true)', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'st2-gitops-etcd-'));
    const proc = spawn(ETCD, ['--data-dir', path.join(dir, 'data'), '--enable-v2', 'true'], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let log = '';
    proc.stderr.on('data', (c: Buffer) => (log += c.toString('utf8')));
    // 'close', not 'exit': only then has all of stderr been read (under load 'exit' can come first)
    const code = await new Promise<number | null>((resolve) => proc.on('close', (c) => resolve(c)));
    expect(code).not.toBe(0);
    expect(log).toContain("'true' is not a valid flag");
  });
});
