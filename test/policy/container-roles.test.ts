/**
 * The containers' roles worked out in TypeScript (container-roles.ts) are
 * the ones lib.rego's container_roles reads itself (evaluated by the real
 * opa without the fact), over a table of containers that take each branch:
 * images, the all-in-one image, the tool image's own entrypoint, client
 * tools, network clients, kubectl, hooks; and the containers left to the
 * policy are left out.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectContainerRoles, containerRoles } from '../../src/policy/container-roles.js';
import { repoRoot } from './support.js';

const OPA = path.join(repoRoot, '.tools/bin/opa');
// Locally, no opa means skip; in CI (CI=true) its absence fails the suite.
const skip = !existsSync(OPA) && process.env['CI'] !== 'true';

type Container = Record<string, unknown>;

const CONTAINERS: ReadonlyArray<readonly [string, Container, readonly string[]]> = [
  ['a service image', { image: 'stackstorm/st2api:3.8.1' }, ['st2api']],
  ['a store image by digest', { image: 'registry:5000/org/MONGO@sha256:ab' }, ['mongodb']],
  ['the all-in-one image', { image: 'stackstorm/stackstorm:3.8' }, ['st2actionrunner', 'st2api', 'st2auth', 'st2garbagecollector', 'st2notifier', 'st2rulesengine', 'st2scheduler', 'st2sensorcontainer', 'st2stream', 'st2timersengine', 'st2web', 'st2workflowengine']],
  ['the tool image without a command', { image: 'stackstorm/st2actionrunner:3.8' }, ['st2actionrunner']],
  ['the tool image with an empty command', { image: 'stackstorm/st2actionrunner:3.8', command: [], args: '' }, ['st2actionrunner']],
  ['the tool image with any command', { image: 'stackstorm/st2actionrunner:3.8', command: {} }, []],
  ['the tool image running the timers engine', { image: 'stackstorm/st2actionrunner:3.8', command: ['st2timersengine'] }, ['st2timersengine']],
  ['a store image running a client tool', { image: 'mongo:6', command: ['/usr/bin/mongodump', '--host', 'mongodb'] }, []],
  ['a client tool running a service', { image: 'mongo:6', command: ['sleep'], args: ['1;', 'mongod'] }, ['mongodb']],
  ['a network client in argv', { image: 'busybox', command: ['nc', '-z', 'st2api', '9101'] }, []],
  ['a network client and a hook', { image: 'busybox', command: ['nc', 'st2api'], lifecycle: { postStart: { exec: { command: ['sh', '-c', 'st2notifier &'] } } } }, ['st2notifier']],
  ['netcat running a program', { image: 'busybox', command: ['nc', '-e', 'st2api'] }, ['st2api']],
  ['kubectl in argv, its words read together', { image: 'bitnami/kubectl', command: ['kubectl', 'exec', 'p', '--'], args: ['st2scheduler'] }, ['st2scheduler']],
  ['kubectl behind a wrapper', { image: 'bitnami/kubectl', command: ['env', 'A=1', 'kubectl', 'rollout', 'restart', 'deploy/st2api'] }, []],
  ['an exec probe backgrounding a service', { image: 'stackstorm/st2rulesengine:3.8.1', startupProbe: { exec: { command: ['sh', '-c', 'pgrep -f st2sensorcontainer || (nohup st2sensorcontainer &)'] } } }, ['st2rulesengine', 'st2sensorcontainer']],
  ['probes that only ask', { image: 'busybox', livenessProbe: { exec: { command: ['nc', '-z', '127.0.0.1', '9101'] } }, readinessProbe: { httpGet: { path: '/st2timersengine', port: 80 } } }, []],
  ['a script field', { image: 'python:3', script: 'python -m st2reactor.cmd.rulesengine' }, ['st2rulesengine']],
  ['env without $ in the texts', { image: 'busybox', command: ['st2workflowengine'], env: [{ name: 'A', value: 'x' }] }, ['st2workflowengine']],
  ['$ without literal env', { image: 'busybox', command: ['sh', '-c', 'exec st2auth $ARGS'], env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }, ['st2auth']],
];

describe('container roles', () => {
  it.each(CONTAINERS)('GIVEN %s WHEN read THEN its roles are listed', (_what, container, roles) => {
    expect(containerRoles(container)).toEqual(roles);
  });

  it.each([
    ['a $ the env expands', { image: 'busybox', command: ['sh', '-c', '$(PROG)'], env: [{ name: 'PROG', value: 'st2api' }] }],
    ['an image outside ASCII', { image: 'İmage/st2api' }],
    ['a text outside ASCII', { image: 'busybox', args: ['st2api ✓'] }],
  ])('GIVEN %s WHEN read THEN it is left to the policy', (_what, container) => {
    expect(containerRoles(container)).toBeUndefined();
  });

  it.skipIf(skip)('GIVEN the containers WHEN read by the policy without the fact THEN it reads the same roles', () => {
    const query = 'x := [sort(data.st2.lib.container_roles(c)) | some c in input.containers]';
    const out = execFileSync(OPA, ['eval', '--format', 'json', '--stdin-input', '-d', path.join(repoRoot, 'policies'), query], { input: JSON.stringify({ containers: CONTAINERS.map(([, c]) => c), facts: {} }), encoding: 'utf8' });
    const policy = (JSON.parse(out) as { result: Array<{ bindings: { x: string[][] } }> }).result[0]?.bindings.x;
    expect(policy).toEqual(CONTAINERS.map(([, , roles]) => roles));
  });

  it('GIVEN pod spec and loose containers WHEN collected THEN each is listed by resource and path, none when the bundle maps images', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: ['x', { name: 'a', image: 'stackstorm/st2api:3.8.1' }], initContainers: [{ name: 'i', image: 'busybox', command: ['sh', '-c', '$(X)'], env: [{ name: 'X', value: 'st2api' }] }] } };
    const custom = { apiVersion: 'x/v1', kind: 'Thing', metadata: { name: 't' }, spec: { runner: { image: 'mongo:6' } } };
    const collect = (mapsImages: boolean) => collectContainerRoles([pod, custom], new Map([[0, [['spec']]]]), { '1': { specs: [], loose: [{ path: ['spec', 'runner'], flags: null }] } }, mapsImages);
    expect(collect(false)).toEqual([
      { resource: 0, path: ['spec', 'containers', 1], roles: ['st2api'] },
      { resource: 1, path: ['spec', 'runner'], roles: ['mongodb'] },
    ]);
    expect(collect(true)).toEqual([]);
  });
});
