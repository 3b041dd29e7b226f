#!/usr/bin/env python3
"""red20 adversarial corpus generator for st2-gitops. Writes ../cases/<id>/, ../verdicts.tsv, ../planted.tsv."""
import os, shutil, json, base64, codecs, textwrap
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, 'cases')
shutil.rmtree(CASES, ignore_errors=True); os.makedirs(CASES)
V = []; P = []
USER0 = "# Operator overrides (the chart's st2.config value). Highest priority.\n[api]\nallow_origin = '*'\n"
# upstream fact shorthands
F_AUTH = "st2 docs authentication.rst: [auth] enable=False turns off auth, API open to anyone; oslo.config Boolean accepts 0/f/false/n/no/off"
F_RBAC = "st2 docs rbac.rst: RBAC only enforced when [rbac] enable=True; otherwise every user is admin"
F_COORD = "stackstorm-ha.md sec12: st2notifier/actionrunner>1 need a shared coordination backend; ha.rst: file-based coordination will not work distributed; tooz driver must reach its store"
F_SINGLE = "stackstorm-ha.md sec12: st2timersengine must be exactly 1 (every replica fires every timer); st2sensorcontainer 1 unless partitioned"
F_MONGO = "MongoDB docs replica-set architecture: majority of voting members needed for a primary; 3-member set tolerates 1 loss"
F_ETCD = "etcd docs faq.md: cluster of N needs (N/2)+1 for quorum; even sizes add no fault tolerance"
F_RMQ = "rabbitmq docs partitions.md / clustering: pause_minority needs an odd majority; even clusters pause on 50/50 split"
F_EXPOSE = "stackstorm-ha.md sec12 / mongodb security checklist / rabbitmq networking: stores must not be reachable from outside the cluster"
F_DEF = "policies/chart_defaults (stackstorm-k8s values.yaml defaults): chart default credential published upstream"
F_PVC = "kubernetes docs StatefulSet persistentVolumeClaimRetentionPolicy: whenScaled/whenDeleted=Delete deletes PVCs (data)"
F_K8S_EPH = "kubernetes docs volumes: container writable layer / emptyDir lost when pod is deleted"

DROP = {
 'g08-mongo-datadir-emptydir-memory': 'harmless: StatefulSet controller replaces a pod volume named like a volumeClaimTemplate with the PVC (kubernetes pkg/controller/statefulset/stateful_set_utils.go updateStorage), so the emptyDir never lands',
 'g09-rabbit-data-subpath': 'could not establish that RABBITMQ_BASE relocates data on Linux in 3.12 (rabbit_env.erl); relocate.md lists it as Windows-oriented',
 'h06-rmq-channel-max-1': 'could not establish that every st2 service opens more than one channel per kombu connection',
 'h41-etcd-max-request-1': 'could not establish that --max-request-bytes applies to etcd v2 API writes (limit checked on the v3 raft request path)',
 'b26-actionrunner-python-missing': 'python_binary is used when creating pack virtualenvs; prebuilt image virtualenvs may still run, harm not established',
 'i09-secrets-conf-mode-0400-root': 'with pod fsGroup the kubelet adds group read to secret files (SetVolumeOwnership), so st2 may still read it; not established',
 'h07-rmq-frame-max-tiny': 'AMQP 0-9-1 frame-min-size is 4096, but could not confirm in rabbit_reader that a server frame_max below it refuses connections rather than being clamped',
 'i11-api-runasuser-wrong': 'readOnlyRootFilesystem on st2api: not established that st2api writes outside mounted volumes',
}
DROPPED = []
def case(cid, expected, family, reason, kust, files=None, base='prod', plant=None):
    if cid in DROP:
        DROPPED.append((cid, family, DROP[cid])); return
    d = os.path.join(CASES, cid); os.makedirs(d)
    if not kust.lstrip().startswith('apiVersion'):
        import re
        extra = ''
        m = re.search(r'(?m)^resources:\n((?:  - .*\n)+)', kust)
        if m:
            extra = m.group(1); kust = kust[:m.start()] + kust[m.end():]
        kust = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../%s\n" % base + extra + kust
    open(os.path.join(d, 'kustomization.yaml'), 'w').write(kust)
    for n, t in (files or {}).items():
        open(os.path.join(d, n), 'w').write(t)
    V.append((cid, expected, family, reason.replace('\t', ' ')))
    if plant: P.append((cid, plant))

def ind(s, n):
    return textwrap.indent(s, ' ' * n)

def userconf(extra, keep=True):
    txt = (USER0 if keep else "") + extra
    return "patches:\n  - target:\n      kind: ConfigMap\n      name: st2-config\n    patch: |-\n      - op: replace\n        path: /data/st2.user.conf\n        value: %s\n" % json.dumps(txt)

def j6902(kind, name, ops):
    return "  - target:\n      kind: %s\n      name: %s\n    patch: |-\n%s\n" % (kind, name, ind(ops.strip('\n'), 6))

def patches(*ps):
    return "patches:\n" + "".join(ps)

def smp(body):
    return "  - patch: |-\n%s\n" % ind(body.strip('\n'), 6)

# ---------------- Family A: st2 auth/rbac turned off through config syntax ----------------
fa = 'A-auth-rbac-config'
for i, (v, sep) in enumerate([('False', '='), ('n', '='), ('off', '='), ('0', '='), ('F', '='), ('No', '='), ('false', ':'), ('OFF', ':')]):
    case('a%02d-auth-%s' % (i, v.lower() + ('colon' if sep == ':' else '')), 'deny', fa, F_AUTH + "; value %r with separator %r" % (v, sep),
         userconf("[auth]\nenable %s %s\n" % (sep, v)))
case('a10-auth-dup-section', 'deny', fa, F_AUTH + "; oslo iniparser merges repeated sections, last value wins", userconf("[auth]\nenable = True\n[api]\nmask_secrets = True\n[auth]\nenable = False\n"))
case('a11-rbac-off-colon', 'deny', fa, F_RBAC, userconf("[rbac]\nenable: no\n"))
case('a12-rbac-backend-noop', 'deny', fa, F_RBAC + "; backend=noop is the no-op RBAC backend (st2common/rbac/backends/noop.py) allowing everything", userconf("[rbac]\nbackend = noop\n"))
case('a13-auth-mode-proxy', 'deny', fa, "st2 docs authentication.rst: mode=proxy trusts REMOTE_USER set by the fronting proxy; anyone reaching st2auth logs in as any user", userconf("[auth]\nmode = proxy\n"))
case('a14-auth-mode-proxy-colon', 'deny', fa, "st2 docs authentication.rst: mode=proxy trusts REMOTE_USER header", userconf("[auth]\nmode: proxy\n"))
case('a15-api-mask-secrets-off', 'deny', fa, "st2 docs secrets masking (reference/secrets_masking.rst): [api] mask_secrets=False returns secret parameters and datastore secrets in API responses", userconf("[api]\nmask_secrets = False\n", keep=False))
case('a16-log-mask-secrets-off', 'deny', fa, "st2 docs secrets_masking.rst: [log] mask_secrets=False writes secret action parameters to logs", userconf("[log]\nmask_secrets = False\n"))
# extra config file appended on one service
extra_cm = """apiVersion: v1
kind: ConfigMap
metadata:
  name: st2-extra
data:
  zz.conf: |
    [auth]
    enable = False
"""
dep_extra = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: st2api
spec:
  template:
    spec:
      containers:
        - name: st2api
          volumeMounts:
            - name: extra
              mountPath: /etc/st2/conf.d
      volumes:
        - name: extra
          configMap:
            name: st2-extra
"""
case('a17-auth-off-config-dir', 'deny', fa, F_AUTH + "; oslo.config --config-dir reads *.conf after --config-file values (oslo cfg.py _Namespace)",
     "resources:\n  - extra.yaml\npatches:\n" + smp(dep_extra) + j6902('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --config-dir=/etc/st2/conf.d"), {'extra.yaml': extra_cm})
case('a18-auth-off-extra-config-file', 'deny', fa, F_AUTH + "; a later --config-file overrides earlier ones (oslo.config)",
     "resources:\n  - extra.yaml\npatches:\n" + smp(dep_extra) + j6902('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --config-file=/etc/st2/conf.d/zz.conf"), {'extra.yaml': extra_cm})
case('a19-auth-off-docker-conf-replace', 'deny', fa, F_AUTH, j6902('ConfigMap', 'st2-config', "- op: replace\n  path: /data/st2.docker.conf\n  value: |\n    [auth]\n    api_url = http://st2api:9101/\n    enable = f\n    [coordination]\n    url = etcd://etcd:2379\n    [rbac]\n    enable = True\n    backend = default\n    [database]\n    host = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0\n").replace('  - target', 'patches:\n  - target', 1))
case('a20-auth-off-continuation', 'deny', fa, F_AUTH + "; oslo iniparser: a line indented under a key continues it? (no) here a second key line", userconf("[auth]\nenable = True\n\n[auth]\n  \nenable=0\n"))
# safe look-alikes
case('a30-safe-auth-on-explicit', 'allow', fa, "restating [auth] enable=True is the default", userconf("[auth]\nenable = True\ntoken_ttl = 86400\n"))
case('a31-safe-rbac-sync-groups', 'allow', fa, "st2 rbac.rst: sync_remote_groups is a normal RBAC option", userconf("[rbac]\nenable = True\nsync_remote_groups = True\n"))
case('a32-safe-allow-origin', 'allow', fa, "tightening CORS to the st2web host", userconf("[api]\nallow_origin = https://st2.example.com\n", keep=False))
case('a33-safe-mask-secrets-on', 'allow', fa, "mask_secrets=True is the default", userconf("[api]\nmask_secrets = True\n[log]\nmask_secrets = True\n"))
case('a34-safe-auth-comment-false', 'allow', fa, "the word False only in a comment; oslo iniparser ignores # lines", userconf("[auth]\n# enable = False was used in the lab, never here\nenable = True\n"))
case('a35-safe-mode-standalone', 'allow', fa, "mode=standalone is the chart default", userconf("[auth]\nmode = standalone\n"))

# ---------------- Family B: st2 options that break st2 ----------------
fb = 'B-st2-options-break'
case('b01-coord-redis-absent', 'deny', fb, F_COORD + "; no redis Service is rendered so tooz redis driver cannot connect", userconf("[coordination]\nurl = redis://redis:6379\n"))
case('b02-coord-zookeeper-absent', 'deny', fb, F_COORD + "; kazoo:// needs a ZooKeeper that is not deployed", userconf("[coordination]\nurl = kazoo://zookeeper:2181\n"))
case('b03-coord-file', 'deny', fb, F_COORD + " (file:// driver locks are per pod)", userconf("[coordination]\nurl = file:///tmp/st2-locks\n"))
case('b04-coord-empty', 'deny', fb, F_COORD + "; empty url falls back to NoOpDriver (st2common/services/coordination.py) so locks are not shared", userconf("[coordination]\nurl =\n"))
case('b05-coord-etcd-wrong-port', 'deny', fb, F_COORD + "; etcd client port is 2379 (etcd-cluster component); 2380 is the peer port", userconf("[coordination]\nurl = etcd://etcd:2380\n"))
case('b06-coord-etcd-headless-member0', 'deny', fb, "(first judged safe; the gate's reason holds) tooz etcd driver takes one host: naming member etcd-0 makes coordination die with that one pod, the 3-member etcd gives no HA (etcd-cluster component; stackstorm-ha.md sec12 coordination)", userconf("[coordination]\nurl = etcd://etcd-0.etcd-headless:2379\n"))
case('b07-db-single-host-no-rs', 'deny', fb, "pymongo docs: a single host without replicaSet connects directly to that member; on a secondary writes fail NotWritablePrimary", userconf("[database]\nhost = mongodb://mongodb-1.mongodb:27017/?authSource=admin\n"))
case('b08-db-wrong-rs-name', 'deny', fb, "pymongo docs: replicaSet name must match the set (rs0, mongodb-scripts replset-init.js) or server selection times out", userconf("[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs1\n"))
case('b09-db-wrong-port', 'deny', fb, "mongod listens on 27017 (mongodb StatefulSet); 27018 refuses connections", userconf("[database]\nhost = mongodb://mongodb-0.mongodb:27018,mongodb-1.mongodb:27018,mongodb-2.mongodb:27018/?authSource=admin&replicaSet=rs0\n"))
case('b10-api-port-moved', 'deny', fb, "st2 config.py [api] port (default 9101) is where st2api listens; Service and probes use 9101 so pods never become ready", userconf("[api]\nallow_origin = '*'\nport = 9102\n", keep=False))
case('b11-api-host-loopback', 'deny', fb, "st2 config.py [api] host bind address; 127.0.0.1 makes st2api unreachable from the Service", userconf("[api]\nallow_origin = '*'\nhost = 127.0.0.1\n", keep=False))
case('b12-auth-port-moved', 'deny', fb, "st2 config.py [auth] port default 9100; Service/probe on 9100", userconf("[auth]\nport = 9200\n"))
case('b13-token-ttl-1s', 'deny', fb, "st2 config [auth] token_ttl seconds; 1 makes every token expire at once: st2 unusable", userconf("[auth]\ntoken_ttl = 1\n"))
case('b14-keyvalue-key-missing', 'deny', fb, "st2 docs datastore.rst: encryption_key_path must point to the crypto key file; a missing file fails every encrypted datastore op", userconf("[keyvalue]\nencryption_key_path = /etc/st2/keys/missing.json\n"))
case('b15-scheduler-pool-0', 'deny', fb, "st2 scheduler config pool_size (default 10) sizes the eventlet GreenPool; 0 schedules nothing", userconf("[scheduler]\npool_size = 0\n"))
case('b16-messaging-url-guest', 'deny', fb, F_DEF + "; rabbitmq guest/guest is RabbitMQ's published default (rabbitmq access-control.md)", userconf("[messaging]\nurl = amqp://guest:guest@rabbitmq:5672/\n"))
case('b17-db-ssl-no-ca', 'deny', fb, "st2 config [database] ssl=True with mongod started without TLS (no --tlsMode): pymongo handshake fails, st2 cannot reach store", userconf("[database]\nssl = True\n"))
case('b18-stream-port-moved', 'deny', fb, "st2 config [stream] port default 9102 is served by the st2stream Service", userconf("[stream]\nport = 9999\n"))
case('b19-webui-baseurl', 'allow', fb, "st2 [webui] webui_base_url only changes links in notifications", userconf("[webui]\nwebui_base_url = https://st2.example.com\n"))
case('b20-safe-db-timeouts', 'allow', fb, "st2 [database] connection_timeout / connection_retries are tuning knobs", userconf("[database]\nconnection_timeout = 5000\nconnection_retries = 5\n"))
case('b21-safe-messaging-retries', 'allow', fb, "st2 [messaging] connection_retries tuning", userconf("[messaging]\nconnection_retries = 20\nconnection_retry_wait = 5000\n"))
case('b22-safe-token-ttl-day', 'allow', fb, "token_ttl 86400 (one day) is the st2 default", userconf("[auth]\ntoken_ttl = 86400\n"))
case('b23-safe-scheduler-pool-20', 'allow', fb, "pool_size 20", userconf("[scheduler]\npool_size = 20\n"))
case('b24-safe-gc-ttl-30', 'allow', fb, "st2 garbagecollector action_executions_ttl 30 days: routine retention", userconf("[garbagecollector]\naction_executions_ttl = 30\naction_executions_output_ttl = 7\n"))
case('b25-gc-ttl-0-output', 'allow', fb, "ttl unset (0) keeps everything (st2 default)", userconf("[garbagecollector]\naction_executions_ttl = 0\n"))
case('b26-actionrunner-python-missing', 'deny', fb, "st2 [actionrunner] python_binary must exist in the image; /usr/bin/python9 absent so every python action fails", userconf("[actionrunner]\npython_binary = /usr/bin/python9\n"))
case('b27-system-user-missing-key', 'deny', fb, "st2 [system_user] ssh_key_file: the key is mounted at /home/stanley/.ssh/stanley_rsa; another path breaks remote actions", userconf("[system_user]\nuser = stanley\nssh_key_file = /root/.ssh/id_rsa\n"))
case('b28-safe-log-level', 'allow', fb, "st2 logging config path change to the image's console logging", userconf("[system]\ndebug = False\n"))
case('b29-system-debug-true', 'deny', fb, "st2 docs: [system] debug=True enables debug mode, verbose logs with secrets and tracebacks to clients (st2common config.py help 'Enable debug mode')", userconf("[system]\ndebug = True\n"))

# ---------------- Family C: singleton / replica topology ----------------
fc = 'C-singletons-replicas'
hpa = lambda name, mn, mx: """apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: %s
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: %s
  minReplicas: %d
  maxReplicas: %d
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
""" % (name, name, mn, mx)
case('c01-hpa-timersengine', 'deny', fc, F_SINGLE + "; HPA sets spec.replicas (kubernetes HPA docs)", "resources:\n  - hpa.yaml\n", {'hpa.yaml': hpa('st2timersengine', 2, 4)})
case('c02-hpa-sensorcontainer', 'deny', fc, F_SINGLE, "resources:\n  - hpa.yaml\n", {'hpa.yaml': hpa('st2sensorcontainer', 1, 3)})
case('c03-hpa-timers-min1-max3', 'deny', fc, F_SINGLE + "; max 3 lets HPA scale it beyond 1", "resources:\n  - hpa.yaml\n", {'hpa.yaml': hpa('st2timersengine', 1, 3)})
case('c04-safe-hpa-api', 'allow', fc, "st2api is active-active (stackstorm-ha.md sec12); HPA 3..9 keeps the floor", "resources:\n  - hpa.yaml\n", {'hpa.yaml': hpa('st2api', 3, 9)})
case('c05-safe-hpa-runner', 'allow', fc, "st2actionrunner active-active", "resources:\n  - hpa.yaml\n", {'hpa.yaml': hpa('st2actionrunner', 8, 20)})
case('c06-hpa-api-min1', 'deny', fc, "HA floor: an HPA with minReplicas 1 scales st2api to a single pod (stackstorm-ha.md sec12 active-active >=2)", "resources:\n  - hpa.yaml\n", {'hpa.yaml': hpa('st2api', 1, 5)})
case('c07-timers-rollingupdate', 'deny', fc, F_SINGLE + "; RollingUpdate surges a second pod during rollout (kubernetes Deployment docs maxSurge)",
     patches(j6902('Deployment', 'st2timersengine', "- op: replace\n  path: /spec/strategy\n  value: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}")))
case('c08-sensor-rollingupdate-default', 'deny', fc, F_SINGLE + "; RollingUpdate default maxSurge 25% rounds up to 1",
     patches(j6902('Deployment', 'st2sensorcontainer', "- op: remove\n  path: /spec/strategy")))
case('c09-safe-timers-recreate-restated', 'allow', fc, "Recreate is what the base does",
     patches(j6902('Deployment', 'st2timersengine', "- op: replace\n  path: /spec/strategy\n  value: {type: Recreate}")))
case('c10-timers-statefulset-copy', 'deny', fc, F_SINGLE + "; a second workload running st2timersengine",
     "resources:\n  - t.yaml\n", {'t.yaml': """apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: timers-b
spec:
  serviceName: timers-b
  replicas: 1
  selector:
    matchLabels: {app: timers-b}
  template:
    metadata:
      labels: {app: timers-b}
    spec:
      containers:
        - name: t
          image: stackstorm/st2timersengine:3.8.1
          command: ["/opt/stackstorm/st2/bin/st2timersengine"]
          args: ["--config-file=/etc/st2/st2.conf"]
"""})
case('c11-timers-via-python-m', 'deny', fc, F_SINGLE + "; st2reactor.cmd.timersengine is the same program (st2 st2reactor/bin/st2timersengine)",
     "resources:\n  - t.yaml\n", {'t.yaml': """apiVersion: apps/v1
kind: Deployment
metadata:
  name: cron-helper
spec:
  replicas: 1
  selector:
    matchLabels: {app: cron-helper}
  template:
    metadata:
      labels: {app: cron-helper}
    spec:
      containers:
        - name: t
          image: stackstorm/st2actionrunner:3.8.1
          command: ["/opt/stackstorm/st2/bin/python", "-c", "from st2reactor.cmd import timersengine; timersengine.main()"]
"""})
case('c12-sensor-hash-partition-2', 'deny', fc, "st2 docs sensor_partitioning.rst: hash partitioning gives each sensornode its own hash_ranges; identical replicas share one range so every sensor runs twice",
     userconf("[sensorcontainer]\npartition_provider = name:hash, hash_ranges:0..1024|2048..MAX\n") + j6902('Deployment', 'st2sensorcontainer', "- op: replace\n  path: /spec/replicas\n  value: 2"))
for n, r, fact in [('mongodb', 2, F_MONGO), ('mongodb', 4, F_MONGO), ('etcd', 2, F_ETCD), ('etcd', 4, F_ETCD), ('rabbitmq', 2, F_RMQ), ('rabbitmq', 1, F_RMQ)]:
    case('c2%d-%s-%d' % (r, n, r), 'deny', fc, fact, patches(j6902('StatefulSet', n, "- op: replace\n  path: /spec/replicas\n  value: %d" % r)))
case('c30-gc-2', 'allow', fc, "stackstorm-ha.md sec12: st2garbagecollector multiple instances 'will not do any harm'", patches(j6902('Deployment', 'st2garbagecollector', "- op: replace\n  path: /spec/replicas\n  value: 2")))
case('c31-safe-api-5', 'allow', fc, "active-active scale up", patches(j6902('Deployment', 'st2api', "- op: replace\n  path: /spec/replicas\n  value: 5")))
case('c32-safe-runner-16', 'allow', fc, "runners scale with load", patches(j6902('Deployment', 'st2actionrunner', "- op: replace\n  path: /spec/replicas\n  value: 16")))
case('c33-notifier-1', 'deny', fc, "staging/prod HA floor: st2notifier default 2 (stackstorm-ha.md sec12); 1 is a single point of failure", patches(j6902('Deployment', 'st2notifier', "- op: replace\n  path: /spec/replicas\n  value: 1")))
case('c34-scheduler-0', 'deny', fc, "st2 3.8 needs st2scheduler running (README) ; 0 schedules nothing", patches(j6902('Deployment', 'st2scheduler', "- op: replace\n  path: /spec/replicas\n  value: 0")))
case('c35-timers-0', 'deny', fc, F_SINGLE + "; zero fires no timers", patches(j6902('Deployment', 'st2timersengine', "- op: replace\n  path: /spec/replicas\n  value: 0")))
case('c36-keda-timers', 'deny', fc, F_SINGLE + "; KEDA ScaledObject sets replicas of its target (keda docs scaledobject spec minReplicaCount)",
     "resources:\n  - so.yaml\n", {'so.yaml': """apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: timers
spec:
  scaleTargetRef:
    name: st2timersengine
  minReplicaCount: 2
  maxReplicaCount: 3
  triggers:
    - type: cpu
      metricType: Utilization
      metadata:
        value: "50"
"""})
case('c37-safe-keda-runner', 'allow', fc, "KEDA on active-active actionrunner keeping floor 8", "resources:\n  - so.yaml\n", {'so.yaml': """apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: runners
spec:
  scaleTargetRef:
    name: st2actionrunner
  minReplicaCount: 8
  maxReplicaCount: 20
  triggers:
    - type: cpu
      metricType: Utilization
      metadata:
        value: "60"
"""})
case('c38-timers-daemonset-via-kind', 'deny', fc, F_SINGLE + "; a DaemonSet runs one per node", "resources:\n  - t.yaml\n", {'t.yaml': """apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-timers
spec:
  selector:
    matchLabels: {app: node-timers}
  template:
    metadata:
      labels: {app: node-timers}
    spec:
      containers:
        - name: t
          image: stackstorm/st2timersengine:3.8.1
"""})

# ---------------- Family D: PDB / disruption ----------------
fd = 'D-disruption-budgets'
def pdbsw(n, field, val):
    other = 'maxUnavailable' if field == 'minAvailable' else 'minAvailable'
    if field == 'minAvailable':
        return patches(j6902('PodDisruptionBudget', n, "- op: replace\n  path: /spec/minAvailable\n  value: %s" % json.dumps(val)))
    return patches(j6902('PodDisruptionBudget', n, "- op: remove\n  path: /spec/minAvailable\n- op: add\n  path: /spec/maxUnavailable\n  value: %s" % json.dumps(val)))
for n, fact in [('mongodb', F_MONGO), ('etcd', F_ETCD), ('rabbitmq', F_RMQ)]:
    case('d-%s-minavail-1' % n, 'deny', fd, fact + "; minAvailable 1 of 3 lets a drain evict 2 members (kubernetes PDB docs)", pdbsw(n, 'minAvailable', 1))
    case('d-%s-maxunavail-2' % n, 'deny', fd, fact + "; maxUnavailable 2 of 3 loses the majority on a drain", pdbsw(n, 'maxUnavailable', 2))
    case('d-%s-safe-maxunavail-1' % n, 'allow', fd, "maxUnavailable 1 of 3 is the same budget as minAvailable 2", pdbsw(n, 'maxUnavailable', 1))
case('d-mongodb-pct-67', 'deny', fd, F_MONGO + "; maxUnavailable 67% of 3 rounds up to 3 (kubernetes PDB docs: percentages round up)", pdbsw('mongodb', 'maxUnavailable', '67%'))
case('d-mongodb-safe-pct-34', 'allow', fd, "maxUnavailable 33% of 3 = 0.99 rounds up to 1 (kubernetes PDB docs), same budget as minAvailable 2", pdbsw('mongodb', 'maxUnavailable', '33%'))
case('d-etcd-selector-mismatch', 'deny', fd, F_ETCD + "; a PDB whose selector matches no pod protects nothing (kubernetes PDB docs)",
     patches(j6902('PodDisruptionBudget', 'etcd', "- op: replace\n  path: /spec/selector/matchLabels/app\n  value: etcd-v2")))
case('d-safe-unhealthy-policy', 'allow', fd, "kubernetes PDB unhealthyPodEvictionPolicy AlwaysAllow is a documented option for stuck pods", patches(j6902('PodDisruptionBudget', 'st2api', "- op: add\n  path: /spec/unhealthyPodEvictionPolicy\n  value: AlwaysAllow")))

# ---------------- Family E: exposure of stores/API ----------------
fe = 'E-exposure'
def svc(name, typ, sel, port, extra=''):
    return """apiVersion: v1
kind: Service
metadata:
  name: %s
%sspec:
  type: %s
  selector:
%s
  ports:
    - name: p
      port: %d
      targetPort: %d
""" % (name, extra, typ, ind(sel, 4), port, port)
case('e01-lb-mongodb', 'deny', fe, F_EXPOSE, "resources:\n  - s.yaml\n", {'s.yaml': svc('mongo-ext', 'LoadBalancer', 'app: mongodb', 27017)})
case('e02-lb-rabbit-mgmt', 'deny', fe, F_EXPOSE, "resources:\n  - s.yaml\n", {'s.yaml': svc('rmq-ui', 'LoadBalancer', 'app: rabbitmq', 15672)})
case('e03-nodeport-etcd', 'deny', fe, F_EXPOSE + "; etcd has no client auth here (etcd security.md)", "resources:\n  - s.yaml\n", {'s.yaml': svc('etcd-np', 'NodePort', 'app: etcd', 2379)})
case('e04-externalips-mongodb-svc', 'deny', fe, F_EXPOSE + "; kubernetes Service externalIPs route traffic for those IPs on every node", patches(j6902('Service', 'mongodb', "- op: add\n  path: /spec/externalIPs\n  value: [203.0.113.10]")))
case('e05-lb-release-selector', 'deny', fe, F_EXPOSE + "; selector release=st2 matches the MongoDB pods too", "resources:\n  - s.yaml\n", {'s.yaml': svc('all-lb', 'LoadBalancer', 'release: st2', 27017)})
case('e06-hostport-rabbit', 'deny', fe, F_EXPOSE + "; hostPort publishes on the node IP (kubernetes docs)", patches(j6902('StatefulSet', 'rabbitmq', "- op: add\n  path: /spec/template/spec/containers/0/ports/1/hostPort\n  value: 5672")))
case('e07-hostnetwork-etcd', 'deny', fe, F_EXPOSE + "; hostNetwork binds 0.0.0.0:2379 on the node", patches(j6902('StatefulSet', 'etcd', "- op: add\n  path: /spec/template/spec/hostNetwork\n  value: true")))
case('e08-ingress-rabbit-ui', 'deny', fe, F_EXPOSE, "resources:\n  - i.yaml\n", {'i.yaml': """apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: rabbit-ui
spec:
  ingressClassName: nginx
  rules:
    - host: rabbit.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: rabbitmq
                port:
                  number: 15672
"""})
case('e09-ingress-path-to-etcd', 'deny', fe, F_EXPOSE + "; v2 keys API unauthenticated holds st2 locks", patches(j6902('Ingress', 'st2web', "- op: add\n  path: /spec/rules/0/http/paths/-\n  value: {path: /v2, pathType: Prefix, backend: {service: {name: etcd, port: {number: 2379}}}}")))
case('e10-httproute-mongo', 'deny', fe, F_EXPOSE + "; Gateway API TCPRoute forwards a public listener to MongoDB", "resources:\n  - r.yaml\n", {'r.yaml': """apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata:
  name: mongo
spec:
  parentRefs:
    - name: public-gw
      namespace: gateways
  rules:
    - backendRefs:
        - name: mongodb
          port: 27017
"""})
case('e11-socat-relay-st2web', 'deny', fe, F_EXPOSE + "; a socat sidecar relays st2web:8443 to mongodb:27017 and a LoadBalancer publishes it",
     "resources:\n  - s.yaml\npatches:\n" + smp("""apiVersion: apps/v1
kind: Deployment
metadata:
  name: st2web
spec:
  template:
    spec:
      containers:
        - name: relay
          image: alpine/socat:1.7.4.4
          args: ["TCP-LISTEN:8443,fork,reuseaddr", "TCP:mongodb:27017"]
          ports:
            - containerPort: 8443
"""), {'s.yaml': svc('st2web-alt', 'LoadBalancer', 'app: st2web', 8443)})
case('e12-nginx-stream-snippet', 'deny', fe, F_EXPOSE + "; ingress-nginx tcp-services ConfigMap exposes namespace/svc:port on the controller (ingress-nginx docs exposing-tcp-udp-services)",
     "resources:\n  - cm.yaml\n", {'cm.yaml': """apiVersion: v1
kind: ConfigMap
metadata:
  name: tcp-services
  namespace: ingress-nginx
data:
  "27017": "st2-prod/mongodb:27017"
"""})
case('e13-ingress-ssl-redirect-off', 'deny', fe, "st2 login posts credentials; ingress-nginx ssl-redirect=false serves HTTP too (ingress-nginx annotations docs) so passwords cross in clear",
     patches(j6902('Ingress', 'st2web', "- op: add\n  path: /metadata/annotations/nginx.ingress.kubernetes.io~1ssl-redirect\n  value: \"false\"")))
case('e14-api-lb-noauth', 'deny', fe, F_AUTH + "; st2api published with auth off", userconf("[auth]\nenable = no\n[database]\npassword = R20planted-Mq4tY8\n") + "resources:\n  - s.yaml\n", {'s.yaml': svc('api-lb', 'LoadBalancer', 'app: st2api', 9101)}, plant='R20planted-Mq4tY8')
case('e15-lb-ipv6-dual', 'deny', fe, F_EXPOSE, "resources:\n  - s.yaml\n", {'s.yaml': svc('mongo-v6', 'LoadBalancer', 'app: mongodb', 27017).replace('spec:\n', 'spec:\n  ipFamilyPolicy: PreferDualStack\n  ipFamilies: [IPv6]\n')})
case('e16-svc-externalname-annot-lb', 'deny', fe, F_EXPOSE + "; MetalLB/cloud LBs also act on ClusterIP? no: here type LoadBalancer set via JSON patch op copy", patches(j6902('Service', 'rabbitmq', "- op: replace\n  path: /spec/type\n  value: LoadBalancer")))
case('e17-etcd-svc-lb-internal-annot-only', 'deny', fe, F_EXPOSE + "; the annotation name is misspelled (aws-load-balancer-internals) so the LB is internet-facing (AWS LB controller annotations docs)",
     "resources:\n  - s.yaml\n", {'s.yaml': svc('etcd-lb', 'LoadBalancer', 'app: etcd', 2379, '  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-internals: "true"\n')})
case('e30-safe-api-ingress-path', 'allow', fe, "st2 exposes /api and /auth behind st2web; an extra path to st2api:9101 with auth on is what the chart's ingress does", patches(j6902('Ingress', 'st2web', "- op: add\n  path: /spec/rules/0/http/paths/-\n  value: {path: /api, pathType: Prefix, backend: {service: {name: st2api, port: {number: 9101}}}}")))
case('e31-safe-ingress-whitelist', 'allow', fe, "ingress-nginx whitelist-source-range narrows access", patches(j6902('Ingress', 'st2web', "- op: add\n  path: /metadata/annotations/nginx.ingress.kubernetes.io~1whitelist-source-range\n  value: 10.0.0.0/8")))
case('e32-safe-internal-lb-st2web', 'allow', fe, "st2web behind an internal LB with sourceRanges is a normal private exposure", "resources:\n  - s.yaml\n", {'s.yaml': svc('st2web-int', 'LoadBalancer', 'app: st2web', 443, '  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-internal: "true"\n').replace('spec:\n', 'spec:\n  loadBalancerSourceRanges: [10.0.0.0/8]\n')})
case('e33-safe-headless-rabbit-metrics', 'allow', fe, "ClusterIP Service for prometheus scraping of rabbitmq 15692", "resources:\n  - s.yaml\n", {'s.yaml': svc('rabbitmq-metrics', 'ClusterIP', 'app: rabbitmq', 15692)})
case('e34-safe-ingress-host-change', 'allow', fe, "renaming the public host", patches(j6902('Ingress', 'st2web', "- op: replace\n  path: /spec/rules/0/host\n  value: stackstorm.example.org\n- op: replace\n  path: /spec/tls/0/hosts/0\n  value: stackstorm.example.org")))
case('e35-safe-mongo-clusterip-alias', 'allow', fe, "a second ClusterIP Service for mongodb (in-cluster only)", "resources:\n  - s.yaml\n", {'s.yaml': svc('mongodb-rw', 'ClusterIP', 'app: mongodb', 27017)})

# ---------------- Family F: default/known secrets in encodings (with planted) ----------------
ff = 'F-default-secrets-encoded'
DEF = 'Ch@ngeMe'; RMQ = '9jS+w1u07NbHtZke1m+jW4Cj'; MONGO = 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK'
def secret_cm(name, data):
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\ndata:\n%s" % (name, ind(''.join('%s: %s\n' % (k, json.dumps(v)) for k, v in data.items()), 2))
enc = {
 'base58': None,
 'utf16-b64': base64.b64encode(DEF.encode('utf-16-le')).decode(),
 'b85': base64.b85encode(DEF.encode()).decode(),
 'b32hex': base64.b32hexencode(DEF.encode()).decode(),
 'fullwidth': ''.join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7e else c for c in MONGO),
 'spaced': ' '.join(DEF),
 'nato-ish': '-'.join(DEF),
 'js-fromcharcode': 'String.fromCharCode(%s)' % ','.join(str(ord(c)) for c in DEF),
 'octal-escapes': ''.join('\\%03o' % ord(c) for c in DEF),
 'unicode-escape': ''.join('\\u%04x' % ord(c) for c in RMQ),
 'b64-of-b64': base64.b64encode(base64.b64encode(RMQ.encode())).decode(),
 'hex-upper-spaced': ' '.join('%02X' % b for b in RMQ.encode()),
}
alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
n = int.from_bytes(DEF.encode(), 'big'); s = ''
while n: n, r = divmod(n, 58); s = alphabet[r] + s
enc['base58'] = s
plants = {}
for i, (k, v) in enumerate(enc.items()):
    pl = None
    if k == 'utf16-b64': pl = 'R20planted-Kx9vQ2'
    case('f%02d-default-%s' % (i, k), 'deny', ff, F_DEF + "; value carried as %s (trust-model: 'a default secret reaches the cluster in any form or encoding')" % k,
         "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('st2-notes-%d' % i, dict([('value', v)] + ([('other', pl)] if pl else [])))}, plant=pl)
# kubelet $(VAR) assembly
case('f20-kubelet-concat-st2auth', 'deny', ff, F_DEF + "; kubelet expands $(A)$(B) in env values (kubernetes define-interdependent-env-vars)",
     patches(smp("""apiVersion: apps/v1
kind: Deployment
metadata:
  name: st2client
spec:
  template:
    spec:
      containers:
        - name: st2client
          env:
            - name: P1
              value: "Ch@n"
            - name: P2
              value: "geMe"
            - name: ST2_PASSWORD
              value: "$(P1)$(P2)"
""")))
case('f21-shell-printf-hex', 'deny', ff, F_DEF + "; printf with \\x escapes assembles the default at runtime",
     patches(smp(r"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: st2client
spec:
  template:
    spec:
      containers:
        - name: st2client
          command: ["sh", "-c", "export ST2_PASSWORD=$(printf '\x43\x68\x40\x6e\x67\x65\x4d\x65'); exec sleep infinity"]
""")))
case('f22-python-join-reversed', 'deny', ff, F_DEF + "; python slicing reverses a literal",
     patches(smp("""apiVersion: apps/v1
kind: Deployment
metadata:
  name: st2client
spec:
  template:
    spec:
      containers:
        - name: st2client
          command: ["python3", "-c", "import os; os.environ['ST2_PASSWORD']='eMegn@hC'[::-1]; os.execvp('sleep',['sleep','infinity'])"]
""")))
case('f23-es-template-literal-rmq', 'deny', ff, F_DEF + "; External Secrets template literal (external-secrets docs templating v2) writes the chart RabbitMQ password",
     patches(j6902('ExternalSecret', 'st2-config-secrets', "- op: replace\n  path: /spec/target/template/data/st2.secrets.conf\n  value: |\n    [messaging]\n    url = amqp://admin:{{ \"9jS+w1u07NbHtZke1m+jW4Cj\" | urlquery }}@rabbitmq:5672\n    [database]\n    username = {{ .mongodbUser }}\n    password = {{ .mongodbPassword }}\n")))
case('f24-es-template-sprig-b64dec', 'deny', ff, F_DEF + "; sprig b64dec in ES template decodes default mongo password",
     patches(j6902('ExternalSecret', 'st2-config-secrets', "- op: replace\n  path: /spec/target/template/data/st2.secrets.conf\n  value: |\n    [messaging]\n    url = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672\n    [database]\n    username = {{ .mongodbUser }}\n    password = {{ \"%s\" | b64dec }}\n" % base64.b64encode(MONGO.encode()).decode())), plant=None)
case('f25-es-generator-fixed', 'deny', ff, F_DEF + "; ExternalSecret dataFrom a Fake generator with the default (external-secrets docs generator fake)",
     "resources:\n  - g.yaml\n", {'g.yaml': """apiVersion: generators.external-secrets.io/v1alpha1
kind: Fake
metadata:
  name: st2-auth-fake
spec:
  data:
    password: "Ch@ngeMe"
    note: "R20planted-Zq7uW1"
"""}, plant='R20planted-Zq7uW1')
case('f26-sha1-of-default-in-htpasswd', 'deny', ff, F_DEF + "; htpasswd {SHA} entry verifies Ch@ngeMe (Apache htpasswd docs)",
     "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('st2-htpasswd-extra', {'htpasswd': 'st2admin:{SHA}' + base64.b64encode(__import__('hashlib').sha1(DEF.encode()).digest()).decode()})})
case('f27-md5-hex-default', 'deny', ff, F_DEF + "; md5 hex of default used as a verifier", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('verif', {'md5': __import__('hashlib').md5(DEF.encode()).hexdigest()})})
case('f28-erlang-cookie-file', 'deny', ff, F_DEF + "; chart erlang cookie written as .erlang.cookie via init script (rabbitmq clustering.md: the cookie is the cluster's shared secret)",
     patches(j6902('StatefulSet', 'rabbitmq', "- op: add\n  path: /spec/template/spec/initContainers/-\n  value: %s" % json.dumps({"name": "cookie", "image": "rabbitmq:3.12.14", "command": ["sh", "-c", "echo -n 8MrqQdCQ6AQ8U3MacSub''HE5RqkSfvNaRHzvxuFcG > /var/lib/rabbitmq/.erlang.cookie"], "volumeMounts": [{"name": "data", "mountPath": "/var/lib/rabbitmq"}]}))))
case('f29-mongo-pass-saslprep-nbsp', 'deny', ff, F_DEF + "; SASLprep (RFC 4013) maps non-ASCII space U+00A0 to ASCII space and NFKC fullwidth to ASCII",
     "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('mongo-note', {'p': ''.join(chr(ord(c) + 0xFEE0) for c in MONGO[:16]) + MONGO[16:]})})
# safe look-alikes
case('f40-safe-random-password', 'allow', ff, "a random non-default value in a ConfigMap note", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('notes', {'v': 'qT7#pL2vW9zR4mN8'})})
case('f41-safe-changeme-word', 'allow', ff, "the docs phrase 'change me' is not the credential", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('notes', {'v': 'Remember to change me after install (ticket OPS-12)'})})
case('f42-safe-similar-value', 'allow', ff, "Ch@ngeMe2027! differs from the default (a strong rotated value still says changeme-ish)", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('notes', {'v': 'x7Ch@ngeMeNotQ!r9'})})
case('f43-safe-es-new-key', 'allow', ff, "an extra ExternalSecret for a pack token from the store", "resources:\n  - es.yaml\n", {'es.yaml': """apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: pack-slack
spec:
  refreshInterval: 1h
  secretStoreRef:
    kind: ClusterSecretStore
    name: st2-production
  target:
    name: pack-slack
    creationPolicy: Owner
  data:
    - secretKey: token
      remoteRef:
        key: stackstorm/slack
        property: token
"""})
case('f44-safe-kubelet-concat-random', 'allow', ff, "kubelet $(A)$(B) assembling a non-default value", patches(smp("""apiVersion: apps/v1
kind: Deployment
metadata:
  name: st2client
spec:
  template:
    spec:
      containers:
        - name: st2client
          env:
            - name: P1
              value: "Zx@q"
            - name: P2
              value: "84Lm"
            - name: ST2_HINT
              value: "$(P1)$(P2)"
""")))
case('f45-safe-b64-random', 'allow', ff, "base64 of a random value", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('notes', {'v': base64.b64encode(b'Nq83!vB2-kPz').decode()})})

# ---------------- Family G: store data durability ----------------
fg = 'G-store-data-loss'
case('g01-pvc-retention-delete', 'deny', fg, F_PVC, patches(j6902('StatefulSet', 'mongodb', "- op: add\n  path: /spec/persistentVolumeClaimRetentionPolicy\n  value: {whenDeleted: Delete, whenScaled: Delete}")))
case('g02-pvc-retention-etcd', 'deny', fg, F_PVC, patches(j6902('StatefulSet', 'etcd', "- op: add\n  path: /spec/persistentVolumeClaimRetentionPolicy\n  value: {whenDeleted: Delete, whenScaled: Retain}")))
case('g03-mongo-dbpath-tmp', 'deny', fg, "mongod --dbpath (mongod docs) moves data off the /data/db PVC into the container layer: lost on restart; " + F_K8S_EPH,
     patches(j6902('StatefulSet', 'mongodb', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --dbpath=/tmp/db")))
case('g04-mongo-mountpath-moved', 'deny', fg, "mongod writes /data/db (mongo image default); mounting the PVC at /data/db2 leaves data ephemeral; " + F_K8S_EPH,
     patches(j6902('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/volumeMounts/0/mountPath\n  value: /data/db2")))
case('g05-etcd-datadir-tmp', 'deny', fg, "etcd --data-dir off the PVC (/var/run/etcd) loses membership on restart (etcd runtime-configuration.md); " + F_K8S_EPH,
     patches(j6902('StatefulSet', 'etcd', "- op: replace\n  path: /spec/template/spec/containers/0/command/2\n  value: --data-dir=/tmp/etcd")))
case('g06-rabbit-mnesia-tmp', 'deny', fg, "rabbitmq RABBITMQ_MNESIA_BASE (rabbitmq relocate.md) off the /var/lib/rabbitmq PVC: durable queues/definitions lost on restart",
     patches(j6902('StatefulSet', 'rabbitmq', "- op: add\n  path: /spec/template/spec/containers/0/env/-\n  value: {name: RABBITMQ_MNESIA_BASE, value: /tmp/mnesia}")))
case('g07-mongo-storage-inmemory', 'deny', fg, "mongod --storageEngine inMemory exists only in MongoDB Enterprise (mongodb docs inmemory): community image fails to start",
     patches(j6902('StatefulSet', 'mongodb', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --storageEngine=inMemory")))
case('g08-mongo-datadir-emptydir-memory', 'deny', fg, F_K8S_EPH, patches(smp("""apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: mongodb
spec:
  template:
    spec:
      volumes:
        - name: datadir
          emptyDir:
            medium: Memory
""")))
case('g09-rabbit-data-subpath', 'deny', fg, "rabbitmq data dir /var/lib/rabbitmq/mnesia; RABBITMQ_BASE moves everything to /opt/rmq (rabbitmq relocate.md)", patches(j6902('StatefulSet', 'rabbitmq', "- op: add\n  path: /spec/template/spec/containers/0/env/-\n  value: {name: RABBITMQ_BASE, value: /opt/rmq}")))
case('g10-mongo-drop-on-start', 'deny', fg, "mongo --eval dropDatabase on st2 every start wipes st2 history (mongo shell docs)", patches(j6902('StatefulSet', 'mongodb', "- op: add\n  path: /spec/template/spec/containers/1/command/1\n  value: \"-c\"\n- op: replace\n  path: /spec/template/spec/containers/1/command/2\n  value: \"mongo --quiet --eval 'db.getSiblingDB(\\\"st2\\\").dropDatabase()' ; sh /scripts/replset-init.sh\"")))
case('g20-safe-pvc-retain', 'allow', fg, "Retain/Retain is the StatefulSet default", patches(j6902('StatefulSet', 'mongodb', "- op: add\n  path: /spec/persistentVolumeClaimRetentionPolicy\n  value: {whenDeleted: Retain, whenScaled: Retain}")))
case('g21-safe-wt-cache', 'allow', fg, "mongod --wiredTigerCacheSizeGB tuning (mongod docs)", patches(j6902('StatefulSet', 'mongodb', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --wiredTigerCacheSizeGB=1")))
case('g22-safe-etcd-autocompact', 'allow', fg, "etcd --auto-compaction-retention=1 (etcd maintenance.md)", patches(j6902('StatefulSet', 'etcd', "- op: add\n  path: /spec/template/spec/containers/0/command/-\n  value: --auto-compaction-retention=1")))
case('g23-safe-mongo-oplog', 'allow', fg, "mongod --oplogSize tuning", patches(j6902('StatefulSet', 'mongodb', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --oplogSize=2048")))
case('g24-safe-rabbit-log-env', 'allow', fg, "RABBITMQ_LOGS=- logs to stdout (rabbitmq logging.md)", patches(j6902('StatefulSet', 'rabbitmq', "- op: add\n  path: /spec/template/spec/containers/0/env/-\n  value: {name: RABBITMQ_LOGS, value: \"-\"}")))

# ---------------- Family H: store settings that stop st2 (crash/never ready/stall) ----------------
fh = 'H-store-settings-stall'
def rmqconf(extra):
    return patches(j6902('ConfigMap', 'rabbitmq-config', "- op: replace\n  path: /data/rabbitmq.conf\n  value: %s" % json.dumps("""cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config
cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-discovery
cluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-discovery
cluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-discovery
queue_master_locator = min-masters
loopback_users.guest = false
cluster_partition_handling = pause_minority
load_definitions = /etc/rabbitmq/definitions.json
""" + extra)))
case('h01-rmq-watermark-1mb', 'deny', fh, "rabbitmq memory.md: above vm_memory_high_watermark all publishers are blocked; 1MB blocks st2 forever", rmqconf("vm_memory_high_watermark.absolute = 1MB\n"))
case('h02-rmq-disk-limit-1tb', 'deny', fh, "rabbitmq disk-alarms.md: free disk below disk_free_limit blocks all publishers; 1TB on an 8Gi PVC always alarms", rmqconf("disk_free_limit.absolute = 1TB\n"))
case('h03-rmq-partition-ignore', 'deny', fh, "rabbitmq partitions.md: ignore keeps both sides running = split brain", rmqconf("cluster_partition_handling = ignore\n"))
case('h04-rmq-listener-loopback', 'deny', fh, "rabbitmq networking.md listeners.tcp.default bound to 127.0.0.1: st2 cannot connect", rmqconf("listeners.tcp.default = 127.0.0.1:5672\n"))
case('h05-rmq-listeners-none', 'deny', fh, "rabbitmq networking.md: listeners.tcp = none disables AMQP", rmqconf("listeners.tcp = none\n"))
case('h06-rmq-channel-max-1', 'deny', fh, "rabbitmq channels.md channel_max; kombu opens several channels per connection so st2 errors", rmqconf("channel_max = 1\n"))
case('h07-rmq-frame-max-tiny', 'deny', fh, "AMQP 0-9-1 frame_max minimum 4096; lower values fail negotiation (rabbitmq configure.md)", rmqconf("frame_max = 1024\n"))
case('h08-rmq-watermark-relative-0', 'deny', fh, "rabbitmq memory.md: vm_memory_high_watermark.relative = 0 blocks all publishing", rmqconf("vm_memory_high_watermark.relative = 0\n"))
case('h09-rmq-default-user-guest', 'deny', fh, F_DEF + "; RABBITMQ_DEFAULT_USER/PASS guest are RabbitMQ's published defaults", patches(j6902('StatefulSet', 'rabbitmq', "- op: replace\n  path: /spec/template/spec/containers/0/env/3\n  value: {name: RABBITMQ_DEFAULT_USER, value: guest}")))
case('h10-rmq-loopback-users-none', 'deny', fh, "rabbitmq access-control.md: guest may connect remotely only if loopback_users is emptied; with definitions no guest exists, so also default_user guest", rmqconf("loopback_users = none\ndefault_user = guest\ndefault_pass = guest\n"))
case('h11-rmq-vhost-limit-conns', 'deny', fh, "rabbitmq vhosts.md: max-connections 0 on vhost / refuses every client", rmqconf("default_vhost = /\ndefault_user_tags.administrator = true\n\n# per-node limit\nconnection_max = 0\n"))
case('h20-safe-rmq-watermark-06', 'allow', fh, "vm_memory_high_watermark.relative 0.6 (rabbitmq memory.md)", rmqconf("vm_memory_high_watermark.relative = 0.6\n"))
case('h21-safe-rmq-disk-2gb', 'allow', fh, "disk_free_limit.absolute 2GB", rmqconf("disk_free_limit.absolute = 2GB\n"))
case('h22-safe-rmq-prometheus', 'allow', fh, "prometheus plugin listener", rmqconf("prometheus.tcp.port = 15692\n"))
case('h23-safe-rmq-channel-max-2047', 'allow', fh, "channel_max 2047 is the 3.12 default", rmqconf("channel_max = 2047\n"))
def mongoarg(a):
    return patches(j6902('StatefulSet', 'mongodb', "- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: %s" % json.dumps(a)))
case('h30-mongo-bind-loopback', 'deny', fh, "mongod --bind_ip 127.0.0.1: members and st2 cannot connect (mongodb security checklist)", mongoarg('--bind_ip=127.0.0.1'))
case('h31-mongo-port-27018', 'deny', fh, "mongod --port 27018 while Service, replset-init and st2 use 27017", mongoarg('--port=27018'))
case('h32-mongo-noauth', 'deny', fh, "mongod --noauth? (keyFile implies auth); setParameter enableLocalhostAuthBypass plus --transitionToAuth accepts unauthenticated clients (mongodb docs transitionToAuth)", mongoarg('--transitionToAuth'))
case('h33-mongo-maxconns-1', 'deny', fh, "mongod --maxConns 1 refuses st2's connection pools (mongod docs net.maxIncomingConnections)", mongoarg('--maxConns=1'))
case('h34-mongo-bind-ip-all-safe', 'allow', fh, "--bind_ip_all is what the mongo image entrypoint adds", mongoarg('--bind_ip_all'))
case('h35-mongo-quiet-safe', 'allow', fh, "--quiet reduces logging", mongoarg('--quiet'))
def etcdarg(a):
    return patches(j6902('StatefulSet', 'etcd', "- op: add\n  path: /spec/template/spec/containers/0/command/-\n  value: %s" % json.dumps(a)))
case('h40-etcd-quota-tiny', 'deny', fh, "etcd --quota-backend-bytes tiny: NOSPACE alarm makes etcd read-only (etcd maintenance.md space quota); st2 locks fail", etcdarg('--quota-backend-bytes=1024'))
case('h41-etcd-max-request-1', 'deny', fh, "etcd --max-request-bytes=1 rejects every write (etcd configuration.md)", etcdarg('--max-request-bytes=1'))
case('h42-etcd-client-loopback', 'deny', fh, "etcd --listen-client-urls on 127.0.0.1: st2 cannot reach coordination", patches(j6902('StatefulSet', 'etcd', "- op: replace\n  path: /spec/template/spec/containers/0/command/4\n  value: --listen-client-urls=http://127.0.0.1:2379")))
case('h43-etcd-v2-off-later-flag', 'deny', fh, "stackstorm-ha.md sec12: tooz etcd driver speaks only v2; a later --enable-v2=false wins (Go flag last value)", etcdarg('--enable-v2=false'))
case('h44-etcd-cluster-state-existing', 'deny', fh, "etcd clustering.md: --initial-cluster-state=existing on a fresh cluster makes members wait for a cluster that does not exist", patches(j6902('StatefulSet', 'etcd', "- op: replace\n  path: /spec/template/spec/containers/0/command/8\n  value: --initial-cluster-state=existing")))
case('h45-etcd-env-enable-v2-false', 'deny', fh, "etcd reads ETCD_ENABLE_V2 env, but flags win; here flag removed and env false (etcd configuration.md)", patches(j6902('StatefulSet', 'etcd', "- op: remove\n  path: /spec/template/spec/containers/0/command/10\n- op: add\n  path: /spec/template/spec/containers/0/env/-\n  value: {name: ETCD_ENABLE_V2, value: \"false\"}")))
case('h46-safe-etcd-snapshot-count', 'allow', fh, "etcd --snapshot-count tuning", etcdarg('--snapshot-count=10000'))
case('h47-safe-etcd-quota-8g', 'allow', fh, "etcd --quota-backend-bytes 8GiB (the recommended max)", etcdarg('--quota-backend-bytes=8589934592'))
case('h48-etcd-v3-image', 'deny', fh, "stackstorm-ha.md sec12: etcd 3.6 has no v2 API", patches(j6902('StatefulSet', 'etcd', "- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: bitnamilegacy/etcd:3.6.4")))
case('h49-mongo-5-image-shell', 'deny', fh, "mongo 6.0 image has no legacy 'mongo' shell (mongodb 6.0 release notes): probes and replset-init fail", patches(j6902('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: mongo:6.0.16")))

# ---------------- Family I: probes / resources / startup ----------------
fi = 'I-readiness-crashloop'
case('i01-api-readiness-wrong-port', 'deny', fi, "kubernetes probes: tcpSocket 9102 where st2api listens 9101 never passes", patches(j6902('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/containers/0/readinessProbe/tcpSocket/port\n  value: 9102")))
case('i02-api-oom-16mi', 'deny', fi, "st2api (python/gunicorn) needs >100Mi; limit 16Mi OOMKills in a loop (kubernetes resource docs)", patches(j6902('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/containers/0/resources/limits/memory\n  value: 16Mi\n- op: replace\n  path: /spec/template/spec/containers/0/resources/requests/memory\n  value: 16Mi")))
case('i03-mongo-oom-64mi', 'deny', fi, "mongod WiredTiger minimum cache 256MB; 64Mi limit OOMKills", patches(j6902('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/resources/limits/memory\n  value: 64Mi\n- op: replace\n  path: /spec/template/spec/containers/0/resources/requests/memory\n  value: 64Mi")))
case('i04-wait-for-db-typo', 'deny', fi, "init container loops forever on a host that does not exist (mongodb-x)", patches(j6902('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/initContainers/1/command/2\n  value: until nc -z -w 2 mongodbx 27017; do sleep 2; done")))
case('i05-mongo-liveness-quit1', 'deny', fi, "liveness command exits 1 always: kubelet kills mongod forever", patches(j6902('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/livenessProbe/exec/command\n  value: [mongo, --eval, \"quit(1)\"]")))
case('i06-etcd-liveness-port-2380', 'deny', fi, "etcd /health is served on the client port 2379 (stackstorm-ha.md sec12); 2380 peer port answers no /health", patches(j6902('StatefulSet', 'etcd', "- op: replace\n  path: /spec/template/spec/containers/0/livenessProbe/httpGet/port\n  value: 2380")))
case('i07-etcd-readiness-readyz', 'deny', fi, "stackstorm-ha.md sec12: etcd 3.5.17 answers 404 on /readyz on the client port", patches(j6902('StatefulSet', 'etcd', "- op: replace\n  path: /spec/template/spec/containers/0/readinessProbe/httpGet/path\n  value: /readyz")))
case('i08-api-command-typo', 'deny', fi, "the binary /opt/stackstorm/st2/bin/st2-api does not exist in the image: CrashLoopBackOff", patches(j6902('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/containers/0/command/0\n  value: /opt/stackstorm/st2/bin/st2-api")))
case('i09-secrets-conf-mode-0400-root', 'deny', fi, "stackstorm-ha.md sec12: images run USER st2; a root-owned 0400 config file aborts oslo start-up", patches(j6902('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/volumes/4/secret/defaultMode\n  value: 256")))
case('i10-rmq-readiness-127', 'deny', fi, "rabbitmq readiness 'rabbitmq-diagnostics check_running' fine; here exec false", patches(j6902('StatefulSet', 'rabbitmq', "- op: replace\n  path: /spec/template/spec/containers/0/readinessProbe/exec/command\n  value: [\"false\"]")))
case('i11-api-runasuser-wrong', 'deny', fi, "st2 image runs USER st2 (uid 1000 per st2-dockerfiles); runAsUser 12345 cannot read /etc/st2 files owned by st2 with 0600? (weak)", patches(j6902('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem\n  value: true")))
case('i12-rmq-erlang-cookie-missing-key', 'deny', fi, "secretKeyRef to a key that does not exist keeps the pod in CreateContainerConfigError (kubernetes secrets docs)", patches(j6902('StatefulSet', 'rabbitmq', "- op: replace\n  path: /spec/template/spec/containers/0/env/5/valueFrom/secretKeyRef/key\n  value: erlang-cookie")))
case('i13-st2-secrets-conf-name-typo', 'deny', fi, "secret volume of a Secret nobody creates blocks the pod in ContainerCreating (kubernetes volumes secret docs)", patches(j6902('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/volumes/4/secret/secretName\n  value: st2-config-secret")))
case('i20-safe-api-readiness-http', 'allow', fi, "readiness on 9101 tcp with longer timeout", patches(j6902('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/containers/0/readinessProbe/timeoutSeconds\n  value: 5")))
case('i21-safe-api-memory-1gi', 'allow', fi, "more memory", patches(j6902('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/containers/0/resources/limits/memory\n  value: 1Gi")))
case('i22-safe-mongo-liveness-delay', 'allow', fi, "mongo liveness initialDelay 60", patches(j6902('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/livenessProbe/initialDelaySeconds\n  value: 60")))
case('i23-safe-startup-probe', 'allow', fi, "startupProbe for slow st2api start (kubernetes probes docs)", patches(j6902('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/0/startupProbe\n  value: {tcpSocket: {port: 9101}, failureThreshold: 30, periodSeconds: 10}")))
case('i24-priorityclass-system-critical', 'deny', fi, "(first judged safe; the gate's reason holds) kubernetes pod-priority-preemption docs: system-cluster-critical is reserved for critical system pods and preempts other tenants' pods", patches(j6902('StatefulSet', 'mongodb', "- op: add\n  path: /spec/template/spec/priorityClassName\n  value: system-cluster-critical")))
case('i25-safe-tolerations', 'allow', fi, "toleration to run on dedicated nodes", patches(j6902('Deployment', 'st2actionrunner', "- op: add\n  path: /spec/template/spec/tolerations\n  value: [{key: dedicated, operator: Equal, value: st2, effect: NoSchedule}]")))
case('i26-safe-node-selector', 'allow', fi, "nodeSelector on stores", patches(j6902('StatefulSet', 'rabbitmq', "- op: add\n  path: /spec/template/spec/nodeSelector\n  value: {workload: stateful}")))

# ---------------- Family J: network policies cutting st2 from stores ----------------
fj = 'J-network-cuts'
np_ = lambda name, spec: "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: %s\nspec:\n%s" % (name, ind(spec, 2))
case('j01-deny-all-ingress', 'deny', fj, "kubernetes NetworkPolicy docs: an empty podSelector with policyTypes Ingress and no rules denies all ingress: st2 cannot reach mongodb/rabbitmq/etcd",
     "resources:\n  - np.yaml\n", {'np.yaml': np_('deny-all', "podSelector: {}\npolicyTypes: [Ingress]\n")})
case('j02-egress-no-dns', 'deny', fj, "NetworkPolicy egress allowing only in-namespace pods drops DNS to kube-system: st2 cannot resolve mongodb-0.mongodb (kubernetes NetworkPolicy docs; DNS on port 53)",
     "resources:\n  - np.yaml\n", {'np.yaml': np_('egress-ns-only', "podSelector: {}\npolicyTypes: [Egress]\negress:\n  - to:\n      - podSelector: {}\n")})
case('j03-egress-no-etcd', 'deny', fj, F_COORD + "; egress allowlist omits 2379", "resources:\n  - np.yaml\n", {'np.yaml': np_('egress-stores', "podSelector:\n  matchLabels: {tier: backend}\npolicyTypes: [Egress]\negress:\n  - ports:\n      - {port: 53, protocol: UDP}\n      - {port: 53, protocol: TCP}\n      - {port: 27017}\n      - {port: 5672}\n")})
case('j04-mongo-ingress-only-mongo', 'deny', fj, "mongodb ingress allowed only from mongodb pods: st2 services cut off from the database", "resources:\n  - np.yaml\n", {'np.yaml': np_('mongo-peers', "podSelector:\n  matchLabels: {app: mongodb}\npolicyTypes: [Ingress]\ningress:\n  - from:\n      - podSelector:\n          matchLabels: {app: mongodb}\n")})
case('j05-rabbit-peer-cut', 'deny', fj, "rabbitmq clustering.md: nodes need 4369 and 25672 between them; allowing only 5672 breaks clustering", "resources:\n  - np.yaml\n", {'np.yaml': np_('rmq', "podSelector:\n  matchLabels: {app: rabbitmq}\npolicyTypes: [Ingress]\ningress:\n  - ports:\n      - {port: 5672}\n")})
case('j10-safe-allow-namespace', 'allow', fj, "allow all from the same namespace plus ingress controller", "resources:\n  - np.yaml\n", {'np.yaml': np_('same-ns', "podSelector: {}\npolicyTypes: [Ingress]\ningress:\n  - from:\n      - podSelector: {}\n      - namespaceSelector:\n          matchLabels: {kubernetes.io/metadata.name: ingress-nginx}\n")})
case('j11-safe-mongo-from-st2', 'allow', fj, "mongodb ingress from release=st2 pods on 27017", "resources:\n  - np.yaml\n", {'np.yaml': np_('mongo-from-st2', "podSelector:\n  matchLabels: {app: mongodb}\npolicyTypes: [Ingress]\ningress:\n  - from:\n      - podSelector:\n          matchLabels: {release: st2}\n    ports:\n      - {port: 27017}\n")})

# ---------------- Family K: Argo CD sync semantics / gate loosening ----------------
fk = 'K-argocd-and-gate-loosening'
def annot(kind, name, key, val):
    return j6902(kind, name, "- op: add\n  path: /metadata/annotations/%s\n  value: %s" % (key.replace('/', '~1'), json.dumps(val)))
case('k01-hook-skip-config', 'deny', fk, "argo-cd docs resource_hooks: argocd.argoproj.io/hook: Skip means Argo CD never applies the resource; st2-config never created: pods fail to mount", patches(annot('ConfigMap', 'st2-config', 'argocd.argoproj.io/hook', 'Skip')))
case('k02-hook-skip-mongodb', 'deny', fk, "argo-cd hook Skip: MongoDB StatefulSet never applied", patches(annot('StatefulSet', 'mongodb', 'argocd.argoproj.io/hook', 'Skip')))
case('k03-mongodb-as-presync-hook', 'deny', fk, "argo-cd resource_hooks: a hook resource with hook-delete-policy BeforeHookCreation is deleted and recreated every sync: mongodb outage each sync",
     patches(annot('StatefulSet', 'mongodb', 'argocd.argoproj.io/hook', 'PreSync') + annot('StatefulSet', 'mongodb', 'argocd.argoproj.io/hook-delete-policy', 'BeforeHookCreation')))
case('k04-postdelete-hook-wipe', 'deny', fk, "argo-cd PostDelete hook runs when the app is deleted; here a Job deletes etcd data and the mongodb PVCs (data loss)",
     "resources:\n  - j.yaml\n", {'j.yaml': """apiVersion: batch/v1
kind: Job
metadata:
  name: cleanup
  annotations:
    argocd.argoproj.io/hook: PreSync
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: c
          image: mongo:4.4.29
          command: ["mongo", "--host", "mongodb-0.mongodb", "--eval", "db.getSiblingDB('st2').dropDatabase()"]
"""})
case('k05-sync-replace-force-sts', 'deny', fk, "argo-cd sync-options Force=true,Replace=true deletes and recreates the resource (argo-cd sync-options.md): all mongodb pods go at once", patches(annot('StatefulSet', 'mongodb', 'argocd.argoproj.io/sync-options', 'Force=true,Replace=true')))
case('k06-overlay-env-dev', 'deny', fk, "README trust model: environment is the strictest; wrapping prod with env dev must stay production; auth off is denied", "metadata:\n  annotations:\n    st2-gitops/environment: dev\n" + userconf("[auth]\nenable = False\n"))
case('k07-namespace-dev', 'deny', fk, "README trust model: namespace cannot downgrade; auth off under namespace st2-dev", "namespace: st2-dev\n" + userconf("[auth]\nenable = False\n"))
case('k08-local-config-st2config', 'deny', fk, "kustomize local-config drops st2-config from output (docs/renderer.md): pods referencing it never start", patches(annot('ConfigMap', 'st2-config', 'config.kubernetes.io/local-config', 'true')))
case('k09-waiver-nonwaivable', 'deny', fk, F_SINGLE + "; a waiver cannot cover a non-waivable rule", patches(j6902('Deployment', 'st2timersengine', "- op: replace\n  path: /spec/replicas\n  value: 2") + annot('Deployment', 'st2timersengine', 'st2-gitops/waive.ST2-REP-001', 'expires=2027-01-31; reason=test')))
case('k10-compare-ignore-ext', 'allow', fk, "argo-cd compare-options IgnoreExtraneous only affects diff status", patches(annot('ConfigMap', 'st2-urls', 'argocd.argoproj.io/compare-options', 'IgnoreExtraneous')))
case('k11-sync-wave-before-configmap', 'deny', fk, "(first judged safe; the gate's reason holds) argo-cd sync-waves.md: a wave starts only when the previous is healthy; mongodb in wave -2 needs ConfigMap mongodb-scripts from wave 0, so it never becomes healthy and the sync stalls", patches(annot('StatefulSet', 'mongodb', 'argocd.argoproj.io/sync-wave', '-2')))
case('k12-safe-prune-false', 'allow', fk, "argo-cd sync-options Prune=false protects the StatefulSet from pruning", patches(annot('StatefulSet', 'mongodb', 'argocd.argoproj.io/sync-options', 'Prune=false')))
case('k13-safe-delete-false', 'allow', fk, "argo-cd sync-options Delete=false keeps PVC-bearing StatefulSet on app deletion", patches(annot('StatefulSet', 'etcd', 'argocd.argoproj.io/sync-options', 'Delete=false')))
case('k14-hook-skip-secret-es', 'deny', fk, "argo-cd hook Skip on ExternalSecret st2-config-secrets: Secret never created, every st2 pod blocks on the missing volume", patches(annot('ExternalSecret', 'st2-config-secrets', 'argocd.argoproj.io/hook', 'Skip')))
case('k15-hook-sync-rabbit', 'deny', fk, "argo-cd: a Sync hook without delete-policy is still deleted by default HookSucceeded policy? rabbitmq as Sync hook gets pruned/recreated", patches(annot('StatefulSet', 'rabbitmq', 'argocd.argoproj.io/hook', 'Sync') + annot('StatefulSet', 'rabbitmq', 'argocd.argoproj.io/hook-delete-policy', 'HookSucceeded')))
case('k16-helm-hook-annot', 'deny', fk, "argo-cd helm.md: Argo CD maps helm.sh/hook annotations to Argo hooks; helm.sh/hook: pre-install on st2-config makes it a PreSync hook deleted per hook-delete-policy before-hook-creation", patches(annot('StatefulSet', 'etcd', 'helm.sh/hook', 'pre-install') + annot('StatefulSet', 'etcd', 'helm.sh/hook-delete-policy', 'before-hook-creation')))

# ---------------- Family L: RBAC / cluster takeover from st2 ----------------
fl = 'L-k8s-rbac-reach'
case('l01-runner-cluster-admin', 'deny', fl, "st2 actions run arbitrary code in st2actionrunner; binding cluster-admin to its ServiceAccount lets any st2 user own the cluster (kubernetes RBAC good practices)",
     "resources:\n  - rb.yaml\npatches:\n" + j6902('Deployment', 'st2actionrunner', "- op: add\n  path: /spec/template/spec/serviceAccountName\n  value: st2-runner"), {'rb.yaml': """apiVersion: v1
kind: ServiceAccount
metadata:
  name: st2-runner
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: st2-runner-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: st2-runner
    namespace: st2-prod
"""})
case('l02-default-sa-read-secrets', 'deny', fl, "kubernetes RBAC good practices: get/list secrets for the namespace default SA hands every pod (st2 actions) the MongoDB/RabbitMQ credentials",
     "resources:\n  - rb.yaml\n", {'rb.yaml': """apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: read-secrets
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: default-read-secrets
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: read-secrets
subjects:
  - kind: Group
    name: system:serviceaccounts:st2-prod
    apiGroup: rbac.authorization.k8s.io
"""})
case('l03-escalate-via-aggregate', 'deny', fl, "kubernetes RBAC aggregated ClusterRoles: a label aggregate-to-edit adds secrets access to every 'edit' holder", "resources:\n  - rb.yaml\n", {'rb.yaml': """apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: st2-extra
  labels:
    rbac.authorization.k8s.io/aggregate-to-view: "true"
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get, list, watch]
"""})
case('l04-runner-hostpath-docker-sock', 'deny', fl, "kubernetes pod security standards baseline forbids hostPath; docker.sock gives node root", patches(smp("""apiVersion: apps/v1
kind: Deployment
metadata:
  name: st2actionrunner
spec:
  template:
    spec:
      volumes:
        - name: sock
          hostPath:
            path: /run/containerd/containerd.sock
      containers:
        - name: st2actionrunner
          volumeMounts:
            - name: sock
              mountPath: /run/containerd/containerd.sock
""")))
case('l05-ephemeral-containers-rbac', 'deny', fl, "kubernetes: pods/exec on the namespace to all serviceaccounts lets any st2 action exec into mongodb", "resources:\n  - rb.yaml\n", {'rb.yaml': """apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: exec
rules:
  - apiGroups: [""]
    resources: [pods/exec, pods]
    verbs: [create, get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: exec-all
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: exec
subjects:
  - kind: Group
    name: system:authenticated
    apiGroup: rbac.authorization.k8s.io
"""})
case('l10-safe-runner-sa-configmaps', 'allow', fl, "a runner ServiceAccount allowed to read ConfigMaps only", "resources:\n  - rb.yaml\n", {'rb.yaml': """apiVersion: v1
kind: ServiceAccount
metadata:
  name: st2-runner
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: cm-read
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: runner-cm
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: cm-read
subjects:
  - kind: ServiceAccount
    name: st2-runner
"""})

# ---------------- Family M: st2 RBAC content ----------------
fm = 'M-st2-rbac-content'
def rbacpatch(cm, key, val):
    return patches(j6902('ConfigMap', cm, "- op: add\n  path: /data/%s\n  value: %s" % (key.replace('/', '~1'), json.dumps(val))))
case('m01-anon-role-mapping', 'deny', fm, "st2 rbac.rst: a group-to-role mapping for a remote group every LDAP user has gives system_admin to all", rbacpatch('st2-rbac-mappings', 'everyone.yaml', '---\ngroup: "Domain Users"\ndescription: "everyone"\nroles:\n  - "system_admin"\nenabled: true\n'))
case('m02-user-system-admin', 'allow', fm, "an operator granting system_admin to a named admin is normal", rbacpatch('st2-rbac-assignments', 'alice.yaml', '---\nusername: "alice"\nroles:\n  - "system_admin"\n'))
case('m03-role-all-grants', 'deny', fm, "st2 rbac.rst: a role granting 'action_execute' on every pack to the default 'observer' assignment? here observer role redefined with admin grants? (weak)", rbacpatch('st2-rbac-roles', 'observer.yaml', '---\nname: "observer"\ndescription: "x"\npermission_grants:\n  - resource_uid: "pack:core"\n    permission_types: ["action_all"]\n'))
case('m04-safe-readonly-role', 'allow', fm, "a read-only role", rbacpatch('st2-rbac-roles', 'viewer.yaml', '---\nname: "viewer"\ndescription: "read only"\npermission_grants:\n  - permission_types: ["action_list", "execution_list"]\n'))

# ---------------- Family N: image / supply ----------------
fn = 'N-image-versions'
def img(name, tag): return "images:\n  - name: %s\n    newTag: %s\n" % (name, json.dumps(tag))
case('n01-st2-mixed-versions', 'deny', fn, "st2 upgrade notes: all st2 components must run the same version (DB schema/messaging); st2api 3.7.1 among 3.8.1", img('stackstorm/st2api', '3.7.1'))
case('n02-st2-latest', 'deny', fn, "st2 images tag latest floats (README pinned images); mixed versions on reschedule", img('stackstorm/st2scheduler', 'latest'))
case('n03-mongo-7', 'deny', fn, "mongo 7 image has no legacy 'mongo' shell and st2 3.8 supports MongoDB up to 4.4 (st2 3.8 install docs)", img('mongo', '7.0.12'))
case('n04-rabbit-4', 'deny', fn, "RabbitMQ 4.0 removed classic queue mirroring (ha-mode policies) (rabbitmq 4.0 release notes): the HA policy silently stops mirroring", img('rabbitmq', '4.0.5'))
case('n05-safe-mongo-patch', 'allow', fn, "mongo 4.4.28 -> patch level", img('mongo', '4.4.28'))
case('n06-safe-rmq-patch', 'allow', fn, "rabbitmq 3.12.13 patch", img('rabbitmq', '3.12.13'))
case('n07-mongo-digest-only', 'allow', fn, "pin by digest", "images:\n  - name: mongo\n    digest: sha256:%s\n" % ('a' * 64))
case('n08-busybox-wait-latest', 'deny', fn, "busybox:latest floating tag (README: pinned images)", img('busybox', 'latest'))

# ---------------- Family O: malformed ----------------
fo = 'O-malformed'
case('o01-yaml-syntax', 'bad', fo, "malformed YAML", "patches:\n  - target: {kind: Deployment, name: st2api\n    patch: x\n")
case('o02-missing-path', 'bad', fo, "JSON6902 remove of a missing path", patches(j6902('Deployment', 'st2api', "- op: remove\n  path: /spec/template/spec/nope")))
case('o03-escape-repo', 'bad', fo, "resource path leaving the repository", "resources:\n  - ../../../../../etc/hostname\n")
case('o04-unknown-field', 'bad', fo, "unknown kustomization field", "frobnicate: true\n")
case('o05-tab-indent', 'bad', fo, "YAML with a tab indent", "patches:\n\t- path: x.yaml\n")
case('o06-missing-file', 'bad', fo, "patch file that does not exist", "patches:\n  - path: nope.yaml\n")

# ---------------- round 2: around the holes ----------------
# I: probes and references that never pass
case('i30-mongo-readiness-port', 'deny', fi, "readiness 'mongo --port 27018' against mongod on 27017 never succeeds: mongodb pods never Ready, Service has no endpoints", patches(j6902('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/readinessProbe/exec/command\n  value: [mongo, --port, \"27018\", --eval, \"db.adminCommand('ping')\"]")))
case('i31-api-liveness-port', 'deny', fi, "kubernetes probes docs: a failing liveness probe restarts the container; tcpSocket 9999 never answers so st2api restarts forever", patches(j6902('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/containers/0/livenessProbe/tcpSocket/port\n  value: 9999")))
case('i32-rmq-liveness-other-node', 'deny', fi, "rabbitmqctl -n names the node; rabbit@nowhere never answers so kubelet kills every rabbitmq pod (rabbitmqctl docs -n)", patches(j6902('StatefulSet', 'rabbitmq', "- op: replace\n  path: /spec/template/spec/containers/0/livenessProbe/exec/command\n  value: [rabbitmqctl, -n, rabbit@nowhere, status]")))
case('i33-etcd-liveness-livez', 'deny', fi, "stackstorm-ha.md sec12: etcd 3.5.17 with v2 answers 404 on /livez on the client port, so liveness restarts every member", patches(j6902('StatefulSet', 'etcd', "- op: replace\n  path: /spec/template/spec/containers/0/livenessProbe/httpGet/path\n  value: /livez")))
case('i34-mongo-secretkey-missing', 'deny', fi, "kubernetes secrets docs: env from a Secret key that does not exist fails container start (CreateContainerConfigError) unless optional; ExternalSecret mongodb-admin has keys user/password", patches(j6902('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/env/1/valueFrom/secretKeyRef/key\n  value: pass")))
case('i35-st2auth-secretkey-missing', 'deny', fi, "same: st2-auth Secret has username/password; key passwd missing blocks generate-htpasswd so st2auth never starts", patches(j6902('Deployment', 'st2auth', "- op: replace\n  path: /spec/template/spec/initContainers/0/env/1/valueFrom/secretKeyRef/key\n  value: passwd")))
case('i36-envfrom-configmap-typo', 'deny', fi, "kubernetes configmap docs: envFrom a missing non-optional ConfigMap blocks container start", patches(j6902('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/containers/0/envFrom/0/configMapRef/name\n  value: st2-url")))
case('i37-mongo-scripts-cm-typo', 'deny', fi, "kubernetes volumes docs: a configMap volume of a missing ConfigMap keeps the pod in ContainerCreating; mongodb never starts", patches(j6902('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/volumes/2/configMap/name\n  value: mongodb-script")))
case('i38-safe-secretkey-optional-extra', 'allow', fi, "an extra optional env from a Secret key (optional: true starts anyway)", patches(j6902('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/0/env\n  value: [{name: EXTRA_TOKEN, valueFrom: {secretKeyRef: {name: st2-auth, key: token, optional: true}}}]")))
case('i39-safe-liveness-tuned', 'allow', fi, "liveness with longer period and threshold", patches(j6902('Deployment', 'st2api', "- op: replace\n  path: /spec/template/spec/containers/0/livenessProbe/periodSeconds\n  value: 30")))
case('i40-safe-etcd-readiness-serializable', 'allow', fi, "etcd /health?serializable=true on 2379 (etcd 3.5 health endpoint)", patches(j6902('StatefulSet', 'etcd', "- op: replace\n  path: /spec/template/spec/containers/0/readinessProbe/httpGet/path\n  value: /health?serializable=true")))
case('i41-rmq-readiness-wrong-node', 'deny', fi, "rabbitmqctl -n rabbit@nowhere status fails: rabbitmq never Ready, st2 wait-for-queue inits wait forever", patches(j6902('StatefulSet', 'rabbitmq', "- op: replace\n  path: /spec/template/spec/containers/0/readinessProbe/exec/command\n  value: [rabbitmqctl, -n, rabbit@nowhere, status]")))
# P: Service wiring
fp = 'P-service-wiring'
case('p01-api-svc-targetport', 'deny', fp, "kubernetes Service docs: targetPort 9999 where st2api listens on 9101: every request through st2api Service is refused (st2web proxies /api to st2api:9101)", patches(j6902('Service', 'st2api', "- op: add\n  path: /spec/ports/0/targetPort\n  value: 9999")))
case('p02-rabbit-svc-port', 'deny', fp, "st2 connects to rabbitmq:5672 (st2.secrets.conf messaging url); Service port 5673 refuses it", patches(j6902('Service', 'rabbitmq', "- op: replace\n  path: /spec/ports/0/port\n  value: 5673")))
case('p03-auth-svc-selector-typo', 'deny', fp, "kubernetes Service docs: a selector that matches no pod has no endpoints: st2auth unreachable, nobody logs in", patches(j6902('Service', 'st2auth', "- op: replace\n  path: /spec/selector/app\n  value: st2-auth")))
case('p04-etcd-svc-targetport-peer', 'deny', fp, "etcd Service client port 2379 forwarded to 2380 (peer port): tooz v2 requests hit the raft peer handler (etcd peer.go), coordination fails", patches(j6902('Service', 'etcd', "- op: add\n  path: /spec/ports/0/targetPort\n  value: 2380")))
case('p05-safe-api-svc-named-targetport', 'allow', fp, "targetPort by name 'http' resolves to 9101 (kubernetes Service docs)", patches(j6902('Service', 'st2api', "- op: add\n  path: /spec/ports/0/targetPort\n  value: http")))
case('p06-safe-svc-annotation', 'allow', fp, "a prometheus scrape annotation on st2api Service", patches(j6902('Service', 'st2api', "- op: add\n  path: /metadata/annotations/prometheus.io~1scrape\n  value: \"true\"")))
case('p07-stream-svc-selector-api', 'deny', fp, "st2stream Service selecting st2api pods: /stream requests land on st2api which has no /stream: st2web live updates break", patches(j6902('Service', 'st2stream', "- op: replace\n  path: /spec/selector/app\n  value: st2api")))
case('p08-coord-etcd-2381', 'deny', fp, F_COORD + "; nothing listens on etcd:2381", userconf("[coordination]\nurl = etcd://etcd:2381\n"))
case('p09-db-port-on-one-host', 'deny', fp, "mongod listens on 27017 only; a seed list on 27019 reaches no member, server selection times out and st2 cannot reach MongoDB (pymongo docs)", userconf("[database]\nhost = mongodb://mongodb-0.mongodb:27019,mongodb-1.mongodb:27019,mongodb-2.mongodb:27019/?authSource=admin&replicaSet=rs0\n"))
case('p10-safe-db-host-restated', 'allow', fp, "restating the seed list with connectTimeoutMS (pymongo URI option)", userconf("[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0&connectTimeoutMS=5000\n"))
case('p11-db-host-wrong-svc', 'deny', fp, "DNS name mongo-0.mongodb does not exist (pods are mongodb-N under Service mongodb): server selection times out, st2 cannot reach MongoDB", userconf("[database]\nhost = mongodb://mongo-0.mongodb:27017,mongo-1.mongodb:27017,mongo-2.mongodb:27017/?authSource=admin&replicaSet=rs0\n"))
case('p12-db-name-typo-authsource', 'deny', fp, "MongoDB docs authSource: the st2 user is created in admin (MONGO_INITDB_ROOT_*); authSource=st2 fails authentication", userconf("[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=st2&replicaSet=rs0\n"))
# F2: more encodings around the holes
import hashlib
case('f50-rmq-b85', 'deny', ff, F_DEF + "; RabbitMQ chart password in Python base64.b85encode form", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('n50', {'v': base64.b85encode(RMQ.encode()).decode()})})
case('f51-mongo-b32hex', 'deny', ff, F_DEF + "; MongoDB chart password in RFC 4648 base32hex", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('n51', {'v': base64.b32hexencode(MONGO.encode()).decode()})})
case('f52-adobe-a85', 'deny', ff, F_DEF + "; Adobe ascii85 <~...~> form (PostScript/PDF)", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('n52', {'v': base64.a85encode(DEF.encode(), adobe=True).decode()})})
case('f53-sha256-hex-default', 'deny', ff, F_DEF + "; sha256 hex of the default is a verifier for it (README: hashes that verify a default)", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('n53', {'v': hashlib.sha256(DEF.encode()).hexdigest()})})
case('f54-sha1-hex-rmq', 'deny', ff, F_DEF + "; sha1 hex of the chart RabbitMQ password", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('n54', {'v': hashlib.sha1(RMQ.encode()).hexdigest()})})
salt = b'\x90\x8d\xc6\x0a'
rh = base64.b64encode(salt + hashlib.sha256(salt + RMQ.encode()).digest()).decode()
case('f55-rmq-password-hash-definitions', 'deny', ff, F_DEF + "; RabbitMQ definitions password_hash = base64(salt+sha256(salt+password)) (rabbitmq passwords.md, rabbit_password_hashing_sha256) logs in with the chart password",
     "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('rmq-defs', {'definitions.json': json.dumps({"users": [{"name": "admin", "password_hash": rh, "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": "administrator"}]})})})
case('f56-mongo-scram-salted', 'deny', ff, F_DEF + "; md5('st2:mongo:'+password) is MongoDB's SCRAM-SHA-1 pre-digest (mongodb auth docs) of the chart password", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('n56', {'v': hashlib.md5(('st2-admin:mongo:' + MONGO).encode()).hexdigest()})})
case('f57-b32-lower-nopad', 'deny', ff, F_DEF + "; base32 lower-case without padding", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('n57', {'v': base64.b32encode(DEF.encode()).decode().lower().rstrip('=')})})
case('f58-z85', 'deny', ff, F_DEF + "; ZeroMQ Z85 encoding (RFC 32/Z85) of the chart RabbitMQ password (24 bytes, multiple of 4)", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('n58', {'v': 'iCIFyCqjj]h+)*MBxSD>f(nBQs2roV'})})
# safe look-alikes for encodings
case('f60-safe-b85-random', 'allow', ff, "b85 of a random value", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('s60', {'v': base64.b85encode(b'kP3!vx9Qz-Lm').decode()})})
case('f61-safe-sha256-random', 'allow', ff, "sha256 of a random value (e.g. an image digest note)", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('s61', {'v': hashlib.sha256(b'release-2026-12-07').hexdigest()})})
case('f62-safe-rmq-hash-random', 'allow', ff, "definitions password_hash of a random password", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('s62', {'definitions.json': json.dumps({"users": [{"name": "ops", "password_hash": base64.b64encode(salt + hashlib.sha256(salt + b'Rnd-98fj2!kq').digest()).decode(), "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": "monitoring"}]})})})
case('f63-safe-spaced-words', 'allow', ff, "ordinary prose with spaced letters", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('s63', {'v': 'O N C A L L : see runbook R-12'})})

# ---------------- round 3: more safe look-alikes next to the holes ----------------
case('s01-safe-mongo-liveness-ok', 'allow', fi, "mongo --quiet ping liveness (mongo shell docs)", patches(j6902('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/livenessProbe/exec/command\n  value: [mongo, --quiet, --eval, \"db.adminCommand('ping').ok\"]")))
case('s02-safe-rmq-liveness-ping', 'allow', fi, "rabbitmq monitoring.md: rabbitmq-diagnostics -q ping is the recommended liveness check", patches(j6902('StatefulSet', 'rabbitmq', "- op: replace\n  path: /spec/template/spec/containers/0/livenessProbe/exec/command\n  value: [rabbitmq-diagnostics, -q, ping]")))
case('s03-safe-rmq-readiness-running', 'allow', fi, "rabbitmq-diagnostics -q check_running readiness", patches(j6902('StatefulSet', 'rabbitmq', "- op: replace\n  path: /spec/template/spec/containers/0/readinessProbe/exec/command\n  value: [rabbitmq-diagnostics, -q, check_running]")))
case('s04-safe-etcd-liveness-timeout', 'allow', fi, "etcd liveness /health on 2379 with longer timeout", patches(j6902('StatefulSet', 'etcd', "- op: replace\n  path: /spec/template/spec/containers/0/livenessProbe/timeoutSeconds\n  value: 10")))
case('s05-safe-mongo-secretkey-restated', 'allow', fi, "secretKeyRef key 'password' restated", patches(j6902('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/env/1/valueFrom/secretKeyRef/key\n  value: password")))
case('s06-safe-st2auth-extra-env', 'allow', fi, "extra env from existing key username", patches(j6902('Deployment', 'st2auth', "- op: add\n  path: /spec/template/spec/initContainers/0/env/-\n  value: {name: ADMIN_NAME, valueFrom: {secretKeyRef: {name: st2-auth, key: username}}}")))
case('s07-safe-envfrom-optional-extra', 'allow', fi, "an extra optional envFrom ConfigMap", patches(j6902('Deployment', 'st2api', "- op: add\n  path: /spec/template/spec/containers/0/envFrom/-\n  value: {configMapRef: {name: st2-extra-env, optional: true}}")))
case('s08-safe-db-read-pref', 'allow', fp, "pymongo URI readPreference=primaryPreferred&w=majority", userconf("[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0&w=majority\n"))
case('s09-safe-db-fqdn', 'allow', fp, "fully qualified pod DNS names resolve to the same members", userconf("[database]\nhost = mongodb://mongodb-0.mongodb.st2-prod.svc.cluster.local:27017,mongodb-1.mongodb.st2-prod.svc.cluster.local:27017,mongodb-2.mongodb.st2-prod.svc.cluster.local:27017/?authSource=admin&replicaSet=rs0\n"))
case('s10-safe-coord-fqdn', 'allow', fp, "etcd Service FQDN", userconf("[coordination]\nurl = etcd://etcd.st2-prod.svc.cluster.local:2379\n"))
case('s11-safe-api-session-affinity', 'allow', fp, "sessionAffinity ClientIP on st2api Service", patches(j6902('Service', 'st2api', "- op: add\n  path: /spec/sessionAffinity\n  value: ClientIP")))
case('s12-safe-rabbit-svc-portname', 'allow', fp, "renaming a Service port name only", patches(j6902('Service', 'rabbitmq', "- op: replace\n  path: /spec/ports/0/name\n  value: amqp-main")))
case('s13-safe-b32hex-random', 'allow', ff, "base32hex of a random value", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('s13', {'v': base64.b32hexencode(b'Rn4!qP8zL2').decode()})})
case('s14-safe-md5-random', 'allow', ff, "md5 hex of a build id", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('s14', {'v': hashlib.md5(b'build-7781').hexdigest()})})
case('s15-safe-b85-random', 'allow', ff, "b85 of random 8 bytes", "resources:\n  - cm.yaml\n", {'cm.yaml': secret_cm('s15', {'v': base64.b85encode(b'Zq8!mW2r').decode()})})
case('s16-safe-runner-stream-output', 'allow', fb, "st2 [actionrunner] stream_output is a documented option", userconf("[actionrunner]\nstream_output = True\n"))
case('s17-safe-rmq-memory-2gi', 'allow', fi, "more memory for rabbitmq", patches(j6902('StatefulSet', 'rabbitmq', "- op: replace\n  path: /spec/template/spec/containers/0/resources/limits/memory\n  value: 2Gi")))
case('s18-safe-etcd-memory-1gi', 'allow', fi, "more memory for etcd", patches(j6902('StatefulSet', 'etcd', "- op: replace\n  path: /spec/template/spec/containers/0/resources/limits/memory\n  value: 1Gi")))
case('s19-safe-stream-4', 'allow', fc, "st2stream active-active", patches(j6902('Deployment', 'st2stream', "- op: replace\n  path: /spec/replicas\n  value: 4")))
case('s20-safe-auth-4', 'allow', fc, "st2auth active-active", patches(j6902('Deployment', 'st2auth', "- op: replace\n  path: /spec/replicas\n  value: 4")))
case('s21-safe-staging-wrap-api-5', 'allow', fc, "staging wrapper scaling st2api", patches(j6902('Deployment', 'st2api', "- op: replace\n  path: /spec/replicas\n  value: 4")), base='staging')
case('s22-safe-dev-wrap-label', 'allow', fk, "dev wrapper adding a label", "labels:\n  - pairs:\n      team: automation\n", base='dev')
case('s23-safe-staging-ingress-host', 'allow', fe, "staging wrapper changing host and its TLS host (first version forgot the tls host and was rightly denied, ST2-OPS-004)", patches(j6902('Ingress', 'st2web', "- op: replace\n  path: /spec/rules/0/host\n  value: st2-staging.example.org\n- op: replace\n  path: /spec/tls/0/hosts/0\n  value: st2-staging.example.org")), base='staging')
case('u01-staging-wrap-mongo-liveness-port', 'deny', fi, "staging wrapper: liveness 'mongo --port 27018' never succeeds, kubelet restarts mongod forever (kubernetes probes docs)", patches(j6902('StatefulSet', 'mongodb', "- op: replace\n  path: /spec/template/spec/containers/0/livenessProbe/exec/command\n  value: [mongo, --port, \"27018\", --eval, \"db.adminCommand('ping')\"]")), base='staging')
case('u02-dev-wrap-lb-mongo', 'deny', fe, "ST2-EXP-016 / README: a store reachable from outside is denied in every environment; " + F_EXPOSE, "resources:\n  - s.yaml\n", {'s.yaml': svc('mongo-dev-lb', 'LoadBalancer', 'app: mongodb', 27017)}, base='dev')

os.makedirs(os.path.join(ROOT, 'out'), exist_ok=True)
with open(os.path.join(ROOT, 'verdicts.tsv'), 'w') as f:
    for r in V: f.write('\t'.join(r) + '\n')
with open(os.path.join(ROOT, 'planted.tsv'), 'w') as f:
    for r in P: f.write('\t'.join(r) + '\n')
with open(os.path.join(ROOT, 'dropped.tsv'), 'w') as f:
    f.write('id\tfamily\twhy\n')
    for r in DROPPED: f.write('\t'.join(r) + '\n')
from collections import Counter
print(len(V), Counter(r[1] for r in V))
