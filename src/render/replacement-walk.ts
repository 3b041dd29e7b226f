/**
 * The two walks kyaml does for `replacements`, over our parsed values:
 * the source's PathGetter (`Lookup`: indexes, `-`, exact `[k=v]`, no `*`)
 * and the targets' PathMatcher (every match: `*`, `[k=regex]` unanchored on
 * the element's text, indexes; with `create` it adds what is missing, an
 * index only when it appends). Every step is counted, so a `*` over a huge
 * list runs under the render's budget (chargeReplacementWork).
 */
import { RE2JS } from 're2js';
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import { cleanPath, goAtoi, isIndexNumber, isListIndex, splitIndexNameValue } from './replacement-paths.js';
import { canonicalText, decodeScalar } from './replacement-values.js';

export type Path = Array<string | number>;

/** A failure kyaml reports (its wording); the caller names the kustomization. */
export class WalkError extends Error {}

function kindName(value: unknown): string {
  if (Array.isArray(value)) return 'SequenceNode';
  if (isJsonObject(value)) return 'MappingNode';
  return 'ScalarNode';
}

function wrongKind(expected: string, value: unknown): WalkError {
  return new WalkError(`wrong node kind: expected ${expected} but got ${kindName(value)}`);
}

function own(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

function setOwn(obj: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A node's Value as kyaml compares it: a scalar's text, "" for a collection. */
function valueText(value: unknown): string {
  return value !== null && typeof value === 'object' ? '' : canonicalText(value);
}

/** RNode.String() trimmed, as PathMatcher's regexes see an element: the text of a scalar. */
function nodeString(value: unknown): string {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : canonicalText(value);
}

/** The elements of a sequence; null has none; anything else fails as kyaml's Elements does. */
function elementsOf(value: unknown): readonly unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw wrongKind('SequenceNode', value);
  return value;
}

/** kyaml's Lookup over `parts` (cleaned): the value and its path, or undefined when missing. */
export function lookupSource(root: JsonObject, parts: readonly string[], count: (n: number) => void): { value: unknown; path: Path } | undefined {
  let node: unknown = root;
  const path: Path = [];
  for (const part of cleanPath(parts)) {
    count(1);
    const index = goAtoi(part);
    if (index !== undefined) {
      if (index < 0) throw new WalkError(`array index ${index} cannot be negative`);
      const elements = elementsOf(node);
      if (index >= elements.length) return undefined;
      node = elements[index];
      path.push(index);
    } else if (part === '-') {
      const elements = elementsOf(node);
      // kyaml indexes the last element of an empty list and panics.
      if (elements.length === 0) throw new WalkError(`'-' on an empty list`);
      node = elements[elements.length - 1];
      path.push(elements.length - 1);
    } else if (part === '*') {
      throw new WalkError('wildcard is not supported in PathGetter');
    } else if (isListIndex(part)) {
      const [field, value] = splitIndexNameValue(part);
      const elements = elementsOf(node);
      count(elements.length);
      const at = elements.findIndex((element) => {
        if (field === '') return valueText(element) === value;
        return isJsonObject(element) && Object.hasOwn(element, field) && valueText(element[field]) === value;
      });
      if (at < 0) return undefined;
      node = elements[at];
      path.push(at);
    } else {
      if (node === null || node === undefined) return undefined;
      if (!isJsonObject(node)) throw wrongKind('MappingNode', node);
      if (!Object.hasOwn(node, part)) return undefined;
      node = node[part];
      path.push(part);
    }
  }
  return { value: node, path };
}

/** Where a target value goes: its container and key, its path, and whether the walk created it. */
export interface Slot {
  readonly parent: JsonObject | unknown[];
  readonly key: string | number;
  readonly path: Path;
  /** Created by this walk: an untagged node, its text resolved like an unquoted scalar. */
  readonly created: boolean;
}

/** What `create` makes at the end of a path: a node of the value's kind. */
export type CreateKind = 'scalar' | 'map' | 'seq' | undefined;

/** An unanchored Go regexp search (MatchString), with plain patterns compared as strings. */
interface Search {
  test(text: string): boolean;
}

const regexCache = new Map<string, Search>();

/** Characters with a meaning in a regular expression. */
const REGEXP_SYNTAX = /[\\^$.|?*+()[\]{}]/;

function compileGoRegex(pattern: string): Search {
  if (!REGEXP_SYNTAX.test(pattern)) return { test: (text) => text.includes(pattern) };
  // `^literal$` is the common anchored form: an equality.
  const inner = pattern.length >= 2 && pattern.startsWith('^') && pattern.endsWith('$') ? pattern.slice(1, -1) : undefined;
  if (inner !== undefined && !REGEXP_SYNTAX.test(inner)) return { test: (text) => text === inner };
  let compiled = regexCache.get(pattern);
  if (compiled === undefined) {
    let re: RE2JS;
    try {
      re = RE2JS.compile(pattern);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new WalkError(message.startsWith('error parsing regexp') ? message : `error parsing regexp: ${message}`);
    }
    if (regexCache.size > 256) regexCache.clear();
    compiled = { test: (text) => re.test(text) };
    regexCache.set(pattern, compiled);
  }
  return compiled;
}

/** kyaml's PathMatcher over a resource: every slot the path reaches. */
export class TargetWalk {
  constructor(
    private readonly parts: readonly string[],
    private readonly create: CreateKind,
    private readonly count: (n: number) => void,
  ) {}

  run(root: JsonObject): Slot[] {
    const out: Slot[] = [];
    this.step(root, 0, [], out);
    return out;
  }

  /** A new node for the part after `depth` (getPathPartKind). */
  private newNode(depth: number): { value: unknown; leaf: boolean } {
    const next = this.parts[depth + 1];
    if (next === undefined) {
      return { value: this.create === 'map' ? {} : this.create === 'seq' ? [] : null, leaf: true };
    }
    if (isListIndex(next) || isIndexNumber(next)) return { value: [], leaf: false };
    return { value: {}, leaf: false };
  }

  private filter(node: unknown, holder: JsonObject | unknown[], key: string | number, depth: number, path: Path, created: boolean, out: Slot[]): void {
    this.count(1);
    if (depth === this.parts.length) {
      out.push({ parent: holder, key, path: [...path], created });
      return;
    }
    this.step(node, depth, path, out);
  }

  /** One part of the path applied to `node`. */
  private step(node: unknown, depth: number, path: Path, out: Slot[]): void {
    const part = this.parts[depth] as string;
    if (isIndexNumber(part)) this.index(node, depth, path, out);
    else if (isListIndex(part)) this.entries(node, depth, path, out);
    else if (part === '*') {
      const elements = elementsOf(node);
      this.count(elements.length);
      elements.forEach((element, i) => this.filter(element, elements as unknown[], i, depth + 1, [...path, i], false, out));
    } else this.field(node, depth, path, out);
  }

  private field(node: unknown, depth: number, path: Path, out: Slot[]): void {
    const part = this.parts[depth] as string;
    if (node === null || node === undefined) {
      // kyaml would set a field on the null node itself and print a broken resource.
      if (this.create !== undefined) throw new WalkError(`cannot create field '${part}' under a null value at ${path.join('.') || 'the top'}`);
      return;
    }
    if (!isJsonObject(node)) throw wrongKind('MappingNode', node);
    let child = own(node, part);
    let created = false;
    if (child === undefined) {
      if (this.create === undefined) return;
      const made = this.newNode(depth);
      child = made.value;
      created = made.leaf;
      setOwn(node, part, child);
    }
    this.filter(child, node, part, depth + 1, [...path, part], created, out);
  }

  private index(node: unknown, depth: number, path: Path, out: Slot[]): void {
    const index = Number(this.parts[depth]);
    if (node === null && this.create !== undefined) throw new WalkError(`cannot append to a null value at ${path.join('.')}`);
    const elements = elementsOf(node) as unknown[];
    let created = false;
    if (elements.length === index && this.create !== undefined) {
      const made = this.newNode(depth);
      elements.push(made.value);
      created = made.leaf;
    }
    if (elements.length < index + 1) throw new WalkError(`index ${index} specified but only ${elements.length} elements found`);
    this.filter(elements[index], elements, index, depth + 1, [...path, index], created, out);
  }

  private entries(node: unknown, depth: number, path: Path, out: Slot[]): void {
    const [field, pattern] = splitIndexNameValue(this.parts[depth] as string);
    const regex = compileGoRegex(pattern);
    const search = (): boolean => {
      const elements = elementsOf(node) as unknown[];
      this.count(elements.length);
      let found = false;
      elements.forEach((element, i) => {
        if (field === '') {
          // A primitive match ends the walk at the element, whatever follows in the path.
          if (regex.test(nodeString(element))) {
            out.push({ parent: elements, key: i, path: [...path, i], created: createdHere.has(i) });
            found = true;
          }
          return;
        }
        if (!isJsonObject(element) || !Object.hasOwn(element, field)) return;
        if (!regex.test(nodeString(element[field]).trim())) return;
        const before = out.length;
        this.filter(element, elements, i, depth + 1, [...path, i], false, out);
        if (out.length > before) found = true;
      });
      return found;
    };
    const createdHere = new Set<number>();
    if (search() || this.create === undefined) return;
    if (node === null || node === undefined) throw new WalkError(`cannot append to a null value at ${path.join('.')}`);
    const elements = elementsOf(node) as unknown[];
    const scalar = decodeScalar('', pattern);
    if (field === '') {
      createdHere.add(elements.length);
      elements.push(scalar);
    } else {
      const element: JsonObject = {};
      setOwn(element, field, scalar);
      elements.push(element);
    }
    // kyaml searches again and finds what it appended; a pattern that does not match its own text recurses forever there.
    if (!search()) throw new WalkError(`the element created for '${this.parts[depth]}' does not match it`);
  }
}
