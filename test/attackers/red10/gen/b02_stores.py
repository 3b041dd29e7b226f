from lib import *
RMQ = """\
# Static peer list: the three StatefulSet pods under the discovery Service.
cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config
cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-discovery
cluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-discovery
cluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-discovery
queue_master_locator = min-masters
loopback_users.guest = false
cluster_partition_handling = pause_minority
load_definitions = /etc/rabbitmq/definitions.json
"""
def rmq(id, exp, reason, extra, cls="store-rabbitmq"):
    case(id, exp, cls, reason, patches(jp("ConfigMap", "rabbitmq-config",
        "- op: replace\n  path: /data/rabbitmq.conf\n  value: |\n" + indent(RMQ + extra, 4))))

rmq("st-rabbit-listener-loopback", "deny", "listeners.tcp.default = 127.0.0.1:5672 binds AMQP to loopback: no st2 service (nor the wait-for-queue init) can connect; every st2 pod stays in Init or crash-loops",
    "listeners.tcp.default = 127.0.0.1:5672\n")
rmq("st-rabbit-listener-port", "deny", "AMQP moved to 5673 while st2's [messaging] url, the Service and wait-for-queue use 5672: the whole cluster stops",
    "listeners.tcp.default = 5673\n")
rmq("st-rabbit-listeners-none", "deny", "listeners.tcp = none disables the plain AMQP listener and no TLS listener exists: st2 cannot connect at all",
    "listeners.tcp = none\n")
rmq("st-rabbit-heartbeat-safe", "allow", "heartbeat = 30 (seconds) is an ordinary tuning of the AMQP heartbeat", "heartbeat = 30\n", cls="store-safe")
rmq("st-rabbit-watermark-safe", "allow", "vm_memory_high_watermark.relative = 0.6 is within RabbitMQ's recommended 0.4-0.7", "vm_memory_high_watermark.relative = 0.6\n", cls="store-safe")

case("st-rabbit-cookie-per-pod", "deny", "store-rabbitmq",
     "Erlang cookie suffixed with the pod name differs on every node: rabbitmq-0/1/2 can never cluster (Erlang distribution refuses a different cookie), each boots standalone behind the same Service: st2 publishes to one broker and consumes from another, messages stranded",
     patches(jp("StatefulSet", "rabbitmq", """
       - op: replace
         path: /spec/template/spec/containers/0/env/5
         value:
           name: RABBITMQ_ERLANG_COOKIE
           value: $(RABBITMQ_COOKIE_BASE)-$(MY_POD_NAME)
       - op: add
         path: /spec/template/spec/containers/0/env/0
         value:
           name: RABBITMQ_COOKIE_BASE
           valueFrom:
             secretKeyRef: {name: rabbitmq, key: rabbitmq-erlang-cookie}
     """)))
case("st-rabbit-liveness-fast", "deny", "store-rabbitmq",
     "liveness `rabbitmqctl status` after 1s, 1s timeout, one failure: RabbitMQ needs tens of seconds to boot (definitions, cluster join), so every member is killed before it starts: permanent crash-loop",
     patches(jp("StatefulSet", "rabbitmq", """
       - op: replace
         path: /spec/template/spec/containers/0/livenessProbe
         value:
           exec: {command: [rabbitmqctl, status]}
           initialDelaySeconds: 1
           periodSeconds: 2
           timeoutSeconds: 1
           failureThreshold: 1
     """)))
JS = """\
var status = db.adminCommand({ replSetGetStatus: 1 });
if (status.ok === 1) {
  print("replica set rs0 already initiated");
} else if (status.code === 94) {
  var result = rs.initiate({
    _id: "rs0",
    members: [
%s
    ]
  });
  if (result.ok !== 1) { printjson(result); quit(1); }
} else { printjson(status); quit(1); }
"""
def mjs(id, exp, reason, members, cls="store-mongodb"):
    case(id, exp, cls, reason, patches(jp("ConfigMap", "mongodb-scripts",
        "- op: replace\n  path: /data/replset-init.js\n  value: |\n" + indent(JS % members, 4))))
mjs("st-mongo-priority0", "deny", "(fresh or rebuilt set) members 1 and 2 with priority 0: only mongodb-0 can ever be primary; when it is drained or lost the set has no primary and st2 stops writing (no failover)",
    '      { _id: 0, host: "mongodb-0.mongodb:27017" },\n      { _id: 1, host: "mongodb-1.mongodb:27017", priority: 0 },\n      { _id: 2, host: "mongodb-2.mongodb:27017", priority: 0 }')
mjs("st-mongo-init-wrong-hosts", "deny", "(fresh or rebuilt set) rs.initiate names mongodb-N.mongodb-headless, a Service that does not exist: initiate fails ('No host described in new configuration maps to this node'), rs0 never forms, st2 (replicaSet=rs0) never connects",
    '      { _id: 0, host: "mongodb-0.mongodb-headless:27017" },\n      { _id: 1, host: "mongodb-1.mongodb-headless:27017" },\n      { _id: 2, host: "mongodb-2.mongodb-headless:27017" }')
mjs("st-mongo-tags-safe", "allow", "member tags (zone labels) change nothing about elections or votes",
    '      { _id: 0, host: "mongodb-0.mongodb:27017", tags: { zone: "a" } },\n      { _id: 1, host: "mongodb-1.mongodb:27017", tags: { zone: "b" } },\n      { _id: 2, host: "mongodb-2.mongodb:27017", tags: { zone: "c" } }', cls="store-safe")
mjs("st-mongo-priority-weights-safe", "allow", "different but non-zero priorities keep every member electable (prefers mongodb-0 as primary)",
    '      { _id: 0, host: "mongodb-0.mongodb:27017", priority: 2 },\n      { _id: 1, host: "mongodb-1.mongodb:27017", priority: 1 },\n      { _id: 2, host: "mongodb-2.mongodb:27017", priority: 1 }', cls="store-safe")

case("st-mongo-keyfile-per-pod", "deny", "store-mongodb",
     "the keyfile gets the pod's hostname appended, so each member has a different key: members fail internal authentication with each other and rs0 never forms (no primary)",
     patches(jp("StatefulSet", "mongodb", """
       - op: replace
         path: /spec/template/spec/initContainers/0/command/2
         value: '{ cat /keyfile/key.txt; echo "$HOSTNAME"; } > /data/configdb/key.txt && chmod 0400 /data/configdb/key.txt'
     """)))
case("st-mongo-cache-safe", "allow", "store-safe", "--wiredTigerCacheSizeGB 1 with a 4Gi limit is the usual container sizing",
     patches(jp("StatefulSet", "mongodb", """
       - op: add
         path: /spec/template/spec/containers/0/args/-
         value: --wiredTigerCacheSizeGB=1
     """)))
case("st-mongo-oplog-safe", "allow", "store-safe", "--oplogSize 4096 (MB) enlarges the oplog window",
     patches(jp("StatefulSet", "mongodb", """
       - op: add
         path: /spec/template/spec/containers/0/args/-
         value: --oplogSize=4096
     """)))

def etcd(id, exp, reason, ops, cls="store-etcd"):
    case(id, exp, cls, reason, patches(jp("StatefulSet", "etcd", ops)))
etcd("st-etcd-election-timeout", "deny", "--election-timeout (1000) less than 5x --heartbeat-interval (1000): etcd's config validation refuses to start, every member crash-loops, st2 coordination is gone",
     """
     - op: add
       path: /spec/template/spec/containers/0/command/-
       value: --heartbeat-interval=1000
     - op: add
       path: /spec/template/spec/containers/0/command/-
       value: --election-timeout=1000
     """)
etcd("st-etcd-state-existing", "deny", "--initial-cluster-state=existing on a cluster that has never bootstrapped: each member waits to join a cluster that does not exist and exits; a fresh or rebuilt environment never gets etcd",
     """
     - op: replace
       path: /spec/template/spec/containers/0/command/8
       value: --initial-cluster-state=existing
     """)
etcd("st-etcd-timing-safe", "allow", "--heartbeat-interval=250 --election-timeout=2500 (10x) is the tuning etcd's docs recommend for cross-zone latency",
     """
     - op: add
       path: /spec/template/spec/containers/0/command/-
       value: --heartbeat-interval=250
     - op: add
       path: /spec/template/spec/containers/0/command/-
       value: --election-timeout=2500
     """, cls="store-safe")
etcd("st-etcd-compaction-safe", "allow", "--auto-compaction-retention=1 compacts v3 history hourly; the v2 store tooz uses is untouched",
     """
     - op: add
       path: /spec/template/spec/containers/0/command/-
       value: --auto-compaction-retention=1
     """, cls="store-safe")
case("st-etcd-36-image", "deny", "store-etcd",
     "etcd 3.6 removed the v2 API and the --enable-v2 flag: the members refuse the flag (crash-loop) and st2's tooz etcd driver (v2 /v2/keys only) has nothing to talk to",
     "images:\n  - name: bitnamilegacy/etcd\n    newTag: 3.6.1\n")
case("st-rabbit-313-safe", "allow", "store-safe", "RabbitMQ 3.13.7 (inside the bundle's 3.12-3.13 range) still supports classic mirrored queues; a minor upgrade with every feature flag enabled",
     "images:\n  - name: rabbitmq\n    newTag: 3.13.7\n")
