/**
 * Policy outcomes as data. A denial is never an exception: it is a finding
 * with severity `deny`, and callers derive exit codes and statuses from the
 * report (conftest's CheckResult model).
 */

export type Severity = 'deny' | 'warn';

/** Environment class the policies judge by; undeclared or unknown environments are production. */
export type Profile = 'dev' | 'staging' | 'production';

export interface ResourceRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface SourceLocation {
  readonly file: string;
  readonly line: number | undefined;
}

export interface Waiver {
  readonly reason: string;
  readonly expires: string;
}

export interface Finding {
  /** Stable rule id, e.g. `ST2-SEC-001`. */
  readonly rule: string;
  readonly severity: Severity;
  readonly title: string;
  /** One line, with no secret value in it. */
  readonly message: string;
  readonly remediation: string;
  /** Undefined for render-wide findings. */
  readonly resource: ResourceRef | undefined;
  /** Dot path of the field inside the resource, e.g. `spec.replicas`. */
  readonly field: string;
  /** Where the offending value was written: base file or the patch op that last set it. */
  readonly location: SourceLocation | undefined;
  /** Set when a valid waiver annotation covers this finding; it then does not block. */
  readonly waived: Waiver | undefined;
}

export interface PolicyReport {
  readonly environment: string | undefined;
  /** The profile judged: the strictest of every binding (see README, Trust model). */
  readonly profile: Profile;
  /** What set each binding, e.g. `declared production`, `namespace st2-prod`, `floor staging`. */
  readonly bindings: readonly string[];
  readonly findings: readonly Finding[];
}

export function isBlocking(finding: Finding): boolean {
  return finding.severity === 'deny' && finding.waived === undefined;
}

export function hasFailure(report: PolicyReport): boolean {
  return report.findings.some(isBlocking);
}

export function hasWarning(report: PolicyReport): boolean {
  return report.findings.some((f) => f.severity === 'warn' && f.waived === undefined);
}

/**
 * dev, staging and production by their exact names; anything else (or
 * nothing) is judged as production. No aliases: a name that is not
 * documented never loosens anything ("development" is production).
 */
export function profileOf(environment: string | undefined): Profile {
  switch (environment) {
    case 'dev':
      return 'dev';
    case 'staging':
      return 'staging';
    default:
      return 'production';
  }
}

const RANK: Readonly<Record<Profile, number>> = { dev: 0, staging: 1, production: 2 };

/** The strictest of some profiles (production when none). */
export function strictestProfile(profiles: readonly Profile[]): Profile {
  let out: Profile | undefined;
  for (const p of profiles) if (out === undefined || RANK[p] > RANK[out]) out = p;
  return out ?? 'production';
}

/** True when `a` judges less strictly than `b`. */
export function isLooser(a: Profile, b: Profile): boolean {
  return RANK[a] < RANK[b];
}
