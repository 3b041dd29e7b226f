# The holes piece (issue 12, the ninth attacker's last allowed changes; kept
# red-team cases in test/policy/redteam/fresh10-holes.ts): st2 releases
# (ST2-HRD-015/016), and the rules after them in this file.
package st2_test.holes

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

severities(fs, rule) := {f.severity | some f in fs; f.rule == rule}

# The baseline with one Deployment's first container changed.
patched(app, ops) := fx.replace(fx.baseline, "Deployment", concat("", ["st2-", app]), json.patch(fx.base("Deployment", concat("", ["st2-", app])), ops))

with_image(app, img) := patched(app, [{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": img}])

# --- ST2-HRD-015/016: one st2 release, a release tag in production ------------------------------

test_the_baseline_is_one_release if {
	fs := fx.eval("production", fx.baseline)
	not "ST2-HRD-015" in rules_of(fs)
	not "ST2-HRD-016" in rules_of(fs)
}

test_dev_tags_in_production if {
	every tag in ["dev", "3.9dev", "3.9.0-dev", "unstable", "nightly", "master", "3.8.1-rc1", "3.8", "edge"] {
		fs := fx.eval("production", with_image("st2api", concat(":", ["stackstorm/st2api", tag])))
		severities(fs, "ST2-HRD-015") == {"deny"}
	}
}

test_dev_tags_warn_in_staging if {
	fs := fx.eval("staging", with_image("st2api", "stackstorm/st2api:dev"))
	severities(fs, "ST2-HRD-015") == {"warn"}
}

test_release_tags_and_digests_pass if {
	every img in ["stackstorm/st2api:3.8.1", "stackstorm/st2api:v3.8.1", "registry.example.com/stackstorm/st2api:3.8.1-r1", concat("", ["stackstorm/st2api@sha256:", concat("", [x | some _ in numbers.range(1, 64); x := "a"])])] {
		fs := fx.eval("production", with_image("st2api", img))
		not "ST2-HRD-015" in rules_of(fs)
		not "ST2-HRD-016" in rules_of(fs)
	}
}

test_latest_is_hrd_001_only if {
	fs := fx.eval("production", with_image("st2api", "stackstorm/st2api:latest"))
	"ST2-HRD-001" in rules_of(fs)
	not "ST2-HRD-015" in rules_of(fs)
}

test_a_runner_on_another_minor_release if {
	fs := fx.eval("production", with_image("st2actionrunner", "stackstorm/st2actionrunner:3.7.1"))
	some f in fs
	f.rule == "ST2-HRD-016"
	f.params.release == "3.7"
	f.params.others == "3.8"
	severities(fs, "ST2-HRD-016") == {"deny"}
}

test_a_patch_release_apart_is_one_line if {
	fs := fx.eval("production", with_image("st2actionrunner", "stackstorm/st2actionrunner:3.8.0"))
	not "ST2-HRD-016" in rules_of(fs)
}

# --- ST2-OPS-048: limits below a component's floor ----------------------------------------------

mi := 1048576

limit_fact(kind, name, resource, value) := {
	"resource": fx.index_of(fx.baseline, kind, name),
	"path": ["spec", "template", "spec", "containers", 0, "resources", "limits", resource],
	"name": resource,
	"field": "limits",
	"value": value,
	"request": false,
}

floors(profile, q) := severities(fx.eval_facts(profile, fx.baseline, {"secret_values": [], "quantities": [q]}), "ST2-OPS-048")

test_starved_components_in_production if {
	every q in [
		limit_fact("StatefulSet", "st2-mongodb", "memory", 64 * mi),
		limit_fact("Deployment", "st2-st2api", "cpu", 0.001),
		limit_fact("Deployment", "st2-st2actionrunner", "ephemeral-storage", 1 * mi),
		limit_fact("StatefulSet", "st2-rabbitmq", "memory", 128 * mi),
	] {
		floors("production", q) == {"deny"}
	}
}

test_starvation_warns_in_staging_and_is_silent_in_dev if {
	q := limit_fact("StatefulSet", "st2-mongodb", "memory", 64 * mi)
	floors("staging", q) == {"warn"}
	floors("dev", q) == set()
}

test_limits_at_the_floor_or_on_other_components_pass if {
	every q in [
		limit_fact("StatefulSet", "st2-mongodb", "memory", 512 * mi),
		limit_fact("Deployment", "st2-st2api", "cpu", 0.1),
		limit_fact("Deployment", "st2-st2web", "memory", 64 * mi),
		# st2client and redis have no floor of their own in the defaults.
		limit_fact("Deployment", "st2-st2client", "cpu", 0.005),
	] {
		floors("production", q) == set()
	}
}

test_floors_are_the_bundles if {
	q := limit_fact("Deployment", "st2-st2api", "memory", 100 * mi)
	fs := data.st2.findings with input as {"profile": "production", "environment": "production", "resources": fx.baseline, "facts": {"secret_values": [], "quantities": [q]}}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.namespaces as fx.listed_namespaces
		with data.settings.delivery.singleton_names as fx.singleton_names
		with data.settings.outage.resource_floors as {"st2api": {"memory": 64 * mi}}
	not "ST2-OPS-048" in rules_of(fs)
}

# --- ST2-OPS-031: an exec probe's store client on a port the server does not listen on ----------

mongo_probe(port, listens) := {"secret_values": [], "probe_ports": [{
	"resource": fx.index_of(fx.baseline, "StatefulSet", "st2-mongodb"),
	"path": ["spec", "template", "spec", "containers", 0, "livenessProbe", "exec", "command"],
	"container": ["spec", "template", "spec", "containers", 0],
	"port": port,
	"named": "",
	"listens": listens,
}]}

probe_findings(facts) := severities(fx.eval_facts("production", fx.baseline, facts), "ST2-OPS-031")

test_mongosh_on_a_port_mongod_does_not_listen_on if {
	probe_findings(mongo_probe(27018, [])) == {"deny"}
	probe_findings(mongo_probe(27017, [27018])) == {"deny"}
}

test_mongosh_on_mongods_own_port if {
	probe_findings(mongo_probe(27017, [])) == set()
	probe_findings(mongo_probe(27018, [27018])) == set()
}

# --- ST2-SEC-018: find copying the whole store; ST2-SEC-011: a lenient environment's key ---------

es(spec) := {"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret", "metadata": {"name": "st2-extra", "namespace": fx.ns}, "spec": object.union({"secretStoreRef": {"kind": "ClusterSecretStore", "name": "st2-production"}, "target": {"name": "st2-extra"}}, spec)}

es_rules(profile, spec) := rules_of(fx.eval(profile, array.concat(fx.baseline, [es(spec)])))

test_find_everything_is_denied if {
	every find in [{"name": {"regexp": ".*"}}, {"name": {"regexp": "^.+$"}}, {}, {"conversionStrategy": "Default"}] {
		"ST2-SEC-018" in es_rules("production", {"dataFrom": [{"find": find}]})
	}
}

test_find_narrowed_passes if {
	every find in [{"path": "stackstorm/"}, {"tags": {"app": "st2"}}, {"name": {"regexp": "^st2-"}}] {
		not "ST2-SEC-018" in es_rules("production", {"dataFrom": [{"find": find}]})
	}
}

test_a_dev_key_in_production if {
	every spec in [
		{"data": [{"secretKey": "password", "remoteRef": {"key": "dev/st2/auth", "property": "password"}}]},
		{"dataFrom": [{"extract": {"key": "st2-staging-mongodb"}}]},
		{"dataFrom": [{"find": {"path": "development/stackstorm"}}]},
	] {
		"ST2-SEC-011" in es_rules("production", spec)
	}
}

test_keys_of_the_environment_pass if {
	every pair in [["production", "stackstorm/st2-auth"], ["production", "prod/st2/auth"], ["production", "devops/st2"], ["staging", "staging/st2/auth"], ["dev", "staging/st2/auth"]] {
		not "ST2-SEC-011" in es_rules(pair[0], {"data": [{"secretKey": "password", "remoteRef": {"key": pair[1], "property": "password"}}]})
	}
}

test_a_dev_key_in_staging if {
	"ST2-SEC-011" in es_rules("staging", {"data": [{"secretKey": "password", "remoteRef": {"key": "dev/st2/auth"}}]})
}

# --- ST2-SEC-019: code fetched over http and run; ST2-HRD-017: st2 images from unlisted places ----

fetch_run(internal) := {"secret_values": [], "command_effects": [{"resource": 0, "path": ["spec", "template", "spec", "initContainers", 0], "program": "curl", "effect": "fetch-run", "host": "get.example.net", "internal": internal}]}

test_http_code_run if {
	severities(fx.eval_facts("production", fx.baseline, fetch_run(false)), "ST2-SEC-019") == {"deny"}
	severities(fx.eval_facts("dev", fx.baseline, fetch_run(false)), "ST2-SEC-019") == {"warn"}
	severities(fx.eval_facts("production", fx.baseline, fetch_run(true)), "ST2-SEC-019") == set()
}

test_st2_images_from_someones_namespace if {
	every img in ["jdoe/st2api:3.8.1", "ghcr.io/someone/st2api:3.8.1", "docker.io/stackst0rm/st2api:3.8.1"] {
		severities(fx.eval("production", with_image("st2api", img)), "ST2-HRD-017") == {"deny"}
	}
}

# The finding names the prefix the bundle's owner would list for a mirror (sup-safe-private-mirror-pinned).
test_st2_image_finding_names_the_prefix_to_list if {
	prefixes := {f.params.prefix |
		some f in fx.eval("production", with_image("st2api", "registry.example.com/dockerhub/stackstorm/st2api:3.8.1@sha256:abc"))
		f.rule == "ST2-HRD-017"
	}
	prefixes == {"registry.example.com/dockerhub/stackstorm/"}
}

test_st2_images_from_stackstorm_or_a_listed_mirror if {
	every img in ["stackstorm/st2api:3.8.1", "docker.io/stackstorm/st2api:3.8.1"] {
		not "ST2-HRD-017" in rules_of(fx.eval("production", with_image("st2api", img)))
	}
	fs := data.st2.findings with input as {"profile": "production", "environment": "production", "resources": with_image("st2api", "registry.corp.example/mirror/stackstorm/st2api:3.8.1"), "facts": fx.no_facts}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.namespaces as fx.listed_namespaces
		with data.settings.delivery.singleton_names as fx.singleton_names
		with data.settings.images.allowed_prefixes as ["stackstorm/", "registry.corp.example/mirror/stackstorm/"]
	not "ST2-HRD-017" in rules_of(fs)
}

# --- ST2-HRD-018: st2web on plain HTTP; ST2-OPS-049: URLs to the wrong service -----------------

web_env(env) := patched("st2web", [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": env}])

test_st2web_https_off_in_production if {
	every v in ["0", "true", "", "yes"] {
		severities(fx.eval("production", web_env([{"name": "ST2WEB_HTTPS", "value": v}])), "ST2-HRD-018") == {"deny"}
	}
	severities(fx.eval("staging", web_env([{"name": "ST2WEB_HTTPS", "value": "0"}])), "ST2-HRD-018") == {"warn"}
}

test_st2web_https_on if {
	every env in [[{"name": "ST2WEB_HTTPS", "value": "1"}], [{"name": "ST2WEB_HTTPS", "value": "0"}, {"name": "ST2WEB_HTTPS", "value": "1"}], []] {
		not "ST2-HRD-018" in rules_of(fx.eval("production", web_env(env)))
	}
}

url_rules(var, url) := rules_of(fx.eval("production", web_env([{"name": var, "value": url}])))

test_urls_to_the_wrong_service if {
	"ST2-OPS-049" in url_rules("ST2_AUTH_URL", "http://st2-st2api:9101/")
	"ST2-OPS-049" in url_rules("ST2_API_URL", "http://st2-st2auth.st2.svc.cluster.local:9100/")
	"ST2-OPS-049" in url_rules("ST2_STREAM_URL", "http://st2-st2web/")
}

test_urls_to_their_own_service if {
	not "ST2-OPS-049" in url_rules("ST2_AUTH_URL", "http://st2-st2auth:9100/")
	not "ST2-OPS-049" in url_rules("ST2_API_URL", "http://st2-st2api:9101/")
	not "ST2-OPS-049" in url_rules("ST2_API_URL", "https://st2.example.com/api/")
}

# --- ST2-SEC-020: half a password rotation ------------------------------------------------------

mongo_env := [
	{"name": "MONGO_INITDB_ROOT_USERNAME", "valueFrom": {"secretKeyRef": {"name": "mongodb-admin", "key": "user"}}},
	{"name": "MONGO_INITDB_ROOT_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "mongodb-admin", "key": "password"}}},
]

rotation(st2_property, admin_property) := array.concat(
	fx.replace(fx.baseline, "StatefulSet", "st2-mongodb", json.patch(fx.base("StatefulSet", "st2-mongodb"), [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": mongo_env}])),
	[
		{"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret", "metadata": {"name": "mongodb-admin", "namespace": fx.ns}, "spec": {
			"secretStoreRef": {"kind": "ClusterSecretStore", "name": "st2-production"},
			"target": {"name": "mongodb-admin"},
			"data": [
				{"secretKey": "user", "remoteRef": {"key": "stackstorm/mongodb", "property": "user"}},
				{"secretKey": "password", "remoteRef": {"key": "stackstorm/mongodb", "property": admin_property}},
			],
		}},
		{"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret", "metadata": {"name": "st2-config-secrets", "namespace": fx.ns}, "spec": {
			"secretStoreRef": {"kind": "ClusterSecretStore", "name": "st2-production"},
			"target": {"name": "st2-config-secrets", "template": {"data": {"st2.secrets.conf": "[database]\nusername = {{ .mongodbUser }}\npassword = {{ .mongodbPassword }}\n"}}},
			"data": [
				{"secretKey": "mongodbUser", "remoteRef": {"key": "stackstorm/mongodb", "property": "user"}},
				{"secretKey": "mongodbPassword", "remoteRef": {"key": "stackstorm/mongodb", "property": st2_property}},
			],
		}},
	],
)

test_half_a_rotation if {
	severities(fx.eval("production", rotation("password-2026", "password")), "ST2-SEC-020") == {"deny"}
	severities(fx.eval("production", rotation("password", "password-2026")), "ST2-SEC-020") == {"deny"}
}

test_both_sides_rotated if {
	not "ST2-SEC-020" in rules_of(fx.eval("production", rotation("password-2026", "password-2026")))
	not "ST2-SEC-020" in rules_of(fx.eval("production", rotation("password", "password")))
}

# --- ST2-SEC-021: a private key committed ---------------------------------------------------------

key_fact(block) := {"secret_values": [{"resource": 0, "path": ["data", "private_key"], "key": "private_key", "sha256": "00", "empty": false, "certificates": [], "private_key": {"ssh_fingerprint": "SHA256:fresh", "spki_sha256": null}, "private_block": block}]}

test_a_committed_private_key if {
	severities(fx.eval_facts("production", fx.baseline, key_fact(true)), "ST2-SEC-021") == {"deny"}
	severities(fx.eval_facts("staging", fx.baseline, key_fact(true)), "ST2-SEC-021") == {"warn"}
	severities(fx.eval_facts("dev", fx.baseline, key_fact(true)), "ST2-SEC-021") == set()
}

test_a_public_key_is_no_private_key if {
	severities(fx.eval_facts("production", fx.baseline, key_fact(false)), "ST2-SEC-021") == set()
}

test_a_tool_naming_an_st2_service_runs_no_st2_image if {
	job := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "restart", "namespace": fx.ns}, "spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [object.union(fx.container("kubectl"), {"image": "bitnamilegacy/kubectl:1.32.4", "command": ["kubectl", "rollout", "restart", "deployment/st2api"]})]}}}}
	not "ST2-HRD-017" in rules_of(fx.eval("production", array.concat(fx.baseline, [job])))
	renamed := object.union(job, {"spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [object.union(fx.container("api"), {"image": "quay.io/jdoe/python-tools:1.0.0", "command": ["/opt/stackstorm/st2/bin/st2api"]})]}}}})
	"ST2-HRD-017" in rules_of(fx.eval("production", array.concat(fx.baseline, [renamed])))
}
