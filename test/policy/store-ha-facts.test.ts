import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectStoreHaFacts } from '../../src/policy/store-ha-facts.js';
import { parseDictOpt, parseHashRanges } from '../../src/policy/st2-sensor-partition.js';

type Json = Record<string, unknown>;

function statefulSet(name: string, container: Json, extra: Json = {}): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'st2-prod' },
    spec: { template: { spec: { containers: [{ name, ...container }] } }, ...extra },
  };
}

const all = (resources: Manifest[]): Array<{ store: string; setting: string; value: number | string; capacity: number }> =>
  collectStoreHaFacts(resources, new Map(resources.map((r, i) => [i, r['kind'] === 'StatefulSet' || r['kind'] === 'Deployment' ? [['spec', 'template', 'spec']] : []])), 'st2-prod').map(({ store, setting, value, capacity }) => ({ store, setting, value, capacity }));
// The eighth red team's settings (the ninth's data, durability, v2 and version facts have tests of their own).
const NINTH = new Set(['data_volume', 'durability_off', 'etcd_v2', 'image_version']);
const facts = (resources: Manifest[]): Array<{ setting: string; value: number | string; capacity: number }> =>
  all(resources)
    .filter((f) => !NINTH.has(f.setting) && f.store !== 'etcd')
    .map(({ setting, value, capacity }) => ({ setting, value, capacity }));

const mongo = (args: string[], limit = '4Gi'): Manifest => statefulSet('mongodb', { image: 'mongo:4.4.29', args, resources: { limits: { memory: limit } } });

describe('collectStoreHaFacts: mongod as the official image runs it', () => {
  it.each([
    [['--replSet', 'rs0', '--bind_ip', 'localhost'], 'bind_loopback'],
    [['--bind_ip=127.0.0.1,::1'], 'bind_loopback'],
    [['--bind_ip_all', '--bind_ip', 'mongodb-0.mongodb'], 'bind_conflict'],
  ])('%j is %s', (args, setting) => {
    expect(facts([mongo(args)]).map((f) => f.setting)).toEqual([setting]);
  });

  it('leaves the entrypoint default (--bind_ip_all added) and a pod-name bind alone', () => {
    expect(facts([mongo(['--replSet', 'rs0'])])).toEqual([]);
    expect(facts([mongo(['--bind_ip', 'localhost,mongodb-0.mongodb'])])).toEqual([]);
  });

  it('reads the WiredTiger cache in bytes beside the memory limit', () => {
    expect(facts([mongo(['--wiredTigerCacheSizeGB', '2.5'])])).toEqual([{ setting: 'cache_bytes', value: 2.5 * 2 ** 30, capacity: 4 * 2 ** 30 }]);
    expect(facts([mongo(['--wiredTigerCacheSizeGB=lots'])])).toEqual([{ setting: 'cache_bytes', value: -1, capacity: 4 * 2 ** 30 }]);
  });
});

describe('collectStoreHaFacts: RabbitMQ config and policies', () => {
  const rabbit = statefulSet(
    'rabbitmq',
    { image: 'rabbitmq:3.12.14', resources: { limits: { memory: '1Gi' } }, volumeMounts: [{ name: 'data', mountPath: '/var/lib/rabbitmq' }] },
    { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '8Gi' } } } }] },
  );
  const conf = (text: string): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rabbitmq-config', namespace: 'st2-prod' }, data: { 'rabbitmq.conf': text } });

  it('reads partition handling from rabbitmq.conf and advanced.config', () => {
    expect(facts([rabbit, conf('cluster_partition_handling = ignore\n# cluster_partition_handling = autoheal\n')])).toEqual([{ setting: 'partition_handling', value: 'ignore', capacity: 0 }]);
    expect(facts([rabbit, conf('[{rabbit, [{cluster_partition_handling, autoheal}]}].')])).toEqual([{ setting: 'partition_handling', value: 'autoheal', capacity: 0 }]);
  });

  it('reads disk_free_limit absolute and relative against the data volume', () => {
    expect(facts([rabbit, conf('disk_free_limit.absolute = 50GB\n')])).toEqual([{ setting: 'disk_free_limit', value: 50e9, capacity: 8 * 2 ** 30 }]);
    expect(facts([rabbit, conf('disk_free_limit.relative = 2.0\n')])).toEqual([{ setting: 'disk_free_limit', value: 2 * 2 ** 30, capacity: 8 * 2 ** 30 }]);
    expect(facts([rabbit, conf('disk_free_limit.absolute = 5 GB\n')])[0]?.value).toBe(-1);
  });

  it('reads consumer_timeout (milliseconds) from rabbitmq.conf (the last line) and advanced.config', () => {
    expect(facts([rabbit, conf('consumer_timeout = 1000\n')])).toEqual([{ setting: 'consumer_timeout', value: 1000, capacity: 0 }]);
    expect(facts([rabbit, conf('consumer_timeout = 1\nconsumer_timeout = 3600000 # an hour\n')])).toEqual([{ setting: 'consumer_timeout', value: 3600000, capacity: 0 }]);
    expect(facts([rabbit, conf('[{rabbit, [{consumer_timeout, 500}]}].')])).toEqual([{ setting: 'consumer_timeout', value: 500, capacity: 0 }]);
    // A comment, or a value that is not a number: not judged.
    expect(facts([rabbit, conf('# consumer_timeout = 1\nconsumer_timeout = undefined\n')])).toEqual([]);
  });

  it('counts the copies a mirroring policy keeps', () => {
    const policy = (definition: string): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'defs', namespace: 'st2-prod' }, data: { 'definitions.json': `{"policies": [{"name": "ha", "definition": ${definition}}]}` } });
    expect(facts([policy('{"ha-mode": "exactly", "ha-params": 1}')])).toEqual([{ setting: 'mirror_copies', value: 1, capacity: 0 }]);
    expect(facts([policy('{"ha-mode": "nodes", "ha-params": ["rabbit@a", "rabbit@b"]}')])).toEqual([{ setting: 'mirror_copies', value: 2, capacity: 0 }]);
    expect(facts([policy('{"ha-mode": "all", "ha-sync-mode": "automatic"}')])).toEqual([]);
  });
});

describe('sensor partition values (oslo DictOpt, st2 hash ranges)', () => {
  it('parses the provider dict and hash ranges', () => {
    expect(Object.fromEntries(parseDictOpt('name:hash, hash_ranges:MIN..2147483648') ?? [])).toEqual({ name: 'hash', hash_ranges: 'MIN..2147483648' });
    expect(parseDictOpt('hash')).toBeUndefined();
    expect(parseHashRanges('MIN..1024|2048..MAX')).toEqual([[0, 1024], [2048, 2 ** 32]]);
    expect(parseHashRanges('MAX..MIN')).toBeUndefined();
    expect(parseHashRanges('0..x')).toBeUndefined();
  });
});

describe('collectStoreHaFacts: where the stores keep their data (ninth red team)', () => {
  const claim = { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '8Gi' } } } }] };
  const mongoOn = (args: string[], mounts: Json[], volumes: Json[] = []): Manifest => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'mongodb', namespace: 'st2-prod' },
    spec: { template: { spec: { containers: [{ name: 'mongodb', image: 'mongo:4.4.29', args, volumeMounts: mounts }], volumes } }, ...claim },
  });
  const of = (resources: Manifest[], setting: string): Array<number | string> => all(resources).filter((f) => f.setting === setting).map((f) => f.value);

  it('finds the volume under mongod --dbpath (default /data/db): the claim, an emptyDir, or none', () => {
    expect(of([mongoOn([], [{ name: 'data', mountPath: '/data/db' }])], 'data_volume')).toEqual([]);
    expect(of([mongoOn(['--dbpath', '/data/db/st2'], [{ name: 'data', mountPath: '/data/db' }])], 'data_volume')).toEqual([]);
    expect(of([mongoOn(['--dbpath=/tmp/db'], [{ name: 'data', mountPath: '/data/db' }])], 'data_volume')).toEqual(['container-filesystem']);
    expect(of([mongoOn([], [{ name: 'data', mountPath: '/data/db' }, { name: 's', mountPath: '/data/db/' }], [{ name: 's', emptyDir: {} }])], 'data_volume')).toEqual(['emptyDir']);
  });

  it('reads --nojournal, and the major.minor of the image', () => {
    expect(of([mongoOn(['--nojournal'], [{ name: 'data', mountPath: '/data/db' }])], 'durability_off')).toEqual(['--nojournal']);
    expect(of([mongoOn([], [{ name: 'data', mountPath: '/data/db' }])], 'image_version')).toEqual([4004]);
  });

  const etcd = (container: Json): Manifest => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'etcd', namespace: 'st2-prod' },
    spec: { template: { spec: { containers: [{ name: 'etcd', image: 'bitnamilegacy/etcd:3.5.17', volumeMounts: [{ name: 'data', mountPath: '/var/run/etcd' }], ...container }] } }, ...claim },
  });
  const v2 = (container: Json): Array<number | string> => of([etcd(container)], 'etcd_v2');

  it('reads v2 as etcd does: flag forms, ETCD_ENABLE_V2 (Go booleans), the flag shadowing the variable', () => {
    expect(v2({ command: ['etcd', '--enable-v2=true'] })).toEqual([1]);
    expect(v2({ command: ['etcd', '-enable-v2'] })).toEqual([1]);
    expect(v2({ command: ['etcd', '--enable-v2', '--name=x'] })).toEqual([1]);
    expect(v2({ command: ['etcd'], env: [{ name: 'ETCD_ENABLE_V2', value: 'True' }] })).toEqual([1]);
    expect(v2({ command: ['etcd'], env: [{ name: 'ETCD_ENABLE_V2', value: '1' }] })).toEqual([1]);
    expect(v2({ command: ['etcd'] })).toEqual([0]);
    expect(v2({ command: ['etcd', '--enable-v2=false'], env: [{ name: 'ETCD_ENABLE_V2', value: 'true' }] })).toEqual([0]);
    expect(v2({ command: ['etcd'], env: [{ name: 'ETCD_ENABLE_V2', value: 'yes' }] })).toEqual([0]);
    expect(v2({ command: ['etcd', '--enable-v2=true'], image: 'bitnamilegacy/etcd:3.6.4' })).toEqual([0]);
    expect(v2({ command: ['etcd', '--enable-v2=true'], image: 'bitnamilegacy/etcd:latest' })).toEqual([0]);
    expect(v2({ command: ['sh', '-c', 'exec etcd --enable-v2=true --name "$HOSTNAME"'] })).toEqual([1]);
  });

  it('marks v2 beside a --v2-deprecation etcd 3.5 refuses with it (2), in every form', () => {
    expect(v2({ command: ['etcd', '--enable-v2=true', '--v2-deprecation=write-only'] })).toEqual([2]);
    expect(v2({ command: ['etcd', '--enable-v2', '--v2-deprecation', 'gone'] })).toEqual([2]);
    expect(v2({ command: ['etcd', '--enable-v2=true'], env: [{ name: 'ETCD_V2_DEPRECATION', value: 'write-only-drop-data' }] })).toEqual([2]);
    // not-yet is 3.5's default; the flag shadows the variable; without v2 the level is etcd's own business.
    expect(v2({ command: ['etcd', '--enable-v2=true', '--v2-deprecation=not-yet'] })).toEqual([1]);
    expect(v2({ command: ['etcd', '--enable-v2=true', '--v2-deprecation=not-yet'], env: [{ name: 'ETCD_V2_DEPRECATION', value: 'gone' }] })).toEqual([1]);
    expect(v2({ command: ['etcd', '--v2-deprecation=write-only'] })).toEqual([0]);
  });

  it('gives etcdctl and etcdutl (clients) no member facts; a script it cannot read is no proof of v2', () => {
    expect(all([etcd({ command: ['sh', '-c', 'ETCDCTL_API=3 etcdctl --endpoints=http://etcd:2379 snapshot save /b/x.db'] })])).toEqual([]);
    expect(all([etcd({ command: ['etcdutl', 'snapshot', 'status', '/b/x.db'] })])).toEqual([]);
    expect(v2({ command: ['sh', '/scripts/start.sh'] })).toEqual([0]);
  });

  it('reads the data directory, fsync and client URLs from flags, variables and the config file', () => {
    expect(of([etcd({ command: ['etcd', '--data-dir=/var/run/etcd/data'] })], 'data_volume')).toEqual([]);
    expect(of([etcd({ command: ['etcd', '--data-dir', '/tmp/etcd'] })], 'data_volume')).toEqual(['container-filesystem']);
    expect(of([etcd({ command: ['etcd'], env: [{ name: 'ETCD_DATA_DIR', value: '/tmp/etcd' }] })], 'data_volume')).toEqual(['container-filesystem']);
    // The WAL directory is the member's too: without it a restarted member bootstraps as new and is refused.
    expect(of([etcd({ command: ['etcd', '--data-dir=/var/run/etcd/data', '--wal-dir=/tmp/wal'] })], 'data_volume')).toEqual(['container-filesystem']);
    expect(of([etcd({ command: ['etcd', '--data-dir=/var/run/etcd/data'], env: [{ name: 'ETCD_WAL_DIR', value: '/tmp/wal' }] })], 'data_volume')).toEqual(['container-filesystem']);
    expect(of([etcd({ command: ['etcd', '--data-dir=/var/run/etcd/data', '--wal-dir=/var/run/etcd/wal'] })], 'data_volume')).toEqual([]);
    expect(of([etcd({ command: ['etcd', '--data-dir=/tmp/etcd', '--wal-dir=/tmp/wal'] })], 'data_volume')).toEqual(['container-filesystem']);
    expect(of([etcd({ command: ['etcd', '--unsafe-no-fsync'] })], 'durability_off')).toEqual(['--unsafe-no-fsync']);
    expect(of([etcd({ command: ['etcd'], env: [{ name: 'ETCD_UNSAFE_NO_FSYNC', value: 'true' }] })], 'durability_off')).toEqual(['--unsafe-no-fsync']);
    expect(of([etcd({ command: ['etcd', '--listen-client-urls=http://localhost:2379,http://[::1]:2379'] })], 'bind_loopback')).toEqual([2]);
    expect(of([etcd({ command: ['etcd', '--listen-client-urls=http://0.0.0.0:2379,http://127.0.0.1:2379'] })], 'bind_loopback')).toEqual([]);
    const config: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'etcd-conf', namespace: 'st2-prod' }, data: { 'etcd.yaml': 'data-dir: /tmp/etcd\nenable-v2: true\n' } };
    const fromFile = etcd({ command: ['etcd', '--config-file', '/etc/etcd/etcd.yaml', '--data-dir=/var/run/etcd/data'], volumeMounts: [{ name: 'data', mountPath: '/var/run/etcd' }, { name: 'conf', mountPath: '/etc/etcd' }] });
    ((fromFile['spec'] as Json)['template'] as { spec: Json }).spec['volumes'] = [{ name: 'conf', configMap: { name: 'etcd-conf' } }];
    // With --config-file etcd ignores the other flags.
    expect(of([fromFile, config], 'data_volume')).toEqual(['container-filesystem']);
    expect(of([fromFile, config], 'etcd_v2')).toEqual([1]);
    const refusing: Manifest = { ...config, data: { 'etcd.yaml': 'data-dir: /tmp/etcd\nenable-v2: true\nv2-deprecation: "write-only"\n' } };
    expect(of([fromFile, refusing], 'etcd_v2')).toEqual([2]);
  });

  it('reads RabbitMQ data from RABBITMQ_MNESIA_BASE, and leaves rabbitmqctl alone', () => {
    const rabbit = (container: Json): Manifest => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'rabbitmq', namespace: 'st2-prod' },
      spec: { template: { spec: { containers: [{ name: 'rabbitmq', image: 'rabbitmq:3.12.14', volumeMounts: [{ name: 'data', mountPath: '/var/lib/rabbitmq' }], ...container }] } }, ...claim },
    });
    expect(of([rabbit({})], 'data_volume')).toEqual([]);
    expect(of([rabbit({ env: [{ name: 'RABBITMQ_MNESIA_BASE', value: '/tmp/mnesia' }] })], 'data_volume')).toEqual(['container-filesystem']);
    expect(of([rabbit({ command: ['rabbitmqctl', 'list_queues'], volumeMounts: [] })], 'data_volume')).toEqual([]);
  });
});

describe('collectStoreHaFacts: settings that stop the stores (ninth red team, second batch)', () => {
  const of = (resources: Manifest[], setting: string): Array<number | string> => all(resources).filter((f) => f.setting === setting).map((f) => f.value);
  const claim = { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }] };
  const mongoPod = (args: string[], init: string, pod: Json = {}, mounts: Json[] = []): Manifest => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'mongodb', namespace: 'st2-prod' },
    spec: {
      template: { spec: { securityContext: { fsGroup: 999 }, initContainers: [{ name: 'k', image: 'mongo:4.4.29', command: ['sh', '-c', init] }], containers: [{ name: 'mongodb', image: 'mongo:4.4.29', args, volumeMounts: [{ name: 'data', mountPath: '/data/db' }, ...mounts] }], ...pod } },
      ...claim,
    },
  });
  const key = ['--replSet', 'rs0', '--keyFile', '/cfg/key'];

  it('reads the keyfile mode from chmod, install -m and the Secret volume (fsGroup adds group read)', () => {
    expect(of([mongoPod(key, 'cp /k/key /cfg/key && chmod 0400 /cfg/key')], 'keyfile_mode')).toEqual([]);
    expect(of([mongoPod(key, 'cp /k/key /cfg/key && chmod u=r,go= /cfg/key')], 'keyfile_mode')).toEqual([]);
    expect(of([mongoPod(key, 'cp /k/key /cfg/key && chmod 0644 /cfg/key')], 'keyfile_mode')).toEqual([0o644]);
    expect(of([mongoPod(key, 'cp /k/key /cfg/key && chmod 400 /cfg/key; chmod g+r /cfg/key')], 'keyfile_mode')).toEqual([0o440]);
    expect(of([mongoPod(key, 'install -m 0640 /k/key /cfg/key')], 'keyfile_mode')).toEqual([0o640]);
    const fromSecret = mongoPod(['--keyFile', '/k/key'], 'true', { volumes: [{ name: 'k', secret: { secretName: 'kf', defaultMode: 0o400 } }] }, [{ name: 'k', mountPath: '/k' }]);
    expect(of([fromSecret], 'keyfile_mode')).toEqual([0o440]);
  });

  it("compares mongod's replica-set name with st2's replicaSet= and rs.initiate's _id", () => {
    const conf = (text: string): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'st2-prod' }, data: { t: text } });
    const uri = conf('[database]\nhost = mongodb://mongodb-0.mongodb:27017/?authSource=admin&replicaSet=rs0\n');
    expect(of([mongoPod(key, 'true'), uri], 'replset_name')).toEqual([]);
    expect(of([mongoPod(['--replSet', 'st2rs'], 'true'), uri], 'replset_name')).toEqual(['st2rs']);
    expect(of([mongoPod(key, 'true'), conf('rs.initiate({ _id: "rs1", members: [] })')], 'replset_name')).toEqual(['rs0']);
  });

  it('reads connection_max and the policies that drop messages on st2 queues only', () => {
    const conf = (key: string, text: string): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'r', namespace: 'st2-prod' }, data: { [key]: text } });
    expect(of([conf('rabbitmq.conf', 'connection_max = 5\n')], 'connection_max')).toEqual([5]);
    expect(of([conf('rabbitmq.conf', 'connection_max = infinity\n')], 'connection_max')).toEqual([]);
    expect(of([conf('advanced.config', '[{rabbit, [{connection_max, 10}]}].')], 'connection_max')).toEqual([10]);
    const defs = (pattern: string, definition: string): Manifest => conf('definitions.json', JSON.stringify({ policies: [{ name: 'p', pattern, definition: JSON.parse(definition) as unknown }] }));
    expect(of([defs('', '{"ha-mode": "all", "message-ttl": 5000}')], 'queue_drop')).toEqual(['message-ttl']);
    expect(of([defs('^st2\\.', '{"max-length": 10}')], 'queue_drop')).toEqual(['max-length']);
    expect(of([defs('^metrics\\.', '{"message-ttl": 5000}')], 'queue_drop')).toEqual([]);
    expect(of([conf('notes.yaml', 'expires: 3600\n')], 'queue_drop')).toEqual([]);
    expect(of([conf('s.sh', "rabbitmqctl set_policy ttl '.*' '{\"expires\": 60000}' --apply-to queues\n")], 'queue_drop')).toEqual(['expires']);
  });
});
