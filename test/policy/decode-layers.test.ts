/**
 * The decoding layers and verifiers the second red team needed: C/shell
 * escapes, hex, gzip and UTF-16 inside base64, base64 of the shortest
 * default inside a command, htpasswd {SHA} and RabbitMQ password hashes of a
 * default, and pod templates found by shape. Each through the same
 * functions checkRender uses; only ids and encodings come out.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodedForms } from '../../src/policy/decode-layers.js';
import { hashHits } from '../../src/policy/hash-verifiers.js';
import { collectPodUnits } from '../../src/policy/pod-templates.js';
import { collectStringFacts } from '../../src/policy/string-facts.js';
import { NOW } from './support.js';

const PASSWORD = 'Ch@ngeMe';
const literals = [{ id: 'st2-auth-password', value: PASSWORD }];
const hex = (t: string): string => Buffer.from(t).toString('hex');
const escaped = (t: string, one: (b: number) => string): string => [...Buffer.from(t)].map(one).join('');

function hitsOf(text: string): string[] {
  const facts = collectStringFacts([{ kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: text } }], literals, NOW);
  return facts.literal_hits.map((h) => `${h.literal}/${h.encoding}`);
}

/** A zip archive as `zip` writes one: local headers with sizes, then a central directory (left out: only local headers are read). */
function zipOf(entries: ReadonlyArray<readonly [string, string, boolean]>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, text, deflate] of entries) {
    const data = deflate ? deflateRawSync(Buffer.from(text)) : Buffer.from(text);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(deflate ? 8 : 0, 8);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(text.length, 22);
    header.writeUInt16LE(name.length, 26);
    parts.push(header, Buffer.from(name), data);
  }
  return Buffer.concat(parts);
}

describe('decoding layers', () => {
  it.each([
    ['base64 of the 8-character default inside a command', `st2 login st2admin -p "$(echo ${Buffer.from(PASSWORD).toString('base64')} | base64 -d)"`, 'base64'],
    ['hex run', `echo ${hex(PASSWORD)} | xxd -r -p`, 'hex'],
    ['\\x escapes', `printf '${escaped(PASSWORD, (b) => `\\x${b.toString(16)}`)}'`, 'c-escape'],
    ['octal escapes', `printf '${escaped(PASSWORD, (b) => `\\${b.toString(8).padStart(3, '0')}`)}'`, 'c-escape'],
    ['gzip inside base64', gzipSync(Buffer.from(`[auth]\npassword = ${PASSWORD}\n`)).toString('base64'), 'gzip'],
    ['UTF-16LE inside base64 (PowerShell -EncodedCommand)', Buffer.from(`st2 login st2admin -p ${PASSWORD}`, 'utf16le').toString('base64'), 'utf-16'],
    ['a zip archive (deflated entry after a stored one) inside base64', zipOf([['README', 'config bundle\n', false], ['st2.conf', `[auth]\npassword = ${PASSWORD}\n`, true]]).toString('base64'), 'zip'],
  ])('finds the default in %s', (_what, text, encoding) => {
    expect(hitsOf(text)).toEqual([`st2-auth-password/${encoding}`]);
  });

  it('leaves checksums, ANSI escapes and binary gzip alone', () => {
    expect(hitsOf(`${createHash('sha256').update('x').digest('hex')}  st2.tgz\nprintf '\\x1b[1mready\\x1b[0m'`)).toEqual([]);
    expect(decodedForms(gzipSync(Buffer.from([0, 1, 2, 3, 255, 254])).toString('base64')).map((f) => f.encoding)).toEqual(['plain']);
  });

  it('stops a gzip bomb at the decode budget instead of inflating it', () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x41)).toString('base64');
    const forms = decodedForms(bomb);
    expect(forms.every((f) => f.text.length <= 256 * 1024 || f.encoding === 'plain')).toBe(true);
  });
});

describe('hash verifiers', () => {
  it('recognises an htpasswd {SHA} entry of a default and nothing else', () => {
    const sha = (t: string): string => createHash('sha1').update(t).digest('base64');
    expect(hashHits(`st2admin:{SHA}${sha(PASSWORD)}\n`, literals)).toEqual([{ id: 'st2-auth-password', encoding: 'htpasswd-sha1' }]);
    expect(hashHits(`st2admin:{SHA}${sha('a fresh one')}\n`, literals)).toEqual([]);
  });

  it('recognises a RabbitMQ salted SHA-256 password_hash of a default', () => {
    const salt = Buffer.from([1, 2, 3, 4]);
    const hash = (pw: string): string => Buffer.concat([salt, createHash('sha256').update(Buffer.concat([salt, Buffer.from(pw)])).digest()]).toString('base64');
    expect(hashHits(JSON.stringify({ users: [{ name: 'admin', password_hash: hash(PASSWORD) }] }), literals)).toEqual([{ id: 'st2-auth-password', encoding: 'rabbitmq-hash' }]);
    expect(hashHits(JSON.stringify({ users: [{ name: 'admin', password_hash: hash('fresh') }] }), literals)).toEqual([]);
  });
});

describe('pod templates by shape', () => {
  const pod = { containers: [{ name: 'a', image: 'x:1' }] };
  it('finds pod specs outside the usual places, with the copies they run, and only there', () => {
    const { units, bad } = collectPodUnits([
      { kind: 'Deployment', spec: { replicas: 3, template: { spec: pod } } },
      { kind: 'ScaledJob', spec: { jobTargetRef: { template: { spec: pod } } } },
      { kind: 'Managed', spec: { replicas: 2, podTemplate: { metadata: {}, spec: pod } } },
      { kind: 'Other', spec: { containers: 'no' } },
      { kind: 'InferenceService', spec: { predictor: { minReplicas: 1, ...pod } } },
      { kind: 'PyTorchJob', spec: { r: { Master: { replicas: 1, template: { spec: pod } }, Worker: { replicas: 3, template: { spec: pod } } } } },
      { kind: 'Service', spec: { template: { metadata: { annotations: { 'autoscaling.knative.dev/max-scale': '4' } }, spec: pod } } },
      { kind: 'BroadcastJob', spec: { template: { spec: pod } } },
      { kind: 'Task', spec: { steps: [{ name: 's', image: 'x:1', script: 'true' }], hostNetwork: true } },
      { kind: 'Job', spec: { parallelism: 2, template: { spec: pod } } },
    ]);
    expect(bad).toEqual([]);
    expect(units).toEqual({
      '1': { specs: [{ path: ['spec', 'jobTargetRef', 'template', 'spec'], labels: null, count: 100 }], loose: [] },
      '2': { specs: [{ path: ['spec', 'podTemplate', 'spec'], labels: ['spec', 'podTemplate', 'metadata', 'labels'], count: 2 }], loose: [] },
      '4': { specs: [{ path: ['spec', 'predictor'], labels: null, count: -1 }], loose: [] },
      '5': {
        specs: [
          { path: ['spec', 'r', 'Master', 'template', 'spec'], labels: null, count: 1 },
          { path: ['spec', 'r', 'Worker', 'template', 'spec'], labels: null, count: 3 },
        ],
        loose: [],
      },
      '6': { specs: [{ path: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'], count: 4 }], loose: [] },
      '7': { specs: [{ path: ['spec', 'template', 'spec'], labels: null, count: -1 }], loose: [] },
      '8': { specs: [], loose: [{ path: ['spec', 'steps', 0], flags: ['spec'] }] },
      '9': { specs: [{ path: ['spec', 'template', 'spec'], labels: null, count: 2 }], loose: [] },
    });
  });

  it('reports a count above a pod spec that is not a whole number', () => {
    const { bad } = collectPodUnits([{ kind: 'Job', spec: { tasks: [{ replicas: 2.5, template: { spec: pod } }] } }]);
    expect(bad).toEqual([{ index: 0, path: ['spec', 'tasks', 0, 'replicas'], value: 2.5 }]);
  });

  it('reads an admission policy\'s validate and match blocks as patterns, its mutate and generate blocks as what runs', () => {
    const pod = { containers: [{ name: 'c', image: 'x:1' }] };
    const { units } = collectPodUnits([
      { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', spec: { rules: [{ match: { any: [{ resources: { kinds: ['Pod'] } }] }, validate: { pattern: { spec: { containers: [{ image: '!*:latest' }] } } } }] } },
      { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', spec: { rules: [{ generate: { data: { spec: { template: { spec: pod } } } } }] } },
    ]);
    expect(Object.keys(units)).toEqual(['1']);
  });
});
