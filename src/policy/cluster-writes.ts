/**
 * Containers that write cluster objects themselves (ST2-OPS-016): kubectl
 * (or helm, or a request to the API server) run from a command line, a
 * lifecycle hook or a mounted script. Two kinds of write:
 *
 * - creating objects (kubectl apply, create, replace, run, expose,
 *   autoscale; helm install or upgrade): when every manifest applied is a
 *   file of a ConfigMap or Secret of the render the container mounts, those
 *   manifests are judged as objects of the render (embedded-manifests.ts) and
 *   nothing is reported; anything else (a URL, stdin, a file the render does
 *   not hold, `kubectl create deployment`) is a write the gate never sees;
 * - changing st2's objects behind Argo CD's back: kubectl scale, set,
 *   autoscale, rollout undo/pause/resume; patch, edit, label, annotate,
 *   delete or replace of anything but Pods, Jobs and Events (deleting
 *   finished Jobs and restarting Pods are housekeeping, and so is `rollout
 *   restart`, which only restarts).
 *
 * Only facts leave this module: the container's path, the tool, the verb,
 * and the target as written (never a value).
 */
import { isJsonObject, type JsonObject, type Manifest } from '../core/manifest.js';
import type { AppliedText } from './embedded-manifests.js';
import { forEachContainerOf, forEachPodSpec } from './container-walk.js';
import { namespaceOf } from './st2-config-files.js';
import { ContainerFiles } from './container-files.js';
import { RenderedFiles } from './rendered-files.js';
import { mountedProgramTexts } from './st2-scripts.js';

type Path = Array<string | number>;

export interface ClusterWrite {
  /** The container's path inside its resource. */
  readonly path: Path;
  readonly tool: string;
  readonly verb: string;
  /** What it writes, as the command names it ("deployment/st2scheduler", "-f https://...", "stdin"). */
  readonly target: string;
}

export interface ClusterWrites {
  /** By resource index. */
  readonly writes: Record<string, ClusterWrite[]>;
  /** ConfigMap and Secret files whose manifests a container applies: judged as objects of the render. */
  readonly applied: AppliedText[];
}

const CREATE_VERBS = new Set(['apply', 'create', 'replace', 'run', 'expose', 'autoscale']);
const ALWAYS_VERBS = new Set(['scale', 'set', 'debug', 'cordon', 'drain', 'taint']);
const OBJECT_VERBS = new Set(['patch', 'edit', 'label', 'annotate', 'delete', 'replace']);
/** What housekeeping may delete, label or patch: objects that come and go by themselves. */
const EPHEMERAL_TYPES = new Set(['pod', 'pods', 'po', 'job', 'jobs', 'job.batch', 'jobs.batch', 'event', 'events', 'ev']);
const READ_ONLY_ROLLOUT = new Set(['status', 'history', 'restart']);
/** kubectl's global flags that take a value as the next word. */
const VALUE_FLAGS = new Set(['-n', '--namespace', '--context', '--kubeconfig', '-s', '--server', '--token', '--as', '--as-group', '--cluster', '--user', '--request-timeout', '-v']);
const HELM_WRITES = new Set(['install', 'upgrade', 'rollback', 'uninstall', 'delete']);
const KUBECTL = new Set(['kubectl', 'oc', 'kubectl.exe']);

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const base = (w: string): string => w.split('/').pop() ?? '';

/** A text's commands as words, quotes dropped (a shell line, a script, an argv joined). */
function commandsOf(text: string): string[][] {
  return text
    .split(/\n|;|&&|\|\||&|\||\$\(|`|\(|\)/)
    .map((segment) => segment.split(/\s+/).map((w) => w.replace(/["']/g, '')).filter((w) => w !== ''))
    .filter((words) => words.length > 0);
}

interface Parsed {
  readonly verb: string;
  readonly rest: string[];
  readonly namespace: string | undefined;
}

/** kubectl's verb and the words after it, global flags (and -n's value) set aside. */
function parseKubectl(words: readonly string[]): Parsed | undefined {
  let namespace: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (w.startsWith('--namespace=')) namespace = w.slice('--namespace='.length);
    else if (/^-n.+/.test(w)) namespace = w.slice(2);
    if (VALUE_FLAGS.has(w)) {
      if (w === '-n' || w === '--namespace') namespace = words[i + 1];
      i++;
      continue;
    }
    if (w.startsWith('-')) continue;
    const rest = words.slice(i + 1);
    // -n after the verb counts as much.
    for (let k = 0; k < rest.length; k++) {
      const r = rest[k] ?? '';
      if (r === '-n' || r === '--namespace') namespace = rest[k + 1];
      else if (r.startsWith('--namespace=')) namespace = r.slice('--namespace='.length);
    }
    return { verb: w, rest, namespace };
  }
  return undefined;
}

/** The -f/--filename sources and whether -k/--kustomize (a tree the gate never renders) is used. */
function sourcesOf(rest: readonly string[]): { files: string[]; kustomize: boolean } {
  const files: string[] = [];
  let kustomize = false;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i] ?? '';
    if (w === '-f' || w === '--filename') files.push(rest[++i] ?? '-');
    else if (w.startsWith('--filename=')) files.push(w.slice('--filename='.length));
    else if (/^-f.+/.test(w)) files.push(w.slice(2));
    else if (w === '-k' || w === '--kustomize' || w.startsWith('--kustomize=') || /^-k.+/.test(w)) kustomize = true;
  }
  return { files, kustomize };
}

/** Positional words (types and names) after the verb. */
const positional = (rest: readonly string[]): string[] => {
  const out: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i] ?? '';
    if (w.startsWith('-')) {
      if (VALUE_FLAGS.has(w) || w === '-l' || w === '--selector' || w === '-p' || w === '--patch' || w === '--type' || w === '--field-selector') i++;
      continue;
    }
    out.push(w);
  }
  return out;
};

/** The types a command addresses: "deployment/x" → deployment, "deploy x" → deploy, "deploy,svc x" → both. */
function typesOf(words: readonly string[]): string[] {
  const [first] = words;
  if (first === undefined) return [];
  if (first.includes('/')) return words.filter((w) => w.includes('/')).map((w) => (w.split('/')[0] ?? '').toLowerCase());
  return first.toLowerCase().split(',');
}

interface Context {
  readonly files: () => ContainerFiles;
  readonly namespace: string;
}

/** One kubectl command: the write it makes (undefined when it makes none, or one the gate judges through `applied`). */
function kubectlWrite(words: readonly string[], ctx: Context, applied: AppliedText[]): { verb: string; target: string } | undefined {
  const parsed = parseKubectl(words);
  if (parsed === undefined) return undefined;
  const { verb, rest } = parsed;
  const args = positional(rest);
  if (verb === 'rollout') {
    const sub = args[0] ?? '';
    return READ_ONLY_ROLLOUT.has(sub) ? undefined : { verb: `rollout ${sub}`, target: args.slice(1).join(' ') };
  }
  if (ALWAYS_VERBS.has(verb)) return { verb, target: args.join(' ') };
  const { files, kustomize } = sourcesOf(rest);
  if (CREATE_VERBS.has(verb)) {
    if (verb === 'create' && args[0] === 'token') return undefined;
    if (kustomize) return { verb, target: '-k (a kustomization the gate never renders)' };
    if (files.length === 0) return verb === 'replace' && args.length > 0 ? objectWrite(verb, args) : { verb, target: args.join(' ') };
    for (const f of files) {
      if (!resolveApplied(f, ctx, parsed.namespace, applied)) return { verb, target: `-f ${f}` };
    }
    return undefined;
  }
  if (OBJECT_VERBS.has(verb)) {
    if (files.length > 0) return { verb, target: files.map((f) => `-f ${f}`).join(' ') };
    return objectWrite(verb, args);
  }
  return undefined;
}

function objectWrite(verb: string, args: readonly string[]): { verb: string; target: string } | undefined {
  const types = typesOf(args);
  if (types.length > 0 && types.every((t) => EPHEMERAL_TYPES.has(t))) return undefined;
  return { verb, target: args.join(' ') };
}

/** A -f source whose every file is a ConfigMap or Secret file of the render: queued to be judged. */
function resolveApplied(source: string, ctx: Context, namespace: string | undefined, applied: AppliedText[]): boolean {
  if (source === '-' || /^[a-z]+:\/\//i.test(source) || !source.startsWith('/')) return false;
  const files = ctx.files();
  const one = files.file(source);
  const texts: Array<{ text: string; resource: number; path: ReadonlyArray<string | number> }> = [];
  if (one.kind === 'text') {
    if (one.source === undefined) return false;
    texts.push({ text: one.text, resource: one.source.resource, path: one.source.path });
  } else {
    const dir = files.listing(source.replace(/\/+$/, ''));
    if ('unreadable' in dir || dir.files.length === 0) return false;
    for (const name of dir.files) {
      const f = files.file(name);
      if (f.kind !== 'text' || f.source === undefined) return false;
      texts.push({ text: f.text, resource: f.source.resource, path: f.source.path });
    }
  }
  for (const t of texts) {
    const [field, key] = t.path;
    if ((field !== 'data' && field !== 'binaryData' && field !== 'stringData') || typeof key !== 'string') return false;
    applied.push({ carrier: t.resource, key, field: field === 'binaryData' ? 'binaryData' : field === 'stringData' ? 'stringData' : 'data', text: t.text, namespace: namespace ?? ctx.namespace });
  }
  return true;
}

/** helm install/upgrade/rollback/uninstall: charts the gate never renders. */
function helmWrite(words: readonly string[]): { verb: string; target: string } | undefined {
  const verb = words.find((w) => !w.startsWith('-'));
  return verb !== undefined && HELM_WRITES.has(verb) ? { verb, target: words.slice(words.indexOf(verb) + 1, words.indexOf(verb) + 3).join(' ') } : undefined;
}

/** A raw request to the API server that changes something (curl -X PATCH https://kubernetes.default.svc/...). */
function apiRequest(text: string): { verb: string; target: string } | undefined {
  if (!/kubernetes\.default|KUBERNETES_SERVICE_HOST/.test(text)) return undefined;
  const method = /(?:-X|--request)\s*=?\s*["']?(PATCH|PUT|POST|DELETE)\b/i.exec(text) ?? /--method[= ]["']?(PATCH|PUT|POST|DELETE)\b/i.exec(text);
  if (method?.[1] !== undefined) return { verb: method[1].toUpperCase(), target: 'the API server' };
  return /\s(?:-d|--data(?:-raw|-binary)?|--json)[\s=]/.test(text) ? { verb: 'POST', target: 'the API server' } : undefined;
}

/** Every text that says what a container runs: command and args, lifecycle hooks, and (when it may hold a write) mounted scripts. */
function containerTexts(container: JsonObject, files: () => ContainerFiles, mountsWriter: boolean): string[] {
  let argv = [...strings(container['command']), ...strings(container['args'])];
  // An image whose entrypoint is kubectl or helm (bitnami/kubectl, alpine/helm) run with args only.
  if (container['command'] === undefined && typeof container['image'] === 'string') {
    const repo = base(container['image'].split('@')[0] ?? '').split(':')[0] ?? '';
    if (/kubectl|^oc$/.test(repo)) argv = ['kubectl', ...argv];
    else if (/helm/.test(repo)) argv = ['helm', ...argv];
  }
  const texts = [argv.join(' ')];
  const lifecycle = container['lifecycle'];
  if (isJsonObject(lifecycle)) {
    for (const hook of ['postStart', 'preStop']) {
      const h = lifecycle[hook];
      const exec = isJsonObject(h) ? h['exec'] : undefined;
      if (isJsonObject(exec)) texts.push(strings(exec['command']).join(' '));
    }
  }
  if (mountsWriter && Array.isArray(container['volumeMounts']) && container['volumeMounts'].length > 0) texts.push(...mountedProgramTexts(container, files(), new Map()));
  return texts;
}

const MAY_WRITE = /kubectl|\boc\b|helm|kubernetes\.default|KUBERNETES_SERVICE_HOST/;

/**
 * Names of the render's ConfigMaps and Secrets with a text that may write
 * (a script running kubectl): only pods mounting one have their mounted
 * scripts read, which keeps a render without any (overlays/prod) cheap.
 */
function writerSources(resources: readonly Manifest[]): Set<string> {
  const names = new Set<string>();
  for (const r of resources) {
    const kind = r['kind'];
    if (kind !== 'ConfigMap' && kind !== 'Secret') continue;
    const meta = r['metadata'];
    const name = isJsonObject(meta) ? meta['name'] : undefined;
    if (typeof name !== 'string') continue;
    for (const field of kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData']) {
      const data = r[field];
      if (!isJsonObject(data)) continue;
      for (const value of Object.values(data)) {
        if (typeof value !== 'string') continue;
        const text = field === 'binaryData' || (kind === 'Secret' && field === 'data') ? Buffer.from(value, 'base64').toString('utf8') : value;
        if (MAY_WRITE.test(text)) names.add(name);
      }
    }
  }
  return names;
}

/** Whether a pod spec's volumes take a file from one of `sources` (by ConfigMap or Secret name). */
function mountsAny(podSpec: JsonObject, sources: ReadonlySet<string>): boolean {
  if (sources.size === 0 || !Array.isArray(podSpec['volumes'])) return false;
  const names = JSON.stringify(podSpec['volumes']);
  for (const name of sources) if (names.includes(`"${name}"`)) return true;
  return false;
}

/** The writes of every container (init containers too: they run) of every pod spec. */
export function collectClusterWrites(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, namespace: string): ClusterWrites {
  const writes: Record<string, ClusterWrite[]> = {};
  const applied: AppliedText[] = [];
  let rendered: RenderedFiles | undefined;
  const writers = writerSources(resources);
  forEachPodSpec(resources, specPaths, (spec) => {
    const ns = namespaceOf(spec.manifest, namespace);
    const mountsWriter = mountsAny(spec.podSpec, writers);
    forEachContainerOf(spec, ['initContainers', 'containers', 'ephemeralContainers'], ({ index, podSpec, container, path }) => {
      let files: ContainerFiles | undefined;
      const lazyFiles = (): ContainerFiles => (files ??= new ContainerFiles(container, podSpec, ns, (rendered ??= new RenderedFiles(resources, namespace)), false, new Map()));
      const texts = containerTexts(container, lazyFiles, mountsWriter).filter((t) => MAY_WRITE.test(t));
      const found = new Map<string, ClusterWrite>();
      const note = (w: { verb: string; target: string } | undefined, tool: string): void => {
        if (w === undefined) return;
        const fact = { path, tool, verb: w.verb, target: w.target.slice(0, 120) };
        found.set(`${tool} ${w.verb} ${fact.target}`, fact);
      };
      for (const text of texts) {
        note(apiRequest(text), 'curl');
        for (const words of commandsOf(text)) {
          const at = words.findIndex((w) => KUBECTL.has(base(w)));
          if (at >= 0) note(kubectlWrite(words.slice(at + 1), { files: lazyFiles, namespace: ns }, applied), base(words[at] ?? 'kubectl'));
          const helm = words.findIndex((w) => base(w) === 'helm');
          if (helm >= 0) note(helmWrite(words.slice(helm + 1)), 'helm');
        }
      }
      if (found.size > 0) (writes[String(index)] ??= []).push(...found.values());
    });
  });
  return { writes, applied };
}
