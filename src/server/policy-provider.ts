/**
 * The policy engine the server gates with, kept warm: loaded once, then
 * reloaded only when a bundle file or a policy source changes on disk (the
 * same change the CLI would see on its next run). A bundle that fails to load
 * fails closed: renders answer 503 until it is fixed, and /readyz says not
 * ready.
 */
import { createHash } from 'node:crypto';
import type { FileReader } from '../repository/index.js';
import { createPolicyEngine, readPolicyBundle, type LocalPolicyEngine } from '../policy/index.js';
import { InputSet, type StatPath } from './input-tracker.js';

export interface LoadedPolicy {
  readonly engine: LocalPolicyEngine;
  /** sha256 over the bundle's manifest hashes: part of every render cache key. */
  readonly hash: string;
}

export interface PolicyProviderOptions {
  readonly fs: FileReader;
  readonly stat?: StatPath | undefined;
  readonly now: () => number;
}

export interface PolicyProvider {
  /** The engine for a request: reloads first when the bundle or its sources changed. */
  current(): Promise<LoadedPolicy>;
  /** The last loaded engine without checking the disk, or undefined before the first load. */
  loaded(): LoadedPolicy | undefined;
  /** The error of the last failed load, if the last load failed. */
  lastError(): unknown;
}

export function createPolicyProvider(options: PolicyProviderOptions): PolicyProvider {
  let state: { policy: LoadedPolicy; inputs: InputSet } | undefined;
  let failure: unknown;
  let pending: Promise<LoadedPolicy> | undefined;

  const load = async (): Promise<LoadedPolicy> => {
    const inputs = new InputSet({ stat: options.stat, now: options.now });
    try {
      const bundle = readPolicyBundle(inputs.wrap(options.fs));
      const engine = await createPolicyEngine(bundle);
      const { sourceSha256, wasmSha256, dataSha256 } = bundle.manifest;
      const hash = createHash('sha256').update(`${sourceSha256}\0${wasmSha256}\0${dataSha256}`).digest('hex');
      state = { policy: { engine, hash }, inputs };
      failure = undefined;
      return state.policy;
    } catch (error) {
      state = undefined;
      failure = error;
      throw error;
    }
  };

  return {
    current() {
      if (state && state.inputs.isCurrent(options.fs)) return Promise.resolve(state.policy);
      // One reload at a time, shared by every request that arrives meanwhile.
      pending ??= load().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    loaded: () => state?.policy,
    lastError: () => failure,
  };
}
