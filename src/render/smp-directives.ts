/**
 * `$patch` directives of a strategic-merge patch as kyaml's merge2 reads them
 * (kyaml/yaml/merge2/smpdirective.go): on a mapping, a `$patch` field; on a
 * list, an element whose only field is `$patch`. The directive is removed
 * from the patch when found. kyaml knows no other directive: `$setElementOrder`,
 * `$retainKeys` and `$deleteFromPrimitiveList` are refused by the loader.
 */
import { RenderError } from '../core/errors.js';
import { isMap, rawText, type MergeWhere } from './smp-nodes.js';
import { setElement } from './smp-list-elements.js';

export type Directive = 'merge' | 'replace' | 'delete';

export const DIRECTIVE_KEY = '$patch';

function known(value: string, where: MergeWhere): Directive {
  if (value === 'merge' || value === 'replace' || value === 'delete') return value;
  throw new RenderError('smp-unknown-directive', `strategic-merge patch: unknown patch strategy '${value}' in $patch; use merge, replace or delete`, where);
}

/** determineSmpDirective for a node the walker merges; `undefined` patch means merge. */
export function takeDirective(patch: unknown, where: MergeWhere, path: readonly string[]): Directive {
  if (patch === undefined) return 'merge';
  if (Array.isArray(patch)) {
    const element: unknown = (patch as unknown[]).find((item) => isMap(item) && Object.hasOwn(item, DIRECTIVE_KEY));
    if (!isMap(element) || Object.keys(element).length > 1) return 'merge';
    const value = rawText(element[DIRECTIVE_KEY]);
    const directive = known(value, where);
    setElement(where, path, patch, undefined, [DIRECTIVE_KEY], [value]);
    return directive;
  }
  if (isMap(patch)) {
    if (!Object.hasOwn(patch, DIRECTIVE_KEY)) return 'merge';
    const directive = known(rawText(patch[DIRECTIVE_KEY]), where);
    delete patch[DIRECTIVE_KEY];
    return directive;
  }
  throw new RenderError('smp-directive-on-scalar', `strategic-merge patch: no merge strategy for the scalar at ${path.join('.') || 'the top'}`, where);
}
