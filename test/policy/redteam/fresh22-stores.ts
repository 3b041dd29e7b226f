/**
 * Store cases of the twenty-second round (test/attackers/red22), with their look-alikes:
 *
 * - RabbitMQ's AMQP listeners in Erlang form, which override rabbitmq.conf's (configure.md:
 *   advanced.config is applied over it; `-rabbit Key Value` sets the app's environment):
 *   advanced.config's `{tcp_listeners, []}` or a loopback-only list, and
 *   RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS `-rabbit tcp_listeners []`, leave st2 no listener
 *   (ST2-OPS-024, as rabbitmq.conf's `listeners.tcp = none` does); a list on 5672 and an erl
 *   argument that is no listener pass;
 * - etcd's WAL dir (--wal-dir, ETCD_WAL_DIR) off the member's claim (ST2-REP-021, as
 *   --data-dir): a restarted member finds no WAL in WALDir(), bootstraps as new, and its peers
 *   refuse it ("has already been bootstrapped", server/etcdserver/server.go, etcd 3.5); a WAL dir
 *   on the claim passes.
 *
 * Safe although the attacker expected a denial: --max-request-bytes=16 (flag or
 * ETCD_MAX_REQUEST_BYTES), as fresh16-mine.ts found for 2048. etcd 3.5 checks the limit on v3
 * proposals only (server/etcdserver/v3_server.go processInternalRaftRequestOnce); v2 writes are
 * proposed without it (v2_server.go processRaftRequest), and 3.5 publishes its member and the
 * cluster version through v2. st2 3.8.1's only coordination driver, etcd://, speaks v2. Run on
 * etcd 3.5.33 with the flag: v2 PUTs with a TTL and prevExist=false succeed, a v3 put is
 * refused ("request is too large"), /health is true.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { RABBIT, etcdFlags, rabbitEnvAdd } from './base-objects.js';
import { FIRST, SPEC, STS, add, patch } from './targets.js';

/** advanced.config in rabbitmq-config with these rabbit terms, mounted and named by RABBITMQ_ADVANCED_CONFIG_FILE. */
const advanced = (terms: string): Patch[] => [
  patch({ kind: 'ConfigMap', name: 'rabbitmq-config' }, add('/data/advanced.config', `[{rabbit, [${terms}]}].\n`)),
  patch(
    RABBIT,
    add(`${FIRST}/volumeMounts/-`, { name: 'rmq-advanced', mountPath: '/etc/rabbitmq-advanced' }),
    add(`${SPEC}/volumes/-`, { name: 'rmq-advanced', configMap: { name: 'rabbitmq-config' } }),
    add(`${FIRST}/env/-`, { name: 'RABBITMQ_ADVANCED_CONFIG_FILE', value: '/etc/rabbitmq-advanced/advanced.config' }),
  ),
];

export function fresh22StoresCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add22 = (id: string, rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f22s-${id}`, 'availability', rule, { wraps, patches }));
  };
  add22('rmq-advanced-no-listeners', 'ST2-OPS-024', advanced('{tcp_listeners, []}'));
  add22('rmq-advanced-loopback-staging', 'ST2-OPS-024', advanced('{tcp_listeners, [{"127.0.0.1", 5672}, {"::1", 5672}]}'), 'staging');
  add22('rmq-erl-args-no-listeners', 'ST2-OPS-024', [rabbitEnvAdd({ name: 'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', value: '-rabbit tcp_listeners []' })]);
  add22('safe-rmq-advanced-listeners-5672', undefined, advanced('{tcp_listeners, [5672]}, {consumer_timeout, 3600000}'));
  add22('safe-rmq-erl-args-schedulers', undefined, [rabbitEnvAdd({ name: 'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', value: '+S 2:2' })]);

  add22('etcd-wal-dir-tmp', 'ST2-REP-021', [etcdFlags('--wal-dir=/tmp/wal')]);
  add22('etcd-env-wal-dir-staging', 'ST2-REP-021', [patch(STS('etcd'), add(`${FIRST}/env/-`, { name: 'ETCD_WAL_DIR', value: '/tmp/wal' }))], 'staging');
  add22('safe-etcd-wal-dir-on-claim', undefined, [etcdFlags('--wal-dir=/var/run/etcd/wal')]);
  add22('safe-etcd-max-request-16', undefined, [etcdFlags('--max-request-bytes=16')]);
  add22('safe-etcd-env-max-request-16-staging', undefined, [patch(STS('etcd'), add(`${FIRST}/env/-`, { name: 'ETCD_MAX_REQUEST_BYTES', value: '16' }))], 'staging');
  return cases;
}
