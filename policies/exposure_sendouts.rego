# ST2-EXP-013, continued: an edge that sends st2's requests (or its users) to
# a host outside the cluster rather than copying them.
# - ingress-nginx permanent-redirect / temporal-redirect: every path of the
#   Ingress answers 301/302 (or permanent-redirect-code, up to 308, which
#   re-sends a POSTed login) to that URL (internal/ingress/annotations/
#   redirect: any http(s) URL): users type their st2 password into that
#   site, and clients that follow redirects keep X-Auth-Token and
#   St2-Api-Key (Python requests strips only Authorization across hosts).
#   A host of the render's routes or under the environment's domains is st2's.
# - A snippet (server-snippet, configuration-snippet...) whose proxy_pass (or
#   grpc_pass...) names an outside host: what that location catches, a
#   `mirror` copy of every request included, goes there with its headers.
#   ingress-nginx >= 1.9 refuses snippet annotations unless the operator
#   allows them (allow-snippet-annotations, annotations-risk-level Critical);
#   the gate judges them as live, as it does for ST2-EXP-008.
# - A Traefik ForwardAuth middleware on an st2 route (named by it, or in a
#   chain middleware it names) over plain http to an outside address: Traefik sends it every request's headers, as
#   ingress-nginx does an auth-url. Over https to an outside host, like an
#   https auth-url, it is a trusted identity provider (docs/trust-model.md).
package st2.exposure

import data.st2.lib

redirect_annotations := ["nginx.ingress.kubernetes.io/permanent-redirect", "nginx.ingress.kubernetes.io/temporal-redirect"]

findings contains f if {
	some i in st2_routes
	r := input.resources[i]
	r.kind == "Ingress"
	some key in redirect_annotations
	text := r.metadata.annotations[key]
	is_string(text)
	startswith(lower(trim_space(text)), "http")
	h := url_host(text)
	not st2_host(h)
	f := lib.finding("ST2-EXP-013", lib.severity_strict, i, ["metadata", "annotations", key], {"copy": "redirect", "host": h})
}

# A host of st2's: the cluster's, a host the render's routes claim, or one under the environment's domains.
st2_host(h) if cluster_host(h)

st2_host(h) if {
	some [_, _, raw] in claimed_hosts
	lower(trim_suffix(trim_space(raw), ".")) == trim_suffix(h, ".")
}

st2_host(h) if {
	some s in host_suffixes
	host_under(trim_suffix(h, "."), s)
}

findings contains f if {
	some i in st2_routes
	r := input.resources[i]
	r.kind == "Ingress"
	some key, text in object.get(r, ["metadata", "annotations"], {})
	contains(key, "snippet")
	is_string(text)
	contains(text, "_pass")
	some m in regex.find_all_string_submatch_n(`(?:proxy|grpc|uwsgi|fastcgi|scgi)_pass\s+([^;\s]+)`, text, -1)
	h := url_host(m[1])
	not cluster_host(h)
	f := lib.finding("ST2-EXP-013", lib.severity_strict, i, ["metadata", "annotations", key], {"copy": "snippet proxy_pass", "host": h})
}

# Traefik Middlewares by the names routes use: "<namespace>-<name>@kubernetescrd"
# in an Ingress annotation, [namespace, name] in an IngressRoute.
traefik_forward_auth[[lib.namespace(r), lib.name(r)]] := [i, address] if {
	some i, r in lib.resources_of_kind("Middleware")
	startswith(object.get(r, "apiVersion", ""), "traefik.")
	address := r.spec.forwardAuth.address
	is_string(address)
}

# Every Traefik Middleware by [namespace, name], while the render has a ForwardAuth one.
traefik_middlewares[[lib.namespace(r), lib.name(r)]] := r if {
	count(traefik_forward_auth) > 0
	some r in lib.resources_of_kind("Middleware")
	startswith(object.get(r, "apiVersion", ""), "traefik.")
}

# The Middlewares a route names (before chains are followed).
named_middlewares contains [i, ref] if {
	some i in st2_routes
	r := input.resources[i]
	r.kind == "Ingress"
	text := r.metadata.annotations["traefik.ingress.kubernetes.io/router.middlewares"]
	is_string(text)
	some part in split(text, ",")
	name := trim_suffix(trim_space(part), "@kubernetescrd")
	some ref, _ in traefik_middlewares
	name == concat("-", ref)
}

named_middlewares contains [i, [object.get(m, "namespace", lib.namespace(r)), trim_suffix(m.name, "@kubernetescrd")]] if {
	count(traefik_forward_auth) > 0
	some i in st2_routes
	r := input.resources[i]
	r.kind == "IngressRoute"
	some rt in object.get(r, ["spec", "routes"], [])
	some m in object.get(rt, "middlewares", [])
	is_string(m.name)
}

# A chain Middleware runs the Middlewares it lists (in its own namespace unless one is named).
chained(ref) := {[object.get(m, "namespace", ref[0]), m.name] |
	some m in object.get(traefik_middlewares[ref], ["spec", "chain", "middlewares"], [])
	is_string(m.name)
}

# What a route runs: the Middlewares it names and, three chains deep, what their chains list.
route_middlewares contains [i, ref] if some [i, ref] in named_middlewares

route_middlewares contains [i, ref] if {
	some [i, first] in named_middlewares
	some ref in chained(first)
}

route_middlewares contains [i, ref] if {
	some [i, first] in named_middlewares
	some second in chained(first)
	some ref in chained(second)
}

route_middlewares contains [i, ref] if {
	some [i, first] in named_middlewares
	some second in chained(first)
	some third in chained(second)
	some ref in chained(third)
}

findings contains f if {
	some [_, ref] in route_middlewares
	[m, address] := traefik_forward_auth[ref]
	startswith(lower(trim_space(address)), "http://")
	h := url_host(address)
	not cluster_host(h)
	f := lib.finding("ST2-EXP-013", lib.severity_strict, m, ["spec", "forwardAuth", "address"], {"copy": "forwardAuth over http", "host": h})
}
