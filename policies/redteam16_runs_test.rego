# The sixteenth red team's pods that render and never run (test/policy/redteam/fresh16-runs.ts,
# operations_pod_never.rego): readiness and scheduling gates no controller handles and
# spec.os.name (ST2-OPS-028), postStart hooks that always fail (ST2-OPS-066), startup probes and
# postStart hooks before st2 listens (ST2-OPS-069), packs volumes smaller than the packs copied
# in, missing ConfigMap keys and a file as workingDir (ST2-OPS-062); each beside the look-alikes.
package st2_test.redteam16_runs

import data.st2_test.fixtures as fx

api := fx.index_of(fx.baseline, "Deployment", "st2-st2api")

spec_path := ["spec", "template", "spec"]

facts(extra) := object.union({"pod_units": {}}, extra)

gate(value) := {"pod_refs": [{"resource": api, "path": array.concat(spec_path, ["readinessGates", 0, "conditionType"]), "ref": "readiness_gate", "value": value}]}

with_resource(r) := array.concat(fx.baseline, [r])

tgb(name) := {"apiVersion": "elbv2.k8s.aws/v1beta1", "kind": "TargetGroupBinding", "metadata": {"name": name, "namespace": fx.ns}, "spec": {"serviceRef": {"name": "st2-st2auth", "port": 9100}, "targetGroupARN": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/st2auth/0123456789abcdef"}}

lb_service(annotations, spec) := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "st2-edge", "namespace": fx.ns, "annotations": annotations}, "spec": object.union({"type": "LoadBalancer", "selector": {"app": "st2web"}, "ports": [{"port": 443}]}, spec)}

alb_ingress := {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "st2-alb", "namespace": fx.ns}, "spec": {"ingressClassName": "alb", "defaultBackend": {"service": {"name": "st2-st2web", "port": {"number": 80}}}}}

# Other rules judge the added Services and Ingresses (their exposure): only ST2-OPS-028 here.
ops028(fs) := {[f.severity, f.resource] | some f in fs; f.rule == "ST2-OPS-028"}

test_readiness_gates_nothing_sets if {
	every value in ["st2.example.com/warm", "example.com/ready", "target-health.elbv2.k8s.aws/st2auth", "cloud.google.com/load-balancer-neg-ready", "target-health.elb.k8s.cce/st2auth"] {
		fx.only(fx.eval_facts("production", fx.baseline, facts(gate(value))), "ST2-OPS-028", "deny", api)
	}
	{f.severity | some f in fx.eval_facts("dev", fx.baseline, facts(gate("example.com/ready")))} == {"warn"}
	# Another controller's TargetGroupBinding names another condition.
	fx.only(fx.eval_facts("production", with_resource(tgb("st2web")), facts(gate("target-health.elbv2.k8s.aws/st2auth"))), "ST2-OPS-028", "deny", api)
	# An NLB of the cloud's own (in-tree) load balancer is no AWS Load Balancer Controller object.
	nlb := fx.eval_facts("production", with_resource(lb_service({"service.beta.kubernetes.io/aws-load-balancer-type": "nlb"}, {})), facts(gate("target-health.elbv2.k8s.aws/k8s-st2-st2auth-0a1b2c3d4e")))
	ops028(nlb) == {["deny", api]}
}

test_readiness_gates_a_controller_sets if {
	cases := [
		["target-health.elbv2.k8s.aws/st2auth-tg", with_resource(tgb("st2auth-tg"))],
		["target-health.elbv2.k8s.aws/k8s-st2-st2web-0a1b2c3d4e", with_resource(alb_ingress)],
		["target-health.alb.ingress.k8s.aws/st2-alb_st2-st2web_80", with_resource(alb_ingress)],
		["target-health.elbv2.k8s.aws/k8s-st2-edge-0a1b2c3d4e", with_resource(lb_service({}, {"loadBalancerClass": "service.k8s.aws/nlb"}))],
		["target-health.elbv2.k8s.aws/k8s-st2-edge-0a1b2c3d4e", with_resource(lb_service({"service.beta.kubernetes.io/aws-load-balancer-type": "external"}, {}))],
		["cloud.google.com/load-balancer-neg-ready", with_resource(lb_service({"cloud.google.com/neg": "{\"ingress\": true}"}, {"type": "ClusterIP"}))],
	]
	every c in cases {
		ops028(fx.eval_facts("production", c[1], facts(gate(c[0])))) == set()
	}
}

test_the_bundle_lists_readiness_gates if {
	prefixed := fx.eval_facts("production", fx.baseline, facts(gate("target-health.elb.k8s.cce/st2auth"))) with data.settings.cluster.readiness_gates as ["target-health.elb.k8s.cce/"]
	count(prefixed) == 0
	exact := fx.eval_facts("production", fx.baseline, facts(gate("example.com/ready"))) with data.settings.cluster.readiness_gates as ["example.com/ready"]
	count(exact) == 0
	# An exact entry is no prefix.
	longer := fx.eval_facts("production", fx.baseline, facts(gate("example.com/ready-2"))) with data.settings.cluster.readiness_gates as ["example.com/ready"]
	fx.only(longer, "ST2-OPS-028", "deny", api)
}

# spec.os.name arrives as the systems the pod may land on (src/policy/pod-facts.ts).
os_placement(os) := {"pod_placement": [{"resource": api, "path": spec_path, "os": os, "images": ["stackstorm/st2api"]}]}

test_pod_os_other_than_the_images if {
	fx.only(fx.eval_facts("production", fx.baseline, facts(os_placement(["windows"]))), "ST2-OPS-028", "deny", api)
	fx.only(fx.eval_facts("production", fx.baseline, facts(os_placement([]))), "ST2-OPS-028", "deny", api)
	count(fx.eval_facts("production", fx.baseline, facts(os_placement(["linux"])))) == 0
}

# --- ST2-OPS-066: postStart hooks -----------------------------------------------------------------

hook(argv) := fx.replace(fx.baseline, "Deployment", "st2-st2api", json.patch(fx.base("Deployment", "st2-st2api"), [{"op": "add", "path": "/spec/template/spec/containers/0/lifecycle", "value": {"postStart": {"exec": {"command": argv}}}}]))

ops066(resources) := {f.severity | some f in fx.eval("production", resources); f.rule == "ST2-OPS-066"}

test_post_start_hooks_that_always_fail if {
	every argv in [["false"], ["/bin/false"], ["/usr/bin/false"], ["sh", "-c", "exit 1"], ["/bin/sh", "-c", "exit 42"], ["bash", "-c", " exit 2 "]] {
		ops066(hook(argv)) == {"deny"}
	}
}

test_post_start_hooks_that_can_succeed if {
	every argv in [
		["true"], ["sh", "-c", "exit 0"], ["sh", "-c", "false || true"], ["sh", "-c", "exit $CODE"],
		["sh", "-c", "echo started > /tmp/started"], ["sh", "-c", "exit 1 2>/dev/null || true"],
	] {
		ops066(hook(argv)) == set()
	}
}

# --- ST2-OPS-069: startup probes ------------------------------------------------------------------

startup(app, probe) := fx.replace(fx.baseline, "Deployment", concat("", ["st2-", app]), json.patch(fx.base("Deployment", concat("", ["st2-", app])), [{"op": "add", "path": "/spec/template/spec/containers/0/startupProbe", "value": probe}]))

ops069(profile, resources) := {f.severity | some f in fx.eval(profile, resources); f.rule == "ST2-OPS-069"}

test_startup_probes_shorter_than_the_start if {
	every c in [
		["st2api", {"tcpSocket": {"port": 9101}, "periodSeconds": 1, "failureThreshold": 1}],
		["st2auth", {"httpGet": {"port": 9100, "path": "/"}, "periodSeconds": 2, "failureThreshold": 5}],
		["st2stream", {"tcpSocket": {"port": 9102}, "initialDelaySeconds": 10, "periodSeconds": 5, "failureThreshold": 3}],
	] {
		ops069("production", startup(c[0], c[1])) == {"deny"}
	}
	ops069("dev", startup("st2api", {"tcpSocket": {"port": 9101}, "periodSeconds": 1, "failureThreshold": 1})) == {"warn"}
}

test_startup_probes_that_give_the_start_time if {
	every c in [
		# Kubernetes' defaults: 3 failures every 10 s.
		["st2api", {"tcpSocket": {"port": 9101}}],
		["st2api", {"tcpSocket": {"port": 9101}, "periodSeconds": 10, "failureThreshold": 30}],
		["st2auth", {"tcpSocket": {"port": 9100}, "periodSeconds": 1, "failureThreshold": 30}],
		# Not an st2 API service: its start is not judged here.
		["st2web", {"tcpSocket": {"port": 80}, "periodSeconds": 1, "failureThreshold": 1}],
	] {
		ops069("production", startup(c[0], c[1])) == set()
	}
}

# --- ST2-OPS-062: the packs volume ----------------------------------------------------------------

packs(bytes) := {"packs_volumes": [{"resource": api, "path": array.concat(spec_path, ["volumes", 2, "emptyDir", "sizeLimit"]), "volume": "st2-packs-vol", "bytes": bytes, "memory": false}]}

test_packs_volume_below_the_system_packs if {
	every bytes in [1024, 65536, 204800, 724991] {
		fx.only(fx.eval_facts("production", fx.baseline, facts(packs(bytes))), "ST2-OPS-062", "deny", api)
	}
	fx.only(fx.eval_facts("staging", fx.baseline, facts(packs(65536))), "ST2-OPS-062", "deny", api)
	fx.only(fx.eval_facts("dev", fx.baseline, facts(packs(65536))), "ST2-OPS-062", "warn", api)
}

test_packs_volume_that_holds_them if {
	every bytes in [724992, 1048576, 2147483648] {
		count(fx.eval_facts("production", fx.baseline, facts(packs(bytes)))) == 0
	}
	# The bundle's owner sets the floor.
	raised := fx.eval_facts("production", fx.baseline, facts(packs(1048576))) with data.settings.outage.min_st2_packs_volume_bytes as 4194304
	fx.only(raised, "ST2-OPS-062", "deny", api)
}

test_post_start_hooks_reading_what_is_not_there if {
	every argv in [
		["sh", "-c", "test -f /etc/st2/st2.runner.conf"],
		["cat", "/tmp/warmed-up"],
		["/bin/sh", "-c", "[ -e /etc/st2/ready ]"],
	] {
		ops066(hook(argv)) == {"deny"}
	}
}

test_post_start_hooks_reading_what_is_there if {
	every argv in [
		# st2's image has these (the st2 package, st2-dockerfiles); the base mounts the others.
		["sh", "-c", "test -f /etc/st2/st2.conf"],
		["cat", "/etc/st2/logging.api.gunicorn.conf"],
		["test", "-f", "/etc/st2/st2.user.conf"],
		["ls", "/etc/st2/keys/datastore_key.json"],
		# A failure the script turns into success, or a file it writes first.
		["sh", "-c", "test -f /etc/st2/extra.conf || true"],
		["sh", "-c", "test ! -f /tmp/maintenance"],
		["sh", "-c", "touch /tmp/started && cat /tmp/started"],
		# Not a reading program.
		["sh", "-c", "echo /tmp/never-written"],
	] {
		ops066(hook(argv)) == set()
	}
}

# postStart httpGet and tcpSocket hooks arrive as probe_ports (src/policy/probe-facts.ts).
ctr_path := array.concat(spec_path, ["containers", 0])

hook_port(port) := {"probe_ports": [{"resource": api, "path": array.concat(ctr_path, ["lifecycle", "postStart", "httpGet", "port"]), "container": ctr_path, "port": port, "named": "", "listens": []}]}

test_post_start_hook_on_the_own_port_before_it_listens if {
	fx.only(fx.eval_facts("production", fx.baseline, facts(hook_port(9101))), "ST2-OPS-069", "deny", api)
	# Another port: the process never listens there (ST2-OPS-031).
	fx.only(fx.eval_facts("production", fx.baseline, facts(hook_port(9100))), "ST2-OPS-031", "deny", api)
}

sched_gate(name) := {"pod_refs": [{"resource": api, "path": array.concat(spec_path, ["schedulingGates", 0, "name"]), "ref": "scheduling_gate", "value": name}]}

test_scheduling_gates if {
	fx.only(fx.eval_facts("production", fx.baseline, facts(sched_gate("example.com/quota-check"))), "ST2-OPS-028", "deny", api)
	listed := fx.eval_facts("production", fx.baseline, facts(sched_gate("kueue.x-k8s.io/admission"))) with data.settings.cluster.scheduling_gates as ["kueue.x-k8s.io/"]
	count(listed) == 0
}

# --- ST2-OPS-062: ConfigMap keys and workingDir -----------------------------------------------------

api_with(ops) := fx.replace(fx.baseline, "Deployment", "st2-st2api", json.patch(fx.base("Deployment", "st2-st2api"), ops))

ops062(resources) := {f.severity | some f in fx.eval("production", resources); f.rule == "ST2-OPS-062"}

urls := fx.base("ConfigMap", "st2-config")

key_env(key, optional) := [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": [{"name": "X", "valueFrom": {"configMapKeyRef": object.union({"name": "st2-config", "key": key}, optional)}}]}]

test_config_map_keys if {
	some present, _ in urls.data
	ops062(api_with(key_env("NOT_A_KEY", {}))) == {"deny"}
	ops062(api_with(key_env("NOT_A_KEY", {"optional": true}))) == set()
	ops062(api_with(key_env(present, {}))) == set()
	# A ConfigMap the render does not hold is missing (CreateContainerConfigError), unless the
	# cluster settings list it: then its keys are not known here.
	other := [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": [{"name": "X", "valueFrom": {"configMapKeyRef": {"name": "cluster-wide", "key": "anything"}}}]}]
	ops062(api_with(other)) == {"deny"}
	ops062(api_with(other)) == set() with data.settings.cluster.config_maps as ["cluster-wide"]
	item := [{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "u", "configMap": {"name": "st2-config", "items": [{"key": "NOT_A_KEY", "path": "x"}]}}]}]
	ops062(api_with(item)) == {"deny"}
	good_item := [{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "u", "configMap": {"name": "st2-config", "items": [{"key": present, "path": "x"}]}}]}]
	ops062(api_with(good_item)) == set()
}

file_mount := [
	{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "conf", "configMap": {"name": "st2-config"}}]},
	{"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts", "value": [{"name": "conf", "mountPath": "/etc/st2/extra.conf", "subPath": "extra.conf"}]},
]

working_dir(dir) := array.concat(file_mount, [{"op": "add", "path": "/spec/template/spec/containers/0/workingDir", "value": dir}])

test_working_dir_on_a_file if {
	ops062(api_with(working_dir("/etc/st2/extra.conf"))) == {"deny"}
	ops062(api_with(working_dir("/etc/st2/extra.conf/"))) == {"deny"}
	ops062(api_with(working_dir("/etc/st2"))) == set()
	ops062(api_with(working_dir("/tmp"))) == set()
}

# --- ST2-OPS-028: required pod affinity -------------------------------------------------------------

affinity(term) := [{"op": "add", "path": "/spec/template/spec/affinity", "value": {"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term]}}}]

# The render's own namespace (input.namespace) is one whose pods it knows.
ops028_of(resources) := {f.severity |
	some f in data.st2.findings with input as {"profile": "production", "environment": "production", "namespace": fx.ns, "resources": resources, "facts": fx.no_facts}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.namespaces as fx.listed_namespaces
		with data.settings.delivery.singleton_names as fx.singleton_names
	f.rule == "ST2-OPS-028"
}

test_required_affinity_to_pods_nobody_runs if {
	# (The fixture runs a redis; nothing runs a cache warmer.)
	ops028_of(api_with(affinity({"labelSelector": {"matchLabels": {"app": "cache-warmer"}}, "topologyKey": "kubernetes.io/hostname"}))) == {"deny"}
	ops028_of(api_with(affinity({"labelSelector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["memcached"]}]}, "topologyKey": "topology.kubernetes.io/zone", "namespaces": [fx.ns]}))) == {"deny"}
}

test_required_affinity_that_can_be_met if {
	api_labels := fx.base("Deployment", "st2-st2api").spec.template.metadata.labels
	mongo_labels := fx.base("StatefulSet", "st2-mongodb").spec.template.metadata.labels
	every term in [
		# Its own pods: the first one matches its own term.
		{"labelSelector": {"matchLabels": api_labels}, "topologyKey": "kubernetes.io/hostname"},
		# Another workload of the render.
		{"labelSelector": {"matchLabels": mongo_labels}, "topologyKey": "topology.kubernetes.io/zone"},
		# Namespaces the render does not hold, or chosen by labels: not judged.
		{"labelSelector": {"matchLabels": {"app": "redis"}}, "topologyKey": "kubernetes.io/hostname", "namespaces": ["cache"]},
		{"labelSelector": {"matchLabels": {"app": "redis"}}, "topologyKey": "kubernetes.io/hostname", "namespaceSelector": {}},
	] {
		ops028_of(api_with(affinity(term))) == set()
	}
}

# Two missing files are one finding, not a conflict (a function has one value).
test_two_missing_files_one_finding if {
	ops066(hook(["cat", "/tmp/a", "/tmp/b"])) == {"deny"}
	count([f | some f in fx.eval("production", hook(["cat", "/tmp/a", "/tmp/b"])); f.rule == "ST2-OPS-066"]) == 1
	probe := fx.replace(fx.baseline, "Deployment", "st2-st2api", json.patch(fx.base("Deployment", "st2-st2api"), [{"op": "add", "path": "/spec/template/spec/containers/0/livenessProbe", "value": {"exec": {"command": ["cat", "/tmp/a", "/tmp/b"]}}}]))
	ops066(probe) == {"deny"}
}
