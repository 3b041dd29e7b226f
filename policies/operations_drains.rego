# The ninth red team's drains and names (test/policy/redteam/fresh9-store.ts):
#
# ST2-OPS-038 a node drain holding an st2 or store pod that can never finish:
#             a PodDisruptionBudget allowing no disruption (maxUnavailable 0,
#             minAvailable of every replica), two budgets over one pod (the
#             eviction API refuses such a pod: "This pod has more than one
#             PodDisruptionBudget, which the eviction subresource does not
#             support"), and a MongoDB readiness probe only the primary
#             passes (the budget counts Ready pods: its floor is never met);
# ST2-OPS-039 st2 and store pods that cannot resolve cluster names
#             (mongodb-0.mongodb, rabbitmq, etcd): dnsPolicy Default, None
#             without a cluster search domain, or host networking without
#             ClusterFirstWithHostNet.
package st2.operations

import data.st2.lib

rules["ST2-OPS-038"] := {
	"title": "Disruption budget or readiness that blocks every node drain",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A PodDisruptionBudget must allow at least one disruption (maxUnavailable 1, or",
		"minAvailable below the replicas; a singleton takes maxUnavailable: 1), each pod may be",
		"selected by one budget only (the eviction API refuses a pod under two), and a store's",
		"readiness must pass on every healthy member (a MongoDB probe that only the primary passes",
		"keeps the budget's floor unmet). Otherwise every drain holding such a pod waits forever.",
	]),
}

rules["ST2-OPS-039"] := {
	"title": "st2 or store pod that cannot resolve cluster names",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2 and its stores reach each other by cluster DNS names (mongodb-0.mongodb, rabbitmq,",
		"etcd). Keep dnsPolicy ClusterFirst (ClusterFirstWithHostNet with hostNetwork); dnsPolicy",
		"Default uses the node's resolver, and None needs dnsConfig with the cluster's nameserver",
		"and search domains.",
	]),
}

# --- ST2-OPS-038 ----------------------------------------------------------------------------------

known_workload(w) if {
	some role in w.roles
	role in lib.known_roles
}

# Pods a budget keeps: minAvailable as a count (a percentage rounded up, as the disruption controller does).
kept_pods(v, _) := v if is_number(v)

# Of percentages only 100% is judged (the controller rounds the others up; a budget near 100% is left to ST2-OPS-005's review).
kept_pods("100%", replicas) := replicas

allows_no_disruption(pdb, _) if pdb.spec.maxUnavailable in {0, "0", "0%"}

allows_no_disruption(pdb, replicas) if kept_pods(pdb.spec.minAvailable, replicas) >= replicas

findings contains f if {
	some i, pdb in lib.resources_of_kind("PodDisruptionBudget")
	some k in pdb_members[i]
	w := lib.workloads[k]
	known_workload(w)
	w.replicas > 0
	allows_no_disruption(pdb, w.replicas)
	f := lib.finding("ST2-OPS-038", lib.severity_strict, i, ["spec"], {"component": w.component, "replicas": w.replicas, "problem": "the budget allows no disruption"})
}

# The budgets over each workload, by name (a budget rendered twice is one object), built once.
budgets_of[k] contains lib.name(input.resources[i]) if {
	some i, members in pdb_members
	some k in members
}

findings contains f if {
	some k, budgets in budgets_of
	count(budgets) > 1
	w := lib.workloads[k]
	known_workload(w)
	f := lib.finding("ST2-OPS-038", lib.severity_strict, k, ["metadata", "name"], {"component": w.component, "budgets": count(budgets), "problem": "more than one budget selects its pods: evictions are refused"})
}

findings contains f if {
	some i, w in lib.workloads
	w.roles.mongodb
	some c in lib.workload_containers(i, w)
	c.field == "containers"
	text := lower(concat(" ", object.get(c.container, ["readinessProbe", "exec", "command"], [])))
	primary_only(text)
	f := lib.finding("ST2-OPS-038", lib.severity_strict, i, array.concat(c.path, ["readinessProbe"]), {"component": w.component, "problem": "only the primary is ever Ready"})
}

primary_only(text) if {
	some word in ["ismaster", "iswritableprimary", ".primary"]
	contains(text, word)
	not contains(text, "secondary")
}

# --- ST2-OPS-039 ----------------------------------------------------------------------------------

findings contains f if {
	some i, w in lib.workloads
	known_workload(w)
	some u in w.units
	problem := dns_problem(u.pod_spec)
	f := lib.finding("ST2-OPS-039", lib.severity_strict, i, array.concat(u.spec_path, ["dnsPolicy"]), {"component": w.component, "problem": problem})
}

dns_problem(spec) := "dnsPolicy Default: the node's resolver knows no cluster names" if {
	spec.dnsPolicy == "Default"
} else := "dnsPolicy None without a cluster search domain" if {
	spec.dnsPolicy == "None"
	not cluster_search(spec)
} else := "host network without ClusterFirstWithHostNet: the node's resolver" if {
	spec.hostNetwork == true
	object.get(spec, "dnsPolicy", "ClusterFirst") == "ClusterFirst"
}

cluster_search(spec) if {
	count(spec.dnsConfig.nameservers) > 0
	some s in spec.dnsConfig.searches
	contains(s, "svc.")
}
