/**
 * The Pod Security Standards checks (k8s.io/pod-security-admission, policy
 * level "latest") a pod spec fails, by level: what the API server's
 * PodSecurity admission refuses when a namespace enforces that level. Each
 * failure is named by the upstream check id. Restricted includes baseline.
 *
 * Windows-only fields are judged as for Linux pods: st2 has no Windows pods.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';

// Baseline: added capabilities must be among the runtime's defaults.
const BASELINE_CAPS = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);
const RESTRICTED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret', 'image']);
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

const obj = (v: unknown): JsonObject => (isJsonObject(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function containers(spec: JsonObject): JsonObject[] {
  return ['initContainers', 'containers', 'ephemeralContainers'].flatMap((f) => list(spec[f]).filter(isJsonObject));
}

export interface PodSecurityFailures {
  readonly baseline: string[];
  readonly restricted: string[];
}

export function podSecurityFailures(spec: JsonObject, annotations: JsonObject): PodSecurityFailures {
  const baseline = new Set<string>();
  const restricted = new Set<string>();
  const podSc = obj(spec['securityContext']);
  const all = containers(spec);
  const scs = all.map((c) => obj(c['securityContext']));

  // --- baseline ---
  if (spec['hostNetwork'] === true || spec['hostPID'] === true || spec['hostIPC'] === true) baseline.add('hostNamespaces');
  if (scs.some((sc) => sc['privileged'] === true)) baseline.add('privileged');
  if (scs.some((sc) => list(obj(sc['capabilities'])['add']).some((c) => typeof c !== 'string' || !BASELINE_CAPS.has(c)))) baseline.add('capabilities_baseline');
  if (list(spec['volumes']).some((v) => isJsonObject(v) && v['hostPath'] !== undefined && v['hostPath'] !== null)) baseline.add('hostPathVolumes');
  if (all.some((c) => list(c['ports']).some((p) => isJsonObject(p) && typeof p['hostPort'] === 'number' && p['hostPort'] !== 0))) baseline.add('hostPorts');
  const hostProcess = [podSc, ...scs].some((sc) => obj(sc['windowsOptions'])['hostProcess'] === true);
  if (hostProcess) baseline.add('windowsHostProcess');
  const apparmorBad =
    Object.entries(annotations).some(([k, v]) => k.startsWith(APPARMOR_ANNOTATION) && typeof v === 'string' && v !== '' && v !== 'runtime/default' && !v.startsWith('localhost/')) ||
    [podSc, ...scs].some((sc) => obj(sc['appArmorProfile'])['type'] === 'Unconfined');
  if (apparmorBad) baseline.add('appArmorProfile');
  const selinuxBad = [podSc, ...scs].some((sc) => {
    const o = sc['seLinuxOptions'];
    if (!isJsonObject(o)) return false;
    const type = o['type'] ?? '';
    return (typeof type === 'string' && !SELINUX_TYPES.has(type)) || (o['user'] ?? '') !== '' || (o['role'] ?? '') !== '';
  });
  if (selinuxBad) baseline.add('seLinuxOptions');
  if (scs.some((sc) => sc['procMount'] !== undefined && sc['procMount'] !== 'Default')) baseline.add('procMount');
  if ([podSc, ...scs].some((sc) => obj(sc['seccompProfile'])['type'] === 'Unconfined')) baseline.add('seccompProfile_baseline');
  if (list(podSc['sysctls']).some((s) => !isJsonObject(s) || typeof s['name'] !== 'string' || !SAFE_SYSCTLS.has(s['name']))) baseline.add('sysctls');

  // --- restricted (on top of baseline) ---
  if (list(spec['volumes']).some((v) => isJsonObject(v) && !Object.keys(v).some((k) => k !== 'name' && RESTRICTED_VOLUMES.has(k)))) restricted.add('restrictedVolumes');
  if (scs.some((sc) => sc['allowPrivilegeEscalation'] !== false)) restricted.add('allowPrivilegeEscalation');
  // runAsNonRoot: the pod's true covers containers that do not say false; otherwise each must say true.
  const podNonRoot = podSc['runAsNonRoot'];
  if (podNonRoot === false || scs.some((sc) => sc['runAsNonRoot'] === false || (sc['runAsNonRoot'] !== true && podNonRoot !== true))) restricted.add('runAsNonRoot');
  if ([podSc, ...scs].some((sc) => sc['runAsUser'] === 0)) restricted.add('runAsUser');
  const seccompOk = (sc: JsonObject): boolean => ['RuntimeDefault', 'Localhost'].includes(String(obj(sc['seccompProfile'])['type']));
  const podSeccomp = obj(podSc['seccompProfile'])['type'];
  if (podSeccomp === 'Unconfined' || scs.some((sc) => !seccompOk(sc) && (obj(sc['seccompProfile'])['type'] !== undefined || !seccompOk(podSc)))) restricted.add('seccompProfile_restricted');
  const capsBad = scs.some((sc) => {
    const caps = obj(sc['capabilities']);
    const drops = list(caps['drop']);
    return !drops.includes('ALL') || list(caps['add']).some((c) => c !== 'NET_BIND_SERVICE');
  });
  if (capsBad) restricted.add('capabilities_restricted');

  const base = [...baseline].sort();
  return { baseline: base, restricted: [...new Set([...base, ...restricted])].sort() };
}
