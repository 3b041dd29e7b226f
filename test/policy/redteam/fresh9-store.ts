/**
 * The ninth red team (issue 12, /work/red9, run through dist/st2-gitops
 * against main at 0305b6c), its store classes: MongoDB, RabbitMQ and etcd
 * keeping their data and serving. Data directories moved off the claim
 * (an emptyDir, `--dbpath /tmp`, etcd's --data-dir, and the variants through
 * a config file or a variable), member volumes deleted with the StatefulSet,
 * ownerReferences the garbage collector acts on, Velero's exclude label,
 * durability switched off, store versions the data cannot move to, etcd
 * listening on loopback; and the two safe etcd cases ST2-REP-012 denied
 * (v2 switched on through ETCD_ENABLE_V2, an etcdctl snapshot CronJob).
 * Closed by ST2-REP-021..024 and ST2-REP-012/016 reading the stores as they
 * read themselves (src/policy/store-ha-facts.ts, etcd-server.ts,
 * store-data-volume.ts).
 *
 * The attacker's cases come first (rewritten as patches), then variants,
 * then safe look-alikes.
 */
import { RABBIT, mongoArgs, rabbitConf, rabbitPolicy } from './base-objects.js';
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { FIRST, DEPLOY, STS, patch, type Json } from './targets.js';

const MONGO = STS('mongodb');
const ETCD = STS('etcd');

const env = (target: Json, name: string, value: string): Patch => patch(target, { op: 'add', path: `${FIRST}/env/-`, value: { name, value } });

/** The prod etcd member's command with these flags changed (name=value; value null drops the flag). */
function etcdCommand(changes: Record<string, string | null> = {}, extra: string[] = []): Patch {
  const flags: Record<string, string> = {
    name: '$(POD_NAME)',
    'data-dir': '/var/run/etcd/data',
    'listen-peer-urls': 'http://0.0.0.0:2380',
    'listen-client-urls': 'http://0.0.0.0:2379',
    'initial-advertise-peer-urls': 'http://$(POD_NAME).etcd-headless:2380',
    'advertise-client-urls': 'http://$(POD_NAME).etcd-headless:2379',
    'initial-cluster': [0, 1, 2].map((k) => `etcd-${k}=http://etcd-${k}.etcd-headless:2380`).join(','),
    'initial-cluster-state': 'new',
    'initial-cluster-token': 'st2-etcd',
    'enable-v2': 'true',
  };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete flags[k];
    else flags[k] = v;
  }
  return patch(ETCD, { op: 'replace', path: `${FIRST}/command`, value: ['etcd', ...Object.entries(flags).map(([k, v]) => `--${k}=${v}`), ...extra] });
}

/** A ConfigMap holding one file, mounted into the first container of `target` at `dir` (etcd's pod has no volumes list yet). */
function configFile(target: Json, name: string, dir: string, file: string, text: string): { resources: Json[]; patches: Patch[] } {
  const volume = { name, configMap: { name } };
  const volumes = target === ETCD ? { op: 'add', path: '/spec/template/spec/volumes', value: [volume] } : { op: 'add', path: '/spec/template/spec/volumes/-', value: volume };
  return {
    resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { [file]: text } }],
    patches: [patch(target, { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name, mountPath: dir } }, volumes)],
  };
}

const MONGOD_CONF = ['net:', '  bindIpAll: true', '  port: 27017', 'replication:', '  replSetName: rs0', 'security:', '  keyFile: /data/configdb/key.txt', '  authorization: enabled', 'storage:'];

/** mongod started with --config and this storage section. */
function mongodConf(...storage: string[]): { resources: Json[]; patches: Patch[] } {
  const f = configFile(MONGO, 'mongod-conf', '/etc/mongod', 'mongod.conf', [...MONGOD_CONF, ...storage, ''].join('\n'));
  return { resources: f.resources, patches: [...f.patches, patch(MONGO, { op: 'replace', path: `${FIRST}/args`, value: ['--config', '/etc/mongod/mongod.conf'] })] };
}

const scratch = (target: Json, mountPath: string): Patch =>
  patch(target, { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'scratch', emptyDir: {} } }, { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'scratch', mountPath } });

const label = (target: Json, ...paths: string[]): Patch => patch(target, ...paths.map((path) => ({ op: 'add', path: `${path}/velero.io~1exclude-from-backup`, value: 'true' })));
const owner = { apiVersion: 'v1', kind: 'ConfigMap', name: 'st2-config', uid: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f' };
const ownerRef = (target: Json): Patch => patch(target, { op: 'add', path: '/metadata/ownerReferences', value: [owner] });
const retention = (target: Json, policy: Json): Patch => patch(target, { op: 'add', path: '/spec/persistentVolumeClaimRetentionPolicy', value: policy });
const image = (name: string, tag: string): string[] => ['images:', `  - name: ${name}`, `    newTag: ${tag}`];

function snapshotCronJob(command: string): Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'etcd-snapshot' },
    spec: {
      schedule: '0 2 * * *',
      concurrencyPolicy: 'Forbid',
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
              containers: [
                {
                  name: 'snapshot',
                  image: 'bitnamilegacy/etcd:3.5.17',
                  command: ['sh', '-c', command],
                  resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
                  securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 1000, capabilities: { drop: ['ALL'] } },
                  volumeMounts: [{ name: 'b', mountPath: '/backup' }],
                },
              ],
              volumes: [{ name: 'b', persistentVolumeClaim: { claimName: 'etcd-snapshots' } }],
            },
          },
        },
      },
    },
  };
}
const snapshotClaim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'etcd-snapshots' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } } };

const RABBIT_CONF = { kind: 'ConfigMap', name: 'rabbitmq-config' };
const MONGO_SCRIPTS = { kind: 'ConfigMap', name: 'mongodb-scripts' };

/** The base's replset-init.js with these member documents. */
function initiate(members: string[], id = 'rs0', after = ''): Patch {
  const js = [
    'var status = db.adminCommand({ replSetGetStatus: 1 });',
    'if (status.code === 94) {',
    `  var result = rs.initiate({ _id: "${id}", members: [`,
    members.map((m) => `    ${m}`).join(',\n'),
    '  ] });',
    after,
    '  if (result.ok !== 1) { printjson(result); quit(1); }',
    '}',
    '',
  ].join('\n');
  return patch(MONGO_SCRIPTS, { op: 'replace', path: '/data/replset-init.js', value: js });
}
const member = (k: number, extra = ''): string => `{ _id: ${k}, host: "mongodb-${k}.mongodb:27017"${extra} }`;
const keyInit = (command: string): Patch => patch(MONGO, { op: 'replace', path: '/spec/template/spec/initContainers/0/command/2', value: command });
const pdbOf = (name: string, app: string, spec: Json): Json => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { ...spec, selector: { matchLabels: { app } } } });
const pod = (target: Json, field: string, value: unknown): Patch => patch(target, { op: 'add', path: `/spec/template/spec/${field}`, value });
const readiness = (...command: string[]): Patch => patch(MONGO, { op: 'replace', path: `${FIRST}/readinessProbe/exec/command`, value: command });
const stsRollout = (target: Json, maxUnavailable: number | string): Patch => patch(target, { op: 'add', path: '/spec/updateStrategy', value: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable } } });

export function fresh9StoreCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f9-${id}`, 'availability', rule, body));
  };

  // --- The attacker's cases ---------------------------------------------------------------------
  add('eph-mongo-emptydir', 'ST2-REP-021', { patches: [patch(MONGO, { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'db-scratch', emptyDir: {} } }, { op: 'replace', path: `${FIRST}/volumeMounts/0/name`, value: 'db-scratch' })] });
  add('eph-mongo-dbpath', 'ST2-REP-021', { patches: [mongoArgs('--dbpath', '/tmp/db')] });
  add('eph-etcd-datadir', 'ST2-REP-021', { patches: [etcdCommand({ 'data-dir': '/tmp/etcd-data' })] });
  add('mongo-nojournal', 'ST2-REP-023', { patches: [mongoArgs('--nojournal')] });
  add('etcd-unsafe-no-fsync', 'ST2-REP-023', { patches: [etcdCommand({}, ['--unsafe-no-fsync'])] });
  add('ret-mongo-delete', 'ST2-REP-022', { patches: [retention(MONGO, { whenDeleted: 'Delete', whenScaled: 'Delete' })] });
  add('ret-etcd-delete', 'ST2-REP-022', { patches: [retention(ETCD, { whenDeleted: 'Delete', whenScaled: 'Delete' })] });
  add('own-mongo-gc', 'ST2-REP-022', { patches: [ownerRef(MONGO)] });
  add('own-secret-gc', 'ST2-REP-022', { patches: [ownerRef({ kind: 'ExternalSecret', name: 'st2-config-secrets' })] });
  add('velero-exclude-ns', 'ST2-REP-022', { patches: [label({ kind: 'Namespace', name: 'st2-prod' }, '/metadata/labels')] });
  add('velero-exclude-mongo', 'ST2-REP-022', { patches: [label(MONGO, '/metadata/labels', '/spec/template/metadata/labels')] });
  add('mongo-downgrade-40', 'ST2-REP-024', { extra: image('mongo', '4.0.28') });
  add('rabbit-downgrade-38', 'ST2-REP-024', { extra: image('rabbitmq', '3.8.35') });
  add('etcd-36', 'ST2-REP-012', { extra: image('bitnamilegacy/etcd', '3.6.4') });
  add('etcd-listen-localhost', 'ST2-REP-016', { patches: [etcdCommand({ 'listen-client-urls': 'http://127.0.0.1:2379' })] });

  // --- Variants ---------------------------------------------------------------------------------
  // The data directory moved by a config file or a variable, or covered by a scratch volume.
  add('eph-mongod-conf-dbpath', 'ST2-REP-021', mongodConf('  dbPath: /tmp/mongo'));
  add('eph-mongo-scratch-over-dbpath', 'ST2-REP-021', { patches: [scratch(MONGO, '/data/db')] });
  add('eph-etcd-data-dir-env', 'ST2-REP-021', { patches: [etcdCommand({ 'data-dir': null }), env(ETCD, 'ETCD_DATA_DIR', '/tmp/etcd')] });
  add('eph-etcd-config-file', 'ST2-REP-021', (() => {
    const f = configFile(ETCD, 'etcd-conf', '/etc/etcd', 'etcd.yaml', ['name: etcd', 'data-dir: /tmp/etcd', 'enable-v2: true', ''].join('\n'));
    return { resources: f.resources, patches: [...f.patches, patch(ETCD, { op: 'replace', path: `${FIRST}/command`, value: ['etcd', '--config-file', '/etc/etcd/etcd.yaml'] })] };
  })());
  add('eph-rabbit-mnesia-base', 'ST2-REP-021', { patches: [env(RABBIT, 'RABBITMQ_MNESIA_BASE', '/tmp/mnesia')] });
  add('eph-staging-mongo-dbpath', 'ST2-REP-021', { wraps: 'staging', patches: [mongoArgs('--dbpath=/tmp/db')] });
  // Durability off through the other spellings.
  add('mongod-conf-journal-off', 'ST2-REP-023', mongodConf('  dbPath: /data/db', '  journal:', '    enabled: false'));
  add('etcd-no-fsync-env', 'ST2-REP-023', { patches: [env(ETCD, 'ETCD_UNSAFE_NO_FSYNC', 'true')] });
  add('etcd-no-fsync-explicit', 'ST2-REP-023', { patches: [etcdCommand({ 'unsafe-no-fsync': 'True' })] });
  // Retention on scale only, on RabbitMQ; ownerReferences on the config; backups skipped by claim or volume.
  add('ret-rabbit-when-scaled', 'ST2-REP-022', { patches: [retention(RABBIT, { whenDeleted: 'Retain', whenScaled: 'Delete' })] });
  add('own-configmap-gc', 'ST2-REP-022', { patches: [ownerRef({ kind: 'ConfigMap', name: 'st2-config' })] });
  add('velero-exclude-claims', 'ST2-REP-022', { patches: [patch(MONGO, { op: 'add', path: '/spec/volumeClaimTemplates/0/metadata/labels', value: { 'velero.io/exclude-from-backup': 'true' } })] });
  add('velero-exclude-pod-volume', 'ST2-REP-022', { patches: [patch(MONGO, { op: 'add', path: '/spec/template/metadata/annotations', value: { 'backup.velero.io/backup-volumes-excludes': 'configdir, datadir' } })] });
  // Versions the data cannot move to.
  add('mongo-jump-60', 'ST2-REP-024', { extra: image('mongo', '6.0.19') });
  add('rabbit-40-drops-mirroring', 'ST2-REP-024', { extra: image('rabbitmq', '4.0.5') });
  add('etcd-34', 'ST2-REP-024', { extra: image('bitnamilegacy/etcd', '3.4.33') });
  // etcd's loopback through its variable; v2 switched off by value.
  add('etcd-listen-localhost-env', 'ST2-REP-016', { patches: [etcdCommand({ 'listen-client-urls': null }), env(ETCD, 'ETCD_LISTEN_CLIENT_URLS', 'http://localhost:2379')] });
  add('etcd-v2-false', 'ST2-REP-012', { patches: [etcdCommand({ 'enable-v2': 'false' })] });
  add('etcd-v2-env-false', 'ST2-REP-012', { patches: [etcdCommand({ 'enable-v2': null }), env(ETCD, 'ETCD_ENABLE_V2', 'false')] });
  add('etcd-v2-flag-shadows-env', 'ST2-REP-012', { patches: [etcdCommand({ 'enable-v2': 'false' }), env(ETCD, 'ETCD_ENABLE_V2', 'true')] });

  // --- Safe look-alikes -------------------------------------------------------------------------
  add('safe-etcd-env-v2', undefined, { patches: [etcdCommand({ 'enable-v2': null }), env(ETCD, 'ETCD_ENABLE_V2', 'true')] });
  add('safe-etcd-env-v2-one', undefined, { patches: [etcdCommand({ 'enable-v2': null }), env(ETCD, 'ETCD_ENABLE_V2', '1')] });
  add('safe-etcd-snapshot-cron', undefined, { resources: [snapshotClaim, snapshotCronJob('ETCDCTL_API=3 etcdctl --endpoints=http://etcd:2379 snapshot save /backup/etcd-$(date +%F).db')] });
  add('safe-etcd-snapshot-status', undefined, { resources: [snapshotClaim, snapshotCronJob('etcdutl snapshot status /backup/latest.db -w table')] });
  add('safe-etcd-data-dir-env-on-claim', undefined, { patches: [etcdCommand({ 'data-dir': null }), env(ETCD, 'ETCD_DATA_DIR', '/var/run/etcd/member-data')] });
  // Was a look-alike until the tenth red team (mongo-dbpath-subdir): mongod exits on a dbPath that does
  // not exist, and once created the member starts empty beside its old data (ST2-REP-021, moved within its claim).
  add('mongo-dbpath-under-claim-moved', 'ST2-REP-021', { patches: [mongoArgs('--dbpath', '/data/db/st2')] });
  add('safe-mongo-scratch-tmp', undefined, { patches: [scratch(MONGO, '/tmp')] });
  add('safe-mongod-conf-journal-on', undefined, mongodConf('  dbPath: /data/db', '  journal:', '    enabled: true'));
  add('safe-retention-retain', undefined, { patches: [retention(MONGO, { whenDeleted: 'Retain', whenScaled: 'Retain' })] });
  add('safe-mongo-patch-upgrade', undefined, { extra: image('mongo', '4.4.30') });
  add('safe-rabbit-minor-upgrade', undefined, { extra: image('rabbitmq', '3.13.7') });
  add('safe-etcd-listen-all-and-loopback', undefined, { patches: [etcdCommand({ 'listen-client-urls': 'http://0.0.0.0:2379,http://127.0.0.1:2379' })] });
  add('safe-velero-label-on-job-pods', undefined, { patches: [label({ group: 'batch', kind: 'Job', name: 'st2-register-content' }, '/spec/template/metadata/labels')] });

  // --- The second batch: stores that refuse to start or drop messages, drains, names, rollouts ------
  add('sto-mongo-replset-rename', 'ST2-REP-016', { patches: [patch(MONGO, { op: 'replace', path: `${FIRST}/args/1`, value: 'st2rs' })] });
  add('sto-mongo-keyfile-mode', 'ST2-REP-016', { patches: [keyInit('cp /keyfile/key.txt /data/configdb/key.txt && chmod 0644 /data/configdb/key.txt')] });
  add('sto-rabbit-connection-max', 'ST2-REP-016', { patches: [rabbitConf(['connection_max = 5'])] });
  add('rmq-policy-ttl', 'ST2-REP-016', { patches: [rabbitPolicy('', '{"ha-mode": "all", "ha-sync-mode": "automatic", "message-ttl": 5000}')] });
  add('mongo-votes-zero', 'ST2-REP-014', { patches: [initiate([member(0), member(1, ', votes: 0, priority: 0'), member(2, ', votes: 0, priority: 0')])] });
  add('mongo-arbiters', 'ST2-REP-014', { patches: [initiate([member(0), member(1, ', arbiterOnly: true'), member(2, ', arbiterOnly: true')])] });
  add('pdb-timers-zero', 'ST2-OPS-038', { resources: [pdbOf('st2timersengine', 'st2timersengine', { maxUnavailable: 0 }), pdbOf('st2garbagecollector', 'st2garbagecollector', { maxUnavailable: 0 })] });
  add('pdb-mongo-double', 'ST2-OPS-038', { resources: [pdbOf('mongodb-strict', 'mongodb', { minAvailable: 2 })] });
  add('mongo-ready-primary-only', 'ST2-OPS-038', { patches: [readiness('mongo', '--quiet', '--eval', 'if (!db.isMaster().ismaster) quit(1)')] });
  add('dns-default-st2api', 'ST2-OPS-039', { patches: [pod(DEPLOY('st2api'), 'dnsPolicy', 'Default')] });
  add('dns-default-mongo', 'ST2-OPS-039', { patches: [pod(MONGO, 'dnsPolicy', 'Default')] });
  add('ha-sts-maxunavailable', 'ST2-REP-025', { patches: [stsRollout(MONGO, 3)] });
  // Variants.
  add('mongod-conf-replset-renamed', 'ST2-REP-016', (() => {
    const f = configFile(MONGO, 'mongod-conf', '/etc/mongod', 'mongod.conf', ['replication:', '  replSetName: st2-rs', 'security:', '  keyFile: /data/configdb/key.txt', 'storage:', '  dbPath: /data/db', ''].join('\n'));
    return { resources: f.resources, patches: [...f.patches, patch(MONGO, { op: 'replace', path: `${FIRST}/args`, value: ['--config', '/etc/mongod/mongod.conf'] })] };
  })());
  add('mongo-initiate-other-name', 'ST2-REP-016', { patches: [initiate([member(0), member(1), member(2)], 'rs1')] });
  add('keyfile-chmod-symbolic', 'ST2-REP-016', { patches: [keyInit('cp /keyfile/key.txt /data/configdb/key.txt && chmod 0400 /data/configdb/key.txt && chmod go+r /data/configdb/key.txt')] });
  add('keyfile-install-0640', 'ST2-REP-016', { patches: [keyInit('install -m 0640 /keyfile/key.txt /data/configdb/key.txt')] });
  add('keyfile-straight-from-secret', 'ST2-REP-016', { patches: [patch(MONGO, { op: 'replace', path: `${FIRST}/args/3`, value: '/keyfile/key.txt' }, { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'keyfile', mountPath: '/keyfile', readOnly: true } }, { op: 'add', path: '/spec/template/spec/volumes/0/secret/defaultMode', value: 0o400 })] });
  add('rabbit-connection-max-advanced', 'ST2-REP-016', { patches: [patch(RABBIT_CONF, { op: 'add', path: '/data/advanced.config', value: '[{rabbit, [{connection_max, 10}]}].\n' })] });
  add('rmq-policy-max-length-st2', 'ST2-REP-016', { patches: [rabbitPolicy('^st2\\.', '{"ha-mode": "all", "max-length": 1000, "overflow": "drop-head"}')] });
  add('rmq-policy-expires', 'ST2-REP-016', { patches: [rabbitPolicy('.*', '{"ha-mode": "all", "expires": 60000}')] });
  add('mongo-add-arbiter', 'ST2-REP-014', { patches: [initiate([member(0), member(1)], 'rs0', '  rs.addArb("mongodb-2.mongodb:27017");')] });
  add('pdb-st2api-min-all', 'ST2-OPS-038', { patches: [patch({ kind: 'PodDisruptionBudget', name: 'st2api' }, { op: 'replace', path: '/spec', value: { minAvailable: '100%', selector: { matchLabels: { app: 'st2api' } } } })] });
  add('pdb-mongo-min-three', 'ST2-OPS-038', { patches: [patch({ kind: 'PodDisruptionBudget', name: 'mongodb' }, { op: 'replace', path: '/spec/minAvailable', value: 3 })] });
  add('mongo-ready-hello-primary', 'ST2-OPS-038', { patches: [readiness('mongo', '--quiet', '--eval', 'quit(db.hello().isWritablePrimary ? 0 : 1)')] });
  add('dns-none-public-resolver', 'ST2-OPS-039', { patches: [pod(DEPLOY('st2actionrunner'), 'dnsPolicy', 'None'), pod(DEPLOY('st2actionrunner'), 'dnsConfig', { nameservers: ['8.8.8.8'] })] });
  add('dns-default-etcd-staging', 'ST2-OPS-039', { wraps: 'staging', patches: [pod(ETCD, 'dnsPolicy', 'Default')] });
  add('ha-etcd-sts-percent', 'ST2-REP-025', { patches: [stsRollout(ETCD, '67%')] });
  // Look-alikes.
  add('safe-connection-max-large', undefined, { patches: [rabbitConf(['connection_max = 4096'])] });
  add('safe-policy-ttl-other-queues', undefined, { patches: [rabbitPolicy('', '{"ha-mode": "all", "ha-sync-mode": "automatic"}}, {"vhost": "/", "name": "metrics-ttl", "pattern": "^metrics\\\\.", "apply-to": "queues", "priority": 1, "definition": {"message-ttl": 60000}')] });
  add('safe-keyfile-chmod-600', undefined, { patches: [keyInit('cp /keyfile/key.txt /data/configdb/key.txt && chmod 600 /data/configdb/key.txt')] });
  add('safe-keyfile-chmod-symbolic', undefined, { patches: [keyInit('cp /keyfile/key.txt /data/configdb/key.txt && chmod u=r,go= /data/configdb/key.txt')] });
  add('safe-mongo-initiate-loop', undefined, { patches: [initiate(['{ _id: 0, host: "mongodb-0.mongodb:27017" }', '{ _id: 1, host: "mongodb-1.mongodb:27017", priority: 0.5 }', '{ _id: 2, host: "mongodb-2.mongodb:27017" }'])] });
  add('safe-ready-primary-or-secondary', undefined, { patches: [readiness('mongo', '--quiet', '--eval', 'var h = db.isMaster(); quit(h.ismaster || h.secondary ? 0 : 1)')] });
  add('safe-dns-store-options', undefined, { patches: [pod(MONGO, 'dnsConfig', { options: [{ name: 'ndots', value: '3' }] })] });
  add('safe-dns-cluster-first-options', undefined, { patches: [pod(DEPLOY('st2api'), 'dnsConfig', { options: [{ name: 'ndots', value: '2' }] })] });
  add('safe-sts-max-unavailable-one', undefined, { patches: [stsRollout(MONGO, 1)] });
  add('safe-pdb-max-one-timers', undefined, { resources: [pdbOf('st2timersengine', 'st2timersengine', { maxUnavailable: 1 })] });

  // Helpers whose image names a store are not members: no data directory to keep.
  add('safe-rabbitmq-exporter-no-volume', undefined, {
    resources: [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'rabbitmq-exporter', labels: { app: 'rabbitmq-exporter' } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'rabbitmq-exporter' } },
          template: {
            metadata: { labels: { app: 'rabbitmq-exporter' } },
            spec: {
              securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } },
              containers: [
                {
                  name: 'exporter',
                  image: 'kbudde/rabbitmq-exporter:1.0.0',
                  env: [{ name: 'RABBIT_URL', value: 'http://rabbitmq:15672' }],
                  ports: [{ containerPort: 9419 }],
                  resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
                  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                },
              ],
            },
          },
        },
      },
    ],
  });
  return cases;
}
