# ST2-REP-014 (etcd and MongoDB) and ST2-REP-015: replicated stores whose
# members never form one cluster, and a coordination store below the quorum
# floor. The seventh red team (test/policy/redteam/fresh7-ha.ts). The member
# counts are read in TypeScript (input.facts.store_members,
# src/policy/outage-facts.ts): etcd's --initial-cluster, ETCD_INITIAL_CLUSTER
# or config file, and the literal hosts an rs.initiate lists. RabbitMQ's peer
# discovery is judged with its other texts in operations_quorum.rego.
package st2.replicas

import data.st2.lib

store_members := m if {
	m := input.facts.store_members
	is_array(m)
} else := []

# A cluster formed of fewer members than the quorum floor (3), or than the
# StatefulSet runs when it runs fewer: members told only of themselves, or of
# one other, form clusters of their own. More pods than listed members (a set
# grown to 5 that still initiates 3) keep a 3-member cluster: not judged here
# (the third red team's grown MongoDB is a safe case).
short_of_floor(members, replicas) if members < min([replicas, 3])

# etcd: the members an etcd pod bootstraps with (the default, no
# --initial-cluster, is itself alone).
findings contains f if {
	some fact in store_members
	fact.store == "etcd"
	w := lib.workloads[fact.resource]
	w.roles.etcd
	short_of_floor(fact.members, w.replicas)
	f := lib.finding("ST2-REP-014", lib.severity_strict, fact.resource, fact.path, {"component": w.component, "store": "etcd", "replicas": w.replicas, "members": fact.members})
}

# MongoDB: an rs.initiate (in a ConfigMap or Secret a MongoDB pod mounts, or
# inline in its command) listing too few hosts: the others never join.
findings contains f if {
	some fact in store_members
	fact.store == "mongodb"
	r := input.resources[fact.resource]
	ns := lib.namespace(r)
	some w in with_role("mongodb")
	w.namespace == ns
	runs_script(w, fact.resource, r)
	size := mongodb_size(ns)
	short_of_floor(fact.members, size)
	f := lib.finding("ST2-REP-014", lib.severity_strict, fact.resource, fact.path, {"component": w.component, "store": "mongodb", "replicas": size, "members": fact.members})
}

runs_script(w, _, r) if [r.kind, lib.name(r)] in config_sources(w)

runs_script(w, i, _) if lib.workloads[i] == w

# The replica set's size: its largest MongoDB StatefulSet in the namespace.
mongodb_size(ns) := max([w.replicas |
	some w in with_role("mongodb")
	w.namespace == ns
	w.stateful
])

# --- ST2-REP-015: the coordination store's size -----------------------------------------------

findings contains f if {
	some [i, path, url] in data.st2.operations.coordination_urls
	ns := lib.namespace(input.resources[i])
	targets := coordination_workloads(url, ns)
	count(targets) > 0
	members := sum([lib.workloads[k].replicas | some k in targets])
	not quorum_size(url, members)
	f := lib.finding("ST2-REP-015", lib.severity_capacity, i, path, {"scheme": url_scheme(url), "members": members, "minimum": 3})
}

# At least 3; odd for the consensus stores (ZooKeeper, etcd).
quorum_size(url, n) if {
	n >= 3
	not consensus_scheme(url_scheme(url))
}

quorum_size(url, n) if {
	n >= 3
	consensus_scheme(url_scheme(url))
	n % 2 == 1
}

consensus_scheme(s) if scheme_family(s) in {"etcd", "zookeeper"}

url_scheme(url) := lower(split(url, "://")[0])

# The workloads a coordination url's hosts reach (indexes): by Service, or by a workload's own name.
coordination_workloads(url, ns) := {k |
	some host in data.st2.operations.url_hosts(url)
	some [hns, name] in data.st2.operations.url_host_refs(host, ns)
	some k in data.st2.operations.named_workloads(hns, name)
}
