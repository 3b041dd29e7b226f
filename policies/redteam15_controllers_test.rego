package st2_test.redteam15_controllers

import data.st2_test.fixtures as fx

# --- ST2-OPS-006: rights that act through a controller ----------------------------------------
#
# The fixtures' st2actionrunner runs as ServiceAccount default of fx.ns: any
# st2 user holds what a RoleBinding gives it.

role(rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "runner", "namespace": fx.ns}, "rules": rules}

runner_binding := {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": {"name": "runner", "namespace": fx.ns},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "runner"},
	"subjects": [{"kind": "ServiceAccount", "name": "default", "namespace": fx.ns}],
}

rights_given(groups, resources, verbs) := {f.params.right |
	some f in fx.eval("production", array.concat(fx.baseline, [role([{"apiGroups": groups, "resources": resources, "verbs": verbs}]), runner_binding]))
	f.rule == "ST2-OPS-006"
	f.severity == "deny"
}

test_runner_rights_through_controllers_deny if {
	every c in [
		[["autoscaling"], ["horizontalpodautoscalers"], ["create"]],
		[["autoscaling"], ["*"], ["*"]],
		[["autoscaling.k8s.io"], ["verticalpodautoscalers"], ["patch"]],
		[["keda.sh"], ["scaledobjects"], ["create"]],
		[["keda.sh"], ["scaledjobs"], ["update"]],
		[["keda.sh"], ["*"], ["*"]],
		[["keda.sh"], ["scaledobjects/status", "a-future-kind"], ["create"]],
		[["tekton.dev"], ["taskruns", "pipelineruns"], ["create"]],
		[["sparkoperator.k8s.io"], ["sparkapplications"], ["create"]],
		[["batch.volcano.sh"], ["jobs"], ["create"]],
		[["ray.io"], ["rayjobs"], ["create"]],
		[["kubeflow.org"], ["pytorchjobs"], ["create"]],
		[["apps.kruise.io"], ["clonesets"], ["patch"]],
		[["kustomize.toolkit.fluxcd.io"], ["kustomizations"], ["create"]],
		[["helm.toolkit.fluxcd.io"], ["helmreleases"], ["create"]],
		[["traefik.io", "traefik.containo.us"], ["ingressroutetcps"], ["create"]],
		[["networking.istio.io"], ["virtualservices"], ["update"]],
		[["projectcontour.io"], ["httpproxies"], ["create"]],
		[["getambassador.io"], ["mappings"], ["create"]],
		[["configuration.konghq.com"], ["tcpingresses"], ["create"]],
		[["gateway.networking.k8s.io"], ["referencegrants"], ["create"]],
		[["*"], ["pytorchjobs"], ["create"]],
		[["apps.kruise.io"], ["clonesets/scale"], ["update"]],
		[["example.com"], ["*/scale"], ["patch"]],
	] {
		count(rights_given(c[0], c[1], c[2])) > 0
	}
}

test_runner_rights_through_controllers_name_the_right if {
	rights_given(["autoscaling"], ["horizontalpodautoscalers"], ["create"]) == {"scale workloads through an autoscaler"}
	rights_given(["ray.io"], ["rayclusters"], ["create"]) == {"run pods through a workload operator"}
	rights_given(["projectcontour.io"], ["httpproxies"], ["create"]) == {"publish Services through an ingress controller's routes"}
	# A CRD serves only /status and /scale: a CloneSet's scale subresource is scaling, not a new kind.
	rights_given(["apps.kruise.io"], ["clonesets/scale"], ["patch"]) == {"scale workloads"}
	rights_given(["example.com"], ["widgets/scale"], ["update"]) == {"scale workloads"}
}

test_runner_reads_and_harmless_kinds_pass if {
	every c in [
		[["autoscaling"], ["horizontalpodautoscalers"], ["get", "list", "watch"]],
		[["keda.sh"], ["scaledobjects"], ["get", "list"]],
		[["tekton.dev"], ["taskruns", "pipelineruns"], ["get", "list", "watch"]],
		[["autoscaling.k8s.io"], ["verticalpodautoscalers"], ["get", "list"]],
		[["tekton.dev"], ["tasks", "pipelines"], ["create"]],
		[["traefik.io"], ["middlewares"], ["create"]],
		[[""], ["events"], ["create", "patch"]],
		[["coordination.k8s.io"], ["leases"], ["get", "create", "update"]],
		[["coordination.k8s.io"], ["*"], ["create"]],
		[["example.com"], ["widgets/scale"], ["get"]],
		[["gateway.networking.k8s.io"], ["referencegrants"], ["get", "list"]],
	] {
		count(rights_given(c[0], c[1], c[2])) == 0
	}
}

# Aggregating the built-in kinds' scale subresources into edit adds nothing
# edit lacks; a custom resource's scale subresource it does.
aggregate_to_edit(groups, resources) := {f.params.right |
	cr := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "st2-scale", "labels": {"rbac.authorization.k8s.io/aggregate-to-edit": "true"}}, "rules": [{"apiGroups": groups, "resources": resources, "verbs": ["update"]}]}
	some f in fx.eval("production", array.concat(fx.baseline, [cr]))
	f.rule == "ST2-OPS-006"
}

test_scale_aggregation_into_edit if {
	aggregate_to_edit(["apps"], ["deployments/scale", "statefulsets/scale"]) == set()
	aggregate_to_edit(["example.com"], ["widgets/scale"]) == {"scale workloads"}
	aggregate_to_edit(["autoscaling"], ["horizontalpodautoscalers"]) == set()
}

# --- ST2-EXP-008: a ReferenceGrant for another namespace's routes to a store -----------------

grant(from, to) := {"apiVersion": "gateway.networking.k8s.io/v1beta1", "kind": "ReferenceGrant", "metadata": {"name": "g", "namespace": fx.ns}, "spec": {"from": from, "to": to}}

from_route(kind, namespace) := {"group": "gateway.networking.k8s.io", "kind": kind, "namespace": namespace}

service_to(name) := {"group": "", "kind": "Service", "name": name}

every_service := {"group": "", "kind": "Service"}

grant_stores(g) := grant_stores_beside(g, [])

grant_stores_beside(g, extra) := {[f.params.service, f.params.component] |
	fs := data.st2.findings with input as {"profile": "production", "environment": "production", "namespace": fx.ns, "resources": array.concat(fx.baseline, array.concat(extra, [g])), "facts": fx.no_facts}
	some f in fs
	f.rule == "ST2-EXP-008"
	f.severity == "deny"
}

test_grant_to_a_store_for_a_foreign_namespace_denies if {
	grant_stores(grant([from_route("TCPRoute", "public-gateway")], [service_to("st2-mongodb")])) == {["st2-mongodb", "mongodb"]}
	grant_stores(grant([from_route("TCPRoute", "public-gateway")], [service_to("st2-rabbitmq")])) == {["st2-rabbitmq", "rabbitmq"]}
	grant_stores(grant([from_route("HTTPRoute", "edge")], [service_to("st2-rabbitmq")])) == {["st2-rabbitmq", "rabbitmq"]}
	grant_stores(grant([from_route("GRPCRoute", "edge")], [service_to("st2-etcd")])) == set() # the fixtures run no etcd
	grant_stores_beside(grant([from_route("GRPCRoute", "edge")], [service_to("st2-etcd")]), [fx.statefulset("etcd", 3)]) == {["st2-etcd", "etcd"]}
	grant_stores(grant([from_route("HTTPRoute", "edge")], [every_service])) == {["every Service", "rabbitmq"]}
	grant_stores(grant([from_route("TCPRoute", "edge")], [every_service])) == {["every Service", "mongodb"], ["every Service", "rabbitmq"], ["every Service", "redis"]}
	grant_stores(grant([from_route("HTTPRoute", "edge"), from_route("TCPRoute", "edge")], [service_to("st2-mongodb")])) == {["st2-mongodb", "mongodb"]}
	# A listed but less strict namespace's routes are judged in its own, laxer render.
	grant_stores(grant([from_route("TCPRoute", "st2-dev")], [service_to("st2-mongodb")])) == {["st2-mongodb", "mongodb"]}
}

test_grant_to_st2web_or_for_a_listed_namespace_or_a_protocol_the_store_lacks_passes if {
	every g in [
		grant([from_route("HTTPRoute", "public-gateway")], [service_to("st2-st2web")]),
		grant([from_route("HTTPRoute", "public-gateway"), from_route("HTTPRoute", "internal")], [service_to("st2-st2web")]),
		grant([{"group": "gateway.networking.k8s.io", "kind": "Gateway", "namespace": "public-gateway"}], [{"group": "", "kind": "Secret", "name": "st2web-tls"}]),
		grant([from_route("TCPRoute", fx.ns)], [service_to("st2-mongodb")]),
		grant([from_route("TCPRoute", "st2-production")], [service_to("st2-mongodb")]),
		grant([from_route("HTTPRoute", "edge")], [service_to("st2-mongodb")]),
		grant([from_route("UDPRoute", "edge"), from_route("TLSRoute", "edge")], [every_service]),
	] {
		grant_stores(g) == set()
	}
}

# --- ST2-SEC-010: a Certificate's secretTemplate --------------------------------------------

certificate(namespace, annotations) := {
	"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": "st2web-tls", "namespace": namespace},
	"spec": {"secretName": "st2web-tls", "dnsNames": ["st2.example.test"], "issuerRef": {"kind": "ClusterIssuer", "name": "public"}, "secretTemplate": {"annotations": annotations, "labels": {"team": "st2"}}},
}

cert_copies(c) := {f.params.to |
	fs := data.st2.findings with input as {"profile": "production", "environment": "production", "namespace": fx.ns, "resources": array.concat(fx.baseline, [c]), "facts": fx.no_facts}
	some f in fs
	f.rule == "ST2-SEC-010"
	f.severity == "deny"
}

test_certificate_secret_template_copies_deny if {
	cert_copies(certificate(fx.ns, {"reflector.v1.k8s.emberstack.com/reflection-allowed": "true", "reflector.v1.k8s.emberstack.com/reflection-auto-enabled": "true"})) == {"every namespace"}
	cert_copies(certificate(fx.ns, {"replicator.v1.mittwald.de/replicate-to": ".*"})) == {".*"}
	cert_copies(certificate(fx.ns, {"kubed.appscode.com/sync": ""})) == {"namespaces chosen by labels or another cluster"}
}

test_certificate_secret_template_harmless_or_to_st2_passes if {
	cert_copies(certificate(fx.ns, {"description": "st2web's certificate"})) == set()
	cert_copies(certificate(fx.ns, {"reflector.v1.k8s.emberstack.com/reflection-allowed": "true", "reflector.v1.k8s.emberstack.com/reflection-allowed-namespaces": fx.ns})) == set()
}
