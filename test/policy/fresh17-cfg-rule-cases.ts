/**
 * rules.test.ts's cases for the seventeenth red team's cfg-silent-break, rabbit-conf and
 * etcd-flags classes (the overlays are in test/policy/redteam/fresh17-cfg.ts), each denied and
 * allowed through the compiled wasm: ST2-HRD-009's scheduler sleep ceiling and action trigger
 * switch (the bundle's option_bounds), ST2-REP-016's consumer_timeout floor, ST2-REP-012's
 * --enable-v2 beside a v2 deprecation etcd 3.5 refuses.
 */
import type { Manifest } from '../../src/core/manifest.js';
import { configMap, haServiceReading, haWorkload, workload } from './support.js';
import { deny, rows, type RuleCase } from './rule-case.js';

/** A RabbitMQ StatefulSet of 3 that st2 uses, with these rabbitmq.conf lines. */
function rabbit(conf: string): Manifest[] {
  return [
    ...haWorkload('rabbitmq', 3, {
      kind: 'StatefulSet',
      container: { image: 'rabbitmq:3.12.14', volumeMounts: [{ name: 'config', mountPath: '/etc/rabbitmq' }] },
      pod: { volumes: [{ name: 'config', configMap: { name: 'rabbitmq-config' } }] },
    }),
    configMap('rabbitmq-config', { 'rabbitmq.conf': `cluster_formation.peer_discovery_backend = rabbit_peer_discovery_k8s\n${conf}load_definitions = /etc/rabbitmq/definitions.json\n`, 'definitions.json': '{"policies": [{"name": "ha", "definition": {"ha-mode": "all"}}]}' }),
    configMap('st2-config', { 'st2.docker.conf': '[messaging]\nurl = amqp://st2@rabbitmq:5672\n' }),
  ];
}

/** An etcd 3.5 member with v2 on and these flags, st2 coordinating on it. */
const etcd = (...args: string[]): Manifest[] => [
  workload('etcd', { kind: 'StatefulSet', container: { image: 'bitnamilegacy/etcd:3.5.17', args: ['--enable-v2=true', ...args], readinessProbe: { httpGet: { path: '/health', port: 2379 } } } }),
  configMap('st2-config', { 'st2.docker.conf': '[coordination]\nurl = etcd://etcd:2379\n' }),
];

export function fresh17CfgRuleCases(): RuleCase[] {
  const prod = 'production';
  return [
    ...rows('ST2-HRD-009', [
      [prod, 'a scheduler sleep_interval of an hour read by st2scheduler is denied', () => haServiceReading('st2scheduler', '[scheduler]\nsleep_interval = 3600\n'), deny('ST2-HRD-009', { message: '[scheduler] sleep_interval = 3600' })],
      ['staging', '[action_sensor] enable = False read by st2notifier is denied', () => haServiceReading('st2notifier', '[action_sensor]\nenable = False\n'), deny('ST2-HRD-009', { message: '[action_sensor] enable = False' })],
      [prod, 'a half-second scheduler sleep_interval is allowed', () => haServiceReading('st2scheduler', '[scheduler]\nsleep_interval = 0.5\n'), 'allowed', { others: ['ST2-REP-006'] }],
      [prod, '[action_sensor] enable = True is allowed', () => haServiceReading('st2notifier', '[action_sensor]\nenable = True\n'), 'allowed', { others: ['ST2-REP-006'] }],
    ]),
    ...rows('ST2-REP-016', [
      [prod, 'a RabbitMQ consumer_timeout of one second is denied', () => rabbit('consumer_timeout = 1000\n'), deny('ST2-REP-016', { message: 'consumer_timeout below' })],
      [prod, 'a RabbitMQ consumer_timeout of an hour is allowed', () => rabbit('consumer_timeout = 3600000\n'), 'allowed'],
    ]),
    ...rows('ST2-REP-012', [
      ['dev', 'etcd 3.5 with --enable-v2 and --v2-deprecation=write-only is denied', () => etcd('--v2-deprecation=write-only'), deny('ST2-REP-012', { message: 'v2-deprecation write-only or later' })],
      ['dev', 'etcd 3.5 with --enable-v2 and --v2-deprecation=not-yet is allowed', () => etcd('--v2-deprecation=not-yet'), 'allowed'],
    ]),
  ];
}
