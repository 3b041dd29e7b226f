/**
 * Where a field's value was written: the patch op or kustomization entry
 * that last set it, else its line in the base file. Base files are re-read
 * for positions only when a finding points into them, and then only the
 * document the finding's resource came from, with the reader that produced
 * the rendered values, so lines cannot disagree with them.
 */
import { positionsOfDocument, type DocumentPositions } from '../core/yaml-positions.js';
import type { FileReader } from '../io/file-system.js';
import type { RenderedResource } from '../render/index.js';
import type { SourceLocation } from './types.js';

function pointerOf(path: ReadonlyArray<string | number>): string {
  return path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

export class SourceLocator {
  private readonly texts = new Map<string, string | undefined>();
  private readonly documents = new Map<string, DocumentPositions | undefined>();

  constructor(private readonly fs: FileReader) {}

  locate(resource: RenderedResource, path: ReadonlyArray<string | number>): SourceLocation {
    const pointer = pointerOf(path);
    for (let i = resource.edits.length - 1; i >= 0; i--) {
      const edit = resource.edits[i];
      if (edit && (pointer === edit.pointer || pointer.startsWith(`${edit.pointer}/`))) return { file: edit.file, line: edit.line };
    }
    return { file: resource.file, line: this.positionsOf(resource.file, resource.document)?.lineOf(path) };
  }

  private positionsOf(file: string, document: number): DocumentPositions | undefined {
    const key = `${document}\0${file}`;
    if (!this.documents.has(key)) {
      const text = this.textOf(file);
      let positions: DocumentPositions | undefined;
      try {
        positions = text === undefined ? undefined : positionsOfDocument(text, document);
      } catch {
        positions = undefined; // the render already read it; a failure here only costs the line
      }
      this.documents.set(key, positions);
    }
    return this.documents.get(key);
  }

  private textOf(file: string): string | undefined {
    if (!this.texts.has(file)) {
      let text: string | undefined;
      try {
        text = this.fs.read(file);
      } catch {
        text = undefined;
      }
      this.texts.set(file, text);
    }
    return this.texts.get(file);
  }
}
