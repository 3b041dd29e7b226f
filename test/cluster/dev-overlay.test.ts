import { beforeAll, describe, expect, it } from 'vitest';
import { renderForTest } from '../support/render.js';
import { loadChartDefaults, secretValuesOf, sha256Hex, type ChartDefaults } from './chart-defaults.js';
import { chartDefaultReplicas, hookJobs } from './cluster-shape.js';
import { idOf, kindOf, nameOf, stringAt, stringLeaves } from './manifest-guards.js';
import { isLongRunningWorkload, replicasOf } from './workloads.js';

type Rendered = Awaited<ReturnType<typeof renderForTest>>;

describe('overlays/dev: the chart defaults as a developer tries them', () => {
  let rendered: Rendered;
  let defaults: ChartDefaults;

  beforeAll(async () => {
    rendered = await renderForTest('overlays/dev');
    defaults = await loadChartDefaults();
  });

  it('names its environment dev', () => {
    // GIVEN the dev overlay  WHEN it is rendered  THEN its kustomization names the environment
    expect(rendered.environment).toBe('dev');
  });

  it('runs 32 pods at the chart default replicas, hook Jobs not counted', () => {
    // GIVEN the dev render
    // WHEN the replicas of every Deployment and StatefulSet are added up
    const workloads = rendered.resources.filter(isLongRunningWorkload);
    const pods = workloads.reduce((sum, workload) => sum + replicasOf(workload), 0);
    // THEN the cluster has the 30 pods the HA docs describe (23 st2 + 3 MongoDB + 3 RabbitMQ + 1 etcd)
    // plus the 2 st2scheduler pods st2 3.8 needs (the seed predates st2 2.10's scheduler)
    expect(pods).toBe(32);
  });

  it('keeps etcd as the chart ships it: one Deployment behind a NodePort Service on 2379 and 2380', () => {
    // GIVEN the dev render  WHEN etcd's workload and Service are looked up
    const etcd = rendered.resources.find(
      (resource) => kindOf(resource) === 'Deployment' && nameOf(resource) === 'etcd',
    );
    const service = rendered.resources.find(
      (resource) => kindOf(resource) === 'Service' && nameOf(resource) === 'etcd',
    );
    // THEN they match the chart
    expect(etcd === undefined ? undefined : replicasOf(etcd)).toBe(1);
    expect(stringAt(service, 'spec', 'type')).toBe('NodePort');
    expect(JSON.stringify(service)).toContain('2380');
  });

  it('exposes st2web on a NodePort Service at 443, as the chart does', () => {
    // GIVEN the dev render  WHEN the st2web Service is looked up
    const service = rendered.resources.find(
      (resource) => kindOf(resource) === 'Service' && nameOf(resource) === 'st2web',
    );
    // THEN it is the chart's NodePort on 443
    expect(stringAt(service, 'spec', 'type')).toBe('NodePort');
    expect(JSON.stringify(service)).toContain('"port":443');
  });

  it.each(Object.entries(chartDefaultReplicas))('runs %s with the chart default of %i replicas', (name, count) => {
    // GIVEN the dev render  WHEN the workload is looked up by its bare name
    const workload = rendered.resources.find(
      (resource) => isLongRunningWorkload(resource) && nameOf(resource) === name,
    );
    // THEN it exists with the chart's replicas
    expect(workload, `${name} is missing`).toBeDefined();
    expect(workload === undefined ? undefined : replicasOf(workload)).toBe(count);
  });

  it('runs the hook Jobs as Argo CD PostSync hooks in the chart hook-weight order', () => {
    // GIVEN the dev render  WHEN the hook Jobs' Argo CD annotations are read
    const waves = new Map<string, string | undefined>();
    for (const job of rendered.resources.filter((resource) => kindOf(resource) === 'Job')) {
      expect(stringAt(job, 'metadata', 'annotations', 'argocd.argoproj.io/hook'), idOf(job)).toBe('PostSync');
      expect(stringAt(job, 'metadata', 'annotations', 'argocd.argoproj.io/hook-delete-policy'), idOf(job)).toBe(
        'BeforeHookCreation',
      );
      waves.set(nameOf(job), stringAt(job, 'metadata', 'annotations', 'argocd.argoproj.io/sync-wave'));
    }
    // THEN both exist and keep the chart's weights: register-content 5, then apply-rbac 6
    expect([...waves.keys()].sort()).toEqual([...hookJobs]);
    expect(waves.get('st2-register-content')).toBe('5');
    expect(waves.get('st2-apply-rbac-definitions')).toBe('6');
  });

  it('carries the chart default secrets, so the detectors used on staging and prod can see them', () => {
    // GIVEN the dev render, which must equal `helm install` with no values
    const strings = rendered.resources.flatMap((resource) => [
      ...stringLeaves(resource),
      ...secretValuesOf(resource).map((value) => value.bytes.toString('utf8')),
    ]);
    const digests = new Set(rendered.resources.flatMap(secretValuesOf).map((value) => sha256Hex(value.bytes)));
    // WHEN the known default literals and key-material digests are searched for
    const foundLiterals = defaults.literals.filter((literal) => strings.some((text) => text.includes(literal.value)));
    const foundKeyMaterial = [...defaults.valueSha256.entries()].filter(([, digest]) => digests.has(digest));
    // THEN the st2, RabbitMQ and MongoDB defaults and this repository's default key material are present
    expect(foundLiterals.map((literal) => literal.id)).toEqual(
      expect.arrayContaining([
        'st2-auth-password',
        'rabbitmq-password',
        'rabbitmq-erlang-cookie',
        'mongodb-admin-password',
        'mongodb-keyfile',
      ]),
    );
    expect(foundKeyMaterial.map(([id]) => id)).toEqual(
      expect.arrayContaining([
        'base-st2-ssh-private-key',
        'base-st2web-ssl-certificate',
        'base-st2web-ssl-certificate-key',
      ]),
    );
  });
});
