/**
 * `st2-gitops rules`: the bundle's rule catalogue, and docs/rules.md as its
 * committed copy. Every rule the Rego declares is listed with its title,
 * where it denies and whether a waiver can cover it; no published secret
 * appears in it (remediations name defaults, never spell them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/bin/dispatch.js';
import { createNodeFileReader, loadPolicyEngine } from '../../src/repository/index.js';
import { repoRoot } from '../support/render.js';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await dispatch(argv, { cwd: repoRoot, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), now: () => new Date() });
  return { code, stdout, stderr };
}

/** Rule ids as the Rego sources declare them (`rules["ST2-…"] :=`), tests excluded. */
function declaredRuleIds(): string[] {
  const dir = path.join(repoRoot, 'policies');
  const ids = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.rego') && !f.endsWith('_test.rego'))) {
    for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(/^rules\["(ST2-[A-Z]+-\d+)"\]/gm)) ids.add(m[1] as string);
  }
  return [...ids].sort();
}

describe('st2-gitops rules', () => {
  it('lists every rule the policies declare, with a title, where it applies and a remediation', async () => {
    const { code, stdout } = await run('rules', '--output', 'json');
    expect(code).toBe(0);
    const rules = JSON.parse(stdout) as Record<string, { title: string; profiles: string; remediation: string }>;
    expect(Object.keys(rules).sort()).toEqual(declaredRuleIds());
    for (const [id, rule] of Object.entries(rules)) {
      expect(rule.title, id).not.toBe(id);
      expect(rule.profiles, id).not.toBe('');
      expect(rule.remediation, id).not.toBe('');
    }
  });

  it('prints markdown by default: a table row and a section per rule', async () => {
    const { code, stdout } = await run('rules');
    expect(code).toBe(0);
    for (const id of declaredRuleIds()) {
      expect(stdout).toContain(`| [${id}](#${id.toLowerCase()}) |`);
      expect(stdout).toContain(`\n### ${id}\n`);
    }
    expect(stdout).toMatch(/\| \[ST2-REP-001\]\(#st2-rep-001\) \| st2timersengine must run exactly one replica \| deny in every profile \| only in dev \|/);
  });

  it('docs/rules.md is the current catalogue (regenerate: npm run build:policies)', async () => {
    const { stdout } = await run('rules');
    expect(readFileSync(path.join(repoRoot, 'docs/rules.md'), 'utf8')).toBe(stdout);
  });

  it('never spells a published default', async () => {
    const engine = await loadPolicyEngine(createNodeFileReader(repoRoot));
    const text = (await run('rules')).stdout + (await run('rules', '--output', 'json')).stdout;
    for (const literal of engine.literals) expect(text.includes(literal.value), literal.id).toBe(false);
  });

  it.each([
    [['rules', 'overlays/prod'], 'rules takes no overlay'],
    [['rules', '--output', 'yaml'], 'rules prints markdown or json'],
    [['render', 'overlays/prod', '--output', 'markdown'], '--output markdown is for rules'],
  ])('refuses %j as usage (exit 2, nothing on stdout)', async (argv, message) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});
