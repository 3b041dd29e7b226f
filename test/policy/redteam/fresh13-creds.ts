/**
 * The twelfth red team's credential misses (test/attackers/red12), rewritten
 * as patches over prod with variants and safe look-alikes:
 *
 * - a credential variable taken from a ConfigMap key (ST2-SEC-013, production):
 *   `envFrom` (with and without a prefix) and `configMapKeyRef`, judged by the
 *   variable the container sees; settings, `*_FILE` paths and Secrets stay allowed;
 * - an st2 API key (base64 of a hex digest, as st2's generate_api_key writes it)
 *   in an annotation, a pod template's annotation, a label or a ConfigMap script
 *   (ST2-SEC-013); checksums, SRI digests, UUIDs and base64 text stay allowed;
 * - a published default ROT13-encoded (ST2-SEC-001); ROT13 of other words stays allowed;
 * - an ExternalSecret writing credentials into a ConfigMap or a custom resource
 *   (ST2-SEC-035); settings into a ConfigMap, an explicit Secret target stay allowed;
 * - token lifetimes past the bundle's maxima (ST2-SEC-036); st2's default, shorter
 *   ones and the maxima themselves stay allowed;
 * - DEBUG logging in st2's API services in production (ST2-SEC-017); off, or in staging, stays allowed;
 * - a mongod keyfile outside every volume of the official image (ST2-REP-016);
 *   the base's path in mongod's inline spelling stays allowed.
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';

type Json = Record<string, unknown>;

const ST2_CONF = { kind: 'ConfigMap', name: 'st2-config' };
const FIRST = '/spec/template/spec/containers/0';
const DEPLOY = (name: string): Json => ({ group: 'apps', kind: 'Deployment', name });
const STS = (name: string): Json => ({ group: 'apps', kind: 'StatefulSet', name });
const ES = (name: string): Json => ({ group: 'external-secrets.io', kind: 'ExternalSecret', name });
const patch = (target: Json, ...ops: Json[]): Patch => ({ target, ops });
const configMap = (name: string, data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
const userConf = (...lines: string[]): Patch => patch(ST2_CONF, { op: 'replace', path: '/data/st2.user.conf', value: ['# Operator overrides. Highest priority.', '[api]', "allow_origin = '*'", '', ...lines, ''].join('\n') });

/** An st2 API key as st2's generate_api_key writes it: base64 of a hex digest, without padding. */
const apiKey = (hex: string): string => Buffer.from(hex, 'utf8').toString('base64').replace(/=+$/, '');
const SHA256_HEX = '3f1d0c6be2a4487f9e05b1d2c7a86e4f0b9d3a5c1e7f20846a9b3c5d7e1f0a2b';
const MD5_HEX = '9b2e41d07c5a8f36e1d4b7a0c3f96e25';
/** ROT13, as `tr 'A-Za-z' 'N-ZA-Mn-za-m'` writes it. */
const rot13 = (t: string): string => t.replace(/[A-Za-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - (c >= 'a' ? 97 : 65) + 13) % 26) + (c >= 'a' ? 97 : 65)));
const ST2_DEFAULT = 'Ch@ngeMe';
const RABBIT_DEFAULT = '9jS+w1u07NbHtZke1m+jW4Cj';
const MONGO_DEFAULT = 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK';

const addEnvFrom = (app: string, value: Json, kind = DEPLOY(app)): Patch => patch(kind, { op: 'add', path: `${FIRST}/envFrom/-`, value });
/** The first container's env, which the base leaves out of every st2 service but st2client and st2web. */
const setEnv = (app: string, value: Json): Patch => patch(DEPLOY(app), { op: 'add', path: `${FIRST}/env`, value: [value] });
const annotate = (target: Json, path: string, key: string, value: string): Patch => patch(target, { op: 'add', path: `${path}/${key.replace(/\//g, '~1')}`, value });

const externalSecret = (name: string, spec: Json): Json => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name },
  spec: { refreshInterval: '1h', secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-production' }, ...spec },
});

export function fresh13CredsCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f13c-${id}`, cls, rule, body));
  };
  const SEC013 = 'ST2-SEC-013';

  // --- A credential variable from a ConfigMap key (ST2-SEC-013) --------------------------------------
  add('cm-envfrom-login-password', 'secrets', SEC013, { resources: [configMap('client-login', { ST2_AUTH_USERNAME: 'st2admin', ST2_AUTH_PASSWORD: 'Lw9-orchid-Tram-4471' })], patches: [addEnvFrom('st2client', { configMapRef: { name: 'client-login' } })] });
  add('cm-envfrom-api-key-runner', 'secrets', SEC013, { resources: [configMap('runner-settings', { ST2_API_KEY: apiKey(SHA256_HEX), ST2_API_URL: 'http://st2api:9101' })], patches: [addEnvFrom('st2actionrunner', { configMapRef: { name: 'runner-settings' } })] });
  // The prefix makes the name: KEY alone is no credential, ST2_API_KEY is.
  add('cm-envfrom-prefix-makes-api-key', 'secrets', SEC013, { resources: [configMap('api-bits', { KEY: 'b7Qe-lantern-5520-Fjord' })], patches: [addEnvFrom('st2api', { prefix: 'ST2_API_', configMapRef: { name: 'api-bits' } })] });
  add('cm-key-ref-into-password', 'secrets', SEC013, { resources: [configMap('sensor-bits', { value: 'Gq4-tundra-Wick-0913' })], patches: [setEnv('st2sensorcontainer', { name: 'SLACK_BOT_TOKEN', valueFrom: { configMapKeyRef: { name: 'sensor-bits', key: 'value' } } })] });
  add('cm-key-ref-credential-key', 'secrets', SEC013, { resources: [configMap('notify-bits', { webhook_secret: 'Rk2-basalt-Vine-7780' })], patches: [setEnv('st2notifier', { name: 'HOOK', valueFrom: { configMapKeyRef: { name: 'notify-bits', key: 'webhook_secret' } } })] });
  // Safe: settings, paths to a mounted credential, a Secret, dev's own.
  add('safe-cm-envfrom-settings', 'secrets', undefined, { resources: [configMap('client-settings', { ST2_API_URL: 'http://st2api:9101', ST2_AUTH_URL: 'http://st2auth:9100', ST2_TOKEN_TTL: '3600' })], patches: [addEnvFrom('st2client', { configMapRef: { name: 'client-settings' } })] });
  add('safe-cm-envfrom-password-file-path', 'secrets', undefined, { resources: [configMap('client-paths', { ST2_AUTH_PASSWORD_FILE: '/var/run/st2/password' })], patches: [addEnvFrom('st2client', { configMapRef: { name: 'client-paths' } })] });
  add('safe-cm-envfrom-secret-ref', 'secrets', undefined, { patches: [addEnvFrom('st2client', { secretRef: { name: 'st2-auth' } })] });
  add('safe-dev-cm-envfrom-password', 'secrets', undefined, { wraps: 'dev', resources: [configMap('client-login', { ST2_AUTH_PASSWORD: 'Lw9-orchid-Tram-4471' })], patches: [addEnvFrom('st2client', { configMapRef: { name: 'client-login' } })] });

  // --- An st2 API key by its form (ST2-SEC-013) ---------------------------------------------------------
  add('api-key-deployment-annotation', 'secrets', SEC013, { patches: [annotate(DEPLOY('st2client'), '/metadata/annotations', 'ops.example.com/st2-key', apiKey(SHA256_HEX))] });
  add('api-key-pod-template-annotation', 'secrets', SEC013, { patches: [annotate(DEPLOY('st2api'), '/spec/template/metadata/annotations', 'ci.example.com/token', apiKey(MD5_HEX))] });
  add('api-key-service-label', 'secrets', SEC013, { patches: [annotate({ kind: 'Service', name: 'st2api' }, '/metadata/labels', 'key', apiKey(MD5_HEX))] });
  add('api-key-in-configmap-script', 'secrets', SEC013, { resources: [configMap('smoke', { 'smoke.sh': `#!/bin/sh\ncurl -fsS -H "St2-Api-Key: ${apiKey(SHA256_HEX)}" http://st2api:9101/v1/actions\n` })] });
  add('staging-api-key-annotation', 'secrets', SEC013, { wraps: 'staging', patches: [annotate(DEPLOY('st2client'), '/metadata/annotations', 'st2-api-key', apiKey(SHA256_HEX))] });
  // Safe: digests as hex, an SRI digest (base64 of raw bytes), a UUID, base64 of text.
  add('safe-annotation-config-checksum', 'secrets', undefined, { patches: [annotate(DEPLOY('st2api'), '/spec/template/metadata/annotations', 'checksum/config', SHA256_HEX)] });
  add('safe-annotation-secret-checksum', 'secrets', undefined, { patches: [annotate(DEPLOY('st2auth'), '/spec/template/metadata/annotations', 'checksum/secret', MD5_HEX)] });
  add('safe-annotation-sri-digest', 'secrets', undefined, { patches: [annotate(DEPLOY('st2web'), '/metadata/annotations', 'integrity', `sha256-${Buffer.from(SHA256_HEX, 'hex').toString('base64')}`)] });
  add('safe-annotation-uuid-and-text', 'secrets', undefined, {
    patches: [patch(DEPLOY('st2client'), { op: 'add', path: '/metadata/annotations/build.example.com~1id', value: '5f0c2a9e-7b41-4d8e-a3c6-91e0b7d24f18' }, { op: 'add', path: '/metadata/annotations/build.example.com~1note', value: Buffer.from('built by the nightly pipeline from main', 'utf8').toString('base64') })],
  });

  // --- Published defaults ROT13-encoded (ST2-SEC-001) -----------------------------------------------------
  add('rot13-login-in-init-command', 'secrets', 'ST2-SEC-001', {
    patches: [patch(DEPLOY('st2client'), { op: 'add', path: '/spec/template/spec/initContainers', value: [{ name: 'login', image: 'stackstorm/st2actionrunner:3.8.1', command: ['sh', '-c', `st2 login st2admin -p "$(echo '${rot13(ST2_DEFAULT)}' | tr 'A-Za-z' 'N-ZA-Mn-za-m')"`], resources: { limits: { cpu: '100m', memory: '64Mi' }, requests: { cpu: '10m', memory: '16Mi' } }, securityContext: { allowPrivilegeEscalation: false } }] })],
  });
  add('rot13-rabbit-password-in-configmap', 'secrets', 'ST2-SEC-001', { resources: [configMap('bus-hint', { 'amqp.rot13': rot13(RABBIT_DEFAULT) })] });
  add('rot13-mongo-password-env', 'secrets', 'ST2-SEC-001', { patches: [setEnv('st2api', { name: 'DB_HINT', value: `rot13:${rot13(MONGO_DEFAULT)}` })] });
  add('safe-rot13-other-word', 'secrets', undefined, { resources: [configMap('greeting', { 'hello.sh': `echo '${rot13('Welcome to the StackStorm cluster')}' | tr 'A-Za-z' 'N-ZA-Mn-za-m'\n` })] });

  // --- ExternalSecrets writing credentials into other kinds (ST2-SEC-035) -----------------------------------
  const manifest = (name: string, kind: string, apiVersion = 'v1'): Patch => patch(ES(name), { op: 'add', path: '/spec/target/manifest', value: { apiVersion, kind } });
  add('eso-auth-into-configmap', 'secrets', 'ST2-SEC-035', { patches: [manifest('st2-auth', 'ConfigMap')] });
  add('eso-rabbit-into-custom-resource', 'secrets', 'ST2-SEC-035', { patches: [manifest('rabbitmq', 'AppConfig', 'config.example.com/v1')] });
  add('eso-datafrom-into-configmap', 'secrets', 'ST2-SEC-035', { resources: [externalSecret('st2-extras', { target: { name: 'st2-extras', manifest: { apiVersion: 'v1', kind: 'ConfigMap' } }, dataFrom: [{ extract: { key: 'stackstorm/extras' } }] })] });
  add('eso-template-password-into-configmap', 'secrets', 'ST2-SEC-035', {
    resources: [externalSecret('ldap-config', { target: { name: 'ldap-config', manifest: { apiVersion: 'v1', kind: 'ConfigMap' }, template: { data: { bind_password: '{{ .bind }}' } } }, data: [{ secretKey: 'bind', remoteRef: { key: 'stackstorm/ldap', property: 'bind' } }] })],
  });
  add('staging-eso-config-secrets-into-configmap', 'secrets', 'ST2-SEC-035', { wraps: 'staging', patches: [manifest('st2-config-secrets', 'ConfigMap')] });
  add('safe-eso-settings-into-configmap', 'secrets', undefined, {
    resources: [externalSecret('st2-endpoints', { target: { name: 'st2-endpoints', manifest: { apiVersion: 'v1', kind: 'ConfigMap' } }, data: [{ secretKey: 'database-host', remoteRef: { key: 'stackstorm/endpoints', property: 'database-host' } }, { secretKey: 'api-endpoint', remoteRef: { key: 'stackstorm/endpoints', property: 'api-endpoint' } }] })],
  });
  add('safe-eso-explicit-secret-target', 'secrets', undefined, { patches: [manifest('st2-config-secrets', 'Secret')] });

  // --- Token lifetimes (ST2-SEC-036) -----------------------------------------------------------------------
  const ttl = (id: string, rule: string | undefined, ...lines: string[]): void => add(id, 'st2-config', rule, { patches: [userConf(...lines)] });
  ttl('token-ttl-thirty-days', 'ST2-SEC-036', '[auth]', 'token_ttl = 2592000');
  ttl('token-ttl-underscored-decade', 'ST2-SEC-036', '[auth]', 'token_ttl = 315_360_000');
  ttl('service-token-ttl-year', 'ST2-SEC-036', '[auth]', 'service_token_ttl = 31536000');
  ttl('both-ttls-long', 'ST2-SEC-036', '[auth]', 'token_ttl = 1209600', 'service_token_ttl = 7776000');
  add('staging-token-ttl-two-weeks', 'st2-config', 'ST2-SEC-036', { wraps: 'staging', patches: [userConf('[auth]', 'token_ttl = 1209600')] });
  ttl('safe-token-ttl-hour', undefined, '[auth]', 'token_ttl = 3600');
  ttl('safe-token-ttl-at-the-maximum', undefined, '[auth]', 'token_ttl = 604800');
  ttl('safe-service-token-ttl-week', undefined, '[auth]', 'service_token_ttl = 604800');
  add('safe-dev-token-ttl-long-warns', 'st2-config', undefined, { wraps: 'dev', patches: [userConf('[auth]', 'token_ttl = 2592000')] });

  // --- DEBUG logging in st2's API services, production (ST2-SEC-017) ---------------------------------------
  ttl('system-debug-on', 'ST2-SEC-017', '[system]', 'debug = true');
  ttl('default-debug-on', 'ST2-SEC-017', '[DEFAULT]', 'debug = True');
  ttl('system-debug-yes', 'ST2-SEC-017', '[system]', 'debug = yes', 'validate_output_schema = True');
  ttl('safe-system-debug-off', undefined, '[system]', 'debug = False');
  add('safe-staging-system-debug', 'st2-config', undefined, { wraps: 'staging', patches: [userConf('[system]', 'debug = True')] });

  // --- A mongod keyfile nothing provides (ST2-REP-016) -----------------------------------------------------
  const keyFile = (path: string): Patch => patch(STS('mongodb'), { op: 'replace', path: `${FIRST}/args/3`, value: path });
  add('mongo-keyfile-outside-volumes', 'availability', 'ST2-REP-016', { patches: [keyFile('/etc/mongo/key.txt')] });
  add('mongo-keyfile-in-tmp', 'availability', 'ST2-REP-016', { patches: [keyFile('/tmp/mongodb.key')] });
  add('staging-mongo-keyfile-home', 'availability', 'ST2-REP-016', { wraps: 'staging', patches: [keyFile('/home/mongodb/keyfile')] });
  // Safe: the base's path, written by the install-keyfile init container, in mongod's inline spelling.
  add('safe-mongo-keyfile-inline-same-path', 'availability', undefined, {
    patches: [patch(STS('mongodb'), { op: 'remove', path: `${FIRST}/args/3` }, { op: 'replace', path: `${FIRST}/args/2`, value: '--keyFile=/data/configdb/key.txt' })],
  });
  return cases;
}
