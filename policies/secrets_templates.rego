# ST2-SEC-012: an ExternalSecret template that computes on literals what the
# gate cannot evaluate. The eighth red team assembled st2admin's published
# password with ESO's template engine (printf of two halves, b64dec of two
# base64 pieces): no string of the manifest holds it whole. The TypeScript
# side evaluates Go's builtins and sprig's string functions over literal
# arguments (src/policy/go-template.ts) and searches what the template writes
# like any other string (encoding "go-template", ST2-SEC-001); a computation
# on literals only that it cannot evaluate arrives here, named by its key.
package st2.secrets

import data.st2.lib

rules["ST2-SEC-012"] := {
	"waivable_in_production": false,
	"title": "ExternalSecret template computing on literals what the gate cannot evaluate",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"An ExternalSecret's target.template may only transform values from the secret store",
		"({{ .password | trim }}) or use functions the gate evaluates (printf, cat, b64enc/b64dec,",
		"b32enc/b32dec, upper/lower, trim*, replace, default, quote, join, ...): a function the gate",
		"does not evaluate, applied to literals only, writes a value nobody searched, and a value",
		"that cannot be searched is not passed. Keep the value in the secret store, or write the",
		"computation with the functions listed.",
	]),
}

findings contains f if {
	some t in object.get(input.facts, "template_unevaluable", [])
	is_object(t)
	f := lib.finding("ST2-SEC-012", lib.severity_strict, t.resource, t.path, {"key": t.key, "why": t.why})
}
