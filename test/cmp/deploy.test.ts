/**
 * deploy/argocd checked structurally (no cluster, no image build here): the files
 * parse, reference each other and plugin.yaml correctly, and the sidecar matches
 * the argocd-cmp-server install contract (../shared/reference/argocd.md §7).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { createNodeFileReader } from '../../src/io/file-system.js';
import { renderOverlay } from '../../src/render/index.js';
import { readPluginConfig, repoRoot } from './harness.js';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(asObj) : []);
const at = (v: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((o, k) => asObj(o)[k], v);
const readYaml = (rel: string): Obj[] => parseAllDocuments(readFileSync(path.join(repoRoot, rel), 'utf8')).map((d) => asObj(d.toJS()));

const plugin = readPluginConfig(repoRoot);
const pluginRef = plugin.spec.version ? `${plugin.metadata.name}-${plugin.spec.version}` : plugin.metadata.name;
const fs = createNodeFileReader(repoRoot);
const stringOr = (value: unknown): string => (typeof value === 'string' ? value : '');
const overlayNamespaces = (overlay: string): string[] =>
  [...new Set(renderOverlay(fs, overlay).resources.map((r) => stringOr(at(r.manifest, 'metadata', 'namespace'))).filter((n) => n !== ''))];

describe('plugin.yaml', () => {
  it('is a ConfigManagementPlugin argocd-cmp-server accepts, calling the st2-gitops CLI without npm or a shell', () => {
    expect(plugin).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'ConfigManagementPlugin', metadata: { name: 'st2-gitops' } });
    expect(plugin.spec.version).toMatch(/^v\d/);
    const commands = [plugin.spec.init, plugin.spec.generate, plugin.spec.discover?.find, plugin.spec.parameters?.dynamic].filter((c) => c !== undefined);
    expect(commands.length).toBeGreaterThanOrEqual(2);
    // No discover block: see plugin.yaml and README (Use with Argo CD).
    expect(plugin.spec.discover).toBeUndefined();
    for (const c of commands) expect(c.command[0]).toBe('st2-gitops');
    expect(JSON.stringify(plugin)).not.toMatch(/\bnpm\b|\bnpx\b|"sh"|bash/);
  });
});

describe('deploy/argocd sidecar overlay', () => {
  const rendered = renderOverlay(fs, 'deploy/argocd').resources.map((r) => r.manifest);
  const deployment = rendered.find((m) => m['kind'] === 'Deployment' && at(m, 'metadata', 'name') === 'argocd-repo-server');
  const podSpec = asObj(at(deployment, 'spec', 'template', 'spec'));
  const volumes = asList(podSpec['volumes']);
  const containers = asList(podSpec['containers']);
  const sidecar = containers.find((c) => c['name'] === 'st2-gitops');
  const mounts = asList(sidecar?.['volumeMounts']);
  const mountAt = (mountPath: string): Obj | undefined => mounts.find((m) => m['mountPath'] === mountPath);
  const volume = (name: unknown): Obj | undefined => volumes.find((v) => v['name'] === name);

  it('builds (kustomize-compatible) into argocd-repo-server with our sidecar container', () => {
    expect(deployment).toBeDefined();
    expect(at(deployment, 'metadata', 'namespace')).toBe('argocd');
    expect(sidecar).toMatchObject({ command: ['/var/run/argocd/argocd-cmp-server'] });
    expect(sidecar?.['securityContext']).toMatchObject({ runAsNonRoot: true, runAsUser: 999 });
  });

  it('mounts var-files, plugins, plugin.yaml from the ConfigMap and its own cmp-tmp, as the contract says', () => {
    expect(mountAt('/var/run/argocd')?.['name']).toBe('var-files');
    expect(mountAt('/home/argocd/cmp-server/plugins')?.['name']).toBe('plugins');
    expect(mountAt('/tmp')?.['name']).toBe('cmp-tmp');
    expect(volume('cmp-tmp')).toEqual({ name: 'cmp-tmp', emptyDir: {} });
    const config = mountAt('/home/argocd/cmp-server/config/plugin.yaml');
    expect(config?.['subPath']).toBe('plugin.yaml');
    const configMapName = at(volume(config?.['name']), 'configMap', 'name');
    const configMap = rendered.find((m) => m['kind'] === 'ConfigMap' && at(m, 'metadata', 'name') === configMapName);
    expect(configMap, `ConfigMap ${String(configMapName)}`).toBeDefined();
    expect(at(configMap, 'data', 'plugin.yaml')).toBe(readFileSync(path.join(repoRoot, 'plugin.yaml'), 'utf8'));
  });

  it('shares var-files and plugins with the repo-server container, never its /tmp', () => {
    const repoServer = containers.find((c) => c['name'] === 'argocd-repo-server');
    const repoMounts = asList(repoServer?.['volumeMounts']);
    expect(repoMounts.find((m) => m['mountPath'] === '/home/argocd/cmp-server/plugins')?.['name']).toBe('plugins');
    expect(repoMounts.find((m) => m['mountPath'] === '/tmp')?.['name']).not.toBe('cmp-tmp');
    for (const m of mounts) expect(volume(m['name']), `volume ${String(m['name'])}`).toBeDefined();
    const copyutil = asList(podSpec['initContainers']).find((c) => c['name'] === 'copyutil');
    expect(JSON.stringify(copyutil)).toContain('/var/run/argocd/argocd-cmp-server');
  });
});

describe('deploy/argocd repo-server settings', () => {
  const rendered = renderOverlay(fs, 'deploy/argocd').resources.map((r) => r.manifest);

  it('sets the plugin tarball exclusions in argocd-cmd-params-cm, which the repo-server reads as ARGOCD_REPO_SERVER_PLUGIN_TAR_EXCLUSIONS', () => {
    const params = rendered.find((m) => m['kind'] === 'ConfigMap' && at(m, 'metadata', 'name') === 'argocd-cmd-params-cm');
    expect(at(params, 'data', 'reposerver.plugin.tar.exclusions')).toBe('.git;test;bench');
    const deployment = rendered.find((m) => m['kind'] === 'Deployment' && at(m, 'metadata', 'name') === 'argocd-repo-server');
    const repoServer = asList(at(deployment, 'spec', 'template', 'spec', 'containers')).find((c) => c['name'] === 'argocd-repo-server');
    const env = asList(repoServer?.['env']).find((e) => e['name'] === 'ARGOCD_REPO_SERVER_PLUGIN_TAR_EXCLUSIONS');
    expect(at(env, 'valueFrom', 'configMapKeyRef')).toMatchObject({ name: 'argocd-cmd-params-cm', key: 'reposerver.plugin.tar.exclusions' });
  });
});

describe('Applications and ApplicationSet', () => {
  const appFiles = readdirSync(path.join(repoRoot, 'deploy/argocd/applications')).filter((f) => f.startsWith('st2-'));

  it('has one Application per overlay, listed in applications/kustomization.yaml', () => {
    expect(appFiles.sort()).toEqual(['st2-dev.yaml', 'st2-prod.yaml', 'st2-staging.yaml']);
    expect(at(readYaml('deploy/argocd/applications/kustomization.yaml')[0], 'resources')).toEqual(['st2-dev.yaml', 'st2-staging.yaml', 'st2-prod.yaml']);
  });

  it.each(['dev', 'staging', 'prod'])('st2-%s renders its overlay through the plugin into the overlay namespace', (env) => {
    const [app, ...rest] = readYaml(`deploy/argocd/applications/st2-${env}.yaml`);
    expect(rest).toEqual([]);
    expect(app).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: `st2-${env}`, namespace: 'argocd' } });
    expect(at(app, 'spec', 'source', 'path')).toBe(`overlays/${env}`);
    expect(at(app, 'spec', 'source', 'plugin', 'name')).toBe(pluginRef);
    expect(at(app, 'spec', 'source', 'helm')).toBeUndefined();
    expect(overlayNamespaces(`overlays/${env}`)).toEqual([at(app, 'spec', 'destination', 'namespace')]);
  });

  it('the ApplicationSet generates the same Applications from overlays/* with the plugin', () => {
    const [set] = readYaml('deploy/argocd/applicationset.yaml');
    expect(set).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet' });
    const git = asObj(asList(at(set, 'spec', 'generators'))[0]?.['git']);
    expect(asList(git['directories'])).toEqual([{ path: 'overlays/*' }]);
    const template = JSON.stringify(at(set, 'spec', 'template'));
    for (const dir of readdirSync(path.join(repoRoot, 'overlays'))) {
      const app = asObj(parse(template.replaceAll('{{.path.basename}}', dir).replaceAll('{{.path.path}}', `overlays/${dir}`)));
      expect(at(app, 'spec', 'source', 'plugin', 'name')).toBe(pluginRef);
      expect(overlayNamespaces(`overlays/${dir}`)).toEqual([at(app, 'spec', 'destination', 'namespace')]);
    }
  });
});

describe('sidecar Dockerfile', () => {
  const text = readFileSync(path.join(repoRoot, 'deploy/argocd/Dockerfile'), 'utf8');
  const final = text.slice(text.lastIndexOf('\nFROM '));

  it('is a multi-stage Node build whose final stage holds dist/, the policy bundle and package.json, running as 999', () => {
    expect(text).toMatch(/^FROM node:20-slim AS build$/m);
    expect(final).toMatch(/^FROM node:20-slim$/m);
    expect(final).toMatch(/^COPY --from=build \/src\/dist /m);
    expect(final).toMatch(/^COPY policies\/bundle /m);
    expect(final).toMatch(/^COPY package\.json /m);
    expect(final).toMatch(/^USER 999$/m);
    expect(final).toContain('/usr/local/bin/st2-gitops');
  });

  it('puts the launcher on PATH and builds the startup snapshot with the node of the final stage', () => {
    // GIVEN the launcher uses dist/st2-gitops.blob only with the node binary that built it
    // THEN /usr/local/bin/st2-gitops is the launcher, and both stages share one base image
    expect(final).toMatch(/ln -s \/opt\/st2-gitops\/dist\/st2-gitops \/usr\/local\/bin\/st2-gitops/);
    const bases = [...text.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(new Set(bases).size).toBe(1);
  });

  it('fetches nothing in the final stage and needs no Go', () => {
    expect(final).not.toMatch(/\b(npm|curl|wget|apt-get|go)\b/);
    expect(text).not.toMatch(/golang|\bgo build\b/);
  });
});
