/**
 * Writes the fuzzer's YAML trees as text, choosing layout at random:
 * sequences indented or not under their key, comments between entries and
 * after values, anchors on collections and aliases to them.
 *
 * Tree nodes: { map: [[key, node], ...] }, { seq: [node, ...] }, a leaf
 * ({ inline } or { header, lines }), or { alias: name }. A collection may
 * carry `anchor`.
 */
import { comment } from './yaml-pieces.mjs';

export const map = (entries, extra = {}) => ({ map: entries.filter(Boolean), ...extra });
export const seq = (items, extra = {}) => ({ seq: items.filter(Boolean), ...extra });
export const plain = (text) => ({ inline: text });

export function writeDocument(rnd, node) {
  const out = [];
  const style = { seqIndent: rnd.chance(0.5), comments: rnd.chance(0.3) ? 0.15 : 0 };
  writeBody(rnd, style, node, 0, out);
  return out.join('\n') + '\n';
}

function isCollection(node) {
  return node.map !== undefined || node.seq !== undefined;
}

function isEmpty(node) {
  return (node.map !== undefined && node.map.length === 0) || (node.seq !== undefined && node.seq.length === 0);
}

function maybeComment(rnd, style, indent, out) {
  if (style.comments > 0 && rnd.chance(style.comments)) out.push(' '.repeat(indent) + comment(rnd));
}

/** Text after `key:` or `-` on the same line, plus lines below. */
function writeValue(rnd, style, node, indent, out, prefix) {
  const pad = ' '.repeat(indent);
  if (node.alias !== undefined) {
    out.push(`${prefix} *${node.alias}`);
    return;
  }
  const anchor = node.anchor ? ` &${node.anchor}` : '';
  if (node.header !== undefined) {
    out.push(`${prefix}${anchor} ${node.header}`);
    for (const line of node.lines) out.push(line === '' ? '' : `${pad}  ${line}`);
    return;
  }
  if (node.inline !== undefined) {
    const trailing = style.comments > 0 && rnd.chance(style.comments) && !node.inline.includes('\n') ? ' # trailing' : '';
    const text = node.inline.replace(/\n/g, `\n${pad}  `);
    out.push(`${prefix}${anchor}${text === '' ? '' : ` ${text}`}${trailing}`);
    return;
  }
  if (isEmpty(node)) {
    out.push(`${prefix}${anchor} ${node.map !== undefined ? '{}' : '[]'}`);
    return;
  }
  out.push(`${prefix}${anchor}`);
  const childIndent = node.seq !== undefined && !style.seqIndent && prefix.trimEnd().endsWith(':') ? indent : indent + 2;
  writeBody(rnd, style, node, childIndent, out);
}

function writeBody(rnd, style, node, indent, out) {
  const pad = ' '.repeat(indent);
  if (node.map !== undefined) {
    for (const [key, child] of node.map) {
      maybeComment(rnd, style, indent, out);
      writeValue(rnd, style, child, indent, out, `${pad}${key}:`);
    }
  } else if (node.seq !== undefined) {
    for (const child of node.seq) {
      maybeComment(rnd, style, indent, out);
      if (child.map !== undefined && child.map.length > 0 && !child.anchor) {
        // `- key: value` with the rest of the mapping aligned under the first key.
        const lines = [];
        writeBody(rnd, style, child, indent + 2, lines);
        const first = lines[0] ?? '';
        out.push(`${pad}- ${first.slice(indent + 2)}`, ...lines.slice(1));
      } else {
        writeValue(rnd, style, child, indent, out, `${pad}-`);
      }
    }
  } else {
    writeValue(rnd, style, node, indent, out, `${pad}`.slice(0, -1) || '');
  }
}

/** Joins documents into a stream with random markers, empty documents and `...` ends. */
export function writeStream(rnd, docs) {
  let text = rnd.chance(0.3) ? rnd.pick(['---\n', '--- # first\n', '# leading comment\n---\n']) : '';
  docs.forEach((doc, i) => {
    if (i > 0) {
      text += rnd.weighted([
        [10, '---\n'],
        [1, '...\n---\n'],
        [1, '---\n---\n'],
        [1, '--- # next\n'],
        [1, '---\n# only a comment\n---\n'],
      ]);
    }
    text += doc;
  });
  if (rnd.chance(0.1)) text += rnd.pick(['---\n', '...\n', '\n\n', '# end\n']);
  return text;
}

export { isCollection };
