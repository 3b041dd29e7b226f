/**
 * What fills an emptyDir a loader reads (the sixteenth round): the chart's
 * own pattern, an init container copying files out of its image into a
 * shared emptyDir (`cp -aR /opt/stackstorm/packs/. /opt/stackstorm/packs-shared`),
 * puts in the volume nothing but that image's files, which the image's
 * pinning and publisher vouch for as they do for the image's own
 * directories (ST2-HRD-001, ST2-HRD-027: the policy judges the images).
 * A writer counts as the image's when its command only copies, links and
 * makes directories from paths of its image (or of an image volume), or
 * when it runs one program of its image that is no downloader or copier
 * and names no path of the volume. A copy from a ConfigMap or Secret puts
 * the render's files there (read as if mounted: `copied`); anything else
 * (a download, a script, a subPath, a variable in the command) is unknown.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import { SHELLS } from './container-env.js';
import { pipelines, programIndex, programName, type SimpleCommand } from './shell-words.js';
import type { ConfigFile } from './st2-config-files.js';
import type { ContainerFiles } from './container-files.js';

export interface VolumeFill {
  /** The images whose own files are all the writers put there. */
  readonly images: readonly string[];
  /** Files of the render a writer copies in, at their path in the reading container. */
  readonly copied: ReadonlyArray<{ readonly file: string; readonly content: ConfigFile }>;
  /** A writer whose writes cannot be read here. */
  readonly unknown: boolean;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
/** Commands that only copy, link or make directories (or do nothing): with no redirection, they write nothing else. */
const COPIERS = new Set(['cp', 'rsync', 'ln']);
const QUIET = new Set(['mkdir', 'chmod', 'chown', 'ls', 'echo', 'true', 'set', 'test', '[', 'exit', 'sync']);
/** Programs that write files from elsewhere: a single-program writer running one of them is not the image's own. */
const WRITERS = /^(?:cp|mv|rsync|ln|install|dd|tee|curl|wget|tar|bsdtar|unzip|git|pip[0-9.]*|python[0-9.]*|perl|ruby|node|scp|sftp|nc|ncat|socat|aws|gsutil|gcloud|az|rclone|mc|sh|bash|dash|ash|zsh|ksh|env|busybox|install)$/;

interface Mount {
  readonly path: string;
  readonly name: string;
  readonly readOnly: boolean;
  readonly subPath: boolean;
}

function mountsOf(container: JsonObject): Mount[] {
  const out: Mount[] = [];
  for (const m of Array.isArray(container['volumeMounts']) ? container['volumeMounts'] : []) {
    if (!isJsonObject(m) || typeof m['mountPath'] !== 'string' || typeof m['name'] !== 'string') continue;
    const sub = (typeof m['subPath'] === 'string' && m['subPath'] !== '') || (typeof m['subPathExpr'] === 'string' && m['subPathExpr'] !== '');
    out.push({ path: m['mountPath'].replace(/\/+$/, '') || '/', name: m['name'], readOnly: m['readOnly'] === true, subPath: sub });
  }
  return out;
}

const under = (path: string, dir: string): boolean => path === dir || dir === '/' || path.startsWith(`${dir}/`);

/** The command a container runs as a script: a shell's `-c` text, else its argv as one command. */
function scriptOf(container: JsonObject): string | undefined {
  const argv = [...strings(container['command']), ...strings(container['args'])];
  if (argv.length === 0) return undefined;
  const flag = argv.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w));
  if (SHELLS.has(programName(argv[0] ?? '')) && flag > 0) return argv.slice(flag + 1).join('\n');
  return argv.map((w) => `'${w.replace(/'/g, '')}'`).join(' ');
}

/** The sources of a cp/rsync/ln (every operand but the last), or undefined for a form not read here (`-t DIR`). */
function copySources(cmd: SimpleCommand, k: number): { sources: string[]; to: string } | undefined {
  const args = cmd.words.slice(k + 1);
  if (args.some((a) => a === '-t' || a.startsWith('--target-directory') || /^-[A-Za-z]*t/.test(a))) return undefined;
  const operands = args.filter((a) => !a.startsWith('-'));
  const to = operands.pop();
  return to === undefined || operands.length === 0 ? undefined : { sources: operands, to };
}

interface Writer {
  readonly images: string[];
  readonly copies: Array<{ from: string; to: string }>;
  readonly unknown: boolean;
}

const UNKNOWN: Writer = { images: [], copies: [], unknown: true };

/** What one container writes into the volume it mounts writable at `at`. */
function writerOf(container: JsonObject, at: string, spec: JsonObject): Writer {
  const image = container['image'];
  if (typeof image !== 'string' || image === '') return UNKNOWN;
  if (isJsonObject(container['lifecycle'])) return UNKNOWN;
  if (typeof container['workingDir'] === 'string' && under(container['workingDir'], at)) return UNKNOWN;
  const script = scriptOf(container);
  if (script === undefined) return { images: [image], copies: [], unknown: false };
  const lines = pipelines(script);
  const mounts = mountsOf(container);
  const volumes = new Map<string, JsonObject>();
  for (const v of Array.isArray(spec['volumes']) ? spec['volumes'] : []) if (isJsonObject(v) && typeof v['name'] === 'string') volumes.set(v['name'], v);
  const images = new Set<string>();
  const copies: Array<{ from: string; to: string }> = [];
  let copiesOnly = true;
  for (const pipeline of lines) {
    for (const cmd of pipeline) {
      const k = programIndex(cmd.words);
      const prog = programName(cmd.words[k] ?? '');
      // A variable or substitution can name anything: that command's writes are unknown.
      if (cmd.stdoutToFile || cmd.inputs.length > 0 || pipeline.length > 1 || cmd.words.some((w) => /[$`]/.test(w))) copiesOnly = false;
      else if (QUIET.has(prog)) continue;
      else if (!COPIERS.has(prog)) copiesOnly = false;
      else {
        const op = copySources(cmd, k);
        if (op === undefined) copiesOnly = false;
        for (const from of op?.sources ?? []) {
          if (!from.startsWith('/')) {
            copiesOnly = false;
            continue;
          }
          // The deepest mount over the source says whose file it is; none: the image's.
          const m = mounts.filter((x) => under(from, x.path)).sort((a, b) => b.path.length - a.path.length)[0];
          const v = m === undefined ? undefined : volumes.get(m.name);
          if (m === undefined) images.add(image);
          else if (isJsonObject(v?.['image']) && typeof v['image']['reference'] === 'string') images.add(v['image']['reference']);
          else if (v !== undefined && (isJsonObject(v['configMap']) || isJsonObject(v['secret']) || isJsonObject(v['projected']))) copies.push({ from, to: op?.to ?? '' });
          else copiesOnly = false;
        }
      }
    }
  }
  if (copiesOnly) return { images: [...images], copies, unknown: false };
  // One program of the image, run as written: it writes what the image's code writes.
  const words = lines[0]?.[0]?.words ?? [];
  const single = lines.length === 1 && lines[0]?.length === 1;
  const prog = programName(words[programIndex(words)] ?? '');
  if (single && !WRITERS.test(prog) && !words.some((w) => w.includes(at) || /[$`]/.test(w))) return { images: [image], copies: [], unknown: false };
  // Whatever else the script does, the render's files it copies are there too.
  return { images: [], copies, unknown: true };
}

const GLOB = /[*?[]/;

/** The files a copy's source names in the writer's view: a file, a directory's tree, or a glob's matches in one directory. */
function sourceFiles(view: ContainerFiles, from: string): { src: string; files: string[] } {
  const name = from.slice(from.lastIndexOf('/') + 1);
  if (GLOB.test(name) && name !== '*') {
    const dir = from.slice(0, from.lastIndexOf('/')) || '/';
    const re = new RegExp(`^${name.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
    return { src: dir, files: view.filesUnder(dir).filter((f) => f.lastIndexOf('/') === dir.length && re.test(f.slice(dir.length + 1))) };
  }
  const src = from.replace(/\/(?:\.|\*)$/, '').replace(/\/+$/, '');
  const one = view.file(src);
  return { src, files: one.kind === 'text' || one.kind === 'unreadable' ? [src] : view.filesUnder(src) };
}

/**
 * The reading container's path of a file a writer copies (`src` is the
 * source as a file or directory, `from` as written: `/src/.`, `/src/*` or a
 * glob copy the entries) to `to`, in the writer's view with the volume at
 * `writerAt`. A destination that is the mount itself or ends in `/` is a
 * directory the source lands in; any other is the copy's new name.
 */
function readerPath(to: string, from: string, src: string, file: string, writerAt: string, readerAt: string): string {
  const dest = to.replace(/\/+$/, '') || '/';
  const into = dest === writerAt || to.endsWith('/');
  const base = src.slice(src.lastIndexOf('/') + 1);
  const rel = file === src ? '' : file.slice(src.length + 1);
  const landing = from !== src ? `${dest}/${rel}` : rel === '' ? (into ? `${dest}/${base}` : dest) : into ? `${dest}/${base}/${rel}` : `${dest}/${rel}`;
  return `${readerAt}${landing.slice(writerAt.length)}`;
}

/**
 * What the pod's containers write into the emptyDir the reading container
 * mounts at or above `dir`; undefined when no emptyDir is there.
 */
export function emptyDirFill(files: ContainerFiles, dir: string): VolumeFill | undefined {
  const volume = files.volumeAt(dir);
  if (!isJsonObject(volume?.['emptyDir']) || typeof volume['name'] !== 'string') return undefined;
  const name = volume['name'];
  const readerMount = mountsOf(files.container).filter((m) => m.name === name && under(dir, m.path)).sort((a, b) => b.path.length - a.path.length)[0];
  if (readerMount === undefined) return undefined;
  // One reading per render, pod, volume and mount path: a pod's containers and loaders ask again and again.
  let byPod = FILLS.get(files.rendered);
  if (byPod === undefined) FILLS.set(files.rendered, (byPod = new WeakMap<JsonObject, Map<string, VolumeFill>>()));
  let byMount = byPod.get(files.podSpec);
  if (byMount === undefined) byPod.set(files.podSpec, (byMount = new Map<string, VolumeFill>()));
  const key = `${name}\0${readerMount.path}\0${readerMount.subPath ? 1 : 0}`;
  const known = byMount.get(key);
  if (known !== undefined) return known;
  const fill = readFill(files, name, readerMount);
  byMount.set(key, fill);
  return fill;
}

const FILLS = new WeakMap<object, WeakMap<JsonObject, Map<string, VolumeFill>>>();

function readFill(files: ContainerFiles, name: string, readerMount: Mount): VolumeFill {
  const images = new Set<string>();
  const copied: Array<{ file: string; content: ConfigFile }> = [];
  let unknown = readerMount.subPath;
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of Array.isArray(files.podSpec[field]) ? files.podSpec[field] : []) {
      if (!isJsonObject(c)) continue;
      for (const m of mountsOf(c)) {
        if (m.name !== name || m.readOnly) continue;
        if (m.subPath) {
          unknown = true;
          continue;
        }
        const w = writerOf(c, m.path, files.podSpec);
        if (w.unknown) unknown = true;
        for (const i of w.images) images.add(i);
        if (w.copies.length === 0) continue;
        const view = files.of(c);
        for (const { from, to } of w.copies) {
          if (!under(to.replace(/\/+$/, '') || '/', m.path)) continue;
          const { src, files: list } = sourceFiles(view, from);
          for (const file of list) copied.push({ file: readerPath(to, from.replace(/\/+$/, ''), src, file, m.path, readerMount.path), content: view.file(file) });
        }
      }
    }
  }
  return { images: [...images].sort(), copied, unknown };
}

/**
 * Whether a container of the pod may copy a file of that name into the
 * emptyDir: one mounting it writable names the file, or copies a directory's
 * entries or a glob (`cp /src/. /dst`, `cp /src/* /dst`, `-r`, rsync).
 * Cheaper than reading every writer, which most pods never need.
 */
function mayCopyName(files: ContainerFiles, volume: string, name: string): boolean {
  for (const field of ['initContainers', 'containers']) {
    for (const c of Array.isArray(files.podSpec[field]) ? files.podSpec[field] : []) {
      if (!isJsonObject(c) || !mountsOf(c).some((m) => m.name === volume && !m.readOnly)) continue;
      const text = scriptOf(c) ?? '';
      if (text.includes(name)) return true;
      // A copy of many files at once, or of a name a variable holds.
      for (const line of text.split(/[\n;&|]/)) if (/\b(?:cp|rsync|mv|install|tar|bsdtar|unzip)\b/.test(line) && /\/\.(?:\s|'|$)|\*|\s-[A-Za-z]*[rRa]|\$/.test(line)) return true;
    }
  }
  return false;
}

/** The render's text at a path: a file a volume mounts, or one a container copies into the emptyDir there. */
export function renderTextAt(files: ContainerFiles, path: string): string | undefined {
  const v = files.volumeAt(path);
  if (isJsonObject(v?.['emptyDir']) && typeof v['name'] === 'string' && !mayCopyName(files, v['name'], path.slice(path.lastIndexOf('/') + 1))) return undefined;
  const f = files.file(path);
  if (f.kind === 'text') return f.source !== undefined ? f.text : undefined;
  if (f.kind !== 'unreadable') return undefined;
  const copied = emptyDirFill(files, path)?.copied.find((c) => c.file === path)?.content;
  return copied?.kind === 'text' && copied.source !== undefined ? copied.text : undefined;
}
