# ST2-OPS-004, continued: an st2 route that has TLS but also answers plain
# HTTP. ingress-nginx redirects HTTP to HTTPS for a host in spec.tls unless
# nginx.ingress.kubernetes.io/ssl-redirect is false (per Ingress, or for
# every Ingress in the controller's ConfigMap); then the login page, the
# password form and every token also travel in clear. force-ssl-redirect
# "false" is the default and changes nothing while ssl-redirect stays on, so
# it is not judged. The same holds for NGINX Inc. and HAProxy's ssl-redirect
# annotations, an OpenShift Route that allows insecure edge traffic (or has
# no tls at all), and a Contour HTTPProxy route with permitInsecure.
package st2.operations

import data.st2.lib

# Go's strconv.ParseBool false values, as the controllers parse annotations.
go_false := {"0", "f", "F", "false", "FALSE", "False"}

ssl_redirect_keys := {
	"nginx.ingress.kubernetes.io/ssl-redirect",
	"ingress.kubernetes.io/ssl-redirect",
	"haproxy.org/ssl-redirect",
	"haproxy-ingress.github.io/ssl-redirect",
}

# Ingresses with a backend among st2's HTTP services.
st2_ingresses contains i if {
	some [i, ns, name] in data.st2.exposure.route_backends
	input.resources[i].kind == "Ingress"
	st2web_service_refs[[ns, name]]
}

findings contains f if {
	some i in st2_ingresses
	r := input.resources[i]
	some key in ssl_redirect_keys
	go_false[r.metadata.annotations[key]]
	f := lib.finding("ST2-OPS-004", lib.severity_strict, i, ["metadata", "annotations", key], {"service": "st2 (Ingress)", "host": "plain HTTP served", "listener": key})
}

# The controller's ConfigMap turning the redirect off for every Ingress that
# does not turn it back on.
findings contains f if {
	some j, cm in lib.resources_of_kind("ConfigMap")
	go_false[cm.data["ssl-redirect"]]
	some i in st2_ingresses
	not redirect_on(input.resources[i])
	f := lib.finding("ST2-OPS-004", lib.severity_strict, j, ["data", "ssl-redirect"], {"service": "st2 (Ingress)", "host": "plain HTTP served", "listener": lib.name(input.resources[i])})
}

redirect_on(r) if {
	v := r.metadata.annotations["nginx.ingress.kubernetes.io/ssl-redirect"]
	v in {"1", "t", "T", "true", "TRUE", "True"}
}

findings contains f if {
	some i, r in lib.resources_of_kind("Route")
	to := object.get(r, ["spec", "to"], {})
	object.get(to, "kind", "Service") == "Service"
	st2web_service_refs[[lib.namespace(r), to.name]]
	not route_tls_only(r)
	f := lib.finding("ST2-OPS-004", lib.severity_strict, i, ["spec", "tls"], {"service": to.name, "host": object.get(r, ["spec", "host"], ""), "listener": "OpenShift Route"})
}

route_tls_only(r) if {
	is_object(r.spec.tls)
	object.get(r.spec.tls, "insecureEdgeTerminationPolicy", "None") != "Allow"
}

findings contains f if {
	some i, r in lib.resources_of_kind("HTTPProxy")
	some k, rt in object.get(r, ["spec", "routes"], [])
	rt.permitInsecure == true
	some s in object.get(rt, "services", [])
	st2web_service_refs[[lib.namespace(r), s.name]]
	f := lib.finding("ST2-OPS-004", lib.severity_strict, i, ["spec", "routes", k, "permitInsecure"], {"service": s.name, "host": object.get(r, ["spec", "virtualhost", "fqdn"], ""), "listener": "permitInsecure"})
}

# Istio: a VirtualService sending to st2 through an Istio Gateway (of the
# render) with a plain HTTP server that does not redirect (tls.httpsRedirect).
istio_gateways[[lib.namespace(g), lib.name(g)]] := g if {
	some i, g in lib.resources_of_kind("Gateway")
	not lib.dropped_copies[i]
	startswith(object.get(g, "apiVersion", ""), "networking.istio.io/")
}

istio_gateway_ref(text, own_ns) := data.st2.exposure.slash_ref(text, own_ns)

findings contains f if {
	count(istio_gateways) > 0
	some i, vs in lib.resources_of_kind("VirtualService")
	some rt in object.get(vs, ["spec", "http"], [])
	some d in object.get(rt, "route", [])
	ref := data.st2.exposure.host_ref(d.destination.host, lib.namespace(vs))
	st2web_service_refs[ref]
	some k, gw in object.get(vs, ["spec", "gateways"], [])
	g := istio_gateways[istio_gateway_ref(gw, lib.namespace(vs))]
	some s in object.get(g, ["spec", "servers"], [])
	upper(object.get(s, ["port", "protocol"], "")) == "HTTP"
	not object.get(s, ["tls", "httpsRedirect"], false) == true
	f := lib.finding("ST2-OPS-004", lib.severity_strict, i, ["spec", "gateways", k], {"service": ref[1], "host": concat(",", object.get(s, "hosts", [])), "listener": concat("/", [lib.name(g), object.get(s, ["port", "name"], "http")])})
}

# An Ingress's default backend (spec.defaultBackend, v1beta1 spec.backend)
# answers every host no rule names: spec.tls can only list hosts, so the
# controller serves it on plain HTTP (and on 443 with its default
# certificate) for any Host header.
findings contains f if {
	some i, r in lib.resources_of_kind("Ingress")
	some field in ["defaultBackend", "backend"]
	b := r.spec[field]
	svc := object.get(b, ["service", "name"], object.get(b, "serviceName", ""))
	st2web_service_refs[[lib.namespace(r), svc]]
	f := lib.finding("ST2-OPS-004", lib.severity_strict, i, ["spec", field], {"service": svc, "host": "*", "listener": "default backend"})
}

# A Gateway outside the render (a shared one in another namespace): its
# listeners are not seen, but a parentRef to port 80, or to a listener
# whose name says plain HTTP ("http", "web", "insecure", "plain"), attaches
# the st2 route to a plain HTTP listener.
findings contains f if {
	some kind in {"HTTPRoute", "GRPCRoute"}
	some i, r in lib.resources_of_kind(kind)
	some rule in object.get(r, ["spec", "rules"], [])
	some b in object.get(rule, "backendRefs", [])
	object.get(b, "kind", "Service") == "Service"
	st2web_service_refs[[object.get(b, "namespace", lib.namespace(r)), b.name]]
	some k, ref in object.get(r, ["spec", "parentRefs"], [])
	object.get(ref, "kind", "Gateway") == "Gateway"
	not gateways[[object.get(ref, "namespace", lib.namespace(r)), ref.name]]
	plain_listener_ref(ref)
	f := lib.finding("ST2-OPS-004", lib.severity_strict, i, ["spec", "parentRefs", k], {"service": b.name, "host": concat(",", object.get(r, ["spec", "hostnames"], [])), "listener": concat("/", [ref.name, object.get(ref, "sectionName", format_int(object.get(ref, "port", 80), 10))])})
}

plain_listener_ref(ref) if ref.port == 80

plain_listener_ref(ref) if {
	name := lower(ref.sectionName)
	is_string(name)
	some plain in {"http", "web", "insecure", "plain", "plaintext", "cleartext"}
	some word in split(strings.replace_n({"_": "-", ".": "-"}, name), "-")
	word == plain
}
