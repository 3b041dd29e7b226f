/**
 * Whether a name is a time zone st2's timers engine can load. st2 hands
 * `[timersengine] local_timezone` to APScheduler, which looks it up in the
 * IANA database (pytz, case-insensitively, aliases included); an unknown
 * name stops the engine at start-up. Checked against the database the
 * runtime ships (ICU's): its canonical zones (Intl.supportedValuesOf) and
 * the aliases Intl.DateTimeFormat accepts ("US/Eastern", "UTC"). Offsets
 * ("+05:00"), which Intl takes and pytz does not, are refused.
 */

let canonical: Set<string> | undefined;
const memo = new Map<string, boolean>();

export function isTimeZone(name: string): boolean {
  let known = memo.get(name);
  if (known !== undefined) return known;
  canonical ??= new Set(Intl.supportedValuesOf('timeZone').map((z) => z.toLowerCase()));
  known = canonical.has(name.toLowerCase()) || (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name) && acceptedByIntl(name));
  memo.set(name, known);
  return known;
}

function acceptedByIntl(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
