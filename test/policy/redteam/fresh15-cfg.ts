/**
 * The fourteenth red team's st2 processes started without the config file that holds their
 * stores (test/attackers/red14 crash-drop-secrets-conf, crash-scheduler-no-secrets,
 * crash-runner-no-docker-conf, crash-register-no-secrets), rewritten with variants and safe
 * look-alikes (ST2-HRD-014, src/policy/st2-store-unset.ts).
 *
 * oslo.config reads only the files a process is told to read; st2 3.8 reads no option from
 * its environment. Staging and prod keep the bus URL and the MongoDB login in st2.secrets.conf
 * and the database host, coordination and key path in st2.docker.conf: a process whose chain
 * leaves either out runs on the image's 127.0.0.1 bus, a 127.0.0.1 database or no login (mongod
 * runs with access control) and crash-loops; the register-content hook fails every sync.
 * Denied where the pod still mounts the file it no longer reads, or where no process running
 * the same st2 program has the option while the render's others do (file and mount both
 * dropped). Safe: the same files in another order or through --config-dir, one whole file
 * named by ST2_CONFIG_PATH that holds everything, an added copy of a service that brings no
 * such file (the service itself still runs: fresh3w-safe-actionrunner-daemonset,
 * fresh-wl-cronjob-gc), dev (its st2.docker.conf holds every store). A copy of st2.docker.conf
 * without [coordination] crashes nothing: st2 takes tooz's NoOpDriver, whose locks exclude
 * nobody, and the three workflow engines race on every task completion (ST2-REP-006).
 */
import type { RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, FIRST, SPEC, patch, type Json } from './targets.js';
import { dockerConfText } from './base-objects.js';

const JOB = (name: string): Json => ({ group: 'batch', kind: 'Job', name });
const file = (name: string): string => `--config-file=/etc/st2/${name}`;
/** A workload's first container started with exactly these arguments. */
const withArgs = (target: Json, args: string[], ...more: Json[]): CaseBody => ({
  patches: [patch(target, { op: 'replace', path: `${FIRST}/args`, value: args }, ...more)],
});
const files = (...names: string[]): string[] => names.map(file);
const RBAC_ON = '[rbac]\nenable = True\nbackend = default\n';
const WITHOUT_COORDINATION = dockerConfText(RBAC_ON).replace('[coordination]\nurl = etcd://etcd:2379\n', '');
/** A workload reading its own copy of st2.docker.conf (`text`, ConfigMap st2-wf-conf) in place of the shared one, still mounted. */
const confCopy = (name: string, text: string): CaseBody => ({
  resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-wf-conf' }, data: { 'wf.conf': text } }],
  patches: [patch(DEPLOY(name),
    { op: 'replace', path: `${FIRST}/args/1`, value: '--config-file=/etc/st2/wf/wf.conf' },
    { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'wf-conf', configMap: { name: 'st2-wf-conf' } } },
    { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'wf-conf', mountPath: '/etc/st2/wf' } })],
});

export function fresh15CfgCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, rule: string | undefined, body: CaseBody, cls: RedTeamCase['cls'] = 'never-runs'): void => {
    cases.push(bodyCase(`fresh15-cfg-${id}`, cls, rule, body));
  };
  const HRD = 'ST2-HRD-014';

  // --- started without st2.secrets.conf: the image's bus, no MongoDB login -----------------------
  add('api-without-secrets-conf', HRD, withArgs(DEPLOY('st2api'), files('st2.conf', 'st2.docker.conf', 'st2.user.conf')));
  add('scheduler-secrets-arg-removed', HRD, { patches: [patch(DEPLOY('st2scheduler'), { op: 'remove', path: `${FIRST}/args/3` })] });
  add('staging-api-without-secrets-conf', HRD, { wraps: 'staging', ...withArgs(DEPLOY('st2api'), files('st2.conf', 'st2.docker.conf', 'st2.user.conf')) });
  // The hook tools (no service role): st2-register-content --register-fail-on-failure fails the sync.
  add('register-secrets-arg-removed', HRD, { patches: [patch(JOB('st2-register-content'), { op: 'remove', path: `${FIRST}/args/5` })] });
  add('rbac-hook-without-secrets-conf', HRD, withArgs(JOB('st2-apply-rbac-definitions'), [...files('st2.conf', 'st2.docker.conf', 'st2.user.conf'), '--verbose']));
  // The mount goes with the argument: no process of st2api has the bus while the others do.
  add('api-secrets-arg-and-mount-removed', HRD, {
    patches: [patch(DEPLOY('st2api'), { op: 'remove', path: `${FIRST}/volumeMounts/5` }, { op: 'remove', path: `${SPEC}/volumes/4` }, { op: 'remove', path: `${FIRST}/args/3` })],
  });
  // A --config-dir of the ConfigMap's files only: st2.secrets.conf stays mounted, never read.
  add('stream-secrets-in-unread-dir', HRD, withArgs(DEPLOY('st2stream'), [...files('st2.conf', 'st2.docker.conf', 'st2.user.conf'), '--config-dir=/etc/st2/conf.d'], {
    op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'st2-config-vol', mountPath: '/etc/st2/conf.d' },
  }));
  // ST2_CONFIG_PATH names the one file st2 reads: one without the bus and the login.
  add('stream-config-path-env-without-bus', HRD, withArgs(DEPLOY('st2stream'), [], { op: 'add', path: `${FIRST}/env`, value: [{ name: 'ST2_CONFIG_PATH', value: '/etc/st2/st2.docker.conf' }] }));

  // --- started without st2.docker.conf: no database host, no datastore key -------------------------
  add('runner-without-docker-conf', HRD, withArgs(DEPLOY('st2actionrunner'), files('st2.conf', 'st2.user.conf', 'st2.secrets.conf')));
  add('staging-workflow-without-docker-conf', HRD, { wraps: 'staging', ...withArgs(DEPLOY('st2workflowengine'), files('st2.conf', 'st2.user.conf', 'st2.secrets.conf')) });

  // --- a copy of st2.docker.conf without [coordination]: tooz's NoOpDriver, locks that exclude nobody (ST2-REP-006)
  add('workflow-conf-copy-without-coordination', 'ST2-REP-006', confCopy('st2workflowengine', WITHOUT_COORDINATION), 'availability');
  add('safe-workflow-conf-copy-with-coordination', undefined, confCopy('st2workflowengine', dockerConfText(RBAC_ON)), 'availability');

  // --- safe: every store option reaches the process another way ------------------------------------
  add('safe-api-files-reordered', undefined, withArgs(DEPLOY('st2api'), files('st2.conf', 'st2.docker.conf', 'st2.secrets.conf', 'st2.user.conf')));
  add('safe-api-secrets-through-config-dir', undefined, withArgs(DEPLOY('st2api'), [...files('st2.conf', 'st2.docker.conf', 'st2.user.conf'), '--config-dir=/etc/st2/secrets.d'], {
    op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'st2-config-secrets-vol', mountPath: '/etc/st2/secrets.d', readOnly: true },
  }));
  add('safe-register-secrets-arg-first', undefined, withArgs(JOB('st2-register-content'), [file('st2.conf'), file('st2.docker.conf'), file('st2.user.conf'), file('st2.secrets.conf'), '--register-all', '--register-fail-on-failure']));
  add('safe-dev-api-without-user-conf', undefined, { wraps: 'dev', ...withArgs(DEPLOY('st2api'), files('st2.conf', 'st2.docker.conf')) });
  add('safe-collector-cronjob-copy', undefined, {
    resources: [{
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'st2-purge-old' },
      spec: { schedule: '17 3 * * *', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { template: { spec: {
        restartPolicy: 'Never',
        securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 },
        containers: [{
          name: 'purge', image: 'stackstorm/st2garbagecollector:3.8.1', command: ['/opt/stackstorm/st2/bin/st2garbagecollector'],
          resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        }],
      } } } } },
    }],
  });
  return cases;
}
