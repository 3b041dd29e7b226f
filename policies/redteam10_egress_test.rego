# The tenth red team's exfiltration and supply-chain classes
# (test/policy/redteam/fresh11-edge.ts), from the facts the TypeScript side
# reports (input.facts.command_effects: egress-env.ts, install-sources.ts,
# exfil-channels.ts, fetch-exec.ts): ST2-SEC-016's new channels, ST2-SEC-019
# over https, ST2-SEC-022..024, and what stays allowed beside each.
package st2_test.redteam10_egress

import data.st2_test.fixtures as fx

severities(fs, rule) := {f.severity | some f in fs; f.rule == rule}

runner := fx.index_of(fx.baseline, "Deployment", "st2-st2actionrunner")

# A workload that runs nothing of st2's: a backup Job's pod.
backup := count(fx.baseline)

# The runners read st2-auth (a Secret st2 uses, so sending it is ST2-SEC-016).
runner_reading_auth := json.patch(fx.base("Deployment", "st2-st2actionrunner"), [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": [{"name": "P", "valueFrom": {"secretKeyRef": {"name": "st2-auth", "key": "password"}}}]}])

with_backup := fx.plus(fx.replace(fx.baseline, "Deployment", "st2-st2actionrunner", runner_reading_auth), {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "backup", "namespace": fx.ns}, "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "busybox:1.36.1", "resources": {"limits": {"cpu": "100m", "memory": "64Mi"}}, "securityContext": {"allowPrivilegeEscalation": false}}]}}}})

path := ["spec", "template", "spec", "containers", 0]

eval_effects(profile, effects) := fx.eval_facts(profile, with_backup, {"secret_values": [], "command_effects": effects})

effect(resource, fields) := object.union({"resource": resource, "path": path, "program": "env"}, fields)

test_https_code_run_from_a_moving_url if {
	moving := effect(runner, {"program": "curl", "effect": "fetch-run", "host": "raw.githubusercontent.com", "internal": false, "tls": true, "pinned": false})
	severities(eval_effects("production", [moving]), "ST2-SEC-019") == {"deny"}
	pinned := object.union(moving, {"pinned": true})
	severities(eval_effects("production", [pinned]), "ST2-SEC-019") == set()
	plain_pinned := object.union(moving, {"tls": false, "pinned": true})
	severities(eval_effects("production", [plain_pinned]), "ST2-SEC-019") == {"deny"}
}

proxy(resource, internal, bypasses) := effect(resource, {"effect": "proxy", "variable": "HTTP_PROXY", "host": "proxy.vendor.net", "internal": internal, "bypasses_st2": bypasses})

test_st2_calls_through_an_outside_proxy if {
	severities(eval_effects("production", [proxy(runner, false, false)]), "ST2-SEC-022") == {"deny"}
	severities(eval_effects("dev", [proxy(runner, false, false)]), "ST2-SEC-022") == {"warn"}
	# NO_PROXY covering st2, a proxy in the cluster, a pod that runs nothing of st2's.
	severities(eval_effects("production", [proxy(runner, false, true)]), "ST2-SEC-022") == set()
	severities(eval_effects("production", [proxy(runner, true, false)]), "ST2-SEC-022") == set()
	severities(eval_effects("production", [proxy(backup, false, false)]), "ST2-SEC-022") == set()
}

test_python_startup_hook_sending_out if {
	hook := effect(runner, {"effect": "python-hook", "file": "/opt/hooks/sitecustomize.py", "host": "telemetry.collector.io", "internal": false})
	severities(eval_effects("production", [hook]), "ST2-SEC-023") == {"deny"}
	severities(eval_effects("production", []), "ST2-SEC-023") == set()
}

test_native_library_preloaded_from_the_render if {
	preload := effect(runner, {"effect": "preload", "file": "/opt/preload/libaudit.so"})
	severities(eval_effects("production", [preload]), "ST2-SEC-030") == {"deny"}
	severities(eval_effects("staging", [preload]), "ST2-SEC-030") == {"deny"}
	severities(eval_effects("dev", [preload]), "ST2-SEC-030") == {"warn"}
	severities(eval_effects("production", []), "ST2-SEC-030") == set()
}

install(problem, host, internal) := effect(runner, {"effect": "install", "variable": "", "source": "pip", "problem": problem, "host": host, "internal": internal})

test_installs_from_plain_http_trusted_hosts_and_branches if {
	every e in [install("plain-http", "pypi-mirror.example.net", false), install("trusted-host", "pypi-mirror.example.net", false), object.union(install("branch", "github.com", false), {"source": "pack"})] {
		severities(eval_effects("production", [e]), "ST2-SEC-024") == {"deny"}
	}
	severities(eval_effects("staging", [install("branch", "github.com", false)]), "ST2-SEC-024") == {"deny"}
	# A devpi Service in the cluster is judged by what serves it.
	severities(eval_effects("production", [install("plain-http", "devpi", true)]), "ST2-SEC-024") == set()
}

upload(program, payload, destination) := effect(backup, {"program": program, "effect": "upload", "destination": destination, "bucket": "", "internal": false, "payload": payload, "secret": "st2-auth"})

test_new_channels_are_uploads_like_any_other if {
	every e in [upload("python3", "store-dump", "dumps.partner.io"), upload("ssh", "store-dump", "203.0.113.50"), upload("nslookup", "secret", "x.exfil-zone.net")] {
		severities(eval_effects("production", [e]), "ST2-SEC-016") == {"deny"}
	}
	# A listed backup location is allowed (settings.delivery.backup_locations).
	severities(eval_effects("production", [upload("ssh", "store-dump", "backup.corp.example")]), "ST2-SEC-016") == {"deny"}
	listed := data.st2.findings with input as {"profile": "production", "environment": "production", "resources": with_backup, "facts": {"secret_values": [], "command_effects": [upload("ssh", "store-dump", "backup.corp.example")]}}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.namespaces as fx.listed_namespaces
		with data.settings.delivery.singleton_names as fx.singleton_names
		with data.settings.delivery.backup_locations as ["backup.corp.example"]
	severities(listed, "ST2-SEC-016") == set()
}
