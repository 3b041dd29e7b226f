/**
 * The namespaces whose st2 config kustomize dropped as local configuration
 * (local-config-facts.ts; replicas_needed.rego judges them for ST2-REP-011):
 * a dropped ConfigMap counts where one of its data texts has an st2 section
 * header on a line of its own, as lib.rego's st2_config_texts reads it;
 * namespace-less ones land where the render lands.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { localConfigSt2Namespaces } from '../../src/policy/local-config-facts.js';

const cm = (name: string, data: Record<string, unknown>, namespace?: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
  data,
});

const CASES: ReadonlyArray<readonly [string, readonly Manifest[], readonly string[]]> = [
  ['st2 config in a namespace', [cm('st2-config', { 'st2.docker.conf': '[auth]\nenable = True\n' }, 'st2-prod')], ['st2-prod']],
  ['a header with blanks around it', [cm('st2-config', { 'st2.user.conf': '  [coordination] \t\nurl = etcd://etcd:2379\n' }, 'st2-staging')], ['st2-staging']],
  ['namespace-less: where the render lands', [cm('st2-config', { a: '[database]\nhost = mongodb\n' })], ['landing']],
  ['several, sorted and once each', [cm('b', { a: '[api]\n' }, 'st2-staging'), cm('a', { a: '[rbac]\n' }, 'st2-prod'), cm('c', { a: '[auth]\n' }, 'st2-prod')], ['st2-prod', 'st2-staging']],
  ['not an st2 section', [cm('team', { a: '[server]\nport = 80\n' }, 'st2-prod')], []],
  ['a header inside a line', [cm('team', { a: 'see [auth] in st2.conf\n' }, 'st2-prod')], []],
  ['a non-string value', [cm('team', { a: 1 }, 'st2-prod')], []],
  ['a Secret is not read', [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'st2-prod' }, stringData: { a: '[auth]\n' } }], []],
  ['a workload is not read', [{ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'etcd', namespace: 'st2-prod' }, spec: {} }], []],
  ['nothing dropped', [], []],
];

describe('localConfigSt2Namespaces', () => {
  it.each(CASES)('%s', (_name, dropped, expected) => {
    expect(localConfigSt2Namespaces(dropped, 'landing')).toEqual(expected);
  });
});
