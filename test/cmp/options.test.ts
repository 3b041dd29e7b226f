/** The pure parts of the plugin edge: env → options, served APIs, namespace rule. */
import { describe, expect, it } from 'vitest';
import { checkDestinationNamespace, findUnservedResources, readCmpOptions, readParameters, resolveContext } from '../../src/cmp/index.js';

const noDirs = (): boolean => false;

describe('readParameters', () => {
  it('reads the exact bytes Argo CD writes (keys sorted, compact, HTML-escaped)', () => {
    const json = '[{"array":["values-dev.yaml"],"name":"values-files"},{"map":{"image.tag":"v1.2.3"},"name":"helm-parameters"},{"name":"overlay","string":"a\\u003cb\\u0026c"}]';
    expect(readParameters({ ARGOCD_APP_PARAMETERS: json })).toEqual([
      { name: 'values-files', array: ['values-dev.yaml'], string: undefined, map: undefined },
      { name: 'helm-parameters', map: { 'image.tag': 'v1.2.3' }, string: undefined, array: undefined },
      { name: 'overlay', string: 'a<b&c', array: undefined, map: undefined },
    ]);
  });

  it('treats null like no parameters, and ignores PARAM_* when the JSON is present', () => {
    expect(readParameters({ ARGOCD_APP_PARAMETERS: 'null', PARAM_OVERLAY: 'dev' })).toEqual([]);
    expect(readParameters({ PARAM_OVERLAY: 'dev' })).toEqual([{ name: 'overlay', string: 'dev' }]);
  });

  it('names the problem in malformed JSON', () => {
    expect(() => readParameters({ ARGOCD_APP_PARAMETERS: '{' })).toThrow(/ARGOCD_APP_PARAMETERS is not valid JSON/);
    expect(() => readParameters({ ARGOCD_APP_PARAMETERS: '[{"name":"overlay","string":3}]' })).toThrow("ARGOCD_APP_PARAMETERS[0] (overlay): 'string' must be a string");
  });
});

describe('resolveContext', () => {
  it('takes the repo root as cwd minus ARGOCD_APP_SOURCE_PATH', () => {
    expect(resolveContext({ ARGOCD_APP_SOURCE_PATH: 'overlays/prod/' }, '/tmp/_cmp_server/u1/overlays/prod', () => '/x')).toEqual({ root: '/tmp/_cmp_server/u1', appPath: 'overlays/prod' });
    expect(resolveContext({ ARGOCD_APP_SOURCE_PATH: '.' }, '/tmp/_cmp_server/u1', () => '/x')).toEqual({ root: '/tmp/_cmp_server/u1', appPath: '.' });
    expect(resolveContext({ ARGOCD_APP_SOURCE_PATH: '' }, '/w/u1', () => '/x')).toEqual({ root: '/w/u1', appPath: '.' });
  });

  it('refuses a cwd that does not end with the source path, and paths leaving the repo', () => {
    expect(() => resolveContext({ ARGOCD_APP_SOURCE_PATH: 'overlays/prod' }, '/w/u1/overlays/dev', () => '/x')).toThrow(/does not end with ARGOCD_APP_SOURCE_PATH 'overlays\/prod'/);
    expect(() => resolveContext({ ARGOCD_APP_SOURCE_PATH: '../x' }, '/w/u1', () => '/x')).toThrow(/leaves the repository/);
  });

  it('falls back to the caller (findRepoRoot) outside Argo CD', () => {
    expect(resolveContext({}, '/r/overlays/dev', () => '/r')).toEqual({ root: '/r', appPath: 'overlays/dev' });
  });
});

describe('readCmpOptions', () => {
  const ctx = { root: '/r', appPath: '.' };
  it('resolves a bare overlay name under overlays/ and keeps other values as repo paths', () => {
    const isDir = (p: string): boolean => p === 'overlays/prod';
    expect(readCmpOptions({ ARGOCD_ENV_OVERLAY: 'prod' }, ctx, isDir).overlay).toBe('overlays/prod');
    expect(readCmpOptions({ ARGOCD_ENV_OVERLAY: './envs/qa/' }, ctx, isDir).overlay).toBe('envs/qa');
    expect(() => readCmpOptions({ ARGOCD_ENV_OVERLAY: '../../etc' }, ctx, isDir)).toThrow(/leaves the repository/);
  });

  it('treats empty values as unset and splits KUBE_API_VERSIONS', () => {
    const o = readCmpOptions({ ARGOCD_ENV_OVERLAY: '', ARGOCD_ENV_ENVIRONMENT: ' ', KUBE_API_VERSIONS: 'apps/v1,apps/v1/Deployment', ARGOCD_APP_NAMESPACE: 'st2-dev' }, { root: '/r', appPath: 'overlays/dev' }, noDirs);
    expect(o).toMatchObject({ overlay: 'overlays/dev', overlaySource: 'app path', environment: undefined, destinationNamespace: 'st2-dev', kubeApiVersions: ['apps/v1', 'apps/v1/Deployment'] });
  });
});

describe('findUnservedResources', () => {
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a', namespace: 'n' } };
  const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
  const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' }, spec: { group: 'example.com', names: { kind: 'Widget' }, versions: [{ name: 'v1' }] } };

  it('checks nothing when the cluster is unknown', () => {
    expect(findUnservedResources([deployment, widget], [])).toEqual([]);
  });

  it('names resources whose apiVersion/Kind is not served, counting CRDs in the same render', () => {
    const served = ['apps/v1', 'apps/v1/Deployment', 'apiextensions.k8s.io/v1/CustomResourceDefinition'];
    expect(findUnservedResources([deployment, widget], served)).toEqual([{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', namespace: '' }]);
    expect(findUnservedResources([deployment, widget, crd], served)).toEqual([]);
  });
});

describe('checkDestinationNamespace', () => {
  const m = (ns: string): Record<string, unknown> => ({ kind: 'Service', metadata: { name: 's', namespace: ns } });
  it('passes when the destination is one of the rendered namespaces, or empty', () => {
    expect(checkDestinationNamespace([m('st2-dev')], 'st2-dev', 'overlays/dev')).toBeUndefined();
    expect(checkDestinationNamespace([m('st2-dev')], '', 'overlays/dev')).toBeUndefined();
  });
  it('fails naming the namespace to set', () => {
    expect(checkDestinationNamespace([m('st2-dev')], 'default', 'overlays/dev')).toMatch(/^st2-gitops: destination namespace 'default' does not match overlays\/dev, which renders into 'st2-dev'/);
  });
});

describe('resolveContext under argocd-cmp-server', () => {
  it('takes the root from the checkout (<workdir>/_cmp_server/<uuid>), not from the cwd', () => {
    expect(resolveContext({ ARGOCD_APP_SOURCE_PATH: 'overlays/prod' }, '/tmp/_cmp_server/u1/overlays/prod', () => '/x')).toEqual({ root: '/tmp/_cmp_server/u1', appPath: 'overlays/prod' });
  });

  it('refuses an app path that goes through a symlink, even when the real cwd ends with it', () => {
    // x -> y/x inside the checkout: the real cwd ends with x/overlays/prod, so cutting that off would make y/ the root.
    expect(() => resolveContext({ ARGOCD_APP_SOURCE_PATH: 'x/overlays/prod' }, '/tmp/_cmp_server/u1/y/x/overlays/prod', () => '/x')).toThrow(
      /is not ARGOCD_APP_SOURCE_PATH 'x\/overlays\/prod' of the checkout \/tmp\/_cmp_server\/u1: the app path goes through a symlink/,
    );
    // A directory of the repository named _cmp_server does not move the checkout.
    expect(() => resolveContext({ ARGOCD_APP_SOURCE_PATH: 'overlays/prod' }, '/tmp/_cmp_server/u1/a/_cmp_server/b/overlays/prod', () => '/x')).toThrow(/goes through a symlink/);
  });
});
