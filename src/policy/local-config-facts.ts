/**
 * What the render would have shown but kustomize dropped as local
 * configuration (src/render/local-config.ts): the namespaces where a dropped
 * ConfigMap held an st2 config text. replicas_needed.rego judges those
 * namespaces as it judges the ones whose st2 config is rendered, so marking
 * st2's config (or everything, by commonAnnotations) local cannot take a
 * namespace out of ST2-REP-011 while Argo CD prunes what the render lost.
 */
import { getObject, getString, isJsonObject, kindOf, type Manifest } from '../core/manifest.js';
import { isSt2ConfigText } from './proxy-hosts.js';

/** Sorted namespaces (namespace-less ones land in `landing`) of dropped ConfigMaps holding an st2 config text. */
export function localConfigSt2Namespaces(dropped: readonly Manifest[], landing: string): string[] {
  const out = new Set<string>();
  for (const manifest of dropped) {
    if (kindOf(manifest) !== 'ConfigMap') continue;
    const data = manifest['data'];
    if (!isJsonObject(data) || !Object.values(data).some((v) => typeof v === 'string' && isSt2ConfigText(v))) continue;
    const ns = getString(getObject(manifest, 'metadata') ?? {}, 'namespace');
    out.add(ns === undefined || ns === '' ? landing : ns);
  }
  return [...out].sort();
}
