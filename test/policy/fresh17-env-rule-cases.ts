/**
 * rules.test.ts's cases for the seventeenth red team's pods that never run (the overlays are in
 * test/policy/redteam/fresh17-env.ts): a store variable RabbitMQ cannot parse, injected by a
 * Service's links or written (ST2-OPS-070), and a ServiceAccount the namespace lacks
 * (ST2-OPS-028), each denied and allowed through the compiled wasm.
 */
import type { Manifest } from '../../src/core/manifest.js';
import { meta, workload } from './support.js';
import { deny, rows, type RuleCase } from './rule-case.js';

const prod = 'production';

const rabbit = (env: Manifest[] = [], pod: Manifest = {}): Manifest => workload('rabbitmq', { kind: 'StatefulSet', replicas: 3, container: { image: 'rabbitmq:3.12.14', env }, pod });
const link = (name: string, spec: Manifest = {}): Manifest => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(name), spec: { selector: { app: 'rabbitmq' }, ports: [{ port: 5672, targetPort: 5672 }], ...spec } });
const timers = (pod: Manifest): Manifest[] => [workload('st2timersengine', { pod })];

export function fresh17EnvRuleCases(): RuleCase[] {
  return [
    ...rows('ST2-OPS-070', [
      [prod, 'a Service rabbitmq-node (RABBITMQ_NODE_PORT=tcp://…) beside RabbitMQ is denied', () => [rabbit(), link('rabbitmq-node')], deny('ST2-OPS-070', { field: 'spec.template.spec.containers.0', message: 'variable=RABBITMQ_NODE_PORT' })],
      [prod, 'RABBITMQ_DIST_PORT written as a URL is denied', () => [rabbit([{ name: 'RABBITMQ_DIST_PORT', value: 'tcp://10.0.0.1:25672' }])], deny('ST2-OPS-070', { field: 'spec.template.spec.containers.0.env.0.value', message: 'variable=RABBITMQ_DIST_PORT' })],
      [prod, 'the same Service with enableServiceLinks false on RabbitMQ is allowed', () => [rabbit([], { enableServiceLinks: false }), link('rabbitmq-node')], 'allowed', { others: ['ST2-HRD-004'] }],
      [prod, 'a headless Service rabbitmq-node is allowed', () => [rabbit(), link('rabbitmq-node', { clusterIP: 'None' })], 'allowed', { others: ['ST2-HRD-004'] }],
    ]),
    ...rows('ST2-OPS-028', [
      [prod, 'a serviceAccountName the namespace lacks is denied', () => timers({ serviceAccountName: 'st2-timers' }), deny('ST2-OPS-028', { field: 'spec.template.spec.serviceAccountName', message: 'value=st2-timers' })],
      [prod, 'a serviceAccountName rendered in the namespace is allowed', () => [...timers({ serviceAccountName: 'st2-timers' }), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('st2-timers') }], 'allowed'],
    ]),
  ];
}
