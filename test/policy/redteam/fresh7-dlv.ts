/**
 * The seventh red team (issue 12), its delivery and singleton classes: an
 * attacker who had not read this corpus wrote 210 overlays (/work/red7 at
 * the time, run through dist/st2-gitops against main at 1b2a486: 63 of 129
 * unsafe changes allowed, 5 of 81 safe ones denied). Kept here, rewritten:
 * its thirteen allowed changes of these classes, variants written while
 * closing them, and safe look-alikes that must stay allowed.
 *
 * - Objects outside st2's namespaces (argocd's RBAC ConfigMap giving every
 *   user admin, the CMP plugin's ConfigMap rewritten to skip the gate,
 *   kube-system's CoreDNS rewriting st2auth's name, a timers engine in a
 *   "canary" namespace): ST2-OPS-015, in every environment.
 * - Nested delivery: a Fleet GitRepo, a k3s HelmChart, a Flux HelmRelease
 *   or a Kyverno clone (what they deliver cannot be seen): ST2-OPS-001; a
 *   Crossplane Object or a Kyverno generate rule with inline data (judged as
 *   objects of the render: a LoadBalancer or NodePort for MongoDB, a second
 *   timers engine), while a generated NetworkPolicy stays allowed.
 * - Singletons: st2timersengine in a plain init container or a postStart
 *   hook (ST2-REP-001), started from a mounted script that builds its name
 *   at run time (ST2-REP-013), applied by a Job from a ConfigMap (judged as
 *   objects of the render), kubectl scale/patch/set/delete/rollout undo and
 *   API-server writes from a CronJob (ST2-OPS-016), a rename in production,
 *   which syncs without prune (ST2-OPS-017).
 *
 * No case writes a published default.
 */
import type { RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { patchText as patch, wrapOverlay } from './kustomization-text.js';

/** A kustomization wrapping one project overlay, its extra files as resources, then `rest`. */
const wrap = (env: Wrapped, files: readonly string[], rest = ''): string => wrapOverlay('red7', env, files, rest);

const indent = (text: string, n: number): string => text.replace(/^/gm, ' '.repeat(n)).trimEnd();

const FILES = '--config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.user.conf --config-file=/etc/st2/st2.secrets.conf';
const CONFIG_ARGS = FILES.split(' ');
const LIMITS = 'resources: {requests: {cpu: 20m, memory: 64Mi}, limits: {cpu: 200m, memory: 256Mi}}';
const SECURITY = 'securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}';
const CONFIG_MOUNTS = `- {name: st2-config-vol, mountPath: /etc/st2/st2.docker.conf, subPath: st2.docker.conf}
- {name: st2-config-vol, mountPath: /etc/st2/st2.user.conf, subPath: st2.user.conf}
- {name: st2-config-secrets-vol, mountPath: /etc/st2/st2.secrets.conf, subPath: st2.secrets.conf, readOnly: true}`;
const CONFIG_VOLUMES = `- {name: st2-config-vol, configMap: {name: st2-config}}
- {name: st2-config-secrets-vol, secret: {secretName: st2-config-secrets, defaultMode: 288}}`;

/** A one-replica Deployment (Recreate) of `containers` (YAML list items), with the st2 config volumes and `volumes`. */
function deployment(name: string, containers: string, volumes = '', init = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}, release: st2}
spec:
  replicas: 1
  strategy: {type: Recreate}
  selector:
    matchLabels: {app: ${name}, release: st2}
  template:
    metadata:
      labels: {app: ${name}, release: st2}
    spec:
      securityContext: {fsGroup: 1000}
${init === '' ? '' : `      initContainers:\n${indent(init, 8)}\n`}      containers:
${indent(containers, 8)}
      volumes:
${indent(CONFIG_VOLUMES, 8)}
${volumes === '' ? '' : indent(volumes, 8)}
`;
}

/** An st2 service container (the service's image and binary, the chart's config files). */
function service(name: string, svc: string, extra = ''): string {
  return `- name: ${name}
  image: stackstorm/${svc}:3.8.1
  command: [/opt/stackstorm/st2/bin/${svc}]
  args: ${JSON.stringify(CONFIG_ARGS)}
  volumeMounts:
${indent(CONFIG_MOUNTS, 4)}
  ${LIMITS}
  ${SECURITY}
${extra}`.trimEnd();
}

/** A CronJob (or PostSync Job) running one kubectl-image container with `argv`, its mounts and volumes. */
function kubectlJob(kind: 'CronJob' | 'Job', name: string, argv: readonly string[], mounts = '', volumes = '', image = 'bitnamilegacy/kubectl:1.32.4'): string {
  const pod = `serviceAccountName: ${name}
restartPolicy: Never
containers:
  - name: kubectl
    image: ${image}
    command: ${JSON.stringify(argv)}
    ${LIMITS}
    ${SECURITY}
${mounts === '' ? '' : `    volumeMounts:\n${indent(mounts, 6)}\n`}${volumes === '' ? '' : `volumes:\n${indent(volumes, 2)}\n`}`;
  const rbac = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
---
`;
  if (kind === 'Job') {
    return `${rbac}apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  annotations:
    argocd.argoproj.io/hook: PostSync
    argocd.argoproj.io/hook-delete-policy: HookSucceeded
spec:
  template:
    spec:
${indent(pod, 6)}
`;
  }
  return `${rbac}apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
${indent(pod, 10)}
`;
}

const configMap = (name: string, namespace: string | undefined, data: Record<string, string>): string =>
  `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${namespace === undefined ? '' : `  namespace: ${namespace}\n`}data:
${Object.entries(data)
  .map(([k, v]) => `  ${k}: |\n${indent(v, 4)}`)
  .join('\n')}
`;

const mongoService = (name: string, type: string, namespace = 'st2-prod'): string =>
  `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  type: ${type}
  selector: {app: mongodb, release: st2}
  ports:
    - {port: 27017, targetPort: 27017}
`;

/** A manifest's text from its `spec:` on (a Kyverno generate rule's data). */
const specOf = (text: string): string => text.slice(text.indexOf('\nspec:') + 1);

function kyverno(name: string, rule: string): string {
  return `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: ${name}
spec:
  rules:
${indent(rule, 4)}
`;
}

const onNamespace = (selector: string): string => `match:\n  any:\n    - resources:\n        kinds: [Namespace]\n${indent(selector, 8)}`;

export function fresh7DeliveryCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], wraps: Wrapped, rule: string | undefined, files: Record<string, string>): void => {
    cases.push(bodyCase(`fresh7-${id}`, cls, rule, { wraps, files }));
  };
  const withFile = (env: Wrapped, text: string, rest = ''): Record<string, string> => ({ 'kustomization.yaml': wrap(env, ['extra.yaml'], rest), 'extra.yaml': text });

  // --- delivery: objects outside st2's namespaces (ST2-OPS-015, every profile) ---
  add('argocd-rbac-default-admin', 'delivery', 'prod', 'ST2-OPS-015', withFile('prod', configMap('argocd-rbac-cm', 'argocd', { 'policy.default': 'role:admin', scopes: '[groups]' })));
  add('argocd-rbac-from-dev', 'delivery', 'dev', 'ST2-OPS-015', withFile('dev', configMap('argocd-rbac-cm', 'argocd', { 'policy.csv': 'g, everyone, role:admin' })));
  add('cmp-plugin-build-only', 'delivery', 'prod', 'ST2-OPS-015', withFile('prod', configMap('st2-gitops-cmp-plugin', 'argocd', { 'plugin.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: ConfigManagementPlugin\nmetadata:\n  name: st2-gitops-v1.0\nspec:\n  generate:\n    command: [sh, -c]\n    args: ["st2-gitops build ."]' })));
  add('coredns-rewrite-st2auth', 'delivery', 'prod', 'ST2-OPS-015', withFile('prod', configMap('coredns', 'kube-system', { Corefile: '.:53 {\n    rewrite name st2auth.st2-prod.svc.cluster.local login.example.invalid\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n}' })));
  add('coredns-custom-staging', 'delivery', 'staging', 'ST2-OPS-015', withFile('staging', configMap('coredns-custom', 'kube-system', { 'st2.override': 'rewrite name st2api.st2-staging.svc.cluster.local api.example.invalid' })));
  add('kube-system-namespace-object', 'delivery', 'prod', 'ST2-OPS-015', withFile('prod', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-system\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n'));
  add('secret-into-monitoring', 'delivery', 'prod', 'ST2-OPS-015', withFile('prod', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: st2-api-reader\n  namespace: monitoring\nstringData:\n  url: http://st2api.st2-prod:9101/\n'));
  add('ingress-controller-config-other-team', 'delivery', 'prod', 'ST2-OPS-015', withFile('prod', configMap('ingress-nginx-controller', 'ingress-nginx', { 'stream-snippet': 'server {\n  listen 6514;\n  proxy_pass syslog.logging.svc.cluster.local:6514;\n}' })));
  add('whole-render-into-argocd', 'delivery', 'prod', 'ST2-OPS-015', { 'kustomization.yaml': wrap('prod', [], 'namespace: argocd\n') });
  add('safe-configmap-without-namespace', 'delivery', 'prod', undefined, withFile('prod', configMap('st2-notes', undefined, { 'README.txt': 'runbook: https://wiki.example.invalid/st2' })));
  add('safe-configmap-in-st2-prod', 'delivery', 'prod', undefined, withFile('prod', configMap('st2-notes', 'st2-prod', { 'README.txt': 'on-call: #st2-ops' })));

  // --- delivery: what a delivery object fetches cannot be judged (ST2-OPS-001) ---
  add('fleet-gitrepo', 'delivery', 'prod', 'ST2-OPS-001', withFile('prod', 'apiVersion: fleet.cattle.io/v1alpha1\nkind: GitRepo\nmetadata:\n  name: st2-extras\n  namespace: fleet-local\nspec:\n  repo: https://git.example.invalid/platform/st2-extras.git\n  branch: main\n  paths: [prod]\n  targetNamespace: st2-prod\n'));
  add('fleet-gitrepo-in-st2-prod', 'delivery', 'prod', 'ST2-OPS-001', withFile('prod', 'apiVersion: fleet.cattle.io/v1alpha1\nkind: GitRepo\nmetadata:\n  name: st2-extras\nspec:\n  repo: https://git.example.invalid/platform/st2-extras.git\n  paths: [prod]\n'));
  add('k3s-helmchart', 'delivery', 'prod', 'ST2-OPS-001', withFile('prod', 'apiVersion: helm.cattle.io/v1\nkind: HelmChart\nmetadata:\n  name: st2-addons\nspec:\n  repo: https://charts.example.invalid\n  chart: st2-addons\n  targetNamespace: st2-prod\n'));
  add('flux-helmrelease-elsewhere', 'delivery', 'staging', 'ST2-OPS-001', withFile('staging', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: extras\nspec:\n  interval: 10m\n  chart:\n    spec:\n      chart: extras\n      sourceRef: {kind: HelmRepository, name: extras}\n'));
  add('kyverno-clone-secret', 'delivery', 'prod', 'ST2-OPS-001', withFile('prod', kyverno('copy-st2-auth', `- name: copy\n${indent(onNamespace('names: [tools]'), 2)}\n  generate:\n    apiVersion: v1\n    kind: Secret\n    name: st2-auth\n    namespace: "{{request.object.metadata.name}}"\n    synchronize: true\n    clone:\n      namespace: st2-prod\n      name: st2-auth`)));

  // --- delivery: inline manifests are judged as objects of the render ---
  add('crossplane-object-mongo-lb', 'delivery', 'prod', 'ST2-EXP-006', withFile('prod', `apiVersion: kubernetes.crossplane.io/v1alpha2
kind: Object
metadata:
  name: st2-mongodb-external
spec:
  forProvider:
    manifest:
${indent(mongoService('mongodb-external', 'LoadBalancer'), 6)}
  providerConfigRef:
    name: in-cluster
`));
  add('crossplane-namespaced-object-timers', 'delivery', 'prod', 'ST2-REP-001', withFile('prod', `apiVersion: kubernetes.m.crossplane.io/v1alpha1
kind: Object
metadata:
  name: st2-timers-b
spec:
  forProvider:
    manifest:
${indent(deployment('st2timersengine-b', service('st2timersengine-b', 'st2timersengine')), 6)}
`));
  add('crossplane-object-into-argocd', 'delivery', 'prod', 'ST2-OPS-015', withFile('prod', `apiVersion: kubernetes.crossplane.io/v1alpha2
kind: Object
metadata:
  name: argocd-rbac
spec:
  forProvider:
    manifest:
${indent(configMap('argocd-rbac-cm', 'argocd', { 'policy.default': 'role:admin' }), 6)}
`));
  add('kyverno-generate-nodeport', 'delivery', 'prod', 'ST2-EXP-002', withFile('prod', kyverno('st2-debug-access', `- name: mongodb-nodeport
${indent(onNamespace('names: [st2-prod]'), 2)}
  generate:
    apiVersion: v1
    kind: Service
    name: mongodb-debug
    namespace: st2-prod
    synchronize: true
    data:
      spec:
        type: NodePort
        selector: {app: mongodb, release: st2}
        ports:
          - {port: 27017, targetPort: 27017, nodePort: 32017}`)));
  add('kyverno-generate-foreach-lb', 'delivery', 'prod', 'ST2-EXP-006', withFile('prod', kyverno('st2-mq-access', `- name: mq
${indent(onNamespace('names: [st2-prod]'), 2)}
  generate:
    generateExisting: true
    foreach:
      - list: request.object.metadata.labels
        apiVersion: v1
        kind: Service
        name: rabbitmq-edge
        namespace: st2-prod
        data:
          spec:
            type: LoadBalancer
            selector: {app: rabbitmq, release: st2}
            ports:
              - {port: 5672, targetPort: 5672}`)));
  add('kyverno-generate-timers', 'delivery', 'prod', 'ST2-REP-001', withFile('prod', kyverno('st2-timers-standby', `- name: standby
${indent(onNamespace('names: [st2-prod]'), 2)}
  generate:
    apiVersion: apps/v1
    kind: Deployment
    name: st2timersengine-standby
    namespace: st2-prod
    data:
${indent(specOf(deployment('st2timersengine-standby', service('st2timersengine', 'st2timersengine'))), 6)}`)));
  add('safe-kyverno-generate-netpol', 'delivery', 'prod', undefined, withFile('prod', kyverno('default-deny-data', `- name: default-deny
${indent(onNamespace('selector:\n  matchLabels: {team: data}'), 2)}
  generate:
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    name: default-deny
    namespace: "{{request.object.metadata.name}}"
    synchronize: true
    data:
      spec:
        podSelector: {}
        policyTypes: [Ingress]`)));
  add('safe-crossplane-object-clusterip', 'delivery', 'prod', undefined, withFile('prod', `apiVersion: kubernetes.crossplane.io/v1alpha2
kind: Object
metadata:
  name: st2api-metrics
spec:
  forProvider:
    manifest:
      apiVersion: v1
      kind: Service
      metadata:
        name: st2api-metrics
        namespace: st2-prod
      spec:
        type: ClusterIP
        selector: {app: st2api, release: st2}
        ports:
          - {port: 9101, targetPort: 9101}
`));

  // --- components: singletons started where the gate did not look ---
  add('timers-plain-initcontainer', 'components', 'prod', 'ST2-REP-001', withFile('prod', deployment('st2-warmup', '- name: pause\n  image: registry.k8s.io/pause:3.10\n  ' + LIMITS + '\n  ' + SECURITY, '', service('warm', 'st2timersengine'))));
  add('timers-native-sidecar', 'components', 'prod', 'ST2-REP-001', withFile('prod', deployment('st2-warmup', '- name: pause\n  image: registry.k8s.io/pause:3.10\n  ' + LIMITS + '\n  ' + SECURITY, '', service('warm', 'st2timersengine', '  restartPolicy: Always'))));
  add('timers-poststart-hook', 'components', 'prod', 'ST2-REP-001', { 'kustomization.yaml': wrap('prod', [], patch('Deployment', 'st2actionrunner', `- op: add\n  path: /spec/template/spec/containers/0/lifecycle\n  value:\n    postStart:\n      exec:\n        command: ["sh", "-c", "nohup /opt/stackstorm/st2/bin/st2timersengine ${FILES} >/dev/null 2>&1 &"]`)) });
  add('gc-poststart-hook-staging', 'components', 'staging', undefined, { 'kustomization.yaml': wrap('staging', [], patch('Deployment', 'st2api', `- op: add\n  path: /spec/template/spec/containers/0/lifecycle\n  value:\n    postStart:\n      exec:\n        command: ["/bin/sh", "-c", "python -m st2reactor.cmd.garbagecollector ${FILES} &"]`)) });
  add('safe-prestop-sleep', 'components', 'prod', undefined, { 'kustomization.yaml': wrap('prod', [], patch('Deployment', 'st2actionrunner', `- op: add\n  path: /spec/template/spec/containers/0/lifecycle\n  value:\n    preStop:\n      exec:\n        command: ["sh", "-c", "sleep 15"]`)) });
  add('safe-init-wait-for-mongo', 'components', 'prod', undefined, withFile('prod', deployment('st2-report', '- name: report\n  image: stackstorm/st2actionrunner:3.8.1\n  command: [sleep, infinity]\n  ' + LIMITS + '\n  ' + SECURITY, '', '- name: wait\n  image: mongo:4.4.29\n  command: [sh, -c, "until mongo --host mongodb --eval 1; do sleep 2; done"]\n  ' + LIMITS + '\n  ' + SECURITY)));

  // A mounted start script that builds the service's name at run time.
  const scripted = (name: string, body: string): string =>
    `${configMap(`${name}-scripts`, undefined, { 'run.sh': body })}---\n${deployment(name, `- name: ${name}\n  image: stackstorm/st2actionrunner:3.8.1\n  command: ["sh", "-c", "exec /scripts/run.sh"]\n  volumeMounts:\n    - {name: scripts, mountPath: /scripts}\n${indent(CONFIG_MOUNTS, 4)}\n  ${LIMITS}\n  ${SECURITY}`, `- name: scripts\n  configMap: {name: ${name}-scripts, defaultMode: 0755}`)}`;
  add('timers-name-from-rev', 'components', 'prod', 'ST2-REP-013', withFile('prod', scripted('st2-helper', `#!/bin/sh\nsvc=$(printf 'enignesremit2ts' | rev)\nexec /opt/stackstorm/st2/bin/$svc ${FILES}\n`)));
  add('timers-module-from-variable', 'components', 'prod', 'ST2-REP-013', withFile('prod', scripted('st2-helper', `#!/bin/sh\nMOD=st2reactor.cmd.$(echo timers)engine\nexec /opt/stackstorm/st2/bin/python -m $MOD ${FILES}\n`)));
  add('timers-eval-command', 'components', 'staging', 'ST2-REP-013', withFile('staging', scripted('st2-helper', `#!/bin/sh\ncmd="/opt/stackstorm/st2/bin/st2$(date +%Z | tr A-Z a-z | cut -c1)imersengine"\n"$cmd" ${FILES}\n`)));
  add('safe-script-st2-cli-with-variables', 'components', 'prod', undefined, withFile('prod', scripted('st2-report', `#!/bin/sh\nlimit=\${LIMIT:-50}\nexec /opt/stackstorm/st2/bin/st2 execution list --limit "$limit"\n`)));

  // Manifests applied from a ConfigMap are judged; writes from elsewhere are ST2-OPS-016.
  const manifests = configMap('extra-manifests', undefined, { 'timers-b.yaml': deployment('st2timersengine-b', service('st2timersengine-b', 'st2timersengine')) });
  const applyMounts = '- {name: manifests, mountPath: /manifests}';
  const applyVolumes = '- name: manifests\n  configMap: {name: extra-manifests}';
  add('timers-applied-from-configmap', 'components', 'prod', 'ST2-REP-001', withFile('prod', `${manifests}---\n${kubectlJob('Job', 'apply-extra', ['kubectl', 'apply', '-f', '/manifests/'], applyMounts, applyVolumes)}`));
  add('timers-applied-one-file', 'components', 'prod', 'ST2-REP-001', withFile('prod', `${manifests}---\n${kubectlJob('Job', 'apply-extra', ['sh', '-c', 'kubectl apply -f /manifests/timers-b.yaml && echo done'], applyMounts, applyVolumes)}`));
  add('mongo-lb-applied-from-configmap', 'components', 'prod', 'ST2-EXP-006', withFile('prod', `${configMap('extra-manifests', undefined, { 'svc.yaml': mongoService('mongodb-edge', 'LoadBalancer') })}---\n${kubectlJob('CronJob', 'apply-extra', ['kubectl', 'create', '-f', '/manifests/svc.yaml'], applyMounts, applyVolumes)}`));
  add('apply-from-url', 'components', 'prod', 'ST2-OPS-016', withFile('prod', kubectlJob('Job', 'apply-remote', ['kubectl', 'apply', '-f', 'https://git.example.invalid/st2/extra.yaml'])));
  add('apply-from-stdin', 'components', 'prod', 'ST2-OPS-016', withFile('prod', kubectlJob('Job', 'apply-stdin', ['sh', '-c', 'curl -s https://git.example.invalid/st2/extra.yaml | kubectl apply -f -'])));
  add('kubectl-create-deployment', 'components', 'staging', 'ST2-OPS-016', withFile('staging', kubectlJob('Job', 'make-clock', ['kubectl', 'create', 'deployment', 'clock', '--image=registry.example.invalid/st2/clock:1'])));
  add('kubectl-expose-mongo', 'components', 'prod', 'ST2-OPS-016', withFile('prod', kubectlJob('Job', 'expose', ['kubectl', 'expose', 'statefulset', 'mongodb', '--type=LoadBalancer', '--name=mongo-lb'])));
  add('helm-upgrade-install', 'components', 'prod', 'ST2-OPS-016', withFile('prod', kubectlJob('Job', 'addons', ['helm', 'upgrade', '--install', 'addons', 'oci://charts.example.invalid/addons'], '', '', 'alpine/helm:3.16.3')));

  // kubectl (or the API) changing st2's workloads behind Argo CD's back.
  add('kubectl-scale-scheduler-cron', 'components', 'prod', 'ST2-OPS-016', withFile('prod', kubectlJob('CronJob', 'quiet-hours', ['kubectl', '-n', 'st2-prod', 'scale', 'deployment/st2scheduler', '--replicas=0'])));
  add('kubectl-patch-replicas', 'components', 'prod', 'ST2-OPS-016', withFile('prod', kubectlJob('CronJob', 'tune', ['kubectl', 'patch', 'deploy', 'st2workflowengine', '-p', '{"spec":{"replicas":1}}'])));
  add('kubectl-set-image', 'components', 'prod', 'ST2-OPS-016', withFile('prod', kubectlJob('Job', 'hotfix', ['kubectl', 'set', 'image', 'deployment/st2api', 'st2api=registry.example.invalid/st2api:patched'])));
  add('kubectl-rollout-undo', 'components', 'staging', 'ST2-OPS-016', withFile('staging', kubectlJob('CronJob', 'undo', ['kubectl', 'rollout', 'undo', 'deployment/st2api'])));
  add('kubectl-delete-deployment', 'components', 'prod', 'ST2-OPS-016', withFile('prod', kubectlJob('CronJob', 'cleanup', ['sh', '-ec', 'kubectl delete deploy st2timersengine --ignore-not-found'])));
  add('kubectl-scale-args-only', 'components', 'prod', 'ST2-OPS-016', withFile('prod', kubectlJob('CronJob', 'nightly', []).replace('command: []', 'args: ["scale", "sts/rabbitmq", "--replicas=1"]')));
  add('api-server-patch-by-curl', 'components', 'prod', 'ST2-OPS-016', withFile('prod', kubectlJob('CronJob', 'raw', ['sh', '-c', 'curl -sk -X PATCH -H "Content-Type: application/merge-patch+json" -H "Authorization: Bearer $(cat /var/run/secrets/kubernetes.io/serviceaccount/token)" https://kubernetes.default.svc/apis/apps/v1/namespaces/st2-prod/deployments/st2scheduler/scale -d \'{"spec":{"replicas":0}}\''], '', '', 'curlimages/curl:8.11.0')));
  add('kubectl-scale-in-mounted-script', 'components', 'prod', 'ST2-OPS-016', withFile('prod', `${configMap('ops-scripts', undefined, { 'quiet.sh': '#!/bin/sh\nset -e\nkubectl scale deployment st2rulesengine --replicas=0\n' })}---\n${kubectlJob('CronJob', 'quiet', ['sh', '/ops/quiet.sh'], '- {name: ops, mountPath: /ops}', '- name: ops\n  configMap: {name: ops-scripts}')}`));
  add('safe-kubectl-rollout-restart', 'components', 'prod', undefined, withFile('prod', kubectlJob('CronJob', 'reload', ['kubectl', 'rollout', 'restart', 'deployment/st2api'])));
  add('safe-kubectl-delete-finished-jobs', 'components', 'prod', undefined, withFile('prod', kubectlJob('CronJob', 'job-cleanup', ['sh', '-ec', 'kubectl delete job -l app=st2-register-content --field-selector status.successful=1'])));
  add('safe-kubectl-get-and-status', 'components', 'prod', undefined, withFile('prod', kubectlJob('CronJob', 'report', ['sh', '-c', 'kubectl get pods -l release=st2 -o wide; kubectl get events --sort-by=.lastTimestamp; kubectl top pods'])));
  add('safe-kubectl-delete-stuck-pods', 'components', 'staging', undefined, withFile('staging', kubectlJob('CronJob', 'unstick', ['kubectl', 'delete', 'pod', '-l', 'app=st2actionrunner', '--field-selector=status.phase=Failed'])));

  // A singleton renamed: production syncs without prune, staging prunes.
  const rename = (svc: string, to: string): string => patch('Deployment', svc, `- op: replace\n  path: /metadata/name\n  value: ${to}`);
  add('timers-renamed-in-production', 'components', 'prod', 'ST2-OPS-017', { 'kustomization.yaml': wrap('prod', [], rename('st2timersengine', 'st2-timersengine')) });
  add('gc-renamed-in-production', 'components', 'prod', undefined, { 'kustomization.yaml': wrap('prod', [], rename('st2garbagecollector', 'st2-gc')) });
  add('timers-versioned-name-in-production', 'components', 'prod', 'ST2-OPS-017', { 'kustomization.yaml': wrap('prod', [], rename('st2timersengine', 'st2timersengine-v2')) });
  add('safe-kubectl-rollout-status', 'components', 'prod', undefined, withFile('prod', kubectlJob('Job', 'wait-api', ['kubectl', 'rollout', 'status', 'deployment/st2api', '--timeout=5m'])));
  add('safe-timers-renamed-in-staging', 'components', 'staging', undefined, { 'kustomization.yaml': wrap('staging', [], rename('st2timersengine', 'st2-timersengine')) });
  add('safe-api-renamed-in-production', 'components', 'prod', undefined, { 'kustomization.yaml': wrap('prod', [], rename('st2api', 'st2-api')) });

  // A second timers engine in another namespace, wired to production's stores.
  add('timers-canary-namespace', 'components', 'prod', 'ST2-OPS-015', withFile('prod', deployment('st2timersengine', service('st2timersengine', 'st2timersengine')).replace('  name: st2timersengine\n', '  name: st2timersengine\n  namespace: st2-canary\n')));
  // Counted per store, not per namespace: a timers engine in st2-dev (an st2 namespace) wired to production's bus.
  const devTimers = (host: string): string =>
    `${configMap('st2-config', 'st2-dev', { 'st2.docker.conf': `[database]\nhost = mongodb://mongodb-0.mongodb.${host}:27017/?replicaSet=rs0\n[messaging]\nurl = amqp://st2@rabbitmq.${host}:5672\n`, 'st2.user.conf': '[api]\nallow_origin = https://st2.example.invalid' })}---\n${deployment('st2timersengine', service('st2timersengine', 'st2timersengine')).replace('  name: st2timersengine\n', '  name: st2timersengine\n  namespace: st2-dev\n')}`;
  add('timers-dev-namespace-on-prod-bus', 'components', 'prod', 'ST2-REP-001', withFile('prod', devTimers('st2-prod.svc')));
  add('safe-timers-dev-namespace-own-bus', 'components', 'prod', undefined, withFile('prod', devTimers('st2-dev.svc')));
  return cases;
}
