/**
 * What `check --base` reports beyond the rendered diff, as findings of their
 * own (the trust model, README): a change that makes an overlay judged less
 * strictly than at the base, and any change to what judges (policies/: the
 * Rego, the policy data, the compiled bundle). Both deny: they are reviewed
 * and merged deliberately, on their own, by whoever owns the policies; the
 * Argo CD plugin judges with its image's bundle whatever the repository says.
 */
import { createHash } from 'node:crypto';
import type { FileReader } from '../repository/index.js';
import { isLooser, type Finding, type Profile } from '../policy/index.js';

export const ENVIRONMENT_RULE = 'ST2-TRUST-001';
export const POLICY_RULE = 'ST2-TRUST-002';

/** Every judged file under policies/ except Rego tests, by content. */
function policyFiles(fs: FileReader, dir = 'policies', out = new Map<string, string>()): Map<string, string> {
  if (fs.kind(dir) !== 'directory') return out;
  for (const name of fs.list(dir)) {
    const path = `${dir}/${name}`;
    const kind = fs.kind(path);
    if (kind === 'directory') policyFiles(fs, path, out);
    else if (kind === 'file' && !name.endsWith('_test.rego')) out.set(path, createHash('sha256').update(fs.readBytes(path)).digest('hex'));
  }
  return out;
}

/** Paths under policies/ added, removed or changed between base and head, sorted. */
export function changedPolicyFiles(base: FileReader, head: FileReader): string[] {
  const before = policyFiles(base);
  const after = policyFiles(head);
  const changed = new Set<string>();
  for (const [path, content] of after) if (before.get(path) !== content) changed.add(path);
  for (const path of before.keys()) if (!after.has(path)) changed.add(path);
  return [...changed].sort();
}

function renderWide(rule: string, title: string, message: string, remediation: string, file: string): Finding {
  return { rule, severity: 'deny', title, message, remediation, resource: undefined, field: '', location: { file, line: undefined }, waived: undefined };
}

export function weakenedEnvironment(base: Profile, head: Profile, kustomizationFile: string): Finding | undefined {
  if (!isLooser(head, base)) return undefined;
  const title = 'Overlay judged less strictly than at the base';
  return renderWide(
    ENVIRONMENT_RULE,
    title,
    `${title} (base=${base}, head=${head})`,
    'An overlay may tighten its environment, never loosen it: restore the stricter st2-gitops/environment (the Argo CD Application and the bundle namespace map still bind in the cluster).',
    kustomizationFile,
  );
}

export function policyChanged(paths: readonly string[]): Finding | undefined {
  if (paths.length === 0) return undefined;
  const title = 'Policies or policy data changed';
  const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? ` and ${paths.length - 5} more` : '');
  return renderWide(
    POLICY_RULE,
    title,
    `${title} (files=${shown})`,
    'A change to what judges is reviewed and merged on its own by the policy owners, never together with what it judges; the Argo CD plugin keeps judging with its image bundle until the image is rebuilt.',
    paths[0] ?? 'policies',
  );
}
