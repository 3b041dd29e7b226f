/**
 * rules.test.ts's cases for the sixteenth red team's st2opt and cookie classes (the overlays
 * are in test/policy/redteam/fresh16-st2opt.ts): the bundle's option bounds (ST2-HRD-009's
 * floors, ST2-HRD-030's cookie attributes) and st2actionrunner's grace period (ST2-OPS-079),
 * each denied and allowed through the compiled wasm.
 */
import type { Manifest } from '../../src/core/manifest.js';
import { haServiceReading, haWorkload } from './support.js';
import { deny, rows, warn, type RuleCase } from './rule-case.js';


const runnerWithGrace = (seconds: number): Manifest[] => haWorkload('st2actionrunner', 2, { pod: { terminationGracePeriodSeconds: seconds } });

export function fresh16St2optRuleCases(): RuleCase[] {
  const prod = 'production';
  return [
    ...rows('ST2-HRD-009', [
      [prod, 'a login token_ttl of 0 read by st2auth is denied', () => haServiceReading('st2auth', '[auth]\ntoken_ttl = 0\n'), deny('ST2-HRD-009', { message: '[auth] token_ttl = 0' })],
      ['staging', 'a service_token_ttl of 1 read by st2actionrunner is denied', () => haServiceReading('st2actionrunner', '[auth]\nservice_token_ttl = 1\n'), deny('ST2-HRD-009', { message: '[auth] service_token_ttl = 1' })],
      [prod, 'a database connection_timeout of 1 ms read by st2api is denied', () => haServiceReading('st2api', '[database]\nconnection_timeout = 1\n'), deny('ST2-HRD-009', { message: '[database] connection_timeout = 1' })],
      [prod, 'a one-hour token_ttl and a 10 s database timeout are allowed', () => haServiceReading('st2auth', '[auth]\ntoken_ttl = 3600\n[database]\nconnection_timeout = 10000\n'), 'allowed'],
      [prod, 'a service_token_ttl of 0 (st2 falls back to token_ttl) is allowed', () => haServiceReading('st2actionrunner', '[auth]\nservice_token_ttl = 0\n'), 'allowed', { others: ['ST2-REP-006', 'ST2-REP-011'] }],
    ]),
    ...rows('ST2-HRD-030', [
      [prod, 'auth_cookie_same_site = none read by st2api is denied', () => haServiceReading('st2api', '[api]\nauth_cookie_same_site = none\n'), deny('ST2-HRD-030', { message: 'value=none' })],
      ['staging', 'auth_cookie_secure = False read by st2api is denied', () => haServiceReading('st2api', '[api]\nauth_cookie_secure = False\n'), deny('ST2-HRD-030', { message: 'option=api.auth_cookie_secure' })],
      ['dev', 'auth_cookie_same_site = unset warns in dev', () => haServiceReading('st2api', '[api]\nauth_cookie_same_site = unset\n'), warn('ST2-HRD-030', { message: 'value=unset' })],
      [prod, 'auth_cookie_same_site = strict with auth_cookie_secure = True is allowed', () => haServiceReading('st2api', '[api]\nauth_cookie_same_site = strict\nauth_cookie_secure = True\n'), 'allowed'],
    ]),
    ...rows('ST2-OPS-079', [
      [prod, 'st2actionrunner with terminationGracePeriodSeconds 0 is denied', () => runnerWithGrace(0), deny('ST2-OPS-079', { field: 'spec.template.spec.terminationGracePeriodSeconds', message: 'seconds=0' })],
      ['staging', 'st2actionrunner with terminationGracePeriodSeconds 3 is denied', () => runnerWithGrace(3), deny('ST2-OPS-079', { message: 'floor=10' })],
      [prod, "st2actionrunner with the chart's 300 s is allowed", () => runnerWithGrace(300), 'allowed', { others: ['ST2-REP-006', 'ST2-REP-011'] }],
    ]),
  ];
}
