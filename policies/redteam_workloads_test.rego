# Rules added for the third red team (workloads, components, replica counts,
# scalers, exposure; test/policy/redteam/fresh3-workloads.ts): each test
# changes the production baseline the way an attacking overlay did and asserts
# the finding, or, for a look-alike, that there is none. Shapes the TypeScript
# side describes (input.facts.pod_units) are given as facts here.
package st2_test.redteam_workloads

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

st2(svc, extra) := object.union(object.union(fx.container(svc), {"command": [concat("", ["/opt/stackstorm/st2/bin/", svc])]}), extra)

tool(extra) := object.union(object.union(fx.container("x"), {"image": "stackstorm/st2actionrunner:3.8.1"}), extra)

st2_mounts := {"volumeMounts": [{"name": "c", "mountPath": "/etc/st2/st2.docker.conf", "subPath": "st2.docker.conf"}]}

deploy(name, containers, replicas) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": name, "namespace": fx.ns},
	"spec": {"replicas": replicas, "strategy": {"type": "Recreate"}, "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": containers}}},
}

# (The timers engine moved into another kind under another name is also a
# rename in production: ST2-OPS-017 beside what each test is about.)
units(i, specs, loose) := {"secret_values": [], "pod_units": {format_int(i, 10): {"specs": specs, "loose": loose}}}

without_timers := fx.without(fx.baseline, "Deployment", "st2-st2timersengine")

# --- copies: every container and every unit counts --------------------------------------------

test_two_timers_containers_in_one_pod_are_two_timers if {
	d := json.patch(fx.deployment("st2timersengine", 1), [{"op": "add", "path": "/spec/template/spec/containers/-", "value": st2("st2timersengine", {"name": "b"})}])
	rules_of(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2timersengine", d))) == {"ST2-REP-001"}
}

test_nested_replicas_count_by_fact if {
	# A Crossplane Object wrapping a Deployment of 3: the TypeScript side reads the nested replicas.
	obj := {"apiVersion": "kubernetes.crossplane.io/v1alpha2", "kind": "Object", "metadata": {"name": "t", "namespace": fx.ns}, "spec": {"forProvider": {"manifest": deploy("st2-st2timersengine", [st2("st2timersengine", {})], 3)}}}
	rs := fx.plus(without_timers, obj)
	path := ["spec", "forProvider", "manifest", "spec", "template", "spec"]
	rules_of(fx.eval_facts("production", rs, units(count(without_timers), [{"path": path, "labels": null, "count": 3}], []))) == {"ST2-REP-001", "ST2-OPS-017"}
	rules_of(fx.eval_facts("production", rs, units(count(without_timers), [{"path": path, "labels": null, "count": 1}], []))) == {"ST2-OPS-017"}
}

test_several_pod_specs_in_one_resource_add_up if {
	job := {"apiVersion": "kubeflow.org/v1", "kind": "PyTorchJob", "metadata": {"name": "t", "namespace": fx.ns}, "spec": {"r": {
		"Master": {"replicas": 1, "template": {"spec": {"containers": [fx.container("ray")]}}},
		"Worker": {"replicas": 1, "template": {"spec": {"containers": [st2("st2timersengine", {})]}}},
	}}}
	rs := fx.plus(without_timers, job)
	specs := [
		{"path": ["spec", "r", "Master", "template", "spec"], "labels": null, "count": 1},
		{"path": ["spec", "r", "Worker", "template", "spec"], "labels": null, "count": 2},
	]
	rules_of(fx.eval_facts("production", rs, units(count(without_timers), specs, []))) == {"ST2-REP-001", "ST2-OPS-017"}
}

test_unbounded_unit_is_more_than_one if {
	ksvc := {"apiVersion": "serving.knative.dev/v1", "kind": "Service", "metadata": {"name": "t", "namespace": fx.ns}, "spec": {"template": {"spec": {"containers": [st2("st2timersengine", {})]}}}}
	rs := fx.plus(without_timers, ksvc)
	rules_of(fx.eval_facts("production", rs, units(count(without_timers), [{"path": ["spec", "template", "spec"], "labels": null, "count": -1}], []))) == {"ST2-REP-001", "ST2-OPS-017"}
}

# --- loose containers: Argo script templates, Tekton steps ----------------------------------

test_loose_containers_run_and_are_judged if {
	task := {"apiVersion": "tekton.dev/v1", "kind": "TaskRun", "metadata": {"name": "t", "namespace": fx.ns}, "spec": {"hostNetwork": true, "taskSpec": {"steps": [
		{"name": "a", "image": "stackstorm/st2timersengine:3.8.1", "script": "exec /opt/stackstorm/st2/bin/st2timersengine --config-file=/etc/st2/st2.conf"},
		{"name": "b", "image": "alpine/socat:1.8.0.0", "ports": [{"containerPort": 27017, "hostPort": 27017}]},
	]}}}
	facts := units(fx.next, [], [
		{"path": ["spec", "taskSpec", "steps", 0], "flags": ["spec"]},
		{"path": ["spec", "taskSpec", "steps", 1], "flags": ["spec"]},
	])
	rules_of(fx.eval_facts("production", fx.plus(fx.baseline, task), facts)) == {"ST2-REP-001", "ST2-EXP-003", "ST2-EXP-004"}

	# A client command in a script is no daemon, and no image pinning or limits are asked of it.
	client := {"apiVersion": "tekton.dev/v1", "kind": "Task", "metadata": {"name": "t", "namespace": fx.ns}, "spec": {"steps": [{"name": "a", "image": "stackstorm/st2actionrunner:3.8.1", "script": "st2 pack install github"}]}}
	count(fx.eval_facts("production", fx.plus(fx.baseline, client), units(fx.next, [], [{"path": ["spec", "steps", 0], "flags": null}]))) == 0
}

# --- components: what a command really runs ----------------------------------------------------

test_shell_variables_are_expanded_from_env if {
	c := tool({"command": ["sh", "-c", "exec /opt/stackstorm/st2/bin/$SVC --config-file=/etc/st2/st2.conf"], "env": [{"name": "SVC", "value": "st2timersengine"}]})
	rules_of(fx.eval("production", fx.plus(fx.baseline, deploy("m", [c], 1)))) == {"ST2-REP-001"}
	braces := tool({"command": ["sh", "-c", "exec /opt/stackstorm/st2/bin/${SVC}"], "env": [{"name": "SVC", "value": "st2timersengine"}]})
	rules_of(fx.eval("production", fx.plus(fx.baseline, deploy("m", [braces], 1)))) == {"ST2-REP-001"}
}

test_python_entry_points_by_import_and_by_path if {
	by_import := tool({"command": ["python", "-c", "from st2reactor.cmd import timersengine; timersengine.main()"]})
	rules_of(fx.eval("production", fx.plus(fx.baseline, deploy("m", [by_import], 1)))) == {"ST2-REP-001"}
	by_path := tool({"command": ["python3", "/opt/stackstorm/st2/lib/python3.8/site-packages/st2reactor/cmd/timersengine.py"]})
	rules_of(fx.eval("production", fx.plus(fx.baseline, deploy("m", [by_path], 1)))) == {"ST2-REP-001"}
}

test_rep013_denies_a_st2_process_nobody_can_name if {
	retagged := object.union({"name": "w", "image": "registry.example/platform/cron-runner:1", "resources": fx.container("x").resources}, st2_mounts)
	fx.only(fx.eval("production", fx.plus(fx.baseline, deploy("cron", [retagged], 1))), "ST2-REP-013", "deny", fx.next)
	fx.only(fx.eval("dev", fx.plus(fx.baseline, deploy("cron", [retagged], 1))), "ST2-REP-013", "warn", fx.next)
	unresolved := tool(object.union({"command": ["$(BIN)"], "env": [{"name": "BIN", "valueFrom": {"configMapKeyRef": {"name": "e", "key": "b", "optional": true}}}]}, st2_mounts))
	fx.only(fx.eval("production", fx.plus(fx.baseline, deploy("m", [unresolved], 1))), "ST2-REP-013", "deny", fx.next)
	concat_name := tool(object.union({"command": ["bash", "-c", "B=st2timers; exec /opt/stackstorm/st2/bin/${B}engine"]}, st2_mounts))
	fx.only(fx.eval("production", fx.plus(fx.baseline, deploy("m", [concat_name], 1))), "ST2-REP-013", "deny", fx.next)
}

test_rep013_look_alikes if {
	# Not reading the st2 config: any image, any command.
	relay := {"name": "w", "image": "registry.example/platform/relay:1", "resources": fx.container("x").resources}
	count(fx.eval("production", fx.plus(fx.baseline, deploy("relay", [relay], 2)))) == 0

	# A tool with a literal command reading the config.
	purge := tool(object.union({"command": ["/opt/stackstorm/st2/bin/st2-purge-executions", "--config-file=/etc/st2/st2.conf"]}, st2_mounts))
	count(fx.eval("production", fx.plus(fx.baseline, deploy("purge", [purge], 1)))) == 0

	# A mirror the bundle's owner named in the policy data is its component.
	mirrored := object.union({"name": "w", "image": "registry.example/mirror/timers:3.8.1", "resources": fx.container("x").resources}, st2_mounts)
	rules_of(fx.eval("production", fx.plus(fx.baseline, deploy("t", [mirrored], 1)))) == {"ST2-REP-013"}
	rules_of(fx.eval("production", fx.plus(fx.baseline, deploy("t", [mirrored], 1)))) == {"ST2-REP-001"} with data.settings.image_roles as {"registry.example/mirror/timers": "st2timersengine"}
}

test_client_tool_drops_the_label_hint if {
	sleeping := json.patch(fx.deployment("st2scheduler", 2), [{"op": "add", "path": "/spec/template/spec/containers/0/command", "value": ["sleep", "infinity"]}])
	"ST2-REP-011" in rules_of(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2scheduler", sleeping)))
}

# --- scalers ---------------------------------------------------------------------------------------

test_scaler_by_target_ref_with_bounds if {
	dpa := {"apiVersion": "datadoghq.com/v1alpha1", "kind": "DatadogPodAutoscaler", "metadata": {"name": "t", "namespace": fx.ns}, "spec": {"targetRef": {"kind": "Deployment", "name": "st2-st2timersengine"}, "constraints": {"minReplicas": 1, "maxReplicas": 3}}}
	rules_of(fx.eval("production", fx.plus(fx.baseline, dpa))) == {"ST2-REP-009"}
	vpa := {"apiVersion": "autoscaling.k8s.io/v1", "kind": "VerticalPodAutoscaler", "metadata": {"name": "t", "namespace": fx.ns}, "spec": {"targetRef": {"kind": "Deployment", "name": "st2-st2timersengine"}, "updatePolicy": {"updateMode": "Auto", "minReplicas": 1}}}
	count(fx.eval("production", fx.plus(fx.baseline, vpa))) == 0
}

cron(sizes) := {"apiVersion": "autoscaling.alibabacloud.com/v1beta1", "kind": "CronHorizontalPodAutoscaler", "metadata": {"name": "t", "namespace": fx.ns}, "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "st2-st2api"}, "jobs": [{"name": "j", "schedule": "0 0 * * * *", "targetSize": n} | some n in sizes]}}

test_cron_hpa_floor_is_its_smallest_target_size if {
	count(fx.eval("production", fx.plus(fx.baseline, cron([2, 6])))) == 0
	rules_of(fx.eval("production", fx.plus(fx.baseline, cron([1, 6])))) == {"ST2-REP-005"}
}

hpa(target, min) := {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "t", "namespace": fx.ns}, "spec": {"scaleTargetRef": {"kind": "StatefulSet", "name": target}, "minReplicas": min, "maxReplicas": 6}}

test_scalers_on_quorum_stores if {
	rules_of(fx.eval("production", fx.plus(fx.baseline, hpa("st2-rabbitmq", 1)))) == {"ST2-REP-007"}
	count(fx.eval("production", fx.plus(fx.baseline, hpa("st2-rabbitmq", 3)))) == 0
	rules_of(fx.eval("production", fx.plus(fx.baseline, hpa("st2-mongodb", 3)))) == {"ST2-REP-007"}
}

# --- exposure: whatever leads to a store is the store ---------------------------------------------

store_service := fx.service("st2-mongodb", "ClusterIP", {"app": "mongodb", "release": "st2"})

test_externalname_to_a_store_behind_an_ingress if {
	ext := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "db-admin", "namespace": fx.ns}, "spec": {"type": "ExternalName", "externalName": "st2-mongodb.st2.svc.cluster.local"}}
	rs := array.concat(fx.baseline, [store_service, ext, fx.ingress("db-admin")])
	"ST2-EXP-008" in rules_of(fx.eval("production", rs))
	smtp := json.patch(ext, [{"op": "replace", "path": "/spec/externalName", "value": "smtp.example.com"}])
	count(fx.eval("production", array.concat(fx.baseline, [store_service, smtp, fx.ingress("db-admin")]))) == 0
}

test_forwarder_pods_are_the_store if {
	socat := {"name": "s", "image": "alpine/socat:1.8.0.0", "resources": fx.container("x").resources, "args": ["TCP-LISTEN:27017,fork", "TCP:st2-mongodb.st2.svc.cluster.local:27017"]}
	tunnel := deploy("tunnel", [socat], 1)
	lb := fx.service("tunnel", "LoadBalancer", {"app": "tunnel"})
	rs := array.concat(fx.baseline, [store_service, tunnel, lb])
	"ST2-EXP-006" in rules_of(fx.eval("production", rs))
	pf := {"name": "p", "image": "bitnamilegacy/kubectl:1.30.2", "resources": fx.container("x").resources, "command": ["kubectl", "port-forward", "--address", "0.0.0.0", "svc/st2-mongodb", "27017"]}
	"ST2-EXP-006" in rules_of(fx.eval("production", array.concat(fx.baseline, [store_service, deploy("tunnel", [pf], 1), lb])))

	# A forwarder to st2api is no store; neither is a forwarder behind a ClusterIP Service.
	api := object.union(socat, {"args": ["TCP-LISTEN:9101,fork", "TCP:st2-st2api:9101"]})
	count(fx.eval("production", array.concat(fx.baseline, [store_service, deploy("tunnel", [api], 1), lb]))) == 0
	count(fx.eval("production", array.concat(fx.baseline, [store_service, tunnel, fx.service("tunnel", "ClusterIP", {"app": "tunnel"})]))) == 0
}

test_selectorless_service_by_fqdn_or_hostname if {
	lb := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "ext", "namespace": fx.ns}, "spec": {"type": "LoadBalancer", "ports": [{"port": 27017}]}}
	slice := {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "metadata": {"name": "ext-1", "namespace": fx.ns, "labels": {"kubernetes.io/service-name": "ext"}}, "addressType": "FQDN", "endpoints": [{"addresses": ["st2-mongodb-0.st2-mongodb.st2.svc.cluster.local"]}]}
	rules_of(fx.eval("production", array.concat(fx.baseline, [lb, slice]))) == {"ST2-EXP-006"}
	eps := {"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "ext", "namespace": fx.ns}, "subsets": [{"addresses": [{"ip": "10.1.2.3", "hostname": "st2-mongodb-1"}]}]}
	rules_of(fx.eval("production", array.concat(fx.baseline, [lb, eps]))) == {"ST2-EXP-006"}
}

test_snippets_and_mirrors_route_to_stores if {
	snippet := json.patch(fx.ingress("st2-st2web"), [{"op": "add", "path": "/metadata/annotations", "value": {"nginx.ingress.kubernetes.io/server-snippet": "location /db/ { proxy_pass http://st2-mongodb.st2.svc:27017/; }"}}])
	rs := array.concat(fx.replace(fx.baseline, "Ingress", "st2-st2web", snippet), [store_service])
	rules_of(fx.eval("production", rs)) == {"ST2-EXP-008"}
	route := {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "r", "namespace": fx.ns}, "spec": {"rules": [{"backendRefs": [{"name": "st2-st2web", "port": 80}], "filters": [{"type": "RequestMirror", "requestMirror": {"backendRef": {"name": "st2-mongodb", "port": 27017}}}]}]}}
	rules_of(fx.eval("production", array.concat(fx.baseline, [store_service, route]))) == {"ST2-EXP-008"}
}

# --- round 2: aimed at the fixes above --------------------------------------------------------------

test_rep013_unknown_program_config_elsewhere_native_sidecar if {
	res := fx.container("x").resources
	unknown := object.union({"name": "w", "image": "registry.example/platform/ticker:2", "resources": res, "command": ["/usr/local/bin/ticker"]}, st2_mounts)
	fx.only(fx.eval("production", fx.plus(fx.baseline, deploy("t", [unknown], 2))), "ST2-REP-013", "deny", fx.next)

	# The st2 config mounted at another path: known by the ConfigMap it comes from.
	elsewhere := {"name": "w", "image": "registry.example/platform/ticker:2", "resources": res, "volumeMounts": [{"name": "c", "mountPath": "/opt/conf/st2.docker.conf", "subPath": "st2.docker.conf"}]}
	d := json.patch(deploy("t", [elsewhere], 2), [{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "c", "configMap": {"name": "st2-config"}}]}])
	fx.only(fx.eval("production", fx.plus(fx.baseline, d)), "ST2-REP-013", "deny", fx.next)

	sidecar := object.union(object.union({"name": "w", "image": "registry.example/platform/ticker:2", "resources": res}, st2_mounts), {"restartPolicy": "Always"})
	api := json.patch(fx.deployment("st2api", 2), [{"op": "add", "path": "/spec/template/spec/initContainers", "value": [sidecar]}])
	fx.only(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2api", api)), "ST2-REP-013", "deny", idx_api)

	# A custom tool image running the st2 CLI is a tool.
	cli := object.union({"name": "w", "image": "registry.example/platform/st2-pack-sync:1", "resources": res, "command": ["st2", "pack", "install", "file:///opt/packs/ops"]}, st2_mounts)
	count(fx.eval("production", fx.plus(fx.baseline, deploy("sync", [cli], 1)))) == 0
}

idx_api := fx.index_of(fx.baseline, "Deployment", "st2-st2api")

test_proxy_configs_and_kubectl_kinds_lead_to_stores if {
	lb := fx.service("tunnel", "LoadBalancer", {"app": "tunnel"})
	conf := fx.config_map("db-proxy", {"nginx.conf": "stream {\n  server {\n    listen 27017;\n    proxy_pass st2-mongodb:27017;\n  }\n}\n"})
	nginx := json.patch(deploy("tunnel", [object.union(fx.container("x"), {"image": "nginx:1.27.0"})], 1), [{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "c", "configMap": {"name": "db-proxy"}}]}])
	"ST2-EXP-006" in rules_of(fx.eval("production", array.concat(fx.baseline, [store_service, conf, nginx, lb])))

	pf := {"name": "p", "image": "bitnamilegacy/kubectl:1.30.2", "resources": fx.container("x").resources, "command": ["kubectl", "port-forward", "statefulset.apps/st2-mongodb", "27017"]}
	"ST2-EXP-006" in rules_of(fx.eval("production", array.concat(fx.baseline, [store_service, deploy("tunnel", [pf], 1), lb])))

	snippets := json.patch(fx.ingress("st2-st2web"), [{"op": "add", "path": "/metadata/annotations", "value": {"nginx.org/server-snippets": "location /db/ { proxy_pass http://st2-mongodb:27017/; }"}}])
	rules_of(fx.eval("production", array.concat(fx.replace(fx.baseline, "Ingress", "st2-st2web", snippets), [store_service]))) == {"ST2-EXP-008"}
}
