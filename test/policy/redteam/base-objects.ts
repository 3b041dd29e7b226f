/**
 * Objects of the base the red-team corpus files rebuild with a change: a second sensor
 * Deployment with partition files, RabbitMQ's rabbitmq.conf and its definitions script,
 * the stores' commands, arguments and env, st2.docker.conf.
 * Written once here so that the corpus files change the same base text.
 */
import type { Patch } from './corpus.js';
import { DEPLOY, FIRST, SPEC, STS, add, patch, replace, type Json } from './targets.js';

export const RABBIT = STS('rabbitmq');
const RABBIT_CONF = { kind: 'ConfigMap', name: 'rabbitmq-config' };

/** etcd's command with these flags after it; the flag at `index` replaced (an operation of a patch). */
export const etcdFlags = (...flags: string[]): Patch => patch(STS('etcd'), ...flags.map((value) => add(`${FIRST}/command/-`, value)));
export const etcdCommandAt = (index: number, value: string): Json => replace(`${FIRST}/command/${index}`, value);
/** mongod's arguments with these after them. */
export const mongoArgs = (...args: string[]): Patch => patch(STS('mongodb'), ...args.map((value) => add(`${FIRST}/args/-`, value)));
/** RabbitMQ's env entry at `index` replaced, or one more after them. */
export const rabbitEnv = (index: number, value: Json): Patch => patch(RABBIT, replace(`${FIRST}/env/${index}`, value));
export const rabbitEnvAdd = (value: Json): Patch => patch(RABBIT, add(`${FIRST}/env/-`, value));
/** The base's "ha" policy: every queue mirrored on every node. */
export const RABBIT_HA = '{"ha-mode": "all", "ha-sync-mode": "automatic", "ha-sync-batch-size": 10}';

const PEERS = [0, 1, 2].map((k) => `rabbit@rabbitmq-${k}.rabbitmq-discovery`);

/** st2.docker.conf as staging and prod ship it (components/external-secrets): this [rbac] section, then these lines after it. */
export const dockerConfText = (rbac: string, ...after: string[]): string =>
  [
    '# Generated for the st2 HA cluster. Credentials live in /etc/st2/st2.secrets.conf.',
    '[auth]',
    'api_url = http://st2api:9101/',
    '',
    '[coordination]',
    'url = etcd://etcd:2379',
    '',
    '[keyvalue]',
    'encryption_key_path = /etc/st2/keys/datastore_key.json',
    '',
    rbac,
    '[database]',
    'host = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0',
    '',
    ...after,
  ].join('\n');

/** The base's rabbitmq.conf with `partition` as its partition handling, `peers` as its classic-config nodes and `extra` appended. */
export function rabbitConf(extra: readonly string[] = [], partition = 'pause_minority', peers: readonly string[] = PEERS): Patch {
  const classicPeers = ['cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config', ...peers.map((p, k) => `cluster_formation.classic_config.nodes.${k + 1} = ${p}`)];
  const text = [...classicPeers, 'queue_master_locator = min-masters', 'loopback_users.guest = false', `cluster_partition_handling = ${partition}`, 'load_definitions = /etc/rabbitmq/definitions.json', ...extra, ''].join('\n');
  return patch(RABBIT_CONF, { op: 'replace', path: '/data/rabbitmq.conf', value: text });
}

/** The base's definitions script with this policy (pattern, definition) in place of "ha", and these policies after it. */
export function rabbitPolicy(pattern: string, definition: string, ...more: string[]): Patch {
  const script = [
    'cp /etc/rabbitmq-configmap/rabbitmq.conf /etc/rabbitmq-configmap/enabled_plugins /etc/rabbitmq/',
    `pass="$(printf '%s' "\${RABBITMQ_PASSWORD}" | sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g')"`,
    'cat > /etc/rabbitmq/definitions.json <<EOF',
    '{',
    '  "users": [{"name": "admin", "password": "${pass}", "tags": "administrator"}],',
    '  "vhosts": [{"name": "/"}],',
    '  "permissions": [{"user": "admin", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}],',
    `  "policies": [{"vhost": "/", "name": "ha", "pattern": ${JSON.stringify(pattern)}, "apply-to": "queues", "priority": 0,`,
    `    "definition": ${definition}}${more.map((p) => `,\n    ${p}`).join('')}]`,
    '}',
    'EOF',
    '',
  ].join('\n');
  return patch(RABBIT, { op: 'replace', path: '/spec/template/spec/initContainers/0/command/2', value: script });
}

/**
 * A second sensor Deployment beside st2sensorcontainer, each reading its own file of one
 * ConfigMap mounted at /etc/st2/partition (a.conf for the first, b.conf for the second;
 * more files, such as a partition map, ride along). `bArgs`: the second's extra arguments
 * instead of its partition file (`--sensor-ref=...`).
 */
export function sensorPair(a: string, b: string, more: Record<string, string> = {}, bArgs?: string[]): { resources: Json[]; patches: Patch[] } {
  const mount = { name: 'partitions', mountPath: '/etc/st2/partition', readOnly: true };
  const volume = { name: 'partitions', configMap: { name: 'st2-sensor-partitions' } };
  const labels = { app: 'st2sensorcontainer-b', release: 'st2' };
  const sensorB: Json = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'st2sensorcontainer-b', labels },
    spec: {
      replicas: 1,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          imagePullSecrets: [{ name: 'st2-license' }],
          securityContext: { fsGroup: 1000, runAsGroup: 1000, runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'st2sensorcontainer',
              image: 'stackstorm/st2sensorcontainer:3.8.1',
              command: ['/opt/stackstorm/st2/bin/st2sensorcontainer'],
              args: ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf', '--config-file=/etc/st2/st2.secrets.conf', ...(bArgs ?? ['--config-file=/etc/st2/partition/b.conf'])],
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1000m', memory: '512Mi' } },
              securityContext: { allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] } },
              volumeMounts: [
                mount,
                { name: 'st2-config-vol', mountPath: '/etc/st2/st2.docker.conf', subPath: 'st2.docker.conf' },
                { name: 'st2-config-vol', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' },
                { name: 'st2-config-secrets-vol', mountPath: '/etc/st2/st2.secrets.conf', subPath: 'st2.secrets.conf', readOnly: true },
              ],
            },
          ],
          volumes: [volume, { name: 'st2-config-vol', configMap: { name: 'st2-config' } }, { name: 'st2-config-secrets-vol', secret: { secretName: 'st2-config-secrets', defaultMode: 288 } }],
        },
      },
    },
  };
  const partitions: Json = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-sensor-partitions' }, data: { 'a.conf': a, 'b.conf': b, ...more } };
  return {
    resources: [partitions, sensorB],
    patches: [patch(DEPLOY('st2sensorcontainer'), add(`${FIRST}/args/-`, '--config-file=/etc/st2/partition/a.conf'), add(`${FIRST}/volumeMounts/-`, mount), add(`${SPEC}/volumes/-`, volume))],
  };
}
