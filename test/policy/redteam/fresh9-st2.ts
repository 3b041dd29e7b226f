/**
 * The ninth red team (issue 12, /work/red9 at the time, judged through
 * dist/st2-gitops against main at 0305b6c), its classes in StackStorm's own
 * configuration, auth and secrets (class `st2-self`), and three of its safe
 * cases the gate denied:
 *
 * - st2auth in `[auth] mode = proxy` (st2 3.8.1's ProxyAuthHandler mints a
 *   token for whatever user a Basic header or X-Forwarded-User names, no
 *   password checked) in st2.user.conf, in the ExternalSecret template of
 *   st2.secrets.conf, in staging: ST2-HRD-011 (src/policy/st2-auth-mode.ts);
 *   variants: `--auth-mode` on the command line (and argparse's prefix
 *   `--auth-mo`), a mode st2auth refuses (`Proxy`), a later --config-dir;
 * - the LDAP backend without TLS (port 389, use_ssl and use_tls false):
 *   ST2-HRD-012; variants: `use_tls: 0`, Keystone over http://, arguments the
 *   gate cannot read; look-alikes: LDAPS, StartTLS, `"use_ssl": "false"`
 *   (a non-empty string, true to Python), a directory on localhost;
 * - st2's own RBAC: Domain Users mapped to admin, all staff to system_admin,
 *   the sample role given pack_install (ST2-HRD-013, st2-rbac-definitions.ts);
 *   variants: `everyone` in staging, a custom role executing core.local, a
 *   custom `action_all` role for Authenticated Users, a mapping in a Secret;
 *   look-alikes: a dedicated group as admin, scoped roles for everyone,
 *   observer for Domain Users, a disabled mapping;
 * - where st2 connects (ST2-HRD-014, st2-transport.ts): `[messaging] ssl` or
 *   amqps:// against a RabbitMQ without a TLS listener, a `replicaSet=` the
 *   mongod does not run (also by case), a vhost nothing creates (also
 *   percent-encoded), a datastore key path no mount provides, the bus URL
 *   emptied;
 *   look-alikes: ssl False, the default vhost `//`, the same set, the same key
 *   path, a vhost created by the messaging-topology operator, a sensor
 *   container mounting no key;
 * - credentials in git (ST2-SEC-013/014, committed-credentials.ts): a literal
 *   MongoDB password or bus URL password in the st2.secrets.conf template,
 *   st2admin's template given Password1, StackStorm's test login or a strong
 *   literal, AWS and GitHub keys in pack configs; a weak password in a
 *   staging Secret (spaces, other case), an LDAP bind password, an env
 *   literal; look-alikes: datastore references, `{{ .password | trim }}`, a
 *   fresh Secret, a README naming the variables, a weak one in dev;
 * - sensor partitions (ST2-REP-003 per container's own chain, ST2-OPS-036):
 *   hash ranges overlapping (`min..max` in lower case), leaving a gap, a file
 *   partition with an empty list (st2 runs every sensor), a single-sensor
 *   Deployment beside a container owning the whole range, file lists sharing
 *   a sensor, a bound past 2^32 (clamped); look-alikes: halves in lower case,
 *   disjoint file lists, a single sensor whose hash no range holds;
 * - the false denials: the st2 CLI in a smoke-test Job (its --config-file is
 *   the CLI's), st2web's config.js from a ConfigMap by subPath (st2's
 *   documented customisation), a 110 KiB pack .tar.gz (the stream budget
 *   grows with the compressed size, search-budget.ts); with the unsafe forms
 *   next to them (a Secret by subPath, a ConfigMap key renamed by `items`, a
 *   gzip bomb, a service started after the CLI).
 */
import { gzipSync } from 'node:zlib';
import { sensorPair } from './base-objects.js';
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { tarOf } from '../tar-writer.js';
import { SPEC, FIRST, DEPLOY, patch, add, replace, userConf, type Json } from './targets.js';

const SECRETS_TEMPLATE = { group: 'external-secrets.io', kind: 'ExternalSecret', name: 'st2-config-secrets' };

/** The st2.secrets.conf template with these lines after the base's credentials. */
const secretsConf = (...lines: string[]): Patch =>
  patch(
    SECRETS_TEMPLATE,
    replace(
      '/spec/target/template/data/st2.secrets.conf',
      ['[messaging]', 'url = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672', '', '[database]', 'username = {{ .mongodbUser }}', 'password = {{ .mongodbPassword }}', '', ...lines, ''].join('\n'),
    ),
  );

/** The st2.secrets.conf template as written. */
const secretsConfRaw = (lines: string[]): Patch => patch(SECRETS_TEMPLATE, replace('/spec/target/template/data/st2.secrets.conf', lines.join('\n')));

/** The LDAP bind password from the store, as the attacker's cases add it. */
const ldapPassword = patch(SECRETS_TEMPLATE, add('/spec/data/-', { secretKey: 'ldapBindPassword', remoteRef: { key: 'stackstorm/ldap', property: 'bind_password' } }));

/** st2auth's LDAP backend with these connection arguments (bind password from the store). */
function ldap(connection: Json): Patch[] {
  const kwargs = { bind_dn: 'CN=st2,OU=svc,DC=example,DC=com', bind_password: '{{ .ldapBindPassword }}', base_ou: 'OU=people,DC=example,DC=com', group_dns: ['CN=st2-users,OU=groups,DC=example,DC=com'], ...connection };
  return [ldapPassword, secretsConf('[auth]', 'enable = True', 'backend = ldap', `backend_kwargs = ${JSON.stringify(kwargs)}`)];
}

/** st2auth's arguments with these appended. */
const st2authArgs = (...args: string[]): Patch => patch(DEPLOY('st2auth'), ...args.map((a) => add(`${FIRST}/args/-`, a)));

/** A client Job in the tool image, running this script (credentials from st2-auth). */
function cliJob(name: string, script: string): Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, annotations: { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' } },
    spec: {
      backoffLimit: 1,
      template: {
        spec: {
          restartPolicy: 'OnFailure',
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name,
              image: 'stackstorm/st2actionrunner:3.8.1',
              command: ['sh', '-c', script],
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
              securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 1000, capabilities: { drop: ['ALL'] } },
              env: [
                { name: 'U', valueFrom: { secretKeyRef: { name: 'st2-auth', key: 'username' } } },
                { name: 'P', valueFrom: { secretKeyRef: { name: 'st2-auth', key: 'password' } } },
              ],
            },
          ],
        },
      },
    },
  };
}

const CLI_CONFIG = 'printf "[credentials]\\nusername = %s\\npassword = %s\\n" "$U" "$P" > /tmp/cli.conf';

/** A ConfigMap or Secret with this one file, and st2web mounting `file` of it at `mountPath` (by subPath). */
function webFile(kind: 'ConfigMap' | 'Secret', file: string, text: string, mountPath: string, extra: Json = {}): { resources: Json[]; patches: Patch[] } {
  const name = 'st2web-custom';
  const object = kind === 'ConfigMap' ? { apiVersion: 'v1', kind, metadata: { name }, data: { [file]: text } } : { apiVersion: 'v1', kind, metadata: { name }, stringData: { [file]: text } };
  const volume = kind === 'ConfigMap' ? { name: 'webui-custom', configMap: { name, ...extra } } : { name: 'webui-custom', secret: { secretName: name, ...extra } };
  return {
    resources: [object],
    patches: [patch(DEPLOY('st2web'), add(`${SPEC}/volumes/-`, volume), add(`${FIRST}/volumeMounts/-`, { name: 'webui-custom', mountPath, subPath: file, readOnly: true }))],
  };
}

const CONFIG_JS = ["'use strict';", "angular.module('main')", "  .constant('st2Config', {", "    hosts: [{ name: 'StackStorm prod', url: '/api', auth: '/auth', stream: '/stream' }]", '  });', ''].join('\n');

/** About 15 KiB of Python as a pack action is written (varied, so it compresses like source: 4 to 6 times). */
function packSource(n: number): string {
  let seed = n * 7919 + 17;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const word = (): string => Array.from({ length: 3 + (next() % 7) }, () => 'abcdefghijklmnopqrstuvwxyz'[next() % 26]).join('');
  const lines = ['from st2common.runners.base_action import Action', ''];
  while (lines.join('\n').length < 15 * 1024) lines.push(`class ${word()}_${word()}(Action):`, `    def run(self, ${word()}, ${word()}=${next() % 1000}):`, `        return self.${word()}(${word()}, "${word()}", ${next() % 65536})`, '');
  return lines.join('\n');
}

/** A pack archive in a ConfigMap's binaryData, mounted into st2client for `st2 pack install`. */
function packArchive(key: string, bytes: Buffer): { resources: Json[]; patches: Patch[] } {
  return {
    resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'acme-pack' }, binaryData: { [key]: bytes.toString('base64') } }],
    patches: [patch(DEPLOY('st2client'), add(`${SPEC}/volumes/-`, { name: 'acme-pack', configMap: { name: 'acme-pack' } }), add(`${FIRST}/volumeMounts/-`, { name: 'acme-pack', mountPath: '/opt/packs-src', readOnly: true }))],
  };
}

/** An st2 RBAC definition file added to one of the base's ConfigMaps (roles, assignments, mappings). */
const rbacFile = (map: 'roles' | 'mappings', file: string, lines: string[]): Patch => patch({ kind: 'ConfigMap', name: `st2-rbac-${map}` }, add(`/data/${file}`, ['---', ...lines, ''].join('\n')));
const mapping = (file: string, group: string, roles: string[], enabled = true): Patch =>
  rbacFile('mappings', file, [`group: ${JSON.stringify(group)}`, 'description: "LDAP group mapping"', `enabled: ${enabled}`, 'roles:', ...roles.map((r) => `  - ${JSON.stringify(r)}`)]);
const role = (file: string, name: string, grants: Array<{ uid?: string; types: string[] }>): Patch =>
  rbacFile('roles', file, [`name: ${JSON.stringify(name)}`, 'description: "custom role"', 'enabled: true', 'permission_grants:', ...grants.flatMap((g) => [...(g.uid ? [`  - resource_uid: ${JSON.stringify(g.uid)}`, '    permission_types:'] : ['  - permission_types:']), ...g.types.map((t) => `      - ${JSON.stringify(t)}`)])]);

const hash = (node: string, ranges: string): string => `[sensorcontainer]\nsensor_node_name = ${node}\npartition_provider = name:hash, hash_ranges:${ranges}\n`;
const filePartition = (node: string): string => `[sensorcontainer]\nsensor_node_name = ${node}\npartition_provider = name:file, partition_file:/etc/st2/partition/partitions.yaml\n`;

export function fresh9St2Corpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const put = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f9-${id}`, 'st2-self', rule, body));
  };
  const deny = (id: string, rule: string, body: CaseBody): void => put(id, rule, body);
  const allow = (id: string, body: CaseBody): void => put(id, undefined, body);

  // --- st2auth-proxy-mode-bypass: the attacker's cases, then variants -----------------------------
  deny('auth-proxy-mode', 'ST2-HRD-011', { patches: [userConf('[auth]', 'mode = proxy')] });
  deny('auth-proxy-mode-secrets-template', 'ST2-HRD-011', { patches: [secretsConf('[auth]', 'mode = proxy')] });
  deny('auth-proxy-mode-staging', 'ST2-HRD-011', { wraps: 'staging', patches: [userConf('[auth]', 'mode = proxy')] });
  deny('auth-proxy-mode-cli', 'ST2-HRD-011', { patches: [st2authArgs('--auth-mode=proxy')] });
  deny('auth-proxy-mode-cli-prefix', 'ST2-HRD-011', { patches: [st2authArgs('--auth-mo', 'proxy')] });
  deny('auth-proxy-mode-quoted-upper-section', 'ST2-HRD-011', { patches: [userConf('[AUTH]', 'mode: "proxy"')] });
  deny('auth-mode-capitalised', 'ST2-HRD-011', { patches: [userConf('[auth]', 'mode = Proxy')] });
  deny('auth-proxy-mode-config-dir', 'ST2-HRD-011', {
    resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2auth-extra' }, data: { 'zz-auth.conf': '[auth]\nmode = proxy\n' } }],
    patches: [patch(DEPLOY('st2auth'), add(`${SPEC}/volumes/-`, { name: 'extra', configMap: { name: 'st2auth-extra' } }), add(`${FIRST}/volumeMounts/-`, { name: 'extra', mountPath: '/etc/st2/conf.d' }), add(`${FIRST}/args/-`, '--config-dir=/etc/st2/conf.d'))],
  });
  // Look-alikes: the default said out loud; proxy mode on dev (a warning there); a later file restoring standalone.
  allow('auth-standalone-explicit', { patches: [userConf('[auth]', 'mode = standalone')] });
  allow('auth-proxy-mode-dev-warns', { wraps: 'dev', patches: [userConf('[auth]', 'mode = proxy')] });
  allow('auth-proxy-then-standalone', { patches: [userConf('[auth]', 'mode = proxy'), secretsConf('[auth]', 'mode = standalone')] });

  // --- st2auth-credentials-in-clear ----------------------------------------------------------------
  deny('auth-ldap-cleartext', 'ST2-HRD-012', { patches: ldap({ host: 'ldap.corp.example.net', port: 389, use_ssl: false, use_tls: false }) });
  deny('auth-ldap-no-tls-options', 'ST2-HRD-012', { patches: ldap({ host: 'ldap.corp.example.net' }) });
  deny('auth-ldap-tls-zero', 'ST2-HRD-012', { patches: ldap({ host: 'ldap1.corp.example.net,ldap2.corp.example.net', port: 389, use_tls: 0, use_ssl: '' }) });
  deny('auth-ldap-staging', 'ST2-HRD-012', { wraps: 'staging', patches: ldap({ host: 'ldap.corp.example.net', port: 389 }) });
  deny('auth-keystone-http', 'ST2-HRD-012', { patches: [secretsConf('[auth]', 'backend = keystone', 'backend_kwargs = {"keystone_url": "http://keystone.corp.example.net:5000", "keystone_version": 3}')] });
  deny('auth-ldap-kwargs-placeholder', 'ST2-HRD-012', { patches: [ldapPassword, secretsConf('[auth]', 'backend = ldap', 'backend_kwargs = {"host": "ldap.corp.example.net", "use_ssl": {{ .ldapBindPassword }}}')] });
  deny('auth-ldap-cli-backend', 'ST2-HRD-012', { patches: [userConf('[auth]', 'backend_kwargs = {"host": "ldap.corp.example.net", "port": 389}'), st2authArgs('--auth-backend', 'ldap')] });
  allow('auth-ldaps', { patches: ldap({ host: 'ldap.example.com', port: 636, use_ssl: true }) });
  allow('auth-ldap-starttls', { patches: ldap({ host: 'ldap.example.com', port: 389, use_tls: true, cacert: '/etc/ssl/certs/ca-certificates.crt' }) });
  allow('auth-ldap-ssl-string', { patches: ldap({ host: 'ldap.example.com', use_ssl: 'false' }) });
  allow('auth-ldap-localhost-sidecar', { patches: ldap({ host: 'localhost', port: 3389 }) });
  // Denied since the eleventh red team: st2 3.8.1's images install only the flat_file and ldap backends (ST2-HRD-009).
  deny('auth-keystone-https', 'ST2-HRD-009', { patches: [secretsConf('[auth]', 'backend = keystone', 'backend_kwargs = {"keystone_url": "https://keystone.corp.example.net:5000", "keystone_version": 3}')] });
  allow('auth-ldap-cleartext-dev-warns', { wraps: 'dev', patches: ldap({ host: 'ldap.corp.example.net', port: 389 }) });

  // --- st2-rbac-grants-everyone ---------------------------------------------------------------------
  deny('rbac-domain-users-admin', 'ST2-HRD-013', { patches: [mapping('domain-users.yaml', 'CN=Domain Users,CN=Users,DC=example,DC=com', ['admin'])] });
  deny('rbac-all-staff-system-admin', 'ST2-HRD-013', { patches: [mapping('all-staff.yaml', 'CN=All Staff,OU=groups,DC=example,DC=com', ['system_admin'])] });
  deny('rbac-sample-role-widened', 'ST2-HRD-013', { patches: [role('sample.yaml', 'sample', [{ uid: 'pack:examples', types: ['action_view', 'action_execute'] }, { types: ['pack_install', 'pack_create', 'action_create'] }])] });
  deny('rbac-everyone-admin-staging', 'ST2-HRD-013', { wraps: 'staging', patches: [mapping('everyone.yaml', 'everyone', ['observer', 'admin'])] });
  deny('rbac-role-core-local', 'ST2-HRD-013', { patches: [role('helpdesk.yaml', 'helpdesk', [{ uid: 'action:core:local', types: ['action_execute'] }]), mapping('helpdesk.yaml', 'CN=helpdesk,OU=groups,DC=example,DC=com', ['helpdesk'])] });
  deny('rbac-custom-all-to-authenticated', 'ST2-HRD-013', { patches: [role('operators.yaml', 'operators', [{ types: ['action_all'] }]), mapping('authenticated.yaml', 'CN=Authenticated-Users,DC=example,DC=com', ['operators'])] });
  deny('rbac-mapping-in-secret', 'ST2-HRD-013', {
    resources: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'st2-rbac-extra' }, stringData: { 'domain-users.yaml': '---\ngroup: "CN=Domain Users,DC=example,DC=com"\nenabled: true\nroles: ["admin"]\n' } }],
  });
  allow('rbac-operators-admin', { patches: [mapping('operators.yaml', 'CN=st2-operators,OU=groups,DC=example,DC=com', ['admin'])] });
  allow('rbac-viewer-role', { patches: [role('viewer.yaml', 'viewer', [{ uid: 'pack:examples', types: ['action_view'] }]), mapping('viewers.yaml', 'CN=st2-viewers,OU=groups,DC=example,DC=com', ['viewer'])] });
  allow('rbac-domain-users-observer', { patches: [mapping('domain-users.yaml', 'CN=Domain Users,CN=Users,DC=example,DC=com', ['observer'])] });
  allow('rbac-disabled-mapping', { patches: [mapping('domain-users.yaml', 'CN=Domain Users,CN=Users,DC=example,DC=com', ['admin'], false)] });
  allow('rbac-scoped-execute-for-all-staff', { patches: [role('runbooks.yaml', 'runbooks', [{ uid: 'pack:runbooks', types: ['action_view', 'action_execute'] }]), mapping('all-staff.yaml', 'CN=All Staff,OU=groups,DC=example,DC=com', ['runbooks'])] });

  // --- st2-config-transport-mismatch and st2-config-state-or-credentials ---------------------------
  const busUrl = (tail: string): Patch =>
    patch(SECRETS_TEMPLATE, replace('/spec/target/template/data/st2.secrets.conf', ['[messaging]', `url = amqp${tail}`, '', '[database]', 'username = {{ .mongodbUser }}', 'password = {{ .mongodbPassword }}', ''].join('\n')));
  const replicaSet = (name: string): Patch => userConf('[database]', `host = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=${name}`);
  deny('cfg-messaging-ssl', 'ST2-HRD-014', { patches: [userConf('[messaging]', 'ssl = True')] });
  deny('cfg-messaging-amqps', 'ST2-HRD-014', { patches: [busUrl('s://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5671')] });
  deny('cfg-replicaset-mismatch', 'ST2-HRD-014', { patches: [replicaSet('rs1')] });
  deny('cfg-replicaset-case', 'ST2-HRD-014', { wraps: 'staging', patches: [replicaSet('RS0')] });
  deny('cfg-messaging-vhost-missing', 'ST2-HRD-014', { patches: [busUrl('://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672/st2')] });
  deny('cfg-messaging-vhost-encoded', 'ST2-HRD-014', { patches: [busUrl('://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq.st2-prod.svc:5672/%2Fst2')] });
  deny('cfg-key-path-missing', 'ST2-HRD-014', { patches: [userConf('[keyvalue]', 'encryption_key_path = /etc/st2/keys/datastore_key.v2.json')] });
  deny('cfg-key-path-dotdot', 'ST2-HRD-014', { patches: [userConf('[keyvalue]', 'encryption_key_path = /etc/st2/keys/../keys/./datastore_key.v2.json')] });
  allow('cfg-key-path-unmounted-sensor', {
    patches: [patch(DEPLOY('st2sensorcontainer'), { op: 'remove', path: `${FIRST}/volumeMounts/2` })],
  });
  deny('cfg-messaging-url-emptied', 'ST2-HRD-014', { patches: [secretsConf('[messaging]', 'url =')] });
  allow('cfg-messaging-ssl-false', { patches: [userConf('[messaging]', 'ssl = False')] });
  allow('cfg-messaging-default-vhost', { patches: [busUrl('://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672//')] });
  allow('cfg-replicaset-same', { patches: [replicaSet('rs0')] });
  allow('cfg-key-path-same', { patches: [userConf('[keyvalue]', 'encryption_key_path = /etc/st2/keys/datastore_key.json')] });
  allow('cfg-vhost-by-operator', {
    patches: [busUrl('://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672/st2')],
    resources: [{ apiVersion: 'rabbitmq.com/v1beta1', kind: 'Vhost', metadata: { name: 'st2' }, spec: { name: 'st2', rabbitmqClusterReference: { name: 'rabbitmq' } } }],
  });

  // --- plaintext-credential-in-git and weak-or-published-password ----------------------------------
  const authTemplate = (data: Json): Patch => patch({ group: 'external-secrets.io', kind: 'ExternalSecret', name: 'st2-auth' }, add('/spec/target/template', { engineVersion: 'v2', data }));
  const packConfig = (file: string, text: string): Patch => patch({ kind: 'ConfigMap', name: 'st2-pack-configs' }, add(`/data/${file}`, text));
  const fakeAwsId = `AKIA${'Q7XK2M9PLR4TZW8N'}`;
  deny('git-st2secrets-literal', 'ST2-SEC-013', { patches: [secretsConfRaw(['[messaging]', 'url = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672', '', '[database]', 'username = {{ .mongodbUser }}', 'password = Rk8w-2mQ9-xPzL-t4vN', ''])] });
  deny('git-messaging-url-literal', 'ST2-SEC-013', { patches: [secretsConfRaw(['[messaging]', 'url = amqp://admin:Lt7q-Wm3z-8KpN@rabbitmq:5672', '', '[database]', 'username = {{ .mongodbUser }}', 'password = {{ .mongodbPassword }}', ''])] });
  deny('git-st2auth-weak', 'ST2-SEC-014', { patches: [authTemplate({ username: '{{ .username }}', password: 'Password1' })] });
  deny('git-st2-test-login', 'ST2-SEC-014', { patches: [authTemplate({ username: 'testu', password: 'testp' })] });
  deny('git-st2auth-literal-strong', 'ST2-SEC-013', { patches: [authTemplate({ username: '{{ .username }}', password: 'x9Vq-7LmP-2wRt-K8zN' })] });
  deny('git-pack-config-aws', 'ST2-SEC-013', { patches: [packConfig('aws.yaml', `---\nregion: eu-west-1\naws_access_key_id: ${fakeAwsId}\naws_secret_access_key: ${'Zm9vYmFyYmF6cXV4'.repeat(2)}q7Xk2M9p\n`)] });
  deny('git-pack-config-github', 'ST2-SEC-013', { patches: [packConfig('github.yaml', `---\ntoken: ghp_${'A1b2C3d4E5f6G7h8I9j0'}${'K1l2M3n4O5p6Q7'}xyz\n`)] });
  deny('git-weak-secret-staging', 'ST2-SEC-014', { wraps: 'staging', resources: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'st2-extra-db' }, stringData: { 'mongodb-password': ' Admin123 ' } }] });
  deny('git-weak-ldap-bind', 'ST2-SEC-014', { patches: [userConf('[auth]', 'backend = ldap', 'backend_kwargs = {"host": "ldap.example.com", "use_ssl": true, "bind_dn": "CN=st2", "bind_password": "Welcome1"}')] });
  deny('git-weak-env', 'ST2-SEC-014', { patches: [patch(DEPLOY('st2client'), add(`${FIRST}/env/-`, { name: 'ST2_PASSWORD', value: 'qwerty123' }))] });
  allow('git-pack-config-datastore', { patches: [packConfig('aws.yaml', '---\nregion: eu-west-1\naws_access_key_id: "{{ st2kv.system.aws_key_id }}"\naws_secret_access_key: "{{ st2kv.system.aws_secret | decrypt_kv }}"\n')] });
  allow('git-template-trimmed-store-value', { patches: [authTemplate({ username: '{{ .username }}', password: '{{ .password | trim }}' })] });
  allow('git-fresh-secret', { resources: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'st2-extra-db' }, stringData: { 'mongodb-password': 'vR7q-Lm2x9Tz4Kw8Yp3N' } }] });
  allow('git-docs-name-env-vars', { patches: [packConfig('README.md', 'Set AWS_ACCESS_KEY_ID and the password in the store; never commit a key such as AKIA... here.\n')] });
  allow('git-weak-password-dev-warns', { wraps: 'dev', patches: [authTemplate({ username: '{{ .username }}', password: 'Password1' })] });

  // --- sensor-partition-overlap -----------------------------------------------------------------------
  deny('sensor-hash-overlap', 'ST2-REP-003', sensorPair(hash('sensornode-a', 'min..max'), hash('sensornode-b', '0..2147483648')));
  deny('sensor-hash-gap', 'ST2-OPS-036', sensorPair(hash('sensornode-a', 'min..1000000'), hash('sensornode-b', '4000000000..max')));
  deny('sensor-file-empty-list', 'ST2-REP-003', sensorPair(filePartition('sensornode-a'), filePartition('sensornode-b'), { 'partitions.yaml': 'sensornode-a:\n  - linux.FileWatchSensor\nsensornode-b: []\n' }));
  deny('sensor-single-plus-hash-all', 'ST2-REP-003', sensorPair(hash('sensornode-a', 'MIN..MAX'), '', {}, ['--single-sensor-mode', '--sensor-ref=github.GithubRepositorySensor']));
  deny('sensor-file-lists-overlap', 'ST2-REP-003', sensorPair(filePartition('sensornode-a'), filePartition('sensornode-b'), { 'partitions.yaml': 'sensornode-a: [linux.FileWatchSensor, github.GithubRepositorySensor]\nsensornode-b: [github.GithubRepositorySensor]\n' }));
  deny('sensor-hash-beyond-max', 'ST2-REP-003', sensorPair(hash('sensornode-a', 'MIN..2147483648'), hash('sensornode-b', '1000..99999999999')));
  allow('sensor-hash-halves-lower-case', sensorPair(hash('sensornode-a', 'min..2147483648'), hash('sensornode-b', '2147483648..max')));
  allow('sensor-file-disjoint', sensorPair(filePartition('sensornode-a'), filePartition('sensornode-b'), { 'partitions.yaml': 'sensornode-a: [linux.FileWatchSensor]\nsensornode-b: [github.GithubRepositorySensor]\n' }));
  // github.GithubRepositorySensor hashes to 4268311353 (st2's _hash_sensor_ref): outside MIN..4000000000.
  allow('sensor-single-outside-hash-range', sensorPair(hash('sensornode-a', 'MIN..4268311353|4268311354..MAX'), '', {}, ['--single-sensor-mode', '--sensor-ref=github.GithubRepositorySensor']));

  // --- False denials of the ninth set, and their unsafe neighbours ---------------------------------
  allow('smoke-st2-cli', {
    resources: [cliJob('st2-smoke-cli', `${CLI_CONFIG} && st2 --config-file /tmp/cli.conf --api-url http://st2api:9101/v1 --auth-url http://st2auth:9100 action list --pack=core >/dev/null`)],
  });
  allow('smoke-st2-cli-run', {
    resources: [cliJob('st2-smoke-run', `${CLI_CONFIG}; exec st2 --config-file=/tmp/cli.conf --url http://st2api.st2-prod.svc:9101 run core.local cmd=date`)],
  });
  deny('smoke-cli-then-st2api', 'ST2-HRD-005', {
    resources: [cliJob('st2-smoke-api', `${CLI_CONFIG} && st2 --config-file /tmp/cli.conf action list; /opt/stackstorm/st2/bin/st2api --config-file /tmp/cli.conf`)],
  });
  allow('webui-configjs', webFile('ConfigMap', 'config.js', CONFIG_JS, '/opt/stackstorm/static/webui/config.js'));
  allow('webui-custom-css', webFile('ConfigMap', 'custom.css', 'body { font-family: sans-serif; }\n', '/opt/stackstorm/static/webui/css/custom.css'));
  deny('webui-configjs-from-secret', 'ST2-OPS-011', webFile('Secret', 'config.js', CONFIG_JS, '/opt/stackstorm/static/webui/config.js'));
  deny('webui-key-renamed-by-items', 'ST2-OPS-011', {
    patches: [patch(DEPLOY('st2web'), add(`${SPEC}/volumes/-`, { name: 'webui-custom', configMap: { name: 'st2-config', items: [{ key: 'st2.docker.conf', path: 'config.js' }] } }), add(`${FIRST}/volumeMounts/-`, { name: 'webui-custom', mountPath: '/opt/stackstorm/static/webui/config.js', subPath: 'config.js', readOnly: true }))],
  });
  deny('webui-conf-as-js', 'ST2-OPS-011', webFile('ConfigMap', 'st2.conf', '[api]\nallow_origin = *\n', '/opt/stackstorm/static/webui/st2.js'));
  const files = Array.from({ length: 40 }, (_, i) => ({ name: `acme_netops/actions/act_${i}.py`, data: packSource(i) }));
  allow('pack-tarball', packArchive('acme_netops-1.4.2.tar.gz', gzipSync(tarOf([{ name: 'acme_netops/pack.yaml', data: 'ref: acme_netops\nname: acme_netops\nversion: 1.4.2\n' }, ...files]))));
  deny('pack-gzip-bomb', 'ST2-SEC-009', packArchive('acme_netops-9.9.9.tar.gz', gzipSync(tarOf([{ name: 'acme_netops/pad.py', data: '#'.repeat(8 * 1024 * 1024) }]))));
  return cases;
}
