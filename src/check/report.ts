/**
 * The outcome of `st2-gitops check` as data: one entry per overlay, the
 * optional comparison with a base ref, and the rules the findings refer to.
 * Every formatter reads this and nothing else; the exit code is derived from
 * it in one place ({@link checkExitCode}).
 */
import { EXIT_DENIED, EXIT_OK } from '../core/exit-codes.js';
import type { Finding, PolicyEngine, Profile } from '../policy/index.js';
import type { OverlayDiff } from './diff.js';

/** A rule as the bundle describes it (title, remediation, default_severity, profiles). */
type RuleInfo = PolicyEngine['rules'][string];

/** A policy rule as the formatters describe it (SARIF `rules`, JUnit test cases). */
export interface CheckRule extends RuleInfo {
  readonly id: string;
}

/** Why an overlay could not be judged: a render or input problem, never a denial. */
export interface OverlayError {
  /** The PipelineError code (`kustomization-missing`, `yaml-syntax`…), or `internal`. */
  readonly code: string;
  /** One line, as stderr shows it. */
  readonly message: string;
  /** The exit code this error maps to (cli/exit-codes.ts): 2 bad input, 3 internal. */
  readonly exitCode: number;
}

interface OverlayBase {
  /** Repo-relative overlay directory, e.g. `overlays/prod`. */
  readonly overlay: string;
  /** The overlay's kustomization file: where render-wide results are anchored. */
  readonly kustomizationFile: string;
  /** Present with `--base`: what the change does to this overlay. */
  readonly diff: OverlayDiff | undefined;
}

/** An overlay that rendered and was judged. */
export interface CheckedOverlay extends OverlayBase {
  readonly status: 'allowed' | 'denied';
  readonly environment: string | undefined;
  readonly profile: Profile;
  /** Sorted as the policy gate sorts them: deny first, then rule, resource, field. */
  readonly findings: readonly Finding[];
  /** Non-fatal renderer notes (patch targets that matched nothing…). */
  readonly notices: readonly string[];
  readonly resourceCount: number;
}

/** An overlay that failed to render: reported with the others, exit 2 (or 3). */
export interface FailedOverlay extends OverlayBase {
  readonly status: 'error';
  readonly error: OverlayError;
}

export type OverlayResult = CheckedOverlay | FailedOverlay;

export interface BaseRef {
  /** The ref as given on the command line (`origin/main`). */
  readonly ref: string;
  /** The commit it resolved to. */
  readonly commit: string;
}

export interface CheckReport {
  readonly tool: { readonly name: 'st2-gitops'; readonly version: string };
  /** Present with `--base`. */
  readonly base: BaseRef | undefined;
  /** Sorted by overlay path. */
  readonly overlays: readonly OverlayResult[];
  /** Overlays the base has that this tree no longer has (default overlay list only). */
  readonly removedOverlays: readonly string[];
  /** Every rule of the policy bundle, plus any rule id a finding carries, sorted by id. */
  readonly rules: readonly CheckRule[];
}

export type CheckOutcome = 'pass' | 'denied' | 'error';

export function isFailed(result: OverlayResult): result is FailedOverlay {
  return result.status === 'error';
}

/** `error` when any overlay could not be judged, else `denied` when any was denied, else `pass`. */
export function checkOutcome(report: CheckReport): CheckOutcome {
  if (report.overlays.some(isFailed)) return 'error';
  if (report.overlays.some((o) => o.status === 'denied')) return 'denied';
  return 'pass';
}

/**
 * The check's exit code, from the report alone: every overlay is reported, and
 * the worst outcome wins: internal error (3) over bad input (2) over a policy
 * denial (1) over a pass (0). Warnings and waived findings never fail.
 */
export function checkExitCode(report: CheckReport): number {
  let code = EXIT_OK;
  for (const overlay of report.overlays) {
    const own = overlay.status === 'error' ? overlay.error.exitCode : overlay.status === 'denied' ? EXIT_DENIED : EXIT_OK;
    code = Math.max(code, own);
  }
  return code;
}

export interface FindingCounts {
  readonly blocking: number;
  readonly warnings: number;
  readonly waived: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  let blocking = 0;
  let warnings = 0;
  let waived = 0;
  for (const f of findings) {
    if (f.waived) waived++;
    else if (f.severity === 'deny') blocking++;
    else warnings++;
  }
  return { blocking, warnings, waived };
}

/** `Kind namespace/name` (or `Kind name`), or `render` for render-wide findings. */
export function describeResource(resource: Finding['resource']): string {
  if (!resource) return 'render';
  return resource.namespace === '' ? `${resource.kind} ${resource.name}` : `${resource.kind} ${resource.namespace}/${resource.name}`;
}

/** Where a finding points: its source location, else the overlay's kustomization file. */
export function locationOf(finding: Finding, overlay: OverlayBase): { file: string; line: number | undefined } {
  return finding.location ? { file: finding.location.file, line: finding.location.line } : { file: overlay.kustomizationFile, line: undefined };
}

/** `error`/`warning`/`notice` in GitHub's words; waived findings are notices. */
export function levelOf(finding: Finding): 'error' | 'warning' | 'notice' {
  if (finding.waived) return 'notice';
  return finding.severity === 'deny' ? 'error' : 'warning';
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
