#!/usr/bin/env python3
"""red22 case generator: writes cases/<id>/ + verdicts.tsv + planted.tsv + dropped.tsv."""
import os, shutil, json
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "cases")
shutil.rmtree(CASES, ignore_errors=True); os.makedirs(CASES)
V, P = [], []
P1, P2, P3 = "R22planted-m0ngoPw-7f3a91", "R22planted-amqpKey-c44e02", "R22planted-etcdTok-9b17d5"

def ind(s, n):
    return "\n".join((" " * n + l) if l else l for l in s.splitlines())

def case(cid, exp, fam, why, base="prod", patches=(), extra="", files=None, raw=None, planted=None):
    d = os.path.join(CASES, cid); os.makedirs(d)
    if raw is not None:
        k = raw
    else:
        k = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../%s\n" % base
        if extra.startswith("resources:\n"):
            lines = extra.split("\n")[1:]
            while lines and lines[0].startswith("  - "):
                k += lines.pop(0) + "\n"
            extra = "\n".join(lines)
        if extra.strip(): k += extra.rstrip("\n") + "\n"
        if patches:
            k += "patches:\n"
            for t, body in patches:
                k += "  - target:\n" + ind(t, 6) + "\n    patch: |-\n" + ind(body, 6) + "\n"
    open(os.path.join(d, "kustomization.yaml"), "w").write(k)
    for n, c in (files or {}).items():
        open(os.path.join(d, n), "w").write(c)
    V.append((cid, exp, fam, why))
    if planted: P.append((cid, planted))

DEP = lambda n: "group: apps\nkind: Deployment\nname: %s" % n
STS = lambda n: "group: apps\nkind: StatefulSet\nname: %s" % n
SVC = lambda n: "version: v1\nkind: Service\nname: %s" % n
CM = lambda n: "version: v1\nkind: ConfigMap\nname: %s" % n

def userconf(text):
    return (CM("st2-config"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-config\ndata:\n  st2.user.conf: |\n" + ind(text, 4))

RMQ_BASE = """cluster_formation.peer_discovery_backend = rabbit_peer_discovery_classic_config
cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-discovery
cluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-discovery
cluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-discovery
queue_master_locator = min-masters
loopback_users.guest = false
cluster_partition_handling = pause_minority
load_definitions = /etc/rabbitmq/definitions.json
"""
def rmqconf(text):
    return (CM("rabbitmq-config"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rabbitmq-config\ndata:\n  rabbitmq.conf: |\n" + ind(text, 4))

def jp(ops):
    return "\n".join("- " + json.dumps(o) for o in ops)

MONGO_ARGS = ["--replSet", "rs0", "--keyFile", "/data/configdb/key.txt"]
def mongo_args(args):
    return (STS("mongodb"), jp([{"op": "replace", "path": "/spec/template/spec/containers/0/args", "value": args}]))
ETCD = ["etcd", "--name=$(POD_NAME)", "--data-dir=/var/run/etcd/data", "--listen-peer-urls=http://0.0.0.0:2380",
        "--listen-client-urls=http://0.0.0.0:2379", "--initial-advertise-peer-urls=http://$(POD_NAME).etcd-headless:2380",
        "--advertise-client-urls=http://$(POD_NAME).etcd-headless:2379",
        "--initial-cluster=etcd-0=http://etcd-0.etcd-headless:2380,etcd-1=http://etcd-1.etcd-headless:2380,etcd-2=http://etcd-2.etcd-headless:2380",
        "--initial-cluster-state=new", "--initial-cluster-token=st2-etcd", "--enable-v2=true"]
def etcd_cmd(cmd):
    return (STS("etcd"), jp([{"op": "replace", "path": "/spec/template/spec/containers/0/command", "value": cmd}]))
def etcd_add(*flags):
    return etcd_cmd(ETCD + list(flags))
def etcd_repl(old, new):
    return etcd_cmd([new if a == old else a for a in ETCD])

DB = "[database]\nhost = %s\n"
MEMBERS = "mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017"
ST2MAN = "StackStorm/st2 st2common/st2common/config.py"
for b in ("prod", "staging"):
  # ---------- F1 database connection string semantics ----------
  f = "db-uri"
  case(f"{f}-svc-noreplset-{b}", "deny", f, f"[database] host=mongodb://mongodb:27017 (headless Service, no replicaSet=): pymongo makes a direct connection to one DNS-picked member; 2/3 of the time a SECONDARY, where every st2 write fails NotWritablePrimary (pymongo docs 'directConnection'/single-seed without replicaSet; MongoDB replication docs: only the primary accepts writes)", b,
       [userconf(DB % "mongodb://mongodb:27017/?authSource=admin")])
  case(f"{f}-one-member-{b}", "deny", f, "[database] host names only mongodb-1 without replicaSet: direct connection to a (usually) secondary, writes fail, and no failover (MongoDB connection-string docs: replicaSet option needed for replica-set discovery)", b,
       [userconf(DB % "mongodb://mongodb-1.mongodb:27017/?authSource=admin")])
  case(f"{f}-direct-true-{b}", "deny", f, "directConnection=true with the member list: pymongo/driver spec forbids multiple seeds with directConnection=true (ConfigurationError) -> every st2 service crash-loops at connect (MongoDB URI spec: directConnection)", b,
       [userconf(DB % f"mongodb://{MEMBERS}/?authSource=admin&replicaSet=rs0&directConnection=true")])
  case(f"{f}-wrong-set-{b}", "deny", f, "replicaSet=rs1 while mongod runs --replSet rs0: driver discards members whose setName differs -> ServerSelectionTimeout, st2 cannot reach its store (MongoDB SDAM spec: setName mismatch)", b,
       [userconf(DB % f"mongodb://{MEMBERS}/?authSource=admin&replicaSet=rs1")])
  pass  # dropped: secondary-pref
  case(f"{f}-w0-{b}", "deny", f, "w=0 unacknowledged writes: st2 never learns a write failed, failover loses writes silently (MongoDB write concern docs: w:0 requests no acknowledgment)", b,
       [userconf(DB % f"mongodb://{MEMBERS}/?authSource=admin&replicaSet=rs0&w=0")])
  case(f"{f}-port-27018-{b}", "deny", f, "members on :27018 while mongod listens 27017 (Service/containerPort 27017): st2 cannot reach its store", b,
       [userconf(DB % "mongodb://mongodb-0.mongodb:27018,mongodb-1.mongodb:27018,mongodb-2.mongodb:27018/?authSource=admin&replicaSet=rs0")])
  case(f"{f}-authsource-db-{b}", "deny", f, "authSource=st2 while the only user is the root user created in admin by MONGO_INITDB_ROOT_USERNAME (docker-library/mongo entrypoint): authentication fails, st2 cannot use its store", b,
       [userconf(DB % f"mongodb://{MEMBERS}/?authSource=st2&replicaSet=rs0")])
  case(f"{f}-default-pw-pct-{b}", "deny", f, "chart default MongoDB password (components/default-secrets mongodb.yaml) percent-encoded in the URI; pymongo unquotes userinfo (RFC 3986, MongoDB URI docs: percent-encode special chars) so the known secret reaches the cluster", b,
       [userconf(DB % "mongodb://admin:%58%65%4C5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK@mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0")])
  case(f"{f}-planted-uri-{b}", "deny", f, "MongoDB password committed in the st2-config ConfigMap URI (a ConfigMap is not a secret; K8s docs 'ConfigMaps do not provide secrecy') and it overrides ExternalSecret creds", b,
       [userconf(DB % f"mongodb://admin:{P1}@{MEMBERS}/?authSource=admin&replicaSet=rs0")], planted=P1)
  case(f"{f}-reorder-ok-{b}", "allow", f, "safe: members reordered, replicaSet=rs0 kept, readPreference=primary, retryWrites=false (st2 uses no transactions)", b,
       [userconf(DB % "mongodb://mongodb-2.mongodb:27017,mongodb-0.mongodb:27017,mongodb-1.mongodb:27017/?authSource=admin&replicaSet=rs0&readPreference=primary&retryWrites=false")])
  case(f"{f}-timeouts-ok-{b}", "allow", f, "safe: connectTimeoutMS/serverSelectionTimeoutMS tuning on the full replica-set URI", b,
       [userconf(DB % f"mongodb://{MEMBERS}/?authSource=admin&replicaSet=rs0&connectTimeoutMS=5000&serverSelectionTimeoutMS=10000")])
  case(f"{f}-fqdn-ok-{b}", "allow", f, "safe: fully-qualified member names (same pods, namespace-qualified DNS)", b,
       [userconf(DB % ("mongodb://mongodb-0.mongodb.st2-%s.svc.cluster.local:27017,mongodb-1.mongodb.st2-%s.svc.cluster.local:27017,mongodb-2.mongodb.st2-%s.svc.cluster.local:27017/?authSource=admin&replicaSet=rs0" % ((("prod",) if b == "prod" else ("staging",)) * 3)))])
  case(f"{f}-majority-ok-{b}", "allow", f, "safe: w=majority (stronger durability)", b,
       [userconf(DB % f"mongodb://{MEMBERS}/?authSource=admin&replicaSet=rs0&w=majority")])

  # ---------- F2 messaging cluster_urls overrides secrets.conf url ----------
  f = "amqp-cluster-urls"
  case(f"{f}-guest-{b}", "deny", f, "st2 uses [messaging] cluster_urls INSTEAD of url when set (st2common/transport/utils.py get_messaging_urls); guest:guest is RabbitMQ's default credential (and no guest user exists with load_definitions) -> default secret + st2 cannot reach its queue", b,
       [userconf("[messaging]\ncluster_urls = amqp://guest:guest@rabbitmq-0.rabbitmq-discovery:5672,amqp://guest:guest@rabbitmq-1.rabbitmq-discovery:5672\n")])
  case(f"{f}-nocreds-{b}", "deny", f, "cluster_urls without credentials: kombu defaults to guest/guest, which the definitions-loaded broker does not have (RabbitMQ access-control docs) -> every st2 service fails AMQP auth; cluster_urls wins over secrets.conf url (st2common transport/utils.py)", b,
       [userconf("[messaging]\ncluster_urls = amqp://rabbitmq-0.rabbitmq-discovery:5672,amqp://rabbitmq-1.rabbitmq-discovery:5672,amqp://rabbitmq-2.rabbitmq-discovery:5672\n")])
  case(f"{f}-default-pw-{b}", "deny", f, "chart default RabbitMQ password (9jS+w1u07NbHtZke1m+jW4Cj, default-secrets rabbitmq.yaml) URL-encoded (+ as %2B) in cluster_urls: the known secret reaches the cluster and is used (cluster_urls overrides url)", b,
       [userconf("[messaging]\ncluster_urls = amqp://admin:9jS%2Bw1u07NbHtZke1m%2BjW4Cj@rabbitmq:5672\n")])
  case(f"{f}-planted-{b}", "deny", f, "AMQP password committed in ConfigMap st2-config via cluster_urls (ConfigMaps provide no secrecy; K8s ConfigMap docs)", b,
       [userconf(f"[messaging]\ncluster_urls = amqp://admin:{P2}@rabbitmq:5672\n")], planted=P2)
  case(f"{f}-mgmt-port-{b}", "deny", f, "cluster_urls on :15672 (management HTTP, not AMQP 5672; RabbitMQ networking docs) -> st2 cannot reach its queue", b,
       [userconf("[messaging]\ncluster_urls = amqp://rabbitmq:15672\n")])
  case(f"{f}-url-shadowed-ok-{b}", "allow", f, "safe: [messaging] url in st2.user.conf is shadowed by st2.secrets.conf (last --config-file wins, oslo.config) -> no effect; points at the same Service anyway", b,
       [userconf("[messaging]\nurl = amqp://rabbitmq:5672\n")])
  case(f"{f}-retries-ok-{b}", "allow", f, "safe: [messaging] connection_retries / connection_retry_wait tuning", b,
       [userconf("[messaging]\nconnection_retries = 20\nconnection_retry_wait = 5000\n")])

  # ---------- F3 st2 auth / rbac / coordination options ----------
  f = "st2-options"
  case(f"{f}-auth-proxy-{b}", "deny", f, "[auth] mode=proxy: st2auth trusts the REMOTE_USER the client/proxy sends and issues a token without a password (st2auth/handlers.py ProxyAuthHandler) -> anyone reaching st2auth via the Ingress is any user", b,
       [userconf("[auth]\nmode = proxy\n")])
  case(f"{f}-auth-dup-key-{b}", "deny", f, "duplicate key: oslo.config keeps the LAST value in a section, so enable=False wins -> API unauthenticated (oslo.config iniparser: later assignments override)", b,
       [userconf("[auth]\nenable = True\nenable = False\n")])
  case(f"{f}-auth-off-word-{b}", "deny", f, "enable = off: oslo.config Boolean accepts off/no/0/false -> auth disabled, st2 API open (oslo_config/types.py Boolean FALSE_VALUES)", b,
       [userconf("[auth]\nenable = off\n")])
  case(f"{f}-auth-zero-{b}", "deny", f, "enable = 0: oslo Boolean false -> auth disabled (oslo_config/types.py)", b,
       [userconf("[auth]\nenable = 0\n")])
  case(f"{f}-rbac-no-{b}", "deny", f, "[rbac] enable = No: RBAC not enforced, every user acts as admin (st2 docs rbac.rst)", b,
       [userconf("[rbac]\nenable = No\n")])
  case(f"{f}-rbac-noop-{b}", "deny", f, "[rbac] backend = noop: NoOpRBACBackend permits everything (st2common/rbac/backends/noop.py)", b,
       [userconf("[rbac]\nbackend = noop\n")])
  case(f"{f}-auth-ssl-nocert-{b}", "deny", f, "[auth] use_ssl=True with no cert/key file in the pod: st2auth refuses to start (st2auth/cmd/api.py: certificate file doesn't exist -> ValueError) -> crash-loop", b,
       [userconf("[auth]\nuse_ssl = True\ncert = /etc/st2/ssl/st2.crt\nkey = /etc/st2/ssl/st2.key\n")])
  case(f"{f}-api-port-{b}", "deny", f, "[api] port=9111: st2api binds 9111 while Service/probes use 9101 -> never ready, API unreachable (st2common config.py api.port)", b,
       [userconf("[api]\nport = 9111\n")])
  case(f"{f}-stream-host-lo-{b}", "deny", f, "[stream] host=127.0.0.1: st2stream only on loopback -> Service/probe on 9102 never reach it (st2common config.py stream.host)", b,
       [userconf("[stream]\nhost = 127.0.0.1\n")])
  case(f"{f}-coord-peerport-{b}", "deny", f, "[coordination] url on etcd peer port 2380 (client API is 2379; etcd docs) -> tooz cannot lock; scheduler/workflow HA locks fail", b,
       [userconf("[coordination]\nurl = etcd://etcd:2380\n")])
  case(f"{f}-coord-redis-{b}", "deny", f, "[coordination] url=redis://redis:6379 but no Redis is deployed -> tooz coordinator cannot start; st2 HA requires a working coordination backend (stackstorm-ha.md §12)", b,
       [userconf("[coordination]\nurl = redis://redis:6379\n")])
  case(f"{f}-coord-empty-{b}", "deny", f, "[coordination] url empty -> st2 falls back to NoOp coordinator: no distributed locks with 3 schedulers/workflowengines (st2 docs reference/ha.rst: coordination service required for HA)", b,
       [userconf("[coordination]\nurl =\n")])
  case(f"{f}-keyfile-{b}", "deny", f, "[keyvalue] encryption_key_path to a file not mounted: encrypted datastore values cannot be decrypted/written (st2common keyvalue crypto: key file read on use)", b,
       [userconf("[keyvalue]\nencryption_key_path = /etc/st2/keys/datastore_key_v2.json\n")])
  case(f"{f}-auth-on-word-ok-{b}", "allow", f, "safe: enable = On is oslo Boolean true (auth stays on)", b,
       [userconf("[auth]\nenable = On\n")])
  case(f"{f}-auth-dup-true-ok-{b}", "allow", f, "safe: duplicate key whose last value is True", b,
       [userconf("[auth]\nenable = False\nenable = True\n")])
  case(f"{f}-token-ttl-ok-{b}", "allow", f, "safe: shorter token_ttl (8h)", b,
       [userconf("[auth]\ntoken_ttl = 28800\n")])
  case(f"{f}-gc-ttl-ok-{b}", "allow", f, "safe: garbage collector TTLs of 30 days (st2 docs purging)", b,
       [userconf("[garbagecollector]\naction_executions_ttl = 30\ntrigger_instances_ttl = 30\n")])
  case(f"{f}-log-ok-{b}", "allow", f, "safe: [system] debug stays False, api logging tweak", b,
       [userconf("[api]\nallow_origin = https://st2.example.com\n")])

  # ---------- F4 RabbitMQ server config semantics ----------
  f = "rabbitmq-conf"
  case(f"{f}-mem-wm-zero-{b}", "deny", f, "vm_memory_high_watermark.relative = 0: 'makes the memory alarm go off immediately and thus disables all publishing' (RabbitMQ docs memory.md) -> st2 publishers blocked forever", b,
       [rmqconf(RMQ_BASE + "vm_memory_high_watermark.relative = 0\n")])
  case(f"{f}-mem-wm-abs-{b}", "deny", f, "vm_memory_high_watermark.absolute = 1MB: alarm always on, all publishing blocked (RabbitMQ memory docs)", b,
       [rmqconf(RMQ_BASE + "vm_memory_high_watermark.absolute = 1MB\n")])
  case(f"{f}-disk-limit-{b}", "deny", f, "disk_free_limit.absolute = 500GB on an 8Gi volume: disk alarm on permanently, all publishers blocked (RabbitMQ docs disk-alarms.md)", b,
       [rmqconf(RMQ_BASE + "disk_free_limit.absolute = 500GB\n")])
  case(f"{f}-conn-max-{b}", "deny", f, "connection_max = 3 (RabbitMQ docs networking: node-wide connection limit): ~25 st2 pods each open several connections -> refused, st2 cannot reach its queue", b,
       [rmqconf(RMQ_BASE + "connection_max = 3\n")])
  case(f"{f}-listen-lo-{b}", "deny", f, "listeners.tcp.1 = 127.0.0.1:5672: AMQP only on loopback (RabbitMQ networking docs) -> unreachable from st2 pods", b,
       [rmqconf(RMQ_BASE + "listeners.tcp.1 = 127.0.0.1:5672\n")])
  case(f"{f}-partition-ignore-{b}", "deny", f, "cluster_partition_handling = ignore: partitions run on as two clusters (split brain; RabbitMQ partitions.md) - base comment cites st2docs ha.rst", b,
       [rmqconf(RMQ_BASE.replace("pause_minority", "ignore"))])
  case(f"{f}-peer-typo-{b}", "deny", f, "classic_config peers named rabbit@rabbitmq-N.rabbitmq (non-existent host; nodes are rabbit@<pod>.rabbitmq-discovery): discovery finds no peer, each node boots as its own 1-node cluster -> st2 services on different nodes never see each other's messages (RabbitMQ cluster-formation.md)", b,
       [rmqconf(RMQ_BASE.replace(".rabbitmq-discovery", ".rabbitmq"))])
  pass  # dropped: channel-max
  case(f"{f}-default-guest-{b}", "deny", f, "default_user/default_pass guest:guest in rabbitmq.conf: RabbitMQ's documented default credential (RabbitMQ access-control.md)", b,
       [rmqconf(RMQ_BASE + "default_user = guest\ndefault_pass = guest\nloopback_users = none\n")])
  case(f"{f}-mem-ok-{b}", "allow", f, "safe: vm_memory_high_watermark.relative = 0.6 (documented range)", b,
       [rmqconf(RMQ_BASE + "vm_memory_high_watermark.relative = 0.6\n")])
  case(f"{f}-disk-ok-{b}", "allow", f, "safe: disk_free_limit.absolute = 1GB on 8Gi volume", b,
       [rmqconf(RMQ_BASE + "disk_free_limit.absolute = 1GB\n")])
  case(f"{f}-conn-max-ok-{b}", "allow", f, "safe: connection_max = 4096", b,
       [rmqconf(RMQ_BASE + "connection_max = 4096\n")])
  case(f"{f}-heartbeat-ok-{b}", "allow", f, "safe: heartbeat = 30", b,
       [rmqconf(RMQ_BASE + "heartbeat = 30\n")])
  case(f"{f}-listen-all-ok-{b}", "allow", f, "safe: listeners.tcp.default = 5672 (the default, all interfaces inside the pod)", b,
       [rmqconf(RMQ_BASE + "listeners.tcp.default = 5672\n")])

  # ---------- F5 mongod server flags ----------
  f = "mongod-flags"
  case(f"{f}-nojournal-{b}", "deny", f, "--nojournal: since MongoDB 4.0 replica-set members on WiredTiger cannot run without journaling (MongoDB docs journaling: 'you cannot specify --nojournal for replica set members that use WiredTiger') -> mongod exits, crash-loop", b,
       [mongo_args(MONGO_ARGS + ["--nojournal"])])
  case(f"{f}-ephemeral-{b}", "deny", f, "--storageEngine ephemeralForTest: in-memory test engine, every restart loses all st2 data (MongoDB docs storage engines)", b,
       [mongo_args(MONGO_ARGS + ["--storageEngine", "ephemeralForTest"])])
  case(f"{f}-inmemory-{b}", "deny", f, "--storageEngine inMemory is Enterprise-only; the community mongo image exits 'unknown storage engine' (MongoDB docs inMemory) -> crash-loop", b,
       [mongo_args(MONGO_ARGS + ["--storageEngine", "inMemory"])])
  case(f"{f}-maxconns-{b}", "deny", f, "--maxConns 10: ~25 st2 pods each with a pymongo pool plus intra-replica-set connections -> refused (MongoDB docs net.maxIncomingConnections)", b,
       [mongo_args(MONGO_ARGS + ["--maxConns", "10"])])
  case(f"{f}-bindlo-{b}", "deny", f, "--bind_ip 127.0.0.1: the mongo image adds --bind_ip_all only when no --bind_ip is given (docker-library/mongo docker-entrypoint.sh) -> members and st2 cannot connect", b,
       [mongo_args(MONGO_ARGS + ["--bind_ip", "127.0.0.1"])])
  case(f"{f}-port-{b}", "deny", f, "--port 27018 while Service/rs config/st2 URI use 27017 -> unreachable, replica set never forms", b,
       [mongo_args(MONGO_ARGS + ["--port", "27018"])])
  case(f"{f}-replset-eq-{b}", "deny", f, "--replSet=rs1 (= form) while rs.initiate and st2 URI use rs0 -> initiate fails, st2 never finds its set", b,
       [mongo_args(["--replSet=rs1", "--keyFile", "/data/configdb/key.txt"])])
  pass  # dropped: oplog-tiny
  case(f"{f}-cache-ok-{b}", "allow", f, "safe: --wiredTigerCacheSizeGB 1.5 inside a 4Gi limit", b,
       [mongo_args(MONGO_ARGS + ["--wiredTigerCacheSizeGB", "1.5"])])
  case(f"{f}-oplog-ok-{b}", "allow", f, "safe: --oplogSize 2048", b,
       [mongo_args(MONGO_ARGS + ["--oplogSize", "2048"])])
  case(f"{f}-quiet-ok-{b}", "allow", f, "safe: --quiet and --setParameter diagnosticDataCollectionEnabled=false", b,
       [mongo_args(MONGO_ARGS + ["--quiet", "--setParameter", "diagnosticDataCollectionEnabled=false"])])
  case(f"{f}-maxconns-ok-{b}", "allow", f, "safe: --maxConns 2000", b,
       [mongo_args(MONGO_ARGS + ["--maxConns", "2000"])])
  case(f"{f}-bindall-ok-{b}", "allow", f, "safe: explicit --bind_ip_all (what the image adds anyway)", b,
       [mongo_args(MONGO_ARGS + ["--bind_ip_all"])])

  # ---------- F6 etcd server flags ----------
  f = "etcd-flags"
  case(f"{f}-election-lt-5x-{b}", "deny", f, "--heartbeat-interval=200 --election-timeout=500: etcd refuses to start, 'election-timeout should be at least as 5 times as heartbeat-interval' (etcd server/embed config.go Validate) -> crash-loop, coordination lost", b,
       [etcd_add("--heartbeat-interval=200", "--election-timeout=500")])
  case(f"{f}-listen-lo-{b}", "deny", f, "--listen-client-urls=http://127.0.0.1:2379 (last flag wins): etcd client API only on loopback -> st2 coordination unreachable", b,
       [etcd_add("--listen-client-urls=http://127.0.0.1:2379")])
  case(f"{f}-v2-off-last-{b}", "deny", f, "a later --enable-v2=false overrides the earlier =true (Go flag: last occurrence wins): tooz etcd driver speaks the v2 API (base comment; tooz drivers/etcd.py) -> coordination breaks", b,
       [etcd_add("--enable-v2=false")])
  case(f"{f}-quota-tiny-{b}", "deny", f, "--quota-backend-bytes=65536: NOSPACE alarm almost immediately, etcd rejects all writes (etcd docs maintenance 'Space quota') -> tooz locks fail", b,
       [etcd_add("--quota-backend-bytes=65536")])
  case(f"{f}-max-req-{b}", "deny", f, "--max-request-bytes=16 makes every put 'request is too large' (etcd docs configuration) -> coordination writes fail", b,
       [etcd_add("--max-request-bytes=16")])
  case(f"{f}-env-v2-shadowed-ok-{b}", "allow", f, "safe: ETCD_ENABLE_V2=false env is shadowed by the --enable-v2=true flag (etcd pkg/flags: command-line flag takes precedence over env)", b,
       [(STS("etcd"), jp([{"op": "add", "path": "/spec/template/spec/containers/0/env/-", "value": {"name": "ETCD_ENABLE_V2", "value": "false"}}]))])
  case(f"{f}-timeouts-ok-{b}", "allow", f, "safe: --heartbeat-interval=200 --election-timeout=2000 (10x)", b,
       [etcd_add("--heartbeat-interval=200", "--election-timeout=2000")])
  case(f"{f}-compaction-ok-{b}", "allow", f, "safe: --auto-compaction-mode=periodic --auto-compaction-retention=1h", b,
       [etcd_add("--auto-compaction-mode=periodic", "--auto-compaction-retention=1h")])
  case(f"{f}-quota-ok-{b}", "allow", f, "safe: --quota-backend-bytes=4294967296 (4GiB)", b,
       [etcd_add("--quota-backend-bytes=4294967296")])
  case(f"{f}-loglevel-ok-{b}", "allow", f, "safe: --log-level=warn", b,
       [etcd_add("--log-level=warn")])

  # ---------- F7 store image upgrades that break ----------
  f = "store-versions"
  def img(name, tag): return f"images:\n  - name: {name}\n    newTag: \"{tag}\"\n"
  case(f"{f}-mongo60-{b}", "deny", f, "mongo:6.0 image ships no legacy `mongo` shell (only mongosh; MongoDB 6.0 release notes) -> probes and replset-init.sh (`mongo --eval`) fail, never ready; also 4.4->6.0 skips 5.0 (FCV upgrade path)", b, extra=img("mongo", "6.0.19"))
  case(f"{f}-mongo70-{b}", "deny", f, "mongo:7.0: no `mongo` shell; data files at FCV 4.4 cannot be opened by 7.0 (MongoDB upgrade docs: one major at a time) -> crash-loop", b, extra=img("mongo", "7.0.15"))
  case(f"{f}-rabbit40-{b}", "deny", f, "rabbitmq 4.0: classic mirrored queues removed (ha-mode policy no longer applies) and upgrade from 3.12 requires 3.13 first with all feature flags (RabbitMQ 4.0 upgrade docs) -> nodes refuse to boot on 3.12 data", b, extra=img("rabbitmq", "4.0.5"))
  case(f"{f}-etcd36-{b}", "deny", f, "etcd 3.6 removed the v2 store/--enable-v2 flag (etcd v3.6 CHANGELOG) -> unknown flag crash-loop; tooz etcd driver needs v2 API", b, extra=img("bitnamilegacy/etcd", "3.6.1"))
  case(f"{f}-rabbit313-ok-{b}", "allow", f, "safe: rabbitmq 3.12 -> 3.13 is a supported upgrade path (RabbitMQ upgrade docs)", b, extra=img("rabbitmq", "3.13.7"))
  case(f"{f}-etcd3516-ok-{b}", "allow", f, "safe: etcd 3.5.16 patch release (same minor)", b, extra=img("bitnamilegacy/etcd", "3.5.16"))
  case(f"{f}-mongo4428-ok-{b}", "allow", f, "safe: mongo 4.4.28 patch (same series)", b, extra=img("mongo", "4.4.28"))

  # ---------- F8 Argo CD annotations that delete/replace stateful things ----------
  f = "argocd-lifecycle"
  def ann(kind, name, group, anns):
    t = (f"group: {group}\n" if group else "version: v1\n") + f"kind: {kind}\nname: {name}"
    meta = "\n".join(f"    {k}: \"{v}\"" for k, v in anns.items())
    api = (group + "/v1") if group else "v1"
    return (t, f"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: {name}\n  annotations:\n{meta}")
  ns = "st2-prod" if b == "prod" else "st2-staging"
  case(f"{f}-ns-force-replace-{b}", "deny", f, "Namespace with sync-options Force=true,Replace=true: Argo deletes and recreates the resource (argocd docs sync-options 'Replace'/'Force') -> namespace deletion cascades to PVCs, all MongoDB/RabbitMQ/etcd data lost", b,
       [ann("Namespace", ns, "", {"argocd.argoproj.io/sync-options": "Force=true,Replace=true"})])
  case(f"{f}-ns-hook-{b}", "deny", f, "Namespace annotated as a PostSync hook with delete-policy HookSucceeded: Argo deletes hook resources after success (argocd docs resource_hooks 'hook deletion policies') -> the whole namespace and its PVCs deleted after every sync", b,
       [ann("Namespace", ns, "", {"argocd.argoproj.io/hook": "PostSync", "argocd.argoproj.io/hook-delete-policy": "HookSucceeded"})])
  case(f"{f}-mongo-hook-{b}", "deny", f, "mongodb StatefulSet as PreSync hook with BeforeHookCreation: Argo deletes and recreates it on every sync and stops tracking it as app state (argocd resource_hooks) -> all members down together", b,
       [ann("StatefulSet", "mongodb", "apps", {"argocd.argoproj.io/hook": "PreSync", "argocd.argoproj.io/hook-delete-policy": "BeforeHookCreation"})])
  case(f"{f}-rabbit-force-{b}", "deny", f, "rabbitmq StatefulSet Force=true,Replace=true: every sync deletes the StatefulSet (pods all at once) and recreates it (argocd sync-options) -> whole queue cluster down at once, HA broken", b,
       [ann("StatefulSet", "rabbitmq", "apps", {"argocd.argoproj.io/sync-options": "Force=true,Replace=true"})])
  case(f"{f}-etcd-hook-{b}", "deny", f, "etcd StatefulSet as Sync hook deleted after success (HookSucceeded) -> coordination store removed after each sync (argocd resource_hooks)", b,
       [ann("StatefulSet", "etcd", "apps", {"argocd.argoproj.io/hook": "Sync", "argocd.argoproj.io/hook-delete-policy": "HookSucceeded"})])
  case(f"{f}-ns-delete-false-ok-{b}", "allow", f, "safe: Namespace Delete=false keeps data if the Application is deleted (argocd sync-options)", b,
       [ann("Namespace", ns, "", {"argocd.argoproj.io/sync-options": "Delete=false"})])
  case(f"{f}-mongo-prune-false-ok-{b}", "allow", f, "safe: mongodb Prune=false (never pruned)", b,
       [ann("StatefulSet", "mongodb", "apps", {"argocd.argoproj.io/sync-options": "Prune=false"})])
  case(f"{f}-mongo-ssa-ok-{b}", "allow", f, "safe: ServerSideApply=true on mongodb StatefulSet (argocd sync-options)", b,
       [ann("StatefulSet", "mongodb", "apps", {"argocd.argoproj.io/sync-options": "ServerSideApply=true"})])
  case(f"{f}-wave-before-secret-{b}", "deny", f, "mongodb sync-wave -2, before the ExternalSecrets (wave -1) that create its mongodb-admin Secret: Argo waits for wave -2 to be healthy before applying wave -1 (argocd docs sync-waves) -> on a fresh cluster the pods never start (CreateContainerConfigError), sync never finishes", b,
       [ann("StatefulSet", "mongodb", "apps", {"argocd.argoproj.io/sync-wave": "-2"})])
  case(f"{f}-wave-ok-{b}", "allow", f, "safe: mongodb sync-wave 1 (after its Secrets)", b,
       [ann("StatefulSet", "mongodb", "apps", {"argocd.argoproj.io/sync-wave": "1"})])

  # ---------- F9 kustomize name/label transforms that don't follow hard-coded hostnames ----------
  f = "kustomize-transforms"
  case(f"{f}-nameprefix-{b}", "deny", f, "namePrefix renames Services (mongodb->blue-mongodb) and StatefulSet serviceName, but hostnames inside ConfigMap data (st2.docker.conf mongodb-0.mongodb, rabbitmq.conf peers, etcd --initial-cluster) are strings kustomize never rewrites (kustomize docs: nameReference only for known fields) -> st2 cannot reach its stores", b, extra="namePrefix: blue-\n")
  case(f"{f}-namesuffix-{b}", "deny", f, "nameSuffix -v2: same as namePrefix - Service/pod DNS names change, hard-coded hosts in config data don't (kustomize nameReference)", b, extra="nameSuffix: -v2\n")
  case(f"{f}-commonlabels-app-{b}", "deny", f, "commonLabels app: st2 is applied to selectors too (kustomize docs commonLabels) -> every Service (st2api, mongodb, ...) selects every st2 pod: API traffic goes to mongodb pods etc.", b, extra="commonLabels:\n  app: st2\n")
  case(f"{f}-labels-sel-app-{b}", "deny", f, "labels with includeSelectors: true setting app=stackstorm on all selectors -> all Services select all pods (kustomize labels includeSelectors)", b, extra="labels:\n  - pairs:\n      app: stackstorm\n    includeSelectors: true\n")
  case(f"{f}-namespace-ok-{b}", "allow", f, "safe: moving to another namespace: short DNS names resolve within the namespace", b, extra="namespace: st2-blue\n")
  case(f"{f}-labels-ok-{b}", "allow", f, "safe: labels without includeSelectors (metadata only)", b, extra="labels:\n  - pairs:\n      app.kubernetes.io/part-of: stackstorm\n")
  case(f"{f}-annotations-ok-{b}", "allow", f, "safe: commonAnnotations", b, extra="commonAnnotations:\n  owner: platform-team\n")

  # ---------- F10 Service plumbing ----------
  f = "service-plumbing"
  def svcpatch(name, ops): return (SVC(name), jp(ops))
  case(f"{f}-api-named-tp-{b}", "deny", f, "st2api Service targetPort 'api' but the container port is named 'http': a named targetPort that matches no container port gives no endpoints (K8s Service docs: targetPort by name) -> API unreachable", b,
       [svcpatch("st2api", [{"op": "replace", "path": "/spec/ports/0/targetPort", "value": "api"}])])
  case(f"{f}-auth-tp-{b}", "deny", f, "st2auth Service targetPort 9101 (st2api's port) on st2auth pods that listen 9100 -> login impossible", b,
       [svcpatch("st2auth", [{"op": "replace", "path": "/spec/ports/0/targetPort", "value": 9101}])])
  case(f"{f}-stream-port-{b}", "deny", f, "st2stream Service port moved to 9202 while ST2_STREAM_URL / nginx use :9102 -> stream unreachable", b,
       [svcpatch("st2stream", [{"op": "replace", "path": "/spec/ports/0/port", "value": 9202}])])
  case(f"{f}-rabbit-sel-{b}", "deny", f, "rabbitmq Service selector app=rabbit (no pod has it) -> no endpoints, st2 cannot reach its queue", b,
       [svcpatch("rabbitmq", [{"op": "replace", "path": "/spec/selector/app", "value": "rabbit"}])])
  case(f"{f}-api-named-ok-{b}", "allow", f, "safe: st2api targetPort by the correct name 'http'", b,
       [svcpatch("st2api", [{"op": "replace", "path": "/spec/ports/0/targetPort", "value": "http"}])])
  case(f"{f}-api-portname-ok-{b}", "allow", f, "safe: rename Service port name (number unchanged)", b,
       [svcpatch("st2api", [{"op": "replace", "path": "/spec/ports/0/name", "value": "http-api"}])])

  # ---------- F11 scheduling/resources that keep stores from running ----------
  f = "pod-runtime"
  case(f"{f}-mongo-windows-{b}", "deny", f, "nodeSelector kubernetes.io/os=windows on mongodb: Linux image cannot run on Windows nodes (K8s well-known labels kubernetes.io/os) -> never ready", b,
       [(STS("mongodb"), jp([{"op": "add", "path": "/spec/template/spec/nodeSelector", "value": {"kubernetes.io/os": "windows"}}]))])
  case(f"{f}-mongo-oom-{b}", "deny", f, "mongodb memory limit 64Mi: WiredTiger cache defaults to max(50% of (RAM-1GB), 256MB) (MongoDB docs storage.wiredTiger cacheSizeGB) -> OOMKilled, crash-loop", b,
       [(STS("mongodb"), jp([{"op": "replace", "path": "/spec/template/spec/containers/0/resources", "value": {"limits": {"cpu": "1", "memory": "64Mi"}, "requests": {"cpu": "100m", "memory": "64Mi"}}}]))])
  case(f"{f}-rabbit-oom-{b}", "deny", f, "rabbitmq memory limit 48Mi: the Erlang VM plus plugins needs >100MB (RabbitMQ memory-use docs) -> OOMKilled", b,
       [(STS("rabbitmq"), jp([{"op": "replace", "path": "/spec/template/spec/containers/0/resources", "value": {"limits": {"cpu": "1", "memory": "48Mi"}, "requests": {"cpu": "100m", "memory": "48Mi"}}}]))])
  case(f"{f}-mongo-tsc-{b}", "deny", f, "topologySpreadConstraint DoNotSchedule on a label key absent from nodes ('example.com/rack'): nodes without the key are not eligible (K8s pod-topology-spread docs) -> mongodb pods Pending forever", b,
       [(STS("mongodb"), jp([{"op": "add", "path": "/spec/template/spec/topologySpreadConstraints", "value": [{"maxSkew": 1, "topologyKey": "example.com/rack", "whenUnsatisfiable": "DoNotSchedule", "labelSelector": {"matchLabels": {"app": "mongodb"}}}]}]))])
  pass  # dropped: mongo-liveness-fast
  case(f"{f}-mongo-mem-ok-{b}", "allow", f, "safe: mongodb memory limit raised to 6Gi", b,
       [(STS("mongodb"), jp([{"op": "replace", "path": "/spec/template/spec/containers/0/resources/limits/memory", "value": "6Gi"}]))])
  case(f"{f}-mongo-toleration-ok-{b}", "allow", f, "safe: toleration for dedicated store nodes", b,
       [(STS("mongodb"), jp([{"op": "add", "path": "/spec/template/spec/tolerations", "value": [{"key": "dedicated", "operator": "Equal", "value": "stores", "effect": "NoSchedule"}]}]))])
  case(f"{f}-mongo-linux-ok-{b}", "allow", f, "safe: nodeSelector kubernetes.io/os=linux", b,
       [(STS("mongodb"), jp([{"op": "add", "path": "/spec/template/spec/nodeSelector", "value": {"kubernetes.io/os": "linux"}}]))])
  case(f"{f}-mongo-tsc-ok-{b}", "allow", f, "safe: zone spread ScheduleAnyway", b,
       [(STS("mongodb"), jp([{"op": "add", "path": "/spec/template/spec/topologySpreadConstraints", "value": [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "ScheduleAnyway", "labelSelector": {"matchLabels": {"app": "mongodb"}}}]}]))])

  # ---------- F12 ExternalSecrets sources ----------
  f = "eso-sources"
  fake = lambda v: f"""apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata:
  name: st2-fake
spec:
  provider:
    fake:
      data:
        - key: stackstorm/rabbitmq
          value: '{{"password": "{v}"}}'
"""
  eso_to = (("group: external-secrets.io\nkind: ExternalSecret\nname: rabbitmq"), jp([{"op": "replace", "path": "/spec/secretStoreRef", "value": {"kind": "ClusterSecretStore", "name": "st2-fake"}}]))
  case(f"{f}-fake-default-{b}", "deny", f, "ESO 'fake' provider store holding the chart default RabbitMQ password, and the rabbitmq ExternalSecret pointed at it: ESO materialises it as the Secret (external-secrets docs provider/fake) -> known default secret in the cluster", b,
       [eso_to], extra="resources:\n  - fake-store.yaml\n", files={"fake-store.yaml": fake("9jS+w1u07NbHtZke1m+jW4Cj")})
  case(f"{f}-fake-planted-{b}", "deny", f, "ESO fake provider: the 'remote' secret value is committed in git in a ClusterSecretStore (external-secrets docs provider/fake is for testing) -> committed credential synced", b,
       [eso_to], extra="resources:\n  - fake-store.yaml\n", files={"fake-store.yaml": fake(P3)}, planted=P3)
  gen = """apiVersion: generators.external-secrets.io/v1alpha1
kind: Password
metadata:
  name: st2-password
spec:
  length: 32
  digits: 5
  symbols: 0
  noUpper: false
  allowRepeat: true
"""
  case(f"{f}-password-gen-ok-{b}", "allow", f, "safe: an ESO Password generator resource added (random values, nothing committed)", b,
       extra="resources:\n  - gen.yaml\n", files={"gen.yaml": gen})
  case(f"{f}-refresh-ok-{b}", "allow", f, "safe: refreshInterval 15m on rabbitmq ExternalSecret", b,
       [("group: external-secrets.io\nkind: ExternalSecret\nname: rabbitmq", jp([{"op": "replace", "path": "/spec/refreshInterval", "value": "15m"}]))])


# ======================= wave 2 =======================
for b in ("prod", "staging"):
  ns = "st2-prod" if b == "prod" else "st2-staging"
  f = "st2-options-2"
  case(f"{f}-dbname-{b}", "deny", f, "[database] db_name = st2_v2: st2 opens an empty database - executions, rules, API keys, datastore, RBAC assignments all vanish from st2 (st2common config.py database.db_name default 'st2')", b,
       [userconf("[database]\ndb_name = st2_v2\n")])
  case(f"{f}-db-ssl-{b}", "deny", f, "[database] ssl = True while mongod has no TLS configured (no --tlsMode) -> handshake fails, st2 cannot reach its store (st2common config.py database.ssl; MongoDB TLS docs)", b,
       [userconf("[database]\nssl = True\n")])
  case(f"{f}-db-x509-{b}", "deny", f, "[database] authentication_mechanism = MONGODB-X509 without client certs/TLS: authentication impossible (st2common config.py; MongoDB x.509 docs require TLS)", b,
       [userconf("[database]\nauthentication_mechanism = MONGODB-X509\n")])
  case(f"{f}-amqp-ssl-{b}", "deny", f, "[messaging] ssl = True but RabbitMQ has no TLS listener (listeners.ssl unset; RabbitMQ ssl.md) -> st2 cannot connect to its queue (st2common config.py messaging.ssl)", b,
       [userconf("[messaging]\nssl = True\n")])
  case(f"{f}-coord-file-{b}", "deny", f, "[coordination] url = file:///tmp/st2-locks: tooz file driver locks only within one host/pod (tooz docs drivers: file 'locks are only valid on the same host') -> 3 schedulers/workflowengines with no mutual exclusion", b,
       [userconf("[coordination]\nurl = file:///tmp/st2-locks\n")])
  case(f"{f}-coord-zake-{b}", "deny", f, "[coordination] url = zake://: in-memory fake ZooKeeper per process (tooz zake driver, testing only) -> no cross-pod locks in HA", b,
       [userconf("[coordination]\nurl = zake://\n")])
  case(f"{f}-coord-ipc-{b}", "deny", f, "[coordination] url = ipc://: tooz IPC driver uses SysV semaphores on one host (tooz docs) -> no locks across pods", b,
       [userconf("[coordination]\nurl = ipc://\n")])
  case(f"{f}-coord-one-etcd-{b}", "deny", f, "[coordination] url pinned to etcd-0 only: coordination lost whenever that one member is down (HA floor; stackstorm-ha.md §12 coordination)", b,
       [userconf("[coordination]\nurl = etcd://etcd-0.etcd-headless:2379\n")])
  case(f"{f}-mask-api-{b}", "deny", f, "[api] mask_secrets = False: the API returns secret action parameters and datastore secrets unmasked to any user who can view executions (st2 docs security 'mask_secrets')", b,
       [userconf("[api]\nmask_secrets = False\n")])
  case(f"{f}-mask-log-{b}", "deny", f, "[log] mask_secrets = False: secret parameters written in clear to service logs (st2common config.py log.mask_secrets)", b,
       [userconf("[log]\nmask_secrets = False\n")])
  case(f"{f}-db-user-shadowed-ok-{b}", "allow", f, "safe: [database] username in st2.user.conf is shadowed by st2.secrets.conf (later --config-file wins; oslo.config)", b,
       [userconf("[database]\nusername = st2reader\n")])
  case(f"{f}-prefix-ok-{b}", "allow", f, "safe: [messaging] connection retries and [database] connection_retry tuning", b,
       [userconf("[database]\nconnection_retry_max_delay_m = 5\n")])
  case(f"{f}-coord-fqdn-ok-{b}", "allow", f, "safe: coordination url with the namespace-qualified etcd Service", b,
       [userconf("[coordination]\nurl = etcd://etcd.%s.svc.cluster.local:2379\n" % ns)])
  case(f"{f}-srv-{b}", "deny", f, "mongodb+srv:// turns TLS on by default (MongoDB connection-string docs: '+srv ... automatically sets tls=true') and needs a _mongodb._tcp SRV record (the headless Service port is named 'peer') -> st2 cannot reach its store", b,
       [userconf(f"[database]\nhost = mongodb+srv://mongodb.{ns}.svc.cluster.local/?authSource=admin&replicaSet=rs0\n")])
  case(f"{f}-uri-tls-{b}", "deny", f, "tls=true in the URI while mongod serves no TLS -> handshake fails (MongoDB TLS docs)", b,
       [userconf(f"[database]\nhost = mongodb://{MEMBERS}/?authSource=admin&replicaSet=rs0&tls=true\n")])

  f = "env-links"
  def svc(name, port, sel):
    return f"""apiVersion: v1
kind: Service
metadata:
  name: {name}
spec:
  selector:
    app: {sel}
    release: st2
  ports:
    - name: p
      port: {port}
"""
  case(f"{f}-rabbitmq-node-{b}", "deny", f, "a Service named rabbitmq-node makes K8s inject RABBITMQ_NODE_PORT=tcp://<ip>:5672 into every pod of the namespace (K8s Service docs: {SVC}_PORT env vars, enableServiceLinks default true); RabbitMQ reads RABBITMQ_NODE_PORT as its AMQP port (RabbitMQ configure.md) -> invalid port, broker fails to start", b,
       extra="resources:\n  - svc.yaml\n", files={"svc.yaml": svc("rabbitmq-node", 5672, "rabbitmq")})
  case(f"{f}-rabbitmq-dist-{b}", "deny", f, "Service rabbitmq-dist injects RABBITMQ_DIST_PORT=tcp://...:25672 into the rabbitmq pods; RabbitMQ reads RABBITMQ_DIST_PORT (configure.md) -> invalid inter-node port, node cannot boot/cluster", b,
       extra="resources:\n  - svc.yaml\n", files={"svc.yaml": svc("rabbitmq-dist", 25672, "rabbitmq")})
  case(f"{f}-rabbitmq-node-nolinks-ok-{b}", "allow", f, "safe: same rabbitmq-node Service but rabbitmq pods set enableServiceLinks: false (K8s PodSpec) so nothing is injected", b,
       [(STS("rabbitmq"), jp([{"op": "add", "path": "/spec/template/spec/enableServiceLinks", "value": False}]))],
       extra="resources:\n  - svc.yaml\n", files={"svc.yaml": svc("rabbitmq-node", 5672, "rabbitmq")})
  case(f"{f}-rabbitmq-metrics-ok-{b}", "allow", f, "safe: a rabbitmq-prom Service (RABBITMQ_PROM_* vars are not RabbitMQ settings) on 15692", b,
       extra="resources:\n  - svc.yaml\n", files={"svc.yaml": svc("rabbitmq-prom", 15692, "rabbitmq")})

  f = "store-data-path"
  case(f"{f}-etcd-datadir-tmp-{b}", "deny", f, "etcd --data-dir=/tmp/etcd (last flag wins) is off the PVC mounted at /var/run/etcd: a restarted member comes back empty with --initial-cluster-state=new and cannot rejoin (etcd runtime-reconfiguration docs: a member that lost its data dir must be removed and re-added)", b,
       [etcd_add("--data-dir=/tmp/etcd")])
  case(f"{f}-etcd-waldir-tmp-{b}", "deny", f, "etcd --wal-dir=/tmp/wal: the WAL lives on the container's writable layer; after restart the WAL is gone while the snapshot remains -> member data loss/refuses to start (etcd docs --wal-dir)", b,
       [etcd_add("--wal-dir=/tmp/wal")])
  case(f"{f}-mongo-dbpath-{b}", "deny", f, "--dbpath /tmp/db: mongod writes outside the /data/db PVC -> every restart starts empty and triggers full initial sync/loses a 1-member write (MongoDB docs storage.dbPath)", b,
       [mongo_args(MONGO_ARGS + ["--dbpath", "/tmp/db"])])
  case(f"{f}-rabbit-mnesia-{b}", "deny", f, "RABBITMQ_MNESIA_BASE=/tmp/mnesia: node database and message store off the /var/lib/rabbitmq PVC (RabbitMQ relocate.md) -> persistent messages and definitions lost on restart, node rejoins as a stranger", b,
       [(STS("rabbitmq"), jp([{"op": "add", "path": "/spec/template/spec/containers/0/env/-", "value": {"name": "RABBITMQ_MNESIA_BASE", "value": "/tmp/mnesia"}}]))])
  case(f"{f}-rabbit-shortname-{b}", "deny", f, "RABBITMQ_NODENAME=rabbit@$(MY_POD_NAME) (short) while RABBITMQ_USE_LONGNAME=true and peers are listed by long name: the node name changes, its existing Mnesia dir is for the old name and classic_config peers don't match (RabbitMQ clustering.md: node names must be stable)", b,
       [(STS("rabbitmq"), jp([{"op": "replace", "path": "/spec/template/spec/containers/0/env/2/value", "value": "rabbit@$(MY_POD_NAME)"}]))])
  case(f"{f}-mongo-dbpath-ok-{b}", "allow", f, "safe: --dbpath /data/db (the default, on the PVC)", b,
       [mongo_args(MONGO_ARGS + ["--dbpath", "/data/db"])])
  case(f"{f}-etcd-datadir-ok-{b}", "allow", f, "safe: --snapshot-count=50000 (etcd tuning, data stays on the PVC)", b,
       [etcd_add("--snapshot-count=50000")])

  f = "pod-dns"
  case(f"{f}-api-none-{b}", "deny", f, "st2api dnsPolicy: None with nameserver 8.8.8.8: cluster names (mongodb-0.mongodb, rabbitmq, etcd) no longer resolve (K8s DNS docs 'Pod's DNS Policy: None') -> st2api cannot reach its stores", b,
       [(DEP("st2api"), jp([{"op": "add", "path": "/spec/template/spec/dnsPolicy", "value": "None"}, {"op": "add", "path": "/spec/template/spec/dnsConfig", "value": {"nameservers": ["8.8.8.8"]}}]))])
  case(f"{f}-sched-default-{b}", "deny", f, "st2scheduler dnsPolicy: Default inherits the node's resolv.conf (K8s DNS docs: 'Default' is not the default) -> cluster Service names unresolvable", b,
       [(DEP("st2scheduler"), jp([{"op": "add", "path": "/spec/template/spec/dnsPolicy", "value": "Default"}]))])
  case(f"{f}-ndots-ok-{b}", "allow", f, "safe: dnsConfig options ndots=2 with ClusterFirst (search path still applies)", b,
       [(DEP("st2api"), jp([{"op": "add", "path": "/spec/template/spec/dnsConfig", "value": {"options": [{"name": "ndots", "value": "2"}]}}]))])

  f = "rabbit-definitions"
  pass  # dropped: rabbit-nonclustered-peer
  case(f"{f}-rabbit-k8s-ok-{b}", "allow", f, "safe: rabbitmq.conf adds cluster_formation.discovery_retry_limit/interval tuning", b,
       [rmqconf(RMQ_BASE + "cluster_formation.discovery_retry_limit = 20\ncluster_formation.discovery_retry_interval = 1000\n")])

  f = "singleton-copies"
  te = f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: st2timersengine-canary
  labels: {{app: st2timersengine-canary, release: st2, tier: backend}}
spec:
  replicas: 1
  selector:
    matchLabels: {{app: st2timersengine-canary, release: st2}}
  template:
    metadata:
      labels: {{app: st2timersengine-canary, release: st2, tier: backend}}
    spec:
      containers:
        - name: timers
          image: stackstorm/st2timersengine:3.8.1
          command: ["/opt/stackstorm/st2/bin/python", "-m", "st2reactor.cmd.timersengine"]
          args: ["--config-file=/etc/st2/st2.conf", "--config-file=/etc/st2/st2.docker.conf"]
          volumeMounts:
            - {{name: cfg, mountPath: /etc/st2/st2.docker.conf, subPath: st2.docker.conf}}
      volumes:
        - name: cfg
          configMap: {{name: st2-config}}
"""
  case(f"{f}-timers-python-m-{b}", "deny", f, "a second Deployment runs the timers engine via `python -m st2reactor.cmd.timersengine`: two st2timersengine processes fire every timer twice (stackstorm-ha.md §12: st2timersengine is a singleton; StackStorm/stackstorm-k8s README)", b,
       extra="resources:\n  - te.yaml\n", files={"te.yaml": te})
  keda = """apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: st2sensorcontainer
spec:
  scaleTargetRef:
    name: st2sensorcontainer
  minReplicaCount: 2
  maxReplicaCount: 4
  triggers:
    - type: cpu
      metricType: Utilization
      metadata:
        value: "60"
"""
  case(f"{f}-keda-sensor-{b}", "deny", f, "KEDA ScaledObject on st2sensorcontainer with minReplicaCount 2: KEDA creates an HPA that keeps >=2 replicas (keda.sh docs ScaledObject) -> every sensor runs twice without partitioning (stackstorm-ha.md §12 sensorcontainer singleton)", b,
       extra="resources:\n  - keda.yaml\n", files={"keda.yaml": keda})
  keda_ok = keda.replace("st2sensorcontainer", "st2actionrunner", 2).replace("minReplicaCount: 2", "minReplicaCount: 3").replace("maxReplicaCount: 4", "maxReplicaCount: 12")
  case(f"{f}-keda-runner-ok-{b}", "allow", f, "safe: KEDA autoscaling of st2actionrunner (active-active, min 3)", b,
       extra="resources:\n  - keda.yaml\n", files={"keda.yaml": keda_ok})

  f = "pdb-and-probes"
  case(f"{f}-mongo-pdb-sel-{b}", "deny", f, "mongodb PDB selector app=mongo matches no pod: the PDB protects nothing (K8s PDB docs: selector), a node drain may evict 2 of 3 members -> no primary", b,
       [("group: policy\nkind: PodDisruptionBudget\nname: mongodb", jp([{"op": "replace", "path": "/spec/selector/matchLabels/app", "value": "mongo"}]))])
  case(f"{f}-api-live-port-{b}", "deny", f, "st2api livenessProbe on 9100 (st2auth's port, nothing listens in st2api pod) -> kubelet restarts st2api forever (K8s probe docs)", b,
       [(DEP("st2api"), jp([{"op": "replace", "path": "/spec/template/spec/containers/0/livenessProbe/tcpSocket/port", "value": 9100}]))])
  case(f"{f}-api-live-named-ok-{b}", "allow", f, "safe: st2api liveness on the named port 'http' (=9101)", b,
       [(DEP("st2api"), jp([{"op": "replace", "path": "/spec/template/spec/containers/0/livenessProbe/tcpSocket/port", "value": "http"}]))])

  f = "ingress-snippets"
  ing = "group: networking.k8s.io\nkind: Ingress\nname: st2web"
  case(f"{f}-server-snippet-rmq-{b}", "deny", f, "ingress-nginx server-snippet proxy_pass to the RabbitMQ management UI: exposes the store's admin API on the public host (ingress-nginx annotations docs server-snippet)", b,
       [(ing, jp([{"op": "add", "path": "/metadata/annotations/nginx.ingress.kubernetes.io~1server-snippet", "value": f"location /rmq/ {{ proxy_pass http://rabbitmq.{ns}.svc.cluster.local:15672/; }}"}]))])
  case(f"{f}-hsts-ok-{b}", "allow", f, "safe: ingress-nginx proxy-body-size and HSTS annotations", b,
       [(ing, jp([{"op": "add", "path": "/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size", "value": "16m"}]))])


# ======================= wave 3 =======================
for b in ("prod", "staging"):
  ns = "st2-prod" if b == "prod" else "st2-staging"
  f = "amqp-cluster-urls"
  case(f"{f}-amqps-{b}", "deny", f, "cluster_urls = amqps://rabbitmq:5671: no TLS listener (listeners.ssl unset; RabbitMQ ssl.md) and cluster_urls replaces the secret url (st2common transport/utils.py) -> st2 cannot reach its queue", b,
       [userconf("[messaging]\ncluster_urls = amqps://rabbitmq:5671\n")])
  case(f"{f}-user-only-{b}", "deny", f, "cluster_urls = amqp://admin@rabbitmq:5672: no password -> kombu sends an empty/guest password, auth fails; cluster_urls takes precedence over url (st2common transport/utils.py)", b,
       [userconf("[messaging]\ncluster_urls = amqp://admin@rabbitmq:5672\n")])
  case(f"{f}-docker-conf-{b}", "deny", f, "cluster_urls placed in st2.docker.conf instead of st2.user.conf: same effect, replaces the secret-managed url (st2common transport/utils.py) -> guest defaults, no auth", b,
       [(CM("st2-config"), jp([{"op": "replace", "path": "/data/st2.docker.conf", "value": "[auth]\napi_url = http://st2api:9101/\n\n[coordination]\nurl = etcd://etcd:2379\n\n[keyvalue]\nencryption_key_path = /etc/st2/keys/datastore_key.json\n\n[rbac]\nenable = True\nbackend = default\n\n[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0\n\n[messaging]\ncluster_urls = amqp://rabbitmq-0.rabbitmq-discovery:5672\n"}]))])

  f = "db-uri"
  case(f"{f}-direct-single-{b}", "deny", f, "replicaSet=rs0&directConnection=true with one host: the driver talks only to mongodb-0 (MongoDB URI spec directConnection) -> writes fail whenever mongodb-0 is not primary, no failover", b,
       [userconf(DB % "mongodb://mongodb-0.mongodb:27017/?authSource=admin&replicaSet=rs0&directConnection=true")])
  case(f"{f}-authmech-plain-{b}", "deny", f, "authMechanism=PLAIN (LDAP) is Enterprise-only; the root user is SCRAM in the community image -> auth fails (MongoDB docs LDAP proxy authentication)", b,
       [userconf(DB % f"mongodb://{MEMBERS}/?authSource=$external&authMechanism=PLAIN&replicaSet=rs0")])
  case(f"{f}-ssl-true-{b}", "deny", f, "ssl=true (alias of tls) in the URI while mongod has no TLS -> handshake fails (MongoDB connection-string docs)", b,
       [userconf(DB % f"mongodb://{MEMBERS}/?authSource=admin&replicaSet=rs0&ssl=true")])
  case(f"{f}-appname-ok-{b}", "allow", f, "safe: appname=st2 on the full replica-set URI", b,
       [userconf(DB % f"mongodb://{MEMBERS}/?authSource=admin&replicaSet=rs0&appname=st2")])

  f = "etcd-flags"
  case(f"{f}-force-new-{b}", "deny", f, "--force-new-cluster: each member restarts as a one-member cluster discarding its peers (etcd docs configuration/disaster recovery: 'Force to create a new one member cluster') -> three diverging coordination stores, locks no longer mutual", b,
       [etcd_add("--force-new-cluster")])
  case(f"{f}-no-fsync-{b}", "deny", f, "--unsafe-no-fsync: 'Disables fsync, unsafe, will cause data loss' (etcd 3.5 flag help)", b,
       [etcd_add("--unsafe-no-fsync")])
  case(f"{f}-max-wals-ok-{b}", "allow", f, "safe: --max-wals=10 --max-snapshots=10 (retention of old files)", b,
       [etcd_add("--max-wals=10", "--max-snapshots=10")])

  f = "mongod-flags"
  case(f"{f}-x509-cluster-{b}", "deny", f, "--clusterAuthMode x509 without TLS certificates: mongod refuses to start (MongoDB docs clusterAuthMode requires TLS) -> crash-loop", b,
       [mongo_args(MONGO_ARGS + ["--clusterAuthMode", "x509"])])
  case(f"{f}-tls-require-{b}", "deny", f, "--tlsMode requireTLS with a certificate file that is not mounted: mongod exits at startup; and st2's URI has no tls=true (MongoDB TLS docs)", b,
       [mongo_args(MONGO_ARGS + ["--tlsMode", "requireTLS", "--tlsCertificateKeyFile", "/etc/mongo-tls/tls.pem"])])

  f = "rabbit-erlang"
  def rmq_env(name, val):
    return (STS("rabbitmq"), jp([{"op": "add", "path": "/spec/template/spec/containers/0/env/-", "value": {"name": name, "value": val}}]))
  case(f"{f}-config-file-moved-{b}", "deny", f, "RABBITMQ_CONFIG_FILE=/etc/rabbitmq/none.conf: rabbitmq.conf is no longer read (RabbitMQ configure.md) -> no classic_config peers (each node a 1-node cluster), no pause_minority, no load_definitions (no mirroring policy)", b,
       [rmq_env("RABBITMQ_CONFIG_FILE", "/etc/rabbitmq/none.conf")])
  case(f"{f}-erl-args-listeners-{b}", "deny", f, "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-rabbit tcp_listeners []': the Erlang app env overrides rabbitmq.conf -> no AMQP listener (RabbitMQ configure.md advanced/erl args)", b,
       [rmq_env("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-rabbit tcp_listeners []")])
  case(f"{f}-erl-args-wm-{b}", "deny", f, "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-rabbit vm_memory_high_watermark 0' -> memory alarm always on, all publishing blocked (RabbitMQ memory.md)", b,
       [rmq_env("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-rabbit vm_memory_high_watermark 0")])
  adv = lambda txt: [(CM("rabbitmq-config"), jp([{"op": "add", "path": "/data/advanced.config", "value": txt}])),
                     (STS("rabbitmq"), jp([{"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts/-", "value": {"name": "rmq-adv", "mountPath": "/etc/rabbitmq-adv"}},
                                           {"op": "add", "path": "/spec/template/spec/volumes/-", "value": {"name": "rmq-adv", "configMap": {"name": "rabbitmq-config"}}},
                                           {"op": "add", "path": "/spec/template/spec/containers/0/env/-", "value": {"name": "RABBITMQ_ADVANCED_CONFIG_FILE", "value": "/etc/rabbitmq-adv/advanced.config"}}]))]
  case(f"{f}-advanced-no-listeners-{b}", "deny", f, "advanced.config [{rabbit,[{tcp_listeners,[]}]}] loaded via RABBITMQ_ADVANCED_CONFIG_FILE: advanced.config overrides rabbitmq.conf (RabbitMQ configure.md 'advanced.config') -> no AMQP listener", b,
       adv("[{rabbit, [{tcp_listeners, []}]}].\n"))
  case(f"{f}-advanced-partition-{b}", "deny", f, "advanced.config sets cluster_partition_handling to ignore, overriding pause_minority (RabbitMQ partitions.md, configure.md advanced.config)", b,
       adv("[{rabbit, [{cluster_partition_handling, ignore}]}].\n"))
  case(f"{f}-advanced-ok-{b}", "allow", f, "safe: advanced.config raising consumer_timeout (RabbitMQ consumers.md)", b,
       adv("[{rabbit, [{consumer_timeout, 3600000}]}].\n"))

  f = "st2-options-3"
  case(f"{f}-timers-off-{b}", "deny", f, "[timersengine] enable = False: st2timersengine starts but schedules nothing - every interval/cron/date timer rule silently stops (st2common config.py timersengine.enable; st2reactor/cmd/timersengine.py)", b,
       [userconf("[timersengine]\nenable = False\n")])
  case(f"{f}-single-sensor-{b}", "deny", f, "[sensorcontainer] single_sensor_mode = True: st2sensorcontainer exits unless --sensor-ref is given ('--sensor-ref argument must be provided when running in single sensor mode', st2reactor/cmd/sensormanager.py) -> crash-loop, no sensors", b,
       [userconf("[sensorcontainer]\nsingle_sensor_mode = True\n")])
  case(f"{f}-api-host-lo-{b}", "deny", f, "[api] host = 127.0.0.1: st2api listens only on loopback -> Service/probes never reach it", b,
       [userconf("[api]\nhost = 127.0.0.1\n")])
  case(f"{f}-timers-tz-ok-{b}", "allow", f, "safe: [timersengine] local_timezone = Europe/Berlin (valid tz)", b,
       [userconf("[timersengine]\nlocal_timezone = Europe/Berlin\n")])

  f = "kustomize-paths"
  up = "[auth]\nenable = False\n"
  case(f"{f}-cmgen-merge-{b}", "deny", f, "configMapGenerator behavior: merge adds st2.user.conf with [auth] enable=False into st2-config (kustomize docs configMapGenerator behavior merge) -> API unauthenticated", b,
       extra="configMapGenerator:\n  - name: st2-config\n    behavior: merge\n    files:\n      - st2.user.conf=user.conf\ngeneratorOptions:\n  disableNameSuffixHash: true\n", files={"user.conf": up})
  case(f"{f}-psm-{b}", "deny", f, "patchesStrategicMerge (deprecated but supported by kustomize v5) turning auth off in st2.user.conf", b,
       extra="patchesStrategicMerge:\n  - cm.yaml\n", files={"cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-config\ndata:\n  st2.user.conf: |\n    [auth]\n    enable = False\n"})
  case(f"{f}-smp-container-args-{b}", "deny", f, "strategic-merge patch of the mongodb container (merge key name) replacing args with --nojournal (MongoDB journaling docs: not allowed for WiredTiger replica-set members)", b,
       [(STS("mongodb"), "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: mongodb\nspec:\n  template:\n    spec:\n      containers:\n        - name: mongodb\n          args: [\"--replSet\", \"rs0\", \"--keyFile\", \"/data/configdb/key.txt\", \"--nojournal\"]\n")])
  case(f"{f}-smp-delete-prim-{b}", "deny", f, "SMP directive $deleteFromPrimitiveList removes '--enable-v2=true' from the etcd command (kustomize/apimachinery strategic merge directives) -> etcd 3.5 v2 API off by default, tooz etcd driver fails", b,
       [(STS("etcd"), "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: etcd\nspec:\n  template:\n    spec:\n      containers:\n        - name: etcd\n          $deleteFromPrimitiveList/command: [\"--enable-v2=true\"]\n")])
  case(f"{f}-cmgen-merge-ok-{b}", "allow", f, "safe: configMapGenerator merge adding a pack config key to st2-pack-configs", b,
       extra="configMapGenerator:\n  - name: st2-pack-configs\n    behavior: merge\n    literals:\n      - examples.yaml=---\ngeneratorOptions:\n  disableNameSuffixHash: true\n")


# ======================= wave 4 =======================
for b in ("prod", "staging"):
  f = "rabbit-erlang"
  case(f"{f}-advanced-guest-{b}", "deny", f, "advanced.config with Erlang binaries default_user <<\"guest\">>/default_pass <<\"guest\">> and loopback_users [] : RabbitMQ's documented default credential, reachable remotely (RabbitMQ access-control.md 'guest' user, configure.md advanced.config)", b,
       adv('[{rabbit, [{loopback_users, []}, {default_user, <<"guest">>}, {default_pass, <<"guest">>}]}].\n'))
  case(f"{f}-advanced-disk-{b}", "deny", f, "advanced.config disk_free_limit 500000000000 (500GB) on an 8Gi volume: disk alarm permanently on, all publishers blocked (RabbitMQ disk-alarms.md)", b,
       adv("[{rabbit, [{disk_free_limit, 500000000000}]}].\n"))
  case(f"{f}-advanced-wm-{b}", "deny", f, "advanced.config vm_memory_high_watermark 0: 'disables all publishing' (RabbitMQ memory.md)", b,
       adv("[{rabbit, [{vm_memory_high_watermark, 0}]}].\n"))
  case(f"{f}-advanced-loopback-{b}", "deny", f, "advanced.config tcp_listeners [{\"127.0.0.1\", 5672}]: AMQP only on loopback (RabbitMQ networking.md) -> st2 cannot reach its queue", b,
       adv('[{rabbit, [{tcp_listeners, [{"127.0.0.1", 5672}]}]}].\n'))
  case(f"{f}-erl-args-ok-{b}", "allow", f, "safe: RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='+S 2:2' (scheduler count; RabbitMQ runtime.md)", b,
       [rmq_env("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "+S 2:2")])

  f = "etcd-env"
  def etcd_env(name, val):
    return (STS("etcd"), jp([{"op": "add", "path": "/spec/template/spec/containers/0/env/-", "value": {"name": name, "value": val}}]))
  case(f"{f}-wal-dir-{b}", "deny", f, "ETCD_WAL_DIR=/tmp/wal (etcd reads every flag from ETCD_<FLAG> env when the flag is not on the command line; etcd docs configuration) -> WAL on the container layer, lost on restart", b,
       [etcd_env("ETCD_WAL_DIR", "/tmp/wal")])
  case(f"{f}-no-fsync-{b}", "deny", f, "ETCD_UNSAFE_NO_FSYNC=true: 'Disables fsync, unsafe, will cause data loss' (etcd flag docs; env form ETCD_<FLAG>)", b,
       [etcd_env("ETCD_UNSAFE_NO_FSYNC", "true")])
  case(f"{f}-force-new-{b}", "deny", f, "ETCD_FORCE_NEW_CLUSTER=true: every member restarts as a 1-member cluster (etcd configuration docs)", b,
       [etcd_env("ETCD_FORCE_NEW_CLUSTER", "true")])
  case(f"{f}-quota-{b}", "deny", f, "ETCD_QUOTA_BACKEND_BYTES=65536: NOSPACE alarm, etcd rejects writes (etcd maintenance docs space quota)", b,
       [etcd_env("ETCD_QUOTA_BACKEND_BYTES", "65536")])
  case(f"{f}-election-{b}", "deny", f, "ETCD_HEARTBEAT_INTERVAL=200 + ETCD_ELECTION_TIMEOUT=500: election timeout < 5x heartbeat, etcd refuses to start (etcd embed config validation)", b,
       [etcd_env("ETCD_HEARTBEAT_INTERVAL", "200"), etcd_env("ETCD_ELECTION_TIMEOUT", "500")])
  case(f"{f}-loglevel-ok-{b}", "allow", f, "safe: ETCD_LOG_LEVEL=warn", b,
       [etcd_env("ETCD_LOG_LEVEL", "warn")])
  case(f"{f}-compaction-ok-{b}", "allow", f, "safe: ETCD_AUTO_COMPACTION_RETENTION=1", b,
       [etcd_env("ETCD_AUTO_COMPACTION_RETENTION", "1")])


# ======================= wave 5 =======================
for b in ("prod", "staging"):
  f = "db-uri"
  case(f"{f}-dup-replset-{b}", "deny", f, "replicaSet=rs0&replicaSet=rs1: pymongo warns 'Duplicate URI option' and keeps the LAST value (pymongo uri_parser._parse_options) -> rs1, no member matches, st2 cannot reach its store", b,
       [userconf(DB % f"mongodb://{MEMBERS}/?authSource=admin&replicaSet=rs0&replicaSet=rs1")])
  case(f"{f}-dup-authsource-{b}", "deny", f, "authSource=admin&...&authSource=st2: last duplicate wins in pymongo (uri_parser._parse_options) -> authenticates against db st2 where the root user does not exist", b,
       [userconf(DB % f"mongodb://{MEMBERS}/?authSource=admin&replicaSet=rs0&authSource=st2")])
  case(f"{f}-pct-replset-bad-{b}", "deny", f, "replicaSet=r%73%31 is percent-decoded by pymongo (unquote_plus on option values) to rs1 -> set-name mismatch", b,
       [userconf(DB % f"mongodb://{MEMBERS}/?authSource=admin&replicaSet=r%73%31")])
  case(f"{f}-pct-replset-ok-{b}", "allow", f, "safe: replicaSet=rs%30 decodes to rs0 (pymongo unquote_plus)", b,
       [userconf(DB % f"mongodb://{MEMBERS}/?authSource=admin&replicaSet=rs%30")])
  case(f"{f}-direct-false-ok-{b}", "allow", f, "safe: directConnection=false (explicit discovery, the default with replicaSet)", b,
       [userconf(DB % f"mongodb://{MEMBERS}/?authSource=admin&replicaSet=rs0&directConnection=false")])

  f = "rabbit-erlang"
  case(f"{f}-advanced-connmax-{b}", "deny", f, "advanced.config connection_max 3 (overrides rabbitmq.conf; RabbitMQ networking.md connection_max) -> st2 connections refused", b,
       adv("[{rabbit, [{connection_max, 3}]}].\n"))
  case(f"{f}-erl-args-disk-{b}", "deny", f, "-rabbit disk_free_limit 500000000000 via RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: disk alarm, publishers blocked (RabbitMQ disk-alarms.md)", b,
       [rmq_env("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-rabbit disk_free_limit 500000000000")])
  case(f"{f}-erl-args-partition-{b}", "deny", f, "-rabbit cluster_partition_handling ignore via ERL args: split brain on partition (RabbitMQ partitions.md)", b,
       [rmq_env("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-rabbit cluster_partition_handling ignore")])

  f = "etcd-env"
  case(f"{f}-max-request-{b}", "deny", f, "ETCD_MAX_REQUEST_BYTES=16: every put exceeds the request limit (etcd configuration docs --max-request-bytes) -> tooz locks fail", b,
       [etcd_env("ETCD_MAX_REQUEST_BYTES", "16")])
  case(f"{f}-max-request-ok-{b}", "allow", f, "safe: ETCD_MAX_REQUEST_BYTES=3145728 (3MiB)", b,
       [etcd_env("ETCD_MAX_REQUEST_BYTES", "3145728")])

# ---------- a few on dev (default secrets component present) ----------
case("dev-nameprefix", "deny", "kustomize-transforms", "namePrefix on dev: hard-coded store hostnames in config data not rewritten (kustomize nameReference); dev also ships defaults", "dev", extra="namePrefix: x-\n")
case("dev-mongo-nojournal", "deny", "mongod-flags", "--nojournal on replica-set member (MongoDB journaling docs)", "dev", [mongo_args(MONGO_ARGS + ["--nojournal"])])

# ---------- malformed ----------
for cid, raw in [
    ("bad-yaml-tab", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n\t- ../../prod\n"),
    ("bad-missing-resource", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\n  - does-not-exist.yaml\n"),
    ("bad-patch-no-target", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\npatches:\n  - patch: |-\n      - op: replace\n        path: /spec/replicas\n        value: 2\n"),
    ("bad-jsonpatch-path", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\npatches:\n  - target:\n      kind: StatefulSet\n      name: mongodb\n    patch: |-\n      - op: replace\n        path: /spec/nonexistent/deep\n        value: 2\n"),
    ("bad-kind", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomisation\nresources:\n  - ../../prod\n"),
    ("bad-dup-resource", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\n  - ../../prod\n"),
]:
    case(cid, "bad", "malformed", "malformed kustomization (kustomize itself errors)", raw=raw)

DROPS = {'oplog-tiny': '--oplogSize 1: mongod may clamp to its minimum (990MB) rather than fail; harm not established', 'rabbit-nonclustered-peer':"switching peer_discovery_backend to k8s without enabling the plugin: whether 3.12 fails boot or falls back standalone not established", 'mongo-liveness-fast': 'exec probe timing: legacy shell start time not established upstream', 'channel-max': 'channel_max=1: could not confirm how many channels kombu opens per connection in st2', 'secondary-pref': 'readPreference=secondary: which st2 reads would go stale and break is not established'}
with open(os.path.join(ROOT, "dropped.tsv"), "w") as fh:
    for k, w in DROPS.items():
        for b in ("prod", "staging"): fh.write(f"{k}-{b}\t{w}\n")
with open(os.path.join(ROOT, "verdicts.tsv"), "w") as fh:
    for r in V: fh.write("\t".join(r) + "\n")
with open(os.path.join(ROOT, "planted.tsv"), "w") as fh:
    for r in P: fh.write("\t".join(r) + "\n")
print(len(V), "cases;", sum(1 for v in V if v[1]=="deny"), "deny", sum(1 for v in V if v[1]=="allow"), "allow", sum(1 for v in V if v[1]=="bad"), "bad")
