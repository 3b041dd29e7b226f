# Store settings that stop a member serving or kill it while it is healthy
# (the tenth red team's store classes, test/policy/redteam/fresh11-stores.ts):
#
# ST2-OPS-024 (extended) RabbitMQ's AMQP listeners and etcd's election timeout,
#             read by src/policy/store-formation.ts (input.facts.store_ha);
#             the eleventh red team's etcd https listener without a
#             certificate and RabbitMQ auth backend whose plugin is off;
# ST2-OPS-055 a store liveness probe that restarts healthy members: etcd's
#             quorum-wide /health (kubeadm probes /health?serializable=true),
#             or a RabbitMQ liveness budget shorter than a node's boot, and
#             a RabbitMQ or MongoDB startup probe shorter than a boot;
# ST2-OPS-056 store pods given a priority below ordinary pods: the scheduler
#             preempts them first under any pressure.
package st2.operations

import data.st2.lib

rules["ST2-OPS-055"] := {
	"title": "Store liveness probe that restarts healthy members",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Probe an etcd member's liveness on itself (/health?serializable=true, as kubeadm does):",
		"/health without it fails on every member once quorum is lost, and the kubelet then",
		"restarts the survivors too. Give RabbitMQ's liveness at least",
		"settings.outage.min_rabbitmq_liveness_seconds (initialDelaySeconds plus periodSeconds",
		"times failureThreshold), or a startupProbe: a node loading definitions or waiting for",
		"its peers is killed before it boots, and crash-loops. A startupProbe must allow as much",
		"(MongoDB: at least Kubernetes' default window of 30 s).",
	]),
}

rules["ST2-OPS-056"] := {
	"title": "Store pods preempted before ordinary pods",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging",
	"remediation": concat(" ", [
		"MongoDB, RabbitMQ, etcd, Redis or ZooKeeper given a PriorityClass whose value is below 0",
		"(the priority of a pod without a class) are the first pods the scheduler preempts under",
		"any resource pressure: several members at once, and st2 with them. Leave the stores",
		"without a class, or give them one at or above 0.",
	]),
}

formation_setting_problems := {
	"amqp_listener": "RabbitMQ's AMQP listeners leave st2 nothing to connect to",
	"election_timeout": "an election timeout etcd refuses (below 5 times the heartbeat interval, or above 50000 ms)",
	"tls_without_cert": "an https listener without --cert-file/--key-file (or the peer ones) and no auto-tls: etcd exits at start",
	"auth_backend_plugin": "the first auth backend is a plugin's that enabled_plugins does not enable: every login, st2's included, fails",
}

findings contains f if {
	some s in object.get(input.facts, "store_ha", [])
	is_object(s)
	problem := formation_setting_problems[s.setting]
	f := lib.finding("ST2-OPS-024", lib.severity_strict, s.resource, s.path, {"setting": s.setting, "value": s.value, "problem": problem})
}

# --- ST2-OPS-055 -----------------------------------------------------------------------------------

# The etcd and RabbitMQ members (by image: a cheap look, the roles are the workload's).
store_containers contains [i, path, role, ctr] if {
	some i in store_workloads
	w := lib.workloads[i]
	w.replicas > 1
	some role in w.roles
	role in {"etcd", "rabbitmq", "mongodb"}
	some u in w.units
	some j, ctr in object.get(u.pod_spec, "containers", [])
	role in lib.image_roles(ctr)
	path := array.concat(u.spec_path, ["containers", j])
}

findings contains f if {
	some [i, path, "etcd", ctr] in store_containers
	p := ctr.livenessProbe.httpGet.path
	startswith(p, "/health")
	not contains(p, "serializable=true")
	f := lib.finding("ST2-OPS-055", lib.severity_strict, i, array.concat(path, ["livenessProbe", "httpGet", "path"]), {"store": "etcd", "problem": "liveness on quorum: losing quorum restarts every surviving member"})
}

findings contains f if {
	some [i, path, "rabbitmq", ctr] in store_containers
	probe := ctr.livenessProbe
	is_object(probe)
	not ctr.startupProbe
	budget := object.get(probe, "initialDelaySeconds", 0) + object.get(probe, "periodSeconds", 10) * object.get(probe, "failureThreshold", 3)
	budget < liveness_floor
	f := lib.finding("ST2-OPS-055", lib.severity_strict, i, array.concat(path, ["livenessProbe"]), {"store": "rabbitmq", "budget_seconds": budget, "minimum": liveness_floor, "problem": "killed before a node can boot"})
}

# A startup probe the kubelet gives up on kills the container the same way (Kubernetes: a
# failed startup probe restarts it): one that allows less than a member's boot crash-loops
# it. RabbitMQ against settings.outage.min_rabbitmq_liveness_seconds; mongod (WiredTiger
# recovery, the keyfile, its replica set) against Kubernetes' own default window
# (settings.outage.min_st2_liveness_window_seconds: 3 failures every 10 s).
findings contains f if {
	some [i, path, role, ctr] in store_containers
	role in {"rabbitmq", "mongodb"}
	probe := ctr.startupProbe
	is_object(probe)
	budget := probe_window(probe)
	floor := startup_floor(role)
	budget < floor
	f := lib.finding("ST2-OPS-055", lib.severity_strict, i, array.concat(path, ["startupProbe"]), {"store": role, "budget_seconds": budget, "minimum": floor, "problem": "a startup probe that kills a member before it can boot"})
}

startup_floor("rabbitmq") := liveness_floor

startup_floor("mongodb") := min_st2_liveness_window

liveness_floor := v if {
	v := data.settings.outage.min_rabbitmq_liveness_seconds
	is_number(v)
} else := 60

# --- ST2-OPS-056 -----------------------------------------------------------------------------------

findings contains f if {
	some i, w in lib.workloads
	some role in w.roles
	lib.backing_roles[role]
	some u in w.units
	name := u.pod_spec.priorityClassName
	some pc in lib.resources_of_kind("PriorityClass")
	lib.name(pc) == name
	pc.value < 0
	f := lib.finding("ST2-OPS-056", lib.severity_capacity, i, array.concat(u.spec_path, ["priorityClassName"]), {"workload": w.name, "store": role, "priority_class": name, "value": pc.value})
}
