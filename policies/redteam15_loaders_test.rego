# The fifteenth red team's loader families (test/policy/redteam/fresh15-loaders.ts):
# ST2-SEC-030 reads every loader src/policy/native-loaders.ts reports
# (input.facts.command_effects, effect "preload"): LD_PRELOAD, LD_AUDIT, a
# library LD_LIBRARY_PATH finds on a volume, an Erlang -pa/-pz code path.
# A script BASH_ENV names is judged as the container's command is (no fact of
# its own: it joins the container's scripts in command-effects.ts).
package st2_test.redteam15_loaders

import data.st2_test.fixtures as fx

runner := fx.index_of(fx.baseline, "Deployment", "st2-st2actionrunner")

path := ["spec", "template", "spec", "containers", 0]

eval_effects(profile, effects) := fx.eval_facts(profile, fx.baseline, {"secret_values": [], "command_effects": effects})

loaded(file, variable) := {"resource": runner, "path": path, "program": "env", "effect": "preload", "file": file, "variable": variable}

sec030(fs) := {[f.severity, f.params.variable, f.params.file] | some f in fs; f.rule == "ST2-SEC-030"}

test_every_loader_from_a_volume_is_denied if {
	every e in [
		loaded("/opt/lib/libz.so.1", "LD_LIBRARY_PATH"),
		loaded("/opt/lib/audit.so", "LD_AUDIT"),
		loaded("/opt/erl/hook.beam", "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"),
		loaded("/opt/fill", "LD_LIBRARY_PATH"),
	] {
		sec030(eval_effects("production", [e])) == {["deny", e.variable, e.file]}
		sec030(eval_effects("staging", [e])) == {["deny", e.variable, e.file]}
		sec030(eval_effects("dev", [e])) == {["warn", e.variable, e.file]}
	}
}

test_a_preload_fact_without_a_variable_reads_as_ld_preload if {
	e := object.remove(loaded("/opt/preload/libaudit.so", ""), ["variable"])
	sec030(eval_effects("production", [e])) == {["deny", "LD_PRELOAD", "/opt/preload/libaudit.so"]}
}

# The image's own directories give no fact: nothing is found.
test_no_loaded_code_no_finding if {
	sec030(eval_effects("production", [])) == set()
}
