/** `replicas`: sets spec.replicas on the named Deployment, StatefulSet, ReplicaSet or ReplicationController. */
import { ensureObject, kindOf, nameOf } from '../core/manifest.js';
import type { ReplicaEntry } from './kustomization.generated.js';
import { EditRecorder, type EditSource } from './edits.js';
import type { Resource } from './resource.js';

const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/**
 * Scalable resources by current, original and previous name, built once per
 * kustomization. kustomize matches any id the resource has had, so a kind a
 * strategic-merge patch changed (allowKindChange) still counts by its old kind:
 * the entry is then valid, but its field spec (by current kind) sets nothing.
 */
export function indexScalable(resources: readonly Resource[]): Map<string, Resource[]> {
  const byName = new Map<string, Resource[]>();
  const add = (name: string, resource: Resource): void => {
    const list = byName.get(name);
    if (list === undefined) byName.set(name, [resource]);
    else if (!list.includes(resource)) list.push(resource);
  };
  for (const resource of resources) {
    if (SCALABLE.has(kindOf(resource.manifest))) {
      add(nameOf(resource.manifest), resource);
      add(resource.originalName, resource);
    }
    for (const id of resource.previousIds) if (SCALABLE.has(id.kind)) add(id.name, resource);
  }
  return byName;
}

/** Returns false when no scalable resource has that name (the caller reports it). */
export function applyReplicaEntry(byName: ReadonlyMap<string, readonly Resource[]>, entry: ReplicaEntry, source: EditSource): boolean {
  const matches = byName.get(entry.name) ?? [];
  const recorder = new EditRecorder(source);
  for (const resource of matches) {
    if (!SCALABLE.has(kindOf(resource.manifest))) continue;
    const spec = ensureObject(resource.manifest, 'spec');
    // kustomize sets the existing node's text (FieldSetter StringValue): a string there stays a string.
    spec['replicas'] = typeof spec['replicas'] === 'string' ? String(entry.count) : entry.count;
    recorder.record(resource, '/spec/replicas');
  }
  return matches.length > 0;
}
