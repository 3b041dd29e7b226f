/**
 * The `patches` field: RFC 6902 JSON patches and strategic-merge patches,
 * inline or from a file, in list order. A JSON patch applies to every
 * resource its target selects; a strategic-merge patch the same with a
 * target, else to the resource each document names (strategic-merge-patches.ts).
 */
import { RenderError } from '../core/errors.js';
import { isJsonObject } from '../core/manifest.js';
import { describeId, idOf } from '../core/resource-id.js';
import { chargePatchGrowth } from '../core/render-budget.js';
import { parseYamlFile, readYamlFile } from '../core/yaml-read.js';
import type { FileReader } from '../io/file-system.js';
import { applyPatchOp, PatchOpFailure, toPatchOp, type PatchOp } from './json-patch.js';
import type { KustomizationFile } from './kustomization-file.js';
import type { Patch } from './kustomization.generated.js';
import { beginJsonPatch, endJsonPatch } from './build-annotations.js';
import { compileTarget } from './patch-target.js';
import { readFileInside } from './restricted-files.js';
import { dropBigIntPrecision, type FieldEdit, type Resource } from './resource.js';
import { applySmpDocument, findPatchTarget, readSmpDocuments, sourceTextReader, type SmpDocument, type SourceText } from './strategic-merge-patches.js';

/** A parsed patch: its operations (or strategic-merge documents) and where they were written. */
interface LoadedPatch {
  readonly file: string;
  /** Set when the text reads as strategic-merge documents. */
  readonly smp?: readonly SmpDocument[];
  readonly ops: readonly PatchOp[];
  /**
   * An operation json-patch only judges when it applies (unknown op, no path…):
   * kustomize fails on it only when the target selects a resource.
   */
  readonly invalid?: { readonly index: number; readonly reason: string; readonly line: number | undefined };
}

/**
 * `patches` (PatchTransformer) or the deprecated `patchesJson6902`
 * (PatchJson6902Transformer, which needs a target name and does not store the
 * resource's id first, so it sees kustomize's internal annotations only when
 * an earlier transformer stored them).
 */
export function applyPatches(
  fs: FileReader,
  kfile: KustomizationFile,
  resources: Resource[],
  notices: string[],
  field: 'patches' | 'patchesJson6902' = 'patches',
  afterEach?: () => void,
): void {
  const entries = (field === 'patches' ? kfile.kustomization.patches : kfile.kustomization.patchesJson6902) ?? [];
  const applyEntry = (entry: Patch, index: number): void => {
    const entryLine = kfile.lines.get(entry);
    const where = { file: kfile.file, ...(entryLine ? { line: entryLine } : {}) };
    const hasPath = typeof entry.path === 'string';
    const hasInline = typeof entry.patch === 'string';
    if (hasPath === hasInline) {
      throw new RenderError('patch-shape', `${field}[${index}] needs exactly one of 'path' or 'patch'`, where);
    }
    if (field === 'patchesJson6902' && (entry.target?.name ?? '') === '') {
      throw new RenderError('patch-no-target', `${field}[${index}]: must specify the target name`, where);
    }
    const patch = loadPatch(fs, kfile, entry, entryLine, field === 'patches');
    if (patch.smp !== undefined) {
      if (field === 'patchesJson6902') {
        throw new RenderError('patch-not-json6902', `${field}[${index}] is a strategic-merge patch; list it under patches`, where);
      }
      applyStrategicMerge(entry, patch.smp, resources, notices, `${field}[${index}]`, where, sourceTextReader(fs));
      return;
    }
    if (entry.options !== undefined) {
      throw new RenderError('patch-options', `${field}[${index}].options apply to strategic-merge patches only; this is a JSON patch`, where);
    }
    if (!entry.target) {
      throw new RenderError('patch-no-target', `${field}[${index}]: a JSON patch needs a 'target' selecting the resources to patch`, where);
    }
    let select;
    try {
      select = compileTarget(entry.target);
    } catch (error) {
      throw new RenderError('patch-target', `${field}[${index}].target: ${error instanceof Error ? error.message : String(error)}`, where);
    }
    const selected = resources.filter(select);
    if (selected.length === 0) {
      // kustomize skips such a patch silently; we say so on stderr, output unchanged.
      notices.push(`${where.file}${entryLine ? `:${entryLine}` : ''}: ${field}[${index}] target matches no resource; the patch was not applied`);
      return;
    }
    if (patch.invalid !== undefined) {
      const { index: opIndex, reason, line } = patch.invalid;
      throw new RenderError('patch-op-invalid', `patch op ${opIndex + 1}: ${reason}`, { file: patch.file, ...(line ? { line } : {}) });
    }
    const edits = patch.ops.map((op) => editOf(op, op.path, patch.file));
    for (const resource of selected) applyOps(resource, patch, edits, field === 'patches');
  };
  // Each entry is one kustomize transformer; `afterEach` runs what kustomize does between them.
  entries.forEach((entry, index) => {
    applyEntry(entry, index);
    afterEach?.();
  });
}

/** A strategic-merge entry of `patches`: by target, or each document by the id it names. */
function applyStrategicMerge(
  entry: Patch,
  docs: readonly SmpDocument[],
  resources: Resource[],
  notices: string[],
  label: string,
  where: { file: string; line?: number },
  source: SourceText,
): void {
  const options = { allowNameChange: entry.options?.allowNameChange === true, allowKindChange: entry.options?.allowKindChange === true };
  if (entry.target === undefined) {
    for (const doc of docs) {
      const resource = findPatchTarget(resources, doc);
      // A deleted resource keeps no node in kustomize: it is printed and selected no more.
      if (!applySmpDocument(resource, doc, options, false, source)) resources.splice(resources.indexOf(resource), 1);
    }
    return;
  }
  if (docs.length > 1) {
    throw new RenderError('smp-target-multi', `${label}: a strategic-merge patch with a target must hold one document, not ${docs.length}; kustomize refuses several`, where);
  }
  let select;
  try {
    select = compileTarget(entry.target);
  } catch (error) {
    throw new RenderError('patch-target', `${label}.target: ${error instanceof Error ? error.message : String(error)}`, where);
  }
  const selected = new Set(resources.filter(select));
  if (selected.size === 0) {
    notices.push(`${where.file}${where.line ? `:${where.line}` : ''}: ${label} target matches no resource; the patch was not applied`);
    return;
  }
  applyToSelected(resources, selected, docs[0] as SmpDocument, options, source);
}

/** resWrangler.ApplySmPatch: the patch on each selected resource, in list order; deleted ones leave the list. */
export function applyToSelected(
  resources: Resource[],
  selected: ReadonlySet<Resource>,
  doc: SmpDocument,
  options: { allowNameChange: boolean; allowKindChange: boolean },
  source: SourceText,
): void {
  const kept = resources.filter((resource) => !selected.has(resource) || applySmpDocument(resource, doc, options, true, source));
  if (kept.length !== resources.length) resources.splice(0, resources.length, ...kept);
}

/** The edit an op records; one object serves every target where it changed `op.path` itself. */
function editOf(op: PatchOp, pointer: string, file: string): FieldEdit {
  return { pointer, file, line: op.line, by: `patch op ${op.op}` };
}

function applyOps(resource: Resource, patch: LoadedPatch, edits: readonly FieldEdit[], storeId: boolean): void {
  dropBigIntPrecision(resource);
  beginJsonPatch(resource, storeId);
  for (let i = 0; i < patch.ops.length; i++) {
    const op = patch.ops[i] as PatchOp;
    let pointer: string;
    try {
      pointer = applyPatchOp(resource.manifest, op, (added) => chargePatchGrowth(patch.file, added));
    } catch (error) {
      if (!(error instanceof PatchOpFailure)) throw error;
      throw new RenderError(
        'patch-op-failed',
        `patch op ${i + 1} (${op.op} ${op.path}) failed on ${describeId(idOf(resource.manifest))}: ${error.reason}`,
        { file: patch.file, ...(op.line ? { line: op.line } : {}) },
        { cause: error },
      );
    }
    const edit = edits[i];
    resource.edits.push(edit !== undefined && edit.pointer === pointer ? edit : editOf(op, pointer, patch.file));
    if (op.op === 'move' && op.from !== undefined) resource.edits.push(editOf(op, op.from, patch.file));
  }
  endJsonPatch(resource);
  // kustomize re-reads the id after a patch and refuses an object without a kind or a name.
  const metadata = resource.manifest['metadata'];
  const name = isJsonObject(metadata) ? metadata['name'] : undefined;
  const kind = resource.manifest['kind'];
  // kyaml reads a scalar's text: a mapping or a list there is no name at all.
  const absent = (v: unknown): boolean => v === undefined || v === null || v === '' || typeof v === 'object';
  const missing = absent(kind) ? 'kind' : absent(name) ? 'metadata.name' : undefined;
  if (missing !== undefined) {
    throw new RenderError('patch-removes-id', `the patch leaves ${resource.originalName} without ${missing}; kustomize refuses an object without it`, { file: patch.file });
  }
}

/** `patches` text is trimmed (PatchTransformer), `patchesJson6902` text is not: a final block scalar keeps its break. */
function loadPatch(fs: FileReader, kfile: KustomizationFile, entry: Patch, entryLine: number | undefined, trim: boolean): LoadedPatch {
  if (typeof entry.path === 'string') {
    const file = readFileInside(fs, kfile, entry.path, 'patch');
    const text = readYamlFile(fs, file);
    return { file, ...parseOps(file, text, 0) };
  }
  const text = trim ? (entry.patch ?? '').trim() : (entry.patch ?? '');
  return { file: kfile.file, ...parseOps(kfile.file, text, inlineOffset(kfile.text, entryLine)) };
}

/** Lines before an inline patch's text starts, found from its entry in the kustomization. */
function inlineOffset(text: string, entryLine: number | undefined): number {
  if (entryLine === undefined) return 0;
  const lines = text.split('\n');
  for (let i = entryLine - 1; i < lines.length; i++) {
    const m = /^\s*(?:-\s+)?patch:\s*(.*)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const rest = (m[1] ?? '').trim();
    // A block scalar starts on the next line; a flow or quoted value on this one.
    return /^[|>][-+0-9]*\s*(#.*)?$/.test(rest) ? i + 1 : i;
  }
  return 0;
}

function parseOps(file: string, text: string, lineOffset: number): Pick<LoadedPatch, 'ops' | 'invalid' | 'smp'> {
  const where = (line?: number) => ({ file, ...(line ? { line: line + lineOffset } : {}) });
  if (text.trim() === '' || text.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('#'))) {
    throw new RenderError('patch-empty', 'patch is empty; write a list of RFC 6902 operations', where());
  }
  const parsed = parseYamlFile(file, text, { flavor: 'patch', trackLines: true });
  const docs = parsed.documents.filter((d) => d.value !== null && d.value !== undefined);
  const first = docs[0]?.value;
  if (docs.length === 1 && Array.isArray(first) && first.length === 0) {
    // kustomize reads `[]` as zero strategic-merge documents and as a JSON patch: it refuses both readings.
    throw new RenderError('patch-ambiguous', 'patch [] holds no operation; kustomize refuses it as both a strategic-merge and a JSON patch', where(1));
  }
  if (docs.length === 1 && Array.isArray(first)) {
    const ops: PatchOp[] = [];
    for (let i = 0; i < first.length; i++) {
      const raw: unknown = first[i];
      const line = isJsonObject(raw) ? parsed.lines.get(raw) : undefined;
      const op = toPatchOp(raw, line === undefined ? undefined : line + lineOffset);
      if (typeof op !== 'string') {
        ops.push(op);
        continue;
      }
      // Decoding needs a list of mappings; the rest is judged when the patch applies.
      if (!isJsonObject(raw)) throw new RenderError('patch-op-invalid', `patch op ${i + 1}: ${op}`, where(line));
      return { ops, invalid: { index: i, reason: op, line: line === undefined ? undefined : line + lineOffset } };
    }
    return { ops };
  }
  const smp = readSmpDocuments(file, text, lineOffset);
  if (smp !== undefined) return { ops: [], smp };
  const looksStrategic = docs.every((d) => isJsonObject(d.value) && 'kind' in d.value);
  throw new RenderError(
    looksStrategic ? 'patch-strategic-merge' : 'patch-not-json6902',
    looksStrategic
      ? 'patch is neither a strategic-merge patch (every document needs kind and metadata.name) nor an RFC 6902 JSON patch'
      : 'patch is not an RFC 6902 JSON patch: expected one list of operations (op, path, value)',
    where(1),
  );
}
