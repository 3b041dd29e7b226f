# The third red team's classes (test/policy/redteam/fresh3-secrets.ts): the
# facts the TypeScript side computes for them, judged by the rules.
package st2_test.redteam3

import data.st2_test.fixtures as fx

facts(extra) := object.union(fx.no_facts, extra)

cm := fx.config_map("st2-extra", {"x": "y"})

with_cm := fx.plus(fx.baseline, cm)

rules_of(fs) := {f.rule | some f in fs}

# --- ST2-HRD-005 from st2_config_off facts (every string, every layer) -----------------

test_config_off_fact_denies_in_production_and_warns_in_dev if {
	off := {"st2_config_off": [{"resource": fx.next, "path": ["binaryData", "zz.conf.gz"], "key": "zz.conf.gz", "section": "auth", "encoding": "gzip"}]}
	fs := fx.eval_facts("production", with_cm, facts(off))
	fs == {{"rule": "ST2-HRD-005", "severity": "deny", "resource": fx.next, "path": ["binaryData", "zz.conf.gz"], "params": {"key": "zz.conf.gz", "section": "auth"}}}
	dev := fx.eval_facts("dev", with_cm, facts(off))
	{f.severity | some f in dev} == {"warn"}
}

test_hrd005_is_never_waivable_in_production if {
	data.st2.rules["ST2-HRD-005"].waivable_in_production == false
}

# --- ST2-SEC-008: RabbitMQ guest ------------------------------------------------------------

clue(kind) := {"resource": fx.next, "path": ["data", "rabbitmq.conf"], "key": "rabbitmq.conf", "clue": kind}

test_sec008_guest_credentials_deny if {
	fs := fx.eval_facts("production", with_cm, facts({"rabbitmq_guest": [clue("credentials")]}))
	rules_of(fs) == {"ST2-SEC-008"}
}

test_sec008_loopback_open_without_default_user_denies if {
	fs := fx.eval_facts("staging", with_cm, facts({"rabbitmq_guest": [clue("loopback-open")]}))
	rules_of(fs) == {"ST2-SEC-008"}
}

test_sec008_loopback_open_with_guest_as_default_denies if {
	fs := fx.eval_facts("production", with_cm, facts({"rabbitmq_guest": [clue("loopback-open"), clue("default-user-set"), clue("default-guest")]}))
	rules_of(fs) == {"ST2-SEC-008"}
}

test_sec008_loopback_open_with_own_default_user_allows if {
	fs := fx.eval_facts("production", with_cm, facts({"rabbitmq_guest": [clue("loopback-open"), clue("default-user-set")]}))
	fs == set()
}

test_sec008_guest_as_default_user_kept_on_loopback_allows if {
	fs := fx.eval_facts("production", with_cm, facts({"rabbitmq_guest": [clue("default-guest")]}))
	fs == set()
}

# --- ST2-HRD-007: MongoDB without access control --------------------------------------------

mongo := fx.base("StatefulSet", "st2-mongodb")

mongo_args(args) := json.patch(mongo, [{"op": "replace", "path": "/spec/template/spec/containers/0/args", "value": args}])

with_mongo(m) := fx.replace(fx.baseline, "StatefulSet", "st2-mongodb", m)

mongo_idx := fx.index_of(fx.baseline, "StatefulSet", "st2-mongodb")

test_hrd007_denies_mongod_without_keyfile_or_auth if {
	fs := fx.eval("production", with_mongo(mongo_args(["--replSet", "rs0", "--bind_ip_all"])))
	fs == {{"rule": "ST2-HRD-007", "severity": "deny", "resource": mongo_idx, "path": ["spec", "template", "spec", "containers", 0], "params": {"container": "mongodb", "problem": "no-access-control"}}}
}

test_hrd007_denies_noauth_even_with_a_keyfile if {
	fs := fx.eval("production", with_mongo(mongo_args(["--keyFile=/k", "--noauth"])))
	{f.params.problem | some f in fs} == {"--noauth"}
}

test_hrd007_allows_keyfile_auth_or_root_user if {
	every args in [["--replSet", "rs0", "--keyFile=/k"], ["--replSet", "rs0", "--auth"]] {
		fx.eval("production", with_mongo(mongo_args(args))) == set()
	}
	root := json.patch(mongo_args(["--replSet", "rs0"]), [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": [{"name": "MONGO_INITDB_ROOT_USERNAME", "value": "root"}]}])
	fx.eval("production", with_mongo(root)) == set()
}

test_hrd007_root_user_does_not_count_when_a_command_replaces_the_entrypoint if {
	root := json.patch(mongo_args(["--replSet", "rs0"]), [
		{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": [{"name": "MONGO_INITDB_ROOT_USERNAME", "value": "root"}]},
		{"op": "add", "path": "/spec/template/spec/containers/0/command", "value": ["mongod"]},
	])
	{f.params.problem | some f in fx.eval("production", with_mongo(root))} == {"no-access-control"}
}

conf(text) := fx.config_map("mongod-conf", {"mongod.conf": text})

with_conf(text) := fx.plus(with_mongo(mongo_args(["--replSet", "rs0", "-f", "/etc/mongod.conf"])), conf(text))

test_hrd007_config_file_counts_only_when_it_turns_authorization_on if {
	fx.eval("production", with_conf("security:\n  authorization: enabled\n")) == set()
	{f.params.problem | some f in fx.eval("production", with_conf("security:\n  authorization: disabled\n"))} == {"authorization-disabled"}
	{f.params.problem | some f in fx.eval("production", with_conf("net:\n  port: 27017\n"))} == {"no-access-control"}
}

# mongod reads its config as YAML: flow style and JSON say the same (red team 6).
test_hrd007_config_file_in_flow_style_or_json if {
	fx.eval("production", with_conf("{net: {port: 27017}, security: {authorization: enabled, keyFile: /k}}\n")) == set()
	fx.eval("production", with_conf("{\"security\": {\"authorization\": \"enabled\"}}\n")) == set()
	{f.params.problem | some f in fx.eval("production", with_conf("{security: {authorization: disabled}}\n"))} == {"authorization-disabled"}
	{f.params.problem | some f in fx.eval("production", with_conf("{net: {port: 27017}}\n"))} == {"no-access-control"}
}

test_hrd007_ignores_client_tools_on_the_mongo_image if {
	tool := json.patch(mongo_args([]), [{"op": "add", "path": "/spec/template/spec/containers/0/command", "value": ["mongodump", "--archive"]}])
	not "ST2-HRD-007" in rules_of(fx.eval("production", with_mongo(tool)))
}

# --- key fragments ---------------------------------------------------------------------------

fragments := {"key_fragments": [{"id": "k-1", "key": "base-st2-ssh-key", "rule": "ST2-SEC-003", "value": "AAAA"}]}

frag_hit := {"resource": fx.next, "path": ["data", "part1"], "literal": "k-1", "in": "value", "encoding": "plain", "key": "part1"}

test_key_fragment_is_reported_under_the_keys_rule if {
	fs := data.st2.findings with input as {"profile": "production", "environment": "production", "resources": with_cm, "facts": facts({"literal_hits": [frag_hit]})}
		with data.chart_defaults as object.union(fx.chart_defaults, fragments)
		with data.settings.delivery.namespaces as fx.listed_namespaces
		with data.settings.delivery.singleton_names as fx.singleton_names
	fs == {{"rule": "ST2-SEC-003", "severity": "deny", "resource": fx.next, "path": ["data", "part1"], "params": {"key": "part1", "default": "base-st2-ssh-key"}}}
}

test_key_fragment_not_reported_again_where_the_key_was_fingerprinted if {
	sv := {"resource": fx.next, "path": ["data", "part1"], "key": "part1", "sha256": "00", "empty": false, "certificates": [], "private_key": {"ssh_fingerprint": "SHA256:x", "spki_sha256": null}}
	fs := data.st2.findings with input as {"profile": "production", "environment": "production", "resources": with_cm, "facts": facts({"literal_hits": [frag_hit], "secret_values": [sv]})}
		with data.chart_defaults as object.union(object.union(fx.chart_defaults, fragments), {"ssh_key_fingerprints": [{"id": "base-st2-ssh-key", "fingerprint": "SHA256:x"}]})
		with data.settings.delivery.namespaces as fx.listed_namespaces
		with data.settings.delivery.singleton_names as fx.singleton_names
	{f.rule | some f in fs} == {"ST2-SEC-003"}
	count(fs) == 1
	some f in fs
	f.params["default"] == "base-st2-ssh-key"
}

bitnami(env) := json.patch(mongo_args([]), [
	{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "bitnamilegacy/mongodb:4.4.15"},
	{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": array.concat([{"name": "MONGODB_REPLICA_SET_MODE", "value": "primary"}], env)},
])

test_hrd007_bitnami_root_password_counts_and_allow_empty_password_does_not if {
	fx.eval("production", with_mongo(bitnami([{"name": "MONGODB_ROOT_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "m", "key": "p"}}}]))) == set()
	{f.params.problem | some f in fx.eval("production", with_mongo(bitnami([{"name": "MONGODB_ROOT_PASSWORD", "value": "x"}, {"name": "ALLOW_EMPTY_PASSWORD", "value": "yes"}])))} == {"ALLOW_EMPTY_PASSWORD"}
}
