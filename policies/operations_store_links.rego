# Where st2's stores and the Services st2 connects through lead, beyond the
# cluster (the thirteenth red team's store exfiltration,
# test/policy/redteam/fresh13-stores.ts). "Outside" is ST2-OPS-013's: a host
# cluster DNS does not answer for (cluster_host), or an in-cluster name that
# is an ExternalName leading outside (leads_outside); a host the bundle lists
# in data.settings.exposure.external_stores is trusted, over TLS.
#
# ST2-EXP-017 a Service st2 connects through (the bus, the database members,
#             the coordination store, [auth] api_url: st2-transport.ts's
#             hosts) made an ExternalName to an outside name: cluster DNS
#             answers with a CNAME, so st2 logs in there, takes its locks
#             there, hands its tokens there;
# ST2-SEC-039 a store replicating to or from outside: an etcd member, a
#             discovery service or a discovery SRV domain outside (etcd
#             replicates its keyspace to every member), a RabbitMQ shovel or
#             federation upstream at an outside broker (messages moved out,
#             or an outsider's messages copied into st2's exchanges);
# ST2-OPS-013 (extended) RabbitMQ's LDAP backend at an outside server: it
#             binds as the client with the client's password;
# ST2-SEC-040 st2's logs sent out by a Python logging config an st2 workload
#             mounts (st2 hands its [<service>] logging file to fileConfig): a
#             SysLog, HTTP, Socket, Datagram or SMTP handler at an outside host.
# The hosts are read in TypeScript (input.facts.store_links, src/policy/store-links.ts).
package st2.operations

import data.st2.lib

rules["ST2-EXP-017"] := {
	# A CNAME out sends st2's passwords and tokens out: never waivable in production.
	"waivable_in_production": false,
	"title": "Service st2 connects through made an ExternalName outside the cluster",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2 reaches its message bus, database, coordination store and API by Service name",
		"([messaging] url, [database] host, [coordination] url, [auth] api_url). An ExternalName",
		"Service of that name makes cluster DNS answer with the outside name, so st2 logs in, takes",
		"its locks and sends its tokens there. Keep the Service selecting the in-cluster pods; a",
		"managed store outside the cluster must be named in the policy bundle's settings",
		"(exposure.external_stores).",
	]),
}

rules["ST2-SEC-039"] := {
	# Replicated data is out for good: never waivable in production.
	"waivable_in_production": false,
	"title": "Store replicating to or from a host outside the cluster",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"etcd replicates its whole keyspace (st2's locks and coordination data) to every member:",
		"--initial-cluster must list only the StatefulSet's own pods, and --discovery or",
		"--discovery-srv lets whoever answers there choose the members. A RabbitMQ shovel moves",
		"st2's messages (action parameters and results) to its destination, and a federation",
		"upstream copies whatever is published there into st2's exchanges. Keep them inside the",
		"cluster; a disaster-recovery broker or store outside it must be named in the policy",
		"bundle's settings (exposure.external_stores) and reached over TLS (https, amqps).",
	]),
}

rules["ST2-SEC-040"] := {
	"title": "st2's logs sent outside the cluster by a logging handler",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2 sets up each service's logging from its [<service>] logging file with Python's",
		"logging.config.fileConfig, so a SysLogHandler, HTTPHandler, SocketHandler, DatagramHandler",
		"or SMTPHandler there sends every record at its level out: execution parameters and results",
		"(st2 masks only the parameters marked secret), and at DEBUG much more. Log to the files and",
		"the console the images ship and collect the pod logs in the cluster; a collector outside it",
		"must be named in the policy bundle's settings (exposure.external_stores) and reached over TLS.",
	]),
}

store_links := l if {
	l := input.facts.store_links
	is_array(l)
} else := []

# --- ST2-EXP-017 ----------------------------------------------------------------------------------

# [namespace, Service] pairs st2's transport hosts resolve through (replicas_needed.rego's reading).
st2_service_refs contains c if {
	some [i, _, host] in data.st2.replicas.st2_hosts
	some c in data.st2.replicas.host_services(host, lib.workloads[i].namespace)
}

findings contains f if {
	count(external_names) > 0
	some i, svc in lib.resources_of_kind("Service")
	ref := [lib.namespace(svc), lib.name(svc)]
	target := external_names[ref]
	st2_service_refs[ref]
	not cluster_host(target)
	not listed_store(target)
	f := lib.finding("ST2-EXP-017", lib.severity_strict, i, ["spec", "externalName"], {"service": lib.name(svc), "host": shown_host(target)})
}

# --- ST2-SEC-039 ----------------------------------------------------------------------------------

link_tls(l) := true if l.tls == true else := false

findings contains f if {
	some l in store_links
	l.store in {"etcd", "rabbitmq"}
	l.link != "ldap"
	store_host_outside(l.host, lib.namespace(input.resources[l.resource]))
	reason := store_exit_reason(l.host, link_tls(l))
	f := lib.finding("ST2-SEC-039", lib.severity_strict, l.resource, l.path, {"store": l.store, "link": l.link, "host": shown_host(l.host), "why": reason})
}

# --- ST2-OPS-013: RabbitMQ's LDAP servers -------------------------------------------------------

findings contains f if {
	some l in store_links
	l.link == "ldap"
	store_host_outside(l.host, lib.namespace(input.resources[l.resource]))
	reason := store_exit_reason(l.host, link_tls(l))
	f := lib.finding("ST2-OPS-013", lib.severity_strict, l.resource, l.path, {"option": "rabbitmq auth_ldap.servers", "host": shown_host(l.host), "why": reason})
}

# --- ST2-SEC-040 ----------------------------------------------------------------------------------

# [kind, name] of the ConfigMaps and Secrets st2's own workloads mount.
st2_mounted_sources contains src if {
	some w in lib.workloads
	some role in w.roles
	not lib.backing_roles[role]
	some src in data.st2.replicas.config_sources(w)
}

findings contains f if {
	some l in store_links
	l.store == "st2-logs"
	r := input.resources[l.resource]
	st2_mounted_sources[[r.kind, lib.name(r)]]
	store_host_outside(l.host, lib.namespace(r))
	reason := store_exit_reason(l.host, link_tls(l))
	f := lib.finding("ST2-SEC-040", lib.severity_strict, l.resource, l.path, {"handler": "python logging", "host": shown_host(l.host), "why": reason})
}
