/**
 * kustomize's field-path syntax for `replacements` (kyaml/utils
 * SmarterPathSplitter): parts split on `.`, `\.` escapes a dot, a `[...]`
 * part spanning dots stays whole when it holds `=` (a list-entry selector
 * `[name=app.x]`) and loses its brackets otherwise (a map key `[a.b/c]`).
 */

/** kyaml's PathSplitter: split on the delimiter, a trailing backslash glues the next piece on. */
function pathSplitter(path: string, delimiter: string): string[] {
  let pieces = path.split(delimiter);
  // A leading delimiter is allowed (`/a/b`).
  if (pieces.length > 1 && pieces[0] === '') pieces = pieces.slice(1);
  const out: string[] = [pieces[0] ?? ''];
  for (let i = 1; i < pieces.length; i++) {
    const last = out.length - 1;
    const previous = out[last] as string;
    if (previous.endsWith('\\')) out[last] = `${previous.slice(0, -1)}${delimiter}${pieces[i] ?? ''}`;
    else out.push(pieces[i] ?? '');
  }
  return out;
}

/** kyaml's SmarterPathSplitter with `.`. */
export function splitFieldPath(path: string): string[] {
  const split = pathSplitter(path, '.');
  const out: string[] = [];
  for (let i = 0; i < split.length; i++) {
    const element = split[i] as string;
    if (element.startsWith('[') && !element.endsWith(']')) {
      const bracketed = [element];
      while (i < split.length - 1) {
        i++;
        const next = split[i] as string;
        bracketed.push(next);
        if (next.endsWith(']')) break;
      }
      const joined = bracketed.join('.');
      // Go's strings.Trim(s, "[]") strips every leading and trailing bracket.
      out.push(joined.includes('=') ? joined : joined.replace(/^[[\]]+|[[\]]+$/g, ''));
    } else {
      out.push(element);
    }
  }
  return out;
}

/** PathGetter's cleanPath: parts trimmed of spaces, empty parts dropped (the source side only). */
export function cleanPath(parts: readonly string[]): string[] {
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** `[field=value]` or `[=value]`: a list-entry selector. */
export function isListIndex(part: string): boolean {
  return part.startsWith('[') && part.endsWith(']');
}

/** Go's strconv.Atoi: an optional sign and decimal digits, within int64. */
export function goAtoi(part: string): number | undefined {
  if (!/^[-+]?[0-9]+$/.test(part)) return undefined;
  const value = Number(part);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** kyaml's IsIdxNumber: Atoi succeeds and is not negative. */
export function isIndexNumber(part: string): boolean {
  const value = goAtoi(part);
  return value !== undefined && value >= 0;
}

/** SplitIndexNameValue: `[name=value]` → ['name', 'value']; throws without `=`. */
export function splitIndexNameValue(part: string): [string, string] {
  let inner = part.endsWith(']') ? part.slice(0, -1) : part;
  if (inner.startsWith('[')) inner = inner.slice(1);
  const eq = inner.indexOf('=');
  if (eq < 0) throw new Error('list path element must contain fieldName=fieldValue for element to match');
  return [inner.slice(0, eq), inner.slice(eq + 1)];
}
