/**
 * rules.test.ts's cases for the sixteenth red team's pods that never run (the
 * overlays are in test/policy/redteam/fresh16-runs.ts): readiness gates and
 * spec.os.name (ST2-OPS-028), postStart hooks (ST2-OPS-066, ST2-OPS-069),
 * startup probes (ST2-OPS-069), the packs volume's sizeLimit and ConfigMap
 * keys (ST2-OPS-062), each denied and allowed through the compiled wasm.
 */
import type { Manifest } from '../../src/core/manifest.js';
import { configMap, haWorkload, workload } from './support.js';
import { deny, rows, type RuleCase } from './rule-case.js';

const prod = 'production';
const COPY = '/bin/cp -aR /opt/stackstorm/packs/. /opt/stackstorm/packs-shared';

/** The sensor container with the chart's st2-system-packs copy into a packs emptyDir of this sizeLimit. */
const packsVolume = (sizeLimit: string): Manifest[] => [
  workload('st2sensorcontainer', {
    container: { volumeMounts: [{ name: 'packs', mountPath: '/opt/stackstorm/packs', readOnly: true }] },
    pod: {
      initContainers: [
        {
          name: 'st2-system-packs',
          image: 'stackstorm/st2actionrunner:3.8.1',
          command: ['sh', '-ec', COPY],
          resources: { limits: { cpu: '100m', memory: '64Mi' } },
          volumeMounts: [{ name: 'packs', mountPath: '/opt/stackstorm/packs-shared' }],
        },
      ],
      volumes: [{ name: 'packs', emptyDir: { sizeLimit } }],
    },
  }),
];

const keyRef = (key: string): Manifest[] => [
  configMap('st2-extra', { ST2_EXTRA: 'value' }),
  ...haWorkload('st2rulesengine', 2, { container: { env: [{ name: 'ST2_EXTRA', valueFrom: { configMapKeyRef: { name: 'st2-extra', key } } }] } }),
];

export function fresh16RunsRuleCases(): RuleCase[] {
  const timers = (pod: Manifest = {}, container: Manifest = {}): Manifest[] => [workload('st2timersengine', { pod, container })];
  return [
    ...rows('ST2-OPS-028', [
      [prod, 'a readiness gate no controller sets is denied', () => timers({ readinessGates: [{ conditionType: 'example.com/warm' }] }), deny('ST2-OPS-028', { message: 'value=example.com/warm' })],
      [prod, 'spec.os.name windows on a Linux image is denied', () => timers({ os: { name: 'windows' } }), deny('ST2-OPS-028', { field: 'spec.template.spec' })],
      [prod, 'spec.os.name linux is allowed', () => timers({ os: { name: 'linux' } }), 'allowed'],
    ]),
    ...rows('ST2-OPS-066', [
      [prod, 'a postStart hook running exit 1 is denied', () => timers({}, { lifecycle: { postStart: { exec: { command: ['sh', '-c', 'exit 1'] } } } }), deny('ST2-OPS-066', { message: 'probe=postStart hook' })],
      [prod, 'a postStart hook writing a marker file is allowed', () => timers({}, { lifecycle: { postStart: { exec: { command: ['sh', '-c', 'date > /tmp/started'] } } } }), 'allowed'],
    ]),
    ...rows('ST2-OPS-069', [
      [prod, 'a one-second startup probe on st2api is denied', () => haWorkload('st2api', 2, { container: { startupProbe: { tcpSocket: { port: 9101 }, periodSeconds: 1, failureThreshold: 1 } } }), deny('ST2-OPS-069', { message: 'probe=startupProbe' })],
      [prod, 'a postStart httpGet on st2api’s own port is denied', () => haWorkload('st2api', 2, { container: { lifecycle: { postStart: { httpGet: { path: '/', port: 9101 } } } } }), deny('ST2-OPS-069', { message: 'probe=postStart hook' })],
      [prod, 'a startup probe with Kubernetes’ defaults on st2api is allowed', () => haWorkload('st2api', 2, { container: { startupProbe: { tcpSocket: { port: 9101 } } } }), 'allowed'],
    ]),
    ...rows('ST2-OPS-062', [
      [prod, 'a 64 KiB packs volume is denied', () => packsVolume('64Ki'), deny('ST2-OPS-062', { message: 'volume=packs' })],
      [prod, 'a 2 MiB packs volume is allowed', () => packsVolume('2Mi'), 'allowed'],
      [prod, 'a 512 KiB packs volume (more than the packs’ bytes, fewer than their 4 KiB blocks) is denied', () => packsVolume('512Ki'), deny('ST2-OPS-062', { message: 'minimum=724992' })],
      [prod, 'a 1 MiB packs volume is allowed', () => packsVolume('1Mi'), 'allowed'],
      [prod, 'a configMapKeyRef to a key the ConfigMap lacks is denied', () => keyRef('ST2_OTHER'), deny('ST2-OPS-062', { message: 'has no key ST2_OTHER' })],
      [prod, 'a configMapKeyRef to a key the ConfigMap has is allowed', () => keyRef('ST2_EXTRA'), 'allowed'],
    ]),
  ];
}
