/**
 * Manifests carried inside other objects, which a controller applies as
 * they are written: a Crossplane provider-kubernetes Object's
 * spec.forProvider.manifest, a Kyverno generate rule's data (and each of its
 * foreach entries' data), and the manifests a workload applies from a
 * ConfigMap it mounts (see cluster-writes.ts). The gate judges each as if it
 * were an object of the render, in the namespace it targets, so a
 * LoadBalancer for MongoDB inside an Object is a LoadBalancer for MongoDB,
 * while a generate rule that adds a NetworkPolicy stays allowed. What a
 * delivery object fetches from elsewhere (Git, Helm, a clone of a live
 * object) cannot be judged: ST2-OPS-001 refuses that instead.
 *
 * Findings on an embedded object are reported on the object carrying it, at
 * the field that holds it. Walking objects only (a Kyverno or Crossplane
 * kind's few fields) keeps this cheap; a render without such kinds costs one
 * kind lookup per resource.
 */
import { parseAllDocuments } from 'yaml';
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';

type Path = Array<string | number>;

export interface EmbeddedManifest {
  /** Index of the render's own object that carries it (through every level of nesting). */
  readonly carrier: number;
  /** Where this object's pod specs (and everything else of it) sit inside the carrier: never judged as the carrier's own. */
  readonly base: Path;
  readonly manifest: Manifest;
  /** The carrier's field a finding at `path` inside the embedded object points to. */
  readonly locate: (path: ReadonlyArray<string | number>) => Path;
}

/** Nesting followed (an Object carrying a Kyverno policy carrying data), and embedded objects taken in all. */
const MAX_DEPTH = 3;
const MAX_EMBEDDED = 2000;
/** A ConfigMap text longer than this is not parsed for manifests (a manifest file is a few KiB). */
const MAX_TEXT = 256 * 1024;

const KYVERNO_POLICY_KINDS = new Set(['ClusterPolicy', 'Policy']);

const apiVersionOf = (m: JsonObject): string => (typeof m['apiVersion'] === 'string' ? m['apiVersion'] : '');
const namespaceOf = (m: JsonObject): string | undefined => {
  const meta = m['metadata'];
  const ns = isJsonObject(meta) ? meta['namespace'] : undefined;
  return typeof ns === 'string' && ns !== '' ? ns : undefined;
};

/** A namespace a controller resolves at run time ("{{request.object.metadata.name}}") is left out: the object lands where the render does. */
const literalNamespace = (ns: unknown): string | undefined => (typeof ns === 'string' && ns !== '' && !ns.includes('{{') ? ns : undefined);

function withNamespace(manifest: JsonObject, ns: string | undefined): JsonObject {
  if (ns === undefined || namespaceOf(manifest) !== undefined) return manifest;
  const meta = isJsonObject(manifest['metadata']) ? manifest['metadata'] : {};
  return { ...manifest, metadata: { ...meta, namespace: ns } };
}

interface Found {
  readonly base: Path;
  readonly manifest: Manifest;
  readonly locate: (path: ReadonlyArray<string | number>) => Path;
}

/** Crossplane provider-kubernetes: kubernetes.crossplane.io (cluster-scoped) and kubernetes.m.crossplane.io (namespaced) Objects. */
function crossplaneObjects(m: Manifest): Found[] {
  if (m['kind'] !== 'Object' || !/^kubernetes\.(m\.)?crossplane\.io\//.test(apiVersionOf(m))) return [];
  const spec = m['spec'];
  const forProvider = isJsonObject(spec) ? spec['forProvider'] : undefined;
  const manifest = isJsonObject(forProvider) ? forProvider['manifest'] : undefined;
  if (!isJsonObject(manifest)) return [];
  const base: Path = ['spec', 'forProvider', 'manifest'];
  // A namespaced Object applies a namespace-less manifest into its own namespace.
  const ns = apiVersionOf(m).startsWith('kubernetes.m.') ? namespaceOf(m) : undefined;
  return [{ base, manifest: withNamespace(manifest, ns), locate: (p) => [...base, ...p] }];
}

/** One generate entry with inline data: the object Kyverno creates from it. */
function generated(entry: JsonObject, base: Path, policyNamespace: string | undefined): Found | undefined {
  const data = entry['data'];
  if (!isJsonObject(data)) return undefined;
  const meta = isJsonObject(data['metadata']) ? data['metadata'] : {};
  const manifest: JsonObject = { ...data, apiVersion: entry['apiVersion'], kind: entry['kind'], metadata: { ...meta, name: entry['name'] } };
  // A namespaced Policy generates only into its own namespace.
  const ns = policyNamespace ?? literalNamespace(entry['namespace']);
  const locate = (p: ReadonlyArray<string | number>): Path => {
    const [head, next] = p;
    if (head === 'apiVersion' || head === 'kind') return [...base, head];
    if (head === 'metadata' && (next === 'name' || next === 'namespace')) return [...base, next];
    return [...base, 'data', ...p];
  };
  return { base, manifest: withNamespace(manifest, ns), locate };
}

function kyvernoGenerated(m: Manifest): Found[] {
  if (!KYVERNO_POLICY_KINDS.has(String(m['kind'])) || !apiVersionOf(m).startsWith('kyverno.io/')) return [];
  const spec = m['spec'];
  const rules = isJsonObject(spec) ? spec['rules'] : undefined;
  if (!Array.isArray(rules)) return [];
  const policyNamespace = m['kind'] === 'Policy' ? namespaceOf(m) : undefined;
  const out: Found[] = [];
  rules.forEach((rule, j) => {
    const generate = isJsonObject(rule) ? rule['generate'] : undefined;
    if (!isJsonObject(generate)) return;
    const base: Path = ['spec', 'rules', j, 'generate'];
    const one = generated(generate, base, policyNamespace);
    if (one) out.push(one);
    const foreach = generate['foreach'];
    if (!Array.isArray(foreach)) return;
    foreach.forEach((item, k) => {
      // A foreach entry names its own target; what it leaves out it takes from the rule.
      if (!isJsonObject(item)) return;
      const merged = { apiVersion: generate['apiVersion'], kind: generate['kind'], name: generate['name'], namespace: generate['namespace'], ...item };
      const each = generated(merged, [...base, 'foreach', k], policyNamespace);
      if (each) out.push(each);
    });
  });
  return out;
}

/** The Kubernetes objects among a text's YAML documents (a ConfigMap's manifest file). */
export function manifestsInText(text: string): Manifest[] {
  if (text.length > MAX_TEXT || !/^\s*kind\s*:/m.test(text)) return [];
  const out: Manifest[] = [];
  try {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) continue;
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      const items = isJsonObject(value) && value['kind'] === 'List' && Array.isArray(value['items']) ? value['items'] : [value];
      for (const item of items) if (isJsonObject(item) && typeof item['kind'] === 'string' && typeof item['apiVersion'] === 'string') out.push(item);
    }
  } catch {
    // Not YAML at all: nothing is applied from it.
    return [];
  }
  return out;
}

/** A ConfigMap key whose manifests a workload applies, and the namespace they land in (kubectl -n, else the workload's). */
export interface AppliedText {
  readonly carrier: number;
  readonly key: string;
  readonly field: 'data' | 'binaryData' | 'stringData';
  readonly text: string;
  readonly namespace: string | undefined;
}

const FINDERS = [crossplaneObjects, kyvernoGenerated];

/** Kinds that can carry an inline manifest: a render with none of them costs one set lookup per resource. */
const CARRIER_KINDS = new Set(['Object', ...KYVERNO_POLICY_KINDS]);

/**
 * Every embedded manifest of the render, nested ones included, with the
 * manifests applied from ConfigMaps (found by cluster-writes.ts).
 */
export function collectEmbedded(manifests: readonly Manifest[], applied: readonly AppliedText[] = []): EmbeddedManifest[] {
  const out: EmbeddedManifest[] = [];
  let level: EmbeddedManifest[] = [];
  manifests.forEach((m, index) => {
    if (!CARRIER_KINDS.has(String(m['kind']))) return;
    for (const f of FINDERS.flatMap((find) => find(m))) level.push({ carrier: index, ...f });
  });
  for (const a of applied) {
    const base: Path = [a.field, a.key];
    for (const manifest of manifestsInText(a.text)) level.push({ carrier: a.carrier, base, manifest: withNamespace(manifest, a.namespace), locate: () => base });
  }
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0 && out.length < MAX_EMBEDDED; depth++) {
    out.push(...level.slice(0, MAX_EMBEDDED - out.length));
    const next: EmbeddedManifest[] = [];
    for (const e of level) {
      if (!CARRIER_KINDS.has(String(e.manifest['kind']))) continue;
      for (const f of FINDERS.flatMap((find) => find(e.manifest))) {
        next.push({ carrier: e.carrier, base: e.locate(f.base), manifest: f.manifest, locate: (p) => e.locate(f.locate(p)) });
      }
    }
    level = next;
  }
  return out;
}

/** Whether `path` lies at or under `base`. */
export function isUnder(path: ReadonlyArray<string | number>, base: ReadonlyArray<string | number>): boolean {
  return base.length <= path.length && base.every((k, i) => path[i] === k);
}
