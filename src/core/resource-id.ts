/**
 * Resource identity the way kustomize computes it (group, version, kind,
 * name, effective namespace), and whether a kind is cluster-scoped.
 */
import { getObject, getString, groupVersionOf, kindOf, metadataOf, type Manifest } from './manifest.js';

/**
 * The types kustomize knows as cluster-scoped, by kind, with the exact
 * apiVersions: kyaml's precomputedIsNamespaceScoped (kyaml v0.18.1,
 * openapi/openapi.go, the types of its default built-in schema). kustomize
 * looks the type up by apiVersion and kind as written, and anything it does
 * not find is namespaced: custom resources, a newer version of a built-in
 * (flowcontrol v1, ValidatingAdmissionPolicy), a missing apiVersion.
 */
const CLUSTER_SCOPED: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  ([
    ['APIService', ['apiregistration.k8s.io/v1', 'apiregistration.k8s.io/v1beta1']],
    ['CSIDriver', ['storage.k8s.io/v1', 'storage.k8s.io/v1beta1']],
    ['CSINode', ['storage.k8s.io/v1', 'storage.k8s.io/v1beta1']],
    ['CertificateSigningRequest', ['certificates.k8s.io/v1', 'certificates.k8s.io/v1beta1']],
    ['ClusterRole', ['rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1']],
    ['ClusterRoleBinding', ['rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1']],
    ['ComponentStatus', ['v1']],
    ['CustomResourceDefinition', ['apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1beta1']],
    ['FlowSchema', ['flowcontrol.apiserver.k8s.io/v1beta1']],
    ['IngressClass', ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1']],
    ['MutatingWebhookConfiguration', ['admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1beta1']],
    ['Namespace', ['v1']],
    ['Node', ['v1']],
    ['NodeProxyOptions', ['v1']],
    ['PersistentVolume', ['v1']],
    ['PodSecurityPolicy', ['policy/v1beta1']],
    ['PriorityClass', ['scheduling.k8s.io/v1', 'scheduling.k8s.io/v1beta1']],
    ['PriorityLevelConfiguration', ['flowcontrol.apiserver.k8s.io/v1beta1']],
    ['RuntimeClass', ['node.k8s.io/v1', 'node.k8s.io/v1beta1']],
    ['StorageClass', ['storage.k8s.io/v1', 'storage.k8s.io/v1beta1']],
    ['ValidatingWebhookConfiguration', ['admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1beta1']],
    ['VolumeAttachment', ['storage.k8s.io/v1', 'storage.k8s.io/v1beta1']],
  ] as const).map(([kind, apiVersions]) => [kind, new Set<string>(apiVersions)]),
);

export function isClusterScoped(group: string, version: string, kind: string): boolean {
  const apiVersions = CLUSTER_SCOPED.get(kind);
  return apiVersions !== undefined && apiVersions.has(group === '' ? version : `${group}/${version}`);
}

/** Kinds the API server serves cluster-scoped that kyaml's list knows under other versions or not at all, by group/kind. */
const SERVED_CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'admissionregistration.k8s.io/MutatingAdmissionPolicy',
  'admissionregistration.k8s.io/MutatingAdmissionPolicyBinding',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);

/**
 * Whether the API server keeps this kind cluster-scoped, whatever version it is written at: where
 * an object lands, as opposed to isClusterScoped's question (what kustomize's namespace
 * transformer skips, by the exact apiVersion kyaml knows).
 */
export function landsClusterScoped(group: string, version: string, kind: string): boolean {
  return isClusterScoped(group, version, kind) || isClusterScoped(group, 'v1', kind) || isClusterScoped(group, 'v1beta1', kind) || SERVED_CLUSTER_SCOPED.has(`${group}/${kind}`);
}

export interface ResourceId {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  /** As written: '' when unset. */
  readonly namespace: string;
}

export function idOf(manifest: Manifest): ResourceId {
  const { group, version } = groupVersionOf(manifest);
  const metadata = metadataOf(manifest);
  return { group, version, kind: kindOf(manifest), name: getString(metadata, 'name') ?? '', namespace: getString(metadata, 'namespace') ?? '' };
}

/** kustomize's effective namespace: `default` for unset namespaced objects. */
export function effectiveNamespace(id: ResourceId): string {
  if (isClusterScoped(id.group, id.version, id.kind)) return '_non_namespaceable_';
  return id.namespace === '' ? 'default' : id.namespace;
}

/** The manifest fields a cluster key is made of: apiVersion, kind, metadata.name and metadata.namespace, where strings. */
export type ClusterKeyFields = readonly [string | undefined, string | undefined, string | undefined, string | undefined];

export function clusterKeyFieldsOf(manifest: Manifest): ClusterKeyFields {
  const metadata = getObject(manifest, 'metadata');
  return [getString(manifest, 'apiVersion'), getString(manifest, 'kind'), metadata && getString(metadata, 'name'), metadata && getString(metadata, 'namespace')];
}

/** Whether the manifest still holds these fields (compared without building a key). */
export function hasClusterKeyFields(manifest: Manifest, fields: ClusterKeyFields): boolean {
  const metadata = getObject(manifest, 'metadata');
  return (
    getString(manifest, 'apiVersion') === fields[0] &&
    getString(manifest, 'kind') === fields[1] &&
    (metadata && getString(metadata, 'name')) === fields[2] &&
    (metadata && getString(metadata, 'namespace')) === fields[3]
  );
}

/**
 * Group, kind, name and effective namespace (no version): two objects sharing
 * these would be one object in the cluster.
 */
export function clusterKey(fields: ClusterKeyFields): string {
  const [apiVersion = '', kind = '', name = '', namespace = ''] = fields;
  const slash = apiVersion.lastIndexOf('/');
  const group = apiVersion.slice(0, Math.max(slash, 0));
  const effective = isClusterScoped(group, apiVersion.slice(slash + 1), kind) ? '_non_namespaceable_' : namespace || 'default';
  return `${group}||${kind}|${name}|${effective}`;
}

/** A short human form: `Deployment st2-prod/st2api`. */
export function describeId(id: ResourceId): string {
  return id.namespace === '' ? `${id.kind} ${id.name}` : `${id.kind} ${id.namespace}/${id.name}`;
}
