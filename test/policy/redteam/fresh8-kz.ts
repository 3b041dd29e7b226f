/**
 * The eighth red team (issue 12), its kustomize-feature case: an overlay
 * using `replacements` to copy st2web's Ingress host into its TLS hosts
 * was refused as bad input (the renderer did not implement the field). The
 * renderer now does, byte-identically with kubectl (test/fixtures/kustomize/
 * replacements-*), so the case renders and is judged like any other.
 *
 * The attacker's next variant uses the same field to make the unsafe
 * change instead of writing it: a Service type copied from a ConfigMap, a
 * singleton's replica count copied from a scaled Deployment. The gate
 * judges the rendered stream, after every replacement, so these are denied
 * by the rules that deny the change written out; the safe look-alikes copy
 * a Deployment's image tag into an annotation and a host into a created
 * TLS entry.
 *
 * No case writes a published default.
 */
import type { RedTeamCase } from './corpus.js';

const lines = (text: string): string[] => text.replace(/^\n/, '').trimEnd().split('\n');

export function fresh8KzCorpus(): RedTeamCase[] {
  const allow = (id: string, cls: RedTeamCase['cls'], body: Partial<RedTeamCase>): RedTeamCase => ({ id, cls, wraps: 'prod', expect: 'allow', ...body });
  const deny = (id: string, cls: RedTeamCase['cls'], rule: string, body: Partial<RedTeamCase>): RedTeamCase => ({ id, cls, wraps: 'prod', expect: 'deny', rule, ...body });
  return [
    // The attacker's case, rewritten: the TLS entry's host follows the rule's host.
    allow('f8-kz-replacements-ingress-host', 'exposure', {
      extra: lines(`
replacements:
  - source:
      kind: Ingress
      name: st2web
      fieldPath: spec.rules.0.host
    targets:
      - select:
          kind: Ingress
          name: st2web
        fieldPaths:
          - spec.tls.0.hosts.0`),
    }),
    // Look-alikes: an image tag picked out with a delimiter into a created annotation; a list entry created by [k=v].
    allow('f8-kz-replacements-image-tag-annotation', 'exposure', {
      extra: lines(`
replacements:
  - source:
      kind: Deployment
      name: st2api
      fieldPath: spec.template.spec.containers.0.image
      options: {delimiter: ":", index: 1}
    targets:
      - select: {kind: Deployment, labelSelector: "app=st2api"}
        fieldPaths: [metadata.annotations.example\\.com/st2-version]
        options: {create: true}`),
    }),
    allow('f8-kz-replacements-created-env-entry', 'availability', {
      extra: lines(`
replacements:
  - source: {kind: Ingress, name: st2web, fieldPath: spec.rules.0.host}
    targets:
      - select: {kind: Deployment, name: st2web}
        fieldPaths: ["spec.template.spec.containers.0.env.[name=PUBLIC_HOST].value"]
        options: {create: true}`),
    }),
    // Variants: the unsafe change made by a replacement rather than written out.
    deny('f8-kz-replacements-service-type-from-configmap', 'exposure', 'ST2-EXP-007', {
      resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kz-service-type' }, data: { type: 'LoadBalancer' } }],
      extra: lines(`
replacements:
  - source: {kind: ConfigMap, name: kz-service-type, fieldPath: data.type}
    targets:
      - select: {kind: Service, name: st2web}
        fieldPaths: [spec.type]
        options: {create: true}`),
    }),
    deny('f8-kz-replacements-singleton-replicas', 'availability', 'ST2-REP-001', {
      extra: lines(`
replacements:
  - source: {kind: Deployment, name: st2api, fieldPath: spec.replicas}
    targets:
      - select: {kind: Deployment, name: st2timersengine}
        fieldPaths: [spec.replicas]`),
    }),
  ];
}
