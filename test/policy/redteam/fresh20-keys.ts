/**
 * References the kubelet cannot resolve (the twentieth attacker's i12, i34–i36; ST2-OPS-062): a
 * non-optional secretKeyRef to a key the Secret (rendered, or its ExternalSecret's closed key
 * set) lacks, and an envFrom or volume ConfigMap the namespace does not hold. The kubelet's
 * makeEnvironmentVariables (pkg/kubelet/kubelet_pods.go) fails the container with
 * CreateContainerConfigError; a missing configMap volume is never mounted. Look-alikes: the right
 * key, `optional: true`, the cluster's kube-root-ca.crt.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { DEPLOY, FIRST, SPEC, STS, add, patch, replace } from './targets.js';

const mongoKey = (key: string): Patch => patch(STS('mongodb'), { op: 'test', path: `${FIRST}/env/1/valueFrom/secretKeyRef/key`, value: 'password' }, replace(`${FIRST}/env/1/valueFrom/secretKeyRef/key`, key));
const apiEnvFrom = (ref: Record<string, unknown>): Patch => patch(DEPLOY('st2api'), replace(`${FIRST}/envFrom/0/configMapRef`, ref));
const apiVolume = (name: string): Patch =>
  patch(DEPLOY('st2api'), add(`${SPEC}/volumes/-`, { name: 'extra-ca', configMap: { name } }), add(`${FIRST}/volumeMounts/-`, { name: 'extra-ca', mountPath: '/etc/extra-ca', readOnly: true }));

export function fresh20KeysCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add20 = (id: string, rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f20k-${id}`, 'never-runs', rule, { wraps, patches }));
  };
  const OPS62 = 'ST2-OPS-062';
  add20('mongo-secret-key-missing', OPS62, [mongoKey('pass')]);
  add20('mongo-secret-key-missing-staging', OPS62, [mongoKey('passwd')], 'staging');
  add20('st2api-envfrom-configmap-typo', OPS62, [apiEnvFrom({ name: 'st2-url' })]);
  add20('st2api-envfrom-configmap-typo-staging', OPS62, [apiEnvFrom({ name: 'st2-url' })], 'staging');
  add20('st2api-configmap-volume-missing', OPS62, [apiVolume('corp-ca-bundle')]);
  add20('safe-mongo-secret-key-written-out', undefined, [mongoKey('password')]);
  add20('safe-st2api-envfrom-optional', undefined, [apiEnvFrom({ name: 'st2-url', optional: true })]);
  add20('safe-st2api-kube-root-ca-volume', undefined, [apiVolume('kube-root-ca.crt')]);
  return cases;
}
