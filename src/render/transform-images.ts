/**
 * `images`: rewrites container images whose name matches. Like kustomize it
 * walks the whole object for `containers` and `initContainers` lists, so
 * CronJobs and custom resources are covered; CRDs are skipped.
 */
import { RenderError } from '../core/errors.js';
import { isJsonObject, kindOf, type JsonObject } from '../core/manifest.js';
import { describeId, idOf } from '../core/resource-id.js';
import { meetsScalar } from './field-specs.js';
import type { ImageEntry } from './kustomization.generated.js';
import { EditRecorder, type EditSource } from './edits.js';
import { isPlainPattern } from './patch-target.js';
import { toPointer, type Resource } from './resource.js';

/** Splits `host:port/name:tag@digest` the way kustomize's image.Split does. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let slash = image.indexOf('/');
  const search = slash > 0 ? image.slice(slash) : image;
  if (slash <= 0) slash = 0;
  let at = search.indexOf('@');
  let colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) {
    at += slash;
    return { name: image.slice(0, at), tag: '', digest: image.slice(at + 1) };
  }
  if (at >= 0 && colon >= 0) {
    at += slash;
    colon += slash;
    return { name: image.slice(0, colon), tag: image.slice(colon + 1, at), digest: image.slice(at + 1) };
  }
  colon += slash;
  return { name: image.slice(0, colon), tag: image.slice(colon + 1), digest: '' };
}

/** The new image string for one entry, or undefined when the entry does not match. */
export function rewriteImage(image: string, entry: ImageEntry, matcher: RegExp): string | undefined {
  if (!matcher.test(image)) return undefined;
  let { name, tag, digest } = splitImage(image);
  if (entry.newName) name = entry.newName;
  if (entry.newTag && entry.digest) {
    tag = entry.newTag;
    digest = entry.digest;
  } else if (entry.newTag) {
    tag = entry.newTag;
    digest = '';
  } else if (entry.digest) {
    tag = '';
    digest = entry.digest;
  }
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

export function compileImageMatcher(entry: ImageEntry): RegExp {
  // The name is a regular expression on purpose (kustomize does not escape it).
  return new RegExp(`^${entry.name}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`);
}

/** One `images` entry ready to apply. */
interface ImageRewrite {
  readonly entry: ImageEntry;
  readonly matcher: RegExp;
  /** The name when it is a plain string: an image not starting with it cannot match. */
  readonly plainName: string | undefined;
  readonly recorder: EditRecorder;
}

/** Applies every `images` entry of one kustomization, walking each resource once. */
export function applyImageEntries(resources: readonly Resource[], entries: readonly ImageEntry[], sourceOf: (entry: ImageEntry) => EditSource): void {
  if (entries.length === 0) return;
  const walk = new ContainerWalk(
    entries.map((entry): ImageRewrite => ({
      entry,
      matcher: compileImageMatcher(entry),
      plainName: isPlainPattern(entry.name) ? entry.name : undefined,
      recorder: new EditRecorder(sourceOf(entry)),
    })),
  );
  for (const resource of resources) {
    // The field-spec pass after the legacy walk fails on a scalar along its paths.
    const bad = IMAGE_SPEC_PATHS.find((path) => meetsScalar(resource.manifest, path));
    if (bad !== undefined) {
      throw new RenderError('field-spec-scalar', `images: considering field '${bad.join('/')}' of ${describeId(idOf(resource.manifest))}: expected sequence or mapping node`, { file: resource.file });
    }
    if (kindOf(resource.manifest) !== 'CustomResourceDefinition') walk.visit(resource.manifest, 0, resource);
  }
}

const IMAGE_SPEC_PATHS: ReadonlyArray<readonly string[]> = [
  ['spec', 'containers[]', 'image'],
  ['spec', 'initContainers[]', 'image'],
  ['spec', 'template', 'spec', 'containers[]', 'image'],
  ['spec', 'template', 'spec', 'initContainers[]', 'image'],
];

/**
 * A depth-first walk that keeps the keys to the current node in `path[0..depth)`,
 * overwritten in place (cheaper than pushing and popping); each `containers`
 * or `initContainers` list is rewritten before the walk goes into it.
 */
class ContainerWalk {
  private readonly path: Array<string | number> = [];

  constructor(private readonly rewrites: readonly ImageRewrite[]) {}

  visit(node: unknown, depth: number, resource: Resource): void {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (item === null || typeof item !== 'object') continue;
        this.path[depth] = i;
        this.visit(item, depth + 1, resource);
      }
      return;
    }
    if (!isJsonObject(node)) return;
    for (const key in node) {
      const value = node[key];
      if (value === null || typeof value !== 'object') continue;
      this.path[depth] = key;
      if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const container: unknown = value[i];
          if (isJsonObject(container)) this.rewrite(container, depth + 1, i, resource);
        }
      }
      this.visit(value, depth + 1, resource);
    }
  }

  /** Entries apply in order, each to the image the previous one left. */
  private rewrite(container: JsonObject, listDepth: number, index: number, resource: Resource): void {
    let pointer: string | undefined;
    const current = container['image'];
    // kustomize's updater checks the node kind before matching: a mapping or list there fails the build.
    if (current !== null && typeof current === 'object') {
      const kind = Array.isArray(current) ? 'SequenceNode' : 'MappingNode';
      const at = `${toPointer(this.path.slice(0, listDepth))}/${index}/image`;
      throw new RenderError('image-not-scalar', `images: ${at} of ${describeId(idOf(resource.manifest))}: wrong node kind: expected ScalarNode but got ${kind}`, { file: resource.file });
    }
    for (const { entry, matcher, plainName, recorder } of this.rewrites) {
      const image = container['image'];
      if (typeof image !== 'string') return;
      if (plainName !== undefined && !image.startsWith(plainName)) continue;
      const next = rewriteImage(image, entry, matcher);
      if (next === undefined) continue;
      container['image'] = next;
      pointer ??= `${toPointer(this.path.slice(0, listDepth))}/${index}/image`;
      recorder.record(resource, pointer);
    }
  }
}
