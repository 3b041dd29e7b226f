# The fifteenth red team's module shadowing (test/policy/redteam/fresh15-pyshadow.ts):
# a module of the render under PYTHONPATH stands in for one st2 imports at start
# (src/policy/python-path.ts). Its sends come as the startup hooks' python-hook
# effect (ST2-SEC-023), its prints of a Secret as print-secret (ST2-SEC-017).
package st2_test.redteam15_pyshadow

import data.st2_test.fixtures as fx

severities(fs, rule) := {f.severity | some f in fs; f.rule == rule}

runner := fx.index_of(fx.baseline, "Deployment", "st2-st2actionrunner")

path := ["spec", "template", "spec", "containers", 0]

# The runners read st2-auth (a Secret st2 uses).
runner_reading_auth := json.patch(fx.base("Deployment", "st2-st2actionrunner"), [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": [{"name": "P", "valueFrom": {"secretKeyRef": {"name": "st2-auth", "key": "password"}}}]}])

eval_effects(profile, effects) := fx.eval_facts(profile, fx.replace(fx.baseline, "Deployment", "st2-st2actionrunner", runner_reading_auth), {"secret_values": [], "command_effects": effects})

effect(fields) := object.union({"resource": runner, "path": path, "program": "env"}, fields)

test_shadowing_module_sending_out_is_denied if {
	six := effect({"effect": "python-hook", "file": "/opt/pyhooks/six.py", "host": "collect.example.net", "internal": false, "module": true})
	severities(eval_effects("production", [six]), "ST2-SEC-023") == {"deny"}
	severities(eval_effects("staging", [six]), "ST2-SEC-023") == {"deny"}
	severities(eval_effects("dev", [six]), "ST2-SEC-023") == {"warn"}
	pkg := effect({"effect": "python-hook", "file": "/opt/pyhooks/requests/__init__.py", "host": "", "internal": false, "module": true})
	severities(eval_effects("production", [pkg]), "ST2-SEC-023") == {"deny"}
}

test_module_in_a_pod_without_st2_secrets_is_not_judged if {
	# A backup Job's reporter: no Secret of st2's to shadow a module of; a startup hook still counts.
	backup_job := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "report", "namespace": fx.ns}, "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "python:3.12.7-slim"}]}}}}
	docs := fx.plus(fx.replace(fx.baseline, "Deployment", "st2-st2actionrunner", runner_reading_auth), backup_job)
	job := count(fx.baseline)
	mod := {"resource": job, "path": path, "program": "env", "effect": "python-hook", "file": "/app/lib/notify.py", "host": "hooks.slack.com", "internal": false, "module": true}
	severities(fx.eval_facts("production", docs, {"secret_values": [], "command_effects": [mod]}), "ST2-SEC-023") == set()
	hook := object.union(mod, {"file": "/app/lib/sitecustomize.py", "module": false})
	severities(fx.eval_facts("production", docs, {"secret_values": [], "command_effects": [hook]}), "ST2-SEC-023") == {"deny"}
}

test_modules_that_send_nothing_outside_are_allowed if {
	# The TypeScript side reports no effect for a constants module or a send to the cluster.
	severities(eval_effects("production", []), "ST2-SEC-023") == set()
	severities(eval_effects("production", []), "ST2-SEC-017") == set()
}

test_shadowing_module_printing_a_secret_is_denied if {
	log := effect({"program": "python /opt/pyhooks/yaml.py", "effect": "print-secret", "secret": "st2-auth"})
	severities(eval_effects("production", [log]), "ST2-SEC-017") == {"deny"}
	# A Secret st2 does not use (a vendor's token of a side tool) is not st2's secret.
	other := object.union(log, {"secret": "vendor-dashboard-token"})
	severities(eval_effects("production", [other]), "ST2-SEC-017") == set()
}

test_compiled_module_on_pythonpath_is_a_preload if {
	pyc := effect({"effect": "preload", "file": "/opt/pyhooks/six.pyc"})
	severities(eval_effects("production", [pyc]), "ST2-SEC-030") == {"deny"}
	severities(eval_effects("dev", [pyc]), "ST2-SEC-030") == {"warn"}
}
