/**
 * A shell variable whose value the repository fixes: assigned from a
 * command substitution that reads no variable and no file but a ConfigMap's
 * (or inline words alone), e.g. `PW=$(uudecode -o /dev/stdout /cfg/pw.uu)`,
 * `PW=$(base64 -d /cfg/pw.b64 | unlzma)`, `PW=$(echo BLOB | base64 -d)`.
 * Whatever the encoding, the value is in git: a store user given it has a
 * committed password (store-users.ts), without the gate decoding uuencode or
 * LZMA itself.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';

/** Devices a decoder names that hold no data of their own. */
const DEVICES = new Set(['/dev/stdout', '/dev/stdin', '/dev/stderr', '/dev/null']);

/** Whether `$name` is assigned only from committed data in the script. */
export function committedVariable(script: string, name: string, committedFile: (path: string) => boolean): boolean {
  const assign = new RegExp(`(?:^|[\\s;&|(])${name}=["']?\\$\\(([^()]*)\\)`, 'g');
  let found = false;
  for (const m of script.matchAll(assign)) {
    const body = m[1] ?? '';
    if (body.includes('$') || body.includes('`')) return false;
    const files = (body.match(/(?:^|[\s<=])(\/[^\s'"|;&)<>]+)/g) ?? []).map((f) => f.replace(/^[\s<=]/, '')).filter((f) => !DEVICES.has(f));
    if (!files.every(committedFile)) return false;
    found = true;
  }
  return found;
}

/** The mount paths of a container backed by ConfigMaps (plain or projected): files in git. */
export function configMapMounts(container: JsonObject, podSpec: JsonObject): string[] {
  const byName = new Map<string, JsonObject>();
  for (const v of Array.isArray(podSpec['volumes']) ? podSpec['volumes'] : []) if (isJsonObject(v) && typeof v['name'] === 'string') byName.set(v['name'], v);
  const out: string[] = [];
  for (const m of Array.isArray(container['volumeMounts']) ? container['volumeMounts'] : []) {
    if (!isJsonObject(m) || typeof m['name'] !== 'string' || typeof m['mountPath'] !== 'string') continue;
    const v = byName.get(m['name']);
    const projected = v !== undefined && isJsonObject(v['projected']) && Array.isArray(v['projected']['sources']) ? v['projected']['sources'] : [];
    const onlyConfigMaps = projected.length > 0 && projected.every((s) => isJsonObject(s) && isJsonObject(s['configMap']));
    if (v !== undefined && (isJsonObject(v['configMap']) || onlyConfigMaps)) out.push(m['mountPath'].replace(/\/+$/, ''));
  }
  return out;
}
