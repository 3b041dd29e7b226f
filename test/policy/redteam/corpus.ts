/**
 * The red-team corpus: overlays that wrap prod, staging or dev, each with
 * the verdict the gate must give. Generated from compact tables (places ×
 * encodings × literals, shapes × components, ...) rather than committed as
 * directories; redteam.test.ts writes them into a copy of the repository and
 * runs each through the built launcher (dist/st2-gitops render).
 *
 * Classes follow issue 12: the gate trusting what it judges (environment),
 * secrets outside the usual places or encoded, workloads by shape, components
 * by what they run, exposure, waivers; each class has safe look-alikes that
 * must pass.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freshCorpus } from './fresh.js';
import { fresh3Corpus } from './fresh3-secrets.js';
import { fresh3WorkloadCorpus } from './fresh3-workloads.js';
import { fresh4Corpus } from './fresh4.js';
import { fresh5RbacCorpus } from './fresh5-rbac.js';
import { fresh5Corpus } from './fresh5.js';
import { fresh6EncodingCorpus } from './fresh6-encodings.js';
import { fresh6ConfigCorpus } from './fresh6-config.js';
import { fresh6ExposureCorpus } from './fresh6-exposure.js';
import { fresh7ExposureCorpus } from './fresh7-exp.js';
import { fresh7RbacCorpus } from './fresh7-rbac.js';
import { fresh7SecCorpus } from './fresh7-sec.js';
import { fresh7HaCorpus } from './fresh7-ha.js';
import { fresh7DeliveryCorpus } from './fresh7-dlv.js';
import { fresh8KzCorpus } from './fresh8-kz.js';
import { fresh8CfgCorpus } from './fresh8-cfg.js';
import { fresh8ArgoCorpus } from './fresh8-argo.js';
import { fresh8PodCorpus } from './fresh8-pod.js';
import { fresh8AdmCorpus } from './fresh8-adm.js';
import { fresh9StoreCorpus } from './fresh9-store.js';
import { fresh9ClusterCorpus } from './fresh9-cluster.js';
import { fresh9EdgeCorpus, fresh9JobCorpus } from './fresh9-edge.js';
import { fresh9St2Corpus } from './fresh9-st2.js';
import { fresh10HolesCorpus } from './fresh10-holes.js';
import { fresh11CfgCorpus } from './fresh11-cfg.js';
import { fresh12HolesCorpus } from './fresh12-holes.js';
import { fresh11St2webCorpus } from './fresh11-st2web.js';
import { fresh11PodsCorpus } from './fresh11-pods.js';
import { fresh11FlowCorpus } from './fresh11-flow.js';
import { fresh11SecretsCorpus } from './fresh11-secrets.js';
import { fresh11StoresCorpus } from './fresh11-stores.js';
import { fresh11EdgeCorpus } from './fresh11-edge.js';
import { fresh11EgressCorpus } from './fresh11-egress.js';
import { fresh12PreloadCorpus } from './fresh12-preload.js';
import { fresh12StoresCorpus } from './fresh12-stores.js';
import { fresh12EgressCorpus } from './fresh12-egress.js';
import { fresh13SingCorpus } from './fresh13-sing.js';
import { fresh13StoresCorpus } from './fresh13-stores.js';
import { fresh14MineCorpus } from './fresh14-mine.js';
import { fresh13NetCorpus } from './fresh13-net.js';
import { fresh13CredsCorpus } from './fresh13-creds.js';
import { fresh14Sing2Corpus } from './fresh14-sing2.js';
import { fresh14EncCorpus } from './fresh14-enc.js';
import { fresh15MineCorpus } from './fresh15-mine.js';
import { fresh15TlsCorpus } from './fresh15-tls.js';
import { fresh15PyshadowCorpus } from './fresh15-pyshadow.js';
import { fresh15LoadersCorpus } from './fresh15-loaders.js';
import { fresh16LoadsCorpus } from './fresh16-loads.js';
import { fresh16St2optCorpus } from './fresh16-st2opt.js';
import { fresh15RbacCorpus } from './fresh15-rbac.js';
import { fresh16RbacCorpus } from './fresh16-rbac.js';
import { fresh14Red14aCorpus } from './fresh14-red14a.js';
import { fresh15CfgCorpus } from './fresh15-cfg.js';
import { fresh16MineCorpus } from './fresh16-mine.js';
import { fresh16RunsCorpus } from './fresh16-runs.js';
import { fresh16ShapeCorpus } from './fresh16-shape.js';
import { fresh17EncCorpus } from './fresh17-enc.js';
import { fresh17LocalConfigCorpus } from './fresh17-localcfg.js';
import { fresh17EnvCorpus } from './fresh17-env.js';
import { fresh17CfgCorpus } from './fresh17-cfg.js';
import { fresh18KvCorpus } from './fresh18-kv.js';
import { fresh18ImageCorpus } from './fresh18-img.js';
import { fresh19DupCorpus } from './fresh19-dup.js';
import { fresh19EdgeCorpus } from './fresh19-edge.js';
import { fresh19CoordCorpus } from './fresh19-coord.js';
import { fresh19EncCorpus } from './fresh19-enc.js';
import { fresh19StoreCorpus } from './fresh19-store.js';
import { fresh20StoresCorpus } from './fresh20-stores.js';
import { fresh20EdgeCorpus } from './fresh20-edge.js';
import { fresh20OsloCorpus } from './fresh20-oslo.js';
import { fresh20ProbesCorpus } from './fresh20-probes.js';
import { fresh20KeysCorpus } from './fresh20-keys.js';
import { fresh21ItemsCorpus } from './fresh21-items.js';
import { fresh20EncCorpus } from './fresh20-enc.js';
import { fresh20MongoCorpus } from './fresh20-mongo.js';
import { fresh22UriCorpus } from './fresh22-uri.js';
import { fresh21WritersCorpus } from './fresh21-writers.js';
import { fresh22StoresCorpus } from './fresh22-stores.js';
import { fresh21EntryCorpus } from './fresh21-entry.js';
import { fresh22AmqpCorpus } from './fresh22-amqp.js';

export type Verdict = 'deny' | 'allow' | 'bad-input';
export type Wrapped = 'prod' | 'staging' | 'dev';
export type CaseClass =
  | 'environment'
  | 'secrets'
  | 'key-material'
  | 'workload-shape'
  | 'components'
  | 'scalers'
  | 'exposure'
  | 'waivers'
  | 'replica-input'
  | 'st2-config'
  | 'store-auth'
  | 'availability'
  | 'delivery'
  | 'access'
  | 'never-runs'
  | 'cluster'
  | 'st2-self';

type Json = Record<string, unknown>;

export interface Patch {
  readonly target: Json;
  readonly ops: readonly Json[];
}

export interface RedTeamCase {
  readonly id: string;
  readonly cls: CaseClass;
  readonly wraps: Wrapped;
  /** The environment the overlay declares; undefined = the wrapped one's; null = no annotation. */
  readonly env?: string | null;
  readonly expect: Verdict;
  /** A rule the denial must name. */
  readonly rule?: string;
  readonly resources?: readonly Json[];
  readonly patches?: readonly Patch[];
  /** Raw kustomization lines appended (commonAnnotations, namespace, replicas...). */
  readonly extra?: readonly string[];
  /** A whole overlay directory instead (fresh.ts): file name → text (or bytes), kustomization.yaml included. */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** More arguments for `render` (a caller's floor: --env production). */
  readonly args?: readonly string[];
}

const ENV_OF: Record<Wrapped, string> = { prod: 'production', staging: 'staging', dev: 'dev' };

// --- Values ----------------------------------------------------------------------------------

const LITERALS = {
  st2: 'Ch@ngeMe',
  rabbit: '9jS+w1u07NbHtZke1m+jW4Cj',
  cookie: '8MrqQdCQ6AQ8U3MacSubHE5RqkSfvNaRHzvxuFcG',
  mongo: 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK',
  keyfile: '82PItDpqroti5RngOA7UqbHH7c6bFUwy',
  root: '8fAzdnksdzPFUWm4a68EfY7nMhBPaa',
  slack: 'xoxb-CHANGE-ME-PLEASE',
} as const;
type LiteralName = keyof typeof LITERALS;

const b64 = (t: string): string => Buffer.from(t, 'utf8').toString('base64');
const lowerHex = (t: string): string => t.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

const ENCODINGS = {
  plain: (v: string) => v,
  inside: (v: string) => `password=${v};timeout=30`,
  base64: (v: string) => b64(v),
  'base64-wrapped': (v: string) => (b64(`user: st2admin\npassword: ${v}\nhost: st2-api.st2.svc\n`).match(/.{1,20}/g) ?? []).join('\n'),
  base64url: (v: string) => Buffer.from(`pw:${v}`, 'utf8').toString('base64url'),
  'double-base64': (v: string) => b64(b64(v)),
  'percent-upper': (v: string) => `db?password=${encodeURIComponent(v)}`,
  'percent-lower': (v: string) => `db?password=${lowerHex(encodeURIComponent(v))}`,
  'json-escape': (v: string) => JSON.stringify({ password: v }).replace(/[@+a]/, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  'url-credentials': (v: string) => `amqp://admin:${encodeURIComponent(v)}@rabbitmq.st2-prod:5672/`,
  'basic-auth': (v: string) => `Basic ${b64(`admin:${v}`)}`,
  'base64-in-json': (v: string) => JSON.stringify({ auths: { 'registry.example': { auth: b64(`robot:${v}`) } } }),
} as const;
type EncodingName = keyof typeof ENCODINGS;

// --- Builders ----------------------------------------------------------------------------------

const LIMITS = { limits: { cpu: '250m', memory: '128Mi' }, requests: { cpu: '50m', memory: '64Mi' } };

function container(image: string, extra: Json = {}): Json {
  return { name: 'main', image, resources: LIMITS, securityContext: { allowPrivilegeEscalation: false }, ...extra };
}

interface WorkloadOptions {
  readonly kind?: string;
  readonly apiVersion?: string;
  readonly replicas?: unknown;
  readonly labels?: Json;
  readonly container?: Json;
  readonly pod?: Json;
  readonly annotations?: Json;
  readonly noReplicas?: boolean;
  readonly strategy?: Json;
}

function workload(name: string, image: string, o: WorkloadOptions = {}): Json {
  const labels = o.labels ?? { app: name };
  const spec: Json = {
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [container(image, o.container)], ...o.pod } },
  };
  if (!o.noReplicas) spec['replicas'] = o.replicas ?? 1;
  if (o.strategy) spec['strategy'] = o.strategy;
  return {
    apiVersion: o.apiVersion ?? 'apps/v1',
    kind: o.kind ?? 'Deployment',
    metadata: { name, labels, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec,
  };
}

function pdb(app: string): Json {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: `${app}-pdb` }, spec: { maxUnavailable: 1, selector: { matchLabels: { app } } } };
}

function configMap(name: string, data: Json, metadata: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...metadata }, data };
}

function service(name: string, selector: Json, spec: Json = {}, metadata: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, ...metadata }, spec: { selector, ports: [{ port: 80, targetPort: 8080 }], ...spec } };
}

const ST2 = (component: string): string => `stackstorm/${component}:3.8.1`;

// --- Secrets anywhere: places × encodings × literals ------------------------------------------------

type Place = (value: string) => Pick<RedTeamCase, 'resources' | 'patches'>;

const PLACES: Record<string, Place> = {
  'configmap-annotation': (v) => ({ resources: [configMap('rt-notes', { a: 'b' }, { annotations: { 'example.com/conn': v } })] }),
  'deployment-annotation-patch': (v) => ({ patches: [{ target: { kind: 'Deployment', name: 'st2api' }, ops: [{ op: 'add', path: '/metadata/annotations/example.com~1conn', value: v }] }] }),
  'pod-template-annotation': (v) => ({ patches: [{ target: { kind: 'Deployment', name: 'st2auth' }, ops: [{ op: 'add', path: '/spec/template/metadata/annotations', value: { 'example.com/conn': v } }] }] }),
  'probe-exec': (v) => ({ resources: [workload('rt-probe', 'busybox:1.36.1', { container: { livenessProbe: { exec: { command: ['sh', '-c', `check --token '${v}'`] } } } })] }),
  'lifecycle-hook': (v) => ({ resources: [workload('rt-hook', 'busybox:1.36.1', { container: { lifecycle: { postStart: { exec: { command: ['login', v] } } } } })] }),
  'externalsecret-template': (v) => ({
    resources: [{ apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'rt-es' }, spec: { secretStoreRef: { name: 'st2-production', kind: 'ClusterSecretStore' }, target: { name: 'rt', template: { data: { url: v } } }, data: [] } }],
  }),
  'custom-resource': (v) => ({ resources: [{ apiVersion: 'db.example.com/v1', kind: 'DatabaseUser', metadata: { name: 'rt-user' }, spec: { database: 'st2', auth: { credentials: [{ value: v }] } } }] }),
  'configmap-key': (v) => ({ resources: [configMap('rt-keys', { [v]: 'x' })] }),
  'service-annotation': (v) => ({ resources: [service('rt-svc', { app: 'rt-none' }, {}, { annotations: { 'example.com/auth': v } })] }),
  'ingress-annotation': (v) => ({
    patches: [{ target: { kind: 'Ingress', name: 'st2web' }, ops: [{ op: 'add', path: '/metadata/annotations/nginx.ingress.kubernetes.io~1configuration-snippet', value: `proxy_set_header Authorization "${v}";` }] }],
  }),
  'job-init-env': (v) => ({
    resources: [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'rt-job' },
        spec: { template: { spec: { restartPolicy: 'Never', initContainers: [container('busybox:1.36.1', { name: 'init', env: [{ name: 'DB', value: v }] })], containers: [container('busybox:1.36.1')] } } },
      },
    ],
  }),
  'args-of-rollout': (v) => ({
    resources: [workload('rt-rollout-args', 'busybox:1.36.1', { kind: 'Rollout', apiVersion: 'argoproj.io/v1alpha1', container: { args: ['--db', v] } })],
  }),
  'configmap-label-free-text': (v) => ({ resources: [configMap('rt-text', { 'app.ini': `[db]\nuri = ${v}\n` })] }),
};

/** Each place meets three encodings, the literals rotating, so every encoding and literal is used several times. */
function secretCases(): RedTeamCase[] {
  const encodings = Object.keys(ENCODINGS) as EncodingName[];
  const literals = Object.keys(LITERALS) as LiteralName[];
  const out: RedTeamCase[] = [];
  let n = 0;
  for (const [place, build] of Object.entries(PLACES)) {
    for (let k = 0; k < 3; k++) {
      const encoding = encodings[(n + k * 5) % encodings.length] as EncodingName;
      // Basic auth and URL credentials carry a whole password; keep the short st2 one there too.
      const literal = literals[n % literals.length] as LiteralName;
      n++;
      const value = ENCODINGS[encoding](LITERALS[literal]);
      out.push({ id: `secret-${place}-${encoding}-${literal}`, cls: 'secrets', wraps: 'prod', expect: 'deny', rule: 'ST2-SEC-001', ...build(value) });
    }
  }
  // Safe look-alikes: the word, a random password, a hash, a split literal, a near miss of a short one.
  const safe: Array<[string, string]> = [
    ['word-changeme', 'ChangeMe: rotate the password before go-live'],
    ['random-password', 'v9R-2mQx7LqT4sWz8nYb'],
    ['sha256-of-default', '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8'],
    ['base64-random', b64('a perfectly random sentence of no importance')],
    ['near-miss-short', 'Ch@ngeM'],
    ['url-without-password', 'amqp://st2@rabbitmq.st2-prod:5672/'],
    ['basic-auth-random', `Basic ${b64('admin:Zq8-random-Kv3')}`],
  ];
  for (const [name, value] of safe) {
    out.push({ id: `secret-safe-${name}`, cls: 'secrets', wraps: 'prod', expect: 'allow', ...(PLACES['configmap-annotation'] as Place)(value) });
  }
  out.push({ id: 'secret-safe-split-literal', cls: 'secrets', wraps: 'prod', expect: 'allow', resources: [configMap('rt-split', { a: 'Ch@n', b: 'geMe' })] });
  // Generated objects are judged like any other (issue 13's generators).
  out.push({ id: 'secret-secretgenerator-literal', cls: 'secrets', wraps: 'prod', expect: 'deny', rule: 'ST2-SEC-001', extra: ['secretGenerator:', '  - name: rt-gen', '    literals:', `      - password=${LITERALS.st2}`] });
  out.push({ id: 'secret-configmapgenerator-url', cls: 'secrets', wraps: 'prod', expect: 'deny', rule: 'ST2-SEC-001', extra: ['configMapGenerator:', '  - name: rt-gen-cm', '    literals:', `      - url=${ENCODINGS['url-credentials'](LITERALS.rabbit)}`] });
  // In dev a default is a warning: the render passes.
  out.push({ id: 'secret-dev-annotation-warns', cls: 'secrets', wraps: 'dev', expect: 'allow', ...(PLACES['configmap-annotation'] as Place)(LITERALS.st2) });
  out.push({ id: 'secret-staging-annotation', cls: 'secrets', wraps: 'staging', expect: 'deny', rule: 'ST2-SEC-001', ...(PLACES['service-annotation'] as Place)(b64(LITERALS.mongo)) });
  return out;
}

// --- Key material: the repository's dev keys, wherever and however they appear --------------------

function keyMaterialCases(root: string, ca: string): RedTeamCase[] {
  const freshKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const data = (file: string, key: string): string => {
    const m = new RegExp(`^\\s+${key}: (\\S+)$`, 'm').exec(readFileSync(path.join(root, file), 'utf8'));
    return Buffer.from(m?.[1] ?? '', 'base64').toString('utf8');
  };
  const sshKey = data('components/default-secrets/st2-ssh.yaml', 'private_key');
  const tlsKey = data('components/default-secrets/st2web.yaml', 'ssl_certificate_key');
  const tlsCert = data('components/default-secrets/st2web.yaml', 'ssl_certificate');
  const escaped = (pem: string): string => pem.replace(/\n/g, '\\n');
  return [
    { id: 'key-ssh-in-configmap', cls: 'key-material', wraps: 'prod', expect: 'deny', rule: 'ST2-SEC-003', resources: [configMap('rt-ssh', { id_rsa: sshKey })] },
    { id: 'key-ssh-escaped-in-annotation', cls: 'key-material', wraps: 'prod', expect: 'deny', rule: 'ST2-SEC-003', resources: [configMap('rt-ssh2', { a: 'b' }, { annotations: { 'example.com/key': escaped(sshKey) } })] },
    { id: 'key-ssh-base64-in-custom-resource', cls: 'key-material', wraps: 'prod', expect: 'deny', rule: 'ST2-SEC-003', resources: [{ apiVersion: 'ops.example.com/v1', kind: 'Deployer', metadata: { name: 'rt' }, spec: { sshKey: b64(sshKey) } }] },
    { id: 'key-ssh-json-in-env', cls: 'key-material', wraps: 'prod', expect: 'deny', rule: 'ST2-SEC-003', resources: [workload('rt-ssh-env', 'busybox:1.36.1', { container: { env: [{ name: 'CFG', value: JSON.stringify({ key: sshKey }) }] } })] },
    { id: 'key-tls-in-configmap', cls: 'key-material', wraps: 'prod', expect: 'deny', rule: 'ST2-SEC-005', resources: [configMap('rt-tls', { 'server.key': tlsKey })] },
    { id: 'key-tls-escaped-externalsecret-template', cls: 'key-material', wraps: 'prod', expect: 'deny', rule: 'ST2-SEC-005', resources: [{ apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'rt-tls' }, spec: { secretStoreRef: { name: 'st2-production', kind: 'ClusterSecretStore' }, target: { name: 'x', template: { data: { 'tls.key': escaped(tlsKey) } } }, data: [] } }] },
    { id: 'cert-default-in-configmap', cls: 'key-material', wraps: 'prod', expect: 'deny', rule: 'ST2-SEC-006', resources: [configMap('rt-cert', { 'st2.crt': tlsCert })] },
    // A fresh private key committed in production: ST2-SEC-021 by design since the holes piece.
    { id: 'key-safe-fresh-key-in-configmap', cls: 'key-material', wraps: 'prod', expect: 'deny', rule: 'ST2-SEC-021', resources: [configMap('rt-fresh', { 'server.key': freshKey })] },
    { id: 'key-safe-self-signed-ca-unusual-key', cls: 'key-material', wraps: 'prod', expect: 'allow', resources: [configMap('rt-ca', { 'corporate-root.pem': ca })] },
    { id: 'key-safe-ca-escaped-in-annotation', cls: 'key-material', wraps: 'prod', expect: 'allow', resources: [configMap('rt-ca2', { a: 'b' }, { annotations: { 'example.com/trust': escaped(ca) } })] },
    { id: 'cert-default-double-base64', cls: 'key-material', wraps: 'staging', expect: 'deny', rule: 'ST2-SEC-006', resources: [configMap('rt-cert2', { bundle: b64(b64(tlsCert)) })] },
  ];
}

// --- Environment: the overlay trying to be judged leniently ------------------------------------------

const DEFECTS: Record<string, Pick<RedTeamCase, 'resources' | 'patches' | 'rule'>> = {
  nodeport: { rule: 'ST2-EXP-002', patches: [{ target: { kind: 'Service', name: 'st2web' }, ops: [{ op: 'add', path: '/spec/type', value: 'NodePort' }] }] },
  latest: { rule: 'ST2-HRD-001', patches: [{ target: { kind: 'Deployment', name: 'st2api' }, ops: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'stackstorm/st2api:latest' }] }] },
  'default-secret': { rule: 'ST2-SEC-001', resources: [configMap('rt-defect', { password: LITERALS.st2 })] },
};

function environmentCases(): RedTeamCase[] {
  const out: RedTeamCase[] = [];
  const declared: Array<string | null> = ['dev', 'development', 'staging', 'Dev', 'test', null];
  for (const env of declared) {
    for (const [defect, d] of Object.entries(DEFECTS)) {
      out.push({ id: `env-prod-says-${env ?? 'nothing'}-${defect}`, cls: 'environment', wraps: 'prod', env, expect: 'deny', ...d });
    }
  }
  // Leaving the mapped namespace does not help: the base's declaration binds.
  for (const [defect, d] of Object.entries(DEFECTS)) {
    out.push({ id: `env-prod-new-namespace-dev-${defect}`, cls: 'environment', wraps: 'prod', env: 'dev', extra: ['namespace: st2-sandbox'], expect: 'deny', ...d });
  }
  out.push({ id: 'env-staging-says-dev-nodeport', cls: 'environment', wraps: 'staging', env: 'dev', expect: 'deny', ...DEFECTS['nodeport'] });
  out.push({ id: 'env-dev-moved-into-st2-prod', cls: 'environment', wraps: 'dev', env: 'dev', extra: ['namespace: st2-prod'], expect: 'deny' });
  // Safe: tightening is always allowed; dev stays dev.
  out.push({ id: 'env-safe-dev-stays-lenient', cls: 'environment', wraps: 'dev', expect: 'allow', ...DEFECTS['nodeport'] });
  out.push({ id: 'env-safe-prod-label-only', cls: 'environment', wraps: 'prod', expect: 'allow', extra: ['labels:', '  - pairs: {team: platform}'] });
  out.push({ id: 'env-safe-staging-says-production', cls: 'environment', wraps: 'staging', env: 'production', expect: 'allow' });
  out.push({ id: 'env-safe-prod-no-annotation', cls: 'environment', wraps: 'prod', env: null, expect: 'allow' });
  return out;
}

// --- Workloads by shape and components by what they run ----------------------------------------------

function shapeCases(): RedTeamCase[] {
  const timers = ST2('st2timersengine');
  const rollout = (name: string, image: string, replicas: number, extra: WorkloadOptions = {}): Json =>
    workload(name, image, { kind: 'Rollout', apiVersion: 'argoproj.io/v1alpha1', replicas, ...extra });
  return [
    { id: 'shape-rollout-timers-2', cls: 'workload-shape', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-001', resources: [rollout('rt-timers', timers, 2)] },
    { id: 'shape-rollout-second-timers', cls: 'workload-shape', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-001', resources: [rollout('rt-timers', timers, 1)] },
    { id: 'shape-custom-resource-sensor-3', cls: 'workload-shape', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-002', resources: [workload('rt-sensors', ST2('st2sensorcontainer'), { kind: 'SensorFleet', apiVersion: 'st2.example.com/v1', replicas: 3 })] },
    { id: 'shape-cloneset-gc-2', cls: 'workload-shape', wraps: 'prod', expect: 'allow', resources: [workload('rt-gc', ST2('st2garbagecollector'), { kind: 'CloneSet', apiVersion: 'apps.kruise.io/v1alpha1', replicas: 2 })] },
    { id: 'shape-daemonset-timers', cls: 'workload-shape', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-001', resources: [workload('rt-timers-ds', timers, { kind: 'DaemonSet', noReplicas: true })] },
    { id: 'shape-bare-pod-timers', cls: 'workload-shape', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-001', resources: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'rt-pod' }, spec: { containers: [container(timers)] } }] },
    { id: 'shape-rollout-mongodb-4', cls: 'workload-shape', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-007', resources: [rollout('rt-db', 'mongo:4.4.29', 4), pdb('rt-db')] },
    { id: 'shape-replicaset-etcd-3', cls: 'workload-shape', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-008', resources: [workload('rt-etcd', 'bitnamilegacy/etcd:3.5.17', { kind: 'ReplicaSet', replicas: 3 }), pdb('rt-etcd')] },
    { id: 'shape-rollout-privileged', cls: 'workload-shape', wraps: 'prod', expect: 'deny', rule: 'ST2-HRD-003', resources: [rollout('rt-priv', 'busybox:1.36.1', 1, { container: { securityContext: { privileged: true } } })] },
    { id: 'shape-rollout-no-limits', cls: 'workload-shape', wraps: 'prod', expect: 'deny', rule: 'ST2-HRD-002', resources: [rollout('rt-nolimits', 'busybox:1.36.1', 1, { container: { resources: {} } })] },
    { id: 'shape-custom-latest-image', cls: 'workload-shape', wraps: 'prod', expect: 'deny', rule: 'ST2-HRD-001', resources: [workload('rt-latest', 'busybox:latest', { kind: 'Worker', apiVersion: 'example.com/v1' })] },
    { id: 'shape-rollout-hostnetwork', cls: 'workload-shape', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-004', resources: [rollout('rt-hostnet', 'busybox:1.36.1', 1, { pod: { hostNetwork: true } })] },
    { id: 'shape-namespaceless-second-timers', cls: 'workload-shape', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-001', resources: [workload('rt-timers-b', timers)] },
    { id: 'shape-sensor-annotation-claim', cls: 'workload-shape', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-003', resources: [workload('rt-sensor-b', ST2('st2sensorcontainer'), { pod: {}, annotations: { 'stackstorm/sensor-mode': 'one-sensor-per-pod' } })] },
    // st2api reads the cluster's st2.docker.conf, which turns RBAC on (the image's own files leave it off: ST2-HRD-005).
    { id: 'shape-safe-rollout-api-3', cls: 'workload-shape', wraps: 'prod', expect: 'allow', resources: [rollout('rt-api', ST2('st2api'), 3, { labels: { app: 'rt-api' }, container: { volumeMounts: [{ name: 'st2-config-vol', mountPath: '/etc/st2/st2.docker.conf', subPath: 'st2.docker.conf' }] }, pod: { volumes: [{ name: 'st2-config-vol', configMap: { name: 'st2-config' } }] } }), pdb('rt-api')] },
    { id: 'shape-safe-cronjob-mongodump', cls: 'workload-shape', wraps: 'prod', expect: 'allow', resources: [{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'rt-backup' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [container('mongo:4.4.29', { command: ['mongodump', '--archive'] })] } } } } } }] },
    { id: 'shape-safe-partitioned-sensors', cls: 'workload-shape', wraps: 'prod', expect: 'allow', resources: [workload('rt-sensor-p', ST2('st2sensorcontainer'), { strategy: { type: 'Recreate' }, container: { args: ['--single-sensor-mode', '--sensor-ref=examples.SamplePollingSensor'] } })], patches: [{ target: { kind: 'Deployment', name: 'st2sensorcontainer' }, ops: [{ op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--sensor-ref=linux.FileWatchSensor' }, { op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--single-sensor-mode' }] }] },
  ];
}

function componentCases(): RedTeamCase[] {
  const tool = 'stackstorm/st2actionrunner:3.8.1';
  return [
    { id: 'comp-renamed-timers-image', cls: 'components', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-001', resources: [workload('cron-helper', ST2('st2timersengine'), { labels: { app: 'cron-helper' } })] },
    { id: 'comp-registry-digest-timers', cls: 'components', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-001', resources: [workload('scheduler-x', 'registry.example:5000/mirror/st2timersengine:3.8.1@sha256:0d1b', { labels: { app: 'x' } })] },
    { id: 'comp-tool-image-runs-timers', cls: 'components', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-001', resources: [workload('helper', tool, { labels: { app: 'helper' }, container: { command: ['/opt/stackstorm/st2/bin/st2timersengine', '--config-file=/etc/st2/st2.conf'] } })] },
    { id: 'comp-shell-runs-sensors', cls: 'components', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-003', resources: [workload('helper2', tool, { labels: { app: 'helper2' }, container: { command: ['sh', '-ec', 'exec /opt/stackstorm/st2/bin/st2sensorcontainer --config-file=/etc/st2/st2.conf'] } })] },
    { id: 'comp-renamed-gc-2', cls: 'components', wraps: 'prod', expect: 'allow', resources: [workload('janitor', ST2('st2garbagecollector'), { replicas: 2, labels: { app: 'janitor' } })] },
    { id: 'comp-label-lies-timers-as-web', cls: 'components', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-001', resources: [workload('st2web-extra', ST2('st2timersengine'), { labels: { app: 'st2web' } })] },
    { id: 'comp-renamed-api-single', cls: 'components', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-005', extra: ['namespace: st2-prod-b'], patches: [{ target: { kind: 'Deployment', name: 'st2api' }, ops: [{ op: 'replace', path: '/spec/replicas', value: 1 }] }] },
    { id: 'comp-mongod-command-deployment-3', cls: 'components', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-008', resources: [workload('cache-db', 'registry.example/db-server:7.0', { replicas: 3, labels: { app: 'cache-db' }, container: { command: ['mongod', '--replSet', 'rs0'] } }), pdb('cache-db')] },
    { id: 'comp-rabbitmq-renamed-1', cls: 'components', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-007', resources: [workload('queue', 'rabbitmq:3.12.14', { kind: 'StatefulSet', replicas: 1, labels: { app: 'queue' } })] },
    { id: 'comp-notifier-without-coordination', cls: 'components', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-006', extra: ['namespace: st2-other'], resources: [], patches: [{ target: { kind: 'ConfigMap', name: 'st2-config' }, ops: [{ op: 'replace', path: '/data/st2.docker.conf', value: '[auth]\napi_url = http://st2api:9101/\n' }] }] },
    { id: 'comp-safe-mongo-express', cls: 'components', wraps: 'prod', expect: 'allow', resources: [workload('mongo-express', 'mongo-express:1.0.2', { replicas: 2 })] },
    { id: 'comp-safe-redis-commander', cls: 'components', wraps: 'prod', expect: 'allow', resources: [workload('redis-commander', 'rediscommander/redis-commander:0.8.1', { replicas: 2 })] },
    { id: 'comp-safe-etcd-browser', cls: 'components', wraps: 'prod', expect: 'allow', resources: [workload('etcd-browser', 'buddho/etcd-browser:1.0.0', { replicas: 3 })] },
    { id: 'comp-safe-nginx-named-timers-docs', cls: 'components', wraps: 'prod', expect: 'allow', resources: [workload('st2timersengine-docs', 'nginx:1.25.3', { replicas: 2 })] },
    { id: 'comp-safe-mongodb-exporter', cls: 'components', wraps: 'prod', expect: 'allow', resources: [workload('mongodb-exporter', 'percona/mongodb_exporter:0.40.0', { replicas: 2 })] },
    { id: 'comp-safe-st2client-tool-sleep', cls: 'components', wraps: 'prod', expect: 'allow', resources: [workload('st2-tools', tool, { labels: { app: 'st2-tools' }, container: { command: ['sleep', 'infinity'] } })] },
  ];
}

function scalerCases(): RedTeamCase[] {
  const hpa = (name: string, target: string, spec: Json = {}, kind = 'Deployment'): Json => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind, name: target }, minReplicas: 2, maxReplicas: 6, ...spec },
  });
  const keda = (name: string, target: string, spec: Json = {}): Json => ({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name }, spec: { scaleTargetRef: { name: target }, triggers: [{ type: 'cpu', metadata: { value: '60' } }], ...spec } });
  return [
    { id: 'scale-hpa-timers', cls: 'scalers', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-009', resources: [hpa('rt-hpa', 'st2timersengine')] },
    { id: 'scale-hpa-sensors', cls: 'scalers', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-009', resources: [hpa('rt-hpa', 'st2sensorcontainer')] },
    { id: 'scale-keda-timers', cls: 'scalers', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-009', resources: [keda('rt-keda', 'st2timersengine', { maxReplicaCount: 3 })] },
    { id: 'scale-keda-gc', cls: 'scalers', wraps: 'prod', expect: 'allow', resources: [keda('rt-keda', 'st2garbagecollector')] },
    { id: 'scale-custom-scaler-client', cls: 'scalers', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-009', resources: [{ apiVersion: 'autoscaling.example.com/v1', kind: 'PredictiveScaler', metadata: { name: 'rt-ps' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'st2client' }, minReplicas: 1 } }] },
    { id: 'scale-hpa-renamed-timers', cls: 'scalers', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-009', resources: [workload('ticker', ST2('st2timersengine'), { labels: { app: 'ticker' } }), hpa('rt-hpa', 'ticker')] },
    { id: 'scale-hpa-api-min-1', cls: 'scalers', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-005', resources: [hpa('rt-hpa', 'st2api', { minReplicas: 1 })] },
    { id: 'scale-hpa-web-no-min', cls: 'scalers', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-005', resources: [{ ...hpa('rt-hpa', 'st2web'), spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2web' }, maxReplicas: 5 } }] },
    { id: 'scale-keda-api-to-zero', cls: 'scalers', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-005', resources: [keda('rt-keda', 'st2api')] },
    { id: 'scale-keda-stream-min-1', cls: 'scalers', wraps: 'prod', expect: 'deny', rule: 'ST2-REP-005', resources: [keda('rt-keda', 'st2stream', { minReplicaCount: 1 })] },
    { id: 'scale-safe-hpa-api-min-3', cls: 'scalers', wraps: 'prod', expect: 'allow', resources: [hpa('rt-hpa', 'st2api', { minReplicas: 3 })] },
    { id: 'scale-safe-keda-runners-min-2', cls: 'scalers', wraps: 'prod', expect: 'allow', resources: [keda('rt-keda', 'st2actionrunner', { minReplicaCount: 2 })] },
    { id: 'scale-safe-hpa-mongo-express', cls: 'scalers', wraps: 'prod', expect: 'allow', resources: [workload('mongo-express', 'mongo-express:1.0.2'), hpa('rt-hpa', 'mongo-express', { minReplicas: 1 })] },
  ];
}

function replicaInputCases(): RedTeamCase[] {
  const patch = (value: unknown): Patch => ({ target: { kind: 'Deployment', name: 'st2timersengine' }, ops: [{ op: 'replace', path: '/spec/replicas', value }] });
  return [
    { id: 'input-replicas-string', cls: 'replica-input', wraps: 'prod', expect: 'bad-input', patches: [patch('2')] },
    { id: 'input-replicas-fraction', cls: 'replica-input', wraps: 'prod', expect: 'bad-input', patches: [patch(1.5)] },
    { id: 'input-replicas-negative', cls: 'replica-input', wraps: 'prod', expect: 'bad-input', patches: [patch(-1)] },
    { id: 'input-replicas-null', cls: 'replica-input', wraps: 'prod', expect: 'bad-input', patches: [patch(null)] },
    { id: 'input-rollout-replicas-string', cls: 'replica-input', wraps: 'prod', expect: 'bad-input', resources: [workload('rt-r', 'busybox:1.36.1', { kind: 'Rollout', apiVersion: 'argoproj.io/v1alpha1', replicas: 'many' })] },
    { id: 'input-hpa-min-string', cls: 'replica-input', wraps: 'prod', expect: 'bad-input', resources: [{ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'rt' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'st2api' }, minReplicas: '3', maxReplicas: 5 } }] },
  ];
}

// --- Exposure -----------------------------------------------------------------------------------------

function exposureCases(): RedTeamCase[] {
  const web = { app: 'st2web' };
  const lb = (name: string, selector: Json, spec: Json = {}, metadata: Json = {}): Json => service(name, selector, { type: 'LoadBalancer', ...spec }, metadata);
  return [
    { id: 'exp-st2web-nodeport', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-002', patches: [{ target: { kind: 'Service', name: 'st2web' }, ops: [{ op: 'add', path: '/spec/type', value: 'NodePort' }] }] },
    { id: 'exp-st2web-open-lb', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-007', resources: [lb('st2web-public', web)] },
    { id: 'exp-st2web-lb-world-range', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-007', resources: [lb('st2web-public', web, { loadBalancerSourceRanges: ['10.0.0.0/8', '0.0.0.0/0'] })] },
    { id: 'exp-st2web-lb-ipv6-world', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-007', resources: [lb('st2web-v6', web, { loadBalancerSourceRanges: ['::/0'] })] },
    { id: 'exp-st2web-lb-fake-internal', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-007', resources: [lb('st2web-int', web, {}, { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'false' } })] },
    { id: 'exp-st2web-service-to-lb-patch', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-007', patches: [{ target: { kind: 'Service', name: 'st2web' }, ops: [{ op: 'add', path: '/spec/type', value: 'LoadBalancer' }] }] },
    { id: 'exp-external-ips-api', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-005', patches: [{ target: { kind: 'Service', name: 'st2api' }, ops: [{ op: 'add', path: '/spec/externalIPs', value: ['203.0.113.10'] }] }] },
    { id: 'exp-external-ips-new-service', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-005', resources: [service('rt-ext', { app: 'rt-none' }, { externalIPs: ['198.51.100.7'] })] },
    { id: 'exp-lb-mongodb', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-006', resources: [lb('db-public', { app: 'mongodb' }, { loadBalancerSourceRanges: ['10.0.0.0/8'] })] },
    { id: 'exp-lb-rabbitmq', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-006', resources: [lb('mq-public', { app: 'rabbitmq' })] },
    { id: 'exp-lb-etcd', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-006', resources: [lb('coord-public', { app: 'etcd' })] },
    { id: 'exp-lb-etcd-patch', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-006', patches: [{ target: { kind: 'Service', name: 'etcd' }, ops: [{ op: 'add', path: '/spec/type', value: 'LoadBalancer' }] }] },
    { id: 'exp-lb-redis', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-006', resources: [workload('redis', 'redis:7.2.4', { kind: 'StatefulSet', replicas: 1 }), lb('redis-public', { app: 'redis' }, { loadBalancerSourceRanges: ['10.0.0.0/8'] })] },
    { id: 'exp-hostport-api', cls: 'exposure', wraps: 'prod', expect: 'deny', rule: 'ST2-EXP-003', patches: [{ target: { kind: 'Deployment', name: 'st2api' }, ops: [{ op: 'add', path: '/spec/template/spec/containers/0/ports', value: [{ containerPort: 9101, hostPort: 9101 }] }] }] },
    { id: 'exp-staging-external-ips', cls: 'exposure', wraps: 'staging', expect: 'deny', rule: 'ST2-EXP-005', resources: [service('rt-ext', { app: 'rt-none' }, { externalIPs: ['198.51.100.8'] })] },
    { id: 'exp-safe-st2web-lb-office', cls: 'exposure', wraps: 'prod', expect: 'allow', resources: [lb('st2web-office', web, { loadBalancerSourceRanges: ['198.51.100.0/24'], ports: [{ port: 443, targetPort: 443 }] })] },
    { id: 'exp-safe-st2web-lb-internal-gke', cls: 'exposure', wraps: 'prod', expect: 'allow', resources: [lb('st2web-int', web, { ports: [{ port: 443, targetPort: 443 }] }, { annotations: { 'networking.gke.io/load-balancer-type': 'Internal' } })] },
    { id: 'exp-safe-mongo-express-lb-restricted', cls: 'exposure', wraps: 'prod', expect: 'allow', resources: [workload('mongo-express', 'mongo-express:1.0.2'), lb('mongo-express', { app: 'mongo-express' }, { loadBalancerSourceRanges: ['10.1.0.0/16'] })] },
    { id: 'exp-safe-headless-metrics', cls: 'exposure', wraps: 'prod', expect: 'allow', resources: [service('rt-metrics', { app: 'st2api' }, { clusterIP: 'None', ports: [{ port: 9101, targetPort: 9101 }] })] },
    { id: 'exp-safe-dev-nodeport', cls: 'exposure', wraps: 'dev', expect: 'allow', resources: [service('rt-np', { app: 'st2api' }, { type: 'NodePort' })] },
  ];
}

// --- Waivers ------------------------------------------------------------------------------------------

function waiverCases(today: Date): RedTeamCase[] {
  const day = (n: number): string => new Date(today.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const latest = DEFECTS['latest'] as { patches: Patch[] };
  const waive = (value: string, target: Json = { kind: 'Deployment', name: 'st2api' }, rule = 'ST2-HRD-001'): Patch => ({
    target,
    ops: [{ op: 'add', path: `/metadata/annotations/st2-gitops~1waive.${rule}`, value }],
  });
  return [
    { id: 'waive-common-annotations', cls: 'waivers', wraps: 'prod', expect: 'deny', rule: 'ST2-WAIVER-001', patches: latest.patches, extra: ['commonAnnotations:', `  st2-gitops/waive.ST2-HRD-001: "expires=${day(14)}; reason=all of them"`] },
    { id: 'waive-feb-30', cls: 'waivers', wraps: 'prod', expect: 'deny', rule: 'ST2-WAIVER-001', patches: [...latest.patches, waive(`expires=${today.getUTCFullYear() + 1}-02-30; reason=impossible day`)] },
    { id: 'waive-month-13', cls: 'waivers', wraps: 'prod', expect: 'deny', rule: 'ST2-WAIVER-001', patches: [...latest.patches, waive(`expires=${today.getUTCFullYear()}-13-01; reason=no such month`)] },
    { id: 'waive-one-year', cls: 'waivers', wraps: 'prod', expect: 'deny', rule: 'ST2-WAIVER-001', patches: [...latest.patches, waive(`expires=${day(365)}; reason=too long`)] },
    { id: 'waive-no-reason', cls: 'waivers', wraps: 'prod', expect: 'deny', rule: 'ST2-WAIVER-001', patches: [...latest.patches, waive(`expires=${day(14)}`)] },
    { id: 'waive-expired', cls: 'waivers', wraps: 'prod', expect: 'deny', rule: 'ST2-WAIVER-001', patches: [...latest.patches, waive(`expires=${day(-1)}; reason=old`)] },
    { id: 'waive-many-by-selector', cls: 'waivers', wraps: 'prod', expect: 'deny', rule: 'ST2-WAIVER-001', patches: [...latest.patches, waive(`expires=${day(14)}; reason=all`, { kind: 'Deployment', labelSelector: 'release=st2' })] },
    { id: 'waive-default-secret-in-prod', cls: 'waivers', wraps: 'prod', expect: 'deny', rule: 'ST2-SEC-001', resources: [configMap('rt-pw', { password: LITERALS.st2 }, { annotations: { 'st2-gitops/waive.ST2-SEC-001': `expires=${day(14)}; reason=just this once` } })] },
    { id: 'waive-rabbitmq-password-in-prod', cls: 'waivers', wraps: 'prod', expect: 'deny', rule: 'ST2-WAIVER-001', resources: [configMap('rt-pw2', { password: LITERALS.rabbit }, { annotations: { 'st2-gitops/waive.ST2-SEC-001': `expires=${day(14)}; reason=x` } })] },
    { id: 'waive-safe-one-resource', cls: 'waivers', wraps: 'prod', expect: 'allow', patches: [...latest.patches, waive(`expires=${day(14)}; reason=upstream tag only, INC-42`)] },
    { id: 'waive-safe-exactly-90-days', cls: 'waivers', wraps: 'prod', expect: 'allow', patches: [...latest.patches, waive(`expires=${day(90)}; reason=ninety days, INC-43`)] },
  ];
}

/** `ca`: a self-signed CA certificate made at test time (a trust anchor, not a serving certificate). */
export function redTeamCorpus(root: string, today: Date, ca: string): RedTeamCase[] {
  return [
    ...freshCorpus(root, today),
    ...fresh3Corpus(root, today),
    ...fresh3WorkloadCorpus(),
    ...fresh4Corpus(root, today),
    ...fresh5RbacCorpus(),
    ...fresh5Corpus(root, today, ca),
    ...fresh6EncodingCorpus(root),
    ...fresh6ConfigCorpus(today),
    ...fresh6ExposureCorpus(root),
    ...fresh7ExposureCorpus(),
    ...fresh7RbacCorpus(),
    ...fresh7SecCorpus(root),
    ...fresh7HaCorpus(),
    ...fresh7DeliveryCorpus(),
    ...fresh8KzCorpus(),
    ...fresh8CfgCorpus(root),
    ...fresh8ArgoCorpus(today),
    ...fresh8PodCorpus(),
    ...fresh8AdmCorpus(),
    ...fresh9StoreCorpus(),
    ...fresh9ClusterCorpus(),
    ...fresh9EdgeCorpus(),
    ...fresh9JobCorpus(),
    ...fresh9St2Corpus(),
    ...fresh10HolesCorpus(),
    ...fresh11CfgCorpus(),
    ...fresh12HolesCorpus(),
    ...fresh11St2webCorpus(),
    ...fresh11PodsCorpus(ca),
    ...fresh11FlowCorpus(),
    ...fresh11SecretsCorpus(),
    ...fresh11StoresCorpus(),
    ...fresh11EdgeCorpus(),
    ...fresh11EgressCorpus(),
    ...fresh12PreloadCorpus(),
    ...fresh12StoresCorpus(),
    ...fresh12EgressCorpus(),
    ...fresh13SingCorpus(),
    ...fresh13StoresCorpus(),
    ...fresh14MineCorpus(),
    ...fresh13NetCorpus(),
    ...fresh13CredsCorpus(),
    ...fresh14Sing2Corpus(),
    ...fresh14EncCorpus(),
    ...fresh15MineCorpus(),
    ...fresh15TlsCorpus(),
    ...fresh15PyshadowCorpus(),
    ...fresh15LoadersCorpus(),
    ...fresh16LoadsCorpus(),
    ...fresh16St2optCorpus(),
    ...fresh15RbacCorpus(),
    ...fresh16RbacCorpus(),
    ...fresh14Red14aCorpus(),
    ...fresh15CfgCorpus(),
    ...fresh16MineCorpus(),
    ...fresh16RunsCorpus(),
    ...fresh16ShapeCorpus(),
    ...fresh17EncCorpus(),
    ...fresh17LocalConfigCorpus(),
    ...fresh17EnvCorpus(),
    ...fresh17CfgCorpus(),
    ...fresh18KvCorpus(),
    ...fresh18ImageCorpus(),
    ...fresh19DupCorpus(),
    ...fresh19EdgeCorpus(),
    ...fresh19CoordCorpus(),
    ...fresh19EncCorpus(),
    ...fresh19StoreCorpus(),
    ...fresh20StoresCorpus(),
    ...fresh20EdgeCorpus(),
    ...fresh20OsloCorpus(),
    ...fresh20ProbesCorpus(),
    ...fresh20KeysCorpus(),
    ...fresh21ItemsCorpus(),
    ...fresh20EncCorpus(),
    ...fresh20MongoCorpus(),
    ...fresh22UriCorpus(),
    ...fresh21WritersCorpus(),
    ...fresh22StoresCorpus(),
    ...fresh21EntryCorpus(),
    ...fresh22AmqpCorpus(),
    ...environmentCases(),
    ...secretCases(),
    ...keyMaterialCases(root, ca),
    ...shapeCases(),
    ...componentCases(),
    ...scalerCases(),
    ...replicaInputCases(),
    ...exposureCases(),
    ...waiverCases(today),
  ];
}

/** The kustomization of one case, wrapping ../../<wrapped>. */
export function kustomizationOf(c: RedTeamCase): string {
  const env = c.env === undefined ? ENV_OF[c.wraps] : c.env;
  const lines = ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'metadata:', `  name: ${c.id}`];
  if (env !== null) lines.push('  annotations:', `    st2-gitops/environment: ${JSON.stringify(env)}`);
  lines.push('resources:', `  - ../../${c.wraps}`);
  if (c.resources?.length) lines.push('  - resources.yaml');
  if (c.patches?.length) {
    lines.push('patches:');
    for (const p of c.patches) {
      lines.push(`  - target: ${JSON.stringify(p.target)}`, `    patch: ${JSON.stringify(JSON.stringify(p.ops))}`);
    }
  }
  lines.push(...(c.extra ?? []));
  return `${lines.join('\n')}\n`;
}

export function resourcesOf(c: RedTeamCase): string | undefined {
  if (!c.resources?.length) return undefined;
  return `${c.resources.map((r) => JSON.stringify(r)).join('\n---\n')}\n`;
}

/** Every file of one case, by its path under the repository: overlays/redteam/<id>/… */
export function filesOf(c: RedTeamCase): Array<[string, string | Uint8Array]> {
  const dir = `overlays/redteam/${c.id}`;
  if (c.files) return Object.entries(c.files).map(([file, text]) => [`${dir}/${file}`, text]);
  const resources = resourcesOf(c);
  return [[`${dir}/kustomization.yaml`, kustomizationOf(c)], ...(resources === undefined ? [] : [[`${dir}/resources.yaml`, resources] as [string, string | Uint8Array]])];
}
