/**
 * Waivers: `st2-gitops/waive.<RULE-ID>: "expires=YYYY-MM-DD; reason=..."`
 * on a resource waives that rule there. A waived finding stays in the
 * report, marked waived, and no longer blocks; an expired or reason-less
 * waiver is itself a deny (ST2-WAIVER-001).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicyEngine } from '../../src/repository/index.js';
import { createNodeFileReader, type FileReader } from '../../src/io/file-system.js';
import type { PolicyEngine } from '../../src/policy/engine.js';
import { checkRender, formatFindingLine, hasFailure, type PolicyReport } from '../../src/policy/index.js';
import { parseYamlFile } from '../../src/core/yaml-read.js';
import { neverWaivable } from '../../src/policy/waivers.js';
import { asRendered, NOW, repoRoot, workload } from './support.js';

const ANNOTATION = 'st2-gitops/waive.ST2-HRD-001';

describe('policy waivers', () => {
  let engine: PolicyEngine;
  let fs: FileReader;

  beforeAll(async () => {
    fs = createNodeFileReader(repoRoot);
    engine = await loadPolicyEngine(fs);
  });

  /** A production Deployment on :latest (ST2-HRD-001) carrying the given waiver value. */
  const judge = (waiver: string | undefined): PolicyReport => {
    const annotations = waiver === undefined ? undefined : { [ANNOTATION]: waiver };
    const resource = workload('st2packs', { container: { image: 'stackstorm/st2packs:latest' }, ...(annotations ? { annotations } : {}) });
    return checkRender(engine, fs, asRendered([resource]), { environment: 'production', now: NOW });
  };

  it('blocks the unwaived finding (baseline)', () => {
    const report = judge(undefined);
    expect(report.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['ST2-HRD-001 deny']);
    expect(hasFailure(report)).toBe(true);
  });

  it('marks a finding covered by a valid waiver as waived, keeps it in the report, and lets the render pass', () => {
    // GIVEN a waiver with a future expiry and a reason
    // WHEN the render is judged
    const report = judge('expires=2027-01-31; reason=upstream publishes st2packs only as latest (INFRA-123)');
    // THEN the finding is still reported, marked waived, and nothing blocks
    expect(report.findings).toHaveLength(1);
    const finding = report.findings[0];
    expect(finding?.rule).toBe('ST2-HRD-001');
    expect(finding?.severity).toBe('deny');
    expect(finding?.waived).toEqual({ expires: '2027-01-31', reason: 'upstream publishes st2packs only as latest (INFRA-123)' });
    expect(hasFailure(report)).toBe(false);
    // AND its report line says so
    expect(finding && formatFindingLine(finding)).toMatch(/^waived until 2027-01-31 ST2-HRD-001 Deployment st2-dev\/st2packs spec\.template\.spec\.containers\.0\.image/);
  });

  it('accepts a waiver expiring today', () => {
    const report = judge('expires=2026-11-23; reason=last day');
    expect(report.findings.map((f) => f.waived?.expires)).toEqual(['2026-11-23']);
    expect(hasFailure(report)).toBe(false);
  });

  it('denies an expired waiver with ST2-WAIVER-001 and no longer waives the finding', () => {
    // GIVEN a waiver that expired before today
    const report = judge('expires=2026-11-22; reason=was temporary');
    // THEN the waiver itself is a deny, and the original finding blocks again
    const waiver = report.findings.find((f) => f.rule === 'ST2-WAIVER-001');
    expect(waiver?.severity).toBe('deny');
    expect(waiver?.message).toBe('waiver for ST2-HRD-001 expired on 2026-11-22');
    expect(waiver?.field).toBe(`metadata.annotations.${ANNOTATION}`);
    expect(waiver?.resource).toEqual({ kind: 'Deployment', namespace: 'st2-dev', name: 'st2packs' });
    expect(report.findings.find((f) => f.rule === 'ST2-HRD-001')?.waived).toBeUndefined();
    expect(hasFailure(report)).toBe(true);
  });

  it.each([
    ['no reason at all', 'expires=2027-01-31'],
    ['an empty reason', 'expires=2027-01-31; reason='],
    ['a blank reason', 'expires=2027-01-31; reason=   '],
  ])('denies a waiver with %s with ST2-WAIVER-001', (_label, value) => {
    // GIVEN a waiver without a reason WHEN judged THEN it is a deny and waives nothing
    const report = judge(value);
    const waiver = report.findings.find((f) => f.rule === 'ST2-WAIVER-001');
    expect(waiver?.severity).toBe('deny');
    expect(waiver?.message).toBe('waiver for ST2-HRD-001 has no reason=');
    expect(waiver?.remediation).toContain('expires=YYYY-MM-DD; reason=<why>');
    expect(report.findings.find((f) => f.rule === 'ST2-HRD-001')?.waived).toBeUndefined();
    expect(hasFailure(report)).toBe(true);
  });

  it.each([
    ['a far date, then a valid one', 'expires=2099-12-31; reason=INC-7; expires=2027-01-10', 'names expires= more than once'],
    ['a valid date, then a far one', 'expires=2027-01-10; reason=INC-7; expires=2099-12-31', 'names expires= more than once'],
    ['two reasons', 'expires=2027-01-10; reason=INC-7; reason=also', 'names reason= more than once'],
    ['a second expiry in another case', 'expires=2027-01-10; reason=INC-7; Expires=2099-12-31', 'names expires= more than once'],
  ])('denies a waiver that repeats a field (%s): a reviewer cannot tell which one holds', (_label, value, problem) => {
    const report = judge(value);
    expect(report.findings.find((f) => f.rule === 'ST2-WAIVER-001')?.message).toBe(`waiver for ST2-HRD-001 ${problem}`);
    expect(report.findings.find((f) => f.rule === 'ST2-HRD-001')?.waived).toBeUndefined();
    expect(hasFailure(report)).toBe(true);
  });

  it('denies a waiver without a valid expiry date', () => {
    const report = judge('reason=forever');
    expect(report.findings.find((f) => f.rule === 'ST2-WAIVER-001')?.message).toBe('waiver for ST2-HRD-001 has no valid expires=YYYY-MM-DD');
    expect(hasFailure(report)).toBe(true);
  });

  it('waives only the named rule', () => {
    // GIVEN a waiver for ST2-HRD-001 on a Deployment that also lacks limits (ST2-HRD-002)
    const resource = workload('st2packs', {
      container: { image: 'stackstorm/st2packs:latest', resources: {} },
      annotations: { [ANNOTATION]: 'expires=2027-01-31; reason=INFRA-123' },
    });
    const report = checkRender(engine, fs, asRendered([resource]), { environment: 'production', now: NOW });
    // THEN ST2-HRD-002 still blocks
    expect(report.findings.filter((f) => f.waived).map((f) => f.rule)).toEqual(['ST2-HRD-001']);
    expect(report.findings.filter((f) => !f.waived).map((f) => f.rule)).toEqual(['ST2-HRD-002', 'ST2-HRD-002']);
    expect(hasFailure(report)).toBe(true);
  });

  it.each([
    ['a date that is not on the calendar (Feb 31)', 'expires=2027-02-31; reason=x', 'has no valid expires=YYYY-MM-DD'],
    ['a date that is not on the calendar (month 13)', 'expires=2027-13-01; reason=x', 'has no valid expires=YYYY-MM-DD'],
    ['a lifetime over the bundle limit (90 days)', 'expires=2027-02-22; reason=x', 'expires 91 days from today, more than the 90 days allowed'],
  ])('denies a waiver with %s', (_label, value, message) => {
    const report = judge(value);
    expect(report.findings.find((f) => f.rule === 'ST2-WAIVER-001')?.message).toBe(`waiver for ST2-HRD-001 ${message}`);
    expect(hasFailure(report)).toBe(true);
  });

  it('accepts a waiver of exactly the maximum lifetime', () => {
    expect(hasFailure(judge('expires=2027-02-21; reason=ninety days'))).toBe(false);
  });

  it('refuses a waiver set through commonAnnotations, even on one resource', () => {
    const resource = workload('st2packs', { container: { image: 'stackstorm/st2packs:latest' }, annotations: { [ANNOTATION]: 'expires=2027-01-31; reason=x' } });
    const rendered = asRendered([resource]).map((r) => ({
      ...r,
      edits: [{ pointer: '/metadata/annotations/st2-gitops~1waive.ST2-HRD-001', file: 'overlays/x/kustomization.yaml', line: 9, by: 'commonAnnotations' }],
    }));
    const report = checkRender(engine, fs, rendered, { environment: 'production', now: NOW });
    expect(report.findings.find((f) => f.rule === 'ST2-WAIVER-001')?.message).toMatch(/set through commonAnnotations/);
    expect(hasFailure(report)).toBe(true);
  });

  it('refuses one waiver copied onto several resources', () => {
    const annotations = { [ANNOTATION]: 'expires=2027-01-31; reason=x' };
    const a = workload('st2packs', { container: { image: 'stackstorm/st2packs:latest' }, annotations });
    const b = workload('st2packs2', { container: { image: 'stackstorm/st2packs:latest' }, annotations });
    const report = checkRender(engine, fs, asRendered([a, b]), { environment: 'production', now: NOW });
    expect(report.findings.filter((f) => f.rule === 'ST2-WAIVER-001').map((f) => f.message)).toEqual([
      'waiver for ST2-HRD-001 is set on 2 resources; a waiver names one resource',
      'waiver for ST2-HRD-001 is set on 2 resources; a waiver names one resource',
    ]);
  });

  it('never waives a published default secret in production, but does in staging', () => {
    const annotations = { 'st2-gitops/waive.ST2-SEC-001': 'expires=2027-01-31; reason=x' };
    const resource = workload('myapp', { container: { env: [{ name: 'PW', value: 'Ch@ngeMe' }] }, annotations });
    const prod = checkRender(engine, fs, asRendered([resource]), { environment: 'production', now: NOW });
    expect(prod.findings.find((f) => f.rule === 'ST2-SEC-001')?.waived).toBeUndefined();
    expect(prod.findings.find((f) => f.rule === 'ST2-WAIVER-001')?.message).toMatch(/never waivable in production/);
    const staging = checkRender(engine, fs, asRendered([resource]), { environment: 'staging', now: NOW });
    expect(hasFailure(staging)).toBe(false);
  });

  it('ignores a waiver hidden in a prototype by a YAML merge key (CVE-2025-64718): __proto__ stays a plain key', () => {
    // GIVEN annotations whose merge key carries __proto__ with a waiver inside
    const text = `metadata:\n  annotations:\n    <<: {__proto__: {"${ANNOTATION}": "expires=2099-01-01; reason=hidden"}}\n`;
    for (const flavor of ['resource', 'patch'] as const) {
      const parsed = parseYamlFile('a.yaml', text, { flavor }).documents[0]?.value as { metadata: { annotations: Record<string, unknown> } };
      const annotations = parsed.metadata.annotations;
      // THEN the object keeps its prototype and holds `__proto__` as data
      expect(Object.getPrototypeOf(annotations)).toBe(Object.prototype);
      expect(Object.keys(annotations)).toEqual(['__proto__']);
      expect(annotations[ANNOTATION]).toBeUndefined();
      // AND judged, the finding is not waived
      const resource = workload('st2packs', { container: { image: 'stackstorm/st2packs:latest' }, annotations: annotations as Record<string, string> });
      const report = checkRender(engine, fs, asRendered([resource]), { environment: 'production', now: NOW });
      expect(report.findings.filter((f) => f.rule === 'ST2-HRD-001').map((f) => f.waived)).toEqual([undefined]);
      expect(hasFailure(report)).toBe(true);
    }
  });
});

describe('rules never waivable in an environment', () => {
  const singleton = { waivable_in_production: false, waivable_in_staging: false };
  const secret = { waivable_in_production: false };
  const leaves = { waivable_in_production: false, waivable_in_staging: false, waivable_in_dev: false };
  it.each([
    ['a rule whose harm leaves the environment, in dev', leaves, 'dev', true],
    ['the same in staging', leaves, 'staging', true],
    ['a singleton rule in production', singleton, 'production', true],
    ['a singleton rule in staging', singleton, 'staging', true],
    ['a singleton rule in dev', singleton, 'dev', false],
    ['a production-only rule in production', secret, 'production', true],
    ['a production-only rule in staging', secret, 'staging', false],
    ['an ordinary rule in production', {}, 'production', false],
    ['an unknown rule', undefined, 'production', false],
  ] as const)('%s: never waivable %s', (_name, info, profile, expected) => {
    expect(neverWaivable(info, profile)).toBe(expected);
  });
});
