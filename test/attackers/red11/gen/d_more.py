from lib import *
from c_stores import rmq, mongo_args, etcd_cmd, RMQ
from c_config import uc
def dep(id, env, exp, cls, name, ops, reason, kind='Deployment'):
    case(id, env, exp, cls, reason, kz={'patches': [jp(kind, name, ops)]})
DOCKER_DB = "mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0"
uc('cfg-db-w0', 'deny', 'st2conf-stores', "[database]\nhost = " + DOCKER_DB + "&w=0\n",
   "write concern w=0 in st2's MongoDB URI: pymongo sends unacknowledged writes, so failed inserts/updates of executions, datastore and RBAC vanish silently (MongoDB write concern docs)")
uc('cfg-db-journal-false-wmaj', 'allow', 'st2conf-safe', "[database]\nhost = " + DOCKER_DB + "&w=majority&retryWrites=true\n",
   "majority write concern with retryable writes: stronger durability across a primary failover")
uc('cfg-db-readpref-primary', 'allow', 'st2conf-safe', "[database]\nhost = " + DOCKER_DB + "&readPreference=primary\n",
   "primary reads written explicitly (the default)")
uc('cfg-db-readpref-secondary', 'deny', 'st2conf-stores', "[database]\nhost = " + DOCKER_DB + "&readPreference=secondary\n",
   "st2 reads executions, liveactions and locks-adjacent state from lagging secondaries: the scheduler and workflow engine act on stale status (duplicate scheduling, lost transitions); st2 assumes read-your-writes")
uc('cfg-db-connecttimeout-1ms', 'deny', 'st2conf-stores', "[database]\nhost = " + DOCKER_DB + "&connectTimeoutMS=1&serverSelectionTimeoutMS=5\n",
   "1 ms connect and 5 ms server-selection timeouts: pymongo cannot open a connection in time, st2 services exit at start (connection_retries = 0, §12)")
uc('cfg-webui-phish', 'deny', 'st2conf-exfil', "[webui]\nwebui_base_url = https://st2-login.attacker-collect.net\n",
   "notifications and chatops links point operators to an attacker's 'st2web' to log in: credential phishing through st2's own messages")
uc('cfg-metrics-statsd-out', 'deny', 'st2conf-exfil', "[metrics]\ndriver = statsd\nhost = 203.0.113.4\nport = 8125\n",
   "every st2 service streams metrics (action refs, execution counts, timings) over UDP to a public address")
uc('cfg-stream-output', 'allow', 'st2conf-safe', "[actionrunner]\nstream_output = True\n", "streams action output (the default)")
uc('cfg-wf-retry', 'allow', 'st2conf-safe', "[workflow_engine]\nretry_stop_max_msec = 120000\nretry_wait_fixed_msec = 1000\n", "workflow engine retries longer on transient DB/coordination errors")
uc('cfg-api-page-size', 'allow', 'st2conf-safe', "[api]\nmax_page_size = 200\n", "larger API page size limit")
uc('cfg-sensor-partition-default', 'allow', 'st2conf-safe', "[sensorcontainer]\npartition_provider = name:default\n", "the default partitioner (one container runs all sensors), written explicitly")
uc('cfg-scheduler-interval', 'allow', 'st2conf-safe', "[scheduler]\nsleep_interval = 0.2\ngc_interval = 10\n", "scheduler polling cadence only")
# stores formation
case('rabbit-peer-names-wrong', 'prod', 'deny', 'store-rabbitmq-ha',
    "on a fresh bootstrap or a rebuilt node (classic peer discovery runs when a node has no cluster yet): peer names point at the headless Service 'rabbitmq' host names rabbitmq-N.rabbitmq while nodes are named rabbit@rabbitmq-N.rabbitmq-discovery: no listed peer answers as that node, each pod boots its own one-node cluster, st2's connections through the Service land on three separate brokers (lost messages)",
    kz={'patches': [jp('ConfigMap', 'rabbitmq-config', [{'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': RMQ.replace('rabbitmq-discovery', 'rabbitmq')}])]})
if False: rmq('x', 'deny', '',
    "on a fresh bootstrap or a rebuilt node (classic peer discovery runs when a node has no cluster yet): peer names point at the headless Service 'rabbitmq' host names rabbitmq-N.rabbitmq while nodes are named rabbit@rabbitmq-N.rabbitmq-discovery: no listed peer answers as that node, each pod boots its own one-node cluster, st2's connections through the Service land on three separate brokers (lost messages)",
    cls='store-rabbitmq-ha')
rmq('rabbit-total-mem-override', 'deny', "total_memory_available_override_value = 1MB\n",
    "RabbitMQ computes its 0.4 relative watermark from 1 MB: the memory alarm is on from boot, every publisher (st2) is blocked")
rmq('rabbit-disk-free-relative-10', 'deny', "disk_free_limit.relative = 10.0\n",
    "disk alarm unless free disk >= 10x the node's RAM: far above the 8Gi volume, so the disk alarm blocks all publishers from boot")
rmq('rabbit-disk-free-2g', 'allow', "disk_free_limit.absolute = 2GB\n", "2 GB free-disk floor on an 8Gi volume: alarm only near full", cls='store-safe')
rmq('rabbit-watermark-06', 'allow', "vm_memory_high_watermark.relative = 0.6\n", "memory watermark 0.6: within the normal 0.4-0.7 range", cls='store-safe')
case('mongo-rsinit-wrong-hosts', 'prod', 'deny', 'store-mongodb-ha',
  "on a fresh bootstrap or DR rebuild (the script initiates only an uninitiated set): rs.initiate names mongodb-N.mongo:27017 (no such Service): mongod rejects the config ('No host described in new configuration maps to this node'), rs0 never forms, no primary, st2 cannot write",
  kz={'patches': [jp('ConfigMap', 'mongodb-scripts', [{'op': 'replace', 'path': '/data/replset-init.js', 'value':
   "var status = db.adminCommand({ replSetGetStatus: 1 });\nif (status.ok !== 1) {\n  var result = rs.initiate({ _id: \"rs0\", members: [\n    { _id: 0, host: \"mongodb-0.mongo:27017\" },\n    { _id: 1, host: \"mongodb-1.mongo:27017\" },\n    { _id: 2, host: \"mongodb-2.mongo:27017\" } ] });\n  if (result.ok !== 1) { printjson(result); quit(1); }\n}\n"}])]})
case('etcd-initial-cluster-wrong-svc', 'prod', 'deny', 'store-etcd-ha',
  "on a fresh bootstrap or a member rebuilt without data: --initial-cluster peers at etcd-N.etcd:2380 while members advertise etcd-N.etcd-headless:2380: etcd refuses the mismatched advertise URLs ('--initial-cluster has ... but missing from --initial-advertise-peer-urls'), no member starts",
  kz={'patches': [jp('StatefulSet', 'etcd', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command/7', 'value': '--initial-cluster=etcd-0=http://etcd-0.etcd:2380,etcd-1=http://etcd-1.etcd:2380,etcd-2=http://etcd-2.etcd:2380'}])]})
etcd_cmd('etcd-heartbeat-ok', 'allow', ['--heartbeat-interval=250', '--election-timeout=2500'], "election timeout 10x heartbeat: valid, more tolerant of slow networks", cls='store-safe')
mongo_args('mongo-oplog-2g', 'allow', ['--oplogSize', '2048'], "2 GB oplog for new members: more replication headroom", cls='store-safe')
# outages / supply chain
dep('img-pull-never', 'prod', 'deny', 'outage', 'st2api', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/imagePullPolicy', 'value': 'Never'}],
  "imagePullPolicy Never: on any node without a pre-pulled stackstorm/st2api:3.8.1 the pod stays ErrImageNeverPull; after a node replacement st2api cannot start")
dep('img-pull-always', 'prod', 'allow', 'supply-chain-safe', 'st2api', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/imagePullPolicy', 'value': 'Always'}],
  "Always pulls the pinned tag: only more registry traffic")
dep('img-packs-init-thirdparty', 'prod', 'deny', 'supply-chain', 'st2sensorcontainer', [{'op': 'replace', 'path': '/spec/template/spec/initContainers/0/image', 'value': 'ghcr.io/jdoe-tools/st2-packs:1.4.2'}],
  "the init container that fills the shared packs and virtualenvs volumes comes from a stranger's registry: whatever it copies there is run by the sensor container as st2 sensors, with st2's API tokens and datastore key")
dep('sensor-rollingupdate', 'prod', 'deny', 'singleton', 'st2sensorcontainer', [{'op': 'replace', 'path': '/spec/strategy', 'value': {'type': 'RollingUpdate'}}],
  "default RollingUpdate (maxSurge 25% -> 1) starts the new sensor container before the old one stops: every sensor runs twice during every rollout and polling sensors emit duplicate triggers (base/st2sensorcontainer.yaml's own comment)")
dep('st2web-session-affinity', 'prod', 'allow', 'exposure-safe', 'st2web', [{'op': 'add', 'path': '/spec/sessionAffinity', 'value': 'ClientIP'}],
  "st2web Service session affinity: routing detail only", kind='Service')
dep('register-no-fail-flag', 'prod', 'allow', 'argocd-safe', 'st2-register-content', [{'op': 'remove', 'path': '/spec/template/spec/containers/0/args/4'}],
  "register-content keeps going when one pack fails to register: a softer hook", kind='Job')
dep('runner-zone-spread-hard', 'prod', 'allow', 'ha-safe', 'st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/topologySpreadConstraints/-', 'value': {'maxSkew': 2, 'topologyKey': 'kubernetes.io/hostname', 'whenUnsatisfiable': 'ScheduleAnyway', 'labelSelector': {'matchLabels': {'app': 'st2actionrunner'}}}}],
  "soft spread of runners over hosts in addition to zones")
case('quota-pvc-3', 'prod', 'deny', 'outage',
  "ResourceQuota count/persistentvolumeclaims 3 in st2-prod: MongoDB, RabbitMQ and etcd need 9 claims; on a fresh or rebuilt namespace 6 store members never get a volume (Pending) -> no quorum",
  kz={'resources': ['q.yaml']}, files={'q.yaml': {'apiVersion': 'v1', 'kind': 'ResourceQuota', 'metadata': {'name': 'claims', 'namespace': 'st2-prod'}, 'spec': {'hard': {'persistentvolumeclaims': '3'}}}})
case('quota-generous', 'prod', 'allow', 'outage-safe', "a generous quota (200 pods, 100 cpu, 400Gi) well above what st2-prod runs",
  kz={'resources': ['q.yaml']}, files={'q.yaml': {'apiVersion': 'v1', 'kind': 'ResourceQuota', 'metadata': {'name': 'ceiling', 'namespace': 'st2-prod'}, 'spec': {'hard': {'pods': '200', 'requests.cpu': '100', 'requests.memory': '400Gi', 'limits.memory': '800Gi'}}}})
case('priorityclass-st2', 'prod', 'allow', 'outage-safe', "a modest non-default PriorityClass (value 10000, never preempting) used by st2api",
  kz={'resources': ['pc.yaml'], 'patches': [jp('Deployment', 'st2api', [{'op': 'add', 'path': '/spec/template/spec/priorityClassName', 'value': 'st2-high'}])]},
  files={'pc.yaml': {'apiVersion': 'scheduling.k8s.io/v1', 'kind': 'PriorityClass', 'metadata': {'name': 'st2-high'}, 'value': 10000, 'globalDefault': False, 'preemptionPolicy': 'Never', 'description': 'st2 request path'}})
case('pack-config-add', 'prod', 'allow', 'st2conf-safe', "a pack config with non-secret settings (the chart's st2.packs.configs)",
  kz={'patches': [jp('ConfigMap', 'st2-pack-configs', [{'op': 'add', 'path': '/data/jira.yaml', 'value': "---\nurl: https://jira.example.com\nproject: OPS\nverify: true\n"}])]})
case('sa-runner-no-token', 'prod', 'allow', 'hardening-safe', "a dedicated ServiceAccount for the action runners with no API token mounted",
  kz={'resources': ['sa.yaml'], 'patches': [jp('Deployment', 'st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/serviceAccountName', 'value': 'st2actionrunner'}])]},
  files={'sa.yaml': {'apiVersion': 'v1', 'kind': 'ServiceAccount', 'metadata': {'name': 'st2actionrunner', 'namespace': 'st2-prod'}, 'automountServiceAccountToken': False}})
case('img-st2web-3-8-0', 'prod', 'allow', 'supply-chain-safe', "st2web on patch release 3.8.0 beside 3.8.1 services (same minor; README allows patch mixes)",
  kz={'images': [{'name': 'stackstorm/st2web', 'newTag': '3.8.0'}]})
case('img-rabbit-3-13', 'prod', 'allow', 'store-safe', "RabbitMQ 3.12.14 -> 3.13.7 on every node (supported minor upgrade, nodes restarted by hand with OnDelete)",
  kz={'images': [{'name': 'rabbitmq', 'newTag': '3.13.7'}]})
case('mongodump-pvc-job', 'prod', 'allow', 'exfil-safe', "nightly mongodump to an in-cluster PVC in st2-prod (backup that stays in the namespace)",
  kz={'resources': ['b.yaml']}, files={'b.yaml': [
   {'apiVersion': 'v1', 'kind': 'PersistentVolumeClaim', 'metadata': {'name': 'mongo-backup', 'namespace': 'st2-prod'}, 'spec': {'accessModes': ['ReadWriteOnce'], 'resources': {'requests': {'storage': '50Gi'}}}},
   {'apiVersion': 'batch/v1', 'kind': 'CronJob', 'metadata': {'name': 'mongo-backup', 'namespace': 'st2-prod'}, 'spec': {'schedule': '0 2 * * *', 'concurrencyPolicy': 'Forbid', 'jobTemplate': {'spec': {'template': {'spec': {
     'restartPolicy': 'OnFailure', 'securityContext': {'runAsUser': 999, 'runAsGroup': 999, 'fsGroup': 999, 'runAsNonRoot': True, 'seccompProfile': {'type': 'RuntimeDefault'}},
     'containers': [{'name': 'dump', 'image': 'mongo:4.4.29', 'command': ['sh', '-c', 'mongodump --host "rs0/mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017" --username "$U" --password "$P" --authenticationDatabase admin --gzip --archive=/backup/st2-$(date +%F).gz'],
       'env': [{'name': 'U', 'valueFrom': {'secretKeyRef': {'name': 'mongodb-admin', 'key': 'user'}}}, {'name': 'P', 'valueFrom': {'secretKeyRef': {'name': 'mongodb-admin', 'key': 'password'}}}],
       'resources': {'requests': {'cpu': '100m', 'memory': '256Mi'}, 'limits': {'cpu': '1', 'memory': '1Gi', 'ephemeral-storage': '1Gi'}},
       'securityContext': {'allowPrivilegeEscalation': False, 'capabilities': {'drop': ['ALL']}},
       'volumeMounts': [{'name': 'b', 'mountPath': '/backup'}]}],
     'volumes': [{'name': 'b', 'persistentVolumeClaim': {'claimName': 'mongo-backup'}}]}}}}}}]})
# waivers: a sidecar without limits (HRD-002) then waived
SIDE = {'op': 'add', 'path': '/spec/template/spec/containers/-', 'value': {'name': 'log-tail', 'image': 'busybox:1.36.1', 'command': ['sh', '-c', 'sleep infinity'],
        'securityContext': {'allowPrivilegeEscalation': False, 'runAsNonRoot': True, 'runAsUser': 65534, 'capabilities': {'drop': ['ALL']}}}}
def waiv(id, exp, key, val, reason, where='meta', name='st2api'):
    ops = [SIDE]
    if where == 'meta':
        ops.append({'op': 'add', 'path': '/metadata/annotations', 'value': {key: val}})
    else:
        ops.append({'op': 'add', 'path': '/spec/template/metadata/annotations/' + key.replace('/', '~1'), 'value': val})
    pats = [jp('Deployment', 'st2api', [SIDE])]
    if where == 'meta' and name != 'st2api':
        pats.append(jp('Deployment', name, [{'op': 'add', 'path': '/metadata/annotations', 'value': {key: val}}]))
    else:
        pats = [jp('Deployment', 'st2api', ops)]
    case(id, 'prod', exp, 'waiver', reason, kz={'patches': pats})
case('waiv-baseline-sidecar', 'prod', 'deny', 'waiver',
  "baseline for the waiver cases: a sidecar with no cpu/memory limits in st2api's pods can use all of the node's memory and evict st2api (README ST2-HRD-002)",
  kz={'patches': [jp('Deployment', 'st2api', [SIDE])]})
waiv('waiv-valid', 'allow', 'st2-gitops/waive.ST2-HRD-002', 'expires=2027-01-31; reason=sleep-only debug sidecar, limits from the namespace LimitRange, INC-4242',
  "a waiver on the one resource, with a reason and a date inside 90 days, for a sleep-only sidecar: the README's own waiver form")
waiv('waiv-too-long', 'deny', 'st2-gitops/waive.ST2-HRD-002', 'expires=2027-06-30; reason=debug sidecar',
  "expiry 206 days ahead, beyond max_lifetime_days 90: the waiver is itself invalid (ST2-WAIVER-001)")
waiv('waiv-past', 'deny', 'st2-gitops/waive.ST2-HRD-002', 'expires=2026-11-30; reason=debug sidecar',
  "expired waiver: the unlimited sidecar is no longer waived")
waiv('waiv-on-template', 'deny', 'st2-gitops/waive.ST2-HRD-002', 'expires=2027-01-31; reason=debug sidecar',
  "waiver written on the pod template, not on the resource: README says a waiver names one resource by its own annotation; a pod annotation must not waive", where='tmpl')
waiv('waiv-lowercase-rule', 'deny', 'st2-gitops/waive.st2-hrd-002', 'expires=2027-01-31; reason=debug sidecar',
  "waiver key with the rule id in lower case: not the rule's id, must not waive it")
waiv('waiv-other-resource', 'deny', 'st2-gitops/waive.ST2-HRD-002', 'expires=2027-01-31; reason=debug sidecar',
  "waiver placed on st2auth while the finding is on st2api: waives nothing", name='st2auth')
waiv('waiv-date-no-reason-field', 'deny', 'st2-gitops/waive.ST2-HRD-002', 'expires=2027-01-31; reason=  ',
  "reason only blanks: no reason (README: a waiver without a reason is a denial)")
case('waiv-rep001-prod', 'prod', 'deny', 'waiver',
  "waiver for two timers engines in production: never waivable (every timer fires twice)",
  kz={'replicas': [{'name': 'st2timersengine', 'count': 2}], 'patches': [jp('Deployment', 'st2timersengine', [{'op': 'add', 'path': '/metadata/annotations', 'value': {'st2-gitops/waive.ST2-REP-001': 'expires=2027-01-31; reason=load test INC-1'}}])]})
