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

# --- Stores probed in a protocol or for a time they cannot meet ---------------------------------

eval_ns(profile, resources, facts) := fs if {
	fs := data.st2.findings with input as {"profile": profile, "environment": profile, "namespace": fx.ns, "resources": resources, "facts": facts}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.namespaces as fx.listed_namespaces
		with data.settings.delivery.singleton_names as fx.singleton_names
}

store(app, image, startup) := json.patch(fx.statefulset(app, 3), [
	{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": image},
	{"op": "add", "path": "/spec/template/spec/containers/0/startupProbe", "value": startup},
])

startup_findings(app, image, startup) := {[f.rule, f.params.store, f.params.minimum] |
	some f in fx.eval("production", fx.replace(fx.baseline, "StatefulSet", concat("", ["st2-", app]), store(app, image, startup)))
	f.rule == "ST2-OPS-055"
}

# A startup probe that gives up kills the container as a liveness probe does: RabbitMQ against
# its liveness floor (60 s), mongod against Kubernetes' own default window (30 s).
test_ops055_store_startup_probes if {
	startup_findings("mongodb", "mongo:4.4.29", {"tcpSocket": {"port": 27017}, "periodSeconds": 1, "failureThreshold": 1}) == {["ST2-OPS-055", "mongodb", 30]}
	startup_findings("rabbitmq", "rabbitmq:3.12.14-management", {"exec": {"command": ["rabbitmqctl", "status"]}, "periodSeconds": 10, "failureThreshold": 3}) == {["ST2-OPS-055", "rabbitmq", 60]}
	startup_findings("mongodb", "mongo:4.4.29", {"tcpSocket": {"port": 27017}}) == set()
	startup_findings("rabbitmq", "rabbitmq:3.12.14-management", {"exec": {"command": ["rabbitmqctl", "status"]}, "periodSeconds": 10, "failureThreshold": 30}) == set()
}

mongo_container := ["spec", "template", "spec", "containers", 0]

https_probe(tls) := object.union({"resource": fx.index_of(fx.baseline, "StatefulSet", "st2-mongodb"), "path": array.concat(mongo_container, ["livenessProbe", "httpGet", "port"]), "container": mongo_container, "port": 27017, "named": "", "listens": []}, tls)

# An HTTPS probe on a port the store serves in plain text (src/policy/probe-clients.ts says so).
test_ops031_https_probe_on_plain_text if {
	{f.params.problem | some f in fx.eval_facts("production", fx.baseline, {"probe_ports": [https_probe({"plain_tls": true})]}); f.rule == "ST2-OPS-031"} == {"an HTTPS probe on a port that speaks plain text: the TLS handshake fails, the probe always fails"}
	every f in fx.eval_facts("production", fx.baseline, {"probe_ports": [https_probe({})]}) {
		f.rule != "ST2-OPS-031"
	}
}

wait(service, namespace, port) := {"init_waits": [{"resource": fx.index_of(fx.baseline, "Deployment", "st2-st2scheduler"), "path": ["spec", "template", "spec", "initContainers", 0], "service": service, "namespace": namespace, "port": port}]}

wait_problems(facts) := {f.params.problem | some f in eval_ns("production", fx.baseline, facts); f.rule == "ST2-OPS-028"}

# An init container polling a Service of the render's namespace that is not there, or on a port
# it does not serve, never completes. Another namespace's (or an outside) host is left alone.
test_ops028_init_waits if {
	wait_problems(wait("st2-queue", "", 5672)) == {"an init container waits for a Service the namespace does not have: the pod never starts"}
	wait_problems(wait("st2-st2web", fx.ns, 8080)) == {"an init container waits on a port the Service does not serve: the pod never starts"}
	wait_problems(wait("st2-st2web", "", 80)) == set()
	wait_problems(wait("st2-queue", "elsewhere", 5672)) == set()
}
