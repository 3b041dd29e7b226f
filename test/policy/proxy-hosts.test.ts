/**
 * The hosts config texts proxy to, worked out in TypeScript (proxy-hosts.ts),
 * are the ones exposure.rego's proxied_text_hosts reads itself (evaluated by
 * the real opa without the fact), over a table of texts that take each
 * branch of its pattern and RE2's meanings of \s and ^; and the facts cover
 * ConfigMap data and Secret stringData texts in ASCII, by where they are.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectProxyHosts, proxiedHosts } from '../../src/policy/proxy-hosts.js';
import { repoRoot } from './support.js';

const OPA = path.join(repoRoot, '.tools/bin/opa');
// Locally, no opa means skip; in CI (CI=true) its absence fails the suite.
const skip = !existsSync(OPA) && process.env['CI'] !== 'true';

const TEXTS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['location / { proxy_pass http://mongodb:27017; }', ['http://mongodb:27017']],
  ['stream {\n  server {\n    listen 5672;\n    proxy_pass rabbitmq:5672;\n  }\n}', ['rabbitmq:5672']],
  ['backend b\n  server s1 mongodb-0.mongodb:27017 check', ['mongodb-0.mongodb:27017']],
  // nginx's nameless upstream server is the whole host, not what a server name's backtracking leaves.
  ['upstream u {\n\tserver etcd:2379;\n}', ['etcd:2379']],
  ['upstream u {\n\tserver 10.0.0.5:2379 weight=5;\n}', ['10.0.0.5:2379']],
  ['[redis]\nclient = yes\nconnect = redis:6379', ['redis:6379']],
  // Envoy names host and port in two fields (flow, block, JSON).
  ['socket_address: { address: mongodb, port_value: 27017 }', ['mongodb:27017']],
  ['socket_address:\n  address: rabbitmq\n  port_value: 5672\n', ['rabbitmq:5672']],
  ['{"socket_address": {"address": "etcd", "port_value": 2379}}', ['etcd:2379']],
  ['address: st2api\nport: 9101\n', []],
  ['address: "mongodb:27017"', ['mongodb:27017']],
  ['ingress:\n  - service: tcp://rabbitmq:5672', ['tcp://rabbitmq:5672']],
  ['{"TCP": {"443": {"TCPForward": "mongodb:27017"}}}', ['mongodb:27017']],
  ['{"Web": {"Handlers": {"/": {"Proxy": "http://st2api:9101"}}}}', ['http://st2api:9101']],
  ['reverse_proxy /api/* st2api:9101', ['st2api:9101']],
  [':80 {\n  reverse_proxy {\n    to mongodb:27017\n  }\n}', ['mongodb:27017']],
  ['a\rserver mongodb:27017', []],
  ['a\vserver mongodb:27017', []],
  ['myreverse_proxy mongodb:27017', []],
  ['[database]\nhost = mongodb\nconnect = mongodb:27017', []],
  ['nothing to see: mongodb:27017', []],
];

describe('proxy hosts', () => {
  it.each(TEXTS)('GIVEN %j WHEN read THEN it proxies to %j', (text, hosts) => {
    expect(proxiedHosts(text)).toEqual(hosts);
  });

  it.skipIf(skip)('GIVEN the texts WHEN read by the policy without the fact THEN it reads the same hosts', () => {
    const data = Object.fromEntries(TEXTS.map(([t], i) => [`k${i}`, t]));
    const input = { resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data }], facts: {} };
    const query = 'x := {t: sort(h) | some t, h in data.st2.exposure.proxied_text_hosts}';
    const out = execFileSync(OPA, ['eval', '--format', 'json', '--stdin-input', '-d', path.join(repoRoot, 'policies'), query], { input: JSON.stringify(input), encoding: 'utf8' });
    const policy = (JSON.parse(out) as { result: Array<{ bindings: { x: Record<string, string[]> } }> }).result[0]?.bindings.x;
    expect(policy).toEqual(Object.fromEntries(TEXTS.map(([t]) => [t, proxiedHosts(t)] as const).filter(([, h]) => h.length > 0)));
  });

  it('GIVEN ConfigMaps and Secrets WHEN collected THEN each ASCII data or stringData text is listed where it is, Secret data left to the policy', () => {
    const resources = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { 'nginx.conf': 'proxy_pass mongodb:27017;', n: 'x ✓', o: 7 }, binaryData: { b: 'cHJveHlfcGFzcyBhOjE=' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { cfg: 'connect = redis:6379' }, data: { d: 'cHJveHlfcGFzcyBhOjE=' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, data: { x: 'proxy_pass a:1' } },
    ];
    expect(collectProxyHosts(resources)).toEqual([
      { resource: 0, field: 'data', key: 'nginx.conf', hosts: ['mongodb:27017'] },
      { resource: 1, field: 'stringData', key: 'cfg', hosts: ['redis:6379'] },
    ]);
  });
});
