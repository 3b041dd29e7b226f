/**
 * The seventh red team (issue 12), its privilege and trust classes: a
 * report-only attacker wrote 210 overlays (/work/red7 at the time, run
 * through dist/st2-gitops against main at 1b2a486: 63 of 129 unsafe changes
 * allowed). Kept here: its ten allowed changes of these classes (Secrets
 * aggregated into view; ConfigMap writes, exec, bind/escalate for every
 * authenticated user; Secrets for every service account of namespace ci; a
 * dev render's cluster-admin ClusterRoleBinding, Kyverno mutate policy and
 * mutating webhook selecting st2-prod, and its Namespace object for st2-prod;
 * a fail-closed webhook over st2-prod's pods served by a Service outside the
 * render), the next variants written while closing them, and safe
 * look-alikes that must stay allowed. Closed by the rights table of
 * ST2-OPS-006 (policies/operations_rbac.rego), the reach of cluster-scoped
 * objects (policies/lib_reach.rego: judged by the strictest environment
 * their selectors reach) with ST2-OPS-020, and ST2-OPS-021. RBAC and
 * admission objects carry no secret value: no published default is written.
 */
import type { CaseClass, Patch, RedTeamCase, Wrapped } from './corpus.js';

type Json = Record<string, unknown>;

const RBAC = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';

const role = (name: string, rules: readonly Json[]): Json => ({ apiVersion: RBAC, kind: 'Role', metadata: { name }, rules });
const clusterRole = (name: string, rules: readonly Json[], labels: Record<string, string> = {}): Json => ({ apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, labels }, rules });
const group = (name: string): Json => ({ kind: 'Group', apiGroup: RBAC_GROUP, name });
const sa = (name: string, namespace: string): Json => ({ kind: 'ServiceAccount', name, namespace });

function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, ref: { kind: 'Role' | 'ClusterRole'; name: string }, subjects: readonly Json[]): Json {
  return { apiVersion: RBAC, kind, metadata: { name }, roleRef: { apiGroup: RBAC_GROUP, ...ref }, subjects };
}

/** A Role and its RoleBinding to the given subjects. */
const granted = (name: string, rules: readonly Json[], subjects: readonly Json[]): Json[] => [role(name, rules), binding('RoleBinding', name, { kind: 'Role', name }, subjects)];

const rule = (apiGroups: readonly string[], resources: readonly string[], verbs: readonly string[]): Json => ({ apiGroups, resources, verbs });

function webhookConfig(kind: 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration', name: string, hook: Json): Json {
  const base: Json = {
    name: `${name}.example.invalid`,
    admissionReviewVersions: ['v1'],
    sideEffects: 'None',
    clientConfig: { service: { name, namespace: 'security', path: '/hook' } },
    rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
  };
  return { apiVersion: 'admissionregistration.k8s.io/v1', kind, metadata: { name }, webhooks: [{ ...base, ...hook }] };
}

const nameSelector = (op: 'In' | 'NotIn', values: readonly string[]): Json => ({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: op, values }] });

function kyvernoMutate(kind: 'ClusterPolicy' | 'Policy', match: Json, exclude?: Json): Json {
  const r: Json = { name: 'warm-standby', match, mutate: { patchStrategicMerge: { spec: { replicas: 2 } } } };
  if (exclude) r['exclude'] = exclude;
  return { apiVersion: 'kyverno.io/v1', kind, metadata: { name: 'st2-tweaks' }, spec: { rules: [r] } };
}

const deployments = (namespaces?: readonly string[]): Json => ({ any: [{ resources: { kinds: ['Deployment'], ...(namespaces ? { namespaces } : {}) } }] });

const STRICTER = ['st2-prod', 'st2-production', 'st2-staging'];

const namespaceObject = (name: string, labels: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

function nsPatch(name: string, ops: readonly Json[]): Patch[] {
  return [{ target: { version: 'v1', kind: 'Namespace', name }, ops }];
}

interface Case {
  readonly id: string;
  readonly cls: CaseClass;
  readonly wraps: Wrapped;
  readonly rule?: string;
  readonly resources?: readonly Json[];
  readonly patches?: readonly Patch[];
}

const deny = (c: Case & { rule: string }): RedTeamCase => ({ ...c, expect: 'deny' });
const allow = (c: Case): RedTeamCase => ({ ...c, expect: 'allow' });

export function fresh7RbacCorpus(): RedTeamCase[] {
  const secretsRead = [rule([''], ['secrets'], ['get', 'list', 'watch'])];
  return [
    // --- The seventh attacker's privilege cases ---
    deny({ id: 'f7-priv-aggregate-to-view-secrets', cls: 'access', wraps: 'prod', rule: 'ST2-OPS-006', resources: [clusterRole('st2-view-extras', secretsRead, { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' })] }),
    deny({ id: 'f7-priv-configmap-write-authenticated', cls: 'access', wraps: 'prod', rule: 'ST2-OPS-006', resources: granted('config-editors', [rule([''], ['configmaps'], ['get', 'list', 'update', 'patch'])], [group('system:authenticated')]) }),
    deny({ id: 'f7-priv-escalate-bind-authenticated', cls: 'access', wraps: 'prod', rule: 'ST2-OPS-006', resources: granted('self-service-rbac', [rule([RBAC_GROUP], ['roles', 'rolebindings'], ['get', 'list', 'create', 'update', 'bind', 'escalate'])], [group('system:authenticated')]) }),
    deny({ id: 'f7-priv-exec-authenticated', cls: 'access', wraps: 'prod', rule: 'ST2-OPS-006', resources: granted('debug-exec', [rule([''], ['pods', 'pods/log'], ['get', 'list']), rule([''], ['pods/exec'], ['create', 'get'])], [group('system:authenticated')]) }),
    deny({ id: 'f7-priv-secrets-to-ns-sa-group', cls: 'access', wraps: 'prod', rule: 'ST2-OPS-006', resources: granted('ci-secret-reader', [rule([''], ['secrets'], ['get', 'list'])], [group('system:serviceaccounts:ci')]) }),
    // --- Variants: built-in roles cluster-wide, wildcards, other subjects and verbs ---
    deny({ id: 'f7-priv-crb-edit-authenticated', cls: 'access', wraps: 'prod', rule: 'ST2-OPS-006', resources: [binding('ClusterRoleBinding', 'everyone-edits', { kind: 'ClusterRole', name: 'edit' }, [group('system:authenticated')])] }),
    deny({ id: 'f7-priv-rb-admin-all-serviceaccounts', cls: 'access', wraps: 'staging', rule: 'ST2-OPS-006', resources: [binding('RoleBinding', 'sa-admin', { kind: 'ClusterRole', name: 'admin' }, [group('system:serviceaccounts')])] }),
    deny({ id: 'f7-priv-rb-wildcard-clusterrole', cls: 'access', wraps: 'prod', rule: 'ST2-OPS-006', resources: [clusterRole('st2-debug-all', [rule(['*'], ['*'], ['*'])]), binding('RoleBinding', 'st2-debug-all', { kind: 'ClusterRole', name: 'st2-debug-all' }, [group('system:serviceaccounts:st2-prod')])] }),
    deny({ id: 'f7-priv-exec-subresource-wildcard-unauthenticated', cls: 'access', wraps: 'prod', rule: 'ST2-OPS-006', resources: granted('attach-any', [rule([''], ['*/attach', '*/exec'], ['create'])], [group('system:unauthenticated')]) }),
    deny({ id: 'f7-priv-impersonate-anonymous', cls: 'access', wraps: 'staging', rule: 'ST2-OPS-006', resources: granted('become-anyone', [rule([''], ['users', 'groups'], ['impersonate'])], [{ kind: 'User', apiGroup: RBAC_GROUP, name: 'system:anonymous' }]) }),
    deny({ id: 'f7-priv-aggregate-to-admin-escalate', cls: 'access', wraps: 'prod', rule: 'ST2-OPS-006', resources: [clusterRole('admin-extras', [rule([RBAC_GROUP], ['clusterroles'], ['bind', 'escalate'])], { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' })] }),
    deny({ id: 'f7-priv-aggregate-to-view-exec', cls: 'access', wraps: 'prod', rule: 'ST2-OPS-006', resources: [clusterRole('view-debug', [rule([''], ['pods/exec'], ['create'])], { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' })] }),
    deny({ id: 'f7-priv-unseen-role-authenticated', cls: 'access', wraps: 'prod', rule: 'ST2-OPS-006', resources: [binding('RoleBinding', 'everyone-ops', { kind: 'ClusterRole', name: 'ops-tools' }, [group('system:authenticated')])] }),
    deny({ id: 'f7-priv-st2-sa-deployments-patch', cls: 'access', wraps: 'prod', rule: 'ST2-OPS-006', resources: granted('runner-deploys', [rule(['apps'], ['deployments'], ['get', 'patch'])], [sa('default', 'st2-prod')]) }),
    // --- Safe look-alikes ---
    allow({ id: 'f7-safe-priv-view-authenticated', cls: 'access', wraps: 'prod', resources: [binding('RoleBinding', 'everyone-views', { kind: 'ClusterRole', name: 'view' }, [group('system:authenticated')])] }),
    allow({ id: 'f7-safe-priv-pods-read-authenticated', cls: 'access', wraps: 'prod', resources: granted('pod-readers', [rule([''], ['pods', 'pods/log', 'events'], ['get', 'list', 'watch'])], [group('system:authenticated')]) }),
    allow({ id: 'f7-safe-priv-exec-team', cls: 'access', wraps: 'prod', resources: granted('operator-exec', [rule([''], ['pods/exec'], ['create', 'get'])], [group('st2-operators')]) }),
    allow({ id: 'f7-safe-priv-secrets-team', cls: 'access', wraps: 'prod', resources: granted('operator-secrets', secretsRead, [group('st2-operators')]) }),
    allow({ id: 'f7-safe-priv-ci-deployer-sa', cls: 'access', wraps: 'prod', resources: granted('ci-image-bump', [rule(['apps'], ['deployments'], ['get', 'list', 'patch'])], [sa('deployer', 'ci')]) }),
    // A Role in another team's namespace is outside st2's (ST2-OPS-015, fresh7-dlv.ts): unsafe since, by design.
    deny({ id: 'f7-priv-st2-sa-restarts-other-namespace', cls: 'access', wraps: 'prod', rule: 'ST2-OPS-015', resources: [{ ...role('restart-web', [rule(['apps'], ['deployments'], ['get', 'patch'])]), metadata: { name: 'restart-web', namespace: 'web' } }, { ...binding('RoleBinding', 'restart-web', { kind: 'Role', name: 'restart-web' }, [sa('default', 'st2-prod')]), metadata: { name: 'restart-web', namespace: 'web' } }] }),
    deny({ id: 'f7-priv-st2-sa-deployments-clusterwide', cls: 'access', wraps: 'prod', rule: 'ST2-OPS-006', resources: [clusterRole('st2-deployer', [rule(['apps'], ['deployments'], ['get', 'patch'])]), binding('ClusterRoleBinding', 'st2-deployer', { kind: 'ClusterRole', name: 'st2-deployer' }, [sa('default', 'st2-prod')])] }),
    allow({ id: 'f7-safe-priv-aggregate-view-crd', cls: 'access', wraps: 'prod', resources: [clusterRole('externalsecrets-view', [rule(['external-secrets.io'], ['externalsecrets'], ['get', 'list', 'watch'])], { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' })] }),
    allow({ id: 'f7-safe-priv-aggregate-edit-crd', cls: 'access', wraps: 'prod', resources: [clusterRole('externalsecrets-edit', [rule(['external-secrets.io'], ['externalsecrets'], ['create', 'update', 'patch', 'delete'])], { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' })] }),

    // --- The seventh attacker's trust cases: a dev render's cluster-scoped objects ---
    deny({ id: 'f7-tr-dev-cluster-admin-sa', cls: 'environment', wraps: 'dev', rule: 'ST2-OPS-020', resources: [binding('ClusterRoleBinding', 'st2-dev-k8s-pack', { kind: 'ClusterRole', name: 'cluster-admin' }, [sa('default', 'st2-dev')])] }),
    deny({ id: 'f7-tr-dev-kyverno-mutate-prod', cls: 'environment', wraps: 'dev', rule: 'ST2-OPS-020', resources: [kyvernoMutate('ClusterPolicy', deployments(['st2-prod']))] }),
    deny({ id: 'f7-tr-dev-mutating-webhook-into-prod', cls: 'environment', wraps: 'dev', rule: 'ST2-OPS-020', resources: [webhookConfig('MutatingWebhookConfiguration', 'injector', { failurePolicy: 'Ignore', clientConfig: { service: { name: 'injector', namespace: 'st2-dev', path: '/mutate' } }, namespaceSelector: nameSelector('In', ['st2-dev', 'st2-prod']) })] }),
    deny({ id: 'f7-tr-dev-relabel-prod-namespace', cls: 'environment', wraps: 'dev', rule: 'ST2-OPS-020', resources: [namespaceObject('st2-prod', { 'pod-security.kubernetes.io/enforce': 'privileged' })] }),
    // --- Variants ---
    deny({ id: 'f7-tr-dev-webhook-object-selector-only', cls: 'environment', wraps: 'dev', rule: 'ST2-OPS-020', resources: [webhookConfig('MutatingWebhookConfiguration', 'labeller', { failurePolicy: 'Ignore', objectSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'stackstorm' } } })] }),
    deny({ id: 'f7-tr-dev-webhook-not-in-dev', cls: 'environment', wraps: 'dev', rule: 'ST2-OPS-020', resources: [webhookConfig('MutatingWebhookConfiguration', 'sidecars', { failurePolicy: 'Ignore', namespaceSelector: nameSelector('NotIn', ['kube-system', 'st2-dev']) })] }),
    deny({ id: 'f7-tr-dev-webhook-label-selector', cls: 'environment', wraps: 'dev', rule: 'ST2-OPS-020', resources: [webhookConfig('MutatingWebhookConfiguration', 'team-injector', { failurePolicy: 'Ignore', namespaceSelector: { matchLabels: { team: 'st2' } } })] }),
    deny({ id: 'f7-tr-dev-kyverno-glob', cls: 'environment', wraps: 'dev', rule: 'ST2-OPS-020', resources: [kyvernoMutate('ClusterPolicy', deployments(['st2-*']))] }),
    deny({ id: 'f7-tr-dev-kyverno-exclude-with-kinds', cls: 'environment', wraps: 'dev', rule: 'ST2-OPS-020', resources: [kyvernoMutate('ClusterPolicy', deployments(), { any: [{ resources: { kinds: ['Pod'], namespaces: STRICTER } }] })] }),
    deny({ id: 'f7-tr-dev-kyverno-validate-everywhere', cls: 'environment', wraps: 'dev', rule: 'ST2-OPS-020', resources: [{ apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'dev-only-images' }, spec: { validationFailureAction: 'Enforce', rules: [{ name: 'registry', match: { any: [{ resources: { kinds: ['Pod'] } }] }, validate: { message: 'dev registry only', pattern: { spec: { containers: [{ image: 'registry.dev.example/*' }] } } } }] } }] }),
    deny({ id: 'f7-tr-dev-gatekeeper-assign', cls: 'environment', wraps: 'dev', rule: 'ST2-OPS-020', resources: [{ apiVersion: 'mutations.gatekeeper.sh/v1', kind: 'Assign', metadata: { name: 'timers-replicas' }, spec: { applyTo: [{ groups: ['apps'], kinds: ['Deployment'], versions: ['v1'] }], match: { scope: 'Namespaced', excludedNamespaces: ['kube-*'] }, location: 'spec.replicas', parameters: { assign: { value: 2 } } } }] }),
    deny({ id: 'f7-tr-dev-team-clusterwide-secrets', cls: 'environment', wraps: 'dev', rule: 'ST2-OPS-020', resources: [clusterRole('st2-dev-secrets', secretsRead), binding('ClusterRoleBinding', 'st2-dev-secrets', { kind: 'ClusterRole', name: 'st2-dev-secrets' }, [group('st2-dev-team')])] }),
    deny({ id: 'f7-tr-staging-owns-prod-namespace', cls: 'environment', wraps: 'staging', rule: 'ST2-OPS-020', resources: [namespaceObject('st2-prod', { 'pod-security.kubernetes.io/enforce': 'baseline' })] }),
    deny({ id: 'f7-tr-dev-kyverno-policy-in-prod-namespace', cls: 'environment', wraps: 'dev', rule: 'ST2-OPS-002', resources: [{ ...kyvernoMutate('Policy', deployments()), metadata: { name: 'st2-tweaks', namespace: 'st2-prod' } }] }),
    deny({ id: 'f7-tr-prod-namespace-enforce-removed', cls: 'environment', wraps: 'prod', rule: 'ST2-HRD-006', patches: nsPatch('st2-prod', [{ op: 'remove', path: '/metadata/labels/pod-security.kubernetes.io~1enforce' }]) }),
    // --- Safe look-alikes ---
    // Denied since the tenth red team's edge piece: view cluster-wide for the account dev's runners run as
    // lets any dev user (the login is published there) read every tenant's namespace (ST2-OPS-006).
    deny({ id: 'f7-safe-tr-dev-crb-view', cls: 'environment', wraps: 'dev', rule: 'ST2-OPS-006', resources: [binding('ClusterRoleBinding', 'st2-dev-k8s-read', { kind: 'ClusterRole', name: 'view' }, [sa('default', 'st2-dev')])] }),
    allow({ id: 'f7-safe-tr-dev-kyverno-own-namespace', cls: 'environment', wraps: 'dev', resources: [kyvernoMutate('ClusterPolicy', deployments(['st2-dev']))] }),
    allow({ id: 'f7-safe-tr-dev-kyverno-excludes-stricter', cls: 'environment', wraps: 'dev', resources: [kyvernoMutate('ClusterPolicy', deployments(), { any: [{ resources: { namespaces: STRICTER } }] })] }),
    allow({ id: 'f7-safe-tr-dev-webhook-own-namespace', cls: 'environment', wraps: 'dev', resources: [webhookConfig('MutatingWebhookConfiguration', 'injector', { failurePolicy: 'Ignore', clientConfig: { service: { name: 'injector', namespace: 'st2-dev', path: '/mutate' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'st2-dev' } } })] }),
    allow({ id: 'f7-safe-tr-dev-kyverno-namespaced-policy', cls: 'environment', wraps: 'dev', resources: [kyvernoMutate('Policy', deployments())] }),
    allow({ id: 'f7-safe-tr-dev-own-namespace-object', cls: 'environment', wraps: 'dev', resources: [namespaceObject('st2-dev', { 'pod-security.kubernetes.io/enforce': 'baseline' })] }),
    // Safe when written; the eighth team showed restricted refuses st2's root pods (ST2-OPS-029, fresh8-pod.ts).
    deny({ id: 'f7-tr-prod-namespace-restricted', cls: 'environment', wraps: 'prod', rule: 'ST2-OPS-029', patches: nsPatch('st2-prod', [{ op: 'replace', path: '/metadata/labels/pod-security.kubernetes.io~1enforce', value: 'restricted' }]) }),

    // --- Admission webhooks served from outside the render ---
    deny({ id: 'f7-ops-validating-webhook-blackhole', cls: 'delivery', wraps: 'prod', rule: 'ST2-OPS-021', resources: [webhookConfig('ValidatingWebhookConfiguration', 'image-verifier', { failurePolicy: 'Fail', namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'st2-prod' } } })] }),
    deny({ id: 'f7-ops-webhook-default-policy-every-namespace', cls: 'delivery', wraps: 'staging', rule: 'ST2-OPS-021', resources: [webhookConfig('ValidatingWebhookConfiguration', 'audit-all', { rules: [{ apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*/*'] }] })] }),
    deny({ id: 'f7-ops-webhook-url-outside', cls: 'delivery', wraps: 'prod', rule: 'ST2-OPS-021', resources: [webhookConfig('ValidatingWebhookConfiguration', 'saas-verify', { failurePolicy: 'Fail', clientConfig: { url: 'https://verify.saas.example.net/k8s' } })] }),
    deny({ id: 'f7-ops-webhook-secrets-ignore', cls: 'delivery', wraps: 'prod', rule: 'ST2-OPS-021', resources: [webhookConfig('ValidatingWebhookConfiguration', 'secret-scanner', { failurePolicy: 'Ignore', rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['secrets'] }] })] }),
    allow({ id: 'f7-safe-ops-webhook-ignore', cls: 'delivery', wraps: 'prod', resources: [webhookConfig('ValidatingWebhookConfiguration', 'image-auditor', { failurePolicy: 'Ignore', timeoutSeconds: 3, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'st2-prod' } } })] }),
    allow({ id: 'f7-safe-ops-webhook-other-namespace', cls: 'delivery', wraps: 'prod', resources: [webhookConfig('ValidatingWebhookConfiguration', 'monitoring-verify', { failurePolicy: 'Fail', namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } })] }),
    allow({ id: 'f7-safe-ops-kyverno-validate', cls: 'delivery', wraps: 'prod', resources: [{ apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'st2-require-limits' }, spec: { validationFailureAction: 'Audit', rules: [{ name: 'limits', match: { any: [{ resources: { kinds: ['Pod'], namespaces: ['st2-prod'] } }] }, validate: { message: 'limits required', pattern: { spec: { containers: [{ resources: { limits: { memory: '?*', cpu: '?*' } } }] } } } }] } }] }),
  ];
}
