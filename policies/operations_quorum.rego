# ST2-OPS-005, continued: the seventh red team's HA holes
# (test/policy/redteam/fresh7-ha.ts). A disruption budget that lets a drain
# take a quorum store's majority, strategy Recreate on an HA st2 service, a
# Service (or a coordination url) narrowed to one member; and ST2-REP-014
# for RabbitMQ clusters without peer discovery.
package st2.operations

import data.st2.lib

# --- Disruption budgets on quorum stores -------------------------------------------------------

# Stores that stop (or pause, RabbitMQ with pause_minority) without a majority of their members.
quorum_roles := {"mongodb", "etcd", "zookeeper", "rabbitmq"}

# A budget of one pod (maxUnavailable 0 or 1) never takes two members: only the others are judged.
pdb_may_take_two(pdb) if not one_pod_budget(pdb)

# (A helper: inside `not`, OPA would hoist the reference and fail when it is absent.)
one_pod_budget(pdb) if pdb.spec.maxUnavailable in {0, 1, "0", "1", "0%"}

# Pods a PDB lets a drain evict out of `total` selected (policy/v1: percentages round up).
pdb_disruptions(pdb, total) := n if {
	v := pdb.spec.maxUnavailable
	n := pdb_pods(v, total)
} else := total - pdb_pods(pdb.spec.minAvailable, total)

pdb_pods(v, _) := v if is_number(v)

pdb_pods(v, total) := ceil((to_number(trim_suffix(v, "%")) * total) / 100) if {
	is_string(v)
	endswith(v, "%")
}

pdb_pods(v, _) := to_number(v) if {
	is_string(v)
	regex.match(`^[0-9]+$`, v)
}

findings contains f if {
	some i, pdb in lib.resources_of_kind("PodDisruptionBudget")
	pdb_may_take_two(pdb)
	some role in quorum_roles
	some k, w in data.st2.replicas.with_role(role)
	w.replicas >= 3
	pdb_members[i][k]

	allowed := pdb_disruptions(pdb, pdb_covered[i])
	allowed > floor((w.replicas - 1) / 2)
	severity := quorum_severity(w.replicas - allowed)
	f := lib.finding("ST2-OPS-005", severity, i, ["spec"], {"component": w.component, "replicas": w.replicas, "how": "disruption budget takes the quorum", "disruptions": allowed})
}

# Every pod a budget covers counts: one over two stores lets a drain take
# either's majority.
pdb_covered[i] := sum([lib.workloads[k].replicas | some k in pdb_members[i]; lib.workloads[k].replicas > 0]) if {
	some i, pdb in lib.resources_of_kind("PodDisruptionBudget")
	pdb_may_take_two(pdb)
}

# Fewer than 2 members left (a 3-member store's majority) is denied, as
# ST2-OPS-005 has always asked of quorum stores (minAvailable 2). A larger
# store whose budget keeps 2 but not a majority (5 members, minAvailable 2)
# is a warning: the seventh red team grew MongoDB to 5 under the base's
# budget and counted it safe.
quorum_severity(left) := severity_ha if {
	left < 2
} else := "warn" if lib.profile in {"production", "staging"}

# --- strategy Recreate on an HA service --------------------------------------------------------

# Recreate stops every old pod before any new one starts; right for the
# singletons (st2timersengine, st2sensorcontainer), an outage for the rest.
findings contains f if {
	some i, r in lib.resources_of_kind("Deployment")
	r.spec.strategy.type == "Recreate"
	w := lib.workloads[i]
	ha_workload(w)
	f := lib.finding("ST2-OPS-005", severity_ha, i, ["spec", "strategy", "type"], {"component": w.component, "replicas": w.replicas, "how": "rollout (strategy Recreate)"})
}

# --- a Service narrowed to one member ------------------------------------------------------------

# Labels the StatefulSet controller gives one pod each (a Deployment's pods have neither).
pod_keys := {"statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index"}

findings contains f if {
	some i, svc in lib.resources_of_kind("Service")
	sel := svc.spec.selector
	is_object(sel)
	some key in pod_keys
	is_string(sel[key])
	ns := lib.namespace(svc)
	some w in lib.workloads
	ha_workload(w)
	w.namespace == ns
	w.kind == "StatefulSet"
	every k, v in sel {
		selector_holds(k, v, w)
	}
	st2_depends_on(ns, lib.name(svc), w)
	f := lib.finding("ST2-OPS-005", severity_ha, i, ["spec", "selector", key], {"component": w.component, "replicas": w.replicas, "how": "Service narrowed to one pod"})
}

# A pod name is one of the StatefulSet's (<name>-<ordinal>); an ordinal is any of its pods.
selector_holds("statefulset.kubernetes.io/pod-name", v, w) if {
	is_string(v)
	startswith(v, concat("", [w.name, "-"]))
	regex.match(`^[0-9]+$`, substring(v, count(w.name) + 1, -1))
}

selector_holds("apps.kubernetes.io/pod-index", v, _) if is_string(v)

selector_holds(k, v, w) if w.pod_labels[k] == v

# An st2 service's Service is how clients reach it; a store's is st2's when
# st2's config names it ([coordination] url, [messaging] url or cluster_urls, [database] host).
st2_depends_on(_, _, w) if {
	some role in w.roles
	not lib.backing_roles[role]
}

st2_depends_on(ns, name, _) if [ns, name] in st2_store_refs

st2_store_refs contains ref if {
	some [i, _, text] in st2_conf_texts
	some [section, option] in [["coordination", "url"], ["messaging", "url"], ["messaging", "cluster_urls"], ["database", "host"]]
	value := option_value(text, section, option)
	some part in split(value, ",")
	some ref in data.st2.exposure.host_refs(trim_space(part), lib.namespace(input.resources[i]))
}

# --- the coordination url -----------------------------------------------------------------------

# [resource, path, url] of every [coordination] url in an st2 config text.
coordination_urls contains [i, path, url] if {
	some [i, path, text] in st2_conf_texts
	url := option_value(text, "coordination", "url")
	contains(url, "://")
}

# The host names of a url (kazoo://a:2181,b:2181/chroot: a and b), read
# without a regular expression (the wasm engine compiles each pattern again in
# every evaluation, and this runs on every render).
url_hosts(url) := [h |
	rest := split(url, "://")[1]
	authority := split(split(split(rest, "/")[0], "?")[0], "#")[0]
	at := split(authority, "@")
	some part in split(at[count(at) - 1], ",")
	h := lower(split(trim_space(part), ":")[0])
	h != ""
]

# [namespace, name] pairs a host may stand for: its Service or workload
# ("name", "name.ns", "name.ns.svc..."), or a headless Service's member's
# Service ("pod.service", "pod.service.ns"), as exposure's host_refs reads them.
url_host_refs(host, own_ns) := {[data.st2.exposure.host_namespace_of(labels, own_ns), labels[0]]} | {[data.st2.exposure.member_namespace_of(labels, own_ns), labels[1]] | count(labels) > 1} if {
	labels := split(host, ".")
}

# Workloads (indexes) a name in a namespace reaches: the workload of that
# name, or the pods a Service of that name selects.
named_workloads(ns, name) := lib.workloads_called(ns, name) | {k |
	some svc in object.get(services_named, concat("\n", [ns, name]), set())
	some k in lib.workloads_matching(ns, object.get(svc, ["spec", "selector"], {}))
}

services_named[key] contains svc if {
	some svc in lib.resources_of_kind("Service")
	key := concat("\n", [lib.namespace(svc), lib.name(svc)])
}

# A StatefulSet member's own name (etcd-0.etcd-headless): that one pod.
member_host(host, ns) if {
	first := split(host, ".")[0]
	parts := split(first, "-")
	ordinal := parts[count(parts) - 1]
	count(parts) > 1
	ordinal != ""
	trim_left(ordinal, "0123456789") == ""
	owner := substring(first, 0, (count(first) - count(ordinal)) - 1)
	some w in lib.workloads
	w.kind == "StatefulSet"
	w.namespace == ns
	w.name == owner
	w.replicas > 1
}

findings contains f if {
	some [i, path, url] in coordination_urls
	ns := lib.namespace(input.resources[i])
	hosts := {h | some h in url_hosts(url)}
	count(hosts) == 1
	some host in hosts
	member_host(host, ns)
	f := lib.finding("ST2-OPS-005", severity_ha, i, path, {"component": "st2", "how": "coordination url names one member of the store"})
}

# --- ST2-REP-014: RabbitMQ without peer discovery -------------------------------------------------

# A RabbitMQ cluster st2 uses, of two or more nodes, whose nodes are never
# told about each other: each boots a cluster of its own (the official image's
# default). Peer discovery is a cluster_formation backend (a classic_config
# one with its nodes listed), advanced.config's cluster_nodes, rabbitmqctl
# join_cluster in what the pods run, or Bitnami's RABBITMQ_CLUSTER_NODE_NAME.
findings contains f if {
	some i, w in lib.workloads
	w.roles.rabbitmq
	w.replicas > 1
	st2_used_workloads[i]
	not rabbitmq_forms_cluster(w, rabbitmq_texts(w))
	f := lib.finding("ST2-REP-014", lib.severity_strict, i, w.spec_path, {"component": w.component, "store": "rabbitmq", "replicas": w.replicas, "members": 1})
}

# A cluster_formation line of rabbitmq.conf (sysctl format: whole-line # comments),
# read line by line rather than by a regular expression (see url_hosts).
rabbitmq_forms_cluster(_, texts) if {
	some text in texts
	contains(text, "cluster_formation")
	some line in split(text, "\n")
	l := trim_space(line)
	startswith(l, "cluster_formation.")
	kv := split(l, "=")
	count(kv) > 1
	peer_discovery(trim_space(kv[0]), trim_space(concat("=", array.slice(kv, 1, count(kv)))))
}

peer_discovery("cluster_formation.peer_discovery_backend", value) if {
	trim_prefix(trim_prefix(value, "rabbit_peer_discovery_"), "rabbitmq_peer_discovery_") in {"k8s", "dns", "consul", "etcd", "aws"}
}

peer_discovery(key, value) if {
	startswith(key, "cluster_formation.classic_config.nodes.")
	value != ""
}

rabbitmq_forms_cluster(_, texts) if any_match(texts, "cluster_nodes", `\{\s*cluster_nodes\s*,\s*\{\s*\[\s*['"]?[A-Za-z]`)

rabbitmq_forms_cluster(_, texts) if any_match(texts, "join_cluster", `join_cluster\s+\S`)

rabbitmq_forms_cluster(w, _) if {
	some u in w.units
	some c in u.running
	some e in object.get(c, "env", [])
	e.name == "RABBITMQ_CLUSTER_NODE_NAME"
}
