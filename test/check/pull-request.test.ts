/**
 * `st2-gitops check` on a throw-away git repository with two commits: a safe
 * base, then a change that breaks prod (st2timersengine replicas 2, st2web on
 * a NodePort) and fixes dev (etcd pinned, the default st2 password replaced).
 * Every format is checked structurally, SARIF against the schema in the repo.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicyEngine } from '../../src/repository/index.js';
import { createNodeFileReader } from '../../src/io/file-system.js';
import {
  CANARY_BASE64,
  CANARY_PASSWORD,
  check,
  commitBreakProdFixDev,
  copyRepository,
  git,
  OLD_PASSWORD_BASE64,
  removeRepository,
  repoRoot,
  type CheckRun,
  usePrivateTmpdir,
} from './harness.js';
import { sarifSchemaErrors } from './sarif-schema.js';
import { parseXml, type XmlElement } from './xml.js';

const FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;

let repo: string;
let headBefore: string;
let tempBefore: Set<string>;
const runs = new Map<string, CheckRun>();

function baseDirs(): Set<string> {
  return new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('st2-gitops-base-')));
}

/** Runs (once) and caches: the formats share one repository. */
async function run(...argv: string[]): Promise<CheckRun> {
  const key = argv.join(' ');
  const cached = runs.get(key);
  if (cached) return cached;
  const result = await check(repo, ...argv);
  runs.set(key, result);
  return result;
}

interface JsonFinding {
  rule: string;
  severity: string;
  resource: { kind: string; namespace: string; name: string } | null;
  field: string;
  location: { file: string; line: number | null } | null;
}
interface JsonChange {
  path: string;
  change: string;
  before: string | null;
  after: string | null;
  masked: boolean;
}
interface JsonOverlay {
  overlay: string;
  status: string;
  error: { code: string; message: string } | null;
  findings: JsonFinding[];
  diff: {
    base: string;
    resources: { added: unknown[]; removed: unknown[]; changed: Array<{ resource: { kind: string; name: string }; changes: JsonChange[] }> };
    highlights: Array<{ kind: string; resource: { kind: string; name: string }; before?: unknown; after?: unknown }>;
    findings: { new: JsonFinding[]; present: JsonFinding[]; fixed: JsonFinding[] };
    onlyFixes: boolean;
  } | null;
}
interface JsonReport {
  schemaVersion: number;
  outcome: string;
  exitCode: number;
  base: { ref: string; commit: string } | null;
  summary: { overlays: number; denied: number; errors: number; newFindings: number; fixedFindings: number; onlyFixes: boolean };
  overlays: JsonOverlay[];
}

function overlay(report: JsonReport, name: string): JsonOverlay {
  const found = report.overlays.find((o) => o.overlay === name);
  if (!found) throw new Error(`no ${name} in the report`);
  return found;
}

/** 1-based line of the first line of `file` (in the test repo) that contains `text`, after `after`. */
function lineOf(file: string, text: string, after = ''): number {
  const lines = readFileSync(path.join(repo, file), 'utf8').split('\n');
  const start = after === '' ? 0 : lines.findIndex((l) => l.includes(after));
  const index = lines.findIndex((l, i) => i >= start && l.includes(text));
  if (index < 0) throw new Error(`${text} not in ${file}`);
  return index + 1;
}

// A private TMPDIR: this file counts the base snapshots left behind, and other test files
// (separate processes, in parallel) make snapshots of their own in the shared one.
let restoreTmpdir: () => void = () => undefined;

beforeAll(() => {
  restoreTmpdir = usePrivateTmpdir('st2-pull-request-test-');
  tempBefore = baseDirs();
  repo = copyRepository();
  commitBreakProdFixDev(repo);
  headBefore = git(repo, 'rev-parse', 'HEAD').trim();
});

afterAll(() => {
  removeRepository(repo);
  restoreTmpdir();
});

describe('check without a base', () => {
  it('exits 1 and names prod as denied when one overlay is denied', async () => {
    // GIVEN the second commit (prod broken) WHEN checking every overlay
    const r = await run();
    // THEN the exit code is 1, every overlay is listed, and prod is the denied one
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^st2-gitops check: 1 of 3 overlays denied$/m);
    expect(r.stdout).toMatch(/^overlays\/prod \(production, judged as production\): DENIED: 2 blocking/m);
    expect(r.stdout).toMatch(/^overlays\/dev \(dev, judged as dev\): allowed: 0 blocking, \d+ warnings/m);
    expect(r.stdout).toMatch(/^overlays\/staging .*: allowed/m);
    expect(r.stdout).toContain('DENY ST2-REP-001 Deployment st2-prod/st2timersengine spec.replicas at overlays/prod/kustomization.yaml:');
    expect(r.stdout).toMatch(/^Result: denied \(exit 1\)$/m);
  });

  it('exits 0 for an allowed overlay even with warnings', async () => {
    // GIVEN dev, which has warnings only WHEN checking it alone
    const r = await run('overlays/dev', '--format', 'json');
    // THEN it passes and still lists the warnings
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.outcome).toBe('pass');
    expect(overlay(report, 'overlays/dev').findings.length).toBeGreaterThan(0);
    expect(overlay(report, 'overlays/dev').findings.every((f) => f.severity === 'warn')).toBe(true);
  });

  it('reports every overlay and exits 2 when one fails to render, 2 winning over 1', async () => {
    // GIVEN a missing overlay next to the denied prod WHEN checking both
    const r = await run('overlays/prod', 'overlays/missing', '--format', 'json');
    // THEN prod is still judged (denied), the missing one is an error, and the exit code is 2
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.outcome).toBe('error');
    expect(report.exitCode).toBe(2);
    expect(overlay(report, 'overlays/prod').status).toBe('denied');
    expect(overlay(report, 'overlays/missing').error).toMatchObject({ code: 'overlay-missing' });
    expect(r.stderr).toContain("overlay 'overlays/missing' does not exist");
  });

  it('exits 2 with a fix when the base ref does not exist', async () => {
    const r = await run('--base', 'origin/no-such-branch');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--base origin/no-such-branch: no such commit in this repository; fetch it first (actions/checkout needs fetch-depth: 0)');
  });

  it('exits 2 on an unknown format, naming the flag', async () => {
    const r = await run('--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--format must be one of text, json, sarif, junit, github, markdown, not 'xml'");
  });
});

// Each test runs the CLI up to twelve times (every format, twice), each checking two commits:
// ~30 s on the 2-core machine under load, so a budget above vitest's 30 s default.
describe('check --base HEAD~1', { timeout: 120_000 }, () => {
  it('exits 1 in every format (prod denied) and prints the same bytes twice', async () => {
    for (const format of FORMATS) {
      // GIVEN the two commits WHEN checking against the base in each format
      const first = await run('--base', 'HEAD~1', '--format', format);
      const again = await check(repo, '--base', 'HEAD~1', '--format', format);
      // THEN the exit code is 1 and the output is deterministic
      expect(first.code, format).toBe(1);
      expect(again.stdout, format).toBe(first.stdout);
    }
    // Twelve full checks (six formats, twice): past 30 s on a busy two-core host.
  }, 120_000);

  it('never prints the Secret value, old or new, plain or base64, in any format', async () => {
    for (const format of FORMATS) {
      const r = await run('--base', 'HEAD~1', '--format', format);
      for (const secret of [CANARY_PASSWORD, CANARY_BASE64, OLD_PASSWORD_BASE64, 'Ch@ngeMe']) {
        expect(r.stdout.includes(secret), `${format} stdout shows ${secret}`).toBe(false);
        expect(r.stderr.includes(secret), `${format} stderr shows ${secret}`).toBe(false);
      }
    }
  });

  it('json: carries the diff, masks the Secret change, calls out replicas and exposure', async () => {
    const report = JSON.parse((await run('--base', 'HEAD~1', '--format', 'json')).stdout) as JsonReport;
    expect(report.schemaVersion).toBe(1);
    expect(report.base).toEqual({ ref: 'HEAD~1', commit: git(repo, 'rev-parse', 'HEAD~1').trim() });
    expect(report.summary).toMatchObject({ overlays: 3, denied: 1, errors: 0, onlyFixes: false });

    // dev: the etcd pin and the new password fix findings and introduce none
    const dev = overlay(report, 'overlays/dev');
    expect(dev.diff?.onlyFixes).toBe(true);
    expect(dev.diff?.findings.new).toEqual([]);
    expect(dev.diff?.findings.fixed.map((f) => f.rule)).toEqual(expect.arrayContaining(['ST2-HRD-001']));
    const secret = dev.diff?.resources.changed.find((c) => c.resource.kind === 'Secret' && c.resource.name === 'st2-auth');
    expect(secret?.changes).toEqual([{ path: 'data.password', change: 'changed', before: null, after: null, masked: true }]);
    const etcd = dev.diff?.resources.changed.find((c) => c.resource.kind === 'Deployment' && c.resource.name === 'etcd');
    expect(etcd?.changes).toEqual([
      { path: 'spec.template.spec.containers[name=etcd].image', change: 'changed', before: 'bitnamilegacy/etcd:latest', after: 'bitnamilegacy/etcd:3.5.17', masked: false },
    ]);

    // prod: two new blocking findings, located in the kustomization that caused them
    const prod = overlay(report, 'overlays/prod');
    expect(prod.status).toBe('denied');
    expect(prod.diff?.onlyFixes).toBe(false);
    const rep = prod.diff?.findings.new.find((f) => f.rule === 'ST2-REP-001');
    expect(rep).toMatchObject({
      severity: 'deny',
      resource: { kind: 'Deployment', namespace: 'st2-prod', name: 'st2timersengine' },
      field: 'spec.replicas',
      location: { file: 'overlays/prod/kustomization.yaml', line: lineOf('overlays/prod/kustomization.yaml', 'name: st2timersengine', 'replicas:') },
    });
    expect(prod.diff?.findings.new.map((f) => f.rule).sort()).toEqual(['ST2-EXP-002', 'ST2-REP-001']);
    expect(prod.diff?.highlights).toEqual([
      { kind: 'replicas', resource: { kind: 'Deployment', namespace: 'st2-prod', name: 'st2timersengine' }, before: 1, after: 2 },
      { kind: 'service-type', resource: { kind: 'Service', namespace: 'st2-prod', name: 'st2web' }, before: 'ClusterIP', after: 'NodePort' },
    ]);
    // staging: untouched
    expect(overlay(report, 'overlays/staging').diff).toMatchObject({ resources: { added: [], removed: [], changed: [] }, findings: { new: [], fixed: [] } });
  });

  it('json: a change that only fixes problems says so', async () => {
    // GIVEN only dev, where the change fixes findings WHEN checking it against the base
    const r = await run('overlays/dev', '--base', 'HEAD~1', '--format', 'json');
    const report = JSON.parse(r.stdout) as JsonReport;
    // THEN the summary says the change only fixes problems, and so do markdown and text
    expect(r.code).toBe(0);
    expect(report.summary.onlyFixes).toBe(true);
    expect(report.summary.newFindings).toBe(0);
    expect(report.summary.fixedFindings).toBeGreaterThanOrEqual(2);
    expect((await run('overlays/dev', '--base', 'HEAD~1', '--format', 'markdown')).stdout).toMatch(/\*\*This change only fixes problems: \d+ findings fixed, none introduced\.\*\*/);
    expect((await run('overlays/dev', '--base', 'HEAD~1')).stdout).toMatch(/^This change only fixes problems: \d+ findings fixed, none introduced\.$/m);
  });

  it('sarif: valid against schemas/sarif-2.1.0.json, one rule per policy rule, results at file and line', async () => {
    const r = await run('--base', 'HEAD~1', '--format', 'sarif');
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: Array<{
        tool: { driver: { name: string; rules: Array<{ id: string; defaultConfiguration: { level: string } }> } };
        results: Array<{
          ruleId: string;
          ruleIndex: number;
          level: string;
          baselineState?: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } } }>;
        }>;
        invocations: Array<{ executionSuccessful: boolean }>;
      }>;
    };
    // THEN the schema accepts it
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    const [run0] = sarif.runs;
    if (!run0) throw new Error('no run');
    // AND the rules are exactly the bundle's rules
    const engine = await loadPolicyEngine(createNodeFileReader(repoRoot));
    expect(run0.tool.driver.rules.map((rule) => rule.id)).toEqual(Object.keys(engine.rules).sort());
    expect(run0.tool.driver.name).toBe('st2-gitops');
    expect(run0.invocations[0]?.executionSuccessful).toBe(true);
    // AND every result names its rule by index and points at an existing repo file and line
    for (const result of run0.results) {
      expect(run0.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      const location = result.locations[0]?.physicalLocation;
      expect(location?.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      const file = decodeURIComponent(location?.artifactLocation.uri ?? '');
      expect(path.isAbsolute(file)).toBe(false);
      expect(readFileSync(path.join(repo, file), 'utf8').length).toBeGreaterThan(0);
      expect(location?.region?.startLine).toBeGreaterThan(0);
    }
    const rep = run0.results.find((res) => res.ruleId === 'ST2-REP-001');
    expect(rep).toMatchObject({ level: 'error', baselineState: 'new' });
    expect(rep?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'overlays/prod/kustomization.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: lineOf('overlays/prod/kustomization.yaml', 'name: st2timersengine', 'replicas:') },
    });
    expect(run0.results.filter((res) => res.level === 'warning').every((res) => res.baselineState === 'unchanged')).toBe(true);
  });

  it('junit: well-formed XML, a suite per overlay, a failure per blocking finding', async () => {
    const xml = (await run('--base', 'HEAD~1', '--format', 'junit')).stdout;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    const suites = root.children.filter((c) => c.name === 'testsuite');
    expect(suites.map((s) => s.attributes['name'])).toEqual(['overlays/dev', 'overlays/prod', 'overlays/staging']);
    const prod = suites[1] as XmlElement;
    expect(prod.attributes['failures']).toBe('2');
    const cases = prod.children.filter((c) => c.name === 'testcase');
    expect(prod.attributes['tests']).toBe(String(cases.length));
    const failures = cases.flatMap((c) => c.children.filter((x) => x.name === 'failure').map((f) => ({ testcase: c, failure: f })));
    expect(failures.map((f) => f.failure.attributes['type']).sort()).toEqual(['ST2-EXP-002', 'ST2-REP-001']);
    const rep = failures.find((f) => f.failure.attributes['type'] === 'ST2-REP-001');
    expect(rep?.testcase.attributes).toMatchObject({ file: 'overlays/prod/kustomization.yaml', name: 'ST2-REP-001 Deployment st2-prod/st2timersengine spec.replicas' });
    // Warnings pass; dev has no failure
    expect(suites[0]?.attributes['failures']).toBe('0');
    expect(root.attributes['failures']).toBe('2');
    // Test case names are unique within a suite, so no CI server merges two findings
    for (const suite of suites) {
      const names = suite.children.filter((c) => c.name === 'testcase').map((c) => `${c.attributes['classname'] ?? ''} ${c.attributes['name'] ?? ''}`);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('github: one workflow command per finding, with file, line and escaped properties', async () => {
    const out = (await run('--base', 'HEAD~1', '--format', 'github')).stdout;
    const lines = out.trimEnd().split('\n');
    const commands = lines.filter((l) => l.startsWith('::'));
    // Every line is a workflow command or the plain summary
    for (const line of lines) expect(line).toMatch(/^(::(error|warning|notice)( [^:]*)?::.*|st2-gitops check: .*)$/);
    // Property values carry no raw ':' or ','
    for (const command of commands) {
      const props = /^::\w+ ([^:]*)::/.exec(command)?.[1] ?? '';
      for (const prop of props.split(',')) expect(prop).toMatch(/^(file|line|title)=[^,:]*$/);
    }
    const rep = commands.find((c) => c.includes('title=ST2-REP-001'));
    const line = lineOf('overlays/prod/kustomization.yaml', 'name: st2timersengine', 'replicas:');
    expect(rep).toMatch(new RegExp(`^::error file=overlays/prod/kustomization.yaml,line=${line},title=ST2-REP-001 st2timersengine must run exactly one replica \\(overlays/prod\\)::Deployment st2-prod/st2timersengine spec.replicas: `));
    expect(rep).toContain('[new in this change]');
    expect(commands.filter((c) => c.startsWith('::warning ')).length).toBeGreaterThan(0);
    expect(commands.filter((c) => c.startsWith('::error ')).length).toBe(2);
    // The highlights notice has its newline escaped
    expect(commands.find((c) => c.includes('title=st2-gitops%3A overlays/prod changes'))).toContain(
      'Deployment st2-prod/st2timersengine replicas 1 → 2%0AService st2-prod/st2web type ClusterIP → NodePort',
    );
  });

  it('markdown: a summary table, a table per environment, the masked diff and the call-outs', async () => {
    const md = (await run('--base', 'HEAD~1', '--format', 'markdown')).stdout;
    expect(md.startsWith('<!-- st2-gitops-check -->\n## ❌ st2-gitops policy check: 1 of 3 overlays denied\n')).toBe(true);
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    // Every table row has as many cells as its header
    const tables: string[][] = [];
    for (const line of md.split('\n')) {
      if (!line.startsWith('|')) continue;
      const previous = md.split('\n')[md.split('\n').indexOf(line) - 1];
      if (previous === undefined || !previous.startsWith('|')) tables.push([]);
      tables.at(-1)?.push(line);
    }
    for (const table of tables) {
      const width = (table[0] ?? '').split('|').length;
      for (const row of table) expect(row.split('|').length, row).toBe(width);
    }
    expect(rows.find((r) => r.startsWith('| <code>overlays/prod</code>'))).toBe('| <code>overlays/prod</code> | production | ❌ denied | 2 | 0 | 0 | 58 | 2 | 0 | +0 −0 ~2 |');
    expect(md).toContain('### production (<code>overlays/prod</code>): ❌ denied');
    expect(md).toContain('### dev (<code>overlays/dev</code>): ✅ allowed');
    expect(md).toMatch(/^\| \*\*deny\*\* 🆕 \| ST2-REP-001 \| Deployment st2-prod\/st2timersengine \| <code>spec\.replicas<\/code> \| <code>overlays\/prod\/kustomization\.yaml:\d+<\/code> \|/m);
    expect(md).toMatch(/^\| ✔️ fixed \| ST2-HRD-001 \| Deployment st2-dev\/etcd \|/m);
    expect(md).toContain('- ⚠️ Deployment st2-prod/st2timersengine replicas 1 → 2');
    expect(md).toContain('- ⚠️ Service st2-prod/st2web type ClusterIP → NodePort');
    expect(md).toContain('  - <code>data.password: &lt;changed&gt;</code>');
  });
});

describe("the user's working tree", () => {
  it('is untouched: clean status, same HEAD, no extra worktree, no temporary directory left', async () => {
    // GIVEN every check above has run (plus one more against the base)
    await run('--base', 'HEAD~1', '--format', 'text');
    // THEN nothing in the repository changed
    expect(git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(headBefore);
    expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    expect(git(repo, 'stash', 'list')).toBe('');
    // AND the exported base tree is gone
    const leftover = [...baseDirs()].filter((d) => !tempBefore.has(d));
    expect(leftover).toEqual([]);
  });
});
