/**
 * The Python code a container's PYTHONPATH puts ahead of its installed
 * packages (the fifteenth red team). Python inserts PYTHONPATH's entries in
 * sys.path before the standard library and site-packages (Python docs, "The
 * initialization of the sys.module search path"), so any module or package
 * the render mounts there can stand in for one st2 imports at start (six,
 * yaml, kombu, eventlet... or the standard library's own): no list of names
 * can say which one will run, so every `.py` file under a PYTHONPATH
 * directory counts as code the container's Python processes run, with their
 * config files and keys. Only files of the render's volumes are read (a
 * ConfigMap, a Secret, a projected volume): the image's are the image's.
 *
 * PYTHONPATH is split on ':' as CPython does, without trimming: an entry
 * ending in a newline (a ConfigMap key written as a YAML block) names a
 * directory that does not exist, and Python imports nothing from it.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import { clusterHost } from './send-programs.js';
import { PY_SENDS } from './exfil-channels.js';
import type { ConfigFile } from './st2-config-files.js';
import type { ContainerFiles } from './container-files.js';
import { emptyDirFill } from './volume-fills.js';

export interface PythonModule {
  readonly file: string;
  readonly text: string;
  /** sitecustomize.py or usercustomize.py: run at every start whatever st2 imports. */
  readonly hook: boolean;
}

const HOOK = /(?:^|\/)(?:sitecustomize|usercustomize)\.py$/;

/**
 * Where st2's Python imports from whatever PYTHONPATH says: st2's virtualenv
 * (/opt/stackstorm/st2, its site-packages), the packs' virtualenvs and the
 * image's Python. A file of the render mounted there (subPath) replaces the
 * installed module outright; the directory mounts themselves are ST2-OPS-065's.
 */
const IMPORT_ROOTS = ['/opt/stackstorm/st2', '/opt/stackstorm/virtualenvs', '/usr/lib/python3', '/usr/lib/python3.8', '/usr/local/lib/python3.8'];

/** Whether a container mounts anything where Python imports from without PYTHONPATH. */
export function mountsIntoImports(container: JsonObject): boolean {
  const mounts: unknown[] = Array.isArray(container['volumeMounts']) ? container['volumeMounts'] : [];
  return mounts.some((m) => {
    const p = isJsonObject(m) ? m['mountPath'] : undefined;
    return typeof p === 'string' && IMPORT_ROOTS.some((r) => p.startsWith(`${r}/`));
  });
}

/** The directories to read: PYTHONPATH's, and the import roots the container mounts into. */
function importDirs(pythonPath: string | undefined): string[] {
  return [...pythonPathDirs(pythonPath), ...IMPORT_ROOTS];
}

/** PYTHONPATH's absolute directories (a relative entry depends on the working directory: left to the image). */
export function pythonPathDirs(value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  return [...new Set(value.split(':').filter((d) => d.startsWith('/')).map((d) => d.replace(/\/+$/, '') || '/'))];
}

/**
 * The render's files at or under a directory: the ones its volumes mount
 * there, and the ones the pod's containers copy into an emptyDir there from
 * a ConfigMap or Secret (`cp /src/*.py /shared/`: volume-fills.ts).
 */
export function renderFilesUnder(files: ContainerFiles, dir: string): Array<{ file: string; content: ConfigFile }> {
  const out = files.filesUnder(dir).map((file) => ({ file, content: files.file(file) }));
  const fill = files.isMounted(dir) ? emptyDirFill(files, dir) : undefined;
  for (const c of fill?.copied ?? []) if (c.file.startsWith(`${dir}/`)) out.push(c);
  return out;
}

/** The `.py` files the render's volumes put under the container's PYTHONPATH directories, with their text. */
export function pythonPathModules(pythonPath: string | undefined, files: ContainerFiles): PythonModule[] {
  const out: PythonModule[] = [];
  const seen = new Set<string>();
  for (const dir of importDirs(pythonPath)) {
    for (const { file, content: f } of renderFilesUnder(files, dir)) {
      if (!file.endsWith('.py') || seen.has(file)) continue;
      seen.add(file);
      if (f.kind === 'text' && f.source !== undefined) out.push({ file, text: f.text, hook: HOOK.test(file) });
    }
  }
  return out;
}

/** `sys.path.insert(0, '/dir')` or `sys.path[0:0] = ['/dir']`: ahead of site-packages, as PYTHONPATH is. */
const PATH_INSERT = /\bsys\.path\.insert\(\s*\d+\s*,\s*r?['"](\/[^'"]+)['"]\s*\)|\bsys\.path\[\s*0?\s*:\s*0?\s*\]\s*=\s*\[\s*r?['"](\/[^'"]+)['"]/g;
/** `site.addsitedir('/dir')`: appended to sys.path, and the `import` lines of its .pth files run (site docs). */
const SITE_DIR = /\bsite\.addsitedir\(\s*r?['"](\/[^'"]+)['"]/g;

/** The argv's text when a word of it touches sys.path (most containers: none, and no allocation). */
const SYS_PATH = /sys\.path|addsitedir/;
const touches = (list: unknown): boolean => Array.isArray(list) && list.some((w) => typeof w === 'string' && SYS_PATH.test(w));

function sysPathText(container: JsonObject): string | undefined {
  const command = container['command'];
  const args = container['args'];
  if (!touches(command) && !touches(args)) return undefined;
  const words: unknown[] = [...(Array.isArray(command) ? (command as unknown[]) : []), ...(Array.isArray(args) ? (args as unknown[]) : [])];
  return words.filter((w): w is string => typeof w === 'string').join('\n');
}

export interface PythonDirs {
  readonly inserted: readonly string[];
  readonly siteDirs: readonly string[];
}

const NO_DIRS: PythonDirs = { inserted: [], siteDirs: [] };

/**
 * The directories a container's Python code (`python -c`, in its argv or a
 * shell's script) adds to sys.path before it imports what it runs (st2's
 * modules): inserted ones stand ahead of site-packages as PYTHONPATH's
 * entries do; site dirs run their .pth files' `import` lines.
 */
export function commandPythonDirs(container: JsonObject): PythonDirs {
  const text = sysPathText(container);
  if (text === undefined || !/\bpython[0-9.]*\b/.test(text)) return NO_DIRS;
  return {
    inserted: [...text.matchAll(PATH_INSERT)].map((m) => m[1] ?? m[2] ?? '').filter((d) => d !== ''),
    siteDirs: [...text.matchAll(SITE_DIR)].map((m) => m[1] ?? ''),
  };
}

/** PYTHONPATH as the container's Python sees it: what its `python -c` inserts, then the variable's entries (undefined: neither). */
export function effectivePythonPath(pythonPath: string | undefined, inserted: readonly string[]): string | undefined {
  if (inserted.length === 0) return pythonPath;
  return [...inserted, ...(pythonPath === undefined || pythonPath === '' ? [] : [pythonPath])].join(':');
}

/** Code Python loads that nobody can read here: extension modules, bytecode (a hash-based .pyc runs unchecked, PEP 552). */
const COMPILED = /\.(?:so|pyd|pyc)$/;

/**
 * The compiled modules the render's volumes put under PYTHONPATH, and a
 * PYTHONPATH entry that is itself a file of the render (a zip archive
 * zipimport loads): machine code or bytecode from git, in no image anyone
 * built or scanned, as an LD_PRELOAD library from a ConfigMap is.
 */
export function pythonPathCompiled(pythonPath: string | undefined, files: ContainerFiles): string[] {
  const out = new Set<string>();
  for (const dir of importDirs(pythonPath)) {
    const entry = files.isMounted(dir) ? files.file(dir) : undefined;
    if (entry?.kind === 'text' && entry.source !== undefined) out.add(dir);
    for (const { file, content: f } of renderFilesUnder(files, dir)) if (COMPILED.test(file) && f.kind === 'text' && f.source !== undefined) out.add(file);
  }
  return [...out];
}

const URL_HOST = /\b(?:https?|ftp):\/\/(?:[^@/\s'"]*@)?([^/:?#\s'"]+)/g;
/** The host handed to a connection: socket.create_connection(('h', p)), SMTP('h'), HTTPSConnection('h'). */
const CONNECT_HOST = /\b(?:SMTP(?:_SSL)?|FTP(?:_TLS)?|HTTPS?Connection|create_connection|connect|sendto)\(\s*\(?\s*['"]([A-Za-z0-9][A-Za-z0-9.:-]*\.[A-Za-z0-9.:-]*[A-Za-z0-9])['"]/g;
/** What code reads that is worth sending: a file by absolute path, a variable, the whole environment. */
const READS = /\bopen\(\s*['"]\/|\bos\.environ\b|\bgetenv\(/;

/**
 * The outside host a module's code sends to, '' for a send to a host it does
 * not name, or undefined when it sends nowhere outside. A hook counts any
 * send (it runs in every process); a module imported by name counts a send
 * to a host it names outside the cluster, or to one it does not name when it
 * reads files or the environment: a helper whose function posts what its
 * caller hands it reads nothing of the process's own.
 */
export function moduleSends(m: PythonModule): { host: string } | undefined {
  if (!PY_SENDS.test(m.text)) return undefined;
  const hosts = [...[...m.text.matchAll(URL_HOST)].map((x) => x[1] ?? ''), ...[...m.text.matchAll(CONNECT_HOST)].map((x) => x[1] ?? '')];
  if (hosts.length === 0) return m.hook || READS.test(m.text) ? { host: '' } : undefined;
  const outside = hosts.find((h) => !clusterHost(h));
  return outside === undefined ? undefined : { host: outside };
}

/** A statement writing to the pod log: print(), sys.stdout/stderr writes, os.write to fd 1 or 2, logging calls. */
const PRINTS = /\bprint\s*\(|\bsys\.(?:stdout|stderr)(?:\.buffer)?\.write\s*\(|\bos\.write\(\s*[12]\s*,|\b(?:logging|log|LOG|logger)\.(?:debug|info|warning|warn|error|critical|exception)\s*\(/;
const OPENS = /\bopen\(\s*['"](\/[^'"]+)['"]/g;
const ENV_READ = /\b(?:os\.)?(?:environ(?:\.get)?\s*[[(]\s*|getenv\(\s*)['"]([A-Za-z_][A-Za-z0-9_]*)['"]/g;
const ALL_ENV = /\bos\.environ\b(?!\s*(?:\.get)?\s*[[(])/;

/**
 * What a module's code writes to standard output or error (the pod log): the
 * files it opens and the variables it reads on the line that prints (`$NAME`
 * for a variable, `$*` for the whole environment). Read per line: a file
 * read to configure something and a print of a status line elsewhere are
 * not a print of that file.
 */
export function modulePrints(text: string): string[] {
  if (!PRINTS.test(text)) return [];
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!PRINTS.test(line)) continue;
    for (const m of line.matchAll(OPENS)) out.push(m[1] ?? '');
    for (const m of line.matchAll(ENV_READ)) out.push(`$${m[1] ?? ''}`);
    if (ALL_ENV.test(line)) out.push('$*');
  }
  return out;
}
