/**
 * `[database] host` members must reach a port their Service serves (src/policy/st2-transport.ts),
 * also through a headless Service's per-pod name `<pod>.<svc>`. pymongo discovers the replica set
 * from any seed that answers, so only a seed list where every member misses is a problem.
 */
import { describe, expect, it } from 'vitest';
import { podNotGiven, servicePorts, type ServicePorts } from '../../src/policy/service-ports.js';
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
