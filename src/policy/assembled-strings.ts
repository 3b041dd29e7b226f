/**
 * The string a program sees when a value is written as pieces (the tenth
 * red team's secret-default class): shell words of adjacent quoted parts
 * (`"9jS+w1u0"'7NbHtZ'`), string concatenation in JavaScript, Python, Lua,
 * PHP or SQL (`"a" + "b"`, `"a" "b"`, `'a' .. 'b'`, `'a' || 'b'`), code
 * points (`chr(67)`, `String.fromCharCode(67)`), `printf` of `%s` with
 * literal arguments, shell variables assigned literally and used in the
 * same script (`a=X; b=Y; echo "$a$b"`), and text reversed by `rev`,
 * `[::-1]` or `.reverse()`. Each is one more decoded form (decode-layers.ts)
 * searched for the published defaults like any other.
 *
 * Bounded and textual: one pass of each rewrite per form, no evaluation.
 * Out of reach by design: arbitrary computation (loops, arithmetic on
 * characters, functions, values built from several variables' slices).
 */
import { expandShellVars } from './container-env.js';
import { pipelines, programIndex, programName } from './shell-words.js';

export interface AssembledForm {
  readonly text: string;
  readonly encoding: 'assembled' | 'reversed';
}

/** What a secret's piece is made of (no `$`, `%`, `\\`, braces: those are variables and formats). */
const PIECE = String.raw`[\w+/@!#^*.~=-]`;
/**
 * A closing quote, an optional concatenation operator (`+`, `..`, `.`, `||`,
 * `&`; a line break after it) or blanks alone (Python's and C's implicit
 * concatenation), and an opening quote, between two pieces of at least two
 * characters each: the seam of two literal parts (`'%s' "$X"` is none).
 */
const SEAM_BODY = String.raw`(["'\`])[ \t]*(?:(?:\+|\.\.|\.|\|\||&)[ \t]*(?:\\?\r?\n[ \t]*)?)?(["'\`])`;
// The quote first, the piece before it checked by the caller: a regular expression starting
// with a character class is scanned for fast, one starting with a look-behind is tried everywhere.
const SEAM = new RegExp(`${SEAM_BODY}(?=${PIECE}{2})`, 'g');
const PIECE_END = new RegExp(`${PIECE}{2}$`);
/**
 * A quoted piece touching an unquoted one (`ab"cd"`, `"ab"cd`), three
 * characters each: one shell word, whose quotes are removed where both
 * neighbours belong to it.
 */
const MIXED_WORD = new RegExp(`["'](?:(?<=${PIECE}{3}["'])${PIECE}{3,}["']|${PIECE}{3,}["']${PIECE}{3})`);
const INNER_QUOTE = new RegExp(`["'](?<=${PIECE}["'])(?=${PIECE})`, 'g');
/** A `printf` whose format places `%s` and whose line has no variable or substitution. */
const LITERAL_PRINTF = /\bprintf[ \t][^\n$`]*%s[^\n$`]*$/m;
const CODE_POINT = /\b(?:chr|String\.fromCharCode|unichr)\(\s*(\d{1,6})\s*\)[ \t]*\+?[ \t]*/g;
/** `| rev`, `rev <<<`, Python's `[::-1]`, JavaScript's `.reverse()`, PHP's `strrev(`, `reversed(`. */
const REVERSAL = /(?:^|[\s|;&(`])rev(?=[\s|;)`]|$)|\[::-1\]|\.reverse\(\)|\bstrrev\(|\breversed\(/m;
/** `name=value` at the start of a shell command (quoted or bare). */
const ASSIGNMENT = /(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)=("[^"\n$`]*"|'[^'\n]*'|[^\s;&|"'`$()]+)/g;
/** Texts longer than this are not rewritten (a big dashboard is not a script). */
const MAX_TEXT = 64 * 1024;
const MAX_PRINTF = 16;

export function assembledForms(text: string): AssembledForm[] {
  if (text.length > MAX_TEXT) return [];
  const out: AssembledForm[] = [];
  let assembled = text;
  if (text.includes('"') || text.includes("'") || text.includes('`')) {
    assembled = assembled.replace(SEAM, (seam: string, _a: string, _b: string, at: number, whole: string) => (PIECE_END.test(whole.slice(Math.max(0, at - 2), at)) ? '' : seam));
    if (MIXED_WORD.test(assembled)) assembled = assembled.replace(INNER_QUOTE, '');
  }
  if (assembled.includes('(') && (assembled.includes('chr(') || assembled.includes('fromCharCode('))) {
    assembled = assembled.replace(CODE_POINT, (_m, code: string) => {
      const n = Number(code);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
    });
  }
  if (text.includes('=') && text.includes('$')) assembled = shellAssignments(assembled, text);
  if (text.includes('printf') && text.includes('%s') && LITERAL_PRINTF.test(text)) {
    const printed = printfOutputs(text);
    if (printed !== '') assembled = `${assembled}\n${printed}`;
  }
  if (assembled !== text) out.push({ text: assembled, encoding: 'assembled' });
  if ((text.includes('rev') || text.includes('[::-1]')) && REVERSAL.test(text)) out.push({ text: [...assembled].reverse().join(''), encoding: 'reversed' });
  return out;
}

/** The text with `$name` and `${name}` replaced by literal values the same script assigned. */
function shellAssignments(current: string, original: string): string {
  const vars = new Map<string, string>();
  for (const m of original.matchAll(ASSIGNMENT)) {
    const raw = m[2] ?? '';
    vars.set(m[1] ?? '', /^["']/.test(raw) ? raw.slice(1, -1) : raw);
  }
  return vars.size === 0 ? current : expandShellVars(current, vars);
}

/** What `printf FORMAT ARGS...` prints when its format only places `%s` (a few commands per text). */
function printfOutputs(text: string): string {
  const out: string[] = [];
  for (const pipeline of pipelines(text)) {
    for (const { words } of pipeline) {
      if (out.length >= MAX_PRINTF) return out.join('\n');
      const at = programIndex(words);
      if (programName(words[at] ?? '') !== 'printf') continue;
      const format = words[at + 1];
      const args = words.slice(at + 2);
      if (format === undefined || !format.includes('%s') || args.length === 0 || /%[^s%]/.test(format)) continue;
      let k = 0;
      let printed = '';
      // printf reuses its format while arguments remain.
      do {
        printed += format.replace(/%(%|s)/g, (_m, c: string) => (c === '%' ? '%' : (args[k++] ?? '')));
      } while (k < args.length && k > 0);
      out.push(printed.replace(/\\n/g, '\n').replace(/\\t/g, '\t'));
    }
  }
  return out.join('\n');
}
