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
import { MAX_OUTPUT, UNKNOWN, call, render, type Value } from './go-template-functions.js';

export interface TemplateResult {
  /** The text written, unknown values as NUL. */
  readonly text: string;
  /** Why a literal-only computation could not be evaluated; undefined when everything was. */
  readonly unevaluable?: string;
}

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

