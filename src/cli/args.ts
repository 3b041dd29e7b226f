/**
 * Command-line parsing, by hand to keep start-up fast; every problem is a
 * ConfigError naming the flag.
 */
import { BUDGET_USAGE, budgetFlagOf, type BudgetFlags, type Budgets } from '../core/budgets.js';
import { ConfigError } from '../core/errors.js';

export type Command = 'render' | 'build' | 'rules' | 'help' | 'version';

export interface CliArgs {
  readonly command: Command;
  readonly overlay: string | undefined;
  readonly environment: string | undefined;
  /** yaml or json for render and build; markdown or json for rules. */
  readonly output: 'yaml' | 'json' | 'markdown';
  readonly root: string | undefined;
  readonly budgetFlags: BudgetFlags;
}

export const USAGE = `Usage: st2-gitops <command> [options]

Commands:
  render <overlay-dir>   Render and policy-gate an overlay; prints manifests only when allowed
  build <overlay-dir>    Render without policies (debugging and diffs; never what Argo CD runs)
  rules                  List the policy bundle's rules: what each judges, where it denies, if waivable
  check [overlay...]     Render and gate every overlay (or those given); --format, --base <ref> (see check --help)
  waive <RULE> <KIND>/<NAME> --reason <why> --expires YYYY-MM-DD [--overlay <dir>]
                         Write a one-resource waiver into the overlay's kustomization (see waive --help)
  serve --port <n>       HTTP API, ApplicationSet plugin generator and dashboard (see serve --help)
  cmp generate|discover|parameters   Argo CD plugin commands (see plugin.yaml, st2-gitops cmp --help)

Options:
  --env <name>           Judge at least as strictly as this environment (a floor: never loosens)
  --output yaml|json     Output format (default yaml; rules: markdown or json, default markdown)
  --root <dir>           Repository root (default: nearest ancestor with policies/bundle or .git)
  -h, --help             Show this help
${BUDGET_USAGE}

Examples:
  npm run render overlays/prod
  st2-gitops build overlays/dev --output json
  st2-gitops render overlays/staging --env production
  st2-gitops rules --output json

Exit codes: 0 rendered, 1 denied by policy, 2 bad input or usage, 3 internal error.
`;

export function parseArgs(argv: readonly string[]): CliArgs {
  let command: Command | undefined;
  let overlay: string | undefined;
  let environment: string | undefined;
  let output: 'yaml' | 'json' | 'markdown' | undefined;
  let root: string | undefined;
  const budgetFlags: (readonly [keyof Budgets, string])[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (flag: string): string => {
      const inline = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : undefined;
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new ConfigError('usage', `${flag} needs a value; see st2-gitops --help`);
      return next;
    };
    if (arg === '-h' || arg === '--help') command = 'help';
    else if (arg === '--version') command = 'version';
    else if (arg === '--env' || arg.startsWith('--env=')) environment = value('--env');
    else if (arg === '--root' || arg.startsWith('--root=')) root = value('--root');
    else if (budgetFlagOf(arg) !== undefined) budgetFlags.push([budgetFlagOf(arg) as keyof Budgets, value(arg.split('=')[0] ?? arg)]);
    else if (arg === '--output' || arg === '-o' || arg.startsWith('--output=')) {
      const v = value('--output');
      if (v !== 'yaml' && v !== 'json' && v !== 'markdown') throw new ConfigError('usage', `--output must be yaml or json (markdown for rules), not '${v}'`);
      output = v;
    } else if (arg.startsWith('-')) throw new ConfigError('usage', `unknown option ${arg}; see st2-gitops --help`);
    else if (command === undefined) {
      if (arg !== 'render' && arg !== 'build' && arg !== 'rules' && arg !== 'help') throw new ConfigError('usage', `unknown command '${arg}'; use render, build or rules (see --help)`);
      command = arg;
    } else if (command === 'rules') throw new ConfigError('usage', `unexpected argument '${arg}'; rules takes no overlay`);
    else if (overlay === undefined) overlay = arg;
    else throw new ConfigError('usage', `unexpected argument '${arg}'; give one overlay directory`);
  }
  if (command === undefined) command = 'help';
  if ((command === 'render' || command === 'build') && overlay === undefined) {
    throw new ConfigError('usage', `${command} needs an overlay directory, e.g. st2-gitops ${command} overlays/prod`);
  }
  if (command === 'rules') {
    if (output === 'yaml') throw new ConfigError('usage', 'rules prints markdown or json (--output json), not yaml');
    return { command, overlay, environment, output: output ?? 'markdown', root, budgetFlags };
  }
  if (output === 'markdown') throw new ConfigError('usage', `--output markdown is for rules; ${command} prints yaml or json`);
  return { command, overlay, environment, output: output ?? 'yaml', root, budgetFlags };
}
