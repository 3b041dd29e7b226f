# The sixteenth round's loader doubts (test/policy/redteam/fresh16-loads.ts):
# an emptyDir on a loader's path that only copies out of images fill
# (src/policy/volume-fills.ts: the fact's `images`) passes ST2-SEC-030 when
# every image is pinned (ST2-HRD-001) and from a listed publisher
# (ST2-HRD-027); a run-time writer nobody can read carries no images.
package st2_test.redteam16_loads

import data.st2_test.fixtures as fx

runner := fx.index_of(fx.baseline, "Deployment", "st2-st2actionrunner")

path := ["spec", "template", "spec", "containers", 0]

eval_effects(profile, effects) := fx.eval_facts(profile, fx.baseline, {"secret_values": [], "command_effects": effects})

filled(images) := {"resource": runner, "path": path, "program": "env", "effect": "preload", "file": "/opt/vendor/lib", "variable": "LD_LIBRARY_PATH", "images": images}

sec030(fs) := {[f.severity, f.params.file] | some f in fs; f.rule == "ST2-SEC-030"}

test_copied_out_of_pinned_listed_images_passes if {
	every images in [
		["stackstorm/st2actionrunner:3.8.1"],
		["registry.corp.example/st2/vendor-libs:1.4.2"],
		["busybox:1.36.1", "stackstorm/st2api:3.8.1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"],
	] {
		sec030(eval_effects("production", [filled(images)])) == set()
	}
}

test_unpinned_or_unlisted_image_is_denied if {
	every images in [
		["stackstorm/st2actionrunner:latest"],
		["stackstorm/st2actionrunner"],
		["someone/vendor-libs:1.0"],
		["ghcr.io/someone/libs:2.0"],
		["stackstorm/st2api:3.8.1", "someone/libs:1.0"],
	] {
		sec030(eval_effects("production", [filled(images)])) == {["deny", "/opt/vendor/lib"]}
	}
}

test_no_images_is_denied if {
	sec030(eval_effects("production", [filled([])])) == {["deny", "/opt/vendor/lib"]}
	sec030(eval_effects("production", [object.remove(filled([]), ["images"])])) == {["deny", "/opt/vendor/lib"]}
}

loaded(file, variable) := {"resource": runner, "path": path, "program": "env", "effect": "preload", "file": file, "variable": variable}

# PYTHONHOME's library, RabbitMQ's plugins directory and erl's -eval (rabbitmq-env.conf's
# variables arrive as the RABBITMQ_ ones) are loaded code as LD_LIBRARY_PATH's are.
test_pythonhome_plugins_and_eval_are_denied if {
	every e in [
		loaded("/opt/pyhome", "PYTHONHOME"),
		loaded("/opt/erl", "RABBITMQ_PLUGINS_DIR"),
		loaded("-eval", "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"),
	] {
		sec030(eval_effects("production", [e])) == {["deny", e.file]}
		sec030(eval_effects("dev", [e])) == {["warn", e.file]}
	}
}

test_pythonhome_copied_out_of_a_pinned_image_passes if {
	e := object.union(loaded("/opt/pyhome", "PYTHONHOME"), {"images": ["registry.corp.example/python:3.8.19"]})
	sec030(eval_effects("production", [e])) == set()
}
