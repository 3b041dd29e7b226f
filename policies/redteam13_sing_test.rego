# The thirteenth attacker's singleton rollouts and crash loops (test/policy/redteam/fresh13-sing.ts
# has the overlays).
package st2_test.redteam13_sing

import data.st2_test.fixtures as fx

rules_of(profile, resources) := {[f.rule, f.severity] | some f in fx.eval(profile, resources)}

with_strategy(app, s) := fx.replace(fx.baseline, "Deployment", concat("", ["st2-", app]), json.patch(fx.base("Deployment", concat("", ["st2-", app])), [{"op": "replace", "path": "/spec/strategy", "value": s}]))

# A rolling update never waits for the old pod to stop (Terminating pods are not counted), so
# a singleton on one runs twice however small its surge; Recreate waits.
test_singletons_roll_only_by_recreate if {
	every s in [{"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}}, {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "0%", "maxUnavailable": "100%"}}, {"type": "RollingUpdate"}] {
		["ST2-REP-001", "deny"] in rules_of("dev", with_strategy("st2timersengine", s))
		["ST2-REP-002", "deny"] in rules_of("staging", with_strategy("st2sensorcontainer", s))
		["ST2-REP-002", "warn"] in rules_of("dev", with_strategy("st2sensorcontainer", s))
	}
	count(fx.eval("production", with_strategy("st2timersengine", {"type": "Recreate"}))) == 0
	count(fx.eval("production", with_strategy("st2sensorcontainer", {"type": "Recreate"}))) == 0
	# The HA services keep rolling.
	count(fx.eval("production", with_strategy("st2rulesengine", {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}}))) == 0
}

# A StatefulSet replaces a pod of the same name only once the old one is gone.
test_a_timers_statefulset_never_overlaps if {
	sts := json.patch(fx.statefulset("st2timersengine", 1), [{"op": "replace", "path": "/metadata/name", "value": "st2-st2timersengine"}])
	not "ST2-REP-001" in {f.rule | some f in fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2timersengine", sts))}
}

chain := {"path": ["spec", "template", "spec", "containers", 0], "rbac": "on", "auth": "on", "rbac_file": "", "auth_file": "", "mask_api": "on", "mask_log": "on", "mask_api_file": "", "mask_log_file": "", "missing_config": "", "bad_timezone": null}

# A --config-dir that is not there stops the process (oslo.config's ConfigDirNotFoundError).
test_ops023_missing_config_dir if {
	timers := fx.deployment("st2timersengine", 1)
	missing := {"st2_chains": {"0": [object.union(chain, {"missing_dir": "/etc/st2/conf.d"})]}}
	{[f.params.problem, f.params.file, f.severity] | some f in fx.eval_facts("production", [timers], missing); f.rule == "ST2-OPS-023"} == {["config directory not there", "/etc/st2/conf.d", "deny"]}
	{f.severity | some f in fx.eval_facts("dev", [timers], missing); f.rule == "ST2-OPS-023"} == {"warn"}
	every facts in [{"st2_chains": {"0": [object.union(chain, {"missing_dir": ""})]}}, {"st2_chains": {"0": [chain]}}] {
		every f in fx.eval_facts("production", [timers], facts) {
			f.rule != "ST2-OPS-023"
		}
	}
}
