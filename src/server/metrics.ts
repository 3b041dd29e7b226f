/**
 * Prometheus metrics on a registry of their own (never prom-client's global
 * one), so two apps in one process, as in tests, do not collide.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface ServerMetrics {
  readonly registry: Registry;
  readonly requestDuration: Histogram<'method' | 'route' | 'status'>;
  readonly renders: Counter<'overlay' | 'result'>;
  readonly denials: Counter<'overlay'>;
  readonly cacheHits: Counter<'overlay'>;
  readonly cacheMisses: Counter<'overlay'>;
  /** Work requests refused with 503 before Express (the admission queue was full). */
  readonly rejected: Counter;
  /** Fresh gates by where they ran: threads=2 with the warm policy worker, 1 in the main thread alone. */
  readonly gates: Counter<'threads'>;
  /** Where the render-queue gauge reads from; set by createApp. */
  setQueueSource(source: () => { readonly active: number; readonly queued: number }): void;
}

export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  let queueSource: () => { readonly active: number; readonly queued: number } = () => ({ active: 0, queued: 0 });
  new Gauge({
    name: 'st2_gitops_render_queue',
    help: 'Renders running (state=active) and waiting for a turn (state=queued).',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const { active, queued } = queueSource();
      this.set({ state: 'active' }, active);
      this.set({ state: 'queued' }, queued);
    },
  });
  return {
    setQueueSource(source) {
      queueSource = source;
    },
    registry,
    requestDuration: new Histogram({
      name: 'st2_gitops_http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    renders: new Counter({
      name: 'st2_gitops_renders_total',
      help: 'Overlay renders answered (cached or fresh), by result: allowed, denied or error.',
      labelNames: ['overlay', 'result'] as const,
      registers: [registry],
    }),
    denials: new Counter({
      name: 'st2_gitops_policy_denials_total',
      help: 'Renders denied by a blocking policy finding.',
      labelNames: ['overlay'] as const,
      registers: [registry],
    }),
    cacheHits: new Counter({
      name: 'st2_gitops_render_cache_hits_total',
      help: 'Renders answered from the warm cache (every input file unchanged).',
      labelNames: ['overlay'] as const,
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'st2_gitops_http_rejected_total',
      help: 'Requests to the work routes refused with 503 and Retry-After because the admission queue was full.',
      registers: [registry],
    }),
    gates: new Counter({
      name: 'st2_gitops_policy_gates_total',
      help: 'Fresh policy gates by where they ran: threads="2" with the warm policy worker, "1" in the main thread (worker busy, loading or off).',
      labelNames: ['threads'] as const,
      registers: [registry],
    }),
    cacheMisses: new Counter({
      name: 'st2_gitops_render_cache_misses_total',
      help: 'Renders computed afresh (first request, changed input, new policy bundle or expired entry).',
      labelNames: ['overlay'] as const,
      registers: [registry],
    }),
  };
}
