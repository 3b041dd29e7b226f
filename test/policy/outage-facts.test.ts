/**
 * The values the seventh red team's outage typos hide in, read as their
 * programs read them (src/policy/quantity.ts, time-zones.ts,
 * outage-facts.ts): Kubernetes quantities, Go integers (etcd's flags),
 * RabbitMQ information units, IANA time zones, and the members a store is
 * told to bootstrap with. The policies compare these facts with the bounds
 * in settings.outage (rules.test.ts, redteam7_ha_test.rego).
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectOutageFacts, replicaSetMembers } from '../../src/policy/outage-facts.js';
import { collectPodUnits } from '../../src/policy/pod-templates.js';
import { parseGoInt, parseInformationUnit, parseQuantity } from '../../src/policy/quantity.js';
import { DEFAULT_OUTAGE, outageOf } from '../../src/policy/settings.js';
import { isTimeZone } from '../../src/policy/time-zones.js';
import { configMap, NAMESPACE } from './support.js';

describe('parseQuantity reads resource.Quantity as the API server does', () => {
  it.each([
    ['1000', 1000],
    ['1000m', 1],
    ['100m', 0.1],
    ['512', 512],
    ['512Mi', 512 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['5e2', 500],
    ['5E2', 500],
    ['1E', 1e18],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['+2k', 2000],
    ['250u', 0.00025],
    [2, 2],
  ] as const)('%s is %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 12);
  });

  it.each(['1 Gi', '1GiB', 'Mi', '1.2.3', '', 'one', '1ki', '0x10', null])('%s is no quantity', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe("parseGoInt reads etcd's int64 flags (strconv.ParseInt base 0)", () => {
  it.each([
    ['4096', 4096],
    ['4294967296', 4294967296],
    ['0x1000', 4096],
    ['0o17', 15],
    ['017', 15],
    ['0b101', 5],
    ['1_000', 1000],
    ['-1', -1],
    ['0', 0],
  ] as const)('%s is %d', (text, value) => {
    expect(parseGoInt(text)).toBe(value);
  });

  it.each(['4Gi', '1e9', '4 096', '0x', '1__0', '_1', '09'])('%s is refused', (text) => {
    expect(parseGoInt(text)).toBeUndefined();
  });
});

describe("parseInformationUnit reads RabbitMQ's memory amounts", () => {
  it.each([
    ['2', 2],
    ['2GB', 2e9],
    ['2gb', 2e9],
    ['2GiB', 2 * 2 ** 30],
    ['2G', 2 * 2 ** 30],
    ['512MiB', 512 * 2 ** 20],
    ['1024kB', 1024e3],
  ] as const)('%s is %d bytes', (text, value) => {
    expect(parseInformationUnit(text)).toBe(value);
  });

  it.each(['2 GB', '2TB', '1.5GB', 'lots'])('%s is refused', (text) => {
    expect(parseInformationUnit(text)).toBeUndefined();
  });
});

describe('isTimeZone takes the zones the timers engine can load', () => {
  it.each(['Europe/Berlin', 'europe/berlin', 'America/Los_Angeles', 'UTC', 'US/Eastern', 'Etc/GMT+5'])('%s is a zone', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });

  it.each(['Europe/Berln', 'Berlin', '+02:00', 'CEST', ''])('%s is not', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });
});

describe('replicaSetMembers counts the members an rs.initiate lists', () => {
  const hosts = (n: number): string => Array.from({ length: n }, (_, k) => `{ _id: ${k}, host: "mongodb-${k}.mongodb:27017" }`).join(',\n');

  it.each([
    ['rs.initiate() alone', 'rs.initiate();', 1],
    ['three literal hosts', `rs.initiate({ _id: "rs0", members: [${hosts(3)}] })`, 3],
    ['one host, then two rs.add calls', `rs.initiate({ _id: "rs0", members: [${hosts(1)}] });\nrs.add("mongodb-1.mongodb:27017");\nrs.add({ host: "mongodb-2.mongodb:27017" });`, 3],
    ['a JSON config', 'db.adminCommand({"replSetInitiate": {"_id": "rs0", "members": [{"_id": 0, "host": "m-0:27017"}]}})', 1],
    // Only members that vote and hold data count (the ninth red team): arbiters and votes 0 do not.
    ['two of three with votes 0', 'rs.initiate({ _id: "rs0", members: [{ _id: 0, host: "a:1" }, { _id: 1, host: "b:1", votes: 0, priority: 0 }, { _id: 2, host: "c:1", votes: 0 }] })', 1],
    ['two arbiters', 'rs.initiate({ _id: "rs0", members: [{ _id: 0, host: "a:1" }, { _id: 1, host: "b:1", arbiterOnly: true }, { _id: 2, host: "c:1", "arbiterOnly": true }] })', 1],
    ['an arbiter by rs.addArb', 'rs.initiate({ _id: "rs0", members: [{ _id: 0, host: "a:1" }, { _id: 1, host: "b:1" }] }); rs.addArb("c:1");', 2],
    ['priority 0.5 still counts', 'rs.initiate({ _id: "rs0", members: [{ _id: 0, host: "a:1" }, { _id: 1, host: "b:1", priority: 0.5 }, { _id: 2, host: "c:1", votes: 1 }] })', 3],
  ] as const)('%s: %d', (_name, text, n) => {
    expect(replicaSetMembers(text)).toBe(n);
  });

  it.each([
    ['no initiation', 'db.adminCommand({ ping: 1 })'],
    ['hosts built in a loop', 'var m = []; for (var i = 0; i < 3; i++) m.push({ _id: i, host: "mongodb-" + i + ".mongodb:27017" }); rs.initiate({ _id: "rs0", members: m });'],
    ['rs.initiate() then rs.add of a variable', 'rs.initiate(); rs.add(next);'],
  ] as const)('%s: not counted', (_name, text) => {
    expect(replicaSetMembers(text)).toBeUndefined();
  });
});

/** An etcd StatefulSet of three with this container. */
function etcd(container: Manifest, volumes: Manifest[] = []): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'etcd', namespace: NAMESPACE },
    spec: { replicas: 3, selector: { matchLabels: { app: 'etcd' } }, template: { metadata: { labels: { app: 'etcd' } }, spec: { containers: [{ name: 'etcd', ...container }], volumes } } },
  };
}

function facts(resources: Manifest[]): ReturnType<typeof collectOutageFacts> {
  return collectOutageFacts(resources, collectPodUnits(resources).specPaths, NAMESPACE, DEFAULT_OUTAGE);
}

const etcdMembers = (resources: Manifest[]): number[] => facts(resources).store_members.filter((m) => m.store === 'etcd').map((m) => m.members);

describe('etcd members at bootstrap', () => {
  const image = 'quay.io/coreos/etcd:v3.5.17';
  it.each([
    ['three in --initial-cluster', { image, command: ['etcd', '--initial-cluster=a=http://a:2380,b=http://b:2380,c=http://c:2380'] }, [3]],
    ['the flag as two words', { image, command: ['/usr/local/bin/etcd', '--initial-cluster', 'a=http://a:2380'] }, [1]],
    ['itself through $(POD_NAME)', { image, command: ['etcd', '--name=$(POD_NAME)', '--initial-cluster=$(POD_NAME)=http://$(POD_NAME).etcd:2380'] }, [1]],
    ['ETCD_INITIAL_CLUSTER with two', { image, command: ['etcd'], env: [{ name: 'ETCD_INITIAL_CLUSTER', value: 'a=http://a:2380,b=http://b:2380' }] }, [2]],
    ['nothing set (etcd alone)', { image, command: ['etcd', '--name=$(POD_NAME)'] }, [1]],
    ['the image entrypoint with no flags', { image }, [1]],
    ['in a shell script', { image, command: ['sh', '-c', 'exec etcd --initial-cluster="a=http://a:2380,b=http://b:2380"'] }, [2]],
    ['discovery instead', { image, command: ['etcd', '--discovery-srv=example.test'] }, []],
    ["Bitnami's image with its variables", { image: 'bitnamilegacy/etcd:3.5.17' }, []],
    ['a script variable the render does not set', { image, command: ['sh', '-c', 'exec etcd $PEERS'] }, []],
  ] as const)('%s', (_name, container, expected) => {
    expect(etcdMembers([etcd(container as Manifest)])).toEqual(expected);
  });

  it('reads initial-cluster from a config file a ConfigMap mounts', () => {
    const resources = [
      etcd({ image, command: ['etcd', '--config-file=/etc/etcd/etcd.yaml'], volumeMounts: [{ name: 'conf', mountPath: '/etc/etcd' }] }, [{ name: 'conf', configMap: { name: 'etcd-conf' } }]),
      configMap('etcd-conf', { 'etcd.yaml': "name: x\ninitial-cluster: 'a=http://a:2380'\nquota-backend-bytes: 4096\n" }),
    ];
    expect(etcdMembers(resources)).toEqual([1]);
    expect(facts(resources).store_settings).toEqual([{ resource: 1, path: ['data', 'etcd.yaml'], setting: 'etcd_quota', value: 4096 }]);
  });
});

describe('store settings and quantities', () => {
  it('finds the quota in a flag and in the environment (also from a ConfigMap)', () => {
    const resources = [
      etcd({ image: 'quay.io/coreos/etcd:v3.5.17', command: ['etcd', '--quota-backend-bytes', '0x1000'], envFrom: [{ configMapRef: { name: 'etcd-env' } }] }),
      configMap('etcd-env', { ETCD_QUOTA_BACKEND_BYTES: '8589934592' }),
    ];
    expect(facts(resources).store_settings.map((s) => [s.path.join('.'), s.value])).toEqual([
      ['spec.template.spec.containers.0.command.1', 4096],
      ['spec.template.spec.containers.0.envFrom', 8589934592],
    ]);
  });

  it('reads every way of setting the RabbitMQ watermark, skipping comments', () => {
    const conf = ['# vm_memory_high_watermark.absolute = 2', 'vm_memory_high_watermark.relative = 0.6', 'vm_memory_high_watermark.absolute = 2GB', 'vm_memory_high_watermark.absolute = 2 GB'].join('\n');
    const advanced = '[{rabbit, [{vm_memory_high_watermark, {absolute, 1024}}]}].';
    const hook = etcd({ image: 'rabbitmq:3.12.14', lifecycle: { postStart: { exec: { command: ['rabbitmqctl', 'set_vm_memory_high_watermark', 'absolute', '2MB'] } } } });
    const out = facts([configMap('rabbitmq-config', { 'rabbitmq.conf': conf, 'advanced.config': advanced }), hook]).store_settings.map((s) => [s.setting, s.value]);
    expect(out).toEqual([
      ['rabbitmq_watermark_absolute', 2e6],
      ['rabbitmq_watermark_relative', 0.6],
      ['rabbitmq_watermark_absolute', 2e9],
      ['rabbitmq_watermark_absolute', -1],
      ['rabbitmq_watermark_absolute', 1024],
    ]);
  });

  it("sends a RabbitMQ node container's memory limit, the line its alarm must stay under", () => {
    const limited = (image: string, memory: string): Manifest => etcd({ image, resources: { limits: { memory } } });
    const sent = (m: Manifest): Array<[string, number]> => facts([m]).store_settings.map((s) => [s.path.slice(-3).join('.'), s.value]);
    expect(sent(limited('rabbitmq:3.12.14', '1Gi'))).toEqual([['resources.limits.memory', 2 ** 30]]);
    expect(sent(limited('bitnamilegacy/rabbitmq:3.12@sha256:' + 'a'.repeat(64), '512Mi'))).toEqual([['resources.limits.memory', 2 ** 29]]);
    expect(sent(limited('busybox:1.36', '1Gi'))).toEqual([]);
    expect(sent(etcd({ image: 'rabbitmq:3.12.14' }))).toEqual([]);
  });

  it('sends only the quantities outside the bounds (a limit stands in for a missing request)', () => {
    const w = etcd({ image: 'x', resources: { limits: { cpu: '1000', memory: '512' } } });
    const sent = facts([w]).quantities.map((q) => [q.path.slice(-2).join('.'), q.value, q.request]);
    expect(sent).toEqual([
      ['limits.cpu', 1000, true],
      ['limits.memory', 512, true],
    ]);
    expect(facts([etcd({ image: 'x', resources: { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '1000', memory: '2Gi' } } })]).quantities).toEqual([]);
  });
});

describe('settings.outage', () => {
  it('takes positive numbers and refuses anything else, naming the key', () => {
    expect(outageOf({ max_cpu_cores: 128 }).maxCpuCores).toBe(128);
    expect(outageOf(undefined)).toEqual(DEFAULT_OUTAGE);
    expect(() => outageOf({ min_memory_bytes: '4Mi' })).toThrow(/settings\.outage\.min_memory_bytes must be a positive number/);
    expect(() => outageOf([])).toThrow(/settings\.outage must be an object/);
  });
});
