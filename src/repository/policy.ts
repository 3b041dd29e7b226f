/**
 * Which policy bundle gates a render, and loading it through the confined
 * reader. Two bundles can exist: the repository's own (policies/bundle/, next
 * to the sources it was built from) and the one shipped with the installed
 * st2-gitops (the Argo CD sidecar image). The repository is what is judged, so
 * in the plugin its bundle is used only when the image says so
 * (ST2_GITOPS_POLICY_SOURCE=repository in the sidecar's environment): a push
 * can then never loosen the gate by committing a weaker bundle (issue 12/14).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, PolicyLoadError } from '../core/errors.js';
import { createNodeFileReader, type FileReader } from '../io/file-system.js';
import { createPolicyEngine, readPolicyBundle, type PolicyBundle, type PolicyEngine } from '../policy/index.js';

/** The sidecar variable that lets the repository's own bundle gate it. */
export const POLICY_SOURCE_ENV = 'ST2_GITOPS_POLICY_SOURCE';

export type PolicySource = 'image' | 'repository';

/** Reads ST2_GITOPS_POLICY_SOURCE: `image` (the default) or `repository`. */
export function policySourceFromEnv(env: Readonly<Record<string, string | undefined>>, fallback: PolicySource): PolicySource {
  const value = env[POLICY_SOURCE_ENV]?.trim() ?? '';
  if (value === '') return fallback;
  if (value === 'image' || value === 'repository') return value;
  throw new ConfigError('usage', `${POLICY_SOURCE_ENV} must be 'image' or 'repository', not '${value}'`);
}

function isPackageRoot(dir: string): boolean {
  const manifest = path.join(dir, 'package.json');
  if (!existsSync(manifest) || !existsSync(path.join(dir, 'policies/bundle/manifest.json'))) return false;
  try {
    const pkg: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof pkg === 'object' && pkg !== null && (pkg as Record<string, unknown>)['name'] === 'st2-gitops';
  } catch {
    return false;
  }
}

function packageRootAbove(start: string | undefined): string | undefined {
  if (start === undefined) return undefined;
  let dir = path.resolve(start);
  for (let i = 0; i < 6; i++) {
    if (isPackageRoot(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/**
 * The installed st2-gitops (the directory holding its package.json and the
 * bundle it ships): found from the running program, never from the
 * repository. Started from the snapshot, the blob's directory; from the module
 * bundle, the script's; in tests, this source file's.
 */
export function installedPackageRoot(): string {
  const blobAt = process.execArgv.indexOf('--snapshot-blob');
  const script = process.argv[1];
  const candidates = [
    blobAt >= 0 ? process.execArgv[blobAt + 1] : undefined,
    // Only the module bundle itself: started from the snapshot, argv[1] is the user's first argument.
    script !== undefined && path.isAbsolute(script) && script.endsWith('.mjs') ? script : undefined,
    typeof import.meta.url === 'string' && import.meta.url.startsWith('file:') ? fileURLToPath(import.meta.url) : undefined,
  ];
  for (const candidate of candidates) {
    const root = packageRootAbove(candidate === undefined ? undefined : path.dirname(path.resolve(candidate)));
    if (root !== undefined) return root;
  }
  throw new PolicyLoadError('bundle-missing', 'the installed st2-gitops has no policy bundle (policies/bundle next to its package.json); reinstall it, or set ST2_GITOPS_POLICY_SOURCE=repository');
}

/** Reads the bundle a render is gated with. */
export function readBundleFrom(source: PolicySource, repository: FileReader): PolicyBundle {
  if (source === 'repository') return readPolicyBundle(repository);
  return readPolicyBundle(createNodeFileReader(installedPackageRoot()), { verifySources: false });
}

/** Loads the policy engine: the repository's bundle (CLI, check, server) or the image's (the plugin's default). */
export async function loadPolicyEngine(repository: FileReader, source: PolicySource = 'repository'): Promise<PolicyEngine> {
  return createPolicyEngine(readBundleFrom(source, repository));
}
