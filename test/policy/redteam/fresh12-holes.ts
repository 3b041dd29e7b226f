/**
 * The eleventh red team's last allowed changes (test/attackers/red11), the
 * holes piece, rewritten as patches over prod with variants and safe
 * look-alikes:
 *
 * - st2 options that convert but stop or stall the service using them
 *   (src/policy/st2-role-options.ts, ST2-HRD-009): a negative garbage
 *   collector TTL (3.8.1's minimum is 1 day, not 7: 1, 3 and 6 days are
 *   safe), a green pool of 0, an auth backend or logging file the image does
 *   not have, system packs moved away, etcd3 coordination drivers st2 does
 *   not ship, a MongoDB mechanism pymongo refuses (any mechanism also turns
 *   TLS on: ST2-HRD-014 without a TLS mongod);
 * - and the classes after them in this file.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';

type Json = Record<string, unknown>;

const ST2_CONF = { kind: 'ConfigMap', name: 'st2-config' };
const patch = (target: Json, ...ops: Json[]): Patch => ({ target, ops });
/** st2.user.conf: the base's override plus these lines. */
const userConf = (...lines: string[]): Patch => patch(ST2_CONF, { op: 'replace', path: '/data/st2.user.conf', value: ['# Operator overrides. Highest priority.', '[api]', "allow_origin = '*'", '', ...lines, ''].join('\n') });

interface Body {
  readonly wraps?: Wrapped;
  readonly patches?: Patch[];
  readonly resources?: Json[];
  readonly extra?: string[];
}

export function fresh12HolesCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: Body): void => {
    cases.push({
      id: `f12h-${id}`,
      cls,
      wraps: body.wraps ?? 'prod',
      expect: rule === undefined ? 'allow' : 'deny',
      ...(rule ? { rule } : {}),
      ...(body.patches ? { patches: body.patches } : {}),
      ...(body.resources ? { resources: body.resources } : {}),
      ...(body.extra ? { extra: body.extra } : {}),
    });
  };
  const conf = (id: string, rule: string | undefined, ...lines: string[]): void => add(id, 'st2-config', rule, { patches: [userConf(...lines)] });

  // --- st2 options stopping the service that uses them (ST2-HRD-009) -------------------------------
  conf('gc-executions-ttl-negative', 'ST2-HRD-009', '[garbagecollector]', 'action_executions_ttl = -7');
  conf('gc-tokens-ttl-negative', 'ST2-HRD-009', '[garbagecollector]', 'tokens_ttl = -1');
  conf('scheduler-pool-zero', 'ST2-HRD-009', '[scheduler]', 'pool_size = 0');
  conf('runner-actions-pool-zero', 'ST2-HRD-009', '[actionrunner]', 'actions_pool_size = 0');
  conf('auth-backend-pam', 'ST2-HRD-009', '[auth]', 'backend = pam');
  conf('auth-backend-keystone-standalone', 'ST2-HRD-009', '[auth]', 'mode = standalone', 'backend = keystone');
  conf('stream-logging-typo', 'ST2-HRD-009', '[stream]', 'logging = /etc/st2/logging.streams.conf');
  conf('scheduler-logging-elsewhere', 'ST2-HRD-009', '[scheduler]', 'logging = /var/lib/st2/logging.scheduler.conf');
  conf('system-packs-moved', 'ST2-HRD-009', '[content]', 'system_packs_base_path = /opt/stackstorm/system-packs');
  conf('coordination-etcd3-grpc', 'ST2-HRD-009', '[coordination]', 'url = etcd3://etcd:2379');
  conf('coordination-etcd3gw-https', 'ST2-HRD-009', '[coordination]', 'url = etcd3+https://etcd:2379');
  conf('mongo-mechanism-lower-case', 'ST2-HRD-009', '[database]', 'authentication_mechanism = scram-sha-256');
  add('staging-mongo-x509-with-password', 'st2-config', 'ST2-HRD-009', { wraps: 'staging', patches: [userConf('[database]', 'authentication_mechanism = MONGODB-X509')] });
  // Safe: what st2 3.8.1 runs with.
  conf('safe-gc-ttl-one-day', undefined, '[garbagecollector]', 'action_executions_ttl = 1', 'traces_ttl = 3', 'trigger_instances_ttl = 6');
  conf('safe-gc-ttl-zero-off', undefined, '[garbagecollector]', 'tokens_ttl = 0');
  conf('safe-scheduler-pool-one', undefined, '[scheduler]', 'pool_size = 1');
  conf('safe-auth-backend-ldap', undefined, '[auth]', 'backend = ldap', 'backend_kwargs = {"host": "ldap.example.com", "use_ssl": true, "port": 636}');
  conf('safe-auth-backend-flat-file', undefined, '[auth]', 'mode = standalone', 'backend = flat_file');
  conf('safe-api-logging-gunicorn', undefined, '[api]', 'logging = /etc/st2/logging.api.gunicorn.conf');
  conf('safe-system-packs-default', undefined, '[content]', 'system_packs_base_path = /opt/stackstorm/packs/');
  conf('safe-coordination-etcd-v2', undefined, '[coordination]', 'url = etcd://etcd:2379');
  return cases;
}
