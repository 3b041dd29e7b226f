/**
 * rules.test.ts's cases for the twelfth red team's credential misses (the overlays are in
 * test/policy/redteam/fresh13-creds.ts), each denied and allowed through the compiled wasm.
 */
import type { Manifest } from '../../src/core/manifest.js';
import { configMap, haServiceReading, workload } from './support.js';
import { deny, rows, warn, type RuleCase } from './rule-case.js';


const LOGIN: Manifest[] = [{ secretKey: 'password', remoteRef: { key: 'stackstorm/st2-auth', property: 'password' } }];

/** st2's login password ExternalSecret in production's namespace (dev's with `dev`), with a target manifest of this kind. */
function authSecret(kind: string | undefined, data: Manifest[] = LOGIN, more: Manifest = {}, dev = false): Manifest[] {
  return [
    {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'st2-auth', namespace: dev ? 'st2-dev' : 'st2-prod' },
      spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: dev ? 'st2-dev-store' : 'st2-production' }, target: { name: 'st2-auth', ...(kind === undefined ? {} : { manifest: { apiVersion: 'v1', kind } }) }, data, ...more },
    },
  ];
}

/** st2client loading a ConfigMap of these keys through envFrom. */
function clientEnvFrom(data: Record<string, string>, prefix?: string): Manifest[] {
  return [workload('st2client', { container: { envFrom: [{ ...(prefix === undefined ? {} : { prefix }), configMapRef: { name: 'client-env' } }] } }), configMap('client-env', data)];
}

export function fresh13RuleCases(): RuleCase[] {
  const prod = 'production';
  return [
    ...rows('ST2-SEC-035', [
      [prod, 'an ExternalSecret writing the login password into a ConfigMap is denied', () => authSecret('ConfigMap'), deny('ST2-SEC-035', { field: 'spec.target.manifest', message: 'kind=ConfigMap' })],
      ['dev', 'an ExternalSecret writing every key of a remote secret into a ConfigMap warns in dev', () => authSecret('ConfigMap', [], { dataFrom: [{ extract: { key: 'stackstorm/st2-auth' } }] }, true), warn('ST2-SEC-035', { message: 'writes=data-from' })],
      [prod, 'an ExternalSecret writing a database host into a ConfigMap is allowed', () => authSecret('ConfigMap', [{ secretKey: 'database-host', remoteRef: { key: 'stackstorm/endpoints', property: 'database-host' } }]), 'allowed'],
      [prod, 'an ExternalSecret naming Secret as its target manifest is allowed', () => authSecret('Secret'), 'allowed'],
    ]),
    ...rows('ST2-SEC-036', [
      [prod, 'a 30-day login token TTL read by st2auth is denied', () => haServiceReading('st2auth', '[auth]\ntoken_ttl = 2592000\n'), deny('ST2-SEC-036', { message: 'option=auth.token_ttl' })],
      ['staging', 'a year-long service token TTL read by st2actionrunner is denied', () => haServiceReading('st2actionrunner', '[auth]\nservice_token_ttl = 31536000\n'), deny('ST2-SEC-036', { message: 'seconds=31536000' })],
      [prod, "st2's default login token TTL is allowed", () => haServiceReading('st2auth', '[auth]\ntoken_ttl = 86400\n'), 'allowed'],
      [prod, 'a long login TTL read only by the rules engine (it issues no tokens) is allowed', () => haServiceReading('st2rulesengine', '[auth]\ntoken_ttl = 2592000\n'), 'allowed'],
    ]),
    ...rows('ST2-SEC-017', [
      [prod, 'st2api logging at DEBUG in production is denied', () => haServiceReading('st2api', '[system]\ndebug = True\n'), deny('ST2-SEC-017', { message: 'system.debug' })],
      ['staging', 'st2api logging at DEBUG in staging is allowed', () => haServiceReading('st2api', '[system]\ndebug = True\n'), 'allowed'],
    ]),
    ...rows('ST2-SEC-013', [
      [prod, 'st2client loading ST2_AUTH_PASSWORD from a ConfigMap is denied', () => clientEnvFrom({ ST2_AUTH_PASSWORD: 'Lw9-orchid-Tram-4471' }), deny('ST2-SEC-013', { field: 'data.ST2_AUTH_PASSWORD', message: 'kind=env-configmap' })],
      [prod, 'st2client loading KEY with the prefix ST2_API_ from a ConfigMap is denied', () => clientEnvFrom({ KEY: 'b7Qe-lantern-5520-Fjord' }, 'ST2_API_'), deny('ST2-SEC-013', { message: 'key=ST2_API_KEY' })],
      [prod, 'st2client loading its URLs from a ConfigMap is allowed', () => clientEnvFrom({ ST2_API_URL: 'http://st2api:9101', ST2_AUTH_URL: 'http://st2auth:9100' }), 'allowed'],
      [prod, 'an st2 API key in a Deployment annotation is denied', () => [workload('st2client', { annotations: { 'st2-api-key': Buffer.from('6c4ba8e97e1f4d6b91f440cf789d3ace6c4ba8e97e1f4d6b91f440cf789d3ace').toString('base64').replace(/=+$/, '') } })], deny('ST2-SEC-013', { field: 'metadata.annotations.st2-api-key', message: 'provider-token (st2-api-key)' })],
      [prod, 'a config checksum annotation is allowed', () => [workload('st2client', { annotations: { 'checksum/config': '6c4ba8e97e1f4d6b91f440cf789d3ace6c4ba8e97e1f4d6b91f440cf789d3ace' } })], 'allowed'],
    ]),
  ];
}
