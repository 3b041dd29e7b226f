/**
 * The ApplicationSet plugin generator's answer (../shared/reference/argocd.md
 * §9): one parameter object per overlay, filtered by `input.parameters`.
 * Objects are flat and every value is a string, number or boolean, so a
 * template reads them the same with or without goTemplate (the controller
 * flattens and stringifies without it).
 */
import path from 'node:path';
import type { OverlayEntry } from '../repository/index.js';
import { describeHttpError } from './error-handler.js';
import type { OverlaySummary, PolicyStatus } from './overlay-summary.js';
import type { AppsetFilter } from './schemas.js';

export type AppsetPolicyStatus = PolicyStatus | 'error';

export interface AppsetParameters {
  readonly [key: string]: string | number | boolean;
  /** Last path segment, e.g. `prod`: a good Application name suffix. */
  readonly name: string;
  /** Repo-relative overlay directory, e.g. `overlays/prod`: the Application's source.path. */
  readonly path: string;
  readonly environment: string;
  readonly profile: string;
  /** Where the overlay's resources go: the Application's destination.namespace. */
  readonly namespace: string;
  readonly policyStatus: AppsetPolicyStatus;
  /** False when a blocking finding (or a render error) means Argo CD's plugin would refuse it. */
  readonly allowed: boolean;
  readonly blockingFindings: number;
  readonly warnings: number;
  readonly st2webExposure: string;
  /** First Ingress host of st2web, '' when not exposed through an Ingress. */
  readonly st2webHost: string;
  /** Render error text when policyStatus is `error`, else ''. */
  readonly error: string;
}

export type OverlayState = { readonly entry: OverlayEntry; readonly summary: OverlaySummary } | { readonly entry: OverlayEntry; readonly error: unknown };

export function toAppsetParameters(state: OverlayState): AppsetParameters {
  const base = { name: path.posix.basename(state.entry.path), path: state.entry.path, environment: state.entry.environment };
  if ('error' in state) {
    return {
      ...base,
      profile: '',
      namespace: '',
      policyStatus: 'error',
      allowed: false,
      blockingFindings: 0,
      warnings: 0,
      st2webExposure: '',
      st2webHost: '',
      error: describeHttpError(state.error, undefined).body.message,
    };
  }
  const s = state.summary;
  return {
    ...base,
    profile: s.profile,
    namespace: s.namespace ?? '',
    policyStatus: s.status,
    allowed: s.status !== 'deny',
    blockingFindings: s.blocking,
    warnings: s.warnings,
    st2webExposure: s.st2web.type,
    st2webHost: s.st2web.hosts[0] ?? '',
    error: '',
  };
}

function asList<T extends string>(value: T | readonly T[] | undefined): readonly T[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? [value] : value;
}

/** True when the overlay passes every filter given (an absent filter passes everything). */
export function matchesFilter(params: AppsetParameters, filter: AppsetFilter): boolean {
  const environments = asList(filter.environment);
  if (environments && !environments.includes(params.environment)) return false;
  const profiles = asList(filter.profile);
  if (profiles && !profiles.some((p) => p === params.profile)) return false;
  const overlays = asList(filter.overlay);
  if (overlays && !overlays.some((o) => o.replace(/\/+$/, '') === params.path)) return false;
  const names = asList(filter.name);
  if (names && !names.includes(params.name)) return false;
  const statuses = asList(filter.policyStatus);
  if (statuses && !statuses.includes(params.policyStatus)) return false;
  if (filter.allowedOnly === true && !params.allowed) return false;
  return true;
}
