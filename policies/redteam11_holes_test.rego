# The eleventh red team's holes (test/policy/redteam/fresh12-holes.ts): options
# that stop or stall the st2 service using them, judged on a container running
# that service (facts from src/policy/st2-role-options.ts).
package st2_test.redteam11_holes

import data.st2_test.fixtures as fx

path := ["spec", "template", "spec", "containers", 0]

at(app) := format_int(fx.index_of(fx.baseline, "Deployment", sprintf("st2-%s", [app])), 10)

chain_of(extra) := object.union({
	"path": path, "rbac": "on", "auth": "on", "rbac_file": "", "auth_file": "",
	"mask_api": "on", "mask_log": "on", "mask_api_file": "", "mask_log_file": "",
	"config_error": null, "loopback": [], "sensor_unpinned": "", "role_problems": [],
}, extra)

problem(role) := {"role": role, "file": "/etc/st2/st2.user.conf", "why": "x", "source": null}

hrd009(profile, app, role) := {f.severity |
	some f in fx.eval_facts(profile, fx.baseline, {"st2_chains": {at(app): [chain_of({"role_problems": [problem(role)]})]}})
	f.rule == "ST2-HRD-009"
}

test_role_problems_by_service if {
	cases := [
		# [profile, container's service, problem's service, severities]
		["production", "st2scheduler", "st2scheduler", {"deny"}],
		["production", "st2garbagecollector", "st2garbagecollector", {"deny"}],
		["staging", "st2auth", "st2auth", {"deny"}],
		["dev", "st2api", "st2api", {"warn"}],
		# '' : every st2 service (the database, the system packs).
		["production", "st2api", "", {"deny"}],
		# A garbage collector TTL does not stop st2api; a pool size does not stop the runners' scheduler.
		["production", "st2api", "st2garbagecollector", set()],
		["production", "st2actionrunner", "st2scheduler", set()],
	]
	every c in cases {
		hrd009(c[0], c[1], c[2]) == c[3]
	}
}

test_no_role_problem_no_finding if {
	fs := fx.eval_facts("production", fx.baseline, {"st2_chains": {at("st2scheduler"): [chain_of({})]}})
	not "ST2-HRD-009" in {f.rule | some f in fs}
}
