/**
 * The sixteenth red team's st2opt and cookie classes, in kept cases with their look-alikes:
 * st2 options oslo.config converts but st2 cannot work with, or that weaken its login cookie,
 * written in any file of the chain (st2.docker.conf, st2.user.conf, the ExternalSecret
 * template of st2.secrets.conf; the last file wins), and runners killed without time to stop.
 *   - ST2-HRD-009 (the bundle's option_bounds floors): a login token_ttl under a minute
 *     (st2common/services/access.py: expiry = now + token_ttl; 0 is born expired), a
 *     service_token_ttl under a minute but not 0 (0 is no TTL: create_token takes token_ttl),
 *     a [database] connection_timeout under 100 ms (pymongo's connectTimeoutMS and
 *     serverSelectionTimeoutMS: no server selected, every service fails db_setup).
 *   - ST2-HRD-030: [api] auth_cookie_same_site none or unset, auth_cookie_secure off (the
 *     auth-token cookie st2's router accepts as a login goes cross-site or over plain HTTP).
 *   - ST2-OPS-079: st2actionrunner's terminationGracePeriodSeconds under 10 s (SIGKILL before
 *     its graceful shutdown abandons its executions: they stay 'running').
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { dockerConfText } from './base-objects.js';
import { DEPLOY, SPEC, ST2_CONF, patch, replace, userConf } from './targets.js';

const SECRETS = { group: 'external-secrets.io', kind: 'ExternalSecret', name: 'st2-config-secrets' };
const RBAC_ON = '[rbac]\nenable = True\nbackend = default\n';

/** st2.secrets.conf's template (the stores' logins stay placeholders) with these lines after it. */
const secretsConf = (...lines: string[]): Patch =>
  patch(SECRETS, replace('/spec/target/template/data/st2.secrets.conf', ['[messaging]', 'url = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672', '', '[database]', 'username = {{ .mongodbUser }}', 'password = {{ .mongodbPassword }}', '', ...lines, ''].join('\n')));
/** st2.docker.conf as staging and prod ship it, with these lines at its end. */
const dockerConf = (...lines: string[]): Patch => patch(ST2_CONF, replace('/data/st2.docker.conf', dockerConfText(RBAC_ON, ...lines)));
const runnerGrace = (op: 'replace' | 'remove', seconds?: number): Patch =>
  patch(DEPLOY('st2actionrunner'), op === 'remove' ? { op, path: `${SPEC}/terminationGracePeriodSeconds` } : replace(`${SPEC}/terminationGracePeriodSeconds`, seconds));

export function fresh16St2optCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f16o-${id}`, cls, rule, { wraps, patches }));
  };
  const HRD9 = 'ST2-HRD-009';
  const COOKIE = 'ST2-HRD-030';

  // --- Tokens that expire before they are used (ST2-HRD-009) ---------------------------------------
  add('login-ttl-zero', 'st2-config', HRD9, [userConf('[auth]', 'token_ttl = 0')]);
  add('login-ttl-negative-docker', 'st2-config', HRD9, [dockerConf('[auth]', 'token_ttl = -60')]);
  add('login-ttl-half-minute', 'st2-config', HRD9, [userConf('[auth]', 'token_ttl = 30')], 'staging');
  add('login-ttl-zero-secrets-template', 'st2-config', HRD9, [secretsConf('[auth]', 'token_ttl = 0')]);
  add('action-ttl-one', 'st2-config', HRD9, [userConf('[auth]', 'service_token_ttl = 1')]);
  add('action-ttl-negative-docker', 'st2-config', HRD9, [dockerConf('[auth]', 'service_token_ttl = -1')], 'staging');
  add('safe-login-ttl-hour', 'st2-config', undefined, [userConf('[auth]', 'token_ttl = 3600')]);
  add('safe-login-ttl-minute', 'st2-config', undefined, [userConf('[auth]', 'token_ttl = 60')], 'staging');
  // create_token: `if ttl:` -- a service TTL of 0 is none, and the token takes token_ttl.
  add('safe-action-ttl-zero', 'st2-config', undefined, [userConf('[auth]', 'service_token_ttl = 0')]);
  add('safe-action-ttl-two-hours', 'st2-config', undefined, [dockerConf('[auth]', 'service_token_ttl = 7200')]);
  // The last file wins: a zero in st2.docker.conf that st2.user.conf overrides.
  add('safe-login-ttl-zero-overridden', 'st2-config', undefined, [dockerConf('[auth]', 'token_ttl = 0'), userConf('[auth]', 'token_ttl = 7200')]);

  // --- A database timeout no server selection meets (ST2-HRD-009) ----------------------------------
  add('db-timeout-one-ms', 'st2-config', HRD9, [userConf('[database]', 'connection_timeout = 1')]);
  add('db-timeout-zero-staging', 'st2-config', HRD9, [dockerConf('[database]', 'connection_timeout = 0')], 'staging');
  // Python's int() reads 1_0 as 10.
  add('db-timeout-underscored', 'st2-config', HRD9, [secretsConf('[database]', 'connection_timeout = 1_0')]);
  add('safe-db-timeout-ten-seconds', 'st2-config', undefined, [userConf('[database]', 'connection_timeout = 10000')]);
  add('safe-db-timeout-half-second', 'st2-config', undefined, [userConf('[database]', 'connection_timeout = 500')], 'staging');

  // --- The auth-token cookie cross-site or in clear (ST2-HRD-030) -----------------------------------
  add('cookie-samesite-none', 'st2-config', COOKIE, [userConf('auth_cookie_same_site = none')]);
  add('cookie-samesite-unset-staging', 'st2-config', COOKIE, [userConf('auth_cookie_same_site = unset')], 'staging');
  add('cookie-samesite-none-secrets-template', 'st2-config', COOKIE, [secretsConf('[api]', 'auth_cookie_same_site = none')]);
  add('cookie-secure-off-docker', 'st2-config', COOKIE, [dockerConf('[api]', 'auth_cookie_secure = off')]);
  add('cookie-secure-zero', 'st2-config', COOKIE, [userConf('auth_cookie_secure = 0')], 'staging');
  // st2.user.conf's lax, then the secrets template's none: the template is read last.
  add('cookie-lax-then-none-last', 'st2-config', COOKIE, [userConf('auth_cookie_same_site = lax'), secretsConf('[api]', 'auth_cookie_same_site = none')]);
  add('safe-cookie-strict', 'st2-config', undefined, [userConf('auth_cookie_same_site = strict')]);
  add('safe-cookie-secure-yes', 'st2-config', undefined, [userConf('auth_cookie_secure = yes')], 'staging');
  add('safe-cookie-none-overridden', 'st2-config', undefined, [dockerConf('[api]', 'auth_cookie_same_site = none'), userConf('auth_cookie_same_site = lax')]);
  // Dev's cookie is dev's call (warned).
  add('safe-cookie-none-dev', 'st2-config', undefined, [userConf('auth_cookie_same_site = none')], 'dev');

  // --- Runners killed before they stop (ST2-OPS-079) ----------------------------------------------
  add('runner-grace-zero', 'availability', 'ST2-OPS-079', [runnerGrace('replace', 0)]);
  add('runner-grace-three-staging', 'availability', 'ST2-OPS-079', [runnerGrace('replace', 3)], 'staging');
  add('safe-runner-grace-unset', 'availability', undefined, [runnerGrace('remove')]);
  add('safe-runner-grace-minute', 'availability', undefined, [runnerGrace('replace', 60)], 'staging');
  add('safe-runner-grace-long', 'availability', undefined, [runnerGrace('replace', 900)]);
  return cases;
}
