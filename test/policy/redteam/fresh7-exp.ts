/**
 * The seventh red team (issue 12), its open exposure holes and the store
 * operators: an independent attacker wrote 210 overlays (/work/red7 at the
 * time, run through dist/st2-gitops against main at 1b2a486: 63 of 129
 * unsafe changes allowed). Kept here, rewritten: its allowed changes of
 * these classes (Kong TCPIngress, NGINX Inc. TransportServer and Emissary
 * TCPMapping to the stores, an ingress-nginx controller stream-snippet to a
 * MongoDB member, an st2web Ingress snippet adding an API key, ssl-redirect
 * "false", Azure's internal annotation on an AWS NLB, mongo-express behind
 * a public Ingress, an MCS ServiceExport of MongoDB, a RabbitmqCluster's own
 * LoadBalancer, RabbitmqCluster and MongoDBCommunity with one member), the
 * next variants of each class written while closing them (the other edge
 * proxies' route kinds and configs, operators' other exposure fields and
 * defaults, Cilium, Linkerd, Skupper and Consul exports, other admin UIs and
 * ways to publish them, the credential in other headers, the query string or
 * other proxies' header settings or an auth service's answer, plain HTTP through the controller's
 * ConfigMap, OpenShift and Contour, cloud annotations on the wrong cloud),
 * and safe look-alikes that must stay allowed. Closed by ST2-EXP-008 by
 * store target (policies/exposure_routes.rego), the operators' resources
 * (exposure_operators.rego, replicas_operators.rego: ST2-EXP-006, ST2-EXP-002,
 * ST2-REP-007), ST2-EXP-009 to 011 (exposure_reach.rego, exposure_headers.rego),
 * ST2-OPS-004 (operations_tls.rego) and ST2-EXP-007's clouds. No case writes
 * a published default: keys and tokens here are made up.
 */
import type { Patch, RedTeamCase } from './corpus.js';

type Json = Record<string, unknown>;

// Made-up credentials (not StackStorm's, not any chart's).
const API_KEY = 'N2Q0YjFmZTAtOWE3Yy00ZDU1LWI2ZjEtMzE0MTU5MjY1MzU4';
const TOKEN = '5f0c2a9e7b6d4e1f8a3c0b9d2e7f6a1c';
const BASIC = Buffer.from('ops-robot:c4lm-Orchid-Lantern-77', 'utf8').toString('base64');

const limits = { limits: { cpu: '250m', memory: '256Mi' }, requests: { cpu: '50m', memory: '128Mi' } };

function deployment(name: string, image: string, env: Json[] = [], port = 8081): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image, env, ports: [{ containerPort: port }], resources: limits, securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }] },
      },
    },
  };
}

function service(name: string, selector: Json, port: number, spec: Json = {}, metadata: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, ...metadata }, spec: { selector, ports: [{ name: 'p', port, targetPort: port }], ...spec } };
}

function ingress(name: string, svc: string, port: number, annotations: Json = {}): Json {
  const host = `${name}.st2.example.invalid`;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, annotations },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: [host], secretName: `${name}-tls` }],
      rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: svc, port: { number: port } } } }] } }],
    },
  };
}

const controllerConfig = (data: Json): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' }, data });

const st2webAnnotation = (key: string, value: string, op = 'add'): Patch[] => [
  { target: { group: 'networking.k8s.io', kind: 'Ingress', name: 'st2web' }, ops: [{ op, path: `/metadata/annotations/${key.replace('/', '~1')}`, value }] },
];

const mongoExpressEnv = (basicAuth: boolean): Json[] => [
  ...(basicAuth
    ? [
        { name: 'ME_CONFIG_BASICAUTH_USERNAME', valueFrom: { secretKeyRef: { name: 'mongo-express-auth', key: 'user' } } },
        { name: 'ME_CONFIG_BASICAUTH_PASSWORD', valueFrom: { secretKeyRef: { name: 'mongo-express-auth', key: 'password' } } },
      ]
    : [{ name: 'ME_CONFIG_BASICAUTH', value: 'false' }]),
  { name: 'ME_CONFIG_MONGODB_ADMINUSERNAME', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'user' } } },
  { name: 'ME_CONFIG_MONGODB_ADMINPASSWORD', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'password' } } },
  { name: 'ME_CONFIG_MONGODB_SERVER', value: 'mongodb-0.mongodb,mongodb-1.mongodb,mongodb-2.mongodb' },
];

const mongoExpress = (basicAuth: boolean, svcSpec: Json = {}, svcMeta: Json = {}): Json[] => [
  deployment('mongo-express', 'mongo-express:1.0.2-20', mongoExpressEnv(basicAuth)),
  service('mongo-express', { app: 'mongo-express' }, 8081, svcSpec, svcMeta),
];

function rabbitmqCluster(spec: Json, name = 'st2-bus'): Json {
  return { apiVersion: 'rabbitmq.com/v1beta1', kind: 'RabbitmqCluster', metadata: { name }, spec: { image: 'rabbitmq:3.12.14-management', resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } }, ...spec } };
}

/** st2's [messaging] url pointed at the operator's Service (the ExternalSecret template). */
const messagingAt = (host: string): Patch[] => [
  {
    target: { kind: 'ExternalSecret', name: 'st2-config-secrets' },
    ops: [{ op: 'replace', path: '/spec/target/template/data/st2.secrets.conf', value: `[messaging]\nurl = amqp://admin:{{ .rabbitmqPassword | urlquery }}@${host}:5672\n\n[database]\nusername = {{ .mongodbUser }}\npassword = {{ .mongodbPassword }}\n` }],
  },
];

function mongoCommunity(members: number): Json {
  return {
    apiVersion: 'mongodbcommunity.mongodb.com/v1',
    kind: 'MongoDBCommunity',
    metadata: { name: 'st2-docs' },
    spec: {
      members,
      type: 'ReplicaSet',
      version: '4.4.29',
      security: { authentication: { modes: ['SCRAM'] } },
      users: [{ name: 'st2', db: 'admin', passwordSecretRef: { name: 'mongodb-admin', key: 'password' }, roles: [{ name: 'readWrite', db: 'st2' }], scramCredentialsSecretName: 'st2-docs-st2' }],
    },
  };
}

function psmdb(replset: Json, extra: Json = {}): Json {
  return {
    apiVersion: 'psmdb.percona.com/v1',
    kind: 'PerconaServerMongoDB',
    metadata: { name: 'st2-pdb' },
    spec: { crVersion: '1.20.1', image: 'percona/percona-server-mongodb:4.4.29-28', secrets: { users: 'st2-pdb-users' }, replsets: [{ name: 'rs0', size: 3, volumeSpec: { persistentVolumeClaim: { resources: { requests: { storage: '20Gi' } } } }, ...replset }], ...extra },
  };
}

const lb = (name: string, selector: Json, annotations: Json, spec: Json = {}): Json => service(name, selector, 9101, { type: 'LoadBalancer', ...spec }, { annotations });

function istioGateway(redirect: boolean): Json {
  const http = { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['st2.example.invalid'], ...(redirect ? { tls: { httpsRedirect: true } } : {}) };
  const https = { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['st2.example.invalid'], tls: { mode: 'SIMPLE', credentialName: 'st2-tls' } };
  return { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'st2-edge' }, spec: { selector: { istio: 'ingressgateway' }, servers: [http, https] } };
}

const istioRoute: Json = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'st2-web' }, spec: { hosts: ['st2.example.invalid'], gateways: ['st2-edge'], http: [{ route: [{ destination: { host: 'st2web', port: { number: 443 } } }] }] } };

const st2Service = (name: string, ops: Json[]): Patch[] => [{ target: { kind: 'Service', name }, ops }];

export function fresh7ExposureCorpus(): RedTeamCase[] {
  const deny = (id: string, rule: string, body: Partial<RedTeamCase>, wraps: RedTeamCase['wraps'] = 'prod', cls: RedTeamCase['cls'] = 'exposure'): RedTeamCase => ({ id, cls, wraps, expect: 'deny', rule, ...body });
  const allow = (id: string, body: Partial<RedTeamCase>, wraps: RedTeamCase['wraps'] = 'prod', cls: RedTeamCase['cls'] = 'exposure'): RedTeamCase => ({ id, cls, wraps, expect: 'allow', ...body });
  return [
    // --- L4 and edge routes to the stores (ST2-EXP-008) ---
    deny('f7-exp-kong-tcpingress-mongo', 'ST2-EXP-008', { resources: [{ apiVersion: 'configuration.konghq.com/v1beta1', kind: 'TCPIngress', metadata: { name: 'db', annotations: { 'kubernetes.io/ingress.class': 'kong' } }, spec: { rules: [{ port: 27017, backend: { serviceName: 'mongodb', servicePort: 27017 } }] } }] }),
    deny('f7-exp-kong-udpingress-etcd', 'ST2-EXP-008', { resources: [{ apiVersion: 'configuration.konghq.com/v1beta1', kind: 'UDPIngress', metadata: { name: 'coord', annotations: { 'kubernetes.io/ingress.class': 'kong' } }, spec: { rules: [{ port: 2379, backend: { serviceName: 'etcd', servicePort: 2379 } }] } }] }),
    deny('f7-exp-nginxinc-transportserver-rmq', 'ST2-EXP-008', { resources: [{ apiVersion: 'k8s.nginx.org/v1', kind: 'TransportServer', metadata: { name: 'bus' }, spec: { listener: { name: 'amqp-tcp', protocol: 'TCP' }, upstreams: [{ name: 'bus', service: 'rabbitmq', port: 5672 }], action: { pass: 'bus' } } }] }),
    deny('f7-exp-nginxinc-virtualserver-rmq-ui', 'ST2-EXP-008', { resources: [{ apiVersion: 'k8s.nginx.org/v1', kind: 'VirtualServer', metadata: { name: 'bus-ui' }, spec: { host: 'bus.st2.example.invalid', tls: { secret: 'bus-tls' }, upstreams: [{ name: 'ui', service: 'rabbitmq', port: 15672 }], routes: [{ path: '/', action: { pass: 'ui' } }] } }] }),
    deny('f7-exp-emissary-tcpmapping-etcd', 'ST2-EXP-008', { resources: [{ apiVersion: 'getambassador.io/v3alpha1', kind: 'TCPMapping', metadata: { name: 'coord' }, spec: { port: 2379, service: 'etcd.st2-prod:2379' } }] }),
    deny('f7-exp-emissary-mapping-rmq-ui', 'ST2-EXP-008', { resources: [{ apiVersion: 'getambassador.io/v3alpha1', kind: 'Mapping', metadata: { name: 'bus-ui' }, spec: { hostname: 'bus.st2.example.invalid', prefix: '/', service: 'http://rabbitmq.st2-prod.svc.cluster.local:15672' } }] }),
    deny('f7-exp-controller-stream-snippet-member', 'ST2-EXP-008', {
      resources: [controllerConfig({ 'allow-snippet-annotations': 'true', 'stream-snippet': 'server {\n  listen 27017;\n  proxy_pass mongodb-1.mongodb.st2-prod.svc.cluster.local:27017;\n}\n' })],
    }),
    deny('f7-exp-controller-stream-upstream', 'ST2-EXP-008', {
      resources: [controllerConfig({ 'stream-snippet': 'upstream bus {\n  server rabbitmq.st2-prod.svc:5672;\n}\nserver {\n  listen 5672;\n  proxy_pass bus;\n}\n' })],
    }),
    deny('f7-exp-helm-named-tcp-map', 'ST2-EXP-008', { resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'edge-ingress-nginx-tcp', namespace: 'ingress-nginx' }, data: { '27017': 'st2-prod/mongodb:27017' } }] }),
    deny('f7-exp-apisix-stream-rmq', 'ST2-EXP-008', { resources: [{ apiVersion: 'apisix.apache.org/v2', kind: 'ApisixRoute', metadata: { name: 'bus' }, spec: { stream: [{ name: 'amqp', protocol: 'TCP', match: { ingressPort: 5672 }, backend: { serviceName: 'rabbitmq', servicePort: 5672 } }] } }] }),
    deny('f7-exp-haproxy-tcp-etcd', 'ST2-EXP-008', { resources: [{ apiVersion: 'ingress.v1.haproxy.org/v1', kind: 'TCP', metadata: { name: 'coord' }, spec: [{ name: 'etcd', frontend: { name: 'etcd', tcplog: true, binds: [{ name: 'b', port: 2379 }] }, service: { name: 'etcd', port: 2379 } }] }] }),
    deny('f7-exp-traefikservice-rmq-ui', 'ST2-EXP-008', { resources: [{ apiVersion: 'traefik.io/v1alpha1', kind: 'TraefikService', metadata: { name: 'bus-ui' }, spec: { weighted: { services: [{ name: 'rabbitmq', port: 15672, weight: 1 }] } } }] }),
    deny('f7-exp-ingress-to-operator-service', 'ST2-EXP-008', { resources: [rabbitmqCluster({ replicas: 3 }), ingress('bus-ui', 'st2-bus', 15672)] }),
    // --- Store operators: their own exposure (ST2-EXP-006, ST2-EXP-002) ---
    deny('f7-exp-rmq-operator-lb', 'ST2-EXP-006', { resources: [rabbitmqCluster({ replicas: 3, service: { type: 'LoadBalancer' } })], patches: messagingAt('st2-bus') }),
    deny('f7-exp-rmq-operator-override-lb', 'ST2-EXP-006', { resources: [rabbitmqCluster({ replicas: 3, override: { service: { spec: { type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8'] } } } })] }),
    deny('f7-exp-rmq-operator-nodeport', 'ST2-EXP-002', { resources: [rabbitmqCluster({ replicas: 3, service: { type: 'NodePort' } })] }),
    deny('f7-exp-rmq-operator-nodeport-staging', 'ST2-EXP-002', { resources: [rabbitmqCluster({ replicas: 3, service: { type: 'NodePort' } })] }, 'staging'),
    deny('f7-exp-psmdb-expose-lb', 'ST2-EXP-006', { resources: [psmdb({ expose: { enabled: true, exposeType: 'LoadBalancer' } })] }),
    deny('f7-exp-psmdb-expose-type-nodeport', 'ST2-EXP-002', { resources: [psmdb({ expose: { enabled: true, type: 'NodePort' } })] }),
    deny('f7-exp-psmdb-mongos-lb', 'ST2-EXP-006', { resources: [psmdb({}, { sharding: { enabled: true, configsvrReplSet: { size: 3 }, mongos: { size: 2, expose: { type: 'LoadBalancer' } } } })] }),
    deny('f7-exp-mongodb-enterprise-external', 'ST2-EXP-006', { resources: [{ apiVersion: 'mongodb.com/v1', kind: 'MongoDB', metadata: { name: 'st2-ent' }, spec: { type: 'ReplicaSet', members: 3, version: '4.4.29-ent', externalAccess: {}, opsManager: { configMapRef: { name: 'om-project' } }, credentials: 'om-credentials' } }] }),
    deny('f7-exp-kubedb-mongo-lb', 'ST2-EXP-006', { resources: [{ apiVersion: 'kubedb.com/v1', kind: 'MongoDB', metadata: { name: 'st2-kdb' }, spec: { version: '4.4.26', replicas: 3, replicaSet: { name: 'rs0' }, serviceTemplates: [{ alias: 'primary', spec: { type: 'LoadBalancer' } }] } }] }),
    deny('f7-exp-lb-selects-operator-pods', 'ST2-EXP-006', { resources: [rabbitmqCluster({ replicas: 3 }), service('bus-edge', { 'app.kubernetes.io/name': 'st2-bus' }, 5672, { type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8'] })] }),
    // --- Store operators: HA floors (ST2-REP-007) ---
    deny('f7-ha-rmq-operator-1', 'ST2-REP-007', { resources: [rabbitmqCluster({ replicas: 1 })], patches: messagingAt('st2-bus') }, 'prod', 'availability'),
    deny('f7-ha-rmq-operator-default-replicas', 'ST2-REP-007', { resources: [rabbitmqCluster({})], patches: messagingAt('st2-bus') }, 'prod', 'availability'),
    deny('f7-ha-mongodbcommunity-1', 'ST2-REP-007', { resources: [mongoCommunity(1)] }, 'prod', 'availability'),
    deny('f7-ha-mongodbcommunity-2', 'ST2-REP-007', { resources: [mongoCommunity(2)] }, 'prod', 'availability'),
    deny('f7-ha-psmdb-size-1-unsafe-flag', 'ST2-REP-007', { resources: [psmdb({ size: 1 }, { unsafeFlags: { replsetSize: true } })] }, 'prod', 'availability'),
    deny('f7-ha-etcdcluster-size-2', 'ST2-REP-007', { resources: [{ apiVersion: 'operator.etcd.io/v1alpha1', kind: 'EtcdCluster', metadata: { name: 'st2-coord' }, spec: { size: 2, version: 'v3.5.17' } }] }, 'prod', 'availability'),
    deny('f7-ha-mongodb-enterprise-standalone', 'ST2-REP-007', { resources: [{ apiVersion: 'mongodb.com/v1', kind: 'MongoDB', metadata: { name: 'st2-ent' }, spec: { type: 'Standalone', version: '4.4.29-ent', opsManager: { configMapRef: { name: 'om-project' } }, credentials: 'om-credentials' } }] }, 'prod', 'availability'),
    // --- Exports to other clusters (ST2-EXP-009) ---
    deny('f7-exp-serviceexport-mongo', 'ST2-EXP-009', { resources: [{ apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', metadata: { name: 'mongodb' } }] }),
    deny('f7-exp-serviceexport-gke-rabbitmq', 'ST2-EXP-009', { resources: [{ apiVersion: 'net.gke.io/v1', kind: 'ServiceExport', metadata: { name: 'rabbitmq' } }] }),
    deny('f7-exp-serviceexport-operator-svc', 'ST2-EXP-009', { resources: [rabbitmqCluster({ replicas: 3 }), { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', metadata: { name: 'st2-bus' } }] }),
    deny('f7-exp-cilium-global-etcd', 'ST2-EXP-009', { patches: st2Service('etcd', [{ op: 'add', path: '/metadata/annotations/service.cilium.io~1global', value: 'true' }]) }),
    deny('f7-exp-linkerd-exported-mongo', 'ST2-EXP-009', { patches: st2Service('mongodb', [{ op: 'add', path: '/metadata/labels/mirror.linkerd.io~1exported', value: 'true' }]) }),
    deny('f7-exp-skupper-rabbitmq', 'ST2-EXP-009', { patches: st2Service('rabbitmq', [{ op: 'add', path: '/metadata/annotations/skupper.io~1proxy', value: 'tcp' }]) }),
    deny('f7-exp-consul-exported-mongo', 'ST2-EXP-009', { resources: [{ apiVersion: 'consul.hashicorp.com/v1alpha1', kind: 'ExportedServices', metadata: { name: 'default' }, spec: { services: [{ name: 'mongodb', consumers: [{ peer: 'analytics' }] }] } }] }),
    // --- Store admin UIs (ST2-EXP-010) ---
    deny('f7-exp-mongo-express-public', 'ST2-EXP-010', { resources: [...mongoExpress(false), ingress('db', 'mongo-express', 8081)] }),
    deny('f7-exp-mongo-express-basic-auth-public', 'ST2-EXP-010', { resources: [...mongoExpress(true), ingress('db', 'mongo-express', 8081)] }),
    deny('f7-exp-mongo-express-open-lb', 'ST2-EXP-010', { resources: mongoExpress(true, { type: 'LoadBalancer' }) }),
    deny('f7-exp-adminer-httproute', 'ST2-EXP-010', {
      resources: [deployment('db-admin', 'adminer:4.8.1', [], 8080), service('db-admin', { app: 'db-admin' }, 8080), { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'db-admin' }, spec: { parentRefs: [{ name: 'public', namespace: 'gateway' }], rules: [{ backendRefs: [{ name: 'db-admin', port: 8080 }] }] } }],
    }),
    deny('f7-exp-mongo-express-mapping', 'ST2-EXP-010', { resources: [...mongoExpress(true), { apiVersion: 'getambassador.io/v3alpha1', kind: 'Mapping', metadata: { name: 'db' }, spec: { hostname: '*', prefix: '/db/', service: 'mongo-express:8081' } }] }),
    deny('f7-exp-mongo-express-funnel', 'ST2-EXP-010', { resources: mongoExpress(true, {}, { annotations: { 'tailscale.com/expose': 'true', 'tailscale.com/funnel': 'true' } }) }),
    // --- Credentials added at the edge (ST2-EXP-011) ---
    deny('f7-exp-snippet-apikey', 'ST2-EXP-011', { patches: st2webAnnotation('nginx.ingress.kubernetes.io/configuration-snippet', `proxy_set_header St2-Api-Key "${API_KEY}";\n`) }),
    deny('f7-exp-snippet-auth-token-more-set', 'ST2-EXP-011', { patches: st2webAnnotation('nginx.ingress.kubernetes.io/server-snippet', `more_set_input_headers "X-Auth-Token: ${TOKEN}";\n`) }),
    deny('f7-exp-snippet-apikey-query', 'ST2-EXP-011', { patches: st2webAnnotation('nginx.ingress.kubernetes.io/configuration-snippet', `set $args "$args&st2-api-key=${API_KEY}";\n`) }),
    deny('f7-exp-snippet-basic-to-st2auth', 'ST2-EXP-011', { patches: st2webAnnotation('nginx.ingress.kubernetes.io/configuration-snippet', `proxy_set_header Authorization "Basic ${BASIC}";\n`) }),
    deny('f7-exp-snippet-apikey-staging', 'ST2-EXP-011', { patches: st2webAnnotation('nginx.ingress.kubernetes.io/configuration-snippet', `proxy_set_header st2-api-key ${API_KEY};\n`) }, 'staging'),
    deny('f7-exp-controller-server-snippet-apikey', 'ST2-EXP-011', { resources: [controllerConfig({ 'server-snippet': `proxy_set_header St2-Api-Key "${API_KEY}";\n` })] }),
    deny('f7-exp-httproute-header-modifier', 'ST2-EXP-011', {
      resources: [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'st2-api' }, spec: { parentRefs: [{ name: 'public', namespace: 'gateway' }], rules: [{ filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'St2-Api-Key', value: API_KEY }] } }], backendRefs: [{ name: 'st2api', port: 9101 }] }] } }],
    }),
    deny('f7-exp-traefik-middleware-token', 'ST2-EXP-011', { resources: [{ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'st2-token' }, spec: { headers: { customRequestHeaders: { 'X-Auth-Token': TOKEN } } } }] }),
    deny('f7-exp-istio-vs-apikey', 'ST2-EXP-011', {
      resources: [{ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'st2' }, spec: { hosts: ['st2.example.invalid'], gateways: ['istio-system/public'], http: [{ headers: { request: { set: { 'St2-Api-Key': API_KEY } } }, route: [{ destination: { host: 'st2web', port: { number: 443 } } }] }] } }],
    }),
    deny('f7-exp-kong-request-transformer', 'ST2-EXP-011', { resources: [{ apiVersion: 'configuration.konghq.com/v1', kind: 'KongPlugin', metadata: { name: 'st2-key' }, plugin: 'request-transformer', config: { add: { headers: [`St2-Api-Key:${API_KEY}`] } } }] }),
    deny('f7-exp-proxy-set-headers-map', 'ST2-EXP-011', {
      resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-edge-headers' }, data: { 'X-Forwarded-Proto': 'https', 'X-Auth-Token': TOKEN } }],
      patches: st2webAnnotation('nginx.ingress.kubernetes.io/proxy-set-headers', 'st2-prod/st2-edge-headers'),
    }),
    deny('f7-exp-auth-response-apikey', 'ST2-EXP-011', {
      patches: [
        {
          target: { group: 'networking.k8s.io', kind: 'Ingress', name: 'st2web' },
          ops: [
            { op: 'add', path: '/metadata/annotations/nginx.ingress.kubernetes.io~1auth-url', value: 'http://edge-authz.st2-prod.svc.cluster.local:8080/allow' },
            { op: 'add', path: '/metadata/annotations/nginx.ingress.kubernetes.io~1auth-response-headers', value: 'X-Edge-User, St2-Api-Key' },
          ],
        },
      ],
    }),
    // --- Plain HTTP beside TLS (ST2-OPS-004) ---
    deny('f7-exp-ssl-redirect-off', 'ST2-OPS-004', { patches: st2webAnnotation('nginx.ingress.kubernetes.io/ssl-redirect', 'false', 'replace') }),
    deny('f7-exp-ssl-redirect-zero', 'ST2-OPS-004', { patches: st2webAnnotation('nginx.ingress.kubernetes.io/ssl-redirect', '0', 'replace') }),
    deny('f7-exp-ssl-redirect-off-staging', 'ST2-OPS-004', { patches: st2webAnnotation('nginx.ingress.kubernetes.io/ssl-redirect', 'False') }, 'staging'),
    deny('f7-exp-ssl-redirect-controller-wide', 'ST2-OPS-004', {
      resources: [controllerConfig({ 'ssl-redirect': 'false' })],
      patches: [{ target: { group: 'networking.k8s.io', kind: 'Ingress', name: 'st2web' }, ops: [{ op: 'remove', path: '/metadata/annotations/nginx.ingress.kubernetes.io~1ssl-redirect' }] }],
    }),
    deny('f7-exp-openshift-route-allow-insecure', 'ST2-OPS-004', { resources: [{ apiVersion: 'route.openshift.io/v1', kind: 'Route', metadata: { name: 'st2' }, spec: { host: 'st2.apps.example.invalid', to: { kind: 'Service', name: 'st2web' }, tls: { termination: 'edge', insecureEdgeTerminationPolicy: 'Allow' } } }] }),
    deny('f7-exp-contour-permit-insecure', 'ST2-OPS-004', {
      resources: [{ apiVersion: 'projectcontour.io/v1', kind: 'HTTPProxy', metadata: { name: 'st2' }, spec: { virtualhost: { fqdn: 'st2.example.invalid', tls: { secretName: 'st2-tls' } }, routes: [{ conditions: [{ prefix: '/' }], permitInsecure: true, services: [{ name: 'st2web', port: 443 }] }] } }],
    }),
    deny('f7-exp-istio-gateway-plain-http', 'ST2-OPS-004', { resources: [istioGateway(false), istioRoute] }),
    // --- An internal annotation on the wrong cloud (ST2-EXP-007) ---
    deny('f7-exp-lb-azure-flag-on-aws-nlb', 'ST2-EXP-007', { resources: [lb('st2api-nlb', { app: 'st2api', release: 'st2' }, { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb', 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' })] }),
    deny('f7-exp-lb-gke-flag-on-aws-class', 'ST2-EXP-007', { resources: [lb('st2api-nlb', { app: 'st2api', release: 'st2' }, { 'networking.gke.io/load-balancer-type': 'Internal' }, { loadBalancerClass: 'service.k8s.aws/nlb' })] }),
    deny('f7-exp-lb-aws-flag-on-cilium-class', 'ST2-EXP-007', { resources: [lb('st2web-bgp', { app: 'st2web', release: 'st2' }, { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' }, { loadBalancerClass: 'io.cilium/bgp-control-plane' })] }),
    deny('f7-exp-lb-aws-flag-on-azure', 'ST2-EXP-007', { resources: [lb('st2auth-lb', { app: 'st2auth', release: 'st2' }, { 'service.beta.kubernetes.io/azure-load-balancer-resource-group': 'st2-rg', 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' })] }),

    // --- Safe look-alikes ---
    allow('f7-safe-exp-snippet-security-headers', { patches: st2webAnnotation('nginx.ingress.kubernetes.io/configuration-snippet', 'more_set_headers "X-Frame-Options: DENY";\nmore_set_headers "Referrer-Policy: same-origin";\n') }),
    allow('f7-safe-exp-snippet-clears-authorization', { patches: st2webAnnotation('nginx.ingress.kubernetes.io/configuration-snippet', 'proxy_set_header X-Forwarded-Proto https;\nproxy_set_header Authorization "";\n') }),
    allow('f7-safe-exp-authorization-to-other-app', { resources: [deployment('wiki', 'nginx:1.27.3', [], 8080), service('wiki', { app: 'wiki' }, 8080), ingress('wiki', 'wiki', 8080, { 'nginx.ingress.kubernetes.io/configuration-snippet': `proxy_set_header Authorization "Basic ${BASIC}";\n` })] }),
    allow('f7-safe-exp-traefik-middleware-headers', { resources: [{ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'st2-headers' }, spec: { headers: { customRequestHeaders: { 'X-Forwarded-Proto': 'https', 'X-Auth-Token': '' } } } }] }),
    allow('f7-safe-exp-httproute-harmless-header', {
      resources: [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'st2-web' }, spec: { parentRefs: [{ name: 'public', namespace: 'gateway' }], rules: [{ filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'X-Request-Source', value: 'edge' }] } }], backendRefs: [{ name: 'st2web', port: 443 }] }] } }],
    }),
    allow('f7-safe-exp-mongo-express-clusterip', { resources: mongoExpress(true) }),
    allow('f7-safe-exp-mongo-express-internal-lb', { resources: mongoExpress(true, { type: 'LoadBalancer' }, { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } }) }),
    allow('f7-safe-exp-redis-commander-clusterip', { resources: [deployment('cache-ui', 'rediscommander/redis-commander:latest@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9', [], 8081), service('cache-ui', { app: 'cache-ui' }, 8081)] }),
    allow('f7-safe-exp-rmq-operator-3-clusterip', { resources: [rabbitmqCluster({ replicas: 3 })], patches: messagingAt('st2-bus') }),
    allow('f7-safe-ha-mongodbcommunity-3', { resources: [mongoCommunity(3)] }, 'prod', 'availability'),
    allow('f7-safe-ha-psmdb-3-clusterip-expose', { resources: [psmdb({ expose: { enabled: true, exposeType: 'ClusterIP' } })] }, 'prod', 'availability'),
    allow('f7-safe-exp-serviceexport-st2api', { resources: [{ apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', metadata: { name: 'st2api' } }] }),
    allow('f7-safe-exp-linkerd-exported-false', { patches: st2Service('mongodb', [{ op: 'add', path: '/metadata/labels/mirror.linkerd.io~1exported', value: 'false' }]) }),
    allow('f7-safe-exp-kong-tcpingress-syslog', { resources: [deployment('syslog', 'balabit/syslog-ng:4.8.1', [], 514), service('syslog', { app: 'syslog' }, 514), { apiVersion: 'configuration.konghq.com/v1beta1', kind: 'TCPIngress', metadata: { name: 'syslog', annotations: { 'kubernetes.io/ingress.class': 'kong' } }, spec: { rules: [{ port: 514, backend: { serviceName: 'syslog', servicePort: 514 } }] } }] }),
    // Namespace-less (in st2's): the ingress-nginx namespace itself is another team's (ST2-OPS-015, fresh7-dlv.ts).
    allow('f7-safe-exp-controller-stream-other', { resources: [{ ...controllerConfig({ 'stream-snippet': 'server {\n  listen 6514;\n  proxy_pass syslog.logging.svc.cluster.local:6514;\n}\n' }), metadata: { name: 'ingress-nginx-controller' } }] }),
    allow('f7-safe-exp-force-ssl-redirect-default', { patches: st2webAnnotation('nginx.ingress.kubernetes.io/force-ssl-redirect', 'false') }),
    allow('f7-safe-exp-ssl-redirect-off-other-ingress', { resources: [deployment('docs', 'nginx:1.27.3', [], 8080), service('docs', { app: 'docs' }, 8080), ingress('docs', 'docs', 8080, { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' })] }),
    allow('f7-safe-exp-openshift-route-redirect', { resources: [{ apiVersion: 'route.openshift.io/v1', kind: 'Route', metadata: { name: 'st2' }, spec: { host: 'st2.apps.example.invalid', to: { kind: 'Service', name: 'st2web' }, tls: { termination: 'edge', insecureEdgeTerminationPolicy: 'Redirect' } } }] }),
    allow('f7-safe-exp-istio-gateway-redirect', { resources: [istioGateway(true), istioRoute] }),
    allow('f7-safe-exp-auth-response-sso', {
      patches: [
        {
          target: { group: 'networking.k8s.io', kind: 'Ingress', name: 'st2web' },
          ops: [
            { op: 'add', path: '/metadata/annotations/nginx.ingress.kubernetes.io~1auth-url', value: 'http://oauth2-proxy.st2-prod.svc.cluster.local:4180/oauth2/auth' },
            { op: 'add', path: '/metadata/annotations/nginx.ingress.kubernetes.io~1auth-response-headers', value: 'X-Auth-Request-User, X-Auth-Request-Email, Authorization' },
          ],
        },
      ],
    }),
    allow('f7-safe-exp-lb-aws-class-scheme-internal', { resources: [lb('st2api-nlb', { app: 'st2api', release: 'st2' }, { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal', 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' }, { loadBalancerClass: 'service.k8s.aws/nlb' })] }),
    allow('f7-safe-exp-lb-azure-internal-subnet', { resources: [lb('st2web-int', { app: 'st2web', release: 'st2' }, { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true', 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'st2-subnet' }, { ports: [{ name: 'p', port: 443, targetPort: 443 }] })] }),
  ];
}
