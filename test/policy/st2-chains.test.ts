/**
 * Each st2 process's chain of config files (src/policy/st2-chains.ts): which
 * files it reads, in which order, through which mounts, and what the last
 * word on [rbac] enable/backend and [auth] enable is. The fact the policy
 * judges (ST2-HRD-005) and the texts it stops judging on their own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { collectPodUnits } from '../../src/policy/pod-templates.js';
import type { ChainFact } from '../../src/policy/st2-chain-fact.js';
import { collectChainFacts } from '../../src/policy/st2-chains.js';
import { storeNamespaces } from '../../src/policy/st2-store-namespaces.js';
import { osloBool, readSettings } from '../../src/policy/st2-config.js';
import { runnableText, runsUnresolvedProgram } from '../../src/policy/st2-scripts.js';
import { repoRoot } from './support.js';

const NS = 'st2';
const RBAC_ON = '[rbac]\nenable = True\nbackend = default\n';
const FILES = ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf'];

function configMap(name: string, data: Record<string, string>, kind = 'ConfigMap'): Manifest {
  return kind === 'Secret'
    ? { apiVersion: 'v1', kind, metadata: { name, namespace: NS }, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) }
    : { apiVersion: 'v1', kind, metadata: { name, namespace: NS }, data };
}

/** A Deployment with one container; subPath mounts of ConfigMap st2-config like the base's. */
function api(container: Record<string, unknown> = {}, volumes: unknown[] = []): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'st2api', namespace: NS },
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: 'st2api',
              image: 'stackstorm/st2api:3.8.1',
              command: ['/opt/stackstorm/st2/bin/st2api'],
              args: FILES,
              volumeMounts: [
                { name: 'cfg', mountPath: '/etc/st2/st2.docker.conf', subPath: 'st2.docker.conf' },
                { name: 'cfg', mountPath: '/etc/st2/st2.user.conf', subPath: 'st2.user.conf' },
              ],
              ...container,
            },
          ],
          volumes: [{ name: 'cfg', configMap: { name: 'st2-config' } }, ...volumes],
        },
      },
    },
  };
}

const cfg = (docker: string, user = '[api]\nallow_origin = *\n'): Manifest => configMap('st2-config', { 'st2.docker.conf': docker, 'st2.user.conf': user });

function facts(resources: Manifest[]): { chain: ChainFact | undefined; settled: string[] } {
  const { specPaths } = collectPodUnits(resources);
  const f = collectChainFacts(resources, specPaths, NS);
  const index = resources.findIndex((r) => r['kind'] === 'Deployment');
  return {
    chain: f.st2_chains[String(index)]?.[0],
    settled: f.st2_config_settled.map((s) => `${String(s.resource)}:${s.path.join('.')}:${s.section}`),
  };
}

const state = (resources: Manifest[]): string => {
  const c = facts(resources).chain;
  return c ? `rbac=${c.rbac} auth=${c.auth}` : 'none';
};

describe('readSettings: one file as oslo.config 1.12 reads it', () => {
  it.each([
    ['[rbac]\nenable = True\nbackend = default\n', { 'rbac.enable': 'True', 'rbac.backend': 'default' }],
    ['[RBAC]\r\nenable: "False"\r\n', { 'rbac.enable': 'False' }],
    ['[rbac]\renable = on\r', { 'rbac.enable': 'on' }],
    // An indented line continues the previous value: no assignment of its own.
    ['[rbac]\nbackend = default\n  enable = True\n', { 'rbac.backend': 'default\nenable = True' }],
    // Group names are taken as written (only lower-cased), keys as written.
    ['[ rbac ]\nenable = True\n[rbac]\nEnable = True\n', {}],
    ['[auth]\n# enable = False\n;enable = False\nenable = True\n', { 'auth.enable': 'True' }],
    ['[rbac]\nenable = True\nenable = False\n', { 'rbac.enable': 'False' }],
  ])('%j', (text, expected) => {
    // The other st2 options a file sets (`typed`) are st2-option-types.test.ts's.
    expect({ ...readSettings(text), typed: undefined }).toEqual(expected);
  });

  it('takes oslo booleans and nothing else', () => {
    expect(['true', 'Yes', 'ON', '1'].map(osloBool)).toEqual([true, true, true, true]);
    expect(['false', 'No', 'off', '0'].map(osloBool)).toEqual([false, false, false, false]);
    expect(['', 'enabled', 'True\nx', '$other', undefined].map(osloBool)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('the chain of one process', () => {
  it('the project overlays: every st2 API process has auth and RBAC on, and its config texts are settled', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      const docs = parseAllDocuments(readFileSync(path.join(repoRoot, 'test/golden', `${env}.yaml`), 'utf8')).map((d) => d.toJS() as Manifest);
      const { specPaths } = collectPodUnits(docs);
      const f = collectChainFacts(docs, specPaths, `st2-${env}`);
      for (const name of ['st2api', 'st2auth', 'st2stream']) {
        const index = docs.findIndex((d) => d['kind'] === 'Deployment' && (d['metadata'] as { name: string }).name === name);
        expect(f.st2_chains[String(index)]?.[0], `${env} ${name}`).toMatchObject({ rbac: 'on', auth: 'on' });
      }
      const settled = f.st2_config_settled.map((s) => `${s.path.join('.')}:${s.section}`);
      expect(settled).toEqual(expect.arrayContaining(['data.st2.docker.conf:rbac', 'data.st2.user.conf:rbac']));
      // staging and prod read st2.secrets.conf from the ExternalSecret's template.
      if (env !== 'dev') expect(settled).toContain('spec.target.template.data.st2.secrets.conf:rbac');
    }
  });

  it('RBAC is off when no file turns it on, noop when the backend is left at its default', () => {
    expect(state([cfg('[auth]\napi_url = http://st2api:9101/\n'), api()])).toBe('rbac=unset auth=on');
    expect(state([cfg('[rbac]\nenable = True\n'), api()])).toBe('rbac=noop auth=on');
    expect(state([cfg(RBAC_ON), api()])).toBe('rbac=on auth=on');
    expect(state([cfg(RBAC_ON), api({ args: ['--config-file=/etc/st2/st2.conf'] })])).toBe('rbac=unset auth=on');
  });

  it('the last file that says decides: False then True is on, True then False is off', () => {
    const fp = facts([cfg('[rbac]\nenable = False\nbackend = default\n[auth]\nenable = False\n', '[rbac]\nenable = True\n[auth]\nenable = True\n'), api()]);
    expect(fp.chain).toMatchObject({ rbac: 'on', auth: 'on' });
    // Timers stay on (st2's default) in both texts, so both are settled for [timersengine] too.
    expect(fp.settled).toEqual(['0:data.st2.docker.conf:auth', '0:data.st2.docker.conf:rbac', '0:data.st2.docker.conf:timersengine', '0:data.st2.user.conf:auth', '0:data.st2.user.conf:rbac', '0:data.st2.user.conf:timersengine']);
    const off = facts([cfg(RBAC_ON, '[rbac]\nenable = False\n'), api()]);
    expect(off.chain).toMatchObject({ rbac: 'off', rbac_file: '/etc/st2/st2.user.conf' });
    expect(off.settled.filter((s) => s.endsWith('rbac'))).toEqual([]);
  });

  it('a later file\'s url of a shared backend settles the texts for [coordination]; a later zake, template or empty url does not', () => {
    const coord = (url: string): string => `[coordination]\nurl = ${url}\n`;
    const of = (docker: string, user: string): string[] => facts([cfg(docker, user), api()]).settled.filter((s) => s.endsWith(':coordination'));
    expect(of(coord('zake://'), coord('etcd://etcd:2379'))).toEqual(['0:data.st2.docker.conf:coordination', '0:data.st2.user.conf:coordination']);
    expect(of(coord('file:///tmp/l'), coord('redis://redis:6379'))).toEqual(['0:data.st2.docker.conf:coordination', '0:data.st2.user.conf:coordination']);
    expect(of(coord('etcd://etcd:2379'), coord('zake://'))).toEqual([]);
    expect(of(coord('etcd://etcd:2379'), coord(''))).toEqual([]);
    expect(of(coord('zake://'), coord('{{ .url }}'))).toEqual([]);
  });

  it('no command or args runs the image CMD (its three files); only a command reads the default file, or $ST2_CONFIG_PATH', () => {
    expect(state([cfg(RBAC_ON), api({ command: undefined, args: undefined })])).toBe('rbac=on auth=on');
    expect(state([cfg(RBAC_ON), api({ args: undefined })])).toBe('rbac=unset auth=on');
    const env = [{ name: 'ST2_CONFIG_PATH', value: '/etc/st2/st2.docker.conf' }];
    expect(state([cfg(RBAC_ON), api({ args: undefined, env })])).toBe('rbac=on auth=unset');
    // Another image's own command and files are unknown.
    expect(state([cfg(RBAC_ON), api({ image: 'example.com/st2-all:1', command: undefined, args: undefined })])).toBe('rbac=unreadable auth=unreadable');
  });

  it('arguments as argparse and oslo take them: --config-file X, an abbreviation (default file first), $(VAR)', () => {
    expect(state([cfg(RBAC_ON), api({ args: ['--config-file', '/etc/st2/st2.docker.conf'] })])).toBe('rbac=on auth=unset');
    expect(state([cfg(RBAC_ON), api({ args: ['--config-f=/etc/st2/st2.docker.conf'] })])).toBe('rbac=on auth=on');
    expect(state([cfg(RBAC_ON), api({ args: ['--config-file=$(F)'], env: [{ name: 'F', value: '/etc/st2/st2.conf' }] })])).toBe('rbac=unset auth=on');
    expect(state([cfg(RBAC_ON), api({ args: ['--config-file=$(F)'] })])).toBe('rbac=unreadable auth=unreadable');
    expect(state([cfg(RBAC_ON), api({ args: ['--config-file=st2.conf'] })])).toBe('rbac=unreadable auth=unreadable');
  });

  it('--config-dir reads its *.conf sorted, at its place among the files', () => {
    const dir = configMap('confd', { '90-on.conf': RBAC_ON, '10-off.conf': '[rbac]\nenable = False\n', 'notes.txt': '[rbac]\nenable = False\n' });
    const mounts = { volumeMounts: [{ name: 'd', mountPath: '/etc/st2/conf.d' }] };
    expect(state([cfg(''), dir, api({ args: ['--config-dir=/etc/st2/conf.d'], ...mounts }, [{ name: 'd', configMap: { name: 'confd' } }])])).toBe('rbac=on auth=on');
    expect(state([cfg(''), dir, api({ args: ['--config-dir=/etc/st2/conf.d', '--config-file=/etc/st2/conf.d/10-off.conf'], ...mounts }, [{ name: 'd', configMap: { name: 'confd' } }])])).toBe('rbac=off auth=unset');
    // The image's /etc/st2 itself, with the files mounted into it.
    expect(state([cfg(RBAC_ON), api({ args: ['--config-dir=/etc/st2'] })])).toBe('rbac=on auth=on');
  });

  it('mounts: a directory with items paths, a projected volume, a Secret, a nested mount over its parent', () => {
    const items = [{ name: 'v', configMap: { name: 'st2-config', items: [{ key: 'st2.docker.conf', path: 'conf/a.conf' }] } }];
    expect(state([cfg(RBAC_ON), api({ args: ['--config-file=/opt/v/conf/a.conf'], volumeMounts: [{ name: 'v', mountPath: '/opt/v' }] }, items)])).toBe('rbac=on auth=unset');
    expect(state([cfg(RBAC_ON), api({ args: ['--config-file=/opt/v/conf/st2.docker.conf'], volumeMounts: [{ name: 'v', mountPath: '/opt/v' }] }, items)])).toBe('rbac=unset auth=unset');
    const projected = [{ name: 'p', projected: { sources: [{ secret: { name: 'rb' } }, { configMap: { name: 'st2-config' } }] } }];
    const secret = configMap('rb', { 'rbac.conf': RBAC_ON }, 'Secret');
    expect(state([cfg(''), secret, api({ args: [...FILES, '--config-file=/p/rbac.conf'], volumeMounts: [{ name: 'p', mountPath: '/p' }] }, projected)])).toBe('rbac=on auth=on');
    const nested = { volumeMounts: [{ name: 'cfg', mountPath: '/etc/st2' }, { name: 's', mountPath: '/etc/st2/st2.docker.conf', subPath: 'rbac.conf' }] };
    expect(state([cfg(''), secret, api({ ...nested, args: ['--config-file=/etc/st2/st2.docker.conf'] }, [{ name: 's', secret: { secretName: 'rb' } }])])).toBe('rbac=on auth=unset');
  });

  it('a file the gate cannot read after the last word leaves the option unknown; before it, nothing', () => {
    const extra = { name: 'x', emptyDir: {} };
    const mount = { name: 'x', mountPath: '/x' };
    const container = (args: string[]): Record<string, unknown> => ({ args, volumeMounts: [{ name: 'cfg', mountPath: '/etc/st2/st2.docker.conf', subPath: 'st2.docker.conf' }, mount] });
    expect(facts([cfg(RBAC_ON), api(container([...FILES, '--config-file=/x/z.conf']), [extra])]).chain).toMatchObject({ rbac: 'unreadable', rbac_file: '/x/z.conf: a emptyDir volume' });
    expect(state([cfg(RBAC_ON), api(container(['--config-file=/x/z.conf', ...FILES]), [extra])])).toBe('rbac=on auth=on');
    // A later file that says both again settles it.
    const late = configMap('late', { 'z.conf': RBAC_ON });
    expect(state([cfg(RBAC_ON), late, api({ ...container([...FILES, '--config-file=/x/z.conf', '--config-file=/l/z.conf']), volumeMounts: [mount, { name: 'l', mountPath: '/l' }] }, [extra, { name: 'l', configMap: { name: 'late' } }])])).toBe('rbac=on auth=unreadable');
    for (const volume of [{ csi: { driver: 'secrets-store.csi.k8s.io' } }, { secret: { secretName: 'not-rendered' } }, { persistentVolumeClaim: { claimName: 'c' } }, { downwardAPI: { items: [] } }]) {
      expect(state([cfg(RBAC_ON), api(container([...FILES, '--config-file=/x/z.conf']), [{ name: 'x', ...volume }])]), JSON.stringify(volume)).toBe('rbac=unreadable auth=unreadable');
    }
  });

  it('an ExternalSecret: its template is read, placeholders as values; store values and line-writing placeholders are not', () => {
    const es = (template: unknown): Manifest => ({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'es', namespace: NS }, spec: { target: { name: 'conf', ...(template === undefined ? {} : { template }) } } });
    const mounts = [{ name: 'cfg', mountPath: '/etc/st2/st2.docker.conf', subPath: 'st2.docker.conf' }, { name: 's', mountPath: '/s' }];
    const reading = (e: Manifest): string => state([cfg(RBAC_ON), e, api({ args: [...FILES, '--config-file=/s/s.conf'], volumeMounts: mounts }, [{ name: 's', secret: { secretName: 'conf' } }])]);
    expect(reading(es({ data: { 's.conf': '[database]\npassword = {{ .pw | urlquery }}\n' } }))).toBe('rbac=on auth=on');
    expect(reading(es({ data: { 's.conf': '[rbac]\nenable = {{ .rbac }}\n' } }))).toBe('rbac=off auth=on');
    expect(reading(es({ data: { 's.conf': '[database]\n{{ .extra }}\n' } }))).toBe('rbac=unreadable auth=unreadable');
    expect(reading(es({ data: { 's.conf': '[database]\npassword = {{ "x\\n[rbac]\\nenable = False" }}\n' } }))).toBe('rbac=unreadable auth=unreadable');
    expect(reading(es(undefined))).toBe('rbac=unreadable auth=unreadable');
    expect(reading(es({ data: { 's.conf': '[x]\n' }, mergePolicy: 'Merge' }))).toBe('rbac=unreadable auth=unreadable');
  });

  it('a shell script: each st2 command is a chain of its own, and a script that writes may rewrite the image files', () => {
    const script = (s: string): Record<string, unknown> => ({ command: ['sh', '-ec'], args: [s] });
    // The image's st2.conf is the last word on auth; the mounted st2.docker.conf turns RBAC on after it.
    // A script of st2 commands alone writes nothing first: the image's files are as shipped.
    expect(state([cfg(RBAC_ON), api(script(`exec st2api ${FILES.join(' ')}`))])).toBe('rbac=on auth=on');
    // Another command, a redirection or a command substitution may rewrite them.
    expect(state([cfg(RBAC_ON), api(script(`cp /tmp/x /etc/st2/st2.conf; exec st2api ${FILES.join(' ')}`))])).toBe('rbac=on auth=unreadable');
    expect(state([cfg(RBAC_ON), api(script(`exec st2api ${FILES.join(' ')} > /etc/st2/st2.conf`))])).toBe('rbac=on auth=unreadable');
    expect(state([cfg(RBAC_ON), api(script(`exec st2api $(echo ${FILES.join(' ')})`))])).toMatch(/auth=unreadable/);
    expect(state([cfg(RBAC_ON), api({ ...script(`exec st2api ${FILES.join(' ')}`), securityContext: { readOnlyRootFilesystem: true } })])).toBe('rbac=on auth=on');
    expect(state([cfg(RBAC_ON), api({ ...script(`st2stream & exec st2api ${FILES.join(' ')}`), securityContext: { readOnlyRootFilesystem: true } })])).toBe('rbac=unset auth=on');
  });
});

describe('secret masking: the last word on [api] and [log] mask_secrets (ST2-HRD-008)', () => {
  const masks = (resources: Manifest[]): string => {
    const c = facts(resources).chain;
    return c ? `api=${c.mask_api} log=${c.mask_log}` : 'none';
  };

  it('st2 defaults both to True: unset unless a file says; the last file decides; not a boolean is off', () => {
    expect(masks([cfg(RBAC_ON), api()])).toBe('api=unset log=unset');
    expect(masks([cfg(RBAC_ON, '[api]\nmask_secrets = False\n\n[log]\nmask_secrets = False\n'), api()])).toBe('api=off log=off');
    expect(masks([cfg('[log]\nmask_secrets = False\n', '[log]\nmask_secrets = True\n'), api()])).toBe('api=unset log=on');
    expect(masks([cfg('[api]\nmask_secrets = yes\n', '[api]\nmask_secrets = maybe\n'), api()])).toBe('api=off log=unset');
    const off = facts([cfg(RBAC_ON, '[api]\nmask_secrets = False\n'), api()]).chain;
    expect(off).toMatchObject({ mask_api: 'off', mask_api_file: '/etc/st2/st2.user.conf' });
  });

  it('a file the gate cannot read after the last word leaves it unknown', () => {
    const secretVol = [{ name: 'more', secret: { secretName: 'not-rendered' } }];
    const mounts = [
      { name: 'cfg', mountPath: '/etc/st2/st2.docker.conf', subPath: 'st2.docker.conf' },
      { name: 'more', mountPath: '/etc/st2/more.conf', subPath: 'more.conf' },
    ];
    expect(masks([cfg('[log]\nmask_secrets = True\n'), api({ args: [...FILES.slice(0, 2), '--config-file=/etc/st2/more.conf'], volumeMounts: mounts }, secretVol)])).toBe('api=unreadable log=unreadable');
  });
});

describe('a mounted start script (st2-scripts.ts)', () => {
  const scripts = (resources: Manifest[]): string[] => {
    const { specPaths } = collectPodUnits(resources);
    const f = collectChainFacts(resources, specPaths, NS);
    return Object.values(f.st2_scripts).flatMap((list) => list.map((s) => s.text));
  };
  const runner = (command: string[], key = 'run.sh', text = 'exec /opt/stackstorm/st2/bin/st2timersengine --config-file=/etc/st2/st2.conf\n'): Manifest[] => [
    configMap('start', { [key]: text }),
    api({ image: 'stackstorm/st2actionrunner:3.8.1', command, args: undefined, volumeMounts: [{ name: 'start', mountPath: '/opt/start' }] }, [{ name: 'start', configMap: { name: 'start' } }]),
  ];

  it('follows sh FILE, python FILE, a file run directly and one named in sh -c, to its runnable text', () => {
    const timers = 'exec /opt/stackstorm/st2/bin/st2timersengine --config-file=/etc/st2/st2.conf';
    expect(scripts(runner(['sh', '/opt/start/run.sh']))).toEqual([timers]);
    expect(scripts(runner(['bash', '-e', '/opt/start/run.sh']))).toEqual([timers]);
    expect(scripts(runner(['/opt/start/run.sh']))).toEqual([timers]);
    expect(scripts(runner(['sh', '-c', 'set -e; . /opt/start/run.sh']))).toEqual([timers]);
    const py = "import runpy\nrunpy.run_path('/opt/stackstorm/st2/bin/st2garbagecollector')\n";
    expect(scripts(runner(['/opt/stackstorm/st2/bin/python', '/opt/start/gc.py'], 'gc.py', py))).toEqual(["import runpy\nrunpy.run_path('/opt/stackstorm/st2/bin/st2garbagecollector')"]);
  });

  it('reads nothing else: option values, config files, the image, a file the render lacks', () => {
    expect(scripts(runner(['/opt/stackstorm/st2/bin/st2api', '--config-file', '/opt/start/run.sh']))).toEqual([]);
    expect(scripts(runner(['sh', '/opt/other/run.sh']))).toEqual([]);
    expect(scripts(runner(['sh', '-c', 'cat /opt/start/run.sh']))).toEqual([]);
  });

  it('a script run by it is followed; its st2 commands read their own chains', () => {
    const resources: Manifest[] = [
      configMap('start', { 'run.sh': 'sh /opt/start/inner.sh\n', 'inner.sh': `exec st2api ${FILES.join(' ')}\n` }),
      cfg(RBAC_ON),
      api({ command: ['sh', '/opt/start/run.sh'], args: undefined, volumeMounts: [...((api().spec as { template: { spec: { containers: Array<{ volumeMounts: unknown[] }> } } }).template.spec.containers[0]?.volumeMounts ?? []), { name: 'start', mountPath: '/opt/start' }] }, [{ name: 'start', configMap: { name: 'start' } }]),
    ];
    // One text per container: every file it runs, in the order they run.
    expect(scripts(resources)).toEqual([`sh /opt/start/inner.sh\nexec st2api ${FILES.join(' ')}`]);
    // The image files may be rewritten by a script: auth's last word is the image's st2.conf.
    expect(state(resources)).toBe('rbac=on auth=unreadable');
  });
});

describe('runnableText', () => {
  it('drops comments, shebangs and lines that only print', () => {
    expect(runnableText('#!/bin/sh\n# st2timersengine is started elsewhere\necho "not starting st2timersengine"\nprintf "%s" st2sensorcontainer\nsleep 10 # st2garbagecollector\n')).toBe('sleep 10');
    expect(runnableText('print("st2timersengine")\nimport time\n')).toBe('import time');
    // A printing command beside one that runs something keeps the other.
    expect(runnableText('echo starting; exec /opt/stackstorm/st2/bin/st2timersengine && echo done\n')).toBe('exec /opt/stackstorm/st2/bin/st2timersengine');
  });
});

describe('runsUnresolvedProgram: a script whose program is named at run time', () => {
  it.each([
    ['exec /opt/stackstorm/st2/bin/$svc --config-file=/etc/st2/st2.conf', true],
    ['svc=x\nexec nohup "$cmd" &', true],
    ['exec /opt/stackstorm/st2/bin/python -m $MOD', true],
    ['`echo st2timersengine` --config-file=x', true],
    ['exec /opt/stackstorm/st2/bin/st2 execution list --limit "$limit"', false],
    ['limit=${LIMIT:-50}\nexec /opt/stackstorm/st2/bin/st2api --config-file=$CONF', false],
  ])('%j: %s', (text, unresolved) => {
    expect(runsUnresolvedProgram(text)).toBe(unresolved);
  });
});

describe('storeNamespaces: the namespaces of the stores a chain ends with', () => {
  it('reads the last [messaging] url and [database] host by cluster DNS name, never returning a URL', () => {
    const prod = '[messaging]\nurl = amqp://admin:{{ .pw | urlquery }}@rabbitmq.st2-prod.svc:5672\n[database]\nhost = mongodb://mongodb-0.mongodb.st2-prod.svc:27017,mongodb-1.mongodb.st2-prod.svc.cluster.local:27017/?replicaSet=rs0\n';
    expect(storeNamespaces([prod], 'st2-canary')).toEqual(['st2-prod']);
    expect(storeNamespaces([prod], 'st2-prod')).toEqual([]);
    // A later file has the last word; short names and outside hosts name no other namespace.
    expect(storeNamespaces([prod, '[messaging]\nurl = amqp://u:p@rabbitmq:5672\n[database]\nhost = mongo.example.net\n'], 'st2-canary')).toEqual([]);
    expect(storeNamespaces(['[database]\nhost: mongodb.st2-staging\n'], 'st2-dev')).toEqual(['st2-staging']);
  });
});
