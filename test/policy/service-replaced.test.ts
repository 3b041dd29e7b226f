/**
 * Which service containers surely never run their service (service-replaced.ts, ST2-OPS-071):
 * an idle or exiting program past the wrappers, a shell script of nothing else, the service's
 * own program with a flag that prints and exits, args alone on a docker-library store; and the
 * look-alikes left alone (the service itself, behind a wrapper or a shell's exec, a script, a
 * tool image, a sibling that still serves, a Job).
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import type { ContainerAt, PodSpecAt } from '../../src/policy/container-walk.js';
import { collectReplacedServices, replacedService, type ServiceReplacedFact } from '../../src/policy/service-replaced.js';

type Container = Record<string, unknown>;
const ST2API = '/opt/stackstorm/st2/bin/st2api';
const api = (extra: Container): Container => ({ name: 'st2api', image: 'stackstorm/st2api:3.8.1', ...extra });

const REPLACED: ReadonlyArray<readonly [string, Container, string, string]> = [
  ['sleep on st2api', api({ command: ['sleep', 'infinity'] }), 'st2api', 'sleep infinity'],
  ['/bin/true', api({ command: ['/bin/true'] }), 'st2api', '/bin/true'],
  ["sh -c 'exit 0'", { image: 'stackstorm/st2workflowengine:3.8.1', command: ['sh', '-c', 'exit 0'] }, 'st2workflowengine', "sh -c 'exit 0'"],
  ['an idle loop with a trap', api({ command: ['bash', '-ec', "trap 'exit 0' TERM; while true; do sleep 1; done"] }), 'st2api', "bash -ec 'trap '\\''exit 0'\\'' TERM; while true; do sleep 1; done'"],
  ['sleep behind env, tini and gosu', api({ command: ['env', '-i', 'A=1', 'tini', '-s', '--', 'gosu', 'st2', 'sleep', '1d'] }), 'st2api', 'sleep 1d'],
  ['--version appended (oslo.config)', api({ command: [ST2API, '--version'], args: ['--config-file=/etc/st2/st2.conf'] }), 'st2api', 'st2api --version (prints and exits)'],
  ['--help in args', api({ command: [ST2API], args: ['--help'] }), 'st2api', 'st2api --help (prints and exits)'],
  ['nginx -v on st2web', { image: 'stackstorm/st2web:3.8.1', command: ['nginx', '-v'] }, 'st2web', 'nginx -v (prints and exits)'],
  ['tail on mongo', { image: 'mongo:4.4.29', command: ['tail', '-f', '/dev/null'] }, 'mongodb', 'tail -f /dev/null'],
  ['args alone on mongo', { image: 'mongo:4.4.29', args: ['sleep', 'infinity'] }, 'mongodb', 'sleep infinity'],
  ["options alone on mongo: mongod prepended", { image: 'docker.io/library/mongo:4.4', args: ['--version'] }, 'mongodb', 'mongod --version (prints and exits)'],
  ['args alone on rabbitmq', { image: 'rabbitmq:3.12.14', args: ['sleep', 'infinity'] }, 'rabbitmq', 'sleep infinity'],
  ['etcd --version', { image: 'bitnamilegacy/etcd:3.5.17', command: ['etcd', '--name=a', '--version'] }, 'etcd', 'etcd --version (prints and exits)'],
  ['the runner image sleeping', { image: 'stackstorm/st2actionrunner:3.8.1', command: ['sleep', 'infinity'] }, 'st2actionrunner', 'sleep infinity'],
];

const KEPT: ReadonlyArray<readonly [string, Container]> = [
  ['the service', api({ command: [ST2API], args: ['--config-file=/etc/st2/st2.conf'] })],
  ['no command (the image default)', api({})],
  ['the service behind env, tini, nice', api({ command: ['env', 'TZ=UTC', 'tini', '--', 'nice', '-n', '5', ST2API] })],
  ['a shell exec-ing the service', api({ command: ['sh', '-c', `exec ${ST2API} --config-file=/etc/st2/st2.conf`] })],
  ['a shell script file', api({ command: ['sh', '/scripts/start.sh'] })],
  ['a substitution in the script', api({ command: ['sh', '-c', 'sleep $(st2api)'] })],
  ['a trap running the service', api({ command: ['sh', '-c', "trap 'st2api' EXIT; exit 0"] })],
  ['an unknown wrapper option', api({ command: ['env', '-S', 'sleep 1'] })],
  ['--version of another program', api({ command: ['python3', '--version'] })],
  ['a --config-file added', api({ command: [ST2API, '--config-file=/etc/st2/extra.conf'] })],
  ['redis-server reads -v only first', { image: 'redis:7', command: ['redis-server', '/etc/redis.conf', '-v'] }],
  ['mongod options on mongo', { image: 'mongo:4.4.29', args: ['--replSet', 'rs0'] }],
  ['options on rabbitmq (nothing prepended)', { image: 'rabbitmq:3.12.14', args: ['-detached'] }],
  ['args alone on st2api (its entrypoint is not known)', api({ args: ['sleep', 'infinity'] })],
  ['args alone on bitnami mongodb', { image: 'bitnami/mongodb:7', args: ['sleep', 'infinity'] }],
  ['st2chatops (not a service here)', { image: 'stackstorm/st2chatops:3.8.1', command: ['sleep', 'infinity'] }],
  ['an image the gate does not know', { image: 'busybox', command: ['sleep', 'infinity'] }],
];

describe('replacedService', () => {
  it.each(REPLACED)('%s never runs the service', (_, container, role, runs) => {
    expect(replacedService(container)).toMatchObject({ role, runs });
  });

  it.each(KEPT)('%s is not judged', (_, container) => {
    expect(replacedService(container)).toBeUndefined();
  });
});

describe('collectReplacedServices', () => {
  const pod = (kind: string, containers: Container[], restartPolicy?: string): { at: PodSpecAt; containers: ContainerAt[] } => {
    const podSpec = { containers, ...(restartPolicy === undefined ? {} : { restartPolicy }) };
    const manifest = { kind, metadata: { name: 'x' }, spec: { template: { spec: podSpec } } } as Manifest;
    const at: PodSpecAt = { index: 0, manifest, specPath: ['spec', 'template', 'spec'], podSpec };
    return { at, containers: containers.map((container, k) => ({ ...at, field: 'containers', container, path: ['spec', 'template', 'spec', 'containers', k] })) };
  };
  const collect = (kind: string, containers: Container[], restartPolicy?: string): ServiceReplacedFact[] => {
    const out: ServiceReplacedFact[] = [];
    const p = pod(kind, containers, restartPolicy);
    collectReplacedServices(out, p.at, p.containers);
    return out;
  };

  it('names the container, its role, what runs and the command it is in', () => {
    expect(collect('Deployment', [api({ command: ['sleep', 'infinity'] })])).toEqual([
      { resource: 0, path: ['spec', 'template', 'spec', 'containers', 0, 'command'], container: 'st2api', role: 'st2api', runs: 'sleep infinity' },
    ]);
  });

  it('points at args when only they replace the store', () => {
    expect(collect('StatefulSet', [{ name: 'mongodb', image: 'mongo:4.4.29', args: ['sleep', 'infinity'] }])[0]?.path).toEqual(['spec', 'template', 'spec', 'containers', 0, 'args']);
  });

  it('leaves a sleeping sidecar beside the service it shares an image with', () => {
    expect(collect('Deployment', [api({ command: [ST2API] }), api({ name: 'debug', command: ['sleep', 'infinity'] })])).toEqual([]);
  });

  it('judges a sleeping store beside a script that does not run it (the replica-set initialiser)', () => {
    const sidecar = { name: 'replset-init', image: 'mongo:4.4.29', command: ['sh', '/scripts/replset-init.sh'] };
    expect(collect('StatefulSet', [{ name: 'mongodb', image: 'mongo:4.4.29', command: ['sleep', 'infinity'] }, sidecar]).map((f) => f.container)).toEqual(['mongodb']);
  });

  it('leaves Jobs, CronJobs and pods that run to completion alone', () => {
    const sleeping = [api({ command: ['sleep', 'infinity'] })];
    expect(collect('Job', sleeping)).toEqual([]);
    expect(collect('CronJob', sleeping)).toEqual([]);
    expect(collect('Pod', sleeping, 'Never')).toEqual([]);
    expect(collect('Pod', sleeping)).toHaveLength(1);
  });
});
