/**
 * rules.test.ts's cases for the eleventh red team's holes and egress (the overlays are in
 * test/policy/redteam/fresh12-holes.ts and fresh12-egress.ts), each denied and allowed through the
 * compiled wasm.
 */
import type { Manifest } from '../../src/core/manifest.js';
import { configMap, haWorkload, secret, workload } from './support.js';
import { deny, rows, type RuleCase } from './rule-case.js';

/** An st2 service reading this st2.user.conf last. */
function reading(app: string, userConf: string): Manifest[] {
  return [
    workload(app, {
      container: { volumeMounts: [{ name: 'cfg', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' }] },
      pod: { volumes: [{ name: 'cfg', configMap: { name: 'st2-user-config' } }] },
    }),
    configMap('st2-user-config', { 'st2.user.conf': userConf }),
  ];
}

export function fresh12RuleCases(): RuleCase[] {
  const prod = 'production';
  return [
    ...rows('ST2-HRD-009', [
      [prod, 'st2scheduler with a green pool of 0 is denied', () => reading('st2scheduler', '[scheduler]\npool_size = 0\n'), deny('ST2-HRD-009', { message: 'pool_size' })],
      [prod, 'the garbage collector reading the same pool size (it schedules nothing) is allowed', () => reading('st2garbagecollector', '[scheduler]\npool_size = 0\n'), 'allowed'],
      [prod, 'a negative garbage collector TTL is denied', () => reading('st2garbagecollector', '[garbagecollector]\naction_executions_ttl = -3\n'), deny('ST2-HRD-009', { message: 'action_executions_ttl' })],
      [prod, "a 3-day TTL (st2 3.8.1's minimum is 1 day) is allowed", () => reading('st2garbagecollector', '[garbagecollector]\naction_executions_ttl = 3\n'), 'allowed'],
    ]),
    ...rows('ST2-OPS-069', [
      [prod, 'st2api killed after one second without listening is denied', () => api({ tcpSocket: { port: 9101 }, periodSeconds: 1, failureThreshold: 1 }), deny('ST2-OPS-069', { field: 'spec.template.spec.containers.0.livenessProbe', message: 'seconds=1' })],
      [prod, "st2api's liveness with Kubernetes' defaults (3 failures every 10 s) is allowed", () => api({ tcpSocket: { port: 9101 } }), 'allowed'],
    ]),
    ...rows('ST2-OPS-062', [
      [prod, 'a scheduler command st2 does not install is denied', () => [workload('st2scheduler', { container: { command: ['/opt/stackstorm/st2/bin/st2-scheduler'] } })], deny('ST2-OPS-062', { message: 'st2-scheduler' })],
      [prod, 'an image with two tags is denied', () => haWorkload('st2api', 2, { container: { image: 'stackstorm/st2api:3.8.1:3.8.1' } }), deny('ST2-OPS-062', { message: 'two tags' })],
    ]),
    // The egress piece's rules (kept overlays in test/policy/redteam/fresh12-egress.ts).
    ...rows('ST2-SEC-025', [
      [prod, "st2's [auth] api_url at a public address is denied", () => reading('st2timersengine', '[auth]\napi_url = http://203.0.113.20:9101\n'), deny('ST2-SEC-025')],
      [prod, "st2's [auth] api_url at the st2api Service is allowed", () => reading('st2timersengine', '[auth]\napi_url = http://st2api:9101\n'), 'allowed'],
    ]),
    ...rows('ST2-SEC-026', [
      [prod, 'a pack index on an unlisted host is denied', () => reading('st2timersengine', '[content]\nindex_url = https://packs.st2-community.example.net/index.json\n'), deny('ST2-SEC-026')],
      [prod, "StackStorm's own pack index is allowed", () => reading('st2timersengine', '[content]\nindex_url = https://index.stackstorm.org/v1/index.json\n'), 'allowed'],
    ]),
    ...rows('ST2-HRD-027', [
      ['staging', "a stranger's image reading a Secret beside the timers engine is denied", () => withSidecar('quay.io/someone/tool:1.0'), deny('ST2-HRD-027')],
      ['staging', 'an official image reading the same Secret beside the timers engine is allowed', () => withSidecar('busybox:1.36.1'), 'allowed'],
    ]),
  ];
}

/** st2api (two replicas) with this liveness probe. */
const api = (livenessProbe: Manifest): Manifest[] => haWorkload('st2api', 2, { container: { livenessProbe } });

/** The timers engine (one st2 pod that fires nothing else) with a sidecar of this image reading st2-auth's password. */
function withSidecar(image: string): Manifest[] {
  const timers = workload('st2timersengine');
  const pod = ((timers['spec'] as Manifest)['template'] as Manifest)['spec'] as Manifest;
  const sidecar = { name: 'tool', image, resources: { limits: { cpu: '100m', memory: '64Mi' } }, env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'st2-auth', key: 'password' } } }] };
  pod['containers'] = [...(pod['containers'] as Manifest[]), sidecar];
  return [timers, secret('st2-auth', { stringData: { password: 'kX9-generated-Password' } })];
}
