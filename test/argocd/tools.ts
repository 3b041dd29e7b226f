/**
 * The real Argo CD pieces the argocd suites drive, as the project's scripts install them:
 * scripts/install-argocd.sh (Argo CD v3.2.6's cmp-server, repo-server and
 * application-controller, our argocd-generate driver, kustomize v5.7.0). Locally a
 * missing tool skips the suite; under CI=true it fails it (as the chromium test does).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/render.js';

export const TOOLS_BIN = path.join(repoRoot, '.tools/bin');
export const ARGOCD_TOOLS = ['argocd-cmp-server', 'argocd-generate', 'kustomize'] as const;
/** The launcher argocd-cmp-server runs as `st2-gitops` (what the sidecar image puts on PATH). */
export const LAUNCHER = path.join(repoRoot, 'dist/st2-gitops');

export function toolPath(name: string): string {
  return path.join(TOOLS_BIN, name);
}

export function missingTools(names: readonly string[]): readonly string[] {
  return names.filter((n) => !existsSync(toolPath(n)));
}

/** True when the suite should skip: tools absent and not in CI. In CI, absence fails in beforeAll. */
export function skipWithout(names: readonly string[]): boolean {
  return missingTools(names).length > 0 && process.env['CI'] !== 'true';
}

/** Throws naming the install script when a tool is absent (CI runs the suite regardless). */
export function requireTools(names: readonly string[], script: string): void {
  const missing = missingTools(names);
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')} in .tools/bin; run bash ${script}`);
}
