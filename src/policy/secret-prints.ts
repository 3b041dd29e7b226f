/**
 * A Secret's file or variable written to a container's standard output: the
 * pod log, which anyone with pods/log reads and the log stack keeps
 * (ST2-SEC-017). The printers of files and of variables, dd without of=, and
 * a `python -c` that prints what it opens or reads from the environment.
 */
import type { SimpleCommand } from './shell-words.js';
import { programIndex, programName } from './shell-words.js';

/** Programs that print what they read (a file, or standard input when piped into). */
const PRINTERS = new Set(['cat', 'tac', 'head', 'tail', 'more', 'less', 'nl', 'base64', 'base32', 'xxd', 'od', 'hexdump', 'strings', 'tee', 'sed', 'awk', 'tr', 'rev', 'jq', 'yq', 'grep', 'egrep', 'cut', 'sort', 'uniq', 'fold', 'paste', 'column', 'openssl']);
/** Files of a Secret that are public by nature: certificates, CA bundles, public keys. */
const PUBLIC_FILE = /(?:\.crt|\.cert|\.pub|(?:^|\/)ca(?:-bundle)?\.pem)$/i;
export const ECHOES = new Set(['echo', 'printf', 'print', 'logger']);
const ENV_PRINTERS = new Set(['env', 'printenv', 'set', 'export', 'declare']);
const PYTHONS = new Set(['python', 'python2', 'python3']);
/** Python that writes to standard output (print, sys.stdout, pprint, json.dump to stdout). */
const PY_PRINTS = /\bprint\s*\(|\bsys\.stdout\.(?:write|buffer)|\bpprint\b|\bsys\.stderr\.write/;
const PY_OPEN = /\bopen\(\s*['"]?(\/[^'",)\s]+)/g;
const PY_ENV = /\b(?:os\.)?(?:environ(?:\.get)?\s*[[(]\s*|getenv\(\s*)['"]?([A-Za-z_][A-Za-z0-9_]*)/g;

/** The Secret a word reads through a variable ($PASS, ${PASS}, $(PASS)), if any. */
export function secretIn(word: string, vars: ReadonlyMap<string, string>): string | undefined {
  if (!word.includes('$')) return undefined;
  for (const m of word.matchAll(/\$\{?\(?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const s = vars.get(m[1] ?? '');
    if (s !== undefined) return s;
  }
  return undefined;
}

export interface PrintContext {
  /** The Secret a file path reads, if it is under one's mount. */
  readonly fileSecret: (path: string) => string | undefined;
  /** Env variables from Secrets: name → Secret. */
  readonly secretVars: ReadonlyMap<string, string>;
}

/** The Secrets one command of a pipeline prints into the log. */
export function printsSecret(ctx: PrintContext, cmd: SimpleCommand, prog: string, args: readonly string[], pipeline: readonly SimpleCommand[], position: number): string[] {
  // What reaches the log: the last command's output, unless it goes to a file; a
  // command piped into a printer (cat x | base64) prints through it.
  const rest = pipeline.slice(position + 1);
  const toLog = !cmd.stdoutToFile && rest.every((c) => PRINTERS.has(programName(c.words[programIndex(c.words)] ?? '')) && !c.stdoutToFile);
  if (!toLog) return [];
  const out: string[] = [];
  const files = (paths: readonly string[]): void => {
    for (const f of paths) {
      // Certificates and public keys are meant to be read by anyone.
      if (PUBLIC_FILE.test(f)) continue;
      const secret = ctx.fileSecret(f);
      if (secret !== undefined) out.push(secret);
      if (/^\/proc\/[^/]+\/environ$/.test(f) && ctx.secretVars.size > 0) out.push([...ctx.secretVars.values()][0] ?? '');
    }
  };
  if (PRINTERS.has(prog)) files([...args.filter((a) => a.startsWith('/')), ...cmd.inputs]);
  // dd writes to standard output unless of= says where.
  if (prog === 'dd' && !args.some((a) => a.startsWith('of=') && a !== 'of=/dev/stdout' && a !== 'of=/dev/stderr')) files([...args.filter((a) => a.startsWith('if=')).map((a) => a.slice(3)), ...cmd.inputs]);
  if (PYTHONS.has(prog)) {
    const code = args[args.indexOf('-c') + 1];
    if (args.includes('-c') && code !== undefined && PY_PRINTS.test(code)) {
      files([...code.matchAll(PY_OPEN)].map((m) => m[1] ?? ''));
      for (const m of code.matchAll(PY_ENV)) {
        const s = ctx.secretVars.get(m[1] ?? '');
        if (s !== undefined) out.push(s);
      }
    }
  }
  if (ECHOES.has(prog)) {
    const secret = args.map((a) => secretIn(a, ctx.secretVars)).find((s) => s !== undefined);
    if (secret !== undefined) out.push(secret);
  }
  if (ENV_PRINTERS.has(prog) && ctx.secretVars.size > 0) {
    const named = args.filter((a) => !a.startsWith('-'));
    // `env` or `printenv` alone prints everything; `printenv PASS` one variable; `env X=1 cmd` runs cmd.
    // `set -eu` sets options and `export X=1` exports: only the bare forms (and -p) print the variables.
    const printsAll = prog === 'env' || prog === 'printenv' ? named.length === 0 : args.length === 0 || args.every((a) => a === '-p' || a === '-x' || a === '-px');
    const secret = printsAll ? [...ctx.secretVars.values()][0] : prog === 'printenv' ? named.map((n) => ctx.secretVars.get(n)).find((s) => s !== undefined) : undefined;
    if (secret !== undefined) out.push(secret);
  }
  return out;
}
