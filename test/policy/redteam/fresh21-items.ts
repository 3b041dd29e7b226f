/**
 * Volume items the kubelet cannot resolve (ST2-OPS-062): a configMap or secret volume, or a
 * projected volume's configMap or secret source, whose items name a key the source lacks. The
 * kubelet's MakePayload (pkg/volume/configmap/configmap.go, pkg/volume/secret/secret.go, called
 * per source by pkg/volume/projected/projected.go) fails the volume's SetUp, so the pod stays in
 * ContainerCreating. Judged where the key set is closed: a rendered ConfigMap or Secret, or an
 * ExternalSecret's data[].secretKey and template keys. Look-alikes: the right key, an optional
 * source (a missing key is skipped), an ExternalSecret whose dataFrom leaves its keys open.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import type { Json } from './targets.js';
import { DEPLOY, SPEC, add, patch, replace } from './targets.js';

const test = (path: string, value: unknown): Json => ({ op: 'test', path, value });

/** st2web's TLS volume (its only one) naming this key for the certificate. */
const webCertKey = (key: string): Patch =>
  patch(DEPLOY('st2web'), test(`${SPEC}/volumes/0/name`, 'st2web-tls-vol'), replace(`${SPEC}/volumes/0/secret/items/0/key`, key));

/** st2actionrunner's stanley SSH key volume, with these changes to its secret source. */
const runnerSshKey = (key: string, optional?: boolean): Patch =>
  patch(DEPLOY('st2actionrunner'), test(`${SPEC}/volumes/2/name`, 'st2-ssh-key-vol'), replace(`${SPEC}/volumes/2/secret/items/0/key`, key), ...(optional === undefined ? [] : [add(`${SPEC}/volumes/2/secret/optional`, optional)]));

/** st2api's datastore key volume, rewritten as a projected volume of the same Secret. */
const apiProjectedCryptoKey = (key: string): Patch =>
  patch(DEPLOY('st2api'), test(`${SPEC}/volumes/0/name`, 'st2-datastore-crypto-key-vol'), replace(`${SPEC}/volumes/0`, {
    name: 'st2-datastore-crypto-key-vol',
    projected: { sources: [{ secret: { name: 'st2-datastore-crypto-key', items: [{ key, path: 'datastore_key.json' }] } }] },
  }));

/** st2api's st2-config volume as a projected one listing st2.conf's keys, and one more. */
const apiProjectedConfig = (extra: Json): Patch =>
  patch(DEPLOY('st2api'), test(`${SPEC}/volumes/1/name`, 'st2-config-vol'), replace(`${SPEC}/volumes/1`, {
    name: 'st2-config-vol',
    projected: {
      sources: [
        { configMap: { name: 'st2-config', items: [{ key: 'st2.docker.conf', path: 'st2.docker.conf' }, { key: 'st2.user.conf', path: 'st2.user.conf' }] } },
        { configMap: { name: 'st2-config', ...extra } },
      ],
    },
  }));

export function fresh21ItemsCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add21 = (id: string, rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`fresh21-items-${id}`, 'never-runs', rule, { wraps, patches }));
  };
  const OPS62 = 'ST2-OPS-062';
  // kubernetes.io/tls key names for the chart's ExternalSecret, which writes ssl_certificate.
  add21('st2web-tls-item-tls-crt', OPS62, [webCertKey('tls.crt')]);
  add21('st2web-tls-item-tls-crt-staging', OPS62, [webCertKey('tls.crt')], 'staging');
  add21('runner-ssh-item-id-rsa', OPS62, [runnerSshKey('id_rsa')]);
  add21('api-projected-crypto-key-typo-staging', OPS62, [apiProjectedCryptoKey('datastore_key')], 'staging');
  add21('api-projected-config-missing-key', OPS62, [apiProjectedConfig({ items: [{ key: 'st2.prod.conf', path: 'st2.prod.conf' }] })]);
  add21('safe-api-projected-crypto-key', undefined, [apiProjectedCryptoKey('datastore_crypto_key')]);
  add21('safe-api-projected-config-optional-extra', undefined, [apiProjectedConfig({ items: [{ key: 'st2.prod.conf', path: 'st2.prod.conf' }], optional: true })], 'staging');
  // dataFrom may bring any key: the Secret's key set is not known from the render.
  add21('safe-runner-ssh-id-rsa-from-extract', undefined, [
    runnerSshKey('id_rsa'),
    patch({ kind: 'ExternalSecret', name: 'st2-ssh' }, add('/spec/dataFrom', [{ extract: { key: 'stackstorm/st2-ssh' } }])),
  ]);
  // A ConfigMap the namespace does not hold, as one projected source or one env value's ConfigMap
  // (a typo of st2-config): the kubelet never mounts the volume, or refuses the container.
  add21('api-projected-config-map-typo', OPS62, [apiProjectedConfig({ name: 'st2-configs' })]);
  add21('api-env-config-map-key-ref-typo-staging', OPS62, [patch(DEPLOY('st2api'), add('/spec/template/spec/containers/0/env', [{ name: 'ST2_CONF', valueFrom: { configMapKeyRef: { name: 'st2-confg', key: 'st2.user.conf' } } }]))], 'staging');
  add21('safe-api-env-config-map-key-ref', undefined, [patch(DEPLOY('st2api'), add('/spec/template/spec/containers/0/env', [{ name: 'ST2_CONF', valueFrom: { configMapKeyRef: { name: 'st2-config', key: 'st2.user.conf' } } }]))], 'staging');
  add21('safe-api-projected-kube-root-ca', undefined, [apiProjectedConfig({ name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] })]);
  return cases;
}
