# Edge bindings beyond the route kinds of exposure.rego and exposure_routes.rego
# (the ninth red team): more controllers' route kinds, cloud load balancers
# attached to a Service without a LoadBalancer Service (AWS TargetGroupBinding,
# GKE standalone NEGs), and ingress-nginx's default-backend annotation. Each
# feeds route_backends or route_hosts, so a store behind any of them is
# judged by ST2-EXP-008 like any other route, and st2's own HTTP services stay
# routable.
package st2.exposure

import data.st2.lib

# Gloo Edge (gateway.solo.io) VirtualService and RouteTable: a route's single
# or multi destination to a Kubernetes Service (kube.ref), and Gloo Upstreams
# (gloo.solo.io) of a Service: an Upstream exists for the Gloo proxy, the
# cluster's edge, to send traffic to.
route_backends contains [i, object.get(u.kube, "serviceNamespace", lib.namespace(r)), u.kube.serviceName] if {
	some kind in lib.route_readers.gloo_upstream
	some i, r in lib.resources_of_kind(kind)
	u := object.get(r, "spec", {})
	is_string(u.kube.serviceName)
}

route_backends contains [i, object.get(ref, "namespace", lib.namespace(r)), ref.name] if {
	some kind in lib.route_readers.gloo
	some i, r in lib.resources_of_kind(kind)
	some rt in gloo_routes(r)
	some dest in gloo_destinations(object.get(rt, "routeAction", {}))
	ref := dest.kube.ref
	is_string(ref.name)
}

gloo_routes(r) := array.concat(object.get(r, ["spec", "virtualHost", "routes"], []), object.get(r, ["spec", "routes"], []))

gloo_destinations(action) := array.concat([object.get(action, "single", {})], [d.destination | some d in object.get(action, ["multi", "destinations"], [])])

# Skipper RouteGroup (zalando.org): backends of type service.
route_backends contains [i, lib.namespace(r), b.serviceName] if {
	some kind in lib.route_readers.skipper
	some i, r in lib.resources_of_kind(kind)
	some b in object.get(r, ["spec", "backends"], [])
	is_string(b.serviceName)
}

# Skipper network backends (and Gloo static upstreams) name an address.
route_hosts contains [i, ref] if {
	some kind in lib.route_readers.skipper
	some i, r in lib.resources_of_kind(kind)
	some b in object.get(r, ["spec", "backends"], [])
	is_string(b.address)
	some ref in host_refs(b.address, lib.namespace(r))
}

route_hosts contains [i, ref] if {
	some kind in lib.route_readers.gloo_upstream
	some i, r in lib.resources_of_kind(kind)
	some h in object.get(r, ["spec", "static", "hosts"], [])
	is_string(h.addr)
	some ref in host_refs(h.addr, lib.namespace(r))
}

# AWS Load Balancer Controller TargetGroupBinding (elbv2.k8s.aws): a Service's
# pods registered in a target group of a load balancer managed outside the
# render, internet-facing or not; nothing here says which.
route_backends contains [i, lib.namespace(r), r.spec.serviceRef.name] if {
	some kind in lib.route_readers.aws_target_group
	some i, r in lib.resources_of_kind(kind)
	is_string(r.spec.serviceRef.name)
}

# GKE standalone network endpoint groups: cloud.google.com/neg with
# exposed_ports makes a NEG of the Service's pods that any Google Cloud load
# balancer (one managed in Terraform, say) may use as its backend.
route_backends contains [i, lib.namespace(svc), lib.name(svc)] if {
	some i, svc in services
	text := svc.metadata.annotations["cloud.google.com/neg"]
	is_string(text)
	contains(text, "exposed_ports")
}

# ingress-nginx default-backend annotation: unmatched requests (and, with
# custom-http-errors, any error of the real backend) go to this Service of
# the Ingress's namespace, on the Ingress's host.
route_backends contains [i, lib.namespace(r), trim_space(name)] if {
	some i, r in lib.resources_of_kind("Ingress")
	name := r.metadata.annotations["nginx.ingress.kubernetes.io/default-backend"]
	is_string(name)
}

# ingress-nginx mirror-target: a copy of every request goes to that address.
route_hosts contains [i, ref] if {
	some i, r in lib.resources_of_kind("Ingress")
	some key in {"nginx.ingress.kubernetes.io/mirror-target", "nginx.ingress.kubernetes.io/mirror-host"}
	text := r.metadata.annotations[key]
	is_string(text)
	some ref in host_refs(text, lib.namespace(r))
}

# Azure Private Link Service on an internal load balancer
# (service.beta.kubernetes.io/azure-pls-create): visible to, or auto-approving,
# every subscription ("*") lets any Azure customer attach a private endpoint.
made_public(svc) if {
	lower(object.get(svc, ["metadata", "annotations", "service.beta.kubernetes.io/azure-pls-create"], "")) == "true"
	some key in {"service.beta.kubernetes.io/azure-pls-visibility", "service.beta.kubernetes.io/azure-pls-auto-approval"}
	text := svc.metadata.annotations[key]
	is_string(text)
	some s in split(text, " ")
	trim_space(s) == "*"
}
