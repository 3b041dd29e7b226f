/**
 * What st2 3.8.1 needs to actually run (the project's StackStorm reference notes, §12),
 * one test per fact, for dev, staging and prod. Each test names its upstream source.
 * Config rollouts (the §12 row on checksums) are in config-rollout.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderForTest } from '../support/render.js';
import { allOverlays } from './cluster-shape.js';
import { kindOf, listAt, nameOf, recordAt, recordsAt, stringAt, stringMapAt, stringsAt, type Manifest } from './manifest-guards.js';
import { allContainers, configFilesOf, effectiveConfig, mountedFile, numberAt, parseIni, st2ContainerOf } from './st2-conf.js';
import { hasPodTemplate, podSpecOf, replicasOf } from './workloads.js';

type Rendered = Awaited<ReturnType<typeof renderForTest>>;

/** The st2 service images that run as `USER st2` (st2-dockerfiles <component>/Dockerfile); st2actionrunner is `USER root`, st2web has no USER. */
const ST2_USER_IMAGES = new Set([
  'st2api', 'st2auth', 'st2stream', 'st2rulesengine', 'st2timersengine', 'st2workflowengine',
  'st2notifier', 'st2sensorcontainer', 'st2garbagecollector', 'st2scheduler',
]);

/** Components the chart mounts the datastore key in (chart configmaps_st2-conf.yaml / deployments.yaml). */
const DATASTORE_KEY_CONSUMERS = ['st2api', 'st2rulesengine', 'st2workflowengine', 'st2scheduler', 'st2sensorcontainer', 'st2actionrunner', 'st2client'];

/** st2 services that exit without MongoDB and RabbitMQ at start (chart: wait-for-db and wait-for-queue on each). */
const WAITING_SERVICES = [
  'st2auth', 'st2api', 'st2stream', 'st2rulesengine', 'st2timersengine', 'st2workflowengine',
  'st2scheduler', 'st2notifier', 'st2sensorcontainer', 'st2actionrunner', 'st2garbagecollector',
];

function workload(resources: readonly Manifest[], kind: string, name: string): Manifest {
  const found = resources.find((r) => kindOf(r) === kind && nameOf(r) === name);
  if (found === undefined) throw new Error(`no ${kind} ${name} in the render`);
  return found;
}

function imageName(image: string): string {
  return (image.split('/').pop() ?? '').split(':')[0] ?? '';
}

/** Tag of an image reference (`name:tag`), or undefined. */
function tagOf(image: string): string | undefined {
  const last = image.split('/').pop() ?? '';
  return last.includes(':') ? last.split(':')[1] : undefined;
}

/** Whether the process can read a file from a Secret or ConfigMap volume (the kubelet writes them owned by root, group fsGroup when set). */
function readable(podSpec: unknown, container: unknown, volume: Record<string, unknown>, key: string): boolean {
  const source = recordAt(volume, 'secret') ?? recordAt(volume, 'configMap') ?? {};
  const item = recordsAt(source, 'items').find((i) => i['key'] === key);
  const mode = numberAt(item, 'mode') ?? numberAt(source, 'defaultMode') ?? 0o644;
  const image = stringAt(container, 'image') ?? '';
  const uid = numberAt(container, 'securityContext', 'runAsUser') ?? numberAt(podSpec, 'securityContext', 'runAsUser') ?? (ST2_USER_IMAGES.has(imageName(image)) ? 'st2' : 0);
  if (uid === 0) return true;
  const fsGroup = numberAt(podSpec, 'securityContext', 'fsGroup');
  // Owner root: a non-root process reads through "other", or through the group when the
  // file is group-owned by fsGroup, which every process of the pod has as a supplementary group.
  return (mode & 0o004) !== 0 || (fsGroup !== undefined && (mode & 0o040) !== 0);
}

describe.each(allOverlays)('%s: what st2 3.8.1 needs to run', (overlay) => {
  let rendered: Rendered;
  let resources: readonly Manifest[];
  const st2Pods = (): Manifest[] => resources.filter((r) => hasPodTemplate(r) && st2ContainerOf(podSpecOf(r)) !== undefined);

  beforeAll(async () => {
    rendered = await renderForTest(overlay);
    resources = rendered.resources;
  });

  // Source: st2 v3.8.1 st2common/transport/queues.py and st2actions/scheduler/entrypoint.py (only the
  // scheduler consumes `requested` executions), st2actions/worker.py (runners take `scheduled` ones);
  // st2docs upgrade_notes.rst v2.10; chart values.yaml `st2scheduler.replicas: 2`, templates/deployments.yaml.
  it('runs st2scheduler, active-active, like the other st2 services', () => {
    const scheduler = workload(resources, 'Deployment', 'st2scheduler');
    expect(replicasOf(scheduler)).toBeGreaterThanOrEqual(2);
    const container = st2ContainerOf(podSpecOf(scheduler));
    expect(stringsAt(container, 'command')).toEqual(['/opt/stackstorm/st2/bin/st2scheduler']);
    expect(imageName(stringAt(container, 'image') ?? '')).toBe('st2scheduler');
    // Same configuration files as st2api, and the datastore key (the chart mounts both).
    const api = st2ContainerOf(podSpecOf(workload(resources, 'Deployment', 'st2api')));
    expect(configFilesOf(container)).toEqual(configFilesOf(api));
    expect(effectiveConfig(podSpecOf(scheduler), container, resources)).toEqual(effectiveConfig(podSpecOf(workload(resources, 'Deployment', 'st2api')), api, resources));
  });

  // Source: st2-dockerfiles <component>/Dockerfile (`USER st2` for the services, `USER root` for
  // st2actionrunner); oslo.config raises ConfigFilesPermissionDeniedError on an unreadable --config-file.
  it('mounts every config file and the datastore key readable by the user the image runs as', () => {
    const unreadable: string[] = [];
    for (const pod of st2Pods()) {
      const spec = podSpecOf(pod);
      const container = st2ContainerOf(spec);
      for (const path of [...configFilesOf(container), '/etc/st2/keys/datastore_key.json']) {
        const file = mountedFile(spec, container, path, resources);
        if (file === undefined) continue; // baked into the image (st2.conf) or not mounted
        if (!readable(spec, container, file.volume, file.key)) unreadable.push(`${kindOf(pod)}/${nameOf(pod)} ${path}`);
      }
    }
    expect(unreadable).toEqual([]);
    // The seed's mount (root-owned, mode 0400, no fsGroup) is unreadable for a `USER st2` image.
    const api = podSpecOf(workload(resources, 'Deployment', 'st2api'));
    const seed = { ...api, securityContext: {} };
    const st2 = { ...st2ContainerOf(api), securityContext: {} };
    expect(readable(seed, st2, { secret: { secretName: 'st2-config-secrets', defaultMode: 0o400 } }, 'st2.secrets.conf')).toBe(false);
  });

  // Source: tooz 2.8.0 tooz/drivers/etcd.py (EtcdDriver: the v2 HTTP API, /v2/keys); etcd v3.5.17
  // server/embed (v2 only with --enable-v2; etcd 3.6 removed it); st2docs: only the redis client is
  // shipped besides; stackstorm-k8s #57 (tooz errors against etcd).
  it('points [coordination] url at an etcd that serves the v2 API tooz\'s etcd driver speaks', () => {
    for (const pod of st2Pods()) {
      const spec = podSpecOf(pod);
      const url = effectiveConfig(spec, st2ContainerOf(spec), resources)['coordination']?.['url'];
      expect(url, nameOf(pod)).toBe('etcd://etcd:2379');
    }
    const service = workload(resources, 'Service', 'etcd');
    expect(recordsAt(service, 'spec', 'ports').map((p) => p['port'])).toContain(2379);
    const selector = stringMapAt(service, 'spec', 'selector');
    const etcd = resources.filter((r) => (kindOf(r) === 'Deployment' || kindOf(r) === 'StatefulSet') && nameOf(r) === 'etcd');
    expect(etcd).toHaveLength(1);
    const pod = etcd[0] ?? {};
    const labels = stringMapAt(pod, 'spec', 'template', 'metadata', 'labels');
    expect(Object.entries(selector).every(([k, v]) => labels[k] === v)).toBe(true);
    const container = recordsAt(podSpecOf(pod), 'containers')[0];
    const tag = tagOf(stringAt(container, 'image') ?? '') ?? '';
    expect(tag, 'etcd 3.5.x: 3.6 has no v2 API').toMatch(/^v?3\.5\.\d+$/);
    // One argument: etcd stops on "--enable-v2 true" ('"true" is not a valid flag').
    expect(stringsAt(container, 'command').concat(stringsAt(container, 'args'))).toContain('--enable-v2=true');
  });

  // Source: etcd v3.5.17 server/embed/etcd.go (serveClients: /health on the client port; /livez and
  // /readyz only on --listen-metrics-urls, 404 on the client port with v2 on); Argo CD sync docs
  // (PostSync hooks wait until every resource is Healthy, so a never-Ready etcd blocks the hook Jobs).
  it('probes etcd on a path its client port serves, so it becomes Ready and PostSync hooks run', () => {
    const etcd = resources.find((r) => (kindOf(r) === 'Deployment' || kindOf(r) === 'StatefulSet') && nameOf(r) === 'etcd') ?? {};
    const container = recordsAt(podSpecOf(etcd), 'containers')[0];
    for (const probe of ['readinessProbe', 'livenessProbe']) {
      const path = stringAt(container, probe, 'httpGet', 'path') ?? '';
      expect(path.split('?')[0], probe).toBe('/health');
      expect(at2379(container, probe), probe).toBe(true);
    }
    const hooks = resources.filter((r) => kindOf(r) === 'Job');
    expect(hooks.map((j) => stringMapAt(j, 'metadata', 'annotations')['argocd.argoproj.io/hook'])).toEqual(['PostSync', 'PostSync']);
  });

  // Source: bitnami/containers#83267 (versioned tags moved to bitnamilegacy/* on 2025-08-28);
  // st2-dockerfiles Makefile (community images start at 3.0dev; no 2.9dev).
  it('runs only images that are published: pinned tags, no 2.9dev, no latest, no moved bitnami/* tags', () => {
    const images = resources.filter(hasPodTemplate).flatMap((r) => allContainers(podSpecOf(r)).map((c) => stringAt(c, 'image') ?? ''));
    expect(images.length).toBeGreaterThan(30);
    for (const image of images) {
      expect(tagOf(image), image).toMatch(/^v?\d+\.\d+\.\d+$/);
      expect(image, image).not.toMatch(/^bitnami\//);
      expect(image, image).not.toMatch(/2\.9dev|latest/);
    }
    expect(new Set(images.filter((i) => i.startsWith('stackstorm/')).map(tagOf))).toEqual(new Set(['3.8.1']));
  });

  // Source: st2docs roadmap.rst (MongoDB ≥ 4.0 since st2 3.3), chart values.yaml (at most 4.4);
  // MongoDB 3.x refuses the replica-set initiation as written (members already hold admin).
  it('runs MongoDB 4.4', () => {
    const mongodb = workload(resources, 'StatefulSet', 'mongodb');
    const tags = allContainers(podSpecOf(mongodb)).map((c) => tagOf(stringAt(c, 'image') ?? '') ?? '');
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toMatch(/^4\.4\.\d+$/);
  });

  // Source: st2 v3.8.1 st2common/models/api/keyvalue.py (CryptoKeyNotSetupException without
  // [keyvalue] encryption_key_path); chart configmaps_st2-conf.yaml and deployments.yaml (mounted at
  // /etc/st2/keys/datastore_key.json in these seven components).
  it('mounts the datastore key where [keyvalue] encryption_key_path points, in every component the chart does', () => {
    const api = workload(resources, 'Deployment', 'st2api');
    const keyPath = effectiveConfig(podSpecOf(api), st2ContainerOf(podSpecOf(api)), resources)['keyvalue']?.['encryption_key_path'];
    expect(keyPath).toBe('/etc/st2/keys/datastore_key.json');
    for (const name of DATASTORE_KEY_CONSUMERS) {
      const spec = podSpecOf(workload(resources, 'Deployment', name));
      const container = recordsAt(spec, 'containers')[0];
      // st2client runs a shell (no --config-file); the st2 CLI in it reads the same st2.conf files.
      if (name !== 'st2client') expect(effectiveConfig(spec, container, resources)['keyvalue']?.['encryption_key_path'], name).toBe(keyPath);
      const file = mountedFile(spec, container, keyPath ?? '', resources);
      expect(file?.key, name).toBe('datastore_crypto_key');
      expect(stringAt(file?.volume, 'secret', 'secretName'), name).toBe('st2-datastore-crypto-key');
    }
    const source = resources.find((r) => (kindOf(r) === 'Secret' && nameOf(r) === 'st2-datastore-crypto-key') || (kindOf(r) === 'ExternalSecret' && stringAt(r, 'spec', 'target', 'name') === 'st2-datastore-crypto-key'));
    expect(source, 'a Secret or ExternalSecret produces st2-datastore-crypto-key').toBeDefined();
    if (source !== undefined && kindOf(source) === 'Secret') {
      const key = JSON.parse(Buffer.from(stringMapAt(source, 'data')['datastore_crypto_key'] ?? '', 'base64').toString('utf8')) as Record<string, unknown>;
      expect(key).toMatchObject({ mode: 'CBC', size: 256 });
      expect(Buffer.from(String(key['aesKeyString']), 'base64url')).toHaveLength(32);
    }
  });

  // Source: st2docs v3.8 rbac.rst ([rbac] enable = True and backend = default; without them the
  // definitions are stored but not enforced).
  it('enables RBAC in every st2 process wherever RBAC definitions are applied', () => {
    expect(resources.some((r) => kindOf(r) === 'Job' && nameOf(r) === 'st2-apply-rbac-definitions')).toBe(true);
    for (const pod of st2Pods()) {
      const spec = podSpecOf(pod);
      const rbac = effectiveConfig(spec, st2ContainerOf(spec), resources)['rbac'];
      expect(rbac, nameOf(pod)).toEqual({ enable: 'True', backend: 'default' });
    }
  });

  // Source: st2docs ha.rst (mirror all queues); chart conf/rabbit-definition.conf (policy ha,
  // ha-mode all) and values (forceBoot); rabbitmq/cluster-operator discussion #1997 (OrderedReady
  // deadlock after all pods restart).
  it('mirrors every RabbitMQ queue, starts the nodes in parallel and settles partitions', () => {
    const rabbitmq = workload(resources, 'StatefulSet', 'rabbitmq');
    expect(stringAt(rabbitmq, 'spec', 'podManagementPolicy')).toBe('Parallel');
    const conf = parseIni(`[x]\n${stringMapAt(workload(resources, 'ConfigMap', 'rabbitmq-config'), 'data')['rabbitmq.conf'] ?? ''}`)['x'] ?? {};
    expect(conf['cluster_partition_handling']).toMatch(/^(pause_minority|autoheal)$/);
    expect(conf['load_definitions']).toBe('/etc/rabbitmq/definitions.json');
    const init = recordsAt(podSpecOf(rabbitmq), 'initContainers').map((c) => listAt(c, 'command').join(' ')).join('\n');
    const json = /cat > \/etc\/rabbitmq\/definitions\.json <<EOF\n([\s\S]*?)\nEOF/.exec(init)?.[1];
    expect(json).toBeDefined();
    const definitions = JSON.parse((json ?? '').replace('${pass}', 'x')) as { policies: Array<{ pattern: string; definition: Record<string, unknown> }>; users: unknown[] };
    expect(definitions.policies).toEqual([expect.objectContaining({ pattern: '', definition: expect.objectContaining({ 'ha-mode': 'all', 'ha-sync-mode': 'automatic' }) })]);
    expect(definitions.users).toHaveLength(1);
  });

  // Source: st2-dockerfiles base/files/st2.tmp.conf (connection_retries = 0: st2 exits without
  // MongoDB or RabbitMQ); chart _helpers.tpl wait-for-db / wait-for-queue init containers.
  it('waits for MongoDB and RabbitMQ before any st2 service starts', () => {
    const dbHost = (effectiveConfig(podSpecOf(workload(resources, 'Deployment', 'st2api')), st2ContainerOf(podSpecOf(workload(resources, 'Deployment', 'st2api'))), resources)['database']?.['host'] ?? '');
    expect(dbHost).toContain('mongodb-0.mongodb:27017');
    for (const name of WAITING_SERVICES) {
      const init = recordsAt(podSpecOf(workload(resources, 'Deployment', name)), 'initContainers');
      const commands = init.map((c) => `${String(c['name'])}: ${listAt(c, 'command').join(' ')}`);
      expect(commands.some((c) => c.startsWith('wait-for-db:') && c.includes('nc -z -w 2 mongodb 27017')), name).toBe(true);
      expect(commands.some((c) => c.startsWith('wait-for-queue:') && c.includes('nc -z -w 2 rabbitmq 5672')), name).toBe(true);
    }
    // The Services they wait on exist with those ports.
    expect(recordsAt(workload(resources, 'Service', 'mongodb'), 'spec', 'ports').map((p) => p['port'])).toContain(27017);
    expect(recordsAt(workload(resources, 'Service', 'rabbitmq'), 'spec', 'ports').map((p) => p['port'])).toContain(5672);
    for (const job of resources.filter((r) => kindOf(r) === 'Job')) {
      expect(recordsAt(podSpecOf(job), 'initContainers').map((c) => c['name']), nameOf(job)).toContain('wait-for-db');
    }
  });
});

function at2379(container: unknown, probe: string): boolean {
  const port = recordAt(container, probe, 'httpGet')?.['port'];
  return port === 2379 || port === 'client';
}
