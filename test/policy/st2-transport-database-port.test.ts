/**
 * `[database] host` members must reach a port their Service serves (src/policy/st2-transport.ts),
 * also through a headless Service's per-pod name `<pod>.<svc>`. pymongo discovers the replica set
 * from any seed that answers, so only a seed list where every member misses is a problem.
 */
import { describe, expect, it } from 'vitest';
import { podNotGiven, servicePorts, srvRecordMissing, type ServicePorts } from '../../src/policy/service-ports.js';
import type { StoreOffer } from '../../src/policy/store-offer.js';
import { transportProblems, transportWords } from '../../src/policy/st2-transport.js';

const services: ServicePorts = new Map([['mongodb', [{ ns: 'st2', ports: new Set([27017]), pods: new Set(['mongodb-0', 'mongodb-1', 'mongodb-2']) }]]]);
const offer: StoreOffer = { mongo: true, mongoTls: false, etcdSchemes: new Set(), rabbitTls: false, rabbit: false, vhosts: new Set(), replicaSets: new Set(), mongoUserDbs: new Set(), mongoUsersOpen: false };

function dbProblems(host: string): string[] {
  const words = { 'database.host': { value: host, unknown: undefined }, 'database.username': { value: 'st2', unknown: undefined } };
  return transportProblems(transportWords(words, () => false), offer, services, 'st2')
    .filter((p) => p.detail.startsWith('database.host'))
    .map((p) => `${p.problem} ${p.detail}`);
}

describe('[database] host reaching mongod', () => {
  it.each([
    // [host, problems]
    ['mongodb://mongodb-0.mongodb:27018,mongodb-1.mongodb:27018/?replicaSet=rs0', ['port-not-served database.host mongodb-0.mongodb:27018,mongodb-1.mongodb:27018']],
    ['mongodb://mongodb:27019/?replicaSet=rs0', ['port-not-served database.host mongodb:27019']],
    ['mongodb://mongodb-0.mongodb.st2.svc.cluster.local:1234/?replicaSet=rs0', ['port-not-served database.host mongodb-0.mongodb.st2.svc.cluster.local:1234']],
    // Pod names the StatefulSet behind the headless Service does not give have no DNS record.
    ['mongodb://mongo-0.mongodb:27017,mongo-1.mongodb:27017/?replicaSet=rs0', ['host-not-found database.host mongo-0.mongodb,mongo-1.mongodb']],
    ['mongodb://mongodb-3.mongodb.st2.svc.cluster.local:27017/?replicaSet=rs0', ['host-not-found database.host mongodb-3.mongodb.st2.svc.cluster.local']],
    ['mongodb://mongo-0.mongodb:27017,mongodb-1.mongodb:27017/?replicaSet=rs0', []],
    // One bad seed among good ones still connects: pymongo discovers members from the others.
    ['mongodb://mongodb-0.mongodb:27019,mongodb-1.mongodb:27017/?replicaSet=rs0', []],
    ['mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017/?replicaSet=rs0', []],
    ['mongodb://mongodb-0.mongodb.st2.svc.cluster.local:27017/?replicaSet=rs0', []],
    // No port: pymongo's 27017.
    ['mongodb://mongodb/?replicaSet=rs0', []],
    // Outside hosts are not judged here.
    ['mongodb://db.example.com:27018/?replicaSet=rs0', []],
    ['{{ .mongo }}', []],
  ])('%s', (host, expected) => {
    expect(dbProblems(host)).toEqual(expected);
  });
});

describe("[database] host's authSource against the users the render creates", () => {
  const admin: StoreOffer = { ...offer, mongoUserDbs: new Set(['admin']) };
  const problems = (host: string, o: StoreOffer): string[] =>
    transportProblems(transportWords({ 'database.host': { value: host, unknown: undefined } }, () => false), o, services, 'st2')
      .filter((p) => p.problem === 'auth-source-no-user')
      .map((p) => p.detail);
  it.each([
    ['mongodb://mongodb-0.mongodb:27017/?authSource=st2&replicaSet=rs0', admin, ['st2']],
    ['mongodb://mongodb-0.mongodb:27017/st2?replicaSet=rs0', admin, ['st2']],
    ['mongodb://mongodb-0.mongodb:27017/st2?authSource=admin', admin, []],
    ['mongodb://mongodb-0.mongodb:27017/?replicaSet=rs0', admin, []],
    // Users made elsewhere (createUser, initdb.d, an operator), or none known: not judged.
    ['mongodb://mongodb-0.mongodb:27017/?authSource=st2', { ...admin, mongoUsersOpen: true }, []],
    ['mongodb://mongodb-0.mongodb:27017/?authSource=st2', offer, []],
    // An outside MongoDB keeps its own users.
    ['mongodb://db.example.com:27017/?authSource=st2', admin, []],
  ] as const)('%s', (host, o, expected) => {
    expect(problems(host, o)).toEqual(expected);
  });
});

describe("a headless Service's pod names", () => {
  const sts = (spec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'mongodb', namespace: 'st2' }, spec: { serviceName: 'mongodb', template: { spec: { containers: [] } }, ...spec } });
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'mongodb', namespace: 'st2' }, spec: { clusterIP: 'None', ports: [{ port: 27017 }] } };
  it.each([
    // The StatefulSet's ordinals.start moves the names: <sts>-<start> .. <sts>-<start + replicas - 1>.
    [{ replicas: 3 }, ['mongodb-0', 'mongodb-1', 'mongodb-2']],
    [{ replicas: 3, ordinals: { start: 1 } }, ['mongodb-1', 'mongodb-2', 'mongodb-3']],
    [{}, ['mongodb-0']],
  ])('%j', (spec, pods) => {
    const found = servicePorts([sts(spec), svc]).get('mongodb')?.[0]?.pods;
    expect([...(found ?? [])]).toEqual(pods);
    expect(podNotGiven(servicePorts([sts(spec), svc]), `${pods[0] ?? ''}.mongodb`, 'st2')).toBe(false);
  });
});

describe('[database] host URI options as pymongo 3.11.3 reads them (red22)', () => {
  const named = (name: string): ServicePorts => new Map([['mongodb', [{ ns: 'st2', ports: new Set([27017]), pods: new Set(['mongodb-0', 'mongodb-1', 'mongodb-2']), names: new Map([[27017, name]]) }]]]);
  const rs0: StoreOffer = { ...offer, replicaSets: new Set(['rs0']) };
  const problems = (host: string, svc: ServicePorts = services, o: StoreOffer = rs0): string[] =>
    transportProblems(transportWords({ 'database.host': { value: host, unknown: undefined } }, () => false), o, svc, 'st2').map((p) => `${p.problem} ${p.detail}`);
  const three = 'mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017';
  it.each([
    // uri_parser.parse_uri: ConfigurationError "Cannot specify multiple hosts with directConnection=true".
    [`mongodb://${three}/?replicaSet=rs0&directConnection=true`, services, ['database-uri-invalid directConnection=true with several hosts']],
    [`mongodb://${three}/?replicaSet=rs0&DIRECTCONNECTION=true`, services, ['database-uri-invalid directConnection=true with several hosts']],
    [`mongodb://${three}/?replicaSet=rs0&directConnection=false`, services, []],
    [`mongodb://${three}/?directConnection=true&directConnection=false&replicaSet=rs0`, services, []],
    // One member: pymongo's Single topology writes to it alone, refused while it is a secondary.
    ['mongodb://mongodb-0.mongodb:27017/?replicaSet=rs0&directConnection=true', services, ['direct-connection-one-member database.host mongodb-0.mongodb']],
    ['mongodb://mongodb-0.mongodb:27017/?replicaSet=rs0&directConnection=false', services, []],
    ['mongodb://db.example.com:27017/?directConnection=true', services, []],
    // A repeated option's last value wins (_parse_options: options[key] = val); names ignore case.
    [`mongodb://${three}/?replicaSet=rs0&replicaSet=rs1`, services, ['replica-set-unknown rs1']],
    [`mongodb://${three}/?replicaSet=rs1&replicaset=rs0`, services, []],
    [`mongodb://${three}/?replicaSet=rs%30`, services, []],
    // mongodb+srv://: one host, no port, three labels, and an SRV record from a port named mongodb.
    ['mongodb+srv://mongodb.st2.svc.cluster.local/?replicaSet=rs0', named('peer'), ['srv-record-missing _mongodb._tcp.mongodb.st2.svc.cluster.local']],
    ['mongodb+srv://mongodb.st2.svc.cluster.local/?replicaSet=rs0', named('mongodb'), []],
    ['mongodb+srv://mongodb.st2.svc.cluster.local:27017/?replicaSet=rs0', named('mongodb'), ['database-uri-invalid mongodb+srv with a port']],
    ['mongodb+srv://mongodb/?replicaSet=rs0', named('mongodb'), ['database-uri-invalid mongodb+srv host of fewer than three labels']],
    ['mongodb+srv://a.st2.svc,b.st2.svc/', named('mongodb'), ['database-uri-invalid mongodb+srv with other than one host']],
    ['mongodb+srv://mongodb.st2.svc.cluster.local/?directConnection=true', named('mongodb'), ['database-uri-invalid mongodb+srv with directConnection=true']],
    // An outside host's SRV records are not the render's to know.
    ['mongodb+srv://cluster0.example.mongodb.net/', named('peer'), []],
  ] as const)('%s', (host, svc, expected) => {
    expect(problems(host, svc)).toEqual(expected);
  });
});

describe("srvRecordMissing: cluster DNS's SRV records are a Service's named TCP ports", () => {
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'mongodb', namespace: 'st2' }, spec: { clusterIP: 'None', ports: [{ name: 'mongodb', port: 27017 }, { name: 'metrics', port: 9216, protocol: 'UDP' }, { port: 27018 }] } };
  it.each([
    ['mongodb', false],
    ['metrics', true],
    ['peer', true],
  ] as const)('_%s._tcp', (port, missing) => {
    expect(srvRecordMissing(servicePorts([svc]), 'mongodb.st2.svc.cluster.local', port, 'st2')).toBe(missing);
  });
  it('is not judged for a host no Service of the render answers', () => {
    expect(srvRecordMissing(servicePorts([svc]), 'cluster0.example.net', 'mongodb', 'st2')).toBeUndefined();
  });
});
