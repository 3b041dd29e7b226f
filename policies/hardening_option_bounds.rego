# st2 options st2 accepts but cannot work with, or that weaken it: the bundle's table of
# bounds (data.settings.st2_config.option_bounds: option -> a floor (min) or the values
# allowed, the services reading it ([] : every st2 service), the rule and st2's reason),
# against the last word of each st2 process's chain (src/policy/st2-option-bounds.ts;
# values oslo.config cannot convert are ST2-HRD-009's already). The sixteenth red team's
# st2opt and cookie classes:
# - ST2-HRD-009 (extended): a login token_ttl of 0 (every token born expired), a
#   service_token_ttl of 1 (actions' tokens expire at once), a database connection_timeout
#   of 1 ms (no MongoDB server selectable): the service reading it cannot do its job. The
#   seventeenth red team's: a scheduler sleep_interval above its ceiling (max: one execution
#   per interval) and [action_sensor] enable = False (no action trigger: rules on results
#   never fire).
# - ST2-HRD-030: the auth-token cookie st2api sets sent cross-site (SameSite none or no
#   attribute: CSRF) or over plain HTTP (Secure off).
# Reported on a container running a service that reads the option, where the file is written.
package st2.hardening

import data.st2.lib

rules["ST2-HRD-030"] := {
	"title": "st2's auth-token cookie sent cross-site or over plain HTTP",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2 mirrors a user's token in the auth-token cookie and accepts that cookie as",
		"authentication. [api] auth_cookie_same_site = none (or unset: no SameSite attribute)",
		"lets any page the operator visits make requests that carry it (CSRF: actions run in",
		"their name); [api] auth_cookie_secure = False sends it on plain-http requests too.",
		"Keep st2's defaults (lax, True) or use strict; serve st2web over HTTPS.",
	]),
}

option_bounds := b if {
	b := data.settings.st2_config.option_bounds
	is_object(b)
} else := {}

# Out of bounds: below the floor (a value st2 treats as unset excepted), or not an allowed value.
out_of_bounds(bound, value) if {
	is_number(value)
	value < bound.min
	not value in object.get(bound, "unset", [])
}

out_of_bounds(bound, value) if {
	is_number(value)
	value > bound.max
}

out_of_bounds(bound, value) if {
	is_array(bound.allowed)
	not value in bound.allowed
}

bound_applies(bound, _, _) if count(object.get(bound, "roles", [])) == 0

bound_applies(bound, i, path) if {
	count(roles_at(i, path) & {r | some r in bound.roles}) > 0
}

findings contains f if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	some w in object.get(c, "option_words", [])
	bound := option_bounds[w.option]
	out_of_bounds(bound, w.value)
	bound_applies(bound, to_number(key), c.path)
	[i, path] := config_error_location(to_number(key), c, w)
	f := option_bound_finding(bound.rule, i, path, w, bound)
}

option_bound_finding("ST2-HRD-009", i, path, w, bound) := lib.finding("ST2-HRD-009", lib.severity_strict, i, path, {
	"file": w.file,
	"line": 0,
	"why": concat("", ["[", replace(w.option, ".", "] "), " = ", bound_value_text(w.value), ": ", bound.why]),
})

bound_value_text(v) := format_int(v, 10) if {
	is_number(v)
	v == floor(v)
}

# A fraction to three places (sprintf is not a wasm builtin); only values above a ceiling get here.
bound_value_text(v) := concat("", [format_int(floor(v), 10), fraction_text(v)]) if {
	is_number(v)
	v != floor(v)
}

fraction_text(v) := t if {
	digits := trim_right(substring(format_int(1000 + round((v - floor(v)) * 1000), 10), 1, 3), "0")
	t := concat("", [".", digits])
	digits != ""
} else := ""

bound_value_text(v) := v if is_string(v)

bound_value_text(v) := "False" if v == false

bound_value_text(v) := "True" if v == true

option_bound_finding("ST2-HRD-030", i, path, w, bound) := lib.finding("ST2-HRD-030", lib.severity_strict, i, path, {
	"option": w.option,
	"value": w.value,
	"file": w.file,
	"why": bound.why,
})
