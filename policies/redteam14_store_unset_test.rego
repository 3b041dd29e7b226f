# The fourteenth red team's st2 processes started without the config file holding their stores
# (test/policy/redteam/fresh15-cfg.ts): src/policy/st2-store-unset.ts reports an option left
# on the image's default; the policy judges it on the processes it concerns (ST2-HRD-014).
package st2_test.redteam14_store_unset

import data.st2_test.fixtures as fx

path := ["spec", "template", "spec", "containers", 0]

at(app) := fx.index_of(fx.baseline, "Deployment", sprintf("st2-%s", [app]))

# A hook Job after the baseline's resources: its st2 tool has no service role.
hook := {
	"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "st2-register-content"},
	"spec": {"template": {"spec": {"restartPolicy": "OnFailure", "containers": [{
		"name": "st2-register-content", "image": "stackstorm/st2actionrunner:3.8.1",
		"command": ["/opt/stackstorm/st2/bin/st2-register-content"], "args": ["--register-all"],
	}]}}},
}

resources := array.concat(fx.baseline, [hook])

unset(resource, problem, program) := {"st2_transport": [{"resource": resource, "path": path, "problem": problem, "detail": "x", "program": program}]}

found(profile, facts) := {[f.rule, f.severity] | some f in fx.eval_facts(profile, resources, facts); f.rule == "ST2-HRD-014"}

test_store_options_left_unset_by_process if {
	job := count(fx.baseline)
	cases := [
		# [profile, resource, problem, program, expected]
		["production", at("st2api"), "messaging-url-unset", "st2api", {["ST2-HRD-014", "deny"]}],
		["staging", at("st2scheduler"), "database-user-unset", "st2scheduler", {["ST2-HRD-014", "deny"]}],
		["production", at("st2actionrunner"), "database-host-unset", "st2actionrunner", {["ST2-HRD-014", "deny"]}],
		["production", at("st2actionrunner"), "datastore-key-unset", "st2actionrunner", {["ST2-HRD-014", "deny"]}],
		["dev", at("st2api"), "messaging-url-unset", "st2api", {["ST2-HRD-014", "warn"]}],
		# st2auth and st2stream read no datastore key.
		["production", at("st2auth"), "datastore-key-unset", "st2auth", set()],
		# The hook tools connect to both stores; they read no key.
		["production", job, "messaging-url-unset", "st2-register-content", {["ST2-HRD-014", "deny"]}],
		["production", job, "database-user-unset", "st2-apply-rbac-definitions", {["ST2-HRD-014", "deny"]}],
		["production", job, "datastore-key-unset", "st2-register-content", set()],
		# Another program in a Job (no role, not a known tool) is not judged.
		["production", job, "messaging-url-unset", "st2-run-pack-tests", set()],
	]
	every c in cases {
		found(c[0], unset(c[1], c[2], c[3])) == c[4]
	}
}

coordination_rules(profile, facts) := {[f.rule, f.severity] | some f in fx.eval_facts(profile, resources, facts); f.rule in {"ST2-HRD-014", "ST2-REP-006"}}

# Without [coordination] url the process takes tooz's NoOpDriver: no crash, but its locks exclude
# nobody: ST2-REP-006 where the role runs more than one process, never ST2-HRD-014.
test_coordination_left_unset_by_process if {
	cases := [
		["production", at("st2workflowengine"), "st2workflowengine", {["ST2-REP-006", "deny"]}],
		["dev", at("st2scheduler"), "st2scheduler", {["ST2-REP-006", "deny"]}],
		# st2api takes no coordination lock; the hook tools are no role.
		["production", at("st2api"), "st2api", set()],
		["production", count(fx.baseline), "st2-register-content", set()],
	]
	every c in cases {
		coordination_rules(c[0], unset(c[1], "coordination-url-unset", c[2])) == c[3]
	}
}
