/**
 * Every overlay against a real kube-apiserver (test/support/kube-control-plane.ts) with
 * the current operator CRDs (scripts/fetch-crds.sh, pinned in scripts/crd-versions):
 *
 * 1. `kubectl apply --dry-run=server` of the whole render: schema, strict field decoding,
 *    defaulting, CRD validation (an `external-secrets.io/v1beta1` ExternalSecret is refused
 *    by a current External Secrets operator, which serves only v1), admission.
 * 2. One Pod per pod template, `kubectl create --dry-run=server` in a namespace enforcing
 *    the Pod Security level the pod must meet: in staging and prod `restricted`, except the
 *    templates annotated `st2-gitops/pod-security: baseline` (with a reason), which get
 *    `baseline`; in dev (the chart's defaults) `baseline` for all.
 *
 * Any rejection fails the test. Skips locally without the binaries or CRDs; fails with CI=true.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findKubeTools, startControlPlane, type ControlPlane } from '../support/kube-control-plane.js';
import { haveCrds, pinnedCrdSources } from '../support/operator-crds.js';
import { renderForTest } from '../support/render.js';
import { kindOf, nameOf, recordsAt, stringAt, stringMapAt, type Manifest } from '../cluster/manifest-guards.js';
import { hasPodTemplate, podSpecOf } from '../cluster/workloads.js';

const skip = (findKubeTools() === undefined || !haveCrds()) && process.env['CI'] !== 'true';
const PSS_ANNOTATION = 'st2-gitops/pod-security';
const PSS_REASON = 'st2-gitops/pod-security-reason';
const PSS_VERSION = 'v1.34';

type Level = 'restricted' | 'baseline';

interface OverlayCase {
  readonly overlay: string;
  readonly namespace: string;
  /** Level for pods without the exception annotation. */
  readonly defaultLevel: Level;
}

const overlays: readonly OverlayCase[] = [
  { overlay: 'overlays/dev', namespace: 'st2-dev', defaultLevel: 'baseline' },
  { overlay: 'overlays/staging', namespace: 'st2-staging', defaultLevel: 'restricted' },
  { overlay: 'overlays/prod', namespace: 'st2-prod', defaultLevel: 'restricted' },
];

function list(items: readonly unknown[]): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}

/** The Pod a workload's controller would create from its template (claim templates become PVC volumes, as for ordinal 0). */
export function podFor(workload: Manifest, namespace: string): Record<string, unknown> {
  const template = (workload['spec'] as Record<string, unknown>)['template'] as Record<string, unknown>;
  const spec = { ...podSpecOf(workload) };
  const claims = recordsAt(workload, 'spec', 'volumeClaimTemplates');
  if (claims.length > 0) {
    spec['volumes'] = [
      ...recordsAt(spec, 'volumes'),
      ...claims.map((c) => {
        const claim = stringAt(c, 'metadata', 'name') ?? '';
        return { name: claim, persistentVolumeClaim: { claimName: `${claim}-${nameOf(workload)}-0` } };
      }),
    ];
  }
  const metadata = (template['metadata'] ?? {}) as Record<string, unknown>;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...metadata, name: `${kindOf(workload).toLowerCase()}-${nameOf(workload)}`, namespace },
    spec,
  };
}

function levelOf(workload: Manifest, defaultLevel: Level): Level {
  return stringMapAt(workload, 'spec', 'template', 'metadata', 'annotations')[PSS_ANNOTATION] === 'baseline' ? 'baseline' : defaultLevel;
}

/** Lines of kubectl's stderr that report a refusal (warnings are not refusals). */
function errors(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('Warning:'));
}

describe.skipIf(skip)('a real kube-apiserver accepts every overlay, with current operator CRDs and Pod Security', () => {
  let plane: ControlPlane;

  beforeAll(async () => {
    plane = await startControlPlane();
    for (const source of pinnedCrdSources()) {
      // create, not apply: client-side apply would store each CRD in an annotation, too large for some.
      const created = await plane.kubectl(['create', '-f', source.file]);
      expect(created.code, `${source.module}@${source.version}: ${created.stderr}`).toBe(0);
    }
    const established = await plane.kubectl(['wait', '--for=condition=Established', 'crd', '--all', '--timeout=60s']);
    expect(established.code, established.stderr).toBe(0);
    for (const level of ['restricted', 'baseline'] as const) {
      await plane.ensureNamespace(`pss-${level}`, {
        'pod-security.kubernetes.io/enforce': level,
        'pod-security.kubernetes.io/enforce-version': PSS_VERSION,
      });
    }
  }, 180_000);

  afterAll(async () => {
    await plane?.stop();
  });

  it('serves external-secrets.io/v1 and no longer v1beta1 (the current operator)', async () => {
    const res = await plane.kubectl(['get', 'crd', 'externalsecrets.external-secrets.io', '-o', 'json']);
    expect(res.code, res.stderr).toBe(0);
    const versions = recordsAt(JSON.parse(res.stdout), 'spec', 'versions').map((v) => `${String(v['name'])}:${String(v['served'])}`);
    expect(versions).toContain('v1:true');
    expect(versions).not.toContain('v1beta1:true');
  });

  describe.each(overlays)('$overlay', ({ overlay, namespace, defaultLevel }) => {
    let resources: readonly Manifest[];

    beforeAll(async () => {
      resources = (await renderForTest(overlay)).resources;
      // The namespace exists before the overlay syncs (Argo CD creates it first); it carries the overlay's own labels.
      const ns = resources.find((r) => kindOf(r) === 'Namespace' && nameOf(r) === namespace);
      await plane.ensureNamespace(namespace, ns === undefined ? {} : stringMapAt(ns, 'metadata', 'labels'));
    });

    it('is accepted whole by kubectl apply --dry-run=server', async () => {
      // GIVEN the gated render  WHEN the API server dry-runs every object
      const res = await plane.kubectl(['apply', '--dry-run=server', '-f', '-'], list(resources));
      // THEN nothing is refused and every object is reported
      expect(errors(res.stderr)).toEqual([]);
      expect(res.code).toBe(0);
      const lines = res.stdout.trim().split('\n');
      expect(lines).toHaveLength(resources.length);
      // Each a dry-run create, except the namespace created before the sync.
      expect(lines.filter((l) => !/^\S+ created \(server dry run\)$/.test(l))).toEqual(
        resources.some((r) => kindOf(r) === 'Namespace') ? [`namespace/${namespace} configured (server dry run)`] : [],
      );
    });

    it('creates one Pod per pod template under the Pod Security level it must meet', async () => {
      // GIVEN one Pod per Deployment, StatefulSet and Job template, in a namespace enforcing its level
      const workloads = resources.filter(hasPodTemplate);
      expect(workloads.length).toBeGreaterThan(15);
      const byLevel = new Map<Level, string[]>();
      const refused: string[] = [];
      for (const workload of workloads) {
        const level = levelOf(workload, defaultLevel);
        byLevel.set(level, [...(byLevel.get(level) ?? []), nameOf(workload)]);
        if (level === 'baseline' && defaultLevel === 'restricted') {
          // An exception states its reason.
          expect(stringMapAt(workload, 'spec', 'template', 'metadata', 'annotations')[PSS_REASON], nameOf(workload)).toMatch(/\S{10,}/);
        }
        // WHEN the API server creates it (dry run)
        const res = await plane.kubectl(['create', '--dry-run=server', '-f', '-'], JSON.stringify(podFor(workload, `pss-${level}`)));
        if (res.code !== 0 || errors(res.stderr).length > 0) refused.push(`${kindOf(workload)}/${nameOf(workload)} under ${level}: ${res.stderr.trim()}`);
      }
      // THEN none is refused
      expect(refused).toEqual([]);
      if (defaultLevel === 'restricted') {
        // and restricted covers every st2 service whose image runs as non-root, the databases and etcd
        expect(byLevel.get('baseline')?.sort()).toEqual(['st2-apply-rbac-definitions', 'st2-register-content', 'st2actionrunner', 'st2client', 'st2web']);
      }
    }, 120_000);
  });

  it('enforces what it is asked to: the exceptions fail restricted, and a dropped capability rule is refused', async () => {
    const prod = (await renderForTest('overlays/prod')).resources;
    const runner = prod.find((r) => kindOf(r) === 'Deployment' && nameOf(r) === 'st2actionrunner');
    const api = prod.find((r) => kindOf(r) === 'Deployment' && nameOf(r) === 'st2api');
    expect(runner && api).toBeTruthy();
    // GIVEN st2actionrunner (a listed exception) under restricted
    const asRestricted = await plane.kubectl(['create', '--dry-run=server', '-f', '-'], JSON.stringify(podFor(runner ?? {}, 'pss-restricted')));
    // THEN it is refused: the exception is needed, not decorative
    expect(asRestricted.code).not.toBe(0);
    expect(asRestricted.stderr).toContain('violates PodSecurity "restricted:v1.34"');
    // GIVEN st2api without `capabilities.drop: [ALL]` on its container
    const pod = podFor(api ?? {}, 'pss-restricted');
    const spec = pod['spec'] as Record<string, unknown>;
    const containers = recordsAt(spec, 'containers').map((c) => ({ ...c, securityContext: { allowPrivilegeEscalation: false } }));
    const weakened = { ...pod, spec: { ...spec, containers } };
    const res = await plane.kubectl(['create', '--dry-run=server', '-f', '-'], JSON.stringify(weakened));
    // THEN restricted refuses it
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/unrestricted capabilities/);
  });

  it('refuses the seed\'s external-secrets.io/v1beta1 ExternalSecret', async () => {
    const prod = (await renderForTest('overlays/prod')).resources;
    const es = prod.find((r) => kindOf(r) === 'ExternalSecret');
    const res = await plane.kubectl(['apply', '--dry-run=server', '-f', '-'], JSON.stringify({ ...es, apiVersion: 'external-secrets.io/v1beta1' }));
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/no matches for kind "ExternalSecret" in version "external-secrets.io\/v1beta1"/);
  });
});
