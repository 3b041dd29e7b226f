/**
 * Where pip and git take packages from when env or files say so (package-sources.ts), and
 * libraries preloaded from volumes (egress-env.ts), read through collectCommandEffects.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectCommandEffects, type CommandEffect } from '../../src/policy/command-effects.js';

const SPEC = ['spec', 'template', 'spec'];
type Json = Record<string, unknown>;

const configMap = (name: string, data: Record<string, string>): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'st2-prod' }, data });
const runner = (container: Json, pod: Json = {}): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'st2actionrunner', namespace: 'st2-prod' },
  spec: { template: { spec: { containers: [{ name: 'r', image: 'stackstorm/st2actionrunner:3.8.1', command: ['/opt/stackstorm/st2/bin/st2actionrunner'], ...container }], ...pod } } },
});
const env = (vars: Record<string, string>): Json => ({ env: Object.entries(vars).map(([name, value]) => ({ name, value })) });
/** A ConfigMap "cfg" with one file, mounted at a path (by subPath when it is a file). */
const file = (mountPath: string, text: string, extra: Json = {}): Manifest[] => [
  configMap('cfg', { f: text }),
  runner({ ...extra, volumeMounts: [{ name: 'cfg', mountPath, subPath: 'f' }] }, { volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }] }),
];

function sources(...resources: Manifest[]): string[] {
  const effects: CommandEffect[] = collectCommandEffects(resources, new Map(resources.flatMap((r, i) => (r['kind'] === 'Deployment' ? [[i, [SPEC]] as const] : []))), 'st2-prod', new Date('2026-12-07T00:00:00Z'));
  return effects.flatMap((e) => (e.effect === 'install' ? [[e.source, e.problem, e.host, e.variable].filter((x) => x !== '').join(' ')] : e.effect === 'preload' ? [`preload ${e.file}`] : []));
}

describe('pip sources from env and config files', () => {
  it.each<[string, Manifest[], string[]]>([
    ['an extra index outside the cluster', [runner(env({ PIP_EXTRA_INDEX_URL: 'https://pypi.vendor.example.net/simple' }))], ['pip extra-index pypi.vendor.example.net PIP_EXTRA_INDEX_URL']],
    ['find-links to an outside page', [runner(env({ PIP_FIND_LINKS: 'https://wheels.vendor.example.net/' }))], ['pip extra-index wheels.vendor.example.net PIP_FIND_LINKS']],
    ['a replaced index (judged against settings by the policy)', [runner(env({ PIP_INDEX_URL: 'https://pypi.vendor.example.net/simple' }))], ['pip index pypi.vendor.example.net PIP_INDEX_URL']],
    ['an extra index from a ConfigMap by envFrom', [configMap('pipenv', { PIP_EXTRA_INDEX_URL: 'https://x.example.org/simple' }), runner({ envFrom: [{ configMapRef: { name: 'pipenv' } }] })], ['pip extra-index x.example.org PIP_EXTRA_INDEX_URL']],
    ['an extra index from a ConfigMap key', [configMap('pipenv', { u: 'https://x.example.org/simple' }), runner({ env: [{ name: 'PIP_EXTRA_INDEX_URL', valueFrom: { configMapKeyRef: { name: 'pipenv', key: 'u' } } }] })], ['pip extra-index x.example.org PIP_EXTRA_INDEX_URL']],
    ['/etc/pip.conf with index-url and trusted-host', file('/etc/pip.conf', '[global]\nindex-url = https://pypi.attacker.example.net/simple\ntrusted-host = pypi.attacker.example.net\n'), ['pip index pypi.attacker.example.net /etc/pip.conf', 'pip trusted-host pypi.attacker.example.net /etc/pip.conf']],
    ["a user's pip.conf, underscores, a continuation line", file('/root/.config/pip/pip.conf', '[install]\nextra_index_url =\n    https://a.example.org/simple\n    https://pypi.org/simple\n'), ['pip extra-index a.example.org /root/.config/pip/pip.conf']],
    ['PIP_CONFIG_FILE naming a mounted file', file('/cfg/settings.ini', '[global]\nfind-links = http://wheels.example.org/\n', env({ PIP_CONFIG_FILE: '/cfg/settings.ini' })), ['pip plain-http wheels.example.org /cfg/settings.ini']],
    ['an in-cluster mirror', [runner(env({ PIP_INDEX_URL: 'http://devpi.pypi-mirror.svc.cluster.local:3141/root/pypi/+simple/', PIP_EXTRA_INDEX_URL: 'https://devpi.pypi-mirror.svc:3141/x' }))], ['pip plain-http devpi.pypi-mirror.svc.cluster.local PIP_INDEX_URL']],
    ['PyPI and options that name no source', [runner(env({ PIP_INDEX_URL: 'https://pypi.org/simple', PIP_NO_CACHE_DIR: 'off', PIP_TIMEOUT: '60' }))], []],
    ['a pip.conf the container does not mount', [configMap('cfg', { f: '[global]\nextra-index-url = https://a.example.org/simple\n' }), runner({})], []],
  ])('%s', (_what, resources, expected) => {
    expect(sources(...resources)).toEqual(expected);
  });
});

describe('git sources from env and config files', () => {
  it.each<[string, Manifest[], string[]]>([
    ['GIT_CONFIG_COUNT rewriting github.com elsewhere', [runner(env({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'url.https://git.attacker.example.net/.insteadOf', GIT_CONFIG_VALUE_0: 'https://github.com/' }))], ['git redirect git.attacker.example.net GIT_CONFIG_VALUE_0']],
    ["GIT_CONFIG_PARAMETERS, today's form", [runner(env({ GIT_CONFIG_PARAMETERS: "'url.ssh://git@mirror.example.org/.insteadof'='https://github.com/'" }))], ['git redirect mirror.example.org GIT_CONFIG_PARAMETERS']],
    ["GIT_CONFIG_PARAMETERS, the older form", [runner(env({ GIT_CONFIG_PARAMETERS: "'core.askpass=' 'url.https://m.example.org/.insteadOf=https://github.com/'" }))], ['git redirect m.example.org GIT_CONFIG_PARAMETERS']],
    ['a mounted /etc/gitconfig', file('/etc/gitconfig', '[url "https://gh.example.org/mirror/"]\n\tinsteadOf = https://github.com/\n[http]\n\tsslVerify = false\n'), ['git redirect gh.example.org /etc/gitconfig', 'git tls-off /etc/gitconfig']],
    ['GIT_CONFIG_GLOBAL naming a mounted file', file('/cfg/git', '[url "https://gh.example.org/"]\n\tinsteadOf = https://github.com/\n', env({ GIT_CONFIG_GLOBAL: '/cfg/git' })), ['git redirect gh.example.org /cfg/git']],
    ['GIT_SSL_NO_VERIFY', [runner(env({ GIT_SSL_NO_VERIFY: '' }))], ['git tls-off GIT_SSL_NO_VERIFY']],
    ['the same host by another transport', [runner(env({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'url.https://github.com/.insteadOf', GIT_CONFIG_VALUE_0: 'git@github.com:' }))], []],
    ['a mirror in the cluster', file('/root/.gitconfig', '[url "http://gitea.git.svc.cluster.local:3000/mirror/"]\n\tinsteadOf = https://github.com/\n'), []],
    ['pushInsteadOf only moves pushes', file('/etc/gitconfig', '[url "https://push.example.org/"]\n\tpushInsteadOf = https://github.com/\n'), []],
    ['keys without GIT_CONFIG_COUNT are not read', [runner(env({ GIT_CONFIG_KEY_0: 'url.https://x.example.org/.insteadOf', GIT_CONFIG_VALUE_0: 'https://github.com/' }))], []],
  ])('%s', (_what, resources, expected) => {
    expect(sources(...resources)).toEqual(expected);
  });
});

describe('libraries preloaded from volumes', () => {
  const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0xff]).toString('base64');
  const preloading = (volume: Json, preload = '/hook/libhook.so', init: Json[] = []): Manifest =>
    runner({ ...env({ LD_PRELOAD: preload }), volumeMounts: [{ name: 'hook', mountPath: '/hook', readOnly: true }] }, { volumes: [{ name: 'hook', ...volume }], initContainers: init });
  const download = { name: 'get', image: 'curlimages/curl:8.8.0', command: ['curl', '-fsSLo', '/hook/libhook.so', 'https://cdn.example.net/libhook.so'], volumeMounts: [{ name: 'hook', mountPath: '/hook' }] };
  it.each<[string, Manifest[], string[]]>([
    ['an emptyDir an init container downloads into', [preloading({ emptyDir: {} }, '/hook/libhook.so', [download])], ['preload /hook/libhook.so']],
    ["the node's files", [preloading({ hostPath: { path: '/opt/hooks' } })], ['preload /hook/libhook.so']],
    ['a claim', [preloading({ persistentVolumeClaim: { claimName: 'hooks' } })], ['preload /hook/libhook.so']],
    ['a ConfigMap the render lacks', [preloading({ configMap: { name: 'elsewhere' } })], ['preload /hook/libhook.so']],
    ['a ConfigMap of the render', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'libs', namespace: 'st2-prod' }, binaryData: { 'libhook.so': ELF } }, preloading({ configMap: { name: 'libs' } })], ['preload /hook/libhook.so']],
    ['an image volume (read-only image content)', [preloading({ image: { reference: 'registry.example.org/hooks:1.0' } })], []],
    ['a library of the image beside a writable mount', [preloading({ emptyDir: {} }, '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2')], []],
    ['an /etc/ld.so.preload written at run time', [runner({ volumeMounts: [{ name: 'etc', mountPath: '/etc/ld.so.preload', subPath: 'ld.so.preload' }] }, { volumes: [{ name: 'etc', emptyDir: {} }] })], ['preload /etc/ld.so.preload']],
  ])('%s', (_what, resources, expected) => {
    expect(sources(...resources)).toEqual(expected);
  });
});
