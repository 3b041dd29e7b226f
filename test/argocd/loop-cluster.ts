/**
 * The whole GitOps loop on loopback, every piece a real component started as a local process:
 * - a real kube-apiserver and etcd (test/support/kube-control-plane.ts, scripts/install-kube.sh),
 *   with kube-controller-manager and kube-scheduler from the same build;
 * - kwok v0.8.0 (scripts/install-kwok.sh) running three fake nodes with kwok's own "fast" stages
 *   (pods become Ready, Job pods complete, PVCs get volumes from its kwok-volume StorageClass)
 *   and one stage of ours that gives an Ingress a load-balancer address, as an ingress
 *   controller would (fixtures/kwok-ingress-stage.yaml);
 * - the External Secrets Operator v0.16.2 (scripts/install-eso.sh) with a `fake` provider
 *   ClusterSecretStore per store the overlays name, holding a throw-away value for every
 *   remote key and property their ExternalSecrets ask for (fakeSecretStores);
 * - Debian's redis-server, `git daemon` serving a bare clone of this repository;
 * - Argo CD v3.2.6's repo-server, application-controller and the argocd-cmp-server with our
 *   plugin.yaml (scripts/install-argocd.sh), configured as Argo CD's local development mode
 *   runs them (../shared/reference/argocd.md §13.1), the repo-server with the tar exclusions
 *   deploy/argocd ships.
 * Everything listens on 127.0.0.1 except the application-controller's metrics server, whose
 * address Argo CD v3.2.6 hard-codes to 0.0.0.0 (controller/appcontroller.go); its port is a
 * free one picked here. `stop()` ends every process (process groups) and removes the files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { findKubeTools, freePort, startControlPlane, type ControlPlane } from '../support/kube-control-plane.js';
import { repoRoot } from '../support/render.js';
import { createTempRepo, type TempRepo } from './git-repo.js';
import { shippedTarExclusions } from './shipped-settings.js';
import { LAUNCHER, TOOLS_BIN, missingTools, toolPath } from './tools.js';

export const LOOP_TOOLS = ['argocd-cmp-server', 'argocd-repo-server', 'argocd-application-controller', 'kustomize', 'kwok', 'external-secrets'] as const;
const TOOLS_DIR = path.join(repoRoot, '.tools');
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const PLUGIN_SOCKET = 'st2-gitops-v1.0.sock';

/** What is missing for the loop (tools, generated manifests, system programs). */
export function missingLoopPieces(): string[] {
  const missing: string[] = [...missingTools(LOOP_TOOLS)];
  if (findKubeTools() === undefined) missing.push('kube-apiserver/etcd/kube-controller-manager/kube-scheduler/kubectl (scripts/install-kube.sh)');
  for (const f of ['argocd/crds.yaml', 'argocd/config.yaml', 'eso/crds.yaml', 'kwok/pod-fast.yaml']) {
    if (!existsSync(path.join(TOOLS_DIR, f))) missing.push(`.tools/${f}`);
  }
  for (const program of ['redis-server', 'git']) {
    try {
      execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
    } catch {
      missing.push(`${program} (scripts/install-redis.sh)`);
    }
  }
  return missing;
}

export interface Loop {
  readonly plane: ControlPlane;
  /** The working clone commits are made in; `push()` publishes HEAD to the git daemon. */
  readonly repo: TempRepo;
  /** `git://127.0.0.1:<port>/st2-gitops.git` */
  readonly repoURL: string;
  push(): void;
  /** `kubectl` that throws with its stderr on failure; returns stdout. */
  kubectl(args: readonly string[], input?: string): Promise<string>;
  /** Lines from a component's log, for failure messages. */
  logTail(name: string, lines?: number): string;
  stop(): Promise<void>;
}

/** Multi-document YAML text as plain objects (nulls dropped). */
export function yamlObjects(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
}

export async function startLoop(): Promise<Loop> {
  const plane = await startControlPlane();
  const repo = createTempRepo('st2-argocd-loop-repo-');
  try {
    return await startOnPlane(plane, repo);
  } catch (error) {
    await plane.stop();
    repo.remove();
    throw error;
  }
}

async function startOnPlane(plane: ControlPlane, repo: TempRepo): Promise<Loop> {
  const dir = plane.dir;
  const sub = (name: string): string => {
    const p = path.join(dir, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const kubectl = async (args: readonly string[], input?: string): Promise<string> => {
    const r = await plane.kubectl(args, input);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  // `kubectl wait` fails on a CRD whose status has no conditions yet, so poll.
  const established = async (crds: readonly string[]): Promise<void> => {
    for (const crd of crds) {
      const jsonPath = '{.status.conditions[?(@.type=="Established")].status}';
      await waitUntil(async () => (await plane.kubectl(['get', 'crd', crd, '-o', `jsonpath=${jsonPath}`])).stdout === 'True', 60_000, () => `CRD ${crd} not Established`);
    }
  };
  const logTail = (name: string, lines = 40): string => {
    try {
      return readFileSync(path.join(dir, `${name}.log`), 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  };
  const kubeEnv = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: sub('home'), KUBECONFIG: plane.kubeconfig };
  const files = plane.files;
  const kubeAuth = [`--kubeconfig=${plane.kubeconfig}`, `--authentication-kubeconfig=${plane.kubeconfig}`, `--authorization-kubeconfig=${plane.kubeconfig}`];

  // The cluster's own controllers.
  plane.spawn('kube-controller-manager', plane.tools.kubeControllerManager, [
    ...kubeAuth,
    '--bind-address=127.0.0.1',
    `--secure-port=${await freePort()}`,
    '--leader-elect=false',
    `--service-account-private-key-file=${files.serviceAccountKey}`,
    `--root-ca-file=${files.caCert}`,
    `--cluster-signing-cert-file=${files.caCert}`,
    `--cluster-signing-key-file=${files.caKey}`,
    '--use-service-account-credentials=false',
    '--controllers=*',
  ]);
  // A StatefulSet pod created before kwok binds its PVC is parked as unschedulable; retry it
  // after 5 s instead of the default 5 min (the flag is deprecated but still honoured in 1.34).
  plane.spawn('kube-scheduler', plane.tools.kubeScheduler, [
    ...kubeAuth,
    '--bind-address=127.0.0.1',
    `--secure-port=${await freePort()}`,
    '--leader-elect=false',
    '--pod-max-in-unschedulable-pods-duration=5s',
  ]);

  // kwok: its own stages, our ingress stage, three nodes (one per zone).
  const kwokFiles = ['node-fast.yaml', 'node-heartbeat-with-lease.yaml', 'pod-fast.yaml', 'volume-fast.yaml'].map((f) => path.join(TOOLS_DIR, 'kwok', f));
  const kwokObjects = kwokFiles.flatMap((f) => yamlObjects(readFileSync(f, 'utf8')));
  const stages = [...kwokObjects.filter((o) => o['kind'] === 'Stage'), ...yamlObjects(readFileSync(path.join(FIXTURES, 'kwok-ingress-stage.yaml'), 'utf8'))];
  const kwokConfig = path.join(sub('kwok'), 'stages.yaml');
  writeFileSync(kwokConfig, stages.map((s) => JSON.stringify(s)).join('\n---\n'));
  await kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: kwokObjects.filter((o) => o['kind'] === 'StorageClass') }));
  await kubectl(['apply', '-f', path.join(FIXTURES, 'kwok-nodes.yaml')]);
  plane.spawn('kwok', toolPath('kwok'), [
    `--kubeconfig=${plane.kubeconfig}`,
    '--manage-all-nodes=true',
    '--node-lease-duration-seconds=40',
    `--config=${kwokConfig}`,
    '--cidr=10.244.0.0/16',
    '--node-ip=127.0.0.1',
  ], kubeEnv);

  // External Secrets Operator: its CRDs, its controller, the fake stores.
  await kubectl(['apply', '--server-side', '-f', path.join(TOOLS_DIR, 'eso/crds.yaml')]);
  plane.spawn('external-secrets', toolPath('external-secrets'), [`--metrics-addr=127.0.0.1:${await freePort()}`, '--loglevel=warn'], kubeEnv);
  await established(['clustersecretstores.external-secrets.io', 'externalsecrets.external-secrets.io']);
  await kubectl(['apply', '-f', '-'], JSON.stringify(fakeSecretStores(['dev', 'staging', 'prod'].map((env) => renderIn(repo.dir, `overlays/${env}`)).flat())));

  // Redis and the git server.
  const redisPort = await freePort();
  plane.spawn('redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], kubeEnv);
  const gitBase = sub('git');
  execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, path.join(gitBase, 'st2-gitops.git')]);
  const gitPort = await freePort();
  plane.spawn('git-daemon', 'git', ['daemon', '--export-all', `--base-path=${gitBase}`, '--listen=127.0.0.1', `--port=${gitPort}`, '--reuseaddr', gitBase], kubeEnv);
  const repoURL = `git://127.0.0.1:${gitPort}/st2-gitops.git`;
  repo.git('remote', 'add', 'origin', path.join(gitBase, 'st2-gitops.git'));

  // Argo CD's objects: CRDs, namespace, config, the default project, the repository.
  await kubectl(['apply', '--server-side', '-f', path.join(TOOLS_DIR, 'argocd/crds.yaml')]);
  await plane.ensureNamespace('argocd');
  await kubectl(['apply', '-n', 'argocd', '-f', path.join(TOOLS_DIR, 'argocd/config.yaml')]);
  await established(['applications.argoproj.io', 'appprojects.argoproj.io']);
  const secretKey = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
  await kubectl(['patch', 'secret', 'argocd-secret', '-n', 'argocd', '--type', 'merge', '-p', JSON.stringify({ stringData: { 'server.secretkey': secretKey } })]);
  await kubectl(['apply', '-f', '-'], JSON.stringify(argoObjects(repoURL)));

  // The sidecar: argocd-cmp-server with our plugin.yaml, `st2-gitops` on its PATH.
  const sockDir = sub('plugins');
  const cmpBin = sub('cmp-bin');
  symlinkSync(LAUNCHER, path.join(cmpBin, 'st2-gitops'));
  const cmpConfig = sub('cmp-config');
  writeFileSync(path.join(cmpConfig, 'plugin.yaml'), readFileSync(path.join(repoRoot, 'plugin.yaml')));
  plane.spawn('argocd-cmp-server', toolPath('argocd-cmp-server'), ['--config-dir-path', cmpConfig, '--loglevel', 'info'], {
    PATH: `${cmpBin}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
    HOME: sub('cmp-home'),
    TMPDIR: sub('cmp-tmp'),
    ARGOCD_PLUGINSOCKFILEPATH: sockDir,
  });

  // repo-server and application-controller, as local processes against the kubeconfig.
  const repoPort = await freePort();
  const argoEnv = {
    ...kubeEnv,
    PATH: `${TOOLS_BIN}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
    TMPDIR: sub('argocd-tmp'),
    ARGOCD_FAKE_IN_CLUSTER: 'true',
    ARGOCD_PLUGINSOCKFILEPATH: sockDir,
    ARGOCD_GPG_ENABLED: 'false',
    ARGOCD_GNUPGHOME: sub('gnupg'),
    ARGOCD_GPG_DATA_PATH: sub('gpg-data'),
    ARGOCD_TLS_DATA_PATH: sub('tls-data'),
    ARGOCD_SSH_DATA_PATH: sub('ssh-data'),
    ARGOCD_REPO_SERVER_PLUGIN_TAR_EXCLUSIONS: shippedTarExclusions().join(';'),
  };
  plane.spawn('argocd-repo-server', toolPath('argocd-repo-server'), [
    '--address', '127.0.0.1', '--port', String(repoPort), '--metrics-address', '127.0.0.1', '--metrics-port', String(await freePort()),
    '--redis', `127.0.0.1:${redisPort}`, '--loglevel', 'info',
  ], argoEnv);
  plane.spawn('argocd-application-controller', toolPath('argocd-application-controller'), [
    '--kubeconfig', plane.kubeconfig, '--namespace', 'argocd', '--redis', `127.0.0.1:${redisPort}`, '--repo-server', `127.0.0.1:${repoPort}`,
    '--metrics-port', String(await freePort()), '--loglevel', 'info', '--app-resync', '30', '--status-processors', '4', '--operation-processors', '4',
  ], argoEnv);

  await waitUntil(() => existsSync(path.join(sockDir, PLUGIN_SOCKET)), 30_000, () => `no plugin socket:\n${logTail('argocd-cmp-server')}`);
  return {
    plane,
    repo,
    repoURL,
    push: () => void repo.git('push', '--quiet', '--force', 'origin', 'HEAD:main'),
    kubectl,
    logTail,
    async stop() {
      await plane.stop();
      repo.remove();
    },
  };
}

/** What `st2-gitops render <overlay>` prints in a checkout, as objects. */
export function renderIn(dir: string, overlay: string): Record<string, unknown>[] {
  return yamlObjects(execFileSync(LAUNCHER, ['render', overlay], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/**
 * The secret backend of the loop: one ClusterSecretStore with the operator's `fake` provider
 * per store the ExternalSecrets name, each remote key a JSON object with a throw-away value
 * per property asked for (a `dockerconfigjson` property gets an empty registry config, which
 * a kubernetes.io/dockerconfigjson Secret must hold). In a real cluster the stores are the
 * platform's (Vault, a cloud secret manager...).
 */
export function fakeSecretStores(objects: readonly Record<string, unknown>[]): unknown {
  const stores = new Map<string, Map<string, Record<string, string>>>();
  for (const o of objects) {
    if (o['kind'] !== 'ExternalSecret') continue;
    const spec = o['spec'] as { secretStoreRef?: { name?: string }; data?: { remoteRef?: { key?: string; property?: string } }[] };
    const store = spec.secretStoreRef?.name ?? '';
    const keys = stores.get(store) ?? new Map<string, Record<string, string>>();
    stores.set(store, keys);
    for (const d of spec.data ?? []) {
      const key = d.remoteRef?.key ?? '';
      const property = d.remoteRef?.property ?? 'value';
      keys.set(key, { ...keys.get(key), [property]: property === 'dockerconfigjson' ? '{"auths":{}}' : `loop-test-${property}` });
    }
  }
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: [...stores].map(([name, keys]) => ({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ClusterSecretStore',
      metadata: { name },
      spec: { provider: { fake: { data: [...keys].map(([key, value]) => ({ key, value: JSON.stringify(value) })) } } },
    })),
  };
}

/** The default AppProject (argocd-server normally makes it) and the repository Secret. */
function argoObjects(repoURL: string): unknown {
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: 'default', namespace: 'argocd' },
        spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] },
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'st2-gitops-repo', namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
        stringData: { type: 'git', url: repoURL, insecure: 'true' },
      },
    ],
  };
}

export async function waitUntil(ready: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string, everyMs = 250): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
