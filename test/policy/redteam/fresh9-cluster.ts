/**
 * The ninth red team (issue 12, /work/red9 at the time, judged through
 * dist/st2-gitops against main at 0305b6c), its classes where the render
 * harms the cluster and other tenants, or hands out rights that bypass the
 * gate. 30 of its unsafe overlays of these classes were allowed: hostPath
 * PersistentVolumes pre-bound to claims the runners mount, a claim taking
 * another team's released volume; ClusterRoles letting the runners' service
 * account delete nodes or admission webhooks; `deployments/scale`, Service,
 * EndpointSlice, PDB/PVC delete, ExternalSecret and PushSecret rights for
 * every authenticated user; a globalDefault PriorityClass, runners and a
 * DaemonSet at system-node-critical; default IngressClass and StorageClass;
 * an APIService for metrics.k8s.io, a trimmed operator CRD, a FlowSchema
 * throttling everyone; a 2000-pod Job; Kyverno PolicyExceptions; IRSA roles
 * on the runners' and the default service accounts; runners on the control
 * plane; stores on spot capacity; region anti-affinity in a one-region
 * cluster. Closed by the rights table of ST2-OPS-006 (cluster-scoped rights
 * count through ClusterRoleBindings only) and ST2-OPS-040..045, ST2-SEC-015
 * (policies/operations_cluster.rego, operations_cluster_pods.rego).
 *
 * The attacker's cases first (rewritten as patches and resources), then the
 * next variants, then safe look-alikes that must stay allowed. No secret
 * value appears: RBAC, scheduling and volume objects carry none.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { SPEC, DEPLOY, STS, patch, add, replace, type Json } from './targets.js';

const RBAC = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const NS: Record<Wrapped, string> = { prod: 'st2-prod', staging: 'st2-staging', dev: 'st2-dev' };

const rule = (apiGroups: readonly string[], resources: readonly string[], verbs: readonly string[]): Json => ({ apiGroups, resources, verbs });
const everyone: Json = { kind: 'Group', apiGroup: RBAC_GROUP, name: 'system:authenticated' };
/** st2's pods run as the namespace's default account (no serviceAccountName in base/). */
const runners = (env: Wrapped = 'prod'): Json => ({ kind: 'ServiceAccount', name: 'default', namespace: NS[env] });

/** A Role and its RoleBinding in st2's namespace. */
const granted = (name: string, rules: readonly Json[], subject: Json): Json[] => [
  { apiVersion: RBAC, kind: 'Role', metadata: { name }, rules },
  { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name }, roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name }, subjects: [subject] },
];

/** A ClusterRole and its ClusterRoleBinding (or a RoleBinding of it in st2's namespace). */
const clusterGranted = (name: string, rules: readonly Json[], subject: Json, via: 'ClusterRoleBinding' | 'RoleBinding' = 'ClusterRoleBinding', labels: Record<string, string> = {}): Json[] => [
  { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, labels }, rules },
  { apiVersion: RBAC, kind: via, metadata: { name }, roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name }, subjects: [subject] },
];

/** A volume from claim `claim` mounted at `at` in the first container of Deployment `name`. */
const mountClaim = (name: string, claim: string, at: string): Patch =>
  patch(DEPLOY(name), add(`${SPEC}/volumes/-`, { name: 'extra', persistentVolumeClaim: { claimName: claim } }), add(`${SPEC}/containers/0/volumeMounts/-`, { name: 'extra', mountPath: at }));

const pvc = (name: string, spec: Json): Json => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '10Gi' } }, ...spec } });
const pv = (name: string, source: Json, claim?: { namespace: string; name: string }): Json => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name },
  spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteMany'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: '', ...source, ...(claim ? { claimRef: claim } : {}) },
});

const SECURE = { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 1000, capabilities: { drop: ['ALL'] } };
const LIMITS = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } };
const podSpec = (extra: Json = {}): Json => ({
  restartPolicy: 'Never',
  securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'main', image: 'busybox:1.36.1', command: ['sh', '-c', 'echo ok'], resources: LIMITS, securityContext: SECURE }],
  ...extra,
});
const job = (name: string, spec: Json, pod: Json = {}): Json => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { backoffLimit: 0, ...spec, template: { spec: podSpec(pod) } } });

const nodeAffinity = (expressions: readonly Json[]): Json => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: expressions }] } } });
const antiAffinity = (labels: Json, topologyKey: string): Json => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: labels }, topologyKey }] } });

export function fresh9ClusterCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const put = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f9-${id}`, 'cluster', rule, body));
  };
  const deny = (id: string, rule: string, body: CaseBody): void => put(id, rule, body);
  const allow = (id: string, body: CaseBody): void => put(id, undefined, body);

  // --- The attacker's cases ---------------------------------------------------------------------
  deny('pv-hostpath-root', 'ST2-OPS-043', {
    resources: [pv('st2-prod-scratch', { hostPath: { path: '/' } }, { namespace: 'st2-prod', name: 'scratch' }), pvc('scratch', { storageClassName: '', volumeName: 'st2-prod-scratch' })],
    patches: [mountClaim('st2actionrunner', 'scratch', '/mnt/scratch')],
  });
  deny('dev-pv-hostpath', 'ST2-OPS-043', {
    wraps: 'dev',
    resources: [pv('st2-dev-scratch', { hostPath: { path: '/' } }, { namespace: 'st2-dev', name: 'scratch' }), pvc('scratch', { storageClassName: '', volumeName: 'st2-dev-scratch' })],
    patches: [mountClaim('st2actionrunner', 'scratch', '/mnt/scratch')],
  });
  deny('pvc-steal-volume', 'ST2-OPS-043', { resources: [pvc('restore', { accessModes: ['ReadWriteOnce'], storageClassName: '', volumeName: 'finance-postgres-data' })], patches: [mountClaim('st2client', 'restore', '/restore')] });
  deny('crb-runner-nodes', 'ST2-OPS-006', { resources: clusterGranted('st2-node-maintenance', [rule([''], ['nodes'], ['get', 'list', 'patch', 'update', 'delete'])], runners()) });
  deny('crb-runner-webhooks', 'ST2-OPS-006', {
    resources: clusterGranted('st2-webhook-cleanup', [rule(['admissionregistration.k8s.io'], ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'], ['get', 'list', 'delete'])], runners()),
  });
  deny('dev-crb-runner-nodes', 'ST2-OPS-006', { wraps: 'dev', resources: clusterGranted('st2-dev-nodes', [rule([''], ['nodes'], ['get', 'list', 'delete', 'patch'])], runners('dev')) });
  deny('rb-scale-everyone', 'ST2-OPS-006', { resources: granted('st2-scaler', [rule(['apps'], ['deployments/scale', 'statefulsets/scale'], ['get', 'patch', 'update'])], everyone) });
  deny('rb-runner-scale', 'ST2-OPS-006', { resources: granted('st2-runner-autoscale', [rule(['apps'], ['deployments/scale'], ['get', 'update', 'patch'])], runners()) });
  deny('rb-endpointslices-everyone', 'ST2-OPS-006', {
    resources: granted('st2-endpoints', [rule(['discovery.k8s.io'], ['endpointslices'], ['get', 'list', 'create', 'update', 'patch']), rule([''], ['endpoints'], ['create', 'update', 'patch'])], everyone),
  });
  deny('rb-services-everyone', 'ST2-OPS-006', { resources: granted('st2-services', [rule([''], ['services'], ['get', 'list', 'update', 'patch', 'create'])], everyone) });
  deny('rb-pdb-pvc-delete-everyone', 'ST2-OPS-006', {
    resources: granted('st2-cleanup', [rule(['policy'], ['poddisruptionbudgets'], ['get', 'list', 'delete']), rule([''], ['persistentvolumeclaims'], ['get', 'list', 'delete'])], everyone),
  });
  deny('rb-externalsecrets-everyone', 'ST2-OPS-006', { resources: granted('st2-es', [rule(['external-secrets.io'], ['externalsecrets'], ['get', 'list', 'create', 'update'])], everyone) });
  deny('rb-pushsecrets-everyone', 'ST2-OPS-006', { resources: granted('st2-push', [rule(['external-secrets.io'], ['pushsecrets'], ['get', 'list', 'create'])], everyone) });
  deny('priorityclass-global-default', 'ST2-OPS-040', {
    resources: [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'st2-default' }, value: 1_000_000_000, globalDefault: true, description: 'st2 workloads' }],
  });
  deny('runner-system-node-critical', 'ST2-OPS-040', { patches: [patch(DEPLOY('st2actionrunner'), add(`${SPEC}/priorityClassName`, 'system-node-critical'))] });
  deny('daemonset-critical', 'ST2-OPS-040', {
    resources: [
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'st2-node-agent' },
        spec: {
          selector: { matchLabels: { app: 'st2-node-agent' } },
          template: { metadata: { labels: { app: 'st2-node-agent' } }, spec: { ...podSpec({ priorityClassName: 'system-node-critical', tolerations: [{ operator: 'Exists' }] }), restartPolicy: 'Always' } },
        },
      },
    ],
  });
  deny('ingressclass-default', 'ST2-OPS-041', {
    resources: [{ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'st2-nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } }],
  });
  deny('storageclass-default', 'ST2-OPS-041', {
    resources: [
      { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'st2-fast', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Delete', parameters: { type: 'gp3' } },
    ],
  });
  deny('apiservice-metrics', 'ST2-OPS-042', {
    resources: [
      {
        apiVersion: 'apiregistration.k8s.io/v1',
        kind: 'APIService',
        metadata: { name: 'v1beta1.metrics.k8s.io' },
        spec: { service: { name: 'st2api', namespace: 'st2-prod', port: 9101 }, group: 'metrics.k8s.io', version: 'v1beta1', insecureSkipTLSVerify: true, groupPriorityMinimum: 100, versionPriority: 100 },
      },
    ],
  });
  deny('crd-overwrite', 'ST2-OPS-042', {
    resources: [
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'externalsecrets.external-secrets.io' },
        spec: {
          group: 'external-secrets.io',
          names: { kind: 'ExternalSecret', listKind: 'ExternalSecretList', plural: 'externalsecrets', singular: 'externalsecret' },
          scope: 'Namespaced',
          versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
        },
      },
    ],
  });
  deny('flowschema-throttle', 'ST2-OPS-042', {
    resources: [
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name: 'st2-tiny' }, spec: { type: 'Limited', limited: { nominalConcurrencyShares: 1, limitResponse: { type: 'Reject' } } } },
      {
        apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
        kind: 'FlowSchema',
        metadata: { name: 'st2-everyone' },
        spec: {
          matchingPrecedence: 500,
          priorityLevelConfiguration: { name: 'st2-tiny' },
          rules: [{ subjects: [{ kind: 'Group', group: { name: 'system:authenticated' } }], resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'], clusterScope: true }] }],
        },
      },
    ],
  });
  deny('job-parallel-2000', 'ST2-OPS-044', { resources: [job('st2-loadtest', { parallelism: 2000, completions: 2000 })] });
  deny('kyverno-exception-all', 'ST2-OPS-042', {
    resources: [
      {
        apiVersion: 'kyverno.io/v2',
        kind: 'PolicyException',
        metadata: { name: 'st2-all' },
        spec: { exceptions: [{ policyName: '*', ruleNames: ['*'] }], match: { any: [{ resources: { kinds: ['Pod', 'Deployment', 'StatefulSet'], namespaces: ['st2-prod'] } }] } },
      },
    ],
  });
  deny('kyverno-exception-runner', 'ST2-OPS-042', {
    resources: [
      {
        apiVersion: 'kyverno.io/v2',
        kind: 'PolicyException',
        metadata: { name: 'st2-runner' },
        spec: {
          exceptions: [{ policyName: 'disallow-privileged-containers', ruleNames: ['privileged-containers', 'autogen-privileged-containers'] }],
          match: { any: [{ resources: { kinds: ['Pod', 'Deployment'], names: ['st2actionrunner*'] } }] },
        },
      },
    ],
  });
  deny('irsa-admin-runner', 'ST2-SEC-015', {
    resources: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'st2-runner', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/AdministratorAccess' } } }],
    patches: [patch(DEPLOY('st2actionrunner'), add(`${SPEC}/serviceAccountName`, 'st2-runner'))],
  });
  deny('irsa-default-sa', 'ST2-SEC-015', {
    resources: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/platform-cluster-admin' } } }],
  });
  deny('spot-stores-eks', 'ST2-OPS-045', {
    patches: [patch(STS('mongodb'), add(`${SPEC}/nodeSelector`, { 'eks.amazonaws.com/capacityType': 'SPOT' })), patch(STS('etcd'), add(`${SPEC}/nodeSelector`, { 'eks.amazonaws.com/capacityType': 'SPOT' }))],
  });
  deny('spot-rabbit-gke', 'ST2-OPS-045', {
    patches: [
      patch(
        STS('rabbitmq'),
        add(`${SPEC}/nodeSelector`, { 'cloud.google.com/gke-spot': 'true' }),
        add(`${SPEC}/tolerations`, [{ key: 'cloud.google.com/gke-spot', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]),
      ),
    ],
  });
  deny('runner-control-plane', 'ST2-OPS-045', {
    patches: [patch(DEPLOY('st2actionrunner'), add(`${SPEC}/tolerations`, [{ operator: 'Exists' }]), add(`${SPEC}/nodeSelector`, { 'node-role.kubernetes.io/control-plane': '' }))],
  });
  deny('mongo-region-anti-affinity', 'ST2-OPS-044', { patches: [patch(STS('mongodb'), replace(`${SPEC}/affinity`, antiAffinity({ app: 'mongodb', release: 'st2' }, 'topology.kubernetes.io/region')))] });

  // --- Variants: rights ---------------------------------------------------------------------------
  deny('crb-everyone-nodes-wildcard', 'ST2-OPS-006', { resources: clusterGranted('st2-nodes-all', [rule([''], ['nodes'], ['*'])], everyone) });
  deny('rb-runner-statefulset-scale', 'ST2-OPS-006', { resources: granted('st2-sts-scale', [rule(['apps'], ['statefulsets/scale'], ['patch'])], runners()) });
  deny('rb-runner-delete-pods', 'ST2-OPS-006', { resources: granted('st2-pod-reaper', [rule([''], ['pods'], ['list', 'delete', 'deletecollection'])], runners()) });
  deny('rb-staging-endpoints-everyone', 'ST2-OPS-006', { wraps: 'staging', resources: granted('st2-ep', [rule([''], ['endpoints'], ['update'])], everyone) });
  deny('crb-runner-crds', 'ST2-OPS-006', { resources: clusterGranted('st2-crd-upgrader', [rule(['apiextensions.k8s.io'], ['customresourcedefinitions'], ['get', 'update', 'patch'])], runners()) });
  deny('crb-runner-gatekeeper-constraints', 'ST2-OPS-006', { resources: clusterGranted('st2-gk', [rule(['constraints.gatekeeper.sh'], ['k8spspprivilegedcontainer'], ['delete'])], runners()) });
  deny('crb-runner-persistentvolumes', 'ST2-OPS-006', { resources: clusterGranted('st2-pv-maker', [rule([''], ['persistentvolumes'], ['create'])], runners()) });
  deny('rb-runner-policyexceptions', 'ST2-OPS-006', { resources: granted('st2-pe', [rule(['kyverno.io'], ['policyexceptions'], ['create'])], runners()) });
  deny('crb-runner-namespaces-delete', 'ST2-OPS-006', { resources: clusterGranted('st2-ns-cleanup', [rule([''], ['namespaces'], ['delete'])], runners()) });
  deny('crb-runner-csr-approve', 'ST2-OPS-006', {
    resources: clusterGranted('st2-csr', [rule(['certificates.k8s.io'], ['certificatesigningrequests/approval'], ['update']), rule(['certificates.k8s.io'], ['signers'], ['approve'])], runners()),
  });
  // The runners' account named as the User its token authenticates as.
  deny('rb-user-form-runner-secrets', 'ST2-OPS-006', { resources: granted('st2-secret-reader', [rule([''], ['secrets'], ['get'])], { kind: 'User', apiGroup: RBAC_GROUP, name: 'system:serviceaccount:st2-prod:default' }) });
  // A built-in control-plane role bound by name: the node lifecycle controller deletes nodes.
  deny('crb-runner-node-controller', 'ST2-OPS-006', {
    resources: [{ apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'st2-node-gc' }, roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: 'system:controller:node-controller' }, subjects: [runners()] }],
  });
  deny('rb-everyone-aggregate-to-edit', 'ST2-OPS-006', {
    resources: [{ apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'st2-edit-parts' }, roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: 'system:aggregate-to-edit' }, subjects: [everyone] }],
  });
  deny('aggregate-to-view-nodes-patch', 'ST2-OPS-006', {
    resources: [{ apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'st2-node-labels', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }, rules: [rule([''], ['nodes'], ['patch'])] }],
  });

  // --- Variants: the cluster's objects ------------------------------------------------------------
  deny('priorityclass-huge-value', 'ST2-OPS-040', { resources: [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'st2-urgent' }, value: 500_000_000, globalDefault: false }] });
  deny('mongo-system-cluster-critical', 'ST2-OPS-040', { patches: [patch(STS('mongodb'), add(`${SPEC}/priorityClassName`, 'system-cluster-critical'))] });
  deny('dev-priorityclass-global-default', 'ST2-OPS-040', {
    wraps: 'dev',
    resources: [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'st2-dev-default' }, value: 1000, globalDefault: true }],
  });
  deny('storageclass-beta-default', 'ST2-OPS-041', {
    resources: [{ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'st2-gp3', annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } }, provisioner: 'ebs.csi.aws.com' }],
  });
  deny('snapshotclass-default', 'ST2-OPS-041', {
    resources: [
      { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: { name: 'st2-snap', annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } }, driver: 'ebs.csi.aws.com', deletionPolicy: 'Delete' },
    ],
  });
  deny('dev-ingressclass-default', 'ST2-OPS-041', {
    wraps: 'dev',
    resources: [{ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'st2-dev', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'example.com/st2' } }],
  });
  deny('apiservice-custom-metrics', 'ST2-OPS-042', {
    resources: [
      {
        apiVersion: 'apiregistration.k8s.io/v1',
        kind: 'APIService',
        metadata: { name: 'v1beta1.custom.metrics.k8s.io' },
        spec: { service: { name: 'st2-metrics', namespace: 'st2-prod' }, group: 'custom.metrics.k8s.io', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100 },
      },
    ],
  });
  deny('kyverno-exception-v2beta1', 'ST2-OPS-042', {
    resources: [
      {
        apiVersion: 'kyverno.io/v2beta1',
        kind: 'PolicyException',
        metadata: { name: 'st2-hostpath' },
        spec: { exceptions: [{ policyName: 'disallow-host-path', ruleNames: ['host-path'] }], match: { any: [{ resources: { kinds: ['Pod'], namespaces: ['st2-prod'] } }] } },
      },
    ],
  });
  deny('gatekeeper-config-exempt', 'ST2-OPS-042', {
    resources: [{ apiVersion: 'config.gatekeeper.sh/v1alpha1', kind: 'Config', metadata: { name: 'config', namespace: 'gatekeeper-system' }, spec: { match: [{ excludedNamespaces: ['st2-prod'], processes: ['*'] }] } }],
  });
  deny('namespace-gatekeeper-ignore', 'ST2-OPS-042', { patches: [patch({ version: 'v1', kind: 'Namespace', name: 'st2-prod' }, add('/metadata/labels/admission.gatekeeper.sh~1ignore', 'true'))] });

  // --- Variants: volumes, sizes, placement --------------------------------------------------------
  deny('pv-local-disk', 'ST2-OPS-043', {
    resources: [
      {
        ...pv('st2-local', { local: { path: '/var/lib' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'Exists' }] }] } } }, { namespace: 'st2-prod', name: 'cache' }),
      },
      pvc('cache', { storageClassName: '', volumeName: 'st2-local' }),
    ],
    patches: [mountClaim('st2sensorcontainer', 'cache', '/cache')],
  });
  deny('sts-claim-template-foreign-volume', 'ST2-OPS-043', { patches: [patch(STS('mongodb'), add('/spec/volumeClaimTemplates/0/spec/volumeName', 'billing-mongo-0'))] });
  deny('pvc-cross-namespace-clone', 'ST2-OPS-043', {
    resources: [pvc('restore', { storageClassName: 'gp3', dataSourceRef: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'nightly', namespace: 'payments' } })],
    patches: [mountClaim('st2client', 'restore', '/restore')],
  });
  deny('ephemeral-claim-foreign-volume', 'ST2-OPS-043', {
    patches: [
      patch(
        DEPLOY('st2client'),
        add(`${SPEC}/volumes/-`, { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], storageClassName: '', volumeName: 'hr-files', resources: { requests: { storage: '1Gi' } } } } } }),
        add(`${SPEC}/containers/0/volumeMounts/-`, { name: 'scratch', mountPath: '/scratch' }),
      ),
    ],
  });
  deny('cronjob-parallel-500', 'ST2-OPS-044', {
    resources: [{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'st2-soak' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { parallelism: 500, template: { spec: podSpec() } } } } }],
  });
  deny('hpa-max-1000', 'ST2-OPS-044', {
    resources: [
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'st2actionrunner' },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2actionrunner' }, minReplicas: 8, maxReplicas: 1000, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
      },
    ],
  });
  deny('runners-400-replicas', 'ST2-OPS-044', { patches: [patch(DEPLOY('st2actionrunner'), replace('/spec/replicas', 400))] });
  deny('etcd-beta-region-anti-affinity', 'ST2-OPS-044', {
    patches: [patch(STS('etcd'), replace(`${SPEC}/affinity`, antiAffinity({ app: 'etcd' }, 'failure-domain.beta.kubernetes.io/region')))],
  });
  deny('st2api-master-toleration', 'ST2-OPS-045', { patches: [patch(DEPLOY('st2api'), add(`${SPEC}/tolerations`, [{ key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' }]))] });
  deny('client-control-plane-affinity', 'ST2-OPS-045', {
    patches: [patch(DEPLOY('st2client'), add(`${SPEC}/affinity`, nodeAffinity([{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }])))],
  });
  deny('dev-runner-tolerates-all', 'ST2-OPS-045', { wraps: 'dev', patches: [patch(DEPLOY('st2actionrunner'), add(`${SPEC}/tolerations`, [{ operator: 'Exists', effect: 'NoExecute' }]))] });
  deny('mongo-karpenter-spot-affinity', 'ST2-OPS-045', {
    patches: [patch(STS('mongodb'), add(`${SPEC}/affinity/nodeAffinity`, nodeAffinity([{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }])['nodeAffinity']))],
  });
  deny('etcd-azure-spot', 'ST2-OPS-045', { patches: [patch(STS('etcd'), add(`${SPEC}/nodeSelector`, { 'kubernetes.azure.com/scalesetpriority': 'spot' }))] });
  deny('rabbit-gke-preemptible-exists', 'ST2-OPS-045', {
    patches: [patch(STS('rabbitmq'), add(`${SPEC}/affinity/nodeAffinity`, nodeAffinity([{ key: 'cloud.google.com/gke-preemptible', operator: 'Exists' }])['nodeAffinity']))],
  });
  deny('gke-workload-identity-runner', 'ST2-SEC-015', {
    resources: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'st2-runner', annotations: { 'iam.gke.io/gcp-service-account': 'owner@example-project.iam.gserviceaccount.com' } } }],
    patches: [patch(DEPLOY('st2actionrunner'), add(`${SPEC}/serviceAccountName`, 'st2-runner'))],
  });
  deny('azure-identity-default-sa', 'ST2-SEC-015', {
    resources: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', annotations: { 'azure.workload.identity/client-id': '00000000-0000-0000-0000-000000000001' } } }],
  });
  deny('kube2iam-st2web', 'ST2-SEC-015', { patches: [patch(DEPLOY('st2web'), add('/spec/template/metadata/annotations/iam.amazonaws.com~1role', 'arn:aws:iam::123456789012:role/s3-all'))] });
  deny('eks-pod-identity-association', 'ST2-SEC-015', {
    resources: [
      {
        apiVersion: 'eks.services.k8s.aws/v1alpha1',
        kind: 'PodIdentityAssociation',
        metadata: { name: 'st2-runner' },
        spec: { clusterName: 'prod', namespace: 'st2-prod', serviceAccount: 'default', roleARN: 'arn:aws:iam::123456789012:role/AdministratorAccess' },
      },
    ],
  });

  // --- Safe look-alikes ---------------------------------------------------------------------------
  allow('priorityclass-for-stores', {
    resources: [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'st2-stores' }, value: 100000, globalDefault: false, description: 'st2 stores above the st2 services' }],
    patches: [patch(STS('mongodb'), add(`${SPEC}/priorityClassName`, 'st2-stores')), patch(STS('etcd'), add(`${SPEC}/priorityClassName`, 'st2-stores'))],
  });
  allow('crb-runner-nodes-read-only', { resources: clusterGranted('st2-node-reader', [rule([''], ['nodes'], ['get', 'list', 'watch'])], runners()) });
  // A RoleBinding of a ClusterRole grants nothing on cluster objects: the nodes rule is inert.
  allow('rb-of-clusterrole-nodes-inert', {
    resources: clusterGranted('st2-pod-and-node-reader', [rule([''], ['pods'], ['get', 'list']), rule([''], ['nodes'], ['get', 'patch'])], runners(), 'RoleBinding'),
  });
  allow('dedicated-sa-scales-runners', {
    resources: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'runner-scaler' } }, ...granted('runner-scaler', [rule(['apps'], ['deployments/scale'], ['get', 'patch'])], { kind: 'ServiceAccount', name: 'runner-scaler', namespace: 'st2-prod' })],
  });
  // A provisioner's own account (no st2 pod runs as it) may hold the built-in provisioner role.
  allow('provisioner-account-builtin-role', {
    resources: [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'nfs-provisioner' } },
      { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'st2-nfs-provisioner' }, roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: 'system:persistent-volume-provisioner' }, subjects: [{ kind: 'ServiceAccount', name: 'nfs-provisioner', namespace: 'st2-prod' }] },
    ],
  });
  allow('everyone-reads-services', { resources: granted('st2-discovery', [rule([''], ['services', 'endpoints'], ['get', 'list', 'watch']), rule(['discovery.k8s.io'], ['endpointslices'], ['get', 'list', 'watch'])], everyone) });
  allow('pvc-with-storageclass', { resources: [pvc('st2-packs', { storageClassName: 'efs-sc' })], patches: [mountClaim('st2client', 'st2-packs', '/opt/stackstorm/packs-shared')] });
  allow('nfs-pv-bound-in-render', {
    resources: [pv('st2-prod-packs', { nfs: { server: 'nfs.example.internal', path: '/exports/st2-packs' } }, { namespace: 'st2-prod', name: 'st2-packs' }), pvc('st2-packs', { storageClassName: '', volumeName: 'st2-prod-packs' })],
    patches: [mountClaim('st2client', 'st2-packs', '/opt/stackstorm/packs-shared')],
  });
  allow('pvc-clone-same-namespace', {
    resources: [pvc('restore', { storageClassName: 'gp3', dataSourceRef: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'nightly' } })],
    patches: [mountClaim('st2client', 'restore', '/restore')],
  });
  allow('storageclass-not-default', {
    resources: [{ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'st2-gp3', annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } }, provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Retain' }],
  });
  allow('ingressclass-not-default', { resources: [{ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'st2-internal' }, spec: { controller: 'k8s.io/ingress-nginx' } }] });
  allow('runner-dedicated-pool', {
    patches: [
      patch(
        DEPLOY('st2actionrunner'),
        add(`${SPEC}/tolerations`, [{ key: 'dedicated', operator: 'Equal', value: 'st2-runners', effect: 'NoSchedule' }]),
        add(`${SPEC}/nodeSelector`, { 'example.com/pool': 'st2-runners' }),
      ),
    ],
  });
  allow('runners-on-spot', { patches: [patch(DEPLOY('st2actionrunner'), add(`${SPEC}/nodeSelector`, { 'karpenter.sh/capacity-type': 'spot' }))] });
  allow('stores-on-demand', { patches: [patch(STS('mongodb'), add(`${SPEC}/nodeSelector`, { 'eks.amazonaws.com/capacityType': 'ON_DEMAND' }))] });
  allow('mongo-zone-anti-affinity', { patches: [patch(STS('mongodb'), replace(`${SPEC}/affinity`, antiAffinity({ app: 'mongodb', release: 'st2' }, 'topology.kubernetes.io/zone')))] });
  allow('job-parallel-10', { resources: [job('st2-pack-warmup', { parallelism: 10, completions: 100 })] });
  allow('hpa-max-20', {
    resources: [
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'st2actionrunner' },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2actionrunner' }, minReplicas: 8, maxReplicas: 20, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
      },
    ],
  });
  // Only the role annotation names an identity; the regional STS setting alone grants nothing.
  allow('sa-sts-regional-only', {
    resources: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'st2-runner', annotations: { 'eks.amazonaws.com/sts-regional-endpoints': 'true' } } }],
    patches: [patch(DEPLOY('st2actionrunner'), add(`${SPEC}/serviceAccountName`, 'st2-runner'))],
  });
  return cases;
}
