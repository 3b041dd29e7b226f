/**
 * A server that stays up (issue 14): the work routes pass a bounded admission
 * queue, past which they get 503 with Retry-After; /healthz and /metrics are
 * answered between renders; identical answers are served from their content.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdmission, createRequestListener } from '../../src/server/admission.js';
import { createWorkLimiter } from '../../src/server/work-limiter.js';
import { makeApp } from './support.js';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function listen(queue: number): Promise<string> {
  const admission = createAdmission({ concurrency: 1, queue });
  const t = makeApp(undefined, { admission });
  const server = createServer(createRequestListener(t.app, admission));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const check = (url: string, body = '{}'): Promise<Response> => fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('admission of the work routes', () => {
  it('gives every caller the same bytes for the same answer, with an ETag naming its content', async () => {
    const url = await listen(16);
    const a = await check(url, '{"overlays":["overlays/prod"]}');
    const b = await check(url, '{"overlays":["overlays/prod"]}');
    expect(await a.text()).toBe(await b.text());
    const render = await fetch(`${url}/v1/render`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"overlay":"overlays/prod"}' });
    const etag = render.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    const again = await fetch(`${url}/v1/render`, { method: 'POST', headers: { 'content-type': 'application/json', 'if-none-match': etag }, body: '{"overlay":"overlays/prod"}' });
    expect(again.status).toBe(304);
  });
});

describe('the work limiter', () => {
  it('starts callers one turn at a time, in order, and refuses past the queue', async () => {
    const limiter = createWorkLimiter({ concurrency: 1, queue: 2 });
    const order: number[] = [];
    const runs = [1, 2].map((n) => limiter.run(() => order.push(n)));
    expect(limiter.full).toBe(true);
    await expect(limiter.run(() => order.push(3))).rejects.toMatchObject({ status: 503, code: 'overloaded', headers: { 'Retry-After': '1' } });
    await Promise.all(runs);
    expect(order).toEqual([1, 2]);
    expect(limiter.active).toBe(0);
    expect(limiter.queued).toBe(0);
  });
});
