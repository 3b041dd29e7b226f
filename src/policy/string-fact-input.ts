/**
 * The facts of the policy input that the string search finds: the only ones
 * st2/fact_findings reads (main.rego; fact-findings.test.ts). They depend on
 * the manifests' strings, the bundle's literals and the clock alone, so
 * another thread can find them from the manifests' JSON (check-render-parallel.ts).
 */
import type { Manifest } from '../core/manifest.js';
import type { Literal } from './literals.js';
import { collectSecretFacts } from './secret-facts.js';
import { collectStringFacts } from './string-facts.js';

export function collectStringFactInput(manifests: readonly Manifest[], literals: readonly Literal[], now: Date): Record<string, unknown> {
  const strings = collectStringFacts(manifests, literals, now);
  return {
    secret_values: collectSecretFacts(manifests, now, strings.key_material),
    literal_hits: strings.literal_hits,
    search_short: strings.search_short,
    st2_config_off: strings.st2_config_off,
    rabbitmq_guest: strings.rabbitmq_guest,
    template_unevaluable: strings.template_unevaluable,
  };
}
