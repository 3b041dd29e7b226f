/**
 * The one path every edge takes: render an overlay, then gate it with the
 * policies. CLI, Argo CD plugin, server and PR checks all call this.
 */
import { DEFAULT_BUDGETS, type Budgets } from './core/budgets.js';
import { checkPrintedSize } from './core/render-budget.js';
import type { Manifest } from './core/manifest.js';
import { emitYamlStream } from './core/yaml-emit.js';
import type { FileReader } from './io/file-system.js';
import { checkRender, checkRenderParallel, checkRenderStaged, hasFailure, type CheckOptions, type ParallelEngine, type PolicyEngine, type PolicyHelper, type PolicyReport, type StagedPolicyEngine } from './policy/index.js';
import { renderOverlay, type RenderResult } from './render/index.js';

export interface PipelineRequest {
  readonly overlay: string;
  /**
   * An environment the caller binds (CLI --env, the Argo CD Application's
   * setting): a floor. The render is judged by the strictest of it, every
   * environment the overlay's tree declares and the bundle's namespace map.
   */
  readonly environment?: string | undefined;
  /** Where resources without a namespace land (the Argo CD destination namespace). */
  readonly namespace?: string | undefined;
}

export interface PipelineDeps {
  readonly fs: FileReader;
  readonly policy: PolicyEngine;
  readonly now: () => Date;
  /** Limits of the render (core/budgets.ts). @default DEFAULT_BUDGETS */
  readonly budgets?: Budgets | undefined;
}

export interface PipelineOutcome {
  readonly render: RenderResult;
  /** The environment judged: the override, else the declared one (undefined = judged as production). */
  readonly environment: string | undefined;
  readonly report: PolicyReport;
  /** True when nothing blocks: only then may the manifests be printed or synced. */
  readonly allowed: boolean;
  readonly manifests: readonly Manifest[];
}

export function renderAndCheck(request: PipelineRequest, deps: PipelineDeps): PipelineOutcome {
  return checkRendered(renderOverlay(deps.fs, request.overlay, deps.budgets), request, deps);
}

/**
 * Gates a render already made. The CLI and the plugin render before they load
 * the policy bundle, so the runtime is tuned to the input's size (see
 * src/cli/process-main.ts) when the wasm is compiled.
 */
export function checkRendered(render: RenderResult, request: Pick<PipelineRequest, 'environment' | 'namespace'>, deps: PipelineDeps): PipelineOutcome {
  const environment = request.environment ?? render.environment;
  return outcomeOf(render, environment, checkRender(deps.policy, deps.fs, render.resources, checkOptions(render, environment, request, deps)));
}

/**
 * checkRendered with a policy engine that evaluates in another thread (the
 * CLI's policy worker for large renders): the same input, the same report.
 */
export async function checkRenderedStaged(
  render: RenderResult,
  request: Pick<PipelineRequest, 'environment' | 'namespace'>,
  deps: Omit<PipelineDeps, 'policy'> & { readonly policy: StagedPolicyEngine },
): Promise<PipelineOutcome> {
  const environment = request.environment ?? render.environment;
  return outcomeOf(render, environment, await checkRenderStaged(deps.policy, deps.fs, render.resources, checkOptions(render, environment, request, deps)));
}

/**
 * checkRendered on two threads: this one and a helper with the same bundle
 * (the server's warm policy worker): the same input, the same report, sooner
 * when a second core is free.
 */
export async function checkRenderedParallel(
  render: RenderResult,
  request: Pick<PipelineRequest, 'environment' | 'namespace'>,
  deps: Omit<PipelineDeps, 'policy'> & { readonly policy: ParallelEngine; readonly helper: PolicyHelper },
): Promise<PipelineOutcome> {
  const environment = request.environment ?? render.environment;
  return outcomeOf(render, environment, await checkRenderParallel(deps.policy, deps.helper, deps.fs, render.resources, checkOptions(render, environment, request, deps)));
}

function checkOptions(render: RenderResult, environment: string | undefined, request: Pick<PipelineRequest, 'namespace'>, deps: Pick<PipelineDeps, 'now'>): CheckOptions {
  return { environment, floors: [render.environment, ...render.declaredEnvironments], namespace: request.namespace, now: deps.now(), localConfig: render.localConfig };
}

function outcomeOf(render: RenderResult, environment: string | undefined, report: PolicyReport): PipelineOutcome {
  return {
    render,
    environment,
    report,
    allowed: !hasFailure(report),
    manifests: render.resources.map((r) => r.manifest),
  };
}

/** The manifest stream as Argo CD and `kubectl kustomize` print it; refused past the output budget. */
export function toYamlStream(manifests: readonly Manifest[], budgets: Budgets = DEFAULT_BUDGETS): string {
  const text = emitYamlStream(manifests);
  checkPrintedSize(text, 'the rendered stream', budgets);
  return text;
}

/** JSON output: a v1 List, as `kubectl kustomize | kubectl convert -o json` would give. */
export function toJsonList(manifests: readonly Manifest[], budgets: Budgets = DEFAULT_BUDGETS): string {
  const list = { apiVersion: 'v1', kind: 'List', items: manifests };
  const text = `${JSON.stringify(list, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`;
  checkPrintedSize(text, 'the rendered list', budgets);
  return text;
}
