/**
 * `labels` and `commonLabels`: metadata labels everywhere, plus pod templates
 * and selectors where asked (kustomize's commonLabels field specs).
 */
import type { LabelEntry, StringMap } from './kustomization.generated.js';
import { FieldSpecScalarError, FieldSpecSet, type FieldSpec, type FieldSpecVisitor } from './field-specs.js';
import { RenderError } from '../core/errors.js';
import { describeId, idOf } from '../core/resource-id.js';
import { pointerSegment, type FieldEdit, type Resource } from './resource.js';
import { EditRecorder, type EditSource } from './edits.js';
import type { JsonObject } from '../core/manifest.js';
import { SharedValues } from './shared-values.js';

const METADATA: readonly FieldSpec[] = [{ path: 'metadata/labels', create: true }];

const TEMPLATES: readonly FieldSpec[] = [
  { path: 'spec/template/metadata/labels', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'Deployment' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'DaemonSet' },
  { path: 'spec/template/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/volumeClaimTemplates[]/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/template/metadata/labels', create: true, group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
];

const AFFINITY_PATHS = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

const SELECTORS: readonly FieldSpec[] = [
  { path: 'spec/selector', create: true, version: 'v1', kind: 'Service' },
  { path: 'spec/selector', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'Deployment' },
  ...AFFINITY_PATHS.map((path) => ({ path, create: false, group: 'apps', kind: 'Deployment' })),
  { path: 'spec/selector/matchLabels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'DaemonSet' },
  { path: 'spec/selector/matchLabels', create: true, group: 'apps', kind: 'StatefulSet' },
  ...AFFINITY_PATHS.map((path) => ({ path, create: false, group: 'apps', kind: 'StatefulSet' })),
  { path: 'spec/selector/matchLabels', create: false, group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/spec/selector/matchLabels', create: false, group: 'batch', kind: 'CronJob' },
  { path: 'spec/selector/matchLabels', create: false, group: 'policy', kind: 'PodDisruptionBudget' },
  { path: 'spec/podSelector/matchLabels', create: false, group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/ingress/from/podSelector/matchLabels', create: false, group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/egress/to/podSelector/matchLabels', create: false, group: 'networking.k8s.io', kind: 'NetworkPolicy' },
];

/** commonLabels: metadata, templates and selectors (kustomize's full field-spec set). */
export const COMMON_LABEL_SPECS: readonly FieldSpec[] = [...SELECTORS, ...METADATA, ...TEMPLATES];

export function applyLabelEntry(resources: readonly Resource[], entry: LabelEntry, source: EditSource): void {
  const specs: FieldSpec[] = [...METADATA];
  if (entry.includeTemplates === true || entry.includeSelectors === true) specs.push(...TEMPLATES);
  if (entry.includeSelectors === true) specs.push(...SELECTORS);
  setPairs(resources, entry.pairs, specs, source);
}

export function applyCommonLabels(resources: readonly Resource[], pairs: StringMap, source: EditSource): void {
  setPairs(resources, pairs, COMMON_LABEL_SPECS, source);
}

/** Writes string pairs into every mapping the specs reach. */
export function setPairs(resources: readonly Resource[], pairs: StringMap, specs: readonly FieldSpec[], source: EditSource): void {
  const entries = Object.entries(pairs).filter((e): e is [string, string] => typeof e[1] === 'string');
  if (entries.length === 0) return;
  const recorder = new EditRecorder(source);
  // The edits of all pairs under one target pointer, made the first time a resource has that target.
  const editsByTarget = new Map<string, readonly FieldEdit[]>();
  // One node per key and resource, shared by every place the key was created in.
  let createdFor: Resource | undefined;
  let created: Array<Set<{ readonly obj: JsonObject; readonly key: string }>> = [];
  const writePairs: FieldSpecVisitor<Resource> = (target, pointer, resource) => {
    if (createdFor !== resource) {
      createdFor = resource;
      created = entries.map(() => new Set());
    }
    const shared = (resource.sharedValues ??= new SharedValues());
    let edits = editsByTarget.get(pointer);
    if (edits === undefined) {
      edits = entries.map(([key]) => recorder.editAt(`${pointer}/${pointerSegment(key)}`));
      editsByTarget.set(pointer, edits);
    }
    for (let i = 0; i < entries.length; i++) {
      const [key, value] = entries[i] as [string, string];
      shared.write(target, key, value, created[i] as Set<{ readonly obj: JsonObject; readonly key: string }>);
      resource.edits.push(edits[i] as FieldEdit);
    }
  };
  const specSet = new FieldSpecSet(specs);
  for (const resource of resources) {
    try {
      specSet.forEachTarget(resource.manifest, writePairs, resource);
    } catch (error) {
      if (!(error instanceof FieldSpecScalarError)) throw error;
      throw new RenderError('field-spec-scalar', `${source.by}: considering field '${error.path}' of ${describeId(idOf(resource.manifest))}: expected sequence or mapping node`, { file: resource.file }, { cause: error });
    }
  }
}
