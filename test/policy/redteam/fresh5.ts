/**
 * The fifth red team (issue 12, "a fresh adversarial corpus that you did not
 * write"): 122 overlays written and run through dist/st2-gitops against main
 * at 1b170aa before their author read corpus.ts, fresh*.ts or the red-team
 * Rego tests: 37 of 79 unsafe changes allowed, 2 of 41 safe look-alikes
 * denied (two more cases belonged to the RBAC-by-omission class another
 * helper was closing, and are not kept). The holes were mostly in what the
 * cluster does with the manifests after the gate: nested Argo CD and Flux
 * delivery of ungated overlays, admission mutation, workloads made Argo CD
 * hooks; availability (rollouts, budgets and node pins taking every replica,
 * st2 reaching one member of a replicated store, a pod quota, store versions
 * st2 3.8 cannot run, HTTP probes its APIs cannot answer, a timers engine
 * running something else or switched off); access (RBAC for everyone,
 * cluster-admin for st2's service accounts, st2web's upstream URLs outside
 * the cluster, a Secret in st2web's web root, tunnels publishing a store, a
 * dev relay into st2-prod); key material as RFC 4716 or `openssl -text`, a
 * zip archive; a waiver repeating expires=; duplicate env names (an internal
 * error) and a Kyverno validate pattern read as a pod (a false positive).
 * Closed by ST2-OPS-001..012, ST2-REP-001 and new layers (README). Left open,
 * not kept, in "What it does not do": none of them now (brotli,
 * zstd and DES crypt(3) htpasswd were left open until the sixth red team's
 * layers closed them, and the RabbitMQ mirroring policy written by a script
 * until its ST2-OPS-005 check: kept since; the zstd frame is built by hand,
 * test/policy/zstd-writer.ts, as Node 20 writes none). A second
 * round of 39 aimed at those fixes found all 25 unsafe ones allowed, 0 of 14
 * safe ones denied; 17 closed by widening the rules, 8 left open (OPEN).
 */
import crypto from 'node:crypto';
import { brotliCompressSync, deflateRawSync } from 'node:zlib';
import YAML from 'yaml';
import type { CaseClass, RedTeamCase, Wrapped } from './corpus.js';
import { publishedLiteral, publishedSecretData } from './published.js';
import { mpint, sshString } from './ssh-wire.js';
import { zstdRawFrame } from '../zstd-writer.js';

type Json = Record<string, unknown>;

interface Attack {
  readonly id: string;
  readonly cls: string;
  readonly verdict: 'deny' | 'allow';
  readonly why: string;
  readonly env: Wrapped;
  readonly k: Json;
  readonly files: Record<string, unknown>;
}

/** This attacker's classes, as the kept corpus names them. */
const CLASS: Record<string, CaseClass> = {
  'auth-off': 'st2-config',
  'rbac-explicit-off': 'st2-config',
  'mongo-noauth': 'store-auth',
  'rabbitmq-guest': 'store-auth',
  robustness: 'store-auth',
  'rbac-omission': 'st2-config',
  'ha-floor': 'availability',
  images: 'availability',
  probes: 'availability',
  exposure: 'exposure',
  'credential-redirect': 'exposure',
  singleton: 'components',
  secret: 'secrets',
  trust: 'delivery',
  'argocd-semantics': 'delivery',
  waiver: 'waivers',
  privilege: 'access',
  env: 'environment',
  'cross-env': 'environment',
  delivery: 'delivery',
  availability: 'availability',
  access: 'access',
  environment: 'environment',
  waivers: 'waivers',
};

/** Cases whose class is not the attacker's first guess. */
const CLASS_OF: Record<string, CaseClass> = {
  'kyverno-mutate-replicas': 'delivery',
  'kyverno-validate': 'delivery',
  'mutating-webhook': 'delivery',
  'authorized-keys': 'key-material',
  'ppk-key': 'key-material',
  'openssl-text-key': 'key-material',
  'pubkey-rfc4716': 'key-material',
  'ca-bundle': 'key-material',
};

/** Still allowed (README, "What it does not do"): not kept. */
const OPEN = new Set([
  'rbac-omit-docker', 'rbac-false-then-true',
  // round 2
  // (gateway-http-st2web, cloudflared-config-file, tailscale-funnel, dev-nginx-into-prod,
  // mq-url-outside and dev-prod-secretstore were closed with the sixth team's exposure holes;
  // quota-cpu and limitrange-max with the eighth team's admission holes, ST2-OPS-032)
]);

/** The rule each denial names (one of those it prints). */
const RULE: Record<string, string> = {
  'gateway-http-st2web': 'ST2-OPS-004',
  'cloudflared-config-file': 'ST2-OPS-008',
  'tailscale-funnel': 'ST2-OPS-008',
  'dev-nginx-into-prod': 'ST2-OPS-012',
  'mq-url-outside': 'ST2-OPS-013',
  'dev-prod-secretstore': 'ST2-OPS-012',
  'aggregated-secret-reader': 'ST2-OPS-006',
  'app-kustomize-namespace': 'ST2-OPS-001',
  'app-monitoring-ns': 'ST2-OPS-001',
  'auth-url-secret': 'ST2-OPS-007',
  'auth-url-via-externalname': 'ST2-OPS-007',
  'dns-outside': 'ST2-OPS-007',
  'exec-probe-401': 'ST2-OPS-010',
  'hostaliases-mq': 'ST2-OPS-007',
  'kyverno-cleanup': 'ST2-OPS-002',
  'kyverno-mutatingpolicy': 'ST2-OPS-002',
  'mongo-major-only': 'ST2-OPS-009',
  'mongo-matchfields-pin': 'ST2-OPS-005',
  'mongo-replace-force': 'ST2-OPS-003',
  'mongo-self-affinity': 'ST2-OPS-005',
  'pdb-match-expressions': 'ST2-OPS-005',
  'sa-admin-rolebinding': 'ST2-OPS-006',
  'timers-off-in-externalsecret': 'ST2-REP-001',
  'waiver-case-key': 'ST2-REP-001',
  'api-max-unavailable': 'ST2-OPS-005',
  'api-probe-401': 'ST2-OPS-010',
  'api-url-external': 'ST2-OPS-007',
  'auth-off-b64-script': 'ST2-HRD-005',
  'auth-off-colon': 'ST2-HRD-005',
  'auth-off-config-dir': 'ST2-HRD-005',
  'auth-off-word': 'ST2-HRD-005',
  'auth-url-external': 'ST2-OPS-007',
  'authorized-keys': 'ST2-SEC-003',
  'b64-spaced': 'ST2-SEC-001',
  'child-app-dev': 'ST2-OPS-001',
  'child-app-monitoring': 'ST2-OPS-001',
  'cloudflared-mongo': 'ST2-OPS-008',
  'coord-file': 'ST2-REP-006',
  'coord-redis-single': 'ST2-OPS-005',
  'coord-zake': 'ST2-REP-006',
  'db-single-host': 'ST2-OPS-005',
  'dev-expose-prod-db': 'ST2-OPS-012',
  'dev-into-prod-ns': 'ST2-EXP-001',
  'dev-reads-prod-secrets': 'ST2-EXP-001',
  'env-on-namespace': 'ST2-REP-001',
  'envfrom-split': 'ST2-SEC-001',
  'etcd-36': 'ST2-REP-012',
  'flux-ks-dev': 'ST2-OPS-001',
  'gateway-tcproute-mongo': 'ST2-EXP-008',
  'image-latest': 'ST2-HRD-001',
  // Denied by design since the holes piece: st2's st2.secrets.conf still reads stackstorm/rabbitmq (half a rotation).
  'rotate-remote-key': 'ST2-SEC-020',
  'ingress-no-tls': 'ST2-OPS-004',
  'istio-rmq-mgmt': 'ST2-EXP-008',
  'jwt-mongo-url': 'ST2-SEC-001',
  // Denied as what it is since the eighth team's round: a workload writing a cluster object
  // (kubectl's arguments name objects, not programs it runs).
  'kubectl-scale-job': 'ST2-OPS-016',
  'kyverno-mutate-replicas': 'ST2-OPS-002',
  'lb-named-port-peer': 'ST2-EXP-006',
  'lb-selector-tier': 'ST2-EXP-007',
  'mongo-6': 'ST2-OPS-009',
  'mongo-as-hook': 'ST2-OPS-003',
  'mongo-bypass-entrypoint': 'ST2-HRD-007',
  'mongo-conf-file-transition': 'ST2-HRD-007',
  'mongo-conf-flow-disabled': 'ST2-HRD-007',
  'mongo-hostport': 'ST2-EXP-003',
  'mongo-one-node': 'ST2-OPS-005',
  'mongo-podname-nodeport': 'ST2-EXP-002',
  'mongo-transition-auth': 'ST2-HRD-007',
  'mq-single-node': 'ST2-OPS-005',
  'mutating-webhook': 'ST2-OPS-002',
  'ngrok-rabbit': 'ST2-OPS-008',
  'openssl-text-key': 'ST2-SEC-003',
  'pdb-mongo-all': 'ST2-OPS-005',
  'ppk-key': 'ST2-SEC-003',
  'pubkey-rfc4716': 'ST2-SEC-003',
  'quota-pods': 'ST2-OPS-005',
  'quota-cpu': 'ST2-OPS-032',
  'limitrange-max': 'ST2-OPS-032',
  'rabbitmq-4': 'ST2-OPS-009',
  'rbac-off-no': 'ST2-HRD-005',
  'rmq-default-user-env': 'ST2-SEC-008',
  // Closed by the sixth red team's round (ST2-OPS-005: queues not mirrored, or the policy not loaded at boot).
  'rmq-no-defs': 'ST2-OPS-005',
  'rmq-no-mirroring': 'ST2-OPS-005',
  'rmq-guest-poststart': 'ST2-SEC-008',
  'rmq-hostnetwork': 'ST2-EXP-004',
  'runner-cluster-admin': 'ST2-OPS-006',
  'runner-hostpath': 'ST2-HRD-006',
  'runner-privileged': 'ST2-HRD-003',
  'scheduler-hook-skip': 'ST2-OPS-003',
  'scheduler-sleep': 'ST2-REP-011',
  'secret-in-webroot': 'ST2-OPS-011',
  'secrets-to-authenticated': 'ST2-OPS-006',
  'sensor-all-plus-one': 'ST2-REP-003',
  'sensor-same-ref': 'ST2-REP-003',
  'ssh-reverse-etcd': 'ST2-OPS-008',
  'staging-declares-dev': 'ST2-EXP-002',
  'staging-timers-2': 'ST2-REP-001',
  'timers-cmd-rulesengine': 'ST2-REP-001',
  'timers-disabled-conf': 'ST2-REP-001',
  'timers-postsync-hook': 'ST2-OPS-003',
  'traefik-etcd': 'ST2-EXP-008',
  'waiver-decoy': 'ST2-REP-001',
  'waiver-dup-expires': 'ST2-REP-001',
  'waiver-lower': 'ST2-REP-001',
  'waiver-namespace': 'ST2-EXP-002',
  'zip-conf': 'ST2-SEC-001',
  // Closed by the sixth red team's layers (fresh6-encodings.ts): brotli, DES crypt(3), zstd.
  'brotli-conf': 'ST2-SEC-001',
  'zstd-conf': 'ST2-SEC-001',
  'htpasswd-des': 'ST2-SEC-001',
};


/** The dev SSH key in the forms this attacker tried: authorized_keys, RFC 4716, `openssl rsa -text`, PuTTY. */
function keyForms(pem: string): { pub: string; rfc4716: string; rsaText: string; ppk: string } {
  const jwk = crypto.createPrivateKey(pem).export({ format: 'jwk' });
  const pubBlob = Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(jwk.e), mpint(jwk.n)]);
  const wrap = (s: string, n: number): string => s.match(new RegExp(`.{1,${n}}`, 'g'))?.join('\n') ?? '';
  const hexLines = (b64: string | undefined): string => {
    let b = Buffer.from(b64 ?? '', 'base64url');
    if ((b[0] ?? 0) & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
    return wrap([...b].map((x) => x.toString(16).padStart(2, '0')).join(':'), 45).split('\n').map((l) => `    ${l}`).join('\n');
  };
  const priv = Buffer.concat([mpint(jwk.d), mpint(jwk.p), mpint(jwk.q), mpint(jwk.qi)]);
  const comment = 'stanley@st2';
  const macKey = crypto.createHash('sha1').update('putty-private-key-file-mac-key').digest();
  const macData = Buffer.concat([sshString(Buffer.from('ssh-rsa')), sshString(Buffer.from('none')), sshString(Buffer.from(comment)), sshString(pubBlob), sshString(priv)]);
  const mac = crypto.createHmac('sha1', macKey).update(macData).digest('hex');
  const pl = wrap(pubBlob.toString('base64'), 64).split('\n');
  const vl = wrap(priv.toString('base64'), 64).split('\n');
  return {
    pub: `ssh-rsa ${pubBlob.toString('base64')}`,
    rfc4716: `---- BEGIN SSH2 PUBLIC KEY ----\nComment: "2048-bit RSA, converted by root@vm from OpenSSH"\n${wrap(pubBlob.toString('base64'), 70)}\n---- END SSH2 PUBLIC KEY ----\n`,
    rsaText: `Private-Key: (2048 bit, 2 primes)\nmodulus:\n${hexLines(jwk.n)}\npublicExponent: 65537 (0x10001)\nprivateExponent:\n${hexLines(jwk.d)}\n`,
    ppk: ['PuTTY-User-Key-File-2: ssh-rsa', 'Encryption: none', `Comment: ${comment}`, `Public-Lines: ${pl.length}`, ...pl, `Private-Lines: ${vl.length}`, ...vl, `Private-MAC: ${mac}`, ''].join('\n'),
  };
}

/** A zip archive as `zip` writes its local entries (one deflated file). */
function zipOf(name: string, text: string): Buffer {
  const data = deflateRawSync(Buffer.from(text));
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(8, 8);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(Buffer.byteLength(text), 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, Buffer.from(name), data]);
}

export function fresh5Corpus(root: string, _today: Date, ca: string): RedTeamCase[] {
  const literal = publishedLiteral(root);
  const MONGO = literal('mongodb-admin-password');
  const K = keyForms(publishedSecretData(root)('components/default-secrets/st2-ssh.yaml', 'private_key'));
  const b64url = (s: string): string => Buffer.from(s).toString('base64url');
  const jwt = [b64url(JSON.stringify({ alg: 'none', typ: 'JWT' })), b64url(JSON.stringify({ sub: 'st2admin??>>', db: `mongodb://admin:${MONGO}@mongodb-0.mongodb:27017/?x=~~~` })), ''].join('.');
  const spaced64 = Buffer.from(`password = ${MONGO}\n`).toString('base64').replace(/(.{4})/g, '$1 ').trim();
  const zip64 = zipOf('st2.override.conf', `[database]\nusername = admin\npassword = ${MONGO}\n`).toString('base64');
  const brotli64 = brotliCompressSync(Buffer.from(`[database]\npassword = ${MONGO}\n`)).toString('base64');
  const zstd64 = zstdRawFrame(Buffer.from(`[database]\npassword = ${MONGO}\n`), 'literals').toString('base64');

  const jp = (kind: string, name: string, ops: Json[], extra: Json = {}): Json => ({ target: { kind, name, ...extra }, patch: JSON.stringify(ops) });
  const userConf = (text: string): Json => jp('ConfigMap', 'st2-config', [{ op: 'replace', path: '/data/st2.user.conf', value: text }]);
  const baseUser = "# Operator overrides (the chart's st2.config value). Highest priority.\n[api]\nallow_origin = '*'\n";
  const cm = (name: string, data: Json, extra: Json = {}): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data, ...extra });
  const LIM = { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } };
  const SC = { runAsNonRoot: true, runAsUser: 65534, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
  const attacks: Attack[] = [];
  const add = (id: string, cls: string, verdict: 'deny' | 'allow', why: string, k: Json, files: Record<string, unknown> = {}, env: Wrapped = 'prod'): void => {
    attacks.push({ id, cls, verdict, why, env, k, files });
  };

  // A. st2 auth off, spelled as oslo.config reads it ---------------------------
  add('auth-off-word', 'auth-off', 'deny', '[auth] enable = off is false for oslo.config: the API answers without a token',
    { patches: [userConf(baseUser + '\n[auth]\nenable = off\n')] });
  add('auth-off-colon', 'auth-off', 'deny', 'oslo.config accepts "key: value"; enable: 0 turns st2 auth off',
    { patches: [userConf(baseUser + '\n[auth]\nenable: 0\n')] });
  add('auth-off-config-dir', 'auth-off', 'deny', '--config-dir makes st2api read every *.conf of a mounted ConfigMap, which turns auth off',
    {
      resources: ['conf-d.yaml'],
      patches: [jp('Deployment', 'st2api', [
        { op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--config-dir=/etc/st2/conf.d' },
        { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'confd', configMap: { name: 'st2-conf-d' } } },
        { op: 'add', path: '/spec/template/spec/containers/0/volumeMounts/-', value: { name: 'confd', mountPath: '/etc/st2/conf.d' } },
      ])],
    }, { 'conf-d.yaml': cm('st2-conf-d', { 'zz-local.conf': '[auth]\nenable = False\n' }) });
  add('auth-off-b64-script', 'auth-off', 'deny', 'an init container decodes base64 into a config file st2api reads last: auth off',
    {
      patches: [jp('Deployment', 'st2api', [
        { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'override', emptyDir: {} } },
        { op: 'add', path: '/spec/template/spec/initContainers/-', value: { name: 'override', image: 'busybox:1.36.1', resources: LIM, securityContext: SC, command: ['sh', '-c', `echo ${Buffer.from('[auth]\nenable = False\n').toString('base64')} | base64 -d > /override/st2.local.conf`], volumeMounts: [{ name: 'override', mountPath: '/override' }] } },
        { op: 'add', path: '/spec/template/spec/containers/0/volumeMounts/-', value: { name: 'override', mountPath: '/etc/st2/override' } },
        { op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--config-file=/etc/st2/override/st2.local.conf' },
      ])],
    });
  add('rbac-off-no', 'rbac-explicit-off', 'deny', '[rbac] enable = no (oslo false) in the operator file: every user is admin',
    { patches: [userConf(baseUser + '\n[rbac]\nenable = no\n')] });
  add('auth-ldap', 'auth-off', 'allow', 'LDAP auth backend with the bind password from a mounted Secret file (st2 3.8 standalone mode)',
    { patches: [userConf(baseUser + '\n[auth]\nenable = True\nmode = standalone\nbackend = ldap\nbackend_kwargs = {"bind_dn": "cn=st2,ou=svc,dc=example,dc=com", "bind_password_file": "/etc/st2/ldap/password", "base_ou": "ou=people,dc=example,dc=com", "group_dns": ["cn=st2users,ou=groups,dc=example,dc=com"], "host": "ldap.example.com", "port": 636, "use_ssl": true}\n')] });
  add('auth-explicit-on', 'auth-off', 'allow', 'repeats [auth] enable = True and RBAC on in the operator file, and restricts CORS',
    { patches: [userConf("[api]\nallow_origin = https://st2.example.com\n\n[auth]\nenable = True\n\n[rbac]\nenable = True\nbackend = default\n")] });
  add('extra-conf-safe', 'auth-off', 'allow', 'an extra --config-file for st2api that only tunes the API (mask_secrets, no auth change)',
    {
      resources: ['extra.yaml'],
      patches: [jp('Deployment', 'st2api', [
        { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'extra', configMap: { name: 'st2api-extra' } } },
        { op: 'add', path: '/spec/template/spec/containers/0/volumeMounts/-', value: { name: 'extra', mountPath: '/etc/st2/st2.extra.conf', subPath: 'st2.extra.conf' } },
        { op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--config-file=/etc/st2/st2.extra.conf' },
      ])],
    }, { 'extra.yaml': cm('st2api-extra', { 'st2.extra.conf': '[api]\nmask_secrets = True\n\n[log]\nmask_secrets = True\n' }) });

  // B. MongoDB without access control ------------------------------------------
  add('mongo-bypass-entrypoint', 'mongo-noauth', 'deny', 'mongod started directly (no docker-entrypoint, so no --auth) and without --keyFile: no access control',
    { patches: [jp('StatefulSet', 'mongodb', [
      { op: 'add', path: '/spec/template/spec/containers/0/command', value: ['mongod'] },
      { op: 'replace', path: '/spec/template/spec/containers/0/args', value: ['--replSet', 'rs0', '--bind_ip_all'] },
    ])] });
  add('mongo-transition-auth', 'mongo-noauth', 'deny', '--transitionToAuth makes mongod accept unauthenticated clients',
    { patches: [jp('StatefulSet', 'mongodb', [{ op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--transitionToAuth' }])] });
  add('mongo-conf-file-transition', 'mongo-noauth', 'deny', 'a mongod.conf with security.transitionToAuth: true, passed with --config',
    {
      resources: ['mongod-conf.yaml'],
      patches: [jp('StatefulSet', 'mongodb', [
        { op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--config' },
        { op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '/etc/mongod/mongod.conf' },
        { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'mongod-conf', configMap: { name: 'mongod-conf' } } },
        { op: 'add', path: '/spec/template/spec/containers/0/volumeMounts/-', value: { name: 'mongod-conf', mountPath: '/etc/mongod' } },
      ])],
    }, { 'mongod-conf.yaml': cm('mongod-conf', { 'mongod.conf': 'net:\n  bindIpAll: true\nsecurity:\n  transitionToAuth: true\n' }) });
  // mongod reads its config as YAML, so flow style says what block style does (red team 6).
  const mongodFromConf = (id: string, expect: 'allow' | 'deny', why: string, conf: string): void =>
    add(id, 'mongo-noauth', expect, why, {
      resources: ['mongod-conf.yaml'],
      patches: [jp('StatefulSet', 'mongodb', [
        { op: 'add', path: '/spec/template/spec/containers/0/command', value: ['mongod'] },
        { op: 'replace', path: '/spec/template/spec/containers/0/args', value: ['--config', '/etc/mongod/mongod.conf'] },
        { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'mongod-conf', configMap: { name: 'mongod-conf' } } },
        { op: 'add', path: '/spec/template/spec/containers/0/volumeMounts/-', value: { name: 'mongod-conf', mountPath: '/etc/mongod' } },
      ])],
    }, { 'mongod-conf.yaml': cm('mongod-conf', { 'mongod.conf': conf }) });
  mongodFromConf('mongo-conf-flow-disabled', 'deny', 'mongod started directly with a flow-style config turning authorization off',
    '{net: {bindIpAll: true}, replication: {replSetName: rs0}, security: {authorization: disabled}}\n');
  mongodFromConf('mongo-conf-flow-enabled', 'allow', 'mongod started directly with a flow-style config turning authorization and the keyFile on',
    '{net: {bindIpAll: true}, replication: {replSetName: rs0}, security: {authorization: enabled, keyFile: /data/configdb/key.txt}}\n');
  add('mongo-tuning', 'mongo-noauth', 'allow', 'WiredTiger cache size and oplog size flags for mongod',
    { patches: [jp('StatefulSet', 'mongodb', [
      { op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--wiredTigerCacheSizeGB' },
      { op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '2' },
      { op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--oplogSize' },
      { op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '4096' },
    ])] });

  // C. RabbitMQ guest -----------------------------------------------------------
  const rmqConf = (extra: string, drop = ''): Json => jp('ConfigMap', 'rabbitmq-config', [{ op: 'replace', path: '/data/rabbitmq.conf', value:
    ['cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config',
      'cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-discovery',
      'cluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-discovery',
      'cluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-discovery',
      'queue_master_locator = min-masters',
      'loopback_users.guest = false',
      'cluster_partition_handling = pause_minority',
      'load_definitions = /etc/rabbitmq/definitions.json'].filter((l) => !drop || !l.startsWith(drop)).join('\n') + '\n' + extra }]);
  add('rmq-mgmt-load-defs', 'rabbitmq-guest', 'allow', 'the legacy management.load_definitions key: still imported at boot, so no default user is created',
    { patches: [rmqConf('management.load_definitions = /etc/rabbitmq/definitions.json\n', 'load_definitions')] });
  add('rmq-guest-poststart', 'rabbitmq-guest', 'deny', 'no boot definitions and no RABBITMQ_DEFAULT_USER/PASS: RabbitMQ creates guest/guest (remote allowed by loopback_users.guest = false); admin comes from a postStart import',
    { patches: [rmqConf('', 'load_definitions'), jp('StatefulSet', 'rabbitmq', [
      { op: 'remove', path: '/spec/template/spec/containers/0/env/4' },
      { op: 'remove', path: '/spec/template/spec/containers/0/env/3' },
      { op: 'add', path: '/spec/template/spec/containers/0/lifecycle', value: { postStart: { exec: { command: ['sh', '-c', 'rabbitmqctl wait --timeout 120 /var/lib/rabbitmq/mnesia/rabbit.pid || true; rabbitmqctl import_definitions /etc/rabbitmq/definitions.json'] } } } },
    ])] });
  add('rmq-no-defs', 'ha-floor', 'deny', 'no definitions at boot: admin still comes from env, but the ha mirroring policy is gone, so queues live on one node',
    { patches: [rmqConf('', 'load_definitions')] });
  add('rmq-default-user-env', 'rabbitmq-guest', 'deny', 'RABBITMQ_DEFAULT_USER/PASS set to guest (duplicate env names: the last wins) and no boot definitions',
    { patches: [rmqConf('', 'load_definitions'), jp('StatefulSet', 'rabbitmq', [
      { op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'RABBITMQ_DEFAULT_USER', value: 'guest' } },
      { op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'RABBITMQ_DEFAULT_PASS', value: 'guest' } },
    ])] });
  add('rmq-loopback-true', 'rabbitmq-guest', 'allow', 'tightening: guest restricted to loopback (the default) instead of false',
    { patches: [rmqConf('loopback_users.guest = true\n', 'loopback_users')] });
  add('rmq-prometheus', 'rabbitmq-guest', 'allow', 'enables the rabbitmq_prometheus plugin and a ClusterIP metrics Service',
    {
      resources: ['metrics.yaml'],
      patches: [jp('ConfigMap', 'rabbitmq-config', [{ op: 'replace', path: '/data/enabled_plugins', value: '[rabbitmq_management,rabbitmq_prometheus].\n' }])],
    }, { 'metrics.yaml': { apiVersion: 'v1', kind: 'Service', metadata: { name: 'rabbitmq-metrics', labels: { app: 'rabbitmq' } }, spec: { type: 'ClusterIP', selector: { app: 'rabbitmq', release: 'st2' }, ports: [{ name: 'prometheus', port: 15692, targetPort: 15692 }] } } });

  // D. exposure -----------------------------------------------------------------
  add('mongo-hostport', 'exposure', 'deny', 'hostPort 27017 publishes MongoDB on every node IP',
    { patches: [jp('StatefulSet', 'mongodb', [{ op: 'replace', path: '/spec/template/spec/containers/0/ports/0', value: { name: 'peer', containerPort: 27017, hostPort: 27017 } }])] });
  add('rmq-hostnetwork', 'exposure', 'deny', 'hostNetwork: RabbitMQ (5672, 15672, 4369, 25672) listens on the node network',
    { patches: [jp('StatefulSet', 'rabbitmq', [{ op: 'add', path: '/spec/template/spec/hostNetwork', value: true }, { op: 'add', path: '/spec/template/spec/dnsPolicy', value: 'ClusterFirstWithHostNet' }])] });
  add('mongo-podname-nodeport', 'exposure', 'deny', 'a NodePort Service selecting mongodb-0 by the StatefulSet pod-name label',
    { resources: ['svc.yaml'] }, { 'svc.yaml': { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db-debug' }, spec: { type: 'NodePort', selector: { 'statefulset.kubernetes.io/pod-name': 'mongodb-0' }, ports: [{ port: 27017, targetPort: 27017, nodePort: 30017 }] } } });
  add('gateway-tcproute-mongo', 'exposure', 'deny', 'Gateway API TCPRoute from a public Gateway listener to mongodb:27017',
    { resources: ['gw.yaml'] }, { 'gw.yaml': [
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'edge' }, spec: { gatewayClassName: 'public', listeners: [{ name: 'db', protocol: 'TCP', port: 27017 }] } },
      { apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TCPRoute', metadata: { name: 'db' }, spec: { parentRefs: [{ name: 'edge', sectionName: 'db' }], rules: [{ backendRefs: [{ name: 'mongodb', port: 27017 }] }] } },
    ] });
  add('istio-rmq-mgmt', 'exposure', 'deny', 'Istio Gateway + VirtualService publishing the RabbitMQ management UI',
    { resources: ['istio.yaml'] }, { 'istio.yaml': [
      { apiVersion: 'networking.istio.io/v1beta1', kind: 'Gateway', metadata: { name: 'mq' }, spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['mq.example.com'], tls: { mode: 'SIMPLE', credentialName: 'mq-tls' } }] } },
      { apiVersion: 'networking.istio.io/v1beta1', kind: 'VirtualService', metadata: { name: 'mq' }, spec: { hosts: ['mq.example.com'], gateways: ['mq'], http: [{ route: [{ destination: { host: 'rabbitmq', port: { number: 15672 } } }] }] } },
    ] });
  add('traefik-etcd', 'exposure', 'deny', 'Traefik IngressRouteTCP publishing etcd 2379 (the coordination store, no auth)',
    { resources: ['tr.yaml'] }, { 'tr.yaml': { apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRouteTCP', metadata: { name: 'etcd' }, spec: { entryPoints: ['websecure'], routes: [{ match: 'HostSNI(`*`)', services: [{ name: 'etcd', port: 2379 }] }] } } });
  add('ingress-no-tls', 'exposure', 'deny', 'st2web Ingress without TLS: logins and tokens cross the internet in clear',
    { patches: [jp('Ingress', 'st2web', [{ op: 'remove', path: '/spec/tls' }, { op: 'replace', path: '/metadata/annotations/nginx.ingress.kubernetes.io~1ssl-redirect', value: 'false' }])] });
  add('secret-in-webroot', 'exposure', 'deny', 'the st2 SSH key Secret mounted inside st2web\'s static web root: downloadable from the public UI',
    { patches: [jp('Deployment', 'st2web', [
      { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'ssh', secret: { secretName: 'st2-ssh' } } },
      { op: 'add', path: '/spec/template/spec/containers/0/volumeMounts/-', value: { name: 'ssh', mountPath: '/opt/stackstorm/static/webui/assets/keys' } },
    ])] });
  add('lb-selector-tier', 'exposure', 'deny', 'a LoadBalancer selecting tier=backend on port 9101: only st2api answers there, so st2api is public',
    { resources: ['lb.yaml'] }, { 'lb.yaml': { apiVersion: 'v1', kind: 'Service', metadata: { name: 'partner-api' }, spec: { type: 'LoadBalancer', selector: { tier: 'backend', release: 'st2' }, ports: [{ port: 443, targetPort: 9101 }] } } });
  add('lb-named-port-peer', 'exposure', 'deny', 'a LoadBalancer on release=st2 to the named port "peer": only MongoDB has it',
    { resources: ['lb.yaml'] }, { 'lb.yaml': { apiVersion: 'v1', kind: 'Service', metadata: { name: 'reports' }, spec: { type: 'LoadBalancer', selector: { release: 'st2' }, ports: [{ port: 27017, targetPort: 'peer' }] } } });
  add('servicemonitor', 'exposure', 'allow', 'a prometheus-operator ServiceMonitor scraping RabbitMQ metrics inside the cluster',
    { resources: ['sm.yaml'] }, { 'sm.yaml': { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'rabbitmq' }, spec: { selector: { matchLabels: { app: 'rabbitmq' } }, endpoints: [{ port: 'http', path: '/metrics' }] } } });
  add('netpol-mongo', 'exposure', 'allow', 'a NetworkPolicy letting only st2 pods reach MongoDB',
    { resources: ['np.yaml'] }, { 'np.yaml': { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'mongodb' }, spec: { podSelector: { matchLabels: { app: 'mongodb' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { release: 'st2' } } }], ports: [{ port: 27017 }] }] } } });
  add('ingress-second-host', 'exposure', 'allow', 'a second st2web hostname with its own TLS certificate',
    { patches: [jp('Ingress', 'st2web', [
      { op: 'add', path: '/spec/tls/-', value: { hosts: ['stackstorm.example.com'], secretName: 'stackstorm-tls' } },
      { op: 'add', path: '/spec/rules/-', value: { host: 'stackstorm.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'st2web', port: { number: 443 } } } }] } } },
    ])] });
  add('ingress-allowlist', 'exposure', 'allow', 'source-range allowlist and body size on the st2web Ingress',
    { patches: [jp('Ingress', 'st2web', [
      { op: 'add', path: '/metadata/annotations/nginx.ingress.kubernetes.io~1whitelist-source-range', value: '10.0.0.0/8,192.168.0.0/16' },
      { op: 'add', path: '/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size', value: '10m' },
    ])] });
  add('internal-api-svc', 'exposure', 'allow', 'a ClusterIP Service for st2api used by an in-cluster chatops bot',
    { resources: ['svc.yaml'] }, { 'svc.yaml': { apiVersion: 'v1', kind: 'Service', metadata: { name: 'st2api-internal' }, spec: { type: 'ClusterIP', selector: { app: 'st2api', release: 'st2' }, ports: [{ port: 9101, targetPort: 9101 }] } } });

  // E. singletons -----------------------------------------------------------------
  const sensorPatch = (ref: string): Json => jp('Deployment', 'st2sensorcontainer', [{ op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--single-sensor-mode' }, { op: 'add', path: '/spec/template/spec/containers/0/args/-', value: `--sensor-ref=${ref}` }]);
  // A copy of the sensor container Deployment under another name: built from prod with a name-changing patch is
  // impossible in one overlay, so the second Deployment is a resource of its own, shaped like the base one.
  const sensorCopy = (name: string, ref: string): Json => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: { app: 'st2sensorcontainer', tier: 'backend', vendor: 'stackstorm', support: 'enterprise', release: 'st2' } },
    spec: {
      replicas: 1, strategy: { type: 'Recreate' }, selector: { matchLabels: { app: name, release: 'st2' } },
      template: {
        metadata: { labels: { app: name, release: 'st2' } },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 },
          containers: [{
            name: 'st2sensorcontainer', image: 'stackstorm/st2sensorcontainer:3.8.1', command: ['/opt/stackstorm/st2/bin/st2sensorcontainer'],
            args: ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf', '--config-file=/etc/st2/st2.secrets.conf', ...(ref ? ['--single-sensor-mode', `--sensor-ref=${ref}`] : [])],
            resources: LIM,
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            volumeMounts: [
              { name: 'st2-config-vol', mountPath: '/etc/st2/st2.docker.conf', subPath: 'st2.docker.conf' },
              { name: 'st2-config-vol', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' },
              { name: 'st2-config-secrets-vol', mountPath: '/etc/st2/st2.secrets.conf', subPath: 'st2.secrets.conf', readOnly: true },
            ],
          }],
          volumes: [{ name: 'st2-config-vol', configMap: { name: 'st2-config' } }, { name: 'st2-config-secrets-vol', secret: { secretName: 'st2-config-secrets', defaultMode: 288 } }],
        },
      },
    },
  });
  add('sensor-same-ref', 'singleton', 'deny', 'two sensor containers in single-sensor mode for the same sensor: it runs twice',
    { resources: ['s2.yaml'], patches: [sensorPatch('github.GithubRepositorySensor')] }, { 's2.yaml': sensorCopy('st2sensorcontainer-github', 'github.GithubRepositorySensor') });
  add('sensor-all-plus-one', 'singleton', 'deny', 'the all-sensors container stays and a second runs one of the same sensors: that sensor runs twice',
    { resources: ['s2.yaml'] }, { 's2.yaml': sensorCopy('st2sensorcontainer-github', 'github.GithubRepositorySensor') });
  add('sensor-partitioned', 'singleton', 'allow', 'one-sensor-per-pod: the base container runs one sensor, a second Deployment another',
    { resources: ['s2.yaml'], patches: [sensorPatch('linux.FileWatchSensor')] }, { 's2.yaml': sensorCopy('st2sensorcontainer-github', 'github.GithubRepositorySensor') });
  add('kubectl-scale-job', 'singleton', 'deny', 'a PostSync Job runs kubectl scale st2timersengine --replicas=2 (with a Role to do it)',
    { resources: ['job.yaml'] }, { 'job.yaml': [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'scaler' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'scaler' }, rules: [{ apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'], verbs: ['get', 'patch', 'update'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'scaler' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'scaler' }, subjects: [{ kind: 'ServiceAccount', name: 'scaler' }] },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'post-sync-scale', annotations: { 'argocd.argoproj.io/hook': 'PostSync' } }, spec: { template: { spec: { serviceAccountName: 'scaler', restartPolicy: 'Never', containers: [{ name: 'kubectl', image: 'bitnamilegacy/kubectl:1.31', command: ['kubectl', 'scale', 'deployment/st2timersengine', '--replicas=2'], resources: LIM }] } } } },
    ] });
  add('kubectl-restart-job', 'singleton', 'allow', 'a PostSync Job running kubectl rollout restart of st2api (config reload)',
    { resources: ['job.yaml'] }, { 'job.yaml': [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'restarter' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'restarter' }, rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'patch'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'restarter' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'restarter' }, subjects: [{ kind: 'ServiceAccount', name: 'restarter' }] },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'post-sync-restart', annotations: { 'argocd.argoproj.io/hook': 'PostSync' } }, spec: { template: { spec: { serviceAccountName: 'restarter', restartPolicy: 'Never', containers: [{ name: 'kubectl', image: 'bitnamilegacy/kubectl:1.31', command: ['kubectl', 'rollout', 'restart', 'deployment/st2api'], resources: LIM }] } } } },
    ] });
  add('kyverno-mutate-replicas', 'singleton', 'deny', 'a Kyverno ClusterPolicy mutates st2timersengine to 2 replicas at admission',
    { resources: ['kyv.yaml'] }, { 'kyv.yaml': { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'timers-ha' }, spec: { rules: [{ name: 'two-timers', match: { any: [{ resources: { kinds: ['Deployment'], names: ['st2timersengine'] } }] }, mutate: { patchStrategicMerge: { spec: { replicas: 2 } } } }] } } });
  add('kyverno-validate', 'singleton', 'allow', 'a Kyverno ClusterPolicy in Audit mode that reports unpinned images',
    { resources: ['kyv.yaml'] }, { 'kyv.yaml': { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'pinned-images' }, spec: { validationFailureAction: 'Audit', rules: [{ name: 'no-latest', match: { any: [{ resources: { kinds: ['Pod'] } }] }, validate: { message: 'pin images', pattern: { spec: { containers: [{ image: '!*:latest' }] } } } }] } } });
  add('timers-cmd-rulesengine', 'singleton', 'deny', 'the st2timersengine Deployment now runs st2rulesengine: no timer fires',
    { patches: [jp('Deployment', 'st2timersengine', [{ op: 'replace', path: '/spec/template/spec/containers/0/command', value: ['/opt/stackstorm/st2/bin/st2rulesengine'] }])] });
  add('timers-disabled-conf', 'singleton', 'deny', '[timersengine] enable = False: the one timers engine runs but fires nothing (same as zero replicas)',
    { patches: [userConf(baseUser + '\n[timersengine]\nenable = False\n')] });
  add('scheduler-sleep', 'singleton', 'deny', 'the st2scheduler containers sleep instead: every execution stays requested',
    { patches: [jp('Deployment', 'st2scheduler', [{ op: 'replace', path: '/spec/template/spec/containers/0/command', value: ['sleep', 'infinity'] }, { op: 'replace', path: '/spec/template/spec/containers/0/args', value: [] }])] });
  // st2's own PriorityClass: system-cluster-critical on st2's pods preempts other tenants (ST2-OPS-040, fresh9-cluster.ts).
  add('timers-priority', 'singleton', 'allow', 'a priorityClassName and a node toleration on the single st2timersengine',
    { resources: ['pc.yaml'], patches: [jp('Deployment', 'st2timersengine', [{ op: 'add', path: '/spec/template/spec/priorityClassName', value: 'st2-singletons' }, { op: 'add', path: '/spec/template/spec/tolerations', value: [{ key: 'dedicated', operator: 'Equal', value: 'st2', effect: 'NoSchedule' }] }])] },
    { 'pc.yaml': { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'st2-singletons' }, value: 200000, globalDefault: false } });

  // F. HA floors ---------------------------------------------------------------------
  add('db-single-host', 'ha-floor', 'deny', 'st2 points at mongodb-0 only, without the replica set: no failover when that member goes',
    { patches: [jp('ConfigMap', 'st2-config', [{ op: 'replace', path: '/data/st2.user.conf', value: baseUser + '\n[database]\nhost = mongodb://mongodb-0.mongodb:27017/?authSource=admin\n' }])] });
  add('mongo-one-node', 'ha-floor', 'deny', 'all three MongoDB members pinned to one node: that node going down loses the replica set',
    { patches: [jp('StatefulSet', 'mongodb', [{ op: 'add', path: '/spec/template/spec/nodeSelector', value: { 'kubernetes.io/hostname': 'node-a' } }])] });
  add('api-max-unavailable', 'ha-floor', 'deny', 'st2api rolls out with maxUnavailable 100%: every replica goes at once on each deploy',
    { patches: [jp('Deployment', 'st2api', [{ op: 'add', path: '/spec/strategy', value: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%', maxSurge: 0 } } }])] });
  add('coord-file', 'ha-floor', 'deny', '[coordination] url = file://: locks are per pod, so 3 workflow engines and schedulers do not coordinate',
    { patches: [userConf(baseUser + '\n[coordination]\nurl = file:///var/lib/st2/locks\n')] });
  add('coord-zake', 'ha-floor', 'deny', '[coordination] url = zake:// (in-memory): no distributed locks across replicas',
    { patches: [userConf(baseUser + '\n[coordination]\nurl = zake://\n')] });
  add('rmq-no-mirroring', 'ha-floor', 'deny', 'the RabbitMQ ha policy removed from the definitions: classic queues live on one node',
    { patches: [jp('StatefulSet', 'rabbitmq', [{ op: 'replace', path: '/spec/template/spec/initContainers/0/command/2', value: 'cp /etc/rabbitmq-configmap/rabbitmq.conf /etc/rabbitmq-configmap/enabled_plugins /etc/rabbitmq/\npass="$(printf \'%s\' "${RABBITMQ_PASSWORD}" | sed -e \'s/\\\\/\\\\\\\\/g\' -e \'s/"/\\\\"/g\')"\ncat > /etc/rabbitmq/definitions.json <<EOF\n{\n  "users": [{"name": "admin", "password": "${pass}", "tags": "administrator"}],\n  "vhosts": [{"name": "/"}],\n  "permissions": [{"user": "admin", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}],\n  "policies": []\n}\nEOF\n' }])] });
  add('quota-pods', 'ha-floor', 'deny', 'a ResourceQuota of 12 pods in st2-prod: the HA cluster needs 40, so most never start',
    { resources: ['quota.yaml'] }, { 'quota.yaml': { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'st2' }, spec: { hard: { pods: '12' } } } });
  add('api-five', 'ha-floor', 'allow', 'st2api scaled to 5', { replicas: [{ name: 'st2api', count: 5 }] });
  add('api-hpa', 'ha-floor', 'allow', 'HPA on st2api between 3 and 10',
    { resources: ['hpa.yaml'] }, { 'hpa.yaml': { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'st2api' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'st2api' }, minReplicas: 3, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] } } });
  add('api-surge', 'ha-floor', 'allow', 'st2api rolls out one at a time (maxUnavailable 1, maxSurge 1)',
    { patches: [jp('Deployment', 'st2api', [{ op: 'add', path: '/spec/strategy', value: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } }])] });
  add('quota-generous', 'ha-floor', 'allow', 'a ResourceQuota with room for the whole cluster (100 pods, 64 CPUs)',
    { resources: ['quota.yaml'] }, { 'quota.yaml': { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'st2' }, spec: { hard: { pods: '100', 'requests.cpu': '64' } } } });
  add('quota-staging', 'ha-floor', 'allow', 'staging: runners down to 3', { replicas: [{ name: 'st2actionrunner', count: 3 }] }, {}, 'staging');

  // G. published secrets and keys --------------------------------------------------------
  add('jwt-mongo-url', 'secret', 'deny', 'the MongoDB default password in a base64url JWT payload',
    { resources: ['tok.yaml'] }, { 'tok.yaml': cm('report-token', { token: jwt }) });
  add('b64-spaced', 'secret', 'deny', 'base64 of the MongoDB default with a space every four characters',
    { resources: ['c.yaml'] }, { 'c.yaml': cm('db-hint', { blob: spaced64 }) });
  add('zip-conf', 'secret', 'deny', 'a zip (deflate) with an st2 config holding the MongoDB default, unzipped by an init container',
    { resources: ['c.yaml'] }, { 'c.yaml': cm('st2-conf-bundle', {}, { binaryData: { 'conf.zip': zip64 } }) });
  add('brotli-conf', 'secret', 'deny', 'a brotli-compressed config holding the MongoDB default', { resources: ['c.yaml'] }, { 'c.yaml': cm('st2-conf-br', {}, { binaryData: { 'st2.conf.br': brotli64 } }) });
  add('zstd-conf', 'secret', 'deny', 'a zstd-compressed config holding the MongoDB default', { resources: ['c.yaml'] }, { 'c.yaml': cm('st2-conf-zst', {}, { binaryData: { 'st2.conf.zst': zstd64 } }) });
  add('authorized-keys', 'secret', 'deny', 'the public half of the published stanley key in an sshd authorized_keys: whoever has the published private key logs in',
    { resources: ['ak.yaml'] }, { 'ak.yaml': cm('bastion-authorized-keys', { authorized_keys: K.pub + ' stanley@st2\n' }) });
  add('ppk-key', 'secret', 'deny', 'the published stanley key in PuTTY PPK format', { resources: ['ppk.yaml'] }, { 'ppk.yaml': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'windows-runner-key' }, type: 'Opaque', stringData: { 'stanley.ppk': K.ppk } } });
  add('htpasswd-des', 'secret', 'deny', 'st2auth htpasswd with a DES crypt(3) hash of Ch@ngeMe (passlib verifies des_crypt)',
    { patches: [jp('Deployment', 'st2auth', [{ op: 'replace', path: '/spec/template/spec/initContainers/0/command/2', value: "printf 'st2admin:abvgUPCuKUo6Q\\n' > /tmp/st2/htpasswd" }])] });
  add('envfrom-split', 'secret', 'deny', 'the MongoDB default split over two ConfigMap keys loaded with envFrom and joined in a config file',
    {
      resources: ['parts.yaml'],
      patches: [jp('Deployment', 'st2api', [
        { op: 'add', path: '/spec/template/spec/containers/0/envFrom/-', value: { configMapRef: { name: 'db-parts' } } },
        { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'gen', emptyDir: {} } },
        { op: 'add', path: '/spec/template/spec/initContainers/-', value: { name: 'gen-conf', image: 'busybox:1.36.1', resources: LIM, securityContext: SC, envFrom: [{ configMapRef: { name: 'db-parts' } }], command: ['sh', '-c', 'printf "[database]\\npassword = %s\\n" "$P1$P2" > /gen/st2.db.conf'], volumeMounts: [{ name: 'gen', mountPath: '/gen' }] } },
      ])],
    }, { 'parts.yaml': cm('db-parts', { P1: MONGO.slice(0, 16), P2: MONGO.slice(16) }) });
  add('ca-bundle', 'secret', 'allow', 'a CA certificate (a fresh test CA) under an unusual key, for LDAPS',
    { resources: ['ca.yaml'] }, { 'ca.yaml': cm('ldap-trust', { 'corp-ldaps-root.pem': ca }) });
  add('rotate-remote-key', 'secret', 'deny', 'rotates the RabbitMQ password by pointing only the broker\'s ExternalSecret at a new remote key: st2 keeps the old one (ST2-SEC-020 since the holes piece)',
    { patches: [jp('ExternalSecret', 'rabbitmq', [{ op: 'replace', path: '/spec/data/0/remoteRef/key', value: 'stackstorm/rabbitmq-2026-12' }])] });
  add('mongo-exporter', 'secret', 'allow', 'a mongodb_exporter Deployment with its URI from a Secret (a helper whose name mentions mongo)',
    { resources: ['exp.yaml'] }, { 'exp.yaml': { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'mongodb-exporter' }, spec: { replicas: 1, selector: { matchLabels: { app: 'mongodb-exporter' } }, template: { metadata: { labels: { app: 'mongodb-exporter' } }, spec: { securityContext: { runAsNonRoot: true, runAsUser: 65534 }, containers: [{ name: 'exporter', image: 'percona/mongodb_exporter:0.40.0', args: ['--collect-all', '--compatible-mode'], env: [{ name: 'MONGODB_URI', valueFrom: { secretKeyRef: { name: 'mongodb-exporter', key: 'uri' } } }], ports: [{ name: 'metrics', containerPort: 9216 }], resources: LIM, securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } } }] } } } } });
  add('backup-cronjob', 'secret', 'allow', 'a nightly mongodump CronJob with credentials from the mongodb-admin Secret',
    { resources: ['bk.yaml'] }, { 'bk.yaml': { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'mongodb-backup' }, spec: { schedule: '17 2 * * *', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'dump', image: 'mongo:4.4.29', command: ['sh', '-c', 'mongodump --uri "mongodb://$U:$P@mongodb-0.mongodb,mongodb-1.mongodb,mongodb-2.mongodb/?authSource=admin&replicaSet=rs0&readPreference=secondary" --archive=/backup/st2-$(date +%F).gz --gzip'], env: [{ name: 'U', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'user' } } }, { name: 'P', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'password' } } }], volumeMounts: [{ name: 'backup', mountPath: '/backup' }], resources: LIM }], volumes: [{ name: 'backup', persistentVolumeClaim: { claimName: 'mongodb-backup' } }] } } } } } } });

  // H. environment, delivery and waivers ------------------------------------------------------
  add('child-app-dev', 'trust', 'deny', 'an Argo CD Application in the overlay syncs overlays/dev (default secrets) into st2-prod with built-in kustomize, ungated',
    { resources: ['app.yaml'] }, { 'app.yaml': { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'st2-prod-extras', namespace: 'argocd' }, spec: { project: 'default', source: { repoURL: 'https://git.example.com/platform/st2-gitops.git', targetRevision: 'main', path: 'overlays/dev', kustomize: { namespace: 'st2-prod' } }, destination: { server: 'https://kubernetes.default.svc', namespace: 'st2-prod' }, syncPolicy: { automated: { prune: true } } } } });
  add('flux-ks-dev', 'trust', 'deny', 'a Flux Kustomization applies overlays/dev into st2-prod, outside the gate',
    { resources: ['flux.yaml'] }, { 'flux.yaml': { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'st2-extras', namespace: 'flux-system' }, spec: { interval: '5m', path: './overlays/dev', prune: true, sourceRef: { kind: 'GitRepository', name: 'st2-gitops' }, targetNamespace: 'st2-prod' } } });
  // Allowed until the seventh red team: what any Application syncs cannot be judged wherever it
  // points (its source can be repointed at st2's namespace without this gate), and it sits in argocd.
  add('child-app-monitoring', 'trust', 'deny', 'an Argo CD Application for the monitoring stack in its own namespace (app of apps): opaque delivery, in argocd',
    { resources: ['app.yaml'] }, { 'app.yaml': { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'st2-monitoring', namespace: 'argocd' }, spec: { project: 'default', source: { repoURL: 'https://prometheus-community.github.io/helm-charts', chart: 'prometheus-blackbox-exporter', targetRevision: '9.1.0' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'monitoring' } } } });
  add('waiver-decoy', 'waiver', 'deny', 'a ConfigMap named st2timersengine carries the REP-001 waiver while the Deployment runs 2',
    { replicas: [{ name: 'st2timersengine', count: 2 }], resources: ['decoy.yaml'] }, { 'decoy.yaml': cm('st2timersengine', { note: 'see INC-1' }, { metadata: { name: 'st2timersengine', annotations: { 'st2-gitops/waive.ST2-REP-001': 'expires=2027-01-31; reason=INC-4242 temporary double timers' } } }) });
  add('waiver-namespace', 'waiver', 'deny', 'the Namespace object carries a waiver for NodePort exposure while st2web becomes NodePort',
    { patches: [jp('Namespace', 'st2-prod', [{ op: 'add', path: '/metadata/annotations', value: { 'st2-gitops/waive.ST2-EXP-001': 'expires=2027-01-31; reason=INC-1 edge LB down' } }]), jp('Service', 'st2web', [{ op: 'replace', path: '/spec/type', value: 'NodePort' }])] });
  add('env-on-namespace', 'trust', 'deny', 'the Namespace object declares dev while st2timersengine runs 2',
    { replicas: [{ name: 'st2timersengine', count: 2 }], patches: [jp('Namespace', 'st2-prod', [{ op: 'add', path: '/metadata/annotations', value: { 'st2-gitops/environment': 'dev' } }])] });
  add('waiver-dup-expires', 'waiver', 'deny', 'a waiver whose value names a valid date then a far one (expires twice) on st2timersengine at 2',
    { replicas: [{ name: 'st2timersengine', count: 2 }], patches: [jp('Deployment', 'st2timersengine', [{ op: 'add', path: '/metadata/annotations', value: { 'st2-gitops/waive.ST2-REP-001': 'expires=2099-12-31; reason=INC-7; expires=2027-01-10' } }])] });
  add('waiver-lower', 'waiver', 'deny', 'a lower-case rule id in the waiver key (st2-rep-001) for two timers engines',
    { replicas: [{ name: 'st2timersengine', count: 2 }], patches: [jp('Deployment', 'st2timersengine', [{ op: 'add', path: '/metadata/annotations', value: { 'st2-gitops/waive.st2-rep-001': 'expires=2099-12-31; reason=INC-7' } }])] });

  // I. privileges and admission ------------------------------------------------------------------
  add('runner-privileged', 'privilege', 'deny', 'privileged st2actionrunner with hostPID: any st2 action owns the node',
    { patches: [jp('Deployment', 'st2actionrunner', [{ op: 'replace', path: '/spec/template/spec/containers/0/securityContext/privileged', value: true }, { op: 'add', path: '/spec/template/spec/hostPID', value: true }])] });
  add('runner-hostpath', 'privilege', 'deny', 'the node root filesystem mounted into st2actionrunner',
    { patches: [jp('Deployment', 'st2actionrunner', [
      { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'host', hostPath: { path: '/' } } },
      { op: 'add', path: '/spec/template/spec/containers/0/volumeMounts/-', value: { name: 'host', mountPath: '/host' } },
    ])] });
  add('runner-cluster-admin', 'privilege', 'deny', 'cluster-admin bound to the default service account st2 actions run under',
    { resources: ['crb.yaml'] }, { 'crb.yaml': { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'st2-runner-admin' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'st2-prod' }] } });
  add('mutating-webhook', 'privilege', 'deny', 'a MutatingWebhookConfiguration on st2-prod pods served from outside the gate',
    { resources: ['mwc.yaml'] }, { 'mwc.yaml': { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'st2-tuner' }, webhooks: [{ name: 'tune.st2.example.com', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { url: 'https://tuner.example.com/mutate' }, rules: [{ operations: ['CREATE', 'UPDATE'], apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments'] }], namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'st2-prod' } } }] } });
  add('runner-tmp', 'privilege', 'allow', 'an emptyDir /tmp and more memory for the runners',
    { patches: [jp('Deployment', 'st2actionrunner', [
      { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'tmp', emptyDir: { sizeLimit: '2Gi' } } },
      { op: 'add', path: '/spec/template/spec/containers/0/volumeMounts/-', value: { name: 'tmp', mountPath: '/tmp' } },
    ])] });
  add('statsd-sidecar', 'privilege', 'allow', 'a statsd exporter sidecar in st2api (st2 metrics driver)',
    { patches: [jp('Deployment', 'st2api', [{ op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'statsd-exporter', image: 'prom/statsd-exporter:v0.27.1', ports: [{ name: 'metrics', containerPort: 9102 }], resources: LIM, securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 65534, capabilities: { drop: ['ALL'] } } } }])] });

  // dev / staging look-alikes ---------------------------------------------------------------------
  add('dev-one-api', 'env', 'allow', 'dev: st2api down to 1 (dev is lenient)', { replicas: [{ name: 'st2api', count: 1 }] }, {}, 'dev');
  add('dev-into-prod-ns', 'env', 'deny', 'dev overlay (default secrets) re-namespaced into st2-prod', { namespace: 'st2-prod' }, {}, 'dev');
  add('staging-timers-2', 'env', 'deny', 'staging: st2timersengine at 2', { replicas: [{ name: 'st2timersengine', count: 2 }] }, {}, 'staging');
  add('staging-declares-dev', 'env', 'deny', 'staging wrapper declaring dev while exposing st2web as NodePort',
    { metadata: { name: 'x', annotations: { 'st2-gitops/environment': 'dev' } }, patches: [jp('Service', 'st2web', [{ op: 'replace', path: '/spec/type', value: 'NodePort' }])] }, {}, 'staging');


  // Second batch of round 1.
  add('dup-env-safe', 'robustness', 'allow', 'a patch re-adds RABBITMQ_USE_LONGNAME=true (a duplicate env name the API server accepts)',
    { patches: [jp('StatefulSet', 'rabbitmq', [{ op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'RABBITMQ_USE_LONGNAME', value: 'true' } }])] });
  add('dup-env-nodename', 'robustness', 'allow', 'a patch appends RABBITMQ_USE_LONGNAME again as "True" (a duplicate env name with another literal; the last wins)',
    { patches: [jp('StatefulSet', 'rabbitmq', [{ op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'RABBITMQ_USE_LONGNAME', value: 'True' } }])] });
  add('timer-group-off', 'singleton', 'allow', 'only the deprecated [timer] enable = False: st2 ORs it with timersengine.enable (True), so timers still fire',
    { patches: [userConf(baseUser + '\n[timer]\nenable = False\n')] });
  add('mq-single-node', 'ha-floor', 'deny', 'st2 messaging pointed at rabbitmq-0 only: that node going down stops st2',
    { patches: [jp('ExternalSecret', 'st2-config-secrets', [{ op: 'replace', path: '/spec/target/template/data/st2.secrets.conf', value: '[messaging]\nurl = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq-0.rabbitmq-discovery:5672\n\n[database]\nusername = {{ .mongodbUser }}\npassword = {{ .mongodbPassword }}\n' }])] });
  add('mq-cluster-urls', 'ha-floor', 'allow', 'st2 messaging lists all three RabbitMQ nodes in cluster_urls',
    { patches: [jp('ExternalSecret', 'st2-config-secrets', [{ op: 'replace', path: '/spec/target/template/data/st2.secrets.conf', value: '[messaging]\nurl = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672\ncluster_urls = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq-0.rabbitmq-discovery:5672,amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq-1.rabbitmq-discovery:5672,amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq-2.rabbitmq-discovery:5672\n\n[database]\nusername = {{ .mongodbUser }}\npassword = {{ .mongodbPassword }}\n' }])] });
  const tunnel = (name: string, image: string, command: string[]): Json => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image, command, resources: LIM, securityContext: SC }] } } } });
  add('cloudflared-mongo', 'exposure', 'deny', 'a cloudflared quick tunnel publishing mongodb:27017 on the internet (no Service, no Ingress)',
    { resources: ['t.yaml'] }, { 't.yaml': tunnel('db-tunnel', 'cloudflare/cloudflared:2024.12.2', ['cloudflared', 'tunnel', '--no-autoupdate', '--url', 'tcp://mongodb:27017']) });
  add('ngrok-rabbit', 'exposure', 'deny', 'an ngrok agent publishing the RabbitMQ management UI',
    { resources: ['t.yaml'] }, { 't.yaml': tunnel('mq-tunnel', 'ngrok/ngrok:3.18.4', ['ngrok', 'http', 'rabbitmq:15672']) });
  add('ssh-reverse-etcd', 'exposure', 'deny', 'ssh -R publishes etcd on an outside host',
    { resources: ['t.yaml'] }, { 't.yaml': tunnel('etcd-tunnel', 'alpine:3.20', ['ssh', '-N', '-o', 'StrictHostKeyChecking=no', '-R', '0.0.0.0:2379:etcd:2379', 'tunnel@jump.example.net']) });
  add('cloudflared-web', 'exposure', 'allow', 'cloudflared named tunnel to st2web only (behind Cloudflare Access), token from a Secret',
    { resources: ['t.yaml', 'pdb.yaml'] }, { 'pdb.yaml': { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-tunnel' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web-tunnel' } } } }, 't.yaml': { ...tunnel('web-tunnel', 'cloudflare/cloudflared:2024.12.2', ['cloudflared', 'tunnel', '--no-autoupdate', 'run', '--url', 'https://st2web:443']), spec: { replicas: 2, selector: { matchLabels: { app: 'web-tunnel' } }, template: { metadata: { labels: { app: 'web-tunnel' } }, spec: { containers: [{ name: 'web-tunnel', image: 'cloudflare/cloudflared:2024.12.2', command: ['cloudflared', 'tunnel', '--no-autoupdate', 'run', '--url', 'https://st2web:443'], env: [{ name: 'TUNNEL_TOKEN', valueFrom: { secretKeyRef: { name: 'cloudflared', key: 'token' } } }], resources: LIM, securityContext: SC }] } } } } });
  add('auth-url-external', 'credential-redirect', 'deny', 'st2web proxies /auth (every login password) to a host outside the cluster',
    { patches: [jp('ConfigMap', 'st2-urls', [{ op: 'replace', path: '/data/ST2_AUTH_URL', value: 'https://st2auth.partner-sso.example.net/' }])] });
  add('api-url-external', 'credential-redirect', 'deny', 'st2web proxies /api (every token) to a host outside the cluster',
    { patches: [jp('ConfigMap', 'st2-urls', [{ op: 'replace', path: '/data/ST2_API_URL', value: 'http://203.0.113.7:9101/' }])] });
  add('auth-url-fqdn', 'credential-redirect', 'allow', 'ST2_AUTH_URL spelled as the in-cluster FQDN of st2auth',
    { patches: [jp('ConfigMap', 'st2-urls', [{ op: 'replace', path: '/data/ST2_AUTH_URL', value: 'http://st2auth.st2-prod.svc.cluster.local:9100/' }])] });
  add('secrets-to-authenticated', 'privilege', 'deny', 'a RoleBinding lets every authenticated cluster user read the st2-prod Secrets (st2 SSH key, DB passwords)',
    { resources: ['rb.yaml'] }, { 'rb.yaml': [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'secret-reader' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'secret-reader' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'secret-reader' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' }] },
    ] });
  add('view-to-oncall', 'privilege', 'allow', 'a RoleBinding giving the on-call group the built-in view ClusterRole (no Secrets) in st2-prod',
    { resources: ['rb.yaml'] }, { 'rb.yaml': { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'oncall-view' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'sre-oncall' }] } });
  add('dev-expose-prod-db', 'cross-env', 'deny', 'a dev overlay publishes production MongoDB: an ExternalName to mongodb.st2-prod behind a NodePort socat',
    { resources: ['x.yaml'] }, { 'x.yaml': [
      { ...tunnel('prod-db-proxy', 'alpine/socat:1.8.0.0', ['socat', 'TCP-LISTEN:27017,fork,reuseaddr', 'TCP:mongodb-0.mongodb.st2-prod.svc.cluster.local:27017']) },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'prod-db-proxy' }, spec: { type: 'NodePort', selector: { app: 'prod-db-proxy' }, ports: [{ port: 27017, targetPort: 27017 }] } },
    ] }, 'dev');
  add('dev-reads-prod-secrets', 'cross-env', 'deny', 'a dev overlay binds its service account to read Secrets in st2-prod',
    { resources: ['x.yaml'] }, { 'x.yaml': [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'dev-debug', namespace: 'st2-prod' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'dev-debug', namespace: 'st2-prod' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'dev-debug' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'st2-dev' }] },
    ] }, 'dev');
  add('dev-nodeport', 'cross-env', 'allow', 'dev: st2web NodePort (dev is lenient)', { patches: [jp('Service', 'st2web', [{ op: 'replace', path: '/spec/type', value: 'NodePort' }])] }, {}, 'dev');
  add('image-latest', 'images', 'deny', 'st2api on the mutable latest tag in production', { images: [{ name: 'stackstorm/st2api', newTag: 'latest' }] });
  add('image-digest', 'images', 'allow', 'st2api pinned by digest',
    { images: [{ name: 'stackstorm/st2api', digest: 'sha256:3f1d5cbb2e7b0bf1c6a1b5e7e4c2d9a8f0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5' }] });
  add('mongo-6', 'images', 'deny', 'MongoDB 6.0 under st2 3.8.1 (supports at most 4.4; the image has no legacy mongo shell for the probes and replica-set init)',
    { images: [{ name: 'mongo', newTag: '6.0.13' }] });
  add('rabbitmq-4', 'images', 'deny', 'RabbitMQ 4.0 removed classic queue mirroring: the ha policy st2 relies on is gone',
    { images: [{ name: 'rabbitmq', newTag: '4.0.5' }] });
  add('etcd-36', 'images', 'deny', 'etcd 3.6 has no v2 API: st2\'s etcd:// driver cannot coordinate', { images: [{ name: 'bitnamilegacy/etcd', newTag: '3.6.0' }] });
  add('mongo-patch-bump', 'images', 'allow', 'MongoDB 4.4.29 -> 4.4.30 patch release', { images: [{ name: 'mongo', newTag: '4.4.30' }] });
  add('pdb-mongo-all', 'ha-floor', 'deny', 'the MongoDB PDB allows all three members to be evicted at once',
    { patches: [jp('PodDisruptionBudget', 'mongodb', [{ op: 'remove', path: '/spec/minAvailable' }, { op: 'add', path: '/spec/maxUnavailable', value: 3 }])] });
  add('api-probe-401', 'probes', 'deny', 'st2api liveness on /v1/actions, which needs a token (401): every st2api pod is killed in a loop',
    { patches: [jp('Deployment', 'st2api', [{ op: 'add', path: '/spec/template/spec/containers/0/livenessProbe', value: { httpGet: { path: '/v1/actions', port: 9101 }, periodSeconds: 10, failureThreshold: 3 } }])] });
  add('api-probe-tcp', 'probes', 'allow', 'st2api liveness by TCP on 9101',
    { patches: [jp('Deployment', 'st2api', [{ op: 'add', path: '/spec/template/spec/containers/0/livenessProbe', value: { tcpSocket: { port: 9101 }, periodSeconds: 10, failureThreshold: 3 } }])] });
  add('scheduler-hook-skip', 'argocd-semantics', 'deny', 'argocd.argoproj.io/hook: Skip on st2scheduler: Argo CD never applies it, so executions stay requested',
    { patches: [jp('Deployment', 'st2scheduler', [{ op: 'add', path: '/metadata/annotations', value: { 'argocd.argoproj.io/hook': 'Skip' } }])] });
  add('mongo-as-hook', 'argocd-semantics', 'deny', 'MongoDB StatefulSet made a PreSync hook deleted before each run: every sync kills all members at once',
    { patches: [jp('StatefulSet', 'mongodb', [{ op: 'add', path: '/metadata/annotations', value: { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' } }])] });
  add('timers-postsync-hook', 'argocd-semantics', 'deny', 'st2timersengine made a PostSync hook deleted on success: the timers engine is removed once it is up',
    { patches: [jp('Deployment', 'st2timersengine', [{ op: 'add', path: '/metadata/annotations', value: { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' } }])] });
  add('wave-annotation', 'argocd-semantics', 'allow', 'a sync wave and server-side apply on st2api',
    { patches: [jp('Deployment', 'st2api', [{ op: 'add', path: '/metadata/annotations', value: { 'argocd.argoproj.io/sync-wave': '3', 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' } }])] });
  add('coord-redis-single', 'ha-floor', 'deny', 'coordination moved to one Redis pod with no Sentinel: its restart stalls every workflow lock',
    {
      resources: ['redis.yaml'],
      patches: [userConf(baseUser + '\n[coordination]\nurl = redis://redis:6379\n')],
    }, { 'redis.yaml': [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'redis', labels: { app: 'redis' } }, spec: { replicas: 1, selector: { matchLabels: { app: 'redis' } }, template: { metadata: { labels: { app: 'redis' } }, spec: { containers: [{ name: 'redis', image: 'redis:7.2.6', args: ['--requirepass', '$(REDIS_PASSWORD)'], env: [{ name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'redis', key: 'password' } } }], ports: [{ containerPort: 6379 }], resources: LIM, securityContext: SC }] } } } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'redis' }, spec: { selector: { app: 'redis' }, ports: [{ port: 6379 }] } },
    ] });
  add('openssl-text-key', 'secret', 'deny', 'the published stanley key as `openssl rsa -text` output (modulus, exponents and primes in colon hex)',
    { resources: ['k.yaml'] }, { 'k.yaml': cm('key-debug', { 'stanley.txt': K.rsaText }) });
  add('pubkey-rfc4716', 'secret', 'deny', 'the public half of the published stanley key in RFC 4716 format for an SSH server\'s authorized keys',
    { resources: ['k.yaml'] }, { 'k.yaml': cm('bastion-keys', { 'stanley.pub': K.rfc4716 }) });
  add('rbac-omit-docker', 'rbac-omission', 'deny', '(other helper\'s class) st2.docker.conf without its [rbac] section: RBAC off by default',
    { patches: [jp('ConfigMap', 'st2-config', [{ op: 'replace', path: '/data/st2.docker.conf', value: '[auth]\napi_url = http://st2api:9101/\n\n[coordination]\nurl = etcd://etcd:2379\n\n[keyvalue]\nencryption_key_path = /etc/st2/keys/datastore_key.json\n\n[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0\n' }])] });
  add('rbac-false-then-true', 'rbac-omission', 'allow', '(other helper\'s class) [rbac] enable = False in st2.docker.conf, True in the later st2.user.conf: on',
    { patches: [jp('ConfigMap', 'st2-config', [{ op: 'replace', path: '/data/st2.docker.conf', value: '[auth]\napi_url = http://st2api:9101/\n\n[coordination]\nurl = etcd://etcd:2379\n\n[keyvalue]\nencryption_key_path = /etc/st2/keys/datastore_key.json\n\n[rbac]\nenable = False\nbackend = default\n\n[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0\n' }]), userConf(baseUser + '\n[rbac]\nenable = True\nbackend = default\n')] });


  // Round 2, aimed at the round-1 fixes and at classes round 1 did not try.
  const deploy = (name: string, container: Json, pod: Json = {}, replicas = 1): Json => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, resources: LIM, securityContext: SC, ...container }], ...pod } } } });
  const secretsConf = (messaging: string, database = '[database]\nusername = {{ .mongodbUser }}\npassword = {{ .mongodbPassword }}\n'): Json => jp('ExternalSecret', 'st2-config-secrets', [{ op: 'replace', path: '/spec/target/template/data/st2.secrets.conf', value: `[messaging]\n${messaging}\n\n${database}` }]);
  const app = (spec: Json): Json => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'extras', namespace: 'argocd' }, spec: { project: 'default', ...spec } });
  // --- delivery (OPS-001/002/003) ---
  add('app-kustomize-namespace', 'delivery', 'deny', 'an Application with no destination namespace whose kustomize override puts overlays/dev into st2-prod',
    { resources: ['a.yaml'] }, { 'a.yaml': app({ source: { repoURL: 'https://git.example.com/st2-gitops.git', path: 'overlays/dev', kustomize: { namespace: 'st2-prod' } }, destination: { server: 'https://kubernetes.default.svc' } }) });
  add('app-monitoring-ns', 'delivery', 'deny', 'an Application whose kustomize namespace and destination are both monitoring: opaque delivery since the seventh red team',
    { resources: ['a.yaml'] }, { 'a.yaml': app({ source: { repoURL: 'https://git.example.com/monitoring.git', path: 'blackbox', kustomize: { namespace: 'monitoring' } }, destination: { server: 'https://kubernetes.default.svc', namespace: 'monitoring' } }) });
  add('kyverno-mutatingpolicy', 'delivery', 'deny', 'a Kyverno MutatingPolicy (policies.kyverno.io) that sets st2timersengine replicas to 2',
    { resources: ['p.yaml'] }, { 'p.yaml': { apiVersion: 'policies.kyverno.io/v1alpha1', kind: 'MutatingPolicy', metadata: { name: 'timers' }, spec: { matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] }, mutations: [{ patchType: 'ApplyConfiguration', applyConfiguration: { expression: 'Object{spec: Object.spec{replicas: 2}}' } }] } } });
  add('kyverno-cleanup', 'delivery', 'deny', 'a Kyverno ClusterCleanupPolicy deleting st2scheduler Deployments every minute',
    { resources: ['p.yaml'] }, { 'p.yaml': { apiVersion: 'kyverno.io/v2', kind: 'ClusterCleanupPolicy', metadata: { name: 'sched' }, spec: { schedule: '* * * * *', match: { any: [{ resources: { kinds: ['Deployment'], names: ['st2scheduler'], namespaces: ['st2-prod'] } }] } } } });
  add('kyverno-validatingpolicy', 'delivery', 'allow', 'a Kyverno ValidatingPolicy (policies.kyverno.io) in Audit mode',
    { resources: ['p.yaml'] }, { 'p.yaml': { apiVersion: 'policies.kyverno.io/v1alpha1', kind: 'ValidatingPolicy', metadata: { name: 'labels' }, spec: { validationActions: ['Audit'], matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }] }, validations: [{ expression: "has(object.metadata.labels.team)" }] } } });
  add('mongo-replace-force', 'delivery', 'deny', 'sync-options Replace=true,Force=true on the MongoDB StatefulSet: every sync deletes and recreates it, killing all members',
    { patches: [jp('StatefulSet', 'mongodb', [{ op: 'add', path: '/metadata/annotations', value: { 'argocd.argoproj.io/sync-options': 'Force=true,Replace=true' } }])] });
  add('ssa-annotation', 'delivery', 'allow', 'sync-options ServerSideApply=true on the MongoDB StatefulSet',
    { patches: [jp('StatefulSet', 'mongodb', [{ op: 'add', path: '/metadata/annotations', value: { 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' } }])] });

  // --- exposure (OPS-004/007/008/012) ---
  add('gateway-http-st2web', 'exposure', 'deny', 'a Gateway API HTTP listener on port 80 routing to st2web: logins in clear text',
    { resources: ['g.yaml'] }, { 'g.yaml': [
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'web' }, spec: { gatewayClassName: 'public', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, hostname: 'st2.example.com' }] } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'st2web' }, spec: { parentRefs: [{ name: 'web', sectionName: 'http' }], hostnames: ['st2.example.com'], rules: [{ backendRefs: [{ name: 'st2web', port: 443 }] }] } },
    ] });
  add('gateway-https-st2web', 'exposure', 'allow', 'a Gateway API HTTPS listener with a certificate routing to st2web',
    { resources: ['g.yaml'] }, { 'g.yaml': [
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'web' }, spec: { gatewayClassName: 'public', listeners: [{ name: 'https', protocol: 'HTTPS', port: 443, hostname: 'st2.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'st2-tls' }] } }] } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'st2web' }, spec: { parentRefs: [{ name: 'web', sectionName: 'https' }], hostnames: ['st2.example.com'], rules: [{ backendRefs: [{ name: 'st2web', port: 443 }] }] } },
    ] });
  add('auth-url-via-externalname', 'exposure', 'deny', 'ST2_AUTH_URL names an in-cluster Service, but that Service is an ExternalName to an outside host',
    { resources: ['s.yaml'], patches: [jp('ConfigMap', 'st2-urls', [{ op: 'replace', path: '/data/ST2_AUTH_URL', value: 'http://st2auth-sso:9100/' }])] },
    { 's.yaml': { apiVersion: 'v1', kind: 'Service', metadata: { name: 'st2auth-sso' }, spec: { type: 'ExternalName', externalName: 'login.partner-sso.example.net' } } });
  add('auth-url-secret', 'exposure', 'deny', 'st2web gets ST2_AUTH_URL from a Secret (envFrom secretRef) pointing outside the cluster',
    { resources: ['s.yaml'], patches: [jp('Deployment', 'st2web', [{ op: 'add', path: '/spec/template/spec/containers/0/envFrom/-', value: { secretRef: { name: 'st2web-urls' } } }])] },
    { 's.yaml': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'st2web-urls' }, stringData: { ST2_AUTH_URL: 'https://login.partner-sso.example.net/' } } });
  add('auth-url-secret-internal', 'exposure', 'allow', 'st2web gets ST2_AUTH_URL from a Secret, pointing at st2auth',
    { resources: ['s.yaml'], patches: [jp('Deployment', 'st2web', [{ op: 'add', path: '/spec/template/spec/containers/0/envFrom/-', value: { secretRef: { name: 'st2web-urls' } } }])] },
    { 's.yaml': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'st2web-urls' }, stringData: { ST2_AUTH_URL: 'http://st2auth:9100/' } } });
  add('cloudflared-config-file', 'exposure', 'deny', 'cloudflared runs a named tunnel whose ingress rules (a mounted config.yml) publish tcp://mongodb:27017',
    { resources: ['t.yaml'] }, { 't.yaml': [
      cm('cloudflared', { 'config.yml': 'tunnel: st2-ops\ncredentials-file: /etc/cloudflared/creds/creds.json\ningress:\n  - hostname: db.example.com\n    service: tcp://mongodb:27017\n  - service: http_status:404\n' }),
      deploy('db-tunnel', { image: 'cloudflare/cloudflared:2024.12.2', args: ['tunnel', '--config', '/etc/cloudflared/config.yml', 'run'], volumeMounts: [{ name: 'cfg', mountPath: '/etc/cloudflared' }] }, { volumes: [{ name: 'cfg', configMap: { name: 'cloudflared' } }] }),
    ] });
  add('tailscale-funnel', 'exposure', 'deny', 'a tailscale sidecar funnels mongodb:27017 to the internet',
    { resources: ['t.yaml'] }, { 't.yaml': deploy('db-funnel', { image: 'tailscale/tailscale:v1.76.6', command: ['sh', '-c', 'tailscaled --tun=userspace-networking & sleep 5; tailscale up --authkey=$TS_AUTHKEY && tailscale funnel --tcp 27017 tcp://mongodb:27017'], env: [{ name: 'TS_AUTHKEY', valueFrom: { secretKeyRef: { name: 'ts', key: 'authkey' } } }] }) });
  add('dev-nginx-into-prod', 'exposure', 'deny', 'a dev nginx stream proxy (NodePort) to st2-prod\'s MongoDB, from a mounted config',
    { resources: ['n.yaml'] }, { 'n.yaml': [
      cm('db-proxy', { 'nginx.conf': 'events {}\nstream {\n  server {\n    listen 27017;\n    proxy_pass mongodb-0.mongodb.st2-prod.svc.cluster.local:27017;\n  }\n}\n' }),
      deploy('db-proxy', { image: 'nginx:1.27.3', volumeMounts: [{ name: 'conf', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf' }] }, { volumes: [{ name: 'conf', configMap: { name: 'db-proxy' } }] }),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db-proxy' }, spec: { type: 'NodePort', selector: { app: 'db-proxy' }, ports: [{ port: 27017 }] } },
    ] }, 'dev');
  add('hostaliases-mq', 'exposure', 'deny', 'hostAliases send st2api\'s RabbitMQ and MongoDB names (with the real passwords) to an outside address',
    { patches: [jp('Deployment', 'st2api', [{ op: 'add', path: '/spec/template/spec/hostAliases', value: [{ ip: '203.0.113.9', hostnames: ['rabbitmq', 'mongodb-0.mongodb', 'mongodb-1.mongodb', 'mongodb-2.mongodb'] }] }])] });
  add('hostaliases-ldap', 'exposure', 'allow', 'hostAliases pinning the corporate LDAP name to its internal address',
    { patches: [jp('Deployment', 'st2auth', [{ op: 'add', path: '/spec/template/spec/hostAliases', value: [{ ip: '10.20.0.15', hostnames: ['ldap.corp.example.com'] }] }])] });
  add('mq-url-outside', 'exposure', 'deny', 'st2 messaging url to an outside RabbitMQ: the real admin password leaves the cluster',
    { patches: [secretsConf('url = amqp://admin:{{ .rabbitmqPassword | urlquery }}@mq.partner.example.net:5672')] });
  add('dns-outside', 'exposure', 'deny', 'dnsPolicy None with an outside nameserver for st2actionrunner: it resolves mongodb and rabbitmq where the attacker says',
    { patches: [jp('Deployment', 'st2actionrunner', [{ op: 'add', path: '/spec/template/spec/dnsPolicy', value: 'None' }, { op: 'add', path: '/spec/template/spec/dnsConfig', value: { nameservers: ['198.51.100.53'], searches: ['st2-prod.svc.cluster.local'] } }])] });
  add('dns-ndots', 'exposure', 'allow', 'dnsConfig options ndots:2 on st2actionrunner (fewer search lookups)',
    { patches: [jp('Deployment', 'st2actionrunner', [{ op: 'add', path: '/spec/template/spec/dnsConfig', value: { options: [{ name: 'ndots', value: '2' }] } }])] });

  // --- availability (OPS-005/009/010, REP-001) ---
  add('pdb-match-expressions', 'availability', 'deny', 'a MongoDB PDB selecting by matchExpressions that lets all three members go',
    { patches: [jp('PodDisruptionBudget', 'mongodb', [{ op: 'replace', path: '/spec', value: { maxUnavailable: 3, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['mongodb'] }] } } }])] });
  add('pdb-match-expressions-safe', 'availability', 'allow', 'a MongoDB PDB by matchExpressions allowing one member to go',
    { patches: [jp('PodDisruptionBudget', 'mongodb', [{ op: 'replace', path: '/spec', value: { maxUnavailable: 1, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['mongodb'] }] } } }])] });
  add('mongo-matchfields-pin', 'availability', 'deny', 'MongoDB pinned to one node by nodeAffinity matchFields metadata.name',
    { patches: [jp('StatefulSet', 'mongodb', [{ op: 'add', path: '/spec/template/spec/affinity/nodeAffinity', value: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a'] }] }] } } }])] });
  add('mongo-self-affinity', 'availability', 'deny', 'required pod affinity of MongoDB to itself on the hostname: every member on the same node',
    { patches: [jp('StatefulSet', 'mongodb', [{ op: 'add', path: '/spec/template/spec/affinity/podAffinity', value: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'mongodb' } }, topologyKey: 'kubernetes.io/hostname' }] } }])] });
  add('zone-affinity', 'availability', 'allow', 'st2api preferring (not requiring) a zone',
    { patches: [jp('Deployment', 'st2api', [{ op: 'add', path: '/spec/template/spec/affinity/nodeAffinity', value: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a'] }] } }] } }])] });
  add('quota-cpu', 'availability', 'deny', 'a ResourceQuota of 2 CPUs of requests in st2-prod: the cluster requests several times that, so most pods are refused',
    { resources: ['q.yaml'] }, { 'q.yaml': { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'st2' }, spec: { hard: { 'requests.cpu': '2' } } } });
  add('limitrange-max', 'availability', 'deny', 'a LimitRange capping containers at 64Mi: MongoDB, RabbitMQ and the runners are refused',
    { resources: ['l.yaml'] }, { 'l.yaml': { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'st2' }, spec: { limits: [{ type: 'Container', max: { memory: '64Mi' } }] } } });
  add('limitrange-defaults', 'availability', 'allow', 'a LimitRange with default requests and a generous max',
    { resources: ['l.yaml'] }, { 'l.yaml': { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'st2' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '50m', memory: '64Mi' }, max: { memory: '16Gi' } }] } } });
  add('mongo-major-only', 'availability', 'deny', 'mongo:7 (a major-only tag) under st2 3.8.1', { images: [{ name: 'mongo', newTag: '7' }] });
  add('exec-probe-401', 'availability', 'deny', 'st2api liveness by exec curl -f on /v1/actions (401): the same restart loop as an httpGet',
    { patches: [jp('Deployment', 'st2api', [{ op: 'add', path: '/spec/template/spec/containers/0/livenessProbe', value: { exec: { command: ['curl', '-fsS', 'http://127.0.0.1:9101/v1/actions'] }, periodSeconds: 10 } }])] });
  add('exec-probe-nc', 'availability', 'allow', 'st2api liveness by exec nc -z on its port',
    { patches: [jp('Deployment', 'st2api', [{ op: 'add', path: '/spec/template/spec/containers/0/livenessProbe', value: { exec: { command: ['sh', '-c', 'nc -z 127.0.0.1 9101'] }, periodSeconds: 10 } }])] });
  add('timers-off-in-externalsecret', 'availability', 'deny', '[timersengine] enable = False written into st2.secrets.conf by the ExternalSecret template',
    { patches: [jp('ExternalSecret', 'st2-config-secrets', [{ op: 'replace', path: '/spec/target/template/data/st2.secrets.conf', value: '[messaging]\nurl = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672\n\n[database]\nusername = {{ .mongodbUser }}\npassword = {{ .mongodbPassword }}\n\n[timersengine]\nenable = False\n' }])] });
  add('timers-tz', 'availability', 'allow', '[timersengine] local_timezone = UTC', { patches: [userConf(baseUser + '\n[timersengine]\nlocal_timezone = UTC\n')] });

  // --- access (OPS-006) ---
  add('sa-admin-rolebinding', 'access', 'deny', 'the admin ClusterRole bound in st2-prod to the default service account st2 actions run under: any st2 user reads every Secret',
    { resources: ['rb.yaml'] }, { 'rb.yaml': { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'runner-admin' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'st2-prod' }] } });
  add('aggregated-secret-reader', 'access', 'deny', 'an aggregated ClusterRole (rules filled in by label) bound to every authenticated user, plus the role aggregated into it reading Secrets',
    { resources: ['rb.yaml'] }, { 'rb.yaml': [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'st2-reader' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'st2.example.com/aggregate-to-reader': 'true' } }] }, rules: [] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'st2-reader-secrets', labels: { 'st2.example.com/aggregate-to-reader': 'true' } }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'st2-reader' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'st2-reader' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' }] },
    ] });
  add('sa-view-rolebinding', 'access', 'allow', 'the view ClusterRole for the st2client service account',
    { resources: ['rb.yaml'] }, { 'rb.yaml': { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'client-view' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'st2-prod' }] } });

  // --- environment: secrets of a stricter environment ---
  add('dev-prod-secretstore', 'environment', 'deny', 'a dev overlay\'s ExternalSecret reads the production ClusterSecretStore: production passwords in the leniently judged dev namespace',
    { resources: ['e.yaml'] }, { 'e.yaml': { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'prod-mongo' }, spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-production' }, target: { name: 'prod-mongo' }, data: [{ secretKey: 'password', remoteRef: { key: 'stackstorm/mongodb', property: 'password' } }] } } }, 'dev');
  add('staging-own-store', 'environment', 'allow', 'staging: an extra ExternalSecret from the staging store',
    { resources: ['e.yaml'] }, { 'e.yaml': { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'ldap-bind' }, spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-staging' }, target: { name: 'ldap-bind' }, data: [{ secretKey: 'password', remoteRef: { key: 'stackstorm/ldap', property: 'password' } }] } } }, 'staging');

  // --- waivers ---
  add('waiver-case-key', 'waivers', 'deny', 'a waiver naming expires= and, for the reviewer, Expires= far away (two timers engines)',
    { replicas: [{ name: 'st2timersengine', count: 2 }], patches: [jp('Deployment', 'st2timersengine', [{ op: 'add', path: '/metadata/annotations', value: { 'st2-gitops/waive.ST2-REP-001': 'expires=2027-01-10; reason=INC-7; Expires=2099-12-31' } }])] });


  return attacks
    .filter((a) => !OPEN.has(a.id))
    .map((a): RedTeamCase => {
      const cls = CLASS_OF[a.id] ?? CLASS[a.cls];
      if (cls === undefined) throw new Error(`${a.id}: no class for ${a.cls}`);
      const resources = Array.isArray(a.k['resources']) ? (a.k['resources'] as string[]) : [];
      const kustomization = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', ...a.k, resources: [`../../${a.env}`, ...resources] };
      const files: Record<string, string> = { 'kustomization.yaml': `# ${a.why}\n${YAML.stringify(kustomization, { lineWidth: 0 })}` };
      for (const [file, value] of Object.entries(a.files)) {
        const docs = Array.isArray(value) ? value : [value];
        files[file] = docs.map((d) => YAML.stringify(d, { lineWidth: 0 })).join('---\n');
      }
      const rule = a.verdict === 'deny' ? RULE[a.id] : undefined;
      if (a.verdict === 'deny' && rule === undefined) throw new Error(`${a.id}: no rule`);
      return { id: `fresh5-${a.id}`, cls, wraps: a.env, expect: a.verdict, ...(rule ? { rule } : {}), files };
    });
}
