/**
 * ST2-OPS-032's and ST2-REP-020's facts (src/policy/admission-facts.ts): what
 * the limitranger and resourcequota admission plugins refuse of a render, and
 * VPA memory caps, read as the API server and the VPA read them.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectAdmissionFacts } from '../../src/policy/admission-facts.js';
import { collectPodUnits } from '../../src/policy/pod-templates.js';
import { podInventory } from '../../src/policy/pod-inventory.js';

function deployment(name: string, replicas: number, resources: Record<string, unknown>, extra: Record<string, unknown> = {}): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'st2-prod' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `stackstorm/${name}:3.8.1`, resources }], ...extra } } },
  };
}

const lr = (limits: unknown[]): Manifest => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'st2-prod' }, spec: { limits } });
const rq = (hard: Record<string, unknown>, extra: Record<string, unknown> = {}): Manifest => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'st2-prod' }, spec: { hard, ...extra } });
const sized = { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } };

function facts(manifests: Manifest[]): ReturnType<typeof collectAdmissionFacts> {
  const { units, specPaths } = collectPodUnits(manifests);
  return collectAdmissionFacts(manifests, podInventory(manifests, specPaths, units, 'st2-prod'), 'st2-prod');
}
const whys = (manifests: Manifest[]): string[] => facts(manifests).admission_refusals.map((r) => r.why);

describe('LimitRange, as the limitranger plugin applies it', () => {
  it('refuses a limit/request ratio above maxLimitRequestRatio, and passes one at it', () => {
    expect(whys([deployment('st2api', 3, sized), lr([{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }])])).toEqual([
      "container st2api: cpu limit/request 10 above the LimitRange's maxLimitRequestRatio 2",
    ]);
    expect(whys([deployment('st2api', 3, sized), lr([{ type: 'Container', maxLimitRequestRatio: { cpu: '10' } }])])).toEqual([]);
  });

  it('fills a missing limit from default (itself from max) before checking, and a missing request from the limit', () => {
    // No limits: max defaults the limit (8Gi), the request stays 256Mi: ratio 32.
    expect(whys([deployment('st2api', 1, { requests: { memory: '256Mi' } }), lr([{ type: 'Container', max: { memory: '8Gi' }, maxLimitRequestRatio: { memory: '4' } }])])).toEqual([
      "container st2api: memory limit/request 32 above the LimitRange's maxLimitRequestRatio 4",
    ]);
    // Limits only: the request defaults to the limit (pod defaulting), so min is met.
    expect(whys([deployment('st2api', 1, { limits: { memory: '1Gi' } }), lr([{ type: 'Container', min: { memory: '512Mi' } }])])).toEqual([]);
  });

  it('refuses below min and above max, a pod over a Pod max, a claim over a claim max', () => {
    expect(whys([deployment('st2api', 1, sized), lr([{ type: 'Container', min: { memory: '1Gi' } }])])).toEqual(["container st2api: memory below the LimitRange's min"]);
    expect(whys([deployment('st2api', 1, sized), lr([{ type: 'Pod', max: { cpu: '500m' } }])])).toEqual(["pod: cpu above the LimitRange's max"]);
    const sts: Manifest = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'mongodb', namespace: 'st2-prod' }, spec: { replicas: 3, template: { spec: { containers: [{ name: 'm', image: 'mongo:4.4', resources: sized }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '50Gi' } } } }] } };
    expect(whys([sts, lr([{ type: 'PersistentVolumeClaim', max: { storage: '10Gi' } }])])).toEqual(["claim: storage above the LimitRange's max"]);
  });
});

describe('ResourceQuota, as the resourcequota plugin counts it', () => {
  it('sums requests over replicas, the larger of containers and init containers per pod', () => {
    const withInit = deployment('st2api', 3, sized, { initContainers: [{ name: 'init', image: 'busybox', resources: { requests: { cpu: '2', memory: '8Mi' }, limits: { cpu: '2', memory: '8Mi' } } }] });
    expect(whys([withInit, rq({ 'requests.cpu': '5' })])).toEqual(['requests.cpu 5 below the 6 the render needs']);
    expect(whys([withInit, rq({ 'requests.cpu': '6' })])).toEqual([]);
  });

  it('refuses a pod without a value the quota tracks', () => {
    expect(whys([deployment('st2api', 1, { limits: { cpu: '1' } }), rq({ 'requests.memory': '64Gi' })])).toEqual(["container st2api has no requests.memory, which the quota's requests.memory requires"]);
  });

  it('counts the Secrets controllers write from the render, and the ConfigMap every namespace has', () => {
    const es = (name: string, target?: Record<string, unknown>): Manifest => ({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name, namespace: 'st2-prod' }, spec: { target: target ?? {} } });
    const render = [es('a'), es('b', { name: 'b-secret' }), es('c', { creationPolicy: 'Merge' })];
    expect(whys([...render, rq({ 'count/secrets': '1' })])).toEqual(['count/secrets 1 below the 2 the render needs']);
    expect(whys([...render, rq({ secrets: '2', configmaps: '0' })])).toEqual(['configmaps 0 below the 1 the render needs']);
  });

  it('reads scopes: a BestEffort quota does not count pods with requests; an unscoped pods count is left to ST2-OPS-005', () => {
    expect(whys([deployment('st2api', 3, sized), rq({ pods: '0' }, { scopes: ['BestEffort'] })])).toEqual([]);
    expect(whys([deployment('st2api', 3, sized), rq({ pods: '2' }, { scopes: ['NotBestEffort'] })])).toEqual(['pods 2 below the 3 the render needs']);
    expect(whys([deployment('st2api', 3, sized), rq({ pods: '2' })])).toEqual([]);
  });
});

describe('VerticalPodAutoscaler memory caps', () => {
  const vpa = (mode: string, policy: Record<string, unknown>): Manifest => ({ apiVersion: 'autoscaling.k8s.io/v1', kind: 'VerticalPodAutoscaler', metadata: { name: 'v', namespace: 'st2-prod' }, spec: { targetRef: { kind: 'Deployment', name: 'st2api' }, updatePolicy: { updateMode: mode }, resourcePolicy: { containerPolicies: [policy] } } });
  it('reports a cap below the render request unless the VPA is Off or does not control memory', () => {
    const api = deployment('st2api', 3, sized);
    expect(facts([api, vpa('Auto', { containerName: 'st2api', maxAllowed: { memory: '48Mi' } })]).vpa_caps).toMatchObject([{ container: 'st2api', cap: 48 * 2 ** 20, request: 256 * 2 ** 20 }]);
    expect(facts([api, vpa('Initial', { containerName: '*', maxAllowed: { memory: '48Mi' } })]).vpa_caps).toHaveLength(1);
    expect(facts([api, vpa('Off', { containerName: 'st2api', maxAllowed: { memory: '48Mi' } })]).vpa_caps).toEqual([]);
    expect(facts([api, vpa('Auto', { containerName: 'st2api', controlledResources: ['cpu'], maxAllowed: { memory: '48Mi' } })]).vpa_caps).toEqual([]);
    expect(facts([api, vpa('Auto', { containerName: 'st2api', maxAllowed: { memory: '1Gi' } })]).vpa_caps).toEqual([]);
  });
});
