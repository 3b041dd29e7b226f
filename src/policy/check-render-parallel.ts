/**
 * The gate on two threads: checkRender's findings, sooner, when a helper
 * thread with the same policy bundle is free (the server keeps one warm).
 * st2/findings is two parts of about equal cost (main.rego): the operations
 * rules read no string fact, so the helper judges them on the facts found
 * before the string search, while this thread judges the rest on all facts.
 *
 *   this thread                               helper
 *   expand, serialise the resources  ──────►  search their strings, stage them in its wasm
 *   the render's other facts                  ◄── the string facts
 *   the input without string facts   ──────►  judge st2/operations_findings
 *   judge st2/other_findings (all facts)
 *   union, locate, waivers            ◄──────  its findings
 *
 * Same input, same findings as checkRender (check-render-parallel.test.ts
 * compares both over the red-team corpus); only where the work runs changes.
 */
import { InternalError } from '../core/errors.js';
import type { FileReader } from '../io/file-system.js';
import type { RenderedResource } from '../render/index.js';
import { earlyFacts, expandFor, finishCheck, inputHead, prepareCheck, toJson, type CheckOptions } from './check-render.js';
import { unionOfFindings, type LocalPolicyEngine, type RawFinding } from './engine.js';
import { toCarrier } from './expanded-render.js';
import type { PolicyReport } from './types.js';

/** A thread that judges with the same bundle (the policy worker: src/repository/policy-worker.ts). */
export interface PolicyHelper {
  /** The bundle's policy sources hash: it must be this thread's engine's. */
  readonly sourceSha256: string;
  /**
   * Starts one check by sending its resources (the JSON array this thread
   * judges): the helper searches their strings (string-fact-input.ts) and
   * stages them in its wasm, for this check only.
   */
  begin(resourcesJson: string, now: Date): HelperCheck;
}

export interface HelperCheck {
  /** The string facts. */
  readonly strings: Promise<Record<string, unknown>>;
  /** Sends the rest of the input, without the string facts; resolves to st2/operations_findings on it and this check's resources. */
  judgeOperations(headJson: string): Promise<readonly RawFinding[]>;
}

export type ParallelEngine = Pick<LocalPolicyEngine, 'sourceSha256' | 'rules' | 'literals' | 'settings' | 'evaluatePart'>;

export async function checkRenderParallel(
  engine: ParallelEngine,
  helper: PolicyHelper,
  fs: FileReader,
  resources: readonly RenderedResource[],
  options: CheckOptions,
): Promise<PolicyReport> {
  if (helper.sourceSha256 !== engine.sourceSha256) {
    throw new InternalError(`the policy helper judges with another bundle (sources ${helper.sourceSha256.slice(0, 12)}, not ${engine.sourceSha256.slice(0, 12)})`);
  }
  const expanded = expandFor(resources, options);
  const resourcesJson = toJson(expanded.manifests);
  const helped = helper.begin(resourcesJson, options.now);
  // Awaited below; until then a failure here (bad input) must not leave it unobserved.
  helped.strings.catch(() => undefined);
  const check = prepareCheck(engine, fs, resources, options, expanded);
  const early = earlyFacts(check, engine.settings);
  const head = inputHead(check, options);
  const operations = helped.judgeOperations(toJson({ ...head, facts: early }));
  operations.catch(() => undefined);
  const facts = { ...(await helped.strings), ...early };
  // The resources' JSON is already made: spliced in, not serialised again.
  const input = toJson({ ...head, facts });
  const other = engine.evaluatePart(`${input.slice(0, -1)},"resources":${resourcesJson}}`, 'st2/other_findings');
  const raw = unionOfFindings<RawFinding>(other, await operations);
  return finishCheck(check, engine, toCarrier(expanded, raw), options);
}
