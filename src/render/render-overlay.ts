/**
 * Renders an overlay directory into the manifest stream `kubectl kustomize`
 * would print, plus the environment it targets. Pure: all reading goes
 * through the injected FileReader.
 */
import { DEFAULT_BUDGETS, type Budgets } from '../core/budgets.js';
import { RenderError } from '../core/errors.js';
import { checkOutputSize, meterRender } from '../core/render-budget.js';
import { describeId, idOf } from '../core/resource-id.js';
import { isJsonObject, type Manifest } from '../core/manifest.js';
import { normalizeRelPath, PathEscapeError, type EntryKind, type FileReader } from '../io/file-system.js';
import { buildDirectory, ResourceList, type BuiltDirectory } from './accumulate.js';
import { finishAnnotations } from './build-annotations.js';
import { applyHashSuffixes } from './hash-suffix.js';
import { applyJsonHop } from './json-hop-strings.js';
import { sortLegacy } from './legacy-sort.js';
import { buildMetadataOf, checkOrigin, MANAGED_BY_LABEL, MANAGED_BY_VALUE, sortPlanOf, stripBuildMetadata } from './build-options.js';
import { lineOfKey } from './kustomization-file.js';
import { setPairs } from './transform-labels.js';
import type { FieldSpec } from './field-specs.js';
import { isLocalConfig, LOCAL_CONFIG_ANNOTATION } from './local-config.js';
import { fixServiceAccountSubjects } from './name-references.js';
import type { FieldEdit, Resource } from './resource.js';

/** A rendered resource with where it came from. */
export interface RenderedResource {
  readonly manifest: Manifest;
  /** The file and document it was first read from. */
  readonly file: string;
  readonly document: number;
  /** Transformer and patch edits, oldest first. */
  readonly edits: readonly FieldEdit[];
}

export interface RenderResult {
  /** The overlay rendered (repo-relative). */
  readonly overlay: string;
  /** `st2-gitops/environment` of the overlay, or inherited from its first base declaring one. */
  readonly environment: string | undefined;
  /** Every environment declared anywhere in the overlay's tree (bases, components): floors for the judged profile. */
  readonly declaredEnvironments: readonly string[];
  /** Resources in kustomize's output order (legacy unless the top kustomization's sortOptions says otherwise). */
  readonly resources: readonly RenderedResource[];
  /** Resources the build held but kustomize leaves out as local configuration (local-config.ts): never applied. */
  readonly localConfig: readonly Manifest[];
  /** Non-fatal notes (patch targets that matched nothing…), for stderr. */
  readonly notices: readonly string[];
}

const MANAGED_BY = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };
/** The LabelTransformer kustomizer.go runs for managedByLabel: metadata/labels only, created when absent. */
const MANAGED_BY_SPECS: readonly FieldSpec[] = [{ path: 'metadata/labels', create: true }];

/** kustomize rewrites metadata.annotations when it strips its internal ones; an empty or null map disappears. */
function dropEmptyAnnotations(manifest: Manifest): void {
  const metadata = manifest['metadata'];
  if (!isJsonObject(metadata)) return;
  const annotations = metadata['annotations'];
  if (annotations === null || (isJsonObject(annotations) && Object.keys(annotations).length === 0)) delete metadata['annotations'];
}

/**
 * Renders `overlay` under `budgets` (core/budgets.ts): every limit exceeded
 * is a BudgetError naming the file, the budget and its value.
 */
export function renderOverlay(fs: FileReader, overlay: string, budgets: Budgets = DEFAULT_BUDGETS): RenderResult {
  return meterRender(budgets, () => renderMetered(fs, overlay));
}

function renderMetered(fs: FileReader, overlay: string): RenderResult {
  const dir = normalizeRelPath(overlay);
  if (dir === undefined) {
    throw new RenderError('path-escape', `overlay '${overlay}' leaves the repository root; give a directory inside it`);
  }
  let kind: EntryKind;
  try {
    kind = fs.kind(dir);
  } catch (error) {
    if (error instanceof PathEscapeError) throw new RenderError('path-escape', `overlay '${overlay}' ${error.reason}`, { file: dir }, { cause: error });
    throw error;
  }
  if (kind === 'missing') {
    throw new RenderError('overlay-missing', `overlay '${overlay}' does not exist; list overlays with: ls overlays/`, { file: dir });
  }
  if (kind !== 'directory') {
    throw new RenderError('overlay-not-directory', `overlay '${overlay}' is a file; give its directory`, { file: dir });
  }
  const list = new ResourceList();
  const notices: string[] = [];
  const built = buildDirectory({ fs, stack: [], notices, built: new Map<string, BuiltDirectory>() }, dir, list, 'root');
  applyHashSuffixes(list.items);
  fixServiceAccountSubjects(list.items);
  // Only the top kustomization's sortOptions and buildMetadata count (kustomizer.go).
  const sortPlan = sortPlanOf(built.kfile);
  const metadata = buildMetadataOf(built.kfile);
  const kept: Resource[] = [];
  const localConfig: Manifest[] = [];
  const sizes: number[] = [];
  for (const r of list.items) {
    finishAnnotations(r);
    // Dropped only now, by its final annotations: until here it was built like any other resource.
    if (isLocalConfig(r.manifest)) {
      notices.push(`${describeId(idOf(r.manifest))} is annotated ${LOCAL_CONFIG_ANNOTATION} (not "false"): kustomize leaves it out of the output, so it is never applied`);
      localConfig.push(r.manifest);
      continue;
    }
    if (metadata.track) checkOrigin(r.manifest, () => describeId(idOf(r.manifest)), built.kfile);
    // kustomizer.go: the managed-by label after the sort (order does not depend on labels), then origins go unless asked for.
    if (metadata.managedByLabel) setPairs([r], MANAGED_BY, MANAGED_BY_SPECS, { file: built.kfile.file, line: lineOfKey(built.kfile.text, 'buildMetadata'), by: 'buildMetadata' });
    stripBuildMetadata(r.manifest, metadata.originAnnotations);
    // (An empty annotations map stays empty through the hop: it may go first.)
    dropEmptyAnnotations(r.manifest);
    sizes.push(applyJsonHop(r));
    kept.push(r);
  }
  checkOutputSize(kept, (i) => describeId(idOf((kept[i] as Resource).manifest)), sizes);
  const ordered = sortPlan.order === 'fifo' ? kept : sortLegacy(kept, sortPlan.lists);
  const resources = ordered.map((r) => ({ manifest: r.manifest, file: r.file, document: r.document, edits: r.edits }));
  return { overlay: dir, environment: built.environment, declaredEnvironments: built.declared, resources, localConfig, notices };
}
