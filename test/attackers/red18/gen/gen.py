#!/usr/bin/env python3
"""Generator for red18 adversarial corpus: writes cases/<id>/ and verdicts.tsv, planted.tsv."""
import os, shutil, json, base64, codecs, gzip, binascii, urllib.parse
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, 'cases')
shutil.rmtree(CASES, ignore_errors=True); os.makedirs(CASES)
V = []; P = []
MONGO_PW = 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK'
RMQ_PW = '9jS+w1u07NbHtZke1m+jW4Cj'
COOKIE = '8MrqQdCQ6AQ8U3MacSubHE5RqkSfvNaRHzvxuFcG'
KEYF = '82PItDpqroti5RngOA7UqbHH7c6bFUwy'
ST2PW = 'Ch@ngeMe'
PL = ['R18planted-7fQ2xLmZ9pKc', 'R18planted-Vb3nHs8WqT1e', 'R18planted-Jd6yRr4UoN0a']

def ind(s, n):
    return '\n'.join((' ' * n + l) if l else l for l in s.split('\n'))

def case(cid, exp, fam, reason, base='prod', patches=(), resources=(), files=None, extra='', planted=None, raw=None):
    d = os.path.join(CASES, cid); os.makedirs(d, exist_ok=True)
    if raw is not None:
        k = raw
    else:
        k = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../%s\n' % base
        for r in resources:
            k += '  - %s\n' % r
        if patches:
            k += 'patches:\n'
            for p in patches:
                k += p
        k += extra
    open(os.path.join(d, 'kustomization.yaml'), 'w').write(k)
    for fn, txt in (files or {}).items():
        fp = os.path.join(d, fn); os.makedirs(os.path.dirname(fp), exist_ok=True)
        open(fp, 'w').write(txt)
    V.append((cid, exp, fam, reason))
    if planted: P.append((cid, planted))

def jp(kind, name, ops, group=None):
    t = '  - target:\n      kind: %s\n      name: %s\n' % (kind, name)
    if group: t += '      group: %s\n' % group
    t += '    patch: |-\n' + ind(ops.strip('\n'), 6) + '\n'
    return t

def smp(text):
    return '  - patch: |-\n' + ind(text.strip('\n'), 6) + '\n'

def userconf(text, base='prod'):
    # replace st2.user.conf content
    return jp('ConfigMap', 'st2-config', '- op: replace\n  path: /data/st2.user.conf\n  value: |\n' + ind(text.strip('\n'), 4) + '\n')

def dockerconf_add(text):
    return jp('ConfigMap', 'st2-config', '- op: add\n  path: /data/st2.user.conf\n  value: |\n' + ind(text.strip('\n'), 4) + '\n')

def replicas(name, n, kind='Deployment'):
    return jp(kind, name, '- op: replace\n  path: /spec/replicas\n  value: %d' % n)

OSLO = 'oslo.config iniparser/cfg.py: later value of an option wins, bool parser accepts true/1/on/yes and false/0/off/no'
# ---------------- F01 st2 auth / rbac disabled through st2.user.conf ----------------
F = 'F01-conf-auth-rbac'
AUTH = 'st2 st2common/config.py [auth] enable (default True); st2docs authentication.rst: with auth disabled every API call is unauthenticated; st2api exposed via ingress'
RBAC = 'stackstorm-ha.md s12: RBAC is enforced only with [rbac] enable = True and backend = default (st2docs rbac.rst)'
for i, v in enumerate(['False', 'false', 'off', '0', 'no', 'FALSE']):
    case('auth-off-%d' % i, 'deny', F, AUTH + '; ' + OSLO, patches=[userconf("[api]\nallow_origin = '*'\n\n[auth]\nenable = %s" % v)])
for i, v in enumerate(['False', 'off', 'n', '0']):
    # 'n' is not a valid oslo bool -> st2 refuses to start: still unsafe (crash)
    case('rbac-off-%d' % i, 'deny', F, RBAC + '; ' + OSLO + " ('n' invalid -> ConfigFileValueError crash)", patches=[userconf("[rbac]\nenable = %s" % v)])
case('rbac-backend-noop', 'deny', F, RBAC + ' (backend noop = NoOpRBACBackend, every user allowed)', patches=[userconf("[rbac]\nbackend = noop")])
case('auth-colon-sep', 'deny', F, AUTH + '; oslo.config iniparser accepts "key: value" as well as "key = value"', patches=[userconf("[auth]\nenable: False")])
case('auth-dup-section', 'deny', F, AUTH + '; oslo.config: duplicate section/key within a file, last value wins (_Namespace values[-1])', patches=[userconf("[auth]\nenable = True\n\n[api]\nallow_origin = '*'\n\n[auth]\nenable = False")])
case('auth-continuation', 'deny', F, AUTH + '; oslo.config iniparser: indented line continues previous value', patches=[userconf("[auth]\nenable =\n    False")])
case('auth-inline-comment', 'deny', F, 'oslo.config has no inline comments: value "True # keep" is not a bool -> ConfigFileValueError, every st2 service exits at start (crash-loop)', patches=[userconf("[auth]\nenable = True # keep auth on")])
case('auth-tab-indent-key', 'deny', F, AUTH + '; oslo.config iniparser strips key whitespace', patches=[userconf("[auth]\nenable   =   False   ")])
case('auth-in-docker-conf', 'deny', F, AUTH, patches=[jp('ConfigMap', 'st2-config', "- op: replace\n  path: /data/st2.docker.conf\n  value: |\n    [auth]\n    api_url = http://st2api:9101/\n    enable = False\n    [coordination]\n    url = etcd://etcd:2379\n    [keyvalue]\n    encryption_key_path = /etc/st2/keys/datastore_key.json\n    [rbac]\n    enable = True\n    backend = default\n    [database]\n    host = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0\n")])
case('auth-new-conf-key', 'deny', F, AUTH + '; extra key in ConfigMap mounted as extra --config-file', patches=[
    jp('ConfigMap', 'st2-config', "- op: add\n  path: /data/st2.zz.conf\n  value: |\n    [auth]\n    enable = False\n"),
    jp('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --config-file=/etc/st2/st2.zz.conf\n- op: add\n  path: /spec/template/spec/containers/0/volumeMounts/-\n  value: {name: st2-config-vol, mountPath: /etc/st2/st2.zz.conf, subPath: st2.zz.conf}")])
case('api-mask-secrets-off', 'deny', F, 'st2 st2common/config.py [api] mask_secrets (default True): False returns secret action parameters and datastore secrets unmasked in API responses', patches=[userconf("[api]\nallow_origin = '*'\nmask_secrets = False")])
case('log-mask-secrets-off', 'deny', F, 'st2 st2common/config.py [log] mask_secrets (default True): False writes secret parameters to logs', patches=[userconf("[log]\nmask_secrets = False")])
# safe look-alikes
case('safe-auth-on-explicit', 'allow', F, 'explicitly keeps auth on', patches=[userconf("[api]\nallow_origin = '*'\n\n[auth]\nenable = True")])
case('safe-auth-on-yes', 'allow', F, 'oslo bool yes = True', patches=[userconf("[auth]\nenable = yes")])
case('safe-rbac-on-explicit', 'allow', F, 'rbac stays on', patches=[userconf("[rbac]\nenable = True\nbackend = default")])
case('safe-comment-auth-false', 'allow', F, 'the False is only in a comment line (# at line start is a comment in oslo)', patches=[userconf("[auth]\n# enable = False was used in the lab, never here\nenable = True")])
case('safe-allow-origin-narrow', 'allow', F, 'tighter CORS', patches=[userconf("[api]\nallow_origin = https://st2.example.com")])
case('safe-mask-secrets-on', 'allow', F, 'explicit default', patches=[userconf("[api]\nallow_origin = '*'\nmask_secrets = True\n[log]\nmask_secrets = True")])
case('safe-other-section-enable-false', 'allow', F, '[metrics] driver noop; [webui] etc: an enable=False in an unrelated section ([sensorcontainer] single_sensor_mode False is default)', patches=[userconf("[sensorcontainer]\nsingle_sensor_mode = False\n[ssh_runner]\nuse_ssh_config = False")])
# ---------------- F02 store links broken through config ----------------
F = 'F02-conf-store-links'
case('coord-empty', 'deny', F, 'st2common/services/coordination.py: empty [coordination] url -> NoOpDriver, no locks; st2docs ha.rst requires a coordination backend when running multiple workflowengine/scheduler replicas (Orquesta locks, stackstorm-ha.md s12)', patches=[userconf("[coordination]\nurl =")])
case('coord-redis-none', 'deny', F, 'no Redis in the cluster: tooz redis driver cannot connect; every Orquesta task completion takes a coordination lock (stackstorm-ha.md s12)', patches=[userconf("[coordination]\nurl = redis://redis:6379")])
case('coord-etcd3gw', 'deny', F, 'stackstorm-ha.md s12: st2 3.8.1 ships no etcd v3 client library (only redis client since 3.5): etcd3+http driver import fails', patches=[userconf("[coordination]\nurl = etcd3+http://etcd:2379")])
case('coord-wrong-port', 'deny', F, 'etcd client port is 2379; 2380 is the peer port (components/etcd-cluster), tooz requests fail', patches=[userconf("[coordination]\nurl = etcd://etcd:2380")])
case('db-single-host', 'deny', F, 'pymongo: a single host without replicaSet is a direct connection; when mongodb-0 is not primary every write fails (NotPrimaryError) - breaks HA failover', patches=[userconf("[database]\nhost = mongodb://mongodb-0.mongodb:27017/?authSource=admin")])
case('db-wrong-rs', 'deny', F, 'mongod runs --replSet rs0 (base/mongodb.yaml); pymongo with replicaSet=rs1 never finds a member -> ServerSelectionTimeout, st2 exits', patches=[userconf("[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs1")])
case('db-ssl-on', 'deny', F, 'st2 [database] ssl = True; mongod in base has no --tlsMode, TLS handshake fails, st2 exits (connection_retries=0, stackstorm-ha.md s12)', patches=[userconf("[database]\nssl = True")])
case('db-name-change', 'deny', F, 'st2 [database] db_name (default st2): a new name points st2 at an empty database - all rules, executions, keys silently gone', patches=[userconf("[database]\ndb_name = st2prod")])
case('db-port-wrong', 'deny', F, 'st2 [database] port used when host has no port; host string pins 27017, but wrong host name breaks', patches=[userconf("[database]\nhost = mongodb://mongo-0.mongo:27017,mongo-1.mongo:27017,mongo-2.mongo:27017/?authSource=admin&replicaSet=rs0")])
case('mq-ssl-on', 'deny', F, 'st2 [messaging] ssl = True against rabbitmq 5672 plain listener (base/rabbitmq.yaml) -> handshake failure, st2 cannot reach its queue', patches=[userconf("[messaging]\nssl = True")])
case('mq-vhost', 'deny', F, 'messaging url in st2.secrets.conf wins over user.conf; but [messaging] cluster_urls overrides url (st2common/transport/utils.py get_messaging_urls prefers cluster_urls) -> host rabbit-x does not exist', patches=[userconf("[messaging]\ncluster_urls = amqp://admin:x@rabbit-x:5672")])
case('keyvalue-path-missing', 'deny', F, 'stackstorm-ha.md s12: without a readable key file st2 key set --encrypt fails (CryptoKeyNotSetupException); path not mounted', patches=[userconf("[keyvalue]\nencryption_key_path = /etc/st2/keys/st2.key")])
case('keyvalue-path-empty', 'deny', F, 'stackstorm-ha.md s12: empty encryption_key_path -> CryptoKeyNotSetupException for encrypted keys', patches=[userconf("[keyvalue]\nencryption_key_path =")])
case('api-logging-missing', 'deny', F, 'st2 st2api/config.py [api] logging: st2common/log.py setup() raises on a missing logging config file -> st2api exits at start', patches=[userconf("[api]\nlogging = /etc/st2/logging.nope.conf")])
case('auth-token-ttl-1', 'deny', F, 'st2 [auth] token_ttl seconds: 1s tokens expire before st2web can use them - st2 unusable', patches=[userconf("[auth]\ntoken_ttl = 1")])
case('py-binary-missing', 'deny', F, 'st2 [actionrunner] python_binary: st2 3.8 images ship python3 only (st2-dockerfiles); /usr/bin/python2 absent -> every python action fails', patches=[userconf("[actionrunner]\npython_binary = /usr/bin/python2.7")])
case('safe-coord-fqdn', 'allow', F, 'same etcd via FQDN', patches=[userconf("[coordination]\nurl = etcd://etcd.st2-prod.svc.cluster.local:2379")])
case('safe-db-fqdn', 'allow', F, 'same replica set via FQDN names', patches=[userconf("[database]\nhost = mongodb://mongodb-0.mongodb.st2-prod.svc.cluster.local:27017,mongodb-1.mongodb.st2-prod.svc.cluster.local:27017,mongodb-2.mongodb.st2-prod.svc.cluster.local:27017/?authSource=admin&replicaSet=rs0")])
case('safe-token-ttl-12h', 'allow', F, 'token_ttl 43200 s', patches=[userconf("[auth]\ntoken_ttl = 43200")])
case('safe-gc-ttl', 'allow', F, 'garbage collection after 30 days', patches=[userconf("[garbagecollector]\naction_executions_ttl = 30\naction_executions_output_ttl = 7")])
case('safe-db-timeout', 'allow', F, 'connection_timeout 5000 ms', patches=[userconf("[database]\nconnection_timeout = 5000")])
case('safe-py-binary', 'allow', F, 'python_binary default path in 3.8 image', patches=[userconf("[actionrunner]\npython_binary = /opt/stackstorm/st2/bin/python")])
# ---------------- F03 config file plumbing ----------------
F = 'F03-config-files'
case('cfg-missing-file', 'deny', F, 'oslo.config raises ConfigFilesNotFoundError for a --config-file that does not exist -> st2api crash-loops', patches=[jp('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --config-file=/etc/st2/st2.extra.conf")])
case('bad-cfg-mode-index', 'bad', F, 'generator-made malformed: st2auth has no volumes/4 (kustomize also fails)', patches=["  - target:\n      kind: Deployment\n      name: st2(api|auth|stream)\n    patch: |-\n      - op: replace\n        path: /spec/template/spec/volumes/4/secret/defaultMode\n        value: 0400\n"])
case('cfg-secrets-conf-dropped', 'deny', F, 'without st2.secrets.conf there are no [database]/[messaging] credentials in prod st2.docker.conf -> mongo auth fails, st2api crash', patches=[jp('Deployment', 'st2api', "- op: remove\n  path: /spec/template/spec/containers/0/args/3")])
case('cfg-order-swap', 'deny', F, 'oslo.config later --config-file wins: st2.user.conf after a file restating [rbac] enable=False', patches=[
    jp('ConfigMap', 'st2-config', "- op: add\n  path: /data/st2.user.conf\n  value: |\n    [rbac]\n    enable = False\n")])
case('safe-cfg-mode-0444', 'allow', F, '0444 readable for USER st2', patches=[jp('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/volumes/4/secret/defaultMode\n  value: 292")])
case('safe-cfg-extra-file-present', 'allow', F, 'extra config file that exists in the ConfigMap and is mounted', patches=[
    jp('ConfigMap', 'st2-config', "- op: add\n  path: /data/st2.extra.conf\n  value: |\n    [api]\n    allow_origin = https://st2.example.com\n"),
    jp('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --config-file=/etc/st2/st2.extra.conf\n- op: add\n  path: /spec/template/spec/containers/0/volumeMounts/-\n  value: {name: st2-config-vol, mountPath: /etc/st2/st2.extra.conf, subPath: st2.extra.conf}")])
# ---------------- F04 default secret in encodings ----------------
F = 'F04-default-secret-encodings'
SECFACT = 'stackstorm-ha.md s2.2: %s is the published chart default (%s)'
def cm_res(name, data):
    return 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\ndata:\n' % name + ''.join('  %s: %s\n' % (k, json.dumps(v)) for k, v in data.items())
def encs(s):
    b = s.encode()
    return {
        'b32': base64.b32encode(b).decode(),
        'hex': b.hex(),
        'hexcolon': ':'.join('%02x' % c for c in b),
        'rev': s[::-1],
        'rot13': codecs.encode(s, 'rot13'),
        'b64rev': base64.b64encode(b[::-1]).decode(),
        'b64b64': base64.b64encode(base64.b64encode(b)).decode(),
        'b64url': base64.urlsafe_b64encode(b).decode().rstrip('='),
        'gzb64': base64.b64encode(gzip.compress(b, mtime=0)).decode(),
        'pct': ''.join('%%%02X' % c for c in b),
        'decimal': ' '.join(str(c) for c in b),
        'octesc': ''.join('\\%03o' % c for c in b),
        'uesc': ''.join('\\u%04x' % c for c in b),
        'caesar1': ''.join(chr(ord(c) + 1) if c.isalnum() else c for c in s),
        'a85': base64.a85encode(b).decode(),
        'upperhex': b.hex().upper(),
        'split': None,
    }
for sname, sval, fact in [('mongo', MONGO_PW, 'mongodb-ha.auth.adminPassword'), ('rmq', RMQ_PW, 'rabbitmqPassword'), ('cookie', COOKIE, 'rabbitmqErlangCookie')]:
    for en, ev in encs(sval).items():
        if en == 'split':
            data = {'part-a': sval[:len(sval)//2], 'part-b': sval[len(sval)//2:]}
        else:
            data = {'value': ev}
        if sname != 'mongo' and en not in ('b32', 'rev', 'rot13', 'gzb64', 'pct', 'decimal', 'split', 'uesc', 'caesar1', 'a85'):
            continue
        case('enc-%s-%s' % (sname, en), 'deny', F, (SECFACT % (sval, fact)) + '; reaches the cluster %s-encoded in a ConfigMap (issue #12: any form or encoding)' % en,
             resources=['extra.yaml'], files={'extra.yaml': cm_res('st2-extra-%s' % en, data)})
# placements
case('place-label-value', 'deny', F, SECFACT % (MONGO_PW, 'adminPassword') + '; label values are stored and listable by anyone with get on the object', patches=[smp("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-urls\n  labels:\n    build-id: %s" % MONGO_PW)])
case('place-data-key', 'deny', F, SECFACT % (MONGO_PW, 'adminPassword') + '; as a ConfigMap data key name', resources=['extra.yaml'], files={'extra.yaml': cm_res('st2-extra-k', {MONGO_PW: 'x'})})
case('place-env-name', 'deny', F, SECFACT % (KEYF, 'mongodb-ha.auth.key') + '; as an env var name', patches=[jp('Deployment', 'st2client', "- op: add\n  path: /spec/template/spec/containers/0/env\n  value:\n  - name: K_%s\n    value: '1'" % KEYF)])
case('place-annotation-url', 'deny', F, SECFACT % (RMQ_PW, 'rabbitmqPassword') + '; percent-encoded in an amqp URL annotation', patches=[smp("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-urls\n  annotations:\n    debug/amqp: amqp://admin:%s@rabbitmq:5672" % urllib.parse.quote(RMQ_PW, safe=''))])
case('place-userconf-mq', 'deny', F, SECFACT % (RMQ_PW, 'rabbitmqPassword') + '; in st2.user.conf messaging url (ConfigMap, plain text in git)', patches=[userconf("[messaging]\nurl = amqp://admin:%s@rabbitmq:5672" % urllib.parse.quote(RMQ_PW, safe=''))])
case('place-st2pw-htpasswd-plain', 'deny', F, 'stackstorm-ha.md s2.1: st2admin / Ch@ngeMe default; htpasswd {PLAIN} form', resources=['extra.yaml'], files={'extra.yaml': cm_res('st2-htpasswd', {'htpasswd': 'st2admin:{PLAIN}' + ST2PW})})
case('place-st2pw-sha', 'deny', F, 'stackstorm-ha.md s2.1: Ch@ngeMe default; htpasswd {SHA} hash of a known password is crackable instantly', resources=['extra.yaml'], files={'extra.yaml': cm_res('st2-htpasswd', {'htpasswd': 'st2admin:{SHA}' + base64.b64encode(__import__('hashlib').sha1(ST2PW.encode()).digest()).decode()})})
case('place-cookie-env-shell', 'deny', F, SECFACT % (COOKIE, 'rabbitmqErlangCookie') + '; assembled by shell from two env vars into the Erlang cookie file', patches=[jp('StatefulSet', 'rabbitmq', "- op: add\n  path: /spec/template/spec/containers/0/env/-\n  value: {name: CA, value: %s}\n- op: add\n  path: /spec/template/spec/containers/0/env/-\n  value: {name: CB, value: %s}" % (COOKIE[:20], COOKIE[20:]))])
case('place-printf-octal', 'deny', F, SECFACT % (MONGO_PW, 'adminPassword') + '; printf octal escapes in a command', patches=[jp('Deployment', 'st2client', "- op: add\n  path: /spec/template/spec/containers/0/env\n  value:\n  - name: MPW\n    value: '%s'" % ''.join('\\%03o' % ord(c) for c in MONGO_PW))])
# safe look-alikes
import hashlib
case('safe-enc-random-b32', 'allow', F, 'a non-secret value base32-encoded (build id)', resources=['extra.yaml'], files={'extra.yaml': cm_res('st2-extra-b', {'value': base64.b32encode(b'build-2026-12-07-rel').decode()})})
case('safe-enc-random-hex', 'allow', F, 'git sha, hex', resources=['extra.yaml'], files={'extra.yaml': cm_res('st2-extra-h', {'value': hashlib.sha1(b'x').hexdigest()})})
case('safe-label-commit', 'allow', F, 'commit label', patches=[smp("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-urls\n  labels:\n    build-id: a1b2c3d4e5f60718293a4b5c6d7e8f90")])
case('safe-rot13-word', 'allow', F, 'rot13 of a harmless word', resources=['extra.yaml'], files={'extra.yaml': cm_res('st2-extra-r', {'value': codecs.encode('stackstorm-production-cluster', 'rot13')})})
case('safe-changeme-doc', 'allow', F, 'a docs string mentioning that default passwords must be changed', resources=['extra.yaml'], files={'extra.yaml': cm_res('st2-notes', {'README': 'Default chart passwords were rotated; see the vault path stackstorm/mongodb.'})})
# ---------------- F05 committed secrets with planted values ----------------
F = 'F05-committed-secrets'
CF = 'issue #12 / docs: credentials must not be committed; a Secret literal in git is known to everyone with repo read (st2docs ha.rst; README secrets section)'
case('plant-secret-stringdata', 'deny', F, CF, planted=PL[0], resources=['s.yaml'], files={'s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: st2-extra\nstringData:\n  password: %s\n' % PL[0]})
case('plant-userconf-dbpw', 'deny', F, CF + '; st2.user.conf [database] password in a ConfigMap', planted=PL[1], patches=[userconf("[database]\npassword = %s" % PL[1])])
case('plant-env-value', 'deny', F, CF + '; RABBITMQ_DEFAULT_PASS literal env overrides ExternalSecret', planted=PL[2], patches=[jp('StatefulSet', 'rabbitmq', "- op: add\n  path: /spec/template/spec/containers/0/env/-\n  value: {name: RABBITMQ_ERLANG_COOKIE, value: %s}" % PL[2])])
case('plant-secretgen-b64', 'deny', F, CF + '; secretGenerator literal (base64 in output)', planted=PL[0], extra='secretGenerator:\n  - name: st2-extra2\n    literals:\n      - token=%s\n' % PL[0])
case('plant-cm-b64', 'deny', F, CF + '; base64 in ConfigMap binaryData', planted=PL[1], resources=['c.yaml'], files={'c.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-extra3\nbinaryData:\n  t: %s\n' % base64.b64encode(PL[1].encode()).decode()})
case('plant-annotation-hex', 'deny', F, CF + '; hex in an annotation', planted=PL[2], patches=[smp("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-urls\n  annotations:\n    x/tok: '%s'" % PL[2].encode().hex())])
case('safe-secret-ref-only', 'allow', F, 'an ExternalSecret referencing the store, no literal', resources=['es.yaml'], files={'es.yaml': 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: st2-slack\nspec:\n  refreshInterval: 1h\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: st2-production\n  target:\n    name: st2-slack\n    creationPolicy: Owner\n  data:\n    - secretKey: token\n      remoteRef:\n        key: stackstorm/slack\n        property: token\n'})
case('safe-secretgen-empty-tls-ref', 'allow', F, 'ConfigMap with a public CA bundle header comment only', resources=['c.yaml'], files={'c.yaml': cm_res('st2-ca-note', {'note': 'CA bundle comes from cert-manager trust-manager'})})
# ---------------- F06 exposure ----------------
F = 'F06-exposure'
def svc_type(name, t, extra=''):
    return jp('Service', name, "- op: replace\n  path: /spec/type\n  value: %s%s" % (t, extra))
EXPM = 'stackstorm-ha.md s4 / kubernetes Service docs: type %s publishes %s outside the cluster; %s'
case('exp-mongo-lb', 'deny', F, EXPM % ('LoadBalancer', 'mongodb 27017', 'MongoDB security checklist: never expose to untrusted networks'), patches=[svc_type('mongodb', 'LoadBalancer')])
case('exp-mongo-np', 'deny', F, EXPM % ('NodePort', 'mongodb', 'every node IP'), patches=[svc_type('mongodb', 'NodePort')])
case('exp-rmq-lb', 'deny', F, EXPM % ('LoadBalancer', 'rabbitmq 5672/15672/4369', 'epmd + management UI'), patches=[svc_type('rabbitmq', 'LoadBalancer')])
case('exp-rmqdisc-np', 'deny', F, EXPM % ('NodePort', 'rabbitmq-discovery', 'management UI'), patches=[svc_type('rabbitmq-discovery', 'NodePort')])
case('exp-etcd-lb', 'deny', F, EXPM % ('LoadBalancer', 'etcd 2379 (v2 API, no auth)', 'anyone can take st2 coordination locks / write keys'), patches=[svc_type('etcd', 'LoadBalancer')])
case('exp-etcd-headless-np', 'deny', F, EXPM % ('NodePort', 'etcd client+peer', 'peer port allows joining the cluster'), patches=[svc_type('etcd-headless', 'NodePort')])
case('exp-mongo-externalip', 'deny', F, 'kubernetes Service externalIPs: traffic to that IP on 27017 reaches mongodb from outside', patches=[jp('Service', 'mongodb', "- op: add\n  path: /spec/externalIPs\n  value: [203.0.113.10]")])
case('exp-mongo-hostport', 'deny', F, 'kubernetes hostPort publishes 27017 on the node IP', patches=[jp('StatefulSet', 'mongodb', "- op: add\n  path: /spec/template/spec/containers/0/ports/0/hostPort\n  value: 27017")])
case('exp-etcd-hostnet', 'deny', F, 'hostNetwork binds etcd 0.0.0.0:2379 on the node network', patches=[jp('StatefulSet', 'etcd', "- op: add\n  path: /spec/template/spec/hostNetwork\n  value: true")])
case('exp-rmq-hostport-mgmt', 'deny', F, 'hostPort 15672 RabbitMQ management on node IP', patches=[jp('StatefulSet', 'rabbitmq', "- op: add\n  path: /spec/template/spec/containers/0/ports/2/hostPort\n  value: 15672")])
NEWSVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: %s\n%sspec:\n  type: %s\n  selector:\n    app: %s\n  ports:\n    - name: p\n      port: %d\n      targetPort: %d\n'
case('exp-new-lb-mongo', 'deny', F, EXPM % ('LoadBalancer', 'mongodb (new Service)', ''), resources=['s.yaml'], files={'s.yaml': NEWSVC % ('db-admin', '', 'LoadBalancer', 'mongodb', 27017, 27017)})
case('exp-new-lb-by-release', 'deny', F, EXPM % ('LoadBalancer', 'pods by release label (selects mongodb too)', ''), resources=['s.yaml'], files={'s.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: dbg\nspec:\n  type: LoadBalancer\n  selector:\n    release: st2\n  ports:\n    - port: 27017\n'})
case('exp-new-lb-rmq-mgmt-named', 'deny', F, EXPM % ('LoadBalancer', 'rabbitmq management by named targetPort', ''), resources=['s.yaml'], files={'s.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: mq-ui\nspec:\n  type: LoadBalancer\n  selector:\n    app: rabbitmq\n  ports:\n    - port: 80\n      targetPort: http\n'})
case('exp-ingress-rmq', 'deny', F, 'Ingress routes the internet to RabbitMQ management 15672 (admin account, full control of st2 queues)', resources=['i.yaml'], files={'i.yaml': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: mq\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: mq.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: rabbitmq\n                port:\n                  number: 15672\n'})
case('exp-gateway-tcproute-mongo', 'deny', F, 'Gateway API TCPRoute forwards the Gateway listener to mongodb 27017', resources=['g.yaml'], files={'g.yaml': 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TCPRoute\nmetadata:\n  name: mongo\nspec:\n  parentRefs:\n    - name: public-gw\n      namespace: gateways\n  rules:\n    - backendRefs:\n        - name: mongodb\n          port: 27017\n'})
case('exp-httproute-etcd', 'deny', F, 'Gateway API HTTPRoute to etcd v2 HTTP API (no auth)', resources=['g.yaml'], files={'g.yaml': 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: etcd\nspec:\n  parentRefs:\n    - name: public-gw\n      namespace: gateways\n  hostnames: [etcd.example.com]\n  rules:\n    - backendRefs:\n        - name: etcd\n          port: 2379\n'})
case('exp-istio-vs-mongo', 'deny', F, 'Istio VirtualService on a public Gateway routing TCP 27017 to mongodb', resources=['g.yaml'], files={'g.yaml': 'apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata:\n  name: mongo\nspec:\n  hosts: ["*"]\n  gateways: [istio-system/public]\n  tcp:\n    - match:\n        - port: 27017\n      route:\n        - destination:\n            host: mongodb\n            port:\n              number: 27017\n'})
case('exp-st2web-lb-http', 'deny', F, 'stackstorm-ha.md s4: st2web serves plain HTTP; LoadBalancer publishes logins in clear text, bypassing the TLS Ingress', patches=[svc_type('st2web', 'LoadBalancer')])
case('exp-st2api-np', 'deny', F, 'st2api exposed directly on NodePort over HTTP (no TLS) - API tokens in clear', patches=[svc_type('st2api', 'NodePort')])
case('exp-ingress-no-tls', 'deny', F, 'stackstorm-ha.md s4: Ingress without TLS sends st2 credentials in clear text', patches=[jp('Ingress', 'st2web', "- op: remove\n  path: /spec/tls", group='networking.k8s.io')])
case('exp-lb-sourcerange-open', 'deny', F, EXPM % ('LoadBalancer', 'mongodb', 'loadBalancerSourceRanges 0.0.0.0/0 is no restriction'), patches=[svc_type('mongodb', 'LoadBalancer', "\n- op: add\n  path: /spec/loadBalancerSourceRanges\n  value: [0.0.0.0/0]")])
case('exp-lb-internal-annot-mongo', 'deny', F, 'internal LB annotations are cloud-specific; on other clouds (or with a typo) the LB is public; MongoDB security checklist', patches=[smp("apiVersion: v1\nkind: Service\nmetadata:\n  name: mongodb\n  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-internal: 'true'\nspec:\n  type: LoadBalancer")])
case('exp-ep-slice-manual', 'deny', F, 'a selector-less LoadBalancer Service with a manual EndpointSlice pointing at mongodb-0 pod DNS/IP publishes MongoDB', resources=['s.yaml'], files={'s.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: backup-target\nspec:\n  type: LoadBalancer\n  ports:\n    - name: mongo\n      port: 27017\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: backup-target-1\n  labels:\n    kubernetes.io/service-name: backup-target\naddressType: FQDN\nports:\n  - name: mongo\n    port: 27017\nendpoints:\n  - addresses: [mongodb-0.mongodb.st2-prod.svc.cluster.local]\n'})
case('exp-ingress-etcd-via-externalname', 'deny', F, 'Ingress to an ExternalName Service aliasing etcd (nginx follows ExternalName)', resources=['s.yaml'], files={'s.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: coord\nspec:\n  type: ExternalName\n  externalName: etcd.st2-prod.svc.cluster.local\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: coord\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: coord.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: coord\n                port:\n                  number: 2379\n'})
case('safe-headless-mongo-extra', 'allow', F, 'extra ClusterIP headless Service for monitoring, internal only', resources=['s.yaml'], files={'s.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: mongodb-metrics\nspec:\n  clusterIP: None\n  selector:\n    app: mongodb\n  ports:\n    - port: 27017\n'})
case('safe-clusterip-annot', 'allow', F, 'annotation on mongodb Service, type stays ClusterIP', patches=[smp("apiVersion: v1\nkind: Service\nmetadata:\n  name: mongodb\n  annotations:\n    prometheus.io/scrape: 'false'")])
case('safe-ingress-host-change', 'allow', F, 'new hostname, TLS kept', patches=[jp('Ingress', 'st2web', "- op: replace\n  path: /spec/rules/0/host\n  value: automation.example.org\n- op: replace\n  path: /spec/tls/0/hosts/0\n  value: automation.example.org", group='networking.k8s.io')])
case('safe-ingress-annot-timeout', 'allow', F, 'proxy timeout for st2 stream', patches=[smp("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: st2web\n  annotations:\n    nginx.ingress.kubernetes.io/proxy-read-timeout: '3600'")])
case('safe-internal-svc-rmq-metrics', 'allow', F, 'ClusterIP Service for rabbitmq prometheus port 15692', resources=['s.yaml'], files={'s.yaml': NEWSVC % ('rabbitmq-metrics', '', 'ClusterIP', 'rabbitmq', 15692, 15692)})
# ---------------- F07 singletons / replicas ----------------
F = 'F07-singletons-replicas'
SING = 'stackstorm-ha.md s3: st2timersengine and st2sensorcontainer are singletons (chart: replicas must be 1; two copies fire every timer/trigger twice)'
case('sing-timers-2', 'deny', F, SING, patches=[replicas('st2timersengine', 2)])
case('sing-sensor-2', 'deny', F, SING, patches=[replicas('st2sensorcontainer', 2)])
case('sing-timers-transformer', 'deny', F, SING, extra='replicas:\n  - name: st2timersengine\n    count: 2\n')
case('sing-timers-hpa', 'deny', F, SING + '; HPA minReplicas 2 scales the Deployment to 2', resources=['h.yaml'], files={'h.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: timers\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: st2timersengine\n  minReplicas: 2\n  maxReplicas: 3\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: Utilization, averageUtilization: 80}\n'})
case('sing-sensor-keda', 'deny', F, SING + '; KEDA ScaledObject minReplicaCount 2', resources=['h.yaml'], files={'h.yaml': 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: sensors\nspec:\n  scaleTargetRef:\n    name: st2sensorcontainer\n  minReplicaCount: 2\n  maxReplicaCount: 4\n  triggers:\n    - type: cpu\n      metadata: {type: Utilization, value: "80"}\n'})
case('sing-timers-rolling', 'deny', F, SING + '; RollingUpdate runs old and new pod together during every rollout (base uses Recreate)', patches=[jp('Deployment', 'st2timersengine', "- op: replace\n  path: /spec/strategy\n  value: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}")])
case('sing-sensor-rolling', 'deny', F, SING + '; RollingUpdate overlap', patches=[jp('Deployment', 'st2sensorcontainer', "- op: replace\n  path: /spec/strategy\n  value: {type: RollingUpdate}")])
TIMERDEP = '''apiVersion: apps/v1
kind: Deployment
metadata:
  name: %s
spec:
  replicas: 1
  selector:
    matchLabels: {app: %s}
  template:
    metadata:
      labels: {app: %s}
    spec:
      containers:
        - name: main
          image: %s
          command: %s
          args: ["--config-file=/etc/st2/st2.conf", "--config-file=/etc/st2/st2.docker.conf", "--config-file=/etc/st2/st2.user.conf", "--config-file=/etc/st2/st2.secrets.conf"]
          volumeMounts:
            - {name: cfg, mountPath: /etc/st2/st2.docker.conf, subPath: st2.docker.conf}
            - {name: cfg, mountPath: /etc/st2/st2.user.conf, subPath: st2.user.conf}
            - {name: sec, mountPath: /etc/st2/st2.secrets.conf, subPath: st2.secrets.conf}
      volumes:
        - {name: cfg, configMap: {name: st2-config}}
        - {name: sec, secret: {secretName: st2-config-secrets, defaultMode: 0444}}
'''
for cid, img, cmd in [
    ('sing-dup-timers-deploy', 'stackstorm/st2timersengine:3.8.1', '["/opt/stackstorm/st2/bin/st2timersengine"]'),
    ('sing-dup-timers-runnerimg', 'stackstorm/st2actionrunner:3.8.1', '["/opt/stackstorm/st2/bin/st2timersengine"]'),
    ('sing-dup-timers-sh', 'stackstorm/st2actionrunner:3.8.1', '["sh", "-c", "exec st2timersengine \\"$@\\"", "--"]'),
    ('sing-dup-timers-pymod', 'stackstorm/st2actionrunner:3.8.1', '["/opt/stackstorm/st2/bin/python", "-c", "import sys; from st2reactor.cmd import timersengine; sys.exit(timersengine.main())"]'),
    ('sing-dup-sensor-deploy', 'stackstorm/st2sensorcontainer:3.8.1', '["/opt/stackstorm/st2/bin/st2sensorcontainer"]'),
    ('sing-dup-sensor-envpath', 'stackstorm/st2sensorcontainer:3.8.1', '["/usr/bin/env", "st2sensorcontainer"]'),
    ('sing-dup-timers-private-registry', 'registry.example.com/mirror/st2timersengine:3.8.1', '["/opt/stackstorm/st2/bin/st2timersengine"]'),
    ('sing-dup-timers-digest', 'stackstorm/st2timersengine@sha256:' + '0' * 64, '["/opt/stackstorm/st2/bin/st2timersengine"]'),
]:
    case(cid, 'deny', F, SING + '; a second Deployment runs the same singleton process', resources=['d.yaml'], files={'d.yaml': TIMERDEP % ('st2-' + cid[9:], cid, cid, img, cmd)})
case('sing-timers-sidecar', 'deny', F, SING + '; sidecar in st2api (3 replicas) runs st2timersengine 3 times', patches=[jp('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/-\n  value:\n    name: timers\n    image: stackstorm/st2timersengine:3.8.1\n    command: [/opt/stackstorm/st2/bin/st2timersengine]\n    args: ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.secrets.conf']\n    volumeMounts:\n    - {name: st2-config-vol, mountPath: /etc/st2/st2.docker.conf, subPath: st2.docker.conf}\n    - {name: st2-config-secrets-vol, mountPath: /etc/st2/st2.secrets.conf, subPath: st2.secrets.conf}")])
case('sing-timers-cronjob', 'deny', F, SING + '; a CronJob starting st2timersengine every 5 min runs alongside the Deployment', resources=['c.yaml'], files={'c.yaml': 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: timers-kick\nspec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: t\n              image: stackstorm/st2timersengine:3.8.1\n              command: [/opt/stackstorm/st2/bin/st2timersengine, --config-file=/etc/st2/st2.conf]\n'})
case('sing-sensor-daemonset', 'deny', F, SING + '; DaemonSet runs one per node', resources=['d.yaml'], files={'d.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: sensors-ds\nspec:\n  selector:\n    matchLabels: {app: sensors-ds}\n  template:\n    metadata:\n      labels: {app: sensors-ds}\n    spec:\n      containers:\n        - name: s\n          image: stackstorm/st2sensorcontainer:3.8.1\n          command: [/opt/stackstorm/st2/bin/st2sensorcontainer]\n'})
case('sing-timers-rollout', 'deny', F, SING + '; Argo Rollouts Rollout with replicas 2 running st2timersengine', resources=['r.yaml'], files={'r.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: timers-ro\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: timers-ro}\n  template:\n    metadata:\n      labels: {app: timers-ro}\n    spec:\n      containers:\n        - name: t\n          image: stackstorm/st2timersengine:3.8.1\n  strategy:\n    canary: {steps: [{setWeight: 50}]}\n'})
case('sing-rename-then-scale', 'deny', F, SING + '; renamed Deployment (namePrefix via sub-kustomization) scaled to 2', patches=[jp('Deployment', 'st2timersengine', "- op: replace\n  path: /metadata/name\n  value: timers\n- op: replace\n  path: /spec/replicas\n  value: 2")])
FLOOR = 'stackstorm-ha.md s3: HA floors (st2api/st2auth/st2stream/st2web >= 2 in prod; mongodb 3-member replica set; etcd odd >= 3; rabbitmq 3)'
case('floor-api-1', 'deny', F, FLOOR, patches=[replicas('st2api', 1)])
case('floor-api-hpa-1', 'deny', F, FLOOR + '; HPA minReplicas 1 scales st2api to 1 under low load', resources=['h.yaml'], files={'h.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: st2api\n  minReplicas: 1\n  maxReplicas: 6\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: Utilization, averageUtilization: 70}\n'})
case('floor-mongo-2', 'deny', F, FLOOR + '; 2-member replica set loses its primary when either member is down (MongoDB replica set elections need a majority)', patches=[replicas('mongodb', 2, 'StatefulSet')])
case('floor-etcd-2', 'deny', F, FLOOR + '; etcd quorum of 2 members is 2: no fault tolerance (etcd FAQ)', patches=[replicas('etcd', 2, 'StatefulSet')])
case('floor-etcd-4', 'deny', F, FLOOR + '; etcd --initial-cluster lists 3 members; etcd-3 cannot join (not in initial-cluster) and crash-loops', patches=[replicas('etcd', 4, 'StatefulSet')])
case('floor-rmq-1', 'deny', F, FLOOR, patches=[replicas('rabbitmq', 1, 'StatefulSet')])
case('need-scheduler-0', 'deny', F, 'stackstorm-ha.md s12: without st2scheduler every execution stays requested', patches=[replicas('st2scheduler', 0)])
case('need-rules-0', 'deny', F, 'st2rulesengine 0: no trigger instance ever matches a rule (st2docs rules.rst)', patches=[replicas('st2rulesengine', 0)])
case('need-timers-0', 'deny', F, 'st2timersengine 0: core.st2.IntervalTimer/CronTimer never fire (st2docs sensors/timers)', patches=[replicas('st2timersengine', 0)])
case('need-scheduler-delete', 'deny', F, 'stackstorm-ha.md s12: st2scheduler is required; $patch: delete removes it', patches=[smp("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2scheduler\n$patch: delete")])
case('need-wfe-delete', 'deny', F, 'st2workflowengine removed: every Orquesta workflow stays requested/running forever', patches=[smp("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2workflowengine\n$patch: delete")])
case('need-runner-0', 'deny', F, 'st2actionrunner 0: scheduled executions never run (st2actions/worker.py)', patches=[replicas('st2actionrunner', 0)])
case('safe-runner-12', 'allow', F, 'more runners', patches=[replicas('st2actionrunner', 12)])
case('safe-api-5', 'allow', F, 'more api', patches=[replicas('st2api', 5)])
case('safe-timers-1-explicit', 'allow', F, 'explicit 1', patches=[replicas('st2timersengine', 1)])
case('safe-api-hpa-3', 'allow', F, 'HPA min 3', resources=['h.yaml'], files={'h.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: st2api\n  minReplicas: 3\n  maxReplicas: 8\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: Utilization, averageUtilization: 70}\n'})
case('safe-runner-hpa', 'allow', F, 'HPA on runners min 4', resources=['h.yaml'], files={'h.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: runners\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: st2actionrunner\n  minReplicas: 4\n  maxReplicas: 20\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: Utilization, averageUtilization: 70}\n'})
case('safe-web-4', 'allow', F, 'st2web 4', patches=[replicas('st2web', 4)])
case('safe-timers-recreate', 'allow', F, 'explicit Recreate', patches=[jp('Deployment', 'st2timersengine', "- op: replace\n  path: /spec/strategy\n  value: {type: Recreate}")])
case('safe-gc-0', 'allow', F, 'garbage collector off is a supported operator choice (st2docs purging: GC is optional)', patches=[replicas('st2garbagecollector', 0)])
case('floor-etcd-5', 'deny', F, 'etcd 5 replicas but --initial-cluster lists 3: etcd-3/4 cannot join -> crash-loop (etcd clustering docs)', patches=[replicas('etcd', 5, 'StatefulSet')])
# ---------------- F08 crash / never ready ----------------
F = 'F08-crash-never-ready'
def img(name, tag):
    return 'images:\n  - name: %s\n    newTag: "%s"\n' % (name, tag)
case('img-mongo-5', 'deny', F, 'stackstorm-ha.md s12: st2 3.8 supports MongoDB at most 4.4 (chart values comment); also 4.4->5.0 needs FCV 4.4 set first', extra=img('mongo', '5.0.26'))
case('img-mongo-6', 'deny', F, 'stackstorm-ha.md s12: at most 4.4; mongo 6 image has no `mongo` shell (mongosh only) -> base/mongodb.yaml scripts using `mongo --eval` fail', extra=img('mongo', '6.0.15'))
case('img-mongo-36', 'deny', F, 'stackstorm-ha.md s12: at least 4.0 required since st2 3.3', extra=img('mongo', '3.6.23'))
case('img-rmq-4', 'deny', F, 'RabbitMQ 4.0 removed classic queue mirroring (ha-mode policy, which st2docs ha.rst relies on); 4.0 upgrade only from 3.13 with all feature flags enabled (rabbitmq upgrade docs)', extra=img('rabbitmq', '4.0.5'))
case('img-etcd-36', 'deny', F, 'stackstorm-ha.md s12: etcd 3.6 has no v2 API; tooz etcd driver speaks only v2', extra='images:\n  - name: bitnamilegacy/etcd\n    newTag: "3.6.4"\n')
case('img-etcd-bitnami', 'deny', F, 'stackstorm-ha.md s12: bitnami/etcd versioned tags moved to bitnamilegacy (bitnami/containers#83267) -> ImagePullBackOff', extra='images:\n  - name: bitnamilegacy/etcd\n    newName: bitnami/etcd\n')
case('img-st2-2.9dev', 'deny', F, 'stackstorm-ha.md s12: stackstorm/*:2.9dev does not exist', extra=img('stackstorm/st2api', '2.9dev'))
case('img-st2-skew', 'deny', F, 'st2api 3.7.0 against a 3.8.1 database/other services: mixed versions unsupported (st2docs upgrade notes: upgrade all components together)', extra=img('stackstorm/st2api', '3.7.0'))
case('img-never-pull', 'deny', F, 'imagePullPolicy Never: kubelet ErrImageNeverPull unless pre-loaded', patches=[jp('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/containers/0/imagePullPolicy\n  value: Never")])
case('run-nonroot-runner', 'deny', F, 'stackstorm-ha.md s12: st2actionrunner image is USER root; runAsNonRoot without runAsUser -> kubelet CreateContainerConfigError "image will run as root"', patches=[jp('Deployment', 'st2actionrunner', "- op: add\n  path: /spec/template/spec/containers/0/securityContext/runAsNonRoot\n  value: true")])
case('run-nonroot-runner-pod', 'deny', F, 'same at pod level', patches=[jp('Deployment', 'st2actionrunner', "- op: add\n  path: /spec/template/spec/securityContext\n  value: {runAsNonRoot: true}")])
case('mem-api-16Mi', 'deny', F, 'st2api (gunicorn+python) needs >100Mi; limit 16Mi -> OOMKilled at start', patches=[jp('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/0/resources\n  value: {requests: {memory: 16Mi, cpu: 10m}, limits: {memory: 16Mi, cpu: 100m}}")])
case('mem-mongo-32Mi', 'deny', F, 'mongod with 32Mi limit OOMKilled (WiredTiger cache minimum 256MB)', patches=[jp('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/resources\n  value: {requests: {memory: 32Mi, cpu: 10m}, limits: {memory: 32Mi, cpu: 100m}}")])
case('probe-api-404', 'deny', F, 'readiness probe on a path st2api answers 404 -> never Ready, Service has no endpoints', patches=[jp('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/0/readinessProbe\n  value: {httpGet: {path: /v1/healthz, port: 9101}}")])
case('probe-etcd-readyz', 'deny', F, 'stackstorm-ha.md s12: etcd 3.5 with v2 answers 404 on /readyz on the client port -> never Ready, PostSync hooks blocked', patches=[jp('StatefulSet', 'etcd', "- op: replace\n  path: /spec/template/spec/containers/0/readinessProbe/httpGet/path\n  value: /readyz")])
case('probe-api-wrong-port', 'deny', F, 'liveness probe on port 9100 (st2auth port) in st2api -> connection refused, restart loop', patches=[jp('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/0/livenessProbe\n  value: {tcpSocket: {port: 9100}, initialDelaySeconds: 5}")])
case('wait-db-wrong-host', 'deny', F, 'wait-for-db polls host "mongo" which does not exist -> init never completes', patches=[jp('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/initContainers/1/command/2\n  value: until nc -z -w 2 mongo 27017; do sleep 2; done")])
case('cmd-typo', 'deny', F, 'command path does not exist -> StartError crash-loop', patches=[jp('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/containers/0/command/0\n  value: /opt/stackstorm/st2/bin/st2-api")])
case('mongod-no-replset', 'deny', F, 'st2 connection string needs replicaSet=rs0; mongod without --replSet is standalone -> pymongo finds no rs0 member', patches=[jp('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/args\n  value: [--bind_ip_all, --keyFile, /data/configdb/key.txt]")])
case('sa-missing', 'deny', F, 'serviceAccountName that does not exist: ServiceAccount admission rejects pod creation', patches=[jp('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/serviceAccountName\n  value: st2api-nope")])
case('pc-missing', 'deny', F, 'priorityClassName not defined: Priority admission plugin rejects pods', patches=[jp('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/priorityClassName\n  value: st2-critical")])
case('cm-vol-missing', 'deny', F, 'configMap volume referencing a missing ConfigMap (not optional) -> ContainerCreating forever', patches=[jp('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/volumes/1/configMap/name\n  value: st2-config-v2")])
case('safe-nodesel-os', 'allow', F, 'kubernetes.io/os: linux well-known label', patches=[jp('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/nodeSelector\n  value: {kubernetes.io/os: linux}")])
case('safe-mem-api-1Gi', 'allow', F, 'larger limits', patches=[jp('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/containers/0/resources\n  value: {requests: {memory: 512Mi, cpu: 250m}, limits: {memory: 1Gi, cpu: '1'}}")])
case('safe-img-st2-patch', 'allow', F, 'st2 3.8.1 same everywhere via newName mirror', extra='images:\n' + ''.join('  - name: stackstorm/%s\n    newName: registry.example.com/stackstorm/%s\n' % (n, n) for n in ['st2web','st2auth','st2api','st2stream','st2rulesengine','st2timersengine','st2workflowengine','st2notifier','st2sensorcontainer','st2actionrunner','st2garbagecollector','st2scheduler']))
case('safe-img-mongo-4428', 'allow', F, 'mongo 4.4.28 (still 4.4)', extra=img('mongo', '4.4.28'))
case('safe-img-rmq-31215', 'allow', F, 'rabbitmq patch release 3.12.x', extra=img('rabbitmq', '3.12.13'))
case('safe-tolerations', 'allow', F, 'tolerations only widen scheduling', patches=[jp('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/tolerations\n  value: [{key: dedicated, operator: Equal, value: st2, effect: NoSchedule}]")])
case('safe-runner-root-explicit', 'allow', F, 'runner runAsUser 0 explicit matches image', patches=[jp('Deployment', 'st2actionrunner', "- op: add\n  path: /spec/template/spec/containers/0/securityContext/runAsUser\n  value: 0")])
case('safe-probe-api-ok', 'allow', F, 'tcp readiness on 9101', patches=[jp('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/0/readinessProbe\n  value: {tcpSocket: {port: 9101}, periodSeconds: 10}")])
# ---------------- F09 data loss ----------------
F = 'F09-data-loss'
case('mongo-dbpath-tmp', 'deny', F, 'mongod --dbpath outside the PVC mount /data/db: data on container FS, lost on restart', patches=[jp('StatefulSet', 'mongodb', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --dbpath=/tmp/db")])
case('mongo-vct-removed', 'deny', F, 'mongodb data on emptyDir: every pod restart wipes the member (stackstorm-ha.md s3 persistence)', patches=[jp('StatefulSet', 'mongodb', "- op: remove\n  path: /spec/volumeClaimTemplates\n- op: add\n  path: /spec/template/spec/volumes/-\n  value: {name: datadir, emptyDir: {}}")])
case('mongo-mount-moved', 'deny', F, 'PVC mounted at /data/db2 while mongod writes /data/db', patches=[jp('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/volumeMounts/0/mountPath\n  value: /data/db2")])
case('rmq-mnesia-moved', 'deny', F, 'RABBITMQ_MNESIA_BASE outside the PVC: durable queues/definitions lost on restart (rabbitmq relocate docs)', patches=[jp('StatefulSet', 'rabbitmq', "- op: add\n  path: /spec/template/spec/containers/0/env/-\n  value: {name: RABBITMQ_MNESIA_BASE, value: /tmp/mnesia}")])
case('mongo-pvc-retention-delete', 'deny', F, 'persistentVolumeClaimRetentionPolicy whenScaled Delete: a scale-down deletes member data (k8s StatefulSet docs)', patches=[jp('StatefulSet', 'mongodb', "- op: add\n  path: /spec/persistentVolumeClaimRetentionPolicy\n  value: {whenDeleted: Delete, whenScaled: Delete}")])
case('argocd-replace-force-mongo', 'deny', F, 'Argo CD sync-options Force=true,Replace=true deletes and recreates the StatefulSet on each sync (argocd sync-options docs) -> all members down at once', patches=[smp("apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: mongodb\n  annotations:\n    argocd.argoproj.io/sync-options: Force=true,Replace=true")])
case('safe-mongo-pvc-retain', 'allow', F, 'Retain policy explicit', patches=[jp('StatefulSet', 'mongodb', "- op: add\n  path: /spec/persistentVolumeClaimRetentionPolicy\n  value: {whenDeleted: Retain, whenScaled: Retain}")])
case('safe-mongo-prune-false', 'allow', F, 'Prune=false protects data', patches=[smp("apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: mongodb\n  annotations:\n    argocd.argoproj.io/sync-options: Prune=false")])
# ---------------- F10 store auth ----------------
F = 'F10-store-auth'
case('mongo-no-keyfile', 'deny', F, 'mongod replica set without --keyFile/--auth: access control off, anyone in the cluster reads/writes st2 DB (MongoDB security checklist)', patches=[jp('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/args\n  value: [--replSet, rs0, --bind_ip_all]")])
case('mongo-noauth-flag', 'deny', F, 'mongod --noauth disables authorization', patches=[jp('StatefulSet', 'mongodb', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --noauth")])
case('mongo-transition-auth', 'deny', F, 'mongod --transitionToAuth accepts unauthenticated connections (MongoDB docs)', patches=[jp('StatefulSet', 'mongodb', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --transitionToAuth")])
case('rmq-default-guest', 'deny', F, 'RABBITMQ_DEFAULT_USER/PASS guest/guest: the well-known default credential', patches=[jp('StatefulSet', 'rabbitmq', "- op: replace\n  path: /spec/template/spec/containers/0/env/3/value\n  value: guest")])
case('safe-mongo-extra-flag', 'allow', F, 'mongod --wiredTigerCacheSizeGB 1 fits a 4Gi limit', patches=[jp('StatefulSet', 'mongodb', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --wiredTigerCacheSizeGB=1")])
case('bad-etcd-args-missing', 'bad', F, 'generator-made malformed: etcd container has no args list (kustomize also fails: add parent missing)', patches=[jp('StatefulSet', 'etcd', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --quota-backend-bytes=4294967296")])
# ---------------- F11 kustomize mechanics ----------------
F = 'F11-kustomize-mechanics'
case('k-nameprefix', 'deny', F, 'kustomize namePrefix renames Services (mongodb->x-mongodb) but not hostnames inside st2.docker.conf text (kustomize nameReference only rewrites known fields) -> st2 cannot reach its stores', extra='namePrefix: x-\n')
case('k-namesuffix', 'deny', F, 'same as namePrefix: mongodb-0.mongodb, rabbitmq, etcd in config text no longer resolve', extra='nameSuffix: -v2\n')
case('k-commonlabels-app', 'deny', F, 'commonLabels app: st2 overwrites every selector: all Services select all pods (mongodb Service routes to st2 pods), Deployments overlap', extra='commonLabels:\n  app: st2\n')
case('k-labels-selector-app', 'deny', F, 'labels with includeSelectors: true, app overwritten in every selector', extra='labels:\n  - pairs:\n      app: st2-all\n    includeSelectors: true\n')
case('k-psm-timers', 'deny', F, SING + '; via deprecated patchesStrategicMerge', files={'p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2timersengine\nspec:\n  replicas: 2\n'}, extra='patchesStrategicMerge:\n  - p.yaml\n')
case('k-json6902-timers', 'deny', F, SING + '; via deprecated patchesJson6902', files={'p.yaml': '- op: replace\n  path: /spec/replicas\n  value: 2\n'}, extra='patchesJson6902:\n  - target:\n      group: apps\n      version: v1\n      kind: Deployment\n      name: st2timersengine\n    path: p.yaml\n')
case('k-replacements-timers', 'deny', F, SING + '; replacements copies st2api replicas (3) into st2timersengine', extra='replacements:\n  - source:\n      kind: Deployment\n      name: st2api\n      fieldPath: spec.replicas\n    targets:\n      - select:\n          kind: Deployment\n          name: st2timersengine\n        fieldPaths:\n          - spec.replicas\n')
case('k-regex-target', 'deny', F, SING + '; patch target name regex', patches=["  - target:\n      kind: Deployment\n      name: st2(timers|sensor).*\n    patch: |-\n      - op: replace\n        path: /spec/replicas\n        value: 2\n"])
case('k-label-target', 'deny', F, SING + '; patch target by labelSelector matching all Deployments', patches=["  - target:\n      kind: Deployment\n      labelSelector: release=st2\n    patch: |-\n      - op: replace\n        path: /spec/replicas\n        value: 2\n"])
case('k-copy-op', 'deny', F, SING + '; JSON patch copy op', patches=[jp('Deployment', 'st2timersengine', "- op: copy\n  from: /spec/template/spec/terminationGracePeriodSeconds\n  path: /spec/replicas") if False else jp('Deployment', 'st2timersengine', "- op: add\n  path: /spec/replicas\n  value: 2\n- op: test\n  path: /spec/replicas\n  value: 2")])
case('k-pdb-delete', 'deny', F, 'prod without PDBs: a node drain can evict every st2api/mongodb replica at once (k8s disruptions docs; stackstorm-ha.md s3)', patches=[smp("apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: mongodb\n$patch: delete")])
case('k-component-local', 'deny', F, SING + '; via a local component', files={'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nreplicas:\n  - name: st2sensorcontainer\n    count: 3\n'}, extra='components:\n  - comp\n')
case('k-sub-kust-dup', 'deny', F, SING + '; nested kustomization renders base a second time with a suffix (second timersengine)', files={'dup/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnameSuffix: -b\nresources:\n  - ../../../../base\n'}, resources=['dup'])
case('safe-k-labels-noselector', 'allow', F, 'labels without selectors', extra='labels:\n  - pairs:\n      team: automation\n')
case('safe-k-annotations', 'allow', F, 'commonAnnotations', extra='commonAnnotations:\n  owner: platform-team\n')
case('safe-k-psm-runner', 'allow', F, 'patchesStrategicMerge runner replicas 10', files={'p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2actionrunner\nspec:\n  replicas: 10\n'}, extra='patchesStrategicMerge:\n  - p.yaml\n')
case('safe-k-replacements-api', 'allow', F, 'replacements copies st2api replicas to st2stream (3)', extra='replacements:\n  - source:\n      kind: Deployment\n      name: st2api\n      fieldPath: spec.replicas\n    targets:\n      - select:\n          kind: Deployment\n          name: st2stream\n        fieldPaths:\n          - spec.replicas\n')
case('safe-k-configmapgen', 'allow', F, 'configMapGenerator for a pack config without secrets', extra='configMapGenerator:\n  - name: st2-extra-pack\n    literals:\n      - region=eu-west-1\n')
# ---------------- F12 gate loosening ----------------
F = 'F12-gate-loosening'
case('g-env-annot-dev', 'deny', F, 'wrapper claims environment dev over prod content; prod exposure must still be judged as prod (issue #12: gate loosened by repo)', raw='apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata:\n  name: dev\n  annotations:\n    st2-gitops/environment: dev\nresources:\n  - ../../prod\npatches:\n' + svc_type('st2web', 'NodePort'))
case('g-ns-dev', 'deny', F, 'namespace renamed st2-dev over prod content with st2web NodePort', raw='apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: st2-dev\nresources:\n  - ../../prod\npatches:\n' + svc_type('st2web', 'NodePort'))
case('g-waiver-singleton', 'deny', F, SING + '; waiver annotation on a singleton in prod', patches=[smp("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2timersengine\n  annotations:\n    st2-gitops/waive.ST2-REP-001: 'expires=2026-12-20; reason=load test'\nspec:\n  replicas: 2")])
case('g-waiver-exposure', 'deny', F, 'mongodb LoadBalancer with a waiver annotation for every EXP rule', patches=[smp("apiVersion: v1\nkind: Service\nmetadata:\n  name: mongodb\n  annotations:\n" + ''.join("    st2-gitops/waive.ST2-EXP-%03d: 'expires=2026-12-20; reason=migration'\n" % i for i in range(1, 18)) + "spec:\n  type: LoadBalancer")])
case('g-waiver-auth-off', 'deny', F, AUTH + '; waivers on the config map for all HRD rules', patches=[userconf("[auth]\nenable = False"), smp("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-config\n  annotations:\n" + ''.join("    st2-gitops/waive.ST2-HRD-%03d: 'expires=2026-12-20; reason=incident'\n" % i for i in list(range(1, 20)) + [23, 27, 30]))])
case('g-argo-app', 'deny', F, 'Argo CD Application deploys overlays/dev (default secrets, NodePort) into prod namespace from the same repo: unjudged content syncs (argocd app-of-apps)', resources=['a.yaml'], files={'a.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: st2-extra\n  namespace: argocd\nspec:\n  project: default\n  source:\n    repoURL: https://github.com/example/st2-gitops\n    path: overlays/dev\n    targetRevision: HEAD\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: st2-prod\n  syncPolicy:\n    automated: {prune: true}\n'})
case('g-argo-app-helm', 'deny', F, 'Application installing stackstorm-ha chart 0.x with default values: Ch@ngeMe, default mongo/rabbit passwords (stackstorm-ha.md s2)', resources=['a.yaml'], files={'a.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: st2-chart\n  namespace: argocd\nspec:\n  project: default\n  source:\n    repoURL: https://helm.stackstorm.com/\n    chart: stackstorm-ha\n    targetRevision: 0.60.0\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: st2-prod\n'})
case('g-job-kubectl-apply-url', 'deny', F, 'a Job applying remote manifests at sync time: unjudged objects reach the cluster', resources=['j.yaml'], files={'j.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: extras\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: k\n          image: bitnami/kubectl:1.30\n          command: [kubectl, apply, -f, https://example.com/st2-extras.yaml]\n'})
case('g-argo-ignore-diff', 'deny', F, 'Argo compare-options IgnoreExtraneous + sync-options on Namespace do not change the rendered objects; but sync-options Validate=false with a bad object... (mongodb LB)', patches=[smp("apiVersion: v1\nkind: Service\nmetadata:\n  name: mongodb\n  annotations:\n    argocd.argoproj.io/compare-options: IgnoreExtraneous\nspec:\n  type: LoadBalancer")])
case('safe-g-waiver-none', 'allow', F, 'annotation that looks like a waiver prefix but is documentation only', patches=[smp("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-urls\n  annotations:\n    st2-gitops/note: no waivers here")])
# ---------------- F13 wrap staging/dev ----------------
F = 'F13-other-envs'
case('stg-timers-2', 'deny', F, SING + ' (staging)', base='staging', patches=[replicas('st2timersengine', 2)])
case('stg-auth-off', 'deny', F, AUTH + ' (staging)', base='staging', patches=[userconf("[auth]\nenable = 0")])
case('stg-mongo-lb', 'deny', F, EXPM % ('LoadBalancer', 'mongodb', 'staging'), base='staging', patches=[svc_type('mongodb', 'LoadBalancer')])
case('stg-rmq-4', 'deny', F, 'RabbitMQ 4.0 removed classic mirroring; upgrade only from 3.13', base='staging', extra=img('rabbitmq', '4.0.5'))
case('stg-coord-empty', 'deny', F, 'NoOp coordination with multiple workflowengines (staging)', base='staging', patches=[userconf("[coordination]\nurl =")])
case('dev-timers-2', 'deny', F, SING + ' (dev: doubles still fire twice)', base='dev', patches=[replicas('st2timersengine', 2)])
case('dev-scheduler-0', 'deny', F, 'stackstorm-ha.md s12 (dev)', base='dev', patches=[replicas('st2scheduler', 0)])
case('dev-mongo-lb', 'deny', F, EXPM % ('LoadBalancer', 'mongodb with default password', 'dev'), base='dev', patches=[svc_type('mongodb', 'LoadBalancer')])
case('safe-stg-runner-5', 'allow', F, 'staging runners 5', base='staging', patches=[replicas('st2actionrunner', 5)])
case('safe-dev-api-1', 'allow', F, 'dev st2api 1 replica is fine for dev', base='dev', patches=[replicas('st2api', 1)])
case('safe-stg-token-ttl', 'allow', F, 'staging token ttl', base='staging', patches=[userconf("[auth]\ntoken_ttl = 86400")])
# ---------------- F14 malformed ----------------
F = 'F14-malformed'
case('bad-yaml', 'bad', F, 'invalid YAML', raw='resources:\n  - ../../prod\n  bad: [\n')
case('bad-missing-res', 'bad', F, 'resource path does not exist', raw='resources:\n  - ../../nope\n')
case('bad-patch-missing', 'bad', F, 'patch file missing', raw='resources:\n  - ../../prod\npatches:\n  - path: nope.yaml\n')
case('bad-jsonpatch-path', 'bad', F, 'JSON patch remove of nonexistent path (kustomize errors)', raw='resources:\n  - ../../prod\npatches:\n' + jp('Deployment', 'st2api', '- op: remove\n  path: /spec/nonexistent/field'))
case('bad-dup-resource', 'bad', F, 'same object twice (kustomize: may not add resource with an already registered id)', resources=['d.yaml'], files={'d.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-urls\ndata: {a: b}\n'})
case('bad-kind-list', 'bad', F, 'kustomization is a list', raw='- a\n- b\n')
case('note-remote-resource', 'deny', F, 'kustomize supports remote git resources; if refused as bad input that is noted separately. Content: default dev overlay pulled remotely', raw='resources:\n  - ../../prod\n  - https://github.com/example/st2-extras//overlays/dev?ref=main\n')
case('note-helmcharts', 'deny', F, 'kustomize helmCharts (with --enable-helm) inflating stackstorm-ha with default values (Ch@ngeMe; stackstorm-ha.md s2)', raw='resources:\n  - ../../prod\nhelmCharts:\n  - name: stackstorm-ha\n    repo: https://helm.stackstorm.com/\n    version: 0.60.0\n    releaseName: st2b\n')

F = 'F15-safe-ops'

case('safe-ops-runner-grace-600', 'allow', F, 'longer grace for runners', patches=[jp('Deployment', 'st2actionrunner', "- op: replace\n  path: /spec/template/spec/terminationGracePeriodSeconds\n  value: 600")])
case('safe-ops-mongo-storage-bigger-new', 'allow', F, 'mongodb pod anti-affinity label added', patches=[smp("apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: mongodb\n  annotations:\n    backup.example.com/schedule: daily")])
case('safe-ops-api-env-tz', 'allow', F, 'TZ env on st2api', patches=[jp('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/0/env\n  value: [{name: TZ, value: UTC}]")])
case('safe-ops-userconf-stream', 'allow', F, 'stream heartbeat tuning', patches=[userconf("[api]\nallow_origin = '*'\n[stream]\nheartbeat = 25")])
case('safe-ops-userconf-webui', 'allow', F, 'webui base url', patches=[userconf("[webui]\nwebui_base_url = https://st2.example.com")])
case('safe-ops-userconf-scheduler', 'allow', F, 'scheduler sleep tuning', patches=[userconf("[scheduler]\nsleep_interval = 0.2\ngc_interval = 10")])
case('safe-ops-userconf-workflow', 'allow', F, 'workflow engine gc tuning', patches=[userconf("[workflow_engine]\ngc_max_idle_sec = 900")])
case('safe-ops-userconf-ssh', 'allow', F, 'ssh runner tuning', patches=[userconf("[ssh_runner]\nmax_parallel_actions = 25")])
case('safe-ops-userconf-metrics-noop', 'allow', F, 'metrics driver noop (default)', patches=[userconf("[metrics]\ndriver = noop")])
case('safe-ops-rmq-mem-watermark', 'allow', F, 'rabbitmq memory watermark', patches=[jp('ConfigMap', 'rabbitmq-config', "- op: replace\n  path: /data/rabbitmq.conf\n  value: |\n    cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config\n    cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-discovery\n    cluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-discovery\n    cluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-discovery\n    queue_master_locator = min-masters\n    loopback_users.guest = false\n    cluster_partition_handling = pause_minority\n    load_definitions = /etc/rabbitmq/definitions.json\n    vm_memory_high_watermark.relative = 0.6\n")])
case('safe-ops-ingress-whitelist', 'allow', F, 'ingress source allow-list', patches=[smp("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: st2web\n  annotations:\n    nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8")])
case('safe-ops-netpol-mongo', 'allow', F, 'NetworkPolicy restricting mongodb to st2 pods', resources=['n.yaml'], files={'n.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: mongodb-ingress\nspec:\n  podSelector:\n    matchLabels: {app: mongodb}\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: {release: st2}\n      ports:\n        - port: 27017\n'})
case('safe-ops-topology-spread-mongo', 'allow', F, 'topology spread for mongodb', patches=[jp('StatefulSet', 'mongodb', "- op: add\n  path: /spec/template/spec/topologySpreadConstraints\n  value: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: mongodb}}}]")])
case('safe-ops-stream-4', 'allow', F, 'st2stream 4 replicas', patches=[replicas('st2stream', 4)])
case('safe-ops-auth-4', 'allow', F, 'st2auth 4 replicas', patches=[replicas('st2auth', 4)])
case('safe-ops-wfe-5', 'allow', F, 'workflowengine 5 (active-active with coordination)', patches=[replicas('st2workflowengine', 5)])
case('safe-ops-scheduler-4', 'allow', F, 'scheduler 4', patches=[replicas('st2scheduler', 4)])
case('safe-ops-rules-4', 'allow', F, 'rulesengine 4', patches=[replicas('st2rulesengine', 4)])
case('safe-ops-mongo-cpu', 'allow', F, 'more mongodb cpu', patches=[jp('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/resources/limits/cpu\n  value: '4'")])
case('safe-ops-etcd-tag', 'allow', F, 'etcd 3.5.16 (still v2-capable 3.5)', extra='images:\n  - name: bitnamilegacy/etcd\n    newTag: "3.5.16"\n')
case('safe-ops-gc-1', 'allow', F, 'gc explicit 1', patches=[replicas('st2garbagecollector', 1)])
case('safe-ops-sensor-1-annot', 'allow', F, 'annotation on sensor container', patches=[smp("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2sensorcontainer\n  annotations:\n    owner: automation")])
case('safe-ops-svc-ipfamily', 'allow', F, 'dual-stack ClusterIP st2api', patches=[jp('Service', 'st2api', "- op: add\n  path: /spec/ipFamilyPolicy\n  value: PreferDualStack")])
case('safe-ops-stg-timers-annot', 'allow', F, 'staging: annotation on timersengine', base='staging', patches=[smp("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2timersengine\n  annotations:\n    owner: automation")])
case('safe-ops-dev-runner-2', 'allow', F, 'dev runners 2', base='dev', patches=[replicas('st2actionrunner', 2)])

F = 'F16-probes-of-holes'
KV = 'stackstorm-ha.md s12: without [keyvalue] encryption_key_path and a key file, st2 key set --encrypt fails (CryptoKeyNotSetupException, st2common/models/api/keyvalue.py); existing encrypted keys cannot be decrypted'
case('kv-path-empty-staging', 'deny', F, KV, base='staging', patches=[userconf("[keyvalue]\nencryption_key_path =")])
case('kv-path-empty-quoted', 'deny', F, KV + " (oslo keeps quotes: path '' does not exist)", patches=[userconf("[keyvalue]\nencryption_key_path = ''")])
case('kv-path-dir', 'deny', F, KV + '; a directory is not a key file (IsADirectoryError on read)', patches=[userconf("[keyvalue]\nencryption_key_path = /etc/st2/keys/")])
case('kv-path-empty-docker', 'deny', F, KV + '; set in st2.docker.conf', patches=[jp('ConfigMap', 'st2-config', "- op: replace\n  path: /data/st2.docker.conf\n  value: |\n    [auth]\n    api_url = http://st2api:9101/\n    [coordination]\n    url = etcd://etcd:2379\n    [keyvalue]\n    encryption_key_path =\n    [rbac]\n    enable = True\n    backend = default\n    [database]\n    host = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0\n")])
MK = 'docker-library/mongo docker-entrypoint.sh adds --auth when MONGO_INITDB_ROOT_USERNAME/PASSWORD are set (_mongod_hack_ensure_arg --auth); mongod refuses authorization+replSet without a keyFile ("BadValue: security.keyFile is required when authorization is enabled with replica sets") -> every member crash-loops, st2 has no database'
case('mongo-keyfile-removed-ops', 'deny', F, MK, patches=[jp('StatefulSet', 'mongodb', "- op: remove\n  path: /spec/template/spec/containers/0/args/3\n- op: remove\n  path: /spec/template/spec/containers/0/args/2")])
case('mongo-keyfile-missing-path', 'deny', F, 'mongod --keyFile pointing at a file that does not exist: mongod exits at start ("error opening file")', patches=[jp('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/args/3\n  value: /data/configdb/keyfile")])
case('mongo-keyfile-staging', 'deny', F, MK, base='staging', patches=[jp('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/args\n  value: [--replSet, rs0]")])
case('etcd-bitnami-staging', 'deny', F, 'stackstorm-ha.md s12: versioned bitnami/etcd tags moved to bitnamilegacy (bitnami/containers#83267) -> ImagePullBackOff, coordination down', base='staging', extra='images:\n  - name: bitnamilegacy/etcd\n    newName: docker.io/bitnami/etcd\n')
case('etcd-bitnami-patch', 'deny', F, 'same, via JSON patch of the image', patches=[jp('StatefulSet', 'etcd', "- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: bitnami/etcd:3.5.17")])
case('split-mongo-3keys', 'deny', F, 'stackstorm-ha.md s2.2 default MongoDB password split across three keys of one ConfigMap (any form)', resources=['extra.yaml'], files={'extra.yaml': cm_res('st2-parts', {'a': MONGO_PW[:11], 'b': MONGO_PW[11:22], 'c': MONGO_PW[22:]})})
case('split-keyfile-2', 'deny', F, 'stackstorm-ha.md s2.2 default mongodb keyfile key split in two annotations', patches=[smp("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-urls\n  annotations:\n    x/a: %s\n    x/b: %s" % (KEYF[:16], KEYF[16:]))])
case('safe-kv-path-same', 'allow', F, 'restating the default key path', patches=[userconf("[keyvalue]\nencryption_key_path = /etc/st2/keys/datastore_key.json")])
case('safe-mongo-keyfile-restated', 'allow', F, 'args restated with keyFile', patches=[jp('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/args\n  value: [--replSet, rs0, --keyFile, /data/configdb/key.txt, --wiredTigerCacheSizeGB, '1']")])
case('safe-split-nonsecret', 'allow', F, 'two halves of a public hostname', resources=['extra.yaml'], files={'extra.yaml': cm_res('st2-parts', {'a': 'st2.example', 'b': '.com'})})

case('db-host-empty', 'deny', F, 'st2 [database] host empty overrides the replica-set string (oslo later file wins): pymongo connects to localhost:27017 in the st2 pod, nothing listens, st2 exits (connection_retries=0, stackstorm-ha.md s12)', patches=[userconf("[database]\nhost =")])
case('rbac-backend-empty', 'deny', F, RBAC + '; empty backend name: st2common/rbac/backends get_backend_instance fails (no such entry point), st2api cannot start', patches=[userconf("[rbac]\nbackend =")])
case('coord-url-empty-docker', 'deny', F, 'NoOp coordination driver when url empty (st2common/services/coordination.py); multiple workflowengines race (stackstorm-ha.md s12)', patches=[userconf("[coordination]\nurl = ")])

F = 'F15-safe-ops'
case('safe-ops-etcd-legacy-explicit', 'allow', F, 'bitnamilegacy/etcd restated', extra='images:\n  - name: bitnamilegacy/etcd\n    newName: docker.io/bitnamilegacy/etcd\n    newTag: "3.5.17"\n')
case('safe-ops-db-readpref', 'allow', F, 'readPreference=primary added to the rs0 string', patches=[userconf("[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0&readPreference=primary")])
case('safe-ops-stream-output', 'allow', F, 'actionrunner stream_output', patches=[userconf("[actionrunner]\nstream_output = True")])
case('safe-ops-system-debug-off', 'allow', F, '[system] debug False (default)', patches=[userconf("[system]\ndebug = False")])
case('safe-ops-stg-auth-on', 'allow', F, 'staging auth explicitly on', base='staging', patches=[userconf("[auth]\nenable = True")])
case('safe-ops-mongo-3', 'allow', F, 'mongodb 3 restated', patches=[replicas('mongodb', 3, 'StatefulSet')])
case('safe-ops-etcd-3', 'allow', F, 'etcd 3 restated', patches=[replicas('etcd', 3, 'StatefulSet')])
case('safe-ops-rmq-3', 'allow', F, 'rabbitmq 3 restated', patches=[replicas('rabbitmq', 3, 'StatefulSet')])
case('safe-ops-runner-nodesel', 'allow', F, 'runners on linux nodes', patches=[jp('Deployment', 'st2actionrunner', "- op: add\n  path: /spec/template/spec/nodeSelector\n  value: {kubernetes.io/os: linux}")])
case('safe-ops-runner-mem', 'allow', F, 'runner memory up', patches=[jp('Deployment', 'st2actionrunner', "- op: replace\n  path: /spec/template/spec/containers/0/resources/limits/memory\n  value: 4Gi")])
case('safe-ops-ingress-tls-secret', 'allow', F, 'new TLS secret name (cert-manager issues it)', patches=[jp('Ingress', 'st2web', "- op: replace\n  path: /spec/tls/0/secretName\n  value: st2web-tls-2027", group='networking.k8s.io')])
case('safe-ops-stg-web-3', 'allow', F, 'staging st2web 3', base='staging', patches=[replicas('st2web', 3)])
case('safe-ops-dev-userconf', 'allow', F, 'dev token ttl', base='dev', patches=[userconf("[auth]\ntoken_ttl = 3600")])
case('safe-ops-mongo-keyfile-eq', 'allow', F, 'keyFile given as --keyFile=path single arg', patches=[jp('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/args\n  value: [--replSet=rs0, --keyFile=/data/configdb/key.txt]")])
case('safe-ops-kv-path-restated-staging', 'allow', F, 'staging restates the key path', base='staging', patches=[userconf("[keyvalue]\nencryption_key_path = /etc/st2/keys/datastore_key.json")])

with open(os.path.join(ROOT, 'verdicts.tsv'), 'w') as f:
    for r in V:
        f.write('\t'.join(x.replace('\t', ' ').replace('\n', ' ') for x in r) + '\n')
with open(os.path.join(ROOT, 'planted.tsv'), 'w') as f:
    for r in P:
        f.write('\t'.join(r) + '\n')
print(len(V), 'cases;', sum(1 for r in V if r[1] == 'deny'), 'deny', sum(1 for r in V if r[1] == 'allow'), 'allow', sum(1 for r in V if r[1] == 'bad'), 'bad')
