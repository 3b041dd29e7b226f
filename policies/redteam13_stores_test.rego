# The thirteenth red team's store exfiltration (test/policy/redteam/fresh13-stores.ts):
# a Service st2 connects through made an ExternalName outside (ST2-EXP-017),
# etcd membership and RabbitMQ shovels or federation outside (ST2-SEC-039),
# RabbitMQ's LDAP servers outside (ST2-OPS-013). The hosts are
# src/policy/store-links.ts's facts (input.facts.store_links).
package st2_test.redteam13_stores

import data.st2_test.fixtures as fx

member := ["spec", "template", "spec", "containers", 0]

index_of(kind, name) := i if {
	some i, r in fx.baseline
	r.kind == kind
	r.metadata.name == name
}

# The fixtures run no etcd: every link sits on the RabbitMQ StatefulSet (only its namespace is read).
link(store, kind, host, tls) := {"secret_values": [], "store_links": [{
	"resource": index_of("StatefulSet", "st2-rabbitmq"),
	"path": member, "store": store, "link": kind, "host": host, "tls": tls,
}]}

rules_for(facts) := {f.rule | some f in fx.eval_facts("production", fx.baseline, facts)}

test_store_links_outside_deny if {
	every c in [
		["etcd", "initial-cluster", "203.0.113.33", false, "ST2-SEC-039"],
		["etcd", "discovery", "discovery.example.net", true, "ST2-SEC-039"],
		["etcd", "discovery-srv", "example.net", false, "ST2-SEC-039"],
		["rabbitmq", "shovel", "broker.example.net", false, "ST2-SEC-039"],
		["rabbitmq", "federation", "203.0.113.61", true, "ST2-SEC-039"],
		["rabbitmq", "ldap", "ldap.example.net", false, "ST2-OPS-013"],
		["rabbitmq", "ldap", "ldap.example.net", true, "ST2-OPS-013"],
	] {
		c[4] in rules_for(link(c[0], c[1], c[2], c[3]))
	}
}

test_store_links_inside_allowed if {
	every c in [
		["etcd", "initial-cluster", "st2-rabbitmq-0.st2-rabbitmq", false],
		["etcd", "discovery-srv", "etcd-headless.st2.svc.cluster.local", false],
		["rabbitmq", "shovel", "st2-rabbitmq", false],
		["rabbitmq", "federation", "rabbitmq-dr.st2.svc.cluster.local", false],
		["rabbitmq", "ldap", "ldap.st2.svc.cluster.local", false],
	] {
		rules := rules_for(link(c[0], c[1], c[2], c[3]))
		not "ST2-SEC-039" in rules
		not "ST2-OPS-013" in rules
	}
}

# A listed disaster-recovery broker over TLS is the owner's choice; without TLS it is not.
test_listed_broker_needs_tls if {
	facts := link("rabbitmq", "shovel", "dr.example.net", true)
	fs := fx.eval_facts("production", fx.baseline, facts) with data.settings.exposure.external_stores as ["dr.example.net"]
	count(fx.of_rule(fs, "ST2-SEC-039")) == 0
	plain := fx.eval_facts("production", fx.baseline, link("rabbitmq", "shovel", "dr.example.net", false)) with data.settings.exposure.external_stores as ["dr.example.net"]
	some f in fx.of_rule(plain, "ST2-SEC-039")
	f.params.why == "without TLS"
}

test_store_links_warn_in_dev if {
	fs := fx.eval_facts("dev", fx.baseline, link("etcd", "discovery-srv", "example.net", false))
	some f in fx.of_rule(fs, "ST2-SEC-039")
	f.severity == "warn"
}

# --- ST2-EXP-017 ---------------------------------------------------------------------------------

external(name, target) := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "namespace": fx.ns}, "spec": {"type": "ExternalName", "externalName": target}}

# st2api's chain connects to these hosts (st2-transport.ts's facts).
chain(hosts) := {"secret_values": [], "st2_chains": {sprintf("%d", [index_of("Deployment", "st2-st2api")]): [{"path": member, "transport": {"hosts": hosts}}]}}

exp017(target, hosts) := fx.of_rule(fx.eval_facts("production", array.concat(fx.baseline, [external("st2-coord", target)]), chain(hosts)), "ST2-EXP-017")

test_externalname_st2_connects_through_denied if {
	some f in exp017("etcd.example.net", ["st2-coord"])
	f.params.service == "st2-coord"
	f.params.host == "etcd.example.net"
}

test_externalname_st2_does_not_use_allowed if count(exp017("etcd.example.net", ["st2-rabbitmq"])) == 0

test_externalname_inside_allowed if count(exp017("etcd.other.svc.cluster.local", ["st2-coord"])) == 0

test_externalname_listed_store_allowed if {
	fs := fx.eval_facts("production", array.concat(fx.baseline, [external("st2-coord", "etcd.managed.example.net")]), chain(["st2-coord"])) with data.settings.exposure.external_stores as ["*.managed.example.net"]
	count(fx.of_rule(fs, "ST2-EXP-017")) == 0
}

# --- ST2-SEC-040 ---------------------------------------------------------------------------------

# st2api (or a store) mounting the ConfigMap st2-logcfg, whose handler sends to host.
logs_render(app) := array.concat(fx.baseline, [
	json.patch(fx.deployment(app, 2), [
		{"op": "add", "path": "/metadata/name", "value": "st2-logs-reader"},
		{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "logcfg", "configMap": {"name": "st2-logcfg"}}]},
	]),
	fx.config_map("st2-logcfg", {"logging.conf": "[handlers]\nkeys=remote\n"}),
])

log_facts(render, host, tls) := {"secret_values": [], "store_links": [{"resource": count(render) - 1, "path": ["data", "logging.conf"], "store": "st2-logs", "link": "log-handler", "host": host, "tls": tls}]}

sec040(app, host, tls) := fx.of_rule(fx.eval_facts("production", logs_render(app), log_facts(logs_render(app), host, tls)), "ST2-SEC-040")

test_st2_log_handler_outside_denied if {
	some f in sec040("st2api", "logs.example.net", false)
	f.params.host == "logs.example.net"
	count(sec040("st2actionrunner", "collector.example.net", true)) == 1
}

test_st2_log_handler_inside_or_not_st2_allowed if {
	count(sec040("st2api", "localhost", false)) == 0
	count(sec040("st2api", "syslog.logging.svc.cluster.local", false)) == 0
	# A store's pod mounting a logging config is not st2's logging.
	count(sec040("rabbitmq", "logs.example.net", false)) == 0
}

# --- ST2-HRD-027: an image volume in the packs directory -----------------------------------------

runner_with_image_volume(ref, mount_path) := json.patch(fx.deployment("st2actionrunner", 2), [
	{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "ext", "image": {"reference": ref, "pullPolicy": "Always"}}]},
	{"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts", "value": [{"name": "ext", "mountPath": mount_path}]},
])

hrd027(ref, mount_path) := fx.of_rule(fx.eval("production", array.concat(fx.baseline, [runner_with_image_volume(ref, mount_path)])), "ST2-HRD-027")

test_image_volume_in_packs_from_unlisted_publisher_denied if {
	some f in hrd027("ghcr.io/someone/st2-packs:latest", "/opt/stackstorm/packs/ext")
	f.params.reason == "image-volume-packs"
	count(hrd027("docker.io/someone/venvs:1", "/opt/stackstorm/virtualenvs")) == 1
}

test_image_volume_own_registry_or_elsewhere_allowed if {
	count(hrd027("registry.corp.example/st2/packs:1.2.0", "/opt/stackstorm/packs/ext")) == 0
	count(hrd027("ghcr.io/someone/models:latest", "/srv/models")) == 0
}
