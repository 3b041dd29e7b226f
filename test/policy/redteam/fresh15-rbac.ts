/**
 * The fifteenth red team's grants that act through a controller
 * (test/attackers/red15: runnerrole, refgrant, certcopy), rewritten with
 * variants and safe look-alikes:
 *
 * - rights of the runners' ServiceAccount (default of st2's namespace, or the
 *   one st2actionrunner names: any st2 user holds them through an action)
 *   whose controller does the harm (ST2-OPS-006): writing autoscalers (HPA,
 *   VPA, KEDA), a workload operator's kinds (Tekton runs, Spark, Volcano,
 *   Ray, Kubeflow, OpenKruise, Flux, Knative), an ingress controller's route
 *   kinds (Traefik, Istio, Contour, Emissary, Kong, OpenShift), ReferenceGrants,
 *   or any resource's scale subresource. Reading them, templates nothing runs
 *   (a Tekton Task), Events, Leases, and writes given to an account no pod
 *   mounts stay allowed;
 * - a Gateway API ReferenceGrant letting another namespace's routes reach a
 *   store's Service, or every Service (ST2-EXP-008), judged by what the route
 *   kind carries: TCP to any store, HTTP to RabbitMQ's management API and
 *   etcd, gRPC to etcd. st2web, a TLS Secret for a Gateway, HTTP to MongoDB,
 *   UDP and TLS passthrough (st2's stores speak plain TCP) stay allowed;
 * - a cert-manager Certificate whose secretTemplate carries reflector,
 *   replicator or kubed annotations copying st2web's private key out
 *   (ST2-SEC-010).
 */
import type { RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, SPEC, add, patch, type Json } from './targets.js';

const RBAC = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const NS: Record<Wrapped, string> = { prod: 'st2-prod', staging: 'st2-staging', dev: 'st2-dev' };

const rule = (apiGroups: string[], resources: string[], verbs: string[]): Json => ({ apiGroups, resources, verbs });
const saSubject = (ns: string, name = 'default'): Json => ({ kind: 'ServiceAccount', name, namespace: ns });

/** A Role of these rules and a RoleBinding of it to the subject, in st2's namespace. */
const granted = (wraps: Wrapped, rules: Json[], subject: Json = saSubject(NS[wraps])): Json[] => [
  { apiVersion: RBAC, kind: 'Role', metadata: { name: 'pack-rights', namespace: NS[wraps] }, rules },
  { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'pack-rights', namespace: NS[wraps] }, roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: 'pack-rights' }, subjects: [subject] },
];

const refGrant = (wraps: Wrapped, from: Json[], to: Json[], version = 'v1beta1'): Json => ({
  apiVersion: `gateway.networking.k8s.io/${version}`,
  kind: 'ReferenceGrant',
  metadata: { name: 'shared-edge', namespace: NS[wraps] },
  spec: { from, to },
});
const fromRoutes = (namespace: string, ...kinds: string[]): Json[] => kinds.map((kind) => ({ group: 'gateway.networking.k8s.io', kind, namespace }));
const service = (name?: string): Json => ({ group: '', kind: 'Service', ...(name ? { name } : {}) });

const certificate = (wraps: Wrapped, annotations: Record<string, string>): Json => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'st2web-public-tls', namespace: NS[wraps] },
  spec: {
    secretName: 'st2web-public-tls',
    dnsNames: [wraps === 'prod' ? 'st2.example.com' : `st2.${wraps}.example.com`],
    issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt-production' },
    secretTemplate: { annotations, labels: { team: 'automation' } },
  },
});
const REFLECTOR = 'reflector.v1.k8s.emberstack.com/';
const REPLICATOR = 'replicator.v1.mittwald.de/';

export function fresh15RbacCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add15 = (id: string, cls: RedTeamCase['cls'], rule15: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f15r-${id}`, cls, rule15, body));
  };
  const runner = (id: string, harmful: boolean, rules: Json[], wraps: Wrapped = 'prod'): void =>
    add15(id, 'access', harmful ? 'ST2-OPS-006' : undefined, { wraps, resources: granted(wraps, rules) });

  // --- The runners' account writing what a controller acts on (ST2-OPS-006) -----------------------
  runner('runner-hpa-patch', true, [rule(['autoscaling'], ['horizontalpodautoscalers'], ['get', 'patch'])]);
  runner('runner-autoscaling-everything', true, [rule(['autoscaling'], ['*'], ['*'])]);
  runner('runner-vpa-update', true, [rule(['autoscaling.k8s.io'], ['verticalpodautoscalers'], ['create', 'update'])]);
  runner('runner-keda-scaledobjects', true, [rule(['keda.sh'], ['scaledobjects'], ['create'])]);
  runner('runner-keda-scaledjobs-staging', true, [rule(['keda.sh'], ['scaledjobs'], ['create'])], 'staging');
  runner('runner-keda-trigger-auth', true, [rule(['keda.sh'], ['triggerauthentications'], ['create'])]);
  runner('runner-tekton-pipelineruns', true, [rule(['tekton.dev'], ['pipelineruns'], ['create'])]);
  runner('runner-tekton-taskruns-staging', true, [rule(['tekton.dev'], ['taskruns'], ['create', 'get'])], 'staging');
  runner('runner-spark-scheduled', true, [rule(['sparkoperator.k8s.io'], ['scheduledsparkapplications'], ['create'])]);
  runner('runner-volcano-jobs', true, [rule(['batch.volcano.sh'], ['jobs'], ['create'])]);
  runner('runner-ray-clusters', true, [rule(['ray.io'], ['rayclusters'], ['create'])]);
  runner('runner-kubeflow-tfjobs', true, [rule(['kubeflow.org'], ['tfjobs'], ['create'])]);
  runner('runner-kruise-advanced-statefulsets', true, [rule(['apps.kruise.io'], ['statefulsets'], ['patch'])]);
  runner('runner-flux-helmreleases', true, [rule(['helm.toolkit.fluxcd.io'], ['helmreleases'], ['create'])]);
  runner('runner-knative-services', true, [rule(['serving.knative.dev'], ['services'], ['create'])]);
  runner('runner-any-group-pytorchjobs', true, [rule(['*'], ['pytorchjobs'], ['create'])]);
  runner('runner-traefik-ingressroutes', true, [rule(['traefik.io'], ['ingressroutes'], ['create'])]);
  runner('runner-traefik-old-group-tcp', true, [rule(['traefik.containo.us'], ['ingressroutetcps'], ['update'])]);
  runner('runner-istio-gateways', true, [rule(['networking.istio.io'], ['gateways'], ['create'])]);
  runner('runner-contour-httpproxies', true, [rule(['projectcontour.io'], ['httpproxies'], ['patch'])]);
  runner('runner-emissary-tcpmappings', true, [rule(['getambassador.io'], ['tcpmappings'], ['create'])]);
  runner('runner-kong-udpingresses', true, [rule(['configuration.konghq.com'], ['udpingresses'], ['create'])]);
  runner('runner-openshift-routes', true, [rule(['route.openshift.io'], ['routes'], ['create'])]);
  runner('runner-referencegrants', true, [rule(['gateway.networking.k8s.io'], ['referencegrants'], ['create'])]);
  runner('runner-custom-scale-subresource', true, [rule(['example.com'], ['widgets/scale'], ['update'])]);
  runner('runner-every-scale-subresource', true, [rule(['*'], ['*/scale'], ['patch'])]);
  add15('runner-hpa-through-clusterrole', 'access', 'ST2-OPS-006', {
    resources: [
      { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'autoscaler-writer' }, rules: [rule(['autoscaling'], ['horizontalpodautoscalers'], ['create'])] },
      { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'autoscaler-writer', namespace: 'st2-prod' }, roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: 'autoscaler-writer' }, subjects: [saSubject('st2-prod')] },
    ],
  });
  add15('runner-hpa-token-user-name', 'access', 'ST2-OPS-006', {
    resources: granted('prod', [rule(['autoscaling'], ['horizontalpodautoscalers'], ['create'])], { kind: 'User', apiGroup: RBAC_GROUP, name: 'system:serviceaccount:st2-prod:default' }),
  });
  add15('runner-own-account-keda', 'access', 'ST2-OPS-006', {
    patches: [patch(DEPLOY('st2actionrunner'), add(`${SPEC}/serviceAccountName`, 'st2-actions'))],
    resources: [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'st2-actions', namespace: 'st2-prod' } },
      ...granted('prod', [rule(['keda.sh'], ['scaledobjects'], ['create'])], saSubject('st2-prod', 'st2-actions')),
    ],
  });
  // Safe: reading, inert templates, Events and Leases, and writes no st2 pod's account holds.
  runner('safe-runner-hpa-read', false, [rule(['autoscaling'], ['horizontalpodautoscalers'], ['get', 'list', 'watch'])]);
  runner('safe-runner-keda-read', false, [rule(['keda.sh'], ['scaledobjects', 'scaledjobs'], ['get', 'list'])]);
  runner('safe-runner-tekton-read-staging', false, [rule(['tekton.dev'], ['taskruns', 'pipelineruns'], ['get', 'list', 'watch'])], 'staging');
  runner('safe-runner-tekton-tasks', false, [rule(['tekton.dev'], ['tasks', 'pipelines'], ['create', 'update'])]);
  runner('safe-runner-traefik-middlewares', false, [rule(['traefik.io'], ['middlewares'], ['create'])]);
  runner('safe-runner-route-reads', false, [rule(['networking.istio.io', 'projectcontour.io', 'gateway.networking.k8s.io'], ['virtualservices', 'httpproxies', 'referencegrants'], ['get', 'list'])]);
  runner('safe-runner-events', false, [rule([''], ['events'], ['create', 'patch'])]);
  runner('safe-runner-leases', false, [rule(['coordination.k8s.io'], ['leases'], ['get', 'create', 'update'])]);
  runner('safe-runner-scale-read', false, [rule(['apps', 'apps.kruise.io'], ['deployments/scale', 'clonesets/scale'], ['get'])]);
  add15('safe-unmounted-account-hpa-write', 'access', undefined, {
    resources: [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'capacity-planner', namespace: 'st2-prod' }, automountServiceAccountToken: false },
      ...granted('prod', [rule(['autoscaling', 'keda.sh'], ['horizontalpodautoscalers', 'scaledobjects'], ['create', 'patch'])], saSubject('st2-prod', 'capacity-planner')),
    ],
  });

  // --- ReferenceGrants for another namespace's routes to a store (ST2-EXP-008) ---------------------
  const grant = (id: string, harmful: boolean, wraps: Wrapped, from: Json[], to: Json[], version?: string): void =>
    add15(id, 'exposure', harmful ? 'ST2-EXP-008' : undefined, { wraps, resources: [refGrant(wraps, from, to, version)] });
  grant('refgrant-tcp-mongodb', true, 'prod', fromRoutes('shared-edge', 'TCPRoute'), [service('mongodb')]);
  grant('refgrant-tcp-rabbitmq-staging', true, 'staging', fromRoutes('shared-edge', 'TCPRoute'), [service('rabbitmq')]);
  grant('refgrant-tcp-etcd', true, 'prod', fromRoutes('lb', 'TCPRoute'), [service('etcd')]);
  grant('refgrant-http-rabbitmq-management', true, 'prod', fromRoutes('ingress', 'HTTPRoute'), [service('rabbitmq')]);
  grant('refgrant-grpc-etcd-staging', true, 'staging', fromRoutes('ingress', 'GRPCRoute'), [service('etcd')]);
  grant('refgrant-http-every-service', true, 'prod', fromRoutes('ingress', 'HTTPRoute'), [service()]);
  grant('refgrant-alpha-tcp-mongodb', true, 'prod', fromRoutes('shared-edge', 'TCPRoute'), [service('mongodb')], 'v1alpha2');
  grant('refgrant-mixed-kinds-one-tcp', true, 'prod', fromRoutes('shared-edge', 'UDPRoute', 'HTTPRoute', 'TCPRoute'), [service('st2web'), service('mongodb')]);
  grant('refgrant-tcp-from-dev', true, 'prod', fromRoutes('st2-dev', 'TCPRoute'), [service('mongodb')]);
  // Safe: the public UI, a TLS Secret for a Gateway, protocols a store does not speak, a namespace as strict.
  grant('safe-refgrant-st2web', false, 'prod', fromRoutes('shared-edge', 'HTTPRoute'), [service('st2web')]);
  grant('safe-refgrant-st2web-two-namespaces-staging', false, 'staging', [...fromRoutes('shared-edge', 'HTTPRoute'), ...fromRoutes('internal-edge', 'HTTPRoute')], [service('st2web')]);
  grant('safe-refgrant-gateway-tls-secret', false, 'prod', [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'shared-edge' }], [{ group: '', kind: 'Secret', name: 'st2web-tls' }]);
  grant('safe-refgrant-http-mongodb', false, 'prod', fromRoutes('shared-edge', 'HTTPRoute'), [service('mongodb')]);
  grant('safe-refgrant-udp-tls-every-service', false, 'prod', fromRoutes('shared-edge', 'UDPRoute', 'TLSRoute'), [service()]);
  grant('safe-refgrant-from-production-twin', false, 'prod', fromRoutes('st2-production', 'TCPRoute'), [service('mongodb')]);

  // --- A Certificate's secretTemplate copying the key out (ST2-SEC-010) ----------------------------
  const cert = (id: string, harmful: boolean, wraps: Wrapped, annotations: Record<string, string>): void =>
    add15(id, 'secrets', harmful ? 'ST2-SEC-010' : undefined, { wraps, resources: [certificate(wraps, annotations)] });
  cert('certcopy-reflector-auto', true, 'prod', { [`${REFLECTOR}reflection-allowed`]: 'true', [`${REFLECTOR}reflection-auto-enabled`]: 'true' });
  cert('certcopy-reflector-allowed-staging', true, 'staging', { [`${REFLECTOR}reflection-allowed`]: 'true' });
  cert('certcopy-reflector-to-dev', true, 'prod', { [`${REFLECTOR}reflection-allowed`]: 'true', [`${REFLECTOR}reflection-allowed-namespaces`]: 'st2-dev' });
  cert('certcopy-replicator-pattern', true, 'prod', { [`${REPLICATOR}replicate-to`]: 'team-.*' });
  cert('certcopy-kubed-selector', true, 'staging', { 'kubed.appscode.com/sync': 'env=shared' });
  cert('safe-certcopy-description-only', false, 'prod', { 'example.com/description': 'st2web public certificate' });
  cert('safe-certcopy-reflect-within-st2', false, 'prod', { [`${REFLECTOR}reflection-allowed`]: 'true', [`${REFLECTOR}reflection-allowed-namespaces`]: 'st2-prod' });
  return cases;
}
