/**
 * The seventh red team (issue 12, /work/red7 at the time, run through
 * dist/st2-gitops against main at 1b2a486), its HA and outage-typo classes:
 * 16 of its unsafe overlays were allowed. Stores whose members never form one
 * cluster (etcd's --initial-cluster naming only the pod itself, rabbitmq.conf
 * without peer discovery, an rs.initiate with one member), st2's coordination
 * moved to a one-replica ZooKeeper, PDBs letting a drain take two of three
 * etcd or MongoDB members, the etcd Service narrowed to one pod, strategy
 * Recreate on st2api; and values the API server accepts that stop a service:
 * cpu "1000", memory "512", a --config-file that is not there, an unknown
 * time zone for the timers engine, a 2-byte RabbitMQ watermark, a 4 KiB etcd
 * quota. Closed by ST2-REP-014 and ST2-REP-015, ST2-OPS-005's quorum,
 * Recreate and one-member branches, and ST2-OPS-022..024 (values parsed in
 * src/policy/outage-facts.ts, bounds in the bundle's settings.outage).
 *
 * The attacker's cases come first (rewritten as patches), then the variants
 * written while closing them (env vars instead of flags, config files in
 * ConfigMaps, hex and exponent spellings, the same typos on other services
 * and stores, staging), then safe look-alikes that must stay allowed. No case
 * holds a chart default.
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { FIRST, ST2_CONF, DEPLOY, patch, type Json } from './targets.js';

const ETCD = { group: 'apps', kind: 'StatefulSet', name: 'etcd' };
const RABBIT_CONF = { kind: 'ConfigMap', name: 'rabbitmq-config' };
const ETCD_CMD = '/spec/template/spec/containers/0/command';

const pdbTarget = (name: string): Json => ({ group: 'policy', kind: 'PodDisruptionBudget', name });

/** etcd's peer list for members 0..n-1 under the headless Service. */
const peers = (n: number): string => Array.from({ length: n }, (_, k) => `etcd-${k}=http://etcd-${k}.etcd-headless:2380`).join(',');

/** The base's rabbitmq.conf with peer discovery replaced by `formation` and `extra` appended. */
function rabbitConf(formation: readonly string[], extra: readonly string[] = []): string {
  return [
    ...formation,
    'queue_master_locator = min-masters',
    'loopback_users.guest = false',
    'cluster_partition_handling = pause_minority',
    'load_definitions = /etc/rabbitmq/definitions.json',
    ...extra,
    '',
  ].join('\n');
}

const classicPeers = ['cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config', ...[0, 1, 2].map((k) => `cluster_formation.classic_config.nodes.${k + 1} = rabbit@rabbitmq-${k}.rabbitmq-discovery`)];

/** The base's replica-set script initiating with these member hosts (or rs.initiate() when none). */
function replsetInit(hosts: readonly string[]): string {
  const config = hosts.length === 0 ? '' : `{ _id: "rs0", members: [${hosts.map((h, k) => `{ _id: ${k}, host: "${h}" }`).join(', ')}] }`;
  return ['var status = db.adminCommand({ replSetGetStatus: 1 });', 'if (status.ok !== 1) {', `  rs.initiate(${config});`, '}', ''].join('\n');
}

const mongoHosts = (n: number): string[] => Array.from({ length: n }, (_, k) => `mongodb-${k}.mongodb:27017`);

/** st2.user.conf: the base's override plus these lines. */
const userConf = (...lines: string[]): string => ['# Operator overrides. Highest priority.', '[api]', "allow_origin = '*'", '', ...lines, ''].join('\n');

const timersArg = (k: number, value: string): Patch => patch(DEPLOY('st2timersengine'), { op: 'replace', path: `${FIRST}/args/${k}`, value });

function resources(name: string, value: Json): Patch {
  return patch(DEPLOY(name), { op: 'replace', path: `${FIRST}/resources`, value });
}

/** A ZooKeeper StatefulSet (behind a Service of the same name) st2 coordinates on. */
function zookeeper(replicas: number): Json[] {
  const labels = { app: 'zookeeper' };
  const pdb: Json[] =
    replicas > 1 ? [{ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'zookeeper' }, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } }] : [];
  return [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'zookeeper' }, spec: { clusterIP: 'None', selector: labels, ports: [{ name: 'client', port: 2181 }] } },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'zookeeper' },
      spec: {
        serviceName: 'zookeeper',
        replicas,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: labels } }] } },
            containers: [{ name: 'zookeeper', image: 'zookeeper:3.9.3', ports: [{ containerPort: 2181 }], resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } }, securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
          },
        },
      },
    },
    ...pdb,
  ];
}

const coordination = (url: string): Patch => patch(ST2_CONF, { op: 'replace', path: '/data/st2.user.conf', value: userConf('[coordination]', `url = ${url}`) });

export function fresh7HaCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f7-${id}`, 'availability', rule, body));
  };
  const deny = (id: string, rule: string, body: CaseBody): void => add(id, rule, body);
  const allow = (id: string, body: CaseBody): void => add(id, undefined, body);

  // --- The attacker's cases -------------------------------------------------------------------
  deny('ha-etcd-split-brain', 'ST2-REP-014', { patches: [patch(ETCD, { op: 'replace', path: `${ETCD_CMD}/7`, value: '--initial-cluster=$(POD_NAME)=http://$(POD_NAME).etcd-headless:2380' })] });
  deny('ha-rmq-no-cluster-formation', 'ST2-REP-014', { patches: [patch(RABBIT_CONF, { op: 'replace', path: '/data/rabbitmq.conf', value: rabbitConf([]) })] });
  deny('ha-mongo-rs-one-member', 'ST2-REP-014', { patches: [patch({ kind: 'ConfigMap', name: 'mongodb-scripts' }, { op: 'replace', path: '/data/replset-init.js', value: replsetInit(mongoHosts(1)) })] });
  deny('ha-coord-zookeeper-single', 'ST2-REP-015', { resources: zookeeper(1), patches: [coordination('kazoo://zookeeper:2181')] });
  deny('ha-etcd-pdb-max2', 'ST2-OPS-005', { patches: [patch(pdbTarget('etcd'), { op: 'remove', path: '/spec/minAvailable' }, { op: 'add', path: '/spec/maxUnavailable', value: 2 })] });
  deny('ha-mongo-pdb-min1', 'ST2-OPS-005', { patches: [patch(pdbTarget('mongodb'), { op: 'replace', path: '/spec/minAvailable', value: 1 })] });
  deny('ha-etcd-service-one-pod', 'ST2-OPS-005', { patches: [patch({ version: 'v1', kind: 'Service', name: 'etcd' }, { op: 'add', path: '/spec/selector/statefulset.kubernetes.io~1pod-name', value: 'etcd-0' })] });
  deny('ha-st2api-recreate', 'ST2-OPS-005', { patches: [patch(DEPLOY('st2api'), { op: 'add', path: '/spec/strategy', value: { type: 'Recreate' } })] });
  deny('out-timers-cpu-1000', 'ST2-OPS-022', { patches: [resources('st2timersengine', { requests: { cpu: '1000', memory: '256Mi' }, limits: { cpu: '1000', memory: '512Mi' } })] });
  deny('out-timers-memory-512', 'ST2-OPS-022', { patches: [resources('st2timersengine', { requests: { cpu: '100m', memory: '512' }, limits: { cpu: '1000m', memory: '512' } })] });
  deny('out-timers-config-typo', 'ST2-OPS-023', { patches: [timersArg(2, '--config-file=/etc/st2/st2.user.cfg')] });
  deny('out-timers-bad-timezone', 'ST2-OPS-023', { patches: [patch(ST2_CONF, { op: 'replace', path: '/data/st2.user.conf', value: userConf('[timersengine]', 'local_timezone = Europe/Berln') })] });
  deny('out-rmq-watermark-2', 'ST2-OPS-024', { patches: [patch(RABBIT_CONF, { op: 'replace', path: '/data/rabbitmq.conf', value: rabbitConf(classicPeers, ['vm_memory_high_watermark.absolute = 2']) })] });
  deny('out-etcd-quota-4096', 'ST2-OPS-024', { patches: [patch(ETCD, { op: 'add', path: `${ETCD_CMD}/-`, value: '--quota-backend-bytes=4096' })] });

  // --- Variants: formation ---------------------------------------------------------------------
  deny('ha-etcd-no-initial-cluster', 'ST2-REP-014', { patches: [patch(ETCD, { op: 'remove', path: `${ETCD_CMD}/7` })] });
  deny('ha-etcd-initial-cluster-two', 'ST2-REP-014', { patches: [patch(ETCD, { op: 'replace', path: `${ETCD_CMD}/7`, value: `--initial-cluster=${peers(2)}` })] });
  deny('ha-etcd-initial-cluster-env', 'ST2-REP-014', {
    patches: [patch(ETCD, { op: 'remove', path: `${ETCD_CMD}/7` }, { op: 'add', path: `${FIRST}/env/-`, value: { name: 'ETCD_INITIAL_CLUSTER', value: '$(POD_NAME)=http://$(POD_NAME).etcd-headless:2380' } })],
  });
  deny('ha-etcd-split-brain-staging', 'ST2-REP-014', { wraps: 'staging', patches: [patch(ETCD, { op: 'replace', path: `${ETCD_CMD}/7`, value: '--initial-cluster=$(POD_NAME)=http://$(POD_NAME).etcd-headless:2380' })] });
  deny('ha-rmq-formation-commented-out', 'ST2-REP-014', { patches: [patch(RABBIT_CONF, { op: 'replace', path: '/data/rabbitmq.conf', value: rabbitConf(classicPeers.map((l) => `# ${l}`)) })] });
  deny('ha-rmq-classic-without-nodes', 'ST2-REP-014', { patches: [patch(RABBIT_CONF, { op: 'replace', path: '/data/rabbitmq.conf', value: rabbitConf(['cluster_formation.peer_discovery_backend = classic_config']) })] });
  deny('ha-mongo-grown-listing-two', 'ST2-REP-014', {
    extra: ['replicas:', '  - name: mongodb', '    count: 5'],
    patches: [patch({ kind: 'ConfigMap', name: 'mongodb-scripts' }, { op: 'replace', path: '/data/replset-init.js', value: replsetInit(mongoHosts(2)) })],
  });
  deny('ha-mongo-rs-initiate-bare', 'ST2-REP-014', { patches: [patch({ kind: 'ConfigMap', name: 'mongodb-scripts' }, { op: 'replace', path: '/data/replset-init.js', value: replsetInit([]) })] });
  deny('ha-coord-zookeeper-two', 'ST2-REP-015', { resources: zookeeper(2), patches: [coordination('kazoo://zookeeper:2181')] });
  deny('ha-coord-etcd-one-member', 'ST2-OPS-005', { patches: [coordination('etcd://etcd-0.etcd-headless:2379')] });
  deny('ha-coord-zookeeper-one-member-host', 'ST2-OPS-005', { resources: zookeeper(3), patches: [coordination('kazoo://zookeeper-1.zookeeper:2181')] });

  // --- Variants: disruption and rollouts --------------------------------------------------------
  deny('ha-rmq-pdb-half', 'ST2-OPS-005', { patches: [patch(pdbTarget('rabbitmq'), { op: 'remove', path: '/spec/minAvailable' }, { op: 'add', path: '/spec/maxUnavailable', value: '50%' })] });
  deny('ha-etcd-pdb-min-33pct', 'ST2-OPS-005', { patches: [patch(pdbTarget('etcd'), { op: 'replace', path: '/spec/minAvailable', value: '33%' })] });
  deny('ha-mongo-pdb-min1-staging', 'ST2-OPS-005', { wraps: 'staging', patches: [patch(pdbTarget('mongodb'), { op: 'replace', path: '/spec/minAvailable', value: 1 })] });
  deny('ha-mongo-service-pod-index', 'ST2-OPS-005', { patches: [patch({ version: 'v1', kind: 'Service', name: 'mongodb' }, { op: 'add', path: '/spec/selector/apps.kubernetes.io~1pod-index', value: '0' })] });
  deny('ha-workflowengine-recreate', 'ST2-OPS-005', { patches: [patch(DEPLOY('st2workflowengine'), { op: 'add', path: '/spec/strategy', value: { type: 'Recreate' } })] });
  deny('ha-st2web-recreate-staging', 'ST2-OPS-005', { wraps: 'staging', patches: [patch(DEPLOY('st2web'), { op: 'add', path: '/spec/strategy', value: { type: 'Recreate' } })] });

  // --- Variants: outage typos ----------------------------------------------------------------------
  deny('out-runner-cpu-limit-only', 'ST2-OPS-022', { patches: [resources('st2actionrunner', { limits: { cpu: '500', memory: '2Gi' } })] });
  deny('out-api-memory-2k', 'ST2-OPS-022', { patches: [resources('st2api', { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '2k' } })] });
  deny('out-etcd-memory-exponent', 'ST2-OPS-022', { patches: [patch(ETCD, { op: 'add', path: `${FIRST}/resources`, value: { requests: { cpu: '100m', memory: '5e2' }, limits: { cpu: '1', memory: '5e2' } } })] });
  deny('out-scheduler-memory-1ti', 'ST2-OPS-022', { patches: [resources('st2scheduler', { requests: { cpu: '100m', memory: '1Ti' }, limits: { cpu: '1', memory: '1Ti' } })] });
  deny('out-timers-cpu-staging', 'ST2-OPS-022', { wraps: 'staging', patches: [resources('st2timersengine', { requests: { cpu: '1000', memory: '256Mi' }, limits: { cpu: '1000', memory: '512Mi' } })] });
  deny('out-scheduler-config-typo', 'ST2-OPS-023', { patches: [patch(DEPLOY('st2scheduler'), { op: 'replace', path: `${FIRST}/args/3`, value: '--config-file=/etc/st2/st2.secret.conf' })] });
  deny('out-api-config-elsewhere', 'ST2-OPS-023', { patches: [patch(DEPLOY('st2api'), { op: 'replace', path: `${FIRST}/args/2`, value: '--config-file=/etc/stackstorm/st2.user.conf' })] });
  deny('out-timer-legacy-timezone', 'ST2-OPS-023', { patches: [patch(ST2_CONF, { op: 'replace', path: '/data/st2.user.conf', value: userConf('[timer]', 'local_timezone = America/New_Yrok') })] });
  deny('out-timers-offset-timezone', 'ST2-OPS-023', { patches: [patch(ST2_CONF, { op: 'replace', path: '/data/st2.user.conf', value: userConf('[timersengine]', 'local_timezone = +02:00') })] });
  deny('out-rmq-watermark-relative-0', 'ST2-OPS-024', { patches: [patch(RABBIT_CONF, { op: 'replace', path: '/data/rabbitmq.conf', value: rabbitConf(classicPeers, ['vm_memory_high_watermark.relative = 0']) })] });
  deny('out-rmq-watermark-relative-4', 'ST2-OPS-024', { patches: [patch(RABBIT_CONF, { op: 'replace', path: '/data/rabbitmq.conf', value: rabbitConf(classicPeers, ['vm_memory_high_watermark.relative = 4']) })] });
  deny('out-rmq-watermark-advanced-config', 'ST2-OPS-024', { patches: [patch(RABBIT_CONF, { op: 'add', path: '/data/advanced.config', value: '[{rabbit, [{vm_memory_high_watermark, {absolute, 1024}}]}].\n' })] });
  deny('out-rmq-watermark-post-start', 'ST2-OPS-024', {
    patches: [patch({ group: 'apps', kind: 'StatefulSet', name: 'rabbitmq' }, { op: 'add', path: `${FIRST}/lifecycle`, value: { postStart: { exec: { command: ['rabbitmqctl', 'set_vm_memory_high_watermark', 'absolute', '2MB'] } } } })],
  });
  deny('out-etcd-quota-env', 'ST2-OPS-024', { patches: [patch(ETCD, { op: 'add', path: `${FIRST}/env/-`, value: { name: 'ETCD_QUOTA_BACKEND_BYTES', value: '4096' } })] });
  deny('out-etcd-quota-hex', 'ST2-OPS-024', { patches: [patch(ETCD, { op: 'add', path: `${ETCD_CMD}/-`, value: '--quota-backend-bytes=0x1000' })] });
  deny('out-etcd-quota-from-configmap', 'ST2-OPS-024', {
    resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'etcd-tuning' }, data: { ETCD_QUOTA_BACKEND_BYTES: '65536' } }],
    patches: [patch(ETCD, { op: 'add', path: `${FIRST}/envFrom`, value: [{ configMapRef: { name: 'etcd-tuning' } }] })],
  });

  // --- Safe look-alikes -------------------------------------------------------------------------------
  allow('safe-etcd-pdb-max1', { patches: [patch(pdbTarget('etcd'), { op: 'remove', path: '/spec/minAvailable' }, { op: 'add', path: '/spec/maxUnavailable', value: 1 })] });
  allow('safe-mongo-pdb-max-33pct', { patches: [patch(pdbTarget('mongodb'), { op: 'remove', path: '/spec/minAvailable' }, { op: 'add', path: '/spec/maxUnavailable', value: '33%' })] });
  allow('safe-rmq-pdb-min-67pct', { patches: [patch(pdbTarget('rabbitmq'), { op: 'replace', path: '/spec/minAvailable', value: '67%' })] });
  allow('safe-st2api-pdb-tighter', { patches: [patch(pdbTarget('st2api'), { op: 'remove', path: '/spec/maxUnavailable' }, { op: 'add', path: '/spec/minAvailable', value: 2 })] });
  allow('safe-mongo-grown-to-5', { extra: ['replicas:', '  - name: mongodb', '    count: 5'], patches: [patch({ kind: 'ConfigMap', name: 'mongodb-scripts' }, { op: 'replace', path: '/data/replset-init.js', value: replsetInit(mongoHosts(5)) })] });
  allow('safe-etcd-grown-to-5', {
    extra: ['replicas:', '  - name: etcd', '    count: 5'],
    patches: [patch(ETCD, { op: 'replace', path: `${ETCD_CMD}/7`, value: `--initial-cluster=${peers(5)}` }), patch(pdbTarget('etcd'), { op: 'replace', path: '/spec/minAvailable', value: 3 })],
  });
  allow('safe-st2api-rolling', { patches: [patch(DEPLOY('st2api'), { op: 'add', path: '/spec/strategy', value: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } })] });
  allow('safe-coord-zookeeper-3-hosts', { resources: zookeeper(3), patches: [coordination('kazoo://zookeeper-0.zookeeper:2181,zookeeper-1.zookeeper:2181,zookeeper-2.zookeeper:2181')] });
  allow('safe-coord-zookeeper-3-service', { resources: zookeeper(3), patches: [coordination('kazoo://zookeeper:2181')] });
  allow('safe-rmq-k8s-discovery', { patches: [patch(RABBIT_CONF, { op: 'replace', path: '/data/rabbitmq.conf', value: rabbitConf(['cluster_formation.peer_discovery_backend = rabbit_peer_discovery_k8s', 'cluster_formation.k8s.host = kubernetes.default.svc']) })] });
  allow('safe-rmq-watermark-relative', { patches: [patch(RABBIT_CONF, { op: 'replace', path: '/data/rabbitmq.conf', value: rabbitConf(classicPeers, ['vm_memory_high_watermark.relative = 0.6']) })] });
  // prod's RabbitMQ has a 1Gi limit: 2GB is an alarm the kernel's OOM kill comes before (since 2026-12-07's base sets the total to the limit).
  deny('out-rmq-watermark-over-limit', 'ST2-OPS-024', { patches: [patch(RABBIT_CONF, { op: 'replace', path: '/data/rabbitmq.conf', value: rabbitConf(classicPeers, ['# was: vm_memory_high_watermark.absolute = 2', 'vm_memory_high_watermark.absolute = 2GB']) })] });
  allow('safe-rmq-watermark-600mb', { patches: [patch(RABBIT_CONF, { op: 'replace', path: '/data/rabbitmq.conf', value: rabbitConf(classicPeers, ['# was: vm_memory_high_watermark.absolute = 2', 'vm_memory_high_watermark.absolute = 600MB']) })] });
  allow('safe-etcd-quota-4gib', { patches: [patch(ETCD, { op: 'add', path: `${ETCD_CMD}/-`, value: '--auto-compaction-retention=1' }, { op: 'add', path: `${ETCD_CMD}/-`, value: '--quota-backend-bytes=4294967296' })] });
  allow('safe-etcd-quota-default', { patches: [patch(ETCD, { op: 'add', path: `${FIRST}/env/-`, value: { name: 'ETCD_QUOTA_BACKEND_BYTES', value: '0' } })] });
  allow('safe-timers-resources', { patches: [resources('st2timersengine', { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '2', memory: '1Gi' } })] });
  allow('safe-runner-16-cores', { patches: [resources('st2actionrunner', { requests: { cpu: '4', memory: '4e9' }, limits: { cpu: '16', memory: '8Gi' } })] });
  allow('safe-timers-timezone', { patches: [patch(ST2_CONF, { op: 'replace', path: '/data/st2.user.conf', value: userConf('[timersengine]', 'local_timezone = Europe/Berlin') })] });
  allow('safe-timers-timezone-alias', { patches: [patch(ST2_CONF, { op: 'replace', path: '/data/st2.user.conf', value: userConf('[timersengine]', 'local_timezone = US/Pacific', '[timer]', 'local_timezone = UTC') })] });
  allow('safe-timers-extra-config-mounted', {
    resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-timers-extra' }, data: { 'st2.timers.conf': '[timersengine]\nlocal_timezone = Asia/Tokyo\n' } }],
    patches: [
      patch(
        DEPLOY('st2timersengine'),
        { op: 'add', path: `${FIRST}/args/-`, value: '--config-file=/etc/st2/st2.timers.conf' },
        { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'timers-extra', mountPath: '/etc/st2/st2.timers.conf', subPath: 'st2.timers.conf' } },
        { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'timers-extra', configMap: { name: 'st2-timers-extra' } } },
      ),
    ],
  });
  allow('safe-etcd-member-debug-service', { resources: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'etcd-0-debug' }, spec: { clusterIP: 'None', selector: { app: 'etcd', 'statefulset.kubernetes.io/pod-name': 'etcd-0' }, ports: [{ port: 2379 }] } }] });
  // A typo judged in dev is a warning only (dev renders are judged leniently on purpose).
  allow('safe-dev-cpu-typo-warns', { wraps: 'dev', patches: [resources('st2timersengine', { requests: { cpu: '1000', memory: '256Mi' }, limits: { cpu: '1000', memory: '512Mi' } })] });
  return cases;
}
