/**
 * Turns the environment argocd-cmp-server gives a plugin command into typed
 * options. Pure: the caller passes the variables and the working directory
 * (../shared/reference/argocd.md §2 and §6).
 *
 * Precedence, highest first:
 *   overlay:     parameter `overlay` > ARGOCD_ENV_OVERLAY > the app path itself
 *   environment: parameter `environment` > ARGOCD_ENV_ENVIRONMENT. Owned by whoever
 *                owns the Application, it is a floor: the overlay's `st2-gitops/environment`
 *                (and its bases', and the bundle's namespace map) can only tighten it.
 * Parameters come from ARGOCD_APP_PARAMETERS when it is set (even to `null`);
 * the `PARAM_*` variables are read only when it is absent. Empty values count
 * as unset, because the Argo CD UI sends fields a user cleared as "".
 */
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import { isJsonObject } from '../core/manifest.js';
import { normalizeRelPath } from '../repository/index.js';

/** The variables we read; everything else in the environment is ignored. */
export type CmpEnv = Readonly<Record<string, string | undefined>>;

/** Plugin parameters we accept (the static announcements in plugin.yaml). */
export const PARAMETER_NAMES = ['overlay', 'environment'] as const;
export type ParameterName = (typeof PARAMETER_NAMES)[number];
/** Announced by the dynamic command for information only; ignored when sent back. */
export const INFORMATIONAL_PARAMETERS: readonly string[] = ['available-overlays', 'overlay-environments'];

export interface PluginParameter {
  readonly name: string;
  readonly string?: string | undefined;
  readonly array?: readonly string[] | undefined;
  readonly map?: Readonly<Record<string, string>> | undefined;
}

export interface CmpContext {
  /** Absolute repository root: cwd minus ARGOCD_APP_SOURCE_PATH. */
  readonly root: string;
  /** Repo-relative app path (`overlays/prod`, or `.` for the root). */
  readonly appPath: string;
}

export interface CmpOptions extends CmpContext {
  /** Repo-relative overlay directory to render. */
  readonly overlay: string;
  /** Where the overlay choice came from, for the log line. */
  readonly overlaySource: 'parameter' | 'ARGOCD_ENV_OVERLAY' | 'app path';
  readonly environment: string | undefined;
  /** ARGOCD_APP_NAMESPACE: spec.destination.namespace ('' when unset). */
  readonly destinationNamespace: string;
  readonly appName: string;
  /** KUBE_VERSION, e.g. `1.29.3` ('' when unknown). */
  readonly kubeVersion: string;
  /** KUBE_API_VERSIONS split on commas; empty = unknown, nothing is checked. */
  readonly kubeApiVersions: readonly string[];
}

/** The directory argocd-cmp-server extracts every checkout under: `<cmpWorkDir>/_cmp_server/<uuid>/`. */
const CMP_WORK_DIR = '_cmp_server';

/**
 * Finds the repository root: the cwd is `<workdir>/_cmp_server/<uuid>/<appRelPath>`,
 * and ARGOCD_APP_SOURCE_PATH is that appRelPath as written in the Application.
 * The root is the checkout Argo CD made (`<uuid>`), never worked out from the
 * resolved cwd: when the app path goes through a symlink, the real cwd is
 * somewhere else, and cutting the app path off its end could make any
 * directory of the repository (with its own policies/) the root. So under
 * `_cmp_server` the cwd must be exactly `<checkout>/<appRelPath>`, or generate
 * refuses. Without the variable (a local run) the caller's fallback decides.
 */
export function resolveContext(env: CmpEnv, cwd: string, fallbackRoot: (cwd: string) => string): CmpContext {
  const raw = env['ARGOCD_APP_SOURCE_PATH'];
  const absCwd = path.resolve(cwd);
  if (raw === undefined) {
    const root = fallbackRoot(absCwd);
    return { root, appPath: toPosix(path.relative(root, absCwd)) || '.' };
  }
  const appPath = normalizeRelPath(raw === '' ? '.' : raw.replace(/^\/+/, ''));
  if (appPath === undefined) {
    throw new ConfigError('cmp-source-path', `ARGOCD_APP_SOURCE_PATH '${raw}' leaves the repository; set spec.source.path to a directory inside the repo`);
  }
  const cwdSegments = absCwd.split(path.sep);
  // The first one: a repository may hold a directory of that name, the work dir comes before it.
  const workAt = cwdSegments.indexOf(CMP_WORK_DIR);
  if (workAt >= 0 && workAt + 1 < cwdSegments.length) {
    const checkout = cwdSegments.slice(0, workAt + 2).join(path.sep);
    const expected = appPath === '.' ? checkout : path.join(checkout, ...appPath.split('/'));
    if (expected !== absCwd) {
      throw new ConfigError(
        'cmp-source-path',
        `working directory ${absCwd} is not ARGOCD_APP_SOURCE_PATH '${appPath}' of the checkout ${checkout}: the app path goes through a symlink; point spec.source.path at the real directory`,
      );
    }
    return { root: checkout, appPath };
  }
  if (appPath === '.') return { root: absCwd, appPath };
  const segments = appPath.split('/');
  const tail = cwdSegments.slice(cwdSegments.length - segments.length);
  if (tail.join('/') !== appPath) {
    throw new ConfigError(
      'cmp-source-path',
      `working directory ${absCwd} does not end with ARGOCD_APP_SOURCE_PATH '${appPath}'; cannot find the repository root (is manifest-generate-paths enabled for plugins? it is not supported)`,
    );
  }
  return { root: cwdSegments.slice(0, cwdSegments.length - segments.length).join(path.sep) || path.sep, appPath };
}

/** Parses ARGOCD_APP_PARAMETERS, or rebuilds string parameters from PARAM_* when it is absent. */
export function readParameters(env: CmpEnv): readonly PluginParameter[] {
  const json = env['ARGOCD_APP_PARAMETERS'];
  if (json === undefined) {
    // PARAM_<ESCAPED NAME>: only string parameters can be told apart reliably.
    const out: PluginParameter[] = [];
    for (const name of PARAMETER_NAMES) {
      const value = env[`PARAM_${escapeParamName(name)}`];
      if (value !== undefined) out.push({ name, string: value });
    }
    return out;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ConfigError('cmp-parameters', `ARGOCD_APP_PARAMETERS is not valid JSON (${(error as Error).message}); check spec.source.plugin.parameters`, { cause: error });
  }
  if (parsed === null) return [];
  if (!Array.isArray(parsed)) throw new ConfigError('cmp-parameters', 'ARGOCD_APP_PARAMETERS must be a JSON array of {name, string|array|map}');
  return parsed.map((item: unknown, i) => toParameter(item, i));
}

/** Argo CD's PARAM_ escaping: upper-case, anything outside [A-Z0-9_] becomes `_`. */
export function escapeParamName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

function toParameter(item: unknown, index: number): PluginParameter {
  const where = `ARGOCD_APP_PARAMETERS[${index}]`;
  if (!isJsonObject(item) || typeof item['name'] !== 'string') throw new ConfigError('cmp-parameters', `${where} must be an object with a string 'name'`);
  const { name, string, array, map } = item;
  if (string !== undefined && typeof string !== 'string') throw new ConfigError('cmp-parameters', `${where} (${name}): 'string' must be a string`);
  if (array !== undefined && !(Array.isArray(array) && array.every((v) => typeof v === 'string'))) {
    throw new ConfigError('cmp-parameters', `${where} (${name}): 'array' must be a list of strings`);
  }
  if (map !== undefined && !(isJsonObject(map) && Object.values(map).every((v) => typeof v === 'string'))) {
    throw new ConfigError('cmp-parameters', `${where} (${name}): 'map' must map strings to strings`);
  }
  return { name, string, array: array, map: map as Readonly<Record<string, string>> | undefined };
}

function stringParameter(parameters: readonly PluginParameter[], name: ParameterName): string | undefined {
  const found = parameters.filter((p) => p.name === name);
  if (found.length > 1) throw new ConfigError('cmp-parameters', `plugin parameter '${name}' is set ${found.length} times; set it once`);
  const p = found[0];
  if (p === undefined) return undefined;
  if (p.array !== undefined || p.map !== undefined) {
    throw new ConfigError('cmp-parameters', `plugin parameter '${name}' must be a string, e.g. {name: ${name}, string: prod}`);
  }
  return nonEmpty(p.string);
}

/**
 * Resolves an overlay value: a bare name (`prod`) means `overlays/prod` when
 * that directory exists; anything else is a path from the repository root.
 */
export function resolveOverlayValue(value: string, isDirectory: (relPath: string) => boolean): string {
  const trimmed = value.trim().replace(/^\.\//, '');
  if (!trimmed.includes('/') && trimmed !== '.' && trimmed !== '..' && isDirectory(`overlays/${trimmed}`)) return `overlays/${trimmed}`;
  const rel = normalizeRelPath(trimmed.replace(/^\/+/, ''));
  if (rel === undefined) throw new ConfigError('cmp-overlay', `overlay '${value}' leaves the repository; use a path such as overlays/prod`);
  return rel;
}

export function readCmpOptions(env: CmpEnv, context: CmpContext, isDirectory: (relPath: string) => boolean): CmpOptions {
  const parameters = readParameters(env);
  const known = new Set<string>([...PARAMETER_NAMES, ...INFORMATIONAL_PARAMETERS]);
  const unknown = parameters.filter((p) => !known.has(p.name)).map((p) => p.name);
  if (unknown.length > 0) {
    throw new ConfigError('cmp-parameters', `unknown plugin parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')}; supported: ${PARAMETER_NAMES.join(', ')}`);
  }
  const paramOverlay = stringParameter(parameters, 'overlay');
  const envOverlay = nonEmpty(env['ARGOCD_ENV_OVERLAY']);
  let overlay: string;
  let overlaySource: CmpOptions['overlaySource'];
  if (paramOverlay !== undefined) {
    overlay = resolveOverlayValue(paramOverlay, isDirectory);
    overlaySource = 'parameter';
  } else if (envOverlay !== undefined) {
    overlay = resolveOverlayValue(envOverlay, isDirectory);
    overlaySource = 'ARGOCD_ENV_OVERLAY';
  } else {
    overlay = context.appPath;
    overlaySource = 'app path';
  }
  const environment = stringParameter(parameters, 'environment') ?? nonEmpty(env['ARGOCD_ENV_ENVIRONMENT']);
  const apiVersions = (env['KUBE_API_VERSIONS'] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return {
    ...context,
    overlay,
    overlaySource,
    environment,
    destinationNamespace: env['ARGOCD_APP_NAMESPACE'] ?? '',
    appName: env['ARGOCD_APP_NAME'] ?? '',
    kubeVersion: env['KUBE_VERSION'] ?? '',
    kubeApiVersions: apiVersions,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
