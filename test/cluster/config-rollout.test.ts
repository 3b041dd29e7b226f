/**
 * §12 "Config rollouts": without a checksum annotation (or hash-suffixed generated
 * objects), a changed st2.conf reaches running pods only after a manual restart, and
 * subPath mounts never see Secret rotation. Source: Kubernetes docs (ConfigMaps: "mounted
 * ConfigMaps are updated automatically… A container using a ConfigMap as a subPath volume
 * will not receive ConfigMap updates"); the chart's `checksum/config` annotation
 * (stackstorm-k8s templates/deployments.yaml).
 *
 * Every pod that mounts the st2 configuration carries `st2-gitops/config-hash`, and the
 * value must equal the hash of what it mounts in this render: edit st2.docker.conf
 * without updating the hash and this test names the pods and the new value.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderForTest } from '../support/render.js';
import { allOverlays } from './cluster-shape.js';
import { CONFIG_HASH_ANNOTATION, expectedConfigHash } from './config-hash.js';
import { idOf, stringMapAt } from './manifest-guards.js';
import { hasPodTemplate, podSpecOf } from './workloads.js';

type Rendered = Awaited<ReturnType<typeof renderForTest>>;

describe.each(allOverlays)('%s: config changes roll the pods', (overlay) => {
  let rendered: Rendered;

  beforeAll(async () => {
    rendered = await renderForTest(overlay);
  });

  it('gives every long-running pod that mounts st2 config a current content hash', () => {
    // GIVEN every Deployment and StatefulSet pod template that mounts st2-config
    const stale: string[] = [];
    let checked = 0;
    for (const resource of rendered.resources) {
      if (!hasPodTemplate(resource) || resource['kind'] === 'Job') continue;
      const want = expectedConfigHash(podSpecOf(resource), rendered.resources);
      if (want === undefined) continue;
      checked += 1;
      // WHEN its annotation is compared with the hash of what it mounts
      const got = stringMapAt(resource, 'spec', 'template', 'metadata', 'annotations')[CONFIG_HASH_ANNOTATION];
      if (got !== want) stale.push(`${idOf(resource)}: ${CONFIG_HASH_ANNOTATION} is ${got ?? 'missing'}, expected ${want}`);
    }
    // THEN all 12 st2 backend Deployments were checked and none is stale
    expect(checked).toBe(12);
    expect(stale).toEqual([]);
  });

  it('changes the hash when st2.docker.conf changes', () => {
    // GIVEN the st2api pod spec and the render's st2-config
    const st2api = rendered.resources.find((r) => r['kind'] === 'Deployment' && idOf(r).endsWith('/st2api'));
    expect(st2api).toBeDefined();
    const spec = podSpecOf(st2api ?? {});
    const before = expectedConfigHash(spec, rendered.resources);
    // WHEN one line of st2.docker.conf changes
    const edited = rendered.resources.map((r) => {
      if (r['kind'] !== 'ConfigMap' || !idOf(r).endsWith('/st2-config')) return r;
      const data = stringMapAt(r, 'data');
      return { ...r, data: { ...data, 'st2.docker.conf': `${data['st2.docker.conf'] ?? ''}\n[api]\nlogging = x\n` } };
    });
    // THEN the expected hash differs, so the committed annotation would be stale
    expect(expectedConfigHash(spec, edited)).not.toBe(before);
  });
});
