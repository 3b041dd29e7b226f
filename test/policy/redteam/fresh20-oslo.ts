/**
 * st2's store options read as oslo.config reads each file, not by a pattern's first match
 * (src/policy/st2-option-values.ts, checked against openstack/oslo.config's iniparser.py and
 * cfg.py): a line starting with `#` or `;` is a comment whatever it holds, the last value of an
 * option wins, and a section may come back. A pattern that took the first `option =` line before
 * any `[` let a comment like `# [x]`, or a second line, hide the value st2 uses from:
 *   - ST2-OPS-005: a coordination url naming one etcd member, coordination on one Redis pod
 *     without Sentinel, a database host without replicaSet, a messaging url naming one
 *     RabbitMQ pod;
 *   - ST2-OPS-013: a store outside the cluster (the prod bundle lists none; without TLS).
 * secrets_rotation.rego (ST2-SEC-020) reads the login options the same way now: a repeated option
 * made its own section reading write one object key twice, an evaluation error.
 * The look-alikes hold the same unsafe value commented out or overridden by a later line: the
 * value st2 uses is the render's own store.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { userConf } from './targets.js';

const LIM = { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } };
const SC = { runAsNonRoot: true, runAsUser: 999, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };

/** One Redis pod (no Sentinel) and its Service. */
const REDIS = [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'redis', labels: { app: 'redis' } }, spec: { replicas: 1, selector: { matchLabels: { app: 'redis' } }, template: { metadata: { labels: { app: 'redis' } }, spec: { containers: [{ name: 'redis', image: 'redis:7.2.6', ports: [{ containerPort: 6379 }], resources: LIM, securityContext: SC }] } } } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'redis' }, spec: { selector: { app: 'redis' }, ports: [{ port: 6379 }] } },
];

/** st2.secrets.conf (the ExternalSecret's template, read after st2.user.conf) with these [messaging] lines. */
const secretsMessaging = (...lines: string[]): Patch => ({
  target: { kind: 'ExternalSecret', name: 'st2-config-secrets' },
  ops: [{ op: 'replace', path: '/spec/target/template/data/st2.secrets.conf', value: ['[messaging]', ...lines, '', '[database]', 'username = {{ .mongodbUser }}', 'password = {{ .mongodbPassword }}', ''].join('\n') }],
});

const RS = 'mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0';
const RMQ = 'amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672';
const RMQ_0 = 'amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq-0.rabbitmq:5672';

export function fresh20OsloCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f20o-${id}`, cls, rule, body));
  };
  const user = (wraps: Wrapped, ...lines: string[]): CaseBody => ({ wraps, patches: [userConf(...lines)] });
  const OPS5 = 'ST2-OPS-005';
  const OPS13 = 'ST2-OPS-013';

  // --- One member of a store, hidden from the first match (ST2-OPS-005) --------------------------------
  add('coord-member-after-bracket-comment', 'availability', OPS5, user('prod', '[coordination]', '# [etcd] the first member answers fastest', 'url = etcd://etcd-0.etcd:2379'));
  add('coord-member-second-url', 'availability', OPS5, user('prod', '[coordination]', 'url = etcd://etcd:2379', 'url = etcd://etcd-0.etcd:2379'));
  add('coord-member-second-section-staging', 'availability', OPS5, user('staging', '[coordination]', 'url = etcd://etcd:2379', '', '[api]', 'debug = False', '', '[Coordination]', 'url = etcd://etcd-1.etcd:2379'));
  add('redis-single-after-bracket-comment', 'availability', OPS5, { resources: REDIS, patches: [userConf('[coordination]', '# [cache] Sentinel later', 'url = redis://redis:6379')] });
  add('redis-single-after-sentinel-line', 'availability', OPS5, { resources: REDIS, patches: [userConf('[coordination]', 'url = redis://redis:26379?sentinel=mymaster', 'url = redis://redis:6379')] });
  add('mongo-one-member-after-semicolon-comment', 'availability', OPS5, user('prod', '[database]', '; [rs0] the other members join later', 'host = mongodb://mongodb-0.mongodb:27017/?authSource=admin'));
  add('mongo-one-member-second-host', 'availability', OPS5, user('prod', '[database]', `host = ${RS}`, 'host = mongodb://mongodb-0.mongodb:27017/?authSource=admin'));
  add('rabbit-one-pod-after-bracket-comment', 'availability', OPS5, { patches: [secretsMessaging('# [ha] one node is enough for now', `url = ${RMQ_0}`)] });
  // A repeated url also made secrets_rotation.rego's section reading (one object key per option) fail the render.
  add('rabbit-one-pod-second-url-staging', 'availability', OPS5, { wraps: 'staging', patches: [secretsMessaging(`url = ${RMQ}`, `url = ${RMQ_0}`)] });

  // --- A store outside the cluster, without TLS (ST2-OPS-013) -----------------------------------------
  add('db-outside-after-bracket-comment', 'exposure', OPS13, user('prod', '[database]', '# [tls] off until the CA is rolled out', 'host = mongodb://db.hosting.example.net:27017/?replicaSet=rs0'));
  add('db-outside-second-host', 'exposure', OPS13, user('prod', '[database]', `host = ${RS}`, 'host = mongodb://db.hosting.example.net:27017/?replicaSet=rs0'));
  add('coord-outside-second-section', 'exposure', OPS13, user('prod', '[coordination]', 'url = etcd://etcd:2379', '', '[api]', 'debug = False', '', '[coordination]', '# [dr] locks at the other site', 'url = etcd://203.0.113.9:2379'));
  add('mq-outside-after-bracket-comment-staging', 'exposure', OPS13, { wraps: 'staging', patches: [secretsMessaging('# [broker] managed, plain AMQP', 'url = amqp://admin:{{ .rabbitmqPassword | urlquery }}@mq.hosting.example.net:5672')] });

  // --- Look-alikes: the unsafe value commented out or overridden ---------------------------------------
  add('safe-coord-member-then-service', 'availability', undefined, user('prod', '[coordination]', 'url = etcd://etcd-0.etcd:2379', 'url = etcd://etcd:2379'));
  add('safe-coord-member-commented-out', 'availability', undefined, user('prod', '[coordination]', '# [debug] url = etcd://etcd-0.etcd:2379', 'url = etcd://etcd:2379'));
  add('safe-redis-single-then-etcd', 'availability', undefined, { resources: REDIS, patches: [userConf('[coordination]', 'url = redis://redis:6379', 'url = etcd://etcd:2379')] });
  add('safe-mongo-one-member-then-replica-set', 'availability', undefined, user('prod', '[database]', 'host = mongodb://mongodb-0.mongodb:27017/?authSource=admin', `host = ${RS}`));
  add('safe-rabbit-one-pod-then-service', 'availability', undefined, { patches: [secretsMessaging(`url = ${RMQ_0}`, `url = ${RMQ}`)] });
  add('safe-db-outside-then-replica-set', 'exposure', undefined, user('prod', '[database]', 'host = mongodb://db.hosting.example.net:27017/?replicaSet=rs0', '', '[api]', 'debug = False', '', '[database]', `host = ${RS}`));
  add('safe-coord-outside-commented-out-staging', 'exposure', undefined, user('staging', '[coordination]', '; url = etcd://203.0.113.9:2379 [dr]', 'url = etcd://etcd:2379'));
  return cases;
}
