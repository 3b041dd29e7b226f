/**
 * MongoDB link cases of the twentieth round (red20), with their look-alikes:
 *
 * - `[database] host` members at a port mongod's Service does not serve (27018, 27019 where the
 *   mongodb Service and mongod serve 27017): every seed refuses, server selection times out
 *   (ST2-HRD-014 port-not-served). pymongo discovers the set from any seed that answers, so one
 *   bad seed among good ones still connects and is allowed.
 * - members named `mongo-N.mongodb` where the headless Service mongodb's StatefulSet gives pods
 *   mongodb-0..2: no DNS record, server selection times out (ST2-HRD-014 host-not-found).
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { userConf } from './targets.js';

const members = (port: (i: number) => number, suffix = ''): string => [0, 1, 2].map((i) => `mongodb-${i}.mongodb${suffix}:${port(i)}`).join(',');
const dbHost = (hosts: string, params = '?authSource=admin&replicaSet=rs0'): Patch => userConf('[database]', `host = mongodb://${hosts}/${params}`);

export function fresh20MongoCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add20 = (id: string, rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f20m-${id}`, 'availability', rule, { wraps, patches }));
  };
  add20('db-port-27018', 'ST2-HRD-014', [dbHost(members(() => 27018))]);
  add20('db-port-27019-staging', 'ST2-HRD-014', [dbHost(members(() => 27019))], 'staging');
  add20('db-port-service-name', 'ST2-HRD-014', [dbHost('mongodb:27018')]);
  add20('db-pod-wrong-name', 'ST2-HRD-014', [dbHost(['mongo-0', 'mongo-1', 'mongo-2'].map((p) => `${p}.mongodb:27017`).join(','))]);
  add20('db-pod-wrong-name-staging', 'ST2-HRD-014', [dbHost(['mongo-0', 'mongo-1', 'mongo-2'].map((p) => `${p}.mongodb:27017`).join(','))], 'staging');
  add20('safe-db-port-written', undefined, [dbHost(members(() => 27017))]);
  add20('safe-db-port-fqdn', undefined, [dbHost(members(() => 27017, '.st2-prod.svc.cluster.local'))]);
  add20('safe-db-one-bad-seed', undefined, [dbHost(members((i) => (i === 0 ? 27019 : 27017)))]);
  add20('safe-db-service-no-pod', undefined, [dbHost('mongodb:27017')]);
  // authSource where the render's MongoDB creates no user (MONGO_INITDB_ROOT_USERNAME: admin):
  // pymongo's login fails (red20 p12). The URI's database stands in for a missing authSource.
  add20('db-auth-source-st2', 'ST2-HRD-014', [dbHost(members(() => 27017), '?authSource=st2&replicaSet=rs0')]);
  add20('db-auth-source-path-staging', 'ST2-HRD-014', [dbHost(members(() => 27017), 'st2?replicaSet=rs0')], 'staging');
  add20('safe-db-auth-source-admin-path', undefined, [dbHost(members(() => 27017), 'admin?replicaSet=rs0')]);
  add20('safe-db-no-auth-source', undefined, [dbHost(members(() => 27017), '?replicaSet=rs0')]);
  add20('safe-db-path-with-admin-auth-source', undefined, [dbHost(members(() => 27017), 'st2?authSource=admin&replicaSet=rs0')]);
  return cases;
}
