/**
 * What fills an emptyDir a loader reads (volume-fills.ts, ST2-SEC-030): the
 * images whose own files an init container copies in (the policy trusts
 * them when pinned and listed), the render's files a copy puts there, or a
 * writer nobody can read (a download, a script).
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectCommandEffects, type CommandEffect } from '../../src/policy/command-effects.js';

const SPEC = ['spec', 'template', 'spec'];
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0xff]).toString('base64');

type Json = Record<string, unknown>;

/** st2api with LD_LIBRARY_PATH=/opt/vendor/lib on the `libs` emptyDir, filled by these init containers. */
function pod(inits: Json[], reader: Json = {}, extra: Json[] = [], sidecars: Json[] = []): Manifest {
  const api = { name: 'st2api', image: 'stackstorm/st2api:3.8.1', command: ['/opt/stackstorm/st2/bin/st2api'], env: [{ name: 'LD_LIBRARY_PATH', value: '/opt/vendor/lib' }], volumeMounts: [{ name: 'libs', mountPath: '/opt/vendor/lib', readOnly: true }], ...reader };
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'st2-prod' }, spec: { template: { spec: { initContainers: inits, containers: [api, ...sidecars], volumes: [{ name: 'libs', emptyDir: {} }, { name: 'src', configMap: { name: 'libsrc' } }, ...extra] } } } };
}
const init = (image: string, command: string[], mounts: Json[] = []): Json => ({ name: 'copy-libs', image, command, volumeMounts: [{ name: 'libs', mountPath: '/shared' }, ...mounts] });
const libsrc: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'libsrc', namespace: 'st2-prod' }, binaryData: { 'libz.so.1': ELF } };

function loaded(...resources: Manifest[]): string[] {
  const effects: CommandEffect[] = collectCommandEffects(resources, new Map(resources.flatMap((r, i) => (r['kind'] === 'Job' ? [[i, [SPEC]] as const] : []))), 'st2-prod', new Date('2026-12-07T00:00:00Z'));
  return effects.flatMap((e) => (e.effect === 'preload' ? [`${e.file} ${e.images === undefined ? '-' : e.images.join(',')}`] : []));
}

describe('an emptyDir on LD_LIBRARY_PATH', () => {
  it.each<[string, Manifest[], string[]]>([
    ["copied out of the init container's image", [pod([init('registry.corp.example/st2/vendor-libs:1.4.2', ['sh', '-ec', 'mkdir -p /shared && cp -a /opt/vendor/lib/. /shared/'])])], ['/opt/vendor/lib registry.corp.example/st2/vendor-libs:1.4.2']],
    ['an argv cp, no shell', [pod([init('stackstorm/st2actionrunner:3.8.1', ['/bin/cp', '-aR', '/usr/lib/x86_64-linux-gnu/libz.so.1', '/shared/'])])], ['/opt/vendor/lib stackstorm/st2actionrunner:3.8.1']],
    ["copied out of an image volume", [pod([init('busybox:1.36.1', ['cp', '-a', '/img/lib/.', '/shared'], [{ name: 'img', mountPath: '/img' }])], {}, [{ name: 'img', image: { reference: 'registry.corp.example/libs:2.0' } }])], ['/opt/vendor/lib registry.corp.example/libs:2.0']],
    ['the reader mounts it writable and runs its own program', [pod([init('registry.corp.example/st2/vendor-libs:1.4.2', ['cp', '-a', '/opt/vendor/lib/.', '/shared/'])], { volumeMounts: [{ name: 'libs', mountPath: '/opt/vendor/lib' }] })], ['/opt/vendor/lib registry.corp.example/st2/vendor-libs:1.4.2,stackstorm/st2api:3.8.1']],
    // What the policy then judges: the images' pinning and publisher (a :latest one is denied there).
    ['an unpinned image: the fact still names it', [pod([init('someone/libs:latest', ['cp', '-a', '/lib/.', '/shared/'])])], ['/opt/vendor/lib someone/libs:latest']],
    ['downloaded by wget', [pod([init('busybox:1.36.1', ['wget', '-O', '/shared/libz.so.1', 'https://dl.example.net/libz.so.1'])])], ['/opt/vendor/lib -']],
    ['curl in a shell script beside a copy', [pod([init('busybox:1.36.1', ['sh', '-c', 'cp -a /opt/lib/. /shared/ && curl -so /shared/libssl.so.3 https://dl.example.net/l'])])], ['/opt/vendor/lib -']],
    ['a variable in the copy', [pod([init('busybox:1.36.1', ['sh', '-c', 'cp -a $SRC/. /shared/'])])], ['/opt/vendor/lib -']],
    ['a copy of a ConfigMap library', [libsrc, pod([init('busybox:1.36.1', ['cp', '/src/libz.so.1', '/shared/'], [{ name: 'src', mountPath: '/src' }])])], ['/opt/vendor/lib/libz.so.1 -']],
    ['a copy of a whole ConfigMap directory', [libsrc, pod([init('busybox:1.36.1', ['sh', '-c', 'cp -a /src/. /shared/'], [{ name: 'src', mountPath: '/src' }])])], ['/opt/vendor/lib/libz.so.1 -']],
    ['a writer mounting by subPath', [pod([{ ...init('busybox:1.36.1', ['true']), volumeMounts: [{ name: 'libs', mountPath: '/shared', subPath: 'x' }] }])], ['/opt/vendor/lib -']],
    ['a sidecar downloading with its own program', [pod([], {}, [], [{ name: 'dl', image: 'curlimages/curl:8.5.0', command: ['curl', '-o', '/shared/libz.so.1', 'https://dl.example.net/z'], volumeMounts: [{ name: 'libs', mountPath: '/shared' }] }])], ['/opt/vendor/lib -']],
  ])('%s', (_what, resources, expected) => {
    expect(loaded(...resources)).toEqual(expected);
  });

  it('nobody writes it: nothing loads', () => {
    expect(loaded(pod([]))).toEqual([]);
  });
});
