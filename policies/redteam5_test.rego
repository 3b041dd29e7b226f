# RBAC left off by omission and the chain of config files each st2 API
# process reads (facts from src/policy/st2-chains.ts), the texts a later
# file overrides, and RabbitMQ's guest per cluster (test/policy/redteam/fresh5-rbac.ts).
package st2_test.redteam5

import data.st2_test.fixtures as fx

ctr_path := ["spec", "template", "spec", "containers", 0]

# Baseline indexes: st2auth 1, st2api 2, st2stream 3 (fixtures' two_replicas order).
chain(rbac, auth) := {"path": ctr_path, "rbac": rbac, "auth": auth, "rbac_file": "/etc/st2/st2.user.conf", "auth_file": ""}

chains(api) := {"1": [chain("on", "on")], "2": [api], "3": [chain("on", "on")]}

with_chains(cs) := {"secret_values": [], "st2_chains": cs}

hrd5(profile, resources, facts) := fx.of_rule(fx.eval_facts(profile, resources, facts), "ST2-HRD-005")

test_rbac_on_everywhere_passes if {
	count(hrd5("production", fx.baseline, with_chains(chains(chain("on", "on"))))) == 0
	count(hrd5("production", fx.baseline, with_chains(chains(chain("on", "unset"))))) == 0
}

test_rbac_not_on_denies_in_staging_and_production_warns_in_dev if {
	every state in ["unset", "off", "noop", "unreadable"] {
		fs := hrd5("production", fx.baseline, with_chains(chains(chain(state, "on"))))
		count(fs) == 1
		some f in fs
		f.resource == 2
		f.path == ctr_path
		f.severity == "deny"
		f.params.section == "rbac"
	}
	some f in hrd5("staging", fx.baseline, with_chains(chains(chain("unset", "on"))))
	f.params.problem == "not-enabled"
	every g in hrd5("dev", fx.baseline, with_chains(chains(chain("unset", "on")))) {
		g.severity == "warn"
	}
}

test_auth_judged_where_its_middleware_runs if {
	some f in hrd5("production", fx.baseline, with_chains(chains(chain("on", "off"))))
	f.params.section == "auth"
	f.params.problem == "disabled"

	# st2auth serves no API behind the auth middleware: [auth] enable does not guard it.
	cs := {"1": [chain("on", "off")], "2": [chain("on", "on")], "3": [chain("on", "on")]}
	count(hrd5("production", fx.baseline, with_chains(cs))) == 0
}

test_an_api_process_without_a_chain_is_unresolved if {
	fs := hrd5("production", fx.baseline, with_chains({"1": [chain("on", "on")], "3": [chain("on", "on")]}))
	{[f.resource, f.params.section, f.params.problem] | some f in fs} == {[2, "rbac", "unresolved"], [2, "auth", "unresolved"]}
}

# A relay whose arguments name st2api is not st2api.
test_a_relay_naming_st2api_is_not_judged if {
	relay := json.patch(fx.deployment("api-relay", 1), [{"op": "replace", "path": "/spec/template/spec/containers/0", "value": {
		"name": "socat", "image": "alpine/socat:1.8.0.0", "args": ["TCP-LISTEN:9101,fork", "TCP:st2api:9101"],
		"resources": fx.container("x").resources,
	}}])
	count(hrd5("production", fx.plus(fx.baseline, relay), with_chains(chains(chain("on", "on"))))) == 0
}

# --- A text a later file overrides ---------------------------------------------------------

docker_off := concat("\n", [fx.st2_conf_good, "[rbac]", "enable = False", ""])

with_docker(text) := [r |
	some r0 in fx.baseline
	r := override_docker(r0, text)
]

override_docker(r, text) := json.patch(r, [{"op": "replace", "path": "/data/st2.docker.conf", "value": text}]) if {
	r.kind == "ConfigMap"
	r.metadata.name == "st2-config"
} else := r

config_index := i if {
	some i, r in fx.baseline
	r.kind == "ConfigMap"
	r.metadata.name == "st2-config"
}

test_a_text_every_chain_overrides_is_not_judged_alone if {
	settled := {"secret_values": [], "st2_chains": chains(chain("on", "on")), "st2_config_settled": [{"resource": config_index, "path": ["data", "st2.docker.conf"], "section": "rbac"}]}
	count(hrd5("production", with_docker(docker_off), settled)) == 0

	# Without it (a chain ending off, or one reading it that is not judged), the text is denied.
	some f in hrd5("production", with_docker(docker_off), with_chains(chains(chain("on", "on"))))
	f.resource == config_index
	f.params.section == "rbac"
}

layer_facts(encoding) := {
	"secret_values": [], "st2_chains": chains(chain("on", "on")),
	"st2_config_settled": [{"resource": config_index, "path": ["data", "st2.docker.conf"], "section": "rbac"}],
	"st2_config_off": [{"resource": config_index, "path": ["data", "st2.docker.conf"], "key": "st2.docker.conf", "section": "rbac", "encoding": encoding}],
}

test_a_layer_inside_a_settled_text_is_still_judged if {
	count(hrd5("production", fx.baseline, layer_facts("plain"))) == 0
	count(hrd5("production", fx.baseline, layer_facts("gzip"))) == 1
}

# --- RabbitMQ's guest, per cluster ---------------------------------------------------------

rabbit_b := json.patch(fx.statefulset("rabbitmq-b", 3), [
	{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "rabbitmq:3.12.14"},
	{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "c", "configMap": {"name": "rabbitmq-b-config"}}]},
])

rabbit_b_config := fx.config_map("rabbitmq-b-config", {"b.conf": "loopback_users = none\n"})

rabbit_resources := array.concat(fx.baseline, [rabbit_b, fx.pdb("rabbitmq-b"), rabbit_b_config])

index_of(kind, name) := i if {
	some i, r in rabbit_resources
	r.kind == kind
	r.metadata.name == name
}

guest_facts(user_set) := {"secret_values": [], "rabbitmq_guest": array.concat(
	[{"resource": index_of("ConfigMap", "rabbitmq-b-config"), "path": ["data", "b.conf"], "key": "b.conf", "clue": "loopback-open"}],
	[{"resource": i, "path": ["spec"], "key": "RABBITMQ_DEFAULT_USER", "clue": "default-user-set"} | some i in user_set],
)}

sec8(facts) := fx.of_rule(fx.eval_facts("production", rabbit_resources, facts), "ST2-SEC-008")

test_guest_is_judged_per_rabbitmq_cluster if {
	first := index_of("StatefulSet", "st2-rabbitmq")
	second := index_of("StatefulSet", "st2-rabbitmq-b")

	# The first cluster's own user does not replace guest in the second.
	count(sec8(guest_facts([first]))) == 1
	count(sec8(guest_facts([second]))) == 0
	count(sec8(guest_facts([first, second]))) == 0
}

test_a_clue_no_cluster_reads_is_judged_against_the_render if {
	loose := fx.config_map("rabbit-notes", {"n.conf": "loopback_users = none\n"})
	resources := fx.plus(fx.baseline, loose)
	clue := {"resource": count(fx.baseline), "path": ["data", "n.conf"], "key": "n.conf", "clue": "loopback-open"}
	user := {"resource": 14, "path": ["spec"], "key": "RABBITMQ_DEFAULT_USER", "clue": "default-user-set"}
	count(fx.of_rule(fx.eval_facts("production", resources, {"secret_values": [], "rabbitmq_guest": [clue, user]}), "ST2-SEC-008")) == 0
	count(fx.of_rule(fx.eval_facts("production", resources, {"secret_values": [], "rabbitmq_guest": [clue]}), "ST2-SEC-008")) == 1
}
