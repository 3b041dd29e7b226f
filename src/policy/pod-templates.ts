/**
 * Workloads by shape, wherever and however often their pods are described.
 * A pod spec is any object whose `containers` is a list of objects naming an
 * image, under any key (a Deployment's spec.template.spec, a KServe
 * predictor, a Crossplane Object's forProvider.manifest, each of a
 * PyTorchJob's or RayCluster's replica groups); a resource may hold several.
 * Each runs as many copies as the nearest object above it says (`replicas`,
 * `parallelism`, `maxReplicas`, `maxReplicaCount`: the largest), a Knative
 * template's max-scale annotation, or one per node (DaemonSet, BroadcastJob):
 * -1 for "more than one, unbounded". Containers outside any pod spec (an Argo
 * `script:` or `containerSet`, Tekton steps and sidecars) run too, once each.
 *
 * The usual case (one pod spec at the kind's usual place, counted as the
 * policies count it) is left to the policies; this fact describes the rest,
 * by resource index, so no rule depends on a list of kinds (issue 12).
 * Walking objects only (never strings) keeps it cheap.
 */
import { isJsonObject, type Manifest } from '../core/manifest.js';

/**
 * Far deeper than any operator nests a pod template (Crossplane: spec.resources[].base.spec.forProvider.manifest.spec.template.spec
 * is 10); the render's own depth budget (100) bounds the walk anyway.
 */
const MAX_DEPTH = 64;

type Path = Array<string | number>;
type Json = Record<string, unknown>;

/** One pod spec of a resource: where it is, where its labels are, how many copies run. */
export interface PodSpecUnit {
  readonly path: Path;
  readonly labels: Path | null;
  readonly count: number;
}

/** A container outside any pod spec, and the object above it carrying pod-level flags (hostNetwork...). */
export interface LooseContainer {
  readonly path: Path;
  readonly flags: Path | null;
}

export interface PodUnits {
  readonly specs: PodSpecUnit[];
  readonly loose: LooseContainer[];
}

/** A count field that is not a whole number: bad input, refused before judging. */
export interface BadCount {
  readonly index: number;
  readonly path: Path;
  readonly value: unknown;
}

const COUNT_FIELDS = ['replicas', 'parallelism', 'maxReplicas', 'maxReplicaCount'];
/** Operator spellings of a member count (etcd-operator's size, MongoDB's members, CloudNativePG's instances): counted when numeric, never refused (size: 10Gi is a volume). */
const LENIENT_COUNT_FIELDS = ['size', 'members', 'instances'];
const PER_NODE_KINDS = new Set(['DaemonSet', 'BroadcastJob']);
const UNSCALED_KINDS = new Set(['Pod', 'Job', 'CronJob']);
const POD_FLAGS = ['hostNetwork', 'hostPID', 'hostIPC'];
const KNATIVE = 'autoscaling.knative.dev/';
const KRUISE_API = /^apps\.kruise\.io\//;

/** A list of containers of which at least one names an image (one without an image must not hide the rest). */
function isPodSpec(value: Json): boolean {
  const containers = value['containers'];
  return Array.isArray(containers) && containers.some((c) => isJsonObject(c) && typeof c['image'] === 'string');
}

/** Keys under which tools put a container to run (Argo's container/script, Tekton's steps and sidecars). */
const CONTAINER_KEYS = new Set(['container', 'script', 'containers', 'initContainers', 'sidecars', 'steps']);
const CONTAINER_FIELDS = ['command', 'args', 'script', 'source', 'name'];

/**
 * An object that runs an image outside a pod spec: an image under a key that
 * holds containers (an Argo `container: {image}` alone runs the image's
 * entrypoint), or an image beside what says what or whom. A bare `image` field
 * elsewhere (Flux's ImageRepository) only refers to an image.
 */
function isLooseContainer(value: Json, key: string | undefined): boolean {
  if (typeof value['image'] !== 'string') return false;
  return (key !== undefined && CONTAINER_KEYS.has(key)) || CONTAINER_FIELDS.some((k) => k in value);
}

/** The last key of a path (an array item's list key). */
function keyOf(path: Path): string | undefined {
  for (let k = path.length - 1; k >= 0; k--) {
    const part = path[k];
    if (typeof part === 'string') return part;
  }
  return undefined;
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Copies an object asks for: the largest of its count fields; undefined when it has none. */
function countOf(owner: Json, where: Path, bad: Path[]): number | undefined {
  let found: number | undefined;
  for (const field of COUNT_FIELDS) {
    if (!(field in owner)) continue;
    const value = owner[field];
    if (!isCount(value)) {
      bad.push([...where, field]);
      continue;
    }
    found = Math.max(found ?? 0, value as number);
  }
  for (const field of LENIENT_COUNT_FIELDS) {
    const value = owner[field];
    if (isCount(value)) found = Math.max(found ?? 0, value as number);
  }
  // An autoscaler bound without a maximum (KServe's minReplicas alone) scales without limit.
  if (found === undefined && ('minReplicas' in owner || 'minReplicaCount' in owner)) return -1;
  return found;
}

/** Knative scales a revision by its template's annotations: max-scale bounds it, otherwise it is unbounded. */
function knativeCount(template: unknown): number | undefined {
  if (!isJsonObject(template)) return undefined;
  const meta = template['metadata'];
  const annotations = isJsonObject(meta) ? meta['annotations'] : undefined;
  if (!isJsonObject(annotations)) return undefined;
  const keys = Object.keys(annotations).filter((k) => k.startsWith(KNATIVE));
  if (keys.length === 0) return undefined;
  const max = Number(annotations[`${KNATIVE}max-scale`] ?? annotations[`${KNATIVE}maxScale`]);
  return Number.isInteger(max) && max > 0 ? max : -1;
}

/** The policies' own count of a resource's usual template (lib.replicas). */
function usualCount(manifest: Manifest): number {
  const kind = manifest['kind'];
  if (kind === 'DaemonSet') return -1;
  if (typeof kind === 'string' && UNSCALED_KINDS.has(kind)) return 1;
  const spec = manifest['spec'];
  const n = isJsonObject(spec) ? (spec['replicas'] ?? 1) : 1;
  return typeof n === 'number' ? n : 1;
}

function usualPath(manifest: Manifest): Path | undefined {
  if (manifest['kind'] === 'Pod') return ['spec'];
  const spec = manifest['spec'];
  if (!isJsonObject(spec)) return undefined;
  const template = spec['template'];
  if (isJsonObject(template) && isJsonObject(template['spec'])) return ['spec', 'template', 'spec'];
  const job = spec['jobTemplate'];
  const jobSpec = isJsonObject(job) ? job['spec'] : undefined;
  const jobTemplate = isJsonObject(jobSpec) ? jobSpec['template'] : undefined;
  if (isJsonObject(jobTemplate) && isJsonObject(jobTemplate['spec'])) return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  return undefined;
}

/**
 * Admission policies describe pods to match or validate (Kyverno's
 * `validate.pattern: {spec: {containers: [{image: "!*:latest"}]}}`): those
 * blocks are patterns, not pods that run. `mutate` and `generate` are walked
 * (they add containers or create resources that do run).
 */
const POLICY_API = /^(?:[a-z0-9.-]*\.)?(?:kyverno\.io|gatekeeper\.sh)\//;
const PATTERN_KEYS = new Set(['validate', 'match', 'exclude', 'preconditions', 'verifyImages', 'validation', 'validations']);

const samePath = (a: Path, b: Path): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Every pod spec and loose container of one resource, with the bad counts met on the way. */
function unitsOf(manifest: Manifest): { units: PodUnits; bad: Path[] } {
  const specs: PodSpecUnit[] = [];
  const loose: LooseContainer[] = [];
  const bad: Path[] = [];
  const kind = typeof manifest['kind'] === 'string' ? manifest['kind'] : '';
  const policy = typeof manifest['apiVersion'] === 'string' && POLICY_API.test(manifest['apiVersion']);
  // Objects from the root down to the current one, with their paths.
  const stack: Array<{ value: Json; path: Path }> = [];
  const path: Path = [];

  const unitCount = (specPath: Path, podSpec: Json): number => {
    if (PER_NODE_KINDS.has(kind) && specPath.length <= 3) return -1;
    // OpenKruise: a SidecarSet's containers are injected into every pod it selects; a
    // UnitedDeployment runs its spec.replicas (default 1) over its subsets, whatever its
    // template's own replicas say.
    if (kind === 'SidecarSet' && KRUISE_API.test(String(manifest['apiVersion']))) return -1;
    if (kind === 'UnitedDeployment' && KRUISE_API.test(String(manifest['apiVersion']))) {
      const total = (manifest['spec'] as Json)['replicas'] ?? 1;
      if (isCount(total)) return total as number;
    }
    if (kind === 'ScaledJob') return typeof (manifest['spec'] as Json)['maxReplicaCount'] === 'number' ? ((manifest['spec'] as Json)['maxReplicaCount'] as number) : 100;
    // The template holding the pod spec (Knative) is the innermost object on the stack.
    const knative = knativeCount(stack[stack.length - 1]?.value);
    if (knative !== undefined) return knative;
    // An inline pod spec carrying its own bounds (KServe's predictor: containers beside min/maxReplicas).
    const own = countOf(podSpec, specPath, bad);
    if (own !== undefined) return own;
    for (let k = stack.length - 1; k >= 0; k--) {
      const frame = stack[k];
      if (frame === undefined) continue;
      const n = countOf(frame.value, frame.path, bad);
      if (n !== undefined) return n;
    }
    return 1;
  };

  const flagsAbove = (): Path | null => {
    for (let k = stack.length - 1; k >= 0; k--) {
      const frame = stack[k];
      if (frame && POD_FLAGS.some((f) => frame.value[f] !== undefined)) return [...frame.path];
    }
    return null;
  };

  const walk = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (typeof item !== 'object' || item === null) return;
        path.push(i);
        walk(item, depth + 1);
        path.pop();
      });
      return;
    }
    if (!isJsonObject(value)) return;
    if (path.length > 0 && isPodSpec(value)) {
      const parent = stack[stack.length - 1];
      const labels = parent && path[path.length - 1] === 'spec' && isJsonObject(parent.value['metadata']) ? [...parent.path, 'metadata', 'labels'] : null;
      specs.push({ path: [...path], labels, count: unitCount([...path], value) });
      return;
    }
    if (path.length > 0 && isLooseContainer(value, keyOf(path))) {
      loose.push({ path: [...path], flags: flagsAbove() });
      return;
    }
    stack.push({ value, path: [...path] });
    for (const key in value) {
      const child = value[key];
      if (typeof child !== 'object' || child === null || key === 'metadata' || key === 'status') continue;
      if (policy && PATTERN_KEYS.has(key)) continue;
      path.push(key);
      walk(child, depth + 1);
      path.pop();
    }
    stack.pop();
  };
  if (kind === 'Pod' && isJsonObject(manifest['spec']) && isPodSpec(manifest['spec'])) {
    specs.push({ path: ['spec'], labels: ['metadata', 'labels'], count: 1 });
  } else {
    walk(manifest, 0);
  }
  return { units: { specs, loose }, bad };
}

/**
 * {resource index: units} for resources whose pods are not just one usual
 * template counted the usual way, and the count fields that are not whole
 * numbers (the caller refuses those as bad input).
 */
export function collectPodUnits(resources: readonly Manifest[]): { units: Record<string, PodUnits>; bad: BadCount[]; specPaths: Map<number, Path[]> } {
  const out: Record<string, PodUnits> = {};
  const badCounts: BadCount[] = [];
  // Every pod spec of every resource, the usual ones too (st2-chains.ts reads each container's files).
  const specPaths = new Map<number, Path[]>();
  resources.forEach((manifest, index) => {
    if (!isJsonObject(manifest['spec'])) return;
    const { units, bad } = unitsOf(manifest);
    for (const p of bad) badCounts.push({ index, path: p, value: valueAt(manifest, p) });
    if (units.specs.length > 0) specPaths.set(index, units.specs.map((s) => s.path));
    if (units.specs.length === 0 && units.loose.length === 0) return;
    const usual = usualPath(manifest);
    const [only] = units.specs;
    const plain = units.loose.length === 0 && units.specs.length === 1 && only !== undefined && usual !== undefined && samePath(only.path, usual) && only.count === usualCount(manifest);
    if (!plain) out[String(index)] = units;
  });
  return { units: out, bad: badCounts, specPaths };
}

function valueAt(manifest: Manifest, p: Path): unknown {
  let v: unknown = manifest;
  for (const k of p) v = Array.isArray(v) ? v[k as number] : isJsonObject(v) ? v[k as string] : undefined;
  return v;
}
