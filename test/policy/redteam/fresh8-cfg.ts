/**
 * The eighth red team (issue 12, /work/red8 at the time, run through
 * dist/st2-gitops against main at 7b0b4b2), its st2-config and store
 * classes: st2 config read as oslo.config 1.12 and st2 read it (a BOM,
 * `backend = Default`, `[api] port` moved, `[database] db_name` changed),
 * store settings that stop MongoDB or RabbitMQ serving or break their HA
 * (bind to localhost, a disk alarm always on, a tiny relative watermark, a
 * one-copy mirroring policy, `cluster_partition_handling = ignore`, a
 * WiredTiger cache over the memory limit), st2actionrunner at one replica,
 * the ExternalSecret template engine assembling st2admin's published
 * password, and the safe hash-partitioned sensor containers REP-003 denied.
 * Closed by ST2-HRD-009/010 (oslo-ini.ts, st2-chain-extras.ts,
 * st2-listen.ts), ST2-HRD-005's unknown-backend, ST2-REP-016
 * (store-ha-facts.ts), ST2-OPS-024's relative floor, ST2-REP-005 (runners),
 * ST2-SEC-001 over what a Go template writes and ST2-SEC-012 (go-template.ts),
 * and ST2-REP-003 read per sensor container's chain (st2-sensor-partition.ts).
 *
 * The attacker's cases come first (rewritten as patches; the published
 * password is read from the policy data and split at test time, never
 * written here), then variants, then safe look-alikes.
 */
import { rabbitConf, rabbitPolicy, sensorPair } from './base-objects.js';
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { publishedLiteral } from './published.js';
import { FIRST, ST2_CONF, DEPLOY, patch, userConf, type Json } from './targets.js';

const RABBIT_CONF = { kind: 'ConfigMap', name: 'rabbitmq-config' };
const MONGO = { group: 'apps', kind: 'StatefulSet', name: 'mongodb' };

/** st2.user.conf: the base's override plus these lines (exactly as written: a BOM or indentation stays). */
const userConfRaw = (text: string): Patch => patch(ST2_CONF, { op: 'replace', path: '/data/st2.user.conf', value: text });

/** The base's init script writing definitions.json, with this mirroring definition. */
const definitions = (definition: string): Patch => rabbitPolicy('', definition);

const mongoArgs = (...args: string[]): Patch => patch(MONGO, ...args.map((value) => ({ op: 'add', path: `${FIRST}/args/-`, value })));

/** An ExternalSecret template on st2-auth writing this password template. */
const authTemplate = (password: string): Patch =>
  patch({ group: 'external-secrets.io', kind: 'ExternalSecret', name: 'st2-auth' }, { op: 'add', path: '/spec/target/template', value: { engineVersion: 'v2', data: { username: '{{ .username }}', password } } });

/** A second sensor Deployment reading its own partition file, and the first given its own. */
const sensorPartitions = (a: string, b: string): { resources: Json[]; patches: Patch[] } => sensorPair(a, b);

const hashPartition = (node: string, ranges: string): string => `[sensorcontainer]\nsensor_node_name = ${node}\npartition_provider = name:hash, hash_ranges:${ranges}\n`;

/** A runbook ConfigMap quoting an RBAC-off example, mounted into st2client at /opt/runbooks (and optionally more). */
function runbook(key: string, text: string, ...more: Patch[]): { resources: Json[]; patches: Patch[] } {
  return {
    resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-runbooks' }, data: { [key]: text } }],
    patches: [
      patch(DEPLOY('st2client'), { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'runbooks', configMap: { name: 'st2-runbooks' } } }, { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'runbooks', mountPath: '/opt/runbooks', readOnly: true } }),
      ...more,
    ],
  };
}

const RUNBOOK = ['# Debugging RBAC denials', 'Production runs with RBAC on. To reproduce a denial without it, use the dev cluster, whose st2.user.conf can carry:', '', '    [rbac]', '    enable = False', '', 'Never copy this into production.', ''].join('\n');

export function fresh8CfgCorpus(root: string): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f8-${id}`, cls, rule, body));
  };
  const cfg = (id: string, rule: string | undefined, body: CaseBody): void => add(id, 'st2-config', rule, body);
  const ha = (id: string, rule: string | undefined, body: CaseBody): void => add(id, 'availability', rule, body);
  const sec = (id: string, rule: string | undefined, body: CaseBody): void => add(id, 'secrets', rule, body);

  const password = publishedLiteral(root)('st2-auth-password');
  const half = Math.floor(password.length / 2);
  const [head, tail] = [password.slice(0, half), password.slice(half)];
  const b64 = (t: string): string => Buffer.from(t, 'utf8').toString('base64');
  const goString = (t: string): string => JSON.stringify(t);

  // --- The attacker's cases ---------------------------------------------------------------------
  cfg('cfg-auth-bom', 'ST2-HRD-009', { patches: [userConfRaw('\ufeff[api]\nallow_origin = https://st2.example.com\n')] });
  cfg('cfg-rbac-backend-capital', 'ST2-HRD-005', { patches: [userConf('[rbac]', 'enable = True', 'backend = Default')] });
  cfg('cfg-api-port-moved', 'ST2-HRD-010', { patches: [userConf('[api]', 'port = 9111')] });
  cfg('cfg-db-name-changed', 'ST2-HRD-010', { patches: [userConf('[database]', 'db_name = st2_prod_v2')] });
  ha('mongodb-bind-localhost', 'ST2-REP-016', { patches: [mongoArgs('--bind_ip', 'localhost')] });
  ha('mongodb-cache-over-limit', 'ST2-REP-016', { patches: [mongoArgs('--wiredTigerCacheSizeGB=16')] });
  ha('rabbit-disk-alarm-always', 'ST2-REP-016', { patches: [rabbitConf(['disk_free_limit.absolute = 50GB'])] });
  ha('rabbit-memory-watermark-tiny', 'ST2-OPS-024', { patches: [rabbitConf(['vm_memory_high_watermark.relative = 0.05'])] });
  ha('rabbit-ha-policy-one-copy', 'ST2-REP-016', { patches: [definitions('{"ha-mode": "exactly", "ha-params": 1}')] });
  ha('rabbit-partition-ignore', 'ST2-REP-016', { patches: [rabbitConf([], 'ignore')] });
  ha('runners-one-replica', 'ST2-REP-005', { extra: ['replicas:', '  - name: st2actionrunner', '    count: 1'] });
  sec('sec-eso-printf-default', 'ST2-SEC-001', { patches: [authTemplate(`{{ printf "%s%s" ${goString(head)} ${goString(tail)} }}`)] });
  sec('sec-eso-b64dec-split', 'ST2-SEC-001', { patches: [authTemplate(`{{ ${goString(b64(head))} | b64dec }}{{ ${goString(b64(tail))} | b64dec }}`)] });
  const halves = sensorPartitions(hashPartition('sensor-a', 'MIN..2147483648'), hashPartition('sensor-b', '2147483648..MAX'));
  ha('sensor-hash-disjoint-halves', undefined, halves);

  // --- Variants: oslo.config 1.12 refuses the file or the value ------------------------------------
  cfg('oslo-indented-first-line', 'ST2-HRD-009', { patches: [userConfRaw('  [api]\n  allow_origin = https://st2.example.com\n')] });
  cfg('oslo-header-trailing-comment', 'ST2-HRD-009', { patches: [userConfRaw("[api] # CORS\nallow_origin = '*'\n")] });
  cfg('oslo-key-before-section', 'ST2-HRD-009', { patches: [userConfRaw("allow_origin = '*'\n[api]\n")] });
  cfg('oslo-continuation-after-blank', 'ST2-HRD-009', { patches: [userConfRaw("[api]\nallow_origin = '*'\n\n    mask_secrets = True\n")] });
  cfg('oslo-empty-key', 'ST2-HRD-009', { patches: [userConf('[api]', '= 9101')] });
  cfg('oslo-port-inline-comment', 'ST2-HRD-009', { patches: [userConf('[database]', 'port = 27017  # default')] });
  cfg('oslo-bom-staging', 'ST2-HRD-009', { wraps: 'staging', patches: [userConfRaw('\ufeff# overrides\n[api]\nallow_origin = https://st2.example.com\n')] });
  cfg('rbac-backend-noop-upper', 'ST2-HRD-005', { patches: [userConf('[rbac]', 'enable = True', 'backend = NoOp')] });
  cfg('rbac-backend-typo', 'ST2-HRD-005', { patches: [userConf('[rbac]', 'enable = True', 'backend = defualt')] });
  cfg('auth-port-moved', 'ST2-HRD-010', { patches: [userConf('[auth]', 'port = 9200')] });
  cfg('stream-port-moved-crlf', 'ST2-HRD-010', { patches: [userConfRaw("[api]\r\nallow_origin = '*'\r\n[stream]\r\nport: 9112\r\n")] });
  cfg('api-port-moved-with-container', 'ST2-HRD-010', {
    patches: [userConf('[api]', 'port = 9111'), patch(DEPLOY('st2api'), { op: 'replace', path: `${FIRST}/ports/0/containerPort`, value: 9111 }, { op: 'replace', path: `${FIRST}/livenessProbe/tcpSocket/port`, value: 9111 }, { op: 'replace', path: `${FIRST}/readinessProbe/tcpSocket/port`, value: 9111 })],
  });
  cfg('runbook-read-as-config-dir', 'ST2-HRD-005', runbook('rbac.conf', '[rbac]\nenable = False\n', patch(DEPLOY('st2api'), { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'runbooks', mountPath: '/opt/runbooks', readOnly: true } }, { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'runbooks', configMap: { name: 'st2-runbooks' } } }, { op: 'add', path: `${FIRST}/args/-`, value: '--config-dir=/opt/runbooks' })));
  cfg('runbook-copied-by-script', 'ST2-HRD-005', runbook('rbac-debugging.md', RUNBOOK, patch(DEPLOY('st2client'), { op: 'replace', path: `${FIRST}/command/2`, value: 'sed -n "/\\[rbac\\]/,+1p" /opt/runbooks/rbac-debugging.md > /tmp/x.conf; while true; do sleep 999; done' })));
  cfg('db-name-quoted-other', 'ST2-HRD-010', { patches: [userConf('[DATABASE]', 'db_name: "st2-restore"')] });

  // --- Variants: stores ------------------------------------------------------------------------------
  ha('mongodb-bind-loopback-list', 'ST2-REP-016', { patches: [mongoArgs('--bind_ip=127.0.0.1,::1')] });
  ha('mongodb-bind-conflict', 'ST2-REP-016', { patches: [mongoArgs('--bind_ip_all', '--bind_ip', 'mongodb-0.mongodb')] });
  ha('mongodb-cache-just-over', 'ST2-REP-016', { patches: [mongoArgs('--wiredTigerCacheSizeGB', '3.5')] });
  ha('rabbit-partition-advanced-config', 'ST2-REP-016', { patches: [patch(RABBIT_CONF, { op: 'add', path: '/data/advanced.config', value: '[{rabbit, [{cluster_partition_handling, ignore}]}].\n' })] });
  ha('rabbit-partition-typo', 'ST2-REP-016', { patches: [rabbitConf([], 'pause-minority')] });
  ha('rabbit-disk-relative-huge', 'ST2-REP-016', { patches: [rabbitConf(['disk_free_limit.relative = 10.0'])] });
  ha('rabbit-watermark-relative-tenth', 'ST2-OPS-024', { patches: [rabbitConf(['vm_memory_high_watermark.relative = 0.1'])] });
  ha('rabbit-ha-nodes-one', 'ST2-REP-016', { patches: [definitions('{"ha-mode": "nodes", "ha-params": ["rabbit@rabbitmq-0.rabbitmq-discovery"]}')] });
  ha('rabbit-ha-exactly-string', 'ST2-REP-016', { patches: [definitions('{"ha-mode": "exactly", "ha-params": "1"}')] });
  ha('rabbit-ha-staging-one-copy', 'ST2-REP-016', { wraps: 'staging', patches: [definitions('{"ha-mode": "exactly", "ha-params": 1}')] });
  ha('runners-hpa-floor-one', 'ST2-REP-005', {
    resources: [{ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'st2actionrunner' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2actionrunner' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] } }],
  });
  const overlap = sensorPartitions(hashPartition('sensor-a', 'MIN..3000000000'), hashPartition('sensor-b', '2147483648..MAX'));
  ha('sensor-hash-overlapping', 'ST2-REP-003', overlap);
  const sameNode = sensorPartitions('[sensorcontainer]\nsensor_node_name = sensors\npartition_provider = name:kvstore\n', '[sensorcontainer]\nsensor_node_name = sensors\npartition_provider = name:kvstore\n');
  ha('sensor-kvstore-same-node', 'ST2-REP-003', sameNode);

  // --- Variants: the template engine -----------------------------------------------------------------
  sec('eso-join-list', 'ST2-SEC-001', { patches: [authTemplate(`{{ list ${goString(head)} ${goString(tail)} | join "" }}`)] });
  sec('eso-default-fallback', 'ST2-SEC-001', { patches: [authTemplate(`${head}{{ .suffix | default ${goString(tail)} }}`)] });
  sec('eso-variables-cat', 'ST2-SEC-001', { patches: [authTemplate(`{{- $a := ${goString(head)} -}}{{- $b := ${goString(tail)} -}}{{ cat $a $b | nospace }}`)] });
  sec('eso-trim-suffix-printf', 'ST2-SEC-001', { patches: [authTemplate(`{{ ${goString(head + 'XX')} | trimSuffix "XX" }}{{ ${goString(tail)} | printf "%s" }}`)] });
  sec('eso-unevaluable-literal', 'ST2-SEC-012', { patches: [authTemplate(`{{ ${goString(b64(password))} | decryptAES "k" }}`)] });

  // --- Safe look-alikes --------------------------------------------------------------------------------
  cfg('safe-oslo-crlf-colon-tabs', undefined, { patches: [userConfRaw("# overrides\r\n[api]\r\nallow_origin:\t'*'\r\n\r\n[api]\r\nmask_secrets = True\r\n")] });
  cfg('safe-rbac-backend-quoted', undefined, { patches: [userConf('[rbac]', 'enable = True', 'backend = "default"')] });
  cfg('runbook-configmap-rbac-example', undefined, runbook('rbac-debugging.md', RUNBOOK));
  cfg('safe-db-name-default', undefined, { patches: [userConf('[database]', 'db_name = st2', 'connection_timeout = 5000')] });
  cfg('safe-api-port-moved-everywhere', undefined, {
    patches: [
      userConf('[api]', 'port = 9111'),
      patch(DEPLOY('st2api'), { op: 'replace', path: `${FIRST}/ports/0/containerPort`, value: 9111 }, { op: 'replace', path: `${FIRST}/livenessProbe/tcpSocket/port`, value: 9111 }, { op: 'replace', path: `${FIRST}/readinessProbe/tcpSocket/port`, value: 9111 }),
      patch({ version: 'v1', kind: 'Service', name: 'st2api' }, { op: 'add', path: '/spec/ports/0/targetPort', value: 9111 }),
    ],
  });
  ha('safe-mongodb-bind-all-explicit', undefined, { patches: [mongoArgs('--bind_ip_all')] });
  ha('safe-mongodb-cache-2g', undefined, { patches: [mongoArgs('--wiredTigerCacheSizeGB', '2')] });
  ha('safe-rabbit-autoheal', undefined, { patches: [rabbitConf([], 'autoheal')] });
  ha('safe-rabbit-disk-2gb', undefined, { patches: [rabbitConf(['disk_free_limit.absolute = 2GB'])] });
  ha('safe-rabbit-disk-relative', undefined, { patches: [rabbitConf(['disk_free_limit.relative = 1.5'])] });
  ha('safe-rabbit-watermark-half', undefined, { patches: [rabbitConf(['vm_memory_high_watermark.relative = 0.5'])] });
  ha('safe-rabbit-ha-exactly-two', undefined, { patches: [definitions('{"ha-mode": "exactly", "ha-params": 2, "ha-sync-mode": "automatic"}')] });
  ha('safe-runners-three', undefined, { extra: ['replicas:', '  - name: st2actionrunner', '    count: 3'] });
  const kv = sensorPartitions('[sensorcontainer]\nsensor_node_name = sensor-a\npartition_provider = name:kvstore\n', '[sensorcontainer]\nsensor_node_name = sensor-b\npartition_provider = name:kvstore\n');
  ha('safe-sensor-kvstore-nodes', undefined, kv);
  const thirds = sensorPartitions(hashPartition('sensor-a', 'MIN..1431655765|2863311530..MAX'), hashPartition('sensor-b', '1431655765..2863311530'));
  ha('safe-sensor-hash-interleaved', undefined, thirds);
  sec('safe-eso-trim-store-value', undefined, { patches: [authTemplate('{{ .password | trim }}')] });
  sec('safe-eso-store-default-random', undefined, { patches: [authTemplate('{{ .password | default (randAlphaNum 32) }}')] });
  sec('safe-eso-printf-store', undefined, { patches: [authTemplate('{{ printf "%s" .password }}')] });
  return cases;
}
