/**
 * Discovery and plugin.yaml's dynamic parameters, run as argocd-cmp-server runs them.
 * The shipped plugin.yaml declares no discover block (see README, Use with Argo CD, and
 * bench/argocd-generate.mjs); `st2-gitops cmp discover` stays for instances that add one,
 * so it is tested here through the block such an instance would add.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argoEnv, buildCliBin, createSidecar, createWorkspace, headRevision, readPluginConfig, writeWorkspaceFile, type Sidecar } from './harness.js';

let sidecar: Sidecar;
let workspaceRoot = '';
const cleanups: (() => void)[] = [];
const envAt = (path: string): Record<string, string> => argoEnv({ name: 'probe', path, namespace: '' }, headRevision());

beforeAll(async () => {
  const bin = await buildCliBin();
  const ws = createWorkspace();
  cleanups.push(bin.cleanup, ws.cleanup);
  workspaceRoot = ws.root;
  // A plain kustomize app living in the same repo must stay with Argo CD's own kustomize.
  writeWorkspaceFile(ws.root, 'apps/other/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n');
  // A broken kustomization that declares an environment is still ours, so generate explains the error.
  writeWorkspaceFile(ws.root, 'overlays/broken/kustomization.yaml', 'metadata:\n  annotations:\n    st2-gitops/environment: dev\nresources: [../missing]\n');
  const shipped = readPluginConfig(ws.root);
  sidecar = createSidecar(ws.root, bin.binDir, { ...shipped, spec: { ...shipped.spec, discover: { find: { command: ['st2-gitops', 'cmp', 'discover'] } } } });
}, 120_000);

afterAll(() => {
  for (const c of cleanups) c();
});

describe('discover', () => {
  it('is not declared by the shipped plugin.yaml: Applications name the plugin', () => {
    expect(readPluginConfig(workspaceRoot).spec.discover).toBeUndefined();
  });

  it.each(['overlays/dev', 'overlays/staging', 'overlays/prod', 'overlays/broken', '.'])('matches %s', (path) => {
    expect(sidecar.discover(path, envAt(path))).toBe(true);
  });

  it.each(['base', 'components/hardening', 'components/default-secrets', 'overlays', 'policies', 'policies/bundle', 'deploy/argocd', 'deploy/argocd/applications', 'apps/other', 'overlays/prod/patches'])(
    'does not match %s',
    (path) => {
      expect(sidecar.discover(path, envAt(path))).toBe(false);
    },
  );

  it('matches with only the auto-detect environment (newEnv variables, no KUBE_* or parameters)', () => {
    const env = envAt('overlays/prod');
    for (const key of ['KUBE_VERSION', 'KUBE_API_VERSIONS', 'ARGOCD_APP_PARAMETERS']) delete env[key];
    expect(sidecar.discover('overlays/prod', env)).toBe(true);
  });
});

describe('dynamic parameters', () => {
  const announcementsAt = (path: string): readonly Record<string, unknown>[] => {
    const full = envAt(path);
    // GetParametersAnnouncement sends only these variables (reference §2.4).
    const env: Record<string, string> = {};
    for (const key of ['ARGOCD_APP_NAME', 'ARGOCD_APP_SOURCE_REPO_URL', 'ARGOCD_APP_SOURCE_PATH', 'ARGOCD_APP_SOURCE_TARGET_REVISION', 'ARGOCD_APP_PARAMETERS']) {
      const v = full[key];
      if (v !== undefined) env[key] = v;
    }
    const r = sidecar.parameters(path, env);
    expect(r.code).toBe(0);
    const parsed: unknown = JSON.parse(r.stdout);
    expect(Array.isArray(parsed)).toBe(true);
    return parsed as readonly Record<string, unknown>[];
  };

  it.each(['.', 'overlays/prod'])('prints a JSON array of announcements listing the overlays (app at %s)', (path) => {
    const announcements = announcementsAt(path);
    const list = announcements.find((a) => a['name'] === 'available-overlays');
    expect(list).toMatchObject({ collectionType: 'array', itemType: 'string' });
    expect(list?.['array']).toEqual(['overlays/broken', 'overlays/dev', 'overlays/prod', 'overlays/staging']);
    expect(announcements.find((a) => a['name'] === 'overlay-environments')?.['map']).toMatchObject({ 'overlays/prod': 'production', 'overlays/dev': 'dev' });
    for (const a of announcements) {
      expect(typeof a['name']).toBe('string');
      if (a['array'] !== undefined || a['map'] !== undefined) expect(a['collectionType']).toBeDefined();
    }
  });

  it('never repeats a static announcement name (dynamic ++ static)', () => {
    const staticNames = (sidecar.config.spec.parameters?.static ?? []).map((a) => a['name']);
    expect(staticNames).toEqual(['overlay', 'environment']);
    const dynamicNames = announcementsAt('.').map((a) => a['name']);
    expect(dynamicNames.filter((n) => staticNames.includes(n))).toEqual([]);
  });
});
