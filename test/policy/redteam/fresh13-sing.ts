/**
 * The thirteenth attacker's singleton and crash-loop holes, kept in our own
 * words (`f13s-*`), each with safe look-alikes:
 *
 * - a singleton on a rolling update even without a surge: the Deployment
 *   controller does not count Terminating pods, so the new timers engine or
 *   sensor container starts while the old one is still in its grace period.
 *   Only strategy Recreate waits (kubernetes.io Deployments); the HA services
 *   keep rolling (ST2-REP-001, ST2-REP-002);
 * - a `--config-dir` at a directory no mount and no image provides: oslo.config
 *   raises ConfigDirNotFoundError and the process never starts (ST2-OPS-023);
 * - a store probed over HTTPS on a port its own flags serve in plain text (mongod
 *   without TLS flags, etcd's http:// listeners): the handshake fails every time
 *   (ST2-OPS-031); a MongoDB or RabbitMQ startup probe giving up long before a
 *   member boots (ST2-OPS-055, the liveness floors in settings.outage);
 * - an init container polling (`nc -z`) a Service of the render's namespace that
 *   does not exist or does not serve the port: the pod stays in Init (ST2-OPS-028).
 *   Outside hosts are left alone;
 * - one st2 service alone given `[messaging] cluster_urls` (which st2 prefers over
 *   `url`) on a vhost nothing creates: it consumes nothing (ST2-HRD-014).
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, FIRST, patch, STS, type Json } from './targets.js';

const strategy = (name: string, value: Json): Patch => patch(DEPLOY(name), { op: 'replace', path: '/spec/strategy', value });
const rolling = (rollingUpdate: Json): Json => ({ type: 'RollingUpdate', rollingUpdate });
const arg = (name: string, ...values: string[]): Patch => patch(DEPLOY(name), ...values.map((value) => ({ op: 'add', path: `${FIRST}/args/-`, value })));
/** A ConfigMap mounted as a directory into a Deployment's first container. */
const mountDir = (name: string, configMap: string, mountPath: string): Patch =>
  patch(DEPLOY(name),
    { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'extra-conf', configMap: { name: configMap } } },
    { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'extra-conf', mountPath } });
const configMap = (name: string, data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
/** An init container's shell script (the base's wait-for-db is initContainers/0, wait-for-queue 1). */
const waitScript = (name: string, k: number, script: string): Patch => patch(DEPLOY(name), { op: 'replace', path: `/spec/template/spec/initContainers/${k}/command`, value: ['sh', '-c', script] });
const probe = (name: string, kind: string, value: Json): Patch => patch(STS(name), { op: 'add', path: `${FIRST}/${kind}`, value });
/** An extra config file for one Deployment's st2 process, from a ConfigMap of the render. */
const extraConf = (name: string, text: string): { resources: Json[]; patches: Patch[] } => ({
  resources: [configMap(`${name}-extra-conf`, { 'st2.zz.conf': text })],
  patches: [patch(DEPLOY(name),
    { op: 'add', path: `${FIRST}/args/-`, value: '--config-file=/etc/st2/st2.zz.conf' },
    { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'zz-conf', configMap: { name: `${name}-extra-conf` } } },
    { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'zz-conf', mountPath: '/etc/st2/st2.zz.conf', subPath: 'st2.zz.conf' } })],
});
const QUIET = { 'zz-quiet.conf': '# nothing changed here\n[log]\nexcludes = requests,paramiko\n' };

export function fresh13SingCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f13s-${id}`, cls, rule, body));
  };

  // --- Singletons that overlap during a rollout (ST2-REP-001, ST2-REP-002) ----------------------------------
  add('timers-rolling-no-surge', 'workload-shape', 'ST2-REP-001', { patches: [strategy('st2timersengine', rolling({ maxSurge: 0, maxUnavailable: 1 }))] });
  add('timers-rolling-all-unavailable', 'workload-shape', 'ST2-REP-001', { patches: [strategy('st2timersengine', rolling({ maxSurge: '0%', maxUnavailable: '100%' }))] });
  add('staging-timers-rolling-string-zero', 'workload-shape', 'ST2-REP-001', { wraps: 'staging', patches: [strategy('st2timersengine', rolling({ maxSurge: '0', maxUnavailable: '50%' }))] });
  add('dev-timers-rolling-no-surge', 'workload-shape', 'ST2-REP-001', { wraps: 'dev', patches: [strategy('st2timersengine', rolling({ maxSurge: 0 }))] });
  add('sensor-rolling-unavailable-one', 'workload-shape', 'ST2-REP-002', { patches: [strategy('st2sensorcontainer', rolling({ maxSurge: 0, maxUnavailable: 1 }))] });
  add('staging-sensor-rolling-pct', 'workload-shape', 'ST2-REP-002', { wraps: 'staging', patches: [strategy('st2sensorcontainer', rolling({ maxSurge: '0%', maxUnavailable: '100%' }))] });
  add('safe-timers-recreate-spelled-out', 'workload-shape', undefined, { patches: [strategy('st2timersengine', { type: 'Recreate' })] });
  add('safe-rulesengine-rolling-no-surge', 'workload-shape', undefined, { patches: [strategy('st2rulesengine', rolling({ maxSurge: 0, maxUnavailable: 1 }))] });
  add('safe-api-rolling-surge', 'workload-shape', undefined, { patches: [strategy('st2api', rolling({ maxSurge: 1, maxUnavailable: 0 }))] });
  add('safe-dev-sensor-rolling-warns', 'workload-shape', undefined, { wraps: 'dev', patches: [strategy('st2sensorcontainer', rolling({ maxSurge: 0, maxUnavailable: 1 }))] });

  // --- A --config-dir that is not there (ST2-OPS-023) ---------------------------------------------------------
  add('rulesengine-config-dir-unmounted', 'never-runs', 'ST2-OPS-023', { patches: [arg('st2rulesengine', '--config-dir=/etc/st2/conf.d')] });
  add('timers-config-dir-unmounted', 'never-runs', 'ST2-OPS-023', { patches: [arg('st2timersengine', '--config-dir=/etc/st2/timers.d')] });
  add('staging-scheduler-config-dir-two-words', 'never-runs', 'ST2-OPS-023', { wraps: 'staging', patches: [arg('st2scheduler', '--config-dir', '/etc/st2/scheduler.d')] });
  add('notifier-config-dir-below-a-mount', 'never-runs', 'ST2-OPS-023', {
    resources: [configMap('notifier-extra', QUIET)],
    patches: [mountDir('st2notifier', 'notifier-extra', '/etc/st2/extra'), arg('st2notifier', '--config-dir=/etc/st2/extra/more')],
  });
  add('safe-rulesengine-config-dir-mounted', 'never-runs', undefined, {
    resources: [configMap('rules-extra', QUIET)],
    patches: [mountDir('st2rulesengine', 'rules-extra', '/etc/st2/conf.d'), arg('st2rulesengine', '--config-dir=/etc/st2/conf.d')],
  });
  add('safe-rulesengine-config-dir-keys', 'never-runs', undefined, { patches: [arg('st2rulesengine', '--config-dir=/etc/st2/keys')] });
  add('safe-timers-config-dir-etc-st2', 'never-runs', undefined, { patches: [arg('st2timersengine', '--config-dir=/etc/st2')] });

  // --- Stores probed over HTTPS on a plain-text port (ST2-OPS-031) --------------------------------------------
  add('etcd-liveness-https', 'never-runs', 'ST2-OPS-031', { patches: [patch(STS('etcd'), { op: 'replace', path: `${FIRST}/livenessProbe/httpGet/scheme`, value: 'HTTPS' })] });
  add('staging-etcd-readiness-https', 'never-runs', 'ST2-OPS-031', { wraps: 'staging', patches: [patch(STS('etcd'), { op: 'replace', path: `${FIRST}/readinessProbe/httpGet/scheme`, value: 'HTTPS' })] });
  add('mongo-liveness-https-native-port', 'never-runs', 'ST2-OPS-031', { patches: [patch(STS('mongodb'), { op: 'replace', path: `${FIRST}/livenessProbe`, value: { httpGet: { path: '/', port: 27017, scheme: 'HTTPS' }, initialDelaySeconds: 30, periodSeconds: 10 } })] });
  add('safe-etcd-readiness-tcp', 'never-runs', undefined, { patches: [patch(STS('etcd'), { op: 'replace', path: `${FIRST}/readinessProbe`, value: { tcpSocket: { port: 2379 }, periodSeconds: 10 } })] });

  // --- Store startup probes shorter than a boot (ST2-OPS-055) ---------------------------------------------------
  add('mongo-startup-tcp-one-second', 'never-runs', 'ST2-OPS-055', { patches: [probe('mongodb', 'startupProbe', { tcpSocket: { port: 27017 }, periodSeconds: 1, failureThreshold: 1 })] });
  add('mongo-startup-ping-fifteen-seconds', 'never-runs', 'ST2-OPS-055', { patches: [probe('mongodb', 'startupProbe', { exec: { command: ['mongo', '--eval', "db.adminCommand('ping')"] }, periodSeconds: 5, failureThreshold: 3 })] });
  add('rabbitmq-startup-thirty-seconds', 'never-runs', 'ST2-OPS-055', { patches: [probe('rabbitmq', 'startupProbe', { exec: { command: ['rabbitmq-diagnostics', '-q', 'ping'] }, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 5 })] });
  add('safe-mongo-startup-kubernetes-defaults', 'never-runs', undefined, { patches: [probe('mongodb', 'startupProbe', { tcpSocket: { port: 27017 } })] });
  add('safe-rabbitmq-startup-five-minutes', 'never-runs', undefined, { patches: [probe('rabbitmq', 'startupProbe', { exec: { command: ['rabbitmq-diagnostics', '-q', 'ping'] }, periodSeconds: 10, failureThreshold: 30, timeoutSeconds: 5 })] });

  // --- Init containers waiting where nothing answers (ST2-OPS-028) -----------------------------------------------
  add('scheduler-waits-on-another-port', 'never-runs', 'ST2-OPS-028', { patches: [waitScript('st2scheduler', 0, 'until nc -z -w 2 mongodb 27018; do sleep 2; done')] });
  add('workflow-waits-for-a-missing-service', 'never-runs', 'ST2-OPS-028', { patches: [waitScript('st2workflowengine', 1, 'until nc -z -w 2 rabbitmq-amqp 5672; do sleep 2; done')] });
  add('notifier-waits-by-fqdn-wrong-port', 'never-runs', 'ST2-OPS-028', { patches: [waitScript('st2notifier', 0, 'while ! nc -zv mongodb.st2-prod.svc.cluster.local 27019; do sleep 3; done')] });
  add('safe-scheduler-waits-by-fqdn', 'never-runs', undefined, { patches: [waitScript('st2scheduler', 0, 'until nc -z -w 2 mongodb.st2-prod.svc 27017; do sleep 2; done')] });
  add('safe-workflow-waits-argv', 'never-runs', undefined, { patches: [patch(DEPLOY('st2workflowengine'), { op: 'replace', path: '/spec/template/spec/initContainers/1/command', value: ['nc', '-z', '-w', '5', 'rabbitmq', '5672'] })] });
  add('safe-notifier-waits-outside-host', 'never-runs', undefined, { patches: [waitScript('st2notifier', 0, 'until nc -z -w 2 mongodb 27017 && nc -z -w 2 smtp.corp.example.com 25; do sleep 2; done')] });

  // --- [messaging] cluster_urls, which st2 prefers over url (ST2-HRD-014) -------------------------------------------
  add('runner-cluster-urls-other-vhost', 'st2-config', 'ST2-HRD-014', extraConf('st2actionrunner', '[messaging]\ncluster_urls = amqp://rabbitmq:5672/isolated\n'));
  add('scheduler-cluster-urls-second-vhost', 'st2-config', 'ST2-HRD-014', extraConf('st2scheduler', '[messaging]\ncluster_urls = amqp://rabbitmq:5672/sched, amqp://rabbitmq:5672/sched\n'));
  add('safe-runner-cluster-urls-empty', 'st2-config', undefined, extraConf('st2actionrunner', '[messaging]\ncluster_urls =\n'));
  add('safe-runner-url-other-list-option', 'st2-config', undefined, extraConf('st2actionrunner', '[messaging]\nconnection_retries = 5\n'));
  return cases;
}
