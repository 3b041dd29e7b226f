/**
 * The only place outcomes become exit codes: 0 rendered/allowed, 1 policy
 * denial, 2 bad input or usage (including a missing or stale policy bundle),
 * 3 internal error.
 */
import { InternalError, isPipelineError } from '../core/errors.js';

export const EXIT_OK = 0;
export const EXIT_DENIED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 3;

export function exitCodeForError(error: unknown): number {
  if (error instanceof InternalError) return EXIT_INTERNAL;
  if (isPipelineError(error)) return EXIT_BAD_INPUT;
  return EXIT_INTERNAL;
}

/** One line for stderr: our errors carry their own action and fix; others are bugs. */
export function describeError(error: unknown): string {
  if (isPipelineError(error)) return `st2-gitops: ${error.message}`;
  const detail = error instanceof Error ? error.message : String(error);
  return `st2-gitops: internal error: ${detail}; please report it with the command you ran`;
}
