/**
 * The st2 config options the policies read as values ([messaging] url,
 * [database] host, ...), read once per distinct text here, as oslo.config
 * reads the file (oslo-ini.ts: a `#` or `;` line is a comment whatever it
 * holds, the last value of an option wins, a section may come back, section
 * names are lower-cased and option names compared as written, an indented
 * line continues the value, one pair of quotes is shed, an inline `#` is part
 * of the value). A pattern taking the first `option =` line before any `[`
 * let a comment like `# [x]` or a second line hide the value st2 uses.
 *
 * Every text holding `[` is answered (oslo_config/cfg.py's MultiConfigParser
 * looks options up by `(group lower-cased, name)` exactly; a templated value
 * is kept as written, as the pattern kept it: the rules that judge a host skip
 * `{{` themselves). A text this module never saw (none in a render's gate;
 * the Rego tests without facts) is read by operations_availability.rego's
 * `option_value` fallback, the same reading line by line, except that it
 * splits lines on \n alone (a lone \r does not end a line there) and trims
 * with Go's Unicode spaces where oslo strips Python's (\x1c-\x1f are spaces to
 * Python only) and lower-cases section names with Go's rules.
 *
 * hardening.rego's st2_switched_off is still read with its patterns (the same
 * here and in the policy for ASCII text without \r or \v, the only texts it
 * is answered for).
 */
import { isJsonObject, kindOf, type Manifest } from '../core/manifest.js';
import { forEachConfigText } from './container-walk.js';
import { parseOsloIni } from './oslo-ini.js';

/** The options the policies ask for, as `section.option`. */
export const ST2_OPTION_KEYS = ['coordination.url', 'messaging.url', 'messaging.cluster_urls', 'messaging.ssl', 'database.host', 'database.ssl'] as const;

export interface St2OptionFacts {
  /** Per text holding `[`: the options of ST2_OPTION_KEYS it sets, as oslo.config reads them. */
  readonly st2_option_values: Record<string, Record<string, string>>;
  /** Per ASCII text without \r or \v: hardening.rego's st2_switched_off (auth or rbac off, or RBAC's noop backend). */
  readonly st2_switched_off: Record<string, string[]>;
  /**
   * Per text holding `[`, whatever its characters: the scheme of the `[coordination] url` oslo.config
   * takes from it (its last, comments skipped), lower-cased as tooz's urlsplit does; '' for a url
   * written empty (st2 then takes tooz's NoOpDriver); none when the text sets no url.
   */
  readonly st2_coordination_schemes: Record<string, string[]>;
  /** The options answered; others are the policy's to read. */
  readonly st2_option_keys: readonly string[];
}

// A header of one of the options' sections (oslo lower-cases section names): a text without one sets none.
const OPTION_HEADER = /\[(?:coordination|messaging|database)\]/i;

// hardening.rego's st2_switched_off patterns.
const SWITCHED_OFF: ReadonlyArray<readonly [string, RegExp]> = [
  ['auth', /^\s*\[auth\]\s*$[^[]*?^[ \t]*enable[ \t]*[=:][ \t]*(false|0|no|off)[ \t]*$/msi],
  ['rbac', /^\s*\[rbac\]\s*$[^[]*?^[ \t]*enable[ \t]*[=:][ \t]*(false|0|no|off)[ \t]*$/msi],
  ['rbac', /^\s*\[rbac\]\s*$[^[]*?^[ \t]*backend[ \t]*[=:][ \t]*['"]?noop['"]?[ \t]*$/msi],
];
const COORDINATION_HEADER = /\[coordination\]/i;
const SCHEME = /^([A-Za-z0-9+]+):\/\//;

// ASCII without \r and \v: where JavaScript's \s, ^, $ and case folding are RE2's.
const SAME_IN_BOTH = /^[\t\n\f\x20-\x7e]*$/;

/** The options of ST2_OPTION_KEYS a parsed file sets. */
function optionsOf(values: ReadonlyMap<string, string>): Record<string, string> {
  const found: Record<string, string> = {};
  for (const key of ST2_OPTION_KEYS) {
    const value = values.get(key);
    if (value !== undefined) found[key] = value;
  }
  return found;
}

function switchedOff(text: string): string[] {
  return [...new Set(SWITCHED_OFF.filter(([, pattern]) => pattern.test(text)).map(([section]) => section))];
}

/**
 * The scheme of the [coordination] url oslo.config takes from a file. A templated value is not
 * judged.
 */
export function coordinationSchemes(text: string): string[] {
  return COORDINATION_HEADER.test(text) ? schemesOf(parseOsloIni(text).values) : [];
}

function schemesOf(values: ReadonlyMap<string, string>): string[] {
  const url = values.get('coordination.url');
  if (url === undefined || url.includes('{{')) return [];
  if (url.trim() === '') return [''];
  const scheme = SCHEME.exec(url.trim())?.[1];
  return scheme === undefined ? [] : [scheme.toLowerCase()];
}

/** The option values of every ConfigMap and Secret value and ExternalSecret template text holding `[`. */
export function collectOptionFacts(resources: readonly Manifest[]): St2OptionFacts {
  const values: Record<string, Record<string, string>> = {};
  const off: Record<string, string[]> = {};
  const schemes: Record<string, string[]> = {};
  const answer = (text: string): void => {
    if (text in schemes || !text.includes('[')) return;
    // One parse answers both; a text naming none of the sections sets none of the options.
    const parsed = OPTION_HEADER.test(text) ? parseOsloIni(text).values : undefined;
    values[text] = parsed === undefined ? {} : optionsOf(parsed);
    schemes[text] = parsed === undefined ? [] : schemesOf(parsed);
    if (SAME_IN_BOTH.test(text)) off[text] = switchedOff(text);
  };
  forEachConfigText(resources, ({ text }) => answer(text));
  resources.forEach((manifest) => {
    if (kindOf(manifest) !== 'ExternalSecret') return;
    const spec = manifest['spec'];
    const target = isJsonObject(spec) ? spec['target'] : undefined;
    const template = isJsonObject(target) ? target['template'] : undefined;
    const data = isJsonObject(template) ? template['data'] : undefined;
    if (!isJsonObject(data)) return;
    for (const text of Object.values(data)) if (typeof text === 'string') answer(text);
  });
  return { st2_option_values: values, st2_option_keys: ST2_OPTION_KEYS, st2_switched_off: off, st2_coordination_schemes: schemes };
}
