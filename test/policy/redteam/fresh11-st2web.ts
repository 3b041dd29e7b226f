/**
 * The tenth red team's wiring cases around the datastore key and st2web
 * (test/attackers/red10: wl-crypto-key-split, st2web-api-url-wrong-port,
 * wl-st2web-*, ing-st2web-*), rewritten with variants and safe look-alikes:
 *
 * - a process mounting another datastore key than the others: values st2api
 *   encrypts cannot be decrypted there (ST2-HRD-014 `datastore-key-split`;
 *   a key is known by the remote value its ExternalSecret fetches);
 * - st2web without ST2WEB_HTTPS (http on 80 while everything uses 443) or
 *   without /etc/ssl/st2/st2.crt or st2.key (nginx stops) (ST2-HRD-018);
 * - an st2 URL on a port its Service lacks (ST2-OPS-049);
 * - an Ingress backend port the Service lacks, or plain HTTP to st2web's TLS
 *   port (ST2-OPS-050).
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase } from './case-body.js';
import { DEPLOY, patch, type Json } from './targets.js';

const ST2WEB = DEPLOY('st2web');
const URLS = { kind: 'ConfigMap', name: 'st2-urls' };
const INGRESS = { group: 'networking.k8s.io', kind: 'Ingress', name: 'st2web' };
const KEY_ES = { group: 'external-secrets.io', kind: 'ExternalSecret', name: 'st2-datastore-crypto-key' };
const PROTOCOL = '/metadata/annotations/nginx.ingress.kubernetes.io~1backend-protocol';
const BACKEND_PORT = '/spec/rules/0/http/paths/0/backend/service/port';

/** An ExternalSecret for a datastore key Secret, from a remote key of production's store. */
const keySecret = (name: string, remote: string): Json => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name },
  spec: {
    refreshInterval: '1h',
    secretStoreRef: { kind: 'ClusterSecretStore', name: 'st2-production' },
    target: { name, creationPolicy: 'Owner' },
    data: [{ secretKey: 'datastore_crypto_key', remoteRef: { key: remote, property: 'datastore_crypto_key' } }],
  },
});
const mountKey = (app: string, secretName: string): Patch => patch(DEPLOY(app), { op: 'replace', path: '/spec/template/spec/volumes/0/secret/secretName', value: secretName });

export function fresh11St2webCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, patches: Patch[], resources?: Json[]): void => {
    cases.push(bodyCase(`f11-web-${id}`, cls, rule, { patches, ...(resources ? { resources } : {}) }));
  };

  // --- One datastore key for every st2 process (ST2-HRD-014) ----------------------------------------------
  add('key-runners-own', 'st2-config', 'ST2-HRD-014', [mountKey('st2actionrunner', 'st2-key-runners')], [keySecret('st2-key-runners', 'stackstorm/st2-datastore-crypto-key-runners')]);
  add('key-workflows-own', 'st2-config', 'ST2-HRD-014', [mountKey('st2workflowengine', 'st2-key-wf')], [keySecret('st2-key-wf', 'stackstorm/st2-workflows-key')]);
  add('key-rules-old-item', 'st2-config', 'ST2-HRD-014', [
    patch(KEY_ES, { op: 'add', path: '/spec/data/-', value: { secretKey: 'previous_key', remoteRef: { key: 'stackstorm/st2-datastore-crypto-key-2025', property: 'datastore_crypto_key' } } }),
    patch(DEPLOY('st2rulesengine'), { op: 'replace', path: '/spec/template/spec/volumes/0/secret/items/0/key', value: 'previous_key' }),
  ]);
  // Safe: a second Secret filled from the same remote value is the same key.
  add('safe-key-copy-same-remote', 'st2-config', undefined, [mountKey('st2actionrunner', 'st2-key-runners')], [keySecret('st2-key-runners', 'stackstorm/st2-datastore-crypto-key')]);

  // --- st2web's HTTPS (ST2-HRD-018) and its upstream URLs (ST2-OPS-049) ---------------------------------------
  add('https-env-removed', 'never-runs', 'ST2-HRD-018', [patch(ST2WEB, { op: 'remove', path: '/spec/template/spec/containers/0/env' })]);
  add('https-env-replaced', 'never-runs', 'ST2-HRD-018', [patch(ST2WEB, { op: 'replace', path: '/spec/template/spec/containers/0/env', value: [{ name: 'TZ', value: 'UTC' }] })]);
  add('tls-item-pem', 'never-runs', 'ST2-HRD-018', [patch(ST2WEB, { op: 'replace', path: '/spec/template/spec/volumes/0/secret/items/0/path', value: 'st2.pem' })]);
  add('tls-key-item-renamed', 'never-runs', 'ST2-HRD-018', [patch(ST2WEB, { op: 'replace', path: '/spec/template/spec/volumes/0/secret/items/1/path', value: 'tls.key' })]);
  // Without items the files are the Secret's keys (ssl_certificate, ssl_certificate_key).
  add('tls-items-dropped', 'never-runs', 'ST2-HRD-018', [patch(ST2WEB, { op: 'remove', path: '/spec/template/spec/volumes/0/secret/items' })]);
  add('api-url-stream-port', 'never-runs', 'ST2-OPS-049', [patch(URLS, { op: 'replace', path: '/data/ST2_API_URL', value: 'http://st2api:9102/' })]);
  add('stream-url-api-port', 'never-runs', 'ST2-OPS-049', [patch(URLS, { op: 'replace', path: '/data/ST2_STREAM_URL', value: 'http://st2stream.st2-prod.svc:9101/' })]);
  add('auth-url-default-port', 'never-runs', 'ST2-OPS-049', [patch(URLS, { op: 'replace', path: '/data/ST2_AUTH_URL', value: 'http://st2auth/' })]);
  add('safe-https-from-configmap', 'never-runs', undefined, [patch(ST2WEB, { op: 'remove', path: '/spec/template/spec/containers/0/env' }), patch(URLS, { op: 'add', path: '/data/ST2WEB_HTTPS', value: '1' })]);
  add('safe-tls-extra-item', 'never-runs', undefined, [patch(ST2WEB, { op: 'add', path: '/spec/template/spec/volumes/0/secret/items/-', value: { key: 'ssl_certificate', path: 'chain.crt' } })]);
  add('safe-api-url-fqdn', 'never-runs', undefined, [patch(URLS, { op: 'replace', path: '/data/ST2_API_URL', value: 'http://st2api.st2-prod.svc.cluster.local:9101/' })]);

  // --- The Ingress to st2web (ST2-OPS-050) ----------------------------------------------------------------------
  add('ingress-port-80', 'never-runs', 'ST2-OPS-050', [patch(INGRESS, { op: 'replace', path: `${BACKEND_PORT}/number`, value: 80 })]);
  add('ingress-port-name-http', 'never-runs', 'ST2-OPS-050', [patch(INGRESS, { op: 'replace', path: BACKEND_PORT, value: { name: 'http' } })]);
  add('ingress-protocol-removed', 'never-runs', 'ST2-OPS-050', [patch(INGRESS, { op: 'remove', path: PROTOCOL })]);
  add('ingress-protocol-http', 'never-runs', 'ST2-OPS-050', [patch(INGRESS, { op: 'replace', path: PROTOCOL, value: 'HTTP' })]);
  add('safe-ingress-port-name', 'never-runs', undefined, [patch(INGRESS, { op: 'replace', path: BACKEND_PORT, value: { name: 'https' } })]);
  return cases;
}
