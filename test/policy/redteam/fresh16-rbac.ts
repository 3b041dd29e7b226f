/**
 * ST2-OPS-006's rights through a controller (fresh15-rbac.ts) without its
 * false positives, and the RBAC a StackStorm operator really pushes:
 *
 * - a status subresource ("deployments/status", "*\/status" of a group, an
 *   operator kind's status) changes only the object's status, never the spec
 *   its controller runs (API conventions; a CRD's /status ignores every other
 *   stanza): allowed, while the scale subresource, the kind itself, `*`, and
 *   `*\/status` over the core group (services/status: a LoadBalancer's
 *   status.loadBalancer.ingress.ip intercepts that address, CVE-2020-8554)
 *   stay denied;
 * - a Role, or a ClusterRole bound by a RoleBinding, grants nothing on
 *   cluster-scoped kinds (Kubernetes RBAC): nodes/proxy, OpenKruise
 *   SidecarSets, KEDA ClusterTriggerAuthentications, Kubeflow Profiles in a
 *   Role are allowed; the same ClusterRole bound cluster-wide is denied;
 * - every route kind the exposure rules read (lib_routes.rego) is a route an
 *   account may not write: NGINX VirtualServers, APISIX routes, Skipper
 *   RouteGroups, AWS TargetGroupBindings;
 * - read-only work: Prometheus's per-namespace Role and cluster role, pod
 *   logs and events for a troubleshooting pack, lease reads, rollout status,
 *   view for the chart's ServiceAccount, a restarter account no user code
 *   runs as, scale reads, read-only kinds aggregated into view.
 */
import type { RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, SPEC, add, patch, type Json } from './targets.js';

const RBAC = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const NS: Record<Wrapped, string> = { prod: 'st2-prod', staging: 'st2-staging', dev: 'st2-dev' };
const READ = ['get', 'list', 'watch'];

const rule = (apiGroups: string[], resources: string[], verbs: string[]): Json => ({ apiGroups, resources, verbs });
const saSubject = (ns: string, name = 'default'): Json => ({ kind: 'ServiceAccount', name, namespace: ns });
const roleRef = (kind: string, name: string): Json => ({ apiGroup: RBAC_GROUP, kind, name });

/** A Role of these rules and a RoleBinding of it to the subject (the runners' account unless told), in st2's namespace. */
const granted = (wraps: Wrapped, name: string, rules: Json[], subject: Json = saSubject(NS[wraps])): Json[] => [
  { apiVersion: RBAC, kind: 'Role', metadata: { name, namespace: NS[wraps] }, rules },
  { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name, namespace: NS[wraps] }, roleRef: roleRef('Role', name), subjects: [subject] },
];

/** A ClusterRole of these rules bound to the subject in st2's namespace (RoleBinding) or everywhere (ClusterRoleBinding). */
const clusterGranted = (wraps: Wrapped, name: string, rules: Json[], binding: 'RoleBinding' | 'ClusterRoleBinding', subject: Json = saSubject(NS[wraps])): Json[] => [
  { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name }, rules },
  {
    apiVersion: RBAC,
    kind: binding,
    metadata: binding === 'RoleBinding' ? { name, namespace: NS[wraps] } : { name: `${name}-${wraps}` },
    roleRef: roleRef('ClusterRole', name),
    subjects: [subject],
  },
];

export function fresh16RbacCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add16 = (id: string, harmful: boolean, body: CaseBody): void => {
    cases.push(bodyCase(`f16r-${id}`, 'access', harmful ? 'ST2-OPS-006' : undefined, body));
  };
  const runner = (id: string, harmful: boolean, rules: Json[], wraps: Wrapped = 'prod'): void =>
    add16(id, harmful, { wraps, resources: granted(wraps, 'pack-rights', rules) });

  // --- Status subresources: allowed; scale, the kind, `*` and the core group's `*/status` denied ---
  runner('safe-runner-deployments-status-write', false, [rule(['apps'], ['deployments/status'], ['get', 'update', 'patch'])]);
  runner('safe-runner-apps-every-status', false, [rule(['apps'], ['*/status'], ['get', 'patch'])]);
  runner('safe-runner-operator-kinds-status', false, [
    rule(['keda.sh', 'sparkoperator.k8s.io', 'ray.io', 'apps.kruise.io'], ['scaledobjects/status', 'sparkapplications/status', 'rayclusters/status', 'clonesets/status'], ['get', 'update', 'patch']),
  ]);
  runner('safe-runner-keda-every-status-staging', false, [rule(['keda.sh'], ['*/status'], ['patch'])], 'staging');
  runner('safe-runner-hpa-status', false, [rule(['autoscaling'], ['horizontalpodautoscalers/status'], ['patch'])]);
  runner('runner-deployments-scale-beside-status', true, [rule(['apps'], ['deployments/status', 'deployments/scale'], ['patch'])]);
  runner('runner-deployments-beside-status', true, [rule(['apps'], ['deployments', 'deployments/status'], ['update'])]);
  runner('runner-core-every-status', true, [rule([''], ['*/status'], ['patch'])]);
  runner('runner-any-group-every-status', true, [rule(['*'], ['*/status'], ['update'])], 'staging');
  runner('runner-keda-status-and-everything', true, [rule(['keda.sh'], ['scaledobjects/status', '*'], ['create'])]);
  runner('runner-spark-kind-beside-status', true, [rule(['sparkoperator.k8s.io'], ['sparkapplications', 'sparkapplications/status'], ['create', 'patch'])]);

  // --- Cluster-scoped kinds: nothing in a Role or by a RoleBinding, denied cluster-wide ---------------
  runner('safe-role-kruise-sidecarsets', false, [rule(['apps.kruise.io'], ['sidecarsets', 'resourcedistributions'], ['create', 'patch'])]);
  runner('safe-role-kubeflow-profiles', false, [rule(['kubeflow.org'], ['profiles'], ['create'])]);
  runner('safe-role-nodes-proxy-metrics', false, [rule([''], ['nodes', 'nodes/proxy', 'nodes/metrics'], ['get', 'list'])]);
  add16('safe-clusterrole-keda-cluster-auth-rolebinding', false, {
    resources: clusterGranted('prod', 'keda-cluster-auth', [rule(['keda.sh'], ['clustertriggerauthentications'], ['create', 'update'])], 'RoleBinding'),
  });
  add16('runner-kruise-sidecarsets-cluster-wide', true, {
    resources: clusterGranted('prod', 'kruise-sidecars', [rule(['apps.kruise.io'], ['sidecarsets'], ['create'])], 'ClusterRoleBinding'),
  });
  add16('runner-keda-cluster-auth-cluster-wide-staging', true, {
    wraps: 'staging',
    resources: clusterGranted('staging', 'keda-cluster-auth', [rule(['keda.sh'], ['clustertriggerauthentications'], ['create'])], 'ClusterRoleBinding'),
  });
  add16('runner-nodes-proxy-cluster-wide', true, {
    resources: clusterGranted('prod', 'node-proxy-reader', [rule([''], ['nodes/proxy'], ['get'])], 'ClusterRoleBinding'),
  });
  add16('runner-kruise-every-kind-cluster-wide', true, {
    resources: clusterGranted('prod', 'kruise-all', [rule(['apps.kruise.io'], ['*'], ['create'])], 'ClusterRoleBinding'),
  });

  // --- Every route kind the exposure rules read (one list, lib_routes.rego) -------------------------
  runner('runner-nginx-virtualservers', true, [rule(['k8s.nginx.org'], ['virtualservers', 'transportservers'], ['create'])]);
  runner('runner-apisix-routes', true, [rule(['apisix.apache.org'], ['apisixroutes'], ['create', 'patch'])]);
  runner('runner-skipper-routegroups-staging', true, [rule(['zalando.org'], ['routegroups'], ['create'])], 'staging');
  runner('runner-aws-targetgroupbindings', true, [rule(['elbv2.k8s.aws'], ['targetgroupbindings'], ['create'])]);
  runner('runner-gloo-upstreams', true, [rule(['gloo.solo.io'], ['upstreams'], ['create'])]);
  runner('safe-runner-route-kinds-read', false, [rule(['k8s.nginx.org', 'apisix.apache.org', 'zalando.org', 'elbv2.k8s.aws'], ['virtualservers', 'apisixroutes', 'routegroups', 'targetgroupbindings'], READ)]);
  runner('safe-runner-route-status', false, [rule(['gateway.networking.k8s.io', 'k8s.nginx.org'], ['httproutes/status', 'virtualservers/status'], ['patch'])]);

  // --- Read-only work an operator pushes --------------------------------------------------------------
  add16('safe-prometheus-namespace-role', false, {
    resources: granted('prod', 'prometheus-k8s', [
      rule([''], ['services', 'endpoints', 'pods'], READ),
      rule(['networking.k8s.io'], ['ingresses'], READ),
      rule(['discovery.k8s.io'], ['endpointslices'], READ),
    ], saSubject('monitoring', 'prometheus-k8s')),
  });
  add16('safe-prometheus-cluster-role', false, {
    resources: clusterGranted('prod', 'prometheus-k8s', [rule([''], ['nodes/metrics'], ['get']), { nonResourceURLs: ['/metrics'], verbs: ['get'] }], 'ClusterRoleBinding', saSubject('monitoring', 'prometheus-k8s')),
  });
  runner('safe-runner-pod-logs-and-events', false, [rule([''], ['pods', 'pods/log', 'events'], ['get', 'list']), rule(['events.k8s.io'], ['events'], READ)]);
  runner('safe-runner-leases-read-staging', false, [rule(['coordination.k8s.io'], ['leases'], READ)], 'staging');
  runner('safe-runner-rollout-status', false, [rule(['apps'], ['deployments', 'deployments/status', 'replicasets', 'statefulsets'], READ), rule(['batch'], ['jobs'], READ)]);
  runner('safe-runner-every-scale-read', false, [rule(['*'], ['*/scale'], ['get', 'list'])]);
  add16('safe-chart-serviceaccount-view', false, {
    patches: [patch(DEPLOY('st2actionrunner'), add(`${SPEC}/serviceAccountName`, 'stackstorm-ha'))],
    resources: [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'stackstorm-ha', namespace: 'st2-prod', labels: { app: 'stackstorm-ha' } } },
      { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'stackstorm-ha-view', namespace: 'st2-prod' }, roleRef: roleRef('ClusterRole', 'view'), subjects: [saSubject('st2-prod', 'stackstorm-ha')] },
    ],
  });
  add16('safe-reporter-account-rollout-status', false, {
    resources: [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'st2-reporter', namespace: 'st2-prod' } },
      ...granted('prod', 'st2-reporter', [rule(['apps'], ['deployments', 'deployments/status'], READ), rule([''], ['pods', 'events'], READ)], saSubject('st2-prod', 'st2-reporter')),
    ],
  });
  add16('safe-restarter-account-patches-deployments', false, {
    resources: [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'st2-config-restarter', namespace: 'st2-prod' } },
      ...granted('prod', 'st2-config-restarter', [rule(['apps'], ['deployments'], ['get', 'patch'])], saSubject('st2-prod', 'st2-config-restarter')),
    ],
  });
  add16('safe-keda-kinds-aggregated-into-view', false, {
    resources: [{
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: 'keda-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      rules: [rule(['keda.sh'], ['scaledobjects', 'scaledjobs', 'triggerauthentications'], READ)],
    }],
  });
  return cases;
}
