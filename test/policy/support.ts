/**
 * Shared helpers for the policy suites: the real compiled engine, manifest
 * builders that are clean unless told otherwise, certificates made at test
 * time, and throw-away copies of the repository for CLI-level tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copyTrackedFiles } from '../support/copy-repo.js';
import { parse } from 'yaml';
import { runCli } from '../../src/cli/run.js';
import type { Manifest } from '../../src/core/manifest.js';
import type { FileReader } from '../../src/io/file-system.js';
import type { CheckOptions, PolicyReport } from '../../src/policy/index.js';
import { renderOverlay, type RenderedResource } from '../../src/render/index.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const NAMESPACE = 'st2-dev';
/** The injected clock of every policy test. */
export const NOW = new Date('2026-11-23T00:00:00Z');

/** The published default literals the gate must find (the chart's, and st2's test key), with their id in policies/chart_defaults/data.json. */
export const CHART_LITERALS = [
  { id: 'st2-auth-password', value: 'Ch@ngeMe' },
  { id: 'rabbitmq-password', value: '9jS+w1u07NbHtZke1m+jW4Cj' },
  { id: 'rabbitmq-erlang-cookie', value: '8MrqQdCQ6AQ8U3MacSubHE5RqkSfvNaRHzvxuFcG' },
  { id: 'mongodb-admin-password', value: 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK' },
  { id: 'mongodb-keyfile', value: '82PItDpqroti5RngOA7UqbHH7c6bFUwy' },
  { id: 'chatops-slack-token', value: 'xoxb-CHANGE-ME-PLEASE' },
  // StackStorm's own test datastore key (st2tests/conf), published with st2's source.
  { id: 'st2-tests-datastore-aes-key', value: 'eKGFrfNEUhAgX0uofaU1wQ' },
  { id: 'st2-tests-datastore-hmac-key', value: '685EWJ8U2U_c3Ulv9ibB6aa0Y9aYm-0bCwe2mqjLJuw' },
] as const;

export function asRendered(manifests: readonly Manifest[]): RenderedResource[] {
  return manifests.map((manifest) => ({ manifest, file: 'test.yaml', document: 0, edits: [] }));
}

export function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

export function meta(name: string, extra: Manifest = {}): Manifest {
  return { name, namespace: NAMESPACE, ...extra };
}

export interface WorkloadOptions {
  readonly kind?: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  readonly name?: string;
  readonly replicas?: number;
  /** Merged over the clean default container. */
  readonly container?: Manifest;
  /** Merged over the pod spec. */
  readonly pod?: Manifest;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Where a store image keeps its data by default (mongod's dbpath, RabbitMQ's home). */
const STORE_DATA: Readonly<Record<string, string>> = { mongo: '/data/db', rabbitmq: '/var/lib/rabbitmq' };

/** The API services, whose config chain must turn RBAC on (ST2-HRD-005). */
const API_APPS = new Set(['st2api', 'st2auth', 'st2stream']);

/** The ConfigMap an API workload of workload() mounts as its st2.user.conf (RBAC on); the rules suite adds it to every case. */
export const RBAC_CONFIG: Manifest = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: meta('st2-rbac-on'),
  data: { 'st2.user.conf': '[rbac]\nenable = True\nbackend = default\n' },
};

/** A workload that breaks no rule by itself: pinned image, CPU and memory limits; an API service reads RBAC_CONFIG. */
export function workload(app: string, options: WorkloadOptions = {}): Manifest {
  const kind = options.kind ?? 'Deployment';
  const name = options.name ?? app;
  const labels = { app, release: 'st2' };
  const api = API_APPS.has(app);
  const container: Manifest = {
    name: app,
    image: `stackstorm/${app}:3.8.1`,
    resources: { limits: { cpu: '500m', memory: '512Mi' } },
    ...(api ? { volumeMounts: [{ name: 'st2-rbac', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' }] } : {}),
    ...options.container,
  };
  const volumes = api ? { volumes: [{ name: 'st2-rbac', configMap: { name: 'st2-rbac-on' } }] } : {};
  const spec: Manifest = {
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [container], ...volumes, ...options.pod } },
  };
  // A store keeps its data on a claim (ST2-REP-021), as the base's StatefulSets do.
  const dataDir = STORE_DATA[String(container['image']).split('/').pop()?.split(':')[0] ?? ''];
  if (dataDir !== undefined && container['command'] === undefined) {
    const mounts = Array.isArray(container['volumeMounts']) ? (container['volumeMounts'] as Manifest[]) : [];
    container['volumeMounts'] = [...mounts, { name: 'data', mountPath: dataDir }];
    if (kind === 'StatefulSet') spec['volumeClaimTemplates'] = [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '8Gi' } } } }];
    else {
      const pod = (spec['template'] as { spec: Manifest }).spec;
      pod['volumes'] = [...(Array.isArray(pod['volumes']) ? (pod['volumes'] as Manifest[]) : []), { name: 'data', persistentVolumeClaim: { claimName: `${name}-data` } }];
    }
  }
  // mongod reads its keyfile from a volume (ST2-REP-016: the image has none), owner-only as it requires.
  const args = Array.isArray(container['args']) ? (container['args'] as unknown[]).filter((a): a is string => typeof a === 'string') : [];
  const keyAt = args.indexOf('--keyFile');
  const keyFile = keyAt >= 0 ? args[keyAt + 1] : args.find((a) => a.startsWith('--keyFile='))?.slice('--keyFile='.length);
  if (String(container['image']).startsWith('mongo:') && keyFile?.startsWith('/') === true) {
    const mounts = Array.isArray(container['volumeMounts']) ? (container['volumeMounts'] as Manifest[]) : [];
    if (!mounts.some((m) => keyFile === m['mountPath'] || keyFile.startsWith(`${String(m['mountPath'])}/`))) {
      container['volumeMounts'] = [...mounts, { name: 'keyfile', mountPath: keyFile, subPath: 'key.txt', readOnly: true }];
      const pod = (spec['template'] as { spec: Manifest }).spec;
      pod['volumes'] = [...(Array.isArray(pod['volumes']) ? (pod['volumes'] as Manifest[]) : []), { name: 'keyfile', secret: { secretName: 'mongodb-keyfile', defaultMode: 0o400 } }];
    }
  }
  // A store keeps one member per node (ST2-OPS-045 in production), as the base's do.
  const podSpec = (spec['template'] as { spec: Manifest }).spec;
  const quorum = ['mongo', 'rabbitmq', 'etcd', 'zookeeper'].includes(String(container['image']).split('/').pop()?.split(':')[0] ?? '');
  if (quorum && podSpec['affinity'] === undefined && podSpec['topologySpreadConstraints'] === undefined) {
    podSpec['affinity'] = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: labels } }] } };
  }
  if (kind !== 'DaemonSet') spec['replicas'] = options.replicas ?? 1;
  // The timers engine must not surge during a rollout (ST2-REP-001): Recreate for one replica; two or more
  // roll one pod at a time without a surge (Recreate would stop every replica at once, ST2-OPS-005).
  if (kind === 'Deployment') spec['strategy'] = (options.replicas ?? 1) > 1 ? { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } : { type: 'Recreate' };
  const metadata = meta(name, { labels, ...(options.annotations ? { annotations: { ...options.annotations } } : {}) });
  return { apiVersion: 'apps/v1', kind, metadata, spec };
}

/** A PodDisruptionBudget covering the pods of `app`. */
export function pdb(app: string): Manifest {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta(app),
    spec: { maxUnavailable: 1, selector: { matchLabels: { app } } },
  };
}

/** An HA service done right: replicas and a PDB. */
export function haWorkload(app: string, replicas = 2, options: WorkloadOptions = {}): Manifest[] {
  return [workload(app, { replicas, ...options }), pdb(app)];
}

/** The port each app's process serves (ST2-REP-018 denies a Service forwarding elsewhere). */
const APP_PORTS: Readonly<Record<string, number>> = { st2api: 9101, st2auth: 9100, st2stream: 9102, st2web: 443, mongodb: 27017, rabbitmq: 5672, etcd: 2379 };

export function service(name: string, app: string, type?: string): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name),
    spec: { ...(type ? { type } : {}), selector: { app }, ports: [{ port: 80, targetPort: APP_PORTS[app] ?? 8080 }] },
  };
}

export function secret(name: string, fields: { data?: Record<string, string>; stringData?: Record<string, string> }): Manifest {
  return { apiVersion: 'v1', kind: 'Secret', metadata: meta(name), type: 'Opaque', ...fields };
}

export function configMap(name: string, data: Record<string, string>): Manifest {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name), data };
}

/** An active-active st2 service (two replicas) reading this st2.user.conf last, with RBAC on. */
export function haServiceReading(app: string, userConf: string): Manifest[] {
  return [
    ...haWorkload(app, 2, {
      container: { volumeMounts: [{ name: 'cfg', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' }] },
      pod: { volumes: [{ name: 'cfg', configMap: { name: 'st2-user-config' } }] },
    }),
    configMap('st2-user-config', { 'st2.user.conf': `[rbac]\nenable = True\nbackend = default\n${userConf}` }),
  ];
}

/** The documents of a repository YAML file. */
export function readRepoManifest(relPath: string): Manifest {
  const doc: unknown = parse(readFileSync(path.join(repoRoot, relPath), 'utf8'));
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${relPath} is not one mapping`);
  return doc as Manifest;
}

/** One data value (base64, as stored) of a Secret file in the repository. */
export function repoSecretData(relPath: string, key: string): string {
  const data = readRepoManifest(relPath)['data'];
  const value = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)[key] : undefined;
  if (typeof value !== 'string') throw new Error(`${relPath} has no data.${key}`);
  return value;
}

export interface Certificates {
  /** Self-signed, valid now. */
  readonly selfSigned: string;
  /** Signed by a test CA, valid now. */
  readonly caSigned: string;
  /** Signed by a test CA, expired in 2020. */
  readonly expired: string;
  /** The test CA itself (self-signed root). */
  readonly ca: string;
}

/** Certificates made with the openssl CLI in a temp dir, removed afterwards. */
export function makeCertificates(): Certificates {
  const dir = mkdtempSync(path.join(tmpdir(), 'st2-certs-'));
  try {
    const run = (...args: string[]): void => {
      execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    };
    const read = (file: string): string => readFileSync(path.join(dir, file), 'utf8');
    run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self.key', '-out', 'self.crt', '-days', '365', '-subj', '/CN=st2.example.test');
    run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-subj', '/CN=Test CA');
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=st2web.example.test');
    run('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', '2', '-days', '365', '-out', 'leaf.crt');
    // openssl 3.0 x509 cannot back-date; `openssl ca` can.
    mkdirSync(path.join(dir, 'issued'));
    writeFileSync(path.join(dir, 'index.txt'), '');
    writeFileSync(path.join(dir, 'serial'), '03\n');
    writeFileSync(
      path.join(dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = test_ca',
        '[test_ca]',
        'database = index.txt',
        'new_certs_dir = issued',
        'serial = serial',
        'default_md = sha256',
        'policy = anything',
        'unique_subject = no',
        '[anything]',
        'commonName = supplied',
        '',
      ].join('\n'),
    );
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'old.key', '-out', 'old.csr', '-subj', '/CN=old.example.test');
    run('ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', 'old.csr', '-out', 'old.crt', '-notext', '-startdate', '20200101000000Z', '-enddate', '20200201000000Z');
    return { selfSigned: read('self.crt'), caSigned: read('leaf.crt'), expired: read('old.crt'), ca: read('ca.crt') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A throw-away copy of the tracked files of the repository (policies/bundle included). */
export function copyRepo(): string {
  return copyTrackedFiles();
}

export function writeRepoFile(root: string, relPath: string, text: string | Uint8Array): void {
  mkdirSync(path.dirname(path.join(root, relPath)), { recursive: true });
  writeFileSync(path.join(root, relPath), text);
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(argv: readonly string[], cwd: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    now: () => NOW,
  });
  return { code, stdout, stderr };
}

/** The finding lines of a stderr text (one per finding, see formatFindingLine). */
export function findingLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^(DENY|WARN|waived until \S+) ST2-/.test(line));
}

/** The gate's verdict on one overlay: its report, or the error it threw (by name and message). */
export type Verdict = { readonly report: PolicyReport } | { readonly error: string };

/** One way of checking a render (checkRender in one step, or a way that must judge the same). */
export type CheckWay = (resources: readonly RenderedResource[], options: CheckOptions) => PolicyReport | Promise<PolicyReport>;

/**
 * An overlay judged two ways, each on a fresh render, as `environment` (default: the
 * overlay's own) at `now`: the two verdicts, for a test that they are equal.
 */
export async function judgedBothWays(fs: FileReader, overlay: string, at: { readonly environment?: string | undefined; readonly now: Date }, first: CheckWay, second: CheckWay): Promise<[Verdict, Verdict]> {
  const judge = async (way: CheckWay): Promise<Verdict> => {
    try {
      const render = renderOverlay(fs, overlay);
      const options = { environment: at.environment ?? render.environment, floors: [render.environment, ...render.declaredEnvironments], now: at.now };
      return { report: await way(render.resources, options) };
    } catch (error) {
      return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  };
  return [await judge(first), await judge(second)];
}
