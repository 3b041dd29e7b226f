/**
 * The bus URLs st2 connects with (src/policy/st2-transport.ts): `[messaging] cluster_urls` when
 * set, else `url` (st2common/transport/utils.py get_messaging_urls). Each URL to the render's
 * RabbitMQ needs a password (kombu fills a missing one with its transport's default, guest, which
 * a broker loading its users from the store refuses), and must name the port its Service calls
 * `amqp` (15672 is the management HTTP listener).
 */
import { describe, expect, it } from 'vitest';
import { portNotAmqp, type ServicePorts } from '../../src/policy/service-ports.js';
import type { StoreOffer } from '../../src/policy/store-offer.js';
import { transportProblems, transportWords } from '../../src/policy/st2-transport.js';

const rabbitPorts = { ports: new Set([15672, 5672, 4369]), names: new Map([[15672, 'http'], [5672, 'amqp'], [4369, 'epmd']]) };
const services: ServicePorts = new Map([
  ['rabbitmq', [{ ns: 'st2', ...rabbitPorts }]],
  ['rabbitmq-discovery', [{ ns: 'st2', ...rabbitPorts, pods: new Set(['rabbitmq-0', 'rabbitmq-1', 'rabbitmq-2']) }]],
]);
const offer: StoreOffer = { mongo: false, mongoTls: false, etcdSchemes: new Set(), rabbitTls: false, rabbit: true, vhosts: new Set(), replicaSets: new Set(), mongoUserDbs: new Set(), mongoUsersOpen: false };
const STORE = 'amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672';

function busProblems(url: string | undefined, cluster?: string): string[] {
  const word = (value: string | undefined) => ({ value, unknown: undefined });
  const words = { 'messaging.url': word(url), ...(cluster === undefined ? {} : { 'messaging.cluster_urls': word(cluster) }) };
  return transportProblems(transportWords(words, () => false), offer, services, 'st2').map((p) => `${p.problem} ${p.detail}`);
}

describe('[messaging] cluster_urls replacing url', () => {
  it.each([
    // [url, cluster_urls, problems]
    [STORE, 'amqp://rabbitmq-0.rabbitmq-discovery:5672,amqp://rabbitmq-1.rabbitmq-discovery:5672', ['messaging-credentials-missing rabbitmq-0.rabbitmq-discovery,rabbitmq-1.rabbitmq-discovery']],
    [STORE, 'amqp://admin@rabbitmq:5672', ['messaging-credentials-missing rabbitmq']],
    [STORE, 'amqp://admin:@rabbitmq:5672', ['messaging-credentials-missing rabbitmq']],
    [STORE, 'amqp://admin:pw@rabbitmq-0.rabbitmq-discovery:5672, amqp://rabbitmq-1.rabbitmq-discovery:5672', ['messaging-credentials-missing rabbitmq-1.rabbitmq-discovery']],
    [STORE, 'amqp://admin:{{ .pw }}@rabbitmq:15672', ['port-not-amqp messaging.url rabbitmq:15672']],
    [STORE, 'amqp://admin:{{ .pw }}@rabbitmq-0.rabbitmq-discovery:4369', ['port-not-amqp messaging.url rabbitmq-0.rabbitmq-discovery:4369']],
    [STORE, 'amqp://admin:{{ .pw }}@rabbitmq-0.rabbitmq-discovery:5672,amqp://admin:{{ .pw }}@rabbitmq-1.rabbitmq-discovery,amqp://admin:{{ .pw }}@rabbitmq-2.rabbitmq-discovery:5672', []],
    // Written empty, the list is falsy: url is used.
    [STORE, '', []],
    // url is judged the same way when no list is set.
    ['amqp://rabbitmq:5672', undefined, ['messaging-credentials-missing rabbitmq']],
    ['amqp://admin:{{ .pw }}@rabbitmq:15672', undefined, ['port-not-amqp messaging.url rabbitmq:15672']],
    [STORE, undefined, []],
    // kombu's other AMQP transport names read user-info the same way.
    [STORE, 'pyamqp://rabbitmq:5672', ['messaging-credentials-missing rabbitmq']],
    // A broker outside the render keeps its own users.
    [STORE, 'amqp://mq.example.net:5672', []],
  ])('url %s, cluster_urls %s', (url, cluster, expected) => {
    expect(busProblems(url, cluster)).toEqual(expected);
  });
});

describe('portNotAmqp', () => {
  it.each([
    ['rabbitmq', 5672, false],
    ['rabbitmq', 15672, true],
    ['rabbitmq.st2.svc.cluster.local', 15672, true],
    ['rabbitmq-2.rabbitmq-discovery', 4369, true],
    // Not served at all: port-not-served's; an unknown host or a Service naming no amqp port: not judged.
    ['rabbitmq', 5671, undefined],
    ['mq.example.net', 15672, undefined],
  ] as const)('%s:%i', (host, port, expected) => {
    expect(portNotAmqp(services, host, port, 'st2')).toBe(expected);
  });
  it('leaves a Service without an amqp port name alone', () => {
    const unnamed: ServicePorts = new Map([['broker', [{ ns: 'st2', ports: new Set([5672, 15672]), names: new Map() }]]]);
    expect(portNotAmqp(unnamed, 'broker', 15672, 'st2')).toBeUndefined();
  });
});
