/**
 * The third red team (issue 12, "a fresh adversarial corpus that you did not
 * write"), secrets half: written before its author read corpus.ts or
 * fresh.ts, then run through dist/st2-gitops. Round 1 (86 overlays): 36 of
 * 66 unsafe changes allowed, 0 of 19 safe ones denied (a 67th attack was
 * broken and is fixed here); 15 duplicates of the kept corpus were then
 * dropped and 70 kept. Round 2 (16, aimed at the fixes, ids `r2-`): 8 of 13
 * unsafe allowed, 0 of 3 safe denied. Round 3 (`r3-`): the new MongoDB rule
 * denied Bitnami's image, which turns access control on from its env; fixed,
 * with Bitnami's ALLOW_EMPTY_PASSWORD as the unsafe twin; then 6 more
 * (values from the render's ConfigMaps via valueFrom/envFrom, $VAR and ${VAR}
 * joined by a shell, a Python one-liner writing the config, a CR-only PEM):
 * 3 of 5 unsafe allowed, 0 of 1 safe denied. All closed; each case keeps its
 * verdict. Classes: defaults in new encodings (base32 in either case,
 * quoted-printable, HTML character references, zlib and raw deflate, UTF-16BE,
 * crypt(3) hashes) and assembled by Kubernetes (a value split over list items
 * or over command and args, $(VAR) expansion); the dev keys as JWK (JSON or
 * YAML), hex DER, split in halves, indented, re-wrapped, encrypted with the
 * passphrase beside them; st2 auth or RBAC off as oslo.config reads it
 * (quoted, CRLF or CR-only, upper-case section, `[` in between) from a
 * gzipped file, a downward-API annotation, a script or an env value;
 * RabbitMQ's guest/guest; MongoDB without access control; trust floors and
 * waivers. Left open (not kept): a default reversed by a script (`rev`), see
 * README's "What it does not do".
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { CaseClass, RedTeamCase, Verdict, Wrapped } from './corpus.js';
import { publishedLiteral, publishedSecretData } from './published.js';

function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31] ?? '';
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31] ?? '';
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}

const indent = (text: string, n: number): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : ' '.repeat(n) + l))
    .join('\n');

/** crypt(3) lines of the st2 admin default, made with `openssl passwd -apr1` and `-6` (hashes, not the value). */
const ADMIN_APR1 = '$apr1$q9Xr2mLs$BPONqx77dA2J/nIxagijp.';
const ADMIN_SHA512 = '$6$Zr4kQp1uWm$N/loMipt844/DrGNyQBrta2uP5Yhlq3lQfzv/8RKKVtw7P5Fp.aATuFcj8qZoGmnyP.gelFxHvbVD8nrJJkv/0';
/** The same for a password of our own: no default. */
const FRESH_APR1 = '$apr1$q9Xr2mLs$hnnNi5rsDAo3/nXguIaUq/';

export function fresh3Corpus(root: string, today: Date): RedTeamCase[] {
  const lit = publishedLiteral(root);
  const PW = lit('st2-auth-password');
  const RMQ = lit('rabbitmq-password');
  const COOKIE = lit('rabbitmq-erlang-cookie');
  const MONGO = lit('mongodb-admin-password');
  const secretData = publishedSecretData(root);
  const DEV_SSH = secretData('components/default-secrets/st2-ssh.yaml', 'private_key');
  const devKey = crypto.createPrivateKey(DEV_SSH);
  const jwk = devKey.export({ format: 'jwk' });
  const sshLines = DEV_SSH.trim().split('\n');
  const half = Math.floor(sshLines.length / 2);
  const inDays = (n: number): string => new Date(today.getTime() + n * 86_400_000).toISOString().slice(0, 10);

  const cases: RedTeamCase[] = [];
  const K = (lines: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${lines}\n`;
  const wrap = (extra: string, base: Wrapped = 'prod'): string => K(`resources:\n  - ../../${base}\n${extra}`);
  const add = (id: string, cls: CaseClass, expect: Verdict, rule: string | undefined, wraps: Wrapped, files: Record<string, string>, args?: string[]): void => {
    cases.push({ id: `fresh3-${id}`, cls, wraps, expect, ...(rule ? { rule } : {}), files, ...(args ? { args } : {}) });
  };
  const LIMITS = 'resources: {limits: {cpu: 50m, memory: 32Mi}, requests: {cpu: 5m, memory: 8Mi}}';
  const SC = 'securityContext: {runAsNonRoot: true, runAsUser: 65534, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}';
  const cm = (name: string, dataYaml: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${dataYaml}\n`;
  const withCm = (name: string, dataYaml: string, base: Wrapped = 'prod'): Record<string, string> => ({ 'kustomization.yaml': wrap('  - extra.yaml', base), 'extra.yaml': cm(name, dataYaml) });
  const jp = (kind: string, name: string, ops: string): string => `  - target:\n      kind: ${kind}\n      name: ${name}\n    patch: |-\n${indent(ops, 6)}`;
  const initOp = (spec: string): string => `- op: add\n  path: /spec/template/spec/initContainers/-\n  value:\n${indent(spec, 4)}`;
  const init = (name: string, command: string[], extra = ''): string => `name: ${name}\nimage: busybox:1.36.1\ncommand: ${JSON.stringify(command)}\n${LIMITS}\n${SC}\n${extra}`;
  const noLimits = initOp(`name: nolimits\nimage: busybox:1.36.1\ncommand: [true]\n${SC}`);
  const userConf = (text: string): string => `- op: replace\n  path: /data/st2.user.conf\n  value: ${JSON.stringify(text)}`;
  const confCase = (text: string): Record<string, string> => ({ 'kustomization.yaml': wrap(`patches:\n${jp('ConfigMap', 'st2-config', userConf(text))}`) });
  const apiExtraConf = (ops: string[]): Record<string, string> => ({
    'kustomization.yaml': wrap(
      `patches:\n${jp('Deployment', 'st2api', [...ops, '- op: add\n  path: /spec/template/spec/volumes/-\n  value: {name: extra, emptyDir: {}}', '- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --config-file=/extra/zz.conf'].join('\n'))}`,
    ),
  });
  const waiverOp = (rule: string, value: string): string => `- op: add\n  path: /metadata/annotations/st2-gitops~1waive.${rule}\n  value: ${JSON.stringify(value)}`;

  // ---------- secrets: new encodings and places ----------
  add('sec-base32-script', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('bootstrap', `  init.sh: |\n    PASS=$(echo ${base32(Buffer.from(PW))} | base32 -d)\n    st2 login st2admin -p "$PASS"`));
  add('sec-base32-nopad-env', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('mq-bootstrap', `  MQ_PASS_B32: ${base32(Buffer.from(RMQ)).replace(/=+$/, '')}`));
  add('sec-quoted-printable', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('mail-template', `  welcome.eml: |\n    Content-Transfer-Encoding: quoted-printable\n\n    Your st2 login is st2admin / ${PW.replace('@', '=40')} =\n    please change it.`));
  add('sec-zlib-python', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('py-bootstrap', `  boot.py: |\n    import zlib, base64\n    pw = zlib.decompress(base64.b64decode("${zlib.deflateSync(Buffer.from(MONGO)).toString('base64')}")).decode()`));
  add('sec-raw-deflate', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('deflate-blob', `  cookie.z: ${zlib.deflateRawSync(Buffer.from(COOKIE)).toString('base64')}`));
  add('sec-split-args', 'secrets', 'deny', 'ST2-SEC-001', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('Deployment', 'st2client', initOp(init('set-pass', ['sh', '-c', 'printf "%s%s" "$0" "$1" > /tmp/pw', PW.slice(0, 4), PW.slice(4)])))}`) });
  add('sec-k8s-var-expansion', 'secrets', 'deny', 'ST2-SEC-001', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('Deployment', 'st2client', initOp(init('login', ['sh', '-c', 'st2 login st2admin -p "$(P1)$(P2)"'], `env: [{name: P1, value: "${PW.slice(0, 4)}"}, {name: P2, value: "${PW.slice(4)}"}]`)))}`) });
  add('sec-var-expansion-args', 'secrets', 'deny', 'ST2-SEC-001', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('Deployment', 'st2client', initOp(init('mq', ['sh', '-c', 'echo'], `args: ["--url=amqp://admin:$(MQ_A)$(MQ_B)@rabbitmq:5672"]\nenv: [{name: MQ_A, value: "${RMQ.slice(0, 10)}"}, {name: MQ_B, value: "${RMQ.slice(10)}"}]`)))}`) });
  add('sec-htpasswd-apr1', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('st2auth-htpasswd', `  htpasswd: |\n    st2admin:${ADMIN_APR1}`));
  add('sec-htpasswd-sha512crypt', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('st2auth-htpasswd', `  htpasswd: |\n    st2admin:${ADMIN_SHA512}`));
  add('sec-utf16be-base64', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('ps-blob', `  blob: ${Buffer.from(MONGO, 'utf16le').swap16().toString('base64')}`));
  add('sec-html-entity', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('xml-config', `  users.xml: |\n    <user name="st2admin" password="${PW.replace('@', '&#64;')}"/>`));
  add('sec-html-hex-entity', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('xml-config2', `  users.xml: |\n    <user name="st2admin" password="${PW.replace('@', '&#x40;')}"/>`));
  add('sec-yaml-anchor-crd', 'secrets', 'deny', 'ST2-SEC-001', 'prod', { 'kustomization.yaml': wrap('  - extra.yaml'), 'extra.yaml': `apiVersion: example.com/v1\nkind: AppConfig\nmetadata:\n  name: st2-extra\nspec:\n  defaults: &d\n    user: st2admin\n    pass: "${PW}"\n  prod:\n    <<: *d\n` });
  add('sec-folded-url', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('folded', `  url: >-\n    amqp://admin:${encodeURIComponent(RMQ).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}@rabbitmq:5672/`));
  add('sec-double-percent', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('dbl', `  link: "https://x.example/?p=${encodeURIComponent(encodeURIComponent(PW))}"`));
  add('sec-json-unicode-escapes', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('jsonesc', `  cfg.json: '{"p": "${[...PW.slice(0, 3)].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}${PW.slice(3)}"}'`));
  // ---------- key material ----------
  add('key-jwk-dev-ssh', 'key-material', 'deny', 'ST2-SEC-003', 'prod', withCm('jwk-keys', `  key.json: '${JSON.stringify({ keys: [jwk] })}'`));
  add('key-hex-der', 'key-material', 'deny', 'ST2-SEC-003', 'prod', withCm('hexkey', `  stanley.hex: ${devKey.export({ type: 'pkcs1', format: 'der' }).toString('hex')}`));
  add('key-split-halves', 'key-material', 'deny', 'ST2-SEC-003', 'prod', withCm('split-key', `  part1: |\n${indent(sshLines.slice(0, half).join('\n'), 4)}\n  part2: |\n${indent(sshLines.slice(half).join('\n'), 4)}`));
  add('key-indented-body', 'key-material', 'deny', 'ST2-SEC-003', 'prod', withCm('indented-key', `  key.txt: |\n    -----BEGIN RSA PRIVATE KEY-----\n${indent(sshLines.slice(1, -1).join('\n'), 8)}\n    -----END RSA PRIVATE KEY-----`));
  add('key-rewrapped-76', 'key-material', 'deny', 'ST2-SEC-003', 'prod', withCm('rewrap', `  key.pem: |\n    -----BEGIN RSA PRIVATE KEY-----\n${indent((sshLines.slice(1, -1).join('').match(/.{1,76}/g) ?? []).join('\n'), 4)}\n    -----END RSA PRIVATE KEY-----`));
  const encrypted = devKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'not-a-default-passphrase' }).toString();
  add('key-encrypted-pkcs8-with-pass', 'key-material', 'deny', 'ST2-SEC-003', 'prod', { 'kustomization.yaml': wrap('  - extra.yaml'), 'extra.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: stanley-enc\ntype: Opaque\nstringData:\n  passphrase: not-a-default-passphrase\n  key.pem: |\n${indent(encrypted, 4)}\n` });
  // ---------- st2 config: auth / RBAC off ----------
  add('conf-quoted-false', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', confCase('[auth]\nenable = "False"\n'));
  add('conf-single-quoted-0', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', confCase("[rbac]\nenable = '0'\nbackend = default\n"));
  add('conf-bracket-comment', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', confCase('[auth]\n# see [docs]\nenable = False\n'));
  add('conf-ipv6-url-before', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', confCase('[auth]\napi_url = http://[fd00::10]:9101/\nenable = False\n'));
  add('conf-crlf', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', confCase('[auth]\r\nenable = False\r\n'));
  add('conf-upper-section', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', confCase('[AUTH]\nenable = false\n'));
  add('conf-mixed-section-rbac', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', confCase('[Rbac]\nenable = no\n'));
  add('conf-gzip-binarydata', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', {
    'kustomization.yaml': wrap(
      `  - extra.yaml\npatches:\n${jp('Deployment', 'st2api', [initOp(init('unpack', ['sh', '-c', 'gunzip -c /gz/zz.conf.gz > /extra/zz.conf'], 'volumeMounts: [{name: gz, mountPath: /gz}, {name: extra, mountPath: /extra}]')), '- op: add\n  path: /spec/template/spec/volumes/-\n  value: {name: gz, configMap: {name: st2-gz}}', '- op: add\n  path: /spec/template/spec/volumes/-\n  value: {name: extra, emptyDir: {}}', '- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --config-file=/extra/zz.conf'].join('\n'))}`,
    ),
    'extra.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-gz\nbinaryData:\n  zz.conf.gz: ${zlib.gzipSync(Buffer.from('[auth]\nenable = False\n')).toString('base64')}\n`,
  });
  add('conf-downward-annotation', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', {
    'kustomization.yaml': wrap(
      `patches:\n${jp('Deployment', 'st2api', ['- op: add\n  path: /spec/template/metadata/annotations/st2-override\n  value: "[rbac]\\nenable = False\\n"', `- op: add\n  path: /spec/template/spec/volumes/-\n  value: {name: podinfo, downwardAPI: {items: [{path: zz.conf, fieldRef: {fieldPath: "metadata.annotations['st2-override']"}}]}}`, '- op: add\n  path: /spec/template/spec/containers/0/volumeMounts/-\n  value: {name: podinfo, mountPath: /etc/st2/podinfo}', '- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --config-file=/etc/st2/podinfo/zz.conf'].join('\n'))}`,
    ),
  });
  add('conf-init-printf', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', apiExtraConf([initOp(init('write-conf', ['sh', '-c', "printf '[auth]\\nenable = False\\n' > /extra/zz.conf"], 'volumeMounts: [{name: extra, mountPath: /extra}]'))]));
  add('conf-heredoc', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', apiExtraConf([initOp(init('write-conf2', ['sh', '-c', 'cat > /extra/zz.conf <<EOF\n[auth]\nenable = False\nEOF\n'], 'volumeMounts: [{name: extra, mountPath: /extra}]'))]));
  add('conf-config-dir', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', {
    'kustomization.yaml': wrap(`  - extra.yaml\npatches:\n${jp('Deployment', 'st2api', ['- op: add\n  path: /spec/template/spec/volumes/-\n  value: {name: confd, configMap: {name: st2-confd}}', '- op: add\n  path: /spec/template/spec/containers/0/volumeMounts/-\n  value: {name: confd, mountPath: /etc/st2/conf.d}', '- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --config-dir=/etc/st2/conf.d'].join('\n'))}`),
    'extra.yaml': cm('st2-confd', '  99-local.conf: |\n    [auth]\n    enable = OFF'),
  });
  // ---------- stores: default accounts, access control off ----------
  const rmqEnvOps = '- op: replace\n  path: /spec/template/spec/containers/0/env/3\n  value: {name: RABBITMQ_DEFAULT_USER, value: guest}\n- op: replace\n  path: /spec/template/spec/containers/0/env/4\n  value: {name: RABBITMQ_DEFAULT_PASS, value: guest}';
  add('rmq-guest-env', 'store-auth', 'deny', 'ST2-SEC-008', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('StatefulSet', 'rabbitmq', rmqEnvOps)}`) });
  add('rmq-guest-st2-url', 'store-auth', 'deny', 'ST2-SEC-008', 'prod', confCase('[messaging]\nurl = amqp://guest:guest@rabbitmq:5672/\n'));
  add('rmq-guest-conf-none', 'store-auth', 'deny', 'ST2-SEC-008', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('ConfigMap', 'rabbitmq-config', '- op: replace\n  path: /data/rabbitmq.conf\n  value: "loopback_users = none\\ndefault_user = guest\\ndefault_pass = guest\\ncluster_partition_handling = pause_minority\\n"')}`) });
  add('rmq-advanced-config-guest', 'store-auth', 'deny', 'ST2-SEC-008', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('ConfigMap', 'rabbitmq-config', '- op: add\n  path: /data/advanced.config\n  value: "[{rabbit, [{loopback_users, []}, {default_user, <<\\"guest\\">>}, {default_pass, <<\\"guest\\">>}]}]."')}`) });
  add('rmq-drop-default-user', 'store-auth', 'deny', 'ST2-SEC-008', 'prod', {
    'kustomization.yaml': wrap(`patches:\n${jp('StatefulSet', 'rabbitmq', '- op: remove\n  path: /spec/template/spec/containers/0/env/4\n- op: remove\n  path: /spec/template/spec/containers/0/env/3')}\n${jp('ConfigMap', 'rabbitmq-config', '- op: replace\n  path: /data/rabbitmq.conf\n  value: "loopback_users.guest = false\\n"')}`),
  });
  add('mongo-no-keyfile', 'store-auth', 'deny', 'ST2-HRD-007', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('StatefulSet', 'mongodb', '- op: replace\n  path: /spec/template/spec/containers/0/args\n  value: [--replSet, rs0, --bind_ip_all]\n- op: remove\n  path: /spec/template/spec/containers/0/env')}`) });
  // ---------- trust ----------
  add('trust-dev-patched-namespace', 'environment', 'deny', 'ST2-SEC-001', 'dev', {
    'kustomization.yaml': K('metadata:\n  name: x\n  annotations:\n    st2-gitops/environment: dev\nresources:\n  - ../../dev\npatches:\n  - target: {kind: Secret, name: st2-auth}\n    patch: |-\n      - op: replace\n        path: /metadata/namespace\n        value: st2-prod'),
  });
  add('trust-cli-env-dev', 'environment', 'deny', 'ST2-SEC-001', 'prod', withCm('leak2', `  p: "${MONGO}"`), ['--env', 'dev']);
  add('trust-env-upper-odd-path', 'environment', 'deny', 'ST2-SEC-001', 'prod', { 'kustomization.yaml': K('metadata:\n  name: x\n  annotations:\n    st2-gitops/environment: "DEV"\nresources:\n  - ../..//prod/\n  - extra.yaml'), 'extra.yaml': cm('leak3', `  c: "${COOKIE}"`) });
  add('trust-prod-as-component', 'environment', 'bad-input', undefined, 'prod', { 'kustomization.yaml': K('resources:\n  - ../../../base\ncomponents:\n  - ../../prod') });
  add('trust-staging-floor-production', 'environment', 'deny', 'ST2-HRD-002', 'staging', { 'kustomization.yaml': wrap(`patches:\n${jp('Deployment', 'st2client', noLimits)}`, 'staging') }, ['--env', 'production']);
  add('trust-commonannotation-env', 'environment', 'deny', 'ST2-SEC-001', 'prod', { 'kustomization.yaml': K('commonAnnotations:\n  st2-gitops/environment: dev\nresources:\n  - ../../prod\n  - extra.yaml'), 'extra.yaml': cm('leak4', `  p: "${RMQ}"`) });
  // ---------- waivers ----------
  add('waiver-lowercase-rule', 'waivers', 'deny', 'ST2-SEC-001', 'prod', { 'kustomization.yaml': wrap('  - extra.yaml'), 'extra.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leak6\n  annotations:\n    st2-gitops/waive.st2-sec-001: "expires=${inDays(10)}; reason=INC-42 temporary"\ndata:\n  p: "${PW}"\n` });
  add('waiver-hrd005-auth-off', 'waivers', 'deny', 'ST2-HRD-005', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('ConfigMap', 'st2-config', `${userConf('[auth]\nenable = False\n')}\n${waiverOp('ST2-HRD-005', `expires=${inDays(20)}; reason=load test INC-7`)}`)}`) });
  add('waiver-of-waiver-rule', 'waivers', 'deny', 'ST2-HRD-002', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('Deployment', 'st2client', `${noLimits}\n${waiverOp('ST2-HRD-002', `expires=${inDays(400)}; reason=x`)}\n${waiverOp('ST2-WAIVER-001', `expires=${inDays(30)}; reason=y`)}`)}`) });
  add('waiver-fullwidth-date', 'waivers', 'deny', 'ST2-WAIVER-001', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('Deployment', 'st2client', `${noLimits}\n${waiverOp('ST2-HRD-002', 'expires=２０２７-01-01; reason=x')}`)}`) });
  add('waiver-reason-only-punct', 'waivers', 'deny', 'ST2-WAIVER-001', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('Deployment', 'st2client', `${noLimits}\n${waiverOp('ST2-HRD-002', `expires=${inDays(30)}; reason=  ;`)}`)}`) });

  // ---------- safe look-alikes ----------
  add('safe-grafana-ini', 'st2-config', 'allow', undefined, 'prod', withCm('grafana', '  grafana.ini: |\n    [auth]\n    disable_login_form = false\n    [auth.anonymous]\n    enabled = false\n    [security]\n    admin_password = $__file{/etc/secrets/admin}'));
  add('safe-commented-enable', 'st2-config', 'allow', undefined, 'prod', confCase('[auth]\n# enable = False would switch auth off: never\nenable = True\n'));
  add('safe-other-section-enable-false', 'st2-config', 'allow', undefined, 'prod', confCase('[auth]\napi_url = http://[fd00::10]:9101/\n\n[exporter]\nenable = False\n'));
  add('safe-crlf-enabled', 'st2-config', 'allow', undefined, 'prod', confCase('[auth]\r\nenable = True\r\n[rbac]\r\nenable = True\r\nbackend = default\r\n'));
  add('safe-gzip-conf-enabled', 'st2-config', 'allow', undefined, 'prod', { 'kustomization.yaml': wrap('  - extra.yaml'), 'extra.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-gz-ok\nbinaryData:\n  zz.conf.gz: ${zlib.gzipSync(Buffer.from('[auth]\nenable = True\n[api]\nallow_origin = https://st2.example.com\n')).toString('base64')}\n` });
  add('safe-base32-totp', 'secrets', 'allow', undefined, 'prod', withCm('totp', `  TOTP_SEED: JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\n  OTHER: ${base32(Buffer.from('a perfectly ordinary sentence here'))}`));
  add('safe-fresh-apr1', 'secrets', 'allow', undefined, 'prod', withCm('st2auth-htpasswd-ok', `  htpasswd: |\n    st2admin:${FRESH_APR1}`));
  add('safe-random-zlib', 'secrets', 'allow', undefined, 'prod', withCm('zblob', `  data.z: ${zlib.deflateSync(Buffer.from('metrics retention 30d; sample 15s; labels env,zone,pod')).toString('base64')}`));
  add('safe-html-entities', 'secrets', 'allow', undefined, 'prod', withCm('html', '  page.html: |\n    <p>Write to ops&#64;example.com &amp; ask for Ch&#97;nge requests</p>'));
  add('safe-var-expansion-fresh', 'secrets', 'allow', undefined, 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('Deployment', 'st2client', initOp(init('login', ['sh', '-c', 'echo "$(P1)$(P2)" > /dev/null'], 'env: [{name: P1, value: "Tq7#vLw2"}, {name: P2, value: "pZr8sXnK"}]')))}`) });
  add('safe-split-args-benign', 'secrets', 'allow', undefined, 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('Deployment', 'st2client', initOp(init('greet', ['sh', '-c', 'echo "$0 $1"', 'Change', 'Me'])))}`) });
  const freshJwk = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
  add('safe-fresh-jwk', 'key-material', 'allow', undefined, 'prod', withCm('jwks', `  jwks.json: '${JSON.stringify({ keys: [{ kty: 'RSA', e: freshJwk.e, n: freshJwk.n, kid: 'k1' }] })}'`));
  add('safe-fingerprint-mention', 'key-material', 'allow', undefined, 'prod', withCm('notes', '  rotation.md: |\n    Old stanley key SHA256:/kPo9yNH0MULSw0mREUv6eOjbwcdUwPdN6ZUstIRF6I was retired; never reuse it.'));
  add('safe-rmq-advanced-config', 'store-auth', 'allow', undefined, 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('ConfigMap', 'rabbitmq-config', '- op: add\n  path: /data/advanced.config\n  value: "[{rabbit, [{tcp_listen_options, [{keepalive, true}]}]}]."')}`) });
  add('safe-rmq-loopback-guest-true', 'store-auth', 'allow', undefined, 'prod', withCm('rmq-notes', '  notes.conf: |\n    # keep guest local-only\n    loopback_users.guest = true'));
  add('safe-mongo-keyfile-equals', 'store-auth', 'allow', undefined, 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('StatefulSet', 'mongodb', '- op: replace\n  path: /spec/template/spec/containers/0/args\n  value: [--replSet=rs0, --keyFile=/data/configdb/key.txt]')}`) });
  add('safe-env-floor-lower', 'environment', 'allow', undefined, 'prod', { 'kustomization.yaml': wrap('') }, ['--env', 'staging']);
  add('safe-guest-word-docs', 'store-auth', 'allow', undefined, 'prod', withCm('docs', '  README: |\n    The guest account is removed; st2 connects as admin. Do not enable guest:guest.'));

  // ---------- round 2: aimed at the fixes ----------
  add('r2-base32-lowercase-python', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('py32', `  boot.py: |\n    import base64\n    pw = base64.b32decode("${base32(Buffer.from(PW)).toLowerCase()}", casefold=True)`));
  add('r2-qp-lowercase-hex', 'secrets', 'deny', 'ST2-SEC-001', 'prod', withCm('qp2', `  mail.txt: |\n    pass=${RMQ.replace(/\+/g, '=2b')}`));
  add('r2-conf-cr-only', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', confCase('[auth]\renable = False\r'));
  add('r2-conf-in-env-value', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', apiExtraConf([initOp(init('write-env-conf', ['sh', '-c', 'printf "%s" "$ST2CONF" > /extra/zz.conf'], 'env: [{name: ST2CONF, value: "[rbac]\\nenable = False\\n"}]\nvolumeMounts: [{name: extra, mountPath: /extra}]'))]));
  add('r2-rmq-guest-percent-url', 'store-auth', 'deny', 'ST2-SEC-008', 'prod', confCase('[messaging]\nurl = amqp://gu%65st:gu%65st@rabbitmq:5672/\n'));
  const salt = Buffer.from([1, 2, 3, 4]);
  const guestHash = Buffer.concat([salt, crypto.createHash('sha256').update(Buffer.concat([salt, Buffer.from('guest')])).digest()]).toString('base64');
  add('r2-rmq-definitions-guest-hash', 'store-auth', 'deny', 'ST2-SEC-008', 'prod', withCm('rmq-defs', `  definitions.json: '{"users": [{"name": "guest", "password_hash": "${guestHash}", "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": "administrator"}]}'`));
  add('r2-mongo-command-bypasses-entrypoint', 'store-auth', 'deny', 'ST2-HRD-007', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('StatefulSet', 'mongodb', '- op: add\n  path: /spec/template/spec/containers/0/command\n  value: [mongod]\n- op: replace\n  path: /spec/template/spec/containers/0/args\n  value: [--replSet, rs0, --bind_ip_all]')}`) });
  add('r2-mongo-noauth', 'store-auth', 'deny', 'ST2-HRD-007', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('StatefulSet', 'mongodb', '- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --noauth')}`) });
  add('r2-mongo-config-authorization-disabled', 'store-auth', 'deny', 'ST2-HRD-007', 'prod', {
    'kustomization.yaml': wrap(`  - extra.yaml\npatches:\n${jp('StatefulSet', 'mongodb', '- op: replace\n  path: /spec/template/spec/containers/0/args\n  value: [--config, /etc/mongo/mongod.conf]\n- op: remove\n  path: /spec/template/spec/containers/0/env')}`),
    'extra.yaml': cm('mongod-conf', '  mongod.conf: |\n    replication:\n      replSetName: rs0\n    security:\n      authorization: disabled'),
  });
  add('r2-key-jwk-as-yaml-object', 'key-material', 'deny', 'ST2-SEC-003', 'prod', { 'kustomization.yaml': wrap('  - extra.yaml'), 'extra.yaml': `apiVersion: example.com/v1\nkind: KeySet\nmetadata:\n  name: stanley\nspec:\n  key:\n    kty: RSA\n    e: ${jwk.e ?? ''}\n    n: ${jwk.n ?? ''}\n` });
  add('r2-split-command-into-args', 'secrets', 'deny', 'ST2-SEC-001', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('Deployment', 'st2client', initOp(init('split2', ['sh', '-c', 'echo "$0$1" > /tmp/p', PW.slice(0, 4)], `args: ["${PW.slice(4)}"]`)))}`) });
  add('r2-waive-sec008-prod', 'waivers', 'deny', 'ST2-SEC-008', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('ConfigMap', 'st2-config', `${userConf('[messaging]\nurl = amqp://guest:guest@rabbitmq:5672/\n')}\n${waiverOp('ST2-SEC-008', `expires=${inDays(20)}; reason=migration INC-9`)}`)}`) });
  add('r2-var-nested-expansion', 'secrets', 'deny', 'ST2-SEC-001', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('Deployment', 'st2client', initOp(init('nest', ['sh', '-c', 'login -p "$(P2)"'], `env: [{name: P1, value: "${PW.slice(0, 4)}"}, {name: P2, value: "$(P1)${PW.slice(4)}"}]`)))}`) });
  add('r2-safe-mongo-config-auth-enabled', 'store-auth', 'allow', undefined, 'prod', {
    'kustomization.yaml': wrap(`  - extra.yaml\npatches:\n${jp('StatefulSet', 'mongodb', '- op: replace\n  path: /spec/template/spec/containers/0/args\n  value: [--config, /etc/mongo/mongod.conf]')}`),
    'extra.yaml': cm('mongod-conf-ok', '  mongod.conf: |\n    replication:\n      replSetName: rs0\n    security:\n      authorization: enabled\n      keyFile: /data/configdb/key.txt'),
  });
  add('r2-safe-lowercase-words', 'secrets', 'allow', undefined, 'prod', withCm('words', '  notes: |\n    the quick brown fox jumps over the lazy dog; mongodb replica set rs0 keeps three members'));
  add('r2-safe-conf-cr-enabled', 'st2-config', 'allow', undefined, 'prod', confCase('[auth]\renable = True\r[rbac]\renable = True\rbackend = default\r'));
  // ---------- round 3: a false positive of the new MongoDB rule, found by its author ----------
  const bitnami = (env: string): Record<string, string> => ({
    'kustomization.yaml': wrap(`patches:\n${jp('StatefulSet', 'mongodb', `- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: bitnamilegacy/mongodb:4.4.15\n- op: remove\n  path: /spec/template/spec/containers/0/args\n- op: replace\n  path: /spec/template/spec/containers/0/env\n  value: ${env}`)}`),
  });
  // The replica-set mode too: without it Bitnami's three members are standalone servers (ST2-OPS-005, red team 6).
  add('r3-safe-bitnami-root-password', 'store-auth', 'allow', undefined, 'prod', bitnami('[{name: MONGODB_ROOT_PASSWORD, valueFrom: {secretKeyRef: {name: mongodb-admin, key: password}}}, {name: MONGODB_REPLICA_SET_MODE, value: primary}, {name: MONGODB_REPLICA_SET_KEY, valueFrom: {secretKeyRef: {name: mongodb-keyfile, key: key.txt}}}]'));
  add('r3-bitnami-allow-empty-password', 'store-auth', 'deny', 'ST2-HRD-007', 'prod', bitnami('[{name: ALLOW_EMPTY_PASSWORD, value: "yes"}, {name: MONGODB_REPLICA_SET_MODE, value: primary}]'));
  // ---------- round 3: values assembled from the render's own ConfigMaps and by a shell ----------
  add('r3-configmapkeyref-split', 'secrets', 'deny', 'ST2-SEC-001', 'prod', {
    'kustomization.yaml': wrap(`  - extra.yaml\npatches:\n${jp('Deployment', 'st2client', initOp(init('login3', ['sh', '-c', 'st2 login st2admin -p "$(P1)$(P2)"'], `env: [{name: P1, valueFrom: {configMapKeyRef: {name: halves, key: a}}}, {name: P2, value: "${PW.slice(4)}"}]`)))}`),
    'extra.yaml': cm('halves', `  a: "${PW.slice(0, 4)}"`),
  });
  add('r3-shell-vars', 'secrets', 'deny', 'ST2-SEC-001', 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('Deployment', 'st2client', initOp(init('login4', ['sh', '-c', 'st2 login st2admin -p "$P1$P2"'], `env: [{name: P1, value: "${PW.slice(0, 4)}"}, {name: P2, value: "${PW.slice(4)}"}]`)))}`) });
  add('r3-shell-braced-envfrom', 'secrets', 'deny', 'ST2-SEC-001', 'prod', {
    'kustomization.yaml': wrap(`  - extra.yaml\npatches:\n${jp('Deployment', 'st2client', initOp(init('mq3', ['sh', '-c', 'echo "amqp://admin:${A}${B}@rabbitmq" > /tmp/u'], 'envFrom: [{configMapRef: {name: mq-halves}}]')))}`),
    'extra.yaml': cm('mq-halves', `  A: "${RMQ.slice(0, 10)}"\n  B: "${RMQ.slice(10)}"`),
  });
  add('r3-python-writes-rbac-off', 'st2-config', 'deny', 'ST2-HRD-005', 'prod', apiExtraConf([initOp(init('py', ['python3', '-c', "open('/extra/zz.conf','w').write('[rbac]\\nenable=False\\n')"], 'volumeMounts: [{name: extra, mountPath: /extra}]'))]));
  add('r3-pem-cr-only', 'key-material', 'deny', 'ST2-SEC-003', 'prod', withCm('crkey', `  key.pem: ${JSON.stringify(DEV_SSH.replace(/\n/g, '\r'))}`));
  add('r3-safe-shell-vars-fresh', 'secrets', 'allow', undefined, 'prod', { 'kustomization.yaml': wrap(`patches:\n${jp('Deployment', 'st2client', initOp(init('login5', ['sh', '-c', 'echo "$P1$P2" > /dev/null'], 'env: [{name: P1, value: "Tq7#vLw2"}, {name: P2, value: "pZr8sXnK"}]')))}`) });
  return cases;
}
