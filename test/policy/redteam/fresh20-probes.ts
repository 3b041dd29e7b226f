/**
 * Store probes that can never pass (twentieth round, the attacker's i05, i06, i32, i41), with
 * their look-alikes (src/policy/probe-never.ts):
 *
 * - a mongo shell whose --eval always quits with a non-zero code (`quit(1)`): the kubelet
 *   restarts mongod forever on every member (ST2-OPS-066); quit(0) on the success path passes;
 * - an httpGet /health on etcd's peer port 2380: its peer mux answers 404 for every path but the
 *   peers' own (etcd v3.5.17 server/etcdserver/api/etcdhttp/peer.go) (ST2-OPS-031); /health on
 *   2379 and /version on 2380 are served;
 * - rabbitmqctl or rabbitmq-diagnostics -n naming a node no pod runs: the Erlang handshake
 *   refuses a node answering under another name (OTP dist_util recv_challenge), so the probe
 *   always fails (ST2-OPS-066); -n with the pod's own RABBITMQ_NODENAME passes.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { FIRST, STS, patch, replace } from './targets.js';

const probe = (sts: string, kind: string, field: string, value: unknown): Patch => patch(STS(sts), replace(`${FIRST}/${kind}/${field}`, value));

export function fresh20ProbesCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add20 = (id: string, rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f20p-${id}`, 'availability', rule, { wraps, patches }));
  };
  const quit1 = probe('mongodb', 'livenessProbe', 'exec/command', ['mongo', '--eval', 'quit(1)']);
  add20('mongo-liveness-quit1', 'ST2-OPS-066', [quit1]);
  add20('mongo-liveness-quit1-staging', 'ST2-OPS-066', [quit1], 'staging');
  add20('mongo-readiness-ping-then-quit2', 'ST2-OPS-066', [probe('mongodb', 'readinessProbe', 'exec/command', ['sh', '-c', `mongo --quiet --eval "db.adminCommand('ping'); quit(2)"`])]);
  add20('safe-mongo-quit0-on-success', undefined, [probe('mongodb', 'livenessProbe', 'exec/command', ['mongo', '--quiet', '--eval', "db.adminCommand('ping').ok ? quit(0) : quit(1)"])]);
  add20('safe-mongo-quit0-on-success-staging', undefined, [probe('mongodb', 'readinessProbe', 'exec/command', ['mongo', '--quiet', '--eval', "db.adminCommand('ping').ok ? quit(0) : quit(1)"])], 'staging');

  const peer = probe('etcd', 'livenessProbe', 'httpGet/port', 2380);
  add20('etcd-liveness-peer-port', 'ST2-OPS-031', [peer]);
  add20('etcd-liveness-peer-port-staging', 'ST2-OPS-031', [peer], 'staging');
  add20('etcd-readiness-named-peer-port', 'ST2-OPS-031', [probe('etcd', 'readinessProbe', 'httpGet/port', 'server')]);
  add20('safe-etcd-health-client-port-longer-timeout', undefined, [probe('etcd', 'livenessProbe', 'timeoutSeconds', 10)]);
  add20('safe-etcd-peer-version', undefined, [patch(STS('etcd'), replace(`${FIRST}/livenessProbe/httpGet`, { path: '/version', port: 2380, scheme: 'HTTP' }))], 'staging');

  const nowhere = probe('rabbitmq', 'livenessProbe', 'exec/command', ['rabbitmqctl', '-n', 'rabbit@nowhere', 'status']);
  add20('rmq-liveness-other-node', 'ST2-OPS-066', [nowhere]);
  add20('rmq-liveness-other-node-staging', 'ST2-OPS-066', [nowhere], 'staging');
  add20('rmq-readiness-diagnostics-other-node', 'ST2-OPS-066', [probe('rabbitmq', 'readinessProbe', 'exec/command', ['rabbitmq-diagnostics', '-q', '--node=rabbit@nowhere', 'check_running'])]);
  add20('safe-rmq-own-node', undefined, [probe('rabbitmq', 'livenessProbe', 'exec/command', ['rabbitmqctl', '-n', 'rabbit@$(MY_POD_NAME).rabbitmq-discovery', 'status'])]);
  add20('safe-rmq-own-node-env-staging', undefined, [probe('rabbitmq', 'readinessProbe', 'exec/command', ['sh', '-c', 'rabbitmqctl -n "$RABBITMQ_NODENAME" status'])], 'staging');
  add20('safe-rmq-liveness-longer-timeout', undefined, [probe('rabbitmq', 'livenessProbe', 'timeoutSeconds', 15)]);
  return cases;
}
