# Rules added for the second red team (issue 12's fresh corpus): each test
# changes the production baseline the way an attacking overlay did, and
# asserts the finding (or, for look-alikes, that there is none).
package st2_test.redteam

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

with_conf(extra) := fx.plus(fx.baseline, fx.config_map("st2-override", {"st2.user.conf": extra}))

ctr(image, cmd) := object.union(fx.container("x"), {"image": image, "command": cmd})

deploy(name, containers, replicas) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": name, "namespace": fx.ns},
	"spec": {"replicas": replicas, "strategy": {"type": "Recreate"}, "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": containers}}},
}

job(name, pod) := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name, "namespace": fx.ns}, "spec": {"template": {"spec": pod}}}

timers_cmd := ["/opt/stackstorm/st2/bin/st2timersengine"]

# --- components by what they run ----------------------------------------------------------

test_python_module_names_the_component if {
	fs := fx.eval("production", fx.plus(fx.baseline, deploy("clock", [ctr("stackstorm/st2actionrunner:3.8.1", ["python", "-m", "st2reactor.cmd.timersengine"])], 1)))
	rules_of(fs) == {"ST2-REP-001"}
}

test_env_expansion_in_command_names_the_component if {
	c := object.union(ctr("stackstorm/st2actionrunner:3.8.1", ["/opt/stackstorm/st2/bin/$(SVC)"]), {"env": [{"name": "SVC", "value": "st2timersengine"}]})
	rules_of(fx.eval("production", fx.plus(fx.baseline, deploy("clock", [c], 1)))) == {"ST2-REP-001"}
}

test_native_sidecar_runs_for_the_pods_lifetime if {
	sidecar := object.union(ctr("stackstorm/st2timersengine:3.8.1", timers_cmd), {"restartPolicy": "Always"})
	api := json.patch(fx.base("Deployment", "st2-st2api"), [{"op": "add", "path": "/spec/template/spec/initContainers", "value": [sidecar]}])
	rules_of(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2api", api))) == {"ST2-REP-001"}
}

# An st2 service never exits: in a plain init container it runs forever
# before the pod starts, a running copy all the same (the seventh red team's
# "st2-warmup"). Init containers of other images (waiting for MongoDB) are no members.
test_plain_init_container_running_an_st2_service_is_a_running_copy if {
	init := ctr("stackstorm/st2timersengine:3.8.1", timers_cmd)
	api := json.patch(fx.base("Deployment", "st2-st2api"), [{"op": "add", "path": "/spec/template/spec/initContainers", "value": [init]}])
	rules_of(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2api", api))) == {"ST2-REP-001"}
	wait := ctr("mongo:4.4.29", ["sh", "-c", "until mongo --host mongodb --eval 1; do sleep 2; done"])
	waiting := json.patch(fx.base("Deployment", "st2-st2api"), [{"op": "add", "path": "/spec/template/spec/initContainers", "value": [wait]}])
	count(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2api", waiting))) == 0
}

# A lifecycle hook's command runs in the container: postStart starting
# st2timersengine in every st2actionrunner replica is that many timers engines.
test_lifecycle_hook_runs_what_it_names if {
	hook := {"postStart": {"exec": {"command": ["sh", "-c", "nohup /opt/stackstorm/st2/bin/st2timersengine --config-file=/etc/st2/st2.conf &"]}}}
	api := json.patch(fx.base("Deployment", "st2-st2api"), [{"op": "add", "path": "/spec/template/spec/containers/0/lifecycle", "value": hook}])
	"ST2-REP-001" in rules_of(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2api", api)))
	sleep := {"preStop": {"exec": {"command": ["sleep", "10"]}}}
	quiet := json.patch(fx.base("Deployment", "st2-st2api"), [{"op": "add", "path": "/spec/template/spec/containers/0/lifecycle", "value": sleep}])
	count(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2api", quiet))) == 0
}

test_client_tool_in_a_store_image_is_not_the_store if {
	count(fx.eval("production", fx.plus(fx.baseline, deploy("mongo-toolbox", [ctr("mongo:4.4.29", ["sleep", "infinity"])], 1)))) == 0
	"ST2-REP-008" in rules_of(fx.eval("production", fx.plus(fx.baseline, deploy("mongo-two", [ctr("mongo:4.4.29", ["sh", "-c", "exec mongod --replSet rs1"])], 2))))
}

# --- workloads by shape ----------------------------------------------------------------------

test_job_running_a_singleton_is_another_copy if {
	rules_of(fx.eval("production", fx.plus(fx.baseline, job("catch-up", {"containers": [ctr("stackstorm/st2timersengine:3.8.1", timers_cmd)]})))) == {"ST2-REP-001"}
	gc := ctr("stackstorm/st2garbagecollector:3.8.1", ["st2garbagecollector"])
	rules_of(fx.eval("production", fx.plus(fx.baseline, job("gc-now", {"containers": [gc]})))) == {"ST2-REP-004"}
}

test_pod_template_anywhere_by_fact if {
	cr := {"apiVersion": "x/v1", "kind": "Managed", "metadata": {"name": "t", "namespace": fx.ns}, "spec": {"replicas": 2, "podTemplate": {"spec": {"containers": [ctr("stackstorm/st2timersengine:3.8.1", timers_cmd)]}}}}
	facts := {"secret_values": [], "pod_units": {format_int(fx.next, 10): {"specs": [{"path": ["spec", "podTemplate", "spec"], "labels": null, "count": 2}], "loose": []}}}
	rules_of(fx.eval_facts("production", fx.plus(fx.baseline, cr), facts)) == {"ST2-REP-001"}
	count(fx.eval("production", fx.plus(fx.baseline, cr))) == 0
}

test_scaledjob_counts_as_many if {
	sj := {"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledJob", "metadata": {"name": "s", "namespace": fx.ns}, "spec": {"jobTargetRef": {"template": {"spec": {"containers": [ctr("stackstorm/st2sensorcontainer:3.8.1", ["st2sensorcontainer"])]}}}}}
	facts := {"secret_values": [], "pod_units": {format_int(fx.next, 10): {"specs": [{"path": ["spec", "jobTargetRef", "template", "spec"], "labels": null, "count": 100}], "loose": []}}}
	"ST2-REP-002" in rules_of(fx.eval_facts("production", fx.plus(fx.baseline, sj), facts))
}

test_rollout_workload_ref_runs_the_referenced_template if {
	ro := {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "metadata": {"name": "t", "namespace": fx.ns}, "spec": {"replicas": 2, "workloadRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "st2-st2timersengine"}}}
	rules_of(fx.eval("production", fx.plus(fx.baseline, ro))) == {"ST2-REP-001"}
}

# --- sensors, coordination, scalers -----------------------------------------------------------

sensor(name, args) := deploy(name, [object.union(ctr("stackstorm/st2sensorcontainer:3.8.1", ["st2sensorcontainer"]), {"args": args})], 1)

test_partition_provider_default_partitions_nothing if {
	rs := fx.plus(with_conf("[sensorcontainer]\npartition_provider = name: default\n"), sensor("sensors-b", []))
	rules_of(fx.eval("production", rs)) == {"ST2-REP-003"}
	conf := "[sensorcontainer]\npartition_provider = name:kvstore\n"
	a := mounting(sensor("sensors-a", []), "part-a")
	b := mounting(sensor("sensors-b", []), "part-b")
	conf_b := concat("", [conf, "sensor_node_name = node-b\n"])
	apart := array.concat(fx.without(fx.baseline, "Deployment", "st2-st2sensorcontainer"), [a, b, fx.config_map("part-a", {"st2.conf": conf}), fx.config_map("part-b", {"st2.conf": conf_b})])
	count(fx.eval("production", apart)) == 0

	# One config for both: the kvstore provider's sensor_node_name is the same, so is the partition.
	b_shared := mounting(sensor("sensors-b", []), "part-a")
	shared := array.concat(fx.without(fx.baseline, "Deployment", "st2-st2sensorcontainer"), [a, b_shared, fx.config_map("part-a", {"st2.conf": conf})])
	rules_of(fx.eval("production", shared)) == {"ST2-REP-003"}
}

mounting(d, cm) := json.patch(d, [{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "c", "configMap": {"name": cm}}]}])

test_two_sensor_workloads_with_the_same_sensor_ref if {
	rs := fx.plus(fx.plus(fx.without(fx.baseline, "Deployment", "st2-st2sensorcontainer"), sensor("a", ["--single-sensor-mode", "--sensor-ref=linux.FileWatchSensor"])), sensor("b", ["--sensor-ref", "linux.FileWatchSensor"]))
	rules_of(fx.eval("production", rs)) == {"ST2-REP-003"}
	apart := fx.plus(fx.plus(fx.without(fx.baseline, "Deployment", "st2-st2sensorcontainer"), sensor("a", ["--sensor-ref=linux.FileWatchSensor"])), sensor("b", ["--sensor-ref=github.Watch"]))
	count(fx.eval("production", apart)) == 0
}

test_coordination_override_to_a_missing_backend if {
	rules_of(fx.eval("production", with_conf("[coordination]\nurl = kazoo://zk:2181\n"))) == {"ST2-REP-006"}
	rules_of(fx.eval("production", with_conf("[coordination]\nurl =\n"))) == {"ST2-REP-006"}
	rules_of(fx.eval("production", with_conf("[coordination]\nurl = zake://\n"))) == {"ST2-REP-006"}
	count(fx.eval("production", with_conf("[coordination]\nurl = redis://st2-redis:6379\n"))) == 0
}

test_keda_idle_replica_count_is_the_floor if {
	so := {"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject", "metadata": {"name": "api", "namespace": fx.ns}, "spec": {"scaleTargetRef": {"name": "st2-st2api"}, "minReplicaCount": 2, "idleReplicaCount": 0}}
	rules_of(fx.eval("production", fx.plus(fx.baseline, so))) == {"ST2-REP-005"}
	count(fx.eval("production", fx.plus(fx.baseline, json.remove(so, ["/spec/idleReplicaCount"])))) == 0
}

# --- exposure ----------------------------------------------------------------------------------

lb(name, selector, ranges, annotations) := {
	"apiVersion": "v1",
	"kind": "Service",
	"metadata": {"name": name, "namespace": fx.ns, "annotations": annotations},
	"spec": {"type": "LoadBalancer", "selector": selector, "ports": [{"port": 443, "targetPort": fx.service_port(selector)}], "loadBalancerSourceRanges": ranges},
}

test_open_ranges_in_any_spelling if {
	some ranges in [["0.0.0.0/1", "128.0.0.0/1"], ["0:0:0:0:0:0:0:0/0"], ["10.0.0.0/8", "0.0.0.0/4"], ["1.2.3.4/x"]]
	rules_of(fx.eval("production", fx.plus(fx.baseline, lb("web", {"app": "st2web"}, ranges, {})))) == {"ST2-EXP-007"}
}

test_narrow_ranges_are_restricted if {
	count(fx.eval("production", fx.plus(fx.baseline, lb("web", {"app": "st2web"}, ["10.0.0.0/8", "2001:db8::/32"], {})))) == 0
}

test_st2_http_services_need_a_restricted_lb_too if {
	rules_of(fx.eval("production", fx.plus(fx.baseline, lb("api", {"app": "st2auth"}, [], {})))) == {"ST2-EXP-007"}
	count(fx.eval("production", fx.plus(fx.baseline, lb("api", {"app": "st2auth"}, [], {"networking.gke.io/load-balancer-type": "Internal"})))) == 0
}

test_per_pod_selector_reaches_the_store if {
	rules_of(fx.eval("production", fx.plus(fx.baseline, lb("db-0", {"statefulset.kubernetes.io/pod-name": "st2-mongodb-0"}, ["10.0.0.0/8"], {})))) == {"ST2-EXP-006"}
	count(fx.eval("production", fx.plus(fx.baseline, lb("db-9", {"statefulset.kubernetes.io/pod-name": "st2-mongodb-9"}, ["10.0.0.0/8"], {})))) == 0
}

test_tcp_services_entry_routes_a_store if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "tcp-services", "namespace": "ingress-nginx"}, "data": {"5672": "st2/mq:5672"}}
	svc := fx.service("mq", "ClusterIP", {"app": "rabbitmq"})
	# (ingress-nginx is not st2's: ST2-OPS-015 refuses the ConfigMap too.)
	rules_of(fx.eval("production", fx.plus(fx.plus(fx.baseline, svc), cm))) == {"ST2-EXP-008", "ST2-OPS-015"}
}

# --- ST2-HRD-005 -------------------------------------------------------------------------------

test_auth_switched_off_by_a_later_config_file if {
	rules_of(fx.eval("production", with_conf("[auth]\nenable = False\n"))) == {"ST2-HRD-005"}
	rules_of(fx.eval("staging", with_conf("[rbac]\nenable = 0\n"))) == {"ST2-HRD-005"}
	count(fx.eval("production", with_conf("[auth]\nenable = True\nmode = standalone\n"))) == 0
}

# --- round 2 -------------------------------------------------------------------------------------

test_colon_separators_count_as_settings if {
	rules_of(fx.eval("production", with_conf("[coordination]\nurl: kazoo://zk:2181\n"))) == {"ST2-REP-006"}
	rules_of(fx.eval("production", with_conf("[auth]\nenable: false\n"))) == {"ST2-HRD-005"}
}

test_sensor_ref_inside_a_shell_line if {
	sh := deploy("b", [ctr("stackstorm/st2sensorcontainer:3.8.1", ["sh", "-c", "st2sensorcontainer --single-sensor-mode --sensor-ref=linux.FileWatchSensor"])], 1)
	rs := fx.plus(fx.plus(fx.without(fx.baseline, "Deployment", "st2-st2sensorcontainer"), sensor("a", ["--sensor-ref=linux.FileWatchSensor"])), sh)
	rules_of(fx.eval("production", rs)) == {"ST2-REP-003"}
}

test_ipv4_mapped_open_range if {
	rules_of(fx.eval("production", fx.plus(fx.baseline, lb("web", {"app": "st2web"}, ["::ffff:0.0.0.0/96"], {})))) == {"ST2-EXP-007"}
	count(fx.eval("production", fx.plus(fx.baseline, lb("web", {"app": "st2web"}, ["::ffff:10.0.0.0/104"], {})))) == 0
}

test_mesh_and_proxy_routes_to_stores if {
	mq := fx.service("mq", "ClusterIP", {"app": "rabbitmq"})
	vs := {"apiVersion": "networking.istio.io/v1", "kind": "VirtualService", "metadata": {"name": "v", "namespace": fx.ns}, "spec": {"tcp": [{"route": [{"destination": {"host": "mq.st2.svc.cluster.local"}}]}]}}
	tr := {"apiVersion": "traefik.io/v1alpha1", "kind": "IngressRouteTCP", "metadata": {"name": "t", "namespace": fx.ns}, "spec": {"routes": [{"services": [{"name": "mq", "port": 5672}]}]}}
	hp := {"apiVersion": "projectcontour.io/v1", "kind": "HTTPProxy", "metadata": {"name": "h", "namespace": fx.ns}, "spec": {"tcpproxy": {"services": [{"name": "mq", "port": 5672}]}}}
	some route in [vs, tr, hp]
	rules_of(fx.eval("production", fx.plus(fx.plus(fx.baseline, mq), route))) == {"ST2-EXP-008"}
}

test_selectorless_service_with_endpoints_on_a_store_pod if {
	svc := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "pub", "namespace": fx.ns}, "spec": {"type": "LoadBalancer", "ports": [{"port": 27017}], "loadBalancerSourceRanges": ["10.0.0.0/8"]}}
	eps := {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "metadata": {"name": "pub-1", "namespace": fx.ns, "labels": {"kubernetes.io/service-name": "pub"}}, "endpoints": [{"addresses": ["10.0.0.1"], "targetRef": {"kind": "Pod", "name": "st2-mongodb-1"}}]}
	rules_of(fx.eval("production", fx.plus(fx.plus(fx.baseline, svc), eps))) == {"ST2-EXP-006"}
}

test_pod_security_floor_and_host_paths if {
	ns := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "st2", "labels": {"pod-security.kubernetes.io/enforce": "privileged"}}}
	rules_of(fx.eval("production", fx.plus(fx.baseline, ns))) == {"ST2-HRD-006"}
	count(fx.eval("production", fx.plus(fx.baseline, json.patch(ns, [{"op": "replace", "path": "/metadata/labels/pod-security.kubernetes.io~1enforce", "value": "baseline"}])))) == 0
	api := json.patch(fx.base("Deployment", "st2-st2api"), [{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "sock", "hostPath": {"path": "/var/run/docker.sock"}}]}])
	# The runtime's socket is the node in every environment (ST2-HRD-023).
	rules_of(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2api", api))) == {"ST2-HRD-006", "ST2-HRD-023"}
}

test_argo_cron_workflow_running_a_daemon if {
	cw := {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow", "metadata": {"name": "t", "namespace": fx.ns}, "spec": {"schedule": "* * * * *", "workflowSpec": {"entrypoint": "run", "templates": [{"name": "run", "container": {"image": "stackstorm/st2timersengine:3.8.1", "command": timers_cmd}}]}}}
	facts := {"secret_values": [], "pod_units": {format_int(fx.next, 10): {"specs": [], "loose": [{"path": ["spec", "workflowSpec", "templates", 0, "container"], "flags": null}]}}}
	rules_of(fx.eval_facts("production", fx.plus(fx.baseline, cw), facts)) == {"ST2-REP-001"}
	report := json.patch(cw, [{"op": "replace", "path": "/spec/workflowSpec/templates/0/container", "value": {"image": "stackstorm/st2actionrunner:3.8.1", "command": ["st2", "execution", "list"]}}])
	count(fx.eval_facts("production", fx.plus(fx.baseline, report), facts)) == 0
}
