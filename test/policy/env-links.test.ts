/**
 * Store variables a program cannot parse (src/policy/env-links.ts): the kubelet's Service links
 * (envvars FromServices: <NAME>_PORT=tcp://IP:port and the rest, for each Service with a cluster
 * IP in the pod's namespace, unless enableServiceLinks is false; a declared variable wins) and
 * RabbitMQ's and etcd's readings of them (rabbit_env.erl list_to_integer with the unprefixed
 * fallback; etcd 3.5's ETCD_<FLAG>).
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectPodFacts } from '../../src/policy/pod-facts.js';
import { collectPodUnits } from '../../src/policy/pod-templates.js';

type Json = Record<string, unknown>;

const sts = (name: string, container: Json, pod: Json = {}, namespace = 'st2-prod'): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, ...container }], ...pod } } },
});
const rabbit = (env: Json[] = [], pod: Json = {}, extra: Json = {}): Manifest => sts('rabbitmq', { image: 'rabbitmq:3.12.14', env, ...extra }, pod);
const etcd = (command: string[]): Manifest => sts('etcd', { image: 'bitnamilegacy/etcd:3.5.17', command });
const svc = (name: string, spec: Json = {}, namespace = 'st2-prod'): Manifest => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { ports: [{ name: 'p', port: 5672 }], ...spec } });
const cm = (name: string, data: Json): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'st2-prod' }, data });

function found(resources: Manifest[]): string[] {
  return collectPodFacts(resources, collectPodUnits(resources).specPaths, 'st2-prod').env_links.map((f) => `${f.program} ${f.variable}${f.service ? ` <- ${f.service}` : ''}`);
}

describe('store variables from Service links or written', () => {
  it.each<[string, Manifest[], string[]]>([
    ['rabbitmq-node gives RABBITMQ_NODE_PORT', [rabbit(), svc('rabbitmq-node')], ['rabbitmq RABBITMQ_NODE_PORT <- rabbitmq-node']],
    ['rabbitmq-dist gives RABBITMQ_DIST_PORT', [rabbit(), svc('rabbitmq-dist')], ['rabbitmq RABBITMQ_DIST_PORT <- rabbitmq-dist']],
    ['node gives NODE_PORT, read when RABBITMQ_NODE_PORT is unset', [rabbit(), svc('node')], ['rabbitmq NODE_PORT <- node']],
    ['…or empty', [rabbit([{ name: 'RABBITMQ_NODE_PORT', value: '' }]), svc('node')], ['rabbitmq NODE_PORT <- node']],
    ['…not when RABBITMQ_NODE_PORT is declared', [rabbit([{ name: 'RABBITMQ_NODE_PORT', value: '5672' }]), svc('node')], []],
    ['a declared variable wins over the link', [rabbit([{ name: 'RABBITMQ_NODE_PORT', value: '5672' }]), svc('rabbitmq-node')], []],
    ['envFrom of a rendered ConfigMap declares its keys', [rabbit([], {}, { envFrom: [{ configMapRef: { name: 'ports' } }] }), cm('ports', { RABBITMQ_NODE_PORT: '5672' }), svc('rabbitmq-node')], []],
    ['envFrom of a ConfigMap without the key does not', [rabbit([], {}, { envFrom: [{ configMapRef: { name: 'ports' } }] }), cm('ports', { OTHER: 'x' }), svc('rabbitmq-node')], ['rabbitmq RABBITMQ_NODE_PORT <- rabbitmq-node']],
    ['envFrom of an object the render lacks may declare it', [rabbit([], {}, { envFrom: [{ secretRef: { name: 'elsewhere' } }] }), svc('rabbitmq-node')], []],
    ['enableServiceLinks false', [rabbit([], { enableServiceLinks: false }), svc('rabbitmq-node')], []],
    ['a headless Service gives nothing', [rabbit(), svc('rabbitmq-node', { clusterIP: 'None' })], []],
    ['an ExternalName Service gives nothing', [rabbit(), svc('rabbitmq-node', { type: 'ExternalName', externalName: 'mq.example.com' })], []],
    ['a Service of another namespace gives nothing', [rabbit(), svc('rabbitmq-node', {}, 'other')], []],
    ['names RabbitMQ does not read', [rabbit(), svc('rabbitmq'), svc('rabbitmq-prometheus'), svc('rabbitmq-discovery')], []],
    ['a written URL', [rabbit([{ name: 'RABBITMQ_NODE_PORT', value: 'tcp://10.0.0.1:5672' }])], ['rabbitmq RABBITMQ_NODE_PORT']],
    ['a written name in the unprefixed fallback', [rabbit([{ name: 'DIST_PORT', value: 'dist' }])], ['rabbitmq DIST_PORT']],
    ['written numbers and $(VAR) references pass', [rabbit([{ name: 'RABBITMQ_NODE_PORT', value: '5673' }, { name: 'RABBITMQ_DIST_PORT', value: '$(DIST)' }])], []],
    ['etcd-socket-reuse gives ETCD_SOCKET_REUSE_PORT', [etcd(['etcd', '--name=a']), svc('etcd-socket-reuse')], ['etcd ETCD_SOCKET_REUSE_PORT <- etcd-socket-reuse']],
    ['etcd with a config file ignores its environment', [etcd(['etcd', '--config-file=/etc/etcd.yaml']), svc('etcd-socket-reuse')], []],
    ['etcd, etcd-client and etcd-headless name no etcd flag', [etcd(['etcd']), svc('etcd'), svc('etcd-client')], []],
    ['other programs read none of these', [sts('st2api', { image: 'stackstorm/st2api:3.8.1' }), svc('rabbitmq-node'), svc('etcd-socket-reuse')], []],
  ])('%s', (_name, resources, want) => {
    expect(found(resources)).toEqual(want);
  });
});
