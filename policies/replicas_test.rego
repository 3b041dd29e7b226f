package st2_test.replicas

import data.st2_test.fixtures as fx

finding(rule, severity, resource, path, params) := {"rule": rule, "severity": severity, "resource": resource, "path": path, "params": params}

idx(app) := fx.index_of(fx.baseline, "Deployment", concat("", ["st2-", app]))

sts_idx(app) := fx.index_of(fx.baseline, "StatefulSet", concat("", ["st2-", app]))

scaled(app, n) := fx.replace(fx.baseline, "Deployment", concat("", ["st2-", app]), fx.deployment(app, n))

scaled_sts(app, n) := fx.replace(fx.baseline, "StatefulSet", concat("", ["st2-", app]), fx.statefulset(app, n))

rules_of(fs) := {f.rule | some f in fs}

# A Deployment with container args.
with_args(d, args) := json.patch(d, [{"op": "add", "path": "/spec/template/spec/containers/0/args", "value": args}])

renamed(d, name) := json.patch(d, [{"op": "replace", "path": "/metadata/name", "value": name}])

# --- ST2-REP-001 ---------------------------------------------------------------------

test_rep001_denies_two_timers_engines_in_every_profile if {
	every profile in ["dev", "staging", "production"] {
		fs := fx.eval(profile, scaled("st2timersengine", 2))
		fs == {finding("ST2-REP-001", "deny", idx("st2timersengine"), ["spec", "replicas"], {"component": "st2timersengine", "replicas": 2, "kind": "Deployment"})}
	}
}

test_rep001_denies_zero_timers_engines if {
	fs := fx.eval("dev", scaled("st2timersengine", 0))
	fx.only(fs, "ST2-REP-001", "deny", idx("st2timersengine"))
	rules_of(fx.eval("production", scaled("st2timersengine", 0))) == {"ST2-REP-001", "ST2-REP-010"}
}

test_rep001_denies_two_timers_deployments if {
	extra := renamed(fx.deployment("st2timersengine", 1), "st2-st2timersengine-b")
	fs := fx.eval("production", fx.plus(fx.baseline, extra))
	{f.resource | some f in fs; f.rule == "ST2-REP-001"} == {idx("st2timersengine"), fx.next}
	{f.params.total | some f in fs} == {2}
	rules_of(fs) == {"ST2-REP-001"}
}

test_rep001_denies_timers_daemonset if {
	ds := json.patch(fx.deployment("st2timersengine", 1), [{"op": "replace", "path": "/kind", "value": "DaemonSet"}, {"op": "remove", "path": "/spec/replicas"}])
	fs := fx.eval("dev", fx.replace(fx.baseline, "Deployment", "st2-st2timersengine", ds))
	fs == {finding("ST2-REP-001", "deny", idx("st2timersengine"), ["kind"], {"component": "st2timersengine", "replicas": -1, "kind": "DaemonSet"})}
}

test_rep001_recognises_chart_resource_name_without_labels if {
	d := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "st2-st2timersengine-enterprise", "namespace": "st2"}, "spec": {"replicas": 3, "strategy": {"type": "Recreate"}, "template": {"spec": {"containers": [fx.container("t")]}}}}
	fs := fx.eval("dev", fx.replace(fx.baseline, "Deployment", "st2-st2timersengine", d))
	fx.only(fs, "ST2-REP-001", "deny", idx("st2timersengine"))
}

test_rep001_allows_one_timers_engine if {
	count(fx.eval("production", scaled("st2timersengine", 1))) == 0
}

test_rep001_allows_timers_engines_in_separate_namespaces if {
	other := json.patch(fx.deployment("st2timersengine", 1), [{"op": "replace", "path": "/metadata/namespace", "value": "st2-b"}])
	count(fx.eval("dev", fx.plus(fx.baseline, other))) == 0
}

# --- ST2-REP-002 / 003 -------------------------------------------------------------------

test_rep002_denies_two_sensor_replicas_even_when_partitioned if {
	d := with_args(fx.deployment("st2sensorcontainer", 2), ["--single-sensor-mode", "--sensor-ref=examples.SamplePollingSensor"])
	fs := fx.eval("dev", fx.replace(fx.baseline, "Deployment", "st2-st2sensorcontainer", d))
	fs == {finding("ST2-REP-002", "deny", idx("st2sensorcontainer"), ["spec", "replicas"], {"component": "st2sensorcontainer", "replicas": 2, "kind": "Deployment"})}
}

test_rep002_allows_one_sensor_replica if {
	count(fx.eval("production", scaled("st2sensorcontainer", 1))) == 0
}

second_sensor := renamed(fx.deployment("st2sensorcontainer-pack2", 1), "st2-st2sensorcontainer-pack2")

test_rep003_denies_two_unpartitioned_sensor_deployments if {
	fs := fx.eval("production", fx.plus(fx.baseline, second_sensor))
	fs == {
		finding("ST2-REP-003", "deny", idx("st2sensorcontainer"), ["metadata", "name"], {"component": "st2sensorcontainer", "deployments": 2}),
		finding("ST2-REP-003", "deny", fx.next, ["metadata", "name"], {"component": "st2sensorcontainer-pack2", "deployments": 2}),
	}
}

test_rep003_counts_sensor_deployments_per_namespace if {
	elsewhere := json.patch(second_sensor, [{"op": "replace", "path": "/metadata/namespace", "value": "other"}])
	count(fx.eval("production", fx.plus(fx.baseline, elsewhere))) == 0
}

test_rep003_flags_only_the_unpartitioned_one if {
	fs := fx.eval("production", fx.plus(fx.baseline, with_args(second_sensor, ["--single-sensor-mode", "--sensor-ref=pack2.Sensor"])))
	{f.resource | some f in fs} == {idx("st2sensorcontainer")}
}

test_rep003_allows_partitioned_by_args if {
	first := with_args(fx.deployment("st2sensorcontainer", 1), ["--single-sensor-mode", "--sensor-ref=pack1.Sensor"])
	resources := fx.plus(fx.replace(fx.baseline, "Deployment", "st2-st2sensorcontainer", first), with_args(second_sensor, ["--sensor-ref=pack2.Sensor"]))
	count(fx.eval("production", resources)) == 0
}

# A partition_provider partitions only workloads reading configs of their own
# (each its own hash_ranges or sensor_node_name).
test_rep003_allows_partitioned_by_config if {
	conf := "[sensorcontainer]\npartition_provider = name:hash, hash_ranges:0..1024\n"
	first := mount(fx.deployment("st2sensorcontainer", 1), "st2-sensors-a")
	own := mount(second_sensor, "st2-sensors-b")
	conf_b := "[sensorcontainer]\npartition_provider = name:hash, hash_ranges:1024..4294967296\n"
	resources := array.concat(fx.replace(fx.baseline, "Deployment", "st2-st2sensorcontainer", first), [own, fx.config_map("st2-sensors-a", {"st2.conf": conf}), fx.config_map("st2-sensors-b", {"st2.conf": conf_b})])
	same_values := array.concat(fx.replace(fx.baseline, "Deployment", "st2-st2sensorcontainer", first), [own, fx.config_map("st2-sensors-a", {"st2.conf": conf}), fx.config_map("st2-sensors-b", {"st2.conf": concat("", ["# copy\n", conf])})])
	"ST2-REP-003" in {f.rule | some f in fx.eval("production", same_values)}
	count(fx.eval("production", resources)) == 0

	# The second one reads the first one's partition: the same sensors twice.
	same := mount(second_sensor, "st2-sensors-a")
	shared := array.concat(fx.replace(fx.baseline, "Deployment", "st2-st2sensorcontainer", first), [same, fx.config_map("st2-sensors-a", {"st2.conf": conf})])
	"ST2-REP-003" in {f.rule | some f in fx.eval("production", shared)}
}

mount(d, cm) := json.patch(d, [{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "c", "configMap": {"name": cm}}]}])

# The sensor-mode annotation alone is a claim, not a partition, and so is an
# env var st2 never reads (ST2_SENSOR_REF): both Deployments are denied.
test_rep003_annotation_alone_is_not_partitioning if {
	annotated := json.patch(second_sensor, [{"op": "add", "path": "/spec/template/metadata/annotations", "value": {"stackstorm/sensor-mode": "multiple-sensors-per-pod"}}])
	first := json.patch(fx.deployment("st2sensorcontainer", 1), [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": [{"name": "ST2_SENSOR_REF", "value": "pack1.Sensor"}]}])
	resources := fx.plus(fx.replace(fx.baseline, "Deployment", "st2-st2sensorcontainer", first), annotated)
	{f.resource | some f in fx.eval("production", resources); f.rule == "ST2-REP-003"} == {idx("st2sensorcontainer"), fx.next}
}

test_rep003_allows_partitioning_fact if {
	count(fx.eval_facts("production", fx.plus(fx.baseline, second_sensor), {"secret_values": [], "sensor_partitioning": true})) == 0
}

# --- ST2-REP-004 --------------------------------------------------------------------------

# st2's ha.rst: several garbage collectors "will not yield much benefit, but will not do any harm".
test_rep004_only_warns_on_two_garbage_collectors if {
	every env in ["production", "staging", "dev"] {
		fs := fx.eval(env, scaled("st2garbagecollector", 2))
		fs == {finding("ST2-REP-004", "warn", idx("st2garbagecollector"), ["spec", "replicas"], {"component": "st2garbagecollector", "replicas": 2, "kind": "Deployment"})}
	}
	gc_cron := json.patch(fx.deployment("st2garbagecollector", 1), [{"op": "replace", "path": "/metadata/name", "value": "gc-nightly"}])
	two := fx.eval("production", fx.plus(fx.baseline, gc_cron))
	rules_of(two) == {"ST2-REP-004"}
	every f in two {
		f.severity == "warn"
	}
}

test_rep004_denies_two_clients_warns_in_dev if {
	fx.only(fx.eval("staging", scaled("st2client", 2)), "ST2-REP-004", "deny", idx("st2client"))
	fx.only(fx.eval("dev", scaled("st2client", 3)), "ST2-REP-004", "warn", idx("st2client"))
}

test_rep004_denies_two_chatops if {
	fs := fx.eval("production", fx.plus(fx.baseline, fx.deployment("st2chatops", 2)))
	fx.only(fs, "ST2-REP-004", "deny", fx.next)
}

test_rep004_allows_one if {
	count(fx.eval("production", fx.plus(fx.baseline, fx.deployment("st2chatops", 1)))) == 0
}

# --- ST2-REP-005 ---------------------------------------------------------------------------

test_rep005_denies_single_active_active_service_in_production if {
	every app in ["st2web", "st2auth", "st2api", "st2stream", "st2rulesengine", "st2workflowengine", "st2notifier"] {
		fs := fx.eval("production", scaled(app, 1))
		fs == {finding("ST2-REP-005", "deny", idx(app), ["spec", "replicas"], {"component": app, "replicas": 1, "kind": "Deployment", "total": 1})}
	}
}

test_rep005_warns_in_staging_silent_in_dev if {
	fx.only(fx.eval("staging", scaled("st2api", 1)), "ST2-REP-005", "warn", idx("st2api"))
	count(fx.eval("dev", scaled("st2api", 1))) == 0
}

test_rep005_counts_replicas_across_deployments if {
	second := renamed(fx.deployment("st2api", 1), "st2-st2api-b")
	count(fx.eval("production", fx.plus(scaled("st2api", 1), second))) == 0
}

test_rep005_allows_two if {
	count(fx.eval("production", scaled("st2stream", 2))) == 0
}

# --- ST2-REP-006 ---------------------------------------------------------------------------

with_conf(conf) := fx.replace(fx.baseline, "ConfigMap", "st2-config", fx.config_map("st2-config", {"st2.docker.conf": conf}))

rep006(app, n) := finding("ST2-REP-006", "deny", idx(app), ["spec", "replicas"], {"component": app, "replicas": n, "kind": "Deployment", "total": n})

test_rep006_denies_without_coordination_config if {
	fs := fx.eval("dev", with_conf("[messaging]\nurl = amqp://st2:pw-generated@mq:5672\n"))
	fs == {rep006("st2notifier", 2), rep006("st2actionrunner", 2), rep006("st2scheduler", 2), rep006("st2workflowengine", 2)}
}

test_rep006_denies_commented_out_url if {
	fs := fx.eval("production", with_conf("[coordination]\n# url = redis://st2-redis:6379\n\n[messaging]\nurl = amqp://x@mq\n"))
	rules_of(fs) == {"ST2-REP-006"}
}

test_rep006_denies_url_in_another_section if {
	fs := fx.eval("production", with_conf("[coordination]\nlock_timeout = 30\n[messaging]\nurl = redis://mq:6379\n"))
	rules_of(fs) == {"ST2-REP-006"}
}

test_rep006_denies_when_backend_not_in_render if {
	fs := fx.eval("production", with_conf("[coordination]\nurl = etcd3+http://st2-etcd:2379\n"))
	rules_of(fs) == {"ST2-REP-006"}
}

test_rep006_allows_etcd_backend_in_render if {
	resources := fx.plus(fx.plus(with_conf("[coordination]\nurl = etcd3+http://st2-etcd:2379\n"), fx.statefulset("etcd", 3)), fx.pdb("etcd"))
	count(fx.eval("production", resources)) == 0
}

test_rep006_allows_config_in_secret_string_data if {
	resources := fx.plus(with_conf("[messaging]\nurl = amqp://x@mq\n"), fx.secret_string_data("st2-secrets-conf", {"st2.secrets.conf": "[coordination]\nurl = redis://:pw@st2-redis:6379\n"}))
	count(fx.eval("production", resources)) == 0
}

test_rep006_allows_single_replicas_without_coordination if {
	r1 := fx.replace(with_conf("[api]\nallow_origin = *\n"), "Deployment", "st2-st2notifier", fx.deployment("st2notifier", 1))
	r2 := fx.replace(r1, "Deployment", "st2-st2actionrunner", fx.deployment("st2actionrunner", 1))
	r3 := fx.replace(r2, "Deployment", "st2-st2scheduler", fx.deployment("st2scheduler", 1))
	r4 := fx.replace(r3, "Deployment", "st2-st2workflowengine", fx.deployment("st2workflowengine", 1))
	count(fx.eval("dev", r4)) == 0
}

# The url as oslo.config reads each text comes as a fact (src/policy/st2-option-values.ts): a "#"
# line holding "[" or a second url line hides nothing. The regex reading stays for texts without one.
test_rep006_reads_the_oslo_fact_before_any_pattern if {
	cases := [
		# [text, scheme the fact gives, rules]
		["[coordination]\n# [temp] local\nurl = zake://\n", ["zake"], {"ST2-REP-006"}],
		["[coordination]\nurl = etcd://etcd:2379\nurl = file:///tmp/l\n", ["file"], {"ST2-REP-006"}],
		["[coordination]\n# [x]\nurl =\n", [""], {"ST2-REP-006"}],
		# The pattern reads zake first here, oslo the last url: etcd, deployed.
		["[coordination]\nurl = zake://\nurl = etcd://etcd:2379\n", ["etcd"], set()],
		["[coordination]\n# [note] same backend\nurl = etcd://etcd:2379\n", ["etcd"], set()],
		["[coordination]\nurl =\nurl = etcd://etcd:2379\n", ["etcd"], set()],
	]
	every c in cases {
		resources := fx.plus(fx.plus(with_conf(c[0]), fx.statefulset("etcd", 3)), fx.pdb("etcd"))
		facts := object.union(fx.no_facts, {"st2_coordination_schemes": {c[0]: c[1]}})
		{f.rule | some f in fx.eval_facts("production", resources, facts); f.rule == "ST2-REP-006"} == c[2]
	}
}

# A text whose url every process reading it overrides with a later file's shared backend (the
# settled fact of src/policy/st2-chains.ts) is not used: judged by what the processes end with.
test_rep006_skips_a_url_every_reader_overrides if {
	text := "[coordination]\nurl = zake://\n"
	later := "[coordination]\nurl = etcd://etcd:2379\n"
	confs := fx.replace(fx.baseline, "ConfigMap", "st2-config", fx.config_map("st2-config", {"st2.docker.conf": text, "st2.user.conf": later}))
	base := fx.plus(fx.plus(confs, fx.statefulset("etcd", 3)), fx.pdb("etcd"))
	i := [k | some k, r in base; r.kind == "ConfigMap"; r.metadata.name == "st2-config"][0]
	settled := {"resource": i, "path": ["data", "st2.docker.conf"], "section": "coordination"}
	copy := fx.plus(base, fx.config_map("st2-copy", {"st2.conf": text}))
	cases := [
		# [resources, settled facts, rules]
		[base, [settled], set()],
		[base, [], {"ST2-REP-006"}],
		# Settled for another section only.
		[base, [object.union(settled, {"section": "rbac"})], {"ST2-REP-006"}],
		# The same text elsewhere, not settled there.
		[copy, [settled], {"ST2-REP-006"}],
	]
	every c in cases {
		facts := object.union(fx.no_facts, {"st2_coordination_schemes": {text: ["zake"], later: ["etcd"]}, "st2_config_settled": c[1]})
		{f.rule | some f in fx.eval_facts("production", c[0], facts); f.rule == "ST2-REP-006"} == c[2]
	}
}

# --- ST2-REP-005 / 011: st2scheduler ---------------------------------------------------------

test_rep005_denies_single_scheduler_in_production if {
	fx.only(fx.eval("production", scaled("st2scheduler", 1)), "ST2-REP-005", "deny", idx("st2scheduler"))
}

test_rep011_denies_runners_without_scheduler_in_every_profile if {
	r := fx.without(fx.without(fx.baseline, "Deployment", "st2-st2scheduler"), "PodDisruptionBudget", "st2-st2scheduler")
	every profile in ["dev", "staging", "production"] {
		fs := fx.eval(profile, r)
		rules_of(fs) == {"ST2-REP-011"}
		some f in fs
		f.params == {"component": "st2actionrunner", "namespace": "st2"}
	}
}

test_rep011_denies_scheduler_scaled_to_zero if {
	"ST2-REP-011" in rules_of(fx.eval("dev", scaled("st2scheduler", 0)))
}

# --- ST2-REP-012: etcd:// and the etcd it needs ----------------------------------------------

# Parallel as the base's: started one by one behind /health, etcd never forms (ST2-REP-014).
etcd_sts(image, args, probe_path) := json.patch(fx.statefulset("etcd", 3), [
	{"op": "add", "path": "/spec/podManagementPolicy", "value": "Parallel"},
	{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": image},
	{"op": "add", "path": "/spec/template/spec/containers/0/args", "value": args},
	{"op": "add", "path": "/spec/template/spec/containers/0/readinessProbe", "value": {"httpGet": {"path": probe_path, "port": 2379}}},
])

with_etcd(etcd) := fx.plus(fx.plus(with_conf("[coordination]\nurl = etcd://etcd:2379\n"), etcd), fx.pdb("etcd"))

etcd_idx := count(with_conf(""))

# Whether the member serves v2 is src/policy/etcd-server.ts's reading (store_ha etcd_v2 facts).
v2_fact(value) := {"secret_values": [], "store_ha": [{"resource": etcd_idx, "path": ["spec", "template", "spec", "containers", 0], "store": "etcd", "setting": "etcd_v2", "value": value, "capacity": 0}]}

test_rep012_allows_etcd_35_with_v2_probed_on_health if {
	count(fx.eval_facts("production", with_etcd(etcd_sts("bitnamilegacy/etcd:3.5.17", ["--enable-v2=true"], "/health")), v2_fact(1))) == 0
}

test_rep012_allows_a_client_of_etcd if {
	# etcdctl in the etcd image gets no fact: a client, not a member.
	count(fx.eval_facts("production", with_etcd(etcd_sts("bitnamilegacy/etcd:3.5.17", [], "/health")), fx.no_facts)) == 0
}

test_rep012_denies_etcd_without_v2 if {
	fs := fx.of_rule(fx.eval_facts("dev", with_etcd(etcd_sts("bitnamilegacy/etcd:3.6.4", ["--enable-v2=true"], "/health")), v2_fact(0)), "ST2-REP-012")
	count(fs) == 1
	some f in fs
	f.resource == etcd_idx
	f.path == ["spec", "template", "spec", "containers", 0, "image"]
}

test_rep012_denies_livez_readyz_probes_with_v2_on if {
	every path in ["/readyz", "/livez?verbose"] {
		fs := fx.eval_facts("dev", with_etcd(etcd_sts("bitnamilegacy/etcd:3.5.17", ["--enable-v2=true"], path)), v2_fact(1))
		rules_of(fs) == {"ST2-REP-012"}
		some f in fs
		f.path == ["spec", "template", "spec", "containers", 0, "readinessProbe", "httpGet", "path"]
	}
}

test_rep012_ignores_other_schemes if {
	resources := fx.plus(fx.plus(with_conf("[coordination]\nurl = etcd3+http://etcd:2379\n"), fx.statefulset("etcd", 3)), fx.pdb("etcd"))
	not "ST2-REP-012" in rules_of(fx.eval("production", resources))
}

# --- ST2-REP-007 / 008 ----------------------------------------------------------------------

test_rep007_denies_even_or_small_mongodb_in_production if {
	every n in [1, 2, 4] {
		fs := fx.eval("production", scaled_sts("mongodb", n))
		fs == {finding("ST2-REP-007", "deny", sts_idx("mongodb"), ["spec", "replicas"], {"component": "mongodb", "replicas": n, "kind": "StatefulSet", "role": "mongodb", "minimum": 3, "odd": true})}
	}
}

test_rep007_allows_five_mongodb if {
	count(fx.eval("production", scaled_sts("mongodb", 5))) == 0
}

test_rep007_denies_small_rabbitmq_allows_four if {
	fx.only(fx.eval("production", scaled_sts("rabbitmq", 2)), "ST2-REP-007", "deny", sts_idx("rabbitmq"))
	count(fx.eval("production", scaled_sts("rabbitmq", 4))) == 0
}

test_rep007_denies_single_etcd_warns_in_staging if {
	etcd := fx.deployment("etcd", 1)
	fx.only(fx.eval("production", fx.plus(fx.baseline, etcd)), "ST2-REP-007", "deny", fx.next)
	fx.only(fx.eval("staging", fx.plus(fx.baseline, etcd)), "ST2-REP-007", "warn", fx.next)
	count(fx.eval("dev", fx.plus(fx.baseline, etcd))) == 0
}

test_rep008_denies_scaled_etcd_and_mongodb_deployments if {
	every app in ["etcd", "mongodb"] {
		fs := fx.eval("dev", fx.plus(fx.baseline, renamed(fx.deployment(app, 3), "db")))
		fs == {finding("ST2-REP-008", "deny", fx.next, ["spec", "replicas"], {"component": app, "replicas": 3, "kind": "Deployment", "role": app})}
	}
}

test_rep008_allows_statefulset if {
	count(fx.eval("dev", fx.plus(fx.baseline, fx.statefulset("etcd", 3)))) == 0
}

# --- ST2-REP-009 ----------------------------------------------------------------------------

hpa(kind, name) := {
	"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
	"metadata": {"name": concat("", [name, "-hpa"]), "namespace": "st2"},
	"spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": kind, "name": name}, "minReplicas": 2, "maxReplicas": 5},
}

test_rep009_denies_hpa_on_timers_engine if {
	fs := fx.eval("dev", fx.plus(fx.baseline, hpa("Deployment", "st2-st2timersengine")))
	fs == {finding("ST2-REP-009", "deny", fx.next, ["spec", "scaleTargetRef", "name"], {"target": "st2-st2timersengine", "target_kind": "Deployment", "component": "st2timersengine", "scaler": "HorizontalPodAutoscaler"})}
}

test_rep009_denies_hpa_on_each_singleton if {
	every app in ["st2sensorcontainer", "st2client"] {
		fx.only(fx.eval("dev", fx.plus(fx.baseline, hpa("Deployment", concat("", ["st2-", app])))), "ST2-REP-009", "deny", fx.next)
	}

	# Scaling the garbage collector out does no harm: a warning.
	fx.only(fx.eval("production", fx.plus(fx.baseline, hpa("Deployment", "st2-st2garbagecollector"))), "ST2-REP-009", "warn", fx.next)
}

# An autoscaler held at one replica (min = max = 1) cannot scale the singleton: allowed.
# Any other bound, a scale-to-zero idle count or KEDA's default ceiling still scales it.
test_rep009_allows_a_scaler_pinned_to_one if {
	pinned := json.patch(hpa("Deployment", "st2-st2timersengine"), [{"op": "replace", "path": "/spec/minReplicas", "value": 1}, {"op": "replace", "path": "/spec/maxReplicas", "value": 1}])
	count(fx.eval("production", fx.plus(fx.baseline, pinned))) == 0
	to_two := json.patch(pinned, [{"op": "replace", "path": "/spec/maxReplicas", "value": 2}])
	fx.only(fx.eval("production", fx.plus(fx.baseline, to_two)), "ST2-REP-009", "deny", fx.next)
	keda_default := keda("st2-st2timersengine", {"minReplicaCount": 1})
	fx.only(fx.eval("production", fx.plus(fx.baseline, keda_default)), "ST2-REP-009", "deny", fx.next)
	keda_idle := keda("st2-st2timersengine", {"minReplicaCount": 1, "maxReplicaCount": 1, "idleReplicaCount": 0})
	"ST2-REP-009" in rules_of(fx.eval("production", fx.plus(fx.baseline, keda_idle)))
}

test_rep009_denies_hpa_on_singleton_named_but_not_rendered if {
	fx.only(fx.eval("production", fx.plus(fx.baseline, hpa("Deployment", "st2sensorcontainer-pack9"))), "ST2-REP-009", "deny", fx.next)
}

# (These rename the garbage collector "gc", so they judge in staging: in
# production the rename itself is ST2-OPS-017 with the fixtures' singleton_names.
# On the garbage collector ST2-REP-009 warns: the target is found all the same.)
test_rep009_resolves_target_by_labels if {
	d := renamed(fx.deployment("st2garbagecollector", 1), "gc")
	resources := fx.plus(fx.replace(fx.baseline, "Deployment", "st2-st2garbagecollector", d), hpa("Deployment", "gc"))
	fx.only(fx.eval("staging", resources), "ST2-REP-009", "warn", fx.next)
	rules_of(fx.eval("production", resources)) == {"ST2-REP-009", "ST2-OPS-017"}
}

test_rep009_target_must_match_namespace_and_kind if {
	d := renamed(fx.deployment("st2garbagecollector", 1), "gc")
	resources := fx.replace(fx.baseline, "Deployment", "st2-st2garbagecollector", d)
	other_ns := json.patch(hpa("Deployment", "gc"), [{"op": "replace", "path": "/metadata/namespace", "value": "other"}])
	count(fx.eval("staging", fx.plus(resources, other_ns))) == 0
	count(fx.eval("staging", fx.plus(resources, hpa("StatefulSet", "gc")))) == 0
}

# A scaler without a target kind is read as KEDA does (Deployment): fail closed.
test_rep009_target_without_kind_is_a_deployment if {
	d := renamed(fx.deployment("st2garbagecollector", 1), "gc")
	resources := fx.replace(fx.baseline, "Deployment", "st2-st2garbagecollector", d)
	no_kind := json.patch(hpa("Deployment", "gc"), [{"op": "remove", "path": "/spec/scaleTargetRef/kind"}])
	fx.only(fx.eval("staging", fx.plus(resources, no_kind)), "ST2-REP-009", "warn", fx.next)
}

keda(name, spec) := {
	"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject",
	"metadata": {"name": concat("", [name, "-keda"]), "namespace": "st2"},
	"spec": object.union({"scaleTargetRef": {"name": name}}, spec),
}

test_rep009_denies_keda_on_a_singleton if {
	fx.only(fx.eval("dev", fx.plus(fx.baseline, keda("st2-st2timersengine", {"maxReplicaCount": 3}))), "ST2-REP-009", "deny", fx.next)
}

test_rep005_keda_scales_active_active_to_zero_by_default if {
	fx.only(fx.eval("production", fx.plus(fx.baseline, keda("st2-st2api", {}))), "ST2-REP-005", "deny", fx.next)
	count(fx.eval("production", fx.plus(fx.baseline, keda("st2-st2api", {"minReplicaCount": 2})))) == 0
}

test_rep005_hpa_min_below_the_ha_floor if {
	low := json.patch(hpa("Deployment", "st2-st2api"), [{"op": "replace", "path": "/spec/minReplicas", "value": 1}])
	fx.only(fx.eval("production", fx.plus(fx.baseline, low)), "ST2-REP-005", "deny", fx.next)
	no_min := json.patch(hpa("Deployment", "st2-st2api"), [{"op": "remove", "path": "/spec/minReplicas"}])
	fx.only(fx.eval("production", fx.plus(fx.baseline, no_min)), "ST2-REP-005", "deny", fx.next)
}

test_rollout_is_a_workload if {
	rollout := {
		"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "metadata": {"name": "timers-canary", "namespace": "st2"},
		"spec": {"replicas": 2, "template": {"metadata": {"labels": {"app": "canary"}}, "spec": {"containers": [fx.container("x")]}}},
	}
	r := json.patch(rollout, [{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "stackstorm/st2timersengine:3.8.1"}])
	"ST2-REP-001" in {f.rule | some f in fx.eval("dev", fx.plus(fx.baseline, r))}
}

test_rep009_allows_hpa_on_active_active_service if {
	count(fx.eval("production", fx.plus(fx.baseline, hpa("Deployment", "st2-st2api")))) == 0
}

# --- ST2-REP-010 ----------------------------------------------------------------------------

test_rep010_denies_zero_replicas_in_production if {
	d := renamed(fx.deployment("docs", 0), "docs")
	fs := fx.eval("production", fx.plus(fx.baseline, d))
	fs == {finding("ST2-REP-010", "deny", fx.next, ["spec", "replicas"], {"kind": "Deployment", "name": "docs"})}
	fx.only(fx.eval("staging", fx.plus(fx.baseline, d)), "ST2-REP-010", "warn", fx.next)
	count(fx.eval("dev", fx.plus(fx.baseline, d))) == 0
}

test_rep010_allows_st2client_at_zero if {
	count(fx.eval("production", scaled("st2client", 0))) == 0
}

test_rep010_denies_sensors_at_zero if {
	"ST2-REP-010" in rules_of(fx.eval("production", scaled("st2sensorcontainer", 0)))
}

test_rep010_allows_absent_replicas if {
	d := json.patch(renamed(fx.deployment("docs", 0), "docs"), [{"op": "remove", "path": "/spec/replicas"}])
	count(fx.eval("production", fx.plus(fx.baseline, d))) == 0
}

test_rep006_allows_zookeeper_backend_in_render if {
	resources := fx.plus(fx.plus(with_conf("[coordination]\nurl = kazoo://st2-zookeeper:2181\n"), fx.statefulset("zookeeper", 3)), fx.pdb("zookeeper"))
	count(fx.eval("production", resources)) == 0
}

# --- singletons never overlap during a rollout -----------------------------------------------

test_rep001_denies_a_timers_deployment_that_surges if {
	surging := json.patch(fx.deployment("st2timersengine", 1), [{"op": "remove", "path": "/spec/strategy"}])
	fx.only(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2timersengine", surging)), "ST2-REP-001", "deny", idx("st2timersengine"))
	explicit := json.patch(fx.deployment("st2timersengine", 1), [{"op": "replace", "path": "/spec/strategy", "value": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "100%", "maxUnavailable": 0}}}])
	fx.only(fx.eval("dev", fx.replace(fx.baseline, "Deployment", "st2-st2timersengine", explicit)), "ST2-REP-001", "deny", idx("st2timersengine"))
}

# maxSurge 0 does not wait for the old pod to stop: the new one starts while the old one
# is still Terminating. Only Recreate (or a StatefulSet) never runs two.
test_rep001_denies_a_rolling_update_without_surge if {
	every s in [{"maxSurge": 0, "maxUnavailable": 1}, {"maxSurge": "0%", "maxUnavailable": "100%"}, {"maxSurge": "0"}] {
		d := json.patch(fx.deployment("st2timersengine", 1), [{"op": "replace", "path": "/spec/strategy", "value": {"type": "RollingUpdate", "rollingUpdate": s}}])
		fx.only(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2timersengine", d)), "ST2-REP-001", "deny", idx("st2timersengine"))
	}
	recreate := json.patch(fx.deployment("st2timersengine", 1), [{"op": "replace", "path": "/spec/strategy", "value": {"type": "Recreate"}}])
	count(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2timersengine", recreate))) == 0
}

as_rollout(strategy) := json.patch(fx.deployment("st2timersengine", 1), [
	{"op": "replace", "path": "/kind", "value": "Rollout"},
	{"op": "replace", "path": "/apiVersion", "value": "argoproj.io/v1alpha1"},
	{"op": "replace", "path": "/spec/strategy", "value": strategy},
])

test_rep001_denies_timers_rollouts_that_run_two if {
	fx.only(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2timersengine", as_rollout({"canary": {"steps": [{"setWeight": 50}]}}))), "ST2-REP-001", "deny", idx("st2timersengine"))
	fx.only(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2timersengine", as_rollout({"blueGreen": {"activeService": "t"}}))), "ST2-REP-001", "deny", idx("st2timersengine"))
	fx.only(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2timersengine", as_rollout({"canary": {"maxSurge": 0, "maxUnavailable": 1}}))), "ST2-REP-001", "deny", idx("st2timersengine"))
}

# scheme_family reads etcd schemes without a regular expression: the same answer as the pattern it replaced.
test_scheme_family_etcd_as_the_pattern if {
	every s in ["etcd", "etcd3", "etcd33", "etcd3+http", "etcd3+https", "etcd+https", "etcd3+httpx", "etcd3+", "etcdx", "etcd3+http+https", "etcd3https", "etc", "etcd+http3", "etcd0+http"] {
		regex.match(`^etcd[0-9]*(\+https?)?$`, s) == etcd_family(s)
	}
}

etcd_family(s) if data.st2.replicas.scheme_family(s) == "etcd"

else := false

# --- ST2-REP-011: the Namespace object the repository renders --------------------------------

namespace_missing(profile, resources) := {f.params.namespace |
	some f in data.st2.findings with input as {"profile": profile, "environment": profile, "namespace": fx.ns, "resources": resources, "facts": fx.no_facts}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.namespace_objects as [fx.ns]
		with data.settings.environments.namespaces as {fx.ns: profile}
	f.rule == "ST2-REP-011"
	f.params.component == "Namespace"
}

test_a_rendered_namespace_dropped_from_staging_or_production_is_missing if {
	every profile in ["staging", "production"] {
		namespace_missing(profile, fx.baseline) == {fx.ns}
	}
}

test_a_rendered_namespace_kept_or_dev_passes if {
	with_ns := array.concat(fx.baseline, [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": fx.ns}}])
	count(namespace_missing("production", with_ns)) == 0
	count(namespace_missing("dev", fx.baseline)) == 0
}
