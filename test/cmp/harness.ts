/**
 * A contract harness that does what argocd-cmp-server does with our plugin.yaml
 * (../shared/reference/argocd.md §1, §2, §3, §5, §6): copies the repository's
 * tracked files into a fresh work directory (files 0644, dirs 0755), runs the
 * declared commands with no shell, cwd = app path, the sidecar's environment
 * plus the request variables last, and parses stdout as repo-server does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface Command {
  readonly command: readonly string[];
  readonly args?: readonly string[];
}

export interface PluginConfig {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly version?: string;
    readonly init?: Command;
    readonly generate: Command;
    readonly discover?: { readonly fileName?: string; readonly find?: Command & { readonly glob?: string } };
    readonly parameters?: { readonly static?: readonly Record<string, unknown>[]; readonly dynamic?: Command };
    readonly preserveFileMode?: boolean;
  };
}

export interface PluginParameter {
  readonly name: string;
  readonly string?: string;
  readonly array?: readonly string[];
  readonly map?: Readonly<Record<string, string>>;
}

export interface AppSpec {
  readonly name: string;
  /** spec.source.path as written. */
  readonly path: string;
  /** spec.destination.namespace. */
  readonly namespace: string;
  readonly env?: readonly { readonly name: string; readonly value: string }[];
  readonly parameters?: readonly PluginParameter[];
  readonly kubeVersion?: string;
  readonly kubeApiVersions?: readonly string[];
}

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly [key: string]: unknown;
}

/** What a cluster with a current External Secrets operator (v1.x: external-secrets.io/v1 only) serves (both entry shapes, sorted). */
export const DEFAULT_API_RESOURCES: readonly string[] = [
  'apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'batch/v1/Job', 'batch/v1/CronJob',
  'external-secrets.io/v1/ExternalSecret', 'external-secrets.io/v1/ClusterSecretStore',
  'networking.k8s.io/v1/Ingress', 'networking.k8s.io/v1/NetworkPolicy', 'policy/v1/PodDisruptionBudget',
  'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/RoleBinding',
  'v1/ConfigMap', 'v1/Secret', 'v1/Service', 'v1/ServiceAccount', 'v1/PersistentVolumeClaim', 'v1/Namespace',
];

export function apiVersionsList(resources: readonly string[]): string {
  const entries = new Set<string>();
  for (const r of resources) {
    entries.add(r);
    entries.add(r.slice(0, r.lastIndexOf('/')));
  }
  return [...entries].sort().join(',');
}

/**
 * Builds dist/ from the current sources with scripts/bundle.mjs into a temp dir laid out as
 * the image's /opt/st2-gitops (dist/, package.json and the policy bundle the image ships,
 * which gates by default), and links `bin/st2-gitops` to its launcher, as the image links
 * /usr/local/bin/st2-gitops.
 */
export async function buildCliBin(): Promise<{ binDir: string; installDir: string; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'st2-cmp-bin-'));
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/bundle.mjs'), '--outdir', path.join(dir, 'dist')], { stdio: 'inherit' });
  copyFileSync(path.join(repoRoot, 'package.json'), path.join(dir, 'package.json'));
  mkdirSync(path.join(dir, 'policies/bundle'), { recursive: true });
  for (const name of ['manifest.json', 'data.json', 'policy.wasm']) copyFileSync(path.join(repoRoot, 'policies/bundle', name), path.join(dir, 'policies/bundle', name));
  const binDir = path.join(dir, 'bin');
  mkdirSync(binDir);
  symlinkSync(path.join(dir, 'dist/st2-gitops'), path.join(binDir, 'st2-gitops'));
  return { binDir, installDir: dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The files a commit would hold: tracked plus untracked-not-ignored, minus deleted ones. */
export function trackedFiles(): readonly string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
  return [...new Set(out.split('\0').filter((f) => f !== ''))].filter((f) => existsSync(path.join(repoRoot, f)));
}

/** A fresh work dir `<tmp>/_cmp_server/<uuid>` holding the repo, files 0644 and dirs 0755 (preserveFileMode: false). */
export function createWorkspace(): { root: string; cleanup: () => void } {
  const base = mkdtempSync(path.join(os.tmpdir(), 'st2-cmp-work-'));
  const root = path.join(base, '_cmp_server', crypto.randomUUID());
  for (const file of trackedFiles()) {
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    copyFileSync(path.join(repoRoot, file), target);
    chmodSync(target, 0o644);
  }
  return { root, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export function writeWorkspaceFile(root: string, relPath: string, text: string): void {
  const target = path.join(root, relPath);
  mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
  writeFileSync(target, text, { mode: 0o644 });
}

export function readPluginConfig(root: string): PluginConfig {
  return parse(readFileSync(path.join(root, 'plugin.yaml'), 'utf8')) as PluginConfig;
}

/** Go's encoding/json for map[string]any: keys sorted, HTML characters escaped. */
export function goJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, sorted(x)]));
    }
    return v;
  };
  return JSON.stringify(sorted(value))
    .replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

/** v1alpha1.Env.Envsubst: os.Expand against the build env; unknown → "", `$$` → `$`. */
export function envsubst(value: string, vars: Readonly<Record<string, string>>): string {
  return value.replace(/\$(\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*)|([*#$@!?\-0-9]))/g, (_m, _g, braced?: string, plain?: string, special?: string) => {
    const name = braced ?? plain ?? special ?? '';
    if (name === '$') return '$';
    return vars[name] ?? '';
  });
}

const escapeParam = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9_]/g, '_');

/** The request environment repo-server sends for generate (§2.2, §2.3, §6.3, §6.4). */
export function argoEnv(app: AppSpec, revision: string): Record<string, string> {
  const env: Record<string, string> = {
    ARGOCD_APP_NAME: app.name,
    ARGOCD_APP_NAMESPACE: app.namespace,
    ARGOCD_APP_PROJECT_NAME: 'default',
    ARGOCD_APP_REVISION: revision,
    ARGOCD_APP_REVISION_SHORT: revision.slice(0, 7),
    ARGOCD_APP_REVISION_SHORT_8: revision.slice(0, 8),
    ARGOCD_APP_SOURCE_REPO_URL: 'https://github.com/example/st2-gitops.git',
    ARGOCD_APP_SOURCE_PATH: app.path,
    ARGOCD_APP_SOURCE_TARGET_REVISION: 'HEAD',
    KUBE_VERSION: app.kubeVersion ?? '1.29.3',
    KUBE_API_VERSIONS: apiVersionsList(app.kubeApiVersions ?? DEFAULT_API_RESOURCES),
  };
  const buildEnv = { ...env };
  for (const { name, value } of app.env ?? []) env[`ARGOCD_ENV_${name}`] = envsubst(value, buildEnv);
  const params = app.parameters ?? [];
  env['ARGOCD_APP_PARAMETERS'] = params.length === 0 ? 'null' : goJson(params);
  for (const p of params) {
    const base = `PARAM_${escapeParam(p.name)}`;
    if (p.string !== undefined) env[base] = p.string;
    p.array?.forEach((v, i) => (env[`${base}_${i}`] = v));
    for (const [k, v] of Object.entries(p.map ?? {})) env[`${base}_${escapeParam(k)}`] = v;
  }
  return env;
}

/** The sidecar's own environment: os.Environ() of a minimal container, our bin first on PATH. */
export function sidecarEnv(binDir: string): Record<string, string> {
  return { PATH: `${binDir}:${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`, HOME: os.tmpdir() };
}

/** exec.CommandContext(command[0], command[1:]+args...): no shell. */
export function runDeclared(cmd: Command, cwd: string, env: Readonly<Record<string, string>>): CommandResult {
  const [file, ...rest] = cmd.command;
  if (file === undefined) throw new Error('empty command in plugin.yaml');
  const r = spawnSync(file, [...rest, ...(cmd.args ?? [])], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface Sidecar {
  readonly config: PluginConfig;
  discover(appPath: string, env: Readonly<Record<string, string>>): boolean;
  generate(appPath: string, env: Readonly<Record<string, string>>): CommandResult & { readonly objects: readonly K8sObject[] };
  parameters(appPath: string, env: Readonly<Record<string, string>>): CommandResult;
}

/** `config` defaults to the workspace's plugin.yaml; a test may pass a variant of it. */
export function createSidecar(root: string, binDir: string, config: PluginConfig = readPluginConfig(root)): Sidecar {
  const appDir = (appPath: string): string => {
    const dir = path.resolve(root, appPath);
    if (path.relative(root, dir).startsWith('..')) throw new Error('illegal appPath: out of workDir bound');
    return dir;
  };
  const withSidecar = (env: Readonly<Record<string, string>>): Record<string, string> => ({ ...sidecarEnv(binDir), ...env });
  return {
    config,
    discover(appPath, env) {
      const d = config.spec.discover;
      if (d === undefined) return false;
      if (d.fileName) throw new Error('fileName discovery not modelled by this harness');
      if (d.find?.glob) throw new Error('find.glob discovery not modelled by this harness');
      if (!d.find?.command) return false;
      const r = runDeclared(d.find, appDir(appPath), withSidecar(env));
      return r.code === 0 && r.stdout.trim() !== '';
    },
    generate(appPath, env) {
      const cwd = appDir(appPath);
      if (config.spec.init) {
        const init = runDeclared(config.spec.init, cwd, withSidecar(env));
        if (init.code !== 0) return { ...init, objects: [] };
      }
      const r = runDeclared(config.spec.generate, cwd, withSidecar(env));
      return { ...r, objects: r.code === 0 ? parseManifests(r.stdout) : [] };
    },
    parameters(appPath, env) {
      const dynamic = config.spec.parameters?.dynamic;
      if (!dynamic) throw new Error('no dynamic parameters declared');
      return runDeclared(dynamic, appDir(appPath), withSidecar(env));
    },
  };
}

/** kube.SplitYAML as repo-server applies it: YAML or JSON stream, empty/null skipped, Lists flattened, kind required. */
export function parseManifests(stdout: string): readonly K8sObject[] {
  const text = stdout.endsWith('\n') ? stdout.slice(0, -1) : stdout;
  let docs: unknown[];
  if (text.trimStart().startsWith('{')) {
    docs = [];
    // Concatenated JSON objects: good enough for our output (we never emit JSON here).
    docs.push(JSON.parse(text));
  } else {
    docs = parseAllDocuments(text).map((d) => {
      if (d.errors.length > 0) throw new Error(`YAML error: ${d.errors[0]?.message ?? ''}`);
      return d.toJS() as unknown;
    });
  }
  const out: K8sObject[] = [];
  for (const doc of docs) {
    if (doc === null || doc === undefined) continue;
    if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error('failed to unmarshal manifest: not an object');
    const obj = doc as Record<string, unknown>;
    if (Array.isArray(obj['items'])) {
      out.push(...parseManifests((obj['items'] as unknown[]).map((i) => JSON.stringify(i)).join('\n---\n')));
      continue;
    }
    if (typeof obj['kind'] !== 'string' || obj['kind'] === '') throw new Error(`Object 'Kind' is missing in '${JSON.stringify(obj).slice(0, 80)}'`);
    const metadata = obj['metadata'];
    if (typeof obj['apiVersion'] !== 'string' || typeof metadata !== 'object' || metadata === null || typeof (metadata as Record<string, unknown>)['name'] !== 'string') {
      throw new Error(`object without apiVersion or metadata.name: ${JSON.stringify(obj).slice(0, 80)}`);
    }
    out.push(obj as unknown as K8sObject);
  }
  return out;
}

export function headRevision(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return '0123456789abcdef0123456789abcdef01234567';
  }
}
