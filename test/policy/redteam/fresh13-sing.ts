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
 *   raises ConfigDirNotFoundError and the process never starts (ST2-OPS-023).
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';

type Json = Record<string, unknown>;

const FIRST = '/spec/template/spec/containers/0';
const DEPLOY = (name: string): Json => ({ group: 'apps', kind: 'Deployment', name });
const patch = (target: Json, ...ops: Json[]): Patch => ({ target, ops });
const strategy = (name: string, value: Json): Patch => patch(DEPLOY(name), { op: 'replace', path: '/spec/strategy', value });
const rolling = (rollingUpdate: Json): Json => ({ type: 'RollingUpdate', rollingUpdate });
const arg = (name: string, ...values: string[]): Patch => patch(DEPLOY(name), ...values.map((value) => ({ op: 'add', path: `${FIRST}/args/-`, value })));
/** A ConfigMap mounted as a directory into a Deployment's first container. */
const mountDir = (name: string, configMap: string, mountPath: string): Patch =>
  patch(DEPLOY(name),
    { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'extra-conf', configMap: { name: configMap } } },
    { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'extra-conf', mountPath } });
const configMap = (name: string, data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
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
  return cases;
}
