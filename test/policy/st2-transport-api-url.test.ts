/**
 * `[auth] api_url` must reach a port its Service serves (src/policy/st2-transport.ts): st2 3.8's
 * get_base_public_api_url (st2common/util/api.py) returns it, and the runners hand it to every
 * action as ST2_ACTION_API_URL, so a port nothing serves fails every API call actions make.
 */
import { describe, expect, it } from 'vitest';
import type { ServicePorts } from '../../src/policy/service-ports.js';
import type { StoreOffer } from '../../src/policy/store-offer.js';
import { transportProblems, transportWords } from '../../src/policy/st2-transport.js';

const services: ServicePorts = new Map([
  ['st2api', [{ ns: 'st2', ports: new Set([9101]) }]],
  ['st2web', [{ ns: 'st2', ports: new Set([80, 443]) }]],
]);
const offer: StoreOffer = { mongo: false, mongoTls: false, etcdSchemes: new Set(), rabbitTls: false, rabbit: false, vhosts: new Set(), replicaSets: new Set(), mongoUserDbs: new Set(), mongoUsersOpen: false };

function apiProblems(url: string | undefined, unknown?: string): string[] {
  const words = { 'auth.api_url': { value: url, unknown } };
  return transportProblems(transportWords(words, () => false), offer, services, 'st2')
    .filter((p) => p.detail.startsWith('auth.api_url'))
    .map((p) => `${p.problem} ${p.detail}`);
}

describe('[auth] api_url reaching st2api', () => {
  it.each([
    // [api_url, problems]
    ['http://st2api:9999/', ['port-not-served auth.api_url st2api:9999']],
    ['http://st2api.st2.svc.cluster.local:9102', ['port-not-served auth.api_url st2api.st2.svc.cluster.local:9102']],
    // No port: http's 80, which the st2api Service does not serve.
    ['http://st2api/', ['port-not-served auth.api_url st2api:80']],
    ['http://st2api:9101/', []],
    ['http://st2api.st2:9101', []],
    // st2web's nginx proxies /api on its own ports.
    ['https://st2web/api', []],
    // Outside hosts and names that are no Service of the render are not judged.
    ['https://st2.example.com/api', []],
    ['http://10.0.0.5:9999/', []],
    ['{{ .apiUrl }}', []],
    ['', []],
    [undefined, []],
  ])('%s', (url, expected) => {
    expect(apiProblems(url)).toEqual(expected);
  });

  it('leaves a word an unreadable file may decide alone', () => {
    expect(apiProblems('http://st2api:9999/', 'a file the gate cannot read')).toEqual([]);
  });
});
