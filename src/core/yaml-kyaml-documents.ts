/**
 * How kyaml's ByteReader cuts a resource file into documents, applied to the
 * text before it is parsed (kyaml/kio/byteio_reader.go, splitDocuments):
 * - a separator is any line starting with `---` after a newline; anything
 *   but a comment after it is an error ("invalid document separator");
 * - each piece is decoded once, so only its first YAML document counts:
 *   whatever follows a `...` end marker inside a piece is ignored;
 * - a piece that starts with `...` has no document and fails to parse.
 * The ignored text is blanked (newlines kept) so line numbers still hold.
 */
import { RenderError } from './errors.js';

const SEPARATOR = /\n---[^\n]*\n/g;
const DOCUMENT_END = /^\.\.\.(?:[ \t][^\n]*)?$/;

export function kyamlDocumentView(file: string, text: string): string {
  if (!text.includes('\n---') && !text.includes('...')) return text;
  const pieces: Array<{ start: number; end: number }> = [];
  let prev = 0;
  for (const match of text.matchAll(SEPARATOR)) {
    const separator = match[0];
    const rest = separator.slice(4).trim();
    if (rest !== '' && !rest.startsWith('#')) {
      const line = lineAt(text, match.index + 1);
      throw new RenderError('yaml-syntax', `invalid document separator: ${separator.trim()}; put only a comment after ---`, { file, line });
    }
    pieces.push({ start: prev, end: match.index });
    prev = match.index + separator.length;
  }
  pieces.push({ start: prev, end: text.length });
  if (!text.includes('...')) return text;
  let out = '';
  let copied = 0;
  for (const { start, end } of pieces) {
    const cut = firstDocumentEnd(file, text, start, end);
    if (cut === undefined) continue;
    out += text.slice(copied, cut) + text.slice(cut, end).replace(/[^\n]/g, '');
    copied = end;
  }
  return out + text.slice(copied);
}

/** Where the ignored rest of a piece starts (after its first `...` line), if it has one. */
function firstDocumentEnd(file: string, text: string, start: number, end: number): number | undefined {
  let sawContent = false;
  let at = start;
  while (at < end) {
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const line = text.slice(at, lineEnd);
    if (DOCUMENT_END.test(line)) {
      if (!sawContent) throw new RenderError('yaml-syntax', "invalid YAML: '...' ends a document that has no content", { file, line: lineAt(text, at) });
      return lineEnd;
    }
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#') && !/^---(?:\s|$)/.test(line)) sawContent = true;
    at = lineEnd + 1;
  }
  return undefined;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
