/**
 * The bundle's settings as the gate loads them (src/policy/settings.ts):
 * the exposure keys (LoadBalancer source limits, external stores, stores a
 * PushSecret may use) take their defaults when absent and stop the load
 * when malformed; the secret store map binds like the namespace map.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyLoadError } from '../../src/core/errors.js';
import { DEFAULT_ADMISSION, DEFAULT_EXPOSURE, settingsOf } from '../../src/policy/settings.js';
import { repoRoot } from './support.js';

const withExposure = (exposure: unknown): unknown => ({ settings: { exposure } });

describe('policy settings', () => {
  it("reads the repository's own settings: /16 and /48, no external or push stores, the store map", () => {
    const data: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'policies/settings/data.json'), 'utf8'));
    const s = settingsOf({ settings: data });
    expect(s.exposure).toEqual({ ...DEFAULT_EXPOSURE, tlsIssuers: ['ClusterIssuer/letsencrypt-production'] });
    expect(s.admission).toEqual(DEFAULT_ADMISSION);
    expect(s.secretStoreProfiles).toEqual({ 'st2-production': 'production', 'st2-staging': 'staging' });
  });

  it('takes defaults for absent exposure keys and the values given', () => {
    expect(settingsOf({ settings: {} }).exposure).toEqual(DEFAULT_EXPOSURE);
    const s = settingsOf(withExposure({ load_balancer_sources: { max_public_ipv4_prefix: 24 }, external_stores: [' MQ.example.net ', '*.example-cloud.com'], push_secret_stores: ['vault-backup'] }));
    expect(s.exposure).toEqual({ maxPublicIpv4Prefix: 24, maxPublicIpv6Prefix: 48, externalStores: ['mq.example.net', '*.example-cloud.com'], pushSecretStores: ['vault-backup'], tlsIssuers: [] });
  });

  it.each([
    ['a prefix as a string', { load_balancer_sources: { max_public_ipv4_prefix: '16' } }],
    ['an IPv4 prefix over 32', { load_balancer_sources: { max_public_ipv4_prefix: 33 } }],
    ['a fractional IPv6 prefix', { load_balancer_sources: { max_public_ipv6_prefix: 47.5 } }],
    ['external_stores as a string', { external_stores: 'mq.example.net' }],
    ['an empty store name', { push_secret_stores: [''] }],
    ['exposure as a list', []],
  ])('refuses %s at load (bundle-invalid)', (_name, exposure) => {
    expect(() => settingsOf(withExposure(exposure))).toThrow(PolicyLoadError);
  });

  it('reads the admission webhook servers the policy may trust (ST2-OPS-021), refusing malformed ones', () => {
    expect(settingsOf({ settings: { admission: { webhook_services: ['kyverno/kyverno-svc', 'verify.example.net'] } } }).admission).toEqual({ webhookServices: ['kyverno/kyverno-svc', 'verify.example.net'], policies: [], networkPolicies: [] });
    for (const admission of [[], { webhook_services: 'kyverno/kyverno-svc' }, { webhook_services: [''] }, { webhook_services: [' kyverno/kyverno-svc'] }]) {
      expect(() => settingsOf({ settings: { admission } })).toThrow(PolicyLoadError);
    }
  });

  it('reads the admission and network policies the bundle owner checked (ST2-OPS-033, -035), refusing malformed ones', () => {
    const admission = { policies: ['ClusterPolicy/require-team-label', 'policy.sigstore.dev/include'], network_policies: ['CiliumNetworkPolicy/st2-prod/st2-egress'] };
    expect(settingsOf({ settings: { admission } }).admission).toEqual({ webhookServices: [], policies: admission.policies, networkPolicies: admission.network_policies });
    for (const bad of [{ policies: 'ClusterPolicy/x' }, { policies: [' ClusterPolicy/x'] }, { network_policies: [''] }]) {
      expect(() => settingsOf({ settings: { admission: bad } })).toThrow(PolicyLoadError);
    }
  });

  it('binds an unreadable secret store entry as production (fail closed)', () => {
    expect(settingsOf({ settings: { environments: { secret_stores: { odd: 'Prod' } } } }).secretStoreProfiles).toEqual({ odd: 'production' });
  });

  it("reads delivery: no other namespace by default, the singletons' canonical names", () => {
    const data: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'policies/settings/data.json'), 'utf8'));
    const s = settingsOf({ settings: data });
    expect(s.otherNamespaces).toEqual([]);
    expect(s.singletonNames).toEqual({ st2timersengine: 'st2timersengine' });
    // Velero backups of st2's namespaces may go to the location the cluster calls default (ST2-OPS-015).
    expect(s.backupLocations).toEqual(['default']);
    expect(settingsOf({ settings: {} }).otherNamespaces).toEqual([]);
    expect(settingsOf({ settings: {} }).backupLocations).toEqual([]);
    expect(settingsOf({ settings: { delivery: { namespaces: ['monitoring'] } } }).otherNamespaces).toEqual(['monitoring']);
  });

  it.each([
    ['namespaces as a string', { namespaces: 'monitoring' }],
    ['a namespace that is no RFC 1123 label', { namespaces: ['Monitoring'] }],
    ['an empty namespace', { namespaces: [''] }],
    ['a singleton name that is not a string', { singleton_names: { st2timersengine: 1 } }],
    ['delivery as a list', []],
    ['backup locations as a string', { backup_locations: 'default' }],
    ['a backup location that is no object name', { backup_locations: ['Off Site'] }],
  ])('refuses delivery with %s at load (bundle-invalid)', (_name, delivery) => {
    expect(() => settingsOf({ settings: { delivery } })).toThrow(PolicyLoadError);
  });
});
