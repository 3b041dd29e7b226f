/**
 * `namespace`: sets metadata.namespace on every namespaced resource (custom
 * kinds included), renames Namespace objects, and points `default`
 * ServiceAccount subjects of role bindings at the new namespace.
 */
import { ensureObject, getObject, isJsonObject, kindOf } from '../core/manifest.js';
import { groupVersionOf } from '../core/manifest.js';
import { isClusterScoped } from '../core/resource-id.js';
import { storePreviousId } from './build-annotations.js';
import { EditRecorder, type EditSource } from './edits.js';
import type { Resource } from './resource.js';

export function applyNamespace(resources: readonly Resource[], namespace: string, source: EditSource): void {
  const recorder = new EditRecorder(source);
  for (const resource of resources) {
    storePreviousId(resource);
    const manifest = resource.manifest;
    const kind = kindOf(manifest);
    const { group, version } = groupVersionOf(manifest);
    // kustomize renames only a `v1` Namespace; any other is an unknown, namespaced type.
    if (kind === 'Namespace' && group === '' && version === 'v1') {
      ensureObject(manifest, 'metadata')['name'] = namespace;
      recorder.record(resource, '/metadata/name');
    } else if (!isClusterScoped(group, version, kind)) {
      ensureObject(manifest, 'metadata')['namespace'] = namespace;
      recorder.record(resource, '/metadata/namespace');
    }
    if (kind === 'APIService') setNested(manifest, ['spec', 'service'], 'namespace', namespace);
    if (kind === 'CustomResourceDefinition') {
      setNested(manifest, ['spec', 'conversion', 'webhook', 'clientConfig', 'service'], 'namespace', namespace);
    }
    if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && Array.isArray(manifest['subjects'])) {
      for (const subject of manifest['subjects'] as unknown[]) {
        if (isJsonObject(subject) && subject['name'] === 'default') subject['namespace'] = namespace;
      }
    }
  }
}

/** Sets obj[...path][key] only when the whole path already exists. */
function setNested(obj: Record<string, unknown>, path: readonly string[], key: string, value: string): void {
  let node: Record<string, unknown> | undefined = obj;
  for (const segment of path) {
    node = node ? getObject(node, segment) : undefined;
  }
  if (node && Object.hasOwn(node, key)) node[key] = value;
}
