/**
 * mongod settings that stop a member starting or stop st2 using it (the
 * eleventh red team's store-mongodb class), read from its argv and `--config`
 * file as mongod reads them (mongod-settings.ts):
 *
 * - an option given twice on the command line: Boost's program_options
 *   refuses it ("Multiple occurrences of option", exit 2), except the
 *   composing `--setParameter` and the verbosity switches;
 * - a storage engine other than WiredTiger: ephemeralForTest and inMemory
 *   keep the data in memory only (durability off, ST2-REP-023); any other
 *   name mongod 4.4's community build lacks, or refuses on WiredTiger files;
 * - TLS on (`--tlsMode`/`--sslMode` other than disabled, `--tlsOnNormalPorts`,
 *   `net.tls.mode`) without a server certificate (`--tlsCertificateKeyFile`,
 *   `--sslPEMKeyFile`, a certificateSelector, or the file's): mongod refuses to
 *   start ("need tlsCertificateKeyFile or certificateSelector when TLS is
 *   enabled", ssl_options_server.cpp); requireTLS while st2's [database]
 *   connects without TLS (no `ssl = True`, no tls=true in its URI): mongod
 *   accepts TLS connections only, and refuses st2's;
 * - `clusterAuthMode` x509, sendX509 or sendKeyFile with TLS disabled, or x509
 *   and sendX509 in allowTLS without transitionToAuth: mongod's option
 *   validation refuses to start (ssl_options_server.cpp);
 * - `authenticationMechanisms` without SCRAM while st2 logs in with a
 *   password (no MONGODB-X509 in its namespace's config);
 * - a `--keyFile` that nothing provides: under an emptyDir no container of
 *   the pod writes (no script names the file or writes into its directory by
 *   a variable or glob), or a Secret/ConfigMap volume without that key; or
 *   outside every volume of the mongod container of an image that ships no
 *   keyfile (the official, MongoDB Inc.'s and Percona's: their entrypoints
 *   write none) when the container's own command does not name it (a script
 *   writing it before `exec mongod`). mongod reads the keyfile at start-up
 *   and exits when it cannot (security.keyFile);
 * - a replica set (`--replSet`, `replication.replSetName`) with authorization on
 *   (`--auth`, `security.authorization: enabled`, or the official image's
 *   docker-entrypoint.sh adding --auth when MONGO_INITDB_ROOT_USERNAME and
 *   _PASSWORD are both given) and neither a keyFile nor x.509 cluster
 *   authentication: mongod refuses to start ("security.keyFile is required
 *   when authorization is enabled with replica sets"). A `--config` file the
 *   gate cannot read may hold the keyFile: not judged;
 * - `--maxConns`/`net.maxIncomingConnections`, for the policy's floor.
 *
 * Only option names, numbers and engine names leave this module.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import { imageRepository } from './st2-config-files.js';
import type { ContainerFiles } from './container-files.js';
import { optionValues, type MongodConfig } from './mongod-settings.js';

export type MongodStartupSetting = 'option_repeated' | 'storage_engine' | 'cluster_auth_tls' | 'auth_mechanisms' | 'keyfile_missing' | 'keyfile_required' | 'max_connections' | 'tls_no_certificate' | 'tls_required';

export interface MongodStartupFact {
  readonly setting: MongodStartupSetting | 'durability_off';
  readonly value: number | string;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Options mongod accepts more than once: the composing map and the verbosity switches. */
const REPEATABLE = /^(?:--setParameter|-v+|--verbose)$/;

const MEMORY_ENGINES = new Set(['ephemeralForTest', 'inMemory', 'devnull', 'biggie']);

/** The first option name mongod's argv gives twice. */
export function repeatedOption(argv: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const w of argv) {
    if (!w.startsWith('-') || /^-?[0-9]/.test(w.slice(1))) continue;
    const name = w.split('=')[0] ?? w;
    if (REPEATABLE.test(name)) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/** The TLS mode mongod ends up in: the last --tlsMode/--sslMode, the *OnNormalPorts aliases, the file's, else disabled. */
function tlsMode(argv: readonly string[], c: MongodConfig): string {
  const mode = [...optionValues(argv, ['--tlsMode', '--sslMode'], true)].pop();
  if (mode !== undefined) return mode.replace(/SSL$/, 'TLS');
  if (optionValues(argv, ['--tlsOnNormalPorts', '--sslOnNormalPorts'], false).length > 0) return 'requireTLS';
  return (c.tlsMode ?? 'disabled').replace(/SSL$/, 'TLS');
}

export interface MongodStartupInput {
  readonly argv: readonly string[];
  readonly config: MongodConfig;
  readonly podSpec: JsonObject;
  /** The mongod container (its image and its own command). */
  readonly container: JsonObject;
  readonly files: () => ContainerFiles;
  /** Whether st2's config in the namespace authenticates with X.509 (MONGODB-X509). */
  readonly x509Clients: boolean;
  /** Whether st2's config in the namespace has a [database] section and none asks for TLS. */
  readonly plainClients?: boolean;
  /** False when a `--config` file is given that the gate cannot read. */
  readonly configKnown?: boolean;
}

export function mongodStartupFacts({ argv, config: c, podSpec, container, files, x509Clients, plainClients = false, configKnown = true }: MongodStartupInput): MongodStartupFact[] {
  const out: MongodStartupFact[] = [];
  const repeated = repeatedOption(argv);
  if (repeated !== undefined) out.push({ setting: 'option_repeated', value: repeated });
  const engine = optionValues(argv, ['--storageEngine'], true).pop() ?? c.engine;
  if (engine !== undefined && engine !== 'wiredTiger') out.push(MEMORY_ENGINES.has(engine) ? { setting: 'durability_off', value: `--storageEngine ${engine}` } : { setting: 'storage_engine', value: engine });
  const mode = optionValues(argv, ['--clusterAuthMode'], true).pop() ?? c.clusterAuthMode;
  const tls = tlsMode(argv, c);
  const transition = optionValues(argv, ['--transitionToAuth'], false).length > 0 || c.transitionToAuth === true;
  const certificate = optionValues(argv, ['--tlsCertificateKeyFile', '--sslPEMKeyFile', '--tlsCertificateSelector', '--sslCertificateSelector'], true).length > 0 || c.tlsCertificate !== undefined;
  if (['allowTLS', 'preferTLS', 'requireTLS'].includes(tls) && !certificate && configKnown) out.push({ setting: 'tls_no_certificate', value: tls });
  else if (tls === 'requireTLS' && plainClients) out.push({ setting: 'tls_required', value: tls });
  if (mode !== undefined && ((tls === 'disabled' && ['x509', 'sendX509', 'sendKeyFile'].includes(mode)) || (tls === 'allowTLS' && (mode === 'sendX509' || (mode === 'x509' && !transition))))) {
    out.push({ setting: 'cluster_auth_tls', value: mode });
  }
  const mechanisms = [...optionValues(argv, ['--setParameter'], true).filter((p) => p.startsWith('authenticationMechanisms=')).map((p) => p.slice('authenticationMechanisms='.length)), ...(c.authMechanisms !== undefined ? [c.authMechanisms] : [])].pop();
  if (mechanisms !== undefined && !x509Clients && !/SCRAM-SHA-(?:1|256)/.test(mechanisms)) out.push({ setting: 'auth_mechanisms', value: mechanisms.replace(/[^A-Za-z0-9,-]/g, '') });
  const keyFile = optionValues(argv, ['--keyFile'], true).pop() ?? c.keyFile;
  if (keyFile !== undefined && keyFileMissing(keyFile, podSpec, container, files)) out.push({ setting: 'keyfile_missing', value: keyFile });
  if (keyFile === undefined && configKnown && mode !== 'x509' && mode !== 'sendX509' && keyFileRequired(argv, c, container)) out.push({ setting: 'keyfile_required', value: 'security.keyFile' });
  const conns = optionValues(argv, ['--maxConns'], true).pop() ?? (c.maxConns !== undefined ? String(c.maxConns) : undefined);
  if (conns !== undefined) out.push({ setting: 'max_connections', value: /^[0-9]+$/.test(conns) ? Number(conns) : -1 });
  return out;
}

/** A replica set with authorization on: --auth, the file's, or the official image's entrypoint's (not with --noauth: ST2-HRD-007's). */
function keyFileRequired(argv: readonly string[], c: MongodConfig, container: JsonObject): boolean {
  const replSet = optionValues(argv, ['--replSet'], true).pop() ?? c.replSetName;
  if (replSet === undefined || replSet === '') return false;
  if (optionValues(argv, ['--noauth'], false).length > 0 || optionValues(argv, ['--transitionToAuth'], false).length > 0 || c.transitionToAuth === true || c.authorization === 'disabled') return false;
  return optionValues(argv, ['--auth'], false).length > 0 || c.authorization === 'enabled' || entrypointAddsAuth(container);
}

/**
 * docker-library/mongo's docker-entrypoint.sh runs `_mongod_hack_ensure_arg --auth` when both
 * MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD (or their _FILE forms) are non-empty,
 * and it runs only when no `command` replaces it (or the command names it).
 */
function entrypointAddsAuth(container: JsonObject): boolean {
  const image = typeof container['image'] === 'string' ? container['image'].replace(/^(?:docker\.io\/|index\.docker\.io\/|registry-1\.docker\.io\/)?(?:library\/)?/, '') : '';
  if (!/^mongo(?:[:@]|$)/.test(image)) return false;
  const command = strings(container['command']);
  if (command.length > 0 && !/docker-entrypoint/.test(command[0] ?? '')) return false;
  const given = new Set<string>();
  for (const e of Array.isArray(container['env']) ? container['env'].filter(isJsonObject) : []) {
    if (typeof e['name'] !== 'string') continue;
    if ((typeof e['value'] === 'string' && e['value'] !== '') || isJsonObject(e['valueFrom'])) given.add(e['name'].replace(/_FILE$/, ''));
    else given.delete(e['name'].replace(/_FILE$/, ''));
  }
  return given.has('MONGO_INITDB_ROOT_USERNAME') && given.has('MONGO_INITDB_ROOT_PASSWORD');
}

/** The volume (by name) a pod spec defines. */
function volumeNamed(podSpec: JsonObject, name: unknown): JsonObject | undefined {
  return (Array.isArray(podSpec['volumes']) ? podSpec['volumes'].filter(isJsonObject) : []).find((v) => v['name'] === name);
}

/** mongod images whose entrypoint writes no keyfile: a path outside the container's volumes is the image's, and it has none. */
const NO_KEYFILE_IMAGES = new Set(['mongo', 'mongodb-community-server', 'mongodb-enterprise-server', 'percona-server-mongodb']);

/**
 * A keyfile no source provides: a Secret or ConfigMap volume without it, an
 * emptyDir that no container of the pod writes it into, or a path outside the
 * container's volumes in an image that has none and that the container's own
 * command does not write. A path on a claim (written before) is not judged,
 * nor one outside the volumes of another image (Bitnami's entrypoint writes
 * its keyfile from the environment).
 */
function keyFileMissing(keyFile: string, podSpec: JsonObject, container: JsonObject, files: () => ContainerFiles): boolean {
  if (keyFile.includes('$') || !keyFile.startsWith('/')) return false;
  const view = files();
  if (!view.isMounted(keyFile)) {
    if (typeof container['image'] !== 'string' || !NO_KEYFILE_IMAGES.has(imageRepository(container['image']))) return false;
    const own = [...strings(container['command']), ...strings(container['args'])].join(' ').replace(/--keyFile(?:=|\s+)\S+/g, '');
    return !own.includes(keyFile);
  }
  if (view.file(keyFile).kind === 'absent') return true;
  // Which mount holds it: the deepest mountPath above it, in any running container (they share volumes).
  const dir = keyFile.slice(0, keyFile.lastIndexOf('/')) || '/';
  const base = keyFile.slice(keyFile.lastIndexOf('/') + 1);
  let emptyDir = false;
  const containers = ['initContainers', 'containers'].flatMap((f) => (Array.isArray(podSpec[f]) ? podSpec[f].filter(isJsonObject) : []));
  for (const c of containers) {
    for (const m of Array.isArray(c['volumeMounts']) ? c['volumeMounts'].filter(isJsonObject) : []) {
      const at = typeof m['mountPath'] === 'string' ? m['mountPath'].replace(/\/+$/, '') : '';
      if (at !== '' && (keyFile.startsWith(`${at}/`) || keyFile === at) && isJsonObject(volumeNamed(podSpec, m['name'])?.['emptyDir'])) emptyDir = true;
    }
  }
  if (!emptyDir) return false;
  const quote = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const writesInto = new RegExp(`${quote(dir)}/?(?:\\$|\\*|\\s|$)`);
  // The file's name as a path's last component (a copy into the directory keeps it).
  const named = new RegExp(`/${quote(base)}(?=[\\s;&|"']|$)`);
  for (const c of containers) {
    // mongod's own --keyFile reads the file; anything else naming it may write it.
    const text = [...strings(c['command']), ...strings(c['args'])].join(' ').replace(/--keyFile(?:=|\s+)\S+/g, '');
    if ((text.includes(dir) && named.test(text)) || writesInto.test(text)) return false;
  }
  return true;
}
