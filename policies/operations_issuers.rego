# ST2-EXP-012: st2web's certificate in production from an issuer browsers do
# not trust. cert-manager's ingress-shim issues the certificate of an Ingress
# annotated cert-manager.io/cluster-issuer (or cert-manager.io/issuer, an
# Issuer of the Ingress's namespace; cert-manager.io/issuer-kind names another
# kind) into its spec.tls secretName; a Certificate object does the same for
# its secretName. A selfSigned or CA issuer, an ACME directory other than a
# publicly trusted CA's production one (Let's Encrypt's staging directory
# chains to an untrusted root) or another kind of issuer gives st2web a
# certificate every browser warns about: users learn to click through, and
# the warning no longer tells them when the login page is not st2's (the gate
# denies a literal self-signed certificate: ST2-SEC-007). The issuer is read
# from the render when it is there; one the render does not define is known
# only by name: allowed when the bundle's owner lists it in
# data.settings.exposure.tls_issuers ("ClusterIssuer/<name>", or
# "Issuer/<namespace>/<name>"), denied otherwise.
package st2.operations

import data.st2.lib

rules["ST2-EXP-012"] := {
	"title": "st2web's public certificate from an issuer browsers do not trust",
	"default_severity": "deny",
	"profiles": "deny in production",
	"remediation": concat(" ", [
		"Issue st2web's certificate from a publicly trusted CA: a cert-manager ACME issuer on",
		"a public CA's production directory (Let's Encrypt's acme-v02, ZeroSSL, Google Trust",
		"Services, Buypass), not a selfSigned or CA issuer or an ACME staging directory. An",
		"issuer the render does not define must be listed by the bundle's owner in",
		"policies/settings/data.json exposure.tls_issuers (ClusterIssuer/<name>).",
	]),
}

trusted_acme_directories := {
	"https://acme-v02.api.letsencrypt.org/directory",
	"https://acme.zerossl.com/v2/DV90",
	"https://dv.acme-v02.api.pki.goog/directory",
	"https://api.buypass.com/acme/directory",
}

listed_issuers := {s | some s in data.settings.exposure.tls_issuers; is_string(s)}

rendered_issuers[[kind, ns, lib.name(r)]] := r if {
	some kind in {"ClusterIssuer", "Issuer"}
	some i, r in lib.resources_of_kind(kind)
	not lib.dropped_copies[i]
	startswith(object.get(r, "apiVersion", ""), "cert-manager.io/")
	ns := issuer_namespace(kind, lib.namespace(r))
}

issuer_namespace("ClusterIssuer", _) := ""

issuer_namespace("Issuer", ns) := ns

issuer_entry([kind, ns, name]) := concat("/", [kind, name]) if ns == ""

else := concat("/", [kind, ns, name])

# [kind, namespace ("" for a ClusterIssuer), name] of the issuer an Ingress's annotations name.
ingress_issuer(r) := ["ClusterIssuer", "", name] if {
	name := r.metadata.annotations["cert-manager.io/cluster-issuer"]
} else := [kind, issuer_namespace(kind, lib.namespace(r)), name] if {
	name := r.metadata.annotations["cert-manager.io/issuer"]
	kind := object.get(r.metadata.annotations, "cert-manager.io/issuer-kind", "Issuer")
}

issuer_untrusted(ref) := "" if {
	listed_issuers[issuer_entry(ref)]
} else := why if {
	r := rendered_issuers[ref]
	why := issuer_problem(r.spec)
} else := "" if {
	rendered_issuers[ref]
} else := "not defined in the render nor listed in exposure.tls_issuers"

issuer_problem(spec) := "a self-signed issuer" if {
	spec.selfSigned
} else := "a private CA issuer" if {
	spec.ca
} else := concat("", ["ACME directory ", spec.acme.server, " is not a public CA's production one"]) if {
	is_string(spec.acme.server)
	not trusted_acme_directories[trim_suffix(spec.acme.server, "/")]
	not trusted_acme_directories[spec.acme.server]
} else := "an issuer that is not a public ACME one" if {
	not spec.acme
}

findings contains f if {
	some i in st2_ingresses
	r := input.resources[i]
	production_namespace(lib.namespace(r))
	ref := ingress_issuer(r)
	why := issuer_untrusted(ref)
	why != ""
	f := lib.finding("ST2-EXP-012", "deny", i, ["metadata", "annotations"], {"issuer": issuer_entry(ref), "why": why})
}

# A Certificate writing the Secret an st2web Ingress serves.
findings contains f if {
	some i, c in lib.resources_of_kind("Certificate")
	production_namespace(lib.namespace(c))
	startswith(object.get(c, "apiVersion", ""), "cert-manager.io/")
	secret := c.spec.secretName
	some j in st2_ingresses
	some t in object.get(input.resources[j], ["spec", "tls"], [])
	t.secretName == secret
	lib.namespace(input.resources[j]) == lib.namespace(c)
	ref := certificate_issuer(c)
	why := issuer_untrusted(ref)
	why != ""
	f := lib.finding("ST2-EXP-012", "deny", i, ["spec", "issuerRef"], {"issuer": issuer_entry(ref), "why": why})
}

# Production is the namespace's environment when the bundle maps it (a staging
# overlay declaring production still serves staging's host), else the render's.
production_namespace(ns) if lib.namespace_profiles[ns] == "production"

production_namespace(ns) if {
	not lib.namespace_profiles[ns]
	lib.profile == "production"
}

certificate_issuer(c) := [kind, issuer_namespace(kind, lib.namespace(c)), c.spec.issuerRef.name] if {
	kind := object.get(c.spec.issuerRef, "kind", "Issuer")
}
