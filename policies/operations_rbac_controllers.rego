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

# Workload and route kinds by API group; the exposure rules read the route
# kinds' objects when the render holds them (exposure.rego, exposure_routes.rego,
# exposure_edge.rego), this table when an account may write them.
run_pods := "run pods through a workload operator"

publish_routes := "publish Services through an ingress controller's routes"

controller_rights := [
	{"right": "scale workloads through an autoscaler", "groups": {"autoscaling"}, "resources": {"horizontalpodautoscalers"}, "verbs": grant_verbs, "in_edit": true},
	{"right": "scale workloads through an autoscaler", "groups": {"autoscaling.k8s.io"}, "resources": {"verticalpodautoscalers"}, "verbs": grant_verbs, "in_edit": false},
	# KEDA: ScaledObjects scale, ScaledJobs start Jobs, TriggerAuthentications
	# hand the namespace's Secrets to a scaler's endpoint.
	{"right": "scale workloads through an autoscaler", "groups": {"keda.sh"}, "resources": {"scaledobjects", "scaledjobs", "triggerauthentications"}, "whole_group": true, "verbs": grant_verbs, "in_edit": false},
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
	}, "whole_group": true, "verbs": grant_verbs, "in_edit": false},
	{"right": publish_routes, "groups": {"traefik.io", "traefik.containo.us"}, "resources": {"ingressroutes", "ingressroutetcps", "ingressrouteudps", "traefikservices"}, "verbs": grant_verbs, "in_edit": false},
	{"right": publish_routes, "groups": {"networking.istio.io"}, "resources": {"virtualservices", "gateways", "envoyfilters"}, "verbs": grant_verbs, "in_edit": false},
	{"right": publish_routes, "groups": {"projectcontour.io"}, "resources": {"httpproxies"}, "verbs": grant_verbs, "in_edit": false},
	{"right": publish_routes, "groups": {"getambassador.io"}, "resources": {"mappings", "tcpmappings"}, "verbs": grant_verbs, "in_edit": false},
	{"right": publish_routes, "groups": {"configuration.konghq.com"}, "resources": {"tcpingresses", "udpingresses", "kongingresses"}, "verbs": grant_verbs, "in_edit": false},
	{"right": publish_routes, "groups": {"gateway.solo.io"}, "resources": {"virtualservices", "routetables"}, "verbs": grant_verbs, "in_edit": false},
	{"right": publish_routes, "groups": {"route.openshift.io"}, "resources": {"routes", "routes/custom-host"}, "verbs": grant_verbs, "in_edit": true},
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
