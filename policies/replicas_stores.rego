# ST2-REP-016: MongoDB and RabbitMQ settings that stop the store serving st2
# or break its HA (the eighth red team's store-ha class). The settings arrive
# read as each store reads them (input.facts.store_ha,
# src/policy/store-ha-facts.ts: mongod's argv and YAML config, rabbitmq.conf,
# advanced.config, mirroring policies); the bounds are the policy bundle's
# (data.settings.outage).
package st2.replicas

import data.st2.lib

rules["ST2-REP-016"] := {
	"title": "Store setting that stops MongoDB, RabbitMQ or etcd serving, or breaks its HA",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"mongod bound to loopback only (--bind_ip localhost without --bind_ip_all) accepts no",
		"connection from st2 or its replica-set peers, and --bind_ip beside --bind_ip_all stops it;",
		"a WiredTiger cache above settings.outage.max_mongodb_cache_fraction of the container's memory",
		"limit gets every member OOM-killed under load. RabbitMQ's cluster_partition_handling must be",
		"pause_minority, autoheal or pause_if_all_down (ignore keeps both sides of a split writing and",
		"loses messages at heal); a disk_free_limit near the data volume's size keeps the disk alarm on",
		"and blocks every publisher; a mirroring policy (ha-mode exactly or nodes) must keep at least",
		"settings.outage.min_rabbitmq_mirror_copies copies, and no policy may set message-ttl, expires,",
		"max-length or delivery-limit on st2's queues; connection_max stays at or above",
		"settings.outage.min_rabbitmq_connection_max. etcd must listen for clients beyond loopback;",
		"mongod's keyfile must have no group or other bits (chmod 0400 after copying it from the",
		"Secret); mongod's replica-set name must be the one st2's replicaSet= and rs.initiate use.",
		"mongod refuses an option given twice on its command line (only --setParameter repeats), a",
		"clusterAuthMode of x509, sendX509 or sendKeyFile without TLS, and a --keyFile nothing in the",
		"pod writes, and a replica set with authorization (the mongo image adds --auth for its root user)",
		"but no --keyFile; keep WiredTiger, SCRAM among authenticationMechanisms while st2 logs in with a",
		"password, and --maxConns at least settings.outage.min_mongodb_connections_per_st2_pod (2) per",
		"st2 pod. RabbitMQ's max_message_size stays between settings.outage.min_rabbitmq_max_message_bytes",
		"(16 MiB, MongoDB's document limit: an execution st2 stores it also publishes) and 512 MiB, its",
		"consumer_timeout at or above settings.outage.min_rabbitmq_consumer_timeout_ms (one minute;",
		"the default is 30 minutes), and",
		"no policy without ha-mode may outrank the mirroring one on st2's queues (RabbitMQ applies only",
		"the highest-priority policy matching a queue): add ha-mode to it, or narrow its pattern.",
		"Keep the user of st2's [messaging] url out of loopback_users (RabbitMQ then accepts it from",
		"localhost only), and PLAIN or AMQPLAIN in auth_mechanisms while st2 logs in with a password.",
		"An etcd member of a cluster listens for its peers beyond loopback (--listen-peer-urls on",
		"0.0.0.0 or the pod's address; unset, etcd listens on http://localhost:2380), and mongod with",
		"TLS on needs --tlsCertificateKeyFile; with",
		"requireTLS, st2's [database] must connect with TLS too (ssl = True) or mongod refuses it.",
	]),
}

store_bound(key, fallback) := v if {
	v := data.settings.outage[key]
	is_number(v)
} else := fallback

partition_modes := {"pause_minority", "autoheal", "pause_if_all_down"}

findings contains f if {
	some s in object.get(input.facts, "store_ha", [])
	is_object(s)
	problem := store_problem(s)
	f := lib.finding("ST2-REP-016", lib.severity_strict, s.resource, s.path, {"store": s.store, "setting": s.setting, "problem": problem})
}

store_problem(s) := "listens on loopback only: no member or client reaches it" if {
	s.setting == "bind_loopback"
} else := "--bind_ip beside --bind_ip_all: mongod refuses to start" if {
	s.setting == "bind_conflict"
} else := "a cache size mongod refuses" if {
	s.setting == "cache_bytes"
	s.value < 0
} else := "WiredTiger cache above the bundle's share of the container's memory limit: OOM-killed under load" if {
	s.setting == "cache_bytes"
	s.capacity > 0
	s.value > s.capacity * store_bound("max_mongodb_cache_fraction", 0.8)
} else := "no partition handling (ignore): both sides of a split keep writing, messages are lost at heal" if {
	s.setting == "partition_handling"
	s.value == "ignore"
} else := "a partition handling mode RabbitMQ refuses to start with" if {
	s.setting == "partition_handling"
	not partition_modes[s.value]
	s.value != "ignore"
} else := "a disk limit RabbitMQ refuses to start with" if {
	s.setting == "disk_free_limit"
	s.value < 0
} else := "disk_free_limit near the data volume's size: the disk alarm stays on and blocks every publisher" if {
	s.setting == "disk_free_limit"
	s.capacity > 0
	s.value >= s.capacity * store_bound("max_rabbitmq_disk_free_fraction", 0.9)
} else := "a mirroring policy with fewer copies than the bundle's floor: losing one node loses its queues" if {
	s.setting == "mirror_copies"
	s.value < store_bound("min_rabbitmq_mirror_copies", 2)
} else := "a connection_max RabbitMQ refuses, or below the bundle's floor: st2's services are refused connections" if {
	s.setting == "connection_max"
	s.value < store_bound("min_rabbitmq_connection_max", 256)
} else := "a queue policy that expires, caps or drops messages on st2's queues: executions vanish" if {
	s.setting == "queue_drop"
} else := "keyfile readable by group or others: mongod refuses to start" if {
	s.setting == "keyfile_mode"
} else := "replica-set name differs from the one st2 connects with or the set was initiated as: no member joins it" if {
	s.setting == "replset_name"
} else := "an option given twice on mongod's command line: mongod refuses it (Multiple occurrences of option) and exits" if {
	s.setting == "option_repeated"
} else := "a storage engine mongod 4.4 does not have, or refuses on WiredTiger files: it exits" if {
	s.setting == "storage_engine"
} else := "clusterAuthMode needing TLS while TLS is disabled (or x.509 in allowTLS): mongod refuses to start" if {
	s.setting == "cluster_auth_tls"
} else := "authenticationMechanisms without SCRAM while st2 logs in with a password: every st2 login fails" if {
	s.setting == "auth_mechanisms"
} else := "--keyFile at a path nothing in the pod provides: mongod exits (error opening file)" if {
	s.setting == "keyfile_missing"
} else := "a replica set with authorization on (--auth, the config file, or the mongo image's entrypoint for MONGO_INITDB_ROOT_USERNAME/PASSWORD) and no keyFile nor x.509 cluster auth: mongod refuses to start" if {
	s.setting == "keyfile_required"
} else := "maxIncomingConnections below what st2's pods open (settings.outage.min_mongodb_connections_per_st2_pod each): further connections are refused" if {
	s.setting == "max_connections"
	s.value < st2_pods * store_bound("min_mongodb_connections_per_st2_pod", 2)
} else := "max_message_size below settings.outage.min_rabbitmq_max_message_bytes, or above 512 MiB (refused): st2's larger messages are refused and their channels closed" if {
	s.setting == "max_message_size"
	not message_size_ok(s.value)
} else := "consumer_timeout below settings.outage.min_rabbitmq_consumer_timeout_ms (one minute: RabbitMQ checks it once a minute and supports no less): a delivery st2 has not yet acked at the check closes its channel (PRECONDITION_FAILED) and is requeued and handled again" if {
	s.setting == "consumer_timeout"
	s.value < store_bound("min_rabbitmq_consumer_timeout_ms", 60000)
} else := "a policy without ha-mode outranks the mirroring policy on st2's queues: RabbitMQ applies only the highest-priority policy, so they are not mirrored" if {
	s.setting == "mirror_shadowed"
} else := "etcd's peer listener (--listen-peer-urls, localhost when unset) on loopback only while --initial-cluster names other members: they never reach this one, and the cluster has no quorum" if {
	s.setting == "peer_loopback"
} else := "TLS on (tlsMode other than disabled) without a server certificate (--tlsCertificateKeyFile): mongod refuses to start" if {
	s.setting == "tls_no_certificate"
} else := "requireTLS while st2's [database] connects without TLS (no ssl = True, no tls=true in its URI): mongod refuses every st2 connection" if {
	s.setting == "tls_required"
} else := "loopback_users lists the user st2 logs in as: RabbitMQ lets it connect from localhost only, and st2's pods are refused" if {
	s.setting == "loopback_login"
} else := "auth_mechanisms offers no mechanism st2 can log in with (AMQPLAIN or PLAIN with its password; EXTERNAL needs a client certificate): every st2 login fails" if {
	s.setting == "login_mechanisms"
}

# st2's Python services each hold connections to the primary (pymongo: a monitor per member and a pool).
st2_pods := sum([max([w.replicas, 0]) | some w in lib.workloads; st2_python_service(w)])

st2_python_service(w) if {
	some role in w.roles
	startswith(role, "st2")
	not role in {"st2web", "st2client", "st2chatops"}
}

message_size_ok(v) if {
	v >= store_bound("min_rabbitmq_max_message_bytes", 16777216)
	v <= 536870912
}
