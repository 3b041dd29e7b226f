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
}
