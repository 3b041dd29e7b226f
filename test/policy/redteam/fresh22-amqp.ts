/**
 * `[messaging] cluster_urls` (the twenty-second red team's amqp-cluster-urls family): when it is
 * set st2 connects with it and never reads `url` (st2common/transport/utils.py get_messaging_urls:
 * `if cfg.CONF.messaging.cluster_urls: return cfg.CONF.messaging.cluster_urls`; a ListOpt, so
 * comma-separated), and `url` is the option st2.secrets.conf fills with the store's password. So
 * the list is judged as url is (src/policy/st2-transport.ts, store-credentials.ts):
 *   - ST2-HRD-014: a URL to the render's RabbitMQ without a password (kombu logs in with its
 *     transport's default, guest, which the broker loaded from the store's definitions does not
 *     have), or at a port its Service names other than `amqp` (15672 is the management HTTP
 *     listener, 4369 epmd), wherever the chain puts it (st2.user.conf, st2.docker.conf);
 *   - ST2-SEC-013 (production): a password in it committed in ConfigMap st2-config, as in url.
 * The look-alikes list the three RabbitMQ pods with the store's password in st2.secrets.conf (what
 * st2 accepts: kombu fails over through the list, each URL with its own user-info), or leave the
 * unsafe list where a later file or line replaces it (oslo.config: the last value wins; an empty
 * list is falsy, so url is used).
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { dockerConfText } from './base-objects.js';
import { patch, replace, ST2_CONF, userConf } from './targets.js';

/** st2.secrets.conf (the ExternalSecret's template, the last --config-file) with these [messaging] lines. */
const secretsMessaging = (...lines: string[]): Patch => ({
  target: { kind: 'ExternalSecret', name: 'st2-config-secrets' },
  ops: [{ op: 'replace', path: '/spec/target/template/data/st2.secrets.conf', value: ['[messaging]', ...lines, '', '[database]', 'username = {{ .mongodbUser }}', 'password = {{ .mongodbPassword }}', ''].join('\n') }],
});

/** st2.docker.conf as staging and prod ship it, with these lines at its end. */
const dockerConf = (...lines: string[]): Patch => patch(ST2_CONF, replace('/data/st2.docker.conf', dockerConfText('[rbac]\nenable = True\nbackend = default\n', ...lines, '')));

const PW = '{{ .rabbitmqPassword | urlquery }}';
const URL = `url = amqp://admin:${PW}@rabbitmq:5672`;
const PODS = [0, 1, 2].map((k) => `rabbitmq-${k}.rabbitmq-discovery:5672`);
const STORE_PODS = PODS.map((p) => `amqp://admin:${PW}@${p}`).join(',');
const BARE_PODS = PODS.map((p) => `amqp://${p}`).join(',');

export function fresh22AmqpCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f22a-${id}`, cls, rule, body));
  };
  const user = (wraps: Wrapped, ...lines: string[]): CaseBody => ({ wraps, patches: [userConf(...lines)] });
  const HRD14 = 'ST2-HRD-014';

  // --- cluster_urls replaces the store's url: judged as url is ----------------------------------------
  add('pods-no-credentials', 'st2-config', HRD14, user('prod', '[messaging]', `cluster_urls = ${BARE_PODS}`));
  add('user-without-password-staging', 'st2-config', HRD14, user('staging', '[messaging]', 'cluster_urls = amqp://admin@rabbitmq:5672'));
  // kombu takes an empty password as none (its default, guest, fills it).
  add('empty-password', 'st2-config', HRD14, user('prod', '[messaging]', 'cluster_urls = amqp://admin:@rabbitmq:5672'));
  // One URL of the list without credentials: kombu fails over to it with guest.
  add('one-pod-no-credentials', 'st2-config', HRD14, { patches: [secretsMessaging(URL, `cluster_urls = amqp://admin:${PW}@${PODS[0] ?? ''},amqp://${PODS[1] ?? ''}`)] });
  add('in-docker-conf-staging', 'st2-config', HRD14, { wraps: 'staging', patches: [dockerConf('', '[messaging]', 'cluster_urls = amqp://rabbitmq-0.rabbitmq-discovery:5672')] });
  // A later line of the same file wins.
  add('second-line-no-credentials', 'st2-config', HRD14, user('prod', '[messaging]', 'cluster_urls =', 'cluster_urls = amqp://rabbitmq:5672'));
  // The store's password, at RabbitMQ's management HTTP port or epmd: no AMQP answers there.
  add('management-port', 'st2-config', HRD14, { patches: [secretsMessaging(URL, `cluster_urls = amqp://admin:${PW}@rabbitmq:15672`)] });
  add('epmd-port-on-pod-staging', 'st2-config', HRD14, { wraps: 'staging', patches: [secretsMessaging(URL, `cluster_urls = amqp://admin:${PW}@rabbitmq-0.rabbitmq-discovery:4369`)] });
  add('url-management-port', 'st2-config', HRD14, { patches: [secretsMessaging(`url = amqp://admin:${PW}@rabbitmq:15672`)] });

  // --- A password committed in the ConfigMap (ST2-SEC-013 in production) -------------------------------
  add('password-in-configmap', 'secrets', 'ST2-SEC-013', user('prod', '[messaging]', 'cluster_urls = amqp://admin:Qv7r-Lx2m-9TzP@rabbitmq:5672'));
  add('password-in-configmap-second-url', 'secrets', 'ST2-SEC-013', user('prod', '[messaging]', `cluster_urls = amqp://admin:${PW}@rabbitmq-0.rabbitmq-discovery:5672, amqp://admin:Qv7r-Lx2m-9TzP@rabbitmq-1.rabbitmq-discovery:5672`));
  // url's password is the same committed credential, even where st2.secrets.conf shadows it.
  add('url-password-in-configmap', 'secrets', 'ST2-SEC-013', user('prod', '[messaging]', 'url = amqp://admin:Qv7r-Lx2m-9TzP@rabbitmq:5672'));

  // --- Look-alikes --------------------------------------------------------------------------------------
  add('safe-pods-with-store-password', 'st2-config', undefined, { patches: [secretsMessaging(URL, `cluster_urls = ${STORE_PODS}`)] });
  add('safe-pods-with-store-password-staging', 'st2-config', undefined, { wraps: 'staging', patches: [secretsMessaging(URL, `cluster_urls = ${STORE_PODS.replaceAll(',', ', ')}`)] });
  // st2.secrets.conf, read last, replaces the bare list of st2.user.conf.
  add('safe-bare-list-replaced-by-secrets', 'st2-config', undefined, { patches: [userConf('[messaging]', `cluster_urls = ${BARE_PODS}`), secretsMessaging(URL, `cluster_urls = ${STORE_PODS}`)] });
  // An empty list is falsy: url (the store's) is used.
  add('safe-list-emptied', 'st2-config', undefined, user('prod', '[messaging]', `cluster_urls = ${BARE_PODS}`, 'cluster_urls ='));
  add('safe-list-commented-out-staging', 'st2-config', undefined, user('staging', '[messaging]', '# cluster_urls = amqp://rabbitmq:15672', 'connection_retries = 20'));
  return cases;
}
