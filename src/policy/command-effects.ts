/**
 * What the commands of a render's containers do to the stores and to the
 * secrets they can read: a database dropped, a broker reset, keys deleted,
 * a data directory emptied, store pods deleted or scaled away by kubectl,
 * a dump or a secret file sent to some host, a secret printed into the pod
 * log. Each container's command and args (a shell's `-c` script read as
 * shell-words.ts cuts it), its lifecycle hooks and the mounted scripts it
 * runs are read once per render. The facts say what a command does and to
 * what (a volume, a claim, a selector, a destination); operations_commands.rego
 * judges whether that is a store's data, a store's pods, st2's secret or a
 * place outside the cluster. No value is copied into a fact: a secret is
 * named by its Secret, never by what it holds.
 */
import { isJsonObject, kindOf, type JsonObject, type Manifest } from '../core/manifest.js';
import { expandShellVars } from './container-env.js';
import { forEachContainer, RUNNING_FIELDS } from './container-walk.js';
import { envEffects, type EnvEffect } from './egress-env.js';
import { channelSend, pythonCodeSend, pythonHeredocs } from './exfil-channels.js';
import { devTcpHosts, gitPushRemotes, socketSend } from './exfil-sockets.js';
import { fetchedArchives, fetchedRuns } from './fetch-exec.js';
import { installSources } from './install-sources.js';
import { kubectlEffect } from './kubectl-effects.js';
import { envObjects, packageEnv, type EnvObjects } from './package-sources.js';
import { PodDumps } from './pod-dumps.js';
import { commandPythonDirs, effectivePythonPath, modulePrints, mountsIntoImports, pythonPathModules } from './python-path.js';
import { hostOf, renderHost, sendOf } from './send-programs.js';
import { printsSecret, secretIn } from './secret-prints.js';
import { pipelines, programIndex, programName, type SimpleCommand } from './shell-words.js';
import { namespaceOf } from './st2-config-files.js';
import { ContainerFiles } from './container-files.js';
import { RenderedFiles } from './rendered-files.js';
import { containerScripts } from './container-scripts.js';
import { storeWipes } from './store-wipe-commands.js';
import { isDump } from './store-dump-commands.js';
import { literalVars, mountsHit, mountsOf, secretVars, type Mount } from './container-mounts.js';

type Path = Array<string | number>;

interface Base {
  readonly resource: number;
  /** The container (or its hook) the command runs in. */
  readonly path: Path;
  readonly program: string;
}

export type CommandEffect =
  /** A store command that deletes its data: dropDatabase, rabbitmqctl reset, etcdctl del --prefix, FLUSHALL. */
  | (Base & { readonly effect: 'store-wipe'; readonly what: string })
  /** rm -r (or a glob) or find -delete at or under a mount of a claim: which volume, and the claim or claim template. */
  | (Base & { readonly effect: 'volume-wipe'; readonly volume: string; readonly claim: string; readonly template: boolean })
  /** kubectl delete or scale: what, by name, selector or --all, in which namespace. */
  | (Base & { readonly effect: 'kubectl'; readonly verb: 'delete' | 'scale'; readonly what: string; readonly names: string[]; readonly selector: Record<string, string> | null; readonly all: boolean; readonly namespace: string; readonly replicas: number | null })
  /** Data sent to a host or bucket: a store dump, or a file or variable of a Secret. */
  | (Base & { readonly effect: 'upload'; readonly destination: string; readonly bucket: string; readonly internal: boolean; readonly payload: 'store-dump' | 'secret'; readonly secret: string })
  /** A Secret's file or variable written to standard output: the pod log. */
  | (Base & { readonly effect: 'print-secret'; readonly secret: string })
  /** Code downloaded and run (fetch-exec.ts): the URL's host, over https or not, pinned to a commit or checked. */
  | (Base & { readonly effect: 'fetch-run'; readonly host: string; readonly internal: boolean; readonly tls: boolean; readonly pinned: boolean })
  /** What the environment sends out (egress-env.ts), and installs from moving or unverified sources (install-sources.ts). */
  | (Base & EnvEffect);

/** A clone then pinned: `git checkout <commit>`, `git -C dir reset --hard <commit>`. */
const CHECKS_OUT_COMMIT = /\b(?:checkout|switch\s+--detach|reset\s+--hard)\s+(?:-\S+\s+)*[0-9a-f]{40}\b/;

interface Context {
  readonly resource: number;
  readonly path: Path;
  readonly mounts: readonly Mount[];
  readonly secretVars: ReadonlyMap<string, string>;
  readonly literals: ReadonlyMap<string, string>;
  readonly namespace: string;
  /** The pod (resource and pod spec path) and container, for dumps one container writes and another sends. */
  readonly pod: string;
  readonly container: JsonObject;
  readonly dumps: PodDumps<CommandEffect>;
  /** The other containers' mounts when the pod shares its process namespace: /proc/<pid>/root reaches them. */
  readonly podMounts: readonly Mount[];
  /** A host in the cluster (send-programs.ts's renderHost). */
  readonly internal: (host: string) => boolean;
  /** The render's date: what a literal timestamp is measured against. */
  readonly now: Date;
}

/** A ConfigMap or Secret text of the render with an ssh `ProxyCommand` (container-scripts.ts reads them where mounted). */
function hasProxyCommand(resources: readonly Manifest[]): boolean {
  return resources.some((r) => {
    const kind = kindOf(r);
    if (kind !== 'ConfigMap' && kind !== 'Secret') return false;
    return ['data', 'stringData'].some((f) => {
      const d = r[f];
      return isJsonObject(d) && Object.values(d).some((v) => typeof v === 'string' && v.includes('ProxyCommand'));
    });
  });
}

/** The Secret a path reads: under a mount, or through /proc/<pid>/root (`$p/root/...`) under a mount of this pod. */
function secretAt(ctx: Context, path: string): string | undefined {
  const proc = /^(?:\/proc\/[^/]+|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)\/root(\/.+)$/.exec(path);
  const mounts = proc?.[1] !== undefined ? [...ctx.mounts, ...ctx.podMounts] : ctx.mounts;
  const p = proc?.[1] ?? path;
  return p.startsWith('/') ? mountsHit(mounts, p, false).find((m) => m.secret !== undefined)?.secret : undefined;
}

/** Absolute paths inside a word (`$(base64 /etc/k)`, `--file=/etc/k`, `$p/root/etc/k`). */
const PATHS_IN = /(?:^|[\s=:'"(<>])((?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?\/root)?\/[^\s'"|;&)<>]+)/g;

/** The Secret a script reads anywhere (a `$VAR` of one, a file under one's mount): what a name built at run time may carry. */
function scriptSecret(ctx: Context, lines: readonly (readonly SimpleCommand[])[]): string | undefined {
  for (const pipeline of lines) {
    for (const cmd of pipeline) {
      for (const w of cmd.words) {
        const s = secretIn(w, ctx.secretVars) ?? [...w.matchAll(PATHS_IN)].map((m) => secretAt(ctx, m[1] ?? '')).find((x) => x !== undefined);
        if (s !== undefined) return s;
      }
    }
  }
  return undefined;
}

/** The effects of one script (or one argv, read as a one-command script). */
function scriptEffects(ctx: Context, script: string, out: CommandEffect[]): void {
  const lines = pipelines(script);
  if (/https?:\/\//i.test(script)) {
    for (const f of fetchedRuns(lines, script)) out.push({ resource: ctx.resource, path: ctx.path, program: f.program, effect: 'fetch-run', host: f.host, internal: ctx.internal(f.host), tls: f.tls, pinned: f.pinned });
    // A tree downloaded and unpacked: a pack install by another name (install-sources.ts).
    for (const f of fetchedArchives(lines)) if (!f.pinned) out.push({ resource: ctx.resource, path: ctx.path, program: f.program, effect: 'install', variable: '', source: 'pack', problem: 'archive', host: f.host.toLowerCase(), internal: ctx.internal(f.host) });
  }
  // Files a dump program wrote (its --archive, --out, snapshot path, or its output redirected).
  const dumpFiles: string[] = [];
  let dumped = false;
  const commands: Array<{ prog: string; args: string[] }> = [];
  for (const pipeline of lines) {
    pipeline.forEach((cmd, position) => {
      let k = programIndex(cmd.words);
      if (k < 0) return;
      // busybox's applets are programs of their own.
      if (programName(cmd.words[k] ?? '') === 'busybox' && cmd.words.length > k + 1) k++;
      const prog = programName(cmd.words[k] ?? '');
      const args = cmd.words.slice(k + 1).map((w) => expandShellVars(w, ctx.literals));
      commands.push({ prog, args });
      const base = { resource: ctx.resource, path: ctx.path, program: prog };
      const pipedFrom = position > 0 ? pipeline.slice(0, position) : [];
      const fromDump = pipedFrom.some((c) => isDump(c));
      if (isDump(cmd)) {
        dumped = true;
        for (const a of args) {
          const m = /^(?:--archive|--out|-o|--output)=(.+)$/.exec(a);
          if (m?.[1]) dumpFiles.push(m[1]);
          else if (a.startsWith('/')) dumpFiles.push(a);
        }
        for (const f of dumpFiles) ctx.dumps.wrote(ctx.pod, ctx.container, f);
      }
      for (const what of storeWipes(prog, cmd.words, args, script, ctx.now)) out.push({ ...base, effect: 'store-wipe', what });
      if (prog === 'rm' || prog === 'find') wipes(ctx, prog, args, base, out);
      if (prog === 'kubectl' || prog === 'oc') {
        const e = kubectlEffect(args, ctx.namespace);
        if (e !== undefined) out.push({ ...base, effect: 'kubectl', ...e });
      }
      const sock = socketSend(prog, args);
      const plain = sendOf(prog, args) ?? (sock === undefined ? undefined : { ...sock, bucket: '' });
      const channel = plain === undefined ? channelSend(prog, args, cmd, position > 0, () => [...ctx.secretVars.keys()]) : undefined;
      const send = plain ?? (channel === undefined ? undefined : { destination: channel.destination, bucket: '', payload: channel.payload });
      if (channel?.lookup === true) {
        // A name looked up carries only what the script read: a Secret read anywhere in it.
        const host = hostOf(channel.destination) ?? '';
        const secret = ctx.internal(host) ? undefined : scriptSecret(ctx, lines);
        if (secret !== undefined) out.push({ ...base, effect: 'upload', destination: host, bucket: '', internal: false, payload: 'secret', secret });
      } else if (send !== undefined) {
        const host = hostOf(send.destination) ?? '';
        const internal = send.bucket === '' && host !== '' && ctx.internal(host);
        for (const item of send.payload) {
          const file = item === '-' ? undefined : item;
          const secret = file !== undefined && file.startsWith('/') ? (secretAt(ctx, file) ?? (copiesTree(prog, args) ? secretUnder(ctx, file) : undefined)) : secretIn(item, ctx.secretVars);
          const fromStdin = item === '-' || (file === undefined && cmd.inputs.length > 0);
          const stdinSecret = [...cmd.inputs, ...(fromStdin ? pipedFiles(pipedFrom) : [])].map((f) => secretAt(ctx, f)).find((s) => s !== undefined) ?? (fromStdin ? loopSecret(ctx, lines, pipedFrom) : undefined);
          const dump = fromDump || ((fromStdin || file !== undefined) && dumped && (file === undefined || dumpFiles.some((d) => file.startsWith(d) || d.startsWith(file))));
          if (secret !== undefined || stdinSecret !== undefined) out.push({ ...base, effect: 'upload', destination: host || send.destination, bucket: send.bucket, internal, payload: 'secret', secret: secret ?? stdinSecret ?? '' });
          else if (dump) out.push({ ...base, effect: 'upload', destination: host || send.destination, bucket: send.bucket, internal, payload: 'store-dump', secret: '' });
          else for (const f of [...(file?.startsWith('/') === true ? [file] : []), ...(fromStdin ? [...cmd.inputs, ...pipedFiles(pipedFrom)] : [])]) ctx.dumps.sent(ctx.pod, ctx.container, f, { ...base, effect: 'upload', destination: host || send.destination, bucket: send.bucket, internal, payload: 'store-dump', secret: '' });
        }
      }
      for (const source of installSources(prog, args)) if (!(source.source === 'git' && source.problem === 'branch' && CHECKS_OUT_COMMIT.test(script))) out.push({ ...base, effect: 'install', variable: '', ...source });
      for (const secret of printsSecret({ fileSecret: (f) => secretAt(ctx, f), secretVars: ctx.secretVars }, cmd, prog, args, pipeline, position)) out.push({ ...base, effect: 'print-secret', secret });
    });
  }
  connections(ctx, script, lines, commands, out);
  for (const code of pythonHeredocs(script)) heredocSend(ctx, code, out);
}

/** Python code fed on a heredoc, sending a Secret's file or variable to a host outside the cluster. */
function heredocSend(ctx: Context, code: string, out: CommandEffect[]): void {
  const send = pythonCodeSend(code, () => [...ctx.secretVars.keys()]);
  const host = send === undefined ? '' : (hostOf(send.destination) ?? '');
  if (send === undefined || host === '' || ctx.internal(host)) return;
  const secret = send.payload.map((item) => (item.startsWith('/') ? secretAt(ctx, item) : secretIn(item, ctx.secretVars))).find((x) => x !== undefined);
  if (secret !== undefined) out.push({ resource: ctx.resource, path: ctx.path, program: 'python', effect: 'upload', destination: host, bucket: '', internal: false, payload: 'secret', secret });
}

/** A module under PYTHONPATH (python-path.ts) printing a Secret's file or variable: st2's processes import it, their log gets the secret. */
function modulePrintEffects(c: { index: number; path: Path; manifest: Manifest; specPath: Path; podSpec: JsonObject; container: JsonObject }, pythonPath: string | undefined, files: ContainerFiles, keysOf: (name: string) => string[], out: CommandEffect[]): void {
  const modules = pythonPathModules(pythonPath, files);
  if (modules.length === 0) return;
  const mounts = mountsOf(c.manifest, c.specPath, c.podSpec, c.container);
  const vars = secretVars(c.container, keysOf);
  for (const m of modules) {
    for (const item of new Set(modulePrints(m.text))) {
      const secrets = item === '$*' ? [...new Set(vars.values())] : [item.startsWith('/') ? mountsHit(mounts, item, false).find((x) => x.secret !== undefined)?.secret : secretIn(item, vars)];
      for (const secret of secrets) if (secret !== undefined) out.push({ resource: c.index, path: c.path, program: `python ${m.file}`, effect: 'print-secret', secret });
    }
  }
}

/** rsync -r/-a or scp -r: a directory named is copied with everything under it. */
function copiesTree(prog: string, args: readonly string[]): boolean {
  if (prog !== 'rsync' && prog !== 'scp') return false;
  const letters = prog === 'rsync' ? /^-[A-Za-z]*[ra]/ : /^-[A-Za-z]*r/;
  return args.some((a) => a === '--recursive' || a === '--archive' || (!a.startsWith('--') && letters.test(a)));
}

/** A Secret mounted at or under a directory (what a recursive copy of it carries). */
function secretUnder(ctx: Context, dir: string): string | undefined {
  return mountsHit(ctx.mounts, dir, true).find((m) => m.secret !== undefined)?.secret;
}

/** What a loop or group piped into a sender carries (`for ...; do cat $f; done | nc h p`): the script's secret reads. */
function loopSecret(ctx: Context, lines: readonly (readonly SimpleCommand[])[], pipedFrom: readonly SimpleCommand[]): string | undefined {
  return pipedFrom.some((c) => ['done', '}', ')', 'fi', 'esac'].includes(c.words[0] ?? '')) ? scriptSecret(ctx, lines) : undefined;
}

/** Programs that copy a file into another place (a work tree): what `git push` then carries. */
const COPIERS = new Set(['cp', 'mv', 'install', 'tar', 'rsync', 'ln', 'cat', 'dd', 'base64', 'gpg', 'openssl']);

/**
 * Connections that carry what the script read rather than a file they name:
 * bash's /dev/tcp to a host outside the cluster while the script reads a
 * Secret, and `git push` to an outside remote of a tree a Secret's file was
 * copied into.
 */
function connections(ctx: Context, script: string, lines: readonly (readonly SimpleCommand[])[], commands: ReadonlyArray<{ prog: string; args: string[] }>, out: CommandEffect[]): void {
  const base = { resource: ctx.resource, path: ctx.path };
  const outside = devTcpHosts(script).filter((h) => !ctx.internal(h));
  const secret = outside.length > 0 ? scriptSecret(ctx, lines) : undefined;
  if (secret !== undefined) out.push({ ...base, program: 'bash', effect: 'upload', destination: outside[0] ?? '', bucket: '', internal: false, payload: 'secret', secret });
  const remote = gitPushRemotes(commands)?.map((r) => hostOf(r) ?? '').find((h) => h !== '' && !ctx.internal(h));
  if (remote === undefined) return;
  const copied = commands.filter((c) => COPIERS.has(c.prog)).flatMap((c) => c.args.filter((a) => a.startsWith('/')).map((a) => secretAt(ctx, a)));
  const s = copied.find((x) => x !== undefined);
  if (s !== undefined) out.push({ ...base, program: 'git', effect: 'upload', destination: remote, bucket: '', internal: false, payload: 'secret', secret: s });
}

/** The files the commands before a pipe read (`cat /dump/st2.gz | ssh ...`): what reaches the sender's standard input. */
function pipedFiles(pipedFrom: readonly SimpleCommand[]): string[] {
  return pipedFrom.flatMap((c) => [...c.inputs, ...c.words.slice(programIndex(c.words) + 1).filter((w) => w.startsWith('/'))]);
}

function wipes(ctx: Context, prog: string, args: readonly string[], base: Base, out: CommandEffect[]): void {
  const recursive = prog === 'rm' ? args.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || a === '--recursive') : args.includes('-delete') || args.includes('-exec');
  const targets = prog === 'rm' ? args.filter((a) => !a.startsWith('-')) : args.filter((a) => a.startsWith('/')).slice(0, 1);
  for (const t of targets) {
    if (!t.startsWith('/') || t.includes('$')) continue;
    // Without -r, only a glob over a directory's entries (`/data/db/*`) empties it.
    const glob = /\/\.?\*$/.test(t);
    if (!recursive && !glob) continue;
    const path = t.replace(/\/\.?\*$/, '') || '/';
    for (const m of mountsHit(ctx.mounts, path, recursive)) {
      if (m.claim !== undefined) out.push({ ...base, effect: 'volume-wipe', volume: m.volume, claim: m.claim, template: m.template });
    }
  }
}

export function collectCommandEffects(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>, namespace: string, now: Date): CommandEffect[] {
  const out: CommandEffect[] = [];
  let rendered: RenderedFiles | undefined;
  let secretKeys: Map<string, string[]> | undefined;
  const keysOf = (name: string): string[] => {
    secretKeys ??= new Map(
      resources
        .filter((r) => kindOf(r) === 'Secret')
        .map((r) => [isJsonObject(r['metadata']) && typeof r['metadata']['name'] === 'string' ? r['metadata']['name'] : '', [...Object.keys(isJsonObject(r['data']) ? r['data'] : {}), ...Object.keys(isJsonObject(r['stringData']) ? r['stringData'] : {})]]),
    );
    return secretKeys.get(name) ?? [];
  };
  const dumps = new PodDumps<CommandEffect>();
  const internal = renderHost(resources, namespace);
  let objects: EnvObjects | undefined;
  let proxyConfigs: boolean | undefined;
  forEachContainer(resources, specPaths, [...RUNNING_FIELDS, 'ephemeralContainers'], (c) => {
    const ns = namespaceOf(c.manifest, namespace);
    const literals = literalVars(c.container);
    const files = (): ContainerFiles => new ContainerFiles(c.container, c.podSpec, ns, (rendered ??= new RenderedFiles(resources, namespace)), false, literals);
    // The render's Service names count as in the cluster for st2's endpoints too.
    let pkg: ReadonlyMap<string, string> | undefined;
    const pkgEnv = (): ReadonlyMap<string, string> => (pkg ??= packageEnv(c.container, literals, () => (objects ??= envObjects(resources))));
    const pyDirs = commandPythonDirs(c.container);
    for (const e of envEffects(c.container, literals, files, pkgEnv, pyDirs)) out.push({ resource: c.index, path: c.path, program: 'env', ...(e.effect === 'st2-url' ? { ...e, internal: internal(e.host) } : e) });
    const pythonPath = effectivePythonPath(pkg?.get('PYTHONPATH'), pyDirs.inserted);
    if (pythonPath !== undefined || mountsIntoImports(c.container)) modulePrintEffects(c, pythonPath, files(), keysOf, out);
    const scripts = containerScripts(c, files, literals, (proxyConfigs ??= hasProxyCommand(resources)), pkgEnv);
    if (scripts.length === 0) return;
    const podMounts = c.podSpec['shareProcessNamespace'] === true ? ['containers', 'initContainers'].flatMap((f): unknown[] => { const list = c.podSpec[f]; return Array.isArray(list) ? list : []; }).filter((o): o is JsonObject => isJsonObject(o) && o !== c.container).flatMap((o) => mountsOf(c.manifest, c.specPath, c.podSpec, o)) : [];
    const ctx = { resource: c.index, podMounts, internal, now, mounts: mountsOf(c.manifest, c.specPath, c.podSpec, c.container), secretVars: secretVars(c.container, keysOf), literals, namespace: ns, pod: `${c.index}:${c.specPath.join('/')}`, container: c.container, dumps };
    for (const s of scripts) {
      if (s.probe !== true) {
        scriptEffects({ ...ctx, path: s.path }, s.text, out);
        continue;
      }
      // A probe's output goes to the kubelet, not to the pod log: only what it does counts.
      const found: CommandEffect[] = [];
      scriptEffects({ ...ctx, path: s.path }, s.text, found);
      out.push(...found.filter((e) => e.effect !== 'print-secret'));
    }
  });
  out.push(...dumps.resolve());
  return out;
}
