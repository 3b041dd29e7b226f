/**
 * kustomize leaves local configuration out of its output: at the very end of
 * the top-level build (after hash suffixes, name back-references and vars,
 * before sorting) it drops every resource whose
 * `config.kubernetes.io/local-config` annotation exists with any value but
 * exactly "false" ("true", "", "False", "0" and null all drop it).
 * Until then the resource takes part in the build like any other: patches,
 * replacements (as a source too) and id collisions see it, in a base and in
 * every overlay above it. (api/internal/target/kusttarget.go IgnoreLocal,
 * called only from makeCustomizedResMap; api/resource/factory.go
 * DropLocalNodes; api/konfig/general.go IgnoredByKustomizeAnnotation.)
 */
import { isJsonObject, type Manifest } from '../core/manifest.js';

export const LOCAL_CONFIG_ANNOTATION = 'config.kubernetes.io/local-config';

/** Whether kustomize drops `manifest`; its annotations must already be the strings kustomize reads (finishAnnotations). */
export function isLocalConfig(manifest: Manifest): boolean {
  const metadata = manifest['metadata'];
  if (!isJsonObject(metadata)) return false;
  const annotations = metadata['annotations'];
  if (!isJsonObject(annotations) || !Object.hasOwn(annotations, LOCAL_CONFIG_ANNOTATION)) return false;
  return annotations[LOCAL_CONFIG_ANNOTATION] !== 'false';
}
