/**
 * The nineteenth red team's store-runtime holes (test/attackers/red19, F11-store-runtime), in
 * kept cases with their look-alikes, all under ST2-REP-016:
 *
 * - RabbitMQ refusing st2's login: `loopback_users.<user> = true` for the user of st2's
 *   [messaging] url (RabbitMQ then accepts that user from localhost only:
 *   rabbit_access_control:check_user_loopback; rabbit.schema maps loopback_users.$user), and
 *   `auth_mechanisms` without PLAIN or AMQPLAIN (the list replaces the defaults; py-amqp logs in
 *   with AMQPLAIN or PLAIN, and EXTERNAL needs a client certificate st2 does not have);
 * - mongod with TLS on and no --tlsCertificateKeyFile (it exits: "need tlsCertificateKeyFile or
 *   certificateSelector when TLS is enabled"), or requireTLS while st2 connects without TLS;
 * - etcd's --listen-peer-urls on loopback while --initial-cluster names three members: the
 *   others never reach it, no quorum.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { etcdCommandAt, etcdFlags, mongoArgs, rabbitConf } from './base-objects.js';
import { FIRST, SPEC, STS, add, patch } from './targets.js';

const advanced = (term: string): Patch => patch({ kind: 'ConfigMap', name: 'rabbitmq-config' }, add('/data/advanced.config', `[{rabbit, [${term}]}].\n`));
const peers = (url: string): Patch => patch(STS('etcd'), etcdCommandAt(3, `--listen-peer-urls=${url}`));
/** mongod's TLS certificate and CA from a Secret mounted at /etc/mongo-tls. */
const tlsSecret: Patch = patch(
  STS('mongodb'),
  add(`${SPEC}/volumes/-`, { name: 'mongo-tls', secret: { secretName: 'mongodb-tls' } }),
  add(`${FIRST}/volumeMounts/-`, { name: 'mongo-tls', mountPath: '/etc/mongo-tls', readOnly: true }),
);
const CERT = ['--tlsCertificateKeyFile', '/etc/mongo-tls/tls.pem', '--tlsCAFile', '/etc/mongo-tls/ca.crt'];

export function fresh19StoreCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const REP16 = 'ST2-REP-016';
  const add19 = (id: string, rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f19s-${id}`, 'availability', rule, { wraps, patches }));
  };

  // --- RabbitMQ refuses st2's login -----------------------------------------------------------------
  add19('rmq-loopback-admin', REP16, [rabbitConf(['loopback_users.admin = true'])]);
  add19('rmq-loopback-admin-after-comment', REP16, [rabbitConf(['# lock down admin', 'loopback_users.admin = true'])]);
  add19('rmq-loopback-admin-staging', REP16, [rabbitConf(['loopback_users.admin = true'])], 'staging');
  add19('rmq-loopback-admin-advanced', REP16, [advanced('{loopback_users, [<<"admin">>]}')]);
  add19('rmq-auth-external-only', REP16, [rabbitConf(['auth_mechanisms.1 = EXTERNAL'])]);
  add19('rmq-auth-anonymous-only-staging', REP16, [rabbitConf(['auth_mechanisms.1 = ANONYMOUS'])], 'staging');
  add19('rmq-auth-external-advanced', REP16, [advanced("{auth_mechanisms, ['EXTERNAL']}")]);
  // --- mongod with TLS on: no certificate, or st2 without TLS ------------------------------------------
  add19('mongo-tls-require-nocert', REP16, [mongoArgs('--tlsMode', 'requireTLS')]);
  add19('mongo-ssl-prefer-nocert-staging', REP16, [mongoArgs('--sslMode=preferSSL')], 'staging');
  add19('mongo-tls-require-st2-plain', REP16, [tlsSecret, mongoArgs('--tlsMode', 'requireTLS', ...CERT)]);
  // --- etcd peers on loopback in a three-member cluster ------------------------------------------------
  add19('etcd-peer-loopback', REP16, [peers('http://127.0.0.1:2380')]);
  add19('etcd-peer-localhost-staging', REP16, [peers('http://localhost:2380')], 'staging');

  // --- Look-alikes that keep serving st2 ------------------------------------------------------------
  add19('safe-rmq-loopback-guest', undefined, [rabbitConf(['loopback_users.guest = true'])]);
  add19('safe-rmq-loopback-none', undefined, [rabbitConf(['loopback_users = none'])]);
  add19('safe-rmq-loopback-admin-false', undefined, [rabbitConf(['loopback_users.admin = false'])]);
  add19('safe-rmq-auth-plain-external', undefined, [rabbitConf(['auth_mechanisms.1 = PLAIN', 'auth_mechanisms.2 = EXTERNAL'])]);
  add19('safe-rmq-auth-amqplain', undefined, [rabbitConf(['auth_mechanisms.1 = AMQPLAIN'])], 'staging');
  add19('safe-mongo-tls-prefer-cert', undefined, [tlsSecret, mongoArgs('--tlsMode', 'preferTLS', ...CERT)]);
  add19('safe-etcd-peer-all', undefined, [peers('http://0.0.0.0:2380')]);
  add19('safe-etcd-max-request-default', undefined, [etcdFlags('--max-request-bytes=1572864')]);
  add19('safe-rmq-watermark-relative', undefined, [rabbitConf(['vm_memory_high_watermark.relative = 0.4'])]);
  return cases;
}
