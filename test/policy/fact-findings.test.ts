/**
 * The policy worker judges the resources by st2/findings before the string
 * facts exist, then adds st2/fact_findings on the whole input (engine.ts,
 * main.rego). That is the same verdict only while no rule outside
 * st2/fact_findings reads a string fact: this holds every policy package to
 * it. (staged-evaluation.test.ts compares both ways over the red-team corpus.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support.js';

/** Facts the worker has before the string search (check-render.ts sends pod_units, the st2 config chains and scripts, the LoadBalancer source ranges, the outage facts, the pod facts (the packs volumes and env links among them), the cluster writes, the embedded objects' carriers, what admission refuses, VPA caps and the flows NetworkPolicies cut, what containers' commands do, the selectors kustomize edits, each container image's repository, the roles each command text names, credentials production must take from the store, ExternalSecrets writing credentials into other kinds, the namespaces whose st2 config kustomize dropped as local configuration, the objects that land as one; sensor_partitioning is never set). */
const EARLY_FACTS = new Set(['pod_units', 'st2_chains', 'st2_config_settled', 'st2_scripts', 'st2_listen', 'sensor_partitions', 'st2_config_inert', 'st2_option_values', 'st2_option_keys', 'st2_switched_off', 'st2_coordination_schemes', 'sensor_partitioning', 'lb_sources', 'quantities', 'store_settings', 'store_members', 'store_ha', 'cluster_writes', 'embedded_carriers', 'pod_refs', 'pod_placement', 'pod_requests', 'pod_security', 'file_reads', 'probe_ports', 'probe_never', 'init_waits', 'packs_volumes', 'env_links', 'service_replaced', 'admission_refusals', 'vpa_caps', 'network_cuts', 'cni_policies', 'command_effects', 'st2_rbac_roles', 'st2_rbac_mappings', 'st2_transport', 'committed_credentials', 'weak_credentials', 'selector_edits', 'image_repositories', 'command_text_roles', 'store_credentials', 'store_links', 'eso_generic_targets', 'local_config_st2_namespaces', 'landing_duplicates']);

/** Where a string fact may be read: st2.secrets (all of it is in st2/fact_findings; ST2-EXP-016 lives there for that) and HRD-005's facts rule. */
function allowed(file: string, ruleHead: string): boolean {
  return file === 'secrets.rego' || file === 'secrets_templates.rego' || file === 'secrets_exposure.rego' || (file === 'hardening.rego' && ruleHead.startsWith('config_off_findings '));
}

describe('st2/fact_findings covers every rule that reads a string fact', () => {
  const dir = path.join(repoRoot, 'policies');
  const files = readdirSync(dir).filter((f) => f.endsWith('.rego') && !f.endsWith('_test.rego'));

  it.each(files)('%s reads string facts only inside st2/fact_findings', (file) => {
    const misplaced: string[] = [];
    let head = '';
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, n) => {
        if (/^[a-z_]/.test(line)) head = line;
        if (line.trim().startsWith('#')) return;
        for (const m of line.matchAll(/input\.facts(?:\.([A-Za-z0-9_]+)|, \[?"([A-Za-z0-9_]+)"|\[|\b)/g)) {
          if (m[2] !== undefined && EARLY_FACTS.has(m[2])) continue;
          if (m[1] !== undefined && EARLY_FACTS.has(m[1])) continue;
          if (!allowed(file, head)) misplaced.push(`${file}:${n + 1}: ${line.trim()}`);
        }
      });
    expect(misplaced).toEqual([]);
  });

  it('main.rego builds st2/fact_findings from st2.secrets and HRD-005’s facts rule', () => {
    const main = readFileSync(path.join(dir, 'main.rego'), 'utf8');
    expect(main).toMatch(/^fact_findings := data\.st2\.secrets\.findings \| data\.st2\.hardening\.config_off_findings$/m);
  });

  it('main.rego splits st2/findings into st2/operations_findings (no string fact: the helper judges it without them) and st2/other_findings, each package in exactly one', () => {
    const main = readFileSync(path.join(dir, 'main.rego'), 'utf8');
    const packages = (rule: string): string[] => {
      const line = new RegExp(`^${rule} := (.*)$`, 'm').exec(main)?.[1] ?? '';
      return [...line.matchAll(/data\.st2\.([a-z_]+)\.findings/g)].map((m) => m[1] ?? '').sort();
    };
    expect(packages('operations_findings')).toEqual(['operations']);
    expect([...packages('operations_findings'), ...packages('other_findings')].sort()).toEqual(packages('findings'));
    expect(packages('findings')).toHaveLength(5);
  });
});
