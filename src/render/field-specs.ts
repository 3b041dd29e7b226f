/**
 * kustomize "field specs": where a transformer writes, per kind. A path walks
 * mappings by key and fans out over every element of a list it meets;
 * `create` makes missing mappings on the way.
 */
import { groupVersionOf, isJsonObject, kindOf, type JsonObject, type Manifest } from '../core/manifest.js';
import { pointerSegment } from './resource.js';

/**
 * kustomize's field-spec walk fans out over any sequence it meets and fails on
 * a scalar (an empty string too) where the path goes on: "expected sequence or
 * mapping node". Null and missing fields end the walk quietly.
 */
export class FieldSpecScalarError extends Error {
  constructor(readonly path: string) {
    super(`considering field '${path}': expected sequence or mapping node`);
    this.name = 'FieldSpecScalarError';
  }
}

function isScalar(value: unknown): boolean {
  return value !== null && value !== undefined && typeof value !== 'object';
}

/** Whether walking `path` (slash-separated, `[]` ignored) through the manifest meets a scalar before its end. */
export function meetsScalar(node: unknown, segments: readonly string[], depth = 0): boolean {
  if (depth === segments.length || node === null || node === undefined) return false;
  if (Array.isArray(node)) return node.some((item) => meetsScalar(item, segments, depth));
  if (!isJsonObject(node)) return true;
  // `containers[]` names the key `containers` (a list marker, not part of the key).
  const segment = segments[depth] as string;
  return meetsScalar(node[segment.endsWith('[]') ? segment.slice(0, -2) : segment], segments, depth + 1);
}

export interface FieldSpec {
  /** Only these kinds (any group unless `group` is set); undefined = every kind. */
  readonly kind?: string;
  readonly group?: string;
  readonly version?: string;
  /** Slash-separated path to the mapping to edit, e.g. `spec/selector/matchLabels`. */
  readonly path: string;
  readonly create: boolean;
}

/** Receives a mapping a spec reached, its JSON pointer, and the context given to forEachTarget. */
export type FieldSpecVisitor<C> = (target: JsonObject, pointer: string, context: C) => void;

interface Segment {
  readonly key: string;
  /** Written `key[]`: only a list is followed. */
  readonly isList: boolean;
  /** `/key`, escaped. */
  readonly pointerPart: string;
}

interface CompiledSpec {
  readonly spec: FieldSpec;
  readonly segments: readonly Segment[];
  /** The pointer at each depth while no list was crossed, built once for every resource. */
  readonly pointers: readonly string[];
}

function compile(spec: FieldSpec): CompiledSpec {
  const segments = spec.path.split('/').map((raw): Segment => {
    const isList = raw.endsWith('[]');
    const key = isList ? raw.slice(0, -2) : raw;
    return { key, isList, pointerPart: `/${pointerSegment(key)}` };
  });
  let pointer = '';
  const pointers = [pointer];
  for (const segment of segments) {
    pointer += segment.pointerPart;
    pointers.push(pointer);
  }
  return { spec, segments, pointers };
}

/** Specs applied together, in order; each resource only meets the specs of its kind. */
export class FieldSpecSet {
  private readonly specs: readonly CompiledSpec[];
  private readonly byKind = new Map<string, readonly CompiledSpec[]>();

  constructor(specs: readonly FieldSpec[]) {
    this.specs = specs.map(compile);
  }

  /**
   * Calls `visit` with every mapping the specs reach in the manifest. The
   * specs only write inside the mappings they reach, so the manifest's kind
   * and apiVersion are read once.
   */
  forEachTarget<C>(manifest: Manifest, visit: FieldSpecVisitor<C>, context: C): void {
    let groupVersion: { group: string; version: string } | undefined;
    for (const compiled of this.specsOfKind(kindOf(manifest))) {
      const { group, version } = compiled.spec;
      if (group !== undefined || version !== undefined) {
        groupVersion ??= groupVersionOf(manifest);
        if (group !== undefined && groupVersion.group !== group) continue;
        if (version !== undefined && groupVersion.version !== version) continue;
      }
      walk(manifest, compiled, 0, '', false, visit, context);
    }
  }

  private specsOfKind(kind: string): readonly CompiledSpec[] {
    let specs = this.byKind.get(kind);
    if (specs === undefined) {
      specs = this.specs.filter((compiled) => compiled.spec.kind === undefined || compiled.spec.kind === kind);
      this.byKind.set(kind, specs);
    }
    return specs;
  }
}

function walk<C>(
  node: JsonObject,
  compiled: CompiledSpec,
  depth: number,
  pointer: string,
  crossedList: boolean,
  visit: FieldSpecVisitor<C>,
  context: C,
): void {
  const segment = compiled.segments[depth];
  if (segment === undefined) {
    visit(node, pointer, context);
    return;
  }
  let child = node[segment.key];
  if (Array.isArray(child)) {
    const listPointer = `${pointer}${segment.pointerPart}`;
    for (let i = 0; i < child.length; i++) {
      const item: unknown = child[i];
      if (isJsonObject(item)) walk(item, compiled, depth + 1, `${listPointer}/${i}`, true, visit, context);
      else if (isScalar(item) && depth + 1 < compiled.segments.length) throw new FieldSpecScalarError(compiled.spec.path);
    }
    return;
  }
  if (segment.isList) return;
  if (child === undefined || child === null) {
    if (!compiled.spec.create) return;
    child = {};
    node[segment.key] = child;
  }
  if (!isJsonObject(child)) {
    if (isScalar(child) && depth + 1 < compiled.segments.length) throw new FieldSpecScalarError(compiled.spec.path);
    return;
  }
  const childPointer = crossedList ? `${pointer}${segment.pointerPart}` : (compiled.pointers[depth + 1] ?? '');
  walk(child, compiled, depth + 1, childPointer, crossedList, visit, context);
}
