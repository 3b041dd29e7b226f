/**
 * Containers that write cluster objects (src/policy/cluster-writes.ts,
 * ST2-OPS-016): kubectl, helm and API-server writes from argv, lifecycle
 * hooks and mounted scripts; manifests applied from a mounted ConfigMap of
 * the render are handed on to be judged instead.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectClusterWrites } from '../../src/policy/cluster-writes.js';
import { collectPodUnits } from '../../src/policy/pod-templates.js';

function job(container: Manifest, volumes: Manifest[] = []): Manifest {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'st2-prod' }, spec: { template: { spec: { containers: [{ name: 'k', image: 'bitnamilegacy/kubectl:1.32.4', ...container }], volumes } } } };
}

function writes(resources: Manifest[]): ReturnType<typeof collectClusterWrites> {
  return collectClusterWrites(resources, collectPodUnits(resources).specPaths, 'st2-prod');
}

const verbs = (container: Manifest): string[] => (writes([job(container)]).writes['0'] ?? []).map((w) => `${w.tool} ${w.verb}`);

describe('cluster writes', () => {
  it.each([
    [['kubectl', '-n', 'st2-prod', 'scale', 'deployment/st2scheduler', '--replicas=0'], 'kubectl scale'],
    [['kubectl', 'patch', 'deploy', 'st2api', '-p', '{}'], 'kubectl patch'],
    [['kubectl', 'set', 'image', 'deployment/st2api', 'st2api=x'], 'kubectl set'],
    [['kubectl', 'rollout', 'undo', 'deployment/st2api'], 'kubectl rollout undo'],
    [['sh', '-ec', 'kubectl delete deploy st2timersengine'], 'kubectl delete'],
    [['kubectl', 'apply', '-f', 'https://example.invalid/x.yaml'], 'kubectl apply'],
    [['sh', '-c', 'cat x | kubectl apply -f -'], 'kubectl apply'],
    [['kubectl', 'apply', '-k', '/src'], 'kubectl apply'],
    [['kubectl', 'create', 'deployment', 'x', '--image=y'], 'kubectl create'],
    [['kubectl', 'expose', 'sts', 'mongodb', '--type=LoadBalancer'], 'kubectl expose'],
    [['helm', 'upgrade', '--install', 'a', 'b'], 'helm upgrade'],
    [['sh', '-c', 'curl -X PATCH https://kubernetes.default.svc/apis/apps/v1/namespaces/st2-prod/deployments/a/scale -d x'], 'curl PATCH'],
  ])('%j writes: %s', (command, verb) => {
    expect(verbs({ command })).toEqual([verb]);
  });

  it.each([
    [['kubectl', 'rollout', 'restart', 'deployment/st2api']],
    [['kubectl', 'rollout', 'status', 'deployment/st2api']],
    [['kubectl', 'get', 'pods', '-o', 'wide']],
    [['sh', '-ec', 'kubectl delete job -l app=x --field-selector status.successful=1']],
    [['kubectl', 'delete', 'pod', '-l', 'app=st2actionrunner']],
    [['kubectl', 'create', 'token', 'reader']],
    [['kubectl', 'port-forward', 'svc/x', '8080:80']],
  ])('%j writes nothing', (command) => {
    expect(verbs({ command })).toEqual([]);
  });

  it('reads args only on a kubectl image, and lifecycle hooks', () => {
    expect(verbs({ args: ['scale', 'sts/rabbitmq', '--replicas=1'] })).toEqual(['kubectl scale']);
    expect(verbs({ command: ['sleep', 'infinity'], lifecycle: { postStart: { exec: { command: ['kubectl', 'annotate', 'deploy/st2api', 'a=b'] } } } })).toEqual(['kubectl annotate']);
  });

  it('hands manifests applied from a mounted ConfigMap of the render on to be judged, in the -n namespace', () => {
    // GIVEN a ConfigMap with a manifest, mounted into a Job that applies its directory
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm', namespace: 'st2-prod' }, data: { 'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n' } };
    const j = job({ command: ['kubectl', 'apply', '-n', 'st2-prod', '-f', '/manifests/'], volumeMounts: [{ name: 'm', mountPath: '/manifests' }] }, [{ name: 'm', configMap: { name: 'm' } }]);
    const found = writes([cm, j]);
    // THEN nothing is reported, and the file is queued with its carrier and namespace
    expect(found.writes).toEqual({});
    expect(found.applied).toEqual([{ carrier: 0, key: 'a.yaml', field: 'data', text: cm.data['a.yaml'], namespace: 'st2-prod' }]);
    // AND a file the render does not hold is a write the gate never sees
    const missing = job({ command: ['kubectl', 'apply', '-f', '/manifests/'], volumeMounts: [{ name: 'm', mountPath: '/manifests' }] }, [{ name: 'm', configMap: { name: 'not-rendered' } }]);
    expect((writes([missing]).writes['0'] ?? []).map((w) => w.target)).toEqual(['-f /manifests/']);
  });

  it('reads a mounted script the container runs', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 's', namespace: 'st2-prod' }, data: { 'q.sh': '#!/bin/sh\n# kubectl scale in a comment is nothing\nkubectl scale deployment st2rulesengine --replicas=0\n' } };
    const j = job({ command: ['sh', '/ops/q.sh'], volumeMounts: [{ name: 's', mountPath: '/ops' }] }, [{ name: 's', configMap: { name: 's' } }]);
    expect((writes([cm, j]).writes['1'] ?? []).map((w) => `${w.verb} ${w.target}`)).toEqual(['scale deployment st2rulesengine']);
  });
});
