/**
 * The shape most kept red-team files write their cases in: an id, a class, the
 * rule a denial must name (none: the change must pass) and a body of patches,
 * resources and raw kustomization lines over the wrapped overlay (prod unless
 * the body says otherwise).
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';

type Json = Record<string, unknown>;

export interface CaseBody {
  readonly wraps?: Wrapped;
  readonly patches?: readonly Patch[];
  readonly resources?: readonly Json[];
  readonly extra?: readonly string[];
}

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
  };
}
