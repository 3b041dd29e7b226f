/**
 * Two questions about scope: what kustomize's namespace transformer skips (isClusterScoped, by the
 * exact apiVersion kyaml's built-in schema knows) and where the API server keeps an object
 * (landsClusterScoped, any served version).
 */
import { describe, expect, it } from 'vitest';
import { isClusterScoped, landsClusterScoped } from '../../src/core/resource-id.js';

describe('cluster scope', () => {
  it.each([
    ['', 'v1', 'Namespace', true, true],
    ['rbac.authorization.k8s.io', 'v1', 'ClusterRole', true, true],
    // kyaml knows FlowSchema at v1beta1 only: kustomize moves a v1 one into the overlay's namespace, the API server does not.
    ['flowcontrol.apiserver.k8s.io', 'v1', 'FlowSchema', false, true],
    ['admissionregistration.k8s.io', 'v1', 'ValidatingAdmissionPolicy', false, true],
    ['storage.k8s.io', 'v1beta2', 'StorageClass', false, true],
    ['apps', 'v1', 'Deployment', false, false],
    ['example.com', 'v1', 'ClusterRole', false, false],
  ] as const)('%s/%s %s: kustomize %s, API server %s', (group, version, kind, kustomize, served) => {
    expect(isClusterScoped(group, version, kind)).toBe(kustomize);
    expect(landsClusterScoped(group, version, kind)).toBe(served);
  });
});
