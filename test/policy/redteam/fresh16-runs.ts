/**
 * The sixteenth red team's pods that render and never run or never serve (/work/red16
 * never-readinessgate-*, never-osname-windows-st2auth, never-poststart-*, never-startup-1s-st2api,
 * evict-packs-sizelimit-*), rewritten with variants and safe look-alikes.
 *
 * - A readiness gate: the pod is Ready only when a controller sets the condition True (k8s pod
 *   lifecycle, Pod readiness gate). Load balancer controllers set theirs only for pods behind
 *   their own objects (the AWS Load Balancer Controller's target-health.elbv2.k8s.aws/<binding>,
 *   GKE's NEG gate); any other condition must be listed in settings.cluster.readiness_gates.
 *   Otherwise no Service sends the pod traffic and the rollout stalls (ST2-OPS-028).
 * - spec.os.name other than linux: the node's kubelet rejects the pod, and st2's, MongoDB's and
 *   RabbitMQ's images are Linux images (ST2-OPS-028).
 * - A postStart hook that fails kills the container (k8s container lifecycle hooks): `false`,
 *   `exit 3`, only reading a file st2's image lacks and nothing mounts (ST2-OPS-066), an httpGet on
 *   a port the process never listens on (ST2-OPS-031), or on the port st2api, st2auth or st2stream
 *   will listen on: the hook runs once as the container starts, before they listen (ST2-OPS-069).
 *   Hooks that succeed, and a failing preStop (it only ends a container already stopping), pass.
 * - A startupProbe allowing st2api, st2auth or st2stream less than 30 s (Kubernetes' own default
 *   of 3 failures every 10 s) kills them before they listen (ST2-OPS-069).
 * - An emptyDir the st2-system-packs init container copies st2's packs into, with a sizeLimit
 *   below them: st2 3.8.1 installs 214,200 bytes of system packs (core, packs, linux, chatops,
 *   default; about 0.85 MiB in 4 KiB blocks), so 64 KiB evicts the pod (ST2-OPS-062). The
 *   image's virtualenvs directory is empty (system packs run in st2's own virtualenv), and
 *   2 MiB holds the packs: both pass.
 * - A scheduling gate no controller removes keeps the pod SchedulingGated (k8s Pod Scheduling
 *   Readiness; ST2-OPS-028), an env configMapKeyRef or configMap volume item naming a key the
 *   rendered ConfigMap lacks stops the container or its volume (k8s ConfigMap docs, unless
 *   optional), a workingDir that is a file mounted from a key cannot be entered by the runtime
 *   (ST2-OPS-062). A required podAffinity to pods no workload of the render runs in its namespace
 *   leaves no node (the first pod goes ahead only when it matches its own term): ST2-OPS-028.
 */
import type { RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, FIRST, SPEC, STS, add, patch, replace, type Json } from './targets.js';

const gate = (target: Json, conditionType: string): CaseBody => ({ patches: [patch(target, add(`${SPEC}/readinessGates`, [{ conditionType }]))] });
const podOs = (target: Json, name: string): CaseBody => ({ patches: [patch(target, add(`${SPEC}/os`, { name }))] });
const hook = (target: Json, which: 'postStart' | 'preStop', handler: Json): CaseBody => ({ patches: [patch(target, add(`${FIRST}/lifecycle`, { [which]: handler }))] });
const exec = (...command: string[]): Json => ({ exec: { command } });
const startup = (target: Json, probe: Json): CaseBody => ({ patches: [patch(target, add(`${FIRST}/startupProbe`, probe))] });
/** The base's volumes: st2api's packs volume is the third, st2actionrunner's the fourth (virtualenvs next). */
const volume = (target: Json, k: number, emptyDir: Json): CaseBody => ({ patches: [patch(target, replace(`${SPEC}/volumes/${k}/emptyDir`, emptyDir))] });
const bindingFor = (name: string, service: string): Json => ({
  apiVersion: 'elbv2.k8s.aws/v1beta1',
  kind: 'TargetGroupBinding',
  metadata: { name },
  spec: { serviceRef: { name: service, port: 9100 }, targetType: 'ip', targetGroupARN: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/st2auth/0123456789abcdef' },
});

export function fresh16RunsCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const put = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`fresh16-runs-${id}`, 'never-runs', rule, body));
  };
  const REFS = 'ST2-OPS-028';

  // --- readiness gates nothing sets ----------------------------------------------------------------
  put('gate-api-own-condition', REFS, gate(DEPLOY('st2api'), 'st2.example.com/warmed-up'));
  put('gate-etcd-statefulset', REFS, gate(STS('etcd'), 'example.com/member-ready'));
  put('gate-auth-aws-without-controller', REFS, gate(DEPLOY('st2auth'), 'target-health.elbv2.k8s.aws/st2auth'));
  put('gate-web-neg-without-gke', REFS, gate(DEPLOY('st2web'), 'cloud.google.com/load-balancer-neg-ready'));
  put('gate-staging-stream', REFS, { wraps: 'staging', ...gate(DEPLOY('st2stream'), 'ops.example.com/approved') });
  // Bound: the AWS controller sets the condition of its TargetGroupBinding's pods.
  put('gate-auth-aws-with-binding-ok', undefined, {
    resources: [bindingFor('st2auth-tg', 'st2auth')],
    ...gate(DEPLOY('st2auth'), 'target-health.elbv2.k8s.aws/st2auth-tg'),
  });

  // --- spec.os.name --------------------------------------------------------------------------------
  put('os-windows-auth', REFS, podOs(DEPLOY('st2auth'), 'windows'));
  put('os-windows-mongodb', REFS, podOs(STS('mongodb'), 'windows'));
  put('os-linux-auth-ok', undefined, podOs(DEPLOY('st2auth'), 'linux'));

  // --- postStart hooks that always fail -------------------------------------------------------------
  put('poststart-false-api', 'ST2-OPS-066', hook(DEPLOY('st2api'), 'postStart', exec('false')));
  put('poststart-exit-code-runner', 'ST2-OPS-066', hook(DEPLOY('st2actionrunner'), 'postStart', exec('/bin/sh', '-c', 'exit 3')));
  put('poststart-bin-false-scheduler', 'ST2-OPS-066', hook(DEPLOY('st2scheduler'), 'postStart', exec('/bin/false')));
  put('poststart-http-api-port-on-auth', 'ST2-OPS-031', hook(DEPLOY('st2auth'), 'postStart', { httpGet: { path: '/', port: 9101 } }));
  put('poststart-tcp-on-engine', 'ST2-OPS-031', hook(DEPLOY('st2workflowengine'), 'postStart', { tcpSocket: { port: 8080 } }));
  put('poststart-missing-file-runner', 'ST2-OPS-066', hook(DEPLOY('st2actionrunner'), 'postStart', exec('sh', '-c', 'test -f /etc/st2/st2.actionrunner.conf')));
  // The hook runs once as the container starts, before st2 listens: refused, killed (ST2-OPS-069).
  put('poststart-own-port-api', 'ST2-OPS-069', hook(DEPLOY('st2api'), 'postStart', { httpGet: { path: '/v1/', port: 9101 } }));
  put('poststart-own-port-stream-tcp', 'ST2-OPS-069', hook(DEPLOY('st2stream'), 'postStart', { tcpSocket: { port: 9102 } }));
  put('poststart-reads-st2-conf-ok', undefined, hook(DEPLOY('st2actionrunner'), 'postStart', exec('sh', '-c', 'test -f /etc/st2/st2.conf')));
  put('poststart-missing-or-true-ok', undefined, hook(DEPLOY('st2actionrunner'), 'postStart', exec('sh', '-c', 'test -f /etc/st2/st2.extra.conf || true')));
  put('poststart-true-api-ok', undefined, hook(DEPLOY('st2api'), 'postStart', exec('true')));
  put('poststart-marker-file-ok', undefined, hook(DEPLOY('st2api'), 'postStart', exec('sh', '-c', 'date > /tmp/started')));
  put('poststart-false-or-true-ok', undefined, hook(DEPLOY('st2scheduler'), 'postStart', exec('sh', '-c', 'false || true')));
  put('prestop-http-wrong-port-ok', undefined, hook(DEPLOY('st2auth'), 'preStop', { httpGet: { path: '/', port: 9101 } }));

  // --- startup probes shorter than st2's start --------------------------------------------------------
  put('startup-one-second-api', 'ST2-OPS-069', startup(DEPLOY('st2api'), { tcpSocket: { port: 9101 }, periodSeconds: 1, failureThreshold: 1 }));
  put('startup-twenty-seconds-stream', 'ST2-OPS-069', startup(DEPLOY('st2stream'), { tcpSocket: { port: 9102 }, periodSeconds: 5, failureThreshold: 4 }));
  put('startup-staging-auth', 'ST2-OPS-069', { wraps: 'staging', ...startup(DEPLOY('st2auth'), { tcpSocket: { port: 9100 }, initialDelaySeconds: 5, periodSeconds: 2, failureThreshold: 5 }) });
  put('startup-defaults-api-ok', undefined, startup(DEPLOY('st2api'), { tcpSocket: { port: 9101 } }));
  put('startup-five-minutes-stream-ok', undefined, startup(DEPLOY('st2stream'), { tcpSocket: { port: 9102 }, periodSeconds: 10, failureThreshold: 30 }));

  // --- packs volumes smaller than st2's packs ----------------------------------------------------------
  put('packs-64ki-runner', 'ST2-OPS-062', volume(DEPLOY('st2actionrunner'), 3, { sizeLimit: '64Ki' }));
  put('packs-staging-16ki-sensor', 'ST2-OPS-062', { wraps: 'staging', ...volume(DEPLOY('st2sensorcontainer'), 2, { sizeLimit: '16Ki' }) });
  put('packs-memory-100ki-api', 'ST2-OPS-062', volume(DEPLOY('st2api'), 2, { medium: 'Memory', sizeLimit: '100Ki' }));
  put('packs-2mi-runner-ok', undefined, volume(DEPLOY('st2actionrunner'), 3, { sizeLimit: '2Mi' }));
  put('packs-memory-4mi-api-ok', undefined, volume(DEPLOY('st2api'), 2, { medium: 'Memory', sizeLimit: '4Mi' }));
  put('virtualenvs-64ki-api-ok', undefined, volume(DEPLOY('st2api'), 3, { sizeLimit: '64Ki' }));

  // --- scheduling gates nothing removes ----------------------------------------------------------------
  const schedGate = (target: Json, name: string): CaseBody => ({ patches: [patch(target, add(`${SPEC}/schedulingGates`, [{ name }]))] });
  put('schedgate-api', REFS, schedGate(DEPLOY('st2api'), 'example.com/capacity-check'));
  put('schedgate-rabbitmq', REFS, schedGate(STS('rabbitmq'), 'example.com/maintenance'));
  put('schedgate-staging-runner', REFS, { wraps: 'staging', ...schedGate(DEPLOY('st2actionrunner'), 'example.com/budget') });
  put('schedgate-empty-list-ok', undefined, { patches: [patch(DEPLOY('st2api'), add(`${SPEC}/schedulingGates`, []))] });

  // --- what the kubelet refuses: a missing ConfigMap key, a file as working directory ------------------
  const keyRef = (key: string, extra: Json = {}): CaseBody => ({
    patches: [patch(DEPLOY('st2api'), add(`${FIRST}/env`, [{ name: 'ST2_EXTRA', valueFrom: { configMapKeyRef: { name: 'st2-urls', key, ...extra } } }]))],
  });
  put('cm-key-missing-api', 'ST2-OPS-062', keyRef('ST2_NOT_IN_THE_MAP'));
  put('cm-key-missing-optional-ok', undefined, keyRef('ST2_NOT_IN_THE_MAP', { optional: true }));
  put('cm-key-present-ok', undefined, keyRef('ST2_AUTH_URL'));
  put('cm-item-missing-runner', 'ST2-OPS-062', {
    patches: [patch(DEPLOY('st2actionrunner'),
      add(`${SPEC}/volumes/-`, { name: 'urls', configMap: { name: 'st2-urls', items: [{ key: 'ST2_NOT_IN_THE_MAP', path: 'url' }] } }),
      add(`${FIRST}/volumeMounts/-`, { name: 'urls', mountPath: '/etc/st2-urls' }))],
  });
  put('workdir-config-file-api', 'ST2-OPS-062', { patches: [patch(DEPLOY('st2api'), add(`${FIRST}/workingDir`, '/etc/st2/st2.user.conf'))] });
  put('workdir-etc-st2-ok', undefined, { patches: [patch(DEPLOY('st2api'), add(`${FIRST}/workingDir`, '/etc/st2'))] });

  // --- required pod affinity to pods no workload runs ----------------------------------------------------
  const needs = (target: Json, term: Json): CaseBody => ({ patches: [patch(target, add(`${SPEC}/affinity/podAffinity`, { requiredDuringSchedulingIgnoredDuringExecution: [term] }))] });
  put('affinity-to-absent-cache-api', REFS, needs(DEPLOY('st2api'), { labelSelector: { matchLabels: { app: 'redis' } }, topologyKey: 'kubernetes.io/hostname' }));
  put('affinity-to-absent-sidecar-runner', REFS, needs(DEPLOY('st2actionrunner'), { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['docker-dind'] }] }, topologyKey: 'topology.kubernetes.io/zone' }));
  put('affinity-to-mongodb-zone-ok', undefined, needs(DEPLOY('st2api'), { labelSelector: { matchLabels: { app: 'mongodb' } }, topologyKey: 'topology.kubernetes.io/zone' }));
  put('affinity-preferred-absent-ok', undefined, { patches: [patch(DEPLOY('st2api'), add(`${SPEC}/affinity/podAffinity`, { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { labelSelector: { matchLabels: { app: 'redis' } }, topologyKey: 'kubernetes.io/hostname' } }] }))] });
  return cases;
}
