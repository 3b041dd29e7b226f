/**
 * Where a field's value was written: the patch op or kustomization entry
 * that last set it, else its line in the base file. Base files are re-read
 * for positions only when a finding points into them, and then only the
 * document the finding's resource came from, with the reader that produced
 * the rendered values, so lines cannot disagree with them.
 */
import { FilePositions } from '../core/yaml-positions.js';
import type { FileReader } from '../io/file-system.js';
import type { RenderedResource } from '../render/index.js';
import type { SourceLocation } from './types.js';

function pointerOf(path: ReadonlyArray<string | number>): string {
  return path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

export class SourceLocator {
  private readonly positions = new Map<string, FilePositions | undefined>();

  constructor(private readonly fs: FileReader) {}

  locate(resource: RenderedResource, path: ReadonlyArray<string | number>): SourceLocation {
    const pointer = pointerOf(path);
    for (let i = resource.edits.length - 1; i >= 0; i--) {
      const edit = resource.edits[i];
      if (edit && (pointer === edit.pointer || pointer.startsWith(`${edit.pointer}/`))) return { file: edit.file, line: edit.line };
    }
    let line: number | undefined;
    try {
      line = this.positionsOf(resource.file)?.lineOf(resource.document, path);
    } catch {
      line = undefined; // the render already read it; a failure here only costs the line
    }
    return { file: resource.file, line };
  }

  private positionsOf(file: string): FilePositions | undefined {
    if (!this.positions.has(file)) {
      let positions: FilePositions | undefined;
      try {
        positions = new FilePositions(this.fs.read(file));
      } catch {
        positions = undefined;
      }
      this.positions.set(file, positions);
    }
    return this.positions.get(file);
  }
}
