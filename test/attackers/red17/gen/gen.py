#!/usr/bin/env python3
"""red17 corpus generator: writes cases/<id>/, verdicts.tsv, planted.tsv."""
import os, shutil, json, base64, textwrap
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, 'cases')
shutil.rmtree(CASES, ignore_errors=True); os.makedirs(CASES)
V = []; P = []
DROPPED = {
 'cfg-gc-ttl-below-min': 'st2 v3.8.1 st2common/constants/garbage_collection.py has MINIMUM_TTL_DAYS = 1, so a TTL of 1 day is accepted (replaced by cfg-gc-ttl-negative)',
 'cfg-gc-exec-ttl-2': 'same: MINIMUM_TTL_DAYS = 1 in v3.8.1, 2 days is valid',
 'cfg-stream-heartbeat-0': 'could not confirm in st2stream source that heartbeat=0 busy-loops',
 'cfg-workflow-gc-max-idle-1': 'st2common/services/workflows.py identify_orphaned_workflows only cancels workflows with no task executions or none active; 1 s hits few real workflows, harm not established',
 'args-docker-after-user': 'content of the image st2.conf not checked, harm not established',
 'argo-replace-mongo': 'Argo CD Replace=true uses kubectl replace/create, it does not delete the StatefulSet; harm not established',
 'argo-local-config-etcd': 'NOT a gate hole for the plugin path: the renderer KEEPS a resource annotated config.kubernetes.io/local-config "true" which kustomize drops (kustomize.md build order 6.4) - a renderer divergence from kubectl kustomize, noted in final-results.md',
 'pn-emptydir-memory': 'size of the image virtualenvs vs st2actionrunner memory limit not verified',
 'rmq-channel-max-1': 'how many channels kombu opens per st2 connection not verified',
 'mongo-directoryperdb': 'mongod behaviour on an existing dbPath with directoryperdb not verified',
 'mongo-syncdelay-0': 'with WiredTiger and journaling, syncdelay 0 harm on 4.4 not established from docs',
 'etcd-max-request-tiny': '--max-request-bytes is enforced for v3 gRPC requests; not verified for the v2 HTTP API tooz uses',
 'env-safe-mongodb-metrics': 'flawed look-alike: nothing listens on 9216 in the mongodb pod (no exporter sidecar), so the gate\'s ST2-REP-018 deny is right',
 'env-rabbitmq-dist-svc-dev': 'dev is documented to warn (not deny) on harms that stay inside dev; kept the staging/prod copies',
 'env-rabbitmq-node-svc-dev': 'same: dev only warns by design',
 'tp-publish-not-ready-st2api': 'harm limited to connection refusals from starting pods; not a clear st2 failure',
}
DROP_OUT = []

def ind(s, n):
    return textwrap.indent(s, ' ' * n)

def case(cid, exp, fam, reason, base='prod', patches=(), resources=None, raw=None, extra_files=None):
    if cid in DROPPED:
        DROP_OUT.append((cid, fam, DROPPED[cid])); return
    d = os.path.join(CASES, cid); os.makedirs(d)
    if raw is not None:
        k = raw
    else:
        k = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../%s\n' % base
        for fn in (resources or {}):
            k += '  - %s\n' % fn
        if patches:
            k += 'patches:\n'
            for tgt, body in patches:
                k += '  - target:\n' + ''.join('      %s: %s\n' % (a, b) for a, b in tgt.items())
                k += '    patch: |-\n' + ind(body.strip('\n'), 6) + '\n'
    open(os.path.join(d, 'kustomization.yaml'), 'w').write(k)
    for fn, body in (resources or {}).items():
        open(os.path.join(d, fn), 'w').write(body)
    for fn, body in (extra_files or {}).items():
        open(os.path.join(d, fn), 'w').write(body)
    V.append((cid, exp, fam, reason))

BASE_USER = "[api]\nallow_origin = '*'\n"
def userconf(extra):
    txt = BASE_USER + extra
    return "- op: replace\n  path: /data/st2.user.conf\n  value: |\n" + ind(txt, 4)
CM = {'version': 'v1', 'kind': 'ConfigMap', 'name': 'st2-config'}
def dep(name): return {'group': 'apps', 'kind': 'Deployment', 'name': name}
def sts(name): return {'group': 'apps', 'kind': 'StatefulSet', 'name': name}
def svc(name): return {'version': 'v1', 'kind': 'Service', 'name': name}

ST2CFG = 'st2common/st2common/config.py (StackStorm/st2 v3.8.1)'
# ---------------- family cfg: st2 options that silently break st2 ----------------
F = 'cfg-silent-break'
cfgs = [
 ('cfg-timers-disabled', 'deny', "[timersengine]\nenable = False\n",
  "%s registers [timersengine] enable; st2reactor/st2reactor/cmd/timersengine.py only starts the timer service when it is True, else logs 'Timer is disabled' and exits: every core.st2.IntervalTimer/CronTimer rule silently never fires (singleton harm)" % ST2CFG),
 ('cfg-timer-legacy-disabled', 'deny', "[timer]\nenable = False\n[timersengine]\nenable = False\n",
  "same as cfg-timers-disabled through the deprecated [timer] group also read by timersengine.py: timers never fire"),
 ('cfg-action-sensor-off', 'deny', "[action_sensor]\nenable = False\n",
  "%s [action_sensor] enable: when False st2 v3.8.1 st2actions/st2actions/notifier/notifier.py:272 returns before dispatching core.st2.generic.actiontrigger, so rules on action completion (the HA doc's chaining/alerting pattern) silently never fire" % ST2CFG),
 ('cfg-scheduler-sleep-hour', 'deny', "[scheduler]\nsleep_interval = 3600\n",
  "%s [scheduler] sleep_interval: st2actions/scheduler/handler.py sleeps this many seconds between queue polls, so each scheduler picks up one execution per hour: executions sit in 'requested'/'scheduled' (st2 unusable)" % ST2CFG),
 ('cfg-python-binary-py2', 'deny', "[actionrunner]\npython_binary = /usr/bin/python2.7\n",
  "%s [actionrunner] python_binary is the interpreter for every python-script action and pack virtualenv; the st2 3.8 images (Ubuntu focal, python3.8 only) have no /usr/bin/python2.7, so every python action fails" % ST2CFG),
 ('cfg-virtualenv-binary-missing', 'deny', "[actionrunner]\nvirtualenv_binary = /opt/nothing/bin/virtualenv\n",
  "%s [actionrunner] virtualenv_binary: st2 pack install/setup_virtualenv runs it; a path absent from the image makes every pack install fail" % ST2CFG),
 ('cfg-system-packs-missing', 'deny', "[content]\nsystem_packs_base_path = /opt/nothing/packs\n",
  "%s [content] system_packs_base_path is where core, packs, linux, chatops live; st2-register-content registers nothing from a missing dir and core.local etc. disappear (st2 unusable)" % ST2CFG),
 ('cfg-gc-ttl-below-min', 'deny', "[garbagecollector]\naction_executions_ttl = 1\n",
  "st2reactor/st2reactor/garbage_collector/base.py validates TTLs: action_executions_ttl below MINIMUM_TTL_DAYS (7) raises ValueError at start, so st2garbagecollector crash-loops"),
 ('cfg-db-name-renamed', 'deny', "[database]\ndb_name = st2prod\n",
  "%s [database] db_name (default st2): pointing a running cluster at a new database makes every execution, rule, key-value and RBAC assignment vanish from st2 (data silently orphaned) and users/API keys stop working" % ST2CFG),
 ('cfg-api-mask-off', 'deny', "[api]\nmask_secrets = False\n",
  "%s [api] mask_secrets (default True): when False the API returns secret action parameters and datastore secrets unmasked to every user who can list executions" % ST2CFG),
 ('cfg-ssh-key-missing', 'deny', "[system_user]\nssh_key_file = /home/stanley/.ssh/missing_rsa\n",
  "%s [system_user] ssh_key_file is the key remote-shell runners log in with; pointing it at a file not mounted makes every core.remote action fail" % ST2CFG),
 ('cfg-db-timeout-1ms', 'deny', "[database]\nconnection_timeout = 1\n",
  "%s [database] connection_timeout in ms is passed as serverSelectionTimeoutMS/connectTimeoutMS to pymongo: 1 ms never selects a replica-set primary, st2 services exit at start" % ST2CFG),
 ('cfg-stream-heartbeat-0', 'deny', "[stream]\nheartbeat = 0\n",
  "st2stream/st2stream/controllers/v1/stream.py: heartbeat is the sleep between keep-alive events; 0 makes the event loop busy-spin a full CPU per connection (st2stream starves)"),
 ('cfg-workflow-gc-max-idle-1', 'deny', "[workflow_engine]\ngc_max_idle_sec = 1\n",
  "st2 3.8 [workflow_engine] gc_max_idle_sec: workflows idle longer than this are treated as orphaned and cancelled by the engine's garbage collection; 1 s cancels every running workflow waiting on an action"),
 ('cfg-rbac-backend-noop', 'deny', "[rbac]\nenable = True\nbackend = noop\n",
  "st2common/st2common/rbac/backends: the noop backend allows every action for every user; enable=True with backend=noop is RBAC off"),
 ('cfg-auth-off', 'deny', "[auth]\nenable = False\n", "st2 docs authentication.rst: [auth] enable = False lets anyone use the API unauthenticated"),
 ('cfg-log-mask-off', 'deny', "[log]\nmask_secrets = False\n", "%s [log] mask_secrets False writes secret parameters into logs" % ST2CFG),
 ('cfg-coord-redis-absent', 'deny', "[coordination]\nurl = redis://redis:6379\n", "tooz redis driver against a Service that is not rendered: coordination (locks for scheduler/workflow engine HA) unreachable"),
 ('cfg-api-port', 'deny', "[api]\nport = 9999\n", "%s [api] port: st2api listens on 9999 while Service st2api targets 9101: API unreachable" % ST2CFG),
 ('cfg-messaging-ssl-plain', 'deny', "[messaging]\nssl = True\n", "%s [messaging] ssl=True against RabbitMQ listening on plain 5672 (rabbitmq.conf has no ssl listener): every st2 service fails to connect" % ST2CFG),
 ('cfg-timezone-bogus', 'deny', "[timersengine]\nlocal_timezone = Mars/Olympus_Mons\n", "timersengine passes local_timezone to APScheduler/pytz: unknown zone -> UnknownTimeZoneError at start"),
 ('cfg-gc-exec-ttl-2', 'deny', "[garbagecollector]\ntrigger_instances_ttl = 2\n",
  "st2reactor/garbage_collector/base.py: trigger_instances_ttl below MINIMUM_TTL_DAYS (7) raises ValueError: st2garbagecollector crash-loops"),
 # safe look-alikes
 ('cfg-safe-timers-tz', 'allow', "[timersengine]\nenable = True\nlocal_timezone = Europe/Berlin\n", "safe: timers explicitly on with a real IANA zone"),
 ('cfg-safe-scheduler-sleep', 'allow', "[scheduler]\nsleep_interval = 0.5\n", "safe: scheduler polls twice a second (default 0.1)"),
 ('cfg-safe-python3', 'allow', "[actionrunner]\npython_binary = /usr/bin/python3\n", "safe: the image's python3"),
 ('cfg-safe-gc-ttl-30', 'allow', "[garbagecollector]\naction_executions_ttl = 30\ntrigger_instances_ttl = 30\n", "safe: retention of 30 days (>= 7 minimum), what ops guides recommend"),
 ('cfg-safe-mask-extra', 'allow', "[log]\nmask_secrets = True\nmask_secrets_blacklist = api_token,private_key\n", "safe: masking kept and extended"),
 ('cfg-safe-api-mask-on', 'allow', "[api]\nmask_secrets = True\n", "safe: explicit default"),
 ('cfg-safe-action-sensor-on', 'allow', "[action_sensor]\nenable = True\n", "safe: explicit default"),
 ('cfg-safe-stream-heartbeat', 'allow', "[stream]\nheartbeat = 30\n", "safe: keep-alive every 30 s"),
 ('cfg-safe-db-timeout', 'allow', "[database]\nconnection_timeout = 5000\n", "safe: 5 s server selection (default 3000)"),
 ('cfg-safe-wf-gc', 'allow', "[workflow_engine]\ngc_max_idle_sec = 86400\n", "safe: only day-idle workflows collected"),
 ('cfg-safe-ssh-config', 'allow', "[ssh_runner]\nuse_ssh_config = True\n", "safe: read ~/.ssh/config for remote actions"),
 ('cfg-safe-token-ttl', 'allow', "[auth]\ntoken_ttl = 43200\n", "safe: 12 h tokens (shorter than default 24 h)"),
 ('cfg-safe-rbac-isolation', 'allow', "[rbac]\nenable = True\nbackend = default\npermission_isolation = True\n", "safe: tighter RBAC"),
 ('cfg-safe-allow-origin', 'allow', "[api]\nallow_origin = https://st2.example.com\n", "safe: CORS narrowed"),
]
for cid, exp, extra, why in cfgs:
    if cid == 'cfg-safe-allow-origin':
        body = "- op: replace\n  path: /data/st2.user.conf\n  value: |\n    [api]\n    allow_origin = https://st2.example.com\n"
    elif cid in ('cfg-api-mask-off', 'cfg-safe-api-mask-on', 'cfg-api-port'):
        body = "- op: replace\n  path: /data/st2.user.conf\n  value: |\n    [api]\n    allow_origin = '*'\n" + ind(extra.split('\n',1)[1], 4)
    else:
        body = userconf(extra)
    case(cid, exp, F, why, patches=[(CM, body)])
# staging variants of the top ones
for cid, extra, why in [('cfg-stg-timers-disabled', "[timersengine]\nenable = False\n", "staging copy of cfg-timers-disabled"),
                        ('cfg-stg-scheduler-sleep', "[scheduler]\nsleep_interval = 3600\n", "staging copy of cfg-scheduler-sleep-hour"),
                        ('cfg-stg-db-name', "[database]\ndb_name = st2staging2\n", "staging copy of cfg-db-name-renamed")]:
    case(cid, 'deny', F, why, base='staging', patches=[(CM, userconf(extra))])

# ---------------- family rabbit: rabbitmq.conf settings that stop st2's bus ----------------
F = 'rabbit-conf'
RBASE = """# Static peer list: the three StatefulSet pods under the discovery Service.
cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config
cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-discovery
cluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-discovery
cluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-discovery
queue_master_locator = min-masters
loopback_users.guest = false
cluster_partition_handling = pause_minority
load_definitions = /etc/rabbitmq/definitions.json
"""
def rconf(extra, base=RBASE):
    return "- op: replace\n  path: /data/rabbitmq.conf\n  value: |\n" + ind(base + extra, 4)
RCM = {'version': 'v1', 'kind': 'ConfigMap', 'name': 'rabbitmq-config'}
RDOC = 'rabbitmq-server docs'
rabs = [
 ('rmq-watermark-zero', 'deny', "vm_memory_high_watermark.relative = 0\n", "RabbitMQ docs memory.md: 'A value of 0 makes the memory alarm go off immediately and thus disables all publishing' - st2 can publish no message"),
 ('rmq-watermark-abs-1mb', 'deny', "vm_memory_high_watermark.absolute = 1MB\n", "RabbitMQ docs memory.md: absolute watermark; a node uses far more than 1MB at boot so the memory alarm is always on and every publisher is blocked"),
 ('rmq-total-mem-override', 'deny', "total_memory_available_override_value = 2MB\n", "RabbitMQ docs memory.md: total_memory_available_override_value replaces detected RAM; the 0.4 watermark of 2MB is exceeded at boot, alarm blocks all publishing"),
 ('rmq-disk-limit-huge', 'deny', "disk_free_limit.absolute = 50TB\n", "RabbitMQ docs disk-alarms.md: when free disk is below disk_free_limit the alarm blocks all publishing connections; a 50TB floor is never met"),
 ('rmq-disk-limit-relative', 'deny', "disk_free_limit.relative = 1000.0\n", "RabbitMQ docs disk-alarms.md: relative limit is a multiple of total RAM; 1000x RAM free disk is never available -> publishing blocked"),
 ('rmq-max-message-1k', 'deny', "max_message_size = 1024\n", "RabbitMQ rabbitmq.conf.example max_message_size: larger messages are rejected with a channel error; st2 liveaction/execution messages (pickled objects with parameters and results) exceed 1 KiB, channels close"),
 ('rmq-connection-max-3', 'deny', "connection_max = 3\n", "RabbitMQ docs networking.md/configure.md connection_max: connections beyond the limit are refused; ~30 st2 pods each hold a connection"),
 ('rmq-consumer-timeout-1ms', 'deny', "consumer_timeout = 1\n", "RabbitMQ docs consumers.md 'Delivery Acknowledgement Timeout': a consumer not acking within consumer_timeout ms has its channel closed with PRECONDITION_FAILED; st2 consumers ack after handling -> every consumer channel dies"),
 ('rmq-partition-ignore', 'deny', "cluster_partition_handling = ignore\n", "RabbitMQ docs partitions.md: 'ignore' keeps both sides running (split brain, messages lost on heal); st2 HA docs want pause_minority"),
 ('rmq-listener-5673', 'deny', "listeners.tcp.default = 5673\n", "RabbitMQ docs networking.md listeners.tcp.default: AMQP moves to 5673 while st2 [messaging] url and Service target 5672"),
 ('rmq-channel-max-1', 'deny', "channel_max = 1\n", "RabbitMQ docs channels.md channel_max: kombu opens a channel per producer/consumer pool on one connection; with a max of 1 further channel.open is refused (connection closed)"),
 ('rmq-safe-watermark', 'allow', "vm_memory_high_watermark.relative = 0.6\n", "safe: documented range 0.4-0.7"),
 ('rmq-safe-disk', 'allow', "disk_free_limit.absolute = 2GB\n", "safe: typical disk floor"),
 ('rmq-safe-max-message', 'allow', "max_message_size = 134217728\n", "safe: 128 MiB (the default)"),
 ('rmq-safe-connection-max', 'allow', "connection_max = 2000\n", "safe: generous cap"),
 ('rmq-safe-consumer-timeout', 'allow', "consumer_timeout = 3600000\n", "safe: 1 h ack timeout (default 30 min)"),
 ('rmq-safe-channel-max', 'allow', "channel_max = 2047\n", "safe: default value"),
 ('rmq-safe-log-level', 'allow', "log.console.level = info\n", "safe: log level"),
]
for cid, exp, extra, why in rabs:
    case(cid, exp, F, why, patches=[(RCM, rconf(extra))])

# ---------------- family svc-env: Service links injecting env the stores read ----------------
F = 'svc-env-links'
def extra_svc(name, port, cip=True, sel='rabbitmq'):
    return ("apiVersion: v1\nkind: Service\nmetadata:\n  name: %s\n  labels:\n    app: %s\n    release: st2\nspec:\n%s  selector:\n    app: %s\n    release: st2\n  ports:\n    - name: p\n      port: %d\n" % (name, sel, '' if cip else '  clusterIP: None\n', sel, port))
K8SENV = "Kubernetes docs concepts/services-networking/service.md 'Environment variables': kubelet adds {SVCNAME}_PORT=tcp://<ClusterIP>:<port> for every ClusterIP Service of the namespace to every pod (enableServiceLinks default true)"
case('env-rabbitmq-node-svc', 'deny', F, K8SENV + "; a Service named rabbitmq-node puts RABBITMQ_NODE_PORT=tcp://10.x:5672 into the rabbitmq pods, and rabbitmq-server deps/rabbit_common/src/rabbit_env.erl amqp_tcp_port/1 does list_to_integer on it: badarg -> 'Invalid value for $RABBITMQ_NODE_PORT', throw({exit, ex_config}): every node refuses to boot, st2's bus is gone", resources={'svc.yaml': extra_svc('rabbitmq-node', 5672)})
case('env-rabbitmq-dist-svc', 'deny', F, K8SENV + "; Service rabbitmq-dist -> RABBITMQ_DIST_PORT=tcp://..., rabbit_env.erl erlang_dist_tcp_port/1 list_to_integer badarg -> 'Invalid value for $RABBITMQ_DIST_PORT', exit ex_config: nodes never boot", resources={'svc.yaml': extra_svc('rabbitmq-dist', 25672)})
case('env-rabbitmq-node-svc-stg', 'deny', F, "staging copy of env-rabbitmq-node-svc", base='staging', resources={'svc.yaml': extra_svc('rabbitmq-node', 5672)})
case('env-safe-rabbitmq-metrics', 'allow', F, "safe: Service rabbitmq-metrics for Prometheus (RABBITMQ_METRICS_PORT is not read by RabbitMQ)", resources={'svc.yaml': extra_svc('rabbitmq-metrics', 15692)})
case('env-safe-rabbitmq-node-headless', 'allow', F, "safe: headless (clusterIP None) Services get no env vars", resources={'svc.yaml': extra_svc('rabbitmq-node', 5672, cip=False)})
case('env-safe-links-off', 'allow', F, "safe: enableServiceLinks false on rabbitmq",
     resources={'svc.yaml': extra_svc('rabbitmq-node', 5672)},
     patches=[(sts('rabbitmq'), "- op: add\n  path: /spec/template/spec/enableServiceLinks\n  value: false")])

# ---------------- family svc-traffic: Service routing that strands st2 clients ----------------
F = 'svc-traffic-policy'
TP = "Kubernetes docs reference/networking/virtual-ips.md / service-traffic-policy.md: with internalTrafficPolicy Local kube-proxy only uses endpoints on the client's node and drops traffic when the node has none"
for name, note in [('st2api', 'st2actionrunner (8 pods) and st2auth call st2api; pods on nodes without an st2api replica get no answer'),
                   ('st2auth', 'st2web pods on nodes without st2auth cannot log anyone in'),
                   ('etcd', 'st2 coordination ([coordination] url etcd://etcd:2379) fails from every node without an etcd member: locks for scheduler/workflow engine fail'),
                   ('st2stream', 'st2web on nodes without st2stream loses the event stream')]:
    case('tp-local-%s' % name, 'deny', F, TP + '; ' + note, patches=[(svc(name), "- op: add\n  path: /spec/internalTrafficPolicy\n  value: Local")])
case('tp-local-st2api-stg', 'deny', F, 'staging copy of tp-local-st2api', base='staging', patches=[(svc('st2api'), "- op: add\n  path: /spec/internalTrafficPolicy\n  value: Local")])
case('tp-safe-cluster', 'allow', F, 'safe: internalTrafficPolicy Cluster (the default) written out', patches=[(svc('st2api'), "- op: add\n  path: /spec/internalTrafficPolicy\n  value: Cluster")])
case('tp-safe-affinity', 'allow', F, 'safe: sessionAffinity ClientIP on st2web', patches=[(svc('st2web'), "- op: add\n  path: /spec/sessionAffinity\n  value: ClientIP")])
case('tp-safe-prefer-close', 'allow', F, 'safe: trafficDistribution PreferClose falls back to other zones', patches=[(svc('st2api'), "- op: add\n  path: /spec/trafficDistribution\n  value: PreferClose")])
case('tp-publish-not-ready-st2api', 'deny', F, "Kubernetes API ServiceSpec.publishNotReadyAddresses: endpoints include pods that are not Ready, so st2api requests go to pods still starting or failing readiness (st2 exits until MongoDB answers): intermittent API failures", patches=[(svc('st2api'), "- op: add\n  path: /spec/publishNotReadyAddresses\n  value: true")])

# ---------------- family etcd-flags ----------------
F = 'etcd-flags'
def etcdflag(*flags):
    return '\n'.join("- op: add\n  path: /spec/template/spec/containers/0/command/-\n  value: \"%s\"" % f for f in flags)
ET = [
 ('etcd-election-lt-heartbeat', 'deny', ['--heartbeat-interval=1000', '--election-timeout=1000'], "etcd server/embed/config.go Validate: 'election-timeout should be at least as 5 times as heartbeat-interval' -> etcd exits, coordination gone"),
 ('etcd-quota-tiny', 'deny', ['--quota-backend-bytes=4096'], "etcd docs op-guide/maintenance.md Space quota: once the backend exceeds the quota etcd raises NOSPACE and accepts only reads/deletes; st2's tooz locks are writes -> every lock fails"),
 ('etcd-v2-deprecation-write-only', 'deny', ['--v2-deprecation=write-only'], "etcd 3.5 server/embed/etcd.go serveClients: EnableV2 with --v2-deprecation >= write-only returns '--enable-v2 and --v2-deprecation=write-only are mutually exclusive' (e2e TestV2DeprecationWriteOnlyNoV2Api): etcd exits, st2 coordination (tooz etcd:// = v2 API) gone"),
 ('etcd-listen-localhost', 'deny', ['--listen-client-urls=http://127.0.0.1:2379'], "etcd flag: last --listen-client-urls wins; bound to loopback, st2 pods cannot reach etcd:2379"),
 ('etcd-unsafe-no-fsync', 'deny', ['--unsafe-no-fsync'], "etcd docs configuration.md: --unsafe-no-fsync disables fsync, 'unsafe, may cause data loss'"),
 ('etcd-max-request-tiny', 'deny', ['--max-request-bytes=16'], "etcd configuration.md --max-request-bytes: requests larger are rejected (request is too large); every tooz lock/heartbeat write exceeds 16 bytes"),
 ('etcd-safe-compaction', 'allow', ['--auto-compaction-retention=1'], "safe: hourly compaction"),
 ('etcd-safe-snapshot', 'allow', ['--snapshot-count=50000'], "safe"),
 ('etcd-safe-quota', 'allow', ['--quota-backend-bytes=4294967296'], "safe: 4 GiB quota"),
 ('etcd-safe-heartbeat', 'allow', ['--heartbeat-interval=200', '--election-timeout=2000'], "safe: 10x ratio (etcd tuning.md)"),
 ('etcd-safe-loglevel', 'allow', ['--log-level=warn'], "safe"),
]
for cid, exp, flags, why in ET:
    case(cid, exp, F, why, patches=[(sts('etcd'), etcdflag(*flags))])

# ---------------- family mongo-flags ----------------
F = 'mongo-flags'
def margs(*a):
    return '\n'.join("- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: \"%s\"" % x for x in a)
MT = [
 ('mongo-maxconns-5', 'deny', ['--maxConns', '5'], "MongoDB docs configuration-options net.maxIncomingConnections: connections beyond are refused; 13 st2 Deployments with pymongo pools plus replica-set heartbeats need far more than 5"),
 ('mongo-bind-localhost', 'deny', ['--bind_ip', '127.0.0.1'], "docker-library/mongo docker-entrypoint.sh adds --bind_ip_all only when no --bind_ip is given; with 127.0.0.1 members and st2 cannot connect"),
 ('mongo-syncdelay-0', 'deny', ['--syncdelay', '0'], "MongoDB docs storage.syncPeriodSecs: 'Do not set this value to 0'; 0 disables checkpoints, recovery replays the whole journal"),
 ('mongo-replset-rename', 'deny', ['--replSet', 'rs1'], "mongod takes the last --replSet; st2 [database] host has replicaSet=rs0, never finds a primary"),
 ('mongo-directoryperdb', 'deny', ['--directoryperdb'], "MongoDB docs storage.directoryPerDB: changing it on an existing dbPath requires migration; existing data files are not found (mongod errors or starts empty)"),
 ('mongo-nojournal', 'deny', ['--nojournal'], "MongoDB 4.4 docs: journaling off for a replica set member loses acknowledged writes on crash"),
 ('mongo-safe-cache', 'allow', ['--wiredTigerCacheSizeGB', '1'], "safe: cache sizing"),
 ('mongo-safe-slowms', 'allow', ['--slowms', '200'], "safe"),
 ('mongo-safe-maxconns', 'allow', ['--maxConns', '20000'], "safe"),
 ('mongo-safe-quiet', 'allow', ['--quiet'], "safe"),
 ('mongo-safe-bindall', 'allow', ['--bind_ip_all'], "safe: the entrypoint default made explicit"),
]
for cid, exp, a, why in MT:
    case(cid, exp, F, why, patches=[(sts('mongodb'), margs(*a))])

# ---------------- family pod-never-runs: scheduling/admission fields that strand pods ----------------
F = 'pod-never-runs'
def tpl(path, value, name='st2api', kind='Deployment'):
    t = dep(name) if kind == 'Deployment' else sts(name)
    return [(t, "- op: add\n  path: /spec/template/spec/%s\n  value: %s" % (path, value))]
PN = [
 ('pn-readiness-gate', 'deny', 'readinessGates', '\n    - conditionType: example.com/never-set',
  "Kubernetes docs pod-lifecycle.md#pod-readiness-gate: a pod is Ready only when every readinessGates condition is True; nothing sets example.com/never-set, so st2api never gets endpoints"),
 ('pn-scheduler-name', 'deny', 'schedulerName', 'kube-batch-scheduler',
  "Kubernetes docs configure-multiple-schedulers.md: pods naming a scheduler that does not run stay Pending"),
 ('pn-runtimeclass', 'deny', 'runtimeClassName', 'kata-fc',
  "Kubernetes docs runtime-class.md: a pod naming a RuntimeClass that does not exist is rejected at admission (RuntimeClass plugin), ReplicaSet cannot create pods"),
 ('pn-priorityclass-missing', 'deny', 'priorityClassName', 'st2-critical',
  "Kubernetes docs pod-priority-preemption.md: the Priority admission controller rejects a pod naming a PriorityClass that does not exist; none is rendered"),
 ('pn-serviceaccount-missing', 'deny', 'serviceAccountName', 'st2api-sa',
  "Kubernetes ServiceAccount admission controller: a pod naming a ServiceAccount that does not exist is rejected (error looking up service account); none rendered"),
 ('pn-os-windows', 'deny', 'os', '\n    name: windows',
  "Kubernetes docs pod spec os.name: kubelet rejects a pod whose os.name does not match the node OS (PodOSNotSupported) and the image is Linux-only"),
 ('pn-nodeselector-arch', 'deny', 'nodeSelector', '\n    kubernetes.io/arch: s390x',
  "Kubernetes well-known label kubernetes.io/arch; st2 3.8 images are amd64-only, no s390x node -> Pending (or exec format error)"),
 ('pn-spread-missing-key', 'deny', 'topologySpreadConstraints', '\n    - maxSkew: 1\n      topologyKey: example.com/rack\n      whenUnsatisfiable: DoNotSchedule\n      labelSelector:\n        matchLabels:\n          app: st2api',
  "Kubernetes docs topology-spread-constraints.md: with DoNotSchedule, nodes without the topologyKey label are not candidates; no node carries example.com/rack -> Pending"),
 ('pn-safe-sa-default', 'allow', 'serviceAccountName', 'default', "safe: the namespace's default ServiceAccount always exists"),
 ('pn-safe-scheduler-default', 'allow', 'schedulerName', 'default-scheduler', "safe: the default scheduler"),
 ('pn-safe-os-linux', 'allow', 'os', '\n    name: linux', "safe"),
 ('pn-safe-arch-amd64', 'allow', 'nodeSelector', '\n    kubernetes.io/arch: amd64', "safe: images are amd64"),
 ('pn-safe-spread-zone', 'allow', 'topologySpreadConstraints', '\n    - maxSkew: 1\n      topologyKey: kubernetes.io/hostname\n      whenUnsatisfiable: ScheduleAnyway\n      labelSelector:\n        matchLabels:\n          app: st2api', "safe: soft spread on hostname"),
 ('pn-safe-sharepid', 'allow', 'shareProcessNamespace', 'true', "safe"),
]
for cid, exp, path, val, why in PN:
    case(cid, exp, F, why, patches=tpl(path, val))
case('pn-readiness-gate-rabbit', 'deny', F, "as pn-readiness-gate on RabbitMQ: pods never Ready; with parallel=OrderedReady StatefulSet only rabbitmq-0 ever starts and the Service has no endpoints", patches=tpl('readinessGates', '\n    - conditionType: example.com/never-set', name='rabbitmq', kind='StatefulSet'))
case('pn-scheduler-name-mongo', 'deny', F, "as pn-scheduler-name on MongoDB", patches=tpl('schedulerName', 'stork', name='mongodb', kind='StatefulSet'))
case('pn-pull-never', 'deny', F, "Kubernetes docs containers/images.md imagePullPolicy Never: 'the kubelet does not try fetching the image; if present locally it starts, otherwise startup fails' (ErrImageNeverPull) on fresh nodes",
     patches=[(dep('st2api'), "- op: replace\n  path: /spec/template/spec/containers/0/imagePullPolicy\n  value: Never")])
case('pn-safe-pull-ifnotpresent', 'allow', F, "safe: IfNotPresent with a pinned tag", patches=[(dep('st2api'), "- op: replace\n  path: /spec/template/spec/containers/0/imagePullPolicy\n  value: IfNotPresent")])
case('pn-emptydir-tiny', 'deny', F, "Kubernetes docs volumes.md emptyDir sizeLimit: kubelet evicts the pod when the volume's usage exceeds sizeLimit; the st2-system-packs init container copies /opt/stackstorm/virtualenvs (hundreds of MB) into it -> every runner pod evicted",
     patches=[(dep('st2actionrunner'), "- op: replace\n  path: /spec/template/spec/volumes/4\n  value:\n    name: st2-virtualenvs-vol\n    emptyDir:\n      sizeLimit: 1Mi")])
case('pn-safe-emptydir-2gi', 'allow', F, "safe: 2Gi sizeLimit on the virtualenvs emptyDir",
     patches=[(dep('st2actionrunner'), "- op: replace\n  path: /spec/template/spec/volumes/4\n  value:\n    name: st2-virtualenvs-vol\n    emptyDir:\n      sizeLimit: 2Gi")])
case('pn-emptydir-memory', 'deny', F, "Kubernetes docs volumes.md emptyDir medium Memory: tmpfs usage counts against the container memory limit; copying virtualenvs into it exceeds st2actionrunner's limit -> OOMKilled",
     patches=[(dep('st2actionrunner'), "- op: replace\n  path: /spec/template/spec/volumes/4\n  value:\n    name: st2-virtualenvs-vol\n    emptyDir:\n      medium: Memory")])

# ---------------- family args: st2 config-file arguments ----------------
F = 'config-args'
case('args-drop-secrets-conf', 'deny', F, "st2 reads credentials only from --config-file=/etc/st2/st2.secrets.conf in staging/prod (components/external-secrets); without it st2rulesengine connects to MongoDB with no username/password -> auth failure, crash loop (oslo.config: only listed files are read)",
     patches=[(dep('st2rulesengine'), "- op: remove\n  path: /spec/template/spec/containers/0/args/3")])
case('args-drop-secrets-conf-wf', 'deny', F, "as args-drop-secrets-conf for st2workflowengine",
     patches=[(dep('st2workflowengine'), "- op: remove\n  path: /spec/template/spec/containers/0/args/3")])
case('args-docker-after-user', 'deny', F, "oslo.config: later --config-file wins; replacing st2.user.conf by st2.conf again re-applies image defaults after st2.docker.conf? (image st2.conf has [auth] enable... ) -> st2api reads image st2.conf last: [coordination]/[database] back to localhost",
     patches=[(dep('st2api'), "- op: replace\n  path: /spec/template/spec/containers/0/args/2\n  value: --config-file=/etc/st2/st2.conf")])
case('args-safe-reorder', 'allow', F, "safe: secrets file listed before user conf (no overlapping keys)",
     patches=[(dep('st2rulesengine'), "- op: move\n  from: /spec/template/spec/containers/0/args/3\n  path: /spec/template/spec/containers/0/args/2")])
case('args-safe-drop-user', 'allow', F, "safe: st2rulesengine without st2.user.conf (only [api] allow_origin, irrelevant to it)",
     patches=[(dep('st2rulesengine'), "- op: remove\n  path: /spec/template/spec/containers/0/args/2")])

# ---------------- family argo-hooks: objects Argo never applies ----------------
F = 'argo-skip'
def ann(k, v):
    return "- op: add\n  path: /metadata/annotations/%s\n  value: \"%s\"" % (k.replace('/', '~1'), v)
case('argo-hook-skip-st2api', 'deny', F, "Argo CD docs user-guide/resource_hooks.md: hook type Skip 'Indicates that the manifest should not be applied' - st2api never exists", patches=[(dep('st2api'), ann('argocd.argoproj.io/hook', 'Skip'))])
case('argo-hook-skip-mongo-svc', 'deny', F, "as argo-hook-skip-st2api for Service mongodb: st2 cannot resolve mongodb-0.mongodb", patches=[(svc('mongodb'), ann('argocd.argoproj.io/hook', 'Skip'))])
case('argo-local-config-etcd', 'deny', F, "kustomize: resources annotated config.kubernetes.io/local-config: 'true' are dropped from the output (kustomize.md); etcd StatefulSet vanishes", patches=[(sts('etcd'), ann('config.kubernetes.io/local-config', 'true'))])
case('argo-compare-ignore-extraneous', 'allow', F, "safe: compare-options IgnoreExtraneous only affects sync status", patches=[(dep('st2api'), ann('argocd.argoproj.io/compare-options', 'IgnoreExtraneous'))])
case('argo-safe-sync-wave', 'allow', F, "safe: sync-wave ordering", patches=[(dep('st2api'), ann('argocd.argoproj.io/sync-wave', '3'))])
case('argo-safe-delete-false', 'allow', F, "safe: Delete=false keeps the resource on app deletion", patches=[(sts('mongodb'), ann('argocd.argoproj.io/sync-options', 'Delete=false'))])
case('argo-ssa-safe', 'allow', F, "safe: ServerSideApply=true", patches=[(dep('st2api'), ann('argocd.argoproj.io/sync-options', 'ServerSideApply=true'))])
case('argo-replace-mongo', 'deny', F, "Argo CD sync-options Replace=true deletes/recreates the StatefulSet (kubectl replace), all members restart at once", patches=[(sts('mongodb'), ann('argocd.argoproj.io/sync-options', 'Replace=true'))])

# ---------------- family singletons ----------------
F = 'singletons'
case('sg-timers-2', 'deny', F, "StackStorm HA docs (stackstorm-ha.md §12): st2timersengine must be exactly one", patches=[(dep('st2timersengine'), "- op: replace\n  path: /spec/replicas\n  value: 2")])
case('sg-sensor-2', 'deny', F, "stackstorm-ha.md §12: st2sensorcontainer single unless partitioned", patches=[(dep('st2sensorcontainer'), "- op: replace\n  path: /spec/replicas\n  value: 2")])
cron = """apiVersion: batch/v1
kind: CronJob
metadata:
  name: timers-kick
spec:
  schedule: "*/5 * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      activeDeadlineSeconds: 240
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: t
              image: stackstorm/st2timersengine:3.8.1
              command: ["/opt/stackstorm/st2/bin/st2timersengine", "--config-file=/etc/st2/st2.conf"]
              resources:
                limits: {cpu: 100m, memory: 256Mi}
                requests: {cpu: 50m, memory: 128Mi}
"""
case('sg-timers-cronjob', 'deny', F, "a CronJob starting a second st2timersengine every 5 min: stackstorm-ha.md §12 timers engine singleton -> duplicate timer firings", resources={'cron.yaml': cron})
case('sg-timers-surge', 'deny', F, "Deployment default RollingUpdate maxSurge 25%->1 starts a second st2timersengine during rollouts (k8s deployment.md); singleton", patches=[(dep('st2timersengine'), "- op: add\n  path: /spec/strategy\n  value:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0")])
case('sg-safe-timers-recreate', 'allow', F, "safe: Recreate strategy for the singleton", patches=[(dep('st2timersengine'), "- op: add\n  path: /spec/strategy\n  value:\n    type: Recreate")])
case('sg-scheduler-zero', 'deny', F, "stackstorm-ha.md: st2scheduler needed; 0 replicas -> nothing scheduled", patches=[(dep('st2scheduler'), "- op: replace\n  path: /spec/replicas\n  value: 0")])
case('sg-safe-runners-4', 'allow', F, "safe: 4 action runners", patches=[(dep('st2actionrunner'), "- op: replace\n  path: /spec/replicas\n  value: 4")])
case('sg-safe-api-5', 'allow', F, "safe: 5 st2api replicas", patches=[(dep('st2api'), "- op: replace\n  path: /spec/replicas\n  value: 5")])

# ---------------- family encodings: default secrets in forms the gate may not decode ----------------
F = 'secret-encodings'
DEF = 'Ch@ngeMe'; MPW = 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK'; RPW = '9jS+w1u07NbHtZke1m+jW4Cj'
def rot47(s): return ''.join(chr(33 + ((ord(c) - 33 + 47) % 94)) if 33 <= ord(c) <= 126 else c for c in s)
B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
def b58(s):
    n = int.from_bytes(s.encode(), 'big'); o = ''
    while n: n, r = divmod(n, 58); o = B58[r] + o
    return o
def b36(s):
    n = int.from_bytes(s.encode(), 'big'); a = '0123456789abcdefghijklmnopqrstuvwxyz'; o = ''
    while n: n, r = divmod(n, 36); o = a[r] + o
    return o
def caesar(s, k=3):
    r = ''
    for c in s:
        if c.isupper(): r += chr((ord(c) - 65 + k) % 26 + 65)
        elif c.islower(): r += chr((ord(c) - 97 + k) % 26 + 97)
        elif c.isdigit(): r += chr((ord(c) - 48 + k) % 10 + 48)
        else: r += c
    return r
def atbash(s):
    return ''.join(chr(155 - ord(c)) if c.isupper() else chr(219 - ord(c)) if c.islower() else c for c in s)
def binstr(s): return ' '.join(format(b, '08b') for b in s.encode())
def odx(s):
    b = s.encode() + (b'\0' if len(s) % 2 else b'')
    return ' '.join('%04x' % (b[i] | b[i+1] << 8) for i in range(0, len(b), 2))
def xorhex(s, k=0x5a): return ''.join('%02x' % (b ^ k) for b in s.encode())
def intdec(s): return str(int.from_bytes(s.encode(), 'big'))
encs = [
 ('rot47', rot47, "ROT47 (tr '!-~' 'P-~!-O')"),
 ('base58', b58, 'base58 (bitcoin alphabet)'),
 ('base36', b36, 'base36 big integer'),
 ('caesar3', caesar, 'Caesar shift 3 (letters and digits)'),
 ('atbash', atbash, 'Atbash'),
 ('binary', binstr, 'space separated 8-bit binary'),
 ('odx', odx, '16-bit little-endian words as od -x prints them'),
 ('xor5a', xorhex, 'hex of XOR 0x5a'),
 ('bigint', intdec, 'decimal big integer (int.from_bytes)'),
 ('b64rev', lambda s: base64.b64encode(s.encode()).decode()[::-1], 'base64 string reversed'),
 ('b64x2-b32', lambda s: base64.b32encode(base64.b64encode(s.encode())).decode(), 'base32 of base64'),
]
for tag, fn, desc in encs:
    for sec_id, val, sec_desc in [('st2admin', DEF, "stackstorm-k8s values.yaml st2.username/password st2admin/Ch@ngeMe (stackstorm-ha.md)"), ('mongo', MPW, "stackstorm-k8s values.yaml mongodb.auth.password")]:
        cm = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: st2-login-%s\ntype: Opaque\nstringData:\n  encoded: \"%s\"\n  decode-with: \"%s\"\n" % (tag, fn(val), desc))
        case('enc-%s-%s' % (tag, sec_id), 'deny', F, "the chart's published secret (%s) reaches the cluster as %s (issue #12: any form or encoding)" % (sec_desc, desc), resources={'s.yaml': cm})
for tag, fn, desc in encs[:6]:
    cm = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: banner-%s\ndata:\n  banner: \"%s\"\n" % (tag, fn('Welcome to StackStorm production')))
    case('enc-safe-%s' % tag, 'allow', F, "safe: a harmless banner text in %s" % desc, resources={'c.yaml': cm})

# ---------------- family planted: credentials written into git (planted values) ----------------
F = 'planted-creds'
p1 = 'R17planted-mongo-7Qx2Lk9Zp4'; p2 = 'R17planted-rabbit-3Hv8Tn1Wc6'; p3 = 'R17planted-st2admin-5Jd0Ry2Ub8'
case('pl-user-conf-dbpass', 'deny', F, "SEC-013 class: a production MongoDB password committed in ConfigMap st2-config (readable by anyone with configmap get; in git forever) instead of the secret store",
     patches=[(CM, userconf("[database]\npassword = %s\n" % p1))]); P.append(('pl-user-conf-dbpass', p1))
case('pl-rabbit-env-literal', 'deny', F, "production RabbitMQ admin password written as a literal env value in git (README: every production credential from the secret store; RABBITMQ_DEFAULT_PASS is read by the rabbitmq image's entrypoint)",
     patches=[(sts('rabbitmq'), "- op: add\n  path: /spec/template/spec/containers/0/env/-\n  value:\n    name: RABBITMQ_DEFAULT_PASS\n    value: %s" % p2)]); P.append(('pl-rabbit-env-literal', p2))
case('pl-mongo-root-literal', 'deny', F, "production MongoDB root password written literally in git (docker-library/mongo reads MONGO_INITDB_ROOT_PASSWORD on first start)",
     patches=[(sts('mongodb'), "- op: add\n  path: /spec/template/spec/containers/0/env/-\n  value:\n    name: MONGO_INITDB_ROOT_PASSWORD\n    value: %s" % p3)]); P.append(('pl-mongo-root-literal', p3))

# ---------------- malformed ----------------
F = 'malformed'
case('bad-yaml', 'bad', F, 'malformed YAML', raw="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../prod\n")
case('bad-patch-path', 'bad', F, 'JSON patch path missing', patches=[(dep('st2api'), "- op: replace\n  path: /spec/template/spec/nothere/0\n  value: 1")])
case('bad-missing-resource', 'bad', F, 'resource file missing', raw="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\n  - nothere.yaml\n")
case('bad-escape-repo', 'bad', F, 'path leaving the repository', raw="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../../../../etc\n")
case('bad-dup-resource', 'bad', F, 'the same object twice (kustomize: may not add resource with an already registered id)', raw="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\n  - ns.yaml\n", extra_files={'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: st2-prod\n'})


# ---------------- round 2 additions ----------------
F = 'cfg-silent-break'
for cid, exp, extra, why in [
 ('cfg-gc-ttl-negative', 'deny', "[garbagecollector]\naction_executions_ttl = -1\n", "st2 v3.8.1 st2reactor/garbage_collector/base.py __init__ calls _validate_ttl_values(): a truthy TTL below MINIMUM_TTL_DAYS (1) raises ValueError -> st2garbagecollector crash-loops"),
 ('cfg-gc-tokens-ttl-negative', 'deny', "[garbagecollector]\ntokens_ttl = -3\n", "same check for tokens_ttl in garbage_collector/base.py: ValueError at start, crash loop"),
 ('cfg-safe-gc-ttl-7', 'allow', "[garbagecollector]\naction_executions_ttl = 7\ntokens_ttl = 7\n", "safe: 7-day retention"),
 ('cfg-scheduler-sleep-10min', 'deny', "[scheduler]\nsleep_interval = 600\n", "st2 v3.8.1 st2actions/scheduler/handler.py run(): sleep(cfg.CONF.scheduler.sleep_interval) then process() handles ONE queue item (_get_next_execution); 600 s => 6 executions/hour per scheduler"),
 ('cfg-scheduler-pool-zero', 'deny', "[scheduler]\npool_size = 0\n", "st2actions/scheduler/config.py pool_size sizes the scheduler's eventlet GreenPool; a pool of 0 can never spawn a scheduling greenthread"),
 ('cfg-action-sensor-off-dev', 'deny', "[action_sensor]\nenable = False\n", "dev copy placeholder"),
 ('cfg-safe-virtualenv-binary', 'allow', "[actionrunner]\nvirtualenv_binary = /opt/stackstorm/st2/bin/virtualenv\n", "safe: the st2 venv's own virtualenv (the packaged default)"),
 ('cfg-safe-ssh-key-default', 'allow', "[system_user]\nuser = stanley\nssh_key_file = /home/stanley/.ssh/stanley_rsa\n", "safe: defaults written out (config.py)"),
 ('cfg-safe-scheduler-gc', 'allow', "[scheduler]\ngc_interval = 30\n", "safe: zombie sweep every 30 s"),
 ('cfg-safe-emit-when', 'allow', "[action_sensor]\nenable = True\nemit_when = succeeded,failed,timeout,canceled,abandoned\n", "safe: default list"),
]:
    if cid == 'cfg-action-sensor-off-dev':
        continue
    case(cid, exp, F, why, patches=[(CM, userconf(extra))])
case('cfg-action-sensor-off-stg', 'deny', F, "staging copy of cfg-action-sensor-off (notifier.py:272 skips every action trigger)", base='staging', patches=[(CM, userconf("[action_sensor]\nenable = False\n"))])
case('cfg-virtualenv-missing-stg', 'deny', F, "staging copy of cfg-virtualenv-binary-missing", base='staging', patches=[(CM, userconf("[actionrunner]\nvirtualenv_binary = /opt/nothing/bin/virtualenv\n"))])

F = 'rabbit-conf'
case('rmq-consumer-timeout-1s', 'deny', F, "RabbitMQ docs consumers.md Delivery Acknowledgement Timeout: deliveries unacked longer than consumer_timeout close the channel (PRECONDITION_FAILED, e.g. metricq/metricq-db-hta#29); 1 s is shorter than st2 actions st2 handles before acking", patches=[(RCM, rconf("consumer_timeout = 1000\n"))])
case('rmq-consumer-timeout-stg', 'deny', F, "staging copy of rmq-consumer-timeout-1ms", base='staging', patches=[(RCM, rconf("consumer_timeout = 1\n"))])
case('rmq-safe-consumer-timeout-2h', 'allow', F, "safe: 2 h", patches=[(RCM, rconf("consumer_timeout = 7200000\n"))])

F = 'svc-env-links'
case('env-rabbitmq-dist-svc-dev', 'deny', F, "dev copy of env-rabbitmq-dist-svc: rabbit_env.erl erlang_dist_tcp_port list_to_integer('tcp://...') -> 'Invalid value for $RABBITMQ_DIST_PORT', exit ex_config", base='dev', resources={'svc.yaml': extra_svc('rabbitmq-dist', 25672)})
case('env-rabbitmq-node-svc-dev', 'deny', F, "dev copy of env-rabbitmq-node-svc (store never boots: st2 unusable in dev too)", base='dev', resources={'svc.yaml': extra_svc('rabbitmq-node', 5672)})
case('env-rabbitmq-node-other-selector', 'deny', F, K8SENV + "; the env var exists whatever the Service selects: a ClusterIP Service rabbitmq-node selecting st2api still gives RABBITMQ_NODE_PORT to the rabbitmq pods", resources={'svc.yaml': extra_svc('rabbitmq-node', 9101, sel='st2api')})
case('env-safe-rabbitmq-prom', 'allow', F, "safe: Service rabbitmq-prometheus (RABBITMQ_PROMETHEUS_PORT is not read)", resources={'svc.yaml': extra_svc('rabbitmq-prometheus', 15692)})
case('env-safe-mongodb-metrics', 'allow', F, "safe: Service mongodb-metrics", resources={'svc.yaml': extra_svc('mongodb-metrics', 9216, sel='mongodb')})

F = 'etcd-flags'
case('etcd-v2-depr-write-only-drop', 'deny', F, "etcd 3.5 server/embed/etcd.go serveClients: EnableV2 with V2DeprecationEffective >= write-only returns '--enable-v2 and --v2-deprecation=... are mutually exclusive' (tests/e2e TestV2DeprecationWriteOnlyNoV2Api): etcd never serves", patches=[(sts('etcd'), etcdflag('--v2-deprecation=write-only-drop-data'))])
case('etcd-v2-depr-write-only-stg', 'deny', F, "staging copy of etcd-v2-deprecation-write-only", base='staging', patches=[(sts('etcd'), etcdflag('--v2-deprecation=write-only'))])
case('etcd-safe-v2-depr-not-yet', 'allow', F, "safe: not-yet is the 3.5 default", patches=[(sts('etcd'), etcdflag('--v2-deprecation=not-yet'))])
case('etcd-initial-state-existing', 'deny', F, "etcd docs clustering.md: --initial-cluster-state=existing makes a fresh member try to join a cluster that does not exist; on a new install no member ever starts", patches=[(sts('etcd'), etcdflag('--initial-cluster-state=existing'))])

F = 'pod-never-runs'
case('pn-sa-missing-mongo', 'deny', F, "ServiceAccount admission (Kubernetes docs service-accounts-admin.md): pods naming a missing ServiceAccount are rejected; mongodb-0 never created", patches=tpl('serviceAccountName', 'mongodb', name='mongodb', kind='StatefulSet'))
case('pn-sa-missing-timers', 'deny', F, "as pn-serviceaccount-missing for the st2timersengine singleton: timers never fire", patches=tpl('serviceAccountName', 'st2timersengine', name='st2timersengine'))
case('pn-sa-missing-stg', 'deny', F, "staging copy of pn-serviceaccount-missing", base='staging', patches=tpl('serviceAccountName', 'st2api-sa'))
sa = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: st2api-sa\nautomountServiceAccountToken: false\n"
case('pn-safe-sa-rendered', 'allow', F, "safe: a dedicated ServiceAccount rendered with the overlay", resources={'sa.yaml': sa}, patches=tpl('serviceAccountName', 'st2api-sa'))
case('pn-safe-automount-off', 'allow', F, "safe: no API token in st2api pods", patches=tpl('automountServiceAccountToken', 'false'))
case('pn-emptydir-tiny-api', 'deny', F, "Kubernetes docs volumes.md emptyDir sizeLimit: the st2-system-packs init container copies /opt/stackstorm/packs (all system packs) into a 1Mi emptyDir -> kubelet evicts st2api pods",
     patches=[(dep('st2api'), "- op: replace\n  path: /spec/template/spec/volumes/2\n  value:\n    name: st2-packs-vol\n    emptyDir:\n      sizeLimit: 1Mi")])
case('pn-emptydir-tiny-stg', 'deny', F, "staging copy of pn-emptydir-tiny",  base='staging',
     patches=[(dep('st2actionrunner'), "- op: replace\n  path: /spec/template/spec/volumes/4\n  value:\n    name: st2-virtualenvs-vol\n    emptyDir:\n      sizeLimit: 1Mi")])

# ---------------- round 3 additions ----------------
F = 'mongo-flags'
for cid, exp, a, why in [
 ('mongo-auth-mech-x509', 'deny', ['--setParameter', 'authenticationMechanisms=MONGODB-X509'], "MongoDB docs parameters authenticationMechanisms: the server accepts only the listed mechanisms; st2 (mongoengine/pymongo with username/password) authenticates with SCRAM, refused -> every st2 service fails to connect"),
 ('mongo-transition-to-auth', 'deny', ['--transitionToAuth'], "MongoDB docs mongod --transitionToAuth: the member accepts non-authenticated connections (access control effectively off for clients)"),
 ('mongo-noauth', 'deny', ['--noauth'], "mongod --noauth disables access control: anyone in the cluster reads st2's credentials and executions"),
 ('mongo-safe-scram-both', 'allow', ['--setParameter', 'authenticationMechanisms=SCRAM-SHA-1,SCRAM-SHA-256'], "safe: the mechanisms st2 uses"),
 ('mongo-safe-diag-off', 'allow', ['--setParameter', 'diagnosticDataCollectionEnabled=false'], "safe"),
]:
    case(cid, exp, F, why, patches=[(sts('mongodb'), margs(*a))])

F = 'rabbit-conf'
case('rmq-guest-network', 'deny', F, "RabbitMQ docs access-control.md: guest/guest may log in remotely when loopback_users is none; default_user/default_pass make it exist", patches=[(RCM, rconf("loopback_users = none\ndefault_user = guest\ndefault_pass = guest\n", base=RBASE.replace('loopback_users.guest = false\n', '')))])

F = 'etcd-flags'
case('etcd-name-constant', 'deny', F, "etcd docs clustering.md: --name must match an entry of --initial-cluster; a constant name not listed makes every member fail ('couldn't find local name in the initial cluster configuration')", patches=[(sts('etcd'), etcdflag('--name=etcd'))])

F = 'cfg-silent-break'
case('cfg-safe-coord-headless', 'allow', F, "safe: coordination through the headless etcd Service (same members)", patches=[(CM, userconf("[coordination]\nurl = etcd://etcd-headless:2379\n"))])

F = 'svc-selectors'
case('svc-st2api-targetport-auth', 'deny', F, "Service st2api forwarding to 9100 where st2api does not listen (Kubernetes Service targetPort): API unreachable", patches=[(svc('st2api'), "- op: add\n  path: /spec/ports/0/targetPort\n  value: 9100")])
case('svc-st2api-selector-extra', 'deny', F, "Service selector matching no pod (Kubernetes Service selector semantics): st2api has no endpoints", patches=[(svc('st2api'), "- op: add\n  path: /spec/selector/tier\n  value: frontend")])
case('svc-safe-targetport-named', 'allow', F, "safe: targetPort by the container port's name http", patches=[(svc('st2api'), "- op: add\n  path: /spec/ports/0/targetPort\n  value: http")])
case('svc-safe-label', 'allow', F, "safe: an extra label on Service st2api", patches=[(svc('st2api'), "- op: add\n  path: /metadata/labels/team\n  value: platform")])

F = 'namespace-policy'
np_deny = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
      ports:
        - {protocol: UDP, port: 53}
        - {protocol: TCP, port: 53}
"""
case('np-egress-dns-only', 'deny', F, "Kubernetes NetworkPolicy: with an Egress policy selecting every pod, only listed egress is allowed; st2 pods can no longer reach mongodb/rabbitmq/etcd", resources={'np.yaml': np_deny})
np_ok = np_deny.replace("default-deny-egress", "egress-in-namespace").replace("  egress:\n", "  egress:\n    - to:\n        - podSelector: {}\n    - to:\n        - ipBlock:\n            cidr: 0.0.0.0/0\n      ports:\n        - {protocol: TCP, port: 443}\n")
case('np-safe-egress-namespace', 'allow', F, "safe: egress inside the namespace, DNS and HTTPS out", resources={'np.yaml': np_ok})
rq = "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: pods\nspec:\n  hard:\n    pods: \"5\"\n"
case('rq-pods-5', 'deny', F, "Kubernetes ResourceQuota: pod creation beyond hard.pods is refused; prod runs ~40 pods", resources={'rq.yaml': rq})
case('rq-safe-pods-200', 'allow', F, "safe: quota of 200 pods", resources={'rq.yaml': rq.replace('"5"', '"200"')})
lr = "apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: mem\nspec:\n  limits:\n    - type: Container\n      max:\n        memory: 64Mi\n"
case('lr-max-64mi', 'deny', F, "Kubernetes LimitRange: pods with a container limit above max are rejected at admission", resources={'lr.yaml': lr})
case('lr-safe-max-16gi', 'allow', F, "safe: 16Gi ceiling", resources={'lr.yaml': lr.replace('64Mi', '16Gi')})

F = 'cfg-silent-break'
case('cfg-kv-encryption-off', 'deny', F, "st2 v3.8.1 st2common/models/api/keyvalue.py _setup_crypto: with [keyvalue] enable_encryption False no crypto key is loaded, so every existing secret datastore value can no longer be decrypted and storing secrets answers BAD_REQUEST (actions using decrypt_kv break)", patches=[(CM, userconf("[keyvalue]\nenable_encryption = False\n"))])
case('cfg-safe-kv-encryption-on', 'allow', F, "safe: explicit default", patches=[(CM, userconf("[keyvalue]\nenable_encryption = True\n"))])

F = 'svc-env-links'
def renv(v):
    return [(sts('rabbitmq'), "- op: add\n  path: /spec/template/spec/containers/0/env/-\n  value:\n    name: RABBITMQ_NODE_PORT\n    value: \"%s\"" % v)]
case('env-direct-node-port-5673', 'deny', F, "control: RABBITMQ_NODE_PORT=5673 written directly (rabbit_env.erl amqp_tcp_port): AMQP leaves 5672 where st2 connects", patches=renv('5673'))
case('env-direct-node-port-url', 'deny', F, "control: the exact value a service link injects, written directly: rabbit_env.erl list_to_integer badarg -> 'Invalid value for $RABBITMQ_NODE_PORT', exit ex_config", patches=renv('tcp://10.96.0.10:5672'))
case('env-safe-direct-node-port-5672', 'allow', F, "safe: the default port written out", patches=renv('5672'))
case('env-rabbitmq-node-links-explicit', 'deny', F, "as env-rabbitmq-node-svc with enableServiceLinks: true written explicitly on the rabbitmq pods", resources={'svc.yaml': extra_svc('rabbitmq-node', 5672)}, patches=[(sts('rabbitmq'), "- op: add\n  path: /spec/template/spec/enableServiceLinks\n  value: true")])

with open(os.path.join(ROOT, 'dropped.tsv'), 'w') as f:
    f.write('id\tfamily\twhy\n')
    for r in DROP_OUT: f.write('\t'.join(r) + '\n')
with open(os.path.join(ROOT, 'verdicts.tsv'), 'w') as f:
    for r in V: f.write('\t'.join(r) + '\n')
with open(os.path.join(ROOT, 'planted.tsv'), 'w') as f:
    for r in P: f.write('\t'.join(r) + '\n')
print(len(V), 'cases', sum(1 for v in V if v[1]=='deny'), 'deny', sum(1 for v in V if v[1]=='allow'), 'allow')
