import { beforeAll, describe, expect, it } from 'vitest';
import { renderForTest } from '../support/render.js';
import { loadChartDefaults, secretValuesOf, sha256Hex, type ChartDefaults } from './chart-defaults.js';
import { activeActiveServices, hardenedOverlays } from './cluster-shape.js';
import {
  at,
  idOf,
  isRecord,
  kindOf,
  nameOf,
  recordAt,
  recordsAt,
  stringAt,
  stringLeaves,
  stringMapAt,
  stringsAt,
  type Manifest,
} from './manifest-guards.js';
import {
  containerPortsOf,
  containersOf,
  hasPodTemplate,
  isLongRunningWorkload,
  matchesLabels,
  podLabelsOf,
  podSpecOf,
  replicasOf,
  targetSecretName,
} from './workloads.js';

type Rendered = Awaited<ReturnType<typeof renderForTest>>;

const expectedEnvironment: Readonly<Record<string, string>> = {
  'overlays/staging': 'staging',
  'overlays/prod': 'production',
};

/** Every string a reader of the render could see, with Secret `data` decoded. */
function visibleStrings(resource: Manifest): string[] {
  return [...stringLeaves(resource), ...secretValuesOf(resource).map((value) => value.bytes.toString('utf8'))];
}

/** Env values (`env[].value`) of every container of a pod-producing resource. */
function envValues(resource: Manifest): string[] {
  return containersOf(podSpecOf(resource)).flatMap((container) =>
    recordsAt(container, 'env')
      .map((env) => env['value'])
      .filter((value): value is string => typeof value === 'string'),
  );
}

describe.each(hardenedOverlays)('%s: what a careful operator ships', (overlay) => {
  let rendered: Rendered;
  let defaults: ChartDefaults;

  beforeAll(async () => {
    rendered = await renderForTest(overlay);
    defaults = await loadChartDefaults();
  });

  it('names its environment', () => {
    // GIVEN the overlay  WHEN it is rendered  THEN the kustomization names the environment
    expect(rendered.environment).toBe(expectedEnvironment[overlay]);
  });

  it('contains none of the chart default secret literals anywhere', () => {
    // GIVEN the places a default could hide: Secret data (decoded) and stringData, ConfigMap data
    // (such as the amqp:// URL in st2.docker.conf), env values, and any other string
    const targeted = rendered.resources.flatMap((resource) => [
      ...secretValuesOf(resource).map((value) => value.bytes.toString('utf8')),
      ...Object.values(stringMapAt(resource, 'data')),
      ...envValues(resource),
    ]);
    const everywhere = rendered.resources.flatMap(visibleStrings);
    // WHEN each literal from policies/chart_defaults/data.json is searched for
    const found = defaults.literals
      .filter((literal) => [...targeted, ...everywhere].some((text) => text.includes(literal.value)))
      .map((literal) => literal.id);
    // THEN none is present
    expect(found).toEqual([]);
  });

  it('contains no Secret holding default key material or a placeholder license', () => {
    // GIVEN every Secret value in the render, decoded
    const values = rendered.resources.flatMap(secretValuesOf);
    const knownDigests = new Set(defaults.valueSha256.values());
    // WHEN their sha256 is compared with the default key material, and licenses with the placeholders
    const defaultKeyMaterial = values.filter((value) => knownDigests.has(sha256Hex(value.bytes)));
    const placeholderLicenses = values.filter(
      (value) => value.key === 'st2_license' && defaults.licensePlaceholders.includes(value.bytes.toString('utf8')),
    );
    // THEN there is neither
    expect(defaultKeyMaterial.map((value) => `${value.secret}/${value.key}`)).toEqual([]);
    expect(placeholderLicenses.map((value) => value.secret)).toEqual([]);
  });

  it('keeps secret values out of git: ExternalSecrets from a ClusterSecretStore, no Secret objects', () => {
    // GIVEN the render
    const secrets = rendered.resources.filter((resource) => kindOf(resource) === 'Secret');
    const externalSecrets = rendered.resources.filter((resource) => kindOf(resource) === 'ExternalSecret');
    // WHEN the ExternalSecrets are inspected
    // THEN no Secret is committed, and every Secret the chart creates comes from the store
    expect(secrets.map(idOf)).toEqual([]);
    expect(externalSecrets.map(targetSecretName).sort()).toEqual([
      'mongodb-admin',
      'mongodb-keyfile',
      'rabbitmq',
      'st2-auth',
      'st2-config-secrets',
      'st2-datastore-crypto-key',
      'st2-license',
      'st2-ssh',
      'st2web',
    ]);
    for (const externalSecret of externalSecrets) {
      expect(stringAt(externalSecret, 'apiVersion'), idOf(externalSecret)).toBe('external-secrets.io/v1');
      expect(stringAt(externalSecret, 'spec', 'secretStoreRef', 'kind'), idOf(externalSecret)).toBe(
        'ClusterSecretStore',
      );
    }
  });

  it('reads RabbitMQ and MongoDB credentials from a Secret-backed st2.secrets.conf, not from a ConfigMap', () => {
    // GIVEN the st2 config ConfigMap and the st2 Deployments started with --config-file arguments
    const config = rendered.resources.find(
      (resource) => kindOf(resource) === 'ConfigMap' && nameOf(resource) === 'st2-config',
    );
    const dockerConf = stringAt(config, 'data', 'st2.docker.conf') ?? '';
    const st2Processes = rendered.resources.filter(
      (resource) =>
        hasPodTemplate(resource) &&
        JSON.stringify(podSpecOf(resource)).includes('--config-file=/etc/st2/st2.docker.conf'),
    );
    // WHEN their configuration is read
    // THEN st2.docker.conf has no credentials, and every st2 process reads st2.secrets.conf last
    expect(dockerConf).not.toMatch(/amqp:\/\/|password\s*=/);
    expect(st2Processes.length).toBeGreaterThanOrEqual(12);
    for (const resource of st2Processes) {
      const args = containersOf(podSpecOf(resource)).flatMap((container) => stringsAt(container, 'args'));
      expect(args.filter((arg) => arg.startsWith('--config-file=')).at(-1), idOf(resource)).toBe(
        '--config-file=/etc/st2/st2.secrets.conf',
      );
    }
  });

  it('exposes nothing on a node: no NodePort Service, no hostPort, no hostNetwork', () => {
    // GIVEN the Services and pod templates
    const nodePorts = rendered.resources
      .filter((resource) => kindOf(resource) === 'Service')
      .filter(
        (service) =>
          stringAt(service, 'spec', 'type') === 'NodePort' ||
          stringAt(service, 'spec', 'type') === 'LoadBalancer' ||
          recordsAt(service, 'spec', 'ports').some((port) => port['nodePort'] !== undefined),
      )
      .map(idOf);
    const hostExposed = rendered.resources
      .filter(hasPodTemplate)
      .filter(
        (resource) =>
          at(podSpecOf(resource), 'hostNetwork') === true ||
          containerPortsOf(podSpecOf(resource)).some((port) => port['hostPort'] !== undefined),
      )
      .map(idOf);
    // WHEN they are checked  THEN nothing is reachable through a node's address
    expect(nodePorts).toEqual([]);
    expect(hostExposed).toEqual([]);
  });

  it('reaches st2web only through an Ingress with TLS from cert-manager', () => {
    // GIVEN the Ingresses and the st2web Service
    const service = rendered.resources.find(
      (resource) => kindOf(resource) === 'Service' && nameOf(resource) === 'st2web',
    );
    const ingresses = rendered.resources.filter((resource) => kindOf(resource) === 'Ingress');
    // WHEN an Ingress rule routes to st2web
    const routes = ingresses.flatMap((ingress) =>
      recordsAt(ingress, 'spec', 'rules').flatMap((rule) =>
        recordsAt(rule, 'http', 'paths')
          .filter((routePath) => stringAt(routePath, 'backend', 'service', 'name') === 'st2web')
          .map((routePath) => ({
            ingress,
            host: stringAt(rule, 'host'),
            port: at(routePath, 'backend', 'service', 'port', 'number'),
          })),
      ),
    );
    // THEN it exists, its host is covered by a TLS entry with a Secret, cert-manager issues that
    // certificate, the backend port is the Service's, and the Service itself is ClusterIP
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const tls = recordsAt(route.ingress, 'spec', 'tls').find((entry) =>
        stringsAt(entry, 'hosts').includes(route.host ?? ''),
      );
      expect(route.host, idOf(route.ingress)).toMatch(/\./);
      expect(stringAt(tls, 'secretName'), `${idOf(route.ingress)} has no TLS for ${route.host ?? '?'}`).toBeTruthy();
      const issuedByAnnotation =
        stringAt(route.ingress, 'metadata', 'annotations', 'cert-manager.io/cluster-issuer') !== undefined ||
        stringAt(route.ingress, 'metadata', 'annotations', 'cert-manager.io/issuer') !== undefined;
      const issuedByCertificate = rendered.resources.some(
        (resource) =>
          kindOf(resource) === 'Certificate' &&
          stringAt(resource, 'spec', 'secretName') === stringAt(tls, 'secretName'),
      );
      expect(issuedByAnnotation || issuedByCertificate, idOf(route.ingress)).toBe(true);
      expect(recordsAt(service, 'spec', 'ports').map((port) => port['port'])).toContain(route.port);
    }
    expect(stringAt(service, 'spec', 'type') ?? 'ClusterIP').toBe('ClusterIP');
  });

  it('sets CPU and memory requests and limits on every container, init containers included', () => {
    // GIVEN every container of every pod-producing resource
    const missing = rendered.resources.filter(hasPodTemplate).flatMap((resource) =>
      containersOf(podSpecOf(resource))
        .filter((container) =>
          ['requests', 'limits'].some((field) =>
            ['cpu', 'memory'].some((resourceName) => at(container, 'resources', field, resourceName) === undefined),
          ),
        )
        .map((container) => `${idOf(resource)} ${stringAt(container, 'name') ?? '?'}`),
    );
    // WHEN their resources are read  THEN none lacks a request or a limit
    expect(missing).toEqual([]);
  });

  it('pins every image to an exact version tag or digest, never latest or a dev tag', () => {
    // GIVEN every image reference
    const images = rendered.resources
      .filter(hasPodTemplate)
      .flatMap((resource) => containersOf(podSpecOf(resource)).map((container) => stringAt(container, 'image') ?? ''));
    // WHEN each tag is checked
    const unpinned = images.filter((image) => {
      if (/@sha256:[0-9a-f]{64}$/.test(image)) return false;
      const tag = /:([^/:]+)$/.exec(image)?.[1];
      return tag === undefined || tag === 'latest' || /dev/i.test(tag) || !/^v?\d+\.\d+\.\d+/.test(tag);
    });
    // THEN each is an exact version
    expect(images.length).toBeGreaterThan(0);
    expect([...new Set(unpinned)]).toEqual([]);
  });

  it('runs no privileged container and no container that may escalate privileges', () => {
    // GIVEN every container  WHEN its securityContext is read
    const loose = rendered.resources.filter(hasPodTemplate).flatMap((resource) =>
      containersOf(podSpecOf(resource))
        .filter((container) => {
          const securityContext = recordAt(container, 'securityContext');
          return securityContext?.['privileged'] === true || securityContext?.['allowPrivilegeEscalation'] !== false;
        })
        .map((container) => `${idOf(resource)} ${stringAt(container, 'name') ?? '?'}`),
    );
    // THEN none is privileged and all forbid escalation
    expect(loose).toEqual([]);
  });

  it('runs the databases and etcd as non-root', () => {
    // GIVEN the stateful workloads  WHEN their pod securityContext is read
    const stateful = rendered.resources.filter((resource) => kindOf(resource) === 'StatefulSet');
    // THEN each runs as a non-root user
    expect(stateful.map(nameOf).sort()).toEqual(['etcd', 'mongodb', 'rabbitmq']);
    for (const workload of stateful) {
      expect(at(podSpecOf(workload), 'securityContext', 'runAsNonRoot'), idOf(workload)).toBe(true);
    }
  });

  it('spreads the HA services and databases over nodes and covers them with PodDisruptionBudgets', () => {
    // GIVEN the workloads that must survive a node loss, and the PDBs
    const haNames = [...activeActiveServices, 'mongodb', 'rabbitmq', 'etcd'];
    const budgets = rendered.resources.filter((resource) => kindOf(resource) === 'PodDisruptionBudget');
    for (const name of haNames) {
      const workload = rendered.resources.find(
        (resource) => isLongRunningWorkload(resource) && nameOf(resource) === name,
      );
      expect(workload, name).toBeDefined();
      if (workload === undefined) continue;
      // WHEN its anti-affinity and budgets are looked up
      const antiAffinity = recordAt(podSpecOf(workload), 'affinity', 'podAntiAffinity');
      const terms = [
        ...recordsAt(antiAffinity, 'requiredDuringSchedulingIgnoredDuringExecution'),
        ...recordsAt(antiAffinity, 'preferredDuringSchedulingIgnoredDuringExecution').map(
          (preferred) => recordAt(preferred, 'podAffinityTerm') ?? {},
        ),
      ];
      const coveringBudgets = budgets.filter((budget) =>
        matchesLabels(podLabelsOf(workload), stringMapAt(budget, 'spec', 'selector', 'matchLabels')),
      );
      // THEN it avoids sharing a node with itself and exactly one budget limits its disruptions
      expect(
        terms.some(
          (term) =>
            stringAt(term, 'topologyKey') === 'kubernetes.io/hostname' &&
            matchesLabels(podLabelsOf(workload), stringMapAt(term, 'labelSelector', 'matchLabels')),
        ),
        `${name} has no hostname anti-affinity`,
      ).toBe(true);
      expect(coveringBudgets.map(idOf), name).toHaveLength(1);
      expect(replicasOf(workload), name).toBeGreaterThanOrEqual(2);
    }
  });

  it('runs etcd as a 3-member StatefulSet with peer discovery through a headless Service', () => {
    // GIVEN the render  WHEN etcd's StatefulSet and Services are looked up
    const etcd = rendered.resources.find(
      (resource) => kindOf(resource) === 'StatefulSet' && nameOf(resource) === 'etcd',
    );
    const serviceName = stringAt(etcd, 'spec', 'serviceName');
    const peers = rendered.resources.find(
      (resource) => kindOf(resource) === 'Service' && nameOf(resource) === serviceName,
    );
    const client = rendered.resources.find((resource) => kindOf(resource) === 'Service' && nameOf(resource) === 'etcd');
    // THEN it has 3 members named through the headless Service, and clients keep the etcd:2379 name
    expect(etcd === undefined ? undefined : replicasOf(etcd)).toBe(3);
    expect(stringAt(peers, 'spec', 'clusterIP')).toBe('None');
    expect(JSON.stringify(etcd)).toContain(`etcd-0.${serviceName ?? '?'}:2380`);
    expect(isRecord(client)).toBe(true);
    expect(recordsAt(client, 'spec', 'ports').map((port) => port['port'])).toContain(2379);
  });

  it('labels its namespace so the API server enforces Pod Security baseline and reports anything short of restricted', () => {
    // GIVEN the render  WHEN its Namespace is looked up
    const namespaces = rendered.resources.filter((resource) => kindOf(resource) === 'Namespace');
    // THEN there is exactly the overlay's namespace, with the enforcing labels
    expect(namespaces.map(nameOf)).toEqual([overlay.replace('overlays/', 'st2-')]);
    expect(stringMapAt(namespaces[0] ?? {}, 'metadata', 'labels')).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
  });
});
