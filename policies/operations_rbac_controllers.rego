# ST2-OPS-006, continued (the fifteenth red team): rights that act through a
# controller. A right to create an object is the right to whatever its
# controller then does with its own account: an autoscaler scales a singleton
# (a second timers engine, MongoDB to a lone member), a workload custom
# resource carries pod templates its operator starts (any image, any Secret of
# the namespace mounted), a route custom resource publishes a Service through
# its ingress controller, and a ReferenceGrant lets routes of another
# namespace reach st2's Services. Groups whose every kind is such a kind are
# matched whole (a future kind of the operator included); groups that mix in
# templates or settings (Tekton Tasks, Traefik Middlewares) by resource.
# Any resource's scale subresource, in any group, scales what it names.

package st2.operations

import data.st2.lib

# Workload kinds by API group. Route kinds come from lib.route_kinds, the one
# list the exposure rules read a route's objects by (route_rights below).
run_pods := "run pods through a workload operator"

publish_routes := "publish Services through an ingress controller's routes"

# The whole groups' cluster-scoped kinds: a Role, or a ClusterRole bound by a
# RoleBinding, grants nothing on them (Kubernetes RBAC: a RoleBinding grants
# within its namespace; cluster-scoped resources only through a
# ClusterRoleBinding). Bound cluster-wide they inject sidecars into every
# matching pod (SidecarSet), copy objects into every namespace
# (ResourceDistribution), make namespaces (Profile) or serve any namespace's
# scalers, runtimes and storage.
operator_cluster_kinds := {
	"keda.sh": {"clustertriggerauthentications"},
	"apps.kruise.io": {"sidecarsets", "resourcedistributions", "nodeimages", "nodepodprobes"},
	"kubeflow.org": {"profiles"},
	"trainer.kubeflow.org": {"clustertrainingruntimes"},
	"serving.kserve.io": {"clusterservingruntimes", "clusterstoragecontainers"},
}

operator_cluster_kind_names := {r | some kinds in operator_cluster_kinds; some r in kinds}

controller_rights := [
	{"right": "scale workloads through an autoscaler", "groups": {"autoscaling"}, "resources": {"horizontalpodautoscalers"}, "verbs": grant_verbs, "in_edit": true},
	{"right": "scale workloads through an autoscaler", "groups": {"autoscaling.k8s.io"}, "resources": {"verticalpodautoscalers"}, "verbs": grant_verbs, "in_edit": false},
	# KEDA: ScaledObjects scale, ScaledJobs start Jobs, TriggerAuthentications
	# hand the namespace's Secrets to a scaler's endpoint.
	{"right": "scale workloads through an autoscaler", "groups": {"keda.sh"}, "resources": {"scaledobjects", "scaledjobs", "triggerauthentications"}, "whole_group": true, "cluster_kinds": operator_cluster_kind_names, "verbs": grant_verbs, "in_edit": false},
	{"right": "scale workloads", "any_group": true, "groups": set(), "resources": set(), "verbs": grant_verbs, "in_edit": false},
	{"right": run_pods, "groups": {"tekton.dev"}, "resources": {"taskruns", "pipelineruns"}, "verbs": grant_verbs, "in_edit": false},
	{"right": run_pods, "groups": {"triggers.tekton.dev"}, "resources": {"eventlisteners"}, "verbs": grant_verbs, "in_edit": false},
	{"right": run_pods, "groups": {
		"sparkoperator.k8s.io", "batch.volcano.sh", "ray.io", "kubeflow.org", "trainer.kubeflow.org",
		"apps.kruise.io", "jobset.x-k8s.io", "leaderworkerset.x-k8s.io", "serving.knative.dev", "serving.kserve.io",
		"kustomize.toolkit.fluxcd.io", "helm.toolkit.fluxcd.io",
	}, "resources": {
		"sparkapplications", "scheduledsparkapplications", "jobs", "rayjobs", "rayclusters", "rayservices",
		"pytorchjobs", "tfjobs", "mpijobs", "xgboostjobs", "paddlejobs", "jaxjobs", "notebooks", "trainjobs",
		"clonesets", "statefulsets", "daemonsets", "advancedcronjobs", "broadcastjobs", "uniteddeployments",
		"jobsets", "leaderworkersets", "services", "configurations", "inferenceservices",
		"kustomizations", "helmreleases",
	}, "whole_group": true, "cluster_kinds": operator_cluster_kind_names, "verbs": grant_verbs, "in_edit": false},
	{"right": "write a workload operator's cluster-scoped kinds", "groups": object.keys(operator_cluster_kinds), "resources": operator_cluster_kind_names, "verbs": grant_verbs, "in_edit": false, "scope": "cluster"},
	{"right": "let other namespaces' routes reach its Services (ReferenceGrant)", "groups": {"gateway.networking.k8s.io"}, "resources": {"referencegrants"}, "verbs": grant_verbs, "in_edit": false},
]

# A scale subresource of any resource ("clonesets/scale", "*/scale"): the
# right's "any_group" entry matches on the resource alone. The built-in kinds'
# own are core_rights' (which the built-in edit holds).
rule_grants(rule, right) if {
	right.any_group
	some r in object.get(rule, "resources", [])
	is_string(r)
	endswith(r, "/scale")
	not core_scale_resources[r]
	verb_matches(rule, right)
}

core_scale_resources := {r | some right in core_rights; right.right == "scale workloads"; some r in right.resources}

# Ingresses and routes, by group: Ingresses and Gateway API's kinds are the
# built-in edit's "publish Ingresses or routes"; the rest an ingress
# controller's own.
builtin_route_groups := {"networking.k8s.io", "gateway.networking.k8s.io"}

route_rights := [right |
	some group in {row.group | some row in lib.route_kinds}
	rows := [row | some row in lib.route_kinds; row.group == group]
	right := {
		"right": route_right_name(group),
		"groups": {group},
		"resources": {row.resource | some row in rows},
		"verbs": grant_verbs,
		"in_edit": {row.in_edit | some row in rows} == {true},
	}
]

route_right_name(group) := "publish Ingresses or routes" if {
	builtin_route_groups[group]
} else := publish_routes
