/**
 * Waivers: a resource annotation `st2-gitops/waive.<RULE-ID>` with the value
 * `expires=YYYY-MM-DD; reason=<why>` waives that rule on that resource. A
 * waived finding stays in every report, marked waived; a waiver that is not
 * trustworthy is itself a deny (ST2-WAIVER-001) and waives nothing:
 * an expiry that is not a real calendar date, in the past, or further away
 * than the bundle's maximum lifetime; no reason; set for many resources at
 * once (commonAnnotations, or the same waiver on several resources); or a
 * rule that is never waivable in production (or, for the singletons, in
 * staging either).
 */
import { annotationsOf, type Manifest } from '../core/manifest.js';
import type { RenderedResource } from '../render/index.js';
import type { RuleInfo } from './engine.js';
import type { Profile, Waiver } from './types.js';

export const WAIVER_PREFIX = 'st2-gitops/waive.';
export const WAIVER_RULE = 'ST2-WAIVER-001';

export interface ParsedWaiver {
  readonly rule: string;
  readonly annotation: string;
  /** The waiver when valid, else why it is not. */
  readonly result: { readonly ok: true; readonly waiver: Waiver } | { readonly ok: false; readonly problem: string };
}

export interface WaiverPolicy {
  /** Today, YYYY-MM-DD (UTC). */
  readonly today: string;
  readonly maxDays: number;
}

const DAY_MS = 86_400_000;

/**
 * A rule no waiver covers in this environment: in production those marked
 * waivable_in_production false; in staging those also marked
 * waivable_in_staging false (two timers engines or every sensor twice run
 * staging's actions twice, against the same chat rooms and ticket queues);
 * in dev those marked waivable_in_dev false (harm that leaves the
 * environment: a published login reachable from the internet, a node taken).
 */
export function neverWaivable(info: Pick<RuleInfo, 'waivable_in_production' | 'waivable_in_staging' | 'waivable_in_dev'> | undefined, profile: Profile): boolean {
  if (profile === 'production') return info?.waivable_in_production === false;
  if (profile === 'staging') return info?.waivable_in_staging === false;
  return info?.waivable_in_dev === false;
}

/** Days from 1970-01-01 of a real calendar date, else undefined (2027-02-31 is no date). */
export function calendarDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / DAY_MS;
}

/**
 * The `expires=...; reason=...` fields of a waiver value, and the names given
 * more than once: `expires=2099-12-31; ...; expires=2027-01-10` reads as 2099
 * to a reviewer whichever one a parser keeps, so a repeated field is refused.
 */
export function waiverFields(value: string): { expires: string; reason: string; repeated: string[] } {
  const fields = new Map<string, string>();
  const repeated: string[] = [];
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    // Compared without case: `Expires=` reads as a second expiry to a reviewer.
    const name = part.slice(0, eq).trim().toLowerCase();
    if (fields.has(name) && !repeated.includes(name)) repeated.push(name);
    fields.set(name, part.slice(eq + 1).trim());
  }
  return { expires: fields.get('expires') ?? '', reason: fields.get('reason') ?? '', repeated };
}

/** Why a waiver's dates and reason are not acceptable, or undefined when they are. */
export function waiverProblem(expires: string, reason: string, policy: WaiverPolicy): string | undefined {
  const day = calendarDay(expires);
  const today = calendarDay(policy.today) ?? 0;
  if (day === undefined) return 'has no valid expires=YYYY-MM-DD';
  if (reason === '') return 'has no reason=';
  if (day < today) return `expired on ${expires}`;
  if (day - today > policy.maxDays) return `expires ${day - today} days from today, more than the ${policy.maxDays} days allowed`;
  return undefined;
}

export function parseWaivers(manifest: Manifest, policy: WaiverPolicy): ParsedWaiver[] {
  const out: ParsedWaiver[] = [];
  for (const [annotation, value] of Object.entries(annotationsOf(manifest))) {
    if (!annotation.startsWith(WAIVER_PREFIX)) continue;
    const rule = annotation.slice(WAIVER_PREFIX.length);
    const { expires, reason, repeated } = waiverFields(value);
    const problem = repeated.length > 0 ? `names ${repeated.join('=, ')}= more than once` : waiverProblem(expires, reason, policy);
    out.push({ rule, annotation, result: problem ? { ok: false, problem } : { ok: true, waiver: { reason, expires } } });
  }
  return out;
}

/**
 * The waivers of every resource, refusing those that cover more than one
 * resource: set by commonAnnotations, or the same waiver value on several
 * resources (a patch aimed at many targets, copies of one base).
 */
export function collectWaivers(resources: readonly RenderedResource[], policy: WaiverPolicy): ParsedWaiver[][] {
  const parsed = resources.map((r) => parseWaivers(r.manifest, policy));
  const uses = new Map<string, number>();
  resources.forEach((r, i) => {
    for (const w of parsed[i] ?? []) {
      const key = `${w.annotation}\0${annotationsOf(r.manifest)[w.annotation] ?? ''}`;
      uses.set(key, (uses.get(key) ?? 0) + 1);
    }
  });
  return resources.map((r, i) =>
    (parsed[i] ?? []).map((w) => {
      if (!w.result.ok) return w;
      const pointer = `/metadata/annotations/${w.annotation.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      const viaCommon = r.edits.some((e) => e.pointer === pointer && (e.by === 'commonAnnotations' || e.by === 'labels' || e.by === 'commonLabels'));
      if (viaCommon) return { ...w, result: { ok: false, problem: 'is set through commonAnnotations; a waiver names one resource (use `st2-gitops waive`)' } };
      const n = uses.get(`${w.annotation}\0${annotationsOf(r.manifest)[w.annotation] ?? ''}`) ?? 0;
      if (n > 1) return { ...w, result: { ok: false, problem: `is set on ${n} resources; a waiver names one resource` } };
      return w;
    }),
  );
}
