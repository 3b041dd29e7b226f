/**
 * store-links.ts: the hosts RabbitMQ's LDAP backend, shovels and federation
 * upstreams and Python logging handlers connect to, read from a text; never a URI.
 */
import { describe, expect, it } from 'vitest';
import { logHandlerLinks, rabbitLinks } from '../../src/policy/store-links.js';

const hosts = (links: ReturnType<typeof rabbitLinks>): string[] => links.map((l) => `${l.link} ${l.host}${l.tls ? ' tls' : ''}`);

describe('store links', () => {
  it.each([
    ['rabbitmq.conf LDAP servers, plain', 'auth_backends.1 = ldap\nauth_ldap.servers.1 = ldap.example.net\nauth_ldap.servers.2 = 198.51.100.4\n', ['ldap ldap.example.net', 'ldap 198.51.100.4']],
    ['LDAP over StartTLS', 'auth_ldap.servers.1 = ldap.example.net\nauth_ldap.use_starttls = true\n', ['ldap ldap.example.net tls']],
    ['LDAP in the Erlang terms', '[{rabbitmq_auth_backend_ldap, [{servers, ["a.example.org", "b.example.org"]}, {use_ssl, true}]}].', ['ldap a.example.org tls', 'ldap b.example.org tls']],
    ['a shovel set by rabbitmqctl, the password left behind', `rabbitmqctl set_parameter shovel s '{"src-uri":"amqp://","dest-uri":"amqps://u:secret@mq.example.net:5671/v"}'`, ['shovel mq.example.net tls']],
    ['a federation upstream', `rabbitmqctl set_parameter federation-upstream up '{"uri":"amqp://203.0.113.61"}'`, ['federation 203.0.113.61']],
    ['a local shovel (no host)', `rabbitmqctl set_parameter shovel s '{"src-uri":"amqp:///a","dest-uri":"amqp:///b"}'`, []],
    ['an amqp URL in a text without shovel or federation', '[messaging]\nurl = amqp://st2:pw@mq.example.net\n', []],
  ])('%s', (_name, text, expected) => {
    expect(hosts(rabbitLinks(text))).toEqual(expected);
  });

  it.each([
    ['SysLogHandler to a host', '[handler_r]\nclass=handlers.SysLogHandler\nargs=((\'logs.example.net\', 514),)\n', ['log-handler logs.example.net']],
    ['SysLogHandler to /dev/log (local)', '[handler_r]\nclass=logging.handlers.SysLogHandler\nargs=(\'/dev/log\',)\n', []],
    ['HTTPHandler over https', "[handler_h]\nclass=handlers.HTTPHandler\nargs=('collector.example.net:443', '/in', 'POST', True)\n", ['log-handler collector.example.net tls']],
    ['SocketHandler', "[handler_s]\nclass=handlers.SocketHandler\nargs=('203.0.113.5', 9020)\n", ['log-handler 203.0.113.5']],
    ['the files and console st2 ships', "[handler_c]\nclass=StreamHandler\nargs=(sys.stdout,)\n[handler_f]\nclass=st2common.log.FormatNamedFileHandler\nargs=('/var/log/st2/st2api.log',)\n", []],
  ])('%s', (_name, text, expected) => {
    expect(hosts(logHandlerLinks(text))).toEqual(expected);
  });
});
