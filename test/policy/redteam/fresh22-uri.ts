/**
 * `[database] host` URI cases of the twenty-second round (red22), read as pymongo 3.11.3 (st2
 * 3.8's pin) reads the URI, with their look-alikes:
 *
 * - directConnection=true with the member list: uri_parser.parse_uri raises ConfigurationError
 *   ("Cannot specify multiple hosts with directConnection=true"), every st2 service fails at start
 *   (ST2-HRD-014 database-uri-invalid); with one member: pymongo's Single topology writes to that
 *   member alone, refused whenever it is a secondary (direct-connection-one-member).
 * - mongodb+srv://: parse_uri resolves `_mongodb._tcp.<host>`, which cluster DNS publishes only for a
 *   Service port named mongodb (the base's is `peer`): srv-record-missing; a port is refused
 *   (InvalidURI). With the port named mongodb it resolves, and st2's ssl kwarg (False) overrides
 *   the +srv TLS default, so that look-alike is allowed.
 * - replicaSet=rs0&replicaSet=rs1: the last value wins (_parse_options), rs1, no member matches.
 * - a password in the URI's user-info in the st2-config ConfigMap: committed as `[database]
 *   password` would be (ST2-SEC-013, config-file, production), as is one in [messaging] url.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { patch, replace, userConf } from './targets.js';

const members = 'mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017';
const dbHost = (uri: string): Patch => userConf('[database]', `host = ${uri}`);
const srvPortNamedMongodb = patch({ version: 'v1', kind: 'Service', name: 'mongodb' }, replace('/spec/ports/0/name', 'mongodb'));

export function fresh22UriCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add22 = (id: string, rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`fresh22-uri-${id}`, id.includes('password') ? 'secrets' : 'availability', rule, { wraps, patches }));
  };
  add22('direct-several', 'ST2-HRD-014', [dbHost(`mongodb://${members}/?authSource=admin&replicaSet=rs0&directConnection=true`)]);
  add22('direct-several-staging', 'ST2-HRD-014', [dbHost(`mongodb://${members}/?authSource=admin&replicaSet=rs0&directConnection=true`)], 'staging');
  add22('direct-one', 'ST2-HRD-014', [dbHost('mongodb://mongodb-0.mongodb:27017/?authSource=admin&replicaSet=rs0&directConnection=true')]);
  add22('direct-one-staging', 'ST2-HRD-014', [dbHost('mongodb://mongodb-0.mongodb:27017/?authSource=admin&replicaSet=rs0&directConnection=true')], 'staging');
  add22('safe-direct-false', undefined, [dbHost(`mongodb://${members}/?authSource=admin&replicaSet=rs0&directConnection=false`)]);
  add22('srv-no-record', 'ST2-HRD-014', [dbHost('mongodb+srv://mongodb.st2-prod.svc.cluster.local/?authSource=admin&replicaSet=rs0')]);
  add22('srv-port', 'ST2-HRD-014', [dbHost('mongodb+srv://mongodb.st2-prod.svc.cluster.local:27017/?authSource=admin&replicaSet=rs0'), srvPortNamedMongodb]);
  add22('safe-srv-port-named-mongodb', undefined, [dbHost('mongodb+srv://mongodb.st2-prod.svc.cluster.local/?authSource=admin&replicaSet=rs0'), srvPortNamedMongodb]);
  add22('dup-replica-set', 'ST2-HRD-014', [dbHost(`mongodb://${members}/?authSource=admin&replicaSet=rs0&replicaSet=rs1`)]);
  add22('dup-replica-set-staging', 'ST2-HRD-014', [dbHost(`mongodb://${members}/?authSource=admin&replicaset=rs0&REPLICASET=rs1`)], 'staging');
  add22('safe-dup-replica-set-last-rs0', undefined, [dbHost(`mongodb://${members}/?authSource=admin&replicaSet=rs1&replicaSet=rs0`)]);
  add22('uri-password', 'ST2-SEC-013', [dbHost(`mongodb://admin:Qv7nR2xLp9TzW4kd@${members}/?authSource=admin&replicaSet=rs0`)]);
  add22('amqp-url-password', 'ST2-SEC-013', [userConf('[messaging]', 'url = amqp://admin:Qv7nR2xLp9TzW4kd@rabbitmq:5672/')]);
  return cases;
}
