/**
 * Literal block scalars (`|`, `|-`, `|+`) for the fast block-YAML reader
 * (yaml-block-subset.ts), read from its line index: the scalar's lines are
 * every following line that is blank or indented past its owner. An
 * explicit indentation indicator, or blank lines the full reader would call
 * an error, make the reader decline the text.
 */
import type { LineIndex } from './yaml-block-subset-lines.js';
import { bail } from './yaml-block-subset-scalars.js';

/** The scalar, and the line after it. */
export interface LiteralRead {
  readonly value: string;
  readonly next: number;
}

/**
 * The literal block scalar whose `|` header runs from `start` to `end`, owned
 * by a collection at indent `owner`; its lines start at line `first` and
 * cannot go past `documentEnd`.
 */
export function readLiteral(text: string, lines: Pick<LineIndex, 'starts' | 'indents'>, start: number, end: number, owner: number, first: number, documentEnd: number): LiteralRead {
  const { starts, indents } = lines;
  const lineEnd = (line: number): number => (starts[line + 1] as number) - 1;
  // Only whitespace (indents are as written).
  const isBlank = (line: number): boolean => (starts[line] as number) + (indents[line] as number) === lineEnd(line);
  const m = LITERAL_HEADER.exec(text.slice(start, end));
  // An explicit indentation indicator is relative to the parent's indent: leave it to the full reader.
  if (!m || (m[1] !== '' && m[3] !== '') || m[2] !== '') return bail();
  const chomp = m[1] || m[3] || '';
  // The lines of the scalar: every following line that is blank or indented past the owner.
  const limit = Math.max(owner, -1);
  let last = first;
  let contentIndent = -1;
  for (; last < documentEnd; last++) {
    // The empty remainder after the file's final newline is not a line of the scalar.
    if ((starts[last] as number) >= text.length) break;
    if (isBlank(last)) continue;
    const indent = indents[last] as number;
    if (indent <= limit) break;
    if (contentIndent < 0) contentIndent = indent;
  }
  if (contentIndent < 0) contentIndent = owner + 1;
  // Leading blank lines longer than the content indent are an error; leave them to the full reader.
  for (let line = first; line < last && isBlank(line); line++) {
    if (lineEnd(line) - (starts[line] as number) > contentIndent) bail();
  }
  if (contentIndent <= owner) return bail();
  const texts: string[] = [];
  for (let line = first; line < last; line++) {
    const lineStart = starts[line] as number;
    if (isBlank(line) && lineEnd(line) - lineStart <= contentIndent) texts.push('');
    else if ((indents[line] as number) < contentIndent) return bail();
    else texts.push(text.slice(lineStart + contentIndent, lineEnd(line)));
  }
  // Trailing blank lines belong to chomping, not content.
  let kept = texts.length;
  while (kept > 0 && texts[kept - 1] === '') kept--;
  const body = (kept === texts.length ? texts : texts.slice(0, kept)).join('\n');
  const trailingBreaks = texts.length - kept;
  const value = chomp === '-' ? body : chomp === '+' ? (body === '' ? '\n'.repeat(trailingBreaks) : `${body}\n${'\n'.repeat(trailingBreaks)}`) : body === '' ? '' : `${body}\n`;
  return { value, next: last };
}

const LITERAL_HEADER = /^\|([+-]?)([1-9]?)([+-]?)\s*(#.*)?$/;
