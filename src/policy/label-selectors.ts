/** Kubernetes LabelSelectors (matchLabels, matchExpressions) against a pod's known labels. */
import { isJsonObject } from '../core/manifest.js';

export type Labels = Readonly<Record<string, string>>;

/** A LabelSelector against known labels; `undefined` labels (unknown) match only an empty selector. */
export function selects(selector: unknown, labels: Labels | undefined): boolean {
  if (!isJsonObject(selector)) return true;
  const matchLabels = selector['matchLabels'];
  const exprs = selector['matchExpressions'];
  const empty = (!isJsonObject(matchLabels) || Object.keys(matchLabels).length === 0) && (!Array.isArray(exprs) || exprs.length === 0);
  if (empty) return true;
  if (labels === undefined) return false;
  if (isJsonObject(matchLabels)) for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== v) return false;
  if (Array.isArray(exprs)) {
    for (const e of exprs) {
      if (!isJsonObject(e) || typeof e['key'] !== 'string') return false;
      const values = Array.isArray(e['values']) ? e['values'] : [];
      const has = Object.prototype.hasOwnProperty.call(labels, e['key']);
      const v = labels[e['key']];
      if (e['operator'] === 'In' && !(has && values.includes(v))) return false;
      if (e['operator'] === 'NotIn' && has && values.includes(v)) return false;
      if (e['operator'] === 'Exists' && !has) return false;
      if (e['operator'] === 'DoesNotExist' && has) return false;
      if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(String(e['operator']))) return false;
    }
  }
  return true;
}
