/**
 * The options st2 3.8.1 registers with oslo.config (1.12), with their types,
 * read from the `cfg.*Opt(...)` calls of every `config.py` of StackStorm/st2
 * at v3.8.1 (st2common, st2api, st2auth, st2stream, st2actions and its
 * notifier/scheduler/workflows, st2reactor's garbage collector, rules,
 * sensor and timer, and content/bootstrap.py's `[register]` CLI options).
 *
 * oslo.config reads a value when st2 first asks for it (usually at start-up)
 * and then, in `_do_get`:
 * - substitutes `$name` and `${name}` (string.Template, idpattern
 *   `[_a-z][._a-z0-9]*`, case-insensitive) with another option's value: the
 *   same group's option, `group.option`, or a `[DEFAULT]` one. Any other name
 *   ($HOME, $USER) raises NoSuchOptError (NoSuchGroupError for an unknown
 *   `group.`): the substitution runs before the type, for every option type.
 *   `$$` (and `\$`) is a literal dollar; a `$` not followed by a name is kept;
 * - converts with the option's type: IntOpt is Python's int() (blank is
 *   None), FloatOpt float(), BoolOpt oslo's eight words, StrOpt with
 *   `choices` must be one of them (a choices *string* is tested as a Python
 *   substring, as st2 writes `"none, optional, required"`), DictOpt
 *   `key:value` pairs, ListOpt anything. A failure raises
 *   ConfigFileValueError.
 *
 * Options not in the table (a runner's, a backend's, a typo) are never read,
 * so never judged. Only option names leave this module, never a value.
 */
import { osloBoolean, pyInt, pyStrip } from './oslo-ini.js';

type OptType = 'int' | 'float' | 'bool' | 'str' | 'list' | 'dict' | { readonly choices: readonly string[] | string };

const I = 'int', F = 'float', B = 'bool', S = 'str', L = 'list', D = 'dict';
const opts = (type: OptType, names: string): Array<[string, OptType]> => names.split(' ').map((n) => [n, type]);
const CHOICES_REQS: OptType = { choices: 'none, optional, required' };
const choice = (name: string, type: OptType): [string, OptType] => [name, type];

/** group -> option -> type (st2 v3.8.1). */
const TABLE: ReadonlyMap<string, ReadonlyMap<string, OptType>> = new Map(
  Object.entries<Array<[string, OptType]>>({
    // oslo's own config_file/config_dir, st2's CLI options (every service, the sensor container, st2-register-content).
    DEFAULT: [...opts(B, 'debug enable_eventlet_blocking_detection enable_profiler experimental profile single_sensor_mode use_debugger verbose'), ...opts(F, 'eventlet_blocking_detection_resolution'), ...opts(S, 'sensor_ref config_file config_dir')],
    action_sensor: [...opts(L, 'emit_when'), ...opts(B, 'enable')],
    actionrunner: [...opts(I, 'actions_pool_size exit_still_active_check still_active_check_interval stream_output_buffer_size workflows_pool_size'), ...opts(B, 'graceful_shutdown stream_output'), ...opts(S, 'logging python_binary python_runner_log_level virtualenv_binary'), ...opts(L, 'pip_opts virtualenv_opts')],
    api: [...opts(L, 'allow_origin'), choice('auth_cookie_same_site', { choices: ['strict', 'lax', 'none', 'unset'] }), ...opts(B, 'auth_cookie_secure debug mask_secrets'), ...opts(S, 'host logging'), ...opts(I, 'max_page_size port')],
    api_pecan: [...opts(B, 'auth_enable debug'), ...opts(D, 'errors'), ...opts(L, 'modules'), ...opts(S, 'root static_root template_path')],
    auth: [...opts(S, 'api_url backend backend_kwargs cert host key logging mode sso_backend sso_backend_kwargs'), ...opts(B, 'debug enable sso use_ssl'), ...opts(I, 'port service_token_ttl token_ttl')],
    content: [...opts(L, 'index_url'), ...opts(S, 'pack_group packs_base_paths runners_base_paths system_packs_base_path system_runners_base_path')],
    coordination: [...opts(I, 'lock_timeout'), ...opts(B, 'service_registry'), ...opts(S, 'url')],
    database: [...opts(S, 'authentication_mechanism compressors db_name host password ssl_ca_certs ssl_certfile ssl_keyfile username'), ...opts(I, 'connection_retry_backoff_max_s connection_retry_backoff_mul connection_retry_max_delay_m connection_timeout port zlib_compression_level'), ...opts(B, 'ssl ssl_match_hostname'), choice('ssl_cert_reqs', CHOICES_REQS)],
    garbagecollector: [...opts(I, 'action_executions_output_ttl action_executions_ttl collection_interval rule_enforcements_ttl task_executions_ttl tokens_ttl traces_ttl trigger_instances_ttl workflow_executions_ttl'), ...opts(S, 'logging'), ...opts(B, 'purge_inquiries'), ...opts(F, 'sleep_delay')],
    keyvalue: [...opts(B, 'enable_encryption'), ...opts(S, 'encryption_key_path')],
    log: [...opts(L, 'excludes mask_secrets_blacklist'), ...opts(B, 'mask_secrets redirect_stderr')],
    messaging: [...opts(L, 'cluster_urls'), choice('compression', { choices: ['zstd', 'lzma', 'bz2', 'gzip'] }), ...opts(I, 'connection_retries connection_retry_wait'), ...opts(S, 'login_method ssl_ca_certs ssl_certfile ssl_keyfile url'), ...opts(B, 'ssl'), choice('ssl_cert_reqs', CHOICES_REQS)],
    metrics: [...opts(S, 'driver host prefix'), ...opts(I, 'port'), ...opts(F, 'sample_rate')],
    notifier: opts(S, 'logging'),
    packs: opts(B, 'enable_common_libs'),
    rbac: [...opts(S, 'backend'), ...opts(B, 'enable permission_isolation sync_remote_groups')],
    register: [...opts(B, 'actions aliases all configs fail_on_failure no_fail_on_failure policies recreate_virtualenvs rules runners sensors setup_virtualenvs triggers'), ...opts(S, 'pack runner_dir')],
    results_tracker: [...opts(F, 'query_interval'), ...opts(I, 'thread_pool_size')],
    rulesengine: opts(S, 'logging'),
    scheduler: [...opts(F, 'execution_scheduling_timeout_threshold_min gc_interval sleep_interval'), ...opts(S, 'logging'), ...opts(I, 'pool_size retry_max_attempt retry_wait_msec')],
    schema: [...opts(S, 'draft'), ...opts(I, 'version')],
    sensorcontainer: [...opts(S, 'logging sensor_node_name'), ...opts(D, 'partition_provider'), ...opts(B, 'single_sensor_mode')],
    ssh_runner: [...opts(B, 'allow_partial_failure use_ssh_config'), ...opts(I, 'max_parallel_actions ssh_connect_timeout'), ...opts(S, 'remote_dir ssh_config_file_path')],
    stream: [...opts(B, 'debug'), ...opts(I, 'heartbeat port'), ...opts(S, 'host logging')],
    syslog: [...opts(S, 'facility host protocol'), ...opts(I, 'port')],
    system: [...opts(S, 'base_path'), ...opts(B, 'debug validate_output_schema validate_trigger_parameters validate_trigger_payload')],
    system_user: opts(S, 'ssh_key_file user'),
    timer: [...opts(B, 'enable'), ...opts(S, 'local_timezone logging')],
    timersengine: [...opts(B, 'enable'), ...opts(S, 'local_timezone logging')],
    webui: opts(S, 'webui_base_url'),
    workflow_engine: [...opts(I, 'exit_still_active_check gc_max_idle_sec retry_stop_max_msec retry_wait_fixed_msec still_active_check_interval'), ...opts(S, 'logging'), ...opts(F, 'retry_max_jitter_msec')],
  }).map(([group, list]) => [group, new Map(list)]),
);

/** Whether st2 registers `group.option` (as parseOsloIni keys it: the group lower-cased, DEFAULT as written). */
export function isSt2Option(key: string): boolean {
  const at = key.indexOf('.');
  return TABLE.get(key.slice(0, at))?.has(key.slice(at + 1)) === true;
}

/** Options whose values may hold a credential: what they refer to is not named in a finding. */
const SECRET_BEARING = new Set(['database.password', 'database.host', 'database.username', 'messaging.url', 'messaging.cluster_urls', 'auth.backend_kwargs', 'auth.sso_backend_kwargs', 'coordination.url']);

// string.Template as oslo subclasses it: $$, $name, ${name}, or a lone $ (kept).
const TEMPLATE = /\$(?:(\$)|([_a-z][._a-z0-9]*)|\{([_a-z][._a-z0-9]*)\}|)/gi;

/** The names a value refers to (after oslo turns `\$` into `$$`). */
export function references(value: string): string[] {
  if (!value.includes('$')) return [];
  const out: string[] = [];
  for (const m of value.replace(/\\\$/g, '$$$$').matchAll(TEMPLATE)) {
    const name = m[2] ?? m[3];
    if (name !== undefined) out.push(name);
  }
  return out;
}

/** Whether `$name` resolves in `group` as StrSubWrapper looks it up: group.option, then the group's option, then a [DEFAULT] one. */
function resolves(name: string, group: string): boolean {
  const dot = name.indexOf('.');
  if (dot >= 0) {
    const g = TABLE.get(name.slice(0, dot));
    // An unknown group raises NoSuchGroupError; a known one without the option falls back to a top-level name (none has a dot).
    return g?.has(name.slice(dot + 1)) === true;
  }
  return TABLE.get(group)?.has(name) === true || TABLE.get('DEFAULT')?.has(name) === true;
}

/** Python's float() on a string. */
function pyFloat(value: string): boolean {
  const t = pyStrip(value).toLowerCase();
  return /^[+-]?(?:(?:[0-9](?:_?[0-9])*)?\.?[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.)(?:e[+-]?[0-9](?:_?[0-9])*)?$/.test(t) || /^[+-]?(?:inf|infinity|nan)$/.test(t);
}

/** oslo 1.12 types.Dict(String): `key:value` pairs by commas (a pair without `:` joins the next), no empty or repeated key. */
function osloDict(value: string): boolean {
  const s = pyStrip(value);
  if (s === '') return true;
  const pairs = s.split(',');
  const keys = new Set<string>();
  while (pairs.length > 0) {
    let pair = pairs.shift() ?? '';
    while (!pair.includes(':')) {
      if (pairs.length === 0) return false;
      pair += `,${pairs.shift() ?? ''}`;
    }
    const key = pyStrip(pair.slice(0, pair.indexOf(':')));
    if (key === '' || keys.has(key)) return false;
    keys.add(key);
  }
  return true;
}

function converts(type: OptType, value: string): boolean {
  switch (type) {
    case 'int':
      return pyStrip(value) === '' || pyInt(value) !== undefined;
    case 'float':
      return pyFloat(value);
    case 'bool':
      return osloBoolean(value) !== undefined;
    case 'dict':
      return osloDict(value);
    case 'str':
    case 'list':
      return true;
    default:
      return typeof type.choices === 'string' ? type.choices.includes(value) : type.choices.includes(value);
  }
}

const TYPE_NAMES: Readonly<Record<string, string>> = { int: 'an IntOpt', float: 'a FloatOpt', bool: 'a BoolOpt', dict: 'a DictOpt' };

/**
 * Why st2 cannot load this option's value ('' when it can, or the option is
 * not st2's): a reference to no option, a value its type refuses, or (the
 * one use checked beyond types) a Python 2 interpreter for pack virtualenvs,
 * which st2 3.8 (Python 3 only; its images ship no python2) cannot build.
 */
export function optionProblem(key: string, value: string): string {
  // Every st2 pod reads the same files: each distinct option value is judged once per process.
  const memo = `${key}\u0000${value}`;
  const known = PROBLEMS.get(memo);
  if (known !== undefined) return known;
  const why = judgeOption(key, value);
  if (PROBLEMS.size > 4096) PROBLEMS.clear();
  PROBLEMS.set(memo, why);
  return why;
}

const PROBLEMS = new Map<string, string>();

function judgeOption(key: string, value: string): string {
  const at = key.indexOf('.');
  const group = key.slice(0, at);
  const option = key.slice(at + 1);
  const type = TABLE.get(group)?.get(option);
  if (type === undefined) return '';
  const where = `[${group}] ${option}`;
  const refs = references(value);
  const unknown = refs.find((r) => !resolves(r, group));
  if (unknown !== undefined) {
    const named = SECRET_BEARING.has(key) ? 'a $name' : `$${unknown}`;
    return `${where} refers to ${named}, which is no st2 option: oslo.config substitutes $name and \${name} when st2 reads it and raises NoSuchOptError (write $$ for a dollar)`;
  }
  // A value built from other options is judged by those.
  if (refs.length > 0) return '';
  if (!converts(type, value)) {
    const kind = typeof type === 'string' ? TYPE_NAMES[type] ?? type : 'a StrOpt with fixed choices';
    return `${where} is ${kind}: its value does not convert (ConfigFileValueError when st2 reads it)`;
  }
  if (key === 'actionrunner.python_binary' && /(?:^|\/)python2(?:\.[0-9]+)?$/.test(pyStrip(value))) {
    return `${where} names a Python 2 interpreter: st2 3.8 builds pack virtualenvs with it and runs Python 3 only`;
  }
  return '';
}
