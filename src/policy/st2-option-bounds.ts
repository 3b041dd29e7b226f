/**
 * The last words of a chain (st2-chains.ts) on the st2 options whose valid
 * values the bundle bounds (data.settings.st2_config.option_bounds: a floor
 * or the values allowed, with st2's reason). Values oslo.config cannot
 * convert are ST2-HRD-009's already (st2-option-types.ts); here only the ones
 * st2 takes, converted as oslo does (st2common/config.py at v3.8.1):
 *
 * - `[auth] token_ttl`, `[auth] service_token_ttl`, `[database]
 *   connection_timeout`: IntOpt, Python's int();
 * - `[api] auth_cookie_same_site`: StrOpt with choices strict, lax, none,
 *   unset (compared exactly);
 * - `[api] auth_cookie_secure`, `[action_sensor] enable`: BoolOpt, oslo's
 *   eight words;
 * - `[scheduler] sleep_interval`: FloatOpt, Python's float() (nan is not
 *   judged; inf, st2scheduler asleep for good, is sent as the cap below).
 *
 * Numbers are sent within ±1e9 (the policy prints them as integers; no
 * bound is near the cap).
 *
 * A value built from another option ($name) or a template placeholder is not
 * judged. Only option names, these values (no secret among them) and file
 * paths leave this module.
 */
import { osloBoolean, pyInt, pyStrip } from './oslo-ini.js';
import type { ChainWord as Word, TextSource } from './st2-config-files.js';

export interface OptionWord {
  readonly option: string;
  readonly value: number | string | boolean;
  readonly file: string;
  readonly source: TextSource | null;
}

type Kind = 'int' | 'float' | 'choice' | 'bool';

const KINDS: ReadonlyArray<readonly [string, Kind]> = [
  ['auth.token_ttl', 'int'],
  ['auth.service_token_ttl', 'int'],
  ['database.connection_timeout', 'int'],
  ['api.auth_cookie_same_site', 'choice'],
  ['api.auth_cookie_secure', 'bool'],
  ['action_sensor.enable', 'bool'],
  ['scheduler.sleep_interval', 'float'],
];

const CAP = 1e9;

/** Python's float() on a string (underscores between digits, inf/infinity/nan in any case); undefined when it raises. */
function pyFloat(raw: string): number | undefined {
  const t = pyStrip(raw).toLowerCase();
  const inf = /^([+-]?)(?:inf|infinity)$/.exec(t);
  if (inf !== null) return inf[1] === '-' ? -CAP : CAP;
  if (!/^[+-]?(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:e[+-]?[0-9](?:_?[0-9])*)?$/.test(t)) return undefined;
  return Number(t.replace(/_/g, ''));
}

function converted(kind: Kind, raw: string): number | string | boolean | undefined {
  if (kind === 'int') return pyInt(raw);
  if (kind === 'float') return pyFloat(raw);
  if (kind === 'bool') return osloBoolean(pyStrip(raw));
  return raw;
}

/** The bounded options' last words (guarded or typed: st2-chains.ts) that the gate can read (unset: st2's default, which is within bounds). */
export function optionWords(lastWord: (option: string) => Word | undefined): OptionWord[] {
  const out: OptionWord[] = [];
  for (const [option, kind] of KINDS) {
    const w = lastWord(option);
    if (w === undefined || w.unknown !== undefined || w.value === undefined || w.value.includes('$') || w.value.includes('{{')) continue;
    const value = converted(kind, w.value);
    if (value === undefined || (typeof value === 'number' && Number.isNaN(value))) continue;
    out.push({ option, value: typeof value === 'number' ? Math.min(Math.max(value, -CAP), CAP) : value, file: w.file, source: w.source ?? null });
  }
  return out;
}
