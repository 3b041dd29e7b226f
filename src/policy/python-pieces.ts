/**
 * The st2 programs Python code names only in pieces (the thirteenth red
 * team's `importlib.import_module('st2reactor.cmd.'+'timers'+'engine')`,
 * the entry point bin/st2timersengine calls): string literals joined by
 * `+` or by adjacency, `%` and `.format()` filling `%s`/`{}` with literals,
 * `''.join([...])`, and names assigned such strings earlier in the code
 * (`m = 'timers'; import_module('st2reactor.cmd.' + m + 'engine')`). Each
 * assembled string that is a module or a program path (letters, digits,
 * `._/-`) is returned when the code also calls something that imports or
 * runs it (import_module, run_module, __import__, exec, subprocess, os.exec*
 * ...), for lib.rego to read as a command text (its module and binary maps
 * turn them into roles).
 *
 * Bounded and textual: no evaluation, no slicing, reversing or encodings.
 */

const MAX_CODE = 16 * 1024;
const MAX_LINES = 16;
/** A call that imports or runs what its argument names. */
const RUNS = /\b(?:import_module|run_module|run_path|__import__|exec|eval|compile|execv[pe]*|execl[pe]*|spawn[lv]p?e?|Popen|system|check_call|check_output|call|run|load_source|spec_from_file_location)\s*\(/;
/** What an assembled program or module name is made of. */
const NAME_LIKE = /^[A-Za-z0-9_./-]+$/;
const PLACEHOLDER = /%s|%r|\{\d*\}/;

/** `fromName`: a string a name holds (assembled in an earlier statement). */
type Token = { readonly kind: 'str' | 'name' | 'op'; readonly value: string; readonly fromName?: boolean };

/** The assembled names of the code (see the module comment); none for code without pieces. */
export function pythonPieceLines(code: string): string[] {
  if (code.length > MAX_CODE || !(code.includes("'") || code.includes('"')) || !RUNS.test(code)) return [];
  const vars = new Map<string, string>();
  const out = new Set<string>();
  for (const statement of statements(code)) {
    const tokens = tokenize(statement, vars);
    // NAME = <string expression>: remembered for later statements.
    if (tokens[0]?.kind === 'name' && tokens[1]?.value === '=' && tokens.length > 2) {
      const [value, next] = expression(tokens, 2);
      if (value !== undefined && next === tokens.length) vars.set(tokens[0].value, value);
    }
    if (!RUNS.test(statement)) continue;
    for (let i = 0; i < tokens.length; ) {
      const [value, next] = expression(tokens, i);
      if (value !== undefined && (next > i + 1 || tokens[i]?.fromName === true) && NAME_LIKE.test(value) && out.size < MAX_LINES) out.add(value);
      i = Math.max(next, i + 1);
    }
  }
  return [...out];
}

/** A call that starts a program from an argv or a command line (subprocess, os.exec*, os.spawn*, os.system). */
const STARTS = /\b(?:Popen|check_call|check_output|call|run|system|execv[pe]*|execl[pe]*|spawn[lv]p?e?)\s*\(/;

/**
 * The command lines Python code starts as written, one per call: the string
 * literals (and strings in pieces) of each statement calling subprocess,
 * os.exec* or os.system, joined by blanks, when the first names a program
 * (`subprocess.Popen(['/opt/stackstorm/st2/bin/python',
 * '/opt/stackstorm/st2/bin/st2timersengine', ...])`). For code the
 * container runs unseen: a module under PYTHONPATH an st2 service imports.
 */
export function pythonRunLines(code: string): string[] {
  if (code.length > MAX_CODE || !STARTS.test(code)) return [];
  const vars = new Map<string, string>();
  const out = new Set<string>();
  for (const statement of statements(bracketsJoined(code))) {
    const tokens = tokenize(statement, vars);
    if (tokens[0]?.kind === 'name' && tokens[1]?.value === '=' && tokens.length > 2) {
      const [value, next] = expression(tokens, 2);
      if (value !== undefined && next === tokens.length) vars.set(tokens[0].value, value);
    }
    if (!STARTS.test(statement)) continue;
    const words: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      const [value, next] = expression(tokens, i);
      if (value !== undefined) words.push(value);
      i = Math.max(next, i + 1);
    }
    // The first word names the program (os.system's one string is a whole command line).
    const program = (words[0] ?? '').trim().split(/\s+/)[0] ?? '';
    if (program !== '' && NAME_LIKE.test(program) && out.size < MAX_LINES) out.add(words.join(' '));
  }
  return [...out];
}

/** The code with line ends inside brackets made blanks: a call's argv written over several lines is one statement. */
function bracketsJoined(code: string): string {
  let depth = 0;
  let out = '';
  let from = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i] ?? '';
    if (c === "'" || c === '"') i = literalEnd(code, i);
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '\n' && depth > 0) {
      out += `${code.slice(from, i)} `;
      from = i + 1;
    }
  }
  return out + code.slice(from);
}

/** The code cut at `;` and line ends outside string literals. */
function statements(code: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i] ?? '';
    if (c === "'" || c === '"') i = literalEnd(code, i);
    else if (c === ';' || c === '\n') {
      out.push(code.slice(start, i));
      start = i + 1;
    }
  }
  out.push(code.slice(start));
  return out;
}

/** Where the literal whose quote is at i ends (its last quote); triple quotes too. */
function literalEnd(code: string, i: number): number {
  const q = code[i] ?? '';
  const triple = code.startsWith(q.repeat(3), i);
  const close = triple ? q.repeat(3) : q;
  for (let k = i + close.length; k < code.length; k++) {
    if (code[k] === '\\') k++;
    else if (code.startsWith(close, k)) return k + close.length - 1;
  }
  return code.length - 1;
}

/** Literals (prefixes r, b, u, f; f-strings' `{name}` filled from vars), names, and single-character operators. */
function tokenize(statement: string, vars: ReadonlyMap<string, string>): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < statement.length; i++) {
    const c = statement[i] ?? '';
    const prefix = /^[rRbBuUfF]{1,2}(?=['"])/.exec(statement.slice(i, i + 3))?.[0] ?? '';
    if (c === "'" || c === '"' || prefix !== '') {
      const q = i + prefix.length;
      const end = literalEnd(statement, q);
      const triple = statement.startsWith((statement[q] ?? '').repeat(3), q) ? 3 : 1;
      let value = statement.slice(q + triple, end + 1 - triple);
      if (!/[rR]/.test(prefix)) value = value.replace(/\\(.)/g, '$1');
      if (/[fF]/.test(prefix)) value = value.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, name: string) => vars.get(name) ?? m);
      out.push({ kind: 'str', value });
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(statement.slice(i))?.[0] ?? c;
      const known = vars.get(name);
      // A name holding a string reads as that string, unless it is being assigned.
      out.push(known !== undefined && !/^\s*=(?!=)/.test(statement.slice(i + name.length)) ? { kind: 'str', value: known, fromName: true } : { kind: 'name', value: name });
      i += name.length - 1;
    } else if (!/\s/.test(c)) out.push({ kind: 'op', value: c });
  }
  return out;
}

/**
 * The string the expression starting at token i makes, and the index after
 * it: literals joined by `+` or adjacency, `%` / `.format()` filling
 * placeholders, `SEP.join([...])`. Undefined where no string starts at i.
 */
function expression(tokens: readonly Token[], i: number): [string | undefined, number] {
  const first = tokens[i];
  if (first?.kind !== 'str') return [undefined, i + 1];
  let value = first.value;
  let k = i + 1;
  for (;;) {
    const t = tokens[k];
    if (t?.kind === 'str') {
      value += t.value;
      k++;
    } else if (t?.value === '+' && tokens[k + 1]?.kind === 'str') {
      value += tokens[k + 1]?.value ?? '';
      k += 2;
    } else if (t?.value === '%' && PLACEHOLDER.test(value)) {
      const [args, next] = stringArgs(tokens, k + 1);
      if (args.length === 0) break;
      value = fill(value, args);
      k = next;
    } else if (t?.value === '.' && tokens[k + 1]?.value === 'format' && tokens[k + 2]?.value === '(') {
      const [args, next] = stringArgs(tokens, k + 2);
      value = fill(value, args);
      k = next;
    } else if (t?.value === '.' && tokens[k + 1]?.value === 'join' && tokens[k + 2]?.value === '(') {
      const open = tokens[k + 3]?.value === '[' || tokens[k + 3]?.value === '(' ? k + 3 : k + 2;
      const [args, next] = stringArgs(tokens, open);
      value = args.join(value);
      k = open === k + 2 ? next : tokens[next]?.value === ')' ? next + 1 : next;
    } else break;
  }
  return [value, k];
}

/** The strings of `(a, b)` / `[a, b]` at i, or of the one string at i; and the index after them. */
function stringArgs(tokens: readonly Token[], i: number): [string[], number] {
  const open = tokens[i]?.value;
  if (open !== '(' && open !== '[') {
    const [value, next] = expression(tokens, i);
    return [value === undefined ? [] : [value], next];
  }
  const close = open === '(' ? ')' : ']';
  const args: string[] = [];
  let k = i + 1;
  while (k < tokens.length && tokens[k]?.value !== close) {
    const [value, next] = expression(tokens, k);
    if (value !== undefined) args.push(value);
    k = next;
    if (tokens[k]?.value === ',') k++;
  }
  return [args, k + 1];
}

/** `%s`, `%r`, `{}` and `{N}` filled in order with the arguments. */
function fill(format: string, args: readonly string[]): string {
  let n = 0;
  return format.replace(/%[sr]|\{(\d*)\}/g, (_m, index: string | undefined) => (index !== undefined && index !== '' ? (args[Number(index)] ?? '') : (args[n++] ?? '')));
}
