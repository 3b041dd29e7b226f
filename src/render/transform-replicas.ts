/** `replicas`: sets spec.replicas on the named Deployment, StatefulSet, ReplicaSet or ReplicationController. */
import { ensureObject, kindOf, nameOf } from '../core/manifest.js';
import type { ReplicaEntry } from './kustomization.generated.js';
import { EditRecorder, type EditSource } from './edits.js';
import type { Resource } from './resource.js';

const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** Scalable resources by current and original name, built once per kustomization. */
export function indexScalable(resources: readonly Resource[]): Map<string, Resource[]> {
  const byName = new Map<string, Resource[]>();
  const add = (name: string, resource: Resource): void => {
    const list = byName.get(name);
    if (list === undefined) byName.set(name, [resource]);
    else if (!list.includes(resource)) list.push(resource);
  };
  for (const resource of resources) {
    if (!SCALABLE.has(kindOf(resource.manifest))) continue;
    add(nameOf(resource.manifest), resource);
    add(resource.originalName, resource);
  }
  return byName;
}

/** Returns false when no scalable resource has that name (the caller reports it). */
export function applyReplicaEntry(byName: ReadonlyMap<string, readonly Resource[]>, entry: ReplicaEntry, source: EditSource): boolean {
  const matches = byName.get(entry.name) ?? [];
  const recorder = new EditRecorder(source);
  for (const resource of matches) {
    ensureObject(resource.manifest, 'spec')['replicas'] = entry.count;
    recorder.record(resource, '/spec/replicas');
  }
  return matches.length > 0;
}
