# Where st2's tokens end up and for how long (src/policy/st2-token-exposure.ts).
#
# ST2-SEC-036: st2 tokens valid longer than the bundle allows (the twelfth red
# team's cfg-token-ttl-decade and cfg-service-token-ttl). The last word of each
# st2 process's chain on `[auth] token_ttl` and `[auth] service_token_ttl`
# against data.settings.st2_config's maxima:
# token_ttl caps every login token st2auth issues (st2web's session, the CLI's
# ~/.st2/token); service_token_ttl is the life of the token st2actionrunner puts
# in every action's environment (ST2_AUTH_TOKEN) and of the sensor container's.
# st2 itself sets no bound (both default to 86400 s); a token leaked from a
# browser, a laptop or an action's log works for as long as its TTL.
package st2.hardening

import data.st2.lib

rules["ST2-SEC-036"] := {
	"title": "st2 tokens valid longer than the policy allows",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"[auth] token_ttl is the longest a login token st2auth issues stays valid (st2web, st2 login),",
		"and [auth] service_token_ttl the life of the token every action and sensor receives",
		"(ST2_AUTH_TOKEN): a token copied from a browser, a laptop or an action's output works that",
		"long. st2's default for both is 86400 (a day). Keep them at or below the bundle's maxima",
		"(settings.st2_config.max_token_ttl_seconds, max_service_token_ttl_seconds); long-lived",
		"automation uses an st2 API key, which can be revoked.",
	]),
}

# The bundle's maxima: a week for logins, 30 days for service tokens (room for
# multi-day actions and long-running sensors, whose tokens are made once).
token_ttl_max := {
	"auth.token_ttl": object.get(data.settings, ["st2_config", "max_token_ttl_seconds"], 604800),
	"auth.service_token_ttl": object.get(data.settings, ["st2_config", "max_service_token_ttl_seconds"], 2592000),
}

# The services that use each TTL: st2auth issues logins; st2actionrunner and
# st2sensorcontainer create service tokens (the datastore service runs in them).
token_ttl_roles := {
	"auth.token_ttl": {"st2auth"},
	"auth.service_token_ttl": {"st2actionrunner", "st2sensorcontainer"},
}

findings contains f if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	some t in object.get(c, "token_ttls", [])
	t.seconds > token_ttl_max[t.option]
	count(roles_at(to_number(key), c.path) & token_ttl_roles[t.option]) > 0
	[i, path] := config_error_location(to_number(key), c, t)
	f := lib.finding("ST2-SEC-036", lib.severity_strict, i, path, {"option": t.option, "seconds": t.seconds, "max": token_ttl_max[t.option], "file": t.file})
}

# ST2-SEC-017 (rule in operations_commands.rego), production only: `[system] debug`
# (or `[DEFAULT] debug`) true in st2api, st2auth or st2stream (the twelfth red team's
# cfg-system-debug). service_setup.py sets every log handler to DEBUG, and the API
# router then logs each request's URL unmasked, with the `x-auth-token` and
# `st2-api-key` query parameters the INFO line masks: tokens and API keys of
# webhooks and browsers go to the pod log. Debugging elsewhere is the owner's call.
debug_log_roles := {"st2api", "st2auth", "st2stream"}

findings contains f if {
	lib.profile == "production"
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	d := c.debug_log
	is_object(d)
	count(roles_at(to_number(key), c.path) & debug_log_roles) > 0
	[i, path] := config_error_location(to_number(key), c, d)
	f := lib.finding("ST2-SEC-017", "deny", i, path, {"program": concat("", ["st2 with ", d.option, " = True (DEBUG logs request URLs with their tokens)"]), "secret": "x-auth-token, st2-api-key"})
}
