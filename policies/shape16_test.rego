# The sixteenth red team's shape classes (test/policy/redteam/fresh16-shape.ts):
# st2's content and RBAC Jobs that start no pod (ST2-OPS-081), StatefulSet
# identity (ordinals.start, serviceName) as the formation facts report it
# (ST2-REP-014's peer_host and init_host), and st2web's image under a uid
# other than root (ST2-OPS-062).
package st2_test.shape16

import data.st2_test.fixtures as fx

# --- ST2-OPS-081 --------------------------------------------------------------------------------

tool_job(name, program, spec) := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name, "namespace": fx.ns, "annotations": {"argocd.argoproj.io/hook": "PostSync"}}, "spec": object.union({"template": {"spec": {"restartPolicy": "OnFailure", "containers": [object.union(fx.container("st2actionrunner"), {"command": [concat("", ["/opt/stackstorm/st2/bin/", program]), "--config-file=/etc/st2/st2.conf"]})]}}}, spec)}

idle(profile, job) := {f.severity | some f in fx.eval(profile, fx.plus(fx.baseline, job)); f.rule == "ST2-OPS-081"}

test_content_and_rbac_jobs_that_start_no_pod if {
	every c in [
		["st2-register-content", {"suspend": true}],
		["st2-apply-rbac-definitions", {"suspend": true}],
		["st2-register-content", {"parallelism": 0}],
		["st2-apply-rbac-definitions", {"completions": 0}],
		["st2-register-content", {"managedBy": "kueue.x-k8s.io/multikueue"}],
	] {
		idle("production", tool_job("content", c[0], c[1])) == {"deny"}
	}
	idle("dev", tool_job("content", "st2-register-content", {"suspend": true})) == {"warn"}
}

test_content_jobs_that_run if {
	every spec in [
		{},
		{"suspend": false},
		{"parallelism": 1, "completions": 1, "backoffLimit": 6},
		{"managedBy": "kubernetes.io/job-controller"},
		{"activeDeadlineSeconds": 1800},
	] {
		idle("production", tool_job("content", "st2-register-content", spec)) == set()
	}
	# Another program's Job, suspended, is not st2's content.
	idle("production", tool_job("backup", "st2-export-backup", {"suspend": true})) == set()
}

# --- ST2-REP-014: StatefulSet identity ---------------------------------------------------------

index_of(name) := i if {
	some i, r in fx.baseline
	r.kind == "StatefulSet"
	r.metadata.name == name
}

fact(setting, value) := {"secret_values": [], "store_ha": [{"resource": index_of("st2-mongodb"), "path": ["spec", "template", "spec", "containers", 0], "store": "etcd", "setting": setting, "value": value, "capacity": 0}]}

test_peer_hosts_outside_the_set_deny_under_rep014 if {
	fs := fx.eval_facts("production", fx.baseline, fact("peer_host", "etcd-0.etcd-headless"))
	some f in fs
	f.rule == "ST2-REP-014"
	contains(f.params.problem, "peer URL")
}

# --- ST2-OPS-062: st2web's image as another uid -------------------------------------------------

web(ops) := fx.replace(fx.baseline, "Deployment", "st2-st2web", json.patch(fx.base("Deployment", "st2-st2web"), ops))

ops062(resources) := {f.severity | some f in fx.eval("production", resources); f.rule == "ST2-OPS-062"}

test_st2web_image_under_another_uid if {
	every sc in [
		{"runAsUser": 1000, "runAsNonRoot": true},
		{"runAsUser": 101},
	] {
		ops062(web([{"op": "add", "path": "/spec/template/spec/securityContext", "value": sc}])) == {"deny"}
	}
	ops062(web([{"op": "add", "path": "/spec/template/spec/containers/0/securityContext/runAsUser", "value": 101}])) == {"deny"}
}

test_st2web_as_root_or_with_its_own_command if {
	# Root written out, a group added, and a replaced command (an image set up to run unprivileged) are not judged.
	ops062(web([{"op": "add", "path": "/spec/template/spec/securityContext", "value": {"runAsUser": 0}}])) == set()
	ops062(web([{"op": "add", "path": "/spec/template/spec/securityContext", "value": {"supplementalGroups": [1000], "fsGroup": 1000}}])) == set()
	ops062(web([
		{"op": "add", "path": "/spec/template/spec/securityContext", "value": {"runAsUser": 101}},
		{"op": "add", "path": "/spec/template/spec/containers/0/command", "value": ["nginx", "-c", "/etc/nginx-unprivileged/nginx.conf", "-g", "daemon off;"]},
	])) == set()
}
