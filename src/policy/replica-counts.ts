/**
 * Replica counts must be whole numbers: a workload's spec.replicas (any
 * object with a pod template) and a scaler's minimum and maximum. "2", 2.5
 * or -1 are bad input, refused before judging (exit 2), naming the file and
 * line, rather than guessed at by the policies.
 */
import { RenderError } from '../core/errors.js';
import { isJsonObject } from '../core/manifest.js';
import type { RenderedResource } from '../render/index.js';
import type { BadCount } from './pod-templates.js';
import type { SourceLocator } from './source-locations.js';

const SCALER_FIELDS = ['minReplicas', 'maxReplicas', 'minReplicaCount', 'maxReplicaCount', 'idleReplicaCount'];

function isCount(value: unknown): boolean {
  if (typeof value === 'bigint') return value >= 0n;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function hasPodTemplate(manifest: Record<string, unknown>, spec: Record<string, unknown>): boolean {
  const template = spec['template'];
  if (isJsonObject(template) && isJsonObject(template['spec'])) return true;
  return manifest['kind'] === 'Pod';
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

export function assertCounts(resources: readonly RenderedResource[], locator: SourceLocator): void {
  for (const resource of resources) {
    const spec = resource.manifest['spec'];
    if (!isJsonObject(spec)) continue;
    const fields: string[] = [];
    if ('replicas' in spec && hasPodTemplate(resource.manifest, spec)) fields.push('replicas');
    if (isJsonObject(spec['scaleTargetRef'])) fields.push(...SCALER_FIELDS.filter((f) => f in spec));
    for (const field of fields) {
      if (isCount(spec[field])) continue;
      const where = locator.locate(resource, ['spec', field]);
      throw new RenderError(
        'bad-replica-count',
        `spec.${field} of ${String(resource.manifest['kind'])} must be a whole number of replicas (0 or more), not ${describe(spec[field])}`,
        { file: where.file, ...(where.line ? { line: where.line } : {}) },
      );
    }
  }
}

/** A count above a pod spec anywhere in a resource (a Volcano task's replicas, a PyTorchJob group's) that is not a whole number. */
export function assertUnitCounts(resources: readonly RenderedResource[], bad: readonly BadCount[], locator: SourceLocator): void {
  const [first] = bad;
  if (first === undefined) return;
  const resource = resources[first.index];
  if (resource === undefined) return;
  const where = locator.locate(resource, first.path);
  throw new RenderError(
    'bad-replica-count',
    `${first.path.map(String).join('.')} of ${String(resource.manifest['kind'])} must be a whole number of replicas (0 or more), not ${describe(first.value)}`,
    { file: where.file, ...(where.line ? { line: where.line } : {}) },
  );
}
