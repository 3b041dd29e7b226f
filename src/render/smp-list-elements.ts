/**
 * kyaml's list-element filters as its strategic-merge walker uses them
 * (kyaml/yaml/fns.go ElementSetter, ElementMatcher, FieldMatcher and
 * walk/associative_sequence.go appendListNode), quirks included: setting an
 * element also drops every null or empty-map element of the list, and an
 * element without its merge key replaces the whole list.
 */
import { isEmptyMap, isMap, isMissingOrNull, kindOfNode, rawText, wrongKind, type MergeWhere } from './smp-nodes.js';

/** A found field (FieldMatcher returns a node; only its presence matters here). */
const FOUND = true;

/** FieldMatcher{Name, StringValue}: an empty value matches any value of the field. */
function fieldMatches(where: MergeWhere, path: readonly string[], element: unknown, name: string, value: string): boolean {
  if (isMissingOrNull(element)) return false;
  if (name === '') {
    if (kindOfNode(element) !== 'scalar') throw wrongKind(where, path, 'scalar', kindOfNode(element));
    return rawText(element) === value;
  }
  if (!isMap(element)) throw wrongKind(where, path, 'map', kindOfNode(element));
  if (!Object.hasOwn(element, name)) return false;
  return value === '' ? FOUND : rawText(element[name]) === value;
}

/**
 * ElementSetter: replaces (or, without an element, removes) the elements
 * matching keys=values, appends the element when none matched.
 */
export function setElement(
  where: MergeWhere,
  path: readonly string[],
  list: unknown[],
  element: unknown,
  keys: readonly string[],
  values: readonly string[],
): void {
  const setterKeys = keys.length === 0 ? [''] : keys;
  const mappingSetter = setterKeys[0] !== '' && values.length > 0 && values[0] !== '';
  const content: unknown[] = [];
  let matched = false;
  for (const item of list) {
    if (isMissingOrNull(item) || isEmptyMap(item)) continue;
    if (!isMap(item) && mappingSetter) {
      content.push(item);
      continue;
    }
    let found = true;
    // kyaml keeps the last match across keys it has no value for.
    let last = false;
    for (let j = 0; j < setterKeys.length; j++) {
      if (j < values.length) last = fieldMatches(where, path, item, setterKeys[j] as string, values[j] as string);
      if (!last) {
        found = false;
        break;
      }
    }
    if (!found) {
      if (values.length > 0) content.push(item);
      continue;
    }
    matched = true;
    if (element === undefined) continue;
    content.push(element);
  }
  list.splice(0, list.length, ...content);
  if (isMissingOrNull(element)) return;
  if (!matched) list.push(element);
}

/** ElementMatcher (MatchElementList): the first element whose keys have exactly these texts. */
export function findElement(list: unknown, keys: readonly string[], values: readonly string[]): unknown {
  if (!Array.isArray(list)) return undefined;
  const matchKeys = keys.length === 0 ? [''] : keys;
  const matchValues = values.length === 0 ? [''] : values;
  if (matchKeys[0] === '') return list.find((item) => rawText(item) === matchValues[0]);
  if (matchKeys.length !== matchValues.length) return undefined;
  return list.find(
    (item) => isMap(item) && matchKeys.every((key, i) => Object.hasOwn(item, key) && rawText(item[key]) === matchValues[i]),
  );
}

/** appendListNode: sets each merged element into the destination list by its keys. */
export function appendElements(where: MergeWhere, path: readonly string[], dest: unknown[], items: readonly unknown[], keys: readonly string[]): void {
  for (const item of items) {
    if (keys[0] === '') {
      setElement(where, path, dest, item, [''], [rawText(item)]);
      continue;
    }
    const values: string[] = [];
    for (const key of keys) {
      if (isMissingOrNull(item)) {
        dest.push(item);
        continue;
      }
      if (!isMap(item)) throw wrongKind(where, path, 'map', kindOfNode(item));
      if (!Object.hasOwn(item, key)) {
        // No key: appended, and the setter below (short of values) then keeps only this element.
        dest.push(item);
        continue;
      }
      values.push(rawText((item)[key]));
    }
    if (keys.length > 1) setElement(where, path, dest, undefined, keys, values);
    setElement(where, path, dest, item, keys, values);
  }
}
