/**
 * Store probes that can never pass (src/policy/probe-never.ts): what is decided exactly from the
 * probe's text, and the look-alikes left alone.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject, Manifest } from '../../src/core/manifest.js';
import type { ContainerAt } from '../../src/policy/container-walk.js';
import { collectNeverProbes, etcdPeerOnlyPorts, mongoEvalExit, namesNoOwnNode, peerServes, rabbitNodeAsked, soleCommand, type ProbeNeverFact } from '../../src/policy/probe-never.js';

describe('the one command whose exit code is the probe’s', () => {
  it.each([
    ['argv', ['mongo', '--eval', 'quit(1)'], ['mongo', '--eval', 'quit(1)']],
    ['sh -c, one command', ['sh', '-c', "mongosh --quiet --eval 'quit(1)'"], ['mongosh', '--quiet', '--eval', 'quit(1)']],
    ['sh -c with exec and a redirect', ['sh', '-c', 'exec rabbitmqctl -n rabbit@x status > /dev/null 2>&1'], ['rabbitmqctl', '-n', 'rabbit@x', 'status']],
    ['|| true turns failure into success', ['sh', '-c', "mongo --eval 'quit(1)' || true"], undefined],
    ['; true', ['sh', '-c', "mongo --eval 'quit(1)'; true"], undefined],
    ['! inverts', ['sh', '-c', "! mongo --eval 'quit(1)'"], undefined],
    ['backgrounded', ['sh', '-c', "mongo --eval 'quit(1)' &"], undefined],
    ['a pipe', ['sh', '-c', 'rabbitmqctl -n rabbit@x status | true'], undefined],
    ['an expansion', ['sh', '-c', 'rabbitmqctl -n "rabbit@$(hostname -f)" status'], undefined],
  ] as const)('%s', (_name, argv, expected) => {
    expect(soleCommand(argv)).toEqual(expected);
  });
});

describe('a mongo shell whose --eval always quits non-zero', () => {
  it.each([
    ['quit(1)', ['mongo', '--eval', 'quit(1)'], 1],
    ['process.exit(2) in mongosh', ['mongosh', '--quiet', '--eval', 'process.exit(2)'], 2],
    ['after a command that only throws or returns', ['mongosh', '--eval', "db.adminCommand('ping'); quit(3)"], 3],
    ['quit(-1) exits 255', ['mongo', '--eval=quit(-1)'], 255],
    ['quit(0)', ['mongo', '--eval', 'quit(0)'], undefined],
    ['quit(256) exits 0', ['mongo', '--eval', 'quit(256)'], undefined],
    ['quit(0) on the success path', ['mongosh', '--eval', "db.adminCommand('ping').ok ? quit(0) : quit(1)"], undefined],
    ['a guard before quit(1)', ['mongosh', '--eval', "if (db.adminCommand('ping').ok) quit(0); quit(1)"], undefined],
    ['quit redefined first', ['mongosh', '--eval', 'quit = print; quit(1)'], undefined],
    ['the base probe', ['mongo', '--eval', "db.adminCommand('ping')"], undefined],
    ['a variable the kubelet expands', ['mongo', '--eval', 'quit($(CODE))'], undefined],
    ['a file after the script', ['mongosh', '--eval', 'quit(1)', 'check.js'], undefined],
    ['two scripts', ['mongosh', '--eval', 'quit(1)', '--eval', 'quit(0)'], undefined],
    ['another program', ['redis-cli', '--eval', 'quit(1)'], undefined],
  ] as const)('%s', (_name, words, expected) => {
    expect(mongoEvalExit(words)).toBe(expected);
  });
});

describe('the node a RabbitMQ CLI probe asks', () => {
  it.each([
    ['rabbitmqctl -n', ['rabbitmqctl', '-n', 'rabbit@nowhere', 'status'], 'rabbit@nowhere'],
    ['--node=', ['rabbitmq-diagnostics', '-q', '--node=rabbit@x', 'check_running'], 'rabbit@x'],
    ['no -n: RABBITMQ_NODENAME, its own', ['rabbitmqctl', 'status'], undefined],
    ['a command that asks no node', ['rabbitmqctl', '-n', 'rabbit@x', 'version'], undefined],
    ['--offline', ['rabbitmq-diagnostics', '-n', 'rabbit@x', 'status', '--offline'], undefined],
  ] as const)('%s', (_name, words, expected) => {
    expect(rabbitNodeAsked(words)).toBe(expected);
  });

  const own = [0, 1, 2].map((k) => ({ name: 'rabbit', host: `rabbitmq-${k}.rabbitmq-discovery`, long: false }));
  it.each([
    ['a host no pod has', 'rabbit@nowhere', true],
    ['another node name on the pod', 'hare@rabbitmq-0.rabbitmq-discovery', true],
    ['a member’s node', 'rabbit@rabbitmq-1.rabbitmq-discovery', false],
    ['in other case (left alone)', 'RABBIT@RABBITMQ-0.rabbitmq-discovery', false],
    ['no host part (the CLI adds its own)', 'rabbit', false],
  ] as const)('%s', (_name, asked, expected) => {
    expect(namesNoOwnNode(asked, own)).toBe(expected);
  });
});

describe("etcd's peer listener", () => {
  it.each([
    ['/health', false],
    ['/livez', false],
    ['/readyz?exclude=NOSPACE', false],
    ['/metrics', false],
    ['', false],
    ['/version', true],
    ['/members', true],
    ['/raft/probing', true],
    ['//health (the mux redirects)', true],
  ] as const)('%s', (path, expected) => {
    expect(peerServes(path.split(' ')[0] ?? '')).toBe(expected);
  });

  it.each([
    ['listen URLs by flag', ['etcd', '--listen-peer-urls=http://0.0.0.0:2380', '--listen-client-urls=http://0.0.0.0:2379'], [], [2380]],
    ['the default peer URL', ['etcd', '--listen-client-urls=http://0.0.0.0:2379'], [], [2380]],
    ['a variable may move it', ['etcd'], [{ name: 'ETCD_LISTEN_PEER_URLS', value: 'http://0.0.0.0:2390' }], []],
    ['not etcd', ['mongod'], [], []],
  ] as const)('%s', (_name, command, env, expected) => {
    expect(etcdPeerOnlyPorts({ command: [...command], env: [...env] })).toEqual(expected);
  });
});

describe('facts of a pod', () => {
  const rabbit = (probe: JsonObject, env: JsonObject[] = [{ name: 'MY_POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'RABBITMQ_NODENAME', value: 'rabbit@$(MY_POD_NAME).rabbitmq-discovery' }], pod: JsonObject = {}): ProbeNeverFact[] => {
    const container: JsonObject = { name: 'rabbitmq', image: 'rabbitmq:3.12.14', env, livenessProbe: probe };
    const podSpec: JsonObject = { ...pod, containers: [container] };
    const manifest: Manifest = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'rabbitmq' }, spec: { replicas: 3, serviceName: 'rabbitmq-discovery', template: { spec: podSpec } } };
    const at: ContainerAt = { index: 0, manifest, specPath: ['spec', 'template', 'spec'], podSpec, field: 'containers', container, path: ['spec', 'template', 'spec', 'containers', 0] };
    const out: ProbeNeverFact[] = [];
    collectNeverProbes(out, 0, [at]);
    return out;
  };
  const exec = (...command: string[]): JsonObject => ({ exec: { command } });

  it('judges -n naming no pod’s node, and leaves the pod’s own alone', () => {
    expect(rabbit(exec('rabbitmqctl', '-n', 'rabbit@nowhere', 'status')).map((f) => f.handler)).toEqual(['exec']);
    expect(rabbit(exec('rabbitmqctl', '-n', 'rabbit@$(MY_POD_NAME).rabbitmq-discovery', 'status'))).toEqual([]);
    expect(rabbit(exec('sh', '-c', 'rabbitmqctl -n "rabbit@$(hostname -f)" status'))).toEqual([]);
  });

  it('knows the default node name only as rabbit@<pod name>', () => {
    expect(rabbit(exec('rabbitmqctl', '-n', 'rabbit@nowhere', 'status'), []).length).toBe(1);
    expect(rabbit(exec('rabbitmqctl', '-n', 'rabbit@rabbitmq-2', 'status'), [])).toEqual([]);
    // The hostname the pod gets is then another: left alone.
    expect(rabbit(exec('rabbitmqctl', '-n', 'rabbit@nowhere', 'status'), [], { setHostnameAsFQDN: true })).toEqual([]);
    expect(rabbit(exec('rabbitmqctl', '-n', 'rabbit@nowhere', 'status'), [], { hostname: 'nowhere' })).toEqual([]);
  });
});
