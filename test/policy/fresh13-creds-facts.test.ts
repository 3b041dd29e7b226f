/**
 * The facts behind the twelfth red team's credential misses (test/policy/redteam/fresh13-creds.ts):
 * st2 API keys by their form, defaults ROT13-encoded, credential variables from ConfigMap keys,
 * ExternalSecrets' generic targets, token lifetimes and DEBUG logging.
 */
import { describe, expect, it } from 'vitest';
import { hasSt2ApiKey } from '../../src/policy/st2-api-keys.js';
import { LiteralMatcher, rot13 } from '../../src/policy/literals.js';
import { configMapEnvCredentials } from '../../src/policy/configmap-env-credentials.js';
import { esoGenericTargets } from '../../src/policy/eso-targets.js';
import { debugLogging, tokenTtls } from '../../src/policy/st2-token-exposure.js';
import { collectPodUnits } from '../../src/policy/pod-templates.js';

type Json = Record<string, unknown>;

const SHA256_HEX = '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8';
const MD5_HEX = '0cc175b9c0f1b6a831c399e269772661';
/** st2's generate_api_key: base64 of the hex digest, '==' stripped (86 characters). */
const ST2_KEY = Buffer.from(SHA256_HEX, 'utf8').toString('base64').replace(/=+$/, '');

describe('hasSt2ApiKey: base64 of a hex digest, as st2 writes its API keys', () => {
  it.each([
    ['an st2 API key (86 characters)', ST2_KEY, true],
    ['one with its padding kept', `${ST2_KEY}==`, true],
    ['a shorter digest encoded the same way', Buffer.from(MD5_HEX).toString('base64'), true],
    ['a key in a header line', `curl -H "St2-Api-Key: ${ST2_KEY}" http://st2api:9101/v1/actions`, true],
    ['a hex checksum', SHA256_HEX, false],
    ['base64 of the raw digest (an SRI hash)', `sha256-${Buffer.from(SHA256_HEX, 'hex').toString('base64')}`, false],
    ['base64 of prose', Buffer.from('the nightly pipeline built this image from main').toString('base64'), false],
    ['a UUID', '5f0c2a9e-7b41-4d8e-a3c6-91e0b7d24f18', false],
    ['a key inside a longer base64 run', `QUJD${ST2_KEY}QUJD`.repeat(3), false],
    ['too short a digest (16 hex digits)', Buffer.from('0123456789abcdef').toString('base64'), false],
  ])('%s → %s', (_, text, found) => {
    expect(hasSt2ApiKey(text)).toBe(found);
  });
});

describe('ROT13 forms of the published defaults', () => {
  const matcher = new LiteralMatcher([
    { id: 'st2-auth-password', value: 'Ch@ngeMe' },
    { id: 'rabbitmq-password', value: '9jS+w1u07NbHtZke1m+jW4Cj' },
  ]);
  it.each([
    ['the password whole', rot13('Ch@ngeMe'), false, ['st2-auth-password']],
    ['inside a script', `P=$(echo '${rot13('Ch@ngeMe')}' | tr 'A-Za-z' 'N-ZA-Mn-za-m')`, false, ['st2-auth-password']],
    ['the bus password', `amqp ${rot13('9jS+w1u07NbHtZke1m+jW4Cj')}`, false, ['rabbitmq-password']],
    ['inside a value compared whole', `x${rot13('Ch@ngeMe')}`, true, []],
    ['the password as written (match() finds it)', 'Ch@ngeMe', false, []],
    ['another word', rot13('Welcome to st2'), false, []],
  ])('%s', (_, text, whole, ids) => {
    expect(matcher.matchRot13(text, whole)).toEqual(ids);
  });
  it('is its own inverse and leaves digits and symbols', () => {
    expect(rot13('Ch@ngeMe-42')).toBe('Pu@atrZr-42');
    expect(rot13(rot13('Ch@ngeMe-42'))).toBe('Ch@ngeMe-42');
  });
});

const configMap = (name: string, data: Record<string, string>, namespace?: string): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace ? { namespace } : {}) }, data });
const deployment = (container: Json, namespace?: string): Json => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'st2client', ...(namespace ? { namespace } : {}) },
  spec: { template: { spec: { containers: [{ name: 'c', image: 'stackstorm/st2actionrunner:3.8.1', ...container }] } } },
});

describe('configMapEnvCredentials: the variable the container sees', () => {
  const facts = (manifests: Json[]): string[] => configMapEnvCredentials(manifests, collectPodUnits(manifests).specPaths).map((f) => `${f.key} ${f.path.join('.')}`);
  it.each([
    ['envFrom a credential key', [configMap('env', { ST2_AUTH_PASSWORD: 'Lw9-orchid-Tram-4471', ST2_API_URL: 'http://st2api:9101' }), deployment({ envFrom: [{ configMapRef: { name: 'env' } }] })], ['ST2_AUTH_PASSWORD data.ST2_AUTH_PASSWORD']],
    ['envFrom with a prefix making the name', [configMap('env', { KEY: 'b7Qe-lantern-5520' }), deployment({ envFrom: [{ prefix: 'ST2_API_', configMapRef: { name: 'env' } }] })], ['ST2_API_KEY data.KEY']],
    ['configMapKeyRef into a credential variable', [configMap('env', { value: 'Gq4-tundra-Wick' }), deployment({ env: [{ name: 'SLACK_TOKEN', valueFrom: { configMapKeyRef: { name: 'env', key: 'value' } } }] })], ['SLACK_TOKEN data.value']],
    ['two containers, one fact', [configMap('env', { ST2_API_KEY: ST2_KEY }), deployment({ envFrom: [{ configMapRef: { name: 'env' } }] }), deployment({ envFrom: [{ configMapRef: { name: 'env' } }] })], ['ST2_API_KEY data.ST2_API_KEY']],
    ['settings', [configMap('env', { ST2_API_URL: 'http://st2api:9101', ST2_TOKEN_TTL: '3600' }), deployment({ envFrom: [{ configMapRef: { name: 'env' } }] })], []],
    ['a path to a credential file', [configMap('env', { ST2_AUTH_PASSWORD_FILE: '/var/run/pw' }), deployment({ envFrom: [{ configMapRef: { name: 'env' } }] })], []],
    ['a placeholder', [configMap('env', { ST2_AUTH_PASSWORD: '${FROM_THE_VAULT}' }), deployment({ envFrom: [{ configMapRef: { name: 'env' } }] })], []],
    ['a ConfigMap of another namespace', [configMap('env', { ST2_AUTH_PASSWORD: 'Lw9-orchid-Tram-4471' }, 'other'), deployment({ envFrom: [{ configMapRef: { name: 'env' } }] }, 'st2-prod')], []],
    ['a ConfigMap no container loads', [configMap('env', { ST2_AUTH_PASSWORD: 'Lw9-orchid-Tram-4471' }), deployment({})], []],
  ])('%s', (_, manifests, expected) => {
    expect(facts(manifests)).toEqual(expected);
  });
});

const externalSecret = (spec: Json): Json => ({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'es' }, spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 's' }, ...spec } });
const CONFIGMAP = { apiVersion: 'v1', kind: 'ConfigMap' };

describe('esoGenericTargets: credentials written into a kind that is not a Secret', () => {
  it.each([
    ['a password into a ConfigMap', { target: { name: 't', manifest: CONFIGMAP }, data: [{ secretKey: 'password', remoteRef: { key: 'k', property: 'password' } }] }, ['ConfigMap credential-key password']],
    ['a remote key named like a credential', { target: { name: 't', manifest: { apiVersion: 'config.example.com/v1', kind: 'AppConfig' } }, data: [{ secretKey: 'x', remoteRef: { key: 'team/api-token' } }] }, ['AppConfig credential-key api-token']],
    ['every key of a remote secret', { target: { name: 't', manifest: CONFIGMAP }, dataFrom: [{ extract: { key: 'k' } }] }, ['ConfigMap data-from']],
    ['a template key named like a credential', { target: { name: 't', manifest: CONFIGMAP, template: { data: { db_password: '{{ .x }}' } } }, data: [{ secretKey: 'x', remoteRef: { key: 'k', property: 'x' } }] }, ['ConfigMap credential-key db_password']],
    ['settings into a ConfigMap', { target: { name: 't', manifest: CONFIGMAP }, data: [{ secretKey: 'database-host', remoteRef: { key: 'k', property: 'database-host' } }] }, []],
    ['a Secret target named explicitly', { target: { name: 't', manifest: { apiVersion: 'v1', kind: 'Secret' } }, data: [{ secretKey: 'password', remoteRef: { key: 'k', property: 'password' } }] }, []],
    ['no manifest (a Secret)', { target: { name: 't' }, data: [{ secretKey: 'password', remoteRef: { key: 'k', property: 'password' } }] }, []],
  ])('%s', (_, spec, expected) => {
    expect(esoGenericTargets([externalSecret(spec)]).map((f) => `${f.kind} ${f.writes}`)).toEqual(expected);
  });
});

describe('token lifetimes and DEBUG logging by the chain’s last word', () => {
  const word = (value: string, unknown?: string): { value: string; unknown: string | undefined; file: string } => ({ value, unknown, file: '/etc/st2/st2.user.conf' });
  it('reads both TTLs as oslo converts them, and skips what it cannot read', () => {
    const typed = new Map([
      ['auth.token_ttl', word(' 315_360_000 ')],
      ['auth.service_token_ttl', word('a year')],
    ]);
    expect(tokenTtls(typed).map((t) => `${t.option} ${t.seconds}`)).toEqual(['auth.token_ttl 315360000']);
    expect(tokenTtls(new Map([['auth.token_ttl', word('3600', 'a file the gate cannot read')]]))).toEqual([]);
  });
  it.each([
    [[['system.debug', 'True']], 'system.debug'],
    [[['DEFAULT.debug', 'yes']], 'DEFAULT.debug'],
    [[['system.debug', 'False']], null],
    [[['api.debug', 'True']], null],
  ] as const)('%j → %s', (words, option) => {
    expect(debugLogging(new Map(words.map(([k, v]) => [k, word(v)])))?.option ?? null).toBe(option);
  });
});
