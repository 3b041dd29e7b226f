/**
 * The st2 programs a container runs without spelling their names, read from
 * every place the kubelet runs a command in it: its command and args, its
 * lifecycle hooks and its exec probes (a probe's backgrounded child outlives
 * the probe), and the mounted scripts it runs. Shell patterns and find
 * (glob-programs.ts), Python strings in pieces (python-pieces.ts: `python -c`,
 * a heredoc, a mounted Python file), and, in
 * hooks and probes, the shell expansions shell-expansion.ts resolves (the
 * container's own script gets those from inlineProgramLines already).
 * st2-chains.ts hands the lines to the policy as the container's script
 * text (lib.rego script_roles_at), beside the other resolved programs.
 */
import type { JsonObject } from '../core/manifest.js';
import { isJsonObject } from '../core/manifest.js';
import { expandVars } from './container-env.js';
import { globProgramLines } from './glob-programs.js';
import { pythonPieceLines, pythonRunLines } from './python-pieces.js';
import { expandedProgramLines } from './shell-expansion.js';
import { pipelines, programIndex, programName } from './shell-words.js';

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
const LAUNCHERS = new Set(['env', 'tini', 'dumb-init', '--', 'nohup', 'exec', 'setsid']);
const HOOKS: ReadonlyArray<readonly [string | undefined, string]> = [
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
  [undefined, 'startupProbe'],
  [undefined, 'livenessProbe'],
  [undefined, 'readinessProbe'],
];
/** A shell's or Python's `-c` (also `-ec`, `-uc`). */
const CODE_FLAG = /^-[a-zA-Z]*c[a-zA-Z]*$/;
const isPython = (word: string): boolean => /^python[0-9.]*$/.test(programName(word));

/** The lines (`PROGRAM ARGS`, or a module name) of the programs the container runs by pattern or in pieces. */
export function hiddenProgramLines(container: JsonObject, vars: ReadonlyMap<string, string>, mountedTexts: readonly string[]): string[] {
  const out: string[] = [];
  readArgv([...strings(container['command']), ...strings(container['args'])], vars, false, out);
  for (const [owner, hook] of HOOKS) {
    const o = owner === undefined ? container : container[owner];
    const h = isJsonObject(o) ? o[hook] : undefined;
    const exec = isJsonObject(h) ? h['exec'] : undefined;
    if (isJsonObject(exec)) readArgv(strings(exec['command']), vars, true, out);
  }
  // A mounted Python program is read as Python (`python /opt/run.py`), a shell script as a script.
  for (const text of mountedTexts) {
    readScript(text, out);
    if (text.includes('import')) out.push(...pythonPieceLines(text));
  }
  return out;
}

/**
 * The programs Python modules the container imports unseen start (a module
 * under PYTHONPATH shadowing one st2 imports: python-path.ts): their
 * subprocess and os.exec argv as written, and names in pieces.
 */
export function pythonModuleLines(texts: readonly string[]): string[] {
  return texts.flatMap((text) => [...pythonRunLines(text), ...pythonPieceLines(text)]);
}

/** One argv: a shell's -c script, or Python's -c code; `expand`: also the script's own expansions (hooks and probes). */
function readArgv(raw: readonly string[], vars: ReadonlyMap<string, string>, expand: boolean, out: string[]): void {
  // Most argv runs a service directly (`st2api --config-file=...`): no -c, nothing to expand.
  if (!raw.some((w) => CODE_FLAG.test(w))) return;
  const argv = raw.map((w) => expandVars(w, vars));
  let k = 0;
  while (k < argv.length && LAUNCHERS.has(programName(argv[k] ?? ''))) k++;
  const program = argv[k] ?? '';
  const flag = argv.findIndex((w, i) => i > k && CODE_FLAG.test(w));
  if (flag < 0) return;
  const code = argv[flag + 1] ?? '';
  if (isPython(program)) out.push(...pythonPieceLines(code));
  else if (SHELLS.has(programName(program))) {
    readScript(code, out);
    if (expand) out.push(...expandedProgramLines(code, vars, argv.slice(flag + 2)));
  }
}

/** `python3 - <<'PY'` ... `PY`: the heredoc's body is the program's code. */
const PYTHON_HEREDOC = /python[0-9.]*\b[^\n]*<<-?[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1[^\n]*\n([\s\S]*?)\n[ \t]*\2[ \t]*(?:\n|$)/g;

/** A shell script: its patterns, and the Python its `python -c` commands and heredocs run. */
function readScript(script: string, out: string[]): void {
  out.push(...globProgramLines(script));
  if (!script.includes('python')) return;
  if (script.includes('<<')) for (const m of script.matchAll(PYTHON_HEREDOC)) out.push(...pythonPieceLines(m[3] ?? ''));
  for (const pipeline of pipelines(script)) {
    for (const { words } of pipeline) {
      const k = programIndex(words);
      if (!isPython(words[k] ?? '')) continue;
      const flag = words.indexOf('-c', k + 1);
      if (flag > 0) out.push(...pythonPieceLines(words[flag + 1] ?? ''));
    }
  }
}

const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
