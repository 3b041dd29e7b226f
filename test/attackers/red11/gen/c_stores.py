from lib import *
RMQ = """# Static peer list: the three StatefulSet pods under the discovery Service.
cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config
cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-discovery
cluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-discovery
cluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-discovery
queue_master_locator = min-masters
loopback_users.guest = false
cluster_partition_handling = pause_minority
load_definitions = /etc/rabbitmq/definitions.json
"""
def rmq(id, exp, extra, reason, cls='store-rabbitmq', env='prod'):
    case(id, env, exp, cls, reason, kz={'patches': [jp('ConfigMap', 'rabbitmq-config', [{'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': RMQ + extra}])]})
def mongo_args(id, exp, args, reason, cls='store-mongodb', env='prod'):
    ops = [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': a} for a in args]
    case(id, env, exp, cls, reason, kz={'patches': [jp('StatefulSet', 'mongodb', ops)]})
def etcd_cmd(id, exp, args, reason, cls='store-etcd', env='prod'):
    ops = [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': a} for a in args]
    case(id, env, exp, cls, reason, kz={'patches': [jp('StatefulSet', 'etcd', ops)]})

mongo_args('mongo-maxconns-20', 'deny', ['--maxConns', '20'],
  "mongod net.maxIncomingConnections 20: ~30 st2 pods each open pymongo monitor connections to all 3 members plus pools; further connections are refused, st2 services fail to start or time out")
mongo_args('mongo-authmech-x509-only', 'deny', ['--setParameter', 'authenticationMechanisms=MONGODB-X509'],
  "SCRAM disabled on mongod: st2 (username/password, SCRAM) can no longer authenticate -> every st2 service down")
mongo_args('mongo-clusterauth-x509', 'deny', ['--clusterAuthMode', 'x509'],
  "clusterAuthMode x509 needs TLS (net.tls) configured; mongod refuses to start without it -> replica set down")
mongo_args('mongo-ephemeral-engine', 'deny', ['--storageEngine', 'ephemeralForTest'],
  "ephemeralForTest (MongoDB 4.4 community) keeps data in memory only: every restart loses st2's database (executions, datastore, RBAC)")
mongo_args('mongo-port-27018', 'deny', ['--port', '27018'],
  "mongod listens on 27018 while the Service, rs.initiate hosts and st2's [database] host use 27017: st2 cannot connect, rs0 members cannot reach each other")
mongo_args('mongo-quiet', 'allow', ['--quiet'], "less logging only")
mongo_args('mongo-wt-cache-1g', 'allow', ['--wiredTigerCacheSizeGB', '1'], "1 GB WiredTiger cache under a 4Gi memory limit: fits")
mongo_args('mongo-no-ftdc', 'allow', ['--setParameter', 'diagnosticDataCollectionEnabled=false'], "disables FTDC diagnostics only")
mongo_args('mongo-slowms', 'allow', ['--slowms', '200'], "slow query log threshold only")
case('mongo-keyfile-path-wrong', 'prod', 'deny', 'store-mongodb',
  "mongod --keyFile points at /data/configdb/keyfile.pem, which the init container never writes (it writes key.txt): mongod exits 'error opening file' -> replica set down",
  kz={'patches': [jp('StatefulSet', 'mongodb', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/args/3', 'value': '/data/configdb/keyfile.pem'}])]})
case('mongo-4-replicas', 'prod', 'deny', 'store-mongodb-ha',
  "mongodb replicas 4 but rs.initiate lists 3 members: the PDB (minAvailable 2) counts 4 pods, so a drain may evict 2 of the 3 real members -> rs0 loses its majority, no primary, st2 stops",
  kz={'replicas': [{'name': 'mongodb', 'count': 4}]})
case('rabbit-orderedready', 'prod', 'deny', 'store-rabbitmq-ha',
  "podManagementPolicy OrderedReady with static peers deadlocks after all pods restart (rabbitmq/cluster-operator #1997, stackstorm-ha.md §12)",
  kz={'patches': [jp('StatefulSet', 'rabbitmq', [{'op': 'replace', 'path': '/spec/podManagementPolicy', 'value': 'OrderedReady'}])]})
case('etcd-orderedready', 'prod', 'deny', 'store-etcd-ha',
  "etcd StatefulSet with OrderedReady: etcd-0's readiness (/health) needs quorum, which needs etcd-1 that OrderedReady never creates before etcd-0 is Ready -> bootstrap deadlock",
  kz={'patches': [jp('StatefulSet', 'etcd', [{'op': 'replace', 'path': '/spec/podManagementPolicy', 'value': 'OrderedReady'}])]})
rmq('rabbit-listeners-none', 'deny', "listeners.tcp = none\n",
  "rabbitmq.conf listeners.tcp = none turns off the plain AMQP listener on 5672: st2's amqp://...:5672 connections refused, every st2 service exits at start")
rmq('rabbit-listener-5673', 'deny', "listeners.tcp.default = 5673\n",
  "AMQP moves to 5673 while the Service and st2 use 5672: st2 cannot connect")
rmq('rabbit-max-msg-1k', 'deny', "max_message_size = 1024\n",
  "messages above 1 KiB are refused (channel closed): st2 execution and trigger payloads are larger -> executions fail")
rmq('rabbit-channel-max-1', 'deny', "channel_max = 1\n",
  "one channel per connection: kombu publishers/consumers in st2 open more than one channel per connection -> channel errors")
rmq('rabbit-auth-http-no-plugin', 'deny', "auth_backends.1 = http\n",
  "auth backend http without the rabbitmq_auth_backend_http plugin enabled (enabled_plugins has only management) and no auth_http paths: logins fail -> st2 cannot connect")
rmq('rabbit-heartbeat-30', 'allow', "heartbeat = 30\n", "shorter AMQP heartbeat: only faster dead-peer detection")
rmq('rabbit-log-debug', 'allow', "log.console.level = info\nlog.console = true\n", "console logging level only")
rmq('rabbit-consumer-timeout', 'allow', "consumer_timeout = 3600000\n", "longer unacked-delivery timeout (1 h): only more tolerance for long actions")
rmq('rabbit-collect-stats', 'allow', "collect_statistics_interval = 10000\n", "management stats interval only")
case('rabbit-use-shortname', 'prod', 'deny', 'store-rabbitmq',
  "RABBITMQ_USE_LONGNAME=false with node names rabbit@rabbitmq-N.rabbitmq-discovery (dots): Erlang refuses a dotted short name ('Can't set short node name!'), no node starts",
  kz={'patches': [jp('StatefulSet', 'rabbitmq', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/env/1/value', 'value': 'false'}])]})
case('rabbit-static-nodename', 'prod', 'deny', 'store-rabbitmq',
  "every pod named rabbit@rabbitmq-0.rabbitmq-discovery: pods 1 and 2 claim pod 0's host name, Erlang distribution cannot start there -> one-node 'cluster', mirrored queues have one copy",
  kz={'patches': [jp('StatefulSet', 'rabbitmq', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/env/2/value', 'value': 'rabbit@rabbitmq-0.rabbitmq-discovery'}])]})
case('rabbit-rollingupdate', 'prod', 'allow', 'store-safe',
  "RollingUpdate restarts one node at a time and waits for readiness; with mirrored queues and pause_minority that is the usual way to roll RabbitMQ",
  kz={'patches': [jp('StatefulSet', 'rabbitmq', [{'op': 'replace', 'path': '/spec/updateStrategy', 'value': {'type': 'RollingUpdate'}}])]})
case('rabbit-no-mgmt-plugin', 'prod', 'allow', 'store-safe',
  "st2 only needs AMQP; the management plugin (UI on 15672) is dropped: smaller attack surface",
  kz={'patches': [jp('ConfigMap', 'rabbitmq-config', [{'op': 'replace', 'path': '/data/enabled_plugins', 'value': '[].\n'}])]})
etcd_cmd('etcd-election-lt-heartbeat', 'deny', ['--heartbeat-interval=500', '--election-timeout=1000'],
  "etcd refuses to start when --election-timeout < 5 x --heartbeat-interval (etcd config validation): all members crash-loop, st2 coordination down")
etcd_cmd('etcd-https-client-nocert', 'deny', ['--listen-client-urls=https://0.0.0.0:2379'],
  "later --listen-client-urls wins: https listener without --cert-file/--key-file, etcd exits 'TLS key/cert must be provided'; st2 uses etcd://etcd:2379 anyway")
etcd_cmd('etcd-auto-compaction', 'allow', ['--auto-compaction-mode=periodic', '--auto-compaction-retention=1h'], "periodic compaction: keeps the backend small")
etcd_cmd('etcd-snapshot-count', 'allow', ['--snapshot-count=50000'], "snapshot frequency only")
etcd_cmd('etcd-log-warn', 'allow', ['--log-level=warn'], "log level only")
etcd_cmd('etcd-quota-4g', 'allow', ['--quota-backend-bytes=4294967296'], "4 GiB backend quota (>= 256 MiB floor)")
case('mongo-pdb-delete', 'prod', 'deny', 'store-mongodb-ha',
  "deleting MongoDB's PodDisruptionBudget: a node drain/cluster upgrade may evict 2 of 3 members at once -> no primary, st2 down",
  kz={'patches': [{'target': {'kind': 'PodDisruptionBudget', 'name': 'mongodb'}, 'patch': Y({'$patch': 'delete', 'apiVersion': 'policy/v1', 'kind': 'PodDisruptionBudget', 'metadata': {'name': 'mongodb'}})}]})
case('mongo-pdb-maxunavail-1', 'prod', 'allow', 'store-safe',
  "maxUnavailable 1 instead of minAvailable 2: same protection for 3 members",
  kz={'patches': [jp('PodDisruptionBudget', 'mongodb', [{'op': 'remove', 'path': '/spec/minAvailable'}, {'op': 'add', 'path': '/spec/maxUnavailable', 'value': 1}])]})
case('etcd-pdb-maxunavail-1', 'prod', 'allow', 'store-safe',
  "etcd PDB maxUnavailable 1: quorum 2 of 3 kept",
  kz={'patches': [jp('PodDisruptionBudget', 'etcd', [{'op': 'remove', 'path': '/spec/minAvailable'}, {'op': 'add', 'path': '/spec/maxUnavailable', 'value': 1}])]})
case('mongo-anti-affinity-soft', 'prod', 'deny', 'store-mongodb-ha',
  "required one-member-per-node anti-affinity made preferred: the scheduler may place 2 members on one node; that node's loss takes rs0's majority (comment in components/hardening/patches/mongodb.yaml)",
  kz={'patches': [jp('StatefulSet', 'mongodb', [{'op': 'replace', 'path': '/spec/template/spec/affinity', 'value': {'podAntiAffinity': {'preferredDuringSchedulingIgnoredDuringExecution': [{'weight': 100, 'podAffinityTerm': {'topologyKey': 'kubernetes.io/hostname', 'labelSelector': {'matchLabels': {'app': 'mongodb', 'release': 'st2'}}}}]}}}])]})
case('etcd-anti-affinity-removed', 'prod', 'deny', 'store-etcd-ha',
  "etcd's required anti-affinity removed: 2 of 3 members can land on one node; losing it loses quorum and st2's locks",
  kz={'patches': [jp('StatefulSet', 'etcd', [{'op': 'remove', 'path': '/spec/template/spec/affinity'}])]})
