/**
 * The text of the program files a container runs from its mounts: `sh
 * /opt/start/run.sh`, `python /x/run.py`, a mounted file run directly, or
 * such a file named in an inline `sh -c` script, followed into the files it
 * runs in turn (three levels). The policy reads these texts for st2 service
 * names and paths as it reads a command line (lib.rego's text_roles), so a
 * second st2timersengine started by a start script in a ConfigMap counts.
 *
 * What a script only says is dropped before that: comment lines and trailing
 * comments, and lines that print (echo, printf, print(), logger). Limits: a
 * service name in a string the script builds at run time, a heredoc, or a
 * variable set elsewhere is read as written; a file the render does not hold
 * (an image's own script, an emptyDir) is not read (ST2-REP-013 judges a
 * container that reads the st2 config without naming its service).
 */
import type { JsonObject } from '../core/manifest.js';
import { expandShellVars, expandVars, SHELLS } from './container-env.js';
import type { ContainerFiles } from './container-files.js';

/** Words after which, in a script, a path names a file that is run. */
const RUNNERS = new Set([...SHELLS, '.', 'source', 'exec', 'env', 'nohup']);
const MAX_DEPTH = 3;
/** Commands that only print their arguments. */
const PRINTERS = new Set(['echo', 'printf', 'print', 'logger']);
/** A script longer than this is read up to it (a start script is a few lines). */
const MAX_TEXT = 64 * 1024;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const base = (word: string): string => word.slice(word.lastIndexOf('/') + 1);
const isInterpreter = (word: string): boolean => SHELLS.has(base(word)) || /^python[0-9.]*$/.test(base(word));

/** The lines that run something: comments, shebangs and printing lines dropped. */
export function runnableText(text: string): string {
  const out: string[] = [];
  for (const raw of text.slice(0, MAX_TEXT).split(/\r\n|\r|\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '');
    // Each command of the line on its own: `echo starting; exec st2timersengine` still runs it.
    const kept = line.split(/;|&&|\|\|/).map((c) => c.trim()).filter((c) => c !== '' && !PRINTERS.has(c.split(/[\s(]/)[0] ?? ''));
    if (kept.length > 0) out.push(kept.join('; '));
  }
  return out.join('\n');
}

/** Absolute paths a command line (argv) runs as a program file: argv[0], or an interpreter's script argument. */
function programPaths(argv: readonly string[]): string[] {
  const paths: string[] = [];
  const first = argv[0] ?? '';
  if (first.startsWith('/') && !isInterpreter(first)) paths.push(first);
  if (!isInterpreter(first)) return paths;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '-c' || word === '-m') break; // inline code or a module: read by scriptPaths / the policy
    if (word.startsWith('-')) continue;
    if (word.startsWith('/')) paths.push(word);
    break;
  }
  return paths;
}

/** Paths an inline script or a script file runs: a path at the start of a command, or after sh, python, `.`, source, exec. */
function scriptPaths(script: string): string[] {
  const paths: string[] = [];
  // Every path it keeps starts with '/': a script without one runs none (most wait loops).
  if (!script.includes('/')) return paths;
  for (const segment of script.split(/\n|;|&&|\|\||&|\|/)) {
    const words = segment.split(/\s+/).map((w) => w.replace(/["'`]/g, '')).filter((w) => w !== '');
    words.forEach((word, i) => {
      if (!word.startsWith('/')) return;
      const before = words[i - 1];
      if (i === 0 || (before !== undefined && (RUNNERS.has(base(before)) || isInterpreter(before)))) paths.push(word);
    });
  }
  return paths;
}

/** The runnable text of every mounted program file a container runs (none when it runs none). */
export function mountedProgramTexts(container: JsonObject, files: ContainerFiles, vars: ReadonlyMap<string, string>): string[] {
  const argv = [...strings(container['command']), ...strings(container['args'])].map((w) => expandVars(w, vars));
  let pending = programPaths(argv);
  const flag = argv.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w));
  if (isInterpreter(argv[0] ?? '') && flag > 0 && SHELLS.has(base(argv[0] ?? ''))) pending = [...pending, ...scriptPaths(expandShellVars(argv.slice(flag + 1).join(' '), vars))];
  const texts: string[] = [];
  const seen = new Set<string>();
  for (let depth = 0; depth < MAX_DEPTH && pending.length > 0; depth++) {
    const next: string[] = [];
    for (const path of pending) {
      if (seen.has(path)) continue;
      seen.add(path);
      const file = files.file(path);
      // Only files a mount puts there: the image's own are StackStorm's, judged by what the command says.
      if (file.kind !== 'text' || file.source === undefined) continue;
      const text = runnableText(expandShellVars(file.text, vars));
      if (text === '') continue;
      texts.push(text);
      next.push(...scriptPaths(text));
    }
    pending = next;
  }
  return texts;
}

/** Words that run the next word as the program (`exec "$svc"`, `nohup $bin &`). */
const WRAPPERS = new Set(['exec', 'nohup', 'env', 'nice', 'setsid', 'command', 'builtin', 'eval']);

/**
 * Whether a script runs a program it names only at run time: a command (or
 * an interpreter's script) whose word is a variable or a command
 * substitution (`exec /opt/stackstorm/st2/bin/$svc`, where svc is built by
 * reversing a string). The gate cannot tell which st2 service that is.
 */
export function runsUnresolvedProgram(text: string): boolean {
  for (const segment of text.split(/\n|;|&&|\|\||&|\|/)) {
    const words = segment.trim().split(/\s+/).filter((w) => w !== '');
    let k = 0;
    // Assignments before the command (VAR=x cmd) and wrappers set aside.
    while (k < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k] ?? '') || WRAPPERS.has(words[k] ?? '') || (words[k] ?? '').startsWith('-'))) k++;
    const program = words[k];
    if (program === undefined) continue;
    if (/[$`]/.test(program)) return true;
    if (isInterpreter(program.replace(/["']/g, ''))) {
      const script = words.slice(k + 1).find((w) => !w.startsWith('-'));
      if (script !== undefined && /[$`]/.test(script)) return true;
    }
  }
  return false;
}

