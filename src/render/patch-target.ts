/**
 * Which resources a patch `target` selects (kustomize's resWrangler.Select):
 * anchored regular expressions on group, version, kind, name and namespace,
 * where name and namespace may match the original or the current value.
 *
 * The expressions are Go's RE2 syntax run in linear time (re2js), as kustomize
 * compiles them with Go's regexp: `(?P<n>…)`, `[[:alpha:]]` and `\pL` work,
 * backreferences and lookaround are refused as Go refuses them, and a pattern
 * such as `(a+)+` cannot backtrack for minutes on a long name (issue 14).
 */
import { RE2JS } from 're2js';
import { getObject, isJsonObject, kindOf, nameOf } from '../core/manifest.js';
import { effectiveNamespace, idOf, isClusterScoped } from '../core/resource-id.js';
import type { PatchTarget } from './kustomization.generated.js';
import { matchesSelector, parseSelector, type Selector } from './label-selector.js';
import type { Resource } from './resource.js';

export type ResourcePredicate = (resource: Resource) => boolean;

/** Compiles a target; throws Error (with kustomize's wording) on a bad regex or selector. */
export function compileTarget(target: PatchTarget): ResourcePredicate {
  const group = anchored(target.group);
  const version = anchored(target.version);
  const kind = anchored(target.kind);
  const name = anchored(target.name);
  const namespace = anchored(target.namespace);
  const labels: Selector | undefined = target.labelSelector ? parseSelector(target.labelSelector) : undefined;
  const annotations: Selector | undefined = target.annotationSelector ? parseSelector(target.annotationSelector) : undefined;
  return (resource) => {
    // Kind and name first, read directly: most resources fail there, before any id is built.
    if (kind && !kind.test(kindOf(resource.manifest))) return false;
    if (name && !matchesNameNowOrOriginally(name, resource)) return false;
    if (!group && !version && !namespace && !labels && !annotations) return true;
    const id = idOf(resource.manifest);
    if (group && !group.test(id.group)) return false;
    if (version && !version.test(id.version)) return false;
    if (namespace) {
      const current = effectiveNamespace(id);
      const original = isClusterScoped(id.group, id.version, id.kind)
        ? current
        : resource.originalNamespace === '' ? 'default' : resource.originalNamespace;
      if (!namespace.test(current) && !namespace.test(original)) return false;
    }
    if (labels && !matchesSelector(labels, stringsAt(resource.manifest, 'labels'))) return false;
    if (annotations && !matchesSelector(annotations, stringsAt(resource.manifest, 'annotations'))) return false;
    return true;
  };
}

function matchesNameNowOrOriginally(name: FieldMatcher, resource: Resource): boolean {
  const current = nameOf(resource.manifest);
  return name.test(current) || (current !== resource.originalName && name.test(resource.originalName));
}

const NONE: Readonly<Record<string, string>> = {};

/** metadata.labels or .annotations as read-only strings, without copying. */
function stringsAt(manifest: Record<string, unknown>, field: 'labels' | 'annotations'): Readonly<Record<string, string>> {
  const metadata = getObject(manifest, 'metadata');
  const value = metadata?.[field];
  return isJsonObject(value) ? (value as Readonly<Record<string, string>>) : NONE;
}

/** A whole-string match of one target field. */
interface FieldMatcher {
  test(value: string): boolean;
}

/** Characters with a meaning in a regular expression. */
const REGEXP_SYNTAX = /[\\^$.|?*+()[\]{}]/;

/** Whether a pattern is a plain string: as a regular expression it matches only itself. */
export function isPlainPattern(pattern: string): boolean {
  return !REGEXP_SYNTAX.test(pattern);
}

function anchored(pattern: string | undefined): FieldMatcher | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  // Most targets name a kind or a resource outright: compare strings instead of running a regex.
  if (isPlainPattern(pattern)) return { test: (value) => value === pattern };
  const source = `^(?:${pattern})$`;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source);
  } catch (error) {
    // re2js words errors as Go's regexp does: "error parsing regexp: <code>: `<expr>`".
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.startsWith('error parsing regexp: ') ? message : `error parsing regexp: ${message}: \`${source}\``, { cause: error });
  }
  // Most names fail a target; re2js's own prefilter (literals every match contains) says so
  // without running the regex engine (the 25-copy tree's `(st2api)(-c[0-9]+)?` targets).
  const needs = literalsNeeded(compiled.re2().prefilter as unknown, 0);
  if (needs === undefined) return { test: (value) => compiled.matches(value) };
  return { test: (value) => needs(value) && compiled.matches(value) };
}

/** re2js prefilter node types (Prefilter.Type): the literals a match must contain. */
const PREFILTER_EXACT = 1;
const PREFILTER_AND = 2;
const PREFILTER_OR = 3;

/**
 * A necessary condition on a string for any match, from the prefilter tree
 * re2js builds at compile (its own unanchored search skips texts that fail
 * it): an exact literal must be contained, AND needs all of its parts, OR
 * one of them. Undefined when nothing is required or the tree is not the
 * shape this expects: then every string goes to the regex.
 */
function literalsNeeded(node: unknown, depth: number): ((value: string) => boolean) | undefined {
  if (depth > 16 || !isJsonObject(node)) return undefined;
  const { type, str, subs } = node;
  if (type === PREFILTER_EXACT) return typeof str === 'string' && str !== '' ? (value) => value.includes(str) : undefined;
  if ((type !== PREFILTER_AND && type !== PREFILTER_OR) || !Array.isArray(subs)) return undefined;
  const parts = subs.map((sub) => literalsNeeded(sub, depth + 1));
  if (type === PREFILTER_AND) {
    // A part that requires nothing drops out of a conjunction.
    const required = parts.filter((part): part is (value: string) => boolean => part !== undefined);
    return required.length === 0 ? undefined : (value) => required.every((part) => part(value));
  }
  // A part that requires nothing makes the whole disjunction require nothing.
  if (parts.length === 0 || parts.some((part) => part === undefined)) return undefined;
  const any = parts as Array<(value: string) => boolean>;
  return (value) => any.some((part) => part(value));
}
