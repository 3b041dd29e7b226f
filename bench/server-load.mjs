#!/usr/bin/env node
// Load test of `st2-gitops serve` (issue 6): autocannon, 50 connections for 20 s on
// POST /v1/render {"overlay":"overlays/prod"} against a real server process on loopback.
// Reports errors (socket errors, timeouts, non-2xx), median and p99 latency, throughput,
// and the server's RSS growth between the first and the last 5 s of the run (VmRSS of
// the server process from /proc, i.e. its process.memoryUsage().rss, sampled every 250 ms).
//
// The server is the built CLI (`node dist/st2-gitops.mjs serve`, after `npm ci`). Its JSON
// logs (one line per request, level info as in production) go to a temp file, not to this process.
//
// Goals: 0 errors, warm median <= 5 ms, RSS growth < 10%. Exit 1 when a goal is missed.
//
// Usage: node bench/server-load.mjs [--connections 50] [--duration 20] [--warmup 3]
//                                   [--overlay overlays/prod] [--accept application/json|application/yaml]
//                                   [--accept-encoding gzip|identity] [--log-level info] [--single 5] [--no-pin] [--json]
// After the main run, --single seconds with 1 connection give the unqueued warm latency.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

import { flag, freePort, procStatusKiB, startPinnedServer } from './common.mjs';

const connections = Number(flag('connections', '50'));
const duration = Number(flag('duration', '20'));
const warmup = Number(flag('warmup', '3'));
const overlay = flag('overlay', 'overlays/prod');
const accept = flag('accept', 'application/json');
const logLevel = flag('log-level', 'info');
const encoding = flag('accept-encoding', 'gzip');
const asJson = process.argv.includes('--json');
const singleSeconds = Number(flag('single', '5'));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mib = (b) => (b / 1024 / 1024).toFixed(1);

const dir = mkdtempSync(path.join(tmpdir(), 'st2-bench-serve-'));

const port = await freePort();
const logFile = path.join(dir, 'server.log');
const { server, pinned: pin } = startPinnedServer({ port, logFile, logLevel });
const url = `http://127.0.0.1:${port}`;

try {
  for (let i = 0; ; i++) {
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 200) throw new Error(`server not ready; log: ${logFile}`);
    await sleep(50);
  }
  const body = JSON.stringify({ overlay });
  // Every common HTTP client (Go's net/http as in Argo CD, fetch, curl --compressed) asks for gzip.
  const headers = { 'content-type': 'application/json', accept, 'accept-encoding': encoding };
  const first = await fetch(`${url}/v1/render`, { method: 'POST', headers, body });
  if (first.status !== 200) throw new Error(`render ${overlay} answered ${first.status}: ${await first.text()}`);
  const responseBytes = (await first.arrayBuffer()).byteLength;

  const run = (seconds, conns = connections) => autocannon({ url: `${url}/v1/render`, method: 'POST', headers, body, connections: conns, duration: seconds, timeout: 10 });
  if (warmup > 0) await run(warmup);

  const samples = [];
  const started = Date.now();
  const sampler = setInterval(() => samples.push({ t: (Date.now() - started) / 1000, rss: procStatusKiB(server.pid, 'VmRSS') * 1024 }), 250);
  const result = await run(duration);
  clearInterval(sampler);

  // Server-side service time of the measured requests, from the access log (ms per request).
  const serviceMs = readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"msg":"request"') && l.includes('"route":"/v1/render"'))
    .slice(-result.requests.total)
    .map((l) => JSON.parse(l).ms)
    .sort((a, b) => a - b);
  const pct = (xs, q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

  // One client, warm: the latency a single caller (Argo CD, a CI job) sees without queueing.
  const single = singleSeconds > 0 ? await run(singleSeconds, 1) : undefined;

  const firstWindow = samples.filter((s) => s.t <= 5);
  const lastWindow = samples.filter((s) => s.t >= duration - 5);
  const avg = (xs) => xs.reduce((a, s) => a + s.rss, 0) / Math.max(1, xs.length);
  const rssFirst = avg(firstWindow);
  const rssLast = avg(lastWindow);
  const growth = (rssLast - rssFirst) / rssFirst;
  const errors = result.errors + result.timeouts + result.non2xx;
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const hits = Number(/^st2_gitops_render_cache_hits_total\{overlay="[^"]+"\} (\d+)/m.exec(metrics)?.[1] ?? 0);
  const misses = Number(/^st2_gitops_render_cache_misses_total\{overlay="[^"]+"\} (\d+)/m.exec(metrics)?.[1] ?? 0);

  const summary = {
    command: `node bench/server-load.mjs --connections ${connections} --duration ${duration} --warmup ${warmup} --overlay ${overlay} --accept ${accept} --accept-encoding ${encoding} --log-level ${logLevel}`,
    node: process.version,
    cpus: cpus().length,
    pinned: pin,
    overlay,
    accept,
    acceptEncoding: encoding,
    responseBytes,
    connections,
    durationSeconds: duration,
    requests: result.requests.total,
    errors,
    errorDetail: { socketErrors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx },
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
    throughput: { requestsPerSecond: result.requests.average, megabytesPerSecond: result.throughput.average / 1024 / 1024 },
    serverServiceMs: logLevel === 'info' ? { p50: pct(serviceMs, 0.5), p99: pct(serviceMs, 0.99) } : undefined,
    singleConnection: single ? { latencyMs: { p50: single.latency.p50, p99: single.latency.p99 }, requestsPerSecond: single.requests.average, errors: single.errors + single.timeouts + single.non2xx } : undefined,
    rss: { firstFiveSecondsMiB: Number(mib(rssFirst)), lastFiveSecondsMiB: Number(mib(rssLast)), growthPercent: Math.round(growth * 1000) / 10 },
    cache: { hits, misses },
  };
  const goals = { zeroErrors: errors === 0, medianAtMost5ms: result.latency.p50 <= 5, rssGrowthUnder10Percent: growth < 0.1 };

  if (asJson) console.log(JSON.stringify({ ...summary, goals }, null, 2));
  else {
    console.log(`server-load: POST /v1/render ${overlay} (${accept}, ${responseBytes} B/response uncompressed, Accept-Encoding ${encoding}), ${connections} connections x ${duration} s after ${warmup} s warm-up, ${summary.cpus} CPUs${pin ? ' (server on CPU 0, load generator on CPU 1)' : ''}, node ${process.version}`);
    console.log(`  requests    ${summary.requests}  errors ${errors} (socket ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`);
    console.log(`  latency     median ${result.latency.p50} ms  p90 ${result.latency.p90} ms  p99 ${result.latency.p99} ms  max ${result.latency.max} ms`);
    console.log(`  throughput  ${result.requests.average.toFixed(0)} req/s  ${summary.throughput.megabytesPerSecond.toFixed(1)} MiB/s`);
    if (logLevel === 'info') console.log(`  in server   median ${pct(serviceMs, 0.5)} ms  p99 ${pct(serviceMs, 0.99)} ms per request (access log; the rest is queueing behind the other ${connections - 1} connections)`);
    if (single) console.log(`  1 client    median ${single.latency.p50} ms  p99 ${single.latency.p99} ms  ${single.requests.average.toFixed(0)} req/s  errors ${single.errors + single.timeouts + single.non2xx}`);
    console.log(`  server RSS  first 5 s ${mib(rssFirst)} MiB  last 5 s ${mib(rssLast)} MiB  growth ${(growth * 100).toFixed(1)}%`);
    console.log(`  cache       ${hits} hits, ${misses} misses`);
    console.log(`  goals       0 errors: ${goals.zeroErrors ? 'met' : 'MISSED'}; median <= 5 ms: ${goals.medianAtMost5ms ? 'met' : 'MISSED'}; RSS growth < 10%: ${goals.rssGrowthUnder10Percent ? 'met' : 'MISSED'}`);
  }
  process.exitCode = Object.values(goals).every(Boolean) ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
  rmSync(dir, { recursive: true, force: true });
}
