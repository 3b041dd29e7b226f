#!/usr/bin/env node
// The abuse case of issue 14: 200 connections sending maximal POST /v1/check requests for
// 20 s (every known overlay, each once, judged as every known environment in turn, so both
// cached and fresh renders are asked for) against a real `st2-gitops serve` process on
// loopback, while a separate process probes GET /healthz every 20 ms on its own connection.
//
// Reports the server's peak RSS (VmHWM from /proc, and VmRSS sampled every 100 ms), /healthz
// latency (p50, p99, max, failures), and the load's status counts (200, 503 with Retry-After,
// others) and latency. Goals (issue 14): server peak RSS < 512 MiB, /healthz p99 <= 100 ms,
// no /healthz failure, no 5xx but 503. Exit 1 when a goal is missed.
//
// Usage: node bench/abuse-load.mjs [--connections 200] [--duration 20] [--json]
// The server gets CPU 0 and the load generator and probe CPU 1 when taskset and 2 CPUs exist.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

import { flag, freePort, procStatusKiB, startPinnedServer } from './common.mjs';

const connections = Number(flag('connections', '200'));
const duration = Number(flag('duration', '20'));
const asJson = process.argv.includes('--json');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mib = (kb) => kb / 1024;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

const dir = mkdtempSync(path.join(tmpdir(), 'st2-bench-abuse-'));
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const { server, pinned: pin } = startPinnedServer({ port, logFile: path.join(dir, 'server.log') });
const serverPid = () => server.pid;

// The probe runs in its own process, so the load generator's busy event loop never delays it.
const PROBE = `
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const lat = []; let failures = 0; let end = 0;
function one() {
  if (Date.now() > end) { process.stdout.write(JSON.stringify({ lat, failures })); agent.destroy(); return; }
  const t = process.hrtime.bigint();
  const req = http.get('${url}/healthz', { agent, timeout: 5000 }, (res) => {
    res.resume();
    res.on('end', () => { if (res.statusCode === 200) lat.push(Number(process.hrtime.bigint() - t) / 1e6); else failures++; setTimeout(one, 20); });
  });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', () => { failures++; setTimeout(one, 20); });
}
// One request on the probe's connection first (connect, JIT), then "ready", then the probes.
http.get('${url}/healthz', { agent }, (res) => {
  res.resume();
  res.on('end', () => {
    process.stderr.write('ready\\n');
    end = Date.now() + ${duration * 1000};
    one();
  });
});
`;

try {
  for (let i = 0; ; i++) {
    if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) break;
    if (i > 200) throw new Error('server did not become ready');
    await sleep(50);
  }
  const overlays = await fetch(`${url}/v1/overlays`).then((r) => r.json()).then((b) => b.overlays.map((o) => o.path));
  const environments = [undefined, 'dev', 'staging', 'production'];
  const bodies = environments.map((environment) => JSON.stringify({ overlays, ...(environment ? { environment } : {}) }));
  // Each body once before the load: the renders are cached (the abuse is the flood, not a cold start).
  for (const body of bodies) await fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const baseRss = procStatusKiB(serverPid(), 'VmRSS');

  let sampledMax = 0;
  const sampler = setInterval(() => {
    try {
      sampledMax = Math.max(sampledMax, procStatusKiB(serverPid(), 'VmRSS'));
    } catch {
      /* the server is gone: reported below */
    }
  }, 100);
  const probe = spawn(process.execPath, ['-e', PROBE], { stdio: ['ignore', 'pipe', 'pipe'] });
  let probeOut = '';
  probe.stdout.on('data', (d) => (probeOut += d));
  const probeDone = new Promise((resolve) => probe.on('close', resolve));
  await new Promise((resolve) => probe.stderr.once('data', resolve));

  let turn = 0;
  const statuses = {};
  const result = await autocannon({
    url: `${url}/v1/check`,
    connections,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: bodies[turn++ % bodies.length] }),
        onResponse: (status) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
        },
      },
    ],
  });
  await probeDone;
  clearInterval(sampler);
  const peakKb = procStatusKiB(serverPid(), 'VmHWM');
  const { lat, failures } = JSON.parse(probeOut);
  lat.sort((a, b) => a - b);
  const report = {
    connections,
    duration,
    overlays,
    requests: result.requests.total,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    checkLatencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    healthz: { probes: lat.length, failures, p50: percentile(lat, 50), p99: percentile(lat, 99), max: lat.at(-1) ?? NaN },
    serverRssMiB: { atStart: mib(baseRss), sampledMax: mib(sampledMax), peakVmHWM: mib(peakKb) },
    pinned: pin,
  };
  const other5xx = Object.entries(statuses).filter(([s]) => Number(s) >= 500 && s !== '503').reduce((n, [, c]) => n + c, 0);
  const goals = {
    'server peak RSS < 512 MiB': report.serverRssMiB.peakVmHWM < 512,
    '/healthz p99 <= 100 ms': lat.length > 0 && report.healthz.p99 <= 100,
    'no /healthz failure': failures === 0,
    'no 5xx other than 503': other5xx === 0,
  };
  if (asJson) console.log(JSON.stringify({ ...report, goals }, null, 2));
  else {
    console.log(`abuse-load: ${connections} connections x ${duration} s of POST /v1/check ${JSON.stringify({ overlays })} (environment rotating over ${environments.length - 1} + none), node ${process.version}${pin ? ', server on CPU 0, load on CPU 1' : ''}`);
    console.log(`  requests ${report.requests}, statuses ${JSON.stringify(statuses)}, socket errors ${result.errors}, timeouts ${result.timeouts}; /v1/check latency p50 ${report.checkLatencyMs.p50} ms, p99 ${report.checkLatencyMs.p99} ms`);
    console.log(`  /healthz: ${lat.length} probes, ${failures} failures, p50 ${report.healthz.p50.toFixed(1)} ms, p99 ${report.healthz.p99.toFixed(1)} ms, max ${report.healthz.max.toFixed(1)} ms`);
    console.log(`  server RSS: ${report.serverRssMiB.atStart.toFixed(1)} MiB at start, ${report.serverRssMiB.sampledMax.toFixed(1)} MiB sampled max, ${report.serverRssMiB.peakVmHWM.toFixed(1)} MiB peak (VmHWM)`);
    for (const [goal, met] of Object.entries(goals)) console.log(`  ${met ? 'met' : 'NOT MET'}: ${goal}`);
  }
  process.exitCode = Object.values(goals).every(Boolean) ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('close', resolve));
  rmSync(dir, { recursive: true, force: true });
}
