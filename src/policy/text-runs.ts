/**
 * The runs decode-layers.ts decodes (base64, base32, hex, base64 wrapped over
 * lines), found in time linear in the text. Written the plain way
 * (`/[A-Za-z0-9+/_-]{11,}={0,2}/g`), each pattern starts again at every
 * character of a run and reads to the run's end, so a text costs the sum of
 * its runs' squared lengths: the largest share of the string search after
 * the wasm (issue 12). Each pattern below finds exactly what the plain one
 * finds (test/policy/text-runs.test.ts compares them on random texts):
 *
 * - A leftmost match never starts inside a run of its own characters: one
 *   character earlier matches too, and is tried first. The one exception is
 *   the first position after the previous match, which the search does not
 *   look behind; for single-class runs that position follows the end of a
 *   maximal run or a `=` (the previous match took the whole run), so the
 *   exception never arises, and base32's two classes (which share the digits
 *   2-7) check that position with the plain pattern (`runsOf`).
 * - Each class run is read whole once (`(?=(X{n,}))\1` is an atomic group:
 *   no backtracking into the run when what follows it does not match).
 */

/** `[A-Za-z0-9+/_-]{11,}={0,2}`: base64 (standard or URL alphabet) runs. */
export const BASE64_RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{11,}={0,2}/g;

/** `(?:[0-9A-Fa-f]{2}){8,}`: hex runs of 8 bytes or more. */
export const HEX_RUN = /(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){8,}/g;

/**
 * `[A-Za-z0-9+/_-]{4,}(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/_-]{4,}={0,2})+`:
 * base64 wrapped over several lines inside a longer text. A run is followed
 * by blanks and a line end or it is no line of the block, so reading it
 * whole (atomically) loses no match.
 */
export const WRAPPED_RUN = /(?<![A-Za-z0-9+/_-])(?=([A-Za-z0-9+/_-]{4,}))\1(?:[ \t]*\r?\n[ \t]*(?=([A-Za-z0-9+/_-]{4,}))\2={0,2})+/g;

/**
 * The plain base32 pattern (RFC 4648, one case, padding optional; 13
 * characters hold 8 bytes), sticky: what matches at one given position.
 */
const BASE32_AT = /[A-Z2-7]{13,}={0,6}|[a-z2-7]{13,}={0,6}/y;
/** The same, found only where the run of its own case starts. */
const BASE32_FROM_START = /(?<![A-Z2-7])[A-Z2-7]{13,}={0,6}|(?<![a-z2-7])[a-z2-7]{13,}={0,6}/g;

/**
 * What `text.match(/[A-Z2-7]{13,}={0,6}|[a-z2-7]{13,}={0,6}/g)` gives
 * (null when nothing matches), in linear time. The digits 2-7 belong to
 * both cases, so a run may start right after the previous match's last
 * digit: that one position is tried with the plain pattern.
 */
export function base32Matches(text: string): string[] | null {
  let out: string[] | null = null;
  BASE32_FROM_START.lastIndex = 0;
  let m = BASE32_FROM_START.exec(text);
  while (m !== null) {
    out ??= [];
    out.push(m[0]);
    let end = m.index + m[0].length;
    // Runs that start right where the previous match ended (look-behind would refuse them).
    for (;;) {
      BASE32_AT.lastIndex = end;
      const next = BASE32_AT.exec(text);
      if (next === null) break;
      out.push(next[0]);
      end += next[0].length;
    }
    BASE32_FROM_START.lastIndex = end;
    m = BASE32_FROM_START.exec(text);
  }
  return out;
}
