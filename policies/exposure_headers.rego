# ST2-EXP-011: an edge proxy that adds st2 credentials to every request it
# forwards. st2 reads a caller's identity from the St2-Api-Key and
# X-Auth-Token headers (or the st2-api-key / x-auth-token query parameters),
# and st2auth's token endpoint from Authorization (Basic): an edge that sets
# them serves everyone as that user. St2-Api-Key and X-Auth-Token are st2's
# own, so they are judged wherever they are set (a middleware is reached from
# routes the render may not hold); Authorization only on a route whose backend
# is st2web, st2auth, st2api or st2stream. Setting a header to "" removes it.
package st2.exposure

import data.st2.lib

st2_credential_headers := {"st2-api-key", "x-auth-token"}

# [resource, path, header name (lower case)] of each request header set to a value.
set_request_headers contains [i, path, h] if {
	some kind in {"Ingress", "ConfigMap"}
	some i, r in lib.resources_of_kind(kind)
	some [path, text] in snippet_fields(r)
	some h in snippet_set_headers(text)
}

set_request_headers contains [i, path, h] if {
	some kind in {"VirtualServer", "VirtualServerRoute", "TransportServer"}
	some i, r in lib.resources_of_kind(kind)
	some text in snippet_texts(r)
	some h in snippet_set_headers(text)
	path := ["spec"]
}

snippet_fields(r) := {[["metadata", "annotations", key], text] |
	r.kind == "Ingress"
	some key, text in object.get(r, ["metadata", "annotations"], {})
	contains(key, "snippet")
	is_string(text)
} | {[["data", key], text] |
	r.kind == "ConfigMap"
	some key, text in lib.object_at(r, ["data"])
	contains(key, "snippet")
	is_string(text)
}

# nginx: proxy_set_header / grpc_set_header NAME VALUE; more_set_input_headers
# "NAME: VALUE"; a credential put in the query string (set $args, rewrite).
snippet_set_headers(raw) := {lower(m[1]) |
	text := lower(raw)
	contains(text, "_set_header")
	some m in regex.find_all_string_submatch_n(`(?:proxy|grpc)_set_header\s+["']?([a-z0-9_-]+)["']?\s+("[^"]*"|'[^']*'|[^;\s]+)`, text, -1)
	not m[2] in {`""`, `''`}
} | {lower(m[1]) |
	text := lower(raw)
	contains(text, "more_set_input_headers")
	some m in regex.find_all_string_submatch_n(`more_set_input_headers(?:\s+-[a-z]+(?:\s+(?:"[^"]*"|'[^']*'|[^\s"']+))?)*\s+["']([a-z0-9_-]+)\s*:\s*([^"']*)["']`, text, -1)
	trim_space(m[2]) != ""
} | {h |
	text := lower(raw)
	some h in st2_credential_headers
	contains(text, concat("", [h, "="]))
}

# Gateway API HTTPRoute and GRPCRoute: RequestHeaderModifier set and add, on a rule or a backend.
set_request_headers contains [i, ["spec", "rules", k], lower(h.name)] if {
	some kind in {"HTTPRoute", "GRPCRoute"}
	some i, r in lib.resources_of_kind(kind)
	some k, rule in object.get(r, ["spec", "rules"], [])
	some filter in array.concat(object.get(rule, "filters", []), [f | some b in object.get(rule, "backendRefs", []); some f in object.get(b, "filters", [])])
	some op in ["set", "add"]
	some h in object.get(filter, ["requestHeaderModifier", op], [])
	is_string(h.name)
	object.get(h, "value", "") != ""
}

# Traefik Middleware headers.customRequestHeaders (a value of "" removes the header).
set_request_headers contains [i, ["spec", "headers", "customRequestHeaders", name], lower(name)] if {
	some i, r in lib.resources_of_kind("Middleware")
	some name, value in object.get(r, ["spec", "headers", "customRequestHeaders"], {})
	value != ""
}

# Istio VirtualService http[].headers.request set/add, on the route or a destination.
set_request_headers contains [i, ["spec", "http", k], lower(name)] if {
	some i, r in lib.resources_of_kind("VirtualService")
	some k, rt in object.get(r, ["spec", "http"], [])
	some headers in array.concat([object.get(rt, "headers", {})], [object.get(d, "headers", {}) | some d in object.get(rt, "route", [])])
	some op in ["set", "add"]
	some name, value in object.get(headers, ["request", op], {})
	value != ""
}

# Contour HTTPProxy requestHeadersPolicy.set, on a route or a service.
set_request_headers contains [i, ["spec", "routes", k], lower(h.name)] if {
	some i, r in lib.resources_of_kind("HTTPProxy")
	some k, rt in object.get(r, ["spec", "routes"], [])
	some policy in array.concat([object.get(rt, "requestHeadersPolicy", {})], [object.get(s, "requestHeadersPolicy", {}) | some s in object.get(rt, "services", [])])
	some h in object.get(policy, "set", [])
	is_string(h.name)
	object.get(h, "value", "") != ""
}

# Emissary Mapping add_request_headers (a value or {value: ...}).
set_request_headers contains [i, ["spec", "add_request_headers", name], lower(name)] if {
	some i, r in lib.resources_of_kind("Mapping")
	some name, _ in object.get(r, ["spec", "add_request_headers"], {})
}

# NGINX Inc. VirtualServer action.proxy.requestHeaders.set.
set_request_headers contains [i, ["spec", field, k], lower(h.name)] if {
	some kind in {"VirtualServer", "VirtualServerRoute"}
	some i, r in lib.resources_of_kind(kind)
	some field in ["routes", "subroutes"]
	some k, rt in object.get(r, ["spec", field], [])
	some h in object.get(rt, ["action", "proxy", "requestHeaders", "set"], [])
	is_string(h.name)
	object.get(h, "value", "") != ""
}

# Kong request-transformer (add, append, replace: "Name:value") and APISIX proxy-rewrite headers.
set_request_headers contains [i, ["config", op, "headers"], lower(trim_space(split(item, ":")[0]))] if {
	some kind in {"KongPlugin", "KongClusterPlugin"}
	some i, r in lib.resources_of_kind(kind)
	startswith(object.get(r, "plugin", ""), "request-transformer")
	some op in ["add", "append", "replace"]
	some item in object.get(r, ["config", op, "headers"], [])
	is_string(item)
	contains(item, ":")
}

set_request_headers contains [i, ["spec", "plugins"], lower(name)] if {
	some kind in {"ApisixRoute", "ApisixPluginConfig"}
	some i, r in lib.resources_of_kind(kind)
	some p in apisix_plugins(r)
	p.name == "proxy-rewrite"
	some op in ["set", "add"]
	some name, value in object.get(p, ["config", "headers", op], {})
	value != ""
}

apisix_plugins(r) := array.concat(object.get(r, ["spec", "plugins"], []), [p | some rt in object.get(r, ["spec", "http"], []); some p in object.get(rt, "plugins", [])])

# Routes whose backend is one of st2's HTTP services.
st2_http_routes contains r if {
	st2 := {[lib.namespace(services[i]), lib.name(services[i])] | some i in http_services}
	some [r, ns, name] in route_backends
	st2[[ns, name]]
}

findings contains f if {
	some [i, path, h] in set_request_headers
	st2_credential_headers[h]
	f := lib.finding("ST2-EXP-011", lib.severity_strict, i, path, {"header": h})
}

findings contains f if {
	some [i, path, h] in set_request_headers
	h == "authorization"
	st2_http_routes[i]
	f := lib.finding("ST2-EXP-011", lib.severity_strict, i, path, {"header": h})
}

# A controller-wide snippet (the ingress-nginx ConfigMap's server-snippet)
# applies to every host, st2's among them when the render routes to st2.
findings contains f if {
	count(st2_http_routes) > 0
	some [i, path, h] in set_request_headers
	h == "authorization"
	input.resources[i].kind == "ConfigMap"
	f := lib.finding("ST2-EXP-011", lib.severity_strict, i, path, {"header": h})
}

# ingress-nginx proxy-set-headers: an Ingress annotation (or the controller's
# ConfigMap key) naming a ConfigMap "namespace/name" whose keys are request
# headers and whose values are what they are set to.
header_maps contains [i, path, ref] if {
	some i, r in lib.resources_of_kind("Ingress")
	key := "nginx.ingress.kubernetes.io/proxy-set-headers"
	text := r.metadata.annotations[key]
	is_string(text)
	ref := slash_ref(text, lib.namespace(r))
	path := ["metadata", "annotations", key]
}

header_maps contains [i, ["data", "proxy-set-headers"], slash_ref(text, lib.namespace(r))] if {
	some i, r in lib.resources_of_kind("ConfigMap")
	text := r.data["proxy-set-headers"]
	is_string(text)
}

set_request_headers contains [i, path, lower(name)] if {
	some [i, path, ref] in header_maps
	some cm in lib.resources_of_kind("ConfigMap")
	lib.namespace(cm) == ref[0]
	lib.name(cm) == ref[1]
	some name, value in lib.object_at(cm, ["data"])
	value != ""
}

# Headers an edge copies from its auth service's answer onto every request it
# lets through (ingress-nginx auth-response-headers, Traefik ForwardAuth
# authResponseHeaders): an auth service answering with St2-Api-Key or
# X-Auth-Token logs every caller it admits in as that key's user. (Only st2's
# own headers: an SSO proxy passing its Authorization bearer is not st2's.)
set_request_headers contains [i, ["metadata", "annotations", key], h] if {
	some i, r in lib.resources_of_kind("Ingress")
	key := "nginx.ingress.kubernetes.io/auth-response-headers"
	text := r.metadata.annotations[key]
	is_string(text)
	some part in split(text, ",")
	h := lower(trim_space(part))
	st2_credential_headers[h]
}

set_request_headers contains [i, ["spec", "forwardAuth", "authResponseHeaders"], h] if {
	some i, r in lib.resources_of_kind("Middleware")
	some name in object.get(r, ["spec", "forwardAuth", "authResponseHeaders"], [])
	is_string(name)
	h := lower(name)
	st2_credential_headers[h]
}
