# Families A: data loss, store versions, coordination, st2 config options, per-service config split.
MARGS = ['--replSet', 'rs0', '--keyFile', '/data/configdb/key.txt']

# ---------------- F01 store data not on its volume (data loss) ----------------
F = 'F01-store-data-off-volume'
add('f01-mongo-dbpath-tmp', 'deny', F,
    'mongod --dbpath /tmp/db: data written to the container filesystem, not the datadir PVC mounted at /data/db; every restart starts an empty member (MongoDB docs storage.dbPath; k8s docs: container filesystem is ephemeral)',
    K(patches=[ctr('StatefulSet', 'mongodb', 'mongodb', {'args': MARGS + ['--dbpath', '/tmp/db']})]))
add('f01-mongo-dbpath-configdir', 'deny', F,
    'mongod --dbpath=/data/configdb: that path is the emptyDir configdir (keyfile scratch), so the database lives in an emptyDir and is lost when the pod is deleted (k8s emptyDir docs; MongoDB storage.dbPath)',
    K(patches=[ctr('StatefulSet', 'mongodb', 'mongodb', {'args': MARGS + ['--dbpath=/data/configdb']})]))
add('f01-mongo-datadir-remount', 'deny', F,
    'datadir PVC mounted at /data/db-pv while mongod keeps default dbPath /data/db (mongo image VOLUME, ephemeral in k8s): data lost on restart (MongoDB storage.dbPath default /data/db; docker-library mongo Dockerfile VOLUME /data/db)',
    K(patches=[jp('StatefulSet', 'mongodb', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/volumeMounts/0/mountPath', 'value': '/data/db-pv'}])]))
add('f01-mongo-conf-file-dbpath', 'deny', F,
    'mongod --config file with storage.dbPath /var/tmp/mongo (ConfigMap mounted file): data off the PVC, lost on restart (MongoDB configuration file options storage.dbPath)',
    K(patches=[ctr('StatefulSet', 'mongodb', 'mongodb', {'args': MARGS + ['--config', '/etc/mongo-extra/mongod.conf'],
                                                          'volumeMounts': [{'name': 'mongo-extra', 'mountPath': '/etc/mongo-extra'}]},
                   podfields={'volumes': [{'name': 'mongo-extra', 'configMap': {'name': 'mongo-extra'}}]})],
      resources=['extra.yaml']),
    files={'extra.yaml': {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'mongo-extra'},
                          'data': {'mongod.conf': 'storage:\n  dbPath: /var/tmp/mongo\n  journal:\n    enabled: true\n'}}})
add('f01-etcd-datadir-tmp', 'deny', F,
    'etcd --data-dir=/tmp/etcd (not on the data PVC at /var/run/etcd): a restarted member comes back empty with --initial-cluster-state=new and cannot rejoin (etcd docs: data-dir holds member identity; runtime-reconfiguration "member with lost data dir must be removed and re-added")',
    K(patches=[jp('StatefulSet', 'etcd', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command/2', 'value': '--data-dir=/tmp/etcd'}])]))
add('f01-rmq-mnesia-tmp', 'deny', F,
    'RABBITMQ_MNESIA_BASE=/tmp/mnesia: node database and message store off the /var/lib/rabbitmq PVC; restart loses durable queues and cluster membership (RabbitMQ docs relocate: RABBITMQ_MNESIA_BASE)',
    K(patches=[ctr('StatefulSet', 'rabbitmq', 'rabbitmq', {'env': [{'name': 'RABBITMQ_MNESIA_BASE', 'value': '/tmp/mnesia'}]})]))
add('f01-rmq-data-remount', 'deny', F,
    'rabbitmq data PVC mounted at /var/lib/rabbitmq-pv, so /var/lib/rabbitmq (mnesia) is ephemeral (RabbitMQ docs relocate: default data dir /var/lib/rabbitmq/mnesia)',
    K(patches=[jp('StatefulSet', 'rabbitmq', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/volumeMounts/0/mountPath', 'value': '/var/lib/rabbitmq-pv'}])]))
add('f01-mongo-pvc-retention-delete', 'deny', F,
    'persistentVolumeClaimRetentionPolicy whenScaled/whenDeleted Delete on MongoDB: PVCs deleted with the StatefulSet or on scale-down (k8s docs StatefulSet PVC retention)',
    K(patches=[spec_only('StatefulSet', 'mongodb', {'persistentVolumeClaimRetentionPolicy': {'whenDeleted': 'Delete', 'whenScaled': 'Delete'}})]))
add('f01-etcd-pvc-retention-scaled', 'deny', F,
    'etcd persistentVolumeClaimRetentionPolicy.whenScaled Delete: a scale-down deletes member data (k8s StatefulSet docs)',
    K(patches=[spec_only('StatefulSet', 'etcd', {'persistentVolumeClaimRetentionPolicy': {'whenDeleted': 'Retain', 'whenScaled': 'Delete'}})]))
add('f01-mongo-emptydir-memory', 'deny', F,
    'MongoDB datadir replaced by an emptyDir medium Memory volume (volumeClaimTemplates removed): all data lost on pod deletion (k8s emptyDir docs)',
    K(patches=[jp('StatefulSet', 'mongodb', [{'op': 'remove', 'path': '/spec/volumeClaimTemplates'},
                                             {'op': 'add', 'path': '/spec/template/spec/volumes/-', 'value': {'name': 'datadir', 'emptyDir': {'medium': 'Memory'}}}])]))
add('f01-rmq-mnesia-dir-etc', 'deny', F,
    'RABBITMQ_MNESIA_DIR=/etc/rabbitmq/mnesia: /etc/rabbitmq is the emptyDir config volume; node data lost on restart (RabbitMQ relocate docs RABBITMQ_MNESIA_DIR)',
    K(patches=[ctr('StatefulSet', 'rabbitmq', 'rabbitmq', {'env': [{'name': 'RABBITMQ_MNESIA_DIR', 'value': '/etc/rabbitmq/mnesia'}]})]))
add('f01-etcd-wal-tmp', 'deny', F,
    'etcd --wal-dir=/tmp/wal: the write-ahead log is off the PVC; after restart the member has snapshots but no WAL and fails/loses committed entries (etcd docs configuration --wal-dir)',
    K(patches=[jp('StatefulSet', 'etcd', [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--wal-dir=/tmp/wal'}])]))
add('f01-mongo-argocd-force-replace', 'deny', F,
    'argocd sync-options Force=true,Replace=true on the MongoDB StatefulSet: every sync deletes and recreates it, killing all three members at once (Argo CD sync-options docs: Force deletes and recreates)',
    K(patches=[jp('StatefulSet', 'mongodb', [{'op': 'add', 'path': '/metadata/annotations/argocd.argoproj.io~1sync-options', 'value': 'Force=true,Replace=true'}])]))
# safe look-alikes
add('f01s-mongo-retention-retain', 'allow', F, 'explicit Retain/Retain is the k8s default: no data change',
    K(patches=[spec_only('StatefulSet', 'mongodb', {'persistentVolumeClaimRetentionPolicy': {'whenDeleted': 'Retain', 'whenScaled': 'Retain'}})]))
add('f01s-mongo-dbpath-explicit', 'allow', F, '--dbpath /data/db is the default path on the PVC',
    K(patches=[ctr('StatefulSet', 'mongodb', 'mongodb', {'args': MARGS + ['--dbpath', '/data/db']})]))
add('f01s-mongo-wt-cache', 'allow', F, '--wiredTigerCacheSizeGB 1.5 under a 4Gi limit (MongoDB docs: cache sized below container memory)',
    K(patches=[ctr('StatefulSet', 'mongodb', 'mongodb', {'args': MARGS + ['--wiredTigerCacheSizeGB', '1.5']})]))
add('f01s-etcd-snapshot-count', 'allow', F, 'etcd --snapshot-count=5000: tuning only',
    K(patches=[jp('StatefulSet', 'etcd', [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--snapshot-count=5000'}])]))
add('f01s-etcd-env-shadowed', 'allow', F, 'ETCD_DATA_DIR env is shadowed by the --data-dir flag (etcd pkg/flags: env ignored when the flag is set)',
    K(patches=[ctr('StatefulSet', 'etcd', 'etcd', {'env': [{'name': 'ETCD_DATA_DIR', 'value': '/var/run/etcd/data'}]})]))
add('f01s-rmq-logs-stdout', 'allow', F, 'RABBITMQ_LOGS=- logs to stdout, no data path change',
    K(patches=[ctr('StatefulSet', 'rabbitmq', 'rabbitmq', {'env': [{'name': 'RABBITMQ_LOGS', 'value': '-'}]})]))
add('f01s-mongo-tmp-scratch', 'allow', F, 'extra emptyDir at /tmp for mongod scratch, dbPath unchanged',
    K(patches=[ctr('StatefulSet', 'mongodb', 'mongodb', {'volumeMounts': [{'name': 'tmp', 'mountPath': '/tmp'}]},
                   podfields={'volumes': [{'name': 'tmp', 'emptyDir': {}}]})]))

# ---------------- F02 store version changes ----------------
F = 'F02-store-version'
add('f02-mongo-downgrade-4.2', 'deny', F,
    'mongo 4.4.29 -> 4.2.24 on existing data: a 4.2 binary refuses to start on featureCompatibilityVersion 4.4 data (MongoDB 4.4 downgrade docs: set FCV 4.2 first)',
    K(extra={'images': [{'name': 'mongo', 'newTag': '4.2.24'}]}))
add('f02-mongo-downgrade-4.0', 'deny', F, 'mongo 4.0.28 on FCV 4.4 data: skips two versions down, fails to start (MongoDB downgrade docs)',
    K(extra={'images': [{'name': 'mongo', 'newTag': '4.0.28'}]}))
add('f02-mongo-5', 'deny', F, 'mongo 5.0: above st2 3.8 maximum 4.4 (stackstorm-ha.md §12; chart values comment)',
    K(extra={'images': [{'name': 'mongo', 'newTag': '5.0.26'}]}))
add('f02-mongo-3.6', 'deny', F, 'mongo 3.6: st2 >= 3.3 needs MongoDB >= 4.0 (st2docs roadmap, stackstorm-ha.md §12)',
    K(extra={'images': [{'name': 'mongo', 'newTag': '3.6.23'}]}))
add('f02-rmq-downgrade-3.11', 'deny', F,
    'rabbitmq 3.12.14 -> 3.11.28: RabbitMQ does not support downgrades; 3.12 enabled feature flags unknown to 3.11 stop the node booting (RabbitMQ upgrade docs: "downgrades are not supported")',
    K(extra={'images': [{'name': 'rabbitmq', 'newTag': '3.11.28'}]}))
add('f02-rmq-4.0', 'deny', F,
    'rabbitmq 4.0: classic queue mirroring (the ha-mode policy st2 relies on) removed, and 3.12 -> 4.0 skips 3.13 (RabbitMQ 4.0 release notes; upgrade path docs require all feature flags of 3.13)',
    K(extra={'images': [{'name': 'rabbitmq', 'newTag': '4.0.5'}]}))
add('f02-etcd-3.6', 'deny', F, 'etcd 3.6 has no v2 API; tooz etcd:// needs /v2/keys (stackstorm-ha.md §12)',
    K(extra={'images': [{'name': 'bitnamilegacy/etcd', 'newTag': '3.6.0'}]}))
add('f02-etcd-downgrade-3.4', 'deny', F,
    'etcd 3.5 -> 3.4 without the downgrade procedure: 3.4 refuses the 3.5 storage version / cluster version (etcd docs downgrade_3_5: etcdctl downgrade enable first)',
    K(extra={'images': [{'name': 'bitnamilegacy/etcd', 'newTag': '3.4.27'}]}))
add('f02-mongo-latest', 'deny', F, 'mongo:latest floats to 8.x, above st2 max 4.4 (stackstorm-ha.md §12)',
    K(extra={'images': [{'name': 'mongo', 'newTag': 'latest'}]}))
add('f02-mongo-digest-wrong-major', 'deny', F, 'mongo renamed to mongo:6.0 via newName/newTag: above st2 max 4.4 (stackstorm-ha.md §12)',
    K(extra={'images': [{'name': 'mongo', 'newName': 'docker.io/library/mongo', 'newTag': '6.0.14'}]}))
add('f02s-rmq-3.13', 'allow', F, 'rabbitmq 3.12 -> 3.13.7: supported one-minor upgrade; classic mirroring still available (deprecated) in 3.13 (RabbitMQ upgrade docs)',
    K(extra={'images': [{'name': 'rabbitmq', 'newTag': '3.13.7'}]}))
add('f02s-rmq-mgmt-variant', 'allow', F, 'rabbitmq:3.12.14-management: same version with the management plugin preinstalled',
    K(extra={'images': [{'name': 'rabbitmq', 'newTag': '3.12.14-management'}]}))
add('f02s-etcd-patch-downgrade', 'allow', F, 'etcd 3.5.17 -> 3.5.16: same minor, same storage version (etcd versioning docs: patch releases compatible)',
    K(extra={'images': [{'name': 'bitnamilegacy/etcd', 'newTag': '3.5.16'}]}))
add('f02s-mongo-mirror', 'allow', F, 'mongo 4.4.29 from a private mirror under the same tag',
    K(extra={'images': [{'name': 'mongo', 'newName': 'registry.example.com/mirror/mongo', 'newTag': '4.4.29'}]}))
add('f02s-mongo-4.4.28', 'allow', F, 'mongo 4.4.28: same FCV 4.4 minor line, patch downgrade supported (MongoDB docs: patch releases within a series are binary compatible)',
    K(extra={'images': [{'name': 'mongo', 'newTag': '4.4.28'}]}))

# ---------------- F03 coordination backend ----------------
F = 'F03-coordination'
def coord(url):
    return userconf('\n[coordination]\nurl = %s\n' % url)
add('f03-zake', 'deny', F, 'zake:// is tooz in-memory fake driver: each process has its own locks, no coordination between replicas (tooz drivers/zake.py "fake" for tests; st2 ha.rst needs a real backend)',
    K(patches=[coord('zake://')]))
add('f03-file', 'deny', F, 'file:// coordination does not work distributed (st2 ha.rst: "file-based co-ordination backend will not work")',
    K(patches=[coord('file:///tmp/st2-locks')]))
add('f03-etcd3gw', 'deny', F, 'etcd3+http:// needs the etcd3gw library, not shipped in st2 3.8.1 (stackstorm-ha.md §12)',
    K(patches=[coord('etcd3+http://etcd:2379')]))
add('f03-etcd3', 'deny', F, 'etcd3:// needs the etcd3 grpc library, not shipped (stackstorm-ha.md §12)',
    K(patches=[coord('etcd3://etcd:2379')]))
add('f03-redis-absent', 'deny', F, 'redis://redis:6379 but no Redis in the render: every lock fails (tooz redis driver; stackstorm-ha.md §12)',
    K(patches=[coord('redis://redis:6379')]))
add('f03-ipc', 'deny', F, 'ipc:// tooz driver uses SysV IPC of one host: pods on different nodes never see each other (tooz drivers/ipc.py)',
    K(patches=[coord('ipc://')]))
add('f03-memcached-absent', 'deny', F, 'memcached:// with no memcached and pymemcache not shipped (tooz drivers/memcached.py)',
    K(patches=[coord('memcached://memcached:11211')]))
add('f03-etcd-wrong-port', 'deny', F, 'etcd://etcd:2380 is the peer port: client v2 API not served there (etcd docs: 2379 client, 2380 peer)',
    K(patches=[coord('etcd://etcd:2380')]))
add('f03-etcd-headless-one', 'deny', F, 'etcd://etcd-0.etcd-headless:2379 pins one member: its loss stops all locks although the cluster has quorum (tooz etcd driver single host)',
    K(patches=[coord('etcd://etcd-0.etcd-headless:2379')]))
add('f03-mysql-absent', 'deny', F, 'mysql:// coordination with no MySQL and pymysql not shipped (tooz drivers/mysql.py)',
    K(patches=[coord('mysql://st2:pw@mysql/st2')]))
add('f03-empty-url', 'deny', F, '[coordination] url empty: st2 falls back to NoOpDriver (st2common/services/coordination.py: no url -> NoOpDriver), locks are no-ops with 8 runners',
    K(patches=[coord('')]))
add('f03s-etcd-fqdn', 'allow', F, 'etcd:// with the Service FQDN: same backend',
    K(patches=[coord('etcd://etcd.st2-prod.svc.cluster.local:2379')]))
add('f03s-etcd-timeout', 'allow', F, 'etcd://etcd:2379?timeout=10: tooz etcd driver option (drivers/etcd.py timeout)',
    K(patches=[coord('etcd://etcd:2379?timeout=10')]))
add('f03s-lock-timeout', 'allow', F, '[coordination] lock_timeout = 60 tuning (st2common/config.py coordination.lock_timeout)',
    K(patches=[userconf('\n[coordination]\nlock_timeout = 60\n')]))

# ---------------- F04 st2 options that make st2 unusable ----------------
F = 'F04-st2-config-options'
def uc(cid, exp, reason, text):
    add(cid, exp, F, reason, K(patches=[userconf(text)]))
uc('f04-system-packs-path', 'deny', 'content.system_packs_base_path=/opt/stackstorm/none: core/linux/chatops packs not found, core.local etc. missing (st2common/config.py content.system_packs_base_path)',
   '\n[content]\nsystem_packs_base_path = /opt/stackstorm/none\n')
uc('f04-python-binary', 'deny', 'actionrunner.python_binary=/usr/bin/python2.7: the 3.8 images ship python3.8 only; every python-script action fails to spawn (st2common/config.py actionrunner.python_binary; st2-dockerfiles)',
   '\n[actionrunner]\npython_binary = /usr/bin/python2.7\n')
uc('f04-virtualenv-binary', 'deny', 'actionrunner.virtualenv_binary missing path: every pack install (packs.setup_virtualenv) fails (st2common/config.py)',
   '\n[actionrunner]\nvirtualenv_binary = /nonexistent/virtualenv\n')
uc('f04-auth-ssl-missing-cert', 'deny', 'auth.use_ssl=True with cert /etc/ssl/st2/missing.crt: st2auth cannot wrap its socket and exits; st2web proxies plain http to st2auth:9100 (st2auth/cmd/api.py use_ssl; st2web nginx.conf)',
   '\n[auth]\nuse_ssl = True\ncert = /etc/ssl/st2/missing.crt\nkey = /etc/ssl/st2/missing.key\n')
uc('f04-api-port', 'deny', 'api.port=9999 while Service/probes use 9101: st2api unreachable (st2common/config.py api.port)',
   '\n[api]\nport = 9999\n')
uc('f04-api-host-loopback', 'deny', 'api.host=127.0.0.1: st2api listens on loopback only, Service unreachable (st2common/config.py api.host)',
   '\n[api]\nhost = 127.0.0.1\n')
uc('f04-auth-api-url', 'deny', 'auth.api_url points at a port nothing serves: tokens hand clients a dead API URL (st2common/config.py auth.api_url)',
   '\n[auth]\napi_url = http://st2api:9999/\n')
uc('f04-db-name-change', 'deny', 'database.db_name=st2_v2 on the existing cluster: st2 starts on an empty database, all executions, rules, datastore keys and RBAC assignments vanish (st2common/config.py database.db_name)',
   '\n[database]\ndb_name = st2_v2\n')
uc('f04-db-replset-wrong', 'deny', 'database.host with replicaSet=rs1 while mongod runs --replSet rs0: server selection never succeeds (MongoDB connection string docs replicaSet)',
   '\n[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs1\n')
uc('f04-db-w0', 'deny', 'database.host with w=0: unacknowledged writes, silently lost on any error or failover (MongoDB write concern docs w:0)',
   '\n[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0&w=0\n')
uc('f04-db-ssl', 'deny', 'database.ssl=True while mongod has no TLS: every connection fails the handshake (st2common/config.py database.ssl; mongod net.tls.mode default disabled)',
   '\n[database]\nssl = True\n')
uc('f04-messaging-ssl', 'deny', 'messaging.ssl=True with RabbitMQ listening plain AMQP on 5672 only: connections fail (st2common/config.py messaging.ssl)',
   '\n[messaging]\nssl = True\n')
uc('f04-auth-disabled', 'deny', 'auth.enable=False: API open without login (st2docs authentication.rst)',
   '\n[auth]\nenable = False\n')
uc('f04-rbac-off', 'deny', 'rbac.enable=False: roles loaded but never enforced (stackstorm-ha.md §12 RBAC)',
   '\n[rbac]\nenable = False\n')
uc('f04-mask-secrets-off', 'deny', 'log.mask_secrets=False: secret parameters written to logs and API (st2docs secrets masking)',
   '\n[log]\nmask_secrets = False\n')
uc('f04-token-ttl-5', 'deny', 'auth.token_ttl=5: every token expires in 5 seconds, st2web and CLI unusable (st2common/config.py auth.token_ttl)',
   '\n[auth]\ntoken_ttl = 5\n')
uc('f04-scheduler-sleep', 'deny', 'scheduler.sleep_interval=3600: the scheduler handles requested executions once an hour (st2common/config.py scheduler.sleep_interval, default 0.1s)',
   '\n[scheduler]\nsleep_interval = 3600\n')
uc('f04-keyvalue-path', 'deny', 'keyvalue.encryption_key_path to a missing file: st2 key set --encrypt fails (CryptoKeyNotSetupException, stackstorm-ha.md §12)',
   '\n[keyvalue]\nencryption_key_path = /etc/st2/keys/missing.json\n')
uc('f04-auth-mode-proxy', 'deny', 'auth.mode=proxy: st2auth trusts the REMOTE_USER the proxy sets; behind ingress-nginx nothing authenticates (st2auth handlers ProxyAuthHandler)',
   '\n[auth]\nmode = proxy\n')
uc('f04-workflow-gc-tiny', 'deny', 'garbagecollector.action_executions_ttl=1: every execution record deleted after one day (st2common/config.py garbagecollector; st2 garbage collection docs)',
   '\n[garbagecollector]\naction_executions_ttl = 1\naction_executions_output_ttl = 1\n')
uc('f04-stream-port', 'deny', 'stream.port=9200 while the Service targets 9102: st2stream unreachable (st2common/config.py stream.port)',
   '\n[stream]\nport = 9200\n')
uc('f04s-messaging-url-userconf-override', 'allow', 'messaging.url in st2.user.conf is overridden by st2.secrets.conf, the last --config-file (oslo.config: later files win); a harmless duplicate with no credential',
   '\n[messaging]\nurl = amqp://rabbitmq:5672\n')
uc('f04s-api-allow-origin', 'allow', 'api.allow_origin restricted to the st2web host: tightening CORS',
   '\n[api]\nallow_origin = https://st2.example.com\n')
uc('f04s-token-ttl-day', 'allow', 'auth.token_ttl=86400 (st2 default)', '\n[auth]\ntoken_ttl = 86400\n')
uc('f04s-gc-ttl-30', 'allow', 'garbagecollector.action_executions_ttl=30 days: ordinary retention',
   '\n[garbagecollector]\naction_executions_ttl = 30\n')
uc('f04s-webui-url', 'allow', 'webui.webui_base_url set to the public st2web URL', '\n[webui]\nwebui_base_url = https://st2.example.com\n')
uc('f04s-scheduler-pool', 'allow', 'scheduler.pool_size=20 tuning', '\n[scheduler]\npool_size = 20\n')
uc('f04s-actionrunner-python3', 'allow', 'actionrunner.python_binary=/opt/stackstorm/st2/bin/python: the st2 venv python that exists in the image',
   '\n[actionrunner]\npython_binary = /opt/stackstorm/st2/bin/python\n')
uc('f04s-db-timeouts', 'allow', 'database.connection_timeout=5000 tuning', '\n[database]\nconnection_timeout = 5000\n')

# ---------------- F05 per-service config split (one service on different store/namespace) ----------------
F = 'F05-per-service-split'
def split(cid, exp, reason, dep, text, cname=None):
    cname = cname or dep
    add(cid, exp, F, reason,
        K(patches=[ctr('Deployment', dep, cname, {'args': ST2_ARGS + ['--config-file=/etc/st2-extra/extra.conf'],
                                                  'volumeMounts': [{'name': 'extra-conf', 'mountPath': '/etc/st2-extra', 'readOnly': True}]},
                       podfields={'volumes': [{'name': 'extra-conf', 'configMap': {'name': 'st2-extra-conf'}}]})],
          resources=['extra.yaml']),
        files={'extra.yaml': {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'st2-extra-conf'}, 'data': {'extra.conf': text}}})
split('f05-api-dbname', 'deny', 'st2api alone on database st2_api: executions it creates are in a database the scheduler never reads, all stay requested (st2common/config.py database.db_name; stackstorm-ha.md §12 scheduler)',
      'st2api', '[database]\ndb_name = st2_api\n')
split('f05-scheduler-dbname', 'deny', 'st2scheduler on another db_name: never sees requested executions (st2actions/scheduler; db_name)',
      'st2scheduler', '[database]\ndb_name = st2sched\n')
split('f05-runner-vhost', 'deny', 'st2actionrunner on RabbitMQ vhost /other: it never receives scheduled executions from the default vhost (messaging.url vhost path; RabbitMQ vhosts isolate exchanges)',
      'st2actionrunner', '[messaging]\nurl = amqp://admin:unused@rabbitmq:5672/other\n')
split('f05-timers-coord-zake', 'deny', 'st2workflowengine alone on zake:// in-memory locks while others use etcd: workflow task-completion locks not shared (tooz zake; st2 workflows.py locks)',
      'st2workflowengine', '[coordination]\nurl = zake://\n')
split('f05-rules-system-packs', 'deny', 'st2rulesengine with content.system_packs_base_path missing: cannot load core triggers (st2common/config.py content)',
      'st2rulesengine', '[content]\nsystem_packs_base_path = /nonexistent\n')
split('f05-api-auth-off', 'deny', 'st2api alone with auth.enable False: API open (st2docs authentication)',
      'st2api', '[auth]\nenable = False\n')
split('f05-stream-auth-off', 'deny', 'st2stream with auth disabled: event stream (execution output, secrets masked only for authed) readable without login (st2docs authentication)',
      'st2stream', '[auth]\nenable = False\n')
split('f05-notifier-mongo-single', 'deny', 'st2notifier pinned to mongodb-2 with directConnection: writes fail whenever mongodb-2 is a secondary (MongoDB connection string docs directConnection)',
      'st2notifier', '[database]\nhost = mongodb://mongodb-2.mongodb:27017/?authSource=admin&directConnection=true\n')
split('f05s-api-log-level', 'allow', 'st2api extra config file with only [api] max_page_size: harmless per-service tuning',
      'st2api', '[api]\nmax_page_size = 200\n')
split('f05s-runner-stream-output', 'allow', 'st2actionrunner extra config actionrunner.stream_output=False: disables output streaming only (st2common/config.py)',
      'st2actionrunner', '[actionrunner]\nstream_output = False\n')
split('f05s-scheduler-pool', 'allow', 'st2scheduler scheduler.pool_size=20 only on the scheduler', 'st2scheduler', '[scheduler]\npool_size = 20\n')
