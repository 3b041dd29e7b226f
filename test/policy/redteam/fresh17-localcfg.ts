/**
 * The seventeenth red team's renderer divergence (test/attackers/red17,
 * dropped.tsv argo-local-config-etcd), kept with variants and safe
 * look-alikes: kustomize leaves out of its output every resource annotated
 * `config.kubernetes.io/local-config` with any value but "false"
 * (api/resource/factory.go DropLocalNodes, at the end of the top-level
 * build), so Argo CD never applies it and prunes what it had applied. The
 * renderer drops it too (src/render/local-config.ts), and the gate judges the
 * render without it: a store, a st2 service or the Service st2 connects
 * through marked that way is missing (ST2-REP-011).
 *
 * Safe: the annotation at "false", on a pod template (just an annotation
 * there), a key that only starts with it, and an extra local ConfigMap that is
 * only a replacement source for values that do reach the render.
 */
import type { RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, STS, add, patch, type Json } from './targets.js';

const LOCAL = '/metadata/annotations/config.kubernetes.io~1local-config';
const SVC = (name: string): Json => ({ version: 'v1', kind: 'Service', name });
const local = (target: Json, value: unknown, wraps: Wrapped = 'prod'): CaseBody => ({ wraps, patches: [patch(target, add(LOCAL, value))] });

export function fresh17LocalConfigCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add17 = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f17l-${id}`, 'components', rule, body));
  };
  const REP011 = 'ST2-REP-011';

  // --- Marked local: kustomize drops it, Argo CD never applies it (ST2-REP-011) ---------------------
  add17('etcd-true', REP011, local(STS('etcd'), 'true'));
  add17('mongodb-empty-staging', REP011, local(STS('mongodb'), '', 'staging'));
  add17('rabbitmq-capital-false', REP011, local(STS('rabbitmq'), 'False'));
  add17('st2api-zero', REP011, local(DEPLOY('st2api'), '0'));
  add17('etcd-service-yes-staging', REP011, local(SVC('etcd'), 'yes', 'staging'));
  add17('every-resource-common-annotation', REP011, { extra: ['commonAnnotations:', '  config.kubernetes.io/local-config: "true"'] });

  // --- Safe look-alikes --------------------------------------------------------------------------------
  add17('safe-etcd-false', undefined, local(STS('etcd'), 'false'));
  add17('safe-etcd-pod-template', undefined, {
    patches: [patch(STS('etcd'), add('/spec/template/metadata/annotations', { 'config.kubernetes.io/local-config': 'true' }))],
  });
  add17('safe-etcd-longer-key', undefined, { patches: [patch(STS('etcd'), add('/metadata/annotations/config.kubernetes.io~1local-config-note', 'true'))] });
  add17('safe-local-replacement-source', undefined, {
    resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'team-settings', annotations: { 'config.kubernetes.io/local-config': 'true' } }, data: { owner: 'platform-team' } }],
    extra: [
      'replacements:',
      '  - source: {kind: ConfigMap, name: team-settings, fieldPath: data.owner}',
      '    targets:',
      '      - select: {kind: Deployment, name: st2api}',
      '        fieldPaths: [metadata.annotations.example\\.com/owner]',
      '        options: {create: true}',
    ],
  });
  return cases;
}
