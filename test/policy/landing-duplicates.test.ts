/**
 * Objects of the render that land as one (src/policy/landing-duplicates.ts,
 * ST2-OPS-082's fact). Argo CD keys an Application's manifests by group,
 * kind, landed namespace and name and applies the last of each key
 * (argo-cd v3.2.6 controller/state.go DeduplicateTargetObjects); kustomize
 * keeps both copies when their ids differ before landing. Copies equal once
 * landed are judged once (expanded-render.ts blanks all but the last).
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { expandRender } from '../../src/policy/expanded-render.js';
import { collectLandingDuplicates } from '../../src/policy/landing-duplicates.js';

const NS = 'st2-prod';
const cm = (data: Record<string, string>, metadata: Record<string, unknown> = {}, apiVersion = 'v1'): Manifest => ({ apiVersion, kind: 'ConfigMap', metadata: { name: 'st2-urls', ...metadata }, data });
const placed = { namespace: NS };
const obj = (apiVersion: string, kind: string, metadata: Record<string, unknown>, spec: unknown = {}): Manifest => ({ apiVersion, kind, metadata, spec });

describe('objects that land as one', () => {
  // [case, render, expected: [resources, differ, namespace] per landed object]
  const table: Array<[string, Manifest[], Array<[number[], boolean, string]>]> = [
    ['a namespace-less copy equal to the placed one', [cm({ a: 'b' }, placed), cm({ a: 'b' })], [[[0, 1], false, NS]]],
    ['a namespace-less copy with other data', [cm({ ST2_API_URL: 'https://st2' }, placed), cm({ a: 'b' })], [[[0, 1], true, NS]]],
    ['a copy placed in another namespace', [cm({ a: 'b' }, placed), cm({ a: 'c' }, { namespace: 'st2-tools' })], []],
    ['labels and annotations only one copy sets (an outer layer’s commonLabels)', [cm({ a: 'b' }, { ...placed, labels: { environment: 'production' }, annotations: { o: 'p' } }), cm({ a: 'b' }, { labels: {} })], [[[0, 1], false, NS]]],
    ['a label both copies set to different values', [cm({ a: 'b' }, { ...placed, labels: { app: 'x' } }), cm({ a: 'b' }, { labels: { app: 'y' } })], [[[0, 1], true, NS]]],
    ['another version of the same group and kind (the key has no version)', [obj('apps/v1', 'Deployment', { name: 'd', ...placed }), obj('apps/v1beta2', 'Deployment', { name: 'd', ...placed })], [[[0, 1], true, NS]]],
    ['the same kind in another group', [obj('gateway.networking.k8s.io/v1', 'Gateway', { name: 'g', ...placed }), obj('networking.istio.io/v1', 'Gateway', { name: 'g', ...placed })], []],
    ['a cluster-scoped kind lands in no namespace, with or without metadata.namespace', [obj('rbac.authorization.k8s.io/v1', 'ClusterRole', { name: 'r', namespace: 'x' }), obj('rbac.authorization.k8s.io/v1', 'ClusterRole', { name: 'r' }, { a: 1 })], [[[0, 1], true, '']]],
    ['a kind the API server serves cluster-scoped under versions kustomize does not list', [obj('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', { name: 'v' }), obj('admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicy', { name: 'v', namespace: NS })], [[[0, 1], true, '']]],
    ['a namespaced kind named like a cluster-scoped one', [obj('rbac.authorization.k8s.io/v1', 'ClusterRole', { name: 'r' }), obj('rbac.authorization.k8s.io/v1', 'Role', { name: 'r' })], []],
    ['three copies, one differing', [cm({ a: 'b' }, placed), cm({ a: 'b' }), cm({ a: 'c' }, { namespace: NS, labels: { x: 'y' } })], [[[0, 1, 2], true, NS]]],
    ['objects without a name (kustomize refuses them; Argo CD names generateName ones apart)', [obj('batch/v1', 'Job', { generateName: 'j-' }), obj('batch/v1', 'Job', { generateName: 'j-' })], []],
  ];

  it.each(table)('%s', (_name, render, expected) => {
    const found = collectLandingDuplicates(render, NS);
    expect(found.map((d) => [d.resources, d.differ, d.namespace])).toEqual(expected);
  });

  it('names the object as it lands', () => {
    expect(collectLandingDuplicates([cm({ a: 'b' }, placed), cm({ a: 'c' })], NS)).toEqual([{ resources: [0, 1], differ: true, kind: 'ConfigMap', namespace: NS, name: 'st2-urls' }]);
  });

  it('judges equal copies once, as the last (the one Argo CD applies), and differing copies all', () => {
    const equal = expandRender([cm({ a: 'b' }, placed), cm({ a: 'b' })], NS);
    expect(equal.manifests).toEqual([{}, cm({ a: 'b' })]);
    const differing = expandRender([cm({ a: 'b' }, placed), cm({ a: 'c' })], NS);
    expect(differing.manifests).toEqual([cm({ a: 'b' }, placed), cm({ a: 'c' })]);
    expect(differing.landing).toHaveLength(1);
  });

  it('leaves objects embedded in others out: Argo CD applies the render’s own', () => {
    // GIVEN a Crossplane Object carrying a ConfigMap of the render's name
    const carrier = obj('kubernetes.crossplane.io/v1alpha2', 'Object', { name: 'o' }, { forProvider: { manifest: cm({ a: 'c' }, placed) } });
    const expanded = expandRender([cm({ a: 'b' }, placed), carrier], NS);
    // THEN the embedded copy is judged (appended) but is no landing fact
    expect(expanded.manifests).toHaveLength(3);
    expect(expanded.landing).toEqual([]);
  });
});
