# The fifteenth red team's TLS classes (test/policy/redteam/fresh15-tls.ts),
# from the facts the TypeScript side reports (src/policy/tls-trust.ts,
# fetch-exec.ts fetchedArchives): an outside HTTPS proxy beside a CA the pod
# supplies (ST2-SEC-048), CURL_CA_BUNDLE empty (ST2-SEC-049), and a tarball
# unpacked into st2's packs from an unlisted host (ST2-SEC-024).
package st2_test.redteam15_tls

import data.st2_test.fixtures as fx

main := ["spec", "template", "spec", "containers", 0]

runner := fx.index_of(fx.baseline, "Deployment", "st2-st2actionrunner")

sensor := fx.index_of(fx.baseline, "Deployment", "st2-st2sensorcontainer")

web := fx.index_of(fx.baseline, "Deployment", "st2-st2web")

intercept(i, host, internal) := {"resource": i, "path": main, "program": "env", "effect": "tls-intercept", "variable": "HTTPS_PROXY", "host": host, "internal": internal, "ca": "REQUESTS_CA_BUNDLE"}

tls_off(i) := {"resource": i, "path": main, "program": "env", "effect": "tls-off", "variable": "CURL_CA_BUNDLE"}

rules_for(profile, effects) := {[f.rule, f.severity] | some f in fx.eval_facts(profile, fx.baseline, {"secret_values": [], "command_effects": effects})}

test_outside_proxy_with_pod_ca_in_runners_and_sensors if {
	cases := [
		[intercept(runner, "proxy.outside-vendor.net", false), true],
		[intercept(sensor, "203.0.113.44", false), true],
		# The cluster's own egress proxy, and a container that runs no action or sensor.
		[intercept(runner, "squid.egress.svc.cluster.local", true), false],
		[intercept(web, "proxy.outside-vendor.net", false), false],
	]
	every c in cases {
		(["ST2-SEC-048", "deny"] in rules_for("production", [c[0]])) == c[1]
	}
	["ST2-SEC-048", "warn"] in rules_for("dev", [intercept(runner, "proxy.outside-vendor.net", false)])
}

# The owner's TLS-inspecting egress proxy (their CA, their key) passes once listed.
test_listed_inspecting_proxy_passes if {
	fs := data.st2.findings with input as {"profile": "production", "environment": "production", "resources": fx.baseline, "facts": {"secret_values": [], "command_effects": [intercept(runner, "proxy.corp.example", false)]}}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.inspecting_proxy_hosts as ["Proxy.Corp.Example"]
	not "ST2-SEC-048" in {f.rule | some f in fs}
}

test_curl_ca_bundle_empty_in_runners_and_sensors if {
	["ST2-SEC-049", "deny"] in rules_for("production", [tls_off(runner)])
	["ST2-SEC-049", "deny"] in rules_for("staging", [tls_off(sensor)])
	not ["ST2-SEC-049", "deny"] in rules_for("production", [tls_off(web)])
	not ["ST2-SEC-049", "deny"] in rules_for("production", [])
}

# --- ST2-SEC-024: a downloaded tree unpacked where it fills st2's packs -------------------------------

init_path := ["spec", "template", "spec", "initContainers", 0]

runner_with_init(read_only) := json.patch(fx.base("Deployment", "st2-st2actionrunner"), [
	{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "packs", "emptyDir": {}}]},
	{"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts", "value": [{"name": "packs", "mountPath": "/opt/stackstorm/packs", "readOnly": true}]},
	{"op": "add", "path": "/spec/template/spec/initContainers", "value": [{"name": "fetch", "image": "busybox:1.36.1", "resources": {"limits": {"cpu": "100m", "memory": "64Mi"}}, "securityContext": {"allowPrivilegeEscalation": false}, "volumeMounts": [{"name": "packs", "mountPath": "/opt/stackstorm/packs-shared", "readOnly": read_only}]}]},
])

archive(host, internal) := {"resource": runner, "path": init_path, "program": "wget", "effect": "install", "variable": "", "source": "pack", "problem": "archive", "host": host, "internal": internal}

archive_rules(read_only, e) := {f.rule | some f in fx.eval_facts("production", fx.replace(fx.baseline, "Deployment", "st2-st2actionrunner", runner_with_init(read_only)), {"secret_values": [], "command_effects": [e]})}

test_archive_from_unlisted_host_into_packs_denies if {
	"ST2-SEC-024" in archive_rules(false, archive("downloads.packs.example.net", false))
}

test_archives_elsewhere_or_listed_pass if {
	not "ST2-SEC-024" in archive_rules(true, archive("downloads.packs.example.net", false))
	not "ST2-SEC-024" in archive_rules(false, archive("pack-mirror.st2-prod.svc", true))
	fs := data.st2.findings with input as {"profile": "production", "environment": "production", "resources": fx.replace(fx.baseline, "Deployment", "st2-st2actionrunner", runner_with_init(false)), "facts": {"secret_values": [], "command_effects": [archive("packs.corp.example", false)]}}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.package_source_hosts as ["packs.corp.example"]
	not "ST2-SEC-024" in {f.rule | some f in fs}
}
