/**
 * The shape most kept red-team files write their cases in: an id, a class, the
 * rule a denial must name (none: the change must pass) and a body of patches,
 * resources and raw kustomization lines over the wrapped overlay (prod unless
 * the body says otherwise), or a whole overlay directory (files).
 */
import type { RedTeamCase } from './corpus.js';

export type CaseBody = Partial<Pick<RedTeamCase, 'wraps' | 'patches' | 'resources' | 'extra' | 'files'>>;

export function bodyCase(id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): RedTeamCase {
  return {
    id,
    cls,
    wraps: body.wraps ?? 'prod',
    expect: rule === undefined ? 'allow' : 'deny',
    ...(rule ? { rule } : {}),
    ...(body.patches ? { patches: body.patches } : {}),
    ...(body.resources ? { resources: body.resources } : {}),
    ...(body.extra ? { extra: body.extra } : {}),
    ...(body.files ? { files: body.files } : {}),
  };
}
