/** Recording which kustomization line set a field (for findings' source locations). */
import type { FieldEdit, Resource } from './resource.js';

export interface EditSource {
  readonly file: string;
  readonly line: number | undefined;
  readonly by: string;
}

/**
 * Records the edits of one source. Edits are read-only, so every resource
 * edited at the same pointer shares one object: many resources, few allocations.
 */
export class EditRecorder {
  private readonly byPointer = new Map<string, FieldEdit>();

  constructor(private readonly source: EditSource) {}

  editAt(pointer: string): FieldEdit {
    let edit = this.byPointer.get(pointer);
    if (edit === undefined) {
      edit = { pointer, file: this.source.file, line: this.source.line, by: this.source.by };
      this.byPointer.set(pointer, edit);
    }
    return edit;
  }

  record(resource: Resource, pointer: string): void {
    resource.edits.push(this.editAt(pointer));
  }
}
