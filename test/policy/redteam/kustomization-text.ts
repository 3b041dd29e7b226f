/**
 * The text of a red-team case's kustomization: one project overlay wrapped under
 * the environment it declares, and JSON 6902 patches written as YAML. Written
 * once here so that every corpus file wraps prod, staging and dev the same way.
 */
import { patchText, wrapperKustomization } from '../../support/kustomization-text.js';
import type { Wrapped } from './corpus.js';

const ENVIRONMENT: Record<Wrapped, string> = { prod: 'production', staging: 'staging', dev: 'dev' };

/** A kustomization named `name` wrapping one project overlay, `resources` after it, then `rest`. */
export function wrapOverlay(name: string, env: Wrapped, resources: readonly string[], rest: string): string {
  return wrapperKustomization(name, ENVIRONMENT[env], [`../../${env}`, ...resources], rest);
}

export { patchText };

/** Kustomization lines giving image `name` the tag `tag` (quoted, so that a tag of digits stays a string). */
export const image = (name: string, tag: string): string[] => ['images:', `  - name: ${name}`, `    newTag: "${tag}"`];
