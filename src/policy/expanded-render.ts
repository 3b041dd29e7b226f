/**
 * The objects the policy judges: the render's own, then every manifest
 * carried inside one of them (embedded-manifests.ts: a Crossplane Object's
 * manifest, a Kyverno generate rule's data, the manifests a workload
 * applies from a ConfigMap it mounts). Embedded objects are appended after
 * the render's, so indices below `own` are the render's; a finding on an
 * embedded one is moved onto its carrier (`toCarrier`). The carrier's pod
 * specs that belong to an embedded object are left to that object, so
 * nothing is counted twice.
 */
import type { Manifest } from '../core/manifest.js';
import { collectClusterWrites, type ClusterWrite } from './cluster-writes.js';
import { collectEmbedded, isUnder, type EmbeddedManifest } from './embedded-manifests.js';
import type { RawFinding } from './engine.js';
import { collectLandingDuplicates, type LandingDuplicate } from './landing-duplicates.js';
import { collectPodUnits, type BadCount, type PodUnits } from './pod-templates.js';

type Path = Array<string | number>;

export interface ExpandedRender {
  /** The render's objects, then the embedded ones. */
  readonly manifests: readonly Manifest[];
  /** How many of `manifests` are the render's own. */
  readonly own: number;
  readonly embedded: readonly EmbeddedManifest[];
  readonly podUnits: Record<string, PodUnits>;
  readonly specPaths: Map<number, Path[]>;
  readonly bad: BadCount[];
  readonly clusterWrites: Record<string, ClusterWrite[]>;
  /** The render's objects landing as one (ST2-OPS-082's fact); equal copies but the last are blanked in `manifests`. */
  readonly landing: LandingDuplicate[];
}

export function expandRender(render: readonly Manifest[], namespace: string): ExpandedRender {
  const landing = collectLandingDuplicates(render, namespace);
  const own = judgedOnce(render, landing);
  const pods = collectPodUnits(own);
  const writes = collectClusterWrites(own, pods.specPaths, namespace);
  const embedded = collectEmbedded(own, writes.applied);
  if (embedded.length === 0) return { manifests: own, own: own.length, embedded, podUnits: pods.units, specPaths: pods.specPaths, bad: pods.bad, clusterWrites: writes.writes, landing };

  const manifests = [...own, ...embedded.map((e) => e.manifest)];
  const all = collectPodUnits(manifests);
  // The carriers' pod specs inside an embedded object are that object's.
  const bases = new Map<number, Path[]>();
  for (const e of embedded) bases.set(e.carrier, [...(bases.get(e.carrier) ?? []), e.base]);
  for (const [carrier, list] of bases) {
    const inside = (p: Path): boolean => list.some((b) => isUnder(p, b));
    const key = String(carrier);
    const units = all.units[key];
    if (units !== undefined) {
      const kept = { specs: units.specs.filter((s) => !inside(s.path)), loose: units.loose.filter((l) => !inside(l.path)) };
      if (kept.specs.length === 0 && kept.loose.length === 0) delete all.units[key];
      else all.units[key] = kept;
    }
    const paths = all.specPaths.get(carrier)?.filter((p) => !inside(p));
    if (paths !== undefined) {
      if (paths.length === 0) all.specPaths.delete(carrier);
      else all.specPaths.set(carrier, paths);
    }
  }
  // Writes made by embedded workloads (an Object carrying a Job that runs kubectl scale); their own applied files are not followed again.
  const embeddedSpecs = new Map([...all.specPaths].filter(([index]) => index >= own.length));
  const more = collectClusterWrites(manifests, embeddedSpecs, namespace);
  const bad = all.bad.map((b) => (b.index < own.length ? b : carrierCount(b, embedded, own.length)));
  return { manifests, own: own.length, embedded, podUnits: all.units, specPaths: all.specPaths, bad, clusterWrites: { ...writes.writes, ...more.writes }, landing };
}

/**
 * Copies equal once landed are one object of the cluster: judged once, as
 * the last (the one Argo CD applies); the others become empty objects, which
 * no rule or fact reads, their indices kept. Differing copies are all judged.
 */
function judgedOnce(render: readonly Manifest[], landing: readonly LandingDuplicate[]): readonly Manifest[] {
  if (!landing.some((d) => !d.differ)) return render;
  const out = [...render];
  for (const d of landing) if (!d.differ) for (const i of d.resources.slice(0, -1)) out[i] = {};
  return out;
}

function carrierCount(b: BadCount, embedded: readonly EmbeddedManifest[], own: number): BadCount {
  const e = embedded[b.index - own];
  return e === undefined ? b : { index: e.carrier, path: e.locate(b.path), value: b.value };
}

/** Findings on embedded objects moved onto their carriers; one the carrier already has at that field (a string searched in both) is dropped. */
export function toCarrier(expanded: ExpandedRender, raw: readonly RawFinding[]): RawFinding[] {
  if (expanded.embedded.length === 0) return [...raw];
  const key = (f: RawFinding): string => JSON.stringify([f.rule, f.severity, f.resource, f.path]);
  const own = raw.filter((f) => f.resource < expanded.own);
  const seen = new Set(own.map(key));
  const out = [...own];
  for (const f of raw) {
    const e = f.resource >= expanded.own ? expanded.embedded[f.resource - expanded.own] : undefined;
    if (e === undefined) continue;
    const moved: RawFinding = { ...f, resource: e.carrier, path: e.locate(f.path), params: { ...f.params, embedded: `${String(e.manifest['kind'])} ${nameOf(e.manifest)}` } };
    if (seen.has(key(moved))) continue;
    seen.add(key(moved));
    out.push(moved);
  }
  return out;
}

/** Each embedded object's index in the policy input → its carrier's (a scaler on the carrier scales what it carries). */
export function embeddedCarriers(expanded: ExpandedRender): Record<string, number> {
  const out: Record<string, number> = {};
  expanded.embedded.forEach((e, k) => (out[String(expanded.own + k)] = e.carrier));
  return out;
}

function nameOf(m: Manifest): string {
  const meta = m['metadata'];
  const name = meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? (meta as Record<string, unknown>)['name'] : undefined;
  return typeof name === 'string' ? name : '';
}
