/**
 * A text with the character substitutions its own commands apply: `sed`
 * (and `perl -pe`) `s/A/B/[g]` and `y/abc/xyz/`, `tr SET1 SET2` and `tr -d
 * SET`, bash's `${v/A/B}` and `${v//A/B}`, and `.replace('A', 'B')` (Python,
 * JavaScript) or PowerShell's `-replace 'A','B'`. A default committed with a
 * placeholder (`ChXngeMe`) and fixed up by `sed 's/X/@/'` in the same script
 * is then the default in the form the gate searches (decode-layers.ts).
 *
 * Why apply each to the whole text rather than to what the command reads:
 * the gate does not run the script, so it does not know which string reaches
 * which command. Applying every substitution the text names to every word of
 * that text over-approximates what the program can produce (a superset of
 * its strings), which is the sound side for a search of known defaults: a
 * default can only appear if the substitutions can make it, and a random
 * 24-character default does not appear by accident. Substitutions are
 * applied per word (a run without blanks or quotes), as sed applies them per
 * line of what it reads: `s/X/@/` changes the first X of each word.
 *
 * Bounded: texts up to 64 KiB, at most 16 substitutions, one pass, no
 * evaluation of the script; the result is kept per text (renders repeat
 * their scripts). A substitution in one object applied to a value in another
 * (a mounted file that `sed -i` edits at start) is read by string-facts.ts,
 * which joins the script with the values of the ConfigMaps and Secrets the
 * pod mounts.
 */
import { pipelines } from './shell-words.js';

export interface SubstitutedForm {
  readonly text: string;
  readonly encoding: 'substituted';
}

interface Substitution {
  readonly apply: (word: string) => string;
  /** tr maps characters of the whole stream, not words. */
  readonly stream?: boolean;
  /** Where in a text it matches (undefined: it may change any word). */
  readonly find?: (text: string) => number[];
  /** A pattern tied to a word's start or end (`^`, `$`): whether it applies anywhere is not told by the whole text. */
  readonly anchored?: boolean;
}

const MAX_TEXT = 64 * 1024;
const MAX_SUBSTITUTIONS = 16;
const MIN_WORD = 8;
/** A program that substitutes, named as a command: checked to start a word (programsAt). */
const PROGRAM = /(?:sed|perl|tr)[ \t]/g;
const WORD_START = /[\s|;&(`]/;
const REPLACE_CALL = /\.replace(?:All)?\(\s*(["'])((?:\\.|(?!\1).)*)\1\s*,\s*(["'])((?:\\.|(?!\3).)*)\3\s*[,)]/g;
const PS_REPLACE = /-replace[ \t]+(["'])((?:(?!\1).)*)\1\s*,\s*(["'])((?:(?!\3).)*)\3/g;
const BASH_REPLACE = /\$\{[A-Za-z_][A-Za-z0-9_]*(\/\/?)([^/}]*)\/([^}]*)\}/g;
const WORD = /[^\s'"`]+/g;

/** What ends a word (WORD): blanks and quotes. */
function isSeparator(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x22 || c === 0x27 || c === 0x60 || c === 0x0b || c === 0x0c;
}

/** A substring one of them needs: one test per text (a call per substring costs more than the search). */
const MARKER = /sed|tr[ \t]|perl|replace|\$\{/;

/** Cheap first: a marker any kind needs, then the kinds' own patterns. */
export function mayBeSubstituted(text: string): boolean {
  if (text.length > MAX_TEXT || !MARKER.test(text)) return false;
  if (namesProgram(text)) return true;
  if (text.includes('.replace') || text.includes('-replace')) return true;
  return text.includes('${') && /\$\{[A-Za-z_][A-Za-z0-9_]*\//.test(text);
}

function namesProgram(text: string): boolean {
  for (const m of text.matchAll(PROGRAM)) if (m.index === 0 || WORD_START.test(text[m.index - 1] ?? '')) return true;
  return false;
}

/** Each `sed`, `perl` or `tr` starting a word: its name and where its arguments start. */
function programsAt(text: string): Array<{ program: string; from: number }> {
  const out: Array<{ program: string; from: number }> = [];
  for (const m of text.matchAll(PROGRAM)) {
    if (m.index > 0 && !WORD_START.test(text[m.index - 1] ?? '')) continue;
    out.push({ program: m[0].trim(), from: m.index + m[0].length });
  }
  return out;
}

export function substitutedForms(text: string): readonly SubstitutedForm[] {
  if (text.length > MAX_TEXT || !MARKER.test(text)) return NONE;
  // Renders repeat their scripts: each worked out once per process (bounded, as bcrypt-hashes.ts).
  let found = memo.get(text);
  if (found === undefined) {
    memoChars += text.length;
    if (memoChars > MAX_MEMO_CHARS) {
      memo.clear();
      memoChars = text.length;
    }
    memo.set(text, (found = mayBeSubstituted(text) ? substitute(text) : NONE));
  }
  return found;
}

const NONE: readonly SubstitutedForm[] = [];
const MAX_MEMO_CHARS = 1 << 20;
const memo = new Map<string, readonly SubstitutedForm[]>();
let memoChars = 0;

function substitute(text: string): readonly SubstitutedForm[] {
  // What changes nothing in the whole text (after the substitutions before it) changes no
  // word of it: one pass each over the text, not one per word, for most of them.
  let running = text;
  const scripts = new Set<string>();
  const subs = substitutionsOf(text, scripts).filter((s) => {
    const next = s.apply(running);
    if (next === running) return s.anchored === true;
    running = next;
    return true;
  });
  if (subs.length === 0) return [];
  // A stream-wide map (tr) can join or split words: the whole text is the form. Otherwise
  // only the words a substitution changed are (a default has no blank or quote), so a long
  // script is not decoded a second time for a word or two.
  if (subs.some((s) => s.stream === true)) {
    let out = text;
    for (const s of subs) out = s.stream === true ? s.apply(out) : out.replace(WORD, s.apply);
    return out === text ? [] : [{ text: out, encoding: 'substituted' }];
  }
  // The words a substitution matches in (most of a script it leaves alone), or every word.
  const n = text.length;
  const spans = new Map<number, number>();
  const wordAt = (at: number): void => {
    if (at >= n || isSeparator(text.charCodeAt(at))) return;
    let start = at;
    while (start > 0 && !isSeparator(text.charCodeAt(start - 1))) start--;
    let end = at;
    while (end < n && !isSeparator(text.charCodeAt(end))) end++;
    spans.set(start, end);
  };
  if (subs.every((s) => s.find !== undefined)) {
    for (const s of subs) for (const at of s.find?.(text) ?? []) wordAt(at);
  } else {
    for (let i = 0; i < n; i++) if (!isSeparator(text.charCodeAt(i)) && (i === 0 || isSeparator(text.charCodeAt(i - 1)))) wordAt(i);
  }
  const changed: string[] = [];
  for (const [start, end] of spans) {
    const original = text.slice(start, end);
    let word = original;
    for (const s of subs) word = s.apply(word);
    // A word shorter than the shortest default (8) is none.
    if (word !== original && word.length >= MIN_WORD && !scripts.has(original)) changed.push(word);
  }
  return changed.length === 0 ? [] : [{ text: changed.join('\n'), encoding: 'substituted' }];
}

/** The substitutions a text names; `scripts` gets the words that only state them (a sed script is no value). */
function substitutionsOf(text: string, scripts: Set<string>): Substitution[] {
  const subs: Substitution[] = [];
  const add = (s: Substitution | undefined): void => {
    if (s !== undefined && subs.length < MAX_SUBSTITUTIONS) subs.push(s);
  };
  for (const { program, from } of programsAt(text)) {
    const words = pipelines(commandText(text, from))[0]?.[0]?.words ?? [];
    if (program === 'tr') add(trOf(words));
    else {
      for (const expr of scriptsOf(program, words)) {
        scripts.add(expr);
        for (const s of sedScript(expr, program === 'perl' || words.some((w) => /^-[a-zA-Z]*[Er]/.test(w)))) add(s);
      }
    }
  }
  for (const m of text.matchAll(REPLACE_CALL)) add(literalReplace(unescapeQuoted(m[2] ?? ''), unescapeQuoted(m[4] ?? ''), true));
  for (const m of text.matchAll(PS_REPLACE)) add(regexReplace(m[2] ?? '', (m[4] ?? '').replace(/\$(\d)/g, '$$$1'), 'g'));
  for (const m of text.matchAll(BASH_REPLACE)) add(literalReplace(m[2] ?? '', m[3] ?? '', m[1] === '//'));
  return subs;
}

/** The rest of one command from `from`: up to an unquoted `|`, `;`, `&`, `)` or line end. */
function commandText(text: string, from: number): string {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '|' || c === ';' || c === '&' || c === ')' || c === '\n') return text.slice(from, i);
  }
  return text.slice(from);
}

/** The scripts a sed or perl command runs: each `-e X`, or its first operand. */
function scriptsOf(program: string, words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (/^-[a-zA-Z]*e$/.test(w) || w === '--expression') out.push(words[++i] ?? '');
    else if (w.startsWith('--expression=')) out.push(w.slice('--expression='.length));
  }
  if (out.length === 0 && program === 'sed') {
    const first = words.find((w) => !w.startsWith('-'));
    if (first !== undefined) out.push(first);
  }
  return out;
}

/** The `s` and `y` commands of a sed (or perl) script, separated by `;` or newlines. */
function sedScript(script: string, extended: boolean): Substitution[] {
  const out: Substitution[] = [];
  let i = 0;
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i] ?? '')) i++;
    const cmd = script[i];
    const delim = script[i + 1] ?? '';
    if ((cmd !== 's' && cmd !== 'y') || delim === '' || /[\s\\\n]/.test(delim)) break;
    const [a, afterA] = delimited(script, i + 2, delim);
    const [b, afterB] = delimited(script, afterA, delim);
    if (afterB > script.length) break;
    let j = afterB;
    while (j < script.length && /[gipImM0-9]/.test(script[j] ?? '')) j++;
    const flags = script.slice(afterB, j);
    i = j;
    if (cmd === 'y') {
      out.push(charMap([...a], [...b]));
      continue;
    }
    const source = extended ? a : breToJs(a);
    const replacement = b.replace(/\\([0-9])|\\(.)|(&)|(\$)/gs, (_m, n?: string, e?: string, amp?: string, dollar?: string) => (n !== undefined ? `$${n}` : e !== undefined ? (e === 'n' ? '\n' : e === 't' ? '\t' : e === '$' ? '$$' : e) : amp !== undefined ? '$&' : dollar !== undefined ? '$$' : ''));
    const s = regexReplace(source, replacement, `${flags.includes('g') ? 'g' : ''}${/[iI]/.test(flags) ? 'i' : ''}`);
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** The part of a sed command up to the next unescaped delimiter (an escaped delimiter is the character), and where it ends. */
function delimited(script: string, from: number, delim: string): [string, number] {
  let part = '';
  for (let i = from; i < script.length; i++) {
    const c = script[i] ?? '';
    if (c === delim) return [part, i + 1];
    if (c === '\\' && script[i + 1] === delim) {
      part += delim === '/' || /\w/.test(delim) ? delim : `\\${delim}`;
      i++;
    } else if (c === '\\' && i + 1 < script.length) {
      part += c + (script[i + 1] ?? '');
      i++;
    } else part += c;
  }
  return [part, script.length + 1];
}

/** A POSIX basic regular expression as a JavaScript one: `\(`, `\{`, `\+`, `\?`, `\|` are the operators, bare ones literal. */
function breToJs(bre: string): string {
  return bre.replace(/\\([(){}+?|])|([(){}+?|])/g, (_m, op?: string, lit?: string) => (op !== undefined ? op : `\\${lit ?? ''}`));
}

/** A regular expression without operators: the string it matches (`\\.` is a dot), else undefined. */
function literalOf(source: string): string | undefined {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? '';
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (next === '' || /[0-9A-Za-z]/.test(next)) return undefined;
      out += next;
      i++;
    } else if ('.*+?^${}()|[]'.includes(c)) return undefined;
    else out += c;
  }
  return out;
}

function regexReplace(source: string, replacement: string, flags: string): Substitution | undefined {
  if (source === '') return undefined;
  // Most fix-ups replace a fixed string (`s/X/@/`): a search, not a regular expression, per word.
  const literal = flags.includes('i') ? undefined : literalOf(source);
  if (literal !== undefined && !/\$(?!\$)/.test(replacement.replace(/\$\$/g, ''))) return literalReplace(literal, replacement.replace(/\$\$/g, '$'), flags.includes('g'));
  try {
    const re = new RegExp(source, flags);
    const every = new RegExp(source, `${flags.replace('g', '')}g`);
    const find = (text: string): number[] => [...text.matchAll(every)].map((m) => m.index);
    return { apply: (w) => w.replace(re, replacement), find, anchored: /[\^$]/.test(source) };
  } catch {
    return undefined;
  }
}

function literalReplace(from: string, to: string, all: boolean): Substitution | undefined {
  if (from === '') return undefined;
  const find = (text: string): number[] => {
    const out: number[] = [];
    for (let at = text.indexOf(from); at >= 0; at = text.indexOf(from, at + from.length)) out.push(at);
    return out;
  };
  return { apply: (w) => (!w.includes(from) ? w : all ? w.split(from).join(to) : w.replace(from, () => to)), find };
}

function unescapeQuoted(s: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** `tr SET1 SET2` (SET2's last character repeats) and `tr -d SET`; other options map nothing. */
function trOf(words: readonly string[]): Substitution | undefined {
  const options = words.filter((w) => /^-[a-zA-Z]+$/.test(w)).join('');
  const sets = words.filter((w) => !/^-[a-zA-Z]+$/.test(w)).map(expandSet);
  const from = sets[0];
  if (from === undefined || from.length === 0 || options.includes('c') || options.includes('C')) return undefined;
  if (options.includes('d')) {
    const drop = new Set(from);
    return { apply: (t) => [...t].filter((c) => !drop.has(c)).join(''), stream: true };
  }
  const to = sets[1];
  if (to === undefined || to.length === 0) return undefined;
  return { ...charMap(from, to), stream: true };
}

function charMap(from: readonly string[], to: readonly string[]): Substitution {
  const map = new Map<string, string>();
  from.forEach((c, i) => map.set(c, to[Math.min(i, to.length - 1)] ?? c));
  return { apply: (t) => [...t].map((c) => map.get(c) ?? c).join('') };
}

const CLASSES: Readonly<Record<string, string>> = {
  lower: 'a-z',
  upper: 'A-Z',
  digit: '0-9',
  alpha: 'A-Za-z',
  alnum: '0-9A-Za-z',
};

/** A tr set's characters: ranges (`a-z`), the common classes, `\n` and `\\`. */
function expandSet(set: string): string[] {
  const spec = set.replace(/\[:([a-z]+):\]/g, (m, name: string) => CLASSES[name] ?? m).replace(/\\([nt\\])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
  const out: string[] = [];
  for (let i = 0; i < spec.length; i++) {
    const c = spec.charCodeAt(i);
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      const end = spec.charCodeAt(i + 2);
      for (let k = c; k <= end && out.length < 256; k++) out.push(String.fromCharCode(k));
      i += 2;
    } else out.push(spec[i] ?? '');
  }
  return out;
}
