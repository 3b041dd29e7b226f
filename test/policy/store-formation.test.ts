import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { initiatedMembers } from '../../src/policy/mongo-set-members.js';
import { listenerProblem } from '../../src/policy/rabbitmq-listeners.js';
import { collectStoreHaFacts } from '../../src/policy/store-ha-facts.js';

type Json = Record<string, unknown>;

const FORMATION = new Set(['cookie_per_pod', 'node_not_peer', 'amqp_listener', 'member_name', 'cluster_state', 'election_timeout', 'init_missing', 'init_host', 'electable', 'data_moved', 'config_missing', 'peer_host']);

const sts = (name: string, containers: Json[], extra: Json = {}, volumes: Json[] = []): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace: 'st2-prod' },
  spec: { replicas: 3, serviceName: name, template: { spec: { containers, volumes } }, ...extra },
});
const formation = (resources: Manifest[]): Array<[string, number | string]> =>
  collectStoreHaFacts(resources, new Map(resources.map((r, i) => [i, r['kind'] === 'StatefulSet' ? [['spec', 'template', 'spec']] : []])), 'st2-prod')
    .filter((f) => FORMATION.has(f.setting))
    .map((f) => [f.setting, f.value]);

describe('listenerProblem: rabbitmq.conf listeners against the clients\' ports', () => {
  const ports = new Set([5672]);
  it.each([
    ['listeners.tcp.default = 127.0.0.1:5672', 'loopback'],
    ['listeners.tcp.local = ::1:5672\nlisteners.tcp.other = localhost:5672', 'loopback'],
    ['listeners.tcp.default = 5673', 'port 5673'],
    ['listeners.tcp = none', 'none'],
    ['listeners.tcp.default = 5672', undefined],
    ['listeners.tcp.default = 0.0.0.0:5672', undefined],
    ['listeners.tcp.default = :::5672', undefined],
    ['listeners.tcp.default = 5672\nlisteners.tcp.other = 5673', undefined],
    ['listeners.tcp = none\nlisteners.ssl.default = 5671', undefined],
    ['# listeners.tcp.default = 127.0.0.1:5672\nloopback_users.guest = false', undefined],
    // advanced.config's Erlang terms (and `-rabbit` arguments, written as them), as rabbit_networking reads each entry.
    ['[{rabbit, [{tcp_listeners, []}]}].', 'none'],
    ['[{rabbit, [{tcp_listeners, [{"127.0.0.1", 5672}]}]}].', 'loopback'],
    ['[{rabbit, [{tcp_listeners, [{"127.0.0.1", 5672}, {"[::1]", 5672}]}]}].', 'loopback'],
    ['[{rabbit, [{tcp_listeners, [{local, "/tmp/amqp.sock", 0}]}]}].', 'loopback'],
    ['[{rabbit, [{tcp_listeners, [5673]}]}].', 'port 5673'],
    ['[{rabbit, [{tcp_listeners, [5672]}]}].', undefined],
    ['[{rabbit, [{tcp_listeners, [{"0.0.0.0", 5672}, {"::", 5672, inet6}]}]}].', undefined],
    ['[{rabbit, [{tcp_listeners, [{"auto", 5672}]}]}].', undefined],
    ['[{rabbit, [{tcp_listeners, []}, {ssl_listeners, [5671]}]}].', undefined],
    ['[{rabbit, [{consumer_timeout, 3600000}]}].', undefined],
    // The Erlang form wins over rabbitmq.conf's keys in the same text.
    ['listeners.tcp.default = 5672\n[{rabbit, [{tcp_listeners, []}]}].', 'none'],
  ])('%j: %s', (text, problem) => {
    expect(listenerProblem(text, ports)).toBe(problem);
  });
});

describe('initiatedMembers: rs.initiate member documents', () => {
  it('reads hosts, priorities, votes and arbiters', () => {
    const text = 'rs.initiate({ _id: "rs0", members: [ { _id: 0, host: "a:27017", priority: 2 }, { _id: 1, host: \'b:27017\', votes: 0, priority: 0 }, { _id: 2, host: "c:27017", arbiterOnly: true } ] })';
    expect(initiatedMembers(text)).toEqual([
      [
        { host: 'a:27017', priority: 2, votes: 1, arbiter: false },
        { host: 'b:27017', priority: 0, votes: 0, arbiter: false },
        { host: 'c:27017', priority: 1, votes: 1, arbiter: true },
      ],
    ]);
  });
});

describe('collectStoreHaFacts: formation settings', () => {
  const podName = { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } };
  const etcd = (...flags: string[]): Manifest =>
    sts('etcd', [{ name: 'etcd', image: 'bitnamilegacy/etcd:3.5.17', env: [podName], command: ['etcd', '--name=$(POD_NAME)', '--initial-cluster=etcd-0=http://etcd-0.etcd:2380,etcd-1=http://etcd-1.etcd:2380,etcd-2=http://etcd-2.etcd:2380', ...flags] }]);
  it.each<[string[], Array<[string, number | string]>]>([
    [[], []],
    [['--heartbeat-interval=1000', '--election-timeout=1000'], [['election_timeout', 1000]]],
    [['--election-timeout=60000', '--heartbeat-interval=1000'], [['election_timeout', 60000]]],
    [['--heartbeat-interval=200', '--election-timeout=1000'], []],
    [['--initial-cluster-state=existing'], [['cluster_state', 'existing']]],
    [['--name=member-$(POD_NAME)'], [['member_name', 'member-$(POD_NAME)']]],
  ])('etcd %j', (flags, expected) => {
    expect(formation([etcd(...flags)])).toEqual(expected);
  });

  // StatefulSet identity: ordinals.start renumbers the pods, the pods' DNS names live under a headless serviceName.
  const headless = (name: string, clusterIP = 'None'): Manifest => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'st2-prod' }, spec: { clusterIP, ports: [{ port: 2380 }] } });
  const etcdAs = (extra: Json): Manifest => ({ ...etcd(), spec: { ...(etcd()['spec'] as Json), ...extra } });
  it.each<[string, Manifest[], Array<[string, number | string]>]>([
    ['the base with its headless Service', [etcd(), headless('etcd')], []],
    ['ordinals.start 0 written out', [etcdAs({ ordinals: { start: 0 } }), headless('etcd')], []],
    ['ordinals.start 1: etcd-3 is no member of --initial-cluster', [etcdAs({ ordinals: { start: 1 } }), headless('etcd')], [['member_name', '$(POD_NAME)']]],
    ['serviceName of no Service', [etcdAs({ serviceName: 'etcd-peers' }), headless('etcd')], [['peer_host', 'etcd-0.etcd']]],
    ['the governing Service not headless', [etcd(), headless('etcd', '10.0.0.12')], [['peer_host', 'etcd-0.etcd']]],
    ['a render holding no Service of the namespace (not judged)', [etcd()], []],
  ])('etcd: %s', (_, resources, expected) => {
    expect(formation(resources)).toEqual(expected);
  });

  const rabbit = (env: Json[]): Manifest => sts('rabbitmq', [{ name: 'rabbitmq', image: 'rabbitmq:3.12.14', env: [{ name: 'MY_POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, ...env], volumeMounts: [{ name: 'data', mountPath: '/var/lib/rabbitmq' }] }], { volumeClaimTemplates: [{ metadata: { name: 'data' } }] });
  const peers: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rabbitmq-config', namespace: 'st2-prod' }, data: { 'rabbitmq.conf': [0, 1, 2].map((k) => `cluster_formation.classic_config.nodes.${k + 1} = rabbit@rabbitmq-${k}.rabbitmq`).join('\n') } };
  it.each<[string, Json[], Array<[string, number | string]>]>([
    ['the base', [{ name: 'RABBITMQ_NODENAME', value: 'rabbit@$(MY_POD_NAME).rabbitmq' }], []],
    ['a short name', [{ name: 'RABBITMQ_NODENAME', value: 'rabbit@$(MY_POD_NAME)' }], [['node_not_peer', 'rabbit@rabbitmq-0']]],
    ['a cookie per pod', [{ name: 'RABBITMQ_ERLANG_COOKIE', value: 'c-$(MY_POD_NAME)' }], [['cookie_per_pod', 'MY_POD_NAME']]],
    ['the mnesia base moved', [{ name: 'RABBITMQ_MNESIA_BASE', value: '/var/lib/rabbitmq/v2' }], [['data_moved', '/var/lib/rabbitmq/v2']]],
    ['the mnesia base restated', [{ name: 'RABBITMQ_MNESIA_BASE', value: '/var/lib/rabbitmq/mnesia' }], []],
    // Without listeners.tcp in rabbitmq.conf, the environment's listener is the node's (rabbit_prelaunch).
    ['AMQP moved by RABBITMQ_NODE_PORT', [{ name: 'RABBITMQ_NODE_PORT', value: '5673' }], [['amqp_listener', 'port 5673']]],
    ['AMQP on loopback by RABBITMQ_NODE_IP_ADDRESS', [{ name: 'RABBITMQ_NODE_IP_ADDRESS', value: '127.0.0.1' }], [['amqp_listener', 'loopback']]],
    ['AMQP on IPv6 loopback', [{ name: 'RABBITMQ_NODE_IP_ADDRESS', value: '::1' }, { name: 'RABBITMQ_NODE_PORT', value: '5672' }], [['amqp_listener', 'loopback']]],
    ['RABBITMQ_NODE_PORT restated', [{ name: 'RABBITMQ_NODE_PORT', value: '5672' }], []],
    ['every interface, the usual port', [{ name: 'RABBITMQ_NODE_IP_ADDRESS', value: '0.0.0.0' }], []],
    ['a port the gate cannot read', [{ name: 'RABBITMQ_NODE_PORT', value: '$(AMQP_PORT)' }], []],
  ])('RabbitMQ: %s', (_, env, expected) => {
    expect(formation([rabbit(env), peers])).toEqual(expected);
  });

  // The chart's pattern: an init container copies the ConfigMap's files into an emptyDir at /etc/rabbitmq.
  const copied = (env: Json[], init = 'cp /etc/rabbitmq-configmap/rabbitmq.conf /etc/rabbitmq/'): Manifest[] => [
    sts(
      'rabbitmq',
      [{ name: 'rabbitmq', image: 'rabbitmq:3.12.14', env, volumeMounts: [{ name: 'config', mountPath: '/etc/rabbitmq' }] }],
      { template: { spec: { initContainers: [{ name: 'copy', image: 'busybox:1.36.1', command: ['sh', '-ec', init], volumeMounts: [{ name: 'configmap', mountPath: '/etc/rabbitmq-configmap' }, { name: 'config', mountPath: '/etc/rabbitmq' }] }], containers: [{ name: 'rabbitmq', image: 'rabbitmq:3.12.14', env, volumeMounts: [{ name: 'config', mountPath: '/etc/rabbitmq' }] }], volumes: [{ name: 'configmap', configMap: { name: 'rabbitmq-config' } }, { name: 'config', emptyDir: {} }] } } },
    ),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rabbitmq-config', namespace: 'st2-prod' }, data: { 'rabbitmq.conf': 'cluster_partition_handling = pause_minority\n' } },
  ];
  it.each<[string, Manifest[], Array<[string, number | string]>]>([
    ['RABBITMQ_CONFIG_FILE at a file nothing writes', copied([{ name: 'RABBITMQ_CONFIG_FILE', value: '/etc/rabbitmq/cluster' }]), [['config_missing', '/etc/rabbitmq/cluster']]],
    ['RABBITMQ_CONFIG_FILE at the copied file', copied([{ name: 'RABBITMQ_CONFIG_FILE', value: '/etc/rabbitmq/rabbitmq.conf' }]), []],
    ['RABBITMQ_CONFIG_FILE without its extension', copied([{ name: 'RABBITMQ_CONFIG_FILE', value: '/etc/rabbitmq/rabbitmq' }]), []],
    ['a file a script writes', copied([{ name: 'RABBITMQ_CONFIG_FILE', value: '/etc/rabbitmq/cluster.conf' }], 'sed s/x/y/ /etc/rabbitmq-configmap/rabbitmq.conf > /etc/rabbitmq/cluster.conf'), []],
    ['a path outside every mount (the image may ship it)', copied([{ name: 'RABBITMQ_CONFIG_FILE', value: '/opt/rabbitmq/etc/cluster.conf' }]), []],
  ])('RabbitMQ: %s', (_, resources, expected) => {
    expect(formation(resources)).toEqual(expected);
  });

  it('RabbitMQ: listeners in advanced.config or on the erl command line (they override rabbitmq.conf)', () => {
    const advanced = (terms: string): Manifest => ({ ...peers, data: { ...(peers['data'] as Json), 'advanced.config': `[{rabbit, [${terms}]}].\n` } });
    expect(formation([rabbit([]), advanced('{tcp_listeners, []}')])).toEqual([['amqp_listener', 'none']]);
    expect(formation([rabbit([]), advanced('{tcp_listeners, [{"127.0.0.1", 5672}]}')])).toEqual([['amqp_listener', 'loopback']]);
    expect(formation([rabbit([]), advanced('{consumer_timeout, 3600000}')])).toEqual([]);
    expect(formation([rabbit([{ name: 'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', value: '-rabbit tcp_listeners []' }]), peers])).toEqual([['amqp_listener', 'none']]);
    expect(formation([rabbit([{ name: 'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', value: '-rabbit tcp_listeners [5672]' }]), peers])).toEqual([]);
    expect(formation([rabbit([{ name: 'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', value: '+S 2:2' }]), peers])).toEqual([]);
    // advanced.config's listeners replace the environment's too.
    expect(formation([rabbit([{ name: 'RABBITMQ_NODE_PORT', value: '5673' }]), advanced('{tcp_listeners, [5672]}')])).toEqual([]);
  });

  it("RabbitMQ: rabbitmq.conf's listeners.tcp replaces the environment's", () => {
    const conf: Manifest = { ...peers, data: { 'rabbitmq.conf': `${String((peers['data'] as Json)['rabbitmq.conf'])}\nlisteners.tcp.default = 5672` } };
    expect(formation([rabbit([{ name: 'RABBITMQ_NODE_PORT', value: '5673' }]), conf])).toEqual([]);
  });

  const scripts = (js: string): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mongodb-scripts', namespace: 'st2-prod' }, data: { 'init.js': js } });
  const mongo = (sidecar: boolean): Manifest =>
    sts(
      'mongodb',
      [{ name: 'mongodb', image: 'percona/percona-server-mongodb:4.4.29-28', args: ['--replSet', 'rs0'] }, ...(sidecar ? [{ name: 'init', image: 'mongo:4.4.29', command: ['sh', '/scripts/init.sh'], volumeMounts: [{ name: 'scripts', mountPath: '/scripts' }] }] : [])],
      {},
      [{ name: 'scripts', configMap: { name: 'mongodb-scripts' } }],
    );
  const init = (members: string[]): string => `rs.initiate({ _id: "rs0", members: [ ${members.map((m, k) => `{ _id: ${k}, ${m} }`).join(', ')} ] })`;
  const hosts = [0, 1, 2].map((k) => `host: "mongodb-${k}.mongodb:27017"`);
  it.each<[string, Manifest[], Array<[string, number | string]>]>([
    ['the base', [mongo(true), scripts(init(hosts))], []],
    ['no initiator', [mongo(false), scripts(init(hosts))], [['init_missing', 'mongodb']]],
    ['no initiation in the render (initiated by hand)', [mongo(false)], []],
    ['another Service', [mongo(true), scripts(init(hosts.map((h) => h.replace('.mongodb:', '.mongodb-headless:'))))], [0, 1, 2].map((k): [string, string] => ['init_host', `mongodb-${k}.mongodb-headless:27017`])],
    ['two priority-0 members', [mongo(true), scripts(init([hosts[0] ?? '', `${hosts[1] ?? ''}, priority: 0`, `${hosts[2] ?? ''}, priority: 0`]))], [['electable', 1]]],
    ['one priority-0 member', [mongo(true), scripts(init([hosts[0] ?? '', hosts[1] ?? '', `${hosts[2] ?? ''}, priority: 0`]))], []],
    ['ordinals.start 1: no mongodb-0', [{ ...mongo(true), spec: { ...(mongo(true)['spec'] as Json), ordinals: { start: 1 } } }, scripts(init(hosts))], [['init_host', 'mongodb-0.mongodb:27017']]],
    ['ordinals.start 1 and the hosts renumbered', [{ ...mongo(true), spec: { ...(mongo(true)['spec'] as Json), ordinals: { start: 1 } } }, scripts(init([1, 2, 3].map((k) => `host: "mongodb-${k}.mongodb:27017"`)))], []],
    ['the governing Service missing', [mongo(true), scripts(init(hosts)), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'mongodb-client', namespace: 'st2-prod' }, spec: { ports: [{ port: 27017 }] } }], [0, 1, 2].map((k): [string, string] => ['init_host', `mongodb-${k}.mongodb:27017`])],
  ])('MongoDB: %s', (_, resources, expected) => {
    expect(formation(resources)).toEqual(expected);
  });
});
