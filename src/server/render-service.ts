/**
 * Renders and checks overlays for the server through the shared pipeline,
 * with a warm cache. An entry is keyed by overlay, environment override, the
 * policy bundle hash and the UTC day (waivers expire by date), and is reused
 * only while every file the render read is unchanged (input-tracker.ts) and
 * for at most `maxAgeMs` (certificate expiry is judged to the second).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Budgets } from '../core/budgets.js';
import { InternalError, isPipelineError } from '../core/errors.js';
import { listOverlays, type OverlayEntry } from '../repository/index.js';
import type { FileReader } from '../repository/index.js';
import { normalizeRelPath } from '../repository/index.js';
import { checkRendered, checkRenderedParallel, toYamlStream, type PipelineDeps, type PipelineOutcome } from '../pipeline.js';
import type { LocalPolicyEngine } from '../policy/index.js';
import { renderOverlay, type RenderResult } from '../render/index.js';
import { formatFindingLine } from '../policy/index.js';
import { HttpError } from './error-handler.js';
import { InputSet, type StatPath } from './input-tracker.js';
import { createWorkLimiter, type WorkLimiter } from './work-limiter.js';
import { summarizeOutcome, type OverlaySummary } from './overlay-summary.js';
import type { HelperLender } from './policy-helper.js';
import type { PolicyProvider } from './policy-provider.js';

export interface RenderServiceOptions {
  readonly fs: FileReader;
  readonly policy: PolicyProvider;
  readonly stat?: StatPath | undefined;
  readonly now: () => Date;
  /** @default 60000 */
  readonly maxAgeMs?: number | undefined;
  /** @default 64 */
  readonly maxEntries?: number | undefined;
  /** Bounds the renders run and queued at once (503 past it). @default one at a time, 16 queued */
  readonly limiter?: WorkLimiter | undefined;
  /** Limits of every render. @default DEFAULT_BUDGETS */
  readonly budgets?: Budgets | undefined;
  /** A warm policy worker for gating on two threads (policy-helper.ts). @default none: every gate in this thread */
  readonly helpers?: HelperLender | undefined;
  /** Told where each fresh gate ran (the st2_gitops_policy_gates_total metric). */
  readonly onGate?: ((threads: 1 | 2) => void) | undefined;
}

export type BodyFormat = 'json' | 'yaml';

/**
 * One render, with its serialised bodies (and their gzip forms) made once and
 * shared by every hit: a warm request costs no serialising and no compressing.
 */
export class RenderedOverlay {
  private yamlBody: Buffer | undefined;
  private jsonBody: Buffer | undefined;
  private readonly gzipped = new Map<BodyFormat, Buffer>();
  private summaryValue: OverlaySummary | undefined;

  /**
   * @param etag A strong validator of the content this answer was made from:
   *   every input's hash, the policy bundle, the environment and the day.
   */
  constructor(
    readonly outcome: PipelineOutcome,
    readonly etag: string = '',
  ) {}

  get summary(): OverlaySummary {
    this.summaryValue ??= summarizeOutcome(this.outcome);
    return this.summaryValue;
  }

  /** The JSON body of POST /v1/render (manifests only when allowed). */
  json(): Buffer {
    if (this.jsonBody === undefined) {
      const o = this.outcome;
      const body = {
        overlay: o.render.overlay,
        environment: o.environment ?? null,
        profile: o.report.profile,
        allowed: o.allowed,
        status: this.summary.status,
        findings: o.report.findings,
        ...(o.allowed ? { manifests: o.manifests } : {}),
      };
      this.jsonBody = Buffer.from(JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
    }
    return this.jsonBody;
  }

  /** The body in `format`, gzip-compressed (level 6), made on first use. */
  gzip(format: BodyFormat): Buffer {
    let body = this.gzipped.get(format);
    if (body === undefined) {
      body = gzipSync(format === 'json' ? this.json() : this.yaml(), { level: 6 });
      this.gzipped.set(format, body);
    }
    return body;
  }

  /** The YAML stream, findings first as comment lines so the stream still applies as is. */
  yaml(): Buffer {
    if (this.yamlBody === undefined) {
      const header = this.outcome.report.findings.map((f) => `# ${formatFindingLine(f).replaceAll('\n', ' ')}\n`).join('');
      this.yamlBody = Buffer.from(header + toYamlStream(this.outcome.manifests));
    }
    return this.yamlBody;
  }
}

export interface RenderResultWithCache {
  readonly rendered: RenderedOverlay;
  readonly cacheHit: boolean;
}

export interface RenderService {
  /** Overlays under overlays/ that declare an environment, sorted by path. */
  overlays(): readonly OverlayEntry[];
  /** Maps a user-given overlay path to a known overlay; 400 outside the repo, 404 unknown. */
  resolveOverlay(input: string, where: string): string;
  render(overlay: string, environment: string | undefined): Promise<RenderResultWithCache>;
}

interface Entry {
  readonly inputs: InputSet;
  readonly rendered: RenderedOverlay;
  readonly createdAt: number;
}

export function createRenderService(options: RenderServiceOptions): RenderService {
  const { fs, policy, stat, now } = options;
  const limiter = options.limiter ?? createWorkLimiter();
  // One render per key at a time: requests arriving meanwhile wait for it instead of queueing their own.
  const inFlight = new Map<string, Promise<RenderResultWithCache>>();
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 64;
  const nowMs = (): number => now().getTime();
  const cache = new Map<string, Entry>();
  let listing: { inputs: InputSet; overlays: readonly OverlayEntry[] } | undefined;

  const overlays = (): readonly OverlayEntry[] => {
    if (listing && listing.inputs.isCurrent(fs)) return listing.overlays;
    const inputs = new InputSet({ stat, now: nowMs });
    try {
      listing = { inputs, overlays: listOverlays(inputs.wrap(fs)) };
    } catch (error) {
      // The repository's fault (a symlink under overlays/ leaving it), not the client's: 422, never 500.
      if (isPipelineError(error)) throw new HttpError(422, 'repository-invalid', `cannot list overlays: ${error.message}`, { cause: error });
      throw error;
    }
    return listing.overlays;
  };

  const resolveOverlay = (input: string, where: string): string => {
    const normalized = normalizeRelPath(input.trim());
    if (normalized === undefined || input.includes('\0')) {
      throw new HttpError(400, 'path-escape', `${where}: '${input}' is outside the repository; give an overlay such as overlays/prod`);
    }
    const known = overlays();
    const match = known.find((o) => o.path === normalized);
    if (match === undefined) {
      throw new HttpError(404, 'unknown-overlay', `${where}: unknown overlay '${input}'; known overlays: ${known.map((o) => o.path).join(', ') || 'none'} (GET /v1/overlays)`, {
        details: { known: known.map((o) => o.path) },
      });
    }
    return match.path;
  };

  /** The gate on two threads when the helper is free, else in this thread: the same outcome either way. */
  const gate = async (render: RenderResult, environment: string | undefined, deps: PipelineDeps & { readonly policy: LocalPolicyEngine }): Promise<PipelineOutcome> => {
    const inThisThread = (): PipelineOutcome => {
      const outcome = checkRendered(render, { environment }, deps);
      options.onGate?.(1);
      return outcome;
    };
    const lent = options.helpers?.borrow(deps.policy.sourceSha256);
    if (lent === undefined) return inThisThread();
    try {
      const outcome = await checkRenderedParallel(render, { environment }, { ...deps, helper: lent.helper });
      lent.giveBack(false);
      options.onGate?.(2);
      return outcome;
    } catch (error) {
      // The helper's own failure (its thread died): this render is gated here instead. Bad input fails either way.
      const helperFailed = error instanceof InternalError;
      lent.giveBack(helperFailed);
      if (helperFailed) return inThisThread();
      throw error;
    }
  };

  const render = async (overlay: string, environment: string | undefined): Promise<RenderResultWithCache> => {
    const loaded = await policy.current();
    const at = now();
    const key = `${overlay}\0${environment ?? ''}\0${loaded.hash}\0${at.toISOString().slice(0, 10)}`;
    const entry = cache.get(key);
    if (entry && at.getTime() - entry.createdAt < maxAgeMs && entry.inputs.isCurrent(fs)) {
      return { rendered: entry.rendered, cacheHit: true };
    }
    cache.delete(key);
    const pending = inFlight.get(key);
    if (pending !== undefined) return pending;
    const computed = limiter
      .run(async () => {
        const inputs = new InputSet({ stat, now: nowMs });
        const deps = { fs: inputs.wrap(fs), policy: loaded.engine, now: () => at, budgets: options.budgets };
        const outcome = await gate(renderOverlay(deps.fs, overlay, deps.budgets), environment, deps);
        const etag = `"${createHash('sha256').update(`${inputs.digest()}\0${key}`).digest('base64url').slice(0, 32)}"`;
        const rendered = new RenderedOverlay(outcome, etag);
        if (cache.size >= maxEntries) {
          const oldest = cache.keys().next();
          if (oldest.done !== true) cache.delete(oldest.value);
        }
        cache.set(key, { inputs, rendered, createdAt: at.getTime() });
        return { rendered, cacheHit: false };
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, computed);
    return computed;
  };

  return { overlays, resolveOverlay, render };
}
