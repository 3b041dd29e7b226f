/**
 * The plugin judged by the real Argo CD: argocd-cmp-server v3.2.6 serving the repository's
 * plugin.yaml, asked for manifests by Argo CD's own repo-server code
 * (reposerver/repository.GenerateManifests in our argocd-generate driver) over a git
 * checkout of this repository, with the tar exclusions deploy/argocd ships.
 * Tools: bash scripts/install-argocd.sh. Skips locally without them; fails under CI=true.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/render.js';
import { startCmpServer, type CmpServer } from './cmp-server.js';
import { createTempRepo, type TempRepo } from './git-repo.js';
import { startRepoServerDriver, type GenerateInput, type RepoServerDriver } from './repo-server.js';
import { shippedTarExclusions } from './shipped-settings.js';
import { ARGOCD_TOOLS, LAUNCHER, requireTools, skipWithout } from './tools.js';

const PLUGIN = 'st2-gitops-v1.0';
const OVERLAYS = [
  { env: 'dev', namespace: 'st2-dev' },
  { env: 'staging', namespace: 'st2-staging' },
  { env: 'prod', namespace: 'st2-prod' },
] as const;

let cmp: CmpServer;
let argo: RepoServerDriver;
let repo: TempRepo;
let revision: string;

/** What `st2-gitops render <overlay>` prints in the checkout, parsed as JSON values. */
function renderedObjects(overlay: string): unknown[] {
  const out = execFileSync(LAUNCHER, ['render', overlay], { cwd: repo.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  return parseAllDocuments(out).map((d) => d.toJS() as unknown).filter((v) => v !== null);
}

/** KUBE_API_VERSIONS as Argo CD builds it: `group/version` and `group/version/Kind` entries. */
function apiVersionsServing(objects: readonly Record<string, unknown>[], drop: (entry: string) => boolean = () => false): string[] {
  const entries = new Set<string>(['v1', 'v1/Namespace', 'v1/Pod', 'apps/v1', 'apps/v1/ReplicaSet']);
  for (const o of objects) {
    const apiVersion = String(o['apiVersion']);
    entries.add(apiVersion);
    entries.add(`${apiVersion}/${String(o['kind'])}`);
  }
  return [...entries].filter((e) => !drop(e)).sort();
}

function generate(input: Omit<GenerateInput, 'repoRoot' | 'revision' | 'tarExclusions'>): ReturnType<RepoServerDriver['generate']> {
  return argo.generate({ repoRoot: repo.dir, revision, tarExclusions: shippedTarExclusions(), ...input });
}

describe.skipIf(skipWithout(ARGOCD_TOOLS))('the plugin in the real argocd-cmp-server, asked by Argo CD repo-server code', () => {
  beforeAll(async () => {
    requireTools(ARGOCD_TOOLS, 'scripts/install-argocd.sh');
    repo = createTempRepo();
    revision = repo.head();
    cmp = await startCmpServer({ pluginYaml: path.join(repoRoot, 'plugin.yaml'), socketName: `${PLUGIN}.sock` });
    argo = startRepoServerDriver(cmp.sockDir);
  }, 60_000);

  afterAll(async () => {
    await argo?.stop();
    await cmp?.stop();
    repo?.remove();
  });

  describe.each(OVERLAYS)('overlays/$env', ({ env, namespace }) => {
    it('generates exactly what st2-gitops render prints, as a Plugin source', async () => {
      // GIVEN an Application on overlays/<env> naming the plugin, destination the overlay's namespace
      const r = await generate({ appName: `st2-${env}`, path: `overlays/${env}`, plugin: { name: PLUGIN }, namespace });
      // THEN Argo CD gets the rendered objects, in order, unchanged
      expect(r.error).toBe('');
      expect(r.sourceType).toBe('Plugin');
      expect(r.objects.length).toBeGreaterThan(20);
      expect(r.objects).toEqual(renderedObjects(`overlays/${env}`));
    });
  });

  describe('an Application at the repository root', () => {
    it('chooses its overlay by the plugin parameter', async () => {
      const r = await generate({ appName: 'st2-root', path: '.', plugin: { name: PLUGIN, parameters: [{ name: 'overlay', string: 'prod' }] }, namespace: 'st2-prod' });
      expect(r.error).toBe('');
      expect(r.objects).toEqual(renderedObjects('overlays/prod'));
    });

    it('chooses its overlay by the plugin env OVERLAY (ARGOCD_ENV_OVERLAY)', async () => {
      const r = await generate({ appName: 'st2-root', path: '.', plugin: { name: PLUGIN, env: [{ name: 'OVERLAY', value: 'overlays/staging' }] }, namespace: 'st2-staging' });
      expect(r.error).toBe('');
      expect(r.objects).toEqual(renderedObjects('overlays/staging'));
    });

    it('without a choice, says how to choose, in Argo CD\'s error chain', async () => {
      const r = await generate({ appName: 'st2-root', path: '.', plugin: { name: PLUGIN }, namespace: '' });
      expect(r.objects).toEqual([]);
      expect(r.error).toMatch(/^CMP processing failed for application "st2-root": error generating manifests in cmp: rpc error: code = Unknown desc = error generating manifests: `st2-gitops cmp generate` failed exit status 2: /);
      expect(r.error).toMatch(/set the plugin parameter 'overlay' \(one of: dev, prod, staging\)/);
    });
  });

  describe('discovery', () => {
    it('leaves an Application without a plugin section to Argo CD\'s built-in kustomize, which renders the same objects', async () => {
      // plugin.yaml has no discover block: the plugin never claims Applications that do not name it
      const r = await generate({ appName: 'plain', path: 'overlays/prod', namespace: 'st2-prod' });
      expect(r.error).toBe('');
      expect(r.sourceType).toBe('Kustomize');
      expect(r.objects).toEqual(renderedObjects('overlays/prod'));
    });

    it('is not offered for plugin: {} (an Application must name the plugin)', async () => {
      const r = await generate({ appName: 'unnamed', path: 'overlays/prod', plugin: {}, namespace: 'st2-prod' });
      expect(r.error).toMatch(/could not find plugin supporting the given repository/);
    });
  });

  describe('the destination-namespace rule', () => {
    it('refuses a destination namespace the overlay does not render into, and says which to set', async () => {
      const r = await generate({ appName: 'st2-prod', path: 'overlays/prod', plugin: { name: PLUGIN }, namespace: 'default' });
      expect(r.objects).toEqual([]);
      expect(r.error).toContain("st2-gitops: destination namespace 'default' does not match overlays/prod, which renders into 'st2-prod'; nothing was rendered. Fix: set spec.destination.namespace to 'st2-prod'");
    });

    it('accepts an empty destination namespace', async () => {
      const r = await generate({ appName: 'st2-prod', path: 'overlays/prod', plugin: { name: PLUGIN }, namespace: '' });
      expect(r.error).toBe('');
      expect(r.objects.length).toBeGreaterThan(20);
    });
  });

  describe('KUBE_API_VERSIONS', () => {
    it('refuses resources the destination cluster does not serve, by name', async () => {
      const all = renderedObjects('overlays/prod') as Record<string, unknown>[];
      const apiVersions = apiVersionsServing(all, (e) => e.startsWith('external-secrets.io/'));
      const r = await generate({ appName: 'st2-prod', path: 'overlays/prod', plugin: { name: PLUGIN }, namespace: 'st2-prod', apiVersions, kubeVersion: 'v1.34.4' });
      const externalSecrets = all.filter((o) => o['kind'] === 'ExternalSecret').length;
      expect(externalSecrets).toBeGreaterThan(0);
      expect(r.objects).toEqual([]);
      expect(r.error).toContain(`st2-gitops: ${externalSecrets} resources use an API the destination cluster (Kubernetes 1.34.4) does not serve:`);
      expect(r.error).toMatch(/st2-gitops: \d+ resources use an API the destination cluster \(Kubernetes 1\.34\.4\) does not serve: external-secrets\.io\/v1\w*\/ExternalSecret; nothing was rendered\. Fix: install the CRD\/operator/);
    });

    it('passes when the cluster serves every API the overlay uses', async () => {
      const all = renderedObjects('overlays/prod') as Record<string, unknown>[];
      const r = await generate({ appName: 'st2-prod', path: 'overlays/prod', plugin: { name: PLUGIN }, namespace: 'st2-prod', apiVersions: apiVersionsServing(all) });
      expect(r.error).toBe('');
      expect(r.objects).toEqual(all);
    });
  });

  describe('a denied overlay', () => {
    it('gives Argo CD no manifests and an error whose first line says what to fix', async () => {
      // GIVEN a commit adding a production overlay that scales st2timersengine to 2
      revision = repo.commit('overlays/broken: two timers engines', {
        'overlays/broken/kustomization.yaml': readFileSync(path.join(import.meta.dirname, 'fixtures/broken-kustomization.yaml'), 'utf8'),
      });
      const r = await generate({ appName: 'st2-broken', path: 'overlays/broken', plugin: { name: PLUGIN }, namespace: 'st2-prod' });
      expect(r.objects).toEqual([]);
      // THEN the text Argo CD puts in the ComparisonError starts with its chain and our first line
      const [first, second] = r.error.split('\n');
      expect(first).toMatch(
        /^CMP processing failed for application "st2-broken": error generating manifests in cmp: rpc error: code = Unknown desc = error generating manifests: `st2-gitops cmp generate` failed exit status 1: st2-gitops: overlays\/broken denied by policy: 1 blocking finding \(environment production, judged as production\); nothing was rendered or synced\. Fix the DENY lines below, or waive them with an expiring annotation\.$/,
      );
      expect(second).toMatch(/^DENY ST2-REP-001 Deployment st2-prod\/st2timersengine spec\.replicas at overlays\/broken\/kustomization\.yaml:\d+: /);
    });
  });

  describe('a commit that edits policies/', () => {
    it('cannot let an unsafe overlay through: the sidecar gates with its own bundle', async () => {
      // GIVEN a commit that loosens ST2-REP-001 in policies/replicas.rego, rebuilds a valid
      // policies/bundle from it with the real OPA compiler, and adds an overlay with two timers engines
      const rego = readFileSync(path.join(repo.dir, 'policies/replicas.rego'), 'utf8');
      const loosened = rego.replace('effective(w, "st2timersengine") != 1\n\tf := lib.finding("ST2-REP-001"', 'effective(w, "st2timersengine") > 2\n\tf := lib.finding("ST2-REP-001"');
      expect(loosened).not.toBe(rego);
      repo.commit('policies: allow two timers engines', { 'policies/replicas.rego': loosened });
      symlinkSync(path.join(repoRoot, '.tools'), path.join(repo.dir, '.tools'));
      execFileSync('node', [path.join(repoRoot, 'dist/build-policies.mjs')], { cwd: repo.dir, stdio: ['ignore', 'ignore', 'pipe'] });
      revision = repo.commit('policies: rebuilt bundle; overlays/unsafe: two timers engines', {
        'overlays/unsafe/kustomization.yaml': readFileSync(path.join(import.meta.dirname, 'fixtures/broken-kustomization.yaml'), 'utf8').replace('name: broken', 'name: unsafe'),
      });
      // AND that bundle would indeed let it through if the repository's own bundle judged it
      const withRepoBundle = spawnSync(LAUNCHER, ['render', 'overlays/unsafe'], { cwd: repo.dir, env: { ...process.env, ST2_GITOPS_POLICY_SOURCE: 'repository' }, encoding: 'utf8', maxBuffer: 1 << 26 });
      expect(withRepoBundle.stderr).not.toMatch(/DENY ST2-REP-001/);
      expect(withRepoBundle.status).toBe(0);
      // WHEN Argo CD asks the sidecar for the overlay
      const r = await generate({ appName: 'st2-unsafe', path: 'overlays/unsafe', plugin: { name: PLUGIN }, namespace: 'st2-prod' });
      // THEN the sidecar's own bundle denies it
      expect(r.objects).toEqual([]);
      expect(r.error).toMatch(/`st2-gitops cmp generate` failed exit status 1: st2-gitops: overlays\/unsafe denied by policy/);
      expect(r.error).toMatch(/\nDENY ST2-REP-001 Deployment st2-prod\/st2timersengine spec\.replicas/);
    });
  });
});
