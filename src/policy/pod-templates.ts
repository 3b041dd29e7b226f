/**
 * Workloads by shape, wherever their pod template sits: a KEDA ScaledJob's
 * spec.jobTargetRef.template, a custom resource's spec.podTemplate, an
 * operator's spec.<anything>.template. A pod spec is an object whose
 * `containers` is a list of objects naming an image; its template is the
 * object holding it under `spec`. The usual places (a Pod, spec.template,
 * spec.jobTemplate.spec.template) are read by the policies themselves; this
 * fact gives the others, by resource index, so no rule depends on a list of
 * kinds. Walking objects only (never strings) keeps it cheap.
 */
import { isJsonObject, type Manifest } from '../core/manifest.js';

/** Deeper than any pod template an operator nests (Crossplane: spec.deploymentTemplate.spec.template.spec). */
const MAX_DEPTH = 10;

type Path = Array<string | number>;

function isPodSpec(value: Record<string, unknown>): boolean {
  const containers = value['containers'];
  return Array.isArray(containers) && containers.length > 0 && containers.every((c) => isJsonObject(c) && typeof c['image'] === 'string');
}

function hasUsualTemplate(manifest: Manifest): boolean {
  if (manifest['kind'] === 'Pod') return true;
  const spec = manifest['spec'];
  if (!isJsonObject(spec)) return false;
  const template = spec['template'];
  if (isJsonObject(template) && isJsonObject(template['spec'])) return true;
  const job = spec['jobTemplate'];
  const jobSpec = isJsonObject(job) ? job['spec'] : undefined;
  const jobTemplate = isJsonObject(jobSpec) ? jobSpec['template'] : undefined;
  return isJsonObject(jobTemplate) && isJsonObject(jobTemplate['spec']);
}

/** Template paths of the pod specs found in one resource, shallowest first. */
function templatesOf(manifest: Manifest): Path[] {
  const found: Path[] = [];
  const path: Path = [];
  const walk = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (typeof item !== 'object' || item === null) return;
        path.push(i);
        walk(item, depth + 1);
        path.pop();
      });
      return;
    }
    if (!isJsonObject(value)) return;
    for (const key in value) {
      const child = value[key];
      if (typeof child !== 'object' || child === null) continue;
      if (key === 'spec' && isJsonObject(child) && isPodSpec(child) && path.length > 0) {
        found.push([...path]);
        continue;
      }
      path.push(key);
      walk(child, depth + 1);
      path.pop();
    }
  };
  walk(manifest['spec'], 1);
  return found.map((p) => ['spec', ...p]).sort((a, b) => a.length - b.length);
}

/** {resource index: [template path, ...]} for resources whose pod template is somewhere unusual. */
export function collectPodTemplates(resources: readonly Manifest[]): Record<string, Path[]> {
  const out: Record<string, Path[]> = {};
  resources.forEach((manifest, index) => {
    if (!isJsonObject(manifest['spec']) || hasUsualTemplate(manifest)) return;
    const found = templatesOf(manifest);
    if (found.length > 0) out[String(index)] = found;
  });
  return out;
}
