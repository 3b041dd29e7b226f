/**
 * st2 reads its configuration with oslo.config's INI parser, so a text is
 * judged as that parser reads it, not by a regular expression: lines are
 * right-stripped (CRLF files work), a section header is `[name]` (names
 * compared case-insensitively, as oslo normalises group names), `key = value`
 * or `key: value` whichever separator comes first, one pair of matching quotes
 * around a value is dropped, whole-line `#`/`;` comments only, and the last
 * assignment of a key wins. Booleans are oslo's: true/1/on/yes and
 * false/0/off/no in any case. Unlike oslo, lines it would refuse (a shell
 * line around a heredoc) are skipped rather than fatal, so a config written
 * by a script or kept in an annotation is read as st2 would read the file it
 * becomes.
 */

import { parseOsloIni, TYPED_KEYS, type OsloError } from './oslo-ini.js';
import { isSt2Option } from './st2-option-types.js';

/** Sections whose `enable = <false>` switches a safety off (and, for rbac, `backend = noop`). */
const GUARDED = ['auth', 'rbac'] as const;
export type GuardedSection = (typeof GUARDED)[number];

const FALSE_VALUES = new Set(['false', '0', 'off', 'no']);

/** Quick test before parsing: only texts with a section header and the option can switch anything off. */
export function maySwitchOff(text: string): boolean {
  return text.includes('[') && /enable|backend/i.test(text) && /\[\s*(?:auth|rbac)\s*\]/i.test(text);
}

/**
 * The guarded sections whose effective `enable` in this text is false, and
 * rbac when its `backend` is `noop`: st2's NoOp backend grants every user
 * every permission, so `enable = True` with it enforces nothing (RBAC needs
 * `backend = default`, st2docs rbac.rst).
 */
export function switchedOff(text: string): GuardedSection[] {
  const last = new Map<string, string>();
  let section = '';
  // Python reads text files with universal newlines: \r\n, \n and a lone \r all end a line.
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (line === '') continue;
    // oslo reads an indented line as a continuation; indented headers and keys are
    // still read here (a script may indent the heredoc it writes), erring towards a finding.
    const trimmed = line.trimStart();
    if (trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    // A header, or a line of a script that writes one (`printf '[auth]`, `echo "[rbac]" >> f`).
    const header = HEADER.exec(trimmed);
    if (header && !/[=:]/.test(trimmed.slice(0, header.index))) {
      section = (header[1] ?? '').toLowerCase();
      continue;
    }
    const colon = trimmed.indexOf(':');
    const equal = trimmed.indexOf('=');
    if (colon < 0 && equal < 0) continue;
    const at = colon < 0 || (equal >= 0 && equal < colon) ? equal : colon;
    // The last word before the separator, so `echo 'enable = False' >> f` reads as the line it writes.
    const key = trimmed.slice(0, at).trim().split(/[\s'"]+/).pop();
    if (key !== 'enable' && key !== 'backend') continue;
    let value = trimmed.slice(at + 1).trim();
    if (value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'")) value = value.slice(1, -1);
    last.set(`${section}.${key}`, value);
  }
  return GUARDED.filter(
    (s) => isFalse(last.get(`${s}.enable`) ?? '') || (s === 'rbac' && isNoop(last.get('rbac.backend') ?? '')),
  );
}

const HEADER = /(?:^|['"\s>])\[[ \t]*([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*\](?=$|['"\s;|>&])/;

/** `noop`, also as the first word of what a script goes on to write (`noop' >> f`). */
function isNoop(value: string): boolean {
  return /^['"]?noop(?:$|['"\s;|>&])/i.test(value.trim());
}

/** oslo's false values, also as the first word of what a script goes on to write (`False' > f`). */
function isFalse(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (FALSE_VALUES.has(v)) return true;
  const first = /^['"]?([a-z0-9]+)/.exec(v);
  return first !== null && FALSE_VALUES.has(first[1] ?? '') && !/^['"]?[a-z0-9]+[a-z0-9_.-]/.test(v);
}

/**
 * The options a process's chain is judged by: the last value of each in one
 * file, as oslo.config 1.12 keeps it. `[api] mask_secrets` (secret parameters
 * in API responses) and `[log] mask_secrets` (in log lines) default to True
 * in st2common/config.py.
 */
export interface GuardedSettings {
  readonly 'rbac.enable'?: string;
  readonly 'rbac.backend'?: string;
  readonly 'auth.enable'?: string;
  readonly 'api.mask_secrets'?: string;
  readonly 'log.mask_secrets'?: string;
  /** The timers engine's time zone (the deprecated [timer] group's too): an unknown one stops it (time-zones.ts). */
  readonly 'timersengine.local_timezone'?: string;
  readonly 'timer.local_timezone'?: string;
  /** Whether it fires timers: st2timersengine runs them when `timer.enable or timersengine.enable` (the latter defaults True). */
  readonly 'timersengine.enable'?: string;
  readonly 'timer.enable'?: string;
  /** The coordination backend and st2api's URL for actions and sensors: hosts st2 connects through (ST2-REP-011). */
  readonly 'auth.api_url'?: string;
  /** Where each API service listens and the database every service opens (ST2-HRD-009/010). */
  readonly 'api.port'?: string;
  readonly 'auth.port'?: string;
  readonly 'stream.port'?: string;
  readonly 'database.port'?: string;
  readonly 'database.connection_timeout'?: string;
  readonly 'database.connection_retry_max_delay_m'?: string;
  readonly 'database.ssl'?: string;
  /** Each of these set turns st2's MongoDB connection to TLS (st2-transport.ts). */
  readonly 'database.authentication_mechanism'?: string;
  readonly 'database.ssl_keyfile'?: string;
  readonly 'database.ssl_certfile'?: string;
  readonly 'database.ssl_ca_certs'?: string;
  readonly 'database.db_name'?: string;
  /** How st2auth checks a login (st2-auth-mode.ts). */
  readonly 'auth.mode'?: string;
  readonly 'auth.backend'?: string;
  readonly 'auth.backend_kwargs'?: string;
  /** Where every st2 process connects, and the datastore key it reads (st2-transport.ts). */
  readonly 'messaging.url'?: string;
  /** Takes precedence over url when non-empty (st2's get_messaging_urls). */
  readonly 'messaging.cluster_urls'?: string;
  readonly 'messaging.ssl'?: string;
  readonly 'database.host'?: string;
  readonly 'database.username'?: string;
  readonly 'keyvalue.encryption_key_path'?: string;
  /** How the sensor container picks its sensors (st2-sensor-partition.ts). */
  readonly 'sensorcontainer.partition_provider'?: string;
  readonly 'sensorcontainer.sensor_node_name'?: string;
  /** Where the API services bind, st2auth's own TLS, datastore encryption, single-sensor mode (st2-chain-extras.ts). */
  readonly 'api.host'?: string;
  readonly 'auth.host'?: string;
  readonly 'stream.host'?: string;
  readonly 'auth.use_ssl'?: string;
  readonly 'auth.cert'?: string;
  readonly 'auth.key'?: string;
  readonly 'keyvalue.enable_encryption'?: string;
  readonly 'sensorcontainer.single_sensor_mode'?: string;
  readonly 'DEFAULT.single_sensor_mode'?: string;
  readonly 'DEFAULT.sensor_ref'?: string;
  readonly 'coordination.url'?: string;
  /** Every other st2 option the file sets, for its type (st2-option-types.ts). */
  readonly typed?: ReadonlyArray<readonly [string, string]>;
  /** The first reason oslo.config refuses the file (oslo-ini.ts). */
  readonly error?: OsloError;
}

/** Booleans ST2-HRD-005/008 judge (a value that is not one is off there). */
const JUDGED_ELSEWHERE = new Set(['rbac.enable', 'auth.enable', 'api.mask_secrets', 'log.mask_secrets']);

export const GUARDED_KEYS = [
  'rbac.enable', 'rbac.backend', 'auth.enable', 'api.mask_secrets', 'log.mask_secrets', 'timersengine.local_timezone', 'timer.local_timezone',
  'timersengine.enable', 'timer.enable', 'auth.api_url',
  'api.port', 'auth.port', 'stream.port', 'database.port', 'database.connection_timeout', 'database.connection_retry_max_delay_m', 'database.ssl', 'database.db_name',
  'sensorcontainer.partition_provider', 'sensorcontainer.sensor_node_name',
  'auth.mode', 'auth.backend', 'auth.backend_kwargs',
  'messaging.url', 'messaging.cluster_urls', 'messaging.ssl', 'database.host', 'database.username', 'keyvalue.encryption_key_path',
  'api.host', 'auth.host', 'stream.host', 'auth.use_ssl', 'auth.cert', 'auth.key', 'keyvalue.enable_encryption',
  'sensorcontainer.single_sensor_mode', 'DEFAULT.single_sensor_mode', 'DEFAULT.sensor_ref', 'coordination.url',
  'database.authentication_mechanism', 'database.ssl_keyfile', 'database.ssl_certfile', 'database.ssl_ca_certs',
] as const;

/**
 * One config file read exactly as st2's oslo.config (1.12, iniparser.py)
 * reads it (oslo-ini.ts), for the chain of files a process loads: a header is
 * a line starting with `[` and ending with `]`, its name taken as written
 * (only lower-cased: `[ rbac ]` is another group); an indented line continues
 * the previous value (joined by a newline, so `enable = True` indented is no
 * assignment); `#`/`;` start a comment only at the start of a line; keys are
 * compared as written (`Enable` is not the option). The first reason oslo
 * refuses the file (it would not start the service at all) comes with the
 * values read as far as they go.
 */
export function readSettings(text: string): GuardedSettings {
  const parsed = parseOsloIni(text);
  const out: Record<string, string> = {};
  for (const key of GUARDED_KEYS) {
    const v = parsed.values.get(key);
    if (v !== undefined) out[key] = v;
  }
  const typed = [...parsed.values].filter(([k]) => !TYPED_KEYS.includes(k) && !JUDGED_ELSEWHERE.has(k) && isSt2Option(k));
  const withTyped = typed.length > 0 ? { ...out, typed } : out;
  return parsed.error === undefined ? withTyped : { ...withTyped, error: parsed.error };
}

/** oslo.config's Boolean type: true, false or neither (an error st2 raises when it reads the option). */
export function osloBool(value: string | undefined): boolean | undefined {
  const v = value?.toLowerCase();
  if (v === 'true' || v === '1' || v === 'on' || v === 'yes') return true;
  if (v === 'false' || v === '0' || v === 'off' || v === 'no') return false;
  return undefined;
}
