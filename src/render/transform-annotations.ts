/** `commonAnnotations`: metadata of every resource plus pod templates (not volumeClaimTemplates). */
import type { StringMap } from './kustomization.generated.js';
import type { FieldSpec } from './field-specs.js';
import type { EditSource } from './edits.js';
import type { Resource } from './resource.js';
import { setPairs } from './transform-labels.js';

const ANNOTATION_SPECS: readonly FieldSpec[] = [
  { path: 'metadata/annotations', create: true },
  { path: 'spec/template/metadata/annotations', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/template/metadata/annotations', create: true, kind: 'Deployment' },
  { path: 'spec/template/metadata/annotations', create: true, kind: 'ReplicaSet' },
  { path: 'spec/template/metadata/annotations', create: true, kind: 'DaemonSet' },
  { path: 'spec/template/metadata/annotations', create: true, kind: 'StatefulSet' },
  { path: 'spec/template/metadata/annotations', create: true, group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/metadata/annotations', create: true, group: 'batch', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/metadata/annotations', create: true, group: 'batch', kind: 'CronJob' },
];

export function applyCommonAnnotations(resources: readonly Resource[], pairs: StringMap, source: EditSource): void {
  setPairs(resources, pairs, ANNOTATION_SPECS, source);
}
