/**
 * The commands a shell script runs whose program it names through an
 * expansion, with that program worked out: variables the script assigns
 * literally (`T=timers; st2${T}engine`, also `export`, `for T in ...`), the
 * container's env, positional parameters of `sh -c SCRIPT ARG0 ARGS...`
 * (`st2${1}engine`, `"$@"`), `${NAME:-word}` defaults, and command
 * substitutions of `printf` (`%s` only) or `echo` with such arguments
 * (`$(printf .../st2%sengine timers)`), and of `ls` or `echo` of a file pattern
 * (`$(ls .../st2tim*)`: the programs it matches). lib.rego reads the lines returned as
 * it reads a command text (text_roles), so a second st2timersengine hidden
 * that way counts against the singleton rule.
 *
 * Only commands whose program word holds a `$` or a backquote are returned:
 * the rest of the script is read as written already. Bounded: one level of
 * substitution, a few alternatives per word, no functions or arithmetic.
 */
import type { JsonObject } from '../core/manifest.js';
import { expandVars } from './container-env.js';
import { matching } from './glob-programs.js';
import { pipelines, programIndex, programName } from './shell-words.js';

const GLOB_WORD = /[*?[]/;

/** Alternatives a word may take (a `for` loop's values); more are not followed. */
const MAX_ALTERNATIVES = 8;
const MAX_LINES = 32;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
const DECLARERS = new Set(['export', 'readonly', 'local', 'declare', 'typeset']);

type Values = ReadonlyMap<string, readonly string[]>;

/**
 * The resolved command lines (program and arguments) of a script's commands
 * whose program is an expansion. `positional` is $0, $1, ... (empty when the
 * script gets none).
 */
export function expandedProgramLines(script: string, env: ReadonlyMap<string, string>, positional: readonly string[]): string[] {
  if (!script.includes('$') && !script.includes('`')) return [];
  const vars = new Map<string, readonly string[]>();
  for (const [k, v] of env) vars.set(k, [v]);
  positional.forEach((v, i) => vars.set(String(i), [v]));
  const args = positional.slice(1);
  vars.set('@', [args.join(' ')]);
  vars.set('*', [args.join(' ')]);
  const out: string[] = [];
  for (const pipeline of pipelines(script)) {
    for (const { words } of pipeline) {
      if (out.length >= MAX_LINES) return out;
      if (assigns(words, vars)) continue;
      const k = programIndex(words);
      if (k < 0) continue;
      // `command -v X` and `command -V X` only look X up.
      if (words.slice(0, k).includes('command') && words.slice(0, k).some((w) => w === '-v' || w === '-V')) continue;
      let line = words.slice(k);
      // eval runs its arguments as a command of their own.
      if (line[0] === 'eval') line = line.slice(1);
      const program = line[0];
      if (program === undefined || !(program.includes('$') || program.includes('`'))) continue;
      const resolved = expandWord(program, vars, true);
      if (resolved === undefined) continue;
      const rest = line.slice(1).map((w) => expandWord(w, vars, true)?.[0] ?? w).join(' ');
      for (const p of resolved) if (p !== '') out.push(rest === '' ? p : `${p} ${rest}`);
    }
  }
  return out;
}

/** A command of assignments only (`T=timers`, `export T=timers`) or a `for NAME in ...`: its values recorded. */
function assigns(words: readonly string[], vars: Map<string, readonly string[]>): boolean {
  if (words[0] === 'for' && NAME.test(words[1] ?? '') && words[2] === 'in') {
    const values = words.slice(3).flatMap((w) => expandWord(w, vars, true) ?? []);
    if (values.length > 0 && values.length <= MAX_ALTERNATIVES) vars.set(words[1] ?? '', values);
    else vars.delete(words[1] ?? '');
    return true;
  }
  const start = DECLARERS.has(words[0] ?? '') ? 1 : 0;
  const rest = words.slice(start).filter((w) => !w.startsWith('-'));
  if (rest.length === 0 || !rest.every((w) => ASSIGNMENT.test(w))) return false;
  for (const w of rest) {
    const [, name = '', raw = ''] = ASSIGNMENT.exec(w) ?? [];
    const value = expandWord(raw, vars, true);
    if (value === undefined) vars.delete(name);
    else vars.set(name, value);
  }
  return true;
}

/** The values a word expands to (several through a loop's variable), or undefined when a part is unknown. */
function expandWord(word: string, vars: Values, substitute: boolean): string[] | undefined {
  let alternatives = [''];
  const append = (parts: readonly string[]): boolean => {
    const next = alternatives.flatMap((a) => parts.map((p) => a + p));
    if (next.length > MAX_ALTERNATIVES) return false;
    alternatives = next;
    return true;
  };
  for (let i = 0; i < word.length; i++) {
    const c = word[i] ?? '';
    const next = word[i + 1] ?? '';
    let parts: readonly string[] | undefined;
    if (c === '\\' && next !== '') {
      parts = [next];
      i++;
    } else if (c === '`' || (c === '$' && next === '(')) {
      const open = c === '`' ? i + 1 : i + 2;
      const close = c === '`' ? word.indexOf('`', open) : closingParen(word, open);
      if (close < 0 || !substitute) return undefined;
      parts = substitution(word.slice(open, close), vars);
      i = close;
    } else if (c === '$' && next === '{') {
      const close = word.indexOf('}', i + 2);
      if (close < 0) return undefined;
      parts = parameter(word.slice(i + 2, close), vars);
      i = close;
    } else if (c === '$' && /[A-Za-z_]/.test(next)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(i + 1))?.[0] ?? '';
      parts = vars.get(name);
      i += name.length;
    } else if (c === '$' && /[0-9@*]/.test(next)) {
      parts = vars.get(next);
      i++;
    } else if (c === '$') {
      // $$, $?, $#, $!: known only when the script runs.
      return undefined;
    } else parts = [c];
    if (parts === undefined || !append(parts)) return undefined;
  }
  return alternatives;
}

/** `${NAME}`, `${1}`, and `${NAME:-word}` / `${NAME-word}` / `${NAME:=word}` defaults. */
function parameter(body: string, vars: Values): readonly string[] | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*])(?:(:?[-=])(.*))?$/s.exec(body);
  if (!m) return undefined;
  const value = vars.get(m[1] ?? '');
  if (m[2] === undefined) return value;
  if (value !== undefined && !(m[2].startsWith(':') && value.every((v) => v === ''))) return value;
  return expandWord(m[3] ?? '', vars, false);
}

/** What `$(printf FORMAT ARGS...)` or `$(echo ARGS...)` writes, trailing newlines removed as a substitution does. */
function substitution(text: string, vars: Values): readonly string[] | undefined {
  const commands = pipelines(text);
  if (commands.length !== 1 || commands[0]?.length !== 1) return undefined;
  const words = commands[0][0]?.words ?? [];
  const at = programIndex(words);
  const program = words[at];
  const args: string[] = [];
  for (const w of words.slice(at + 1)) {
    const v = expandWord(w, vars, false);
    if (v === undefined || v.length !== 1) return undefined;
    args.push(v[0] ?? '');
  }
  // `$(ls .../st2tim*)`, `$(echo .../st2[t]imersengine)`: the known programs the pattern matches (glob-programs.ts).
  if (program === 'ls' || program === 'echo') {
    const found = args.filter((a) => !a.startsWith('-')).flatMap((a) => (GLOB_WORD.test(programName(a)) ? matching(programName(a)) : []));
    if (found.length > 0) return found.slice(0, MAX_ALTERNATIVES);
  }
  if (program === 'echo') return [args.filter((a) => !/^-[neE]+$/.test(a)).join(' ').replace(/\n+$/, '')];
  if (program !== 'printf') return undefined;
  const [format, ...values] = args;
  if (format === undefined || /%[^s%]/.test(format)) return undefined;
  let k = 0;
  let printed = '';
  // printf reuses its format while arguments remain.
  do {
    printed += format.replace(/%(%|s)/g, (_m, c: string) => (c === '%' ? '%' : (values[k++] ?? '')));
  } while (k < values.length && k > 0);
  return [printed.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\n+$/, '')];
}

function closingParen(word: string, open: number): number {
  let depth = 1;
  for (let k = open; k < word.length; k++) {
    if (word[k] === '(') depth++;
    else if (word[k] === ')' && --depth === 0) return k;
  }
  return -1;
}

/** Words that run the next one as the container's program (`tini -- sh -c ...`). */
const LAUNCHERS = new Set(['env', 'tini', 'dumb-init', '--', 'nohup', 'exec']);
const SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);

/**
 * expandedProgramLines of a container's inline script (`sh -c SCRIPT ARG0
 * ARGS...` in its command and args, $(VAR) expanded from its env); none for a
 * container that runs no inline script.
 */
export function inlineProgramLines(container: JsonObject, env: ReadonlyMap<string, string>): string[] {
  const argv = [...stringList(container['command']), ...stringList(container['args'])].map((w) => expandVars(w, env));
  let k = 0;
  while (k < argv.length && LAUNCHERS.has(baseName(argv[k] ?? ''))) k++;
  if (!SHELL_NAMES.has(baseName(argv[k] ?? ''))) return [];
  const flag = argv.findIndex((w, i) => i > k && /^-[a-z]*c[a-z]*$/.test(w));
  if (flag < 0) return [];
  return expandedProgramLines(argv[flag + 1] ?? '', env, argv.slice(flag + 2));
}

const baseName = (word: string): string => word.slice(word.lastIndexOf('/') + 1);
const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
