/**
 * The text of a red-team case's kustomization: one project overlay wrapped under
 * the environment it declares, and JSON 6902 patches written as YAML. Written
 * once here so that every corpus file wraps prod, staging and dev the same way.
 */
import type { Wrapped } from './corpus.js';

const ENVIRONMENT: Record<Wrapped, string> = { prod: 'production', staging: 'staging', dev: 'dev' };

/** A kustomization named `name` wrapping one project overlay, `resources` after it, then `rest`. */
export function wrapOverlay(name: string, env: Wrapped, resources: readonly string[], rest: string): string {
  return [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'metadata:',
    `  name: ${name}`,
    '  annotations:',
    `    st2-gitops/environment: ${ENVIRONMENT[env]}`,
    'resources:',
    `  - ../../${env}`,
    ...resources.map((r) => `  - ${r}`),
    rest,
  ].join('\n');
}

/** A JSON 6902 patch of one target, its operations as YAML lines. */
export const patchText = (kind: string, name: string, ops: string): string =>
  `patches:\n  - target:\n      kind: ${kind}\n      name: ${name}\n    patch: |-\n${ops.replace(/^/gm, '      ').trimEnd()}\n`;

/** Kustomization lines giving image `name` the tag `tag` (quoted, so that a tag of digits stays a string). */
export const image = (name: string, tag: string): string[] => ['images:', `  - name: ${name}`, `    newTag: "${tag}"`];
