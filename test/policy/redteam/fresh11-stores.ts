/**
 * The tenth red team's store classes (test/attackers/red10, store-rabbitmq,
 * store-etcd, store-mongodb, ha-stores, store-identity and the store cases of
 * probes, scheduling and destructive), rewritten as patches over the
 * environments with variants and safe look-alikes. What each store member
 * needs to form a cluster and keep it: RabbitMQ's listeners, cookie, node
 * names and data directory; etcd's member name, bootstrap state and timeouts;
 * MongoDB's initiation, its hosts and electable members, its data directory;
 * stores started one by one, probed on quorum, pinned to one zone, preempted
 * first, their queues purged, and Percona's mongod known as MongoDB.
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { etcdCommandAt, etcdFlags, rabbitConf, rabbitEnv, rabbitEnvAdd } from './base-objects.js';
import { FIRST, STS, patch, type Json } from './targets.js';

const MONGO_SCRIPTS = { kind: 'ConfigMap', name: 'mongodb-scripts' };

/** replset-init.js initiating rs0 with these member documents. */
const initiate = (members: string[]): Patch =>
  patch(MONGO_SCRIPTS, {
    op: 'replace',
    path: '/data/replset-init.js',
    value: [
      'var status = db.adminCommand({ replSetGetStatus: 1 });',
      'if (status.ok === 1) {',
      '  print("replica set rs0 already initiated");',
      '} else if (status.code === 94) {',
      '  var result = rs.initiate({',
      '    _id: "rs0",',
      '    members: [',
      members.map((m, k) => `      { _id: ${k}, ${m} }`).join(',\n'),
      '    ]',
      '  });',
      '  if (result.ok !== 1) { printjson(result); quit(1); }',
      '} else { printjson(status); quit(1); }',
      '',
    ].join('\n'),
  });
const host = (n: number, domain = 'mongodb'): string => `host: "mongodb-${n}.${domain}:27017"`;

const maintenance = (script: string): Json => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'f11-queue-maintenance' },
  spec: {
    schedule: '15 3 * * *',
    concurrencyPolicy: 'Forbid',
    jobTemplate: {
      spec: {
        template: {
          spec: {
            restartPolicy: 'OnFailure',
            securityContext: { runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'maint',
                image: 'rabbitmq:3.12.14',
                command: ['sh', '-c', script],
                env: [{ name: 'RABBITMQ_ERLANG_COOKIE', valueFrom: { secretKeyRef: { name: 'rabbitmq', key: 'rabbitmq-erlang-cookie' } } }],
                resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
              },
            ],
          },
        },
      },
    },
  },
});

const priorityClass = (value: number): Json => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'f11-stores' }, value, globalDefault: false, preemptionPolicy: 'Never' });
const withPriority = (...stores: string[]): Patch[] => stores.map((s) => patch(STS(s), { op: 'add', path: '/spec/template/spec/priorityClassName', value: 'f11-stores' }));
// Beside the base's one-member-per-node anti-affinity (ST2-OPS-045 since the eleventh team).
const zoneAffinity = (terms: Json[]): Patch => patch(STS('mongodb'), { op: 'add', path: '/spec/template/spec/affinity/nodeAffinity', value: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
const zoneIn = (...zones: string[]): Json => ({ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: zones }] });
const percona = ['images:', '  - name: mongo', '    newName: percona/percona-server-mongodb', '    newTag: "4.4.29-28"'];

export function fresh11StoresCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f11-${id}`, 'availability', rule, body));
  };

  // --- RabbitMQ: AMQP listeners (ST2-OPS-024) ---------------------------------------------------------
  add('amqp-loopback', 'ST2-OPS-024', { patches: [rabbitConf(['listeners.tcp.default = 127.0.0.1:5672'])] });
  add('amqp-loopback-v6', 'ST2-OPS-024', { patches: [rabbitConf(['listeners.tcp.local = ::1:5672'])] });
  add('amqp-other-port', 'ST2-OPS-024', { patches: [rabbitConf(['listeners.tcp.default = 5673'])] });
  add('amqp-none', 'ST2-OPS-024', { patches: [rabbitConf(['listeners.tcp = none'])] });
  add('amqp-staging-loopback', 'ST2-OPS-024', { wraps: 'staging', patches: [rabbitConf(['listeners.tcp.1 = 127.0.0.1:5672'])] });
  add('safe-amqp-all-interfaces', undefined, { patches: [rabbitConf(['listeners.tcp.default = 0.0.0.0:5672'])] });
  add('safe-amqp-v6-any', undefined, { patches: [rabbitConf(['listeners.tcp.default = :::5672'])] });
  add('safe-amqp-second-port', undefined, { patches: [rabbitConf(['listeners.tcp.default = 5672', 'listeners.tcp.other = 5673'])] });

  // --- RabbitMQ: one cookie, node names the peers know, data where it was (ST2-REP-014, ST2-REP-021) ---
  const cookieBase = { name: 'RABBITMQ_COOKIE_BASE', valueFrom: { secretKeyRef: { name: 'rabbitmq', key: 'rabbitmq-erlang-cookie' } } };
  const cookie = (value: string): Patch[] => [
    patch(STS('rabbitmq'), { op: 'replace', path: `${FIRST}/env/5`, value: { name: 'RABBITMQ_ERLANG_COOKIE', value } }, { op: 'add', path: `${FIRST}/env/0`, value: cookieBase }),
  ];
  add('cookie-per-pod-name', 'ST2-REP-014', { patches: cookie('$(RABBITMQ_COOKIE_BASE)-$(MY_POD_NAME)') });
  add('cookie-per-pod-uid', 'ST2-REP-014', {
    patches: [patch(STS('rabbitmq'), { op: 'add', path: `${FIRST}/env/0`, value: { name: 'POD_UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } } }, { op: 'replace', path: `${FIRST}/env/6`, value: { name: 'RABBITMQ_ERLANG_COOKIE', value: 'st2-$(POD_UID)' } })],
  });
  add('safe-cookie-through-variable', undefined, { patches: cookie('$(RABBITMQ_COOKIE_BASE)') });
  add('node-short-name', 'ST2-REP-014', { patches: [rabbitEnv(2, { name: 'RABBITMQ_NODENAME', value: 'rabbit@$(MY_POD_NAME)' })] });
  add('node-fqdn-peers-short', 'ST2-REP-014', { patches: [rabbitEnv(2, { name: 'RABBITMQ_NODENAME', value: 'rabbit@$(MY_POD_NAME).rabbitmq-discovery.st2-prod.svc.cluster.local' })] });
  add('safe-node-fqdn-peers-fqdn', undefined, {
    patches: [
      rabbitEnv(2, { name: 'RABBITMQ_NODENAME', value: 'rabbit@$(MY_POD_NAME).rabbitmq-discovery.st2-prod.svc.cluster.local' }),
      rabbitConf([], 'pause_minority', [0, 1, 2].map((k) => `rabbit@rabbitmq-${k}.rabbitmq-discovery.st2-prod.svc.cluster.local`)),
    ],
  });
  add('mnesia-base-beside', 'ST2-REP-021', { patches: [rabbitEnvAdd({ name: 'RABBITMQ_MNESIA_BASE', value: '/var/lib/rabbitmq/mnesia-v2' })] });
  add('mnesia-base-claim-root', 'ST2-REP-021', { patches: [rabbitEnvAdd({ name: 'RABBITMQ_MNESIA_BASE', value: '/var/lib/rabbitmq' })] });
  add('safe-mnesia-base-restated', undefined, { patches: [rabbitEnvAdd({ name: 'RABBITMQ_MNESIA_BASE', value: '/var/lib/rabbitmq/mnesia' })] });

  // --- RabbitMQ and etcd: liveness that kills healthy members (ST2-OPS-055) ----------------------------
  const rabbitLiveness = (probe: Json, startup?: Json): Patch =>
    patch(STS('rabbitmq'), { op: 'replace', path: `${FIRST}/livenessProbe`, value: probe }, ...(startup ? [{ op: 'add', path: `${FIRST}/startupProbe`, value: startup }] : []));
  const status = { exec: { command: ['rabbitmqctl', 'status'] } };
  add('rabbit-liveness-instant', 'ST2-OPS-055', { patches: [rabbitLiveness({ ...status, initialDelaySeconds: 1, periodSeconds: 2, timeoutSeconds: 1, failureThreshold: 1 })] });
  add('rabbit-liveness-25s', 'ST2-OPS-055', { patches: [rabbitLiveness({ ...status, initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 5 })] });
  add('safe-rabbit-liveness-diagnostics', undefined, { patches: [rabbitLiveness({ exec: { command: ['rabbitmq-diagnostics', '-q', 'status'] }, initialDelaySeconds: 120, periodSeconds: 30, timeoutSeconds: 10 })] });
  add('safe-rabbit-liveness-startup-probe', undefined, {
    patches: [rabbitLiveness({ ...status, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5 }, { ...status, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 30 })],
  });
  const etcdLiveness = (path: string): Patch => patch(STS('etcd'), { op: 'replace', path: `${FIRST}/livenessProbe/httpGet/path`, value: path });
  add('etcd-liveness-quorum', 'ST2-OPS-055', { patches: [etcdLiveness('/health')] });
  add('etcd-liveness-nospace-only', 'ST2-OPS-055', { patches: [etcdLiveness('/health?exclude=NOSPACE')] });
  add('safe-etcd-liveness-serializable', undefined, { patches: [etcdLiveness('/health?serializable=true')] });

  // --- etcd: member names, bootstrap state, timeouts (ST2-REP-014, ST2-OPS-024) ------------------------
  add('etcd-name-prefixed', 'ST2-REP-014', { patches: [patch(STS('etcd'), etcdCommandAt(1, '--name=member-$(POD_NAME)'))] });
  add('etcd-name-fqdn', 'ST2-REP-014', { patches: [patch(STS('etcd'), etcdCommandAt(1, '--name=$(POD_NAME).etcd-headless'))] });
  add('safe-etcd-names-prefixed-both', undefined, {
    patches: [patch(STS('etcd'), etcdCommandAt(1, '--name=member-$(POD_NAME)'), etcdCommandAt(7, `--initial-cluster=${[0, 1, 2].map((k) => `member-etcd-${k}=http://etcd-${k}.etcd-headless:2380`).join(',')}`))],
  });
  add('etcd-state-existing', 'ST2-REP-014', { patches: [patch(STS('etcd'), etcdCommandAt(8, '--initial-cluster-state=existing'))] });
  add('etcd-staging-state-existing', 'ST2-REP-014', { wraps: 'staging', patches: [patch(STS('etcd'), etcdCommandAt(8, '--initial-cluster-state=existing'))] });
  add('safe-etcd-state-new-restated', undefined, { patches: [etcdFlags('--initial-cluster-state=new')] });
  add('etcd-election-equal', 'ST2-OPS-024', { patches: [etcdFlags('--heartbeat-interval=1000', '--election-timeout=1000')] });
  add('etcd-election-staging', 'ST2-OPS-024', { wraps: 'staging', patches: [etcdFlags('--heartbeat-interval=500', '--election-timeout=1000')] });
  add('etcd-election-default-heartbeat', 'ST2-OPS-024', { patches: [etcdFlags('--election-timeout=400')] });
  add('etcd-election-too-long', 'ST2-OPS-024', { patches: [etcdFlags('--heartbeat-interval=1000', '--election-timeout=60000')] });
  add('safe-etcd-election-tenfold', undefined, { patches: [etcdFlags('--heartbeat-interval=250', '--election-timeout=2500')] });
  add('safe-etcd-election-fivefold', undefined, { patches: [etcdFlags('--heartbeat-interval=200', '--election-timeout=1000')] });

  // --- Started one by one behind a readiness that needs the others (ST2-REP-014) -----------------------
  const ordered = (store: string): Patch => patch(STS(store), { op: 'replace', path: '/spec/podManagementPolicy', value: 'OrderedReady' });
  add('etcd-ordered-ready', 'ST2-REP-014', { patches: [ordered('etcd')] });
  add('rabbit-ordered-ready', 'ST2-REP-014', { patches: [ordered('rabbitmq')] });
  add('rabbit-ordered-ready-staging', 'ST2-REP-014', { wraps: 'staging', patches: [ordered('rabbitmq')] });
  add('safe-etcd-ordered-serializable-readiness', undefined, { patches: [ordered('etcd'), patch(STS('etcd'), { op: 'replace', path: `${FIRST}/readinessProbe/httpGet/path`, value: '/health?serializable=true' })] });
  add('safe-mongo-parallel', undefined, { patches: [patch(STS('mongodb'), { op: 'add', path: '/spec/podManagementPolicy', value: 'Parallel' })] });

  // --- MongoDB: initiation, hosts, electable members, data directory (ST2-REP-014, -026, -021) ----------
  add('mongo-init-sidecar-removed', 'ST2-REP-014', { patches: [patch(STS('mongodb'), { op: 'remove', path: '/spec/template/spec/containers/1' })] });
  add('mongo-init-sidecar-idle', 'ST2-REP-014', { patches: [patch(STS('mongodb'), { op: 'replace', path: '/spec/template/spec/containers/1/command', value: ['sleep', 'infinity'] }, { op: 'remove', path: '/spec/template/spec/containers/1/volumeMounts' })] });
  add('safe-mongo-init-sidecar-renamed', undefined, { patches: [patch(STS('mongodb'), { op: 'replace', path: '/spec/template/spec/containers/1/name', value: 'rs-initiator' })] });
  add('mongo-init-other-service', 'ST2-REP-014', { patches: [initiate([0, 1, 2].map((n) => host(n, 'mongodb-headless')))] });
  add('mongo-init-missing-ordinal', 'ST2-REP-014', { patches: [initiate([host(0), host(1), host(3)])] });
  add('safe-mongo-init-fqdn', undefined, { patches: [initiate([0, 1, 2].map((n) => host(n, 'mongodb.st2-prod.svc.cluster.local')))] });
  add('mongo-priority-zero-two', 'ST2-REP-026', { patches: [initiate([host(0), `${host(1)}, priority: 0`, `${host(2)}, priority: 0`])] });
  add('mongo-votes-zero-two', 'ST2-REP-026', { patches: [initiate([host(0), `${host(1)}, priority: 0, votes: 0`, `${host(2)}, priority: 0, votes: 0`])] });
  add('safe-mongo-priority-zero-one', undefined, { patches: [initiate([host(0), host(1), `${host(2)}, priority: 0`])] });
  add('safe-mongo-priority-weights', undefined, { patches: [initiate([`${host(0)}, priority: 2`, host(1), `${host(2)}, priority: 0.5`])] });
  const mongoArgs = (...args: string[]): Patch => patch(STS('mongodb'), ...args.map((value) => ({ op: 'add', path: `${FIRST}/args/-`, value })));
  add('mongo-dbpath-subdir', 'ST2-REP-021', { patches: [mongoArgs('--dbpath=/data/db/st2')] });
  add('mongo-dbpath-subdir-spaced', 'ST2-REP-021', { patches: [mongoArgs('--dbpath', '/data/db/rs0')] });
  add('safe-mongo-dbpath-restated', undefined, { patches: [mongoArgs('--dbpath=/data/db')] });

  // --- Percona Server for MongoDB is MongoDB (ST2-REP-021, ST2-HRD-007) --------------------------------
  add('percona-emptydir', 'ST2-REP-021', {
    extra: percona,
    patches: [patch(STS('mongodb'), { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'scratch', emptyDir: {} } }, { op: 'replace', path: `${FIRST}/volumeMounts/0/name`, value: 'scratch' })],
  });
  add('percona-noauth', 'ST2-HRD-007', { extra: percona, patches: [patch(STS('mongodb'), { op: 'replace', path: `${FIRST}/args`, value: ['--replSet', 'rs0', '--noauth'] })] });
  add('safe-percona-same-flags', undefined, { extra: percona });

  // --- Placement and priority (ST2-OPS-045, ST2-OPS-056) -----------------------------------------------
  add('mongo-one-zone-affinity', 'ST2-OPS-045', { patches: [zoneAffinity([zoneIn('eu-west-1a')])] });
  add('mongo-one-zone-selector', 'ST2-OPS-045', { patches: [patch(STS('mongodb'), { op: 'add', path: '/spec/template/spec/nodeSelector', value: { 'topology.kubernetes.io/zone': 'eu-west-1b' } })] });
  add('safe-mongo-three-zones', undefined, { patches: [zoneAffinity([zoneIn('eu-west-1a', 'eu-west-1b', 'eu-west-1c')])] });
  add('safe-mongo-zone-terms', undefined, { patches: [zoneAffinity([zoneIn('eu-west-1a'), zoneIn('eu-west-1b')])] });
  add('stores-negative-priority', 'ST2-OPS-056', { resources: [priorityClass(-1000)], patches: withPriority('mongodb', 'rabbitmq', 'etcd') });
  add('etcd-negative-priority', 'ST2-OPS-056', { resources: [priorityClass(-1)], patches: withPriority('etcd') });
  add('safe-stores-zero-priority', undefined, { resources: [priorityClass(0)], patches: withPriority('mongodb', 'rabbitmq', 'etcd') });

  // --- Purging st2's queues (ST2-OPS-046) --------------------------------------------------------------
  add('purge-work-queue', 'ST2-OPS-046', { resources: [maintenance('rabbitmqctl -n rabbit@rabbitmq-0.rabbitmq-discovery purge_queue st2.actionrunner.work')] });
  add('purge-queues-loop', 'ST2-OPS-046', { resources: [maintenance('for q in st2.actionrunner.req st2.scheduler.work; do rabbitmqctl -n rabbit@rabbitmq-0.rabbitmq-discovery purge_queue "$q"; done')] });
  add('delete-queue', 'ST2-OPS-046', { resources: [maintenance('rabbitmqctl -n rabbit@rabbitmq-0.rabbitmq-discovery delete_queue st2.workflow.work')] });
  add('safe-purge-other-queue', undefined, { resources: [maintenance('rabbitmqctl -n rabbit@rabbitmq-0.rabbitmq-discovery purge_queue smoke-test')] });
  add('safe-list-queues', undefined, { resources: [maintenance('rabbitmqctl -n rabbit@rabbitmq-0.rabbitmq-discovery list_queues name messages')] });
  return cases;
}
