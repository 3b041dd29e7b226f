# Formation settings (the tenth red team's store classes,
# test/policy/redteam/fresh11-stores.ts): what each store member needs to form
# a cluster with the others and keep it, read by
# src/policy/store-formation.ts into input.facts.store_ha:
#
# ST2-REP-014 (extended) members that never form one cluster: an Erlang cookie
#             built from the pod's own name, RabbitMQ node names the peer list
#             does not name, an etcd --name missing from --initial-cluster,
#             --initial-cluster-state existing for a cluster the render
#             bootstraps whole, a --replSet StatefulSet nothing initiates, an
#             rs.initiate naming hosts that are not the set's pods, and an etcd
#             or RabbitMQ StatefulSet started one pod at a time (OrderedReady)
#             whose readiness needs the others;
#             the eleventh red team's etcd --force-new-cluster and peer URLs
#             that disagree with --initial-cluster, one RabbitMQ node name on
#             every pod, dotted node names under short names;
#             the sixteenth's StatefulSet identity: pod names renumbered by
#             spec.ordinals.start, and a serviceName that is no headless
#             Service of the render (the pods' <pod>.<service> names vanish),
#             for rs.initiate hosts and etcd's peer URLs;
# ST2-REP-021 (extended) the data directory moved within its claim;
# ST2-REP-026 a replica set that has no primary after losing one member.
package st2.replicas

import data.st2.lib

rules["ST2-REP-026"] := {
	"title": "MongoDB replica set left without a primary when one member is lost",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"rs.initiate's members must survive the loss of any one of them: a majority of the voting",
		"members left and one of them electable (priority above 0, votes 1, not an arbiter). With",
		"priority 0 (or votes 0) on all members but one, draining or losing that member leaves the",
		"set without a primary and st2 stops writing. Different non-zero priorities, or priority 0",
		"on one member of three, keep failover.",
	]),
}

formation_problems := {
	"cookie_per_pod": "Erlang cookie built from a per-pod value: every node has another cookie and none can join the others",
	"node_not_peer": "node name the classic_config peer list does not name: the nodes never find each other, and each boots empty under its new name",
	"member_name": "etcd --name is not a name of --initial-cluster: a bootstrapping or replaced member exits",
	"cluster_state": "--initial-cluster-state existing while the render's own members are the whole initial cluster: a fresh or rebuilt cluster never forms",
	"init_missing": "the render's rs.initiate is run by nothing (no container runs it inline or mounts the script): a fresh or rebuilt set never forms",
	"init_host": "rs.initiate names a host that is not one of the StatefulSet's pods (spec.ordinals.start counted) under its governing headless Service: the initiation fails",
	"peer_host": "an etcd peer URL names a host that is not one of the StatefulSet's pods (spec.ordinals.start counted) under its governing headless Service: the members never reach each other",
	"force_new_cluster": "--force-new-cluster on the members of a StatefulSet: each restarts from its own data as a one-member cluster, and st2's locks land on separate stores",
	"peer_urls": "--initial-cluster's URLs for the member differ from its --initial-advertise-peer-urls: a bootstrapping or rebuilt member exits",
	"node_shared": "every pod given one RabbitMQ node name: the nodes never form a cluster, each pod is a broker of its own",
	"short_names": "RABBITMQ_USE_LONGNAME off with dotted node names: Erlang refuses a short name with a dot, no node starts",
	"config_missing": "RABBITMQ_CONFIG_FILE names a file that is not there: the node starts without rabbitmq.conf (no peer list, no definitions) and never joins the others",
}

findings contains f if {
	some s in object.get(input.facts, "store_ha", [])
	is_object(s)
	problem := formation_problems[s.setting]
	f := lib.finding("ST2-REP-014", lib.severity_strict, s.resource, s.path, {"store": s.store, "setting": s.setting, "value": s.value, "problem": problem})
}

findings contains f if {
	some s in object.get(input.facts, "store_ha", [])
	is_object(s)
	s.setting == "data_moved"
	f := lib.finding("ST2-REP-021", lib.severity_strict, s.resource, s.path, {"store": s.store, "volume": "moved within its claim", "directory": s.value})
}

findings contains f if {
	some s in object.get(input.facts, "store_ha", [])
	is_object(s)
	s.setting == "electable"
	f := lib.finding("ST2-REP-026", lib.severity_strict, s.resource, s.path, {"store": s.store, "members": s.capacity, "electable": s.value})
}

# --- OrderedReady: a cluster that waits on itself ------------------------------------------------
#
# With OrderedReady the controller creates pod N+1 only once pod N is ready. etcd's
# /health (without serializable=true) and etcdctl's default health check need quorum,
# so etcd-0 is never ready alone; a RabbitMQ node that went down with the others
# waits for the last one that stopped before it boots (reference §12, rabbitmq
# cluster-operator #1997). Parallel starts them together; a readiness probe that
# passes on one member alone (a TCP check on etcd, a serializable /health) does not wait.

findings contains f if {
	some i, w in store_workloads
	some role in w.roles
	role in {"etcd", "rabbitmq"}
	r := input.resources[i]
	r.kind == "StatefulSet"
	w.replicas > 1
	object.get(r, ["spec", "podManagementPolicy"], "OrderedReady") == "OrderedReady"
	some c in object.get(r, ["spec", "template", "spec", "containers"], [])
	role in lib.image_roles(c)
	readiness_waits_for_peers(role, c.readinessProbe)
	f := lib.finding("ST2-REP-014", lib.severity_strict, i, ["spec", "podManagementPolicy"], {"store": role, "setting": "podManagementPolicy", "value": "OrderedReady", "problem": "members started one by one behind a readiness that needs the others: a fresh or fully restarted cluster never starts its second member"})
}

readiness_waits_for_peers("rabbitmq", probe) if is_object(probe)

readiness_waits_for_peers("etcd", probe) if {
	is_object(probe)
	not probe.tcpSocket
	not serializable_http(probe)
}

serializable_http(probe) if contains(probe.httpGet.path, "serializable=true")
