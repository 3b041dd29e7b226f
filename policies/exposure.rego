# Exposure: how StackStorm is reached from outside the cluster.
#
# Staging is judged like production here: a staging cluster is usually
# reachable from the corporate network and holds real credentials, and an
# exposure mistake found only in production is found too late. Dev gets
# warnings so local clusters (kind, minikube) can still use NodePorts.
package st2.exposure

import data.st2.lib

rules["ST2-EXP-001"] := {
	"title": "st2web reachable only through a NodePort Service",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A NodePort opens st2web on every node's address, with no TLS termination, host routing",
		"or access log in front of it (the chart's old default, stackstorm-k8s#6).",
		"Make the st2web Service ClusterIP and expose it through an Ingress or a Gateway API",
		"HTTPRoute with TLS, or a LoadBalancer Service.",
	]),
}

rules["ST2-EXP-002"] := {
	"title": "NodePort Service",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A NodePort opens the port on every node, bypassing Ingress and most NetworkPolicies at",
		"the node address; the chart exposed its etcd coordination store (2379/2380) this way.",
		"Use type ClusterIP, and an Ingress, Gateway route or LoadBalancer for what must be public.",
	]),
}

rules["ST2-EXP-003"] := {
	"title": "Container hostPort",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A hostPort binds the port on the node's address (the chart's kube-registry-proxy used",
		"hostPort 5000) and limits scheduling to one such pod per node. Remove hostPort and",
		"reach the pod through a ClusterIP Service.",
	]),
}

rules["ST2-EXP-004"] := {
	"title": "Pod uses the host network",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"hostNetwork: true exposes every port the pod listens on at the node's address and",
		"bypasses NetworkPolicy. Remove it and use a ClusterIP Service.",
	]),
}

# --- Services and what reaches them -------------------------------------------

services := lib.resources_of_kind("Service")

service_type(svc) := t if {
	t := svc.spec.type
	is_string(t)
} else := "ClusterIP"

service_selector(svc) := object.get(svc, ["spec", "selector"], {})

# [namespace, pod labels] of the st2web pods; copies of one workload collapse.
st2web_pods contains [w.namespace, w.pod_labels] if {
	some w in lib.workloads
	"st2web" in w.roles
}

# Distinct Service selectors by [namespace, index pair] (see lib.index_pair).
# Empty selectors select nothing, so they are not filed.
selector_index[[lib.namespace(svc), pair]] contains sel if {
	some svc in services
	sel := service_selector(svc)
	pair := lib.index_pair(sel)
	pair != null
}

# [namespace, selector] of the selectors that pick an st2web pod: each
# distinct pod meets only the selectors filed under one of its labels.
# Complete rules and a whole-rule reference (index), because OPA's Go
# evaluator re-runs a partial rule's body for every keyed lookup into it.
st2web_selectors := {[ns, sel] |
	index := selector_index
	some [ns, labels] in st2web_pods
	some k, v in labels
	some sel in index[[ns, [k, v]]]
	lib.map_selects(sel, labels)
}

# Services that front st2web: their selector picks st2web pods in the same
# namespace, or their name says st2web (for selector-less Services).
st2web_services contains i if {
	some i, svc in services
	st2web_selectors[[lib.namespace(svc), service_selector(svc)]]
}

st2web_services contains i if {
	some i, svc in services
	"st2web" in lib.roles(lib.name(svc))
}

# [namespace, service name] of every Service named as a backend by an
# Ingress, a Gateway API route, or an OpenShift Route.
routed_services contains [lib.namespace(r), name] if {
	some r in lib.resources_of_kind("Ingress")
	some b in ingress_backends(r)
	name := ingress_backend_service(b)
}

routed_services contains [ns, ref.name] if {
	some kind in {"HTTPRoute", "TLSRoute", "GRPCRoute", "TCPRoute"}
	some r in lib.resources_of_kind(kind)
	some rule in r.spec.rules
	some ref in rule.backendRefs
	object.get(ref, "kind", "Service") == "Service"
	object.get(ref, "group", "") == ""
	ns := object.get(ref, "namespace", lib.namespace(r))
}

routed_services contains [lib.namespace(r), to.name] if {
	some r in lib.resources_of_kind("Route")
	some to in array.concat([object.get(r, ["spec", "to"], {})], object.get(r, ["spec", "alternateBackends"], []))
	object.get(to, "kind", "Service") == "Service"
}

ingress_backends(r) := {b |
	some field in ["defaultBackend", "backend"]
	b := r.spec[field]
} | {b |
	some rule in r.spec.rules
	some p in rule.http.paths
	b := p.backend
}

# networking.k8s.io/v1 and the older v1beta1 shape.
ingress_backend_service(b) := b.service.name

ingress_backend_service(b) := b.serviceName

st2web_reached if {
	routed := routed_services
	some i in st2web_services
	routed[[lib.namespace(services[i]), lib.name(services[i])]]
}

st2web_reached if {
	some i in st2web_services
	service_type(services[i]) == "LoadBalancer"
}

# --- Findings -------------------------------------------------------------------

findings contains f if {
	not st2web_reached
	some i in st2web_services
	service_type(services[i]) == "NodePort"
	f := lib.finding("ST2-EXP-001", lib.severity_strict, i, ["spec", "type"], {"service": lib.name(services[i])})
}

findings contains f if {
	some i, svc in services
	service_type(svc) == "NodePort"
	f := lib.finding("ST2-EXP-002", lib.severity_strict, i, ["spec", "type"], {"service": lib.name(svc)})
}

findings contains f if {
	some c in lib.containers
	ports := object.get(c.container, "ports", [])
	is_array(ports)
	some k, port in ports
	is_number(port.hostPort)
	port.hostPort > 0
	f := lib.finding("ST2-EXP-003", lib.severity_strict, c.resource, array.concat(c.path, ["ports", k, "hostPort"]), {
		"container": c.name,
		"host_port": port.hostPort,
	})
}

findings contains f if {
	some i, w in lib.workloads
	w.pod_spec.hostNetwork == true
	f := lib.finding("ST2-EXP-004", lib.severity_strict, i, array.concat(w.spec_path, ["hostNetwork"]), {"component": w.component})
}
