from lib16 import *
RMQ = obj('ConfigMap', 'rabbitmq-config')['data']['rabbitmq.conf']
def rmqconf(extra, env='prod'):
    base = obj('ConfigMap', 'rabbitmq-config', env)['data']['rabbitmq.conf']
    return jp('ConfigMap', 'rabbitmq-config', [rep('/data/rabbitmq.conf', base + extra)])
# ---------- rmq: RabbitMQ settings that block every publisher ----------
RD = "RabbitMQ docs (Memory and Disk Alarms / Configuration): when a memory or disk alarm is in effect RabbitMQ blocks every connection that publishes"
case('rmq-watermark-zero', 'deny', 'rmq',
     f'rabbitmq.conf vm_memory_high_watermark.relative = 0: the memory alarm is on from boot, every publisher (st2api publishing execution requests, the scheduler, the runners) is blocked, nothing in st2 runs ({RD}; Memory Alarms doc: a value of 0 makes the memory alarm go off immediately and thus disables all publishing)',
     patches=[rmqconf('vm_memory_high_watermark.relative = 0\n')])
case('rmq-watermark-abs-tiny', 'deny', 'rmq',
     f'rabbitmq.conf vm_memory_high_watermark.absolute = 10MB: an Erlang node uses far more than 10 MB at idle, so the memory alarm never clears and every publisher is blocked ({RD})',
     patches=[rmqconf('vm_memory_high_watermark.absolute = 10MB\n')])
case('rmq-diskfree-huge', 'deny', 'rmq',
     f'rabbitmq.conf disk_free_limit.absolute = 1TB on an 8Gi data volume: the free-disk alarm is permanently on and RabbitMQ blocks all publishers: st2 stops handling any request ({RD}; disk_free_limit: alarm when free space falls below the limit)',
     patches=[rmqconf('disk_free_limit.absolute = 1TB\n')])
case('rmq-diskfree-relative-huge', 'deny', 'rmq',
     f'rabbitmq.conf disk_free_limit.relative = 100.0: the limit is 100 times the node memory (the node sees the host RAM), far more than the 8Gi volume: the disk alarm blocks all publishers ({RD})',
     patches=[rmqconf('disk_free_limit.relative = 100.0\n')])
case('rmq-watermark-zero-staging', 'deny', 'rmq',
     f'staging: vm_memory_high_watermark.relative = 0 blocks every publisher in staging\'s RabbitMQ ({RD})', env='staging',
     patches=[rmqconf('vm_memory_high_watermark.relative = 0\n', 'staging')])
case('rmq-maxmsg-tiny', 'deny', 'rmq',
     'rabbitmq.conf max_message_size = 1024: every st2 message above 1 KiB (a LiveAction with its parameters, an execution with its result, a trigger instance payload) is refused and the channel closed; st2 loses executions and results (RabbitMQ docs, configure: max_message_size, larger messages are rejected)',
     patches=[rmqconf('max_message_size = 1024\n')])
case('rmq-env-nodeport', 'deny', 'rmq',
     'RABBITMQ_NODE_PORT=5673 on the rabbitmq container: AMQP moves to 5673 while st2.secrets.conf and the Service say 5672; every st2 service fails to connect (RabbitMQ docs, Configuration: RABBITMQ_NODE_PORT sets the AMQP listener port when rabbitmq.conf does not set listeners.tcp)',
     patches=[jp('StatefulSet', 'rabbitmq', [add(C0 + '/env/-', {'name': 'RABBITMQ_NODE_PORT', 'value': '5673'})])])
case('rmq-listener-port', 'deny', 'rmq',
     'rabbitmq.conf listeners.tcp.default = 5673: AMQP no longer on 5672 where st2 connects (RabbitMQ docs, Networking: listeners.tcp.default)',
     patches=[rmqconf('listeners.tcp.default = 5673\n')])
case('rmq-watermark-ok', 'allow', 'rmq', 'vm_memory_high_watermark.relative = 0.6 (RabbitMQ docs recommend 0.4-0.7)', patches=[rmqconf('vm_memory_high_watermark.relative = 0.6\n')])
case('rmq-diskfree-ok', 'allow', 'rmq', 'disk_free_limit.absolute = 2GB on the 8Gi volume: alarm only when really low (RabbitMQ Disk Alarms docs)', patches=[rmqconf('disk_free_limit.absolute = 2GB\n')])
case('rmq-maxmsg-ok', 'allow', 'rmq', 'max_message_size = 134217728 (128 MiB, the default in 3.12) (RabbitMQ docs)', patches=[rmqconf('max_message_size = 134217728\n')])
case('rmq-heartbeat-ok', 'allow', 'rmq', 'heartbeat = 30: a shorter AMQP heartbeat, st2/kombu negotiates it (RabbitMQ heartbeats docs)', patches=[rmqconf('heartbeat = 30\n')])

# ---------- etcdq: etcd limits that make st2's coordination fail ----------
def etcdargs(args, env=None):
    ops = [add(C0 + '/command/-', a) for a in args]
    ops += [add(C0 + '/env/-', {'name': k, 'value': v}) for k, v in (env or [])]
    return [jp('StatefulSet', 'etcd', ops)]
EQ = 'etcd docs (maintenance, space quota): when the backend exceeds --quota-backend-bytes etcd raises a NOSPACE alarm and refuses every write'
case('etcdq-quota-tiny', 'deny', 'etcdq', f'etcd --quota-backend-bytes=16384: the backend file is larger than 16 KiB from the start, so etcd raises NOSPACE and refuses every put; st2\'s tooz locks (st2scheduler, st2workflowengine) fail ({EQ})', patches=etcdargs(['--quota-backend-bytes=16384']))
case('etcdq-quota-env', 'deny', 'etcdq', f'ETCD_QUOTA_BACKEND_BYTES=16384 in the etcd container env: etcd reads every flag from ETCD_<FLAG> when it is not on the command line, so the tiny quota applies and writes fail NOSPACE (etcd docs, configuration: every flag has an ETCD_ environment variable; {EQ})', patches=etcdargs([], [('ETCD_QUOTA_BACKEND_BYTES', '16384')]))
case('etcdq-maxreq-tiny', 'deny', 'etcdq', 'etcd --max-request-bytes=64: every st2 lock request (a key path and a lease) is larger than 64 bytes and is refused "request is too large" (etcd docs, configuration: --max-request-bytes maximum client request size)', patches=etcdargs(['--max-request-bytes=64']))
case('etcdq-forcenew-env', 'deny', 'etcdq', 'ETCD_FORCE_NEW_CLUSTER=true on the etcd StatefulSet: at every start each member discards the membership and comes up as a one-member cluster: three independent etcds behind one Service, so st2\'s locks are not mutually exclusive (duplicate scheduling) (etcd docs, configuration: --force-new-cluster "force to create a new one member cluster"; flags are read from ETCD_ env vars)', patches=etcdargs([], [('ETCD_FORCE_NEW_CLUSTER', 'true')]))
case('etcdq-forcenew-flag', 'deny', 'etcdq', 'etcd --force-new-cluster on every member: each starts as its own one-member cluster; split brain under one Service (etcd docs, --force-new-cluster)', patches=etcdargs(['--force-new-cluster']))
case('etcdq-quota-ok', 'allow', 'etcdq', 'etcd --quota-backend-bytes=8589934592: 8 GiB, the documented suggested maximum (etcd docs, dev-guide/limit)', patches=etcdargs(['--quota-backend-bytes=8589934592']))
case('etcdq-compaction-ok', 'allow', 'etcdq', 'etcd --auto-compaction-mode=periodic --auto-compaction-retention=1h: keeps the backend small (etcd maintenance docs)', patches=etcdargs(['--auto-compaction-mode=periodic', '--auto-compaction-retention=1h']))
case('etcdq-env-shadowed-ok', 'allow', 'etcdq', 'ETCD_MAX_REQUEST_BYTES=10485760 env (10 MiB, larger than the 1.5 MiB default): only raises a limit (etcd docs, configuration)', patches=etcdargs([], [('ETCD_MAX_REQUEST_BYTES', '10485760')]))
case('etcdq-env-loglevel-ok', 'allow', 'etcdq', 'ETCD_LOG_LEVEL=warn: quieter logs only (etcd docs, configuration --log-level)', patches=etcdargs([], [('ETCD_LOG_LEVEL', 'warn')]))

# ---------- mongod: settings that break st2's database ----------
def margs(args): return [jp('StatefulSet', 'mongodb', [add(C0 + '/args/-', a) for a in args])]
case('mongod-maxconns-tiny', 'deny', 'mongod', 'mongod --maxConns 20: st2\'s services (3 st2api, 3 st2auth, 3 st2stream, 8 runners, schedulers, engines...) each keep a pymongo pool to every member; above 20 connections mongod refuses new ones and st2 services fail with connection errors (MongoDB docs, mongod --maxConns: connections above the limit are refused)', patches=margs(['--maxConns', '20']))
case('mongod-cache-huge', 'deny', 'mongod', 'mongod --wiredTigerCacheSizeGB 16 in a container limited to 4Gi: the WiredTiger cache grows past the cgroup limit and the kernel OOM-kills mongod under load, one member after another (MongoDB docs, WiredTiger: in containers set the cache below the memory limit; k8s: exceeding limits.memory gets the container OOMKilled)', patches=margs(['--wiredTigerCacheSizeGB', '16']))
case('mongod-replset-name', 'deny', 'mongod', 'mongod --replSet rs1 given after --replSet rs0 (the last value wins): the members\' stored config is for rs0, so they refuse it and st2\'s connection string names replicaSet=rs0: no primary, st2 down (MongoDB docs, replication: replSetName must match the set\'s configuration)', patches=margs(['--replSet', 'rs1']))
case('mongod-cache-ok', 'allow', 'mongod', 'mongod --wiredTigerCacheSizeGB 1.5 under a 4Gi limit (MongoDB docs: below the container limit)', patches=margs(['--wiredTigerCacheSizeGB', '1.5']))
case('mongod-maxconns-ok', 'allow', 'mongod', 'mongod --maxConns 5000 (MongoDB docs, --maxConns)', patches=margs(['--maxConns', '5000']))
case('mongod-slowms-ok', 'allow', 'mongod', 'mongod --slowms 200: only the slow-query log threshold (MongoDB docs)', patches=margs(['--slowms', '200']))

# ---------- pdb: disruption budgets that let drains take a store's quorum ----------
PD = 'k8s docs (Specifying a Disruption Budget): voluntary evictions (drains) proceed while the PDB allows them'
case('pdb-mongodb-maxunavail2', 'deny', 'pdb', f'mongodb PDB maxUnavailable 2: a drain may evict two of three members at once; the survivor is no majority and steps down, st2 has no primary ({PD})',
     patches=[jp('PodDisruptionBudget', 'mongodb', [rm('/spec/minAvailable'), add('/spec/maxUnavailable', 2)])])
case('pdb-etcd-min1', 'deny', 'pdb', f'etcd PDB minAvailable 1: drains may take two of the three members, etcd loses quorum and st2\'s locks fail ({PD})',
     patches=[jp('PodDisruptionBudget', 'etcd', [rep('/spec', {'minAvailable': 1, 'selector': obj('PodDisruptionBudget', 'etcd')['spec']['selector']})])])
case('pdb-rabbitmq-pct', 'deny', 'pdb', f'rabbitmq PDB maxUnavailable 67%: rounds up to 3 of 3, a drain may evict every RabbitMQ node: st2 messaging down; pause_minority pauses the rest ({PD}; percentages round up)',
     patches=[jp('PodDisruptionBudget', 'rabbitmq', [rep('/spec', {'maxUnavailable': '67%', 'selector': obj('PodDisruptionBudget', 'rabbitmq')['spec']['selector']})])])
case('pdb-mongodb-selector-typo', 'deny', 'pdb', f'mongodb PDB selector app: mongo matches no pod: drains may evict all three members at once ({PD}: a PDB protects only the pods its selector matches)',
     patches=[jp('PodDisruptionBudget', 'mongodb', [rep('/spec/selector/matchLabels/app', 'mongo')])])
case('pdb-mongodb-min-pct-ok', 'allow', 'pdb', 'mongodb PDB minAvailable 60%: rounds up to 2 of 3, the same as 2 (k8s PDB docs)',
     patches=[jp('PodDisruptionBudget', 'mongodb', [rep('/spec/minAvailable', '60%')])])
case('pdb-mongodb-maxunavail1-ok', 'allow', 'pdb', 'mongodb PDB maxUnavailable 1 instead of minAvailable 2: equivalent for 3 members (k8s PDB docs)',
     patches=[jp('PodDisruptionBudget', 'mongodb', [rm('/spec/minAvailable'), add('/spec/maxUnavailable', 1)])])
case('pdb-st2api-unhealthy-ok', 'allow', 'pdb', 'st2api PDB unhealthyPodEvictionPolicy AlwaysAllow: crash-looping pods may be evicted, healthy ones are still protected (k8s PDB docs)',
     patches=[jp('PodDisruptionBudget', 'st2api', [add('/spec/unhealthyPodEvictionPolicy', 'AlwaysAllow')])])

# ---------- argosync: Argo CD sync options that delete and recreate ----------
AF = 'Argo CD docs (Sync Options): Replace=true uses kubectl replace/create, and with Force=true the resource is deleted and recreated'
case('argosync-ns-force-replace', 'deny', 'argosync', f'Namespace st2-prod annotated argocd.argoproj.io/sync-options: Force=true,Replace=true: a sync deletes the Namespace and recreates it; deleting a Namespace deletes every object in it, the MongoDB, RabbitMQ and etcd PVCs included ({AF}; k8s Namespaces docs: deleting a namespace deletes everything in it)',
     patches=[jp('Namespace', 'st2-prod', [add('/metadata/annotations', {'argocd.argoproj.io/sync-options': 'Force=true,Replace=true'})])])
case('argosync-mongodb-force-replace', 'deny', 'argosync', f'mongodb StatefulSet with sync-options Force=true,Replace=true: each sync deletes the StatefulSet (cascading to all three pods at once) and recreates it: the database goes down entirely on every sync ({AF})',
     patches=[jp('StatefulSet', 'mongodb', [add('/metadata/annotations/argocd.argoproj.io~1sync-options', 'Force=true,Replace=true')])])
case('argosync-etcd-force-replace-staging', 'deny', 'argosync', f'staging etcd StatefulSet Force=true,Replace=true: every sync deletes all etcd pods at once ({AF})', env='staging',
     patches=[jp('StatefulSet', 'etcd', [add('/metadata/annotations/argocd.argoproj.io~1sync-options', 'Force=true,Replace=true')])])
case('argosync-st2api-force-replace', 'deny', 'argosync', f'st2api Deployment Force=true,Replace=true: every sync deletes all three st2api pods at once, bypassing the rolling update and the PDB (API outage on each sync) ({AF})',
     patches=[jp('Deployment', 'st2api', [add('/metadata/annotations/argocd.argoproj.io~1sync-options', 'Force=true,Replace=true')])])
case('argosync-ns-delete-false-ok', 'allow', 'argosync', 'Namespace with sync-options Delete=false: Argo CD keeps the namespace if the app is deleted (Argo CD sync options docs)',
     patches=[jp('Namespace', 'st2-prod', [add('/metadata/annotations', {'argocd.argoproj.io/sync-options': 'Delete=false,Prune=false'})])])
case('argosync-mongodb-ssa-ok', 'allow', 'argosync', 'mongodb StatefulSet with ServerSideApply=true: a different apply method, no delete (Argo CD sync options docs)',
     patches=[jp('StatefulSet', 'mongodb', [add('/metadata/annotations/argocd.argoproj.io~1sync-options', 'ServerSideApply=true')])])
case('argosync-st2api-replace-ok', 'allow', 'argosync', 'st2api with Replace=true (no Force): kubectl replace updates the object in place, the rolling update applies (Argo CD sync options docs)',
     patches=[jp('Deployment', 'st2api', [add('/metadata/annotations/argocd.argoproj.io~1sync-options', 'Replace=true')])])
