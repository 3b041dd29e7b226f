/**
 * The words the readers of config files share: a file in a chain (its text,
 * absent, or unreadable), where a text is written in the render, a chain's last
 * word on an option; and the names they resolve: an image's repository (the st2
 * service images), an absolute path, a resource's namespace. What a container's
 * path holds is container-files.ts's; the render's texts are rendered-files.ts's.
 */
import { isJsonObject, type Manifest } from '../core/manifest.js';

/** A file in a chain: its text and where the text is written, or why it cannot be read. */
export type ConfigFile =
  | { readonly kind: 'text'; readonly text: string; readonly source?: TextSource; readonly template?: boolean }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unreadable'; readonly why: string };

/** A ConfigMap, Secret or ExternalSecret template value in the render: resource index and path. */
export interface TextSource {
  readonly resource: number;
  readonly path: ReadonlyArray<string | number>;
}

/**
 * The last word a chain of st2 config files has on one option, as the judges of a chain
 * read it (st2-chains.ts builds them): its value (undefined: unset), the file the gate cannot
 * read that may decide it instead, the file that wrote it, and where in the render that is.
 */
export interface ChainWord {
  readonly value: string | undefined;
  readonly unknown: string | undefined;
  readonly file: string;
  readonly source?: TextSource | undefined;
}

/** The st2 service images built by st2-dockerfiles (what their CMD starts, and their /etc/st2). */
export const ST2_SERVICE_IMAGES = new Set([
  'st2actionrunner', 'st2api', 'st2auth', 'st2garbagecollector', 'st2notifier', 'st2rulesengine',
  'st2scheduler', 'st2sensorcontainer', 'st2stream', 'st2timersengine', 'st2workflowengine',
]);

/** "registry:5000/org/st2api:3.8.1@sha256:..." -> "st2api" (as lib.image_repository). */
export function imageRepository(image: string): string {
  // By index, not split: called for every container by most collectors.
  const at = image.indexOf('@');
  const path = at < 0 ? image : image.slice(0, at);
  const last = path.slice(path.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return (colon < 0 ? last : last.slice(0, colon)).toLowerCase();
}

/** A path with `.`, `..` and repeated slashes resolved; undefined when it is not absolute. */
export function normalizePath(path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  // Most paths are already plain.
  if (!path.includes('//') && !path.includes('/.') && (path.length === 1 || !path.endsWith('/'))) return path;
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** The namespace a resource lands in: its own, or the render's. */
export function namespaceOf(r: Manifest, fallback: string): string {
  const meta = r['metadata'];
  const ns = isJsonObject(meta) ? meta['namespace'] : undefined;
  return typeof ns === 'string' && ns !== '' ? ns : fallback;
}
