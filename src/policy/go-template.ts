/**
 * What a Go text/template (External Secrets Operator's `target.template`,
 * engine v2: Go's builtins plus sprig's text functions) writes when its
 * computation uses literals only: `{{ printf "%s%s" "Ch" "..." }}` or
 * `{{ "Q2g=" | b64dec }}` put a value in the Secret that no string of the
 * manifest holds whole. Values from the secret store (`.key`, `$var` bound to
 * one) are unknown and written as a NUL, so a default split around one is not
 * joined; `default` and `coalesce` are taken at their literal fallback (the
 * store's value may be empty), and both branches of `if`/`else` are kept.
 *
 * The evaluation is one pass over the text (each action tokenised once) under
 * an output budget. A function the gate does not implement, applied to
 * literals only, makes the template unevaluable: what it computes is
 * unknown, and the caller fails closed (ST2-SEC-012). Only the result text
 * and reasons leave this module; callers never print it.
 */
import { createHash } from 'node:crypto';

/** A value: a string, a list, or unknown (from the secret store). */
interface Unknown {
  readonly unknown: true;
}
const UNKNOWN: Unknown = Object.freeze({ unknown: true });
type Value = string | Value[] | Unknown;

export interface TemplateResult {
  /** The text written, unknown values as NUL. */
  readonly text: string;
  /** Why a literal-only computation could not be evaluated; undefined when everything was. */
  readonly unevaluable?: string;
}

/** At most this much output per template: more is unevaluable (a `repeat` bomb). */
const MAX_OUTPUT = 1 << 16;

/** Functions whose result is random or the time, or a key they generate: never a published value. */
const VOLATILE = new Set(['now', 'date', 'dateInZone', 'htmlDate', 'unixEpoch', 'randAlphaNum', 'randAlpha', 'randNumeric', 'randAscii', 'randBytes', 'randInt', 'uuidv4', 'genPrivateKey', 'genCA', 'genSelfSignedCert', 'genSignedCert']);

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);

/** True when a text holds a Go template action worth evaluating. */
export function hasTemplateAction(text: string): boolean {
  return text.includes('{{') && text.includes('}}');
}

export function evaluateTemplate(text: string): TemplateResult {
  const out: string[] = [];
  let size = 0;
  let unevaluable: string | undefined;
  const vars = new Map<string, Value>();
  let pos = 0;
  let trimNext = false;
  const emit = (s: string): void => {
    size += s.length;
    if (size > MAX_OUTPUT) {
      unevaluable ??= 'its output exceeds the evaluation budget';
      return;
    }
    out.push(s);
  };
  while (pos < text.length) {
    const open = text.indexOf('{{', pos);
    let literal = open < 0 ? text.slice(pos) : text.slice(pos, open);
    if (trimNext) literal = literal.replace(/^\s+/, '');
    trimNext = false;
    if (open < 0) {
      emit(literal);
      break;
    }
    let start = open + 2;
    if (text[start] === '-' && /\s/.test(text[start + 1] ?? '')) {
      literal = literal.replace(/\s+$/, '');
      start += 1;
    }
    emit(literal);
    const close = findClose(text, start);
    if (close < 0) {
      // text/template refuses an unclosed action: ESO writes nothing (a sync error), nothing to search.
      return { text: out.join(''), unevaluable: unevaluable ?? 'an action is not closed' };
    }
    let end = close;
    if (text[close - 1] === '-' && /\s/.test(text[close - 2] ?? '')) {
      end = close - 1;
      trimNext = true;
    }
    const body = text.slice(start, end).trim();
    pos = close + 2;
    if (body.startsWith('/*')) continue;
    const action = runAction(body, vars);
    if (action.unevaluable !== undefined) unevaluable ??= action.unevaluable;
    if (action.value !== undefined) emit(render(action.value));
  }
  return { text: out.join(''), ...(unevaluable === undefined ? {} : { unevaluable }) };
}

/** The index of the `}}` closing an action (not one inside a string literal), or -1. */
function findClose(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === '`' || c === "'") {
      const quote = c;
      i++;
      while (i < text.length && text[i] !== quote) i += text[i] === '\\' && quote !== '`' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '}' && text[i + 1] === '}') return i;
    i++;
  }
  return -1;
}

function render(v: Value): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(render).join(' ')}]`;
  return '\u0000';
}

type Token =
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'num'; readonly v: string }
  | { readonly t: 'ident'; readonly v: string }
  | { readonly t: 'field' }
  | { readonly t: 'var'; readonly v: string }
  | { readonly t: 'op'; readonly v: string };

function tokenize(body: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < body.length && body[j] !== '"') {
        if (body[j] === '\\') {
          const e = unescape(body, j);
          if (e === undefined) return undefined;
          s += e.text;
          j = e.next;
        } else s += body[j++];
      }
      if (j >= body.length) return undefined;
      tokens.push({ t: 'str', v: s });
      i = j + 1;
    } else if (c === '`') {
      const j = body.indexOf('`', i + 1);
      if (j < 0) return undefined;
      tokens.push({ t: 'str', v: body.slice(i + 1, j) });
      i = j + 1;
    } else if (c === "'") {
      // A rune literal is a number in Go templates.
      const j = body.indexOf("'", i + 1);
      if (j < 0) return undefined;
      const inner = body.slice(i + 1, j);
      const rune = inner.startsWith('\\') ? unescape(inner, 0)?.text : inner;
      if (rune === undefined) return undefined;
      tokens.push({ t: 'num', v: String(rune.codePointAt(0) ?? 0) });
      i = j + 1;
    } else if (c === '.' || c === '$') {
      const m = /^[.$][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*/.exec(body.slice(i));
      const word = m?.[0] ?? c;
      tokens.push(c === '.' ? { t: 'field' } : { t: 'var', v: word.split('.')[0] ?? word });
      i += word.length;
    } else if (/[0-9+-]/.test(c) && /^[+-]?[0-9]/.test(body.slice(i))) {
      const m = /^[+-]?(?:0[xX][0-9a-fA-F_]+|[0-9_]*\.?[0-9_]+(?:[eE][+-]?[0-9]+)?)/.exec(body.slice(i));
      const word = m?.[0] ?? c;
      tokens.push({ t: 'num', v: word });
      i += word.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(body.slice(i));
      const word = m?.[0] ?? c;
      tokens.push({ t: 'ident', v: word });
      i += word.length;
      // A method or field of a result (`(...).Field`) is a store-shaped value: unknown.
    } else if (body.startsWith(':=', i)) {
      tokens.push({ t: 'op', v: ':=' });
      i += 2;
    } else if ('|()=,'.includes(c)) {
      tokens.push({ t: 'op', v: c });
      i++;
    } else {
      return undefined;
    }
  }
  return tokens;
}

/** One Go escape at body[at] (a backslash). */
function unescape(body: string, at: number): { text: string; next: number } | undefined {
  const c = body[at + 1];
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
  if (c !== undefined && c in simple) return { text: simple[c] ?? '', next: at + 2 };
  const hex = (n: number): { text: string; next: number } | undefined => {
    const digits = body.slice(at + 2, at + 2 + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) return undefined;
    const code = parseInt(digits, 16);
    return { text: n === 2 ? Buffer.from([code]).toString('latin1') : String.fromCodePoint(code), next: at + 2 + n };
  };
  if (c === 'x') return hex(2);
  if (c === 'u') return hex(4);
  if (c === 'U') return hex(8);
  if (c !== undefined && /[0-7]/.test(c)) {
    const digits = body.slice(at + 1, at + 4);
    if (!/^[0-7]{3}$/.test(digits)) return undefined;
    return { text: String.fromCharCode(parseInt(digits, 8)), next: at + 4 };
  }
  return undefined;
}

interface ActionResult {
  readonly value?: Value;
  readonly unevaluable?: string;
}

function runAction(body: string, vars: Map<string, Value>): ActionResult {
  const tokens = tokenize(body);
  if (tokens === undefined) return { unevaluable: 'an action the gate cannot read' };
  if (tokens.length === 0) return {};
  const first = tokens[0];
  let rest = tokens;
  if (first?.t === 'ident' && KEYWORDS.has(first.v)) {
    // Control: the pipeline of if/with/range is judged (its value is not written); every branch is kept.
    if (first.v === 'end' || first.v === 'else' || first.v === 'break' || first.v === 'continue') {
      rest = tokens.slice(1).filter((t, k) => !(k === 0 && t.t === 'ident' && (t.v === 'if' || t.v === 'with')));
      if (rest.length === 0) return {};
    } else if (first.v === 'define' || first.v === 'template' || first.v === 'block') {
      return { unevaluable: `{{${first.v}}} (named templates are not followed)` };
    } else {
      rest = tokens.slice(1);
    }
    const judged = evalPipeline(rest, vars);
    return judged.unevaluable === undefined ? {} : { unevaluable: judged.unevaluable };
  }
  // $x := pipeline (or $x = pipeline): bound, nothing written.
  if (first?.t === 'var' && tokens[1]?.t === 'op' && (tokens[1].v === ':=' || tokens[1].v === '=')) {
    const judged = evalPipeline(tokens.slice(2), vars);
    vars.set(first.v, judged.value ?? UNKNOWN);
    return judged.unevaluable === undefined ? {} : { unevaluable: judged.unevaluable };
  }
  return evalPipeline(rest, vars);
}

/** Splits tokens at top-level `|`; parentheses nest. */
function splitPipe(tokens: readonly Token[]): Token[][] | undefined {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.t === 'op' && t.v === '(') depth++;
    if (t.t === 'op' && t.v === ')') depth--;
    if (depth < 0) return undefined;
    if (depth === 0 && t.t === 'op' && t.v === '|') parts.push([]);
    else parts[parts.length - 1]?.push(t);
  }
  return depth === 0 ? parts : undefined;
}

function evalPipeline(tokens: readonly Token[], vars: Map<string, Value>): ActionResult {
  const commands = splitPipe(tokens);
  if (commands === undefined || commands.some((c) => c.length === 0)) return { unevaluable: 'a pipeline the gate cannot read' };
  let piped: Value | undefined;
  for (const command of commands) {
    const r = evalCommand(command, vars, piped);
    if (r.unevaluable !== undefined) return r;
    piped = r.value ?? UNKNOWN;
  }
  return { value: piped ?? UNKNOWN };
}

/** The operands of a command: literals, store values, variables and parenthesised pipelines. */
function operands(tokens: readonly Token[], vars: Map<string, Value>): { values: Value[] } | { unevaluable: string } {
  const values: Value[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.t === 'str') values.push(t.v);
    else if (t.t === 'num') values.push(t.v);
    else if (t.t === 'field') values.push(UNKNOWN);
    else if (t.t === 'var') values.push(vars.get(t.v) ?? UNKNOWN);
    else if (t.t === 'ident' && (t.v === 'true' || t.v === 'false')) values.push(t.v);
    else if (t.t === 'ident' && t.v === 'nil') values.push('');
    else if (t.t === 'op' && t.v === '(') {
      let depth = 0;
      let j = i;
      for (; j < tokens.length; j++) {
        const u = tokens[j];
        if (u?.t === 'op' && u.v === '(') depth++;
        if (u?.t === 'op' && u.v === ')' && --depth === 0) break;
      }
      const inner = evalPipeline(tokens.slice(i + 1, j), vars);
      if (inner.unevaluable !== undefined) return { unevaluable: inner.unevaluable };
      values.push(inner.value ?? UNKNOWN);
      i = j;
    } else if (t.t === 'ident') {
      // A function without arguments in operand position (`printf "%s" now`).
      const r = call(t.v, []);
      if ('unevaluable' in r) return r;
      values.push(r.value);
    } else return { unevaluable: 'an operand the gate cannot read' };
  }
  return { values };
}

function evalCommand(tokens: readonly Token[], vars: Map<string, Value>, piped: Value | undefined): ActionResult {
  const head = tokens[0];
  if (head?.t === 'ident' && !['true', 'false', 'nil'].includes(head.v)) {
    const args = operands(tokens.slice(1), vars);
    if ('unevaluable' in args) return args;
    const all = piped === undefined ? args.values : [...args.values, piped];
    const r = call(head.v, all);
    return 'unevaluable' in r ? { unevaluable: r.unevaluable } : { value: r.value };
  }
  const args = operands(tokens, vars);
  if ('unevaluable' in args) return args;
  // An operand followed by more words, or a value piped into a non-function: text/template refuses it.
  if (args.values.length !== 1 || piped !== undefined) return { value: UNKNOWN };
  return { value: args.values[0] ?? UNKNOWN };
}

const isKnown = (v: Value): v is string | Value[] => typeof v === 'string' || Array.isArray(v);
const str = (v: Value): string => (typeof v === 'string' ? v : render(v));
const empty = (v: Value): boolean => v === '' || v === 'false' || v === '0' || (Array.isArray(v) && v.length === 0);

type Fn = (args: Array<string | Value[]>) => Value | undefined;

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const ub64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8');
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function b32enc(s: string): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}
function b32dec(s: string): string {
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const c of s.replace(/=+$/, '').toUpperCase()) {
    const k = B32.indexOf(c);
    if (k < 0) return '';
    value = (value << 5) | k;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Go's fmt for the verbs templates use on strings and numbers. */
function sprintf(format: string, args: readonly Value[]): string | undefined {
  let k = 0;
  let bad = false;
  const out = format.replace(/%([-+# 0]*)(\d*)(?:\.(\d+))?([a-zA-Z%])/g, (_all, flags: string, width: string, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    const arg = args[k++];
    if (arg === undefined) return `%!${verb}(MISSING)`;
    let s: string;
    const a = str(arg);
    if (verb === 's' || verb === 'v') s = a;
    else if (verb === 'q') s = JSON.stringify(a);
    else if (verb === 'd') s = /^[+-]?\d+$/.test(a) ? String(BigInt(a)) : `%!d(string=${a})`;
    else if (verb === 'x' || verb === 'X') s = /^\d+$/.test(a) ? BigInt(a).toString(16) : Buffer.from(a, 'utf8').toString('hex');
    else if (verb === 'c') s = /^\d+$/.test(a) ? String.fromCodePoint(Number(a)) : `%!c(string=${a})`;
    else {
      bad = true;
      return '';
    }
    if (verb === 'X') s = s.toUpperCase();
    if (precision !== undefined && (verb === 's' || verb === 'v')) s = [...s].slice(0, Number(precision)).join('');
    const w = Number(width || '0');
    if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : s.padStart(w, flags.includes('0') && verb !== 's' ? '0' : ' ');
    return s;
  });
  if (bad) return undefined;
  const extra = args.slice(k);
  return extra.length === 0 ? out : `${out}%!(EXTRA ${extra.map(str).join(', ')})`;
}

/** Go's print: operands joined, a space between two when neither is a string (all are strings here). */
const goPrint = (args: readonly Value[]): string => args.map(str).join('');

const last = <T>(a: readonly T[]): T | undefined => a[a.length - 1];

/** The functions evaluated on literals: Go's builtins and the sprig string functions ESO's engine v2 offers. */
const FUNCTIONS = new Map<string, Fn>(Object.entries({
  printf: (a) => (typeof a[0] === 'string' ? sprintf(a[0], a.slice(1)) : undefined),
  print: (a) => goPrint(a),
  println: (a) => `${a.map(str).join(' ')}\n`,
  cat: (a) => a.map(str).filter((s) => s !== '').join(' '),
  toString: (a: Array<string | Value[]>) => str(a[0] ?? ''),
  quote: (a) => a.map((s) => JSON.stringify(str(s))).join(' '),
  squote: (a) => a.map((s) => `'${str(s)}'`).join(' '),
  upper: (a) => str(a[0] ?? '').toUpperCase(),
  lower: (a) => str(a[0] ?? '').toLowerCase(),
  title: (a) => str(a[0] ?? '').replace(/(^|\s)(\S)/g, (_m, s: string, c: string) => s + c.toUpperCase()),
  trim: (a) => str(a[0] ?? '').trim(),
  nospace: (a) => str(a[0] ?? '').replace(/\s+/g, ''),
  trimAll: (a) => trimSet(str(a[1] ?? ''), str(a[0] ?? ''), true, true),
  trimPrefix: (a) => {
    const [p, s] = [str(a[0] ?? ''), str(a[1] ?? '')];
    return s.startsWith(p) ? s.slice(p.length) : s;
  },
  trimSuffix: (a) => {
    const [p, s] = [str(a[0] ?? ''), str(a[1] ?? '')];
    return p !== '' && s.endsWith(p) ? s.slice(0, -p.length) : s;
  },
  replace: (a) => str(a[2] ?? '').split(str(a[0] ?? '')).join(str(a[1] ?? '')),
  repeat: (a) => {
    const n = Number(str(a[0] ?? '0'));
    const s = str(a[1] ?? '');
    return Number.isInteger(n) && n >= 0 && n * s.length <= MAX_OUTPUT ? s.repeat(n) : undefined;
  },
  substr: (a) => {
    const s = str(a[2] ?? '');
    const [start, end] = [Number(str(a[0] ?? '0')), Number(str(a[1] ?? '0'))];
    if (start < 0) return s.slice(0, end < 0 ? undefined : end);
    return end < 0 || end > s.length ? s.slice(start) : start > end ? '' : s.slice(start, end);
  },
  trunc: (a) => {
    const n = Number(str(a[0] ?? '0'));
    const s = str(a[1] ?? '');
    return n >= 0 ? s.slice(0, n) : s.slice(Math.max(0, s.length + n));
  },
  b64enc: (a) => b64(str(a[0] ?? '')),
  b64dec: (a) => ub64(str(a[0] ?? '')),
  b32enc: (a) => b32enc(str(a[0] ?? '')),
  b32dec: (a) => b32dec(str(a[0] ?? '')),
  indent: (a) => str(a[1] ?? '').replace(/^/gm, ' '.repeat(Math.min(Number(str(a[0] ?? '0')) || 0, 256))),
  nindent: (a) => `\n${str(a[1] ?? '').replace(/^/gm, ' '.repeat(Math.min(Number(str(a[0] ?? '0')) || 0, 256)))}`,
  list: (a) => [...a],
  join: (a) => (Array.isArray(a[1]) ? a[1].map(str).join(str(a[0] ?? '')) : str(a[1] ?? '')),
  splitList: (a) => str(a[1] ?? '').split(str(a[0] ?? '')),
  first: (a) => (Array.isArray(a[0]) ? (a[0][0] ?? '') : str(a[0] ?? '').slice(0, 1)),
  last: (a) => (Array.isArray(a[0]) ? (last(a[0]) ?? '') : str(a[0] ?? '').slice(-1)),
  rest: (a) => (Array.isArray(a[0]) ? a[0].slice(1) : undefined),
  initial: (a) => (Array.isArray(a[0]) ? a[0].slice(0, -1) : undefined),
  reverse: (a) => (Array.isArray(a[0]) ? [...a[0]].reverse() : undefined),
  index: (a) => {
    const [coll, ...keys] = a;
    let v: Value | undefined = coll;
    for (const k of keys) v = Array.isArray(v) ? v[Number(str(k))] : typeof v === 'string' ? String(v.charCodeAt(Number(str(k)))) : undefined;
    return v;
  },
  len: (a) => String(Array.isArray(a[0]) ? a[0].length : Buffer.byteLength(str(a[0] ?? ''))),
  urlquery: (a) => encodeURIComponent(goPrint(a)).replace(/%20/g, '+'),
  html: (a) => goPrint(a).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
  js: (a) => JSON.stringify(goPrint(a)).slice(1, -1),
  toJson: (a) => JSON.stringify(a[0] ?? ''),
  toRawJson: (a) => JSON.stringify(a[0] ?? ''),
  empty: (a) => String(a[0] === undefined || empty(a[0])),
  not: (a) => String(a[0] === undefined || empty(a[0])),
  and: (a) => a.find((v) => empty(v)) ?? last(a) ?? '',
  or: (a) => a.find((v) => !empty(v)) ?? last(a) ?? '',
  eq: (a) => String(a.slice(1).some((v) => str(v) === str(a[0] ?? ''))),
  ne: (a) => String(str(a[0] ?? '') !== str(a[1] ?? '')),
  contains: (a) => String(str(a[1] ?? '').includes(str(a[0] ?? ''))),
  hasPrefix: (a) => String(str(a[1] ?? '').startsWith(str(a[0] ?? ''))),
  sha256sum: (a) => createHash('sha256').update(str(a[0] ?? '')).digest('hex'),
  sha1sum: (a) => createHash('sha1').update(str(a[0] ?? '')).digest('hex'),
  hasSuffix: (a) => String(str(a[1] ?? '').endsWith(str(a[0] ?? ''))),
} satisfies Record<string, Fn>));

function trimSet(s: string, cutset: string, left: boolean, right: boolean): string {
  const set = new Set(cutset);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (left && a < b && set.has(chars[a] ?? '')) a++;
  while (right && b > a && set.has(chars[b - 1] ?? '')) b--;
  return chars.slice(a, b).join('');
}

/**
 * A function applied to values: evaluated when every argument is known;
 * unknown when one comes from the store; unevaluable when the gate does not
 * implement it and every argument is a literal.
 */
function call(name: string, args: readonly Value[]): { value: Value } | { unevaluable: string } {
  // The store's value may be empty: take the literal fallback (sprig: default FALLBACK VALUE).
  if (name === 'default') {
    const [fallback, given] = [args[0], args[1]];
    if (given !== undefined && isKnown(given) && !empty(given)) return { value: given };
    return { value: fallback ?? '' };
  }
  if (name === 'coalesce') {
    const known = args.find((v) => isKnown(v) && !empty(v));
    return { value: known ?? (args.some((v) => v === UNKNOWN) ? UNKNOWN : '') };
  }
  if (name === 'ternary') {
    const [a, b, cond] = args;
    if (cond !== undefined && isKnown(cond)) return { value: (empty(cond) ? b : a) ?? '' };
    // Either branch may be written: both, apart.
    return { value: `${str(a ?? '')}\u0000${str(b ?? '')}` };
  }
  if (VOLATILE.has(name) || !args.every(isKnown)) return { value: UNKNOWN };
  const fn = FUNCTIONS.get(name);
  if (fn === undefined) return { unevaluable: `${name} on literals (a function the gate does not evaluate)` };
  const value = fn(args as Array<string | Value[]>);
  if (value === undefined) return { unevaluable: `${name} on literals it cannot evaluate` };
  return { value };
}
