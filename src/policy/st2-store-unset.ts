/**
 * An st2 process started without the config file that holds where its stores are
 * (ST2-HRD-014). oslo.config (1.12, the version st2 3.8 pins) reads only the files named
 * by `--config-file`/`--config-dir` (else $ST2_CONFIG_PATH or /etc/st2/st2.conf); a file
 * merely mounted beside them is never read, and st2 3.8 reads no option from the
 * environment. On StackStorm's own images every file of the chain is known
 * (container-files.ts): an option none of them sets takes the image's st2.conf word or
 * st2's default — the bus at amqp://127.0.0.1:5672, the database at 127.0.0.1 without a
 * login, no datastore key — where nothing answers in an st2 pod (the image's st2.conf sets
 * connection_retries = 0: the process exits at start-up and crash-loops); without
 * `[coordination] url` st2 takes tooz's NoOpDriver, whose locks exclude nobody (ST2-REP-006).
 *
 * Judged only on evidence that the process was meant to have it:
 * - the pod mounts a file that sets the option and the chain does not read it (an
 *   argument dropped, a path misspelt, a chain of its own); or
 * - no process of the render running the same st2 program sets it while processes of
 *   other programs do (the whole service lost it: its file and mount dropped together).
 * An added copy of a service (a second runner pool, a CronJob beside the collector) that
 * brings no such file is left alone: the service itself still runs.
 *
 * Only option names and program names leave this module, never a value.
 */
import type { JsonObject } from '../core/manifest.js';
import { SHELLS } from './container-env.js';
import { imageRepository, ST2_SERVICE_IMAGES, type ChainWord } from './st2-config-files.js';
import type { GuardedSettings } from './st2-config.js';
import { osloBool } from './st2-config.js';

type Path = Array<string | number>;

/** The store options judged, by the problem each raises when left unset. */
const OPTIONS = {
  'messaging-url-unset': ['messaging.url', 'messaging.cluster_urls'],
  'database-host-unset': ['database.host'],
  'database-user-unset': ['database.username'],
  'datastore-key-unset': ['keyvalue.encryption_key_path'],
  // No crash: tooz's NoOpDriver, whose locks exclude nobody (ST2-REP-006's harm, judged there).
  'coordination-url-unset': ['coordination.url'],
} as const;

type Problem = keyof typeof OPTIONS;
const PROBLEMS = Object.keys(OPTIONS) as Problem[];

/** What st2 falls back to (named in the finding; never a credential). */
const FALLBACK: Record<Problem, string> = {
  'messaging-url-unset': 'amqp://127.0.0.1:5672',
  'database-host-unset': '127.0.0.1:27017',
  'database-user-unset': 'no login',
  'datastore-key-unset': 'no datastore key',
  'coordination-url-unset': 'no coordination backend',
};

type Words = Readonly<Record<string, ChainWord | undefined>>;

/** set, unset (st2's or the image's default) or other (written empty, unknown: judged elsewhere or not at all). */
function optionState(words: Words, problem: Problem): 'set' | 'unset' | 'other' {
  let unset = true;
  for (const key of OPTIONS[problem]) {
    const w = words[key];
    if (w?.unknown !== undefined) return 'other';
    if (w?.value === undefined) continue;
    if (w.value.trim() !== '') return 'set';
    unset = false;
  }
  if (!unset) return 'other';
  if (problem === 'database-user-unset') {
    // A user in the URI is one given (pymongo reads it there); with no host the host is what is missing.
    const host = words['database.host'];
    if (host?.value === undefined || host.unknown !== undefined) return 'other';
    if (/^[a-z+]+:\/\/[^/?#]*@/i.test(host.value.trim())) return 'set';
  }
  // Encryption written off is its own problem (datastore-encryption-off).
  if (problem === 'datastore-key-unset' && osloBool(words['keyvalue.enable_encryption']?.value) === false) return 'other';
  return 'unset';
}

/** One chain's store words, for storeUnsetFacts. */
export interface StoreSample {
  readonly resource: number;
  readonly path: Path;
  /** The st2 program the container runs ('' when a shell or wrapper hides it). */
  readonly program: string;
  /** The chain runs on StackStorm's published image, whose own files are known. */
  readonly image: boolean;
  readonly states: Readonly<Record<Problem, 'set' | 'unset' | 'other'>>;
  /** The options a file the pod mounts sets while the chain does not read that file. */
  readonly unread: ReadonlySet<Problem>;
}

const WRAPPERS = new Set(['env', 'tini', 'dumb-init', 'exec', 'nice', 'ionice', 'timeout', 'gosu', 'su-exec', '--']);

/** The st2 program a container starts: its image's CMD, or its argv's first program when that is an st2 one. */
export function st2Program(container: JsonObject): string {
  const argv = [container['command'], container['args']].flatMap((v) => (Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string') : []));
  const image = typeof container['image'] === 'string' ? imageRepository(container['image']) : '';
  if (container['command'] === undefined && container['args'] === undefined) return ST2_SERVICE_IMAGES.has(image) ? image : '';
  const word = argv.find((w) => !w.startsWith('-') && !w.includes('=') && !WRAPPERS.has(w.slice(w.lastIndexOf('/') + 1)));
  const name = word === undefined ? '' : word.slice(word.lastIndexOf('/') + 1);
  return SHELLS.has(name) || !/^st2[a-z0-9_-]*$/.test(name) || name === 'st2' ? '' : name;
}

/**
 * One chain's sample: `read` holds the files it read, `mounted` lists the files the pod
 * mounts (ContainerFiles.mountedFiles) and `settingsAt` reads one (undefined: not a text).
 */
export function storeSample(resource: number, path: Path, program: string, image: boolean, words: Words, read: ReadonlySet<string>, mounted: () => readonly string[], settingsAt: (path: string) => GuardedSettings | undefined): StoreSample {
  const states = {} as Record<Problem, 'set' | 'unset' | 'other'>;
  for (const p of PROBLEMS) states[p] = optionState(words, p);
  const unread = new Set<Problem>();
  if (image && PROBLEMS.some((p) => states[p] === 'unset')) {
    for (const file of mounted()) {
      if (read.has(file)) continue;
      const settings = settingsAt(file);
      if (settings === undefined) continue;
      for (const p of PROBLEMS) {
        if (states[p] === 'unset' && OPTIONS[p].some((k) => (settings[k as keyof GuardedSettings] as string | undefined)?.trim())) unread.add(p);
      }
    }
  }
  return { resource, path, program, image, states, unread };
}

export interface StoreUnsetFact {
  readonly resource: number;
  readonly path: Path;
  readonly problem: Problem;
  readonly detail: string;
  /** The st2 program (hook tools such as st2-register-content have no service role: the policy judges them by it). */
  readonly program: string;
}

/** The processes left on the image's defaults with evidence they were meant to have the option (see the module comment). */
export function storeUnsetFacts(samples: readonly StoreSample[]): StoreUnsetFact[] {
  if (!samples.some((s) => s.image && PROBLEMS.some((p) => s.states[p] === 'unset'))) return [];
  const setBy = new Map<Problem, Set<string>>(PROBLEMS.map((p) => [p, new Set<string>()]));
  for (const s of samples) for (const p of PROBLEMS) if (s.states[p] === 'set') setBy.get(p)?.add(s.program);
  const out: StoreUnsetFact[] = [];
  for (const s of samples) {
    if (!s.image) continue;
    for (const p of PROBLEMS) {
      if (s.states[p] !== 'unset') continue;
      const peers = setBy.get(p) ?? new Set<string>();
      // A login only where the render's st2 logs in (a MongoDB without access control needs none).
      if (p === 'database-user-unset' && peers.size === 0) continue;
      const alone = s.program !== '' && peers.size > 0 && !peers.has(s.program);
      if (s.unread.has(p) || alone) out.push({ resource: s.resource, path: s.path, problem: p, detail: FALLBACK[p], program: s.program });
    }
  }
  return out;
}
