# Routes from an edge proxy, beyond Ingress and Gateway API (exposure.rego):
# every controller's own route kinds, L4 ones included, and the controller's
# configuration itself. A backend is judged by where it leads: a Service of
# the render in front of a store, or any store target (a store's pod, a
# Service an operator creates, exposure_operators.rego), for ST2-EXP-008.
package st2.exposure

import data.st2.lib

# Kong TCPIngress and UDPIngress (configuration.konghq.com): a port of the Kong proxy to a Service.
route_backends contains [i, lib.namespace(r), b.serviceName] if {
	some kind in lib.route_readers.kong_l4
	some i, r in lib.resources_of_kind(kind)
	some rule in object.get(r, ["spec", "rules"], [])
	b := rule.backend
	is_string(b.serviceName)
}

# NGINX Inc. TransportServer (L4), VirtualServer and VirtualServerRoute: upstreams by Service name.
route_backends contains [i, ref[0], ref[1]] if {
	some kind in lib.route_readers.nginx
	some i, r in lib.resources_of_kind(kind)
	some u in object.get(r, ["spec", "upstreams"], [])
	is_string(u.service)
	ref := slash_ref(u.service, lib.namespace(r))
}

# "ns/name" or "name".
slash_ref(text, own_ns) := [parts[0], parts[1]] if {
	parts := split(text, "/")
	count(parts) == 2
} else := [own_ns, text]

# Apache APISIX ApisixRoute: HTTP backends and stream (L4) backends.
route_backends contains [i, lib.namespace(r), b.serviceName] if {
	some kind in lib.route_readers.apisix
	some i, r in lib.resources_of_kind(kind)
	some rt in object.get(r, ["spec", "http"], [])
	some b in object.get(rt, "backends", [])
	is_string(b.serviceName)
}

route_backends contains [i, lib.namespace(r), rt.backend.serviceName] if {
	some kind in lib.route_readers.apisix
	some i, r in lib.resources_of_kind(kind)
	some rt in object.get(r, ["spec", "stream"], [])
	is_string(rt.backend.serviceName)
}

# Traefik TraefikService: weighted services and mirrors (reached from an IngressRoute).
route_backends contains [i, object.get(s, "namespace", lib.namespace(r)), s.name] if {
	some kind in lib.route_readers.traefik_service
	some i, r in lib.resources_of_kind(kind)
	some s in array.concat(object.get(r, ["spec", "weighted", "services"], []), array.concat([object.get(r, ["spec", "mirroring"], {})], object.get(r, ["spec", "mirroring", "mirrors"], [])))
	is_string(s.name)
}

# HAProxy Kubernetes Ingress TCP (ingress.v1.haproxy.org): a list of frontends to Services.
route_backends contains [i, lib.namespace(r), item.service.name] if {
	some kind in lib.route_readers.haproxy_tcp
	some i, r in lib.resources_of_kind(kind)
	some item in object.get(r, "spec", [])
	is_string(item.service.name)
}

# An ingress-nginx (or HAProxy) TCP/UDP services map under any name (the
# controller's --tcp-services-configmap flag names it; the Helm chart calls
# it <release>-ingress-nginx-tcp): keys are ports, values "ns/service:port".
route_backends contains [i, parts[0], parts[1]] if {
	some i, r in lib.resources_of_kind("ConfigMap")
	some key, value in lib.object_at(r, ["data"])
	key != ""
	trim(key, "0123456789") == ""
	is_string(value)
	parts := split(split(value, ":")[0], "/")
	count(parts) == 2
}

# --- Routes to an address (host[.ns][:port] or a URL) ------------------------------------------
#
# route_hosts: [route resource index, [namespace, name]] of what an address
# names (host_refs: a Service, a pod, a headless Service's member).

# Emissary-ingress / Ambassador Mapping (HTTP) and TCPMapping (L4): spec.service.
route_hosts contains [i, ref] if {
	some kind in lib.route_readers.emissary
	some i, r in lib.resources_of_kind(kind)
	is_string(r.spec.service)
	some ref in host_refs(r.spec.service, lib.namespace(r))
}

# A controller's configuration: ingress-nginx's ConfigMap keys stream-snippet,
# http-snippet, server-snippet..., NGINX Inc.'s *-snippets, (any ConfigMap key
# with "snippet" in its name): where their proxy_pass and upstream servers go.
# The controller listens for them on its own (public) address.
route_hosts contains [i, ref] if {
	some i, r in lib.resources_of_kind("ConfigMap")
	some key, text in lib.object_at(r, ["data"])
	contains(key, "snippet")
	is_string(text)
	some host in snippet_hosts(text)
	some ref in host_refs(host, lib.namespace(r))
}

# The snippet annotations of an Ingress, and of NGINX Inc.'s VirtualServer (spec.*-snippets).
route_hosts contains [i, ref] if {
	some i, r in lib.resources_of_kind("Ingress")
	some key, text in object.get(r, ["metadata", "annotations"], {})
	contains(key, "snippet")
	is_string(text)
	some host in snippet_hosts(text)
	some ref in host_refs(host, lib.namespace(r))
}

route_hosts contains [i, ref] if {
	some kind in {"VirtualServer", "VirtualServerRoute", "TransportServer"}
	some i, r in lib.resources_of_kind(kind)
	some text in snippet_texts(r)
	some host in snippet_hosts(text)
	some ref in host_refs(host, lib.namespace(r))
}

snippet_texts(r) := {t |
	some key, t in object.get(r, "spec", {})
	contains(key, "snippet")
	is_string(t)
} | {t |
	some field in ["routes", "subroutes"]
	some rt in object.get(r, ["spec", field], [])
	some key, t in rt
	contains(key, "snippet")
	is_string(t)
}

# proxy_pass (and grpc_pass...) targets and upstream server lines.
snippet_hosts(text) := {m[1] |
	contains(text, "_pass")
	some m in regex.find_all_string_submatch_n(`(?:proxy|grpc|uwsgi|fastcgi|scgi)_pass\s+([^;\s]+)`, text, -1)
} | {m[1] |
	contains(text, "server")
	some m in regex.find_all_string_submatch_n(`(?m)^\s*server\s+([A-Za-z0-9][^;\s{]*)`, text, -1)
}

# --- ST2-EXP-008 by store target ---------------------------------------------------------------

findings contains f if {
	targets := store_targets
	some [r, ns, name] in route_backends
	some role in targets[[ns, name]]
	f := lib.finding("ST2-EXP-008", lib.severity_strict, r, ["spec"], {"route": lib.name(input.resources[r]), "service": name, "component": role})
}

findings contains f if {
	targets := store_targets
	some [r, ref] in route_hosts
	some role in targets[ref]
	f := lib.finding("ST2-EXP-008", lib.severity_strict, r, ["spec"], {"route": lib.name(input.resources[r]), "service": ref[1], "component": role})
}

# A route to a Service of the render that fronts a store by its selector or endpoints.
findings contains f if {
	some [r, ref] in route_hosts
	some i, svc in services
	lib.name(svc) == ref[1]
	lib.namespace(svc) == ref[0]
	some role in service_roles[i]
	lib.backing_roles[role]
	f := lib.finding("ST2-EXP-008", lib.severity_strict, r, ["spec"], {"route": lib.name(input.resources[r]), "service": ref[1], "component": role})
}
