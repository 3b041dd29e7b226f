/**
 * What a container's command, args and env become when it runs: the values
 * env can read from the render's ConfigMaps and Secrets, the kubelet's $(VAR)
 * expansion and a shell's $VAR / ${VAR}.
 */
import { isJsonObject, kindOf, type Manifest } from '../core/manifest.js';

/** A shell's $VAR and ${VAR} expansion of the names known (others stay as written). */
/** The shells a container's command may run a script with (`sh -c ...`). */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);

export function expandShellVars(text: string, vars: ReadonlyMap<string, string>): string {
  if (!text.includes('$')) return text;
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, braced?: string, bare?: string) => vars.get(braced ?? bare ?? '') ?? m);
}

/** ConfigMap data and Secret data (decoded) and stringData, by kind/name: what envFrom and valueFrom read. */
export function envSources(resources: readonly Manifest[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const r of resources) {
    const kind = kindOf(r);
    if (kind !== 'ConfigMap' && kind !== 'Secret') continue;
    const metadata = r['metadata'];
    const name = isJsonObject(metadata) ? metadata['name'] : undefined;
    if (typeof name !== 'string') continue;
    const values = new Map<string, string>();
    for (const field of ['data', 'stringData'] as const) {
      const data = r[field];
      if (!isJsonObject(data)) continue;
      for (const [k, v] of Object.entries(data)) {
        if (typeof v === 'string') values.set(k, kind === 'Secret' && field === 'data' ? Buffer.from(v, 'base64').toString('utf8') : v);
      }
    }
    out.set(`${kind}/${name}`, values);
  }
  return out;
}

/**
 * The values an env entry's `valueFrom` reads from the render's ConfigMap and
 * Secret keys (`envSources`), in field order; none for a ref the render lacks.
 */
export function envRefValues(from: unknown, sources: () => ReadonlyMap<string, ReadonlyMap<string, string>>): string[] {
  if (!isJsonObject(from)) return [];
  const values: string[] = [];
  for (const [field, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
    const ref = from[field];
    if (!isJsonObject(ref) || typeof ref['name'] !== 'string' || typeof ref['key'] !== 'string') continue;
    const value = sources().get(`${kind}/${ref['name']}`)?.get(ref['key']);
    if (value !== undefined) values.push(value);
  }
  return values;
}

/** Kubernetes' $(VAR) expansion of a container's command, args and env (missing names stay as written). */
export function expandVars(text: string, vars: ReadonlyMap<string, string>): string {
  // Most words hold no reference: no regex run for them.
  if (!text.includes('$(')) return text;
  return text.replace(/\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string) => vars.get(name) ?? m);
}
