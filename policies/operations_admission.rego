# ST2-OPS-021: an admission webhook served from outside the render that can
# stop st2's pods or receives st2's Secrets.
#
# A Validating- or MutatingWebhookConfiguration whose rules cover Pods (or
# everything) in st2's namespaces, with failurePolicy Fail (admissionregistration/v1's
# default), makes every st2 pod creation wait on that server: if it is gone,
# unreachable or hostile, no st2 pod is created or replaced again. One whose
# rules cover Secrets is sent every st2 Secret that is written, whatever its
# failurePolicy. Allowed when the render serves it (its Service is in the
# render) or the bundle's settings name it (data.settings.admission.webhook_services:
# "namespace/name" of a Service, or a URL's host). Namespaces are read as in
# lib_reach.rego; objectSelector and matchConditions only narrow what the
# gate cannot see, so they are not believed.

package st2.operations

import data.st2.lib

known_webhook_servers := {s | some s in data.settings.admission.webhook_services; is_string(s)}

webhook_server_outside(h) := concat("", ["URL host ", shown_host(host)]) if {
	url := h.clientConfig.url
	is_string(url)
	host := url_host(url)
	not known_webhook_servers[host]
} else := "a URL the gate cannot read" if {
	is_string(h.clientConfig.url)
	not url_host(h.clientConfig.url)
} else := concat("", ["Service ", ref, " (not in the render)"]) if {
	svc := h.clientConfig.service
	is_object(svc)
	ns := object.get(svc, "namespace", "")
	name := object.get(svc, "name", "")
	ref := concat("/", [ns, name])
	not service_names[[ns, name]]
	not known_webhook_servers[ref]
}

webhook_covers(h, res) if {
	some rule in object.get(h, "rules", [])
	some g in object.get(rule, "apiGroups", [])
	g in {"", "*"}
	some r in object.get(rule, "resources", [])
	r in {res, "*", "*/*"}
	some op in object.get(rule, "operations", [])
	op in {"CREATE", "UPDATE", "*"}
}

fails_closed(h) if object.get(h, "failurePolicy", "Fail") == "Fail"

reaches_st2(h) if count(lib.selector_reach(object.get(h, "namespaceSelector", null))) > 0

webhook_risk(h) := "fails closed on st2's pods" if {
	fails_closed(h)
	webhook_covers(h, "pods")
} else := "receives st2's Secrets" if webhook_covers(h, "secrets")

findings contains f if {
	some kind in {"ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"}
	some i, r in lib.resources_of_kind(kind)
	some k, h in object.get(r, "webhooks", [])
	why := webhook_risk(h)
	reaches_st2(h)
	server := webhook_server_outside(h)
	f := lib.finding("ST2-OPS-021", lib.severity_reaching(i), i, ["webhooks", k, "clientConfig"], {"webhook": object.get(h, "name", ""), "server": server, "why": why})
}

# ST2-OPS-032: a LimitRange or ResourceQuota of st2's namespaces that the
# render itself does not fit: the API server refuses the pods (or Secrets,
# claims...) past it. Evaluated in src/policy/admission-facts.ts as the
# limitranger and resourcequota admission plugins evaluate them (defaults
# before checks, maxLimitRequestRatio, count/<resource>, scopes), once per render.
admission_refusals := l if {
	l := input.facts.admission_refusals
	is_array(l)
} else := []

findings contains f if {
	some a in admission_refusals
	f := lib.finding("ST2-OPS-032", lib.severity_strict, a.resource, a.path, {"refused": a.target, "why": a.why})
}
