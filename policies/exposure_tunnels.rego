# Tunnel operators' resources (the tenth red team): a Cloudflare TunnelBinding
# (cloudflare-operator, networking.cfargotunnel.com) publishes each subject, a
# Service of its own namespace or the URL in its spec.target, at a public
# hostname through the ClusterTunnel's cloudflared; an ngrok operator
# AgentEndpoint (ngrok.k8s.ngrok.com) forwards its url to spec.upstream.url,
# on the internet unless its bindings say internal or kubernetes (then only a
# CloudEndpoint that forwards to it publishes it). Each is a route as far as
# the stores and st2 go: it feeds route_backends or route_hosts, so a store
# behind one is ST2-EXP-008 and a published default login ST2-EXP-016.
package st2.exposure

import data.st2.lib

route_backends contains [i, lib.namespace(r), s.name] if {
	some i, r in lib.resources_of_kind("TunnelBinding")
	api_group(r) == "networking.cfargotunnel.com"
	some s in object.get(r, "subjects", [])
	is_string(s.name)
	not is_string(object.get(s, ["spec", "target"], null))
}

route_hosts contains [i, ref] if {
	some i, r in lib.resources_of_kind("TunnelBinding")
	api_group(r) == "networking.cfargotunnel.com"
	some s in object.get(r, "subjects", [])
	is_string(s.spec.target)
	some ref in host_refs(s.spec.target, lib.namespace(r))
}

route_hosts contains [i, ref] if {
	some i, r in lib.resources_of_kind("AgentEndpoint")
	api_group(r) == "ngrok.k8s.ngrok.com"
	ngrok_published(r)
	is_string(r.spec.upstream.url)
	some ref in host_refs(r.spec.upstream.url, lib.namespace(r))
}

# ngrok's default binding is public; an endpoint bound internal (a .internal
# URL) or to the cluster only is reached through a public CloudEndpoint
# whose traffic policy forwards to its URL.
ngrok_published(r) if ngrok_public(r)

ngrok_published(r) if {
	url := r.spec.url
	is_string(url)
	some c in lib.resources_of_kind("CloudEndpoint")
	ngrok_public(c)
	contains(json.marshal(object.get(c, "spec", {})), url)
}

ngrok_public(r) if {
	"public" in object.get(r, ["spec", "bindings"], ["public"])
	not endswith(ngrok_host(object.get(r, ["spec", "url"], "")), ".internal")
}

ngrok_host(url) := lower(split(split(rest, "/")[0], ":")[0]) if {
	parts := split(url, "://")
	rest := parts[count(parts) - 1]
}
