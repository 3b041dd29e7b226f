/**
 * What kustomize's final JSON → YAML hop does to strings (AsYAML: json.Marshal,
 * then sigs.k8s.io/yaml's goyaml.v2 reads the JSON text back):
 * - json.Marshal leaves U+0085 (NEL) raw, and goyaml.v2 reads a raw NEL in a
 *   quoted scalar as a line break and folds it: blanks around it go, one
 *   break becomes a space, n breaks become n-1 newlines;
 * - DEL, the other C1 controls, U+FFFE and U+FFFF stay raw too, and goyaml.v2
 *   refuses them: "yaml: control characters are not allowed".
 * Keys go through the same hop.
 */
import { RenderError } from '../core/errors.js';
import { estimateBytes } from '../core/render-budget.js';
import { describeId, idOf } from '../core/resource-id.js';
import type { Resource } from './resource.js';

const SPECIAL = /[\x7f-\x9f\ufffe\uffff]/;
const REFUSED = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;
const NEL_RUN = /[ \t]*\u0085[ \t\u0085]*/g;

function foldNel(text: string): string {
  return text.replace(NEL_RUN, (run) => {
    const breaks = run.split('\u0085').length - 1;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

/**
 * Applies the hop to every key and string of the resource; refuses what
 * goyaml.v2 refuses. Returns the resource's estimateBytes (render-budget.ts)
 * as the hop leaves it, counted on the way: this is the last walk over every
 * string of a render, and the output budget needs one more.
 */
export function applyJsonHop(resource: Resource): number {
  const fix = (text: string): string => {
    if (REFUSED.test(text)) {
      throw new RenderError(
        'yaml-control-character',
        `${describeId(idOf(resource.manifest))} holds a control character (DEL, U+0080–U+009F, U+FFFE or U+FFFF) that kustomize cannot print; remove it or write it differently`,
        { file: resource.file },
      );
    }
    return foldNel(text);
  };
  // estimateBytes: 2 a node, and the length of every key and string, 4 for any other scalar.
  let bytes = 2;
  let renamed = false;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        let item: unknown = node[i];
        if (typeof item === 'string') {
          if (SPECIAL.test(item)) node[i] = item = fix(item);
          bytes += 2 + (item as string).length;
        } else if (item !== null && typeof item === 'object') {
          bytes += 2;
          visit(item);
        } else bytes += 6;
      }
      return;
    }
    const obj = node as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      let value = obj[key];
      if (typeof value === 'string') {
        if (SPECIAL.test(value)) obj[key] = value = fix(value);
        bytes += 2 + (value as string).length;
      } else if (value !== null && typeof value === 'object') {
        bytes += 2;
        visit(value);
      } else bytes += 6;
      bytes += key.length;
      if (SPECIAL.test(key)) {
        const fixed = fix(key);
        if (fixed !== key) {
          const moved = obj[key];
          delete obj[key];
          Object.defineProperty(obj, fixed, { value: moved, enumerable: true, writable: true, configurable: true });
          renamed = true;
        }
      }
    }
  };
  visit(resource.manifest);
  // A renamed key may have replaced another: count what is left, as the budget always has.
  return renamed ? estimateBytes(resource.manifest, Number.POSITIVE_INFINITY) : bytes;
}
