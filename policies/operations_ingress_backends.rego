# ST2-OPS-050: an Ingress whose backend cannot be reached through the Service it names.
#
# - a backend port (number or name) the Service of the render does not have: ingress-nginx
#   finds no endpoints and answers 503 for every path of the rule;
# - ingress-nginx speaking plain HTTP (its default backend-protocol) to st2web's TLS port:
#   st2web's nginx answers 400 "plain HTTP request was sent to HTTPS port" to every request.
package st2.operations

import data.st2.lib

rules["ST2-OPS-050"] := {
	"title": "Ingress backend the Service cannot serve (missing port, plain HTTP to st2web's TLS port)",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"An Ingress backend must name a port its Service has (st2web's is 443): another port makes",
		"ingress-nginx answer 503. st2web serves HTTPS on 443 (ST2WEB_HTTPS=1), so an nginx Ingress",
		"to it needs nginx.ingress.kubernetes.io/backend-protocol: HTTPS; without it every request",
		"gets 400. Keep the port and the annotation with the Service.",
	]),
}

# Every backend of an Ingress: rules' paths and the default backend.
ingress_backends(r) := [b |
	some rule in object.get(r.spec, "rules", [])
	some p in object.get(object.get(rule, "http", {}), "paths", [])
	b := p.backend.service
] if is_object(r.spec)

ingress_default_backend(r) := [b | b := object.get(r, ["spec", "defaultBackend", "service"], null); is_object(b)]

rendered_services(ns, name) := [svc |
	some svc in lib.resources_of_kind("Service")
	lib.name(svc) == name
	lib.namespace(svc) == ns
]

# The Service port a backend names, by number or name; undefined when it has none such.
service_port(svc, port) := p if {
	some p in object.get(svc.spec, "ports", [])
	is_number(port.number)
	p.port == port.number
} else := p if {
	some p in object.get(svc.spec, "ports", [])
	is_string(port.name)
	p.name == port.name
}

findings contains f if {
	some i, r in lib.resources_of_kind("Ingress")
	ns := lib.namespace(r)
	some b in array.concat(ingress_backends(r), ingress_default_backend(r))
	some svc in rendered_services(ns, b.name)
	object.get(svc.spec, "type", "ClusterIP") != "ExternalName"
	count(object.get(svc.spec, "ports", [])) > 0
	not service_port(svc, b.port)
	f := lib.finding("ST2-OPS-050", lib.severity_strict, i, ["spec"], {"service": b.name, "port": object.get(b.port, "number", object.get(b.port, "name", "")), "problem": "the Service has no such port"})
}

nginx_ingress(r) if r.spec.ingressClassName == "nginx"

nginx_ingress(r) if r.metadata.annotations["kubernetes.io/ingress.class"] == "nginx"

# st2web's TLS port: a port of a Service selecting st2web that targets 443 (by number, or the
# port itself when no targetPort is given), while st2web serves HTTPS.
st2web_tls_port(svc, p) if {
	"st2web" in service_api_roles(lib.namespace(svc), lib.name(svc))
	object.get(p, "targetPort", p.port) in {443, "https"}
}

findings contains f if {
	some i, r in lib.resources_of_kind("Ingress")
	nginx_ingress(r)
	not upper(object.get(r.metadata, ["annotations", "nginx.ingress.kubernetes.io/backend-protocol"], "HTTP")) in {"HTTPS", "GRPCS"}
	ns := lib.namespace(r)
	some b in array.concat(ingress_backends(r), ingress_default_backend(r))
	some svc in rendered_services(ns, b.name)
	p := service_port(svc, b.port)
	st2web_tls_port(svc, p)
	f := lib.finding("ST2-OPS-050", lib.severity_strict, i, ["metadata", "annotations"], {"service": b.name, "port": p.port, "problem": "plain HTTP to st2web's TLS port (no backend-protocol: HTTPS)"})
}
