/**
 * The plugin as Argo CD runs it: plugin.yaml's generate, in a fresh copy of the
 * repo, with the exact request environment, stdout parsed as repo-server does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  argoEnv, buildCliBin, createSidecar, createWorkspace, DEFAULT_API_RESOURCES, headRevision, writeWorkspaceFile,
  type AppSpec, type Sidecar,
} from './harness.js';
import { patchText, wrapperKustomization } from '../support/kustomization-text.js';

const OVERLAYS = [
  { dir: 'overlays/dev', namespace: 'st2-dev' },
  { dir: 'overlays/staging', namespace: 'st2-staging' },
  { dir: 'overlays/prod', namespace: 'st2-prod' },
] as const;

let sidecar: Sidecar;
/** A repository whose own policy bundle is worthless: a committed wasm that is not the one built from its sources. */
let weakRepo: Sidecar;
const cleanups: (() => void)[] = [];
const revision = headRevision();
const envFor = (app: AppSpec): Record<string, string> => argoEnv(app, revision);

beforeAll(async () => {
  const bin = await buildCliBin();
  const ws = createWorkspace();
  cleanups.push(bin.cleanup, ws.cleanup);
  // A production overlay that wraps prod and breaks two rules the gate must hold.
  writeWorkspaceFile(ws.root, 'overlays/prod-timers/kustomization.yaml', wrapperKustomization('prod-timers', 'production', ['../prod'], 'replicas:\n  - name: st2timersengine\n    count: 2\n'));
  writeWorkspaceFile(ws.root, 'overlays/prod-default-secret/kustomization.yaml', wrapperKustomization('prod-default-secret', 'production', ['../prod', 'st2-auth.yaml'], ''));
  writeWorkspaceFile(ws.root, 'overlays/prod-default-secret/st2-auth.yaml', [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: st2-auth',
    '  namespace: st2-prod',
    'type: Opaque',
    'data:',
    '  username: c3QyYWRtaW4=',
    '  password: Q2hAbmdlTWU=',
    '',
  ].join('\n'));
  // Wraps prod, declares dev and adds a NodePort (a warning in dev, a denial in production).
  writeWorkspaceFile(ws.root, 'overlays/prod-says-dev/kustomization.yaml', wrapperKustomization('prod-says-dev', 'dev', ['../prod'], patchText('Service', 'st2web', '- op: add\n  path: /spec/type\n  value: NodePort')));
  sidecar = createSidecar(ws.root, bin.binDir);
  const weak = createWorkspace();
  cleanups.push(weak.cleanup);
  writeWorkspaceFile(weak.root, 'policies/bundle/policy.wasm', 'not the policy\n');
  weakRepo = createSidecar(weak.root, bin.binDir);
}, 120_000);

afterAll(() => {
  for (const c of cleanups) c();
});

describe('generate for an Application whose path is an overlay', () => {
  it.each(OVERLAYS)('renders $dir with no further settings into objects Argo CD accepts', ({ dir, namespace }) => {
    const app: AppSpec = { name: `st2-${dir.split('/')[1] ?? ''}`, path: dir, namespace };
    const r = sidecar.generate(dir, envFor(app));
    expect(r.stderr).not.toMatch(/denied|error/i);
    expect(r.code).toBe(0);
    expect(r.objects.length).toBeGreaterThan(20);
    for (const o of r.objects) {
      expect(o.apiVersion).not.toBe('');
      expect(o.kind).not.toBe('');
      expect(o.metadata.name).not.toBe('');
      expect(o.metadata.namespace ?? namespace).toBe(namespace);
    }
    expect(r.stdout.startsWith('apiVersion: ') || r.stdout.startsWith('---')).toBe(true);
    expect(r.stderr.split('\n')[0]).toMatch(new RegExp(`^st2-gitops: rendered ${dir} `));
  });

  it('prints nothing but the YAML stream on stdout and is byte-stable across runs', () => {
    const app: AppSpec = { name: 'st2-prod', path: 'overlays/prod', namespace: 'st2-prod' };
    const a = sidecar.generate('overlays/prod', envFor(app));
    const b = sidecar.generate('overlays/prod', envFor(app));
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toMatch(/^(WARN|DENY|st2-gitops:)/m);
  });
});

describe('generate for an Application at the repository root', () => {
  const rootApp = (extra: Partial<AppSpec>): AppSpec => ({ name: 'st2-root', path: '.', namespace: 'st2-staging', ...extra });

  it('picks the overlay from the plugin parameter (ARGOCD_APP_PARAMETERS)', () => {
    const r = sidecar.generate('.', envFor(rootApp({ parameters: [{ name: 'overlay', string: 'staging' }] })));
    expect(r.code).toBe(0);
    expect(r.objects.every((o) => o.metadata.namespace === undefined || o.metadata.namespace === 'st2-staging')).toBe(true);
    expect(r.stderr).toMatch(/rendered overlays\/staging \(overlay from parameter/);
  });

  it('accepts a path from the repo root as the overlay parameter', () => {
    const r = sidecar.generate('.', envFor(rootApp({ namespace: 'st2-dev', parameters: [{ name: 'overlay', string: 'overlays/dev' }] })));
    expect(r.code).toBe(0);
    expect(r.objects.some((o) => o.kind === 'Secret')).toBe(true);
  });

  it('falls back to PARAM_OVERLAY when ARGOCD_APP_PARAMETERS is absent', () => {
    const env = envFor(rootApp({ namespace: 'st2-dev', parameters: [{ name: 'overlay', string: 'dev' }] }));
    delete env['ARGOCD_APP_PARAMETERS'];
    expect(env['PARAM_OVERLAY']).toBe('dev');
    const r = sidecar.generate('.', env);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/rendered overlays\/dev/);
  });

  it('picks the overlay from ARGOCD_ENV_OVERLAY (plugin env, with Envsubst)', () => {
    const r = sidecar.generate('.', envFor(rootApp({ namespace: 'st2-prod', env: [{ name: 'OVERLAY', value: 'overlays/prod' }] })));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/rendered overlays\/prod \(overlay from ARGOCD_ENV_OVERLAY/);
  });

  it('lets the parameter win over ARGOCD_ENV_OVERLAY', () => {
    const env = envFor(rootApp({ namespace: 'st2-staging', env: [{ name: 'OVERLAY', value: 'dev' }], parameters: [{ name: 'overlay', string: 'staging' }] }));
    const r = sidecar.generate('.', env);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/rendered overlays\/staging/);
  });

  it('fails with the list of overlays when none is chosen', () => {
    const r = sidecar.generate('.', envFor(rootApp({})));
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toContain("no overlay chosen for app path '.': set the plugin parameter 'overlay' (one of: dev, prod,");
  });

  it('refuses an unknown or mistyped parameter, naming it', () => {
    const r = sidecar.generate('.', envFor(rootApp({ parameters: [{ name: 'overlays', string: 'staging' }] })));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown plugin parameter 'overlays'; supported: overlay, environment");
    const arr = sidecar.generate('.', envFor(rootApp({ parameters: [{ name: 'overlay', array: ['staging'] }] })));
    expect(arr.code).toBe(2);
    expect(arr.stderr).toContain("plugin parameter 'overlay' must be a string");
  });
});

describe('generate refuses what must not sync', () => {
  it('denies a production overlay scaling the st2timersengine singleton: non-zero, empty stdout, finding on stderr', () => {
    const r = sidecar.generate('overlays/prod-timers', envFor({ name: 'st2-prod-timers', path: 'overlays/prod-timers', namespace: 'st2-prod' }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const [first, ...rest] = r.stderr.split('\n');
    expect(first).toMatch(/^st2-gitops: overlays\/prod-timers denied by policy: \d+ blocking findings? \(environment production, judged as production\); nothing was rendered or synced/);
    expect(rest.join('\n')).toMatch(/^DENY \S+ Deployment st2-prod\/st2timersengine spec\.replicas/m);
    expect(r.stderr.split('\n').length).toBeLessThanOrEqual(14);
  });

  it('denies a production overlay adding a chart default Secret value', () => {
    const r = sidecar.generate('overlays/prod-default-secret', envFor({ name: 'x', path: 'overlays/prod-default-secret', namespace: 'st2-prod' }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^DENY ST2-SEC-\d+ Secret st2-prod\/st2-auth/m);
  });

  it('denies dev when judged as production through the environment parameter', () => {
    const r = sidecar.generate('overlays/dev', envFor({ name: 'st2-dev', path: 'overlays/dev', namespace: 'st2-dev', parameters: [{ name: 'environment', string: 'production' }] }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/judged as production/);
  });

  it('keeps the Application environment as a floor: an overlay declaring dev is still judged as production', () => {
    const r = sidecar.generate('overlays/prod-says-dev', envFor({ name: 'x', path: 'overlays/prod-says-dev', namespace: 'st2-prod', parameters: [{ name: 'environment', string: 'production' }] }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/judged as production/);
    expect(r.stderr).toMatch(/^DENY ST2-EXP-002 /m);
  });

  it('cannot be loosened by a dev parameter on a production overlay', () => {
    const r = sidecar.generate('overlays/prod-timers', envFor({ name: 'x', path: 'overlays/prod-timers', namespace: 'st2-prod', parameters: [{ name: 'environment', string: 'dev' }] }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/judged as production/);
  });

  it('refuses resources the cluster does not serve (KUBE_API_VERSIONS without policy/v1 PodDisruptionBudget)', () => {
    const apis = DEFAULT_API_RESOURCES.filter((r) => r !== 'policy/v1/PodDisruptionBudget');
    const r = sidecar.generate('overlays/prod', envFor({ name: 'st2-prod', path: 'overlays/prod', namespace: 'st2-prod', kubeVersion: '1.20.15', kubeApiVersions: apis }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const first = r.stderr.split('\n')[0] ?? '';
    expect(first).toContain('use an API the destination cluster (Kubernetes 1.20.15) does not serve: policy/v1/PodDisruptionBudget; nothing was rendered');
    expect(r.stderr).toMatch(/^ {2}policy\/v1\/PodDisruptionBudget st2-prod\/\S+$/m);
  });

  it('refuses ExternalSecrets on a cluster without the External Secrets operator', () => {
    const apis = DEFAULT_API_RESOURCES.filter((r) => !r.startsWith('external-secrets.io/'));
    const r = sidecar.generate('overlays/staging', envFor({ name: 'st2-staging', path: 'overlays/staging', namespace: 'st2-staging', kubeApiVersions: apis }));
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toContain('external-secrets.io/v1/ExternalSecret');
  });

  it('refuses a destination namespace that differs from the overlay namespace', () => {
    const r = sidecar.generate('overlays/prod', envFor({ name: 'st2-prod', path: 'overlays/prod', namespace: 'default' }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(
      "st2-gitops: destination namespace 'default' does not match overlays/prod, which renders into 'st2-prod'; nothing was rendered. Fix: set spec.destination.namespace to 'st2-prod' (the overlay's namespace always wins; change 'namespace:' in overlays/prod/kustomization.yaml to move the app).",
    );
  });

  it('accepts an empty destination namespace (the overlay namespace is used as is)', () => {
    const r = sidecar.generate('overlays/dev', envFor({ name: 'st2-dev', path: 'overlays/dev', namespace: '' }));
    expect(r.code).toBe(0);
  });
});

describe('which policy bundle gates the plugin (the repository is what is judged)', () => {
  const app: AppSpec = { name: 'st2-prod', path: 'overlays/prod', namespace: 'st2-prod' };

  it("gates with the sidecar image's own bundle by default, whatever the repository commits under policies/bundle", () => {
    const r = weakRepo.generate('overlays/prod', envFor(app));
    expect(r.stderr).not.toContain('policy bundle is corrupt');
    expect(r.code).toBe(0);
    expect(r.objects.length).toBeGreaterThan(0);
  });

  it('uses the repository bundle only when the sidecar sets ST2_GITOPS_POLICY_SOURCE=repository (and then fails closed on a bad one)', () => {
    const r = weakRepo.generate('overlays/prod', { ...envFor(app), ST2_GITOPS_POLICY_SOURCE: 'repository' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('policy bundle is corrupt: policy.wasm or data.json does not match manifest.json');
  });

  it('cannot be switched by the Application: plugin env arrives as ARGOCD_ENV_*, which the image ignores', () => {
    const r = weakRepo.generate('overlays/prod', envFor({ ...app, env: [{ name: 'ST2_GITOPS_POLICY_SOURCE', value: 'repository' }] }));
    expect(r.code).toBe(0);
  });

  it('refuses an unknown ST2_GITOPS_POLICY_SOURCE', () => {
    const r = weakRepo.generate('overlays/prod', { ...envFor(app), ST2_GITOPS_POLICY_SOURCE: 'whatever' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("ST2_GITOPS_POLICY_SOURCE must be 'image' or 'repository', not 'whatever'");
  });
});
