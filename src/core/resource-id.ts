/**
 * Resource identity the way kustomize computes it (group, version, kind,
 * name, effective namespace), and whether a kind is cluster-scoped.
 */
import { getObject, getString, groupVersionOf, kindOf, metadataOf, type Manifest } from './manifest.js';

/**
 * Kinds kustomize's embedded OpenAPI schema knows as cluster-scoped, keyed
 * `group/Kind`. Anything else, custom resources included, is namespaced.
 */
const CLUSTER_SCOPED_NAMES = [
  '/ComponentStatus', '/Namespace', '/Node', '/PersistentVolume',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'authentication.k8s.io/TokenReview', 'authentication.k8s.io/SelfSubjectReview',
  'authorization.k8s.io/SelfSubjectAccessReview', 'authorization.k8s.io/SelfSubjectRulesReview',
  'authorization.k8s.io/SubjectAccessReview',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'networking.k8s.io/IngressClass', 'node.k8s.io/RuntimeClass', 'policy/PodSecurityPolicy',
  'extensions/PodSecurityPolicy',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'scheduling.k8s.io/PriorityClass',
  'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/StorageClass',
  'storage.k8s.io/VolumeAttachment',
];

/** The groups of each cluster-scoped kind: a lookup that builds no `group/Kind` string. */
const CLUSTER_SCOPED = new Map<string, Set<string>>();
for (const name of CLUSTER_SCOPED_NAMES) {
  const slash = name.indexOf('/');
  const kind = name.slice(slash + 1);
  const groups = CLUSTER_SCOPED.get(kind) ?? new Set<string>();
  groups.add(name.slice(0, slash));
  CLUSTER_SCOPED.set(kind, groups);
}

export function isClusterScoped(group: string, kind: string): boolean {
  return CLUSTER_SCOPED.get(kind)?.has(group) === true;
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
  if (isClusterScoped(id.group, id.kind)) return '_non_namespaceable_';
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
  const group = apiVersion.slice(0, Math.max(apiVersion.lastIndexOf('/'), 0));
  const effective = isClusterScoped(group, kind) ? '_non_namespaceable_' : namespace || 'default';
  return `${group}||${kind}|${name}|${effective}`;
}

/** A short human form: `Deployment st2-prod/st2api`. */
export function describeId(id: ResourceId): string {
  return id.namespace === '' ? `${id.kind} ${id.name}` : `${id.kind} ${id.namespace}/${id.name}`;
}
