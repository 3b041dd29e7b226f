/**
 * How YAML reads and writes plain scalars, the way kustomize's Go libraries do.
 * Three readers are involved (see ../shared/reference/kustomize.md §4.3 and §6):
 * - resources are read by yaml.v3 (YAML 1.2-like: `yes` stays a string, `010` is 8);
 * - JSON-patch text is read by goyaml.v2 (YAML 1.1: `yes` and `on` are booleans);
 * - output strings are quoted when goyaml.v2 would read them back as non-strings.
 */

const GO_BOOLS_V2 = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE',
  'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE',
]);
const GO_TRUE_V2 = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']);
const GO_BOOLS_V3 = new Map([
  ['true', true], ['True', true], ['TRUE', true],
  ['false', false], ['False', false], ['FALSE', false],
]);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS = new Set([
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF',
  '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
/**
 * The timestamps both Go YAML readers accept: time.Parse with the layouts
 * "2006-1-2T15:4:5.999999999Z07:00", the same with `t`, "2006-1-2 15:4:5.999999999"
 * (no zone) and "2006-1-2". Anything else (`-5` zones, `T` without a zone,
 * a zone after a space) stays a string.
 */
const TIMESTAMP_T = /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?(Z|[-+]\d{2}:\d{2})$/;
const TIMESTAMP_SPACE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: +(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?)?$/;

function matchTimestamp(text: string): RegExpExecArray | null {
  return TIMESTAMP_T.exec(text) ?? TIMESTAMP_SPACE.exec(text);
}

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt/ParseUint with base 0, after underscores are removed. */
function parseGoInt(text: string): bigint | undefined {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!match) return undefined;
  const sign = match[1] === '-' ? -1n : 1n;
  const digits = match[2] ?? '';
  let value: bigint;
  if (/^0[oO]/.test(digits)) value = BigInt(`0o${digits.slice(2)}`);
  else if (/^0[0-7]+$/.test(digits)) value = BigInt(`0o${digits.slice(1)}`);
  else value = BigInt(digits);
  value *= sign;
  return value < INT64_MIN || value > UINT64_MAX ? undefined : value;
}

/** Whether a string looks like a Go-parsable timestamp (goyaml's parseTimestamp). */
function isTimestamp(text: string): boolean {
  const m = matchTimestamp(text);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const year = Number(m[1]);
  const daysIn = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysIn) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59)) return false;
  return true;
}

/** Go's time.Time JSON form (RFC 3339 with trimmed nanoseconds). */
function timestampToRfc3339(text: string): string {
  const m = matchTimestamp(text);
  if (!m) return text;
  const pad = (v: string | undefined, n = 2): string => (v ?? '0').padStart(n, '0');
  const date = `${pad(m[1], 4)}-${pad(m[2])}-${pad(m[3])}`;
  if (m[4] === undefined) return `${date}T00:00:00Z`;
  const fraction = (m[7] ?? '').slice(0, 9).replace(/0+$/, '');
  let zone = m[8] ?? 'Z';
  if (zone !== 'Z') {
    const z = /^([-+])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
    zone = z ? `${z[1]}${pad(z[2])}:${z[3] ?? '00'}` : 'Z';
    if (zone === '+00:00' || zone === '-00:00') zone = 'Z';
  }
  return `${date}T${pad(m[4])}:${pad(m[5])}:${pad(m[6])}${fraction ? `.${fraction}` : ''}${zone}`;
}

/**
 * yaml.v3 keeps 64-bit integers exact, so a resource's big integers stay
 * bigint here; JSON-patched resources lose that precision, as in kustomize.
 */
function toIntegerValue(value: bigint): number | bigint {
  return value >= -BigInt(Number.MAX_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

export type PlainScalar = string | number | bigint | boolean | null;

/** A value kustomize cannot send through JSON (`.inf`, `.nan`): bad input, not a crash. */
export class UnsupportedValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedValueError';
  }
}

/** Go's ParseFloat fails on overflow, and the YAML readers then keep the text as a string. */
function goFloatOrText(plain: string, text: string): number | string {
  const value = Number(plain);
  return Number.isFinite(value) ? value : text;
}

/** The value yaml.v3 gives an unquoted scalar in a resource, after kustomize's JSON hop. */
export function resolvePlainV3(text: string): PlainScalar {
  if (NULLS.has(text)) return null;
  const bool = GO_BOOLS_V3.get(text);
  if (bool !== undefined) return bool;
  const first = text.charAt(0);
  if (SPECIAL_FLOATS.has(text)) {
    throw new UnsupportedValueError(`json: unsupported value: ${text.includes('nan') || text.includes('NaN') || text.includes('NAN') ? 'NaN' : text.startsWith('-') ? '-Inf' : '+Inf'}`);
  }
  if (first === '.') {
    return YAML_STYLE_FLOAT.test(text) ? goFloatOrText(text, text) : text;
  }
  if (!/[-+0-9]/.test(first)) return text;
  if (isTimestamp(text)) return timestampToRfc3339(text);
  const plain = text.replaceAll('_', '');
  const int = parseGoInt(plain);
  if (int !== undefined) return toIntegerValue(int);
  if (YAML_STYLE_FLOAT.test(plain)) return goFloatOrText(plain, text);
  return text;
}

/** The value goyaml.v2 (YAML 1.1) gives an unquoted scalar in JSON-patch text. */
export function resolvePlainV2(text: string): PlainScalar {
  if (NULLS.has(text)) return null;
  if (GO_BOOLS_V2.has(text)) return GO_TRUE_V2.has(text);
  if (SPECIAL_FLOATS.has(text)) {
    throw new UnsupportedValueError(`json: unsupported value: ${/nan/i.test(text) ? 'NaN' : text.startsWith('-') ? '-Inf' : '+Inf'}`);
  }
  const first = text.charAt(0);
  if (first === '.') return YAML_STYLE_FLOAT.test(text) ? goFloatOrText(text, text) : text;
  if (!/[-+0-9]/.test(first)) return text;
  // goyaml.v2 keeps timestamps as strings when decoding into interface{}.
  if (isTimestamp(text)) return text;
  const plain = text.replaceAll('_', '');
  const int = parseGoInt(plain);
  if (int !== undefined) return Number(int);
  if (YAML_STYLE_FLOAT.test(plain)) return goFloatOrText(plain, text);
  return text;
}

/**
 * Whether goyaml.v2 would print this string plain without changing its type
 * on the way back in (its `resolve` says !!str and it is no base-60 float).
 */
export function isPlainSafeV2(text: string): boolean {
  if (NULLS.has(text) || GO_BOOLS_V2.has(text) || SPECIAL_FLOATS.has(text)) return false;
  if (BASE60_FLOAT.test(text)) return false;
  const first = text.charAt(0);
  if (first === '.') return !goParseFloatAccepts(text);
  if (!/[-+0-9]/.test(first)) return true;
  if (isTimestamp(text)) return false;
  const plain = text.replaceAll('_', '');
  if (parseGoInt(plain) !== undefined) return false;
  if (YAML_STYLE_FLOAT.test(plain)) return !Number.isFinite(Number(plain));
  if (/^-?0[bB][01]+$/.test(plain)) return false;
  return true;
}

/** Go's strconv.ParseFloat on text starting with '.': the syntax, and no overflow (`.5e400` fails). */
function goParseFloatAccepts(text: string): boolean {
  return /^\.[0-9](_?[0-9])*([eE][-+]?[0-9]+)?$/.test(text) && Number.isFinite(Number(text.replaceAll('_', '')));
}
