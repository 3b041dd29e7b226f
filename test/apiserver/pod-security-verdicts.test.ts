/**
 * ST2-OPS-029's Pod Security verdicts (src/policy/pod-security.ts) against the
 * real kube-apiserver's PodSecurity admission (test/support/kube-control-plane.ts):
 *
 * 1. Every pod template of the prod render, plus variants that each break one
 *    check (host namespaces, privileged, added capabilities, hostPath, hostPort,
 *    unsafe sysctls, Unconfined seccomp or AppArmor, SELinux types, root, no
 *    drop ALL, escalation allowed), is created as a Pod (`--dry-run=server`) in a
 *    namespace enforcing baseline and one enforcing restricted; the API server
 *    accepts exactly the pods the facts say pass that level.
 * 2. The gate on the prod render with and without `enforce: restricted` on
 *    st2-prod: ST2-OPS-029 names exactly the workloads the API server refuses
 *    under the namespace's level (none at prod's own baseline).
 *
 * Skips locally without the binaries; fails with CI=true.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFileReader } from '../../src/io/file-system.js';
import { checkRender, type PolicyEngine } from '../../src/policy/index.js';
import { podSecurityFailures } from '../../src/policy/pod-security.js';
import { loadPolicyEngine } from '../../src/repository/index.js';
import { findKubeTools, startControlPlane, type ControlPlane } from '../support/kube-control-plane.js';
import { renderForTest, repoRoot } from '../support/render.js';
import { asRendered } from '../policy/support.js';
import { kindOf, nameOf, recordsAt, stringAt, type Manifest } from '../cluster/manifest-guards.js';
import { hasPodTemplate, podSpecOf } from '../cluster/workloads.js';

const skip = findKubeTools() === undefined && process.env['CI'] !== 'true';
const LEVELS = ['baseline', 'restricted'] as const;
const NOW = new Date('2026-12-06T00:00:00Z');

type Json = Record<string, unknown>;

/** The Pod a workload's controller would create (claim templates become PVC volumes). */
function podOf(workload: Manifest, name: string, spec: Json = podSpecOf(workload)): Json {
  const claims = recordsAt(workload, 'spec', 'volumeClaimTemplates');
  const volumes = [
    ...recordsAt(spec, 'volumes'),
    ...claims.map((c) => ({ name: stringAt(c, 'metadata', 'name') ?? '', persistentVolumeClaim: { claimName: `${stringAt(c, 'metadata', 'name') ?? ''}-0` } })),
  ];
  const template = ((workload['spec'] as Json)['template'] ?? {}) as Json;
  const meta = (template['metadata'] ?? {}) as Json;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, annotations: meta['annotations'] ?? {} }, spec: { ...spec, volumes } };
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Variants of one pod spec, each breaking one Pod Security check. */
function variants(spec: Json): Array<[string, Json]> {
  const first = (s: Json): Json => (s['containers'] as Json[])[0] ?? {};
  const sc = (s: Json): Json => (first(s)['securityContext'] ??= {}) as Json;
  const make = (name: string, edit: (s: Json) => void): [string, Json] => {
    const s = clone(spec);
    edit(s);
    return [name, s];
  };
  return [
    make('host-network', (s) => (s['hostNetwork'] = true)),
    make('privileged', (s) => (sc(s)['privileged'] = true)),
    make('cap-sys-admin', (s) => (sc(s)['capabilities'] = { drop: ['ALL'], add: ['SYS_ADMIN'] })),
    make('cap-chown', (s) => (sc(s)['capabilities'] = { drop: ['ALL'], add: ['CHOWN'] })),
    make('cap-net-bind', (s) => (sc(s)['capabilities'] = { drop: ['ALL'], add: ['NET_BIND_SERVICE'] })),
    make('host-path', (s) => (s['volumes'] = [...((s['volumes'] as Json[]) ?? []), { name: 'host', hostPath: { path: '/var/log' } }])),
    make('host-port', (s) => (first(s)['ports'] = [{ containerPort: 8080, hostPort: 8080 }])),
    make('sysctl-unsafe', (s) => ((s['securityContext'] as Json)['sysctls'] = [{ name: 'kernel.msgmax', value: '65536' }])),
    make('sysctl-safe', (s) => ((s['securityContext'] as Json)['sysctls'] = [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }])),
    make('seccomp-unconfined', (s) => (sc(s)['seccompProfile'] = { type: 'Unconfined' })),
    make('apparmor-unconfined', (s) => (sc(s)['appArmorProfile'] = { type: 'Unconfined' })),
    make('selinux-spc', (s) => (sc(s)['seLinuxOptions'] = { type: 'spc_t' })),
    make('selinux-container', (s) => (sc(s)['seLinuxOptions'] = { type: 'container_t' })),
    make('run-as-root', (s) => (sc(s)['runAsUser'] = 0)),
    make('non-root-false', (s) => (sc(s)['runAsNonRoot'] = false)),
    make('no-drop-all', (s) => (sc(s)['capabilities'] = {})),
    make('escalation-unset', (s) => delete sc(s)['allowPrivilegeEscalation']),
    make('pod-seccomp-unset', (s) => {
      delete (s['securityContext'] as Json)['seccompProfile'];
    }),
  ];
}

function errors(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('Warning:'));
}

describe.skipIf(skip)("ST2-OPS-029 agrees with the real API server's Pod Security admission", () => {
  let plane: ControlPlane;
  let engine: PolicyEngine;
  let resources: readonly Manifest[];

  beforeAll(async () => {
    plane = await startControlPlane();
    for (const level of LEVELS) {
      await plane.ensureNamespace(`psa-${level}`, { 'pod-security.kubernetes.io/enforce': level, 'pod-security.kubernetes.io/enforce-version': 'v1.34' });
    }
    resources = (await renderForTest('overlays/prod')).resources;
    engine = await loadPolicyEngine(createNodeFileReader(repoRoot));
  }, 180_000);

  afterAll(async () => {
    await plane?.stop();
  });

  /** Whether the API server admits the pod in the namespace enforcing `level`. */
  async function admitted(pod: Json, level: string): Promise<{ ok: boolean; why: string }> {
    const res = await plane.kubectl(['create', '--dry-run=server', '-n', `psa-${level}`, '-f', '-'], JSON.stringify(pod));
    return { ok: res.code === 0 && errors(res.stderr).length === 0, why: res.stderr };
  }

  it("admits exactly the prod pods and variants the facts pass, at baseline and restricted", async () => {
    // GIVEN every prod pod template and, for st2api's, one variant per check
    const workloads = resources.filter(hasPodTemplate);
    expect(workloads.length).toBeGreaterThan(15);
    const pods: Array<[string, Json, Json]> = workloads.map((w) => {
      const name = `${kindOf(w).toLowerCase()}-${nameOf(w)}`;
      return [name, podOf(w, name), podSpecOf(w)];
    });
    const st2api = workloads.find((w) => nameOf(w) === 'st2api');
    expect(st2api).toBeDefined();
    if (st2api === undefined) return;
    for (const [name, spec] of variants(podSpecOf(st2api))) pods.push([`st2api-${name}`, podOf(st2api, `st2api-${name}`, spec), spec]);
    // WHEN the API server creates each (dry run) under each level
    const disagreements: string[] = [];
    let refusedRestricted = 0;
    for (const [name, pod, spec] of pods) {
      const annotations = ((pod['metadata'] as Json)['annotations'] ?? {}) as Json;
      const failures = podSecurityFailures(spec, annotations);
      for (const level of LEVELS) {
        const api = await admitted(pod, level);
        const ours = failures[level].length === 0;
        if (!api.ok && level === 'restricted') refusedRestricted++;
        if (api.ok !== ours) disagreements.push(`${name} at ${level}: API ${api.ok ? 'admits' : 'refuses'}, facts ${JSON.stringify(failures[level])} ${api.why}`);
      }
    }
    // THEN the facts agree on every pod, and both levels refuse something
    expect(disagreements).toEqual([]);
    expect(refusedRestricted).toBeGreaterThan(5);
  }, 300_000);

  it.each([
    ['baseline (prod as it is)', 'baseline'],
    ['restricted', 'restricted'],
  ] as const)('the gate on prod with enforce %s names exactly the workloads the API server refuses', async (_label, level) => {
    // GIVEN the prod render with st2-prod enforcing the level
    const render = resources.map((r) =>
      kindOf(r) === 'Namespace' ? { ...r, metadata: { ...(r['metadata'] as Json), labels: { ...((r['metadata'] as Json)['labels'] as Json), 'pod-security.kubernetes.io/enforce': level } } } : r,
    );
    // WHEN the gate judges it and the API server creates each pod under that level
    const report = checkRender(engine, createNodeFileReader(repoRoot), asRendered(render), { environment: 'production', now: NOW });
    const gate = new Set(report.findings.filter((f) => f.rule === 'ST2-OPS-029').map((f) => f.resource?.name ?? ''));
    const api = new Set<string>();
    for (const w of resources.filter(hasPodTemplate)) {
      if (!(await admitted(podOf(w, `gate-${kindOf(w).toLowerCase()}-${nameOf(w)}`), level)).ok) api.add(nameOf(w));
    }
    // THEN they name the same workloads (none at baseline)
    expect([...gate].sort()).toEqual([...api].sort());
    if (level === 'baseline') expect(api.size).toBe(0);
    else expect(api.size).toBeGreaterThan(0);
  }, 300_000);
});
