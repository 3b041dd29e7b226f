/**
 * What an st2 process's chain of config files (st2-chains.ts) says beyond
 * auth, RBAC and masking, as oslo.config 1.12 and st2 use it at start-up:
 *
 * - a file oslo refuses (oslo-ini.ts: a BOM, an indented first line, a header
 *   without `]`...) or a typed option whose last word its type cannot convert
 *   (`[api] port = 9101  # api`): the process stops at start-up (ST2-HRD-009);
 * - where st2api, st2auth and st2stream listen (`[api] port`, default 9101;
 *   `[auth] port`, 9100; `[stream] port`, 9102) and which database every
 *   service opens (`[database] db_name`, default st2): ST2-HRD-010 compares
 *   them with the pod's ports, probes and Services and with the bundle's
 *   database name;
 * - whether the timers engine fires timers: st2reactor/cmd/timersengine.py
 *   (3.8.1) runs them when `cfg.CONF.timer.enable or
 *   cfg.CONF.timersengine.enable`; the deprecated [timer] enable defaults to
 *   None and [timersengine] enable to True (st2common/config.py), so either
 *   group's true keeps timers on.
 *
 * Only ports, the database name, file paths and line numbers leave here.
 */
import { convertsAs, osloBoolean, pyInt, pyStrip, TYPED_KEYS } from './oslo-ini.js';
import { optionProblem } from './st2-option-types.js';
import type { TextSource } from './st2-config-files.js';
import { osloBool } from './st2-config.js';

export interface ConfigError {
  readonly file: string;
  /** 0 for a value (the option is in `why`), else the line oslo names. */
  readonly line: number;
  readonly why: string;
  readonly source: TextSource | null;
}

/** Each API service's port by its last word (st2's default when unset); -1 when a file the gate cannot read may set it, -2 when it does not convert. */
export interface ListenPorts {
  readonly st2api: number;
  readonly st2auth: number;
  readonly st2stream: number;
}

interface ChainWord {
  readonly value: string | undefined;
  readonly unknown: string | undefined;
  readonly file: string;
  readonly source?: TextSource | undefined;
}

const PORTS: ReadonlyArray<readonly [keyof ListenPorts, string, number]> = [
  ['st2api', 'api.port', 9101],
  ['st2auth', 'auth.port', 9100],
  ['st2stream', 'stream.port', 9102],
];

/** st2's default database name (st2common/config.py). */
export const DEFAULT_DB_NAME = 'st2';

/** The last word on sensor partitioning: provider and node name as written ('' unset), or unknown when a file the gate cannot read may set them. */
export type SensorPartition = { readonly provider: string; readonly node: string } | 'unknown';

export interface ChainExtras {
  config_error: ConfigError | null;
  listen: ListenPorts;
  db_name: string;
  sensor_partition: SensorPartition;
  /** `[api]`, `[auth]` and `[stream] host` options whose last word is a loopback address (the service binds there only). */
  loopback: string[];
  /** single-sensor mode on (a file or `--single-sensor-mode`) without a sensor ref: the file (or 'command line') deciding it, '' when not so. */
  sensor_unpinned: string;
  /** Whether a timers engine reading the chain fires timers. */
  timers: TimersState;
}

/** Loopback names and addresses eventlet.listen binds only the pod's lo to. */
function isLoopback(host: string): boolean {
  const h = pyStrip(host).toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '[::1]' || h === 'ip6-localhost' || h === 'ip6-loopback' || /^127\.[0-9]+\.[0-9]+\.[0-9]+$/.test(h);
}

export function chainExtras(
  words: Readonly<Record<string, ChainWord>>,
  refused: ConfigError | null,
  typed: ReadonlyMap<string, ChainWord> = new Map(),
  cli: ReadonlyMap<string, string> = new Map(),
): ChainExtras {
  let error = refused;
  for (const key of TYPED_KEYS) {
    const w = words[key];
    if (error !== null) break;
    if (w === undefined || w.unknown !== undefined || w.value === undefined) continue;
    if (!convertsAs(key, w.value)) error = { file: w.file, line: 0, why: `[${key.replace('.', '] ')} is not a value of its type`, source: w.source ?? null };
  }
  for (const [key, w] of typed) {
    if (error !== null) break;
    // A template placeholder is filled by ESO: its value is not known here.
    if (w.unknown !== undefined || w.value === undefined || w.value.includes('{{')) continue;
    const why = optionProblem(key, w.value);
    if (why !== '') error = { file: w.file, line: 0, why, source: w.source ?? null };
  }
  const loopback = ['api.host', 'auth.host', 'stream.host'].filter((k) => {
    const w = words[k];
    return w !== undefined && w.unknown === undefined && w.value !== undefined && isLoopback(w.value);
  });
  const port = (key: string, fallback: number): number => {
    const w = words[key];
    if (w === undefined || w.unknown !== undefined) return -1;
    if (w.value === undefined) return fallback;
    return pyInt(w.value) ?? -2;
  };
  const listen = Object.fromEntries(PORTS.map(([service, key, fallback]) => [service, port(key, fallback)])) as unknown as ListenPorts;
  const db = words['database.db_name'];
  const dbName = db === undefined || db.unknown !== undefined ? '' : (db.value ?? DEFAULT_DB_NAME);
  const provider = words['sensorcontainer.partition_provider'];
  const node = words['sensorcontainer.sensor_node_name'];
  const partition: SensorPartition =
    provider === undefined || node === undefined || provider.unknown !== undefined || node.unknown !== undefined ? 'unknown' : { provider: provider.value ?? '', node: node.value ?? '' };
  return { config_error: error, listen, db_name: dbName, sensor_partition: partition, loopback, sensor_unpinned: sensorUnpinned(words, cli), timers: timersState(words['timer.enable'], words['timersengine.enable']) };
}

/**
 * st2sensorcontainer stops at start ("--sensor-ref argument must be provided when running in
 * single sensor mode", st2reactor/cmd/sensormanager.py) when `--single-sensor-mode` or
 * `[sensorcontainer] single_sensor_mode` is true and no `--sensor-ref` ([DEFAULT] sensor_ref) is given.
 */
function sensorUnpinned(words: Readonly<Record<string, ChainWord>>, cli: ReadonlyMap<string, string>): string {
  const known = (k: string): ChainWord | undefined => {
    const w = words[k];
    return w !== undefined && w.unknown === undefined && w.value !== undefined ? w : undefined;
  };
  const ref = cli.get('DEFAULT.sensor_ref') ?? known('DEFAULT.sensor_ref')?.value;
  if (ref !== undefined && pyStrip(ref) !== '') return '';
  // A file the gate cannot read may name the sensor.
  if (words['DEFAULT.sensor_ref']?.unknown !== undefined) return '';
  if (cli.get('DEFAULT.single_sensor_mode') === 'True') return 'command line';
  for (const k of ['DEFAULT.single_sensor_mode', 'sensorcontainer.single_sensor_mode']) {
    const w = known(k);
    if (w !== undefined && osloBoolean(w.value ?? '') === true) return w.file;
  }
  return '';
}

/** on: the chain's timers engine fires timers; off: both words say no; unreadable: a file the gate cannot read may decide. */
export type TimersState = 'on' | 'off' | 'unreadable';

function timersState(timer: ChainWord | undefined, engine: ChainWord | undefined): TimersState {
  const timerOn = timer !== undefined && timer.unknown === undefined && osloBool(timer.value) === true;
  const engineOn = engine !== undefined && engine.unknown === undefined && (engine.value === undefined || osloBool(engine.value) === true);
  if (timerOn || engineOn) return 'on';
  return timer?.unknown !== undefined || engine?.unknown !== undefined ? 'unreadable' : 'off';
}

/** The option each API service listens by. */
export const LISTEN_OPTION: Readonly<Record<keyof ListenPorts, string>> = { st2api: 'api.port', st2auth: 'auth.port', st2stream: 'stream.port' };
