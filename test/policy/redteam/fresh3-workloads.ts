/**
 * The third red team, on workloads, components, replica counts, scalers and
 * exposure: overlays written by an attacker who had not read corpus.ts,
 * fresh.ts or the red-team Rego tests (issue 12's "a fresh adversarial corpus
 * that you did not write"), kept. Like fresh.ts, each case is a whole overlay
 * directory. Round 1 (the `fresh3w-` cases without `r2-`) found 42 of 65
 * unsafe changes allowed and 1 of 27 safe ones denied; a second round aimed
 * at the fixes (`fresh3w-r2-`) found 12 of 17 allowed, 0 of 5 denied. The 14
 * round-1 cases the kept corpus already had, 7 such safe ones and one case
 * that was not unsafe after all are not kept.
 *
 * What they attack: pod specs nested anywhere (Crossplane Objects and
 * Compositions, KServe's inline predictor, Volcano tasks, PyTorchJob and
 * RayCluster groups, made-up CRDs), their counts (nested replicas, Knative
 * scale annotations, one per node), containers outside pod specs (Argo
 * script/containerSet, Tekton steps and sidecars), two daemons in one pod,
 * rollouts that overlap; components behind retagged images, shell variables,
 * python imports, unknown programs; sensor partitions that partition nothing;
 * scalers by targetRef, CronHPA sizes, on quorum stores; stores reached
 * through ExternalName Services, FQDN EndpointSlices, forwarders (socat,
 * kubectl port-forward, nginx stream), Ingress snippets, HTTPRoute mirrors.
 */
import YAML from 'yaml';
import type { CaseClass, RedTeamCase, Verdict } from './corpus.js';

type Json = Record<string, unknown>;
type FileValue = Json | string | { readonly __docs: readonly Json[] };

const LIMITS = { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } };
const ST2_ARGS = ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf'];
const ST2_MOUNTS = [
  { name: 'st2-config-vol', mountPath: '/etc/st2/st2.docker.conf', subPath: 'st2.docker.conf' },
  { name: 'st2-config-vol', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' },
];
const ST2_VOLUMES = [{ name: 'st2-config-vol', configMap: { name: 'st2-config' } }];
const SEC = { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };

const ctr = (name: string, image: string, extra: Json = {}): Json => ({ name, image, resources: LIMITS, securityContext: SEC, ...extra });
const st2ctr = (component: string, extra: Json = {}): Json =>
  ctr(component, `stackstorm/${component}:3.8.1`, { command: [`/opt/stackstorm/st2/bin/${component}`], args: ST2_ARGS, volumeMounts: ST2_MOUNTS, ...extra });
const podSpec = (containers: Json[], extra: Json = {}): Json => ({ containers, volumes: ST2_VOLUMES, ...extra });

interface DepOptions {
  readonly replicas?: number | string;
  readonly labels?: Json;
  readonly kind?: string;
  readonly apiVersion?: string;
  readonly spec?: Json;
  readonly pod?: Json;
}

function dep(name: string, containers: Json[], o: DepOptions = {}): Json {
  const labels = o.labels ?? { app: name };
  return {
    apiVersion: o.apiVersion ?? 'apps/v1',
    kind: o.kind ?? 'Deployment',
    metadata: { name, labels },
    spec: { replicas: o.replicas ?? 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec(containers, o.pod) }, ...o.spec },
  };
}

const withoutReplicas = (d: Json): Json => {
  const spec = { ...(d['spec'] as Json) };
  delete spec['replicas'];
  return { ...d, spec };
};

const docs = (...objs: Json[]): FileValue => ({ __docs: objs });
const deleteRes = (kind: string, name: string, apiVersion = 'apps/v1'): Json => ({ patch: YAML.stringify({ $patch: 'delete', apiVersion, kind, metadata: { name } }) });
const json6902 = (target: Json, ops: Json[]): Json => ({ target, patch: YAML.stringify(ops) });
const nest = (depth: number, leaf: Json): Json => {
  let o = leaf;
  for (let k = 0; k < depth; k++) o = { [`level${k}`]: o };
  return o;
};

function toText(v: FileValue): string {
  if (typeof v === 'string') return v;
  if ('__docs' in v && Array.isArray(v.__docs)) return (v.__docs as Json[]).map((d) => YAML.stringify(d, { lineWidth: 0 })).join('---\n');
  return YAML.stringify(v, { lineWidth: 0 });
}

export function fresh3WorkloadCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  /** A kustomization wrapping overlays/<base> (prod unless named), with more fields. */
  const kust = (fields: Json = {}, base = 'prod'): Json => {
    const extra = Array.isArray(fields['resources']) ? (fields['resources'] as unknown[]) : [];
    return { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', ...fields, resources: [`../../${base}`, ...extra] };
  };
  const add = (id: string, cls: CaseClass, expect: 'deny' | 'allow' | 'bad-input', rule: string, files: Record<string, FileValue>): void => {
    const kustomization = files['kustomization.yaml'];
    const k = typeof kustomization === 'object' && !('__docs' in kustomization) ? kustomization : {};
    const resources = Array.isArray(k['resources']) ? (k['resources'] as string[]) : [];
    const wrapped = resources[0]?.replace('../../', '') ?? 'prod';
    const wraps = wrapped === 'staging' || wrapped === 'dev' ? wrapped : 'prod';
    const verdict: Verdict = expect;
    const texts: Record<string, string> = {};
    for (const [file, value] of Object.entries(files)) texts[file] = toText(value);
    cases.push({ id: `fresh3w-${id}`, cls, wraps, expect: verdict, ...(rule ? { rule } : {}), files: texts });
  };
  const NS = { namespace: 'st2-prod' };
  const timers = (extra: Json = {}): Json => st2ctr('st2timersengine', extra);
  const delTimers = deleteRes('Deployment', 'st2timersengine');
  const withBase = (files: Record<string, FileValue>, fields: Json = {}): Record<string, FileValue> => ({
    'kustomization.yaml': kust({ ...NS, resources: Object.keys(files), ...fields }),
    ...files,
  });

  add('crossplane-object-timers', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['object.yaml'], patches: [delTimers] }),
  'object.yaml': { apiVersion: 'kubernetes.crossplane.io/v1alpha2', kind: 'Object', metadata: { name: 'timers' },
    spec: { forProvider: { manifest: { ...dep('st2timersengine', [timers()], { replicas: 3, labels: { app: 'st2timersengine' } }), metadata: { name: 'st2timersengine', namespace: 'st2-prod', labels: { app: 'st2timersengine' } } } } } },
});
  add('crossplane-composition-timers', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['composition.yaml'], patches: [delTimers] }),
  'composition.yaml': { apiVersion: 'apiextensions.crossplane.io/v1', kind: 'Composition', metadata: { name: 'st2-timers' },
    spec: { compositeTypeRef: { apiVersion: 'platform.example.org/v1', kind: 'XTimers' },
      resources: [{ name: 'deploy', base: { apiVersion: 'kubernetes.crossplane.io/v1alpha2', kind: 'Object', spec: { forProvider: { manifest: dep('st2timersengine', [timers()], { replicas: 2 }) } } } }] } },
});
  add('list-wrapper-second-timers', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['list.yaml'] }),
  'list.yaml': { apiVersion: 'v1', kind: 'List', items: [dep('timers-catchup', [timers()], { labels: { app: 'timers-catchup' } })] },
});
  add('knative-service-timers-minscale', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['ksvc.yaml'], patches: [delTimers] }),
  'ksvc.yaml': { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'st2timersengine' },
    spec: { template: { metadata: { annotations: { 'autoscaling.knative.dev/min-scale': '2', 'autoscaling.knative.dev/max-scale': '5' } }, spec: { containers: [timers()], volumes: ST2_VOLUMES } } } },
});
  add('kruise-advanced-statefulset-sensor', 'workload-shape', 'deny', 'ST2-REP-002', {
  'kustomization.yaml': kust({ ...NS, resources: ['sts.yaml'], patches: [deleteRes('Deployment', 'st2sensorcontainer')] }),
  'sts.yaml': dep('st2sensorcontainer', [st2ctr('st2sensorcontainer')], { apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet', replicas: 2, spec: { serviceName: 'sensors' } }),
});
  add('kruise-broadcastjob-timers', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['bj.yaml'], patches: [delTimers] }),
  'bj.yaml': { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'BroadcastJob', metadata: { name: 'timers-everywhere' },
    spec: { parallelism: 10, template: { metadata: { labels: { app: 'timers-everywhere' } }, spec: { ...podSpec([timers()]), restartPolicy: 'Never' } }, completionPolicy: { type: 'Never' } } },
});
  add('argo-workflow-script-timers', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['wf.yaml'] }),
  'wf.yaml': { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'timer-catchup' },
    spec: { schedule: '*/5 * * * *', workflowSpec: { entrypoint: 'run', templates: [{ name: 'run',
      script: { image: 'stackstorm/st2timersengine:3.8.1', command: ['bash'], source: 'exec /opt/stackstorm/st2/bin/st2timersengine --config-file=/etc/st2/st2.conf\n', resources: LIMITS } }] } } },
});
  add('argo-workflow-containerset-timers', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['wf.yaml'] }),
  'wf.yaml': { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'timers-set' },
    spec: { entrypoint: 'run', templates: [{ name: 'run', containerSet: { containers: [{ name: 'main', image: 'stackstorm/st2timersengine:3.8.1', command: ['/opt/stackstorm/st2/bin/st2timersengine'], resources: LIMITS }] } }] } },
});
  add('tekton-taskrun-timers', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['taskrun.yaml'] }),
  'taskrun.yaml': { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'timers-once' },
    spec: { taskSpec: { steps: [{ name: 'timers', image: 'stackstorm/st2timersengine:3.8.1', command: ['/opt/stackstorm/st2/bin/st2timersengine'], args: ST2_ARGS, computeResources: LIMITS }] } } },
});
  add('tekton-task-sidecar-timers', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['task.yaml'] }),
  'task.yaml': { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'long-task' },
    spec: { steps: [{ name: 'wait', image: 'busybox:1.36.1', script: 'sleep 3600' }],
      sidecars: [{ name: 'timers', image: 'stackstorm/st2timersengine:3.8.1', args: ST2_ARGS }] } },
});
  add('volcano-job-task-replicas-timers', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['vcjob.yaml'], patches: [delTimers] }),
  'vcjob.yaml': { apiVersion: 'batch.volcano.sh/v1alpha1', kind: 'Job', metadata: { name: 'timers' },
    spec: { minAvailable: 3, schedulerName: 'volcano', tasks: [{ name: 'timers', replicas: 3, template: { metadata: { labels: { app: 'st2timersengine' } }, spec: podSpec([timers()]) } }] } },
});
  add('kubeflow-pytorchjob-sensor-replicas', 'workload-shape', 'deny', 'ST2-REP-002', {
  'kustomization.yaml': kust({ ...NS, resources: ['ptj.yaml'], patches: [deleteRes('Deployment', 'st2sensorcontainer')] }),
  'ptj.yaml': { apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'sensors' },
    spec: { pytorchReplicaSpecs: { Master: { replicas: 1, template: { spec: podSpec([st2ctr('st2sensorcontainer', { name: 'pytorch' })]) } },
      Worker: { replicas: 3, template: { spec: podSpec([st2ctr('st2sensorcontainer', { name: 'pytorch' })]) } } } } },
});
  add('ray-workergroup-timers', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['ray.yaml'], patches: [delTimers] }),
  'ray.yaml': { apiVersion: 'ray.io/v1', kind: 'RayCluster', metadata: { name: 'timers' },
    spec: { headGroupSpec: { template: { spec: podSpec([ctr('ray-head', 'rayproject/ray:2.9.0')]) } },
      workerGroupSpecs: [{ groupName: 'timers', replicas: 2, minReplicas: 2, maxReplicas: 4, template: { spec: podSpec([timers()]) } }] } },
});
  add('kserve-predictor-inline-podspec-timers', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['isvc.yaml'], patches: [delTimers] }),
  'isvc.yaml': { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'timers' },
    spec: { predictor: { minReplicas: 2, maxReplicas: 3, containers: [timers({ name: 'kserve-container' })], volumes: ST2_VOLUMES } } },
});
  add('custom-crd-podspec-under-pod-key', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['pool.yaml'], patches: [delTimers] }),
  'pool.yaml': { apiVersion: 'workers.example.io/v1', kind: 'WorkerPool', metadata: { name: 'timers' },
    spec: { size: 3, pod: { containers: [timers()], volumes: ST2_VOLUMES } } },
});
  add('custom-crd-replicas-nested', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['app.yaml'], patches: [delTimers] }),
  'app.yaml': { apiVersion: 'apps.example.io/v1', kind: 'Application', metadata: { name: 'timers' },
    spec: { workload: { replicas: 3, template: { metadata: { labels: { app: 'st2timersengine' } }, spec: podSpec([timers()]) } } } },
});
  add('two-timers-containers-one-pod', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, patches: [json6902({ kind: 'Deployment', name: 'st2timersengine' }, [
    { op: 'add', path: '/spec/template/spec/containers/-', value: timers({ name: 'timers-b' }) }])] }),
});
  add('sensor-twice-in-pod-native-sidecar', 'workload-shape', 'deny', 'ST2-REP-002', {
  'kustomization.yaml': kust({ ...NS, patches: [json6902({ kind: 'Deployment', name: 'st2sensorcontainer' }, [
    { op: 'add', path: '/spec/template/spec/initContainers/-', value: st2ctr('st2sensorcontainer', { name: 'sensors-early', restartPolicy: 'Always' }) }])] }),
});
  add('timers-maxsurge-minready', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, patches: [json6902({ kind: 'Deployment', name: 'st2timersengine' }, [
    { op: 'add', path: '/spec/strategy', value: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '100%', maxUnavailable: 0 } } },
    { op: 'add', path: '/spec/minReadySeconds', value: 600 }])] }),
});
  add('retag-images-newname-no-command', 'components', 'deny', 'ST2-REP-013', {
  'kustomization.yaml': kust({ ...NS,
    images: [{ name: 'stackstorm/st2timersengine', newName: 'registry.example.com/platform/cron-runner', newTag: '2024.1' }],
    replicas: [{ name: 'st2timersengine', count: 2 }],
    patches: [json6902({ kind: 'Deployment', name: 'st2timersengine' }, [
      { op: 'remove', path: '/spec/template/spec/containers/0/command' },
      { op: 'remove', path: '/spec/template/spec/containers/0/args' }])] }),
});
  add('retagged-renamed-deployment-no-command', 'components', 'deny', 'ST2-REP-013', {
  'kustomization.yaml': kust({ ...NS, resources: ['cron.yaml'] }),
  'cron.yaml': dep('cron-worker', [ctr('worker', 'registry.example.com/platform/cron-worker:1.4.2', { volumeMounts: ST2_MOUNTS })], { replicas: 1 }),
});
  add('shell-var-entrypoint-timers', 'components', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['d.yaml'] }),
  'd.yaml': dep('maintenance', [ctr('maint', 'stackstorm/st2actionrunner:3.8.1', {
    command: ['sh', '-c', 'exec /opt/stackstorm/st2/bin/$SVC --config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf'],
    env: [{ name: 'SVC', value: 'st2timersengine' }], volumeMounts: ST2_MOUNTS })]),
});
  // The script's own B=st2timers is expanded (shell-expansion.ts): a second timers engine.
  add('shell-braces-concat-timers', 'components', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['d.yaml'] }),
  'd.yaml': dep('ticker', [ctr('ticker', 'stackstorm/st2actionrunner:3.8.1', {
    command: ['bash', '-c', 'B=st2timers; exec /opt/stackstorm/st2/bin/${B}engine --config-file=/etc/st2/st2.conf'], volumeMounts: ST2_MOUNTS })]),
});
  add('env-from-configmap-entrypoint', 'components', 'deny', 'ST2-REP-013', {
  'kustomization.yaml': kust({ ...NS, resources: ['d.yaml'], configMapGenerator: [{ name: 'entry', literals: ['BIN=/opt/stackstorm/st2/bin/st2timersengine'] }] }),
  'd.yaml': dep('ticker', [ctr('ticker', 'stackstorm/st2actionrunner:3.8.1', {
    command: ['$(BIN)'], args: ST2_ARGS, env: [{ name: 'BIN', valueFrom: { configMapKeyRef: { name: 'entry', key: 'BIN' } } }], volumeMounts: ST2_MOUNTS })]),
});
  add('python-c-import-timers', 'components', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['d.yaml'] }),
  'd.yaml': dep('ticker', [ctr('ticker', 'stackstorm/st2actionrunner:3.8.1', {
    command: ['/opt/stackstorm/st2/bin/python', '-c', 'import sys; from st2reactor.cmd import timersengine; sys.exit(timersengine.main())'], args: ST2_ARGS, volumeMounts: ST2_MOUNTS })]),
});
  add('python-script-path-timers', 'components', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['d.yaml'] }),
  'd.yaml': dep('ticker', [ctr('ticker', 'stackstorm/st2actionrunner:3.8.1', {
    command: ['/opt/stackstorm/st2/bin/python3', '/opt/stackstorm/st2/lib/python3.8/site-packages/st2reactor/cmd/timersengine.py'], args: ST2_ARGS, volumeMounts: ST2_MOUNTS })]),
});
  add('args-only-timers-tool-image', 'components', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['d.yaml'] }),
  'd.yaml': dep('ticker', [ctr('ticker', 'stackstorm/st2actionrunner:3.8.1', { args: ['/opt/stackstorm/st2/bin/st2timersengine', ...ST2_ARGS], volumeMounts: ST2_MOUNTS })]),
});
  add('sensor-env-claims-partition', 'components', 'deny', 'ST2-REP-003', {
  'kustomization.yaml': kust({ ...NS, resources: ['sensor2.yaml'], patches: [json6902({ kind: 'Deployment', name: 'st2sensorcontainer' }, [
    { op: 'add', path: '/spec/template/spec/containers/0/env', value: [{ name: 'ST2_SENSOR_PARTITIONED', value: 'yes' }] }])] }),
  'sensor2.yaml': dep('st2sensorcontainer-github', [st2ctr('st2sensorcontainer', { args: [...ST2_ARGS, '--single-sensor-mode', '--sensor-ref=github.GithubWatchSensor'] })]),
});
  add('sensor-ref-in-shell-comment', 'components', 'deny', 'ST2-REP-003', {
  'kustomization.yaml': kust({ ...NS, resources: ['sensor2.yaml'] }),
  'sensor2.yaml': dep('st2sensorcontainer-b', [ctr('sensors', 'stackstorm/st2sensorcontainer:3.8.1', {
    command: ['sh', '-c', '# TODO add --sensor-ref later\nexec /opt/stackstorm/st2/bin/st2sensorcontainer --config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf'], volumeMounts: ST2_MOUNTS })]),
});
  add('sensor-kvstore-partition-shared-config', 'components', 'deny', 'ST2-REP-003', {
  'kustomization.yaml': kust({ ...NS, resources: ['sensor2.yaml'], patches: [json6902({ kind: 'ConfigMap', name: 'st2-config' }, [
    { op: 'add', path: '/data/st2.partition.conf', value: '[sensorcontainer]\npartition_provider = name:kvstore\n' }])] }),
  'sensor2.yaml': dep('st2sensorcontainer-b', [st2ctr('st2sensorcontainer')]),
});
  add('scheduler-sleeping', 'components', 'deny', 'ST2-REP-011', {
  'kustomization.yaml': kust({ ...NS, patches: [json6902({ kind: 'Deployment', name: 'st2scheduler' }, [
    { op: 'replace', path: '/spec/template/spec/containers/0/command', value: ['sleep', 'infinity'] }])] }),
});
  add('scheduler-moved-namespace', 'components', 'deny', 'ST2-REP-011', {
  'kustomization.yaml': kust({ patches: [json6902({ kind: 'Deployment', name: 'st2scheduler' }, [
    { op: 'add', path: '/metadata/namespace', value: 'st2-prod-scheduler' }])] }),
});

  add('replicas-field-etcd-4', 'scalers', 'deny', 'ST2-REP-007', { 'kustomization.yaml': kust({ ...NS, replicas: [{ name: 'etcd', count: 4 }] }) });
  add('replicas-field-rabbitmq-1', 'scalers', 'deny', 'ST2-REP-007', { 'kustomization.yaml': kust({ ...NS, replicas: [{ name: 'rabbitmq', count: 1 }] }) });
  add('hpa-on-rabbitmq-min1', 'scalers', 'deny', 'ST2-REP-007', {
  'kustomization.yaml': kust({ ...NS, resources: ['hpa.yaml'] }),
  'hpa.yaml': { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'rabbitmq' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'rabbitmq' }, minReplicas: 1, maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] } },
});
  add('keda-on-mongodb-default-min', 'scalers', 'deny', 'ST2-REP-007', {
  'kustomization.yaml': kust({ ...NS, resources: ['so.yaml'] }),
  'so.yaml': { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'mongodb' },
    spec: { scaleTargetRef: { kind: 'StatefulSet', name: 'mongodb' }, maxReplicaCount: 5,
      triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '60' } }] } },
});
  add('etcd-replicas-1-statefulset-patch', 'scalers', 'deny', 'ST2-REP-007', {
  'kustomization.yaml': kust({ ...NS, patches: [json6902({ kind: 'StatefulSet', name: 'etcd' }, [{ op: 'replace', path: '/spec/replicas', value: 1 }])] }),
});
  add('datadog-podautoscaler-timers', 'scalers', 'deny', 'ST2-REP-009', {
  'kustomization.yaml': kust({ ...NS, resources: ['dpa.yaml'] }),
  'dpa.yaml': { apiVersion: 'datadoghq.com/v1alpha1', kind: 'DatadogPodAutoscaler', metadata: { name: 'timers' },
    spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2timersengine' }, owner: 'Local',
      constraints: { minReplicas: 1, maxReplicas: 4 }, targets: [{ type: 'PodResource', podResource: { name: 'cpu', value: { type: 'Utilization', utilization: 70 } } }] } },
});
  add('cronhpa-scheduler-night-1', 'scalers', 'deny', 'ST2-REP-005', {
  'kustomization.yaml': kust({ ...NS, resources: ['cronhpa.yaml'] }),
  'cronhpa.yaml': { apiVersion: 'autoscaling.alibabacloud.com/v1beta1', kind: 'CronHorizontalPodAutoscaler', metadata: { name: 'st2scheduler' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2scheduler' },
      jobs: [{ name: 'night', schedule: '0 0 22 * * *', targetSize: 1 }, { name: 'day', schedule: '0 0 7 * * *', targetSize: 3 }] } },
});
  add('bad-volcano-task-replicas-fraction', 'replica-input', 'bad-input', '', {
  'kustomization.yaml': kust({ ...NS, resources: ['vcjob.yaml'] }),
  'vcjob.yaml': { apiVersion: 'batch.volcano.sh/v1alpha1', kind: 'Job', metadata: { name: 'api' },
    spec: { tasks: [{ name: 'api', replicas: 2.5, template: { spec: podSpec([st2ctr('st2api')]) } }] } },
});

  add('argo-workflow-hostnetwork', 'exposure', 'deny', 'ST2-EXP-004', {
  'kustomization.yaml': kust({ ...NS, resources: ['wf.yaml'] }),
  'wf.yaml': { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'net-debug' },
    spec: { hostNetwork: true, entrypoint: 'run', templates: [{ name: 'run', container: { image: 'nicolaka/netshoot:v0.13', command: ['sleep', '3600'], resources: LIMITS } }] } },
});
  add('argo-workflow-hostport', 'exposure', 'deny', 'ST2-EXP-003', {
  'kustomization.yaml': kust({ ...NS, resources: ['wf.yaml'] }),
  'wf.yaml': { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'expose' },
    spec: { entrypoint: 'run', templates: [{ name: 'run', container: { image: 'alpine/socat:1.8.0.0', args: ['TCP-LISTEN:27017,fork', 'TCP:mongodb:27017'], ports: [{ containerPort: 27017, hostPort: 27017 }], resources: LIMITS } }] } },
});
  add('tekton-step-hostport', 'exposure', 'deny', 'ST2-EXP-003', {
  'kustomization.yaml': kust({ ...NS, resources: ['task.yaml'] }),
  'task.yaml': { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'tunnel' },
    spec: { steps: [{ name: 'tunnel', image: 'alpine/socat:1.8.0.0', args: ['TCP-LISTEN:5672,fork', 'TCP:rabbitmq:5672'], ports: [{ containerPort: 5672, hostPort: 5672 }] }] } },
});
  add('socat-tunnel-lb-internal', 'exposure', 'deny', 'ST2-EXP-006', withBase({
  'tunnel.yaml': docs(
    dep('db-tunnel', [ctr('socat', 'alpine/socat:1.8.0.0', { args: ['TCP-LISTEN:27017,fork,reuseaddr', 'TCP:mongodb.st2-prod.svc.cluster.local:27017'], ports: [{ containerPort: 27017 }] })]),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db-tunnel', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' } },
      spec: { type: 'LoadBalancer', selector: { app: 'db-tunnel' }, ports: [{ port: 27017, targetPort: 27017 }] } }),
}));
  add('kubectl-port-forward-ingress-rabbitmq', 'exposure', 'deny', 'ST2-EXP-008', withBase({
  'pf.yaml': docs(
    dep('mq-admin', [ctr('pf', 'bitnamilegacy/kubectl:1.30.2', { command: ['kubectl', 'port-forward', '--address', '0.0.0.0', 'svc/rabbitmq', '15672:15672'], ports: [{ containerPort: 15672 }] })]),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'mq-admin' }, spec: { selector: { app: 'mq-admin' }, ports: [{ port: 80, targetPort: 15672 }] } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'mq-admin' },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'mq.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'mq-admin', port: { number: 80 } } } }] } }] } }),
}));
  add('externalname-to-mongodb-behind-ingress', 'exposure', 'deny', 'ST2-EXP-008', withBase({
  'ext.yaml': docs(
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db-admin' }, spec: { type: 'ExternalName', externalName: 'mongodb.st2-prod.svc.cluster.local' } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'db-admin' },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'db.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'db-admin', port: { number: 27017 } } } }] } }] } }),
}));
  add('selectorless-lb-endpointslice-fqdn-mongo', 'exposure', 'deny', 'ST2-EXP-006', withBase({
  'lb.yaml': docs(
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'mongo-ext' }, spec: { type: 'LoadBalancer', ports: [{ port: 27017 }] } },
    { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'mongo-ext-1', labels: { 'kubernetes.io/service-name': 'mongo-ext' } },
      addressType: 'FQDN', ports: [{ port: 27017 }], endpoints: [{ addresses: ['mongodb-0.mongodb.st2-prod.svc.cluster.local'] }] }),
}));
  add('selectorless-lb-endpoints-ip-etcd', 'exposure', 'deny', 'ST2-EXP-006', withBase({
  'lb.yaml': docs(
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'coord' }, spec: { type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8'], ports: [{ port: 2379 }] } },
    { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'coord' }, subsets: [{ addresses: [{ ip: '10.12.0.17', hostname: 'etcd-0' }], ports: [{ port: 2379 }] }] }),
}));
  add('nginx-snippet-proxy-rabbitmq-ui', 'exposure', 'deny', 'ST2-EXP-008', {
  'kustomization.yaml': kust({ ...NS, patches: [json6902({ kind: 'Ingress', name: 'st2web' }, [
    { op: 'add', path: '/metadata/annotations/nginx.ingress.kubernetes.io~1server-snippet', value: 'location /rabbitmq/ {\n  proxy_pass http://rabbitmq.st2-prod.svc.cluster.local:15672/;\n}\n' }])] }),
});
  add('httproute-mirror-to-rabbitmq', 'exposure', 'deny', 'ST2-EXP-008', withBase({
  'route.yaml': { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'st2web' },
    spec: { parentRefs: [{ name: 'public' }], hostnames: ['st2.example.com'], rules: [{ backendRefs: [{ name: 'st2web', port: 80 }],
      filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'rabbitmq', port: 15672 } } }] }] } },
}));
  add('hostnetwork-in-kserve-inline', 'exposure', 'deny', 'ST2-EXP-004', withBase({
  'isvc.yaml': { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'relay' },
    spec: { predictor: { hostNetwork: true, containers: [ctr('kserve-container', 'ghcr.io/example/relay:1.2.0')] } } },
}));
  add('safe-scale-st2api-5', 'scalers', 'allow', '', { 'kustomization.yaml': kust({ ...NS, replicas: [{ name: 'st2api', count: 5 }] }) });
  add('safe-monitoring-sidecar', 'components', 'allow', '', {
  'kustomization.yaml': kust({ ...NS, patches: [json6902({ kind: 'Deployment', name: 'st2api' }, [
    { op: 'add', path: '/spec/template/spec/containers/-', value: ctr('statsd-exporter', 'prom/statsd-exporter:v0.26.1', { ports: [{ containerPort: 9102, name: 'metrics' }] }) }])] }),
});
  add('safe-pdb-timers', 'scalers', 'allow', '', withBase({
  'pdb.yaml': { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'st2timersengine' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'st2timersengine' } } } },
}));
  add('safe-networkpolicy-mongodb', 'exposure', 'allow', '', withBase({
  'np.yaml': { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'mongodb-from-st2' },
    spec: { podSelector: { matchLabels: { app: 'mongodb' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { release: 'st2' } } }], ports: [{ port: 27017 }] }] } },
}));
  add('safe-image-tag-and-digest', 'components', 'allow', '', { 'kustomization.yaml': kust({ ...NS, images: [
  { name: 'stackstorm/st2api', newTag: '3.8.0' },
  { name: 'stackstorm/st2web', digest: 'sha256:' + 'b'.repeat(64) }] }) });
  add('safe-vpa-timers-and-api', 'scalers', 'allow', '', withBase({
  'vpa.yaml': docs(
    { apiVersion: 'autoscaling.k8s.io/v1', kind: 'VerticalPodAutoscaler', metadata: { name: 'st2timersengine' }, spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2timersengine' }, updatePolicy: { updateMode: 'Off' } } },
    { apiVersion: 'autoscaling.k8s.io/v1', kind: 'VerticalPodAutoscaler', metadata: { name: 'st2api' }, spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2api' }, updatePolicy: { updateMode: 'Auto', minReplicas: 2 } } }),
}));
  add('safe-purge-cronjob', 'components', 'allow', '', withBase({
  'cj.yaml': { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'purge-executions' },
    spec: { schedule: '0 4 * * 0', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { template: { spec: { ...podSpec([ctr('purge', 'stackstorm/st2actionrunner:3.8.1', {
      command: ['/opt/stackstorm/st2/bin/st2-purge-executions', ...ST2_ARGS, '--timestamp=2026-01-01T00:00:00Z'], volumeMounts: ST2_MOUNTS, securityContext: { ...SEC, runAsUser: 1000 } })]), restartPolicy: 'OnFailure' } } } } } },
}));
  add('safe-argo-script-st2-client', 'workload-shape', 'allow', '', withBase({
  'wf.yaml': { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'pack-health' },
    spec: { schedule: '*/30 * * * *', workflowSpec: { entrypoint: 'run', templates: [{ name: 'run',
      script: { image: 'stackstorm/st2actionrunner:3.8.1', command: ['bash'], source: 'st2 execution list -n 5\n', resources: LIMITS } }] } } },
}));
  add('safe-tekton-pack-install', 'workload-shape', 'allow', '', withBase({
  'task.yaml': { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'pack-install' },
    spec: { steps: [{ name: 'install', image: 'stackstorm/st2actionrunner:3.8.1', script: 'st2 pack install github\n', computeResources: LIMITS }] } },
}));
  add('safe-knative-webhook-relay', 'workload-shape', 'allow', '', withBase({
  'ksvc.yaml': { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'webhook-relay' },
    spec: { template: { metadata: { annotations: { 'autoscaling.knative.dev/min-scale': '1' } }, spec: { containers: [ctr('relay', 'ghcr.io/example/webhook-relay:2.3.1')] } } } },
}));
  add('safe-httproute-st2web', 'exposure', 'allow', '', withBase({
  'gw.yaml': docs(
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'public' }, spec: { gatewayClassName: 'istio', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', hostname: 'st2.example.com', tls: { certificateRefs: [{ name: 'st2web-tls' }] } }] } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'st2web' }, spec: { parentRefs: [{ name: 'public' }], hostnames: ['st2.example.com'], rules: [{ backendRefs: [{ name: 'st2web', port: 80 }] }] } }),
}));
  add('safe-socat-to-st2api-clusterip', 'exposure', 'allow', '', withBase({
  'relay.yaml': docs(
    dep('api-relay', [ctr('socat', 'alpine/socat:1.8.0.0', { args: ['TCP-LISTEN:9101,fork,reuseaddr', 'TCP:st2api:9101'], ports: [{ containerPort: 9101 }] })]),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api-relay' }, spec: { selector: { app: 'api-relay' }, ports: [{ port: 9101 }] } }),
}));
  add('safe-actionrunner-daemonset', 'workload-shape', 'allow', '', withBase({
  'ds.yaml': withoutReplicas(dep('st2actionrunner-node', [{ ...st2ctr('st2actionrunner'), securityContext: { ...SEC, runAsUser: 1000 } }], { kind: 'DaemonSet', labels: { app: 'st2actionrunner-node' } })),
}));
  add('safe-mongodb-5-members', 'scalers', 'allow', '', { 'kustomization.yaml': kust({ ...NS, replicas: [{ name: 'mongodb', count: 5 }] }) });
  add('safe-timers-recreate', 'workload-shape', 'allow', '', {
  'kustomization.yaml': kust({ ...NS, patches: [json6902({ kind: 'Deployment', name: 'st2timersengine' }, [{ op: 'add', path: '/spec/strategy', value: { type: 'Recreate' } }])] }),
});
  add('safe-cronhpa-st2api-floor-2', 'scalers', 'allow', '', withBase({
  'cronhpa.yaml': { apiVersion: 'autoscaling.alibabacloud.com/v1beta1', kind: 'CronHorizontalPodAutoscaler', metadata: { name: 'st2api' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2api' },
      jobs: [{ name: 'night', schedule: '0 0 22 * * *', targetSize: 2 }, { name: 'day', schedule: '0 0 7 * * *', targetSize: 6 }] } },
}));
  add('safe-topology-priority-st2api', 'components', 'allow', '', {
  'kustomization.yaml': kust({ ...NS, resources: ['pc.yaml'], patches: [json6902({ kind: 'Deployment', name: 'st2api' }, [
    { op: 'add', path: '/spec/template/spec/priorityClassName', value: 'st2-critical' }])] }),
  'pc.yaml': { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'st2-critical' }, value: 100000, globalDefault: false },
});
  add('safe-kserve-unrelated', 'workload-shape', 'allow', '', withBase({
  'isvc.yaml': { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'triage-model' },
    spec: { predictor: { minReplicas: 1, containers: [ctr('kserve-container', 'ghcr.io/example/triage-model:0.4.0')] } } },
}));
  add('safe-staging-scale-api', 'scalers', 'allow', '', { 'kustomization.yaml': kust({ namespace: 'st2-staging', replicas: [{ name: 'st2api', count: 3 }] }, 'staging') });
  add('safe-dev-nodeport-st2web-warn', 'exposure', 'allow', '', { 'kustomization.yaml': kust({ namespace: 'st2-dev', patches: [json6902({ kind: 'Service', name: 'st2web' }, [{ op: 'add', path: '/spec/type', value: 'NodePort' }])] }, 'dev') });
  add('r2-deep-nesting-timers', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['deep.yaml'], patches: [delTimers] }),
  'deep.yaml': { apiVersion: 'platform.example.io/v1', kind: 'Stack', metadata: { name: 'deep' },
    spec: nest(16, { replicas: 2, template: { metadata: { labels: { app: 'deep' } }, spec: podSpec([timers()]) } }) },
});
  add('r2-podspec-one-container-without-image', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['isvc.yaml'], patches: [delTimers] }),
  'isvc.yaml': { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'timers' },
    spec: { predictor: { minReplicas: 2, maxReplicas: 2, containers: [timers({ name: 'kserve-container' }), { name: 'agent', args: ['--port=9081'] }], volumes: ST2_VOLUMES } } },
});
  add('r2-argo-container-image-only', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['wf.yaml'] }),
  'wf.yaml': { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'tick' },
    spec: { schedule: '*/10 * * * *', workflowSpec: { entrypoint: 'run', templates: [{ name: 'run', container: { image: 'stackstorm/st2timersengine:3.8.1' } }] } } },
});
  add('r2-retag-unknown-program', 'components', 'deny', 'ST2-REP-013', withBase({
  'd.yaml': dep('ticker', [ctr('ticker', 'registry.example.com/platform/ticker:2.0.1', { command: ['/usr/local/bin/ticker'], args: ST2_ARGS, volumeMounts: ST2_MOUNTS })], { replicas: 2 }),
}));
  add('r2-retag-config-elsewhere', 'components', 'deny', 'ST2-REP-013', withBase({
  'd.yaml': dep('ticker', [ctr('ticker', 'registry.example.com/platform/ticker:2.0.1', {
    volumeMounts: [{ name: 'st2-config-vol', mountPath: '/opt/conf/st2.docker.conf', subPath: 'st2.docker.conf' }] })], { replicas: 2 }),
}));
  add('r2-retag-native-sidecar', 'components', 'deny', 'ST2-REP-013', {
  'kustomization.yaml': kust({ ...NS, patches: [json6902({ kind: 'Deployment', name: 'st2api' }, [
    { op: 'add', path: '/spec/template/spec/initContainers/-', value: ctr('ticker', 'registry.example.com/platform/ticker:2.0.1', { restartPolicy: 'Always', volumeMounts: ST2_MOUNTS }) }])] }),
});
  add('r2-rollout-canary-timers', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['ro.yaml'], patches: [delTimers] }),
  'ro.yaml': dep('st2timersengine', [timers()], { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', replicas: 1, spec: { strategy: { canary: { steps: [{ setWeight: 50 }, { pause: { duration: '10m' } }] } } } }),
});
  add('r2-rollout-bluegreen-timers', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, resources: ['ro.yaml'], patches: [delTimers] }),
  'ro.yaml': dep('st2timersengine', [timers()], { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', replicas: 1, spec: { strategy: { blueGreen: { activeService: 'timers', autoPromotionEnabled: false } } } }),
});
  add('r2-maxsurge-one-percent', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, patches: [json6902({ kind: 'Deployment', name: 'st2timersengine' }, [
    { op: 'replace', path: '/spec/strategy', value: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '1%', maxUnavailable: 0 } } }])] }),
});
  add('r2-sensors-two-configs-same-node-name', 'components', 'deny', 'ST2-REP-003', {
  'kustomization.yaml': kust({ ...NS, resources: ['s.yaml'],
    configMapGenerator: [
      { name: 'part-a', literals: ['st2.partition.conf=[sensorcontainer]\npartition_provider = name:kvstore\nsensor_node_name = node-a\n'] },
      { name: 'part-b', literals: ['st2.partition.conf=[sensorcontainer]\n# second partition\npartition_provider = name:kvstore\nsensor_node_name = node-a\n'] }],
    patches: [json6902({ kind: 'Deployment', name: 'st2sensorcontainer' }, [
      { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'part', configMap: { name: 'part-a' } } },
      { op: 'add', path: '/spec/template/spec/containers/0/volumeMounts/-', value: { name: 'part', mountPath: '/etc/st2/st2.partition.conf', subPath: 'st2.partition.conf' } }])] }),
  's.yaml': dep('st2sensorcontainer-b', [st2ctr('st2sensorcontainer', { volumeMounts: [...ST2_MOUNTS, { name: 'part', mountPath: '/etc/st2/st2.partition.conf', subPath: 'st2.partition.conf' }] })],
    { spec: { strategy: { type: 'Recreate' } }, pod: { volumes: [...ST2_VOLUMES, { name: 'part', configMap: { name: 'part-b' } }] } }),
});
  add('r2-kubectl-port-forward-statefulset-apps', 'exposure', 'deny', 'ST2-EXP-006', withBase({
  'pf.yaml': docs(
    dep('mq-tunnel', [ctr('pf', 'bitnamilegacy/kubectl:1.30.2', { command: ['kubectl', 'port-forward', '--address=0.0.0.0', 'statefulset.apps/rabbitmq', '5672:5672'] })]),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'mq-tunnel', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' } }, spec: { type: 'LoadBalancer', selector: { app: 'mq-tunnel' }, ports: [{ port: 5672 }] } }),
}));
  add('r2-socat-target-from-env', 'exposure', 'deny', 'ST2-EXP-006', withBase({
  'tunnel.yaml': docs(
    dep('db-tunnel', [ctr('socat', 'alpine/socat:1.8.0.0', { args: ['TCP-LISTEN:27017,fork', 'TCP:$(DB_HOST):27017'], env: [{ name: 'DB_HOST', value: 'mongodb' }] })]),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db-tunnel' }, spec: { type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8'], selector: { app: 'db-tunnel' }, ports: [{ port: 27017 }] } }),
}));
  add('r2-nginx-inc-server-snippets', 'exposure', 'deny', 'ST2-EXP-008', {
  'kustomization.yaml': kust({ ...NS, patches: [json6902({ kind: 'Ingress', name: 'st2web' }, [
    { op: 'add', path: '/metadata/annotations/nginx.org~1server-snippets', value: 'location /mq/ {\n  proxy_pass http://rabbitmq:15672/;\n}\n' }])] }),
});
  add('r2-nginx-stream-proxy-config', 'exposure', 'deny', 'ST2-EXP-006', withBase({
  'proxy.yaml': docs(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'db-proxy' }, data: { 'nginx.conf': 'events {}\nstream {\n  server {\n    listen 27017;\n    proxy_pass mongodb:27017;\n  }\n}\n' } },
    dep('db-proxy', [ctr('nginx', 'nginxinc/nginx-unprivileged:1.27.0', { volumeMounts: [{ name: 'conf', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf' }] })], { pod: { volumes: [{ name: 'conf', configMap: { name: 'db-proxy' } }] } }),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db-proxy', annotations: { 'networking.gke.io/load-balancer-type': 'Internal' } }, spec: { type: 'LoadBalancer', selector: { app: 'db-proxy' }, ports: [{ port: 27017 }] } }),
}));
  // nginx's upstream block names its server without a server name (HAProxy's has one).
  const etcdUpstream = (type: 'LoadBalancer' | 'ClusterIP') => withBase({
  'proxy.yaml': docs(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kv-proxy' }, data: { 'nginx.conf': 'events {}\nstream {\n  upstream kv {\n    server etcd:2379;\n  }\n  server {\n    listen 2379;\n    proxy_pass kv;\n  }\n}\n' } },
    dep('kv-proxy', [ctr('nginx', 'nginxinc/nginx-unprivileged:1.27.0', { volumeMounts: [{ name: 'conf', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf' }] })], { pod: { volumes: [{ name: 'conf', configMap: { name: 'kv-proxy' } }] } }),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kv-proxy' }, spec: { type, selector: { app: 'kv-proxy' }, ports: [{ port: 2379 }] } }),
  });
  add('r2-nginx-upstream-server-etcd-lb', 'exposure', 'deny', 'ST2-EXP-006', etcdUpstream('LoadBalancer'));
  add('r2-safe-nginx-upstream-server-etcd-clusterip', 'exposure', 'allow', '', etcdUpstream('ClusterIP'));
  add('r2-externalname-trailing-dot-uppercase', 'exposure', 'deny', 'ST2-EXP-008', withBase({
  'ext.yaml': docs(
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'mq-ui' }, spec: { type: 'ExternalName', externalName: 'RabbitMQ.st2-prod.svc.cluster.local.' } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'mq-ui' }, spec: { parentRefs: [{ name: 'public' }], rules: [{ backendRefs: [{ name: 'mq-ui', port: 15672 }] }] } }),
}));
  add('r2-cronhpa-string-targetsize-on-gc', 'scalers', 'allow', '', withBase({
  'c.yaml': { apiVersion: 'autoscaling.alibabacloud.com/v1beta1', kind: 'CronHorizontalPodAutoscaler', metadata: { name: 'gc' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2garbagecollector' }, jobs: [{ name: 'burst', schedule: '0 0 3 * * *', targetSize: '3' }] } },
}));
  add('r2-hpa-on-crossplane-object-timers', 'scalers', 'deny', 'ST2-REP-009', {
  'kustomization.yaml': kust({ ...NS, resources: ['o.yaml'], patches: [delTimers] }),
  'o.yaml': docs(
    { apiVersion: 'kubernetes.crossplane.io/v1alpha2', kind: 'Object', metadata: { name: 'timers' }, spec: { forProvider: { manifest: dep('st2timersengine', [timers()], { spec: { strategy: { type: 'Recreate' } } }) } } },
    { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'timers' }, spec: { scaleTargetRef: { apiVersion: 'kubernetes.crossplane.io/v1alpha2', kind: 'Object', name: 'timers' }, minReplicas: 1, maxReplicas: 3 } }),
});
  add('r2-safe-flux-imagerepository-timers', 'workload-shape', 'allow', '', withBase({
  'img.yaml': docs(
    { apiVersion: 'image.toolkit.fluxcd.io/v1beta2', kind: 'ImageRepository', metadata: { name: 'st2timersengine' }, spec: { image: 'stackstorm/st2timersengine', interval: '1h' } },
    { apiVersion: 'image.toolkit.fluxcd.io/v1beta2', kind: 'ImagePolicy', metadata: { name: 'st2timersengine' }, spec: { imageRepositoryRef: { name: 'st2timersengine' }, policy: { semver: { range: '3.8.x' } } } }),
}));
  add('r2-safe-socat-behind-clusterip-to-mongodb', 'exposure', 'allow', '', withBase({
  'tunnel.yaml': docs(
    dep('db-tunnel', [ctr('socat', 'alpine/socat:1.8.0.0', { args: ['TCP-LISTEN:27017,fork', 'TCP:mongodb:27017'] })]),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db-tunnel' }, spec: { selector: { app: 'db-tunnel' }, ports: [{ port: 27017 }] } }),
}));
  add('r2-safe-st2-tool-cronjob-custom-image', 'components', 'allow', '', withBase({
  'cj.yaml': { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'pack-sync' },
    spec: { schedule: '0 * * * *', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { template: { spec: { ...podSpec([ctr('sync', 'registry.example.com/platform/st2-pack-sync:1.2.0', {
      command: ['st2', 'pack', 'install', 'file:///opt/packs/ops'], volumeMounts: ST2_MOUNTS })]), restartPolicy: 'OnFailure' } } } } } },
}));
  add('r2-timers-maxsurge-zero', 'workload-shape', 'deny', 'ST2-REP-001', {
  'kustomization.yaml': kust({ ...NS, patches: [json6902({ kind: 'Deployment', name: 'st2timersengine' }, [
    { op: 'replace', path: '/spec/strategy', value: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } }])] }),
});
  add('r2-safe-rabbitmq-operator-cluster', 'workload-shape', 'allow', '', withBase({
  'rmq.yaml': { apiVersion: 'rabbitmq.com/v1beta1', kind: 'RabbitmqCluster', metadata: { name: 'events-bus' }, spec: { replicas: 3, image: 'rabbitmq:3.12.14-management' } },
}));

  return cases;
}
