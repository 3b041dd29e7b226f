/**
 * The eighteenth red team's empty-datastore-key and keyless-replica-set holes, in kept cases with
 * their look-alikes (checked against StackStorm/st2 v3.8.1, oslo.config's iniparser, docker-library/
 * mongo's docker-entrypoint.sh and mongod's own start-up check):
 *   - ST2-HRD-014: `[keyvalue] encryption_key_path` written empty in a later file (`=` or `= ''`:
 *     oslo's parser sheds one pair of matching quotes, so both are ''). st2 loads the key only from
 *     a non-empty path (st2common/models/api/keyvalue.py): every encrypted read and write raises
 *     CryptoKeyNotSetupException.
 *   - ST2-REP-016: mongod as a replica set with authorization on and no keyFile nor x.509 cluster
 *     auth. The official image's entrypoint adds --auth when MONGO_INITDB_ROOT_USERNAME and
 *     _PASSWORD are both set (base/mongodb.yaml sets them); mongod then exits ("security.keyFile
 *     is required when authorization is enabled with replica sets").
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { dockerConfText } from './base-objects.js';
import { FIRST, ST2_CONF, STS, add, patch, replace, userConf } from './targets.js';

const MONGO = STS('mongodb');
const RBAC_ON = '[rbac]\nenable = True\nbackend = default\n';
const KEY = '/data/configdb/key.txt';

/** st2.docker.conf as staging and prod ship it, with these lines at its end. */
const dockerConf = (...lines: string[]): Patch => patch(ST2_CONF, replace('/data/st2.docker.conf', dockerConfText(RBAC_ON, ...lines)));
/** mongod's args replaced by these. */
const mongoArgs = (...args: string[]): Patch => patch(MONGO, replace(`${FIRST}/args`, args));

/** mongod started from a mounted YAML config holding these lines. */
function mongoConfigFile(...lines: string[]): CaseBody {
  return {
    resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rt-mongod-conf' }, data: { 'mongod.conf': [...lines, ''].join('\n') } }],
    patches: [
      patch(
        MONGO,
        add('/spec/template/spec/volumes/-', { name: 'rt-mongod-conf', configMap: { name: 'rt-mongod-conf' } }),
        add(`${FIRST}/volumeMounts/-`, { name: 'rt-mongod-conf', mountPath: '/etc/mongo', readOnly: true }),
        replace(`${FIRST}/args`, ['--config', '/etc/mongo/mongod.conf']),
      ),
    ],
  };
}

export function fresh18KvCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const st2 = (id: string, rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f18k-${id}`, 'st2-config', rule, { wraps, patches }));
  };
  const store = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f18k-${id}`, 'availability', rule, body));
  };
  const HRD14 = 'ST2-HRD-014';
  const REP16 = 'ST2-REP-016';

  // --- The datastore key path written empty in a later file (ST2-HRD-014) ---------------------------
  st2('kv-path-empty-user', HRD14, [userConf('[keyvalue]', 'encryption_key_path =')]);
  st2('kv-path-empty-user-staging', HRD14, [userConf('[keyvalue]', 'encryption_key_path =')], 'staging');
  st2('kv-path-single-quotes', HRD14, [userConf('[keyvalue]', "encryption_key_path = ''")]);
  st2('kv-path-double-quotes', HRD14, [userConf('[keyvalue]', 'encryption_key_path = ""')]);
  st2('kv-path-colon-blank', HRD14, [userConf('[keyvalue]', 'encryption_key_path:   ')]);
  st2('kv-path-empty-docker', HRD14, [dockerConf('[keyvalue]', 'encryption_key_path =')]);
  st2('safe-kv-path-restated', undefined, [userConf('[keyvalue]', 'encryption_key_path = /etc/st2/keys/datastore_key.json')]);
  // The last file wins: st2.user.conf puts the path back over st2.docker.conf's empty one.
  st2('safe-kv-path-empty-overridden', undefined, [dockerConf('[keyvalue]', 'encryption_key_path ='), userConf('[keyvalue]', 'encryption_key_path = /etc/st2/keys/datastore_key.json')], 'staging');
  // oslo sheds the quotes: the same path.
  st2('safe-kv-path-double-quoted', undefined, [userConf('[keyvalue]', 'encryption_key_path = "/etc/st2/keys/datastore_key.json"')]);

  // --- A replica set with authorization and no keyFile (ST2-REP-016) --------------------------------
  store('mongo-rs-no-keyfile', REP16, { patches: [mongoArgs('--replSet', 'rs0', '--bind_ip_all')] });
  store('mongo-rs-no-keyfile-staging', REP16, { wraps: 'staging', patches: [mongoArgs('--replSet', 'rs0')] });
  store('mongo-rs-equals-auth-explicit', REP16, { patches: [mongoArgs('--replSet=rs0', '--auth')] });
  store('mongo-rs-config-file-auth', REP16, mongoConfigFile('replication:', '  replSetName: rs0', 'security:', '  authorization: enabled', 'net:', '  bindIpAll: true'));
  store('safe-mongo-rs-keyfile-equals', undefined, { patches: [mongoArgs('--replSet', 'rs0', `--keyFile=${KEY}`, '--bind_ip_all')] });
  store('safe-mongo-rs-keyfile-and-auth', undefined, { wraps: 'staging', patches: [mongoArgs('--auth', '--replSet', 'rs0', '--keyFile', KEY)] });
  store('safe-mongo-rs-config-file-keyfile', undefined, mongoConfigFile('replication:', '  replSetName: rs0', 'security:', '  authorization: enabled', `  keyFile: ${KEY}`, 'net:', '  bindIpAll: true'));
  return cases;
}
