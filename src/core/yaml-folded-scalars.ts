/**
 * Folded block scalars (`>`) come out of kustomize changed. kyaml keeps a
 * node's style, and kustomize turns a resource into JSON by writing its
 * nodes as YAML text and reading that back (RNode.MarshalJSON); yaml.v3's
 * folded-scalar writer looks for a following blank at the start of the
 * string instead of at the break (`is_break(value, k)` with k from 0), so it
 * writes one break too many before a more-indented line and before a kept
 * (`>+`) tail. That happens once per value (at the first JSON patch or at
 * the end), so the full reader (yaml-compose.ts) gives each folded scalar its
 * round-tripped value.
 * Values with a space before a break or at the end are written
 * double-quoted instead, and survive unchanged.
 */
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/**
 * What yaml.v3 writes in folded style for `value` and reads back. The writer
 * picks the chomping from the value: `+` when it ends in two breaks or more.
 */
export function roundTrip(value: string): string {
  const keep = value.endsWith('\n\n');
  // Written double-quoted (exact) when a space precedes a break or ends the text.
  if (/ \n/.test(value) || value.endsWith(' ') || !value.includes('\n')) return value;
  const firstBlank = isBlank(value[0]);
  const lines = value.split('\n');
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    out += line;
    if (i === lines.length - 1) break;
    // A run of breaks after a line with content that does not start with a blank.
    if (line === '' || isBlank(line[0])) {
      out += '\n';
      continue;
    }
    let j = i + 1;
    while (j < lines.length - 1 && lines[j] === '') j++;
    const run = j - i;
    const next = lines[j] as string;
    const atEnd = j === lines.length - 1 && next === '';
    let breaks = run;
    if (!firstBlank) {
      if (atEnd ? keep : isBlank(next[0])) breaks = run + 1;
    } else if (!atEnd && !isBlank(next[0])) {
      // No doubled break: a single one folds to a space, more lose one.
      out += run === 1 ? ' ' : '\n'.repeat(run - 1);
      i = j - 1;
      continue;
    }
    out += '\n'.repeat(breaks);
    i = j - 1;
  }
  return out;
}
