# ST2-SEC-025, 026 and ST2-SEC-024's pip_opts: where st2's own settings send
# its tokens and fetch its code (the eleventh red team), read from each st2
# process's chain of config files (src/policy/st2-option-egress.ts through
# st2-chains.ts: input.facts.st2_chains) and from the st2 client's and
# st2web's environment (egress-env.ts: command_effects of effect "st2-url").
package st2.operations

import data.st2.lib

rules["ST2-SEC-025"] := {
	"title": "st2's tokens or logins sent to an endpoint outside the cluster",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"[auth] api_url is the URL st2's runners hand every action (ST2_ACTION_API_URL beside",
		"ST2_ACTION_AUTH_TOKEN) and sensors and the datastore service call with their tokens",
		"(st2common/util/api.py); ST2_API_URL / ST2_AUTH_URL / ST2_STREAM_URL / ST2_BASE_URL are",
		"where the st2 CLI sends its X-Auth-Token and `st2 login` its password. Point them at st2's",
		"Services (http://st2api:9101, http://st2auth:9100) or at this deployment's own st2web host",
		"(an Ingress host of the render) over https.",
	]),
}

rules["ST2-SEC-026"] := {
	"title": "st2's pack index from a host the policy does not list",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"[content] index_url decides which git repository `st2 pack install <name>` clones: an",
		"index someone else serves hands out their pack code, which st2's runners and sensors run",
		"with st2's credentials. Keep StackStorm Exchange's index (https://index.stackstorm.org/v1/index.json),",
		"serve a mirror inside the cluster, or list your own index's host in",
		"settings.delivery.pack_index_hosts (policies/settings/data.json); over https.",
	]),
}

default_pack_index_hosts := ["index.stackstorm.org"]

pack_index_hosts := {lower(h) | some h in object.get(data.settings, ["delivery", "pack_index_hosts"], default_pack_index_hosts); is_string(h)} | {"index.stackstorm.org"}

# This deployment's own public names: its Ingresses' and HTTPRoutes' hosts.
own_hosts contains lower(h) if {
	some r in lib.resources_of_kind("Ingress")
	some rule in object.get(r, ["spec", "rules"], [])
	h := rule.host
	is_string(h)
}

own_hosts contains lower(h) if {
	some r in lib.resources_of_kind("HTTPRoute")
	some h in object.get(r, ["spec", "hostnames"], [])
	is_string(h)
}

# `<service>.<namespace>` and `<pod>.<service>` of a Service the render holds.
render_service_host(host) if {
	parts := split(host, ".")
	count(parts) == 2
	some [_, name] in service_names
	name in parts
}

st2_endpoint_allowed(e) if e.internal

st2_endpoint_allowed(e) if render_service_host(e.host)

st2_endpoint_allowed(e) if {
	e.tls
	own_hosts[e.host]
}

chain_urls contains [to_number(key), c.path, u] if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	some u in object.get(c, "option_urls", [])
}

findings contains f if {
	some [resource, path, u] in chain_urls
	u.option == "auth.api_url"
	not st2_endpoint_allowed(u)
	f := lib.finding("ST2-SEC-025", lib.severity_strict, resource, path, {"option": "[auth] api_url", "host": u.host, "file": u.file})
}

findings contains f if {
	some e in effects
	e.effect == "st2-url"
	not st2_endpoint_allowed(e)
	f := lib.finding("ST2-SEC-025", lib.severity_strict, e.resource, e.path, {"variable": e.variable, "host": e.host})
}

pack_index_allowed(u) if {
	u.tls
	pack_index_hosts[u.host]
}

pack_index_allowed(u) if u.internal

pack_index_allowed(u) if render_service_host(u.host)

findings contains f if {
	some [resource, path, u] in chain_urls
	u.option == "content.index_url"
	not pack_index_allowed(u)
	f := lib.finding("ST2-SEC-026", lib.severity_strict, resource, path, {"option": "[content] index_url", "host": u.host, "tls": u.tls, "file": u.file})
}

findings contains f if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	some s in object.get(c, "option_installs", [])
	not s.internal
	not source_listed(s)
	f := lib.finding("ST2-SEC-024", lib.severity_strict, to_number(key), c.path, {"source": "[actionrunner] pip_opts", "problem": s.problem, "host": s.host})
}
