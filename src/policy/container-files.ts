/**
 * What a path inside a container holds, as far as the render says: the file
 * of a ConfigMap or Secret key that a volumeMount puts there (mountPath with
 * or without subPath, a directory mount with its keys or `items[].path`,
 * projected volumes), the text an ExternalSecret's template gives its Secret,
 * or what StackStorm's own images ship. Everything else (an emptyDir an init
 * container fills, a CSI or persistent volume, a Secret nobody in the render
 * makes, an image the gate does not know) is unreadable: its content is not
 * in the repository the gate judges.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import { volumeFiles, type RenderedFiles } from './rendered-files.js';
import { normalizePath, type ConfigFile } from './st2-config-files.js';

/**
 * st2-dockerfiles (base/Dockerfile): /etc/st2/st2.conf is the package's
 * conf/st2.package.conf ([auth] enable = False, no [rbac]) with
 * files/st2.tmp.conf merged into it by crudini ([auth] enable = True), and
 * st2.docker.conf and st2.user.conf are comments only. So the image's own
 * files turn authentication on and leave RBAC at st2's default: off.
 */
const IMAGE_FILES = new Map<string, string>([
  ['st2.conf', '[auth]\nenable = True\n'],
  ['st2.docker.conf', ''],
  ['st2.user.conf', ''],
]);
const IMAGE_DIR = '/etc/st2';
/**
 * The logging files the st2 3.8 packages install in /etc/st2 (a listing of an installed
 * st2 3.x /etc/st2; the gunicorn ones for st2api, st2auth and st2stream under gunicorn).
 */
const LOGGED = ['actionrunner', 'api', 'auth', 'garbagecollector', 'notifier', 'rulesengine', 'scheduler', 'sensorcontainer', 'stream', 'timersengine', 'workflowengine'];
const IMAGE_LOGGING = new Set([
  ...LOGGED.flatMap((s) => [`logging.${s}.conf`, `syslog.${s}.conf`]),
  ...['api', 'auth', 'stream'].map((s) => `logging.${s}.gunicorn.conf`),
]);

interface Mount {
  readonly path: string;
  readonly volume: JsonObject | undefined;
  readonly subPath: string | undefined;
  readonly badSubPath: boolean;
}

/** One container's view of its file system: its mounts, resolved against its pod's volumes. */
export class ContainerFiles {
  private readonly mounts: Mount[] = [];

  constructor(
    readonly container: JsonObject,
    /** The pod's spec: what its other containers write into a shared emptyDir (volume-fills.ts). */
    readonly podSpec: JsonObject,
    private readonly ns: string,
    readonly rendered: RenderedFiles,
    /** The image's own /etc/st2 is StackStorm's and the process cannot have rewritten it. */
    readonly imageKnown: boolean,
    vars: ReadonlyMap<string, string>,
  ) {
    const volumes = new Map<string, JsonObject>();
    if (Array.isArray(podSpec['volumes'])) for (const v of podSpec['volumes']) if (isJsonObject(v) && typeof v['name'] === 'string') volumes.set(v['name'], v);
    if (!Array.isArray(container['volumeMounts'])) return;
    for (const m of container['volumeMounts']) {
      if (!isJsonObject(m) || typeof m['mountPath'] !== 'string') continue;
      const path = normalizePath(m['mountPath']);
      if (path === undefined) continue;
      let subPath = typeof m['subPath'] === 'string' && m['subPath'] !== '' ? m['subPath'] : undefined;
      let badSubPath = false;
      if (typeof m['subPathExpr'] === 'string' && m['subPathExpr'] !== '') {
        subPath = m['subPathExpr'].replace(/\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (all, name: string) => vars.get(name) ?? all);
        badSubPath = subPath.includes('$(');
      }
      this.mounts.push({ path, volume: typeof m['name'] === 'string' ? volumes.get(m['name']) : undefined, subPath, badSubPath });
    }
  }

  /** The deepest mount at or above a path (Kubernetes mounts nested paths over their parents). */
  private mountOf(path: string): { mount: Mount; rest: string } | undefined {
    let best: { mount: Mount; rest: string } | undefined;
    for (const mount of this.mounts) {
      const rest = path === mount.path ? '' : mount.path === '/' ? path.slice(1) : path.startsWith(`${mount.path}/`) ? path.slice(mount.path.length + 1) : undefined;
      if (rest !== undefined && (best === undefined || mount.path.length >= best.mount.path.length)) best = { mount, rest };
    }
    return best;
  }

  /** The file at an absolute path. */
  file(path: string): ConfigFile {
    const found = this.mountOf(path);
    if (found === undefined) return this.imageFile(path);
    const { mount, rest } = found;
    if (mount.volume === undefined) return { kind: 'unreadable', why: `the volume mounted at ${mount.path} is not in the pod` };
    if (mount.badSubPath) return { kind: 'unreadable', why: `the subPathExpr mounted at ${mount.path}` };
    const inner = normalizePath(`/${[mount.subPath, rest].filter((p) => p !== undefined && p !== '').join('/')}`)?.slice(1) ?? '';
    const files = volumeFiles(mount.volume, this.ns, this.rendered);
    if ('unreadable' in files) return { kind: 'unreadable', why: `${path}: ${files.unreadable}` };
    const file = files.files.get(inner);
    if (file !== undefined) return file;
    return files.rest === undefined ? { kind: 'absent' } : { kind: 'unreadable', why: `${path}: ${files.rest}` };
  }

  /**
   * True when a file a process is told to read is not there: under a mount
   * whose files the render holds, a name the volume lacks; outside every
   * mount, in a StackStorm image the process cannot have changed, a path the
   * image does not ship (its /etc/st2 files, the package's logging configs,
   * /opt/stackstorm). A path the render cannot see into is never missing.
   */
  /** The Secret and key a secret volume mounts at the path (by `items`, else the file's name); undefined for anything else. */
  secretAt(path: string): { readonly ns: string; readonly name: string; readonly key: string } | undefined {
    const found = this.mountOf(path);
    const secret = found?.mount.volume?.['secret'];
    if (found === undefined || !isJsonObject(secret) || typeof secret['secretName'] !== 'string' || found.mount.badSubPath) return undefined;
    const inner = normalizePath(`/${[found.mount.subPath, found.rest].filter((p) => p !== undefined && p !== '').join('/')}`)?.slice(1) ?? '';
    if (!Array.isArray(secret['items'])) return inner.includes('/') ? undefined : { ns: this.ns, name: secret['secretName'], key: inner };
    const items: unknown[] = secret['items'];
    const item = items.find((i) => isJsonObject(i) && i['path'] === inner);
    return isJsonObject(item) && typeof item['key'] === 'string' ? { ns: this.ns, name: secret['secretName'], key: item['key'] } : undefined;
  }

  /** Another container of the same pod's view (what it copies into a shared volume). */
  of(container: JsonObject): ContainerFiles {
    return new ContainerFiles(container, this.podSpec, this.ns, this.rendered, false, new Map());
  }

  /** The pod volume mounted at or above the path (undefined outside every mount, or for a volume the pod lacks). */
  volumeAt(path: string): JsonObject | undefined {
    return this.mountOf(path)?.mount.volume;
  }

  /**
   * The paths of the files the container's mounts put in place whose content the render
   * holds (a file mounted by subPath, each key of a mounted ConfigMap, Secret or projected
   * volume); a path a deeper mount covers is still listed (file() reads what is there).
   */
  mountedFiles(): string[] {
    const out: string[] = [];
    for (const mount of this.mounts) {
      if (mount.volume === undefined || mount.badSubPath) continue;
      const files = volumeFiles(mount.volume, this.ns, this.rendered);
      if ('unreadable' in files) continue;
      const prefix = mount.subPath === undefined ? '' : (normalizePath(`/${mount.subPath}`)?.slice(1) ?? '');
      const base = mount.path === '/' ? '' : mount.path;
      for (const name of files.files.keys()) {
        if (prefix === '') out.push(`${base}/${name}`);
        else if (name === prefix) out.push(mount.path);
        else if (name.startsWith(`${prefix}/`)) out.push(`${base}/${name.slice(prefix.length + 1)}`);
      }
    }
    return out;
  }

  /** Whether a volume mount covers the path (the file is the pod's to provide, not the image's). */
  isMounted(path: string): boolean {
    return this.mountOf(path) !== undefined;
  }

  isMissing(path: string): boolean {
    if (this.mountOf(path) !== undefined) return this.file(path).kind === 'absent';
    if (!this.imageKnown) return false;
    const name = path.startsWith(`${IMAGE_DIR}/`) ? path.slice(IMAGE_DIR.length + 1) : undefined;
    if (name !== undefined && (IMAGE_FILES.has(name) || IMAGE_LOGGING.has(name))) return false;
    return !path.startsWith('/opt/stackstorm/');
  }

  /**
   * True when a `--config-dir` is not there (oslo.config's _ConfigDirOpt: `if not
   * os.path.exists(...)`: ConfigDirNotFoundError, the process stops at start-up).
   * A mount point or a directory above one is always there (the kubelet makes it);
   * inside a mounted ConfigMap or Secret whose keys the render holds, a name no key
   * is at or under is not; outside every mount, in a StackStorm image, a name under
   * /etc/st2 other than the files the image ships is not (its /etc/st2 holds files only).
   */
  isMissingDir(dir: string): boolean {
    for (const mount of this.mounts) if (mount.path === dir || mount.path.startsWith(`${dir}/`)) return false;
    const found = this.mountOf(dir);
    if (found === undefined) {
      const name = dir.startsWith(`${IMAGE_DIR}/`) ? dir.slice(IMAGE_DIR.length + 1) : undefined;
      return this.imageKnown && name !== undefined && !IMAGE_FILES.has(name) && !IMAGE_LOGGING.has(name);
    }
    const { mount, rest } = found;
    if (mount.volume === undefined || mount.badSubPath) return false;
    const files = volumeFiles(mount.volume, this.ns, this.rendered);
    if ('unreadable' in files || files.rest !== undefined) return false;
    const prefix = [mount.subPath, rest].filter((p) => p !== undefined && p !== '').join('/');
    if (prefix === '') return false;
    for (const name of files.files.keys()) if (name === prefix || name.startsWith(`${prefix}/`)) return false;
    return true;
  }

  /** The `*.conf` files of a directory, sorted by name as oslo's glob is, or undefined when the directory's content is unknown. */
  directory(dir: string): { files: string[] } | { unreadable: string } {
    const all = this.listing(dir);
    return 'unreadable' in all ? all : { files: all.files.filter((n) => n.endsWith('.conf')) };
  }

  /** Every file directly in a directory, sorted by name, or why its content is unknown. */
  listing(dir: string): { files: string[] } | { unreadable: string } {
    const names = new Set<string>();
    const found = this.mountOf(dir);
    if (found === undefined) {
      if (dir !== IMAGE_DIR || !this.imageKnown) return { unreadable: `${dir} in the image` };
      for (const name of IMAGE_FILES.keys()) names.add(name);
    } else {
      const { mount, rest } = found;
      if (mount.volume === undefined || mount.badSubPath) return { unreadable: `the volume mounted at ${mount.path}` };
      const files = volumeFiles(mount.volume, this.ns, this.rendered);
      if ('unreadable' in files || files.rest !== undefined) return { unreadable: `the volume mounted at ${mount.path}` };
      const prefix = [mount.subPath, rest].filter((p) => p !== undefined && p !== '').join('/');
      for (const name of files.files.keys()) {
        const inside = prefix === '' ? name : name.startsWith(`${prefix}/`) ? name.slice(prefix.length + 1) : undefined;
        if (inside !== undefined && !inside.includes('/')) names.add(inside);
      }
    }
    // Files mounted one by one into the directory are in it too.
    for (const mount of this.mounts) {
      if (mount.path.startsWith(`${dir}/`) && !mount.path.slice(dir.length + 1).includes('/')) names.add(mount.path.slice(dir.length + 1));
    }
    return { files: [...names].sort().map((n) => `${dir}/${n}`) };
  }

  /** Every file the render's volumes put at or under a directory, at any depth (nested mounts, `items` paths), that no deeper mount hides. */
  filesUnder(dir: string): string[] {
    const out = new Set<string>();
    for (const mount of this.mounts) {
      const related = mount.path === dir || mount.path.startsWith(`${dir}/`) || dir.startsWith(`${mount.path}/`) || mount.path === '/';
      if (!related || mount.volume === undefined || mount.badSubPath) continue;
      const files = volumeFiles(mount.volume, this.ns, this.rendered);
      if ('unreadable' in files) continue;
      const sub = mount.subPath ?? '';
      const base = mount.path === '/' ? '' : mount.path;
      for (const name of files.files.keys()) {
        const rel = sub === '' ? name : name === sub ? '' : name.startsWith(`${sub}/`) ? name.slice(sub.length + 1) : undefined;
        const abs = rel === undefined ? undefined : rel === '' ? mount.path : `${base}/${rel}`;
        if (abs !== undefined && abs.startsWith(`${dir}/`) && this.mountOf(abs)?.mount === mount) out.add(abs);
      }
    }
    return [...out].sort();
  }

  private imageFile(path: string): ConfigFile {
    const name = path.startsWith(`${IMAGE_DIR}/`) ? path.slice(IMAGE_DIR.length + 1) : undefined;
    const text = name === undefined ? undefined : IMAGE_FILES.get(name);
    if (this.imageKnown && text !== undefined) return { kind: 'text', text };
    return { kind: 'unreadable', why: `${path} in the image` };
  }
}
