/**
 * Two objects of the render landing as one, in kept cases with their look-alikes (the
 * eighteenth red team's bad-dup-resource). A resource without metadata.namespace lands in the
 * destination namespace, where the render may already hold its group, kind and name; kustomize
 * keeps both (their ids differ before landing, or in version only). Argo CD v3.2.6 applies only
 * the last of the objects sharing group, kind, landed namespace and name and raises a
 * RepeatedResourceWarning (controller/state.go DeduplicateTargetObjects): the gate judged two
 * objects, the cluster runs one. Copies that differ are denied (ST2-OPS-082); copies equal once
 * landed (labels or annotations only one of them sets aside) are judged once and pass.
 */
import type { RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';

type Json = Record<string, unknown>;

const URLS = { ST2_API_URL: 'http://st2api:9101/', ST2_AUTH_URL: 'http://st2auth:9100/', ST2_STREAM_URL: 'http://st2stream:9102/' };
const configMap = (name: string, data: Json, metadata: Json = {}): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...metadata }, data });
const api = { app: 'st2api', release: 'st2', support: 'enterprise' };
const pdb = (spec: Json, apiVersion = 'policy/v1', metadata: Json = {}): Json => ({ apiVersion, kind: 'PodDisruptionBudget', metadata: { name: 'st2api', ...metadata }, spec: { selector: { matchLabels: api }, ...spec } });
const service = (port: number): Json => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'st2api' }, spec: { type: 'ClusterIP', selector: api, ports: [{ name: 'http', port, protocol: 'TCP' }] } });

export function fresh19DupCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const OPS82 = 'ST2-OPS-082';
  const add = (id: string, rule: string | undefined, resources: Json[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f19d-${id}`, 'environment', rule, { wraps, resources }));
  };

  // --- Copies that differ: the cluster runs one of them (ST2-OPS-082) ------------------------------
  add('urls-other-data', OPS82, [configMap('st2-urls', { note: 'replaced' })]);
  add('urls-api-outside', OPS82, [configMap('st2-urls', { ...URLS, ST2_API_URL: 'https://st2api.example.org/' })]);
  add('urls-other-data-staging', OPS82, [configMap('st2-urls', { note: 'replaced' })], 'staging');
  add('pdb-looser', OPS82, [pdb({ maxUnavailable: '100%' })]);
  add('service-other-port', OPS82, [service(9999)]);
  add('urls-label-clash', OPS82, [configMap('st2-urls', URLS, { labels: { environment: 'dev' } })]);
  // --- Look-alikes: equal once landed, or landing apart --------------------------------------------
  add('safe-urls-same', undefined, [configMap('st2-urls', URLS)]);
  add('safe-urls-same-with-own-label', undefined, [configMap('st2-urls', URLS, { labels: { team: 'platform' } })]);
  add('safe-pdb-same', undefined, [pdb({ maxUnavailable: 1 })]);
  add('safe-urls-other-name', undefined, [configMap('st2-urls-notes', { note: 'kept apart' })]);
  return cases;
}
