/**
 * The eleventh red team's store classes (test/attackers/red11: store-etcd,
 * store-mongodb, store-rabbitmq and their -ha classes, one parser
 * differential), rewritten as patches over the environments with variants
 * and safe look-alikes: members that cannot start (etcd's https listener
 * without a certificate; mongod's repeated option, cluster x.509 without
 * TLS, a keyfile nothing writes, an engine without a disk), members that
 * never form one cluster (--force-new-cluster, peer URLs that disagree, one
 * RabbitMQ node name on every pod, dotted names under short names), what st2
 * needs from them (SCRAM logins, connections for its pods, messages of its
 * size, a login backend that is loaded, memory for the watermark, mirrored
 * queues) and one member per node for quorum stores in production.
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { RABBIT_HA, etcdCommandAt, etcdFlags, mongoArgs, rabbitConf, rabbitEnv, rabbitEnvAdd, rabbitPolicy } from './base-objects.js';
import { SPEC, FIRST, STS, patch, type Json } from './targets.js';


/** The base's config-copy script with these policies after its "ha" policy. */
const withPolicies = (...policies: string[]): Patch => rabbitPolicy('', RABBIT_HA, ...policies);

const policy = (name: string, pattern: string, priority: number, definition: string): string => `{"vhost": "/", "name": "${name}", "pattern": ${JSON.stringify(pattern)}, "apply-to": "queues", "priority": ${priority}, "definition": ${definition}}`;

const affinity = (store: string, value: Json): Patch => patch(STS(store), { op: 'replace', path: `${SPEC}/affinity`, value });
const preferred = (labels: Json): Json => ({ podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: labels } } }] } });
const required = (labels: Json, topologyKey: string): Json => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey, labelSelector: { matchLabels: labels } }] } });

export function fresh12StoresCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f12s-${id}`, 'availability', rule, body));
  };

  // --- etcd: an https listener without a certificate (ST2-OPS-024) ----------------------------------
  add('etcd-https-clients-last-wins', 'ST2-OPS-024', { patches: [etcdFlags('--listen-client-urls=https://0.0.0.0:2379')] });
  add('etcd-https-peers', 'ST2-OPS-024', { patches: [patch(STS('etcd'), etcdCommandAt(3, '--listen-peer-urls=https://0.0.0.0:2380'))] });
  add('etcd-https-clients-staging', 'ST2-OPS-024', { wraps: 'staging', patches: [etcdFlags('--listen-client-urls', 'https://0.0.0.0:2379')] });
  add('safe-etcd-http-clients-restated', undefined, { patches: [etcdFlags('--listen-client-urls=http://0.0.0.0:2379')] });

  // --- etcd: one cluster, not several (ST2-REP-014) ---------------------------------------------------
  add('etcd-force-new-cluster', 'ST2-REP-014', { patches: [etcdFlags('--force-new-cluster')] });
  add('etcd-force-new-cluster-true', 'ST2-REP-014', { patches: [etcdFlags('--force-new-cluster=true')] });
  add('etcd-force-new-cluster-env', 'ST2-REP-014', { patches: [patch(STS('etcd'), { op: 'add', path: `${FIRST}/env/-`, value: { name: 'ETCD_FORCE_NEW_CLUSTER', value: 'true' } })] });
  add('safe-etcd-force-new-cluster-false', undefined, { patches: [etcdFlags('--force-new-cluster=false')] });
  const cluster = (host: (k: number) => string): string => `--initial-cluster=${[0, 1, 2].map((k) => `etcd-${k}=http://${host(k)}`).join(',')}`;
  add('etcd-initial-cluster-client-service', 'ST2-REP-014', { patches: [patch(STS('etcd'), etcdCommandAt(7, cluster((k) => `etcd-${k}.etcd:2380`)))] });
  add('etcd-initial-cluster-other-port', 'ST2-REP-014', { patches: [patch(STS('etcd'), etcdCommandAt(7, cluster((k) => `etcd-${k}.etcd-headless:2390`)))] });
  add('etcd-advertise-other-service', 'ST2-REP-014', { patches: [patch(STS('etcd'), etcdCommandAt(5, '--initial-advertise-peer-urls=http://$(POD_NAME).etcd-peers:2380'))] });
  add('safe-etcd-initial-cluster-fqdn', undefined, { patches: [patch(STS('etcd'), etcdCommandAt(7, cluster((k) => `etcd-${k}.etcd-headless.st2-prod.svc.cluster.local:2380`)))] });

  // --- MongoDB: members that cannot start (ST2-REP-016, ST2-REP-023) ------------------------------------
  add('mongo-keyfile-twice', 'ST2-REP-016', { patches: [mongoArgs('--keyFile', '/data/configdb/key.txt')] });
  add('mongo-replset-twice-inline', 'ST2-REP-016', { patches: [mongoArgs('--replSet=rs0')] });
  add('safe-mongo-two-set-parameters', undefined, { patches: [mongoArgs('--setParameter', 'diagnosticDataCollectionEnabled=false', '--setParameter', 'cursorTimeoutMillis=600000')] });
  add('mongo-cluster-x509-no-tls', 'ST2-REP-016', { patches: [mongoArgs('--clusterAuthMode', 'x509')] });
  add('mongo-cluster-send-keyfile-no-tls', 'ST2-REP-016', { patches: [mongoArgs('--clusterAuthMode=sendKeyFile')] });
  add('mongo-cluster-x509-allow-tls', 'ST2-REP-016', { patches: [mongoArgs('--clusterAuthMode', 'x509', '--tlsMode', 'allowTLS')] });
  add('safe-mongo-cluster-keyfile', undefined, { patches: [mongoArgs('--clusterAuthMode', 'keyFile')] });
  add('mongo-keyfile-renamed', 'ST2-REP-016', { patches: [patch(STS('mongodb'), { op: 'replace', path: `${FIRST}/args/3`, value: '/data/configdb/mongo.key' })] });
  add('mongo-keyfile-staging', 'ST2-REP-016', { wraps: 'staging', patches: [patch(STS('mongodb'), { op: 'replace', path: `${FIRST}/args/3`, value: '/data/configdb/keyfile' })] });
  add('safe-mongo-keyfile-renamed-both', undefined, {
    patches: [
      patch(
        STS('mongodb'),
        { op: 'replace', path: `${FIRST}/args/3`, value: '/data/configdb/mongo.key' },
        { op: 'replace', path: '/spec/template/spec/initContainers/0/command/2', value: 'cp /keyfile/key.txt /data/configdb/mongo.key && chmod 0400 /data/configdb/mongo.key' },
      ),
    ],
  });
  add('mongo-engine-ephemeral', 'ST2-REP-023', { patches: [mongoArgs('--storageEngine', 'ephemeralForTest')] });
  add('mongo-engine-in-memory', 'ST2-REP-023', { patches: [mongoArgs('--storageEngine=inMemory')] });
  add('mongo-engine-mmapv1', 'ST2-REP-016', { patches: [mongoArgs('--storageEngine', 'mmapv1')] });
  add('safe-mongo-engine-wiredtiger', undefined, { patches: [mongoArgs('--storageEngine', 'wiredTiger')] });

  // --- MongoDB: what st2 needs to log in and connect (ST2-REP-016) ---------------------------------------
  add('mongo-mechanisms-x509-only', 'ST2-REP-016', { patches: [mongoArgs('--setParameter', 'authenticationMechanisms=MONGODB-X509')] });
  add('mongo-mechanisms-plain-only', 'ST2-REP-016', { patches: [mongoArgs('--setParameter=authenticationMechanisms=PLAIN')] });
  add('safe-mongo-mechanisms-scram-256', undefined, { patches: [mongoArgs('--setParameter', 'authenticationMechanisms=SCRAM-SHA-256')] });
  add('safe-mongo-mechanisms-scram-both', undefined, { patches: [mongoArgs('--setParameter', 'authenticationMechanisms=SCRAM-SHA-1,SCRAM-SHA-256')] });
  add('mongo-max-conns-20', 'ST2-REP-016', { patches: [mongoArgs('--maxConns', '20')] });
  add('mongo-max-conns-50', 'ST2-REP-016', { patches: [mongoArgs('--maxConns=50')] });
  add('safe-mongo-max-conns-2000', undefined, { patches: [mongoArgs('--maxConns', '2000')] });

  // --- RabbitMQ: logins, message size, memory (ST2-OPS-024, ST2-REP-016) ---------------------------------
  add('rabbit-auth-http-plugin-off', 'ST2-OPS-024', { patches: [rabbitConf(['auth_backends.1 = http'])] });
  add('rabbit-auth-ldap-module-plugin-off', 'ST2-OPS-024', { patches: [rabbitConf(['auth_backends.1 = rabbit_auth_backend_ldap', 'auth_backends.2 = internal'])] });
  add('safe-rabbit-auth-internal-restated', undefined, { patches: [rabbitConf(['auth_backends.1 = internal'])] });
  add('rabbit-max-message-1k', 'ST2-REP-016', { patches: [rabbitConf(['max_message_size = 1024'])] });
  add('rabbit-max-message-1m', 'ST2-REP-016', { patches: [rabbitConf(['max_message_size = 1048576'])] });
  add('safe-rabbit-max-message-128m', undefined, { patches: [rabbitConf(['max_message_size = 134217728'])] });
  add('rabbit-memory-override-1mb', 'ST2-OPS-024', { patches: [rabbitConf(['total_memory_available_override_value = 1MB'])] });
  add('rabbit-memory-override-100m-staging', 'ST2-OPS-024', { wraps: 'staging', patches: [rabbitConf(['total_memory_available_override_value = 100000000'])] });
  add('safe-rabbit-memory-override-1gb', undefined, { patches: [rabbitConf(['total_memory_available_override_value = 1GB'])] });

  // --- RabbitMQ: node names (ST2-REP-014) --------------------------------------------------------------
  add('rabbit-node-name-fixed', 'ST2-REP-014', { patches: [rabbitEnv(2, { name: 'RABBITMQ_NODENAME', value: 'rabbit@rabbitmq-1.rabbitmq-discovery' })] });
  add('rabbit-short-names-dotted', 'ST2-REP-014', { patches: [rabbitEnv(1, { name: 'RABBITMQ_USE_LONGNAME', value: 'false' })] });
  add('rabbit-short-names-duplicate-env', 'ST2-REP-014', { patches: [rabbitEnvAdd({ name: 'RABBITMQ_USE_LONGNAME', value: 'no' })] });
  add('safe-rabbit-long-names-duplicate-env', undefined, { patches: [rabbitEnv(1, { name: 'RABBITMQ_USE_LONGNAME', value: 'false' }), rabbitEnvAdd({ name: 'RABBITMQ_USE_LONGNAME', value: 'true' })] });

  // --- RabbitMQ: a policy outranking the mirroring one (ST2-REP-016) -------------------------------------
  add('rabbit-policy-lazy-outranks-ha', 'ST2-REP-016', { patches: [withPolicies(policy('lazy', '.*', 10, '{"queue-mode": "lazy"}'))] });
  add('rabbit-policy-st2-prefix-outranks-ha', 'ST2-REP-016', { patches: [withPolicies(policy('st2-lazy', '^st2\\.', 5, '{"queue-mode": "lazy"}'))] });
  add('safe-rabbit-policy-amq-only', undefined, { patches: [withPolicies(policy('amq-lazy', '^amq\\.', 10, '{"queue-mode": "lazy"}'))] });
  add('safe-rabbit-policy-lazy-and-mirrored', undefined, { patches: [withPolicies(policy('lazy-ha', '.*', 10, '{"queue-mode": "lazy", "ha-mode": "all", "ha-sync-mode": "automatic"}'))] });

  // --- One member per node in production (ST2-OPS-045) ---------------------------------------------------
  add('etcd-anti-affinity-removed', 'ST2-OPS-045', { patches: [patch(STS('etcd'), { op: 'remove', path: `${SPEC}/affinity` })] });
  add('mongo-anti-affinity-preferred', 'ST2-OPS-045', { patches: [affinity('mongodb', preferred({ app: 'mongodb', release: 'st2' }))] });
  add('etcd-anti-affinity-other-pods', 'ST2-OPS-045', { patches: [affinity('etcd', required({ app: 'st2api' }, 'kubernetes.io/hostname'))] });
  add('safe-mongo-anti-affinity-zones', undefined, { patches: [affinity('mongodb', required({ app: 'mongodb' }, 'topology.kubernetes.io/zone'))] });
  add('safe-etcd-spread-hostnames', undefined, {
    patches: [
      patch(
        STS('etcd'),
        { op: 'remove', path: `${SPEC}/affinity` },
        { op: 'add', path: `${SPEC}/topologySpreadConstraints`, value: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'etcd', release: 'st2' } } }] },
      ),
    ],
  });
  return cases;
}
