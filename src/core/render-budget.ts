/**
 * The budgets of the render in progress (issue 14). A render is synchronous
 * from start to end, so the one active meter is module state, set by
 * `meterRender` around it and read by the readers and patch code it calls;
 * outside a render (discovery reading a kustomization) only the per-file caps
 * apply. Each charge is O(1) or proportional to work the render does anyway.
 */
import { BudgetError, DEFAULT_BUDGETS, type Budgets } from './budgets.js';

export interface RenderMeter {
  readonly budgets: Budgets;
  /** YAML nodes read so far, aliases expanded. */
  yamlNodes: number;
  /** Nodes JSON-patch values and copies added so far. */
  patchGrowth: number;
  /** Kustomization directories visited so far (a reused build counts as a visit). */
  directories: number;
  /** Nodes `replacements` walked so far (path steps, list elements a `*` or `[k=v]` looked at). */
  replacementSteps: number;
}

let active: RenderMeter | undefined;

/** Runs `render` with a fresh meter; nested calls share the outer one. */
export function meterRender<T>(budgets: Budgets, render: () => T): T {
  if (active !== undefined) return render();
  active = { budgets, yamlNodes: 0, patchGrowth: 0, directories: 0, replacementSteps: 0 };
  try {
    return render();
  } finally {
    active = undefined;
  }
}

/** The budgets in force: the render's, or the defaults outside one. */
export function currentBudgets(): Budgets {
  return active?.budgets ?? DEFAULT_BUDGETS;
}

/**
 * Counts the nodes of `value` (every mapping, sequence and scalar; a shared
 * object counts each time it is reached, as when aliases are expanded) and
 * the deepest nesting, stopping as soon as `limit` nodes or `maxDepth` levels
 * are passed, so the count costs no more than the budget allows.
 */
export function measure(value: unknown, limit: number, maxDepth: number): { readonly nodes: number; readonly depth: number } {
  let nodes = 0;
  let deepest = 0;
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const node = values.pop();
    const depth = depths.pop() as number;
    if (++nodes > limit) return { nodes, depth: deepest };
    if (node === null || typeof node !== 'object') continue;
    if (depth > deepest) {
      deepest = depth;
      if (deepest > maxDepth) return { nodes, depth: deepest };
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        values.push(node[i]);
        depths.push(depth + 1);
      }
    } else {
      for (const key in node) {
        if (Object.hasOwn(node, key)) {
          values.push((node as Record<string, unknown>)[key]);
          depths.push(depth + 1);
        }
      }
    }
  }
  return { nodes, depth: deepest };
}

/** Charges the parsed documents of `file` to the render's YAML-node budget and checks their depth. */
export function chargeYaml(file: string, documents: readonly unknown[]): void {
  const budgets = currentBudgets();
  const meter = active;
  const remaining = meter === undefined ? budgets.maxYamlNodes : budgets.maxYamlNodes - meter.yamlNodes;
  let total = 0;
  for (const document of documents) {
    const { nodes, depth } = measure(document, remaining - total, budgets.maxDepth);
    if (depth > budgets.maxDepth) throw new BudgetError('maxDepth', budgets.maxDepth, `YAML nested more than ${budgets.maxDepth} levels deep`, file);
    total += nodes;
    if (total > remaining) {
      throw new BudgetError('maxYamlNodes', budgets.maxYamlNodes, `YAML expands to more nodes than the render may read (aliases expanded; ${meter === undefined ? 'this file' : 'this render, at this file'})`, file);
    }
  }
  if (meter !== undefined) meter.yamlNodes += total;
}

/**
 * chargeYaml for documents whose sizes the fast reader counted as it parsed
 * them (yaml-block-subset.ts, the same counts as `measure`): the same charge
 * without a second walk. Past a budget the walk charges them, so the error is
 * worded exactly as before.
 */
export function chargeCounted(file: string, documents: readonly unknown[], sizes: { readonly nodes: readonly number[]; readonly depths: readonly number[] }): void {
  const budgets = currentBudgets();
  const meter = active;
  const remaining = meter === undefined ? budgets.maxYamlNodes : budgets.maxYamlNodes - meter.yamlNodes;
  let total = 0;
  for (let i = 0; i < documents.length; i++) {
    const nodes = sizes.nodes[i];
    const depth = sizes.depths[i];
    total += nodes ?? Number.POSITIVE_INFINITY;
    if (depth === undefined || depth > budgets.maxDepth || total > remaining) {
      chargeYaml(file, documents);
      return;
    }
  }
  if (meter !== undefined) meter.yamlNodes += total;
}

/** Charges nodes a JSON-patch op adds to a resource (a value, or a copied subtree). */
export function chargePatchGrowth(file: string, added: unknown): void {
  const meter = active;
  const budgets = currentBudgets();
  const used = meter?.patchGrowth ?? 0;
  const { nodes, depth } = measure(added, budgets.maxPatchGrowth - used, budgets.maxDepth);
  if (depth > budgets.maxDepth) throw new BudgetError('maxDepth', budgets.maxDepth, `a JSON-patch value nested more than ${budgets.maxDepth} levels deep`, file);
  if (used + nodes > budgets.maxPatchGrowth) {
    throw new BudgetError('maxPatchGrowth', budgets.maxPatchGrowth, 'JSON-patch ops add more nodes than a render may grow by (a copy into itself doubles a document)', file);
  }
  if (meter !== undefined) meter.patchGrowth += nodes;
}

/**
 * Charges nodes a replacement copies into a target (its value, once per
 * field it lands in) to the same growth budget as JSON-patch values: a
 * replacement copying a resource's `spec` into itself doubles it each time.
 */
export function chargeReplacementCopy(file: string, added: unknown): void {
  const meter = active;
  const budgets = currentBudgets();
  const used = meter?.patchGrowth ?? 0;
  const { nodes, depth } = measure(added, budgets.maxPatchGrowth - used, budgets.maxDepth);
  if (depth > budgets.maxDepth) throw new BudgetError('maxDepth', budgets.maxDepth, `a replacement value nested more than ${budgets.maxDepth} levels deep`, file);
  if (used + nodes > budgets.maxPatchGrowth) {
    throw new BudgetError('maxPatchGrowth', budgets.maxPatchGrowth, 'replacements copy more nodes into targets than a render may grow by', file);
  }
  if (meter !== undefined) meter.patchGrowth += nodes;
}

/**
 * Charges the nodes a replacement's paths visit: bounded like reading, by
 * maxYamlNodes over the render, so many `*` paths over a long list (or many
 * replacements over many resources) stop instead of running for minutes.
 */
export function chargeReplacementSteps(file: string, steps: number): void {
  const meter = active;
  if (meter === undefined) return;
  meter.replacementSteps += steps;
  if (meter.replacementSteps > meter.budgets.maxYamlNodes) {
    throw new BudgetError('maxYamlNodes', meter.budgets.maxYamlNodes, 'replacements visit more nodes than a render may read', file);
  }
}

/** Counts one visit of a kustomization directory. */
export function chargeDirectory(file: string): void {
  const meter = active;
  if (meter === undefined) return;
  if (++meter.directories > meter.budgets.maxDirectories) {
    throw new BudgetError('maxDirectories', meter.budgets.maxDirectories, 'the kustomization tree visits more directories than a render may (bases listed again at every level?)', file);
  }
}

/** Checks the depth of the kustomization tree (resources and components inside each other). */
export function checkTreeDepth(file: string, depth: number): void {
  const budgets = currentBudgets();
  if (depth > budgets.maxDepth) throw new BudgetError('maxDepth', budgets.maxDepth, `kustomizations nested more than ${budgets.maxDepth} levels deep`, file);
}

/**
 * A lower bound of the bytes `value` prints as (keys and string values, plus
 * two bytes per node for indentation, `: ` and `- `), stopping past `limit`.
 */
export function estimateBytes(value: unknown, limit: number): number {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    bytes += 2;
    if (typeof node === 'string') bytes += node.length;
    else if (node !== null && typeof node === 'object') {
      if (Array.isArray(node)) for (let i = 0; i < node.length; i++) stack.push(node[i]);
      else
        for (const key in node) {
          if (Object.hasOwn(node, key)) {
            bytes += key.length;
            stack.push((node as Record<string, unknown>)[key]);
          }
        }
    } else bytes += 4;
    if (bytes > limit) return bytes;
  }
  return bytes;
}

/**
 * Checks each rendered resource, and their sum, against the output budgets
 * before anything is printed; `sizes` are their estimateBytes when a walk
 * over them counted those already.
 */
export function checkOutputSize(resources: readonly { readonly manifest: unknown; readonly file: string }[], describe: (index: number) => string, sizes?: readonly number[]): void {
  const budgets = currentBudgets();
  let total = 0;
  for (let i = 0; i < resources.length; i++) {
    const resource = resources[i] as { readonly manifest: unknown; readonly file: string };
    const bytes = sizes?.[i] ?? estimateBytes(resource.manifest, budgets.maxResourceBytes);
    if (bytes > budgets.maxResourceBytes) {
      throw new BudgetError('maxResourceBytes', budgets.maxResourceBytes, `${describe(i)} renders to more than ${budgets.maxResourceBytes} bytes`, resource.file);
    }
    total += bytes;
    if (total > budgets.maxOutputBytes) {
      throw new BudgetError('maxOutputBytes', budgets.maxOutputBytes, `the render is more than ${budgets.maxOutputBytes} bytes (at ${describe(i)})`, resource.file);
    }
  }
}

/** Checks the printed stream itself (the estimate above is a lower bound). */
export function checkPrintedSize(text: string, overlay: string, budgets: Budgets): void {
  if (text.length > budgets.maxOutputBytes) {
    throw new BudgetError('maxOutputBytes', budgets.maxOutputBytes, `the render prints ${text.length} characters`, overlay);
  }
}
