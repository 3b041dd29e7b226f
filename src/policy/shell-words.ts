/**
 * A shell script cut the way sh cuts it, far enough to say what each simple
 * command runs: pipelines (split at newlines, `;`, `&&`, `||`, `&`), their
 * commands (split at `|`), each command's words with quotes removed, and
 * where its output goes. Not a shell: no expansion, no functions, no control
 * flow (`if`, `for` and `do` are just words, which is enough here: the words
 * after them still form the command that runs). A heredoc's lines are read
 * as commands of their own, which is how `mongo <<EOF` feeds its shell.
 */

export interface SimpleCommand {
  /** The words, quotes removed; redirections and their targets left out. */
  readonly words: readonly string[];
  /** Standard output goes to a file (`> f`, `>> f`, `&> f`), not to the log. */
  readonly stdoutToFile: boolean;
  /** Files read as standard input (`< f`). */
  readonly inputs: readonly string[];
}

/** The pipelines of a script, each a list of simple commands joined by `|`. */
export function pipelines(script: string): SimpleCommand[][] {
  const out: SimpleCommand[][] = [];
  let pipeline: SimpleCommand[] = [];
  let words: string[] = [];
  let inputs: string[] = [];
  let stdoutToFile = false;
  let word = '';
  let inWord = false;
  // What the next word is: a redirection's target is not an argument.
  let pending: 'none' | 'stdout' | 'input' | 'skip' = 'none';
  const endWord = (): void => {
    if (!inWord) return;
    if (pending === 'stdout') stdoutToFile = word !== '' && word !== '/dev/stdout' && word !== '/dev/stderr';
    else if (pending === 'input') inputs.push(word);
    else if (pending === 'none') words.push(word);
    pending = 'none';
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length > 0 || inputs.length > 0) pipeline.push({ words, stdoutToFile, inputs });
    words = [];
    inputs = [];
    stdoutToFile = false;
  };
  const endPipeline = (): void => {
    endCommand();
    if (pipeline.length > 0) out.push(pipeline);
    pipeline = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i] ?? '';
    const next = script[i + 1] ?? '';
    if (c === "'" || c === '"') {
      const close = script.indexOf(c, i + 1);
      const end = close < 0 ? script.length : close;
      word += script.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if ((c === '$' && next === '(') || c === '`') {
      // A command substitution stays inside its word: `$(date +%F)` is one word's part.
      const end = substitutionEnd(script, i);
      word += script.slice(i, end + 1);
      inWord = true;
      i = end;
    } else if (c === '\\' && next !== '') {
      if (next !== '\n') {
        word += next;
        inWord = true;
      }
      i++;
    } else if (c === '#' && !inWord) {
      const eol = script.indexOf('\n', i);
      i = (eol < 0 ? script.length : eol) - 1;
    } else if (c === '\n' || c === ';') {
      endPipeline();
    } else if (c === '&' && next === '&') {
      endPipeline();
      i++;
    } else if (c === '|' && next === '|') {
      endPipeline();
      i++;
    } else if (c === '&' && next === '>') {
      endWord();
      pending = 'stdout';
      i += script[i + 2] === '>' ? 2 : 1;
    } else if (c === '&') {
      endPipeline();
    } else if (c === '|') {
      endCommand();
    } else if (c === '>') {
      // `2>` redirects standard error only; `>&2` and `>&1` keep the output in the log.
      const fd = inWord && word === '2' ? 2 : inWord && word === '1' ? 1 : 0;
      if (fd !== 0) {
        word = '';
        inWord = false;
      } else endWord();
      if (next === '>') i++;
      if (script[i + 1] === '&') {
        i++;
        while (/[0-9-]/.test(script[i + 1] ?? '')) i++;
        pending = 'none';
      } else pending = fd === 2 ? 'skip' : 'stdout';
    } else if (c === '<') {
      endWord();
      if (next === '<') {
        // A heredoc: its delimiter is skipped, its lines are read as commands.
        i++;
        if (script[i + 1] === '-') i++;
        pending = 'skip';
      } else pending = 'input';
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
    } else {
      word += c;
      inWord = true;
    }
  }
  endPipeline();
  return out;
}

/** Where a `$(...)` or backtick substitution starting at i ends (its closing character). */
function substitutionEnd(script: string, i: number): number {
  if (script[i] === '`') {
    const close = script.indexOf('`', i + 1);
    return close < 0 ? script.length - 1 : close;
  }
  let depth = 0;
  for (let k = i + 1; k < script.length; k++) {
    if (script[k] === '(') depth++;
    else if (script[k] === ')' && --depth === 0) return k;
  }
  return script.length - 1;
}

/** Words before a command's program that are not the program: assignments and wrappers. */
const WRAPPERS = new Set(['exec', 'nohup', 'env', 'nice', 'ionice', 'setsid', 'command', 'builtin', 'time', 'sudo', 'su-exec', 'gosu', 'tini', 'dumb-init', 'xargs', 'then', 'do', 'else', 'if', '!', '{', '(']);

/** The index of a command's program among its words (past `VAR=x`, wrappers, `timeout 30`), or -1. */
export function programIndex(words: readonly string[]): number {
  for (let k = 0; k < words.length; k++) {
    const w = words[k] ?? '';
    // `env` alone (or with only assignments) is the program: it prints the environment.
    if (w === 'env' && words.slice(k + 1).every((x) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(x) || x.startsWith('-'))) return k;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || WRAPPERS.has(w) || (w.startsWith('-') && k > 0 && WRAPPERS.has(words[k - 1] ?? ''))) continue;
    if (w === 'timeout' && /^[0-9]/.test(words[k + 1] ?? '')) {
      k++;
      continue;
    }
    return k;
  }
  return -1;
}

/** The base name of a program word (`/usr/bin/mongosh` → `mongosh`). */
export function programName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}
