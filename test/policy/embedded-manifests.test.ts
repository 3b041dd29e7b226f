/**
 * Manifests carried inside other objects (src/policy/embedded-manifests.ts,
 * expanded-render.ts): what a Crossplane Object or a Kyverno generate rule
 * creates, in the namespace it targets, and where a finding on it points.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectEmbedded, manifestsInText } from '../../src/policy/embedded-manifests.js';
import { expandRender, toCarrier } from '../../src/policy/expanded-render.js';

const service = (namespace?: string): Manifest => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', ...(namespace ? { namespace } : {}) }, spec: { type: 'LoadBalancer' } });
const object = (apiVersion: string, manifest: Manifest, namespace?: string): Manifest => ({ apiVersion, kind: 'Object', metadata: { name: 'o', ...(namespace ? { namespace } : {}) }, spec: { forProvider: { manifest } } });
const policy = (kind: string, generate: Manifest, namespace?: string): Manifest => ({ apiVersion: 'kyverno.io/v1', kind, metadata: { name: 'p', ...(namespace ? { namespace } : {}) }, spec: { rules: [{ name: 'r', generate }] } });

describe('embedded manifests', () => {
  it("reads a Crossplane Object's manifest, in its namespace when the Object is namespaced", () => {
    // GIVEN a cluster-scoped and a namespaced Object, each carrying a namespace-less Service
    const [plain] = collectEmbedded([object('kubernetes.crossplane.io/v1alpha2', service())]);
    const [scoped] = collectEmbedded([object('kubernetes.m.crossplane.io/v1alpha1', service(), 'st2-prod')]);
    // THEN the first lands where the render does (no namespace), the second in the Object's
    expect(plain?.manifest['kind']).toBe('Service');
    expect((plain?.manifest['metadata'] as Manifest)['namespace']).toBeUndefined();
    expect((scoped?.manifest['metadata'] as Manifest)['namespace']).toBe('st2-prod');
    // AND a finding inside points at the carrier's manifest field
    expect(plain?.locate(['spec', 'type'])).toEqual(['spec', 'forProvider', 'manifest', 'spec', 'type']);
  });

  it('builds the object a Kyverno generate rule makes from its data, and each foreach entry', () => {
    // GIVEN a generate rule with data and a foreach entry overriding the name
    const generate = { apiVersion: 'v1', kind: 'Service', name: 'a', namespace: 'st2-prod', data: { metadata: { labels: { x: 'y' } }, spec: { type: 'NodePort' } }, foreach: [{ list: 'x', name: 'b', data: { spec: { type: 'LoadBalancer' } } }] };
    const found = collectEmbedded([policy('ClusterPolicy', generate)]);
    // THEN both objects are read, named and placed as Kyverno would
    expect(found.map((e) => [(e.manifest['metadata'] as Manifest)['name'], (e.manifest['metadata'] as Manifest)['namespace'], (e.manifest['spec'] as Manifest)['type']])).toEqual([
      ['a', 'st2-prod', 'NodePort'],
      ['b', 'st2-prod', 'LoadBalancer'],
    ]);
    expect(found[0]?.locate(['spec', 'type'])).toEqual(['spec', 'rules', 0, 'generate', 'data', 'spec', 'type']);
    expect(found[0]?.locate(['metadata', 'name'])).toEqual(['spec', 'rules', 0, 'generate', 'name']);
    expect(found[1]?.locate(['spec', 'type'])).toEqual(['spec', 'rules', 0, 'generate', 'foreach', 0, 'data', 'spec', 'type']);
  });

  it('leaves a templated target namespace out, and a namespaced Policy generates into its own', () => {
    const templated = collectEmbedded([policy('ClusterPolicy', { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', namespace: '{{request.object.metadata.name}}', data: { data: { a: 'b' } } })]);
    const own = collectEmbedded([policy('Policy', { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', namespace: 'elsewhere', data: {} }, 'st2-dev')]);
    expect((templated[0]?.manifest['metadata'] as Manifest)['namespace']).toBeUndefined();
    expect((own[0]?.manifest['metadata'] as Manifest)['namespace']).toBe('st2-dev');
  });

  it('follows nesting (an Object carrying a Kyverno policy) to the outermost carrier', () => {
    const nested = object('kubernetes.crossplane.io/v1alpha2', policy('ClusterPolicy', { apiVersion: 'v1', kind: 'Service', name: 's', data: { spec: { type: 'NodePort' } } }));
    const found = collectEmbedded([{ kind: 'ConfigMap' }, nested]);
    expect(found.map((e) => [e.carrier, e.manifest['kind']])).toEqual([
      [1, 'ClusterPolicy'],
      [1, 'Service'],
    ]);
    expect(found[1]?.locate(['spec', 'type'])).toEqual(['spec', 'forProvider', 'manifest', 'spec', 'rules', 0, 'generate', 'data', 'spec', 'type']);
  });

  it('reads the Kubernetes objects of a manifest file, Lists included, and nothing from other text', () => {
    expect(manifestsInText('apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Service, metadata: {name: a}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n').map((m) => m['kind'])).toEqual(['Service', 'ConfigMap']);
    expect(manifestsInText('[api]\nallow_origin = *\n')).toEqual([]);
    expect(manifestsInText('kind: [unclosed')).toEqual([]);
  });

  it("moves a finding on an embedded object onto its carrier, once, and leaves the carrier's pod specs to it", () => {
    // GIVEN an Object carrying a Deployment
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'c', image: 'x' }] } } } };
    const expanded = expandRender([object('kubernetes.crossplane.io/v1alpha2', deployment)], 'st2-prod');
    // THEN the Deployment is judged as an object of its own, and the Object holds no pod spec any more
    expect(expanded.own).toBe(1);
    expect(expanded.manifests[1]?.['kind']).toBe('Deployment');
    expect(expanded.podUnits['0']).toBeUndefined();
    expect(expanded.specPaths.has(0)).toBe(false);
    // AND findings on it move to the Object, one per field
    const raw = [
      { rule: 'R', severity: 'deny' as const, resource: 1, path: ['spec', 'replicas'], params: {} },
      { rule: 'R', severity: 'deny' as const, resource: 0, path: ['spec', 'forProvider', 'manifest', 'spec', 'replicas'], params: {} },
    ];
    expect(toCarrier(expanded, raw)).toEqual([raw[1]]);
    expect(toCarrier(expanded, [raw[0]!])).toEqual([{ ...raw[0], resource: 0, path: ['spec', 'forProvider', 'manifest', 'spec', 'replicas'], params: { embedded: 'Deployment d' } }]);
  });
});
