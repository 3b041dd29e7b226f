/**
 * kustomize reads patch text that starts with `[` as JSON, not YAML
 * (jsonPatchFromBytes: `if ops[0] != '['` converts YAML first), with Go's
 * encoding/json: a trailing comma, a comment, a single-quoted string or a
 * number past float64 is an error there, though YAML would read it. Such
 * text is checked here before the YAML reader gives its values (for valid
 * JSON they are the same).
 */
import { RenderError } from './errors.js';

export function checkBracketedJson(file: string, text: string): void {
  if (text.charCodeAt(0) !== 0x5b) return;
  let overflow = false;
  try {
    JSON.parse(text, (_key, value: unknown) => {
      if (typeof value === 'number' && !Number.isFinite(value)) overflow = true;
      return value;
    });
  } catch (error) {
    // V8 quotes the text in its message: keep only the reason (a patch may hold a secret).
    const reason = (error instanceof Error ? error.message : String(error)).replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
    const at = /position (\d+)/.exec(reason);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : undefined;
    throw new RenderError('yaml-syntax', `invalid JSON: ${reason}; kustomize reads a patch that starts with "[" as JSON`, { file, ...(line ? { line } : {}) }, { cause: error });
  }
  if (overflow) throw new RenderError('yaml-syntax', 'invalid JSON: a number is past the float64 range; kustomize cannot read it', { file });
}
