/**
 * Init containers that wait for a cluster Service: `until nc -z [-w N] HOST PORT; do ...; done`
 * (the chart's and the base's wait-for-db / wait-for-queue), in argv form or in a shell's `-c`
 * script; and loops waiting on curl or wget (`until wget -q http://HOST:PORT/; do`, `while !
 * curl -sf HOST:PORT; do`; the port a URL leaves out is its scheme's) or on bash's
 * `/dev/tcp/HOST/PORT`. An init container runs to completion before the pod's containers start,
 * so one polling a host:port nothing serves keeps the pod in Init forever. curl and wget count
 * only as a loop's condition (`until`, `while !`): a single request that may fail is not a wait.
 *
 * Only names cluster DNS resolves to a Service are reported: a bare name (the pod's own
 * namespace, through its search path) or `name.ns`, `name.ns.svc`, `name.ns.svc.cluster.local`,
 * with a numeric port. A pod whose names resolve elsewhere (hostAliases naming the host, a DNS
 * policy other than ClusterFirst, extra search domains, the host network) is left alone, as is
 * any host the forms above do not cover: an outside host is not the gate's business. The policy
 * judges the Service against the render (ST2-OPS-028).
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import type { ContainerAt } from './container-walk.js';
import { pipelines, programName } from './shell-words.js';

type Path = Array<string | number>;

export interface InitWait {
  readonly resource: number;
  /** The init container's path. */
  readonly path: Path;
  /** The Service's name, and its namespace ('' for the pod's own). */
  readonly service: string;
  readonly namespace: string;
  readonly port: number;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const NETCAT = new Set(['nc', 'ncat', 'netcat']);
/** Words a loop or test may put before the command. */
const KEYWORDS = new Set(['until', 'while', 'if', '!', 'do', 'then', 'else', 'elif', 'time']);
/** nc options that take a value (busybox and OpenBSD netcat). */
const VALUED = new Set(['-w', '-W', '-i', '-p', '-s', '-x', '-X', '-I', '-O', '-T', '-V', '-q']);
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A shell's `-c` script, when argv runs one. */
function scriptOf(argv: readonly string[]): string | undefined {
  if (!SHELLS.has(programName(argv[0] ?? ''))) return undefined;
  const c = argv.findIndex((w, k) => k > 0 && /^-[a-z]*c[a-z]*$/.test(w));
  return c > 0 ? argv[c + 1] : undefined;
}

function commandsOf(argv: readonly string[], script: string | undefined): string[][] {
  if (SHELLS.has(programName(argv[0] ?? ''))) return script === undefined ? [] : pipelines(script).flatMap((p) => p.map((cmd) => [...cmd.words]));
  return [[...argv]];
}

const HTTP_CLIENTS = new Set(['curl', 'wget']);
/** A URL's host and port (`http://h:p/...`, `https://h/`, or curl's and wget's scheme-less `h:p`). */
const URL_TARGET = /^(?:(https?):\/\/)?([a-z0-9][-a-z0-9.]*)(?::([0-9]{1,5}))?(?:[/?#]|$)/i;

/** `until curl ... URL` / `while ! wget ... URL`: the URL's host and port, or undefined. */
function httpTarget(words: readonly string[]): { host: string; port: number } | undefined {
  let k = 0;
  while (k < words.length && KEYWORDS.has(words[k] ?? '')) k++;
  const lead = words.slice(0, k);
  if (!(lead.includes('until') || (lead.includes('while') && lead.includes('!')))) return undefined;
  if (!HTTP_CLIENTS.has(programName(words[k] ?? ''))) return undefined;
  for (const w of words.slice(k + 1)) {
    if (w.startsWith('-')) continue;
    const m = URL_TARGET.exec(w);
    // A scheme-less word is a URL only with a port (`-o out.json` has none).
    if (m === null || (m[1] === undefined && m[3] === undefined)) continue;
    const port = m[3] !== undefined ? Number(m[3]) : m[1]?.toLowerCase() === 'https' ? 443 : 80;
    return { host: (m[2] ?? '').toLowerCase(), port };
  }
  return undefined;
}

/** bash's `/dev/tcp/HOST/PORT` in a loop's condition (`until echo > /dev/tcp/h/p; do`, `while ! (: </dev/tcp/h/p)`). */
const DEV_TCP = /(?:^|[\s;&|(])(?:until|while[ \t]+!)[ \t][^;\n]*?\/dev\/tcp\/([A-Za-z0-9][-A-Za-z0-9.]*)\/([0-9]{1,5})\b/g;

function devTcpTargets(script: string | undefined): Array<{ host: string; port: number }> {
  if (script === undefined || !script.includes('/dev/tcp/')) return [];
  return [...script.matchAll(DEV_TCP)].map((m) => ({ host: (m[1] ?? '').toLowerCase(), port: Number(m[2]) }));
}

/** `nc -z HOST PORT`: its host and numeric port, or undefined. */
function netcatTarget(words: readonly string[]): { host: string; port: number } | undefined {
  let k = 0;
  while (k < words.length && KEYWORDS.has(words[k] ?? '')) k++;
  if (!NETCAT.has(programName(words[k] ?? ''))) return undefined;
  const positional: string[] = [];
  let scan = false;
  for (let j = k + 1; j < words.length; j++) {
    const w = words[j] ?? '';
    if (VALUED.has(w)) j++;
    else if (/^-[A-Za-z]+$/.test(w)) scan ||= w.slice(1).includes('z');
    else if (!w.startsWith('-')) positional.push(w);
  }
  const [host, port] = positional;
  if (!scan || host === undefined || port === undefined || !/^[0-9]{1,5}$/.test(port)) return undefined;
  return { host: host.toLowerCase(), port: Number(port) };
}

/** A host cluster DNS resolves to a Service: its name and namespace ('' for the pod's own). */
function serviceOf(host: string): { service: string; namespace: string } | undefined {
  const parts = host.replace(/\.$/, '').split('.');
  const tail = parts.slice(2).join('.');
  if (!parts.slice(0, 2).every((p) => LABEL.test(p))) return undefined;
  if (parts.length === 1) return { service: parts[0] ?? '', namespace: '' };
  if (parts.length === 2 || tail === 'svc' || tail === 'svc.cluster.local') return { service: parts[0] ?? '', namespace: parts[1] ?? '' };
  return undefined;
}

/** The pod resolves names only through cluster DNS and its own namespace's search path. */
function clusterDnsOnly(spec: JsonObject): boolean {
  const dnsConfig = spec['dnsConfig'];
  const searches = isJsonObject(dnsConfig) ? strings(dnsConfig['searches']) : [];
  return (spec['dnsPolicy'] ?? 'ClusterFirst') === 'ClusterFirst' && spec['hostNetwork'] !== true && searches.length === 0;
}

export function initWaits(resource: number, spec: JsonObject, containers: readonly ContainerAt[]): InitWait[] {
  if (!clusterDnsOnly(spec)) return [];
  const aliased = new Set<string>();
  for (const a of Array.isArray(spec['hostAliases']) ? spec['hostAliases'] : []) {
    if (isJsonObject(a)) for (const h of strings(a['hostnames'])) aliased.add(h.toLowerCase());
  }
  const out: InitWait[] = [];
  for (const { container, path, field } of containers) {
    // Native sidecars (restartPolicy Always) do not hold the pod back.
    if (field !== 'initContainers' || container['restartPolicy'] === 'Always') continue;
    const argv = [...strings(container['command']), ...strings(container['args'])];
    const script = scriptOf(argv);
    const targets = [...commandsOf(argv, script).map((words) => netcatTarget(words) ?? httpTarget(words)), ...devTcpTargets(script)];
    for (const target of targets) {
      if (target === undefined || aliased.has(target.host)) continue;
      const svc = serviceOf(target.host);
      if (svc !== undefined) out.push({ resource, path, ...svc, port: target.port });
    }
  }
  return out;
}
