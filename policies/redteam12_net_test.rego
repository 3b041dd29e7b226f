# The twelfth red team's misses closed by the net piece (test/policy/redteam/fresh13-net.ts):
# hostAliases for any name of the render, second timers engines behind shell indirection,
# package sources redirected outside st2.conf, preloads from writable volumes.
package st2_test.redteam12_net

import data.st2_test.fixtures as fx

# The baseline with MongoDB's StatefulSet governed by a headless Service "mongodb".
governed := fx.replace(fx.baseline, "StatefulSet", "st2-mongodb", json.patch(fx.base("StatefulSet", "st2-mongodb"), [{"op": "add", "path": "/spec/serviceName", "value": "mongodb"}]))

with_aliases(resources, names) := fx.replace(resources, "Deployment", "st2-st2actionrunner", json.patch(fx.base("Deployment", "st2-st2actionrunner"), [{"op": "add", "path": "/spec/template/spec/hostAliases", "value": [{"ip": "198.51.100.8", "hostnames": names}]}]))

ops007(resources) := {f.severity | some f in fx.eval("production", resources); f.rule == "ST2-OPS-007"}

test_host_aliases_for_names_of_the_render if {
	cases := [
		# [hostnames, denied?]
		[["st2-mongodb-0.mongodb"], true],
		[["st2-mongodb-2.mongodb.st2"], true],
		[["st2-mongodb-1.mongodb.st2.svc"], true],
		[["ST2-MONGODB-0.mongodb.st2.svc.cluster.local."], true],
		# A later ordinal resolves once the set scales.
		[["st2-mongodb-7.mongodb"], true],
		# Services in every form.
		[["st2-st2web"], true],
		[["st2-st2web.st2.svc.cluster.local"], true],
		# Not a member: a name beside the ordinal, another Service, another namespace.
		[["st2-mongodb-x.mongodb"], false],
		[["st2-mongodb-0.mongo"], false],
		[["st2-mongodb-0.mongodb.other.svc.cluster.local"], false],
		[["smtp.corp.example.com", "git.corp.example.com"], false],
	]
	every c in cases {
		(count(ops007(with_aliases(governed, c[0]))) > 0) == c[1]
	}
}

test_host_alias_for_a_named_pod if {
	named := fx.replace(fx.baseline, "Deployment", "st2-st2client", json.patch(fx.base("Deployment", "st2-st2client"), [
		{"op": "add", "path": "/spec/template/spec/hostname", "value": "ldap"},
		{"op": "add", "path": "/spec/template/spec/subdomain", "value": "dir"},
	]))
	ops007(with_aliases(named, ["ldap.dir"])) == {"deny"}
	ops007(with_aliases(named, ["ldap.corp"])) == set()
}

# --- A second timers engine named through the shell (src/policy/shell-expansion.ts) ---------------

container_path := ["spec", "template", "spec", "containers", 0]

gc_index := format_int(fx.index_of(fx.baseline, "Deployment", "st2-st2garbagecollector"), 10)

rep001(text) := {f.severity |
	some f in fx.eval_facts("production", fx.baseline, {"secret_values": [], "st2_scripts": {gc_index: [{"path": container_path, "text": text, "unresolved": false}]}})
	f.rule == "ST2-REP-001"
}

test_expanded_program_lines_count_as_what_they_run if {
	rep001("/opt/stackstorm/st2/bin/st2timersengine --config-file=/etc/st2/st2.conf") == {"deny"}
	rep001("/opt/stackstorm/st2/bin/st2garbagecollector --config-file=/etc/st2/st2.conf") == set()
}

# --- Package sources outside st2.conf (src/policy/package-sources.ts), ST2-SEC-024 ----------------

runner := fx.index_of(fx.baseline, "Deployment", "st2-st2actionrunner")

install(problem, host) := {"resource": runner, "path": container_path, "program": "env", "effect": "install", "variable": "PIP_EXTRA_INDEX_URL", "source": "pip", "problem": problem, "host": host, "internal": false}

sec024(effects) := {f.severity |
	some f in fx.eval_facts("production", fx.baseline, {"secret_values": [], "command_effects": effects})
	f.rule == "ST2-SEC-024"
}

test_sources_beside_or_instead_of_pypi if {
	sec024([install("extra-index", "pypi.vendor.example.net")]) == {"deny"}
	sec024([object.union(install("redirect", "git.vendor.example.net"), {"source": "git"})]) == {"deny"}

	# A replaced index outside the cluster must be listed by the bundle's owner.
	sec024([install("index", "pypi.vendor.example.net")]) == {"deny"}

	# The render's own Service by its short form.
	sec024([install("extra-index", "st2-st2web.st2")]) == set()
}

test_listed_package_sources if {
	listed := ["pypi.corp.example", "git.corp.example"]
	sec024([install("index", "pypi.corp.example")]) == set() with data.settings.delivery.package_source_hosts as listed
	sec024([install("extra-index", "pypi.corp.example")]) == set() with data.settings.delivery.package_source_hosts as listed
	sec024([install("index", "pypi.vendor.example.net")]) == {"deny"} with data.settings.delivery.package_source_hosts as listed

	# TLS checks off are never listed away.
	sec024([install("trusted-host", "pypi.corp.example")]) == {"deny"} with data.settings.delivery.package_source_hosts as listed
}

test_pip_opts_sources_are_judged_alike if {
	chain := {"path": container_path, "option_installs": [{"source": "pip", "problem": "extra-index", "host": "pypi.vendor.example.net", "internal": false, "file": "/etc/st2/st2.user.conf"}]}
	fs := fx.eval_facts("production", fx.baseline, {"secret_values": [], "st2_chains": {format_int(runner, 10): [chain]}})
	"ST2-SEC-024" in {f.rule | some f in fs}
	index := {"path": container_path, "option_installs": [{"source": "pip", "problem": "index", "host": "pypi.corp.example", "internal": false, "file": "/etc/st2/st2.user.conf"}]}
	fs2 := fx.eval_facts("production", fx.baseline, {"secret_values": [], "st2_chains": {format_int(runner, 10): [index]}}) with data.settings.delivery.package_source_hosts as ["pypi.corp.example"]
	not "ST2-SEC-024" in {f.rule | some f in fs2}
	fs3 := fx.eval_facts("production", fx.baseline, {"secret_values": [], "st2_chains": {format_int(runner, 10): [index]}})
	"ST2-SEC-024" in {f.rule | some f in fs3}
}
