/**
 * Loading the committed policy bundle (policies/bundle/: policy.wasm,
 * data.json, manifest.json) and refusing it when it is missing, corrupt or
 * built from other sources than the ones in the repository: fail closed.
 */
import { createHash } from 'node:crypto';
import { PolicyLoadError } from '../core/errors.js';
import { isJsonObject } from '../core/manifest.js';
import type { FileReader } from '../io/file-system.js';
import { BUNDLE_DIR, hashPolicySources } from './policy-sources.js';

export interface BundleManifest {
  readonly opaVersion: string;
  readonly sourceSha256: string;
  readonly wasmSha256: string;
  readonly dataSha256: string;
  readonly entrypoints: readonly string[];
}

export interface PolicyBundle {
  readonly manifest: BundleManifest;
  readonly wasm: Uint8Array;
  readonly data: unknown;
}

export interface ReadBundleOptions {
  /**
   * Check the bundle against the policy sources beside it (a repository's own
   * bundle). The sidecar image's bundle ships without sources: its wasm and
   * data are checked against its manifest only. @default true
   */
  readonly verifySources?: boolean;
}

const REBUILD = 'run `npm run build:policies` and commit policies/bundle/';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function parseBundleManifest(text: string): BundleManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PolicyLoadError('bundle-corrupt', `${BUNDLE_DIR}/manifest.json is not valid JSON; ${REBUILD}`, { cause: error });
  }
  const ok =
    isJsonObject(value) &&
    typeof value['opaVersion'] === 'string' &&
    typeof value['sourceSha256'] === 'string' &&
    typeof value['wasmSha256'] === 'string' &&
    typeof value['dataSha256'] === 'string' &&
    Array.isArray(value['entrypoints']) &&
    value['entrypoints'].every((e) => typeof e === 'string');
  if (!ok) throw new PolicyLoadError('bundle-corrupt', `${BUNDLE_DIR}/manifest.json lacks opaVersion, sourceSha256, wasmSha256, dataSha256 or entrypoints; ${REBUILD}`);
  return value as BundleManifest;
}

/** Reads and verifies the bundle in `fs` (confined and size-capped, like every read). */
export function readPolicyBundle(fs: FileReader, options: ReadBundleOptions = {}): PolicyBundle {
  const manifestPath = `${BUNDLE_DIR}/manifest.json`;
  if (fs.kind(manifestPath) !== 'file') {
    throw new PolicyLoadError('bundle-missing', `policy bundle not found (${manifestPath}); ${REBUILD}`);
  }
  const manifest = parseBundleManifest(fs.read(manifestPath));
  const wasm = fs.kind(`${BUNDLE_DIR}/policy.wasm`) === 'file' ? fs.readBytes(`${BUNDLE_DIR}/policy.wasm`) : undefined;
  const dataText = fs.kind(`${BUNDLE_DIR}/data.json`) === 'file' ? fs.read(`${BUNDLE_DIR}/data.json`) : undefined;
  if (wasm === undefined || dataText === undefined) {
    throw new PolicyLoadError('bundle-missing', `policy bundle is incomplete (policy.wasm or data.json missing in ${BUNDLE_DIR}); ${REBUILD}`);
  }
  if (sha256Hex(wasm) !== manifest.wasmSha256 || sha256Hex(dataText) !== manifest.dataSha256) {
    throw new PolicyLoadError('bundle-corrupt', `policy bundle is corrupt: policy.wasm or data.json does not match manifest.json; ${REBUILD}`);
  }
  const sourceSha256 = options.verifySources === false ? manifest.sourceSha256 : hashPolicySources(fs);
  if (sourceSha256 !== manifest.sourceSha256) {
    throw new PolicyLoadError(
      'bundle-stale',
      `policy bundle is stale: policies/*.rego or data files changed after it was built (sources ${sourceSha256.slice(0, 12)}, bundle ${manifest.sourceSha256.slice(0, 12)}); ${REBUILD}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(dataText);
  } catch (error) {
    throw new PolicyLoadError('bundle-corrupt', `${BUNDLE_DIR}/data.json is not valid JSON; ${REBUILD}`, { cause: error });
  }
  return { manifest, wasm, data };
}
