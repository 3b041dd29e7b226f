/**
 * Kustomization texts of throw-away overlays that wrap another overlay: the red-team
 * corpus (policy/redteam/kustomization-text.ts) and the plugin and server suites
 * write theirs here, so that every wrapper reads the same way.
 */

/** A kustomization named `name` declaring `environment`, listing `resources`, then `rest` as written. */
export function wrapperKustomization(name: string, environment: string, resources: readonly string[], rest: string): string {
  return [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'metadata:',
    `  name: ${name}`,
    '  annotations:',
    `    st2-gitops/environment: ${environment}`,
    'resources:',
    ...resources.map((r) => `  - ${r}`),
    rest,
  ].join('\n');
}

/** A JSON 6902 patch of one target, its operations as YAML lines. */
export const patchText = (kind: string, name: string, ops: string): string =>
  `patches:\n  - target:\n      kind: ${kind}\n      name: ${name}\n    patch: |-\n${ops.replace(/^/gm, '      ').trimEnd()}\n`;
