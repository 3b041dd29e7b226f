/**
 * What each rendered pod spec needs from the cluster before it can run (the
 * eighth red team's "renders fine, never runs" class), read once per render
 * so the policies (operations_pods.rego) compare plain values with the
 * cluster the policy bundle describes (data.settings.cluster):
 *
 * - the cluster objects and node files a pod names (scheduler, RuntimeClass,
 *   PriorityClass, ServiceAccount, Localhost seccomp and AppArmor profiles);
 * - the architectures and operating systems its node selector and required
 *   node affinity leave (undefined: any);
 * - what the scheduler reserves for it: max(sum of the containers, largest
 *   init container), a request defaulting to its limit, and extended resources;
 * - the Pod Security Standards checks it fails (pod-security.ts);
 * - the files its containers are told to read (--config-file) as the kubelet
 *   writes them: a Secret, ConfigMap or projected volume's mode and group,
 *   and the uid, gid and groups the process runs with;
 * - its probes' and postStart hooks' ports (probe-facts.ts), and store probes that never pass (probe-never.ts);
 * - the readiness gates and scheduling gates it waits for (a controller must set or remove them);
 * - the sizeLimit of emptyDir volumes its init containers fill with st2's packs (packs-volumes.ts);
 * - store variables its programs cannot parse, written or injected by Service links (env-links.ts);
 * - service containers whose command never runs their service (service-replaced.ts).
 *
 * Linear: every pod spec is walked once; nothing here compares two objects.
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import { forEachContainerOf, forEachPodSpec, objectAt as objectIn, type ContainerAt, type ContainerField, type PodSpecAt } from './container-walk.js';
import { podSecurityFailures } from './pod-security.js';
import { parseQuantity } from './quantity.js';
import { collectProbes, type ProbeFact } from './probe-facts.js';
import { collectNeverProbes, type ProbeNeverFact } from './probe-never.js';
import { packsVolumes, type PacksVolumeFact } from './packs-volumes.js';
import { initWaits, type InitWait } from './init-waits.js';
import { envLinks, serviceLinkVariables, type EnvLinkFact } from './env-links.js';
import { renderedKeys } from './env-link-keys.js';
import { collectReplacedServices, type ServiceReplacedFact } from './service-replaced.js';

type Path = Array<string | number>;

export interface PodRef {
  readonly resource: number;
  readonly path: Path;
  readonly ref: 'scheduler' | 'runtime_class' | 'priority_class' | 'service_account' | 'seccomp_localhost' | 'apparmor_localhost' | 'topology_key' | 'readiness_gate' | 'scheduling_gate';
  readonly value: string;
}

export interface PlacementFact {
  readonly resource: number;
  readonly path: Path;
  /** Values of kubernetes.io/arch the pod may land on; absent: any. */
  readonly arch?: string[];
  readonly os?: string[];
  /** Image repositories of every container (init ones too: each must run on the node). */
  readonly images: string[];
}

export interface RequestFact {
  readonly resource: number;
  readonly path: Path;
  readonly cpu: number;
  readonly memory: number;
  /** Extended resources (vendor.example/gpu): name -> amount. */
  readonly extended: Record<string, number>;
}

export interface PsaFact {
  readonly resource: number;
  readonly path: Path;
  readonly baseline: string[];
  readonly restricted: string[];
}

export interface FileReadFact {
  readonly resource: number;
  /** The container's path. */
  readonly path: Path;
  readonly file: string;
  /** The file's permission bits and group as the kubelet leaves them (owner is always root). */
  readonly mode: number;
  /** The mode written as ls -l's octal (for messages). */
  readonly octal: string;
  readonly group: number;
  /** The process's uid (-1: the image's user), gid (-1: the image's) and supplementary groups. */
  readonly uid: number;
  readonly gid: number;
  readonly groups: number[];
  readonly image: string;
}

export interface PodFacts {
  readonly pod_refs: PodRef[];
  readonly pod_placement: PlacementFact[];
  readonly pod_requests: RequestFact[];
  readonly pod_security: PsaFact[];
  readonly file_reads: FileReadFact[];
  readonly probe_ports: ProbeFact[];
  /** Store probes that can never pass (probe-never.ts). */
  readonly probe_never: ProbeNeverFact[];
  /** Init containers polling a cluster Service (`nc -z svc port`), src/policy/init-waits.ts. */
  readonly init_waits: InitWait[];
  readonly packs_volumes: PacksVolumeFact[];
  /** Store variables a program cannot parse, written or injected by Service links (env-links.ts). */
  readonly env_links: EnvLinkFact[];
  /** Service containers whose command never runs their service (service-replaced.ts). */
  readonly service_replaced: ServiceReplacedFact[];
}

const ARCH_KEYS = ['kubernetes.io/arch', 'beta.kubernetes.io/arch'];
const OS_KEYS = ['kubernetes.io/os', 'beta.kubernetes.io/os'];
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';
// Core resources the scheduler always knows; anything else with a domain is an extended resource.
const CORE_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage']);

const objectAt = (v: unknown, key: string): JsonObject => {
  if (!isJsonObject(v)) return {};
  const o = v[key];
  return isJsonObject(o) ? o : {};
};
const listAt = (v: unknown, key: string): unknown[] => {
  if (!isJsonObject(v)) return [];
  const l = v[key];
  return Array.isArray(l) ? l : [];
};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

const ALL_FIELDS: readonly ContainerField[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** Every container of a pod spec (init, main, ephemeral) through the shared walk. */
function containersOf(at: PodSpecAt): ContainerAt[] {
  const out: ContainerAt[] = [];
  forEachContainerOf(at, ALL_FIELDS, (c) => out.push(c));
  return out;
}

export function imageRepo(image: unknown): string {
  if (typeof image !== 'string') return '';
  let s = image.split('@')[0] ?? '';
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  if (colon > slash) s = s.slice(0, colon);
  // docker.io/library/mongo and mongo are one repository.
  return s.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
}

export function collectPodFacts(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, landing = 'default'): PodFacts {
  const out: PodFacts = { pod_refs: [], pod_placement: [], pod_requests: [], pod_security: [], file_reads: [], probe_ports: [], probe_never: [], init_waits: [], packs_volumes: [], env_links: [], service_replaced: [] };
  const links = { links: serviceLinkVariables(resources, landing), keysOf: renderedKeys(resources, landing), landing };
  forEachPodSpec(resources, specPaths, (at) => {
    const { index: resource, specPath, podSpec: spec } = at;
    const meta = objectAt(objectIn(at.manifest, specPath.slice(0, -1)) ?? {}, 'metadata');
    const containers = containersOf(at);
    collectRefs(out, resource, specPath, spec, meta, containers);
    out.pod_placement.push(placement(resource, specPath, spec, containers));
    out.pod_requests.push(requests(resource, specPath, containers));
    const psa = podSecurityFailures(spec, objectAt(meta, 'annotations'));
    out.pod_security.push({ resource, path: specPath, baseline: psa.baseline, restricted: psa.restricted });
    collectFileReads(out, resource, spec, containers);
    collectProbes(out.probe_ports, resource, containers);
    collectNeverProbes(out.probe_never, resource, containers);
    packsVolumes(out.packs_volumes, resource, specPath, spec, containers);
    out.init_waits.push(...initWaits(resource, spec, containers));
    envLinks(out.env_links, links, resource, at.manifest, spec, containers);
    collectReplacedServices(out.service_replaced, at, containers);
  });
  return out;
}

function collectRefs(out: PodFacts, resource: number, specPath: Path, spec: JsonObject, meta: JsonObject, containers: readonly ContainerAt[]): void {
  const push = (path: Path, ref: PodRef['ref'], value: unknown): void => {
    const v = str(value);
    if (v !== undefined) out.pod_refs.push({ resource, path, ref, value: v });
  };
  push([...specPath, 'schedulerName'], 'scheduler', spec['schedulerName']);
  push([...specPath, 'runtimeClassName'], 'runtime_class', spec['runtimeClassName']);
  push([...specPath, 'priorityClassName'], 'priority_class', spec['priorityClassName']);
  // The ServiceAccount admission plugin refuses a pod naming a ServiceAccount its namespace lacks;
  // the API's conversion copies the deprecated serviceAccount when serviceAccountName is unset.
  if (str(spec['serviceAccountName']) !== undefined) push([...specPath, 'serviceAccountName'], 'service_account', spec['serviceAccountName']);
  else push([...specPath, 'serviceAccount'], 'service_account', spec['serviceAccount']);
  const profiles = (sc: unknown, scPath: Path): void => {
    const seccomp = objectAt(sc, 'seccompProfile');
    if (seccomp['type'] === 'Localhost') push([...scPath, 'seccompProfile'], 'seccomp_localhost', seccomp['localhostProfile'] ?? '(none)');
    const apparmor = objectAt(sc, 'appArmorProfile');
    if (apparmor['type'] === 'Localhost') push([...scPath, 'appArmorProfile'], 'apparmor_localhost', apparmor['localhostProfile'] ?? '(none)');
  };
  profiles(spec['securityContext'], [...specPath, 'securityContext']);
  for (const { container, path } of containers) profiles(container['securityContext'], [...path, 'securityContext']);
  // A hard spread over a node label no node carries leaves no node to schedule on.
  listAt(spec, 'topologySpreadConstraints').forEach((t, k) => {
    if (isJsonObject(t) && (t['whenUnsatisfiable'] ?? 'DoNotSchedule') === 'DoNotSchedule') push([...specPath, 'topologySpreadConstraints', k, 'topologyKey'], 'topology_key', t['topologyKey']);
  });
  // A pod is Ready only when every gate's condition is True: a condition no controller sets keeps it out of every Service.
  listAt(spec, 'readinessGates').forEach((g, k) => push([...specPath, 'readinessGates', k, 'conditionType'], 'readiness_gate', isJsonObject(g) ? g['conditionType'] : undefined));
  // A gated pod is not scheduled until a controller removes every gate.
  listAt(spec, 'schedulingGates').forEach((g, k) => push([...specPath, 'schedulingGates', k, 'name'], 'scheduling_gate', isJsonObject(g) ? g['name'] : undefined));
  // The AppArmor annotations (before the field, still honoured): localhost/<profile>.
  for (const [k, v] of Object.entries(objectAt(meta, 'annotations'))) {
    if (k.startsWith(APPARMOR_ANNOTATION) && typeof v === 'string' && v.startsWith('localhost/')) {
      push([...specPath.slice(0, -1), 'metadata', 'annotations', k], 'apparmor_localhost', v.slice('localhost/'.length));
    }
  }
}

/**
 * The values of a node label the pod may land on: the node selector's value
 * intersected with the union over the required affinity's terms (a term with
 * several expressions on the key intersects them). undefined: unconstrained.
 * Every node carries kubernetes.io/arch and kubernetes.io/os, so Exists holds
 * and DoesNotExist leaves none.
 */
function allowedValues(spec: JsonObject, keys: readonly string[]): string[] | undefined {
  let allowed: Set<string> | undefined;
  const narrow = (values: Set<string> | undefined): void => {
    if (values === undefined) return;
    allowed = allowed === undefined ? values : new Set([...allowed].filter((v) => values.has(v)));
  };
  const selector = objectAt(spec, 'nodeSelector');
  for (const key of keys) {
    const v = selector[key];
    if (typeof v === 'string') narrow(new Set([v]));
  }
  const terms = listAt(objectAt(objectAt(objectAt(spec, 'affinity'), 'nodeAffinity'), 'requiredDuringSchedulingIgnoredDuringExecution'), 'nodeSelectorTerms');
  if (terms.length > 0) {
    let union: Set<string> | undefined = new Set();
    for (const term of terms) {
      // A term is NotIn-shaped when it only excludes: keep it as "any but these".
      let termAllowed: Set<string> | undefined;
      const excluded = new Set<string>();
      let none = false;
      for (const e of listAt(term, 'matchExpressions')) {
        if (!isJsonObject(e) || typeof e['key'] !== 'string' || !keys.includes(e['key'])) continue;
        const values = new Set(listAt(e, 'values').filter((x): x is string => typeof x === 'string'));
        if (e['operator'] === 'In') termAllowed = termAllowed === undefined ? values : new Set([...termAllowed].filter((v) => values.has(v)));
        else if (e['operator'] === 'NotIn') values.forEach((v) => excluded.add(v));
        else if (e['operator'] === 'DoesNotExist') none = true;
      }
      if (none) continue;
      if (termAllowed === undefined && excluded.size === 0) {
        union = undefined; // this term places no constraint on the key
        break;
      }
      if (termAllowed === undefined) {
        // "Anything but": represented by the known values minus the excluded ones.
        termAllowed = new Set(KNOWN_VALUES.filter((v) => !excluded.has(v)));
      } else excluded.forEach((v) => termAllowed?.delete(v));
      termAllowed.forEach((v) => union?.add(v));
    }
    narrow(union);
  }
  return allowed === undefined ? undefined : [...allowed].sort();
}

// The architectures and systems Kubernetes nodes report (GOARCH, GOOS values).
const KNOWN_VALUES = ['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64', 'linux', 'windows'];

function placement(resource: number, path: Path, spec: JsonObject, containers: readonly ContainerAt[]): PlacementFact {
  const images = new Set<string>();
  for (const { container } of containers) {
    const repo = imageRepo(container['image']);
    if (repo !== '') images.add(repo);
  }
  const arch = allowedValues(spec, ARCH_KEYS);
  // spec.os.name: the kubelet of any other system rejects the pod (and the scheduler places it by kubernetes.io/os).
  const osName = str(objectAt(spec, 'os')['name']);
  const selected = allowedValues(spec, OS_KEYS);
  const os = osName === undefined ? selected : (selected ?? [osName]).filter((v) => v === osName);
  return { resource, path, ...(arch === undefined ? {} : { arch }), ...(os === undefined ? {} : { os }), images: [...images].sort() };
}

/** A container's request for each resource: the request, else the limit (the API server defaults one to the other). */
function containerRequests(c: JsonObject): Map<string, number> {
  const res = objectAt(c, 'resources');
  const out = new Map<string, number>();
  for (const field of ['limits', 'requests']) {
    for (const [name, v] of Object.entries(objectAt(res, field))) {
      const q = parseQuantity(v);
      if (q !== undefined) out.set(name, q);
    }
  }
  return out;
}

function requests(resource: number, path: Path, containers: readonly ContainerAt[]): RequestFact {
  const sum = new Map<string, number>();
  const initMax = new Map<string, number>();
  for (const { container, field } of containers) {
    if (field === 'ephemeralContainers') continue;
    const sidecar = field === 'initContainers' && container['restartPolicy'] === 'Always';
    for (const [name, q] of containerRequests(container)) {
      if (field === 'containers' || sidecar) sum.set(name, (sum.get(name) ?? 0) + q);
      else initMax.set(name, Math.max(initMax.get(name) ?? 0, q));
    }
  }
  const effective = new Map(sum);
  for (const [name, q] of initMax) effective.set(name, Math.max(effective.get(name) ?? 0, q));
  const extended: Record<string, number> = {};
  for (const [name, q] of effective) {
    if (!CORE_RESOURCES.has(name) && !name.startsWith('hugepages-') && name.includes('/')) extended[name] = q;
  }
  return { resource, path, cpu: effective.get('cpu') ?? 0, memory: effective.get('memory') ?? 0, extended };
}

/** The path after --config-file (both spellings) in a container's command and args. */
function configFiles(c: JsonObject): string[] {
  const argv = [...listAt(c, 'command'), ...listAt(c, 'args')].filter((x): x is string => typeof x === 'string');
  const files: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k] ?? '';
    if (a.startsWith('--config-file=')) files.push(a.slice('--config-file='.length));
    else if (a === '--config-file' && typeof argv[k + 1] === 'string') files.push(argv[k + 1] ?? '');
  }
  return files.filter((f) => f.startsWith('/'));
}

/** The key's mode in a Secret/ConfigMap-like source: its item's mode, else the default (API default 0644). */
function sourceMode(source: JsonObject, key: string, fallback: number): number | undefined {
  const items = listAt(source, 'items');
  if (items.length === 0) return key.includes('/') ? undefined : fallback;
  for (const it of items) {
    if (isJsonObject(it) && it['path'] === key) return int(it['mode']) ?? fallback;
  }
  return undefined;
}

/** The mode the volume gives the file at `key` inside it, or undefined when it is not a Secret/ConfigMap-like volume or holds no such key. */
function volumeFileMode(volume: JsonObject, key: string): number | undefined {
  for (const kind of ['secret', 'configMap']) {
    const src = volume[kind];
    if (isJsonObject(src)) return sourceMode(src, key, int(src['defaultMode']) ?? 0o644);
  }
  const projected = volume['projected'];
  if (isJsonObject(projected)) {
    const fallback = int(projected['defaultMode']) ?? 0o644;
    for (const s of listAt(projected, 'sources')) {
      for (const kind of ['secret', 'configMap']) {
        const src = objectAt(s, kind);
        if (Object.keys(src).length === 0) continue;
        const m = sourceMode(src, key, fallback);
        if (m !== undefined && listAt(src, 'items').length > 0) return m;
      }
    }
    // Without items a projected source holds keys the render may not show: the default mode.
    return fallback;
  }
  return undefined;
}

function collectFileReads(out: PodFacts, resource: number, spec: JsonObject, containers: readonly ContainerAt[]): void {
  const podSc = objectAt(spec, 'securityContext');
  const fsGroup = int(podSc['fsGroup']);
  const supplemental = listAt(podSc, 'supplementalGroups').filter((g): g is number => typeof g === 'number');
  const volumes = new Map<string, JsonObject>();
  for (const v of listAt(spec, 'volumes')) if (isJsonObject(v) && typeof v['name'] === 'string') volumes.set(v['name'], v);
  for (const { container, path, field } of containers) {
    if (field === 'ephemeralContainers') continue;
    const files = configFiles(container);
    if (files.length === 0) continue;
    const sc = objectAt(container, 'securityContext');
    const uid = int(sc['runAsUser']) ?? int(podSc['runAsUser']) ?? -1;
    const gid = int(sc['runAsGroup']) ?? int(podSc['runAsGroup']) ?? -1;
    const groups = [...supplemental, ...(fsGroup === undefined ? [] : [fsGroup])];
    for (const file of files) {
      for (const m of listAt(container, 'volumeMounts')) {
        if (!isJsonObject(m) || typeof m['mountPath'] !== 'string' || typeof m['name'] !== 'string') continue;
        const mountPath = m['mountPath'].replace(/\/+$/, '');
        const subPath = str(m['subPath']);
        let key: string | undefined;
        if (mountPath === file) key = subPath;
        else if (file.startsWith(`${mountPath}/`)) key = [subPath, file.slice(mountPath.length + 1)].filter((x) => x !== undefined).join('/');
        if (key === undefined) continue;
        const volume = volumes.get(m['name']);
        const mode = volume === undefined ? undefined : volumeFileMode(volume, key);
        if (mode === undefined) continue;
        // The kubelet chowns the volume to fsGroup and adds group read (kubernetes#57923): defaultMode 0400 becomes 0440.
        const effective = fsGroup === undefined ? mode : mode | 0o440;
        out.file_reads.push({ resource, path, file, mode: effective & 0o777, octal: `0${(effective & 0o777).toString(8)}`, group: fsGroup ?? 0, uid, gid, groups, image: imageRepo(container['image']) });
      }
    }
  }
}
