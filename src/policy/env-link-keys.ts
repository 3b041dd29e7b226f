/**
 * The keys of the render's ConfigMaps and Secrets, for envFrom: the variables
 * a container declares through them win over the kubelet's Service links.
 * Built on the first question only (most renders never ask).
 */
import { isJsonObject, kindOf, type Manifest } from '../core/manifest.js';
import { namespaceOf } from './st2-config-files.js';

const FIELDS: Record<string, readonly string[]> = { ConfigMap: ['data', 'binaryData'], Secret: ['data', 'stringData'] };

/** keysOf(ns, kind, name): the object's keys, or undefined when the render does not hold it. */
export function renderedKeys(resources: readonly Manifest[], landing: string): (ns: string, kind: string, name: string) => readonly string[] | undefined {
  let byId: Map<string, string[]> | undefined;
  return (ns, kind, name) => {
    if (byId === undefined) {
      byId = new Map<string, string[]>();
      for (const r of resources) {
        const k = kindOf(r);
        const fields = FIELDS[k];
        const meta = r['metadata'];
        if (fields === undefined || !isJsonObject(meta) || typeof meta['name'] !== 'string') continue;
        const id = `${namespaceOf(r, landing)}/${k}/${meta['name']}`;
        const keys = byId.get(id) ?? [];
        for (const f of fields) {
          const d = r[f];
          if (isJsonObject(d)) keys.push(...Object.keys(d));
        }
        byId.set(id, keys);
      }
    }
    return byId.get(`${ns}/${kind}/${name}`);
  };
}
