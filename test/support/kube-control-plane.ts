/**
 * A real Kubernetes control plane on loopback, for tests that need the API
 * server itself to judge our manifests (schema, strict decoding, defaulting,
 * CRD validation, admission including Pod Security).
 *
 * The binaries come from `scripts/install-kube.sh` (Kubernetes pinned in
 * scripts/kube-version, etcd at the version that module graph pins) in
 * `.tools/bin`. No kubelet runs, so pods are never scheduled or started.
 *
 * What `startControlPlane()` does:
 * - picks free ports on 127.0.0.1 (etcd client and peer, API server);
 * - makes an EC P-256 CA, a serving certificate for 127.0.0.1/localhost signed
 *   by it and a service-account key pair with openssl, and a token auth file with
 *   one user in `system:masters`;
 * - starts etcd (fsync off: this is scratch data) and kube-apiserver with RBAC,
 *   `--endpoint-reconciler-type=none` and the default admission plugins, each in
 *   its own process group with logs in the temporary directory;
 * - waits for `/readyz`, writes a kubeconfig (JSON, which kubectl reads).
 *
 * Reusing it (the Argo CD suite starts kube-controller-manager and
 * kube-scheduler this way): `plane.kubeconfig`, `plane.server`, `plane.token`,
 * `plane.files` (CA, serving cert and key, service-account keys, token file)
 * and `plane.spawn(binary, args)`, which ties another process to `stop()`.
 * `stop()` kills every process group it started (SIGTERM, then SIGKILL) and
 * removes the temporary directory; it is also run when the test process exits.
 *
 * Locally the suites skip when the binaries are absent (`findKubeTools()`
 * returns undefined); with CI=true they must fail instead (see `kubeToolsOrSkip`).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Absolute paths of the control-plane binaries built by scripts/install-kube.sh. */
export interface KubeTools {
  readonly etcd: string;
  readonly kubeApiserver: string;
  readonly kubeControllerManager: string;
  readonly kubeScheduler: string;
  /** kubectl of the same version as the API server (the system kubectl may be older). */
  readonly kubectl: string;
}

/** The tools in `<repo>/.tools/bin`, or undefined when any is missing. */
export function findKubeTools(root: string = repoRoot): KubeTools | undefined {
  const bin = path.join(root, '.tools', 'bin');
  const tools: KubeTools = {
    etcd: path.join(bin, 'etcd'),
    kubeApiserver: path.join(bin, 'kube-apiserver'),
    kubeControllerManager: path.join(bin, 'kube-controller-manager'),
    kubeScheduler: path.join(bin, 'kube-scheduler'),
    kubectl: path.join(bin, 'kubectl'),
  };
  const paths: readonly string[] = Object.values(tools);
  return paths.every((p) => existsSync(p)) ? tools : undefined;
}

/**
 * Whether a suite needing the control plane should skip: only when the tools
 * are missing and we are not in CI. In CI a missing tool fails the suite.
 */
export function shouldSkipKubeSuite(): boolean {
  return findKubeTools() === undefined && process.env['CI'] !== 'true';
}

/** Files the control plane was started with, for components started later. */
export interface ControlPlaneFiles {
  readonly caCert: string;
  readonly caKey: string;
  readonly servingCert: string;
  readonly servingKey: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPublicKey: string;
  readonly tokenFile: string;
}

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: string;
}

export interface ControlPlane {
  readonly tools: KubeTools;
  /** Temporary directory holding certificates, etcd data and logs. */
  readonly dir: string;
  /** `https://127.0.0.1:<port>` */
  readonly server: string;
  readonly etcdUrl: string;
  /** Bearer token of a `system:masters` user. */
  readonly token: string;
  readonly kubeconfig: string;
  readonly files: ControlPlaneFiles;
  /** Runs the matching kubectl against this server (KUBECONFIG set); never throws on a non-zero exit. */
  kubectl(args: readonly string[], input?: string): Promise<KubectlResult>;
  /** One request to the API server as the `system:masters` user. */
  api(method: string, apiPath: string, body?: unknown): Promise<ApiResponse>;
  /** Creates the namespace (with labels) if missing, and its `default` ServiceAccount (no controller-manager makes it). */
  ensureNamespace(name: string, labels?: Readonly<Record<string, string>>): Promise<void>;
  /**
   * Starts another process (for example kube-scheduler) in its own process group, stopped by
   * `stop()`; logs to `<dir>/<name>.log`. `env`, when given, replaces the inherited environment.
   */
  spawn(name: string, binary: string, args: readonly string[], env?: Readonly<Record<string, string>>): ChildProcess;
  /** Kills every started process group and removes `dir`. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly tools?: KubeTools;
  /** Extra kube-apiserver flags, appended last. */
  readonly apiserverArgs?: readonly string[];
  /** How long to wait for etcd and /readyz. @default 90_000 ms */
  readonly readyTimeoutMs?: number;
}

/** A free TCP port on 127.0.0.1 (the kernel's choice; closed again before use). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

function openssl(args: readonly string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCertificates(dir: string): Omit<ControlPlaneFiles, 'tokenFile'> {
  const f = (name: string): string => path.join(dir, name);
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], dir);
  openssl(['req', '-x509', '-new', '-key', 'ca.key', '-subj', '/CN=st2-gitops-test-ca', '-days', '2', '-out', 'ca.crt'], dir);
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'serving.key'], dir);
  openssl(['req', '-new', '-key', 'serving.key', '-subj', '/CN=kube-apiserver', '-out', 'serving.csr'], dir);
  writeFileSync(
    f('serving.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\n' +
      'extendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n',
  );
  openssl(['x509', '-req', '-in', 'serving.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'serving.ext', '-out', 'serving.crt'], dir);
  // ES256 service-account tokens: the API server accepts EC keys for signing and verifying.
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'sa.key'], dir);
  openssl(['ec', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], dir);
  return {
    caCert: f('ca.crt'),
    caKey: f('ca.key'),
    servingCert: f('serving.crt'),
    servingKey: f('serving.key'),
    serviceAccountKey: f('sa.key'),
    serviceAccountPublicKey: f('sa.pub'),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Process groups still alive, killed synchronously if the test process exits without stop(). */
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pgid of liveGroups) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
}

async function killGroup(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // The group is gone already.
    }
    const timer = sleep(timeoutMs).then(() => 'timeout' as const);
    if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout') {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Gone in between.
      }
      await exited;
    }
  }
  // Children of the leader (none today) would keep the group: make sure it is empty.
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Expected: no process left in the group.
  }
  liveGroups.delete(pid);
}

function httpGetStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Starts etcd and kube-apiserver; see the file comment. */
export async function startControlPlane(options: StartOptions = {}): Promise<ControlPlane> {
  const tools = options.tools ?? findKubeTools();
  if (tools === undefined) {
    throw new Error('kube control plane: .tools/bin lacks kube-apiserver, etcd or kubectl; run scripts/install-kube.sh');
  }
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  installExitHook();
  const dir = mkdtempSync(path.join(tmpdir(), 'st2-gitops-kube-'));
  const children: ChildProcess[] = [];
  let stopped = false;

  const spawnLogged = (name: string, binary: string, args: readonly string[], env?: Readonly<Record<string, string>>): ChildProcess => {
    const log = openSync(path.join(dir, `${name}.log`), 'a');
    const child = spawn(binary, args, { cwd: dir, detached: true, stdio: ['ignore', log, log], ...(env === undefined ? {} : { env }) });
    closeSync(log);
    if (child.pid !== undefined) liveGroups.add(child.pid);
    children.push(child);
    return child;
  };

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // Reverse order: clients (apiserver, later components) before etcd.
    for (const child of [...children].reverse()) await killGroup(child);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const certs = makeCertificates(dir);
    const token = randomBytes(24).toString('hex');
    const tokenFile = path.join(dir, 'tokens.csv');
    writeFileSync(tokenFile, `${token},st2-gitops-admin,st2-gitops-admin,"system:masters"\n`, { mode: 0o600 });
    const files: ControlPlaneFiles = { ...certs, tokenFile };

    const [clientPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${clientPort}`;
    const peerUrl = `http://127.0.0.1:${peerPort}`;
    const etcd = spawnLogged('etcd', tools.etcd, [
      '--name=default',
      `--data-dir=${path.join(dir, 'etcd-data')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=default=${peerUrl}`,
      '--unsafe-no-fsync=true',
      '--log-level=warn',
    ]);
    const deadline = Date.now() + readyTimeoutMs;
    while ((await httpGetStatus(`${etcdUrl}/health`)) !== 200) {
      if (etcd.exitCode !== null || Date.now() > deadline) {
        throw new Error(`kube control plane: etcd did not become healthy on ${etcdUrl}:\n${tail(path.join(dir, 'etcd.log'))}`);
      }
      await sleep(100);
    }

    const server = `https://127.0.0.1:${apiPort}`;
    const apiserver = spawnLogged('kube-apiserver', tools.kubeApiserver, [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--cert-dir=${dir}`,
      `--tls-cert-file=${files.servingCert}`,
      `--tls-private-key-file=${files.servingKey}`,
      `--client-ca-file=${files.caCert}`,
      `--token-auth-file=${files.tokenFile}`,
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${files.serviceAccountPublicKey}`,
      `--service-account-signing-key-file=${files.serviceAccountKey}`,
      '--service-cluster-ip-range=10.96.0.0/16',
      '--endpoint-reconciler-type=none',
      '--profiling=false',
      ...(options.apiserverArgs ?? []),
    ]);

    const ca = readFileSync(files.caCert);
    const api = (method: string, apiPath: string, body?: unknown): Promise<ApiResponse> =>
      new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const req = httpsRequest(
          `${server}${apiPath}`,
          {
            method,
            ca,
            timeout: 10_000,
            headers: {
              authorization: `Bearer ${token}`,
              accept: 'application/json',
              ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          },
        );
        req.on('error', reject);
        req.on('timeout', () => req.destroy(new Error(`${method} ${apiPath}: timed out`)));
        req.end(payload);
      });

    for (;;) {
      const status = await api('GET', '/readyz').then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      if (apiserver.exitCode !== null || Date.now() > deadline) {
        throw new Error(`kube control plane: kube-apiserver not ready on ${server}:\n${tail(path.join(dir, 'kube-apiserver.log'))}`);
      }
      await sleep(200);
    }

    const kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'local', cluster: { server, 'certificate-authority': files.caCert } }],
        users: [{ name: 'admin', user: { token } }],
        contexts: [{ name: 'local', context: { cluster: 'local', user: 'admin' } }],
        'current-context': 'local',
      }),
      { mode: 0o600 },
    );

    const kubectl = (args: readonly string[], input?: string): Promise<KubectlResult> =>
      new Promise((resolve, reject) => {
        const child = spawn(tools.kubectl, args, {
          env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, KUBECONFIG: kubeconfig },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (c: Buffer) => out.push(c));
        child.stderr.on('data', (c: Buffer) => err.push(c));
        child.on('error', reject);
        child.on('close', (code) =>
          resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
        );
        child.stdin.end(input ?? '');
      });

    const ensureNamespace = async (name: string, labels: Readonly<Record<string, string>> = {}): Promise<void> => {
      const ns = await api('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
      if (ns.status !== 201 && ns.status !== 409) throw new Error(`create namespace ${name}: ${ns.status} ${ns.body}`);
      if (ns.status === 409 && Object.keys(labels).length > 0) {
        const patch = await new Promise<ApiResponse>((resolve, reject) => {
          const payload = JSON.stringify({ metadata: { labels } });
          const req = httpsRequest(
            `${server}/api/v1/namespaces/${name}`,
            {
              method: 'PATCH',
              ca,
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/merge-patch+json', 'content-length': Buffer.byteLength(payload) },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: '' }));
            },
          );
          req.on('error', reject);
          req.end(payload);
        });
        if (patch.status !== 200) throw new Error(`label namespace ${name}: ${patch.status}`);
      }
      const sa = await api('POST', `/api/v1/namespaces/${name}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
      if (sa.status !== 201 && sa.status !== 409) throw new Error(`create ${name}/default ServiceAccount: ${sa.status} ${sa.body}`);
    };

    return {
      tools,
      dir,
      server,
      etcdUrl,
      token,
      kubeconfig,
      files,
      kubectl,
      api,
      ensureNamespace,
      spawn: spawnLogged,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
