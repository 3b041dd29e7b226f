/**
 * `st2-gitops waive RULE KIND/NAME --reason <why> --expires YYYY-MM-DD
 * [--overlay <dir>]`: writes a waiver for one rule on one resource into the
 * overlay's kustomization (see waive-edit.ts), after checking what the gate
 * would check: the rule exists and may be waived where the overlay is judged,
 * the resource exists once, the date is real and within the bundle's maximum
 * lifetime. The result is rendered again and the file restored if the
 * waiver did not land on exactly that resource.
 */
import path from 'node:path';
import type { CommandIo } from '../core/command-io.js';
import { ConfigError } from '../core/errors.js';
import { describeError, EXIT_OK, exitCodeForError } from '../core/exit-codes.js';
import { annotationsOf, isJsonObject, kindOf, nameOf, namespaceOf, type Manifest } from '../core/manifest.js';
import { checkRendered } from '../pipeline.js';
import { neverWaivable, WAIVER_PREFIX, waiverProblem } from '../policy/waivers.js';
import { renderOverlay } from '../render/index.js';
import { createNodeFileReader, findRepoRoot, loadPolicyEngine, overlayRelativeTo, replaceRepositoryFile, type FileReader } from '../repository/index.js';
import { addWaiverPatch, type WaiverTarget } from './waive-edit.js';

export const WAIVE_USAGE = `Usage: st2-gitops waive <RULE> <KIND>/<NAME> --reason <why> --expires YYYY-MM-DD [--overlay <dir>] [--root <dir>]

Writes a waiver of RULE for one resource into the overlay's kustomization (a patch adding the
annotation ${WAIVER_PREFIX}<RULE>), keeping the file's comments and layout. KIND/NAMESPACE/NAME
picks one resource when a name is in several namespaces. The overlay defaults to the current directory.
Refused: an unknown rule, a rule never waivable in the overlay's environment, a date that does not exist, is past
or further away than the policy bundle allows (default 90 days), a resource not in the render.
`;

interface WaiveArgs {
  readonly rule: string;
  readonly target: WaiverTarget;
  readonly reason: string;
  readonly expires: string;
  readonly overlay: string | undefined;
  readonly root: string | undefined;
  readonly help: boolean;
}

function parseTarget(text: string): WaiverTarget {
  const parts = text.split('/');
  if (parts.length === 2 && parts[0] && parts[1]) return { kind: parts[0], name: parts[1], namespace: undefined };
  if (parts.length === 3 && parts[0] && parts[1] && parts[2]) return { kind: parts[0], namespace: parts[1], name: parts[2] };
  throw new ConfigError('usage', `waive: the resource must read KIND/NAME or KIND/NAMESPACE/NAME, not '${text}'`);
}

export function parseWaiveArgs(argv: readonly string[]): WaiveArgs {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    const flag = /^--(reason|expires|overlay|root)(=.*)?$/.exec(arg);
    if (flag) {
      const value = flag[2] !== undefined ? flag[2].slice(1) : argv[++i];
      if (value === undefined) throw new ConfigError('usage', `--${flag[1] ?? ''} needs a value; see st2-gitops waive --help`);
      flags.set(flag[1] ?? '', value);
    } else if (arg.startsWith('-')) throw new ConfigError('usage', `unknown option ${arg}; see st2-gitops waive --help`);
    else positional.push(arg);
  }
  if (help) return { rule: '', target: { kind: '', name: '', namespace: undefined }, reason: '', expires: '', overlay: undefined, root: undefined, help };
  if (positional.length !== 2) throw new ConfigError('usage', 'waive needs a rule and a resource, e.g. st2-gitops waive ST2-HRD-002 Deployment/st2api --reason "..." --expires 2027-01-31');
  const reason = (flags.get('reason') ?? '').trim();
  if (reason === '') throw new ConfigError('usage', 'waive needs --reason <why>');
  if (/[;\n\r]/.test(reason)) throw new ConfigError('usage', 'waive: --reason may not contain ";" or line breaks (they separate waiver fields)');
  const expires = flags.get('expires') ?? '';
  if (expires === '') throw new ConfigError('usage', 'waive needs --expires YYYY-MM-DD');
  return { rule: positional[0] ?? '', target: parseTarget(positional[1] ?? ''), reason, expires, overlay: flags.get('overlay'), root: flags.get('root'), help };
}

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

function kustomizationOf(fs: FileReader, overlay: string): string {
  const prefix = overlay === '.' ? '' : `${overlay}/`;
  const found = KUSTOMIZATION_NAMES.map((n) => `${prefix}${n}`).find((f) => fs.kind(f) === 'file');
  if (!found) throw new ConfigError('waive-no-overlay', `waive: ${overlay} has no kustomization.yaml; give the overlay with --overlay <dir>`);
  return found;
}

function matches(m: Manifest, target: WaiverTarget): boolean {
  return kindOf(m) === target.kind && nameOf(m) === target.name && (target.namespace === undefined || namespaceOf(m) === target.namespace);
}

/** Annotation keys this overlay's commonAnnotations adds (after its patches, so not there when the patch applies). */
function commonAnnotationKeys(fs: FileReader, file: string): Set<string> {
  const text = fs.read(file);
  const keys = new Set<string>();
  const block = /^commonAnnotations:\s*\n((?:[ \t]+.*\n?)*)/m.exec(text);
  for (const line of block?.[1]?.split('\n') ?? []) {
    const m = /^[ \t]+["']?([^"':]+)["']?\s*:/.exec(line);
    if (m?.[1]) keys.add(m[1].trim());
  }
  return keys;
}

export async function runWaive(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    const args = parseWaiveArgs(argv);
    if (args.help) {
      io.stdout(WAIVE_USAGE);
      return EXIT_OK;
    }
    const root = args.root ? path.resolve(io.cwd, args.root) : findRepoRoot(io.cwd);
    const fs = createNodeFileReader(root);
    const overlay = overlayRelativeTo(root, io.cwd, args.overlay ?? '.');
    const file = kustomizationOf(fs, overlay);
    const render = renderOverlay(fs, overlay);
    const found = render.resources.filter((r) => matches(r.manifest, args.target));
    const what = `${args.target.kind}/${args.target.namespace ? `${args.target.namespace}/` : ''}${args.target.name}`;
    if (found.length === 0) throw new ConfigError('waive-no-resource', `waive: ${overlay} renders no ${what}`);
    if (found.length > 1) throw new ConfigError('waive-ambiguous', `waive: ${overlay} renders ${found.length} resources named ${what}; give KIND/NAMESPACE/NAME`);
    const resource = found[0]?.manifest ?? {};
    // The patch names a namespace only when the user gave one: an overlay's patches run before its
    // own `namespace:` (kustomize's order), so overlays/prod's st2api has no namespace yet when its
    // patch targets are matched. The name is unique in the render (above), and the render below
    // checks the waiver landed on this one resource.
    const target: WaiverTarget = args.target;

    const policy = await loadPolicyEngine(fs);
    const info = policy.rules[args.rule];
    if (!info) throw new ConfigError('waive-unknown-rule', `waive: ${args.rule} is not a rule of the policy bundle`);
    const outcome = checkRendered(render, {}, { fs, policy, now: io.now });
    if (neverWaivable(info, outcome.report.profile)) {
      const profile = outcome.report.profile;
      throw new ConfigError('waive-refused', `waive: ${args.rule} is never waivable in ${profile} (${overlay} is judged as ${profile}); fix the finding instead`);
    }
    const today = io.now().toISOString().slice(0, 10);
    const problem = waiverProblem(args.expires, args.reason, { today, maxDays: policy.settings.maxWaiverDays });
    if (problem) throw new ConfigError('waive-refused', `waive: the waiver ${problem}`);
    const annotation = `${WAIVER_PREFIX}${args.rule}`;
    const existing = annotationsOf(resource);
    if (annotation in existing) throw new ConfigError('waive-exists', `waive: ${what} already carries ${annotation}; edit or remove that waiver`);
    const common = commonAnnotationKeys(fs, file);
    const metadata = resource['metadata'];
    const annotationsExist = isJsonObject(metadata) && isJsonObject(metadata['annotations']) && Object.keys(existing).some((k) => !common.has(k));

    const before = fs.read(file);
    const after = addWaiverPatch(before, file, { rule: args.rule, target, expires: args.expires, reason: args.reason, annotationsExist });
    replaceRepositoryFile(fs, root, file, after);
    try {
      const again = renderOverlay(createNodeFileReader(root), overlay).resources.map((r) => r.manifest);
      const value = `expires=${args.expires}; reason=${args.reason}`;
      const carriers = again.filter((m) => annotationsOf(m)[annotation] === value);
      if (carriers.length !== 1 || !carriers[0] || !matches(carriers[0], target)) {
        throw new ConfigError('waive-verify', `waive: the written waiver landed on ${carriers.length} resources instead of ${what}; ${file} was left unchanged`);
      }
    } catch (error) {
      replaceRepositoryFile(fs, root, file, before);
      throw error;
    }
    io.stderr(`st2-gitops: waived ${args.rule} on ${what} until ${args.expires} in ${file}\n`);
    return EXIT_OK;
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return exitCodeForError(error);
  }
}
