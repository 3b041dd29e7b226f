/**
 * Runs the pipeline over every overlay (and, with a base, over the same
 * overlays at the base ref) and collects a CheckReport. An overlay that fails
 * to render becomes a FailedOverlay, so the others are still judged and
 * reported; nothing here throws for a denial or for one bad overlay.
 */
import type { Budgets } from '../core/budgets.js';
import { ConfigError, isPipelineError } from '../core/errors.js';
import { describeError, exitCodeForError } from '../core/exit-codes.js';
import { listOverlays, type FileReader } from '../repository/index.js';
import { renderAndCheck } from '../pipeline.js';
import { isBlocking, type Finding, type PolicyEngine } from '../policy/index.js';
import { diffOverlay, type BaseSide } from './diff.js';
import type { GitSnapshot } from './git-snapshot.js';
import type { CheckReport, CheckRule, OverlayResult } from './report.js';
import { changedPolicyFiles, policyChanged, weakenedEnvironment } from './trust-findings.js';

export interface CheckRequest {
  /** Repo-relative overlay directories; empty = discover under overlays/. */
  readonly overlays: readonly string[];
  /** Git ref to compare with. */
  readonly base: string | undefined;
}

export interface CheckDeps {
  readonly fs: FileReader;
  /** One engine, the current bundle, judges both sides: policy changes never read as manifest changes. */
  readonly policy: PolicyEngine;
  readonly now: () => Date;
  /** Materialises the repository at a ref (git-snapshot.ts in production). */
  readonly snapshotAt: (ref: string) => GitSnapshot;
  readonly version: string;
  /** Limits of every render (core/budgets.ts). @default DEFAULT_BUDGETS */
  readonly budgets?: Budgets | undefined;
}

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

function kustomizationFileOf(fs: FileReader, overlay: string): string {
  const dir = overlay === '.' ? '' : `${overlay}/`;
  for (const name of KUSTOMIZATION_NAMES) {
    try {
      if (fs.kind(`${dir}${name}`) === 'file') return `${dir}${name}`;
    } catch {
      break;
    }
  }
  return `${dir}kustomization.yaml`;
}

interface Judged {
  readonly result: OverlayResult;
  readonly side: BaseSide;
}

function judge(fs: FileReader, overlay: string, deps: CheckDeps): Judged {
  const kustomizationFile = kustomizationFileOf(fs, overlay);
  try {
    const outcome = renderAndCheck({ overlay }, { fs, policy: deps.policy, now: deps.now, budgets: deps.budgets });
    return {
      result: {
        overlay,
        kustomizationFile,
        diff: undefined,
        status: outcome.allowed ? 'allowed' : 'denied',
        environment: outcome.environment,
        profile: outcome.report.profile,
        findings: outcome.report.findings,
        notices: outcome.render.notices,
        resourceCount: outcome.manifests.length,
      },
      side: { status: 'rendered', manifests: outcome.manifests, findings: outcome.report.findings },
    };
  } catch (error) {
    const message = describeError(error).replace(/^st2-gitops: /, '');
    const code = isPipelineError(error) ? error.code : 'internal';
    return {
      result: { overlay, kustomizationFile, diff: undefined, status: 'error', error: { code, message, exitCode: exitCodeForError(error) } },
      side: { status: 'error', message },
    };
  }
}

/** Checks the overlays; with a base, also renders them at the base and attaches the diff. */
export function checkOverlays(request: CheckRequest, deps: CheckDeps): CheckReport {
  const discovered = request.overlays.length === 0;
  const overlays = discovered ? listOverlays(deps.fs).map((o) => o.path) : [...new Set(request.overlays)].sort();
  if (overlays.length === 0) {
    throw new ConfigError('no-overlays', 'check: no overlays found: no directory under overlays/ declares st2-gitops/environment; give overlay directories as arguments');
  }
  const head = overlays.map((overlay) => judge(deps.fs, overlay, deps));

  let base: CheckReport['base'];
  let removedOverlays: string[] = [];
  let results: OverlayResult[] = head.map((h) => h.result);
  if (request.base !== undefined) {
    const snapshot = deps.snapshotAt(request.base);
    try {
      base = { ref: request.base, commit: snapshot.commit };
      if (discovered) {
        const now = new Set(overlays);
        removedOverlays = listOverlays(snapshot.fs).map((o) => o.path).filter((p) => !now.has(p));
      }
      const policyFinding = policyChanged(changedPolicyFiles(snapshot.fs, deps.fs));
      results = head.map(({ result, side }) => {
        // A tree that does not render has nothing to compare; its error is the report.
        if (side.status !== 'rendered' || result.status === 'error') return result;
        const atBase = snapshot.fs.kind(result.overlay) === 'directory' ? judge(snapshot.fs, result.overlay, deps) : undefined;
        const baseSide: BaseSide = atBase ? atBase.side : { status: 'absent' };
        const baseProfile = atBase && atBase.result.status !== 'error' ? atBase.result.profile : undefined;
        const weakened = baseProfile ? weakenedEnvironment(baseProfile, result.profile, result.kustomizationFile) : undefined;
        const trust = [weakened, policyFinding].filter((f): f is Finding => f !== undefined);
        const findings = [...trust, ...result.findings];
        return { ...result, findings, status: findings.some(isBlocking) ? 'denied' : result.status, diff: diffOverlay(baseSide, side) };
      });
    } finally {
      snapshot.dispose();
    }
  }
  return { tool: { name: 'st2-gitops', version: deps.version }, base, overlays: results, removedOverlays, rules: rulesOf(deps.policy, results) };
}

/** The bundle's rules, plus ids only findings carry (the waiver rule), sorted by id. */
function rulesOf(policy: PolicyEngine, results: readonly OverlayResult[]): CheckRule[] {
  const rules = new Map<string, CheckRule>();
  for (const [id, info] of Object.entries(policy.rules)) rules.set(id, { id, ...info });
  for (const result of results) {
    const findings = result.status === 'error' ? [] : result.findings;
    const fixed = result.diff?.findings.fixed ?? [];
    for (const f of [...findings, ...fixed]) {
      if (!rules.has(f.rule)) rules.set(f.rule, { id: f.rule, title: f.title, remediation: f.remediation, default_severity: f.severity, profiles: '' });
    }
  }
  return [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
