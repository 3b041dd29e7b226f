# The eleventh red team's st2-config egress and supply-chain classes
# (test/policy/redteam/fresh12-egress.ts), from the facts the TypeScript side
# reports: option_urls and option_installs of each st2 process's chain
# (st2-option-egress.ts), "st2-url" and git "tls-off" effects of a container's
# environment (egress-env.ts, install-sources.ts). ST2-SEC-016/017's new
# channels are TypeScript facts of effects ST2-SEC-016 already judges.
package st2_test.redteam11_egress

import data.st2_test.fixtures as fx

path := ["spec", "template", "spec", "containers", 0]

runner := fx.index_of(fx.baseline, "Deployment", "st2-st2actionrunner")

chain(urls, installs) := {"st2_chains": {format_int(runner, 10): [{"path": path, "option_urls": urls, "option_installs": installs}]}}

rules_for(profile, facts) := {[f.rule, f.severity] | some f in fx.eval_facts(profile, fx.baseline, object.union({"secret_values": []}, facts))}

url(option, host, tls, internal) := {"option": option, "host": host, "tls": tls, "internal": internal, "file": "/etc/st2/st2.user.conf"}

test_api_url_outside_the_cluster if {
	cases := [
		[url("auth.api_url", "api.st2-cloud.example.net", true, false), true],
		[url("auth.api_url", "203.0.113.20", false, false), true],
		# The baseline's own st2web host (its Ingress) over https passes; over http it does not.
		[url("auth.api_url", "st2.example.test", true, false), false],
		[url("auth.api_url", "st2.example.test", false, false), true],
		[url("auth.api_url", "st2api", false, true), false],
	]
	every c in cases {
		(["ST2-SEC-025", "deny"] in rules_for("production", chain([c[0]], []))) == c[1]
	}
	["ST2-SEC-025", "warn"] in rules_for("dev", chain([url("auth.api_url", "api.st2-cloud.example.net", true, false)], []))
}

st2_url(host, internal) := {"resource": runner, "path": path, "program": "env", "effect": "st2-url", "variable": "ST2_AUTH_URL", "host": host, "tls": true, "internal": internal}

test_st2_client_endpoints_outside_the_cluster if {
	["ST2-SEC-025", "deny"] in rules_for("production", {"command_effects": [st2_url("login.example.org", false)]})
	not ["ST2-SEC-025", "deny"] in rules_for("production", {"command_effects": [st2_url("st2auth", true)]})
}

test_pack_index_from_an_unlisted_host if {
	cases := [
		[url("content.index_url", "packs.example.net", true, false), true],
		[url("content.index_url", "index.stackstorm.org", false, false), true],
		[url("content.index_url", "index.stackstorm.org", true, false), false],
		[url("content.index_url", "pack-index.tools.svc.cluster.local", false, true), false],
	]
	every c in cases {
		(["ST2-SEC-026", "deny"] in rules_for("production", chain([c[0]], []))) == c[1]
	}
}

test_pack_index_host_listed_in_settings if {
	fs := data.st2.findings with input as {"profile": "production", "environment": "production", "resources": fx.baseline, "facts": object.union({"secret_values": []}, chain([url("content.index_url", "packs.corp.example", true, false)], []))}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.pack_index_hosts as ["packs.corp.example"]
	not "ST2-SEC-026" in {f.rule | some f in fs}
}

test_pip_opts_plain_http_or_trusted_host if {
	plain := {"source": "pip", "problem": "plain-http", "host": "pypi.example.org", "internal": false, "file": "/etc/st2/st2.user.conf"}
	["ST2-SEC-024", "deny"] in rules_for("production", chain([], [plain]))
	not ["ST2-SEC-024", "deny"] in rules_for("production", chain([], [object.union(plain, {"internal": true})]))
}

test_git_without_tls_checks if {
	off := {"resource": runner, "path": path, "program": "env", "effect": "install", "variable": "GIT_SSL_NO_VERIFY", "source": "git", "problem": "tls-off", "host": "", "internal": false}
	["ST2-SEC-024", "deny"] in rules_for("production", {"command_effects": [off]})
}

# --- ST2-HRD-027: images from an unlisted publisher ------------------------------------------------

mongo_sts := fx.base("StatefulSet", "st2-mongodb")

with_image(img) := fx.replace(fx.baseline, "StatefulSet", "st2-mongodb", json.patch(mongo_sts, [{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": img}]))

publisher_rules(resources) := {[f.rule, f.severity] | some f in fx.eval_facts("production", resources, {"secret_values": []})}

test_store_image_from_an_unlisted_publisher if {
	["ST2-HRD-027", "deny"] in publisher_rules(with_image("docker.io/m0ngodb/mongo:4.4.29"))
	every img in ["mongo:4.4.29", "docker.io/library/mongo:4.4.29", "docker.io/mongo:4.4.29", "bitnamilegacy/mongodb:4.4.15", "percona/percona-server-mongodb:4.4.29-28"] {
		not ["ST2-HRD-027", "deny"] in publisher_rules(with_image(img))
	}
}

with_sidecar(ctr) := fx.replace(fx.baseline, "StatefulSet", "st2-mongodb", json.patch(mongo_sts, [{"op": "add", "path": "/spec/template/spec/containers/-", "value": ctr}]))

test_a_stranger_beside_a_store_with_its_secret if {
	reads := {"name": "x", "image": "quay.io/someone/tool:1.0", "env": [{"name": "P", "valueFrom": {"secretKeyRef": {"name": "mongodb-admin", "key": "password"}}}]}
	["ST2-HRD-027", "deny"] in publisher_rules(with_sidecar(reads))
	not ["ST2-HRD-027", "deny"] in publisher_rules(with_sidecar(object.remove(reads, ["env"])))
	not ["ST2-HRD-027", "deny"] in publisher_rules(with_sidecar(object.union(reads, {"image": "busybox:1.36.1"})))
}

test_publishers_listed_in_settings if {
	fs := data.st2.findings with input as {"profile": "production", "environment": "production", "resources": with_image("ghcr.io/corp-mirror/mongo:4.4.29"), "facts": {"secret_values": []}}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.images.trusted_prefixes as ["ghcr.io/corp-mirror/"]
	not "ST2-HRD-027" in {f.rule | some f in fs}
}
