/**
 * The eighth red team (issue 12, /work/red8 at the time, run through
 * dist/st2-gitops against main at 7b0b4b2): the holes where another
 * controller or admission layer stops st2 after the gate allowed it, and two
 * safe changes it denied.
 *
 * - Admission: a LimitRange ratio and a Secret-count quota the render itself
 *   does not fit (ST2-OPS-032, evaluated as the limitranger and resourcequota
 *   plugins do, src/policy/admission-facts.ts), a ValidatingAdmissionPolicy
 *   bound with Deny and a sigstore opt-in (ST2-OPS-033: policies the gate
 *   cannot evaluate, unless the bundle's owner lists them).
 * - Network: default-deny ingress, egress without DNS (ST2-OPS-034, flows
 *   evaluated in src/policy/network-facts.ts) and a Cilium policy without DNS
 *   (ST2-OPS-035).
 * - Controllers: KEDA paused-replicas (a scaler floor, ST2-REP-005),
 *   kube-downscaler annotations (ST2-REP-019), a VPA memory cap (ST2-REP-020),
 *   an OpenKruise UnitedDeployment running two timers engines (ST2-REP-001); a
 *   WorkloadSpread patching pods is an admission mutation (ST2-OPS-002).
 * - TLS: st2web's production certificate from a selfSigned or ACME-staging
 *   issuer (ST2-EXP-012).
 * - Safe changes that were denied: a CronJob running `kubectl rollout
 *   restart` on the sensor container (its arguments name objects, not
 *   programs), st2client at 0 replicas (an operator's shell).
 *
 * The attacker's cases come first, then the variants written while closing
 * them, then safe look-alikes. No case holds a chart default.
 */
import type { Patch, RedTeamCase, CaseClass } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, patch, type Json } from './targets.js';

const NS = (name: string): Json => ({ version: 'v1', kind: 'Namespace', name });
const ingress = { group: 'networking.k8s.io', kind: 'Ingress', name: 'st2web' };
const annotate = (target: Json, key: string, value: string): Patch => patch(target, { op: 'add', path: `/metadata/annotations/${key.replace('/', '~1')}`, value });
const issuerPatch = (name: string): Patch => patch(ingress, { op: 'replace', path: '/metadata/annotations/cert-manager.io~1cluster-issuer', value: name });

const limitRange = (limits: Json[]): Json => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'st2-limits' }, spec: { limits } });
const quota = (hard: Json, extra: Json = {}): Json => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'st2-quota' }, spec: { hard, ...extra } });

const onlyProd = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'st2-prod' } } };
const podRules = [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] }];
const vap = (name: string): Json => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicy',
  metadata: { name },
  spec: { failurePolicy: 'Fail', matchConstraints: { resourceRules: podRules }, validations: [{ expression: "has(object.metadata.labels) && 'cost-centre' in object.metadata.labels", message: 'pods carry a cost centre' }] },
});
const vapBinding = (policyName: string, actions: string[]): Json => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicyBinding',
  metadata: { name: `${policyName}-st2` },
  spec: { policyName, validationActions: actions, matchResources: onlyProd },
});
const kyverno = (name: string, action: string, rule: Json, namespaces = ['st2-prod']): Json => ({
  apiVersion: 'kyverno.io/v1',
  kind: 'ClusterPolicy',
  metadata: { name },
  spec: { validationFailureAction: action, background: false, rules: [{ name: 'rule', match: { any: [{ resources: { kinds: ['Pod'], namespaces } }] }, ...rule }] },
});
const requireLabel = { validate: { message: 'cost centre required', pattern: { metadata: { labels: { 'cost-centre': '?*' } } } } };
const verifyImages = { verifyImages: [{ imageReferences: ['*'], attestors: [{ entries: [{ keyless: { subject: 'https://github.com/example-org/*', issuer: 'https://token.actions.githubusercontent.com' } }] }] }] };
const constraint = (enforcementAction?: string): Json => ({
  apiVersion: 'constraints.gatekeeper.sh/v1beta1',
  kind: 'K8sRequiredLabels',
  metadata: { name: 'pods-need-cost-centre' },
  spec: { ...(enforcementAction ? { enforcementAction } : {}), match: { kinds: [{ apiGroups: [''], kinds: ['Pod'] }], namespaces: ['st2-prod'] }, parameters: { labels: [{ key: 'cost-centre' }] } },
});
const imagePolicy = (mode?: string): Json => ({
  apiVersion: 'policy.sigstore.dev/v1beta1',
  kind: 'ClusterImagePolicy',
  metadata: { name: 'signed-by-our-ci' },
  spec: { ...(mode ? { mode } : {}), images: [{ glob: '**' }], authorities: [{ keyless: { url: 'https://fulcio.sigstore.dev', identities: [{ issuer: 'https://token.actions.githubusercontent.com', subjectRegExp: '^https://github.com/example-org/.*' }] } }] },
});

// --- NetworkPolicies -------------------------------------------------------------------------------

const netpol = (name: string, spec: Json): Json => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec });
const kubeDns = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } };
const dnsPorts = [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }];
const denyAll = netpol('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const allowDns = netpol('allow-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [kubeDns], ports: dnsPorts }] });
const allowIntra = netpol('allow-same-namespace', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] });
const allowController = netpol('allow-ingress-controller', {
  podSelector: { matchLabels: { app: 'st2web' } },
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ protocol: 'TCP', port: 'https' }] }],
});
const cilium = (name: string, spec: Json, kind = 'CiliumNetworkPolicy'): Json => ({ apiVersion: 'cilium.io/v2', kind, metadata: { name }, spec });
const ciliumDns = { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }] };

// --- Controllers ------------------------------------------------------------------------------------

const scaledObject = (name: string, annotations: Json, min: number): Json => ({
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { name, annotations },
  spec: { scaleTargetRef: { name }, minReplicaCount: min, maxReplicaCount: min + 3, triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } }] },
});
const vpa = (kind: string, name: string, mode: string, policy: Json): Json => ({
  apiVersion: 'autoscaling.k8s.io/v1',
  kind: 'VerticalPodAutoscaler',
  metadata: { name },
  spec: { targetRef: { apiVersion: 'apps/v1', kind, name }, updatePolicy: { updateMode: mode }, resourcePolicy: { containerPolicies: [policy] } },
});

const secure = { allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] } };
const timersContainer = (name = 'st2timersengine'): Json => ({
  name,
  image: 'stackstorm/st2timersengine:3.8.1',
  command: ['/opt/stackstorm/st2/bin/st2timersengine'],
  args: ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf', '--config-file=/etc/st2/st2.secrets.conf'],
  resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1000m', memory: '512Mi' } },
  securityContext: secure,
  volumeMounts: [
    { name: 'st2-config-vol', mountPath: '/etc/st2/st2.docker.conf', subPath: 'st2.docker.conf' },
    { name: 'st2-config-vol', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' },
    { name: 'st2-config-secrets-vol', mountPath: '/etc/st2/st2.secrets.conf', subPath: 'st2.secrets.conf', readOnly: true },
  ],
});
const timersVolumes = [
  { name: 'st2-config-vol', configMap: { name: 'st2-config' } },
  { name: 'st2-config-secrets-vol', secret: { secretName: 'st2-config-secrets', defaultMode: 288 } },
];
const podSecurity = { fsGroup: 1000, runAsGroup: 1000, runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } };
const timersLabels = { app: 'st2timersengine', release: 'st2' };

function unitedDeployment(replicas: number): Json {
  return {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'UnitedDeployment',
    metadata: { name: 'st2timersengine' },
    spec: {
      replicas,
      selector: { matchLabels: timersLabels },
      template: {
        deploymentTemplate: {
          metadata: { labels: timersLabels },
          spec: {
            replicas: 1,
            strategy: { type: 'Recreate' },
            selector: { matchLabels: timersLabels },
            template: { metadata: { labels: timersLabels }, spec: { imagePullSecrets: [{ name: 'st2-license' }], securityContext: podSecurity, containers: [timersContainer()], volumes: timersVolumes } },
          },
        },
      },
      topology: { subsets: ['a', 'b'].map((z) => ({ name: `zone-${z}`, nodeSelectorTerm: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [`eu-west-1${z}`] }] } })) },
    },
  };
}

/** The UnitedDeployment replacing the timers Deployment (deleted by a strategic-merge patch). */
function unitedOverlay(replicas: number): Record<string, string> {
  return {
    'kustomization.yaml': [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'metadata:',
      '  annotations:',
      '    st2-gitops/environment: "production"',
      'resources:',
      '  - ../../prod',
      '  - ud.yaml',
      'patches:',
      '  - patch: |-',
      '      $patch: delete',
      '      apiVersion: apps/v1',
      '      kind: Deployment',
      '      metadata:',
      '        name: st2timersengine',
      '',
    ].join('\n'),
    'ud.yaml': `${JSON.stringify(unitedDeployment(replicas))}\n`,
  };
}

const kubectlCron = (name: string, command: string[], sa = 'st2-restarter'): Json[] => [
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: sa }, rules: [{ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['st2sensorcontainer', 'st2timersengine'], verbs: ['get', 'patch'] }] },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: sa }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: sa }, subjects: [{ kind: 'ServiceAccount', name: sa, namespace: 'st2-prod' }] },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '0 3 * * 0',
      concurrencyPolicy: 'Forbid',
      jobTemplate: {
        spec: {
          backoffLimit: 1,
          template: {
            spec: {
              serviceAccountName: sa,
              restartPolicy: 'Never',
              securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } },
              containers: [{ name: 'kubectl', image: 'registry.k8s.io/kubectl:v1.32.4', command, resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } }, securityContext: { ...secure, readOnlyRootFilesystem: true } }],
            },
          },
        },
      },
    },
  },
];

/** OpenKruise WorkloadSpread over the timers engine: subsets by zone, optionally patching their pods. */
const workloadSpread = (subsets: Json[]): Json => ({
  apiVersion: 'apps.kruise.io/v1alpha1',
  kind: 'WorkloadSpread',
  metadata: { name: 'st2timersengine-zones' },
  spec: {
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2timersengine' },
    subsets: subsets.map((s) => ({ requiredNodeSelectorTerm: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [`eu-west-1${String(s['name']).slice(-1)}`] }] }, ...s })),
  },
});

const issuer = (kind: string, name: string, spec: Json): Json => ({ apiVersion: 'cert-manager.io/v1', kind, metadata: { name }, spec });
const acme = (server: string, account: string): Json => ({ acme: { server, email: 'ops@example.com', privateKeySecretRef: { name: account }, solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }] } });

export function fresh8AdmCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: CaseClass, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f8a-${id}`, cls, rule, body));
  };
  const deny = (id: string, cls: CaseClass, rule: string, body: CaseBody): void => add(id, cls, rule, body);
  const allow = (id: string, cls: CaseClass, body: CaseBody): void => add(id, cls, undefined, body);

  // --- Admission: the attacker's cases -----------------------------------------------------------
  deny('limitrange-ratio-two', 'availability', 'ST2-OPS-032', { resources: [limitRange([{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }])] });
  deny('quota-secrets-count', 'availability', 'ST2-OPS-032', { resources: [quota({ 'count/secrets': '2', 'count/configmaps': '20' })] });
  deny('sigstore-include', 'availability', 'ST2-OPS-033', { resources: [imagePolicy()], patches: [patch(NS('st2-prod'), { op: 'add', path: '/metadata/labels/policy.sigstore.dev~1include', value: 'true' })] });
  deny('vap-deny-unlabelled-pods', 'availability', 'ST2-OPS-033', { resources: [vap('require-cost-centre'), vapBinding('require-cost-centre', ['Deny'])] });
  // --- Variants ---
  deny('limitrange-min-memory', 'availability', 'ST2-OPS-032', { resources: [limitRange([{ type: 'Container', min: { memory: '1Gi' } }])] });
  deny('limitrange-pod-max-cpu', 'availability', 'ST2-OPS-032', { resources: [limitRange([{ type: 'Pod', max: { cpu: '1500m' } }])] });
  deny('limitrange-claim-max', 'availability', 'ST2-OPS-032', { resources: [limitRange([{ type: 'PersistentVolumeClaim', max: { storage: '10Gi' } }])] });
  deny('limitrange-ratio-staging', 'availability', 'ST2-OPS-032', { wraps: 'staging', resources: [limitRange([{ type: 'Container', maxLimitRequestRatio: { memory: '1' } }])] });
  deny('quota-requests-memory', 'availability', 'ST2-OPS-032', { resources: [quota({ 'requests.memory': '8Gi' })] });
  deny('quota-limits-cpu-scoped', 'availability', 'ST2-OPS-032', { resources: [quota({ 'limits.cpu': '4' }, { scopes: ['NotBestEffort'] })] });
  deny('quota-pods-not-best-effort', 'availability', 'ST2-OPS-032', { resources: [quota({ pods: '10' }, { scopes: ['NotBestEffort'] })] });
  deny('quota-deployments', 'availability', 'ST2-OPS-032', { resources: [quota({ 'count/deployments.apps': '6' })] });
  deny('quota-claims', 'availability', 'ST2-OPS-032', { resources: [quota({ persistentvolumeclaims: '4' })] });
  deny('quota-storage', 'availability', 'ST2-OPS-032', { resources: [quota({ 'requests.storage': '20Gi' })] });
  deny('quota-external-secrets-targets', 'availability', 'ST2-OPS-032', { resources: [quota({ secrets: '5' })] });
  deny('vap-binding-policy-outside', 'availability', 'ST2-OPS-033', { resources: [vapBinding('cluster-pod-baseline', ['Deny', 'Audit'])] });
  deny('vap-binding-no-actions', 'availability', 'ST2-OPS-033', { resources: [vap('require-cost-centre'), { ...vapBinding('require-cost-centre', []), spec: { policyName: 'require-cost-centre', matchResources: onlyProd } }] });
  deny('kyverno-enforce-label', 'availability', 'ST2-OPS-033', { resources: [kyverno('require-cost-centre', 'Enforce', requireLabel)] });
  deny('kyverno-rule-level-enforce', 'availability', 'ST2-OPS-033', { resources: [kyverno('require-cost-centre', 'Audit', { validate: { ...requireLabel.validate, failureAction: 'Enforce' } })] });
  deny('kyverno-verify-images', 'availability', 'ST2-OPS-033', { resources: [kyverno('signed-images', 'Enforce', verifyImages)] });
  deny('gatekeeper-required-labels', 'availability', 'ST2-OPS-033', { resources: [constraint()] });
  deny('sigstore-policy-alone', 'availability', 'ST2-OPS-033', { resources: [imagePolicy()] });
  deny('vap-staging', 'availability', 'ST2-OPS-033', { wraps: 'staging', resources: [vap('require-cost-centre'), { ...vapBinding('require-cost-centre', ['Deny']), spec: { policyName: 'require-cost-centre', validationActions: ['Deny'] } }] });
  // --- Safe look-alikes ---
  allow('safe-quota-generous', 'availability', { resources: [quota({ pods: '80', 'requests.cpu': '64', 'requests.memory': '256Gi', 'count/secrets': '50' })] });
  allow('safe-quota-no-loadbalancers', 'availability', { resources: [quota({ 'services.loadbalancers': '0', 'services.nodeports': '0', 'count/configmaps': '20' })] });
  allow('safe-quota-best-effort-scope', 'availability', { resources: [quota({ pods: '0' }, { scopes: ['BestEffort'] })] });
  allow('safe-downscaler-staging-warns', 'scalers', { wraps: 'staging', patches: [annotate({ group: 'apps', kind: 'StatefulSet', name: 'mongodb' }, 'downscaler/uptime', 'Mon-Fri 08:00-18:00 UTC')] });
  allow('safe-limitrange-generous', 'availability', { resources: [limitRange([{ type: 'Container', max: { cpu: '8', memory: '16Gi' }, min: { memory: '4Mi' }, maxLimitRequestRatio: { cpu: '100' } }])] });
  allow('safe-vap-warn-audit', 'availability', { resources: [vap('require-cost-centre'), vapBinding('require-cost-centre', ['Warn', 'Audit'])] });
  allow('safe-kyverno-enforce-elsewhere', 'availability', { resources: [kyverno('team-data-labels', 'Enforce', requireLabel, ['team-data'])] });
  allow('safe-kyverno-audit', 'availability', { resources: [kyverno('require-cost-centre', 'Audit', requireLabel)] });
  allow('safe-gatekeeper-dryrun', 'availability', { resources: [constraint('dryrun')] });
  allow('safe-sigstore-warn', 'availability', { resources: [imagePolicy('warn')] });

  // --- Network: the attacker's cases ---------------------------------------------------------------
  deny('netpol-default-deny-ingress', 'availability', 'ST2-OPS-034', { resources: [netpol('default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] })] });
  deny('netpol-egress-forgets-dns', 'availability', 'ST2-OPS-034', { resources: [netpol('egress-same-namespace', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: {} }] }] })] });
  deny('cilium-egress-fqdn-no-dns', 'availability', 'ST2-OPS-035', {
    resources: [cilium('st2-egress-lockdown', { endpointSelector: {}, egress: [{ toEndpoints: [{}] }, { toFQDNs: [{ matchName: 'github.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] })],
  });
  // --- Variants ---
  deny('netpol-dns-tcp-only', 'availability', 'ST2-OPS-034', { resources: [denyAll, allowIntra, allowController, netpol('allow-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [kubeDns], ports: [{ protocol: 'TCP', port: 53 }] }] })] });
  deny('netpol-dns-by-ip', 'availability', 'ST2-OPS-034', { resources: [denyAll, allowIntra, allowController, netpol('allow-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.96.0.10/32' } }], ports: dnsPorts }] })] });
  deny('netpol-mongodb-only-api', 'availability', 'ST2-OPS-034', {
    resources: [netpol('mongodb-from-api', { podSelector: { matchLabels: { app: 'mongodb' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'st2api' } } }], ports: [{ protocol: 'TCP', port: 27017 }] }] })],
  });
  deny('netpol-rabbitmq-no-peers', 'availability', 'ST2-OPS-034', {
    resources: [netpol('rabbitmq-amqp', { podSelector: { matchLabels: { app: 'rabbitmq' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { release: 'st2' } } }], ports: [{ protocol: 'TCP', port: 5672 }] }] })],
  });
  deny('netpol-egress-web-ports-only', 'availability', 'ST2-OPS-034', { resources: [netpol('egress-web', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [kubeDns], ports: dnsPorts }, { ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 80 }] }] })] });
  deny('netpol-st2web-namespace-only', 'availability', 'ST2-OPS-034', {
    resources: [netpol('st2web-internal', { podSelector: { matchLabels: { app: 'st2web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] })],
  });
  deny('netpol-api-from-st2web-wrong-port', 'availability', 'ST2-OPS-034', {
    resources: [netpol('api-from-web', { podSelector: { matchLabels: { tier: 'backend' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 'http-alt' }] }] })],
  });
  deny('netpol-staging-default-deny', 'availability', 'ST2-OPS-034', { wraps: 'staging', resources: [denyAll] });
  deny('cilium-clusterwide-no-dns', 'availability', 'ST2-OPS-035', { resources: [cilium('egress-cluster-only', { endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'st2-prod' } }, egress: [{ toEntities: ['world'] }] }, 'CiliumClusterwideNetworkPolicy')] });
  deny('cilium-egress-deny-dns', 'availability', 'ST2-OPS-035', { resources: [cilium('no-dns', { endpointSelector: {}, egress: [{ toEntities: ['all'] }], egressDeny: [{ toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] }] })] });
  deny('calico-global-egress-https', 'availability', 'ST2-OPS-035', {
    resources: [{ apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'egress-https' }, spec: { selector: 'all()', types: ['Egress'], egress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [443] } }] } }],
  });
  deny('cilium-with-dns-unlisted', 'availability', 'ST2-OPS-035', { resources: [cilium('st2-egress', { endpointSelector: {}, egress: [{ toEndpoints: [{}] }, ciliumDns] })] });
  // --- Safe look-alikes ---
  allow('safe-netpol-mongodb-from-st2', 'availability', { resources: [netpol('mongodb-from-st2', { podSelector: { matchLabels: { app: 'mongodb' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { release: 'st2' } } }], ports: [{ protocol: 'TCP', port: 27017 }] }] })] });
  allow('safe-netpol-egress-with-dns', 'availability', {
    resources: [netpol('egress-st2', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: {} }] }, { to: [kubeDns], ports: dnsPorts }, { ports: [22, 80, 443, 5986].map((port) => ({ protocol: 'TCP', port })) }] })],
  });
  allow('safe-netpol-default-deny-with-allows', 'availability', { resources: [denyAll, allowDns, allowIntra, allowController] });
  allow('safe-netpol-dns-udp-only', 'availability', { resources: [denyAll, allowIntra, allowController, netpol('allow-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [kubeDns], ports: [{ protocol: 'UDP', port: 53 }] }] })] });
  allow('safe-netpol-named-ports', 'availability', {
    resources: [netpol('rabbitmq-cluster', { podSelector: { matchLabels: { app: 'rabbitmq' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { release: 'st2' } } }], ports: [{ protocol: 'TCP', port: 'amqp' }, { protocol: 'TCP', port: 4369 }, { protocol: 'TCP', port: 25672 }] }] })],
  });
  allow('safe-netpol-staging-default-deny-with-allows', 'availability', { wraps: 'staging', resources: [denyAll, allowDns, allowIntra, allowController] });
  allow('safe-cilium-staging-with-dns', 'availability', { wraps: 'staging', resources: [cilium('st2-egress', { endpointSelector: {}, egress: [{ toEndpoints: [{}] }, ciliumDns] })] });
  allow('safe-cilium-other-namespace-labels', 'availability', { resources: [cilium('monitoring-only', { endpointSelector: { matchLabels: { app: 'prometheus' } }, egress: [{ toEndpoints: [{}] }] })] });

  // --- Controllers: the attacker's cases -------------------------------------------------------------
  deny('keda-paused-replicas-zero', 'scalers', 'ST2-REP-005', { resources: [scaledObject('st2api', { 'autoscaling.keda.sh/paused-replicas': '0' }, 3)] });
  deny('downscaler-namespace-uptime', 'scalers', 'ST2-REP-019', { patches: [annotate(NS('st2-prod'), 'downscaler/uptime', 'Mon-Fri 07:00-19:00 Europe/Berlin')] });
  deny('vpa-st2api-tiny-max', 'scalers', 'ST2-REP-020', { resources: [vpa('Deployment', 'st2api', 'Auto', { containerName: 'st2api', controlledValues: 'RequestsAndLimits', maxAllowed: { memory: '48Mi', cpu: '200m' } })] });
  deny('kruise-united-timers', 'components', 'ST2-REP-001', { files: unitedOverlay(2) });
  // --- Variants ---
  deny('keda-paused-replicas-one', 'scalers', 'ST2-REP-005', { resources: [scaledObject('st2workflowengine', { 'autoscaling.keda.sh/paused-replicas': '1' }, 3)] });
  deny('downscaler-timers-weekend', 'scalers', 'ST2-REP-019', { patches: [annotate(DEPLOY('st2timersengine'), 'downscaler/downtime', 'Sat-Sun 00:00-24:00 UTC')] });
  deny('downscaler-namespace-one-replica', 'scalers', 'ST2-REP-019', { patches: [annotate(NS('st2-prod'), 'downscaler/downscale-period', 'Mon-Sun 20:00-06:00 UTC'), annotate(NS('st2-prod'), 'downscaler/downtime-replicas', '1')] });
  deny('downscaler-force-runners', 'scalers', 'ST2-REP-019', { patches: [annotate(DEPLOY('st2actionrunner'), 'downscaler/force-downtime', 'true')] });
  deny('downscaler-mongodb-statefulset', 'scalers', 'ST2-REP-019', { patches: [annotate({ group: 'apps', kind: 'StatefulSet', name: 'mongodb' }, 'downscaler/uptime', 'Mon-Fri 08:00-18:00 UTC')] });
  deny('vpa-mongodb-wildcard', 'scalers', 'ST2-REP-020', { resources: [vpa('StatefulSet', 'mongodb', 'Recreate', { containerName: '*', maxAllowed: { memory: '512Mi' } })] });
  deny('vpa-timers-initial-cap', 'scalers', 'ST2-REP-020', { resources: [vpa('Deployment', 'st2timersengine', 'Initial', { containerName: 'st2timersengine', maxAllowed: { memory: '64Mi' } })] });
  deny('kruise-sidecarset-timers', 'components', 'ST2-REP-001', {
    resources: [{ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'SidecarSet', metadata: { name: 'timers-everywhere' }, spec: { selector: { matchLabels: { app: 'st2api' } }, containers: [timersContainer('timers-sidecar')], volumes: timersVolumes } }],
  });
  deny('kruise-workloadspread-patch', 'components', 'ST2-OPS-002', {
    resources: [workloadSpread([{ name: 'zone-a', maxReplicas: 1, patch: { spec: { containers: [{ name: 'st2timersengine', args: ['--config-file=/etc/st2/st2.conf'] }] } } }, { name: 'zone-b' }])],
  });
  // --- Safe look-alikes ---
  allow('safe-downscaler-exclude', 'scalers', { patches: [annotate(NS('st2-prod'), 'downscaler/uptime', 'Mon-Fri 07:00-19:00 UTC'), annotate(NS('st2-prod'), 'downscaler/exclude', 'true')] });
  allow('safe-downscaler-uptime-always', 'scalers', { patches: [annotate(NS('st2-prod'), 'downscaler/uptime', 'always')] });
  allow('safe-downscaler-floor-replicas', 'scalers', { patches: [annotate(NS('st2-prod'), 'downscaler/downtime', 'Sat-Sun 00:00-24:00 UTC'), annotate(NS('st2-prod'), 'downscaler/downtime-replicas', '3')] });
  allow('safe-keda-runners-floor', 'scalers', { resources: [scaledObject('st2actionrunner', {}, 8)] });
  allow('safe-keda-paused-at-floor', 'scalers', { resources: [scaledObject('st2api', { 'autoscaling.keda.sh/paused-replicas': '3' }, 3)] });
  allow('safe-vpa-off', 'scalers', { resources: [vpa('Deployment', 'st2api', 'Off', { containerName: 'st2api', maxAllowed: { memory: '48Mi' } })] });
  allow('safe-vpa-cpu-only', 'scalers', { resources: [vpa('Deployment', 'st2api', 'Auto', { containerName: 'st2api', controlledResources: ['cpu'], maxAllowed: { memory: '48Mi', cpu: '2' } })] });
  allow('safe-vpa-initial-room', 'scalers', { resources: [vpa('Deployment', 'st2timersengine', 'Initial', { containerName: 'st2timersengine', minAllowed: { memory: '256Mi' }, maxAllowed: { memory: '1Gi' } })] });
  allow('safe-kruise-united-timers-one', 'components', { files: unitedOverlay(1) });
  allow('safe-kruise-workloadspread-zones', 'components', { resources: [workloadSpread([{ name: 'zone-a', maxReplicas: 1 }, { name: 'zone-b' }])] });

  // --- TLS: the attacker's cases ---------------------------------------------------------------------
  deny('issuer-selfsigned', 'exposure', 'ST2-EXP-012', { resources: [issuer('ClusterIssuer', 'selfsigned', { selfSigned: {} })], patches: [issuerPatch('selfsigned')] });
  deny('issuer-acme-staging', 'exposure', 'ST2-EXP-012', { resources: [issuer('ClusterIssuer', 'le-staging', acme('https://acme-staging-v02.api.letsencrypt.org/directory', 'le-staging-account'))], patches: [issuerPatch('le-staging')] });
  // --- Variants ---
  deny('issuer-unknown-name', 'exposure', 'ST2-EXP-012', { patches: [issuerPatch('corp-internal-ca')] });
  deny('issuer-namespaced-ca', 'exposure', 'ST2-EXP-012', {
    resources: [issuer('Issuer', 'st2-ca', { ca: { secretName: 'st2-ca-keypair' } })],
    patches: [patch(ingress, { op: 'remove', path: '/metadata/annotations/cert-manager.io~1cluster-issuer' }, { op: 'add', path: '/metadata/annotations/cert-manager.io~1issuer', value: 'st2-ca' })],
  });
  deny('issuer-other-acme', 'exposure', 'ST2-EXP-012', { resources: [issuer('ClusterIssuer', 'step-acme', acme('https://ca.internal.example.net/acme/acme/directory', 'step-account'))], patches: [issuerPatch('step-acme')] });
  deny('certificate-selfsigned', 'exposure', 'ST2-EXP-012', {
    resources: [
      issuer('ClusterIssuer', 'selfsigned', { selfSigned: {} }),
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'st2web' }, spec: { secretName: 'st2web-ingress-tls', dnsNames: ['st2.example.com'], issuerRef: { kind: 'ClusterIssuer', name: 'selfsigned' } } },
    ],
  });
  // --- Safe look-alikes ---
  allow('safe-issuer-dns01', 'exposure', {
    resources: [issuer('ClusterIssuer', 'le-production-dns', { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'ops@example.com', privateKeySecretRef: { name: 'le-dns-account' }, solvers: [{ dns01: { route53: { region: 'eu-west-1' } } }] } })],
    patches: [issuerPatch('le-production-dns')],
  });
  allow('safe-issuer-zerossl', 'exposure', { resources: [issuer('ClusterIssuer', 'zerossl', acme('https://acme.zerossl.com/v2/DV90', 'zerossl-account'))], patches: [issuerPatch('zerossl')] });
  allow('safe-issuer-selfsigned-staging', 'exposure', { wraps: 'staging', resources: [issuer('ClusterIssuer', 'selfsigned', { selfSigned: {} })], patches: [issuerPatch('selfsigned')] });

  // --- Safe changes the gate denied ----------------------------------------------------------------------
  allow('safe-cron-rollout-restart-sensors', 'components', { resources: kubectlCron('restart-sensors', ['kubectl', 'rollout', 'restart', 'deployment/st2sensorcontainer']) });
  allow('safe-cron-restart-sensors-shell', 'components', {
    resources: kubectlCron('restart-sensors', ['sh', '-c', 'kubectl rollout restart deployment st2sensorcontainer && kubectl rollout status deployment st2sensorcontainer --timeout=300s']),
  });
  allow('safe-cron-restart-timers', 'components', { resources: kubectlCron('restart-timers', ['kubectl', 'rollout', 'restart', 'deploy/st2timersengine']) });
  allow('safe-st2client-zero', 'scalers', { extra: ['replicas:', '  - name: st2client', '    count: 0'] });
  // --- What kubectl makes run still counts ---
  deny('kubectl-exec-second-timers', 'components', 'ST2-REP-001', {
    resources: kubectlCron('exec-timers', ['kubectl', 'exec', 'deploy/st2api', '--', '/opt/stackstorm/st2/bin/st2timersengine', '--config-file=/etc/st2/st2.conf']),
  });
  deny('kubectl-run-timers-image', 'components', 'ST2-REP-001', { resources: kubectlCron('run-timers', ['sh', '-c', 'kubectl run timers-2 --image=stackstorm/st2timersengine:3.8.1 --restart=Never']) });
  deny('sensors-zero', 'scalers', 'ST2-REP-010', { extra: ['replicas:', '  - name: st2sensorcontainer', '    count: 0'] });
  return cases;
}
