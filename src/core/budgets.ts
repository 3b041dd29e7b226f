/**
 * Every limit a render, a read or a request runs under, declared in one place
 * (CONVENTIONS §17, issue 14). A repository is untrusted input: each budget
 * bounds the memory or time one file, one render or one request can cost, so
 * the Argo CD sidecar (512 Mi) and the server stay up whatever is pushed.
 * Exceeding one is bad input (exit 2, HTTP 422) with a message naming the
 * file, the budget and its value. Defaults are documented in README
 * ("Budgets"); edges override them from flags or ST2_GITOPS_* variables.
 */
import { ConfigError, RenderError } from './errors.js';

export interface Budgets {
  /** Largest file the reader hands out (YAML, policy bundle, policy sources). @default 4 MiB */
  readonly maxFileBytes: number;
  /** YAML nodes per render after alias expansion (mappings, sequences and scalars). @default 2,000,000 */
  readonly maxYamlNodes: number;
  /** Bytes of the whole rendered stream. @default 64 MiB */
  readonly maxOutputBytes: number;
  /** Bytes of any one rendered resource. @default 8 MiB */
  readonly maxResourceBytes: number;
  /** Nodes a JSON-patch value or copy/move may add to one resource, over all its patches. @default 1,000,000 */
  readonly maxPatchGrowth: number;
  /** Kustomization directories built per render (each distinct directory counts once). @default 1,000 */
  readonly maxDirectories: number;
  /** Nesting depth of any YAML/JSON value, and of the kustomization tree. @default 100 */
  readonly maxDepth: number;
}

export const DEFAULT_BUDGETS: Budgets = Object.freeze({
  maxFileBytes: 4 * 1024 * 1024,
  maxYamlNodes: 2_000_000,
  maxOutputBytes: 64 * 1024 * 1024,
  maxResourceBytes: 8 * 1024 * 1024,
  maxPatchGrowth: 1_000_000,
  maxDirectories: 1_000,
  maxDepth: 100,
});

/** Flag and environment names of each budget, for help texts and README. */
export const BUDGET_SETTINGS: Readonly<Record<keyof Budgets, { readonly flag: string; readonly env: string }>> = Object.freeze({
  maxFileBytes: { flag: '--max-file-bytes', env: 'ST2_GITOPS_MAX_FILE_BYTES' },
  maxYamlNodes: { flag: '--max-yaml-nodes', env: 'ST2_GITOPS_MAX_YAML_NODES' },
  maxOutputBytes: { flag: '--max-output-bytes', env: 'ST2_GITOPS_MAX_OUTPUT_BYTES' },
  maxResourceBytes: { flag: '--max-resource-bytes', env: 'ST2_GITOPS_MAX_RESOURCE_BYTES' },
  maxPatchGrowth: { flag: '--max-patch-growth', env: 'ST2_GITOPS_MAX_PATCH_GROWTH' },
  maxDirectories: { flag: '--max-directories', env: 'ST2_GITOPS_MAX_DIRECTORIES' },
  maxDepth: { flag: '--max-depth', env: 'ST2_GITOPS_MAX_DEPTH' },
});

const BUDGET_NAMES = Object.keys(DEFAULT_BUDGETS) as (keyof Budgets)[];

function parseBudgetValue(name: keyof Budgets, text: string, from: string): number {
  if (!/^\d{1,15}$/.test(text.trim()) || Number(text) < 1) throw new ConfigError('usage', `${from} must be a positive whole number, not '${text}'`);
  void name;
  return Number(text);
}

/** Budgets from ST2_GITOPS_MAX_* variables over the defaults; a bad value is a ConfigError naming the variable. */
export function budgetsFromEnv(env: Readonly<Record<string, string | undefined>>, base: Budgets = DEFAULT_BUDGETS): Budgets {
  const out: Record<string, number> = { ...base };
  for (const name of BUDGET_NAMES) {
    const value = env[BUDGET_SETTINGS[name].env];
    if (value !== undefined && value !== '') out[name] = parseBudgetValue(name, value, BUDGET_SETTINGS[name].env);
  }
  return out as unknown as Budgets;
}

/** The budget a `--max-*` flag sets, or undefined when `flag` is not one. */
export function budgetOfFlag(flag: string): keyof Budgets | undefined {
  return BUDGET_NAMES.find((name) => BUDGET_SETTINGS[name].flag === flag);
}

/** Applies one `--max-*` flag value. */
export function withBudget(budgets: Budgets, name: keyof Budgets, text: string): Budgets {
  return { ...budgets, [name]: parseBudgetValue(name, text, BUDGET_SETTINGS[name].flag) };
}

/** The one error every budget raises: exit 2, naming file, budget and value. */
export class BudgetError extends RenderError {
  constructor(
    readonly budget: keyof Budgets,
    readonly limit: number,
    detail: string,
    file: string | undefined,
  ) {
    super('budget-exceeded', `${detail}: over the ${budget} budget of ${limit} (${BUDGET_SETTINGS[budget].flag} or ${BUDGET_SETTINGS[budget].env} to change it)`, file === undefined ? undefined : { file });
  }
}

/** `--max-*` flags as given on a command line, applied over the environment's budgets. */
export type BudgetFlags = readonly (readonly [keyof Budgets, string])[];

/** If `arg` is a `--max-*` flag (`--max-depth 50` or `--max-depth=50`), its budget. */
export function budgetFlagOf(arg: string): keyof Budgets | undefined {
  return arg.startsWith('--max-') ? budgetOfFlag(arg.split('=')[0] ?? arg) : undefined;
}

/** The budgets a command runs under: defaults, then ST2_GITOPS_MAX_* variables, then `--max-*` flags. */
export function resolveBudgets(env: Readonly<Record<string, string | undefined>> | undefined, flags: BudgetFlags = []): Budgets {
  let budgets = budgetsFromEnv(env ?? {});
  for (const [name, value] of flags) budgets = withBudget(budgets, name, value);
  return budgets;
}

/** The help text lines for the budget flags. */
export const BUDGET_USAGE = `Budgets (bad input past them: exit 2; defaults in README, or ST2_GITOPS_MAX_* variables):
  --max-file-bytes <n> --max-yaml-nodes <n> --max-output-bytes <n> --max-resource-bytes <n>
  --max-patch-growth <n> --max-directories <n> --max-depth <n>`;
