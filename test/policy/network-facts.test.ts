/**
 * ST2-OPS-034's and -035's facts (src/policy/network-facts.ts): the flows st2
 * needs, checked with networking.k8s.io/v1's semantics, and what CNI policies
 * say about DNS.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectNetworkFacts } from '../../src/policy/network-facts.js';
import { collectPodUnits } from '../../src/policy/pod-templates.js';
import { podInventory } from '../../src/policy/pod-inventory.js';

function workload(kind: string, name: string, image: string, ports: unknown[] = [], replicas = 1): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: 'st2-prod' },
    spec: { replicas, template: { metadata: { labels: { app: name, release: 'st2' } }, spec: { containers: [{ name, image, ports }] } } },
  };
}
const service = (name: string, port: number, targetPort: unknown = port): Manifest => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'st2-prod' }, spec: { selector: { app: name }, ports: [{ port, targetPort }] } });
const np = (name: string, spec: Record<string, unknown>): Manifest => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'st2-prod' }, spec });
const kubeDns = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } };

const base: Manifest[] = [
  workload('Deployment', 'st2api', 'stackstorm/st2api:3.8.1', [{ name: 'http', containerPort: 9101 }], 3),
  workload('Deployment', 'st2web', 'stackstorm/st2web:3.8.1', [{ name: 'https', containerPort: 443 }], 3),
  workload('StatefulSet', 'mongodb', 'mongo:4.4.29', [{ name: 'mongodb', containerPort: 27017 }], 3),
  service('st2api', 9101, 'http'),
  service('mongodb', 27017),
];

function cuts(extra: Manifest[]): string[] {
  const manifests = [...base, ...extra];
  const { units, specPaths } = collectPodUnits(manifests);
  return collectNetworkFacts(manifests, podInventory(manifests, specPaths, units, 'st2-prod'), 'st2-prod').network_cuts.map((c) => `${c.direction} ${c.from} -> ${c.to} ${c.port}/${c.protocol}`);
}

describe('NetworkPolicy flows', () => {
  it('finds nothing without policies, and every needed flow under a default deny', () => {
    expect(cuts([])).toEqual([]);
    expect(cuts([np('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })])).toEqual(
      expect.arrayContaining(['egress Deployment/st2api -> kube-system/kube-dns 53/UDP', 'ingress Deployment/st2api -> StatefulSet/mongodb 27017/TCP', 'ingress StatefulSet/mongodb -> StatefulSet/mongodb 27017/TCP', 'ingress Deployment/st2web -> Deployment/st2api 9101/TCP']),
    );
  });

  it('lets allow rules restore the flows: DNS by namespace and pod, same namespace, named ports', () => {
    const allows = [
      np('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      np('dns', { podSelector: {}, egress: [{ to: [kubeDns], ports: [{ protocol: 'UDP', port: 53 }] }] }),
      np('intra', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { release: 'st2' } } }], ports: [{ port: 'http' }, { port: 27017 }] }], egress: [{ to: [{ podSelector: {} }] }] }),
    ];
    expect(cuts(allows)).toEqual([]);
    // TCP 53 only: no UDP lookups.
    expect(cuts([allows[0]!, allows[2]!, np('dns', { podSelector: {}, egress: [{ to: [kubeDns], ports: [{ protocol: 'TCP', port: 53 }] }] })])).toContain('egress Deployment/st2api -> kube-system/kube-dns 53/UDP');
  });

  it('reads policyTypes: an egress-only policy leaves ingress open; a policy with egress rules isolates egress by default', () => {
    expect(cuts([np('e', { podSelector: { matchLabels: { app: 'st2web' } }, egress: [{ to: [kubeDns], ports: [{ protocol: 'UDP', port: 53 }] }] })])).toEqual(['egress Deployment/st2web -> Deployment/st2api 9101/TCP']);
  });

  it('admits the ingress controller only through a selector that can pick another namespace', () => {
    const ing: Manifest = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'st2web', namespace: 'st2-prod' }, spec: { rules: [{ http: { paths: [{ backend: { service: { name: 'st2web', port: { number: 443 } } } }] } }] } };
    const web = service('st2web', 443, 'https');
    const closed = np('web', { podSelector: { matchLabels: { app: 'st2web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] });
    const open = np('web', { podSelector: { matchLabels: { app: 'st2web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }] }] });
    expect(cuts([ing, web, closed])).toEqual(['ingress the ingress controller -> Deployment/st2web 443/TCP']);
    expect(cuts([ing, web, open])).toEqual([]);
  });
});

describe('CNI policies', () => {
  const cnp = (spec: Record<string, unknown>): Manifest => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'c', namespace: 'st2-prod' }, spec });
  const cni = (extra: Manifest[]): Array<{ egress: boolean; dns: boolean; selects: number }> => {
    const manifests = [...base, ...extra];
    const { units, specPaths } = collectPodUnits(manifests);
    return collectNetworkFacts(manifests, podInventory(manifests, specPaths, units, 'st2-prod'), 'st2-prod').cni_policies.map(({ egress, dns, selects }) => ({ egress, dns, selects }));
  };
  it('tells a Cilium egress policy with a DNS rule from one without', () => {
    expect(cni([cnp({ endpointSelector: {}, egress: [{ toEndpoints: [{}] }, { toFQDNs: [{ matchName: 'github.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] })])).toEqual([{ egress: true, dns: false, selects: 3 }]);
    expect(cni([cnp({ endpointSelector: {}, egress: [{ toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }] }] })])).toEqual([{ egress: true, dns: true, selects: 3 }]);
    expect(cni([cnp({ endpointSelector: { matchLabels: { app: 'prometheus' } }, egress: [] })])).toEqual([]);
  });
});
