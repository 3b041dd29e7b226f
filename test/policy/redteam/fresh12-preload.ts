/**
 * The tenth red team's `sup-ld-preload-configmap`, rewritten with variants and
 * look-alikes: a native library the dynamic loader preloads into every
 * process of an st2 container (LD_PRELOAD, or a mounted /etc/ld.so.preload)
 * shipped in a ConfigMap or Secret of the render is machine code from git
 * that no image build vouches for (ST2-SEC-030). A library the image holds
 * (jemalloc) and a ConfigMap of libraries nothing preloads pass.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { SPEC, FIRST, DEPLOY, type Json } from './targets.js';

/** The first bytes of an ELF shared object: not text, so kustomize and we put it in binaryData. */
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x3e, 0x00, 0xff, 0xfe]).toString('base64');

const libraries = (kind: 'ConfigMap' | 'Secret', name: string, files: Json): Json =>
  kind === 'ConfigMap' ? { apiVersion: 'v1', kind, metadata: { name }, binaryData: files } : { apiVersion: 'v1', kind, metadata: { name }, type: 'Opaque', data: files };

/** st2auth's, st2api's and the runners' first containers have no env list of their own: set one. */
const setEnv = (value: string): Json => ({ op: 'add', path: `${FIRST}/env`, value: [{ name: 'LD_PRELOAD', value }] });

const mounted = (component: string, kind: 'ConfigMap' | 'Secret', name: string, mountPath: string, preload: string | undefined): Patch => ({
  target: DEPLOY(component),
  ops: [
    { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'preload', ...(kind === 'ConfigMap' ? { configMap: { name } } : { secret: { secretName: name } }) } },
    { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'preload', mountPath, readOnly: true } },
    ...(preload === undefined ? [] : [setEnv(preload)]),
  ],
});

export function fresh12PreloadCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, wraps: Wrapped, rule: string | undefined, resources: Json[], patches: Patch[]): void => {
    cases.push(bodyCase(`f12p-${id}`, 'delivery', rule, { wraps, patches, resources }));
  };
  add('st2auth-configmap', 'prod', 'ST2-SEC-030', [libraries('ConfigMap', 'st2auth-audit', { 'libaudit.so': ELF })], [mounted('st2auth', 'ConfigMap', 'st2auth-audit', '/opt/preload', '/opt/preload/libaudit.so')]);
  add('runner-secret-colon-list', 'staging', 'ST2-SEC-030', [libraries('Secret', 'runner-hooks', { 'libhook.so': ELF })], [mounted('st2actionrunner', 'Secret', 'runner-hooks', '/opt/hooks', '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2:/opt/hooks/libhook.so')]);
  add('api-ld-so-preload-file', 'prod', 'ST2-SEC-030', [libraries('ConfigMap', 'st2api-loader', { 'ld.so.preload': Buffer.from('/opt/loader/libtap.so\n').toString('base64'), 'libtap.so': ELF })], [
    mounted('st2api', 'ConfigMap', 'st2api-loader', '/opt/loader', undefined),
    { target: DEPLOY('st2api'), ops: [{ op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'preload', mountPath: '/etc/ld.so.preload', subPath: 'ld.so.preload', readOnly: true } }] },
  ]);
  add('safe-jemalloc-from-image', 'prod', undefined, [], [{ target: DEPLOY('st2api'), ops: [setEnv('/usr/lib/x86_64-linux-gnu/libjemalloc.so.2')] }]);
  add('safe-libraries-not-preloaded', 'prod', undefined, [libraries('ConfigMap', 'st2auth-audit', { 'libaudit.so': ELF })], [mounted('st2auth', 'ConfigMap', 'st2auth-audit', '/opt/preload', undefined)]);
  add('dev-configmap-warns', 'dev', undefined, [libraries('ConfigMap', 'st2auth-audit', { 'libaudit.so': ELF })], [mounted('st2auth', 'ConfigMap', 'st2auth-audit', '/opt/preload', '/opt/preload/libaudit.so')]);
  return cases;
}
