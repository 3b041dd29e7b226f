/**
 * The nineteenth red team's store-runtime facts (ST2-REP-016): RabbitMQ
 * refusing st2's login (loopback_users, auth_mechanisms), mongod with TLS on
 * and no certificate, etcd peers on loopback in a cluster of several members.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectStoreHaFacts } from '../../src/policy/store-ha-facts.js';

type Json = Record<string, unknown>;
const WANTED = new Set(['loopback_login', 'login_mechanisms', 'tls_no_certificate', 'tls_required', 'peer_loopback']);

function statefulSet(name: string, container: Json, replicas = 3): Manifest {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'st2-prod' }, spec: { replicas, serviceName: `${name}-headless`, template: { spec: { containers: [{ name, ...container }] } } } };
}
const configMap = (name: string, data: Record<string, string>): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'st2-prod' }, data });
const found = (resources: Manifest[]): Array<[string, number | string]> =>
  collectStoreHaFacts(resources, new Map(resources.map((r, i) => [i, r['kind'] === 'StatefulSet' ? [['spec', 'template', 'spec']] : []])), 'st2-prod')
    .filter((f) => WANTED.has(f.setting))
    .map((f) => [f.setting, f.value]);

const rabbit = statefulSet('rabbitmq', { image: 'rabbitmq:3.12.14' });
const st2 = (messaging: string): Manifest => configMap('st2-config', { 'st2.conf': `[messaging]\n${messaging}\n\n[database]\nhost = mongodb://mongodb-0.mongodb:27017/?replicaSet=rs0\n` });
const url = 'url = amqp://admin:pw@rabbitmq:5672';

describe('RabbitMQ settings that refuse st2 its login', () => {
  it.each([
    ['loopback_users.admin = true', url, [['loopback_login', 'admin']]],
    ['# lock down admin\nloopback_users.admin = true', url, [['loopback_login', 'admin']]],
    ['loopback_users.guest = false\nloopback_users.admin = true', url, [['loopback_login', 'admin']]],
    ['auth_mechanisms.1 = EXTERNAL', url, [['login_mechanisms', 'EXTERNAL']]],
    ['auth_mechanisms.1 = EXTERNAL\nauth_mechanisms.2 = ANONYMOUS', url, [['login_mechanisms', 'EXTERNAL,ANONYMOUS']]],
    ['auth_mechanisms.1 = PLAIN', `${url}\nlogin_method = AMQPLAIN`, [['login_mechanisms', 'PLAIN']]],
  ])('%j with %j is %j', (conf, messaging, want) => {
    expect(found([rabbit, configMap('rabbitmq-config', { 'rabbitmq.conf': conf }), st2(messaging)])).toEqual(want);
  });

  it.each([
    ['loopback_users.guest = true', url],
    ['loopback_users = none\nloopback_users.admin = true', url],
    ['loopback_users.admin = false', url],
    ['auth_mechanisms.1 = PLAIN\nauth_mechanisms.2 = EXTERNAL', url],
    ['auth_mechanisms.1 = AMQPLAIN', url],
    ['auth_mechanisms.1 = EXTERNAL', `${url}\nssl = True\nssl_certfile = /etc/st2/tls/client.crt`],
  ])('%j with %j is safe', (conf, messaging) => {
    expect(found([rabbit, configMap('rabbitmq-config', { 'rabbitmq.conf': conf }), st2(messaging)])).toEqual([]);
  });

  it('reads advanced.config, which wins over rabbitmq.conf', () => {
    const both = (advanced: string): Array<[string, number | string]> => found([rabbit, configMap('rabbitmq-config', { 'rabbitmq.conf': 'loopback_users.guest = true', 'advanced.config': advanced }), st2(url)]);
    expect(both('[{rabbit, [{loopback_users, [<<"admin">>]}]}].')).toEqual([['loopback_login', 'admin']]);
    expect(both("[{rabbit, [{auth_mechanisms, ['EXTERNAL']}]}].")).toEqual([['login_mechanisms', 'EXTERNAL']]);
    expect(both('[{rabbit, [{loopback_users, []}]}].')).toEqual([]);
  });

  it('takes st2\'s user from its [messaging] url, and judges nothing without RabbitMQ or without a url', () => {
    const conf = configMap('rabbitmq-config', { 'rabbitmq.conf': 'loopback_users.stackstorm = true' });
    expect(found([rabbit, conf, st2('url = amqp://stackstorm:pw@rabbitmq:5672')])).toEqual([['loopback_login', 'stackstorm']]);
    expect(found([conf, st2('url = amqp://stackstorm:pw@rabbitmq:5672')])).toEqual([]);
    expect(found([rabbit, conf])).toEqual([]);
  });

  it('reads the url of an ExternalSecret template (st2.secrets.conf)', () => {
    const template = '[messaging]\nurl = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672\n';
    const es: Manifest = { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'st2-config-secrets', namespace: 'st2-prod' }, spec: { target: { template: { data: { 'st2.secrets.conf': template } } } } };
    expect(found([rabbit, configMap('rabbitmq-config', { 'rabbitmq.conf': 'loopback_users.admin = true' }), es])).toEqual([['loopback_login', 'admin']]);
  });
});

describe('mongod with TLS on and no server certificate', () => {
  const mongo = (args: string[]): Manifest => statefulSet('mongodb', { image: 'mongo:4.4.29', args: ['--replSet', 'rs0', ...args] });
  it.each([
    [['--tlsMode', 'requireTLS'], [['tls_no_certificate', 'requireTLS']]],
    [['--sslMode=preferSSL'], [['tls_no_certificate', 'preferTLS']]],
    [['--tlsOnNormalPorts'], [['tls_no_certificate', 'requireTLS']]],
    [['--tlsMode', 'requireTLS', '--tlsCertificateKeyFile', '/etc/mongo-tls/mongod.pem'], []],
    [['--sslMode', 'requireSSL', '--sslPEMKeyFile=/etc/mongo-tls/mongod.pem'], []],
    [['--tlsMode', 'disabled'], []],
  ])('%j is %j', (args, want) => {
    expect(found([mongo(args)])).toEqual(want);
  });

  const cert = ['--tlsCertificateKeyFile', '/etc/mongo-tls/mongod.pem', '--tlsCAFile', '/etc/mongo-tls/ca.pem'];
  it.each([
    ['requireTLS', 'host = mongodb://mongodb-0.mongodb:27017/?replicaSet=rs0', [['tls_required', 'requireTLS']]],
    ['requireTLS', 'host = mongodb://mongodb-0.mongodb:27017/?replicaSet=rs0\nssl = True', []],
    ['requireTLS', 'host = mongodb://mongodb-0.mongodb:27017/?replicaSet=rs0&tls=true', []],
    ['preferTLS', 'host = mongodb://mongodb-0.mongodb:27017/?replicaSet=rs0', []],
    ['allowTLS', 'host = mongodb://mongodb-0.mongodb:27017/?replicaSet=rs0', []],
  ])('%s with a certificate while st2 has %j is %j', (mode, database, want) => {
    const conf = configMap('st2-config', { 'st2.conf': `[messaging]\nssl = True\n\n[database]\n${database}\n` });
    expect(found([mongo(['--tlsMode', mode, ...cert]), conf])).toEqual(want);
  });

  it('judges requireTLS against st2 only where st2 has a [database] section', () => {
    expect(found([mongo(['--tlsMode', 'requireTLS', ...cert])])).toEqual([]);
  });
});

describe('etcd peers on loopback', () => {
  const etcd = (peers: string, cluster: string): Manifest =>
    statefulSet('etcd', { image: 'quay.io/coreos/etcd:v3.5.17', command: ['etcd', '--name=$(POD_NAME)', peers, '--listen-client-urls=http://0.0.0.0:2379', `--initial-cluster=${cluster}`] });
  const three = 'etcd-0=http://etcd-0.etcd-headless:2380,etcd-1=http://etcd-1.etcd-headless:2380,etcd-2=http://etcd-2.etcd-headless:2380';
  it.each([
    ['--listen-peer-urls=http://127.0.0.1:2380', three, [['peer_loopback', 3]]],
    ['--listen-peer-urls=http://localhost:2380,http://[::1]:2380', three, [['peer_loopback', 3]]],
    ['--listen-peer-urls=http://0.0.0.0:2380', three, []],
    ['--listen-peer-urls=http://$(POD_IP):2380', three, []],
    ['--listen-peer-urls=http://127.0.0.1:2380', 'etcd-0=http://127.0.0.1:2380', []],
  ])('%s in %s is %j', (peers, cluster, want) => {
    expect(found([etcd(peers, cluster)])).toEqual(want);
  });

  // Unset, etcd listens for peers on http://localhost:2380 (server/embed/config.go DefaultListenPeerURLs).
  const member = (image: string, command: string[] | undefined, env: Manifest[] = []): Manifest => statefulSet('etcd', { image, ...(command ? { command } : {}), env });
  it.each([
    ['etcd run by the command, no peer flag', member('quay.io/coreos/etcd:v3.5.17', ['etcd', `--initial-cluster=${three}`]), [['peer_loopback', 3]]],
    ["Bitnami's image, etcd run by the command", member('bitnamilegacy/etcd:3.5.17', ['etcd', `--initial-cluster=${three}`]), [['peer_loopback', 3]]],
    ['the variable instead of the flag', member('quay.io/coreos/etcd:v3.5.17', ['etcd', `--initial-cluster=${three}`], [{ name: 'ETCD_LISTEN_PEER_URLS', value: 'http://0.0.0.0:2380' }]), []],
    ["Bitnami's entrypoint, which writes its own", member('bitnamilegacy/etcd:3.5.17', undefined, [{ name: 'ETCD_INITIAL_CLUSTER', value: three }]), []],
    ['one member', member('quay.io/coreos/etcd:v3.5.17', ['etcd']), []],
  ])('%s', (_name, m, want) => {
    expect(found([m])).toEqual(want);
  });
});
