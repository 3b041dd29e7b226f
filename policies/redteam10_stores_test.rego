# The tenth red team's store classes (test/policy/redteam/fresh11-stores.ts):
# formation settings read by src/policy/store-formation.ts (REP-014, OPS-024,
# REP-021, REP-026), stores started one by one behind a readiness that needs
# the others (REP-014), liveness that restarts healthy members (OPS-055),
# negative priorities (OPS-056) and one-zone pins (OPS-045).
package st2_test.redteam10_stores

import data.st2_test.fixtures as fx

member := ["spec", "template", "spec", "containers", 0]

index_of(name) := i if {
	some i, r in fx.baseline
	r.kind == "StatefulSet"
	r.metadata.name == name
}

fact(name, store, setting, value) := {"secret_values": [], "store_ha": [{"resource": index_of(name), "path": member, "store": store, "setting": setting, "value": value, "capacity": 3}]}

rules_for(facts) := {f.rule | some f in fx.eval_facts("production", fx.baseline, facts)}

test_formation_settings_deny_under_rep014 if {
	every s in [
		["st2-rabbitmq", "rabbitmq", "cookie_per_pod", "MY_POD_NAME"],
		["st2-rabbitmq", "rabbitmq", "node_not_peer", "rabbit@st2-rabbitmq-0"],
		["st2-mongodb", "mongodb", "init_missing", "st2-mongodb"],
		["st2-mongodb", "mongodb", "init_host", "st2-mongodb-0.other:27017"],
	] {
		"ST2-REP-014" in rules_for(fact(s[0], s[1], s[2], s[3]))
	}
}

test_etcd_formation_settings_deny_under_rep014 if {
	every s in [["member_name", "member-$(POD_NAME)"], ["cluster_state", "existing"]] {
		fs := fx.of_rule(fx.eval_facts("production", fx.baseline, fact("st2-mongodb", "etcd", s[0], s[1])), "ST2-REP-014")
		some f in fs
		f.params.setting == s[0]
	}
}

test_listener_and_election_deny_under_ops024 if {
	"ST2-OPS-024" in rules_for(fact("st2-rabbitmq", "rabbitmq", "amqp_listener", "loopback"))
	"ST2-OPS-024" in rules_for(fact("st2-rabbitmq", "etcd", "election_timeout", 1000))
}

test_data_moved_denies_under_rep021 if {
	"ST2-REP-021" in rules_for(fact("st2-mongodb", "mongodb", "data_moved", "/data/db/st2"))
}

test_too_few_electable_members_deny_under_rep026 if {
	"ST2-REP-026" in rules_for(fact("st2-mongodb", "mongodb", "electable", 1))
}

test_baseline_has_none_of_the_new_findings if {
	fs := fx.eval("production", fx.baseline)
	count({f | some f in fs; f.rule in {"ST2-REP-026", "ST2-OPS-055", "ST2-OPS-056"}}) == 0
}

# --- OrderedReady ---------------------------------------------------------------------------------

patched(name, ops) := array.concat(array.concat(array.slice(fx.baseline, 0, index_of(name)), [json.patch(fx.baseline[index_of(name)], ops)]), array.slice(fx.baseline, index_of(name) + 1, count(fx.baseline)))

readiness := {"op": "add", "path": "/spec/template/spec/containers/0/readinessProbe", "value": {"exec": {"command": ["rabbitmqctl", "status"]}}}

test_rabbitmq_ordered_ready_with_readiness_denies if {
	fs := fx.of_rule(fx.eval("production", patched("st2-rabbitmq", [readiness])), "ST2-REP-014")
	some f in fs
	f.path == ["spec", "podManagementPolicy"]
}

test_rabbitmq_parallel_or_without_readiness_allows if {
	parallel := {"op": "add", "path": "/spec/podManagementPolicy", "value": "Parallel"}
	count(fx.of_rule(fx.eval("production", patched("st2-rabbitmq", [readiness, parallel])), "ST2-REP-014")) == 0
	count(fx.of_rule(fx.eval("production", fx.baseline), "ST2-REP-014")) == 0
}

test_mongodb_ordered_ready_is_not_judged if {
	count(fx.of_rule(fx.eval("production", patched("st2-mongodb", [{"op": "add", "path": "/spec/template/spec/containers/0/readinessProbe", "value": {"exec": {"command": ["mongo", "--eval", "db.adminCommand('ping')"]}}}])), "ST2-REP-014")) == 0
}

# --- ST2-OPS-055 ----------------------------------------------------------------------------------

liveness(probe) := {"op": "add", "path": "/spec/template/spec/containers/0/livenessProbe", "value": probe}

test_rabbitmq_liveness_shorter_than_a_boot_denies if {
	"ST2-OPS-055" in {f.rule | some f in fx.eval("production", patched("st2-rabbitmq", [liveness({"exec": {"command": ["rabbitmqctl", "status"]}, "initialDelaySeconds": 1, "periodSeconds": 2, "failureThreshold": 1})]))}
}

test_rabbitmq_liveness_with_budget_or_startup_probe_allows if {
	fast := {"exec": {"command": ["rabbitmqctl", "status"]}, "initialDelaySeconds": 5}
	count(fx.of_rule(fx.eval("production", patched("st2-rabbitmq", [liveness(object.union(fast, {"initialDelaySeconds": 120}))])), "ST2-OPS-055")) == 0
	startup := {"op": "add", "path": "/spec/template/spec/containers/0/startupProbe", "value": {"exec": {"command": ["rabbitmqctl", "status"]}, "failureThreshold": 30}}
	count(fx.of_rule(fx.eval("production", patched("st2-rabbitmq", [liveness(fast), startup])), "ST2-OPS-055")) == 0
}

etcd_with_liveness(path) := array.concat(fx.baseline, [json.patch(fx.statefulset("etcd", 3), [liveness({"httpGet": {"path": path, "port": 2379}})])])

test_etcd_liveness_on_quorum_denies if {
	count(fx.of_rule(fx.eval("production", etcd_with_liveness("/health")), "ST2-OPS-055")) == 1
	count(fx.of_rule(fx.eval("production", etcd_with_liveness("/health?serializable=true")), "ST2-OPS-055")) == 0
}

# --- ST2-OPS-056, ST2-OPS-045 ---------------------------------------------------------------------

with_priority(value) := array.concat(
	patched("st2-mongodb", [{"op": "add", "path": "/spec/template/spec/priorityClassName", "value": "stores"}]),
	[{"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": "stores"}, "value": value}],
)

test_store_priority_below_zero_denies_in_production if {
	fs := fx.of_rule(fx.eval("production", with_priority(-1000)), "ST2-OPS-056")
	{f.severity | some f in fs} == {"deny"}
	{f.severity | some f in fx.of_rule(fx.eval("staging", with_priority(-1000)), "ST2-OPS-056")} == {"warn"}
	count(fx.of_rule(fx.eval("production", with_priority(0)), "ST2-OPS-056")) == 0
}

zone_term(zones) := {"matchExpressions": [{"key": "topology.kubernetes.io/zone", "operator": "In", "values": zones}]}

with_zones(terms) := patched("st2-mongodb", [{"op": "add", "path": "/spec/template/spec/affinity", "value": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": terms}}}}])

zone_findings(resources) := {f | some f in fx.of_rule(fx.eval("production", resources), "ST2-OPS-045"); f.params.zone}

test_store_in_one_zone_denies if {
	count(zone_findings(with_zones([zone_term(["a"])]))) == 1
	count(zone_findings(patched("st2-mongodb", [{"op": "add", "path": "/spec/template/spec/nodeSelector", "value": {"topology.kubernetes.io/zone": "a"}}]))) == 1
}

test_store_over_several_zones_allows if {
	count(zone_findings(with_zones([zone_term(["a", "b", "c"])]))) == 0
	count(zone_findings(with_zones([zone_term(["a"]), zone_term(["b"])]))) == 0
	count(zone_findings(with_zones([zone_term(["a"]), {"matchExpressions": [{"key": "disk", "operator": "In", "values": ["ssd"]}]}]))) == 0
}
