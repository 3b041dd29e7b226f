/**
 * What a pod spec needs from the cluster, read once per render
 * (src/policy/pod-facts.ts): node-label constraints as the scheduler reads
 * them, the pod's effective request, files as the kubelet writes them
 * (fsGroup adds group read, kubernetes#57923) and probe ports as the kubelet
 * resolves them. The Pod Security checks are held to the real API server in
 * test/apiserver/pod-security-verdicts.test.ts; the rules in the red-team corpus.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectPodFacts } from '../../src/policy/pod-facts.js';
import { collectPodUnits } from '../../src/policy/pod-templates.js';

type Json = Record<string, unknown>;

function deployment(spec: Json, annotations: Json = {}): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'st2timersengine', namespace: 'st2-prod' },
    spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' }, annotations }, spec } },
  };
}

function facts(spec: Json, annotations: Json = {}): ReturnType<typeof collectPodFacts> {
  const resources = [deployment(spec, annotations)];
  return collectPodFacts(resources, collectPodUnits(resources).specPaths);
}

const timers = (extra: Json = {}, podSc: Json = { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 }, mode = 0o440): Json => ({
  securityContext: podSc,
  containers: [
    {
      name: 'st2timersengine',
      image: 'stackstorm/st2timersengine:3.8.1',
      args: ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.secrets.conf'],
      volumeMounts: [{ name: 'secrets', mountPath: '/etc/st2/st2.secrets.conf', subPath: 'st2.secrets.conf' }],
      ...extra,
    },
  ],
  volumes: [{ name: 'secrets', secret: { secretName: 'st2-config-secrets', defaultMode: mode } }],
});

describe('placement: the architectures and systems a pod may land on', () => {
  it.each([
    ['no constraint', {}, undefined],
    ['a node selector', { nodeSelector: { 'kubernetes.io/arch': 'arm64' } }, ['arm64']],
    ['the beta label', { nodeSelector: { 'beta.kubernetes.io/arch': 's390x' } }, ['s390x']],
    ['affinity In', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64', 'amd64'] }] }] } } } }, ['amd64', 'arm64']],
    ['affinity NotIn amd64', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'NotIn', values: ['amd64'] }] }] } } } }, ['386', 'arm', 'arm64', 'linux', 'ppc64le', 'riscv64', 's390x', 'windows']],
    ['a term without the key', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } } }, undefined],
    ['selector and affinity intersect', { nodeSelector: { 'kubernetes.io/arch': 'amd64' }, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }] }] } } } }, []],
  ] as const)('%s', (_name, extra, arch) => {
    const [p] = facts({ ...timers(), ...extra }).pod_placement;
    expect(p?.arch).toEqual(arch);
    expect(p?.images).toEqual(['stackstorm/st2timersengine']);
  });

  // spec.os.name: the kubelet of another system rejects the pod; a node selector can only narrow it further.
  it.each([
    ['os.name windows', { os: { name: 'windows' } }, ['windows']],
    ['os.name linux', { os: { name: 'linux' } }, ['linux']],
    ['os.name against a linux node selector', { os: { name: 'windows' }, nodeSelector: { 'kubernetes.io/os': 'linux' } }, []],
    ['a node selector alone', { nodeSelector: { 'kubernetes.io/os': 'windows' } }, ['windows']],
    ['an empty os', { os: {} }, undefined],
  ] as const)('%s', (_name, extra, os) => {
    expect(facts({ ...timers(), ...extra }).pod_placement[0]?.os).toEqual(os);
  });
});

describe('requests: what the scheduler reserves', () => {
  it('sums the containers, takes the largest init container when bigger, a limit standing in for a request', () => {
    const spec = {
      initContainers: [{ name: 'init', image: 'busybox:1.36.1', resources: { requests: { cpu: '3', memory: '1Gi' } } }],
      containers: [
        { name: 'a', image: 'busybox:1.36.1', resources: { requests: { cpu: '1', memory: '512Mi' } } },
        { name: 'b', image: 'busybox:1.36.1', resources: { limits: { cpu: '1500m', memory: '1Gi', 'nvidia.com/gpu': 1 } } },
      ],
    };
    const [q] = facts(spec).pod_requests;
    expect(q?.cpu).toBeCloseTo(3);
    expect(q?.memory).toBe(1.5 * 2 ** 30);
    expect(q?.extended).toEqual({ 'nvidia.com/gpu': 1 });
  });
});

describe('file reads: a --config-file as the kubelet writes it', () => {
  it('with fsGroup: group fsGroup, group read added (0400 becomes 0440)', () => {
    const [f] = facts(timers({}, { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 }, 0o400)).file_reads;
    expect(f).toMatchObject({ file: '/etc/st2/st2.secrets.conf', mode: 0o440, octal: '0440', group: 1000, uid: 1000, gid: 1000, groups: [1000] });
  });

  it('without fsGroup: root group, the mode as given', () => {
    const [f] = facts(timers({}, { runAsUser: 1000 }, 0o440)).file_reads;
    expect(f).toMatchObject({ mode: 0o440, group: 0, uid: 1000, gid: -1, groups: [] });
  });

  it('an item mode wins over the default; the image user when the pod names none', () => {
    const spec = timers({}, {}, 0o644);
    (spec['volumes'] as Json[])[0] = { name: 'secrets', secret: { secretName: 's', defaultMode: 0o644, items: [{ key: 'k', path: 'st2.secrets.conf', mode: 0o400 }] } };
    const [f] = facts(spec).file_reads;
    expect(f).toMatchObject({ mode: 0o400, uid: -1, image: 'stackstorm/st2timersengine' });
  });

  it('a file from the image (no mount) is not a volume read', () => {
    expect(facts(timers()).file_reads.map((f) => f.file)).toEqual(['/etc/st2/st2.secrets.conf']);
  });
});

describe('probes: the port the kubelet dials', () => {
  it('numbers as written, names through the container ports, unknown names as -1, other hosts skipped', () => {
    const spec = timers({
      ports: [{ name: 'http', containerPort: 9101 }],
      livenessProbe: { httpGet: { path: '/', port: 'http' } },
      readinessProbe: { tcpSocket: { port: 'api' } },
      startupProbe: { httpGet: { host: 'example.test', port: 80 } },
    });
    expect(facts(spec).probe_ports.map((p) => [p.path.at(-3), p.port, p.named])).toEqual([
      ['livenessProbe', 9101, 'http'],
      ['readinessProbe', -1, 'api'],
    ]);
  });

  // A failed postStart hook kills the container (k8s container lifecycle hooks); preStop's only ends a stopping one.
  it('postStart httpGet and tcpSocket hooks like probes; exec hooks, preStop and other hosts not', () => {
    const hooks = (lifecycle: Json): Array<[string | number | undefined, number]> => facts(timers({ lifecycle })).probe_ports.map((p) => [p.path.at(-3), p.port]);
    expect(hooks({ postStart: { httpGet: { path: '/', port: 9101 } } })).toEqual([['postStart', 9101]]);
    expect(hooks({ postStart: { tcpSocket: { port: '9100' } } })).toEqual([['postStart', 9100]]);
    expect(hooks({ postStart: { exec: { command: ['true'] } }, preStop: { httpGet: { port: 9999 } } })).toEqual([]);
    expect(hooks({ postStart: { httpGet: { host: 'hooks.example.test', port: 8080 } } })).toEqual([]);
  });
});

describe('packs volumes: an emptyDir sizeLimit an init container fills with st2 packs', () => {
  // The chart's st2-system-packs: the image's packs and virtualenvs into the shared volumes.
  const copy = '/bin/cp -aR /opt/stackstorm/packs/. /opt/stackstorm/packs-shared && /bin/cp -aR /opt/stackstorm/virtualenvs/. /opt/stackstorm/virtualenvs-shared';
  const withPacks = (packs: Json, venvs: Json, image = 'stackstorm/st2actionrunner:3.8.1', command = ['sh', '-ec', copy]): Json => ({
    ...timers(),
    initContainers: [
      {
        name: 'st2-system-packs',
        image,
        command,
        volumeMounts: [
          { name: 'packs', mountPath: '/opt/stackstorm/packs-shared' },
          { name: 'venvs', mountPath: '/opt/stackstorm/virtualenvs-shared' },
        ],
      },
    ],
    volumes: [
      { name: 'packs', emptyDir: packs },
      { name: 'venvs', emptyDir: venvs },
    ],
  });
  const limits = (spec: Json): Array<[string, number, boolean]> => facts(spec).packs_volumes.map((v) => [v.volume, v.bytes, v.memory]);

  it.each([
    ['a packs limit', withPacks({ sizeLimit: '1Mi' }, {}), [['packs', 1048576, false]]],
    ['a memory-backed one', withPacks({ medium: 'Memory', sizeLimit: '64Ki' }, {}), [['packs', 65536, true]]],
    // The virtualenvs copy is another command of the script: not the packs.
    ['a virtualenvs limit only', withPacks({}, { sizeLimit: '64Ki' }), []],
    ['no limit', withPacks({}, {}), []],
    ['another image (its own packs, if any)', withPacks({ sizeLimit: '1Mi' }, {}, 'registry.example/st2packs:1'), []],
    ['a script copying something else', withPacks({ sizeLimit: '1Mi' }, {}, undefined, ['sh', '-c', 'cp -aR /opt/stackstorm/configs/. /opt/stackstorm/packs-shared']), []],
  ] as const)('%s', (_name, spec, want) => {
    expect(limits(spec)).toEqual(want);
    if (want.length > 0) expect(facts(spec).packs_volumes[0]?.path).toEqual(['spec', 'template', 'spec', 'volumes', 0, 'emptyDir', 'sizeLimit']);
  });
});

describe('references: what the pod names in the cluster', () => {
  it('scheduler, classes, Localhost profiles (fields and the AppArmor annotation), hard spreads', () => {
    const spec = {
      ...timers({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'c.json' } } }),
      schedulerName: 'volcano',
      readinessGates: [{ conditionType: 'example.com/warm' }, {}],
      schedulingGates: [{ name: 'example.com/quota' }],
      runtimeClassName: 'gvisor',
      priorityClassName: 'high',
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule' },
        { maxSkew: 1, topologyKey: 'row', whenUnsatisfiable: 'ScheduleAnyway' },
        { maxSkew: 1, topologyKey: 'aisle' },
      ],
    };
    const refs = facts(spec, { 'container.apparmor.security.beta.kubernetes.io/st2timersengine': 'localhost/k8s-st2' }).pod_refs.map((r) => `${r.ref}=${r.value}`);
    expect(refs.sort()).toEqual(['apparmor_localhost=k8s-st2', 'priority_class=high', 'readiness_gate=example.com/warm', 'runtime_class=gvisor', 'scheduler=volcano', 'scheduling_gate=example.com/quota', 'seccomp_localhost=c.json', 'topology_key=aisle', 'topology_key=rack'].sort());
  });
});
