/**
 * Two objects of the render that land as one. A resource without
 * metadata.namespace lands in the destination namespace (trust.ts's
 * landingNamespace), where the render may already hold an object of that
 * group, kind and name: kustomize keeps both (their ids differ), Argo CD
 * would apply both to one object, the later overwriting the earlier, and the
 * gate would judge two objects where the cluster gets one. Bad input (exit
 * 2), with both places.
 */
import { RenderError } from '../core/errors.js';
import { describeId, idOf, isClusterScoped } from '../core/resource-id.js';
import type { RenderedResource } from '../render/index.js';
import type { SourceLocator } from './source-locations.js';

export function assertLandsOnce(resources: readonly RenderedResource[], namespace: string, locator: SourceLocator): void {
  const seen = new Map<string, RenderedResource>();
  for (const resource of resources) {
    const id = idOf(resource.manifest);
    const lands = isClusterScoped(id.group, id.version, id.kind) ? '' : id.namespace || namespace;
    const key = [id.group, id.kind, lands, id.name].join('\u0000');
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, resource);
      continue;
    }
    const earlier = locator.locate(first, ['metadata', 'name']);
    const later = locator.locate(resource, ['metadata', 'name']);
    const at = (l: typeof later): string => (l.line ? `${l.file}:${l.line}` : l.file);
    throw new RenderError(
      'duplicate-object',
      `${describeId({ ...id, namespace: lands })} is rendered twice (also at ${at(earlier)}): ${
        id.namespace === '' || idOf(first.manifest).namespace === '' ? `a resource without metadata.namespace lands in ${namespace}, where` : 'the two differ only in apiVersion, and'
      } Argo CD would apply both to one object; give it a namespace or a name of its own`,
      { file: later.file, ...(later.line ? { line: later.line } : {}) },
    );
  }
}
