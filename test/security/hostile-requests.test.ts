/**
 * Hostile HTTP requests against a REAL `st2-gitops serve` process (issue 14):
 * each gets its documented status (never 500, never a hang), the server logs
 * no stack trace for any of them, and its peak resident memory (VmHWM from
 * /proc) stays bounded. A second server over a hostile repository answers its
 * listing routes with 422 instead of 500.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync, gzipSync, brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupRepos, makeRepo, MAX_RSS_MIB, repoRoot } from './harness.js';
import { KUSTOMIZATION, DEPLOYMENT } from './corpus.js';

const entry = path.join(repoRoot, 'dist/st2-gitops.mjs');
const TOKEN = 'hostile-requests-token';

interface Served {
  readonly url: string;
  readonly child: ChildProcess;
  readonly log: () => string;
}

async function serve(root: string, env: Readonly<Record<string, string>> = {}): Promise<Served> {
  const child = spawn(process.execPath, [entry, 'serve', '--port', '0', '--host', '127.0.0.1', '--root', root], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ST2_GITOPS_APPSET_TOKEN: TOKEN, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
    const poll = setInterval(() => {
      const match = /"port":(\d+)/.exec(out);
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    }, 20);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, child, log: () => out };
}

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

interface HostileRequest {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  readonly status: number;
  /** The `error` code of the JSON body, when it has one. */
  readonly error?: string;
  /** Response headers that must be present. */
  readonly header?: Readonly<Record<string, RegExp>>;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const overlays = (n: number): string[] => Array.from({ length: n }, (_, i) => `overlays/o${i}`);

const REQUESTS: readonly HostileRequest[] = [
  { name: 'a check of 11 overlays (more than 10)', method: 'POST', path: '/v1/check', headers: JSON_TYPE, body: JSON.stringify({ overlays: overlays(11) }), status: 400, error: 'invalid-body' },
  { name: 'a check naming one overlay 100 times', method: 'POST', path: '/v1/check', headers: JSON_TYPE, body: JSON.stringify({ overlays: Array.from({ length: 100 }, () => 'overlays/prod') }), status: 400, error: 'invalid-body' },
  { name: 'a check naming one overlay twice', method: 'POST', path: '/v1/check', headers: JSON_TYPE, body: JSON.stringify({ overlays: ['overlays/prod', 'overlays/prod'] }), status: 400, error: 'invalid-body' },
  { name: 'a check judged as an unknown environment', method: 'POST', path: '/v1/check', headers: JSON_TYPE, body: JSON.stringify({ environment: 'x'.repeat(60) }), status: 400, error: 'invalid-body' },
  { name: 'a render judged as an unknown environment', method: 'POST', path: '/v1/render', headers: JSON_TYPE, body: JSON.stringify({ overlay: 'overlays/prod', environment: 'qa' }), status: 400, error: 'invalid-body' },
  { name: 'a body above 64 KiB', method: 'POST', path: '/v1/check', headers: JSON_TYPE, body: JSON.stringify({ overlays: ['x'.repeat(70_000)] }), status: 413, error: 'body-too-large' },
  { name: 'a gzip bomb (2 MiB of zeros in a few KiB)', method: 'POST', path: '/v1/check', headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20)), status: 413, error: 'body-too-large' },
  { name: 'a body that is not gzip though it says so', method: 'POST', path: '/v1/check', headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: '{"overlays":[]}', status: 400, error: 'malformed-encoding' },
  { name: 'a body that is not deflate though it says so', method: 'POST', path: '/v1/render', headers: { ...JSON_TYPE, 'content-encoding': 'deflate' }, body: 'garbage', status: 400, error: 'malformed-encoding' },
  { name: 'a body that is not brotli though it says so', method: 'POST', path: '/v1/check', headers: { ...JSON_TYPE, 'content-encoding': 'br' }, body: 'garbage!', status: 400, error: 'malformed-encoding' },
  { name: 'a truncated gzip body', method: 'POST', path: '/v1/check', headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: gzipSync('{"overlays":["overlays/prod"]}').subarray(0, 12), status: 400, error: 'malformed-encoding' },
  { name: 'a deflate body that decodes (accepted)', method: 'POST', path: '/v1/check', headers: { ...JSON_TYPE, 'content-encoding': 'deflate' }, body: deflateSync('{"overlays":["overlays/prod"]}'), status: 200 },
  { name: 'a brotli body that decodes (accepted)', method: 'POST', path: '/v1/check', headers: { ...JSON_TYPE, 'content-encoding': 'br' }, body: brotliCompressSync('{"overlays":["overlays/dev"]}'), status: 200 },
  { name: 'an unsupported Content-Encoding', method: 'POST', path: '/v1/check', headers: { ...JSON_TYPE, 'content-encoding': 'zstd' }, body: '{}', status: 415, error: 'unsupported-encoding' },
  { name: 'malformed JSON', method: 'POST', path: '/v1/check', headers: JSON_TYPE, body: '{"overlays":', status: 400, error: 'malformed-json' },
  { name: 'JSON nested 30,000 deep', method: 'POST', path: '/v1/check', headers: JSON_TYPE, body: `${'['.repeat(30_000)}${']'.repeat(30_000)}`, status: 400 },
  { name: 'a __proto__ key in the body', method: 'POST', path: '/v1/check', headers: JSON_TYPE, body: '{"__proto__":{"overlays":["overlays/prod"]}}', status: 400, error: 'invalid-body' },
  { name: 'a body that is not JSON', method: 'POST', path: '/v1/render', headers: { 'content-type': 'text/plain' }, body: 'overlays/prod', status: 415, error: 'unsupported-media-type' },
  { name: 'an overlay path leaving the repository', method: 'POST', path: '/v1/render', headers: JSON_TYPE, body: JSON.stringify({ overlay: '../../../etc' }), status: 400, error: 'path-escape' },
  { name: 'an overlay path with a NUL byte', method: 'POST', path: '/v1/render', headers: JSON_TYPE, body: JSON.stringify({ overlay: 'overlays/prod\u0000x' }), status: 400, error: 'path-escape' },
  { name: 'an overlay that is a directory but not listed (base/)', method: 'POST', path: '/v1/render', headers: JSON_TYPE, body: JSON.stringify({ overlay: 'base' }), status: 404, error: 'unknown-overlay' },
  { name: 'DELETE on /v1/check', method: 'DELETE', path: '/v1/check', status: 405, error: 'method-not-allowed', header: { allow: /^POST$/ } },
  { name: 'PUT on /v1/render', method: 'PUT', path: '/v1/render', headers: JSON_TYPE, body: '{}', status: 405, error: 'method-not-allowed' },
  { name: 'POST on /healthz', method: 'POST', path: '/healthz', status: 405, error: 'method-not-allowed', header: { allow: /GET/ } },
  { name: 'PATCH on /v1/overlays', method: 'PATCH', path: '/v1/overlays', status: 405, error: 'method-not-allowed' },
  { name: 'OPTIONS on /metrics', method: 'OPTIONS', path: '/metrics', status: 405, error: 'method-not-allowed' },
  { name: 'GET on the ApplicationSet endpoint', method: 'GET', path: '/api/v1/getparams.execute', status: 405, error: 'method-not-allowed' },
  { name: 'the ApplicationSet endpoint without a token', method: 'POST', path: '/api/v1/getparams.execute', headers: JSON_TYPE, body: '{"applicationSetName":"a"}', status: 401, error: 'unauthorized' },
  { name: 'the ApplicationSet endpoint with a wrong token', method: 'POST', path: '/api/v1/getparams.execute', headers: { ...JSON_TYPE, authorization: 'Bearer wrong' }, body: '{"applicationSetName":"a"}', status: 403, error: 'forbidden' },
  { name: 'an unknown ApplicationSet filter', method: 'POST', path: '/api/v1/getparams.execute', headers: { ...JSON_TYPE, authorization: `Bearer ${TOKEN}` }, body: '{"applicationSetName":"a","input":{"parameters":{"everything":true}}}', status: 400, error: 'invalid-body' },
  { name: 'an unknown path', method: 'GET', path: '/v1/../../etc/passwd', status: 404 },
];

describe('hostile requests against a real server', () => {
  let server: Served;
  let hostile: Served;

  beforeAll(async () => {
    server = await serve(repoRoot);
    const root = makeRepo({ files: { 'overlays/x/kustomization.yaml': KUSTOMIZATION(['resources:', '  - a.yaml']), 'overlays/x/a.yaml': DEPLOYMENT('a') }, links: { 'overlays/evil': '/etc' } });
    hostile = await serve(root);
  }, 60_000);

  afterAll(() => {
    server.child.kill('SIGTERM');
    hostile.child.kill('SIGTERM');
    cleanupRepos();
  });

  it('has at least 30 of them', () => {
    expect(REQUESTS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(REQUESTS)('$name: $status', async (r) => {
    const started = Date.now();
    const res = await fetch(`${server.url}${r.path}`, { method: r.method, headers: r.headers ?? {}, ...(r.body === undefined ? {} : { body: r.body }), signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    expect(res.status, text).toBe(r.status);
    expect(Date.now() - started).toBeLessThan(10_000);
    if (r.error !== undefined) expect((JSON.parse(text) as { error: string }).error).toBe(r.error);
    for (const [name, pattern] of Object.entries(r.header ?? {})) expect(res.headers.get(name) ?? '').toMatch(pattern);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('logged no stack trace and no 5xx for any of them, and stayed small', () => {
    expect(server.log()).not.toMatch(/"stack"/);
    expect(server.log()).not.toMatch(/"status":5\d\d/);
    expect(peakRssMiB(server.child.pid as number)).toBeLessThan(MAX_RSS_MIB);
  });

  it.each(['/v1/overlays', '/', '/v1/check'])('a repository with a symlink under overlays/ leaving it: %s answers 422, not 500', async (route) => {
    const res = await fetch(`${hostile.url}${route}`, route === '/v1/check' ? { method: 'POST', headers: JSON_TYPE, body: '{}' } : {});
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toBe('repository-invalid');
    expect(hostile.log()).not.toMatch(/"stack"/);
  });

  it('a flood of 150 connections at once: 503 with Retry-After past the queue, the rest served, /healthz answering', async () => {
    const small = await serve(repoRoot, { ST2_GITOPS_MAX_QUEUED_REQUESTS: '2' });
    try {
      const one = (): Promise<{ status: number; retryAfter: string | undefined; error: string }> =>
        new Promise((resolve, reject) => {
          const req = request(`${small.url}/v1/check`, { method: 'POST', agent: false, headers: JSON_TYPE }, (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString('utf8')));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], error: (JSON.parse(body) as { error?: string }).error ?? '' }));
          });
          req.on('error', reject);
          req.end('{"overlays":["overlays/prod","overlays/dev","overlays/staging"],"environment":"production"}');
        });
      const flood = Array.from({ length: 150 }, one);
      const health = await fetch(`${small.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      const answers = await Promise.all(flood);
      expect(health.status).toBe(200);
      const refused = answers.filter((a) => a.status === 503);
      expect(refused.length).toBeGreaterThan(0);
      expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
      expect(answers.every((a) => a.status === 200 || a.status === 503)).toBe(true);
      expect(refused.every((a) => a.retryAfter === '1' && a.error === 'overloaded')).toBe(true);
      expect(small.log()).not.toMatch(/"stack"/);
    } finally {
      small.child.kill('SIGTERM');
    }
  }, 60_000);
});
