import { beforeAll, describe, expect, it } from 'vitest';
import { renderForTest } from '../support/render.js';
import {
  activeActiveServices,
  allOverlays,
  clusterWorkloads,
  expectedReplicas,
  singletons,
  st2BackendDeployments,
} from './cluster-shape.js';
import { idOf, kindOf, nameOf, stringMapAt } from './manifest-guards.js';
import {
  configReferencesOf,
  containersOf,
  hasMatchExpressions,
  hasPodTemplate,
  isLongRunningWorkload,
  keysOfConfigObject,
  keysProducedByExternalSecret,
  matchesLabels,
  parseEqualitySelector,
  podLabelsOf,
  podSpecOf,
  replicasOf,
  selectorMatchLabelsOf,
  targetSecretName,
} from './workloads.js';

type Rendered = Awaited<ReturnType<typeof renderForTest>>;

describe.each(allOverlays)('%s: workloads, selectors and references hold together', (overlay) => {
  let rendered: Rendered;

  beforeAll(async () => {
    rendered = await renderForTest(overlay);
  });

  it('names every workload by its bare component name (no prefix or suffix)', () => {
    // GIVEN the render  WHEN the long-running workloads are listed by name
    const names = rendered.resources.filter(isLongRunningWorkload).map(nameOf).sort();
    // THEN they are exactly the cluster's components
    expect(names).toEqual([...clusterWorkloads].sort());
  });

  it('selects exactly the 12 st2 backend Deployments with release=st2,tier=backend', () => {
    // GIVEN the selector the HA docs use for "st2 backends only"
    const selector = parseEqualitySelector('release=st2,tier=backend');
    // WHEN it is applied to the pod labels of every pod-producing resource
    const selected = rendered.resources.filter(
      (resource) => hasPodTemplate(resource) && matchesLabels(podLabelsOf(resource), selector),
    );
    // THEN it picks the 12 backend Deployments and nothing else (no st2web, databases, etcd or Jobs)
    expect(selected.map(idOf).sort()).toEqual(st2BackendDeployments.map((name) => `Deployment/${name}`).sort());
  });

  it('selects the whole cluster, databases and etcd included, with release=st2', () => {
    // GIVEN the selector the HA docs use for "the whole cluster"
    const selector = parseEqualitySelector('release=st2');
    // WHEN it is applied to every pod-producing resource
    const podProducers = rendered.resources.filter(hasPodTemplate);
    const missed = podProducers.filter((resource) => !matchesLabels(podLabelsOf(resource), selector)).map(idOf);
    // THEN no workload or hook Job escapes it
    expect(missed).toEqual([]);
    expect(podProducers.map(nameOf)).toEqual(expect.arrayContaining(['mongodb', 'rabbitmq', 'etcd']));
  });

  it('gives every Deployment and StatefulSet pod labels that match its own selector', () => {
    // GIVEN the long-running workloads
    const workloads = rendered.resources.filter(isLongRunningWorkload);
    // WHEN each selector's matchLabels is compared with its pod template labels
    const mismatched = workloads
      .filter(
        (workload) =>
          Object.keys(selectorMatchLabelsOf(workload)).length === 0 ||
          hasMatchExpressions(workload) ||
          !matchesLabels(podLabelsOf(workload), selectorMatchLabelsOf(workload)),
      )
      .map(idOf);
    // THEN every selector is a non-empty matchLabels that its own pods satisfy
    expect(workloads.length).toBeGreaterThan(0);
    expect(mismatched).toEqual([]);
  });

  it('has every Service select the pods of at least one Deployment or StatefulSet', () => {
    // GIVEN the Services and the long-running workloads
    const workloads = rendered.resources.filter(isLongRunningWorkload);
    const services = rendered.resources.filter((resource) => kindOf(resource) === 'Service');
    // WHEN each Service selector is matched against the pod labels
    const orphans = services
      .filter((service) => {
        const selector = stringMapAt(service, 'spec', 'selector');
        if (Object.keys(selector).length === 0) return true;
        return !workloads.some((workload) => matchesLabels(podLabelsOf(workload), selector));
      })
      .map(idOf);
    // THEN none selects nothing
    expect(services.length).toBeGreaterThan(0);
    expect(orphans).toEqual([]);
  });

  it('ships every Secret and ConfigMap (and key) a pod references, or an ExternalSecret that produces it', () => {
    // GIVEN the Secrets and ConfigMaps in the render, and the Secrets ExternalSecrets produce
    const available = new Map<string, ReadonlySet<string>>();
    for (const resource of rendered.resources) {
      const kind = kindOf(resource);
      if (kind === 'Secret' || kind === 'ConfigMap')
        available.set(`${kind}/${nameOf(resource)}`, keysOfConfigObject(resource));
      if (kind === 'ExternalSecret') {
        available.set(`Secret/${targetSecretName(resource)}`, keysProducedByExternalSecret(resource));
      }
    }
    // WHEN every volume, env valueFrom, envFrom and imagePullSecret of every pod template is resolved
    const unresolved: string[] = [];
    for (const resource of rendered.resources.filter(hasPodTemplate)) {
      for (const reference of configReferencesOf(podSpecOf(resource))) {
        const keys = available.get(`${reference.kind}/${reference.name}`);
        if (keys === undefined) {
          unresolved.push(`${idOf(resource)} ${reference.via}: ${reference.kind}/${reference.name} does not exist`);
        } else if (reference.key !== undefined && !keys.has(reference.key)) {
          unresolved.push(
            `${idOf(resource)} ${reference.via}: ${reference.kind}/${reference.name} has no key ${reference.key}`,
          );
        }
      }
    }
    // THEN every reference resolves, down to the key
    expect(unresolved).toEqual([]);
  });

  it.each(Object.entries(expectedReplicas[overlay] ?? {}))('runs %s with %i replicas', (name, count) => {
    // GIVEN the environment's replica plan  WHEN the workload is looked up
    const workload = rendered.resources.find(
      (resource) => isLongRunningWorkload(resource) && nameOf(resource) === name,
    );
    // THEN its replicas follow the plan
    expect(workload === undefined ? undefined : replicasOf(workload)).toBe(count);
  });

  it('keeps the singletons at one replica and every active-active service at two or more', () => {
    // GIVEN the render  WHEN replicas are read by name
    const replicas = new Map(
      rendered.resources.filter(isLongRunningWorkload).map((workload) => [nameOf(workload), replicasOf(workload)]),
    );
    // THEN st2timersengine, st2sensorcontainer, st2garbagecollector and st2client stay at 1 (no duplicate timers or sensors)
    for (const name of singletons) expect(replicas.get(name), name).toBe(1);
    // AND the active-active services are HA
    for (const name of activeActiveServices) expect(replicas.get(name), name).toBeGreaterThanOrEqual(2);
  });

  it("sizes RabbitMQ's memory alarm by the rabbitmq container's limit, not the node's memory", () => {
    // GIVEN the RabbitMQ StatefulSet (RabbitMQ reads the node's MemTotal, not the cgroup limit: rabbitmq-server#10974)
    const sts = rendered.resources.find((r) => kindOf(r) === 'StatefulSet' && nameOf(r) === 'rabbitmq');
    expect(sts).toBeDefined();
    const init = containersOf(podSpecOf(sts ?? {})).find((c) => c['name'] === 'copy-rabbitmq-config');
    // WHEN its config is written THEN total_memory_available_override_value is the rabbitmq container's limits.memory
    const script = Array.isArray(init?.['command']) ? init['command'].join('\n') : '';
    expect(script).toContain('echo "total_memory_available_override_value = ${RABBITMQ_MEMORY_LIMIT}" >> /etc/rabbitmq/rabbitmq.conf');
    expect(init?.['env']).toContainEqual({ name: 'RABBITMQ_MEMORY_LIMIT', valueFrom: { resourceFieldRef: { containerName: 'rabbitmq', resource: 'limits.memory' } } });
  });
});
