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

# --- Pods and routes that never serve (ST2-OPS-062, -069, -050, -024) -----------------------------

rules_of(profile, resources) := {[f.rule, f.severity] | some f in fx.eval(profile, resources)}

# The baseline's deployment of app with its first container changed.
with_container(app, extra) := fx.replace(fx.baseline, "Deployment", sprintf("st2-%s", [app]), json.patch(fx.base("Deployment", sprintf("st2-%s", [app])), [{"op": "add", "path": "/spec/template/spec/containers/0", "value": object.union(fx.container(app), extra)}, {"op": "remove", "path": "/spec/template/spec/containers/1"}]))

test_image_references_and_st2_programs if {
	cases := [
		# [app, container fields, denied?]
		["st2api", {"image": "stackstorm/st2api:3.8.1:3.8.1"}, true],
		["st2api", {"image": "registry.example.com:5000/stackstorm/st2api:3.8.1"}, false],
		["st2api", {"image": "stackstorm/st2api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}, false],
		["st2scheduler", {"command": ["/opt/stackstorm/st2/bin/st2-scheduler"]}, true],
		["st2scheduler", {"command": ["/opt/stackstorm/st2/bin/st2scheduler"]}, false],
		# Not an st2 program name: python, pip, gunicorn are the virtualenv's.
		["st2api", {"command": ["/opt/stackstorm/st2/bin/python", "-m", "st2api.cmd.api"]}, false],
		# A volume over the bin directory may hold anything.
		["st2scheduler", {"command": ["/opt/stackstorm/st2/bin/st2-scheduler"], "volumeMounts": [{"name": "b", "mountPath": "/opt/stackstorm/st2/bin"}]}, false],
		["st2scheduler", {"command": ["/opt/stackstorm/st2/bin/st2-scheduler"], "volumeMounts": [{"name": "b", "mountPath": "/opt/stackstorm/st2/bin/st2-scheduler", "subPath": "run"}]}, false],
	]
	every c in cases {
		(["ST2-OPS-062", "deny"] in rules_of("production", with_container(c[0], c[1]))) == c[2]
	}
}

test_liveness_window_floor if {
	cases := [
		[{"tcpSocket": {"port": 9101}, "periodSeconds": 1, "failureThreshold": 1}, {}, {["ST2-OPS-069", "deny"]}],
		[{"tcpSocket": {"port": 9101}, "initialDelaySeconds": 5, "periodSeconds": 5, "failureThreshold": 2}, {}, {["ST2-OPS-069", "deny"]}],
		# Kubernetes' defaults: 10 s x 3.
		[{"tcpSocket": {"port": 9101}}, {}, set()],
		[{"tcpSocket": {"port": 9101}, "initialDelaySeconds": 30, "periodSeconds": 20, "failureThreshold": 3}, {}, set()],
		# A startup probe of a minute holds the liveness probe back.
		[{"tcpSocket": {"port": 9101}, "periodSeconds": 1, "failureThreshold": 1}, {"tcpSocket": {"port": 9101}, "periodSeconds": 5, "failureThreshold": 12}, set()],
	]
	every c in cases {
		extra := object.union({"livenessProbe": c[0]}, startup(c[1]))
		{r | some r in rules_of("production", with_container("st2api", extra)); r[0] == "ST2-OPS-069"} == c[2]
	}
	# dev warns.
	["ST2-OPS-069", "warn"] in rules_of("dev", with_container("st2api", {"livenessProbe": {"tcpSocket": {"port": 9101}, "periodSeconds": 1, "failureThreshold": 1}}))
}

startup(p) := {} if p == {}

startup(p) := {"startupProbe": p} if p != {}

ingress_paths(paths) := fx.replace(fx.baseline, "Ingress", "st2-st2web", object.union(fx.ingress("st2-st2web"), {"spec": {"rules": [{"host": "st2.example.test", "http": {"paths": paths}}]}}))

web_path(path, type, service) := {"path": path, "pathType": type, "backend": {"service": {"name": service, "port": {"number": 80}}}}

ops050(resources) := {f.params.problem | some f in data.st2.findings with input as {"profile": "production", "environment": "production", "namespace": "st2", "resources": resources, "facts": fx.no_facts} with data.chart_defaults as fx.chart_defaults with data.settings.delivery.namespaces as fx.listed_namespaces with data.settings.delivery.singleton_names as fx.singleton_names; f.rule == "ST2-OPS-050"}

test_ingress_backends_that_do_not_serve if {
	count(ops050(ingress_paths([web_path("/", "Prefix", "st2-web")]))) == 1
	count(ops050(ingress_paths([web_path("/", "Exact", "st2-st2web")]))) == 1
	count(ops050(ingress_paths([web_path("/", "Prefix", "st2-st2web")]))) == 0
	count(ops050(ingress_paths([web_path("/", "Prefix", "st2-st2web"), web_path("/index.html", "Exact", "st2-st2web")]))) == 0
}

store_setting(setting) := {"store_settings": [{"resource": 0, "path": ["spec"], "setting": setting, "value": 1}]}

test_rabbitmq_short_name_with_a_dotted_host if {
	some f in fx.eval_facts("production", fx.baseline, store_setting("rabbitmq_short_name_dotted"))
	f.rule == "ST2-OPS-024"
	f.severity == "deny"
	contains(f.params.problem, "RABBITMQ_USE_LONGNAME")
}

# --- RBAC to everyone (ST2-OPS-006), namespace placement (ST2-OPS-045), sensors' rollout (ST2-REP-002) ----

crb(role, subject) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "x"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role}, "subjects": [subject]}

cluster_role(name, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": name}, "rules": rules}

group(name) := {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": name}

test_cluster_reads_and_api_server_endpoints_for_everyone if {
	cases := [
		[[crb("view", group("system:authenticated"))], true],
		[[crb("view", group("system:serviceaccounts"))], true],
		[[crb("view", group("sre"))], false],
		[[cluster_role("cm", [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["list"]}]), crb("cm", group("system:unauthenticated"))], true],
		[[cluster_role("svc", [{"apiGroups": [""], "resources": ["services"], "verbs": ["list"]}]), crb("svc", group("system:authenticated"))], false],
		[[cluster_role("dbg", [{"nonResourceURLs": ["*"], "verbs": ["get"]}]), crb("dbg", group("system:unauthenticated"))], true],
		[[cluster_role("dbg", [{"nonResourceURLs": ["/l*"], "verbs": ["get"]}]), crb("dbg", group("system:authenticated"))], true],
		[[cluster_role("dbg", [{"nonResourceURLs": ["/debug/pprof/profile"], "verbs": ["*"]}]), crb("dbg", group("system:authenticated"))], true],
		[[cluster_role("ok", [{"nonResourceURLs": ["/healthz", "/version", "/livez*"], "verbs": ["get"]}]), crb("ok", group("system:unauthenticated"))], false],
	]
	every c in cases {
		(["ST2-OPS-006", "deny"] in rules_of("production", array.concat(fx.baseline, c[0]))) == c[1]
	}
}

namespace(annotations) := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "st2", "annotations": annotations}}

test_namespace_placement_annotations if {
	cases := [
		[{"scheduler.alpha.kubernetes.io/node-selector": "node-role.kubernetes.io/control-plane="}, true],
		[{"scheduler.alpha.kubernetes.io/node-selector": "pool=st2, node-role.kubernetes.io/master=true"}, true],
		[{"scheduler.alpha.kubernetes.io/defaultTolerations": "[{\"operator\": \"Exists\"}]"}, true],
		[{"scheduler.alpha.kubernetes.io/defaultTolerations": "[{\"key\": \"node-role.kubernetes.io/master\", \"operator\": \"Exists\"}]"}, true],
		[{"scheduler.alpha.kubernetes.io/node-selector": "pool=st2"}, false],
		[{"scheduler.alpha.kubernetes.io/defaultTolerations": "[{\"key\": \"dedicated\", \"operator\": \"Equal\", \"value\": \"st2\"}]"}, false],
		[{"scheduler.alpha.kubernetes.io/defaultTolerations": "not json"}, false],
	]
	every c in cases {
		(["ST2-OPS-045", "deny"] in rules_of("production", array.concat(fx.baseline, [namespace(c[0])]))) == c[1]
	}
}

sensor_strategy(s) := fx.replace(fx.baseline, "Deployment", "st2-st2sensorcontainer", json.patch(fx.base("Deployment", "st2-st2sensorcontainer"), [{"op": "replace", "path": "/spec/strategy", "value": s}]))

test_sensor_rollout_surge if {
	["ST2-REP-002", "deny"] in rules_of("production", sensor_strategy({"type": "RollingUpdate"}))
	["ST2-REP-002", "warn"] in rules_of("dev", sensor_strategy({"type": "RollingUpdate"}))
	["ST2-REP-002", "deny"] in rules_of("production", sensor_strategy({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}}))
	not "ST2-REP-002" in {r[0] | some r in rules_of("production", sensor_strategy({"type": "Recreate"}))}
	not "ST2-REP-002" in {r[0] | some r in rules_of("production", fx.baseline)}
}

# --- Shared objects a stricter environment uses (ST2-OPS-020), fake secret stores (ST2-SEC-013) -------

css(name, provider) := {"apiVersion": "external-secrets.io/v1", "kind": "ClusterSecretStore", "metadata": {"name": name}, "spec": {"provider": provider}}

issuer(name) := {"apiVersion": "cert-manager.io/v1", "kind": "ClusterIssuer", "metadata": {"name": name}, "spec": {"selfSigned": {}}}

test_lenient_render_taking_shared_objects if {
	vault := {"vault": {"server": "https://vault.example.com"}}
	["ST2-OPS-020", "deny"] in rules_of("dev", array.concat(fx.baseline, [css("st2-production", vault)]))
	["ST2-OPS-020", "deny"] in rules_of("staging", array.concat(fx.baseline, [css("st2-production", vault)]))
	not "ST2-OPS-020" in {r[0] | some r in rules_of("dev", array.concat(fx.baseline, [css("st2-dev", vault)]))}
	not "ST2-OPS-020" in {r[0] | some r in rules_of("production", array.concat(fx.baseline, [css("st2-production", vault)]))}
	["ST2-OPS-020", "deny"] in rules_of("dev", array.concat(fx.baseline, [issuer("letsencrypt-production")]))
	not "ST2-OPS-020" in {r[0] | some r in rules_of("dev", array.concat(fx.baseline, [issuer("dev-selfsigned")]))}
}

test_fake_secret_stores if {
	fake := {"fake": {"data": [{"key": "k", "value": "v"}]}}
	["ST2-SEC-013", "deny"] in rules_of("production", array.concat(fx.baseline, [css("st2-production", fake)]))
	# A store the bundle maps to production is denied from any render.
	["ST2-SEC-013", "deny"] in rules_of("dev", array.concat(fx.baseline, [css("st2-production", fake)]))
	["ST2-SEC-013", "warn"] in rules_of("dev", array.concat(fx.baseline, [css("st2-dev", fake)]))
}
