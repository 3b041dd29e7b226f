/**
 * The st2 config options the policies read as values ([messaging] url,
 * [database] host, ...), found once per distinct text here instead of by a
 * regular expression in the policy: the wasm engine compiles each pattern
 * again in every evaluation, and these ran on every render.
 *
 * hardening.rego's st2_switched_off is read the same way, with its own patterns.
 * replicas.rego's coordination_schemes is not a pattern's answer: each text's
 * `[coordination] url` is read as oslo.config reads the file (oslo-ini.ts), so
 * a comment holding `[` or a second `url` line cannot hide the backend.
 *
 * The finding is operations_availability.rego's `option_value`, exactly: in a
 * text holding the lower-case `[section]`, the first header line of it (names
 * compared without case), then the first
 * `option = value` (or `:`) line before any `[` follows it, the value with its
 * trailing blanks cut. The JavaScript pattern below is that RE2 pattern; the
 * two engines agree on it for ASCII text without \r or \v, so only such texts
 * are answered here, and the policy reads any other text itself. A text is
 * keyed by its exact value: one this module did not see (or decoded
 * differently) is read by the policy too.
 */
import { isJsonObject, kindOf, type Manifest } from '../core/manifest.js';
import { forEachConfigText } from './container-walk.js';
import { parseOsloIni } from './oslo-ini.js';

/** The options the policies ask for, as `section.option`. */
export const ST2_OPTION_KEYS = ['coordination.url', 'messaging.url', 'messaging.cluster_urls', 'messaging.ssl', 'database.host', 'database.ssl'] as const;

export interface St2OptionFacts {
  /** Per text answered: the options of ST2_OPTION_KEYS it sets. */
  readonly st2_option_values: Record<string, Record<string, string>>;
  /** Per text answered: hardening.rego's st2_switched_off (auth or rbac off, or RBAC's noop backend). */
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

const SECTIONS = [...new Set(ST2_OPTION_KEYS.map((k) => k.split('.')[0] ?? ''))];
const PATTERNS = new Map(
  ST2_OPTION_KEYS.map((key) => {
    const [section = '', option = ''] = key.split('.');
    return [key, new RegExp(`^\\s*\\[${section}\\]\\s*$[^\\[]*?^[ \\t]*${option}[ \\t]*[=:][ \\t]*([^\\n]*?)[ \\t]*$`, 'msi')] as const;
  }),
);

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

function optionsOf(text: string): Record<string, string> {
  const found: Record<string, string> = {};
  // The policy looks for the lower-case header first, as written (a `[DataBase]` alone is not read).
  if (!SECTIONS.some((s) => text.includes(`[${s}]`))) return found;
  for (const [key, pattern] of PATTERNS) {
    if (!text.includes(`[${key.split('.')[0] ?? ''}]`)) continue;
    const m = pattern.exec(text);
    if (m?.[1] !== undefined) found[key] = m[1];
  }
  return found;
}

function switchedOff(text: string): string[] {
  return [...new Set(SWITCHED_OFF.filter(([, pattern]) => pattern.test(text)).map(([section]) => section))];
}

/**
 * oslo.config's iniparser: a `#`/`;` line is a comment whatever it holds, and the last value of an
 * option in a file wins (section names lower-cased). A templated value is not judged.
 */
export function coordinationSchemes(text: string): string[] {
  if (!COORDINATION_HEADER.test(text)) return [];
  const url = parseOsloIni(text).values.get('coordination.url');
  if (url === undefined || url.includes('{{')) return [];
  if (url.trim() === '') return [''];
  const scheme = SCHEME.exec(url.trim())?.[1];
  return scheme === undefined ? [] : [scheme.toLowerCase()];
}

/** The option values of every ConfigMap and Secret value and ExternalSecret template text the engines read alike. */
export function collectOptionFacts(resources: readonly Manifest[]): St2OptionFacts {
  const values: Record<string, Record<string, string>> = {};
  const off: Record<string, string[]> = {};
  const schemes: Record<string, string[]> = {};
  const answer = (text: string): void => {
    if (text in schemes || !text.includes('[')) return;
    schemes[text] = coordinationSchemes(text);
    if (!SAME_IN_BOTH.test(text)) return;
    values[text] = optionsOf(text);
    off[text] = switchedOff(text);
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
