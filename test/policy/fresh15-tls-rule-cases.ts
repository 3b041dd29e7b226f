/**
 * rules.test.ts's cases for the fifteenth red team's TLS rules (the overlays
 * are in test/policy/redteam/fresh15-tls.ts): ST2-SEC-048 (an outside HTTPS
 * proxy beside a CA the pod supplies) and ST2-SEC-049 (CURL_CA_BUNDLE empty),
 * each denied and allowed through the compiled wasm.
 */
import type { Manifest } from '../../src/core/manifest.js';
import { configMap, workload } from './support.js';
import { deny, rows, type RuleCase } from './rule-case.js';

const env = (vars: Record<string, string>): Manifest => ({ env: Object.entries(vars).map(([name, value]) => ({ name, value })) });

/** An st2 workload with this env and the corp-ca ConfigMap mounted at /etc/corp-ca. */
const withCa = (app: string, vars: Record<string, string>): Manifest[] => [
  configMap('corp-ca', { 'ca.pem': 'a CA certificate' }),
  workload(app, { container: { ...env(vars), volumeMounts: [{ name: 'ca', mountPath: '/etc/corp-ca', readOnly: true }] }, pod: { volumes: [{ name: 'ca', configMap: { name: 'corp-ca' } }] } }),
];

export function fresh15TlsRuleCases(): RuleCase[] {
  const proxy = 'http://proxy.outside-vendor.net:3128';
  return [
    ...rows('ST2-SEC-048', [
      ['production', "the sensors' HTTPS through an outside proxy with a mounted CA bundle is denied", () => withCa('st2sensorcontainer', { HTTPS_PROXY: proxy, REQUESTS_CA_BUNDLE: '/etc/corp-ca/ca.pem' }), deny('ST2-SEC-048', { message: 'host=proxy.outside-vendor.net' })],
      ['production', "the sensors' HTTPS through an outside proxy with the image's trust store is allowed", () => [workload('st2sensorcontainer', { container: env({ HTTPS_PROXY: proxy }) })], 'allowed'],
    ]),
    ...rows('ST2-SEC-049', [
      ['production', 'a sensor container with CURL_CA_BUNDLE empty is denied', () => [workload('st2sensorcontainer', { container: env({ CURL_CA_BUNDLE: '' }) })], deny('ST2-SEC-049', { message: 'variable=CURL_CA_BUNDLE' })],
      ['production', 'a sensor container with REQUESTS_CA_BUNDLE empty and no CURL_CA_BUNDLE is allowed', () => [workload('st2sensorcontainer', { container: env({ REQUESTS_CA_BUNDLE: '' }) })], 'allowed'],
    ]),
  ];
}
