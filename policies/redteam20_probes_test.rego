# Store probes that can never pass (twentieth round, src/policy/probe-never.ts):
# a mongo shell whose --eval always quits non-zero and a RabbitMQ CLI asking a
# node the pod does not run (ST2-OPS-066), an httpGet on etcd's peer listener of
# a path it answers with 404 (ST2-OPS-031). The facts say what the text decides;
# a probe the facts leave out is allowed.
package st2_test.redteam20_probes

import data.st2_test.fixtures as fx

# The baseline and an etcd cluster.
resources := array.concat(fx.baseline, [fx.statefulset("etcd", 3)])

never(kind, name, handler, probe, problem) := {"secret_values": [], "probe_never": [{
	"resource": fx.index_of(resources, "StatefulSet", name),
	"path": ["spec", "template", "spec", "containers", 0, probe, handler_field[handler]],
	"container": kind,
	"probe": probe,
	"handler": handler,
	"problem": problem,
}]}

handler_field := {"exec": "exec", "http": "httpGet"}

judged(profile, facts) := {[f.rule, f.severity] | some f in fx.eval_facts(profile, resources, facts); f.rule in {"ST2-OPS-031", "ST2-OPS-066"}}

test_probes_that_never_pass if {
	every case in [
		[never("mongodb", "st2-mongodb", "exec", "livenessProbe", "its --eval script always quits with 1"), "production", {["ST2-OPS-066", "deny"]}],
		[never("rabbitmq", "st2-rabbitmq", "exec", "readinessProbe", "-n rabbit@nowhere names a node this pod does not run"), "staging", {["ST2-OPS-066", "deny"]}],
		[never("etcd", "st2-etcd", "http", "livenessProbe", "etcd's peer listener on 2380 does not serve /health (404)"), "production", {["ST2-OPS-031", "deny"]}],
		[never("rabbitmq", "st2-rabbitmq", "exec", "startupProbe", "-n rabbit@nowhere names a node this pod does not run"), "dev", {["ST2-OPS-066", "warn"]}],
	] {
		judged(case[1], case[0]) == case[2]
	}
}

test_probes_the_facts_leave_alone if {
	every facts in [
		{"secret_values": [], "probe_never": []},
		{"secret_values": []},
	] {
		judged("production", facts) == set()
	}
}
