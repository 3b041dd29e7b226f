/**
 * Argo CD's repo-server manifest generation, in process of our driver argocd-generate
 * (scripts/argocd/generate.go), which calls reposerver/repository.GenerateManifests: the
 * plugin environment, plugin choice by name or discovery, the tarball to the cmp-server,
 * the parsing of its output, and Argo CD's built-in kustomize for Applications without a
 * plugin. One long-lived process, like a repo-server; requests are answered in order.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { stopProcess } from './cmp-server.js';
import { TOOLS_BIN, toolPath } from './tools.js';

export interface PluginSource {
  /** `st2-gitops-v1.0`, or '' / absent for discovery (`plugin: {}`). */
  readonly name?: string;
  readonly env?: readonly { readonly name: string; readonly value: string }[];
  readonly parameters?: readonly { readonly name: string; readonly string?: string; readonly array?: readonly string[] }[];
}

export interface GenerateInput {
  readonly repoRoot: string;
  readonly revision: string;
  readonly appName: string;
  /** spec.source.path */
  readonly path: string;
  /** spec.source.plugin; undefined = no plugin section (discovery, then built-in detection). */
  readonly plugin?: PluginSource | undefined;
  /** spec.destination.namespace */
  readonly namespace: string;
  readonly kubeVersion?: string;
  readonly apiVersions?: readonly string[];
  readonly tarExclusions?: readonly string[];
  readonly useManifestGeneratePaths?: boolean;
  readonly manifestGeneratePaths?: string;
  readonly repoURL?: string;
}

export interface GenerateResult {
  /** Parsed manifests as Argo CD returns them (JSON documents). */
  readonly objects: readonly Record<string, unknown>[];
  readonly sourceType: string;
  /** Argo CD's error text, '' on success. */
  readonly error: string;
  /** Wall time of GenerateManifests inside the driver, ms. */
  readonly ms: number;
}

export interface RepoServerDriver {
  generate(input: GenerateInput): Promise<GenerateResult>;
  stop(): Promise<void>;
}

export function startRepoServerDriver(sockDir: string): RepoServerDriver {
  const child: ChildProcessWithoutNullStreams = spawn(toolPath('argocd-generate'), [], {
    env: {
      // The built-in kustomize path runs `kustomize` from PATH, as in the repo-server image.
      PATH: `${TOOLS_BIN}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
      HOME: process.env['HOME'] ?? '/tmp',
      TMPDIR: process.env['TMPDIR'] ?? '/tmp',
      ARGOCD_PLUGINSOCKFILEPATH: sockDir,
    },
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  child.on('exit', () => {
    for (const w of waiting.splice(0)) w(JSON.stringify({ error: `argocd-generate exited: ${stderr}` }));
  });
  return {
    async generate(input) {
      const line = new Promise<string>((resolve) => waiting.push(resolve));
      child.stdin.write(`${JSON.stringify(toRequest(input))}\n`);
      return parseResponse(await line);
    },
    async stop() {
      child.stdin.end();
      await stopProcess(child);
    },
  };
}

function toRequest(input: GenerateInput): unknown {
  const source: Record<string, unknown> = { repoURL: input.repoURL ?? 'git://127.0.0.1/st2-gitops.git', path: input.path, targetRevision: 'HEAD' };
  if (input.plugin !== undefined) source['plugin'] = input.plugin;
  return {
    repoRoot: input.repoRoot,
    revision: input.revision,
    tarExclusions: input.tarExclusions ?? [],
    useManifestGeneratePaths: input.useManifestGeneratePaths ?? false,
    request: {
      repo: { repo: source['repoURL'], type: 'git' },
      revision: input.revision,
      appName: input.appName,
      namespace: input.namespace,
      projectName: 'default',
      applicationSource: source,
      kubeVersion: input.kubeVersion ?? '1.34.4',
      apiVersions: input.apiVersions ?? [],
      annotationManifestGeneratePaths: input.manifestGeneratePaths ?? '',
    },
  };
}

function parseResponse(line: string): GenerateResult {
  const raw: unknown = JSON.parse(line);
  if (typeof raw !== 'object' || raw === null) throw new Error(`argocd-generate answered ${line.slice(0, 200)}`);
  const r = raw as { manifests?: unknown; sourceType?: unknown; error?: unknown; ms?: unknown };
  const manifests = Array.isArray(r.manifests) ? r.manifests.filter((m): m is string => typeof m === 'string') : [];
  return {
    objects: manifests.map((m) => JSON.parse(m) as Record<string, unknown>),
    sourceType: typeof r.sourceType === 'string' ? r.sourceType : '',
    error: typeof r.error === 'string' ? r.error : '',
    ms: typeof r.ms === 'number' ? r.ms : Number.NaN,
  };
}
