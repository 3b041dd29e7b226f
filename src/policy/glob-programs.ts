/**
 * The programs a shell script runs through a file-name pattern rather than
 * a name (the thirteenth red team's second timers engines): a glob in a
 * command's program word (`exec /opt/stackstorm/st2/bin/st2tim*engine`,
 * `st2[t]imersengine`), `find ... -name 'st2timers*' -exec {} ...` (also
 * `-execdir`, `-ok`), and a listing piped to something that runs what it
 * reads (`find ... | sh`, `ls .../st2tim* | xargs -I{} {}`, `| while read f;
 * do "$f"`). A pattern counts as naming every program the gate knows
 * (command-text-roles.ts's binary names) it can match: the shell or find
 * turns it into that file's path. Each is returned as a command line
 * (`st2timersengine ARGS`) for lib.rego to read as it reads a command text.
 * bash's brace alternatives (`st2{timers,rules}engine`) count the same way.
 *
 * Quotes are not told apart (`'st2tim*'` in a program word finds no file
 * and fails): counted the same. A pattern matching no known program (`*.log`,
 * `st2actionrun*` matches st2actionrunner only) names what it matches.
 */
import { PROGRAM_NAMES } from './command-text-roles.js';
import { pipelines, programIndex, programName, type SimpleCommand } from './shell-words.js';

const MAX_LINES = 32;
/** A pattern character, or bash's brace alternatives (`st2{timers,rules}engine`). */
const GLOB = /[*?[]|\{[^}]*,[^}]*\}/;
const MAX_BRACES = 16;
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
/** Words that run the word after them (`-exec nohup {} ;`, `xargs env {}`). */
const LAUNCHERS = new Set(['env', 'nohup', 'exec', 'setsid', 'nice', 'ionice', 'command', 'builtin', 'stdbuf', 'chroot', 'sudo', 'gosu', 'su-exec', 'tini', 'dumb-init', 'timeout']);
const isPython = (word: string): boolean => /^python[0-9.]*$/.test(programName(word));
/** find's tests whose pattern names the file: the base name, or the whole path (its last segment used). */
const NAME_TESTS = new Set(['-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename']);
const EXEC_ACTIONS = new Set(['-exec', '-execdir', '-ok', '-okdir']);
/** Start directories where every file is a StackStorm program (find without -name runs them all). */
const PROGRAM_DIRS = /(?:^|\/)(?:st2|stackstorm)(?:\/|$)|^\/(?:opt\/?)?$/;

/** Whether a script may hold any of these forms (most scripts do not: no pattern, no find). */
const mayHold = (script: string): boolean => script.includes('*') || script.includes('?') || script.includes('[') || script.includes('{') || script.includes('find');

/** The command lines of the programs the script runs by pattern, each as `PROGRAM ARGS`. */
export function globProgramLines(script: string): string[] {
  if (!mayHold(script)) return [];
  const out: string[] = [];
  const all = pipelines(script);
  const variableProgram = all.some((p) => p.some(({ words }) => (words[programIndex(words)] ?? '').startsWith('$')));
  for (const pipeline of all) {
    pipeline.forEach((command, stage) => {
      const words = subshellWords(command.words);
      const k = programIndex(words);
      const program = words[k] ?? '';
      const rest = words.slice(k + 1).join(' ');
      if (program !== '[' && program !== '[[' && GLOB.test(programName(program))) push(out, matching(programName(program)), rest);
      if (programName(program) === 'find') {
        const found = findNames(words.slice(k + 1));
        if (findRuns(words.slice(k + 1))) push(out, found, '');
        // Found names piped to a stage that runs what it reads.
        if (pipeline.slice(stage + 1).some((c) => runsInput(c, variableProgram))) push(out, found, '');
      } else if (['ls', 'echo', 'printf'].includes(programName(program)) && pipeline.slice(stage + 1).some((c) => runsInput(c, variableProgram))) {
        for (const w of words.slice(k + 1)) if (GLOB.test(programName(w))) push(out, matching(programName(w)), '');
      }
    });
  }
  return out.slice(0, MAX_LINES);
}

/** The words with a subshell's parentheses set apart (`(nohup st2tim* &)`: shell-words.ts keeps them in the word). */
function subshellWords(words: readonly string[]): readonly string[] {
  // Only a command opening a subshell: `st2tim*)` alone is a case pattern, not a program.
  if (!words.some((w) => w.length > 1 && w.startsWith('('))) return words;
  return words.flatMap((w) => (w.length > 1 && w.startsWith('(') ? ['(', w.slice(1)] : [w])).map((w) => (w.length > 1 && w.endsWith(')') && !w.includes('(') ? w.slice(0, -1) : w));
}

function push(out: string[], names: readonly string[], rest: string): void {
  for (const name of names) if (out.length < MAX_LINES) out.push(rest === '' ? name : `${name} ${rest}`);
}

/** The known program names a shell pattern matches (`*`, `?`, `[...]`, `[!...]`). */
export function matching(pattern: string, ignoreCase = false): string[] {
  const names = new Set<string>();
  for (const alternative of braces(pattern)) {
    const re = globRegExp(alternative, ignoreCase);
    if (re !== undefined) for (const n of PROGRAM_NAMES) if (re.test(n)) names.add(n);
  }
  return PROGRAM_NAMES.filter((n) => names.has(n));
}

/** bash's brace expansion (`a{b,c}d` → abd, acd), groups left to right, a few alternatives at most. */
function braces(pattern: string): string[] {
  const m = /\{([^{}]*,[^{}]*)\}/.exec(pattern);
  if (m === null) return [pattern];
  const head = pattern.slice(0, m.index);
  const tail = pattern.slice(m.index + m[0].length);
  const out: string[] = [];
  for (const part of (m[1] ?? '').split(',')) {
    for (const rest of braces(tail)) {
      if (out.length >= MAX_BRACES) return out;
      out.push(head + part + rest);
    }
  }
  return out;
}

function globRegExp(pattern: string, ignoreCase: boolean): RegExp | undefined {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      source += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else if (c === '\\' && i + 1 < pattern.length) source += (pattern[++i] ?? '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
  } catch {
    return undefined;
  }
}

/** The known programs find's arguments select: its name tests' patterns, or every one under a program directory without them. */
function findNames(args: readonly string[]): string[] {
  const names = new Set<string>();
  let tested = false;
  args.forEach((w, i) => {
    const pattern = args[i + 1];
    if (!NAME_TESTS.has(w) || pattern === undefined) return;
    tested = true;
    for (const n of matching(programName(pattern), w.startsWith('-i'))) names.add(n);
  });
  if (!tested) {
    const first = args.findIndex((w) => w.startsWith('-') || w === '(' || w === '!');
    const starts = first < 0 ? args : args.slice(0, first);
    if (starts.some((s) => PROGRAM_DIRS.test(s))) for (const n of PROGRAM_NAMES) names.add(n);
  }
  return [...names];
}

/** Whether an -exec action of find runs the found file: `{}` as its program (past launchers and interpreters), or given to a shell's -c script. */
function findRuns(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    if (!EXEC_ACTIONS.has(args[i] ?? '')) continue;
    const end = args.findIndex((w, j) => j > i && (w === ';' || w === '+'));
    if (runsPlaceholder(args.slice(i + 1, end < 0 ? args.length : end), '{}')) return true;
  }
  return false;
}

/** A command (find's -exec words, xargs' command) that runs the file its placeholder stands for. */
function runsPlaceholder(words: readonly string[], placeholder: string): boolean {
  for (let j = 0; j < words.length; j++) {
    const w = words[j] ?? '';
    if (w.includes(placeholder)) return true;
    const name = programName(w);
    if (SHELLS.has(name) && words.slice(j + 1).includes('-c')) return words.slice(j + 1).some((x) => x.includes(placeholder));
    if (LAUNCHERS.has(name) || isPython(w) || SHELLS.has(name) || w.startsWith('-') || /^[0-9]/.test(w) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) continue;
    return false;
  }
  return false;
}

/**
 * Whether a later pipeline stage runs the names it reads: a shell reading
 * its script from the pipe, xargs running each name (its replacement string
 * or `{}` as the program, or a shell), or a `while read` loop (when the
 * script runs a program named by a variable).
 */
function runsInput({ words }: SimpleCommand, variableProgram: boolean): boolean {
  const first = programName(words[0] ?? '');
  if (SHELLS.has(first)) return !words.slice(1).some((w) => w === '-c' || (!w.startsWith('-') && w !== ''));
  if (first === 'while') return variableProgram;
  if (first !== 'xargs') return false;
  let replace = '{}';
  let j = 1;
  for (; j < words.length; j++) {
    const w = words[j] ?? '';
    if (w === '-I' || w === '-i' || w.startsWith('--replace')) replace = w.includes('=') ? w.slice(w.indexOf('=') + 1) : (w === '-i' ? '{}' : (words[++j] ?? '{}'));
    else if (w.startsWith('-I')) replace = w.slice(2);
    else if (/^-[nLPsdaE]$/.test(w)) j++;
    else if (!w.startsWith('-')) break;
  }
  const command = words.slice(j);
  if (command.length === 0) return false;
  const name = programName(command[0] ?? '');
  return runsPlaceholder(command, replace) || SHELLS.has(name) || isPython(command[0] ?? '') || LAUNCHERS.has(name);
}
