/**
 * Where st2's tokens end up, and for how long, by the last words of a
 * process's chain (st2-chains.ts).
 *
 * How long the tokens st2 issues stay valid: `[auth] token_ttl` and `[auth] service_token_ttl`
 * (st2common/config.py: IntOpt, both 86400 seconds by default; st2 sets no
 * upper bound). st2common/services/access.py create_token gives a login the
 * requested TTL up to token_ttl (st2auth issues them: st2web's session, the
 * CLI's ~/.st2/token); service tokens take service_token_ttl with no cap:
 * the one st2actionrunner puts in every action's environment
 * (ST2_AUTH_TOKEN, st2actions/container/base.py), and the ones the sensor
 * container and the datastore service of actions and sensors create. The
 * policy compares the seconds with the bundle's maxima (ST2-SEC-036).
 *
 * Whether the process logs at DEBUG: `[system] debug` or `[DEFAULT] debug`
 * true (st2common/service_setup.py: every handler set to DEBUG). The API
 * services' router (st2common/router.py) then logs every request's URL
 * unmasked ("Received call with WebOb: GET <url>"), and clients that cannot
 * send headers pass `?x-auth-token=` or `?st2-api-key=` in it (webhooks):
 * the logging middleware masks exactly those parameters at INFO, the DEBUG
 * line does not. The policy judges st2api, st2auth and st2stream in
 * production (ST2-SEC-017).
 *
 * Only option names, numbers and file paths leave this module.
 */
import { osloBoolean, pyInt, pyStrip } from './oslo-ini.js';
import type { ChainWord as Word, TextSource } from './st2-config-files.js';

export interface TokenTtl {
  readonly option: 'auth.token_ttl' | 'auth.service_token_ttl';
  readonly seconds: number;
  readonly file: string;
  readonly source: TextSource | null;
}

const OPTIONS = ['auth.token_ttl', 'auth.service_token_ttl'] as const;

/** The TTLs a chain sets and the gate can read (an unset one is st2's default of a day). */
export function tokenTtls(typed: ReadonlyMap<string, Word>): TokenTtl[] {
  const out: TokenTtl[] = [];
  for (const option of OPTIONS) {
    const w = typed.get(option);
    if (w === undefined || w.unknown !== undefined || w.value === undefined) continue;
    const seconds = pyInt(w.value);
    if (seconds !== undefined && Number.isFinite(seconds)) out.push({ option, seconds, file: w.file, source: w.source ?? null });
  }
  return out;
}

export interface DebugLog {
  readonly option: string;
  readonly file: string;
  readonly source: TextSource | null;
}

/** The option and file whose last word turns DEBUG logging on, or null when neither debug option is true. */
export function debugLogging(typed: ReadonlyMap<string, Word>): DebugLog | null {
  for (const option of ['system.debug', 'DEFAULT.debug']) {
    const w = typed.get(option);
    if (w !== undefined && w.unknown === undefined && w.value !== undefined && osloBoolean(pyStrip(w.value)) === true) return { option, file: w.file, source: w.source ?? null };
  }
  return null;
}
