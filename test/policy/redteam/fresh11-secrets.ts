/**
 * The tenth red team's secret holes (test/attackers/red10, `sec-*`),
 * rewritten with variants and safe look-alikes:
 *
 * - production credentials outside the secret store (ST2-SEC-013 in
 *   production): a Secret pods read committed in place of its
 *   ExternalSecret, a credential env literal (an st2 API key), a password
 *   in a pack config, MongoDB and RabbitMQ users created with literal
 *   passwords (backdoor accounts);
 * - weak passwords with a suffix or look-alike letters (ST2-SEC-014);
 * - published defaults assembled from pieces (ST2-SEC-001): adjacent shell
 *   quotes, string concatenation, code points, `printf` of halves, shell
 *   variables, `rev` and `[::-1]`, halves in two keys of one ConfigMap or
 *   Secret, and an htpasswd bcrypt line of st2's default login.
 *
 * Look-alikes: ExternalSecret references, `{{ st2kv.system.x | decrypt_kv }}`,
 * users created from the environment, fresh values split or reversed the
 * same ways, bcrypt of a strong password, a generated token no pod reads,
 * and staging committing its own credentials.
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { FIRST, DEPLOY, STS, patch, type Json } from './targets.js';

const CM = (name: string): Json => ({ version: 'v1', kind: 'ConfigMap', name });

// The chart's published values (policies/chart_defaults/data.json), in pieces.
const ST2 = ['Ch@n', 'geMe'] as const;
const RABBIT = ['9jS+w1u07Nb', 'HtZke1m+jW4Cj'] as const;
const MONGO = ['XeL5Rxwj7F0W', 't43tFZVTN7H8Sg5XDHmK'] as const;
const KEYFILE = ['82PItDpqroti5Rng', 'OA7UqbHH7c6bFUwy'] as const;
const ROOT = ['8fAzdnksdzPF', 'UWm4a68EfY7nMhBPaa'] as const;
// Fresh values written for these cases (no default).
const FRESH = ['q7Vt2Lx9Rm4K', 'p8Wz3Nc6Hs1J'] as const;
const STRONG = 'vJ4tQ9xLm2Wr7Kp3Zs8N';
// bcrypt lines as libxcrypt writes them: st2's default login at cost 4 and 10, a strong password at cost 5.
const BCRYPT_DEFAULT_4 = '$2y$04$9H3pG6yTz3wLq0c8Vb1rWea5tTvmhA22EokAITrfIvoOuG79L97hi';
const BCRYPT_DEFAULT_10 = '$2b$10$abcdefghijklmnopqrstuu4Et.E7YnWqgNz4Br0XhxJsTH0fZzCFK';
const BCRYPT_STRONG_5 = '$2b$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui';

/** A secretGenerator Secret in place of one of the base's ExternalSecrets (deleted). */
function replacing(es: string, literals: readonly string[]): string[] {
  return [
    'secretGenerator:',
    `  - name: ${es}`,
    '    options: {disableNameSuffixHash: true}',
    '    literals:',
    ...literals.map((l) => `      - ${JSON.stringify(l)}`),
    'patches:',
    '  - patch: |-',
    '      apiVersion: external-secrets.io/v1',
    '      kind: ExternalSecret',
    `      metadata: {name: ${es}}`,
    '      $patch: delete',
  ];
}

const script = (js: string): Patch => patch(CM('mongodb-scripts'), { op: 'replace', path: '/data/replset-init.js', value: js });
const postStart = (target: Json, sh: string): Patch => patch(target, { op: 'add', path: `${FIRST}/lifecycle`, value: { postStart: { exec: { command: ['sh', '-c', sh] } } } });
const env = (target: Json, entries: Json[]): Patch => patch(target, { op: 'add', path: `${FIRST}/env`, value: entries });
const packConfig = (file: string, yaml: string): Patch => patch(CM('st2-pack-configs'), { op: 'add', path: `/data/${file}`, value: yaml });
const rabbitDefinitions = (users: string): Patch =>
  patch(STS('rabbitmq'), {
    op: 'replace',
    path: '/spec/template/spec/initContainers/0/command/2',
    value: [
      'cp /etc/rabbitmq-configmap/rabbitmq.conf /etc/rabbitmq-configmap/enabled_plugins /etc/rabbitmq/',
      `pass="$(printf '%s' "\${RABBITMQ_PASSWORD}" | sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g')"`,
      'cat > /etc/rabbitmq/definitions.json <<EOF',
      `{"users": [{"name": "admin", "password": "\${pass}", "tags": "administrator"}, ${users}],`,
      ' "vhosts": [{"name": "/"}],',
      ' "permissions": [{"user": "admin", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}],',
      ' "policies": [{"vhost": "/", "name": "ha", "pattern": "", "apply-to": "queues", "priority": 0, "definition": {"ha-mode": "all", "ha-sync-mode": "automatic", "ha-sync-batch-size": 10}}]}',
      'EOF',
      '',
    ].join('\n'),
  });
const createUser = (pwd: string): string =>
  `var status = db.adminCommand({ replSetGetStatus: 1 });\nif (status.code === 94) {\n  rs.initiate({ _id: "rs0", members: [{ _id: 0, host: "mongodb-0.mongodb:27017" }, { _id: 1, host: "mongodb-1.mongodb:27017" }, { _id: 2, host: "mongodb-2.mongodb:27017" }] });\n  sleep(10000);\n  db.getSiblingDB("admin").createUser({ user: "support", pwd: ${pwd}, roles: ["root"] });\n}\n`;
/** A ConfigMap of two keys mounted over the MongoDB keyfile volume and joined by the init container. */
const keyParts = (a: string, b: string): string[] => [
  'configMapGenerator:',
  '  - name: mongodb-keyparts',
  '    options: {disableNameSuffixHash: true}',
  '    literals:',
  `      - a=${a}`,
  `      - b=${b}`,
];
const keyPartsPatch = (command: string): Patch =>
  patch(STS('mongodb'), { op: 'replace', path: '/spec/template/spec/volumes/0', value: { name: 'keyfile', configMap: { name: 'mongodb-keyparts' } } }, { op: 'replace', path: '/spec/template/spec/initContainers/0/command/2', value: command });
const htpasswd = (line: string): Json[] => [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-htpasswd-static' }, data: { htpasswd: `${line}\n` } }];
const htpasswdMount: Patch = patch(DEPLOY('st2auth'), { op: 'replace', path: '/spec/template/spec/volumes/1', value: { name: 'htpasswd-vol', configMap: { name: 'st2-htpasswd-static' } } });

export function fresh11SecretsCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f11s-${id}`, 'secrets', rule, body));
  };
  const SEC013 = 'ST2-SEC-013';
  const SEC001 = 'ST2-SEC-001';

  // --- Production credentials outside the store (ST2-SEC-013, production) ---------------------------
  add('committed-st2-auth', SEC013, { extra: replacing('st2-auth', ['username=st2admin', `password=${STRONG}`]) });
  add('committed-mongodb-admin', SEC013, {
    resources: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'mongodb-admin' }, type: 'Opaque', stringData: { user: 'admin', password: STRONG } }],
    extra: ['patches:', '  - patch: |-', '      apiVersion: external-secrets.io/v1', '      kind: ExternalSecret', '      metadata: {name: mongodb-admin}', '      $patch: delete'],
  });
  add('api-key-env', SEC013, { patches: [env(DEPLOY('st2client'), [{ name: 'ST2_API_KEY', value: `${STRONG}${STRONG}` }])] });
  add('password-env-runner', SEC013, { patches: [env(DEPLOY('st2client'), [{ name: 'MYSQL_PASSWORD', value: STRONG }])] });
  add('pack-config-password', SEC013, { patches: [packConfig('mysql.yaml', `---\nhost: mysql.db.svc\nuser: st2_ops\npassword: "${STRONG}"\n`)] });
  add('pack-config-nested-token', SEC013, { patches: [packConfig('jira.yaml', `---\nurl: https://jira.example.com\nauth:\n  method: token\n  api_token: ${STRONG}\n`)] });
  add('mongo-backdoor-literal', SEC013, { patches: [script(createUser(`"${STRONG}"`))] });
  add('mongo-backdoor-change-password', SEC013, { patches: [script(`db.getSiblingDB("admin").changeUserPassword('root', '${STRONG}');\n`)] });
  add('rabbit-backdoor-definitions', SEC013, { patches: [rabbitDefinitions(`{"name": "ops", "password": "${STRONG}", "tags": "administrator"}`)] });
  add('rabbit-backdoor-add-user', SEC013, { patches: [postStart(STS('rabbitmq'), `sleep 30; rabbitmqctl add_user ops '${STRONG}' && rabbitmqctl set_user_tags ops administrator`)] });
  add('rabbit-backdoor-rabbitmqadmin', SEC013, { patches: [postStart(STS('rabbitmq'), `sleep 30; rabbitmqadmin declare user name=ops password=${STRONG} tags=administrator`)] });
  add('safe-pack-config-decrypt-kv', undefined, { patches: [packConfig('mysql.yaml', '---\nhost: mysql.db.svc\nuser: st2_ops\npassword: "{{ st2kv.system.mysql_password | decrypt_kv }}"\n')] });
  add('safe-pack-config-no-credential', undefined, { patches: [packConfig('jira.yaml', '---\nurl: https://jira.example.com\nproject: OPS\nverify_ssl: true\ntoken_ttl: 3600\n')] });
  add('safe-api-key-from-secret', undefined, { patches: [env(DEPLOY('st2client'), [{ name: 'ST2_API_KEY', valueFrom: { secretKeyRef: { name: 'st2-auth', key: 'password' } } }])] });
  add('safe-password-file-env', undefined, { patches: [env(DEPLOY('st2client'), [{ name: 'MYSQL_PASSWORD_FILE', value: '/run/secrets/mysql/password' }])] });
  add('safe-mongo-user-from-env', undefined, { patches: [script(createUser('process.env.MONGO_SUPPORT_PASSWORD'))] });
  add('safe-rabbit-user-from-env', undefined, { patches: [rabbitDefinitions('{"name": "monitor", "password": "${monitor_pass}", "tags": "monitoring"}')] });
  add('safe-rabbit-add-user-env', undefined, { patches: [postStart(STS('rabbitmq'), 'sleep 30; rabbitmqctl add_user monitor "$MONITOR_PASSWORD" && rabbitmqctl set_user_tags monitor monitoring')] });
  add('safe-generated-token-unread', undefined, { extra: ['secretGenerator:', '  - name: webhook-token', '    literals:', `      - token=${STRONG}`] });
  add('safe-committed-st2-auth-staging', undefined, { wraps: 'staging', extra: replacing('st2-auth', ['username=st2admin', `password=${STRONG}`]) });

  // --- Weak passwords with a suffix or look-alike letters (ST2-SEC-014) -------------------------------
  add('weak-suffix-prod', 'ST2-SEC-014', { extra: replacing('st2-auth', ['username=st2admin', 'password=Password123!']) });
  add('weak-year-staging', 'ST2-SEC-014', { wraps: 'staging', extra: replacing('st2-auth', ['username=st2admin', 'password=Welcome2026!']) });
  add('weak-leet-staging', 'ST2-SEC-014', { wraps: 'staging', extra: replacing('st2-auth', ['username=st2admin', 'password=P@ssw0rd']) });
  add('safe-long-passphrase-staging', undefined, { wraps: 'staging', extra: replacing('st2-auth', ['username=st2admin', 'password=password-horse-battery-staple-91']) });

  // --- Published defaults assembled from pieces (ST2-SEC-001) -----------------------------------------
  const st2Config = (expr: string): Patch => postStart(DEPLOY('st2client'), `mkdir -p /root/.st2 && printf "[credentials]\\nusername = st2admin\\npassword = %s\\n" ${expr} > /root/.st2/config`);
  add('adjacent-quotes-rabbit', SEC001, { wraps: 'staging', patches: [postStart(STS('rabbitmq'), `sleep 60; rabbitmqctl add_user monitor "${RABBIT[0]}"'${RABBIT[1]}' && rabbitmqctl set_user_tags monitor administrator`)] });
  add('unquoted-then-quoted', SEC001, { wraps: 'staging', patches: [postStart(STS('rabbitmq'), `sleep 60; rabbitmqctl add_user monitor ${RABBIT[0]}"${RABBIT[1]}"`)] });
  add('js-concat-mongo', SEC001, { patches: [script(createUser(`"${MONGO[0]}" + "${MONGO[1]}"`))] });
  add('js-concat-multiline', SEC001, { wraps: 'staging', patches: [script(createUser(`'${ROOT[0]}' +\n    '${ROOT[1]}'`))] });
  add('python-implicit-concat', SEC001, { wraps: 'staging', patches: [postStart(DEPLOY('st2client'), `python3 -c "open('/root/.st2/config', 'w').write('[credentials]\\npassword = ' '${ST2[0]}' '${ST2[1]}')"`)] });
  add('python-chr', SEC001, { wraps: 'staging', patches: [postStart(DEPLOY('st2client'), `python3 -c "print(${[...ST2.join('')].map((c) => `chr(${c.charCodeAt(0)})`).join(' + ')})" > /root/.st2/pw`)] });
  add('rev', SEC001, { patches: [st2Config(`"$(echo ${[...ST2.join('')].reverse().join('')} | rev)"`)] });
  add('python-reverse', SEC001, { wraps: 'staging', patches: [postStart(DEPLOY('st2client'), `python3 -c "print('${[...ST2.join('')].reverse().join('')}'[::-1])" > /root/.st2/pw`)] });
  add('printf-halves', SEC001, { patches: [postStart(DEPLOY('st2client'), `printf '%s%s' '${ST2[0]}' '${ST2[1]}' > /root/.st2/pw`)] });
  add('shell-variables', SEC001, { patches: [postStart(DEPLOY('st2client'), `a='${ST2[0]}'; b=${ST2[1]}; echo "password = $a$b" >> /root/.st2/config`)] });
  add('keyfile-two-keys', SEC001, { extra: keyParts(KEYFILE[0], KEYFILE[1]), patches: [keyPartsPatch('cat /keyfile/a /keyfile/b > /data/configdb/key.txt && chmod 0400 /data/configdb/key.txt')] });
  add('keyfile-two-keys-reversed', SEC001, { extra: keyParts(KEYFILE[1], KEYFILE[0]), patches: [keyPartsPatch('cat /keyfile/b /keyfile/a > /data/configdb/key.txt && chmod 0400 /data/configdb/key.txt')] });
  add('root-password-two-secret-keys', SEC001, {
    wraps: 'staging',
    resources: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'mongodb-root-parts' }, type: 'Opaque', data: { p1: Buffer.from(`${ROOT[0]}\n`).toString('base64'), p2: Buffer.from(ROOT[1]).toString('base64') } }],
    patches: [patch(DEPLOY('st2client'), { op: 'add', path: '/spec/template/spec/volumes/-', value: { name: 'root-parts', projected: { sources: [{ secret: { name: 'mongodb-root-parts' } }] } } })],
  });
  add('htpasswd-bcrypt-default', SEC001, { resources: htpasswd(`st2admin:${BCRYPT_DEFAULT_4}`), patches: [htpasswdMount] });
  add('htpasswd-bcrypt-default-cost10', SEC001, { resources: htpasswd(`st2admin:${BCRYPT_DEFAULT_10}`), patches: [htpasswdMount] });
  add('htpasswd-bcrypt-over-cost', 'ST2-SEC-009', { resources: htpasswd('st2admin:$2b$14$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui'), patches: [htpasswdMount] });
  add('safe-adjacent-quotes-fresh', undefined, { wraps: 'staging', patches: [postStart(STS('rabbitmq'), `sleep 60; rabbitmqctl add_user monitor "${FRESH[0]}"'${FRESH[1]}'`)] });
  add('safe-js-concat-message', undefined, { patches: [script('print("replica set " + "rs0" + " already initiated");\n')] });
  add('safe-rev-hostname', undefined, { patches: [postStart(DEPLOY('st2client'), 'hostname | rev | cut -d- -f1 | rev > /tmp/ordinal')] });
  add('safe-printf-fresh', undefined, { wraps: 'staging', patches: [postStart(DEPLOY('st2client'), `printf '%s%s' '${FRESH[0]}' '${FRESH[1]}' > /tmp/pw`)] });
  add('safe-fresh-halves-two-keys', undefined, { extra: keyParts(FRESH[0], FRESH[1]), patches: [keyPartsPatch('cat /keyfile/a /keyfile/b > /data/configdb/key.txt && chmod 0400 /data/configdb/key.txt')] });
  add('safe-htpasswd-bcrypt-strong', undefined, { resources: htpasswd(`st2admin:${BCRYPT_STRONG_5}`), patches: [htpasswdMount] });
  return cases;
}
