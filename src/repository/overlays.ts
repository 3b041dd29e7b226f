/**
 * Discovery, declared environments and the overlay list, over a FileReader
 * rooted at the directory being looked at (every read confined and capped). A directory is ours when either
 *   - its kustomization file carries the `st2-gitops/environment` annotation
 *     (an overlay of this project: overlays/dev, overlays/prod…), or
 *   - it is the root of a repo shaped like this one: `overlays/` and the
 *     compiled policy bundle `policies/bundle/` side by side.
 * base/, components/*, plain kustomize directories and Helm charts do not
 * match, so the plugin never hijacks other Applications (discovery runs before
 * Argo CD's own Helm/Kustomize detection; ../shared/reference/argocd.md §5.2).
 */
import { isJsonObject } from '../core/manifest.js';
import { parseYamlFile, readYamlFile } from '../core/yaml-read.js';
import type { FileReader } from '../io/file-system.js';
import { ENVIRONMENT_ANNOTATION } from '../render/index.js';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

function join(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}

/** The environment a directory's kustomization declares, if it declares one. */
export function declaredEnvironment(fs: FileReader, dir: string): string | undefined {
  for (const name of KUSTOMIZATION_NAMES) {
    const file = join(dir, name);
    if (fs.kind(file) !== 'file') continue;
    try {
      const docs = parseYamlFile(file, readYamlFile(fs, file), { flavor: 'patch' }).documents;
      const value = docs[0]?.value;
      const metadata = isJsonObject(value) ? value['metadata'] : undefined;
      const annotations = isJsonObject(metadata) ? metadata['annotations'] : undefined;
      const env = isJsonObject(annotations) ? annotations[ENVIRONMENT_ANNOTATION] : undefined;
      return typeof env === 'string' && env !== '' ? env : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function isRepoRoot(fs: FileReader, dir: string): boolean {
  return fs.kind(join(dir, 'overlays')) === 'directory' && fs.kind(join(dir, 'policies/bundle')) === 'directory';
}

/** True when the plugin should serve an Application whose path is `dir`. */
export function matchesPluginDirectory(fs: FileReader, dir: string): boolean {
  return declaredEnvironment(fs, dir) !== undefined || isRepoRoot(fs, dir);
}

export interface OverlayEntry {
  /** Repo-relative path, e.g. `overlays/prod`. */
  readonly path: string;
  readonly environment: string;
}

/** The overlays under `<root>/overlays/` that declare an environment, sorted by path. */
export function listOverlays(fs: FileReader, root = '.'): readonly OverlayEntry[] {
  const dir = join(root, 'overlays');
  if (fs.kind(dir) !== 'directory') return [];
  const out: OverlayEntry[] = [];
  for (const name of fs.list(dir)) {
    const path = join(dir, name);
    // A symlink leaving the repository throws PathEscapeError (exit 2, HTTP 422): never skipped silently.
    if (fs.kind(path) !== 'directory') continue;
    const environment = declaredEnvironment(fs, path);
    if (environment !== undefined) out.push({ path, environment });
  }
  return out;
}
