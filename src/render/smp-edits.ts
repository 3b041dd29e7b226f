/**
 * Source positions for fields a strategic-merge patch set: each field the
 * patch names gets an edit pointing at the patch's line for its key, so a
 * policy finding on it points into the patch file (as JSON-patch ops do).
 * List elements are followed to the merged element they became.
 */
import { isJsonObject } from '../core/manifest.js';
import type { FieldEdit, Resource } from './resource.js';
import { pointerSegment } from './resource.js';
import type { SmpDocument } from './strategic-merge-patches.js';

const BY = 'strategic-merge patch';

export function recordMergeEdits(resource: Resource, doc: SmpDocument): void {
  const edits: FieldEdit[] = [];
  visit(doc, doc.patch, resource.manifest, '', doc.line, edits);
  resource.edits.push(...edits);
}

function visit(doc: SmpDocument, patch: unknown, result: unknown, pointer: string, line: number | undefined, out: FieldEdit[]): void {
  if (isJsonObject(patch)) {
    const start = lineOf(doc, patch) ?? line;
    for (const [key, value] of Object.entries(patch)) {
      if (key === '$patch') continue;
      const at = `${pointer}/${pointerSegment(key)}`;
      const keyLine = findKeyLine(doc, start, key) ?? start;
      const merged = isJsonObject(result) && Object.hasOwn(result, key) ? result[key] : undefined;
      if (isJsonObject(value) && isJsonObject(merged)) visit(doc, value, merged, at, keyLine, out);
      else if (Array.isArray(value) && Array.isArray(merged)) visitList(doc, value, merged, at, keyLine, out);
      else out.push({ pointer: at, file: doc.file, line: keyLine, by: BY });
    }
    return;
  }
  out.push({ pointer, file: doc.file, line, by: BY });
}

function visitList(doc: SmpDocument, patch: readonly unknown[], result: readonly unknown[], pointer: string, line: number | undefined, out: FieldEdit[]): void {
  let followed = false;
  for (const element of patch) {
    if (!isJsonObject(element)) continue;
    const scalars = Object.entries(element).filter(([key, v]) => key !== '$patch' && v !== null && typeof v !== 'object');
    if (scalars.length === 0) continue;
    const index = result.findIndex((r) => isJsonObject(r) && scalars.every(([key, v]) => Object.is(r[key], v)));
    if (index < 0) continue;
    followed = true;
    visit(doc, element, result[index], `${pointer}/${index}`, lineOf(doc, element) ?? line, out);
  }
  if (!followed) out.push({ pointer, file: doc.file, line, by: BY });
}

function lineOf(doc: SmpDocument, node: object): number | undefined {
  const line = doc.lines.get(node);
  return line === undefined ? undefined : line + doc.lineOffset;
}

/** The line of `key:` at or after a mapping's first line (the reader records collections, not keys). */
function findKeyLine(doc: SmpDocument, from: number | undefined, key: string): number | undefined {
  if (from === undefined) return undefined;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*(?:-\\s+)*["']?${escaped}["']?\\s*:`);
  const lines = doc.textLines;
  for (let i = from - 1 - doc.lineOffset; i >= 0 && i < lines.length; i++) {
    if (re.test(lines[i] ?? '')) return i + 1 + doc.lineOffset;
  }
  return undefined;
}
