/**
 * Who can read a container's HTTPS (the fifteenth red team), from its env
 * (literal, envFrom and valueFrom values: package-sources.ts packageEnv)
 * and its mounts, once per container beside its other env effects:
 *   - tls-intercept: an HTTPS proxy outside the cluster (HTTPS_PROXY or
 *     ALL_PROXY, either case) and a CA the pod supplies: REQUESTS_CA_BUNDLE,
 *     CURL_CA_BUNDLE, SSL_CERT_FILE or SSL_CERT_DIR naming a file of a volume,
 *     or a volume mounted over the system trust store (/etc/ssl, /etc/pki,
 *     /usr/lib/ssl, certifi's bundle). A proxy alone only tunnels (CONNECT:
 *     TLS stays end to end, it sees host names); a CA alone changes whom the
 *     container trusts, not who is on the path. Both together let whoever
 *     holds that CA's key (the render cannot tell who does) terminate every
 *     HTTPS call the container's processes make through the proxy;
 *   - tls-off: CURL_CA_BUNDLE="" with REQUESTS_CA_BUNDLE unset or empty:
 *     requests 2.25.1 (st2 3.8's fixed-requirements.txt) sets verify to
 *     `REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE` (sessions.py
 *     merge_environment_settings), so '' reaches HTTPAdapter.cert_verify as a
 *     falsy verify and urllib3 checks no certificate (fixed in requests 2.28.0,
 *     psf/requests 79c4a017). REQUESTS_CA_BUNDLE="" alone leaves verify None,
 *     then the session's True.
 * The policy (operations_egress_tls.rego) judges them in the containers that
 * run actions and sensors.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import { clusterHost, hostOf } from './send-programs.js';
import type { ContainerFiles } from './container-files.js';

export type TlsEffect =
  | { readonly effect: 'tls-intercept'; readonly variable: string; readonly host: string; readonly internal: boolean; readonly ca: string }
  | { readonly effect: 'tls-off'; readonly variable: string };

/** The proxies Python's requests and urllib, curl and git use for https:// URLs. */
const HTTPS_PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'];

/** Where requests (REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE), curl and OpenSSL's default paths (SSL_CERT_*) take their CAs. */
const CA_VARS = ['REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'SSL_CERT_FILE', 'SSL_CERT_DIR'];

/**
 * The system trust store (Debian/Ubuntu's /etc/ssl/certs and cert.pem, RHEL's /etc/pki, OpenSSL's
 * /usr/lib/ssl) and certifi's bundle (requests' default), or a directory above them; other
 * files under /etc/ssl (st2web's /etc/ssl/st2 certificate, private keys) are no CA.
 */
const TRUST_STORE = /^(?:\/etc\/ssl(?:\/certs(?:\/.*)?|\/cert\.pem)?|\/etc\/pki(?:\/tls(?:\/certs(?:\/.*)?|\/cert\.pem)?|\/ca-trust(?:\/.*)?)?|\/usr\/lib\/ssl(?:\/certs(?:\/.*)?|\/cert\.pem)?|\/.*\/certifi(?:\/.*)?)$/;

/** A path a pod volume (not an image volume) provides. */
function fromPod(files: ContainerFiles, path: string): boolean {
  return files.isMounted(path) && !isJsonObject(files.volumeAt(path)?.['image']);
}

/** The CA the pod supplies to the container: a variable naming a volume's file, or a volume over the trust store; '' for none. */
function podCa(container: JsonObject, env: ReadonlyMap<string, string>, files: () => ContainerFiles): string {
  for (const name of CA_VARS) {
    const value = (env.get(name) ?? '').trim();
    if (value.startsWith('/') && fromPod(files(), value)) return name;
  }
  const mounts: unknown[] = Array.isArray(container['volumeMounts']) ? container['volumeMounts'] : [];
  for (const m of mounts) {
    const path = isJsonObject(m) && typeof m['mountPath'] === 'string' ? m['mountPath'].replace(/\/+$/, '') : '';
    if (TRUST_STORE.test(path) && fromPod(files(), path)) return path;
  }
  return '';
}

/** A variable set without a value (`- name: CURL_CA_BUNDLE`): the kubelet sets it to ''. */
function emptyDeclared(container: JsonObject, name: string): boolean {
  const entries: unknown[] = Array.isArray(container['env']) ? container['env'] : [];
  return entries.some((e) => isJsonObject(e) && e['name'] === name && e['value'] === undefined && e['valueFrom'] === undefined);
}

function valueOf(container: JsonObject, env: ReadonlyMap<string, string>, name: string): string | undefined {
  return env.get(name) ?? (emptyDeclared(container, name) ? '' : undefined);
}

/** A container's TLS trust effects (none for a container that sets none of TLS_VARS and mounts nothing over the trust store). */
export function tlsEffects(container: JsonObject, env: ReadonlyMap<string, string>, files: () => ContainerFiles): TlsEffect[] {
  const out: TlsEffect[] = [];
  if (valueOf(container, env, 'CURL_CA_BUNDLE') === '' && (valueOf(container, env, 'REQUESTS_CA_BUNDLE') ?? '') === '') out.push({ effect: 'tls-off', variable: 'CURL_CA_BUNDLE' });
  const noProxy = env.get('NO_PROXY') ?? env.get('no_proxy') ?? '';
  if (noProxy.split(',').some((e) => e.trim() === '*')) return out;
  const set = HTTPS_PROXY_VARS.filter((v) => (env.get(v) ?? '').trim() !== '');
  const ca = set.length === 0 ? '' : podCa(container, env, files);
  if (ca === '') return out;
  for (const variable of set) {
    const value = (env.get(variable) ?? '').trim();
    const host = (hostOf(value) ?? value.split(/[:/]/)[0] ?? '').toLowerCase();
    out.push({ effect: 'tls-intercept', variable, host, internal: clusterHost(host), ca });
  }
  return out;
}
