/**
 * The seventeenth red team's cfg-silent-break, rabbit-conf and etcd-flags holes, in kept cases
 * with their look-alikes (checked against StackStorm/st2 v3.8.1, RabbitMQ's consumers guide and
 * rabbit_channel, etcd 3.5's server/embed/etcd.go):
 *   - ST2-HRD-009 (option_bounds): `[scheduler] sleep_interval` above 5 s (handler.py sleeps it,
 *     then takes one execution off the queue; default 0.1) and `[action_sensor] enable` off
 *     (notifier.py posts no core.st2.generic.actiontrigger: rules on results never fire).
 *   - ST2-HRD-009 (role problems): `[actionrunner] virtualenv_binary` or `[system_user]
 *     ssh_key_file` naming a file neither a volume nor the image provides (judged where the gate
 *     knows: a volume whose content the render holds, /opt outside /opt/stackstorm, /home, /root).
 *   - ST2-REP-016: rabbitmq.conf's consumer_timeout under one minute (checked once a minute,
 *     "values lower than one minute are not supported": a delivery not yet acked at the check
 *     closes st2's channel).
 *   - ST2-REP-012: --enable-v2 beside --v2-deprecation write-only or later (flag, two words,
 *     ETCD_V2_DEPRECATION, config file): etcd 3.5 refuses them together and never serves.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { dockerConfText, etcdFlags, rabbitConf } from './base-objects.js';
import { DEPLOY, FIRST, ST2_CONF, STS, add, patch, replace, userConf, type Json } from './targets.js';

const RUNNER = DEPLOY('st2actionrunner');
const ETCD = STS('etcd');
const RBAC_ON = '[rbac]\nenable = True\nbackend = default\n';

/** st2.docker.conf as staging and prod ship it, with these lines at its end. */
const dockerConf = (...lines: string[]): Patch => patch(ST2_CONF, replace('/data/st2.docker.conf', dockerConfText(RBAC_ON, ...lines)));
/** One more mount of a runner volume (subPath: one file of it). */
const runnerMount = (name: string, mountPath: string, subPath?: string): Patch =>
  patch(RUNNER, add(`${FIRST}/volumeMounts/-`, { name, mountPath, readOnly: true, ...(subPath === undefined ? {} : { subPath }) }));
/** A ConfigMap with one file, mounted on the runner at `dir`. */
const runnerFile = (name: string, dir: string, file: string, text: string): { resources: Json[]; patches: Patch[] } => ({
  resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { [file]: text } }],
  patches: [patch(RUNNER, add('/spec/template/spec/volumes/-', { name, configMap: { name, defaultMode: 493 } }), add(`${FIRST}/volumeMounts/-`, { name, mountPath: dir, readOnly: true }))],
});
const etcdEnv = (name: string, value: string): Patch => patch(ETCD, add(`${FIRST}/env/-`, { name, value }));

/** etcd started from a mounted YAML config file holding the member's settings and `extra`. */
function etcdConfigFile(...extra: string[]): CaseBody {
  const text = [
    'name: etcd',
    'data-dir: /var/run/etcd/data',
    'listen-peer-urls: http://0.0.0.0:2380',
    'listen-client-urls: http://0.0.0.0:2379',
    'advertise-client-urls: http://etcd:2379',
    'enable-v2: true',
    ...extra,
    '',
  ].join('\n');
  return {
    resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'etcd-conf' }, data: { 'etcd.yaml': text } }],
    patches: [
      patch(
        ETCD,
        add('/spec/template/spec/volumes', [{ name: 'etcd-conf', configMap: { name: 'etcd-conf' } }]),
        add(`${FIRST}/volumeMounts/-`, { name: 'etcd-conf', mountPath: '/etc/etcd' }),
        replace(`${FIRST}/command`, ['etcd', '--config-file', '/etc/etcd/etcd.yaml']),
      ),
    ],
  };
}

export function fresh17CfgCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const st2 = (id: string, rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f17c-${id}`, 'st2-config', rule, { wraps, patches }));
  };
  const store = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f17c-${id}`, 'availability', rule, body));
  };
  const HRD9 = 'ST2-HRD-009';

  // --- A scheduler that sleeps minutes between executions (ST2-HRD-009) -----------------------------
  st2('scheduler-sleep-hour', HRD9, [userConf('[scheduler]', 'sleep_interval = 3600')]);
  st2('scheduler-sleep-ten-minutes-staging', HRD9, [userConf('[scheduler]', 'sleep_interval = 600')], 'staging');
  st2('scheduler-sleep-minute-docker', HRD9, [dockerConf('[scheduler]', 'sleep_interval = 60.0')]);
  // Python's float(): exponents and inf are numbers too.
  st2('scheduler-sleep-exponent', HRD9, [userConf('[scheduler]', 'sleep_interval = 1e3')]);
  st2('scheduler-sleep-inf', HRD9, [userConf('[scheduler]', 'sleep_interval = inf')]);
  st2('scheduler-sleep-just-over', HRD9, [userConf('[scheduler]', 'sleep_interval = 5.25')]);
  st2('safe-scheduler-sleep-default', undefined, [userConf('[scheduler]', 'sleep_interval = 0.1')]);
  st2('safe-scheduler-sleep-half-second', undefined, [userConf('[scheduler]', 'sleep_interval = 0.5')], 'staging');
  st2('safe-scheduler-sleep-ceiling', undefined, [userConf('[scheduler]', 'sleep_interval = 5')]);
  // Another scheduler option (its zombie sweep) is not the loop's sleep.
  st2('safe-scheduler-gc-minute', undefined, [userConf('[scheduler]', 'gc_interval = 60')]);
  // The last file wins: st2.user.conf puts the sleep back.
  st2('safe-scheduler-sleep-overridden', undefined, [dockerConf('[scheduler]', 'sleep_interval = 3600'), userConf('[scheduler]', 'sleep_interval = 0.2')]);

  // --- Action triggers off (ST2-HRD-009) -------------------------------------------------------------
  st2('action-sensor-off', HRD9, [userConf('[action_sensor]', 'enable = False')]);
  st2('action-sensor-no-staging', HRD9, [userConf('[action_sensor]', 'enable = no')], 'staging');
  st2('action-sensor-zero-docker', HRD9, [dockerConf('[action_sensor]', 'enable = 0')]);
  st2('safe-action-sensor-on', undefined, [userConf('[action_sensor]', 'enable = True')]);
  st2('safe-action-sensor-emit-failed-only', undefined, [userConf('[action_sensor]', 'emit_when = failed,timeout')], 'staging');
  st2('safe-action-sensor-off-overridden', undefined, [dockerConf('[action_sensor]', 'enable = False'), userConf('[action_sensor]', 'enable = on')]);

  // --- Files the runner opens that nothing provides (ST2-HRD-009) -------------------------------------
  st2('virtualenv-binary-opt', HRD9, [userConf('[actionrunner]', 'virtualenv_binary = /opt/nothing/bin/virtualenv')]);
  st2('virtualenv-binary-opt-staging', HRD9, [userConf('[actionrunner]', 'virtualenv_binary = /opt/venv/bin/virtualenv')], 'staging');
  st2('safe-virtualenv-binary-default', undefined, [userConf('[actionrunner]', 'virtualenv_binary = /opt/stackstorm/st2/bin/virtualenv')]);
  cases.push(bodyCase('f17c-safe-virtualenv-binary-mounted', 'st2-config', undefined, (() => {
    const f = runnerFile('rt-venv-tool', '/opt/tools/bin', 'virtualenv', '#!/bin/sh\nexec /opt/stackstorm/st2/bin/virtualenv "$@"\n');
    return { resources: f.resources, patches: [...f.patches, userConf('[actionrunner]', 'virtualenv_binary = /opt/tools/bin/virtualenv')] };
  })()));
  st2('ssh-key-missing', HRD9, [userConf('[system_user]', 'ssh_key_file = /home/stanley/.ssh/missing_rsa')]);
  st2('ssh-key-root-staging', HRD9, [userConf('[system_user]', 'ssh_key_file = /root/.ssh/id_rsa')], 'staging');
  // The Secret is mounted as a directory, but holds only stanley_rsa.
  st2('ssh-key-absent-from-secret', HRD9, [runnerMount('st2-ssh-key-vol', '/home/stanley/keys'), userConf('[system_user]', 'ssh_key_file = /home/stanley/keys/id_ed25519')]);
  st2('safe-ssh-key-default', undefined, [userConf('[system_user]', 'user = stanley', 'ssh_key_file = /home/stanley/.ssh/stanley_rsa')]);
  st2('safe-ssh-key-from-secret-elsewhere', undefined, [runnerMount('st2-ssh-key-vol', '/home/stanley/.ssh/deploy_key', 'stanley_rsa'), userConf('[system_user]', 'ssh_key_file = /home/stanley/.ssh/deploy_key')], 'staging');
  st2('safe-ssh-key-secret-directory', undefined, [runnerMount('st2-ssh-key-vol', '/home/stanley/keys'), userConf('[system_user]', 'ssh_key_file = /home/stanley/keys/stanley_rsa')]);

  // --- RabbitMQ closing st2's channels on an ack timeout (ST2-REP-016) --------------------------------
  store('rabbit-consumer-timeout-1ms', 'ST2-REP-016', { patches: [rabbitConf(['consumer_timeout = 1'])] });
  store('rabbit-consumer-timeout-1s-staging', 'ST2-REP-016', { wraps: 'staging', patches: [rabbitConf(['consumer_timeout = 1000'])] });
  store('rabbit-consumer-timeout-just-under-minute', 'ST2-REP-016', { patches: [rabbitConf(['consumer_timeout = 59999'])] });
  store('rabbit-consumer-timeout-last-wins', 'ST2-REP-016', { patches: [rabbitConf(['consumer_timeout = 3600000', 'consumer_timeout = 500'])] });
  store('safe-rabbit-consumer-timeout-hour', undefined, { patches: [rabbitConf(['consumer_timeout = 3600000'])] });
  store('safe-rabbit-consumer-timeout-default', undefined, { wraps: 'staging', patches: [rabbitConf(['consumer_timeout = 1800000'])] });
  store('safe-rabbit-consumer-timeout-minute', undefined, { patches: [rabbitConf(['consumer_timeout = 60000'])] });
  store('safe-rabbit-consumer-timeout-raised-last', undefined, { patches: [rabbitConf(['consumer_timeout = 1000', 'consumer_timeout = 7200000'])] });

  // --- etcd refusing --enable-v2 with a later v2 deprecation (ST2-REP-012) ---------------------------
  store('etcd-v2-deprecation-write-only', 'ST2-REP-012', { patches: [etcdFlags('--v2-deprecation=write-only')] });
  store('etcd-v2-deprecation-drop-staging', 'ST2-REP-012', { wraps: 'staging', patches: [etcdFlags('--v2-deprecation=write-only-drop-data')] });
  store('etcd-v2-deprecation-gone-two-words', 'ST2-REP-012', { patches: [etcdFlags('--v2-deprecation', 'gone')] });
  store('etcd-v2-deprecation-env', 'ST2-REP-012', { patches: [etcdEnv('ETCD_V2_DEPRECATION', 'write-only')] });
  store('etcd-v2-deprecation-config-file', 'ST2-REP-012', etcdConfigFile('v2-deprecation: write-only'));
  store('safe-etcd-v2-deprecation-not-yet', undefined, { patches: [etcdFlags('--v2-deprecation=not-yet')] });
  store('safe-etcd-v2-deprecation-env-not-yet', undefined, { wraps: 'staging', patches: [etcdEnv('ETCD_V2_DEPRECATION', 'not-yet')] });
  // The flag wins over the variable (etcd reads ETCD_* only for flags not on the command line).
  store('safe-etcd-v2-deprecation-env-shadowed', undefined, { patches: [etcdFlags('--v2-deprecation=not-yet'), etcdEnv('ETCD_V2_DEPRECATION', 'write-only')] });
  return cases;
}

