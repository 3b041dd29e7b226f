/** Indents every non-empty line by n spaces: a text placed under a YAML block scalar. */
export const indent = (s: string, n: number): string =>
  s
    .split('\n')
    .map((l) => (l ? ' '.repeat(n) + l : l))
    .join('\n');
