/**
 * RBAC left off by omission, the class the fourth red team left open
 * (fresh4.ts), and the false positive next to it: every st2 API process is
 * now judged by the chain of files it reads (src/policy/st2-chains.ts), so
 * a chain that never turns RBAC on is denied, a file the gate cannot read
 * after the last word is denied, and `enable = False` overridden by a later
 * file is allowed. Also RabbitMQ's guest judged per cluster (ST2-SEC-008).
 * Run against main at 1b170aa (its launcher and its bundle): 21 of the 23
 * unsafe cases were allowed (only a later Secret saying False and a second
 * cluster naming guest were denied) and 3 of the 9 safe look-alikes were
 * denied (False overridden by a later True, in two files or a --config-dir).
 */
import { gzipSync } from 'node:zlib';
import type { CaseClass, RedTeamCase, Wrapped } from './corpus.js';
import { indent as ind } from './indent.js';
import { dockerConfText } from './base-objects.js';

interface Attack {
  readonly name: string;
  readonly cls: CaseClass;
  readonly expect: 'deny' | 'allow';
  readonly rule?: string;
  readonly files: Record<string, string>;
}

const kz = (base: Wrapped, extra = ''): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../${base}\n${extra}`;
const kzr = (base: Wrapped, files: readonly string[], extra = ''): string => kz(base, files.map((f) => `  - ${f}\n`).join('') + extra);

/** A patch replacing one key of ConfigMap st2-config. */
const confKey = (key: string, text: string): string => `  - target: {kind: ConfigMap, name: st2-config}
    patch: |-
      - op: replace
        path: /data/${key}
        value: ${JSON.stringify(text)}
`;

/** JSON-patch ops on one Deployment. */
const dep = (name: string, ops: string): string => `  - target: {kind: Deployment, name: ${name}}\n    patch: |-\n${ind(ops, 6)}\n`;

const args = (list: readonly string[]): string => `- op: replace\n  path: /spec/template/spec/containers/0/args\n  value: ${JSON.stringify(list)}`;
const addArg = (arg: string): string => `- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: ${JSON.stringify(arg)}`;
const addVolume = (volume: unknown): string => `- op: add\n  path: /spec/template/spec/volumes/-\n  value: ${JSON.stringify(volume)}`;
const addMount = (mount: unknown): string => `- op: add\n  path: /spec/template/spec/containers/0/volumeMounts/-\n  value: ${JSON.stringify(mount)}`;
const addEnv = (env: unknown): string => `- op: add\n  path: /spec/template/spec/containers/0/env\n  value: ${JSON.stringify(env)}`;

const BASE_ARGS = ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf', '--config-file=/etc/st2/st2.secrets.conf'];
const RBAC_ON = '[rbac]\nenable = True\nbackend = default\n';
const RBAC_OFF = '[rbac]\nenable = False\n';

/** An ExternalSecret writing one whole st2 config file: `text`, then st2.secrets.conf's lines (components/external-secrets). */
const fullConfSecret = (name: string, key: string, text: string): unknown => ({
  apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name },
  spec: {
    refreshInterval: '1h', secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-production' },
    target: { name, creationPolicy: 'Owner', template: { engineVersion: 'v2', data: { [key]: `${text}\n[messaging]\nurl = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672\n\n[database]\nusername = {{ .mongodbUser }}\npassword = {{ .mongodbPassword }}\n` } } },
    data: [['rabbitmqPassword', 'stackstorm/rabbitmq', 'password'], ['mongodbUser', 'stackstorm/mongodb', 'user'], ['mongodbPassword', 'stackstorm/mongodb', 'password']].map(([secretKey, key, property]) => ({ secretKey, remoteRef: { key, property } })),
  },
});

const configMap = (name: string, data: Record<string, string>): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Object.entries(data).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join('\n')}\n`;
const secret = (name: string, data: Record<string, string>): string => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\nstringData:\n${Object.entries(data).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join('\n')}\n`;

/** A second RabbitMQ cluster: its own StatefulSet, config and env. */
const rabbit = (env: unknown[], conf: string): Record<string, string> => ({
  'rmq-b.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: rabbitmq-b
spec:
  serviceName: rabbitmq-b
  replicas: 3
  selector:
    matchLabels: {app: rabbitmq-b}
  template:
    metadata:
      labels: {app: rabbitmq-b}
    spec:
      containers:
        - name: rabbitmq
          image: rabbitmq:3.12.14
          env: ${JSON.stringify(env)}
          volumeMounts:
            - {name: conf, mountPath: /etc/rabbitmq/conf.d/20-b.conf, subPath: b.conf}
            - {name: data, mountPath: /var/lib/rabbitmq}
          resources: {requests: {cpu: 100m, memory: 256Mi}, limits: {cpu: "1", memory: 1Gi}}
          securityContext: {runAsNonRoot: true, runAsUser: 999, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
      volumes:
        - name: conf
          configMap: {name: rabbitmq-b-config}
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 8Gi}}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: rabbitmq-b
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: rabbitmq-b}
---
${configMap('rabbitmq-b-config', { 'b.conf': conf })}`,
});

export function fresh5RbacCorpus(): RedTeamCase[] {
  const attacks: Attack[] = [
    // ---------- RBAC never turned on ----------
    { name: 'docker-conf-without-rbac', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${confKey('st2.docker.conf', dockerConfText(''))}`) } },
    { name: 'staging-docker-conf-without-rbac', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('staging', `patches:\n${confKey('st2.docker.conf', dockerConfText('# RBAC moved to the operator handbook.\n'))}`) } },
    { name: 'st2api-only-image-conf', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${dep('st2api', args(['--config-file=/etc/st2/st2.conf']))}`) } },
    { name: 'st2stream-no-args', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${dep('st2stream', '- op: remove\n  path: /spec/template/spec/containers/0/args')}`) } },
    { name: 'st2auth-rbac-only-enable', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      // enable = True without backend = default: the backend stays noop.
      files: { 'kustomization.yaml': kz('prod', `patches:\n${confKey('st2.docker.conf', dockerConfText('[rbac]\nenable = True\n'))}`) } },
    { name: 'config-dir-configmap-without-rbac', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: {
        'kustomization.yaml': kzr('prod', ['cm.yaml'], `patches:\n${dep('st2api', [args(['--config-dir=/etc/st2/conf.d']), addVolume({ name: 'confd', configMap: { name: 'st2-conf-d' } }), addMount({ name: 'confd', mountPath: '/etc/st2/conf.d' })].join('\n'))}`),
        'cm.yaml': configMap('st2-conf-d', { '10-base.conf': dockerConfText(''), 'README': RBAC_ON }),
      } },
    { name: 'config-dir-emptydir', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${dep('st2api', [args(['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-dir=/run/st2']), addVolume({ name: 'run', emptyDir: {} }), addMount({ name: 'run', mountPath: '/run/st2' })].join('\n'))}`) } },
    { name: 'config-mounted-elsewhere', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${dep('st2api', [args(['--config-file=/etc/st2/st2.conf', '--config-file=/opt/conf/st2.user.conf']), addVolume({ name: 'whole', configMap: { name: 'st2-config' } }), addMount({ name: 'whole', mountPath: '/opt/conf' })].join('\n'))}`) } },
    { name: 'items-path-swapped', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${dep('st2stream', [args(['--config-file=/etc/st2/st2.conf', '--config-file=/opt/conf/docker.conf']), addVolume({ name: 'swap', configMap: { name: 'st2-config', items: [{ key: 'st2.user.conf', path: 'docker.conf' }] } }), addMount({ name: 'swap', mountPath: '/opt/conf' })].join('\n'))}`) } },
    { name: 'projected-user-conf-only', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${dep('st2auth', [args(['--config-file=/etc/st2/st2.conf', '--config-file=/opt/p/a.conf']), addVolume({ name: 'p', projected: { sources: [{ configMap: { name: 'st2-config', items: [{ key: 'st2.user.conf', path: 'a.conf' }] } }] } }), addMount({ name: 'p', mountPath: '/opt/p' })].join('\n'))}`) } },
    { name: 'st2-config-path-env', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${dep('st2stream', ['- op: remove\n  path: /spec/template/spec/containers/0/args', addEnv([{ name: 'ST2_CONFIG_PATH', value: '/etc/st2/st2.user.conf' }])].join('\n'))}`) } },
    { name: 'abbreviated-option', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      // argparse takes --config-f; oslo then still reads the default file first, and nothing turns RBAC on.
      files: { 'kustomization.yaml': kz('prod', `patches:\n${dep('st2api', args(['--config-f=/etc/st2/st2.user.conf']))}`) } },
    { name: 'var-expanded-config-file', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${dep('st2api', [args(['--config-file=$(ST2_CONF)']), addEnv([{ name: 'ST2_CONF', value: '/etc/st2/st2.conf' }])].join('\n'))}`) } },
    { name: 'shell-starts-stream-bare', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${dep('st2stream', ['- op: replace\n  path: /spec/template/spec/containers/0/command\n  value: [sh, -c]', args([`/opt/stackstorm/st2/bin/st2stream --config-file=/etc/st2/st2.conf & exec /opt/stackstorm/st2/bin/st2stream ${BASE_ARGS.join(' ')} --port 9103`])].join('\n'))}`) } },
    // ---------- the last word ----------
    { name: 'false-after-true-in-secret', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: {
        'kustomization.yaml': kzr('prod', ['s.yaml'], `patches:\n${dep('st2api', [addVolume({ name: 'late', secret: { secretName: 'st2-late' } }), addMount({ name: 'late', mountPath: '/etc/st2/st2.zz.conf', subPath: 'zz.conf' }), addArg('--config-file=/etc/st2/st2.zz.conf')].join('\n'))}`),
        's.yaml': secret('st2-late', { 'zz.conf': RBAC_OFF }),
      } },
    { name: 'external-secret-after-last-word', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: {
        'kustomization.yaml': kzr('prod', ['es.yaml'], `patches:\n${dep('st2api', [addVolume({ name: 'vault', secret: { secretName: 'st2-vault-conf' } }), addMount({ name: 'vault', mountPath: '/etc/st2/st2.vault.conf', subPath: 'st2.vault.conf' }), addArg('--config-file=/etc/st2/st2.vault.conf')].join('\n'))}`),
        'es.yaml': 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: st2-vault-conf\nspec:\n  refreshInterval: 1h\n  secretStoreRef: {kind: ClusterSecretStore, name: st2-production}\n  target: {name: st2-vault-conf}\n  data:\n    - secretKey: st2.vault.conf\n      remoteRef: {key: stackstorm/st2-conf, property: override}\n',
      } },
    { name: 'secret-not-in-render-last', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${dep('st2auth', [addVolume({ name: 'ops', secret: { secretName: 'st2-ops-override', optional: true } }), addMount({ name: 'ops', mountPath: '/etc/st2/ops' }), addArg('--config-file=/etc/st2/ops/override.conf')].join('\n'))}`) } },
    { name: 'emptydir-written-by-init-last', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${dep('st2api', [
        `- op: add\n  path: /spec/template/spec/initContainers/-\n  value: ${JSON.stringify({ name: 'fetch-conf', image: 'curlimages/curl:8.10.1', command: ['sh', '-c', 'curl -fsS http://config-server/st2.conf -o /extra/zz.conf'], volumeMounts: [{ name: 'extra', mountPath: '/extra' }], resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '32Mi' } }, securityContext: { runAsNonRoot: true, runAsUser: 100, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } })}`,
        addVolume({ name: 'extra', emptyDir: {} }), addMount({ name: 'extra', mountPath: '/extra' }), addArg('--config-file=/extra/zz.conf')].join('\n'))}`) } },
    { name: 'csi-volume-last', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${dep('st2stream', [addVolume({ name: 'csi', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'st2' } } }), addMount({ name: 'csi', mountPath: '/mnt/secrets', readOnly: true }), addArg('--config-file=/mnt/secrets/st2.conf')].join('\n'))}`) } },
    { name: 'template-placeholder-writes-lines', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n  - target: {kind: ExternalSecret, name: st2-config-secrets}\n    patch: |-\n      - op: replace\n        path: /spec/target/template/data/st2.secrets.conf\n        value: ${JSON.stringify('[messaging]\nurl = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672\n\n{{ .extraConfig }}\n')}\n`) } },
    { name: 'subpath-expr-unresolved', cls: 'st2-config', expect: 'deny', rule: 'ST2-HRD-005',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${dep('st2api', [addVolume({ name: 'sel', configMap: { name: 'st2-config' } }), `- op: add\n  path: /spec/template/spec/containers/0/volumeMounts/-\n  value: ${JSON.stringify({ name: 'sel', mountPath: '/etc/st2/st2.pick.conf', subPathExpr: '$(POD_NAME).conf' })}`, addArg('--config-file=/etc/st2/st2.pick.conf')].join('\n'))}`) } },
    // ---------- safe look-alikes ----------
    { name: 'safe-false-then-true', cls: 'st2-config', expect: 'allow',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${confKey('st2.docker.conf', dockerConfText('[rbac]\nenable = False\nbackend = default\n'))}${confKey('st2.user.conf', "[api]\nallow_origin = '*'\n\n[rbac]\nenable = True\n")}`) } },
    { name: 'safe-auth-false-then-true', cls: 'st2-config', expect: 'allow',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${confKey('st2.docker.conf', dockerConfText(`[auth]\nenable = False\n\n${RBAC_ON}`))}${confKey('st2.user.conf', '[auth]\nenable = True\n')}`) } },
    { name: 'safe-rbac-on-through-secret', cls: 'st2-config', expect: 'allow',
      files: {
        'kustomization.yaml': kzr('prod', ['s.yaml'], `patches:\n${confKey('st2.docker.conf', dockerConfText(''))}${['st2api', 'st2auth', 'st2stream'].map((d) => dep(d, [addVolume({ name: 'rbac', secret: { secretName: 'st2-rbac-conf' } }), addMount({ name: 'rbac', mountPath: '/etc/st2/rbac' }), addArg('--config-file=/etc/st2/rbac/st2.rbac.conf')].join('\n'))).join('')}`),
        's.yaml': secret('st2-rbac-conf', { 'st2.rbac.conf': RBAC_ON }),
      } },
    { name: 'safe-crlf-docker-conf', cls: 'st2-config', expect: 'allow',
      files: { 'kustomization.yaml': kz('prod', `patches:\n${confKey('st2.docker.conf', dockerConfText(RBAC_ON).replace(/\n/g, '\r\n'))}`) } },
    { name: 'safe-gzip-unpacked-before-last-word', cls: 'st2-config', expect: 'allow',
      // A gzipped config an init container unpacks into an emptyDir (the gate cannot read it there),
      // read first: the image's st2.conf and the later files have the last word on auth and RBAC.
      files: {
        'kustomization.yaml': kzr('prod', ['gz.yaml'], `patches:\n${dep('st2api', [
          `- op: add\n  path: /spec/template/spec/initContainers/-\n  value: ${JSON.stringify({ name: 'unpack', image: 'busybox:1.36.1', command: ['sh', '-c', 'gunzip -c /gz/tuning.conf.gz > /extra/tuning.conf'], volumeMounts: [{ name: 'extra', mountPath: '/extra' }, { name: 'gz', mountPath: '/gz' }], resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '32Mi' } }, securityContext: { runAsNonRoot: true, runAsUser: 100, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } })}`,
          addVolume({ name: 'extra', emptyDir: {} }), addVolume({ name: 'gz', configMap: { name: 'st2-tuning-gz' } }), addMount({ name: 'extra', mountPath: '/extra' }),
          args(['--config-file=/extra/tuning.conf', ...BASE_ARGS])].join('\n'))}`),
        'gz.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-tuning-gz\nbinaryData:\n  tuning.conf.gz: ${gzipSync(Buffer.from(`${RBAC_ON}[api]\nmask_secrets = True\n`)).toString('base64')}\n`,
      } },
    { name: 'safe-config-dir-with-rbac', cls: 'st2-config', expect: 'allow',
      files: {
        'kustomization.yaml': kzr('prod', ['cm.yaml'], `patches:\n${dep('st2api', [args([...BASE_ARGS, '--config-dir=/etc/st2/conf.d']), addVolume({ name: 'confd', configMap: { name: 'st2-conf-d' } }), addMount({ name: 'confd', mountPath: '/etc/st2/conf.d' })].join('\n'))}`),
        'cm.yaml': configMap('st2-conf-d', { '10-off.conf': RBAC_OFF, '90-on.conf': RBAC_ON }),
      } },
    // The one file ST2_CONFIG_PATH names is all st2 reads: it holds the bus and the database login
    // too (st2.secrets.conf's lines, from the secret store). Without them st2stream falls back to
    // 127.0.0.1 and crash-loops: fresh15-cfg-stream-config-path-env-without-bus.
    { name: 'safe-config-path-env-full', cls: 'st2-config', expect: 'allow',
      files: {
        'kustomization.yaml': kzr('prod', ['es.yaml'], `patches:\n${dep('st2stream', ['- op: remove\n  path: /spec/template/spec/containers/0/args', addEnv([{ name: 'ST2_CONFIG_PATH', value: '/opt/st2/all.conf' }]), addVolume({ name: 'all', secret: { secretName: 'st2-all-conf', defaultMode: 288 } }), addMount({ name: 'all', mountPath: '/opt/st2' })].join('\n'))}`),
        'es.yaml': JSON.stringify(fullConfSecret('st2-all-conf', 'all.conf', `[auth]\nenable = True\n${dockerConfText(RBAC_ON)}`)),
      } },
    { name: 'safe-dev-docker-conf-without-rbac', cls: 'st2-config', expect: 'allow',
      files: { 'kustomization.yaml': kz('dev', `patches:\n${confKey('st2.docker.conf', dockerConfText(''))}`) } },
    // ---------- RabbitMQ's guest, per cluster ----------
    { name: 'rmq-second-cluster-keeps-guest', cls: 'store-auth', expect: 'deny', rule: 'ST2-SEC-008',
      files: { 'kustomization.yaml': kzr('prod', ['rmq-b.yaml']), ...rabbit([{ name: 'RABBITMQ_ERLANG_COOKIE', valueFrom: { secretKeyRef: { name: 'rabbitmq', key: 'rabbitmq-erlang-cookie' } } }], 'loopback_users = none\n') } },
    { name: 'rmq-second-cluster-guest-by-name', cls: 'store-auth', expect: 'deny', rule: 'ST2-SEC-008',
      files: { 'kustomization.yaml': kzr('prod', ['rmq-b.yaml']), ...rabbit([{ name: 'RABBITMQ_DEFAULT_USER', value: 'guest' }], 'loopback_users.guest = false\n') } },
    { name: 'safe-rmq-second-cluster-own-user', cls: 'store-auth', expect: 'allow',
      files: { 'kustomization.yaml': kzr('prod', ['rmq-b.yaml']), ...rabbit([{ name: 'RABBITMQ_DEFAULT_USER', value: 'st2b' }, { name: 'RABBITMQ_DEFAULT_PASS', valueFrom: { secretKeyRef: { name: 'rabbitmq', key: 'rabbitmq-password' } } }], 'loopback_users.guest = false\n') } },
  ];
  return attacks.map((a) => {
    const wraps = /- \.\.\/\.\.\/(prod|staging|dev)\n/.exec(a.files['kustomization.yaml'] ?? '')?.[1] as Wrapped | undefined;
    if (wraps === undefined) throw new Error(`${a.name} wraps no overlay`);
    return { id: `fresh5-${a.name}`, cls: a.cls, wraps, expect: a.expect, ...(a.rule ? { rule: a.rule } : {}), files: a.files };
  });
}
