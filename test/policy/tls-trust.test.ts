/**
 * Who can read a container's HTTPS (src/policy/tls-trust.ts), read through
 * collectCommandEffects as the render's containers set them: an outside
 * HTTPS proxy beside a CA the pod supplies, and CURL_CA_BUNDLE empty
 * (requests 2.25.1 then checks no certificate).
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectCommandEffects } from '../../src/policy/command-effects.js';

const SPEC = ['spec', 'template', 'spec'];
const PROXY = 'http://proxy.vendor.net:3128';
const CA_MAP: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ca', namespace: 'st2-prod' }, data: { 'ca.pem': 'a CA', HTTPS_PROXY: PROXY, CURL_CA_BUNDLE: '' } };

type Vars = Record<string, string | null>;
const env = (vars: Vars): Array<Record<string, unknown>> => Object.entries(vars).map(([name, value]) => (value === null ? { name } : { name, value }));

function deployment(container: Record<string, unknown>, volumes: Array<Record<string, unknown>> = [{ name: 'ca', configMap: { name: 'ca' } }]): Manifest {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'st2actionrunner', namespace: 'st2-prod' }, spec: { template: { spec: { containers: [{ name: 'r', image: 'stackstorm/st2actionrunner:3.8.1', ...container }], volumes } } } };
}

function tls(...resources: Manifest[]): string[] {
  const specPaths = new Map(resources.flatMap((r, i) => (r['kind'] === 'Deployment' ? [[i, [SPEC]] as const] : [])));
  return collectCommandEffects(resources, specPaths, 'st2-prod', new Date('2026-12-07T00:00:00Z')).flatMap((e) => {
    if (e.effect === 'tls-intercept') return [`intercept ${e.variable} ${e.host}${e.internal ? ' internal' : ''} ca=${e.ca}`];
    if (e.effect === 'tls-off') return [`off ${e.variable}`];
    return [];
  });
}

const mounted = (vars: Vars, mountPath = '/etc/corp-ca', subPath?: string): Manifest => deployment({ env: env(vars), volumeMounts: [{ name: 'ca', mountPath, ...(subPath ? { subPath } : {}) }] });

describe('an outside HTTPS proxy beside a CA the pod supplies', () => {
  it.each([
    ['REQUESTS_CA_BUNDLE in a ConfigMap volume', mounted({ HTTPS_PROXY: PROXY, REQUESTS_CA_BUNDLE: '/etc/corp-ca/ca.pem' }), ['intercept HTTPS_PROXY proxy.vendor.net ca=REQUESTS_CA_BUNDLE']],
    ['lower-case proxy without a scheme, SSL_CERT_DIR', mounted({ https_proxy: 'proxy.vendor.net:3128', SSL_CERT_DIR: '/etc/corp-ca' }), ['intercept https_proxy proxy.vendor.net ca=SSL_CERT_DIR']],
    ['a ConfigMap over the system bundle', mounted({ ALL_PROXY: 'socks5h://203.0.113.4:1080' }, '/etc/ssl/certs/ca-certificates.crt', 'ca.pem'), ['intercept ALL_PROXY 203.0.113.4 ca=/etc/ssl/certs/ca-certificates.crt']],
    ['a ConfigMap over RHEL\'s trust directory', mounted({ HTTPS_PROXY: PROXY }, '/etc/pki/ca-trust/extracted'), ['intercept HTTPS_PROXY proxy.vendor.net ca=/etc/pki/ca-trust/extracted']],
    ['a certificate mounted under /etc/ssl that is no CA store (st2web\'s /etc/ssl/st2)', mounted({ HTTPS_PROXY: PROXY }, '/etc/ssl/st2'), []],
    ['a proxy in the cluster (the policy passes it)', mounted({ HTTPS_PROXY: 'http://squid.egress.svc:3128', CURL_CA_BUNDLE: '/etc/corp-ca/ca.pem' }), ['intercept HTTPS_PROXY squid.egress.svc internal ca=CURL_CA_BUNDLE']],
    ['no proxy: the CA changes whom it trusts, no one is on the path', mounted({ REQUESTS_CA_BUNDLE: '/etc/corp-ca/ca.pem' }), []],
    ['the proxy with the image bundle', mounted({ HTTPS_PROXY: PROXY, REQUESTS_CA_BUNDLE: '/etc/ssl/certs/ca-certificates.crt' }), []],
    ['NO_PROXY=* bypasses the proxy', mounted({ HTTPS_PROXY: PROXY, NO_PROXY: '*', REQUESTS_CA_BUNDLE: '/etc/corp-ca/ca.pem' }), []],
    ['a plain-HTTP proxy only (HTTPS goes direct)', mounted({ HTTP_PROXY: PROXY, REQUESTS_CA_BUNDLE: '/etc/corp-ca/ca.pem' }), []],
  ] as const)('%s', (_name, resource, expected) => {
    expect(tls(CA_MAP, resource)).toEqual(expected);
  });

  it('reads the proxy and the bundle from envFrom', () => {
    const map: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'net', namespace: 'st2-prod' }, data: { HTTPS_PROXY: PROXY, REQUESTS_CA_BUNDLE: '/etc/corp-ca/ca.pem' } };
    expect(tls(CA_MAP, map, deployment({ envFrom: [{ configMapRef: { name: 'net' } }], volumeMounts: [{ name: 'ca', mountPath: '/etc/corp-ca' }] }))).toEqual(['intercept HTTPS_PROXY proxy.vendor.net ca=REQUESTS_CA_BUNDLE']);
  });
});

describe('CURL_CA_BUNDLE empty (requests 2.25.1: verify falsy)', () => {
  it.each([
    ['empty', { CURL_CA_BUNDLE: '' }, ['off CURL_CA_BUNDLE']],
    ['declared without a value', { CURL_CA_BUNDLE: null }, ['off CURL_CA_BUNDLE']],
    ['both empty', { REQUESTS_CA_BUNDLE: '', CURL_CA_BUNDLE: '' }, ['off CURL_CA_BUNDLE']],
    ['REQUESTS_CA_BUNDLE names a bundle (it wins)', { REQUESTS_CA_BUNDLE: '/etc/ssl/certs/ca-certificates.crt', CURL_CA_BUNDLE: '' }, []],
    ['REQUESTS_CA_BUNDLE empty alone (verify stays True)', { REQUESTS_CA_BUNDLE: '' }, []],
    ['a bundle path', { CURL_CA_BUNDLE: '/etc/ssl/certs/ca-certificates.crt' }, []],
  ] as const)('%s', (_name, vars, expected) => {
    expect(tls(deployment({ env: env(vars) }, []))).toEqual(expected);
  });

  it('reads it from envFrom', () => {
    expect(tls(CA_MAP, deployment({ envFrom: [{ configMapRef: { name: 'ca' } }] }, []))).toEqual(['off CURL_CA_BUNDLE']);
  });
});
