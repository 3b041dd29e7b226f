/**
 * RFC 6902 operations applied the way kustomize applies them (evanphx/json-patch
 * v4 behind PatchTransformer): negative array indices count from the end, and
 * `test` with a null value passes on a missing key. fast-json-patch does the
 * work; this module adds those quirks and turns failures into plain reasons
 * that never quote a value (a value may be a secret).
 */
import fastJsonPatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { isJsonObject } from '../core/manifest.js';

const { applyOperation, JsonPatchError } = fastJsonPatch;

export type PatchOpName = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';

/** One validated operation, with the line it was written on. */
export interface PatchOp {
  readonly op: PatchOpName;
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
  readonly hasValue: boolean;
  /** 1-based line in the patch source, when known. */
  readonly line: number | undefined;
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
  return {
    op: op as PatchOpName,
    path,
    ...(typeof from === 'string' ? { from } : {}),
    ...(hasValue ? { value: raw['value'] } : {}),
    hasValue,
    line,
  };
}

/** Decodes `~1` and `~0` in one pointer segment. */
function unescapeSegment(segment: string): string {
  return segment.includes('~') ? segment.replaceAll('~1', '/').replaceAll('~0', '~') : segment;
}

function escapeSegment(segment: string): string {
  return segment.includes('~') || segment.includes('/') ? segment.replaceAll('~', '~0').replaceAll('/', '~1') : segment;
}

/**
 * Rewrites negative array indices (`/containers/-1`) to positive ones against
 * the document, as json-patch v4 allows. For `add` the last segment may point
 * one past the end. Returns the pointer unchanged when nothing is negative.
 */
function resolveNegativeIndices(doc: unknown, pointer: string, forAdd: boolean): string {
  if (!pointer.includes('/-')) return pointer;
  const segments = pointer.split('/').slice(1);
  let node: unknown = doc;
  const out: string[] = [];
  segments.forEach((raw, i) => {
    const last = i === segments.length - 1;
    let segment = raw;
    if (Array.isArray(node) && /^-\d+$/.test(raw)) {
      const size = node.length + (forAdd && last ? 1 : 0);
      const index = Number(raw) + size;
      if (index >= 0) segment = String(index);
    }
    out.push(segment);
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isJsonObject(node)) node = node[unescapeSegment(segment)];
    else node = undefined;
  });
  return `/${out.join('/')}`;
}

interface PathState {
  /** The target exists. */
  readonly found: boolean;
  /** Its parent exists and is a mapping or a sequence. */
  readonly parentFound: boolean;
  /** The parent is a sequence and the last segment is a valid insert position (0..length or '-'). */
  readonly insertable: boolean;
}

function lookup(doc: unknown, pointer: string): PathState {
  if (pointer === '') return { found: true, parentFound: true, insertable: false };
  const segments = pointer.split('/').slice(1).map(unescapeSegment);
  let node: unknown = doc;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i] as string;
    const isLast = i === segments.length - 1;
    if (Array.isArray(node)) {
      const isIndex = /^(0|[1-9][0-9]*)$/.test(key);
      const index = Number(key);
      if (!isIndex || index >= node.length) {
        return { found: false, parentFound: isLast, insertable: isLast && (key === '-' || (isIndex && index <= node.length)) };
      }
      node = node[index];
    } else if (isJsonObject(node)) {
      if (!Object.hasOwn(node, key)) return { found: false, parentFound: isLast, insertable: isLast };
      node = node[key];
    } else {
      return { found: false, parentFound: false, insertable: false };
    }
  }
  return { found: true, parentFound: true, insertable: true };
}

/** Checks an operation against the document first, so failures are ours to word and cost no clones. */
function precheck(doc: unknown, op: PatchOp, path: string, from: string | undefined): void {
  const target = lookup(doc, path);
  switch (op.op) {
    case 'add':
      if (!target.parentFound) throw new PatchOpFailure(`add: the parent of ${op.path} does not exist in the resource; add the parent first`);
      if (!target.insertable) throw new PatchOpFailure(`add: index in ${op.path} is out of bounds`);
      return;
    case 'remove':
    case 'replace':
      if (!target.found) throw new PatchOpFailure(`${op.op}: path ${op.path} does not exist in the resource`);
      return;
    case 'move':
    case 'copy':
      if (from === undefined || !lookup(doc, from).found) throw new PatchOpFailure(`${op.op}: from ${op.from ?? ''} does not exist in the resource`);
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
export function applyPatchOp(doc: object, op: PatchOp): string {
  const path = resolveNegativeIndices(doc, op.path, op.op === 'add');
  const from = op.from === undefined ? undefined : resolveNegativeIndices(doc, op.from, false);
  precheck(doc, op, path, from);
  if (op.op === 'test' && (op.value === null || !op.hasValue) && !lookup(doc, path).found) return path;
  let changed = path;
  if (op.op === 'add' && path.endsWith('/-')) {
    const parent = path.slice(0, -2);
    const target = fastJsonPatch.getValueByPointer(doc, parent) as unknown;
    if (Array.isArray(target)) changed = `${parent}/${escapeSegment(String(target.length))}`;
  }
  const value = op.value !== null && typeof op.value === 'object' ? structuredClone(op.value) : op.value;
  const operation = {
    op: op.op,
    path,
    ...(from !== undefined ? { from } : {}),
    // Each target gets its own copy: one patch may hit many resources.
    ...(op.hasValue ? { value } : {}),
  } as Operation;
  try {
    // Validation is done above; fast-json-patch's own would clone the whole document for move and copy.
    applyOperation(doc, operation, false, true, true);
  } catch (error) {
    throw new PatchOpFailure(explain(error, op));
  }
  return changed;
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
