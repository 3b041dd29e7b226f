/**
 * kustomize's strategic merge: kyaml's merge2 visitor driven by its walker
 * (kyaml/yaml/merge2/merge2.go, kyaml/yaml/walk/*.go at v0.18.1), on parsed
 * values instead of yaml.Node trees. The whole resource is walked, not only
 * what the patch names:
 * - maps merge field by field; a patch `null` deletes; `$patch: replace`
 *   takes the patch's map, `$patch: delete` removes it;
 * - lists whose schema says `patchStrategy: merge` merge element-wise by
 *   their merge keys (the schema's list-map keys, else its merge key) or, for
 *   lists of scalars, by value; kustomize merges with kyaml's "prepend"
 *   option: the patch's elements come first, in patch order, then the rest;
 * - every other list (no schema, as for custom resources, or another
 *   strategy) is replaced by the patch's;
 * - a nested map with apiVersion and kind and no schema of its own gets its
 *   type's schema.
 */
import { RenderError } from '../core/errors.js';
import type { JsonObject } from '../core/manifest.js';
import { resolvePlainV3 } from '../core/yaml-scalars.js';
import type { DestStyles } from './smp-dest-styles.js';
import { takeDirective } from './smp-directives.js';
import { appendElements, findElement, setElement } from './smp-list-elements.js';
import { isEmptyMap, isMap, isMissingOrNull, keyText, kindOfNode, ownField, rawText, setOwn, wrongKind, type MergeWhere } from './smp-nodes.js';
import { elementSchema, fieldSchema, isAssociative, mergeKeys, schemaForType, type SmpSchema } from './smp-schema.js';

/**
 * Element-wise merging is quadratic in the list length (as in kyaml): a
 * longer list is refused instead of running for minutes. No real resource
 * comes near it.
 */
export const MAX_MERGED_LIST = 10_000;

/** A dest null kept because the patch has no value there (kyaml's persistent null node). */
const KEPT_NULL = Symbol('kept null');

type Walked = unknown;

/** What the merge does to existing fields, for values kustomize shares between places (shared-values.ts). */
export interface MergeObserver {
  /** An existing field got a new scalar in place (kyaml's SetYNode). */
  overwrote(obj: JsonObject, key: string, value: unknown): void;
  removed(obj: JsonObject, key: string): void;
}

/** Merges `patch` into `dest` (both changed in place); `undefined` when the patch deletes the whole value. */
export function strategicMerge(
  dest: JsonObject,
  patch: JsonObject,
  where: MergeWhere,
  observer?: MergeObserver,
  texts?: WeakMap<object, ReadonlyMap<string, string>>,
  styles?: DestStyles,
): JsonObject | undefined {
  const result = new Walker(where, observer, texts, styles).walk(dest, patch, undefined, []);
  return isMap(result) ? result : undefined;
}

class Walker {
  constructor(
    private readonly where: MergeWhere,
    private readonly observer: MergeObserver | undefined,
    /** Source texts of the patch's plain scalars, by the patch map holding them. */
    private readonly texts: WeakMap<object, ReadonlyMap<string, string>> | undefined,
    /** Quoted strings and empty nulls of the resource as read (smp-dest-styles.ts). */
    private readonly styles: DestStyles | undefined,
  ) {}

  walk(dest: unknown, origin: unknown, given: SmpSchema | undefined, path: readonly string[]): Walked {
    const schema = given ?? typeSchema(dest) ?? typeSchema(origin);
    const first = !isMissingOrNull(dest) ? dest : !isMissingOrNull(origin) ? origin : undefined;
    if (first === undefined) return this.walkMap(dest, origin, schema, path);
    const kind = kindOfNode(first);
    for (const source of [dest, origin]) {
      if (!isMissingOrNull(source) && kindOfNode(source) !== kind) throw wrongKind(this.where, path, kind, kindOfNode(source));
    }
    if (kind === 'map') return this.walkMap(dest, origin, schema, path);
    if (kind === 'seq') {
      if (isAssociative(schema)) return this.walkAssociative(dest, origin, schema, path);
      return origin !== undefined ? origin : dest;
    }
    return origin !== undefined ? origin : dest;
  }

  private visitMap(dest: unknown, origin: unknown, path: readonly string[]): Walked {
    if (isMissingOrNull(dest)) {
      let directive;
      try {
        directive = takeDirective(origin, this.where, path);
      } catch {
        // kyaml ignores a bad directive on a value being added.
        directive = undefined;
      }
      if (directive === 'delete') return undefined;
      if (origin === undefined && dest === null) return KEPT_NULL;
      return origin;
    }
    return this.visitExisting(dest, origin, path);
  }

  private walkMap(destIn: unknown, origin: unknown, schema: SmpSchema | undefined, path: readonly string[]): Walked {
    const dest = this.visitMap(destIn, origin, path);
    if (dest === undefined || !isMap(dest)) return dest;
    const names = new Set(Object.keys(dest));
    if (isMap(origin)) for (const key of Object.keys(origin)) names.add(key);
    for (const key of [...names].sort()) {
      const before = ownField(dest, key);
      let value = this.walk(before, ownField(origin, key), fieldSchema(schema, key), [...path, key]);
      // A null written as nothing (`key:`) has no text to keep: kyaml drops it.
      if (value === KEPT_NULL && this.styles?.get(dest)?.get(key) === 'empty') value = undefined;
      if (value === KEPT_NULL) setOwn(dest, key, null);
      else if (isMissingOrNull(value)) {
        if (Object.hasOwn(dest, key)) this.observer?.removed(dest, key);
        delete dest[key];
      } else {
        if (before !== undefined && value !== before && kindOfNode(value) === 'scalar') {
          const text = isMap(origin) && value === origin[key] ? this.texts?.get(origin)?.get(key) : undefined;
          value = keepDestStyle(before, value, text, this.styles?.get(dest)?.get(key) === 'quoted');
          this.observer?.overwrote(dest, key, value);
        }
        setOwn(dest, key, value);
      }
    }
    return dest;
  }

  private visitList(dest: unknown, origin: unknown, path: readonly string[]): Walked {
    if (isMissingOrNull(dest)) return origin;
    return this.visitExisting(dest, origin, path);
  }

  /** A patch value over an existing map or list: null or `$patch: delete` removes it, `$patch: replace` takes the patch's. */
  private visitExisting(dest: unknown, origin: unknown, path: readonly string[]): Walked {
    if (origin === null) return undefined;
    const directive = takeDirective(origin, this.where, path);
    if (directive === 'delete') return undefined;
    return directive === 'replace' ? origin : dest;
  }

  private walkAssociative(destIn: unknown, origin: unknown, schema: SmpSchema | undefined, path: readonly string[]): Walked {
    const dest = this.visitList(destIn, origin, path);
    if (!Array.isArray(dest)) return dest;
    const sources = [dest, origin];
    const length = dest.length + (Array.isArray(origin) ? origin.length : 0);
    if (length > MAX_MERGED_LIST) {
      throw new RenderError('smp-list-too-long', `strategic-merge patch: field ${path.join('.')} merges ${length} list elements; the limit is ${MAX_MERGED_LIST}`, this.where);
    }
    const keys = mergeKeys(schema);
    // Prepend: values are gathered from the patch first.
    const values = elementValues([origin, dest], keys);
    if (values.length > 0 || keys.length > 0) return this.setElements(values, keys, dest, sources, schema, path);
    return this.setElements(primitiveValues([origin, dest]), [''], dest, sources, schema, path);
  }

  private setElements(
    valuesList: string[][],
    keys: readonly string[],
    dest: unknown[],
    sources: readonly unknown[],
    schema: SmpSchema | undefined,
    path: readonly string[],
  ): unknown[] {
    const items: unknown[] = [];
    const itemSchema = elementSchema(schema);
    if (keys.length > 1) mergeValues(valuesList);
    let validKeys: readonly string[] = keys;
    for (const values of valuesList) {
      if (values.length === 0) continue;
      let validValues: readonly string[];
      [validKeys, validValues] = validateKeys(valuesList, values, keys);
      const [k, v] = validateKeys([validValues], validValues, validKeys);
      const [destItem, originItem] = sources.map((source) => (source === undefined ? undefined : findElement(source, k, v)));
      let item = this.walk(destItem, originItem, itemSchema, path);
      if (item === KEPT_NULL) item = null;
      if (isMissingOrNull(item) || isEmptyMap(item)) {
        setElement(this.where, path, dest, undefined, validKeys, validValues);
        continue;
      }
      if (isMap(item)) {
        validKeys.forEach((key, i) => {
          const text = validValues[i] ?? '';
          if (key !== '' && text !== '' && !Object.hasOwn(item, key)) setOwn(item, key, plainScalar(text));
        });
      }
      setElement(this.where, path, items, item, validKeys, validValues);
    }
    if (valuesList.length === 0) return dest;
    // Prepend: the merged elements, then the destination's set into them by key.
    appendElements(this.where, path, items, dest, validKeys);
    return items;
  }
}

/**
 * kyaml's FieldSetter gives a new scalar the style of the one it replaces;
 * kustomize's output pass re-reads the text, so a number or boolean written
 * where a quoted or block string was comes out a string. A string read here
 * was quoted for sure when plain text would not read as that string, or when
 * it spans lines, or when its source says so (smp-dest-styles.ts).
 */
function keepDestStyle(before: unknown, value: unknown, text: string | undefined, quoted: boolean): unknown {
  if (typeof before !== 'string' || value === null) return value;
  if (!quoted && !before.includes('\n') && resolvePlainV3(before) === before) return value;
  // A plain patch scalar: its text as written (a timestamp too, which we read as RFC 3339).
  if (text !== undefined) return resolvePlainV3(text) === null ? value : text;
  return typeof value === 'string' ? value : rawText(value);
}

/** The schema of a map that says its own apiVersion and kind (GetSchema's fallback). */
function typeSchema(node: unknown): SmpSchema | undefined {
  if (!isMap(node)) return undefined;
  const apiVersion = node['apiVersion'];
  const kind = node['kind'];
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') return undefined;
  return schemaForType(apiVersion, kind);
}

/** A key text kyaml writes back as an untagged scalar: yaml.v3 reads digits as a number. */
function plainScalar(text: string): unknown {
  return /^-?[0-9]+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}

/** elementValues: each element's key texts, in source order, without repeats. */
function elementValues(sources: readonly unknown[], keys: readonly string[]): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    if (!Array.isArray(source)) continue;
    for (const element of source) {
      const values = keys.map((key) => keyText(element, key));
      const id = JSON.stringify(values);
      if (values.length === 0 || seen.has(id)) continue;
      out.push(values);
      seen.add(id);
    }
  }
  return out;
}

/** elementPrimitiveValues: the distinct texts of a list of scalars (finalizers…). */
function primitiveValues(sources: readonly unknown[]): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    if (!Array.isArray(source)) continue;
    for (const element of source) {
      const text = rawText(Array.isArray(element) || isMap(element) ? undefined : element);
      if (seen.has(text)) continue;
      out.push([text]);
      seen.add(text);
    }
  }
  return out;
}

/** validateKeys: drop the keys no element has a value for (unless none has any). */
function validateKeys(valuesList: readonly (readonly string[])[], values: readonly string[], keys: readonly string[]): [readonly string[], readonly string[]] {
  const valid = new Set<string>();
  for (const list of valuesList) list.forEach((v, i) => v !== '' && valid.add(keys[i] ?? ''));
  if (valid.size === 0) return [keys, values];
  return [keys.filter((key) => valid.has(key)), values.filter((v, i) => v !== '' || valid.has(keys[i] ?? ''))];
}

/** mergeValues: key tuples equal but for empty parts (a port without protocol) become one. */
function mergeValues(valuesList: string[][]): void {
  for (let i = 0; i < valuesList.length; i++) {
    for (let j = 0; j < valuesList.length; j++) {
      const merged = matchValues(valuesList[i] as string[], valuesList[j] as string[]);
      if (merged !== undefined) {
        valuesList[i] = merged;
        valuesList[j] = merged;
      }
    }
  }
}

function matchValues(a: readonly string[], b: readonly string[]): string[] | undefined {
  if (a.length !== b.length) return undefined;
  let common = false;
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) {
      common = true;
      out.push(x);
    } else if (x !== '' && y !== '') return undefined;
    else out.push(x !== '' ? x : y);
  }
  return common ? out : undefined;
}
