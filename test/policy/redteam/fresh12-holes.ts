/**
 * The eleventh red team's last allowed changes (test/attackers/red11), the
 * holes piece, rewritten as patches over prod with variants and safe
 * look-alikes:
 *
 * - st2 options that convert but stop or stall the service using them
 *   (src/policy/st2-role-options.ts, ST2-HRD-009): a negative garbage
 *   collector TTL (3.8.1's minimum is 1 day, not 7: 1, 3 and 6 days are
 *   safe), a green pool of 0, an auth backend or logging file the image does
 *   not have, system packs moved away, etcd3 coordination drivers st2 does
 *   not ship, a MongoDB mechanism pymongo refuses (any mechanism also turns
 *   TLS on: ST2-HRD-014 without a TLS mongod);
 * - cluster RBAC to everyone: built-in view (or a ClusterRole reading
 *   ConfigMaps or pods) for every authenticated user or service account by a
 *   ClusterRoleBinding, the API server's /logs and /debug (nonResourceURLs)
 *   for anonymous users (ST2-OPS-006);
 * - PodNodeSelector / PodTolerationRestriction namespace annotations placing
 *   every pod of st2's namespace on the control plane (ST2-OPS-045);
 * - the sensor container rolling out with a surge (ST2-REP-002);
 * - pods and routes that never serve: an image reference with two tags
 *   (kubectl kustomize renders `images:` newName with a tag that way), an st2
 *   program the image does not install (ST2-OPS-062), a liveness probe that
 *   kills st2api before it listens (ST2-OPS-069), an Ingress backend Service
 *   the render lacks, st2web behind Exact paths only (ST2-OPS-050), a
 *   repeated RABBITMQ_USE_LONGNAME whose last entry is false (ST2-OPS-024);
 * - a lenient render defining the ClusterSecretStore or ClusterIssuer a
 *   stricter environment uses (ST2-OPS-020), a secret store with ESO's fake
 *   provider (ST2-SEC-013).
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { FIRST, DEPLOY, STS, patch, userConf, type Json } from './targets.js';

const RBAC = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const INGRESS = { group: 'networking.k8s.io', kind: 'Ingress', name: 'st2web' };
const group = (name: string): Json => ({ kind: 'Group', apiGroup: RBAC_GROUP, name });
const sa = (namespace: string, name: string): Json => ({ kind: 'ServiceAccount', name, namespace });
/** A ClusterRole (when rules are given) and a ClusterRoleBinding of it. */
const clusterBinding = (name: string, role: string, subject: Json, rules?: Json[]): Json[] => [
  ...(rules ? [{ apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: role }, rules }] : []),
  { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: role }, subjects: [subject] },
];
const nsAnnotations = (namespace: string, annotations: Record<string, string>): Patch => patch({ kind: 'Namespace', name: namespace }, { op: 'add', path: '/metadata/annotations', value: annotations });
const issuer = (name: string, spec: Json): Json => ({ apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name }, spec });
const store = (kind: string, name: string, provider: Json): Json => ({ apiVersion: 'external-secrets.io/v1', kind, metadata: { name }, spec: { provider } });
const FAKE = { fake: { data: [{ key: 'stackstorm/mongodb', value: '{"user":"admin","password":"from-the-repository-1"}' }] } };
const VAULT = { vault: { server: 'https://vault.example.com:8200', path: 'secret', version: 'v2', auth: { kubernetes: { mountPath: 'kubernetes', role: 'st2-dev' } } } };

export function fresh12HolesCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f12h-${id}`, cls, rule, body));
  };
  const conf = (id: string, rule: string | undefined, ...lines: string[]): void => add(id, 'st2-config', rule, { patches: [userConf(...lines)] });

  // --- st2 options stopping the service that uses them (ST2-HRD-009) -------------------------------
  conf('gc-executions-ttl-negative', 'ST2-HRD-009', '[garbagecollector]', 'action_executions_ttl = -7');
  conf('gc-tokens-ttl-negative', 'ST2-HRD-009', '[garbagecollector]', 'tokens_ttl = -1');
  conf('scheduler-pool-zero', 'ST2-HRD-009', '[scheduler]', 'pool_size = 0');
  conf('runner-actions-pool-zero', 'ST2-HRD-009', '[actionrunner]', 'actions_pool_size = 0');
  conf('auth-backend-pam', 'ST2-HRD-009', '[auth]', 'backend = pam');
  conf('auth-backend-keystone-standalone', 'ST2-HRD-009', '[auth]', 'mode = standalone', 'backend = keystone');
  conf('stream-logging-typo', 'ST2-HRD-009', '[stream]', 'logging = /etc/st2/logging.streams.conf');
  conf('scheduler-logging-elsewhere', 'ST2-HRD-009', '[scheduler]', 'logging = /var/lib/st2/logging.scheduler.conf');
  conf('system-packs-moved', 'ST2-HRD-009', '[content]', 'system_packs_base_path = /opt/stackstorm/system-packs');
  conf('coordination-etcd3-grpc', 'ST2-HRD-009', '[coordination]', 'url = etcd3://etcd:2379');
  conf('coordination-etcd3gw-https', 'ST2-HRD-009', '[coordination]', 'url = etcd3+https://etcd:2379');
  conf('mongo-mechanism-lower-case', 'ST2-HRD-009', '[database]', 'authentication_mechanism = scram-sha-256');
  add('staging-mongo-x509-with-password', 'st2-config', 'ST2-HRD-009', { wraps: 'staging', patches: [userConf('[database]', 'authentication_mechanism = MONGODB-X509')] });
  // Safe: what st2 3.8.1 runs with.
  conf('safe-gc-ttl-one-day', undefined, '[garbagecollector]', 'action_executions_ttl = 1', 'traces_ttl = 3', 'trigger_instances_ttl = 6');
  conf('safe-gc-ttl-zero-off', undefined, '[garbagecollector]', 'tokens_ttl = 0');
  conf('safe-scheduler-pool-one', undefined, '[scheduler]', 'pool_size = 1');
  conf('safe-auth-backend-ldap', undefined, '[auth]', 'backend = ldap', 'backend_kwargs = {"host": "ldap.example.com", "use_ssl": true, "port": 636}');
  conf('safe-auth-backend-flat-file', undefined, '[auth]', 'mode = standalone', 'backend = flat_file');
  conf('safe-api-logging-gunicorn', undefined, '[api]', 'logging = /etc/st2/logging.api.gunicorn.conf');
  conf('safe-system-packs-default', undefined, '[content]', 'system_packs_base_path = /opt/stackstorm/packs/');
  conf('safe-coordination-etcd-v2', undefined, '[coordination]', 'url = etcd://etcd:2379');

  // --- Cluster RBAC to everyone (ST2-OPS-006) -----------------------------------------------------------
  const reads = (resources: string[]): Json[] => [{ apiGroups: [''], resources, verbs: ['get', 'list', 'watch'] }];
  const urls = (paths: string[]): Json[] => [{ nonResourceURLs: paths, verbs: ['get'] }];
  add('rbac-view-everyone-authenticated', 'access', 'ST2-OPS-006', { resources: clusterBinding('everyone-views', 'view', group('system:authenticated')) });
  add('rbac-view-every-service-account', 'access', 'ST2-OPS-006', { resources: clusterBinding('sa-views', 'view', group('system:serviceaccounts')) });
  add('rbac-configmaps-anonymous', 'access', 'ST2-OPS-006', { resources: clusterBinding('cm-readers', 'cm-reader', group('system:unauthenticated'), reads(['configmaps'])) });
  add('rbac-pods-anonymous-user', 'access', 'ST2-OPS-006', { resources: clusterBinding('pod-readers', 'pod-reader', { kind: 'User', apiGroup: RBAC_GROUP, name: 'system:anonymous' }, reads(['pods'])) });
  add('rbac-nonresource-star-anonymous', 'access', 'ST2-OPS-006', { resources: clusterBinding('debug-all', 'debug-all', group('system:unauthenticated'), urls(['*'])) });
  add('rbac-nonresource-logs-everyone', 'access', 'ST2-OPS-006', { resources: clusterBinding('node-logs', 'node-logs', group('system:authenticated'), urls(['/logs', '/logs/*'])) });
  add('rbac-nonresource-pprof-runners', 'access', 'ST2-OPS-006', { resources: clusterBinding('pprof', 'pprof', sa('st2-prod', 'default'), urls(['/debug/*'])) });
  add('safe-rbac-view-named-group', 'access', undefined, { resources: clusterBinding('sre-views', 'view', group('sre-oncall')) });
  add('safe-rbac-health-anonymous', 'access', undefined, { resources: clusterBinding('health', 'health-reader', group('system:unauthenticated'), urls(['/healthz', '/livez', '/readyz', '/version'])) });
  add('safe-rbac-metrics-monitoring', 'access', undefined, { resources: clusterBinding('prom-metrics', 'prom-metrics', sa('monitoring', 'prometheus'), urls(['/metrics'])) });
  add('safe-rbac-services-everyone', 'access', undefined, { resources: clusterBinding('svc-discovery', 'svc-discovery', group('system:authenticated'), reads(['services', 'endpoints'])) });

  // --- Namespace admission annotations placing every pod (ST2-OPS-045) -----------------------------------
  add('ns-node-selector-control-plane', 'cluster', 'ST2-OPS-045', { patches: [nsAnnotations('st2-prod', { 'scheduler.alpha.kubernetes.io/node-selector': 'node-role.kubernetes.io/control-plane=' })] });
  add('ns-node-selector-master-among-others', 'cluster', 'ST2-OPS-045', { patches: [nsAnnotations('st2-prod', { 'scheduler.alpha.kubernetes.io/node-selector': 'pool=st2,node-role.kubernetes.io/master=true' })] });
  add('ns-default-tolerate-everything', 'cluster', 'ST2-OPS-045', { patches: [nsAnnotations('st2-prod', { 'scheduler.alpha.kubernetes.io/defaultTolerations': '[{"operator": "Exists"}]' })] });
  add('ns-default-tolerate-control-plane', 'cluster', 'ST2-OPS-045', { patches: [nsAnnotations('st2-prod', { 'scheduler.alpha.kubernetes.io/defaultTolerations': '[{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"}]' })] });
  add('safe-ns-node-selector-pool', 'cluster', undefined, { patches: [nsAnnotations('st2-prod', { 'scheduler.alpha.kubernetes.io/node-selector': 'pool=st2' })] });
  add('safe-ns-default-tolerate-dedicated', 'cluster', undefined, { patches: [nsAnnotations('st2-prod', { 'scheduler.alpha.kubernetes.io/defaultTolerations': '[{"key": "dedicated", "operator": "Equal", "value": "st2", "effect": "NoSchedule"}]' })] });

  // --- The sensor container's rollout (ST2-REP-002) -------------------------------------------------------
  const strategy = (value: Json): Patch => patch(DEPLOY('st2sensorcontainer'), { op: 'replace', path: '/spec/strategy', value });
  add('sensor-rolling-default', 'workload-shape', 'ST2-REP-002', { patches: [strategy({ type: 'RollingUpdate' })] });
  add('sensor-rolling-surge-one', 'workload-shape', 'ST2-REP-002', { patches: [strategy({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } })] });
  add('staging-sensor-rolling', 'workload-shape', 'ST2-REP-002', { wraps: 'staging', patches: [strategy({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%' } })] });
  add('sensor-rolling-no-surge', 'workload-shape', 'ST2-REP-002', { patches: [strategy({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } })] });
  add('safe-dev-sensor-rolling-warns', 'workload-shape', undefined, { wraps: 'dev', patches: [strategy({ type: 'RollingUpdate' })] });

  // --- Pods and routes that never serve (ST2-OPS-062, -069, -050, -024) ------------------------------------------
  add('image-newname-with-tag', 'never-runs', 'ST2-OPS-062', { extra: ['images:', '  - name: stackstorm/st2auth', '    newName: stackstorm/st2auth:3.8.1'] });
  add('image-newname-tag-and-newtag', 'never-runs', 'ST2-OPS-062', { extra: ['images:', '  - name: stackstorm/st2stream', '    newName: stackstorm/st2stream:3.8.1', '    newTag: "3.8.1"'] });
  add('command-st2-scheduler-dash', 'never-runs', 'ST2-OPS-062', { patches: [patch(DEPLOY('st2scheduler'), { op: 'replace', path: `${FIRST}/command/0`, value: '/opt/stackstorm/st2/bin/st2-scheduler' })] });
  add('command-st2workflowengine-typo', 'never-runs', 'ST2-OPS-062', { patches: [patch(DEPLOY('st2workflowengine'), { op: 'replace', path: `${FIRST}/command/0`, value: '/opt/stackstorm/st2/bin/st2workflow-engine' })] });
  add('safe-command-st2scheduler', 'never-runs', undefined, { patches: [patch(DEPLOY('st2scheduler'), { op: 'replace', path: `${FIRST}/command/0`, value: '/opt/stackstorm/st2/bin/st2scheduler' })] });
  add('safe-image-newtag-only', 'never-runs', undefined, { extra: ['images:', '  - name: stackstorm/st2api', '    newTag: "3.8.1"'] });
  const liveness = (app: string, value: Json, extra: Json[] = []): Patch => patch(DEPLOY(app), { op: 'replace', path: `${FIRST}/livenessProbe`, value }, ...extra);
  add('liveness-one-second', 'never-runs', 'ST2-OPS-069', { patches: [liveness('st2api', { tcpSocket: { port: 9101 }, periodSeconds: 1, failureThreshold: 1 })] });
  add('liveness-fifteen-seconds-auth', 'never-runs', 'ST2-OPS-069', { patches: [liveness('st2auth', { tcpSocket: { port: 9100 }, initialDelaySeconds: 5, periodSeconds: 5, failureThreshold: 2 })] });
  add('safe-liveness-defaults', 'never-runs', undefined, { patches: [liveness('st2stream', { tcpSocket: { port: 9102 } })] });
  add('safe-liveness-behind-startup-probe', 'never-runs', undefined, {
    patches: [liveness('st2api', { tcpSocket: { port: 9101 }, periodSeconds: 5, failureThreshold: 1 }, [{ op: 'add', path: `${FIRST}/startupProbe`, value: { tcpSocket: { port: 9101 }, periodSeconds: 5, failureThreshold: 12 } }])],
  });
  add('ingress-backend-missing-service', 'never-runs', 'ST2-OPS-050', { patches: [patch(INGRESS, { op: 'replace', path: '/spec/rules/0/http/paths/0/backend/service/name', value: 'st2-web' })] });
  add('ingress-st2web-exact-root', 'never-runs', 'ST2-OPS-050', { patches: [patch(INGRESS, { op: 'replace', path: '/spec/rules/0/http/paths/0/pathType', value: 'Exact' })] });
  add('safe-ingress-exact-beside-prefix', 'never-runs', undefined, {
    patches: [patch(INGRESS, { op: 'add', path: '/spec/rules/0/http/paths/-', value: { path: '/index.html', pathType: 'Exact', backend: { service: { name: 'st2web', port: { number: 443 } } } } })],
  });
  const longName = (value: string): Patch => patch(STS('rabbitmq'), { op: 'add', path: `${FIRST}/env/-`, value: { name: 'RABBITMQ_USE_LONGNAME', value } });
  add('rabbit-longname-repeated-false', 'never-runs', 'ST2-OPS-024', { patches: [longName('false')] });
  add('rabbit-longname-replaced-no', 'never-runs', 'ST2-OPS-024', { patches: [patch(STS('rabbitmq'), { op: 'replace', path: `${FIRST}/env/1/value`, value: 'no' })] });
  add('safe-rabbit-longname-repeated-true', 'never-runs', undefined, { patches: [longName('true')] });

  // --- Shared cluster objects a stricter environment uses (ST2-OPS-020), fake secret stores (ST2-SEC-013) ----------
  add('dev-clusterissuer-production', 'environment', 'ST2-OPS-020', { wraps: 'dev', resources: [issuer('letsencrypt-production', { selfSigned: {} })] });
  add('staging-clusterissuer-production', 'environment', 'ST2-OPS-020', { wraps: 'staging', resources: [issuer('letsencrypt-production', { acme: { server: 'https://acme-staging-v02.api.letsencrypt.org/directory', privateKeySecretRef: { name: 'le-staging' }, solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }] } })] });
  add('dev-clustersecretstore-production', 'environment', 'ST2-OPS-020', { wraps: 'dev', resources: [store('ClusterSecretStore', 'st2-production', VAULT)] });
  add('dev-clustersecretstore-staging-fake', 'environment', 'ST2-OPS-020', { wraps: 'dev', resources: [store('ClusterSecretStore', 'st2-staging', FAKE)] });
  add('safe-dev-own-clusterissuer', 'environment', undefined, { wraps: 'dev', resources: [issuer('st2-dev-selfsigned', { selfSigned: {} })] });
  add('safe-dev-own-clustersecretstore', 'environment', undefined, { wraps: 'dev', resources: [store('ClusterSecretStore', 'st2-dev', VAULT)] });
  add('prod-store-fake-provider', 'secrets', 'ST2-SEC-013', { resources: [store('ClusterSecretStore', 'st2-production', FAKE)] });
  add('staging-namespaced-store-fake', 'secrets', 'ST2-SEC-013', { wraps: 'staging', resources: [store('SecretStore', 'st2-local', FAKE)] });
  add('safe-dev-store-fake-warns', 'secrets', undefined, { wraps: 'dev', resources: [store('SecretStore', 'st2-dev-local', FAKE)] });
  return cases;
}
