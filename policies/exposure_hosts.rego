# ST2-EXP-015: routes and certificates for hosts outside the environment's
# domains. An Ingress (or route) for `*.example.com` or for another team's
# host takes their traffic wherever the controller merges hosts across
# namespaces; a Certificate for another team's name puts a valid key for it
# in st2's namespace. The domains are the bundle's
# settings.exposure.host_suffixes when it lists any. Without them the render
# says: a host is st2's when it is (or is under) a host of the render's own
# st2web Ingress (components/ingress), or when one of its labels names st2
# (st2..., stackstorm...: hooks.st2.example.com, st2-gw.example.com); another
# team's grafana.example.com or vault.example.com is not, nor is a wildcard
# over a domain that is not st2's (*.example.com).
package st2.exposure

import data.st2.lib

rules["ST2-EXP-015"] := {
	"title": "Route or certificate for a host outside the environment's domains",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A route or Certificate names a host that is not st2's: a wildcard above st2's domain, or",
		"another service's name. The controller sends that host's traffic (or a share of its paths) to",
		"st2, and a certificate for it lets st2's namespace impersonate it. Name only hosts under",
		"the environment's domains (settings.exposure.host_suffixes; by default st2web's Ingress host).",
	]),
}

configured_suffixes := {s |
	some raw in object.get(data.settings, ["exposure", "host_suffixes"], [])
	is_string(raw)
	s := trim_prefix(trim_prefix(lower(trim_space(raw)), "*."), ".")
	s != ""
}

derived_suffixes := {lower(rule.host) |
	some r in lib.resources_of_kind("Ingress")
	lib.name(r) == "st2web"
	some rule in object.get(r, ["spec", "rules"], [])
	is_string(rule.host)
	not contains(rule.host, "*")
}

host_suffixes := configured_suffixes if count(configured_suffixes) > 0

else := derived_suffixes

# [resource, path, host] of every host a route or certificate claims.
claimed_hosts contains [i, ["spec", "rules", k, "host"], rule.host] if {
	some i, r in lib.resources_of_kind("Ingress")
	some k, rule in object.get(r, ["spec", "rules"], [])
	is_string(rule.host)
}

# TLS hosts only pick a certificate, unless cert-manager's ingress-shim
# issues one for them (an issuer annotation): then they are a Certificate's names.
claimed_hosts contains [i, ["spec", "tls", k, "hosts"], h] if {
	some i, r in lib.resources_of_kind("Ingress")
	some key in {"cert-manager.io/cluster-issuer", "cert-manager.io/issuer"}
	is_string(r.metadata.annotations[key])
	some k, t in object.get(r, ["spec", "tls"], [])
	some h in object.get(t, "hosts", [])
	is_string(h)
}

claimed_hosts contains [i, ["spec", "hostnames"], h] if {
	some kind in {"HTTPRoute", "GRPCRoute", "TLSRoute"}
	some i, r in lib.resources_of_kind(kind)
	some h in object.get(r, ["spec", "hostnames"], [])
	is_string(h)
}

claimed_hosts contains [i, ["spec", "listeners", k, "hostname"], l.hostname] if {
	some i, r in lib.resources_of_kind("Gateway")
	some k, l in object.get(r, ["spec", "listeners"], [])
	is_string(l.hostname)
}

# Istio Gateway servers ("namespace/host" or "host").
claimed_hosts contains [i, ["spec", "servers", k, "hosts"], parts[count(parts) - 1]] if {
	some i, r in lib.resources_of_kind("Gateway")
	some k, s in object.get(r, ["spec", "servers"], [])
	some h in object.get(s, "hosts", [])
	is_string(h)
	parts := split(h, "/")
}

claimed_hosts contains [i, ["spec", "host"], r.spec.host] if {
	some i, r in lib.resources_of_kind("Route")
	is_string(r.spec.host)
}

claimed_hosts contains [i, ["spec", "virtualhost", "fqdn"], r.spec.virtualhost.fqdn] if {
	some i, r in lib.resources_of_kind("HTTPProxy")
	is_string(r.spec.virtualhost.fqdn)
}

claimed_hosts contains [i, ["spec", "virtualHost", "domains"], h] if {
	some i, r in lib.resources_of_kind("VirtualService")
	some h in object.get(r, ["spec", "virtualHost", "domains"], [])
	is_string(h)
}

claimed_hosts contains [i, ["spec", "hosts"], h] if {
	some i, r in lib.resources_of_kind("RouteGroup")
	some h in object.get(r, ["spec", "hosts"], [])
	is_string(h)
}

claimed_hosts contains [i, ["spec", "dnsNames"], h] if {
	some i, r in lib.resources_of_kind("Certificate")
	some h in array.concat(object.get(r, ["spec", "dnsNames"], []), [object.get(r, ["spec", "commonName"], "")])
	is_string(h)
	h != ""
}

# Traefik IngressRoute matchers: Host(`a`, `b`) and HostSNI(`a`).
claimed_hosts contains [i, ["spec", "routes", k, "match"], m[1]] if {
	some kind in {"IngressRoute", "IngressRouteTCP"}
	some i, r in lib.resources_of_kind(kind)
	some k, rt in object.get(r, ["spec", "routes"], [])
	is_string(rt.match)
	contains(rt.match, "Host")
	some m in regex.find_all_string_submatch_n("`([^`]+)`", rt.match, -1)
}

host_allowed(h, _) if cluster_host(h)

host_allowed(h, suffixes) if {
	# A wildcard is judged by the domain it covers.
	name := trim_prefix(h, "*.")
	not contains(name, "*")
	some s in suffixes
	host_under(name, s)
}

host_allowed(h, _) if {
	count(configured_suffixes) == 0
	name := trim_prefix(h, "*.")
	not contains(name, "*")
	some label in split(name, ".")
	some mark in {"st2", "stackstorm"}
	startswith(label, mark)
}

host_under(name, s) if name == s

host_under(name, s) if endswith(name, concat("", [".", s]))

findings contains f if {
	suffixes := host_suffixes
	some [i, path, raw] in claimed_hosts
	h := lower(trim_suffix(trim_space(raw), "."))
	h != "*"
	not host_allowed(h, suffixes)
	f := lib.finding("ST2-EXP-015", lib.severity_strict, i, path, {"host": h})
}
