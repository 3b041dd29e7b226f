# ST2-OPS-028..031 and ST2-REP-018 (operations_pods.rego, replicas_services.rego) on the
# facts src/policy/pod-facts.ts produces; the whole path is in the red-team corpus
# (test/policy/redteam/fresh8-pod.ts) and the Pod Security verdicts are held to the real
# API server (test/apiserver/pod-security-verdicts.test.ts).
package st2_test.redteam8_pod

import data.st2_test.fixtures as fx

timers := fx.index_of(fx.baseline, "Deployment", "st2-st2timersengine")

spec_path := ["spec", "template", "spec"]

ctr_path := array.concat(spec_path, ["containers", 0])

facts(extra) := object.union({"pod_units": {}}, extra)

rules_of(fs) := {f.rule | some f in fs}

ref(kind, value) := {"pod_refs": [{"resource": timers, "path": array.concat(spec_path, ["schedulerName"]), "ref": kind, "value": value}]}

test_unknown_cluster_objects_deny_and_warn_in_dev if {
	every kind in ["scheduler", "runtime_class", "priority_class", "seccomp_localhost", "apparmor_localhost", "topology_key"] {
		fs := fx.eval_facts("production", fx.baseline, facts(ref(kind, "not-in-this-cluster")))
		fx.only(fs, "ST2-OPS-028", "deny", timers)
		{f.severity | some f in fx.eval_facts("dev", fx.baseline, facts(ref(kind, "not-in-this-cluster")))} == {"warn"}
	}
}

test_known_cluster_objects_pass if {
	every pair in [["scheduler", "default-scheduler"], ["priority_class", "system-node-critical"], ["topology_key", "topology.kubernetes.io/zone"]] {
		count(fx.eval_facts("production", fx.baseline, facts(ref(pair[0], pair[1])))) == 0
	}
}

test_the_bundle_lists_the_cluster if {
	fs := fx.eval_facts("production", fx.baseline, facts(ref("runtime_class", "gvisor"))) with data.settings.cluster.runtime_classes as ["gvisor"]
	count(fs) == 0
}

placement(arch, images) := {"pod_placement": [{"resource": timers, "path": spec_path, "arch": arch, "images": images}]}

test_architectures_the_images_lack if {
	fx.only(fx.eval_facts("staging", fx.baseline, facts(placement(["arm64"], ["stackstorm/st2timersengine"]))), "ST2-OPS-028", "deny", timers)
	count(fx.eval_facts("staging", fx.baseline, facts(placement(["arm64"], ["mongo", "busybox"])))) == 0
	count(fx.eval_facts("staging", fx.baseline, facts(placement(["amd64", "arm64"], ["stackstorm/st2timersengine"])))) == 0
	count(fx.eval_facts("staging", fx.baseline, facts(placement(["arm64"], ["example.test/own-image"])))) == 0
}

request(cpu, memory, extended) := {"pod_requests": [{"resource": timers, "path": spec_path, "cpu": cpu, "memory": memory, "extended": extended}]}

test_requests_above_the_largest_node if {
	fx.only(fx.eval_facts("production", fx.baseline, facts(request(1, 549755813888, {}))), "ST2-OPS-028", "deny", timers)
	fx.only(fx.eval_facts("production", fx.baseline, facts(request(33, 1, {}))), "ST2-OPS-028", "deny", timers)
	fx.only(fx.eval_facts("production", fx.baseline, facts(request(1, 1, {"nvidia.com/gpu": 1}))), "ST2-OPS-028", "deny", timers)
	count(fx.eval_facts("production", fx.baseline, facts(request(16, 68719476736, {})))) == 0
}

namespace(level) := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": fx.ns, "labels": {"pod-security.kubernetes.io/enforce": level}}}

psa(restricted) := {"pod_security": [{"resource": timers, "path": spec_path, "baseline": [], "restricted": restricted}]}

test_pod_security_enforced_level if {
	fs := fx.eval_facts("production", fx.plus(fx.baseline, namespace("restricted")), facts(psa(["runAsNonRoot"])))
	fx.only(fs, "ST2-OPS-029", "deny", timers)
	not "ST2-OPS-029" in rules_of(fx.eval_facts("production", fx.plus(fx.baseline, namespace("baseline")), facts(psa(["runAsNonRoot"]))))
	not "ST2-OPS-029" in rules_of(fx.eval_facts("production", fx.plus(fx.baseline, namespace("privileged")), facts(psa(["runAsNonRoot"]))))

	# An unknown level is enforced as restricted.
	"ST2-OPS-029" in rules_of(fx.eval_facts("production", fx.plus(fx.baseline, namespace("Restricted ")), facts(psa(["runAsNonRoot"]))))
}

file(mode, group, uid, groups) := {"file_reads": [{"resource": timers, "path": ctr_path, "file": "/etc/st2/st2.secrets.conf", "mode": mode, "octal": "0", "group": group, "uid": uid, "gid": gid_of(uid), "groups": groups, "image": "stackstorm/st2timersengine"}]}

# runAsGroup beside runAsUser, as the base sets them; -1 (the image's) otherwise.
gid_of(uid) := uid if uid > 0 else := -1

test_config_files_the_process_cannot_read if {
	fx.only(fx.eval_facts("production", fx.baseline, facts(file(288, 0, 1000, []))), "ST2-OPS-030", "deny", timers)
	fx.only(fx.eval_facts("production", fx.baseline, facts(file(256, 1000, 1000, [1000]))), "ST2-OPS-030", "deny", timers)
	count(fx.eval_facts("production", fx.baseline, facts(file(288, 1000, 1000, [1000])))) == 0
	count(fx.eval_facts("production", fx.baseline, facts(file(292, 0, 1000, [])))) == 0
	count(fx.eval_facts("production", fx.baseline, facts(file(256, 0, 0, [])))) == 0

	# A uid without a group is believed to read a group-readable file (its passwd group, or 0).
	count(fx.eval_facts("production", fx.baseline, facts({"file_reads": [object.union(file(288, 0, 1000, []).file_reads[0], {"gid": -1})]}))) == 0

	# The image's user when the pod names none (st2's images run as st2, uid 1000).
	fx.only(fx.eval_facts("production", fx.baseline, facts(file(288, 0, -1, []))), "ST2-OPS-030", "deny", timers)
}

probe(port) := {"probe_ports": [{"resource": timers, "path": array.concat(ctr_path, ["livenessProbe", "tcpSocket", "port"]), "container": ctr_path, "port": port, "named": ""}]}

test_probes_on_ports_never_served if {
	fx.only(fx.eval_facts("production", fx.baseline, facts(probe(9101))), "ST2-OPS-031", "deny", timers)
	fx.only(fx.eval_facts("production", fx.baseline, facts(probe(-1))), "ST2-OPS-031", "deny", timers)
}

service(name, selector, spec) := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "namespace": fx.ns}, "spec": object.union({"selector": selector}, spec)}

test_services_that_reach_no_pod if {
	typo := service("rabbitmq", {"app": "rabbit"}, {"ports": [{"port": 5672}]})
	fx.only(fx.eval("production", fx.plus(fx.baseline, typo)), "ST2-REP-018", "deny", fx.next)
	peer := service("st2-mongodb-client", {"app": "mongodb"}, {"ports": [{"port": 27017, "targetPort": 2380}]})
	"ST2-REP-018" in rules_of(fx.eval("production", fx.plus(fx.baseline, peer)))
	local := service("st2-api", {"app": "st2api"}, {"internalTrafficPolicy": "Local", "ports": [{"port": 9101}]})
	"ST2-REP-018" in rules_of(fx.eval("production", fx.plus(fx.baseline, local)))
	named := service("st2-api", {"app": "st2api"}, {"ports": [{"port": 9101, "targetPort": "api"}]})
	"ST2-REP-018" in rules_of(fx.eval("production", fx.plus(fx.baseline, named)))
}

test_services_that_reach_their_pods_pass if {
	ok := service("st2-api", {"app": "st2api"}, {"internalTrafficPolicy": "Cluster", "ports": [{"port": 9101}]})
	count(fx.eval("production", fx.plus(fx.baseline, ok))) == 0
	other := service("other-app", {"app": "other"}, {"ports": [{"port": 80}]})
	count(fx.eval("production", fx.plus(fx.baseline, other))) == 0
}
