/**
 * yaml.v3's escapes in double-quoted scalars differ from YAML 1.2's (which
 * the `yaml` package reads): it accepts `\'` (an apostrophe) and refuses `\/`,
 * surrogate code points and code points past U+10FFFF. The double-quoted tokens are found with the
 * `yaml` package's lexer; `\'` is rewritten to `'` before the readers run,
 * and the refused escapes are errors naming the line, as kustomize's are.
 */
import { Lexer } from 'yaml';
import { RenderError } from './errors.js';

/** Only texts with one of these can need the pass. */
const CANDIDATE = /\\['/]|\\u[dD][89a-fA-F]|\\U/;
/** The lexer's control tokens (DOCUMENT, FLOW_END, SCALAR), which are not source text. */
const CONTROL = new Set(['\x02', '\x18', '\x1f']);
const ESCAPE = /\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([^]))/g;

export function applyGoDoubleQuotedEscapes(file: string, text: string): string {
  if (!CANDIDATE.test(text)) return text;
  let offset = 0;
  const rewrites: number[] = [];
  for (const token of new Lexer().lex(text)) {
    if (token.length === 1 && CONTROL.has(token)) continue;
    if (token.startsWith('"')) checkToken(file, text, token, offset, rewrites);
    offset += token.length;
  }
  if (rewrites.length === 0) return text;
  let out = '';
  let copied = 0;
  for (const at of rewrites) {
    out += text.slice(copied, at);
    copied = at + 1;
  }
  return out + text.slice(copied);
}

function checkToken(file: string, text: string, token: string, offset: number, rewrites: number[]): void {
  for (const m of token.matchAll(ESCAPE)) {
    const fail = (what: string): never => {
      const line = text.slice(0, offset + m.index).split('\n').length;
      throw new RenderError('yaml-syntax', `invalid YAML: found ${what}`, { file, line });
    };
    if (m[3] === '/') fail('unknown escape character');
    if (m[3] === "'") rewrites.push(offset + m.index);
    const hex = m[1] ?? m[2];
    if (hex !== undefined) {
      const code = Number.parseInt(hex, 16);
      if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) fail('invalid Unicode character escape code');
    }
  }
}
