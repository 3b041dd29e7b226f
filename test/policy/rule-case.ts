/**
 * The shape of rules.test.ts's table (and of the fresh*-rule-cases.ts files it
 * spreads in): a case, the finding it expects, and rows of one rule's cases.
 */
import type { Manifest } from '../../src/core/manifest.js';
import type { Severity } from '../../src/policy/types.js';
import type { FieldEdit } from '../../src/render/resource.js';

export interface Expected {
  readonly rule: string;
  readonly severity: Severity;
  /** Dot path of the offending field, when the case pins it. */
  readonly field?: string;
  /** Text the finding's message must contain. */
  readonly message?: string;
}

export interface RuleCase {
  readonly name: string;
  /** Edit records of the case's resources, by index (what the renderer records: ST2-REP-031). */
  readonly edits?: Readonly<Record<number, readonly FieldEdit[]>>;
  /** The rule the case is about (the allowed cases name it too). */
  readonly rule: string;
  /** The environment declared by the overlay; undefined = undeclared. */
  readonly environment: string | undefined;
  readonly resources: () => Manifest[];
  readonly expected: Expected | 'allowed';
  /**
   * Drop key and certificate facts before evaluation, as for a value Node's
   * crypto cannot parse: the only way to reach the sha256 fallback
   * (ST2-SEC-004), since every listed hash is of a value that is also
   * identified by its fingerprint.
   */
  readonly unparsableValues?: boolean;
  /** For an allowed case: the rules that do fire on it, for other reasons (default none). */
  readonly others?: readonly string[];
}

export const deny = (rule: string, extra: Omit<Expected, 'rule' | 'severity'> = {}): Expected => ({ rule, severity: 'deny', ...extra });
export const warn = (rule: string, extra: Omit<Expected, 'rule' | 'severity'> = {}): Expected => ({ rule, severity: 'warn', ...extra });

/** A case of one rule as a table row: the environment, the test's name, the resources, the verdict, and the rarer fields. */
export type Row = readonly [environment: string | undefined, name: string, resources: () => Manifest[], expected: Expected | 'allowed', more?: Pick<RuleCase, 'edits' | 'unparsableValues' | 'others'>];
export const rows = (rule: string, table: readonly Row[]): RuleCase[] => table.map(([environment, name, resources, expected, more]) => ({ name, rule, environment, resources, expected, ...more }));
