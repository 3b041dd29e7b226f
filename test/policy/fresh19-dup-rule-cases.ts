/**
 * rules.test.ts's cases for ST2-OPS-082, two objects of the render landing as
 * one (the overlays are in test/policy/redteam/fresh19-dup.ts): a resource
 * without metadata.namespace lands in the namespace where the render already
 * holds its kind and name. Argo CD applies only the last copy; copies equal
 * once landed are judged once, copies that differ are denied.
 */
import type { Manifest } from '../../src/core/manifest.js';
import { meta } from './support.js';
import { deny, rows, type RuleCase } from './rule-case.js';

/** st2's URLs ConfigMap: placed in the render's namespace, or without metadata.namespace. */
const urls = (data: Record<string, string>, placed: boolean): Manifest => {
  const { namespace, ...unplaced } = meta('st2-urls');
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: placed ? { namespace, ...unplaced } : unplaced, data };
};
const URLS = { ST2_API_URL: 'https://st2.example/api' };

export function fresh19DupRuleCases(): RuleCase[] {
  const prod = 'production';
  return [
    ...rows('ST2-OPS-082', [
      [prod, 'a namespace-less ConfigMap with other data beside the placed one is denied', () => [urls(URLS, true), urls({ a: 'b' }, false)], deny('ST2-OPS-082', { field: 'metadata.name', message: 'argo_cd=applies this copy' })],
      [prod, 'the same ConfigMap twice, once without a namespace, is judged once and allowed', () => [urls(URLS, true), urls(URLS, false)], 'allowed'],
    ]),
  ];
}
