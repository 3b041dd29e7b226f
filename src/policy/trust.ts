/**
 * The trust model's environment rule: the profile a render is judged by is
 * the strictest of everything that binds, so what the repository says can
 * tighten it and never loosen it. Bindings: the environment named for the
 * render, every environment declared in the overlay's tree, the caller's
 * floors (CLI --env, the Argo CD Application), and the bundle's
 * namespace → environment map for every namespace the render lands in.
 * The Rego side applies the namespace map again (lib.profile).
 */
import { isJsonObject, type Manifest } from '../core/manifest.js';
import type { PolicySettings } from './settings.js';
import { profileOf, strictestProfile, type Profile } from './types.js';

export interface TrustInputs {
  readonly environment: string | undefined;
  readonly floors?: ReadonlyArray<string | undefined>;
  readonly namespace?: string | undefined;
}

export interface JudgedProfile {
  readonly profile: Profile;
  /** Where namespace-less resources land. */
  readonly namespace: string;
  readonly bindings: string[];
}

function namespaceOf(manifest: Manifest): string | undefined {
  const metadata = manifest['metadata'];
  const ns = isJsonObject(metadata) ? metadata['namespace'] : undefined;
  return typeof ns === 'string' && ns !== '' ? ns : undefined;
}

/** The namespace namespace-less resources land in: the caller's, else the render's only one, else "default". */
export function landingNamespace(manifests: readonly Manifest[], requested: string | undefined): string {
  if (requested) return requested;
  const seen = new Set<string>();
  for (const m of manifests) {
    const ns = namespaceOf(m);
    if (ns !== undefined) seen.add(ns);
  }
  return seen.size === 1 ? [...seen][0] ?? 'default' : 'default';
}

export function judgedProfile(manifests: readonly Manifest[], inputs: TrustInputs, settings: PolicySettings): JudgedProfile {
  const namespace = landingNamespace(manifests, inputs.namespace);
  const profiles: Profile[] = [profileOf(inputs.environment)];
  const bindings = [`environment ${inputs.environment ?? '(none: production)'}`];
  for (const floor of inputs.floors ?? []) {
    if (floor === undefined) continue;
    profiles.push(profileOf(floor));
    bindings.push(`floor ${floor}`);
  }
  const namespaces = new Set<string>([namespace]);
  for (const m of manifests) {
    const ns = namespaceOf(m);
    if (ns !== undefined) namespaces.add(ns);
  }
  for (const ns of [...namespaces].sort()) {
    const bound = settings.namespaceProfiles[ns];
    if (bound === undefined) continue;
    profiles.push(bound);
    bindings.push(`namespace ${ns} → ${bound}`);
  }
  return { profile: strictestProfile(profiles), namespace, bindings };
}
