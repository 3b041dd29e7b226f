# The seventh red team's HA and outage-typo holes (test/policy/redteam/fresh7-ha.ts):
# stores whose members never form one cluster (ST2-REP-014), a coordination
# store below the quorum floor (ST2-REP-015), budgets, rollouts and Services
# that take a quorum or every replica (ST2-OPS-005), and values the API server
# accepts that stop a workload or store (ST2-OPS-022..024). The parsed values
# arrive as facts (src/policy/outage-facts.ts); these tests feed them directly.
package st2_test.redteam7_ha

import data.st2_test.fixtures as fx

sts(name, replicas, labels, containers) := {
	"apiVersion": "apps/v1", "kind": "StatefulSet",
	"metadata": {"name": name, "namespace": "st2"},
	"spec": {
		"replicas": replicas, "serviceName": name,
		"selector": {"matchLabels": labels},
		"template": {"metadata": {"labels": labels}, "spec": {"containers": containers}},
	},
}

deploy(name, replicas, strategy) := {
	"apiVersion": "apps/v1", "kind": "Deployment",
	"metadata": {"name": name, "namespace": "st2"},
	"spec": {
		"replicas": replicas, "strategy": strategy,
		"selector": {"matchLabels": {"app": name}},
		"template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [{"name": name, "image": concat("", ["stackstorm/", name, ":3.8.1"])}]}},
	},
}

pdb(name, spec_fields, labels) := {
	"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
	"metadata": {"name": name, "namespace": "st2"},
	"spec": object.union(spec_fields, {"selector": {"matchLabels": labels}}),
}

cm(name, values) := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": "st2"}, "data": values}

svc(name, selector) := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "namespace": "st2"}, "spec": {"selector": selector}}

etcd_sts(replicas) := sts("etcd", replicas, {"app": "etcd"}, [{"name": "etcd", "image": "quay.io/coreos/etcd:v3.5.17", "command": ["etcd"]}])

hits(fs, rule) := {[f.severity, f.resource] | some f in fs; f.rule == rule}

# --- ST2-REP-014 ---------------------------------------------------------------------------------

etcd_members(n) := {"store_members": [{"resource": 0, "path": ["spec", "template", "spec", "containers", 0], "store": "etcd", "members": n}]}

test_rep014_etcd_members_short_of_replicas if {
	hits(fx.eval_facts("production", [etcd_sts(3)], etcd_members(1)), "ST2-REP-014") == {["deny", 0]}
	hits(fx.eval_facts("staging", [etcd_sts(3)], etcd_members(2)), "ST2-REP-014") == {["deny", 0]}
	hits(fx.eval_facts("dev", [etcd_sts(3)], etcd_members(1)), "ST2-REP-014") == {["warn", 0]}
	count(hits(fx.eval_facts("production", [etcd_sts(3)], etcd_members(3)), "ST2-REP-014")) == 0

	# A single member bootstrapping alone is what it should do.
	count(hits(fx.eval_facts("production", [etcd_sts(1)], etcd_members(1)), "ST2-REP-014")) == 0
}

mongo_sts(replicas) := object.union(sts("mongodb", replicas, {"app": "mongodb"}, [{"name": "mongodb", "image": "mongo:4.4.29", "args": ["--replSet", "rs0"], "volumeMounts": [{"name": "s", "mountPath": "/scripts"}]}]), {"spec": {"template": {"spec": {"volumes": [{"name": "s", "configMap": {"name": "mongodb-scripts"}}]}}}})

rs_members(n) := {"store_members": [{"resource": 1, "path": ["data", "init.js"], "store": "mongodb", "members": n}]}

test_rep014_replica_set_initiated_short if {
	resources := [mongo_sts(3), cm("mongodb-scripts", {"init.js": "rs.initiate()"})]
	hits(fx.eval_facts("production", resources, rs_members(1)), "ST2-REP-014") == {["deny", 1]}
	count(hits(fx.eval_facts("production", resources, rs_members(3)), "ST2-REP-014")) == 0

	# A script no MongoDB pod mounts is nobody's replica set.
	other := [mongo_sts(3), cm("other-scripts", {"init.js": "rs.initiate()"})]
	count(hits(fx.eval_facts("production", other, rs_members(1)), "ST2-REP-014")) == 0
}

rabbit(conf) := [
	object.union(sts("rabbitmq", 3, {"app": "rabbitmq"}, [{"name": "rabbitmq", "image": "rabbitmq:3.12.14", "volumeMounts": [{"name": "c", "mountPath": "/etc/rabbitmq"}]}]), {"spec": {"template": {"spec": {"volumes": [{"name": "c", "configMap": {"name": "rabbitmq-config"}}]}}}}),
	cm("rabbitmq-config", {"rabbitmq.conf": conf}),
	cm("st2-config", {"st2.docker.conf": "[messaging]\nurl = amqp://st2@rabbitmq:5672\n"}),
]

test_rep014_rabbitmq_peer_discovery_table if {
	cases := [
		["cluster_partition_handling = autoheal\n", 1],
		["# cluster_formation.peer_discovery_backend = k8s\n", 1],
		["cluster_formation.peer_discovery_backend = classic_config\n", 1],
		["cluster_formation.peer_discovery_backend = classic_config\ncluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.d\n", 0],
		["cluster_formation.peer_discovery_backend = rabbit_peer_discovery_k8s\n", 0],
		["cluster_formation.peer_discovery_backend = dns\n", 0],
	]
	every c in cases {
		count(hits(fx.eval("production", rabbit(c[0])), "ST2-REP-014")) == c[1]
	}
}

# --- ST2-REP-015 and the coordination url ---------------------------------------------------------

zk(replicas, url) := [
	sts("zookeeper", replicas, {"app": "zookeeper"}, [{"name": "zookeeper", "image": "zookeeper:3.9.3"}]),
	svc("zookeeper", {"app": "zookeeper"}),
	cm("st2-config", {"st2.docker.conf": concat("", ["[coordination]\nurl = ", url, "\n"])}),
]

test_rep015_coordination_floor if {
	hits(fx.eval("production", zk(1, "kazoo://zookeeper:2181")), "ST2-REP-015") == {["deny", 2]}
	hits(fx.eval("production", zk(2, "kazoo://zookeeper:2181")), "ST2-REP-015") == {["deny", 2]}
	hits(fx.eval_facts("staging", zk(1, "kazoo://zookeeper:2181"), {}), "ST2-REP-015") == {["warn", 2]}
	count(hits(fx.eval("production", zk(3, "kazoo://zookeeper:2181")), "ST2-REP-015")) == 0
	count(hits(fx.eval("production", zk(3, "kazoo://zookeeper-0.zookeeper:2181,zookeeper-1.zookeeper:2181,zookeeper-2.zookeeper:2181")), "ST2-REP-015")) == 0
}

test_ops005_coordination_url_on_one_member if {
	fs := fx.eval("production", zk(3, "kazoo://zookeeper-0.zookeeper:2181"))
	some f in fs
	f.rule == "ST2-OPS-005"
	f.params.how == "coordination url names one member of the store"
	every g in fx.eval("production", zk(3, "kazoo://zookeeper:2181")) {
		g.rule != "ST2-OPS-005"
	}
}

# --- ST2-OPS-005: budgets, Recreate, a Service on one pod ---------------------------------------

quorum_findings(spec_fields) := {[f.severity, f.params.disruptions] |
	some f in fx.eval("production", [etcd_sts(3), pdb("etcd", spec_fields, {"app": "etcd"})])
	f.rule == "ST2-OPS-005"
	f.params.how == "disruption budget takes the quorum"
}

test_ops005_quorum_budget_table if {
	quorum_findings({"maxUnavailable": 2}) == {["deny", 2]}
	quorum_findings({"minAvailable": 1}) == {["deny", 2]}
	quorum_findings({"maxUnavailable": "50%"}) == {["deny", 2]}
	quorum_findings({"minAvailable": "33%"}) == {["deny", 2]}
	quorum_findings({"maxUnavailable": 1}) == set()
	quorum_findings({"minAvailable": 2}) == set()
	quorum_findings({"minAvailable": "34%"}) == set()
	quorum_findings({"maxUnavailable": "33%"}) == set()
}

test_ops005_budget_keeping_two_of_five_warns if {
	fs := fx.eval("production", [etcd_sts(5), pdb("etcd", {"minAvailable": 2}, {"app": "etcd"})])
	{[f.severity, f.params.disruptions] | some f in fs; f.rule == "ST2-OPS-005"} == {["warn", 3]}
}

test_ops005_recreate_only_for_ha_services if {
	fs := fx.eval("production", [deploy("st2api", 2, {"type": "Recreate"}), deploy("st2timersengine", 1, {"type": "Recreate"})])
	{[f.params.component, f.params.how] | some f in fs; f.rule == "ST2-OPS-005"} == {["st2api", "rollout (strategy Recreate)"]}
}

test_ops005_service_on_one_pod if {
	narrowed := svc("etcd", {"app": "etcd", "statefulset.kubernetes.io/pod-name": "etcd-0"})
	conf := cm("st2-config", {"st2.docker.conf": "[coordination]\nurl = etcd://etcd:2379\n"})
	{f.params.how | some f in fx.eval("production", [etcd_sts(3), narrowed, conf]); f.rule == "ST2-OPS-005"} == {"Service narrowed to one pod"}

	# The same Service under a name st2 does not use is someone's debugging aid.
	debug := object.union(narrowed, {"metadata": {"name": "etcd-0-debug"}})
	every f in fx.eval("production", [etcd_sts(3), debug, conf]) {
		f.rule != "ST2-OPS-005"
	}
}

# --- ST2-OPS-022..024 ----------------------------------------------------------------------------

test_ops022_quantities_against_the_bounds if {
	q := {"quantities": [
		{"resource": 0, "path": ["a"], "name": "cpu", "field": "requests", "value": 1000, "request": true},
		{"resource": 0, "path": ["b"], "name": "memory", "field": "limits", "value": 512, "request": false},
		{"resource": 0, "path": ["c"], "name": "cpu", "field": "limits", "value": 1000, "request": false},
		{"resource": 0, "path": ["d"], "name": "memory", "field": "requests", "value": 2199023255552, "request": true},
	]}
	fs := fx.eval_facts("production", [etcd_sts(1)], q)
	{[f.path[0], f.params.problem] | some f in fs; f.rule == "ST2-OPS-022"} == {
		["a", "more cores than any node has: the pod never schedules"],
		["b", "too little memory for any process to start"],
		["d", "more memory than any node has: the pod never schedules"],
	}
}

test_ops024_store_settings_table if {
	cases := [
		["etcd_quota", 4096, "below the floor: the NOSPACE alarm trips at once and every write fails"],
		["etcd_quota", -1, "a value the store refuses to start with"],
		["rabbitmq_watermark_absolute", 2, "below the floor: the memory alarm stays on and every publisher blocks"],
		["rabbitmq_watermark_relative", 0, "0: the memory alarm stays on and every publisher blocks"],
		["rabbitmq_watermark_relative", 4, "above 1: RabbitMQ may outgrow the node's memory and be killed"],
	]
	every c in cases {
		fs := fx.eval_facts("production", [etcd_sts(1)], {"store_settings": [{"resource": 0, "path": ["x"], "setting": c[0], "value": c[1]}]})
		{f.params.problem | some f in fs; f.rule == "ST2-OPS-024"} == {c[2]}
	}
	every c in [["etcd_quota", 0], ["etcd_quota", 4294967296], ["rabbitmq_watermark_absolute", 2000000000], ["rabbitmq_watermark_relative", 0.6]] {
		fs := fx.eval_facts("production", [etcd_sts(1)], {"store_settings": [{"resource": 0, "path": ["x"], "setting": c[0], "value": c[1]}]})
		every f in fs {
			f.rule != "ST2-OPS-024"
		}
	}
}

# The memory alarm must fire below the RabbitMQ container's limit (1Gi here): at or above it the
# kernel kills the node first. Each case: the settings beside the limit, and the problems.
test_ops024_watermark_headroom_table if {
	gi := 1073741824
	limit := {"resource": 0, "path": ["l"], "setting": "rabbitmq_memory_limit", "value": gi}
	cases := [
		[[["rabbitmq_watermark_absolute", gi]], true],
		[[["rabbitmq_watermark_absolute", 2 * gi]], true],
		[[["rabbitmq_watermark_absolute", gi - 1]], false],
		[[["rabbitmq_watermark_relative", 1]], true],
		[[["rabbitmq_watermark_relative", 0.9]], false],
		[[["rabbitmq_memory_override", gi]], false],
		[[["rabbitmq_memory_override", 3 * gi]], true],
		[[["rabbitmq_memory_override", 2 * gi], ["rabbitmq_watermark_relative", 0.5]], true],
		[[["rabbitmq_memory_override", gi / 2], ["rabbitmq_watermark_relative", 1]], false],
	]
	every c in cases {
		settings := [{"resource": 0, "path": ["x", i], "setting": s[0], "value": s[1]} | some i, s in c[0]]
		fs := fx.eval_facts("production", [etcd_sts(1)], {"store_settings": array.concat(settings, [limit])})
		denied := {f.params.problem | some f in fs; f.rule == "ST2-OPS-024"}
		(count(denied) > 0) == c[1]
	}
	# Without a limit there is no line to stay under.
	fs := fx.eval_facts("production", [etcd_sts(1)], {"store_settings": [{"resource": 0, "path": ["x"], "setting": "rabbitmq_watermark_absolute", "value": 8 * gi}]})
	every f in fs {
		f.rule != "ST2-OPS-024"
	}
}

test_ops023_from_the_chains if {
	chain := {"path": ["spec", "template", "spec", "containers", 0], "rbac": "on", "auth": "on", "rbac_file": "", "auth_file": "", "mask_api": "on", "mask_log": "on", "mask_api_file": "", "mask_log_file": ""}
	timers := deploy("st2timersengine", 1, {"type": "Recreate"})
	missing := {"st2_chains": {"0": [object.union(chain, {"missing_config": "/etc/st2/st2.user.cfg", "bad_timezone": null})]}}
	{f.params.file | some f in fx.eval_facts("production", [timers], missing); f.rule == "ST2-OPS-023"} == {"/etc/st2/st2.user.cfg"}
	tz := {"st2_chains": {"0": [object.union(chain, {"missing_config": "", "bad_timezone": {"file": "/etc/st2/st2.user.conf", "source": {"resource": 1, "path": ["data", "st2.user.conf"]}}})]}}
	{[f.resource, f.params.problem] | some f in fx.eval_facts("production", [timers, cm("st2-config", {})], tz); f.rule == "ST2-OPS-023"} == {[1, "unknown time zone"]}

	# Only the timers engine reads the time zone.
	api := deploy("st2api", 1, {"type": "RollingUpdate"})
	every f in fx.eval_facts("production", [api, cm("st2-config", {})], tz) {
		f.rule != "ST2-OPS-023"
	}
}
