/**
 * The repo-server settings deploy/argocd ships, read from the files a user applies, so the
 * suites and bench/argocd-generate.mjs run Argo CD as configured there.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../support/render.js';

export const CMD_PARAMS_PATCH = 'deploy/argocd/argocd-cmd-params-cm-patch.yaml';

/** reposerver.plugin.tar.exclusions (ARGOCD_REPO_SERVER_PLUGIN_TAR_EXCLUSIONS), split on ';'. */
export function shippedTarExclusions(root = repoRoot): string[] {
  const file = path.join(root, CMD_PARAMS_PATCH);
  if (!existsSync(file)) return [];
  // An RFC 6902 patch: [{op: add, path: /data, value: {<key>: <globs>}}].
  const ops: unknown = parse(readFileSync(file, 'utf8'));
  const data = Array.isArray(ops) ? (ops as { path?: unknown; value?: unknown }[]).find((op) => op.path === '/data')?.value : undefined;
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['reposerver.plugin.tar.exclusions'] : undefined;
  return typeof value === 'string' ? value.split(';').map((s) => s.trim()).filter((s) => s !== '') : [];
}
