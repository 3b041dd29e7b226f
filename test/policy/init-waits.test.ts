/**
 * The Services init containers wait for (init-waits.ts): `nc -z`, and loops
 * waiting on curl, wget or bash's /dev/tcp; the policy judges each against
 * the render (ST2-OPS-028). Single requests, outside hosts and variables are
 * no waits the gate can judge.
 */
import { describe, expect, it } from 'vitest';
import type { ContainerAt } from '../../src/policy/container-walk.js';
import { initWaits } from '../../src/policy/init-waits.js';

const waitsOf = (command: string[], spec: Record<string, unknown> = {}): Array<[string, string, number]> => {
  const container = { name: 'wait', image: 'busybox:1.36', command };
  const at = { field: 'initContainers', container, path: ['spec', 'initContainers', 0] } as unknown as ContainerAt;
  return initWaits(0, spec, [at]).map((w) => [w.service, w.namespace, w.port]);
};
const sh = (script: string): string[] => ['sh', '-c', script];

describe('init container waits', () => {
  it.each([
    ['nc in argv', ['nc', '-z', '-w', '2', 'mongodb', '27017'], [['mongodb', '', 27017]]],
    ['an nc loop', sh('until nc -z rabbitmq 5672; do sleep 2; done'), [['rabbitmq', '', 5672]]],
    ['a wget loop', sh('until wget -q -O /dev/null http://st2api:9101/v1/; do sleep 2; done'), [['st2api', '', 9101]]],
    ['a curl loop on a scheme-less host:port', sh('while ! curl -s --max-time 2 mongodb-v2:27017; do sleep 1; done'), [['mongodb-v2', '', 27017]]],
    ['a URL without a port', sh('until curl -sf https://st2auth.st2-prod.svc/; do sleep 5; done'), [['st2auth', 'st2-prod', 443]]],
    ['bash /dev/tcp', ['bash', '-c', 'until echo > /dev/tcp/etcd/2380; do sleep 1; done'], [['etcd', '', 2380]]],
    ['/dev/tcp in a subshell', ['bash', '-c', 'while ! (: </dev/tcp/rabbitmq.st2-prod/5673) 2>/dev/null; do sleep 1; done'], [['rabbitmq', 'st2-prod', 5673]]],
  ])('GIVEN %s WHEN read THEN it waits for %j', (_what, command, waits) => {
    expect(waitsOf(command)).toEqual(waits);
  });

  it.each([
    ['a single curl', sh('curl -sf http://st2api:9101/v1/ || true')],
    ['a wget outside the cluster', sh('until wget -q https://files.pythonhosted.org/packages/; do sleep 2; done')],
    ['a variable host', sh('until curl -sf http://$HOST:9101/; do sleep 2; done')],
    ['curl options only', sh('until curl -sf -o out.json -w %{http_code}; do sleep 2; done')],
    ['/dev/tcp outside a loop', ['bash', '-c', 'echo ping > /dev/tcp/etcd/2379 || true']],
  ])('GIVEN %s WHEN read THEN no wait is reported', (_what, command) => {
    expect(waitsOf(command)).toEqual([]);
  });

  it('GIVEN hostAliases naming the host WHEN read THEN the wait is left alone', () => {
    expect(waitsOf(sh('until wget -q http://st2api:9101/; do sleep 2; done'), { hostAliases: [{ ip: '10.0.0.5', hostnames: ['st2api'] }] })).toEqual([]);
  });
});
