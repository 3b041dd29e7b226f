/**
 * The tenth red team's st2-config class (test/attackers/red10, the `cfg-*`
 * cases allowed at 9bd7482), rewritten with variants and safe look-alikes:
 *
 * - values st2 3.8 cannot load (src/policy/st2-option-types.ts): an IntOpt
 *   or FloatOpt with a unit, a word, a decimal point; a StrOpt outside its
 *   choices; a DictOpt without `:`; `$HOME`/`${NAME}` where oslo.config
 *   substitutes only option names; a Python 2 interpreter for pack
 *   virtualenvs; single-sensor mode without a sensor ref (ST2-HRD-009);
 * - an API service bound to loopback (ST2-HRD-010);
 * - connections the render's stores do not answer: a port the Service lacks,
 *   https to an http-only etcd, MongoDB TLS without a TLS mongod, st2auth's
 *   TLS or htpasswd files nothing provides, datastore encryption off
 *   (ST2-HRD-014);
 * - unacknowledged writes, tiny write timeouts, reads from secondaries (ST2-HRD-019).
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { FIRST, DEPLOY, patch, userConf } from './targets.js';

const SECRETS = { group: 'external-secrets.io', kind: 'ExternalSecret', name: 'st2-config-secrets' };

/** st2.secrets.conf with another bus URL (the password stays a store placeholder). */
const busUrl = (hostPort: string): Patch =>
  patch(SECRETS, {
    op: 'replace',
    path: '/spec/target/template/data/st2.secrets.conf',
    value: `[messaging]\nurl = amqp://admin:{{ .rabbitmqPassword | urlquery }}@${hostPort}\n\n[database]\nusername = {{ .mongodbUser }}\npassword = {{ .mongodbPassword }}\n`,
  });
const MONGO_HOSTS = 'mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0';
const dbUri = (params: string): Patch => userConf('[database]', `host = ${MONGO_HOSTS}${params}`);

export function fresh11CfgCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f11-cfg-${id}`, 'st2-config', rule, { wraps, patches }));
  };
  const conf = (id: string, rule: string | undefined, ...lines: string[]): void => add(id, rule, [userConf(...lines)]);

  // --- Values oslo.config or st2 cannot load (ST2-HRD-009) -----------------------------------------------
  conf('gc-ttl-weeks', 'ST2-HRD-009', '[garbagecollector]', 'traces_ttl = 2w');
  conf('retry-wait-words', 'ST2-HRD-009', '[messaging]', 'connection_retry_wait = 3 seconds');
  conf('token-ttl-decimal', 'ST2-HRD-009', '[auth]', 'token_ttl = 86400.0');
  conf('jitter-comma', 'ST2-HRD-009', '[workflow_engine]', 'retry_max_jitter_msec = 1,000');
  conf('sample-rate-percent', 'ST2-HRD-009', '[metrics]', 'sample_rate = 50%');
  add('staging-gc-interval-unit', 'ST2-HRD-009', [userConf('[scheduler]', 'gc_interval = 5s')], 'staging');
  conf('cookie-same-site-case', 'ST2-HRD-009', '[api]', 'auth_cookie_same_site = Strict');
  conf('partition-no-colon', 'ST2-HRD-009', '[sensorcontainer]', 'partition_provider = name=default');
  conf('ssh-key-braced-home', 'ST2-HRD-009', '[system_user]', 'ssh_key_file = ${HOME}/.ssh/id_rsa');
  conf('packs-env-var', 'ST2-HRD-009', '[content]', 'packs_base_paths = /opt/stackstorm/packs:$PACKS_DIR');
  conf('webui-hostname-var', 'ST2-HRD-009', '[webui]', 'webui_base_url = https://$HOSTNAME');
  conf('ref-unknown-group', 'ST2-HRD-009', '[auth]', 'api_url = http://st2api:${apii.port}/');
  conf('python2-binary', 'ST2-HRD-009', '[actionrunner]', 'python_binary = /usr/bin/python2');
  conf('sensor-single-yes', 'ST2-HRD-009', '[sensorcontainer]', 'single_sensor_mode = yes');
  add('sensor-single-flag', 'ST2-HRD-009', [patch(DEPLOY('st2sensorcontainer'), { op: 'add', path: `${FIRST}/args/-`, value: '--single-sensor-mode' })]);
  // Safe: the same options with values their types take, references to options that exist.
  conf('safe-gc-ttl-days', undefined, '[garbagecollector]', 'traces_ttl = 14');
  conf('safe-gc-interval-float', undefined, '[scheduler]', 'gc_interval = 2.5', 'sleep_interval = 1e-1');
  conf('safe-jitter-underscore', undefined, '[workflow_engine]', 'retry_max_jitter_msec = 1_000');
  conf('safe-cookie-same-site', undefined, '[api]', 'auth_cookie_same_site = strict');
  conf('safe-ssl-cert-reqs', undefined, '[database]', 'ssl_cert_reqs = none');
  conf('safe-partition-default', undefined, '[sensorcontainer]', 'partition_provider = name:default');
  conf('safe-ref-api-port', undefined, '[auth]', 'api_url = http://st2api:${api.port}/');
  conf('safe-escaped-dollar', undefined, '[webui]', 'webui_base_url = https://st2.example.com/$$path');
  conf('safe-python3-binary', undefined, '[actionrunner]', 'python_binary = /usr/bin/python3');
  conf('safe-sensor-single-off', undefined, '[sensorcontainer]', 'single_sensor_mode = False');
  add('safe-sensor-single-with-ref', undefined, [
    patch(DEPLOY('st2sensorcontainer'), { op: 'add', path: `${FIRST}/args/-`, value: '--single-sensor-mode' }, { op: 'add', path: `${FIRST}/args/-`, value: '--sensor-ref=linux.FileWatchSensor' }),
  ]);

  // --- An API service bound to loopback (ST2-HRD-010) ------------------------------------------------------
  conf('api-host-loopback', 'ST2-HRD-010', '[api]', 'host = 127.0.0.1');
  conf('stream-host-localhost', 'ST2-HRD-010', '[stream]', 'host = localhost');
  conf('auth-host-127-0-1-1', 'ST2-HRD-010', '[auth]', 'host = 127.0.1.1');
  conf('safe-api-host-any', undefined, '[api]', 'host = 0.0.0.0');
  conf('safe-syslog-localhost', undefined, '[syslog]', 'host = 127.0.0.1');

  // --- Connections nothing answers (ST2-HRD-014) ---------------------------------------------------------
  add('bus-port-5673', 'ST2-HRD-014', [busUrl('rabbitmq:5673')]);
  add('bus-amqps-port', 'ST2-HRD-014', [busUrl('rabbitmq.st2-prod.svc:5671')]);
  conf('etcd-peer-port', 'ST2-HRD-014', '[coordination]', 'url = etcd://etcd:2380');
  conf('etcd-old-client-port', 'ST2-HRD-014', '[coordination]', 'url = etcd://etcd.st2-prod.svc.cluster.local:4001');
  conf('etcd-https', 'ST2-HRD-014', '[coordination]', 'url = etcd://etcd:2379?protocol=https&timeout=10');
  conf('db-ssl-on', 'ST2-HRD-014', '[database]', 'ssl = True');
  add('db-uri-tls', 'ST2-HRD-014', [dbUri('&tls=true')]);
  conf('encryption-off', 'ST2-HRD-014', '[keyvalue]', 'enable_encryption = False');
  conf('encryption-no', 'ST2-HRD-014', '[keyvalue]', 'enable_encryption = no');
  conf('auth-ssl-default-cert', 'ST2-HRD-014', '[auth]', 'use_ssl = True');
  conf('auth-ssl-own-cert', 'ST2-HRD-014', '[auth]', 'use_ssl = on', 'cert = /etc/st2/ssl/st2auth.crt', 'key = /etc/st2/ssl/st2auth.key');
  conf('htpasswd-elsewhere', 'ST2-HRD-014', '[auth]', 'backend = flat_file', 'backend_kwargs = {"file_path": "/etc/st2/users.htpasswd"}');
  add('safe-bus-fqdn', undefined, [busUrl('rabbitmq.st2-prod.svc.cluster.local:5672')]);
  add('safe-bus-no-port', undefined, [busUrl('rabbitmq')]);
  conf('safe-etcd-default-port', undefined, '[coordination]', 'url = etcd://etcd');
  conf('safe-etcd-headless', undefined, '[coordination]', 'url = etcd://etcd-headless:2379?protocol=http');
  conf('safe-db-ssl-off', undefined, '[database]', 'ssl = False');
  conf('safe-encryption-on', undefined, '[keyvalue]', 'enable_encryption = True');
  conf('safe-auth-ssl-off', undefined, '[auth]', 'use_ssl = False');
  conf('safe-htpasswd-mounted', undefined, '[auth]', 'backend = flat_file', 'backend_kwargs = {"file_path": "/etc/st2/htpasswd"}');

  // --- Writes unacknowledged or timed out, reads from secondaries (ST2-HRD-019) ---------------------------
  add('db-w0-upper', 'ST2-HRD-019', [dbUri('&W=0')]);
  add('db-wtimeout-5ms', 'ST2-HRD-019', [dbUri('&w=majority&wtimeoutMS=5')]);
  add('db-read-nearest', 'ST2-HRD-019', [dbUri('&readPreference=nearest')]);
  add('db-read-secondary-preferred', 'ST2-HRD-019', [dbUri('&readpreference=secondaryPreferred&maxStalenessSeconds=120')]);
  add('safe-db-wtimeout-5s', undefined, [dbUri('&w=majority&wtimeoutMS=5000')]);
  add('safe-db-w1-wtimeout', undefined, [dbUri('&w=1&wtimeoutMS=1')]);
  add('safe-db-primary-preferred', undefined, [dbUri('&readPreference=primaryPreferred&journal=true')]);
  return cases;
}
