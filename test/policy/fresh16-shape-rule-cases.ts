/**
 * rules.test.ts's cases for the sixteenth red team's shape rule (the overlays
 * are in test/policy/redteam/fresh16-shape.ts): ST2-OPS-081, st2's content and
 * RBAC Jobs that start no pod, denied and allowed through the compiled wasm.
 */
import type { Manifest } from '../../src/core/manifest.js';
import { meta } from './support.js';
import { deny, rows, type RuleCase } from './rule-case.js';

/** A PostSync Job running one st2 tool, with these spec fields. */
const toolJob = (program: string, spec: Manifest): Manifest[] => [{
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: meta(program, { annotations: { 'argocd.argoproj.io/hook': 'PostSync' } }),
  spec: { ...spec, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'job', image: 'stackstorm/st2actionrunner:3.8.1', command: [`/opt/stackstorm/st2/bin/${program}`, '--config-file=/etc/st2/st2.conf'], resources: { limits: { cpu: '500m', memory: '512Mi' } } }] } } },
}];

export function fresh16ShapeRuleCases(): RuleCase[] {
  const prod = 'production';
  return [
    ...rows('ST2-OPS-081', [
      [prod, 'a suspended st2-register-content Job is denied', () => toolJob('st2-register-content', { suspend: true }), deny('ST2-OPS-081', { field: 'spec.suspend', message: 'program=st2-register-content' })],
      [prod, 'st2-apply-rbac-definitions at parallelism 0 is denied', () => toolJob('st2-apply-rbac-definitions', { parallelism: 0 }), deny('ST2-OPS-081', { field: 'spec.parallelism' })],
      [prod, 'st2-register-content with suspend false and more retries is allowed', () => toolJob('st2-register-content', { suspend: false, backoffLimit: 6 }), 'allowed'],
    ]),
  ];
}
