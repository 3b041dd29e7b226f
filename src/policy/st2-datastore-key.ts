/**
 * Whether every st2 process of a namespace reads the same datastore key
 * (ST2-HRD-014 `datastore-key-split`, the tenth attacker's wl-crypto-key-split).
 */
import { isJsonObject, kindOf, type Manifest } from '../core/manifest.js';
import type { TransportFact, TransportWords } from './st2-transport.js';

type Path = Array<string | number>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The datastore key as each st2 process reads it: values st2api encrypts (`st2 key set
 * --encrypt`) are decrypted by the runners, rules and workflow engines with their own key, so
 * every process of a namespace must mount the same one. A key is known by what fills its Secret:
 * an ExternalSecret's remote reference (two Secrets fetching one remote value agree), else the
 * rendered Secret's data. Containers whose key differs from the one most of them mount are
 * reported (all of them on a tie); the key's value never leaves this function.
 */
export function keySplits(resources: readonly Manifest[], chains: Readonly<Record<string, ReadonlyArray<{ readonly path: Path; readonly transport: TransportWords }>>>): TransportFact[] {
  const mounted: Array<{ resource: number; path: Path; ns: string; name: string; secret: { ns: string; name: string; key: string } }> = [];
  for (const [key, list] of Object.entries(chains)) for (const c of list) if (c.transport.key_secret !== null) mounted.push({ resource: Number(key), path: c.path, ns: c.transport.key_secret.ns, name: c.transport.key_secret.name, secret: c.transport.key_secret });
  if (new Set(mounted.map((m) => `${m.ns}/${m.name}/${m.secret.key}`)).size < 2) return [];
  const identity = secretIdentities(resources);
  const out: TransportFact[] = [];
  for (const ns of new Set(mounted.map((m) => m.ns))) {
    const known = mounted.filter((m) => m.ns === ns).map((m) => ({ ...m, id: identity(m.ns, m.name, m.secret.key) })).filter((m) => m.id !== undefined);
    const counts = new Map<string, number>();
    for (const m of known) counts.set(m.id ?? '', (counts.get(m.id ?? '') ?? 0) + 1);
    if (counts.size < 2) continue;
    const most = Math.max(...counts.values());
    const majority = [...counts].filter(([, n]) => n === most);
    const reference = majority.length === 1 ? majority[0]?.[0] : undefined;
    for (const m of known) if (m.id !== reference) out.push({ resource: m.resource, path: m.path, problem: 'datastore-key-split', detail: m.name });
  }
  return out;
}

/** What fills a Secret's key in the render: an ExternalSecret's remote reference or the Secret's own data; undefined when the render does not say. */
function secretIdentities(resources: readonly Manifest[]): (ns: string, name: string, key: string) => string | undefined {
  const byName = new Map<string, (key: string) => string | undefined>();
  for (const r of resources) {
    const meta = isJsonObject(r['metadata']) ? r['metadata'] : {};
    const ns = typeof meta['namespace'] === 'string' ? meta['namespace'] : '';
    const kind = kindOf(r);
    if (kind === 'ExternalSecret' && isJsonObject(r['spec'])) {
      const spec = r['spec'];
      const target = isJsonObject(spec['target']) ? spec['target'] : {};
      const name = typeof target['name'] === 'string' ? target['name'] : meta['name'];
      const store = isJsonObject(spec['secretStoreRef']) ? `${str(spec['secretStoreRef']['kind']) || 'SecretStore'}/${str(spec['secretStoreRef']['name'])}` : '';
      const templated = isJsonObject(target['template']) && isJsonObject(target['template']['data']) ? target['template']['data'] : {};
      const data: unknown[] = Array.isArray(spec['data']) ? spec['data'] : [];
      if (typeof name !== 'string') continue;
      byName.set(`${ns}/${name}`, (key) => {
        if (key in templated) return undefined;
        const entry = data.find((d) => isJsonObject(d) && d['secretKey'] === key);
        const ref = isJsonObject(entry) && isJsonObject(entry['remoteRef']) ? entry['remoteRef'] : undefined;
        return ref === undefined ? undefined : `remote ${store} ${str(ref['key'])} ${str(ref['property'])} ${str(ref['version'])}`;
      });
    } else if (kind === 'Secret' && typeof meta['name'] === 'string') {
      const data = isJsonObject(r['data']) ? r['data'] : {};
      const stringData = isJsonObject(r['stringData']) ? r['stringData'] : {};
      byName.set(`${ns}/${meta['name']}`, (key) => {
        const v = stringData[key] ?? (typeof data[key] === 'string' ? Buffer.from(data[key], 'base64').toString('latin1') : undefined);
        return typeof v === 'string' ? `value ${v}` : undefined;
      });
    }
  }
  return (ns, name, key) => (byName.get(`${ns}/${name}`) ?? byName.get(`/${name}`))?.(key);
}
