# The thirteenth attacker's singletons named without their names (test/policy/redteam/fresh14-sing2.ts
# has the overlays): probe commands read for roles as hooks are, and the lines the TypeScript side
# resolves from shell patterns, find and Python pieces (src/policy/hidden-programs.ts) read as a
# script's text.
package st2_test.redteam14_sing2

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

with_probe(app, kind, command) := fx.replace(fx.baseline, "Deployment", concat("", ["st2-", app]), json.patch(fx.base("Deployment", concat("", ["st2-", app])), [{"op": "add", "path": concat("/", ["/spec/template/spec/containers/0", kind]), "value": {"exec": {"command": command}, "periodSeconds": 10}}]))

# The kubelet runs an exec probe's command in the container; what it backgrounds outlives the probe.
test_exec_probes_run_what_they_name if {
	start_sensors := ["sh", "-c", "pgrep -f st2sensorcontainer || (nohup /opt/stackstorm/st2/bin/st2sensorcontainer --config-file=/etc/st2/st2.conf &); true"]
	start_timers := ["sh", "-c", "nohup /opt/stackstorm/st2/bin/st2timersengine --config-file=/etc/st2/st2.conf &"]
	"ST2-REP-002" in rules_of(fx.eval("production", with_probe("st2rulesengine", "startupProbe", start_sensors)))
	every kind in ["startupProbe", "livenessProbe", "readinessProbe"] {
		"ST2-REP-001" in rules_of(fx.eval("production", with_probe("st2api", kind, start_timers)))
	}
}

test_exec_probes_that_only_ask_pass if {
	every probe in [["nc", "-z", "127.0.0.1", "9101"], ["sh", "-c", "/opt/stackstorm/st2/bin/st2 --version"], ["test", "-f", "/etc/st2/st2.conf"]] {
		count(fx.eval("production", with_probe("st2rulesengine", "livenessProbe", probe))) == 0
	}
	# A probe naming the container's own service counts nothing new.
	count(fx.eval("production", with_probe("st2timersengine", "livenessProbe", ["pgrep", "-f", "st2timersengine"]))) == 0
}

test_probe_texts_are_hook_texts if {
	c := {"image": "busybox", "command": ["nc", "-z", "st2api", "9101"], "readinessProbe": {"exec": {"command": ["sh", "-c", "st2notifier &"]}}}
	data.st2.lib.container_roles(c) == {"st2notifier"}
	data.st2.lib.raw_command_texts(c) == ["nc", "-z", "st2api", "9101", "sh", "-c", "st2notifier &"]
	data.st2.lib.container_roles({"image": "busybox", "livenessProbe": {"httpGet": {"path": "/st2timersengine", "port": 80}}}) == set()
}

# --- Lines the TypeScript side resolved (a pattern, find, Python pieces) -----------------------------

runner_path := ["spec", "template", "spec", "containers", 0]

maint := {
	"apiVersion": "apps/v1", "kind": "Deployment",
	"metadata": {"name": "st2-maint", "namespace": fx.ns},
	"spec": {"replicas": 1, "selector": {"matchLabels": {"app": "maint"}}, "template": {
		"metadata": {"labels": {"app": "maint"}},
		"spec": {"containers": [object.union(fx.container("st2actionrunner"), {"name": "maint", "command": ["sh", "-c", "exec /opt/stackstorm/st2/bin/st2tim*engine"]})]},
	}},
}

resolved_rules(text) := rules_of(fx.eval_facts("production", fx.plus(fx.baseline, maint), {"st2_scripts": {format_int(fx.next, 10): [{"path": runner_path, "text": text, "unresolved": false}]}}))

test_resolved_hidden_programs_table if {
	cases := [
		["st2timersengine --config-file=/etc/st2/st2.conf", {"ST2-REP-001"}],
		["st2reactor.cmd.timersengine", {"ST2-REP-001"}],
		["/opt/stackstorm/st2/bin/st2timersengine", {"ST2-REP-001"}],
		["st2reactor.cmd.sensormanager", {"ST2-REP-002", "ST2-REP-003"}],
		["st2actionrunner --config-file=/etc/st2/st2.conf", set()],
	]
	every c in cases {
		resolved_rules(c[0]) == c[1]
	}
}
