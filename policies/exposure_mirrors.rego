# ST2-EXP-013: an edge in front of st2 that copies each request, headers
# and body with it (X-Auth-Token, the login form, St2-Api-Key), to a host
# outside the cluster: ingress-nginx's mirror-target, an auth-url over plain
# HTTP to an outside host (the controller sends it every request's
# headers), an Istio VirtualService mirror (redirects, snippets and
# Traefik ForwardAuth: exposure_sendouts.rego).
package st2.exposure

import data.st2.lib

rules["ST2-EXP-013"] := {
	# Every token copied out for as long as a waiver runs: never waivable in production.
	"waivable_in_production": false,
	"title": "Edge copying or sending st2's requests to a host outside the cluster",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A mirror (ingress-nginx mirror-target, an Istio mirror, a snippet's mirror or proxy_pass)",
		"sends every request to st2 (logins, tokens, API keys) to another host; a redirect sends",
		"users and their clients there; an external auth-url or Traefik forwardAuth over plain HTTP",
		"sends every request's headers in clear. Remove the mirror, snippet or redirect (or point",
		"it at st2's own hosts); point auth-url and forwardAuth at an https URL or a Service in the",
		"cluster (oauth2-proxy).",
	]),
}

http_service_refs := {[lib.namespace(svc), lib.name(svc)] | some i in http_services; svc := services[i]}

# Resources routing to st2's HTTP services.
st2_routes contains i if {
	refs := http_service_refs
	some [i, ns, name] in route_backends
	refs[[ns, name]]
}

# The host of a URL (or of a bare host[:port]).
url_host(text) := lower(m[1]) if {
	m := regex.find_all_string_submatch_n(`^\s*(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?:[^@/]*@)?(\[[^\]]*\]|[^/:?#$\s]+)`, text, 1)[0]
}

# Inside the cluster: a Service's short, namespaced or cluster name, localhost.
cluster_host(h) if not contains(h, ".")

cluster_host(h) if {
	some suffix in {".svc", ".svc.cluster.local", ".cluster.local"}
	endswith(trim_suffix(h, "."), suffix)
}

cluster_host(h) if h in {"localhost", "127.0.0.1", "[::1]"}

# "name.namespace" of a namespace the render has.
cluster_host(h) if {
	labels := split(h, ".")
	count(labels) == 2
	lib.render_namespaces[labels[1]]
}

findings contains f if {
	some i in st2_routes
	r := input.resources[i]
	r.kind == "Ingress"
	text := r.metadata.annotations["nginx.ingress.kubernetes.io/mirror-target"]
	is_string(text)
	h := url_host(text)
	not cluster_host(h)
	f := lib.finding("ST2-EXP-013", lib.severity_strict, i, ["metadata", "annotations", "nginx.ingress.kubernetes.io/mirror-target"], {"copy": "mirror", "host": h})
}

findings contains f if {
	some i in st2_routes
	r := input.resources[i]
	r.kind == "Ingress"
	text := r.metadata.annotations["nginx.ingress.kubernetes.io/auth-url"]
	is_string(text)
	startswith(lower(trim_space(text)), "http://")
	h := url_host(text)
	not cluster_host(h)
	f := lib.finding("ST2-EXP-013", lib.severity_strict, i, ["metadata", "annotations", "nginx.ingress.kubernetes.io/auth-url"], {"copy": "auth-url over http", "host": h})
}

findings contains f if {
	some i in st2_routes
	r := input.resources[i]
	r.kind == "VirtualService"
	some k, rt in object.get(r, ["spec", "http"], [])
	some host in istio_mirror_hosts(rt)
	h := lower(host)
	not cluster_host(h)
	f := lib.finding("ST2-EXP-013", lib.severity_strict, i, ["spec", "http", k], {"copy": "mirror", "host": h})
}

istio_mirror_hosts(rt) := {h | h := rt.mirror.host; is_string(h)} | {h |
	some m in object.get(rt, "mirrors", [])
	h := m.destination.host
	is_string(h)
}
