/**
 * The eighth red team (issue 12, /work/red8 at the time, judged through
 * dist/st2-gitops against main at 7b0b4b2), its "renders fine, st2 never
 * runs" classes: pods the cluster can never schedule, admit or start, and
 * Services that reach no pod. 12 of its unsafe overlays were allowed: an arm64
 * node selector for images built for amd64 only, a RuntimeClass, scheduler
 * or Localhost seccomp profile the cluster does not have, a 512Gi request,
 * Pod Security `restricted` enforced on pods that run as root, fsGroup
 * removed (st2.secrets.conf root-only), probes on ports nothing listens on,
 * a RabbitMQ selector typo, etcd's client Service on the peer port and
 * internalTrafficPolicy Local on st2api. Closed by ST2-OPS-028..031 and
 * ST2-REP-018 (pod specs read in src/policy/pod-facts.ts and pod-security.ts,
 * the cluster described by the bundle's settings.cluster).
 *
 * Its `secret-mode-0400-sensor` is kept as a safe look-alike: with the pod's
 * fsGroup in place the kubelet chowns the Secret's files to that group and
 * adds group read (kubernetes#57923), so the sensor container (uid 1000, in
 * group 1000) still reads its file. The unsafe form drops fsGroup too.
 *
 * The attacker's cases first (rewritten as patches), then variants (node
 * affinity instead of a selector, other systems, PriorityClasses, AppArmor,
 * container-level profiles, hard topology spreads, extended resources, an
 * invalid enforce level, modes without fsGroup, named probe ports, Services
 * pointing at the wrong component or a named port no pod has, staging), then
 * safe look-alikes that must stay allowed.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { SPEC, FIRST, DEPLOY, STS, patch, add, replace, type Json } from './targets.js';

const NAMESPACE = (env: Wrapped): Json => ({ version: 'v1', kind: 'Namespace', name: env === 'prod' ? 'st2-prod' : env === 'staging' ? 'st2-staging' : 'st2-dev' });

const service = (name: string): Json => ({ version: 'v1', kind: 'Service', name });
const remove = (path: string): Json => ({ op: 'remove', path });

const enforce = (level: string, env: Wrapped = 'prod'): Patch => patch(NAMESPACE(env), replace('/metadata/labels/pod-security.kubernetes.io~1enforce', level));
const nodeAffinity = (expressions: Json[]): Json => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: expressions }] } } });
// The mode of the Secret volume holding st2.secrets.conf (its index in each Deployment's volumes; decimal, as JSON carries it).
const SECRETS_VOLUME: Readonly<Record<string, number>> = { st2api: 4, st2sensorcontainer: 4, st2timersengine: 1 };
const secretsMode = (name: string, mode: number): Patch => patch(DEPLOY(name), replace(`${SPEC}/volumes/${SECRETS_VOLUME[name] ?? 0}/secret/defaultMode`, mode));

export function fresh8PodCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const put = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f8-${id}`, 'never-runs', rule, body));
  };
  const deny = (id: string, rule: string, body: CaseBody): void => put(id, rule, body);
  const allow = (id: string, body: CaseBody): void => put(id, undefined, body);

  // --- The attacker's cases ---------------------------------------------------------------------
  deny('sched-sensor-arm64', 'ST2-OPS-028', { patches: [patch(DEPLOY('st2sensorcontainer'), add(`${SPEC}/nodeSelector`, { 'kubernetes.io/arch': 'arm64' }))] });
  deny('sched-timers-runtimeclass', 'ST2-OPS-028', { patches: [patch(DEPLOY('st2timersengine'), add(`${SPEC}/runtimeClassName`, 'gvisor'))] });
  deny('sched-timers-scheduler', 'ST2-OPS-028', { patches: [patch(DEPLOY('st2timersengine'), add(`${SPEC}/schedulerName`, 'volcano'))] });
  deny('sched-timers-seccomp-localhost', 'ST2-OPS-028', {
    patches: [patch(DEPLOY('st2timersengine'), replace(`${SPEC}/securityContext/seccompProfile`, { type: 'Localhost', localhostProfile: 'profiles/st2.json' }))],
  });
  deny('qty-timers-unschedulable', 'ST2-OPS-028', {
    patches: [patch(DEPLOY('st2timersengine'), replace(`${FIRST}/resources`, { requests: { cpu: '500m', memory: '512Gi' }, limits: { cpu: '1', memory: '512Gi' } }))],
  });
  deny('psa-enforce-restricted', 'ST2-OPS-029', { patches: [enforce('restricted')] });
  deny('perm-timers-fsgroup-removed', 'ST2-OPS-030', { patches: [patch(DEPLOY('st2timersengine'), remove(`${SPEC}/securityContext/fsGroup`))] });
  deny('probe-sensor-startup-tcp', 'ST2-OPS-031', {
    patches: [patch(DEPLOY('st2sensorcontainer'), add(`${FIRST}/startupProbe`, { tcpSocket: { port: 9102 }, periodSeconds: 10, failureThreshold: 6 }))],
  });
  deny('probe-timers-liveness-http', 'ST2-OPS-031', {
    patches: [patch(DEPLOY('st2timersengine'), add(`${FIRST}/livenessProbe`, { httpGet: { path: '/v1/', port: 9101 }, initialDelaySeconds: 10, periodSeconds: 10 }))],
  });
  deny('svc-rabbitmq-selector-typo', 'ST2-REP-018', { patches: [patch(service('rabbitmq'), replace('/spec/selector/app', 'rabbit'))] });
  deny('svc-etcd-peer-port', 'ST2-REP-018', { patches: [patch(service('etcd'), replace('/spec/ports/0/targetPort', 2380))] });
  deny('svc-st2api-internal-local', 'ST2-REP-018', { patches: [patch(service('st2api'), add('/spec/internalTrafficPolicy', 'Local'))] });

  // --- Variants: scheduling and admission ---------------------------------------------------------
  deny('sched-st2api-affinity-arm64', 'ST2-OPS-028', {
    patches: [patch(DEPLOY('st2api'), add(`${SPEC}/affinity/nodeAffinity`, nodeAffinity([{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }]).nodeAffinity))],
  });
  deny('sched-scheduler-affinity-not-amd64', 'ST2-OPS-028', {
    patches: [patch(DEPLOY('st2scheduler'), add(`${SPEC}/affinity/nodeAffinity`, nodeAffinity([{ key: 'kubernetes.io/arch', operator: 'NotIn', values: ['amd64'] }]).nodeAffinity))],
  });
  deny('sched-rules-beta-arch-label', 'ST2-OPS-028', { patches: [patch(DEPLOY('st2rulesengine'), add(`${SPEC}/nodeSelector`, { 'beta.kubernetes.io/arch': 's390x' }))] });
  deny('sched-mongodb-windows', 'ST2-OPS-028', { patches: [patch(STS('mongodb'), add(`${SPEC}/nodeSelector`, { 'kubernetes.io/os': 'windows' }))] });
  deny('sched-rabbitmq-priorityclass-missing', 'ST2-OPS-028', { patches: [patch(STS('rabbitmq'), add(`${SPEC}/priorityClassName`, 'st2-critical'))] });
  deny('sched-workflow-apparmor-localhost', 'ST2-OPS-028', {
    patches: [patch(DEPLOY('st2workflowengine'), add(`${FIRST}/securityContext/appArmorProfile`, { type: 'Localhost', localhostProfile: 'k8s-st2' }))],
  });
  deny('sched-notifier-apparmor-annotation', 'ST2-OPS-028', {
    patches: [patch(DEPLOY('st2notifier'), add('/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1st2notifier', 'localhost/k8s-st2'))],
  });
  deny('sched-rules-container-seccomp-localhost', 'ST2-OPS-028', {
    patches: [patch(DEPLOY('st2rulesengine'), add(`${FIRST}/securityContext/seccompProfile`, { type: 'Localhost', localhostProfile: 'st2-rules.json' }))],
  });
  deny('sched-st2api-spread-rack', 'ST2-OPS-028', {
    patches: [
      patch(
        DEPLOY('st2api'),
        add(`${SPEC}/topologySpreadConstraints`, [{ maxSkew: 1, topologyKey: 'example.com/rack', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'st2api' } } }]),
      ),
    ],
  });
  deny('sched-runner-gpu', 'ST2-OPS-028', { patches: [patch(DEPLOY('st2actionrunner'), add(`${FIRST}/resources/limits/nvidia.com~1gpu`, 1))] });
  deny('qty-sensor-200gi', 'ST2-OPS-028', { patches: [patch(DEPLOY('st2sensorcontainer'), replace(`${FIRST}/resources/requests/memory`, '200Gi'), replace(`${FIRST}/resources/limits/memory`, '200Gi'))] });
  deny('sched-staging-runtimeclass', 'ST2-OPS-028', { wraps: 'staging', patches: [patch(DEPLOY('st2timersengine'), add(`${SPEC}/runtimeClassName`, 'kata'))] });
  deny('psa-enforce-restricted-staging', 'ST2-OPS-029', { wraps: 'staging', patches: [enforce('restricted', 'staging')] });
  deny('psa-enforce-invalid-level', 'ST2-OPS-029', { patches: [enforce('Baseline')] });
  deny('psa-baseline-runner-sys-admin', 'ST2-OPS-029', { patches: [patch(DEPLOY('st2actionrunner'), add(`${FIRST}/securityContext/capabilities`, { add: ['SYS_ADMIN'] }))] });

  // --- Variants: files, probes, Services -----------------------------------------------------------
  deny('perm-st2api-0400-no-fsgroup', 'ST2-OPS-030', { patches: [patch(DEPLOY('st2api'), remove(`${SPEC}/securityContext/fsGroup`)), secretsMode('st2api', 0o400)] });
  deny('perm-scheduler-other-user', 'ST2-OPS-030', {
    patches: [patch(DEPLOY('st2scheduler'), remove(`${SPEC}/securityContext/fsGroup`), replace(`${SPEC}/securityContext/runAsUser`, 2000), replace(`${SPEC}/securityContext/runAsGroup`, 2000))],
  });
  deny('probe-workflow-readiness-tcp', 'ST2-OPS-031', { patches: [patch(DEPLOY('st2workflowengine'), add(`${FIRST}/readinessProbe`, { tcpSocket: { port: 9101 } }))] });
  deny('probe-scheduler-named-port', 'ST2-OPS-031', { patches: [patch(DEPLOY('st2scheduler'), add(`${FIRST}/livenessProbe`, { httpGet: { path: '/', port: 'http' } }))] });
  deny('probe-st2auth-copied-port', 'ST2-OPS-031', { patches: [patch(DEPLOY('st2auth'), replace('/spec/template/spec/containers/0/livenessProbe/tcpSocket/port', 9101))] });
  deny('probe-etcd-grpc-other-port', 'ST2-OPS-031', { patches: [patch(STS('etcd'), add(`${FIRST}/startupProbe`, { grpc: { port: 2381 } }))] });
  deny('svc-st2api-named-target-typo', 'ST2-REP-018', { patches: [patch(service('st2api'), add('/spec/ports/0/targetPort', 'api'))] });
  deny('svc-st2auth-selects-st2api', 'ST2-REP-018', { patches: [patch(service('st2auth'), replace('/spec/selector/app', 'st2api'))] });
  deny('svc-mongodb-selector-replaced', 'ST2-REP-018', { patches: [patch(service('mongodb'), replace('/spec/selector', { app: 'mongo' }))] });
  deny('svc-etcd-headless-internal-local', 'ST2-REP-018', { patches: [patch(service('etcd-headless'), add('/spec/internalTrafficPolicy', 'Local'))] });
  deny('svc-st2stream-target-api-port', 'ST2-REP-018', { patches: [patch(service('st2stream'), add('/spec/ports/0/targetPort', 9101))] });
  deny('svc-rabbitmq-typo-staging', 'ST2-REP-018', { wraps: 'staging', patches: [patch(service('rabbitmq'), replace('/spec/selector/app', 'rabbit'))] });

  // --- Safe look-alikes ---------------------------------------------------------------------------------
  allow('psa-version-pin', { patches: [patch(NAMESPACE('prod'), replace('/metadata/labels/pod-security.kubernetes.io~1enforce-version', 'v1.32'))] });
  allow('psa-enforce-baseline-latest', { patches: [patch(NAMESPACE('prod'), replace('/metadata/labels/pod-security.kubernetes.io~1enforce-version', 'latest'))] });
  allow('perm-sensor-0400-with-fsgroup', { patches: [secretsMode('st2sensorcontainer', 0o400)] });
  allow('perm-timers-no-fsgroup-world-readable', { patches: [patch(DEPLOY('st2timersengine'), remove(`${SPEC}/securityContext/fsGroup`)), secretsMode('st2timersengine', 0o444)] });
  allow('perm-runner-no-fsgroup-root', { patches: [patch(DEPLOY('st2actionrunner'), remove(`${SPEC}/securityContext/fsGroup`))] });
  allow('sched-sensor-amd64', { patches: [patch(DEPLOY('st2sensorcontainer'), add(`${SPEC}/nodeSelector`, { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/os': 'linux' }))] });
  allow('sched-mongodb-arm64', { patches: [patch(STS('mongodb'), add(`${SPEC}/nodeSelector`, { 'kubernetes.io/arch': 'arm64' }))] });
  allow('sched-st2api-affinity-either', {
    patches: [patch(DEPLOY('st2api'), add(`${SPEC}/affinity/nodeAffinity`, nodeAffinity([{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }]).nodeAffinity))],
  });
  allow('sched-default-scheduler', { patches: [patch(DEPLOY('st2timersengine'), add(`${SPEC}/schedulerName`, 'default-scheduler'))] });
  // Every cluster has it (no ST2-OPS-028), but on st2's pods it preempts other tenants: denied since the ninth round (fresh9-cluster.ts).
  deny('sched-node-critical', 'ST2-OPS-040', { patches: [patch(STS('etcd'), add(`${SPEC}/priorityClassName`, 'system-cluster-critical'))] });
  allow('sched-priorityclass-rendered', {
    resources: [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'st2-stores-f8' }, value: 100000, globalDefault: false, preemptionPolicy: 'Never' }],
    patches: [patch(STS('rabbitmq'), add(`${SPEC}/priorityClassName`, 'st2-stores-f8'))],
  });
  allow('sched-container-runtime-default', { patches: [patch(DEPLOY('st2rulesengine'), add(`${FIRST}/securityContext/seccompProfile`, { type: 'RuntimeDefault' }))] });
  allow('sched-zone-spread-hard', {
    patches: [
      patch(
        DEPLOY('st2api'),
        add(`${SPEC}/topologySpreadConstraints`, [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'st2api' } } }]),
      ),
    ],
  });
  allow('sched-rack-spread-soft', {
    patches: [
      patch(
        DEPLOY('st2api'),
        add(`${SPEC}/topologySpreadConstraints`, [{ maxSkew: 1, topologyKey: 'example.com/rack', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'st2api' } } }]),
      ),
    ],
  });
  allow('qty-runner-16-cores', { patches: [patch(DEPLOY('st2actionrunner'), replace(`${FIRST}/resources/limits/cpu`, '16'))] });
  allow('probe-st2api-named-port', { patches: [patch(DEPLOY('st2api'), replace(`${FIRST}/readinessProbe/tcpSocket/port`, 'http'))] });
  allow('probe-timers-exec', { patches: [patch(DEPLOY('st2timersengine'), add(`${FIRST}/livenessProbe`, { exec: { command: ['/bin/true'] }, periodSeconds: 30 }))] });
  allow('svc-st2api-named-target', { patches: [patch(service('st2api'), add('/spec/ports/0/targetPort', 'http'))] });
  allow('svc-etcd-explicit-target', { patches: [patch(service('etcd'), replace('/spec/ports/0/targetPort', 2379))] });
  allow('svc-st2api-cluster-policy', { patches: [patch(service('st2api'), add('/spec/internalTrafficPolicy', 'Cluster'))] });
  allow('svc-st2api-prefer-close', { patches: [patch(service('st2api'), add('/spec/trafficDistribution', 'PreferClose'))] });
  allow('svc-st2stream-affinity', { patches: [patch(service('st2stream'), add('/spec/sessionAffinity', 'ClientIP'))] });
  return cases;
}
