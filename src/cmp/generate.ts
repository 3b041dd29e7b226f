/**
 * The Argo CD config-management-plugin edge: `st2-gitops cmp generate|discover|parameters`,
 * as plugin.yaml declares them. The only place that reads ARGOCD_* and KUBE_*
 * variables (passed in as `env`, defaulting to process.env).
 *
 * Contract (../shared/reference/argocd.md §3): stdout carries only the YAML
 * stream, and only when everything passed (cli/main.ts buffers it and writes
 * it on exit code 0 alone); stderr starts with one line saying what to fix;
 * denial or error exits non-zero with stdout empty.
 */
import { ConfigError } from '../core/errors.js';
import type { Manifest } from '../core/manifest.js';
import type { CommandIo } from '../core/command-io.js';
import { resolveBudgets } from '../core/budgets.js';
import { describeError, EXIT_BAD_INPUT, EXIT_DENIED, EXIT_OK, exitCodeForError } from '../core/exit-codes.js';
import { checkRendered, toYamlStream } from '../pipeline.js';
import { renderOverlay } from '../render/index.js';
import { formatFindingLine, isBlocking } from '../policy/index.js';
import {
  createNodeFileReader,
  endLargeInputWatch,
  findRepoRoot,
  listOverlays,
  loadPolicyEngine,
  matchesPluginDirectory,
  policySourceFromEnv,
  POLICY_SOURCE_ENV,
  type FileReader,
} from '../repository/index.js';
import { checkDestinationNamespace } from './destination-namespace.js';
import { readCmpOptions, resolveContext, type CmpEnv, type CmpOptions } from './options.js';
import { announceParameters } from './parameters.js';
import { describeUnserved, findUnservedResources } from './served-apis.js';

export const CMP_USAGE = `Usage: st2-gitops cmp <generate|discover|parameters>

Run by argocd-cmp-server as plugin.yaml declares; cwd is the Application's path.
  generate     Render and policy-gate the overlay; print the YAML stream only when allowed
  discover     Print the app path when it is an st2-gitops overlay or repo root, else nothing
  parameters   Print the dynamic parameter announcements (JSON array)

Settings: plugin parameters 'overlay' and 'environment' (ARGOCD_APP_PARAMETERS / PARAM_*),
or plugin env OVERLAY / ENVIRONMENT (ARGOCD_ENV_OVERLAY / ARGOCD_ENV_ENVIRONMENT).
Policies: the bundle shipped with this st2-gitops (the sidecar image) gates every render;
the sidecar's ${POLICY_SOURCE_ENV}=repository lets the repository's policies/bundle gate it.
`;

/** Findings printed before the output is cut, so the Argo CD UI stays readable. */
const MAX_FINDING_LINES = 10;

export async function runCmp(argv: readonly string[], io: CommandIo, env: CmpEnv = process.env): Promise<number> {
  const sub = argv[0];
  try {
    if (argv.length > 1) throw new ConfigError('usage', `st2-gitops cmp ${sub ?? ''} takes no arguments; settings come from the Argo CD environment`);
    switch (sub) {
      case 'generate':
        return await generate(io, env);
      case 'discover':
        return discover(io, env);
      case 'parameters':
        return parameters(io, env);
      case '-h':
      case '--help':
        io.stdout(CMP_USAGE);
        return EXIT_OK;
      default:
        throw new ConfigError('usage', `unknown cmp command '${sub ?? ''}'; use generate, discover or parameters`);
    }
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return exitCodeForError(error);
  }
}

function readerFor(io: CommandIo, env: CmpEnv): { fs: FileReader; root: string; appPath: string } {
  const context = resolveContext(env, io.cwd, findRepoRoot);
  // Budgets come from the sidecar's own environment (ST2_GITOPS_MAX_*); an Application's env arrives as ARGOCD_ENV_*.
  return { fs: createNodeFileReader(context.root, { maxFileBytes: resolveBudgets(env).maxFileBytes }), ...context };
}

async function generate(io: CommandIo, env: CmpEnv): Promise<number> {
  const { fs, root, appPath } = readerFor(io, env);
  const options = readCmpOptions(env, { root, appPath }, (p) => fs.kind(p) === 'directory');
  requireOverlay(fs, options);
  const budgets = resolveBudgets(env);
  const render = renderOverlay(fs, options.overlay, budgets);
  endLargeInputWatch();
  // The image's bundle unless the sidecar itself allows the repository's (the repository is what is judged).
  const policy = await loadPolicyEngine(fs, policySourceFromEnv(env, 'image'));
  // The Application's environment is a floor the repository cannot go below; namespace-less
  // resources are judged in the destination namespace they will land in.
  const outcome = checkRendered(
    render,
    { environment: options.environment, namespace: options.destinationNamespace || undefined },
    { fs, policy, now: io.now },
  );
  const blocking = outcome.report.findings.filter(isBlocking);
  const warnings = outcome.report.findings.length - blocking.length;
  const judged = `environment ${outcome.environment ?? 'unset'}, judged as ${outcome.report.profile}`;

  if (!outcome.allowed) {
    const lines = [
      `st2-gitops: ${options.overlay} denied by policy: ${blocking.length} blocking finding${blocking.length === 1 ? '' : 's'} (${judged}); nothing was rendered or synced. Fix the DENY lines below, or waive them with an expiring annotation.`,
      ...blocking.slice(0, MAX_FINDING_LINES).map(formatFindingLine),
    ];
    if (blocking.length > MAX_FINDING_LINES) lines.push(`… and ${blocking.length - MAX_FINDING_LINES} more blocking findings`);
    lines.push(`(${warnings} warning${warnings === 1 ? '' : 's'} not shown; full report: st2-gitops render ${options.overlay}${options.environment ? ` --env ${options.environment}` : ''})`);
    io.stderr(`${lines.join('\n')}\n`);
    return EXIT_DENIED;
  }
  const failure = checkCluster(outcome.manifests, options);
  if (failure !== undefined) {
    io.stderr(failure);
    return EXIT_BAD_INPUT;
  }
  for (const notice of outcome.render.notices) io.stderr(`warning: ${notice}\n`);
  io.stderr(`st2-gitops: rendered ${options.overlay} (overlay from ${options.overlaySource}; ${judged}): ${outcome.manifests.length} resources, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  io.stdout(toYamlStream(outcome.manifests, budgets));
  return EXIT_OK;
}

/** Checks against the destination: never an empty sync, served APIs, the namespace rule. */
function checkCluster(manifests: readonly Manifest[], options: CmpOptions): string | undefined {
  if (manifests.length === 0) {
    // Empty stdout is a successful zero-resource render for Argo CD, which would prune everything.
    return `st2-gitops: ${options.overlay} rendered no resources; refusing to hand Argo CD an empty set (it would prune the app). Fix: check the overlay's resources.\n`;
  }
  const unserved = findUnservedResources(manifests, options.kubeApiVersions);
  if (unserved.length > 0) return describeUnserved(unserved, options.kubeVersion);
  return checkDestinationNamespace(manifests, options.destinationNamespace, options.overlay);
}

function requireOverlay(fs: FileReader, options: CmpOptions): void {
  const hasKustomization = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some(
    (name) => fs.kind(options.overlay === '.' ? name : `${options.overlay}/${name}`) === 'file',
  );
  if (hasKustomization) return;
  const available = listOverlays(fs).map((o) => o.path.replace(/^overlays\//, ''));
  const choices = available.length > 0 ? ` (one of: ${available.join(', ')})` : '';
  if (options.overlaySource === 'app path') {
    throw new ConfigError(
      'cmp-overlay',
      `no overlay chosen for app path '${options.appPath}': set the plugin parameter 'overlay'${choices}, or plugin env OVERLAY, or point spec.source.path at an overlay directory`,
    );
  }
  throw new ConfigError('cmp-overlay', `overlay '${options.overlay}' (from ${options.overlaySource}) has no kustomization.yaml; choose an existing overlay${choices}`);
}

function discover(io: CommandIo, env: CmpEnv): number {
  // Runs with cwd = app path. A match prints something (Argo CD needs exit 0 and
  // non-empty stdout); a miss prints nothing and still exits 0.
  try {
    const fs = createNodeFileReader(io.cwd, { maxFileBytes: resolveBudgets(env).maxFileBytes });
    if (matchesPluginDirectory(fs, '.')) io.stdout(`${env['ARGOCD_APP_SOURCE_PATH'] || '.'}\n`);
  } catch (error) {
    io.stderr(`${describeError(error)} (discover: not claiming this directory)\n`);
  }
  return EXIT_OK;
}

function parameters(io: CommandIo, env: CmpEnv): number {
  const { fs } = readerFor(io, env);
  io.stdout(`${JSON.stringify(announceParameters(listOverlays(fs)))}\n`);
  return EXIT_OK;
}
