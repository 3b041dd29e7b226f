# ST2-EXP-008, continued (the fifteenth red team): a Gateway API
# ReferenceGrant in an st2 namespace. A route may send traffic to a Service of
# another namespace only when a ReferenceGrant there allows it (Gateway API,
# ReferenceGrant; a `to` without a name covers every Service of the
# namespace). A grant to a store's Service, for routes of a namespace the
# render does not write (a shared gateway's), lets whoever writes routes
# there publish the store: the route the gate would deny in st2's namespace,
# written where it cannot see it. A grant for routes of a namespace the
# policy lists (as strict) is judged through those routes; a grant to st2web, or of a TLS
# Secret to a Gateway, publishes nothing more than the Ingress does.
package st2.exposure

import data.st2.lib

# The stores a route kind can carry clients to: any TCP protocol through a
# TCPRoute; HTTP only to the stores that speak it (RabbitMQ's management API,
# etcd's JSON gateway), gRPC only to etcd's v3 API. A TLSRoute passes client
# TLS through and st2's stores listen in plain TCP; no store listens on UDP.
grant_route_stores := {
	"TCPRoute": lib.backing_roles,
	"HTTPRoute": {"rabbitmq", "etcd"},
	"GRPCRoute": {"etcd"},
}

findings contains f if {
	some i, grant in lib.resources_of_kind("ReferenceGrant")
	some from in object.get(grant, ["spec", "from"], [])
	carries := grant_route_stores[from.kind]
	from_ns := object.get(from, "namespace", "")
	not judged_routes(from_ns, lib.namespace(grant))
	some k, to in object.get(grant, ["spec", "to"], [])
	object.get(to, "group", "") == ""
	to.kind == "Service"
	some [service, role] in granted_stores(lib.namespace(grant), object.get(to, "name", ""))
	carries[role]
	route := concat("", [from.kind, "s of namespace ", from_ns, ", by ReferenceGrant ", lib.name(grant)])
	f := lib.finding("ST2-EXP-008", lib.severity_strict, i, ["spec", "to", k], {"route": route, "service": service, "component": role})
}

# Routes of a namespace the policy lists, at least as strict as the grant's,
# are rendered and judged by the same rules (a staging route to prod's store is not).
judged_routes(from_ns, grant_ns) if {
	lib.known_namespaces[from_ns]
	grant_rank(from_ns) >= grant_rank(grant_ns)
}

grant_rank(ns) := lib.rank_of(lib.namespace_profiles[ns]) if {
	lib.namespace_profiles[ns]
} else := lib.rank_of(lib.profile)

# [service, store role] a grant's `to` reaches in namespace ns: the named
# Service, or (no name) every Service there.
granted_stores(ns, name) := {[name, role] |
	some role in store_targets[[ns, name]]
} | {[name, role] |
	some role in service_roles_by_ref(ns, name)
	lib.backing_roles[role]
} if {
	is_string(name)
	name != ""
} else := {["every Service", role] |
	some [target_ns, _], roles in store_targets
	target_ns == ns
	some role in roles
}
