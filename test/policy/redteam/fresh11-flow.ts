/**
 * The eleventh red team's flow findings (docs/red-team.md, "Eleventh
 * attacker"), rewritten as patches over prod with variants and safe
 * look-alikes. First the safe changes the gate denied:
 *
 * - the timers engine judged as st2 runs it (timersengine.py: `[timer] enable
 *   or [timersengine] enable`, the latter True by default), so the deprecated
 *   group's true keeps timers on, in the same file or a later one;
 * - etcd probed on its --listen-metrics-urls listener, which serves /health,
 *   /livez and /readyz (stackstorm-ha.md §12);
 * - a dashboard ConfigMap quoting an insecure st2.conf in an escaped JSON
 *   string, mounted only into a sidecar that never hands it to st2.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { dockerConfText } from './base-objects.js';
import { FIRST, ST2_CONF, STS, patch, replace, userConf, type Json } from './targets.js';

/** prod's st2.docker.conf (no credentials: they are in st2.secrets.conf) with these lines after it. */
const dockerConf = (...lines: string[]): Patch => patch(ST2_CONF, replace('/data/st2.docker.conf', dockerConfText('[rbac]\nenable = True\nbackend = default\n', ...lines, '')));

export function fresh11FlowCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f11f-${id}`, cls, rule, body));
  };

  // --- Timers on or off as st2timersengine decides (ST2-REP-001) ----------------------------------------
  const timers = (id: string, rule: string | undefined, ...patches: Patch[]): void => add(id, 'components', rule, { patches });
  timers('timers-both-off', 'ST2-REP-001', userConf('[timersengine]', 'enable = False', '', '[timer]', 'enable = False'));
  timers('timers-off-deprecated-unset', 'ST2-REP-001', userConf('[timersengine]', 'enable = no'));
  timers('timers-deprecated-on-overridden', 'ST2-REP-001', dockerConf('[timer]', 'enable = True'), userConf('[timer]', 'enable = False', '', '[timersengine]', 'enable = off'));
  timers('timers-off-in-docker-conf', 'ST2-REP-001', dockerConf('[timersengine]', 'enable = False'));
  timers('safe-timers-deprecated-on-same-file', undefined, userConf('[timersengine]', 'enable = False', '', '[timer]', 'enable = True'));
  timers('safe-timers-deprecated-on-later-file', undefined, dockerConf('[timersengine]', 'enable = False'), userConf('[timer]', 'enable = yes'));
  timers('safe-timers-engine-on-later-file', undefined, dockerConf('[timersengine]', 'enable = False'), userConf('[timersengine]', 'enable = True'));
  timers('safe-timers-deprecated-off-alone', undefined, userConf('[timer]', 'enable = False'));

  // --- etcd probed on its metrics listener (ST2-OPS-031, ST2-REP-012) -----------------------------------
  const metricsFlag = { op: 'add', path: `${FIRST}/command/-`, value: '--listen-metrics-urls=http://0.0.0.0:2381' };
  const metricsPort = { op: 'add', path: `${FIRST}/ports/-`, value: { name: 'metrics', containerPort: 2381, protocol: 'TCP' } };
  const probe = (kind: string, handler: Json): Json => ({ op: 'replace', path: `${FIRST}/${kind}`, value: { ...handler, periodSeconds: 10, timeoutSeconds: 5 } });
  const get = (path: string, port: number | string): Json => ({ httpGet: { scheme: 'HTTP', path, port } });
  const etcd = (id: string, rule: string | undefined, ...ops: Json[]): void => add(id, 'never-runs', rule, { patches: [patch(STS('etcd'), ...ops)] });
  etcd('safe-etcd-livez-on-metrics', undefined, metricsFlag, metricsPort, probe('livenessProbe', get('/livez', 2381)));
  etcd('safe-etcd-readyz-named-metrics', undefined, metricsFlag, metricsPort, probe('readinessProbe', get('/readyz?verbose', 'metrics')));
  etcd('safe-etcd-health-metrics-tcp', undefined, metricsFlag, metricsPort, probe('livenessProbe', get('/health?serializable=true', 2381)), probe('readinessProbe', { tcpSocket: { port: 2381 } }));
  etcd('safe-etcd-metrics-from-env', undefined, { op: 'add', path: `${FIRST}/env/-`, value: { name: 'ETCD_LISTEN_METRICS_URLS', value: 'http://0.0.0.0:2381' } }, metricsPort, probe('livenessProbe', get('/livez', 2381)));
  etcd('etcd-livez-no-metrics-listener', 'ST2-OPS-031', metricsPort, probe('livenessProbe', get('/livez', 2381)));
  etcd('etcd-livez-client-port-beside-metrics', 'ST2-REP-012', metricsFlag, metricsPort, probe('readinessProbe', get('/readyz', 2379)));
  etcd('etcd-v2-keys-on-metrics', 'ST2-OPS-031', metricsFlag, metricsPort, probe('livenessProbe', get('/v2/keys/', 2381)));
  etcd('etcd-grpc-on-metrics', 'ST2-OPS-031', metricsFlag, metricsPort, probe('livenessProbe', { grpc: { port: 2381 } }));

  // --- A dashboard quoting st2.conf, mounted only into its sidecar (ST2-HRD-005) ------------------------
  const dashboard = (name: string, data: Json, mountPath: string): Json[] => [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `${name}-sync` },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: `${name}-sync` } },
        template: {
          metadata: { labels: { app: `${name}-sync` } },
          spec: {
            securityContext: { runAsNonRoot: true, runAsUser: 472, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'sync',
                image: 'busybox:1.36.1',
                command: ['sh', '-c', 'sleep infinity'],
                volumeMounts: [{ name: 'd', mountPath }],
                resources: { requests: { cpu: '5m', memory: '16Mi' }, limits: { cpu: '50m', memory: '32Mi', 'ephemeral-storage': '16Mi' } },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
              },
            ],
            volumes: [{ name: 'd', configMap: { name } }],
          },
        },
      },
    },
  ];
  const panel = (text: string): string => JSON.stringify({ panels: [{ type: 'text', options: { content: text } }] });
  add('safe-dashboard-auth-off-quoted', 'st2-config', undefined, { resources: dashboard('st2-board', { 'st2.json': panel('Do not ship:\n\n    [auth]\n    enable = False\n') }, '/etc/dashboards') });
  add('safe-dashboard-rbac-noop-quoted', 'st2-config', undefined, { resources: dashboard('st2-rbac-board', { 'rbac.json': panel('Wrong:\n[rbac]\nenable = True\nbackend = noop\n') }, '/var/lib/grafana/dashboards') });

  // --- Whole components removed from a render Argo CD prunes (ST2-REP-011) -----------------------------
  const removed = (id: string, rule: string | undefined, wraps: Wrapped, ...patches: string[]): void => {
    add(id, 'components', rule, { wraps, files: { 'kustomization.yaml': ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', `  - ../../${wraps}`, 'patches:', ...patches, ''].join('\n') } });
  };
  /** A strategic-merge `$patch: delete` of every object the target selects. */
  const drop = (kind: string, apiVersion: string, target: string): string =>
    [`  - target:`, `      kind: ${kind}`, ...target.split('\n').map((l) => `      ${l}`).filter((l) => l.trim() !== ''), `    patch: |-`, `      $patch: delete`, `      apiVersion: ${apiVersion}`, `      kind: ${kind}`, `      metadata:`, `        name: any`].join('\n');
  removed('drop-every-deployment', 'ST2-REP-011', 'staging', drop('Deployment', 'apps/v1', ''));
  removed('drop-backend-tier', 'ST2-REP-011', 'staging', drop('Deployment', 'apps/v1', 'labelSelector: tier=backend'));
  removed('drop-st2api', 'ST2-REP-011', 'staging', drop('Deployment', 'apps/v1', 'name: st2api'));
  removed('drop-st2auth-prod', 'ST2-REP-011', 'prod', drop('Deployment', 'apps/v1', 'name: st2auth'));
  removed('drop-st2stream-and-web', 'ST2-REP-011', 'staging', drop('Deployment', 'apps/v1', 'name: st2stream'), drop('Deployment', 'apps/v1', 'name: st2web'));
  removed('drop-notifier-prod', 'ST2-REP-011', 'prod', drop('Deployment', 'apps/v1', 'name: st2notifier'));
  removed('drop-mongodb', 'ST2-REP-011', 'staging', drop('StatefulSet', 'apps/v1', 'name: mongodb'));
  removed('drop-etcd-prod', 'ST2-REP-011', 'prod', drop('StatefulSet', 'apps/v1', 'name: etcd'));
  removed('drop-mongodb-headless-service', 'ST2-REP-011', 'staging', drop('Service', 'v1', 'name: mongodb'));
  removed('drop-etcd-client-service', 'ST2-REP-011', 'staging', drop('Service', 'v1', 'name: etcd'));
  removed('drop-rabbitmq-service-prod', 'ST2-REP-011', 'prod', drop('Service', 'v1', 'name: rabbitmq'));
  removed('safe-drop-st2client', undefined, 'staging', drop('Deployment', 'apps/v1', 'name: st2client'));
  removed('safe-dev-drops-st2web', undefined, 'dev', drop('Deployment', 'apps/v1', 'name: st2web'));
  removed('safe-rename-st2api', undefined, 'staging', ['  - target:', '      kind: Deployment', '      name: st2api', '    patch: |-', '      - op: replace', '        path: /metadata/name', '        value: st2api-v2'].join('\n'));

  // --- Argo CD syncs that cannot finish on a fresh cluster (ST2-OPS-067, ST2-OPS-068) ------------------
  const WAVE = '/metadata/annotations/argocd.argoproj.io~1sync-wave';
  const HOOK = '/metadata/annotations/argocd.argoproj.io~1hook';
  const DEPLOY = (name: string): Json => ({ group: 'apps', kind: 'Deployment', name });
  const JOB = (name: string): Json => ({ group: 'batch', kind: 'Job', name });
  const ES = (name: string): Json => ({ group: 'external-secrets.io', kind: 'ExternalSecret', name });
  const wave = (target: Json, value: string): Patch => patch(target, { op: 'add', path: WAVE, value });
  const sync = (id: string, rule: string | undefined, wraps: Wrapped, ...patches: Patch[]): void => add(id, 'delivery', rule, { wraps, patches });
  sync('wave-mongodb-before-its-secrets', 'ST2-OPS-067', 'prod', wave(STS('mongodb'), '-5'));
  sync('wave-api-auth-before-config-secret', 'ST2-OPS-067', 'prod', wave(DEPLOY('st2api'), '-3'), wave(DEPLOY('st2auth'), '-3'));
  sync('wave-config-secret-after-workloads', 'ST2-OPS-067', 'staging', wave(ES('st2-config-secrets'), '3'));
  sync('register-content-presync', 'ST2-OPS-067', 'prod', patch(JOB('st2-register-content'), { op: 'replace', path: HOOK, value: 'PreSync' }));
  sync('rbac-definitions-presync', 'ST2-OPS-067', 'staging', patch(JOB('st2-apply-rbac-definitions'), { op: 'replace', path: HOOK, value: 'PreSync' }));
  sync('register-content-5s', 'ST2-OPS-068', 'prod', patch(JOB('st2-register-content'), { op: 'add', path: '/spec/activeDeadlineSeconds', value: 5 }, { op: 'add', path: '/spec/backoffLimit', value: 0 }));
  sync('register-content-30s-staging', 'ST2-OPS-068', 'staging', patch(JOB('st2-register-content'), { op: 'add', path: '/spec/activeDeadlineSeconds', value: 30 }));
  sync('safe-wave-api-after-secrets', undefined, 'prod', wave(DEPLOY('st2api'), '1'));
  sync('safe-wave-secrets-earlier', undefined, 'staging', wave(ES('st2-config-secrets'), '-2'));
  sync('safe-register-content-later-postsync', undefined, 'prod', patch(JOB('st2-register-content'), { op: 'replace', path: WAVE, value: '9' }));
  sync('safe-register-content-30m', undefined, 'prod', patch(JOB('st2-register-content'), { op: 'add', path: '/spec/activeDeadlineSeconds', value: 1800 }, { op: 'add', path: '/spec/backoffLimit', value: 3 }));
  sync('safe-namespace-late-wave', undefined, 'prod', patch({ kind: 'Namespace', name: 'st2-prod' }, { op: 'add', path: '/metadata/annotations', value: { 'argocd.argoproj.io/sync-wave': '10' } }));

  return cases;
}
