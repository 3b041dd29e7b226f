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

const facts = (resources: Manifest[]): Array<{ setting: string; value: number | string; capacity: number }> =>
  collectStoreHaFacts(resources, new Map(resources.map((r, i) => [i, r['kind'] === 'StatefulSet' ? [['spec', 'template', 'spec']] : []])), 'st2-prod').map(({ setting, value, capacity }) => ({ setting, value, capacity }));

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
