package st2_test.lib

import data.st2.lib
import data.st2_test.fixtures as fx

# --- profile ---------------------------------------------------------------------

test_profile_dev_and_staging_are_kept if {
	lib.profile == "dev" with input as {"profile": "dev"}
	lib.profile == "staging" with input as {"profile": "staging"}
}

test_profile_unknown_or_missing_is_production if {
	lib.profile == "production" with input as {"profile": "qa"}
	lib.profile == "production" with input as {"resources": []}
	lib.profile == "production" with input as {"profile": "production"}
}

test_severities_by_profile if {
	lib.severity_strict == "warn" with input as {"profile": "dev"}
	lib.severity_strict == "deny" with input as {"profile": "staging"}
	lib.severity_production == "warn" with input as {"profile": "staging"}
	lib.severity_production == "deny" with input as {"profile": "production"}
	lib.severity_capacity == "warn" with input as {"profile": "staging"}
	lib.severity_capacity == "deny" with input as {"profile": "production"}
	not lib.severity_capacity with input as {"profile": "dev"}
}

# --- components and roles ------------------------------------------------------------

test_roles_from_chart_names if {
	lib.roles("st2timersengine") == {"st2timersengine"}
	lib.roles("st2-st2timersengine-enterprise") == {"st2timersengine"}
	lib.roles("st2sensorcontainer-pack1") == {"st2sensorcontainer"}
	lib.roles("st2-mongodb") == {"mongodb"}
	lib.roles("st2-prod-rabbitmq") == {"rabbitmq"}
	lib.roles("redis") == {"redis"}
}

test_roles_ignore_lookalikes_and_helpers if {
	lib.roles("st2apikey-load") == set()
	lib.roles("mongodb-arbiter") == set()
	lib.roles("redis-exporter") == set()
	lib.roles("mongo-express") == set()
	lib.roles("redis-commander") == set()
	lib.roles("etcd-browser") == set()
	lib.roles("") == set()
}

test_component_prefers_pod_app_label if {
	lib.component(fx.deployment("st2api", 2), {"app": "st2api"}) == "st2api"
	lib.component({"metadata": {"name": "x", "labels": {"app": "st2auth"}}}, {}) == "st2auth"
	lib.component({"metadata": {"name": "x", "labels": {"app.kubernetes.io/name": "st2web"}}}, {}) == "st2web"
	lib.component({"metadata": {"name": "st2-st2client"}}, {}) == "st2-st2client"
}

test_workloads_cover_every_pod_kind if {
	resources := [
		{"kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "x:1"}]}},
		{"kind": "CronJob", "metadata": {"name": "c"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "b", "image": "x:1"}]}}}}}},
		{"kind": "ConfigMap", "metadata": {"name": "cm"}},
	]
	ws := lib.workloads with input as {"resources": resources}
	ws[0].spec_path == ["spec"]
	ws[1].spec_path == ["spec", "jobTemplate", "spec", "template", "spec"]
	not ws[2]
	paths := {c.path | some c in lib.containers} with input as {"resources": resources}
	paths == {["spec", "containers", 0], ["spec", "jobTemplate", "spec", "template", "spec", "containers", 0]}
}

test_replicas_default_to_one if {
	lib.replicas({"kind": "Deployment", "spec": {}}) == 1
	lib.replicas({"kind": "StatefulSet", "spec": {"replicas": 3}}) == 3
	lib.replicas({"kind": "DaemonSet", "spec": {}}) == -1
	lib.replicas({"kind": "Pod", "spec": {}}) == 1
}

# --- selectors --------------------------------------------------------------------------

test_map_selects if {
	lib.map_selects({"app": "st2web"}, {"app": "st2web", "tier": "frontend"})
	not lib.map_selects({"app": "st2web", "tier": "x"}, {"app": "st2web"})
	not lib.map_selects({}, {"app": "st2web"})
}

test_label_selector_expressions if {
	labels := {"app": "st2api", "tier": "backend"}
	lib.label_selector_matches({"matchExpressions": [{"key": "app", "operator": "In", "values": ["st2api", "st2web"]}]}, labels)
	lib.label_selector_matches({"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["st2web"]}]}, labels)
	lib.label_selector_matches({"matchExpressions": [{"key": "zone", "operator": "NotIn", "values": ["a"]}]}, labels)
	lib.label_selector_matches({"matchExpressions": [{"key": "tier", "operator": "Exists"}]}, labels)
	lib.label_selector_matches({"matchExpressions": [{"key": "zone", "operator": "DoesNotExist"}]}, labels)
	not lib.label_selector_matches({"matchExpressions": [{"key": "app", "operator": "In", "values": ["st2web"]}]}, labels)
	not lib.label_selector_matches({"matchLabels": {"app": "st2web"}}, labels)
	lib.label_selector_matches({}, labels)
}

# --- text values --------------------------------------------------------------------------

test_text_values_decode_secret_data if {
	resources := [fx.secret_data("s", {"k": base64.encode("hello"), "bad": "%%%"})]
	texts := {v.text | some v in lib.text_values} with input as {"resources": resources}
	texts == {"hello"}
}

# --- the baseline ---------------------------------------------------------------------------

test_baseline_is_clean_in_every_profile if {
	count(fx.eval("production", fx.baseline)) == 0
	count(fx.eval("staging", fx.baseline)) == 0
	count(fx.eval("dev", fx.baseline)) == 0
}

# --- indexes -------------------------------------------------------------------------------

test_resources_by_kind_groups_in_one_pass if {
	resources := [{"kind": "Service", "metadata": {"name": "a"}}, "not-an-object", {"kind": "Pod"}, {"kind": "Service", "metadata": {"name": "b"}}]
	by_kind := lib.resources_by_kind with input as {"resources": resources}
	by_kind == {"Service": {0: resources[0], 3: resources[3]}, "Pod": {2: resources[2]}}
	lib.resources_of_kind("Secret") == {} with input as {"resources": resources}
}

test_index_pair_is_the_smallest_key if {
	lib.index_pair({"release": "st2", "app": "st2web"}) == ["app", "st2web"]
	lib.index_pair({"tier": "backend"}) == ["tier", "backend"]
	lib.index_pair({}) == null
	lib.index_pair(null) == null
	lib.index_pair(["app"]) == null
}

test_pod_index_pairs_include_null if {
	lib.pod_index_pairs({"app": "st2web", "tier": "frontend"}) == {["app", "st2web"], ["tier", "frontend"], null}
	lib.pod_index_pairs({}) == {null}
}

test_text_values_are_searched_once_per_distinct_text if {
	conf := "[api]\nallow_origin = *\n"
	resources := [
		fx.config_map("a", {"st2.conf": conf}),
		fx.config_map("b", {"st2.conf": conf, "other": "hello"}),
		fx.secret_string_data("c", {"st2.user.conf": conf}),
	]
	count(lib.text_values) == 4 with input as {"resources": resources}
	lib.distinct_texts == {conf, "hello"} with input as {"resources": resources}
	lib.st2_config_texts == {conf} with input as {"resources": resources}
}

# --- components by what they run -----------------------------------------------------------

pod(containers) := {"containers": containers}

test_image_decides_over_labels if {
	lib.pod_roles(pod([{"name": "x", "image": "registry:5000/team/st2timersengine:3.8.1@sha256:ab"}]), "renamed") == {"st2timersengine"}
	lib.pod_roles(pod([{"name": "x", "image": "nginx:1.25"}]), "st2web") == set()
	lib.pod_roles(pod([{"name": "x", "image": "registry.example/team/st2-custom:1"}]), "st2web") == {"st2web"}
	lib.pod_roles(pod([{"name": "x"}]), "st2-st2web") == {"st2web"}
	lib.pod_roles(pod([{"name": "x", "image": "mongo-express:1.0"}]), "mongo-express") == set()
}

test_command_decides_for_the_tool_image if {
	lib.pod_roles(pod([{"name": "x", "image": "stackstorm/st2actionrunner:3.8", "command": ["/opt/stackstorm/st2/bin/st2timersengine"]}]), "helper") == {"st2timersengine"}
	lib.pod_roles(pod([{"name": "x", "image": "stackstorm/st2actionrunner:3.8", "command": ["sh", "-ec", "exec /opt/stackstorm/st2/bin/st2sensorcontainer --config-file=x"]}]), "helper") == {"st2sensorcontainer"}
}

test_workloads_by_shape if {
	rollout := {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "metadata": {"name": "r"}, "spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "c", "image": "stackstorm/st2timersengine:3.8.1"}]}}}}
	ws := lib.workloads with input as {"profile": "production", "resources": [rollout]}
	ws[0].roles == {"st2timersengine"}
	ws[0].replicas == 2
	ws[0].scalable == true
}

test_namespace_less_resources_land_in_input_namespace if {
	lib.namespace({"metadata": {"name": "x"}}) == "st2-prod" with input as {"namespace": "st2-prod"}
	lib.namespace({"metadata": {"name": "x", "namespace": "a"}}) == "a" with input as {"namespace": "st2-prod"}
}

test_namespace_map_binds_the_profile if {
	lib.profile == "production" with input as {"profile": "dev", "resources": [{"metadata": {"namespace": "st2-prod"}}]}
		with data.settings.environments.namespaces as {"st2-prod": "production"}
	lib.profile == "dev" with input as {"profile": "dev", "resources": [{"metadata": {"namespace": "play"}}]}
		with data.settings.environments.namespaces as {"st2-prod": "production"}
	lib.profile == "production" with input as {"profile": "development", "resources": []}
}

# init_roles' guard (may_name_st2) never hides a role: on each container the
# guarded roles are the roles container_roles gives, st2's only, that the
# container runs (its image's entrypoint, or a command naming them).
init_samples := [
	{"image": "busybox:1.36.1", "command": ["sh", "-c", "until nc -z -w 2 mongodb 27017; do sleep 2; done"]},
	{"image": "REGISTRY/ORG/ST2TIMERSENGINE:3.8.1"},
	{"image": "stackstorm/stackstorm:3.8"},
	{"image": "stackstorm/st2actionrunner:3.8.1"},
	{"image": "stackstorm/st2actionrunner:3.8.1", "command": ["sh", "-c", "cp -a /a /b"]},
	{"image": "stackstorm/st2auth:3.8.1", "command": ["sh", "-ec", "printf '%s:%s\\n' \"$U\" \"$(openssl passwd -apr1 \"$P\")\" > /tmp/st2/htpasswd"]},
	{"image": "stackstorm/st2timersengine:3.8.1", "args": ["--config-file=/etc/st2/st2.conf"]},
	{"image": "busybox", "command": ["/opt/stackstorm/st2/bin/st2timersengine"]},
	{"image": "busybox", "command": ["$(BIN)"], "env": [{"name": "BIN", "value": "st2timersengine"}]},
	{"image": "busybox", "command": ["sh", "-c", "exec s${X}"], "env": [{"name": "X", "value": "t2timersengine"}]},
	{"image": "python:3.11", "args": ["python", "-m", "st2reactor.cmd.timersengine"]},
	{"image": "python:3.11", "command": ["python", "-c", "from st2reactor.cmd import timersengine; timersengine.main()"]},
	{"image": "busybox", "lifecycle": {"postStart": {"exec": {"command": ["sh", "-c", "nohup st2timersengine &"]}}}},
	{"image": "bitnami/kubectl", "command": ["kubectl", "exec", "x", "--", "st2timersengine"]},
	{"image": "busybox", "command": ["nc", "-z", "st2api", "9101"]},
	{"image": "mongo:4.4", "command": ["mongod", "--replSet", "rs0"]},
	{"image": "busybox", "script": "st2timersengine --config-file /etc/st2/st2.conf"},
	{"image": 7, "command": "st2timersengine"},
]

test_init_roles_guard_hides_no_role if {
	every ctr in init_samples {
		lib.init_st2_roles(ctr) == {role | some role in lib.container_roles(ctr); startswith(role, "st2"); lib.init_runs(ctr, role)}
	}
}

# A command in an st2 image that names no service runs none: the chart's
# generate-htpasswd init container (st2auth image, printf and openssl) is no
# second st2auth, so one st2auth replica is one (the twenty-first red team's
# f2-prod-st2auth-1). Without a command the image's entrypoint runs the service.
test_init_command_replaces_the_image_service if {
	htpasswd := {"image": "stackstorm/st2auth:3.8.1", "command": ["sh", "-ec", "printf x > /tmp/st2/htpasswd"]}
	lib.init_st2_roles(htpasswd) == set()
	lib.init_st2_roles({"image": "stackstorm/st2auth:3.8.1"}) == {"st2auth"}
	lib.init_st2_roles({"image": "stackstorm/st2auth:3.8.1", "command": ["/opt/stackstorm/st2/bin/st2auth"]}) == {"st2auth"}
}

test_init_roles_guard_with_mapped_images if {
	every ctr in init_samples {
		lib.init_st2_roles(ctr) == {role | some role in lib.container_roles(ctr); startswith(role, "st2"); lib.init_runs(ctr, role)} with data.settings.image_roles as {"registry/org/timers": "st2timersengine"}
	}
	lib.init_st2_roles({"image": "registry/org/timers:1"}) == {"st2timersengine"} with data.settings.image_roles as {"registry/org/timers": "st2timersengine"}
}

# The table holds containers with st2 roles and without.
test_init_samples_hold_both if {
	some ctr in init_samples
	count(lib.init_st2_roles(ctr)) > 0
	some other in init_samples
	count(lib.init_st2_roles(other)) == 0
}

# first_program_word and first_argv_program try the first word alone, then the
# list: the same answers as the whole list's comprehension they replace.
word_lists := [
	["sh", "-c", "x"], ["/opt/stackstorm/st2/bin/st2api", "--config-file=/etc/st2/st2.conf"], ["", "nc", "-z", "h"],
	["-x", "curl", "http://h"], ["nohup", "nc", "h"], ["sudo", "time", "wget", "x"], ["123", "nc"], ["/usr/bin/"],
	[], [""], ["-"], ["env", "A=1", "st2"], ["exec", "/bin/ncat", "-e", "/bin/sh"], ["tini", "--", "socat"],
	["dumb-init", "env", "gosu", "x"], ["A=1"], ["if", "then"], ["a/b/c"], ["0", "1"], ["--config-file=/x", "st2api"],
	["timeout", "5", "nc"], ["ionice", "-c", "3"],
]

old_first_program_word(words) := [base |
	some w in words
	w != ""
	not startswith(w, "-")
	parts := split(w, "/")
	base := parts[count(parts) - 1]
	not lib.command_prefixes[base]
	trim(base, "0123456789") != ""
][0]

old_first_argv_program(argv) := [w |
	some w in [base |
		some w in argv
		not startswith(w, "-")
		not contains(w, "=")
		parts := split(w, "/")
		base := parts[count(parts) - 1]
	]
	not lib.program_wrappers[w]
][0]

test_first_program_words_are_the_whole_lists if {
	every words in word_lists {
		new_a := [x | x := lib.first_program_word(words)]
		old_a := [x | x := old_first_program_word(words)]
		new_a == old_a
		new_b := [x | x := lib.first_argv_program(words)]
		old_b := [x | x := old_first_argv_program(words)]
		new_b == old_b
	}
}

# text_roles skips the split of a text holding no role needle: the same roles
# as the split of every text (the rule before the guard).
role_texts := [
	"until nc -z mongodb 27017; do sleep 2; done", "sleep 5 && echo ready", "exec st2timersengine --config-file=/etc/st2/st2.conf",
	"cp /a /b; mongod --replSet rs0 | tee /log", "python -c \"from st2reactor.cmd import timersengine; timersengine.main()\"",
	"import os", "", "kubectl exec -it x -- st2actionrunner", "(rabbitmq-server &) ; `etcd`", "echo zkServer.sh",
	"/opt/stackstorm/st2/lib/python3.8/site-packages/st2reactor/cmd/garbagecollector.py", "redis-server\netcd",
]

unguarded_text_roles(text) := {role |
	some cmd in split(strings.replace_n(lib.command_breaks, text), "\n")
	lib.names_a_role(cmd)
	words := split(strings.replace_n(lib.command_separators, cmd), " ")
	not lib.network_client_command(words)
	some role in lib.command_roles_of_words(cmd, words)
} | lib.import_roles(text)

test_text_roles_guard_keeps_the_roles if {
	every text in role_texts {
		lib.text_roles(text) == unguarded_text_roles(text)
	}
	lib.text_roles("exec st2timersengine") == {"st2timersengine"}
}

# image_path reads the render's images from image_paths: the same path as reading the image.
test_image_paths_are_image_path_of if {
	images := ["registry:5000/Org/st2api:3.8.1@sha256:abc", "stackstorm/st2web:3.8.1", "mongo", "a/b/c:1"]
	facts := {"image_repositories": {img: "x" | some img in images}}
	every img in images {
		lib.image_path(img) == lib.image_path_of(img) with input.facts as facts
	}
	lib.image_paths == {img: lib.image_path_of(img) | some img in images} with input.facts as facts
	lib.image_path("registry:5000/Org/st2api:3.8.1@sha256:abc") == "registry:5000/org/st2api"
}

# A command text's roles come from the fact when it lists the text
# (src/policy/command-text-roles.ts); any other text is read here.
test_roles_of_text_reads_the_fact_then_the_text if {
	facts := {"command_text_roles": {"run-it": ["st2api"]}}
	lib.roles_of_text("run-it") == ["st2api"] with input as {"facts": facts}
	lib.roles_of_text("st2timersengine") == {"st2timersengine"} with input as {"facts": facts}
	lib.roles_of_text("run-it") == set() with input as {"facts": {}}
}

# A container's roles come from the fact when it lists the container at that
# path (src/policy/container-roles.ts); any other is read here.
test_container_roles_at_reads_the_fact_then_the_container if {
	ctr := {"image": "stackstorm/st2api:3.8.1"}
	path := ["spec", "template", "spec", "containers", 0]
	facts := {"container_roles": [{"resource": 3, "path": path, "roles": ["st2timersengine"]}]}
	lib.container_roles_at(3, path, ctr) == {"st2timersengine"} with input as {"facts": facts}
	lib.container_roles_at(4, path, ctr) == {"st2api"} with input as {"facts": facts}
	lib.container_roles_at(3, ["spec", "containers", 0], ctr) == {"st2api"} with input as {"facts": facts}
	lib.container_roles_at(3, path, ctr) == {"st2api"} with input as {"facts": {}}
}
