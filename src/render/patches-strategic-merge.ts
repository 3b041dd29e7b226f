/**
 * The deprecated `patchesStrategicMerge` field (PatchStrategicMergeTransformer):
 * each entry is tried as inline patch text first, then as a file path; every
 * document of every entry, in order, applies to the one resource its id
 * names, the way a targeted patch does (the resource's apiVersion, and a
 * deleted resource leaves the build).
 */
import { RenderError } from '../core/errors.js';
import { readYamlFile } from '../core/yaml-read.js';
import type { FileReader } from '../io/file-system.js';
import { applyToSelected } from './apply-patches.js';
import type { KustomizationFile } from './kustomization-file.js';
import { readFileInside } from './restricted-files.js';
import type { Resource } from './resource.js';
import { findPatchTarget, readSmpDocuments, sourceTextReader, type SmpDocument } from './strategic-merge-patches.js';

export const PATCHES_STRATEGIC_MERGE_WARNING =
  "# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.";

export function applyPatchesStrategicMerge(fs: FileReader, kfile: KustomizationFile, resources: Resource[]): void {
  const entries = kfile.kustomization.patchesStrategicMerge ?? [];
  const docs: SmpDocument[] = [];
  entries.forEach((entry, index) => {
    const line = entryLine(kfile.text, index);
    const inline = readSmpDocuments(kfile.file, entry, line === undefined ? 0 : line - 1);
    if (inline !== undefined) {
      docs.push(...inline);
      return;
    }
    const file = readFileInside(fs, kfile, entry.trim(), 'patchesStrategicMerge file');
    const text = readYamlFile(fs, file);
    const fromFile = readSmpDocuments(file, text, 0);
    if (fromFile === undefined) {
      if (text.trim() === '' || text.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('#'))) return;
      throw new RenderError(
        'smp-invalid',
        `patchesStrategicMerge[${index}]: '${entry}' is not a strategic-merge patch: every document needs kind and metadata.name`,
        { file },
      );
    }
    docs.push(...fromFile);
  });
  if (entries.length > 0 && docs.length === 0) {
    const line = lineOf(kfile.text);
    throw new RenderError('smp-empty', 'patchesStrategicMerge: the patches are empty', { file: kfile.file, ...(line !== undefined ? { line } : {}) });
  }
  const options = { allowNameChange: false, allowKindChange: false };
  const source = sourceTextReader(fs);
  for (const doc of docs) {
    const target = findPatchTarget(resources, doc);
    applyToSelected(resources, new Set([target]), doc, options, source);
  }
}

function lineOf(text: string): number | undefined {
  const match = /^patchesStrategicMerge\s*:/m.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : undefined;
}

/** The line of the index-th item under `patchesStrategicMerge:` (block lists; else the field's line). */
function entryLine(text: string, index: number): number | undefined {
  const start = lineOf(text);
  if (start === undefined) return undefined;
  const lines = text.split('\n');
  let seen = -1;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (/^\S/.test(l)) break;
    if (/^\s*-(\s|$)/.test(l) && ++seen === index) return /^\s*-\s*[|>]/.test(l) ? i + 2 : i + 1;
  }
  return start;
}
