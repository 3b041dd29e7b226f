# The eleventh red team's store classes (test/policy/redteam/fresh12-stores.ts):
# mongod and etcd settings that stop a member starting (REP-016, OPS-024,
# REP-023), members that never form one cluster (REP-014), floors taken from
# the render (mongod's connections against st2's pods, RabbitMQ's message
# size), a policy outranking the mirroring one (REP-016), the watermark's
# memory override (OPS-024) and quorum stores whose members may share a node
# (OPS-045, production).
package st2_test.redteam11_stores

import data.st2_test.fixtures as fx

member := ["spec", "template", "spec", "containers", 0]

index_of(name) := i if {
	some i, r in fx.baseline
	r.kind == "StatefulSet"
	r.metadata.name == name
}

fact(name, store, setting, value) := {"secret_values": [], "store_ha": [{"resource": index_of(name), "path": member, "store": store, "setting": setting, "value": value, "capacity": 0}]}

rules_for(facts) := {f.rule | some f in fx.eval_facts("production", fx.baseline, facts)}

test_members_that_cannot_start_deny if {
	every c in [
		["st2-mongodb", "mongodb", "option_repeated", "--keyFile", "ST2-REP-016"],
		["st2-mongodb", "mongodb", "storage_engine", "mmapv1", "ST2-REP-016"],
		["st2-mongodb", "mongodb", "cluster_auth_tls", "x509", "ST2-REP-016"],
		["st2-mongodb", "mongodb", "auth_mechanisms", "MONGODB-X509", "ST2-REP-016"],
		["st2-mongodb", "mongodb", "keyfile_missing", "/data/configdb/keyfile.pem", "ST2-REP-016"],
		["st2-mongodb", "mongodb", "keyfile_required", "security.keyFile", "ST2-REP-016"],
		["st2-mongodb", "mongodb", "durability_off", "--storageEngine ephemeralForTest", "ST2-REP-023"],
		["st2-mongodb", "etcd", "tls_without_cert", "client", "ST2-OPS-024"],
		["st2-rabbitmq", "rabbitmq", "auth_backend_plugin", "rabbitmq_auth_backend_http", "ST2-OPS-024"],
		["st2-rabbitmq", "rabbitmq", "mirror_shadowed", "lazy", "ST2-REP-016"],
	] {
		c[4] in rules_for(fact(c[0], c[1], c[2], c[3]))
	}
}

test_members_that_never_form_one_cluster_deny_under_rep014 if {
	every c in [
		["st2-mongodb", "etcd", "force_new_cluster", 3],
		["st2-mongodb", "etcd", "peer_urls", "etcd-0"],
		["st2-rabbitmq", "rabbitmq", "node_shared", "rabbit@rabbitmq-0.rabbitmq-discovery"],
		["st2-rabbitmq", "rabbitmq", "short_names", "rabbit@rabbitmq-0.rabbitmq-discovery"],
		["st2-rabbitmq", "rabbitmq", "config_missing", "/etc/rabbitmq/cluster"],
	] {
		fs := fx.of_rule(fx.eval_facts("production", fx.baseline, fact(c[0], c[1], c[2], c[3])), "ST2-REP-014")
		some f in fs
		f.params.setting == c[2]
	}
}

# The baseline runs 3 replicas of each of its st2 services: the floor is 2 connections per pod.
st2_pods := sum([r.spec.replicas |
	some r in fx.baseline
	startswith(r.metadata.name, "st2-st2")
	not r.metadata.name in {"st2-st2web", "st2-st2client", "st2-st2chatops"}
])

test_mongod_connections_against_st2_pods if {
	st2_pods > 10
	"ST2-REP-016" in rules_for(fact("st2-mongodb", "mongodb", "max_connections", 20))
	"ST2-REP-016" in rules_for(fact("st2-mongodb", "mongodb", "max_connections", -1))
	not "ST2-REP-016" in rules_for(fact("st2-mongodb", "mongodb", "max_connections", 2 * st2_pods))
	not "ST2-REP-016" in rules_for(fact("st2-mongodb", "mongodb", "max_connections", 1000))
}

test_rabbitmq_message_size_floor_and_ceiling if {
	every v in [1024, 1048576, -1, 1073741824] {
		"ST2-REP-016" in rules_for(fact("st2-rabbitmq", "rabbitmq", "max_message_size", v))
	}
	every v in [16777216, 134217728, 536870912] {
		not "ST2-REP-016" in rules_for(fact("st2-rabbitmq", "rabbitmq", "max_message_size", v))
	}
}

override(value, relative) := {"store_settings": array.concat(
	[{"resource": index_of("st2-rabbitmq"), "path": ["data"], "setting": "rabbitmq_memory_override", "value": value}],
	[{"resource": index_of("st2-rabbitmq"), "path": ["data"], "setting": "rabbitmq_watermark_relative", "value": r} | some r in relative],
)}

test_memory_override_below_the_watermark_floor if {
	"ST2-OPS-024" in rules_for(override(1000000, []))
	"ST2-OPS-024" in rules_for(override(134217728, []))
	not "ST2-OPS-024" in rules_for(override(1073741824, []))
	# 0.5 of 200 MB is above the 64 MiB floor; RabbitMQ's default 0.4 of 150 MB is below it.
	not "ST2-OPS-024" in rules_for(override(200000000, [0.5]))
	"ST2-OPS-024" in rules_for(override(150000000, []))
}

# --- ST2-OPS-045: one member per node -------------------------------------------------------------

with_affinity(name, affinity) := fx.replace(fx.baseline, "StatefulSet", name, json.patch(fx.base("StatefulSet", name), [{"op": "replace", "path": "/spec/template/spec/affinity", "value": affinity}]))

spread(name, spec) := fx.replace(fx.baseline, "StatefulSet", name, json.patch(fx.base("StatefulSet", name), [{"op": "remove", "path": "/spec/template/spec/affinity"}, {"op": "add", "path": "/spec/template/spec/topologySpreadConstraints", "value": [spec]}]))

anti(key, labels) := {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [{"topologyKey": key, "labelSelector": {"matchLabels": labels}}]}}

preferred := {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 100, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname", "labelSelector": {"matchLabels": {"app": "mongodb", "release": "st2"}}}}]}}

test_quorum_store_members_may_share_a_node if {
	rules_of(fx.eval("production", with_affinity("st2-mongodb", preferred))) == {"ST2-OPS-045"}
	rules_of(fx.eval("production", with_affinity("st2-mongodb", {}))) == {"ST2-OPS-045"}
	# A term over other pods' labels spreads nothing.
	rules_of(fx.eval("production", with_affinity("st2-mongodb", anti("kubernetes.io/hostname", {"app": "etcd"})))) == {"ST2-OPS-045"}
	rules_of(fx.eval("production", spread("st2-mongodb", {"maxSkew": 1, "topologyKey": "kubernetes.io/hostname", "whenUnsatisfiable": "ScheduleAnyway", "labelSelector": {"matchLabels": {"app": "mongodb"}}}))) == {"ST2-OPS-045"}
}

test_quorum_store_members_on_different_nodes if {
	count(fx.eval("production", with_affinity("st2-mongodb", anti("topology.kubernetes.io/zone", {"app": "mongodb"})))) == 0
	count(fx.eval("production", spread("st2-mongodb", {"maxSkew": 1, "topologyKey": "kubernetes.io/hostname", "whenUnsatisfiable": "DoNotSchedule", "labelSelector": {"matchLabels": {"app": "mongodb"}}}))) == 0
	# Staging and dev are not judged.
	count({f | some f in fx.eval("staging", with_affinity("st2-mongodb", preferred)); f.rule == "ST2-OPS-045"}) == 0
}

rules_of(fs) := {f.rule | some f in fs}
