/**
 * Workload selectors a layer above their source rewrote (ST2-REP-031). The
 * selector of a Deployment, StatefulSet, DaemonSet or ReplicaSet is immutable
 * once applied, so a base's workload must keep the selector the base renders:
 * commonLabels, labels with includeSelectors or a patch from an including
 * overlay (a kustomization outside the directory tree of the file the
 * workload was read from) makes the API server refuse it. Read from the
 * render's own edit records: no second render of the base.
 */
import { kindOf } from '../core/manifest.js';
import type { RenderedResource } from '../render/index.js';

export interface SelectorEdit {
  readonly resource: number;
  /** What rewrote it and where (`commonLabels at overlays/x/kustomization.yaml:5`). */
  readonly by: string;
}

const KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

const dirOf = (file: string): string => {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '.' : file.slice(0, slash);
};

/** Whether `dir` is `ancestor` or lies below it. */
const within = (dir: string, ancestor: string): boolean => ancestor === '.' || dir === ancestor || dir.startsWith(`${ancestor}/`);

export function collectSelectorEdits(resources: readonly RenderedResource[]): SelectorEdit[] {
  const out: SelectorEdit[] = [];
  resources.forEach((r, index) => {
    if (r.edits.length === 0 || !KINDS.has(kindOf(r.manifest))) return;
    const home = dirOf(r.file);
    const edit = r.edits.find((e) => (e.pointer === '/spec/selector' || e.pointer.startsWith('/spec/selector/')) && !within(home, dirOf(e.file)));
    if (edit) out.push({ resource: index, by: `${edit.by} at ${edit.file}${edit.line === undefined ? '' : `:${edit.line}`}` });
  });
  return out;
}
