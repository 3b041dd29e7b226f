/**
 * The server over a real loopback port (startServer, as `st2-gitops serve`
 * runs it) on a throw-away copy of the repository: a denial over HTTP, the
 * warm cache seeing a file change on the very next request, and Argo CD's
 * exact request shape for the plugin generator.
 */
import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../../src/server/main.js';
import { copyRepo, writeRepoFile } from '../policy/support.js';
import { TOKEN } from './support.js';
import { patchText, wrapperKustomization } from '../support/kustomization-text.js';

let root: string;
let server: ServerHandle;
const logs: string[] = [];

const DEFECT = wrapperKustomization('defect-nodeport', 'production', ['../prod'], patchText('Service', 'st2web', '- op: add\n  path: /spec/type\n  value: NodePort'));

interface RenderBody {
  readonly allowed: boolean;
  readonly findings: ReadonlyArray<{ rule: string; severity: string; location?: { file: string; line?: number } }>;
  readonly manifests?: ReadonlyArray<{ kind: string; metadata: { name: string }; spec?: { replicas?: number } }>;
}

async function render(overlay: string): Promise<{ status: number; cache: string | null; body: RenderBody }> {
  const res = await fetch(`${server.url}/v1/render`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ overlay }) });
  return { status: res.status, cache: res.headers.get('x-cache'), body: (await res.json()) as RenderBody };
}

function replicasOf(body: RenderBody, name: string): number | undefined {
  return body.manifests?.find((m) => m.kind === 'Deployment' && m.metadata.name === name)?.spec?.replicas;
}

beforeAll(async () => {
  root = copyRepo();
  writeRepoFile(root, 'overlays/defect-nodeport/kustomization.yaml', DEFECT);
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    root,
    env: { ST2_GITOPS_APPSET_TOKEN: TOKEN },
    logger: pino({ level: 'info' }, { write: (line: string) => void logs.push(line) }),
  });
  await server.ready;
});

afterAll(async () => {
  await server.shutdown('test done');
  rmSync(root, { recursive: true, force: true });
});

describe('serve over a loopback port', () => {
  it('denies a defect overlay with 422, the rule and the file:line of the patch', async () => {
    // GIVEN overlays/defect-nodeport, prod with st2web switched to a NodePort
    // WHEN it is rendered over HTTP
    const res = await render('overlays/defect-nodeport');
    // THEN it is denied with ST2-EXP-002 located in its kustomization
    expect(res.status).toBe(422);
    expect(res.body.allowed).toBe(false);
    expect(res.body.manifests).toBeUndefined();
    const finding = res.body.findings.find((f) => f.rule === 'ST2-EXP-002');
    expect(finding).toMatchObject({ severity: 'deny', location: { file: 'overlays/defect-nodeport/kustomization.yaml' } });
    const line = finding?.location?.line ?? 0;
    expect(readFileSync(path.join(root, 'overlays/defect-nodeport/kustomization.yaml'), 'utf8').split('\n')[line - 1]).toContain('- op: add');
  });

  it('picks up a changed input file on the very next request, even a same-size rewrite within the same second', async () => {
    // GIVEN a warm cache for prod
    const kfile = path.join(root, 'overlays/prod/kustomization.yaml');
    const original = readFileSync(kfile, 'utf8');
    expect((await render('overlays/prod')).cache).toBe('miss');
    const warm = await render('overlays/prod');
    expect(warm.cache).toBe('hit');
    expect(replicasOf(warm.body, 'st2api')).toBe(3);
    // WHEN st2api's replica count is rewritten in place (same size, same second)
    const changed = original.replace(/(name: st2api\n\s+count: )3/, '$14');
    expect(changed).not.toBe(original);
    expect(changed.length).toBe(original.length);
    writeFileSync(kfile, changed);
    const after = await render('overlays/prod');
    // THEN the next render is fresh and shows it; then it is warm again
    expect(after.cache).toBe('miss');
    expect(replicasOf(after.body, 'st2api')).toBe(4);
    expect((await render('overlays/prod')).cache).toBe('hit');
  });

  it('re-renders when a base file the overlay includes changes, or a new overlay appears', async () => {
    // GIVEN staging warm
    await render('overlays/staging');
    expect((await render('overlays/staging')).cache).toBe('hit');
    // WHEN a base file changes (a transitive input)
    const base = path.join(root, 'base/st2client.yaml');
    writeFileSync(base, `${readFileSync(base, 'utf8')}\n# touched\n`);
    // THEN staging is rendered afresh
    expect((await render('overlays/staging')).cache).toBe('miss');
    // AND a newly added overlay is known at once
    writeRepoFile(root, 'overlays/qa/kustomization.yaml', DEFECT.replace('defect-nodeport', 'qa').replace('production', 'qa'));
    const listed = (await (await fetch(`${server.url}/v1/overlays`)).json()) as { overlays: Array<{ path: string }> };
    expect(listed.overlays.map((o) => o.path)).toContain('overlays/qa');
  });

  it('answers the plugin generator request exactly as Argo CD sends it', async () => {
    // GIVEN the controller's request: JSON with a trailing newline, its User-Agent, a bearer token
    const res = await fetch(`${server.url}/api/v1/getparams.execute`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, 'User-Agent': 'argocd-applicationset' },
      body: `${JSON.stringify({ applicationSetName: 'st2', input: { parameters: { environment: 'production' } } })}\n`,
    });
    // THEN a 2xx with {output: {parameters: [...]}}, the denied defect overlay marked as such
    expect(res.status).toBe(200);
    const body = (await res.json()) as { output: { parameters: Array<{ path: string; policyStatus: string; allowed: boolean }> } };
    expect(body.output.parameters.map((p) => [p.path, p.policyStatus, p.allowed])).toEqual([
      ['overlays/defect-nodeport', 'deny', false],
      ['overlays/prod', 'pass', true],
    ]);
  });

  it('fails closed with 503 once a policy source changes after the bundle was built, and /readyz says why', async () => {
    // GIVEN a ready server; WHEN a .rego file changes (the committed bundle is now stale)
    const rego = path.join(root, 'policies/exposure.rego');
    const original = readFileSync(rego, 'utf8');
    writeFileSync(rego, `${original}\n# edited without rebuilding the bundle\n`);
    try {
      // THEN renders are refused, as the CLI would refuse them
      const res = await fetch(`${server.url}/v1/render`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ overlay: 'overlays/prod' }) });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe('bundle-stale');
      expect(body.message).toMatch(/^policy bundle is stale: policies\/\*\.rego or data files changed after it was built .*run `npm run build:policies`/);
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { reason: string }).reason).toMatch(/^policy bundle is stale/);
    } finally {
      // AND restoring the source makes it ready again without a restart
      writeFileSync(rego, original);
    }
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await render('overlays/prod')).status).toBe(200);
  });

  it.each([
    { name: 'a path outside the repository', path: '/v1/render', auth: undefined, body: JSON.stringify({ overlay: '../../etc' }), status: 400, error: 'path-escape' },
    { name: 'an unknown overlay', path: '/v1/render', auth: undefined, body: JSON.stringify({ overlay: 'overlays/nope' }), status: 404, error: 'unknown-overlay' },
    { name: 'malformed JSON', path: '/v1/render', auth: undefined, body: '{"overlay":', status: 400, error: 'malformed-json' },
    { name: 'an oversize body', path: '/v1/check', auth: undefined, body: JSON.stringify({ overlays: Array.from({ length: 200 }, () => 'x'.repeat(400)) }), status: 413, error: 'body-too-large' },
    { name: 'no bearer token', path: '/api/v1/getparams.execute', auth: undefined, body: '{"applicationSetName":"st2","input":{}}\n', status: 401, error: 'unauthorized' },
    { name: 'a wrong bearer token', path: '/api/v1/getparams.execute', auth: 'Bearer wrong-token-zz9', body: '{"applicationSetName":"st2","input":{}}\n', status: 403, error: 'forbidden' },
  ])('answers $status with a JSON error for $name over the wire', async ({ path: route, auth, body, status, error }) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth !== undefined) headers['authorization'] = auth;
    const res = await fetch(`${server.url}${route}`, { method: 'POST', headers, body });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/json');
    const json = (await res.json()) as { error: string; message: string; requestId: string };
    expect(json.error).toBe(error);
    expect(json.requestId).toBe(res.headers.get('x-request-id'));
    expect(JSON.stringify(json)).not.toMatch(/\n\s+at |zz9/);
  });

  it('logs one JSON line per request with its id, status and route, and no token', () => {
    const lines = logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const access = lines.filter((l) => l['msg'] === 'request');
    expect(access.length).toBeGreaterThan(5);
    expect(access.every((l) => typeof l['requestId'] === 'string' && typeof l['status'] === 'number')).toBe(true);
    expect(access.some((l) => l['route'] === '/api/v1/getparams.execute' && l['status'] === 200)).toBe(true);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });
});
