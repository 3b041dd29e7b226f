package st2_test.redteam16_rbac

import data.st2.lib
import data.st2_test.fixtures as fx

# --- ST2-OPS-006 without its false positives (test/policy/redteam/fresh16-rbac.ts) -----------
#
# The fixtures' st2actionrunner runs as ServiceAccount default of fx.ns.

rb := "rbac.authorization.k8s.io/v1"

runner := {"kind": "ServiceAccount", "name": "default", "namespace": fx.ns}

rule(groups, resources, verbs) := {"apiGroups": groups, "resources": resources, "verbs": verbs}

# A Role (or ClusterRole) of one rule, bound to the runners' account by a RoleBinding (or ClusterRoleBinding).
bound(role_kind, binding_kind, r) := [
	{"apiVersion": rb, "kind": role_kind, "metadata": {"name": "pack", "namespace": fx.ns}, "rules": [r]},
	{
		"apiVersion": rb, "kind": binding_kind, "metadata": {"name": "pack", "namespace": fx.ns},
		"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": role_kind, "name": "pack"}, "subjects": [runner],
	},
]

rights(objects) := {f.params.right |
	some f in fx.eval("production", array.concat(fx.baseline, objects))
	f.rule == "ST2-OPS-006"
	f.severity == "deny"
}

role_rights(r) := rights(bound("Role", "RoleBinding", r))

cluster_wide_rights(r) := rights(bound("ClusterRole", "ClusterRoleBinding", r))

# A status subresource changes only the status stanza, never the spec a controller runs.
test_status_subresources_pass if {
	every r in [
		rule(["apps"], ["deployments/status"], ["get", "update", "patch"]),
		rule(["apps"], ["*/status"], ["patch"]),
		rule(["keda.sh"], ["scaledobjects/status", "scaledjobs/status"], ["update"]),
		rule(["keda.sh"], ["*/status"], ["patch"]),
		rule(["sparkoperator.k8s.io", "ray.io"], ["sparkapplications/status", "rayclusters/status"], ["patch"]),
		rule(["apps.kruise.io"], ["clonesets/status"], ["update"]),
		rule(["autoscaling"], ["horizontalpodautoscalers/status"], ["patch"]),
		rule(["tekton.dev"], ["taskruns/status"], ["patch"]),
		rule(["k8s.nginx.org", "gateway.networking.k8s.io"], ["virtualservers/status", "httproutes/status"], ["patch"]),
	] {
		role_rights(r) == set()
	}
}

# Beside a status, the scale subresource, the kind itself, `*`, and services/status
# (`*/status` of the core group: a LoadBalancer's ingress IP, CVE-2020-8554) stay denied.
test_status_neighbours_deny if {
	role_rights(rule(["apps"], ["deployments/status", "deployments/scale"], ["patch"])) == {"scale workloads"}
	role_rights(rule(["apps"], ["deployments", "deployments/status"], ["update"])) == {"run or change workloads"}
	role_rights(rule([""], ["*/status"], ["patch"])) == {"write Services"}
	role_rights(rule(["*"], ["*/status"], ["update"])) == {"write Services"}
	role_rights(rule(["keda.sh"], ["scaledobjects/status", "*"], ["create"])) == {"scale workloads through an autoscaler"}
	role_rights(rule(["sparkoperator.k8s.io"], ["sparkapplications/status", "a-future-kind"], ["create"])) == {"run pods through a workload operator"}
}

# A Role, or a ClusterRole bound by a RoleBinding, grants nothing on cluster-scoped kinds.
test_cluster_scoped_kinds_in_a_namespace_pass if {
	every r in [
		rule(["apps.kruise.io"], ["sidecarsets", "resourcedistributions", "nodeimages"], ["create"]),
		rule(["kubeflow.org"], ["profiles"], ["create"]),
		rule(["keda.sh"], ["clustertriggerauthentications"], ["create"]),
		rule(["serving.kserve.io"], ["clusterservingruntimes"], ["create"]),
		rule([""], ["nodes", "nodes/proxy"], ["get"]),
	] {
		role_rights(r) == set()
		rights(bound("ClusterRole", "RoleBinding", r)) == set()
	}
}

test_cluster_scoped_kinds_cluster_wide_deny if {
	cluster_wide_rights(rule(["apps.kruise.io"], ["sidecarsets"], ["create"])) == {"write a workload operator's cluster-scoped kinds"}
	cluster_wide_rights(rule(["keda.sh"], ["clustertriggerauthentications"], ["create"])) == {"write a workload operator's cluster-scoped kinds"}
	cluster_wide_rights(rule([""], ["nodes/proxy"], ["get"])) == {"reach the kubelet (nodes/proxy)", "read other tenants' namespaces (a ClusterRoleBinding)"}
	cluster_wide_rights(rule(["apps.kruise.io"], ["*"], ["create"])) == {"run pods through a workload operator, write a workload operator's cluster-scoped kinds"}
}

# --- One route list (lib_routes.rego) ---------------------------------------------------------

# The exposure rules read the kinds they read before the list.
test_route_readers_keep_the_kinds_read if {
	lib.route_readers.gateway == {"HTTPRoute", "TLSRoute", "GRPCRoute", "TCPRoute", "UDPRoute"}
	lib.route_readers.gateway_mirror == {"HTTPRoute", "GRPCRoute"}
	lib.route_readers.openshift == {"Route"}
	lib.route_readers.istio == {"VirtualService"}
	lib.route_readers.route_services == {"IngressRoute", "IngressRouteTCP", "IngressRouteUDP", "HTTPProxy"}
	lib.route_readers.kong_l4 == {"TCPIngress", "UDPIngress"}
	lib.route_readers.nginx == {"TransportServer", "VirtualServer", "VirtualServerRoute"}
	lib.route_readers.apisix == {"ApisixRoute"}
	lib.route_readers.traefik_service == {"TraefikService"}
	lib.route_readers.haproxy_tcp == {"TCP"}
	lib.route_readers.emissary == {"Mapping", "TCPMapping"}
	lib.route_readers.gloo_upstream == {"Upstream"}
	lib.route_readers.gloo == {"VirtualService", "RouteTable"}
	lib.route_readers.skipper == {"RouteGroup"}
	lib.route_readers.aws_target_group == {"TargetGroupBinding"}
}

# Every kind the exposure rules read is a route the runners' account may not write.
test_every_read_route_kind_is_a_right if {
	every row in lib.route_kinds {
		count(role_rights(rule([row.group], [row.resource], ["create"]))) > 0
	}
}

test_route_rights_by_group if {
	role_rights(rule(["networking.k8s.io"], ["ingresses"], ["create"])) == {"publish Ingresses or routes"}
	role_rights(rule(["gateway.networking.k8s.io"], ["tcproutes"], ["patch"])) == {"publish Ingresses or routes"}
	role_rights(rule(["k8s.nginx.org"], ["transportservers"], ["create"])) == {"publish Services through an ingress controller's routes"}
	role_rights(rule(["elbv2.k8s.aws"], ["targetgroupbindings"], ["update"])) == {"publish Services through an ingress controller's routes"}
	role_rights(rule(["route.openshift.io"], ["routes/custom-host"], ["create"])) == {"publish Services through an ingress controller's routes"}
	role_rights(rule(["k8s.nginx.org", "apisix.apache.org", "zalando.org"], ["virtualservers", "apisixroutes", "routegroups"], ["get", "list", "watch"])) == set()
}

# --- Read-only work an operator pushes ----------------------------------------------------------

test_read_only_operator_rbac_passes if {
	every objects in [
		bound("Role", "RoleBinding", rule([""], ["pods", "pods/log", "events"], ["get", "list", "watch"])),
		bound("Role", "RoleBinding", rule(["coordination.k8s.io"], ["leases"], ["get", "list", "watch"])),
		bound("Role", "RoleBinding", rule(["apps"], ["deployments", "deployments/status", "replicasets"], ["get", "list", "watch"])),
		bound("Role", "RoleBinding", rule(["*"], ["*/scale"], ["get", "list"])),
		[{"apiVersion": rb, "kind": "RoleBinding", "metadata": {"name": "view", "namespace": fx.ns}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"}, "subjects": [runner]}],
		[
			{"apiVersion": rb, "kind": "Role", "metadata": {"name": "prometheus-k8s", "namespace": fx.ns}, "rules": [rule(["", "discovery.k8s.io"], ["services", "endpoints", "pods", "endpointslices"], ["get", "list", "watch"])]},
			{"apiVersion": rb, "kind": "RoleBinding", "metadata": {"name": "prometheus-k8s", "namespace": fx.ns}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "prometheus-k8s"}, "subjects": [{"kind": "ServiceAccount", "name": "prometheus-k8s", "namespace": "monitoring"}]},
		],
	] {
		rights(objects) == set()
	}
}
