/**
 * The sixteenth red team's first holes (test/attackers/red16), rewritten with
 * variants and safe look-alikes:
 *
 * - Argo CD told to force-replace st2's Namespace (sync-options
 *   Force=true,Replace=true: kubectl delete/create at every sync, and deleting
 *   a Namespace deletes everything in it, the stores' claims included), or a
 *   claim st2's pods mount (ST2-OPS-003);
 * - RabbitMQ's AMQP listener moved by its environment (RABBITMQ_NODE_PORT,
 *   RABBITMQ_NODE_IP_ADDRESS) while rabbitmq.conf sets no listeners.tcp: st2
 *   dials 5672 on every interface and never connects (ST2-OPS-024);
 * - RabbitMQ's limits set on the node's erl command line (`-rabbit
 *   vm_memory_high_watermark 0.0`, `-rabbit disk_free_limit` above the
 *   volume, in RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS): a permanent alarm that
 *   blocks every publisher (ST2-OPS-024, ST2-REP-016; erl-args.ts);
 * - RABBITMQ_CONFIG_FILE naming a file nothing writes: the node boots
 *   without rabbitmq.conf, so without its peers and definitions (ST2-REP-014).
 *
 * Also a false denial of ST2-SEC-013 found on the way: `[auth] token_ttl` in
 * the secrets template judged a credential because its name holds "token".
 *
 * Safe: the Namespace applied server-side or replaced without Force, the
 * environment restating RabbitMQ's defaults, and a small etcd
 * --max-request-bytes: it bounds v3 gRPC requests, while st2's tooz driver
 * speaks only etcd's v2 HTTP API, whose writes are proposed without that
 * check (etcd server/etcdserver/v2_server.go processRaftRequest).
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { FIRST, STS } from './targets.js';

type Json = Record<string, unknown>;

const patch = (target: Json, ...ops: Json[]): Patch => ({ target, ops });
const namespaceSync = (namespace: string, options: string): Patch =>
  patch({ kind: 'Namespace', name: namespace }, { op: 'add', path: '/metadata/annotations/argocd.argoproj.io~1sync-options', value: options });
const rabbitEnv = (...env: Json[]): Patch => patch(STS('rabbitmq'), ...env.map((value) => ({ op: 'add', path: `${FIRST}/env/-`, value })));
const etcdFlag = (flag: string): Patch => patch(STS('etcd'), { op: 'add', path: `${FIRST}/command/-`, value: flag });

export function fresh16MineCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f16m-${id}`, cls, rule, body));
  };
  const OPS003 = 'ST2-OPS-003';
  const OPS024 = 'ST2-OPS-024';

  add('ns-force-replace', 'delivery', OPS003, { patches: [namespaceSync('st2-prod', 'Force=true,Replace=true')] });
  add('ns-replace-force-spaced', 'delivery', OPS003, { patches: [namespaceSync('st2-prod', 'Replace=true, Force=true')] });
  add('ns-force-replace-staging', 'delivery', OPS003, { wraps: 'staging', patches: [namespaceSync('st2-staging', 'ServerSideApply=false,Force=true,Replace=true')] });
  add('ns-replace-without-force', 'delivery', undefined, { patches: [namespaceSync('st2-prod', 'Replace=true')] });
  add('ns-server-side-apply', 'delivery', undefined, { patches: [namespaceSync('st2-prod', 'ServerSideApply=true')] });
  add('ns-never-pruned', 'delivery', undefined, { patches: [namespaceSync('st2-prod', 'Prune=false,Delete=false')] });

  add('rabbit-node-port-moved', 'st2-self', OPS024, { patches: [rabbitEnv({ name: 'RABBITMQ_NODE_PORT', value: '5673' })] });
  add('rabbit-node-ip-loopback', 'st2-self', OPS024, { patches: [rabbitEnv({ name: 'RABBITMQ_NODE_IP_ADDRESS', value: '127.0.0.1' })] });
  add('rabbit-node-port-moved-staging', 'st2-self', OPS024, { wraps: 'staging', patches: [rabbitEnv({ name: 'RABBITMQ_NODE_IP_ADDRESS', value: '0.0.0.0' }, { name: 'RABBITMQ_NODE_PORT', value: '15672' })] });
  add('rabbit-node-port-restated', 'st2-self', undefined, { patches: [rabbitEnv({ name: 'RABBITMQ_NODE_PORT', value: '5672' })] });
  add('rabbit-node-ip-every-interface', 'st2-self', undefined, { patches: [rabbitEnv({ name: 'RABBITMQ_NODE_IP_ADDRESS', value: '0.0.0.0' })] });

  const erlArgs = (value: string): Patch => rabbitEnv({ name: 'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', value });
  add('rabbit-erl-watermark-zero', 'st2-self', OPS024, { patches: [erlArgs('-rabbit vm_memory_high_watermark 0.0')] });
  add('rabbit-erl-watermark-tiny-absolute', 'st2-self', OPS024, { wraps: 'staging', patches: [erlArgs('+S 2:2 -rabbit vm_memory_high_watermark {absolute, 1024}')] });
  add('rabbit-erl-disk-limit-terabyte', 'st2-self', 'ST2-REP-016', { patches: [erlArgs('-rabbit disk_free_limit 1000000000000')] });
  add('rabbit-erl-schedulers-only', 'st2-self', undefined, { patches: [erlArgs('+S 2:2 +sbwt none')] });
  add('rabbit-erl-disk-limit-sane', 'st2-self', undefined, { patches: [erlArgs('-rabbit disk_free_limit "1GB"')] });
  add('rabbit-erl-watermark-sane', 'st2-self', undefined, { patches: [erlArgs('-rabbit vm_memory_high_watermark 0.6')] });

  add('rabbit-config-file-nowhere', 'st2-self', 'ST2-REP-014', { patches: [rabbitEnv({ name: 'RABBITMQ_CONFIG_FILE', value: '/etc/rabbitmq/cluster.conf' })] });
  add('rabbit-config-file-no-extension-nowhere', 'st2-self', 'ST2-REP-014', { wraps: 'staging', patches: [rabbitEnv({ name: 'RABBITMQ_CONFIG_FILE', value: '/etc/rabbitmq/st2-cluster' })] });
  add('rabbit-config-file-restated', 'st2-self', undefined, { patches: [rabbitEnv({ name: 'RABBITMQ_CONFIG_FILE', value: '/etc/rabbitmq/rabbitmq.conf' })] });
  add('rabbit-config-file-without-extension', 'st2-self', undefined, { patches: [rabbitEnv({ name: 'RABBITMQ_CONFIG_FILE', value: '/etc/rabbitmq/rabbitmq' })] });

  // A setting beside the store's credentials in the secrets template is no credential (the
  // option's last word names one: [database] password, not [auth] token_ttl).
  const secretsConf = (extra: string): Patch =>
    patch(
      { group: 'external-secrets.io', kind: 'ExternalSecret', name: 'st2-config-secrets' },
      { op: 'replace', path: '/spec/target/template/data/st2.secrets.conf', value: `[messaging]\nurl = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672\n\n[database]\nusername = {{ .mongodbUser }}\npassword = {{ .mongodbPassword }}\n${extra}` },
    );
  add('secrets-template-token-ttl', 'secrets', undefined, { patches: [secretsConf('\n[auth]\ntoken_ttl = 3600\nservice_token_ttl = 7200\n')] });
  add('secrets-template-literal-password', 'secrets', 'ST2-SEC-013', { patches: [secretsConf('\n[auth]\napi_key = c2b0e1f3a9d84e7f\n')] });

  add('etcd-max-request-small-v2-only', 'st2-self', undefined, { patches: [etcdFlag('--max-request-bytes=2048')] });
  add('etcd-max-request-generous', 'st2-self', undefined, { patches: [etcdFlag('--max-request-bytes=10485760')] });
  return cases;
}
