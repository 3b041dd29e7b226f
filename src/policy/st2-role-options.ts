/**
 * st2 options whose value converts but stops (or stalls) the one st2 service
 * that uses it, as StackStorm 3.8.1 uses them (checked in StackStorm/st2 at
 * tag v3.8.1). Judged per container on its chain's last word (st2-chains.ts);
 * the policy reports a problem only on a container running its service
 * (ST2-HRD-009). '' as the service: every st2 service reads it.
 *
 * - Garbage collector TTLs: GarbageCollectorService._validate_ttl_values
 *   raises ValueError for a TTL below MINIMUM_TTL_DAYS, which is 1 in 3.8.1
 *   (st2common/constants/garbage_collection.py, lowered from 7 in 3.6): so
 *   only a negative TTL stops it; 0 switches that purge off.
 * - Green pools: st2scheduler's handler makes eventlet.GreenPool(
 *   [scheduler] pool_size), st2actionrunner's dispatchers [actionrunner]
 *   actions_pool_size and workflows_pool_size: a pool of 0 never grants a
 *   slot (spawn waits forever, every execution stays requested), a negative
 *   one raises ValueError at start.
 * - `[auth] backend` in standalone mode (the default): st2auth loads it by
 *   its stevedore name (st2auth.backends.backend); the 3.8.1 images install
 *   st2-auth-backend-flat-file (flat_file) and st2-auth-ldap (ldap) only
 *   (requirements.txt), so any other name fails every login with ValueError.
 * - `[<service>] logging`: st2 hands the file to logging.config.fileConfig at
 *   start; a file the image does not ship and no volume provides raises.
 * - `[content] system_packs_base_path`: the images ship the system packs
 *   (core, linux, chatops, packs...) in /opt/stackstorm/packs; any other
 *   directory no volume provides is missing (ContentPackLoader raises
 *   "Directory ... doesn't exist": register-content fails, core.* is gone).
 * - `[coordination] url` with etcd3://, etcd3+http(s)://: tooz 2.8.0's
 *   drivers import the etcd3 and etcd3gw libraries, which st2 3.8.1 does not
 *   ship (only redis; reference §12): no coordinator, the services that
 *   take locks fail.
 * - `[database] authentication_mechanism`: pymongo 3.11.3 accepts only its
 *   MECHANISMS (case-sensitive), and MONGODB-X509 refuses a password
 *   ("Passwords are not supported by MONGODB-X509"): every service fails to
 *   connect. (Any mechanism also turns TLS on: st2-transport.ts.)
 * - `[actionrunner] virtualenv_binary`: st2common/util/virtualenvs.py raises
 *   "Virtualenv binary ... doesn't exist" when it is not a file, so every
 *   pack install fails; `[system_user] ssh_key_file`: remote runners fall
 *   back to it when an action gives no key or password (paramiko_ssh.py),
 *   and a file that is not there fails every such action. Judged where the
 *   gate knows: a path a volume covers whose content the render holds, or
 *   one the images cannot have (their /opt holds only /opt/stackstorm;
 *   st2-dockerfiles installs the st2 package, which generates no SSH key:
 *   the key is the installer's or a mounted Secret's, so nothing under
 *   /home or /root), nor a top directory beyond the Ubuntu base image's own
 *   (bin, etc, usr, var, ...: st2-dockerfiles adds none; `/nonexistent/...`
 *   is nowhere). Anything else the image may ship is not judged.
 *
 * Only option names, services and file paths leave this module.
 */
import { pyInt, pyStrip } from './oslo-ini.js';
import { normalizePath, type ChainWord as Word, type TextSource } from './st2-config-files.js';

export interface RoleProblem {
  /** The st2 service the problem stops ('' for every st2 service). */
  readonly role: string;
  readonly file: string;
  readonly why: string;
  readonly source: TextSource | null;
}

/** What the container's files say about a path (container-files.ts ContainerFiles). */
export interface PathFacts {
  isMounted(path: string): boolean;
  isMissing(path: string): boolean;
}

const GC_TTLS = ['action_executions_ttl', 'trigger_instances_ttl', 'action_executions_output_ttl', 'traces_ttl', 'tokens_ttl', 'rule_enforcements_ttl'];

const POOLS: ReadonlyArray<readonly [string, string]> = [
  ['scheduler.pool_size', 'st2scheduler'],
  ['actionrunner.actions_pool_size', 'st2actionrunner'],
  ['actionrunner.workflows_pool_size', 'st2actionrunner'],
];

/** `[group] logging` and the service that sets up its logging from it. */
const LOGGING: ReadonlyArray<readonly [string, string]> = [
  ['api.logging', 'st2api'], ['auth.logging', 'st2auth'], ['stream.logging', 'st2stream'],
  ['actionrunner.logging', 'st2actionrunner'], ['garbagecollector.logging', 'st2garbagecollector'],
  ['notifier.logging', 'st2notifier'], ['rulesengine.logging', 'st2rulesengine'], ['scheduler.logging', 'st2scheduler'],
  ['sensorcontainer.logging', 'st2sensorcontainer'], ['timersengine.logging', 'st2timersengine'], ['workflow_engine.logging', 'st2workflowengine'],
];

const AUTH_BACKENDS = new Set(['flat_file', 'ldap']);
const COORDINATING = ['st2actionrunner', 'st2scheduler', 'st2workflowengine', 'st2notifier'];
const MISSING_COORDINATION_DRIVERS = new Set(['etcd3', 'etcd3+http', 'etcd3+https']);
const MONGO_MECHANISMS = new Set(['GSSAPI', 'MONGODB-CR', 'MONGODB-X509', 'MONGODB-AWS', 'PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'DEFAULT', 'CRAM-MD5']);
const SYSTEM_PACKS = '/opt/stackstorm/packs';

/** The top directories of the Ubuntu images st2-dockerfiles builds on (st2 installs under /opt/stackstorm, /etc/st2, /usr, /var). */
const IMAGE_TOP_DIRS = new Set(['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib32', 'lib64', 'libx32', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var']);

/** Under a top directory no StackStorm image has, or under /opt beside /opt/stackstorm. */
const notInImage = (p: string): boolean => !IMAGE_TOP_DIRS.has(p.split('/')[1] ?? '') || (p.startsWith('/opt/') && !p.startsWith('/opt/stackstorm/'));

/** Files st2actionrunner opens, and where a StackStorm image certainly has no such file (outside every volume). */
const RUNNER_FILES: ReadonlyArray<readonly [string, string, (path: string) => boolean]> = [
  ['actionrunner.virtualenv_binary', 'every pack install fails (virtualenvs.py: "Virtualenv binary doesn\'t exist")', notInImage],
  ['system_user.ssh_key_file', 'every remote action given no key or password fails', (p) => p.startsWith('/home/') || p.startsWith('/root/') || notInImage(p)],
];

/** StackStorm's own image (stackstorm/<name>, on any registry or mirror keeping the path): what it installs is known; a custom build may add backends or files. */
export function publishedByStackStorm(image: string): boolean {
  const path = (image.split('@')[0] ?? '').split('/');
  return path.length >= 2 && path[path.length - 2]?.toLowerCase() === 'stackstorm';
}

/** The last word on an option when the gate knows it (undefined when unset, unknown or templated). */
function known(w: Word | undefined): Word | undefined {
  return w !== undefined && w.unknown === undefined && w.value !== undefined && !w.value.includes('{{') && !w.value.includes('$') ? w : undefined;
}

/**
 * The problems of one chain. `stock`: the container runs one of StackStorm's published
 * service images (what it installs is known); `cli`: options the command line sets (they win over files).
 */
export function roleOptionProblems(typed: ReadonlyMap<string, Word>, files: PathFacts, stock: boolean, cli: ReadonlyMap<string, string>): RoleProblem[] {
  const out: RoleProblem[] = [];
  const add = (role: string, w: Word, why: string): void => {
    out.push({ role, file: w.file, why, source: w.source ?? null });
  };
  for (const ttl of GC_TTLS) {
    const w = known(typed.get(`garbagecollector.${ttl}`));
    const n = w === undefined ? undefined : pyInt(w.value ?? '');
    if (w !== undefined && n !== undefined && n < 0) add('st2garbagecollector', w, `[garbagecollector] ${ttl} is negative: st2garbagecollector raises ValueError at start (its minimum is 1 day)`);
  }
  for (const [key, role] of POOLS) {
    const w = known(typed.get(key));
    const n = w === undefined ? undefined : pyInt(w.value ?? '');
    if (w !== undefined && n !== undefined && n < 1) add(role, w, `[${key.replace('.', '] ')} is ${n === 0 ? '0: its green pool never grants a slot and every execution waits' : 'negative: eventlet refuses the pool at start'}`);
  }
  if (!stock) return out;
  const mode = known(typed.get('auth.mode'));
  const backend = known(typed.get('auth.backend'));
  if (!cli.has('auth.backend') && !cli.has('auth.mode') && backend !== undefined && (mode === undefined || mode.value === 'standalone') && !AUTH_BACKENDS.has(backend.value ?? '')) {
    add('st2auth', backend, '[auth] backend names no backend the st2 3.8 image installs (flat_file, ldap): every login fails');
  }
  for (const [key, role] of LOGGING) {
    const w = known(typed.get(key));
    const path = w === undefined ? undefined : normalizePath(pyStrip(w.value ?? ''));
    if (w !== undefined && path !== undefined && files.isMissing(path)) add(role, w, `[${key.replace('.', '] ')} names ${path}, which neither the image nor a volume provides: ${role} stops setting up its logging`);
  }
  const packs = known(typed.get('content.system_packs_base_path'));
  const packsPath = packs === undefined ? undefined : normalizePath(pyStrip(packs.value ?? ''));
  if (packs !== undefined && packsPath !== undefined && packsPath !== SYSTEM_PACKS && !files.isMounted(packsPath)) {
    add('', packs, `[content] system_packs_base_path is ${packsPath}: the image's system packs (core, linux, chatops) are in ${SYSTEM_PACKS} and no volume provides that directory`);
  }
  for (const [key, harm, absentFromImage] of RUNNER_FILES) {
    const w = known(typed.get(key));
    const path = w === undefined ? undefined : normalizePath(pyStrip(w.value ?? ''));
    if (w === undefined || path === undefined) continue;
    if (files.isMounted(path) ? files.isMissing(path) : absentFromImage(path)) add('st2actionrunner', w, `[${key.replace('.', '] ')} names ${path}, which neither the image nor a volume provides: ${harm}`);
  }
  const url = known(typed.get('coordination.url'));
  const scheme = url === undefined ? '' : (/^\s*([A-Za-z0-9+]+):\/\//.exec(url.value ?? '')?.[1] ?? '').toLowerCase();
  if (url !== undefined && MISSING_COORDINATION_DRIVERS.has(scheme)) {
    for (const role of COORDINATING) add(role, url, `[coordination] url uses ${scheme}://, whose tooz driver needs a library st2 3.8.1 does not ship (etcd3/etcd3gw): no coordinator`);
  }
  const mech = known(typed.get('database.authentication_mechanism'));
  const mechanism = mech === undefined ? '' : pyStrip(mech.value ?? '');
  if (mech !== undefined && mechanism !== '') {
    const password = known(typed.get('database.password')) ?? typed.get('database.password');
    if (!MONGO_MECHANISMS.has(mechanism)) add('', mech, '[database] authentication_mechanism is no mechanism pymongo 3.11 knows: every st2 service fails to connect');
    else if (mechanism === 'MONGODB-X509' && password?.value !== undefined && pyStrip(password.value) !== '') {
      add('', mech, '[database] authentication_mechanism is MONGODB-X509 while [database] password is set: pymongo refuses passwords with X.509 and every st2 service fails to connect');
    }
  }
  return out;
}
