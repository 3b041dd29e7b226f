import { describe, expect, it } from 'vitest';
import { isWeak } from '../../src/policy/committed-credentials.js';
import { isCredentialName, isLiteralCredential } from '../../src/policy/credential-values.js';
import { storeUserPasswords } from '../../src/policy/store-users.js';
import { collectStoreCredentialFacts } from '../../src/policy/store-credentials.js';
import { collectPodUnits } from '../../src/policy/pod-templates.js';

describe('isWeak: the most guessed passwords, with a short suffix and look-alike letters', () => {
  it.each([
    ['Password123!', true],
    ['P@ssw0rd', true],
    ['Welcome2026', true],
    ['admin', true],
    ['adm1n!', true],
    ['qwerty!!', true],
    ['St2admin2026', true],
    ['testp', true],
    ['Monkey.', true],
    ['vT9qLm2Xr8wP4zKd7hNe', false],
    ['Rootbeer12', false],
    ['Zr4pQ8wLx2Nv6TkB', false],
    ['administrator-of-the-night', false],
    ['Zürich-Ölberg-7f3a', false],
    ['ab1', false],
  ])('%s → %s', (value, weak) => {
    expect(isWeak(value)).toBe(weak);
  });
});

describe('isCredentialName: the last word names a credential', () => {
  it.each([
    ['ST2_API_KEY', true],
    ['RABBITMQ_DEFAULT_PASS', true],
    ['password', true],
    ['clientSecret', true],
    ['auth_token', true],
    ['secret_name', false],
    ['ST2_AUTH_TOKEN_TTL', false],
    ['MONGO_INITDB_ROOT_PASSWORD_FILE', false],
    ['existingSecret', false],
    ['bypass', false],
  ])('%s → %s', (name, yes) => {
    expect(isCredentialName(name)).toBe(yes);
  });
});

describe('isLiteralCredential: placeholders, paths, numbers and switches are none', () => {
  it.each([
    ['pR0d-MySQL-2026-kq7Zx', true],
    ['{{ st2kv.system.mysql_password | decrypt_kv }}', false],
    ['${MYSQL_PASSWORD}', false],
    ['$(ST2_PASSWORD)', false],
    ['/etc/st2/keys/api.key', false],
    ['86400', false],
    ['true', false],
    ['', false],
  ])('%j → %s', (value, yes) => {
    expect(isLiteralCredential(value)).toBe(yes);
  });
});

describe('storeUserPasswords: store accounts given literal passwords', () => {
  it.each([
    ['mongo createUser literal', 'db.getSiblingDB("admin").createUser({ user: "support", pwd: "Zr4pQ8wLx2Nv6TkB", roles: ["root"] });', ['MongoDB user pwd']],
    ['mongo createUser concatenated', 'db.createUser({user: "x", pwd: "ab" + "cd", roles: []})', ['MongoDB user pwd']],
    ['mongo changeUserPassword', "db.changeUserPassword('support', 'Zr4pQ8wLx2Nv6TkB')", ['MongoDB changeUserPassword']],
    ['mongo createUser from env', 'db.createUser({user: "x", pwd: process.env.MONGO_PW, roles: []})', []],
    ['mongo createUser from prompt', 'db.createUser({user: "x", pwd: passwordPrompt(), roles: []})', []],
    ['mongo createUser shell variable', 'mongosh --eval "db.createUser({user: \'x\', pwd: \'$MONGO_PASSWORD\', roles: []})"', []],
    ['rabbitmqctl add_user literal', 'rabbitmqctl add_user monitor "9jS"\'HtZ\' && rabbitmqctl set_user_tags monitor administrator', ['rabbitmqctl add_user']],
    ['rabbitmqctl add_user from env', 'rabbitmqctl -n rabbit@x add_user monitor "$MONITOR_PASSWORD"', []],
    ['rabbitmqctl add_user from stdin', 'printf %s "$P" | rabbitmqctl add_user monitor', []],
    ['rabbitmqadmin declare user', 'rabbitmqadmin declare user name=ops password=Hq3mW9zRt5Yc tags=administrator', ['rabbitmqadmin declare user']],
    ['definitions user literal', '{"users": [{"name": "admin", "password": "${pass}"}, {"name": "ops", "password": "Hq3mW9zRt5Yc", "tags": "administrator"}]}', ['RabbitMQ definitions user password']],
    ['definitions from the store', '{"users": [{"name": "admin", "password": "${pass}", "tags": "administrator"}], "vhosts": [{"name": "/"}]}', []],
    ['definitions password_hash', '{"users": [{"name": "ops", "password_hash": "kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR", "tags": ""}]}', []],
    ['a password outside users', '{"ldap": {"password": "x"}, "users": []}', []],
  ])('%s', (_name, text, labels) => {
    expect(storeUserPasswords(text)).toEqual(labels);
  });
});

describe('collectStoreCredentialFacts: what production must take from the store', () => {
  const deployment = (container: Record<string, unknown>, volumes: unknown[] = []) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'st2client' },
    spec: { template: { spec: { containers: [{ name: 'c', image: 'stackstorm/st2actionrunner:3.8.1', ...container }], volumes } } },
  });
  const secret = (name: string, stringData: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, stringData });
  const cm = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'st2-pack-configs' }, data });
  const facts = (manifests: Array<Record<string, unknown>>) => collectStoreCredentialFacts(manifests, collectPodUnits(manifests).specPaths).map((f) => `${f.kind} ${f.key}`);
  const readsAuth = deployment({ env: [{ name: 'ST2_AUTH_PASSWORD', valueFrom: { secretKeyRef: { name: 'st2-auth', key: 'password' } } }] });

  it.each([
    ['a committed Secret a pod reads', [secret('st2-auth', { username: 'st2admin', password: 'vJ4tQ9xLm2Wr7Kp3Zs8N' }), readsAuth], ['committed-secret password']],
    ['a committed Secret mounted as a volume', [secret('st2-auth', { password: 'vJ4tQ9xLm2Wr7Kp3Zs8N' }), deployment({}, [{ name: 'a', secret: { secretName: 'st2-auth' } }])], ['committed-secret password']],
    ['a committed Secret no pod reads', [secret('webhook-token', { token: 'vJ4tQ9xLm2Wr7Kp3Zs8N' }), readsAuth], []],
    ['an st2 API key env literal', [deployment({ env: [{ name: 'ST2_API_KEY', value: 'NDk3ZTk5MjQ1YmQ4' }] })], ['env-literal ST2_API_KEY']],
    ['an env reference', [deployment({ env: [{ name: 'ST2_API_KEY', valueFrom: { secretKeyRef: { name: 'k', key: 'k' } } }, { name: 'DB_PASSWORD', value: '$(DB_PW)' }] })], []],
    ['a pack config password', [cm({ 'mysql.yaml': '---\nhost: db\npassword: "pR0d-2026"\n' })], ['config-file mysql.yaml password']],
    ['a pack config datastore reference', [cm({ 'mysql.yaml': '---\nhost: db\npassword: "{{ st2kv.system.mysql_password | decrypt_kv }}"\n' })], []],
    ['an st2 config option in a ConfigMap', [cm({ 'st2.user.conf': '[database]\nusername = st2\npassword = pR0d-2026\n' })], ['config-file st2.user.conf [database] password']],
    // A URL's password in an st2 option is the same credential (red22 db-uri-planted-uri): pymongo and kombu log in with it.
    ['a password in [database] host\'s URI', [cm({ 'st2.user.conf': '[database]\nhost = mongodb://admin:Qv7nR2xLp9Tz@mongodb-0.mongodb:27017,mongodb-1.mongodb:27017/?replicaSet=rs0\n' })], ['config-file st2.user.conf [database] host password']],
    ['a percent-encoded password in [messaging] url', [cm({ 'st2.user.conf': '[messaging]\nurl = amqp://st2:Qv7n%40R2x@rabbitmq:5672/\n' })], ['config-file st2.user.conf [messaging] url password']],
    ['a password in a later [messaging] cluster_urls URL', [cm({ 'st2.user.conf': '[messaging]\ncluster_urls = amqp://rabbitmq-0.rabbitmq:5672, amqp://st2:Qv7nR2x@rabbitmq-1.rabbitmq:5672\n' })], ['config-file st2.user.conf [messaging] cluster_urls password']],
    ['a URI with a user and no password', [cm({ 'st2.user.conf': '[database]\nhost = mongodb://st2@mongodb-0.mongodb:27017/?replicaSet=rs0\n' })], []],
    ['a URI whose password is a placeholder', [cm({ 'st2.user.conf': '[messaging]\nurl = amqp://st2:${RABBITMQ_PASSWORD}@rabbitmq:5672/\n' })], []],
    ['a URI without user-info', [cm({ 'st2.user.conf': '[database]\nhost = mongodb://mongodb-0.mongodb:27017/?authSource=admin&replicaSet=rs0\n' })], []],
    ['an LDAP bind password in backend_kwargs', [cm({ 'st2.user.conf': '[auth]\nbackend = ldap\nbackend_kwargs = {"use_ssl": true, "bind_dn": "cn=st2", "bind_password": "Lx4mQ8nVb2Cz"}\n' })], ['config-file st2.user.conf [auth] backend_kwargs bind_password']],
    // st2 connects with [messaging] cluster_urls instead of url when set (st2common/transport/utils.py get_messaging_urls): each URL's password counts.
    ['a [messaging] url password in a ConfigMap', [cm({ 'st2.user.conf': '[messaging]\nurl = amqp://admin:Qv7r-Lx2m-9TzP@rabbitmq:5672\n' })], ['config-file st2.user.conf [messaging] url password']],
    ['a password in the second URL of cluster_urls', [cm({ 'st2.user.conf': '[messaging]\ncluster_urls = amqp://admin:{{ .pw }}@rabbitmq-0.rabbitmq:5672, amqp://admin:Qv7r%2DLx2m@rabbitmq-1.rabbitmq:5672\n' })], ['config-file st2.user.conf [messaging] cluster_urls password']],
    ['cluster_urls without passwords or with placeholders', [cm({ 'st2.user.conf': '[messaging]\ncluster_urls = amqp://rabbitmq-0.rabbitmq:5672,amqp://admin@rabbitmq-1.rabbitmq:5672,amqp://admin:${RMQ_PW}@rabbitmq-2.rabbitmq:5672\n' })], []],
    ['an LDAP bind password from a placeholder', [cm({ 'st2.user.conf': '[auth]\nbackend_kwargs = {"bind_dn": "cn=st2", "bind_password": "${LDAP_BIND_PASSWORD}"}\n' })], []],
    ['a store user in a mounted script', [cm({ 'init.js': 'db.createUser({user: "s", pwd: "Zr4pQ8wLx2Nv6TkB", roles: ["root"]})' })], ['store-user init.js MongoDB user pwd']],
    ['a store user in a hook', [deployment({ lifecycle: { postStart: { exec: { command: ['sh', '-c', 'rabbitmqctl add_user ops Hq3mW9zRt5Yc'] } } } })], ['store-user rabbitmqctl add_user']],
  ])('%s', (_name, manifests, expected) => {
    expect(facts(manifests)).toEqual(expected);
  });
});
