/**
 * `st2-gitops check` flags. argv is what follows the `check` word; every
 * problem is a ConfigError naming the flag (exit 2).
 */
import { BUDGET_USAGE, budgetFlagOf, type BudgetFlags, type Budgets } from '../core/budgets.js';
import { ConfigError } from '../core/errors.js';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CheckArgs {
  /** As given (relative to cwd); empty = every overlay under overlays/ that declares an environment. */
  readonly overlays: readonly string[];
  readonly format: CheckFormat;
  /** Git ref to compare with, e.g. `origin/main`. */
  readonly base: string | undefined;
  readonly root: string | undefined;
  readonly help: boolean;
  readonly budgetFlags: BudgetFlags;
}

export const CHECK_USAGE = `Usage: st2-gitops check [overlay-dir...] [options]

Render and policy-gate overlays (default: every directory under overlays/ whose
kustomization declares st2-gitops/environment) and print a summary.

Options:
  --format <f>     text (default), json, sarif, junit, github or markdown
  --base <ref>     Also render at this git ref and report what the change does:
                   resources added/removed/changed (Secret values masked),
                   replica and exposure changes, findings new/present/fixed.
                   The current policy bundle judges both sides.
  --root <dir>     Repository root (default: nearest ancestor with policies/bundle or .git)
  -h, --help       Show this help
${BUDGET_USAGE}

Examples:
  npm run check
  st2-gitops check overlays/prod --format github
  st2-gitops check --base origin/main --format markdown > comment.md
  st2-gitops check --base HEAD~1 --format sarif > results.sarif

Exit codes: 0 every overlay allowed (warnings and waived findings do not fail),
1 an overlay is denied by policy, 2 bad input (an overlay failed to render, an
unknown --base ref, bad flags), 3 internal error. Every overlay is reported
either way; the highest code wins.
`;

export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  const overlays: string[] = [];
  let format: CheckFormat = 'text';
  let base: string | undefined;
  let root: string | undefined;
  let help = false;
  const budgetFlags: (readonly [keyof Budgets, string])[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (flag: string): string => {
      const eq = arg.indexOf('=');
      if (arg.startsWith('--') && eq > 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new ConfigError('usage', `${flag} needs a value; see st2-gitops check --help`);
      return next;
    };
    if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '--format' || arg === '-f' || arg.startsWith('--format=')) {
      const v = value('--format');
      if (!(CHECK_FORMATS as readonly string[]).includes(v)) {
        throw new ConfigError('usage', `--format must be one of ${CHECK_FORMATS.join(', ')}, not '${v}'`);
      }
      format = v as CheckFormat;
    } else if (arg === '--base' || arg.startsWith('--base=')) base = value('--base');
    else if (arg === '--root' || arg.startsWith('--root=')) root = value('--root');
    else if (budgetFlagOf(arg) !== undefined) budgetFlags.push([budgetFlagOf(arg) as keyof Budgets, value(arg.split('=')[0] ?? arg)]);
    else if (arg === '--') {
      overlays.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('-')) throw new ConfigError('usage', `unknown option ${arg}; see st2-gitops check --help`);
    else overlays.push(arg);
  }
  if (base !== undefined && base.trim() === '') throw new ConfigError('usage', '--base needs a git ref such as origin/main');
  return { overlays, format, base, root, help, budgetFlags };
}
