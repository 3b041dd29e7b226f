/**
 * RFC 6902 operations applied the way kustomize applies them (evanphx/json-patch
 * v4 behind PatchTransformer): negative array indices count from the end, and
 * `test` with a null value passes on a missing key. Failures become plain
 * reasons that never quote a value (a value may be a secret).
 *
 * Each pointer is split once per operation and walked once per target. add,
 * replace and remove below the root are applied here; fast-json-patch does the
 * rest (move, copy, test, the whole document, prototype keys it refuses).
 */
import fastJsonPatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { isJsonObject, type JsonObject } from '../core/manifest.js';

const { applyOperation, JsonPatchError } = fastJsonPatch;

export type PatchOpName = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';

/** A JSON pointer split into segments, once for every target. */
interface ParsedPointer {
  /** The pointer to apply when no index needs resolving (as written, for any pointer starting with '/'). */
  readonly unresolved: string;
  /** Segments as written (escaped), for rebuilding the pointer with resolved indices. */
  readonly written: readonly string[];
  /** Segments decoded (`~1` → `/`, `~0` → `~`). */
  readonly keys: readonly string[];
}

/** One validated operation, with the line it was written on. */
export interface PatchOp {
  readonly op: PatchOpName;
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
  readonly hasValue: boolean;
  /** 1-based line in the patch source, when known. */
  readonly line: number | undefined;
  readonly parsedPath: ParsedPointer;
  readonly parsedFrom?: ParsedPointer;
  /** An add, replace or remove this module applies itself. */
  readonly direct: boolean;
  /** The value holds one object twice (YAML aliases); structuredClone keeps that sharing in each copy. */
  readonly valueSharesNodes: boolean;
}

/** Why an operation failed, without any value in it. */
export class PatchOpFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PatchOpFailure';
  }
}

const OP_NAMES = new Set<string>(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** Validates the shape of one operation read from YAML or JSON; returns a reason on failure. */
export function toPatchOp(raw: unknown, line: number | undefined): PatchOp | string {
  if (!isJsonObject(raw)) return 'each operation must be a mapping with op and path';
  const { op, path, from } = raw;
  if (typeof op !== 'string') return "operation has no 'op'";
  if (!OP_NAMES.has(op)) return `unknown op '${op}'; use add, remove, replace, move, copy or test`;
  if (typeof path !== 'string') return `${op} operation has no 'path'`;
  if (path !== '' && !path.startsWith('/')) return `path '${path}' must start with '/'`;
  const hasValue = Object.hasOwn(raw, 'value');
  if ((op === 'add' || op === 'replace') && !hasValue) return `${op} operation needs a 'value'`;
  if ((op === 'move' || op === 'copy') && typeof from !== 'string') return `${op} operation needs a 'from' path`;
  const parsedPath = parsePointer(path);
  return {
    op: op as PatchOpName,
    path,
    ...(typeof from === 'string' ? { from, parsedFrom: parsePointer(from) } : {}),
    ...(hasValue ? { value: raw['value'] } : {}),
    hasValue,
    line,
    parsedPath,
    direct: (op === 'add' || op === 'replace' || op === 'remove') && path !== '' && !touchesPrototype(parsedPath.keys),
    valueSharesNodes: hasValue && sharesNodes(raw['value'], new Set()),
  };
}

function parsePointer(text: string): ParsedPointer {
  // Anything before the first '/' is ignored (only `from` can hold such a pointer), as it always was here.
  const written = text.split('/').slice(1);
  const unresolved = text.includes('/-') ? `/${written.join('/')}` : text;
  return { unresolved, written, keys: written.map(unescapeSegment) };
}

/** Decodes `~1` and `~0` in one pointer segment. */
function unescapeSegment(segment: string): string {
  return segment.includes('~') ? segment.replaceAll('~1', '/').replaceAll('~0', '~') : segment;
}

/** Segments fast-json-patch refuses to walk (it throws its own TypeError for them). */
function touchesPrototype(keys: readonly string[]): boolean {
  return keys.some((key, i) => key === '__proto__' || (key === 'prototype' && keys[i - 1] === 'constructor'));
}

function sharesNodes(value: unknown, seen: Set<object>): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (seen.has(value)) return true;
  seen.add(value);
  const children: readonly unknown[] = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => sharesNodes(child, seen));
}

/** Where a pointer leads in one document, with negative indices resolved against it. */
interface Location {
  /** The target exists. */
  readonly found: boolean;
  /** Its parent exists and is a mapping or a sequence. */
  readonly parentFound: boolean;
  /** The last segment is a valid position to add at (any key of a mapping; 0..length or '-' in a sequence). */
  readonly insertable: boolean;
  /** The parent (when found, below the root) and the last segment, decoded and resolved. */
  readonly parent: JsonObject | unknown[] | undefined;
  readonly key: string;
  /** The pointer with negative indices rewritten; meaningful when the parent was found. */
  readonly pointer: string;
}

const NO_PARENT: Location = { found: false, parentFound: false, insertable: false, parent: undefined, key: '', pointer: '' };

const CANONICAL_INDEX = /^(0|[1-9][0-9]*)$/;
const NEGATIVE_INDEX = /^-\d+$/;

/**
 * Walks the pointer through the document once. A negative index in a sequence
 * counts from its end (json-patch v4); for `add` the last one may point one past it.
 */
function locate(doc: unknown, pointer: ParsedPointer, forAdd: boolean): Location {
  const { keys } = pointer;
  const last = keys.length - 1;
  if (last < 0) return { found: true, parentFound: true, insertable: false, parent: undefined, key: '', pointer: pointer.unresolved };
  let resolved: string[] | undefined;
  let node = doc;
  for (let i = 0; i < last; i++) {
    const key = fromEnd(node, keys[i] as string, false);
    if (key !== keys[i]) (resolved ??= [...pointer.written])[i] = key;
    node = childAt(node, key);
    if (node === undefined) return NO_PARENT;
  }
  const key = fromEnd(node, keys[last] as string, forAdd);
  if (key !== keys[last]) (resolved ??= [...pointer.written])[last] = key;
  return lastSegmentIn(node, key, resolved === undefined ? pointer.unresolved : `/${resolved.join('/')}`);
}

/** A negative index into a sequence, rewritten as the index it stands for; any other key as it is. */
function fromEnd(node: unknown, key: string, onePastEnd: boolean): string {
  if (!Array.isArray(node) || !NEGATIVE_INDEX.test(key)) return key;
  const index = Number(key) + node.length + (onePastEnd ? 1 : 0);
  return index >= 0 ? String(index) : key;
}

function childAt(node: unknown, key: string): unknown {
  if (Array.isArray(node)) return CANONICAL_INDEX.test(key) ? (node[Number(key)] as unknown) : undefined;
  return isJsonObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
}

function lastSegmentIn(parent: unknown, key: string, pointer: string): Location {
  if (Array.isArray(parent)) {
    const isIndex = CANONICAL_INDEX.test(key);
    const index = Number(key);
    const found = isIndex && index < parent.length;
    const insertable = key === '-' || (isIndex && index <= parent.length);
    return { found, parentFound: true, insertable, parent, key, pointer };
  }
  if (isJsonObject(parent)) return { found: Object.hasOwn(parent, key), parentFound: true, insertable: true, parent, key, pointer };
  return NO_PARENT;
}

/** Checks an operation against the document first, so failures are ours to word and cost no clones. */
function precheck(op: PatchOp, target: Location, from: Location | undefined): void {
  switch (op.op) {
    case 'add':
      if (!target.parentFound) throw new PatchOpFailure(`add: the parent of ${op.path} does not exist in the resource; add the parent first`);
      if (!target.insertable) throw new PatchOpFailure(`add: index in ${op.path} is out of bounds`);
      return;
    case 'remove':
      if (!target.found) throw new PatchOpFailure(`${op.op}: path ${op.path} does not exist in the resource`);
      return;
    case 'replace':
      // json-patch v4 reads a missing key of a mapping as null, so replace there sets it.
      if (!target.found && !(target.parentFound && target.parent !== undefined && !Array.isArray(target.parent))) {
        throw new PatchOpFailure(`replace: path ${op.path} does not exist in the resource`);
      }
      return;
    case 'move':
    case 'copy':
      if (from === undefined || !from.found) throw new PatchOpFailure(`${op.op}: from ${op.from ?? ''} does not exist in the resource`);
      if (!target.parentFound) throw new PatchOpFailure(`${op.op}: the parent of ${op.path} does not exist in the resource`);
      return;
    case 'test':
      if (!target.parentFound) throw new PatchOpFailure(`test: the parent of ${op.path} does not exist in the resource`);
      return;
  }
}

/**
 * Applies one operation to `doc` in place and returns the pointer it changed
 * (with `-` resolved to the index it appended at).
 */
export function applyPatchOp(doc: object, op: PatchOp, onGrowth?: (added: unknown) => void): string {
  const target = locate(doc, op.parsedPath, op.op === 'add');
  const from = op.parsedFrom !== undefined && (op.op === 'move' || op.op === 'copy') ? locate(doc, op.parsedFrom, false) : undefined;
  // json-patch v4 reads a missing key of a mapping as null: `copy` from it writes null.
  if (op.op === 'copy' && from !== undefined && !from.found && from.parentFound && from.parent !== undefined && !Array.isArray(from.parent)) {
    precheck({ ...op, op: 'add' }, locate(doc, op.parsedPath, true), undefined);
    return applyWithFastJsonPatch(doc, { ...op, op: 'add', value: null, hasValue: true }, locate(doc, op.parsedPath, true), undefined);
  }
  precheck(op, target, from);
  // What the op adds, charged before it is copied in: a value, or the subtree a copy duplicates.
  if (onGrowth !== undefined) {
    if (op.op === 'add' || op.op === 'replace') onGrowth(op.value);
    else if (op.op === 'copy' && from !== undefined) onGrowth(from.parent === undefined ? doc : childAt(from.parent, from.key));
  }
  if (op.direct && target.parent !== undefined) return applyDirectly(op, target.parent, target.key, target.pointer);
  return applyWithFastJsonPatch(doc, op, target, from?.pointer);
}

/** add, replace or remove on a parent the precheck found, with fast-json-patch's semantics. */
function applyDirectly(op: PatchOp, parent: JsonObject | unknown[], key: string, pointer: string): string {
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (op.op === 'add') parent.splice(index, 0, copyValue(op));
    else if (op.op === 'replace') parent[index] = copyValue(op);
    else parent.splice(index, 1);
    return key === '-' ? `${pointer.slice(0, -1)}${index}` : pointer;
  }
  if (op.op === 'remove') delete parent[key];
  else parent[key] = copyValue(op);
  return pointer;
}

function applyWithFastJsonPatch(doc: object, op: PatchOp, target: Location, from: string | undefined): string {
  const path = target.pointer;
  if (op.op === 'test' && (op.value === null || !op.hasValue) && !target.found) return path;
  let changed = path;
  if (op.op === 'add' && path.endsWith('/-')) {
    const parent = path.slice(0, -2);
    const collection = fastJsonPatch.getValueByPointer(doc, parent) as unknown;
    if (Array.isArray(collection)) changed = `${parent}/${collection.length}`;
  }
  const operation = {
    op: op.op,
    path,
    ...(from !== undefined ? { from } : {}),
    ...(op.hasValue ? { value: copyValue(op) } : {}),
  } as Operation;
  try {
    // Validation is done above; fast-json-patch's own would clone the whole document for move and copy.
    applyOperation(doc, operation, false, true, true);
  } catch (error) {
    throw new PatchOpFailure(explain(error, op));
  }
  return changed;
}

/** Each target gets its own copy of the value: one patch may hit many resources. */
function copyValue(op: PatchOp): unknown {
  const { value } = op;
  if (value === null || typeof value !== 'object') return value;
  return op.valueSharesNodes ? structuredClone(value) : copyTree(value);
}

/** A deep copy of plain data, as structuredClone makes it (an own `__proto__` key stays a key). */
function copyTree(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copyTree(value[i]);
    return copy;
  }
  const copy: JsonObject = {};
  for (const key of Object.keys(value)) {
    const child = copyTree((value as JsonObject)[key]);
    if (key === '__proto__') Object.defineProperty(copy, key, { value: child, writable: true, enumerable: true, configurable: true });
    else copy[key] = child;
  }
  return copy;
}

function explain(error: unknown, op: PatchOp): string {
  if (!(error instanceof JsonPatchError)) return error instanceof Error ? error.message : String(error);
  switch (error.name) {
    case 'OPERATION_PATH_UNRESOLVABLE':
      return `${op.op}: path ${op.path} does not exist in the resource`;
    case 'OPERATION_PATH_CANNOT_ADD':
      return `add: the parent of ${op.path} does not exist in the resource; add the parent first`;
    case 'OPERATION_FROM_UNRESOLVABLE':
      return `${op.op}: from ${op.from ?? ''} does not exist in the resource`;
    case 'TEST_OPERATION_FAILED':
      return `test: the value at ${op.path} is not the expected one`;
    case 'OPERATION_VALUE_OUT_OF_BOUNDS':
      return `${op.op}: index in ${op.path} is out of bounds`;
    case 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX':
      return `${op.op}: ${op.path} uses an index that is not a number`;
    case 'OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED':
      return `${op.op}: value is not JSON`;
    default:
      return `${op.op} ${op.path}: ${error.name.toLowerCase().replaceAll('_', ' ')}`;
  }
}
