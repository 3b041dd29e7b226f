/**
 * rules.test.ts's cases for the eighteenth red team's empty datastore key path and keyless
 * replica set (the overlays are in test/policy/redteam/fresh18-kv.ts), each denied and allowed
 * through the compiled wasm: ST2-HRD-014's `[keyvalue] encryption_key_path` written empty (st2
 * loads no key), ST2-REP-016's replica set with authorization (the mongo image's entrypoint adds
 * --auth for its root user) and no keyFile (mongod refuses to start).
 */
import type { Manifest } from '../../src/core/manifest.js';
import { haServiceReading, haWorkload } from './support.js';
import { deny, rows, type RuleCase } from './rule-case.js';

const ROOT_ENV = ['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_PASSWORD'].map((name) => ({ name, valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: name.endsWith('USERNAME') ? 'user' : 'password' } } }));

/** Three mongod members of the official image with its root user, run with these args. */
const mongod = (...args: string[]): Manifest[] => haWorkload('mongodb', 3, { kind: 'StatefulSet', container: { image: 'mongo:4.4.29', args, env: ROOT_ENV } });

export function fresh18KvRuleCases(): RuleCase[] {
  const prod = 'production';
  return [
    ...rows('ST2-HRD-014', [
      [prod, 'a datastore key path written empty, read by the action runner, is denied', () => haServiceReading('st2actionrunner', '[keyvalue]\nencryption_key_path =\n'), deny('ST2-HRD-014', { message: 'problem=datastore-key-empty' })],
      ['staging', "a datastore key path written '' (oslo sheds the quotes) is denied", () => haServiceReading('st2api', "[keyvalue]\nencryption_key_path = ''\n"), deny('ST2-HRD-014', { message: 'problem=datastore-key-empty' })],
      [prod, 'encryption left on with no path written is allowed', () => haServiceReading('st2actionrunner', '[keyvalue]\nenable_encryption = True\n'), 'allowed', { others: ['ST2-REP-006', 'ST2-REP-011'] }],
    ]),
    ...rows('ST2-REP-016', [
      [prod, 'a replica set of the mongo image with its root user and no keyFile is denied', () => mongod('--replSet', 'rs0', '--bind_ip_all'), deny('ST2-REP-016', { message: 'setting=keyfile_required' })],
      [prod, 'a replica set with --auth and no keyFile is denied', () => mongod('--replSet=rs0', '--auth'), deny('ST2-REP-016', { message: 'setting=keyfile_required' })],
      [prod, 'the same replica set with --keyFile is allowed', () => mongod('--replSet', 'rs0', '--keyFile=/k/key.txt'), 'allowed'],
    ]),
  ];
}
