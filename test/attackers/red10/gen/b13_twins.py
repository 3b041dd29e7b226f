from lib import *
U0 = "# Operator overrides (the chart's st2.config value). Highest priority.\n[api]\nallow_origin = '*'\n"
def uc(id, exp, reason, extra, cls="st2-config-safe", base="prod"):
    case(id, exp, cls, reason, userconf(U0 + "\n" + extra), base=base)
MH = "mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0"
uc("cfg-safe-ssh-key-literal", "allow", "[system_user] ssh_key_file written as the literal path the chart mounts", "[system_user]\nssh_key_file = /home/stanley/.ssh/stanley_rsa\n")
uc("cfg-safe-coord-http-explicit", "allow", "tooz protocol=http stated explicitly (what etcd serves)", "[coordination]\nurl = etcd://etcd:2379?protocol=http\n")
uc("cfg-safe-db-w-majority", "allow", "w=majority: stronger durability than the default", f"[database]\nhost = {MH}&w=majority\n")
uc("cfg-safe-readpref-primary", "allow", "readPreference=primary restates the driver default", f"[database]\nhost = {MH}&readPreference=primary\n")
uc("cfg-db-wtimeout-1ms", "deny", "w=majority with wtimeoutMS=1: most writes return a WriteConcernError after 1 ms (replication takes longer), st2 treats every such write as failed", f"[database]\nhost = {MH}&w=majority&wtimeoutMS=1\n", cls="st2-config")
def dp(id, exp, cls, reason, kind, name, ops, base="prod"):
    case(id, exp, cls, reason, patches(jp(kind, name, ops)), base=base)
case("rabbit-listener-explicit-safe", "allow", "store-safe", "listeners.tcp.default = 5672 restates RabbitMQ's default listener",
     patches(jp("ConfigMap", "rabbitmq-config", "- op: replace\n  path: /data/rabbitmq.conf\n  value: |\n    cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config\n    cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-discovery\n    cluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-discovery\n    cluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-discovery\n    queue_master_locator = min-masters\n    loopback_users.guest = false\n    cluster_partition_handling = pause_minority\n    load_definitions = /etc/rabbitmq/definitions.json\n    listeners.tcp.default = 5672\n")))
dp("rabbit-liveness-diag-safe", "allow", "probes-safe", "RabbitMQ liveness `rabbitmq-diagnostics -q status` after 120s with a 10s timeout (RabbitMQ's documented probe)", "StatefulSet", "rabbitmq", """
- op: replace
  path: /spec/template/spec/containers/0/livenessProbe
  value: {exec: {command: [rabbitmq-diagnostics, -q, status]}, initialDelaySeconds: 120, periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 3}
""")
dp("st2api-cpu-250m-safe", "allow", "resources-safe", "st2api cpu limit 250m (slower start, well inside the probes' budget)", "Deployment", "st2api", """
- op: replace
  path: /spec/template/spec/containers/0/resources/limits/cpu
  value: 250m
""")
dp("st2web-api-url-wrong-port", "deny", "st2-wiring", "ST2_API_URL typo'd to st2stream's port (9102): st2web's nginx proxies /api to st2stream, every API call of the UI fails", "ConfigMap", "st2-urls", """
- op: replace
  path: /data/ST2_API_URL
  value: http://st2api:9102/
""")
dp("st2web-auth-url-api-host", "deny", "st2-wiring", "ST2_AUTH_URL pointed at st2api (http://st2api:9100/ has no listener): the UI can no longer log anyone in", "ConfigMap", "st2-urls", """
- op: replace
  path: /data/ST2_AUTH_URL
  value: http://st2api:9100/
""")
dp("rabbit-nodename-short", "deny", "store-rabbitmq", "RABBITMQ_NODENAME changed to the short rabbit@$(MY_POD_NAME) with long names on: the node no longer matches the classic_config peer list (rabbit@rabbitmq-N.rabbitmq-discovery) and its mnesia directory is keyed by the new name: the cluster does not re-form and every member boots empty (durable messages stranded in the old directory)", "StatefulSet", "rabbitmq", """
- op: replace
  path: /spec/template/spec/containers/0/env/2/value
  value: rabbit@$(MY_POD_NAME)
""")
dp("etcd-name-prefixed", "deny", "store-etcd", "--name=member-$(POD_NAME) is not a name listed in --initial-cluster (etcd-0=...): a bootstrapping or replaced member exits with 'couldn't find local name in the initial cluster configuration' (every fresh or rebuilt environment, every member whose claim is lost)", "StatefulSet", "etcd", """
- op: replace
  path: /spec/template/spec/containers/0/command/1
  value: --name=member-$(POD_NAME)
""")
dp("mongo-dbpath-subdir", "deny", "store-mongodb", "mongod --dbpath moved to /data/db/st2 on the same claim: mongod exits when the directory does not exist (every member crash-loops), and once someone creates it the members start empty: no replica-set config, st2's executions, datastore, RBAC and content gone", "StatefulSet", "mongodb", """
- op: add
  path: /spec/template/spec/containers/0/args/-
  value: --dbpath=/data/db/st2
""")
dp("rabbit-mnesia-base-moved", "deny", "store-rabbitmq", "RABBITMQ_MNESIA_BASE moved to a new directory on the same claim: every node boots as a fresh node, durable queues and their messages (pending executions) left behind in the old directory", "StatefulSet", "rabbitmq", """
- op: add
  path: /spec/template/spec/containers/0/env/-
  value: {name: RABBITMQ_MNESIA_BASE, value: /var/lib/rabbitmq/mnesia-v2}
""")
dp("st2-urls-trailing-safe", "allow", "st2-wiring-safe", "ST2_API_URL written without the trailing slash (nginx proxy_pass to the same service and port)", "ConfigMap", "st2-urls", """
- op: replace
  path: /data/ST2_API_URL
  value: http://st2api:9101
""")
