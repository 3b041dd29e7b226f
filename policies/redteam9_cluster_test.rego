# The ninth red team's cluster-harm classes (test/policy/redteam/fresh9-cluster.ts):
# the OPS-006 rights table's new rights (cluster-scoped ones only through a
# ClusterRoleBinding), ST2-OPS-040..045 and ST2-SEC-015 with the bundle's
# settings (allowed_objects, max_priority_value, cloud_identities,
# max_workload_pods, topology_domains).
package st2_test.redteam9_cluster

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

severities(fs, rule) := {f.severity | some f in fs; f.rule == rule}

plus(new) := array.concat(fx.baseline, new)

eval_in(profile, ns, resources) := fs if {
	fs := data.st2.findings with input as {"profile": profile, "environment": profile, "namespace": ns, "resources": resources, "facts": fx.no_facts}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.namespaces as fx.listed_namespaces
		with data.settings.delivery.singleton_names as fx.singleton_names
}

prod(resources) := rules_of(fx.eval("production", plus(resources)))

dev(resources) := fx.eval("dev", plus(resources))

# --- ST2-OPS-006: the new rights -------------------------------------------------------------------

rbac := "rbac.authorization.k8s.io/v1"

cluster_granted(binding_kind, rules, subject) := [
	{"apiVersion": rbac, "kind": "ClusterRole", "metadata": {"name": "cr"}, "rules": rules},
	{"apiVersion": rbac, "kind": binding_kind, "metadata": {"name": "b", "namespace": fx.ns}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cr"}, "subjects": [subject]},
]

granted(rules, subject) := [
	{"apiVersion": rbac, "kind": "Role", "metadata": {"name": "r", "namespace": fx.ns}, "rules": rules},
	{"apiVersion": rbac, "kind": "RoleBinding", "metadata": {"name": "b", "namespace": fx.ns}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r"}, "subjects": [subject]},
]

everyone := {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:authenticated"}

# The fixtures' pods run as the namespace's default account: the runners' among them.
runners := {"kind": "ServiceAccount", "name": "default", "namespace": fx.ns}

dedicated := {"kind": "ServiceAccount", "name": "scaler", "namespace": fx.ns}

r(groups, resources, verbs) := {"apiGroups": groups, "resources": resources, "verbs": verbs}

test_rights_that_bypass_the_gate_to_everyone_or_the_runners if {
	every rules in [
		[r(["apps"], ["deployments/scale"], ["patch"])],
		[r([""], ["services"], ["update"])],
		[r(["discovery.k8s.io"], ["endpointslices"], ["create"])],
		[r(["policy"], ["poddisruptionbudgets"], ["delete"])],
		[r([""], ["persistentvolumeclaims"], ["deletecollection"])],
		[r(["external-secrets.io"], ["pushsecrets"], ["create"])],
		[r([""], ["pods"], ["delete"])],
	] {
		"ST2-OPS-006" in prod(granted(rules, everyone))
		"ST2-OPS-006" in prod(granted(rules, runners))
		not "ST2-OPS-006" in prod(granted(rules, dedicated))
	}
}

test_reading_is_no_right if {
	not "ST2-OPS-006" in prod(granted([r(["", "discovery.k8s.io"], ["services", "endpoints", "endpointslices"], ["get", "list", "watch"])], everyone))
}

test_cluster_rights_count_through_a_cluster_role_binding_only if {
	every rules in [
		[r([""], ["nodes"], ["patch"])],
		[r(["admissionregistration.k8s.io"], ["validatingwebhookconfigurations"], ["delete"])],
		[r(["constraints.gatekeeper.sh"], ["k8spspprivilegedcontainer"], ["delete"])],
		[r(["apiextensions.k8s.io"], ["customresourcedefinitions"], ["update"])],
		[r([""], ["persistentvolumes"], ["create"])],
		[r(["*"], ["*"], ["*"])],
	] {
		"ST2-OPS-006" in prod(cluster_granted("ClusterRoleBinding", rules, runners))
	}

	# A RoleBinding of the same ClusterRole grants nothing on nodes.
	not "ST2-OPS-006" in prod(cluster_granted("RoleBinding", [r([""], ["nodes"], ["patch", "delete"])], runners))
	not "ST2-OPS-006" in prod(cluster_granted("ClusterRoleBinding", [r([""], ["nodes"], ["get", "list", "watch"])], runners))

	# A wildcard group names no Gatekeeper resource by itself.
	not "ST2-OPS-006" in prod(cluster_granted("ClusterRoleBinding", [r(["*"], ["leases"], ["delete"])], runners))
}

test_cluster_rights_deny_a_dev_render_reaching_production if {
	fs := eval_in("dev", "st2-dev", plus(cluster_granted("ClusterRoleBinding", [r([""], ["nodes"], ["delete"])], runners)))
	"deny" in severities(fs, "ST2-OPS-006")

	# The same right on the namespace (a Role) stays a dev warning.
	{"warn"} == severities(eval_in("dev", "st2-dev", plus(granted([r([""], ["services"], ["update"])], everyone))), "ST2-OPS-006")
}

# --- ST2-OPS-040: preemption -------------------------------------------------------------------------

priority_class(name, value, global) := {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": name}, "value": value, "globalDefault": global}

with_priority(app, pc) := [w |
	some w0 in fx.baseline
	w := patched_priority(w0, app, pc)
]

patched_priority(w, app, pc) := json.patch(w, [{"op": "add", "path": "/spec/template/spec/priorityClassName", "value": pc}]) if {
	w.metadata.name == concat("", ["st2-", app])
} else := w

test_priority_classes if {
	"ST2-OPS-040" in prod([priority_class("st2", 1000, true)])
	"ST2-OPS-040" in prod([priority_class("st2", 500000000, false)])
	not "ST2-OPS-040" in prod([priority_class("st2", 100000, false)])
	not "ST2-OPS-040" in rules_of(fx.eval("production", plus([priority_class("st2", 500000000, false)]))) with data.settings.cluster.max_priority_value as 1000000000
	{"deny"} == severities(dev([priority_class("st2", 1000, true)]), "ST2-OPS-040")
}

test_system_classes_on_st2_pods if {
	every pc in ["system-node-critical", "system-cluster-critical"] {
		"ST2-OPS-040" in rules_of(fx.eval("production", with_priority("st2actionrunner", pc)))
		{"deny"} == severities(fx.eval("dev", with_priority("mongodb", pc)), "ST2-OPS-040")
	}
	not "ST2-OPS-040" in rules_of(fx.eval("production", array.concat(with_priority("mongodb", "st2-stores"), [priority_class("st2-stores", 100000, false)])))
}

# --- ST2-OPS-041, 042: defaults, APIs, guardrails ----------------------------------------------------

annotated(kind, key, value) := {"apiVersion": "v1", "kind": kind, "metadata": {"name": "c", "annotations": {key: value}}}

test_default_classes if {
	"ST2-OPS-041" in prod([annotated("IngressClass", "ingressclass.kubernetes.io/is-default-class", "true")])
	"ST2-OPS-041" in prod([annotated("StorageClass", "storageclass.beta.kubernetes.io/is-default-class", "true")])
	{"deny"} == severities(dev([annotated("StorageClass", "storageclass.kubernetes.io/is-default-class", "true")]), "ST2-OPS-041")
	not "ST2-OPS-041" in prod([annotated("StorageClass", "storageclass.kubernetes.io/is-default-class", "false")])
	not "ST2-OPS-041" in rules_of(fx.eval("production", plus([annotated("IngressClass", "ingressclass.kubernetes.io/is-default-class", "true")]))) with data.settings.cluster.allowed_objects as ["IngressClass/c"]
}

test_cluster_apis_and_exemptions if {
	every kind in ["APIService", "CustomResourceDefinition", "FlowSchema", "PriorityLevelConfiguration"] {
		"ST2-OPS-042" in prod([{"apiVersion": "v1", "kind": kind, "metadata": {"name": "x"}}])
	}
	"ST2-OPS-042" in prod([{"apiVersion": "kyverno.io/v2", "kind": "PolicyException", "metadata": {"name": "x", "namespace": fx.ns}, "spec": {}}])
	"ST2-OPS-042" in prod([{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": fx.ns, "labels": {"admission.gatekeeper.sh/ignore": "yes"}}}])
	not "ST2-OPS-042" in prod([{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": fx.ns, "labels": {"policy.sigstore.dev/include": "true"}}}])
	not "ST2-OPS-042" in prod([{"apiVersion": "example.com/v1", "kind": "PolicyException", "metadata": {"name": "x", "namespace": fx.ns}}])
	not "ST2-OPS-042" in rules_of(fx.eval("production", plus([{"apiVersion": "kyverno.io/v2", "kind": "PolicyException", "metadata": {"name": "x", "namespace": fx.ns}}]))) with data.settings.cluster.allowed_objects as ["PolicyException/st2/x"]
}

# --- ST2-SEC-015: cloud identities -------------------------------------------------------------------

sa(key, id) := {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "default", "namespace": fx.ns, "annotations": {key: id}}}

role_arn := "arn:aws:iam::111122223333:role/st2-packs-read"

test_cloud_identities_only_as_listed if {
	every key in ["eks.amazonaws.com/role-arn", "iam.gke.io/gcp-service-account", "azure.workload.identity/client-id"] {
		"ST2-SEC-015" in prod([sa(key, role_arn)])
		{"deny"} == severities(dev([sa(key, role_arn)]), "ST2-SEC-015")
	}
	not "ST2-SEC-015" in rules_of(fx.eval("production", plus([sa("eks.amazonaws.com/role-arn", role_arn)]))) with data.settings.cluster.cloud_identities as [role_arn]
	not "ST2-SEC-015" in prod([sa("eks.amazonaws.com/sts-regional-endpoints", "true")])
}

# --- ST2-OPS-043: volumes ----------------------------------------------------------------------------

pv(source) := {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "v"}, "spec": object.union({"capacity": {"storage": "1Gi"}}, source)}

pvc(spec) := {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "c", "namespace": fx.ns}, "spec": spec}

test_node_and_foreign_volumes if {
	"ST2-OPS-043" in prod([pv({"hostPath": {"path": "/"}})])
	"ST2-OPS-043" in prod([pv({"local": {"path": "/mnt"}})])
	"ST2-OPS-043" in prod([pvc({"volumeName": "someone-elses"})])
	"ST2-OPS-043" in prod([pvc({"dataSourceRef": {"kind": "VolumeSnapshot", "name": "s", "namespace": "other"}})])
	not "ST2-OPS-043" in prod([pv({"nfs": {"server": "nfs.example.test", "path": "/x"}}), pvc({"volumeName": "v"})])
	not "ST2-OPS-043" in prod([pvc({"storageClassName": "gp3", "dataSourceRef": {"kind": "VolumeSnapshot", "name": "s", "namespace": fx.ns}})])
}

# --- ST2-OPS-044, 045: sizes and placement -----------------------------------------------------------

job(parallelism) := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j", "namespace": fx.ns}, "spec": {"parallelism": parallelism, "template": {"spec": {"restartPolicy": "Never", "containers": [fx.container("busybox")]}}}}

with_pod(app, field, value) := [w |
	some w0 in fx.baseline
	w := patched(w0, app, field, value)
]

patched(w, app, field, value) := json.patch(w, [{"op": "add", "path": concat("/", ["/spec/template/spec", field]), "value": value}]) if {
	w.metadata.name == concat("", ["st2-", app])
} else := w

test_sizes if {
	"ST2-OPS-044" in prod([job(2000)])
	not "ST2-OPS-044" in prod([job(10)])
	not "ST2-OPS-044" in rules_of(fx.eval("production", plus([job(2000)]))) with data.settings.cluster.max_workload_pods as 5000
}

anti(key) := {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [{"labelSelector": {"matchLabels": {"app": "mongodb"}}, "topologyKey": key}]}}

test_anti_affinity_over_too_few_domains if {
	"ST2-OPS-044" in rules_of(fx.eval("production", with_pod("mongodb", "affinity", anti("topology.kubernetes.io/region"))))
	{"warn"} == severities(fx.eval("dev", with_pod("mongodb", "affinity", anti("topology.kubernetes.io/region"))), "ST2-OPS-044")
	not "ST2-OPS-044" in rules_of(fx.eval("production", with_pod("mongodb", "affinity", anti("topology.kubernetes.io/zone"))))
	not "ST2-OPS-044" in rules_of(fx.eval("production", with_pod("mongodb", "affinity", anti("topology.kubernetes.io/region")))) with data.settings.cluster.topology_domains as {"topology.kubernetes.io/region": 3}
}

test_placement if {
	"ST2-OPS-045" in rules_of(fx.eval("production", with_pod("st2actionrunner", "tolerations", [{"operator": "Exists"}])))
	"ST2-OPS-045" in rules_of(fx.eval("production", with_pod("st2api", "nodeSelector", {"node-role.kubernetes.io/control-plane": ""})))
	{"deny"} == severities(fx.eval("dev", with_pod("st2actionrunner", "tolerations", [{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists"}])), "ST2-OPS-045")
	not "ST2-OPS-045" in rules_of(fx.eval("production", with_pod("st2actionrunner", "tolerations", [{"key": "dedicated", "operator": "Equal", "value": "st2", "effect": "NoSchedule"}])))
}

test_stores_on_spot if {
	"ST2-OPS-045" in rules_of(fx.eval("production", with_pod("mongodb", "nodeSelector", {"karpenter.sh/capacity-type": "spot"})))
	{"warn"} == severities(fx.eval("staging", with_pod("rabbitmq", "nodeSelector", {"cloud.google.com/gke-spot": "true"})), "ST2-OPS-045")
	not "ST2-OPS-045" in rules_of(fx.eval("dev", with_pod("rabbitmq", "nodeSelector", {"cloud.google.com/gke-spot": "true"})))
	not "ST2-OPS-045" in rules_of(fx.eval("production", with_pod("st2actionrunner", "nodeSelector", {"karpenter.sh/capacity-type": "spot"})))
	not "ST2-OPS-045" in rules_of(fx.eval("production", with_pod("mongodb", "nodeSelector", {"eks.amazonaws.com/capacityType": "ON_DEMAND"})))
}

# --- ST2-OPS-006: who, spelled another way; built-in roles bound by name -----------------------------

builtin_binding(kind, role, subject) := {"apiVersion": rbac, "kind": kind, "metadata": {"name": "b", "namespace": fx.ns}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role}, "subjects": [subject]}

test_a_service_account_named_as_a_user if {
	user := {"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": concat(":", ["system:serviceaccount", fx.ns, "default"])}
	"ST2-OPS-006" in prod(granted([r(["apps"], ["deployments/scale"], ["patch"])], user))
	not "ST2-OPS-006" in prod(granted([r(["apps"], ["deployments/scale"], ["patch"])], {"kind": "User", "name": "system:serviceaccount:st2:scaler"}))
	not "ST2-OPS-006" in prod(granted([r(["apps"], ["deployments/scale"], ["patch"])], {"kind": "User", "name": "alice@example.test"}))
}

test_builtin_control_plane_roles if {
	"ST2-OPS-006" in prod([builtin_binding("ClusterRoleBinding", "system:controller:node-controller", runners)])
	"ST2-OPS-006" in prod([builtin_binding("RoleBinding", "system:aggregate-to-edit", everyone)])
	not "ST2-OPS-006" in prod([builtin_binding("ClusterRoleBinding", "system:persistent-volume-provisioner", dedicated)])
}
