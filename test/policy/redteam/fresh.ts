/**
 * The second red team: overlays written by a fresh attacker for issue 12's
 * acceptance test ("a fresh adversarial corpus that you did not write finds
 * no unsafe change allowed and no safe change denied"), kept. Unlike
 * corpus.ts's tables, each case is a whole overlay directory (kustomization
 * with its own patches, patch files, components, generators), because the
 * attacks are about kustomize's layers too. redteam.test.ts writes them
 * under overlays/redteam/<id>/ and runs them through dist/st2-gitops.
 *
 * Beyond the first corpus: defaults as hex, \\x or octal escapes, gzip or
 * UTF-16 inside base64, htpasswd and RabbitMQ password hashes, the dev
 * datastore key; daemons in Jobs, CronJobs, KEDA ScaledJobs, native sidecars,
 * custom pod-template paths and Rollout workloadRefs; python -m and $(VAR)
 * commands; sensor partitions that partition nothing; coordination
 * overridden by a later config file; KEDA idle counts; LoadBalancers on
 * st2api/st2auth, open ranges in other spellings, per-pod Services, routes
 * to the stores; st2 auth or RBAC switched off.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import YAML from 'yaml';
import type { CaseClass, RedTeamCase, Verdict, Wrapped } from './corpus.js';
import { publishedLiteral, publishedSecretData } from './published.js';

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sshPublicLine(privatePem: string): string {
  const jwk = crypto.createPublicKey(privatePem).export({ format: 'jwk' });
  const s = (b: Buffer): Buffer => {
    const l = Buffer.alloc(4);
    l.writeUInt32BE(b.length);
    return Buffer.concat([l, b]);
  };
  const mp = (b: Buffer): Buffer => s((b[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
  const blob = Buffer.concat([s(Buffer.from('ssh-rsa')), mp(Buffer.from(jwk.e ?? '', 'base64url')), mp(Buffer.from(jwk.n ?? '', 'base64url'))]);
  return `ssh-rsa ${blob.toString('base64')} stanley@st2`;
}

export function freshCorpus(root: string, today: Date): RedTeamCase[] {
  const lit = publishedLiteral(root);
  const ADMIN = lit('st2-auth-password');
  const RMQ = lit('rabbitmq-password');
  const COOKIE = lit('rabbitmq-erlang-cookie');
  const MONGO = lit('mongodb-admin-password');
  const secretData = publishedSecretData(root);
  const SSH_KEY = secretData('components/default-secrets/st2-ssh.yaml', 'private_key');
  const TLS_KEY = secretData('components/default-secrets/st2web.yaml', 'ssl_certificate_key');
  const TLS_CERT = secretData('components/default-secrets/st2web.yaml', 'ssl_certificate');
  const DS_KEY = secretData('components/default-secrets/st2-datastore-crypto-key.yaml', 'datastore_crypto_key');
  const b64 = (s: string): string => Buffer.from(s).toString('base64');

  const cases: RedTeamCase[] = [];
  /** kust: kustomization fields beside the wrapped overlay (YAML); files: more files of the overlay. */
  const add = (id: string, cls: CaseClass, expect: Verdict, rule: string, wraps: Wrapped, kust: string, files: Record<string, string> = {}): void => {
    const loaded: unknown = YAML.parse(kust);
    const k: Json = isJson(loaded) ? loaded : {};
    const extra = Array.isArray(k['resources']) ? (k['resources'] as unknown[]) : [];
    const body = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', ...k, resources: [`../../${wraps}`, ...extra] };
    cases.push({ id: `fresh-${id}`, cls, wraps, expect, ...(rule ? { rule } : {}), files: { 'kustomization.yaml': YAML.stringify(body, { lineWidth: 0 }), ...files } });
  };
  const ctr = (name: string, image: string, extra: Json = {}): Json => ({
    name,
    image,
    imagePullPolicy: 'IfNotPresent',
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
    securityContext: { runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    ...extra,
  });
  const deploy = (name: string, containers: Json[], o: { replicas?: number; kind?: string; labels?: Json; strategy?: Json } = {}): Json => {
    const labels = o.labels ?? { app: name };
    return {
      apiVersion: 'apps/v1',
      kind: o.kind ?? 'Deployment',
      metadata: { name, labels },
      spec: { replicas: o.replicas ?? 1, ...(o.strategy ? { strategy: o.strategy } : {}), selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } } },
    };
  };
  const Y = (...docs: Json[]): string => docs.map((d) => YAML.stringify(d, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
  const ST2 = (svc: string): string => `stackstorm/${svc}:3.8.1`;
  const TOOL = 'stackstorm/st2actionrunner:3.8.1';
  const res = (file: string): string => `resources:\n  - ${file}\n`;

  // ---------- environment / trust ----------
  const cmDefault = Y({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-client-env' }, data: { ST2_AUTH_PASSWORD: ADMIN } });
  add('env-prod-declares-dev', 'environment', 'deny', 'ST2-SEC-001', 'prod', `metadata:\n  name: x\n  annotations:\n    st2-gitops/environment: dev\n${res('cm.yaml')}`, { 'cm.yaml': cmDefault });
  add('env-prod-unmapped-ns-dev', 'environment', 'deny', 'ST2-REP-005', 'prod', `metadata:\n  name: x\n  annotations:\n    st2-gitops/environment: dev\nnamespace: st2-lab\nreplicas:\n  - name: st2api\n    count: 1\n`);
  add('env-dev-into-prod-ns', 'environment', 'deny', 'ST2-SEC-001', 'dev', `namespace: st2-prod\n`);
  add('env-dev-into-production-ns', 'environment', 'deny', 'ST2-SEC-001', 'dev', `metadata:\n  name: x\n  annotations:\n    st2-gitops/environment: dev\nnamespace: st2-production\n`);
  add('env-dev-declares-production', 'environment', 'deny', 'ST2-SEC-001', 'dev', `metadata:\n  name: x\n  annotations:\n    st2-gitops/environment: production\n`);
  add('env-staging-declares-dev-nodeport', 'environment', 'deny', 'ST2-EXP-002', 'staging', `metadata:\n  name: x\n  annotations:\n    st2-gitops/environment: dev\npatches:\n  - target:\n      kind: Service\n      name: st2api\n    patch: |-\n      - op: add\n        path: /spec/type\n        value: NodePort\n`);
  add('env-prod-into-dev-ns', 'environment', 'deny', 'ST2-SEC-001', 'prod', `metadata:\n  name: x\n  annotations:\n    st2-gitops/environment: dev\nnamespace: st2-dev\n${res('cm.yaml')}`, { 'cm.yaml': cmDefault });
  add('env-prod-padded-dev', 'environment', 'deny', 'ST2-SEC-001', 'prod', `metadata:\n  name: x\n  annotations:\n    st2-gitops/environment: " dev "\n${res('cm.yaml')}`, { 'cm.yaml': cmDefault });
  // Allowed until the seventh red team: a namespace neither the environment map nor
  // delivery.namespaces names is outside st2's (ST2-OPS-015); the bundle's owner lists one.
  add('env-dev-own-unlisted-ns', 'environment', 'deny', 'ST2-OPS-015', 'dev', `metadata:\n  name: x\n  annotations:\n    st2-gitops/environment: dev\nnamespace: st2-dev-alice\n`);
  add('env-prod-unlisted-ns', 'environment', 'deny', 'ST2-OPS-015', 'prod', `metadata:\n  name: x\n  annotations:\n    st2-gitops/environment: production\nnamespace: st2-prod-eu\n`);

  // ---------- secrets: literals in new layers and encodings ----------
  const job = (name: string, containers: Json[], extra: Json = {}): Json => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { backoffLimit: 1, template: { spec: { restartPolicy: 'Never', containers, ...extra } } } });
  add('sec-generator-literal', 'secrets', 'deny', 'ST2-SEC-001', 'prod', `configMapGenerator:\n  - name: st2-client-env\n    literals:\n      - ST2_AUTH_PASSWORD=${ADMIN}\n`);
  add('sec-short-b64-in-script', 'secrets', 'deny', 'ST2-SEC-001', 'prod', res('job.yaml'), { 'job.yaml': Y(job('st2-login', [ctr('login', TOOL, { command: ['sh', '-c', `st2 login st2admin -p "$(echo ${b64(ADMIN)} | base64 -d)"`] })])) });
  add('sec-hex-in-script', 'secrets', 'deny', 'ST2-SEC-001', 'prod', res('job.yaml'), { 'job.yaml': Y(job('mq-check', [ctr('check', 'rabbitmq:3.12.14', { command: ['sh', '-c', `rabbitmqctl authenticate_user admin "$(echo ${Buffer.from(RMQ).toString('hex')} | xxd -r -p)"`] })])) });
  add('sec-printf-x-escapes', 'secrets', 'deny', 'ST2-SEC-001', 'prod', res('job.yaml'), { 'job.yaml': Y(job('st2-login', [ctr('login', TOOL, { command: ['sh', '-c', `st2 login st2admin -p "$(printf '${[...Buffer.from(ADMIN)].map((b: number) => '\\x' + b.toString(16).padStart(2, '0')).join('')}')"`] })])) });
  add('sec-octal-escapes', 'secrets', 'deny', 'ST2-SEC-001', 'prod', res('job.yaml'), { 'job.yaml': Y(job('st2-login', [ctr('login', TOOL, { command: ['sh', '-c', `st2 login st2admin -p "$(printf '${[...Buffer.from(ADMIN)].map((b: number) => '\\' + b.toString(8).padStart(3, '0')).join('')}')"`] })])) });
  const gz = zlib.gzipSync(Buffer.from(`[database]\nusername = admin\npassword = ${MONGO}\n`)).toString('base64');
  add('sec-gzip-binarydata', 'secrets', 'deny', 'ST2-SEC-001', 'prod', res('cm.yaml'), { 'cm.yaml': Y({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-extra-conf' }, binaryData: { 'st2.extra.conf.gz': gz } }) });
  add('sec-gzip-secret', 'secrets', 'deny', 'ST2-SEC-001', 'prod', res('s.yaml'), { 's.yaml': Y({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'st2-extra-conf' }, type: 'Opaque', data: { 'st2.extra.conf.gz': gz } }) });
  const shaHt = `st2admin:{SHA}${crypto.createHash('sha1').update(ADMIN).digest('base64')}\n`;
  add('sec-htpasswd-sha', 'secrets', 'deny', 'ST2-SEC-001', 'prod', res('cm.yaml'), { 'cm.yaml': Y({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-htpasswd' }, data: { htpasswd: shaHt } }) });
  const salt = Buffer.from([0x90, 0x8d, 0xc6, 0x0a]);
  const rmqHash = Buffer.concat([salt, crypto.createHash('sha256').update(Buffer.concat([salt, Buffer.from(RMQ)])).digest()]).toString('base64');
  add('sec-rabbitmq-password-hash', 'secrets', 'deny', 'ST2-SEC-001', 'prod', res('cm.yaml'), { 'cm.yaml': Y({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rabbitmq-definitions' }, data: { 'definitions.json': JSON.stringify({ users: [{ name: 'admin', password_hash: rmqHash, hashing_algorithm: 'rabbit_password_hashing_sha256', tags: ['administrator'] }] }, null, 2) } }) });
  add('sec-initcontainer-args', 'secrets', 'deny', 'ST2-SEC-001', 'prod', `patches:\n  - target:\n      kind: Deployment\n      name: st2api\n    patch: |-\n      - op: add\n        path: /spec/template/spec/initContainers/-\n        value:\n          name: mq-user\n          image: rabbitmq:3.12.14\n          command: [rabbitmqadmin, --host=rabbitmq, -u, admin, -p, "${RMQ}", list, vhosts]\n          resources: {limits: {cpu: 50m, memory: 32Mi}}\n`);
  add('sec-mongo-url-lower-percent', 'secrets', 'deny', 'ST2-SEC-001', 'prod', `patches:\n  - target:\n      kind: ExternalSecret\n      name: st2-config-secrets\n    patch: |-\n      - op: add\n        path: /metadata/annotations/st2.example~1mongo\n        value: "mongodb://admin:${encodeURIComponent(MONGO).toLowerCase() === encodeURIComponent(MONGO) ? MONGO : encodeURIComponent(MONGO)}@mongodb:27017"\n`);
  add('sec-erlang-cookie-env', 'secrets', 'deny', 'ST2-SEC-001', 'prod', `patches:\n  - target:\n      kind: StatefulSet\n      name: rabbitmq\n    patch: |-\n      - op: add\n        path: /spec/template/spec/containers/0/env/-\n        value: {name: RABBITMQ_ERLANG_COOKIE, value: "${COOKIE}"}\n`);
  add('sec-datastore-key-secret', 'secrets', 'deny', 'ST2-SEC-001', 'prod', res('s.yaml'), { 's.yaml': Y({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'st2-datastore-crypto-key-v2' }, type: 'Opaque', data: { datastore_crypto_key: b64(DS_KEY) } }) });
  add('sec-datastore-key-configmap', 'secrets', 'deny', 'ST2-SEC-001', 'prod', res('cm.yaml'), { 'cm.yaml': Y({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-keys' }, data: { 'datastore_key.json': DS_KEY } }) });
  add('sec-yaml-x-escape-nested', 'secrets', 'deny', 'ST2-SEC-001', 'prod', res('cm.yaml'), { 'cm.yaml': Y({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mq-values' }, data: { 'values.yaml': `auth:\n  username: admin\n  password: "${[...RMQ].map((c: string) => (c === '+' ? '\\x2B' : c)).join('')}"\n` } }) });
  const ps = `st2 login st2admin --password ${ADMIN}`;
  add('sec-powershell-encodedcommand', 'secrets', 'deny', 'ST2-SEC-001', 'prod', res('job.yaml'), { 'job.yaml': Y(job('win-login', [ctr('pwsh', 'mcr.microsoft.com/powershell:7.4-debian-12', { command: ['pwsh', '-EncodedCommand', Buffer.from(ps, 'utf16le').toString('base64')] })])) });
  add('sec-st2-client-config', 'secrets', 'deny', 'ST2-SEC-001', 'prod', res('cm.yaml'), { 'cm.yaml': Y({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-cli-config' }, data: { config: `[credentials]\nusername = st2admin\npassword = ${ADMIN}\n` } }) });
  add('sec-basic-auth-secret-type', 'secrets', 'deny', 'ST2-SEC-001', 'prod', res('s.yaml'), { 's.yaml': Y({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'mq-basic' }, type: 'kubernetes.io/basic-auth', stringData: { username: 'admin', password: RMQ } }) });
  add('sec-base64url-nopad-annotation', 'secrets', 'deny', 'ST2-SEC-001', 'prod', `commonAnnotations:\n  st2.example/token: ${Buffer.from('admin:' + RMQ).toString('base64url')}\n`);
  add('sec-safe-random', 'secrets', 'allow', '', 'prod', res('s.yaml'), { 's.yaml': Y({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'extra' }, type: 'Opaque', stringData: { password: crypto.createHash('sha256').update('redteam fresh secret').digest('base64') } }) });
  add('sec-safe-changeme-prose', 'secrets', 'allow', '', 'prod', `commonAnnotations:\n  st2.example/runbook: "rotate st2admin (never ChangeMe or Ch-ngeMe) via the secret store"\n`);
  add('sec-safe-hex-checksums', 'secrets', 'allow', '', 'prod', res('cm.yaml'), { 'cm.yaml': Y({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'checksums' }, data: { 'SHA256SUMS': `${crypto.createHash('sha256').update('a').digest('hex')}  st2-3.8.1.tar.gz\n${crypto.createHash('sha256').update('b').digest('hex')}  packs.tgz\n`, 'printf.sh': "printf '\\x1b[1mready\\x1b[0m\\n'" } }) });
  add('sec-safe-gzip-benign', 'secrets', 'allow', '', 'prod', res('cm.yaml'), { 'cm.yaml': Y({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-extra-conf' }, binaryData: { 'st2.extra.conf.gz': zlib.gzipSync(Buffer.from('[api]\nmask_secrets = True\n')).toString('base64') } }) });

  // ---------- key material ----------
  const pkcs8Ssh = crypto.createPrivateKey(SSH_KEY).export({ type: 'pkcs8', format: 'pem' });
  add('key-ssh-pkcs8-configmap', 'key-material', 'deny', 'ST2-SEC-003', 'prod', res('cm.yaml'), { 'cm.yaml': Y({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssh-bootstrap' }, data: { id_rsa: pkcs8Ssh } }) });
  const sshPub = sshPublicLine(SSH_KEY);
  add('key-ssh-authorized-keys', 'key-material', 'deny', 'ST2-SEC-003', 'prod', res('cm.yaml'), { 'cm.yaml': Y({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'target-authorized-keys' }, data: { authorized_keys: sshPub + '\n' } }) });
  const derBody = TLS_KEY.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  add('key-tls-der-body', 'key-material', 'deny', 'ST2-SEC-005', 'prod', res('cm.yaml'), { 'cm.yaml': Y({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-key' }, data: { 'st2web.key.b64': derBody } }) });
  add('key-tls-crlf-stringdata', 'key-material', 'deny', 'ST2-SEC-005', 'prod', res('s.yaml'), { 's.yaml': Y({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'st2web-alt' }, type: 'kubernetes.io/tls', stringData: { 'tls.key': TLS_KEY.replace(/\n/g, '\r\n'), 'tls.crt': TLS_CERT.replace(/\n/g, '\r\n') } }) });
  add('key-tls-gzip', 'key-material', 'deny', 'ST2-SEC-005', 'prod', res('cm.yaml'), { 'cm.yaml': Y({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-key' }, binaryData: { 'key.pem.gz': zlib.gzipSync(Buffer.from(TLS_KEY)).toString('base64') } }) });
  const fresh = crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  // A fresh private key committed in production: ST2-SEC-021 by design since the holes piece.
  add('key-safe-fresh-ed25519', 'key-material', 'deny', 'ST2-SEC-021', 'prod', res('s.yaml'), { 's.yaml': Y({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'fresh-key' }, type: 'Opaque', stringData: { private_key: fresh } }) });

  // ---------- workload shape ----------
  const timers = (extra: Json = {}): Json => ctr('timers', ST2('st2timersengine'), { command: ['/opt/stackstorm/st2/bin/st2timersengine'], args: ['--config-file=/etc/st2/st2.conf'], ...extra });
  add('wl-job-timers', 'workload-shape', 'deny', 'ST2-REP-001', 'prod', res('w.yaml'), { 'w.yaml': Y(job('timers-catchup', [timers()], { activeDeadlineSeconds: 86400 })) });
  add('wl-cronjob-gc', 'workload-shape', 'allow', '', 'prod', res('w.yaml'), { 'w.yaml': Y({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'gc-nightly' }, spec: { schedule: '*/5 * * * *', concurrencyPolicy: 'Allow', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [ctr('gc', ST2('st2garbagecollector'), { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } }, command: ['/opt/stackstorm/st2/bin/st2garbagecollector'] })] } } } } } }) });
  add('wl-keda-scaledjob-sensors', 'workload-shape', 'deny', 'ST2-REP-002', 'prod', res('w.yaml'), { 'w.yaml': Y({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', metadata: { name: 'sensor-burst' }, spec: { maxReplicaCount: 5, triggers: [{ type: 'cron', metadata: { timezone: 'UTC', start: '0 * * * *', end: '59 * * * *', desiredReplicas: '3' } }], jobTargetRef: { parallelism: 3, template: { spec: { restartPolicy: 'Never', containers: [ctr('sensors', ST2('st2sensorcontainer'), { command: ['/opt/stackstorm/st2/bin/st2sensorcontainer'] })] } } } } }) });
  add('wl-cr-podtemplate-path', 'workload-shape', 'deny', 'ST2-REP-001', 'prod', res('w.yaml'), { 'w.yaml': Y({ apiVersion: 'apps.example.com/v1', kind: 'ManagedService', metadata: { name: 'timers' }, spec: { replicas: 2, podTemplate: { metadata: { labels: { app: 'timers' } }, spec: { containers: [timers()] } } } }) });
  add('wl-argo-cronworkflow', 'workload-shape', 'deny', 'ST2-REP-001', 'prod', res('w.yaml'), { 'w.yaml': Y({ apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name: 'timers' }, spec: { schedule: '* * * * *', concurrencyPolicy: 'Allow', workflowSpec: { entrypoint: 'run', templates: [{ name: 'run', container: { image: ST2('st2timersengine'), command: ['/opt/stackstorm/st2/bin/st2timersengine'] } }] } } }) });
  add('wl-native-sidecar-timers', 'workload-shape', 'deny', 'ST2-REP-001', 'prod', `patches:\n  - target:\n      kind: Deployment\n      name: st2api\n    patch: |-\n      - op: add\n        path: /spec/template/spec/initContainers/-\n        value:\n          name: timers\n          image: stackstorm/st2timersengine:3.8.1\n          restartPolicy: Always\n          command: [/opt/stackstorm/st2/bin/st2timersengine]\n          resources: {limits: {cpu: 100m, memory: 64Mi}}\n`);
  add('wl-sidecar-container-timers', 'workload-shape', 'deny', 'ST2-REP-001', 'prod', `patches:\n  - target:\n      kind: Deployment\n      name: st2api\n    patch: |-\n      - op: add\n        path: /spec/template/spec/containers/-\n        value:\n          name: timers\n          image: stackstorm/st2timersengine:3.8.1\n          command: [/opt/stackstorm/st2/bin/st2timersengine]\n          resources: {limits: {cpu: 100m, memory: 64Mi}}\n`);
  add('wl-rollout-workloadref', 'workload-shape', 'deny', 'ST2-REP-001', 'prod', res('w.yaml'), { 'w.yaml': Y({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'timers' }, spec: { replicas: 2, selector: { matchLabels: { app: 'st2timersengine' } }, workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2timersengine', scaleDown: 'onsuccess' }, strategy: { canary: { steps: [{ setWeight: 50 }] } } } }) });
  add('wl-replicaset-sensors', 'workload-shape', 'deny', 'ST2-REP-002', 'prod', res('w.yaml'), { 'w.yaml': Y(deploy('sensors-rs', [ctr('s', ST2('st2sensorcontainer'), { command: ['/opt/stackstorm/st2/bin/st2sensorcontainer'] })], { replicas: 2, kind: 'ReplicaSet' })) });
  add('wl-safe-job-register', 'workload-shape', 'allow', '', 'prod', res('w.yaml'), { 'w.yaml': Y(job('st2-register-extra', [ctr('register', TOOL, { command: ['st2-register-content', '--register-all', '--config-file=/etc/st2/st2.conf'] })])) });

  // ---------- components by image / command ----------
  add('cmp-python-module-timers', 'components', 'deny', 'ST2-REP-001', 'prod', res('w.yaml'), { 'w.yaml': Y(deploy('clock', [ctr('clock', TOOL, { command: ['/opt/stackstorm/st2/bin/python', '-m', 'st2reactor.cmd.timersengine', '--config-file=/etc/st2/st2.conf'] })])) });
  add('cmp-k8s-var-expansion', 'components', 'deny', 'ST2-REP-001', 'prod', res('w.yaml'), { 'w.yaml': Y(deploy('clock', [ctr('clock', TOOL, { command: ['/opt/stackstorm/st2/bin/$(ST2_SERVICE)'], env: [{ name: 'ST2_SERVICE', value: 'st2timersengine' }] })])) });
  add('cmp-tool-image-gc-command', 'components', 'allow', '', 'prod', res('w.yaml'), { 'w.yaml': Y(deploy('janitor', [ctr('janitor', TOOL, { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } }, command: ['sh', '-c', 'exec /opt/stackstorm/st2/bin/st2garbagecollector --config-file=/etc/st2/st2.conf'] })], { replicas: 2 })) });
  add('cmp-images-transform-swap', 'components', 'deny', 'ST2-REP-001', 'prod', `images:\n  - name: stackstorm/st2api\n    newName: stackstorm/st2timersengine\n`);
  add('cmp-same-sensor-ref-twice', 'components', 'deny', 'ST2-REP-003', 'prod', `patches:\n  - target:\n      kind: Deployment\n      name: st2sensorcontainer\n    patch: |-\n      - op: add\n        path: /spec/template/spec/containers/0/args/-\n        value: --sensor-ref=linux.FileWatchSensor\n${res('w.yaml')}`, { 'w.yaml': Y(deploy('st2sensorcontainer-b', [ctr('s', ST2('st2sensorcontainer'), { command: ['/opt/stackstorm/st2/bin/st2sensorcontainer'], args: ['--config-file=/etc/st2/st2.conf', '--single-sensor-mode', '--sensor-ref=linux.FileWatchSensor'] })])) });
  add('cmp-partition-provider-default', 'components', 'deny', 'ST2-REP-003', 'prod', `patches:\n  - target:\n      kind: ConfigMap\n      name: st2-config\n    patch: |-\n      - op: replace\n        path: /data/st2.user.conf\n        value: |\n          [api]\n          allow_origin = '*'\n          [sensorcontainer]\n          partition_provider = name:default\n${res('w.yaml')}`, { 'w.yaml': Y(deploy('st2sensorcontainer-b', [ctr('s', ST2('st2sensorcontainer'), { command: ['/opt/stackstorm/st2/bin/st2sensorcontainer'], args: ['--config-file=/etc/st2/st2.conf'] })])) });
  add('cmp-safe-mongo-shell', 'components', 'allow', '', 'prod', res('w.yaml'), { 'w.yaml': Y(deploy('mongo-toolbox', [ctr('shell', 'mongo:4.4.29', { command: ['sleep', 'infinity'] })])) });
  add('cmp-safe-etcd-grpc-proxy', 'components', 'allow', '', 'prod', res('w.yaml'), { 'w.yaml': Y(deploy('etcdctl-toolbox', [ctr('etcdctl', 'quay.io/coreos/etcd:v3.5.17', { command: ['sleep', 'infinity'] })])) });
  add('cmp-safe-nginx-named-timers', 'components', 'allow', '', 'prod', res('w.yaml'), { 'w.yaml': Y(deploy('st2timersengine-dashboard', [ctr('web', 'nginx:1.27.3')], { replicas: 2 })) });
  add('cmp-safe-sensor-partitions', 'components', 'allow', '', 'prod', `patches:\n  - target:\n      kind: Deployment\n      name: st2sensorcontainer\n    patch: |-\n      - op: add\n        path: /spec/template/spec/containers/0/args/-\n        value: --sensor-ref=linux.FileWatchSensor\n      - op: add\n        path: /spec/template/spec/containers/0/args/-\n        value: --single-sensor-mode\n${res('w.yaml')}`, { 'w.yaml': Y(deploy('st2sensorcontainer-b', [ctr('s', ST2('st2sensorcontainer'), { command: ['/opt/stackstorm/st2/bin/st2sensorcontainer'], args: ['--config-file=/etc/st2/st2.conf', '--single-sensor-mode', '--sensor-ref=github.GithubWatchSensor'], resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } } })], { strategy: { type: 'Recreate' } })) });

  // ---------- scalers and replicas ----------
  const hpa = (name: string, target: string, min: number, max: number, kind = 'Deployment'): Json => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind, name: target }, minReplicas: min, maxReplicas: max, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] } });
  add('rep-keda-idle-zero', 'scalers', 'deny', 'ST2-REP-005', 'prod', res('s.yaml'), { 's.yaml': Y({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'st2api' }, spec: { scaleTargetRef: { name: 'st2api' }, idleReplicaCount: 0, minReplicaCount: 2, maxReplicaCount: 6, triggers: [{ type: 'cron', metadata: { timezone: 'UTC', start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: '3' } }] } }) });
  add('rep-hpa-gc', 'scalers', 'allow', '', 'prod', res('s.yaml'), { 's.yaml': Y(hpa('gc', 'st2garbagecollector', 1, 3)) });
  add('rep-hpa-patched-min', 'scalers', 'deny', 'ST2-REP-005', 'prod', `${res('s.yaml')}patches:\n  - target:\n      kind: HorizontalPodAutoscaler\n      name: st2api\n    patch: |-\n      - op: replace\n        path: /spec/minReplicas\n        value: 1\n`, { 's.yaml': Y(hpa('st2api', 'st2api', 3, 6)) });
  add('rep-coordination-override-redis', 'scalers', 'deny', 'ST2-REP-006', 'prod', `patches:\n  - target:\n      kind: ConfigMap\n      name: st2-config\n    patch: |-\n      - op: replace\n        path: /data/st2.user.conf\n        value: |\n          [api]\n          allow_origin = '*'\n          [coordination]\n          url = redis://redis:6379\n`);
  add('rep-coordination-override-empty', 'scalers', 'deny', 'ST2-REP-006', 'prod', `patches:\n  - target:\n      kind: ConfigMap\n      name: st2-config\n    patch: |-\n      - op: replace\n        path: /data/st2.user.conf\n        value: |\n          [api]\n          allow_origin = '*'\n          [coordination]\n          url =\n`);
  add('rep-multidoc-patch', 'scalers', 'deny', 'ST2-REP-001', 'prod', `patches:\n  - path: p.yaml\n`, { 'p.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2api\nspec:\n  minReadySeconds: 5\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2timersengine\nspec:\n  replicas: 2\n` });
  add('rep-anchor-merge-patch', 'scalers', 'deny', 'ST2-REP-001', 'prod', `patches:\n  - path: p.yaml\n`, { 'p.yaml': `x-common: &scale\n  replicas: 2\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2timersengine\nspec:\n  <<: *scale\n` });
  add('rep-mongo-sts-two', 'scalers', 'deny', 'ST2-REP-007', 'prod', `replicas:\n  - name: mongodb\n    count: 2\n`);
  add('rep-string-replicas', 'replica-input', 'bad-input', '', 'prod', `patches:\n  - target:\n      kind: Deployment\n      name: st2api\n    patch: |-\n      - op: replace\n        path: /spec/replicas\n        value: "3"\n`);
  add('rep-keda-float-min', 'replica-input', 'bad-input', '', 'prod', res('s.yaml'), { 's.yaml': Y({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'st2api' }, spec: { scaleTargetRef: { name: 'st2api' }, minReplicaCount: 2.5, triggers: [] } }) });
  add('rep-safe-hpa-api', 'scalers', 'allow', '', 'prod', res('s.yaml'), { 's.yaml': Y(hpa('st2api', 'st2api', 3, 8)) });
  add('rep-safe-keda-runners', 'scalers', 'allow', '', 'prod', res('s.yaml'), { 's.yaml': Y({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'st2actionrunner' }, spec: { scaleTargetRef: { name: 'st2actionrunner' }, minReplicaCount: 4, maxReplicaCount: 16, triggers: [{ type: 'rabbitmq', metadata: { queueName: 'st2.actionrunner.work', mode: 'QueueLength', value: '20', hostFromEnv: 'RABBITMQ_URL' } }] } }) });

  // ---------- exposure ----------
  const lbPatch = (name: string, extra = ''): string => `patches:\n  - target:\n      kind: Service\n      name: ${name}\n    patch: |-\n      - op: add\n        path: /spec/type\n        value: LoadBalancer\n${extra}`;
  add('exp-lb-st2api', 'exposure', 'deny', 'ST2-EXP-007', 'prod', lbPatch('st2api'));
  add('exp-lb-st2auth', 'exposure', 'deny', 'ST2-EXP-007', 'prod', lbPatch('st2auth'));
  add('exp-lb-split-halves', 'exposure', 'deny', 'ST2-EXP-007', 'prod', lbPatch('st2web', `      - op: add\n        path: /spec/loadBalancerSourceRanges\n        value: [0.0.0.0/1, 128.0.0.0/1]\n`));
  add('exp-lb-v6-long-form', 'exposure', 'deny', 'ST2-EXP-007', 'prod', lbPatch('st2web', `      - op: add\n        path: /spec/loadBalancerSourceRanges\n        value: ["0:0:0:0:0:0:0:0/0"]\n`));
  add('exp-lb-aws-conflicting', 'exposure', 'deny', 'ST2-EXP-007', 'prod', lbPatch('st2web', `      - op: add\n        path: /metadata/annotations\n        value:\n          service.beta.kubernetes.io/aws-load-balancer-internal: "true"\n          service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing\n`));
  add('exp-lb-mongo-pod-name', 'exposure', 'deny', 'ST2-EXP-006', 'prod', res('svc.yaml'), { 'svc.yaml': Y({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'external-0' }, spec: { type: 'LoadBalancer', selector: { 'statefulset.kubernetes.io/pod-name': 'mongodb-0' }, ports: [{ port: 27017, targetPort: 27017 }] } }) });
  add('exp-ingress-rabbitmq-mgmt', 'exposure', 'deny', 'ST2-EXP-008', 'prod', res('ing.yaml'), { 'ing.yaml': Y({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'mq-admin' }, spec: { ingressClassName: 'nginx', rules: [{ host: 'mq.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'rabbitmq', port: { number: 15672 } } } }] } }] } }) });
  add('exp-tcproute-mongodb', 'exposure', 'deny', 'ST2-EXP-008', 'prod', res('r.yaml'), { 'r.yaml': Y({ apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TCPRoute', metadata: { name: 'mongo' }, spec: { parentRefs: [{ name: 'public', namespace: 'gateway-system', sectionName: 'mongo' }], rules: [{ backendRefs: [{ name: 'mongodb', port: 27017 }] }] } }) });
  add('exp-nginx-tcp-services', 'exposure', 'deny', 'ST2-EXP-008', 'prod', res('cm.yaml'), { 'cm.yaml': Y({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tcp-services', namespace: 'ingress-nginx' }, data: { '5672': 'st2-prod/rabbitmq:5672' } }) });
  add('exp-hostport-cr', 'exposure', 'deny', 'ST2-EXP-003', 'prod', res('w.yaml'), { 'w.yaml': Y({ apiVersion: 'apps.example.com/v1', kind: 'ManagedService', metadata: { name: 'proxy' }, spec: { podTemplate: { spec: { containers: [ctr('proxy', 'haproxy:3.0.5', { ports: [{ containerPort: 8443, hostPort: 443 }] })] } } } }) });
  add('exp-hostnetwork-cronjob', 'exposure', 'deny', 'ST2-EXP-004', 'prod', res('w.yaml'), { 'w.yaml': Y({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'probe' }, spec: { schedule: '@hourly', jobTemplate: { spec: { template: { spec: { hostNetwork: true, restartPolicy: 'Never', containers: [ctr('probe', 'busybox:1.36.1', { command: ['true'] })] } } } } } }) });
  add('exp-externalips-headless', 'exposure', 'deny', 'ST2-EXP-005', 'prod', `patches:\n  - target:\n      kind: Service\n      name: rabbitmq-discovery\n    patch: |-\n      - op: add\n        path: /spec/externalIPs\n        value: [203.0.113.7]\n`);
  add('exp-safe-externalname', 'exposure', 'allow', '', 'prod', res('svc.yaml'), { 'svc.yaml': Y({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'smtp' }, spec: { type: 'ExternalName', externalName: 'smtp.example.com' } }) });
  add('exp-safe-lb-private', 'exposure', 'allow', '', 'prod', lbPatch('st2web', `      - op: add\n        path: /spec/loadBalancerSourceRanges\n        value: [10.0.0.0/8, 192.168.0.0/16]\n`));
  add('exp-safe-lb-annotation-ranges', 'exposure', 'allow', '', 'prod', lbPatch('st2web', `      - op: add\n        path: /metadata/annotations\n        value:\n          service.beta.kubernetes.io/load-balancer-source-ranges: 10.0.0.0/8\n`));
  add('exp-safe-internal-lb-st2api', 'exposure', 'allow', '', 'prod', lbPatch('st2api', `      - op: add\n        path: /metadata/annotations\n        value:\n          networking.gke.io/load-balancer-type: Internal\n`));
  add('exp-safe-ingress-st2web-extra-host', 'exposure', 'allow', '', 'prod', res('ing.yaml'), { 'ing.yaml': Y({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'st2web-internal', annotations: { 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' } }, spec: { ingressClassName: 'nginx-internal', tls: [{ hosts: ['st2.corp.example.com'], secretName: 'st2web-internal-tls' }], rules: [{ host: 'st2.corp.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'st2web', port: { number: 443 } } } }] } }] } }) });

  // ---------- waivers ----------
  const day = (n: number): string => new Date(today.getTime() + n * 86400000).toISOString().slice(0, 10);
  const unlimited = Y(deploy('report-exporter', [{ name: 'exp', image: 'nginx:1.27.3', securityContext: { allowPrivilegeEscalation: false } }]));
  add('wv-safe-one-resource-89d', 'waivers', 'allow', '', 'prod', `${res('w.yaml')}patches:\n  - target:\n      kind: Deployment\n      name: report-exporter\n    patch: |-\n      - op: add\n        path: /metadata/annotations\n        value:\n          st2-gitops/waive.ST2-HRD-002: "expires=${day(89)}; reason=limits from LimitRange INC-1"\n`, { 'w.yaml': unlimited });
  add('wv-feb-29-nonleap', 'waivers', 'deny', 'ST2-WAIVER-001', 'prod', `${res('w.yaml')}patches:\n  - target:\n      kind: Deployment\n      name: report-exporter\n    patch: |-\n      - op: add\n        path: /metadata/annotations\n        value:\n          st2-gitops/waive.ST2-HRD-002: "expires=2027-02-29; reason=x"\n`, { 'w.yaml': unlimited });
  add('wv-component-common', 'waivers', 'deny', 'ST2-WAIVER-001', 'prod', `${res('w.yaml')}components:\n  - comp\n`, { 'w.yaml': unlimited, 'comp/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations:\n  st2-gitops/waive.ST2-HRD-002: "expires=${day(30)}; reason=x"\n` });
  add('wv-generator-options', 'waivers', 'deny', 'ST2-WAIVER-001', 'staging', `generatorOptions:\n  annotations:\n    st2-gitops/waive.ST2-SEC-001: "expires=${day(30)}; reason=temporary"\nconfigMapGenerator:\n  - name: a\n    literals: [ST2_AUTH_PASSWORD=${ADMIN}]\n  - name: b\n    literals: [MQ=${RMQ}]\n`);
  add('wv-duplicate-expires', 'waivers', 'deny', 'ST2-WAIVER-001', 'prod', `${res('w.yaml')}patches:\n  - target:\n      kind: Deployment\n      name: report-exporter\n    patch: |-\n      - op: add\n        path: /metadata/annotations\n        value:\n          st2-gitops/waive.ST2-HRD-002: "expires=${day(10)}; reason=x; expires=2099-01-01"\n`, { 'w.yaml': unlimited });
  add('wv-secret-prod', 'waivers', 'deny', 'ST2-SEC-001', 'prod', `${res('cm.yaml')}patches:\n  - target:\n      kind: ConfigMap\n      name: st2-client-env\n    patch: |-\n      - op: add\n        path: /metadata/annotations\n        value:\n          st2-gitops/waive.ST2-SEC-001: "expires=${day(10)}; reason=migration"\n`, { 'cm.yaml': cmDefault });
  add('wv-two-waivers-two-resources-same-value', 'waivers', 'deny', 'ST2-WAIVER-001', 'prod', `resources:\n  - w.yaml\n  - w2.yaml\npatches:\n  - target:\n      kind: Deployment\n      labelSelector: waive=me\n    patch: |-\n      - op: add\n        path: /metadata/annotations\n        value:\n          st2-gitops/waive.ST2-HRD-002: "expires=${day(10)}; reason=x"\n`, { 'w.yaml': Y(deploy('report-exporter', [{ name: 'exp', image: 'nginx:1.27.3', securityContext: { allowPrivilegeEscalation: false } }], { labels: { app: 'report-exporter', waive: 'me' } })), 'w2.yaml': Y(deploy('report-exporter-2', [{ name: 'exp', image: 'nginx:1.27.3', securityContext: { allowPrivilegeEscalation: false } }], { labels: { app: 'report-exporter-2', waive: 'me' } })) });

  // ---------- components included twice / other layers ----------
  add('dup-default-secrets-into-prod', 'environment', 'deny', 'ST2-SEC-001', 'prod', `components:\n  - ../../../components/default-secrets\n`);
  add('dup-hardening-twice', 'environment', 'allow', '', 'prod', `components:\n  - ../../../components/hardening\n`);
  add('dup-etcd-single-into-prod', 'environment', 'deny', 'ST2-EXP-002', 'prod', `components:\n  - ../../../components/etcd-single\n`);

  // ---------- st2 config ----------
  add('cfg-auth-disabled', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', `patches:\n  - target:\n      kind: ConfigMap\n      name: st2-config\n    patch: |-\n      - op: replace\n        path: /data/st2.user.conf\n        value: |\n          [api]\n          allow_origin = '*'\n          [auth]\n          enable = False\n`);
  add('cfg-rbac-disabled', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', `patches:\n  - target:\n      kind: ConfigMap\n      name: st2-config\n    patch: |-\n      - op: replace\n        path: /data/st2.user.conf\n        value: |\n          [api]\n          allow_origin = '*'\n          [rbac]\n          enable = False\n`);

  add('rep-anchor-json-patch', 'scalers', 'deny', 'ST2-REP-001', 'prod', `patches:\n  - path: p.yaml\n    target:\n      kind: Deployment\n      name: st2timersengine\n`, { 'p.yaml': `- op: add\n  path: /metadata/annotations/st2.example~1replicas\n  value: &two "2"\n- op: replace\n  path: /spec/replicas\n  value: 2\n- op: add\n  path: /metadata/annotations/st2.example~1again\n  value: *two\n` });
  add('cfg-safe-auth-standalone', 'st2-config', 'allow', '', 'prod', `patches:\n  - target:\n      kind: ConfigMap\n      name: st2-config\n    patch: |-\n      - op: replace\n        path: /data/st2.user.conf\n        value: |\n          [api]\n          allow_origin = '*'\n          [auth]\n          enable = True\n          mode = standalone\n          [metrics]\n          enable = False\n`);

  // ---------- round 2: attacks on the rules above and their neighbours ----------
  const userConf = (text: string): string =>
    `patches:\n  - target:\n      kind: ConfigMap\n      name: st2-config\n    patch: |-\n      - op: replace\n        path: /data/st2.user.conf\n        value: |\n${text.split('\n').map((l) => '          ' + l).join('\n')}\n`;
  add('r2-coordination-colon', 'scalers', 'deny', 'ST2-REP-006', 'prod', userConf("[api]\nallow_origin = '*'\n[coordination]\nurl: kazoo://zk:2181"));
  add('r2-auth-colon', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', userConf("[api]\nallow_origin = '*'\n[auth]\nenable: false"));
  add('r2-lb-v4-mapped', 'exposure', 'deny', 'ST2-EXP-007', 'prod', `patches:\n  - target:\n      kind: Service\n      name: st2web\n    patch: |-\n      - op: add\n        path: /spec/type\n        value: LoadBalancer\n      - op: add\n        path: /spec/loadBalancerSourceRanges\n        value: ["::ffff:0.0.0.0/96"]\n`);
  add('r2-istio-vs-mongo', 'exposure', 'deny', 'ST2-EXP-008', 'prod', res('vs.yaml'), { 'vs.yaml': Y({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'mongo' }, spec: { hosts: ['db.example.com'], gateways: ['istio-system/public'], tcp: [{ match: [{ port: 27017 }], route: [{ destination: { host: 'mongodb.st2-prod.svc.cluster.local', port: { number: 27017 } } }] }] } }) });
  add('r2-traefik-tcp-rabbit', 'exposure', 'deny', 'ST2-EXP-008', 'prod', res('r.yaml'), { 'r.yaml': Y({ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRouteTCP', metadata: { name: 'amqp' }, spec: { entryPoints: ['amqp'], routes: [{ match: 'HostSNI(`*`)', services: [{ name: 'rabbitmq', port: 5672 }] }] } }) });
  add('r2-contour-httpproxy-mq', 'exposure', 'deny', 'ST2-EXP-008', 'prod', res('r.yaml'), { 'r.yaml': Y({ apiVersion: 'projectcontour.io/v1', kind: 'HTTPProxy', metadata: { name: 'mq' }, spec: { virtualhost: { fqdn: 'mq.example.com' }, routes: [{ services: [{ name: 'rabbitmq', port: 15672 }] }] } }) });
  add('r2-endpointslice-lb', 'exposure', 'deny', 'ST2-EXP-006', 'prod', res('s.yaml'), { 's.yaml': Y({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'public-db' }, spec: { type: 'LoadBalancer', ports: [{ port: 27017 }] } }, { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'public-db-1', labels: { 'kubernetes.io/service-name': 'public-db' } }, addressType: 'IPv4', ports: [{ port: 27017 }], endpoints: [{ addresses: ['10.0.0.10'], targetRef: { kind: 'Pod', name: 'mongodb-0', namespace: 'st2-prod' } }] }) });
  add('r2-secret-auth-off', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', res('s.yaml'), { 's.yaml': Y({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'st2-extra' }, type: 'Opaque', data: { 'st2.extra.conf': Buffer.from('[auth]\nenable = False\n').toString('base64') } }) });
  add('r2-psa-privileged', 'exposure', 'deny', 'ST2-HRD-006', 'prod', `patches:\n  - target:\n      kind: Namespace\n      name: st2-prod\n    patch: |-\n      - op: replace\n        path: /metadata/labels/pod-security.kubernetes.io~1enforce\n        value: privileged\n`);
  add('r2-hostpath-docker-sock', 'exposure', 'deny', 'ST2-HRD-006', 'prod', `patches:\n  - target:\n      kind: Deployment\n      name: st2actionrunner\n    patch: |-\n      - op: add\n        path: /spec/template/spec/volumes/-\n        value: {name: sock, hostPath: {path: /var/run/docker.sock}}\n`);
  add('r2-timers-statefulset-copy', 'workload-shape', 'deny', 'ST2-REP-001', 'prod', res('w.yaml'), { 'w.yaml': Y({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'clock' }, spec: { replicas: 1, serviceName: 'clock', selector: { matchLabels: { app: 'clock' } }, template: { metadata: { labels: { app: 'clock' } }, spec: { containers: [{ name: 'c', image: 'docker.io/stackstorm/st2timersengine@sha256:' + 'a'.repeat(64), resources: { limits: { cpu: '1', memory: '1Gi' } } }] } } } }) });
  add('r2-sensor-ref-space', 'components', 'deny', 'ST2-REP-003', 'prod', `patches:\n  - target:\n      kind: Deployment\n      name: st2sensorcontainer\n    patch: |-\n      - op: add\n        path: /spec/template/spec/containers/0/args/-\n        value: --sensor-ref=linux.FileWatchSensor\n${res('w.yaml')}`, { 'w.yaml': Y({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'sensors-b' }, spec: { replicas: 1, selector: { matchLabels: { app: 'sensors-b' } }, template: { metadata: { labels: { app: 'sensors-b' } }, spec: { containers: [{ name: 's', image: 'stackstorm/st2sensorcontainer:3.8.1', command: ['sh', '-c', '/opt/stackstorm/st2/bin/st2sensorcontainer --config-file=/etc/st2/st2.conf --single-sensor-mode --sensor-ref=linux.FileWatchSensor'], resources: { limits: { cpu: '1', memory: '1Gi' } } }] } } } }) });
  add('r2-hpa-v1-on-timers-rollout', 'scalers', 'deny', 'ST2-REP-009', 'prod', res('s.yaml'), { 's.yaml': Y({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'clock' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2timersengine' }, minReplicas: 1, maxReplicas: 2, targetCPUUtilizationPercentage: 50 } }) });
  add('r2-safe-istio-st2web', 'exposure', 'allow', '', 'prod', res('vs.yaml'), { 'vs.yaml': Y({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'web' }, spec: { hosts: ['st2.example.com'], gateways: ['istio-system/public'], http: [{ route: [{ destination: { host: 'st2web', port: { number: 443 } } }] }] } }) });
  add('r2-safe-v6-doc-range', 'exposure', 'allow', '', 'prod', `patches:\n  - target:\n      kind: Service\n      name: st2web\n    patch: |-\n      - op: add\n        path: /spec/type\n        value: LoadBalancer\n      - op: add\n        path: /spec/loadBalancerSourceRanges\n        value: ["2001:db8:1234::/48", "10.20.0.0/16"]\n`);
  add('r2-safe-mongodump-cron', 'components', 'allow', '', 'prod', res('w.yaml'), { 'w.yaml': Y({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'mongo-backup' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'dump', image: 'mongo:4.4.29', command: ['mongodump', '--uri=$(MONGO_URI)', '--archive=/backup/st2.gz'], env: [{ name: 'MONGO_URI', valueFrom: { secretKeyRef: { name: 'mongodb-backup-uri', key: 'uri' } } }], resources: { limits: { cpu: '1', memory: '1Gi' } }, securityContext: { allowPrivilegeEscalation: false } }] } } } } } }) });
  return cases;
}
