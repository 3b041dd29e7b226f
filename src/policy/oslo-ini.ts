/**
 * Whether oslo.config 1.12 (st2 pins `oslo.config>=1.12.1,<1.13`) accepts a
 * config file, read line by line as its iniparser.BaseParser and
 * cfg.ConfigParser do: Python reads the file as UTF-8 text with universal
 * newlines (\r\n, \r and \n end a line) and right-strips each line with
 * Python's whitespace (a UTF-8 byte-order mark is not whitespace, so
 * `\ufeff[api]` is an assignment without `=`); a blank line ends a value; a
 * line starting with a space or tab continues the previous value, and one
 * with no value to continue is refused; a header must end with `]` and name
 * something; `#` and `;` start a comment only at the start of a line; a key
 * needs `=` or `:`, a non-empty name, and a section before it. A refused file
 * raises ConfigFileParseError when the service parses its arguments: every
 * st2 process reading it stops at start-up.
 *
 * Values oslo parses but st2 cannot use are judged by their option's type
 * (types.Integer is Python's int(), types.Boolean oslo's eight words): an
 * inline comment (`port = 9101  # api`) is part of the value and fails the
 * conversion when the service reads the option at start-up.
 */

/** Python's str.isspace() characters (JavaScript's \s differs: it has U+FEFF, lacks U+001C..U+001F and U+0085). */
const PY_SPACE = '\t\n\v\f\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const isPySpace = (c: string | undefined): boolean => c !== undefined && PY_SPACE.includes(c);

export function pyRstrip(s: string): string {
  let end = s.length;
  while (end > 0 && isPySpace(s[end - 1])) end--;
  return s.slice(0, end);
}

export function pyStrip(s: string): string {
  let start = 0;
  const t = pyRstrip(s);
  while (start < t.length && isPySpace(t[start])) start++;
  return t.slice(start);
}

export interface OsloError {
  /** 1-based line number, as oslo reports it. */
  readonly line: number;
  readonly why: string;
}

export interface OsloFile {
  /** The last value of each option, by `group.key` (groups lower-cased as oslo normalises them, keys as written). */
  readonly values: ReadonlyMap<string, string>;
  /** The first reason oslo refuses the file; undefined when it parses. */
  readonly error?: OsloError;
}

/** Parses one config file as oslo.config 1.12 does (see above); values after an error are still read, as far as they go. */
export function parseOsloIni(text: string): OsloFile {
  const values = new Map<string, string>();
  let error: OsloError | undefined;
  const fail = (line: number, why: string): void => {
    error ??= { line, why };
  };
  let section: string | undefined;
  let key: string | undefined;
  let value: string[] = [];
  let keyLine = 0;
  const flush = (): void => {
    if (key === undefined) return;
    if (section === undefined) fail(keyLine, 'Section must be started before assignment');
    else values.set(`${section}.${key}`, value.join('\n'));
    key = undefined;
    value = [];
  };
  // Universal newlines: what Python's text-mode file iteration yields.
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, k) => {
    const n = k + 1;
    const line = pyRstrip(raw);
    if (line === '') {
      flush();
      return;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (key === undefined) fail(n, 'Unexpected continuation line');
      else value.push(pyStrip(line));
      return;
    }
    flush();
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) return fail(n, 'Invalid section (must end with ])');
      if (line.length <= 2) return fail(n, 'Empty section name');
      const name = line.slice(1, -1);
      section = name === 'DEFAULT' ? name : name.toLowerCase();
      return;
    }
    if (line.startsWith('#') || line.startsWith(';')) return;
    const colon = line.indexOf(':');
    const equal = line.indexOf('=');
    if (colon < 0 && equal < 0) return fail(n, "No ':' or '=' found in assignment");
    const at = colon < 0 || (equal >= 0 && equal < colon) ? equal : colon;
    const name = pyStrip(line.slice(0, at));
    let v = pyStrip(line.slice(at + 1));
    if (v.length > 0 && v[0] === v[v.length - 1] && (v[0] === '"' || v[0] === "'")) v = v.slice(1, -1);
    if (name === '') return fail(n, 'Key cannot be empty');
    key = name;
    keyLine = n;
    value = [v];
  });
  flush();
  return error === undefined ? { values } : { values, error };
}

/** Python's int() on a string: optional sign, digits with single underscores between them, surrounding whitespace. */
export function pyInt(value: string): number | undefined {
  const t = pyStrip(value);
  if (!/^[+-]?[0-9](?:_?[0-9])*$/.test(t)) return undefined;
  return Number(t.replace(/_/g, ''));
}

/** oslo's types.Boolean: true/1/on/yes, false/0/off/no, any case. */
export function osloBoolean(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (v === 'true' || v === '1' || v === 'on' || v === 'yes') return true;
  if (v === 'false' || v === '0' || v === 'off' || v === 'no') return false;
  return undefined;
}

/**
 * Options every st2 service (or the named one) converts at start-up, with
 * their oslo types (st2common/config.py): the database connection every
 * service opens, and each API service's listening port.
 */
const TYPED: ReadonlyArray<readonly [string, 'int' | 'bool']> = [
  ['database.port', 'int'],
  ['database.connection_timeout', 'int'],
  ['database.connection_retry_max_delay_m', 'int'],
  ['database.ssl', 'bool'],
  ['api.port', 'int'],
  ['auth.port', 'int'],
  ['stream.port', 'int'],
];

/** The typed options (their booleans of auth, RBAC and masking are ST2-HRD-005/008's). */
export const TYPED_KEYS = TYPED.map(([k]) => k);

/** Whether a typed option's value converts (true for an untyped option). */
export function convertsAs(option: string, value: string): boolean {
  const type = TYPED.find(([k]) => k === option)?.[1];
  if (type === undefined) return true;
  return type === 'int' ? pyInt(value) !== undefined : osloBoolean(value) !== undefined;
}
