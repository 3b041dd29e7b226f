# ST2-EXP-016: a login or a store password the chart publishes, reachable from
# outside the cluster, in every environment. Dev is lenient about its own
# data (its default Secrets only warn, ST2-SEC-001), but the published st2admin login on
# an open LoadBalancer, a public Ingress or a tunnel is a shell in the shared
# cluster for anyone (core.local runs shell commands in the runners), and a
# published MongoDB or RabbitMQ password on the internet is the store and a
# foothold beside every tenant. Which logins are the published ones is read
# from the secret search (input.facts.literal_hits: ids, never values) in
# the Secrets the checking pods read; what is reachable from outside is what
# the exposure rules already know:
# LoadBalancers not restricted (exposure.rego), routes and tunnels
# (route_backends, route_hosts), less an Ingress limited to source ranges.
# It lives in st2.secrets because it reads a string fact (literal_hits): the
# policy worker judges it with st2/fact_findings, once the strings are searched.
package st2.secrets

import data.st2.exposure
import data.st2.lib

rules["ST2-EXP-016"] := {
	# The login is on the internet for as long as any waiver runs, whatever the environment.
	"waivable_in_production": false,
	"waivable_in_staging": false,
	"waivable_in_dev": false,
	"title": "Published default login or store password reachable from outside the cluster",
	"default_severity": "deny",
	"profiles": "deny in every environment",
	"remediation": concat(" ", [
		"st2web or st2auth still accepts the chart's published st2admin login, or MongoDB or RabbitMQ",
		"the chart's password, and an unrestricted LoadBalancer, a public Ingress or route, or a",
		"tunnel (Cloudflare TunnelBinding, ngrok AgentEndpoint) reaches it: anyone who reads the",
		"chart logs in and runs actions (or reads the store) inside the shared cluster. Keep dev",
		"on a NodePort or kubectl port-forward, restrict the LoadBalancer (source ranges or an",
		"internal load balancer) or the Ingress (allowlist-source-range), or set real credentials.",
	]),
}

# The roles a published literal logs in to: st2's login through st2web's
# /auth or st2auth itself (st2api and st2stream take tokens only), and the
# stores' own users; and the role whose pods read it: st2auth's htpasswd is
# made from the Secret holding st2admin's password.
default_login_roles := {
	"st2-auth-password": {"st2web", "st2auth"},
	"mongodb-admin-password": {"mongodb"},
	"mongodb-root-password": {"mongodb"},
	"rabbitmq-password": {"rabbitmq"},
	"rabbitmq-erlang-cookie": {"rabbitmq"},
}

default_login_readers := {
	"st2-auth-password": "st2auth",
	"mongodb-admin-password": "mongodb",
	"mongodb-root-password": "mongodb",
	"rabbitmq-password": "rabbitmq",
	"rabbitmq-erlang-cookie": "rabbitmq",
}

# [namespace, name] of each Secret holding a published login, with its ids.
defaulted_secrets[[lib.namespace(r), lib.name(r)]] contains hit.literal if {
	some hit in input.facts.literal_hits
	default_login_readers[hit.literal]
	r := input.resources[hit.resource]
	r.kind == "Secret"
}

# A login is the published one when the pods that check it read such a
# Secret (a stray copy elsewhere is ST2-SEC-001's, not a login).
defaulted_roles contains role if {
	secrets := defaulted_secrets
	count(secrets) > 0
	some w in lib.workloads
	some reader in w.roles
	some u in w.units
	some name in data.st2.operations.pod_secret_names(u.pod_spec)
	some id in secrets[[w.namespace, name]]
	default_login_readers[id] == reader
	some role in default_login_roles[id]
}

service_at[[lib.namespace(svc), lib.name(svc)]] contains i if some i, svc in exposure.services

# [resource, path, what, role] of each way in from outside to a defaulted role.
public_reach contains [i, ["spec", "type"], lib.name(svc), role] if {
	defaulted := defaulted_roles
	count(defaulted) > 0
	some i, roles in exposure.service_roles
	svc := exposure.services[i]
	exposure.service_type(svc) == "LoadBalancer"
	public_lb(i, svc)
	some role in roles
	defaulted[role]
}

public_reach contains [r, ["spec"], name, role] if {
	defaulted := defaulted_roles
	count(defaulted) > 0
	some [r, ns, name] in exposure.route_backends
	not restricted_route(input.resources[r])
	some role in backend_roles([ns, name])
	defaulted[role]
}

public_reach contains [r, ["spec"], ref[1], role] if {
	defaulted := defaulted_roles
	count(defaulted) > 0
	some [r, ref] in exposure.route_hosts
	not restricted_route(input.resources[r])
	some role in backend_roles(ref)
	defaulted[role]
}

backend_roles(ref) := {role | some i in service_at[ref]; some role in exposure.service_roles[i]} | object.get(exposure.store_targets, [ref], set())

public_lb(_, svc) if not exposure.restricted_lb(svc)

public_lb(i, svc) if {
	exposure.restricted_lb(svc)
	not exposure.internal_lb(svc)
	count(exposure.lb_sources_too_wide(i)) > 0
}

# ingress-nginx's allowlist (whitelist-source-range before v1.9): only those
# clients reach the Ingress; an open or unreadable range does not restrict.
source_range_annotations := {
	"nginx.ingress.kubernetes.io/whitelist-source-range",
	"nginx.ingress.kubernetes.io/allowlist-source-range",
}

restricted_route(r) if {
	r.kind == "Ingress"
	some key in source_range_annotations
	text := r.metadata.annotations[key]
	is_string(text)
	trim_space(text) != ""
	every range in split(text, ",") {
		trim_space(range) != ""
		not exposure.open_range(trim_space(range))
	}
}

findings contains f if {
	some [i, path, what, role] in public_reach
	f := lib.finding("ST2-EXP-016", lib.severity_always, i, path, {"service": what, "component": role})
}
