# The sixth red team's st2-config, singleton, HA-floor and waiver holes
# (test/policy/redteam/fresh6-config.ts): secret masking switched off, a
# second singleton started by a mounted script, MongoDB members without a
# replica set, a staging HA service pinned to one node, and waivers for
# rules that paperwork cannot make safe.
package st2_test.redteam6_cfg

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

patched(kind, name, ops) := fx.replace(fx.baseline, kind, name, json.patch(fx.base(kind, name), ops))

# --- Never waivable in production ----------------------------------------------------------

test_paperwork_rules_are_never_waivable_in_production if {
	every rule in ["ST2-REP-001", "ST2-EXP-007", "ST2-HRD-006", "ST2-HRD-005", "ST2-HRD-007"] {
		data.st2.rules[rule].waivable_in_production == false
	}

	# A capacity rule stays waivable.
	not data.st2.rules["ST2-HRD-002"].waivable_in_production
	object.get(data.st2.rules["ST2-HRD-002"], "waivable_in_production", true) == true
}

# --- ST2-HRD-008: secret masking off ------------------------------------------------------------

runner := fx.index_of(fx.baseline, "Deployment", "st2-st2actionrunner")

runner_path := ["spec", "template", "spec", "containers", 0]

chain(api, log) := {"st2_chains": {format_int(runner, 10): [{
	"path": runner_path,
	"rbac": "on", "auth": "on", "rbac_file": "", "auth_file": "",
	"mask_api": api, "mask_log": log,
	"mask_api_file": "/etc/st2/st2.user.conf", "mask_log_file": "/etc/st2/st2.user.conf",
}]}}

masking(profile, api, log) := {[f.severity, f.params.section] |
	some f in fx.eval_facts(profile, fx.baseline, chain(api, log))
	f.rule == "ST2-HRD-008"
}

test_hrd008_masking_table if {
	cases := [
		# [profile, [api, log], expected {[severity, section]}]
		["production", ["off", "unset"], {["deny", "api"]}],
		["production", ["unset", "off"], {["deny", "log"]}],
		["production", ["off", "off"], {["deny", "api"], ["deny", "log"]}],
		["staging", ["off", "on"], {["deny", "api"]}],
		["dev", ["off", "on"], {["warn", "api"]}],
		# st2's default is on; a file the gate cannot read is HRD-005's to judge.
		["production", ["unset", "unset"], set()],
		["production", ["on", "on"], set()],
		["production", ["unreadable", "unreadable"], set()],
	]
	every c in cases {
		masking(c[0], c[1][0], c[1][1]) == c[2]
	}
}

test_hrd008_names_the_file_not_a_value if {
	some f in fx.eval_facts("production", fx.baseline, chain("off", "on"))
	f.rule == "ST2-HRD-008"
	f.params == {"section": "api", "file": "/etc/st2/st2.user.conf"}
	f.path == runner_path
}

# --- A second singleton started by a mounted script -------------------------------------------------

maint := {
	"apiVersion": "apps/v1", "kind": "Deployment",
	"metadata": {"name": "st2-maint", "namespace": fx.ns},
	"spec": {"replicas": 1, "selector": {"matchLabels": {"app": "maint"}}, "template": {
		"metadata": {"labels": {"app": "maint"}},
		"spec": {"containers": [object.union(fx.container("st2actionrunner"), {"name": "maint", "command": ["sh", "/opt/start/run.sh"]})]},
	}},
}

script(text) := {"st2_scripts": {format_int(fx.next, 10): [{"path": runner_path, "text": text}]}}

script_rules(text) := rules_of(fx.eval_facts("production", fx.plus(fx.baseline, maint), script(text)))

test_script_roles_table if {
	cases := [
		["exec /opt/stackstorm/st2/bin/st2timersengine --config-file=/etc/st2/st2.conf", "ST2-REP-001"],
		["runpy.run_path('/opt/stackstorm/st2/bin/st2garbagecollector', run_name='__main__')", "ST2-REP-004"],
		["python -m st2reactor.cmd.timersengine", "ST2-REP-001"],
	]
	every c in cases {
		c[1] in script_rules(c[0])
	}
}

test_script_running_the_st2_client_only_passes if {
	script_rules("while true; do st2 execution list -n 20; sleep 300; done") == set()

	# Without the fact (a command the TypeScript side could not follow) nothing is read.
	count(fx.eval("production", fx.plus(fx.baseline, maint))) == 0
}

# --- ST2-OPS-005: MongoDB members without a replica set ----------------------------------------

mongo_idx := fx.index_of(fx.baseline, "StatefulSet", "st2-mongodb")

mongo(ops) := patched("StatefulSet", "st2-mongodb", ops)

args(a) := mongo([{"op": "replace", "path": "/spec/template/spec/containers/0/args", "value": a}])

replset_findings(profile, resources) := {[f.severity, f.params.how] |
	some f in fx.eval(profile, resources)
	f.rule == "ST2-OPS-005"
}

standalone := "standalone members without a replica set"

conf(text) := fx.plus(args(["-f", "/etc/mongod.conf", "--keyFile", "/k"]), fx.config_map("mongod-conf", {"mongod.conf": text}))

test_ops005_replica_set_table if {
	cases := [
		[args(["--keyFile", "/k", "--bind_ip_all"]), {["deny", standalone]}],
		[args(["--replSet", "rs0", "--keyFile", "/k"]), set()],
		[args(["--replSet=rs0", "--keyFile=/k"]), set()],
		[conf("net:\n  port: 27017\n"), {["deny", standalone]}],
		[conf("replication:\n  replSetName: rs0\n"), set()],
		[conf("{replication: {replSetName: rs0}}\n"), set()],
		# One member is no replica set to lose.
		[mongo([
			{"op": "replace", "path": "/spec/template/spec/containers/0/args", "value": ["--keyFile", "/k"]},
			{"op": "replace", "path": "/spec/replicas", "value": 1},
		]), set()],
	]
	every c in cases {
		replset_findings("production", c[0]) == c[1]
	}
	replset_findings("staging", args(["--keyFile", "/k"])) == {["deny", standalone]}
	replset_findings("dev", args(["--keyFile", "/k"])) == set()
}

test_ops005_bitnami_replica_set_mode_counts if {
	bitnami := mongo([
		{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "bitnamilegacy/mongodb:4.4.15"},
		{"op": "remove", "path": "/spec/template/spec/containers/0/args"},
		{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": [
			{"name": "MONGODB_REPLICA_SET_MODE", "value": "primary"},
			{"name": "MONGODB_ROOT_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "m", "key": "p"}}},
		]},
	])
	replset_findings("production", bitnami) == set()
}

# --- ST2-OPS-005 in staging: HA is HA there too -----------------------------------------------------

test_ops005_one_node_denies_in_staging_not_in_dev if {
	pin := patched("Deployment", "st2-st2api", [{"op": "add", "path": "/spec/template/spec/nodeSelector", "value": {"kubernetes.io/hostname": "node-a"}}])
	{f.severity | some f in fx.eval("staging", pin); f.rule == "ST2-OPS-005"} == {"deny"}
	{f.severity | some f in fx.eval("production", pin); f.rule == "ST2-OPS-005"} == {"deny"}
	count(fx.eval("dev", pin)) == 0
}

test_ops005_pod_quota_stays_a_warning_in_staging if {
	quota := {"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "q", "namespace": fx.ns}, "spec": {"hard": {"pods": "5"}}}
	{f.severity | some f in fx.eval("staging", fx.plus(fx.baseline, quota)); f.rule == "ST2-OPS-005"} == {"warn"}
}

# --- ST2-OPS-005: RabbitMQ queues mirrored and the policy loaded ------------------------------------

rmq_script(lines) := patched("StatefulSet", "st2-rabbitmq", [{"op": "replace", "path": "/spec/template/spec/initContainers/0/command/2", "value": concat("\n", lines)}])

mirroring(profile, resources) := {[f.severity, f.params.how] |
	some f in fx.eval(profile, resources)
	f.rule == "ST2-OPS-005"
}

defs_ha := `{"policies": [{"vhost": "/", "name": "ha", "pattern": "", "definition": {"ha-mode": "all", "ha-sync-mode": "automatic"}}]}`

defs_none := `{"policies": []}`

load_line := "load_definitions = /etc/rabbitmq/definitions.json"

mounted_defs(conf, defs) := fx.plus(patched("StatefulSet", "st2-rabbitmq", [
	{"op": "remove", "path": "/spec/template/spec/initContainers"},
	{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "cfg", "configMap": {"name": "rabbitmq-config"}}]},
]), fx.config_map("rabbitmq-config", {"rabbitmq.conf": conf, "definitions.json": defs}))

test_ops005_rabbitmq_mirroring_table if {
	not_mirrored := "queues not mirrored (no ha-mode policy)"
	not_loaded := "mirroring policy in definitions not loaded at boot"
	cases := [
		[fx.baseline, set()],
		[rmq_script(["cat > /etc/rabbitmq/definitions.json <<EOF", defs_none, "EOF"]), {["deny", not_mirrored]}],
		[rmq_script(["cat > /etc/rabbitmq/definitions.json <<EOF", defs_ha, "EOF"]), {["deny", not_loaded]}],
		[rmq_script(["rabbitmqctl set_policy ha '.*' '{\"ha-mode\":\"all\"}' --apply-to queues"]), set()],
		[mounted_defs(concat("\n", ["cluster_partition_handling = pause_minority", load_line]), defs_ha), set()],
		[mounted_defs(concat("\n", ["management.load_definitions = /etc/rabbitmq/definitions.json"]), defs_ha), set()],
		[mounted_defs("# load_definitions = /etc/rabbitmq/definitions.json\n", defs_ha), {["deny", not_loaded]}],
		[mounted_defs(load_line, `{"policies": [{"name": "ha", "definition": {"ha-mode": "none"}}]}`), {["deny", not_mirrored]}],
	]
	every c in cases {
		mirroring("production", c[0]) == c[1]
	}
	mirroring("staging", mounted_defs(load_line, defs_none)) == {["deny", not_mirrored]}
	mirroring("dev", mounted_defs(load_line, defs_none)) == set()
}

test_ops005_one_rabbitmq_node_needs_no_mirroring if {
	one := json.patch(fx.base("StatefulSet", "st2-rabbitmq"), [
		{"op": "replace", "path": "/spec/replicas", "value": 1},
		{"op": "remove", "path": "/spec/template/spec/initContainers"},
	])
	mirroring("production", fx.replace(fx.baseline, "StatefulSet", "st2-rabbitmq", one)) == set()
}

test_ops005_mirroring_judged_for_the_cluster_st2_uses if {
	bare := json.patch(fx.base("StatefulSet", "st2-rabbitmq"), [{"op": "remove", "path": "/spec/template/spec/initContainers"}])
	other := json.patch(bare, [{"op": "replace", "path": "/metadata/name", "value": "other-mq"}])

	# Another application's cluster, named by no st2 config: its own business.
	mirroring("production", fx.plus(fx.baseline, other)) == set()

	# st2's cluster reached through a Service that selects its pods.
	via_service := fx.plus(
		fx.replace(
			fx.replace(fx.baseline, "StatefulSet", "st2-rabbitmq", json.patch(bare, [{"op": "replace", "path": "/metadata/name", "value": "mq-members"}])),
			"ConfigMap", "st2-config",
			fx.config_map("st2-config", {"st2.docker.conf": "[messaging]\nurl = amqp://st2:pw@mq:5672\n"}),
		),
		fx.service("mq", "ClusterIP", {"app": "rabbitmq", "release": "st2"}),
	)
	{how | some [_, how] in mirroring("production", via_service)} == {"queues not mirrored (no ha-mode policy)"}
}

# --- ST2-OPS-007: st2web's upstreams in a mounted nginx config ---------------------------------------

web_with_conf(mount, conf) := fx.plus(patched("Deployment", "st2-st2web", [
	{"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts", "value": [mount]},
	{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "nginx", "configMap": {"name": "st2web-nginx"}}]},
]), fx.config_map("st2web-nginx", {"st2.conf": conf, "other.conf": "# nothing\n"}))

over_image := {"name": "nginx", "mountPath": "/etc/nginx/conf.d/st2.conf", "subPath": "st2.conf"}

nginx_hosts(resources) := {f.params.host | some f in fx.eval("production", resources); f.rule == "ST2-OPS-007"}

test_ops007_mounted_nginx_config_table if {
	cases := [
		["location /auth/ {\n  proxy_pass https://login.example.net/;\n}\n", {"login.example.net"}],
		["upstream st2api {\n  server 203.0.113.7:9101;\n}\nserver {\n  location /api/ { proxy_pass http://st2api; }\n}\n", {"203.0.113.7"}],
		["location /stream/ { proxy_pass http://st2stream.st2.svc.cluster.local:9102/; }\n", set()],
		["location /api/ { proxy_pass http://st2api:9101/; }\nlocation /auth/ { proxy_pass http://st2auth:9100/; }\n", set()],
		# The image's template filled in from env: judged on the env by the rule before.
		["location /auth/ { proxy_pass ${ST2_AUTH_URL}; }\n", set()],
	]
	every c in cases {
		nginx_hosts(web_with_conf(over_image, c[0])) == c[1]
	}

	# A directory mount brings every key in.
	nginx_hosts(web_with_conf({"name": "nginx", "mountPath": "/etc/nginx/conf.d"}, "location / { proxy_pass https://x.example.org; }\n")) == {"x.example.org"}

	# Mounted elsewhere, nginx does not read it.
	nginx_hosts(web_with_conf({"name": "nginx", "mountPath": "/opt/notes"}, "proxy_pass https://x.example.org;\n")) == set()
}
